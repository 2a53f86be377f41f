/*
 * http.h: the HTTP server core of `gongkai serve`, over libmicrohttpd.
 *
 * The application hands http_server_start() a table of routes. Each route
 * names a method, a path pattern ("/documents/{id}") and the parameters it
 * accepts, with their types and limits; the core does everything else:
 *
 *   - decodes and checks the path (percent-escapes, UTF-8, no "." or ".."
 *     segments, no NUL or control bytes) and finds the route: 404 for an
 *     unknown path, 405 with Allow for a known path and another method;
 *   - parses the query string (and, for POST and PUT, an
 *     application/x-www-form-urlencoded or multipart/form-data body) and
 *     checks every declared
 *     parameter: 400 naming the parameter when one is malformed, too long,
 *     out of range, missing or repeated. Undeclared parameters are dropped;
 *     a handler never sees them;
 *   - enforces the limits (URL 414, header block 431, body 413) and counts
 *     in-flight requests so that a stop finishes them;
 *   - after the handler: HEAD without body, a strong ETag from the body,
 *     304 for a matching If-None-Match / If-Modified-Since, gzip for text
 *     over HTTP_GZIP_MIN bytes when the client accepts it, the security
 *     headers on every response (errors and static files too), one access
 *     log line per request;
 *   - serves the in-memory static files (static_files.h) under /static/.
 *
 * Handlers run on the server's pool threads, several at once: they must
 * use no shared mutable state without a lock (per-thread database
 * connections come from web_app_store(), app.h). Everything a handler
 * allocates for the request comes from req->arena and needs no freeing.
 * docs/http.md explains the choices.
 */
#ifndef GK_WEB_HTTP_H
#define GK_WEB_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "base/str.h"

/* --- Named limits --------------------------------------------------------- */

#define HTTP_MAX_URL	       (8u << 10)  /* request target, path and query: 414 */
#define HTTP_MAX_HEADER_BYTES  (16u << 10) /* all request header lines: 431 */
#define HTTP_DEFAULT_MAX_BODY  (1u << 20)  /* a request body, unless the route says: 413 */
#define HTTP_MAX_RESPONSE      (64u << 20) /* a response body a handler builds */
#define HTTP_ARENA_MAX	       (16u << 20) /* one request's arena */
#define HTTP_PARAM_MAX_LEN     256	   /* a parameter value (bytes) unless declared */
#define HTTP_MAX_SEGMENTS      32	   /* path segments a route pattern may have */
#define HTTP_MAX_PARAMS	       32	   /* parameters a route may declare */
#define HTTP_MAX_EXTRA_HEADERS 8	   /* headers a handler may add to a response */
#define HTTP_GZIP_MIN	       1024	   /* smaller bodies are sent as they are */
#define HTTP_DRAIN_SECONDS     10	   /* how long a stop waits for in-flight requests */
/* A multipart/form-data body: the bytes of its parts without a file (400 past it). */
#define HTTP_MAX_FORM_FIELDS (256u << 10)

/* --- Routes and their parameters ------------------------------------------ */

/* Bits, so that a 405's Allow header is a mask. */
enum http_method {
	HTTP_GET = 1 << 0,
	HTTP_HEAD = 1 << 1, /* served by the GET route of the path, without body */
	HTTP_POST = 1 << 2,
	HTTP_PUT = 1 << 3,
	HTTP_DELETE = 1 << 4,
	HTTP_OTHER = 1 << 5, /* any other method: never routed */
};

enum http_param_type {
	HTTP_PARAM_STRING, /* one line of UTF-8 text: no control characters */
	HTTP_PARAM_TEXT,   /* UTF-8 text of several lines (a textarea): tab and
			    * newlines allowed, CR LF and lone CR become LF */
	HTTP_PARAM_INT,	   /* a decimal integer in [min, max] */
	HTTP_PARAM_DATE,   /* YYYY-MM-DD, a real date (base/date.h) */
	HTTP_PARAM_CODE,   /* an identifier: [A-Za-z0-9_-]+ (agency codes, enum values) */
};

