#include "report/form.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Table 二 is as wide as its widest block: 信息内容 + 3 value columns. */
#define DISC_WIDTH (1 + DISC_COL_MAX)
/* Table 三: the label area is 3 columns wide (legal-facts §1.6). */
#define REQ_LABEL_COLS 3
#define REQ_HEADER_ROWS 3
#define APPEAL_HEADER_ROWS 3

/* The note printed in the top-left cell of table 三 (legal-facts §1.8). */
static const char balance_note[] =
	"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

static bool add(struct form *f, struct form_cell c)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		struct form_cell *grown = realloc(f->cells, cap * sizeof(*grown));

		if (!grown)
			return false;
		f->cells = grown;
		f->cap = cap;
	}
	f->cells[f->n++] = c;
	if (c.row + c.rows > f->n_rows)
		f->n_rows = c.row + c.rows;
	if (c.col + c.cols > f->n_cols)
		f->n_cols = c.col + c.cols;
	return true;
}

static bool label(struct form *f, unsigned row, unsigned col, unsigned rows, unsigned cols,
		  bool header, const char *text)
{
	return add(f, (struct form_cell){row, col, rows, cols, header, text, NULL, VALUE_COUNT});
}

static bool value(struct form *f, unsigned row, unsigned col, unsigned cols,
		  const struct sheet_cell *c, enum value_kind kind)
{
	return add(f, (struct form_cell){row, col, 1, cols, false, NULL, c, kind});
}

static bool build_disclosure(struct form *f, const struct sheet *s, const struct layout *l)
{
	unsigned row = 0;

	for (size_t b = 0; b < l->n_blocks; b++) {
		const struct layout_block *block = &l->blocks[b];
		unsigned n = (unsigned)block->n_columns;

		if (!label(f, row++, 0, 1, DISC_WIDTH, true, block->title) ||
		    !label(f, row, 0, 1, 1, true, "信息内容"))
			return false;
		/* The last column takes the width the block does not use. */
		for (unsigned c = 0; c < n; c++)
			if (!label(f, row, 1 + c, 1, c + 1 == n ? DISC_COL_MAX - c : 1, true,
				   block->columns[c].label))
				return false;
		row++;
		for (size_t i = 0; i < l->n_disclosure; i++) {
			const struct layout_disc_row *r = &l->disclosure[i];

			if (r->block != block)
				continue;
			if (!label(f, row, 0, 1, 1, false, r->label))
				return false;
			for (unsigned c = 0; c < n; c++)
				if (!value(f, row, 1 + c, c + 1 == n ? DISC_COL_MAX - c : 1,
					   &s->disclosure[r->row][c], block->columns[c].kind))
					return false;
			row++;
		}
	}
	return true;
}

/* The data rows a group label spans: those after it that nest deeper. */
static unsigned group_span(const struct layout *l, size_t i)
{
	unsigned n = 0;

	for (size_t j = i + 1; j < l->n_requests && l->requests[j].depth > l->requests[i].depth;
	     j++)
		n += l->requests[j].kind == LAYOUT_ROW_DATA;
	return n;
}

static bool build_requests(struct form *f, const struct sheet *s, const struct layout *l)
{
	unsigned row = REQ_HEADER_ROWS;

	if (!label(f, 0, 0, REQ_HEADER_ROWS, REQ_LABEL_COLS, true, balance_note) ||
	    !label(f, 0, REQ_LABEL_COLS, 1, REQ_COL_COUNT, true, "申请人情况") ||
	    !label(f, 1, REQ_LABEL_COLS + REQ_NATURAL_PERSON, 2, 1, true,
		   layout_request_column(REQ_NATURAL_PERSON)->label) ||
	    !label(f, 1, REQ_LABEL_COLS + REQ_BUSINESS, 1, REQ_TOTAL - REQ_BUSINESS, true,
		   "法人或其他组织") ||
	    !label(f, 1, REQ_LABEL_COLS + REQ_TOTAL, 2, 1, true,
		   layout_request_column(REQ_TOTAL)->label))
		return false;
	for (int c = REQ_BUSINESS; c < REQ_TOTAL; c++)
		if (!label(f, 2, REQ_LABEL_COLS + (unsigned)c, 1, 1, true,
			   layout_request_column((enum req_col)c)->label))
			return false;
	for (size_t i = 0; i < l->n_requests; i++) {
		const struct layout_row *r = &l->requests[i];
		unsigned depth = (unsigned)r->depth;

		/* A group label starts in the row of its first data row. */
		if (r->kind == LAYOUT_ROW_GROUP) {
			if (!label(f, row, depth, group_span(l, i), 1, false, r->label))
				return false;
			continue;
		}
		if (!label(f, row, depth, 1, REQ_LABEL_COLS - depth, false, r->label))
			return false;
		for (int c = 0; c < REQ_COL_COUNT; c++)
			if (!value(f, row, REQ_LABEL_COLS + (unsigned)c, 1, &s->requests[r->row][c],
				   VALUE_COUNT))
				return false;
		row++;
	}
	return true;
}

