#include "report/read_xlsx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "base/buf.h"
#include "report/grid.h"
#include "report/read_grid.h"

#include "base/banned.h"

#define XLSX_PART_MAX (16u << 20)
#define XLSX_TOTAL_MAX (64u << 20)
#define XLSX_MAX_SHEETS 32
#define XLSX_MAX_MERGES 4096
/* Longest part name and relationship id taken from the workbook. */
#define XLSX_NAME_MAX 256

/* The relationship namespaces of transitional and strict OOXML. */
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

struct xlsx {
	zip_t *zip;
	const char *name;
	struct gk_errmsg *m;
	size_t total; /* uncompressed bytes read so far */
	char **strings; /* the shared string table */
	size_t n_strings, cap_strings;
	char sheets[XLSX_MAX_SHEETS][XLSX_NAME_MAX]; /* r:id, then part name */
	size_t n_sheets;
};

/* --- parts ---------------------------------------------------------------------------- */

/*
 * Read one part into out (initialised here; the caller releases it).
 * GK_ENOTFOUND when the archive has no such part, GK_EFORMAT when it is over
 * the limits or unreadable.
 */
static enum gk_err read_part(struct xlsx *x, const char *part, struct buf *out)
{
	zip_stat_t st;
	zip_file_t *f;
	char chunk[16384];
	zip_int64_t n;

	buf_init(out, XLSX_PART_MAX);
	zip_stat_init(&st);
	if (zip_stat(x->zip, part, ZIP_FL_NOCASE, &st) != 0)
		return GK_ENOTFOUND;
	/* The zip-bomb guard: judge the declared size before inflating. */
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_PART_MAX ||
	    st.size > XLSX_TOTAL_MAX - x->total)
		return gk_errf(x->m, GK_EFORMAT,
			       "%s: part %s is larger than the %u MiB read (%u MiB in all)", x->name,
			       part, XLSX_PART_MAX >> 20, XLSX_TOTAL_MAX >> 20);
	f = zip_fopen(x->zip, part, ZIP_FL_NOCASE);
	if (!f)
		return gk_errf(x->m, GK_EFORMAT, "%s: cannot open part %s: %s", x->name, part,
			       zip_strerror(x->zip));
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0 && !out->failed) {
		/* libzip stops at the declared size; this keeps the guard if it did not. */
		if (out->len + (size_t)n > st.size)
			break;
		buf_append(out, chunk, (size_t)n);
	}
	if (n < 0 || out->failed || out->len != st.size) {
		gk_errf(x->m, GK_EFORMAT, "%s: part %s is damaged: %s", x->name, part,
			n < 0 ? zip_file_strerror(f) : "size differs from its directory entry");
		zip_fclose(f);
		return GK_EFORMAT;
	}
	zip_fclose(f);
	x->total += st.size;
	return GK_OK;
}

static xmlTextReaderPtr open_xml(const struct buf *b, const char *part)
{
	/* Never XML_PARSE_NOENT (entity expansion) or XML_PARSE_HUGE: untrusted input. */
	return xmlReaderForMemory(b->data ? b->data : "", (int)b->len, part, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static bool is_element(xmlTextReaderPtr r, const char *local)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);

	return n && strcmp((const char *)n, local) == 0;
}

static bool is_start(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && is_element(r, local);
}

static bool is_end(xmlTextReaderPtr r, const char *local)
{
	return (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT ||
		(xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
		 xmlTextReaderIsEmptyElement(r))) &&
	       is_element(r, local);
}

/* Copy attribute attr (of namespace ns, or none) into out; false when absent or too long. */
static bool get_attr(xmlTextReaderPtr r, const char *attr, const char *ns, char *out, size_t cap)
{
	xmlChar *v = ns ? xmlTextReaderGetAttributeNs(r, (const xmlChar *)attr, (const xmlChar *)ns)
			: xmlTextReaderGetAttribute(r, (const xmlChar *)attr);
	size_t n = v ? strlen((const char *)v) : 0;
	bool ok = v && n < cap;

	if (ok)
		memcpy(out, v, n + 1);
	xmlFree(v);
	return ok;
}

