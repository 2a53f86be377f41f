/*
 * chart.c: stacked bars in SVG, laid out by hand (a few rectangles and
 * labels; no library would be smaller). Coordinates are whole pixels of a
 * 720 × 320 viewBox, which the page scales.
 */
#include "web/chart.h"

#include "base/banned.h"

#define W 720
#define H 320
#define LEFT 56
#define RIGHT 150 /* room for the legend */
#define TOP 28
#define BOTTOM 40

static const struct {
	const char *name;
	const char *fill;
	const char *pattern; /* id of the pattern drawn over the colour */
} groups[CHART_GROUP_COUNT] = {
	[CHART_DISCLOSED] = {"予以公开", "#2e7d32", NULL},
	[CHART_PARTLY] = {"部分公开", "#7cb342", "dots"},
	[CHART_WITHHELD] = {"不予公开", "#c62828", "hatch"},
	[CHART_UNABLE] = {"无法提供", "#f9a825", "cross"},
	[CHART_NOT_HANDLED] = {"不予处理", "#6d4c41", "vlines"},
	[CHART_OTHER] = {"其他处理", "#78909c", "hlines"},
};

const char *chart_group_name(enum chart_group g)
{
	return (unsigned)g < CHART_GROUP_COUNT ? groups[g].name : "?";
}

static int64_t total_closed(const struct chart_year *y)
{
	int64_t n = 0;

	for (int g = 0; g < CHART_GROUP_COUNT; g++)
		n += y->closed[g];
	return n;
}

/* A round step (1, 2, 5 × 10^k) that puts at most five grid lines up to max. */
static int64_t axis_step(int64_t max)
{
	static const int64_t mult[] = {1, 2, 5};

	for (int64_t base = 1;; base *= 10)
		for (size_t i = 0; i < sizeof(mult) / sizeof(mult[0]); i++)
			if (max / (base * mult[i]) <= 5)
				return base * mult[i];
}

static void defs(struct buf *out)
{
	buf_puts(out,
		 "<defs>"
		 "<pattern id=\"dots\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
		 "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#000\" fill-opacity=\"0.45\"/></pattern>"
		 "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
		 "<path d=\"M0 6L6 0\" stroke=\"#000\" stroke-opacity=\"0.45\"/></pattern>"
		 "<pattern id=\"cross\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
		 "<path d=\"M0 0L6 6M6 0L0 6\" stroke=\"#000\" stroke-opacity=\"0.4\"/></pattern>"
		 "<pattern id=\"vlines\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
		 "<path d=\"M2.5 0V5\" stroke=\"#fff\" stroke-opacity=\"0.6\"/></pattern>"
		 "<pattern id=\"hlines\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
		 "<path d=\"M0 2.5H5\" stroke=\"#fff\" stroke-opacity=\"0.7\"/></pattern>"
		 "</defs>");
}

static void rect(struct buf *out, int x, int y, int w, int h, enum chart_group g)
{
	buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x, y, w,
		   h, groups[g].fill);
	if (groups[g].pattern)
		buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#%s)\"/>",
			   x, y, w, h, groups[g].pattern);
}

static void legend(struct buf *out)
{
	for (int g = 0; g < CHART_GROUP_COUNT; g++) {
		int y = TOP + 4 + g * 24;

		rect(out, W - RIGHT + 16, y, 16, 16, (enum chart_group)g);
		buf_printf(out,
			   "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#1a1a1a\">%s</text>",
			   W - RIGHT + 38, y + 13, groups[g].name);
	}
}

void chart_outcomes_svg(const struct chart_year *years, size_t n, struct buf *out)
{
	int64_t max = 1, step;
	int plot_w = W - LEFT - RIGHT, plot_h = H - TOP - BOTTOM;
	int slot = n ? plot_w / (int)n : plot_w, bar = slot * 3 / 5;
	struct buf summary;

	for (size_t i = 0; i < n; i++) {
		if (total_closed(&years[i]) > max)
			max = total_closed(&years[i]);
		if (years[i].received > max)
			max = years[i].received;
	}
	step = axis_step(max);
	max = (max / step + 1) * step;
	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		   "height=\"%d\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
		   "font-family=\"sans-serif\">",
		   W, H, W, H);
	buf_puts(out, "<title id=\"chart-title\">历年办结的政府信息公开申请（按办理结果）</title>");
	buf_init(&summary, 1 << 16);
	chart_outcomes_text(years, n, &summary);
	buf_puts(out, "<desc id=\"chart-desc\">");
	buf_puts(out, buf_cstr(&summary)); /* digits and fixed Chinese: nothing to escape */
	buf_puts(out, "</desc>");
	buf_release(&summary);
	defs(out);
	buf_printf(out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>", W, H);
	for (int64_t v = 0; v <= max; v += step) {
		int y = TOP + plot_h - (int)(v * plot_h / max);

		buf_printf(out,
			   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d0d0d0\"/>"
			   "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" "
			   "fill=\"#1a1a1a\">%lld</text>",
			   LEFT, y, LEFT + plot_w, y, LEFT - 6, y + 4, (long long)v);
	}
	for (size_t i = 0; i < n; i++) {
		int x = LEFT + (int)i * slot + (slot - bar) / 2, y = TOP + plot_h;

		for (int g = 0; g < CHART_GROUP_COUNT; g++) {
			int h = (int)(years[i].closed[g] * plot_h / max);

			if (h <= 0)
				continue;
			y -= h;
			rect(out, x, y, bar, h, (enum chart_group)g);
		}
		buf_printf(out,
			   "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
			   "fill=\"#1a1a1a\">收%lld</text>"
			   "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" "
			   "fill=\"#1a1a1a\">%d</text>",
			   x + bar / 2, TOP + plot_h - (int)(years[i].received * plot_h / max) - 4,
			   (long long)years[i].received, x + bar / 2, TOP + plot_h + 18, years[i].year);
	}
	legend(out);
	buf_puts(out, "</svg>\n");
}

void chart_outcomes_text(const struct chart_year *years, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		buf_printf(out, "%s%d年收到申请%lld件、办结%lld件（", i ? "；" : "", years[i].year,
			   (long long)years[i].received, (long long)total_closed(&years[i]));
		for (int g = 0; g < CHART_GROUP_COUNT; g++)
			buf_printf(out, "%s%s%lld件", g ? "，" : "", groups[g].name,
				   (long long)years[i].closed[g]);
		buf_puts(out, "）");
	}
	buf_puts(out, n ? "。" : "暂无数据。");
}
