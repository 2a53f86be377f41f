/*
 * Unit tests for app/assessment.h: the metrics' stored form, the scores a
 * supervisor reads in the assessment table (rates scaled to the column's
 * maximum, faults deducted), hand-typed scores, the 20-working-day
 * publication deadline of 条例第二十六条 across a holiday, and the facts
 * collected from a real ledger: an answer after 补正 judged from the
 * corrected date (第三十条), late and unpublished documents, upheld
 * complaints, corrected appeals, late rectifications, overdue open cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "app/assessment.h"
#include "db_fixture.h"
#include "law_fixture.h"
#include "store/store_supervision.h"

static void metric_stored_form(void **state)
{
	enum assess_metric k;
	double deduct;
	char out[32];

	(void)state;
	assert_true(assess_metric_parse("on_time_rate", &k, &deduct));
	assert_int_equal(k, ASSESS_ON_TIME_RATE);
	assert_true(assess_metric_parse("late_published:2.5", &k, &deduct));
	assert_int_equal(k, ASSESS_LATE_PUBLISHED);
	assert_true(deduct == 2.5);
	assert_true(assess_metric_parse("manual", &k, &deduct));
	assert_int_equal(k, ASSESS_MANUAL);
	/* A rate has nothing to deduct; unknown ids, zero, three decimals,
	 * junk after the number are refused. */
	assert_false(assess_metric_parse("on_time_rate:2", &k, &deduct));
	assert_false(assess_metric_parse("manual:1", &k, &deduct));
	assert_false(assess_metric_parse("on_time", &k, &deduct));
	assert_false(assess_metric_parse("late_published:0", &k, &deduct));
	assert_false(assess_metric_parse("late_published:1.125", &k, &deduct));
	assert_false(assess_metric_parse("late_published:2x", &k, &deduct));
	assert_false(assess_metric_parse("late_published:", &k, &deduct));
	assert_false(assess_metric_parse(NULL, &k, &deduct));

	assess_metric_format(ASSESS_LATE_PUBLISHED, 2.5, out);
	assert_string_equal(out, "late_published:2.5");
	assess_metric_format(ASSESS_OVERDUE_OPEN, 1, out);
	assert_string_equal(out, "overdue_open");
	assess_metric_format(ASSESS_ON_TIME_RATE, 3, out);
	assert_string_equal(out, "on_time_rate");
	for (int i = 0; i < ASSESS_METRIC_COUNT; i++) {
		const struct assess_metric_info *info = assess_metric_info((enum assess_metric)i);

		assert_non_null(info);
		assert_true(assess_metric_parse(info->id, &k, &deduct));
		assert_int_equal(k, i);
		assert_true(strlen(info->id) <= STORE_INDICATOR_METRIC_MAX - 8);
	}
	assert_null(assess_metric_info(ASSESS_METRIC_COUNT));
}

static void scores(void **state)
{
	struct assess_facts f = {
	    .answered = 3,
	    .answered_on_time = 2,
	    .docs_measured = 4,
	    .docs_late = 1,
	    .overdue_open = 2,
	    .complaints_upheld = 1,
	    .appeals_corrected = 0,
	    .rectifications_late = 30,
	};
	struct assess_facts none = {0};
	char s[32];

	(void)state;
	/* 2 of 3 answered on time: 10 × 2/3, two decimals. */
	assert_true(assess_score(ASSESS_ON_TIME_RATE, 1, 10, &f) == 6.67);
	assert_true(assess_score(ASSESS_PUBLICATION_RATE, 1, 20, &f) == 15);
	/* Faults: 1 point each by default, more when the column says so. */
	assert_true(assess_score(ASSESS_OVERDUE_OPEN, 1, 10, &f) == 8);
	assert_true(assess_score(ASSESS_OVERDUE_OPEN, 2.5, 10, &f) == 5);
	assert_true(assess_score(ASSESS_COMPLAINTS_UPHELD, 1, 5, &f) == 4);
	assert_true(assess_score(ASSESS_APPEALS_CORRECTED, 1, 5, &f) == 5);
	/* Never below zero. */
	assert_true(assess_score(ASSESS_RECTIFICATIONS_LATE, 1, 10, &f) == 0);
	/* Nothing to measure is no fault: full marks. */
	assert_true(assess_score(ASSESS_ON_TIME_RATE, 1, 10, &none) == 10);
	assert_true(assess_score(ASSESS_PUBLICATION_RATE, 1, 10, &none) == 10);
	assert_true(assess_value(ASSESS_ON_TIME_RATE, &none) == 1);
	/* A manual column is not computed. */
	assert_true(assess_score(ASSESS_MANUAL, 1, 10, &f) == 0);

	assess_score_format(6.67, s);
	assert_string_equal(s, "6.67");
	assess_score_format(7.5, s);
	assert_string_equal(s, "7.5");
	assess_score_format(8, s);
	assert_string_equal(s, "8");
	assess_score_format(0, s);
	assert_string_equal(s, "0");
}

