/*
 * http.c: the server core over libmicrohttpd 0.9.75.
 *
 * One request is one struct exchange, created when MHD has read the
 * request line (the URI log callback, which sees the raw target before
 * MHD unescapes it) and freed when MHD reports the request complete. MHD
 * then calls the access handler at least twice (c-ecosystem §3.1):
 *   1. headers read: decide everything that needs no body (limits, path,
 *      route, body limit) and answer nothing yet, or keep-alive dies;
 *   2. zero or more body chunks: keep them (POST/PUT routes) or drop them;
 *   3. body complete: parse the parameters, run the handler, queue the
 *      response.
 * The one answer given at step 1 is 413 for a Content-Length over the
 * limit: MHD then closes the connection instead of reading the body.
 */
#include "web/http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "web/headers.h"
#include "web/multipart.h"
#include "web/router.h"
#include "web/static_files.h"

#include "base/banned.h"

#define STATIC_PREFIX "/static/"
/* Assets are not fingerprinted: an hour, then revalidate with the ETag. */
#define STATIC_CACHE_CONTROL "public, max-age=3600"

/* The four prepared answers of one static file: [identity, gzip]. */
struct static_responses {
	struct MHD_Response *full[2];
	struct MHD_Response *not_modified[2];
};

struct http_server {
	const struct http_config *cfg;
	struct router *router;
	struct MHD_Daemon *daemon;
	struct static_responses *statics; /* one per static file */
	size_t nstatics;
	atomic_long inflight; /* requests between the URI callback and completion */
	char address[64];
};

struct exchange {
	struct http_request req; /* first: http_error() finds the exchange from req */
	struct http_response res;
	struct arena arena;
	struct http_server *srv;
	struct MHD_Connection *conn;
	struct str raw_path, raw_query;
	size_t raw_len;
	struct http_path path;
	struct router_match match;
	const struct static_file *file;
	size_t file_index;
	struct buf upload;
	size_t max_body, body_seen;
	const char *method_name; /* as the request line named it */
	bool started;
	bool keep_body;		/* a POST/PUT route: the body is kept for it */
	unsigned early_status;	/* an error decided from the head of the request */
	struct gk_errmsg early; /* its message */
	struct timespec t0;
	unsigned status_sent;
	size_t bytes_sent;
};

static struct exchange *exchange_of(const struct http_request *req)
{
	return (struct exchange *)(uintptr_t)req;
}

/* --- Status texts and small helpers --------------------------------------- */

const char *http_status_text(unsigned status)
{
	static const struct {
		unsigned status;
		const char *text;
	} texts[] = {
	    {200, "OK"},
	    {201, "Created"},
	    {204, "No Content"},
	    {301, "Moved Permanently"},
	    {302, "Found"},
	    {303, "See Other"},
	    {304, "Not Modified"},
	    {307, "Temporary Redirect"},
	    {308, "Permanent Redirect"},
	    {400, "Bad Request"},
	    {401, "Unauthorized"},
	    {403, "Forbidden"},
	    {404, "Not Found"},
	    {405, "Method Not Allowed"},
	    {409, "Conflict"},
	    {410, "Gone"},
	    {413, "Content Too Large"},
	    {414, "URI Too Long"},
	    {415, "Unsupported Media Type"},
	    {422, "Unprocessable Content"},
	    {429, "Too Many Requests"},
	    {431, "Request Header Fields Too Large"},
	    {500, "Internal Server Error"},
	    {501, "Not Implemented"},
	    {503, "Service Unavailable"},
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].status == status)
			return texts[i].text;
	return "";
}

static enum http_method method_of(const char *m)
{
	static const struct {
		const char *name;
		enum http_method method;
	} methods[] = {
	    {"GET", HTTP_GET}, {"HEAD", HTTP_HEAD},	{"POST", HTTP_POST},
	    {"PUT", HTTP_PUT}, {"DELETE", HTTP_DELETE},
	};

	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (!strcmp(m, methods[i].name))
			return methods[i].method;
	return HTTP_OTHER;
}

