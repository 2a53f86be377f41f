/*
 * gongkai init --db FILE [--key FILE]: create a ledger database, or bring
 * an existing one to this build's schema (migrations run at open, in one
 * transaction), and create the key that encrypts applicants' personal
 * data at rest when it is missing (app/secret.h, docs/privacy.md).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/secret.h"
#include "cli/cli.h"

#include "base/banned.h"

#define CMD "init"

static const char usage[] =
	"usage: gongkai init --db FILE [--key FILE]\n"
	"\n"
	"Create the ledger database FILE (SQLite), or migrate an existing one to\n"
	"the schema of this build. A database written by a newer gongkai is refused.\n"
	"\n"
	"--key FILE  the key that encrypts applicants' ID numbers, phones and\n"
	"            addresses (default: the database path + \".key\"). Created with\n"
	"            mode 0600 when missing; an existing key is checked, never replaced.\n"
	"            In production keep it outside the database's backups and back it\n"
	"            up on its own: without it the encrypted fields cannot be read.\n";

static const struct cli_opt opts[] = {
	{"--db", true}, {"--key", true}, {"--help", false}, {NULL, false}};

/*
 * Check an existing key file (a loose or damaged one is refused before the
 * database is touched). *present tells whether there is one to keep.
 */
static bool key_check(const char *path, bool *present, int *status)
{
	struct secret_key key;
	struct gk_errmsg m;
	enum gk_err err = secret_key_load(path, &key, &m);

	secret_key_release(&key);
	*present = !err;
	if (err && err != GK_ENOTFOUND) {
		*status = cli_fail(CMD, err, &m);
		return false;
	}
	return true;
}

static int key_create(const char *path)
{
	struct secret_key key;
	struct gk_errmsg m;
	enum gk_err err = secret_key_create(path, &key, &m);

	secret_key_release(&key);
	if (err)
		return cli_fail(CMD, err, &m);
	printf("key: created %s\n", path);
	return CLI_EXIT_OK;
}

struct init_opts {
	const char *db, *key;
};

static int set_option(void *ctx, const struct cli_opt *opt, const char *v)
{
	struct init_opts *o = ctx;

	*(!strcmp(opt->name, "--key") ? &o->key : &o->db) = v;
	return -1;
}

int cmd_init(int argc, char **argv)
{
	struct init_opts o = {NULL, NULL};
	const char *db, *key;
	int n_pos, status = CLI_EXIT_OK;
	struct store *st;
	bool existed, key_present = false;
	struct buf key_path;

	if ((status = cli_parse(CMD, argc, argv, opts, usage, NULL, 0, &n_pos, set_option, &o)) >= 0)
		return status;
	db = o.db, key = o.key;
	status = CLI_EXIT_OK;
	/*
	 * The default key sits beside the database so that one argument gives
	 * a working ledger (first installs, the demo, the tests). A backup of
	 * that directory then holds both and protects nothing: production
	 * moves the key out (docs/privacy.md) and names it with --key.
	 */
	buf_init(&key_path, 1 << 16);
	buf_puts(&key_path, key ? key : db ? db : "");
	if (!key)
		buf_puts(&key_path, ".key");
	if (db && !key_check(buf_cstr(&key_path), &key_present, &status))
		goto out;
	existed = db && access(db, F_OK) == 0;
	st = cli_open_store(CMD, db, true, &status);
	if (!st)
		goto out;
	printf("%s: %s, schema version %d\n", db, existed ? "ready" : "created",
	       store_schema_version(st));
	store_close(st);
	if (key_present)
		printf("key: %s present\n", buf_cstr(&key_path));
	else
		status = key_create(buf_cstr(&key_path));
out:
	buf_release(&key_path);
	return status;
}