static void typed_scores(void **state)
{
	struct gk_errmsg m;
	double v;

	(void)state;
	assert_int_equal(assess_score_parse("8", 10, &v, &m), GK_OK);
	assert_true(v == 8);
	assert_int_equal(assess_score_parse("7.25", 10, &v, &m), GK_OK);
	assert_true(v == 7.25);
	assert_int_equal(assess_score_parse("10", 10, &v, &m), GK_OK);
	assert_int_equal(assess_score_parse("0", 10, &v, &m), GK_OK);
	assert_int_equal(assess_score_parse("10.01", 10, &v, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "0 至 10"));
	assert_int_equal(assess_score_parse("-1", 10, &v, &m), GK_EINVAL);
	assert_int_equal(assess_score_parse("7.125", 10, &v, &m), GK_EINVAL);
	assert_int_equal(assess_score_parse("abc", 10, &v, &m), GK_EINVAL);
	assert_int_equal(assess_score_parse("", 10, &v, &m), GK_EINVAL);
	assert_int_equal(assess_score_parse(".5", 10, &v, &m), GK_EINVAL);
	assert_int_equal(assess_score_parse("99999999999999999999", 10, &v, &m), GK_EINVAL);
}

static void publication_deadline(void **state)
{
	gk_date d;
	bool measured;

	(void)state;
	/* No holiday: 20 working days after Monday 3 March 2025, the day
	 * itself not counted. */
	assert_true(assess_publish_deadline(cal, D("2025-03-03"), &d));
	assert_int_equal(d, D("2025-03-31"));
	assert_false(assess_published_late(cal, D("2025-03-03"), D("2025-03-31"), D("2025-06-30"),
					   &measured));
	assert_true(measured);
	assert_true(assess_published_late(cal, D("2025-03-03"), D("2025-04-01"), D("2025-06-30"),
					  &measured));
	/* 国庆节 2025: 1–8 October off, Sunday 28 September and Saturday
	 * 11 October working days. */
	assert_true(assess_publish_deadline(cal, D("2025-09-26"), &d));
	assert_int_equal(d, D("2025-10-30"));
	/* Unpublished: not judged before the deadline, late after it. */
	assert_false(assess_published_late(cal, D("2025-09-26"), 0, D("2025-10-30"), &measured));
	assert_false(measured);
	assert_true(assess_published_late(cal, D("2025-09-26"), 0, D("2025-10-31"), &measured));
	assert_true(measured);
}

/* --- The facts from a ledger ------------------------------------------------ */

static int64_t app(struct db_fixture *f, int64_t agency, const char *ref, const char *received)
{
	struct store_application a = {.agency_id = agency, .ref = ref, .received = D(received)};
	struct store_event e = {.kind = EVENT_RECEIVED, .date = D(received)};
	struct gk_errmsg m;
	int64_t id = 0;

	if (store_application_add(f->s, &a, &id, &m))
		fail_msg("%s", m.text);
	e.application_id = id;
	if (store_event_add(f->s, &e, NULL, &m))
		fail_msg("%s", m.text);
	return id;
}

