/*
 * The search box's language, turned into an FTS5 expression that carries
 * no syntax of the person's (search_query.h).
 */
#include <stdbool.h>
#include <utf8proc.h>

#include "store/fts_bigram.h"
#include "store/search_query.h"
#include "store/store.h"

#include "base/banned.h"

/* Every term takes at least one byte and one separator. */
#define TERMS_MAX (STORE_QUERY_MAX / 2 + 1)

struct term {
	struct str text;
	bool excluded;
	bool or_before; /* an OR stood between this term and the previous one */
	int group;	/* required terms: the OR group; excluded: -1 */
};

static bool is_space(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC: /* tab, newline, and NUL, which would cut the expression */
		return true;
	default:
		return false;
	}
}

/* What an input method types for a quote, beside the ASCII one. */
static bool is_quote(int32_t cp)
{
	return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0xFF02;
}

static bool is_minus(int32_t cp)
{
	return cp == '-' || cp == 0xFF0D;
}

/* The code point at p (text validated as UTF-8 before), its length in *k. */
static int32_t at(struct str s, size_t i, size_t *k)
{
	utf8proc_int32_t cp;

	*k = (size_t)utf8proc_iterate((const utf8proc_uint8_t *)s.ptr + i,
				      (utf8proc_ssize_t)(s.len - i), &cp);
	return cp;
}

static int count_token(void *ctx, int tflags, const char *token, int ntoken, int start, int end)
{
	(void)tflags, (void)token, (void)ntoken, (void)start, (void)end;
	++*(int *)ctx;
	return 0;
}

/* A term is searchable when the tokenizer finds a token in it. */
static bool searchable(struct str t)
{
	int n = 0;

	bigram_tokenize(FTS5_TOKENIZE_QUERY, t.ptr, (int)t.len, count_token, &n);
	return n > 0;
}

/* The next term from *i: a quoted phrase or a run up to a space or quote. */
static struct str next_term(struct str s, size_t *i, bool *quoted)
{
	size_t k, start;

	*quoted = is_quote(at(s, *i, &k));
	if (*quoted)
		*i += k;
	start = *i;
	while (*i < s.len) {
		int32_t cp = at(s, *i, &k);

		if (is_quote(cp) || (!*quoted && is_space(cp)))
			break;
		*i += k;
	}
	struct str t = {s.ptr + start, *i - start};
	if (*quoted && *i < s.len)
		*i += k; /* the closing quote */
	return t;
}

/* Split s into terms; returns how many. */
static int read_terms(struct str s, struct term *terms)
{
	bool pending_or = false, pending_not = false;
	int n = 0;
	size_t i = 0, k;

	while (i < s.len) {
		int32_t cp = at(s, i, &k);
		bool minus = false, quoted;
		struct str t;

		if (is_space(cp)) {
			i += k;
			continue;
		}
		if (is_minus(cp) && i + k < s.len) {
			size_t k2;
			int32_t next = at(s, i + k, &k2);

			minus = !is_space(next);
			if (minus)
				i += k;
		}
		t = next_term(s, &i, &quoted);
		if (!quoted && !minus) {
			if (str_eq_cstr(t, "OR")) {
				pending_or = true;
				continue;
			}
			if (str_eq_cstr(t, "NOT")) {
				pending_not = true;
				continue;
			}
			if (str_eq_cstr(t, "AND"))
				continue;
		}
		/* A dropped term takes the operators in front of it along. */
		if (searchable(t) && n < TERMS_MAX)
			terms[n++] = (struct term){t, minus || pending_not, pending_or, -1};
		pending_or = pending_not = false;
	}
	return n;
}

/* Group the required terms: an OR joins a term to the required term just
 * before it; anything else starts a new group. Returns the group count. */
static int group_terms(struct term *terms, int n)
{
	int groups = 0;

	for (int i = 0; i < n; i++) {
		if (terms[i].excluded)
			continue;
		if (terms[i].or_before && i > 0 && !terms[i - 1].excluded)
			terms[i].group = terms[i - 1].group;
		else
			terms[i].group = groups++;
	}
	return groups;
}

static bool excluded(const struct term *terms, int n)
{
	for (int i = 0; i < n; i++)
		if (terms[i].excluded)
			return true;
	return false;
}

/*
 * An FTS5 string: the bytes between double quotes, a quote doubled. A
 * control character (a phrase may hold one) becomes a space: the
 * tokenizer separates at both alike, and a NUL would end the SQL text in
 * the middle of the string.
 */
static void put_string(struct buf *out, struct str t)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < t.len; i++) {
		unsigned char c = (unsigned char)t.ptr[i];

		if (c == '"')
			buf_putc(out, '"');
		buf_putc(out, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	buf_putc(out, '"');
}

/* The terms of group g (or the excluded ones when g is -1) joined by OR,
 * in parentheses when there are several. */
static void put_group(struct buf *out, const struct term *terms, int n, int g)
{
	int members = 0, done = 0;

	for (int i = 0; i < n; i++)
		members += terms[i].group == g;
	if (members > 1)
		buf_putc(out, '(');
	for (int i = 0; i < n; i++) {
		if (terms[i].group != g)
			continue;
		if (done++)
			buf_puts(out, " OR ");
		put_string(out, terms[i].text);
	}
	if (members > 1)
		buf_putc(out, ')');
}

static enum gk_err check_text_ok(struct str text, struct gk_errmsg *m)
{
	if (text.len > STORE_QUERY_MAX)
		return gk_errf(
		    m, GK_EINVAL,
		    "search query: %zu bytes; at most %d bytes (about %d Chinese characters)"
		    " are allowed",
		    text.len, STORE_QUERY_MAX, STORE_QUERY_MAX / 3);
	for (size_t i = 0; i < text.len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text.ptr + i,
						      (utf8proc_ssize_t)(text.len - i), &cp);
		if (k < 1)
			return gk_errf(
			    m, GK_EINVAL,
			    "search query: not valid UTF-8 at byte %zu; type the query as"
			    " UTF-8 text",
			    i);
		i += (size_t)k;
	}
	return GK_OK;
}

enum gk_err search_query_parse(struct str text, struct buf *out, struct gk_errmsg *m)
{
	struct term terms[TERMS_MAX];
	enum gk_err err = check_text_ok(text, m);
	int n, groups;

	if (err)
		return err;
	n = read_terms(text, terms);
	groups = group_terms(terms, n);
	if (groups == 0)
		return gk_errf(m, GK_EINVAL,
			       "search query: no searchable term; type words or characters to find"
			       " (\"…\" for a phrase, OR between alternatives, - or NOT before a"
			       " term to exclude it)");
	for (int g = 0; g < groups; g++) {
		if (g)
			buf_puts(out, " AND ");
		put_group(out, terms, n, g);
	}
	if (excluded(terms, n)) {
		buf_puts(out, " NOT ");
		put_group(out, terms, n, -1);
	}
	if (out->failed)
		return gk_errf(m, GK_ENOMEM, "search query: no memory for the expression");
	return GK_OK;
}
