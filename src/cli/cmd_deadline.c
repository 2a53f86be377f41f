/*
 * gongkai deadline: the statutory clock of one application, from the
 * command line. The contract (README, issue "Foundation"):
 *
 *   gongkai deadline --received YYYY-MM-DD [--corrected YYYY-MM-DD] [--extended]
 *                    [--pause YYYY-MM-DD..YYYY-MM-DD]... [--today YYYY-MM-DD] [--json]
 *
 * Plain output: the due date on the first line, then the trace. Bad input:
 * exit 2 with one line naming the argument, the value and what is allowed.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "law/calendar.h"
#include "law/clock.h"

#include "base/banned.h"

#define CMD "deadline"

static const char usage[] =
	"usage: gongkai deadline --received YYYY-MM-DD [options]\n"
	"       gongkai deadline --channel CHANNEL (--submitted|--signed|--confirmed) YYYY-MM-DD "
	"[options]\n"
	"\n"
	"Computes the answer deadline of a 政府信息公开申请 and explains every date.\n"
	"\n"
	"  --received D          收到申请之日 (第三十一条)\n"
	"  --channel C           instead of --received: 当面|邮寄|平常信函|网络|传真 (or in_person,\n"
	"                        post, letter, online, fax) with the date that channel needs:\n"
	"  --submitted D         当面: the day it was handed in\n"
	"  --signed D            邮寄: the day the agency signed for it\n"
	"  --confirmed D         平常信函, 网络, 传真: the day receipt was confirmed\n"
	"  --corrected D         the corrected application (补正) was received: the clock restarts\n"
	"  --extended            an extension of 20 working days was approved\n"
	"  --extension-days N    an approved extension of N (1-20) working days\n"
	"  --pause A..B          consultation of a third party (第三十二条): days A < d <= B are not\n"
	"                        counted; repeatable; 'A..' for one still open\n"
	"  --pause-agency A..B   the same for a consultation of another agency (第三十四条)\n"
	"  --fee-notice D        a fee notice was sent: also show the payment deadline (109号)\n"
	"  --today D             also show working days left (negative when overdue)\n"
	"  --calendar FILE       use this holiday file instead of the built-in one\n"
	"  --json                one JSON object instead of text\n";

static const struct cli_opt opts[] = {
	{"--received", true},	  {"--channel", true},	      {"--submitted", true},
	{"--signed", true},	  {"--confirmed", true},      {"--corrected", true},
	{"--extended", false},	  {"--extension-days", true}, {"--pause", true},
	{"--pause-agency", true}, {"--fee-notice", true},     {"--today", true},
	{"--calendar", true},	  {"--json", false},	      {"--help", false},
	{NULL, false},
};

static bool parse_window(const char *opt, const char *value, enum clock_pause_kind kind,
			 struct clock_pause *p)
{
	if (clock_pause_parse(str_from_cstr(value), kind, p))
		return true;
	cli_usage(CMD, "%s: '%s' is not a window; expected YYYY-MM-DD..YYYY-MM-DD (or "
		  "YYYY-MM-DD.. while still open)", opt, value);
	return false;
}

static const char *field_option(enum clock_field f)
{
	switch (f) {
	case CLOCK_FIELD_RECEIVED:
		return "--received";
	case CLOCK_FIELD_CORRECTED:
		return "--corrected";
	case CLOCK_FIELD_EXTENSION:
		return "--extension-days";
	case CLOCK_FIELD_PAUSE:
		return "--pause";
	case CLOCK_FIELD_FEE_NOTICE:
		return "--fee-notice";
	case CLOCK_FIELD_TODAY:
		return "--today";
	}
	return "?";
}

static json_t *date_json(gk_date d)
{
	char s[GK_DATE_STRLEN];

	return json_string(date_format(d, s));
}

static int print_json(const struct clock_input *in, const struct clock_result *r,
		      struct str trace)
{
	json_t *o = json_object(), *pauses = json_array();

	json_object_set_new(o, "received", date_json(in->received));
	json_object_set_new(o, "start", date_json(r->start));
	if (in->has_corrected)
		json_object_set_new(o, "corrected", date_json(in->corrected));
	json_object_set_new(o, "limit_days", json_integer(r->limit_days));
	json_object_set_new(o, "extension_days", json_integer(in->extension_days));
	json_object_set_new(o, "due", date_json(r->due));
	json_object_set_new(o, "correction_notice_due", date_json(r->correction_notice_due));
	if (in->has_fee_notice)
		json_object_set_new(o, "fee_payment_due", date_json(r->fee_payment_due));
	json_object_set_new(o, "excluded_days", json_integer(r->excluded_days));
	for (size_t k = 0; k < in->n_pauses; k++) {
		const struct clock_pause *p = &in->pauses[k];
		json_t *w = json_object();
		json_object_set_new(w, "from", date_json(p->from));
		json_object_set_new(w, "to", p->open ? json_null() : date_json(p->to));
		json_object_set_new(w, "kind", json_string(p->kind == CLOCK_PAUSE_THIRD_PARTY
								   ? "third_party"
								   : "agency"));
		json_array_append_new(pauses, w);
	}
	json_object_set_new(o, "pauses", pauses);
	json_object_set_new(o, "paused", json_boolean(r->paused));
	json_object_set_new(o, "calendar_complete", json_boolean(r->calendar_complete));
	if (in->has_today) {
		json_object_set_new(o, "today", date_json(in->today));
		json_object_set_new(o, "working_days_left", json_integer(r->working_days_left));
	}
	json_object_set_new(o, "trace", cli_json_lines(trace));
	return cli_print_json(o);
}

struct deadline_args {
	struct clock_input in;
	struct clock_pause pauses[CLOCK_MAX_PAUSES];
	bool has_received, has_channel, json;
	struct clock_receipt receipt;
	const char *calendar_path;
	const char *received_rule;
};

/* Parse argv into *a. Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct deadline_args *a)
{
	const struct cli_opt *o;
	const char *v;
	int i = 0;
	long n;

	for (;;) {
		switch (cli_next(CMD, argc, argv, &i, opts, &o, &v)) {
		case CLI_END:
			return -1;
		case CLI_ERROR:
			return CLI_EXIT_USAGE;
		case CLI_POSITIONAL:
			return cli_usage(CMD, "unexpected argument '%s'; see `gongkai deadline --help`",
					 v);
		case CLI_OPTION:
			break;
		}
		if (!strcmp(o->name, "--help")) {
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		} else if (!strcmp(o->name, "--json")) {
			a->json = true;
		} else if (!strcmp(o->name, "--extended")) {
			a->in.extension_days = CLOCK_MAX_EXTENSION_DAYS;
		} else if (!strcmp(o->name, "--extension-days")) {
			if (!cli_parse_long(CMD, o->name, v, 1, CLOCK_MAX_EXTENSION_DAYS, &n))
				return CLI_EXIT_USAGE;
			a->in.extension_days = (int)n;
		} else if (!strcmp(o->name, "--calendar")) {
			a->calendar_path = v;
		} else if (!strcmp(o->name, "--channel")) {
			if (!clock_channel_parse(str_from_cstr(v), &a->receipt.channel))
				return cli_usage(CMD, "--channel: '%s' is not a channel; use 当面, 邮寄, "
						 "平常信函, 网络 or 传真", v);
			a->has_channel = true;
		} else if (!strcmp(o->name, "--pause") || !strcmp(o->name, "--pause-agency")) {
			if (a->in.n_pauses == CLOCK_MAX_PAUSES)
				return cli_usage(CMD, "%s: more than %d windows", o->name,
						 CLOCK_MAX_PAUSES);
			if (!parse_window(o->name, v, !strcmp(o->name, "--pause")
							      ? CLOCK_PAUSE_THIRD_PARTY
							      : CLOCK_PAUSE_AGENCY,
					  &a->pauses[a->in.n_pauses]))
				return CLI_EXIT_USAGE;
			a->in.n_pauses++;
		} else {
			/* Every other option is a date. */
			gk_date d;
			if (!cli_parse_date(CMD, o->name, v, &d))
				return CLI_EXIT_USAGE;
			if (!strcmp(o->name, "--received")) {
				a->in.received = d;
				a->has_received = true;
			} else if (!strcmp(o->name, "--submitted")) {
				a->receipt.submitted = d;
				a->receipt.has_submitted = true;
			} else if (!strcmp(o->name, "--signed")) {
				a->receipt.signed_for = d;
				a->receipt.has_signed = true;
			} else if (!strcmp(o->name, "--confirmed")) {
				a->receipt.confirmed = d;
				a->receipt.has_confirmed = true;
			} else if (!strcmp(o->name, "--corrected")) {
				a->in.corrected = d;
				a->in.has_corrected = true;
			} else if (!strcmp(o->name, "--fee-notice")) {
				a->in.fee_notice = d;
				a->in.has_fee_notice = true;
			} else {
				a->in.today = d;
				a->in.has_today = true;
			}
		}
	}
}

