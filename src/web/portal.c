/*
 * portal.c: the agency tree snapshot, the route table of the column and
 * its API, and the error pages.
 */
#include "web/portal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/attachment.h"
#include "web/app.h"
#include "web/office.h"
#include "web/page.h"
#include "web/page_cache.h"
#include "web/pages.h"
#include "web/template.h"

#include "base/banned.h"

struct collect {
	struct portal *p;
	size_t cap;
	bool failed;
};

static int collect_agency(void *ctx, const struct store_agency *a)
{
	struct collect *c = ctx;
	struct portal_agency *pa;

	if (c->p->n_agencies == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		void *grown = realloc(c->p->agencies, cap * sizeof(*c->p->agencies));

		if (!grown) {
			c->failed = true;
			return 1;
		}
		c->p->agencies = grown;
		c->cap = cap;
	}
	pa = &c->p->agencies[c->p->n_agencies++];
	pa->id = a->id;
	pa->parent_id = a->parent_id;
	snprintf(pa->code, sizeof(pa->code), "%s", a->code);
	snprintf(pa->name, sizeof(pa->name), "%s", a->name);
	return 0;
}

/* One cached count per agency (regions only ever fill theirs). */
struct counts_cache {
	pthread_mutex_t lock;
	struct store_catalogue_counts *counts; /* [agency index], allocated on first use */
	time_t *stored;
	size_t n;
};

static struct counts_cache *counts_cache_new(size_t n)
{
	struct counts_cache *c = calloc(1, sizeof(*c));

	if (!c || !(c->stored = calloc(n, sizeof(*c->stored)))) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	c->n = n;
	return c;
}

static void counts_cache_free(struct counts_cache *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c->counts);
	free(c->stored);
	free(c);
}

enum gk_err portal_catalogue_count(const struct portal *p, struct store *st,
				   const struct portal_agency *a, bool region,
				   struct store_catalogue_counts *out, struct gk_errmsg *m)
{
	struct counts_cache *c = p->regions;
	size_t i = (size_t)(a - p->agencies);
	time_t now = time(NULL);
	enum gk_err err;

	if (!region)
		return store_catalogue_count(st, a->id, false, out, m);
	pthread_mutex_lock(&c->lock);
	if (c->counts && c->stored[i] && now - c->stored[i] < PORTAL_CACHE_SECONDS) {
		*out = c->counts[i];
		pthread_mutex_unlock(&c->lock);
		return GK_OK;
	}
	pthread_mutex_unlock(&c->lock);
	/* Counted outside the lock: two threads may both count once. */
	if ((err = store_catalogue_count(st, a->id, true, out, m)))
		return err;
	pthread_mutex_lock(&c->lock);
	if (!c->counts)
		c->counts = calloc(c->n, sizeof(*c->counts));
	if (c->counts) {
		c->counts[i] = *out;
		c->stored[i] = now;
	}
	pthread_mutex_unlock(&c->lock);
	return GK_OK;
}

void portal_documents_changed(const struct portal *p)
{
	struct counts_cache *c = p->regions;

	page_cache_clear(p->documents);
	page_cache_clear(p->searches);
	pthread_mutex_lock(&c->lock);
	memset(c->stored, 0, c->n * sizeof(*c->stored));
	pthread_mutex_unlock(&c->lock);
}

