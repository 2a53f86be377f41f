/*
 * The supervising office's records (store_supervision.h): complaints,
 * rectification notices, the closing of appeals, the assessment's
 * indicators and scores, and the counts of the region overview.
 */
#include <inttypes.h>
#include <string.h>

#include "base/ids.h"
#include "store/sqlite.h"
#include "store/store_supervision.h"
#include "store/validate.h"

#include "base/banned.h"

#define DEFAULT_LIMIT 50

/* --- Shared pieces -------------------------------------------------------- */

/*
 * The row of `noun` with this id, by sql (its key in ?1): GK_OK with *out
 * on the row (the caller reads it, then releases it under sid),
 * GK_ENOTFOUND naming the row, else the failure of what.
 */
static enum gk_err row_by_id(struct store *s, enum sq_id sid, const char *sql, int64_t id,
			     const char *noun, const char *what, sqlite3_stmt **out,
			     struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, sid, sql, m);
	enum gk_err err;

	if (!st)
		return GK_EIO;
	err = sq_step_one(s, st, id, what, m);
	if (err == GK_ENOTFOUND)
		err = gk_errf(m, GK_ENOTFOUND, "%s %" PRId64 " 不存在", noun, id);
	if (err)
		sq_release(s, sid, st);
	else
		*out = st;
	return err;
}

/* The agency a row belongs to (sql selects its agency_id by ?1); GK_ENOTFOUND
 * (m filled) when there is no such row. */
static enum gk_err row_agency(struct store *s, enum sq_id sid, const char *sql, int64_t id,
			      const char *noun, const char *what, int64_t *agency,
			      struct gk_errmsg *m)
{
	sqlite3_stmt *st;
	enum gk_err err = row_by_id(s, sid, sql, id, noun, what, &st, m);

	*agency = 0;
	if (err)
		return err;
	*agency = sq_col_int(st, 0);
	sq_release(s, sid, st);
	return GK_OK;
}

/* The filters every list shares: ?1 agency, ?2 region, ?3 state, ?4 from,
 * ?5 to, ?6 the extra id (complaint or application), ?7 limit, ?8 offset. */
static void bind_query(struct store *s, sqlite3_stmt *st, const struct store_sup_query *q,
		       int64_t extra, bool page)
{
	sq_bind_int(s, st, 1, q->agency_id);
	sq_bind_int(s, st, 2, q->region);
	sq_bind_int(s, st, 3, q->state);
	sq_bind_date(s, st, 4, q->from);
	sq_bind_date(s, st, 5, q->to);
	sq_bind_int(s, st, 6, extra);
	if (page) {
		sq_bind_int(s, st, 7, q->limit > 0 ? q->limit : DEFAULT_LIMIT);
		sq_bind_int(s, st, 8, q->offset > 0 ? q->offset : 0);
	}
}

static enum gk_err count_rows(struct store *s, enum sq_id id, const char *sql,
			      const struct store_sup_query *q, int64_t extra, int64_t *total,
			      struct gk_errmsg *m)
{
	sqlite3_stmt *st;
	int rc;

	*total = 0;
	if (!(st = sq_stmt(s, id, sql, m)))
		return GK_EIO;
	bind_query(s, st, q, extra, false);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		*total = sq_col_int(st, 0);
	sq_release(s, id, st);
	return rc == SQLITE_ROW ? GK_OK : sq_fail(s, rc, "counting a list", m);
}

/* One of the lists (complaints, notices, appeals): its count and its page
 * of rows, both for the filters of bind_query. */
struct sup_list {
	enum sq_id total_id, page_id;
	const char *total_sql, *page_sql;
	const char *what; /* for the failure of a step */
};

/* The list's page, bound and ready to step (*total counted first when
 * asked for); NULL with *err on failure. */
static sqlite3_stmt *list_open(struct store *s, const struct sup_list *l,
			       const struct store_sup_query *q, int64_t extra, int64_t *total,
			       enum gk_err *err, struct gk_errmsg *m)
{
	sqlite3_stmt *st;

	if (total && (*err = count_rows(s, l->total_id, l->total_sql, q, extra, total, m)))
		return NULL;
	if (!(st = sq_stmt(s, l->page_id, l->page_sql, m))) {
		*err = GK_EIO;
		return NULL;
	}
	bind_query(s, st, q, extra, true);
	return st;
}

/* The end of a walk over st: rc is the last step's, a row when the caller's
 * callback stopped early. */
static enum gk_err walk_end(struct store *s, enum sq_id id, sqlite3_stmt *st, int rc,
			    const char *what, struct gk_errmsg *m)
{
	enum gk_err err = GK_OK;

	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, what, m);
	sq_release(s, id, st);
	return err;
}

/* The UPDATE that closes the row ?1 on the date ?2; the caller binds ?3. */
static sqlite3_stmt *closing_stmt(struct store *s, enum sq_id sid, const char *sql, int64_t id,
				  gk_date date, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, sid, sql, m);

	if (st) {
		sq_bind_int(s, st, 1, id);
		sq_bind_date(s, st, 2, date);
	}
	return st;
}

/* An UPDATE that must change exactly the row id; the caller has checked
 * that it exists. */
