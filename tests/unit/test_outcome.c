/* Unit tests for law/outcome: the categories of tables 三 and 四 by id and by label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "law/outcome.h"
#include "report/layout.h"

static enum outcome parse_outcome(const char *text)
{
	enum outcome o = OUTCOME_COUNT;

	if (!outcome_parse(str_from_cstr(text), &o))
		return OUTCOME_COUNT;
	return o;
}

static void test_outcome_by_id_and_label(void **state)
{
	(void)state;
	assert_int_equal(parse_outcome("C1"), OUTCOME_C1);
	assert_int_equal(parse_outcome("c3.1"), OUTCOME_C3_1);
	assert_int_equal(parse_outcome("C6"), OUTCOME_C6);
	assert_int_equal(parse_outcome("予以公开"), OUTCOME_C1);
	assert_int_equal(parse_outcome("部分公开"), OUTCOME_C2);
	assert_int_equal(parse_outcome("（二）部分公开"), OUTCOME_C2);
	assert_int_equal(parse_outcome("属于国家秘密"), OUTCOME_C3_1);
	assert_int_equal(parse_outcome("1.本机关不掌握相关政府信息"), OUTCOME_C4_1);
	assert_int_equal(parse_outcome("本机关不掌握相关政府信息"), OUTCOME_C4_1);
	assert_int_equal(parse_outcome("逾期不补正"), OUTCOME_C6_1);
	assert_int_equal(parse_outcome("其他处理"), OUTCOME_C6);
	/* Group headers without a single outcome, and noise, are refused. */
	assert_int_equal(parse_outcome("不予公开"), OUTCOME_COUNT);
	assert_int_equal(parse_outcome("无法提供"), OUTCOME_COUNT);
	assert_int_equal(parse_outcome(""), OUTCOME_COUNT);
	assert_int_equal(parse_outcome("C7"), OUTCOME_COUNT);
	assert_int_equal(parse_outcome("（二部分公开"), OUTCOME_COUNT);
}

/* Every outcome id is a result row of the 2021 layout (C6 of the 2019 one),
 * and its label is that row's printed label without the number. */
static void test_outcomes_match_the_layouts(void **state)
{
	(void)state;
	for (int o = 0; o < OUTCOME_COUNT; o++) {
		const struct layout *l = layout_get(o == OUTCOME_C6 ? LAYOUT_2019 : LAYOUT_2021);
		const struct layout_row *row =
			layout_request_row_by_id(l, str_from_cstr(outcome_id((enum outcome)o)));
		assert_non_null(row);
		assert_true(row->in_total);
		assert_non_null(strstr(row->label, outcome_label((enum outcome)o)));
		assert_int_equal(parse_outcome(row->label), o);
		assert_int_equal(parse_outcome(outcome_id((enum outcome)o)), o);
	}
}

static void test_applicants_and_appeals(void **state)
{
	enum applicant_type t;
	enum appeal_kind k;
	enum appeal_result r;

	(void)state;
	for (int i = 0; i < APPLICANT_TYPE_COUNT; i++) {
		assert_true(applicant_type_parse(str_from_cstr(applicant_type_name(i)), &t));
		assert_int_equal(t, i);
		assert_true(applicant_type_parse(str_from_cstr(applicant_type_id(i)), &t));
		assert_int_equal(t, i);
	}
	assert_false(applicant_type_parse(str_from_cstr("法人"), &t));
	assert_true(appeal_kind_parse(str_from_cstr("复议"), &k));
	assert_int_equal(k, APPEAL_KIND_REVIEW);
	assert_true(appeal_kind_parse(str_from_cstr("诉讼"), &k));
	assert_int_equal(k, APPEAL_KIND_LAWSUIT);
	assert_true(appeal_kind_parse(str_from_cstr("复议后诉讼"), &k));
	assert_int_equal(k, APPEAL_KIND_LAWSUIT_AFTER_REVIEW);
	assert_false(appeal_kind_parse(str_from_cstr("信访"), &k));
	assert_true(appeal_result_parse(str_from_cstr("维持"), &r));
	assert_int_equal(r, APPEAL_RESULT_UPHELD);
	assert_true(appeal_result_parse(str_from_cstr("纠正"), &r));
	assert_true(appeal_result_parse(str_from_cstr("其他"), &r));
	assert_int_equal(r, APPEAL_RESULT_OTHER);
	/* Pending is the absence of a result, never typed. */
	assert_false(appeal_result_parse(str_from_cstr("尚未审结"), &r));
	assert_false(appeal_result_parse(str_from_cstr(""), &r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcome_by_id_and_label),
		cmocka_unit_test(test_outcomes_match_the_layouts),
		cmocka_unit_test(test_applicants_and_appeals),
	};
	return cmocka_run_group_tests_name("outcome", tests, NULL, NULL);
}
