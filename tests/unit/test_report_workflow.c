/* Unit tests for app/report_workflow: the dates of 条例第四十九条, and what
 * a publisher meets — every finding blocks publication until resolved,
 * the year must be over, a published report is frozen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/report_workflow.h"
#include "db_fixture.h"

static const struct audit_who who = {.user_id = 0, .client = "test", .now = 1767225600};

static gk_date day(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static bool has_rule(const struct ledger_report *r, const char *rule)
{
	for (size_t i = 0; i < r->findings.n; i++)
		if (!strcmp(r->findings.items[i].rule, rule))
			return true;
	return false;
}

static void test_due_dates(void **state)
{
	(void)state;
	/* 条例第四十九条 */
	assert_int_equal(report_due(2025, false), day(2026, 1, 31));
	assert_int_equal(report_due(2025, true), day(2026, 3, 31));
	assert_int_equal(report_due(2023, true), day(2024, 3, 31));
}

static void test_fresh_report_is_blocked(void **state)
{
	struct db_fixture *f = *state;
	struct store_scope sc = report_scope(f->agency, false, 2025);
	struct report_state rs;
	struct ledger_report r;
	struct gk_errmsg m;

	assert_int_equal(report_state_get(f->s, &sc, &rs, &m), GK_OK);
	assert_int_equal(rs.status, REPORT_NOT_STARTED);
	assert_string_equal(report_status_name(rs.status), "未编制");
	assert_int_equal(rs.due, day(2026, 1, 31));

	assert_int_equal(report_workflow_load(f->s, &sc, day(2026, 1, 10), &r, &m), GK_OK);
	assert_false(r.frozen);
	/* The figures of table 二 from other systems were never entered: blank,
	 * not zero — the rules' warning; and 五 is the placeholder. */
	assert_true(has_rule(&r, "blank"));
	assert_true(has_rule(&r, "workflow.text_placeholder"));
	assert_false(has_rule(&r, "workflow.year_open"));
	assert_false(has_rule(&r, "workflow.text_empty"));
	ledger_report_release(&r);

	/* Publishing refuses and keeps the findings for the page; nothing frozen. */
	assert_int_equal(
	    report_workflow_publish(f->s, &sc, "tester", day(2026, 1, 10), &who, &r, &m),
	    GK_ECONFLICT);
	assert_non_null(strstr(m.text, "须全部解决后才能发布"));
	assert_true(r.findings.n >= 2);
	ledger_report_release(&r);
	assert_int_equal(report_state_get(f->s, &sc, &rs, &m), GK_OK);
	assert_int_equal(rs.status, REPORT_NOT_STARTED);
}

static void test_year_not_over(void **state)
{
	struct db_fixture *f = *state;
	struct store_scope sc = report_scope(f->agency, false, 2026);
	struct ledger_report r;
	struct gk_errmsg m;

	assert_int_equal(report_workflow_load(f->s, &sc, day(2026, 12, 31), &r, &m), GK_OK);
	assert_true(has_rule(&r, "workflow.year_open"));
	ledger_report_release(&r);
	/* Publishing says why first: the year is not over. */
	assert_int_equal(
	    report_workflow_publish(f->s, &sc, "tester", day(2026, 6, 30), &who, &r, &m),
	    GK_ECONFLICT);
	assert_non_null(strstr(m.text, "2026年尚未结束"));
	assert_true(has_rule(&r, "workflow.year_open"));
	ledger_report_release(&r);
	assert_int_equal(report_workflow_load(f->s, &sc, day(2027, 1, 1), &r, &m), GK_OK);
	assert_false(has_rule(&r, "workflow.year_open"));
	ledger_report_release(&r);
}

