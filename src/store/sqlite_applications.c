/*
 * Applications (依申请公开) and their append-only event log. The
 * application row caches the closed date and the outcome of its log, which
 * the annual-report counts read through covering indexes.
 */
#include <inttypes.h>
#include <string.h>

#include <jansson.h>

#include "law/clock.h"
#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

#define APP_COLS                                                                                   \
	"id, agency_id, ref, applicant_type, applicant_name, channel, submitted, received,"        \
	" content, form, delivery, closed, outcome, tracking_code, idempotency_key, personal,"     \
	" personal_masked, applicant_key, stage, due, paused, handler_id"
#define EVENT_COLS                                                                         \
	"id, application_id, kind, date, outcome, days, amount_fen, party, user_id, note, assignee, data"

static enum gk_err check_application(const struct store_application *a, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("application's agency", a->agency_id, m)) ||
	    (err = check_code("application ref", a->ref, true, m)) ||
	    (err = check_enum("applicant type", (int)a->applicant_type, APPLICANT_TYPE_COUNT, m)) ||
	    (err = check_text("applicant name", a->applicant_name, STORE_NAME_MAX, false, m)) ||
	    (err = check_enum("channel", a->channel, CLOCK_CHANNEL_COUNT, m)) ||
	    (err = check_date("submitted", a->submitted, false, m)) ||
	    (err = check_date("received", a->received, true, m)) ||
	    (err = check_order("received", a->received, "submitted", a->submitted, m)) ||
	    (err = check_text("content", a->content, STORE_TEXT_MAX, false, m)) ||
	    (err = check_enum("form", (int)a->form, APP_FORM_COUNT, m)))
		return err;
	return check_enum("delivery", (int)a->delivery, APP_DELIVERY_COUNT, m);
}

/* Insert the row; closed and outcome only when `logged` (they then come
 * from the events added with it, see store_application_add_logged). */
static enum gk_err insert_application(struct store *s, const struct store_application *a,
				      bool logged, int64_t *id, struct gk_errmsg *m)
{
	enum sq_id sid = logged ? SQ_APP_ADD_LOGGED : SQ_APP_ADD;
	sqlite3_stmt *st =
	    logged ? sq_stmt(s, sid,
			     "INSERT INTO applications (agency_id, ref, applicant_type, applicant_name,"
			     " channel, submitted, received, content, form, delivery, closed, outcome,"
			     " tracking_code, idempotency_key, personal, personal_masked,"
			     " applicant_key, stage)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
			     " ?15, ?16, ?17, CASE WHEN ?11 IS NULL THEN 0 ELSE 7 END)",
			     m)
		   : sq_stmt(s, sid,
			     "INSERT INTO applications (agency_id, ref, applicant_type, applicant_name,"
			     " channel, submitted, received, content, form, delivery)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			     m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, a->agency_id);
	sq_bind_text(s, st, 2, a->ref);
	sq_bind_int(s, st, 3, a->applicant_type);
	sq_bind_text(s, st, 4, a->applicant_name);
	sq_bind_int(s, st, 5, a->channel);
	sq_bind_date(s, st, 6, a->submitted);
	sq_bind_date(s, st, 7, a->received);
	sq_bind_text(s, st, 8, a->content);
	sq_bind_int(s, st, 9, a->form);
	sq_bind_int(s, st, 10, a->delivery);
	if (logged) {
		sq_bind_date(s, st, 11, a->closed);
		if (a->has_outcome)
			sq_bind_int(s, st, 12, a->outcome);
		sq_bind_text(s, st, 13, a->tracking_code);
		sq_bind_text(s, st, 14, a->idempotency_key);
		sq_bind_text(s, st, 15, a->personal);
		sq_bind_text(s, st, 16, a->personal_masked);
		sq_bind_text(s, st, 17, a->applicant_key);
	}
	rc = sq_run(s, sid, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT,
			       "application ref '%s' exists already in agency %" PRId64, a->ref,
			       a->agency_id);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency",
			       a->agency_id);
	return sq_inserted(s, rc, id, "adding an application", m);
}

enum gk_err store_application_add(struct store *s, const struct store_application *a, int64_t *id,
				  struct gk_errmsg *m)
{
	enum gk_err err = check_application(a, m);