/* Append the text content of the current element to b. */
static void append_content(xmlTextReaderPtr r, struct buf *b)
{
	xmlChar *t = xmlTextReaderReadString(r);

	if (t)
		buf_puts(b, (const char *)t);
	xmlFree(t);
}

/*
 * Track whether the reader is inside <rPh> (phonetic guide text, not part
 * of the cell's value) and return true when the current node is a <t>
 * whose text is part of it.
 */
static bool is_value_text(xmlTextReaderPtr r, bool *in_phonetic)
{
	if (is_start(r, "rPh") && !xmlTextReaderIsEmptyElement(r))
		*in_phonetic = true;
	else if (is_end(r, "rPh"))
		*in_phonetic = false;
	return !*in_phonetic && is_start(r, "t");
}

/* --- workbook, relationships, shared strings ------------------------------------------ */

/* The sheets in workbook order, as relationship ids in x->sheets. */
static enum gk_err read_workbook(struct xlsx *x)
{
	struct buf b;
	xmlTextReaderPtr r;
	enum gk_err err = read_part(x, "xl/workbook.xml", &b);

	if (err == GK_ENOTFOUND)
		err = gk_errf(x->m, GK_EFORMAT, "%s: no xl/workbook.xml: not an XLSX workbook",
			      x->name);
	if (err || !(r = open_xml(&b, "xl/workbook.xml"))) {
		buf_release(&b);
		return err ? err : GK_ENOMEM;
	}
	while (xmlTextReaderRead(r) == 1 && x->n_sheets < XLSX_MAX_SHEETS) {
		char *id = x->sheets[x->n_sheets];

		if (is_start(r, "sheet") && (get_attr(r, "id", REL_NS, id, XLSX_NAME_MAX) ||
					     get_attr(r, "id", REL_NS_STRICT, id, XLSX_NAME_MAX)))
			x->n_sheets++;
	}
	xmlFreeTextReader(r);
	buf_release(&b);
	return GK_OK;
}

/* Replace each relationship id in x->sheets with the part it names ("" when unknown). */
static enum gk_err resolve_sheets(struct xlsx *x)
{
	char target[XLSX_MAX_SHEETS][XLSX_NAME_MAX] = {{0}};
	struct buf b;
	xmlTextReaderPtr r;
	enum gk_err err = read_part(x, "xl/_rels/workbook.xml.rels", &b);

	if (err && err != GK_ENOTFOUND) {
		buf_release(&b);
		return err;
	}
	r = err ? NULL : open_xml(&b, "xl/_rels/workbook.xml.rels");
	while (r && xmlTextReaderRead(r) == 1) {
		/* Room for the "xl/" put in front. */
		char id[XLSX_NAME_MAX], to[XLSX_NAME_MAX - 3];

		if (!is_start(r, "Relationship") || !get_attr(r, "Id", NULL, id, sizeof(id)) ||
		    !get_attr(r, "Target", NULL, to, sizeof(to)))
			continue;
		for (size_t i = 0; i < x->n_sheets; i++) {
			if (strcmp(x->sheets[i], id) != 0)
				continue;
			/* Targets are relative to xl/, or absolute from the root. */
			snprintf(target[i], XLSX_NAME_MAX, "%s%s", to[0] == '/' ? "" : "xl/",
				 to[0] == '/' ? to + 1 : to);
		}
	}
	xmlFreeTextReader(r);
	buf_release(&b);
	memcpy(x->sheets, target, sizeof(target));
	return GK_OK;
}

static enum gk_err push_string(struct xlsx *x, const struct buf *text)
{
	char *copy;

	if (x->n_strings == x->cap_strings) {
		size_t cap = x->cap_strings ? x->cap_strings * 2 : 256;
		char **grown = realloc(x->strings, cap * sizeof(*grown));

		if (!grown)
			return GK_ENOMEM;
		x->strings = grown;
		x->cap_strings = cap;
	}
	copy = strdup(buf_cstr(text));
	if (!copy)
		return GK_ENOMEM;
	x->strings[x->n_strings++] = copy;
	return GK_OK;
}