/* The method as the request named it (the log shows "PATCH", not "OTHER"). */
static const char *method_text(const struct exchange *ex)
{
	return ex->method_name ? ex->method_name : "-";
}

static long usec_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000000L + (now.tv_nsec - t0->tv_nsec) / 1000;
}

/* --- Parameters and request headers, for handlers ------------------------- */

const struct http_arg *http_arg(const struct http_request *req, const char *name)
{
	for (size_t i = 0; i < req->nargs; i++)
		if (!strcmp(req->args[i].param->name, name))
			return &req->args[i];
	return NULL;
}

const char *http_arg_str(const struct http_request *req, const char *name)
{
	const struct http_arg *a = http_arg(req, name);

	return a ? a->str : NULL;
}

long long http_arg_int(const struct http_request *req, const char *name, long long dflt)
{
	const struct http_arg *a = http_arg(req, name);

	return a && a->str ? a->num : dflt;
}

gk_date http_arg_date(const struct http_request *req, const char *name)
{
	const struct http_arg *a = http_arg(req, name);

	return a && a->str ? a->date : 0;
}

const char *http_header(const struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(exchange_of(req)->conn, MHD_HEADER_KIND, name);
}

/* --- Building responses --------------------------------------------------- */

static bool header_value_ok(const char *s)
{
	return s && !strpbrk(s, "\r\n");
}

bool http_header_add(struct http_response *res, const char *name, const char *value)
{
	if (res->nheaders == HTTP_MAX_EXTRA_HEADERS || !header_value_ok(name) || !*name ||
	    !header_value_ok(value))
		return false;
	res->headers[res->nheaders++] = (struct http_header){name, value};
	return true;
}

static void default_error_page(const struct http_request *req, struct http_response *res,
			       unsigned status, const char *message)
{
	(void)req;
	res->content_type = "text/plain; charset=utf-8";
	buf_printf(&res->body, "%u %s: %s\n", status, http_status_text(status), message);
}

/* Start res afresh (a handler's half-built page is dropped). */
static void response_reset(struct http_response *res, unsigned status)
{
	buf_reset(&res->body);
	res->status = status;
	res->content_type = "text/html; charset=utf-8";
	res->fixed = NULL;
	res->fixed_len = 0;
	res->etag = NULL;
	res->last_modified = 0;
	res->cache_control = NULL;
	res->may_gzip = true;
	res->nheaders = 0;
}

static void error_page(struct exchange *ex, unsigned status, const char *message)
{
	http_error_hook *hook = ex->srv->cfg->error_page;

	response_reset(&ex->res, status);
	if (status == 405 && ex->match.allow) {
		char allow[64];
		http_methods_format(ex->match.allow, allow, sizeof(allow));
		http_header_add(&ex->res, "Allow", arena_strdup(&ex->arena, allow));
	}
	(hook ? hook : default_error_page)(&ex->req, &ex->res, status, message);
}

void http_error(struct http_request *req, struct http_response *res, unsigned status,
		const char *fmt, ...)
{
	struct gk_errmsg m;
	va_list ap;

	(void)res; /* the exchange's own: exchange_of(req)->res */
	va_start(ap, fmt);
	vsnprintf(m.text, sizeof(m.text), fmt, ap);
	va_end(ap);
	error_page(exchange_of(req), status, m.text);
}

void http_redirect(struct http_request *req, struct http_response *res, const char *location)
{
	if (!location || location[0] != '/' || location[1] == '/' || !header_value_ok(location)) {
		http_error(req, res, 500, "a page tried to redirect outside this site");
		return;
	}
	response_reset(res, 303);
	res->content_type = "text/plain; charset=utf-8";
	http_header_add(res, "Location", location);
}

static bool add_headers(struct MHD_Response *r, const struct http_header *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (MHD_add_response_header(r, h[i].name, h[i].value) != MHD_YES)
			return false;
	return true;
}

