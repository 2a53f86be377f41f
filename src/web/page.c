/*
 * page.c: the shared parts of the portal's handlers (page.h).
 */
#include "web/page.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "law/art20.h"
#include "web/app.h"
#include "web/template.h"

#include "base/banned.h"

/* The 适老化 mode is a cookie so that it holds on every page (set by /mode). */
#define CARE_COOKIE "gk_care=1"

bool page_begin(struct page *pg, struct http_request *req, struct http_response *res)
{
	struct web_app *app = req->app;
	struct gk_errmsg m;

	pg->req = req;
	pg->res = res;
	pg->portal = app->portal;
	pg->st = web_app_store(app, &m);
	if (!pg->st) {
		fprintf(stderr, "gongkai serve: %s\n", m.text);
		http_error(req, res, 503, "数据库暂时无法访问，请稍后再试。");
		return false;
	}
	return true;
}

bool page_care(const struct page *pg)
{
	const char *cookie = http_header(pg->req, "Cookie");

	return cookie && strstr(cookie, CARE_COOKIE) != NULL;
}

/* The column's four parts of agency a, and which one is current. */
static json_t *nav(const struct portal_agency *a, const char *at, struct arena *ar)
{
	static const char *const parts[] = {"guide", "rules", "catalogue", "reports"};
	json_t *n = json_object();

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		char key[32];

		json_object_set_new(n, parts[i],
				    json_string(arena_printf(ar, "/org/%s/%s", a->code, parts[i])));
		snprintf(key, sizeof(key), "at_%s", parts[i]);
		json_object_set_new(n, key, json_boolean(at && !strcmp(at, parts[i])));
	}
	return n;
}

/* 47号's ColumnType values: 信息公开指南, 信息公开目录, 信息公开年报 … */
static json_t *column(const char *at)
{
	static const struct {
		const char *at, *name, *type, *keywords;
	} columns[] = {
		{"guide", "政府信息公开指南", "信息公开指南", "政府信息公开指南,依申请公开"},
		{"rules", "政府信息公开制度", "信息公开制度", "政府信息公开制度"},
		{"catalogue", "法定主动公开内容", "信息公开目录", "主动公开,政府信息"},
		{"reports", "政府信息公开年报", "信息公开年报", "政府信息公开工作年度报告"},
	};
	size_t i = 0;

	while (i < sizeof(columns) / sizeof(columns[0]) && !(at && !strcmp(at, columns[i].at)))
		i++;
	if (i == sizeof(columns) / sizeof(columns[0]))
		return json_pack("{s:s, s:s, s:s, s:s}", "name", "政府信息公开", "type",
				 "信息公开", "keywords", "政府信息公开", "description",
				 "政府信息公开专栏");
	return json_pack("{s:s, s:s, s:s, s:s}", "name", columns[i].name, "type", columns[i].type,
			 "keywords", columns[i].keywords, "description", columns[i].name);
}

json_t *page_view(const struct page *pg, const char *title, const struct portal_agency *a,
		  const char *at)
{
	const struct portal *p = pg->portal;
	const struct portal_agency *root = &p->agencies[p->root];
	json_t *v = json_object();

	if (!a)
		a = root;
	json_object_set_new(v, "title", json_string(title));
	json_object_set_new(v, "site",
			    json_pack("{s:s, s:s, s:s}", "name", root->name, "domain",
				      p->site_domain, "id_code", root->code));
	json_object_set_new(v, "agency", json_pack("{s:s, s:s}", "code", a->code, "name", a->name));
	json_object_set_new(v, "nav", nav(a, at, pg->req->arena));
	json_object_set_new(v, "column", column(at));
	json_object_set_new(v, "care", json_boolean(page_care(pg)));
	json_object_set_new(v, "path", json_string(pg->req->path));
	json_object_set_new(v, "home_url", json_string("/"));
	json_object_set_new(v, "crumbs", json_array());
	json_object_set_new(v, "has_crumbs", json_false());
	return v;
}

void page_crumb(json_t *view, const char *label, const char *url)
{
	json_t *c = json_pack("{s:s}", "label", label);

	if (url)
		json_object_set_new(c, "url", json_string(url));
	json_array_append_new(json_object_get(view, "crumbs"), c);
	json_object_set_new(view, "has_crumbs", json_true());
}

void page_render(struct page *pg, const char *name, json_t *view)
{
	struct gk_errmsg m;
	enum gk_err err = tpl_render(pg->portal->templates, name, view, &pg->res->body, &m);

	json_decref(view);
	if (err) {
		fprintf(stderr, "gongkai serve: template %s: %s\n", name, m.text);
		http_error(pg->req, pg->res, 500, "页面生成失败。");
	}
}

