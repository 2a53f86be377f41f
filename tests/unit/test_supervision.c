/*
 * Unit tests for store_supervision.h: a complaint is registered, answered
 * once, and may lead to a 整改通知书 to the agency it concerns (which marks
 * it, 条例第四十七条第二款); a notice is replied once, never issued by an
 * agency to itself; an appeal closed here is what the annual report's
 * table 四 counts; lists filter by region, state and date and page; the
 * overview counts; indicators and scores.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "db_fixture.h"
#include "store/store_supervision.h"

static gk_date D(const char *s)
{
	gk_date d;

	assert_true(date_parse(str_from_cstr(s), &d));
	return d;
}

static int64_t application(struct db_fixture *f, int64_t agency, const char *ref)
{
	struct store_application a = {.agency_id = agency, .ref = ref, .received = D("2025-03-03")};
	struct gk_errmsg m;
	int64_t id = 0;

	if (store_application_add(f->s, &a, &id, &m))
		fail_msg("%s", m.text);
	return id;
}

static int collect_refs(void *ctx, const struct store_complaint_rec *c)
{
	char *out = ctx;
	size_t n = strlen(out);

	snprintf(out + n, 512 - n, "%s%s", n ? "," : "", c->ref);
	return 0;
}

static void complaints(void **state)
{
	struct db_fixture *f = *state;
	struct gk_errmsg m;
	int64_t app = application(f, f->agency, "A1"), other_app = application(f, f->other, "B1");
	struct store_complaint_rec c = {.agency_id = f->agency,
					.ref = "投诉〔2025〕1号",
					.received = D("2025-04-01"),
					.content = "未按期答复",
					.complainant = "张三",
					.application_id = app};
	struct store_complaint_rec got;
	int64_t id, id2;
	char refs[512] = "";
	int64_t total;
	struct store_sup_query q = {.agency_id = f->region, .region = true};

	assert_int_equal(store_complaint_register(f->s, &c, &id, &m), GK_OK);
	/* Same number in the same agency: refused. */
	assert_int_equal(store_complaint_register(f->s, &c, NULL, &m), GK_ECONFLICT);
	/* About another agency's application: refused, it concerns that agency. */
	c.ref = "投诉〔2025〕2号";
	c.application_id = other_app;
	assert_int_equal(store_complaint_register(f->s, &c, NULL, &m), GK_EINVAL);
	c.application_id = 0;
	c.content = "";
	assert_int_equal(store_complaint_register(f->s, &c, NULL, &m), GK_EINVAL);
	c.content = "主动公开不及时";
	c.complainant = NULL;
	c.received = D("2025-05-01");
	assert_int_equal(store_complaint_register(f->s, &c, &id2, &m), GK_OK);

	assert_int_equal(store_complaint_get(f->s, id, &got, &m), GK_OK);
	assert_string_equal(got.ref, "投诉〔2025〕1号");
	assert_string_equal(got.complainant, "张三");
	assert_string_equal(got.application_ref, "A1");
	assert_int_equal(got.closed, 0);
	assert_int_equal(store_complaint_get(f->s, 999, &got, &m), GK_ENOTFOUND);

	/* Answered once, not before it was received. */
	assert_int_equal(store_complaint_answer(f->s, id, D("2025-03-31"), "答复", &m), GK_EINVAL);
	assert_int_equal(store_complaint_answer(f->s, id, D("2025-04-20"), "", &m), GK_EINVAL);
	assert_int_equal(store_complaint_answer(f->s, id, D("2025-04-20"), "经查属实", &m), GK_OK);
	assert_int_equal(store_complaint_answer(f->s, id, D("2025-04-21"), "再答", &m),
			 GK_ECONFLICT);
	assert_non_null(strstr(m.text, "2025-04-20"));
	assert_int_equal(store_complaint_get(f->s, id, &got, &m), GK_OK);
	assert_int_equal(got.closed, D("2025-04-20"));
	assert_string_equal(got.answer, "经查属实");

	/* The region's list, newest first; by state; by date; a page. */
	assert_int_equal(store_complaint_list(f->s, &q, collect_refs, refs, &total, &m), GK_OK);
	assert_int_equal(total, 2);
	assert_string_equal(refs, "投诉〔2025〕2号,投诉〔2025〕1号");
	q.state = STORE_SUP_OPEN;
	refs[0] = '\0';
	assert_int_equal(store_complaint_list(f->s, &q, collect_refs, refs, &total, &m), GK_OK);
	assert_string_equal(refs, "投诉〔2025〕2号");
	q.state = STORE_SUP_CLOSED;
	refs[0] = '\0';
	assert_int_equal(store_complaint_list(f->s, &q, collect_refs, refs, &total, &m), GK_OK);
	assert_string_equal(refs, "投诉〔2025〕1号");
	q = (struct store_sup_query){.agency_id = f->region, .region = true, .to = D("2025-04-30")};
	refs[0] = '\0';
	assert_int_equal(store_complaint_list(f->s, &q, collect_refs, refs, &total, &m), GK_OK);
	assert_int_equal(total, 1);
	q = (struct store_sup_query){
	    .agency_id = f->region, .region = true, .limit = 1, .offset = 1};
	refs[0] = '\0';
	assert_int_equal(store_complaint_list(f->s, &q, collect_refs, refs, &total, &m), GK_OK);
	assert_int_equal(total, 2);
	assert_string_equal(refs, "投诉〔2025〕1号");
	/* The region's root alone has none; the other district sees none. */
	q = (struct store_sup_query){.agency_id = f->region};
	assert_int_equal(store_complaint_list(f->s, &q, collect_refs, refs, &total, &m), GK_OK);
	assert_int_equal(total, 0);
	q = (struct store_sup_query){.agency_id = f->other, .region = true};
	assert_int_equal(store_complaint_list(f->s, &q, collect_refs, refs, &total, &m), GK_OK);
	assert_int_equal(total, 0);
	/* Those about one application. */
	q = (struct store_sup_query){.agency_id = f->region, .region = true, .application_id = app};
	assert_int_equal(store_complaint_list(f->s, &q, collect_refs, refs, &total, &m), GK_OK);
	assert_int_equal(total, 1);
}

