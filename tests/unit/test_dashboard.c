/* Unit tests for app/dashboard: a small ledger whose numbers are worked
 * out by hand with `gongkai deadline` (the clock of 第三十三条 and the
 * 2025 holidays), checked as the dashboard shows them — per month, per
 * result group, on time, median working days, per agency. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/dashboard.h"
#include "db_fixture.h"
#include "law_fixture.h"

#define MAX_EVENTS 4

struct app_spec {
	int agency; /* 0 the region's root, 1 the department, 2 another region */
	const char *ref, *received;
	struct {
		enum app_event_kind kind;
		const char *date;
		enum outcome outcome;
		int days;
	} ev[MAX_EVENTS];
};

/*
 * Worked out with `gongkai deadline`:
 *   A1 received 03-03, answered 03-10: due 03-31, 5 working days, on time.
 *   A2 received 04-01, answered 05-20: due 04-29 (清明, 劳动节 and its
 *      调休 Sunday 04-27), 12 working days late: 32 days, late.
 *   A3 received 06-02, extension of 20 approved, answered 07-14: due
 *      07-28 (40 days), 30 days, on time.
 *   R1 (the root) received 2024-12-20, answered 2025-01-06 (元旦): due
 *      01-20, 10 days, on time; received last year (carried in).
 *   R2 (the root) received 07-01, still open (carried out).
 *   A4 received 02-10, 补正 asked 02-12, lapsed 03-20 (C6.1): closed
 *      without an answer — counted under 其他处理, not measured.
 *   X1 another region: never counted.
 */
static const struct app_spec apps[] = {
    {1,
     "A1",
     "2025-03-03",
     {{EVENT_ANSWERED, "2025-03-10", OUTCOME_C1, 0}, {EVENT_CLOSED, "2025-03-10", 0, 0}}},
    {1,
     "A2",
     "2025-04-01",
     {{EVENT_ANSWERED, "2025-05-20", OUTCOME_C2, 0}, {EVENT_CLOSED, "2025-05-20", 0, 0}}},
    {1,
     "A3",
     "2025-06-02",
     {{EVENT_EXTENSION_APPROVED, "2025-06-25", 0, 20},
      {EVENT_ANSWERED, "2025-07-14", OUTCOME_C3_4, 0},
      {EVENT_CLOSED, "2025-07-14", 0, 0}}},
    {0,
     "R1",
     "2024-12-20",
     {{EVENT_ANSWERED, "2025-01-06", OUTCOME_C4_1, 0}, {EVENT_CLOSED, "2025-01-06", 0, 0}}},
    {0, "R2", "2025-07-01", {{0}}},
    {1,
     "A4",
     "2025-02-10",
     {{EVENT_CORRECTION_ASKED, "2025-02-12", 0, 0},
      {EVENT_CORRECTION_LAPSED, "2025-03-20", OUTCOME_C6_1, 0},
      {EVENT_CLOSED, "2025-03-20", 0, 0}}},
    {2,
     "X1",
     "2025-05-05",
     {{EVENT_ANSWERED, "2025-05-06", OUTCOME_C1, 0}, {EVENT_CLOSED, "2025-05-06", 0, 0}}},
};

static void add_apps(struct db_fixture *f)
{
	for (size_t i = 0; i < sizeof(apps) / sizeof(apps[0]); i++) {
		const struct app_spec *s = &apps[i];
		int64_t agency = s->agency == 0 ? f->region : s->agency == 1 ? f->agency : f->other;
		struct store_application a = {
		    .agency_id = agency, .ref = s->ref, .received = D(s->received)};
		struct store_event ev[MAX_EVENTS + 1] = {
		    {.kind = EVENT_RECEIVED, .date = D(s->received)}};
		size_t n = 1;
		struct gk_errmsg m;
		int64_t id;

		for (size_t k = 0; k < MAX_EVENTS && s->ev[k].date; k++, n++)
			ev[n] = (struct store_event){.kind = s->ev[k].kind,
						     .date = D(s->ev[k].date),
						     .outcome = s->ev[k].outcome,
						     .days = s->ev[k].days};
		if (store_application_add_logged(f->s, &a, ev, n, &id, &m))
			fail_msg("%s: %s", s->ref, m.text);
	}
}

static void test_median(void **state)
{
	int odd[] = {30, 5, 32}, even[] = {32, 10, 5, 30};
	double v;

	(void)state;
	assert_false(dash_median(odd, 0, &v));
	assert_true(dash_median(odd, 3, &v));
	assert_true(v == 30);
	assert_true(dash_median(even, 4, &v));
	assert_true(v == 20);
}

