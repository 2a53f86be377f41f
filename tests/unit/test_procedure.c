/*
 * Unit tests for app/procedure: every transition of the state machine of
 * a disclosure application, allowed and refused, on real dates around the
 * 2026 National Day holiday (10-01 to 10-07 off, Saturday 10-10 a 调休
 * working day) with the built-in calendar.
 *
 * Dates used throughout, for an application received Monday 2026-09-28:
 *   补正 notice due  2026-10-13 (7th working day; 10-14 without the 调休)
 *   answer due       2026-10-30 (20th working day)
 *   fee paid by      2026-11-02 for a notice of 2026-09-29
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/procedure.h"
#include "law_fixture.h"

/* One event of a test log; value is the outcome, days, amount in 分,
 * party or assignee, whichever the kind carries. */
struct step {
	enum app_event_kind kind;
	const char *date;
	int64_t user;
	int64_t value;
	const char *data;
};

static const struct proc_actor handler = {.user_id = 2, .may_handle = true};
static const struct proc_actor other_handler = {.user_id = 5, .may_handle = true};
static const struct proc_actor reviewer = {.user_id = 3, .may_review = true};
static const struct proc_actor head = {
	.user_id = 4, .may_handle = true, .may_review = true, .may_approve_extension = true};
/* Someone who may do everything, and drafted or requested nothing. */
static const struct proc_actor anyone = {
	.user_id = 9, .may_handle = true, .may_review = true, .may_approve_extension = true};
static const struct proc_actor nobody = {.user_id = 10};

static struct gk_errmsg last; /* the message of the latest refusal */

/* A step recorded by whoever acts (act() sets the user). */
static struct step S(enum app_event_kind kind, const char *date, int64_t value)
{
	return (struct step){.kind = kind, .date = date, .value = value};
}

static struct step SD(enum app_event_kind kind, const char *date, const char *data)
{
	return (struct step){.kind = kind, .date = date, .data = data};
}

static struct store_event event_of(const struct step *s)
{
	struct store_event e = {
		.kind = s->kind, .date = D(s->date), .user_id = s->user, .data = s->data};

	switch (s->kind) {
	case EVENT_ANSWERED:
	case EVENT_ANSWER_DRAFTED:
	case EVENT_CORRECTION_LAPSED:
	case EVENT_FEE_LAPSED:
		e.outcome = (enum outcome)s->value;
		break;
	case EVENT_EXTENSION_REQUESTED:
	case EVENT_EXTENSION_APPROVED:
		e.days = (int)s->value;
		break;
	case EVENT_FEE_NOTICE:
		e.amount_fen = s->value;
		break;
	case EVENT_CONSULTATION_OPENED:
	case EVENT_CONSULTATION_CLOSED:
		e.party = (enum consult_party)s->value;
		break;
	case EVENT_ASSIGNED:
		e.assignee = s->value;
		break;
	default:
		break;
	}
	return e;
}

static void replay(const struct step *steps, size_t n, const char *today, struct proc_state *st)
{
	struct store_event ev[32];
	struct gk_errmsg m;

	assert_true(n <= 32);
	for (size_t i = 0; i < n; i++)
		ev[i] = event_of(&steps[i]);
	if (proc_replay(cal, D(steps[0].date), ev, n, D(today), st, &m) != GK_OK)
		fail_msg("replay failed: %s", m.text);
}

/* As the web layer does: check, and when allowed apply (with who as the
 * recorded user). proc_check must not touch the state. */
static enum gk_err act(struct proc_state *st, const struct proc_actor *who, struct step s,
		       const char *today)
{
	struct store_event e = event_of(&s);
	struct proc_state before;
	enum gk_err err;

	memcpy(&before, st, sizeof(before));
	last.text[0] = '\0';
	err = proc_check(cal, st, &e, who, D(today), &last);
	assert_memory_equal(&before, st, sizeof(before));
	if (err == GK_OK) {
		e.user_id = who->user_id;
		if (proc_apply(cal, st, &e, D(today), &last) != GK_OK)
			fail_msg("apply failed: %s", last.text);
	}
	return err;
}

static void assert_message_has(const char *needle)
{
	if (!strstr(last.text, needle))
		fail_msg("message \"%s\" lacks \"%s\"", last.text, needle);
}

#define RECEIVED {EVENT_RECEIVED, "2026-09-28", 1, 0, NULL}
#define BIT(k) (1u << (k))

/* --- The table: stage × kind ------------------------------------------ */

struct row {
	const char *name;
	enum proc_stage stage;
	struct step log[6];
	size_t n;
	unsigned allowed; /* BIT(kind) of the kinds proc_check lets through */
};

#define ALWAYS (BIT(EVENT_ASSIGNED) | BIT(EVENT_CARRIED_OVER))

