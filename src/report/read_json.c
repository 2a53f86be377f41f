#include "report/read_json.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/banned.h"

/* Bytes of a refused value or key quoted in a message (cut on a character boundary). */
#define QUOTE_MAX 60
/* Room for a JSON path such as requests.rows.C6.2.public_interest (ids are
 * the layout's, checked before a path is made, so far shorter). */
#define PATH_MAX_LEN 160
/* Report years a snapshot may name (the writer prints what the sheet holds). */
#define YEAR_MIN 1
#define YEAR_MAX 9999

struct jreader {
	struct sheet *s;
	const struct layout *l;
	const char *name;
	struct gk_errmsg *m;
};

/* Bytes of s to quote: at most QUOTE_MAX, ending on a whole UTF-8 character. */
static int quote_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= QUOTE_MAX)
		return (int)n;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static enum gk_err no_memory(struct jreader *r)
{
	return gk_errf(r->m, GK_ENOMEM, "%s: out of memory", r->name);
}

/* "<name>: <path>: <value as JSON> is not <what>" (messages stay valid UTF-8). */
static enum gk_err refuse(struct jreader *r, const char *path, const json_t *value,
			  const char *what)
{
	char *text = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT);
	enum gk_err err;

	if (!text)
		return no_memory(r);
	err = gk_errf(r->m, GK_EFORMAT, "%s: %s: %.*s%s is not %s", r->name, path, quote_len(text),
		      text, strlen(text) > (size_t)quote_len(text) ? "…" : "", what);
	free(text);
	return err;
}

/* "<name>: <path>: unknown <what> "<key>"<why>". */
static enum gk_err refuse_key(struct jreader *r, const char *path, const char *what,
			      const char *key, const char *why)
{
	return gk_errf(r->m, GK_EFORMAT, "%s: %s: unknown %s \"%.*s\"%s", r->name, path, what,
		       quote_len(key), key, why);
}

/* Refuse v unless it has type t (what names it in the message). */
static enum gk_err expect(struct jreader *r, const json_t *v, json_type t, const char *path,
			  const char *what)
{
	return json_typeof(v) == t ? GK_OK : refuse(r, path, v, what);
}

/* --- cells ---------------------------------------------------------------------------- */

static const char *kind_words(enum value_kind kind)
{
	switch (kind) {
	case VALUE_SIGNED:
		return "a whole number";
	case VALUE_AMOUNT:
		return "an amount (a number ≥ 0 with at most 6 decimals)";
	default:
		return "a count";
	}
}

/*
 * The decimal the writer turned into the real v: it printed mant / 10^scale
 * (write_json.c), so the smallest scale whose division gives v back
 * exactly is the printed one, up to trailing zeros (sheet.h).
 */
static bool real_to_num(double v, struct sheet_num *out)
{
	double pow10 = 1;

	for (int scale = 0; scale <= SHEET_NUM_MAX_SCALE; scale++, pow10 *= 10) {
		double x = v * pow10;
		int64_t mant;

		if (!(x >= -(double)SHEET_NUM_MAX_MANT && x <= (double)SHEET_NUM_MAX_MANT))
			return false;
		mant = (int64_t)(x < 0 ? x - 0.5 : x + 0.5);
		if ((double)mant / pow10 == v) {
			*out = (struct sheet_num){mant, (uint8_t)scale};
			return true;
		}
	}
	return false;
}

/* One cell: null is blank, a number of the column's kind is stored, anything else refused. */
static enum gk_err read_cell(struct jreader *r, const json_t *v, enum report_table t, int row,
			     int col, const char *path)
{
	enum value_kind kind = layout_column(r->l, t, row, col)->kind;
	struct sheet_num num;
	bool ok;

	if (json_is_null(v))
		return GK_OK;
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		ok = i >= -SHEET_NUM_MAX_MANT && i <= SHEET_NUM_MAX_MANT;
		num = sheet_num_int(ok ? (int64_t)i : 0);
	} else {
		ok = json_is_real(v) && kind == VALUE_AMOUNT &&
		     real_to_num(json_real_value(v), &num);
	}
	if (!ok || (num.mant < 0 && kind != VALUE_SIGNED))
		return refuse(r, path, v, kind_words(kind));
	sheet_set_number(r->s, t, row, col, num, 0);
	return GK_OK;
}