static void rectifications(void **state)
{
	struct db_fixture *f = *state;
	struct gk_errmsg m;
	struct store_complaint_rec c = {
	    .agency_id = f->agency, .ref = "投诉1", .received = D("2025-04-01"), .content = "x"};
	struct store_rectification r = {.agency_id = f->agency,
					.issued_by = f->region,
					.doc_number = "整改〔2025〕1号",
					.issued = D("2025-04-10"),
					.due = D("2025-04-30"),
					.content = "限期整改"};
	struct store_rectification got;
	struct store_complaint_rec cgot;
	int64_t cid, other_cid, id;
	struct store_counts counts;
	struct store_scope year = {f->agency, false, D("2025-01-01"), D("2025-12-31")};

	assert_int_equal(store_complaint_register(f->s, &c, &cid, &m), GK_OK);
	c.agency_id = f->other;
	assert_int_equal(store_complaint_register(f->s, &c, &other_cid, &m), GK_OK);

	/* Not to itself; the due date not before the issue; a complaint about
	 * another agency is not this agency's. */
	r.issued_by = f->agency;
	assert_int_equal(store_rectification_issue(f->s, &r, NULL, &m), GK_EINVAL);
	r.issued_by = f->region;
	r.due = D("2025-04-01");
	assert_int_equal(store_rectification_issue(f->s, &r, NULL, &m), GK_EINVAL);
	r.due = D("2025-04-30");
	r.complaint_id = other_cid;
	assert_int_equal(store_rectification_issue(f->s, &r, NULL, &m), GK_EINVAL);
	r.complaint_id = 999;
	assert_int_equal(store_rectification_issue(f->s, &r, NULL, &m), GK_ENOTFOUND);
	/* The refusals left nothing behind. */
	assert_int_equal(store_complaint_get(f->s, cid, &cgot, &m), GK_OK);
	assert_false(cgot.rectification);

	r.complaint_id = cid;
	assert_int_equal(store_rectification_issue(f->s, &r, &id, &m), GK_OK);
	assert_int_equal(store_complaint_get(f->s, cid, &cgot, &m), GK_OK);
	assert_true(cgot.rectification);
	assert_int_equal(store_rectification_get(f->s, id, &got, &m), GK_OK);
	assert_string_equal(got.doc_number, "整改〔2025〕1号");
	assert_string_equal(got.complaint_ref, "投诉1");
	assert_int_equal(got.issued_by, f->region);
	assert_int_equal(got.replied, 0);

	assert_int_equal(store_rectification_reply(f->s, id, D("2025-04-09"), "已改", &m),
			 GK_EINVAL);
	assert_int_equal(store_rectification_reply(f->s, id, D("2025-04-20"), "已改", &m), GK_OK);
	assert_int_equal(store_rectification_reply(f->s, id, D("2025-04-21"), "再改", &m),
			 GK_ECONFLICT);
	assert_int_equal(store_rectification_get(f->s, id, &got, &m), GK_OK);
	assert_string_equal(got.reply, "已改");
	assert_int_equal(store_rectification_reply(f->s, 999, D("2025-04-21"), "x", &m),
			 GK_ENOTFOUND);

	/* The annual report counts the complaint as received (sqlite_count.c). */
	assert_int_equal(store_count(f->s, &year, &counts, &m), GK_OK);
	assert_int_equal(counts.complaints_received, 1);
	assert_int_equal(counts.complaints_closed, 0);
}