static const struct row rows[] = {
	{"办理中", PROC_ACCEPTED, {RECEIVED}, 1,
	 ALWAYS | BIT(EVENT_CORRECTION_ASKED) | BIT(EVENT_CONSULTATION_OPENED) |
		 BIT(EVENT_EXTENSION_REQUESTED) | BIT(EVENT_FEE_NOTICE) | BIT(EVENT_ANSWER_DRAFTED)},
	{"待补正", PROC_CORRECTION,
	 {RECEIVED,
	  {EVENT_CORRECTION_ASKED, "2026-09-30", 2, 0, "{\"deadline\":\"2026-10-16\"}"}}, 2,
	 ALWAYS | BIT(EVENT_CORRECTION_RECEIVED) | BIT(EVENT_CORRECTION_LAPSED)},
	{"征求意见中", PROC_CONSULTING,
	 {RECEIVED, {EVENT_CONSULTATION_OPENED, "2026-09-30", 2, CONSULT_THIRD_PARTY, NULL}}, 2,
	 ALWAYS | BIT(EVENT_CONSULTATION_CLOSED) | BIT(EVENT_EXTENSION_REQUESTED)},
	{"待缴费", PROC_FEE, {RECEIVED, {EVENT_FEE_NOTICE, "2026-09-29", 2, 10000, NULL}}, 2,
	 ALWAYS | BIT(EVENT_FEE_PAID) | BIT(EVENT_FEE_LAPSED) | BIT(EVENT_EXTENSION_REQUESTED)},
	{"待审核", PROC_REVIEW,
	 {RECEIVED, {EVENT_ANSWER_DRAFTED, "2026-09-30", 2, OUTCOME_C1, NULL}}, 2,
	 ALWAYS | BIT(EVENT_ANSWER_RETURNED) | BIT(EVENT_ANSWER_APPROVED) |
		 BIT(EVENT_EXTENSION_REQUESTED)},
	{"待签发", PROC_APPROVED,
	 {RECEIVED, {EVENT_ANSWER_DRAFTED, "2026-09-30", 2, OUTCOME_C1, NULL},
	  {EVENT_ANSWER_APPROVED, "2026-10-08", 3, 0, NULL}}, 3,
	 ALWAYS | BIT(EVENT_ANSWERED) | BIT(EVENT_EXTENSION_REQUESTED)},
	{"已答复", PROC_ANSWERED,
	 {RECEIVED, {EVENT_ANSWER_DRAFTED, "2026-09-30", 2, OUTCOME_C1, NULL},
	  {EVENT_ANSWER_APPROVED, "2026-10-08", 3, 0, NULL},
	  {EVENT_ANSWERED, "2026-10-09", 2, OUTCOME_C1, NULL}}, 4,
	 ALWAYS | BIT(EVENT_CLOSED)},
	{"已办结", PROC_CLOSED,
	 {RECEIVED, {EVENT_ANSWER_DRAFTED, "2026-09-30", 2, OUTCOME_C1, NULL},
	  {EVENT_ANSWER_APPROVED, "2026-10-08", 3, 0, NULL},
	  {EVENT_ANSWERED, "2026-10-09", 2, OUTCOME_C1, NULL},
	  {EVENT_CLOSED, "2026-10-09", 2, 0, NULL}}, 5,
	 0},
	{"办理中，延期待批", PROC_ACCEPTED,
	 {RECEIVED, {EVENT_EXTENSION_REQUESTED, "2026-09-30", 2, 10, NULL}}, 2,
	 ALWAYS | BIT(EVENT_CORRECTION_ASKED) | BIT(EVENT_CONSULTATION_OPENED) |
		 BIT(EVENT_EXTENSION_APPROVED) | BIT(EVENT_EXTENSION_REFUSED) |
		 BIT(EVENT_FEE_NOTICE) | BIT(EVENT_ANSWER_DRAFTED)},
};

#define TABLE_TODAY "2026-12-31"

/* An event of kind k with fitting values, dated inside its window. */
static struct step probe(enum app_event_kind k)
{
	switch (k) {
	case EVENT_CORRECTION_LAPSED:
		return (struct step){k, "2026-10-19", 9, OUTCOME_C6_1, NULL};
	case EVENT_FEE_LAPSED:
		return (struct step){k, "2026-11-03", 9, OUTCOME_C6_2, NULL};
	case EVENT_ANSWERED:
	case EVENT_ANSWER_DRAFTED:
		return (struct step){k, "2026-10-09", 9, OUTCOME_C1, NULL};
	case EVENT_EXTENSION_REQUESTED:
	case EVENT_EXTENSION_APPROVED:
		return (struct step){k, "2026-10-09", 9, 10, NULL};
	case EVENT_FEE_NOTICE:
		return (struct step){k, "2026-10-09", 9, 5000, NULL};
	case EVENT_CONSULTATION_OPENED:
	case EVENT_CONSULTATION_CLOSED:
		return (struct step){k, "2026-10-09", 9, CONSULT_THIRD_PARTY, NULL};
	case EVENT_ASSIGNED:
		return (struct step){k, "2026-10-09", 9, 5, NULL};
	case EVENT_CARRIED_OVER:
		return (struct step){k, "2026-12-31", 9, 0, NULL};
	default:
		return (struct step){k, "2026-10-09", 9, 0, NULL};
	}
}

static void test_stage_by_kind_table(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		struct proc_state st;
		bool allowed[EVENT_KIND_COUNT];

		replay(rows[r].log, rows[r].n, TABLE_TODAY, &st);
		assert_int_equal(st.stage, rows[r].stage);
		proc_allowed(&st, &anyone, allowed);
		for (int k = 0; k < EVENT_KIND_COUNT; k++) {
			struct proc_state copy = st;
			bool want = rows[r].allowed & BIT(k);
			enum gk_err err = act(&copy, &anyone, probe((enum app_event_kind)k),
					      TABLE_TODAY);

			if (err != (want ? GK_OK : GK_ECONFLICT))
				fail_msg("%s × %s: got %s (%s), want %s", rows[r].name,
					 app_event_kind_id((enum app_event_kind)k), gk_err_name(err),
					 last.text, want ? "ok" : "conflict");
			if (!want && !strstr(last.text, proc_stage_name(st.stage)))
				fail_msg("%s × %s: reason \"%s\" does not name the stage",
					 rows[r].name, app_event_kind_id((enum app_event_kind)k),
					 last.text);
			if (allowed[k] != want)
				fail_msg("%s × %s: proc_allowed says %d, proc_check %d", rows[r].name,
					 app_event_kind_id((enum app_event_kind)k), allowed[k], want);
		}
	}
}

/* Without permissions nothing passes, and nothing is offered. */
static void test_nobody_may_act(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		struct proc_state st;
		bool allowed[EVENT_KIND_COUNT];

		replay(rows[r].log, rows[r].n, TABLE_TODAY, &st);
		proc_allowed(&st, &nobody, allowed);
		for (int k = 0; k < EVENT_KIND_COUNT; k++) {
			struct proc_state copy = st;

			assert_int_equal(act(&copy, &nobody, probe((enum app_event_kind)k),
					     TABLE_TODAY),
					 GK_ECONFLICT);
			assert_false(allowed[k]);
		}
	}
}

