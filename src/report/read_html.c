#include "report/read_html.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "report/grid.h"
#include "report/read_grid.h"

#include "base/banned.h"

/* Largest page read (libxml2 takes an int length; reports are < 1 MiB). */
#define READ_HTML_MAX_BYTES (64 << 20)
/*
 * Where the charset declaration is looked for. The HTML standard's
 * prescan reads 1024 bytes; government pages often put scripts and styles
 * before their <meta>, so look further.
 */
#define SNIFF_BYTES 4096
/* Deeper elements are not visited (libxml2 itself stops near 256 in HTML). */
#define MAX_DEPTH 256

struct html_reader {
	struct sheet *s;
	struct grid_reader *gr;
	struct buf text; /* scratch: the text of one element */
	enum gk_err err;
};

/* --- encoding ------------------------------------------------------------------------- */

static bool ascii_ieq(const char *a, size_t n, const char *b)
{
	if (strlen(b) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = a[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != b[i])
			return false;
	}
	return true;
}

/* The GB family of names pages give their Chinese encoding (WHATWG labels of gbk/gb18030). */
static bool is_gb_name(const char *name, size_t n)
{
	static const char *const names[] = {"gb2312",	"gbk",	  "gb18030",  "x-gbk",
					    "cp936",	"ms936",  "windows-936", "csgb2312",
					    "gb_2312-80", "euc-cn", "chinese", "iso-ir-58"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (ascii_ieq(name, n, names[i]))
			return true;
	return false;
}

static bool is_utf8(struct str bytes)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)bytes.ptr;
	utf8proc_ssize_t left = (utf8proc_ssize_t)bytes.len;

	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);

		if (n <= 0)
			return false;
		p += n;
		left -= n;
	}
	return true;
}

/*
 * The encoding to hand libxml2, or NULL to let it follow the page. A page
 * that declares gb2312 often holds GBK-only characters (镕 in 朱镕基), and
 * libxml2 then stops with "input conversion failed" (c-ecosystem §3.8), so
 * the whole GB family is read as GB18030, their common superset. The first
 * `charset=` in the head decides (<meta charset> and http-equiv alike). A
 * page that declares nothing and is not UTF-8 is, on Chinese government
 * sites, GBK.
 */
static const char *sniff_encoding(struct str html)
{
	size_t n = html.len < SNIFF_BYTES ? html.len : SNIFF_BYTES;
	const char *p = html.ptr;

	for (size_t i = 0; i + 7 <= n; i++) {
		size_t j = i + 7, start;

		if (!ascii_ieq(p + i, 7, "charset"))
			continue;
		while (j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\n' || p[j] == '\r'))
			j++;
		if (j >= n || p[j] != '=')
			continue;
		j++;
		while (j < n && (p[j] == ' ' || p[j] == '"' || p[j] == '\''))
			j++;
		start = j;
		while (j < n && p[j] != '"' && p[j] != '\'' && p[j] != ';' && p[j] != ' ' &&
		       p[j] != '>' && p[j] != '/')
			j++;
		return is_gb_name(p + start, j - start) ? "GB18030" : NULL;
	}
	return is_utf8(html) ? NULL : "GB18030";
}

/* --- text ----------------------------------------------------------------------------- */

static bool is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

/* Elements whose end is a line break in the rendered text. */
static bool breaks_line(const xmlNode *n)
{
	static const char *const names[] = {"br", "p", "div", "li", "tr", "h1", "h2", "h3"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (is_named(n, names[i]))
			return true;
	return false;
}

/* Append the text under n to b; nested tables, scripts and styles are not text. */
static void append_text(struct buf *b, const xmlNode *n, int depth)
{
	for (; n && depth < MAX_DEPTH; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				buf_puts(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && !is_named(n, "table") &&
			   !is_named(n, "script") && !is_named(n, "style")) {
			append_text(b, n->children, depth + 1);
			if (breaks_line(n))
				buf_putc(b, ' ');
		}
	}
}

/* The text of element n, in the reader's scratch buffer. */
static struct str text_of(struct html_reader *r, const xmlNode *n)
{
	buf_reset(&r->text);
	append_text(&r->text, n->children, 0);
	if (r->text.failed) {
		/* Longer than the ceiling: a cell or title is never that long. */
		buf_reset(&r->text);
	}
	return buf_str(&r->text);
}

static uint32_t line_of(const xmlNode *n)
{
	long line = xmlGetLineNo(n);

	return line > 0 && line <= (long)UINT32_MAX ? (uint32_t)line : 0;
}

/* --- tables --------------------------------------------------------------------------- */

/* A rowspan/colspan attribute: 1 when absent or not a positive number, at most max. */
static size_t span(const xmlNode *n, const char *attr, size_t max)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	long value = 1;

	if (v) {
		char *end;

		errno = 0;
		value = strtol((const char *)v, &end, 10);
		if (errno || end == (char *)v || value < 1)
			value = 1;
		xmlFree(v);
	}
	return (size_t)value > max ? max : (size_t)value;
}

static void read_tr(struct html_reader *r, struct grid *g, size_t row, const xmlNode *tr)
{
	size_t col = 0;

	for (const xmlNode *c = tr->children; c && !r->err; c = c->next) {
		size_t rows, cols;

		if (!is_named(c, "td") && !is_named(c, "th"))
			continue;
		col = grid_next_free(g, row, col);
		if (col >= GRID_MAX_COLS)
			return;
		rows = span(c, "rowspan", GRID_MAX_ROWS);
		cols = span(c, "colspan", GRID_MAX_COLS);
		r->err = grid_put(g, row, col, rows, cols, text_of(r, c), line_of(c));
		col += cols;
	}
}

/* The rows of a table: <tr> children, also inside <thead>/<tbody>/<tfoot> or stray wrappers. */
static void read_rows(struct html_reader *r, struct grid *g, size_t *row, const xmlNode *n,
		      int depth)
{
	for (; n && !r->err && depth < MAX_DEPTH && *row < GRID_MAX_ROWS; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || is_named(n, "table") || is_named(n, "td") ||
		    is_named(n, "th"))
			continue;
		if (is_named(n, "tr"))
			read_tr(r, g, (*row)++, n);
		else
			read_rows(r, g, row, n->children, depth + 1);
	}
}

