/*
 * store_supervision.h: what the supervising office (政府信息公开工作主管部门)
 * keeps about the agencies of its region (docs/supervision.md).
 *
 *   - complaints (投诉举报, 条例第四十七条第二款, 第五十一条): registered
 *     against the agency concerned, optionally about one of its
 *     applications, answered once (the answer closes it);
 *   - rectification notices (整改通知书, 第四十七条: 督促整改): issued by
 *     the supervisor's agency to an agency of its region, optionally on a
 *     complaint (which is then marked as having led to one), replied to
 *     once by the agency concerned;
 *   - appeals (行政复议, 行政诉讼, 第五十一条): added with store_appeal_add
 *     (store.h), closed here with their result; table 四 of the annual
 *     report counts them (sqlite_count.c);
 *   - the assessment (绩效考核): indicators a supervising agency configures
 *     and the scores entered by hand per agency and year;
 *   - the counts of the region overview: open and overdue applications,
 *     open complaints and rectifications, pending appeals per agency, and
 *     the documents whose 20-working-day publication deadline (第二十六条)
 *     the caller checks with the calendar.
 *
 * Conventions as in store.h: strings UTF-8, records passed to callbacks
 * valid during the callback only (or until the next call on s for a
 * *_get), errors GK_EINVAL (a value refused, named in m), GK_ENOTFOUND (no
 * such row), GK_ECONFLICT (the state forbids it: answered twice, …, or a
 * duplicate ref), GK_EIO.
 */
#ifndef GK_STORE_SUPERVISION_H
#define GK_STORE_SUPERVISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/err.h"
#include "store/store.h"

#define STORE_COMPLAINANT_MAX STORE_NAME_MAX /* 投诉人 */
#define STORE_SUP_TEXT_MAX    (64u << 10)    /* a complaint, an answer, a notice, a reply */
#define STORE_SCORE_MAX	      16	     /* bytes of a score: "98.5" */

/* Which rows of a list: by state, by date, one page. */
enum store_sup_state {
	STORE_SUP_ANY,
	STORE_SUP_OPEN,	  /* complaint not answered, notice not replied, appeal pending */
	STORE_SUP_CLOSED, /* the opposite */
};
struct store_sup_query {
	int64_t agency_id; /* the agency whose rows, or the region's root */
	bool region;	   /* with every agency under agency_id */
	enum store_sup_state state;
	gk_date from, to;	/* received / issued / filed within; 0: open-ended */
	int64_t complaint_id;	/* rectifications: of this complaint only; 0 any */
	int64_t application_id; /* appeals and complaints: about it only; 0 any */
	int64_t offset, limit;	/* limit 0: 50 */
};

/* --- Complaints (投诉举报) ------------------------------------------------- */

struct store_complaint_rec {
	int64_t id;
	int64_t agency_id; /* the agency concerned */
	const char *ref;   /* 投诉编号, unique within the agency */
	gk_date received;
	const char *content;
	const char *complainant; /* optional */
	int64_t application_id;	 /* optional (0): the application complained about */
	gk_date closed;		 /* the answer's date; 0 while open */
	const char *answer;	 /* set with closed */
	bool rectification;	 /* a 整改通知书 was issued on it */
	/* Read back only: the application's 申请编号 and 查询号. */
	const char *application_ref, *tracking_code;
};
/*
 * Register an open complaint (closed, answer and rectification ignored).
 * The application, when given, must be one of the agency's (GK_EINVAL
 * otherwise: a complaint concerns the agency that handled it).
 */
enum gk_err store_complaint_register(struct store *s, const struct store_complaint_rec *c,
				     int64_t *id, struct gk_errmsg *m);
enum gk_err store_complaint_get(struct store *s, int64_t id, struct store_complaint_rec *out,
				struct gk_errmsg *m);
/* Answer and close it: GK_ECONFLICT when answered already, GK_EINVAL for
 * a date before it was received or an empty answer. */
