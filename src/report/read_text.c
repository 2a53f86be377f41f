/*
 * The text / Markdown / `pdftotext -layout` reader of annual reports.
 *
 * One pass over the lines, in bounded memory: each line is cut into
 * tokens (tab cells, Markdown pipe cells, or runs of text between spaces),
 * the label part is folded into a matching key (labels.h), and a small
 * state machine keyed on the section headings decides which table the
 * line belongs to. Tables are read as printed:
 *
 *   二  rows by label, columns from the block's printed header (the two
 *       layouts differ, legal-facts §1.10);
 *   三  rows by label, 7 numbers each; labels cut over lines (before,
 *       around or after the numbers) are joined by remembering the row a
 *       label fragment started;
 *   四  the one row of 15 numbers, possibly wrapped over lines.
 *
 * What cannot be placed with certainty is recorded as a note: rows whose
 * numbers ran together are recovered only when exactly one split fits the
 * table's own sums (legal-facts §1.9), otherwise their cells are
 * unreadable.
 */
#include "report/read_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "report/labels.h"

#include "base/banned.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Inputs past this size are not reports (the samples are about 10 kB). */
#define RT_MAX_BYTES (64u << 20)
/* Tokens kept per line; a wider line is no table row. */
#define RT_MAX_TOKENS 48
/* Bytes of a line's folded label kept (headings and labels are shorter). */
#define RT_KEY_MAX 384
/* Headings are short; longer keys are prose and never switch tables. */
#define RT_HEADING_KEY_MAX 150
/* Bytes of the folded label gathered for one table 三 row over lines. */
#define RT_ROW_LABEL_MAX 240
/* The title is looked for in this many first lines. */
#define RT_TITLE_LINES 100
/* Rows with numbers run together, kept for recovery after the table. */
#define RT_MAX_DEFERRED 32
/* Candidate splits examined per run-together row before giving up. */
#define RT_SPLIT_BUDGET 200000
/* A recovered cell has at most this many digits (fits any sum in int64). */
#define RT_PIECE_MAX_DIGITS 9
/* Bytes of printed text quoted in a note. */
#define RT_QUOTE_MAX 72
/* Table 四: 3 rows × 5 columns printed as one row (legal-facts §1.7). */
#define RT_APPEAL_CELLS (APPEAL_ROW_COUNT * APPEAL_COL_COUNT)

enum tok_kind {
	TOK_TEXT,
	TOK_VALUE, /* looks like a number (or is “无”); parsed when placed */
	TOK_BLANK, /* a blank marker: “-”, “—”, “/” */
	TOK_EMPTY  /* an empty tab or pipe cell */
};

struct tok {
	struct str text;
	enum tok_kind kind;
};

struct line {
	struct str raw;
	uint32_t no; /* 1-based */
	struct tok tok[RT_MAX_TOKENS];
	size_t n;
	bool overflow;	 /* more tokens than RT_MAX_TOKENS */
	size_t n_label;	 /* tokens before the trailing run of values and empties */
	bool has_values; /* that run holds a value or a blank marker */
	char key[RT_KEY_MAX];
	size_t key_len;
};

enum region {
	REGION_NONE,
	REGION_DISCLOSURE, /* 二、主动公开政府信息情况 */
	REGION_REQUESTS,   /* 三、收到和处理政府信息公开申请情况 */
	REGION_APPEALS	   /* 四、政府信息公开行政复议、行政诉讼情况 */
};

/* A row whose numbers ran together, waiting for the table to be complete. */
struct deferred {
	enum report_table table;
	int row;
	size_t n_slots;
	struct str tok[RT_APPEAL_CELLS];
	uint32_t line[RT_APPEAL_CELLS];
	size_t n_tok;
	bool done;
};

struct reader {
	struct sheet *s;
	enum gk_err err; /* sticky: the first failure to store something */
	enum region region;
	bool saw_table; /* a table heading was seen: the title is behind us */
	struct str prev_text;
	bool title_done;

	/* Evidence of the layout in the printed labels (legal-facts §1.10). */
	uint32_t line_2019, line_2021;

	/* Table 二 */
	const struct layout *block_layout; /* from the current block's header */
	bool block_mixed_noted;
	enum disc_row disc_pending;

	/* Table 三 */
	bool req_read[REQ_ROW_COUNT];
	uint32_t req_line[REQ_ROW_COUNT];
	struct str req_printed[REQ_ROW_COUNT]; /* label on the row's number line */
	char req_label[REQ_ROW_COUNT][RT_ROW_LABEL_MAX];
	size_t req_label_len[REQ_ROW_COUNT];
	enum req_row pending; /* a label started, its numbers not seen yet */
	enum req_row last;    /* the last row that got numbers */

	/* Table 四 */
	struct tok appeal_tok[RT_APPEAL_CELLS];
	uint32_t appeal_line[RT_APPEAL_CELLS];
	size_t n_appeal;
	size_t appeal_extra; /* numbers beyond the 15 */
	bool appeal_done;

	struct deferred deferred[RT_MAX_DEFERRED];
	size_t n_deferred;
};

static void keep(struct reader *r, enum gk_err err)
{
	if (err && !r->err)
		r->err = err;
}

static struct str key_of(const struct line *l)
{
	return (struct str){l->key, l->key_len};
}

/* --- Input checks ------------------------------------------------------ */

static uint32_t line_of_offset(struct str text, size_t off)
{
	uint32_t no = 1;

	for (size_t i = 0; i < off; i++)
		no += text.ptr[i] == '\n';
	return no;
}

/* Refuse what is not UTF-8 text, with the place that shows it. */
static enum gk_err check_text(struct str text, const char *name, struct gk_errmsg *m)
{
	const uint8_t *p = (const uint8_t *)text.ptr;
	size_t i = 0;

	if (text.len == 0)
		return gk_errf(m, GK_EFORMAT, "%s: the file is empty, no annual report table in it",
			       name);
	if (text.len > RT_MAX_BYTES)
		return gk_errf(m, GK_EFORMAT,
			       "%s: %zu bytes is too large for an annual report (at most %u MB)",
			       name, text.len, RT_MAX_BYTES >> 20);
	while (i < text.len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		if (p[i] == 0)
			return gk_errf(m, GK_EFORMAT,
				       "%s: binary data (a NUL byte on line %u), not a text report",
				       name, line_of_offset(text, i));
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(text.len - i), &cp);
		if (k <= 0)
			return gk_errf(m, GK_EFORMAT,
				       "%s: line %u is not valid UTF-8 (byte offset %zu); convert "
				       "GB18030/GBK text to UTF-8 first",
				       name, line_of_offset(text, i), i);
		i += (size_t)k;
	}
	return GK_OK;
}

/* --- Tokens ------------------------------------------------------------- */

