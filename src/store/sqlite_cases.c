/*
 * The back office's view of applications: the derived case state kept on
 * the row (stage, due date, paused, handler) and the inbox that sorts open
 * cases by it. The state is computed by app/procedure.c from the events;
 * the store keeps it so that an inbox of 100,000 open cases is one index
 * walk (applications_inbox: agency, due WHERE closed IS NULL) instead of
 * 100,000 clock computations.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

#define STAGE_COUNT 8

enum gk_err store_application_set_state(struct store *s, int64_t id,
					const struct store_case_state *cs, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_APP_SET_STATE,
				   "UPDATE applications SET stage = ?2, due = ?3, paused = ?4,"
				   " handler_id = ?5 WHERE id = ?1",
				   m);
	int rc;

	if (cs->stage < 0 || cs->stage >= STAGE_COUNT)
		return gk_errf(m, GK_EINVAL, "case stage %d: allowed 0–%d", cs->stage,
			       STAGE_COUNT - 1);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, id);
	sq_bind_int(s, st, 2, cs->stage);
	sq_bind_date(s, st, 3, cs->due);
	sq_bind_int(s, st, 4, cs->paused);
	sq_bind_id(s, st, 5, cs->handler_id);
	rc = sq_run(s, SQ_APP_SET_STATE, st);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "user id %" PRId64 ": no such user", cs->handler_id);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "saving the case state", m);
	if (sqlite3_changes(s->db) == 0)
		return gk_errf(m, GK_ENOTFOUND, "application id %" PRId64 ": no such application",
			       id);
	return GK_OK;
}

enum gk_err store_event_count(struct store *s, int64_t application_id, int64_t *n,
			      struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(
	    s, SQ_EVENT_COUNT, "SELECT count(*) FROM events WHERE application_id = ?1", m);
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, application_id);
	rc = sq_step(s, st);
	*n = rc == SQLITE_ROW ? sq_col_int(st, 0) : 0;
	sq_release(s, SQ_EVENT_COUNT, st);
	return rc == SQLITE_ROW ? GK_OK : sq_fail(s, rc, "counting events", m);
}

enum gk_err store_application_stale(struct store *s, int64_t **ids, size_t *n,
				    struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_APP_STALE,
				   "SELECT id FROM applications WHERE closed IS NULL AND due IS NULL"
				   " ORDER BY id",
				   m);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return GK_EIO;
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		if (*n == cap) {
			void *grown = realloc(*ids, (cap = cap ? 2 * cap : 256) * sizeof(**ids));

			if (!grown) {
				sq_release(s, SQ_APP_STALE, st);
				free(*ids);
				*ids = NULL;
				*n = 0;
				return gk_errf(m, GK_ENOMEM, "out of memory listing stale cases");
			}
			*ids = grown;
		}
		(*ids)[(*n)++] = sq_col_int(st, 0);
	}
	sq_release(s, SQ_APP_STALE, st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return sq_fail(s, rc, "listing stale cases", m);
	}
	return GK_OK;
}

/* clang-format off */
/* Both statements read applications_inbox only (it covers every column
 * they use; the planner would otherwise pick applications_closed, for its
 * two equalities, and read 100,000 rows: 70 ms instead of 24 ms measured,
 * bench/inbox.sh). The filters, shared by the page and the counts: ?3 handler (0 any, -1
 * none), ?4 stage, ?5 channel, ?6 applicant type (-1 any), ?7 today,
 * ?8 overdue only. */
#define INBOX_WHERE                                                                        \
	" WHERE agency_id IN region AND closed IS NULL"                                    \
	" AND (?3 = 0 OR (?3 = -1 AND handler_id IS NULL) OR handler_id = ?3)"             \
	" AND (?4 = -1 OR stage = ?4) AND (?5 = -1 OR channel = ?5)"                       \
	" AND (?6 = -1 OR applicant_type = ?6)"                                            \
	" AND (?8 = 0 OR (due < ?7 AND paused = 0))"
