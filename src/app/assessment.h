/*
 * assessment.h: the assessment table (绩效考核) a supervising office keeps
 * for the agencies of its region, and the facts it rests on.
 *
 * The supervisor configures the columns (store_supervision.h: indicators
 * with a name, a metric and a maximum score). A column is either scored
 * by hand ("manual") or computed from the ledger by one of the metrics
 * below, scaled to the column's maximum score. docs/supervision.md explains
 * each and the article behind it.
 *
 * Rates (the score is max_score × rate; an agency with nothing to measure
 * gets the full score — no case, no fault):
 *   on_time_rate       按期答复率: applications answered in the period
 *                      on or before their due date (第三十三条, the clock of
 *                      law/clock.h replayed from each log by app/procedure.h)
 *                      over all answered in the period.
 *   publication_rate   主动公开及时率: documents made in the period and
 *                      published within 20 working days of being made
 *                      (第二十六条) over those published or past that
 *                      deadline.
 * Faults (the score is max_score minus `deduct` points per fault, never
 * below 0; deduct is set per column, 1 by default):
 *   overdue_open       超期未办结: open applications past their due date
 *                      (clock not paused) on the day the table is read.
 *   late_published     逾期公开: documents made in the period published
 *                      after the 20 working days, or unpublished past them.
 *   complaints_upheld  投诉查证属实: complaints received in the period that
 *                      led to a 整改通知书 (第四十七条第二款).
 *   appeals_corrected  复议诉讼被纠错: appeals closed in the period with the
 *                      result 纠正 (table 四; not those where the agency was
 *                      only the review body sued with the original one).
 *   rectifications_late 整改逾期: notices issued in the period whose reply
 *                      came after their due date, or has not come and the
 *                      due date passed.
 * A column stores its metric as "id" or "id:deduct" ("late_published:2").
 */
#ifndef GK_APP_ASSESSMENT_H
#define GK_APP_ASSESSMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/err.h"
#include "law/calendar.h"
#include "store/store.h"

/* 第二十六条: 自该政府信息形成或者变更之日起20个工作日内及时公开. */
#define ASSESS_PUBLISH_DAYS 20
/* Scores are kept and shown with at most this many decimals. */
#define ASSESS_DECIMALS 2

enum assess_metric {
	ASSESS_MANUAL,
	ASSESS_ON_TIME_RATE,
	ASSESS_PUBLICATION_RATE,
	ASSESS_OVERDUE_OPEN,
	ASSESS_LATE_PUBLISHED,
	ASSESS_COMPLAINTS_UPHELD,
	ASSESS_APPEALS_CORRECTED,
	ASSESS_RECTIFICATIONS_LATE,
	ASSESS_METRIC_COUNT
};

struct assess_metric_info {
	const char *id;	     /* "on_time_rate" */
	const char *name;    /* "按期答复率" */
	const char *explain; /* one sentence for the configuration page */
	bool rate;	     /* a rate (scaled), else a count of faults (deducted) */
};
const struct assess_metric_info *assess_metric_info(enum assess_metric k);

/* A column's stored metric: "id" or "id:deduct" (deduct > 0, at most two
 * decimals, at most 1000). False for anything else. */
bool assess_metric_parse(const char *stored, enum assess_metric *k, double *deduct);
/* The stored form of (k, deduct) into out (the id alone for a deduct of 1
 * or a rate or manual column). */
void assess_metric_format(enum assess_metric k, double deduct, char out[32]);

/* What the ledger says about one agency for one period. */
struct assess_facts {
	int64_t answered, answered_on_time;
	int64_t docs_measured, docs_late; /* docs_late <= docs_measured */
	int64_t overdue_open;
	int64_t complaints_upheld, appeals_corrected, rectifications_late;
};

/* The metric's raw value: a rate in [0, 1] or a count (manual: 0). */
double assess_value(enum assess_metric k, const struct assess_facts *f);
/* The computed score in [0, max_score], rounded to ASSESS_DECIMALS. */
double assess_score(enum assess_metric k, double deduct, int max_score,
		    const struct assess_facts *f);

/*
 * A score typed by hand: a decimal number with at most ASSESS_DECIMALS
 * decimals, from 0 to max_score. GK_EINVAL with a Chinese message otherwise.
 */
enum gk_err assess_score_parse(const char *text, int max_score, double *out, struct gk_errmsg *m);
/* The shortest form of a score ("8", "7.5", "7.25") into out. */
void assess_score_format(double score, char out[32]);

/*
 * 第二十六条: the last day to publish a document made on `created` (the
 * 20th working day after it, the day itself not counted), and whether it
 * is late: published after that day, or (published 0) still unpublished
 * after it on `today`. False (with *late false) when the deadline falls
 * outside the calendar's range.
 */
bool assess_publish_deadline(const struct calendar *cal, gk_date created, gk_date *deadline);
bool assess_published_late(const struct calendar *cal, gk_date created, gk_date published,
			   gk_date today, bool *measured);

/*
 * The facts of every agency of ids[0..n) (sorted: an auth_scope's ids)
 * for the period [from, to], into out[0..n), read from the scope
 * (agency_id, region) that holds them. The open overdue cases are those
 * of `today`.
 */
enum gk_err assess_collect(struct store *st, const struct calendar *cal, int64_t agency_id,
			   bool region, gk_date from, gk_date to, gk_date today, const int64_t *ids,
			   size_t n, struct assess_facts *out, struct gk_errmsg *m);

/*
 * Late-published documents per agency of ids for documents made in
 * [from, to] (the region overview's column), into late[0..n).
 */
enum gk_err assess_late_documents(struct store *st, const struct calendar *cal, int64_t agency_id,
				  bool region, gk_date from, gk_date to, gk_date today,
				  const int64_t *ids, size_t n, int64_t *late, struct gk_errmsg *m);

#endif