static enum gk_err run_update(struct store *s, enum sq_id id, sqlite3_stmt *st, const char *what,
			      struct gk_errmsg *m)
{
	int rc = sq_run(s, id, st);

	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, what, m);
	return GK_OK;
}

/* --- Complaints ----------------------------------------------------------- */

static enum gk_err check_complaint(const struct store_complaint_rec *c, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("complaint's agency", c->agency_id, m)) ||
	    (err = check_code("投诉编号", c->ref, true, m)) ||
	    (err = check_date("收到日期", c->received, true, m)) ||
	    (err = check_text("投诉内容", c->content, STORE_SUP_TEXT_MAX, true, m)) ||
	    (err = check_text("投诉人", c->complainant, STORE_COMPLAINANT_MAX, false, m)))
		return err;
	if (c->application_id < 0)
		return check_id("complaint's application", c->application_id, m);
	return GK_OK;
}

enum gk_err store_complaint_register(struct store *s, const struct store_complaint_rec *c,
				     int64_t *id, struct gk_errmsg *m)
{
	enum gk_err err = check_complaint(c, m);
	int64_t owner;
	sqlite3_stmt *st;
	int rc;

	if (err)
		return err;
	if (c->application_id) {
		if ((err = row_agency(
			 s, SQ_SUP_APP_AGENCY, "SELECT agency_id FROM applications WHERE id = ?1",
			 c->application_id, "申请", "reading an application's agency", &owner, m)))
			return err;
		if (owner != c->agency_id)
			return gk_errf(
			    m, GK_EINVAL,
			    "所涉申请不是被投诉机关办理的申请（投诉应针对办理该申请的机关）");
	}
	st = sq_stmt(s, SQ_SUP_COMPLAINT_ADD,
		     "INSERT INTO complaints (agency_id, ref, received, content, complainant,"
		     " application_id, rectification) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, c->agency_id);
	sq_bind_text(s, st, 2, c->ref);
	sq_bind_date(s, st, 3, c->received);
	sq_bind_text(s, st, 4, c->content);
	sq_bind_text(s, st, 5, c->complainant && *c->complainant ? c->complainant : NULL);
	sq_bind_id(s, st, 6, c->application_id);
	rc = sq_run(s, SQ_SUP_COMPLAINT_ADD, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT, "投诉编号「%s」在该机关已存在", c->ref);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency",
			       c->agency_id);
	return sq_inserted(s, rc, id, "registering a complaint", m);
}

#define COMPLAINT_COLS                                                                             \
	"c.id, c.agency_id, c.ref, c.received, c.content, c.complainant, c.application_id,"        \
	" c.closed, c.answer, c.rectification, a.ref, a.tracking_code"                             \
	" FROM complaints c LEFT JOIN applications a ON a.id = c.application_id"

static struct store_complaint_rec complaint_row(sqlite3_stmt *st)
{
	return (struct store_complaint_rec){
	    .id = sq_col_int(st, 0),
	    .agency_id = sq_col_int(st, 1),
	    .ref = (const char *)sqlite3_column_text(st, 2),
	    .received = sq_col_date(st, 3),
	    .content = (const char *)sqlite3_column_text(st, 4),
	    .complainant = (const char *)sqlite3_column_text(st, 5),
	    .application_id = sq_col_int(st, 6),
	    .closed = sq_col_date(st, 7),
	    .answer = (const char *)sqlite3_column_text(st, 8),
	    .rectification = sqlite3_column_int(st, 9) != 0,
	    .application_ref = (const char *)sqlite3_column_text(st, 10),
	    .tracking_code = (const char *)sqlite3_column_text(st, 11),
	};
}

enum gk_err store_complaint_get(struct store *s, int64_t id, struct store_complaint_rec *out,
				struct gk_errmsg *m)
{
	static const int cols[] = {2, 4, 5, 8, 10, 11};
	const char **dst[] = {&out->ref,    &out->content,	   &out->complainant,
			      &out->answer, &out->application_ref, &out->tracking_code};
	sqlite3_stmt *st;
	enum gk_err err =
	    row_by_id(s, SQ_SUP_COMPLAINT_GET, "SELECT " COMPLAINT_COLS " WHERE c.id = ?1", id,
		      "投诉", "reading a complaint", &st, m);

	if (err)
		return err;
	*out = complaint_row(st);
	err = sq_copy_texts(s, st, cols, dst, 6, m);
	sq_release(s, SQ_SUP_COMPLAINT_GET, st);
	return err;
}

enum gk_err store_complaint_answer(struct store *s, int64_t id, gk_date date, const char *answer,
				   struct gk_errmsg *m)
{
	struct store_complaint_rec c;
	struct sq_op op;
	sqlite3_stmt *st;
	enum gk_err err;