/* --- 补正 (第三十条) ------------------------------------------------------ */

static void test_correction_restarts_the_clock(void **state)
{
	const struct step log[] = {RECEIVED};
	struct proc_state st;

	(void)state;
	replay(log, 1, "2026-10-14", &st);
	/* 7 working days: 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13. */
	assert_int_equal(st.clock.correction_notice_due, D("2026-10-13"));
	assert_int_equal(st.due, D("2026-10-30"));
	assert_int_equal(act(&st, &handler, S(EVENT_CORRECTION_ASKED, "2026-10-14", 0),
			     "2026-10-14"),
			 GK_ECONFLICT);
	assert_message_has("第三十条");
	assert_message_has("2026-10-13");
	assert_int_equal(act(&st, &handler,
			     SD(EVENT_CORRECTION_ASKED, "2026-10-13", "{\"deadline\":\"2026-10-12\"}"),
			     "2026-10-14"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler,
			     SD(EVENT_CORRECTION_ASKED, "2026-10-13", "[1]"),
			     "2026-10-14"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler,
			     SD(EVENT_CORRECTION_ASKED, "2026-10-13", "{\"items\":[\"文号\"],\"deadline\":\"2026-10-27\"}"),
			     "2026-10-14"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_CORRECTION);
	assert_true(st.paused);
	assert_int_equal(st.correction_deadline, D("2026-10-27"));
	/* Waiting: the due date is what a correction arriving today gives. */
	assert_int_equal(st.due, D("2026-11-11"));
	assert_int_equal(st.clock.working_days_left, 20);

	/* 一次性告知: no second notice, not even after the correction. */
	assert_int_equal(act(&st, &handler, S(EVENT_CORRECTION_ASKED, "2026-10-14", 0),
			     "2026-10-14"),
			 GK_ECONFLICT);
	assert_message_has("一次性");
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CORRECTION_RECEIVED, "2026-10-20", 0), "2026-10-20"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_ACCEPTED);
	assert_false(st.paused);
	/* From zero after 10-20: the 20th working day is 11-17, not 10-30. */
	assert_int_equal(st.clock.start, D("2026-10-20"));
	assert_int_equal(st.due, D("2026-11-17"));
	assert_int_equal(act(&st, &handler, S(EVENT_CORRECTION_ASKED, "2026-10-20", 0),
			     "2026-10-20"),
			 GK_ECONFLICT);
}

static void test_correction_lapses_only_after_deadline(void **state)
{
	const struct step log[] = {
		RECEIVED,
		{EVENT_CORRECTION_ASKED, "2026-09-30", 2, 0, "{\"deadline\":\"2026-10-16\"}"},
	};
	const struct step no_deadline[] = {
		RECEIVED,
		{EVENT_CORRECTION_ASKED, "2026-09-30", 2, 0, NULL},
	};
	struct proc_state st;

	(void)state;
	replay(log, 2, "2026-10-16", &st);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CORRECTION_LAPSED, "2026-10-16", OUTCOME_C6_1),
			     "2026-10-16"),
			 GK_ECONFLICT);
	assert_message_has("2026-10-16");
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CORRECTION_LAPSED, "2026-10-19", OUTCOME_C1),
			     "2026-10-19"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CORRECTION_LAPSED, "2026-10-19", OUTCOME_C6_1),
			     "2026-10-19"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_ANSWERED);
	assert_true(st.answered);
	assert_int_equal(st.outcome, OUTCOME_C6_1);
	assert_false(st.paused);
	assert_int_equal(act(&st, &handler, S(EVENT_CLOSED, "2026-10-19", 0), "2026-10-19"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_CLOSED);

	/* No deadline given: the handler judges when it lapsed. */
	replay(no_deadline, 2, "2026-10-08", &st);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CORRECTION_LAPSED, "2026-10-08", OUTCOME_C6_1),
			     "2026-10-08"),
			 GK_OK);
}

/* 补正 comes before any handling. */
static void test_correction_only_before_handling(void **state)
{
	const struct step consulted[] = {
		RECEIVED,
		{EVENT_CONSULTATION_OPENED, "2026-09-29", 2, CONSULT_AGENCY, NULL},
		{EVENT_CONSULTATION_CLOSED, "2026-09-30", 2, CONSULT_AGENCY, NULL},
	};
	const struct step returned[] = {
		RECEIVED,
		{EVENT_ANSWER_DRAFTED, "2026-09-29", 2, OUTCOME_C1, NULL},
		{EVENT_ANSWER_RETURNED, "2026-09-30", 3, 0, NULL},
	};
	struct proc_state st;

	(void)state;
	replay(consulted, 3, "2026-10-08", &st);
	assert_int_equal(st.stage, PROC_ACCEPTED);
	assert_int_equal(act(&st, &handler, S(EVENT_CORRECTION_ASKED, "2026-10-08", 0),
			     "2026-10-08"),
			 GK_ECONFLICT);
	assert_message_has("已征求意见");
	replay(returned, 3, "2026-10-08", &st);
	assert_int_equal(st.returns, 1);
	assert_int_equal(act(&st, &handler, S(EVENT_CORRECTION_ASKED, "2026-10-08", 0),
			     "2026-10-08"),
			 GK_ECONFLICT);
}

/* --- Consultations (第三十二条, 第三十三条第三款, 第三十四条) --------------- */

