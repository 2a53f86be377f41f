/*
 * chart.h: the 年报 page's plain-language chart, as server-rendered SVG.
 *
 * One bar per year: the applications closed that year stacked by result
 * group of table 三 (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理),
 * with the number received printed above it. No script, no external
 * resource (the CSP forbids both); each group has a pattern as well as a
 * colour so that the chart does not rely on colour alone (GB/T 37668), and
 * the SVG carries <title>/<desc> plus a text summary for screen readers.
 */
#ifndef GK_WEB_CHART_H
#define GK_WEB_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

enum chart_group {
	CHART_DISCLOSED, /* （一）予以公开 */
	CHART_PARTLY,	 /* （二）部分公开 */
	CHART_WITHHELD,	 /* （三）不予公开 */
	CHART_UNABLE,	 /* （四）无法提供 */
	CHART_NOT_HANDLED, /* （五）不予处理 */
	CHART_OTHER,	 /* （六）其他处理 */
	CHART_GROUP_COUNT
};

struct chart_year {
	int year;
	int64_t received; /* 本年新收 */
	int64_t closed[CHART_GROUP_COUNT];
};

/* Chinese name of a group, e.g. "予以公开". */
const char *chart_group_name(enum chart_group g);

/* Append the SVG (a complete <svg> element) for years[0..n) in order. */
void chart_outcomes_svg(const struct chart_year *years, size_t n, struct buf *out);

/* A one-paragraph text summary of the same data, for the alt text. */
void chart_outcomes_text(const struct chart_year *years, size_t n, struct buf *out);

#endif
