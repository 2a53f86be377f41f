/*
 * gongkai figure set: enter a figure of table 二 that comes from another
 * system (行政许可/行政处罚/行政强制 decisions, 行政事业性收费 in 万元, the
 * 2019 layout's 项目数量 …), with a note of where it came from.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "report/layout.h"
#include "report/sheet.h"

#include "base/banned.h"

#define CMD "figure"

static const char usage[] =
	"usage: gongkai figure set --db FILE --agency CODE --year Y --row ROW --column COL\n"
	"                          --value N [--source TEXT]\n"
	"\n"
	"ROW and COL are the ids of table 二 in the year's layout (report JSON uses the\n"
	"same ids). 2021 layout: licensing|penalty|enforcement with decisions, fees\n"
	"with fee_amount (万元, decimals allowed). 2019 layout: licensing|\n"
	"other_services|penalty|enforcement with prev_items|change|decisions, fees\n"
	"with prev_items|change, procurement with items|amount. The 规章 and 行政规范性\n"
	"文件 rows are counted from the documents and cannot be entered.\n";

static const struct cli_opt opts[] = {
	{"--db", true},	   {"--agency", true}, {"--year", true},   {"--row", true},
	{"--column", true}, {"--value", true},  {"--source", true}, {"--help", false},
	{NULL, false},
};

/* The row and column must exist in the layout of that year, and the value
 * must be what that column holds. */
static int validate(long year, const char *row, const char *column, const char *value)
{
	const struct layout *l = layout_for_year((int)year);
	const struct layout_disc_row *r = layout_disclosure_row_by_id(l, str_from_cstr(row));
	struct sheet_num n;

	if (!r)
		return cli_usage(CMD, "--row: '%s' is not a row of table 二 in the %s layout; see "
				      "`gongkai figure --help`", row, l->name);
	if (r->row == DISC_RULES || r->row == DISC_NORMATIVE)
		return cli_usage(CMD, "--row: %s is counted from the documents of the ledger", row);
	for (size_t c = 0; c < r->block->n_columns; c++)
		if (!strcmp(r->block->columns[c].id, column)) {
			if (sheet_parse_number(str_from_cstr(value), r->block->columns[c].kind, &n))
				return -1;
			return cli_usage(CMD, "--value: '%s' is not %s", value,
					 r->block->columns[c].kind == VALUE_AMOUNT ? "an amount like 12.50"
					 : r->block->columns[c].kind == VALUE_SIGNED ? "a whole number"
										     : "a count (0 or more)");
		}
	return cli_usage(CMD, "--column: '%s' is not a column of row %s in the %s layout", column,
			 row, l->name);
}

int cmd_figure(int argc, char **argv)
{
	const struct cli_opt *o;
	const char *v, *action = NULL, *db = NULL, *agency = NULL, *row = NULL, *column = NULL,
		       *value = NULL, *source = NULL;
	long year = 0;
	int i = 0, status;
	struct store_agency ag;
	struct gk_errmsg m;
	struct store *st;
	enum gk_err err;

	for (;;) {
		enum cli_next next = cli_next(CMD, argc, argv, &i, opts, &o, &v);
		if (next == CLI_END)
			break;
		if (next == CLI_ERROR)
			return CLI_EXIT_USAGE;
		if (next == CLI_POSITIONAL && !action && !strcmp(v, "set"))
			action = v;
		else if (next == CLI_POSITIONAL)
			return cli_usage(CMD, "unexpected argument '%s'; see `gongkai figure --help`", v);
		else if (!strcmp(o->name, "--help"))
			return fputs(usage, stdout), CLI_EXIT_OK;
		else if (!strcmp(o->name, "--year")) {
			if (!cli_parse_long(CMD, "--year", v, GK_DATE_MIN_YEAR, GK_DATE_MAX_YEAR, &year))
				return CLI_EXIT_USAGE;
		} else {
			const char **slot = !strcmp(o->name, "--db")	    ? &db
					    : !strcmp(o->name, "--agency") ? &agency
					    : !strcmp(o->name, "--row")	    ? &row
					    : !strcmp(o->name, "--column") ? &column
					    : !strcmp(o->name, "--value")  ? &value
									   : &source;
			*slot = v;
		}
	}
	if (!action)
		return cli_usage(CMD, "say set; see `gongkai figure --help`");
	if (!agency || !year || !row || !column || !value)
		return cli_usage(CMD, "set needs --agency, --year, --row, --column and --value");
	if ((status = validate(year, row, column, value)) >= 0)
		return status;
	if (!(st = cli_open_store(CMD, db, false, &status)))
		return status;
	if (cli_agency(CMD, st, agency, &ag, &status)) {
		err = store_figure_set(st, ag.id, (int)year, row, column, value, source, &m);
		status = err ? cli_fail(CMD, err, &m) : CLI_EXIT_OK;
		if (!err)
			printf("%s %ld %s.%s = %s\n", agency, year, row, column, value);
	}
	store_close(st);
	return status;
}