static void test_consultation_pause_moves_due(void **state)
{
	const struct step log[] = {RECEIVED};
	struct proc_state st;

	(void)state;
	replay(log, 1, "2026-09-30", &st);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CONSULTATION_OPENED, "2026-09-30", CONSULT_THIRD_PARTY),
			     "2026-09-30"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_CONSULTING);
	assert_true(st.paused);
	assert_true(st.consulting);
	/* 15 working days for the third party, counting the 调休 Saturday:
	 * 10-27, not 10-28. */
	assert_int_equal(st.consult_reply_due, D("2026-10-27"));
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CONSULTATION_OPENED, "2026-10-09", CONSULT_AGENCY),
			     "2026-10-12"),
			 GK_ECONFLICT);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_ANSWER_DRAFTED, "2026-10-09", OUTCOME_C1),
			     "2026-10-12"),
			 GK_ECONFLICT);
	assert_message_has("征求意见中");
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CONSULTATION_CLOSED, "2026-10-12", CONSULT_AGENCY),
			     "2026-10-12"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CONSULTATION_CLOSED, "2026-10-12", CONSULT_THIRD_PARTY),
			     "2026-10-12"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_ACCEPTED);
	assert_false(st.paused);
	/* Not counted: 10-08, 10-09, 10-10 (调休), 10-12: four working days
	 * after 10-30. */
	assert_int_equal(st.clock.excluded_days, 4);
	assert_int_equal(st.due, D("2026-11-05"));

	/* A second consultation, with another agency (第三十四条). */
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CONSULTATION_OPENED, "2026-10-16", CONSULT_AGENCY),
			     "2026-10-16"),
			 GK_OK);
	assert_int_equal(st.consult_party, CONSULT_AGENCY);
	assert_int_equal(st.n_pauses, 2);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_CONSULTATION_CLOSED, "2026-10-19", CONSULT_AGENCY),
			     "2026-10-19"),
			 GK_OK);
	assert_int_equal(st.clock.excluded_days, 5);
	assert_int_equal(st.due, D("2026-11-06"));
}

/* --- Extension (第三十三条第二款) ------------------------------------------ */

static void test_extension_needs_another_person(void **state)
{
	const struct step log[] = {RECEIVED};
	const struct proc_actor requester_as_head = {
		.user_id = 2, .may_handle = true, .may_approve_extension = true};
	struct proc_state st;

	(void)state;
	replay(log, 1, "2026-10-20", &st);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_EXTENSION_REQUESTED, "2026-10-20", 21),
			     "2026-10-20"),
			 GK_EINVAL);
	assert_message_has("第三十三条第二款");
	assert_int_equal(act(&st, &handler,
			     S(EVENT_EXTENSION_REQUESTED, "2026-10-20", 0),
			     "2026-10-20"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_EXTENSION_REQUESTED, "2026-10-20", 15),
			     "2026-10-20"),
			 GK_OK);
	assert_true(st.extension_pending);
	assert_int_equal(st.stage, PROC_ACCEPTED);
	assert_int_equal(st.due, D("2026-10-30"));
	assert_int_equal(act(&st, &handler,
			     S(EVENT_EXTENSION_REQUESTED, "2026-10-20", 5),
			     "2026-10-20"),
			 GK_ECONFLICT);

	/* The handler may not approve; nor may the requester, head or not. */
	assert_int_equal(act(&st, &handler,
			     S(EVENT_EXTENSION_APPROVED, "2026-10-21", 15),
			     "2026-10-21"),
			 GK_ECONFLICT);
	assert_message_has("负责人");
	assert_int_equal(act(&st, &requester_as_head,
			     S(EVENT_EXTENSION_APPROVED, "2026-10-21", 15),
			     "2026-10-21"),
			 GK_ECONFLICT);
	assert_message_has("另一位");
	assert_int_equal(act(&st, &head,
			     S(EVENT_EXTENSION_APPROVED, "2026-10-21", 16),
			     "2026-10-21"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &head,
			     S(EVENT_EXTENSION_APPROVED, "2026-10-21", 21),
			     "2026-10-21"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &head,
			     S(EVENT_EXTENSION_APPROVED, "2026-10-21", 15),
			     "2026-10-21"),
			 GK_OK);
	assert_false(st.extension_pending);
	assert_int_equal(st.extension_days, 15);
	assert_int_equal(st.extension_approved_by, head.user_id);
	assert_int_equal(st.clock.limit_days, 35);
	assert_int_equal(st.due, D("2026-11-20"));

	/* One extension only. */
	assert_int_equal(act(&st, &handler,
			     S(EVENT_EXTENSION_REQUESTED, "2026-10-22", 5),
			     "2026-10-22"),
			 GK_ECONFLICT);
	assert_message_has("第三十三条第二款");
}

/* The head may refuse instead: the request ends, the period stays, and a
 * new request may be made within it. */
static void test_extension_refused(void **state)
{
	const struct step log[] = {RECEIVED, {EVENT_EXTENSION_REQUESTED, "2026-10-20", 2, 10, NULL}};
	struct proc_state st;
	gk_date due;

	(void)state;
	replay(log, 2, "2026-10-21", &st);
	due = st.due;
	assert_int_equal(act(&st, &handler, S(EVENT_EXTENSION_REFUSED, "2026-10-21", 0), "2026-10-21"),
			 GK_ECONFLICT);
	assert_int_equal(act(&st, &head, S(EVENT_EXTENSION_REFUSED, "2026-10-21", 0), "2026-10-21"),
			 GK_OK);
	assert_false(st.extension_pending);
	assert_int_equal(st.extension_days, 0);
	assert_int_equal(st.due, due);
	assert_int_equal(act(&st, &head, S(EVENT_EXTENSION_APPROVED, "2026-10-21", 10), "2026-10-21"),
			 GK_ECONFLICT);
	assert_message_has("没有待批准的延期申请");
	assert_int_equal(act(&st, &handler, S(EVENT_EXTENSION_REQUESTED, "2026-10-22", 5),
			     "2026-10-22"),
			 GK_OK);
}

