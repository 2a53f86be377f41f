/*
 * office_docs.c: the documents of 主动公开 in the back office
 * (docs/documents.md), over app/docflow.h:
 *
 *   GET  /office/documents                     the list: filters, counts, the
 *                                              late ones flagged; ?format=csv|xlsx
 *   GET  /office/documents/new                 the registration form
 *   POST /office/documents                     register a draft
 *   GET  /office/documents/{id}                facts, deadline, history, actions
 *   POST /office/documents/{id}/events         take a step (form)
 *   GET  /api/v1/office/documents              the list as JSON
 *   POST /api/v1/office/documents              register (JSON) → 201
 *   GET  /api/v1/office/documents/{id}         the document as JSON
 *   POST /api/v1/office/documents/{id}/events  take a step → 200 with the new
 *                                              state, 409 with the reason
 *
 * Who: AUTH_DRAFT_DOCUMENT registers, proposes the 公开属性 and links a 解读;
 * AUTH_REVIEW_DOCUMENT confirms, records the 保密审查, publishes, abolishes
 * and records 送交两馆 (docs/security.md). Either right lets one read the
 * agency's documents, drafts included; nobody else sees a draft, since it
 * has not been reviewed for secrets yet (条例第十七条).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/docflow.h"
#include "law/art20.h"
#include "web/app.h"
#include "web/office.h"
#include "web/office_export.h"

#include "base/banned.h"

/* --- Who sees what --------------------------------------------------------- */

static bool may_view(const struct office *o, int64_t agency_id)
{
	return office_can(o, AUTH_DRAFT_DOCUMENT, agency_id) ||
	       office_can(o, AUTH_REVIEW_DOCUMENT, agency_id);
}

/* False after answering 403. */
static bool require_view(struct office *o, int64_t agency_id)
{
	if (may_view(o, agency_id))
		return true;
	http_error(o->pg.req, o->pg.res, 403, "您的角色（%s）无权查看这个机关的主动公开文件。",
		   store_role_name(o->s.user.role));
	return false;
}

static struct audit_who who_of(const struct office *o)
{
	return (struct audit_who){
	    .user_id = o->s.user.id, .client = o->pg.req->client, .now = (int64_t)time(NULL)};
}

static const struct calendar *calendar_of(const struct office *o)
{
	return ((const struct web_app *)o->pg.req->app)->cal;
}

static const char *agency_name(const struct office *o, int64_t id)
{
	const struct portal_agency *a = portal_agency_by_id(o->pg.portal, id);

	return a ? a->name : "";
}

static const char *agency_code(const struct office *o, int64_t id)
{
	const struct portal_agency *a = portal_agency_by_id(o->pg.portal, id);

	return a ? a->code : "";
}

static const char *doc_url(const struct office *o, int64_t id)
{
	return arena_printf(o->pg.req->arena, "/office/documents/%lld", (long long)id);
}

static enum disclosure_attr effective_attr(enum disclosure_attr proposed,
					   enum disclosure_attr confirmed)
{
	return confirmed != ATTR_UNSET ? confirmed : proposed;
}

/* The deadline as pages and the API show it. */
static json_t *deadline_json(const struct office *o, const struct docflow_deadline *dl,
			     gk_date created, bool explain)
{
	json_t *j = json_pack(
	    "{s:s, s:s, s:s, s:b, s:b, s:b}", "due", office_date(o, dl->due), "state",
	    docflow_timing_name(dl->timing), "timing",
	    dl->timing == DOCFLOW_LATE_PENDING	   ? "late_pending"
	    : dl->timing == DOCFLOW_LATE_PUBLISHED ? "late_published"
	    : dl->timing == DOCFLOW_IN_TIME	   ? "in_time"
	    : dl->timing == DOCFLOW_DUE		   ? "due"
	    : dl->timing == DOCFLOW_NO_DEADLINE	   ? "none"
						   : "unknown",
	    "late", dl->timing == DOCFLOW_LATE_PENDING || dl->timing == DOCFLOW_LATE_PUBLISHED,
	    "late_pending", dl->timing == DOCFLOW_LATE_PENDING, "late_published",
	    dl->timing == DOCFLOW_LATE_PUBLISHED);

	if (dl->timing == DOCFLOW_DUE || dl->timing == DOCFLOW_LATE_PENDING)
		json_object_set_new(j, "days_left", json_integer(dl->days_left));
	if (dl->overdue)
		json_object_set_new(j, "overdue_days", json_integer(dl->overdue));
	if (explain) {
		char text[1024];

		docflow_deadline_explain(dl, created, text, sizeof(text));
		json_object_set_new(j, "explanation", json_string(text));
	}
	return j;
}

/* --- The list -------------------------------------------------------------- */

struct list_walk {
	struct office *o;
	json_t *rows;
};

static json_t *row_json(struct office *o, const struct store_docs_row *r)
{
	struct docflow_deadline dl;
	enum disclosure_attr attr = effective_attr(r->attr_proposed, r->attr_confirmed);

	docflow_deadline(calendar_of(o), r->status, attr, r->created, r->published, o->today, &dl);
	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, "
	    "s:s, s:s, s:s, s:s, s:o, s:I}",
	    "id", (json_int_t)r->id, "url", doc_url(o, r->id), "index_no",
	    r->index_no ? r->index_no : "", "title", r->title ? r->title : "", "doc_number",
	    r->doc_number ? r->doc_number : "", "agency", agency_code(o, r->agency_id),
	    "agency_name", agency_name(o, r->agency_id), "category", r->category, "category_label",
	    r->category ? art20_label(r->category) : "", "kind", docflow_kind_id(r->kind),
	    "kind_name", docflow_kind_name(r->kind), "status", docflow_status_id(r->status),
	    "status_name", docflow_status_name(r->status), "attr", docflow_attr_id(attr),
	    "attr_confirmed", r->attr_confirmed != ATTR_UNSET, "attr_name", docflow_attr_name(attr),
	    "created", office_date(o, r->created), "secrecy_reviewed",
	    office_date(o, r->secrecy_reviewed), "published", office_date(o, r->published),
	    "abolished", office_date(o, r->abolished), "deadline",
	    deadline_json(o, &dl, r->created, false), "interprets", (json_int_t)r->interprets_id);
}

