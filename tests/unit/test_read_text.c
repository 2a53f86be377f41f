/*
 * Unit tests for report/read_text: the fixtures in tests/fixtures/reports/text
 * (invented reports in each printed form), junk inputs, and the published
 * samples in $GK_SHARED_DIR/samples when that directory is present.
 *
 * Rows are written as the printed cells: a number, "_" for blank, "?" for
 * unreadable, e.g. expect_request(s, REQ_C1, "2 0 0 0 0 _ 2", 68).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "report/labels.h"
#include "report/read_text.h"

#define FIXTURES "tests/fixtures/reports/text/"
/* Larger than any report, far smaller than the 10 MB junk inputs below. */
#define FILE_MAX (1u << 20)

static bool slurp(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;

	buf_init(b, FILE_MAX);
	if (!f)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return !b->failed;
}

/* Read text into a new sheet; the reader's status goes to *err. */
static struct sheet *read_str(struct str text, enum gk_err *err, struct gk_errmsg *m)
{
	struct sheet *s = sheet_new();

	assert_non_null(s);
	*err = report_read_text(text, "test", s, m);
	return s;
}

static struct sheet *read_path(const char *path)
{
	struct buf b;
	struct gk_errmsg m = {{0}};
	enum gk_err err;
	struct sheet *s;

	assert_true(slurp(path, &b));
	s = read_str(buf_str(&b), &err, &m);
	if (err)
		fail_msg("%s: %s", path, m.text);
	buf_release(&b);
	return s;
}

/* A sample from $GK_SHARED_DIR/samples, or NULL after skip() when absent. */
static struct sheet *read_sample(const char *file)
{
	const char *dir = getenv("GK_SHARED_DIR");
	char path[1024];
	FILE *f;

	if (!dir || !*dir) {
		printf("skip: GK_SHARED_DIR is not set, so the published samples are not read\n");
		skip();
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/samples/%s", dir, file);
	f = fopen(path, "rb");
	if (!f) {
		printf("skip: %s is absent\n", path);
		skip();
		return NULL;
	}
	fclose(f);
	return read_path(path);
}

/* Compare the cells from col 0 with a printed spec ("6 3 _ ? 7.5"). */
static void expect_cells(const struct sheet *s, enum report_table t, int row, const char *spec,
			 uint32_t line)
{
	char want[64], got[SHEET_NUM_STRLEN];
	const char *p = spec;
	int col = 0, used;

	while (sscanf(p, "%63s%n", want, &used) == 1) {
		const struct sheet_cell *c = sheet_cell_const(s, t, row, col);

		assert_non_null(c);
		if (strcmp(want, "_") == 0)
			assert_int_equal(c->state, CELL_BLANK);
		else if (strcmp(want, "?") == 0)
			assert_int_equal(c->state, CELL_UNREADABLE);
		else if (c->state != CELL_NUMBER || strcmp(sheet_num_format(c->num, got), want))
			fail_msg("table %s row %d col %d: want %s, state %d value %s",
				 layout_table_name(t), row, col, want, c->state,
				 c->state == CELL_NUMBER ? got : "-");
		if (line)
			assert_int_equal(c->line, line);
		col++;
		p += used;
	}
}

static void expect_request(const struct sheet *s, enum req_row row, const char *spec,
			   uint32_t line)
{
	expect_cells(s, TABLE_REQUESTS, row, spec, line);
}

/* Table 四 as printed: one row of 15 numbers. */
static void expect_appeals(const struct sheet *s, const char *spec, uint32_t line)
{
	char part[3][64];
	const char *p = spec;
	int used;

	for (int g = 0; g < APPEAL_ROW_COUNT; g++) {
		size_t n = 0;

		part[g][0] = '\0';
		for (int i = 0; i < APPEAL_COL_COUNT; i++) {
			char w[16];

			assert_int_equal(sscanf(p, "%15s%n", w, &used), 1);
			p += used;
			n += (size_t)snprintf(part[g] + n, sizeof(part[g]) - n, "%s ", w);
		}
		expect_cells(s, TABLE_APPEALS, g, part[g], line);
	}
}

/* The number of notes of a kind whose text contains needle (NULL: any). */
static size_t count_notes(const struct sheet *s, enum sheet_note_kind kind, const char *needle)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n_notes; i++)
		n += s->notes[i].kind == kind && (!needle || strstr(s->notes[i].text, needle));
	return n;
}