static bool build_appeals(struct form *f, const struct sheet *s)
{
	const unsigned w = APPEAL_COL_COUNT;

	if (!label(f, 0, 0, 1, w, true, layout_appeal_row(APPEAL_REVIEW)->label) ||
	    !label(f, 0, w, 1, 2 * w, true, "行政诉讼"))
		return false;
	for (unsigned c = 0; c < w; c++)
		if (!label(f, 1, c, 2, 1, true, layout_appeal_column((enum appeal_col)c)->label))
			return false;
	if (!label(f, 1, w, 1, w, true, layout_appeal_row(APPEAL_LAWSUIT)->label) ||
	    !label(f, 1, 2 * w, 1, w, true, layout_appeal_row(APPEAL_LAWSUIT_AFTER_REVIEW)->label))
		return false;
	for (unsigned c = w; c < 3 * w; c++)
		if (!label(f, 2, c, 1, 1, true, layout_appeal_column((enum appeal_col)(c % w))->label))
			return false;
	for (unsigned r = 0; r < APPEAL_ROW_COUNT; r++)
		for (unsigned c = 0; c < w; c++)
			if (!value(f, APPEAL_HEADER_ROWS, r * w + c, 1, &s->appeals[r][c], VALUE_COUNT))
				return false;
	return true;
}

enum gk_err form_build(struct form *f, const struct sheet *s, const struct layout *l,
		       enum report_table t)
{
	bool ok;

	*f = (struct form){0};
	switch (t) {
	case TABLE_DISCLOSURE:
		ok = build_disclosure(f, s, l);
		break;
	case TABLE_REQUESTS:
		ok = build_requests(f, s, l);
		break;
	default:
		ok = build_appeals(f, s);
		break;
	}
	return ok ? GK_OK : GK_ENOMEM;
}

void form_release(struct form *f)
{
	free(f->cells);
	*f = (struct form){0};
}

const struct layout *form_layout(const struct sheet *s, struct gk_errmsg *m)
{
	const struct layout *l = s->layout ? s->layout : layout_for_year(s->year);

	if (!l)
		gk_errf(m, GK_EINVAL,
			"the report has neither a layout nor a year: cannot print its tables");
	return l;
}

enum gk_err form_write(const struct buf *b, FILE *out, const char *what, struct gk_errmsg *m)
{
	if (b->failed)
		return gk_errf(m, GK_ENOMEM, "out of memory while printing %s", what);
	if (fwrite(b->data, 1, b->len, out) != b->len || fflush(out) != 0)
		return gk_errf(m, GK_EIO, "writing %s failed: %s", what, strerror(errno));
	return GK_OK;
}

const char *form_table_heading(enum report_table t)
{
	static const char *const headings[TABLE_COUNT] = {
		[TABLE_DISCLOSURE] = "二、主动公开政府信息情况",
		[TABLE_REQUESTS] = "三、收到和处理政府信息公开申请情况",
		[TABLE_APPEALS] = "四、政府信息公开行政复议、行政诉讼情况",
	};

	return (unsigned)t < TABLE_COUNT ? headings[t] : "";
}

void form_title(const struct sheet *s, struct buf *out)
{
	if (s->title) {
		buf_puts(out, s->title);
		return;
	}
	if (s->agency)
		buf_puts(out, s->agency);
	if (s->year)
		buf_printf(out, "%d年", s->year);
	buf_puts(out, "政府信息公开工作年度报告");
}

const char *form_value_text(const struct sheet_cell *c, char out[SHEET_NUM_STRLEN])
{
	if (c->state != CELL_NUMBER)
		return "";
	return sheet_num_format(c->num, out);
}
