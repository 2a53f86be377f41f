/*
 * Unit tests for web/router (path decoding, matching, declared parameters)
 * and web/headers (entity tags, dates, content codings).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "web/headers.h"
#include "web/router.h"

#include "base/banned.h"

static void handler(struct http_request *req, struct http_response *res)
{
	(void)req, (void)res;
}

static const struct http_param doc_params[] = {
    {"id", HTTP_PARAM_INT, 0, 1, 1000000000, false},
    {"format", HTTP_PARAM_CODE, 8, 0, 0, false},
    {NULL},
};
static const struct http_param new_doc_params[] = {
    {"title", HTTP_PARAM_STRING, 20, 0, 0, true},
    {"body", HTTP_PARAM_TEXT, 0, 0, 0, false},
    {"date", HTTP_PARAM_DATE, 0, 0, 0, false},
    {"kind", HTTP_PARAM_CODE, 0, 0, 0, false},
    {NULL},
};
static const struct http_param report_params[] = {
    {"agency", HTTP_PARAM_CODE, 64, 0, 0, false},
    {"year", HTTP_PARAM_INT, 0, 2008, 2100, false},
    {NULL},
};
static const struct http_param search_params[] = {
    {"q", HTTP_PARAM_STRING, 0, 0, 0, false},
    {"page", HTTP_PARAM_INT, 0, 1, 100, false},
    {"from", HTTP_PARAM_DATE, 0, 0, 0, false},
    {NULL},
};

static const struct http_route routes[] = {
    {HTTP_GET, "/", NULL, handler, 0, false},
    {HTTP_GET, "/documents/{id}", doc_params, handler, 0, false},
    {HTTP_GET, "/documents/new", NULL, handler, 0, false},
    {HTTP_POST, "/documents", new_doc_params, handler, 0, false},
    {HTTP_DELETE, "/documents/{id}", doc_params, handler, 0, false},
    {HTTP_GET, "/api/v1/reports/{agency}/{year}", report_params, handler, 0, false},
    {HTTP_GET, "/search", search_params, handler, 0, true},
};
#define NROUTES (sizeof(routes) / sizeof(routes[0]))

struct fixture {
	struct router *r;
	struct arena a;
	struct http_path path;
	struct router_match match;
	struct http_arg *args;
	size_t nargs;
	struct gk_errmsg m;
};

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	assert_int_equal(router_new(routes, NROUTES, &f.r, &f.m), GK_OK);
	arena_init(&f.a, 1u << 20);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	router_free(f->r);
	arena_release(&f->a);
	return 0;
}

static struct str s(const char *c)
{
	return str_from_cstr(c);
}

/* Decode and match raw_path with method; returns the match status (0, 404, 405, or 400). */
static unsigned route(struct fixture *f, enum http_method method, const char *raw_path)
{
	if (http_path_decode(&f->a, s(raw_path), &f->path, &f->m) != GK_OK)
		return 400;
	router_match(f->r, method, &f->path, &f->match);
	return f->match.status;
}

/* Route and parse; returns 0, the routing status, or 400 for a parameter error. */
static unsigned request(struct fixture *f, enum http_method method, const char *raw_path,
			const char *query, const char *form)
{
	unsigned st = route(f, method, raw_path);

	if (st)
		return st;
	if (router_args(&f->match, &f->path, s(query), s(form), &f->a, &f->args, &f->nargs,
			&f->m) != GK_OK)
		return 400;
	return 0;
}

static const struct http_arg *arg(struct fixture *f, const char *name)
{
	for (size_t i = 0; i < f->nargs; i++)
		if (!strcmp(f->args[i].param->name, name))
			return &f->args[i];
	fail_msg("no parameter %s", name);
	return NULL;
}

/* --- Path decoding --------------------------------------------------------- */

static void test_path_decode(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(http_path_decode(&f->a, s("/"), &f->path, &f->m), GK_OK);
	assert_int_equal(f->path.nseg, 0);
	assert_string_equal(f->path.decoded, "/");

	assert_int_equal(
	    http_path_decode(&f->a, s("/org/%E5%85%AC%E5%BC%80/a%2Fb"), &f->path, &f->m), GK_OK);
	assert_int_equal(f->path.nseg, 3);
	assert_string_equal(f->path.seg[1].ptr, "公开");
	/* An encoded slash stays inside its segment. */
	assert_string_equal(f->path.seg[2].ptr, "a/b");
	assert_string_equal(f->path.decoded, "/org/公开/a/b");
	/* '+' is a plus in a path (only forms encode space as '+'). */
	assert_int_equal(http_path_decode(&f->a, s("/a+b"), &f->path, &f->m), GK_OK);
	assert_string_equal(f->path.seg[0].ptr, "a+b");
	assert_int_equal(http_path_decode(&f->a, s("/a/"), &f->path, &f->m), GK_OK);
	assert_int_equal(f->path.nseg, 2);
	assert_int_equal(f->path.seg[1].len, 0);
}

