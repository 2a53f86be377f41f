/*
 * form.h: the printed form of the annual report tables — which label or
 * value sits in which cell, with its row and column span.
 *
 * The official format (国办公开办函〔2019〕60号, 〔2021〕30号; legal-facts
 * §1.4–1.7) prints the tables with merged cells:
 *   二: one block per item of 条例第二十条, 4 columns wide: a title row, a
 *       header row 信息内容 + column labels, then the rows; a block with
 *       fewer than 3 value columns widens its last one (colspan 3 for the
 *       single 本年处理决定数量 of 2021).
 *   三: a label area 3 columns wide under the printed 勾稽关系 note (3 × 3),
 *       申请人情况 over 7 columns, 自然人 and 总计 2 rows high, 法人或其他组织
 *       over its 5 kinds; 三、本年度办理结果 spans its 20 (2019) / 22 (2021)
 *       rows, （三）（四）（五）and 2021's （六）span their sub-rows, and rows
 *       without sub-rows span the inner label columns.
 *   四: 行政复议 over 5 columns and 行政诉讼 over 10 (未经复议直接起诉 and
 *       复议后起诉, 5 each), then one row of 15 values.
 * The HTML and XLSX writers print this geometry; labels come verbatim from
 * layout.h, values are the sheet's cells.
 */
#ifndef GK_REPORT_FORM_H
#define GK_REPORT_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"
#include "report/layout.h"
#include "report/sheet.h"

/* One printed cell. Exactly one of label and value is set. */
struct form_cell {
	unsigned row, col;   /* top-left position, 0-based */
	unsigned rows, cols; /* span, ≥ 1 */
	bool header;	     /* a column or block header (not a row label) */
	const char *label;   /* static verbatim text, or NULL */
	const struct sheet_cell *value; /* the sheet's cell, or NULL */
	enum value_kind kind;		/* of value */
};

/* One table's cells in row-major order of their top-left positions. */
struct form {
	struct form_cell *cells; /* owned */
	size_t n, cap;
	unsigned n_rows, n_cols;
};

/*
 * Lay out table t of sheet s in layout l into f (which form_build
 * initialises; release it with form_release even on failure). The value
 * cells point into s, which must outlive f. Returns GK_ENOMEM when memory
 * ran out.
 */
enum gk_err form_build(struct form *f, const struct sheet *s, const struct layout *l,
		       enum report_table t);
void form_release(struct form *f);

/*
 * The layout to print s in: s->layout, else the one for s->year. NULL when
 * neither is known, with the reason in m (the writers then return
 * GK_EINVAL).
 */
const struct layout *form_layout(const struct sheet *s, struct gk_errmsg *m);

/*
 * Write the finished text b to out and flush it. Returns GK_ENOMEM when b
 * lost an append (b->failed), GK_EIO with the system's reason when writing
 * failed; the message in m names the output by `what` ("the HTML page").
 */
enum gk_err form_write(const struct buf *b, FILE *out, const char *what, struct gk_errmsg *m);

/* The printed section heading of a table: "二、主动公开政府信息情况" … Static. */
const char *form_table_heading(enum report_table t);

/*
 * Append the report's title to out: s->title, else “<agency><year>年政府信息
 * 公开工作年度报告” from what is known. Failure is out's sticky error.
 */
void form_title(const struct sheet *s, struct buf *out);

/* A value as printed ("-417", "7730.28"; "" for blank or unreadable cells). */
const char *form_value_text(const struct sheet_cell *c, char out[SHEET_NUM_STRLEN]);

#endif
