/*
 * Unit tests for report/read_html: the official layouts with rowspan and
 * colspan (2019 and 2021), a page labelled gb2312 that holds a GBK-only
 * character, &nbsp; and other blanks, and a malformed page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report/read_html.h"
#include "report_fixture.h"

#define FIXTURES "tests/fixtures/reports/"

/* Read a fixture into a new sheet; the result is what report_read_html returned. */
static enum gk_err read_fixture(const char *file, struct sheet **out, struct gk_errmsg *m)
{
	size_t len;
	char *html = fixture_load(file, &len);
	enum gk_err err;

	*out = sheet_new();
	assert_non_null(*out);
	err = report_read_html((struct str){html, len}, file, *out, m);
	free(html);
	return err;
}

/* The 1-based line of the first line of file holding marker. */
static uint32_t line_of(const char *file, const char *marker)
{
	size_t len;
	char *text = fixture_load(file, &len);
	char *at = strstr(text, marker);
	uint32_t line = 1;

	assert_non_null(at);
	for (char *p = text; p < at; p++)
		line += *p == '\n';
	free(text);
	return line;
}

static void assert_requests(const struct sheet *s, const struct layout *l,
			    const long long want[][REQ_COL_COUNT])
{
	size_t k = 0;

	for (size_t i = 0; i < l->n_requests; i++) {
		if (l->requests[i].kind != LAYOUT_ROW_DATA)
			continue;
		for (int c = 0; c < REQ_COL_COUNT; c++)
			assert_cell_count(s, TABLE_REQUESTS, l->requests[i].row, c, want[k][c]);
		k++;
	}
}

/* Table 三 of official-2021.html in the layout's row order; 科研机构 is &nbsp;. */
static const long long requests_2021[25][REQ_COL_COUNT] = {
	{120, 8, BLANK, 1, 3, 0, 132}, /* A */
	{5, 1, BLANK, 0, 0, 0, 6},     /* B */
	{40, 3, BLANK, 0, 1, 0, 44},   /* C1 */
	{10, 1, BLANK, 0, 0, 0, 11},   /* C2 */
	{0, 0, BLANK, 0, 0, 0, 0},     {1, 0, BLANK, 0, 0, 0, 1}, {0, 0, BLANK, 0, 0, 0, 0},
	{2, 0, BLANK, 0, 0, 0, 2},     {0, 0, BLANK, 0, 0, 0, 0}, {3, 0, BLANK, 0, 0, 0, 3},
	{1, 0, BLANK, 0, 0, 0, 1},     {4, 0, BLANK, 0, 0, 0, 4}, /* C3.1–C3.8 */
	{30, 2, BLANK, 1, 1, 0, 34},   {5, 0, BLANK, 0, 0, 0, 5}, {2, 0, BLANK, 0, 0, 0, 2},
	{6, 0, BLANK, 0, 0, 0, 6},     {3, 1, BLANK, 0, 0, 0, 4}, {1, 0, BLANK, 0, 0, 0, 1},
	{0, 0, BLANK, 0, 0, 0, 0},     {0, 0, BLANK, 0, 0, 0, 0}, /* C5.1–C5.5 */
	{2, 0, BLANK, 0, 0, 0, 2},     {1, 0, BLANK, 0, 0, 0, 1}, {4, 1, BLANK, 0, 0, 0, 5},
	{115, 8, BLANK, 1, 2, 0, 126}, /* C7 */
	{10, 1, BLANK, 0, 1, 0, 12},   /* D */
};

static void test_official_2021(void **state)
{
	const char *file = FIXTURES "official-2021.html";
	static const long long appeals[APPEAL_ROW_COUNT][APPEAL_COL_COUNT] = {
		{1, 0, 1, 0, 2}, {0, 1, 0, 1, 2}, {0, 0, 0, 0, 0}};
	struct gk_errmsg m = {{0}};
	struct sheet *s;
	const struct sheet_cell *fee;

	(void)state;
	assert_int_equal(read_fixture(file, &s, &m), GK_OK);
	/* <title> names the site only; the <h1> is the report's title. */
	assert_int_equal(s->year, 2021);
	assert_string_equal(s->agency, "示例区人民政府");
	assert_string_equal(s->title, "示例区人民政府2021年政府信息公开工作年度报告");
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2021));
	assert_true(s->has_table[TABLE_DISCLOSURE] && s->has_table[TABLE_REQUESTS] &&
		    s->has_table[TABLE_APPEALS]);
	assert_requests(s, s->layout, requests_2021);
	assert_int_equal(s->requests[REQ_A][REQ_NATURAL_PERSON].line, line_of(file, "id=\"a-np\""));

	/* Table 二: one value spanning 3 columns per row in （五）（六）（八）. */
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_RULES, 2, 3);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_NORMATIVE, 0, 12);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_NORMATIVE, 1, 4);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_LICENSING, 0, 1532);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_PENALTY, 0, 214);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_ENFORCEMENT, 0, BLANK);
	fee = sheet_cell_const(s, TABLE_DISCLOSURE, DISC_FEES, 0);
	assert_int_equal(fee->state, CELL_NUMBER);
	assert_int_equal(fee->num.mant, 773028);
	assert_int_equal(fee->num.scale, 2);

	for (int r = 0; r < APPEAL_ROW_COUNT; r++)
		for (int c = 0; c < APPEAL_COL_COUNT; c++)
			assert_cell_count(s, TABLE_APPEALS, r, c, appeals[r][c]);
	assert_int_equal(s->n_notes, 0);
	sheet_free(s);
}

