#include "report/write_md.h"

#include <string.h>

#include "base/buf.h"
#include "report/form.h"

#include "base/banned.h"

#define TEXT_MAX (16u << 20)
/* Table 四 in the official layout: 3 header rows and one of 15 values. */
#define APPEAL_FORM_ROWS 4
#define APPEAL_FORM_COLS (APPEAL_ROW_COUNT * APPEAL_COL_COUNT)

/* Text inside a heading, a table cell or a paragraph: one line, markup characters escaped. */
static void put_str(struct buf *b, struct str s)
{
	for (size_t i = 0; i < s.len; i++) {
		char c = s.ptr[i];

		/* A tab would also split the line into cells for the text reader. */
		if (c == '\n' || c == '\r' || c == '\t') {
			buf_putc(b, ' ');
			continue;
		}
		if (strchr("\\|<>*_`[]&", c))
			buf_putc(b, '\\');
		buf_putc(b, c);
	}
}

static void put_text(struct buf *b, const char *s)
{
	put_str(b, str_from_cstr(s));
}

/*
 * The code point of the last character of s when a token ending in it
 * could read as a table value to report_read_text(): a digit, a point,
 * comma or sign (ASCII or full-width U+FF0B–U+FF19), a blank marker (-, /,
 * dashes) or 无. Such a paragraph would end like a table row; 0 otherwise.
 * *len gets the character's length in bytes.
 */
static unsigned value_like_end(struct str s, size_t *len)
{
	const unsigned char *u;
	unsigned cp;

	if (!s.len)
		return 0;
	if ((unsigned char)s.ptr[s.len - 1] < 0x80) {
		*len = 1;
		return strchr("0123456789.,+-/", s.ptr[s.len - 1]) ? (unsigned char)s.ptr[s.len - 1]
								    : 0;
	}
	if (s.len < 3)
		return 0;
	u = (const unsigned char *)s.ptr + s.len - 3;
	if ((u[0] & 0xF0) != 0xE0)
		return 0;
	*len = 3;
	cp = (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	return (cp >= 0xFF0B && cp <= 0xFF19) || (cp >= 0x2013 && cp <= 0x2015) ||
			       cp == 0x2500 || cp == 0x65E0
		       ? cp
		       : 0;
}

/*
 * One paragraph of a text section as one line (its soft breaks become
 * spaces, as Markdown renders them), so that the text reader takes it
 * whole: a long line is prose, never a table heading. What would open a
 * block at the start of the line is escaped: a heading (#), quote (>),
 * list item (-, +, 1. or 1)), setext underline (=) or fence (~). A line
 * that ends in a number (“…修改 2”) is what a table row looks like to the
 * text reader, which would read it as one if a short paragraph before it
 * reads like a table heading; so a value-like last character is written
 * as a character reference (&#x32;), which Markdown shows as the
 * character and the reader as a word.
 */
static void put_paragraph(struct buf *b, struct str para)
{
	size_t digits = 0, tail = 0;
	unsigned last = value_like_end(para, &tail);
	struct str body = {para.ptr, para.len - (last ? tail : 0)};

	if (body.len && strchr("#>-+=~", body.ptr[0]))
		buf_putc(b, '\\');
	while (digits < body.len && digits < 9 && body.ptr[digits] >= '0' &&
	       body.ptr[digits] <= '9')
		digits++;
	if (digits && digits < body.len && (body.ptr[digits] == '.' || body.ptr[digits] == ')')) {
		buf_append(b, body.ptr, digits);
		buf_putc(b, '\\');
		body = str_from(body, digits);
	}
	put_str(b, body);
	if (last)
		buf_printf(b, "&#x%X;", last);
	buf_puts(b, "\n\n");
}

/* A text section under its heading: every paragraph, or none when it is empty. */
static void put_section(struct buf *b, const struct sheet *s, enum report_section which)
{
	struct str rest = str_from_cstr(s->sections[which]), para;

	buf_puts(b, "## ");
	put_text(b, sheet_section_heading(which));
	buf_puts(b, "\n\n");
	while (sheet_next_paragraph(&rest, &para))
		put_paragraph(b, para);
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
	bool ok = true, sections = sheet_has_sections(s);

	if (!l)
		return GK_EINVAL;
	buf_init(&b, TEXT_MAX);
	buf_init(&title, TEXT_MAX);
	form_title(s, &title);
	buf_puts(&b, "# ");
	put_text(&b, buf_cstr(&title));
	buf_puts(&b, "\n\n");
	/* With section texts, the whole report: 一, the tables 二–四, 五, 六. */
	if (sections)
		put_section(&b, s, SECTION_OVERVIEW);
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
	for (int i = SECTION_PROBLEMS; sections && i < SECTION_COUNT; i++)
		put_section(&b, s, (enum report_section)i);
	/* put_appeals fails only for memory; so does a title cut by its ceiling. */
	if (!ok || title.failed)
		b.failed = true;
	err = form_write(&b, out, "the Markdown text", m);
	buf_release(&b);
	buf_release(&title);
	return err;
}