	if ((err = check_date("答复日期", date, true, m)) ||
	    (err = check_text("答复内容", answer, STORE_SUP_TEXT_MAX, true, m)))
		return err;
	if ((err = sq_op_begin(s, &op, m)))
		return err;
	if ((err = store_complaint_get(s, id, &c, m)))
		goto done;
	if (c.closed) {
		char d[GK_DATE_STRLEN];

		err = gk_errf(m, GK_ECONFLICT, "投诉「%s」已于 %s 答复，不能再次答复", c.ref,
			      date_format(c.closed, d));
		goto done;
	}
	if (date < c.received) {
		err = gk_errf(m, GK_EINVAL, "答复日期早于收到投诉的日期");
		goto done;
	}
	if (!(st = closing_stmt(s, SQ_SUP_COMPLAINT_ANSWER,
				"UPDATE complaints SET closed = ?2, answer = ?3 WHERE id = ?1", id,
				date, m))) {
		err = GK_EIO;
		goto done;
	}
	sq_bind_text(s, st, 3, answer);
	err = run_update(s, SQ_SUP_COMPLAINT_ANSWER, st, "answering a complaint", m);
done:
	return sq_op_end(s, &op, err, m);
}

/* clang-format off */
#define COMPLAINT_WHERE                                                                            \
	" WHERE c.agency_id IN region"                                                             \
	" AND (?3 = 0 OR (?3 = 1) = (c.closed IS NULL))"                                           \
	" AND (?4 IS NULL OR c.received >= ?4) AND (?5 IS NULL OR c.received <= ?5)"               \
	" AND (?6 = 0 OR c.application_id = ?6)"
/* clang-format on */

static const struct sup_list complaint_list = {
    SQ_SUP_COMPLAINT_TOTAL,
    SQ_SUP_COMPLAINT_LIST,
    SQ_REGION_CTE "SELECT count(*) FROM complaints c" COMPLAINT_WHERE,
    SQ_REGION_CTE "SELECT " COMPLAINT_COLS COMPLAINT_WHERE
		  " ORDER BY c.received DESC, c.id DESC LIMIT ?7 OFFSET ?8",
    "listing complaints",
};

enum gk_err store_complaint_list(struct store *s, const struct store_sup_query *q,
				 store_complaint_fn fn, void *ctx, int64_t *total,
				 struct gk_errmsg *m)
{
	enum gk_err err = GK_OK;
	sqlite3_stmt *st = list_open(s, &complaint_list, q, q->application_id, total, &err, m);
	int rc;

	if (!st)
		return err;
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_complaint_rec x = complaint_row(st);

		if (fn(ctx, &x))
			break;
	}
	return walk_end(s, SQ_SUP_COMPLAINT_LIST, st, rc, complaint_list.what, m);
}

/* --- Rectification notices ------------------------------------------------ */

static enum gk_err check_rectification(const struct store_rectification *r, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("rectification's agency", r->agency_id, m)) ||
	    (err = check_id("rectification's issuer", r->issued_by, m)) ||
	    (err = check_date("发文日期", r->issued, true, m)) ||
	    (err = check_date("整改期限", r->due, false, m)) ||
	    (err = check_text("整改要求", r->content, STORE_SUP_TEXT_MAX, true, m)) ||
	    (err = check_text("文号", r->doc_number, STORE_NAME_MAX, false, m)))
		return err;
	if (r->due && r->due < r->issued)
		return gk_errf(m, GK_EINVAL, "整改期限早于发文日期");
	if (r->issued_by == r->agency_id)
		return gk_errf(m, GK_EINVAL, "整改通知书不能发给本机关自己");
	if (r->complaint_id < 0)
		return check_id("rectification's complaint", r->complaint_id, m);
	return GK_OK;
}

static enum gk_err insert_rectification(struct store *s, const struct store_rectification *r,
					int64_t *id, struct gk_errmsg *m)
{
	sqlite3_stmt *st;
	int64_t owner;
	enum gk_err err;
	int rc;

	if (r->complaint_id) {
		if ((err = row_agency(s, SQ_SUP_COMPLAINT_AGENCY,
				      "SELECT agency_id FROM complaints WHERE id = ?1",
				      r->complaint_id, "投诉", "reading a complaint's agency",
				      &owner, m)))
			return err;
		if (owner != r->agency_id)
			return gk_errf(m, GK_EINVAL,
				       "该投诉涉及的是另一个机关，整改通知书应发给被投诉机关");
	}
	st = sq_stmt(s, SQ_SUP_RECT_ADD,
		     "INSERT INTO rectifications (agency_id, complaint_id, issued_by, doc_number,"
		     " issued, due, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, r->agency_id);
	sq_bind_id(s, st, 2, r->complaint_id);
	sq_bind_int(s, st, 3, r->issued_by);
	sq_bind_text(s, st, 4, r->doc_number && *r->doc_number ? r->doc_number : NULL);
	sq_bind_date(s, st, 5, r->issued);
	sq_bind_date(s, st, 6, r->due);
	sq_bind_text(s, st, 7, r->content);
	rc = sq_run(s, SQ_SUP_RECT_ADD, st);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND,
			       "agency id %" PRId64 " or %" PRId64 ": no such agency", r->agency_id,
			       r->issued_by);
	if ((err = sq_inserted(s, rc, id, "issuing a rectification notice", m)) || !r->complaint_id)
		return err;
	/* 第四十七条第二款: the complaint was found true (查证属实) and led to
	 * 督促整改; the annual count of complaints and the assessment read it. */
	if (!(st = sq_stmt(s, SQ_SUP_RECT_MARK,
			   "UPDATE complaints SET rectification = 1 WHERE id = ?1", m)))
		return GK_EIO;
	sq_bind_int(s, st, 1, r->complaint_id);
	return run_update(s, SQ_SUP_RECT_MARK, st, "marking the complaint", m);
}

