/* Unit tests for web/office_export: the CSV a spreadsheet opens as the
 * user expects (Chinese right, quotes and line breaks kept, no formula
 * run), the workbook, and the download's file name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "web/office_export.h"

static const char *field(const char *text)
{
	static char out[256];
	struct buf b;

	buf_init(&b, 1 << 10);
	office_csv_text(&b, text);
	assert_false(b.failed);
	snprintf(out, sizeof(out), "%s", buf_cstr(&b));
	buf_release(&b);
	return out;
}

static void test_plain_text_is_left_alone(void **state)
{
	(void)state;
	assert_string_equal(field("明湖区发展和改革局"), "明湖区发展和改革局");
	assert_string_equal(field(""), "");
	assert_string_equal(field("2025-03-31"), "2025-03-31");
}

static void test_quotes_commas_and_line_breaks_are_quoted(void **state)
{
	(void)state;
	/* RFC 4180 2.6 and 2.7 */
	assert_string_equal(field("甲,乙"), "\"甲,乙\"");
	assert_string_equal(field("他说\"公开\""), "\"他说\"\"公开\"\"\"");
	assert_string_equal(field("第一行\n第二行"), "\"第一行\n第二行\"");
	assert_string_equal(field("a\r\nb"), "\"a\r\nb\"");
}

static void test_formulas_are_defused(void **state)
{
	(void)state;
	/* OWASP CSV Injection: = + - @ tab CR at the start get a quote mark. */
	assert_string_equal(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
	assert_string_equal(field("+1"), "\"'+1\"");
	assert_string_equal(field("-2+3"), "\"'-2+3\"");
	assert_string_equal(field("@SUM(A1)"), "\"'@SUM(A1)\"");
	assert_string_equal(field("\t=1"), "\"'\t=1\"");
	/* Only at the start. */
	assert_string_equal(field("1=1"), "1=1");
}

static void test_whole_file(void **state)
{
	static const char *const headers[] = {"机关", "收到", "备注"};
	json_t *rows = json_pack("[[s, i, s], [s, i, n], [s, f]]", "明湖区财政局", (json_int_t)12,
				 "含\"补正\"", "明湖区教育局", (json_int_t)-3, "合计", 0.5);
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 16);
	office_csv_write(&b, headers, 3, rows);
	assert_false(b.failed);
	/* The BOM first, CRLF after every record, numbers as they are (a
	 * negative count is a number, not a formula), null and missing cells
	 * empty. */
	assert_string_equal(buf_cstr(&b), "\xEF\xBB\xBF"
					  "机关,收到,备注\r\n"
					  "明湖区财政局,12,\"含\"\"补正\"\"\"\r\n"
					  "明湖区教育局,-3,\r\n"
					  "合计,0.5,\r\n");
	buf_release(&b);
	json_decref(rows);
}

static char *zip_entry(const char *path, const char *name)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	zip_stat_t st;
	zip_file_t *f;
	char *data;

	assert_non_null(z);
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	data = calloc(1, st.size + 1);
	f = zip_fopen(z, name, 0);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_close(z);
	return data;
}

static void test_workbook(void **state)
{
	static const char *const headers[] = {"机关", "按期答复率"};
	json_t *rows = json_pack("[[s, i], [s, s]]", "明湖区财政局", (json_int_t)97, "=1+1", "—");
	char path[] = "/tmp/test-office-export-XXXXXX";
	int fd = mkstemp(path);
	struct gk_errmsg m;
	char magic[2] = {0};
	char *strings, *sheet;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(office_xlsx_write(path, headers, 2, rows, &m), GK_OK);
	assert_int_equal(pread(fd, magic, 2, 0), 2);
	assert_memory_equal(magic, "PK", 2);
	close(fd);
	strings = zip_entry(path, "xl/sharedStrings.xml");
	sheet = zip_entry(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(strings, "按期答复率"));
	/* Text stays text in a workbook: no prefix, and no formula cell. */
	assert_non_null(strstr(strings, "<t>=1+1</t>"));
	assert_null(strstr(sheet, "<f>"));
	/* 97 is a number cell. */
	assert_non_null(strstr(sheet, "<v>97</v>"));
	/* The header row is frozen. */
	assert_non_null(strstr(sheet, "ySplit=\"1\""));
	free(strings);
	free(sheet);
	unlink(path);
	json_decref(rows);
}

static void test_file_name(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 1 << 16);
	assert_string_equal(office_export_disposition(&a, "统计-2025", "csv"),
			    "attachment; filename=\"2025.csv\"; "
			    "filename*=UTF-8''%E7%BB%9F%E8%AE%A1-2025.csv");
	assert_string_equal(office_export_disposition(&a, "dashboard-qu-zf-2025", "xlsx"),
			    "attachment; filename=\"dashboard-qu-zf-2025.xlsx\"; "
			    "filename*=UTF-8''dashboard-qu-zf-2025.xlsx");
	assert_string_equal(office_export_disposition(&a, "年度报告-qu-zf-2024-所属机关", "xlsx"),
			    "attachment; filename=\"qu-zf-2024.xlsx\"; "
			    "filename*=UTF-8''%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A-qu-zf-2024-"
			    "%E6%89%80%E5%B1%9E%E6%9C%BA%E5%85%B3.xlsx");
	/* Nothing ASCII left, and no quote or path in the name. */
	assert_string_equal(office_export_disposition(&a, "年报\"/..", "csv"),
			    "attachment; filename=\"export.csv\"; "
			    "filename*=UTF-8''%E5%B9%B4%E6%8A%A5%22%2F...csv");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_text_is_left_alone),
	    cmocka_unit_test(test_quotes_commas_and_line_breaks_are_quoted),
	    cmocka_unit_test(test_formulas_are_defused),
	    cmocka_unit_test(test_whole_file),
	    cmocka_unit_test(test_workbook),
	    cmocka_unit_test(test_file_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
