/*
 * gongkai report: the annual report (年度报告) compiled from the ledger,
 * written in the official layout; publishing freezes it; staff edit its
 * text sections. See app/ledger_report.h and docs/ledger.md.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ledger_report.h"
#include "base/file.h"
#include "cli/cli.h"
#include "report/write_html.h"
#include "report/write_json.h"
#include "report/write_md.h"
#include "report/write_xlsx.h"

#include "base/banned.h"

#define CMD "report"

static const char usage[] =
	"usage: gongkai report --db FILE --agency CODE (--year Y | --from DATE --to DATE)\n"
	"                      [--region] --format md|html|json|xlsx [-o OUT] [--live]\n"
	"       gongkai report --db FILE (--year Y | --from DATE --to DATE) --each\n"
	"       gongkai report publish --db FILE --agency CODE --year Y [--region]\n"
	"                      --by NAME [--date DATE]\n"
	"       gongkai report text --db FILE --agency CODE --year Y [--region]\n"
	"                      --section 1|5|6 --file TEXT.txt\n"
	"\n"
	"Compile the report of an agency (--region: with every agency under it,\n"
	"cell by cell) for a year, or any period (季度统计), from the ledger: tables\n"
	"二, 三, 四 counted from documents, applications and appeals, the figures\n"
	"entered with `gongkai figure set`, and the text sections (一 drafted with\n"
	"the period's figures; 五 and 六 as staff wrote them with `report text`).\n"
	"Every report passes the checker's rules before it is written.\n"
	"\n"
	"A published report is frozen: later ledger edits do not change it; --live\n"
	"compiles from the ledger anyway. --each writes every agency's report for\n"
	"the period as JSON, one object per line. xlsx needs -o; the others write\n"
	"to standard output without it. Files are replaced whole or not at all.\n";

static const struct cli_opt opts[] = {
	{"--db", true},	   {"--agency", true},	 {"--year", true},   {"--from", true},
	{"--to", true},	   {"--region", false},	 {"--format", true}, {"-o", true},
	{"--live", false}, {"--each", false},	 {"--by", true},     {"--date", true},
	{"--section", true}, {"--file", true},	 {"--help", false},  {NULL, false},
};

struct args {
	const char *action; /* NULL, "publish" or "text" */
	const char *db, *agency, *format, *out, *by, *file;
	long year, section;
	gk_date from, to, date;
	bool region, live, each;
};

static int set_option(void *ctx, const struct cli_opt *o, const char *v)
{
	struct args *a = ctx;

	if (!strcmp(o->name, "--year"))
		return cli_parse_long(CMD, o->name, v, GK_DATE_MIN_YEAR, GK_DATE_MAX_YEAR, &a->year)
			       ? -1 : CLI_EXIT_USAGE;
	if (!strcmp(o->name, "--section"))
		return cli_parse_long(CMD, o->name, v, 1, 6, &a->section) ? -1 : CLI_EXIT_USAGE;
	if (!strcmp(o->name, "--from") || !strcmp(o->name, "--to") || !strcmp(o->name, "--date"))
		return cli_parse_date(CMD, o->name, v,
				      o->name[2] == 'f' ? &a->from : o->name[2] == 't' ? &a->to
											: &a->date)
			       ? -1 : CLI_EXIT_USAGE;
	if (!strcmp(o->name, "--region"))
		a->region = true;
	else if (!strcmp(o->name, "--live"))
		a->live = true;
	else if (!strcmp(o->name, "--each"))
		a->each = true;
	else if (!strcmp(o->name, "--db"))
		a->db = v;
	else if (!strcmp(o->name, "--agency"))
		a->agency = v;
	else if (!strcmp(o->name, "--format"))
		a->format = v;
	else if (!strcmp(o->name, "-o"))
		a->out = v;
	else if (!strcmp(o->name, "--by"))
		a->by = v;
	else
		a->file = v;
	return -1;
}

