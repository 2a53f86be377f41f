#include "report/sheet.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Longest quote of an unreadable cell kept in its note. */
#define UNREADABLE_QUOTE_MAX 40

struct sheet *sheet_new(void)
{
	return calloc(1, sizeof(struct sheet));
}

void sheet_free(struct sheet *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_notes; i++)
		free(s->notes[i].text);
	free(s->notes);
	for (int i = 0; i < SECTION_COUNT; i++)
		free(s->sections[i]);
	free(s->agency);
	free(s->title);
	free(s);
}

static enum gk_err replace_string(char **slot, struct str value)
{
	char *copy = malloc(value.len + 1);

	if (!copy)
		return GK_ENOMEM;
	if (value.len)
		memcpy(copy, value.ptr, value.len);
	copy[value.len] = '\0';
	free(*slot);
	*slot = copy;
	return GK_OK;
}

enum gk_err sheet_set_agency(struct sheet *s, struct str agency)
{
	return replace_string(&s->agency, agency);
}

enum gk_err sheet_set_title(struct sheet *s, struct str title)
{
	return replace_string(&s->title, title);
}

/* True when line holds only white space: ASCII, or the ideographic U+3000. */
static bool is_blank_line(struct str line)
{
	for (size_t i = 0; i < line.len;) {
		if (line.ptr[i] == ' ' || line.ptr[i] == '\t' || line.ptr[i] == '\r' ||
		    line.ptr[i] == '\f' || line.ptr[i] == '\v')
			i++;
		else if (line.len - i >= 3 && !memcmp(line.ptr + i, "\u3000", 3))
			i += 3;
		else
			return false;
	}
	return true;
}

bool sheet_next_paragraph(struct str *rest, struct str *para)
{
	struct str line, left = *rest;
	const char *start = NULL, *end = NULL;

	while (left.ptr && left.len) {
		left = str_split(left, '\n', &line);
		if (is_blank_line(line)) {
			if (start)
				break;
			continue;
		}
		if (!start)
			start = line.ptr;
		end = line.ptr + line.len;
	}
	*rest = left;
	if (!start)
		return false;
	*para = str_trim((struct str){start, (size_t)(end - start)});
	/* Trailing U+3000 / U+00A0 too; a leading U+3000 indent is the text's own. */
	for (;;) {
		if (para->len >= 3 && !memcmp(para->ptr + para->len - 3, "\u3000", 3))
			para->len -= 3;
		else if (para->len >= 2 && !memcmp(para->ptr + para->len - 2, "\u00a0", 2))
			para->len -= 2;
		else
			break;
		*para = str_trim(*para);
	}
	return true;
}

enum gk_err sheet_set_section(struct sheet *s, enum report_section which, struct str text)
{
	struct str rest = text, para;

	if ((unsigned)which >= SECTION_COUNT)
		return GK_EINVAL;
	if (!sheet_next_paragraph(&rest, &para)) {
		free(s->sections[which]);
		s->sections[which] = NULL;
		return GK_OK;
	}
	return replace_string(&s->sections[which], text);
}

bool sheet_has_sections(const struct sheet *s)
{
	for (int i = 0; i < SECTION_COUNT; i++)
		if (s->sections[i])
			return true;
	return false;
}

/* Headings as in both format notices (legal-facts §1.3); ids for JSON. */
static const struct {
	const char *heading, *id;
} sections[SECTION_COUNT] = {
	[SECTION_OVERVIEW] = {"一、总体情况", "overview"},
	[SECTION_PROBLEMS] = {"五、存在的主要问题及改进情况", "problems"},
	[SECTION_OTHER] = {"六、其他需要报告的事项", "other"},
};

const char *sheet_section_heading(enum report_section which)
{
	return (unsigned)which < SECTION_COUNT ? sections[which].heading : "?";
}

const char *sheet_section_id(enum report_section which)
{
	return (unsigned)which < SECTION_COUNT ? sections[which].id : "?";
}

enum report_section sheet_section_by_id(struct str id)
{
	for (int i = 0; i < SECTION_COUNT; i++)
		if (str_eq_cstr(id, sections[i].id))
			return (enum report_section)i;
	return SECTION_COUNT;
}

