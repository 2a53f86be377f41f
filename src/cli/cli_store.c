/*
 * cli_store.c: what every ledger command does with --db and agency codes:
 * open the database, look an agency up, and say why when it fails.
 */
#include "cli/cli.h"

#include <stdio.h>

#include "app/secret.h"

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

bool cli_key_load(const char *cmd, const char *db, const char *key_opt, bool create,
		  struct secret_key *key, int *status)
{
	char path[4096];
	struct gk_errmsg m;
	enum gk_err err;

	if (snprintf(path, sizeof(path), "%s%s", key_opt ? key_opt : db,
		     key_opt ? "" : ".key") >= (int)sizeof(path)) {
		*status = cli_usage(cmd, "the key file's path is too long");
		return false;
	}
	err = secret_key_load(path, key, &m);
	if (err == GK_ENOTFOUND && create) {
		err = secret_key_create(path, key, &m);
		if (!err)
			fprintf(stderr, "gongkai %s: key: created %s\n", cmd, path);
	}
	if (err == GK_ENOTFOUND)
		err = gk_errf(&m, err,
			      "%s: no key for applicants' personal data; create it with "
			      "`gongkai init --db %s`",
			      path, db);
	if (err)
		*status = cli_fail(cmd, err, &m);
	return !err;
}