static void expect_zero_rows(const struct sheet *s, enum req_row from, enum req_row to)
{
	for (int row = from; row <= (int)to; row++)
		expect_request(s, (enum req_row)row, "0 0 0 0 0 0 0", 0);
}

/* --- labels ---------------------------------------------------------- */

static struct str fold(const char *text, char *out, size_t cap)
{
	return (struct str){out, label_fold(str_from_cstr(text), out, cap)};
}

static void test_label_fold_and_match(void **state)
{
	char a[128], b[128];

	(void)state;
	/* Full-width and ASCII punctuation, curly and straight quotes, spaces. */
	assert_true(str_eq(fold("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", a, sizeof(a)),
			   fold("(二) 部分公开(区分处理的,只计这一情形,不计其他情形)", b, sizeof(b))));
	assert_true(str_eq(fold("3.危及“三安全一稳定”", a, sizeof(a)),
			   fold("3、危及\"三安全一稳定\"", b, sizeof(b))));
	assert_true(str_eq(fold("1．属于国家秘密", a, sizeof(a)), fold("1.属于 国家秘密", b, sizeof(b))));
	/* Kangxi radical ⾏ (U+2F8F) is 行 under NFKC. */
	assert_true(str_eq(fold("⾏政许可", a, sizeof(a)), fold("行政许可", b, sizeof(b))));
	/* Full-width digits are ASCII digits in a key. */
	assert_true(str_eq(fold("１．属于国家秘密", a, sizeof(a)), fold("1.属于国家秘密", b, sizeof(b))));
	/* The key stops at a character boundary when out is small. */
	assert_int_equal(fold("行政许可", a, 7).len, 6);

	assert_int_equal(label_match_request(fold("2.其他法律行政止公开", a, sizeof(a))), REQ_C3_2);
	assert_int_equal(label_match_request(fold("（六）其他处理", a, sizeof(a))), REQ_C6);
	assert_int_equal(label_match_request(fold("（六）其他处理 1、申请人无正当理由逾期不补正，", a,
						  sizeof(a))),
			 REQ_C6_1);
	assert_int_equal(label_match_request(fold("3、其他", a, sizeof(a))), REQ_C6_3);
	assert_int_equal(label_match_request(fold("法提供 2.没有现成信息需要另行制作", a, sizeof(a))),
			 REQ_C4_2);
	assert_int_equal(label_match_request(fold("（三）不予公开", a, sizeof(a))), REQ_ROW_COUNT);
	assert_int_equal(label_match_disclosure(fold("行政规范性文件", a, sizeof(a))), DISC_NORMATIVE);
	assert_int_equal(label_match_disclosure(
				 fold("全年新增公开市政府规章和政策性文件，通过文字、图片等形式制作政策解读",
				      a, sizeof(a))),
			 DISC_ROW_COUNT);

	assert_true(label_is_blank_marker(STR_LIT("")));
	assert_true(label_is_blank_marker(STR_LIT(" —— ")));
	assert_true(label_is_blank_marker(STR_LIT("／")));
	assert_false(label_is_blank_marker(STR_LIT("无")));
	assert_false(label_is_blank_marker(STR_LIT("0")));
	assert_false(label_is_blank_marker(STR_LIT("-1")));
}

/* --- fixtures -------------------------------------------------------- */

