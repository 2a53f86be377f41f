/*
 * Users (lookup, password, disabled), sessions, the login throttle and the
 * audit log (store.h, "Users, sessions and the audit log"). The policy
 * lives in app/auth and app/audit; this file only keeps rows.
 */
#include <inttypes.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

#define USER_COLS "id, username, display_name, agency_id, role, password_hash, disabled"

/* Point u into the current row of st (valid until the next step). */
static void user_from_row(sqlite3_stmt *st, struct store_user *u)
{
	u->id = sq_col_int(st, 0);
	u->username = (const char *)sqlite3_column_text(st, 1);
	u->display_name = (const char *)sqlite3_column_text(st, 2);
	u->agency_id = sq_col_int(st, 3);
	u->role = (enum store_role)sq_col_int(st, 4);
	u->password_hash = (const char *)sqlite3_column_text(st, 5);
	u->disabled = sq_col_int(st, 6) != 0;
}

/* Run a lookup of one user by st's bound key and copy it into *out;
 * GK_ENOTFOUND with m untouched when there is none. */
static enum gk_err user_lookup(struct store *s, enum sq_id id, sqlite3_stmt *st,
			       struct store_user *out, struct gk_errmsg *m)
{
	static const int cols[] = {1, 2, 5};
	const char **dst[] = {&out->username, &out->display_name, &out->password_hash};
	int rc = sq_step(s, st);
	enum gk_err err = GK_OK;

	if (rc == SQLITE_ROW) {
		user_from_row(st, out);
		err = sq_copy_texts(s, st, cols, dst, 3, m);
	} else if (rc == SQLITE_DONE) {
		err = GK_ENOTFOUND;
	} else {
		err = sq_fail(s, rc, "reading a user", m);
	}
	sq_release(s, id, st);
	return err;
}

enum gk_err store_user_get(struct store *s, const char *username, struct store_user *out,
			   struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_USER_GET, "SELECT " USER_COLS " FROM users WHERE username = ?1", m);

	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, username ? username : "");
	return user_lookup(s, SQ_USER_GET, st, out, m);
}

enum gk_err store_user_get_id(struct store *s, int64_t id, struct store_user *out,
			      struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_USER_GET_ID, "SELECT " USER_COLS " FROM users WHERE id = ?1", m);

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	return user_lookup(s, SQ_USER_GET_ID, st, out, m);
}

/* The end of an UPDATE of one user: GK_ENOTFOUND when no row changed. */
static enum gk_err user_updated(struct store *s, int rc, int64_t id, const char *what,
				struct gk_errmsg *m)
{
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, what, m);
	if (sqlite3_changes(s->db) == 0)
		return gk_errf(m, GK_ENOTFOUND, "user id %" PRId64 ": no such user", id);
	return GK_OK;
}

enum gk_err store_user_set_password(struct store *s, int64_t id, const char *password_hash,
				    struct gk_errmsg *m)
{
	enum gk_err err = check_text("password hash", password_hash, STORE_NAME_MAX, true, m);
	sqlite3_stmt *st;

	if (err)
		return err;
	st = sq_stmt(s, SQ_USER_SET_PASSWORD,
		     "UPDATE users SET password_hash = ?2 WHERE id = ?1", m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	sq_bind_text(s, st, 2, password_hash);
	return user_updated(s, sq_run(s, SQ_USER_SET_PASSWORD, st), id, "setting a password", m);
}

enum gk_err store_user_set_disabled(struct store *s, int64_t id, bool disabled,
				    struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_USER_SET_DISABLED, "UPDATE users SET disabled = ?2 WHERE id = ?1", m);

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	sq_bind_int(s, st, 2, disabled);
	return user_updated(s, sq_run(s, SQ_USER_SET_DISABLED, st), id, "disabling a user", m);
}

