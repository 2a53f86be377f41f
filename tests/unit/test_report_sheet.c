/* Unit tests for report/sheet: cells, numbers, notes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report/sheet.h"

static void test_blank_is_not_zero(void **state)
{
	struct sheet *s = sheet_new();

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->requests[REQ_A][REQ_TOTAL].state, CELL_BLANK);
	assert_false(s->has_table[TABLE_REQUESTS]);
	assert_true(sheet_set_count(s, TABLE_REQUESTS, REQ_A, REQ_TOTAL, 0, 12));
	assert_int_equal(s->requests[REQ_A][REQ_TOTAL].state, CELL_NUMBER);
	assert_int_equal(s->requests[REQ_A][REQ_TOTAL].line, 12);
	assert_true(s->has_table[TABLE_REQUESTS]);
	assert_false(sheet_set_count(s, TABLE_APPEALS, APPEAL_ROW_COUNT, 0, 1, 0));
	assert_false(sheet_set_count(s, TABLE_DISCLOSURE, DISC_FEES, DISC_COL_MAX, 1, 0));
	assert_null(sheet_cell(s, TABLE_REQUESTS, -1, 0));
	sheet_free(s);
	sheet_free(NULL);
}

static void test_unreadable_and_notes(void **state)
{
	struct sheet *s = sheet_new();

	(void)state;
	assert_true(sheet_set_unreadable(s, TABLE_REQUESTS, REQ_C1, REQ_OTHER, STR_LIT("1O"), 40));
	assert_int_equal(s->requests[REQ_C1][REQ_OTHER].state, CELL_UNREADABLE);
	assert_int_equal(s->n_notes, 1);
	assert_int_equal(s->notes[0].kind, NOTE_UNREADABLE_CELL);
	assert_int_equal(s->notes[0].line, 40);
	assert_int_equal(s->notes[0].row, REQ_C1);
	assert_string_equal(s->notes[0].text, "“1O” is not a number");
	for (int i = 0; i < SHEET_MAX_NOTES + 5; i++)
		assert_int_equal(sheet_add_note(s, NOTE_OTHER, 0, TABLE_COUNT, -1, -1, "n%d", i),
				 GK_OK);
	assert_int_equal(s->n_notes, SHEET_MAX_NOTES);
	assert_int_equal(s->dropped_notes, 6);
	assert_string_equal(sheet_note_kind_name(NOTE_MIXED_LAYOUT), "mixed_layout");
	assert_int_equal(sheet_set_agency(s, STR_LIT("洪泽区人民政府")), GK_OK);
	assert_int_equal(sheet_set_agency(s, STR_LIT("丰泽区")), GK_OK);
	assert_string_equal(s->agency, "丰泽区");
	sheet_free(s);
}

static void expect_parse(const char *text, enum value_kind kind, int64_t mant, int scale)
{
	struct sheet_num n = {-99, 9};

	assert_true(sheet_parse_number(str_from_cstr(text), kind, &n));
	assert_int_equal(n.mant, mant);
	assert_int_equal(n.scale, scale);
}

static void test_parse_number(void **state)
{
	static const struct {
		const char *text;
		enum value_kind kind;
	} bad[] = {
		{"", VALUE_COUNT},     {" ", VALUE_COUNT},	    {"-1", VALUE_COUNT},
		{"1.5", VALUE_COUNT},  {"12件", VALUE_COUNT},	    {"1,23", VALUE_COUNT},
		{",123", VALUE_COUNT}, {"1.", VALUE_AMOUNT},	    {".5", VALUE_AMOUNT},
		{"-", VALUE_SIGNED},   {"1.2345678", VALUE_AMOUNT}, {"9999999999999999", VALUE_COUNT},
		{"1 2", VALUE_COUNT},  {"/", VALUE_COUNT},	    {"--1", VALUE_SIGNED},
	};
	struct sheet_num n;

	(void)state;
	expect_parse("0", VALUE_COUNT, 0, 0);
	expect_parse(" 4119 ", VALUE_COUNT, 4119, 0);
	expect_parse("1,234", VALUE_COUNT, 1234, 0);
	expect_parse("１２", VALUE_COUNT, 12, 0);
	expect_parse("-417", VALUE_SIGNED, -417, 0);
	expect_parse("－2", VALUE_SIGNED, -2, 0);
	expect_parse("+3", VALUE_SIGNED, 3, 0);
	expect_parse("7730.28", VALUE_AMOUNT, 773028, 2);
	expect_parse("5.0", VALUE_AMOUNT, 50, 1);
	expect_parse("12,345.5", VALUE_AMOUNT, 123455, 1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(sheet_parse_number(str_from_cstr(bad[i].text), bad[i].kind, &n));
}

static void test_num_format_and_cmp(void **state)
{
	char out[SHEET_NUM_STRLEN];

	(void)state;
	assert_string_equal(sheet_num_format((struct sheet_num){773028, 2}, out), "7730.28");
	assert_string_equal(sheet_num_format((struct sheet_num){-417, 0}, out), "-417");
	assert_string_equal(sheet_num_format((struct sheet_num){5, 2}, out), "0.05");
	assert_string_equal(sheet_num_format((struct sheet_num){-5, 1}, out), "-0.5");
	assert_string_equal(sheet_num_format((struct sheet_num){50, 1}, out), "5.0");
	assert_string_equal(
		sheet_num_format((struct sheet_num){-SHEET_NUM_MAX_MANT, 6}, out),
		"-999999999.999999");
	assert_int_equal(sheet_num_cmp((struct sheet_num){15, 1}, (struct sheet_num){150, 2}), 0);
	assert_true(sheet_num_cmp((struct sheet_num){-15, 1}, sheet_num_int(-1)) < 0);
	assert_true(sheet_num_cmp((struct sheet_num){-5, 1}, (struct sheet_num){5, 1}) < 0);
	assert_true(sheet_num_cmp(sheet_num_int(3), (struct sheet_num){2999, 3}) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_is_not_zero),
		cmocka_unit_test(test_unreadable_and_notes),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test(test_num_format_and_cmp),
	};
	return cmocka_run_group_tests_name("report_sheet", tests, NULL, NULL);
}
