/*
 * validate.h: the store's checks of input values, before any SQL runs.
 *
 * Each check names the field, the value where it is short enough to quote,
 * and what is allowed, so that a person fixing an import file knows what
 * to change. The schema's CHECK constraints repeat the rules as a second
 * line of defence.
 */
#ifndef GK_STORE_VALIDATE_H
#define GK_STORE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/err.h"

/* v at most max bytes; when required, not NULL and not empty. */
enum gk_err check_text(const char *field, const char *v, size_t max, bool required,
		       struct gk_errmsg *m);
/* A code or reference: 1–STORE_CODE_MAX bytes, no control characters, and
 * no spaces unless spaces_allowed. */
enum gk_err check_code(const char *field, const char *v, bool spaces_allowed, struct gk_errmsg *m);
/* A date in the supported years; 0 means none, refused when required. */
enum gk_err check_date(const char *field, gk_date d, bool required, struct gk_errmsg *m);
/* later may not precede earlier (either may be 0 = none). */
enum gk_err check_order(const char *later_field, gk_date later, const char *earlier_field,
			gk_date earlier, struct gk_errmsg *m);
/* 0 <= v < count. */
enum gk_err check_enum(const char *field, int v, int count, struct gk_errmsg *m);
/* An id that must name a row: > 0. */
enum gk_err check_id(const char *field, int64_t id, struct gk_errmsg *m);

#endif
