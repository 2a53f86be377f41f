#include "report/write_json.h"

#include <errno.h>
#include <string.h>

#include "base/banned.h"

/* 15 significant digits print any number a sheet holds exactly (sheet.h). */
#define JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

static json_t *cell_json(const struct sheet_cell *c)
{
	static const double pow10[SHEET_NUM_MAX_SCALE + 1] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

	if (c->state != CELL_NUMBER)
		return json_null();
	if (c->num.scale == 0)
		return json_integer(c->num.mant);
	return json_real((double)c->num.mant / pow10[c->num.scale]);
}

static json_t *num_or_null(bool has, struct sheet_num n)
{
	struct sheet_cell c = {has ? CELL_NUMBER : CELL_BLANK, n, 0};

	return cell_json(&c);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* An array of the cells of one row: table t, row, columns 0..n-1. */
static json_t *row_json(const struct sheet *s, enum report_table t, int row, int n)
{
	json_t *a = json_array();

	for (int col = 0; a && col < n; col++)
		if (json_array_append_new(a, cell_json(sheet_cell_const(s, t, row, col)))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *requests_json(const struct sheet *s, const struct layout *l)
{
	json_t *rows = json_object();

	for (size_t i = 0; rows && i < l->n_requests; i++) {
		const struct layout_row *r = &l->requests[i];

		if (r->kind == LAYOUT_ROW_DATA &&
		    json_object_set_new(rows, r->id,
					row_json(s, TABLE_REQUESTS, (int)r->row, REQ_COL_COUNT))) {
			json_decref(rows);
			return NULL;
		}
	}
	return json_pack("{s:o}", "rows", rows);
}

static json_t *appeals_json(const struct sheet *s)
{
	json_t *o = json_object();

	for (int r = 0; o && r < APPEAL_ROW_COUNT; r++)
		if (json_object_set_new(o, layout_appeal_row((enum appeal_row)r)->id,
					row_json(s, TABLE_APPEALS, r, APPEAL_COL_COUNT))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

static json_t *disclosure_json(const struct sheet *s, const struct layout *l)
{
	json_t *rows = json_object();

	for (size_t i = 0; rows && i < l->n_disclosure; i++) {
		const struct layout_disc_row *d = &l->disclosure[i];
		json_t *cols = json_object();

		for (size_t c = 0; cols && c < d->block->n_columns; c++)
			if (json_object_set_new(cols, d->block->columns[c].id,
						cell_json(&s->disclosure[d->row][c]))) {
				json_decref(cols);
				cols = NULL;
			}
		if (json_object_set_new(rows, d->id, cols)) {
			json_decref(rows);
			return NULL;
		}
	}
	return json_pack("{s:o}", "rows", rows);
}

json_t *report_json_finding(const struct finding *f)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "severity",
			 finding_severity_name(f->severity), "rule", f->rule, "table",
			 f->table < TABLE_COUNT ? json_string(layout_table_name(f->table))
						: json_null(),
			 "row", str_or_null(f->row_id), "column", str_or_null(f->column),
			 "expected", num_or_null(f->has_expected, f->expected), "actual",
			 num_or_null(f->has_actual, f->actual), "message", f->message);
}

static json_t *findings_json(const struct findings *f)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < f->n; i++)
		if (json_array_append_new(a, report_json_finding(&f->items[i]))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* A table as JSON when the reader found it and its layout is known, else null. */
static json_t *table_or_null(const struct sheet *s, enum report_table t, const struct layout *l)
{
	if (!s->has_table[t])
		return json_null();
	switch (t) {
	case TABLE_DISCLOSURE:
		return l ? disclosure_json(s, l) : json_null();
	case TABLE_REQUESTS:
		return l ? requests_json(s, l) : json_null();
	default:
		return appeals_json(s);
	}
}

/* {"overview": text or null, "problems": …, "other": …}. */
static json_t *sections_json(const struct sheet *s)
{
	json_t *o = json_object();

	for (int i = 0; o && i < SECTION_COUNT; i++)
		if (json_object_set_new(o, sheet_section_id((enum report_section)i),
					str_or_null(s->sections[i]))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

/* Set key to value (a new reference) unless an earlier set failed; *ok tracks it. */
static void set(json_t *o, const char *key, json_t *value, bool *ok)
{
	if (*ok && json_object_set_new(o, key, value))
		*ok = false;
	else if (!*ok)
		json_decref(value);
}

json_t *report_json_object(const struct sheet *s, const char *file,
			   const struct findings *findings)
{
	const struct layout *l = s->layout ? s->layout : layout_for_year(s->year);
	json_t *o = json_object();
	bool ok = o != NULL;

	set(o, "file", json_string(file), &ok);
	set(o, "year", s->year ? json_integer(s->year) : json_null(), &ok);
	set(o, "layout", l ? json_string(l->name) : json_null(), &ok);
	/* Only when known, so that a report without them prints as it always did. */
	if (s->agency)
		set(o, "agency", json_string(s->agency), &ok);
	if (s->title)
		set(o, "title", json_string(s->title), &ok);
	set(o, "disclosure", table_or_null(s, TABLE_DISCLOSURE, l), &ok);
	set(o, "requests", table_or_null(s, TABLE_REQUESTS, l), &ok);
	set(o, "appeals", table_or_null(s, TABLE_APPEALS, l), &ok);
	if (sheet_has_sections(s))
		set(o, "sections", sections_json(s), &ok);
	if (findings)
		set(o, "findings", findings_json(findings), &ok);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *report_json_unreadable(const char *file, const char *message)
{
	return json_pack("{s:s, s:s}", "file", file, "error", message);
}

enum gk_err report_json_dump(const json_t *root, FILE *out, struct gk_errmsg *m)
{
	if (json_dumpf(root, out, JSON_FLAGS) || fputc('\n', out) == EOF || fflush(out))
		return gk_errf(m, GK_EIO, "cannot write JSON: %s", strerror(errno));
	return GK_OK;
}