static void read_table(struct html_reader *r, const xmlNode *table)
{
	struct grid g;
	size_t row = 0;

	grid_init(&g);
	read_rows(r, &g, &row, table->children, 0);
	if (!r->err)
		r->err = grid_reader_feed(r->gr, &g);
	grid_release(&g);
}

/* --- the document --------------------------------------------------------------------- */

static bool is_heading(const xmlNode *n)
{
	static const char *const names[] = {"title", "h1", "h2", "h3", "h4", "h5", "h6"};
	xmlChar *cls;
	bool titled;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (is_named(n, names[i]))
			return true;
	/* Many CMSs print the title as <div class="title"> or "article-title". */
	cls = n->type == XML_ELEMENT_NODE ? xmlGetProp(n, (const xmlChar *)"class") : NULL;
	titled = cls && strstr((const char *)cls, "title");
	xmlFree(cls);
	return titled;
}

/* Visit the elements in document order: headings give the title, tables the cells. */
static void walk(struct html_reader *r, const xmlNode *n, int depth)
{
	for (; n && !r->err && depth < MAX_DEPTH; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_named(n, "table"))
			read_table(r, n);
		else if (!r->s->title && is_heading(n))
			r->err = report_take_title(r->s, text_of(r, n));
		if (!r->err)
			walk(r, n->children, depth + 1);
	}
}

enum gk_err report_read_html(struct str html, const char *name, struct sheet *s,
			     struct gk_errmsg *m)
{
	struct html_reader r = {.s = s};
	htmlDocPtr doc;
	enum gk_err err;

	if (html.len > READ_HTML_MAX_BYTES)
		return gk_errf(m, GK_EFORMAT, "%s: %zu bytes is larger than the %d MiB read", name,
			       html.len, READ_HTML_MAX_BYTES >> 20);
	/* Never XML_PARSE_NOENT or XML_PARSE_HUGE: untrusted pages (c-ecosystem §3.8). */
	doc = htmlReadMemory(html.ptr, (int)html.len, name, sniff_encoding(html),
			     HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
				     HTML_PARSE_NOWARNING);
	if (!doc)
		return gk_errf(m, GK_EFORMAT, "%s: not an HTML page libxml2 could parse", name);
	r.gr = grid_reader_new(s);
	if (!r.gr) {
		xmlFreeDoc(doc);
		return gk_errf(m, GK_ENOMEM, "%s: out of memory", name);
	}
	/* A heading or cell text longer than this is no title and no number. */
	buf_init(&r.text, 1u << 20);
	walk(&r, xmlDocGetRootElement(doc), 0);
	err = r.err ? gk_errf(m, r.err, "%s: out of memory", name)
		    : grid_reader_finish(r.gr, name, m);
	buf_release(&r.text);
	grid_reader_free(r.gr);
	xmlFreeDoc(doc);
	return err;
}
