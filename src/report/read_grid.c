#include "report/read_grid.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "report/form.h"
#include "report/labels.h"

#include "base/banned.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
/* Room for one key: compatibility mappings may lengthen a text (㈱ → (株)). */
#define KEY_MAX (2 * GRID_MAX_TEXT)
/*
 * Longest key taken for a row label: the longest label (C6.2) folds to
 * about 100 bytes. The row matchers of labels.h look for distinctive
 * words, so a paragraph of prose in a layout table must not pass for one.
 */
#define ROW_LABEL_KEY_MAX 180
#define LAYOUT_BIT(id) (1u << (id))
#define BOTH_LAYOUTS (LAYOUT_BIT(LAYOUT_2019) | LAYOUT_BIT(LAYOUT_2021))
/* Longest title and agency name taken, in bytes (100 and 40 characters). */
#define TITLE_MAX 300
#define AGENCY_MAX 120

/* What a printed label is, once folded. */
enum key_kind {
	KEY_REQ_COL,	  /* 自然人 … 总计; id is enum req_col */
	KEY_APPEAL_GROUP, /* 行政复议 / 未经复议直接起诉 / 复议后起诉; id is enum appeal_row */
	KEY_APPEAL_SUIT,  /* 行政诉讼, over the two lawsuit groups */
	KEY_APPEAL_COL,	  /* 结果维持 … 总计; id is enum appeal_col */
	KEY_DISC_HEAD,	  /* 信息内容, first cell of a table 二 header row */
	KEY_DISC_COL,	  /* a column header of table 二; id is its position in the block */
	KEY_KIND_COUNT
};

struct key_entry {
	enum key_kind kind;
	int id;
	unsigned layouts; /* LAYOUT_BIT()s of the layouts that print this label */
	const struct layout_column *column; /* KEY_DISC_COL: the column it heads */
	size_t off, len; /* the folded key in grid_reader.entry_keys */
};

/* The per-layout evidence that decides s->layout. */
struct evidence {
	unsigned count;
	uint32_t line; /* where it was first seen */
};

struct grid_reader {
	struct sheet *s;
	struct key_entry *entries;
	size_t n_entries, cap_entries;
	struct buf entry_keys;
	struct evidence evidence[LAYOUT_COUNT];
	bool req_seen[REQ_ROW_COUNT];
	bool disc_seen[DISC_ROW_COUNT];
	bool appeal_seen[APPEAL_ROW_COUNT];
	bool failed; /* memory ran out */
};

/* What one printed cell is, worked out once per grid. */
struct origin_info {
	const struct key_entry *entry[KEY_KIND_COUNT]; /* the label it prints, by kind */
	enum req_row req_row;			       /* REQ_ROW_COUNT when none */
	enum disc_row disc_row;			       /* DISC_ROW_COUNT when none */
	bool label;				       /* any of the above */
};

/* Per-grid state: what each origin is, and what heads each column. */
struct scan {
	struct grid_reader *r;
	const struct grid *g;
	struct origin_info *info;	  /* [n_origins] */
	enum report_table table;	  /* the table whose header was seen last */
	bool prev_header;		  /* the previous row was a header row */
	int req_col[GRID_MAX_COLS];	  /* enum req_col, or -1 */
	int app_group[GRID_MAX_COLS];	  /* enum appeal_row, or -1 */
	int app_col[GRID_MAX_COLS];	  /* enum appeal_col, or -1 */
	const struct key_entry *disc_col[GRID_MAX_COLS];
};

/* --- the label index ------------------------------------------------------------------ */

static struct str entry_key(const struct grid_reader *r, const struct key_entry *e)
{
	return (struct str){r->entry_keys.data + e->off, e->len};
}

