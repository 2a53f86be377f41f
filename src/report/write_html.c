#include "report/write_html.h"

#include "base/buf.h"
#include "report/form.h"

#include "base/banned.h"

/* A report page is a few dozen KiB; the ceiling only stops runaway input. */
#define PAGE_MAX (16u << 20)

static void put_escaped_str(struct buf *b, struct str s)
{
	for (size_t i = 0; i < s.len; i++) {
		switch (s.ptr[i]) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			buf_putc(b, s.ptr[i]);
		}
	}
}

static void put_escaped(struct buf *b, const char *s)
{
	put_escaped_str(b, str_from_cstr(s));
}

/*
 * A text section: its heading, then each paragraph as a <p> (a soft break
 * inside stays a line break in the source, which HTML renders as a space).
 * report_read_html() reads tables only, so no paragraph can pass for a row.
 */
static void put_section(struct buf *b, const struct sheet *s, enum report_section which)
{
	struct str rest = str_from_cstr(s->sections[which]), para;

	buf_puts(b, "<h2>");
	put_escaped(b, sheet_section_heading(which));
	buf_puts(b, "</h2>\n");
	while (sheet_next_paragraph(&rest, &para)) {
		buf_puts(b, "<p>");
		put_escaped_str(b, para);
		buf_puts(b, "</p>\n");
	}
}

static void put_cell(struct buf *b, const struct form_cell *c)
{
	char num[SHEET_NUM_STRLEN];
	const char *tag = c->header ? "th" : "td";

	buf_printf(b, "<%s", tag);
	if (c->rows > 1)
		buf_printf(b, " rowspan=\"%u\"", c->rows);
	if (c->cols > 1)
		buf_printf(b, " colspan=\"%u\"", c->cols);
	if (c->value)
		buf_puts(b, " class=\"num\"");
	buf_putc(b, '>');
	put_escaped(b, c->label ? c->label : form_value_text(c->value, num));
	buf_printf(b, "</%s>\n", tag);
}

static enum gk_err put_table(struct buf *b, const struct sheet *s, const struct layout *l,
			     enum report_table t)
{
	struct form f;
	enum gk_err err = form_build(&f, s, l, t);
	unsigned row = 0;

	if (!err) {
		buf_puts(b, "<h2>");
		put_escaped(b, form_table_heading(t));
		buf_puts(b, "</h2>\n<table>\n<tr>\n");
		for (size_t i = 0; i < f.n; i++) {
			for (; row < f.cells[i].row; row++)
				buf_puts(b, "</tr>\n<tr>\n");
			put_cell(b, &f.cells[i]);
		}
		buf_puts(b, "</tr>\n</table>\n");
	}
	form_release(&f);
	return err;
}

enum gk_err report_html_body(const struct sheet *s, struct buf *b, struct gk_errmsg *m)
{
	const struct layout *l = form_layout(s, m);
	enum gk_err err = GK_OK;
	bool sections = sheet_has_sections(s);

	if (!l)
		return GK_EINVAL;
	/* With section texts, the whole report: 一, the tables 二–四, 五, 六. */
	if (sections)
		put_section(b, s, SECTION_OVERVIEW);
	for (int t = 0; t < TABLE_COUNT && !err; t++)
		err = put_table(b, s, l, (enum report_table)t);
	for (int i = SECTION_PROBLEMS; sections && i < SECTION_COUNT; i++)
		put_section(b, s, (enum report_section)i);
	/* put_table fails only for memory. */
	if (err || b->failed)
		return gk_errf(m, GK_ENOMEM, "out of memory writing the report");
	return GK_OK;
}

enum gk_err report_write_html(const struct sheet *s, FILE *out, struct gk_errmsg *m)
{
	struct buf b, title;
	enum gk_err err;

	if (!form_layout(s, m))
		return GK_EINVAL;
	buf_init(&b, PAGE_MAX);
	buf_init(&title, PAGE_MAX);
	form_title(s, &title);
	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		     "<title>");
	put_escaped(&b, buf_cstr(&title));
	buf_puts(&b, "</title>\n<style>\n"
		     "table { border-collapse: collapse; margin: 1em 0; }\n"
		     "th, td { border: 1px solid #000; padding: 2px 6px; }\n"
		     "td.num { text-align: right; }\n"
		     "</style>\n</head>\n<body>\n<h1>");
	put_escaped(&b, buf_cstr(&title));
	buf_puts(&b, "</h1>\n");
	err = report_html_body(s, &b, m);
	buf_puts(&b, "</body>\n</html>\n");
	/* A title cut by its ceiling is a failure too. */
	if (err || title.failed)
		b.failed = true;
	err = err ? err : form_write(&b, out, "the HTML page", m);
	buf_release(&b);
	buf_release(&title);
	return err;
}
