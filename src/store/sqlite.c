/*
 * The SQLite connection: opening (target, pragmas, migrations), closing,
 * and transactions.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/fts_bigram.h"
#include "store/sqlite.h"

#include "base/banned.h"

/* A record read back holds at most a document's body and summary and a
 * few short fields. */
#define ROW_MAX (3 * (size_t)STORE_TEXT_MAX)

/* Run SQL without parameters (pragmas, migrations, transaction control). */
static int exec(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
	return rc;
}

static bool is_postgres(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

/*
 * WAL lets readers (the portal) run while one writer works; synchronous
 * NORMAL is durable across application crashes in WAL mode and loses at
 * most the last commits on power loss; foreign keys are off by default in
 * SQLite and must be asked for on every connection.
 */
/*
 * Page cache per connection, in KiB (negative: SQLite's unit). Readers (a
 * server holds one connection per thread) keep 16 MiB: enough for the hot
 * index pages, so that a server stays small. A write transaction (an
 * import is one) gets 64 MiB while it lasts: with less, its index pages
 * spill to the WAL and are read back again and again.
 */
#define READ_CACHE "-16384"
#define WRITE_CACHE "-65536"

static enum gk_err configure(struct store *s, struct gk_errmsg *m)
{
	int rc;

	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	/* temp_store: a write inside a transaction runs in a SAVEPOINT, whose
	 * statement journal would otherwise be a temporary file written page by
	 * page (20 pwrite calls per imported row, most of the import's time).
	 * cache_size: see READ_CACHE / WRITE_CACHE. */
	rc = exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		     "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
		     "PRAGMA cache_size = " READ_CACHE ";");
	if ((rc & 0xff) == SQLITE_NOTADB)
		return gk_errf(m, GK_EFORMAT, "%s: not a gongkai database (SQLite says: %s)",
			       s->path, s->err);
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, "setting up the connection", m);
	/* The search index's tokenizer lives in this program, not in the
	 * file: without it every write to documents fails (the triggers feed
	 * the index), so it is registered before the migrations run. */
	rc = bigram_register(s->db);
	if (rc != SQLITE_OK) {
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
		return sq_fail(s, rc, "registering the cjk_bigram tokenizer", m);
	}
	return GK_OK;
}

static enum gk_err read_version(struct store *s, int *version, struct gk_errmsg *m)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sq_step(s, st);
	else
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return gk_errf(m, GK_EFORMAT, "%s: not a gongkai database (SQLite says: %s)",
			       s->path, s->err);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc, "reading the schema version", m);
	return GK_OK;
}

static enum gk_err refuse_newer(struct store *s, int version, struct gk_errmsg *m)
{
	return gk_errf(m, GK_ECONFLICT,
		       "gongkai: database %s has schema version %d; this build knows up to %d — "
		       "upgrade gongkai",
		       s->path, version, store_schema_latest());
}

/* Apply the pending migrations in one transaction: all or none. */
static enum gk_err migrate(struct store *s, struct gk_errmsg *m)
{
	int latest = store_schema_latest(), v, rc;
	enum gk_err err = read_version(s, &s->version, m);

	if (err)
		return err;
	if (s->version > latest)
		return refuse_newer(s, s->version, m);
	if (s->version == latest)
		return GK_OK;
	rc = exec(s, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		return sq_fail(s, rc, "starting the schema migration", m);
	/* Another process may have migrated while we waited for the lock. */
	err = read_version(s, &v, m);
	if (!err && v > latest)
		err = refuse_newer(s, v, m);
	for (v++; !err && v <= latest; v++) {
		char pragma[48];

		/* PRAGMA takes no parameters; v is this build's own number. */
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v);
		rc = exec(s, sq_migration(v));
		if (rc == SQLITE_OK)
			rc = exec(s, pragma);
		if (rc != SQLITE_OK)
			err = gk_errf(m, GK_EIO, "%s: migrating the schema to version %d: %s",
				      s->path, v, s->err);
	}
	if (!err) {
		rc = exec(s, "COMMIT");
		if (rc != SQLITE_OK)
			err = sq_fail(s, rc, "committing the schema migration", m);
	}
	if (err) {
		exec(s, "ROLLBACK");
		return err;
	}
	s->version = latest;
	return GK_OK;
}

static pthread_once_t configure_once = PTHREAD_ONCE_INIT;

/*
 * Before SQLite initialises: no bulk page-cache allocation per cache.
 * Every GROUP BY of the report opens a temporary b-tree with a cache of its
 * own; the default bulk block (20 pages, ~90 KiB) is allocated and freed
 * each time, and glibc hands it back to the kernel at once (brk). That cost
 * 0.5 ms per report, more than the counting. Pages then come one at a time
 * from malloc's free lists.
 */