/* Settle the received date from --received or from --channel. */
static int settle_received(struct deadline_args *a)
{
	struct gk_errmsg m;
	bool any_channel_date = a->receipt.has_submitted || a->receipt.has_signed ||
				a->receipt.has_confirmed;

	if (a->has_received && (a->has_channel || any_channel_date))
		return cli_usage(CMD, "--received: give either --received or --channel with its "
			"date, not both");
	if (a->has_received)
		return -1;
	if (!a->has_channel) {
		if (any_channel_date)
			return cli_usage(CMD, "--channel: the channel is missing; --submitted, "
					 "--signed and --confirmed go with --channel");
		return cli_usage(CMD, "--received: missing; give the date the application was "
				 "received (YYYY-MM-DD), or --channel with its date");
	}
	if (clock_received_date(&a->receipt, &a->in.received, &a->received_rule, &m))
		return cli_usage(CMD, "--channel: %s", m.text);
	return -1;
}

int cmd_deadline(int argc, char **argv)
{
	struct deadline_args a = {0};
	struct clock_result r;
	struct calendar *cal;
	struct gk_errmsg m;
	enum clock_field field;
	enum gk_err err;
	struct buf trace;
	int status;

	a.in.pauses = a.pauses;
	status = parse_args(argc, argv, &a);
	if (status < 0)
		status = settle_received(&a);
	if (status >= 0)
		return status;

	cal = calendar_open(a.calendar_path, &m);
	if (!cal) {
		fprintf(stderr, "gongkai deadline: %s\n", m.text);
		return CLI_EXIT_USAGE;
	}
	err = clock_compute(cal, &a.in, &r, &field, &m);
	if (err) {
		calendar_free(cal);
		if (err == GK_ERANGE && field == CLOCK_FIELD_RECEIVED)
			return cli_usage(CMD, "--received: %s", m.text);
		if (err == GK_ERANGE)
			return cli_usage(CMD, "%s", m.text);
		return cli_usage(CMD, "%s: %s", field_option(field), m.text);
	}
	buf_init(&trace, 1 << 20);
	if (a.received_rule)
		buf_printf(&trace, "收件渠道：%s；%s\n", clock_channel_name(a.receipt.channel),
			   a.received_rule);
	clock_explain(cal, &a.in, &r, &trace);
	if (a.json) {
		status = print_json(&a.in, &r, buf_str(&trace));
	} else {
		char d[GK_DATE_STRLEN];
		printf("%s\n%s", date_format(r.due, d), buf_cstr(&trace));
		status = CLI_EXIT_OK;
	}
	buf_release(&trace);
	calendar_free(cal);
	return status;
}