static void test_tab_2019(void **state)
{
	struct sheet *s = read_path(FIXTURES "tab-2019.txt");

	(void)state;
	assert_int_equal(s->year, 2019);
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2019));
	assert_string_equal(s->agency, "青山区市场监督管理局");
	/* Table 二: signed 本年增/减 (ASCII and full-width minus), 1,204, 12.5. */
	expect_cells(s, TABLE_DISCLOSURE, DISC_NORMATIVE, "4 4 31", 15);
	expect_cells(s, TABLE_DISCLOSURE, DISC_LICENSING, "120 -3 1204", 18);
	expect_cells(s, TABLE_DISCLOSURE, DISC_OTHER_SERVICE, "_ _ _", 19);
	expect_cells(s, TABLE_DISCLOSURE, DISC_PENALTY, "57 2 389", 22);
	expect_cells(s, TABLE_DISCLOSURE, DISC_FEES, "3 -1", 26);
	expect_cells(s, TABLE_DISCLOSURE, DISC_PROCUREMENT, "2 12.5", 30);
	/* Table 三: “1、”, “2．”, straight quotes, “(三) 不予公 开”. */
	expect_request(s, REQ_A, "12 3 0 1 0 0 16", 37);
	expect_request(s, REQ_C1, "5 1 0 0 0 0 6", 39);
	expect_request(s, REQ_C3_1, "0 0 0 0 0 0 0", 42);
	/* Blank is not zero: empty cells, “-”, “—”, “/”. “无” is unreadable. */
	expect_request(s, REQ_C3_2, "0 0 _ _ _ 0 0", 43);
	expect_request(s, REQ_C3_3, "0 0 _ _ 0 0 0", 44);
	expect_request(s, REQ_C3_5, "0 _ 0 0 0 0 0", 46);
	expect_request(s, REQ_C3_8, "0 0 0 0 0 ? 0", 49);
	assert_int_equal(count_notes(s, NOTE_UNREADABLE_CELL, "“无”"), 1);
	expect_request(s, REQ_C4_1, "2 1 0 1 0 0 4", 50);
	/* 2.没有现成信 / 息需要另行制作: the tail after the numbers is no new row. */
	expect_request(s, REQ_C4_2, "0 0 0 0 0 0 0", 51);
	expect_request(s, REQ_C4_3, "0 0 0 0 0 0 0", 54);
	expect_request(s, REQ_C5_4, "_ _ _ _ _ _ _", 58);
	expect_request(s, REQ_C6, "0 0 0 0 0 0 0", 60);
	expect_request(s, REQ_C7, "12 3 0 1 0 0 16", 61);
	/* “四、结转下年度继续办理⇥⇥⇥2…”: the empty cells of the merged label. */
	expect_request(s, REQ_D, "2 0 0 0 0 0 2", 62);
	expect_appeals(s, "1 0 1 0 2  0 1 0 0 1  _ 0 0 0 0", 69);
	assert_int_equal(count_notes(s, NOTE_LABEL_DEVIATION, NULL), 0);
	assert_int_equal(count_notes(s, NOTE_MISSING_ROW, NULL), 0);
	assert_int_equal(count_notes(s, NOTE_MIXED_LAYOUT, NULL), 0);
	assert_int_equal(s->n_notes, 1);
	sheet_free(s);
}

static void test_markdown_2021(void **state)
{
	struct sheet *s = read_path(FIXTURES "md-2021.md");

	(void)state;
	/* “2022年度政府信息公开工作年度报告” */
	assert_int_equal(s->year, 2022);
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2021));
	assert_string_equal(s->agency, "白沙县交通运输局");
	expect_cells(s, TABLE_DISCLOSURE, DISC_NORMATIVE, "2 1 9", 15);
	expect_cells(s, TABLE_DISCLOSURE, DISC_LICENSING, "1523", 18);
	expect_cells(s, TABLE_DISCLOSURE, DISC_PENALTY, "86", 21); /* **86** */
	expect_cells(s, TABLE_DISCLOSURE, DISC_ENFORCEMENT, "_", 22);
	expect_cells(s, TABLE_DISCLOSURE, DISC_FEES, "0.35", 25);
	expect_request(s, REQ_A, "40 5 0 1 2 0 48", 33);
	expect_request(s, REQ_C2, "5 1 0 0 0 0 6", 36);
	/* An empty pipe cell in the middle of a row. */
	expect_request(s, REQ_C4_1, "8 1 _ 1 1 0 11", 45);
	/* C6.1 with “1、” and “，” instead of “、”. */
	expect_request(s, REQ_C6_1, "1 0 0 0 0 0 1", 53);
	expect_request(s, REQ_C6_3, "0 0 0 0 0 0 0", 55);
	expect_request(s, REQ_C7, "42 5 0 1 2 0 50", 56);
	expect_request(s, REQ_D, "1 0 0 0 0 0 1", 57);
	expect_appeals(s, "2 1 0 1 4  1 0 0 0 1  0 0 0 1 1", 65);
	assert_int_equal(s->n_notes, 0);
	sheet_free(s);
}

