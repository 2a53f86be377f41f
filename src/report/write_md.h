/*
 * write_md.h: print an annual report as Markdown.
 *
 * A level-1 heading with the title, then the sections 二, 三 and 四 with
 * their printed headings, each table as a pipe table with the labels of
 * the format verbatim (layout.h): table 二 one table per block of
 * 条例第二十条 under the block title; table 三 one row per printed row,
 * group headers (三、本年度办理结果, （三）不予公开 …) with empty cells,
 * under a header row that starts with the printed 勾稽关系 note; table 四
 * one row per 行政复议 / 未经复议直接起诉 / 复议后起诉 under 结果维持 … 总计
 * (Markdown has no merged cells, so the 15-value row of the official
 * layout becomes three rows of five).
 *
 * When the sheet has section texts (sheet.h), the whole report is printed:
 * ## 一、总体情况 and its paragraphs first, the tables, then ## 五、… and
 * ## 六、…, each paragraph as one escaped line of text (nothing in it can
 * open a heading, list, quote or table), so that report_read_text() reads
 * the tables of such a file as it reads them without the texts.
 *
 * Blank cells print empty, unreadable ones too (the sheet keeps no text
 * for them). Free text is escaped so that it cannot open Markdown or HTML
 * markup.
 */
#ifndef GK_REPORT_WRITE_MD_H
#define GK_REPORT_WRITE_MD_H

#include <stdio.h>

#include "base/err.h"
#include "report/sheet.h"

/*
 * Write s to out (which stays open and owned by the caller). The layout is
 * s->layout or the one for s->year. Returns GK_EINVAL (message in m) when
 * neither is known, GK_ENOMEM when memory ran out, GK_EIO when writing
 * failed; out may then hold part of the text.
 */
enum gk_err report_write_md(const struct sheet *s, FILE *out, struct gk_errmsg *m);

#endif