static void test_path_refused(void **state)
{
	static const char *const bad[] = {
	    "",	       "documents", "/%zz",    "/%4",	     "/%",     "/..",
	    "/a/../b", "/.",	    "/%2e%2e", "/%2E%2e/x",  "/a%00b", "/%0a",
	    "/%7f",    "/%ff",	    "/%c0%af", "/%ed%a0%80", "/a\tb",
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f->m.text[0] = '\0';
		if (http_path_decode(&f->a, s(bad[i]), &f->path, &f->m) != GK_EINVAL)
			fail_msg("'%s' was accepted", bad[i]);
		assert_true(f->m.text[0] != '\0');
	}
	/* "..." and ".x" are ordinary names. */
	assert_int_equal(http_path_decode(&f->a, s("/.../.x"), &f->path, &f->m), GK_OK);
}

static void test_path_too_deep(void **state)
{
	struct fixture *f = *state;
	char deep[3 * (HTTP_MAX_SEGMENTS + 2) + 1] = "";

	for (int i = 0; i < HTTP_MAX_SEGMENTS + 2; i++)
		memcpy(deep + 2 * i, "/a", 3);
	assert_int_equal(http_path_decode(&f->a, s(deep), &f->path, &f->m), GK_OK);
	assert_true(f->path.too_deep);
	assert_int_equal(route(f, HTTP_GET, deep), 404);
}

/* --- Matching -------------------------------------------------------------- */

static void test_match(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(route(f, HTTP_GET, "/"), 0);
	assert_string_equal(f->match.route->pattern, "/");
	assert_int_equal(route(f, HTTP_GET, "/documents/42"), 0);
	assert_string_equal(f->match.route->pattern, "/documents/{id}");
	/* A literal beats a capture, whatever the table order. */
	assert_int_equal(route(f, HTTP_GET, "/documents/new"), 0);
	assert_string_equal(f->match.route->pattern, "/documents/new");
	/* HEAD is served by the GET route. */
	assert_int_equal(route(f, HTTP_HEAD, "/documents/42"), 0);
	assert_int_equal(f->match.route->method, HTTP_GET);
	assert_int_equal(route(f, HTTP_DELETE, "/documents/42"), 0);
	assert_int_equal(f->match.route->method, HTTP_DELETE);
	assert_int_equal(route(f, HTTP_GET, "/api/v1/reports/gov-1/2024"), 0);
}

static void test_not_found(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(route(f, HTTP_GET, "/nothing"), 404);
	assert_null(f->match.route);
	assert_int_equal(route(f, HTTP_GET, "/documents/42/more"), 404);
	assert_int_equal(route(f, HTTP_GET, "/documents/"), 404);
	assert_int_equal(route(f, HTTP_GET, "//"), 404);
	/* A capture that fails its type does not match. */
	assert_int_equal(route(f, HTTP_GET, "/documents/abc"), 404);
	assert_int_equal(route(f, HTTP_GET, "/documents/0"), 404);
	assert_int_equal(route(f, HTTP_GET, "/documents/99999999999999999999"), 404);
	assert_int_equal(route(f, HTTP_GET, "/api/v1/reports/gov-1/1999"), 404);
	assert_int_equal(route(f, HTTP_GET, "/api/v1/reports/gov%201/2024"), 404);
	/* An empty segment does not fill a capture (found by fuzz_router). */
	assert_int_equal(route(f, HTTP_GET, "/api/v1/reports//2024"), 404);
	assert_int_equal(route(f, HTTP_OTHER, "/nothing"), 404);
}

