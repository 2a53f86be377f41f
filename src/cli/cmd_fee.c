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

struct fee_args {
	const char *which; /* --items or --pages */
	long n;
	bool json;
};

static int set_option(void *ctx, const struct cli_opt *o, const char *v)
{
	struct fee_args *f = ctx;

	if (!strcmp(o->name, "--json")) {
		f->json = true;
		return -1;
	}
	if (f->which)
		return cli_usage(CMD, "%s: give either --items or --pages, once "
				 "(109号第三条: one standard per application)", o->name);
	f->which = o->name;
	return cli_parse_long(CMD, o->name, v, 1, FEES_MAX_COUNT, &f->n) ? -1 : CLI_EXIT_USAGE;
}

int cmd_fee(int argc, char **argv)
{
	struct fee_args f = {NULL, 0, false};
	int n_pos, status;
	struct buf explain;

	if ((status = cli_parse(CMD, argc, argv, opts, usage, NULL, 0, &n_pos, set_option, &f)) >= 0)
		return status;
	if (!f.which)
		return cli_usage(CMD, "--items or --pages is missing; see `gongkai fee --help`");
	buf_init(&explain, 1 << 20);
	if (!strcmp(f.which, "--items"))
		fees_explain_per_item(f.n, &explain);
	else
		fees_explain_by_pages(f.n, &explain);
	if (f.json) {
		status = print_json(!strcmp(f.which, "--items"), f.n, buf_str(&explain));
	} else {
		fputs(buf_cstr(&explain), stdout);
		status = CLI_EXIT_OK;
	}
	buf_release(&explain);
	return status;
}