/* The headers every answer carries, whatever made it. */
static bool add_common(struct MHD_Response *r, const char *cache_control, const char *etag,
		       time_t last_modified, bool vary, const char *csp)
{
	char date[HTTP_DATE_SIZE];
	bool ok = true;

	/* The security headers, with the handler's own policy if it has one. */
	for (size_t i = 0; i < http_security_headers_count; i++) {
		const struct http_header *h = &http_security_headers[i];
		const char *v = csp && !strcmp(h->name, "Content-Security-Policy") ? csp : h->value;

		ok = ok && MHD_add_response_header(r, h->name, v) == MHD_YES;
	}

	if (cache_control)
		ok = ok && MHD_add_response_header(r, "Cache-Control", cache_control) == MHD_YES;
	if (etag)
		ok = ok && MHD_add_response_header(r, "ETag", etag) == MHD_YES;
	if (last_modified) {
		http_date_format(last_modified, date);
		ok = ok && MHD_add_response_header(r, "Last-Modified", date) == MHD_YES;
	}
	if (vary)
		ok = ok && MHD_add_response_header(r, "Vary", "Accept-Encoding") == MHD_YES;
	return ok;
}

/*
 * Conditional GET (RFC 9110 13.2.2): If-None-Match decides when present;
 * otherwise If-Modified-Since against Last-Modified.
 */
static bool not_modified(const struct http_request *req, const char *etag, time_t last_modified)
{
	time_t since;

	if (req->method != HTTP_GET && req->method != HTTP_HEAD)
		return false;
	if (req->if_none_match)
		return http_etag_matches(req->if_none_match, etag);
	return last_modified && http_date_parse(req->if_modified_since, &since) &&
	       last_modified <= since;
}

static enum MHD_Result queue(struct exchange *ex, unsigned status, struct MHD_Response *r,
			     size_t body_len)
{
	enum MHD_Result ok = MHD_queue_response(ex->conn, status, r);

	ex->status_sent = status;
	ex->bytes_sent = ex->req.method == HTTP_HEAD ? 0 : body_len;
	return ok;
}

/* Queue a response of no body (304, or the last resort of a failed 500). */
static enum MHD_Result queue_empty(struct exchange *ex, unsigned status, const char *cache_control,
				   const char *etag, time_t last_modified, bool vary)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	add_common(r, cache_control, etag, last_modified, vary, NULL);
	ok = queue(ex, status, r, 0);
	MHD_destroy_response(r);
	return ok;
}

/* The tag of the gzip representation when the handler gave its own. */
static const char *gzip_tag(struct arena *a, const char *etag)
{
	size_t n = strlen(etag);

	if (n >= 2 && etag[n - 1] == '"')
		return arena_printf(a, "%.*s-gz\"", (int)(n - 1), etag);
	return arena_printf(a, "%s-gz", etag);
}

static enum MHD_Result send_response(struct exchange *ex)
{
	struct http_response *res = &ex->res;
	struct http_request *req = &ex->req;
	const char *body = res->fixed ? res->fixed : res->body.data;
	size_t len = res->fixed ? res->fixed_len : res->body.len;
	bool ok_status = res->status >= 200 && res->status < 300;
	const char *cache = res->cache_control ? res->cache_control
			    : ok_status	       ? "no-cache"
					       : "no-store";
	const char *etag = res->etag;
	bool vary, gzip;
	struct buf gz;
	struct MHD_Response *r;
	enum MHD_Result result;
	char tag[HTTP_ETAG_SIZE];

	if (!res->fixed && res->body.failed) {
		error_page(ex, 500, "the page was larger than the server allows");
		return send_response(ex);
	}
	vary = res->may_gzip && http_type_compressible(res->content_type) && len >= HTTP_GZIP_MIN;
	gzip = vary && http_accepts_gzip(req->accept_encoding);
	if (res->status == 200 && !etag) {
		http_etag(body, len, gzip, tag);
		etag = tag;
	} else if (etag && gzip) {
		etag = gzip_tag(&ex->arena, etag);
	}
	if (res->status == 200 && not_modified(req, etag, res->last_modified))
		return queue_empty(ex, 304, cache, etag, res->last_modified, vary);

