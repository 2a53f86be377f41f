/*
 * read_json.h: read an annual report back from the JSON that
 * report_json_object() writes (write_json.h).
 *
 * One report object: "year", "layout", "agency", "title", the tables
 * "disclosure", "requests" and "appeals" by row and column id (layout.h),
 * and "sections" (the free texts of sheet.h). "file" and "findings" are
 * accepted and ignored: the findings are the rules' to recompute. Used to
 * read frozen report snapshots back, and by `gongkai check` for JSON files
 * (report/read.h dispatches here when the first non-space byte is '{').
 *
 * Not read: the listing that `gongkai check --json` prints ({"files":
 * [one object per file]}, refused with a message that says so), nor a
 * JSON array of report objects.
 *
 * Strict: an unknown key, a row or column id that is not part of the
 * layout, a row of the wrong length or a cell that is neither null nor a
 * number of its column's kind is refused, naming the JSON path
 * (`requests.rows.C3.1.natural_person: "abc" is not a count`). A report
 * with no table at all is refused too, as by the other readers.
 *
 * Decimals. JSON reals carry no printed precision: an amount printed 5.0
 * comes back as 5 and 7730.28 as 7730.28 (equal numbers, sheet_num_cmp()),
 * read through the 15 significant digits the writer prints.
 */
#ifndef GK_REPORT_READ_JSON_H
#define GK_REPORT_READ_JSON_H

#include "base/err.h"
#include "base/str.h"
#include "report/sheet.h"

/* Largest JSON text read (a report object is a few KiB, its texts a few more). */
#define REPORT_JSON_MAX (16u << 20)

/*
 * Fill the empty sheet s (from sheet_new()) from the report object in
 * json; name is the file name for messages. Returns GK_OK, or GK_EFORMAT
 * with one line in m (not JSON, over REPORT_JSON_MAX, not a report object,
 * or a refusal above), or GK_ENOMEM. On failure s may be partly filled;
 * the caller frees it.
 */
enum gk_err report_read_json(struct str json, const char *name, struct sheet *s,
			     struct gk_errmsg *m);

#endif