static void configure_library(void)
{
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

enum gk_err store_open(const char *target, enum store_open_flags flags, struct store **out,
		       struct gk_errmsg *m)
{
	struct store *s;
	struct stat sb;
	int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	enum gk_err err;
	int rc;

	*out = NULL;
	if (!target || !*target)
		return gk_errf(m, GK_EINVAL, "database: no file named");
	if (is_postgres(target))
		return gk_errf(m, GK_EINVAL,
			       "%s: PostgreSQL is not supported yet; name a SQLite file instead",
			       target);
	if (flags & STORE_OPEN_CREATE)
		open_flags |= SQLITE_OPEN_CREATE;
	else if (stat(target, &sb) != 0 && errno == ENOENT)
		return gk_errf(m, GK_ENOTFOUND,
			       "%s: no such database (create it with gongkai init --db %s)", target,
			       target);
	pthread_once(&configure_once, configure_library);
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(target))) {
		free(s);
		return gk_errf(m, GK_ENOMEM, "%s: no memory to open the database", target);
	}
	buf_init(&s->row, ROW_MAX);
	rc = sqlite3_open_v2(target, &s->db, open_flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(s->err, sizeof(s->err), "%s",
			 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		err = sq_fail(s, rc, "cannot open", m);
	} else {
		err = configure(s, m);
		if (!err)
			err = migrate(s, m);
	}
	if (err) {
		store_close(s);
		return err;
	}
	*out = s;
	return GK_OK;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < SQ_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	if (s->db) {
		if (!sqlite3_get_autocommit(s->db))
			exec(s, "ROLLBACK");
		/* Keeps the planner's statistics fresh (the skip-scans of the
		 * all-agency counts need them); cheap when nothing changed, and
		 * a failure here loses nothing. */
		exec(s, "PRAGMA optimize");
		sqlite3_close_v2(s->db);
	}
	buf_release(&s->row);
	free(s->path);
	free(s);
}

int store_schema_version(const struct store *s)
{
	return s->version;
}

static enum gk_err run_control(struct store *s, enum sq_id id, const char *sql, const char *what,
			       struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, id, sql, m);
	int rc;

	if (!st)
		return GK_EIO;
	rc = sq_run(s, id, st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, what, m);
	return GK_OK;
}

enum gk_err store_begin(struct store *s, struct gk_errmsg *m)
{
	if (!sqlite3_get_autocommit(s->db))
		return gk_errf(m, GK_ECONFLICT, "%s: a transaction is open already (no nesting)",
			       s->path);
	s->write_cache = exec(s, "PRAGMA cache_size = " WRITE_CACHE) == SQLITE_OK;
	/* IMMEDIATE takes the write lock now, so a writer never fails halfway
	 * because another connection wrote after its first read. */
	return run_control(s, SQ_BEGIN, "BEGIN IMMEDIATE", "starting a transaction", m);
}

/* Back to the reader's cache after a write transaction, and give the rest back. */
static void shrink_cache(struct store *s)
{
	if (!s->write_cache)
		return;
	exec(s, "PRAGMA cache_size = " READ_CACHE);
	sqlite3_db_release_memory(s->db);
	s->write_cache = false;
}

enum gk_err store_read_begin(struct store *s, struct gk_errmsg *m)
{
	if (!sqlite3_get_autocommit(s->db))
		return gk_errf(m, GK_ECONFLICT, "%s: a transaction is open already (no nesting)",
			       s->path);
	/* DEFERRED: the first read takes the WAL snapshot every later read sees. */
	return run_control(s, SQ_BEGIN_READ, "BEGIN", "starting a read transaction", m);
}

bool store_in_transaction(const struct store *s)
{
	return !sqlite3_get_autocommit(s->db);
}

enum gk_err store_join(struct store *s, bool *own, struct gk_errmsg *m)
{
	*own = !store_in_transaction(s);
	return *own ? store_begin(s, m) : GK_OK;
}

enum gk_err store_leave(struct store *s, bool own, enum gk_err err, struct gk_errmsg *m)
{
	if (!own)
		return err;
	if (err) {
		store_rollback(s);
		return err;
	}
	return store_commit(s, m);
}

enum gk_err store_commit(struct store *s, struct gk_errmsg *m)
{
	enum gk_err err;

	if (sqlite3_get_autocommit(s->db))
		return gk_errf(m, GK_ECONFLICT, "%s: no transaction is open", s->path);
	err = run_control(s, SQ_COMMIT, "COMMIT", "committing", m);
	shrink_cache(s);
	return err;
}

void store_rollback(struct store *s)
{
	/* An I/O error may have rolled the transaction back already. */
	if (!sqlite3_get_autocommit(s->db))
		run_control(s, SQ_ROLLBACK, "ROLLBACK", "rolling back", NULL);
	shrink_cache(s);
}

enum gk_err sq_op_begin(struct store *s, struct sq_op *op, struct gk_errmsg *m)
{
	op->outer = sqlite3_get_autocommit(s->db);
	if (op->outer)
		return run_control(s, SQ_BEGIN, "BEGIN IMMEDIATE", "starting a transaction", m);
	return run_control(s, SQ_SAVEPOINT, "SAVEPOINT store_op", "starting a savepoint", m);
}

enum gk_err sq_op_end(struct store *s, struct sq_op *op, enum gk_err err, struct gk_errmsg *m)
{
	if (!err) {
		err = op->outer ? run_control(s, SQ_COMMIT, "COMMIT", "committing", m)
				: run_control(s, SQ_RELEASE, "RELEASE store_op", "releasing", m);
		if (!err)
			return GK_OK;
	}
	/* Undo this operation only. Errors are ignored: the first one is
	 * reported, and SQLite may have rolled back by itself already. */
	if (op->outer) {
		store_rollback(s);
	} else if (!sqlite3_get_autocommit(s->db)) {
		run_control(s, SQ_ROLLBACK_TO, "ROLLBACK TO store_op", "rolling back", NULL);
		run_control(s, SQ_RELEASE, "RELEASE store_op", "releasing", NULL);
	}
	return err;
}
