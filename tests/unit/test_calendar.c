/*
 * Unit tests for law/calendar: the built-in notices, the O(1) answers
 * against a day-by-day count, the loader's refusals, and the cross-check
 * with the independent holiday table in the shared material.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "law_fixture.h"
#include "shared.h"

/* Each holiday period 2019-2026 as the notices state it (legal-facts §5). */
static void test_each_holiday_period(void **state)
{
	static const struct {
		const char *from, *to;
	} off[] = {
		{"2018-12-30", "2019-01-01"}, {"2019-02-04", "2019-02-10"}, {"2019-04-05", "2019-04-05"},
		{"2019-05-01", "2019-05-04"}, {"2019-06-07", "2019-06-07"}, {"2019-09-13", "2019-09-13"},
		{"2019-10-01", "2019-10-07"}, {"2020-01-01", "2020-01-01"}, {"2020-01-24", "2020-02-02"},
		{"2020-04-04", "2020-04-06"}, {"2020-05-01", "2020-05-05"}, {"2020-06-25", "2020-06-27"},
		{"2020-10-01", "2020-10-08"}, {"2021-01-01", "2021-01-03"}, {"2021-02-11", "2021-02-17"},
		{"2021-04-03", "2021-04-05"}, {"2021-05-01", "2021-05-05"}, {"2021-06-12", "2021-06-14"},
		{"2021-09-19", "2021-09-21"}, {"2021-10-01", "2021-10-07"}, {"2022-01-01", "2022-01-03"},
		{"2022-01-31", "2022-02-06"}, {"2022-04-03", "2022-04-05"}, {"2022-04-30", "2022-05-04"},
		{"2022-06-03", "2022-06-05"}, {"2022-09-10", "2022-09-12"}, {"2022-10-01", "2022-10-07"},
		{"2022-12-31", "2023-01-02"}, {"2023-01-21", "2023-01-27"}, {"2023-04-05", "2023-04-05"},
		{"2023-04-29", "2023-05-03"}, {"2023-06-22", "2023-06-24"}, {"2023-09-29", "2023-10-06"},
		{"2024-01-01", "2024-01-01"}, {"2024-02-10", "2024-02-17"}, {"2024-04-04", "2024-04-06"},
		{"2024-05-01", "2024-05-05"}, {"2024-06-10", "2024-06-10"}, {"2024-09-15", "2024-09-17"},
		{"2024-10-01", "2024-10-07"}, {"2025-01-01", "2025-01-01"}, {"2025-01-28", "2025-02-04"},
		{"2025-04-04", "2025-04-06"}, {"2025-05-01", "2025-05-05"}, {"2025-05-31", "2025-06-02"},
		{"2025-10-01", "2025-10-08"}, {"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"},
		{"2026-04-04", "2026-04-06"}, {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"},
		{"2026-09-25", "2026-09-27"}, {"2026-10-01", "2026-10-07"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		gk_date a = D(off[i].from), b = D(off[i].to);
		for (gk_date d = a; d <= b; d++) {
			assert_false(calendar_is_working_day(cal, d));
			assert_int_equal(calendar_day(cal, d).kind, CALENDAR_DAY_OFF);
		}
		/* The days around a period are not part of it. */
		assert_int_not_equal(calendar_day(cal, a - 1).kind, CALENDAR_DAY_OFF);
		assert_int_not_equal(calendar_day(cal, b + 1).kind, CALENDAR_DAY_OFF);
	}
}

static void test_tiaoxiu_weekends_are_working(void **state)
{
	static const char *work[] = {
		"2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05", "2019-09-29",
		"2019-10-12", "2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27",
		"2020-10-10", "2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18",
		"2021-09-26", "2021-10-09", "2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24",
		"2022-05-07", "2022-10-08", "2022-10-09", "2023-01-28", "2023-01-29", "2023-04-23",
		"2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08", "2024-02-04", "2024-02-18",
		"2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12",
		"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04",
		"2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(work) / sizeof(work[0]); i++) {
		gk_date d = D(work[i]);
		assert_true(date_weekday(d) >= 6);
		assert_true(calendar_is_working_day(cal, d));
	}
	/* 2020-02-01 was to be a 调休 Saturday; the extension notice cancelled it. */
	assert_false(calendar_is_working_day(cal, D("2020-02-01")));
	/* An ordinary weekend stays off, an ordinary weekday stays on. */
	assert_false(calendar_is_working_day(cal, D("2026-11-28")));
	assert_true(calendar_is_working_day(cal, D("2026-11-27")));
}

static void test_2020_spring_festival_extension(void **state)
{
	struct calendar_day d = calendar_day(cal, D("2020-01-31"));

	(void)state;
	assert_string_equal(d.notice, "国办发明电〔2020〕1号");
	assert_string_equal(d.name, "春节");
	assert_string_equal(calendar_day(cal, D("2020-01-30")).notice, "国办发明电〔2019〕16号");
	assert_true(calendar_is_working_day(cal, D("2020-02-03")));
}

static void test_official_years(void **state)
{
	(void)state;
	for (int y = 2019; y <= 2026; y++)
		assert_true(calendar_year_is_official(cal, y));
	assert_false(calendar_year_is_official(cal, 2018));
	assert_false(calendar_year_is_official(cal, 2027));
	assert_false(calendar_years_are_official(cal, 2025, 2027));
	/* 2027 falls back to Monday-Friday. */
	assert_false(calendar_is_working_day(cal, D("2027-01-02")));
	assert_true(calendar_is_working_day(cal, D("2027-01-01")));
}

/* The O(1) answers equal a day-by-day walk over the whole supported range. */
static void test_o1_matches_walk(void **state)
{
	gk_date first = date_from_ymd(CALENDAR_FIRST_YEAR, 1, 1);
	gk_date last = date_from_ymd(CALENDAR_LAST_YEAR, 12, 31);
	gk_date start = D("2018-06-01"), got;
	int count = 0;

	(void)state;
	for (gk_date d = start + 1; d <= D("2028-06-01"); d++) {
		if (calendar_is_working_day(cal, d)) {
			count++;
			assert_true(calendar_add_working_days(cal, start, count, &got));
			assert_int_equal(got, d);
		}
		assert_int_equal(calendar_working_days_between(cal, start, d), count);
		assert_int_equal(calendar_working_days_between(cal, d, start), -count);
	}
	/* Backwards: the n-th working day before. */
	assert_true(calendar_add_working_days(cal, D("2026-10-08"), -1, &got));
	assert_int_equal(got, D("2026-09-30"));
	assert_true(calendar_add_working_days(cal, D("2026-10-12"), -1, &got));
	assert_int_equal(got, D("2026-10-10"));
	assert_true(calendar_add_working_days(cal, D("2026-10-12"), 0, &got));
	assert_int_equal(got, D("2026-10-12"));
	/* Off the ends of the range. */
	assert_false(calendar_add_working_days(cal, last - 3, 10, &got));
	assert_false(calendar_add_working_days(cal, first + 3, -10, &got));
	assert_true(calendar_in_range(first) && calendar_in_range(last));
	assert_false(calendar_in_range(first - 1) || calendar_in_range(last + 1));
}

static void expect_refused(const char *text, const char *fragment)
{
	struct calendar *c = calendar_new();
	struct gk_errmsg m = {{0}};

	assert_non_null(c);
	assert_int_equal(calendar_load(c, str_from_cstr(text), "t.tsv", &m), GK_EINVAL);
	if (!strstr(m.text, fragment))
		fail_msg("message '%s' lacks '%s'", m.text, fragment);
	/* Refused means nothing was loaded. */
	assert_false(calendar_year_is_official(c, 2026));
	assert_true(calendar_is_working_day(c, D("2026-10-01")));
	calendar_free(c);
}

#define HDR "date\tname\ttype\tyear\tnotice\n"

static void test_loader_refuses_bad_lines(void **state)
{
	(void)state;
	expect_refused("2026-10-01\t国庆节\toff\t2026\tN\n", "t.tsv:1: expected the header");
	expect_refused(HDR "2026-10-01\t国庆节\toff\t2026\n", "t.tsv:2: expected 5");
	expect_refused(HDR "2026-10-01\t国庆节\toff\t2026\tN\textra\n", "t.tsv:2: expected 5");
	expect_refused(HDR "# c\n2026-10-01\t国庆节\toff\t2026\tN\n2026-13-01\tx\toff\t2026\tN\n",
		       "t.tsv:4: date '2026-13-01'");
	expect_refused(HDR "2026-10-01\t国庆节\tholiday\t2026\tN\n", "type 'holiday'");
	expect_refused(HDR "2026-10-01\t国庆节\toff\t2030\tN\n", "year '2030'");
	expect_refused(HDR "2026-10-01\t国庆节\toff\tabcd\tN\n", "year 'abcd'");
	expect_refused(HDR "2026-10-01\t\toff\t2026\tN\n", "name must be");
	expect_refused(HDR "2026-10-01\t国庆节\toff\t2026\t\n", "notice must be");
	expect_refused(HDR "2026-10-01\t\xff\xfe\toff\t2026\tN\n", "UTF-8");
	expect_refused(HDR "2026-10-08\t国庆节\twork\t2026\tN\n", "is a weekday");
	expect_refused(HDR "2026-10-01\tA\toff\t2026\tN\n2026-10-01\tB\toff\t2026\tN\n",
		       "t.tsv:3: 2026-10-01 appears twice");
	expect_refused("", "no header");
	expect_refused("date\tname\ttype\tyear\tnotice\n1999-10-01\tx\toff\t1999\tN\n",
		       "between 2000 and 2099");
}

static void test_loader_accepts_crlf_and_comments(void **state)
{
	struct calendar *c = calendar_new();
	struct gk_errmsg m;

	(void)state;
	assert_int_equal(calendar_load(c,
				       str_from_cstr("# comment\r\n\r\n" "date\tname\ttype\tyear\tnotice\r\n"
						     "2027-10-01\t国庆节\toff\t2027\t测试\r\n"),
				       "t.tsv", &m),
			 GK_OK);
	assert_true(calendar_year_is_official(c, 2027));
	assert_false(calendar_is_working_day(c, D("2027-10-01")));
	assert_string_equal(calendar_day(c, D("2027-10-01")).notice, "测试");
	calendar_free(c);
}

/*
 * The independent table in the shared material (built from another source)
 * must agree with ours on whether each day of 2019-2026 is a working day.
 */
static void test_cross_check_shared_table(void **state)
{
	char path[4096], line[512];
	FILE *f;
	struct calendar *theirs;
	struct gk_errmsg m;
	int compared = 0;

	(void)state;
	if (!shared_path("data/cn-holidays.tsv", path, sizeof(path)))
		skip();
	f = fopen(path, "r");
	assert_non_null(f);
	theirs = calendar_new();
	/* Their columns are date, name, type: apply them one by one. */
	while (fgets(line, sizeof(line), f)) {
		char row[600];
		char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		gk_date d;
		if (line[0] == '#' || !tab2 || !date_parse((struct str){line, 10}, &d))
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		snprintf(row, sizeof(row), "date\tname\ttype\tyear\tnotice\n%s\t%d\tshared\n", line,
			 date_year(d) + (date_year(d) == 2018));
		assert_int_equal(calendar_load(theirs, str_from_cstr(row), path, &m), GK_OK);
	}
	fclose(f);
	for (gk_date d = D("2019-01-01"); d <= D("2026-12-31"); d++, compared++)
		if (calendar_is_working_day(cal, d) != calendar_is_working_day(theirs, d))
			fail_msg("working day differs from the shared table on %d", (int)d);
	assert_int_equal(compared, 2922);
	calendar_free(theirs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_holiday_period),
		cmocka_unit_test(test_tiaoxiu_weekends_are_working),
		cmocka_unit_test(test_2020_spring_festival_extension),
		cmocka_unit_test(test_official_years),
		cmocka_unit_test(test_o1_matches_walk),
		cmocka_unit_test(test_loader_refuses_bad_lines),
		cmocka_unit_test(test_loader_accepts_crlf_and_comments),
		cmocka_unit_test(test_cross_check_shared_table),
	};
	return cmocka_run_group_tests_name("calendar", tests, open_builtin_calendar, close_calendar);
}