	return err ? err : insert_application(s, a, false, id, m);
}

/* Fill out from a row of APP_COLS; its texts stay valid until the next read. */
static enum gk_err read_application(struct store *s, sqlite3_stmt *st,
				    struct store_application *out, struct gk_errmsg *m)
{
	static const int cols[] = {2, 4, 8, 13, 14, 15, 16, 17};
	const char **dst[] = {&out->ref,	     &out->applicant_name,  &out->content,
			      &out->tracking_code,   &out->idempotency_key, &out->personal,
			      &out->personal_masked, &out->applicant_key};

	memset(out, 0, sizeof(*out));
	out->id = sq_col_int(st, 0);
	out->agency_id = sq_col_int(st, 1);
	out->applicant_type = (enum applicant_type)sqlite3_column_int(st, 3);
	out->channel = sqlite3_column_int(st, 5);
	out->submitted = sq_col_date(st, 6);
	out->received = sq_col_date(st, 7);
	out->form = (enum app_form)sqlite3_column_int(st, 9);
	out->delivery = (enum app_delivery)sqlite3_column_int(st, 10);
	out->closed = sq_col_date(st, 11);
	out->has_outcome = sqlite3_column_type(st, 12) != SQLITE_NULL;
	out->outcome = (enum outcome)sqlite3_column_int(st, 12);
	out->stage = sqlite3_column_int(st, 18);
	out->due = sq_col_date(st, 19);
	out->paused = sqlite3_column_int(st, 20) != 0;
	out->handler_id = sq_col_int(st, 21);
	return sq_copy_texts(s, st, cols, dst, sizeof(cols) / sizeof(cols[0]), m);
}

/* Run a lookup bound by the caller; what names the lookup in messages. */
static enum gk_err find_application(struct store *s, enum sq_id id, sqlite3_stmt *st,
				    const char *what, struct store_application *out,
				    struct gk_errmsg *m)
{
	enum gk_err err;
	int rc = sq_step(s, st);

	if (rc == SQLITE_ROW)
		err = read_application(s, st, out, m);
	else if (rc == SQLITE_DONE)
		err = gk_errf(m, GK_ENOTFOUND, "%s: no such application", what);
	else
		err = sq_fail(s, rc, "reading an application", m);
	sq_release(s, id, st);
	return err;
}

enum gk_err store_application_find(struct store *s, int64_t agency_id, const char *ref,
				   struct store_application *out, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_APP_FIND,
				   "SELECT " APP_COLS " FROM applications"
				   " WHERE agency_id = ?1 AND ref = ?2",
				   m);

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	sq_bind_text(s, st, 2, ref ? ref : "");
	return find_application(s, SQ_APP_FIND, st, ref ? ref : "", out, m);
}

enum gk_err store_application_by_tracking(struct store *s, const char *code,
					  struct store_application *out, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_APP_BY_TRACKING,
				   "SELECT " APP_COLS " FROM applications WHERE tracking_code = ?1",
				   m);

	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, code ? code : "");
	/* The code is not echoed: a message never confirms a guess. */
	return find_application(s, SQ_APP_BY_TRACKING, st, "查询号", out, m);
}

enum gk_err store_application_by_idempotency(struct store *s, const char *key,
					     struct store_application *out, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_APP_BY_IDEMPOTENCY,
				   "SELECT " APP_COLS " FROM applications WHERE idempotency_key = ?1",
				   m);

	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, key ? key : "");
	return find_application(s, SQ_APP_BY_IDEMPOTENCY, st, "idempotency key", out, m);
}

/* The kinds that carry an outcome, and those that decide the case's. */
static bool event_sets_outcome(enum app_event_kind k)
{
	return k == EVENT_ANSWERED || k == EVENT_CORRECTION_LAPSED || k == EVENT_FEE_LAPSED;
}

static bool event_has_outcome(enum app_event_kind k)
{
	return event_sets_outcome(k) || k == EVENT_ANSWER_DRAFTED;
}

static bool json_is_object_text(const char *text)
{
	json_t *v = json_loads(text, 0, NULL);
	bool ok = json_is_object(v);

	json_decref(v);
	return ok;
}

