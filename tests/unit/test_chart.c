/* Unit tests for web/chart: the 年报 chart is well-formed SVG and says in
 * words what it draws. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <libxml/parser.h>

#include "web/chart.h"

static const struct chart_year years[] = {
	{2023, 120, {40, 10, 5, 30, 8, 2}},
	{2024, 98, {50, 6, 1, 20, 4, 3}},
};

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_svg_is_xml_with_every_bar(void **state)
{
	struct buf b;
	xmlDocPtr doc;

	(void)state;
	buf_init(&b, 1 << 20);
	chart_outcomes_svg(years, 2, &b);
	assert_false(b.failed);
	doc = xmlReadMemory(b.data, (int)b.len, "chart.svg", "UTF-8", XML_PARSE_NONET);
	assert_non_null(doc);
	assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "svg");
	xmlFreeDoc(doc);
	/* 12 non-empty segments, 6 legend swatches; 5 of the 6 groups carry a
	 * pattern over the colour (not colour alone), in bars and legend. */
	assert_int_equal(count(b.data, "fill=\"url(#"), 5 + 5 + 5);
	assert_non_null(strstr(b.data, ">2023</text>"));
	assert_non_null(strstr(b.data, ">收120</text>"));
	assert_non_null(strstr(b.data, "<title id=\"chart-title\">"));
	assert_null(strstr(b.data, "<script"));
	buf_release(&b);
}

static void test_text_summary(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 16);
	chart_outcomes_text(years, 2, &b);
	assert_string_equal(
		buf_cstr(&b),
		"2023年收到申请120件、办结95件（予以公开40件，部分公开10件，不予公开5件，"
		"无法提供30件，不予处理8件，其他处理2件）；2024年收到申请98件、办结84件（予以公开50件，"
		"部分公开6件，不予公开1件，无法提供20件，不予处理4件，其他处理3件）。");
	buf_reset(&b);
	chart_outcomes_text(years, 0, &b);
	assert_string_equal(buf_cstr(&b), "暂无数据。");
	buf_release(&b);
}

static void test_empty_chart_is_valid(void **state)
{
	struct buf b;
	xmlDocPtr doc;

	(void)state;
	buf_init(&b, 1 << 16);
	chart_outcomes_svg(years, 0, &b);
	doc = xmlReadMemory(b.data, (int)b.len, "chart.svg", "UTF-8", XML_PARSE_NONET);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_svg_is_xml_with_every_bar),
		cmocka_unit_test(test_text_summary),
		cmocka_unit_test(test_empty_chart_is_valid),
	};
	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
