/* Unit tests for web/chart_bars: the dashboard's bar chart is well-formed
 * SVG, says every number in words and in print (not by colour alone). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <libxml/parser.h>

#include "web/chart_bars.h"

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_bars(void **state)
{
	static const struct chart_bar bars[] = {{"1月", 12}, {"2月", 0}, {"3月", 7}, {"<4>", 3}};
	struct buf b;
	xmlDocPtr doc;

	(void)state;
	buf_init(&b, 1 << 20);
	chart_bars_svg("months", "每月收到的申请", "件", bars, 4, &b);
	assert_false(b.failed);
	doc = xmlReadMemory(b.data, (int)b.len, "bars.svg", "UTF-8", XML_PARSE_NONET);
	assert_non_null(doc);
	assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "svg");
	xmlFreeDoc(doc);
	assert_non_null(
	    strstr(b.data, "role=\"img\" aria-labelledby=\"months-title months-desc\""));
	assert_non_null(strstr(b.data, "<title id=\"months-title\">每月收到的申请</title>"));
	assert_non_null(strstr(
	    b.data, "<desc id=\"months-desc\">1月12件，2月0件，3月7件，&lt;4&gt;3件。</desc>"));
	/* A bar for each number above zero; every number printed. */
	assert_int_equal(count(b.data, "<rect "), 3);
	assert_non_null(strstr(b.data, ">12</text>"));
	assert_non_null(strstr(b.data, ">0</text>"));
	assert_null(strstr(b.data, "<script"));
	buf_release(&b);
}

static void test_all_zero(void **state)
{
	static const struct chart_bar bars[] = {{"予以公开", 0}, {"部分公开", 0}};
	struct buf b;
	xmlDocPtr doc;

	(void)state;
	buf_init(&b, 1 << 20);
	chart_bars_svg("outcomes", "办理结果", "件", bars, 2, &b);
	doc = xmlReadMemory(b.data, (int)b.len, "bars.svg", "UTF-8", XML_PARSE_NONET);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	assert_int_equal(count(b.data, "<rect "), 0);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bars),
	    cmocka_unit_test(test_all_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