/* Add label under kind/id, or widen the layouts of an equal entry. */
static void add_entry(struct grid_reader *r, enum key_kind kind, int id, unsigned layouts,
		      const struct layout_column *column, const char *label)
{
	size_t off = r->entry_keys.len;
	char folded[KEY_MAX];
	struct str key;

	buf_append(&r->entry_keys, folded, label_fold(str_from_cstr(label), folded, KEY_MAX));
	if (r->entry_keys.failed) {
		r->failed = true;
		return;
	}
	key = (struct str){r->entry_keys.data + off, r->entry_keys.len - off};
	for (size_t i = 0; i < r->n_entries; i++) {
		struct key_entry *e = &r->entries[i];

		if (e->kind == kind && e->id == id && str_eq(entry_key(r, e), key)) {
			e->layouts |= layouts;
			r->entry_keys.len = off;
			return;
		}
	}
	if (r->n_entries == r->cap_entries) {
		size_t cap = r->cap_entries ? r->cap_entries * 2 : 64;
		struct key_entry *grown = realloc(r->entries, cap * sizeof(*grown));

		if (!grown) {
			r->failed = true;
			return;
		}
		r->entries = grown;
		r->cap_entries = cap;
	}
	r->entries[r->n_entries++] = (struct key_entry){kind, id, layouts, column, off, key.len};
}

static void build_index(struct grid_reader *r)
{
	/* Row labels are matched by labels.h, as the text reader does. */
	for (int l = 0; l < LAYOUT_COUNT; l++) {
		const struct layout *lay = layout_get((enum layout_id)l);

		for (size_t b = 0; b < lay->n_blocks; b++)
			for (size_t c = 0; c < lay->blocks[b].n_columns; c++)
				add_entry(r, KEY_DISC_COL, (int)c, LAYOUT_BIT(l),
					  &lay->blocks[b].columns[c], lay->blocks[b].columns[c].label);
	}
	for (int c = 0; c < REQ_COL_COUNT; c++)
		add_entry(r, KEY_REQ_COL, c, BOTH_LAYOUTS, NULL,
			  layout_request_column((enum req_col)c)->label);
	for (int a = 0; a < APPEAL_ROW_COUNT; a++)
		add_entry(r, KEY_APPEAL_GROUP, a, BOTH_LAYOUTS, NULL,
			  layout_appeal_row((enum appeal_row)a)->label);
	for (int c = 0; c < APPEAL_COL_COUNT; c++)
		add_entry(r, KEY_APPEAL_COL, c, BOTH_LAYOUTS, NULL,
			  layout_appeal_column((enum appeal_col)c)->label);
	add_entry(r, KEY_APPEAL_SUIT, 0, BOTH_LAYOUTS, NULL, "行政诉讼");
	add_entry(r, KEY_DISC_HEAD, 0, BOTH_LAYOUTS, NULL, "信息内容");
}

struct grid_reader *grid_reader_new(struct sheet *s)
{
	struct grid_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->s = s;
	buf_init(&r->entry_keys, 1u << 16);
	build_index(r);
	if (r->failed) {
		grid_reader_free(r);
		return NULL;
	}
	return r;
}

void grid_reader_free(struct grid_reader *r)
{
	if (!r)
		return;
	free(r->entries);
	buf_release(&r->entry_keys);
	free(r);
}

/* --- per-origin facts ------------------------------------------------------------------ */

/* Fold the text of origin i and look it up in the label index. */
static void classify(struct scan *sc, size_t i)
{
	struct origin_info *info = &sc->info[i];
	char folded[KEY_MAX];
	struct str key = {folded, label_fold(str_from_cstr(sc->g->origins[i].text), folded, KEY_MAX)};

	*info = (struct origin_info){.req_row = REQ_ROW_COUNT, .disc_row = DISC_ROW_COUNT};
	if (!key.len)
		return;
	for (size_t k = 0; k < sc->r->n_entries; k++) {
		const struct key_entry *e = &sc->r->entries[k];

		if (!info->entry[e->kind] && str_eq(entry_key(sc->r, e), key)) {
			info->entry[e->kind] = e;
			info->label = true;
		}
	}
	/* The row matchers look for distinctive words: prose must not pass. */
	if (key.len <= ROW_LABEL_KEY_MAX) {
		info->req_row = label_match_request(key);
		info->disc_row = label_match_disclosure(key);
		info->label |= info->req_row != REQ_ROW_COUNT || info->disc_row != DISC_ROW_COUNT;
	}
}