static void event(struct db_fixture *f, int64_t id, enum app_event_kind kind, const char *date)
{
	struct store_event e = {.application_id = id, .kind = kind, .date = D(date)};
	struct gk_errmsg m;

	if (kind == EVENT_ANSWERED)
		e.outcome = OUTCOME_C1;
	if (store_event_add(f->s, &e, NULL, &m))
		fail_msg("%s", m.text);
}

static void doc(struct db_fixture *f, const char *title, const char *created, const char *published,
		enum disclosure_attr attr)
{
	struct store_document d = {
	    .agency_id = f->agency,
	    .title = title,
	    .created = D(created),
	    .published = published ? D(published) : 0,
	    .status = published ? DOC_PUBLISHED : DOC_DRAFT,
	    .attr_proposed = attr,
	};
	struct gk_errmsg m;

	if (store_document_add(f->s, &d, NULL, &m))
		fail_msg("%s", m.text);
}

static void collected_facts(void **state)
{
	struct db_fixture *f = *state;
	struct gk_errmsg m;
	int64_t ids[2] = {f->region, f->agency};
	struct assess_facts facts[2];
	struct store_complaint_rec c = {.agency_id = f->agency,
					.ref = "投诉〔2025〕1号",
					.received = D("2025-04-01"),
					.content = "未按期答复"};
	struct store_rectification r = {.agency_id = f->agency,
					.issued_by = f->region,
					.issued = D("2025-04-10"),
					.due = D("2025-04-30"),
					.content = "限期整改"};
	struct store_appeal ap = {.agency_id = f->agency,
				  .ref = "复〔2025〕1号",
				  .kind = APPEAL_KIND_REVIEW,
				  .filed = D("2025-02-01")};
	struct store_case_state cs = {.stage = 0, .due = D("2025-06-01")};
	int64_t id, appeal_id, late_open;
	int64_t late[2];

	if (ids[0] > ids[1]) {
		ids[0] = f->agency;
		ids[1] = f->region;
	}
	/* Answered on time, late, and after 补正: the period ran again from
	 * the corrected application (10 March + 20 working days, 清明 4 April
	 * off: 8 April), so 3 April is on time. */
	id = app(f, f->agency, "A1", "2025-03-03");
	event(f, id, EVENT_ANSWERED, "2025-03-20");
	id = app(f, f->agency, "A2", "2025-03-03");
	event(f, id, EVENT_ANSWERED, "2025-04-02");
	id = app(f, f->agency, "A3", "2025-03-03");
	event(f, id, EVENT_CORRECTION_ASKED, "2025-03-05");
	event(f, id, EVENT_CORRECTION_RECEIVED, "2025-03-10");
	event(f, id, EVENT_ANSWERED, "2025-04-03");
	/* Answered the year before: not in 2025's count. */
	id = app(f, f->agency, "A0", "2024-12-02");
	event(f, id, EVENT_ANSWERED, "2024-12-20");
	/* The region's own agency, on time. */
	id = app(f, f->region, "Q1", "2025-03-03");
	event(f, id, EVENT_ANSWERED, "2025-03-04");
	/* Open and past its due date (the cached state the inbox keeps). */
	late_open = app(f, f->agency, "A4", "2025-05-06");
	assert_int_equal(store_application_set_state(f->s, late_open, &cs, &m), GK_OK);

	doc(f, "按时公开", "2025-03-03", "2025-03-31", ATTR_PROACTIVE);
	doc(f, "逾期公开", "2025-03-03", "2025-04-01", ATTR_PROACTIVE);
	doc(f, "至今未公开", "2025-03-03", NULL, ATTR_PROACTIVE);
	doc(f, "不予公开的不计", "2025-03-03", NULL, ATTR_WITHHELD);
	doc(f, "期限未到", "2025-06-20", NULL, ATTR_UNSET);

	assert_int_equal(store_complaint_register(f->s, &c, &r.complaint_id, &m), GK_OK);
	assert_int_equal(store_rectification_issue(f->s, &r, NULL, &m), GK_OK);
	assert_int_equal(store_appeal_add(f->s, &ap, &appeal_id, &m), GK_OK);
	assert_int_equal(
	    store_appeal_close(f->s, appeal_id, APPEAL_RESULT_CORRECTED, D("2025-05-01"), &m),
	    GK_OK);
	ap.ref = "诉〔2025〕2号";
	ap.kind = APPEAL_KIND_LAWSUIT_AFTER_REVIEW;
	ap.co_defendant_only = true;
	assert_int_equal(store_appeal_add(f->s, &ap, &appeal_id, &m), GK_OK);
	assert_int_equal(
	    store_appeal_close(f->s, appeal_id, APPEAL_RESULT_CORRECTED, D("2025-05-02"), &m),
	    GK_OK);

	assert_int_equal(assess_collect(f->s, cal, f->region, true, D("2025-01-01"),
					D("2025-12-31"), D("2025-06-30"), ids, 2, facts, &m),
			 GK_OK);
	{
		const struct assess_facts *a = &facts[ids[0] == f->agency ? 0 : 1];
		const struct assess_facts *q = &facts[ids[0] == f->agency ? 1 : 0];

		assert_int_equal(a->answered, 3);
		assert_int_equal(a->answered_on_time, 2);
		assert_int_equal(a->docs_measured, 3);
		assert_int_equal(a->docs_late, 2);
		assert_int_equal(a->overdue_open, 1);
		assert_int_equal(a->complaints_upheld, 1);
		assert_int_equal(a->appeals_corrected, 1); /* not the co-defendant one */
		assert_int_equal(a->rectifications_late, 1);
		assert_true(assess_score(ASSESS_ON_TIME_RATE, 1, 10, a) == 6.67);
		assert_true(assess_score(ASSESS_PUBLICATION_RATE, 1, 10, a) == 3.33);
		assert_true(assess_score(ASSESS_LATE_PUBLISHED, 2, 10, a) == 6);

		assert_int_equal(q->answered, 1);
		assert_int_equal(q->answered_on_time, 1);
		assert_int_equal(q->docs_measured + q->overdue_open + q->complaints_upheld, 0);
	}
	/* The agency alone (not its region): the parent's row stays empty. */
	assert_int_equal(assess_collect(f->s, cal, f->agency, false, D("2025-01-01"),
					D("2025-12-31"), D("2025-06-30"), ids, 2, facts, &m),
			 GK_OK);
	assert_int_equal(facts[ids[0] == f->agency ? 1 : 0].answered, 0);
	assert_int_equal(facts[ids[0] == f->agency ? 0 : 1].answered, 3);

	assert_int_equal(assess_late_documents(f->s, cal, f->region, true, D("2025-01-01"),
					       D("2025-12-31"), D("2025-06-30"), ids, 2, late, &m),
			 GK_OK);
	assert_int_equal(late[ids[0] == f->agency ? 0 : 1], 2);

	/* Replied after its due date is still late; the reply closes it. */
	assert_int_equal(store_rectification_reply(f->s, 1, D("2025-07-01"), "已整改", &m), GK_OK);
	assert_int_equal(assess_collect(f->s, cal, f->region, true, D("2025-01-01"),
					D("2025-12-31"), D("2025-07-02"), ids, 2, facts, &m),
			 GK_OK);
	assert_int_equal(facts[ids[0] == f->agency ? 0 : 1].rectifications_late, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(metric_stored_form),
	    cmocka_unit_test(scores),
	    cmocka_unit_test(typed_scores),
	    cmocka_unit_test(publication_deadline),
	    cmocka_unit_test_setup_teardown(collected_facts, db_setup, db_teardown),
	};

	return cmocka_run_group_tests(tests, open_builtin_calendar, close_calendar);
}