static void test_method_not_allowed(void **state)
{
	struct fixture *f = *state;
	char allow[64];

	assert_int_equal(route(f, HTTP_POST, "/documents/42"), 405);
	http_methods_format(f->match.allow, allow, sizeof(allow));
	assert_string_equal(allow, "GET, HEAD, DELETE");
	assert_int_equal(route(f, HTTP_GET, "/documents"), 405);
	http_methods_format(f->match.allow, allow, sizeof(allow));
	assert_string_equal(allow, "POST");
	assert_int_equal(route(f, HTTP_OTHER, "/"), 405);
	http_methods_format(f->match.allow, allow, sizeof(allow));
	assert_string_equal(allow, "GET, HEAD");
}

/* --- Parameters ------------------------------------------------------------ */

static void test_args_typed(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(request(f, HTTP_GET, "/search",
				 "q=%E6%94%BF%E5%BA%9C+%E5%85%AC%E5%BC%80"
				 "&page=3&from=2024-02-29",
				 ""),
			 0);
	assert_int_equal(f->nargs, 3);
	assert_string_equal(arg(f, "q")->str, "政府 公开");
	assert_int_equal(arg(f, "page")->num, 3);
	assert_int_equal(arg(f, "from")->date, date_from_ymd(2024, 2, 29));

	assert_int_equal(request(f, HTTP_GET, "/api/v1/reports/gov_1-x/2024", "", ""), 0);
	assert_string_equal(arg(f, "agency")->str, "gov_1-x");
	assert_int_equal(arg(f, "year")->num, 2024);
}

static void test_args_undeclared_and_empty(void **state)
{
	struct fixture *f = *state;

	/* Undeclared names vanish, even malformed ones; empty values are absent. */
	assert_int_equal(request(f, HTTP_GET, "/search", "utm=x&%zz=1&q=&&page&=5&Q=upper", ""), 0);
	assert_int_equal(f->nargs, 3);
	for (size_t i = 0; i < f->nargs; i++)
		assert_null(f->args[i].str);
	/* A query parameter cannot override a capture. */
	assert_int_equal(request(f, HTTP_GET, "/documents/7", "id=8", ""), 0);
	assert_int_equal(arg(f, "id")->num, 7);
	/* A route without parameters ignores every one. */
	assert_int_equal(request(f, HTTP_GET, "/", "a=1&b=%zz", ""), 0);
	assert_int_equal(f->nargs, 0);
}

/* Expect 400 with a message containing both the parameter and what. */
static void refused(struct fixture *f, enum http_method method, const char *path, const char *query,
		    const char *form, const char *what)
{
	f->m.text[0] = '\0';
	if (request(f, method, path, query, form) != 400)
		fail_msg("%s?%s was accepted", path, query);
	if (!strstr(f->m.text, what))
		fail_msg("%s?%s: message '%s' lacks '%s'", path, query, f->m.text, what);
}

static void test_args_refused(void **state)
{
	struct fixture *f = *state;

	refused(f, HTTP_GET, "/search", "page=x", "", "'page': not a whole number");
	refused(f, HTTP_GET, "/search", "page=+3", "", "'page': not a whole number");
	refused(f, HTTP_GET, "/search", "page=3.0", "", "'page': not a whole number");
	refused(f, HTTP_GET, "/search", "page=-", "", "'page': not a whole number");
	refused(f, HTTP_GET, "/search", "page=0", "", "'page': must be from 1 to 100");
	refused(f, HTTP_GET, "/search", "page=101", "", "'page': must be from 1 to 100");
	refused(f, HTTP_GET, "/search", "page=99999999999999999999999", "",
		"'page': must be from 1 to 100");
	refused(f, HTTP_GET, "/search", "from=2023-02-29", "", "'from': not a date");
	refused(f, HTTP_GET, "/search", "from=20240101", "", "'from': not a date");
	refused(f, HTTP_GET, "/search", "q=a&q=b", "", "'q': given more than once");
	refused(f, HTTP_GET, "/search", "q=&q=b", "", "'q': given more than once");
	refused(f, HTTP_GET, "/search", "q=%e4%b8", "", "'q': not valid UTF-8");
	refused(f, HTTP_GET, "/search", "q=a%00b", "", "'q': contains a NUL byte");
	refused(f, HTTP_GET, "/search", "q=a%0Ab", "", "'q': control characters");
	refused(f, HTTP_GET, "/search", "q=%C2%85", "", "'q': control characters");
	refused(f, HTTP_GET, "/search", "q=%zz", "", "'q': malformed %-escape");
	refused(f, HTTP_GET, "/documents/5", "format=pdf.x", "", "'format': only letters");
	refused(f, HTTP_GET, "/documents/5", "format=123456789", "", "'format': longer than 8");
	refused(f, HTTP_POST, "/documents", "", "body=x", "'title' is missing");
	refused(f, HTTP_POST, "/documents", "", "title=", "'title' is missing");
	refused(f, HTTP_POST, "/documents", "title=a", "title=b", "'title': given more than once");
	/* 20 bytes allowed: 7 three-byte characters are 21. */
	refused(f, HTTP_POST, "/documents", "",
		"title=%E5%85%AC%E5%85%AC%E5%85%AC%E5%85%AC"
		"%E5%85%AC%E5%85%AC%E5%85%AC",
		"'title': longer than 20 bytes");
}