static int list_row(void *ctx, const struct store_docs_row *r, enum store_docs_late late)
{
	struct list_walk *w = ctx;

	(void)late; /* row_json computes the deadline itself, with its due date */
	json_array_append_new(w->rows, row_json(w->o, r));
	return 0;
}

static const char *const late_ids[] = {"", "late", "pending", "published"};
static const char *const late_names[] = {"", "全部逾期", "逾期未公开", "逾期公开"};
#define LATE_CHOICES 4

/* The list's scope and filters from the query; false after a 400/403/404. */
static bool list_query(struct office *o, struct store_docs_query *q, bool *region)
{
	const struct http_request *req = o->pg.req;
	const char *code = http_arg_str(req, "agency"), *status = http_arg_str(req, "status");
	const char *kind = http_arg_str(req, "kind"), *late = http_arg_str(req, "late");
	const struct portal_agency *ag;
	enum doc_status st;
	enum doc_kind k;

	*q = (struct store_docs_query){.status = -1, .kind = -1, .limit = OFFICE_PAGE_SIZE};
	ag = code ? portal_agency_by_code(o->pg.portal, code)
		  : portal_agency_by_id(o->pg.portal, office_home_agency(o));
	if (!ag) {
		http_error(o->pg.req, o->pg.res, 404, "没有这个机关。");
		return false;
	}
	q->agency_id = ag->id;
	/* Only who reaches the agencies below sees them (an admin: all). */
	*region = q->region = auth_reach(o->s.user.role, AUTH_DRAFT_DOCUMENT) >= AUTH_REGION &&
			      http_arg_int(req, "region", 1) != 0;
	if (status && !docflow_status_parse(status, &st)) {
		http_error(o->pg.req, o->pg.res, 400,
			   "参数 status：应为 draft、reviewed、published、abolished 或 invalid。");
		return false;
	}
	if (status)
		q->status = (int)st;
	if (kind && !docflow_kind_parse(kind, &k)) {
		http_error(o->pg.req, o->pg.res, 400, "参数 kind：应为 plain、rule 或 normative。");
		return false;
	}
	if (kind)
		q->kind = (int)k;
	for (int i = 1; late && i < LATE_CHOICES; i++)
		if (!strcmp(late, late_ids[i]))
			q->late = (enum store_docs_late_filter)i;
	if (late && q->late == STORE_DOCS_ANY) {
		http_error(o->pg.req, o->pg.res, 400,
			   "参数 late：应为 late（全部逾期）、pending（逾期未公开）或 "
			   "published（逾期公开）。");
		return false;
	}
	q->offset = (int64_t)(page_number(&o->pg) - 1) * OFFICE_PAGE_SIZE;
	return require_view(o, ag->id);
}

static bool list_load(struct office *o, struct store_docs_query *q, json_t **rows,
		      struct store_docs_counts *c)
{
	struct docflow_late_ctx lc = {.cal = calendar_of(o), .today = o->today};
	struct list_walk w = {o, json_array()};
	struct gk_errmsg m;
	enum gk_err err;

	q->late_fn = docflow_late;
	q->late_ctx = &lc;
	if ((err = store_docs_list(o->pg.st, q, list_row, &w, c, &m))) {
		json_decref(w.rows);
		office_fail(o, err, &m);
		return false;
	}
	*rows = w.rows;
	return true;
}

static json_t *counts_json(const struct store_docs_counts *c)
{
	json_t *by = json_array();

	for (int i = 0; i < DOC_STATUS_COUNT; i++)
		json_array_append_new(by, json_pack("{s:s, s:s, s:I}", "id",
						    docflow_status_id((enum doc_status)i), "name",
						    docflow_status_name((enum doc_status)i),
						    "count", (json_int_t)c->by_status[i]));
	return json_pack("{s:I, s:I, s:I, s:I, s:o}", "total", (json_int_t)c->total, "all",
			 (json_int_t)c->all, "late_pending", (json_int_t)c->late_pending,
			 "late_published", (json_int_t)c->late_published, "by_status", by);
}

/* The list's address with the filters it was asked with, and one argument
 * more: the page of the pager, the format of an export. */
static const char *list_url(const struct page *pg, const char *key, const char *value)
{
	const struct http_request *req = pg->req;

	return page_link(pg, req->path, "agency", http_arg_str(req, "agency"), "region",
			 http_arg_str(req, "region"), "status", http_arg_str(req, "status"), "kind",
			 http_arg_str(req, "kind"), "late", http_arg_str(req, "late"), key, value,
			 NULL);
}

static const char *list_link(const struct page *pg, void *ctx, int page)
{
	char n[16];

	(void)ctx;
	snprintf(n, sizeof(n), "%d", page);
	return list_url(pg, "page", n);
}

static json_t *choices(const char *chosen, const char *(*id)(int), const char *(*name)(int), int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "id", id(i), "name", name(i),
						   "selected", chosen && !strcmp(chosen, id(i))));
	return a;
}

static const char *status_id(int i)
{
	return docflow_status_id((enum doc_status)i);
}
static const char *status_name(int i)
{
	return docflow_status_name((enum doc_status)i);
}
static const char *kind_id(int i)
{
	return docflow_kind_id((enum doc_kind)i);
}
static const char *kind_name(int i)
{
	return docflow_kind_name((enum doc_kind)i);
}
static const char *late_id(int i)
{
	return late_ids[i + 1];
}
static const char *late_name(int i)
{
	return late_names[i + 1];
}
static const char *attr_id(int i)
{
	return docflow_attr_id((enum disclosure_attr)(i + 1));
}
static const char *attr_name(int i)
{
	return docflow_attr_name((enum disclosure_attr)(i + 1));
}