/*
 * One parameter a route accepts. A parameter whose name appears in the
 * route's pattern as {name} is taken from that path segment (and is then
 * required by construction; a value that fails its type makes the path
 * not match, so the answer is 404); every other one comes from the query
 * string, or for POST and PUT from the query string and the form body.
 * An empty value ("?q=") counts as absent: that is what an untouched form
 * field sends.
 */
struct http_param {
	const char *name;
	enum http_param_type type;
	size_t max_len;	    /* bytes after decoding; 0 means HTTP_PARAM_MAX_LEN */
	long long min, max; /* HTTP_PARAM_INT: the allowed range */
	bool required;	    /* absent: 400 "parameter 'x' is missing" */
};

struct http_request;
struct http_response;
struct multipart;

/*
 * A handler fills res (status, body, headers) from req. It cannot fail:
 * on a problem it calls http_error(), which fills res with the error page.
 */
typedef void http_handler(struct http_request *req, struct http_response *res);

struct http_route {
	enum http_method method; /* one of GET, POST, PUT, DELETE */
	/*
	 * "/", "/documents", "/documents/{id}", "/api/v1/reports/{agency}/{year}":
	 * literal segments and whole-segment captures. Of two routes that
	 * both match a path, the one with a literal segment where the other
	 * has a capture (the leftmost difference) wins.
	 */
	const char *pattern;
	/* Terminated by an entry with a NULL name; NULL when none. */
	const struct http_param *params;
	http_handler *handler;
	size_t max_body; /* POST and PUT: bytes accepted; 0 means the server's limit */
	/*
	 * The access log shows the query string of this route. Off by
	 * default: queries may carry personal data (an applicant's name
	 * searched for), and form bodies are never logged at all.
	 */
	bool log_query;
};

/* The parsed value of one declared parameter. */
struct http_arg {
	const struct http_param *param;
	const char *str; /* decoded, NUL-terminated; NULL when absent */
	size_t len;
	long long num; /* HTTP_PARAM_INT */
	gk_date date;  /* HTTP_PARAM_DATE */
};

/* --- The request ---------------------------------------------------------- */

struct http_request {
	enum http_method method;
	/*
	 * The decoded path ("/documents/42"). When the path itself was
	 * refused (a 400 before routing) it is the raw path as received, so
	 * an error page can still tell /api/ from the rest.
	 */
	const char *path;
	const struct http_route *route; /* NULL for static files and routing errors */
	const struct http_arg *args;	/* one per route->params entry, in order */
	size_t nargs;

	/* Request headers the core uses; NULL when absent. */
	const char *if_none_match;
	const char *if_modified_since;
	const char *accept_encoding;
	const char *content_type;

	const char *client;  /* the peer's address, "127.0.0.1" or "::1" */
	struct str body;     /* POST and PUT: the bytes received, NUL-terminated */
	/*
	 * A multipart/form-data body (web/multipart.h), files included; NULL
	 * for any other. Its parts without a filename are also read as the
	 * declared parameters, like an urlencoded form.
	 */
	const struct multipart *multipart;
	struct arena *arena; /* freed when the request ends */
	void *app;	     /* http_config.app */
};

/* The declared parameter name, or NULL when the route declares no such name. */
const struct http_arg *http_arg(const struct http_request *req, const char *name);
/* Its decoded value, or NULL when absent (or not declared). */
const char *http_arg_str(const struct http_request *req, const char *name);
/* Its value, or dflt when absent. */
long long http_arg_int(const struct http_request *req, const char *name, long long dflt);
/* Its value, or 0 when absent. */
gk_date http_arg_date(const struct http_request *req, const char *name);

/* Any request header (case-insensitive name); NULL when absent. */
const char *http_header(const struct http_request *req, const char *name);

/* --- The response --------------------------------------------------------- */

struct http_header {
	const char *name, *value;
};

/*
 * What a handler fills. The core starts it as: status 200, content type
 * "text/html; charset=utf-8", empty body, may_gzip true, everything else
 * unset. Strings given here must live until the request ends: literals,
 * or strings from req->arena.
 */
