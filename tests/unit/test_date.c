/* Unit tests for base/date: day numbers, parsing, formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/date.h"

static void test_epoch_and_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_weekday(0), 4); /* Thursday */
	assert_int_equal(date_weekday(date_from_ymd(2026, 9, 28)), 1); /* Monday */
	assert_int_equal(date_weekday(date_from_ymd(2026, 10, 10)), 6); /* Saturday */
	assert_int_equal(date_weekday(date_from_ymd(1969, 12, 31)), 3);
}

static void test_round_trip_every_day(void **state)
{
	char s[GK_DATE_STRLEN];
	gk_date back;
	int y, m, d;

	(void)state;
	for (gk_date t = date_from_ymd(1900, 1, 1); t <= date_from_ymd(2199, 12, 31); t++) {
		date_to_ymd(t, &y, &m, &d);
		assert_true(date_is_valid_ymd(y, m, d));
		assert_int_equal(date_from_ymd(y, m, d), t);
		assert_true(date_parse(str_from_cstr(date_format(t, s)), &back));
		assert_int_equal(back, t);
	}
}

static void test_parse_rejects(void **state)
{
	static const char *bad[] = {"", "2026-9-28", "2026-09-28 ", " 2026-09-28",
				    "2026/09/28", "2023-02-29", "2026-13-01", "2026-00-10",
				    "2026-04-31", "1899-12-31", "2200-01-01", "20260928",
				    "2026-09-2x", "２０２６-09-28"};
	gk_date t;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(date_parse(str_from_cstr(bad[i]), &t));
	assert_true(date_parse(str_from_cstr("2024-02-29"), &t));
	assert_int_equal(t, date_from_ymd(2024, 2, 29));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_and_weekday),
		cmocka_unit_test(test_round_trip_every_day),
		cmocka_unit_test(test_parse_rejects),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
