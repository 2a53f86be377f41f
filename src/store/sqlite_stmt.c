/*
 * The statement cache, binding, stepping and the mapping of SQLite's result
 * codes to gongkai's errors (sqlite.h).
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite.h"

#include "base/banned.h"

sqlite3_stmt *sq_stmt(struct store *s, enum sq_id id, const char *sql, struct gk_errmsg *m)
{
	sqlite3_stmt *st = s->stmt[id];
	bool cache = st == NULL;
	int rc;

	if (st && !sqlite3_stmt_busy(st))
		return st;
	/* PERSISTENT: the statement lives as long as the connection. */
	rc = sqlite3_prepare_v3(s->db, sql, -1, cache ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL);
	if (rc != SQLITE_OK) {
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
		sq_fail(s, rc, "preparing a statement", m);
		return NULL;
	}
	if (cache)
		s->stmt[id] = st;
	return st;
}

void sq_release(struct store *s, enum sq_id id, sqlite3_stmt *st)
{
	s->bind_failed = false;
	if (!st)
		return;
	if (st != s->stmt[id]) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_reset(st);
	/* The text bound SQLITE_STATIC belongs to the caller: forget it. */
	sqlite3_clear_bindings(st);
}

static void bound(struct store *s, int rc)
{
	if (rc != SQLITE_OK)
		s->bind_failed = true;
}

void sq_bind_text(struct store *s, sqlite3_stmt *st, int i, const char *v)
{
	/* STATIC: v outlives the step, and sq_release clears the binding. */
	bound(s, v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i));
}

void sq_bind_int(struct store *s, sqlite3_stmt *st, int i, int64_t v)
{
	bound(s, sqlite3_bind_int64(st, i, v));
}

void sq_bind_id(struct store *s, sqlite3_stmt *st, int i, int64_t v)
{
	bound(s, v ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i));
}

void sq_bind_date(struct store *s, sqlite3_stmt *st, int i, gk_date v)
{
	char text[GK_DATE_STRLEN];

	if (v == 0) {
		bound(s, sqlite3_bind_null(st, i));
		return;
	}
	bound(s,
	      sqlite3_bind_text(st, i, date_format(v, text), GK_DATE_STRLEN - 1, SQLITE_TRANSIENT));
}

void sq_bind_scope(struct store *s, sqlite3_stmt *st, const struct store_scope *scope)
{
	sq_bind_int(s, st, 1, scope->agency_id);
	sq_bind_int(s, st, 2, scope->region);
	sq_bind_date(s, st, 3, scope->from);
	sq_bind_date(s, st, 4, scope->to);
}

int sq_step(struct store *s, sqlite3_stmt *st)
{
	int rc;

	if (s->bind_failed) {
		snprintf(s->err, sizeof(s->err), "a value could not be bound (out of memory)");
		return SQLITE_NOMEM;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
	return rc;
}

int sq_run(struct store *s, enum sq_id id, sqlite3_stmt *st)
{
	int rc = sq_step(s, st);

	sq_release(s, id, st);
	return rc;
}

static enum gk_err code_err(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return GK_ENOMEM;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return GK_EFORMAT;
	case SQLITE_CONSTRAINT:
	case SQLITE_TOOBIG:
	case SQLITE_MISMATCH:
		return GK_EINVAL;
	default:
		/* BUSY (locked past the busy timeout), FULL, IOERR, READONLY,
		 * CANTOPEN, PERM: the file could not be written or read. */
		return GK_EIO;
	}
}

enum gk_err sq_fail(struct store *s, int rc, const char *what, struct gk_errmsg *m)
{
	return gk_errf(m, code_err(rc), "%s: %s: %s", s->path, what, s->err);
}

bool sq_is_duplicate(int rc)
{
	return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY;
}

enum gk_err sq_inserted(struct store *s, int rc, int64_t *id, const char *what, struct gk_errmsg *m)
{
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, what, m);
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return GK_OK;
}

bool sq_is_missing_ref(int rc)
{
	return rc == SQLITE_CONSTRAINT_FOREIGNKEY;
}

gk_date sq_col_date(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	gk_date d;

	/* The schema's CHECKs keep the shape; NULL is "none". */
	if (!t || !date_parse(str_from_cstr(t), &d))
		return 0;
	return d;
}

int64_t sq_col_int(sqlite3_stmt *st, int col)
{
	return sqlite3_column_int64(st, col);
}

enum gk_err sq_copy_texts(struct store *s, sqlite3_stmt *st, const int *cols, const char **dst[],
			  size_t n, struct gk_errmsg *m)
{
	size_t off[8];

	if (n > sizeof(off) / sizeof(off[0]))
		return gk_errf(m, GK_ERANGE, "sq_copy_texts: %zu columns, at most 8", n);
	buf_reset(&s->row);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *t = sqlite3_column_text(st, cols[i]);

		off[i] = t ? s->row.len : SIZE_MAX;
		if (t) {
			buf_append(&s->row, t, (size_t)sqlite3_column_bytes(st, cols[i]));
			buf_putc(&s->row, '\0');
		}
	}
	if (s->row.failed)
		return gk_errf(m, GK_ENOMEM, "%s: no memory for a record's text", s->path);
	for (size_t i = 0; i < n; i++)
		*dst[i] = off[i] == SIZE_MAX ? NULL : s->row.data + off[i];
	return GK_OK;
}

enum gk_err sq_step_one(struct store *s, sqlite3_stmt *st, int64_t key, const char *what,
			struct gk_errmsg *m)
{
	int rc;

	sq_bind_int(s, st, 1, key);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		return GK_OK;
	if (rc == SQLITE_DONE)
		return GK_ENOTFOUND;
	return sq_fail(s, rc, what, m);
}

enum gk_err sq_exists(struct store *s, enum sq_id id, const char *sql, int64_t key,
		      struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, id, sql, m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, key);
	rc = sq_run(s, id, st);
	if (rc == SQLITE_ROW)
		return GK_OK;
	if (rc == SQLITE_DONE)
		return GK_ENOTFOUND;
	return sq_fail(s, rc, "looking a row up", m);
}

enum gk_err sq_agency_exists(struct store *s, int64_t id, struct gk_errmsg *m)
{
	return sq_exists(s, SQ_AGENCY_EXISTS, "SELECT 1 FROM agencies WHERE id = ?1", id, m);
}
