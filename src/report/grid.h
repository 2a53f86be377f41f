/*
 * grid.h: a table as a rectangle of cells, with row and column spans
 * expanded.
 *
 * Published reports lay tables 三 and 四 out with merged cells (legal-facts
 * §1.6–1.7: 三、本年度办理结果 spans 20 or 22 rows, 法人或其他组织 spans 5
 * columns …). The HTML and spreadsheet readers place every printed cell
 * into a grid, which copies it into each position it covers, so the
 * recogniser (read_grid.h) can ask "what is printed above this column" or
 * "which label covers this row" by plain indexing.
 *
 * Each printed cell is one origin: its text (white space collapsed, blank
 * when only white space or &nbsp; was printed) and its source line. The
 * positions it covers refer to the origin by number, so a spanning cell is
 * recognisable as one cell.
 *
 * Bounds: untrusted pages may claim rowspan="100000". The grid holds at
 * most GRID_MAX_ROWS × GRID_MAX_COLS positions and GRID_MAX_ORIGINS cells;
 * spans are clipped to it, and cells placed outside are dropped. Spans
 * that overlap again and again could still cost rows × columns each, so
 * the positions visited by all spans of a grid are budgeted
 * (GRID_MAX_WORK); past it, a cell covers its own position only. Report
 * tables are far smaller (table 四 is the widest: 15 values + labels).
 */
#ifndef GK_REPORT_GRID_H
#define GK_REPORT_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/str.h"

#define GRID_MAX_ROWS 2000
#define GRID_MAX_COLS 64
#define GRID_MAX_ORIGINS 20000
#define GRID_MAX_WORK (8u * GRID_MAX_ROWS * GRID_MAX_COLS)
/* Longest text kept per cell, in bytes (cut on a character boundary). */
#define GRID_MAX_TEXT 2048

/* One printed cell. */
struct grid_origin {
	char *text;    /* owned, NUL-terminated; "" when blank */
	uint32_t line; /* 1-based source line, 0 when unknown */
};

struct grid {
	size_t n_rows; /* rows in use: 1 + the last row any cell covers */
	size_t n_cols; /* columns in use */
	size_t cap_rows;
	uint32_t *at; /* [cap_rows][GRID_MAX_COLS]: origin index + 1; 0 = empty */
	struct grid_origin *origins;
	size_t n_origins;
	size_t cap_origins;
	size_t work; /* positions visited by spans so far */
};

/* An empty grid. */
void grid_init(struct grid *g);
/* Free everything; the grid may be initialised again. */
void grid_release(struct grid *g);

/*
 * The first column at or right of col that no cell covers in row (the
 * HTML table model: a new <td> goes to the next free slot). Returns
 * GRID_MAX_COLS when the row is full.
 */
size_t grid_next_free(const struct grid *g, size_t row, size_t col);

/*
 * Print a cell with text at (row, col) covering rowspan × colspan
 * positions (0 counts as 1), clipped to the grid bounds. Positions
 * already covered keep their cell (overlapping spans are an authoring
 * error; the first cell wins). The text is copied and normalised: runs of
 * white space, &nbsp; (U+00A0), U+3000 and zero-width spaces become one
 * space, and the ends are trimmed. A cell wholly outside the bounds, or
 * past GRID_MAX_ORIGINS, is dropped. Returns GK_ENOMEM when memory ran
 * out, GK_OK otherwise.
 */
enum gk_err grid_put(struct grid *g, size_t row, size_t col, size_t rowspan, size_t colspan,
		     struct str text, uint32_t line);

/*
 * Make the rectangle (r0, c0)–(r1, c1) (inclusive, clipped) one merged
 * cell showing the cell at (r0, c0), as a spreadsheet's <mergeCell> does:
 * what other positions held is hidden. A blank top-left cell is created
 * when none was printed. Returns GK_ENOMEM when memory ran out.
 */
enum gk_err grid_merge(struct grid *g, size_t r0, size_t c0, size_t r1, size_t c1);

/*
 * A malloc'd copy of text normalised as grid_put() stores cell text (white
 * space collapsed, ends trimmed, at most GRID_MAX_TEXT bytes); the caller
 * frees it. NULL when memory ran out.
 */
char *grid_normalise_text(struct str text);

/* The origin index + 1 covering (row, col); 0 when empty or out of range. */
uint32_t grid_origin_at(const struct grid *g, size_t row, size_t col);

/* The cell covering (row, col); NULL when empty or out of range. */
const struct grid_origin *grid_at(const struct grid *g, size_t row, size_t col);

#endif
