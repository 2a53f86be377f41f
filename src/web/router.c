#include "web/router.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/banned.h"

/* One segment of a compiled pattern: a literal, or the capture of a parameter. */
struct pattern_seg {
	struct str literal;
	int param; /* index into the route's params; -1 for a literal */
};

struct compiled_route {
	const struct http_route *route;
	const struct http_param *params;
	size_t nparams;
	struct pattern_seg seg[HTTP_MAX_SEGMENTS];
	size_t nseg;
};

struct router {
	struct compiled_route *routes;
	size_t n;
};

/* --- Decoding ------------------------------------------------------------- */

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Percent-decode in (and '+' as space when plus_space: the form encoding)
 * into a NUL-terminated arena copy. Returns NULL for a malformed escape
 * (*oom false) or when the arena refuses (*oom true).
 */
static char *pct_decode(struct arena *a, struct str in, bool plus_space, size_t *len, bool *oom)
{
	char *out = arena_alloc(a, in.len + 1);
	size_t n = 0;

	*oom = !out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < in.len; i++) {
		unsigned char c = (unsigned char)in.ptr[i];
		if (c == '%') {
			int hi, lo;
			if (in.len - i < 3)
				return NULL;
			hi = hex_value((unsigned char)in.ptr[i + 1]);
			lo = hex_value((unsigned char)in.ptr[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		out[n++] = (char)c;
	}
	out[n] = '\0';
	*len = n;
	return out;
}

enum text_fault { TEXT_OK, TEXT_BAD_UTF8, TEXT_CONTROL };

/*
 * Check that s is UTF-8 (no overlong forms, no surrogates: utf8proc's
 * rules) without C0/C1 control characters or DEL, except tab, CR and LF
 * when multiline.
 */
static enum text_fault check_text(const char *s, size_t len, bool multiline)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return TEXT_BAD_UTF8;
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			if (!(multiline && (cp == '\t' || cp == '\n' || cp == '\r')))
				return TEXT_CONTROL;
		}
		i += (size_t)n;
	}
	return TEXT_OK;
}

enum gk_err http_path_decode(struct arena *a, struct str raw, struct http_path *out,
			     struct gk_errmsg *m)
{
	char *decoded;
	size_t len = 0;
	struct str rest;

	*out = (struct http_path){0};
	if (raw.len == 0 || raw.ptr[0] != '/')
		return gk_errf(m, GK_EINVAL, "the path must start with '/'");
	/* Decoded segments are joined again with '/': never longer than raw. */
	decoded = arena_alloc(a, raw.len + 1);
	if (!decoded)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	/* "/" has no segments; "/a/" has "a" and "". */
	rest = raw.len > 1 ? str_from(raw, 1) : (struct str){NULL, 0};
	while (rest.ptr) {
		struct str seg_raw;
		char *seg;
		size_t seg_len;
		bool oom;

		rest = str_split(rest, '/', &seg_raw);
		seg = pct_decode(a, seg_raw, false, &seg_len, &oom);
		if (!seg)
			return oom ? gk_errf(m, GK_ENOMEM, "out of memory")
				   : gk_errf(m, GK_EINVAL, "the path has a malformed %%-escape");
		if (memchr(seg, '\0', seg_len) || check_text(seg, seg_len, false) != TEXT_OK)
			return gk_errf(m, GK_EINVAL,
				       "the path is not UTF-8 text without control characters");
		if (!strcmp(seg, ".") || !strcmp(seg, ".."))
			return gk_errf(m, GK_EINVAL, "the path has a '%s' segment", seg);
		decoded[len++] = '/';
		memcpy(decoded + len, seg, seg_len);
		len += seg_len;
		if (out->nseg < HTTP_MAX_SEGMENTS)
			out->seg[out->nseg++] = (struct str){seg, seg_len};
		else
			out->too_deep = true;
	}
	if (len == 0)
		decoded[len++] = '/';
	decoded[len] = '\0';
	out->decoded = decoded;
	out->len = len;
	return GK_OK;
}

