/*
 * gongkai calendar show YEAR [--json] [--calendar FILE]: the working-day
 * calendar of one year as the holiday notice arranged it, so a person can
 * check the data against the notice they hold.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "law/calendar.h"

#include "base/banned.h"

#define CMD "calendar"

static const char usage[] =
	"usage: gongkai calendar show YEAR [--json] [--calendar FILE]\n"
	"\n"
	"Lists the holidays (放假) and weekend working days (调休上班) of YEAR with the\n"
	"notice each comes from, and counts the year's working days. A year without a\n"
	"loaded notice is reported as Monday-Friday only.\n";

static const struct cli_opt opts[] = {
	{"--json", false},
	{"--calendar", true},
	{"--help", false},
	{NULL, false},
};

/* A run of consecutive days with the same holiday and kind. */
struct run {
	gk_date from, to;
	struct calendar_day day;
};

/* Call emit for each run of notice days in year, in date order. */
static void for_each_run(const struct calendar *cal, int year,
			 void (*emit)(const struct run *r, void *ctx), void *ctx)
{
	gk_date d = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12, 31);

	while (d <= last) {
		struct run r = {d, d, calendar_day(cal, d)};
		if (r.day.kind == CALENDAR_DAY_PLAIN) {
			d++;
			continue;
		}
		/* Work days are listed one by one: each is its own 调休 date. */
		while (r.day.kind == CALENDAR_DAY_OFF && r.to < last &&
		       calendar_days_alike(r.day, calendar_day(cal, r.to + 1)))
			r.to++;
		emit(&r, ctx);
		d = r.to + 1;
	}
}

static void print_run(const struct run *r, void *ctx)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

	(void)ctx;
	if (r->day.kind == CALENDAR_DAY_WORK)
		printf("  %s          %s 调休上班  %s\n", date_format(r->from, a), r->day.name,
		       r->day.notice);
	else if (r->from == r->to)
		printf("  %s          %s 放假 1天  %s\n", date_format(r->from, a), r->day.name,
		       r->day.notice);
	else
		printf("  %s至%s %s 放假 %d天  %s\n", date_format(r->from, a),
		       date_format(r->to, b), r->day.name, r->to - r->from + 1, r->day.notice);
}

static void json_run(const struct run *r, void *ctx)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];
	json_t *o = json_object();

	json_object_set_new(o, "from", json_string(date_format(r->from, a)));
	json_object_set_new(o, "to", json_string(date_format(r->to, b)));
	json_object_set_new(o, "name", json_string(r->day.name));
	json_object_set_new(o, "type",
			    json_string(r->day.kind == CALENDAR_DAY_WORK ? "work" : "off"));
	json_object_set_new(o, "notice", json_string(r->day.notice));
	json_array_append_new(ctx, o);
}

static int show(const struct calendar *cal, int year, bool as_json)
{
	gk_date first = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12, 31);
	int working = calendar_working_days_between(cal, first - 1, last);
	bool official = calendar_year_is_official(cal, year);

	if (as_json) {
		json_t *o = json_object(), *days = json_array();

		for_each_run(cal, year, json_run, days);
		json_object_set_new(o, "year", json_integer(year));
		json_object_set_new(o, "official", json_boolean(official));
		json_object_set_new(o, "working_days", json_integer(working));
		json_object_set_new(o, "days", days);
		return cli_print_json(o);
	}
	printf("%d年：%d个工作日；%s\n", year, working,
	       official ? "节假日安排已载入"
			: "没有载入该年的节假日安排，按周一至周五计算（国务院办公厅通知通常于上一年10-11月发布）");
	for_each_run(cal, year, print_run, NULL);
	return CLI_EXIT_OK;
}

struct calendar_args {
	const char *path;
	bool json;
};

static int set_option(void *ctx, const struct cli_opt *o, const char *v)
{
	struct calendar_args *a = ctx;

	if (!strcmp(o->name, "--json"))
		a->json = true;
	else
		a->path = v;
	return -1;
}

int cmd_calendar(int argc, char **argv)
{
	struct calendar_args args = {NULL, false};
	const char *positional[2] = {NULL, NULL};
	int n_pos = 0, status;
	long year;
	struct gk_errmsg m;
	struct calendar *cal;

	if ((status = cli_parse(CMD, argc, argv, opts, usage, positional, 2, &n_pos, set_option,
				&args)) >= 0)
		return status;
	if (!positional[0] || strcmp(positional[0], "show"))
		return cli_usage(CMD, "expected 'show YEAR'; usage: gongkai calendar show YEAR "
				 "[--json]");
	if (!positional[1])
		return cli_usage(CMD, "show: the year is missing; e.g. gongkai calendar show 2026");
	if (!cli_parse_long(CMD, "YEAR", positional[1], CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR,
			    &year))
		return CLI_EXIT_USAGE;
	cal = calendar_open(args.path, &m);
	if (!cal) {
		fprintf(stderr, "gongkai calendar: %s\n", m.text);
		return CLI_EXIT_USAGE;
	}
	status = show(cal, (int)year, args.json);
	calendar_free(cal);
	return status;
}
