/*
 * libFuzzer target for web/router and the header parsers of web/headers.
 *
 * Input: one byte choosing the method, then "PATH\nQUERY\nFORM\nHEADER"
 * (missing parts are empty). The path goes through http_path_decode and
 * router_match over a table like the portal's, the query and form through
 * router_args, and the last part through every request-header parser. Nothing
 * may crash, hang or leak, and what is accepted must keep the contracts:
 * decoded segments are UTF-8 without control characters, NUL-terminated,
 * never "." or ".."; every parameter value fits its declared type and
 * length; a refusal carries a message naming the parameter.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "web/headers.h"
#include "web/router.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static void handler(struct http_request *req, struct http_response *res)
{
	(void)req, (void)res;
}

static const struct http_param doc[] = {
    {.name = "id", .type = HTTP_PARAM_INT, .min = 1, .max = 1000000000},
    {.name = "format", .type = HTTP_PARAM_CODE, .max_len = 8},
    {NULL},
};
static const struct http_param form[] = {
    {.name = "title", .type = HTTP_PARAM_STRING, .max_len = 40, .required = true},
    {.name = "body", .type = HTTP_PARAM_TEXT, .max_len = 4096},
    {.name = "date", .type = HTTP_PARAM_DATE},
    {.name = "n", .type = HTTP_PARAM_INT, .min = -5, .max = 5},
    {NULL},
};
static const struct http_param report[] = {
    {.name = "agency", .type = HTTP_PARAM_CODE, .max_len = 64},
    {.name = "year", .type = HTTP_PARAM_INT, .min = 2008, .max = 2100},
    {NULL},
};
static const struct http_param search[] = {
    {.name = "q", .type = HTTP_PARAM_STRING},
    {.name = "page", .type = HTTP_PARAM_INT, .min = 1, .max = 500},
    {.name = "from", .type = HTTP_PARAM_DATE},
    {.name = "to", .type = HTTP_PARAM_DATE},
    {.name = "org", .type = HTTP_PARAM_CODE},
    {NULL},
};

static const struct http_route routes[] = {
    {.method = HTTP_GET, .pattern = "/", .handler = handler},
    {.method = HTTP_GET, .pattern = "/documents/{id}", .params = doc, .handler = handler},
    {.method = HTTP_GET, .pattern = "/documents/new", .handler = handler},
    {.method = HTTP_POST, .pattern = "/documents", .params = form, .handler = handler},
    {.method = HTTP_GET,
     .pattern = "/api/v1/reports/{agency}/{year}",
     .params = report,
     .handler = handler},
    {.method = HTTP_GET, .pattern = "/search", .params = search, .handler = handler},
    {.method = HTTP_GET, .pattern = "/org/{agency}/guide", .params = report, .handler = handler},
};

static bool clean_text(const char *s, size_t len, bool multiline)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return false;
		if ((cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) &&
		    !(multiline && (cp == '\t' || cp == '\n')))
			return false;
		i += (size_t)n;
	}
	return true;
}

static void check_path(const struct http_path *p)
{
	CHECK(p->decoded[0] == '/' && p->decoded[p->len] == '\0');
	CHECK(strlen(p->decoded) == p->len);
	for (size_t i = 0; i < p->nseg; i++) {
		struct str s = p->seg[i];
		CHECK(s.ptr[s.len] == '\0');
		CHECK(clean_text(s.ptr, s.len, false));
		CHECK(strcmp(s.ptr, ".") && strcmp(s.ptr, ".."));
	}
}

static void check_arg(const struct http_arg *a)
{
	const struct http_param *p = a->param;

	if (!a->str)
		return;
	CHECK(a->len > 0 && a->len <= (p->max_len ? p->max_len : HTTP_PARAM_MAX_LEN));
	CHECK(a->str[a->len] == '\0' && strlen(a->str) == a->len);
	CHECK(clean_text(a->str, a->len, p->type == HTTP_PARAM_TEXT));
	if (p->type == HTTP_PARAM_TEXT)
		CHECK(!memchr(a->str, '\r', a->len));
	if (p->type == HTTP_PARAM_INT)
		CHECK(a->num >= p->min && a->num <= p->max);
	if (p->type == HTTP_PARAM_DATE)
		CHECK(a->len == 10);
	if (p->type == HTTP_PARAM_CODE)
		CHECK(strspn(a->str,
			     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
		      a->len);
}

/* The next '\n'-terminated part of *rest. */
static struct str part(struct str *rest)
{
	struct str head;

	*rest = str_split(*rest, '\n', &head);
	if (!rest->ptr)
		*rest = (struct str){"", 0};
	return head;
}

static void headers(struct str h)
{
	char *s = malloc(h.len + 1);
	char tag[HTTP_ETAG_SIZE];
	time_t t;

	CHECK(s);
	memcpy(s, h.ptr, h.len);
	s[h.len] = '\0';
	http_accepts_gzip(s);
	http_etag(s, h.len, false, tag);
	CHECK(http_etag_matches(tag, tag));
	http_etag_matches(s, tag);
	if (http_date_parse(s, &t)) {
		char back[HTTP_DATE_SIZE];
		time_t t2;
		http_date_format(t, back);
		CHECK(http_date_parse(back, &t2) && t2 == t);
	}
	http_type_compressible(s);
	http_type_for_name(s);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum http_method methods[] = {HTTP_GET, HTTP_HEAD,	  HTTP_POST,
						   HTTP_PUT, HTTP_DELETE, HTTP_OTHER};
	static struct router *r;
	struct gk_errmsg m;
	struct arena a;
	struct http_path path;
	struct router_match match;
	struct http_arg *args;
	size_t nargs;
	struct str rest, raw_path, query, body;
	enum http_method method;
	enum gk_err err;

	if (!r)
		CHECK(router_new(routes, sizeof(routes) / sizeof(routes[0]), &r, &m) == GK_OK);
	if (size == 0)
		return 0;
	method = methods[data[0] % (sizeof(methods) / sizeof(methods[0]))];
	rest = (struct str){(const char *)data + 1, size - 1};
	raw_path = part(&rest);
	query = part(&rest);
	body = part(&rest);
	headers(rest);

	arena_init(&a, HTTP_ARENA_MAX);
	m.text[0] = '\0';
	err = http_path_decode(&a, raw_path, &path, &m);
	if (err) {
		CHECK(err == GK_EINVAL && m.text[0]);
		arena_release(&a);
		return 0;
	}
	check_path(&path);
	router_match(r, method, &path, &match);
	if (match.status == 0) {
		CHECK(match.route && (match.route->method == method ||
				      (method == HTTP_HEAD && match.route->method == HTTP_GET)));
		err = router_args(&match, &path, query, body, &a, &args, &nargs, &m);
		if (err) {
			CHECK(err == GK_EINVAL && strstr(m.text, "parameter '"));
		} else {
			for (size_t i = 0; i < nargs; i++)
				check_arg(&args[i]);
		}
	} else {
		CHECK(!match.route &&
		      (match.status == 404 || (match.status == 405 && match.allow)));
	}
	arena_release(&a);
	return 0;
}
