#include "store/validate.h"

#include <inttypes.h>
#include <string.h>

#include "store/store.h"

#include "base/banned.h"

enum gk_err check_text(const char *field, const char *v, size_t max, bool required,
		       struct gk_errmsg *m)
{
	size_t len = v ? strlen(v) : 0;

	if (required && len == 0)
		return gk_errf(m, GK_EINVAL, "%s: required, and empty", field);
	if (len > max)
		return gk_errf(m, GK_EINVAL, "%s: %zu bytes, at most %zu allowed", field, len, max);
	return GK_OK;
}

enum gk_err check_code(const char *field, const char *v, bool spaces_allowed, struct gk_errmsg *m)
{
	enum gk_err err = check_text(field, v, STORE_CODE_MAX, true, m);

	if (err)
		return err;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return gk_errf(m, GK_EINVAL, "%s: '%s' holds a control character", field,
				       v);
		if (*p == ' ' && !spaces_allowed)
			return gk_errf(m, GK_EINVAL, "%s: '%s' holds a space; codes have none",
				       field, v);
	}
	return GK_OK;
}

enum gk_err check_date(const char *field, gk_date d, bool required, struct gk_errmsg *m)
{
	int y;

	if (d == 0)
		return required ? gk_errf(m, GK_EINVAL, "%s: required, and missing", field) : GK_OK;
	y = date_year(d);
	if (y < GK_DATE_MIN_YEAR || y > GK_DATE_MAX_YEAR)
		return gk_errf(m, GK_EINVAL,
			       "%s: day number %" PRId32 " is outside the years %d–%d", field, d,
			       GK_DATE_MIN_YEAR, GK_DATE_MAX_YEAR);
	return GK_OK;
}

enum gk_err check_order(const char *later_field, gk_date later, const char *earlier_field,
			gk_date earlier, struct gk_errmsg *m)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

	if (later == 0 || earlier == 0 || later >= earlier)
		return GK_OK;
	return gk_errf(m, GK_EINVAL, "%s %s is before %s %s", later_field, date_format(later, a),
		       earlier_field, date_format(earlier, b));
}

enum gk_err check_enum(const char *field, int v, int count, struct gk_errmsg *m)
{
	if (v < 0 || v >= count)
		return gk_errf(m, GK_EINVAL, "%s: %d is out of range (0–%d)", field, v, count - 1);
	return GK_OK;
}

enum gk_err check_id(const char *field, int64_t id, struct gk_errmsg *m)
{
	if (id <= 0)
		return gk_errf(m, GK_EINVAL, "%s: %" PRId64 " is not an id (ids are positive)",
			       field, id);
	return GK_OK;
}
