/*
 * chart_bars.h: a plain bar chart as server-rendered SVG, for the back
 * office's dashboard (applications per month, results by group).
 *
 * One bar per item, its number printed above it and its label below, so
 * nothing is read from colour (GB/T 37668); the <svg> has role="img" and
 * is named by its <title> and described by its <desc> (aria-labelledby),
 * which state every number in words for screen readers. No script, no
 * external resource (the CSP forbids both). The page shows the same data
 * as a table next to the chart.
 */
#ifndef GK_WEB_CHART_BARS_H
#define GK_WEB_CHART_BARS_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

struct chart_bar {
	const char *label; /* "1月", "予以公开" */
	int64_t value;	   /* 0 or more */
};

/*
 * Append the <svg> for bars[0..n) to out. id (letters, digits, '-') makes
 * the title and desc ids unique on the page; title names the chart, unit
 * follows each number in the description ("件").
 */
void chart_bars_svg(const char *id, const char *title, const char *unit,
		    const struct chart_bar *bars, size_t n, struct buf *out);

#endif
