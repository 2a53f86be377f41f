/*
 * Unit tests for the report writers (Markdown, HTML, XLSX, JSON): sheets
 * built in code for both layouts, with blanks, a signed change and decimal
 * amounts, are written to temporary files and read back with the matching
 * reader (report_read_text, report_read_html, report_read_xlsx); every cell
 * must come back as it was, blank staying blank. Whole reports with the
 * text sections 一, 五 and 六 (consistent_sheet.h) are read back as
 * `gongkai check` reads them (report_read_file): the same cells, and no
 * finding at all, whatever numbers the texts hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "report/read.h"
#include "report/read_html.h"
#include "report/read_text.h"
#include "report/read_xlsx.h"
#include "report/rules.h"
#include "report/write_html.h"
#include "report/write_json.h"
#include "report/write_md.h"
#include "report/write_xlsx.h"
#include "consistent_sheet.h"
#include "report_fixture.h"

/* A sheet of layout id with every printed cell filled by a pattern, some blank. */
static struct sheet *make_sheet(enum layout_id id)
{
	const struct layout *l = layout_get(id);
	struct sheet *s = sheet_new();

	assert_non_null(s);
	s->year = id == LAYOUT_2019 ? 2019 : 2022;
	s->layout = l;
	assert_int_equal(sheet_set_agency(s, STR_LIT("示例市人民政府")), GK_OK);
	for (size_t i = 0; i < l->n_requests; i++) {
		const struct layout_row *r = &l->requests[i];

		for (int c = 0; r->kind == LAYOUT_ROW_DATA && c < REQ_COL_COUNT; c++)
			if ((r->row + c) % 5)
				sheet_set_count(s, TABLE_REQUESTS, r->row, c, (r->row * 7 + c) % 13, 0);
	}
	for (int r = 0; r < APPEAL_ROW_COUNT; r++)
		for (int c = 0; c < APPEAL_COL_COUNT; c++)
			if ((r + c) % 4)
				sheet_set_count(s, TABLE_APPEALS, r, c, r * 5 + c, 0);
	for (size_t i = 0; i < l->n_disclosure; i++) {
		const struct layout_disc_row *d = &l->disclosure[i];

		for (size_t c = 0; c < d->block->n_columns; c++) {
			struct sheet_num n = sheet_num_int((int64_t)(i * 3 + c + 1));

			if ((i + c) % 4 == 3)
				continue; /* blank */
			if (d->block->columns[c].kind == VALUE_SIGNED)
				n.mant = -417;
			else if (d->block->columns[c].kind == VALUE_AMOUNT)
				n = (struct sheet_num){773028, 2}; /* 7730.28 万元 */
			sheet_set_number(s, TABLE_DISCLOSURE, d->row, (int)c, n, 0);
		}
	}
	/* A decimal that prints a trailing zero in a second amount cell. */
	if (id == LAYOUT_2019)
		sheet_set_number(s, TABLE_DISCLOSURE, DISC_PROCUREMENT, 1,
				 (struct sheet_num){2510005, 1}, 0);
	return s;
}

/*
 * Every cell of both sheets agrees: blank with blank, numbers equal (with
 * the same printed decimals when exact_scale).
 */
static void assert_same_cells(const struct sheet *want, const struct sheet *got,
			      bool exact_scale)
{
	static const int rows[TABLE_COUNT] = {DISC_ROW_COUNT, REQ_ROW_COUNT, APPEAL_ROW_COUNT};
	static const int cols[TABLE_COUNT] = {DISC_COL_MAX, REQ_COL_COUNT, APPEAL_COL_COUNT};

	for (int t = 0; t < TABLE_COUNT; t++)
		for (int r = 0; r < rows[t]; r++)
			for (int c = 0; c < cols[t]; c++) {
				const struct sheet_cell *a = sheet_cell_const(want, t, r, c);
				const struct sheet_cell *b = sheet_cell_const(got, t, r, c);

				if (a->state != b->state ||
				    (a->state == CELL_NUMBER &&
				     (sheet_num_cmp(a->num, b->num) != 0 ||
				      (exact_scale && a->num.scale != b->num.scale))))
					fail_msg("table %s row %d col %d: state %d/%d, %lld/10^%d "
						 "read back as %lld/10^%d",
						 layout_table_name(t), r, c, (int)a->state,
						 (int)b->state, (long long)a->num.mant, a->num.scale,
						 (long long)b->num.mant, b->num.scale);
			}
	assert_int_equal(got->year, want->year);
	assert_ptr_equal(got->layout, want->layout);
	assert_string_equal(got->agency, want->agency);
	for (int t = 0; t < TABLE_COUNT; t++)
		assert_true(got->has_table[t]);
}

