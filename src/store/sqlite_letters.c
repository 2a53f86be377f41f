/*
 * Letters as sent, numbered per agency and year (store_letter.h).
 *
 * The statements here are prepared for each call and finalized after it
 * rather than kept in a slot of sqlite.h's cache: letters are written a
 * few times per application, not a million times per import, so the
 * preparation costs nothing that matters.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/store_letter.h"
#include "store/validate.h"

#include "base/banned.h"

#define LETTER_COLS                                                                                \
	"id, agency_id, application_id, kind, year, seq, doc_number, issued, user_id, html"
/* "〔" and "〕" and "号" are three bytes each; a year has four digits, a
 * seq at most nineteen. */
#define DOC_NUMBER_MAX (STORE_CODE_MAX + 3 + 4 + 3 + 19 + 3 + 1)

static sqlite3_stmt *prepare(struct store *s, const char *sql, struct gk_errmsg *m)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK) {
		snprintf(s->err, sizeof(s->err), "%s", sqlite3_errmsg(s->db));
		sq_fail(s, rc, "preparing a statement", m);
		return NULL;
	}
	return st;
}

static void finish(struct store *s, sqlite3_stmt *st)
{
	s->bind_failed = false;
	sqlite3_finalize(st);
}

static enum gk_err check_letter(const struct store_letter *l, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("letter's agency", l->agency_id, m)) ||
	    (err = check_code("letter kind", l->kind, false, m)) ||
	    (err = check_text("letter kind", l->kind, STORE_LETTER_KIND_MAX, true, m)) ||
	    (err = check_date("letter's issued date", l->issued, true, m)) ||
	    (err = check_code("document number prefix", l->doc_prefix, true, m)))
		return err;
	if (l->application_id < 0 || l->user_id < 0)
		return gk_errf(m, GK_EINVAL, "letter: application and user ids are positive or 0");
	if (!l->render)
		return check_text("letter HTML", l->html, STORE_LETTER_HTML_MAX, true, m);
	return GK_OK;
}

/* The application must exist and be the agency's own: a letter about
 * another agency's case would carry the wrong letterhead and number. */
static enum gk_err check_application(struct store *s, const struct store_letter *l,
				     struct gk_errmsg *m)
{
	sqlite3_stmt *st;
	enum gk_err err = GK_OK;
	int rc;

	if (l->application_id == 0)
		return GK_OK;
	if (!(st = prepare(s, "SELECT agency_id FROM applications WHERE id = ?1", m)))
		return GK_EIO;
	sq_bind_int(s, st, 1, l->application_id);
	rc = sq_step(s, st);
	if (rc == SQLITE_DONE)
		err = gk_errf(m, GK_ENOTFOUND, "application id %" PRId64 ": no such application",
			      l->application_id);
	else if (rc != SQLITE_ROW)
		err = sq_fail(s, rc, "reading the letter's application", m);
	else if (sq_col_int(st, 0) != l->agency_id)
		err = gk_errf(m, GK_EINVAL,
			      "application id %" PRId64 " belongs to agency %" PRId64
			      ", not to agency %" PRId64 " that issues the letter",
			      l->application_id, sq_col_int(st, 0), l->agency_id);
	finish(s, st);
	return err;
}

/* The next seq of (agency, year). Runs inside the write transaction, so
 * no other writer can take the same number before the insert. */
static enum gk_err next_seq(struct store *s, int64_t agency_id, int year, int64_t *seq,
			    struct gk_errmsg *m)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT COALESCE(MAX(seq), 0) + 1 FROM letters"
				   " WHERE agency_id = ?1 AND year = ?2",
				   m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	sq_bind_int(s, st, 2, year);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		*seq = sq_col_int(st, 0);
	finish(s, st);
	return rc == SQLITE_ROW ? GK_OK : sq_fail(s, rc, "numbering a letter", m);
}

static enum gk_err insert_letter(struct store *s, const struct store_letter *l, const char *html,
				 int64_t *id, struct gk_errmsg *m)
{
	sqlite3_stmt *st = prepare(s,
				   "INSERT INTO letters (agency_id, application_id, kind, year, seq,"
				   " doc_number, issued, user_id, html)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
				   m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, l->agency_id);
	sq_bind_id(s, st, 2, l->application_id);
	sq_bind_text(s, st, 3, l->kind);
	sq_bind_int(s, st, 4, l->year);
	sq_bind_int(s, st, 5, l->seq);
	sq_bind_text(s, st, 6, l->doc_number);
	sq_bind_date(s, st, 7, l->issued);
	sq_bind_id(s, st, 8, l->user_id);
	sq_bind_text(s, st, 9, html);
	rc = sq_step(s, st);
	if (rc == SQLITE_DONE && id)
		*id = sqlite3_last_insert_rowid(s->db);
	finish(s, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT,
			       "letter number %" PRId64 " of %d is taken in agency %" PRId64,
			       l->seq, l->year, l->agency_id);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND,
			       "letter: agency %" PRId64 " or user %" PRId64 " does not exist",
			       l->agency_id, l->user_id);
	return rc == SQLITE_DONE ? GK_OK : sq_fail(s, rc, "adding a letter", m);
}

