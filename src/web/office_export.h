/*
 * office_export.h: any list of the back office as a file — CSV or XLSX —
 * from the same rows the page shows.
 *
 * A list route declares OFFICE_EXPORT_PARAM and calls office_export()
 * before rendering HTML:
 *
 *	if (office_export(&o, "统计-2025", headers, ncols, rows))
 *		goto done;	// answered: the file, or a 400 for a bad format
 *	... render the page ...
 *
 * CSV: RFC 4180 (every field that needs it quoted, quotes doubled, CRLF
 * between records), UTF-8 with a byte order mark first so that Excel
 * opens the Chinese text right. A text cell starting with = + - @, a tab
 * or a carriage return is prefixed with ' (OWASP "CSV Injection"): a
 * spreadsheet would otherwise run it as a formula. Numbers are written as
 * they are, negative ones included.
 *
 * XLSX: one worksheet, the headers bold in a frozen first row, numbers as
 * numeric cells, text as text cells (a string cell is never evaluated, so
 * no prefix there). libxlsxwriter writes files only: a private temporary
 * file, read back into the response and removed.
 *
 * The file is an attachment named basename.csv / basename.xlsx, given both
 * as an ASCII fallback and as RFC 6266 filename*=UTF-8''… for the Chinese.
 */
#ifndef GK_WEB_OFFICE_EXPORT_H
#define GK_WEB_OFFICE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"
#include "web/office.h"

/* Every list route that exports declares it. */
#define OFFICE_EXPORT_PARAM                                                                        \
	{                                                                                          \
		"format", HTTP_PARAM_CODE, 8, 0, 0, false                                          \
	}

/*
 * When the request's `format` is "csv" or "xlsx", fill the response with
 * the list as that file and return true. When it is another value, answer
 * 400 naming the allowed ones and return true too. When it is absent,
 * return false: the caller renders the page. rows is an array of arrays
 * whose items are strings, integers, reals or null (an empty cell), each
 * of ncols items (missing ones are empty, extra ones ignored).
 */
bool office_export(struct office *o, const char *basename, const char *const *headers, size_t ncols,
		   const json_t *rows);

/* --- The pure parts (unit-tested) ---------------------------------------- */

/* One CSV field for text: guarded against formulas, quoted when needed. */
void office_csv_text(struct buf *out, const char *text);
/* The whole CSV file: BOM, the header record, then one record per row. */
void office_csv_write(struct buf *out, const char *const *headers, size_t ncols,
		      const json_t *rows);
/*
 * The workbook at path (replaced). GK_EIO with libxlsxwriter's reason
 * when it could not be written, GK_ENOMEM when memory ran out.
 */
enum gk_err office_xlsx_write(const char *path, const char *const *headers, size_t ncols,
			      const json_t *rows, struct gk_errmsg *m);
/* The Content-Disposition value for basename.ext, from arena a. */
const char *office_export_disposition(struct arena *a, const char *basename, const char *ext);

#endif