static void test_pdftotext_layout(void **state)
{
	struct sheet *s = read_path(FIXTURES "layout-2022.txt");

	(void)state;
	/* Agency on the line before the title. */
	assert_int_equal(s->year, 2022);
	assert_string_equal(s->agency, "石门县人民政府办公室");
	expect_cells(s, TABLE_DISCLOSURE, DISC_RULES, "0 0 2", 15);
	expect_cells(s, TABLE_DISCLOSURE, DISC_FEES, "1523.06", 45);
	expect_request(s, REQ_A, "57 6 0 0 2 1 66", 60);
	/* Numbers between the two halves of the label. */
	expect_request(s, REQ_C2, "8 1 0 0 0 0 9", 67);
	/* Level-1 and level-2 labels printed one character per line. */
	expect_request(s, REQ_C3_2, "0 0 0 0 0 0 0", 74);
	expect_request(s, REQ_C3_6, "2 0 0 0 0 0 2", 87);
	expect_request(s, REQ_C4_1, "10 1 0 0 1 1 13", 93);
	/* After the footer “— 4 —” and a form feed, with “法提供” in front. */
	expect_request(s, REQ_C4_2, "2 0 0 0 0 0 2", 98);
	/* Numbers after a label of two lines. */
	expect_request(s, REQ_C5_5, "0 0 0 0 0 0 0", 113);
	/* Numbers on the middle line of three. */
	expect_request(s, REQ_C6_1, "1 0 0 0 0 0 1", 119);
	/* “（六）其” / “他处理” between the lines of C6.2. */
	expect_request(s, REQ_C6_2, "0 0 0 0 0 0 0", 125);
	expect_request(s, REQ_C6_3, "1 0 0 0 0 0 1", 129);
	expect_request(s, REQ_C7, "53 5 0 0 2 1 61", 131);
	expect_request(s, REQ_D, "8 1 0 0 0 0 9", 134);
	/* Table 四 wrapped over a page break with a lone page number. */
	expect_cells(s, TABLE_APPEALS, APPEAL_REVIEW, "3 1 2 0 6", 152);
	expect_cells(s, TABLE_APPEALS, APPEAL_LAWSUIT, "2 0 1 0 3", 152);
	expect_cells(s, TABLE_APPEALS, APPEAL_LAWSUIT_AFTER_REVIEW, "0 0 0 1 1", 155);
	assert_int_equal(s->n_notes, 0);
	sheet_free(s);
}

static void test_mixed_layout(void **state)
{
	struct sheet *s = read_path(FIXTURES "mixed-2023.txt");

	(void)state;
	assert_int_equal(s->year, 2023);
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2021));
	expect_request(s, REQ_C6, "1 0 0 0 0 0 1", 36);
	assert_int_equal(s->requests[REQ_C6_1][REQ_TOTAL].state, CELL_BLANK);
	expect_request(s, REQ_C7, "8 1 0 0 0 0 9", 37);
	assert_int_equal(count_notes(s, NOTE_MIXED_LAYOUT, "（六）其他处理"), 1);
	/* The single row stands in for C6.1–C6.3: they are not “missing”. */
	assert_int_equal(count_notes(s, NOTE_MISSING_ROW, NULL), 0);
	assert_int_equal(count_notes(s, NOTE_MISSING_TABLE, "二"), 1);
	assert_true(s->has_table[TABLE_APPEALS]);
	sheet_free(s);
}