enum gk_err portal_init(struct portal *p, struct store *st, const struct tpl_set *templates,
			const char *site_domain, struct gk_errmsg *m)
{
	struct collect c = {p, 0, false};
	enum gk_err err;

	memset(p, 0, sizeof(*p));
	p->templates = templates;
	snprintf(p->site_domain, sizeof(p->site_domain), "%s", site_domain ? site_domain : "");
	if ((err = store_agency_each(st, collect_agency, &c, m)))
		return err;
	if (c.failed)
		return gk_errf(m, GK_ENOMEM, "out of memory reading the agencies");
	if (p->n_agencies == 0)
		return gk_errf(m, GK_EINVAL,
			       "the database holds no agency; add one with `gongkai agency add` "
			       "or fill a demo with `gongkai demo`");
	p->root = SIZE_MAX;
	for (size_t i = 0; i < p->n_agencies; i++) {
		const struct portal_agency *parent = portal_agency_by_id(p, p->agencies[i].parent_id);

		p->agencies[i].parent = parent ? (size_t)(parent - p->agencies) : SIZE_MAX;
		if (!parent && p->root == SIZE_MAX)
			p->root = i;
	}
	p->documents = page_cache_new(4096, PORTAL_CACHE_SECONDS);
	p->searches = page_cache_new(4096, PORTAL_CACHE_SECONDS);
	p->regions = counts_cache_new(p->n_agencies);
	if (!p->documents || !p->searches || !p->regions)
		return gk_errf(m, GK_ENOMEM, "out of memory for the page caches");
	return GK_OK;
}

void portal_release(struct portal *p)
{
	page_cache_free(p->documents);
	page_cache_free(p->searches);
	counts_cache_free(p->regions);
	free(p->agencies);
	memset(p, 0, sizeof(*p));
}

const struct portal_agency *portal_agency_by_code(const struct portal *p, const char *code)
{
	for (size_t i = 0; code && i < p->n_agencies; i++)
		if (!strcmp(p->agencies[i].code, code))
			return &p->agencies[i];
	return NULL;
}

