/*
 * gongkai import applications|cases|documents FILE.csv --db FILE: load a
 * ledger kept in a spreadsheet. All or nothing (app/import.h).
 */
#include <stdio.h>
#include <string.h>

#include "app/import.h"
#include "base/file.h"
#include "cli/cli.h"

#include "base/banned.h"

#define CMD "import"

static const char usage[] =
	"usage: gongkai import applications|cases|documents FILE.csv --db FILE [--today DATE]\n"
	"\n"
	"applications.csv  agency,ref,applicant_type,received,closed,outcome\n"
	"                  (机关代码,申请编号,申请人类型,收到日期,办结日期,办理结果);\n"
	"                  optional: channel, submitted, applicant_name, content\n"
	"cases.csv         agency,ref,kind,filed,closed,result   kind 复议|诉讼|复议后诉讼,\n"
	"                  result 维持|纠正|其他 (empty while pending);\n"
	"                  optional: application (its ref), co_defendant_only (是/否), note\n"
	"documents.csv     agency,title,doc_number,category,created,published,summary,body\n"
	"                  category: item 1–15 of 条例第二十条 or a subject of the agency;\n"
	"                  optional: kind (规章|行政规范性文件), abolished, index_no\n"
	"\n"
	"Dates are YYYY-MM-DD and not after --today (default: today in China). One\n"
	"bad row rejects the whole file with FILE:LINE: column: what is wrong, and the\n"
	"database stays as it was.\n";

static const struct cli_opt opts[] = {
	{"--db", true}, {"--today", true}, {"--help", false}, {NULL, false}};

struct import_opts {
	const char *db;
	gk_date today;
};

static int set_option(void *ctx, const struct cli_opt *opt, const char *v)
{
	struct import_opts *o = ctx;

	if (!strcmp(opt->name, "--today"))
		return cli_parse_date(CMD, "--today", v, &o->today) ? -1 : CLI_EXIT_USAGE;
	o->db = v;
	return -1;
}

int cmd_import(int argc, char **argv)
{
	struct import_opts o = {.today = date_today_china()};
	const char *pos[2] = {NULL, NULL};
	int n_pos = 0, status;
	enum import_kind kind;
	struct import_result res;
	struct gk_errmsg m;
	struct store *st;
	struct buf data;
	enum gk_err err;

	if ((status = cli_parse(CMD, argc, argv, opts, usage, pos, 2, &n_pos, set_option, &o)) >= 0)
		return status;
	if (n_pos != 2)
		return cli_usage(CMD, "give the kind (applications, cases or documents) and the "
				      "CSV file; see `gongkai import --help`");
	if (!import_kind_parse(pos[0], &kind))
		return cli_usage(CMD, "'%s' is not a kind of import; allowed: applications, cases, "
				      "documents", pos[0]);
	if ((err = file_read_all(pos[1], IMPORT_MAX_FILE, &data, &m))) {
		buf_release(&data);
		return cli_fail(CMD, err, &m);
	}
	st = cli_open_store(CMD, o.db, false, &status);
	if (st) {
		err = import_csv(st, kind, pos[1], data.data ? data.data : "", data.len, o.today,
				 &res, &m);
		status = err ? cli_fail(CMD, err, &m) : CLI_EXIT_OK;
		if (!err && res.ignored[0])
			fprintf(stderr, "gongkai import: columns not read: %s\n", res.ignored);
		if (!err)
			printf("%s: %zu %s imported\n", pos[1], res.rows, import_kind_name(kind));
		store_close(st);
	}
	buf_release(&data);
	return status;
}