const struct sheet_cell *sheet_cell_const(const struct sheet *s, enum report_table t, int row,
					  int col)
{
	if (row < 0 || col < 0)
		return NULL;
	switch (t) {
	case TABLE_REQUESTS:
		if (row >= REQ_ROW_COUNT || col >= REQ_COL_COUNT)
			return NULL;
		return &s->requests[row][col];
	case TABLE_APPEALS:
		if (row >= APPEAL_ROW_COUNT || col >= APPEAL_COL_COUNT)
			return NULL;
		return &s->appeals[row][col];
	case TABLE_DISCLOSURE:
		if (row >= DISC_ROW_COUNT || col >= DISC_COL_MAX)
			return NULL;
		return &s->disclosure[row][col];
	default:
		return NULL;
	}
}

struct sheet_cell *sheet_cell(struct sheet *s, enum report_table t, int row, int col)
{
	return (struct sheet_cell *)sheet_cell_const(s, t, row, col);
}

bool sheet_set_number(struct sheet *s, enum report_table t, int row, int col,
		      struct sheet_num num, uint32_t line)
{
	struct sheet_cell *c = sheet_cell(s, t, row, col);

	if (!c)
		return false;
	*c = (struct sheet_cell){CELL_NUMBER, num, line};
	s->has_table[t] = true;
	return true;
}

bool sheet_set_count(struct sheet *s, enum report_table t, int row, int col, int64_t value,
		     uint32_t line)
{
	return sheet_set_number(s, t, row, col, sheet_num_int(value), line);
}

bool sheet_set_unreadable(struct sheet *s, enum report_table t, int row, int col,
			  struct str printed, uint32_t line)
{
	struct sheet_cell *c = sheet_cell(s, t, row, col);
	size_t n = printed.len;

	if (!c)
		return false;
	*c = (struct sheet_cell){CELL_UNREADABLE, {0, 0}, line};
	s->has_table[t] = true;
	if (n > UNREADABLE_QUOTE_MAX) {
		/* Cut on a UTF-8 character boundary. */
		n = UNREADABLE_QUOTE_MAX;
		while (n > 0 && ((unsigned char)printed.ptr[n] & 0xC0) == 0x80)
			n--;
	}
	/* A failed note only loses the quote; the cell is already marked. */
	sheet_add_note(s, NOTE_UNREADABLE_CELL, line, t, row, col, "“%.*s” is not a number",
		       (int)n, printed.ptr);
	return true;
}

enum gk_err sheet_add_note(struct sheet *s, enum sheet_note_kind kind, uint32_t line,
			   enum report_table t, int row, int col, const char *fmt, ...)
{
	va_list ap;
	char msg[512];
	char *text;