/* Agencies are read in id order: binary search. */
const struct portal_agency *portal_agency_by_id(const struct portal *p, int64_t id)
{
	size_t lo = 0, hi = p->n_agencies;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->agencies[mid].id == id)
			return &p->agencies[mid];
		if (p->agencies[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* --- Routes ------------------------------------------------------------ */

#define CODE_PARAM {"code", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false}
#define PAGE_PARAM {"page", HTTP_PARAM_INT, 0, 1, 100000, false}
/* Long enough that an over-long query reaches the store, which explains
 * the limit (STORE_QUERY_MAX) instead of a bare 400. */
#define QUERY_PARAM {"q", HTTP_PARAM_STRING, 16384, 0, 0, false}
#define SEARCH_PARAMS                                                                              \
	QUERY_PARAM, {"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},                    \
		{"category", HTTP_PARAM_INT, 0, 1, STORE_ART20_ITEMS, false},                     \
		{"year", HTTP_PARAM_INT, 0, 1900, 2199, false}, PAGE_PARAM

static const struct http_param code_only[] = {CODE_PARAM, {NULL, 0, 0, 0, 0, false}};
static const struct http_param catalogue_params[] = {
	CODE_PARAM,
	{"category", HTTP_PARAM_INT, 0, 0, STORE_ART20_ITEMS, false},
	{"subject", HTTP_PARAM_INT, 0, 1, INT64_MAX / 2, false},
	{"year", HTTP_PARAM_INT, 0, 1900, 2199, false},
	PAGE_PARAM,
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param report_params[] = {
	CODE_PARAM,
	{"year", HTTP_PARAM_INT, 0, 1900, 2199, true},
	{"format", HTTP_PARAM_CODE, 8, 0, 0, false},
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param api_report_params[] = {
	{"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, true},
	{"year", HTTP_PARAM_INT, 0, 1900, 2199, true},
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param id_params[] = {
	{"id", HTTP_PARAM_INT, 0, 1, INT64_MAX / 2, true},
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param search_params[] = {SEARCH_PARAMS, {NULL, 0, 0, 0, 0, false}};
static const struct http_param mode_params[] = {
	{"care", HTTP_PARAM_INT, 0, 0, 1, true},
	{"back", HTTP_PARAM_STRING, 1024, 0, 0, false},
	{NULL, 0, 0, 0, 0, false},
};

#define TEXT_PARAM(n, len) {n, HTTP_PARAM_STRING, len, 0, 0, false}
static const struct http_param apply_get_params[] = {
	{"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
	{NULL, 0, 0, 0, 0, false},
};
/* The form's fields; app/apply.c checks each and names it when it is wrong. */
static const struct http_param apply_params[] = {
	{"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
	{"idempotency_key", HTTP_PARAM_CODE, 64, 0, 0, false},
	TEXT_PARAM("type", 64),
	TEXT_PARAM("name", STORE_NAME_MAX),
	TEXT_PARAM("id_type", 64),
	TEXT_PARAM("id_number", 64),
	TEXT_PARAM("credit_code", 64),
	TEXT_PARAM("legal_rep", STORE_NAME_MAX),
	TEXT_PARAM("phone", 32),
	TEXT_PARAM("address", STORE_NAME_MAX),
	TEXT_PARAM("email", 254),
	{"description", HTTP_PARAM_TEXT, 4000, 0, 0, false},
	TEXT_PARAM("doc_number", 200),
	TEXT_PARAM("form", 16),
	TEXT_PARAM("delivery", 16),
	TEXT_PARAM("declaration", 8),
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param tracking_path[] = {
	{"code", HTTP_PARAM_CODE, 32, 0, 0, true},
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param track_letter_params[] = {
	{"code", HTTP_PARAM_CODE, 32, 0, 0, true},
	{"letter", HTTP_PARAM_INT, 0, 1, INT64_MAX / 2, true},
	{NULL, 0, 0, 0, 0, false},
};
/* A typed 查询号 may carry spaces or full-width forms: app/tracking.c reads it. */
static const struct http_param track_params[] = {TEXT_PARAM("code", 96), {NULL, 0, 0, 0, 0, false}};

static const struct http_route routes[] = {
	{HTTP_GET, "/", NULL, page_home, 0, false},
	{HTTP_GET, "/healthz", NULL, page_healthz, 0, false},
	{HTTP_GET, "/org/{code}", code_only, page_home, 0, false},
	{HTTP_GET, "/org/{code}/guide", code_only, page_guide, 0, false},
	{HTTP_GET, "/org/{code}/rules", code_only, page_rules, 0, false},
	{HTTP_GET, "/org/{code}/catalogue", catalogue_params, page_catalogue, 0, true},
	{HTTP_GET, "/org/{code}/reports", code_only, page_reports, 0, false},
	{HTTP_GET, "/org/{code}/reports/chart.svg", code_only, page_chart, 0, false},
	{HTTP_GET, "/org/{code}/reports/{year}", report_params, page_report, 0, true},
	{HTTP_GET, "/documents/{id}", id_params, page_document, 0, false},
	/* Search terms are not logged: people search for names. */
	{HTTP_GET, "/search", search_params, page_search, 0, false},
	{HTTP_GET, "/mode", mode_params, page_mode, 0, false},
	{HTTP_GET, "/api/v1/search", search_params, api_search, 0, false},
	{HTTP_GET, "/api/v1/documents/{id}", id_params, api_document, 0, false},
	{HTTP_GET, "/api/v1/reports/{agency}/{year}", api_report_params, api_report, 0, false},
	/* The online channel: forms carry personal data, so no query is logged. */
	{HTTP_GET, "/apply", apply_get_params, page_apply_form, 0, false},
	/* multipart/form-data with attachments: ATTACHMENT_MAX_TOTAL and the fields. */
	{HTTP_POST, "/apply", apply_params, page_apply_submit, ATTACHMENT_MAX_TOTAL + (1 << 20),
	 false},
	{HTTP_GET, "/receipt/{code}", tracking_path, page_receipt, 0, false},
	{HTTP_GET, "/track", track_params, page_track, 0, false},
	{HTTP_GET, "/track/{code}/letters/{letter}", track_letter_params, page_track_letter, 0,
	 false},
	{HTTP_POST, "/api/v1/applications", NULL, api_apply_submit, 64 << 10, false},
	{HTTP_GET, "/api/v1/applications/{code}", tracking_path, api_apply_status, 0, false},
	{HTTP_POST, "/api/v1/session", NULL, api_session_login, 4 << 10, false},
	{HTTP_DELETE, "/api/v1/session", NULL, api_session_logout, 0, false},
	{HTTP_PUT, "/api/v1/session/password", NULL, api_session_password, 4 << 10, false},
};

/* The column's routes, then the back office's (web/office.h). */
const struct http_route *portal_routes(size_t *n)
{
	static struct http_route all[sizeof(routes) / sizeof(routes[0]) + OFFICE_MAX_ROUTES];
	static size_t count;
	size_t k;
	const struct http_route *office;

	/* Called once, before the server's threads start. */
	if (!count) {
		memcpy(all, routes, sizeof(routes));
		count = sizeof(routes) / sizeof(routes[0]);
		office = office_routes(&k);
		for (size_t i = 0; i < k; i++)
			all[count++] = office[i];
	}
	*n = count;
	return all;
}

static const char *status_heading(unsigned status)
{
	switch (status) {
	case 400:
		return "请求有误";
	case 404:
		return "页面不存在";
	case 405:
		return "不支持的请求方式";
	case 413:
	case 414:
	case 431:
		return "请求过大";
	case 401:
		return "需要登录";
	case 403:
		return "没有权限";
	case 429:
		return "请求过于频繁";
	default:
		return status >= 500 ? "服务暂时不可用" : "无法完成请求";
	}
}

static const char *status_explanation(unsigned status)
{
	switch (status) {
	case 400:
		return "请求中的参数不正确，请检查后重试。";
	case 404:
		return "您访问的页面不存在，可能已被移除或地址有误。";
	case 405:
		return "此页面不支持这种访问方式。";
	case 413:
	case 414:
	case 431:
		return "请求内容过长，请缩短后重试。";
	default:
		return status >= 500 ? "服务器暂时无法处理请求，请稍后再试。" : "无法完成此请求。";
	}
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static const char *status_code(unsigned status)
{
	switch (status) {
	case 400:
		return "bad_request";
	case 404:
		return "not_found";
	case 405:
		return "method_not_allowed";
	case 413:
	case 414:
	case 431:
		return "too_large";
	case 401:
		return "unauthorized";
	case 403:
		return "forbidden";
	case 429:
		return "too_many_requests";
	default:
		return status >= 500 ? "internal" : "error";
	}
}

void portal_error_page(const struct http_request *req, struct http_response *res, unsigned status,
		       const char *message)
{
	const struct web_app *app = req->app;
	const struct portal *p = app ? app->portal : NULL;
	/* The core's const request is only read by page_view. */
	struct page pg = {.req = (struct http_request *)req, .res = res, .portal = p};
	json_t *v;

	if (!strncmp(req->path, "/api/", 5) || !p || !p->templates) {
		char *text;

		v = json_pack("{s:{s:s, s:s}}", "error", "code", status_code(status), "message",
			      message);
		text = v ? json_dumps(v, JSON_COMPACT) : NULL;
		res->content_type = "application/json; charset=utf-8";
		buf_puts(&res->body, text ? text : "{}");
		free(text);
		json_decref(v);
		return;
	}
	v = page_view(&pg, status_heading(status), NULL, NULL);
	json_object_set_new(v, "heading", json_string(status_heading(status)));
	/* The core's messages are English sentences for developers: the page
	 * explains in Chinese and shows them as the technical detail. */
	if (is_ascii(message)) {
		json_object_set_new(v, "message", json_string(status_explanation(status)));
		json_object_set_new(v, "detail", json_string(message));
	} else {
		json_object_set_new(v, "message", json_string(message));
	}
	res->content_type = "text/html; charset=utf-8";
	if (tpl_render(p->templates, "error", v, &res->body, NULL)) {
		buf_reset(&res->body);
		buf_puts(&res->body, message);
		res->content_type = "text/plain; charset=utf-8";
	}
	json_decref(v);
}