static void test_run_together_recovered(void **state)
{
	struct sheet *s = read_path(FIXTURES "runtogether-2021.txt");

	(void)state;
	/* “数量611 21 0323”: one split fits the row's 总计. */
	expect_request(s, REQ_A, "6 11 2 1 0 3 23", 5);
	/* “0112 1 0317”: two splits fit the row; the column sums pick one. */
	expect_request(s, REQ_C4_1, "0 11 2 1 0 3 17", 17);
	assert_int_equal(count_notes(s, NOTE_OTHER, "the only split"), 2);
	assert_int_equal(count_notes(s, NOTE_UNREADABLE_CELL, NULL), 0);
	sheet_free(s);
}

static void test_run_together_ambiguous(void **state)
{
	struct sheet *s = read_path(FIXTURES "runtogether-ambiguous-2021.txt");

	(void)state;
	expect_request(s, REQ_A, "6 11 2 1 0 3 23", 5);
	/* C5.3 is blank, so the column sums cannot decide C4.1. */
	expect_request(s, REQ_C5_3, "_ _ _ _ _ _ _", 22);
	expect_request(s, REQ_C4_1, "? ? ? ? ? ? ?", 17);
	assert_int_equal(count_notes(s, NOTE_UNREADABLE_CELL, "more than one split"), 1);
	sheet_free(s);
}

static void test_short_row_and_unreadable_table(void **state)
{
	static const char text[] = "三、收到和处理政府信息公开申请情况\n"
				   "一、本年新收政府信息公开申请数量 4 2 0 0 0 6\n"
				   "二、上年结转政府信息公开申请数量 1 2 3\n"
				   "四、政府信息公开行政复议、行政诉讼情况\n"
				   "1 0 0 0 1 0 0 0 0\n"
				   "五、存在的主要问题及改进情况\n";
	struct gk_errmsg m;
	enum gk_err err;
	struct sheet *s = read_str(STR_LIT(text), &err, &m);

	(void)state;
	assert_int_equal(err, GK_OK);
	assert_int_equal(s->year, 0);
	assert_null(s->layout);
	/* Six numbers: 自然人 … 法律服务机构 and 总计; 其他 blank, with a note. */
	expect_request(s, REQ_A, "4 2 0 0 0 _ 6", 2);
	assert_int_equal(count_notes(s, NOTE_OTHER, "6 numbers for 7 columns"), 1);
	expect_request(s, REQ_B, "? ? ? ? ? ? ?", 3);
	expect_appeals(s, "? ? ? ? ? ? ? ? ? ? ? ? ? ? ?", 5);
	assert_int_equal(count_notes(s, NOTE_UNREADABLE_CELL, "9 numbers where 15"), 1);
	sheet_free(s);
}

/* --- junk ------------------------------------------------------------ */

static void expect_format_error(struct str text, const char *needle)
{
	struct gk_errmsg m = {{0}};
	enum gk_err err;
	struct sheet *s = read_str(text, &err, &m);

	assert_int_equal(err, GK_EFORMAT);
	if (!strstr(m.text, needle))
		fail_msg("message “%s” lacks “%s”", m.text, needle);
	assert_null(strchr(m.text, '\n'));
	sheet_free(s);
}