enum gk_err store_letter_add(struct store *s, struct store_letter *l, int64_t *id,
			     struct gk_errmsg *m)
{
	char number[DOC_NUMBER_MAX];
	struct buf html;
	struct sq_op op;
	struct store_letter row = *l;
	int64_t new_id = 0;
	enum gk_err err = check_letter(l, m);

	if (err)
		return err;
	row.year = date_year(l->issued);
	buf_init(&html, STORE_LETTER_HTML_MAX);
	if ((err = sq_op_begin(s, &op, m)))
		return err;
	err = sq_agency_exists(s, l->agency_id, m);
	if (err == GK_ENOTFOUND)
		err = gk_errf(m, err, "agency id %" PRId64 ": no such agency", l->agency_id);
	if (!err)
		err = check_application(s, l, m);
	if (!err)
		err = next_seq(s, l->agency_id, row.year, &row.seq, m);
	if (!err) {
		snprintf(number, sizeof(number), "%s〔%d〕%" PRId64 "号", l->doc_prefix, row.year,
			 row.seq);
		row.doc_number = number;
		if (row.render) {
			err = row.render(row.render_ctx, &row, &html, m);
			if (!err && html.failed)
				err = gk_errf(m, GK_EINVAL, "letter HTML: larger than %u bytes",
					      STORE_LETTER_HTML_MAX);
			if (!err && html.len == 0)
				err = gk_errf(m, GK_EINVAL, "letter HTML: required, and empty");
		}
	}
	if (!err)
		err = insert_letter(s, &row, row.render ? buf_cstr(&html) : l->html, &new_id, m);
	buf_release(&html);
	if ((err = sq_op_end(s, &op, err, m)))
		return err;
	/* The number outlives this call in the store's record buffer. */
	buf_reset(&s->row);
	buf_puts(&s->row, number);
	if (s->row.failed)
		return gk_errf(m, GK_ENOMEM, "%s: no memory for a record's text", s->path);
	l->id = new_id;
	l->year = row.year;
	l->seq = row.seq;
	l->doc_number = s->row.data;
	if (id)
		*id = new_id;
	return GK_OK;
}

static void letter_from_row(sqlite3_stmt *st, struct store_letter *l)
{
	memset(l, 0, sizeof(*l));
	l->id = sq_col_int(st, 0);
	l->agency_id = sq_col_int(st, 1);
	l->application_id = sq_col_int(st, 2);
	l->kind = (const char *)sqlite3_column_text(st, 3);
	l->year = sqlite3_column_int(st, 4);
	l->seq = sq_col_int(st, 5);
	l->doc_number = (const char *)sqlite3_column_text(st, 6);
	l->issued = sq_col_date(st, 7);
	l->user_id = sq_col_int(st, 8);
	l->html = (const char *)sqlite3_column_text(st, 9);
}

enum gk_err store_letter_get(struct store *s, int64_t id, struct store_letter *out,
			     struct gk_errmsg *m)
{
	static const int cols[] = {3, 6, 9};
	sqlite3_stmt *st = prepare(s, "SELECT " LETTER_COLS " FROM letters WHERE id = ?1", m);
	const char **dst[] = {&out->kind, &out->doc_number, &out->html};
	enum gk_err err;

	if (!st)
		return GK_EIO;
	err = sq_step_one(s, st, id, "reading a letter", m);
	if (!err) {
		letter_from_row(st, out);
		err = sq_copy_texts(s, st, cols, dst, 3, m);
	}
	finish(s, st);
	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "letter id %" PRId64 ": no such letter", id);
	return err;
}

enum gk_err store_letter_each(struct store *s, int64_t application_id, store_letter_fn fn,
			      void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st = prepare(s,
				   "SELECT " LETTER_COLS " FROM letters WHERE application_id = ?1"
				   " ORDER BY issued, id",
				   m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, application_id);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_letter l;

		letter_from_row(st, &l);
		if (fn(ctx, &l))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "listing the letters", m);
	finish(s, st);
	return err;
}
