/*
 * The back office's documents (store_docs.h): any document read by staff,
 * the steps from draft to publication and after, the history, the list.
 *
 * Every step is one UPDATE that repeats the state it expects in its WHERE,
 * so that of two people acting on what they both saw, the second gets
 * GK_ECONFLICT instead of silently redoing or undoing the first. The
 * catalogue's search index follows status by the triggers of migration 3.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/store_docs.h"
#include "store/validate.h"

#include "base/banned.h"

#define DOCS_NOTE_MAX 4000 /* bytes of an event's note: a reason, remarks */

/* --- Reading one ------------------------------------------------------------ */

enum gk_err store_docs_get(struct store *s, int64_t id, struct store_document *d,
			   struct store_docs_review *r, struct gk_errmsg *m)
{
	static const int cols[] = {2, 3, 4, 5, 6};
	const char **dst[] = {&d->index_no, &d->doc_number, &d->title, &d->summary, &d->body};
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_DOCS_GET,
		    "SELECT id, agency_id, index_no, doc_number, title, summary, body, category,"
		    " subject_id, kind, created, published, abolished, archived, attr_proposed,"
		    " attr_confirmed, status, interprets_id, secrecy_reviewed,"
		    " (SELECT count(*) FROM documents i WHERE i.interprets_id = documents.id)"
		    " FROM documents WHERE id = ?1",
		    m);
	enum gk_err err;

	if (!st)
		return GK_EIO;
	err = sq_step_one(s, st, id, "reading a document", m);
	if (!err) {
		memset(d, 0, sizeof(*d));
		d->id = sq_col_int(st, 0);
		d->agency_id = sq_col_int(st, 1);
		d->category = sqlite3_column_int(st, 7);
		d->subject_id = sq_col_int(st, 8);
		d->kind = (enum doc_kind)sqlite3_column_int(st, 9);
		d->created = sq_col_date(st, 10);
		d->published = sq_col_date(st, 11);
		d->abolished = sq_col_date(st, 12);
		d->archived = sq_col_date(st, 13);
		d->attr_proposed = (enum disclosure_attr)sqlite3_column_int(st, 14);
		d->attr_confirmed = (enum disclosure_attr)sqlite3_column_int(st, 15);
		d->status = (enum doc_status)sqlite3_column_int(st, 16);
		if (r) {
			r->interprets_id = sq_col_int(st, 17);
			r->secrecy_reviewed = sq_col_date(st, 18);
			r->interpretations = sq_col_int(st, 19);
		}
		err = sq_copy_texts(s, st, cols, dst, 5, m);
	}
	sq_release(s, SQ_DOCS_GET, st);
	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "document id %" PRId64 ": no such document", id);
	return err;
}

/* --- The steps -------------------------------------------------------------- */

/*
 * A step: one UPDATE whose WHERE names the state it expects. ?1 is the
 * document, ?2 the step's value (a 公开属性 or a date); abolishing alone
 * binds ?3, the status it leaves. what and state name the step and the
 * state it needs in messages.
 */
struct doc_step {
	enum sq_id id;
	const char *sql;
	const char *what;
	const char *state;
};

static const struct doc_step step_propose = {
    SQ_DOCS_PROPOSE,
    "UPDATE documents SET attr_proposed = ?2 WHERE id = ?1 AND status = 0"
    " AND attr_confirmed = 0",
    "proposing its 公开属性", "a draft whose 公开属性 is unconfirmed"};
static const struct doc_step step_confirm = {
    SQ_DOCS_CONFIRM,
    "UPDATE documents SET attr_confirmed = ?2 WHERE id = ?1 AND status = 0"
    " AND attr_proposed <> 0 AND attr_confirmed = 0",
    "confirming its 公开属性", "a draft with a proposed and unconfirmed 公开属性"};
