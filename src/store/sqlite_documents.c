/*
 * Documents (主动公开信息) and their 索引号.
 *
 * The 索引号 the store assigns is "<prefix>/<year>-<sequence>": the prefix is
 * the agency's configured index prefix, else its 统一社会信用代码, else its
 * code; the year is that of the document's 生成日期; the sequence counts per
 * agency and year from 00001 (index_sequences). Numbers are never reused:
 * a number taken by a document added with an explicit 索引号 is skipped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

#define DOC_COLS                                                                                   \
	"id, agency_id, index_no, doc_number, title, summary, body, category, subject_id,"         \
	" kind, created, published, abolished, archived, attr_proposed, attr_confirmed,"           \
	" status"

/* Skipping numbers taken by hand ends after this many tries. */
#define INDEX_TRIES 1000

static enum gk_err check_status(const struct store_document *d, struct gk_errmsg *m)
{
	bool gone = d->status == DOC_ABOLISHED || d->status == DOC_INVALID;

	if (d->status == DOC_PUBLISHED && !d->published)
		return gk_errf(m, GK_EINVAL, "document: status published needs a published date");
	/* An abolished document keeps the date it was published. */
	if (d->published && d->status != DOC_PUBLISHED && !gone)
		return gk_errf(m, GK_EINVAL,
			       "document: a published date needs status published, abolished or"
			       " invalid");
	if (gone && !d->abolished)
		return gk_errf(m, GK_EINVAL,
			       "document: status abolished or invalid needs the abolished date");
	if (d->abolished && !gone)
		return gk_errf(m, GK_EINVAL,
			       "document: an abolished date needs status abolished or invalid");
	return GK_OK;
}

static enum gk_err check_document(const struct store_document *d, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("document's agency", d->agency_id, m)) ||
	    (err = check_text("索引号", d->index_no, STORE_NAME_MAX, false, m)) ||
	    (err = check_text("文号", d->doc_number, STORE_NAME_MAX, false, m)) ||
	    (err = check_text("title", d->title, STORE_NAME_MAX, true, m)) ||
	    (err = check_text("summary", d->summary, STORE_TEXT_MAX, false, m)) ||
	    (err = check_text("body", d->body, STORE_TEXT_MAX, false, m)) ||
	    (err = check_enum("category (条例第二十条 item)", d->category, STORE_ART20_ITEMS + 1,
			      m)) ||
	    (err = check_enum("kind", (int)d->kind, DOC_KIND_COUNT, m)) ||
	    (err = check_enum("proposed 公开属性", (int)d->attr_proposed, ATTR_COUNT, m)) ||
	    (err = check_enum("confirmed 公开属性", (int)d->attr_confirmed, ATTR_COUNT, m)) ||
	    (err = check_enum("status", (int)d->status, DOC_STATUS_COUNT, m)) ||
	    (err = check_date("created", d->created, true, m)) ||
	    (err = check_date("published", d->published, false, m)) ||
	    (err = check_date("abolished", d->abolished, false, m)) ||
	    (err = check_date("archived", d->archived, false, m)) ||
	    (err = check_order("published", d->published, "created", d->created, m)) ||
	    (err = check_order("abolished", d->abolished, "created", d->created, m)) ||
	    (err = check_order("archived", d->archived, "created", d->created, m)))
		return err;
	if (d->index_no && !*d->index_no)
		return gk_errf(m, GK_EINVAL, "索引号: empty (leave it out to have one assigned)");
	if (d->subject_id < 0)
		return check_id("subject", d->subject_id, m);
	return check_status(d, m);
}

/* The next 索引号 of the agency for the year of created, into out. */
static enum gk_err next_index_no(struct store *s, const struct store_document *d, char *out,
				 size_t size, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_DOC_PREFIX,
				   "SELECT coalesce(index_prefix, credit_code, code) FROM agencies"
				   " WHERE id = ?1",
				   m);
	int rc, year = date_year(d->created);
	int64_t seq = 0;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, d->agency_id);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		snprintf(out, size, "%s/%d-", (const char *)sqlite3_column_text(st, 0), year);
	sq_release(s, SQ_DOC_PREFIX, st);
	if (rc == SQLITE_DONE)
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency",
			       d->agency_id);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc, "reading the agency's 索引号 prefix", m);

	st = sq_stmt(s, SQ_DOC_SEQUENCE,
		     "INSERT INTO index_sequences (agency_id, year, last) VALUES (?1, ?2, 1)"
		     " ON CONFLICT (agency_id, year) DO UPDATE SET last = last + 1"
		     " RETURNING last",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, d->agency_id);
	sq_bind_int(s, st, 2, year);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		seq = sq_col_int(st, 0);
	sq_release(s, SQ_DOC_SEQUENCE, st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc, "numbering the document", m);
	snprintf(out + strlen(out), size - strlen(out), "%05" PRId64, seq);
	return GK_OK;
}

