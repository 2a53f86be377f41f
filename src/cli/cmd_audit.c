/*
 * gongkai audit verify: recompute the audit log's hash chain (app/audit.h)
 * and say whether it is intact, naming the first entry that is not.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "cli/cli.h"

#include "base/banned.h"

#define CMD "audit"

static const char usage[] =
	"usage: gongkai audit verify --db FILE\n"
	"\n"
	"verify  recompute the hash chain of the audit log. Exit 0 when it is intact\n"
	"        (printing the number of entries and the hash of the last one: keep it\n"
	"        elsewhere, since removing the newest entries is visible only against\n"
	"        a kept hash), 1 naming the first entry altered or missing.\n";

static const struct cli_opt opts[] = {
	{"--db", true},
	{"--help", false},
	{NULL, false},
};

/* The only option besides --help is --db. */
static int set_db(void *ctx, const struct cli_opt *o, const char *v)
{
	(void)o;
	*(const char **)ctx = v;
	return -1;
}

int cmd_audit(int argc, char **argv)
{
	const char *db = NULL, *verb = NULL;
	int n_verb;
	uint8_t head[STORE_HASH_LEN];
	int64_t entries, first_bad;
	struct gk_errmsg m;
	struct store *st;
	enum gk_err err;
	int status;

	if ((status = cli_parse(CMD, argc, argv, opts, usage, &verb, 1, &n_verb, set_db, &db)) >= 0)
		return status;
	if (!n_verb || strcmp(verb, "verify"))
		return cli_usage(CMD, "say verify; see `gongkai audit --help`");
	st = cli_open_store(CMD, db, false, &status);
	if (!st)
		return status;
	err = audit_verify(st, &entries, &first_bad, head, &m);
	store_close(st);
	if (err == GK_EFORMAT) {
		printf("audit log: chain broken at entry %" PRId64 " (%" PRId64
		       " entries before it intact)\n",
		       first_bad, entries);
		fprintf(stderr, "gongkai audit: %s\n", m.text);
		return CLI_EXIT_FINDINGS;
	}
	if (err)
		return cli_fail(CMD, err, &m);
	printf("audit log: %" PRId64 " entries, chain intact\n", entries);
	if (!entries)
		return CLI_EXIT_OK;
	printf("last entry %" PRId64 ": ", entries);
	for (size_t k = 0; k < sizeof(head); k++)
		printf("%02x", head[k]);
	putchar('\n');
	return CLI_EXIT_OK;
}
