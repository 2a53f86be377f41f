/*
 * dashboard.h: the back office's statistics (统计) of a scope for a year —
 * applications received per month, how the year's closed applications
 * ended by group of table 三, the on-time rate and the median working
 * days to answer, in total and per agency.
 *
 * The counts are the annual report's (store_count: an application closed
 * in the year counts under its outcome, one closed without an answer as
 * 其他处理, legal-facts §1.6), so the dashboard and the report agree.
 *
 * Timeliness is measured on the applications answered in the year (the
 * date of their 答复), each one's log replayed by app/procedure.h so that
 * the clock is the handler's: 20 working days from the day after receipt
 * (第三十三条第二款), again from zero after 补正 (第三十条), consultation
 * days not counted (第三十三条第三款), an approved extension added.
 *   on time        answered on or before the due date;
 *   working days   the working days the answer took on that clock: from
 *                  the day after the start to the answer, consultation
 *                  days left out (0 when answered on the day of receipt).
 * A log that cannot be replayed (a damaged import) is left out of both.
 * The 逾期不补正 / 逾期未缴费 lapses (C6.1, C6.2) are no answer: not measured.
 */
#ifndef GK_APP_DASHBOARD_H
#define GK_APP_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "law/calendar.h"
#include "law/outcome.h"
#include "store/store.h"

/* The result groups of table 三 (三、本年度办理结果 （一）–（六）). */
enum dash_group {
	DASH_DISCLOSED,	  /* （一）予以公开 */
	DASH_PARTLY,	  /* （二）部分公开 */
	DASH_WITHHELD,	  /* （三）不予公开 */
	DASH_UNABLE,	  /* （四）无法提供 */
	DASH_NOT_HANDLED, /* （五）不予处理 */
	DASH_OTHER,	  /* （六）其他处理 */
	DASH_GROUP_COUNT
};
enum dash_group dash_group_of(enum outcome o);
const char *dash_group_id(enum dash_group g);	/* "disclosed", … */
const char *dash_group_name(enum dash_group g); /* "予以公开", … */

struct dash_row {
	int64_t agency_id;
	int64_t received;    /* A 本年新收 */
	int64_t carried_in;  /* B 上年结转 */
	int64_t closed;	     /* C 本年度办理结果 （七）总计 */
	int64_t carried_out; /* D 结转下年度继续办理 */
	int64_t groups[DASH_GROUP_COUNT];
	int64_t answered, on_time;
	bool has_median;
	double median_days; /* working days; x.5 for an even count */
};

struct dashboard {
	int year;
	int64_t by_month[12]; /* received, January first */
	struct dash_row total;
	struct dash_row *rows; /* one per id given, in that order; owned */
	size_t n;
};

/*
 * The dashboard of scope (its from..to: a year) into *out, with one row
 * per agency of ids[0..n) (sorted ascending, e.g. an auth_scope's; each
 * row that agency alone). today is the day logs are replayed for.
 * Release *out in every case.
 */
enum gk_err dashboard_compute(struct store *st, const struct calendar *cal,
			      const struct store_scope *scope, const int64_t *ids, size_t n,
			      gk_date today, struct dashboard *out, struct gk_errmsg *m);
void dashboard_release(struct dashboard *d);

/* The median of v[0..n) (sorted in place); false when n is 0. */
bool dash_median(int *v, size_t n, double *out);

#endif