static void appeals_feed_table_four(void **state)
{
	struct db_fixture *f = *state;
	struct gk_errmsg m;
	int64_t app = application(f, f->agency, "A1"), id, co;
	struct store_appeal a = {.agency_id = f->agency,
				 .application_id = app,
				 .ref = "复〔2025〕1号",
				 .kind = APPEAL_KIND_REVIEW,
				 .filed = D("2025-04-15")};
	struct store_appeal_rec got;
	struct store_counts counts;
	struct store_scope year = {f->agency, false, D("2025-01-01"), D("2025-12-31")};

	assert_int_equal(store_appeal_add(f->s, &a, &id, &m), GK_OK);
	a.ref = "诉〔2025〕2号";
	a.kind = APPEAL_KIND_LAWSUIT_AFTER_REVIEW;
	a.co_defendant_only = true;
	assert_int_equal(store_appeal_add(f->s, &a, &co, &m), GK_OK);

	assert_int_equal(store_count(f->s, &year, &counts, &m), GK_OK);
	assert_int_equal(counts.appeals[APPEAL_KIND_REVIEW][APPEAL_RESULT_PENDING], 1);

	assert_int_equal(store_appeal_close(f->s, id, APPEAL_RESULT_PENDING, D("2025-05-20"), &m),
			 GK_EINVAL);
	assert_int_equal(store_appeal_close(f->s, id, APPEAL_RESULT_CORRECTED, D("2025-04-14"), &m),
			 GK_EINVAL);
	assert_int_equal(store_appeal_close(f->s, id, APPEAL_RESULT_CORRECTED, D("2025-05-20"), &m),
			 GK_OK);
	assert_int_equal(store_appeal_close(f->s, id, APPEAL_RESULT_UPHELD, D("2025-05-21"), &m),
			 GK_ECONFLICT);
	assert_int_equal(store_appeal_close(f->s, co, APPEAL_RESULT_CORRECTED, D("2025-05-21"), &m),
			 GK_OK);
	assert_int_equal(store_appeal_get(f->s, id, &got, &m), GK_OK);
	assert_int_equal(got.a.result, APPEAL_RESULT_CORRECTED);
	assert_int_equal(got.a.closed, D("2025-05-20"));
	assert_string_equal(got.application_ref, "A1");

	/* Table 四: one 复议 结果纠正, none pending; the co-defendant case is not
	 * the agency's (国办公开办函〔2016〕201号). */
	assert_int_equal(store_count(f->s, &year, &counts, &m), GK_OK);
	assert_int_equal(counts.appeals[APPEAL_KIND_REVIEW][APPEAL_RESULT_CORRECTED], 1);
	assert_int_equal(counts.appeals[APPEAL_KIND_REVIEW][APPEAL_RESULT_PENDING], 0);
	assert_int_equal(counts.appeals[APPEAL_KIND_LAWSUIT_AFTER_REVIEW][APPEAL_RESULT_CORRECTED],
			 0);
}