enum gk_err store_rectification_issue(struct store *s, const struct store_rectification *r,
				      int64_t *id, struct gk_errmsg *m)
{
	enum gk_err err = check_rectification(r, m);
	struct sq_op op;

	if (err || (err = sq_op_begin(s, &op, m)))
		return err;
	return sq_op_end(s, &op, insert_rectification(s, r, id, m), m);
}

#define RECT_COLS                                                                                  \
	"r.id, r.agency_id, r.issued_by, r.complaint_id, r.doc_number, r.issued, r.due,"           \
	" r.content, r.replied, r.reply, c.ref"                                                    \
	" FROM rectifications r LEFT JOIN complaints c ON c.id = r.complaint_id"

static struct store_rectification rect_row(sqlite3_stmt *st)
{
	return (struct store_rectification){
	    .id = sq_col_int(st, 0),
	    .agency_id = sq_col_int(st, 1),
	    .issued_by = sq_col_int(st, 2),
	    .complaint_id = sq_col_int(st, 3),
	    .doc_number = (const char *)sqlite3_column_text(st, 4),
	    .issued = sq_col_date(st, 5),
	    .due = sq_col_date(st, 6),
	    .content = (const char *)sqlite3_column_text(st, 7),
	    .replied = sq_col_date(st, 8),
	    .reply = (const char *)sqlite3_column_text(st, 9),
	    .complaint_ref = (const char *)sqlite3_column_text(st, 10),
	};
}

enum gk_err store_rectification_get(struct store *s, int64_t id, struct store_rectification *out,
				    struct gk_errmsg *m)
{
	static const int cols[] = {4, 7, 9, 10};
	const char **dst[] = {&out->doc_number, &out->content, &out->reply, &out->complaint_ref};
	sqlite3_stmt *st;
	enum gk_err err = row_by_id(s, SQ_SUP_RECT_GET, "SELECT " RECT_COLS " WHERE r.id = ?1", id,
				    "整改通知书", "reading a rectification notice", &st, m);

	if (err)
		return err;
	*out = rect_row(st);
	err = sq_copy_texts(s, st, cols, dst, 4, m);
	sq_release(s, SQ_SUP_RECT_GET, st);
	return err;
}

enum gk_err store_rectification_reply(struct store *s, int64_t id, gk_date date, const char *reply,
				      struct gk_errmsg *m)
{
	struct store_rectification r;
	struct sq_op op;
	sqlite3_stmt *st;
	enum gk_err err;

	if ((err = check_date("回复日期", date, true, m)) ||
	    (err = check_text("整改情况", reply, STORE_SUP_TEXT_MAX, true, m)))
		return err;
	if ((err = sq_op_begin(s, &op, m)))
		return err;
	if ((err = store_rectification_get(s, id, &r, m)))
		goto done;
	if (r.replied) {
		char d[GK_DATE_STRLEN];

		err = gk_errf(m, GK_ECONFLICT, "该整改通知书已于 %s 回复，不能再次回复",
			      date_format(r.replied, d));
		goto done;
	}
	if (date < r.issued) {
		err = gk_errf(m, GK_EINVAL, "回复日期早于整改通知书的发文日期");
		goto done;
	}
	if (!(st = closing_stmt(s, SQ_SUP_RECT_REPLY,
				"UPDATE rectifications SET replied = ?2, reply = ?3 WHERE id = ?1",
				id, date, m))) {
		err = GK_EIO;
		goto done;
	}
	sq_bind_text(s, st, 3, reply);
	err = run_update(s, SQ_SUP_RECT_REPLY, st, "recording the reply", m);
done:
	return sq_op_end(s, &op, err, m);
}

/* clang-format off */
#define RECT_WHERE                                                                                 \
	" WHERE r.agency_id IN region"                                                             \
	" AND (?3 = 0 OR (?3 = 1) = (r.replied IS NULL))"                                          \
	" AND (?4 IS NULL OR r.issued >= ?4) AND (?5 IS NULL OR r.issued <= ?5)"                   \
	" AND (?6 = 0 OR r.complaint_id = ?6)"
/* clang-format on */

static const struct sup_list rect_list = {
    SQ_SUP_RECT_TOTAL,
    SQ_SUP_RECT_LIST,
    SQ_REGION_CTE "SELECT count(*) FROM rectifications r" RECT_WHERE,
    SQ_REGION_CTE "SELECT " RECT_COLS RECT_WHERE
		  " ORDER BY r.issued DESC, r.id DESC LIMIT ?7 OFFSET ?8",
    "listing rectification notices",
};

enum gk_err store_rectification_list(struct store *s, const struct store_sup_query *q,
				     store_rectification_fn fn, void *ctx, int64_t *total,
				     struct gk_errmsg *m)
{
	enum gk_err err = GK_OK;
	sqlite3_stmt *st = list_open(s, &rect_list, q, q->complaint_id, total, &err, m);
	int rc;

	if (!st)
		return err;
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_rectification x = rect_row(st);

		if (fn(ctx, &x))
			break;
	}
	return walk_end(s, SQ_SUP_RECT_LIST, st, rc, rect_list.what, m);
}

