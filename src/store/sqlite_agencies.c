/*
 * Agencies, their subject schemes (主题分类) and users.
 */
#include <inttypes.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

#define AGENCY_COLS "id, code, name, parent_id, credit_code, index_prefix"

/* Point a into the current row of st (valid until the next step). */
static void agency_from_row(sqlite3_stmt *st, struct store_agency *a)
{
	a->id = sq_col_int(st, 0);
	a->code = (const char *)sqlite3_column_text(st, 1);
	a->name = (const char *)sqlite3_column_text(st, 2);
	a->parent_id = sq_col_int(st, 3);
	a->credit_code = (const char *)sqlite3_column_text(st, 4);
	a->index_prefix = (const char *)sqlite3_column_text(st, 5);
}

static enum gk_err check_agency(const struct store_agency *a, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_code("agency code", a->code, false, m)) ||
	    (err = check_text("agency name", a->name, STORE_NAME_MAX, true, m)) ||
	    (err = check_text("credit code", a->credit_code, STORE_CODE_MAX, false, m)) ||
	    (err = check_text("index prefix", a->index_prefix, STORE_CODE_MAX, false, m)))
		return err;
	if (a->parent_id < 0)
		return check_id("parent agency", a->parent_id, m);
	return GK_OK;
}

enum gk_err store_agency_add(struct store *s, const struct store_agency *a, int64_t *id,
			     struct gk_errmsg *m)
{
	enum gk_err err = check_agency(a, m);
	sqlite3_stmt *st;
	int rc;

	if (err)
		return err;
	st = sq_stmt(s, SQ_AGENCY_ADD,
		     "INSERT INTO agencies (code, name, parent_id, credit_code, index_prefix)"
		     " VALUES (?1, ?2, ?3, ?4, ?5)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, a->code);
	sq_bind_text(s, st, 2, a->name);
	sq_bind_id(s, st, 3, a->parent_id);
	sq_bind_text(s, st, 4, a->credit_code);
	sq_bind_text(s, st, 5, a->index_prefix);
	rc = sq_run(s, SQ_AGENCY_ADD, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT, "agency code '%s' exists already", a->code);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "parent agency id %" PRId64 ": no such agency",
			       a->parent_id);
	return sq_inserted(s, rc, id, "adding an agency", m);
}

/* Run a lookup of one agency by st's bound key and copy it into *out. */
static enum gk_err agency_lookup(struct store *s, enum sq_id id, sqlite3_stmt *st,
				 struct store_agency *out, struct gk_errmsg *m)
{
	static const int cols[] = {1, 2, 4, 5};
	const char **dst[] = {&out->code, &out->name, &out->credit_code, &out->index_prefix};
	int rc = sq_step(s, st);
	enum gk_err err = GK_OK;

	if (rc == SQLITE_ROW) {
		agency_from_row(st, out);
		err = sq_copy_texts(s, st, cols, dst, 4, m);
	} else if (rc == SQLITE_DONE) {
		err = GK_ENOTFOUND;
	} else {
		err = sq_fail(s, rc, "reading an agency", m);
	}
	sq_release(s, id, st);
	return err;
}

enum gk_err store_agency_get(struct store *s, const char *code, struct store_agency *out,
			     struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_AGENCY_BY_CODE,
				   "SELECT " AGENCY_COLS " FROM agencies WHERE code = ?1", m);
	enum gk_err err;

	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, code ? code : "");
	err = agency_lookup(s, SQ_AGENCY_BY_CODE, st, out, m);
	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "agency '%s': no such agency", code ? code : "");
	return err;
}

enum gk_err store_agency_get_id(struct store *s, int64_t id, struct store_agency *out,
				struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_AGENCY_BY_ID, "SELECT " AGENCY_COLS " FROM agencies WHERE id = ?1", m);
	enum gk_err err;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	err = agency_lookup(s, SQ_AGENCY_BY_ID, st, out, m);
	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "agency id %" PRId64 ": no such agency", id);
	return err;
}

enum gk_err store_agency_each(struct store *s, store_agency_fn fn, void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_AGENCY_EACH, "SELECT " AGENCY_COLS " FROM agencies ORDER BY id", m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_agency a;

		agency_from_row(st, &a);
		if (fn(ctx, &a))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "listing the agencies", m);
	sq_release(s, SQ_AGENCY_EACH, st);
	return err;
}

enum gk_err store_subject_add(struct store *s, int64_t agency_id, const char *name, int64_t *id,
			      struct gk_errmsg *m)
{
	enum gk_err err;
	sqlite3_stmt *st;
	int rc;