static void test_refused_edits(void **state)
{
	struct db_fixture *f = *state;
	struct store_scope sc = report_scope(f->agency, false, 2025);
	struct gk_errmsg m;

	assert_int_equal(report_workflow_set_text(f->s, &sc, 3, "表格", &who, &m), GK_EINVAL);
	assert_int_equal(report_workflow_set_text(f->s, &sc, 5, " \n\n", &who, &m), GK_EINVAL);
	assert_int_equal(
	    report_workflow_set_figure(f->s, &sc, "rules", "issued", "3", NULL, &who, &m),
	    GK_EINVAL);
	assert_non_null(strstr(m.text, "由台账中的文件统计"));
	assert_int_equal(
	    report_workflow_set_figure(f->s, &sc, "licensing", "decisions", "-1", NULL, &who, &m),
	    GK_EINVAL);
	assert_int_equal(
	    report_workflow_set_figure(f->s, &sc, "licensing", "nothing", "1", NULL, &who, &m),
	    GK_EINVAL);
	/* 2019 layout columns do not exist in 2025. */
	assert_int_equal(
	    report_workflow_set_figure(f->s, &sc, "procurement", "items", "1", NULL, &who, &m),
	    GK_EINVAL);
}

static void test_publish_after_resolving(void **state)
{
	struct db_fixture *f = *state;
	struct store_scope sc = report_scope(f->agency, false, 2025);
	struct report_state rs;
	struct ledger_report r;
	struct gk_errmsg m;
	int64_t entries = 0, bad = 0;

	assert_int_equal(report_workflow_set_text(f->s, &sc, 5,
						  "一是信息发布不够及时。\n\n下一步加强审核。\n\n",
						  &who, &m),
			 GK_OK);
	assert_int_equal(report_state_get(f->s, &sc, &rs, &m), GK_OK);
	assert_int_equal(rs.status, REPORT_DRAFT);
	assert_true(rs.edited[SECTION_PROBLEMS]);
	assert_false(rs.edited[SECTION_OVERVIEW]);
	assert_int_equal(
	    report_workflow_set_figure(f->s, &sc, "licensing", "decisions", "12", NULL, &who, &m),
	    GK_OK);
	assert_int_equal(report_workflow_set_figure(f->s, &sc, "penalty", "decisions", "0",
						    "执法平台", &who, &m),
			 GK_OK);
	assert_int_equal(
	    report_workflow_set_figure(f->s, &sc, "enforcement", "decisions", "0", NULL, &who, &m),
	    GK_OK);
	assert_int_equal(
	    report_workflow_set_figure(f->s, &sc, "fees", "fee_amount", "3.50", NULL, &who, &m),
	    GK_OK);

	assert_int_equal(report_workflow_load(f->s, &sc, day(2026, 1, 20), &r, &m), GK_OK);
	assert_int_equal(r.findings.n, 0);
	/* The saved text lost its trailing blank lines. */
	assert_string_equal(r.sheet->sections[SECTION_PROBLEMS],
			    "一是信息发布不够及时。\n\n下一步加强审核。");
	ledger_report_release(&r);

	assert_int_equal(
	    report_workflow_publish(f->s, &sc, "tester", day(2026, 1, 20), &who, &r, &m), GK_OK);
	ledger_report_release(&r);
	assert_int_equal(report_state_get(f->s, &sc, &rs, &m), GK_OK);
	assert_int_equal(rs.status, REPORT_PUBLISHED);
	assert_int_equal(rs.published_on, day(2026, 1, 20));
	assert_string_equal(rs.published_by, "tester");

	/* Frozen: the page shows the snapshot, and nothing can change it. */
	assert_int_equal(report_workflow_load(f->s, &sc, day(2026, 2, 1), &r, &m), GK_OK);
	assert_true(r.frozen);
	assert_int_equal(r.findings.n, 0);
	ledger_report_release(&r);
	assert_int_equal(
	    report_workflow_publish(f->s, &sc, "tester", day(2026, 2, 1), &who, &r, &m),
	    GK_ECONFLICT);
	assert_non_null(strstr(m.text, "2026-01-20 发布"));
	ledger_report_release(&r);
	assert_int_equal(report_workflow_set_text(f->s, &sc, 1, "改写", &who, &m), GK_ECONFLICT);
	assert_int_equal(
	    report_workflow_set_figure(f->s, &sc, "licensing", "decisions", "13", NULL, &who, &m),
	    GK_ECONFLICT);

	/* Every change is in the audit log: 1 text, 4 figures, 1 publication. */
	assert_int_equal(audit_verify(f->s, &entries, &bad, NULL, &m), GK_OK);
	assert_int_equal(entries, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_due_dates),
	    cmocka_unit_test_setup_teardown(test_fresh_report_is_blocked, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(test_year_not_over, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(test_refused_edits, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(test_publish_after_resolving, db_setup, db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
