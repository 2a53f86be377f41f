/*
 * page_search.c: search across titles, 文号, summaries and bodies
 * (/search and /api/v1/search), with the agency, category and year
 * filters, highlighted snippets and an honest total ("约 N 条" when the
 * store stopped counting, store.h).
 */
#include <stdio.h>
#include <string.h>

#include "law/art20.h"
#include "web/page.h"
#include "web/page_cache.h"
#include "web/pages.h"

#include "base/banned.h"

struct search {
	const char *q, *agency;
	int category, year, page;
	struct store_doc_query query;
	json_t *hits;
	const struct page *pg;
	bool api;
};

static int add_hit(void *ctx, const struct store_doc_hit *h)
{
	struct search *s = ctx;
	json_t *o;

	if (!s->api) {
		json_array_append_new(s->hits, page_hit(s->pg, h));
		return 0;
	}
	/* The API's contract: id, title, doc_number, agency, published, snippet. */
	o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)h->id, "title", h->title,
		      "doc_number", h->doc_number ? h->doc_number : "", "agency", h->agency_code,
		      "published", page_date(s->pg, h->published));
	json_object_set_new(o, "agency_name", json_string(h->agency_name));
	if (h->snippet) {
		/* Plain text: a client decides how to highlight. */
		json_object_set_new(o, "snippet", json_string(page_plain_snippet(s->pg, h->snippet)));
	}
	json_array_append_new(s->hits, o);
	return 0;
}

/*
 * The cache key of a search: its parameters as read (people repeat the same
 * few searches — 公开, 预算 — so their pages are kept for a minute,
 * page_cache.h), and the display mode for a page.
 */
static const char *search_key(const struct page *pg, const struct search *s, int care)
{
	return arena_printf(pg->req->arena, "%s\n%s\n%s\n%d\n%d\n%d\n%d", pg->req->path,
			    s->q ? s->q : "", s->agency ? s->agency : "", s->category, s->year,
			    s->page, care);
}

/* Read the parameters; false after answering 404 for an unknown agency. */
static bool read_search(struct page *pg, struct search *s)
{
	const struct portal_agency *a = NULL;

	s->pg = pg;
	s->q = http_arg_str(pg->req, "q");
	s->agency = http_arg_str(pg->req, "agency");
	s->category = (int)http_arg_int(pg->req, "category", 0);
	s->year = (int)http_arg_int(pg->req, "year", 0);
	s->page = page_number(pg);
	if (s->agency && !(a = portal_agency_by_code(pg->portal, s->agency))) {
		http_error(pg->req, pg->res, 400, "参数 agency：没有这个机关。");
		return false;
	}
	s->query = (struct store_doc_query){
		.agency_id = a ? a->id : 0,
		.region = a && page_is_region(pg, a),
		.category = s->category,
		.year = s->year,
		.query = s->q,
		.offset = (s->page - 1) * PAGE_SIZE,
		.limit = PAGE_SIZE,
	};
	return true;
}

static const char *pager_link(const struct page *pg, void *ctx, int page)
{
	const struct search *s = ctx;
	char category[16], year[16], pageno[16];

	snprintf(category, sizeof(category), "%d", s->category);
	snprintf(year, sizeof(year), "%d", s->year);
	snprintf(pageno, sizeof(pageno), "%d", page > 1 ? page : 0);
	return page_link(pg, "/search", "q", s->q, "agency", s->agency, "category", category,
			 "year", year, "page", pageno, NULL);
}

/* The region's root and the agencies directly under it. */
static json_t *agency_options(const struct page *pg, const char *selected)
{
	const struct portal *p = pg->portal;
	json_t *list = json_array();

	for (size_t i = 0; i < p->n_agencies; i++)
		if (i == p->root || p->agencies[i].parent == p->root)
			json_array_append_new(
				list, json_pack("{s:s, s:s, s:b}", "code", p->agencies[i].code,
						"name", p->agencies[i].name, "selected",
						selected && !strcmp(selected, p->agencies[i].code)));
	return list;
}

static json_t *category_options(int selected)
{
	json_t *list = json_array();

	for (int i = 1; i <= STORE_ART20_ITEMS; i++)
		json_array_append_new(list, json_pack("{s:i, s:s, s:b}", "value", i, "label",
						      art20_label(i), "selected", i == selected));
	return list;
}

static json_t *year_options(const struct page *pg, int selected)
{
	struct store_catalogue_counts c;
	json_t *list = json_array();
	const struct portal_agency *root = &pg->portal->agencies[pg->portal->root];

	if (portal_catalogue_count(pg->portal, pg->st, root, true, &c, NULL))
		return list;
	for (int y = c.last_year; c.first_year && y >= c.first_year; y--)
		json_array_append_new(list, json_pack("{s:i, s:b}", "value", y, "selected",
						      y == selected));
	return list;
}

void page_search(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct search s = {0};
	int64_t total = 0;
	bool exact = true;
	json_t *v, *pager;
	const char *key;
	struct gk_errmsg m;
	enum gk_err err = GK_OK;

	if (!page_begin(&pg, req, res) || !read_search(&pg, &s))
		return;
	key = search_key(&pg, &s, page_care(&pg));
	if (page_cache_get(pg.portal->searches, key, res, req->arena))
		return;
	v = page_view(&pg, s.q ? arena_printf(req->arena, "“%s”的搜索结果", s.q) : "搜索", NULL,
		      NULL);
	page_crumb(v, "政府信息公开", "/");
	page_crumb(v, "搜索", NULL);
	json_object_set_new(v, "search", json_pack("{s:s}", "q", s.q ? s.q : ""));
	json_object_set_new(v, "agencies", agency_options(&pg, s.agency));
	json_object_set_new(v, "category_options", category_options(s.category));
	json_object_set_new(v, "year_options", year_options(&pg, s.year));
	if (s.q) {
		s.hits = json_array();
		err = store_documents_find(pg.st, &s.query, add_hit, &s, &total, &exact, &m);
		if (err == GK_EINVAL) {
			/* A query the store cannot search (too long, operators only):
			 * the page says why, with the form to try again. */
			json_object_set_new(v, "message", json_string(m.text));
			res->status = 400;
		} else if (err) {
			json_decref(s.hits), json_decref(v);
			return page_store_error(&pg, err, &m);
		} else {
			json_object_set_new(v, "searched", json_true());
			json_object_set_new(v, "exact", json_boolean(exact));
			json_object_set_new(v, "total", json_integer(total));
			json_object_set_new(v, "hits", json_incref(s.hits));
			if ((pager = page_pager(&pg, total, s.page, pager_link, &s)))
				json_object_set_new(v, "pager", pager);
		}
		json_decref(s.hits);
	}
	page_render(&pg, "search", v);
	page_cache_put(pg.portal->searches, key, res);
}

void api_search(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct search s = {.api = true};
	int64_t total = 0;
	bool exact = true;
	const char *key;
	struct gk_errmsg m;
	enum gk_err err;

	if (!page_begin(&pg, req, res) || !read_search(&pg, &s))
		return;
	key = search_key(&pg, &s, 0);
	if (page_cache_get(pg.portal->searches, key, res, req->arena))
		return;
	s.hits = json_array();
	err = store_documents_find(pg.st, &s.query, add_hit, &s, &total, &exact, &m);
	if (err) {
		json_decref(s.hits);
		return page_store_error(&pg, err, &m);
	}
	page_json(&pg, json_pack("{s:I, s:b, s:i, s:o}", "total", (json_int_t)total, "exact",
				 exact, "page", s.page, "hits", s.hits));
	page_cache_put(pg.portal->searches, key, res);
}