/* clang-format on */

static void bind_inbox(struct store *s, sqlite3_stmt *st, const struct store_inbox_query *q)
{
	sq_bind_int(s, st, 1, q->agency_id);
	sq_bind_int(s, st, 2, q->region);
	sq_bind_int(s, st, 3, q->handler_id);
	sq_bind_int(s, st, 4, q->stage);
	sq_bind_int(s, st, 5, q->channel);
	sq_bind_int(s, st, 6, q->applicant_type);
	sq_bind_date(s, st, 7, q->today);
	sq_bind_int(s, st, 8, q->overdue_only);
}

static enum gk_err inbox_counts(struct store *s, const struct store_inbox_query *q,
				struct store_inbox_counts *c, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_INBOX_COUNTS,
				   SQ_REGION_CTE "SELECT stage, count(*),"
						 " sum(paused = 0 AND due < ?7), sum(paused)"
						 " FROM applications INDEXED BY applications_inbox"
						 INBOX_WHERE " GROUP BY stage",
				   m);
	int rc;

	memset(c, 0, sizeof(*c));
	if (!st)
		return GK_EIO;
	bind_inbox(s, st, q);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		int stage = sqlite3_column_int(st, 0);
		int64_t n = sq_col_int(st, 1);

		if (stage >= 0 && stage < STAGE_COUNT)
			c->by_stage[stage] = n;
		c->total += n;
		c->overdue += sq_col_int(st, 2);
		c->paused += sq_col_int(st, 3);
	}
	sq_release(s, SQ_INBOX_COUNTS, st);
	return rc == SQLITE_DONE ? GK_OK : sq_fail(s, rc, "counting the inbox", m);
}

enum gk_err store_inbox(struct store *s, const struct store_inbox_query *q, store_inbox_fn fn,
			void *ctx, struct store_inbox_counts *counts, struct gk_errmsg *m)
{
	/* Running clocks first, soonest due first (an underived due, NULL,
	 * sorts first: it needs a look); then the paused ones, whose due
	 * date moves. The order is the index's (applications_inbox). */
	sqlite3_stmt *st;
	enum gk_err err = GK_OK;
	int rc;

	if (counts && (err = inbox_counts(s, q, counts, m)))
		return err;
	st = sq_stmt(s, SQ_INBOX_PAGE,
		     SQ_REGION_CTE
		     "SELECT id, agency_id, ref, tracking_code, content, personal_masked,"
		     " applicant_name, applicant_type, channel, stage, received, due, paused,"
		     " handler_id FROM applications INDEXED BY applications_inbox" INBOX_WHERE
		     " ORDER BY paused, due, id LIMIT ?9 OFFSET ?10",
		     m);
	if (!st)
		return GK_EIO;
	bind_inbox(s, st, q);
	sq_bind_int(s, st, 9, q->limit > 0 ? q->limit : 50);
	sq_bind_int(s, st, 10, q->offset > 0 ? q->offset : 0);
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		struct store_inbox_row r = {
		    .id = sq_col_int(st, 0),
		    .agency_id = sq_col_int(st, 1),
		    .ref = (const char *)sqlite3_column_text(st, 2),
		    .tracking_code = (const char *)sqlite3_column_text(st, 3),
		    .content = (const char *)sqlite3_column_text(st, 4),
		    .personal_masked = (const char *)sqlite3_column_text(st, 5),
		    .applicant_name = (const char *)sqlite3_column_text(st, 6),
		    .applicant_type = sqlite3_column_int(st, 7),
		    .channel = sqlite3_column_int(st, 8),
		    .stage = sqlite3_column_int(st, 9),
		    .received = sq_col_date(st, 10),
		    .due = sq_col_date(st, 11),
		    .paused = sqlite3_column_int(st, 12) != 0,
		    .handler_id = sq_col_int(st, 13),
		};
		if (fn(ctx, &r))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "reading the inbox", m);
	sq_release(s, SQ_INBOX_PAGE, st);
	return err;
}
