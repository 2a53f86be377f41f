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

struct figure_opts {
	const char *db, *agency, *row, *column, *value, *source;
	long year;
};

static int set_option(void *ctx, const struct cli_opt *o, const char *v)
{
	struct figure_opts *f = ctx;
	const char **slot;

	if (!strcmp(o->name, "--year"))
		return cli_parse_long(CMD, "--year", v, GK_DATE_MIN_YEAR, GK_DATE_MAX_YEAR, &f->year)
			       ? -1
			       : CLI_EXIT_USAGE;
	slot = !strcmp(o->name, "--db")	      ? &f->db
	       : !strcmp(o->name, "--agency") ? &f->agency
	       : !strcmp(o->name, "--row")    ? &f->row
	       : !strcmp(o->name, "--column") ? &f->column
	       : !strcmp(o->name, "--value")  ? &f->value
					      : &f->source;
	*slot = v;
	return -1;
}

int cmd_figure(int argc, char **argv)
{
	struct figure_opts f = {0};
	const char *pos[1], *action;
	int n_pos, status;
	struct store_agency ag;
	struct gk_errmsg m;
	struct store *st;
	enum gk_err err;

	if ((status = cli_parse(CMD, argc, argv, opts, usage, pos, 1, &n_pos, set_option, &f)) >= 0)
		return status;
	action = n_pos && !strcmp(pos[0], "set") ? pos[0] : NULL;
	if (n_pos && !action)
		return cli_usage(CMD, "unexpected argument '%s'; see `gongkai figure --help`", pos[0]);
	if (!action)
		return cli_usage(CMD, "say set; see `gongkai figure --help`");
	if (!f.agency || !f.year || !f.row || !f.column || !f.value)
		return cli_usage(CMD, "set needs --agency, --year, --row, --column and --value");
	if ((status = validate(f.year, f.row, f.column, f.value)) >= 0)
		return status;
	if (!(st = cli_open_store(CMD, f.db, false, &status)))
		return status;
	if (cli_agency(CMD, st, f.agency, &ag, &status)) {
		err = store_figure_set(st, ag.id, (int)f.year, f.row, f.column, f.value, f.source, &m);
		status = err ? cli_fail(CMD, err, &m) : CLI_EXIT_OK;
		if (!err)
			printf("%s %ld %s.%s = %s\n", f.agency, f.year, f.row, f.column, f.value);
	}
	store_close(st);
	return status;
}