void page_json(struct page *pg, json_t *view)
{
	char *text = view ? json_dumps(view, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

	json_decref(view);
	if (!text) {
		http_error(pg->req, pg->res, 500, "out of memory");
		return;
	}
	pg->res->content_type = "application/json; charset=utf-8";
	buf_puts(&pg->res->body, text);
	free(text);
}

void page_store_error(struct page *pg, enum gk_err err, const struct gk_errmsg *m)
{
	if (err == GK_ENOTFOUND) {
		http_error(pg->req, pg->res, 404, "没有找到这项政府信息。");
		return;
	}
	if (err == GK_EINVAL) {
		/* The store's message names what is allowed; it echoes no value. */
		http_error(pg->req, pg->res, 400, "%s", m->text);
		return;
	}
	fprintf(stderr, "gongkai serve: %s: %s\n", pg->req->path, m->text);
	http_error(pg->req, pg->res, 500, "服务器内部错误，请稍后再试。");
}

/* Percent-encode everything but the unreserved characters of RFC 3986. */
static void put_encoded(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

const char *page_link(const struct page *pg, const char *path, ...)
{
	struct buf b;
	const char *name, *sep = "?", *out;
	va_list ap;

	buf_init(&b, HTTP_MAX_URL);
	buf_puts(&b, path);
	va_start(ap, path);
	while ((name = va_arg(ap, const char *))) {
		const char *value = va_arg(ap, const char *);

		if (!value || !*value || !strcmp(value, "0"))
			continue;
		buf_puts(&b, sep);
		buf_puts(&b, name);
		buf_putc(&b, '=');
		put_encoded(&b, value);
		sep = "&";
	}
	va_end(ap);
	out = arena_strdup(pg->req->arena, b.failed ? path : buf_cstr(&b));
	buf_release(&b);
	return out;
}

json_t *page_pager(const struct page *pg, int64_t total, int page,
		   const char *(*link)(const struct page *pg, void *ctx, int page), void *ctx)
{
	int64_t pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
	json_t *p;

	if (pages <= 1)
		return NULL;
	p = json_pack("{s:i, s:I}", "page", page, "pages", (json_int_t)pages);
	if (page > 1)
		json_object_set_new(p, "prev", json_string(link(pg, ctx, page - 1)));
	if (page < pages)
		json_object_set_new(p, "next", json_string(link(pg, ctx, page + 1)));
	return p;
}

const char *page_date(const struct page *pg, gk_date d)
{
	char s[GK_DATE_STRLEN];

	return d ? arena_strdup(pg->req->arena, date_format(d, s)) : "";
}

const char *page_category_label(int category)
{
	const char *label = art20_label(category);

	return label ? label : "";
}

int page_number(const struct page *pg)
{
	return (int)http_arg_int(pg->req, "page", 1);
}

const struct portal_agency *page_agency(struct page *pg)
{
	const char *code = http_arg_str(pg->req, "code");
	const struct portal_agency *a;

	if (!code)
		return &pg->portal->agencies[pg->portal->root];
	a = portal_agency_by_code(pg->portal, code);
	if (!a)
		http_error(pg->req, pg->res, 404, "没有这个机关。");
	return a;
}

bool page_is_region(const struct page *pg, const struct portal_agency *a)
{
	size_t self = (size_t)(a - pg->portal->agencies);

	for (size_t i = 0; i < pg->portal->n_agencies; i++)
		if (pg->portal->agencies[i].parent == self)
			return true;
	return false;
}

/* Escape the snippet's text and turn the store's marks into <mark>. */
static const char *snippet_html(const struct page *pg, const char *snippet)
{
	struct buf b;
	const char *p = snippet, *out;

	buf_init(&b, 1 << 16);
	while (*p) {
		size_t n = strcspn(p, "\x02\x03");

		tpl_escape_html(&b, p, n);
		p += n;
		if (*p == STORE_MARK_OPEN)
			buf_puts(&b, "<mark>");
		else if (*p == STORE_MARK_CLOSE)
			buf_puts(&b, "</mark>");
		if (*p)
			p++;
	}
	out = arena_strdup(pg->req->arena, b.failed ? "" : buf_cstr(&b));
	buf_release(&b);
	return out;
}

json_t *page_hit(const struct page *pg, const struct store_doc_hit *h)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
			      (json_int_t)h->id, "url",
			      arena_printf(pg->req->arena, "/documents/%lld", (long long)h->id),
			      "title", h->title, "index_no", h->index_no ? h->index_no : "",
			      "doc_number", h->doc_number ? h->doc_number : "", "agency_name",
			      h->agency_name, "agency_code", h->agency_code, "category",
			      h->subject ? h->subject : page_category_label(h->category),
			      "created", page_date(pg, h->created), "published",
			      page_date(pg, h->published));

	if (h->snippet)
		json_object_set_new(o, "snippet_html", json_string(snippet_html(pg, h->snippet)));
	return o;
}

const char *page_plain_snippet(const struct page *pg, const char *snippet)
{
	char *out = arena_strdup(pg->req->arena, snippet), *w = out;

	for (const char *r = snippet; out && *r; r++)
		if (*r != STORE_MARK_OPEN && *r != STORE_MARK_CLOSE)
			*w++ = *r;
	if (out)
		*w = '\0';
	return out ? out : "";
}