static void test_args_form_and_text(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(request(f, HTTP_POST, "/documents", "kind=notice",
				 "title=%E9%80%9A%E7%9F%A5&body=line+1%0D%0Aline%092%0Dend"),
			 0);
	assert_string_equal(arg(f, "title")->str, "通知");
	assert_string_equal(arg(f, "kind")->str, "notice");
	/* CR LF and lone CR become LF; tab stays. */
	assert_string_equal(arg(f, "body")->str, "line 1\nline\t2\nend");
	assert_int_equal(arg(f, "body")->len, strlen("line 1\nline\t2\nend"));
	assert_null(arg(f, "date")->str);
}

/* --- The table itself ------------------------------------------------------- */

static void table_refused(const struct http_route *r, size_t n, const char *what)
{
	struct router *rt = NULL;
	struct gk_errmsg m = {{0}};

	if (router_new(r, n, &rt, &m) != GK_EINVAL)
		fail_msg("table with '%s' was accepted", what);
	assert_null(rt);
	if (!strstr(m.text, what))
		fail_msg("message '%s' lacks '%s'", m.text, what);
}

static void test_table_refused(void **state)
{
	static const struct http_param text_p[] = {{.name = "t", .type = HTTP_PARAM_TEXT}, {NULL}};
	static const struct http_param twice[] = {{.name = "a", .type = HTTP_PARAM_STRING},
						  {.name = "a", .type = HTTP_PARAM_INT},
						  {NULL}};
	static const struct http_param range[] = {
	    {.name = "n", .type = HTTP_PARAM_INT, .min = 5, .max = 1}, {NULL}};
	static const struct http_param badname[] = {{.name = "a b", .type = HTTP_PARAM_STRING},
						    {NULL}};
	const struct http_route undeclared[] = {
	    {.method = HTTP_GET, .pattern = "/x/{id}", .handler = handler}};
	const struct http_route trailing[] = {
	    {.method = HTTP_GET, .pattern = "/x/", .handler = handler}};
	const struct http_route relative[] = {
	    {.method = HTTP_GET, .pattern = "x", .handler = handler}};
	const struct http_route brace[] = {
	    {.method = HTTP_GET, .pattern = "/x{id}", .handler = handler}};
	const struct http_route head[] = {
	    {.method = HTTP_HEAD, .pattern = "/x", .handler = handler}};
	const struct http_route nohandler[] = {
	    {.method = HTTP_GET, .pattern = "/x", .handler = NULL}};
	const struct http_route textcap[] = {
	    {.method = HTTP_GET, .pattern = "/x/{t}", .params = text_p, .handler = handler}};
	const struct http_route dup[] = {
	    {.method = HTTP_GET, .pattern = "/x/{id}", .params = doc_params, .handler = handler},
	    {.method = HTTP_GET,
	     .pattern = "/x/{format}",
	     .params = doc_params,
	     .handler = handler}};
	const struct http_route dupparam[] = {
	    {.method = HTTP_GET, .pattern = "/x", .params = twice, .handler = handler}};
	const struct http_route badrange[] = {
	    {.method = HTTP_GET, .pattern = "/x", .params = range, .handler = handler}};
	const struct http_route badparam[] = {
	    {.method = HTTP_GET, .pattern = "/x", .params = badname, .handler = handler}};
	const struct http_route twicecap[] = {{.method = HTTP_GET,
					       .pattern = "/x/{id}/{id}",
					       .params = doc_params,
					       .handler = handler}};

	(void)state;
	table_refused(undeclared, 1, "capture {id} is not declared");
	table_refused(trailing, 1, "empty segment");
	table_refused(relative, 1, "must start with '/'");
	table_refused(brace, 1, "neither a literal nor a {capture}");
	table_refused(head, 1, "the method must be");
	table_refused(nohandler, 1, "no pattern or no handler");
	table_refused(textcap, 1, "cannot be TEXT");
	table_refused(dup, 2, "same method and shape as /x/{id}");
	table_refused(dupparam, 1, "declared twice");
	table_refused(badrange, 1, "min is above max");
	table_refused(badparam, 1, "parameter name 'a b'");
	table_refused(twicecap, 1, "appears twice");
}

