/*
 * app/case: a step is one transaction (event, cached state, audit entry, or
 * nothing), the version a client saw is checked, steps are parsed from the
 * API's JSON and the forms' strings alike, the 109号 fee is computed from
 * the applicant's count this month, stale cases are derived once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/case.h"
#include "db_fixture.h"

#include "base/banned.h"

struct fx {
	struct db_fixture db;
	struct calendar *cal;
	int64_t handler, reviewer;
	struct case_ctx cx;
};

static int setup(void **state)
{
	struct fx *f;
	struct db_fixture *db;
	struct store_user h = {.username = "h", .role = ROLE_HANDLER, .password_hash = "x"};
	struct store_user r = {.username = "r", .role = ROLE_REVIEWER, .password_hash = "x"};

	if (db_setup(state))
		return -1;
	db = *state;
	if (!(f = calloc(1, sizeof(*f))))
		return -1;
	f->db = *db;
	free(db);
	h.agency_id = r.agency_id = f->db.agency;
	if (!(f->cal = calendar_open(NULL, NULL)) ||
	    store_user_add(f->db.s, &h, &f->handler, NULL) ||
	    store_user_add(f->db.s, &r, &f->reviewer, NULL))
		return -1;
	f->cx = (struct case_ctx){.st = f->db.s, .cal = f->cal,
				  .today = date_from_ymd(2025, 6, 30),
				  .who = {.user_id = f->handler, .client = "test", .now = 1751241600}};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	struct db_fixture *db = malloc(sizeof(*db));

	calendar_free(f->cal);
	*db = f->db;
	free(f);
	*state = db;
	return db_teardown(state);
}

/* An application received on date, with its RECEIVED event; key: applicant_key or NULL. */
static int64_t add_case(struct fx *f, const char *ref, gk_date received, const char *key)
{
	struct store_application a = {.agency_id = f->db.agency, .ref = ref, .received = received,
				      .applicant_key = key};
	struct store_event e = {.kind = EVENT_RECEIVED, .date = received};
	int64_t id;

	assert_int_equal(store_application_add_logged(f->db.s, &a, &e, 1, &id, NULL), GK_OK);
	return id;
}

static int64_t count(struct fx *f, int64_t id)
{
	int64_t n;

	assert_int_equal(store_event_count(f->db.s, id, &n, NULL), GK_OK);
	return n;
}

static int64_t audit_entries(struct fx *f)
{
	struct store_audit last;

	return store_audit_last(f->db.s, &last, NULL) ? 0 : last.seq;
}

/* Parse the JSON text and take the step as who; returns the step's error. */
static enum gk_err step(struct fx *f, int64_t id, int64_t version, const char *json,
			const struct proc_actor *who, struct gk_errmsg *m)
{
	struct case_data d;
	struct store_event e;
	char *data, *note;
	json_t *in = json_loads(json, 0, NULL);
	enum gk_err err;

	assert_non_null(in);
	assert_int_equal(case_load(&f->cx, id, &d, m), GK_OK);
	err = case_event_parse(&f->cx, &d, in, &e, &data, &note, m);
	if (!err) {
		e.data = data;
		e.note = note;
		err = case_act(&f->cx, id, version, &e, who, m);
		free(data);
		free(note);
	}
	case_release(&d);
	json_decref(in);
	return err;
}

static struct proc_actor handler_of(const struct fx *f)
{
	return (struct proc_actor){.user_id = f->handler, .may_handle = true};
}

static void test_step_is_one_transaction(void **state)
{
	struct fx *f = *state;
	struct proc_actor h = handler_of(f);
	struct gk_errmsg m;
	struct store_application a;
	int64_t id = add_case(f, "A1", date_from_ymd(2025, 6, 3), NULL);
	int64_t audits = audit_entries(f);

	assert_int_equal(step(f, id, -1, "{\"type\":\"consultation_opened\",\"date\":\"2025-06-12\","
					 "\"party\":\"agency\",\"party_name\":\"区财政局\"}",
			      &h, &m),
			 GK_OK);
	assert_int_equal(count(f, id), 2);
	assert_int_equal(audit_entries(f), audits + 1);
	assert_int_equal(store_application_get_id(f->db.s, id, &a, &m), GK_OK);
	assert_int_equal(a.stage, PROC_CONSULTING);
	assert_true(a.paused);
	/* Refused by the procedure: nothing written, not even the audit entry. */
	assert_int_equal(step(f, id, -1, "{\"type\":\"consultation_opened\",\"date\":\"2025-06-13\","
					 "\"party\":\"third_party\"}",
			      &h, &m),
			 GK_ECONFLICT);
	assert_int_equal(count(f, id), 2);
	assert_int_equal(audit_entries(f), audits + 1);
	/* A date before receipt: refused as a bad value. */
	assert_int_equal(step(f, id, -1, "{\"type\":\"consultation_closed\",\"date\":\"2025-06-02\"}",
			      &h, &m),
			 GK_EINVAL);
	assert_int_equal(count(f, id), 2);
	/* The close takes the open consultation's party when none is given. */
	assert_int_equal(step(f, id, -1, "{\"type\":\"consultation_closed\",\"date\":\"2025-06-19\"}",
			      &h, &m),
			 GK_OK);
	assert_int_equal(store_application_get_id(f->db.s, id, &a, &m), GK_OK);
	assert_int_equal(a.stage, PROC_ACCEPTED);
	assert_false(a.paused);
	/* 20 working days after 06-03 is 07-01; the consultation (06-13 … 06-19,
	 * five working days) moves it to 07-08. */
	assert_int_equal(a.due, date_from_ymd(2025, 7, 8));
}

