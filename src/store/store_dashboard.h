/*
 * store_dashboard.h: what the back office's dashboard (统计) reads from the
 * ledger beyond the annual report's counts (store_count, store.h) and the
 * answered applications (store_answered_each, store_supervision.h).
 */
#ifndef GK_STORE_DASHBOARD_H
#define GK_STORE_DASHBOARD_H

#include "store/store.h"

/*
 * The applications of the scope received in [from, to] (收到申请之日,
 * 条例第三十一条), counted per agency and calendar month: fn is called once
 * per (agency, month) that has any, in that order. A non-zero return
 * stops the walk.
 */
typedef int (*store_month_fn)(void *ctx, int64_t agency_id, int year, int month, int64_t count);
enum gk_err store_received_by_month(struct store *s, const struct store_scope *scope,
				    store_month_fn fn, void *ctx, struct gk_errmsg *m);

#endif