/* Table 三 of official-2019.html: blanks as the Shanghai 2019 report left them. */
#define B BLANK
static const long long requests_2019[23][REQ_COL_COUNT] = {
	{821, 35, B, B, 2, 1, 859}, /* A */
	{18, B, B, B, B, B, 18},     /* B */
	{258, 35, B, B, 2, B, B},    /* C1 */
	{3, B, B, B, B, B, B},	     /* C2 */
	{B, B, B, B, B, B, B},	     {B, B, B, B, B, B, B}, {B, B, B, B, B, B, B},
	{14, B, B, B, B, B, B},	     {B, B, B, B, B, B, B}, {5, B, B, B, B, B, B},
	{B, B, B, B, B, B, B},	     {3, B, B, B, B, B, B}, /* C3.1–C3.8 */
	{252, B, B, B, B, 1, B},     {10, B, B, B, B, B, B}, {44, B, B, B, B, B, B},
	{25, B, B, B, B, B, B},	     {148, B, B, B, B, B, B}, {B, B, B, B, B, B, B},
	{B, B, B, B, B, B, B},	     {B, B, B, B, B, B, B}, /* C5.1–C5.5 */
	{5, B, B, B, B, B, B},	     /* C6 */
	{767, 35, B, B, 2, 1, 805},  /* C7 */
	{72, B, B, B, B, B, 72},     /* D */
};
#undef B

static void test_official_2019(void **state)
{
	const char *file = FIXTURES "official-2019.html";
	static const long long appeals[APPEAL_ROW_COUNT][APPEAL_COL_COUNT] = {
		{5, 0, 0, 2, 7}, {8, 0, 0, 1, 9}, {0, 0, 0, 0, 0}};
	struct gk_errmsg m = {{0}};
	struct sheet *s;
	const struct sheet_cell *amount;

	(void)state;
	assert_int_equal(read_fixture(file, &s, &m), GK_OK);
	/* The site name after the title is cut. */
	assert_string_equal(s->title, "示例市人民政府办公厅2019年政府信息公开工作年度报告");
	assert_string_equal(s->agency, "示例市人民政府办公厅");
	assert_int_equal(s->year, 2019);
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2019));
	/* (一), 1、, ASCII quotes, <br> and spaces inside labels all match. */
	assert_requests(s, s->layout, requests_2019);

	/* 本年增/减 is signed; the （八） block has no third column. */
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_LICENSING, 0, 716);
	assert_int_equal(s->disclosure[DISC_LICENSING][1].num.mant, -417);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_PENALTY, 1, 5);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_OTHER_SERVICE, 0, BLANK);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_FEES, 0, 4);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_FEES, 2, BLANK);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_PROCUREMENT, 0, 3);
	/* “251000元” is printed with its unit: unreadable, with a note. */
	amount = sheet_cell_const(s, TABLE_DISCLOSURE, DISC_PROCUREMENT, 1);
	assert_int_equal(amount->state, CELL_UNREADABLE);
	assert_int_equal(count_notes(s, NOTE_UNREADABLE_CELL), 1);

	for (int r = 0; r < APPEAL_ROW_COUNT; r++)
		for (int c = 0; c < APPEAL_COL_COUNT; c++)
			assert_cell_count(s, TABLE_APPEALS, r, c, appeals[r][c]);
	assert_int_equal(count_notes(s, NOTE_MIXED_LAYOUT), 0);
	assert_int_equal(count_notes(s, NOTE_MISSING_ROW), 0);
	sheet_free(s);
}