/*
 * A row of n cells printed as an array (tables 三 and 四): each cell's path
 * is <path>.<column id>.
 */
static enum gk_err read_row_array(struct jreader *r, const json_t *a, enum report_table t, int row,
				  size_t n, const char *path)
{
	char cell_path[2 * PATH_MAX_LEN];
	enum gk_err err = expect(r, a, JSON_ARRAY, path, "an array of cells");

	if (!err && json_array_size(a) != n)
		err = gk_errf(r->m, GK_EFORMAT, "%s: %s: %zu cells where the table has %zu columns",
			      r->name, path, json_array_size(a), n);
	for (size_t c = 0; !err && c < n; c++) {
		snprintf(cell_path, sizeof(cell_path), "%s.%s", path,
			 layout_column(r->l, t, row, (int)c)->id);
		err = read_cell(r, json_array_get(a, c), t, row, (int)c, cell_path);
	}
	return err;
}

/* --- tables --------------------------------------------------------------------------- */

/* The object under "rows" of table key ("disclosure", "requests"); the table's only key. */
static enum gk_err rows_of(struct jreader *r, const json_t *table, const char *key,
			   const json_t **rows)
{
	char path[PATH_MAX_LEN];
	const char *k;
	json_t *v;
	enum gk_err err = expect(r, table, JSON_OBJECT, key, "an object {\"rows\": …}");

	json_object_foreach((json_t *)table, k, v) {
		if (!err && strcmp(k, "rows"))
			err = refuse_key(r, key, "key", k, "; a table holds \"rows\" only");
	}
	snprintf(path, sizeof(path), "%s.rows", key);
	*rows = json_object_get(table, "rows");
	if (!err && !*rows)
		err = gk_errf(r->m, GK_EFORMAT, "%s: %s: no \"rows\"", r->name, key);
	if (!err)
		err = expect(r, *rows, JSON_OBJECT, path, "an object of rows by id");
	return err;
}

/* Table 三: {"rows": {"A": [7 cells], …}} with the data row ids of the layout. */
static enum gk_err read_requests(struct jreader *r, const json_t *table)
{
	char path[PATH_MAX_LEN];
	const json_t *rows;
	const char *id;
	json_t *v;
	enum gk_err err = rows_of(r, table, "requests", &rows);

	json_object_foreach((json_t *)rows, id, v) {
		const struct layout_row *row = layout_request_row_by_id(r->l, str_from_cstr(id));

		if (err)
			break;
		if (!row || row->kind != LAYOUT_ROW_DATA)
			return refuse_key(r, "requests.rows", "row", id,
					  row ? "; a group heading holds no numbers"
					      : "; not a row of this layout");
		snprintf(path, sizeof(path), "requests.rows.%s", id);
		err = read_row_array(r, v, TABLE_REQUESTS, (int)row->row, REQ_COL_COUNT, path);
	}
	return err;
}

/* Table 二: {"rows": {"fees": {"fee_amount": 7730.28}, …}}, columns of the row's block. */
static enum gk_err read_disclosure(struct jreader *r, const json_t *table)
{
	char path[PATH_MAX_LEN], cell_path[2 * PATH_MAX_LEN];
	const json_t *rows;
	const char *id, *col;
	json_t *v, *cell;
	enum gk_err err = rows_of(r, table, "disclosure", &rows);

