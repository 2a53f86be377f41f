/*
 * page_document.c: one published document (/documents/{id}) with its
 * catalogue metadata and the 47号 <meta> tags, and the same as JSON
 * (/api/v1/documents/{id}). Only published documents are shown: a draft
 * or an id that does not exist is the same 404, so the portal does not
 * reveal what is being drafted (先审查、后公开).
 */
#include <string.h>

#include "base/str.h"
#include "report/sheet.h"
#include "web/page.h"
#include "web/page_cache.h"
#include "web/pages.h"

#include "base/banned.h"

/* A published document, or NULL after answering 404/500. */
static bool published_document(struct page *pg, struct store_document *d)
{
	struct gk_errmsg m;
	enum gk_err err = store_document_get(pg->st, http_arg_int(pg->req, "id", 0), d, &m);

	if (err) {
		page_store_error(pg, err, &m);
		return false;
	}
	if (d->status != DOC_PUBLISHED && d->status != DOC_ABOLISHED && d->status != DOC_INVALID) {
		http_error(pg->req, pg->res, 404, "没有找到这项政府信息。");
		return false;
	}
	return true;
}

/* The body's paragraphs: blank lines separate them, as in sheet texts. */
static json_t *paragraphs(const char *body)
{
	struct str rest = str_from_cstr(body ? body : ""), para;
	json_t *list = json_array();

	while (sheet_next_paragraph(&rest, &para))
		json_array_append_new(list, json_stringn(para.ptr, para.len));
	return list;
}

static const char *validity(const struct store_document *d)
{
	if (d->status == DOC_ABOLISHED)
		return "已废止";
	if (d->status == DOC_INVALID)
		return "已失效";
	return d->kind == DOC_KIND_PLAIN ? "有效" : "现行有效";
}

/* The document as both the page and the API show it. */
static json_t *document_json(const struct page *pg, const struct store_document *d,
			     const struct portal_agency *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
			 (json_int_t)d->id, "index_no", d->index_no ? d->index_no : "", "title",
			 d->title, "doc_number", d->doc_number ? d->doc_number : "", "agency",
			 a ? a->code : "", "agency_name", a ? a->name : "", "category_label",
			 page_category_label(d->category), "created", page_date(pg, d->created),
			 "published", page_date(pg, d->published), "validity", validity(d),
			 "summary", d->summary ? d->summary : "", "body", d->body ? d->body : "");
}

void page_document(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct store_document d;
	const struct portal_agency *a;
	const char *key;
	json_t *v, *doc;

	if (!page_begin(&pg, req, res))
		return;
	/* The same bytes for everyone in each display mode (page_cache.h). */
	key = arena_printf(req->arena, "%s#%d", req->path, page_care(&pg));
	if (page_cache_get(pg.portal->documents, key, res, req->arena) ||
	    !published_document(&pg, &d))
		return;
	a = portal_agency_by_id(pg.portal, d.agency_id);
	v = page_view(&pg, d.title, a, "catalogue");
	doc = document_json(&pg, &d, a);
	json_object_set_new(doc, "agency_url",
			    json_string(arena_printf(req->arena, "/org/%s", a ? a->code : "")));
	json_object_set_new(doc, "paragraphs", paragraphs(d.body));
	json_object_set_new(v, "doc", doc);
	json_object_set_new(
		v, "article",
		json_pack("{s:s, s:s, s:s, s:s, s:s}", "title", d.title, "published",
			  page_date(&pg, d.published), "agency_name", a ? a->name : "",
			  "keywords", page_category_label(d.category), "description",
			  d.summary ? d.summary : d.title));
	if (a) {
		page_crumb(v, "政府信息公开", arena_printf(req->arena, "/org/%s", a->code));
		page_crumb(v, "法定主动公开内容",
			   arena_printf(req->arena, "/org/%s/catalogue", a->code));
	}
	page_crumb(v, "正文", NULL);
	page_render(&pg, "document", v);
	page_cache_put(pg.portal->documents, key, res);
}

void api_document(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct store_document d;

	if (!page_begin(&pg, req, res) || !published_document(&pg, &d))
		return;
	page_json(&pg, document_json(&pg, &d, portal_agency_by_id(pg.portal, d.agency_id)));
}