/* Length of the white space at p (ASCII, U+3000 ideographic, U+00A0), or 0. */
static size_t space_len(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;

	if (p >= end)
		return 0;
	if (u[0] == ' ' || u[0] == '\t' || u[0] == '\f' || u[0] == '\v' || u[0] == '\r')
		return 1;
	if (end - p >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (end - p >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	return 0;
}

static struct str trim_space(struct str s)
{
	const char *p = s.ptr, *end = s.ptr + s.len;
	size_t w;

	while ((w = space_len(p, end)) != 0)
		p += w;
	/* Trailing: ASCII only is enough after str_trim, plus U+3000. */
	s = str_trim((struct str){p, (size_t)(end - p)});
	while (s.len >= 3 && memcmp(s.ptr + s.len - 3, "\u3000", 3) == 0)
		s = str_trim((struct str){s.ptr, s.len - 3});
	return s;
}

/* Markdown emphasis around a cell (**6**, `6`) is not part of it. */
static struct str strip_emphasis(struct str s)
{
	while (s.len >= 2 && (s.ptr[0] == '*' || s.ptr[0] == '`' || s.ptr[0] == '_') &&
	       s.ptr[s.len - 1] == s.ptr[0]) {
		s.ptr++;
		s.len -= 2;
	}
	return trim_space(s);
}

/* Digits, signs, points and commas, ASCII or full-width, at least one digit. */
static bool looks_numeric(struct str s)
{
	const unsigned char *u = (const unsigned char *)s.ptr;
	bool digit = false;
	size_t i = 0;

	while (i < s.len) {
		if (u[i] >= '0' && u[i] <= '9') {
			digit = true;
			i++;
		} else if (u[i] == '.' || u[i] == ',' || u[i] == '+' || u[i] == '-') {
			i++;
		} else if (s.len - i >= 3 && u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] >= 0x8B &&
			   u[i + 2] <= 0x99) {
			/* ＋ ， － ． ０–９ (U+FF0B–U+FF19) */
			digit |= u[i + 2] >= 0x90;
			i += 3;
		} else {
			return false;
		}
	}
	return digit;
}

static enum tok_kind classify(struct str t)
{
	if (t.len == 0)
		return TOK_EMPTY;
	if (label_is_blank_marker(t))
		return TOK_BLANK;
	/* “无” is printed in place of a number: a value that will not parse. */
	if (looks_numeric(t) || str_eq_cstr(t, "无"))
		return TOK_VALUE;
	return TOK_TEXT;
}

static void add_tok(struct line *l, struct str t, enum tok_kind kind)
{
	if (l->n == RT_MAX_TOKENS) {
		l->overflow = true;
		return;
	}
	l->tok[l->n++] = (struct tok){t, kind};
}

/*
 * Add a text token, splitting off ASCII digits glued to the end of a CJK
 * label: text extraction often drops the gap between the last label
 * character and the first number (“申请数量230”).
 */
static void add_text(struct line *l, struct str t)
{
	size_t d = t.len;

	while (d > 0 && t.ptr[d - 1] >= '0' && t.ptr[d - 1] <= '9')
		d--;
	if (d > 0 && d < t.len && (unsigned char)t.ptr[d - 1] >= 0x80) {
		add_tok(l, (struct str){t.ptr, d}, TOK_TEXT);
		add_tok(l, (struct str){t.ptr + d, t.len - d}, TOK_VALUE);
		return;
	}
	add_tok(l, t, TOK_TEXT);
}

/* Each run of non-space text in s is a token. */
static void split_words(struct line *l, struct str s)
{
	const char *p = s.ptr, *end = s.ptr + s.len;

	while (p < end) {
		const char *w = p;
		size_t sp;
		struct str t;
		enum tok_kind kind;

		while (p < end && space_len(p, end) == 0)
			p++;
		t = strip_emphasis((struct str){w, (size_t)(p - w)});
		kind = classify(t);
		if (kind == TOK_TEXT)
			add_text(l, t);
		else if (kind != TOK_EMPTY)
			add_tok(l, t, kind);
		while ((sp = space_len(p, end)) != 0)
			p += sp;
	}
}

/*
 * One cell of a tab- or pipe-separated line: empty, a value, several
 * values separated by spaces (“0 0”), or a label that may hold spaces
 * (“本年新 制作数量”), which stays one token.
 */
static void add_cell(struct line *l, struct str cell)
{
	struct line probe;
	bool all_values = true;

	cell = strip_emphasis(trim_space(cell));
	if (cell.len == 0) {
		add_tok(l, cell, TOK_EMPTY);
		return;
	}
	probe.n = 0;
	probe.overflow = false;
	split_words(&probe, cell);
	for (size_t i = 0; i < probe.n; i++)
		all_values &= probe.tok[i].kind != TOK_TEXT;
	if (all_values && !probe.overflow) {
		for (size_t i = 0; i < probe.n; i++)
			add_tok(l, probe.tok[i].text, probe.tok[i].kind);
		return;
	}
	add_text(l, cell);
}

/* A Markdown table separator row: every cell is ---, :---, ---: or empty. */
static bool is_pipe_separator(struct str s)
{
	bool dashes = false;

	for (size_t i = 0; i < s.len; i++) {
		char c = s.ptr[i];

		if (c == '-')
			dashes = true;
		else if (c != '|' && c != ':' && c != ' ' && c != '\t')
			return false;
	}
	return dashes;
}

static void split_cells(struct line *l, struct str s, char sep)
{
	struct str rest = s, cell;

	if (sep == '|') {
		/* Outer pipes delimit the row; they do not open empty cells. */
		if (rest.len && rest.ptr[0] == '|')
			rest = str_from(rest, 1);
		if (rest.len && rest.ptr[rest.len - 1] == '|')
			rest.len--;
	}
	do {
		rest = str_split(rest, sep, &cell);
		add_cell(l, cell);
	} while (rest.ptr);
}

static void tokenize(struct line *l)
{
	struct str t = trim_space(l->raw);

	l->n = 0;
	l->overflow = false;
	if (t.len && t.ptr[0] == '|') {
		if (!is_pipe_separator(t))
			split_cells(l, t, '|');
	} else if (memchr(t.ptr, '\t', t.len)) {
		/* Tabs at either end open empty cells (“行政事业性收费⇥0⇥0⇥”). */
		split_cells(l, l->raw, '\t');
	} else {
		split_words(l, t);
	}

	l->n_label = l->n;
	while (l->n_label > 0 && l->tok[l->n_label - 1].kind != TOK_TEXT)
		l->n_label--;
	l->has_values = false;
	for (size_t i = l->n_label; i < l->n; i++)
		l->has_values |= l->tok[i].kind == TOK_VALUE || l->tok[i].kind == TOK_BLANK;

	l->key_len = 0;
	for (size_t i = 0; i < l->n_label; i++)
		l->key_len += label_fold(l->tok[i].text, l->key + l->key_len,
					 sizeof(l->key) - l->key_len);
}

/*
 * The value tokens of a row that should have n cells. Tab and pipe layouts
 * keep empty cells; those between the label and the first value come from
 * a label cell spanning columns (丰泽区 2020: “四、结转下年度继续办理⇥⇥⇥0…”)
 * and those after the last value from a shorter block (（八） has two
 * columns in a three-column table), so they are dropped unless the row has
 * exactly n cells as printed.
 */
static size_t row_values(const struct line *l, size_t n, const struct tok **first)
{
	size_t b = l->n_label, e = l->n;

	if (e - b != n) {
		while (b < e && l->tok[b].kind == TOK_EMPTY)
			b++;
		if (e - b != n)
			while (e > b && l->tok[e - 1].kind == TOK_EMPTY)
				e--;
	}
	*first = l->tok + b;
	return e - b;
}

/* --- Notes and cells ---------------------------------------------------- */

/* Copy at most RT_QUOTE_MAX bytes of s, cut on a character boundary. */
static int quote_len(struct str s)
{
	size_t n = s.len;

	if (n > RT_QUOTE_MAX) {
		n = RT_QUOTE_MAX;
		while (n > 0 && ((unsigned char)s.ptr[n] & 0xC0) == 0x80)
			n--;
	}
	return (int)n;
}

/* The printed label of a line: from its first to its last label token. */
static struct str printed_label(const struct line *l)
{
	const struct tok *a, *b;

	if (l->n_label == 0)
		return (struct str){l->raw.ptr, 0};
	a = &l->tok[0];
	b = &l->tok[l->n_label - 1];
	return (struct str){a->text.ptr, (size_t)(b->text.ptr + b->text.len - a->text.ptr)};
}

static void set_blank(struct reader *r, enum report_table t, int row, int col, uint32_t line)
{
	struct sheet_cell *c = sheet_cell(r->s, t, row, col);

	if (!c)
		return;
	*c = (struct sheet_cell){CELL_BLANK, {0, 0}, line};
	r->s->has_table[t] = true;
}

/* Mark a cell unreadable without a note of its own (the caller notes the row). */
static void set_unreadable_quiet(struct reader *r, enum report_table t, int row, int col,
				 uint32_t line)
{
	struct sheet_cell *c = sheet_cell(r->s, t, row, col);

	if (!c)
		return;
	*c = (struct sheet_cell){CELL_UNREADABLE, {0, 0}, line};
	r->s->has_table[t] = true;
}

static void put_tok(struct reader *r, enum report_table t, int row, int col,
		    const struct tok *tok, enum value_kind kind, uint32_t line)
{
	struct sheet_num num;

	if (tok->kind == TOK_EMPTY || tok->kind == TOK_BLANK)
		set_blank(r, t, row, col, line);
	else if (sheet_parse_number(tok->text, kind, &num))
		sheet_set_number(r->s, t, row, col, num, line);
	else
		sheet_set_unreadable(r->s, t, row, col, tok->text, line);
}

/* “table 三 row C4.1” or “table 四” (one printed row) for notes. */
static const char *row_where(enum report_table t, int row, char out[48])
{
	if (t == TABLE_REQUESTS)
		snprintf(out, 48, "table 三 row %s", layout_request_id((enum req_row)row));
	else
		snprintf(out, 48, "table %s", layout_table_name(t));
	return out;
}

/* Slot i of a deferred row: table 四's 15 numbers span its 3 rows. */
static void slot_cell(enum report_table t, int row, size_t i, int *cell_row, int *cell_col)
{
	*cell_row = t == TABLE_APPEALS ? (int)(i / APPEAL_COL_COUNT) : row;
	*cell_col = t == TABLE_APPEALS ? (int)(i % APPEAL_COL_COUNT) : (int)i;
}

/* --- Runs of digits that lost their gaps -------------------------------- */

struct split {
	const struct reader *r;
	const struct deferred *d;
	size_t rest[RT_APPEAL_CELLS + 1]; /* digits in tokens i.. */
	int64_t cur[RT_APPEAL_CELLS];
	size_t cur_tok[RT_APPEAL_CELLS]; /* the token each cell came from */
	int64_t found[RT_APPEAL_CELLS];
	size_t found_tok[RT_APPEAL_CELLS];
	size_t n_found;
	long budget;
};

/* The number in a table 三 cell, or -1 when it is not a whole number. */
static int64_t req_value(const struct reader *r, int row, int col, int cur_row, const int64_t *cur)
{
	const struct sheet_cell *c;

	if (row == cur_row)
		return cur[col];
	c = &r->s->requests[row][col];
	return c->state == CELL_NUMBER && c->num.scale == 0 ? c->num.mant : -1;
}

static bool is_result_row(int row)
{
	return (row >= REQ_C1 && row <= REQ_C6_3) && row != REQ_C3 && row != REQ_C4 &&
	       row != REQ_C5;
}

/*
 * Whether the 7 numbers v fit table 三 where row `row` stands: the row's
 * own 总计 (legal-facts §1.9 rule 3) and, in every column whose other cells
 * are known, A + B = C7 + D (rule 1) and C7 = the result rows (rule 2).
 */
static bool request_fits(const struct reader *r, int row, const int64_t *v)
{
	static const int balance[] = {REQ_A, REQ_B, REQ_C7, REQ_D};
	int64_t sum = 0;

	for (int c = 0; c < REQ_TOTAL; c++)
		sum += v[c];
	if (sum != v[REQ_TOTAL])
		return false;
	for (int c = 0; c < REQ_COL_COUNT; c++) {
		int64_t x[4], results = 0;
		bool known = true, in_balance = false;

		for (size_t i = 0; i < COUNT_OF(balance); i++) {
			x[i] = req_value(r, balance[i], c, row, v);
			known &= x[i] >= 0;
			in_balance |= balance[i] == row;
		}
		if (in_balance && known && x[0] + x[1] != x[2] + x[3])
			return false;
		if (row != REQ_C7 && !is_result_row(row))
			continue;
		known = true;
		for (int q = REQ_C1; q <= REQ_C6_3 && known; q++) {
			int64_t y;

			if (!is_result_row(q) || (q >= REQ_C6 && !r->req_read[q]))
				continue;
			y = req_value(r, q, c, row, v);
			known = y >= 0;
			results += y;
		}
		if (known && req_value(r, REQ_C7, c, row, v) >= 0 &&
		    results != req_value(r, REQ_C7, c, row, v))
			return false;
	}
	return true;
}

/* Table 四: each 总计 is 维持 + 纠正 + 其他 + 尚未审结 (legal-facts §1.9). */
static bool appeal_fits(const int64_t *v)
{
	for (int g = 0; g < APPEAL_ROW_COUNT; g++) {
		const int64_t *x = v + g * APPEAL_COL_COUNT;

		if (x[APPEAL_UPHELD] + x[APPEAL_CORRECTED] + x[APPEAL_OTHER] + x[APPEAL_PENDING] !=
		    x[APPEAL_TOTAL])
			return false;
	}
	return true;
}

static void split_from(struct split *sp, size_t ti, size_t off, size_t slot)
{
	const struct deferred *d = sp->d;
	struct str t;
	int64_t value = 0;

	if (sp->n_found > 1 || sp->budget-- <= 0)
		return;
	if (ti == d->n_tok) {
		if (slot != d->n_slots)
			return;
		if (d->table == TABLE_APPEALS ? !appeal_fits(sp->cur)
					      : !request_fits(sp->r, d->row, sp->cur))
			return;
		if (sp->n_found++ == 0) {
			memcpy(sp->found, sp->cur, sizeof(sp->cur));
			memcpy(sp->found_tok, sp->cur_tok, sizeof(sp->cur_tok));
		}
		return;
	}
	if (slot >= d->n_slots)
		return;
	t = d->tok[ti];
	for (size_t len = 1; len <= t.len - off && len <= RT_PIECE_MAX_DIGITS; len++) {
		size_t left = t.len - off - len, after = slot + 1;
		/* Every later token needs a cell, and no cell is empty. */
		size_t min_after = (left > 0) + (d->n_tok - ti - 1);
		size_t max_after = left + sp->rest[ti + 1];

		value = value * 10 + (t.ptr[off + len - 1] - '0');
		if (len == 2 && t.ptr[off] == '0')
			break; /* no printed number starts with 0 */
		if (d->n_slots - after < min_after || d->n_slots - after > max_after)
			continue;
		sp->cur[slot] = value;
		sp->cur_tok[slot] = ti;
		if (left == 0)
			split_from(sp, ti + 1, 0, after);
		else
			split_from(sp, ti, off + len, after);
	}
}

/* Returned by count_splits when the budget ran out before an answer. */
#define SPLITS_TOO_MANY ((size_t)-1)

/*
 * How many splits of d fit the sums: 0, 1 (its numbers in found and the
 * token each came from in found_tok), 2 for "more than one", or
 * SPLITS_TOO_MANY.
 */
static size_t count_splits(const struct reader *r, const struct deferred *d, int64_t *found,
			   size_t *found_tok)
{
	struct split sp = {.r = r, .d = d, .budget = RT_SPLIT_BUDGET};

	sp.rest[d->n_tok] = 0;
	for (size_t i = d->n_tok; i > 0; i--)
		sp.rest[i - 1] = sp.rest[i] + d->tok[i - 1].len;
	split_from(&sp, 0, 0, 0);
	if (sp.budget < 0 && sp.n_found < 2)
		return SPLITS_TOO_MANY;
	memcpy(found, sp.found, sizeof(sp.found));
	memcpy(found_tok, sp.found_tok, sizeof(sp.found_tok));
	return sp.n_found;
}

/* Only ASCII digit strings can have lost their gaps; anything else is kept. */
static bool can_split(const struct tok *tok, size_t k, size_t n)
{
	size_t digits = 0;
	bool long_one = false;

	for (size_t i = 0; i < k; i++) {
		if (tok[i].kind != TOK_VALUE)
			return false;
		for (size_t j = 0; j < tok[i].text.len; j++)
			if (tok[i].text.ptr[j] < '0' || tok[i].text.ptr[j] > '9')
				return false;
		digits += tok[i].text.len;
		long_one |= tok[i].text.len > 1;
	}
	return long_one && digits >= n && k < n;
}

static void set_row_unreadable(struct reader *r, enum report_table t, int row,
			       size_t n_slots, uint32_t line)
{
	for (size_t i = 0; i < n_slots; i++) {
		int cr, cc;

		slot_cell(t, row, i, &cr, &cc);
		set_unreadable_quiet(r, t, cr, cc, line);
	}
}

static void defer(struct reader *r, enum report_table t, int row, size_t n_slots,
		  const struct tok *tok, const uint32_t *lines, size_t k)
{
	struct deferred *d;
	char where[48];

	if (r->n_deferred == RT_MAX_DEFERRED) {
		set_row_unreadable(r, t, row, n_slots, lines[0]);
		keep(r, sheet_add_note(r->s, NOTE_UNREADABLE_CELL, lines[0], t,
				       t == TABLE_APPEALS ? -1 : row, -1,
				       "%s: numbers run together; too many such rows to recover, "
				       "cells left unreadable",
				       row_where(t, row, where)));
		return;
	}
	d = &r->deferred[r->n_deferred++];
	*d = (struct deferred){.table = t, .row = row, .n_slots = n_slots, .n_tok = k};
	for (size_t i = 0; i < k; i++) {
		d->tok[i] = tok[i].text;
		d->line[i] = lines[i];
	}
}

/* The printed tokens of d, joined by spaces, into b. */
static void deferred_quote(const struct deferred *d, struct buf *b)
{
	for (size_t i = 0; i < d->n_tok; i++) {
		if (i)
			buf_putc(b, ' ');
		buf_append(b, d->tok[i].ptr, d->tok[i].len);
	}
}

static void apply_split(struct reader *r, struct deferred *d, const int64_t *v,
			const size_t *from_tok)
{
	struct buf quote, read;
	char where[48];

	buf_init(&quote, RT_QUOTE_MAX * 2);
	buf_init(&read, 256);
	deferred_quote(d, &quote);
	for (size_t i = 0; i < d->n_slots; i++) {
		int cr, cc;

		/* Each cell keeps the line its digits came from. */
		slot_cell(d->table, d->row, i, &cr, &cc);
		sheet_set_count(r->s, d->table, cr, cc, v[i], d->line[from_tok[i]]);
		buf_printf(&read, "%s%lld", i ? " " : "", (long long)v[i]);
	}
	keep(r, sheet_add_note(r->s, NOTE_OTHER, d->line[0], d->table,
			       d->table == TABLE_APPEALS ? -1 : d->row, -1,
			       "%s: numbers printed together as “%s”; read as %s, the only split "
			       "that fits the table's sums",
			       row_where(d->table, d->row, where), buf_cstr(&quote),
			       buf_cstr(&read)));
	buf_release(&quote);
	buf_release(&read);
	d->done = true;
}

static void place_short_request_row(struct reader *r, int row, const struct tok *tok,
				    uint32_t line);

static void resolve_deferred(struct reader *r)
{
	int64_t v[RT_APPEAL_CELLS];
	size_t from_tok[RT_APPEAL_CELLS];
	char where[48];
	bool progress = true;

	/* A recovered row adds known cells to the column sums of the others. */
	while (progress) {
		progress = false;
		for (size_t i = 0; i < r->n_deferred; i++) {
			struct deferred *d = &r->deferred[i];

			if (!d->done && count_splits(r, d, v, from_tok) == 1) {
				apply_split(r, d, v, from_tok);
				progress = true;
			}
		}
	}
	for (size_t i = 0; i < r->n_deferred; i++) {
		struct deferred *d = &r->deferred[i];
		size_t n;
		struct buf quote;
		struct tok tok[REQ_COL_COUNT];

		if (d->done)
			continue;
		n = count_splits(r, d, v, from_tok);
		if (n == 0 && d->table == TABLE_REQUESTS && d->n_tok == REQ_COL_COUNT - 1) {
			/* No split fits: more likely one cell was left out. */
			for (size_t j = 0; j < d->n_tok; j++)
				tok[j] = (struct tok){d->tok[j], TOK_VALUE};
			place_short_request_row(r, d->row, tok, d->line[0]);
			continue;
		}
		set_row_unreadable(r, d->table, d->row, d->n_slots, d->line[0]);
		buf_init(&quote, RT_QUOTE_MAX * 2);
		deferred_quote(d, &quote);
		keep(r, sheet_add_note(r->s, NOTE_UNREADABLE_CELL, d->line[0], d->table,
				       d->table == TABLE_APPEALS ? -1 : d->row, -1,
				       "%s: numbers printed together as “%s”; %s, so the cells are "
				       "left unreadable",
				       row_where(d->table, d->row, where), buf_cstr(&quote),
				       n == 0		      ? "no split fits the table's sums"
				       : n == SPLITS_TOO_MANY ? "too many ways to split them"
							      : "more than one split fits the "
								"table's sums"));
		buf_release(&quote);
	}
}

/* --- Title, agency and year --------------------------------------------- */

/*
 * The first “YYYY年” (ASCII or full-width digits, spaces allowed before 年)
 * in s with a plausible report year; *at gets its byte offset.
 */
static int find_year(struct str s, size_t *at)
{
	for (size_t i = 0; i < s.len; i++) {
		size_t j = i, digits = 0, w;
		int year = 0;

		while (digits < 5 && j < s.len) {
			const unsigned char *u = (const unsigned char *)s.ptr + j;

			if (u[0] >= '0' && u[0] <= '9') {
				year = year * 10 + (u[0] - '0');
				j++;
			} else if (s.len - j >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
				   u[2] <= 0x99) {
				year = year * 10 + (u[2] - 0x90);
				j += 3;
			} else {
				break;
			}
			digits++;
		}
		if (digits != 4)
			continue;
		if (i > 0 && s.ptr[i - 1] >= '0' && s.ptr[i - 1] <= '9')
			continue;
		while ((w = space_len(s.ptr + j, s.ptr + s.len)) != 0)
			j += w;
		if (s.len - j >= 3 && memcmp(s.ptr + j, "年", 3) == 0 && year >= 1990 &&
		    year <= 2100) {
			*at = i;
			return year;
		}
	}
	return 0;
}

/* A title line without Markdown heading marks or emphasis. */
static struct str title_text(struct str raw)
{
	struct str t = trim_space(raw);

	while (t.len && t.ptr[0] == '#')
		t = trim_space(str_from(t, 1));
	return strip_emphasis(t);
}

/*
 * “泉州市丰泽区人民政府办公室 2020 年政府信息公开工作年度报告”: the year and
 * the agency from one line; “淮安市人民政府” / “2024 年政府信息公开工作年度
 * 报告”: the agency from the line before.
 */
static void read_title(struct reader *r, const struct line *l)
{
	struct str t = title_text(l->raw), agency;
	size_t at = 0;
	int year;
	struct buf title;

	if (r->title_done || l->no > RT_TITLE_LINES || r->saw_table)
		return;
	if (!label_key_has(key_of(l), "工作年度报告")) {
		if (l->key_len > 0 && l->key_len <= 90)
			r->prev_text = t;
		return;
	}
	r->title_done = true;
	year = find_year(t, &at);
	if (year)
		r->s->year = year;
	agency = trim_space((struct str){t.ptr, year ? at : 0});
	buf_init(&title, 1024);
	if (agency.len == 0 && r->prev_text.len) {
		agency = r->prev_text;
		buf_append(&title, agency.ptr, agency.len);
	}
	buf_append(&title, t.ptr, t.len);
	keep(r, sheet_set_title(r->s, buf_str(&title)));
	if (agency.len)
		keep(r, sheet_set_agency(r->s, agency));
	buf_release(&title);
}

/* --- Table 二 ----------------------------------------------------------- */

/* Column headers that exist in one layout only (legal-facts §1.10). */
static const struct layout *header_layout(struct str key)
{
	static const char *const only_2021[] = {"本年制发件数", "本年废止件数", "现行有效件数",
						"本年处理决定数量", "本年收费金额"};
	static const char *const only_2019[] = {"本年新制作数量", "本年新公开数量",
						"对外公开总数量", "上一年项目数量",
						"本年增减", "采购项目数量", "采购总金额"};

	for (size_t i = 0; i < COUNT_OF(only_2021); i++)
		if (label_key_has(key, only_2021[i]))
			return layout_get(LAYOUT_2021);
	for (size_t i = 0; i < COUNT_OF(only_2019); i++)
		if (label_key_has(key, only_2019[i]))
			return layout_get(LAYOUT_2019);
	return NULL;
}

static void note_evidence(struct reader *r, const struct layout *l, uint32_t line)
{
	uint32_t *slot = l->id == LAYOUT_2019 ? &r->line_2019 : &r->line_2021;

	if (!*slot)
		*slot = line;
}

/*
 * The descriptor of a table 二 row: the layout of the block's printed
 * header, else the report year's, else the one whose block has as many
 * columns as the row has values.
 */
static const struct layout_disc_row *disc_descriptor(struct reader *r, enum disc_row row,
						     size_t k)
{
	const struct layout *l = r->block_layout ? r->block_layout : r->s->layout;
	const struct layout_disc_row *d = l ? layout_disclosure_row(l, row) : NULL;

	/* No layout known, or the row exists in the other layout only. */
	for (int i = 0; i < LAYOUT_COUNT && !d; i++) {
		d = layout_disclosure_row(layout_get((enum layout_id)i), row);
		if (d && d->block->n_columns != k)
			d = NULL;
	}
	/* Every row of table 二 is part of the 2019 layout. */
	return d ? d : layout_disclosure_row(layout_get(LAYOUT_2019), row);
}

/* The layout a table 二 row descriptor belongs to. */
static const struct layout *layout_of(const struct layout_disc_row *d, enum disc_row row)
{
	const struct layout *l19 = layout_get(LAYOUT_2019);

	return layout_disclosure_row(l19, row) == d ? l19 : layout_get(LAYOUT_2021);
}

static void place_disclosure(struct reader *r, enum disc_row row, const struct line *l)
{
	const struct tok *tok;
	size_t k = row_values(l, DISC_COL_MAX + 1, &tok);
	const struct layout_disc_row *d = disc_descriptor(r, row, k);
	const struct layout *dl = layout_of(d, row);
	size_t n = d->block->n_columns;

	k = row_values(l, n, &tok);
	/* 其他对外管理服务事项 and 政府集中采购 exist in the 2019 layout only. */
	if (!layout_disclosure_row(layout_get(dl->id == LAYOUT_2019 ? LAYOUT_2021 : LAYOUT_2019),
				   row))
		note_evidence(r, dl, l->no);
	if (r->s->layout && dl != r->s->layout && !r->block_mixed_noted) {
		r->block_mixed_noted = true;
		keep(r, sheet_add_note(r->s, NOTE_MIXED_LAYOUT, l->no, TABLE_DISCLOSURE, row, -1,
				       "table 二 block %s is printed with the columns of the %s "
				       "layout (%s) in a report on %d",
				       d->block->title, dl->name, dl->source, r->s->year));
	}
	if (k > n) {
		for (size_t i = 0; i < n; i++)
			set_unreadable_quiet(r, TABLE_DISCLOSURE, row, (int)i, l->no);
		keep(r, sheet_add_note(r->s, NOTE_UNREADABLE_CELL, l->no, TABLE_DISCLOSURE, row, -1,
				       "table 二 row “%s” has %zu values where the block has %zu "
				       "columns; cells left unreadable",
				       d->label, k, n));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i < k)
			put_tok(r, TABLE_DISCLOSURE, row, (int)i, &tok[i], d->block->columns[i].kind,
				l->no);
		else
			set_blank(r, TABLE_DISCLOSURE, row, (int)i, l->no);
	}
	if (k < n)
		keep(r, sheet_add_note(r->s, NOTE_OTHER, l->no, TABLE_DISCLOSURE, row, -1,
				       "table 二 row “%s” has %zu values for %zu columns; read from "
				       "the left, the rest left blank",
				       d->label, k, n));
}