/* The export: the list's columns as a spreadsheet has them. */
static bool list_export(struct office *o, const json_t *rows)
{
	static const char *const headers[] = {"编号",
					      "索引号",
					      "标题",
					      "文号",
					      "机关",
					      "类别（条例第二十条）",
					      "种类",
					      "形成日期",
					      "公开属性",
					      "状态",
					      "保密审查",
					      "公开日期",
					      "公开期限（条例第二十六条）",
					      "期限情况",
					      "废止/失效日期"};
	json_t *table = json_array();
	const json_t *r;
	size_t i;
	bool answered;

	json_array_foreach(rows, i, r)
	{
		const json_t *dl = json_object_get(r, "deadline");

		json_array_append_new(
		    table,
		    json_pack(
			"[O, O, O, O, O, O, O, O, O, O, O, O, O, O, O]", json_object_get(r, "id"),
			json_object_get(r, "index_no"), json_object_get(r, "title"),
			json_object_get(r, "doc_number"), json_object_get(r, "agency_name"),
			json_object_get(r, "category_label"), json_object_get(r, "kind_name"),
			json_object_get(r, "created"), json_object_get(r, "attr_name"),
			json_object_get(r, "status_name"), json_object_get(r, "secrecy_reviewed"),
			json_object_get(r, "published"), json_object_get(dl, "due"),
			json_object_get(dl, "state"), json_object_get(r, "abolished")));
	}
	answered =
	    office_export(o, "主动公开文件", headers, sizeof(headers) / sizeof(headers[0]), table);
	json_decref(table);
	return answered;
}

/* The list's page; takes rows. */
static void render_list(struct office *o, const struct store_docs_query *q,
			const struct store_docs_counts *c, bool region, json_t *rows)
{
	const struct http_request *req = o->pg.req;
	const struct portal_agency *ag = portal_agency_by_id(o->pg.portal, q->agency_id);
	json_t *v = office_view(o, "主动公开文件", "documents");

	json_object_set_new(v, "rows", rows);
	json_object_set_new(v, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(v, "counts", counts_json(c));
	json_object_set_new(
	    v, "filters",
	    json_pack(
		"{s:o, s:o, s:o}", "statuses",
		choices(http_arg_str(req, "status"), status_id, status_name, DOC_STATUS_COUNT),
		"kinds", choices(http_arg_str(req, "kind"), kind_id, kind_name, DOC_KIND_COUNT),
		"late", choices(http_arg_str(req, "late"), late_id, late_name, LATE_CHOICES - 1)));
	json_object_set_new(
	    v, "scope",
	    json_pack("{s:s, s:s, s:b}", "code", ag->code, "name", ag->name, "region", region));
	json_object_set_new(v, "export",
			    json_pack("{s:s, s:s}", "csv", list_url(&o->pg, "format", "csv"),
				      "xlsx", list_url(&o->pg, "format", "xlsx")));
	json_object_set_new(
	    v, "may_draft",
	    json_boolean(office_can(o, AUTH_DRAFT_DOCUMENT, office_home_agency(o))));
	json_object_set_new(v, "pager",
			    page_pager(&o->pg, c->total, page_number(&o->pg), list_link, NULL));
	page_render(&o->pg, "office_documents", v);
}

/* The list as a page, an export (?format=) or the API's JSON: one query,
 * one load, three ways of answering. */
static void list(struct http_request *req, struct http_response *res, bool api)
{
	struct office o;
	struct store_docs_query q;
	struct store_docs_counts c;
	bool region, export;
	json_t *rows;

	if (!office_begin(&o, req, res))
		return;
	if (!list_query(&o, &q, &region))
		return office_end(&o);
	export = !api && http_arg_str(req, "format");
	if (export) {
		/* The whole filtered list, not one page. */
		q.offset = 0;
		q.limit = STORE_DOCS_LIMIT_MAX;
	}
	if (!list_load(&o, &q, &rows, &c))
		return office_end(&o);
	if (api) {
		page_json(&o.pg, json_pack("{s:o, s:i, s:o}", "counts", counts_json(&c), "page",
					   page_number(&o.pg), "documents", rows));
	} else if (export) {
		list_export(&o, rows);
		json_decref(rows);
	} else {
		render_list(&o, &q, &c, region, rows);
	}
	office_end(&o);
}

static void page_list(struct http_request *req, struct http_response *res)
{
	list(req, res, false);
}

static void api_list(struct http_request *req, struct http_response *res)
{
	list(req, res, true);
}

/* --- One document ------------------------------------------------------------ */

struct doc_view {
	struct docflow_doc flow;
	struct store_document d;
	struct store_docs_review r;
	struct docflow_doc policy;
	bool has_policy;
	const char *policy_title;
	json_t *events, *interpretations;
};

static const char *keep(const struct office *o, const char *s)
{
	return s ? arena_strdup(o->pg.req->arena, s) : NULL;
}

static int event_row(void *ctx, const struct store_docs_event *e)
{
	struct doc_view *v = ((void **)ctx)[0];
	const struct office *o = ((void **)ctx)[1];

	json_array_append_new(v->events, json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", e->kind,
						   "name", docflow_event_name(e->kind), "date",
						   office_date(o, e->date), "user",
						   e->username ? e->username : "", "note",
						   e->note ? e->note : ""));
	return 0;
}

static void doc_view_release(struct doc_view *v)
{
	json_decref(v->events);
	json_decref(v->interpretations);
	v->events = v->interpretations = NULL;
}

/* Document id with what its page shows; GK_ENOTFOUND etc. with m. */
static enum gk_err doc_view_load(struct office *o, int64_t id, struct doc_view *v,
				 struct gk_errmsg *m)
{
	struct store_document other;
	int64_t *ids = NULL;
	size_t n = 0;
	void *ctx[2] = {v, o};
	enum gk_err err;

