/*
 * Unit tests for law/clock: every rule of the statutory clock, checked
 * against a day-by-day reference walk written here independently of the
 * O(1) arithmetic in clock.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "law/clock.h"
#include "law_fixture.h"

static bool paused_on(const struct clock_input *in, gk_date d)
{
	for (size_t i = 0; i < in->n_pauses; i++) {
		gk_date to = in->pauses[i].open ? (in->has_today && in->today > in->pauses[i].from
							   ? in->today
							   : in->pauses[i].from)
						: in->pauses[i].to;
		if (d > in->pauses[i].from && d <= to)
			return true;
	}
	return false;
}

static bool counts(const struct clock_input *in, gk_date d)
{
	return calendar_is_working_day(cal, d) && !paused_on(in, d);
}

/* The reference: walk day by day from the day after the start. */
static void reference(const struct clock_input *in, gk_date *due, int *excluded, int *left)
{
	gk_date start = in->has_corrected ? in->corrected : in->received, d = start;
	int limit = 20 + in->extension_days, k = 0;

	*excluded = 0;
	while (k < limit) {
		d++;
		if (counts(in, d))
			k++;
		else if (calendar_is_working_day(cal, d))
			(*excluded)++;
	}
	*due = d;
	if (!in->has_today)
		return;
	*left = 0;
	if (in->today < d) {
		for (gk_date x = (in->today > start ? in->today : start) + 1; x <= d; x++)
			*left += counts(in, x);
	} else {
		for (gk_date x = d + 1; x <= in->today; x++)
			*left -= counts(in, x);
	}
}

static void compute_ok(const struct clock_input *in, struct clock_result *r)
{
	struct gk_errmsg m;
	enum clock_field f;

	if (clock_compute(cal, in, r, &f, &m) != GK_OK)
		fail_msg("clock_compute failed: %s", m.text);
}

static void test_contract_example(void **state)
{
	struct clock_input in = {.received = D("2026-09-28")};
	struct clock_result r;

	(void)state;
	compute_ok(&in, &r);
	/* The 2026 National Day week lies inside; 10-10 is a 调休 Saturday. */
	assert_int_equal(r.due, D("2026-10-30"));
	assert_int_equal(r.start, D("2026-09-28"));
	assert_int_equal(r.limit_days, 20);
	assert_int_equal(r.correction_notice_due, D("2026-10-13"));
	assert_int_equal(r.excluded_days, 0);
	assert_true(r.calendar_complete);
}

/* Every received date of 2019-2026, plain and extended, against the walk. */
static void test_every_day_2019_2026(void **state)
{
	(void)state;
	for (gk_date d = D("2019-01-01"); d <= D("2026-12-31"); d++) {
		for (int ext = 0; ext <= 20; ext += 20) {
			struct clock_input in = {.received = d, .extension_days = ext};
			struct clock_result r;
			gk_date due, notice = d;
			int excluded, left, k = 0;

			compute_ok(&in, &r);
			reference(&in, &due, &excluded, &left);
			assert_int_equal(r.due, due);
			while (k < 7)
				k += calendar_is_working_day(cal, ++notice);
			assert_int_equal(r.correction_notice_due, notice);
			/* The start day never counts, so the due date is a working day after it. */
			assert_true(r.due > d && calendar_is_working_day(cal, r.due));
		}
	}
}

/* A small deterministic generator, so failures reproduce. */
static uint32_t rng_state = 20261127u;
static int rnd(int n)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return (int)((rng_state >> 8) % (uint32_t)n);
}

