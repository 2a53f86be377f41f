/*
 * ledger_tables.h: tables 二, 三 and 四 of an annual report from the
 * ledger's counts.
 *
 * The counts (store.h, struct store_counts) already follow the counting
 * rules of docs/ledger.md; this module only places them in the cells of
 * the layout the period calls for, so it is pure and cheap enough to run
 * for every agency of a province in one go:
 *   - 三: A, B, D by applicant type; each outcome into its result row
 *     (2019 layout: C6.1–C6.3 fold into C6; 2021 layout: the legacy C6
 *     counts as C6.3, since it carries no reason); C7 the sum of the
 *     result rows; 总计 the sum of the six applicant columns;
 *   - 四: each appeal kind by result, 总计 the sum;
 *   - 二: the 规章 and 行政规范性文件 rows from the documents (2021:
 *     本年制发, 本年废止, 现行有效; 2019: 本年新制作, 本年新公开, 对外公开总数量),
 *     the other rows from figures entered from other systems (ledger_tables_add_figure).
 * Every data cell of 三 and 四 is written, zeros included, so a generated
 * report has no blanks there; cells of 二 without an entered figure stay
 * blank (unknown, not zero).
 */
#ifndef GK_APP_LEDGER_TABLES_H
#define GK_APP_LEDGER_TABLES_H

#include "base/err.h"
#include "report/sheet.h"
#include "store/store.h"

/* Fill tables 三, 四 and the document rows of 二 of s (whose layout must be
 * set) from c. */
void ledger_tables_fill(struct sheet *s, const struct store_counts *c);

/*
 * Add one entered figure (store_figure_set) to its cell of table 二: the
 * row and column ids of s->layout, the value as stored. A region adds up
 * its agencies' figures, so a cell that already holds a number gets the
 * sum. GK_ENOTFOUND when the row or column is not part of s->layout (a
 * figure entered for the other layout's rows: the caller skips it);
 * GK_EINVAL (message in m) when the value does not parse as that column's
 * kind or the sum overflows.
 */
enum gk_err ledger_tables_add_figure(struct sheet *s, const char *row, const char *column,
				     const char *value, struct gk_errmsg *m);

#endif