/* The entry of this kind whose label origin o prints; NULL when none. */
static const struct key_entry *match(const struct scan *sc, uint32_t o, enum key_kind kind)
{
	return sc->info[o - 1].entry[kind];
}

/* The table 三 row whose label origin o prints, or REQ_ROW_COUNT. */
static enum req_row request_row(const struct scan *sc, uint32_t o)
{
	return sc->info[o - 1].req_row;
}

/* The table 二 row whose label origin o prints, or DISC_ROW_COUNT. */
static enum disc_row disclosure_row(const struct scan *sc, uint32_t o)
{
	return sc->info[o - 1].disc_row;
}

static bool is_label(const struct scan *sc, uint32_t o)
{
	return sc->info[o - 1].label;
}

static const struct grid_origin *origin(const struct scan *sc, uint32_t o)
{
	return &sc->g->origins[o - 1];
}

/* --- storing cells --------------------------------------------------------------------- */

static void add_evidence(struct grid_reader *r, unsigned layouts, uint32_t line)
{
	for (int l = 0; l < LAYOUT_COUNT; l++)
		if (layouts == LAYOUT_BIT(l)) {
			if (!r->evidence[l].count++)
				r->evidence[l].line = line;
		}
}

/*
 * Store the printed cell o at (t, row, col): blank (nothing, white space,
 * or a dash or slash, labels.h) stays blank with its line, a number of the column's kind is stored, anything else is
 * unreadable. Returns true when a number was stored.
 */
static bool store(struct scan *sc, enum report_table t, int row, int col, enum value_kind kind,
		  uint32_t o)
{
	struct sheet *s = sc->r->s;
	const struct grid_origin *cell = origin(sc, o);
	struct str text = str_from_cstr(cell->text);
	struct sheet_num num;
	struct sheet_cell *c = sheet_cell(s, t, row, col);

	if (!c)
		return false;
	if (!text.len || label_is_blank_marker(text)) {
		*c = (struct sheet_cell){CELL_BLANK, {0, 0}, cell->line};
		return false;
	}
	if (sheet_parse_number(text, kind, &num))
		return sheet_set_number(s, t, row, col, num, cell->line);
	sheet_set_unreadable(s, t, row, col, text, cell->line);
	return false;
}

/* The line of the first printed cell of grid row `row`. */
static uint32_t row_line(const struct scan *sc, size_t row)
{
	for (size_t c = 0; c < sc->g->n_cols; c++) {
		uint32_t o = grid_origin_at(sc->g, row, c);

		if (o && origin(sc, o)->line)
			return origin(sc, o)->line;
	}
	return 0;
}

/*
 * Table 三: the values of the row labelled `id` (printed up to column
 * label_col). （六）其他处理 is a data row in 2019 only, so numbers there
 * are 2019 evidence. Returns false when the row has no value cell (prose
 * that happens to name a row, or a group header printed alone).
 */
static bool read_request_row(struct scan *sc, size_t row, size_t label_col, enum req_row id)
{
	struct grid_reader *r = sc->r;
	bool mapped = false, any_value = false, any_number = false;
	uint32_t prev = 0, line = row_line(sc, row);
	int next = 0;

	for (size_t c = 0; c < GRID_MAX_COLS; c++)
		mapped |= sc->req_col[c] >= 0;
	for (size_t c = label_col + 1; c < sc->g->n_cols; c++) {
		uint32_t o = grid_origin_at(sc->g, row, c);
		int col = mapped ? sc->req_col[c] : next;

		if (!o || o == prev || is_label(sc, o))
			continue;
		prev = o;
		if (!mapped)
			next++;
		if (col < 0 || col >= REQ_COL_COUNT)
			continue;
		any_value = true;
		any_number |= store(sc, TABLE_REQUESTS, id, col, VALUE_COUNT, o);
	}
	if (!any_value)
		return false;
	r->s->has_table[TABLE_REQUESTS] = true;
	r->req_seen[id] = true;
	if (id == REQ_C6 && any_number)
		add_evidence(r, LAYOUT_BIT(LAYOUT_2019), line);
	else if (id == REQ_C6_1 || id == REQ_C6_2 || id == REQ_C6_3)
		add_evidence(r, LAYOUT_BIT(LAYOUT_2021), line);
	return true;
}

