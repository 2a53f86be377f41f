#include "base/str.h"

#include "base/banned.h"

static bool is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct str str_trim(struct str s)
{
	while (s.len && is_ascii_space(s.ptr[0])) {
		s.ptr++;
		s.len--;
	}
	while (s.len && is_ascii_space(s.ptr[s.len - 1]))
		s.len--;
	return s;
}

struct str str_split(struct str s, char sep, struct str *head)
{
	const char *p = s.len ? memchr(s.ptr, sep, s.len) : NULL;

	if (!p) {
		*head = s;
		return (struct str){NULL, 0};
	}
	*head = (struct str){s.ptr, (size_t)(p - s.ptr)};
	return (struct str){p + 1, s.len - (size_t)(p - s.ptr) - 1};
}
