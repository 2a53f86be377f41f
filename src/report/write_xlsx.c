#include "report/write_xlsx.h"

#include <xlsxwriter.h>

#include "base/buf.h"
#include "report/form.h"

#include "base/banned.h"

/* Sheet rows above each table: the report title and the table heading. */
#define TOP_ROWS 2
#define TITLE_MAX 4096
/* Width of the one column of a text section's sheet, in characters. */
#define TEXT_COLUMN_WIDTH 100

struct xlsx_writer {
	lxw_workbook *wb;
	lxw_format *label;			       /* wrapped, centred, bordered */
	lxw_format *number[SHEET_NUM_MAX_SCALE + 1]; /* per count of decimals */
	lxw_format *heading;
	lxw_format *paragraph; /* wrapped, top-aligned */
	const char *title;
	lxw_error err; /* the first error */
};

static lxw_format *new_format(struct xlsx_writer *w)
{
	lxw_format *f = workbook_add_format(w->wb);

	if (f) {
		format_set_border(f, LXW_BORDER_THIN);
		format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	}
	return f;
}

/* The number format showing `scale` decimals ("0", "0.00" …), made on first use. */
static lxw_format *number_format(struct xlsx_writer *w, unsigned scale)
{
	char code[2 + SHEET_NUM_MAX_SCALE + 1] = "0.";

	if (scale > SHEET_NUM_MAX_SCALE)
		scale = SHEET_NUM_MAX_SCALE;
	if (!w->number[scale] && (w->number[scale] = new_format(w))) {
		for (unsigned i = 0; i < scale; i++)
			code[2 + i] = '0';
		code[scale ? 2 + scale : 1] = '\0';
		format_set_num_format(w->number[scale], code);
	}
	return w->number[scale];
}

static void keep(struct xlsx_writer *w, lxw_error err)
{
	if (err && !w->err)
		w->err = err;
}

/* The double nearest the decimal: one division, so 773028/10^2 is 7730.28 exactly printed. */
static double num_value(struct sheet_num n)
{
	double scale = 1;

	for (unsigned i = 0; i < n.scale; i++)
		scale *= 10;
	return (double)n.mant / scale;
}

static void put_cell(struct xlsx_writer *w, lxw_worksheet *ws, const struct form_cell *c)
{
	lxw_row_t r = (lxw_row_t)(c->row + TOP_ROWS);
	lxw_col_t col = (lxw_col_t)c->col;
	bool number = c->value && c->value->state == CELL_NUMBER;
	lxw_format *f = number ? number_format(w, c->value->num.scale) : w->label;

	if (c->rows > 1 || c->cols > 1)
		keep(w, worksheet_merge_range(ws, r, col, (lxw_row_t)(r + c->rows - 1),
					      (lxw_col_t)(col + c->cols - 1),
					      c->label ? c->label : "", f));
	else if (c->label)
		keep(w, worksheet_write_string(ws, r, col, c->label, f));
	else if (!number)
		keep(w, worksheet_write_blank(ws, r, col, f));
	/* Over a merged range too: merge_range writes a string only. */
	if (number)
		keep(w, worksheet_write_number(ws, r, col, num_value(c->value->num), f));
}

static enum gk_err put_sheet(struct xlsx_writer *w, const struct sheet *s, const struct layout *l,
			     enum report_table t)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, form_table_heading(t));
	struct form f;
	enum gk_err err;

	if (!ws)
		return GK_EIO;
	err = form_build(&f, s, l, t);
	if (!err) {
		lxw_col_t last = (lxw_col_t)(f.n_cols - 1);

		keep(w, worksheet_merge_range(ws, 0, 0, 0, last, w->title, w->heading));
		keep(w, worksheet_merge_range(ws, 1, 0, 1, last, form_table_heading(t), w->heading));
		/* Labels need room; table 三's label area is its first 3 columns. */
		keep(w, worksheet_set_column(ws, 0, 0, t == TABLE_APPEALS ? 10 : 24, NULL));
		keep(w, worksheet_set_column(ws, 1, last, t == TABLE_REQUESTS ? 14 : 12, NULL));
		for (size_t i = 0; i < f.n; i++)
			put_cell(w, ws, &f.cells[i]);
	}
	form_release(&f);
	return err;
}

