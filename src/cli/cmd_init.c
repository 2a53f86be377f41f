/*
 * gongkai init --db FILE: create a ledger database, or bring an existing
 * one to this build's schema (migrations run at open, in one transaction).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#include "base/banned.h"

#define CMD "init"

static const char usage[] =
	"usage: gongkai init --db FILE\n"
	"\n"
	"Create the ledger database FILE (SQLite), or migrate an existing one to\n"
	"the schema of this build. A database written by a newer gongkai is refused.\n";

static const struct cli_opt opts[] = {{"--db", true}, {"--help", false}, {NULL, false}};

int cmd_init(int argc, char **argv)
{
	const struct cli_opt *o;
	const char *v, *db = NULL;
	int i = 0, status = CLI_EXIT_OK;
	struct store *st;
	bool existed;

	for (;;) {
		enum cli_next next = cli_next(CMD, argc, argv, &i, opts, &o, &v);
		if (next == CLI_END)
			break;
		if (next == CLI_ERROR)
			return CLI_EXIT_USAGE;
		if (next == CLI_POSITIONAL)
			return cli_usage(CMD, "unexpected argument '%s'; see `gongkai init --help`", v);
		if (!strcmp(o->name, "--help"))
			return fputs(usage, stdout), CLI_EXIT_OK;
		db = v;
	}
	existed = db && access(db, F_OK) == 0;
	st = cli_open_store(CMD, db, true, &status);
	if (!st)
		return status;
	printf("%s: %s, schema version %d\n", db, existed ? "ready" : "created",
	       store_schema_version(st));
	store_close(st);
	return CLI_EXIT_OK;
}
