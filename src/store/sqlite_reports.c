/*
 * Annual reports: the staff's edits of the text sections, and the frozen
 * snapshot of a published report (条例第五十条: published by 1 月 31 日,
 * and what was published stays as published).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

/* The scope's key columns are bound as ?1 agency, ?2 region, ?3 from, ?4 to. */
#define SCOPE_KEY "agency_id = ?1 AND region = ?2 AND date_from = ?3 AND date_to = ?4"

static enum gk_err check_scope(const struct store_scope *scope, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_id("report's agency", scope->agency_id, m)) ||
	    (err = check_date("report period start", scope->from, true, m)) ||
	    (err = check_date("report period end", scope->to, true, m)))
		return err;
	return check_order("report period end", scope->to, "report period start", scope->from, m);
}

static enum gk_err check_section(const struct store_scope *scope, int section, struct gk_errmsg *m)
{
	enum gk_err err = check_scope(scope, m);

	if (!err && (section < 1 || section > 6))
		return gk_errf(m, GK_EINVAL, "report section: %d; sections are 1–6", section);
	return err;
}

static enum gk_err no_agency(const struct store_scope *scope, struct gk_errmsg *m)
{
	return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency", scope->agency_id);
}

/* A malloc'ed copy of column col of st (NULL stays NULL). */
static enum gk_err dup_column(struct store *s, sqlite3_stmt *st, int col, char **out,
			      struct gk_errmsg *m)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	*out = NULL;
	if (!t)
		return GK_OK;
	*out = strdup(t);
	if (!*out)
		return gk_errf(m, GK_ENOMEM, "%s: no memory for a report's text", s->path);
	return GK_OK;
}

enum gk_err store_report_text_set(struct store *s, const struct store_scope *scope, int section,
				  const char *text, struct gk_errmsg *m)
{
	enum gk_err err = check_section(scope, section, m);
	enum sq_id id = text ? SQ_TEXT_SET : SQ_TEXT_DELETE;
	sqlite3_stmt *st;
	int rc;

	if (err || (err = check_text("report text", text, STORE_TEXT_MAX, false, m)))
		return err;
	st = text ? sq_stmt(s, id,
			    "INSERT INTO report_texts (agency_id, region, date_from, date_to,"
			    " section, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			    " ON CONFLICT DO UPDATE SET text = excluded.text",
			    m)
		  : sq_stmt(s, id, "DELETE FROM report_texts WHERE " SCOPE_KEY " AND section = ?5",
			    m);
	if (!st)
		return GK_EIO;
	sq_bind_scope(s, st, scope);
	sq_bind_int(s, st, 5, section);
	if (text)
		sq_bind_text(s, st, 6, text);
	rc = sq_run(s, id, st);
	if (sq_is_missing_ref(rc))
		return no_agency(scope, m);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "saving a report's text", m);
	return GK_OK;
}

enum gk_err store_report_text_get(struct store *s, const struct store_scope *scope, int section,
				  char **text, struct gk_errmsg *m)
{
	enum gk_err err = check_section(scope, section, m);
	sqlite3_stmt *st;
	int rc;

	*text = NULL;
	if (err)
		return err;
	st = sq_stmt(s, SQ_TEXT_GET,
		     "SELECT text FROM report_texts WHERE " SCOPE_KEY " AND section = ?5", m);
	if (!st)
		return GK_EIO;
	sq_bind_scope(s, st, scope);
	sq_bind_int(s, st, 5, section);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		err = dup_column(s, st, 0, text, m);
	else if (rc != SQLITE_DONE)
		err = sq_fail(s, rc, "reading a report's text", m);
	sq_release(s, SQ_TEXT_GET, st);
	return err;
}

enum gk_err store_report_freeze(struct store *s, const struct store_scope *scope,
				const char *snapshot_json, const char *published_by,
				gk_date published_on, struct gk_errmsg *m)
{
	enum gk_err err;
	sqlite3_stmt *st;
	int rc;

	if ((err = check_scope(scope, m)) ||
	    (err = check_text("report snapshot", snapshot_json, STORE_TEXT_MAX, true, m)) ||
	    (err = check_text("published by", published_by, STORE_NAME_MAX, true, m)) ||
	    (err = check_date("published on", published_on, true, m)))
		return err;
	st = sq_stmt(s, SQ_REPORT_FREEZE,
		     "INSERT INTO reports (agency_id, region, date_from, date_to, snapshot,"
		     " published_by, published_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_scope(s, st, scope);
	sq_bind_text(s, st, 5, snapshot_json);
	sq_bind_text(s, st, 6, published_by);
	sq_bind_date(s, st, 7, published_on);
	rc = sq_run(s, SQ_REPORT_FREEZE, st);
	if (sq_is_duplicate(rc)) {
		char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

		return gk_errf(m, GK_ECONFLICT,
			       "the report of agency %" PRId64 "%s for %s to %s is frozen already",
			       scope->agency_id, scope->region ? " and its region" : "",
			       date_format(scope->from, a), date_format(scope->to, b));
	}
	if (sq_is_missing_ref(rc))
		return no_agency(scope, m);
	/* The only CHECK the values above can still fail is json_valid(). */
	if (rc == SQLITE_CONSTRAINT_CHECK)
		return gk_errf(m, GK_EINVAL, "report snapshot: not valid JSON");
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "freezing a report", m);
	return GK_OK;
}

enum gk_err store_report_frozen(struct store *s, const struct store_scope *scope,
				char **snapshot_json, char **published_by, gk_date *published_on,
				struct gk_errmsg *m)
{
	enum gk_err err = check_scope(scope, m);
	char *by = NULL;
	sqlite3_stmt *st;
	int rc;

	*snapshot_json = NULL;
	if (err)
		return err;
	st =
	    sq_stmt(s, SQ_REPORT_FROZEN,
		    "SELECT snapshot, published_by, published_on FROM reports WHERE " SCOPE_KEY, m);
	if (!st)
		return GK_EIO;
	sq_bind_scope(s, st, scope);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW) {
		err = dup_column(s, st, 0, snapshot_json, m);
		if (!err && published_by)
			err = dup_column(s, st, 1, &by, m);
		if (published_on)
			*published_on = sq_col_date(st, 2);
	} else if (rc == SQLITE_DONE) {
		err = gk_errf(m, GK_ENOTFOUND,
			      "agency id %" PRId64 ": no frozen report for that"
			      " period",
			      scope->agency_id);
	} else {
		err = sq_fail(s, rc, "reading a frozen report", m);
	}
	sq_release(s, SQ_REPORT_FROZEN, st);
	if (err) {
		free(*snapshot_json);
		*snapshot_json = NULL;
		return err;
	}
	if (published_by)
		*published_by = by;
	return GK_OK;
}

enum gk_err store_report_each_published(struct store *s, int64_t agency_id, store_published_fn fn,
					void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_REPORT_PUBLISHED,
				   "SELECT region, date_from, date_to, published_by, published_on"
				   " FROM reports WHERE agency_id = ?1"
				   " ORDER BY date_to DESC, date_from DESC, region DESC",
				   m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	while ((rc = sq_step(s, st)) == SQLITE_ROW)
		if (fn(ctx, sqlite3_column_int(st, 0) != 0, sq_col_date(st, 1), sq_col_date(st, 2),
		       (const char *)sqlite3_column_text(st, 3), sq_col_date(st, 4)))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "listing the published reports", m);
	sq_release(s, SQ_REPORT_PUBLISHED, st);
	return err;
}
