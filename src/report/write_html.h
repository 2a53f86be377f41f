/*
 * write_html.h: print an annual report as a standalone HTML page in the
 * official table layout.
 *
 * The page is what an agency publishes: a complete UTF-8 document
 * (<meta charset="utf-8">, lang="zh-CN") with the title as <h1> and tables
 * 二, 三 and 四 under their section headings, laid out with the rowspans
 * and colspans of the official format (form.h: 国办公开办函〔2019〕60号 /
 * 〔2021〕30号), the 勾稽关系 note of table 三 included. Every text is
 * HTML-escaped. Blank cells print empty; unreadable cells too (the sheet
 * keeps no text for them). When the sheet has section texts (sheet.h), the
 * page is the whole report: <h2>一、总体情况</h2> and its paragraphs as <p>
 * first, the tables, then 五 and 六 likewise. One cell per line, so report_read_html() gives
 * each cell of the page a line of its own.
 */
#ifndef GK_REPORT_WRITE_HTML_H
#define GK_REPORT_WRITE_HTML_H

#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"
#include "report/sheet.h"

/*
 * Write s to out (which stays open and owned by the caller). The layout is
 * s->layout or the one for s->year. Returns GK_EINVAL (message in m) when
 * neither is known, GK_ENOMEM when memory ran out, GK_EIO when writing
 * failed; out may then hold part of the page.
 */
enum gk_err report_write_html(const struct sheet *s, FILE *out, struct gk_errmsg *m);

/*
 * The body of that page without the document around it and without the
 * <h1> title — the text sections and the tables — appended to b, for a
 * page that has its own layout (the portal's 年报 page). GK_EINVAL when the
 * layout is unknown, GK_ENOMEM when b failed.
 */
enum gk_err report_html_body(const struct sheet *s, struct buf *b, struct gk_errmsg *m);

#endif
