/* Unit tests for report/write_json: the shape of `gongkai check --json`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/write_json.h"

static char *compact(const json_t *j)
{
	return json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
}

static void expect_dump(const json_t *j, const char *want)
{
	char *got = compact(j);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_report_object(void **state)
{
	struct sheet *s = sheet_new();
	struct findings f;
	json_t *o, *rows;

	(void)state;
	s->year = 2023;
	for (int c = 0; c < REQ_COL_COUNT; c++)
		sheet_set_count(s, TABLE_REQUESTS, REQ_A, c, c, 5);
	sheet_set_unreadable(s, TABLE_REQUESTS, REQ_B, REQ_OTHER, STR_LIT("x"), 6);
	sheet_set_count(s, TABLE_APPEALS, APPEAL_LAWSUIT, APPEAL_TOTAL, 1, 9);
	sheet_set_number(s, TABLE_DISCLOSURE, DISC_FEES, 0, (struct sheet_num){773028, 2}, 3);
	sheet_set_number(s, TABLE_DISCLOSURE, DISC_RULES, 2, sheet_num_int(5), 2);
	findings_init(&f);
	assert_int_equal(rules_check(s, &f), GK_OK);
	o = report_json_object(s, "a.txt", &f);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "file")), "a.txt");
	assert_int_equal(json_integer_value(json_object_get(o, "year")), 2023);
	assert_string_equal(json_string_value(json_object_get(o, "layout")), "2021");
	rows = json_object_get(json_object_get(o, "requests"), "rows");
	/* The 25 data rows of the 2021 layout, in printed order. */
	assert_int_equal(json_object_size(rows), 25);
	assert_string_equal(json_object_iter_key(json_object_iter(rows)), "A");
	expect_dump(json_object_get(rows, "A"), "[0,1,2,3,4,5,6]");
	expect_dump(json_object_get(rows, "B"), "[null,null,null,null,null,null,null]");
	assert_null(json_object_get(rows, "C6"));
	assert_non_null(json_object_get(rows, "C6.3"));
	expect_dump(json_object_get(o, "appeals"),
		    "{\"review\":[null,null,null,null,null],\"lawsuit\":[null,null,null,null,1],"
		    "\"lawsuit_after_review\":[null,null,null,null,null]}");
	expect_dump(json_object_get(json_object_get(json_object_get(o, "disclosure"), "rows"),
				    "fees"),
		    "{\"fee_amount\":7730.28}");
	expect_dump(json_object_get(json_object_get(json_object_get(o, "disclosure"), "rows"),
				    "rules"),
		    "{\"issued\":null,\"repealed\":null,\"in_force\":5}");
	assert_int_equal(json_array_size(json_object_get(o, "findings")), f.n);
	json_decref(o);

	/* Without findings (a writer, not a check): no "findings" key. */
	o = report_json_object(s, "a.txt", NULL);
	assert_null(json_object_get(o, "findings"));
	json_decref(o);
	findings_release(&f);
	sheet_free(s);
}

static void test_finding_shape(void **state)
{
	struct finding f = {.severity = FINDING_ERROR,
			    .rule = "requests.row_total",
			    .table = TABLE_REQUESTS,
			    .row = REQ_C1,
			    .row_id = "C1",
			    .col = REQ_TOTAL,
			    .column = "total",
			    .has_expected = true,
			    .expected = {6, 0},
			    .has_actual = true,
			    .actual = {7, 0},
			    .message = "总计为 7，应等于六类申请人之和 6"};
	struct finding g = {.severity = FINDING_WARNING,
			    .rule = "year_unknown",
			    .table = TABLE_COUNT,
			    .row = -1,
			    .col = -1,
			    .message = "未能确定报告年度"};
	json_t *j;

	(void)state;
	j = report_json_finding(&f);
	expect_dump(j, "{\"severity\":\"error\",\"rule\":\"requests.row_total\",\"table\":\"三\","
		       "\"row\":\"C1\",\"column\":\"total\",\"expected\":6,\"actual\":7,"
		       "\"message\":\"总计为 7，应等于六类申请人之和 6\"}");
	json_decref(j);
	j = report_json_finding(&g);
	expect_dump(j, "{\"severity\":\"warning\",\"rule\":\"year_unknown\",\"table\":null,"
		       "\"row\":null,\"column\":null,\"expected\":null,\"actual\":null,"
		       "\"message\":\"未能确定报告年度\"}");
	json_decref(j);
}

static void test_unknown_and_unreadable(void **state)
{
	struct sheet *s = sheet_new();
	json_t *o;

	(void)state;
	sheet_set_count(s, TABLE_REQUESTS, REQ_A, 0, 1, 0);
	o = report_json_object(s, "-", NULL);
	expect_dump(o, "{\"file\":\"-\",\"year\":null,\"layout\":null,\"disclosure\":null,"
		       "\"requests\":null,\"appeals\":null}");
	json_decref(o);
	o = report_json_unreadable("x.pdf", "no report table");
	expect_dump(o, "{\"file\":\"x.pdf\",\"error\":\"no report table\"}");
	json_decref(o);
	sheet_free(s);
}

static void test_dump(void **state)
{
	json_t *o = json_pack("{s:s}", "k", "值");
	char *mem = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&mem, &len);

	(void)state;
	assert_int_equal(report_json_dump(o, out, NULL), GK_OK);
	fclose(out);
	assert_string_equal(mem, "{\n  \"k\": \"值\"\n}\n");
	free(mem);
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_object),
		cmocka_unit_test(test_finding_shape),
		cmocka_unit_test(test_unknown_and_unreadable),
		cmocka_unit_test(test_dump),
	};
	return cmocka_run_group_tests_name("report_json", tests, NULL, NULL);
}