/* The layouts in which table 二 row `row` exists. */
static unsigned disc_row_layouts(enum disc_row row)
{
	unsigned bits = 0;

	for (int l = 0; l < LAYOUT_COUNT; l++)
		if (layout_disclosure_row(layout_get((enum layout_id)l), row))
			bits |= LAYOUT_BIT(l);
	return bits;
}

/*
 * Table 二: the row labelled `id`, its values under the columns of the
 * last header row. Returns false when no value sits under a header.
 */
static bool read_disclosure_row(struct scan *sc, size_t row, enum disc_row id)
{
	struct grid_reader *r = sc->r;
	uint32_t prev = 0;
	bool any_value = false;

	for (size_t c = 0; c < sc->g->n_cols; c++) {
		uint32_t o = grid_origin_at(sc->g, row, c);
		const struct key_entry *head = sc->disc_col[c];

		if (!o || o == prev || is_label(sc, o))
			continue;
		prev = o;
		if (!head)
			continue;
		any_value = true;
		store(sc, TABLE_DISCLOSURE, id, head->id, head->column->kind, o);
	}
	if (!any_value)
		return false;
	r->s->has_table[TABLE_DISCLOSURE] = true;
	r->disc_seen[id] = true;
	add_evidence(r, disc_row_layouts(id), row_line(sc, row));
	return true;
}

/*
 * Table 四: the values of one row. group is the row's own label (flat
 * layout) or -1 for the official single row, whose groups come from the
 * header. Returns false when the row has no value cell under a header.
 */
static bool read_appeal_row(struct scan *sc, size_t row, int group)
{
	bool any = false;
	uint32_t prev = 0;

	for (size_t c = 0; c < sc->g->n_cols; c++) {
		uint32_t o = grid_origin_at(sc->g, row, c);
		int g = group >= 0 ? group : sc->app_group[c];

		if (!o || o == prev || is_label(sc, o) || g < 0 || sc->app_col[c] < 0)
			continue;
		prev = o;
		any = true;
		store(sc, TABLE_APPEALS, g, sc->app_col[c], VALUE_COUNT, o);
		sc->r->appeal_seen[g] = true;
	}
	if (any)
		sc->r->s->has_table[TABLE_APPEALS] = true;
	return any;
}

/* --- header rows ----------------------------------------------------------------------- */

/* Forget the column headers of table t (a new header starts). */
static void reset_header(struct scan *sc, enum report_table t)
{
	for (size_t c = 0; c < GRID_MAX_COLS; c++) {
		if (t == TABLE_REQUESTS)
			sc->req_col[c] = -1;
		if (t == TABLE_APPEALS)
			sc->app_group[c] = sc->app_col[c] = -1;
		if (t == TABLE_DISCLOSURE)
			sc->disc_col[c] = NULL;
	}
}

/*
 * Which table a row of column headers belongs to, from its unambiguous
 * labels (总计 heads columns of both 三 and 四). TABLE_COUNT when the row
 * is no header row.
 */
static enum report_table header_table(const struct scan *sc, size_t row)
{
	bool only_total = false;

	for (size_t c = 0; c < sc->g->n_cols; c++) {
		uint32_t o = grid_origin_at(sc->g, row, c);
		const struct key_entry *e;

		if (!o)
			continue;
		if (match(sc, o, KEY_DISC_HEAD) || match(sc, o, KEY_DISC_COL))
			return TABLE_DISCLOSURE;
		e = match(sc, o, KEY_REQ_COL);
		if (e && e->id != REQ_TOTAL)
			return TABLE_REQUESTS;
		e = match(sc, o, KEY_APPEAL_COL);
		if ((e && e->id != APPEAL_TOTAL) || match(sc, o, KEY_APPEAL_GROUP) ||
		    match(sc, o, KEY_APPEAL_SUIT))
			return TABLE_APPEALS;
		only_total |= e != NULL;
	}
	if (only_total && (sc->table == TABLE_REQUESTS || sc->table == TABLE_APPEALS))
		return sc->table;
	return TABLE_COUNT;
}