enum gk_err store_user_each(struct store *s, store_user_fn fn, void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_USER_EACH, "SELECT " USER_COLS " FROM users ORDER BY username", m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_user u;

		user_from_row(st, &u);
		if (fn(ctx, &u))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "listing the users", m);
	sq_release(s, SQ_USER_EACH, st);
	return err;
}

/* --- Sessions ------------------------------------------------------------ */

static void bind_hash(struct store *s, sqlite3_stmt *st, int i, const uint8_t *h)
{
	if (sqlite3_bind_blob(st, i, h, STORE_HASH_LEN, SQLITE_STATIC) != SQLITE_OK)
		s->bind_failed = true;
}

/* Copy a hash column; a blob of another length (only a hand-edited file
 * has one) reads as zeros past its end, so that no comparison matches. */
static void col_hash(sqlite3_stmt *st, int col, uint8_t out[STORE_HASH_LEN])
{
	const void *b = sqlite3_column_blob(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);

	memset(out, 0, STORE_HASH_LEN);
	if (b)
		memcpy(out, b, n < STORE_HASH_LEN ? n : STORE_HASH_LEN);
}

enum gk_err store_session_add(struct store *s, const struct store_session *sess,
			      struct gk_errmsg *m)
{
	enum gk_err err;
	sqlite3_stmt *st;
	int rc;

	if ((err = check_id("session's user", sess->user_id, m)) ||
	    (err = check_text("CSRF token", sess->csrf_token, STORE_CODE_MAX, true, m)) ||
	    (err = check_text("session client", sess->client, STORE_NAME_MAX, false, m)))
		return err;
	st = sq_stmt(s, SQ_SESSION_ADD,
		     "INSERT INTO sessions (token_hash, user_id, csrf_token, created, last_seen,"
		     " expires, client) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		     m);
	if (!st)
		return GK_EIO;
	bind_hash(s, st, 1, sess->token_hash);
	sq_bind_int(s, st, 2, sess->user_id);
	sq_bind_text(s, st, 3, sess->csrf_token);
	sq_bind_int(s, st, 4, sess->created);
	sq_bind_int(s, st, 5, sess->last_seen);
	sq_bind_int(s, st, 6, sess->expires);
	sq_bind_text(s, st, 7, sess->client);
	rc = sq_run(s, SQ_SESSION_ADD, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT, "a session with that token exists already");
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "user id %" PRId64 ": no such user",
			       sess->user_id);
	return sq_inserted(s, rc, NULL, "adding a session", m);
}

enum gk_err store_session_find(struct store *s, const uint8_t token_hash[STORE_HASH_LEN],
			       struct store_session *out, struct gk_errmsg *m)
{
	static const int cols[] = {1, 5};
	const char **dst[] = {&out->csrf_token, &out->client};
	sqlite3_stmt *st = sq_stmt(s, SQ_SESSION_FIND,
				   "SELECT user_id, csrf_token, created, last_seen, expires, client"
				   " FROM sessions WHERE token_hash = ?1",
				   m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	bind_hash(s, st, 1, token_hash);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW) {
		memcpy(out->token_hash, token_hash, STORE_HASH_LEN);
		out->user_id = sq_col_int(st, 0);
		out->created = sq_col_int(st, 2);
		out->last_seen = sq_col_int(st, 3);
		out->expires = sq_col_int(st, 4);
		err = sq_copy_texts(s, st, cols, dst, 2, m);
	} else if (rc == SQLITE_DONE) {
		err = GK_ENOTFOUND;
	} else {
		err = sq_fail(s, rc, "reading a session", m);
	}
	sq_release(s, SQ_SESSION_FIND, st);
	return err;
}

/* Run a write whose "no row" is not an error. */
static enum gk_err run_write(struct store *s, enum sq_id id, sqlite3_stmt *st, const char *what,
			     struct gk_errmsg *m)
{
	int rc = sq_run(s, id, st);

	return rc == SQLITE_DONE ? GK_OK : sq_fail(s, rc, what, m);
}