/* --- Parameters ----------------------------------------------------------- */

static size_t param_max_len(const struct http_param *p)
{
	return p->max_len ? p->max_len : HTTP_PARAM_MAX_LEN;
}

/* CR LF and lone CR to LF, in place (browsers send textarea lines with CR LF). */
static size_t normalize_newlines(char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
			s[n++] = '\n';
		} else {
			s[n++] = s[i];
		}
	}
	s[n] = '\0';
	return n;
}

enum int_parse { INT_OK, INT_NOT_NUMBER, INT_RANGE };

/* Optional '-', then digits only: no '+', no spaces, no hex. */
static enum int_parse parse_int(const char *s, size_t len, long long *out)
{
	char *end;

	if (len == 0 || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9')))
		return INT_NOT_NUMBER;
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (end != s + len || (s[0] == '-' && len == 1))
		return INT_NOT_NUMBER;
	return errno == ERANGE ? INT_RANGE : INT_OK;
}

/*
 * Check the decoded value v (len bytes, NUL-terminated) against p and
 * fill arg. TEXT values are checked as they are; the caller normalises
 * their newlines afterwards. The message names the parameter and never
 * echoes the value.
 */
static enum gk_err param_check(const struct http_param *p, const char *v, size_t len,
			       struct http_arg *arg, struct gk_errmsg *m)
{
	enum text_fault fault;
	enum int_parse ip;

	if (len > param_max_len(p))
		return gk_errf(m, GK_EINVAL, "parameter '%s': longer than %zu bytes", p->name,
			       param_max_len(p));
	if (memchr(v, '\0', len))
		return gk_errf(m, GK_EINVAL, "parameter '%s': contains a NUL byte", p->name);
	fault = check_text(v, len, p->type == HTTP_PARAM_TEXT);
	if (fault == TEXT_BAD_UTF8)
		return gk_errf(m, GK_EINVAL, "parameter '%s': not valid UTF-8", p->name);
	if (fault == TEXT_CONTROL)
		return gk_errf(m, GK_EINVAL, "parameter '%s': control characters are not allowed",
			       p->name);
	*arg = (struct http_arg){.param = p, .str = v, .len = len};
	switch (p->type) {
	case HTTP_PARAM_STRING:
	case HTTP_PARAM_TEXT:
		break;
	case HTTP_PARAM_INT:
		ip = parse_int(v, len, &arg->num);
		if (ip == INT_NOT_NUMBER)
			return gk_errf(m, GK_EINVAL, "parameter '%s': not a whole number", p->name);
		if (ip == INT_RANGE || arg->num < p->min || arg->num > p->max)
			return gk_errf(m, GK_EINVAL, "parameter '%s': must be from %lld to %lld",
				       p->name, p->min, p->max);
		break;
	case HTTP_PARAM_DATE:
		if (!date_parse((struct str){v, len}, &arg->date))
			return gk_errf(m, GK_EINVAL,
				       "parameter '%s': not a date of the form YYYY-MM-DD",
				       p->name);
		break;
	case HTTP_PARAM_CODE:
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)v[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '_' || c == '-'))
				return gk_errf(m, GK_EINVAL,
					       "parameter '%s': only letters, digits, '_' and '-' "
					       "are allowed",
					       p->name);
		}
		break;
	}
	return GK_OK;
}

/* The index of the declared parameter called name (len bytes), or -1. */
static int param_index(const struct http_param *params, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(params[i].name) == len && !memcmp(params[i].name, name, len))
			return (int)i;
	return -1;
}

/*
 * Parse one "a=1&b=2" source into args. seen[] marks parameters already
 * given (by a capture, or earlier in this or another source).
 */
static enum gk_err parse_pairs(const struct compiled_route *cr, const bool *is_capture,
			       struct str src, struct arena *a, struct http_arg *args, bool *seen,
			       struct gk_errmsg *m)
{
	struct str rest = src;