	memset(v, 0, sizeof(*v));
	v->events = json_array();
	v->interpretations = json_array();
	if ((err = docflow_load(o->pg.st, id, &v->flow, &v->d, &v->r, m)))
		return err;
	/* The store's strings live until its next call: keep them. */
	v->d.index_no = keep(o, v->d.index_no);
	v->d.doc_number = keep(o, v->d.doc_number);
	v->d.title = keep(o, v->d.title);
	v->d.summary = keep(o, v->d.summary);
	v->d.body = keep(o, v->d.body);
	if ((err = store_docs_event_each(o->pg.st, id, event_row, ctx, m)))
		return err;
	if (v->r.interprets_id) {
		err = docflow_load(o->pg.st, v->r.interprets_id, &v->policy, &other, NULL, m);
		if (!err) {
			v->has_policy = true;
			v->policy_title = keep(o, other.title);
		} else if (err != GK_ENOTFOUND) {
			return err;
		}
	}
	if ((err = store_docs_interpretations(o->pg.st, id, &ids, &n, m)))
		return err;
	for (size_t i = 0; !err && i < n; i++)
		if (!(err = store_docs_get(o->pg.st, ids[i], &other, NULL, m)))
			json_array_append_new(
			    v->interpretations,
			    json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)other.id, "url",
				      doc_url(o, other.id), "title", other.title, "status_name",
				      docflow_status_name(other.status)));
	free(ids);
	return err;
}

/* The main way's next step for this document, whoever takes it. */
static bool next_step(const struct docflow_doc *d, enum docflow_step *s)
{
	if (d->status == DOC_DRAFT && d->proposed == ATTR_UNSET)
		*s = DOCFLOW_PROPOSE;
	else if (d->status == DOC_DRAFT && d->confirmed == ATTR_UNSET)
		*s = DOCFLOW_CONFIRM;
	else if (d->status == DOC_DRAFT && d->confirmed == ATTR_PROACTIVE)
		*s = DOCFLOW_REVIEW;
	else if (d->status == DOC_REVIEWED)
		*s = DOCFLOW_PUBLISH;
	else
		return false;
	return true;
}

/* May the user take step s now? When not, *why says why (may be NULL). */
static bool may_take(struct office *o, const struct doc_view *v, enum docflow_step s,
		     const char **why)
{
	struct gk_errmsg m;

	if (!office_can(o, docflow_step_action(s), v->d.agency_id)) {
		if (why)
			*why = arena_printf(o->pg.req->arena, "您的角色（%s）不能%s。",
					    store_role_name(o->s.user.role), docflow_step_name(s));
		return false;
	}
	if (docflow_allowed(&v->flow, s, o->s.user.id, v->has_policy ? &v->policy : NULL, &m)) {
		if (why)
			*why = keep(o, m.text);
		return false;
	}
	return true;
}

static json_t *doc_json(struct office *o, const struct doc_view *v)
{
	const struct store_document *d = &v->d;
	struct docflow_deadline dl;
	enum disclosure_attr attr = effective_attr(d->attr_proposed, d->attr_confirmed);
	json_t *actions = json_array(), *j;
	enum docflow_step next;
	const char *why = NULL;

	docflow_deadline(calendar_of(o), d->status, attr, d->created, d->published, o->today, &dl);
	for (int s = 0; s < DOCFLOW_STEP_COUNT; s++)
		if (may_take(o, v, (enum docflow_step)s, NULL))
			json_array_append_new(actions,
					      json_string(docflow_step_id((enum docflow_step)s)));
	j = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)d->id, "url", doc_url(o, d->id), "agency",
	    agency_code(o, d->agency_id), "agency_name", agency_name(o, d->agency_id), "index_no",
	    d->index_no ? d->index_no : "", "title", d->title ? d->title : "", "doc_number",
	    d->doc_number ? d->doc_number : "", "summary", d->summary ? d->summary : "", "category",
	    d->category, "category_label", d->category ? art20_label(d->category) : "",
	    "category_ref", d->category ? art20_ref(d->category) : "", "kind",
	    docflow_kind_id(d->kind), "kind_name", docflow_kind_name(d->kind), "created",
	    office_date(o, d->created), "status", docflow_status_id(d->status), "status_name",
	    docflow_status_name(d->status), "attr_proposed", docflow_attr_id(d->attr_proposed),
	    "attr_proposed_name", docflow_attr_name(d->attr_proposed), "attr_confirmed",
	    docflow_attr_id(d->attr_confirmed), "attr_confirmed_name",
	    docflow_attr_name(d->attr_confirmed), "secrecy_reviewed",
	    office_date(o, v->r.secrecy_reviewed), "published", office_date(o, d->published),
	    "abolished", office_date(o, d->abolished), "archived", office_date(o, d->archived));
	json_object_set_new(j, "body", json_string(d->body ? d->body : ""));
	json_object_set_new(j, "in_catalogue", json_boolean(d->status == DOC_PUBLISHED));
	if (d->status == DOC_PUBLISHED || d->status == DOC_ABOLISHED || d->status == DOC_INVALID)
		json_object_set_new(j, "public_url",
				    json_string(arena_printf(o->pg.req->arena, "/documents/%lld",
							     (long long)d->id)));
	json_object_set_new(j, "deadline", deadline_json(o, &dl, d->created, true));
	if (v->r.interprets_id)
		json_object_set_new(
		    j, "interprets",
		    json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)v->r.interprets_id, "url",
			      doc_url(o, v->r.interprets_id), "title",
			      v->policy_title ? v->policy_title : "", "status_name",
			      v->has_policy ? docflow_status_name(v->policy.status) : ""));
	else
		json_object_set_new(j, "interprets", json_null());
	json_object_set_new(j, "interpretations", json_incref(v->interpretations));
	json_object_set_new(j, "events", json_incref(v->events));
	json_object_set_new(j, "actions", actions);
	if (next_step(&v->flow, &next)) {
		bool yes = may_take(o, v, next, &why);

		json_object_set_new(j, "next",
				    json_pack("{s:s, s:s, s:b, s:s}", "type", docflow_step_id(next),
					      "name", docflow_step_name(next), "allowed", yes,
					      "reason", yes ? "" : why));
	}
	return j;
}