struct http_response {
	unsigned status;
	const char *content_type;
	/* The body. Appends past HTTP_MAX_RESPONSE fail the buffer: 500. */
	struct buf body;
	/*
	 * Or a body that outlives every request (a constant): used instead of
	 * body when not NULL, and never copied.
	 */
	const char *fixed;
	size_t fixed_len;
	/*
	 * Strong validator, with its quotes. NULL: for a 200 the core derives
	 * one from the body (the same bytes give the same tag on every thread
	 * and every restart).
	 */
	const char *etag;
	time_t last_modified; /* 0: no Last-Modified, no If-Modified-Since */
	/* NULL: "no-cache" for 2xx (revalidate with the ETag), "no-store" otherwise. */
	const char *cache_control;
	/* gzip is allowed (text types only, over HTTP_GZIP_MIN bytes). */
	bool may_gzip;
	/* NULL: the default Content-Security-Policy (headers.c); else this one,
	 * for a page that needs more (a letter's one hashed inline style). */
	const char *csp;
	struct http_header headers[HTTP_MAX_EXTRA_HEADERS];
	size_t nheaders;
};

/*
 * Add a header to the response. Returns false (and adds nothing) when
 * HTTP_MAX_EXTRA_HEADERS are already there, or when the name or value
 * holds a CR, LF or NUL.
 */
bool http_header_add(struct http_response *res, const char *name, const char *value);

/*
 * Turn res into the error page for status: discard the body and headers
 * set so far, then call the configured error hook with the formatted
 * message (one sentence naming what was wrong, never echoing a value the
 * client sent). Error pages are not cached.
 */
void http_error(struct http_request *req, struct http_response *res, unsigned status,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * 303 See Other to a path of this site (after a POST). A location that
 * does not start with a single '/' is a bug of the caller: 500.
 */
void http_redirect(struct http_request *req, struct http_response *res, const char *location);

/* "Not Found" for 404, …; "" for a status it does not know. */
const char *http_status_text(unsigned status);

/* --- The server ----------------------------------------------------------- */

/*
 * Renders the page of an error status. message is one sentence for a
 * person. The hook writes content_type and body (and may add headers);
 * the core has already set the status. It decides HTML or JSON, e.g. JSON
 * for paths under /api/. NULL: a plain-text page.
 */
typedef void http_error_hook(const struct http_request *req, struct http_response *res,
			     unsigned status, const char *message);

struct static_files;

struct http_config {
	const char *listen;	  /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one */
	unsigned threads;	  /* pool threads (each holds its own database connection) */
	unsigned max_connections; /* beyond it new connections are refused */
	size_t connection_memory; /* MHD's buffer per connection: request head + write buffer */
	unsigned timeout_seconds; /* an idle connection is closed after this */
	size_t max_body;	  /* default limit of a request body */
	const struct http_route *routes;
	size_t nroutes;
	const struct static_files *statics; /* served under /static/; may be NULL */
	http_error_hook *error_page;
	FILE *access_log; /* NULL: no access log */
	void *app;	  /* handed to every handler as req->app */
};

/* The defaults: 127.0.0.1:8080, one thread per CPU, 1024 connections, … */
void http_config_defaults(struct http_config *cfg);

struct http_server;

/*
 * Check the routes, bind the address and start serving on the pool
 * threads. GK_EINVAL for a bad listen address or route table (the message
 * names the route); GK_EIO when the address cannot be bound. cfg (and the
 * routes, statics and app it points to) must outlive the server.
 */
enum gk_err http_server_start(const struct http_config *cfg, struct http_server **out,
			      struct gk_errmsg *m);

/* "127.0.0.1:8080" as bound (the real port when port 0 was asked for). */
const char *http_server_address(const struct http_server *s);

/*
 * Stop accepting, let the requests in flight finish (at most
 * HTTP_DRAIN_SECONDS), close every connection and free the server.
 * s may be NULL.
 */
void http_server_stop(struct http_server *s);

#endif