static void test_extension_asked_within_the_period(void **state)
{
	const struct step log[] = {RECEIVED};
	struct proc_state st;

	(void)state;
	replay(log, 1, "2026-11-02", &st);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_EXTENSION_REQUESTED, "2026-11-02", 10),
			     "2026-11-02"),
			 GK_ECONFLICT);
	assert_message_has("2026-10-30");
	/* Recorded afterwards with the date it was asked: in time. */
	assert_int_equal(act(&st, &handler,
			     S(EVENT_EXTENSION_REQUESTED, "2026-10-30", 10),
			     "2026-11-02"),
			 GK_OK);
}

/* --- Fees (第四十二条, 109号) --------------------------------------------- */

static void test_fee_lapses_only_after_due(void **state)
{
	const struct step log[] = {RECEIVED};
	struct proc_state st, paid;

	(void)state;
	replay(log, 1, "2026-09-29", &st);
	assert_int_equal(act(&st, &handler, S(EVENT_FEE_NOTICE, "2026-09-29", 0),
			     "2026-09-29"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler, S(EVENT_FEE_NOTICE, "2026-09-29", 12000),
			     "2026-09-29"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_FEE);
	assert_false(st.paused);
	assert_int_equal(st.fee_payment_due, D("2026-11-02"));
	/* The fee period does not stop the answer clock. */
	assert_int_equal(st.due, D("2026-10-30"));
	paid = st;

	assert_int_equal(act(&st, &handler,
			     S(EVENT_FEE_LAPSED, "2026-11-02", OUTCOME_C6_2),
			     "2026-11-02"),
			 GK_ECONFLICT);
	assert_message_has("109号");
	assert_int_equal(act(&st, &handler, S(EVENT_FEE_PAID, "2026-11-03", 0),
			     "2026-11-03"),
			 GK_ECONFLICT);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_FEE_LAPSED, "2026-11-03", OUTCOME_C4_1),
			     "2026-11-03"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_FEE_LAPSED, "2026-11-03", OUTCOME_C6_2),
			     "2026-11-03"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_ANSWERED);
	assert_int_equal(st.outcome, OUTCOME_C6_2);

	assert_int_equal(act(&paid, &handler, S(EVENT_FEE_PAID, "2026-11-02", 0),
			     "2026-11-02"),
			 GK_OK);
	assert_int_equal(paid.stage, PROC_ACCEPTED);
	assert_true(paid.fee_paid);
	assert_int_equal(act(&paid, &handler,
			     S(EVENT_FEE_NOTICE, "2026-11-02", 12000), "2026-11-02"),
			 GK_ECONFLICT);
}

/* --- Draft, review, answer ---------------------------------------------- */

static void test_reviewer_is_not_the_drafter(void **state)
{
	const struct step log[] = {RECEIVED};
	const struct proc_actor drafter_reviewer = {
		.user_id = 2, .may_handle = true, .may_review = true};
	struct proc_state st;
	bool allowed[EVENT_KIND_COUNT];

	(void)state;
	replay(log, 1, "2026-10-09", &st);
	assert_int_equal(act(&st, &drafter_reviewer,
			     S(EVENT_ANSWER_DRAFTED, "2026-10-08", OUTCOME_C4_1),
			     "2026-10-09"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_REVIEW);
	assert_int_equal(st.drafted_by, 2);
	assert_int_equal(act(&st, &drafter_reviewer,
			     S(EVENT_ANSWER_APPROVED, "2026-10-09", 0), "2026-10-09"),
			 GK_ECONFLICT);
	assert_message_has("另一位审核人");
	assert_int_equal(act(&st, &drafter_reviewer,
			     S(EVENT_ANSWER_RETURNED, "2026-10-09", 0), "2026-10-09"),
			 GK_ECONFLICT);
	assert_int_equal(act(&st, &other_handler,
			     S(EVENT_ANSWER_APPROVED, "2026-10-09", 0), "2026-10-09"),
			 GK_ECONFLICT);
	proc_allowed(&st, &drafter_reviewer, allowed);
	assert_false(allowed[EVENT_ANSWER_APPROVED]);
	proc_allowed(&st, &reviewer, allowed);
	assert_true(allowed[EVENT_ANSWER_APPROVED]);
	assert_true(allowed[EVENT_ANSWER_RETURNED]);
	assert_false(allowed[EVENT_ASSIGNED]); /* a reviewer does not handle */

	assert_int_equal(act(&st, &reviewer, S(EVENT_ANSWER_RETURNED, "2026-10-09", 0),
			     "2026-10-09"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_ACCEPTED);
	assert_false(st.has_draft);
	assert_int_equal(st.returns, 1);
	assert_int_equal(act(&st, &drafter_reviewer,
			     S(EVENT_ANSWER_DRAFTED, "2026-10-09", OUTCOME_C2),
			     "2026-10-09"),
			 GK_OK);
	assert_int_equal(act(&st, &reviewer, S(EVENT_ANSWER_APPROVED, "2026-10-09", 0),
			     "2026-10-09"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_APPROVED);
	assert_int_equal(st.approved_by, reviewer.user_id);
}

static void test_answer_must_match_draft(void **state)
{
	const struct step log[] = {
		RECEIVED,
		{EVENT_ANSWER_DRAFTED, "2026-09-30", 2, OUTCOME_C3_4, NULL},
		{EVENT_ANSWER_APPROVED, "2026-10-08", 3, 0, NULL},
	};
	const struct step fresh[] = {RECEIVED};
	struct proc_state st;

	(void)state;
	replay(log, 3, "2026-10-09", &st);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_ANSWERED, "2026-10-09", OUTCOME_C1), "2026-10-09"),
			 GK_EINVAL);
	assert_message_has("C3.4");
	assert_int_equal(act(&st, &handler,
			     S(EVENT_ANSWERED, "2026-10-09", OUTCOME_COUNT),
			     "2026-10-09"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_ANSWERED, "2026-10-09", OUTCOME_C3_4),
			     "2026-10-09"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_ANSWERED);
	assert_int_equal(st.answered_on, D("2026-10-09"));
	/* Answered on the 4th working day (09-29, 09-30, 10-08, 10-09): the
	 * clock stops at the answer, 16 days to spare whatever today is. */
	assert_int_equal(st.clock.working_days_left, 16);

	/* Outcomes a draft may not have. */
	replay(fresh, 1, "2026-10-09", &st);
	const enum outcome refused[] = {OUTCOME_C6, OUTCOME_C6_1, OUTCOME_C6_2, OUTCOME_COUNT};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(act(&st, &handler,
				     S(EVENT_ANSWER_DRAFTED, "2026-10-09", refused[i]),
				     "2026-10-09"),
				 GK_EINVAL);
	assert_int_equal(act(&st, &handler,
			     S(EVENT_ANSWER_DRAFTED, "2026-10-09", OUTCOME_C6_3),
			     "2026-10-09"),
			 GK_OK);
}

