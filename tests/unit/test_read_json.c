/*
 * Unit tests for report/read_json: what write_json prints comes back as
 * the same sheet (both layouts, blanks, a signed change, decimals, the
 * section texts), the dispatch of read.h finds it, and everything else is
 * refused with a message naming the JSON path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/read.h"
#include "report/read_json.h"
#include "report/rules.h"
#include "report/write_json.h"
#include "consistent_sheet.h"

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* The JSON text write_json gives for s (malloc'd). */
static char *json_of(const struct sheet *s)
{
	json_t *o = report_json_object(s, "snapshot.json", NULL);
	char *text;

	assert_non_null(o);
	text = json_dumps(o, DUMP_FLAGS);
	assert_non_null(text);
	json_decref(o);
	return text;
}

static struct sheet *read_ok(const char *json)
{
	struct sheet *s = sheet_new();
	struct gk_errmsg m = {{0}};

	assert_non_null(s);
	if (report_read_json(str_from_cstr(json), "t.json", s, &m))
		fail_msg("refused: %s", m.text);
	return s;
}

/* The sheet of a layout with texts, a title, a few blanks and decimals. */
static struct sheet *snapshot_sheet(enum layout_id id)
{
	struct sheet *s = consistent_sheet(id);

	assert_int_equal(
	    sheet_set_title(s, STR_LIT("示例市人民政府办公室政府信息公开工作年度报告")), GK_OK);
	*sheet_cell(s, TABLE_REQUESTS, REQ_C3_8, REQ_OTHER) = (struct sheet_cell){0};
	*sheet_cell(s, TABLE_APPEALS, APPEAL_LAWSUIT, APPEAL_PENDING) = (struct sheet_cell){0};
	*sheet_cell(s, TABLE_DISCLOSURE, DISC_RULES, 0) = (struct sheet_cell){0};
	if (id == LAYOUT_2019)
		sheet_set_number(s, TABLE_DISCLOSURE, DISC_PROCUREMENT, 1,
				 (struct sheet_num){2510005, 1}, 0); /* 251000.5 */
	else
		sheet_set_number(s, TABLE_DISCLOSURE, DISC_FEES, 0, (struct sheet_num){1, 6}, 0);
	return s;
}

static void assert_same(const struct sheet *want, const struct sheet *got)
{
	static const int rows[TABLE_COUNT] = {DISC_ROW_COUNT, REQ_ROW_COUNT, APPEAL_ROW_COUNT};
	static const int cols[TABLE_COUNT] = {DISC_COL_MAX, REQ_COL_COUNT, APPEAL_COL_COUNT};

	for (int t = 0; t < TABLE_COUNT; t++) {
		assert_int_equal(got->has_table[t], want->has_table[t]);
		for (int r = 0; r < rows[t]; r++)
			for (int c = 0; c < cols[t]; c++) {
				const struct sheet_cell *a = sheet_cell_const(want, t, r, c);
				const struct sheet_cell *b = sheet_cell_const(got, t, r, c);

				if (a->state != b->state ||
				    (a->state == CELL_NUMBER && sheet_num_cmp(a->num, b->num)))
					fail_msg("table %s row %d col %d differs",
						 layout_table_name(t), r, c);
			}
	}
	assert_int_equal(got->year, want->year);
	assert_ptr_equal(got->layout, want->layout);
	assert_string_equal(got->agency, want->agency);
	assert_string_equal(got->title, want->title);
	for (int i = 0; i < SECTION_COUNT; i++)
		assert_string_equal(got->sections[i], want->sections[i]);
	assert_int_equal(got->n_notes, 0);
}

/* write → read → the same sheet, and writing that again prints the same JSON. */
static void check_round_trip(enum layout_id id)
{
	struct sheet *s = snapshot_sheet(id), *back;
	char *first = json_of(s), *second;

	back = read_ok(first);
	assert_same(s, back);
	second = json_of(back);
	assert_string_equal(second, first);
	free(first);
	free(second);
	sheet_free(back);
	sheet_free(s);
}

static void test_round_trip_2019(void **state)
{
	(void)state;
	check_round_trip(LAYOUT_2019);
}

static void test_round_trip_2021(void **state)
{
	(void)state;
	check_round_trip(LAYOUT_2021);
}

