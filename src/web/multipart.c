/*
 * multipart.c: multipart/form-data bodies (multipart.h).
 */
#include "web/multipart.h"

#include <string.h>
#include <strings.h>

#include "base/banned.h"

/* The first occurrence of needle in hay, or NULL. */
static const char *find(struct str hay, const char *needle, size_t k)
{
	const char *p = hay.ptr, *end = hay.ptr + hay.len;

	while ((size_t)(end - p) >= k && (p = memchr(p, needle[0], (size_t)(end - p) - k + 1))) {
		if (!memcmp(p, needle, k))
			return p;
		p++;
	}
	return NULL;
}

static struct str skip_ows(struct str s)
{
	while (s.len && (*s.ptr == ' ' || *s.ptr == '\t'))
		s.ptr++, s.len--;
	return s;
}

static struct str trim(struct str s)
{
	s = skip_ows(s);
	while (s.len && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t'))
		s.len--;
	return s;
}

static bool eq_nocase(struct str s, const char *lit)
{
	return s.len == strlen(lit) && !strncasecmp(s.ptr, lit, s.len);
}

/* A token character of a parameter name or unquoted value. */
static bool is_token_end(char c)
{
	return c == ';' || c == '=' || c == ' ' || c == '\t' || c == '"';
}

/* Advance past n bytes of *s. */
static void eat(struct str *s, size_t n)
{
	s->ptr += n, s->len -= n;
}

/*
 * The next '; key=value' of a header value (RFC 7578 §4.2, RFC 2045 §5.1):
 * true with key and value (unquoted), false at the end or with *bad set
 * when the rest is malformed.
 */
static bool next_param(struct str *rest, struct str *key, struct str *value, bool *bad)
{
	struct str s = skip_ows(*rest);
	size_t n;

	*bad = false;
	if (!s.len)
		return false;
	if (*s.ptr != ';')
		return *bad = true, false;
	eat(&s, 1);
	s = skip_ows(s);
	for (n = 0; n < s.len && !is_token_end(s.ptr[n]); n++)
		;
	*key = (struct str){s.ptr, n};
	eat(&s, n);
	s = skip_ows(s);
	if (!key->len || !s.len || *s.ptr != '=')
		return *bad = true, false;
	eat(&s, 1);
	s = skip_ows(s);
	if (s.len && *s.ptr == '"') {
		const char *close = memchr(s.ptr + 1, '"', s.len - 1);
		if (!close)
			return *bad = true, false;
		*value = (struct str){s.ptr + 1, (size_t)(close - s.ptr - 1)};
		eat(&s, (size_t)(close - s.ptr) + 1);
	} else {
		for (n = 0; n < s.len && !is_token_end(s.ptr[n]); n++)
			;
		*value = (struct str){s.ptr, n};
		eat(&s, n);
	}
	*rest = s;
	return true;
}

/* RFC 2046 §5.1.1: bchars, and no space at the end. */
static bool valid_boundary(struct str b)
{
	static const char extra[] = "'()+_,-./:=? ";

	if (b.len < 1 || b.len > MULTIPART_MAX_BOUNDARY || b.ptr[b.len - 1] == ' ')
		return false;
	for (size_t i = 0; i < b.len; i++) {
		char c = b.ptr[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      (c && strchr(extra, c))))
			return false;
	}
	return true;
}

enum gk_err multipart_boundary(const char *content_type, struct str *out, struct gk_errmsg *m)
{
	static const char type[] = "multipart/form-data";
	struct str rest = str_from_cstr(content_type), key, value;
	bool bad, found = false;

	rest = skip_ows(rest);
	if (rest.len < sizeof(type) - 1 || strncasecmp(rest.ptr, type, sizeof(type) - 1) ||
	    (rest.len > sizeof(type) - 1 && !strchr("; \t", rest.ptr[sizeof(type) - 1])))
		return gk_errf(m, GK_EINVAL, "the body is not multipart/form-data");
	eat(&rest, sizeof(type) - 1);
	while (next_param(&rest, &key, &value, &bad))
		if (eq_nocase(key, "boundary")) {
			if (found)
				return gk_errf(m, GK_EINVAL, "the Content-Type has two boundaries");
			found = true;
			*out = value;
		}
	if (bad)
		return gk_errf(m, GK_EINVAL, "the Content-Type's parameters are malformed");
	if (!found)
		return gk_errf(m, GK_EINVAL, "the Content-Type has no boundary");
	if (!valid_boundary(*out))
		return gk_errf(m, GK_EINVAL,
			       "the boundary must be 1 to %d letters, digits or '()+_,-./:=? "
			       "(RFC 2046)",
			       MULTIPART_MAX_BOUNDARY);
	return GK_OK;
}

/* Content-Disposition: form-data; name="..."; filename="..." (RFC 7578 §4.2). */
static enum gk_err parse_disposition(struct str v, struct multipart_part *p, struct gk_errmsg *m)
{
	struct str rest, key, value;
	const char *semi = memchr(v.ptr, ';', v.len);
	bool bad, has_name = false;