/* 第三十三条第一款: 能够当场答复的，应当当场予以答复 — on the received date,
 * before anything else happened, offered that day only. */
static void test_answer_on_the_spot(void **state)
{
	const struct step fresh[] = {RECEIVED};
	const struct step asked[] = {
		RECEIVED, {EVENT_CORRECTION_ASKED, "2026-09-28", 2, 0, NULL}};
	struct proc_state st;
	bool allowed[EVENT_KIND_COUNT];

	(void)state;
	replay(fresh, 1, "2026-09-28", &st);
	proc_allowed(&st, &handler, allowed);
	assert_true(allowed[EVENT_ANSWERED]);
	assert_int_equal(act(&st, &handler, S(EVENT_ANSWERED, "2026-09-28", OUTCOME_C6_2),
			     "2026-09-28"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &reviewer, S(EVENT_ANSWERED, "2026-09-28", OUTCOME_C1),
			     "2026-09-28"),
			 GK_ECONFLICT);
	assert_int_equal(act(&st, &handler, S(EVENT_ANSWERED, "2026-09-28", OUTCOME_C1),
			     "2026-09-28"),
			 GK_OK);
	assert_int_equal(st.stage, PROC_ANSWERED);
	assert_int_equal(st.outcome, OUTCOME_C1);

	/* The next day it is neither offered nor taken: the answer is drafted
	 * and reviewed. */
	replay(fresh, 1, "2026-09-29", &st);
	proc_allowed(&st, &handler, allowed);
	assert_false(allowed[EVENT_ANSWERED]);
	assert_int_equal(act(&st, &handler, S(EVENT_ANSWERED, "2026-09-29", OUTCOME_C1),
			     "2026-09-29"),
			 GK_ECONFLICT);
	assert_message_has("第三十三条第一款");

	/* Not once anything else happened, even the same day. */
	replay(asked, 2, "2026-09-28", &st);
	assert_int_equal(act(&st, &handler, S(EVENT_ANSWERED, "2026-09-28", OUTCOME_C1),
			     "2026-09-28"),
			 GK_ECONFLICT);
}

/* --- Dates, closed cases, assignment ------------------------------------ */

static void test_dates_go_forward(void **state)
{
	const struct step log[] = {
		RECEIVED,
		{EVENT_ASSIGNED, "2026-10-08", 1, 2, NULL},
	};
	struct proc_state st;

	(void)state;
	replay(log, 2, "2026-10-09", &st);
	assert_int_equal(st.handler_id, 2);
	assert_int_equal(act(&st, &handler, S(EVENT_ASSIGNED, "2026-09-27", 5),
			     "2026-10-09"),
			 GK_EINVAL);
	assert_message_has("2026-09-27");
	assert_message_has("2026-09-28");
	assert_int_equal(act(&st, &handler, S(EVENT_ASSIGNED, "2026-10-02", 5),
			     "2026-10-09"),
			 GK_EINVAL);
	assert_message_has("2026-10-02");
	assert_message_has("2026-10-08");
	assert_int_equal(act(&st, &handler, S(EVENT_ASSIGNED, "2026-10-10", 5),
			     "2026-10-09"),
			 GK_EINVAL);
	assert_message_has("2026-10-10");
	assert_message_has("2026-10-09");
	assert_int_equal(act(&st, &handler, S(EVENT_ASSIGNED, "2026-10-08", 0),
			     "2026-10-09"),
			 GK_EINVAL);
	assert_int_equal(act(&st, &handler, S(EVENT_ASSIGNED, "2026-10-08", 5),
			     "2026-10-09"),
			 GK_OK);
	assert_int_equal(st.handler_id, 5);
	assert_int_equal(act(&st, &handler, S(EVENT_CARRIED_OVER, "2026-10-09", 0),
			     "2026-10-09"),
			 GK_EINVAL);
}

static void test_closed_case_refuses_everything(void **state)
{
	const struct step log[] = {
		RECEIVED,
		{EVENT_ANSWERED, "2026-10-09", 0, OUTCOME_C1, NULL},
		{EVENT_CLOSED, "2026-10-09", 0, 0, NULL},
	};
	struct proc_state st;

	(void)state;
	replay(log, 3, "2026-10-12", &st);
	assert_int_equal(act(&st, &anyone,
			     S(EVENT_ANSWERED, "2026-10-12", OUTCOME_C1), "2026-10-12"),
			 GK_ECONFLICT);
	assert_string_equal(last.text, "当前阶段为「已办结」：案件已办结，不能再答复");
	assert_int_equal(act(&st, &anyone, S(EVENT_CLOSED, "2026-10-12", 0), "2026-10-12"),
			 GK_ECONFLICT);
	assert_message_has("案件已办结");
}

/* --- Replay -------------------------------------------------------------- */