static void disclosure_line(struct reader *r, const struct line *l)
{
	struct str key = key_of(l);
	const struct layout *h;
	enum disc_row row;

	if (label_key_has(key, "第二十条第")) {
		/* A new block (第二十条第（X）项): its own column header follows. */
		r->block_layout = NULL;
		r->disc_pending = DISC_ROW_COUNT;
	}
	h = key.len <= RT_HEADING_KEY_MAX ? header_layout(key) : NULL;
	if (h) {
		r->block_layout = h;
		r->block_mixed_noted = false;
		note_evidence(r, h, l->no);
		return;
	}
	row = l->n_label ? label_match_disclosure(key) : DISC_ROW_COUNT;
	if (row == DISC_ROW_COUNT && l->n_label == 0)
		row = r->disc_pending;
	if (row == DISC_ROW_COUNT)
		return;
	if (!l->has_values) {
		r->disc_pending = row;
		return;
	}
	r->disc_pending = DISC_ROW_COUNT;
	place_disclosure(r, row, l);
}

/* --- Table 三 ----------------------------------------------------------- */

static void label_put(struct reader *r, enum req_row row, struct str key, bool append)
{
	size_t *len = &r->req_label_len[row];
	size_t n;

	if (!append)
		*len = 0;
	n = key.len < RT_ROW_LABEL_MAX - *len ? key.len : RT_ROW_LABEL_MAX - *len;
	/* Keys are cut on a character boundary. */
	while (n > 0 && n < key.len && ((unsigned char)key.ptr[n] & 0xC0) == 0x80)
		n--;
	memcpy(r->req_label[row] + *len, key.ptr, n);
	*len += n;
}

