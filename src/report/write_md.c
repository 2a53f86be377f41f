#include "report/write_md.h"

#include <string.h>

#include "base/buf.h"
#include "report/form.h"

#include "base/banned.h"

#define TEXT_MAX (16u << 20)
/* Table 四 in the official layout: 3 header rows and one of 15 values. */
#define APPEAL_FORM_ROWS 4
#define APPEAL_FORM_COLS (APPEAL_ROW_COUNT * APPEAL_COL_COUNT)

/* Text inside a heading or a table cell: one line, markup characters escaped. */
static void put_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			buf_putc(b, ' ');
			continue;
		}
		if (strchr("\\|<>*_`[]&", *s))
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

/* A header row of labels and its delimiter row (numbers right-aligned). */
static void put_header(struct buf *b, const char *first, const char *const *labels, size_t n)
{
	buf_puts(b, "| ");
	put_text(b, first);
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, " | ");
		put_text(b, labels[i]);
	}
	buf_puts(b, " |\n| --- |");
	for (size_t i = 0; i < n; i++)
		buf_puts(b, " ---: |");
	buf_putc(b, '\n');
}

/* A row: its label, then n cells (NULL cells print empty). */
static void put_row(struct buf *b, const char *label, const struct sheet_cell *const *cells,
		    size_t n)
{
	char num[SHEET_NUM_STRLEN];

	buf_puts(b, "| ");
	put_text(b, label);
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, " | ");
		if (cells[i])
			buf_puts(b, form_value_text(cells[i], num));
	}
	buf_puts(b, " |\n");
}

static void put_disclosure(struct buf *b, const struct sheet *s, const struct layout *l)
{
	for (size_t k = 0; k < l->n_blocks; k++) {
		const struct layout_block *block = &l->blocks[k];
		const char *labels[DISC_COL_MAX];

		buf_puts(b, "### ");
		put_text(b, block->title);
		buf_puts(b, "\n\n");
		for (size_t c = 0; c < block->n_columns; c++)
			labels[c] = block->columns[c].label;
		put_header(b, "信息内容", labels, block->n_columns);
		for (size_t i = 0; i < l->n_disclosure; i++) {
			const struct layout_disc_row *r = &l->disclosure[i];
			const struct sheet_cell *cells[DISC_COL_MAX];

			if (r->block != block)
				continue;
			for (size_t c = 0; c < block->n_columns; c++)
				cells[c] = &s->disclosure[r->row][c];
			put_row(b, r->label, cells, block->n_columns);
		}
		buf_putc(b, '\n');
	}
}

static void put_requests(struct buf *b, const struct sheet *s, const struct layout *l)
{
	const char *labels[REQ_COL_COUNT];

	for (int c = 0; c < REQ_COL_COUNT; c++)
		labels[c] = layout_request_column((enum req_col)c)->label;
	put_header(b, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", labels,
		   REQ_COL_COUNT);
	for (size_t i = 0; i < l->n_requests; i++) {
		const struct layout_row *r = &l->requests[i];
		const struct sheet_cell *cells[REQ_COL_COUNT] = {NULL};

		for (int c = 0; r->kind == LAYOUT_ROW_DATA && c < REQ_COL_COUNT; c++)
			cells[c] = &s->requests[r->row][c];
		put_row(b, r->label, cells, REQ_COL_COUNT);
	}
	buf_putc(b, '\n');
}

/*
 * Table 四 in the official layout (form.h), its merged cells flattened:
 * each text in the top-left position of its span, the rest empty, the
 * first row as the pipe table's header. The values stay one row of 15, as
 * in published reports and their text copies.
 */
static bool put_appeals(struct buf *b, const struct sheet *s, const struct layout *l)
{
	struct form f;
	const struct form_cell *at[APPEAL_FORM_ROWS][APPEAL_FORM_COLS] = {{0}};
	char num[SHEET_NUM_STRLEN];

	if (form_build(&f, s, l, TABLE_APPEALS)) {
		form_release(&f);
		return false;
	}
	for (size_t i = 0; i < f.n; i++)
		if (f.cells[i].row < APPEAL_FORM_ROWS && f.cells[i].col < APPEAL_FORM_COLS)
			at[f.cells[i].row][f.cells[i].col] = &f.cells[i];
	for (unsigned r = 0; r < APPEAL_FORM_ROWS; r++) {
		buf_putc(b, '|');
		for (unsigned c = 0; c < APPEAL_FORM_COLS; c++) {
			const struct form_cell *cell = at[r][c];

			buf_putc(b, ' ');
			if (cell && cell->label)
				put_text(b, cell->label);
			else if (cell)
				buf_puts(b, form_value_text(cell->value, num));
			buf_puts(b, " |");
		}
		buf_putc(b, '\n');
		for (unsigned c = 0; r == 0 && c < APPEAL_FORM_COLS; c++)
			buf_puts(b, c ? " --- |" : "| --- |");
		if (r == 0)
			buf_putc(b, '\n');
	}
	buf_putc(b, '\n');
	form_release(&f);
	return true;
}

enum gk_err report_write_md(const struct sheet *s, FILE *out, struct gk_errmsg *m)
{
	const struct layout *l = form_layout(s, m);
	struct buf b, title;
	enum gk_err err;
	bool ok = true;

	if (!l)
		return GK_EINVAL;
	buf_init(&b, TEXT_MAX);
	buf_init(&title, TEXT_MAX);
	form_title(s, &title);
	buf_puts(&b, "# ");
	put_text(&b, buf_cstr(&title));
	buf_puts(&b, "\n\n");
	for (int t = 0; t < TABLE_COUNT; t++) {
		buf_puts(&b, "## ");
		put_text(&b, form_table_heading((enum report_table)t));
		buf_puts(&b, "\n\n");
		if (t == TABLE_DISCLOSURE)
			put_disclosure(&b, s, l);
		else if (t == TABLE_REQUESTS)
			put_requests(&b, s, l);
		else
			ok = put_appeals(&b, s, l);
	}
	/* put_appeals fails only for memory; so does a title cut by its ceiling. */
	if (!ok || title.failed)
		b.failed = true;
	err = form_write(&b, out, "the Markdown text", m);
	buf_release(&b);
	buf_release(&title);
	return err;
}