static void test_random_cases_match_walk(void **state)
{
	(void)state;
	for (int t = 0; t < 20000; t++) {
		struct clock_pause p[3];
		struct clock_input in = {.received = D("2019-01-01") + rnd(2900)};
		struct clock_result r;
		gk_date due, at;
		int excluded, left;

		if (rnd(3) == 0) {
			in.has_corrected = true;
			in.corrected = in.received + rnd(30);
		}
		in.extension_days = rnd(3) == 0 ? 1 + rnd(20) : 0;
		at = in.received;
		in.n_pauses = (size_t)rnd(4);
		for (size_t i = 0; i < in.n_pauses; i++) {
			p[i].from = at + rnd(25);
			p[i].to = p[i].from + rnd(30);
			p[i].open = false;
			p[i].kind = rnd(2) ? CLOCK_PAUSE_THIRD_PARTY : CLOCK_PAUSE_AGENCY;
			at = p[i].to;
		}
		if (in.n_pauses && rnd(4) == 0)
			p[in.n_pauses - 1].open = true;
		in.pauses = p;
		if (rnd(2)) {
			in.has_today = true;
			in.today = in.received + rnd(120);
		}
		compute_ok(&in, &r);
		reference(&in, &due, &excluded, &left);
		assert_int_equal(r.due, due);
		assert_int_equal(r.excluded_days, excluded);
		if (in.has_today)
			assert_int_equal(r.working_days_left, left);
	}
}

static void test_correction_restarts_from_zero(void **state)
{
	struct clock_input in = {.received = D("2026-03-02"), .has_corrected = true,
				 .corrected = D("2026-03-16")};
	struct clock_result r;
	struct buf trace;

	(void)state;
	compute_ok(&in, &r);
	assert_int_equal(r.start, D("2026-03-16"));
	/* 20 working days from the day after 03-16: 03-17 ... 04-14 (清明 04-06 off). */
	assert_int_equal(r.due, D("2026-04-14"));
	/* The 补正 notice deadline still runs from the first receipt. */
	assert_int_equal(r.correction_notice_due, D("2026-03-11"));
	buf_init(&trace, 1 << 16);
	clock_explain(cal, &in, &r, &trace);
	assert_non_null(strstr(buf_cstr(&trace), "重新起算（第三十条）"));
	assert_non_null(strstr(buf_cstr(&trace), "2026-04-04至2026-04-06 清明节放假"));
	buf_release(&trace);
}

static void test_window_spanning_holiday(void **state)
{
	/* Consultation 09-28..10-09 spans the National Day week: only the
	 * working days 09-29, 09-30, 10-08, 10-09 are excluded. */
	struct clock_pause p = {D("2026-09-28"), D("2026-10-09"), false, CLOCK_PAUSE_THIRD_PARTY};
	struct clock_input in = {.received = D("2026-09-21"), .pauses = &p, .n_pauses = 1};
	struct clock_result r;
	struct buf trace;

	(void)state;
	compute_ok(&in, &r);
	assert_int_equal(r.excluded_days, 4);
	/* Without the window: 2026-10-26 (中秋 09-25 and 国庆 off, 09-20 and
	 * 10-10 worked); four more working days. */
	assert_int_equal(r.due, D("2026-10-30"));
	buf_init(&trace, 1 << 16);
	clock_explain(cal, &in, &r, &trace);
	assert_non_null(strstr(buf_cstr(&trace), "其间4个工作日不计入答复期限（第三十三条第三款）"));
	buf_release(&trace);
}

static void test_window_boundaries(void **state)
{
	/* A < d <= B: the opening day counts, the closing day does not. */
	struct clock_pause p = {D("2026-11-02"), D("2026-11-03"), false, CLOCK_PAUSE_AGENCY};
	struct clock_input in = {.received = D("2026-11-02"), .pauses = &p, .n_pauses = 1};
	struct clock_result r;

	(void)state;
	compute_ok(&in, &r);
	assert_int_equal(r.excluded_days, 1);
	assert_int_equal(r.due, D("2026-12-01"));
	/* A window that opens and closes the same day excludes nothing. */
	p.to = p.from;
	compute_ok(&in, &r);
	assert_int_equal(r.excluded_days, 0);
	assert_int_equal(r.due, D("2026-11-30"));
}

static void test_extension_and_today(void **state)
{
	struct clock_input in = {.received = D("2026-09-28"), .extension_days = 20,
				 .has_today = true, .today = D("2026-11-02")};
	struct clock_result r;

	(void)state;
	compute_ok(&in, &r);
	assert_int_equal(r.limit_days, 40);
	assert_int_equal(r.due, D("2026-11-27"));
	/* An extended case is not overdue the day after the first 20. */
	assert_int_equal(r.working_days_left, 19);
	in.extension_days = 0;
	compute_ok(&in, &r);
	assert_int_equal(r.working_days_left, -1);
	in.today = D("2026-10-30");
	compute_ok(&in, &r);
	assert_int_equal(r.working_days_left, 0);
}

