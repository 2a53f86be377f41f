/*
 * search_query.h: what a person typed into the search box, as a safe FTS5
 * MATCH expression (docs/search.md).
 *
 * Nothing the person types reaches FTS5 as syntax: every term leaves here
 * as an FTS5 string ("…", an inner " doubled), which FTS5 hands to the
 * tokenizer whole, so column filters (title:x), NEAR(, *, ^, parentheses
 * and stray quotes are only characters to search for (punctuation, which
 * the tokenizer drops).
 *
 * The language:
 *   terms        separated by white space (ASCII, the full-width space
 *                U+3000, any Unicode space); all must occur (implicit AND);
 *                a term's tokens must be adjacent (公开，预算 is a phrase);
 *   "a phrase"   ASCII quotes or “…”/＂…＂; an unclosed quote runs to the end;
 *   a OR b       either (OR in capitals; "a OR b c" is (a OR b) AND c);
 *   -a, NOT a    a must not occur (also the full-width －); AND is allowed
 *                and means nothing more than the space.
 * A term without a letter, digit or CJK character is dropped, and an OR
 * or NOT left without its term with it.
 */
#ifndef GK_STORE_SEARCH_QUERY_H
#define GK_STORE_SEARCH_QUERY_H

#include "base/buf.h"
#include "base/err.h"
#include "base/str.h"

/*
 * Append the FTS5 expression for text to out: the required part, then
 * " NOT …" when something is excluded, e.g.
 *     ("预算" OR "决算") AND "2024" NOT ("草案" OR "征求意见")
 * (FTS5's NOT binds tighter than AND, which here means the same).
 * GK_EINVAL with m filled (out then unspecified): text longer than
 * STORE_QUERY_MAX bytes, not UTF-8, or without a term that must occur
 * (empty, only exclusions, only operators or punctuation). GK_ENOMEM
 * when out refused to grow.
 */
enum gk_err search_query_parse(struct str text, struct buf *out, struct gk_errmsg *m);

#endif
