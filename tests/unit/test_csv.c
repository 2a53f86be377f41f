/* Unit tests for base/csv: RFC 4180 records, positions, and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/csv.h"

#include "base/banned.h"

/* A literal with its length, so that embedded NUL bytes count. */
#define LIT(s) (s), sizeof(s) - 1

/*
 * Read every record of data into *dump as "LINE:field|field|...\n" and
 * return the error of the last csv_next(). Checks on the way that every
 * field is NUL-terminated and that record lines never go backwards.
 */
static enum gk_err read_all(const char *data, size_t len, struct buf *dump, struct gk_errmsg *m)
{
	struct csv_reader r;
	struct csv_record *rec = malloc(sizeof(*rec));
	uint32_t last_line = 0;
	enum gk_err err;

	assert_non_null(rec);
	buf_init(dump, 64u << 20);
	m->text[0] = '\0';
	csv_init(&r, data, len);
	while ((err = csv_next(&r, rec, m)) == GK_OK && rec->n_fields) {
		assert_true(rec->line > last_line);
		last_line = rec->line;
		buf_printf(dump, "%u:", (unsigned)rec->line);
		for (size_t i = 0; i < rec->n_fields; i++) {
			assert_int_equal(rec->fields[i].ptr[rec->fields[i].len], '\0');
			if (i)
				buf_putc(dump, '|');
			buf_append(dump, rec->fields[i].ptr, rec->fields[i].len);
		}
		buf_putc(dump, '\n');
	}
	if (err == GK_OK) { /* the end stays the end */
		assert_int_equal(csv_next(&r, rec, m), GK_OK);
		assert_int_equal(rec->n_fields, 0);
	}
	csv_release(&r);
	free(rec);
	assert_false(dump->failed);
	return err;
}

static void expect_records(const char *data, size_t len, const char *want)
{
	struct buf dump;
	struct gk_errmsg m;
	enum gk_err err = read_all(data, len, &dump, &m);

	if (err)
		fail_msg("unexpected refusal: %s", m.text);
	assert_string_equal(buf_cstr(&dump), want);
	buf_release(&dump);
}

/* The input must be refused with a message holding where and what. */
static void expect_refusal(const char *data, size_t len, const char *where, const char *what)
{
	struct buf dump;
	struct gk_errmsg m;
	enum gk_err err = read_all(data, len, &dump, &m);

	buf_release(&dump);
	assert_int_equal(err, GK_EINVAL);
	if (strncmp(m.text, where, strlen(where)) != 0 || !strstr(m.text, what))
		fail_msg("want \"%s ... %s\", got \"%s\"", where, what, m.text);
}

static void test_plain(void **state)
{
	(void)state;
	expect_records(LIT("a,b,c\nd,e,f\n"), "1:a|b|c\n2:d|e|f\n");
	expect_records(LIT("one\n"), "1:one\n");
	expect_records(LIT(" spaced , kept \n"), "1: spaced | kept \n");
}

static void test_quoted(void **state)
{
	(void)state;
	expect_records(LIT("id,body\n"
			   "1,\"x, y\"\n"
			   "2,\"say \"\"hi\"\"\"\n"
			   "3,\"line1\nline2\nline3\"\n"
			   "4,\"a\r\nb\"\n"
			   "5,end\n"),
		       "1:id|body\n"
		       "2:1|x, y\n"
		       "3:2|say \"hi\"\n"
		       "4:3|line1\nline2\nline3\n"
		       "7:4|a\r\nb\n"
		       "9:5|end\n");
	expect_records(LIT("\"\"\"\"\n\"\"\n\"a\",\"\"\n"), "1:\"\n2:\n3:a|\n");
	expect_records(LIT("\"\n\n\"\nnext\n"), "1:\n\n\n4:next\n");
}

static void test_crlf(void **state)
{
	(void)state;
	expect_records(LIT("a,b\r\nc,d\r\n"), "1:a|b\n2:c|d\n");
	expect_records(LIT("\"q\"\r\n\"r\",s\r\n"), "1:q\n2:r|s\n");
	expect_records(LIT("a\r\n\"x\r\ny\"\r\nb\r\n"), "1:a\n2:x\r\ny\n4:b\n");
}

static void test_bom(void **state)
{
	(void)state;
	expect_records(LIT("\xEF\xBB\xBFname,ref\nx,y\n"), "1:name|ref\n2:x|y\n");
	expect_records(LIT("\xEF\xBB\xBF\"q\"\n"), "1:q\n");
	expect_records(LIT("\xEF\xBB\xBF"), "");
	/* only the first three bytes of the file are a BOM; later it is text */
	expect_records(LIT("a\n\xEF\xBB\xBF"
			   "b\n"),
		       "1:a\n2:\xEF\xBB\xBF"
		       "b\n");
}