enum gk_err store_complaint_answer(struct store *s, int64_t id, gk_date date, const char *answer,
				   struct gk_errmsg *m);
typedef int (*store_complaint_fn)(void *ctx, const struct store_complaint_rec *c);
/* Newest received first; *total (may be NULL) counts the whole filtered set. */
enum gk_err store_complaint_list(struct store *s, const struct store_sup_query *q,
				 store_complaint_fn fn, void *ctx, int64_t *total,
				 struct gk_errmsg *m);

/* --- Rectification notices (整改通知书) ------------------------------------ */

struct store_rectification {
	int64_t id;
	int64_t agency_id;	/* the agency that must rectify */
	int64_t issued_by;	/* the supervising agency */
	int64_t complaint_id;	/* optional (0) */
	const char *doc_number; /* 文号, optional */
	gk_date issued;
	gk_date due; /* 整改期限, optional */
	const char *content;
	gk_date replied; /* the agency's reply; 0 while open */
	const char *reply;
	const char *complaint_ref; /* read back only */
};
/*
 * Issue a notice (replied and reply ignored). When it follows a complaint,
 * the complaint must concern the same agency, and it is marked as having
 * led to a notice in the same transaction. GK_EINVAL for a due date
 * before the issue date, an issuer that is the agency itself.
 */
enum gk_err store_rectification_issue(struct store *s, const struct store_rectification *r,
				      int64_t *id, struct gk_errmsg *m);
enum gk_err store_rectification_get(struct store *s, int64_t id, struct store_rectification *out,
				    struct gk_errmsg *m);
/* The agency's reply: GK_ECONFLICT when replied already. */
enum gk_err store_rectification_reply(struct store *s, int64_t id, gk_date date, const char *reply,
				      struct gk_errmsg *m);
typedef int (*store_rectification_fn)(void *ctx, const struct store_rectification *r);
/* Newest issued first. */
enum gk_err store_rectification_list(struct store *s, const struct store_sup_query *q,
				     store_rectification_fn fn, void *ctx, int64_t *total,
				     struct gk_errmsg *m);

/* --- Appeals (行政复议, 行政诉讼) ------------------------------------------ */

struct store_appeal_rec {
	struct store_appeal a;
	const char *application_ref, *tracking_code; /* read back only */
};
enum gk_err store_appeal_get(struct store *s, int64_t id, struct store_appeal_rec *out,
			     struct gk_errmsg *m);
/* Close a pending appeal with its result (not PENDING) on date:
 * GK_ECONFLICT when closed already. */
enum gk_err store_appeal_close(struct store *s, int64_t id, enum appeal_result result, gk_date date,
			       struct gk_errmsg *m);
typedef int (*store_appeal_fn)(void *ctx, const struct store_appeal_rec *a);
/* Newest filed first. */
enum gk_err store_appeal_list(struct store *s, const struct store_sup_query *q, store_appeal_fn fn,
			      void *ctx, int64_t *total, struct gk_errmsg *m);

/* --- The region overview ------------------------------------------------- */

struct store_oversight {
	int64_t open;	 /* applications not closed */
	int64_t overdue; /* of those: the cached due date before today, not paused */
	int64_t complaints_open;
	int64_t rectifications_open;
	int64_t appeals_pending;
};

/*
 * The counts of every agency of ids[0..n) (sorted ascending: an
 * auth_scope's ids) into out[0..n) (zeroed first), for the scope
 * (agency_id, region) that holds them.
 */
enum gk_err store_oversight_count(struct store *s, int64_t agency_id, bool region, gk_date today,
				  const int64_t *ids, size_t n, struct store_oversight *out,
				  struct gk_errmsg *m);

/*
 * The documents of the scope made (created) in [from, to] that were meant
 * to be published: published ones (whatever became of them since) and
 * unpublished ones whose 公开属性 is 主动公开 or not decided yet (the
 * confirmed attribute, else the proposed one). published is 0 for the
 * unpublished. The caller decides which are late (第二十六条: 20 working
 * days, app/assessment.h).
 */
