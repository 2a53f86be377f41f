/*
 * The cjk_bigram FTS5 tokenizer (fts_bigram.h), on the v1 tokenizer API of
 * SQLite 3.40 (fts5_tokenizer; v2 came in 3.47).
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "store/fts_bigram.h"

#include "base/banned.h"

enum cls { CLS_SEP, CLS_HAN, CLS_WORD };

/* A CJK ideograph: the unified blocks, their extensions, 〇, and the
 * compatibility ideographs (folded to unified ones below). */
static bool is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007 || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x2F800 && cp <= 0x2FA1F);
}

static bool is_compat_han(int32_t cp)
{
	return (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

static enum cls classify(int32_t cp, bool in_word)
{
	if (cp < 0x80) {
		bool alnum = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			     (cp >= 'A' && cp <= 'Z');
		return alnum ? CLS_WORD : CLS_SEP;
	}
	if (is_han(cp))
		return CLS_HAN;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return CLS_WORD;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		/* A combining mark belongs to the word it follows (é as e + ́). */
		return in_word ? CLS_WORD : CLS_SEP;
	default:
		return CLS_SEP;
	}
}

/* The unified ideograph a compatibility one stands for (NFKC). */
static int32_t fold_han(int32_t cp)
{
	utf8proc_int32_t out[4];
	int last = 0;

	if (!is_compat_han(cp))
		return cp;
	if (utf8proc_decompose_char(cp, out, 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last) == 1)
		return out[0];
	return cp;
}

/* Cut a key to BIGRAM_KEY_MAX bytes without splitting a character. */
static int cut_key(const unsigned char *key, int n)
{
	if (n <= BIGRAM_KEY_MAX)
		return n;
	n = BIGRAM_KEY_MAX;
	while (n > 0 && (key[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/*
 * The key of the word text[start..end): ASCII and full-width ASCII fold by
 * table (the common case, no allocation); anything else goes through
 * utf8proc's NFKC with case folding.
 */
static int emit_word(const char *text, int start, int end, bigram_token_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text + start;
	unsigned char key[BIGRAM_KEY_MAX + 4];
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n = end - start, i = 0;
	int nkey = 0, rc;

	while (i < n && nkey < BIGRAM_KEY_MAX) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, n - i, &cp);

		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp >= 0x80)
			break;
		key[nkey++] = (unsigned char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		i += k;
	}
	if (i < n && nkey < BIGRAM_KEY_MAX) {
		utf8proc_ssize_t len = utf8proc_map(p, n, &mapped,
						    UTF8PROC_STABLE | UTF8PROC_COMPAT |
							UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
		if (len < 0)
			return SQLITE_NOMEM;
		nkey = cut_key(mapped, (int)len);
		rc = nkey ? fn(ctx, 0, (const char *)mapped, nkey, start, end) : SQLITE_OK;
		free(mapped);
		return rc;
	}
	return fn(ctx, 0, (const char *)key, nkey, start, end);
}

struct han {
	int32_t cp; /* folded */
	int start, end;
};

static int emit_han(const struct han *h, int tflags, bigram_token_fn fn, void *ctx)
{
	utf8proc_uint8_t key[4];
	utf8proc_ssize_t n = utf8proc_encode_char(h->cp, key);

	return fn(ctx, tflags, (const char *)key, (int)n, h->start, h->end);
}

static int emit_bigram(const struct han *a, const struct han *b, bigram_token_fn fn, void *ctx)
{
	utf8proc_uint8_t key[8];
	utf8proc_ssize_t n = utf8proc_encode_char(a->cp, key);

	n += utf8proc_encode_char(b->cp, key + n);
	return fn(ctx, 0, (const char *)key, (int)n, a->start, b->end);
}

/* A CJK run in progress: its length and last character. */
struct run {
	int len;
	struct han last;
};

static int run_add(struct run *r, const struct han *h, bool query, bigram_token_fn fn, void *ctx)
{
	int rc = SQLITE_OK;

	if (r->len > 0) {
		rc = emit_bigram(&r->last, h, fn, ctx);
		if (rc == SQLITE_OK && !query)
			rc = emit_han(&r->last, FTS5_TOKEN_COLOCATED, fn, ctx);
	}
	r->len++;
	r->last = *h;
	return rc;
}

static int run_end(struct run *r, bool query, bigram_token_fn fn, void *ctx)
{
	int rc = SQLITE_OK;

	if (r->len == 1)
		rc = emit_han(&r->last, 0, fn, ctx);
	else if (r->len > 1 && !query)
		rc = emit_han(&r->last, FTS5_TOKEN_COLOCATED, fn, ctx);
	r->len = 0;
	return rc;
}

int bigram_tokenize(int flags, const char *text, int len, bigram_token_fn fn, void *ctx)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	struct run run = {0};
	int i = 0, word = -1, rc = SQLITE_OK;

	while (rc == SQLITE_OK && i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, len - i, &cp);
		enum cls c;

		if (k < 1) {
			/* An invalid byte separates like punctuation. */
			k = 1;
			c = CLS_SEP;
		} else {
			c = classify(cp, word >= 0);
		}
		if (c != CLS_WORD && word >= 0) {
			rc = emit_word(text, word, i, fn, ctx);
			word = -1;
		}
		if (c != CLS_HAN && rc == SQLITE_OK)
			rc = run_end(&run, query, fn, ctx);
		if (c == CLS_WORD && word < 0)
			word = i;
		if (c == CLS_HAN && rc == SQLITE_OK) {
			struct han h = {fold_han(cp), i, i + (int)k};

			rc = run_add(&run, &h, query, fn, ctx);
		}
		i += (int)k;
	}
	if (rc == SQLITE_OK && word >= 0)
		rc = emit_word(text, word, len, fn, ctx);
	if (rc == SQLITE_OK)
		rc = run_end(&run, query, fn, ctx);
	return rc;
}

/* The tokenizer has no options and no state: one shared dummy instance. */
static char instance;

static int bg_create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)args;
	*out = (Fts5Tokenizer *)&instance;
	return nargs == 0 ? SQLITE_OK : SQLITE_ERROR;
}