static const struct doc_step step_review = {
    SQ_DOCS_REVIEW,
    "UPDATE documents SET status = 1, secrecy_reviewed = ?2 WHERE id = ?1"
    " AND status = 0 AND attr_confirmed = 1 AND created <= ?2",
    "recording its 保密审查", "a draft confirmed 主动公开 formed on or before that date"};
static const struct doc_step step_publish = {
    SQ_DOCS_PUBLISH,
    "UPDATE documents SET status = 2, published = ?2 WHERE id = ?1 AND status = 1"
    " AND attr_confirmed = 1 AND created <= ?2",
    "publishing it", "reviewed, 主动公开 and formed on or before that date"};
static const struct doc_step step_abolish = {
    SQ_DOCS_ABOLISH,
    "UPDATE documents SET status = ?3, abolished = ?2 WHERE id = ?1 AND status = 2"
    " AND published <= ?2",
    "abolishing it", "published on or before that date and in force"};
static const struct doc_step step_archive = {
    SQ_DOCS_ARCHIVE,
    "UPDATE documents SET archived = ?2 WHERE id = ?1 AND archived IS NULL"
    " AND published <= ?2",
    "recording 送交两馆", "published on or before that date and not handed over yet"};
static const struct doc_step step_link = {
    SQ_DOCS_LINK, "UPDATE documents SET interprets_id = ?2 WHERE id = ?1 AND published IS NULL",
    "linking it to its policy", "unpublished"};

/*
 * Run a step's UPDATE (the caller bound its values) and tell apart its
 * three endings: done, no such document, and a document that is no longer
 * in the state the step needs.
 */
static enum gk_err step_run(struct store *s, const struct doc_step *step, sqlite3_stmt *st,
			    int64_t doc, struct gk_errmsg *m)
{
	int rc = sq_run(s, step->id, st);
	enum gk_err err;

	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, step->what, m);
	if (sqlite3_changes(s->db) > 0)
		return GK_OK;
	err = sq_exists(s, SQ_DOCS_EXISTS, "SELECT 1 FROM documents WHERE id = ?1", doc, m);
	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "document id %" PRId64 ": no such document", doc);
	if (err)
		return err;
	return gk_errf(m, GK_ECONFLICT, "document id %" PRId64 ": %s: it is no longer %s", doc,
		       step->what, step->state);
}

/* A step whose value ?2 is a number: a 公开属性, a policy's id. */
static enum gk_err step_with_int(struct store *s, const struct doc_step *step, int64_t doc,
				 int64_t value, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, step->id, step->sql, m);

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, doc);
	sq_bind_int(s, st, 2, value);
	return step_run(s, step, st, doc, m);
}

/*
 * A step dated `date`: checked like every stored date (field names it),
 * and not before the document's 形成日期 (the statements' WHERE and the
 * schema's CHECKs say that). status >= 0 is bound to ?3.
 */
static enum gk_err step_dated(struct store *s, const struct doc_step *step, int64_t doc,
			      const char *field, gk_date date, int status, struct gk_errmsg *m)
{
	sqlite3_stmt *st;
	enum gk_err err = check_date(field, date, true, m);

	if (err)
		return err;
	if (!(st = sq_stmt(s, step->id, step->sql, m)))
		return GK_EIO;
	sq_bind_int(s, st, 1, doc);
	sq_bind_date(s, st, 2, date);
	if (status >= 0)
		sq_bind_int(s, st, 3, status);
	return step_run(s, step, st, doc, m);
}

static enum gk_err check_attr(enum disclosure_attr attr, struct gk_errmsg *m)
{
	if (attr <= ATTR_UNSET || attr >= ATTR_COUNT)
		return gk_errf(m, GK_EINVAL, "公开属性 %d: allowed 1–%d", (int)attr,
			       ATTR_COUNT - 1);
	return GK_OK;
}

enum gk_err store_docs_propose(struct store *s, int64_t id, enum disclosure_attr attr,
			       struct gk_errmsg *m)
{
	enum gk_err err = check_attr(attr, m);

	return err ? err : step_with_int(s, &step_propose, id, attr, m);
}