static void test_replay_imported_log(void **state)
{
	/* What app/import.c writes for a row of an old ledger. */
	const struct step imported[] = {
		{EVENT_RECEIVED, "2019-06-03", 0, 0, NULL},
		{EVENT_ANSWERED, "2019-06-20", 0, OUTCOME_C4_1, NULL},
		{EVENT_CLOSED, "2019-06-20", 0, 0, NULL},
	};
	/* What the demo writes: an approval without a request, a year-end marker. */
	const struct step demo[] = {
		{EVENT_RECEIVED, "2025-12-15", 7, 0, NULL},
		{EVENT_EXTENSION_APPROVED, "2025-12-29", 7, 20, NULL},
		{EVENT_CARRIED_OVER, "2025-12-31", 0, 0, NULL},
		{EVENT_ANSWERED, "2026-02-02", 7, OUTCOME_C2, NULL},
		{EVENT_CLOSED, "2026-02-03", 7, 0, NULL},
	};
	struct proc_state st;

	(void)state;
	replay(imported, 3, "2026-10-09", &st);
	assert_int_equal(st.stage, PROC_CLOSED);
	assert_int_equal(st.version, 3);
	assert_true(st.answered);
	assert_int_equal(st.outcome, OUTCOME_C4_1);
	assert_int_equal(st.closed_on, D("2019-06-20"));
	assert_false(st.paused);
	assert_int_equal(st.last_date, D("2019-06-20"));

	replay(demo, 5, "2026-10-09", &st);
	assert_int_equal(st.stage, PROC_CLOSED);
	assert_int_equal(st.extension_days, 20);
	assert_int_equal(st.clock.limit_days, 40);
	assert_int_equal(st.carried_over_year, 2025);
	assert_int_equal(st.outcome, OUTCOME_C2);
}

static void test_replay_refuses_broken_logs(void **state)
{
	struct store_event ev[3] = {
		{.kind = EVENT_RECEIVED, .date = D("2026-09-28")},
		{.kind = EVENT_CONSULTATION_CLOSED, .date = D("2026-09-30")},
	};
	struct proc_state st;
	struct gk_errmsg m;

	(void)state;
	assert_int_equal(proc_replay(cal, D("2026-09-28"), ev, 0, D("2026-10-09"), &st, &m),
			 GK_EINVAL);
	assert_int_equal(proc_replay(cal, D("2026-09-29"), ev, 1, D("2026-10-09"), &st, &m),
			 GK_EINVAL);
	assert_non_null(strstr(m.text, "第1条"));
	assert_int_equal(proc_replay(cal, D("2026-09-28"), ev, 2, D("2026-10-09"), &st, &m),
			 GK_EINVAL);
	assert_non_null(strstr(m.text, "第2条"));
	assert_non_null(strstr(m.text, "2026-09-30"));
	ev[1] = (struct store_event){.kind = EVENT_RECEIVED, .date = D("2026-09-30")};
	assert_int_equal(proc_replay(cal, D("2026-09-28"), ev, 2, D("2026-10-09"), &st, &m),
			 GK_EINVAL);
	ev[1] = (struct store_event){.kind = EVENT_EXTENSION_APPROVED, .date = D("2026-09-30"),
				     .days = 21};
	assert_int_equal(proc_replay(cal, D("2026-09-28"), ev, 2, D("2026-10-09"), &st, &m),
			 GK_EINVAL);
	ev[1] = (struct store_event){.kind = EVENT_ANSWERED, .date = D("2026-09-30"),
				     .outcome = OUTCOME_COUNT};
	assert_int_equal(proc_replay(cal, D("2026-09-28"), ev, 2, D("2026-10-09"), &st, &m),
			 GK_EINVAL);
	ev[0].kind = EVENT_ANSWERED;
	assert_int_equal(proc_replay(cal, D("2026-09-28"), ev, 1, D("2026-10-09"), &st, &m),
			 GK_EINVAL);
}

