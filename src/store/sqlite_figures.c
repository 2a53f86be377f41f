/*
 * Figures of table 二 that come from other systems (行政许可, 行政处罚,
 * 行政强制, 行政事业性收费, …), kept as the exact decimal text they are
 * printed with, so that no amount passes through a binary fraction.
 */
#include <inttypes.h>

#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

/* "-3", "12", "7730.28": an optional minus, digits, optionally a point and
 * more digits. */
static bool is_decimal(const char *v)
{
	const char *p = v + (*v == '-');
	int digits = 0;

	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (digits == 0)
		return false;
	if (*p == '.') {
		const char *frac = ++p;

		while (*p >= '0' && *p <= '9')
			p++;
		if (p == frac)
			return false;
	}
	return *p == '\0';
}

static enum gk_err check_figure(int year, const char *row, const char *column, const char *value,
				const char *source, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_code("figure row", row, false, m)) ||
	    (err = check_code("figure column", column, false, m)) ||
	    (err = check_text("figure value", value, STORE_CODE_MAX, true, m)) ||
	    (err = check_text("figure source", source, STORE_NAME_MAX, false, m)))
		return err;
	if (year < GK_DATE_MIN_YEAR || year > GK_DATE_MAX_YEAR)
		return gk_errf(m, GK_EINVAL, "figure year: %d is outside %d–%d", year,
			       GK_DATE_MIN_YEAR, GK_DATE_MAX_YEAR);
	if (!is_decimal(value))
		return gk_errf(
		    m, GK_EINVAL,
		    "figure %s/%s: '%s' is not a decimal number (like 12, -3 or 7730.28)", row,
		    column, value);
	return GK_OK;
}

enum gk_err store_figure_set(struct store *s, int64_t agency_id, int year, const char *row,
			     const char *column, const char *value, const char *source,
			     struct gk_errmsg *m)
{
	enum gk_err err = check_id("figure's agency", agency_id, m);
	sqlite3_stmt *st;
	int rc;

	if (err || (err = check_figure(year, row, column, value, source, m)))
		return err;
	st = sq_stmt(s, SQ_FIGURE_SET,
		     "INSERT INTO figures (agency_id, year, row, col, value, source)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (agency_id, year, row, col)"
		     " DO UPDATE SET value = excluded.value, source = excluded.source",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	sq_bind_int(s, st, 2, year);
	sq_bind_text(s, st, 3, row);
	sq_bind_text(s, st, 4, column);
	sq_bind_text(s, st, 5, value);
	sq_bind_text(s, st, 6, source);
	rc = sq_run(s, SQ_FIGURE_SET, st);
	if (sq_is_missing_ref(rc))
		return gk_errf(m, GK_ENOTFOUND, "agency id %" PRId64 ": no such agency", agency_id);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "setting a figure", m);
	return GK_OK;
}

enum gk_err store_figure_each(struct store *s, const struct store_scope *scope, int year,
			      store_figure_fn fn, void *ctx, struct gk_errmsg *m)
{
	enum gk_err err = sq_agency_exists(s, scope->agency_id, m);
	sqlite3_stmt *st;
	int rc;

	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "agency id %" PRId64 ": no such agency", scope->agency_id);
	if (err)
		return err;
	st = sq_stmt(s, SQ_FIGURE_EACH,
		     SQ_REGION_CTE "SELECT row, col, value, source FROM figures"
				   " WHERE agency_id IN region AND year = ?3"
				   " ORDER BY agency_id, row, col",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, scope->agency_id);
	sq_bind_int(s, st, 2, scope->region);
	sq_bind_int(s, st, 3, year);
	while ((rc = sq_step(s, st)) == SQLITE_ROW)
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0),
		       (const char *)sqlite3_column_text(st, 1),
		       (const char *)sqlite3_column_text(st, 2),
		       (const char *)sqlite3_column_text(st, 3)))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "listing the figures", m);
	sq_release(s, SQ_FIGURE_EACH, st);
	return err;
}