	/* HEAD is compressed too, so that its Content-Length is GET's. */
	buf_init(&gz, len);
	if (gzip && !http_gzip(body, len, 6, &gz)) {
		/* No smaller (the buffer's ceiling is len): send it as it is. */
		gzip = false;
		if (etag == tag)
			http_etag(body, len, false, tag);
		else if (etag)
			etag = res->etag;
	}
	if (gzip) {
		r = MHD_create_response_from_buffer(gz.len, gz.data, MHD_RESPMEM_MUST_FREE);
		len = gz.len;
		if (r)
			gz.data = NULL; /* MHD frees it */
	} else if (res->fixed) {
		r = MHD_create_response_from_buffer(len, (void *)(uintptr_t)body,
						    MHD_RESPMEM_PERSISTENT);
	} else {
		r = MHD_create_response_from_buffer(len, res->body.data, MHD_RESPMEM_MUST_FREE);
		if (r)
			buf_init(&res->body, res->body.max); /* MHD frees the bytes */
	}
	buf_release(&gz);
	if (!r)
		return queue_empty(ex, 500, "no-store", NULL, 0, false);
	if (!add_common(r, cache, etag, res->last_modified, vary, res->csp) ||
	    !add_headers(r, res->headers, res->nheaders) ||
	    MHD_add_response_header(r, "Content-Type", res->content_type) != MHD_YES ||
	    (gzip && MHD_add_response_header(r, "Content-Encoding", "gzip") != MHD_YES)) {
		MHD_destroy_response(r);
		return queue_empty(ex, 500, "no-store", NULL, 0, false);
	}
	result = queue(ex, res->status, r, len);
	MHD_destroy_response(r);
	return result;
}

/* --- Static files ---------------------------------------------------------- */

static struct MHD_Response *static_response(const struct static_file *f, bool gz, bool full)
{
	struct MHD_Response *r;
	const void *data = gz ? f->gz : f->data;
	size_t len = full ? (gz ? f->gz_len : f->len) : 0;

	r = MHD_create_response_from_buffer(len, (void *)(uintptr_t)data, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return NULL;
	if (!add_common(r, STATIC_CACHE_CONTROL, gz ? f->etag_gz : f->etag, f->mtime,
			f->gz != NULL, NULL) ||
	    (full && MHD_add_response_header(r, "Content-Type", f->content_type) != MHD_YES) ||
	    (full && gz && MHD_add_response_header(r, "Content-Encoding", "gzip") != MHD_YES)) {
		MHD_destroy_response(r);
		return NULL;
	}
	return r;
}

static void statics_free(struct http_server *s)
{
	for (size_t i = 0; i < s->nstatics; i++)
		for (int v = 0; v < 2; v++) {
			if (s->statics[i].full[v])
				MHD_destroy_response(s->statics[i].full[v]);
			if (s->statics[i].not_modified[v])
				MHD_destroy_response(s->statics[i].not_modified[v]);
		}
	free(s->statics);
}

/*
 * Every answer a static file can get is prepared once and shared by all
 * threads (MHD_RESPMEM_PERSISTENT responses are reference-counted).
 */
static enum gk_err statics_prepare(struct http_server *s, struct gk_errmsg *m)
{
	const struct static_files *sf = s->cfg->statics;
	size_t n = sf ? static_files_count(sf) : 0;