/* --- Appeals -------------------------------------------------------------- */

#define APPEAL_COLS                                                                                \
	"p.id, p.agency_id, p.application_id, p.ref, p.kind, p.filed, p.closed, p.result,"         \
	" p.co_defendant_only, p.note, a.ref, a.tracking_code"                                     \
	" FROM appeals p LEFT JOIN applications a ON a.id = p.application_id"

static struct store_appeal_rec appeal_row(sqlite3_stmt *st)
{
	return (struct store_appeal_rec){
	    .a =
		{
		    .id = sq_col_int(st, 0),
		    .agency_id = sq_col_int(st, 1),
		    .application_id = sq_col_int(st, 2),
		    .ref = (const char *)sqlite3_column_text(st, 3),
		    .kind = (enum appeal_kind)sqlite3_column_int(st, 4),
		    .filed = sq_col_date(st, 5),
		    .closed = sq_col_date(st, 6),
		    .result = (enum appeal_result)sqlite3_column_int(st, 7),
		    .co_defendant_only = sqlite3_column_int(st, 8) != 0,
		    .note = (const char *)sqlite3_column_text(st, 9),
		},
	    .application_ref = (const char *)sqlite3_column_text(st, 10),
	    .tracking_code = (const char *)sqlite3_column_text(st, 11),
	};
}

enum gk_err store_appeal_get(struct store *s, int64_t id, struct store_appeal_rec *out,
			     struct gk_errmsg *m)
{
	static const int cols[] = {3, 9, 10, 11};
	const char **dst[] = {&out->a.ref, &out->a.note, &out->application_ref,
			      &out->tracking_code};
	sqlite3_stmt *st;
	enum gk_err err = row_by_id(s, SQ_SUP_APPEAL_GET, "SELECT " APPEAL_COLS " WHERE p.id = ?1",
				    id, "复议诉讼案件", "reading an appeal", &st, m);

	if (err)
		return err;
	*out = appeal_row(st);
	err = sq_copy_texts(s, st, cols, dst, 4, m);
	sq_release(s, SQ_SUP_APPEAL_GET, st);
	return err;
}

enum gk_err store_appeal_close(struct store *s, int64_t id, enum appeal_result result, gk_date date,
			       struct gk_errmsg *m)
{
	struct store_appeal_rec p;
	struct sq_op op;
	sqlite3_stmt *st;
	enum gk_err err;

	if ((err = check_date("审结日期", date, true, m)))
		return err;
	if (result <= APPEAL_RESULT_PENDING || result >= APPEAL_RESULT_COUNT)
		return gk_errf(m, GK_EINVAL, "审结结果应为 维持、纠正 或 其他");
	if ((err = sq_op_begin(s, &op, m)))
		return err;
	if ((err = store_appeal_get(s, id, &p, m)))
		goto done;
	if (p.a.closed) {
		err = gk_errf(m, GK_ECONFLICT, "案件「%s」已审结（%s），不能再次审结", p.a.ref,
			      appeal_result_name(p.a.result));
		goto done;
	}
	if (date < p.a.filed) {
		err = gk_errf(m, GK_EINVAL, "审结日期早于立案（申请、起诉）日期");
		goto done;
	}
	if (!(st = closing_stmt(s, SQ_SUP_APPEAL_CLOSE,
				"UPDATE appeals SET closed = ?2, result = ?3 WHERE id = ?1", id,
				date, m))) {
		err = GK_EIO;
		goto done;
	}
	sq_bind_int(s, st, 3, result);
	err = run_update(s, SQ_SUP_APPEAL_CLOSE, st, "closing an appeal", m);
done:
	return sq_op_end(s, &op, err, m);
}

/* clang-format off */
#define APPEAL_WHERE                                                                               \
	" WHERE p.agency_id IN region"                                                             \
	" AND (?3 = 0 OR (?3 = 1) = (p.closed IS NULL))"                                           \
	" AND (?4 IS NULL OR p.filed >= ?4) AND (?5 IS NULL OR p.filed <= ?5)"                     \
	" AND (?6 = 0 OR p.application_id = ?6)"
/* clang-format on */

static const struct sup_list appeal_list = {
    SQ_SUP_APPEAL_TOTAL,
    SQ_SUP_APPEAL_LIST,
    SQ_REGION_CTE "SELECT count(*) FROM appeals p" APPEAL_WHERE,
    SQ_REGION_CTE "SELECT " APPEAL_COLS APPEAL_WHERE
		  " ORDER BY p.filed DESC, p.id DESC LIMIT ?7 OFFSET ?8",
    "listing appeals",
};

enum gk_err store_appeal_list(struct store *s, const struct store_sup_query *q, store_appeal_fn fn,
			      void *ctx, int64_t *total, struct gk_errmsg *m)
{
	enum gk_err err = GK_OK;
	sqlite3_stmt *st = list_open(s, &appeal_list, q, q->application_id, total, &err, m);
	int rc;

	if (!st)
		return err;
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_appeal_rec x = appeal_row(st);

		if (fn(ctx, &x))
			break;
	}
	return walk_end(s, SQ_SUP_APPEAL_LIST, st, rc, appeal_list.what, m);
}