static void read_header_row(struct scan *sc, size_t row, enum report_table t)
{
	unsigned layouts = 0;

	if (t != sc->table || !sc->prev_header)
		reset_header(sc, t);
	for (size_t c = 0; c < sc->g->n_cols; c++) {
		uint32_t o = grid_origin_at(sc->g, row, c);
		const struct key_entry *e;

		if (!o)
			continue;
		if (t == TABLE_REQUESTS && (e = match(sc, o, KEY_REQ_COL)))
			sc->req_col[c] = e->id;
		if (t == TABLE_APPEALS && (e = match(sc, o, KEY_APPEAL_COL)))
			sc->app_col[c] = e->id;
		if (t == TABLE_APPEALS && (e = match(sc, o, KEY_APPEAL_GROUP)))
			sc->app_group[c] = e->id;
		if (t == TABLE_DISCLOSURE && (e = match(sc, o, KEY_DISC_COL))) {
			sc->disc_col[c] = e;
			layouts |= e->layouts;
		}
	}
	/* Each header of 二 names its columns in one layout's words only. */
	if (t == TABLE_DISCLOSURE)
		add_evidence(sc->r, layouts, row_line(sc, row));
	sc->table = t;
	sc->prev_header = true;
}

/* --- rows ------------------------------------------------------------------------------ */

static void read_row(struct scan *sc, size_t row)
{
	const struct key_entry *group = NULL;
	enum req_row req = REQ_ROW_COUNT;
	enum disc_row disc = DISC_ROW_COUNT;
	size_t req_col = 0;
	unsigned groups = 0, appeal_cols = 0, labels = 0;
	uint32_t prev = 0;
	enum report_table t;

	for (size_t c = 0; c < sc->g->n_cols; c++) {
		uint32_t o = grid_origin_at(sc->g, row, c);
		const struct key_entry *e;
		enum req_row rr;

		if (!o || o == prev)
			continue;
		prev = o;
		if (!is_label(sc, o))
			continue;
		labels++;
		/* The rightmost label of 三 is the most specific (1.属于国家秘密 under （三）). */
		if ((rr = request_row(sc, o)) != REQ_ROW_COUNT) {
			req = rr;
			req_col = c;
		}
		if (disc == DISC_ROW_COUNT)
			disc = disclosure_row(sc, o);
		if ((e = match(sc, o, KEY_APPEAL_GROUP))) {
			group = e;
			groups++;
		}
		appeal_cols += match(sc, o, KEY_APPEAL_COL) != NULL;
	}
	if (req != REQ_ROW_COUNT) {
		/* The label may span columns: the values start after its last one. */
		while (req_col + 1 < sc->g->n_cols &&
		       grid_origin_at(sc->g, row, req_col + 1) == grid_origin_at(sc->g, row, req_col))
			req_col++;
		if (read_request_row(sc, row, req_col, req)) {
			sc->table = TABLE_REQUESTS;
			sc->prev_header = false;
			return;
		}
	}
	if (disc != DISC_ROW_COUNT && read_disclosure_row(sc, row, disc)) {
		sc->prev_header = false;
		return;
	}
	/* Flat table 四: one group label and values under the column headers. */
	if (groups == 1 && appeal_cols == 0 && read_appeal_row(sc, row, group->id)) {
		sc->prev_header = false;
		return;
	}
	t = header_table(sc, row);
	if (t != TABLE_COUNT) {
		read_header_row(sc, row, t);
		return;
	}
	/* Official table 四: one unlabelled row of 15 values under the header. */
	if (sc->table == TABLE_APPEALS && labels == 0 && read_appeal_row(sc, row, -1))
		sc->table = TABLE_COUNT;
	sc->prev_header = false;
}

enum gk_err grid_reader_feed(struct grid_reader *r, const struct grid *g)
{
	struct scan sc = {.r = r, .g = g, .table = TABLE_COUNT};