/* The layout whose row order numbers without a label follow. */
static const struct layout *order_layout(const struct reader *r)
{
	return r->s->layout ? r->s->layout : layout_get(LAYOUT_2021);
}

/* The next data row after the last one read, in printed order. */
static enum req_row next_row(const struct reader *r)
{
	const struct layout *l = order_layout(r);
	int from = r->last == REQ_ROW_COUNT ? 0 : (int)r->last + 1;

	/* After the 2019 single （六） row, the 2021 sub-rows do not follow. */
	if (r->last == REQ_C6)
		from = REQ_C7;
	for (int row = from; row < REQ_ROW_COUNT; row++) {
		const struct layout_row *d = layout_request_row(l, (enum req_row)row);

		if (d && d->kind == LAYOUT_ROW_DATA && !r->req_read[row])
			return (enum req_row)row;
	}
	return REQ_ROW_COUNT;
}

/*
 * Six numbers for seven columns (丰泽区 2020 prints several rows so): the
 * first is 自然人 and the last 总计 — the row's own sum shows it — and one
 * of the five organisation cells is missing. Which one cannot be known; the
 * numbers are read from 商业企业 on and 其他 is left blank, with a note.
 */
static void place_short_request_row(struct reader *r, int row, const struct tok *tok,
				    uint32_t line)
{
	for (int c = 0; c < REQ_OTHER; c++)
		put_tok(r, TABLE_REQUESTS, row, c, &tok[c], VALUE_COUNT, line);
	set_blank(r, TABLE_REQUESTS, row, REQ_OTHER, line);
	put_tok(r, TABLE_REQUESTS, row, REQ_TOTAL, &tok[REQ_COL_COUNT - 2], VALUE_COUNT, line);
	keep(r, sheet_add_note(r->s, NOTE_OTHER, line, TABLE_REQUESTS, row, REQ_OTHER,
			       "table 三 row %s: 6 numbers for 7 columns; read as 自然人, 商业企业 "
			       "to 法律服务机构 and 总计, 其他 left blank — check which cell is "
			       "missing",
			       layout_request_id((enum req_row)row)));
}