/* Reals come back as the decimal the writer printed; trailing zeros are not kept. */
static void test_decimals(void **state)
{
	struct sheet *s;
	const struct sheet_cell *c;

	(void)state;
	s = read_ok("{\"year\": 2022, \"disclosure\": {\"rows\": {\"fees\": {\"fee_amount\": "
		    "7730.28}, \"penalty\": {\"decisions\": 3}}}}");
	c = sheet_cell_const(s, TABLE_DISCLOSURE, DISC_FEES, 0);
	assert_int_equal(c->num.mant, 773028);
	assert_int_equal(c->num.scale, 2);
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2021));
	sheet_free(s);
	s = read_ok("{\"layout\": \"2021\", \"disclosure\": {\"rows\": {\"fees\": {\"fee_amount\": "
		    "5.0}, \"licensing\": {\"decisions\": null}}}}");
	c = sheet_cell_const(s, TABLE_DISCLOSURE, DISC_FEES, 0);
	assert_int_equal(c->num.mant, 5);
	assert_int_equal(c->num.scale, 0);
	assert_int_equal(sheet_cell_const(s, TABLE_DISCLOSURE, DISC_LICENSING, 0)->state,
			 CELL_BLANK);
	assert_int_equal(s->year, 0);
	sheet_free(s);
	s = read_ok(
	    "{\"year\": 2020, \"disclosure\": {\"rows\": {\"licensing\": {\"change\": -417},"
	    " \"procurement\": {\"amount\": 1e-06}}}}");
	assert_int_equal(sheet_cell_const(s, TABLE_DISCLOSURE, DISC_LICENSING, 1)->num.mant, -417);
	c = sheet_cell_const(s, TABLE_DISCLOSURE, DISC_PROCUREMENT, 1);
	assert_int_equal(c->num.mant, 1);
	assert_int_equal(c->num.scale, 6);
	sheet_free(s);
}

static void expect_refused(const char *json, const char *why)
{
	struct sheet *s = sheet_new();
	struct gk_errmsg m = {{0}};

	assert_int_equal(report_read_json(str_from_cstr(json), "t.json", s, &m), GK_EFORMAT);
	if (!strstr(m.text, why))
		fail_msg("for %s\n  message: %s\n  wanted:  %s", json, m.text, why);
	assert_non_null(strstr(m.text, "t.json: "));
	sheet_free(s);
}

#define R21 "{\"year\": 2023, \"layout\": \"2021\", "

static void test_refusals(void **state)
{
	(void)state;
	expect_refused(R21 "\"requests\": {\"rows\": {\"C3.1\": [\"abc\", 0, 0, 0, 0, 0, 0]}}}",
		       "requests.rows.C3.1.natural_person: \"abc\" is not a count");
	expect_refused(R21 "\"requests\": {\"rows\": {\"A\": [0, 0, 0, 0, 0, 0, -1]}}}",
		       "requests.rows.A.total: -1 is not a count");
	expect_refused(R21 "\"requests\": {\"rows\": {\"B\": [1.5, 0, 0, 0, 0, 0, 0]}}}",
		       "requests.rows.B.natural_person: 1.5 is not a count");
	expect_refused(R21 "\"requests\": {\"rows\": {\"C9\": []}}}",
		       "requests.rows: unknown row \"C9\"; not a row of this layout");
	expect_refused(R21 "\"requests\": {\"rows\": {\"C3\": []}}}",
		       "unknown row \"C3\"; a group heading holds no numbers");
	expect_refused("{\"year\": 2020, \"requests\": {\"rows\": {\"C6.1\": []}}}",
		       "unknown row \"C6.1\"");
	expect_refused(R21 "\"requests\": {\"rows\": {\"A\": [0, 0]}}}",
		       "requests.rows.A: 2 cells where the table has 7 columns");
	expect_refused(R21 "\"requests\": {\"rows\": {\"A\": {}}}}",
		       "requests.rows.A: {} is not an array of cells");
	expect_refused(R21 "\"requests\": {\"cells\": {}}}", "requests: unknown key \"cells\"");
	expect_refused(R21 "\"requests\": {}}", "requests: no \"rows\"");
	expect_refused(R21 "\"disclosure\": {\"rows\": {\"fees\": {\"x\": 1}}}}",
		       "disclosure.rows.fees: unknown column \"x\"");
	expect_refused(R21 "\"disclosure\": {\"rows\": {\"fees\": {\"fee_amount\": -1.5}}}}",
		       "disclosure.rows.fees.fee_amount: -1.5 is not an amount");
	expect_refused(R21 "\"disclosure\": {\"rows\": {\"fees\": {\"fee_amount\": 0.0000001}}}}",
		       "is not an amount");
	expect_refused(R21 "\"disclosure\": {\"rows\": {\"procurement\": {}}}}",
		       "unknown row \"procurement\"");
	expect_refused(R21 "\"appeals\": {\"appeal\": [0, 0, 0, 0, 0]}}",
		       "appeals: unknown row \"appeal\"");
	expect_refused(R21 "\"appeals\": {\"review\": [0, 0, 0, \"x\", 0]}}",
		       "appeals.review.pending: \"x\" is not a count");
	expect_refused(R21 "\"appeals\": {}, \"sections\": {\"summary\": \"x\"}}",
		       "sections: unknown section \"summary\"");
	expect_refused(R21 "\"appeals\": {}, \"sections\": {\"overview\": 5}}",
		       "sections.overview: 5 is not a text");
	expect_refused(R21 "\"appeals\": {}, \"foo\": 1}", "unknown key \"foo\"");
	expect_refused("{\"year\": \"2023\", \"appeals\": {}}",
		       "year: \"2023\" is not a report year");
	expect_refused("{\"layout\": \"2020\", \"appeals\": {}}",
		       "layout: \"2020\" is not a layout");
	expect_refused("{\"agency\": 1, \"appeals\": {}}", "agency: 1 is not a name");
	expect_refused("{\"requests\": {\"rows\": {}}}", "names neither a layout nor a year");
	expect_refused(R21 "\"requests\": null}", "holds no table");
	expect_refused("{\"files\": []}", "`gongkai check --json` listing");
	expect_refused("{\"file\": \"x.pdf\", \"error\": \"no report table\"}",
		       "held no report: no report table");
	expect_refused("[{\"appeals\": {}}]", "not one report object");
	expect_refused("{\"appeals\": {}, \"appeals\": {}}", "not JSON: duplicate object key");
	expect_refused("{\"appeals\": ", "not JSON");
}