	while (rest.ptr && rest.len) {
		struct str pair, name_raw, value_raw;
		char *name, *value;
		size_t name_len, value_len;
		bool oom;
		int i;
		enum gk_err err;

		rest = str_split(rest, '&', &pair);
		if (pair.len == 0)
			continue;
		value_raw = str_split(pair, '=', &name_raw);
		name = pct_decode(a, name_raw, true, &name_len, &oom);
		if (!name) {
			if (oom)
				return gk_errf(m, GK_ENOMEM, "out of memory");
			continue; /* cannot be a declared name */
		}
		i = param_index(cr->params, cr->nparams, name, name_len);
		if (i < 0 || is_capture[i])
			continue;
		if (seen[i])
			return gk_errf(m, GK_EINVAL, "parameter '%s': given more than once",
				       cr->params[i].name);
		seen[i] = true;
		value =
		    pct_decode(a, value_raw.ptr ? value_raw : STR_LIT(""), true, &value_len, &oom);
		if (!value)
			return oom ? gk_errf(m, GK_ENOMEM, "out of memory")
				   : gk_errf(m, GK_EINVAL, "parameter '%s': malformed %%-escape",
					     cr->params[i].name);
		if (value_len == 0)
			continue; /* an untouched form field: absent */
		err = param_check(&cr->params[i], value, value_len, &args[i], m);
		if (err)
			return err;
		if (cr->params[i].type == HTTP_PARAM_TEXT)
			args[i].len = normalize_newlines(value, value_len);
	}
	return GK_OK;
}

/* --- Compiling the table -------------------------------------------------- */

static const char *method_name(enum http_method m)
{
	switch (m) {
	case HTTP_GET:
		return "GET";
	case HTTP_HEAD:
		return "HEAD";
	case HTTP_POST:
		return "POST";
	case HTTP_PUT:
		return "PUT";
	case HTTP_DELETE:
		return "DELETE";
	case HTTP_OTHER:
		break;
	}
	return "?";
}

void http_methods_format(unsigned mask, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (unsigned bit = HTTP_GET; bit < HTTP_OTHER; bit <<= 1) {
		if (!(mask & bit))
			continue;
		int w = snprintf(out + n, size - n, "%s%s", n ? ", " : "", method_name(bit));
		if (w < 0 || (size_t)w >= size - n)
			return;
		n += (size_t)w;
	}
}

static bool valid_param_name(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.' || c == '[' || c == ']'))
			return false;
	}
	return true;
}

#define ROUTE_ERR(m, r, fmt, ...)                                                                  \
	gk_errf(m, GK_EINVAL, "route %s %s: " fmt, method_name((r)->method), (r)->pattern,         \
		__VA_ARGS__)

static enum gk_err compile_params(const struct http_route *r, struct compiled_route *cr,
				  struct gk_errmsg *m)
{
	cr->params = r->params;
	for (cr->nparams = 0; r->params && r->params[cr->nparams].name; cr->nparams++) {
		const struct http_param *p = &r->params[cr->nparams];
		if (cr->nparams == HTTP_MAX_PARAMS)
			return ROUTE_ERR(m, r, "more than %d parameters", HTTP_MAX_PARAMS);
		if (!valid_param_name(p->name, strlen(p->name)))
			return ROUTE_ERR(m, r, "parameter name '%s' is not [A-Za-z0-9_.[]-]+",
					 p->name);
		if (param_index(r->params, cr->nparams, p->name, strlen(p->name)) >= 0)
			return ROUTE_ERR(m, r, "parameter '%s' is declared twice", p->name);
		if (p->type > HTTP_PARAM_CODE)
			return ROUTE_ERR(m, r, "parameter '%s' has no known type", p->name);
		if (p->type == HTTP_PARAM_INT && p->min > p->max)
			return ROUTE_ERR(m, r, "parameter '%s': min is above max", p->name);
	}
	return GK_OK;
}

