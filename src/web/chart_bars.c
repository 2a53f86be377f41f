/*
 * chart_bars.c: bars in SVG, laid out by hand. See chart_bars.h.
 */
#include "web/chart_bars.h"

#include "base/banned.h"

#define H      260
#define LEFT   48
#define RIGHT  16
#define TOP    28
#define BOTTOM 44
#define SLOT   56 /* width per bar, gap included */
#define BAR    34

/* Text for XML: & < > " escaped (labels and titles are ours, but still). */
static void xml_text(struct buf *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		default:
			buf_putc(out, *s);
		}
}

/* A round step (1, 2, 5 × 10^k) that puts at most four grid lines up to max. */
static int64_t axis_step(int64_t max)
{
	static const int64_t mult[] = {1, 2, 5};

	for (int64_t base = 1;; base *= 10)
		for (size_t i = 0; i < sizeof(mult) / sizeof(mult[0]); i++)
			if (max / (base * mult[i]) <= 4)
				return base * mult[i];
}

void chart_bars_svg(const char *id, const char *title, const char *unit,
		    const struct chart_bar *bars, size_t n, struct buf *out)
{
	int w = LEFT + RIGHT + (int)(n ? n : 1) * SLOT, plot = H - TOP - BOTTOM;
	int64_t max = 0, step;

	for (size_t i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	step = axis_step(max);
	/* The axis ends at the first grid line at or above the highest bar. */
	if (max % step || !max)
		max = (max / step + 1) * step;
	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		   "height=\"%d\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" "
		   "class=\"chart\">",
		   w, H, w, H, id, id);
	buf_printf(out, "<title id=\"%s-title\">", id);
	xml_text(out, title);
	buf_printf(out, "</title><desc id=\"%s-desc\">", id);
	for (size_t i = 0; i < n; i++) {
		xml_text(out, bars[i].label);
		buf_printf(out, "%lld%s%s", (long long)bars[i].value, unit ? unit : "",
			   i + 1 < n ? "，" : "。");
	}
	buf_puts(out, "</desc>");
	/* Grid lines with their numbers, then the baseline. */
	for (int64_t v = step; v <= max; v += step) {
		int y = TOP + plot - (int)(v * plot / max);

		buf_printf(out,
			   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
			   "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" "
			   "fill=\"#555\">%lld</text>",
			   LEFT, y, w - RIGHT, y, LEFT - 6, y + 4, (long long)v);
	}
	buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT,
		   TOP + plot, w - RIGHT, TOP + plot);
	for (size_t i = 0; i < n; i++) {
		int x = LEFT + (int)i * SLOT + (SLOT - BAR) / 2;
		int h = (int)(bars[i].value * plot / max);
		int y = TOP + plot - h;

		if (h)
			buf_printf(out,
				   "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
				   "fill=\"#0b4a8b\"/>",
				   x, y, BAR, h);
		buf_printf(out,
			   "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" "
			   "fill=\"#111\">%lld</text>",
			   x + BAR / 2, y - 6, (long long)bars[i].value);
		buf_printf(out,
			   "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" "
			   "fill=\"#111\">",
			   x + BAR / 2, TOP + plot + 20);
		xml_text(out, bars[i].label);
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</svg>");
}