static enum gk_err check_event(const struct store_event *e, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("event's application", e->application_id, m)) ||
	    (err = check_enum("event kind", (int)e->kind, EVENT_KIND_COUNT, m)) ||
	    (err = check_date("event date", e->date, true, m)) ||
	    (err = check_text("note", e->note, STORE_TEXT_MAX, false, m)))
		return err;
	if (e->user_id < 0)
		return check_id("user", e->user_id, m);
	if (e->data && !json_is_object_text(e->data))
		return gk_errf(m, GK_EINVAL, "%s event: data is not a JSON object",
			       app_event_kind_id(e->kind));
	switch (e->kind) {
	case EVENT_ANSWERED:
	case EVENT_ANSWER_DRAFTED:
		return check_enum("answer's outcome", (int)e->outcome, OUTCOME_COUNT, m);
	case EVENT_CORRECTION_LAPSED:
		return e->outcome == OUTCOME_C6_1
			   ? GK_OK
			   : gk_errf(m, GK_EINVAL, "correction_lapsed: the outcome is C6.1 (第三十条)");
	case EVENT_FEE_LAPSED:
		return e->outcome == OUTCOME_C6_2
			   ? GK_OK
			   : gk_errf(m, GK_EINVAL, "fee_lapsed: the outcome is C6.2 (第四十二条)");
	case EVENT_ASSIGNED:
		return check_id("assignee", e->assignee, m);
	case EVENT_EXTENSION_REQUESTED:
	case EVENT_EXTENSION_APPROVED:
		/* 条例第三十三条第二款: 延长的期限最长不得超过20个工作日. */
		if (e->days < 1 || e->days > 20)
			return gk_errf(m, GK_EINVAL,
				       "extension: %d working days; 第三十三条 allows 1–20",
				       e->days);
		return GK_OK;
	case EVENT_FEE_NOTICE:
		if (e->amount_fen < 0)
			return gk_errf(m, GK_EINVAL,
				       "fee notice: amount %" PRId64 " 分 is negative",
				       e->amount_fen);
		return GK_OK;
	case EVENT_CONSULTATION_OPENED:
	case EVENT_CONSULTATION_CLOSED:
		return check_enum("consulted party", (int)e->party, CONSULT_AGENCY + 1, m);
	default:
		return GK_OK;
	}
}

/* The checks that need the application: it exists, the event does not
 * precede its receipt, and it is closed at most once. */
static enum gk_err check_against_application(struct store *s, const struct store_event *e,
					     struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_APP_STATE, "SELECT received, closed FROM applications WHERE id = ?1", m);
	gk_date received = 0, closed = 0;
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, e->application_id);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW) {
		received = sq_col_date(st, 0);
		closed = sq_col_date(st, 1);
	}
	sq_release(s, SQ_APP_STATE, st);
	if (rc == SQLITE_DONE)
		return gk_errf(m, GK_ENOTFOUND, "application id %" PRId64 ": no such application",
			       e->application_id);
	if (rc != SQLITE_ROW)
		return sq_fail(s, rc, "reading an application", m);
	if (e->date < received)
		return gk_errf(
		    m, GK_EINVAL, "%s event dated %s: before the application's received date %s",
		    app_event_kind_id(e->kind), date_format(e->date, a), date_format(received, b));
	if (e->kind == EVENT_CLOSED && closed)
		return gk_errf(m, GK_EINVAL, "application id %" PRId64 " was closed already on %s",
			       e->application_id, date_format(closed, a));
	return GK_OK;
}

static enum gk_err insert_event(struct store *s, const struct store_event *e, int64_t *id,
				struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_EVENT_ADD,
				   "INSERT INTO events (application_id, kind, date, outcome, days,"
				   " amount_fen, party, user_id, note, assignee, data)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
				   m);
	bool consult = e->kind == EVENT_CONSULTATION_OPENED || e->kind == EVENT_CONSULTATION_CLOSED;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, e->application_id);
	sq_bind_int(s, st, 2, e->kind);
	sq_bind_date(s, st, 3, e->date);
	/* Each field is kept only for the kinds it belongs to. */
	if (event_has_outcome(e->kind))
		sq_bind_int(s, st, 4, e->outcome);
	if (e->kind == EVENT_EXTENSION_APPROVED || e->kind == EVENT_EXTENSION_REQUESTED)
		sq_bind_int(s, st, 5, e->days);
	if (e->kind == EVENT_FEE_NOTICE)
		sq_bind_int(s, st, 6, e->amount_fen);
	if (consult)
		sq_bind_int(s, st, 7, e->party);
	sq_bind_id(s, st, 8, e->user_id);
	sq_bind_text(s, st, 9, e->note);
	if (e->kind == EVENT_ASSIGNED)
		sq_bind_id(s, st, 10, e->assignee);
	sq_bind_text(s, st, 11, e->data);
	rc = sq_run(s, SQ_EVENT_ADD, st);
	/* The application was read just before: the user is what is missing. */
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "user id %" PRId64 ": no such user", e->user_id);
	return sq_inserted(s, rc, id, "adding an event", m);
}