/* -1 when the arguments are complete and consistent, else the exit status. */
static int parse(int argc, char **argv, struct args *a)
{
	const char *action[1] = {NULL};
	int n = 0, status = cli_parse(CMD, argc, argv, opts, usage, action, 1, &n, set_option, a);

	if (status >= 0)
		return status;
	if (n && strcmp(action[0], "publish") && strcmp(action[0], "text"))
		return cli_usage(CMD, "unexpected argument '%s'; see `gongkai report --help`",
				 action[0]);
	a->action = action[0];
	if (a->year && (a->from || a->to))
		return cli_usage(CMD, "give --year or --from/--to, not both");
	if (a->year) {
		a->from = date_from_ymd((int)a->year, 1, 1);
		a->to = date_from_ymd((int)a->year, 12, 31);
	}
	if (!a->from || !a->to)
		return cli_usage(CMD, "the period is missing: --year Y, or --from DATE --to DATE");
	if (a->from > a->to)
		return cli_usage(CMD, "--from is after --to");
	if (!a->agency && !a->each)
		return cli_usage(CMD, "--agency CODE is missing; see `gongkai agency list`");
	return -1;
}

/* Write to a temporary file beside out and rename it into place, so a
 * failure never leaves half a report under the real name. */
static int write_report(const struct args *a, const struct sheet *s, const struct findings *f)
{
	char tmp[4096];
	FILE *fp = stdout;
	struct gk_errmsg m;
	enum gk_err err;
	bool xlsx = !strcmp(a->format, "xlsx");

	if (xlsx && !a->out)
		return cli_usage(CMD, "--format xlsx needs -o FILE.xlsx");
	if (a->out && snprintf(tmp, sizeof(tmp), "%s.tmp", a->out) >= (int)sizeof(tmp))
		return cli_usage(CMD, "-o: the path is too long");
	if (a->out && !xlsx && !(fp = fopen(tmp, "w")))
		return fprintf(stderr, "gongkai report: %s: cannot create: %s\n", tmp,
			       strerror(errno)),
		       CLI_EXIT_USAGE;
	if (xlsx) {
		err = report_write_xlsx(s, tmp, &m);
	} else if (!strcmp(a->format, "md")) {
		err = report_write_md(s, fp, &m);
	} else if (!strcmp(a->format, "html")) {
		err = report_write_html(s, fp, &m);
	} else {
		json_t *o = report_json_object(s, a->out ? a->out : "-", f);
		err = o ? report_json_dump(o, fp, &m) : gk_errf(&m, GK_ENOMEM, "out of memory");
		json_decref(o);
	}
	if (a->out && !xlsx && fclose(fp) && !err)
		err = gk_errf(&m, GK_EIO, "%s: cannot write: %s", tmp, strerror(errno));
	if (a->out && !err && rename(tmp, a->out))
		err = gk_errf(&m, GK_EIO, "%s: cannot rename into place: %s", a->out,
			      strerror(errno));
	if (a->out && err)
		remove(tmp);
	return err ? cli_fail(CMD, err, &m) : CLI_EXIT_OK;
}

static void say_findings(const struct ledger_report *r)
{
	char day[GK_DATE_STRLEN];

	if (r->frozen)
		fprintf(stderr, "gongkai report: the published report (frozen %s by %s); --live "
				"compiles from the ledger\n",
			date_format(r->published_on, day), r->published_by);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.items[i];

		/* The compiler leaves a cell of 二 blank only when its figure
		 * (from another system) was never entered: say how to enter it. */
		if (f->table == TABLE_DISCLOSURE && !strcmp(f->rule, "blank") && f->row_id &&
		    f->column)
			fprintf(stderr,
				"gongkai report: 表二 %s · %s 空白（未录入）: gongkai figure set "
				"--row %s --column %s --value N\n",
				f->row_label, f->column_label, f->row_id, f->column);
		else
			fprintf(stderr, "gongkai report: %s: %s\n", finding_severity_name(f->severity),
				f->message);
	}
}

