/*
 * router.h: from a raw request target to a route and its checked
 * parameters, with no I/O — so it can be unit-tested and fuzzed alone.
 *
 * Three steps, each refusing with a message for a person:
 *   http_path_decode  the raw path → decoded segments (400 when malformed)
 *   router_match      segments + method → route (404, 405 with Allow)
 *   router_args       the route's declared parameters from the path
 *                     captures, the query string and a form body (400
 *                     naming the parameter)
 * The route table's types (struct http_route, struct http_param) are in
 * http.h, since handlers declare them.
 */
#ifndef GK_WEB_ROUTER_H
#define GK_WEB_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/str.h"
#include "web/http.h"

/* A decoded path. Everything points into the arena it was decoded into. */
struct http_path {
	const char *decoded; /* "/a/b", NUL-terminated */
	size_t len;
	struct str seg[HTTP_MAX_SEGMENTS]; /* each NUL-terminated; "/" has none */
	size_t nseg;
	bool too_deep; /* more segments than a route may have: no route matches */
};

/*
 * Decode raw (the request target up to '?', starting with '/'): split at
 * '/', then percent-decode each segment, so "%2F" stays inside its segment.
 * GK_EINVAL with a message when the path does not start with '/', has a
 * malformed escape, decodes to invalid UTF-8, a NUL or another control
 * character, or has a "." or ".." segment (which would name a parent: never
 * needed, refused rather than resolved). GK_ENOMEM when the arena refuses.
 */
enum gk_err http_path_decode(struct arena *a, struct str raw, struct http_path *out,
			     struct gk_errmsg *m);

struct router;

/*
 * Compile the table. GK_EINVAL naming the route (its method and pattern)
 * when a pattern is malformed, a capture is not declared in params, two
 * parameters share a name, an INT range is empty, a TEXT parameter is a
 * capture, or two routes have the same method and pattern shape.
 * The table must outlive the router.
 */
enum gk_err router_new(const struct http_route *routes, size_t n, struct router **out,
		       struct gk_errmsg *m);
void router_free(struct router *r);

struct compiled_route;

struct router_match {
	const struct http_route *route;	       /* NULL when status is not 0 */
	const struct compiled_route *compiled; /* the router's copy, for router_args */
	unsigned status;		       /* 0 matched, 404, 405 */
	unsigned allow;			       /* 405: enum http_method bits the path has */
};

/* Find the route of method (HEAD finds GET routes) and path. */
void router_match(const struct router *r, enum http_method method, const struct http_path *path,
		  struct router_match *out);

/*
 * Parse the declared parameters of the matched route (match->status 0):
 * captures from path, then the
 * raw query string and the raw form body (application/x-www-form-urlencoded;
 * pass an empty str when there is none). *args gets one struct http_arg
 * per declared parameter, in declaration order, in the arena. Undeclared
 * names are skipped. GK_EINVAL with "parameter 'NAME': what is wrong" (a
 * malformed escape, invalid UTF-8, a control character, too long, not a
 * number, out of range, not a date, not a code, given twice, missing);
 * GK_ENOMEM when the arena refuses.
 */
enum gk_err router_args(const struct router_match *match, const struct http_path *path,
			struct str query, struct str form, struct arena *a, struct http_arg **args,
			size_t *nargs, struct gk_errmsg *m);

/* "GET, HEAD, POST" for a mask of enum http_method bits, into out. */
void http_methods_format(unsigned mask, char *out, size_t size);

#endif
