#include "report/grid.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void grid_init(struct grid *g)
{
	*g = (struct grid){0};
}

void grid_release(struct grid *g)
{
	for (size_t i = 0; i < g->n_origins; i++)
		free(g->origins[i].text);
	free(g->origins);
	free(g->at);
	grid_init(g);
}

uint32_t grid_origin_at(const struct grid *g, size_t row, size_t col)
{
	if (row >= g->cap_rows || col >= GRID_MAX_COLS)
		return 0;
	return g->at[row * GRID_MAX_COLS + col];
}

const struct grid_origin *grid_at(const struct grid *g, size_t row, size_t col)
{
	uint32_t o = grid_origin_at(g, row, col);

	return o ? &g->origins[o - 1] : NULL;
}

size_t grid_next_free(const struct grid *g, size_t row, size_t col)
{
	while (col < GRID_MAX_COLS && grid_origin_at(g, row, col))
		col++;
	return col;
}

/* Make rows [0, rows) addressable. */
static bool reserve_rows(struct grid *g, size_t rows)
{
	size_t cap = g->cap_rows ? g->cap_rows : 32;
	uint32_t *at;

	if (rows <= g->cap_rows)
		return true;
	while (cap < rows)
		cap *= 2;
	if (cap > GRID_MAX_ROWS)
		cap = GRID_MAX_ROWS;
	at = realloc(g->at, cap * GRID_MAX_COLS * sizeof(*at));
	if (!at)
		return false;
	memset(at + g->cap_rows * GRID_MAX_COLS, 0,
	       (cap - g->cap_rows) * GRID_MAX_COLS * sizeof(*at));
	g->at = at;
	g->cap_rows = cap;
	return true;
}

/* Length of the white space character at p (0 when there is none). */
static size_t space_len(const unsigned char *p, size_t left)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
		return 1;
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) /* U+00A0 &nbsp; */
		return 2;
	if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 */
		return 3;
	/* U+200B zero-width space, U+FEFF byte order mark */
	if (left >= 3 && ((p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B) ||
			  (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)))
		return 3;
	return 0;
}

char *grid_normalise_text(struct str text)
{
	const unsigned char *p = (const unsigned char *)text.ptr;
	size_t left = text.len, n = 0, cap = text.len < GRID_MAX_TEXT ? text.len : GRID_MAX_TEXT;
	bool pending_space = false;
	char *out = malloc(cap + 1);

	if (!out)
		return NULL;
	while (left) {
		size_t sp = space_len(p, left);

		if (sp) {
			pending_space = n > 0;
			p += sp;
			left -= sp;
			continue;
		}
		if (n + (pending_space ? 1 : 0) + 1 > cap)
			break;
		if (pending_space)
			out[n++] = ' ';
		pending_space = false;
		out[n++] = (char)*p++;
		left--;
	}
	/* Do not end inside a UTF-8 sequence cut by the cap. */
	if (left) {
		size_t lead = n, need;

		while (lead > 0 && ((unsigned char)out[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead > 0 && (unsigned char)out[lead - 1] >= 0xC0) {
			unsigned char b = (unsigned char)out[lead - 1];

			need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
			if (n - (lead - 1) < need)
				n = lead - 1;
		}
	}
	out[n] = '\0';
	return out;
}

/* Store a new origin; returns its index + 1, or 0 when memory ran out. */
static uint32_t add_origin(struct grid *g, struct str text, uint32_t line)
{
	char *copy;

	if (g->n_origins == g->cap_origins) {
		size_t cap = g->cap_origins ? g->cap_origins * 2 : 64;
		struct grid_origin *grown = realloc(g->origins, cap * sizeof(*grown));

		if (!grown)
			return 0;
		g->origins = grown;
		g->cap_origins = cap;
	}
	copy = grid_normalise_text(text);
	if (!copy)
		return 0;
	g->origins[g->n_origins] = (struct grid_origin){copy, line};
	return (uint32_t)++g->n_origins;
}

/* Clip [start, start + span) to [0, max); returns the end (exclusive). */
static size_t clip_end(size_t start, size_t span, size_t max)
{
	if (span == 0)
		span = 1;
	return span > max - start ? max : start + span;
}

/*
 * Cover the rectangle with origin o; overwrite decides whether covered
 * positions change. Past the work budget only (r0, c0) is covered.
 */
static void cover(struct grid *g, size_t r0, size_t c0, size_t r1, size_t c1, uint32_t o,
		  bool overwrite)
{
	size_t area = (r1 - r0) * (c1 - c0);

	if (area > GRID_MAX_WORK - g->work) {
		r1 = r0 + 1;
		c1 = c0 + 1;
		area = g->work < GRID_MAX_WORK ? 1 : 0;
	}
	g->work += area;
	for (size_t r = r0; r < r1; r++)
		for (size_t c = c0; c < c1; c++) {
			uint32_t *slot = &g->at[r * GRID_MAX_COLS + c];

			if (overwrite || !*slot)
				*slot = o;
		}
	if (r1 > g->n_rows)
		g->n_rows = r1;
	if (c1 > g->n_cols)
		g->n_cols = c1;
}

enum gk_err grid_put(struct grid *g, size_t row, size_t col, size_t rowspan, size_t colspan,
		     struct str text, uint32_t line)
{
	size_t r1, c1;
	uint32_t o;

	if (row >= GRID_MAX_ROWS || col >= GRID_MAX_COLS || g->n_origins >= GRID_MAX_ORIGINS)
		return GK_OK;
	r1 = clip_end(row, rowspan, GRID_MAX_ROWS);
	c1 = clip_end(col, colspan, GRID_MAX_COLS);
	if (!reserve_rows(g, r1))
		return GK_ENOMEM;
	o = add_origin(g, text, line);
	if (!o)
		return GK_ENOMEM;
	cover(g, row, col, r1, c1, o, false);
	return GK_OK;
}

enum gk_err grid_merge(struct grid *g, size_t r0, size_t c0, size_t r1, size_t c1)
{
	uint32_t o;

	if (r0 >= GRID_MAX_ROWS || c0 >= GRID_MAX_COLS || r1 < r0 || c1 < c0)
		return GK_OK;
	r1 = clip_end(r0, r1 - r0 + 1, GRID_MAX_ROWS);
	c1 = clip_end(c0, c1 - c0 + 1, GRID_MAX_COLS);
	if (!reserve_rows(g, r1))
		return GK_ENOMEM;
	o = grid_origin_at(g, r0, c0);
	if (!o) {
		if (g->n_origins >= GRID_MAX_ORIGINS)
			return GK_OK;
		o = add_origin(g, (struct str){"", 0}, 0);
		if (!o)
			return GK_ENOMEM;
	}
	cover(g, r0, c0, r1, c1, o, true);
	return GK_OK;
}