	rest = semi ? (struct str){semi, v.len - (size_t)(semi - v.ptr)} : STR_LIT("");
	if (!eq_nocase(trim((struct str){v.ptr, semi ? (size_t)(semi - v.ptr) : v.len}),
		       "form-data"))
		return gk_errf(m, GK_EINVAL, "a part's Content-Disposition is not form-data");
	while (next_param(&rest, &key, &value, &bad)) {
		if (eq_nocase(key, "name")) {
			if (has_name)
				return gk_errf(m, GK_EINVAL, "a part has two names");
			has_name = true;
			p->name = value;
		} else if (eq_nocase(key, "filename")) {
			if (p->is_file)
				return gk_errf(m, GK_EINVAL, "a part has two filenames");
			p->is_file = true;
			p->filename = value;
		}
	}
	if (bad)
		return gk_errf(m, GK_EINVAL, "a part's Content-Disposition is malformed");
	if (!has_name || !p->name.len || p->name.len > MULTIPART_MAX_NAME)
		return gk_errf(m, GK_EINVAL, "each part needs a name of 1 to %d bytes",
			       MULTIPART_MAX_NAME);
	return GK_OK;
}

/* The header lines of one part (CRLF-terminated, without the blank line). */
static enum gk_err parse_headers(struct str block, struct multipart_part *p, struct gk_errmsg *m)
{
	bool has_disposition = false;
	enum gk_err err;

	while (block.len) {
		const char *eol = find(block, "\r\n", 2), *colon;
		struct str line = {block.ptr, (size_t)(eol - block.ptr)}, name, value;

		eat(&block, line.len + 2);
		/* RFC 7578 §4.8 keeps parts to a few headers; folded lines are obsolete. */
		if (!line.len || line.ptr[0] == ' ' || line.ptr[0] == '\t' ||
		    !(colon = memchr(line.ptr, ':', line.len)))
			return gk_errf(m, GK_EINVAL, "a part's header line is malformed");
		name = (struct str){line.ptr, (size_t)(colon - line.ptr)};
		value = trim((struct str){colon + 1, line.len - name.len - 1});
		if (eq_nocase(name, "Content-Disposition")) {
			if (has_disposition)
				return gk_errf(m, GK_EINVAL, "a part has two Content-Dispositions");
			has_disposition = true;
			if ((err = parse_disposition(value, p, m)))
				return err;
		} else if (eq_nocase(name, "Content-Type")) {
			p->content_type = value;
		}
	}
	return has_disposition ? GK_OK : gk_errf(m, GK_EINVAL, "a part has no Content-Disposition");
}

enum gk_err multipart_parse(struct str body, struct str boundary, struct multipart *out,
			    struct gk_errmsg *m)
{
	char delim[MULTIPART_MAX_BOUNDARY + 4] = "\r\n--";
	size_t dlen = boundary.len + 4;
	struct str rest = body;
	const char *at;
	enum gk_err err;

	memset(out, 0, sizeof(*out));
	if (!valid_boundary(boundary))
		return gk_errf(m, GK_EINVAL, "the boundary is malformed");
	memcpy(delim + 4, boundary.ptr, boundary.len);
	/* The first delimiter may open the body (no CRLF before it) or follow a preamble. */
	if (rest.len >= dlen - 2 && !memcmp(rest.ptr, delim + 2, dlen - 2))
		eat(&rest, dlen - 2);
	else if ((at = find(rest, delim, dlen)))
		eat(&rest, (size_t)(at - rest.ptr) + dlen);
	else
		return gk_errf(m, GK_EINVAL, "the body has no boundary line");
	for (;;) {
		struct multipart_part *p;
		struct str head;

		if (rest.len >= 2 && !memcmp(rest.ptr, "--", 2))
			return GK_OK;  /* the close delimiter; the epilogue is ignored */
		rest = skip_ows(rest); /* transport padding */
		if (rest.len < 2 || memcmp(rest.ptr, "\r\n", 2))
			return gk_errf(m, GK_EINVAL, "a boundary line is followed by other text");
		eat(&rest, 2);
		if (out->nparts == MULTIPART_MAX_PARTS)
			return gk_errf(m, GK_EINVAL, "the form has more than %d parts",
				       MULTIPART_MAX_PARTS);
		p = &out->parts[out->nparts++];
		/* The header block ends at a blank line; an empty block is that line alone. */
		if (rest.len >= 2 && !memcmp(rest.ptr, "\r\n", 2)) {
			head = (struct str){rest.ptr, 0};
			eat(&rest, 2);
		} else {
			struct str window = {rest.ptr, rest.len < MULTIPART_MAX_HEADER + 4
							   ? rest.len
							   : MULTIPART_MAX_HEADER + 4};
			if (!(at = find(window, "\r\n\r\n", 4)))
				return gk_errf(
				    m, GK_EINVAL,
				    "a part's headers are longer than %u bytes or do not "
				    "end",
				    MULTIPART_MAX_HEADER);
			head = (struct str){rest.ptr, (size_t)(at - rest.ptr) + 2};
			eat(&rest, head.len + 2);
		}
		if ((err = parse_headers(head, p, m)))
			return err;
		if (!(at = find(rest, delim, dlen)))
			return gk_errf(m, GK_EINVAL, "the body ends before its closing boundary");
		p->data = (struct str){rest.ptr, (size_t)(at - rest.ptr)};
		eat(&rest, p->data.len + dlen);
	}
}
