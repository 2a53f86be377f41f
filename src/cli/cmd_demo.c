/*
 * gongkai demo --db FILE [--size small|large] [--seed N] [--today YYYY-MM-DD]:
 * fill a new database with a realistic region (演示数据), print the users
 * with their initial passwords once, then the counts of what was created.
 * Progress goes to stderr so stdout stays a table and a summary.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/demo.h"
#include "app/secret.h"
#include "cli/cli.h"
#include "store/store.h"

#include "base/banned.h"

#define CMD "demo"

static const char usage[] =
    "usage: gongkai demo --db FILE [--size small|large] [--seed N] [--today YYYY-MM-DD]\n"
    "\n"
    "Fills a new database with a realistic demo region (演示数据), from 2019 to --today:\n"
    "  small  a district government and 13 departments, thousands of documents, hundreds\n"
    "         of applications with full event histories (some open, some overdue, some\n"
    "         carried over a year end), appeals, complaints, figures of table 二, and one\n"
    "         user for every role\n"
    "  large  the benchmark corpus: 3,000 agencies, 1,000,000 applications and 1,000,000\n"
    "         documents (a few minutes)\n"
    "\n"
    "  --db FILE       the database to create; one that already holds agencies is refused\n"
    "  --size S        small (default) or large\n"
    "  --seed N        the data is a function of the seed and --today (default 1)\n"
    "  --today D       the last day of the data (default: today in China)\n"
    "\n"
    "The users' initial passwords are printed once and are random on every run.\n";

static const struct cli_opt opts[] = {
    {"--db", true},    {"--size", true},  {"--seed", true},
    {"--today", true}, {"--help", false}, {NULL, false},
};

static void print_progress(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "gongkai demo: %s\n", line);
}

static void print_result(const char *db, const struct demo_result *r)
{
	puts("用户名\t角色\t机关\t初始密码");
	for (size_t i = 0; i < r->n_credentials; i++) {
		const struct demo_credential *c = &r->credentials[i];
		printf("%s\t%s\t%s\t%s\n", c->username, store_role_name(c->role), c->agency,
		       c->password);
	}
	puts("(initial passwords are random, not reproducible, and shown only this once; the "
	     "rest of the data follows from --seed and --today)\n");
	printf("%s:\n", db);
	printf("  agencies       %lld (subjects %lld)\n", (long long)r->agencies,
	       (long long)r->subjects);
	printf("  users          %lld\n", (long long)r->users);
	printf("  documents      %lld\n", (long long)r->documents);
	printf("  applications   %lld (%lld events; open %lld, overdue %lld, carried over a year "
	       "end %lld times)\n",
	       (long long)r->applications, (long long)r->events, (long long)r->open,
	       (long long)r->overdue, (long long)r->carried_over);
	printf("  appeals        %lld\n", (long long)r->appeals);
	printf("  complaints     %lld\n", (long long)r->complaints);
	printf("  figures        %lld\n", (long long)r->figures);
	printf("  reports        %lld (published, frozen)\n", (long long)r->reports);
}

struct demo_args {
	struct demo_options *o;
	const char *db;
};

static int set_option(void *ctx, const struct cli_opt *opt, const char *v)
{
	struct demo_args *a = ctx;
	long n;

	if (!strcmp(opt->name, "--db")) {
		a->db = v;
	} else if (!strcmp(opt->name, "--size")) {
		if (strcmp(v, "small") && strcmp(v, "large"))
			return cli_usage(CMD, "--size: '%s' is not a size; use small or large", v);
		a->o->size = !strcmp(v, "small") ? DEMO_SMALL : DEMO_LARGE;
	} else if (!strcmp(opt->name, "--seed")) {
		if (!cli_parse_long(CMD, opt->name, v, 0, LONG_MAX, &n))
			return CLI_EXIT_USAGE;
		a->o->seed = (uint64_t)n;
	} else if (!cli_parse_date(CMD, opt->name, v, &a->o->today)) {
		return CLI_EXIT_USAGE;
	}
	return -1;
}

int cmd_demo(int argc, char **argv)
{
	struct demo_options o = {.size = DEMO_SMALL, .seed = 1, .progress = print_progress};
	struct demo_result *r;
	struct secret_key key;
	struct demo_args ctx = {.o = &o};
	const char *db;
	struct timespec t0, t1;
	struct store *st;
	struct gk_errmsg m;
	struct stat sb;
	enum gk_err err;
	int n_pos, status;

	o.today = date_today_china();
	if ((status = cli_parse(CMD, argc, argv, opts, usage, NULL, 0, &n_pos, set_option, &ctx)) >= 0)
		return status;
	db = ctx.db;
	if (demo_check(&o, &m))
		return cli_usage(CMD, "--today: %s", m.text);
	st = cli_open_store(CMD, db, true, &status);
	if (!st)
		return status;
	/* The result holds a dozen names of 300 bytes: keep it off the stack. */
	r = malloc(sizeof(*r));
	if (!r) {
		store_close(st);
		fputs("gongkai demo: out of memory\n", stderr);
		return CLI_EXIT_SOFTWARE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = demo_fill(st, &o, r, &m);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	store_close(st);
	if (err) {
		free(r);
		/* "FILE already holds agencies; …" */
		if (err == GK_ECONFLICT)
			return fprintf(stderr, "gongkai demo: %s %s\n", db, m.text),
			       gk_err_exit_status(err);
		return cli_fail(CMD, err, &m);
	}
	print_result(db, r);
	demo_result_wipe(r);
	free(r);
	/* Like gongkai init: the key for the online applications made later. */
	if (!cli_key_load(CMD, db, NULL, true, &key, &status))
		return status;
	secret_key_release(&key);
	if (stat(db, &sb) == 0)
		fprintf(stderr, "gongkai demo: done in %.1f s, %s is %lld bytes\n",
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
			db, (long long)sb.st_size);
	return CLI_EXIT_OK;
}
