/*
 * gongkai fee (--items N | --pages N) [--json]: the 信息处理费 of
 * 国办函〔2020〕109号, with each tier shown, so a handler can put the
 * arithmetic into the 收费通知书.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "law/fees.h"

#include "base/banned.h"

#define CMD "fee"

static const char usage[] =
	"usage: gongkai fee --items N [--json]   按件计收: the applicant's N-th application\n"
	"                                        this natural month, and the month's total\n"
	"       gongkai fee --pages N [--json]   按量计收: one application of N pages\n"
	"\n"
	"国办函〔2020〕109号 第四条 and 第五条, excess-progressive. Charging is at the\n"
	"agency's discretion and only for 数量、频次明显超过合理范围 (条例第四十二条).\n";

static const struct cli_opt opts[] = {
	{"--items", true}, {"--pages", true}, {"--json", false}, {"--help", false}, {NULL, false},
};

static int print_json(bool items, long n, struct str explain)
{
	json_t *o = json_object();

	json_object_set_new(o, "standard", json_string(items ? "per_item" : "by_pages"));
	json_object_set_new(o, items ? "items" : "pages", json_integer(n));
	if (items) {
		json_object_set_new(o, "fee_of_nth", json_integer(fees_per_item_nth(n)));
		json_object_set_new(o, "month_total", json_integer(fees_per_item_total(n)));
	} else {
		json_object_set_new(o, "fee", json_integer(fees_by_pages(n)));
	}
	json_object_set_new(o, "explain", cli_json_lines(explain));
	return cli_print_json(o);
}

int cmd_fee(int argc, char **argv)
{
	const struct cli_opt *o;
	const char *v, *which = NULL;
	bool as_json = false;
	long n = 0;
	int i = 0, status;
	struct buf explain;

	for (;;) {
		enum cli_next next = cli_next(CMD, argc, argv, &i, opts, &o, &v);
		if (next == CLI_END)
			break;
		if (next == CLI_ERROR)
			return CLI_EXIT_USAGE;
		if (next == CLI_POSITIONAL)
			return cli_usage(CMD, "unexpected argument '%s'; see `gongkai fee --help`", v);
		if (!strcmp(o->name, "--help")) {
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		}
		if (!strcmp(o->name, "--json")) {
			as_json = true;
			continue;
		}
		if (which)
			return cli_usage(CMD, "%s: give either --items or --pages, once "
					 "(109号第三条: one standard per application)", o->name);
		which = o->name;
		if (!cli_parse_long(CMD, o->name, v, 1, FEES_MAX_COUNT, &n))
			return CLI_EXIT_USAGE;
	}
	if (!which)
		return cli_usage(CMD, "--items or --pages is missing; see `gongkai fee --help`");
	buf_init(&explain, 1 << 20);
	if (!strcmp(which, "--items"))
		fees_explain_per_item(n, &explain);
	else
		fees_explain_by_pages(n, &explain);
	if (as_json) {
		status = print_json(!strcmp(which, "--items"), n, buf_str(&explain));
	} else {
		fputs(buf_cstr(&explain), stdout);
		status = CLI_EXIT_OK;
	}
	buf_release(&explain);
	return status;
}