static void place_request_row(struct reader *r, enum req_row row, const struct line *l)
{
	const struct tok *tok;
	size_t k = row_values(l, REQ_COL_COUNT, &tok);
	uint32_t lines[REQ_COL_COUNT];

	if (k == REQ_COL_COUNT) {
		for (int c = 0; c < REQ_COL_COUNT; c++)
			put_tok(r, TABLE_REQUESTS, row, c, &tok[c], VALUE_COUNT, l->no);
		return;
	}
	if (can_split(tok, k, REQ_COL_COUNT)) {
		for (size_t i = 0; i < k; i++)
			lines[i] = l->no;
		defer(r, TABLE_REQUESTS, row, REQ_COL_COUNT, tok, lines, k);
		return;
	}
	if (k == REQ_COL_COUNT - 1) {
		place_short_request_row(r, row, tok, l->no);
		return;
	}
	for (int c = 0; c < REQ_COL_COUNT; c++)
		set_unreadable_quiet(r, TABLE_REQUESTS, row, c, l->no);
	keep(r, sheet_add_note(r->s, NOTE_UNREADABLE_CELL, l->no, TABLE_REQUESTS, row, -1,
			       "table 三 row %s: %zu values where 7 are expected; cells left "
			       "unreadable",
			       layout_request_id(row), k));
}