/* clang-format off */
/* One row per (agency, what): 0 applications (open, overdue), 1 complaints,
 * 2 notices, 3 appeals — each part walks its agency index. Overdue is
 * what the inbox says (sqlite_cases.c): the cached due date passed and
 * the clock not standing still. */
#define OVERSIGHT_SQL                                                                              \
	SQ_REGION_CTE                                                                              \
	"SELECT agency_id, 0, count(*), sum(paused = 0 AND due < ?3) FROM applications"            \
	" WHERE closed IS NULL AND agency_id IN region GROUP BY agency_id"                         \
	" UNION ALL SELECT agency_id, 1, count(*), 0 FROM complaints"                              \
	" WHERE closed IS NULL AND agency_id IN region GROUP BY agency_id"                         \
	" UNION ALL SELECT agency_id, 2, count(*), 0 FROM rectifications"                          \
	" WHERE replied IS NULL AND agency_id IN region GROUP BY agency_id"                        \
	" UNION ALL SELECT agency_id, 3, count(*), 0 FROM appeals"                                 \
	" WHERE closed IS NULL AND agency_id IN region GROUP BY agency_id"
/* clang-format on */

enum gk_err store_oversight_count(struct store *s, int64_t agency_id, bool region, gk_date today,
				  const int64_t *ids, size_t n, struct store_oversight *out,
				  struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SUP_OVERSIGHT, OVERSIGHT_SQL, m);
	int rc;

	memset(out, 0, n * sizeof(*out));
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	sq_bind_int(s, st, 2, region);
	sq_bind_date(s, st, 3, today);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		size_t i = ids_find(ids, n, sq_col_int(st, 0));
		int64_t k = sq_col_int(st, 2);

		if (i == SIZE_MAX)
			continue;
		switch (sqlite3_column_int(st, 1)) {
		case 0:
			out[i].open = k;
			out[i].overdue = sq_col_int(st, 3);
			break;
		case 1:
			out[i].complaints_open = k;
			break;
		case 2:
			out[i].rectifications_open = k;
			break;
		default:
			out[i].appeals_pending = k;
		}
	}
	sq_release(s, SQ_SUP_OVERSIGHT, st);
	return rc == SQLITE_DONE ? GK_OK : sq_fail(s, rc, "counting the region's work", m);
}

/* clang-format off */
/* 公开属性: the confirmed one once decided, else what the drafting unit
 * proposed; 0 undecided, 1 主动公开 (enum disclosure_attr). */
#define DEADLINES_SQL                                                                              \
	SQ_REGION_CTE                                                                              \
	"SELECT agency_id, id, created, published FROM documents"                                  \
	" WHERE agency_id IN region AND created BETWEEN ?3 AND ?4"                                 \
	" AND (published IS NOT NULL OR (status < 2 AND"                                           \
	" (CASE WHEN attr_confirmed <> 0 THEN attr_confirmed ELSE attr_proposed END) IN (0, 1)))"
/* clang-format on */

enum gk_err store_document_deadlines(struct store *s, int64_t agency_id, bool region, gk_date from,
				     gk_date to, store_doc_deadline_fn fn, void *ctx,
				     struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SUP_DOC_DEADLINES, DEADLINES_SQL, m);
	struct store_scope scope = {agency_id, region, from, to};
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_scope(s, st, &scope);
	while ((rc = sq_step(s, st)) == SQLITE_ROW)
		if (fn(ctx, sq_col_int(st, 0), sq_col_int(st, 1), sq_col_date(st, 2),
		       sq_col_date(st, 3)))
			break;
	return walk_end(s, SQ_SUP_DOC_DEADLINES, st, rc, "reading documents' dates", m);
}

/* clang-format off */
/* Driven from the applications (the received index) rather than from the
 * events, which have no index by kind: an application answered in the
 * period was received by its end and not closed before its start. */
#define ANSWERED_SQL                                                                               \
	SQ_REGION_CTE                                                                              \
	"SELECT a.agency_id, a.id, a.received, e.date, e.outcome FROM applications a"              \
	" JOIN events e ON e.application_id = a.id AND e.kind = 8"                                 \
	" WHERE a.agency_id IN region AND a.received <= ?4"                                        \
	" AND (a.closed IS NULL OR a.closed >= ?3) AND e.date BETWEEN ?3 AND ?4"                   \
	" ORDER BY a.agency_id, a.id"
/* clang-format on */

enum gk_err store_answered_each(struct store *s, int64_t agency_id, bool region, gk_date from,
				gk_date to, store_answered_fn fn, void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SUP_ANSWERED, ANSWERED_SQL, m);
	struct store_scope scope = {agency_id, region, from, to};
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_scope(s, st, &scope);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		int o = sqlite3_column_int(st, 4);

		if (o < 0 || o >= OUTCOME_COUNT)
			continue;
		if (fn(ctx, sq_col_int(st, 0), sq_col_int(st, 1), sq_col_date(st, 2),
		       sq_col_date(st, 3), (enum outcome)o))
			break;
	}
	return walk_end(s, SQ_SUP_ANSWERED, st, rc, "reading answered applications", m);
}

