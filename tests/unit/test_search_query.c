/*
 * Unit tests for store/search_query.c and the cjk_bigram tokenizer: the
 * FTS5 expression made from what a person types (terms, phrases, OR,
 * exclusion, separators, limits), injection attempts, and every accepted
 * expression run by FTS5 itself without a syntax error; the tokens and
 * offsets the tokenizer gives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/fts_bigram.h"
#include "store/search_query.h"
#include "store/store.h"

/* An FTS5 table with the tokenizer, in memory, to run expressions on. */
static sqlite3 *db;

static int setup(void **state)
{
	(void)state;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || bigram_register(db) != SQLITE_OK)
		return -1;
	return sqlite3_exec(db,
			    "CREATE VIRTUAL TABLE t USING fts5(title, body, tags,"
			    " tokenize='cjk_bigram');"
			    "INSERT INTO t VALUES ('政府信息公开', 'title:x NEAR 2024', 'doc');",
			    NULL, NULL, NULL);
}

static int teardown(void **state)
{
	(void)state;
	sqlite3_close(db);
	return 0;
}

/* FTS5 must accept the expression, restricted to two columns as the store
 * does; returns the rows it matched. */
static int run_match(const char *expr)
{
	char match[4096];
	sqlite3_stmt *st;
	int rc, rows = 0;

	snprintf(match, sizeof(match), "{title body} : (%s)", expr);
	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rows++;
	if (rc != SQLITE_DONE)
		fail_msg("%s: %s", match, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rows;
}

static void expect_len(const char *text, size_t len, const char *want)
{
	struct buf out;
	struct gk_errmsg m;

	buf_init(&out, 1 << 16);
	if (search_query_parse((struct str){text, len}, &out, &m) != GK_OK)
		fail_msg("%s: %s", text, m.text);
	assert_string_equal(buf_cstr(&out), want);
	run_match(want);
	buf_release(&out);
}

static void expect(const char *text, const char *want)
{
	expect_len(text, strlen(text), want);
}

static void refused(const char *text, const char *msg)
{
	struct buf out;
	struct gk_errmsg m;

	buf_init(&out, 1 << 16);
	assert_int_equal(search_query_parse(str_from_cstr(text), &out, &m), GK_EINVAL);
	if (!strstr(m.text, msg))
		fail_msg("%s: '%s' lacks '%s'", text, m.text, msg);
	buf_release(&out);
}

static void test_terms_and_operators(void **state)
{
	(void)state;
	expect("公开", "\"公开\"");
	expect("  预算 决算 ", "\"预算\" AND \"决算\"");
	expect("预算　决算", "\"预算\" AND \"决算\""); /* U+3000 */
	expect("预算\t决算\n", "\"预算\" AND \"决算\"");
	expect("预算 AND 决算", "\"预算\" AND \"决算\"");
	expect("预算 OR 决算 2024", "(\"预算\" OR \"决算\") AND \"2024\"");
	expect("a OR b OR c", "(\"a\" OR \"b\" OR \"c\")");
	expect("OR a", "\"a\"");
	expect("a OR", "\"a\"");
	expect("a OR OR b", "(\"a\" OR \"b\")");
	/* Lower-case words are words. */
	expect("a or b and c not d", "\"a\" AND \"or\" AND \"b\" AND \"and\" AND \"c\" AND \"not\""
				     " AND \"d\"");
	expect("公开 -预算", "\"公开\" NOT \"预算\"");
	expect("公开 NOT 预算 －决算", "\"公开\" NOT (\"预算\" OR \"决算\")");
	expect("-预算 公开", "\"公开\" NOT \"预算\"");
	/* An OR next to an exclusion joins nothing. */
	expect("a OR -b c", "\"a\" AND \"c\" NOT \"b\"");
	expect("a -b OR c", "\"a\" AND \"c\" NOT \"b\"");
	/* A minus alone or inside a term is punctuation. */
	expect("a - b", "\"a\" AND \"b\"");
	expect("covid-19", "\"covid-19\"");
	/* A dropped term takes its operators along. */
	expect("a OR * b", "\"a\" AND \"b\"");
	expect("a NOT * b", "\"a\" AND \"b\"");
}

static void test_phrases(void **state)
{
	(void)state;
	expect("\"信息 公开\"", "\"信息 公开\"");
	expect("“信息公开” 指南", "\"信息公开\" AND \"指南\"");
	expect("＂信息公开＂", "\"信息公开\"");
	expect("-\"征求 意见\" 草案", "\"草案\" NOT \"征求 意见\"");
	expect("\"OR\" a", "\"OR\" AND \"a\"");
	expect("\"NOT\"", "\"NOT\"");
	/* Unclosed: to the end. */
	expect("\"abc def", "\"abc def\"");
	expect("a\"b", "\"a\" AND \"b\"");
	expect("\"\" x", "\"x\"");
}

static void test_injection_is_text(void **state)
{
	(void)state;
	expect("title:x", "\"title:x\"");
	assert_int_equal(run_match("\"title:x\""), 1); /* the phrase title x, in the body */
	expect("NEAR(a b)", "\"NEAR(a\" AND \"b)\"");
	expect("NEAR(公开, 政府)", "\"NEAR(公开,\" AND \"政府)\"");
	expect("a*", "\"a*\"");
	expect("^a", "\"^a\"");
	expect("{tags}:doc", "\"{tags}:doc\"");
	assert_int_equal(run_match("\"{tags}:doc\""), 0);
	expect("tags : doc", "\"tags\" AND \"doc\"");
	expect("a) OR (b", "(\"a)\" OR \"(b\")");
	expect("\"a\"\"b\"", "\"a\" AND \"b\"");
	expect("x\" OR \"y", "\"x\" AND \" OR \" AND \"y\"");
	refused("*", "no searchable term");
	refused("^", "no searchable term");
	refused("\"", "no searchable term");
	refused("\"\"\"", "no searchable term");
	expect("NEAR()", "\"NEAR()\""); /* the word near */
	refused("( ) : * ^ + -", "no searchable term");
}

static void test_refusals(void **state)
{
	char *big = malloc(10001);
	char exact[STORE_QUERY_MAX + 1];

	(void)state;
	assert_non_null(big);
	refused("", "no searchable term");
	refused("   　", "no searchable term");
	refused("-公开", "no searchable term");
	refused("NOT 公开 -预算", "no searchable term");
	refused("OR AND NOT", "no searchable term");
	refused("。，、！？", "no searchable term");
	refused("\xff\xfe", "not valid UTF-8 at byte 0");
	refused("公开\xe5\x85", "not valid UTF-8 at byte 6");
	memset(big, 'x', 10000);
	big[10000] = 0;
	refused(big, "10000 bytes; at most 200 bytes");
	memset(exact, 'y', STORE_QUERY_MAX);
	exact[STORE_QUERY_MAX] = 0;
	{
		struct buf out;
		struct gk_errmsg m;

		buf_init(&out, 1 << 16);
		assert_int_equal(search_query_parse(str_from_cstr(exact), &out, &m), GK_OK);
		buf_release(&out);
	}
	/* NUL and control characters separate (a NUL would cut the SQL text). */
	expect_len("a\0b", 3, "\"a\" AND \"b\"");
	expect("a\x01"
	       "b",
	       "\"a\" AND \"b\"");
	expect_len("\"a\0b\"", 5, "\"a b\""); /* found by fuzz_search_query */
	free(big);
}

/* --- The tokenizer --------------------------------------------------------- */

struct tokens {
	char text[1024];
};

static int add_token(void *ctx, int tflags, const char *token, int ntoken, int start, int end)
{
	struct tokens *t = ctx;
	size_t len = strlen(t->text);

	snprintf(t->text + len, sizeof(t->text) - len, "%s%.*s@%d-%d",
		 len ? (tflags & FTS5_TOKEN_COLOCATED ? "+" : " ") : "", ntoken, token, start, end);
	return 0;
}

static void tokens(int flags, const char *text, const char *want)
{
	struct tokens t = {{0}};

	assert_int_equal(bigram_tokenize(flags, text, (int)strlen(text), add_token, &t), SQLITE_OK);
	assert_string_equal(t.text, want);
}

static void test_tokenizer(void **state)
{
	(void)state;
	/* Bigrams with each character colocated; the last one too. */
	tokens(FTS5_TOKENIZE_DOCUMENT, "信息公开",
	       "信息@0-6+信@0-3 息公@3-9+息@3-6 公开@6-12+公@6-9+开@9-12");
	tokens(FTS5_TOKENIZE_QUERY, "信息公开", "信息@0-6 息公@3-9 公开@6-12");
	/* A lone character is a token of its own, in both modes. */
	tokens(FTS5_TOKENIZE_DOCUMENT, "税", "税@0-3");
	tokens(FTS5_TOKENIZE_QUERY, "第3号", "第@0-3 3@3-4 号@4-7");
	/* Words fold; offsets stay those of the original bytes. */
	tokens(FTS5_TOKENIZE_DOCUMENT, "ＡＢＣ１２３ Budget", "abc123@0-18 budget@19-25");
	tokens(FTS5_TOKENIZE_DOCUMENT, "Ｅ́cole", "école@0-9");
	/* Punctuation and invalid bytes separate. */
	tokens(FTS5_TOKENIZE_DOCUMENT,
	       "公开，预算\xff"
	       "2024年",
	       "公开@0-6+公@0-3+开@3-6 预算@9-15+预@9-12+算@12-15 2024@16-20 年@20-23");
	/* Compatibility ideographs fold to the unified ones (U+F900 豈). */
	tokens(FTS5_TOKENIZE_QUERY, "\xef\xa4\x80", "豈@0-3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_terms_and_operators), cmocka_unit_test(test_phrases),
	    cmocka_unit_test(test_injection_is_text),	cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_tokenizer),
	};
	return cmocka_run_group_tests_name("search_query", tests, setup, teardown);
}