static enum gk_err compile_pattern(const struct http_route *r, struct compiled_route *cr,
				   struct gk_errmsg *m)
{
	struct str rest, pat = str_from_cstr(r->pattern);

	if (pat.len == 0 || pat.ptr[0] != '/')
		return ROUTE_ERR(m, r, "%s", "the pattern must start with '/'");
	if (pat.len == 1)
		return GK_OK;
	rest = str_from(pat, 1);
	while (rest.ptr) {
		struct str s;
		struct pattern_seg *ps;

		rest = str_split(rest, '/', &s);
		if (cr->nseg == HTTP_MAX_SEGMENTS)
			return ROUTE_ERR(m, r, "more than %d segments", HTTP_MAX_SEGMENTS);
		ps = &cr->seg[cr->nseg++];
		*ps = (struct pattern_seg){.literal = s, .param = -1};
		if (s.len == 0)
			return ROUTE_ERR(m, r, "%s", "empty segment (a '//' or a trailing '/')");
		if (s.ptr[0] == '{' && s.ptr[s.len - 1] == '}' && s.len > 2) {
			int i = param_index(cr->params, cr->nparams, s.ptr + 1, s.len - 2);
			if (i < 0)
				return ROUTE_ERR(m, r, "capture %.*s is not declared in params",
						 (int)s.len, s.ptr);
			if (cr->params[i].type == HTTP_PARAM_TEXT)
				return ROUTE_ERR(m, r, "capture %.*s cannot be TEXT", (int)s.len,
						 s.ptr);
			for (size_t j = 0; j + 1 < cr->nseg; j++)
				if (cr->seg[j].param == i)
					return ROUTE_ERR(m, r, "capture %.*s appears twice",
							 (int)s.len, s.ptr);
			ps->param = i;
			continue;
		}
		for (size_t j = 0; j < s.len; j++) {
			unsigned char c = (unsigned char)s.ptr[j];
			if (c <= ' ' || c == 0x7f || strchr("{}%?#", c))
				return ROUTE_ERR(m, r,
						 "segment '%.*s' is neither a literal nor "
						 "a {capture}",
						 (int)s.len, s.ptr);
		}
	}
	return GK_OK;
}

static bool same_shape(const struct compiled_route *a, const struct compiled_route *b)
{
	if (a->route->method != b->route->method || a->nseg != b->nseg)
		return false;
	for (size_t i = 0; i < a->nseg; i++) {
		if ((a->seg[i].param < 0) != (b->seg[i].param < 0))
			return false;
		if (a->seg[i].param < 0 && !str_eq(a->seg[i].literal, b->seg[i].literal))
			return false;
	}
	return true;
}

enum gk_err router_new(const struct http_route *routes, size_t n, struct router **out,
		       struct gk_errmsg *m)
{
	struct router *r = calloc(1, sizeof(*r));
	enum gk_err err = GK_OK;