/* --- headers.h ------------------------------------------------------------- */

static void test_etags(void **state)
{
	char a[HTTP_ETAG_SIZE], b[HTTP_ETAG_SIZE], gz[HTTP_ETAG_SIZE];

	(void)state;
	http_etag("hello", 5, false, a);
	http_etag("hello", 5, false, b);
	http_etag("hello", 5, true, gz);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 34);
	assert_true(a[0] == '"' && a[33] == '"');
	assert_int_equal(strncmp(a, gz, 33), 0);
	assert_string_equal(gz + 33, "-gz\"");
	http_etag("hellO", 5, false, b);
	assert_string_not_equal(a, b);

	assert_true(http_etag_matches(a, a));
	assert_true(http_etag_matches("*", a));
	assert_true(http_etag_matches("\"x\", W/\"y\"", "\"y\""));
	assert_true(http_etag_matches(" \"x\" ,\t\"y\" ", "\"y\""));
	assert_false(http_etag_matches("\"x\", \"y\"", "\"z\""));
	assert_false(http_etag_matches("\"y-gz\"", "\"y\""));
	assert_false(http_etag_matches("", "\"y\""));
	assert_false(http_etag_matches(NULL, "\"y\""));
	assert_false(http_etag_matches(",,,", "\"y\""));
}

static void test_dates(void **state)
{
	char out[HTTP_DATE_SIZE];
	time_t t;

	(void)state;
	http_date_format(784111777, out);
	assert_string_equal(out, "Sun, 06 Nov 1994 08:49:37 GMT");
	assert_true(http_date_parse(out, &t));
	assert_int_equal(t, 784111777);
	assert_false(http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", &t));
	assert_false(http_date_parse("Sun Nov  6 08:49:37 1994", &t));
	assert_false(http_date_parse("Sun, 06 Foo 1994 08:49:37 GMT", &t));
	assert_false(http_date_parse("Sun, 06 Nov 1994 25:49:37 GMT", &t));
	assert_false(http_date_parse("Sun, 0x Nov 1994 08:49:37 GMT", &t));
	assert_false(http_date_parse(NULL, &t));
}

static void test_accept_encoding(void **state)
{
	(void)state;
	assert_true(http_accepts_gzip("gzip"));
	assert_true(http_accepts_gzip("gzip, deflate, br"));
	assert_true(http_accepts_gzip("br;q=1.0, GZIP;q=0.5"));
	assert_true(http_accepts_gzip("*"));
	assert_true(http_accepts_gzip("x-gzip"));
	assert_false(http_accepts_gzip("gzip;q=0"));
	assert_false(http_accepts_gzip("gzip; q=0.000, *"));
	assert_false(http_accepts_gzip("*;q=0"));
	assert_false(http_accepts_gzip("identity"));
	assert_false(http_accepts_gzip("gzipx"));
	assert_false(http_accepts_gzip(""));
	assert_false(http_accepts_gzip(NULL));
	assert_true(http_accepts_gzip("gzip;q=0.001"));
}

static void test_types(void **state)
{
	(void)state;
	assert_string_equal(http_type_for_name("portal.css"), "text/css; charset=utf-8");
	assert_string_equal(http_type_for_name("a/b/chart.SVG"), "image/svg+xml");
	assert_string_equal(http_type_for_name("noext"), "application/octet-stream");
	assert_string_equal(http_type_for_name("dir.css/file"), "application/octet-stream");
	assert_true(http_type_compressible("text/html; charset=utf-8"));
	assert_true(http_type_compressible("application/json"));
	assert_true(http_type_compressible("image/svg+xml"));
	assert_false(http_type_compressible("application/jsonx"));
	assert_false(http_type_compressible("image/png"));
	assert_false(http_type_compressible(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_path_decode, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_path_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_path_too_deep, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_match, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_method_not_allowed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_args_typed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_args_undeclared_and_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_args_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_args_form_and_text, setup, teardown),
	    cmocka_unit_test(test_table_refused),
	    cmocka_unit_test(test_etags),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_accept_encoding),
	    cmocka_unit_test(test_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