	s->statics = calloc(n ? n : 1, sizeof(*s->statics));
	if (!s->statics)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	s->nstatics = n;
	for (size_t i = 0; i < n; i++) {
		const struct static_file *f = static_files_at(sf, i);
		for (int v = 0; v < (f->gz ? 2 : 1); v++) {
			s->statics[i].full[v] = static_response(f, v, true);
			s->statics[i].not_modified[v] = static_response(f, v, false);
			if (!s->statics[i].full[v] || !s->statics[i].not_modified[v])
				return gk_errf(m, GK_ENOMEM, "out of memory");
		}
	}
	return GK_OK;
}

static enum MHD_Result send_static(struct exchange *ex)
{
	const struct static_file *f = ex->file;
	const struct static_responses *sr = &ex->srv->statics[ex->file_index];
	int v = f->gz && http_accepts_gzip(ex->req.accept_encoding);

	if (not_modified(&ex->req, v ? f->etag_gz : f->etag, f->mtime))
		return queue(ex, 304, sr->not_modified[v], 0);
	return queue(ex, 200, sr->full[v], v ? f->gz_len : f->len);
}

/* --- The request's life ---------------------------------------------------- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct http_server *s = cls;
	struct exchange *ex = calloc(1, sizeof(*ex));
	char *copy;
	struct str target;

	(void)conn;
	if (!ex)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &ex->t0);
	atomic_fetch_add(&s->inflight, 1);
	ex->srv = s;
	arena_init(&ex->arena, HTTP_ARENA_MAX);
	buf_init(&ex->res.body, HTTP_MAX_RESPONSE);
	ex->raw_len = strlen(uri);
	copy = arena_strndup(&ex->arena, uri, ex->raw_len);
	target = copy ? (struct str){copy, ex->raw_len} : STR_LIT("");
	ex->raw_query = str_split(target, '?', &ex->raw_path);
	if (!ex->raw_query.ptr)
		ex->raw_query = STR_LIT("");
	ex->req.arena = &ex->arena;
	ex->req.app = s->cfg->app;
	ex->req.path = copy ? arena_strndup(&ex->arena, ex->raw_path.ptr, ex->raw_path.len) : "";
	response_reset(&ex->res, 200);
	return ex;
}

static void exchange_free(struct exchange *ex)
{
	buf_release(&ex->res.body);
	buf_release(&ex->upload);
	arena_release(&ex->arena);
	free(ex);
}

static enum MHD_Result add_header_len(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	size_t *total = cls;

	(void)kind;
	*total += strlen(key) + (value ? strlen(value) : 0) + 4; /* ": " and CRLF */
	return MHD_YES;
}

static const char *client_address(struct exchange *ex)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(ex->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char *out = arena_alloc(&ex->arena, INET6_ADDRSTRLEN);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (!out || !sa)
		return "-";
	if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, INET6_ADDRSTRLEN);
	else if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  INET6_ADDRSTRLEN);
	else
		return "-";
	return out;
}

/* Decide the answer from the head of the request; it is sent once the body is read. */
__attribute__((format(printf, 3, 4))) static void early_error(struct exchange *ex, unsigned status,
							      const char *fmt, ...)
{
	va_list ap;

	ex->early_status = status;
	va_start(ap, fmt);
	vsnprintf(ex->early.text, sizeof(ex->early.text), fmt, ap);
	va_end(ap);
}

