/*
 * libFuzzer target for the cjk_bigram tokenizer: any bytes as a document's
 * text and as a query, directly through bigram_tokenize. Each token must
 * lie within the input, cover valid UTF-8 only (so snippet() never cuts a
 * character), be non-empty and at most BIGRAM_KEY_MAX bytes; the first
 * token is never colocated; starts never go backwards. Then the same text
 * goes through FTS5 in a memory database (insert, a query for its first
 * token, highlight()), which must accept the offsets.
 */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "store/fts_bigram.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

struct seen {
	const uint8_t *text;
	int len, n, last_start;
	char first[BIGRAM_KEY_MAX + 1];
	int nfirst;
};

static bool valid_utf8(const uint8_t *p, int n)
{
	for (int i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, n - i, &cp);

		if (k < 1)
			return false;
		i += (int)k;
	}
	return true;
}

static int check_token(void *ctx, int tflags, const char *token, int ntoken, int start, int end)
{
	struct seen *s = ctx;

	CHECK(ntoken > 0 && ntoken <= BIGRAM_KEY_MAX);
	CHECK(0 <= start && start < end && end <= s->len);
	CHECK(valid_utf8(s->text + start, end - start));
	CHECK(s->n > 0 || !(tflags & FTS5_TOKEN_COLOCATED));
	CHECK(start >= s->last_start);
	if (s->n == 0) {
		for (int i = 0; i < ntoken; i++)
			s->first[i] = token[i];
		s->nfirst = ntoken;
	}
	s->last_start = start;
	s->n++;
	return 0;
}

static sqlite3 *db;
static sqlite3_stmt *ins, *query, *del;

static void open_db(void)
{
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
	CHECK(bigram_register(db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='cjk_bigram')",
			   NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "INSERT INTO t (rowid, body) VALUES (1, ?1)", -1, &ins,
				 NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db,
				 "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH"
				 " '\"' || replace(?1, '\"', '\"\"') || '\"'",
				 -1, &query, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "DELETE FROM t", -1, &del, NULL) == SQLITE_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int modes[] = {FTS5_TOKENIZE_DOCUMENT, FTS5_TOKENIZE_QUERY, FTS5_TOKENIZE_AUX};
	struct seen s = {.text = data, .len = (int)size};
	int rc;

	if (size > 1 << 16)
		return 0;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		s.n = s.last_start = 0;
		CHECK(bigram_tokenize(modes[i], (const char *)data, (int)size, check_token, &s) ==
		      SQLITE_OK);
	}
	if (!db)
		open_db();
	sqlite3_bind_text(ins, 1, (const char *)data, (int)size, SQLITE_STATIC);
	CHECK(sqlite3_step(ins) == SQLITE_DONE);
	sqlite3_reset(ins);
	/* The last mode was AUX, which tokenizes as a document does. */
	if (s.n) {
		sqlite3_bind_text(query, 1, s.first, s.nfirst, SQLITE_STATIC);
		while ((rc = sqlite3_step(query)) == SQLITE_ROW)
			;
		CHECK(rc == SQLITE_DONE);
		sqlite3_reset(query);
	}
	CHECK(sqlite3_step(del) == SQLITE_DONE);
	sqlite3_reset(del);
	return 0;
}
