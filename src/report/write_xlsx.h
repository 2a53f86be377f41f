/*
 * write_xlsx.h: print an annual report as an Excel workbook (libxlsxwriter).
 *
 * One worksheet per table (二, 三, 四, named by their section headings).
 * Each sheet starts with the report's title and the table's heading in
 * merged rows, then the table in the official layout of form.h, merged
 * cells as published. Numbers are numeric cells (amounts keep their
 * printed decimals through a number format, e.g. 0.00), blank cells are
 * empty cells, unreadable ones too (the sheet keeps no text for them).
 * When the sheet has section texts (sheet.h), the workbook is the whole
 * report: a worksheet per text section too, named by its heading
 * (一、总体情况 first, 五、存在的主要问题及改进情况 and 六、其他需要报告的事项
 * after the tables), with the title and heading on top and one paragraph
 * per row in column A. Excel holds at most 32,767 characters in a cell;
 * a longer paragraph fails the write (GK_EIO).
 * report_read_xlsx() reads such a workbook back.
 */
#ifndef GK_REPORT_WRITE_XLSX_H
#define GK_REPORT_WRITE_XLSX_H

#include "base/err.h"
#include "report/sheet.h"

/*
 * Write s to a new workbook at path (replaced if it exists; libxlsxwriter
 * 1.1 writes files only, through temporary files in the system's temp
 * directory). The layout is s->layout or the one for s->year. Returns
 * GK_EINVAL (message in m) when neither is known, GK_EIO when the workbook
 * could not be written (libxlsxwriter's reason in m; a partial file may be
 * left at path), GK_ENOMEM when memory ran out.
 */
enum gk_err report_write_xlsx(const struct sheet *s, const char *path, struct gk_errmsg *m);

#endif