enum gk_err store_docs_confirm(struct store *s, int64_t id, enum disclosure_attr attr,
			       struct gk_errmsg *m)
{
	enum gk_err err = check_attr(attr, m);

	return err ? err : step_with_int(s, &step_confirm, id, attr, m);
}

enum gk_err store_docs_review(struct store *s, int64_t id, gk_date date, struct gk_errmsg *m)
{
	return step_dated(s, &step_review, id, "保密审查 date", date, -1, m);
}

enum gk_err store_docs_publish(struct store *s, int64_t id, gk_date date, struct gk_errmsg *m)
{
	return step_dated(s, &step_publish, id, "published date", date, -1, m);
}

enum gk_err store_docs_abolish(struct store *s, int64_t id, gk_date date, bool invalid,
			       struct gk_errmsg *m)
{
	return step_dated(s, &step_abolish, id, "abolished date", date,
			  invalid ? DOC_INVALID : DOC_ABOLISHED, m);
}

enum gk_err store_docs_archive(struct store *s, int64_t id, gk_date date, struct gk_errmsg *m)
{
	return step_dated(s, &step_archive, id, "archived date", date, -1, m);
}

enum gk_err store_docs_link(struct store *s, int64_t id, int64_t policy_id, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("policy", policy_id, m)))
		return err;
	if (policy_id == id)
		return gk_errf(m, GK_EINVAL,
			       "document id %" PRId64 ": a 解读 cannot explain itself", id);
	err = sq_exists(s, SQ_DOCS_EXISTS, "SELECT 1 FROM documents WHERE id = ?1", policy_id, m);
	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "document id %" PRId64 ": no such policy", policy_id);
	if (err)
		return err;
	return step_with_int(s, &step_link, id, policy_id, m);
}

enum gk_err store_docs_interpretations(struct store *s, int64_t policy_id, int64_t **ids, size_t *n,
				       struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_DOCS_INTERPRETATIONS,
		    "SELECT id FROM documents WHERE interprets_id = ?1 ORDER BY id", m);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, policy_id);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		if (*n == cap) {
			void *grown = realloc(*ids, (cap = cap ? 2 * cap : 8) * sizeof(**ids));

			if (!grown) {
				rc = SQLITE_NOMEM;
				break;
			}
			*ids = grown;
		}
		(*ids)[(*n)++] = sq_col_int(st, 0);
	}
	sq_release(s, SQ_DOCS_INTERPRETATIONS, st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc == SQLITE_NOMEM ? gk_errf(m, GK_ENOMEM, "out of memory listing 解读")
					  : sq_fail(s, rc, "listing a policy's 解读", m);
	}
	return GK_OK;
}

/* --- The history ------------------------------------------------------------ */

enum gk_err store_docs_event_add(struct store *s, const struct store_docs_event *e, int64_t *id,
				 struct gk_errmsg *m)
{
	sqlite3_stmt *st;
	enum gk_err err;
	int rc;

	if ((err = check_id("document", e->document_id, m)) ||
	    (err = check_code("document event kind", e->kind, false, m)) ||
	    (err = check_text("document event kind", e->kind, STORE_DOCS_KIND_MAX, true, m)) ||
	    (err = check_date("document event date", e->date, true, m)) ||
	    (err = check_text("note", e->note, DOCS_NOTE_MAX, false, m)))
		return err;
	if (e->user_id < 0)
		return gk_errf(m, GK_EINVAL, "document event: user id is positive or 0");
	st = sq_stmt(s, SQ_DOCS_EVENT_ADD,
		     "INSERT INTO document_events (document_id, kind, date, user_id, note)"
		     " VALUES (?1, ?2, ?3, ?4, ?5)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, e->document_id);
	sq_bind_text(s, st, 2, e->kind);
	sq_bind_date(s, st, 3, e->date);
	sq_bind_id(s, st, 4, e->user_id);
	sq_bind_text(s, st, 5, e->note && *e->note ? e->note : NULL);
	rc = sq_run(s, SQ_DOCS_EVENT_ADD, st);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND,
			       "document event: no document %" PRId64 " or no user %" PRId64,
			       e->document_id, e->user_id);
	return sq_inserted(s, rc, id, "recording a document's step", m);
}