static void requests_line(struct reader *r, const struct line *l)
{
	struct str key = key_of(l);
	enum req_row row = l->n_label ? label_match_request(key) : REQ_ROW_COUNT;
	/* In the 2021 layout a bare （六）其他处理 heads C6.1–C6.3; with numbers
	 * it is the 2019 data row printed in a 2021 report (a mixed layout). */
	bool group_c6 = row == REQ_C6 && !l->has_values && r->s->layout &&
			r->s->layout->id == LAYOUT_2021;

	if (!l->has_values) {
		/* A label without numbers: the start of a wrapped row, its tail,
		 * a group label (（三）不予公开 …) or a column header. */
		if (row != REQ_ROW_COUNT && !group_c6 && !r->req_read[row]) {
			label_put(r, row, key, row == r->pending);
			r->pending = row;
		} else if (r->pending != REQ_ROW_COUNT) {
			label_put(r, r->pending, key, true);
		} else if (r->last != REQ_ROW_COUNT) {
			label_put(r, r->last, key, true);
		}
		return;
	}
	if (row == REQ_ROW_COUNT) {
		row = r->pending != REQ_ROW_COUNT ? r->pending : next_row(r);
		if (row == REQ_ROW_COUNT) {
			keep(r, sheet_add_note(r->s, NOTE_OTHER, l->no, TABLE_REQUESTS, -1, -1,
					       "table 三: numbers on line %u belong to no row; "
					       "ignored",
					       l->no));
			return;
		}
		if (r->pending == REQ_ROW_COUNT)
			keep(r, sheet_add_note(r->s, NOTE_LABEL_DEVIATION, l->no, TABLE_REQUESTS,
					       row, -1,
					       "table 三: label “%.*s” not recognised; its numbers "
					       "are read as row %s, the next in printed order",
					       quote_len(printed_label(l)), printed_label(l).ptr,
					       layout_request_id(row)));
	}
	if (r->req_read[row]) {
		keep(r, sheet_add_note(r->s, NOTE_OTHER, l->no, TABLE_REQUESTS, row, -1,
				       "table 三 row %s is printed again on line %u; the first one "
				       "(line %u) is kept",
				       layout_request_id(row), l->no, r->req_line[row]));
		return;
	}
	label_put(r, row, key, row == r->pending);
	r->pending = REQ_ROW_COUNT;
	r->last = row;
	r->req_read[row] = true;
	r->req_line[row] = l->no;
	r->req_printed[row] = printed_label(l);
	if (row == REQ_C6)
		note_evidence(r, layout_get(LAYOUT_2019), l->no);
	else if (row >= REQ_C6_1 && row <= REQ_C6_3)
		note_evidence(r, layout_get(LAYOUT_2021), l->no);
	place_request_row(r, row, l);
}