static void bg_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int bg_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
		       int (*token)(void *, int, const char *, int, int, int))
{
	(void)t;
	return bigram_tokenize(flags, text, len, token, ctx);
}

/* The FTS5 API of db, the documented way (sqlite3.h; there is no fts5.h). */
static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

/* --- gk_bm25 ------------------------------------------------------------- */

/* bm25's parameters, as FTS5's own bm25() has them. */
#define BM25_K1 1.2
#define BM25_B	0.75

struct bm25_data {
	int nphrase;
	double avgdl;
	double *idf;  /* [nphrase] */
	double *freq; /* [nphrase], per row */
};

static int count_upto_cap(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	int64_t *n = ctx;

	(void)api, (void)fts;
	return ++*n >= BM25_IDF_CAP ? SQLITE_DONE : SQLITE_OK;
}

static void free_bm25(void *p)
{
	struct bm25_data *d = p;

	if (d) {
		free(d->idf);
		free(d->freq);
	}
	free(d);
}

/* Per query: the average row length and each phrase's IDF, with the
 * phrase's document count walked up to BM25_IDF_CAP only. */
static int bm25_data(const Fts5ExtensionApi *api, Fts5Context *fts, struct bm25_data **out)
{
	struct bm25_data *d = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, tokens = 0;
	int rc;

	if (d) {
		*out = d;
		return SQLITE_OK;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return SQLITE_NOMEM;
	d->nphrase = api->xPhraseCount(fts);
	d->idf = calloc((size_t)d->nphrase + 1, sizeof(double));
	d->freq = calloc((size_t)d->nphrase + 1, sizeof(double));
	rc = d->idf && d->freq ? api->xRowCount(fts, &rows) : SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &tokens);
	d->avgdl = rows ? (double)tokens / (double)rows : 1.0;
	for (int i = 0; rc == SQLITE_OK && i < d->nphrase; i++) {
		int64_t n = 0;
		double idf;

		rc = api->xQueryPhrase(fts, i, &n, count_upto_cap);
		idf = log(((double)rows - (double)n + 0.5) / ((double)n + 0.5));
		d->idf[i] = idf > 0.0 ? idf : 1e-6;
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fts, d, free_bm25);
	if (rc != SQLITE_OK) {
		free_bm25(d);
		return rc;
	}
	*out = d;
	return SQLITE_OK;
}

/* gk_bm25(table, weight of column 0, weight of column 1, ...): bm25 as
 * FTS5's, negated like it (lower is better). */
static void gk_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
		    sqlite3_value **vals)
{
	struct bm25_data *d = NULL;
	int rc = bm25_data(api, fts, &d), ninst = 0, ntokens = 0;
	double score = 0.0;

	if (rc == SQLITE_OK)
		rc = api->xInstCount(fts, &ninst);
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &ntokens);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	memset(d->freq, 0, (size_t)d->nphrase * sizeof(double));
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int phrase, col, off;

		rc = api->xInst(fts, i, &phrase, &col, &off);
		if (rc == SQLITE_OK)
			d->freq[phrase] += col < nval ? sqlite3_value_double(vals[col]) : 1.0;
	}
	for (int i = 0; i < d->nphrase; i++) {
		double f = d->freq[i];

		score += d->idf[i] * f * (BM25_K1 + 1.0) /
			 (f + BM25_K1 * (1.0 - BM25_B + BM25_B * ntokens / d->avgdl));
	}
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else
		sqlite3_result_double(ctx, -score);
}

int bigram_register(sqlite3 *db)
{
	static fts5_tokenizer tokenizer = {bg_create, bg_delete, bg_tokenize};
	fts5_api *api = fts5_api_of(db);
	int rc;

	if (!api)
		return SQLITE_ERROR;
	rc = api->xCreateTokenizer(api, "cjk_bigram", NULL, &tokenizer, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "gk_bm25", NULL, gk_bm25, NULL);
	return rc;
}