static int insert_document(struct store *s, const struct store_document *d, const char *index_no,
			   struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_DOC_ADD,
		    "INSERT INTO documents (agency_id, index_no, doc_number, title,"
		    " summary, body, category, subject_id, kind, created, published,"
		    " abolished, archived, attr_proposed, attr_confirmed, status)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		    " ?14, ?15, ?16)",
		    m);

	if (!st)
		return SQLITE_ERROR;
	sq_bind_int(s, st, 1, d->agency_id);
	sq_bind_text(s, st, 2, index_no);
	sq_bind_text(s, st, 3, d->doc_number);
	sq_bind_text(s, st, 4, d->title);
	sq_bind_text(s, st, 5, d->summary);
	sq_bind_text(s, st, 6, d->body);
	sq_bind_int(s, st, 7, d->category);
	sq_bind_id(s, st, 8, d->subject_id);
	sq_bind_int(s, st, 9, d->kind);
	sq_bind_date(s, st, 10, d->created);
	sq_bind_date(s, st, 11, d->published);
	sq_bind_date(s, st, 12, d->abolished);
	sq_bind_date(s, st, 13, d->archived);
	sq_bind_int(s, st, 14, d->attr_proposed);
	sq_bind_int(s, st, 15, d->attr_confirmed);
	sq_bind_int(s, st, 16, d->status);
	return sq_run(s, SQ_DOC_ADD, st);
}

/* A reference failed: name the agency or the subject. */
static enum gk_err missing_ref(struct store *s, const struct store_document *d, struct gk_errmsg *m)
{
	enum gk_err err = sq_agency_exists(s, d->agency_id, m);

	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "agency id %" PRId64 ": no such agency", d->agency_id);
	if (err)
		return err;
	return gk_errf(m, GK_ENOTFOUND,
		       "subject id %" PRId64 ": no such subject in agency %" PRId64, d->subject_id,
		       d->agency_id);
}

static enum gk_err add_document(struct store *s, const struct store_document *d,
				struct gk_errmsg *m)
{
	char index_no[STORE_CODE_MAX + 32];
	enum gk_err err;
	int rc = SQLITE_CONSTRAINT_UNIQUE;

	if (d->index_no) {
		rc = insert_document(s, d, d->index_no, m);
		if (sq_is_duplicate(rc))
			return gk_errf(m, GK_ECONFLICT, "索引号 '%s' exists already", d->index_no);
	}
	for (int tries = 0; !d->index_no && sq_is_duplicate(rc); tries++) {
		if (tries == INDEX_TRIES)
			return gk_errf(m, GK_ECONFLICT,
				       "索引号: %d numbers in a row after %s are taken already",
				       INDEX_TRIES, index_no);
		if ((err = next_index_no(s, d, index_no, sizeof(index_no), m)))
			return err;
		rc = insert_document(s, d, index_no, m);
	}
	if (sq_is_missing_ref(rc))
		return missing_ref(s, d, m);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "adding a document", m);
	return GK_OK;
}

enum gk_err store_document_add(struct store *s, const struct store_document *d, int64_t *id,
			       struct gk_errmsg *m)
{
	enum gk_err err = check_document(d, m);
	struct sq_op op;

	if (err)
		return err;
	/* Numbering and inserting stand or fall together. */
	if ((err = sq_op_begin(s, &op, m)))
		return err;
	err = add_document(s, d, m);
	if (!err && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return sq_op_end(s, &op, err, m);
}

enum gk_err store_document_get(struct store *s, int64_t id, struct store_document *out,
			       struct gk_errmsg *m)
{
	static const int cols[] = {2, 3, 4, 5, 6};
	const char **dst[] = {&out->index_no, &out->doc_number, &out->title, &out->summary,
			      &out->body};
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_DOC_GET, "SELECT " DOC_COLS " FROM documents WHERE id = ?1", m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW) {
		out->id = sq_col_int(st, 0);
		out->agency_id = sq_col_int(st, 1);
		out->category = sqlite3_column_int(st, 7);
		out->subject_id = sq_col_int(st, 8);
		out->kind = (enum doc_kind)sqlite3_column_int(st, 9);
		out->created = sq_col_date(st, 10);
		out->published = sq_col_date(st, 11);
		out->abolished = sq_col_date(st, 12);
		out->archived = sq_col_date(st, 13);
		out->attr_proposed = (enum disclosure_attr)sqlite3_column_int(st, 14);
		out->attr_confirmed = (enum disclosure_attr)sqlite3_column_int(st, 15);
		out->status = (enum doc_status)sqlite3_column_int(st, 16);
		err = sq_copy_texts(s, st, cols, dst, 5, m);
	} else if (rc == SQLITE_DONE) {
		err = gk_errf(m, GK_ENOTFOUND, "document id %" PRId64 ": no such document", id);
	} else {
		err = sq_fail(s, rc, "reading a document", m);
	}
	sq_release(s, SQ_DOC_GET, st);
	return err;
}