static void test_junk(void **state)
{
	static const char binary[] = "\x7f"
				     "ELF\x02\x01\x01\x00\x00\x00 第二十条第（一）项 规章 1 2 3";
	/* GBK bytes of 政府信息公开 */
	static const char gbk[] = "\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\xb9\xab\xbf\xaa 1 2 3\n";
	size_t big = 10u << 20;
	char *digits = malloc(big);

	(void)state;
	expect_format_error((struct str){binary, sizeof(binary) - 1}, "binary");
	expect_format_error(STR_LIT(gbk), "not valid UTF-8");
	expect_format_error(STR_LIT("\xE6\x94"), "not valid UTF-8");
	expect_format_error(STR_LIT(""), "empty");
	expect_format_error(STR_LIT("政府信息公开工作年度报告\n\n没有表格。\n"), "no annual report table");

	/* 10 MB of digits on one line, then as numbers under a table heading. */
	assert_non_null(digits);
	memset(digits, '7', big);
	expect_format_error((struct str){digits, big}, "no annual report table");
	for (size_t i = 0; i + 1 < big; i += 2)
		digits[i + 1] = i % 64 ? ' ' : '\n';
	memcpy(digits, "行政复议行政诉讼\n", strlen("行政复议行政诉讼\n"));
	{
		struct gk_errmsg m;
		enum gk_err err;
		struct sheet *s = read_str((struct str){digits, big}, &err, &m);

		assert_int_equal(err, GK_OK);
		assert_int_equal(s->appeals[APPEAL_REVIEW][APPEAL_UPHELD].state, CELL_UNREADABLE);
		sheet_free(s);
	}
	free(digits);
}

/* A run of digits with countless splits ends in bounded time, unreadable. */
static void test_run_together_budget(void **state)
{
	static const char text[] = "一、本年新收政府信息公开申请数量"
				   "111111111111111111111111111111111111111111111111 1\n";
	struct gk_errmsg m;
	enum gk_err err;
	struct sheet *s = read_str(STR_LIT(text), &err, &m);

	(void)state;
	assert_int_equal(err, GK_OK);
	expect_request(s, REQ_A, "? ? ? ? ? ? ?", 1);
	assert_int_equal(count_notes(s, NOTE_UNREADABLE_CELL, "numbers printed together"), 1);
	sheet_free(s);
}

/* --- the published samples ---------------------------------------------- */

static void test_sample_fengze_2020(void **state)
{
	struct sheet *s = read_sample("fengze-2020.txt");

	(void)state;
	if (!s)
		return;
	assert_int_equal(s->year, 2020);
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2019));
	assert_string_equal(s->agency, "泉州市丰泽区人民政府办公室");
	/* Table 二, every number (2019 layout, tab-separated). */
	expect_cells(s, TABLE_DISCLOSURE, DISC_RULES, "0 0 0", 43);
	expect_cells(s, TABLE_DISCLOSURE, DISC_NORMATIVE, "6 6 25", 44);
	expect_cells(s, TABLE_DISCLOSURE, DISC_LICENSING, "0 0 0", 47);
	expect_cells(s, TABLE_DISCLOSURE, DISC_OTHER_SERVICE, "0 0 0", 48);
	expect_cells(s, TABLE_DISCLOSURE, DISC_PENALTY, "0 0 0", 51);
	expect_cells(s, TABLE_DISCLOSURE, DISC_ENFORCEMENT, "0 0 0", 52);
	expect_cells(s, TABLE_DISCLOSURE, DISC_FEES, "0 0", 55);
	expect_cells(s, TABLE_DISCLOSURE, DISC_PROCUREMENT, "0 0", 59);
	/* Table 三, every number. Rows of 6 numbers leave 其他 blank. */
	expect_request(s, REQ_A, "6 3 0 0 0 0 9", 66);
	expect_request(s, REQ_B, "0 0 0 0 0 0 0", 67);
	expect_request(s, REQ_C1, "2 0 0 0 0 _ 2", 68);
	expect_request(s, REQ_C2, "4 2 0 0 0 _ 6", 69);
	expect_zero_rows(s, REQ_C3_1, REQ_C3_8);
	expect_request(s, REQ_C3_1, "0 0 0 0 0 0 0", 71);
	expect_request(s, REQ_C3_8, "0 0 0 0 0 0 0", 78);
	expect_request(s, REQ_C4_1, "0 1 0 0 0 0 1", 79);
	expect_request(s, REQ_C4_2, "0 0 0 0 0 0 0", 80);
	expect_request(s, REQ_C4_3, "0 0 0 0 0 _ 0", 83);
	for (int row = REQ_C5_1; row <= REQ_C5_5; row++)
		expect_request(s, (enum req_row)row, "0 0 0 0 0 _ 0", (uint32_t)(84 + row - REQ_C5_1));
	expect_request(s, REQ_C6, "0 0 0 0 0 _ 0", 89);
	expect_request(s, REQ_C7, "6 3 0 0 0 _ 9", 90);
	expect_request(s, REQ_D, "0 0 0 0 0 _ 0", 91);
	assert_int_equal(count_notes(s, NOTE_OTHER, "6 numbers for 7 columns"), 11);
	/* “（二）部分公开（区分的，…）” lacks 处理. */
	assert_int_equal(count_notes(s, NOTE_LABEL_DEVIATION, "区分的"), 1);
	/* Table 四, every number. */
	expect_appeals(s, "0 0 0 0 0  0 1 0 0 1  0 0 0 0 0", 98);
	assert_int_equal(count_notes(s, NOTE_MISSING_ROW, NULL), 0);
	sheet_free(s);
}