static void test_version_conflict(void **state)
{
	struct fx *f = *state;
	struct proc_actor h = handler_of(f);
	struct gk_errmsg m;
	int64_t id = add_case(f, "A2", date_from_ymd(2025, 6, 3), NULL);

	assert_int_equal(step(f, id, 1, "{\"type\":\"extension_requested\",\"date\":\"2025-06-20\","
					"\"days\":\"10\",\"note\":\"材料多\"}",
			      &h, &m),
			 GK_OK);
	/* The second handler saw version 1 too. */
	assert_int_equal(step(f, id, 1, "{\"type\":\"answer_drafted\",\"date\":\"2025-06-20\","
					"\"outcome\":\"C1\"}",
			      &h, &m),
			 GK_ECONFLICT);
	assert_non_null(strstr(m.text, "案件已被他人更新"));
	assert_int_equal(count(f, id), 2);
	assert_int_equal(step(f, id, 2, "{\"type\":\"answer_drafted\",\"date\":\"2025-06-20\","
					"\"outcome\":\"C1\"}",
			      &h, &m),
			 GK_OK);
}

static void test_parse_fields(void **state)
{
	struct fx *f = *state;
	struct proc_actor h = handler_of(f);
	struct gk_errmsg m;
	struct case_data d;
	int64_t id = add_case(f, "A3", date_from_ymd(2025, 6, 3), NULL);

	/* Items from a textarea: one per line, blank lines and trailing spaces dropped. */
	assert_int_equal(step(f, id, -1, "{\"type\":\"correction_requested\",\"date\":\"2025-06-05\","
					 "\"items\":\"名称 \\r\\n\\n年份\\n\",\"deadline\":\"2025-06-20\"}",
			      &h, &m),
			 GK_OK);
	assert_int_equal(case_load(&f->cx, id, &d, &m), GK_OK);
	assert_string_equal(d.events[1].data, "{\"items\":[\"名称\",\"年份\"],\"deadline\":\"2025-06-20\"}");
	assert_int_equal(d.state.correction_deadline, date_from_ymd(2025, 6, 20));
	case_release(&d);
	assert_int_equal(step(f, id, -1, "{\"type\":\"nonsense\"}", &h, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "type"));
	assert_int_equal(step(f, id, -1, "{\"type\":\"received\"}", &h, &m), GK_EINVAL);
	assert_int_equal(step(f, id, -1, "{\"type\":\"correction_received\",\"date\":\"2025-6-9\"}",
			      &h, &m),
			 GK_EINVAL);
	assert_non_null(strstr(m.text, "YYYY-MM-DD"));
	assert_int_equal(step(f, id, -1, "{\"type\":\"correction_received\",\"date\":\"2025-06-09\"}",
			      &h, &m),
			 GK_OK);
	assert_int_equal(step(f, id, -1, "{\"type\":\"extension_requested\",\"days\":21}", &h, &m),
			 GK_EINVAL);
	assert_non_null(strstr(m.text, "第三十三条"));
	assert_int_equal(step(f, id, -1, "{\"type\":\"answer_drafted\",\"outcome\":\"C9\"}", &h, &m),
			 GK_EINVAL);
	assert_int_equal(step(f, id, -1, "{\"type\":\"answer_drafted\"}", &h, &m), GK_EINVAL);
	assert_int_equal(step(f, id, -1, "{\"type\":\"assigned\",\"assignee\":\"x\"}", &h, &m),
			 GK_EINVAL);
}

/* 109号 第四条: per item by the applicant's position in the natural month. */
static void test_fee_per_item(void **state)
{
	struct fx *f = *state;
	struct proc_actor h = handler_of(f);
	struct gk_errmsg m;
	struct case_data d;
	const char *key = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	char ref[16];
	int64_t id = 0;

	/* Ten earlier applications of the same person in May 2025, then this one. */
	for (int i = 1; i <= 11; i++) {
		snprintf(ref, sizeof(ref), "F%d", i);
		id = add_case(f, ref, date_from_ymd(2025, 5, (i < 11 ? i : 19)), key);
		if (i == 10) {
			assert_int_equal(step(f, id, -1, "{\"type\":\"fee_notice\",\"date\":\"2025-05-20\"}",
					      &h, &m),
					 GK_EINVAL);
			assert_non_null(strstr(m.text, "前 10 件不收费"));
		}
	}
	assert_int_equal(step(f, id, -1, "{\"type\":\"fee_notice\",\"date\":\"2025-05-20\"}", &h, &m),
			 GK_OK);
	assert_int_equal(case_load(&f->cx, id, &d, &m), GK_OK);
	assert_int_equal(d.state.fee_amount_fen, 10000); /* the 11th: 100元 */
	assert_int_equal(d.state.stage, PROC_FEE);
	case_release(&d);
}

static void test_refresh_stale(void **state)
{
	struct fx *f = *state;
	struct store_application a;
	struct gk_errmsg m;
	size_t refreshed, failed;
	int64_t id = add_case(f, "S1", date_from_ymd(2025, 6, 3), NULL);

	assert_int_equal(store_application_get_id(f->db.s, id, &a, &m), GK_OK);
	assert_int_equal(a.due, 0);
	assert_int_equal(case_refresh_stale(&f->cx, &refreshed, &failed, &m), GK_OK);
	assert_int_equal(refreshed, 1);
	assert_int_equal(failed, 0);
	assert_int_equal(store_application_get_id(f->db.s, id, &a, &m), GK_OK);
	assert_int_equal(a.due, date_from_ymd(2025, 7, 1));
	assert_int_equal(case_refresh_stale(&f->cx, &refreshed, &failed, &m), GK_OK);
	assert_int_equal(refreshed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_step_is_one_transaction, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_version_conflict, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_parse_fields, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fee_per_item, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refresh_stale, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