static void test_gb2312_page_with_gbk_character(void **state)
{
	struct gk_errmsg m = {{0}};
	struct sheet *s;

	(void)state;
	/* Declared gb2312, but 镕 exists only in GBK: read as GB18030. */
	assert_int_equal(read_fixture(FIXTURES "gb2312-2020.html", &s, &m), GK_OK);
	assert_string_equal(s->agency, "镕城区人民政府");
	assert_int_equal(s->year, 2020);
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2019));
	/* A table without spans: one label column, group rows with &nbsp; only. */
	assert_cell_count(s, TABLE_REQUESTS, REQ_A, REQ_NATURAL_PERSON, 7);
	assert_cell_count(s, TABLE_REQUESTS, REQ_A, REQ_TOTAL, 8);
	assert_cell_count(s, TABLE_REQUESTS, REQ_C4_1, REQ_NATURAL_PERSON, 2);
	assert_cell_count(s, TABLE_REQUESTS, REQ_C7, REQ_TOTAL, 7);
	assert_cell_count(s, TABLE_REQUESTS, REQ_D, REQ_NATURAL_PERSON, 1);
	/* Table 四 one row per group, 行政诉讼 printed in front of two of them. */
	assert_cell_count(s, TABLE_APPEALS, APPEAL_REVIEW, APPEAL_UPHELD, 1);
	assert_cell_count(s, TABLE_APPEALS, APPEAL_REVIEW, APPEAL_TOTAL, 1);
	assert_cell_count(s, TABLE_APPEALS, APPEAL_LAWSUIT, APPEAL_PENDING, BLANK);
	assert_cell_count(s, TABLE_APPEALS, APPEAL_LAWSUIT_AFTER_REVIEW, APPEAL_TOTAL, 0);
	assert_false(s->has_table[TABLE_DISCLOSURE]);
	assert_int_equal(count_notes(s, NOTE_MISSING_TABLE), 1);
	assert_int_equal(count_notes(s, NOTE_MISSING_ROW), 0);
	sheet_free(s);
}

static void test_malformed_page(void **state)
{
	struct gk_errmsg m = {{0}};
	struct sheet *s;

	(void)state;
	assert_int_equal(read_fixture(FIXTURES "malformed.html", &s, &m), GK_OK);
	/* <title>无题</title> is no report title; the <h2> is. */
	assert_int_equal(s->year, 2022);
	assert_string_equal(s->agency, "示例县某某局");
	assert_cell_count(s, TABLE_REQUESTS, REQ_A, REQ_NATURAL_PERSON, 3);
	assert_cell_count(s, TABLE_REQUESTS, REQ_A, REQ_TOTAL, 3);
	assert_cell_count(s, TABLE_REQUESTS, REQ_B, REQ_TOTAL, 0);
	/* rowspan="99999" and a colspan of 19 digits are clipped, not trusted. */
	assert_cell_count(s, TABLE_REQUESTS, REQ_C7, REQ_NATURAL_PERSON, 4);
	assert_int_equal(s->requests[REQ_C1][REQ_NATURAL_PERSON].state, CELL_UNREADABLE);
	/* The script's text is not cell text. */
	assert_cell_count(s, TABLE_REQUESTS, REQ_C6_1, REQ_LEGAL_SERVICE, 0);
	/* A numeric reference to U+00A0 is a blank too. */
	assert_cell_count(s, TABLE_REQUESTS, REQ_D, REQ_NATURAL_PERSON, BLANK);
	/* （六）其他处理 with numbers (2019) and 1.申请人… (2021): mixed. */
	assert_int_equal(count_notes(s, NOTE_MIXED_LAYOUT), 1);
	assert_int_equal(count_notes(s, NOTE_UNREADABLE_CELL), 1);
	/* The nested table's 行政许可 has no header: not table 二. */
	assert_false(s->has_table[TABLE_DISCLOSURE]);
	assert_int_equal(count_notes(s, NOTE_MISSING_TABLE), 2); /* 二 and 四 */
	sheet_free(s);
}

static void test_not_a_report(void **state)
{
	static const char *pages[] = {
		"",
		"<html><body><p>政府信息公开指南</p><table><tr><td>a</td></tr></table></body></html>",
		/* Prose that names rows is not a table. */
		"<table><tr><td>本年新收政府信息公开申请数量增加，予以公开的占多数。</td></tr></table>",
		"\x89PNG\r\n\x1a\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct gk_errmsg m = {{0}};
		struct sheet *s = sheet_new();

		assert_int_equal(report_read_html(str_from_cstr(pages[i]), "page.html", s, &m),
				 GK_EFORMAT);
		assert_non_null(strstr(m.text, "page.html"));
		sheet_free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_official_2021),
		cmocka_unit_test(test_official_2019),
		cmocka_unit_test(test_gb2312_page_with_gbk_character),
		cmocka_unit_test(test_malformed_page),
		cmocka_unit_test(test_not_a_report),
	};
	return cmocka_run_group_tests_name("read_html", tests, NULL, NULL);
}