enum format { MARKDOWN, HTML, XLSX, JSON };

/* Write s in format f to a new temporary file; path gets its name. */
static void write_temp(const struct sheet *s, enum format f, char path[32])
{
	int fd;
	FILE *out;
	struct gk_errmsg m = {{0}};
	enum gk_err err;
	json_t *o = NULL;

	snprintf(path, 32, "/tmp/gk-writers-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	out = fdopen(fd, "wb");
	assert_non_null(out);
	if (f == MARKDOWN)
		err = report_write_md(s, out, &m);
	else if (f == HTML)
		err = report_write_html(s, out, &m);
	else if (f == XLSX)
		err = report_write_xlsx(s, path, &m);
	else {
		o = report_json_object(s, path, NULL);
		assert_non_null(o);
		err = report_json_dump(o, out, &m);
		json_decref(o);
	}
	fclose(out);
	if (err)
		fail_msg("write: %s", m.text);
}

/* Fail, listing them, when the sheet carries reader notes. */
static void assert_no_notes(const struct sheet *back)
{
	for (size_t i = 0; i < back->n_notes; i++)
		print_message("note (line %u): %s\n", back->notes[i].line, back->notes[i].text);
	assert_int_equal(back->n_notes, 0);
}

/* Write s in format f to a temporary file and read it back. */
static struct sheet *round_trip(const struct sheet *s, enum format f)
{
	char path[32];
	struct gk_errmsg m = {{0}};
	struct sheet *back = sheet_new();
	char *bytes;
	size_t len;
	enum gk_err err;

	write_temp(s, f, path);
	bytes = fixture_load(path, &len);
	if (f == MARKDOWN)
		err = report_read_text((struct str){bytes, len}, path, back, &m);
	else if (f == HTML)
		err = report_read_html((struct str){bytes, len}, path, back, &m);
	else
		err = report_read_xlsx((struct str){bytes, len}, path, back, &m);
	if (err)
		fail_msg("read back: %s", m.text);
	assert_no_notes(back);
	free(bytes);
	unlink(path);
	return back;
}

static void check_round_trip(enum layout_id id, enum format f)
{
	struct sheet *s = make_sheet(id);
	struct sheet *back = round_trip(s, f);

	struct findings before = {0}, after = {0};

	/* XLSX stores numbers as numbers: 5.0 comes back as 5. */
	assert_same_cells(s, back, f != XLSX);
	/* write -> check: the checker sees in what was written exactly what it
	 * sees in the sheet itself (this sheet's numbers are arbitrary, so it
	 * has errors of its own; the writers add and hide none). */
	assert_int_equal(rules_check(s, &before), GK_OK);
	assert_int_equal(rules_check(back, &after), GK_OK);
	assert_int_equal(after.errors, before.errors);
	assert_int_equal(after.warnings, before.warnings);
	for (size_t i = 0; i < before.n; i++)
		assert_string_equal(after.items[i].message, before.items[i].message);
	findings_release(&before);
	findings_release(&after);
	sheet_free(back);
	sheet_free(s);
}

static void test_markdown_2019(void **state)
{
	(void)state;
	check_round_trip(LAYOUT_2019, MARKDOWN);
}

static void test_markdown_2021(void **state)
{
	(void)state;
	check_round_trip(LAYOUT_2021, MARKDOWN);
}

static void test_html_2019(void **state)
{
	(void)state;
	check_round_trip(LAYOUT_2019, HTML);
}

static void test_html_2021(void **state)
{
	(void)state;
	check_round_trip(LAYOUT_2021, HTML);
}

static void test_xlsx_2019(void **state)
{
	(void)state;
	check_round_trip(LAYOUT_2019, XLSX);
}

static void test_xlsx_2021(void **state)
{
	(void)state;
	check_round_trip(LAYOUT_2021, XLSX);
}

/*
 * A whole report with its texts, written in format f and read back as
 * `gongkai check` reads a file (the dispatch of read.h): no note, no
 * finding (errors and warnings), the same cells; the JSON reader also
 * gives the texts back, the others leave them out.
 */
static void check_whole_report(struct sheet *s, enum format f)
{
	struct sheet *back;
	struct findings want = {0}, got = {0};
	struct gk_errmsg m = {{0}};
	char path[32];

	assert_int_equal(rules_check(s, &want), GK_OK);
	assert_int_equal(want.n, 0);
	write_temp(s, f, path);
	if (report_read_file(path, NULL, &back, &m))
		fail_msg("read back: %s", m.text);
	assert_no_notes(back);
	assert_int_equal(rules_check(back, &got), GK_OK);
	for (size_t i = 0; i < got.n; i++)
		print_message("finding: %s %s\n", got.items[i].rule, got.items[i].message);
	assert_int_equal(got.n, 0);
	/* XLSX and JSON store numbers as numbers: the tests' decimals have no trailing zero. */
	assert_same_cells(s, back, f != XLSX && f != JSON);
	for (int i = 0; i < SECTION_COUNT; i++) {
		if (f == JSON)
			assert_string_equal(back->sections[i], s->sections[i]);
		else
			assert_null(back->sections[i]);
	}
	findings_release(&want);
	findings_release(&got);
	sheet_free(back);
	sheet_free(s);
	unlink(path);
}

static void test_whole_markdown(void **state)
{
	(void)state;
	check_whole_report(consistent_sheet(LAYOUT_2019), MARKDOWN);
	check_whole_report(consistent_sheet(LAYOUT_2021), MARKDOWN);
}

static void test_whole_html(void **state)
{
	(void)state;
	check_whole_report(consistent_sheet(LAYOUT_2019), HTML);
	check_whole_report(consistent_sheet(LAYOUT_2021), HTML);
}

static void test_whole_xlsx(void **state)
{
	(void)state;
	check_whole_report(consistent_sheet(LAYOUT_2019), XLSX);
	check_whole_report(consistent_sheet(LAYOUT_2021), XLSX);
}

static void test_whole_json(void **state)
{
	(void)state;
	check_whole_report(consistent_sheet(LAYOUT_2019), JSON);
	check_whole_report(consistent_sheet(LAYOUT_2021), JSON);
}

/*
 * Paragraphs that read like a table heading to the text reader (short,
 * naming a table), each followed by one that ends in numbers as a table
 * row does, and paragraphs of numbers alone: still no finding.
 */
static void test_heading_like_paragraphs(void **state)
{
	static const char text[] =
		"（一）主动公开政府信息情况\n\n行政许可 12\n\n"
		"（二）收到和处理政府信息公开申请情况\n\n本年度共收到申请35件，部分公开 3\n\n"
		"（四）行政复议、行政诉讼情况\n\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 1\n\n无\n\n—\n\n"
		"第二十条第（一）项\n\n规章 0 0 3\n\n2023";
	static const enum format formats[] = {MARKDOWN, HTML, XLSX, JSON};

	(void)state;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct sheet *s = consistent_sheet(LAYOUT_2021);

		assert_int_equal(sheet_set_section(s, SECTION_OVERVIEW, STR_LIT(text)), GK_OK);
		assert_int_equal(sheet_set_section(s, SECTION_OTHER, STR_LIT(text)), GK_OK);
		check_whole_report(s, formats[i]);
	}
}