/*
 * True when every character of want occurs in got in the same order. A
 * label cut over lines may have a group label's fragment between its
 * pieces (淮安市 2024: “2、申请人逾期未按收费通知要” / “他处理” / “求缴纳费用…”),
 * but a misprint drops or changes characters.
 */
static bool in_order(struct str want, struct str got)
{
	size_t g = 0;

	for (size_t w = 0; w < want.len;) {
		size_t n = 1;

		while (w + n < want.len && ((unsigned char)want.ptr[w + n] & 0xC0) == 0x80)
			n++;
		/* Keys are whole characters, so a match at a lead byte is one. */
		while (g + n <= got.len && memcmp(got.ptr + g, want.ptr + w, n) != 0) {
			g++;
			while (g < got.len && ((unsigned char)got.ptr[g] & 0xC0) == 0x80)
				g++;
		}
		if (g + n > got.len)
			return false;
		g += n;
		w += n;
	}
	return true;
}

/* The layout in which a table 三 row is a data row, for its printed label. */
static const struct layout *label_layout(enum req_row row)
{
	return layout_get(row == REQ_C6 ? LAYOUT_2019 : LAYOUT_2021);
}

/* Rows missing from the layout, and labels that differ from the format. */
static void finish_requests(struct reader *r)
{
	const struct layout *l = r->s->layout;
	bool c6_single = r->req_read[REQ_C6];
	bool c6_split = r->req_read[REQ_C6_1] || r->req_read[REQ_C6_2] || r->req_read[REQ_C6_3];
	char want[RT_ROW_LABEL_MAX];

	for (int row = 0; row < REQ_ROW_COUNT; row++) {
		const char *label = layout_request_label(label_layout((enum req_row)row),
							 (enum req_row)row);
		size_t n;

		if (!r->req_read[row] || !label)
			continue;
		n = label_fold(str_from_cstr(label), want, sizeof(want));
		if (in_order((struct str){want, n},
			     (struct str){r->req_label[row], r->req_label_len[row]}))
			continue;
		keep(r, sheet_add_note(r->s, NOTE_LABEL_DEVIATION, r->req_line[row],
				       TABLE_REQUESTS, row, -1,
				       "table 三 row %s is labelled “%.*s”; the format prints “%s”",
				       layout_request_id((enum req_row)row),
				       quote_len(r->req_printed[row]), r->req_printed[row].ptr, label));
	}
	if (!l)
		return;
	if (l->id == LAYOUT_2021 && c6_single)
		keep(r, sheet_add_note(r->s, NOTE_MIXED_LAYOUT, r->req_line[REQ_C6], TABLE_REQUESTS,
				       REQ_C6, -1,
				       "table 三 prints the single 2019 row （六）其他处理 (%s) in a "
				       "report on %d, which uses the 2021 layout (%s); read as row C6",
				       layout_get(LAYOUT_2019)->source, r->s->year, l->source));
	if (l->id == LAYOUT_2019 && c6_split)
		keep(r, sheet_add_note(r->s, NOTE_MIXED_LAYOUT, r->line_2021, TABLE_REQUESTS,
				       REQ_C6, -1,
				       "table 三 prints the 2021 rows under （六）其他处理 (%s) in a "
				       "report on %d, which uses the 2019 layout (%s)",
				       layout_get(LAYOUT_2021)->source, r->s->year, l->source));
	for (size_t i = 0; i < l->n_requests; i++) {
		enum req_row row = l->requests[i].row;

		if (l->requests[i].kind != LAYOUT_ROW_DATA || r->req_read[row])
			continue;
		/* The other layout's （六） rows stand in for these. */
		if ((row == REQ_C6 && c6_split) ||
		    (row >= REQ_C6_1 && row <= REQ_C6_3 && c6_single))
			continue;
		keep(r, sheet_add_note(r->s, NOTE_MISSING_ROW, 0, TABLE_REQUESTS, row, -1,
				       "table 三 row %s “%s” was not found",
				       layout_request_id(row), l->requests[i].label));
	}
}

/* --- Table 四 ----------------------------------------------------------- */

static void appeals_line(struct reader *r, const struct line *l)
{
	const struct tok *tok;
	size_t k;

	if (r->appeal_done || !l->has_values)
		return;
	k = row_values(l, RT_APPEAL_CELLS, &tok);
	for (size_t i = 0; i < k; i++) {
		if (r->n_appeal == RT_APPEAL_CELLS) {
			r->appeal_extra++;
			continue;
		}
		r->appeal_line[r->n_appeal] = l->no;
		r->appeal_tok[r->n_appeal++] = tok[i];
	}
	/* The row may wrap, but a full row ends the table. */
	r->appeal_done = r->n_appeal == RT_APPEAL_CELLS;
}

static void finish_appeals(struct reader *r)
{
	size_t n = r->n_appeal;

	if (n == 0)
		return;
	if (n == RT_APPEAL_CELLS && !r->appeal_extra) {
		for (size_t i = 0; i < n; i++)
			put_tok(r, TABLE_APPEALS, (int)(i / APPEAL_COL_COUNT),
				(int)(i % APPEAL_COL_COUNT), &r->appeal_tok[i], VALUE_COUNT,
				r->appeal_line[i]);
		return;
	}
	if (!r->appeal_extra && can_split(r->appeal_tok, n, RT_APPEAL_CELLS)) {
		defer(r, TABLE_APPEALS, 0, RT_APPEAL_CELLS, r->appeal_tok, r->appeal_line, n);
		return;
	}
	set_row_unreadable(r, TABLE_APPEALS, 0, RT_APPEAL_CELLS, r->appeal_line[0]);
	keep(r, sheet_add_note(r->s, NOTE_UNREADABLE_CELL, r->appeal_line[0], TABLE_APPEALS, -1,
			       -1,
			       "table 四 has %zu numbers where 15 are expected; cells left "
			       "unreadable",
			       n + r->appeal_extra));
}

/* --- Lines and sections ------------------------------------------------- */

/*
 * The table a heading opens, or the current region. Table rows never hold
 * these words; prose might, so only short lines count.
 */
static enum region heading_region(const struct reader *r, const struct line *l)
{
	struct str key = key_of(l);