static enum gk_err read_shared_strings(struct xlsx *x)
{
	struct buf b, text;
	xmlTextReaderPtr r;
	bool in_phonetic = false;
	enum gk_err err = read_part(x, "xl/sharedStrings.xml", &b);

	if (err) {
		buf_release(&b);
		/* Our writer and constant-memory workbooks use inline strings only. */
		return err == GK_ENOTFOUND ? GK_OK : err;
	}
	r = open_xml(&b, "xl/sharedStrings.xml");
	buf_init(&text, XLSX_PART_MAX);
	while (r && !err && xmlTextReaderRead(r) == 1) {
		if (is_start(r, "si"))
			buf_reset(&text);
		if (is_value_text(r, &in_phonetic))
			append_content(r, &text);
		if (is_end(r, "si"))
			err = text.failed ? GK_ENOMEM : push_string(x, &text);
	}
	if (!r)
		err = GK_ENOMEM;
	xmlFreeTextReader(r);
	buf_release(&text);
	buf_release(&b);
	return err;
}

/* --- worksheets ----------------------------------------------------------------------- */

/* "BC12" → column 54, row 11 (0-based); false when ref is not a cell reference. */
static bool parse_ref(const char *ref, size_t *row, size_t *col)
{
	size_t c = 0, r = 0, letters = 0, digits = 0;

	for (; *ref >= 'A' && *ref <= 'Z' && letters < 3; ref++, letters++)
		c = c * 26 + (size_t)(*ref - 'A' + 1);
	for (; *ref >= '0' && *ref <= '9' && digits < 7; ref++, digits++)
		r = r * 10 + (size_t)(*ref - '0');
	if (!letters || !digits || *ref || r == 0)
		return false;
	*row = r - 1;
	*col = c - 1;
	return true;
}

/* One <c> element being read. */
struct xlsx_cell {
	size_t row, col;
	char type[16]; /* the t attribute: s, inlineStr, str, b, e, n (default) */
	struct buf value;
	char number[32]; /* a numeric value as shown */
};

/* The text a finished cell shows. */
static const char *cell_text(const struct xlsx *x, struct xlsx_cell *c)
{
	const char *v = buf_cstr(&c->value);

	if (strcmp(c->type, "s") == 0) {
		char *end;
		unsigned long i;

		errno = 0;
		i = strtoul(v, &end, 10);
		return !errno && end != v && !*end && i < x->n_strings ? x->strings[i] : "";
	}
	if (strcmp(c->type, "b") == 0)
		return strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
	if (!c->type[0] || strcmp(c->type, "n") == 0) {
		/*
		 * A number is stored as the shortest text of a double, so sums
		 * in a spreadsheet print as 7730.280000000001. Show it with 15
		 * significant digits, as Excel does.
		 */
		char *end;
		double d;

		errno = 0;
		d = strtod(v, &end);
		if (!errno && end != v && !*end) {
			snprintf(c->number, sizeof(c->number), "%.15G", d);
			return c->number;
		}
	}
	return v;
}

/* Apply the <mergeCell ref="A1:C3"> ranges after the cells are placed. */
static enum gk_err apply_merges(struct grid *g, char (*merges)[32], size_t n)
{
	enum gk_err err = GK_OK;

	for (size_t i = 0; i < n && !err; i++) {
		char *colon = strchr(merges[i], ':');
		size_t r0, c0, r1, c1;

		if (!colon)
			continue;
		*colon = '\0';
		if (parse_ref(merges[i], &r0, &c0) && parse_ref(colon + 1, &r1, &c1))
			err = grid_merge(g, r0, c0, r1, c1);
	}
	return err;
}

static enum gk_err read_worksheet(struct xlsx *x, const char *part, struct grid_reader *gr)
{
	char (*merges)[32];
	size_t n_merges = 0, row = 0, next_col = 0;
	struct xlsx_cell cell = {0};
	struct grid g;
	struct buf b;
	xmlTextReaderPtr r;
	bool in_cell = false, in_phonetic = false;
	enum gk_err err = read_part(x, part, &b);