static void test_sample_huaian_2024(void **state)
{
	struct sheet *s = read_sample("huaian-2024.txt");

	(void)state;
	if (!s)
		return;
	assert_int_equal(s->year, 2024);
	assert_ptr_equal(s->layout, layout_get(LAYOUT_2021));
	assert_string_equal(s->agency, "淮安市人民政府");
	expect_cells(s, TABLE_DISCLOSURE, DISC_RULES, "1 0 11", 72);
	expect_cells(s, TABLE_DISCLOSURE, DISC_NORMATIVE, "8 26 66", 74);
	expect_cells(s, TABLE_DISCLOSURE, DISC_LICENSING, "447228", 82);
	expect_cells(s, TABLE_DISCLOSURE, DISC_PENALTY, "3985758", 94);
	expect_cells(s, TABLE_DISCLOSURE, DISC_ENFORCEMENT, "88283", 97);
	expect_cells(s, TABLE_DISCLOSURE, DISC_FEES, "96171.6", 106);
	expect_request(s, REQ_A, "3001 53 0 0 61 4 3119", 123);
	expect_request(s, REQ_B, "34 0 0 0 0 0 34", 125);
	expect_request(s, REQ_C1, "1288 21 0 0 50 3 1362", 127);
	expect_request(s, REQ_C2, "447 7 0 0 0 0 454", 130);
	expect_request(s, REQ_C3_2, "30 1 0 0 0 0 31", 137);
	expect_request(s, REQ_C3_8, "105 0 0 0 0 0 105", 154);
	expect_request(s, REQ_C4_1, "746 12 0 0 10 1 769", 156);
	expect_request(s, REQ_C4_2, "11 0 0 0 0 0 11", 161);
	expect_request(s, REQ_C5_1, "56 6 0 0 0 0 62", 167);
	expect_request(s, REQ_C5_5, "1 0 0 0 0 0 1", 176);
	expect_request(s, REQ_C6_1, "67 3 0 0 1 0 71", 182);
	expect_request(s, REQ_C6_2, "6 0 0 0 0 0 6", 188);
	expect_request(s, REQ_C6_3, "108 2 0 0 0 0 110", 192);
	expect_request(s, REQ_C7, "2932 53 0 0 61 4 3050", 194);
	expect_request(s, REQ_D, "103 0 0 0 0 0 103", 197);
	expect_appeals(s, "72 64 178 37 351  13 4 8 1 26  12 1 1 6 20", 220);
	assert_int_equal(s->n_notes, 0);
	sheet_free(s);
}