	json_object_foreach((json_t *)rows, id, v) {
		const struct layout_disc_row *d =
		    layout_disclosure_row_by_id(r->l, str_from_cstr(id));

		if (err)
			break;
		if (!d)
			return refuse_key(r, "disclosure.rows", "row", id,
					  "; not a row of this layout");
		snprintf(path, sizeof(path), "disclosure.rows.%s", id);
		err = expect(r, v, JSON_OBJECT, path, "an object of cells by column id");
		json_object_foreach(v, col, cell) {
			size_t c = 0;

			if (err)
				break;
			while (c < d->block->n_columns && strcmp(d->block->columns[c].id, col))
				c++;
			if (c == d->block->n_columns)
				return refuse_key(r, path, "column", col,
						  "; not a column of this row's block");
			snprintf(cell_path, sizeof(cell_path), "%s.%s", path, col);
			err = read_cell(r, cell, TABLE_DISCLOSURE, (int)d->row, (int)c, cell_path);
		}
	}
	return err;
}

/* Table 四: {"review": [5 cells], "lawsuit": […], "lawsuit_after_review": […]}. */
static enum gk_err read_appeals(struct jreader *r, const json_t *table)
{
	char path[PATH_MAX_LEN];
	const char *id;
	json_t *v;
	enum gk_err err = expect(r, table, JSON_OBJECT, "appeals", "an object of rows by id");

	json_object_foreach((json_t *)table, id, v) {
		enum appeal_row row = layout_appeal_row_by_id(str_from_cstr(id));

		if (err)
			break;
		if (row == APPEAL_ROW_COUNT)
			return refuse_key(r, "appeals", "row", id,
					  "; the rows are review, lawsuit, lawsuit_after_review");
		snprintf(path, sizeof(path), "appeals.%s", id);
		err = read_row_array(r, v, TABLE_APPEALS, (int)row, APPEAL_COL_COUNT, path);
	}
	return err;
}

/* --- the report object ---------------------------------------------------------------- */

static enum gk_err read_sections(struct jreader *r, const json_t *o)
{
	char path[PATH_MAX_LEN];
	const char *id;
	json_t *v;
	enum gk_err err = expect(r, o, JSON_OBJECT, "sections", "an object of texts by id");

	json_object_foreach((json_t *)o, id, v) {
		enum report_section which = sheet_section_by_id(str_from_cstr(id));

		if (err)
			break;
		if (which == SECTION_COUNT)
			return refuse_key(r, "sections", "section", id,
					  "; the sections are overview, problems, other");
		snprintf(path, sizeof(path), "sections.%s", id);
		if (json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v)) {
			struct str text = {json_string_value(v), json_string_length(v)};

			if (sheet_set_section(r->s, which, text))
				err = no_memory(r);
		} else if (!json_is_null(v)) {
			err = refuse(r, path, v, "a text (without NUL) or null");
		}
	}
	return err;
}

/* "agency" / "title": a string (without NUL, which C strings cannot hold) or null. */
static enum gk_err read_name(struct jreader *r, const json_t *o, const char *key,
			     enum gk_err (*set)(struct sheet *, struct str))
{
	const json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return GK_OK;
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return refuse(r, key, v, "a name or null");
	return set(r->s, str_from_cstr(json_string_value(v))) ? no_memory(r) : GK_OK;
}

/* "year" and "layout": the layout named, else the one of the year (legal-facts §1.10). */
static enum gk_err read_year_layout(struct jreader *r, const json_t *o)
{
	const json_t *year = json_object_get(o, "year"), *layout = json_object_get(o, "layout");

	if (year && !json_is_null(year)) {
		json_int_t y = json_is_integer(year) ? json_integer_value(year) : 0;

		if (y < YEAR_MIN || y > YEAR_MAX)
			return refuse(r, "year", year, "a report year or null");
		r->s->year = (int)y;
	}
	if (layout && !json_is_null(layout)) {
		r->l = json_is_string(layout)
			   ? layout_by_name(str_from_cstr(json_string_value(layout)))
			   : NULL;
		if (!r->l)
			return refuse(r, "layout", layout,
				      "a layout (\"2019\" or \"2021\") or null");
	} else {
		r->l = layout_for_year(r->s->year);
	}
	r->s->layout = r->l;
	return GK_OK;
}

