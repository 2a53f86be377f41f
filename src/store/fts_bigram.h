/*
 * fts_bigram.h: the "cjk_bigram" FTS5 tokenizer (docs/search.md).
 *
 * Chinese has no spaces, and the two-character word is its most common
 * search (公开, 预算, 决算), which the built-in trigram tokenizer cannot
 * find. So a run of CJK ideographs becomes its overlapping bigrams, and
 * every single character is indexed too, at the position of the bigram it
 * starts (FTS5_TOKEN_COLOCATED), so that
 *   - a bigram query 公开 and a phrase "信息公开" (bigrams at consecutive
 *     positions) match exactly where the text has them;
 *   - a one-character query 税 finds the character anywhere;
 *   - positions count bigrams only, so a phrase's tokens stay adjacent.
 * The run's last character is colocated with the run's last bigram (it has
 * no bigram of its own to start), so "通知2024" stays a phrase of two
 * adjacent tokens. A lone character is a token of its own.
 *
 * Letters and digits outside CJK (ASCII, full-width, other scripts) form
 * whole words. Keys are folded for matching only: full-width to
 * half-width and case folded (NFKC + case fold with utf8proc; CJK
 * compatibility ideographs to their unified form). Offsets are byte
 * offsets into the original text, so snippet() and highlight() show the
 * stored text unchanged. Everything else separates tokens; invalid UTF-8
 * bytes too.
 *
 * Query mode (FTS5_TOKENIZE_QUERY) emits no colocated unigrams: within a
 * run of two or more characters the bigrams alone say where to match,
 * and a colocated unigram there would be read as an alternative.
 */
#ifndef GK_STORE_FTS_BIGRAM_H
#define GK_STORE_FTS_BIGRAM_H

#include <sqlite3.h>

/* Called for each token, as FTS5's xToken: a non-zero return stops. */
typedef int (*bigram_token_fn)(void *ctx, int tflags, const char *token, int ntoken, int start,
			       int end);

/*
 * Tokenize text[0..len) in mode flags (FTS5_TOKENIZE_*). Returns SQLITE_OK
 * or the first non-zero return of fn. Keys are at most BIGRAM_KEY_MAX
 * bytes (longer words are cut on a character boundary).
 */
#define BIGRAM_KEY_MAX 128
int bigram_tokenize(int flags, const char *text, int len, bigram_token_fn fn, void *ctx);

/*
 * Register the tokenizer as "cjk_bigram" on db, and the ranking function
 * gk_bm25: needed on every connection before a statement touches the
 * index. SQLITE_OK or an error code.
 *
 * gk_bm25(table, column weights...) is FTS5's bm25() except for the IDF:
 * bm25() counts every document of each phrase once per query (a walk of
 * 975,000 rows, 30–40 ms, for 工作 at 1M documents, whatever LIMIT says);
 * gk_bm25 stops counting at BM25_IDF_CAP, so a phrase in more documents
 * weighs like one in that many. That changes nothing for a one-term query
 * (the IDF is a common factor) and, between common terms, little.
 */
#define BM25_IDF_CAP 10000
int bigram_register(sqlite3 *db);

#endif