/* The route's {id} as a document the user may see; false after answering. */
static bool load_doc(struct office *o, struct doc_view *v)
{
	struct gk_errmsg m;
	enum gk_err err = doc_view_load(o, http_arg_int(o->pg.req, "id", 0), v, &m);

	if (err == GK_ENOTFOUND) {
		doc_view_release(v);
		http_error(o->pg.req, o->pg.res, 404, "没有这份文件。");
		return false;
	}
	if (err) {
		doc_view_release(v);
		office_fail(o, err, &m);
		return false;
	}
	if (!require_view(o, v->d.agency_id)) {
		doc_view_release(v);
		return false;
	}
	return true;
}

static json_t *attr_choices(enum disclosure_attr chosen)
{
	json_t *a = choices(docflow_attr_id(chosen), attr_id, attr_name, ATTR_COUNT - 1);

	return a;
}

static void render_doc(struct office *o, const struct doc_view *v, const char *error,
		       const char *notice)
{
	json_t *doc = doc_json(o, v);
	json_t *page = office_view(o, v->d.title, "documents"), *can = json_object();
	const json_t *x;
	size_t i;

	json_array_foreach(json_object_get(doc, "actions"), i, x)
	    json_object_set_new(can, json_string_value(x), json_true());
	json_object_set_new(page, "can", can);
	json_object_set_new(page, "has_actions",
			    json_boolean(json_array_size(json_object_get(doc, "actions")) > 0));
	json_object_set_new(
	    page, "attrs",
	    attr_choices(v->d.attr_proposed != ATTR_UNSET ? v->d.attr_proposed : ATTR_PROACTIVE));
	json_object_set_new(page, "proposed", json_boolean(v->d.attr_proposed != ATTR_UNSET));
	json_object_set_new(page, "has_interpretations",
			    json_boolean(json_array_size(v->interpretations) > 0));
	page_crumb(page, "主动公开文件", "/office/documents");
	page_crumb(page, v->d.title, NULL);
	json_object_set_new(page, "doc", doc);
	if (error)
		json_object_set_new(page, "error", json_string(error));
	if (notice)
		json_object_set_new(page, "notice", json_string(notice));
	page_render(&o->pg, "office_document", page);
}

static void page_doc(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct doc_view v;
	const char *done = http_arg_str(req, "done");
	enum docflow_step s;

	if (!office_begin(&o, req, res))
		return;
	if (load_doc(&o, &v)) {
		const char *notice = NULL;

		if (done && !strcmp(done, "created"))
			notice = "文件已登记。";
		else if (done && docflow_step_parse(done, &s))
			notice = arena_printf(
			    req->arena, "已记录：%s。%s", docflow_step_name(s),
			    s == DOCFLOW_PUBLISH ? "文件已列入公开目录，公众即可查阅和检索。" : "");
		render_doc(&o, &v, NULL, notice);
		doc_view_release(&v);
	}
	office_end(&o);
}

static void api_doc(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct doc_view v;

	if (!office_begin(&o, req, res))
		return;
	if (load_doc(&o, &v)) {
		page_json(&o.pg, doc_json(&o, &v));
		doc_view_release(&v);
	}
	office_end(&o);
}

/* --- Steps ------------------------------------------------------------------ */

/* A number given as a JSON integer or as decimal digits (a form field);
 * -1 when it is something else, 0 when absent or empty. */
static long long number_of(const json_t *v)
{
	const char *s = json_string_value(v);
	char *end;
	long long n;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_integer(v))
		return json_integer_value(v);
	if (!s)
		return -1;
	if (!*s)
		return 0;
	n = strtoll(s, &end, 10);
	return *end || n < 0 ? -1 : n;
}

/* A date field: absent is today; false when it cannot be read. */
static bool read_date(const char *text, gk_date today, gk_date *out)
{
	if (!text || !*text) {
		*out = today;
		return true;
	}
	return date_parse(str_from_cstr(text), out);
}

/*
 * The step described by in (the API's JSON, or the form's fields gathered
 * into one): {"type", "date", "attr", "reason"/"note", "invalid", "policy"}.
 * GK_EINVAL naming the field.
 */
static enum gk_err read_step(const struct office *o, const json_t *in, struct docflow_act *a,
			     struct gk_errmsg *m)
{
	const char *type = json_string_value(json_object_get(in, "type"));
	const char *attr = json_string_value(json_object_get(in, "attr"));
	const json_t *note = json_object_get(in, "reason"), *policy = json_object_get(in, "policy");
	const json_t *invalid = json_object_get(in, "invalid"), *date = json_object_get(in, "date");

	memset(a, 0, sizeof(*a));
	a->user_id = o->s.user.id;
	if (!type || !docflow_step_parse(type, &a->step))
		return gk_errf(m, GK_EINVAL,
			       "type：应为 attr_proposed、attr_confirmed、secrecy_reviewed、"
			       "published、abolished、archived 或 interpretation_linked。");
	if ((date && !json_is_string(date) && !json_is_null(date)) ||
	    !read_date(json_string_value(date), o->today, &a->date))
		return gk_errf(m, GK_EINVAL, "date：不是有效日期，应为 YYYY-MM-DD。");
	if (a->step == DOCFLOW_PROPOSE || a->step == DOCFLOW_CONFIRM) {
		if (!attr || !docflow_attr_parse(attr, &a->attr))
			return gk_errf(
			    m, GK_EINVAL,
			    "attr：应为 proactive（主动公开）、on_request（依申请公开）或"
			    " withheld（不予公开）。");
	}
	if (!json_is_string(note))
		note = json_object_get(in, "note");
	a->note = json_string_value(note);
	if (invalid && !json_is_boolean(invalid) && !json_is_integer(invalid) &&
	    !json_is_string(invalid))
		return gk_errf(m, GK_EINVAL, "invalid：应为 true 或 false。");
	a->invalid = json_is_true(invalid) ||
		     (json_is_integer(invalid) && json_integer_value(invalid)) ||
		     (json_is_string(invalid) && !strcmp(json_string_value(invalid), "1"));
	if (a->step == DOCFLOW_LINK) {
		a->policy_id = number_of(policy);
		if (a->policy_id <= 0)
			return gk_errf(m, GK_EINVAL, "policy：请填写所解读的政策文件的编号。");
	}
	return GK_OK;
}