	if (s->n_notes >= SHEET_MAX_NOTES) {
		s->dropped_notes++;
		return GK_OK;
	}
	if (s->n_notes == s->cap_notes) {
		size_t cap = s->cap_notes ? s->cap_notes * 2 : 8;
		struct sheet_note *grown = realloc(s->notes, cap * sizeof(*grown));

		if (!grown)
			return GK_ENOMEM;
		s->notes = grown;
		s->cap_notes = cap;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	text = strdup(msg);
	if (!text)
		return GK_ENOMEM;
	s->notes[s->n_notes++] = (struct sheet_note){kind, line, t, row, col, text};
	return GK_OK;
}

const char *sheet_note_kind_name(enum sheet_note_kind kind)
{
	static const char *const names[NOTE_KIND_COUNT] = {
		[NOTE_MIXED_LAYOUT] = "mixed_layout",
		[NOTE_UNREADABLE_CELL] = "unreadable_cell",
		[NOTE_LABEL_DEVIATION] = "label_deviation",
		[NOTE_MISSING_ROW] = "missing_row",
		[NOTE_MISSING_TABLE] = "missing_table",
		[NOTE_OTHER] = "other",
	};

	if ((unsigned)kind >= NOTE_KIND_COUNT)
		return "unknown";
	return names[kind];
}

/*
 * The ASCII character for one printed character at *p (ASCII itself, or
 * the full-width forms U+FF0B ＋, U+FF0C ，, U+FF0D －, U+FF0E ．,
 * U+FF10–U+FF19 ０–９, which are EF BC 8B…99). Advances *p; returns 0 for
 * anything else.
 */
static char next_char(const char **p, const char *end)
{
	const unsigned char *u = (const unsigned char *)*p;

	if (u[0] < 0x80) {
		(*p)++;
		return (char)u[0];
	}
	if (end - *p >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x8B && u[2] <= 0x99) {
		*p += 3;
		return (char)(u[2] - 0x8B + '+');
	}
	return 0;
}

bool sheet_parse_number(struct str text, enum value_kind kind, struct sheet_num *out)
{
	struct str t = str_trim(text);
	const char *p = t.ptr, *end = t.ptr + t.len;
	int64_t mant = 0;
	int scale = 0, digits = 0, group_digits = -1;
	bool negative = false, fraction = false;
	char c;

	if (!t.len)
		return false;
	if (kind == VALUE_SIGNED) {
		const char *q = p;

		c = next_char(&q, end);
		if (c == '-' || c == '+') {
			negative = c == '-';
			p = q;
		}
	}
	while (p < end) {
		c = next_char(&p, end);
		if (c >= '0' && c <= '9') {
			if (mant > SHEET_NUM_MAX_MANT / 10)
				return false;
			mant = mant * 10 + (c - '0');
			digits++;
			if (fraction && ++scale > SHEET_NUM_MAX_SCALE)
				return false;
			if (group_digits >= 0 && !fraction)
				group_digits++;
		} else if (c == ',' && !fraction && digits > 0 &&
			   (group_digits < 0 || group_digits == 3)) {
			/* A thousands separator: 1,234 — groups of exactly 3. */
			group_digits = 0;
		} else if (c == '.' && kind == VALUE_AMOUNT && !fraction && digits > 0 &&
			   (group_digits < 0 || group_digits == 3)) {
			fraction = true;
			group_digits = -1;
		} else {
			return false;
		}
	}
	if (!digits || (fraction && scale == 0) || (group_digits >= 0 && group_digits != 3))
		return false;
	if (mant > SHEET_NUM_MAX_MANT)
		return false;
	out->mant = negative ? -mant : mant;
	out->scale = (uint8_t)scale;
	return true;
}

struct sheet_num sheet_num_int(int64_t value)
{
	return (struct sheet_num){value, 0};
}

int sheet_num_cmp(struct sheet_num a, struct sheet_num b)
{
	/* Scaling a 15-digit mantissa by 10^6 could overflow int64, so compare
	 * the integer parts first, then the fractions at the common scale. */
	static const int64_t pow10[SHEET_NUM_MAX_SCALE + 1] = {1,     10,     100,    1000,
							       10000, 100000, 1000000};
	int64_t ai = a.mant / pow10[a.scale], bi = b.mant / pow10[b.scale];
	int64_t af, bf;
	int scale = a.scale > b.scale ? a.scale : b.scale;

	if (ai != bi)
		return ai < bi ? -1 : 1;
	af = (a.mant % pow10[a.scale]) * pow10[scale - a.scale];
	bf = (b.mant % pow10[b.scale]) * pow10[scale - b.scale];
	return af < bf ? -1 : af > bf;
}

char *sheet_num_format(struct sheet_num n, char out[SHEET_NUM_STRLEN])
{
	char digits[SHEET_NUM_STRLEN];
	uint64_t mag = n.mant < 0 ? (uint64_t)0 - (uint64_t)n.mant : (uint64_t)n.mant;
	int len, lead, pos = 0;

	len = snprintf(digits, sizeof(digits), "%0*llu", n.scale + 1, (unsigned long long)mag);
	lead = len - n.scale;
	if (n.mant < 0)
		out[pos++] = '-';
	memcpy(out + pos, digits, (size_t)lead);
	pos += lead;
	if (n.scale) {
		out[pos++] = '.';
		memcpy(out + pos, digits + lead, n.scale);
		pos += n.scale;
	}
	out[pos] = '\0';
	return out;
}
