/*
 * Unit tests for report/read_xlsx on workbooks laid out as agencies make
 * them (the round trip of our own writer is in test_report_writers.c):
 * sheets in a different order than their parts, absolute and relative
 * relationship targets, shared strings holding numbers, inline rich text
 * with a phonetic guide, formulas with cached values, merged cells,
 * styled blanks; and the refusals: no ZIP, a cut archive, a zip bomb.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report/read_xlsx.h"
#include "report_fixture.h"

#define FIXTURES "tests/fixtures/reports/xlsx/"

static enum gk_err read_file(const char *file, size_t cut, struct sheet *s, struct gk_errmsg *m)
{
	size_t len;
	char *bytes = fixture_load(file, &len);
	enum gk_err err;

	err = report_read_xlsx((struct str){bytes, cut && cut < len ? cut : len}, file, s, m);
	free(bytes);
	return err;
}

static void test_agency_workbook(void **state)
{
	struct gk_errmsg m = {{0}};
	struct sheet *s = sheet_new();
	const struct sheet_cell *fee;

	(void)state;
	assert_int_equal(read_file(FIXTURES "agency-2022.xlsx", 0, s, &m), GK_OK);
	assert_int_equal(s->year, 2022);
	assert_string_equal(s->agency, "示例县交通运输局");
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2021));
	/* 自然人 of row A is the shared string "3"; 总计 is SUM()'s cached value. */
	assert_cell_count(s, TABLE_REQUESTS, REQ_A, REQ_NATURAL_PERSON, 3);
	assert_cell_count(s, TABLE_REQUESTS, REQ_A, REQ_TOTAL, 19);
	assert_int_equal(s->requests[REQ_A][REQ_NATURAL_PERSON].line, 5);
	assert_cell_count(s, TABLE_REQUESTS, REQ_C3_1, REQ_RESEARCH, BLANK);
	assert_cell_count(s, TABLE_REQUESTS, REQ_C3_1, REQ_TOTAL, 17);
	assert_cell_count(s, TABLE_REQUESTS, REQ_C6_3, REQ_OTHER, 3);
	assert_cell_count(s, TABLE_REQUESTS, REQ_C7, REQ_TOTAL, 16);
	assert_cell_count(s, TABLE_REQUESTS, REQ_D, REQ_LEGAL_SERVICE, 0);
	/* Table 四 one row per group, labels in rich inline strings. */
	assert_cell_count(s, TABLE_APPEALS, APPEAL_REVIEW, APPEAL_TOTAL, 3);
	assert_cell_count(s, TABLE_APPEALS, APPEAL_LAWSUIT, APPEAL_PENDING, 1);
	assert_cell_count(s, TABLE_APPEALS, APPEAL_LAWSUIT_AFTER_REVIEW, APPEAL_UPHELD, 0);
	/* Table 二: merged value cells, a decimal fee. */
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_NORMATIVE, 2, 30);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_LICENSING, 0, 120);
	assert_cell_count(s, TABLE_DISCLOSURE, DISC_ENFORCEMENT, 0, 0);
	fee = sheet_cell_const(s, TABLE_DISCLOSURE, DISC_FEES, 0);
	assert_int_equal(fee->state, CELL_NUMBER);
	assert_int_equal(fee->num.mant, 125);
	assert_int_equal(fee->num.scale, 1);
	assert_int_equal(s->n_notes, 0);
	sheet_free(s);
}

static void test_refusals(void **state)
{
	static const char *junk[] = {"", "PK\x03\x04", "not a zip at all"};
	struct gk_errmsg m = {{0}};
	struct sheet *s;

	(void)state;
	/* 17 MiB of spaces deflate to 18 KiB: refused before inflating. */
	s = sheet_new();
	assert_int_equal(read_file(FIXTURES "bomb.xlsx", 0, s, &m), GK_EFORMAT);
	assert_non_null(strstr(m.text, "larger than"));
	sheet_free(s);
	/* A cut archive has no central directory. */
	s = sheet_new();
	assert_int_equal(read_file(FIXTURES "agency-2022.xlsx", 2000, s, &m), GK_EFORMAT);
	sheet_free(s);
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		s = sheet_new();
		assert_int_equal(report_read_xlsx(str_from_cstr(junk[i]), "x.xlsx", s, &m),
				 GK_EFORMAT);
		assert_non_null(strstr(m.text, "x.xlsx"));
		sheet_free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agency_workbook),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests_name("read_xlsx", tests, NULL, NULL);
}