/*
 * Take the step described by in on document id: *forbidden when the
 * user's role may not; *a is the step as read, *also the 解读 published
 * with it.
 */
static enum gk_err take(struct office *o, int64_t id, const json_t *in, struct docflow_act *a,
			bool *forbidden, int64_t *also, struct gk_errmsg *m)
{
	struct store_document d;
	struct audit_who w = who_of(o);
	enum gk_err err;

	*forbidden = false;
	if ((err = read_step(o, in, a, m)) || (err = store_docs_get(o->pg.st, id, &d, NULL, m)))
		return err;
	if (!office_can(o, docflow_step_action(a->step), d.agency_id)) {
		*forbidden = true;
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）无权进行此操作：%s。",
			       store_role_name(o->s.user.role), docflow_step_name(a->step));
	}
	if ((err = docflow_take(o->pg.st, id, a, &w, o->today, also, m)))
		return err;
	portal_documents_changed(o->pg.portal);
	return GK_OK;
}

/* The form's fields of a step. */
static const char *const step_fields[] = {"type", "date", "attr", "reason", "invalid", "policy"};

/* The form's fields that were sent, as one JSON object of strings, so that
 * a form goes through the same reader as the API's JSON. */
static json_t *form_json(const struct http_request *req, const char *const *fields, size_t n)
{
	json_t *in = json_object();

	for (size_t i = 0; i < n; i++) {
		const char *x = http_arg_str(req, fields[i]);

		if (x)
			json_object_set_new(in, fields[i], json_string(x));
	}
	return in;
}

/* The input of a change: the API's JSON body, or the form's fields in the
 * same shape. False when there is none (answered, or not allowed to change). */
static bool change_input(struct office *o, bool api, const char *const *fields, size_t n,
			 json_t **in)
{
	if (!office_may_change(o))
		return false;
	*in = api ? office_json_body(o) : form_json(o->pg.req, fields, n);
	return !api || *in;
}

/* The API's answer to a step taken or refused (409) on document id. */
static void step_json(struct office *o, int64_t id, enum gk_err err, const struct gk_errmsg *m,
		      int64_t also)
{
	struct doc_view v;
	json_t *out;

	if (err && err != GK_ECONFLICT) {
		office_fail(o, err, m);
	} else if (doc_view_load(o, id, &v, NULL) == GK_OK) {
		/* The document as it now is, with the refusal when there was one. */
		out = doc_json(o, &v);
		doc_view_release(&v);
		if (err) {
			page_json(&o->pg,
				  json_pack("{s:{s:s, s:s}, s:o}", "error", "code", "conflict",
					    "message", m->text, "document", out));
			o->pg.res->status = 409;
		} else {
			json_object_set_new(out, "also_published", json_integer(also));
			page_json(&o->pg, out);
		}
	} else {
		office_fail(o, err ? err : GK_EIO, m);
	}
}

/* The form's answer: the document's page with the reason (400, 409), or
 * back to it with what was done. */
static void step_page(struct office *o, int64_t id, enum gk_err err, const struct gk_errmsg *m,
		      const struct docflow_act *a)
{
	struct doc_view v;

	if (err == GK_EINVAL || err == GK_ECONFLICT) {
		if (!load_doc(o, &v))
			return;
		o->pg.res->status = err == GK_ECONFLICT ? 409 : 400;
		render_doc(o, &v, m->text, NULL);
		doc_view_release(&v);
	} else if (err) {
		office_fail(o, err, m);
	} else {
		http_redirect(o->pg.req, o->pg.res,
			      arena_printf(o->pg.req->arena,
					   "/office/documents/%lld?done=%s#history", (long long)id,
					   docflow_step_id(a->step)));
	}
}

/* A step from the API's JSON or from the form: read and taken the same
 * way, then answered as each expects. */
static void step(struct http_request *req, struct http_response *res, bool api)
{
	struct office o;
	struct docflow_act a;
	struct gk_errmsg m;
	int64_t id = http_arg_int(req, "id", 0), also = 0;
	bool forbidden;
	json_t *in;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!change_input(&o, api, step_fields, sizeof(step_fields) / sizeof(step_fields[0]), &in))
		return office_end(&o);
	err = take(&o, id, in, &a, &forbidden, &also, &m);
	json_decref(in);
	if (forbidden)
		http_error(req, res, 403, "%s", m.text);
	else if (err == GK_ENOTFOUND)
		http_error(req, res, 404, "没有这份文件。");
	else if (api)
		step_json(&o, id, err, &m, also);
	else
		step_page(&o, id, err, &m, &a);
	office_end(&o);
}

static void api_step(struct http_request *req, struct http_response *res)
{
	step(req, res, true);
}

static void page_step(struct http_request *req, struct http_response *res)
{
	step(req, res, false);
}

/* --- Registration ---------------------------------------------------------- */

/*
 * A new draft from in (the API's JSON or the form's fields):
 * {"agency", "title", "doc_number", "category", "kind", "created", "summary",
 *  "body", "attr", "reason", "proposed_on", "interprets"}. GK_EINVAL naming
 * the field; *forbidden when the user may not draft for that agency.
 */
static enum gk_err read_new(struct office *o, const json_t *in, struct store_document *d,
			    struct docflow_new *n, bool *forbidden, struct gk_errmsg *m)
{
	const char *code = json_string_value(json_object_get(in, "agency"));
	const char *kind = json_string_value(json_object_get(in, "kind"));
	const char *attr = json_string_value(json_object_get(in, "attr"));
	const char *created = json_string_value(json_object_get(in, "created"));
	const char *proposed_on = json_string_value(json_object_get(in, "proposed_on"));
	const json_t *category = json_object_get(in, "category");
	const json_t *interprets = json_object_get(in, "interprets");
	const struct portal_agency *ag =
	    code && *code ? portal_agency_by_code(o->pg.portal, code)
			  : portal_agency_by_id(o->pg.portal, office_home_agency(o));
	long long cat = 0;