static void test_last_record_without_newline(void **state)
{
	(void)state;
	expect_records(LIT("a,b\nc,d"), "1:a|b\n2:c|d\n");
	expect_records(LIT("a\n\"x\ny\""), "1:a\n2:x\ny\n");
	expect_records(LIT("x"), "1:x\n");
}

static void test_empty_fields(void **state)
{
	(void)state;
	expect_records(LIT("a,,c\n"), "1:a||c\n");
	expect_records(LIT("a,b,\n"), "1:a|b|\n");
	expect_records(LIT("a,b,"), "1:a|b|\n");
	expect_records(LIT(",\n"), "1:|\n");
	expect_records(LIT(",,\r\n"), "1:||\n");
}

static void test_empty_lines_skipped(void **state)
{
	(void)state;
	expect_records(LIT("\n\na,b\n\r\n\nc\n\n"), "3:a|b\n6:c\n");
	expect_records(LIT(""), "");
	expect_records(LIT("\n\r\n\n"), "");
}

static void test_chinese(void **state)
{
	(void)state;
	expect_records(LIT("申请编号,申请人,收到日期,内容\n"
			   "GK-2026-001,张三,2026-03-02,\"请公开2025年“三公”经费，含明细\"\n"
			   "GK-2026-002,李四,2026-03-05,𠀀𪚥\n"),
		       "1:申请编号|申请人|收到日期|内容\n"
		       "2:GK-2026-001|张三|2026-03-02|请公开2025年“三公”经费，含明细\n"
		       "3:GK-2026-002|李四|2026-03-05|𠀀𪚥\n");
	/* the largest code point, U+10FFFF, and U+FFFF are well formed */
	expect_records(LIT("\xF4\x8F\xBF\xBF,\xEF\xBF\xBF\n"), "1:\xF4\x8F\xBF\xBF|\xEF\xBF\xBF\n");
}

/* Records wider than the first scratch allocation keep right pointers. */
static void test_scratch_growth(void **state)
{
	size_t n = 3 * 5001 + 2;
	char *data = malloc(n), *want = malloc(n + 4);

	(void)state;
	assert_non_null(data);
	assert_non_null(want);
	for (size_t f = 0; f < 3; f++) {
		memset(data + f * 5002, 'a' + (int)f, 5001);
		if (f < 2)
			data[f * 5002 + 5001] = ',';
	}
	memcpy(want, "1:", 2);
	memcpy(want + 2, data, n);
	for (size_t i = 2; i < n + 2; i++)
		if (want[i] == ',')
			want[i] = '|';
	memcpy(want + n + 2, "\n", 2);
	expect_records(data, n, want);
	free(data);
	free(want);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	expect_refusal(LIT("a,b\nc,\xC0\xAF\n"), "line 2, column 2:", "overlong");
	expect_refusal(LIT("\xE0\x80\xAF\n"), "line 1, column 1:", "overlong");
	expect_refusal(LIT("x,\xF0\x80\x80\xAF"), "line 1, column 2:", "overlong");
	expect_refusal(LIT("a,\xED\xA0\x80\n"), "line 1, column 2:", "surrogate");
	expect_refusal(LIT("\"\xED\xBF\xBF\"\n"), "line 1, column 1:", "surrogate");
	expect_refusal(LIT("\xF4\x90\x80\x80"), "line 1, column 1:", "beyond U+10FFFF");
	expect_refusal(LIT("ok\n\xF5\x80\x80\x80"), "line 2, column 1:", "never occurs");
	expect_refusal(LIT("\xE4\xB8,x\n"), "line 1, column 1:", "truncated");
	expect_refusal(LIT("a,b,\xE4\xB8"), "line 1, column 3:", "truncated");
	expect_refusal(LIT("a,\xF0\x9F\x98"), "line 1, column 2:", "truncated");
	expect_refusal(LIT("a,\x80\n"), "line 1, column 2:", "continuation byte");
	/* GBK text ("申请" in GBK) says how to convert */
	expect_refusal(LIT("\xC9\xEA\xC7\xEB\n"), "line 1, column 1:", "GBK");
	/* inside a quoted field the line is the one holding the bad byte */
	expect_refusal(LIT("h\n\"ok\nfine\n\xE4\"\n"), "line 4, column 1:", "truncated");
}