	if ((err = check_id("subject's agency", agency_id, m)) ||
	    (err = check_text("subject name", name, STORE_NAME_MAX, true, m)))
		return err;
	st =
	    sq_stmt(s, SQ_SUBJECT_ADD, "INSERT INTO subjects (agency_id, name) VALUES (?1, ?2)", m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	sq_bind_text(s, st, 2, name);
	rc = sq_run(s, SQ_SUBJECT_ADD, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT, "subject '%s' exists already in agency %" PRId64,
			       name, agency_id);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency", agency_id);
	return sq_inserted(s, rc, id, "adding a subject", m);
}

enum gk_err store_subject_find(struct store *s, int64_t agency_id, const char *name, int64_t *id)
{
	sqlite3_stmt *st = sq_stmt(
	    s, SQ_SUBJECT_FIND, "SELECT id FROM subjects WHERE agency_id = ?1 AND name = ?2", NULL);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	sq_bind_text(s, st, 2, name ? name : "");
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW && id)
		*id = sq_col_int(st, 0);
	sq_release(s, SQ_SUBJECT_FIND, st);
	if (rc == SQLITE_ROW)
		return GK_OK;
	return rc == SQLITE_DONE ? GK_ENOTFOUND : sq_fail(s, rc, "finding a subject", NULL);
}

static enum gk_err check_user(const struct store_user *u, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_code("username", u->username, false, m)) ||
	    (err = check_text("display name", u->display_name, STORE_NAME_MAX, false, m)) ||
	    (err = check_enum("role", (int)u->role, ROLE_COUNT, m)) ||
	    (err = check_text("password hash", u->password_hash, STORE_NAME_MAX, true, m)))
		return err;
	/* Only a platform administrator may stand outside every agency. */
	if (u->role != ROLE_ADMIN || u->agency_id != 0)
		return check_id("user's agency", u->agency_id, m);
	return GK_OK;
}

enum gk_err store_user_add(struct store *s, const struct store_user *u, int64_t *id,
			   struct gk_errmsg *m)
{
	enum gk_err err = check_user(u, m);
	sqlite3_stmt *st;
	int rc;

	if (err)
		return err;
	st = sq_stmt(s, SQ_USER_ADD,
		     "INSERT INTO users (username, display_name, agency_id, role, password_hash,"
		     " disabled) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, u->username);
	sq_bind_text(s, st, 2, u->display_name);
	sq_bind_id(s, st, 3, u->agency_id);
	sq_bind_int(s, st, 4, u->role);
	sq_bind_text(s, st, 5, u->password_hash);
	sq_bind_int(s, st, 6, u->disabled);
	rc = sq_run(s, SQ_USER_ADD, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT, "username '%s' exists already", u->username);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency",
			       u->agency_id);
	return sq_inserted(s, rc, id, "adding a user", m);
}

/* A setting's key: a short ASCII id, named by the web layer. */
static enum gk_err check_setting_key(const char *key, struct gk_errmsg *m)
{
	size_t n = key ? strlen(key) : 0;

	if (n == 0 || n > STORE_CODE_MAX)
		return gk_errf(m, GK_EINVAL, "setting key: %zu bytes; 1–%d are allowed", n,
			       STORE_CODE_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = key[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
			return gk_errf(m, GK_EINVAL,
				       "setting key '%s': only a–z, 0–9, '_' and '.' are allowed",
				       key);
	}
	return GK_OK;
}

enum gk_err store_agency_setting_set(struct store *s, int64_t agency_id, const char *key,
				     const char *value, struct gk_errmsg *m)
{
	bool del = !value || !*value;
	enum sq_id id = del ? SQ_SETTING_DELETE : SQ_SETTING_SET;
	enum gk_err err;
	sqlite3_stmt *st;
	int rc;

	if ((err = check_id("setting's agency", agency_id, m)) ||
	    (err = check_setting_key(key, m)) ||
	    (err = check_text("setting value", value, STORE_TEXT_MAX, false, m)))
		return err;
	st =
	    del ? sq_stmt(s, id, "DELETE FROM agency_settings WHERE agency_id = ?1 AND key = ?2", m)
		: sq_stmt(s, id,
			  "INSERT INTO agency_settings (agency_id, key, value) VALUES (?1, ?2, ?3)"
			  " ON CONFLICT DO UPDATE SET value = excluded.value",
			  m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	sq_bind_text(s, st, 2, key);
	if (!del)
		sq_bind_text(s, st, 3, value);
	rc = sq_run(s, id, st);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency", agency_id);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "saving an agency setting", m);
	return GK_OK;
}

enum gk_err store_agency_setting_each(struct store *s, int64_t agency_id, store_setting_fn fn,
				      void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SETTING_EACH,
				   "SELECT key, value FROM agency_settings WHERE agency_id = ?1"
				   " ORDER BY key",
				   m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	while ((rc = sq_step(s, st)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
		       (const char *)sqlite3_column_text(st, 1)))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "listing an agency's settings", m);
	sq_release(s, SQ_SETTING_EACH, st);
	return err;
}