	memset(d, 0, sizeof(*d));
	memset(n, 0, sizeof(*n));
	*forbidden = false;
	if (!ag)
		return gk_errf(m, GK_EINVAL, "agency：没有这个机关。");
	if (!office_can(o, AUTH_DRAFT_DOCUMENT, ag->id)) {
		*forbidden = true;
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）不能为「%s」登记文件。",
			       store_role_name(o->s.user.role), ag->name);
	}
	d->agency_id = ag->id;
	d->title = json_string_value(json_object_get(in, "title"));
	if (!d->title || !*d->title)
		return gk_errf(m, GK_EINVAL, "title：请填写标题。");
	if (strlen(d->title) > STORE_NAME_MAX)
		return gk_errf(m, GK_EINVAL, "title：标题过长，至多 %d 字节。", STORE_NAME_MAX);
	d->doc_number = json_string_value(json_object_get(in, "doc_number"));
	if (d->doc_number && !*d->doc_number)
		d->doc_number = NULL;
	d->summary = json_string_value(json_object_get(in, "summary"));
	d->body = json_string_value(json_object_get(in, "body"));
	cat = number_of(category);
	if (cat < 0 || cat > ART20_ITEMS)
		return gk_errf(m, GK_EINVAL,
			       "category：应为条例第二十条的项 1–%d（0：仅按主题分类）。",
			       ART20_ITEMS);
	d->category = (int)cat;
	d->kind = DOC_KIND_PLAIN;
	if (kind && *kind && !docflow_kind_parse(kind, &d->kind))
		return gk_errf(m, GK_EINVAL,
			       "kind：应为 plain（其他文件）、rule（规章）或 normative"
			       "（行政规范性文件）。");
	if (!created || !date_parse(str_from_cstr(created), &d->created))
		return gk_errf(m, GK_EINVAL, "created：请填写形成日期（YYYY-MM-DD）。");
	if (attr && *attr && !docflow_attr_parse(attr, &n->attr))
		return gk_errf(m, GK_EINVAL,
			       "attr：应为 proactive（主动公开）、on_request（依申请公开）"
			       "或 withheld（不予公开）。");
	if (proposed_on && *proposed_on && !date_parse(str_from_cstr(proposed_on), &n->proposed_on))
		return gk_errf(m, GK_EINVAL, "proposed_on：不是有效日期，应为 YYYY-MM-DD。");
	n->reason = json_string_value(json_object_get(in, "reason"));
	n->interprets_id = number_of(interprets);
	if (n->interprets_id < 0)
		return gk_errf(m, GK_EINVAL, "interprets：应为所解读的政策文件的编号。");
	return GK_OK;
}

static enum gk_err register_doc(struct office *o, const json_t *in, int64_t *id, bool *forbidden,
				struct gk_errmsg *m)
{
	struct store_document d;
	struct docflow_new n;
	struct audit_who w = who_of(o);
	enum gk_err err = read_new(o, in, &d, &n, forbidden, m);

	return err ? err : docflow_create(o->pg.st, &d, &n, &w, o->today, id, m);
}

static void render_new(struct office *o, json_t *values, const char *error)
{
	json_t *v = office_view(o, "登记主动公开文件", "documents"), *agencies = json_array();
	json_t *categories = json_array();
	const char *chosen = json_string_value(json_object_get(values, "agency"));
	const char *cat = json_string_value(json_object_get(values, "category"));
	const char *kind = json_string_value(json_object_get(values, "kind"));
	const char *attr = json_string_value(json_object_get(values, "attr"));
	const struct portal *p = o->pg.portal;

	for (size_t i = 0; i < p->n_agencies; i++)
		if (office_can(o, AUTH_DRAFT_DOCUMENT, p->agencies[i].id))
			json_array_append_new(
			    agencies,
			    json_pack("{s:s, s:s, s:b}", "code", p->agencies[i].code, "name",
				      p->agencies[i].name, "selected",
				      chosen ? !strcmp(chosen, p->agencies[i].code)
					     : p->agencies[i].id == office_home_agency(o)));
	for (int i = 1; i <= ART20_ITEMS; i++)
		json_array_append_new(categories,
				      json_pack("{s:i, s:s, s:s, s:b}", "value", i, "ref",
						art20_ref(i), "text", art20_text(i), "selected",
						cat && strtol(cat, NULL, 10) == i));
	json_object_set_new(v, "agencies", agencies);
	json_object_set_new(v, "categories", categories);
	json_object_set_new(v, "kinds", choices(kind, kind_id, kind_name, DOC_KIND_COUNT));
	json_object_set_new(v, "attrs",
			    choices(attr ? attr : "proactive", attr_id, attr_name, ATTR_COUNT - 1));
	json_object_set_new(v, "values", values);
	page_crumb(v, "主动公开文件", "/office/documents");
	page_crumb(v, "登记", NULL);
	if (error)
		json_object_set_new(v, "error", json_string(error));
	page_render(&o->pg, "office_document_new", v);
}

static void page_new(struct http_request *req, struct http_response *res)
{
	struct office o;

	if (!office_begin(&o, req, res))
		return;
	if (office_require(&o, AUTH_DRAFT_DOCUMENT, office_home_agency(&o)))
		render_new(&o, json_pack("{s:s}", "created", office_date(&o, o.today)), NULL);
	office_end(&o);
}

static const char *const new_fields[] = {"agency", "title",   "doc_number", "category",
					 "kind",   "created", "summary",    "body",
					 "attr",   "reason",  "interprets"};

