/*
 * page_home.c: the column's home for an agency (/org/{code}) or the
 * region (/): the four fixed parts of 国办公开办函〔2019〕61号, the
 * agencies under it, the latest published documents, the search box.
 */
#include <string.h>

#include "web/page.h"
#include "web/pages.h"

#include "base/banned.h"

#define LATEST 10

static int add_hit(void *ctx, const struct store_doc_hit *h)
{
	struct page *pg = ((void **)ctx)[0];
	json_t *list = ((void **)ctx)[1];

	json_array_append_new(list, page_hit(pg, h));
	return 0;
}

static json_t *children(const struct page *pg, const struct portal_agency *a)
{
	const struct portal *p = pg->portal;
	size_t self = (size_t)(a - p->agencies);
	json_t *list = json_array();

	for (size_t i = 0; i < p->n_agencies; i++)
		if (p->agencies[i].parent == self)
			json_array_append_new(
				list, json_pack("{s:s, s:s}", "name", p->agencies[i].name, "url",
						arena_printf(pg->req->arena, "/org/%s",
							     p->agencies[i].code)));
	return list;
}

void page_home(struct http_request *req, struct http_response *res)
{
	struct page pg;
	const struct portal_agency *a;
	struct store_catalogue_counts counts;
	struct store_doc_query q = {.limit = LATEST};
	json_t *v, *latest, *kids;
	void *ctx[2];
	int64_t total;
	bool exact;
	struct gk_errmsg m;
	enum gk_err err;

	if (!page_begin(&pg, req, res) || !(a = page_agency(&pg)))
		return;
	q.agency_id = a->id;
	q.region = page_is_region(&pg, a);
	if ((err = portal_catalogue_count(pg.portal, pg.st, a, q.region, &counts, &m)))
		return page_store_error(&pg, err, &m);
	latest = json_array();
	ctx[0] = &pg, ctx[1] = latest;
	if ((err = store_documents_find(pg.st, &q, add_hit, ctx, &total, &exact, &m))) {
		json_decref(latest);
		return page_store_error(&pg, err, &m);
	}
	v = page_view(&pg, arena_printf(req->arena, "%s政府信息公开", a->name), a, NULL);
	page_crumb(v, "政府信息公开", NULL);
	json_object_set_new(v, "counts", json_pack("{s:I}", "total", (json_int_t)counts.total));
	json_object_set_new(v, "latest", latest);
	kids = children(&pg, a);
	json_object_set_new(v, "has_children", json_boolean(json_array_size(kids) > 0));
	json_object_set_new(v, "children", kids);
	if (a != &pg.portal->agencies[pg.portal->root])
		json_object_set_new(v, "search", json_pack("{s:s}", "agency", a->code));
	page_render(&pg, "home", v);
}

/* Liveness for a load balancer or a supervisor: no database, no template. */
void page_healthz(struct http_request *req, struct http_response *res)
{
	(void)req;
	res->content_type = "text/plain; charset=utf-8";
	res->cache_control = "no-store";
	res->fixed = "ok\n";
	res->fixed_len = 3;
}

/* The 适老化 switch: a cookie for a year, then back to where the person was. */
void page_mode(struct http_request *req, struct http_response *res)
{
	const char *back = http_arg_str(req, "back");

	/* Only a path of this site: "//host" would leave it. */
	if (!back || back[0] != '/' || back[1] == '/' || back[1] == '\\')
		back = "/";
	/* The redirect starts the response afresh: the cookie comes after it. */
	http_redirect(req, res, back);
	http_header_add(res, "Set-Cookie",
			http_arg_int(req, "care", 0)
				? "gk_care=1; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
				: "gk_care=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly");
}