	if (err == GK_ENOTFOUND)
		err = gk_errf(x->m, GK_EFORMAT, "%s: the workbook names part %s, which is missing",
			      x->name, part);
	if (err || !(r = open_xml(&b, part))) {
		buf_release(&b);
		return err ? err : GK_ENOMEM;
	}
	merges = malloc(XLSX_MAX_MERGES * sizeof(*merges));
	if (!merges) {
		xmlFreeTextReader(r);
		buf_release(&b);
		return GK_ENOMEM;
	}
	grid_init(&g);
	buf_init(&cell.value, XLSX_PART_MAX);
	while (!err && xmlTextReaderRead(r) == 1) {
		char ref[32];

		if (is_start(r, "row")) {
			row = get_attr(r, "r", NULL, ref, sizeof(ref)) ? strtoul(ref, NULL, 10) - 1
								       : row + 1;
			next_col = 0;
		} else if (is_start(r, "c")) {
			if (!get_attr(r, "r", NULL, ref, sizeof(ref)) ||
			    !parse_ref(ref, &cell.row, &cell.col)) {
				cell.row = row;
				cell.col = next_col;
			}
			next_col = cell.col + 1;
			if (!get_attr(r, "t", NULL, cell.type, sizeof(cell.type)))
				cell.type[0] = '\0';
			buf_reset(&cell.value);
			/* <c r="B3" s="1"/> is a formatted blank: nothing to place. */
			in_cell = !xmlTextReaderIsEmptyElement(r);
		} else if (in_cell && is_start(r, "v")) {
			append_content(r, &cell.value);
		} else if (in_cell && is_value_text(r, &in_phonetic)) {
			append_content(r, &cell.value);
		} else if (in_cell && is_end(r, "c")) {
			in_cell = false;
			err = grid_put(&g, cell.row, cell.col, 1, 1, str_from_cstr(cell_text(x, &cell)),
				       (uint32_t)(cell.row + 1));
		} else if (is_start(r, "mergeCell") && n_merges < XLSX_MAX_MERGES &&
			   get_attr(r, "ref", NULL, merges[n_merges], sizeof(merges[0]))) {
			n_merges++;
		}
	}
	if (!err)
		err = apply_merges(&g, merges, n_merges);
	if (!err)
		err = grid_reader_feed(gr, &g);
	xmlFreeTextReader(r);
	free(merges);
	buf_release(&cell.value);
	buf_release(&b);
	grid_release(&g);
	return err;
}

/* --- the workbook --------------------------------------------------------------------- */

static enum gk_err read_sheets(struct xlsx *x, struct sheet *s)
{
	struct grid_reader *gr;
	enum gk_err err = read_workbook(x);

	if (!err)
		err = resolve_sheets(x);
	if (!err)
		err = read_shared_strings(x);
	if (err)
		return err;
	gr = grid_reader_new(s);
	if (!gr)
		return GK_ENOMEM;
	for (size_t i = 0; i < x->n_sheets && !err; i++)
		if (x->sheets[i][0])
			err = read_worksheet(x, x->sheets[i], gr);
	if (!err)
		err = grid_reader_finish(gr, x->name, x->m);
	grid_reader_free(gr);
	return err;
}

enum gk_err report_read_xlsx(struct str bytes, const char *name, struct sheet *s,
			     struct gk_errmsg *m)
{
	struct xlsx x = {.name = name, .m = m};
	zip_error_t zerr;
	zip_source_t *src;
	enum gk_err err;

	zip_error_init(&zerr);
	src = zip_source_buffer_create(bytes.ptr, bytes.len, 0, &zerr);
	if (src)
		x.zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!x.zip) {
		err = gk_errf(m, GK_EFORMAT, "%s: not an XLSX workbook (ZIP: %s)", name,
			      zip_error_strerror(&zerr));
		zip_source_free(src);
		zip_error_fini(&zerr);
		return err;
	}
	zip_error_fini(&zerr);
	err = read_sheets(&x, s);
	if (err == GK_ENOMEM)
		err = gk_errf(m, err, "%s: out of memory", name);
	zip_discard(x.zip);
	for (size_t i = 0; i < x.n_strings; i++)
		free(x.strings[i]);
	free(x.strings);
	return err;
}