	*out = NULL;
	if (!r || !(r->routes = calloc(n ? n : 1, sizeof(*r->routes)))) {
		free(r);
		return gk_errf(m, GK_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n && !err; i++) {
		const struct http_route *rt = &routes[i];
		struct compiled_route *cr = &r->routes[i];

		cr->route = rt;
		if (!rt->pattern || !rt->handler)
			err = gk_errf(m, GK_EINVAL, "route %zu has no pattern or no handler", i);
		else if (rt->method != HTTP_GET && rt->method != HTTP_POST &&
			 rt->method != HTTP_PUT && rt->method != HTTP_DELETE)
			err = ROUTE_ERR(m, rt, "%s", "the method must be GET, POST, PUT or DELETE");
		else if (!(err = compile_params(rt, cr, m)))
			err = compile_pattern(rt, cr, m);
		for (size_t j = 0; j < i && !err; j++)
			if (same_shape(&r->routes[j], cr))
				err = ROUTE_ERR(m, rt, "same method and shape as %s",
						r->routes[j].route->pattern);
		r->n = i + 1;
	}
	if (err) {
		router_free(r);
		return err;
	}
	*out = r;
	return GK_OK;
}

void router_free(struct router *r)
{
	if (!r)
		return;
	free(r->routes);
	free(r);
}

/* --- Matching ------------------------------------------------------------- */

/*
 * An empty segment never fills a capture ("/reports//2024"), as an empty
 * query value counts as absent. Path segments are NUL-terminated
 * (http_path_decode), as param_check needs.
 */
static bool capture_ok(const struct http_param *p, struct str seg)
{
	struct http_arg arg;

	return seg.len > 0 && param_check(p, seg.ptr, seg.len, &arg, NULL) == GK_OK;
}

static bool path_matches(const struct compiled_route *cr, const struct http_path *path)
{
	if (path->too_deep || cr->nseg != path->nseg)
		return false;
	for (size_t i = 0; i < cr->nseg; i++) {
		const struct pattern_seg *ps = &cr->seg[i];
		if (ps->param < 0 ? !str_eq(ps->literal, path->seg[i])
				  : !capture_ok(&cr->params[ps->param], path->seg[i]))
			return false;
	}
	return true;
}

/* a is more specific than b: a literal where b captures, leftmost first. */
static bool more_specific(const struct compiled_route *a, const struct compiled_route *b)
{
	for (size_t i = 0; i < a->nseg; i++) {
		bool la = a->seg[i].param < 0, lb = b->seg[i].param < 0;
		if (la != lb)
			return la;
	}
	return false;
}

void router_match(const struct router *r, enum http_method method, const struct http_path *path,
		  struct router_match *out)
{
	const struct compiled_route *best = NULL;
	enum http_method want = method == HTTP_HEAD ? HTTP_GET : method;

	*out = (struct router_match){.status = 404};
	for (size_t i = 0; i < r->n; i++) {
		const struct compiled_route *cr = &r->routes[i];
		if (!path_matches(cr, path))
			continue;
		out->allow |= cr->route->method;
		if (cr->route->method == want && (!best || more_specific(cr, best)))
			best = cr;
	}
	if (out->allow & HTTP_GET)
		out->allow |= HTTP_HEAD;
	if (best) {
		out->route = best->route;
		out->compiled = best;
		out->status = 0;
	} else if (out->allow) {
		out->status = 405;
	}
}

/* --- Arguments ------------------------------------------------------------ */

enum gk_err router_args(const struct router_match *match, const struct http_path *path,
			struct str query, struct str form, struct arena *a, struct http_arg **args,
			size_t *nargs, struct gk_errmsg *m)
{
	const struct compiled_route *cr = match->compiled;
	bool seen[HTTP_MAX_PARAMS] = {false}, is_capture[HTTP_MAX_PARAMS] = {false};
	struct http_arg *out;
	enum gk_err err;

	*args = NULL;
	*nargs = 0;
	out = arena_zalloc(a, (cr->nparams ? cr->nparams : 1) * sizeof(*out));
	if (!out)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	for (size_t i = 0; i < cr->nparams; i++)
		out[i].param = &cr->params[i];
	for (size_t i = 0; i < cr->nseg && i < path->nseg; i++) {
		int p = cr->seg[i].param;
		if (p < 0)
			continue;
		is_capture[p] = seen[p] = true;
		err = param_check(&cr->params[p], path->seg[i].ptr, path->seg[i].len, &out[p], m);
		if (err)
			return err;
	}
	err = parse_pairs(cr, is_capture, query, a, out, seen, m);
	if (!err)
		err = parse_pairs(cr, is_capture, form, a, out, seen, m);
	if (err)
		return err;
	for (size_t i = 0; i < cr->nparams; i++)
		if (cr->params[i].required && !out[i].str)
			return gk_errf(m, GK_EINVAL, "parameter '%s' is missing",
				       cr->params[i].name);
	*args = out;
	*nargs = cr->nparams;
	return GK_OK;
}