	if (key.len > RT_HEADING_KEY_MAX)
		return r->region;
	if (label_key_has(key, "收到和处理政府信息公开申请") || label_key_has(key, "勾稽关系") ||
	    (l->has_values && label_key_has(key, "本年新收政府信息公开申请")))
		return REGION_REQUESTS;
	if (label_key_has(key, "行政复议行政诉讼"))
		return REGION_APPEALS;
	if (label_key_has(key, "主动公开政府信息情况") || label_key_has(key, "第二十条第"))
		return REGION_DISCLOSURE;
	if (label_key_has(key, "存在的主要问题") || label_key_has(key, "其他需要报告") ||
	    label_key_has(key, "总体情况"))
		return REGION_NONE;
	return r->region;
}

/* The report year decides the layout (legal-facts §1.10). */
static void settle_year_layout(struct reader *r)
{
	if (!r->s->layout)
		r->s->layout = layout_for_year(r->s->year);
}

static bool all_digits(struct str s)
{
	for (size_t i = 0; i < s.len; i++)
		if (s.ptr[i] < '0' || s.ptr[i] > '9')
			return false;
	return s.len > 0;
}

/* s is “-1-”, “—3—”: dashes around a page number, in one token. */
static bool dashed_number(struct str s)
{
	char fold[8];
	size_t n, lead = 0, tail = 0;

	while (lead < s.len && !(s.ptr[lead] >= '0' && s.ptr[lead] <= '9'))
		lead++;
	while (tail < s.len - lead && !(s.ptr[s.len - 1 - tail] >= '0' &&
					s.ptr[s.len - 1 - tail] <= '9'))
		tail++;
	if (!lead || !tail || s.len - lead - tail > 4)
		return false;
	n = label_fold(s, fold, sizeof(fold));
	return all_digits((struct str){fold, n}) &&
	       label_is_blank_marker((struct str){s.ptr, lead}) &&
	       label_is_blank_marker((struct str){s.ptr + s.len - tail, tail});
}

/*
 * Page numbers that text extraction leaves inside tables: “-1-”, “— 3 —”,
 * “第 3 页”, or a lone centred number just before a new page.
 */
static bool is_footer(const struct line *l, bool page_ends)
{
	struct str t = trim_space(l->raw), key = key_of(l);
	const struct tok *a = &l->tok[0];
	size_t indent = (size_t)(t.ptr - l->raw.ptr);

	if (l->n == 3 && a->kind == TOK_BLANK && l->tok[2].kind == TOK_BLANK &&
	    all_digits(l->tok[1].text) && l->tok[1].text.len <= 4)
		return true;
	if (l->n == 1 && dashed_number(a->text))
		return true;
	if (l->n == 1 && a->kind == TOK_VALUE && all_digits(a->text) && a->text.len <= 4)
		return page_ends && indent >= 8;
	return key.len >= 7 && key.len <= 30 && memcmp(key.ptr, "第", 3) == 0 &&
	       memcmp(key.ptr + key.len - 3, "页", 3) == 0;
}

/* True when only white space lies between p and the next form feed or the end. */
static bool page_ends_after(const char *p, const char *end)
{
	while (p < end) {
		if (*p == '\f')
			return true;
		if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
			return false;
		p++;
	}
	return true;
}

static void on_line(struct reader *r, struct line *l, bool page_ends)
{
	enum region next;

	tokenize(l);
	if (l->n == 0 || is_footer(l, page_ends))
		return;
	read_title(r, l);
	if (!r->s->year && !r->saw_table && label_key_has(key_of(l), "统计期限")) {
		size_t at;

		r->s->year = find_year(title_text(l->raw), &at);
	}
	next = heading_region(r, l);
	if (next != r->region) {
		r->region = next;
		if (next != REGION_NONE) {
			r->saw_table = true;
			settle_year_layout(r);
		}
		/* A heading line holds no numbers, except row A opening table 三. */
		if (next != REGION_REQUESTS || !l->has_values) {
			if (next == REGION_DISCLOSURE)
				disclosure_line(r, l);
			return;
		}
	}
	if (l->overflow)
		return;
	switch (r->region) {
	case REGION_DISCLOSURE:
		disclosure_line(r, l);
		break;
	case REGION_REQUESTS:
		requests_line(r, l);
		break;
	case REGION_APPEALS:
		appeals_line(r, l);
		break;
	case REGION_NONE:
		break;
	}
}

/* Without a year, the printed rows decide the layout when they agree. */
static void settle_layout(struct reader *r)
{
	settle_year_layout(r);
	if (r->s->layout)
		return;
	if (r->line_2021 && !r->line_2019)
		r->s->layout = layout_get(LAYOUT_2021);
	else if (r->line_2019 && !r->line_2021)
		r->s->layout = layout_get(LAYOUT_2019);
	else if (r->line_2019 && r->line_2021)
		keep(r, sheet_add_note(r->s, NOTE_MIXED_LAYOUT, r->line_2021, TABLE_COUNT, -1, -1,
				       "no report year found, and the tables mix the 2019 layout "
				       "(line %u) and the 2021 layout (line %u)",
				       r->line_2019, r->line_2021));
}

static void note_missing_tables(struct reader *r)
{
	static const char *const titles[TABLE_COUNT] = {
		[TABLE_DISCLOSURE] = "主动公开政府信息情况",
		[TABLE_REQUESTS] = "收到和处理政府信息公开申请情况",
		[TABLE_APPEALS] = "政府信息公开行政复议、行政诉讼情况",
	};

	for (int t = 0; t < TABLE_COUNT; t++)
		if (!r->s->has_table[t])
			keep(r, sheet_add_note(r->s, NOTE_MISSING_TABLE, 0, (enum report_table)t, -1,
					       -1, "table %s (%s) was not found",
					       layout_table_name((enum report_table)t), titles[t]));
}

enum gk_err report_read_text(struct str text, const char *name, struct sheet *s,
			     struct gk_errmsg *m)
{
	struct reader *r;
	struct line *l;
	const char *p, *end;
	enum gk_err err;
	uint32_t no = 0;

	if (!name)
		name = "(text)";
	err = check_text(text, name, m);
	if (err)
		return err;
	r = calloc(1, sizeof(*r));
	l = malloc(sizeof(*l));
	if (!r || !l) {
		free(r);
		free(l);
		return gk_errf(m, GK_ENOMEM, "%s: out of memory", name);
	}
	r->s = s;
	r->pending = r->last = REQ_ROW_COUNT;
	r->disc_pending = DISC_ROW_COUNT;

	p = text.ptr;
	end = text.ptr + text.len;
	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* UTF-8 byte order mark */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;

		l->raw = (struct str){p, (size_t)(stop - p)};
		l->no = ++no;
		on_line(r, l, page_ends_after(stop, end));
		p = nl ? nl + 1 : end;
	}

	settle_layout(r);
	finish_appeals(r);
	resolve_deferred(r);
	finish_requests(r);
	err = r->err;
	if (!err && !s->has_table[TABLE_DISCLOSURE] && !s->has_table[TABLE_REQUESTS] &&
	    !s->has_table[TABLE_APPEALS])
		err = gk_errf(m, GK_EFORMAT,
			      "%s: no annual report table (二 主动公开, 三 申请, 四 复议诉讼) "
			      "recognised",
			      name);
	else if (!err)
		note_missing_tables(r);
	else
		gk_errf(m, err, "%s: out of memory while reading", name);
	free(r);
	free(l);
	return err;
}
