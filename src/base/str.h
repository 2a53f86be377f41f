/*
 * str.h: counted strings.
 *
 * A struct str points into memory owned by someone else (a file buffer, an
 * argv entry, a literal); it is never NUL-terminated by contract. Parsers
 * pass these around instead of copying.
 */
#ifndef GK_STR_H
#define GK_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct str {
	const char *ptr;
	size_t len;
};

#define STR_LIT(s) ((struct str){(s), sizeof(s) - 1})

static inline struct str str_from_cstr(const char *s)
{
	return (struct str){s, s ? strlen(s) : 0};
}

static inline bool str_eq(struct str a, struct str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static inline bool str_eq_cstr(struct str a, const char *b)
{
	return str_eq(a, str_from_cstr(b));
}

static inline bool str_starts_with(struct str s, struct str prefix)
{
	return s.len >= prefix.len && memcmp(s.ptr, prefix.ptr, prefix.len) == 0;
}

/* The part of s from byte offset off, empty when off is past the end. */
static inline struct str str_from(struct str s, size_t off)
{
	if (off >= s.len)
		return (struct str){s.ptr + s.len, 0};
	return (struct str){s.ptr + off, s.len - off};
}

/* s without leading and trailing ASCII white space. */
struct str str_trim(struct str s);

/*
 * Split s at the first byte sep: *head gets the part before it, the return
 * value the part after it. When sep does not occur, *head is s and the
 * result has ptr NULL (so the caller can tell "no more" from "empty").
 */
struct str str_split(struct str s, char sep, struct str *head);

#endif
