/*
 * libFuzzer target for store/search_query: any bytes as what a person
 * typed into the search box. The parser must not crash, hang or leak; a
 * refusal must carry a message; an accepted expression must hold no syntax
 * of the person's: FTS5 runs it, restricted to the text columns as the
 * store does, without an error (a syntax error or a "no such column"
 * would mean the input escaped its quotes).
 */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "store/fts_bigram.h"
#include "store/search_query.h"
#include "store/store.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static sqlite3_stmt *match;

/* One FTS5 table in memory for every input, like the store's: text
 * columns and a tags column the person's terms must never reach. */
static void open_db(void)
{
	sqlite3 *db;

	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
	CHECK(bigram_register(db) == SQLITE_OK);
	CHECK(sqlite3_exec(db,
			   "CREATE VIRTUAL TABLE t USING fts5(title, body, tags,"
			   " tokenize='cjk_bigram');"
			   "INSERT INTO t VALUES ('政府信息公开 title', '预算 NEAR x', 'doc a1');",
			   NULL, NULL, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db,
				 "SELECT rowid, snippet(t, -1, '[', ']', '…', 8) FROM t"
				 " WHERE t MATCH '{title body} : (' || ?1 || ')'",
				 -1, &match, NULL) == SQLITE_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out;
	struct gk_errmsg m = {{0}};
	enum gk_err err;
	int rc;

	if (!match)
		open_db();
	buf_init(&out, 1 << 20);
	err = search_query_parse((struct str){(const char *)data, size}, &out, &m);
	if (err) {
		CHECK(err == GK_EINVAL);
		CHECK(m.text[0] != '\0');
		CHECK(size > 0 || out.len == 0);
	} else {
		CHECK(size <= STORE_QUERY_MAX);
		sqlite3_bind_text(match, 1, buf_cstr(&out), (int)out.len, SQLITE_STATIC);
		while ((rc = sqlite3_step(match)) == SQLITE_ROW)
			;
		CHECK(rc == SQLITE_DONE);
		sqlite3_reset(match);
	}
	buf_release(&out);
	return 0;
}
