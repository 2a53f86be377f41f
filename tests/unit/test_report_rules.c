/* Unit tests for report/rules: every 勾稽关系 of legal-facts §1.9. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "report/rules.h"

/*
 * A sheet whose every identity holds: each result row has small numbers,
 * totals are the sums, B is 0 or 1, D is 1 and A makes the balance hold.
 */
static struct sheet *consistent(int year)
{
	struct sheet *s = sheet_new();
	const struct layout *l = layout_for_year(year);
	int64_t c7[REQ_COL_COUNT] = {0};
	static const int64_t appeals[APPEAL_ROW_COUNT][APPEAL_COL_COUNT] = {
		{1, 0, 0, 1, 2}, {0, 1, 0, 0, 1}, {0, 0, 0, 0, 0}};

	assert_non_null(s);
	s->year = year;
	s->layout = l;
	for (size_t i = 0; i < l->n_requests; i++) {
		const struct layout_row *r = &l->requests[i];
		int64_t total = 0;

		if (!r->in_total)
			continue;
		for (int c = 0; c < REQ_TOTAL; c++) {
			int64_t v = (int64_t)((i + (size_t)c) % 3);

			sheet_set_count(s, TABLE_REQUESTS, r->row, c, v, (uint32_t)(10 + i));
			total += v;
			c7[c] += v;
		}
		sheet_set_count(s, TABLE_REQUESTS, r->row, REQ_TOTAL, total, (uint32_t)(10 + i));
		c7[REQ_TOTAL] += total;
	}
	for (int c = 0; c < REQ_COL_COUNT; c++) {
		int64_t b = c == REQ_TOTAL ? 3 : c % 2, d = c == REQ_TOTAL ? 6 : 1;

		sheet_set_count(s, TABLE_REQUESTS, REQ_C7, c, c7[c], 50);
		sheet_set_count(s, TABLE_REQUESTS, REQ_B, c, b, 8);
		sheet_set_count(s, TABLE_REQUESTS, REQ_D, c, d, 51);
		sheet_set_count(s, TABLE_REQUESTS, REQ_A, c, c7[c] + d - b, 7);
	}
	for (int r = 0; r < APPEAL_ROW_COUNT; r++)
		for (int c = 0; c < APPEAL_COL_COUNT; c++)
			sheet_set_count(s, TABLE_APPEALS, r, c, appeals[r][c], 60);
	for (size_t i = 0; i < l->n_disclosure; i++)
		for (size_t c = 0; c < l->disclosure[i].block->n_columns; c++)
			sheet_set_number(s, TABLE_DISCLOSURE, l->disclosure[i].row, (int)c,
					 (struct sheet_num){12, 1}, 3);
	return s;
}

static int64_t value(const struct sheet *s, enum req_row r, enum req_col c)
{
	return s->requests[r][c].num.mant;
}

static void add(struct sheet *s, enum req_row r, enum req_col c, int64_t delta)
{
	sheet_set_count(s, TABLE_REQUESTS, r, c, value(s, r, c) + delta, s->requests[r][c].line);
}

static void blank(struct sheet *s, enum req_row r, enum req_col c)
{
	s->requests[r][c].state = CELL_BLANK;
}

static size_t count(const struct findings *f, const char *rule, enum finding_severity sev)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		n += !strcmp(f->items[i].rule, rule) && f->items[i].severity == sev;
	return n;
}

static const struct finding *find(const struct findings *f, const char *rule, int row, int col)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->items[i].rule, rule) && f->items[i].row == row &&
		    f->items[i].col == col)
			return &f->items[i];
	fail_msg("no %s finding at row %d col %d", rule, row, col);
	return NULL;
}

static void check(const struct sheet *s, struct findings *f)
{
	findings_init(f);
	assert_int_equal(rules_check(s, f), GK_OK);
}

static void test_consistent_sheets_pass(void **state)
{
	static const int years[] = {2019, 2020, 2021, 2024};
	struct findings f;

	(void)state;
	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		struct sheet *s = consistent(years[i]);

		check(s, &f);
		for (size_t k = 0; k < f.n; k++)
			print_message("unexpected: %s %s\n", f.items[k].rule, f.items[k].message);
		assert_int_equal(f.n, 0);
		findings_release(&f);
		sheet_free(s);
	}
}