static void overview(void **state)
{
	struct db_fixture *f = *state;
	struct gk_errmsg m;
	int64_t ids[2] = {f->region, f->agency};
	struct store_oversight o[2];
	struct store_case_state late = {.stage = 0, .due = D("2025-06-01")};
	struct store_case_state paused = {.stage = 2, .due = D("2025-06-01"), .paused = true};
	struct store_complaint_rec c = {
	    .agency_id = f->agency, .ref = "c", .received = D("2025-04-01"), .content = "x"};
	struct store_appeal a = {.agency_id = f->region,
				 .ref = "p",
				 .kind = APPEAL_KIND_LAWSUIT,
				 .filed = D("2025-04-15")};
	struct store_rectification r = {.agency_id = f->agency,
					.issued_by = f->region,
					.issued = D("2025-04-10"),
					.content = "x"};
	int64_t a1 = application(f, f->agency, "A1"), a2 = application(f, f->agency, "A2");

	application(f, f->agency, "A3");
	application(f, f->other, "B1");
	assert_int_equal(store_application_set_state(f->s, a1, &late, &m), GK_OK);
	assert_int_equal(store_application_set_state(f->s, a2, &paused, &m), GK_OK);
	assert_int_equal(store_complaint_register(f->s, &c, NULL, &m), GK_OK);
	assert_int_equal(store_appeal_add(f->s, &a, NULL, &m), GK_OK);
	assert_int_equal(store_rectification_issue(f->s, &r, NULL, &m), GK_OK);

	assert_int_equal(
	    store_oversight_count(f->s, f->region, true, D("2025-06-30"), ids, 2, o, &m), GK_OK);
	/* The 局: three open, one overdue (the paused clock is not overdue). */
	assert_int_equal(o[1].open, 3);
	assert_int_equal(o[1].overdue, 1);
	assert_int_equal(o[1].complaints_open, 1);
	assert_int_equal(o[1].rectifications_open, 1);
	assert_int_equal(o[0].appeals_pending, 1);
	assert_int_equal(o[0].open, 0);
	/* Before its due date nothing is overdue. */
	assert_int_equal(
	    store_oversight_count(f->s, f->region, true, D("2025-06-01"), ids, 2, o, &m), GK_OK);
	assert_int_equal(o[1].overdue, 0);
}

struct ind_walk {
	char names[256];
	int n;
};

static int collect_indicators(void *ctx, const struct store_indicator *in)
{
	struct ind_walk *w = ctx;
	size_t n = strlen(w->names);

	snprintf(w->names + n, sizeof(w->names) - n, "%s%s", n ? "," : "", in->name);
	w->n++;
	return 0;
}

static int collect_scores(void *ctx, int64_t indicator_id, int64_t agency_id, const char *score,
			  const char *note)
{
	char *out = ctx;
	size_t n = strlen(out);

	snprintf(out + n, 256 - n, "%s%lld/%lld=%s(%s)", n ? "," : "", (long long)indicator_id,
		 (long long)agency_id, score, note ? note : "");
	return 0;
}

