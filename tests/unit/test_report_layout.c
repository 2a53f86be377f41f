/* Unit tests for report/layout: both annual report layouts as data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report/layout.h"

static size_t count_data_rows(const struct layout *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n_requests; i++)
		n += l->requests[i].kind == LAYOUT_ROW_DATA;
	return n;
}

static void test_layout_for_year(void **state)
{
	(void)state;
	assert_null(layout_for_year(0));
	assert_int_equal(layout_for_year(2019)->id, LAYOUT_2019);
	/* Reports on 2020 appeared in January 2021, before the 2021 format. */
	assert_int_equal(layout_for_year(2020)->id, LAYOUT_2019);
	assert_int_equal(layout_for_year(2021)->id, LAYOUT_2021);
	assert_int_equal(layout_for_year(2025)->id, LAYOUT_2021);
	assert_ptr_equal(layout_by_name(STR_LIT("2021")), layout_get(LAYOUT_2021));
	assert_null(layout_by_name(STR_LIT("2020")));
}

/* legal-facts §1.6: 23 data rows in 2019, 25 in 2021. */
static void test_request_rows(void **state)
{
	const struct layout *l19 = layout_get(LAYOUT_2019), *l21 = layout_get(LAYOUT_2021);

	(void)state;
	assert_int_equal(count_data_rows(l19), 23);
	assert_int_equal(count_data_rows(l21), 25);
	assert_int_equal(layout_request_row(l19, REQ_C6)->kind, LAYOUT_ROW_DATA);
	assert_true(layout_request_row(l19, REQ_C6)->in_total);
	assert_int_equal(layout_request_row(l21, REQ_C6)->kind, LAYOUT_ROW_GROUP);
	assert_null(layout_request_row(l19, REQ_C6_1));
	assert_string_equal(layout_request_label(l21, REQ_C6_3), "3.其他");
	assert_string_equal(layout_request_label(l19, REQ_C3_3), "3.危及“三安全一稳定”");
	assert_string_equal(layout_request_label(l19, REQ_C2),
			    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
	assert_int_equal(layout_request_row_by_id(l21, STR_LIT("C4.2"))->row, REQ_C4_2);
	assert_null(layout_request_row_by_id(l19, STR_LIT("C6.2")));
	assert_false(layout_request_row(l21, REQ_C7)->in_total);
	assert_int_equal(layout_request_row(l21, REQ_C3)->kind, LAYOUT_ROW_GROUP);
	/* Every row enum has an id, in either layout. */
	for (int r = 0; r < REQ_ROW_COUNT; r++)
		assert_string_not_equal(layout_request_id((enum req_row)r), "?");
	assert_string_equal(layout_request_id(REQ_C6_2), "C6.2");
	/* Rows are in printed order, which is enum order. */
	for (size_t i = 1; i < l21->n_requests; i++)
		assert_true(l21->requests[i - 1].row < l21->requests[i].row);
}

static void test_columns(void **state)
{
	(void)state;
	assert_string_equal(layout_request_column(REQ_PUBLIC_INTEREST)->label, "社会公益组织");
	assert_int_equal(layout_request_column_by_id(STR_LIT("total")), REQ_TOTAL);
	assert_int_equal(layout_request_column_by_id(STR_LIT("nope")), REQ_COL_COUNT);
	assert_string_equal(layout_appeal_row(APPEAL_LAWSUIT_AFTER_REVIEW)->id,
			    "lawsuit_after_review");
	assert_int_equal(layout_appeal_row_by_id(STR_LIT("review")), APPEAL_REVIEW);
	assert_string_equal(layout_appeal_column(APPEAL_PENDING)->label, "尚未审结");
}

/* legal-facts §1.4, §1.5, §1.10: what table 二 looks like in each layout. */
static void test_disclosure(void **state)
{
	const struct layout *l19 = layout_get(LAYOUT_2019), *l21 = layout_get(LAYOUT_2021);
	const struct layout_column *c;

	(void)state;
	assert_int_equal(l19->n_blocks, 5);
	assert_int_equal(l21->n_blocks, 4);
	assert_string_equal(layout_disclosure_row(l19, DISC_NORMATIVE)->label, "规范性文件");
	assert_string_equal(layout_disclosure_row(l21, DISC_NORMATIVE)->label, "行政规范性文件");
	assert_null(layout_disclosure_row(l21, DISC_PROCUREMENT));
	assert_null(layout_disclosure_row(l21, DISC_OTHER_SERVICE));
	c = layout_column(l21, TABLE_DISCLOSURE, DISC_FEES, 0);
	assert_string_equal(c->label, "本年收费金额（单位：万元）");
	assert_int_equal(c->kind, VALUE_AMOUNT);
	assert_null(layout_column(l21, TABLE_DISCLOSURE, DISC_FEES, 1));
	c = layout_column(l19, TABLE_DISCLOSURE, DISC_LICENSING, 1);
	assert_string_equal(c->label, "本年增/减");
	assert_int_equal(c->kind, VALUE_SIGNED);
	/* 2019 （八）: 上一年项目数量 and 本年增/减 only. */
	assert_int_equal(layout_disclosure_row(l19, DISC_FEES)->block->n_columns, 2);
	assert_string_equal(layout_disclosure_row_by_id(l19, STR_LIT("procurement"))->block->title,
			    "第二十条第（九）项");
	assert_int_equal(layout_column(NULL, TABLE_REQUESTS, REQ_A, REQ_TOTAL)->kind, VALUE_COUNT);
	assert_null(layout_column(NULL, TABLE_APPEALS, APPEAL_REVIEW, APPEAL_COL_COUNT));
	assert_string_equal(layout_table_name(TABLE_APPEALS), "四");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_for_year),
		cmocka_unit_test(test_request_rows),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_disclosure),
	};
	return cmocka_run_group_tests_name("report_layout", tests, NULL, NULL);
}