/* Every key of the object is one report_json_object() writes. */
static enum gk_err check_keys(struct jreader *r, const json_t *o)
{
	static const char *const known[] = {"file",	"year",	      "layout",	  "agency",
					    "title",	"disclosure", "requests", "appeals",
					    "sections", "findings"};
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)o, k, v) {
		size_t i = 0;

		while (i < sizeof(known) / sizeof(known[0]) && strcmp(known[i], k))
			i++;
		if (i < sizeof(known) / sizeof(known[0]))
			continue;
		if (!strcmp(k, "files"))
			return gk_errf(r->m, GK_EFORMAT,
				       "%s: a `gongkai check --json` listing of several files, not "
				       "one report object; give each report object its own file",
				       r->name);
		if (!strcmp(k, "error") && json_is_string(v))
			return gk_errf(r->m, GK_EFORMAT,
				       "%s: records a file that held no report: %.*s", r->name,
				       quote_len(json_string_value(v)), json_string_value(v));
		return refuse_key(r, "(top level)", "key", k, "; not part of a report object");
	}
	return GK_OK;
}

static enum gk_err read_report(struct jreader *r, const json_t *o)
{
	static const char *const keys[TABLE_COUNT] = {"disclosure", "requests", "appeals"};
	enum gk_err err = check_keys(r, o);
	bool any = false;

	if (!err)
		err = read_year_layout(r, o);
	if (!err)
		err = read_name(r, o, "agency", sheet_set_agency);
	if (!err)
		err = read_name(r, o, "title", sheet_set_title);
	for (int t = 0; !err && t < TABLE_COUNT; t++) {
		const json_t *table = json_object_get(o, keys[t]);

		if (!table || json_is_null(table))
			continue;
		/* Tables 二 and 三 have rows by layout; 四 is the same in both. */
		if (!r->l && t != TABLE_APPEALS)
			return gk_errf(r->m, GK_EFORMAT,
				       "%s: %s: the object names neither a layout nor a year, so "
				       "the rows cannot be placed",
				       r->name, keys[t]);
		any = r->s->has_table[t] = true;
		if (t == TABLE_DISCLOSURE)
			err = read_disclosure(r, table);
		else if (t == TABLE_REQUESTS)
			err = read_requests(r, table);
		else
			err = read_appeals(r, table);
	}
	if (!err && json_object_get(o, "sections") && !json_is_null(json_object_get(o, "sections")))
		err = read_sections(r, json_object_get(o, "sections"));
	if (!err && !any)
		err = gk_errf(r->m, GK_EFORMAT,
			      "%s: the report object holds no table (disclosure, requests and "
			      "appeals are all null or absent)",
			      r->name);
	return err;
}

enum gk_err report_read_json(struct str json, const char *name, struct sheet *s,
			     struct gk_errmsg *m)
{
	struct jreader r = {.s = s, .name = name ? name : "(json)", .m = m};
	json_error_t jerr;
	json_t *root;
	enum gk_err err;

	if (json.len > REPORT_JSON_MAX)
		return gk_errf(m, GK_EFORMAT, "%s: %zu bytes is larger than the %u MiB read",
			       r.name, json.len, REPORT_JSON_MAX >> 20);
	/* Duplicate keys would make the cell read depend on which copy jansson keeps. */
	root = json_loadb(json.ptr, json.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		/* jansson quotes the bytes it stopped at, which need not be UTF-8. */
		for (char *p = jerr.text; *p; p++)
			if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20)
				*p = '?';
		return gk_errf(m, GK_EFORMAT, "%s: not JSON: %s (line %d, column %d)", r.name,
			       jerr.text, jerr.line, jerr.column);
	}
	err = json_is_object(root) ? read_report(&r, root)
				   : gk_errf(m, GK_EFORMAT,
					     "%s: the JSON is not one report object (an array of "
					     "reports is not read; give each its own file)",
					     r.name);
	json_decref(root);
	return err;
}