/* clang-format off */
#define FAULTS_SQL                                                                                 \
	SQ_REGION_CTE                                                                              \
	"SELECT agency_id, 0, count(*) FROM complaints WHERE agency_id IN region"                  \
	" AND rectification = 1 AND received BETWEEN ?3 AND ?4 GROUP BY agency_id"                 \
	" UNION ALL SELECT agency_id, 1, count(*) FROM appeals WHERE agency_id IN region"          \
	" AND co_defendant_only = 0 AND result = 2 AND closed BETWEEN ?3 AND ?4"                   \
	" GROUP BY agency_id"                                                                      \
	" UNION ALL SELECT agency_id, 2, count(*) FROM rectifications WHERE agency_id IN region"   \
	" AND issued BETWEEN ?3 AND ?4 AND due IS NOT NULL"                                        \
	" AND (replied > due OR (replied IS NULL AND due < ?5)) GROUP BY agency_id"
/* clang-format on */

enum gk_err store_sup_faults_count(struct store *s, int64_t agency_id, bool region, gk_date from,
				   gk_date to, gk_date today, const int64_t *ids, size_t n,
				   struct store_sup_faults *out, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SUP_FAULTS, FAULTS_SQL, m);
	struct store_scope scope = {agency_id, region, from, to};
	int rc;

	memset(out, 0, n * sizeof(*out));
	if (!st)
		return GK_EIO;
	sq_bind_scope(s, st, &scope);
	sq_bind_date(s, st, 5, today);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		size_t i = ids_find(ids, n, sq_col_int(st, 0));
		int64_t k = sq_col_int(st, 2);

		if (i == SIZE_MAX)
			continue;
		switch (sqlite3_column_int(st, 1)) {
		case 0:
			out[i].complaints_upheld = k;
			break;
		case 1:
			out[i].appeals_corrected = k;
			break;
		default:
			out[i].rectifications_late = k;
		}
	}
	sq_release(s, SQ_SUP_FAULTS, st);
	return rc == SQLITE_DONE ? GK_OK : sq_fail(s, rc, "counting the assessment's faults", m);
}

/* --- The assessment's indicators and scores ------------------------------- */

static enum gk_err check_indicator(const struct store_indicator *in, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_text("指标名称", in->name, STORE_INDICATOR_NAME_MAX, true, m)) ||
	    (err = check_code("指标计算方式", in->metric, false, m)) ||
	    (err = check_text("指标计算方式", in->metric, STORE_INDICATOR_METRIC_MAX, true, m)))
		return err;
	if (in->max_score < 1 || in->max_score > STORE_INDICATOR_SCORE_MAX)
		return gk_errf(m, GK_EINVAL, "分值 %d：应为 1 至 %d 的整数", in->max_score,
			       STORE_INDICATOR_SCORE_MAX);
	return GK_OK;
}

enum gk_err store_indicator_add(struct store *s, const struct store_indicator *in, int64_t *id,
				struct gk_errmsg *m)
{
	enum gk_err err = check_indicator(in, m);
	sqlite3_stmt *st;
	int rc;

	if (err || (err = check_id("indicator's agency", in->agency_id, m)))
		return err;
	st = sq_stmt(
	    s, SQ_SUP_IND_ADD,
	    "INSERT INTO assessment_indicators (agency_id, name, metric, max_score, position)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	    m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, in->agency_id);
	sq_bind_text(s, st, 2, in->name);
	sq_bind_text(s, st, 3, in->metric);
	sq_bind_int(s, st, 4, in->max_score);
	sq_bind_int(s, st, 5, in->position);
	rc = sq_run(s, SQ_SUP_IND_ADD, st);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency",
			       in->agency_id);
	return sq_inserted(s, rc, id, "adding an indicator", m);
}

enum gk_err store_indicator_update(struct store *s, const struct store_indicator *in,
				   struct gk_errmsg *m)
{
	enum gk_err err = check_indicator(in, m);
	sqlite3_stmt *st;
	int rc;

	if (err)
		return err;
	st = sq_stmt(s, SQ_SUP_IND_UPDATE,
		     "UPDATE assessment_indicators SET name = ?2, metric = ?3, max_score = ?4,"
		     " position = ?5 WHERE id = ?1",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, in->id);
	sq_bind_text(s, st, 2, in->name);
	sq_bind_text(s, st, 3, in->metric);
	sq_bind_int(s, st, 4, in->max_score);
	sq_bind_int(s, st, 5, in->position);
	rc = sq_run(s, SQ_SUP_IND_UPDATE, st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "changing an indicator", m);
	if (sqlite3_changes(s->db) == 0)
		return gk_errf(m, GK_ENOTFOUND, "考核指标 %" PRId64 " 不存在", in->id);
	return GK_OK;
}

static struct store_indicator indicator_row(sqlite3_stmt *st)
{
	return (struct store_indicator){
	    .id = sq_col_int(st, 0),
	    .agency_id = sq_col_int(st, 1),
	    .name = (const char *)sqlite3_column_text(st, 2),
	    .metric = (const char *)sqlite3_column_text(st, 3),
	    .max_score = sqlite3_column_int(st, 4),
	    .position = sqlite3_column_int(st, 5),
	};
}

#define INDICATOR_COLS "id, agency_id, name, metric, max_score, position FROM assessment_indicators"