/* Route the request from its head: the path, the route or static file, the body limit. */
static void route_request(struct exchange *ex)
{
	struct http_server *s = ex->srv;
	struct http_request *req = &ex->req;
	size_t header_bytes = 0;
	struct gk_errmsg m;

	MHD_get_connection_values(ex->conn, MHD_HEADER_KIND, add_header_len, &header_bytes);
	ex->max_body = s->cfg->max_body;
	if (!req->path || arena_failed(&ex->arena))
		return early_error(ex, 500, "out of memory");
	if (ex->raw_len > HTTP_MAX_URL)
		return early_error(ex, 414, "the address is longer than %u bytes", HTTP_MAX_URL);
	if (header_bytes > HTTP_MAX_HEADER_BYTES)
		return early_error(ex, 431, "the request headers are larger than %u bytes",
				   HTTP_MAX_HEADER_BYTES);
	if (http_path_decode(&ex->arena, ex->raw_path, &ex->path, &m) != GK_OK)
		return early_error(ex, 400, "%s", m.text);
	req->path = ex->path.decoded;
	if (s->cfg->statics && !strncmp(req->path, STATIC_PREFIX, strlen(STATIC_PREFIX))) {
		ex->file = static_files_find(s->cfg->statics, req->path + strlen(STATIC_PREFIX),
					     &ex->file_index);
		if (!ex->file)
			return early_error(ex, 404, "there is no such file");
		if (req->method != HTTP_GET && req->method != HTTP_HEAD) {
			ex->match.allow = HTTP_GET | HTTP_HEAD;
			return early_error(ex, 405, "a file can only be read (GET or HEAD)");
		}
		return;
	}
	router_match(s->router, req->method, &ex->path, &ex->match);
	if (ex->match.status == 404)
		return early_error(ex, 404, "there is no page at this address");
	if (ex->match.status == 405)
		return early_error(ex, 405, "this address does not accept the method %s",
				   req->method == HTTP_OTHER ? "used" : method_text(ex));
	req->route = ex->match.route;
	if ((req->method == HTTP_POST || req->method == HTTP_PUT) && req->route->max_body)
		ex->max_body = req->route->max_body;
	ex->keep_body = req->method == HTTP_POST || req->method == HTTP_PUT;
}

/* content_type is type, with or without parameters. */
static bool is_type(const char *content_type, const char *type)
{
	size_t n = strlen(type);

	return content_type && !strncasecmp(content_type, type, n) &&
	       strchr("; \t", content_type[n]);
}

/* Percent-encode s onto p (which has room for 3 bytes per byte); the end. */
static char *pct_encode(char *p, struct str s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.') {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	return p;
}

/*
 * A multipart/form-data body (the application form with attachments):
 * its parts into req->multipart, and its fields without a file as an
 * urlencoded form, so that they are checked as the declared parameters
 * of an urlencoded body are, by the same code.
 */
static enum gk_err multipart_form(struct exchange *ex, struct str *form, struct gk_errmsg *m)
{
	struct http_request *req = &ex->req;
	struct multipart *mp = arena_alloc(&ex->arena, sizeof(*mp));
	struct str boundary;
	size_t need = 0;
	char *text, *p;
	enum gk_err err;

	if (!mp)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	if ((err = multipart_boundary(req->content_type, &boundary, m)) ||
	    (err = multipart_parse(req->body, boundary, mp, m)))
		return err;
	for (size_t i = 0; i < mp->nparts; i++)
		if (!mp->parts[i].is_file)
			need += mp->parts[i].name.len + mp->parts[i].data.len + 2;
	if (need > HTTP_MAX_FORM_FIELDS)
		return gk_errf(m, GK_EINVAL, "the form's fields are over %u bytes",
			       HTTP_MAX_FORM_FIELDS);
	if (!(p = text = arena_alloc(&ex->arena, 3 * need + 1)))
		return gk_errf(m, GK_ENOMEM, "out of memory");
	for (size_t i = 0; i < mp->nparts; i++) {
		if (mp->parts[i].is_file)
			continue;
		if (p != text)
			*p++ = '&';
		p = pct_encode(p, mp->parts[i].name);
		*p++ = '=';
		p = pct_encode(p, mp->parts[i].data);
	}
	*form = (struct str){text, (size_t)(p - text)};
	req->multipart = mp;
	return GK_OK;
}

static enum MHD_Result run_route(struct exchange *ex)
{
	struct http_request *req = &ex->req;
	struct http_arg *args;
	struct gk_errmsg m;
	struct str form = STR_LIT("");
	enum gk_err err = GK_OK;