enum gk_err store_session_touch(struct store *s, const uint8_t token_hash[STORE_HASH_LEN],
				int64_t last_seen, int64_t expires, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SESSION_TOUCH,
				   "UPDATE sessions SET last_seen = ?2, expires = ?3"
				   " WHERE token_hash = ?1",
				   m);

	if (!st)
		return GK_EIO;
	bind_hash(s, st, 1, token_hash);
	sq_bind_int(s, st, 2, last_seen);
	sq_bind_int(s, st, 3, expires);
	return run_write(s, SQ_SESSION_TOUCH, st, "touching a session", m);
}

enum gk_err store_session_delete(struct store *s, const uint8_t token_hash[STORE_HASH_LEN],
				 struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_SESSION_DELETE, "DELETE FROM sessions WHERE token_hash = ?1", m);

	if (!st)
		return GK_EIO;
	bind_hash(s, st, 1, token_hash);
	return run_write(s, SQ_SESSION_DELETE, st, "deleting a session", m);
}

enum gk_err store_session_delete_user(struct store *s, int64_t user_id,
				      const uint8_t keep[STORE_HASH_LEN], struct gk_errmsg *m)
{
	/* ?2 NULL keeps nothing: "token_hash IS NOT NULL" holds for every row. */
	sqlite3_stmt *st = sq_stmt(s, SQ_SESSION_DELETE_USER,
				   "DELETE FROM sessions WHERE user_id = ?1"
				   " AND token_hash IS NOT ?2",
				   m);

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, user_id);
	if (keep)
		bind_hash(s, st, 2, keep);
	return run_write(s, SQ_SESSION_DELETE_USER, st, "deleting a user's sessions", m);
}

enum gk_err store_session_delete_expired(struct store *s, int64_t now, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SESSION_DELETE_EXPIRED,
				   "DELETE FROM sessions WHERE expires <= ?1", m);

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, now);
	return run_write(s, SQ_SESSION_DELETE_EXPIRED, st, "deleting expired sessions", m);
}

/* --- The login throttle -------------------------------------------------- */

enum gk_err store_failure_get(struct store *s, const char *key, int64_t *count,
			      int64_t *window_start, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_FAILURE_GET,
				   "SELECT count, window_start FROM login_failures WHERE key = ?1",
				   m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, key ? key : "");
	rc = sq_step(s, st);
	*count = rc == SQLITE_ROW ? sq_col_int(st, 0) : 0;
	*window_start = rc == SQLITE_ROW ? sq_col_int(st, 1) : 0;
	sq_release(s, SQ_FAILURE_GET, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(s, rc, "reading login failures", m);
	return GK_OK;
}

enum gk_err store_failure_set(struct store *s, const char *key, int64_t count,
			      int64_t window_start, struct gk_errmsg *m)
{
	enum gk_err err = check_text("throttle key", key, STORE_NAME_MAX, true, m);
	sqlite3_stmt *st;

	if (err)
		return err;
	st = sq_stmt(s, SQ_FAILURE_SET,
		     "INSERT INTO login_failures (key, count, window_start) VALUES (?1, ?2, ?3)"
		     " ON CONFLICT DO UPDATE SET count = excluded.count,"
		     " window_start = excluded.window_start",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, key);
	sq_bind_int(s, st, 2, count);
	sq_bind_int(s, st, 3, window_start);
	return run_write(s, SQ_FAILURE_SET, st, "recording a login failure", m);
}

enum gk_err store_failure_prune(struct store *s, int64_t before, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_FAILURE_PRUNE,
				   "DELETE FROM login_failures WHERE window_start < ?1", m);

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, before);
	return run_write(s, SQ_FAILURE_PRUNE, st, "pruning old login failures", m);
}