static void test_nul_byte(void **state)
{
	(void)state;
	expect_refusal(LIT("a,b\0c\n"), "line 1, column 2:", "NUL");
	expect_refusal(LIT("a\nb,\"x\ny\0\"\n"), "line 3, column 2:", "NUL");
	expect_refusal(LIT("\"x\"\0\n"), "line 1, column 1:", "NUL");
	/* UTF-16LE, as some spreadsheets write "Unicode text" */
	expect_refusal(LIT("\xFF\xFE"
			   "a\0,\0"),
		       "line 1, column 1:", "invalid UTF-8");
	expect_refusal(LIT("a\0,\0"), "line 1, column 1:", "UTF-16");
}

static void test_quote_in_unquoted_field(void **state)
{
	(void)state;
	expect_refusal(LIT("a,b\"c\n"), "line 1, column 2:", "quote inside an unquoted field");
	expect_refusal(LIT("x\ny, \"q\"\n"), "line 2, column 2:", "quote inside an unquoted field");
	expect_refusal(LIT("x\"\n"), "line 1, column 1:", "double the quotes");
}

static void test_text_after_closing_quote(void **state)
{
	(void)state;
	expect_refusal(LIT("\"a\"b,c\n"), "line 1, column 1:", "text after the closing quote");
	expect_refusal(LIT("x\n\"a\nb\" ,c\n"),
		       "line 3, column 1:", "text after the closing quote");
	expect_refusal(LIT("1,\"a\"\"\"x\n"), "line 1, column 2:", "text after the closing quote");
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	/* the message names the line where the quote opened */
	expect_refusal(LIT("a,b\nc,\"open\nmore\nstill\n"), "line 2, column 2:", "never closed");
	expect_refusal(LIT("\""), "line 1, column 1:", "never closed");
	expect_refusal(LIT("\"a\"\"\n"), "line 1, column 1:", "never closed");
}

static void test_lone_carriage_return(void **state)
{
	(void)state;
	expect_refusal(LIT("a,b\rc\n"), "line 1, column 2:", "carriage return");
	expect_refusal(LIT("a\rb\rc\r"), "line 1, column 1:", "LF or CRLF");
	expect_refusal(LIT("\"a\"\r"), "line 1, column 1:", "carriage return");
	/* inside quotes a CR is text */
	expect_records(LIT("\"a\rb\"\n"), "1:a\rb\n");
}

static void test_too_many_fields(void **state)
{
	char data[2 * (CSV_FIELDS_MAX + 1) + 8];
	size_t n = 0;

	(void)state;
	memcpy(data, "h\n", 2);
	n = 2;
	for (int i = 0; i < CSV_FIELDS_MAX; i++) {
		data[n++] = 'x';
		data[n++] = i + 1 < CSV_FIELDS_MAX ? ',' : '\n';
	}
	{
		struct buf dump;
		struct gk_errmsg m;

		assert_int_equal(read_all(data, n, &dump, &m), GK_OK);
		buf_release(&dump);
	}
	data[n - 1] = ',';
	data[n++] = 'y';
	expect_refusal(data, n, "line 2, column 257:", "at most 256 fields");
	/* a trailing comma also starts field 257 */
	expect_refusal(data, n - 1, "line 2, column 257:", "more than 256 fields");
}

static void test_field_too_long(void **state)
{
	size_t max = CSV_FIELD_MAX;
	char *data = malloc(max + 16);
	struct buf dump;
	struct gk_errmsg m;

	(void)state;
	assert_non_null(data);
	/* exactly CSV_FIELD_MAX bytes is allowed, quoted or not */
	memcpy(data, "a,", 2);
	memset(data + 2, 'x', max);
	assert_int_equal(read_all(data, max + 2, &dump, &m), GK_OK);
	assert_int_equal(dump.len, 2 + 2 + max + 1);
	buf_release(&dump);
	data[2] = '"';
	memset(data + 3, 'x', max);
	data[max + 3] = '"';
	assert_int_equal(read_all(data, max + 4, &dump, &m), GK_OK);
	buf_release(&dump);

	/* one byte more is refused */
	memset(data + 2, 'x', max + 1);
	expect_refusal(data, max + 3, "line 1, column 2:", "longer than 16777216 bytes");
	/* quoted, the doubled quote is the byte too many; the line is where it opened */
	memcpy(data, "a\n\"", 3);
	memset(data + 3, 'x', max - 1);
	memcpy(data + 3 + max - 1, "\"\"\"\"\"\n", 6);
	expect_refusal(data, max + 8, "line 2, column 1:", "16 MiB");
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_last_record_without_newline),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_empty_lines_skipped),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_scratch_growth),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_quote_in_unquoted_field),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_lone_carriage_return),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_field_too_long),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