static void test_sample_hongze_2023(void **state)
{
	struct sheet *s = read_sample("hongze-2023.txt");

	(void)state;
	if (!s)
		return;
	assert_int_equal(s->year, 2023);
	assert_string_equal(s->agency, "洪泽区人民政府");
	expect_cells(s, TABLE_DISCLOSURE, DISC_NORMATIVE, "0 5 5", 50);
	expect_cells(s, TABLE_DISCLOSURE, DISC_LICENSING, "550", 59);
	expect_cells(s, TABLE_DISCLOSURE, DISC_PENALTY, "4119", 69);
	expect_cells(s, TABLE_DISCLOSURE, DISC_FEES, "7730.28", 79);
	expect_request(s, REQ_A, "21 0 0 0 0 0 21", 96);
	expect_request(s, REQ_C2, "4 0 0 0 0 0 4", 101);
	expect_request(s, REQ_C3_1, "1 0 0 0 0 0 1", 102);
	expect_request(s, REQ_C3_2, "0 0 0 0 0 0 0", 108);
	expect_request(s, REQ_C4_1, "10 0 0 0 0 0 10", 116);
	expect_request(s, REQ_C4_3, "0 0 0 0 0 0 0", 121);
	expect_request(s, REQ_C5_5, "0 0 0 0 0 0 0", 129);
	expect_request(s, REQ_C6, "0 0 0 0 0 0 0", 130);
	expect_request(s, REQ_C7, "21 0 0 0 0 0 21", 131);
	expect_request(s, REQ_D, "0 0 0 0 0 0 0", 132);
	/* 行政复议 总计 and 复议后起诉 总计 are printed 0 although their parts
	 * are not: read as printed, for the rules to flag. */
	expect_appeals(s, "10 1 0 0 0  0 0 0 0 0  5 0 0 0 0", 149);
	assert_int_equal(count_notes(s, NOTE_MIXED_LAYOUT, "（六）其他处理"), 1);
	assert_int_equal(count_notes(s, NOTE_LABEL_DEVIATION, "行政止公开"), 1);
	assert_int_equal(count_notes(s, NOTE_MISSING_ROW, NULL), 0);
	sheet_free(s);
}

static void test_sample_hongze_2024(void **state)
{
	struct sheet *s = read_sample("hongze-2024.txt");

	(void)state;
	if (!s)
		return;
	assert_int_equal(s->year, 2024);
	assert_string_equal(s->agency, "淮安市洪泽区人民政府");
	expect_cells(s, TABLE_DISCLOSURE, DISC_NORMATIVE, "3 0 8", 50);
	expect_cells(s, TABLE_DISCLOSURE, DISC_LICENSING, "9487", 59);
	expect_cells(s, TABLE_DISCLOSURE, DISC_ENFORCEMENT, "84", 72);
	expect_cells(s, TABLE_DISCLOSURE, DISC_FEES, "7545", 80);
	expect_request(s, REQ_A, "95 0 0 0 0 0 95", 95);
	expect_request(s, REQ_C1, "50 0 0 0 0 0 50", 97);
	expect_request(s, REQ_C2, "9 0 0 0 0 0 9", 100);
	expect_request(s, REQ_C3_3, "1 0 0 0 0 0 1", 108);
	expect_request(s, REQ_C4_1, "31 0 0 0 0 0 31", 115);
	expect_request(s, REQ_C4_2, "1 0 0 0 0 0 1", 118);
	expect_request(s, REQ_C6, "0 0 0 0 0 0 0", 128);
	expect_request(s, REQ_C7, "95 0 0 0 0 0 95", 129);
	expect_appeals(s, "1 1 0 0 2  1 0 0 0 1  2 0 1 0 3", 145);
	assert_int_equal(count_notes(s, NOTE_MIXED_LAYOUT, NULL), 1);
	sheet_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_label_fold_and_match),
		cmocka_unit_test(test_tab_2019),
		cmocka_unit_test(test_markdown_2021),
		cmocka_unit_test(test_pdftotext_layout),
		cmocka_unit_test(test_mixed_layout),
		cmocka_unit_test(test_run_together_recovered),
		cmocka_unit_test(test_run_together_ambiguous),
		cmocka_unit_test(test_short_row_and_unreadable_table),
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_run_together_budget),
		cmocka_unit_test(test_sample_fengze_2020),
		cmocka_unit_test(test_sample_huaian_2024),
		cmocka_unit_test(test_sample_hongze_2023),
		cmocka_unit_test(test_sample_hongze_2024),
	};
	return cmocka_run_group_tests_name("read_text", tests, NULL, NULL);
}