/* Keep the application's cached closed date or outcome in step. */
static enum gk_err update_application(struct store *s, const struct store_event *e,
				      struct gk_errmsg *m)
{
	enum sq_id id = e->kind == EVENT_CLOSED ? SQ_APP_SET_CLOSED : SQ_APP_SET_OUTCOME;
	sqlite3_stmt *st =
	    e->kind == EVENT_CLOSED
		? sq_stmt(s, id, "UPDATE applications SET closed = ?2, stage = 7 WHERE id = ?1", m)
		: sq_stmt(s, id, "UPDATE applications SET outcome = ?2 WHERE id = ?1", m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, e->application_id);
	if (e->kind == EVENT_CLOSED)
		sq_bind_date(s, st, 2, e->date);
	else
		sq_bind_int(s, st, 2, e->outcome);
	rc = sq_run(s, id, st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "updating the application", m);
	return GK_OK;
}

enum gk_err store_event_add(struct store *s, const struct store_event *e, int64_t *id,
			    struct gk_errmsg *m)
{
	enum gk_err err = check_event(e, m);
	bool caches = event_sets_outcome(e->kind) || e->kind == EVENT_CLOSED;
	struct sq_op op;

	if (err)
		return err;
	/* Most events are one insert; the two that touch the application
	 * read, insert and update as one operation, so that two writers
	 * cannot both close it. */
	if (!caches) {
		err = check_against_application(s, e, m);
		return err ? err : insert_event(s, e, id, m);
	}
	if ((err = sq_op_begin(s, &op, m)))
		return err;
	err = check_against_application(s, e, m);
	if (!err)
		err = insert_event(s, e, id, m);
	if (!err)
		err = update_application(s, e, m);
	return sq_op_end(s, &op, err, m);
}

enum gk_err store_event_each(struct store *s, int64_t application_id, store_event_fn fn, void *ctx,
			     struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_EVENT_EACH,
				   "SELECT " EVENT_COLS " FROM events WHERE application_id = ?1"
				   " ORDER BY date, id",
				   m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, application_id);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_event e = {
		    .id = sq_col_int(st, 0),
		    .application_id = sq_col_int(st, 1),
		    .kind = (enum app_event_kind)sqlite3_column_int(st, 2),
		    .date = sq_col_date(st, 3),
		    .outcome = (enum outcome)sqlite3_column_int(st, 4),
		    .days = sqlite3_column_int(st, 5),
		    .amount_fen = sq_col_int(st, 6),
		    .party = (enum consult_party)sqlite3_column_int(st, 7),
		    .user_id = sq_col_int(st, 8),
		    .note = (const char *)sqlite3_column_text(st, 9),
		    .assignee = sq_col_int(st, 10),
		    .data = (const char *)sqlite3_column_text(st, 11),
		};
		if (fn(ctx, &e))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "listing the events", m);
	sq_release(s, SQ_EVENT_EACH, st);
	return err;
}

/*
 * The cached closed date and outcome of an event list, with the checks
 * store_event_add makes against the application: no event before receipt,
 * at most one CLOSED.
 */