/* A wrong 总计 cell: its row fails, the 总计 column fails, and it is blamed. */
static void test_row_total_and_shared_cell(void **state)
{
	struct sheet *s = consistent(2023);
	int64_t right = value(s, REQ_C1, REQ_TOTAL);
	const struct finding *x;
	struct findings f;

	(void)state;
	add(s, REQ_C1, REQ_TOTAL, 1);
	check(s, &f);
	assert_int_equal(f.errors, 3);
	assert_int_equal(f.warnings, 0);
	x = find(&f, "requests.row_total", REQ_C1, REQ_TOTAL);
	assert_int_equal(x->severity, FINDING_ERROR);
	assert_string_equal(x->row_id, "C1");
	assert_string_equal(x->row_label, "（一）予以公开");
	assert_string_equal(x->column, "total");
	assert_true(x->has_expected && x->has_actual && !x->expected_at_least);
	assert_int_equal(x->expected.mant, right);
	assert_int_equal(x->actual.mant, right + 1);
	assert_int_equal(x->line, 13);
	x = find(&f, "requests.results_total", REQ_C7, REQ_TOTAL);
	assert_int_equal(x->severity, FINDING_ERROR);
	x = find(&f, "shared_cell", REQ_C1, REQ_TOTAL);
	assert_int_equal(x->expected.mant, right);
	assert_int_equal(x->actual.mant, right + 1);
	findings_release(&f);
	sheet_free(s);
}

/* A wrong applicant cell: row C3.6 and column 自然人 fail; the cell is blamed. */
static void test_applicant_cell_blamed(void **state)
{
	struct sheet *s = consistent(2021);
	int64_t right = value(s, REQ_C3_6, REQ_NATURAL_PERSON);
	const struct finding *x;
	struct findings f;

	(void)state;
	add(s, REQ_C3_6, REQ_NATURAL_PERSON, 2);
	check(s, &f);
	assert_int_equal(f.errors, 3);
	find(&f, "requests.row_total", REQ_C3_6, REQ_TOTAL);
	find(&f, "requests.results_total", REQ_C7, REQ_NATURAL_PERSON);
	x = find(&f, "shared_cell", REQ_C3_6, REQ_NATURAL_PERSON);
	assert_string_equal(x->column_label, "自然人");
	assert_int_equal(x->expected.mant, right);
	findings_release(&f);
	sheet_free(s);
}

/* Misprints all over the table: no single cell is blamed. */
static void test_no_blame_when_wrong_throughout(void **state)
{
	static const enum req_row rows[] = {REQ_C1, REQ_C2, REQ_C3_1, REQ_C4_1, REQ_C5_1};
	struct sheet *s = consistent(2021);
	struct findings f;

	(void)state;
	for (size_t i = 0; i < 3; i++)
		add(s, rows[i], REQ_NATURAL_PERSON, 1);
	check(s, &f);
	assert_int_equal(count(&f, "shared_cell", FINDING_ERROR), 3);
	findings_release(&f);
	for (size_t i = 3; i < sizeof(rows) / sizeof(rows[0]); i++)
		add(s, rows[i], REQ_NATURAL_PERSON, 1);
	check(s, &f);
	assert_int_equal(count(&f, "requests.row_total", FINDING_ERROR), 5);
	assert_int_equal(count(&f, "shared_cell", FINDING_ERROR), 0);
	findings_release(&f);
	sheet_free(s);
}

/* D wrong in 自然人 and 总计 alike: rows add up, the balance fails twice. */
static void test_balance(void **state)
{
	struct sheet *s = consistent(2019);
	const struct finding *x;
	struct findings f;

	(void)state;
	add(s, REQ_D, REQ_NATURAL_PERSON, 1);
	add(s, REQ_D, REQ_TOTAL, 1);
	check(s, &f);
	assert_int_equal(f.errors, 2);
	assert_int_equal(count(&f, "requests.balance", FINDING_ERROR), 2);
	assert_int_equal(count(&f, "shared_cell", FINDING_ERROR), 0);
	x = find(&f, "requests.balance", -1, REQ_TOTAL);
	assert_null(x->row_id);
	assert_non_null(strstr(x->row_label, "第一项加第二项之和"));
	assert_int_equal(x->actual.mant, x->expected.mant + 1);
	/* A single wrong D cell: the balance and its row both fail, D is blamed. */
	add(s, REQ_D, REQ_TOTAL, -1);
	findings_release(&f);
	check(s, &f);
	x = find(&f, "shared_cell", REQ_D, REQ_NATURAL_PERSON);
	assert_int_equal(x->expected.mant, value(s, REQ_D, REQ_NATURAL_PERSON) - 1);
	findings_release(&f);
	sheet_free(s);
}

/* A blank is unknown: a blank 0 is only "blank"; a blank non-zero makes
 * totals reachable only through blanks (warnings), never errors. */