static void indicators_and_scores(void **state)
{
	struct db_fixture *f = *state;
	struct gk_errmsg m;
	struct store_indicator in = {.agency_id = f->region,
				     .name = "按期答复",
				     .metric = "on_time_rate",
				     .max_score = 30,
				     .position = 2};
	struct store_indicator got;
	struct ind_walk w = {"", 0};
	int64_t a, b;
	char scores[256] = "";

	assert_int_equal(store_indicator_add(f->s, &in, &a, &m), GK_OK);
	in.name = "专项检查";
	in.metric = "manual";
	in.position = 1;
	assert_int_equal(store_indicator_add(f->s, &in, &b, &m), GK_OK);
	in.max_score = 0;
	assert_int_equal(store_indicator_add(f->s, &in, NULL, &m), GK_EINVAL);
	in.max_score = 1001;
	assert_int_equal(store_indicator_add(f->s, &in, NULL, &m), GK_EINVAL);
	in.max_score = 30;
	in.metric = "has space";
	assert_int_equal(store_indicator_add(f->s, &in, NULL, &m), GK_EINVAL);

	/* Columns by position. */
	assert_int_equal(store_indicator_each(f->s, f->region, collect_indicators, &w, &m), GK_OK);
	assert_string_equal(w.names, "专项检查,按期答复");

	in = (struct store_indicator){
	    .id = a, .name = "答复及时", .metric = "on_time_rate", .max_score = 25, .position = 0};
	assert_int_equal(store_indicator_update(f->s, &in, &m), GK_OK);
	assert_int_equal(store_indicator_get(f->s, a, &got, &m), GK_OK);
	assert_string_equal(got.name, "答复及时");
	assert_int_equal(got.max_score, 25);
	assert_int_equal(got.agency_id, f->region);
	in.id = 999;
	assert_int_equal(store_indicator_update(f->s, &in, &m), GK_ENOTFOUND);

	/* Scores: set, replace, clear, and per supervising agency and year. */
	assert_int_equal(store_score_set(f->s, b, f->agency, 2025, "27.5", "现场检查", &m), GK_OK);
	assert_int_equal(store_score_set(f->s, b, f->agency, 2025, "28", NULL, &m), GK_OK);
	assert_int_equal(store_score_set(f->s, b, f->region, 2025, "20", NULL, &m), GK_OK);
	assert_int_equal(store_score_set(f->s, b, f->agency, 2024, "10", NULL, &m), GK_OK);
	assert_int_equal(store_score_set(f->s, 999, f->agency, 2025, "10", NULL, &m), GK_ENOTFOUND);
	assert_int_equal(store_score_each(f->s, f->region, 2025, collect_scores, scores, &m),
			 GK_OK);
	{
		char want[256];

		snprintf(want, sizeof(want), "%lld/%lld=20(),%lld/%lld=28()", (long long)b,
			 (long long)f->region, (long long)b, (long long)f->agency);
		assert_string_equal(scores, want);
	}
	assert_int_equal(store_score_set(f->s, b, f->region, 2025, "", NULL, &m), GK_OK);
	scores[0] = '\0';
	assert_int_equal(store_score_each(f->s, f->region, 2025, collect_scores, scores, &m),
			 GK_OK);
	assert_null(strstr(scores, "=20"));
	/* Another supervisor's table is empty. */
	scores[0] = '\0';
	assert_int_equal(store_score_each(f->s, f->other, 2025, collect_scores, scores, &m), GK_OK);
	assert_string_equal(scores, "");

	/* Deleting an indicator takes its scores with it. */
	assert_int_equal(store_indicator_delete(f->s, b, &m), GK_OK);
	assert_int_equal(store_indicator_get(f->s, b, &got, &m), GK_ENOTFOUND);
	assert_int_equal(store_indicator_delete(f->s, b, &m), GK_ENOTFOUND);
	scores[0] = '\0';
	assert_int_equal(store_score_each(f->s, f->region, 2024, collect_scores, scores, &m),
			 GK_OK);
	assert_string_equal(scores, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(complaints, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(rectifications, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(appeals_feed_table_four, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(overview, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(indicators_and_scores, db_setup, db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