/* The API's answer to a registered draft: 201 with the document. */
static void created_json(struct office *o, int64_t id)
{
	struct http_request *req = o->pg.req;
	struct http_response *res = o->pg.res;
	struct doc_view v;
	struct gk_errmsg m;
	enum gk_err err;

	if ((err = doc_view_load(o, id, &v, &m))) {
		doc_view_release(&v);
		office_fail(o, err, &m);
		return;
	}
	page_json(&o->pg, doc_json(o, &v));
	doc_view_release(&v);
	res->status = 201;
	http_header_add(res, "Location",
			arena_printf(req->arena, "/api/v1/office/documents/%lld", (long long)id));
	/* The number alone, for clients that go on to the public pages. */
	http_header_add(res, "X-Document-Id", arena_printf(req->arena, "%lld", (long long)id));
}

/* A draft registered from the form or the API's JSON, then answered as
 * each expects. */
static void create(struct http_request *req, struct http_response *res, bool api)
{
	struct office o;
	struct gk_errmsg m;
	bool forbidden;
	int64_t id = 0;
	json_t *in;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!change_input(&o, api, new_fields, sizeof(new_fields) / sizeof(new_fields[0]), &in))
		return office_end(&o);
	err = register_doc(&o, in, &id, &forbidden, &m);
	if (forbidden) {
		http_error(req, res, 403, "%s", m.text);
	} else if (!api && (err == GK_EINVAL || err == GK_ECONFLICT || err == GK_ENOTFOUND)) {
		/* The form again, with what was typed: render_new keeps in. */
		res->status = err == GK_ECONFLICT ? 409 : 400;
		render_new(&o, in, m.text);
		in = NULL;
	} else if (err) {
		/* For the API a missing agency or policy is a value it sent wrong. */
		office_fail(&o, api && err == GK_ENOTFOUND ? GK_EINVAL : err, &m);
	} else if (api) {
		created_json(&o, id);
	} else {
		http_redirect(
		    req, res,
		    arena_printf(req->arena, "/office/documents/%lld?done=created", (long long)id));
		http_header_add(res, "X-Document-Id",
				arena_printf(req->arena, "%lld", (long long)id));
	}
	json_decref(in);
	office_end(&o);
}

static void page_create(struct http_request *req, struct http_response *res)
{
	create(req, res, false);
}

static void api_create(struct http_request *req, struct http_response *res)
{
	create(req, res, true);
}

/* --- Routes ----------------------------------------------------------------- */

#define END                                                                                        \
	{                                                                                          \
		NULL, 0, 0, 0, 0, false                                                            \
	}
#define ID_PARAM                                                                                   \
	{                                                                                          \
		"id", HTTP_PARAM_INT, 0, 1, INT64_MAX / 2, true                                    \
	}
#define LIST_PARAMS                                                                                \
	{"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},                                  \
	    {"region", HTTP_PARAM_INT, 0, 0, 1, false},                                            \
	    {"status", HTTP_PARAM_CODE, 16, 0, 0, false},                                          \
	    {"kind", HTTP_PARAM_CODE, 16, 0, 0, false},                                            \
	    {"late", HTTP_PARAM_CODE, 16, 0, 0, false},                                            \
	{                                                                                          \
		"page", HTTP_PARAM_INT, 0, 1, 100000, false                                        \
	}

static const struct http_param list_params[] = {LIST_PARAMS, OFFICE_EXPORT_PARAM, END};
static const struct http_param api_list_params[] = {LIST_PARAMS, END};
static const struct http_param id_only[] = {ID_PARAM, END};
static const struct http_param doc_params[] = {
    ID_PARAM, {"done", HTTP_PARAM_CODE, 32, 0, 0, false}, END};
static const struct http_param step_params[] = {
    ID_PARAM,
    OFFICE_CSRF_PARAM,
    {"type", HTTP_PARAM_CODE, 32, 0, 0, false},
    {"date", HTTP_PARAM_STRING, 16, 0, 0, false},
    {"attr", HTTP_PARAM_CODE, 16, 0, 0, false},
    {"reason", HTTP_PARAM_TEXT, DOCFLOW_NOTE_MAX, 0, 0, false},
    {"invalid", HTTP_PARAM_INT, 0, 0, 1, false},
    {"policy", HTTP_PARAM_STRING, 24, 0, 0, false},
    END,
};
/* A body is a document's whole text: up to half a megabyte through the form. */
#define BODY_MAX (512u << 10)
static const struct http_param new_params[] = {
    OFFICE_CSRF_PARAM,
    {"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
    {"title", HTTP_PARAM_STRING, STORE_NAME_MAX, 0, 0, false},
    {"doc_number", HTTP_PARAM_STRING, STORE_NAME_MAX, 0, 0, false},
    {"category", HTTP_PARAM_STRING, 8, 0, 0, false},
    {"kind", HTTP_PARAM_CODE, 16, 0, 0, false},
    {"created", HTTP_PARAM_STRING, 16, 0, 0, false},
    {"summary", HTTP_PARAM_TEXT, 8000, 0, 0, false},
    {"body", HTTP_PARAM_TEXT, BODY_MAX, 0, 0, false},
    {"attr", HTTP_PARAM_CODE, 16, 0, 0, false},
    {"reason", HTTP_PARAM_TEXT, DOCFLOW_NOTE_MAX, 0, 0, false},
    {"interprets", HTTP_PARAM_STRING, 24, 0, 0, false},
    END,
};

static const struct http_route routes[] = {
    {HTTP_GET, "/office/documents", list_params, page_list, 0, false},
    {HTTP_POST, "/office/documents", new_params, page_create, 3 * BODY_MAX + (64 << 10), false},
    {HTTP_GET, "/office/documents/new", NULL, page_new, 0, false},
    {HTTP_GET, "/office/documents/{id}", doc_params, page_doc, 0, false},
    {HTTP_POST, "/office/documents/{id}/events", step_params, page_step, 64 << 10, false},
    {HTTP_GET, "/api/v1/office/documents", api_list_params, api_list, 0, false},
    {HTTP_POST, "/api/v1/office/documents", NULL, api_create, 2 * BODY_MAX, false},
    {HTTP_GET, "/api/v1/office/documents/{id}", id_only, api_doc, 0, false},
    {HTTP_POST, "/api/v1/office/documents/{id}/events", id_only, api_step, 64 << 10, false},
};

const struct http_route *office_docs_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}