/* Checking and applying step by step gives the state replay gives. */
static void test_replay_agrees_with_steps(void **state)
{
	const struct step log[] = {
		RECEIVED,
		{EVENT_ASSIGNED, "2026-09-28", 4, 2, NULL},
		{EVENT_CORRECTION_ASKED, "2026-09-30", 2, 0, "{\"deadline\":\"2026-10-16\"}"},
		{EVENT_CORRECTION_RECEIVED, "2026-10-12", 2, 0, NULL},
		{EVENT_CONSULTATION_OPENED, "2026-10-13", 2, CONSULT_THIRD_PARTY, NULL},
		{EVENT_CONSULTATION_CLOSED, "2026-10-20", 2, CONSULT_THIRD_PARTY, NULL},
		{EVENT_EXTENSION_REQUESTED, "2026-10-21", 2, 10, NULL},
		{EVENT_EXTENSION_APPROVED, "2026-10-22", 4, 10, NULL},
		{EVENT_FEE_NOTICE, "2026-10-23", 2, 12000, NULL},
		{EVENT_FEE_PAID, "2026-10-26", 2, 0, NULL},
		{EVENT_ANSWER_DRAFTED, "2026-10-27", 2, OUTCOME_C2, NULL},
		{EVENT_ANSWER_APPROVED, "2026-10-28", 3, 0, NULL},
		{EVENT_ANSWERED, "2026-10-29", 2, OUTCOME_C2, NULL},
		{EVENT_CLOSED, "2026-10-30", 2, 0, NULL},
	};
	const size_t n = sizeof(log) / sizeof(log[0]);
	struct proc_state stepped, replayed;
	struct buf out;

	(void)state;
	replay(log, 1, "2026-10-30", &stepped);
	for (size_t i = 1; i < n; i++) {
		const struct proc_actor who = {.user_id = log[i].user,
					       .may_handle = true,
					       .may_review = true,
					       .may_approve_extension = true};

		if (act(&stepped, &who, log[i], "2026-10-30") != GK_OK)
			fail_msg("step %zu (%s): %s", i, app_event_kind_id(log[i].kind), last.text);
	}
	replay(log, n, "2026-10-30", &replayed);
	assert_int_equal(stepped.stage, PROC_CLOSED);
	assert_int_equal(replayed.stage, stepped.stage);
	assert_int_equal(replayed.due, stepped.due);
	assert_int_equal(replayed.version, (int)n);
	assert_int_equal(replayed.handler_id, 2);
	/* Restarted 10-12; 10-14..10-20 not counted (5 days); +10 days. */
	assert_int_equal(replayed.clock.start, D("2026-10-12"));
	assert_int_equal(replayed.clock.excluded_days, 5);
	assert_int_equal(replayed.due, D("2026-11-30"));

	buf_init(&out, 1 << 16);
	proc_explain(cal, &replayed, NULL, NULL, &out);
	assert_false(out.failed);
	const char *text = buf_cstr(&out);
	assert_non_null(strstr(text, "收到补正后的申请：2026-10-12"));
	assert_non_null(strstr(text, "承办人：用户2\n"));
	assert_non_null(strstr(text, "补正告知：2026-09-30一次性告知申请人补正（第三十条），补正期限至2026-10-16\n"));
	assert_non_null(strstr(text, "征求第三方意见：2026-10-13至2026-10-20，对方意见期限为2026-11-03（第三十二条）\n"));
	assert_non_null(strstr(text, "延期：2026-10-22经政府信息公开工作机构负责人（用户4）同意，延长10个工作日"));
	assert_non_null(strstr(text, "收费通知：2026-10-23，信息处理费120.00元，应于2026-11-20前缴纳"));
	assert_non_null(strstr(text, "审核通过：2026-10-28（用户3）\n"));
	assert_non_null(strstr(text, "答复：2026-10-29，办理结果C2"));
	assert_non_null(strstr(text, "办结：2026-10-30\n"));
	assert_int_equal(text[out.len - 1], '\n');
	buf_release(&out);
}

static void test_explain_while_waiting(void **state)
{
	const struct step log[] = {
		RECEIVED,
		{EVENT_CORRECTION_ASKED, "2026-09-30", 2, 0, NULL},
	};
	const struct step consulting[] = {
		RECEIVED,
		{EVENT_CONSULTATION_OPENED, "2026-09-30", 2, CONSULT_AGENCY, NULL},
	};
	struct proc_state st;
	struct buf out;

	(void)state;
	replay(log, 2, "2026-10-09", &st);
	buf_init(&out, 1 << 16);
	proc_explain(cal, &st, NULL, NULL, &out);
	assert_non_null(strstr(buf_cstr(&out), "未载明补正期限\n"));
	assert_non_null(strstr(buf_cstr(&out), "如2026-10-09收到，截止日为2026-11-05\n"));
	assert_non_null(strstr(buf_cstr(&out), "当前阶段：待补正（期限暂停）\n"));
	/* 20 working days from 10-09, the 调休 Saturday 10-10 the first. */
	assert_int_equal(st.due, D("2026-11-05"));

	buf_reset(&out);
	replay(consulting, 2, "2026-10-09", &st);
	proc_explain(cal, &st, NULL, NULL, &out);
	assert_non_null(strstr(buf_cstr(&out), "征求其他机关意见：自2026-09-30起进行中，对方应于"
						"2026-10-27前提出意见（第三十四条"));
	assert_non_null(strstr(buf_cstr(&out), "2026-10-10（星期六）国庆节调休上班"));
	buf_release(&out);
}

static void test_stage_names(void **state)
{
	static const char *const ids[] = {"accepted", "correction", "consulting", "fee",
					   "review",   "approved",   "answered",   "closed"};
	static const char *const names[] = {"办理中", "待补正", "征求意见中", "待缴费",
					     "待审核", "待签发", "已答复",     "已办结"};
	enum proc_stage s;

	(void)state;
	assert_int_equal(PROC_STAGE_COUNT, 8);
	for (int i = 0; i < PROC_STAGE_COUNT; i++) {
		assert_string_equal(proc_stage_id((enum proc_stage)i), ids[i]);
		assert_string_equal(proc_stage_name((enum proc_stage)i), names[i]);
		assert_true(proc_stage_parse(ids[i], &s));
		assert_int_equal(s, i);
		assert_true(proc_stage_parse(names[i], &s));
		assert_int_equal(s, i);
	}
	assert_false(proc_stage_parse("done", &s));
	assert_false(proc_stage_parse(NULL, &s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_by_kind_table),
		cmocka_unit_test(test_nobody_may_act),
		cmocka_unit_test(test_correction_restarts_the_clock),
		cmocka_unit_test(test_correction_lapses_only_after_deadline),
		cmocka_unit_test(test_correction_only_before_handling),
		cmocka_unit_test(test_consultation_pause_moves_due),
		cmocka_unit_test(test_extension_needs_another_person),
		cmocka_unit_test(test_extension_refused),
		cmocka_unit_test(test_extension_asked_within_the_period),
		cmocka_unit_test(test_fee_lapses_only_after_due),
		cmocka_unit_test(test_reviewer_is_not_the_drafter),
		cmocka_unit_test(test_answer_must_match_draft),
		cmocka_unit_test(test_answer_on_the_spot),
		cmocka_unit_test(test_dates_go_forward),
		cmocka_unit_test(test_closed_case_refuses_everything),
		cmocka_unit_test(test_replay_imported_log),
		cmocka_unit_test(test_replay_refuses_broken_logs),
		cmocka_unit_test(test_replay_agrees_with_steps),
		cmocka_unit_test(test_explain_while_waiting),
		cmocka_unit_test(test_stage_names),
	};
	return cmocka_run_group_tests_name("procedure", tests, open_builtin_calendar,
					   close_calendar);
}