static void test_blank_is_warning(void **state)
{
	struct sheet *s = consistent(2022);
	struct findings f;

	(void)state;
	assert_int_equal(value(s, REQ_C3_2, REQ_RESEARCH), 0);
	blank(s, REQ_C3_2, REQ_RESEARCH);
	check(s, &f);
	assert_int_equal(f.errors, 0);
	assert_int_equal(f.warnings, 1);
	assert_string_equal(find(&f, "blank", REQ_C3_2, REQ_RESEARCH)->column, "research");
	findings_release(&f);

	assert_true(value(s, REQ_C1, REQ_BUSINESS) > 0);
	blank(s, REQ_C1, REQ_BUSINESS);
	check(s, &f);
	assert_int_equal(f.errors, 0);
	assert_int_equal(count(&f, "requests.row_total", FINDING_WARNING), 1);
	assert_int_equal(count(&f, "requests.results_total", FINDING_WARNING), 1);
	assert_true(find(&f, "requests.row_total", REQ_C1, REQ_TOTAL)->expected_at_least);
	assert_int_equal(count(&f, "blank", FINDING_WARNING), 2);
	findings_release(&f);

	/* A blank total of a non-zero row: incomplete, not an error. */
	blank(s, REQ_C7, REQ_TOTAL);
	check(s, &f);
	assert_int_equal(f.errors, 0);
	assert_false(find(&f, "requests.row_total", REQ_C7, REQ_TOTAL)->has_actual);
	findings_release(&f);
	sheet_free(s);
}

/* A total smaller than its known parts is an error even with blanks. */
static void test_too_small_with_blanks_is_error(void **state)
{
	struct sheet *s = consistent(2021);
	const struct finding *x;
	struct findings f;

	(void)state;
	sheet_set_count(s, TABLE_REQUESTS, REQ_A, REQ_NATURAL_PERSON, 100, 7);
	sheet_set_count(s, TABLE_REQUESTS, REQ_A, REQ_TOTAL, 50, 7);
	blank(s, REQ_A, REQ_BUSINESS);
	check(s, &f);
	x = find(&f, "requests.row_total", REQ_A, REQ_TOTAL);
	assert_int_equal(x->severity, FINDING_ERROR);
	assert_true(x->expected_at_least);
	assert_true(x->expected.mant >= 100);
	assert_int_equal(x->actual.mant, 50);
	findings_release(&f);
	sheet_free(s);
}

/* （六）其他处理: a data row in 2019, a group of three in 2021. */
static void test_other_handling_by_layout(void **state)
{
	struct sheet *s19 = consistent(2020), *s21 = consistent(2021);
	struct findings f;

	(void)state;
	/* In 2019 C6 is counted: changing it alone breaks rows and columns. */
	add(s19, REQ_C6, REQ_OTHER, 1);
	add(s19, REQ_C6, REQ_TOTAL, 1);
	check(s19, &f);
	assert_int_equal(count(&f, "requests.results_total", FINDING_ERROR), 2);
	findings_release(&f);
	/* 2021 rows in a 2019 sheet are not part of the sum. */
	add(s19, REQ_C6, REQ_OTHER, -1);
	add(s19, REQ_C6, REQ_TOTAL, -1);
	sheet_set_count(s19, TABLE_REQUESTS, REQ_C6_1, REQ_OTHER, 9, 0);
	check(s19, &f);
	assert_int_equal(f.n, 0);
	findings_release(&f);
	/* In 2021 C6.3 is counted and the C6 group row is not. */
	add(s21, REQ_C6_3, REQ_OTHER, 1);
	add(s21, REQ_C6_3, REQ_TOTAL, 1);
	check(s21, &f);
	assert_int_equal(count(&f, "requests.results_total", FINDING_ERROR), 2);
	findings_release(&f);
	add(s21, REQ_C6_3, REQ_OTHER, -1);
	add(s21, REQ_C6_3, REQ_TOTAL, -1);
	sheet_set_count(s21, TABLE_REQUESTS, REQ_C6, REQ_OTHER, 9, 0);
	check(s21, &f);
	assert_int_equal(f.n, 0);
	findings_release(&f);
	sheet_free(s19);
	sheet_free(s21);
}

static void test_appeals(void **state)
{
	struct sheet *s = consistent(2023);
	const struct finding *x;
	struct findings f;

	(void)state;
	sheet_set_count(s, TABLE_APPEALS, APPEAL_REVIEW, APPEAL_TOTAL, 3, 60);
	s->appeals[APPEAL_LAWSUIT][APPEAL_CORRECTED].state = CELL_BLANK;
	check(s, &f);
	x = find(&f, "appeals.total", APPEAL_REVIEW, APPEAL_TOTAL);
	assert_int_equal(x->severity, FINDING_ERROR);
	assert_string_equal(x->row_id, "review");
	assert_string_equal(x->column_label, "总计");
	assert_int_equal(x->expected.mant, 2);
	assert_int_equal(x->actual.mant, 3);
	x = find(&f, "appeals.total", APPEAL_LAWSUIT, APPEAL_TOTAL);
	assert_int_equal(x->severity, FINDING_WARNING);
	assert_string_equal(find(&f, "blank", APPEAL_LAWSUIT, APPEAL_CORRECTED)->column,
			    "corrected");
	assert_int_equal(f.errors, 1);
	findings_release(&f);
	sheet_free(s);
}