	if (r->failed)
		return GK_ENOMEM;
	sc.info = malloc((g->n_origins ? g->n_origins : 1) * sizeof(*sc.info));
	if (!sc.info)
		return GK_ENOMEM;
	for (size_t i = 0; i < g->n_origins; i++) {
		classify(&sc, i);
		/* Origins are in reading order: the first title-like cell is the title. */
		if (report_take_title(r->s, str_from_cstr(g->origins[i].text)) != GK_OK)
			r->failed = true;
	}
	reset_header(&sc, TABLE_REQUESTS);
	reset_header(&sc, TABLE_APPEALS);
	reset_header(&sc, TABLE_DISCLOSURE);
	for (size_t row = 0; row < g->n_rows; row++)
		read_row(&sc, row);
	free(sc.info);
	return r->failed ? GK_ENOMEM : GK_OK;
}

/* --- the end of a document ------------------------------------------------------------- */

static void note_mixed(struct grid_reader *r)
{
	struct sheet *s = r->s;
	const struct evidence *e19 = &r->evidence[LAYOUT_2019], *e21 = &r->evidence[LAYOUT_2021];
	const struct layout *by_year = layout_for_year(s->year), *by_rows = NULL;

	if (e19->count && e21->count) {
		const struct evidence *later = e19->line > e21->line ? e19 : e21;

		sheet_add_note(s, NOTE_MIXED_LAYOUT, later->line, TABLE_COUNT, -1, -1,
			       "rows of both the 2019 layout (国办公开办函〔2019〕60号) and the "
			       "2021 layout (国办公开办函〔2021〕30号)");
		by_rows = layout_get(e19->count > e21->count ? LAYOUT_2019 : LAYOUT_2021);
	} else if (e19->count || e21->count) {
		by_rows = layout_get(e19->count ? LAYOUT_2019 : LAYOUT_2021);
		if (by_year && by_year != by_rows)
			sheet_add_note(s, NOTE_MIXED_LAYOUT, (e19->count ? e19 : e21)->line,
				       TABLE_COUNT, -1, -1,
				       "the tables follow the %s layout (%s) but the report is on %d",
				       by_rows->name, by_rows->source, s->year);
	}
	if (!s->layout)
		s->layout = by_year ? by_year : by_rows;
}

static void note_missing_rows(struct grid_reader *r)
{
	struct sheet *s = r->s;
	const struct layout *l = s->layout;

	if (!l)
		return;
	for (size_t i = 0; s->has_table[TABLE_REQUESTS] && i < l->n_requests; i++) {
		const struct layout_row *row = &l->requests[i];

		if (row->kind == LAYOUT_ROW_DATA && !r->req_seen[row->row])
			sheet_add_note(s, NOTE_MISSING_ROW, 0, TABLE_REQUESTS, row->row, -1,
				       "row %s “%s” of table 三 was not found", row->id,
				       row->label);
	}
	for (size_t i = 0; s->has_table[TABLE_DISCLOSURE] && i < l->n_disclosure; i++) {
		const struct layout_disc_row *row = &l->disclosure[i];

		if (!r->disc_seen[row->row])
			sheet_add_note(s, NOTE_MISSING_ROW, 0, TABLE_DISCLOSURE, row->row, -1,
				       "row “%s” of table 二 was not found", row->label);
	}
	for (int a = 0; s->has_table[TABLE_APPEALS] && a < APPEAL_ROW_COUNT; a++)
		if (!r->appeal_seen[a])
			sheet_add_note(s, NOTE_MISSING_ROW, 0, TABLE_APPEALS, a, -1,
				       "row “%s” of table 四 was not found",
				       layout_appeal_row((enum appeal_row)a)->label);
}

enum gk_err grid_reader_finish(struct grid_reader *r, const char *name, struct gk_errmsg *m)
{
	struct sheet *s = r->s;

