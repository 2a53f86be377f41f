/*
 * law_fixture.h: what the law tests share: the built-in calendar, opened
 * once per test group, and D("YYYY-MM-DD") for readable dates.
 */
#ifndef GK_TEST_LAW_FIXTURE_H
#define GK_TEST_LAW_FIXTURE_H

#include "law/calendar.h"

static struct calendar *cal;

static int open_builtin_calendar(void **state)
{
	struct gk_errmsg m;

	(void)state;
	cal = calendar_open(NULL, &m);
	return cal ? 0 : -1;
}

static int close_calendar(void **state)
{
	(void)state;
	calendar_free(cal);
	return 0;
}

static gk_date D(const char *s)
{
	gk_date d;

	assert_true(date_parse(str_from_cstr(s), &d));
	return d;
}

#endif
