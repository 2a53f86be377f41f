/*
 * page_catalogue.c: 法定主动公开内容 of an agency — the published documents
 * by item of 条例第二十条, by the agency's subject scheme and by year,
 * newest first, each with 索引号, 标题, 文号, 生成日期 and 公开日期.
 */
#include <stdio.h>

#include "law/art20.h"
#include "web/page.h"
#include "web/pages.h"

#include "base/banned.h"

struct filter {
	const struct portal_agency *a;
	int category, year;
	int64_t subject;
};

static const char *filter_link(const struct page *pg, const struct filter *f, int page)
{
	char category[16], subject[24], year[16], pageno[16];

	snprintf(category, sizeof(category), "%d", f->category);
	snprintf(subject, sizeof(subject), "%lld", (long long)f->subject);
	snprintf(year, sizeof(year), "%d", f->year);
	snprintf(pageno, sizeof(pageno), "%d", page > 1 ? page : 0);
	return page_link(pg, arena_printf(pg->req->arena, "/org/%s/catalogue", f->a->code),
			 "category", category, "subject", subject, "year", year, "page", pageno,
			 NULL);
}

static const char *pager_link(const struct page *pg, void *ctx, int page)
{
	return filter_link(pg, ctx, page);
}

static json_t *categories(const struct page *pg, const struct filter *f,
			  const struct store_catalogue_counts *c)
{
	json_t *list = json_array();

	for (int i = 1; i <= STORE_ART20_ITEMS; i++) {
		struct filter one = {.a = f->a, .category = i};

		if (!c->by_category[i])
			continue;
		json_array_append_new(list,
				      json_pack("{s:s, s:s, s:I, s:b}", "label", art20_label(i),
						"url", filter_link(pg, &one, 1), "count",
						(json_int_t)c->by_category[i], "current",
						f->category == i));
	}
	return list;
}

static json_t *years(const struct page *pg, const struct filter *f,
		     const struct store_catalogue_counts *c)
{
	json_t *list = json_array();

	for (int y = c->last_year; c->first_year && y >= c->first_year; y--) {
		struct filter one = {.a = f->a, .year = y};
		int64_t n = c->by_year[y - c->first_year];

		if (n)
			json_array_append_new(list, json_pack("{s:i, s:s, s:I, s:b}", "year", y,
							      "url", filter_link(pg, &one, 1),
							      "count", (json_int_t)n, "current",
							      f->year == y));
	}
	return list;
}

struct subjects_ctx {
	const struct page *pg;
	const struct filter *f;
	json_t *list;
	const char *current; /* name of the chosen subject */
};

static int add_subject(void *ctx, int64_t id, const char *name, int64_t published)
{
	struct subjects_ctx *s = ctx;
	struct filter one = {.a = s->f->a, .subject = id};

	if (s->f->subject == id)
		s->current = arena_strdup(s->pg->req->arena, name);
	if (published)
		json_array_append_new(s->list,
				      json_pack("{s:s, s:s, s:I, s:b}", "name", name, "url",
						filter_link(s->pg, &one, 1), "count",
						(json_int_t)published, "current", s->f->subject == id));
	return 0;
}

static int add_hit(void *ctx, const struct store_doc_hit *h)
{
	struct subjects_ctx *s = ctx;

	json_array_append_new(s->list, page_hit(s->pg, h));
	return 0;
}

void page_catalogue(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct filter f = {0};
	struct store_catalogue_counts counts;
	struct store_doc_query q = {.limit = PAGE_SIZE};
	struct subjects_ctx sc = {.pg = &pg, .f = &f};
	int64_t total;
	bool exact;
	json_t *v, *hits, *pager;
	struct gk_errmsg m;
	enum gk_err err;
	int page;

	if (!page_begin(&pg, req, res) || !(f.a = page_agency(&pg)))
		return;
	f.category = (int)http_arg_int(req, "category", 0);
	f.subject = http_arg_int(req, "subject", 0);
	f.year = (int)http_arg_int(req, "year", 0);
	page = page_number(&pg);
	q.agency_id = f.a->id;
	q.region = page_is_region(&pg, f.a);
	q.category = f.category, q.subject_id = f.subject, q.year = f.year;
	q.offset = (page - 1) * PAGE_SIZE;
	if ((err = portal_catalogue_count(pg.portal, pg.st, f.a, q.region, &counts, &m)))
		return page_store_error(&pg, err, &m);
	v = page_view(&pg, arena_printf(req->arena, "%s法定主动公开内容", f.a->name), f.a,
		      "catalogue");
	page_crumb(v, "政府信息公开", arena_printf(req->arena, "/org/%s", f.a->code));
	page_crumb(v, "法定主动公开内容", NULL);
	sc.list = json_array();
	if ((err = store_subject_each(pg.st, f.a->id, add_subject, &sc, &m))) {
		json_decref(sc.list), json_decref(v);
		return page_store_error(&pg, err, &m);
	}
	json_object_set_new(v, "has_subjects", json_boolean(json_array_size(sc.list) > 0));
	json_object_set_new(v, "subjects", sc.list);
	hits = sc.list = json_array();
	if ((err = store_documents_find(pg.st, &q, add_hit, &sc, &total, &exact, &m))) {
		json_decref(hits), json_decref(v);
		return page_store_error(&pg, err, &m);
	}
	json_object_set_new(v, "counts", json_pack("{s:I}", "total", (json_int_t)counts.total));
	json_object_set_new(v, "filter", json_pack("{s:i, s:I, s:i}", "category", f.category,
						   "subject", (json_int_t)f.subject, "year",
						   f.year));
	json_object_set_new(v, "all_url",
			    json_string(arena_printf(req->arena, "/org/%s/catalogue", f.a->code)));
	json_object_set_new(v, "categories", categories(&pg, &f, &counts));
	json_object_set_new(v, "years", years(&pg, &f, &counts));
	json_object_set_new(v, "heading",
			    json_string(f.category ? art20_label(f.category)
					: sc.current ? sc.current
					: f.year     ? arena_printf(req->arena, "%d年", f.year)
						     : "全部"));
	json_object_set_new(v, "total", json_integer(total));
	json_object_set_new(v, "has_hits", json_boolean(json_array_size(hits) > 0));
	json_object_set_new(v, "hits", hits);
	json_object_set_new(v, "search", json_pack("{s:s}", "agency", f.a->code));
	if ((pager = page_pager(&pg, total, page, pager_link, &f)))
		json_object_set_new(v, "pager", pager);
	page_render(&pg, "catalogue", v);
}