static int show(struct store *st, const struct args *a, const struct store_scope *sc)
{
	static const char *const formats[] = {"md", "html", "json", "xlsx"};
	struct ledger_report r;
	struct gk_errmsg m;
	enum gk_err err;
	int status = CLI_EXIT_USAGE;

	for (size_t i = 0; a->format && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(a->format, formats[i]))
			status = CLI_EXIT_OK;
	if (status)
		return cli_usage(CMD, "--format: '%s' is not allowed; use md, html, json or xlsx",
				 a->format ? a->format : "");
	err = ledger_report_build(st, sc, a->live ? LEDGER_REPORT_LIVE : 0, &r, &m);
	if (err)
		status = cli_fail(CMD, err, &m);
	else
		say_findings(&r), status = write_report(a, r.sheet, &r.findings);
	ledger_report_release(&r);
	return status;
}

static int print_line(void *ctx, const struct store_agency *ag, const struct ledger_report *r)
{
	json_t *o = report_json_object(r->sheet, ag->code, &r->findings);
	int failed = !o || json_dumpf(o, stdout, JSON_COMPACT) || putchar('\n') == EOF;

	(void)ctx;
	json_decref(o);
	return failed;
}

static int each(struct store *st, const struct args *a)
{
	struct gk_errmsg m;
	enum gk_err err = ledger_report_each_agency(st, a->from, a->to, print_line, NULL, &m);

	return err ? cli_fail(CMD, err, &m) : CLI_EXIT_OK;
}

static int publish(struct store *st, const struct args *a, const struct store_scope *sc)
{
	struct gk_errmsg m;
	char day[GK_DATE_STRLEN];
	gk_date on = a->date ? a->date : date_today_china();
	enum gk_err err;

	if (!a->by)
		return cli_usage(CMD, "publish needs --by NAME: who publishes the report");
	if ((err = ledger_report_publish(st, sc, a->by, on, &m)))
		return cli_fail(CMD, err, &m);
	printf("report of %s frozen as published on %s by %s\n", a->agency, date_format(on, day),
	       a->by);
	return CLI_EXIT_OK;
}

static int edit_text(struct store *st, const struct args *a, const struct store_scope *sc)
{
	struct gk_errmsg m;
	struct buf text;
	enum gk_err err;

	if (a->section != 1 && a->section != 5 && a->section != 6)
		return cli_usage(CMD, "--section: %ld is a table; the text sections are 1, 5 and 6",
				 a->section);
	if (!a->file)
		return cli_usage(CMD, "text needs --file TEXT.txt (- for standard input)");
	err = file_read_all(a->file, 1u << 20, &text, &m);
	if (!err)
		err = store_report_text_set(st, sc, (int)a->section, text.data ? text.data : "",
					    &m);
	buf_release(&text);
	if (err)
		return cli_fail(CMD, err, &m);
	printf("section %ld of the report of %s saved\n", a->section, a->agency);
	return CLI_EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
	struct args a = {0};
	int status = parse(argc, argv, &a);
	struct store_scope sc = {.region = a.region, .from = a.from, .to = a.to};
	struct store_agency ag;
	struct store *st;

	if (status >= 0)
		return status;
	sc.region = a.region, sc.from = a.from, sc.to = a.to;
	st = cli_open_store(CMD, a.db, false, &status);
	if (!st)
		return status;
	if (a.each && !a.action)
		status = each(st, &a);
	else if (cli_agency(CMD, st, a.agency, &ag, &status)) {
		sc.agency_id = ag.id;
		status = !a.action		      ? show(st, &a, &sc)
			 : !strcmp(a.action, "publish") ? publish(st, &a, &sc)
							: edit_text(st, &a, &sc);
	}
	store_close(st);
	return status;
}