/*
 * A text section as a worksheet of its own, named by its heading and put
 * in the report's order (一 before the tables, 五 and 六 after): the title
 * and the heading on top as on the table sheets, then one paragraph per
 * row in one wide wrapped column, as a reader of the workbook reads them.
 * A row of one text cell has no value cell, so report_read_xlsx() finds no
 * table row there whatever numbers the text holds.
 */
static enum gk_err put_text_sheet(struct xlsx_writer *w, const struct sheet *s,
				  enum report_section which)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, sheet_section_heading(which));
	struct str rest = str_from_cstr(s->sections[which]), para;
	lxw_row_t row = TOP_ROWS;
	struct buf text;
	enum gk_err err;

	if (!ws)
		return GK_EIO;
	keep(w, worksheet_write_string(ws, 0, 0, w->title, w->heading));
	keep(w, worksheet_write_string(ws, 1, 0, sheet_section_heading(which), w->heading));
	keep(w, worksheet_set_column(ws, 0, 0, TEXT_COLUMN_WIDTH, NULL));
	/* No ceiling of its own: a paragraph is part of the sheet's text. */
	buf_init(&text, (size_t)-1);
	while (sheet_next_paragraph(&rest, &para)) {
		buf_reset(&text);
		buf_append(&text, para.ptr, para.len);
		keep(w, worksheet_write_string(ws, row++, 0, buf_cstr(&text), w->paragraph));
	}
	err = text.failed ? GK_ENOMEM : GK_OK;
	buf_release(&text);
	return err;
}

enum gk_err report_write_xlsx(const struct sheet *s, const char *path, struct gk_errmsg *m)
{
	const struct layout *l = form_layout(s, m);
	struct xlsx_writer w = {0};
	struct buf title;
	enum gk_err err = GK_OK;
	lxw_error closed;
	bool sections = sheet_has_sections(s);

	if (!l)
		return GK_EINVAL;
	buf_init(&title, TITLE_MAX);
	form_title(s, &title);
	w.title = buf_cstr(&title);
	w.wb = workbook_new(path);
	if (!w.wb) {
		buf_release(&title);
		return gk_errf(m, GK_EIO, "%s: cannot create the workbook", path);
	}
	w.label = new_format(&w);
	w.heading = workbook_add_format(w.wb);
	w.paragraph = workbook_add_format(w.wb);
	if (!w.label || !w.heading || !w.paragraph)
		err = GK_ENOMEM;
	else {
		format_set_text_wrap(w.label);
		format_set_align(w.label, LXW_ALIGN_CENTER);
		format_set_bold(w.heading);
		format_set_text_wrap(w.paragraph);
		format_set_align(w.paragraph, LXW_ALIGN_VERTICAL_TOP);
	}
	/* With section texts, the whole report: 一, the tables 二–四, 五, 六. */
	if (sections && !err)
		err = put_text_sheet(&w, s, SECTION_OVERVIEW);
	for (int t = 0; t < TABLE_COUNT && !err; t++)
		err = put_sheet(&w, s, l, (enum report_table)t);
	for (int i = SECTION_PROBLEMS; sections && i < SECTION_COUNT && !err; i++)
		err = put_text_sheet(&w, s, (enum report_section)i);
	/* workbook_close() frees the workbook and is where the file is written. */
	closed = workbook_close(w.wb);
	buf_release(&title);
	if (err == GK_ENOMEM)
		return gk_errf(m, err, "%s: out of memory", path);
	if (err)
		return gk_errf(m, err, "%s: libxlsxwriter could not add a worksheet", path);
	if (w.err || closed)
		return gk_errf(m, GK_EIO, "%s: writing the workbook failed: %s", path,
			       lxw_strerror(w.err ? w.err : closed));
	return GK_OK;
}
