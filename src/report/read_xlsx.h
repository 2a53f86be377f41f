/*
 * read_xlsx.h: read an annual report from an Excel workbook (.xlsx).
 *
 * Reads what report_write_xlsx() writes and agencies' spreadsheets laid
 * out like the official tables: every worksheet, in workbook order, is a
 * grid (grid.h) with its merged cells expanded, and the grids go to the
 * same recogniser as HTML tables (read_grid.h). Cell values come from
 * shared strings, inline strings and numbers (a formula's cached value
 * counts; booleans and errors are text). The workbook is a ZIP archive
 * (libzip) of XML parts streamed with libxml2's xmlReader without network
 * access or entity expansion (XML_PARSE_NONET, never NOENT or HUGE).
 *
 * Bounds, as the input is untrusted: a part whose uncompressed size is over
 * 16 MiB, or parts adding up to over 64 MiB, are refused before they are
 * inflated (zip-bomb guard); at most 32 worksheets, 4096 merged ranges
 * per sheet and the grid limits of grid.h are read.
 */
#ifndef GK_REPORT_READ_XLSX_H
#define GK_REPORT_READ_XLSX_H

#include "base/err.h"
#include "base/str.h"
#include "report/sheet.h"

/*
 * Fill the empty sheet s (from sheet_new()) from the workbook bytes; name
 * is the file name for messages. Same contract as report_read_html(): the
 * reader sets year, agency, title (from a cell that reads like the
 * report's title), cells with the 1-based spreadsheet row number as their
 * line, has_table[] and notes, may set s->layout, and returns GK_OK when
 * at least one table was recognised; GK_EFORMAT (message in m) when the
 * bytes are no workbook, a part is over the limits, or no table was found;
 * GK_ENOMEM when memory ran out. On failure s may be partly filled; the
 * caller frees it. The bytes are not modified or kept.
 */
enum gk_err report_read_xlsx(struct str bytes, const char *name, struct sheet *s,
			     struct gk_errmsg *m);

#endif