	if (ex->keep_body) {
		req->body = buf_str(&ex->upload);
		if (!req->body.ptr)
			req->body = STR_LIT("");
		if (is_type(req->content_type, "application/x-www-form-urlencoded"))
			form = req->body;
		else if (is_type(req->content_type, "multipart/form-data"))
			err = multipart_form(ex, &form, &m);
	}
	if (!err)
		err = router_args(&ex->match, &ex->path, ex->raw_query, form, &ex->arena, &args,
				  &req->nargs, &m);
	if (err) {
		error_page(ex, err == GK_EINVAL ? 400 : 500, m.text);
		return send_response(ex);
	}
	req->args = args;
	req->route->handler(req, &ex->res);
	return send_response(ex);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **req_cls)
{
	struct exchange *ex = *req_cls;
	const char *length;

	(void)cls, (void)url, (void)version;
	if (!ex)
		return MHD_NO; /* on_uri ran out of memory */
	if (!ex->started) {
		ex->started = true;
		ex->conn = conn;
		ex->req.method = method_of(method);
		ex->method_name = arena_strdup(&ex->arena, method);
		ex->req.client = client_address(ex);
		ex->req.if_none_match =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
		ex->req.if_modified_since =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-Modified-Since");
		ex->req.accept_encoding =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding");
		ex->req.content_type =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
		route_request(ex);
		buf_init(&ex->upload, ex->max_body);
		length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (length && strtoull(length, NULL, 10) > ex->max_body) {
			/* Answered now, so MHD closes rather than reads the body. */
			error_page(ex, 413, "the request body is larger than the server accepts");
			return send_response(ex);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		ex->body_seen += *upload_size;
		/*
		 * A chunked body over the limit: MHD 0.9.75 cannot queue an
		 * answer before the body ends, so the connection is closed.
		 */
		if (ex->body_seen > ex->max_body)
			return MHD_NO;
		if (ex->keep_body && !ex->early_status)
			buf_append(&ex->upload, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (ex->early_status) {
		error_page(ex, ex->early_status, ex->early.text);
		return send_response(ex);
	}
	if (ex->file)
		return send_static(ex);
	return run_route(ex);
}

/* Append s to b with every byte that could forge a log line %-escaped. */
static void log_escaped(struct buf *b, struct str s)
{
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		if (c <= ' ' || c >= 0x7f || c == '"' || c == '\\')
			buf_printf(b, "%%%02X", c);
		else
			buf_putc(b, (char)c);
	}
}

/* TIME CLIENT METHOD PATH STATUS BYTES MICROSECONDS */
static void access_log(struct exchange *ex, enum MHD_RequestTerminationCode toe)
{
	FILE *log = ex->srv->cfg->access_log;
	struct timespec now;
	struct tm tm;
	struct buf line;

	if (!log || !ex->started)
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	buf_init(&line, 4 * HTTP_MAX_URL);
	buf_printf(&line, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s ", tm.tm_year + 1900,
		   tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		   now.tv_nsec / 1000000, ex->req.client ? ex->req.client : "-");
	log_escaped(&line, str_from_cstr(method_text(ex)));
	buf_putc(&line, ' ');
	log_escaped(&line, ex->raw_path);
	if (ex->req.route && ex->req.route->log_query && ex->raw_query.len) {
		buf_putc(&line, '?');
		log_escaped(&line, ex->raw_query);
	}
	buf_printf(&line, " %u %zu %ld%s\n", ex->status_sent, ex->bytes_sent, usec_since(&ex->t0),
		   toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	if (!line.failed)
		fputs(buf_cstr(&line), log);
	buf_release(&line);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct exchange *ex = *req_cls;

	(void)conn;
	if (!ex)
		return;
	access_log(ex, toe);
	exchange_free(ex);
	*req_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

/* --- Starting and stopping ------------------------------------------------- */

void http_config_defaults(struct http_config *cfg)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	*cfg = (struct http_config){
	    .listen = "127.0.0.1:8080",
	    .threads = cpus < 1	   ? 1
		       : cpus > 64 ? 64
				   : (unsigned)cpus,
	    .max_connections = 1024,
	    /* Room for the request head (URL + headers within our limits) and the write buffer. */
	    .connection_memory = 64u << 10,
	    .timeout_seconds = 30,
	    .max_body = HTTP_DEFAULT_MAX_BODY,
	};
}

union any_addr {
	struct sockaddr sa;
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
};

/* "127.0.0.1:8080" or "[::1]:8080": numeric only (no name lookups at start-up). */
static enum gk_err parse_listen(const char *listen, union any_addr *addr, struct gk_errmsg *m)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	const char *h = listen;
	size_t hlen;
	char *end;
	long port;

	memset(addr, 0, sizeof(*addr));
	if (!colon)
		goto bad;
	hlen = (size_t)(colon - listen);
	if (hlen >= 2 && h[0] == '[' && h[hlen - 1] == ']') {
		h++;
		hlen -= 2;
	}
	if (hlen == 0 || hlen >= sizeof(host))
		goto bad;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end || port < 0 || port > 65535)
		goto bad;
	if (inet_pton(AF_INET, host, &addr->v4.sin_addr) == 1) {
		addr->v4.sin_family = AF_INET;
		addr->v4.sin_port = htons((uint16_t)port);
		return GK_OK;
	}
	if (inet_pton(AF_INET6, host, &addr->v6.sin6_addr) == 1) {
		addr->v6.sin6_family = AF_INET6;
		addr->v6.sin6_port = htons((uint16_t)port);
		return GK_OK;
	}
bad:
	return gk_errf(m, GK_EINVAL,
		       "--listen '%s': expected ADDRESS:PORT with a numeric address, e.g. "
		       "127.0.0.1:8080 or [::1]:8080",
		       listen);
}

enum gk_err http_server_start(const struct http_config *cfg, struct http_server **out,
			      struct gk_errmsg *m)
{
	struct http_server *s = calloc(1, sizeof(*s));
	union any_addr addr;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
	const union MHD_DaemonInfo *info;
	char host[INET6_ADDRSTRLEN];
	enum gk_err err;

	*out = NULL;
	if (!s)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	s->cfg = cfg;
	atomic_init(&s->inflight, 0);
	if (sodium_init() < 0)
		err = gk_errf(m, GK_EINTERNAL, "libsodium did not initialise");
	else if (!(err = parse_listen(cfg->listen, &addr, m)) &&
		 !(err = router_new(cfg->routes, cfg->nroutes, &s->router, m)))
		err = statics_prepare(s, m);
	if (err) {
		http_server_stop(s);
		return err;
	}
	if (addr.sa.sa_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->daemon = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, &addr.sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)(cfg->threads > 1 ? cfg->threads : 0),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->max_connections,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->connection_memory,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->timeout_seconds,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_END);
	if (!s->daemon) {
		http_server_stop(s);
		return gk_errf(m, GK_EIO,
			       "cannot listen on %s (in use, or not an address of "
			       "this machine)",
			       cfg->listen);
	}
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (addr.sa.sa_family == AF_INET6)
		inet_ntop(AF_INET6, &addr.v6.sin6_addr, host, sizeof(host));
	else
		inet_ntop(AF_INET, &addr.v4.sin_addr, host, sizeof(host));
	snprintf(s->address, sizeof(s->address),
		 addr.sa.sa_family == AF_INET6 ? "[%s]:%u" : "%s:%u", host,
		 info ? (unsigned)info->port : 0u);
	*out = s;
	return GK_OK;
}

const char *http_server_address(const struct http_server *s)
{
	return s->address;
}

void http_server_stop(struct http_server *s)
{
	if (!s)
		return;
	if (s->daemon) {
		MHD_socket listen_fd = MHD_quiesce_daemon(s->daemon);
		/* In-flight requests finish; idle keep-alive connections are closed below. */
		for (int i = 0; i < HTTP_DRAIN_SECONDS * 100 && atomic_load(&s->inflight) > 0; i++)
			nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
		MHD_stop_daemon(s->daemon);
		if (listen_fd != MHD_INVALID_SOCKET)
			close(listen_fd);
	}
	statics_free(s);
	router_free(s->router);
	free(s);
}
