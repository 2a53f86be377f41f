/*
 * cli_store.c: what every ledger command does with --db and agency codes:
 * open the database, look an agency up, and say why when it fails.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "base/banned.h"

int cli_fail(const char *cmd, enum gk_err err, const struct gk_errmsg *m)
{
	fprintf(stderr, "gongkai %s: %s\n", cmd, m->text);
	return gk_err_exit_status(err);
}

struct store *cli_open_store(const char *cmd, const char *db, bool create, int *status)
{
	struct store *st = NULL;
	struct gk_errmsg m;
	enum gk_err err;

	if (!db) {
		*status = cli_usage(cmd, "--db FILE is missing: the ledger database "
					 "(create one with `gongkai init --db FILE`)");
		return NULL;
	}
	err = store_open(db, create ? STORE_OPEN_CREATE : STORE_OPEN_EXISTING, &st, &m);
	if (err)
		*status = cli_fail(cmd, err, &m);
	return st;
}

bool cli_agency(const char *cmd, struct store *st, const char *code, struct store_agency *out,
		int *status)
{
	struct gk_errmsg m;
	enum gk_err err = store_agency_get(st, code, out, &m);

	if (err == GK_ENOTFOUND)
		*status = cli_usage(cmd, "no agency with code '%s'; see `gongkai agency list`", code);
	else if (err)
		*status = cli_fail(cmd, err, &m);
	return !err;
}