enum gk_err store_docs_event_each(struct store *s, int64_t document_id, store_docs_event_fn fn,
				  void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_DOCS_EVENT_EACH,
				   "SELECT e.id, e.document_id, e.kind, e.date, e.user_id, e.note,"
				   " u.username FROM document_events e LEFT JOIN users u"
				   " ON u.id = e.user_id WHERE e.document_id = ?1 ORDER BY e.id",
				   m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, document_id);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_docs_event e = {
		    .id = sq_col_int(st, 0),
		    .document_id = sq_col_int(st, 1),
		    .kind = (const char *)sqlite3_column_text(st, 2),
		    .date = sq_col_date(st, 3),
		    .user_id = sq_col_int(st, 4),
		    .note = (const char *)sqlite3_column_text(st, 5),
		    .username = (const char *)sqlite3_column_text(st, 6),
		};
		if (fn(ctx, &e))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "reading a document's history", m);
	sq_release(s, SQ_DOCS_EVENT_EACH, st);
	return err;
}

/* --- The list --------------------------------------------------------------- */

static bool late_matches(enum store_docs_late_filter f, enum store_docs_late late)
{
	switch (f) {
	case STORE_DOCS_LATE:
		return late != STORE_DOCS_IN_TIME;
	case STORE_DOCS_ONLY_PENDING:
		return late == STORE_DOCS_LATE_PENDING;
	case STORE_DOCS_ONLY_PUBLISHED:
		return late == STORE_DOCS_LATE_PUBLISHED;
	default:
		return true;
	}
}

/* The page found by the counting pass: ids and their lateness. */
struct page_ids {
	int64_t *ids;
	enum store_docs_late *late;
	size_t n;
};

/*
 * The counting pass: every document of the scope and kind, newest first,
 * with only the columns lateness needs; counts, and the ids of the page.
 */
static enum gk_err scan(struct store *s, const struct store_docs_query *q, int64_t limit,
			struct store_docs_counts *c, struct page_ids *p, struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_DOCS_SCAN,
		    SQ_REGION_CTE "SELECT id, status, kind, attr_proposed, attr_confirmed, created,"
				  " published FROM documents WHERE agency_id IN region"
				  " AND (?3 = -1 OR kind = ?3) ORDER BY created DESC, id DESC",
		    m);
	int64_t matched = 0, offset = q->offset > 0 ? q->offset : 0;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, q->agency_id);
	sq_bind_int(s, st, 2, q->region);
	sq_bind_int(s, st, 3, q->kind);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_docs_row r = {
		    .id = sq_col_int(st, 0),
		    .status = (enum doc_status)sqlite3_column_int(st, 1),
		    .kind = (enum doc_kind)sqlite3_column_int(st, 2),
		    .attr_proposed = (enum disclosure_attr)sqlite3_column_int(st, 3),
		    .attr_confirmed = (enum disclosure_attr)sqlite3_column_int(st, 4),
		    .created = sq_col_date(st, 5),
		    .published = sq_col_date(st, 6),
		};
		enum store_docs_late late =
		    q->late_fn ? q->late_fn(q->late_ctx, &r) : STORE_DOCS_IN_TIME;

		c->all++;
		if ((unsigned)r.status < DOC_STATUS_COUNT)
			c->by_status[r.status]++;
		c->late_pending += late == STORE_DOCS_LATE_PENDING;
		c->late_published += late == STORE_DOCS_LATE_PUBLISHED;
		if ((q->status >= 0 && (int)r.status != q->status) || !late_matches(q->late, late))
			continue;
		if (matched >= offset && matched - offset < limit) {
			p->ids[p->n] = r.id;
			p->late[p->n++] = late;
		}
		matched++;
	}
	c->total = matched;
	sq_release(s, SQ_DOCS_SCAN, st);
	return rc == SQLITE_DONE ? GK_OK : sq_fail(s, rc, "listing documents", m);
}