static void test_open_consultation_pauses(void **state)
{
	struct clock_pause p = {D("2026-10-12"), 0, true, CLOCK_PAUSE_THIRD_PARTY};
	struct clock_input in = {.received = D("2026-09-28"), .pauses = &p, .n_pauses = 1,
				 .has_today = true, .today = D("2026-10-20")};
	struct clock_result r;

	(void)state;
	compute_ok(&in, &r);
	assert_true(r.paused);
	/* 10-13..10-20 (6 working days) are paused so far. */
	assert_int_equal(r.excluded_days, 6);
	assert_int_equal(r.due, D("2026-11-09"));
	/* Closed the same day: the same answer, not paused after it. */
	p.open = false;
	p.to = D("2026-10-20");
	in.today = D("2026-10-21");
	compute_ok(&in, &r);
	assert_false(r.paused);
	assert_int_equal(r.due, D("2026-11-09"));
}

static void test_year_end_into_unknown_year(void **state)
{
	struct clock_input in = {.received = D("2026-12-15")};
	struct clock_result r;
	struct buf trace;

	(void)state;
	compute_ok(&in, &r);
	/* 2027 has no notice loaded: Monday-Friday, and flagged. */
	assert_int_equal(r.due, D("2027-01-12"));
	assert_false(r.calendar_complete);
	assert_int_equal(r.unofficial_year, 2027);
	buf_init(&trace, 1 << 16);
	clock_explain(cal, &in, &r, &trace);
	assert_non_null(strstr(buf_cstr(&trace), "2027年的节假日安排尚未载入"));
	buf_release(&trace);
	in.received = D("2026-11-02");
	compute_ok(&in, &r);
	assert_true(r.calendar_complete);
}

static void test_fee_payment_window(void **state)
{
	struct clock_input in = {.received = D("2026-09-01"), .has_fee_notice = true,
				 .fee_notice = D("2026-09-24")};
	struct clock_result r;

	(void)state;
	compute_ok(&in, &r);
	/* 20 working days from 09-25 (itself 中秋节), across the National Day
	 * week, with the 调休 Saturday 10-10 counted. */
	assert_int_equal(r.fee_payment_due, D("2026-10-29"));
}

static void expect_invalid(const struct clock_input *in, enum clock_field field,
			   const char *fragment)
{
	struct clock_result r;
	struct gk_errmsg m = {{0}};
	enum clock_field f;

	assert_int_not_equal(clock_compute(cal, in, &r, &f, &m), GK_OK);
	assert_int_equal(f, field);
	if (!strstr(m.text, fragment))
		fail_msg("message '%s' lacks '%s'", m.text, fragment);
}

static void test_refusals(void **state)
{
	struct clock_pause p[2] = {{D("2026-10-12"), D("2026-10-05"), false, 0},
				   {D("2026-10-20"), D("2026-10-22"), false, 0}};
	struct clock_input in = {.received = D("2026-09-28")};

	(void)state;
	in.has_corrected = true;
	in.corrected = D("2026-09-27");
	expect_invalid(&in, CLOCK_FIELD_CORRECTED, "before the received date");
	in.has_corrected = false;
	in.extension_days = 21;
	expect_invalid(&in, CLOCK_FIELD_EXTENSION, "1 to 20");
	in.extension_days = 0;
	in.pauses = p;
	in.n_pauses = 1;
	expect_invalid(&in, CLOCK_FIELD_PAUSE, "inverted");
	p[0].to = D("2026-10-21");
	in.n_pauses = 2;
	expect_invalid(&in, CLOCK_FIELD_PAUSE, "overlap");
	p[0].to = D("2026-10-15");
	p[0].open = true;
	expect_invalid(&in, CLOCK_FIELD_PAUSE, "must be the last");
	p[0].open = false;
	p[0].from = D("2026-09-01");
	expect_invalid(&in, CLOCK_FIELD_PAUSE, "before the received date");
	in.n_pauses = 0;
	in.has_today = true;
	in.today = D("2026-09-01");
	expect_invalid(&in, CLOCK_FIELD_TODAY, "before the received date");
	in.has_today = false;
	in.received = D("1999-12-31");
	expect_invalid(&in, CLOCK_FIELD_RECEIVED, "outside the calendar's range");
}

