/*
 * read_grid.h: recognise the annual report tables in grids of cells.
 *
 * The HTML and spreadsheet readers turn each printed table into a grid
 * (grid.h, spans expanded) and feed the grids here in document order. The
 * recogniser finds tables 二, 三 and 四 (legal-facts §1.4–1.7) by their
 * labels, folded by label_key.h so that “(一)” matches “（一）” and “1、”
 * matches “1.”:
 *
 *   table 三: a row whose label (the rightmost label of its label area,
 *     e.g. “1.属于国家秘密” under “（三）不予公开”) is a row of either
 *     layout; its values are read in the columns headed 自然人 … 总计 by
 *     the header rows above, or by position when no header was printed.
 *   table 四: the official layout (行政复议 over 5 columns, 行政诉讼 over
 *     未经复议直接起诉 and 复议后起诉, one row of 15 values) and the flat one
 *     (one row per 行政复议 / 未经复议直接起诉 / 复议后起诉 under 结果维持 …
 *     总计).
 *   table 二: each block's header row (信息内容 and its column labels)
 *     names the columns of the rows below it.
 *
 * Cells that print only white space or &nbsp; are blank (not zero); text
 * that is not a number is unreadable (with a note). Rows that exist in
 * only one layout (2019: （六）其他处理 as a data row, 其他对外管理服务事项,
 * 政府集中采购 and the 2019 column headers of 二; 2021: the rows under
 * （六）and the 2021 headers) decide the layout; rows of both, or of the
 * layout that does not match the report year, are noted as mixed.
 */
#ifndef GK_REPORT_READ_GRID_H
#define GK_REPORT_READ_GRID_H

#include <stdbool.h>

#include "base/err.h"
#include "base/str.h"
#include "report/grid.h"
#include "report/sheet.h"

struct grid_reader;

/*
 * A recogniser that fills s (which it does not own; s must outlive it).
 * NULL when out of memory.
 */
struct grid_reader *grid_reader_new(struct sheet *s);
void grid_reader_free(struct grid_reader *r);

/*
 * Recognise the rows of one table grid and store their cells in the
 * sheet. A cell that reads like the report's title (see report_take_title)
 * sets the title when none is set yet. Returns GK_ENOMEM when memory ran
 * out, GK_OK otherwise (a grid without report rows is not an error).
 */
enum gk_err grid_reader_feed(struct grid_reader *r, const struct grid *g);

/*
 * After the last grid: settle s->layout from the rows seen and the year,
 * note mixed layouts and the missing rows of each table found. Returns
 * GK_OK when at least one table was found, GK_EFORMAT (message in m,
 * naming `name`) when none was, GK_ENOMEM when memory ran out.
 */
enum gk_err grid_reader_finish(struct grid_reader *r, const char *name, struct gk_errmsg *m);

/*
 * Split a report title such as “淮安市人民政府2024年政府信息公开工作年度报告”
 * or “2024年度淮安市人民政府政府信息公开工作年度报告”: *year gets the year
 * reported on (the first 4-digit year followed by 年, 1990–2100) and
 * *agency the name before the year, or else between the year and
 * 政府信息公开 (empty when neither holds one). Returns false, leaving the
 * outputs alone, when text is not a report title (no year or no 报告).
 */
bool report_parse_title(struct str text, int *year, struct str *agency);

/*
 * When s has no title yet and text is a report title (report_parse_title),
 * set s->title to text cut after its 报告 (white space collapsed), s->year,
 * and s->agency unless the title names none. Returns GK_ENOMEM when memory
 * ran out, GK_OK otherwise (also when text is not a title).
 */
enum gk_err report_take_title(struct sheet *s, struct str text);

#endif