	if (r->failed)
		return gk_errf(m, GK_ENOMEM, "%s: out of memory", name);
	if (!s->has_table[TABLE_DISCLOSURE] && !s->has_table[TABLE_REQUESTS] &&
	    !s->has_table[TABLE_APPEALS])
		return gk_errf(m, GK_EFORMAT,
			       "%s: no table of an annual report was found (looked for the rows of "
			       "二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况 and "
			       "四、政府信息公开行政复议、行政诉讼情况)",
			       name);
	note_mixed(r);
	note_missing_rows(r);
	for (int t = 0; t < TABLE_COUNT; t++)
		if (!s->has_table[t])
			sheet_add_note(s, NOTE_MISSING_TABLE, 0, (enum report_table)t, -1, -1,
				       "table “%s” was not found",
				       form_table_heading((enum report_table)t));
	return GK_OK;
}

/* --- titles ---------------------------------------------------------------------------- */

static const char *find(struct str hay, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; hay.len >= n && i <= hay.len - n; i++)
		if (memcmp(hay.ptr + i, needle, n) == 0)
			return hay.ptr + i;
	return NULL;
}

/* s without white space (ASCII or U+3000) at either end. */
static struct str trim_wide(struct str s)
{
	for (;;) {
		s = str_trim(s);
		if (str_starts_with(s, STR_LIT("\u3000")))
			s = str_from(s, 3);
		else if (s.len >= 3 && memcmp(s.ptr + s.len - 3, "\u3000", 3) == 0)
			s.len -= 3;
		else
			return s;
	}
}

/*
 * report_parse_title(), and where the title ends: just after the first
 * 报告 that follows the year.
 */
static bool parse_title(struct str text, int *year, struct str *agency, const char **title_end)
{
	const char *end = text.ptr + text.len, *y = NULL, *after, *topic, *report;
	int value = 0;
	struct str before, between;

	for (const char *p = text.ptr; p + 4 + 3 <= end && !y; p++) {
		if (p > text.ptr && p[-1] >= '0' && p[-1] <= '9')
			continue;
		value = 0;
		for (int i = 0; i < 4 && p[i] >= '0' && p[i] <= '9'; i++)
			value = value * 10 + (p[i] - '0');
		if (value >= 1990 && value <= 2100 && memcmp(p + 4, "年", 3) == 0)
			y = p;
	}
	if (!y)
		return false;
	after = y + 4 + 3;
	report = find((struct str){after, (size_t)(end - after)}, "报告");
	if (!report)
		return false;
	if (end - after >= 3 && memcmp(after, "度", 3) == 0)
		after += 3;
	topic = find((struct str){after, (size_t)(end - after)}, "政府信息公开");
	before = trim_wide((struct str){text.ptr, (size_t)(y - text.ptr)});
	between = trim_wide((struct str){after, topic ? (size_t)(topic - after) : 0});
	/* A paragraph that mentions a year and a 报告 is no title. */
	if (report - text.ptr > TITLE_MAX)
		return false;
	*year = value;
	*agency = before.len ? before : between;
	if (agency->len > AGENCY_MAX)
		*agency = (struct str){agency->ptr, 0};
	*title_end = report + strlen("报告");
	return true;
}

bool report_parse_title(struct str text, int *year, struct str *agency)
{
	const char *title_end;

	return parse_title(text, year, agency, &title_end);
}

enum gk_err report_take_title(struct sheet *s, struct str text)
{
	int year;
	struct str agency;
	const char *title_end;
	char *norm;
	enum gk_err err;

	if (s->title || text.len > GRID_MAX_TEXT || !parse_title(text, &year, &agency, &title_end))
		return GK_OK;
	/* Pages append the site name (“…年度报告_某某市人民政府”): cut after 报告. */
	norm = grid_normalise_text((struct str){text.ptr, (size_t)(title_end - text.ptr)});
	if (!norm)
		return GK_ENOMEM;
	err = sheet_set_title(s, str_from_cstr(norm));
	free(norm);
	if (!err && agency.len && !s->agency) {
		char *a = grid_normalise_text(agency);

		err = a ? sheet_set_agency(s, str_from_cstr(a)) : GK_ENOMEM;
		free(a);
	}
	if (!err && !s->year)
		s->year = year;
	return err;
}
