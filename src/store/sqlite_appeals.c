/*
 * Appeals against disclosure decisions (行政复议, 行政诉讼: table 四 of the
 * annual report) and complaints to the supervising office (投诉, 条例第五十
 * 一条; a 整改通知书 follows 第四十七条).
 */
#include <inttypes.h>

#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

static enum gk_err check_appeal(const struct store_appeal *a, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("appeal's agency", a->agency_id, m)) ||
	    (err = check_code("appeal ref", a->ref, true, m)) ||
	    (err = check_enum("appeal kind", (int)a->kind, APPEAL_KIND_COUNT, m)) ||
	    (err = check_enum("appeal result", (int)a->result, APPEAL_RESULT_COUNT, m)) ||
	    (err = check_date("filed", a->filed, true, m)) ||
	    (err = check_date("closed", a->closed, false, m)) ||
	    (err = check_order("closed", a->closed, "filed", a->filed, m)) ||
	    (err = check_text("note", a->note, STORE_TEXT_MAX, false, m)))
		return err;
	if (a->application_id < 0)
		return check_id("appeal's application", a->application_id, m);
	if (!a->closed != (a->result == APPEAL_RESULT_PENDING))
		return gk_errf(m, GK_EINVAL,
			       "appeal '%s': a result needs the closed date and a pending appeal"
			       " has none",
			       a->ref);
	return GK_OK;
}

enum gk_err store_appeal_add(struct store *s, const struct store_appeal *a, int64_t *id,
			     struct gk_errmsg *m)
{
	enum gk_err err = check_appeal(a, m);
	sqlite3_stmt *st;
	int rc;

	if (err)
		return err;
	st =
	    sq_stmt(s, SQ_APPEAL_ADD,
		    "INSERT INTO appeals (agency_id, application_id, ref, kind, filed, closed,"
		    " result, co_defendant_only, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		    m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, a->agency_id);
	sq_bind_id(s, st, 2, a->application_id);
	sq_bind_text(s, st, 3, a->ref);
	sq_bind_int(s, st, 4, a->kind);
	sq_bind_date(s, st, 5, a->filed);
	sq_bind_date(s, st, 6, a->closed);
	sq_bind_int(s, st, 7, a->result);
	sq_bind_int(s, st, 8, a->co_defendant_only);
	sq_bind_text(s, st, 9, a->note);
	rc = sq_run(s, SQ_APPEAL_ADD, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT, "appeal ref '%s' exists already in agency %" PRId64,
			       a->ref, a->agency_id);
	if (sq_is_missing_ref(rc)) {
		err = sq_agency_exists(s, a->agency_id, m);
		if (err == GK_ENOTFOUND)
			return gk_errf(m, err, "agency id %" PRId64 ": no such agency",
				       a->agency_id);
		return err ? err
			   : gk_errf(m, GK_ENOTFOUND,
				     "application id %" PRId64 ": no such application",
				     a->application_id);
	}
	return sq_inserted(s, rc, id, "adding an appeal", m);
}

static enum gk_err check_complaint(const struct store_complaint *c, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("complaint's agency", c->agency_id, m)) ||
	    (err = check_code("complaint ref", c->ref, true, m)) ||
	    (err = check_date("received", c->received, true, m)) ||
	    (err = check_date("closed", c->closed, false, m)) ||
	    (err = check_order("closed", c->closed, "received", c->received, m)) ||
	    (err = check_text("complaint content", c->content, STORE_TEXT_MAX, true, m)))
		return err;
	return check_text("answer", c->answer, STORE_TEXT_MAX, false, m);
}

enum gk_err store_complaint_add(struct store *s, const struct store_complaint *c, int64_t *id,
				struct gk_errmsg *m)
{
	enum gk_err err = check_complaint(c, m);
	sqlite3_stmt *st;
	int rc;

	if (err)
		return err;
	st = sq_stmt(s, SQ_COMPLAINT_ADD,
		     "INSERT INTO complaints (agency_id, ref, received, content, closed, answer,"
		     " rectification) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, c->agency_id);
	sq_bind_text(s, st, 2, c->ref);
	sq_bind_date(s, st, 3, c->received);
	sq_bind_text(s, st, 4, c->content);
	sq_bind_date(s, st, 5, c->closed);
	sq_bind_text(s, st, 6, c->answer);
	sq_bind_int(s, st, 7, c->rectification);
	rc = sq_run(s, SQ_COMPLAINT_ADD, st);
	if (sq_is_duplicate(rc))
		return gk_errf(m, GK_ECONFLICT,
			       "complaint ref '%s' exists already in agency %" PRId64, c->ref,
			       c->agency_id);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency",
			       c->agency_id);
	return sq_inserted(s, rc, id, "adding a complaint", m);
}