enum gk_err store_indicator_get(struct store *s, int64_t id, struct store_indicator *out,
				struct gk_errmsg *m)
{
	static const int cols[] = {2, 3};
	const char **dst[] = {&out->name, &out->metric};
	sqlite3_stmt *st;
	enum gk_err err = row_by_id(s, SQ_SUP_IND_GET, "SELECT " INDICATOR_COLS " WHERE id = ?1",
				    id, "考核指标", "reading an indicator", &st, m);

	if (err)
		return err;
	*out = indicator_row(st);
	err = sq_copy_texts(s, st, cols, dst, 2, m);
	sq_release(s, SQ_SUP_IND_GET, st);
	return err;
}

static enum gk_err delete_indicator(struct store *s, int64_t id, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SUP_IND_SCORES_DELETE,
				   "DELETE FROM assessment_scores WHERE indicator_id = ?1", m);
	enum gk_err err;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	if ((err = run_update(s, SQ_SUP_IND_SCORES_DELETE, st, "deleting scores", m)))
		return err;
	if (!(st = sq_stmt(s, SQ_SUP_IND_DELETE, "DELETE FROM assessment_indicators WHERE id = ?1",
			   m)))
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	if ((err = run_update(s, SQ_SUP_IND_DELETE, st, "deleting an indicator", m)))
		return err;
	if (sqlite3_changes(s->db) == 0)
		return gk_errf(m, GK_ENOTFOUND, "考核指标 %" PRId64 " 不存在", id);
	return GK_OK;
}

enum gk_err store_indicator_delete(struct store *s, int64_t id, struct gk_errmsg *m)
{
	struct sq_op op;
	enum gk_err err = sq_op_begin(s, &op, m);

	if (err)
		return err;
	return sq_op_end(s, &op, delete_indicator(s, id, m), m);
}

enum gk_err store_indicator_each(struct store *s, int64_t agency_id, store_indicator_fn fn,
				 void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_SUP_IND_EACH,
		    "SELECT " INDICATOR_COLS " WHERE agency_id = ?1 ORDER BY position, id", m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_indicator in = indicator_row(st);

		if (fn(ctx, &in))
			break;
	}
	return walk_end(s, SQ_SUP_IND_EACH, st, rc, "listing indicators", m);
}

enum gk_err store_score_set(struct store *s, int64_t indicator_id, int64_t agency_id, int year,
			    const char *score, const char *note, struct gk_errmsg *m)
{
	bool drop = !score || !*score;
	sqlite3_stmt *st;
	enum gk_err err;
	int rc;

	if ((err = check_id("score's indicator", indicator_id, m)) ||
	    (err = check_id("score's agency", agency_id, m)) ||
	    (err = check_text("得分", score, STORE_SCORE_MAX, false, m)) ||
	    (err = check_text("评分说明", note, STORE_SUP_TEXT_MAX, false, m)))
		return err;
	if (year < GK_DATE_MIN_YEAR || year > GK_DATE_MAX_YEAR)
		return gk_errf(m, GK_EINVAL, "年度 %d：超出支持的范围", year);
	st =
	    drop
		? sq_stmt(s, SQ_SUP_SCORE_DELETE,
			  "DELETE FROM assessment_scores WHERE indicator_id = ?1 AND agency_id = ?2"
			  " AND year = ?3",
			  m)
		: sq_stmt(
		      s, SQ_SUP_SCORE_SET,
		      "INSERT INTO assessment_scores (indicator_id, agency_id, year, score, note)"
		      " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (indicator_id, agency_id, year)"
		      " DO UPDATE SET score = excluded.score, note = excluded.note",
		      m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, indicator_id);
	sq_bind_int(s, st, 2, agency_id);
	sq_bind_int(s, st, 3, year);
	if (!drop) {
		sq_bind_text(s, st, 4, score);
		sq_bind_text(s, st, 5, note && *note ? note : NULL);
	}
	rc = sq_run(s, drop ? SQ_SUP_SCORE_DELETE : SQ_SUP_SCORE_SET, st);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "考核指标 %" PRId64 " 或机关 %" PRId64 " 不存在",
			       indicator_id, agency_id);
	return rc == SQLITE_DONE ? GK_OK : sq_fail(s, rc, "saving a score", m);
}

enum gk_err store_score_each(struct store *s, int64_t supervisor_id, int year, store_score_fn fn,
			     void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_SUP_SCORE_EACH,
		    "SELECT s.indicator_id, s.agency_id, s.score, s.note FROM assessment_scores s"
		    " JOIN assessment_indicators i ON i.id = s.indicator_id"
		    " WHERE i.agency_id = ?1 AND s.year = ?2 ORDER BY s.indicator_id, s.agency_id",
		    m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, supervisor_id);
	sq_bind_int(s, st, 2, year);
	while ((rc = sq_step(s, st)) == SQLITE_ROW)
		if (fn(ctx, sq_col_int(st, 0), sq_col_int(st, 1),
		       (const char *)sqlite3_column_text(st, 2),
		       (const char *)sqlite3_column_text(st, 3)))
			break;
	return walk_end(s, SQ_SUP_SCORE_EACH, st, rc, "reading scores", m);
}