/* One row of the page, read in full, handed to fn; *stop when fn says so. */
static enum gk_err page_row(struct store *s, int64_t id, enum store_docs_late late,
			    store_docs_row_fn fn, void *ctx, bool *stop, struct gk_errmsg *m)
{
	static const int cols[] = {2, 3, 4};
	struct store_docs_row r = {0};
	const char **dst[] = {&r.index_no, &r.doc_number, &r.title};
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_DOCS_ROW,
		    "SELECT id, agency_id, index_no, doc_number, title, category, kind,"
		    " status, attr_proposed, attr_confirmed, created, published,"
		    " abolished, archived, secrecy_reviewed, interprets_id"
		    " FROM documents WHERE id = ?1",
		    m);
	enum gk_err err;

	if (!st)
		return GK_EIO;
	err = sq_step_one(s, st, id, "reading a listed document", m);
	if (!err) {
		r.id = sq_col_int(st, 0);
		r.agency_id = sq_col_int(st, 1);
		r.category = sqlite3_column_int(st, 5);
		r.kind = (enum doc_kind)sqlite3_column_int(st, 6);
		r.status = (enum doc_status)sqlite3_column_int(st, 7);
		r.attr_proposed = (enum disclosure_attr)sqlite3_column_int(st, 8);
		r.attr_confirmed = (enum disclosure_attr)sqlite3_column_int(st, 9);
		r.created = sq_col_date(st, 10);
		r.published = sq_col_date(st, 11);
		r.abolished = sq_col_date(st, 12);
		r.archived = sq_col_date(st, 13);
		r.secrecy_reviewed = sq_col_date(st, 14);
		r.interprets_id = sq_col_int(st, 15);
		err = sq_copy_texts(s, st, cols, dst, 3, m);
	}
	sq_release(s, SQ_DOCS_ROW, st);
	/* A row deleted between the passes is skipped (documents are never
	 * deleted today). */
	if (err == GK_ENOTFOUND)
		return GK_OK;
	if (!err && fn(ctx, &r, late))
		*stop = true;
	return err;
}

enum gk_err store_docs_list(struct store *s, const struct store_docs_query *q, store_docs_row_fn fn,
			    void *ctx, struct store_docs_counts *counts, struct gk_errmsg *m)
{
	int64_t limit = q->limit > 0 ? q->limit : 50;
	struct store_docs_counts own;
	struct page_ids p = {0};
	enum gk_err err;
	bool stop = false, own_tx = false;

	if (limit > STORE_DOCS_LIMIT_MAX)
		return gk_errf(m, GK_EINVAL, "document list: at most %d rows at once",
			       STORE_DOCS_LIMIT_MAX);
	if (!counts)
		counts = &own;
	memset(counts, 0, sizeof(*counts));
	p.ids = malloc((size_t)limit * sizeof(*p.ids));
	p.late = malloc((size_t)limit * sizeof(*p.late));
	if (!p.ids || !p.late) {
		free(p.ids), free(p.late);
		return gk_errf(m, GK_ENOMEM, "out of memory listing documents");
	}
	/* Both passes see one snapshot, so the page agrees with the counts. */
	if (!store_in_transaction(s)) {
		if ((err = store_read_begin(s, m)))
			goto out;
		own_tx = true;
	}
	err = scan(s, q, limit, counts, &p, m);
	for (size_t i = 0; fn && !err && !stop && i < p.n; i++)
		err = page_row(s, p.ids[i], p.late[i], fn, ctx, &stop, m);
	if (own_tx) {
		if (err)
			store_rollback(s);
		else
			err = store_commit(s, m);
	}
out:
	free(p.ids), free(p.late);
	return err;
}