static enum gk_err derive_cache(struct store_application *a, const struct store_event *events,
				size_t n, struct gk_errmsg *m)
{
	char d1[GK_DATE_STRLEN], d2[GK_DATE_STRLEN];

	a->closed = 0;
	a->has_outcome = false;
	for (size_t i = 0; i < n; i++) {
		if (events[i].date < a->received)
			return gk_errf(m, GK_EINVAL,
				       "%s event dated %s: before the application's received date %s",
				       app_event_kind_id(events[i].kind),
				       date_format(events[i].date, d1), date_format(a->received, d2));
		if (events[i].kind == EVENT_CLOSED && a->closed)
			return gk_errf(m, GK_EINVAL, "application '%s' is closed twice (%s and %s)",
				       a->ref, date_format(a->closed, d1),
				       date_format(events[i].date, d2));
		if (events[i].kind == EVENT_CLOSED)
			a->closed = events[i].date;
		if (event_sets_outcome(events[i].kind))
			a->has_outcome = true, a->outcome = events[i].outcome;
	}
	return GK_OK;
}

enum gk_err store_application_add_logged(struct store *s, const struct store_application *a,
					 const struct store_event *events, size_t n, int64_t *id,
					 struct gk_errmsg *m)
{
	struct store_application row = *a;
	struct sq_op op;
	int64_t app_id = 0;
	enum gk_err err = check_application(a, m);

	if (!err)
		err = derive_cache(&row, events, n, m);
	if (err || (err = sq_op_begin(s, &op, m)))
		return err;
	err = insert_application(s, &row, true, &app_id, m);
	for (size_t i = 0; !err && i < n; i++) {
		struct store_event e = events[i];

		e.application_id = app_id;
		if (!(err = check_event(&e, m)))
			err = insert_event(s, &e, NULL, m);
	}
	if (!err && id)
		*id = app_id;
	return sq_op_end(s, &op, err, m);
}

/* --- Attachments ----------------------------------------------------------------- */

enum gk_err store_attachment_add(struct store *s, const struct store_attachment *a, int64_t *id,
				 struct gk_errmsg *m)
{
	sqlite3_stmt *st;
	enum gk_err err;
	int rc;

	if ((err = check_id("attachment's application", a->application_id, m)) ||
	    (err = check_text("attachment name", a->original_name, 255, true, m)) ||
	    (err = check_code("attachment's stored name", a->stored_name, false, m)))
		return err;
	st = sq_stmt(s, SQ_ATTACHMENT_ADD,
		     "INSERT INTO attachments (application_id, stored_name, original_name, kind, size)"
		     " VALUES (?1, ?2, ?3, ?4, ?5)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, a->application_id);
	sq_bind_text(s, st, 2, a->stored_name);
	sq_bind_text(s, st, 3, a->original_name);
	sq_bind_text(s, st, 4, a->kind);
	sq_bind_int(s, st, 5, a->size);
	rc = sq_run(s, SQ_ATTACHMENT_ADD, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT, "attachment name '%s' is in use", a->stored_name);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "application %" PRId64 ": no such application",
			       a->application_id);
	return sq_inserted(s, rc, id, "adding an attachment", m);
}

enum gk_err store_attachment_count(struct store *s, int64_t application_id, int64_t *count,
				   struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_ATTACHMENT_COUNT,
				   "SELECT count(*) FROM attachments WHERE application_id = ?1", m);
	int rc;

	*count = 0;
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, application_id);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		*count = sq_col_int(st, 0);
	sq_release(s, SQ_ATTACHMENT_COUNT, st);
	return rc == SQLITE_ROW ? GK_OK : sq_fail(s, rc, "counting attachments", m);
}

enum gk_err store_application_count_applicant(struct store *s, const char *applicant_key,
					      gk_date from, gk_date to, int64_t *count,
					      struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_APP_COUNT_APPLICANT,
				   "SELECT count(*) FROM applications"
				   " WHERE applicant_key = ?1 AND received BETWEEN ?2 AND ?3",
				   m);
	int rc;

	*count = 0;
	if (!st)
		return GK_EIO;
	sq_bind_text(s, st, 1, applicant_key);
	sq_bind_date(s, st, 2, from);
	sq_bind_date(s, st, 3, to);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		*count = sq_col_int(st, 0);
	sq_release(s, SQ_APP_COUNT_APPLICANT, st);
	return rc == SQLITE_ROW ? GK_OK : sq_fail(s, rc, "counting an applicant's applications", m);
}

enum gk_err store_application_get_id(struct store *s, int64_t id, struct store_application *out,
				     struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_APP_BY_ID, "SELECT " APP_COLS " FROM applications WHERE id = ?1", m);

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	return find_application(s, SQ_APP_BY_ID, st, "application id", out, m);
}