/* Write s as HTML or Markdown into memory (a NUL-terminated malloc'd string). */
static char *text_of(const struct sheet *s, enum format f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct gk_errmsg m = {{0}};

	assert_non_null(out);
	assert_int_equal(f == HTML ? report_write_html(s, out, &m) : report_write_md(s, out, &m),
			 GK_OK);
	fclose(out);
	return text;
}

/* The official geometry of legal-facts §1.6–1.7, and escaping in HTML and Markdown. */
static void test_html_official_layout(void **state)
{
	struct sheet *s19 = make_sheet(LAYOUT_2019), *s21 = make_sheet(LAYOUT_2021);
	char *h19, *h21, *md;

	(void)state;
	assert_int_equal(sheet_set_agency(s21, STR_LIT("示例市<测试>&人民政府")), GK_OK);
	h19 = text_of(s19, HTML);
	h21 = text_of(s21, HTML);
	md = text_of(s21, MARKDOWN);
	assert_non_null(strstr(h19, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(h19, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(h19, "<td rowspan=\"20\">三、本年度办理结果</td>"));
	assert_non_null(strstr(h21, "<td rowspan=\"22\">三、本年度办理结果</td>"));
	assert_non_null(strstr(h19, "<td rowspan=\"8\">（三）不予公开</td>"));
	assert_non_null(strstr(h19, "<td colspan=\"2\">（六）其他处理</td>"));
	assert_non_null(strstr(h21, "<td rowspan=\"3\">（六）其他处理</td>"));
	assert_non_null(strstr(h21, "<th rowspan=\"3\" colspan=\"3\">（本列数据的勾稽关系为："));
	assert_non_null(strstr(h21, "<th colspan=\"5\">法人或其他组织</th>"));
	assert_non_null(strstr(h21, "<th colspan=\"10\">行政诉讼</th>"));
	assert_non_null(strstr(h21, "<th colspan=\"3\">本年处理决定数量</th>"));
	assert_non_null(strstr(h21, "<td colspan=\"3\" class=\"num\">7730.28</td>"));
	/* The agency's name is text, never markup. */
	assert_non_null(strstr(h21, "示例市&lt;测试&gt;&amp;人民政府"));
	assert_null(strstr(h21, "<测试>"));
	assert_non_null(strstr(md, "# 示例市\\<测试\\>\\&人民政府2022年"));
	free(md);
	free(h19);
	free(h21);
	sheet_free(s19);
	sheet_free(s21);
}

/* Section texts are text: escaped, block markers neutralised, in the order 一, 二–四, 五, 六. */
static void test_section_markup(void **state)
{
	struct sheet *s = make_sheet(LAYOUT_2021);
	char *html, *md;

	(void)state;
	assert_int_equal(sheet_set_section(s, SECTION_OVERVIEW,
					   STR_LIT("# 标题<script>&\n\n1. 第一项\n\n- 列表\n"
						   "第二行\n\n\u3000\u3000 \n\n| 竖线 |")),
			 GK_OK);
	assert_int_equal(sheet_set_section(s, SECTION_OTHER, STR_LIT("收费金额 0")), GK_OK);
	html = text_of(s, HTML);
	md = text_of(s, MARKDOWN);
	assert_non_null(strstr(html, "<h2>一、总体情况</h2>\n<p># 标题&lt;script&gt;&amp;</p>\n"
				     "<p>1. 第一项</p>\n<p>- 列表\n第二行</p>\n<p>| 竖线 |</p>\n"
				     "<h2>二、主动公开政府信息情况</h2>"));
	assert_non_null(strstr(html, "</table>\n<h2>五、存在的主要问题及改进情况</h2>\n"
				     "<h2>六、其他需要报告的事项</h2>\n<p>收费金额 0</p>\n</body>"));
	assert_non_null(strstr(md, "## 一、总体情况\n\n\\# 标题\\<script\\>\\&\n\n"
				   "1\\. 第一项\n\n\\- 列表 第二行\n\n\\| 竖线 \\|\n\n"
				   "## 二、主动公开政府信息情况"));
	assert_non_null(strstr(md, "## 五、存在的主要问题及改进情况\n\n## 六、其他需要报告的事项\n\n"
				   "收费金额 &#x30;\n\n"));
	free(html);
	free(md);
	sheet_free(s);
}

static void test_unknown_layout_refused(void **state)
{
	struct sheet *s = sheet_new();
	struct gk_errmsg m = {{0}};

	(void)state;
	assert_int_equal(report_write_html(s, stdout, &m), GK_EINVAL);
	assert_int_equal(report_write_md(s, stdout, &m), GK_EINVAL);
	assert_int_equal(report_write_xlsx(s, "/nonexistent/x.xlsx", &m), GK_EINVAL);
	s->year = 2023;
	assert_int_equal(report_write_xlsx(s, "/nonexistent/dir/x.xlsx", &m), GK_EIO);
	assert_non_null(strstr(m.text, "/nonexistent/dir/x.xlsx"));
	sheet_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_2019),	cmocka_unit_test(test_markdown_2021),
		cmocka_unit_test(test_html_2019),	cmocka_unit_test(test_html_2021),
		cmocka_unit_test(test_xlsx_2019),	cmocka_unit_test(test_xlsx_2021),
		cmocka_unit_test(test_whole_markdown),	cmocka_unit_test(test_whole_html),
		cmocka_unit_test(test_whole_xlsx),	cmocka_unit_test(test_whole_json),
		cmocka_unit_test(test_heading_like_paragraphs),
		cmocka_unit_test(test_section_markup),
		cmocka_unit_test(test_html_official_layout),
		cmocka_unit_test(test_unknown_layout_refused),
	};
	return cmocka_run_group_tests_name("report_writers", tests, NULL, NULL);
}