enum gk_err store_failure_reset(struct store *s, const char *key, struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_FAILURE_RESET, "DELETE FROM login_failures WHERE key = ?1", m);

	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, key ? key : "");
	return run_write(s, SQ_FAILURE_RESET, st, "resetting login failures", m);
}

/* --- The audit log --------------------------------------------------------- */

#define AUDIT_COLS "seq, at, user_id, client, action, object, detail, prev_hash, hash"

/* Point e into the current row of st (valid until the next step). */
static void audit_from_row(sqlite3_stmt *st, struct store_audit *e)
{
	e->seq = sq_col_int(st, 0);
	e->at = (const char *)sqlite3_column_text(st, 1);
	e->user_id = sq_col_int(st, 2);
	e->client = (const char *)sqlite3_column_text(st, 3);
	e->action = (const char *)sqlite3_column_text(st, 4);
	e->object = (const char *)sqlite3_column_text(st, 5);
	e->detail = (const char *)sqlite3_column_text(st, 6);
	col_hash(st, 7, e->prev_hash);
	col_hash(st, 8, e->hash);
}

enum gk_err store_audit_append(struct store *s, const struct store_audit *e,
			       struct gk_errmsg *m)
{
	enum gk_err err;
	sqlite3_stmt *st;
	int rc;

	if ((err = check_id("audit sequence number", e->seq, m)) ||
	    (err = check_text("audit time", e->at, STORE_CODE_MAX, true, m)) ||
	    (err = check_text("audit client", e->client, STORE_NAME_MAX, false, m)) ||
	    (err = check_code("audit action", e->action, false, m)) ||
	    (err = check_text("audit object", e->object, STORE_NAME_MAX, false, m)) ||
	    (err = check_text("audit detail", e->detail, STORE_TEXT_MAX, false, m)))
		return err;
	if (e->user_id < 0)
		return gk_errf(m, GK_EINVAL, "audit user id %" PRId64 ": 0 or a user's id",
			       e->user_id);
	st = sq_stmt(s, SQ_AUDIT_APPEND,
		     "INSERT INTO audit_log (" AUDIT_COLS ")"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, e->seq);
	sq_bind_text(s, st, 2, e->at);
	sq_bind_int(s, st, 3, e->user_id);
	sq_bind_text(s, st, 4, e->client);
	sq_bind_text(s, st, 5, e->action);
	sq_bind_text(s, st, 6, e->object);
	sq_bind_text(s, st, 7, e->detail);
	bind_hash(s, st, 8, e->prev_hash);
	bind_hash(s, st, 9, e->hash);
	rc = sq_run(s, SQ_AUDIT_APPEND, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT, "audit entry %" PRId64 " exists already", e->seq);
	return sq_inserted(s, rc, NULL, "appending to the audit log", m);
}

enum gk_err store_audit_last(struct store *s, struct store_audit *out, struct gk_errmsg *m)
{
	static const int cols[] = {1, 3, 4, 5, 6};
	const char **dst[] = {&out->at, &out->client, &out->action, &out->object, &out->detail};
	sqlite3_stmt *st = sq_stmt(s, SQ_AUDIT_LAST,
				   "SELECT " AUDIT_COLS " FROM audit_log ORDER BY seq DESC LIMIT 1",
				   m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW) {
		audit_from_row(st, out);
		err = sq_copy_texts(s, st, cols, dst, 5, m);
	} else if (rc == SQLITE_DONE) {
		err = GK_ENOTFOUND;
	} else {
		err = sq_fail(s, rc, "reading the audit log", m);
	}
	sq_release(s, SQ_AUDIT_LAST, st);
	return err;
}

enum gk_err store_audit_each(struct store *s, store_audit_fn fn, void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_AUDIT_EACH,
				   "SELECT " AUDIT_COLS " FROM audit_log ORDER BY seq", m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_audit e;

		audit_from_row(st, &e);
		if (fn(ctx, &e))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "reading the audit log", m);
	sq_release(s, SQ_AUDIT_EACH, st);
	return err;
}