static void test_groups(void **state)
{
	(void)state;
	assert_int_equal(dash_group_of(OUTCOME_C1), DASH_DISCLOSED);
	assert_int_equal(dash_group_of(OUTCOME_C3_8), DASH_WITHHELD);
	assert_int_equal(dash_group_of(OUTCOME_C4_3), DASH_UNABLE);
	assert_int_equal(dash_group_of(OUTCOME_C5_1), DASH_NOT_HANDLED);
	assert_int_equal(dash_group_of(OUTCOME_C6_2), DASH_OTHER);
	assert_int_equal(dash_group_of(OUTCOME_C6), DASH_OTHER);
	assert_string_equal(dash_group_name(DASH_UNABLE), "无法提供");
}

static void test_region_year(void **state)
{
	struct db_fixture *f = *state;
	struct store_scope sc = {
	    .agency_id = f->region, .region = true, .from = D("2025-01-01"), .to = D("2025-12-31")};
	int64_t ids[2] = {f->region, f->agency};
	static const int64_t months[12] = {0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0};
	struct dashboard d;
	struct gk_errmsg m;
	const struct dash_row *t, *root, *dept;

	add_apps(f);
	assert_int_equal(dashboard_compute(f->s, cal, &sc, ids, 2, D("2025-12-31"), &d, &m), GK_OK);
	assert_int_equal(d.year, 2025);
	assert_memory_equal(d.by_month, months, sizeof(months));

	t = &d.total;
	assert_int_equal(t->received, 5);
	assert_int_equal(t->carried_in, 1);
	assert_int_equal(t->closed, 5);
	assert_int_equal(t->carried_out, 1);
	/* A + B = C + D, as in table 三 */
	assert_int_equal(t->received + t->carried_in, t->closed + t->carried_out);
	assert_int_equal(t->groups[DASH_DISCLOSED], 1);
	assert_int_equal(t->groups[DASH_PARTLY], 1);
	assert_int_equal(t->groups[DASH_WITHHELD], 1);
	assert_int_equal(t->groups[DASH_UNABLE], 1);
	assert_int_equal(t->groups[DASH_NOT_HANDLED], 0);
	assert_int_equal(t->groups[DASH_OTHER], 1);
	/* Four answers, three on time; days 5, 10, 30, 32. */
	assert_int_equal(t->answered, 4);
	assert_int_equal(t->on_time, 3);
	assert_true(t->has_median);
	assert_true(t->median_days == 20);

	assert_int_equal(d.n, 2);
	root = &d.rows[0], dept = &d.rows[1];
	assert_int_equal(root->agency_id, f->region);
	assert_int_equal(root->received, 1);
	assert_int_equal(root->carried_in, 1);
	assert_int_equal(root->answered, 1);
	assert_int_equal(root->on_time, 1);
	assert_true(root->median_days == 10);
	assert_int_equal(dept->received, 4);
	assert_int_equal(dept->closed, 4);
	assert_int_equal(dept->answered, 3);
	assert_int_equal(dept->on_time, 2);
	assert_true(dept->median_days == 30);
	dashboard_release(&d);
}

static void test_agency_alone_and_empty_year(void **state)
{
	struct db_fixture *f = *state;
	struct store_scope sc = {
	    .agency_id = f->agency, .from = D("2025-01-01"), .to = D("2025-12-31")};
	struct dashboard d;
	struct gk_errmsg m;

	add_apps(f);
	assert_int_equal(dashboard_compute(f->s, cal, &sc, NULL, 0, D("2025-12-31"), &d, &m),
			 GK_OK);
	assert_int_equal(d.total.received, 4);
	assert_int_equal(d.total.answered, 3);
	dashboard_release(&d);

	/* Nothing answered: no rate, no median (not 100 %, not 0). */
	sc.from = D("2023-01-01"), sc.to = D("2023-12-31");
	assert_int_equal(dashboard_compute(f->s, cal, &sc, NULL, 0, D("2025-12-31"), &d, &m),
			 GK_OK);
	assert_int_equal(d.total.answered, 0);
	assert_false(d.total.has_median);
	dashboard_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_median),
	    cmocka_unit_test(test_groups),
	    cmocka_unit_test_setup_teardown(test_region_year, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(test_agency_alone_and_empty_year, db_setup,
					    db_teardown),
	};

	return cmocka_run_group_tests(tests, open_builtin_calendar, close_calendar);
}
