/*
 * read_html.h: read an annual report from an HTML page.
 *
 * Agencies publish most reports as HTML pages with <table> markup (often
 * with rowspan/colspan as in the official format, sometimes labelled
 * gb2312). Parsed with libxml2's HTML parser (DESIGN.md), never regexes.
 * report/read.h dispatches here when the bytes look like HTML.
 */
#ifndef GK_REPORT_READ_HTML_H
#define GK_REPORT_READ_HTML_H

#include "base/err.h"
#include "base/str.h"
#include "report/sheet.h"

/*
 * Fill the empty sheet s (from sheet_new()) from the HTML bytes in html;
 * name is the file name for messages. Same contract as report_read_text()
 * in read_text.h: the reader sets year, agency, title, cells with their
 * 1-based source line (the line of the cell's element), has_table[] and
 * notes, may set s->layout, and returns GK_OK when at least one table was
 * recognised, GK_EFORMAT (message in m) when none was, GK_ENOMEM when
 * memory ran out. On failure s may be partly filled; the caller frees it.
 */
enum gk_err report_read_html(struct str html, const char *name, struct sheet *s,
			     struct gk_errmsg *m);

#endif