static void test_carry_over(void **state)
{
	struct sheet *prev = consistent(2022), *cur = consistent(2023);
	const struct finding *x;
	struct findings f;

	(void)state;
	findings_init(&f);
	/* consistent(): B is c % 2, D is 1, so the odd columns agree. */
	assert_int_equal(rules_check_carry_over(prev, cur, &f), GK_OK);
	assert_int_equal(f.n, 4); /* 自然人, 科研机构, 法律服务机构, 总计 */
	assert_int_equal(f.errors, 0);
	x = find(&f, "cross_year.carry_over", REQ_B, REQ_TOTAL);
	assert_int_equal(x->expected.mant, 6);
	assert_int_equal(x->actual.mant, 3);
	assert_non_null(strstr(x->message, "2022"));
	findings_release(&f);
	sheet_free(prev);
	sheet_free(cur);
}

static void test_notes_and_missing_parts(void **state)
{
	struct sheet *s = consistent(2021);
	struct findings f;

	(void)state;
	sheet_set_unreadable(s, TABLE_REQUESTS, REQ_C5_2, REQ_OTHER, STR_LIT("O"), 33);
	sheet_add_note(s, NOTE_MIXED_LAYOUT, 30, TABLE_REQUESTS, REQ_C6, -1,
		       "2021 年度报告中出现 2019 版的行");
	sheet_add_note(s, NOTE_LABEL_DEVIATION, 12, TABLE_REQUESTS, REQ_C3_2, -1,
		       "“2.其他法律行政止公开”与格式不同");
	check(s, &f);
	assert_int_equal(f.errors, 0);
	assert_int_equal(find(&f, "unreadable", REQ_C5_2, REQ_OTHER)->line, 33);
	assert_int_equal(count(&f, "mixed_layout", FINDING_WARNING), 1);
	assert_string_equal(find(&f, "label", REQ_C3_2, -1)->row_label, "2.其他法律行政法规禁止公开");
	findings_release(&f);
	sheet_free(s);

	s = sheet_new();
	check(s, &f);
	assert_int_equal(count(&f, "year_unknown", FINDING_WARNING), 1);
	assert_int_equal(count(&f, "layout_unknown", FINDING_WARNING), 1);
	assert_int_equal(count(&f, "missing_table", FINDING_WARNING), 3);
	assert_int_equal(f.errors, 0);
	findings_release(&f);
	sheet_free(s);
}

/* legal-facts §1.9 worked check: Shanghai 2019, 自然人, with blanks as printed. */
static void test_shanghai_2019_column(void **state)
{
	static const struct {
		enum req_row row;
		int64_t v;
	} cells[] = {{REQ_C1, 258}, {REQ_C2, 3},    {REQ_C3_1, 14}, {REQ_C3_4, 5},
		     {REQ_C3_5, 3}, {REQ_C3_8, 10}, {REQ_C4_1, 252}, {REQ_C4_2, 44},
		     {REQ_C4_3, 25}, {REQ_C5_1, 148}, {REQ_C6, 5},  {REQ_C7, 767}};
	struct sheet *s = sheet_new();
	struct findings f;

	(void)state;
	s->year = 2019;
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		sheet_set_count(s, TABLE_REQUESTS, cells[i].row, REQ_NATURAL_PERSON, cells[i].v, 0);
	check(s, &f);
	assert_int_equal(count(&f, "requests.results_total", FINDING_ERROR), 0);
	assert_int_equal(count(&f, "requests.results_total", FINDING_WARNING), 0);
	findings_release(&f);
	sheet_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_consistent_sheets_pass),
		cmocka_unit_test(test_row_total_and_shared_cell),
		cmocka_unit_test(test_applicant_cell_blamed),
		cmocka_unit_test(test_no_blame_when_wrong_throughout),
		cmocka_unit_test(test_balance),
		cmocka_unit_test(test_blank_is_warning),
		cmocka_unit_test(test_too_small_with_blanks_is_error),
		cmocka_unit_test(test_other_handling_by_layout),
		cmocka_unit_test(test_appeals),
		cmocka_unit_test(test_carry_over),
		cmocka_unit_test(test_notes_and_missing_parts),
		cmocka_unit_test(test_shanghai_2019_column),
	};
	return cmocka_run_group_tests_name("report_rules", tests, NULL, NULL);
}
