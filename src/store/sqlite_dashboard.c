/*
 * sqlite_dashboard.c: the dashboard's own count (store_dashboard.h).
 */
#include "store/sqlite.h"
#include "store/store_dashboard.h"

#include "base/banned.h"

/* clang-format off */
#define MONTHS_SQL                                                                                 \
	SQ_REGION_CTE                                                                              \
	"SELECT agency_id, CAST(substr(received, 1, 4) AS INTEGER),"                               \
	" CAST(substr(received, 6, 2) AS INTEGER), count(*) FROM applications"                     \
	" WHERE agency_id IN region AND received BETWEEN ?3 AND ?4"                                \
	" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
/* clang-format on */

enum gk_err store_received_by_month(struct store *s, const struct store_scope *scope,
				    store_month_fn fn, void *ctx, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_DASH_MONTHS, MONTHS_SQL, m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_scope(s, st, scope);
	while ((rc = sq_step(s, st)) == SQLITE_ROW)
		if (fn(ctx, sq_col_int(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
		       sq_col_int(st, 3)))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "counting applications per month", m);
	sq_release(s, SQ_DASH_MONTHS, st);
	return err;
}