static void test_too_large(void **state)
{
	struct sheet *s = sheet_new();
	struct gk_errmsg m = {{0}};

	(void)state;
	/* The size is judged before a byte is read. */
	assert_int_equal(
	    report_read_json((struct str){"{", REPORT_JSON_MAX + 1u}, "big.json", s, &m),
	    GK_EFORMAT);
	assert_non_null(strstr(m.text, "larger than the 16 MiB read"));
	sheet_free(s);
}

/* `gongkai check` reads a .json file through the dispatch, by its first byte. */
static void test_dispatch(void **state)
{
	struct sheet *s = snapshot_sheet(LAYOUT_2021), *back;
	char *json, *padded;
	struct gk_errmsg m = {{0}};
	struct findings f = {0}, want = {0};
	size_t len;

	assert_int_equal(
	    sheet_set_title(s, STR_LIT("%PDF-<table>示例市2023年政府信息公开工作年度报告")), GK_OK);
	json = json_of(s);
	len = strlen(json) + 3;

	(void)state;
	/* Strings that hold %PDF- or <table> do not make it PDF or HTML. */
	padded = malloc(len + 1);
	assert_non_null(padded);
	snprintf(padded, len + 1, " \n\t%s", json);
	assert_int_equal(report_detect_kind(padded, len), REPORT_KIND_JSON);
	assert_string_equal(report_kind_name(REPORT_KIND_JSON), "json");
	assert_int_equal(report_detect_kind("<table>{", 8), REPORT_KIND_HTML);
	assert_int_equal(report_read_memory(padded, len, "snapshot.json", NULL, &back, &m), GK_OK);
	assert_string_equal(back->sections[SECTION_PROBLEMS], s->sections[SECTION_PROBLEMS]);
	/* The checker sees in the snapshot what it sees in the sheet (its blanks). */
	assert_int_equal(rules_check(s, &want), GK_OK);
	assert_int_equal(rules_check(back, &f), GK_OK);
	assert_int_equal(f.errors, want.errors);
	assert_int_equal(f.warnings, want.warnings);
	assert_int_equal(f.warnings, 6);
	findings_release(&want);
	findings_release(&f);
	sheet_free(back);
	free(padded);
	free(json);
	sheet_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip_2019), cmocka_unit_test(test_round_trip_2021),
	    cmocka_unit_test(test_decimals),	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_too_large),	    cmocka_unit_test(test_dispatch),
	};
	return cmocka_run_group_tests_name("read_json", tests, NULL, NULL);
}