typedef int (*store_doc_deadline_fn)(void *ctx, int64_t agency_id, int64_t document_id,
				     gk_date created, gk_date published);
enum gk_err store_document_deadlines(struct store *s, int64_t agency_id, bool region, gk_date from,
				     gk_date to, store_doc_deadline_fn fn, void *ctx,
				     struct gk_errmsg *m);

/*
 * The applications of the scope answered in [from, to] (the date of their
 * ANSWERED event), with their outcome, for the on-time rate: the caller
 * replays each one's log for its due date.
 */
typedef int (*store_answered_fn)(void *ctx, int64_t agency_id, int64_t application_id,
				 gk_date received, gk_date answered, enum outcome outcome);
enum gk_err store_answered_each(struct store *s, int64_t agency_id, bool region, gk_date from,
				gk_date to, store_answered_fn fn, void *ctx, struct gk_errmsg *m);

/*
 * Per agency of the scope, for the assessment of [from, to]: complaints
 * received in it that led to a 整改通知书 (查证属实, 第四十七条第二款), and
 * appeals (not co_defendant_only) closed in it with the result 纠正.
 */
struct store_sup_faults {
	int64_t complaints_upheld;
	int64_t appeals_corrected;
	int64_t rectifications_late; /* issued in the period, with a due date, replied after
					it or not replied by `today` after it */
};
enum gk_err store_sup_faults_count(struct store *s, int64_t agency_id, bool region, gk_date from,
				   gk_date to, gk_date today, const int64_t *ids, size_t n,
				   struct store_sup_faults *out, struct gk_errmsg *m);

/* --- The assessment (绩效考核) ---------------------------------------------- */

#define STORE_INDICATOR_NAME_MAX   STORE_NAME_MAX
#define STORE_INDICATOR_METRIC_MAX 32
#define STORE_INDICATOR_SCORE_MAX  1000

/* An indicator of a supervising agency's assessment table. */
struct store_indicator {
	int64_t id;
	int64_t agency_id;  /* the supervising agency that configures it */
	const char *name;   /* the column's heading */
	const char *metric; /* what computes it (app/assessment.h), or "manual" */
	int max_score;	    /* 1–1000 */
	int position;	    /* columns left to right by position, then id */
};
enum gk_err store_indicator_add(struct store *s, const struct store_indicator *in, int64_t *id,
				struct gk_errmsg *m);
/* Replace name, metric, max_score and position of in->id (its agency stays). */
enum gk_err store_indicator_update(struct store *s, const struct store_indicator *in,
				   struct gk_errmsg *m);
enum gk_err store_indicator_get(struct store *s, int64_t id, struct store_indicator *out,
				struct gk_errmsg *m);
/* Delete it with every score entered for it (one transaction). */
enum gk_err store_indicator_delete(struct store *s, int64_t id, struct gk_errmsg *m);
typedef int (*store_indicator_fn)(void *ctx, const struct store_indicator *in);
enum gk_err store_indicator_each(struct store *s, int64_t agency_id, store_indicator_fn fn,
				 void *ctx, struct gk_errmsg *m);

/*
 * A score entered by hand: a decimal ("8", "7.5") the caller has checked
 * against the indicator's max_score; NULL or "" deletes it.
 */
enum gk_err store_score_set(struct store *s, int64_t indicator_id, int64_t agency_id, int year,
			    const char *score, const char *note, struct gk_errmsg *m);
typedef int (*store_score_fn)(void *ctx, int64_t indicator_id, int64_t agency_id, const char *score,
			      const char *note);
/* The scores of every indicator of the supervising agency for year. */
enum gk_err store_score_each(struct store *s, int64_t supervisor_id, int year, store_score_fn fn,
			     void *ctx, struct gk_errmsg *m);

#endif