static void test_received_date_by_channel(void **state)
{
	struct clock_receipt r = {.channel = CLOCK_CHANNEL_POST, .has_submitted = true,
				  .submitted = D("2026-03-02")};
	struct gk_errmsg m;
	const char *rule;
	gk_date d;

	(void)state;
	/* 邮寄: the day the agency signed for it, not the posting date. */
	assert_int_equal(clock_received_date(&r, &d, &rule, &m), GK_EINVAL);
	r.has_signed = true;
	r.signed_for = D("2026-03-05");
	assert_int_equal(clock_received_date(&r, &d, &rule, &m), GK_OK);
	assert_int_equal(d, D("2026-03-05"));
	assert_non_null(strstr(rule, "第三十一条（二）"));
	r.channel = CLOCK_CHANNEL_IN_PERSON;
	assert_int_equal(clock_received_date(&r, &d, &rule, &m), GK_OK);
	assert_int_equal(d, D("2026-03-02"));
	for (enum clock_channel c = CLOCK_CHANNEL_LETTER; c <= CLOCK_CHANNEL_FAX; c++) {
		r.channel = c;
		assert_int_equal(clock_received_date(&r, &d, &rule, &m), GK_EINVAL);
	}
	r.has_confirmed = true;
	r.confirmed = D("2026-03-09");
	assert_int_equal(clock_received_date(&r, &d, &rule, &m), GK_OK);
	assert_int_equal(d, D("2026-03-09"));
	assert_non_null(strstr(rule, "双方确认之日"));
}

static void test_channel_and_window_parsing(void **state)
{
	enum clock_channel c;
	struct clock_pause p;

	(void)state;
	assert_true(clock_channel_parse(str_from_cstr("平常信函"), &c));
	assert_int_equal(c, CLOCK_CHANNEL_LETTER);
	assert_true(clock_channel_parse(str_from_cstr("互联网"), &c));
	assert_int_equal(c, CLOCK_CHANNEL_ONLINE);
	assert_true(clock_channel_parse(str_from_cstr("fax"), &c));
	assert_false(clock_channel_parse(str_from_cstr("pigeon"), &c));
	assert_true(clock_pause_parse(str_from_cstr("2026-10-12..2026-10-16"), CLOCK_PAUSE_AGENCY,
				      &p));
	assert_int_equal(p.to - p.from, 4);
	assert_false(p.open);
	assert_true(clock_pause_parse(str_from_cstr("2026-10-12.."), CLOCK_PAUSE_AGENCY, &p));
	assert_true(p.open);
	assert_false(clock_pause_parse(str_from_cstr("2026-10-12"), CLOCK_PAUSE_AGENCY, &p));
	assert_false(clock_pause_parse(str_from_cstr("..2026-10-12"), CLOCK_PAUSE_AGENCY, &p));
	assert_false(clock_pause_parse(str_from_cstr("2026-10-12...2026-10-13"),
				       CLOCK_PAUSE_AGENCY, &p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contract_example),
		cmocka_unit_test(test_every_day_2019_2026),
		cmocka_unit_test(test_random_cases_match_walk),
		cmocka_unit_test(test_correction_restarts_from_zero),
		cmocka_unit_test(test_window_spanning_holiday),
		cmocka_unit_test(test_window_boundaries),
		cmocka_unit_test(test_extension_and_today),
		cmocka_unit_test(test_open_consultation_pauses),
		cmocka_unit_test(test_year_end_into_unknown_year),
		cmocka_unit_test(test_fee_payment_window),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_received_date_by_channel),
		cmocka_unit_test(test_channel_and_window_parsing),
	};
	return cmocka_run_group_tests_name("clock", tests, open_builtin_calendar, close_calendar);
}
