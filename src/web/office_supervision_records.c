/*
 * office_supervision_records.c: complaints (投诉举报), rectification notices
 * (整改通知书) and appeals (行政复议, 行政诉讼) in the back office, as pages
 * and as /api/v1/office/supervision/… (office_supervision.h).
 *
 *   条例第四十七条第二款: a person who thinks an agency did not publish what
 *   it must, or did not answer an application lawfully, may tell the
 *   主管部门; found true (查证属实), it 督促整改 — here: the complaint is
 *   registered, answered, and may lead to a 整改通知书 to the agency
 *   concerned, which replies with what it changed.
 *   条例第五十一条: the applicant may also complain, apply for 行政复议 or
 *   sue (行政诉讼) — the appeals recorded here against the application
 *   feed table 四 of the annual report (store_count).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/tracking.h"
#include "web/app.h"
#include "web/office_export.h"
#include "web/office_supervision.h"

#include "base/banned.h"

/* --- Shared pieces -------------------------------------------------------- */

/* A list's filters from the query; false after answering (403/404). */
static bool list_query(struct office *o, struct sup_scope *sc, struct store_sup_query *q)
{
	const struct http_request *req = o->pg.req;
	const char *state = http_arg_str(req, "state");
	bool all = http_arg_str(req, "format") != NULL;

	if (!sup_scope_load(o, sc, false))
		return false;
	*q = (struct store_sup_query){
	    .agency_id = sc->ag->id,
	    .region = sc->region,
	    .state = state && !strcmp(state, "open")	 ? STORE_SUP_OPEN
		     : state && !strcmp(state, "closed") ? STORE_SUP_CLOSED
							 : STORE_SUP_ANY,
	    .from = http_arg_date(req, "from"),
	    .to = http_arg_date(req, "to"),
	    .limit = all ? SUP_EXPORT_MAX : SUP_PAGE_SIZE,
	    .offset = all ? 0 : (int64_t)(page_number(&o->pg) - 1) * SUP_PAGE_SIZE,
	};
	return true;
}

static const char *list_link(const struct page *pg, void *ctx, int page)
{
	const struct http_request *req = pg->req;
	char n[16];

	(void)ctx;
	snprintf(n, sizeof(n), "%d", page);
	return page_link(pg, req->path, "agency", http_arg_str(req, "agency"), "state",
			 http_arg_str(req, "state"), "from", http_arg_str(req, "from"), "to",
			 http_arg_str(req, "to"), "page", n, NULL);
}

static const char *export_link(const struct office *o, const char *format)
{
	const struct http_request *req = o->pg.req;

	return page_link(&o->pg, req->path, "agency", http_arg_str(req, "agency"), "state",
			 http_arg_str(req, "state"), "from", http_arg_str(req, "from"), "to",
			 http_arg_str(req, "to"), "format", format, NULL);
}

/* What every list page shows around its rows. */
static void list_view(struct office *o, json_t *v, const struct sup_scope *sc, json_t *rows,
		      int64_t total)
{
	const struct http_request *req = o->pg.req;
	const char *state = http_arg_str(req, "state");
	/* The filter's words for the list at hand. */
	static const struct {
		const char *path, *open, *closed, *date;
	} labels[] = {
	    {"/office/supervision/complaints", "未答复", "已答复", "收到日期"},
	    {"/office/supervision/rectifications", "待回复", "已回复", "发文日期"},
	    {"/office/supervision/appeals", "尚未审结", "已审结", "立案日期"},
	};

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(req->path, labels[i].path)) {
			json_object_set_new(v, "list_path", json_string(labels[i].path));
			json_object_set_new(v, "open_label", json_string(labels[i].open));
			json_object_set_new(v, "closed_label", json_string(labels[i].closed));
			json_object_set_new(v, "date_label", json_string(labels[i].date));
		}

	json_object_set_new(v, "rows", rows);
	json_object_set_new(v, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(v, "total", json_integer(total));
	json_object_set_new(v, "scope",
			    json_pack("{s:s, s:s, s:b}", "code", sc->ag->code, "name", sc->ag->name,
				      "region", sc->region));
	json_object_set_new(
	    v, "filters",
	    json_pack("{s:o, s:b, s:b, s:s, s:s}", "agencies",
		      sup_agency_options(o, http_arg_str(req, "agency"), false), "open",
		      state && !strcmp(state, "open"), "closed", state && !strcmp(state, "closed"),
		      "from", http_arg_str(req, "from") ? http_arg_str(req, "from") : "", "to",
		      http_arg_str(req, "to") ? http_arg_str(req, "to") : ""));
	json_object_set_new(v, "pager",
			    page_pager(&o->pg, total, page_number(&o->pg), list_link, NULL));
	json_object_set_new(v, "export_csv", json_string(export_link(o, "csv")));
	json_object_set_new(v, "export_xlsx", json_string(export_link(o, "xlsx")));
	json_object_set_new(v, "is_supervisor", json_boolean(sup_is_supervisor(o)));
}

/* Turn a list's rows into an export's cells. */
static void export_rows(struct office *o, const char *name, const char *const *headers,
			const char *const *keys, size_t n, const json_t *rows)
{
	json_t *x = json_array(), *r;
	size_t i;

	json_array_foreach(rows, i, r)
	{
		json_t *line = json_array();

		for (size_t k = 0; k < n; k++) {
			json_t *v = json_object_get(r, keys[k]);

			json_array_append(line, v ? v : json_null());
		}
		json_array_append_new(x, line);
	}
	office_export(o, arena_printf(o->pg.req->arena, "%s-%s", name, office_date(o, o->today)),
		      headers, n, x);
	json_decref(x);
}

/*
 * The application a record is about: its 申请编号 within the agency code
 * names (when one is given), else its number or its 查询号.
 */
static enum gk_err find_application(struct office *o, const char *given, const char *code,
				    struct store_application *a, struct gk_errmsg *m)
{
	const struct portal_agency *ag = code ? portal_agency_by_code(o->pg.portal, code) : NULL;
	char tracking[TRACKING_STRLEN], *end;
	long long n = strtoll(given, &end, 10);
	enum gk_err err = GK_ENOTFOUND;

	if (ag && (err = store_application_find(o->pg.st, ag->id, given, a, m)) != GK_ENOTFOUND)
		return err;
	if (*given && !*end && n > 0)
		err = store_application_get_id(o->pg.st, n, a, m);
	else if (!tracking_parse((struct str){given, strlen(given)}, tracking, NULL))
		err = store_application_by_tracking(o->pg.st, tracking, a, m);
	if (err == GK_ENOTFOUND)
		return gk_errf(
		    m, GK_EINVAL,
		    "所涉申请（application）：没有这件申请，请填写申请编号、申请的序号或查询号。");
	return err;
}

static json_t *application_json(int64_t id, const char *ref, const char *tracking)
{
	if (!id)
		return json_null();
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "ref", ref ? ref : "",
			 "tracking_code", tracking ? tracking : "", "url",
			 ""); /* filled below when the user may open the case */
}

/* The application with a link to its case for who may see it. */
static json_t *application_link(struct office *o, int64_t agency_id, int64_t id, const char *ref,
				const char *tracking)
{
	json_t *a = application_json(id, ref, tracking);

	if (id && office_can(o, AUTH_VIEW_CASES, agency_id))
		json_object_set_new(a, "url",
				    json_string(arena_printf(o->pg.req->arena, "/office/cases/%lld",
							     (long long)id)));
	return a;
}

/* Render a page, or refuse it: status 400/409 for err on a form's page. */
static unsigned refusal_status(enum gk_err err)
{
	return err == GK_ECONFLICT ? 409 : 400;
}

/* A store list's rows, as JSON, for the list's callback. */
struct rows_walk {
	struct office *o;
	json_t *rows;
};

/* Walks one list of the store with the callback filling w->rows. */
typedef enum gk_err records_walk(struct office *o, const struct store_sup_query *q,
				 struct rows_walk *w, int64_t *total, struct gk_errmsg *m);

/* A list's rows for the request's filters; false after answering (403, 404, 500). */
static bool records_load(struct office *o, struct sup_scope *sc, records_walk *walk, json_t **rows,
			 int64_t *total)
{
	struct store_sup_query q;
	struct rows_walk w = {o, NULL};
	struct gk_errmsg m;
	enum gk_err err;

	if (!list_query(o, sc, &q))
		return false;
	w.rows = json_array();
	if ((err = walk(o, &q, &w, total, &m))) {
		json_decref(w.rows);
		office_fail(o, err, &m);
		return false;
	}
	*rows = w.rows;
	return true;
}

/*
 * One of the area's lists: the page (or its export with ?format=) and
 * /api/v1/office/supervision/<api_key>, the same rows for all three.
 */
struct record_list {
	const char *export_name; /* the export file's name, before its date */
	const char *api_key;
	const char *const *headers; /* the export's columns: headers[i] shows keys[i] */
	const char *const *keys;
	size_t n;
	records_walk *walk;
	void (*render)(struct office *o, struct sup_scope *sc, json_t *rows, int64_t total);
};

static void list_page(struct http_request *req, struct http_response *res,
		      const struct record_list *l)
{
	struct office o;
	struct sup_scope sc;
	int64_t total;
	json_t *rows;

	if (!office_begin(&o, req, res))
		return;
	if (records_load(&o, &sc, l->walk, &rows, &total)) {
		if (http_arg_str(req, "format")) {
			export_rows(&o, l->export_name, l->headers, l->keys, l->n, rows);
			json_decref(rows);
		} else {
			l->render(&o, &sc, rows, total);
		}
	}
	office_end(&o);
}

static void list_api(struct http_request *req, struct http_response *res,
		     const struct record_list *l)
{
	struct office o;
	struct sup_scope sc;
	int64_t total;
	json_t *rows;

	if (!office_begin(&o, req, res))
		return;
	if (records_load(&o, &sc, l->walk, &rows, &total))
		page_json(&o.pg,
			  json_pack("{s:I, s:o}", "total", (json_int_t)total, l->api_key, rows));
	office_end(&o);
}

/*
 * An action on the area's records, from a form or a JSON body: *id names
 * the record acted on, or receives the number of the one created.
 * forbidden: refused for the user's role or reach (403), not for the input.
 */
typedef enum gk_err sup_action(struct office *o, const json_t *in, int64_t *id, bool *forbidden,
			       struct gk_errmsg *m);

/*
 * A form's POST: on success the redirect to done_before<id>done_after;
 * refused for its input (400, 409), refused() shows the form again with
 * the reason (it owns in); any other failure as sup_fail answers it.
 */
struct record_form {
	const char *const *fields;
	size_t n;
	sup_action *act;
	const char *done_before, *done_after;
	void (*refused)(struct office *o, int64_t id, enum gk_err err, json_t *in,
			const char *error);
};

static void form_post(struct http_request *req, struct http_response *res,
		      const struct record_form *f)
{
	struct office o;
	struct gk_errmsg m;
	bool forbidden;
	int64_t id = http_arg_int(req, "id", 0);
	json_t *in;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o))
		return office_end(&o);
	in = sup_form(req, f->fields, f->n);
	err = f->act(&o, in, &id, &forbidden, &m);
	if (!err) {
		json_decref(in);
		http_redirect(req, res,
			      arena_printf(req->arena, "%s%lld%s", f->done_before, (long long)id,
					   f->done_after));
	} else if (!forbidden && (err == GK_EINVAL || err == GK_ECONFLICT)) {
		f->refused(&o, id, err, in, m.text);
	} else {
		json_decref(in);
		sup_fail(&o, err, forbidden, &m);
	}
	office_end(&o);
}

/* The action on the API's JSON body: false after answering its refusal. */
static bool api_act(struct office *o, sup_action *act, json_t *in, int64_t *id)
{
	struct gk_errmsg m;
	bool forbidden;
	enum gk_err err = act(o, in, id, &forbidden, &m);

	json_decref(in);
	if (err)
		sup_fail(o, err, forbidden, &m);
	return !err;
}

/* Only the count is wanted. */
static int first_only(void *ctx, const struct store_complaint_rec *c)
{
	(void)ctx;
	(void)c;
	return 1;
}

/* --- Complaints ----------------------------------------------------------- */

static json_t *complaint_json(struct office *o, const struct store_complaint_rec *c)
{
	struct arena *a = o->pg.req->arena;

	return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:b, s:o}",
			 "id", (json_int_t)c->id, "url",
			 arena_printf(a, "/office/supervision/complaints/%lld", (long long)c->id),
			 "ref", c->ref, "agency", sup_agency_json(o, c->agency_id), "agency_name",
			 sup_agency_name(o, c->agency_id), "received", office_date(o, c->received),
			 "complainant", c->complainant ? c->complainant : "", "content", c->content,
			 "state", c->closed ? "answered" : "open", "open", !c->closed, "state_name",
			 c->closed ? "已答复" : "未答复", "closed", office_date(o, c->closed),
			 "rectification", c->rectification, "application",
			 application_link(o, c->agency_id, c->application_id, c->application_ref,
					  c->tracking_code));
}

/* The flat fields an export prints. */
static void complaint_flat(json_t *j, const struct store_complaint_rec *c)
{
	json_object_set_new(j, "answer", json_string(c->answer ? c->answer : ""));
	json_object_set_new(j, "application_ref",
			    json_string(c->application_ref ? c->application_ref : ""));
	json_object_set_new(j, "rectification_name", json_string(c->rectification ? "已发" : ""));
}

static int complaint_row(void *ctx, const struct store_complaint_rec *c)
{
	struct rows_walk *w = ctx;
	json_t *j = complaint_json(w->o, c);

	complaint_flat(j, c);
	json_array_append_new(w->rows, j);
	return 0;
}

static const char *const complaint_headers[] = {
    "投诉编号", "被投诉机关", "收到日期", "投诉人",   "投诉内容",
    "所涉申请", "状态",	      "答复日期", "答复内容", "整改通知书",
};
static const char *const complaint_keys[] = {
    "ref",	  "agency_name", "received", "complainant",	   "content", "application_ref",
    "state_name", "closed",	 "answer",   "rectification_name",
};

static enum gk_err complaints_walk(struct office *o, const struct store_sup_query *q,
				   struct rows_walk *w, int64_t *total, struct gk_errmsg *m)
{
	return store_complaint_list(o->pg.st, q, complaint_row, w, total, m);
}

static void render_complaints(struct office *o, struct sup_scope *sc, json_t *rows, int64_t total)
{
	json_t *v = sup_view(o, "投诉举报", "complaints");

	page_crumb(v, "投诉举报", NULL);
	list_view(o, v, sc, rows, total);
	sup_render(o, v, NULL, "office_supervision_complaints");
}

static const struct record_list complaint_list = {
    "投诉",
    "complaints",
    complaint_headers,
    complaint_keys,
    sizeof(complaint_keys) / sizeof(complaint_keys[0]),
    complaints_walk,
    render_complaints,
};

static void page_complaints(struct http_request *req, struct http_response *res)
{
	list_page(req, res, &complaint_list);
}

static void api_complaints(struct http_request *req, struct http_response *res)
{
	list_api(req, res, &complaint_list);
}

/* The next free "投诉〔年〕N号" of the agency for the year. */
static const char *complaint_ref(struct office *o, int64_t agency_id, gk_date received, int attempt,
				 struct gk_errmsg *m)
{
	int y = date_year(received);
	struct store_sup_query q = {.agency_id = agency_id,
				    .from = date_from_ymd(y, 1, 1),
				    .to = date_from_ymd(y, 12, 31),
				    .limit = 1};
	int64_t n = 0;

	if (store_complaint_list(o->pg.st, &q, first_only, NULL, &n, m))
		return NULL;
	return arena_printf(o->pg.req->arena, "投诉〔%d〕%lld号", y, (long long)(n + 1 + attempt));
}

/* 条例第四十七条第二款, 第五十一条: register a complaint
 * {agency, application, ref, received, complainant, content}. */
static enum gk_err complaint_register(struct office *o, const json_t *in, int64_t *id,
				      bool *forbidden, struct gk_errmsg *m)
{
	const char *code = sup_in(o, in, "agency"), *app = sup_in(o, in, "application");
	const struct portal_agency *ag = NULL;
	struct store_complaint_rec c = {0};
	struct store_application a;
	struct audit_who who = sup_who(o);
	bool own, given_ref;
	enum gk_err err;

	*forbidden = false;
	if (app) {
		if ((err = find_application(o, app, code, &a, m)))
			return err;
		c.application_id = a.id;
		ag = portal_agency_by_id(o->pg.portal, a.agency_id);
	}
	if (code && !(ag = portal_agency_by_code(o->pg.portal, code)))
		return gk_errf(m, GK_EINVAL, "被投诉机关（agency）：没有这个机关。");
	if (!ag)
		return gk_errf(m, GK_EINVAL, "请选择被投诉机关（agency），或填写所涉申请。");
	if (!office_can(o, AUTH_SUPERVISE, ag->id)) {
		*forbidden = true;
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）无权登记对「%s」的投诉。",
			       store_role_name(o->s.user.role), ag->name);
	}
	c.agency_id = ag->id;
	c.complainant = sup_in(o, in, "complainant");
	c.content = sup_in(o, in, "content");
	if ((err = sup_in_date(o, in, "received", "收到投诉的日期", o->today, &c.received, m)))
		return err;
	if (!c.content)
		return gk_errf(m, GK_EINVAL, "请填写投诉内容（content）。");
	if (c.application_id && c.received < a.received)
		return gk_errf(m, GK_EINVAL, "收到投诉的日期早于收到所涉申请的日期。");
	c.ref = sup_in(o, in, "ref");
	given_ref = c.ref != NULL;
	/* A number of its own when none is given; two registering at once
	 * may pick the same one: the second tries the next. */
	for (int attempt = 0; attempt < 5; attempt++) {
		if (!given_ref && !(c.ref = complaint_ref(o, ag->id, c.received, attempt, m)))
			return GK_EIO;
		if ((err = store_join(o->pg.st, &own, m)))
			return err;
		err = store_complaint_register(o->pg.st, &c, id, m);
		if (!err)
			err = audit_append(
			    o->pg.st, &who, "complaint.register",
			    arena_printf(o->pg.req->arena, "complaint:%lld", (long long)*id),
			    arena_printf(o->pg.req->arena, "%s %s", ag->code, c.ref), m);
		err = store_leave(o->pg.st, own, err, m);
		if (err != GK_ECONFLICT || given_ref)
			break;
	}
	return err;
}

/* The complaint of {id} the user may see; false after answering. */
static bool complaint_load(struct office *o, int64_t id, struct store_complaint_rec *c)
{
	struct gk_errmsg m;
	enum gk_err err = store_complaint_get(o->pg.st, id, c, &m);

	if (err) {
		office_fail(o, err, &m);
		return false;
	}
	/* The strings live in the store's row buffer: copy them out. */
	c->ref = arena_strdup(o->pg.req->arena, c->ref);
	c->content = arena_strdup(o->pg.req->arena, c->content);
	c->complainant = c->complainant ? arena_strdup(o->pg.req->arena, c->complainant) : NULL;
	c->answer = c->answer ? arena_strdup(o->pg.req->arena, c->answer) : NULL;
	c->application_ref =
	    c->application_ref ? arena_strdup(o->pg.req->arena, c->application_ref) : NULL;
	c->tracking_code =
	    c->tracking_code ? arena_strdup(o->pg.req->arena, c->tracking_code) : NULL;
	return office_require(o, AUTH_SUPERVISE, c->agency_id);
}

static enum gk_err complaint_answer(struct office *o, const json_t *in, int64_t *idp,
				    bool *forbidden, struct gk_errmsg *m)
{
	int64_t id = *idp;
	struct store_complaint_rec c;
	struct audit_who who = sup_who(o);
	const char *answer = sup_in(o, in, "answer");
	gk_date date;
	bool own;
	enum gk_err err;

	*forbidden = false;
	if ((err = store_complaint_get(o->pg.st, id, &c, m)))
		return err;
	if (!office_can(o, AUTH_SUPERVISE, c.agency_id)) {
		*forbidden = true;
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）无权答复这件投诉。",
			       store_role_name(o->s.user.role));
	}
	if ((err = sup_in_date(o, in, "date", "答复日期", o->today, &date, m)))
		return err;
	if (!answer)
		return gk_errf(m, GK_EINVAL, "请填写答复内容（answer）。");
	if ((err = store_join(o->pg.st, &own, m)))
		return err;
	err = store_complaint_answer(o->pg.st, id, date, answer, m);
	if (!err)
		err = audit_append(o->pg.st, &who, "complaint.answer",
				   arena_printf(o->pg.req->arena, "complaint:%lld", (long long)id),
				   NULL, m);
	return store_leave(o->pg.st, own, err, m);
}

static json_t *rectification_json(struct office *o, const struct store_rectification *r);

static int rect_row(void *ctx, const struct store_rectification *r)
{
	struct rows_walk *w = ctx;

	json_array_append_new(w->rows, rectification_json(w->o, r));
	return 0;
}

/* The notices issued on a complaint. */
static json_t *complaint_notices(struct office *o, const struct store_complaint_rec *c)
{
	struct store_sup_query q = {.agency_id = c->agency_id, .complaint_id = c->id, .limit = 100};
	struct rows_walk w = {o, json_array()};

	store_rectification_list(o->pg.st, &q, rect_row, &w, NULL, NULL);
	return w.rows;
}

static bool may_issue(const struct office *o, int64_t agency_id)
{
	return sup_is_supervisor(o) && office_can(o, AUTH_SUPERVISE, agency_id) &&
	       agency_id != office_home_agency(o);
}

static void render_complaint(struct office *o, const struct store_complaint_rec *c, json_t *values,
			     const char *error)
{
	/* "投诉 12号", not "投诉 投诉〔2026〕1号". */
	json_t *v = sup_view(o,
			     strncmp(c->ref, "投诉", strlen("投诉"))
				 ? arena_printf(o->pg.req->arena, "投诉 %s", c->ref)
				 : c->ref,
			     "complaints");
	json_t *j = complaint_json(o, c), *notices = complaint_notices(o, c);

	json_object_set_new(j, "answer", json_string(c->answer ? c->answer : ""));
	json_object_set_new(v, "complaint", j);
	json_object_set_new(v, "notices", notices);
	json_object_set_new(v, "has_notices", json_boolean(json_array_size(notices) > 0));
	json_object_set_new(v, "may_answer", json_boolean(!c->closed));
	json_object_set_new(v, "may_issue", json_boolean(may_issue(o, c->agency_id)));
	json_object_set_new(v, "values", values ? values : json_object());
	page_crumb(v, "投诉举报", "/office/supervision/complaints");
	page_crumb(v, c->ref, NULL);
	sup_render(o, v, error, "office_supervision_complaint");
}

static void page_complaint(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct store_complaint_rec c;

	if (!office_begin(&o, req, res))
		return;
	if (complaint_load(&o, http_arg_int(req, "id", 0), &c))
		render_complaint(&o, &c, NULL, NULL);
	office_end(&o);
}

static void api_complaint(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct store_complaint_rec c;

	if (!office_begin(&o, req, res))
		return;
	if (complaint_load(&o, http_arg_int(req, "id", 0), &c)) {
		json_t *j = complaint_json(&o, &c);

		json_object_set_new(j, "answer", json_string(c.answer ? c.answer : ""));
		json_object_set_new(j, "rectifications", complaint_notices(&o, &c));
		page_json(&o.pg, j);
	}
	office_end(&o);
}

static void render_complaint_new(struct office *o, json_t *values, const char *error)
{
	json_t *v = sup_view(o, "登记投诉", "complaints");

	json_object_set_new(
	    v, "agencies",
	    sup_agency_options(o, json_string_value(json_object_get(values, "agency")), false));
	if (!json_object_get(values, "received"))
		json_object_set_new(values, "received", json_string(office_date(o, o->today)));
	json_object_set_new(v, "values", values);
	page_crumb(v, "投诉举报", "/office/supervision/complaints");
	page_crumb(v, "登记投诉", NULL);
	if (error)
		json_object_set_new(v, "error", json_string(error));
	page_render(&o->pg, "office_supervision_complaint_new", v);
}

static void page_complaint_new(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;

	if (!office_begin(&o, req, res))
		return;
	if (sup_scope_load(&o, &sc, false))
		render_complaint_new(&o, json_object(), NULL);
	office_end(&o);
}

static const char *const complaint_fields[] = {"agency",   "application", "ref",
					       "received", "complainant", "content"};

static void complaint_new_refused(struct office *o, int64_t id, enum gk_err err, json_t *in,
				  const char *error)
{
	(void)id;
	o->pg.res->status = refusal_status(err);
	render_complaint_new(o, in, error);
}

static const struct record_form complaint_add_form = {
    complaint_fields,	sizeof(complaint_fields) / sizeof(complaint_fields[0]),
    complaint_register, "/office/supervision/complaints/",
    "?done=registered", complaint_new_refused,
};

static void page_complaint_add(struct http_request *req, struct http_response *res)
{
	form_post(req, res, &complaint_add_form);
}

/* 201 with the new record and its Location. */
static void created(struct office *o, json_t *body, const char *what, int64_t id)
{
	page_json(&o->pg, body);
	o->pg.res->status = 201;
	http_header_add(o->pg.res, "Location",
			arena_printf(o->pg.req->arena, "/api/v1/office/supervision/%s/%lld", what,
				     (long long)id));
}

/* The complaint after an API action: 201 with the new one, else with its answer. */
static void complaint_respond(struct office *o, int64_t id, unsigned status)
{
	struct store_complaint_rec c;
	struct gk_errmsg m;
	enum gk_err err = store_complaint_get(o->pg.st, id, &c, &m);
	json_t *j;

	if (err)
		return office_fail(o, err, &m);
	j = complaint_json(o, &c);
	if (status == 201)
		return created(o, j, "complaints", id);
	json_object_set_new(j, "answer", json_string(c.answer ? c.answer : ""));
	page_json(&o->pg, j);
}

/* An API POST: the action on the JSON body, then respond() with status. */
static void api_post(struct http_request *req, struct http_response *res, sup_action *act,
		     void (*respond)(struct office *o, int64_t id, unsigned status),
		     unsigned status)
{
	struct office o;
	int64_t id = http_arg_int(req, "id", 0); /* 0 on the routes that create */
	json_t *in;

	if (!office_begin(&o, req, res))
		return;
	if (office_may_change(&o) && (in = office_json_body(&o)) && api_act(&o, act, in, &id))
		respond(&o, id, status);
	office_end(&o);
}

static void api_complaint_add(struct http_request *req, struct http_response *res)
{
	api_post(req, res, complaint_register, complaint_respond, 201);
}

static const char *const answer_fields[] = {"date", "answer"};

static void complaint_answer_refused(struct office *o, int64_t id, enum gk_err err, json_t *in,
				     const char *error)
{
	struct store_complaint_rec c;

	if (complaint_load(o, id, &c)) {
		o->pg.res->status = refusal_status(err);
		render_complaint(o, &c, in, error);
	} else {
		json_decref(in);
	}
}

static const struct record_form complaint_answer_form = {
    answer_fields,    2,
    complaint_answer, "/office/supervision/complaints/",
    "?done=answered", complaint_answer_refused,
};

static void page_complaint_answer(struct http_request *req, struct http_response *res)
{
	form_post(req, res, &complaint_answer_form);
}

static void api_complaint_answer(struct http_request *req, struct http_response *res)
{
	api_post(req, res, complaint_answer, complaint_respond, 200);
}

/* --- Rectification notices ------------------------------------------------ */

static json_t *rectification_json(struct office *o, const struct store_rectification *r)
{
	struct arena *a = o->pg.req->arena;
	/* Past its 整改期限 without a reply: said in words, not colour alone. */
	bool overdue = !r->replied && r->due && r->due < o->today;

	return json_pack(
	    "{s:I, s:s, s:o, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:b, s:s, s:o}",
	    "id", (json_int_t)r->id, "url",
	    arena_printf(a, "/office/supervision/rectifications/%lld", (long long)r->id), "agency",
	    sup_agency_json(o, r->agency_id), "agency_name", sup_agency_name(o, r->agency_id),
	    "issued_by", sup_agency_json(o, r->issued_by), "doc_number",
	    r->doc_number ? r->doc_number : "", "issued", office_date(o, r->issued), "due",
	    office_date(o, r->due), "content", r->content, "state", r->replied ? "replied" : "open",
	    "state_name",
	    r->replied ? "已回复"
	    : overdue  ? "逾期未回复（已超期）"
		       : "待回复",
	    "open", !r->replied, "replied", office_date(o, r->replied), "overdue", overdue, "reply",
	    r->reply ? r->reply : "", "complaint",
	    r->complaint_id ? json_pack("{s:I, s:s, s:s}", "id", (json_int_t)r->complaint_id, "ref",
					r->complaint_ref ? r->complaint_ref : "", "url",
					arena_printf(a, "/office/supervision/complaints/%lld",
						     (long long)r->complaint_id))
			    : json_null());
}

static json_t *rect_flat(json_t *j)
{
	json_t *c = json_object_get(j, "complaint");

	json_object_set_new(
	    j, "complaint_ref",
	    json_string(json_is_object(c) ? json_string_value(json_object_get(c, "ref")) : ""));
	return j;
}

static int rect_row_flat(void *ctx, const struct store_rectification *r)
{
	struct rows_walk *w = ctx;

	json_array_append_new(w->rows, rect_flat(rectification_json(w->o, r)));
	return 0;
}

static const char *const rect_headers[] = {
    "文号", "被通知机关", "发文日期", "整改期限", "整改要求",
    "状态", "回复日期",	  "整改情况", "所涉投诉",
};
static const char *const rect_keys[] = {
    "doc_number", "agency_name", "issued", "due",	    "content",
    "state_name", "replied",	 "reply",  "complaint_ref",
};

static enum gk_err rectifications_walk(struct office *o, const struct store_sup_query *q,
				       struct rows_walk *w, int64_t *total, struct gk_errmsg *m)
{
	return store_rectification_list(o->pg.st, q, rect_row_flat, w, total, m);
}

/* The list with the issue form (a supervisor's). */
static void render_rectifications(struct office *o, struct sup_scope *sc, json_t *rows,
				  int64_t total, json_t *values, const char *error)
{
	json_t *v = sup_view(o, "整改通知书", "rectifications");

	list_view(o, v, sc, rows, total);
	json_object_set_new(v, "may_issue", json_boolean(sup_is_supervisor(o)));
	json_object_set_new(
	    v, "targets",
	    sup_agency_options(o, json_string_value(json_object_get(values, "agency")), true));
	if (!json_object_get(values, "issued"))
		json_object_set_new(values, "issued", json_string(office_date(o, o->today)));
	json_object_set_new(v, "values", values);
	page_crumb(v, "整改通知书", NULL);
	sup_render(o, v, error, "office_supervision_rectifications");
}

/* The list as it first shows, with an empty issue form. */
static void render_rectification_list(struct office *o, struct sup_scope *sc, json_t *rows,
				      int64_t total)
{
	render_rectifications(o, sc, rows, total, json_object(), NULL);
}

static const struct record_list rectification_list = {
    "整改通知书",
    "rectifications",
    rect_headers,
    rect_keys,
    sizeof(rect_keys) / sizeof(rect_keys[0]),
    rectifications_walk,
    render_rectification_list,
};

static void page_rectifications(struct http_request *req, struct http_response *res)
{
	list_page(req, res, &rectification_list);
}

static void api_rectifications(struct http_request *req, struct http_response *res)
{
	list_api(req, res, &rectification_list);
}

/*
 * 条例第四十七条: the 主管部门 督促整改 — a notice {agency, complaint,
 * doc_number, issued, due, content} from the supervisor's agency to an
 * agency of its region (never to itself).
 */
static enum gk_err rectification_issue(struct office *o, const json_t *in, int64_t *id,
				       bool *forbidden, struct gk_errmsg *m)
{
	const char *code = sup_in(o, in, "agency"), *cid = sup_in(o, in, "complaint");
	const char *due = sup_in(o, in, "due");
	const struct portal_agency *ag = NULL;
	struct store_rectification r = {0};
	struct store_complaint_rec c;
	struct audit_who who = sup_who(o);
	char *end;
	bool own;
	enum gk_err err;

	*forbidden = false;
	if (!sup_is_supervisor(o)) {
		*forbidden = true;
		return gk_errf(
		    m, GK_ECONFLICT,
		    "您的角色（%s）无权发出整改通知书：整改通知书由政府信息公开工作主管部门"
		    "发出（条例第四十七条）。",
		    store_role_name(o->s.user.role));
	}
	if (cid) {
		long long n = strtoll(cid, &end, 10);

		if (*end || n <= 0)
			return gk_errf(m, GK_EINVAL, "所涉投诉（complaint）应为投诉的编号。");
		if ((err = store_complaint_get(o->pg.st, n, &c, m)))
			return err == GK_ENOTFOUND
				   ? gk_errf(m, GK_EINVAL, "所涉投诉（complaint）：没有这件投诉。")
				   : err;
		r.complaint_id = n;
		ag = portal_agency_by_id(o->pg.portal, c.agency_id);
	}
	if (code && !(ag = portal_agency_by_code(o->pg.portal, code)))
		return gk_errf(m, GK_EINVAL, "被通知机关（agency）：没有这个机关。");
	if (!ag)
		return gk_errf(m, GK_EINVAL, "请选择被通知机关（agency）。");
	if (!office_can(o, AUTH_SUPERVISE, ag->id)) {
		*forbidden = true;
		return gk_errf(m, GK_ECONFLICT,
			       "「%s」不在您监督的范围内，不能向其发出整改通知书。", ag->name);
	}
	if (ag->id == office_home_agency(o))
		return gk_errf(m, GK_EINVAL, "整改通知书不能发给本机关自己。");
	r.agency_id = ag->id;
	r.issued_by = office_home_agency(o);
	r.doc_number = sup_in(o, in, "doc_number");
	r.content = sup_in(o, in, "content");
	if ((err = sup_in_date(o, in, "issued", "发文日期", o->today, &r.issued, m)))
		return err;
	/* The 整改期限 lies ahead: any real date not before the issue. */
	if (due && !date_parse((struct str){due, strlen(due)}, &r.due))
		return gk_errf(m, GK_EINVAL, "整改期限（due）不是有效日期，应为 YYYY-MM-DD。");
	if (!r.content)
		return gk_errf(m, GK_EINVAL, "请填写整改要求（content）。");
	if ((err = store_join(o->pg.st, &own, m)))
		return err;
	err = store_rectification_issue(o->pg.st, &r, id, m);
	if (!err)
		err = audit_append(
		    o->pg.st, &who, "rectification.issue",
		    arena_printf(o->pg.req->arena, "rectification:%lld", (long long)*id),
		    arena_printf(o->pg.req->arena, "%s%s%s", ag->code,
				 r.complaint_id ? " complaint:" : "",
				 r.complaint_id ? arena_printf(o->pg.req->arena, "%lld",
							       (long long)r.complaint_id)
						: ""),
		    m);
	return store_leave(o->pg.st, own, err, m);
}

/* Only the agency concerned replies (or the platform admin for it). */
static bool may_reply(const struct office *o, const struct store_rectification *r)
{
	return office_can(o, AUTH_SUPERVISE, r->agency_id) &&
	       (o->s.user.agency_id == r->agency_id || o->s.user.role == ROLE_ADMIN);
}

static enum gk_err rectification_reply(struct office *o, const json_t *in, int64_t *idp,
				       bool *forbidden, struct gk_errmsg *m)
{
	int64_t id = *idp;
	struct store_rectification r;
	struct audit_who who = sup_who(o);
	const char *reply = sup_in(o, in, "reply");
	gk_date date;
	bool own;
	enum gk_err err;

	*forbidden = false;
	if ((err = store_rectification_get(o->pg.st, id, &r, m)))
		return err;
	if (!may_reply(o, &r)) {
		*forbidden = true;
		if (!office_can(o, AUTH_SUPERVISE, r.agency_id))
			return gk_errf(m, GK_ECONFLICT, "您的角色（%s）无权回复整改通知书。",
				       store_role_name(o->s.user.role));
		return gk_errf(m, GK_ECONFLICT, "整改情况由被通知机关（%s）回复。",
			       sup_agency_name(o, r.agency_id));
	}
	if ((err = sup_in_date(o, in, "date", "回复日期", o->today, &date, m)))
		return err;
	if (!reply)
		return gk_errf(m, GK_EINVAL, "请填写整改情况（reply）。");
	if ((err = store_join(o->pg.st, &own, m)))
		return err;
	err = store_rectification_reply(o->pg.st, id, date, reply, m);
	if (!err)
		err = audit_append(
		    o->pg.st, &who, "rectification.reply",
		    arena_printf(o->pg.req->arena, "rectification:%lld", (long long)id), NULL, m);
	return store_leave(o->pg.st, own, err, m);
}

static bool rectification_load(struct office *o, int64_t id, struct store_rectification *r)
{
	struct gk_errmsg m;
	enum gk_err err = store_rectification_get(o->pg.st, id, r, &m);
	struct arena *a = o->pg.req->arena;

	if (err) {
		office_fail(o, err, &m);
		return false;
	}
	r->doc_number = r->doc_number ? arena_strdup(a, r->doc_number) : NULL;
	r->content = arena_strdup(a, r->content);
	r->reply = r->reply ? arena_strdup(a, r->reply) : NULL;
	r->complaint_ref = r->complaint_ref ? arena_strdup(a, r->complaint_ref) : NULL;
	return office_require(o, AUTH_SUPERVISE, r->agency_id);
}

static void render_rectification(struct office *o, const struct store_rectification *r,
				 json_t *values, const char *error)
{
	json_t *v = sup_view(o, "整改通知书", "rectifications");

	json_object_set_new(v, "notice_doc", rectification_json(o, r));
	json_object_set_new(v, "may_reply", json_boolean(!r->replied && may_reply(o, r)));
	json_object_set_new(v, "values", values ? values : json_object());
	page_crumb(v, "整改通知书", "/office/supervision/rectifications");
	page_crumb(v, r->doc_number && *r->doc_number ? r->doc_number : "整改通知书", NULL);
	sup_render(o, v, error, "office_supervision_rectification");
}

static void page_rectification(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct store_rectification r;

	if (!office_begin(&o, req, res))
		return;
	if (rectification_load(&o, http_arg_int(req, "id", 0), &r))
		render_rectification(&o, &r, NULL, NULL);
	office_end(&o);
}

static void api_rectification(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct store_rectification r;

	if (!office_begin(&o, req, res))
		return;
	if (rectification_load(&o, http_arg_int(req, "id", 0), &r))
		page_json(&o.pg, rectification_json(&o, &r));
	office_end(&o);
}

static const char *const issue_fields[] = {"agency", "complaint", "doc_number",
					   "issued", "due",	  "content"};

/* The refusal where the form was: the complaint's page or the list. */
static void rectification_issue_refused(struct office *o, int64_t id, enum gk_err err, json_t *in,
					const char *error)
{
	const struct http_request *req = o->pg.req;
	const char *cid = http_arg_str(req, "complaint");
	struct store_complaint_rec c;
	struct sup_scope sc;
	int64_t total;
	json_t *rows;

	(void)id;
	o->pg.res->status = refusal_status(err);
	if (cid && http_arg_str(req, "from_complaint") &&
	    complaint_load(o, strtoll(cid, NULL, 10), &c)) {
		render_complaint(o, &c, in, error);
	} else if (!(cid && http_arg_str(req, "from_complaint")) &&
		   records_load(o, &sc, rectifications_walk, &rows, &total)) {
		render_rectifications(o, &sc, rows, total, in, error);
	} else {
		json_decref(in);
	}
}

static const struct record_form rectification_issue_form = {
    issue_fields,	 sizeof(issue_fields) / sizeof(issue_fields[0]),
    rectification_issue, "/office/supervision/rectifications/",
    "?done=issued",	 rectification_issue_refused,
};

static void page_rectification_issue(struct http_request *req, struct http_response *res)
{
	form_post(req, res, &rectification_issue_form);
}

/* The notice after an API action: 201 with the new one, else 200. */
static void rectification_respond(struct office *o, int64_t id, unsigned status)
{
	struct store_rectification r;
	struct gk_errmsg m;
	enum gk_err err = store_rectification_get(o->pg.st, id, &r, &m);

	if (err)
		return office_fail(o, err, &m);
	if (status == 201)
		created(o, rectification_json(o, &r), "rectifications", id);
	else
		page_json(&o->pg, rectification_json(o, &r));
}

static void api_rectification_issue(struct http_request *req, struct http_response *res)
{
	api_post(req, res, rectification_issue, rectification_respond, 201);
}

/* POST …/complaints/{id}/rectifications: a notice on that complaint. */
static void api_complaint_rectification(struct http_request *req, struct http_response *res)
{
	struct office o;
	int64_t id = 0;
	json_t *in;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o) || !(in = office_json_body(&o)))
		return office_end(&o);
	json_object_set_new(in, "complaint", json_integer(http_arg_int(req, "id", 0)));
	if (api_act(&o, rectification_issue, in, &id))
		rectification_respond(&o, id, 201);
	office_end(&o);
}

static const char *const reply_fields[] = {"date", "reply"};

static void rectification_reply_refused(struct office *o, int64_t id, enum gk_err err, json_t *in,
					const char *error)
{
	struct store_rectification r;

	if (rectification_load(o, id, &r)) {
		o->pg.res->status = refusal_status(err);
		render_rectification(o, &r, in, error);
	} else {
		json_decref(in);
	}
}

static const struct record_form rectification_reply_form = {
    reply_fields,	 2,
    rectification_reply, "/office/supervision/rectifications/",
    "?done=replied",	 rectification_reply_refused,
};

static void page_rectification_reply(struct http_request *req, struct http_response *res)
{
	form_post(req, res, &rectification_reply_form);
}

static void api_rectification_reply(struct http_request *req, struct http_response *res)
{
	api_post(req, res, rectification_reply, rectification_respond, 200);
}

/* --- Appeals (行政复议, 行政诉讼) ------------------------------------------ */

static json_t *appeal_json(struct office *o, const struct store_appeal_rec *p)
{
	const struct store_appeal *a = &p->a;
	static const char *const result_ids[] = {"pending", "upheld", "corrected", "other"};
	static const char *const kind_ids[] = {"review", "lawsuit", "lawsuit_after_review"};

	return json_pack(
	    "{s:I, s:s, s:o, s:s, s:{s:s, s:s}, s:s, s:s, s:b, s:{s:s, s:s}, s:s, s:b, s:s, s:s, "
	    "s:o}",
	    "id", (json_int_t)a->id, "ref", a->ref, "agency", sup_agency_json(o, a->agency_id),
	    "agency_name", sup_agency_name(o, a->agency_id), "kind", "id",
	    (unsigned)a->kind < APPEAL_KIND_COUNT ? kind_ids[a->kind] : "", "name",
	    appeal_kind_name(a->kind), "kind_name", appeal_kind_name(a->kind), "filed",
	    office_date(o, a->filed), "pending", !a->closed, "result", "id",
	    (unsigned)a->result < APPEAL_RESULT_COUNT ? result_ids[a->result] : "", "name",
	    appeal_result_name(a->result), "result_name", appeal_result_name(a->result),
	    "co_defendant_only", a->co_defendant_only, "closed", office_date(o, a->closed), "note",
	    a->note ? a->note : "", "application",
	    application_link(o, a->agency_id, a->application_id, p->application_ref,
			     p->tracking_code));
}

static int appeal_row(void *ctx, const struct store_appeal_rec *p)
{
	struct rows_walk *w = ctx;
	json_t *j = appeal_json(w->o, p);

	json_object_set_new(j, "application_ref",
			    json_string(p->application_ref ? p->application_ref : ""));
	json_object_set_new(j, "co_defendant_name",
			    json_string(p->a.co_defendant_only ? "是（不计入表四）" : ""));
	json_object_set_new(
	    j, "url",
	    json_string(arena_printf(w->o->pg.req->arena, "/office/supervision/appeals#appeal-%lld",
				     (long long)p->a.id)));
	json_array_append_new(w->rows, j);
	return 0;
}

static const char *const appeal_headers[] = {
    "案号", "机关", "类别", "所涉申请", "立案日期", "结果", "审结日期", "仅作为复议机关共同被告",
    "备注",
};
static const char *const appeal_keys[] = {
    "ref",    "agency_name",	   "kind_name", "application_ref", "filed", "result_name",
    "closed", "co_defendant_name", "note",
};

static enum gk_err appeals_walk(struct office *o, const struct store_sup_query *q,
				struct rows_walk *w, int64_t *total, struct gk_errmsg *m)
{
	return store_appeal_list(o->pg.st, q, appeal_row, w, total, m);
}

static json_t *kind_options(const char *chosen)
{
	static const char *const ids[] = {"review", "lawsuit", "lawsuit_after_review"};
	static const char *const names[] = {"行政复议", "行政诉讼（未经复议直接起诉）",
					    "行政诉讼（复议后起诉）"};
	json_t *a = json_array();

	for (size_t i = 0; i < 3; i++)
		json_array_append_new(a,
				      json_pack("{s:s, s:s, s:b}", "id", ids[i], "name", names[i],
						"selected", chosen && !strcmp(chosen, ids[i])));
	return a;
}

static void render_appeals(struct office *o, struct sup_scope *sc, json_t *rows, int64_t total,
			   json_t *values, const char *error)
{
	json_t *v = sup_view(o, "行政复议和行政诉讼", "appeals");

	list_view(o, v, sc, rows, total);
	json_object_set_new(
	    v, "agencies",
	    sup_agency_options(o, json_string_value(json_object_get(values, "agency")), false));
	json_object_set_new(v, "kinds",
			    kind_options(json_string_value(json_object_get(values, "kind"))));
	json_object_set_new(v, "values", values);
	page_crumb(v, "行政复议和行政诉讼", NULL);
	sup_render(o, v, error, "office_supervision_appeals");
}

/* The list as it first shows, with an empty form. */
static void render_appeal_list(struct office *o, struct sup_scope *sc, json_t *rows, int64_t total)
{
	render_appeals(o, sc, rows, total, json_object(), NULL);
}

static const struct record_list appeal_list = {
    "复议诉讼",
    "appeals",
    appeal_headers,
    appeal_keys,
    sizeof(appeal_keys) / sizeof(appeal_keys[0]),
    appeals_walk,
    render_appeal_list,
};

static void page_appeals(struct http_request *req, struct http_response *res)
{
	list_page(req, res, &appeal_list);
}

static void api_appeals(struct http_request *req, struct http_response *res)
{
	list_api(req, res, &appeal_list);
}

/*
 * 条例第五十一条: an appeal {application, agency, kind, ref, filed,
 * co_defendant_only, note} against the agency's decision (the agency of
 * the application when one is given).
 */
static enum gk_err appeal_record(struct office *o, const json_t *in, int64_t *id, bool *forbidden,
				 struct gk_errmsg *m)
{
	const char *code = sup_in(o, in, "agency"), *app = sup_in(o, in, "application");
	const char *kind = sup_in(o, in, "kind"), *co = sup_in(o, in, "co_defendant_only");
	const struct portal_agency *ag = NULL;
	struct store_appeal a = {0};
	struct store_application ap;
	struct audit_who who = sup_who(o);
	bool own;
	enum gk_err err;

	*forbidden = false;
	if (app) {
		if ((err = find_application(o, app, code, &ap, m)))
			return err;
		a.application_id = ap.id;
		ag = portal_agency_by_id(o->pg.portal, ap.agency_id);
		if (code && ag && strcmp(code, ag->code))
			return gk_errf(m, GK_EINVAL,
				       "所涉申请由「%s」办理：复议、诉讼针对的是办理该申请的机关。",
				       ag->name);
	}
	if (!ag && code && !(ag = portal_agency_by_code(o->pg.portal, code)))
		return gk_errf(m, GK_EINVAL, "机关（agency）：没有这个机关。");
	if (!ag)
		return gk_errf(m, GK_EINVAL,
			       "请填写所涉申请（application），或选择机关（agency）。");
	if (!office_can(o, AUTH_SUPERVISE, ag->id)) {
		*forbidden = true;
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）无权登记「%s」的复议诉讼案件。",
			       store_role_name(o->s.user.role), ag->name);
	}
	a.agency_id = ag->id;
	if (!kind || !appeal_kind_parse((struct str){kind, strlen(kind)}, &a.kind))
		return gk_errf(
		    m, GK_EINVAL,
		    "类别（kind）应为 review（行政复议）、lawsuit（行政诉讼，未经复议直接起诉）"
		    "或 lawsuit_after_review（复议后起诉）。");
	if (!(a.ref = sup_in(o, in, "ref")))
		return gk_errf(m, GK_EINVAL, "请填写案号（ref）。");
	if ((err = sup_in_date(o, in, "filed", "立案（申请、起诉）日期", 0, &a.filed, m)))
		return err;
	if (a.application_id && a.filed < ap.received)
		return gk_errf(m, GK_EINVAL, "立案日期早于收到该申请的日期。");
	/* 国办公开办函〔2016〕201号: sued only as the review body, the agency
	 * does not count the case in its table 四. */
	a.co_defendant_only = co && strcmp(co, "0") && strcmp(co, "false");
	a.note = sup_in(o, in, "note");
	a.result = APPEAL_RESULT_PENDING;
	if ((err = store_join(o->pg.st, &own, m)))
		return err;
	err = store_appeal_add(o->pg.st, &a, id, m);
	if (err == GK_ECONFLICT)
		gk_errf(m, err, "案号「%s」在该机关已登记。", a.ref);
	if (!err)
		err = audit_append(o->pg.st, &who, "appeal.record",
				   arena_printf(o->pg.req->arena, "appeal:%lld", (long long)*id),
				   arena_printf(o->pg.req->arena, "%s %s %s", ag->code,
						appeal_kind_name(a.kind), a.ref),
				   m);
	return store_leave(o->pg.st, own, err, m);
}

static enum gk_err appeal_close(struct office *o, const json_t *in, int64_t *idp, bool *forbidden,
				struct gk_errmsg *m)
{
	int64_t id = *idp;
	struct store_appeal_rec p;
	struct audit_who who = sup_who(o);
	const char *result = sup_in(o, in, "result");
	enum appeal_result r;
	gk_date date;
	bool own;
	enum gk_err err;

	*forbidden = false;
	if ((err = store_appeal_get(o->pg.st, id, &p, m)))
		return err;
	if (!office_can(o, AUTH_SUPERVISE, p.a.agency_id)) {
		*forbidden = true;
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）无权审结这件案件。",
			       store_role_name(o->s.user.role));
	}
	if (!result || !appeal_result_parse((struct str){result, strlen(result)}, &r))
		return gk_errf(
		    m, GK_EINVAL,
		    "结果（result）应为 upheld（维持）、corrected（纠正）或 other（其他）。");
	if ((err = sup_in_date(o, in, "date", "审结日期", o->today, &date, m)))
		return err;
	if ((err = store_join(o->pg.st, &own, m)))
		return err;
	err = store_appeal_close(o->pg.st, id, r, date, m);
	if (!err)
		err = audit_append(o->pg.st, &who, "appeal.close",
				   arena_printf(o->pg.req->arena, "appeal:%lld", (long long)id),
				   appeal_result_name(r), m);
	return store_leave(o->pg.st, own, err, m);
}

static const char *const appeal_fields[] = {"application",	 "agency", "kind", "ref", "filed",
					    "co_defendant_only", "note"};

/* After a refused form: the appeals page with the reason. */
static void appeals_refused(struct office *o, int64_t id, enum gk_err err, json_t *in,
			    const char *error)
{
	struct sup_scope sc;
	int64_t total;
	json_t *rows;

	(void)id;
	if (records_load(o, &sc, appeals_walk, &rows, &total)) {
		o->pg.res->status = refusal_status(err);
		render_appeals(o, &sc, rows, total, in, error);
	} else {
		json_decref(in);
	}
}

static const struct record_form appeal_add_form = {
    appeal_fields,
    sizeof(appeal_fields) / sizeof(appeal_fields[0]),
    appeal_record,
    "/office/supervision/appeals?done=recorded#appeal-",
    "",
    appeals_refused,
};

static void page_appeal_add(struct http_request *req, struct http_response *res)
{
	form_post(req, res, &appeal_add_form);
}

static const char *const close_fields[] = {"result", "date"};

/* The close form is on each row of the list: it comes back empty. */
static void appeal_close_refused(struct office *o, int64_t id, enum gk_err err, json_t *in,
				 const char *error)
{
	json_decref(in);
	appeals_refused(o, id, err, json_object(), error);
}

static const struct record_form appeal_close_form = {
    close_fields,	  2, appeal_close, "/office/supervision/appeals?done=closed#appeal-", "",
    appeal_close_refused,
};

static void page_appeal_close(struct http_request *req, struct http_response *res)
{
	form_post(req, res, &appeal_close_form);
}

/* The appeal after an API action: 201 with the new one, else 200. */
static void appeal_respond(struct office *o, int64_t id, unsigned status)
{
	struct store_appeal_rec p;
	struct gk_errmsg m;
	enum gk_err err = store_appeal_get(o->pg.st, id, &p, &m);

	if (err)
		return office_fail(o, err, &m);
	if (status == 201)
		created(o, appeal_json(o, &p), "appeals", id);
	else
		page_json(&o->pg, appeal_json(o, &p));
}

static void api_appeal(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct store_appeal_rec p;
	struct gk_errmsg m;
	int64_t id = http_arg_int(req, "id", 0);
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if ((err = store_appeal_get(o.pg.st, id, &p, &m)))
		office_fail(&o, err, &m);
	else if (office_require(&o, AUTH_SUPERVISE, p.a.agency_id))
		appeal_respond(&o, id, 200);
	office_end(&o);
}

static void api_appeal_add(struct http_request *req, struct http_response *res)
{
	api_post(req, res, appeal_record, appeal_respond, 201);
}

static void api_appeal_close(struct http_request *req, struct http_response *res)
{
	api_post(req, res, appeal_close, appeal_respond, 200);
}

/* --- Routes --------------------------------------------------------------- */

#define END                                                                                        \
	{                                                                                          \
		NULL, 0, 0, 0, 0, false                                                            \
	}
#define ID_PARAM                                                                                   \
	{                                                                                          \
		"id", HTTP_PARAM_INT, 0, 1, (1LL << 53), true                                      \
	}
#define LINE(n, len)                                                                               \
	{                                                                                          \
		n, HTTP_PARAM_STRING, len, 0, 0, false                                             \
	}
#define TEXT(n, len)                                                                               \
	{                                                                                          \
		n, HTTP_PARAM_TEXT, len, 0, 0, false                                               \
	}
#define DONE_PARAM                                                                                 \
	{                                                                                          \
		"done", HTTP_PARAM_CODE, 16, 0, 0, false                                           \
	}

static const struct http_param list_params[] = {
    {"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
    {"state", HTTP_PARAM_CODE, 8, 0, 0, false},
    {"from", HTTP_PARAM_DATE, 0, 0, 0, false},
    {"to", HTTP_PARAM_DATE, 0, 0, 0, false},
    {"page", HTTP_PARAM_INT, 0, 1, 100000, false},
    OFFICE_EXPORT_PARAM,
    DONE_PARAM,
    END,
};
static const struct http_param new_params[] = {
    {"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
    END,
};
static const struct http_param id_view[] = {ID_PARAM, DONE_PARAM, END};
static const struct http_param id_only[] = {ID_PARAM, END};
static const struct http_param complaint_form[] = {
    OFFICE_CSRF_PARAM,
    LINE("agency", STORE_CODE_MAX),
    LINE("application", 64),
    LINE("ref", STORE_CODE_MAX),
    LINE("received", 10),
    LINE("complainant", STORE_NAME_MAX),
    TEXT("content", STORE_SUP_TEXT_MAX),
    END,
};
static const struct http_param answer_form[] = {
    ID_PARAM, OFFICE_CSRF_PARAM, LINE("date", 10), TEXT("answer", STORE_SUP_TEXT_MAX), END,
};
static const struct http_param issue_form[] = {
    OFFICE_CSRF_PARAM,
    LINE("agency", STORE_CODE_MAX),
    LINE("complaint", 20),
    {"from_complaint", HTTP_PARAM_INT, 0, 0, 1, false},
    LINE("doc_number", STORE_NAME_MAX),
    LINE("issued", 10),
    LINE("due", 10),
    TEXT("content", STORE_SUP_TEXT_MAX),
    END,
};
static const struct http_param reply_form[] = {
    ID_PARAM, OFFICE_CSRF_PARAM, LINE("date", 10), TEXT("reply", STORE_SUP_TEXT_MAX), END,
};
static const struct http_param appeal_form[] = {
    OFFICE_CSRF_PARAM,
    LINE("application", 64),
    LINE("agency", STORE_CODE_MAX),
    LINE("kind", 32),
    LINE("ref", STORE_CODE_MAX),
    LINE("filed", 10),
    {"co_defendant_only", HTTP_PARAM_INT, 0, 0, 1, false},
    TEXT("note", 4000),
    END,
};
static const struct http_param close_form[] = {
    ID_PARAM, OFFICE_CSRF_PARAM, LINE("result", 16), LINE("date", 10), END,
};

#define BODY (64 << 10)

static const struct http_route routes[] = {
    {HTTP_GET, "/office/supervision/complaints", list_params, page_complaints, 0, false},
    {HTTP_GET, "/office/supervision/complaints/new", new_params, page_complaint_new, 0, false},
    {HTTP_POST, "/office/supervision/complaints", complaint_form, page_complaint_add, BODY, false},
    {HTTP_GET, "/office/supervision/complaints/{id}", id_view, page_complaint, 0, false},
    {HTTP_POST, "/office/supervision/complaints/{id}/answer", answer_form, page_complaint_answer,
     BODY, false},
    {HTTP_GET, "/office/supervision/rectifications", list_params, page_rectifications, 0, false},
    {HTTP_POST, "/office/supervision/rectifications", issue_form, page_rectification_issue, BODY,
     false},
    {HTTP_GET, "/office/supervision/rectifications/{id}", id_view, page_rectification, 0, false},
    {HTTP_POST, "/office/supervision/rectifications/{id}/reply", reply_form,
     page_rectification_reply, BODY, false},
    {HTTP_GET, "/office/supervision/appeals", list_params, page_appeals, 0, false},
    {HTTP_POST, "/office/supervision/appeals", appeal_form, page_appeal_add, BODY, false},
    {HTTP_POST, "/office/supervision/appeals/{id}/close", close_form, page_appeal_close, 8 << 10,
     false},
    {HTTP_GET, "/api/v1/office/supervision/complaints", list_params, api_complaints, 0, false},
    {HTTP_POST, "/api/v1/office/supervision/complaints", NULL, api_complaint_add, BODY, false},
    {HTTP_GET, "/api/v1/office/supervision/complaints/{id}", id_only, api_complaint, 0, false},
    {HTTP_POST, "/api/v1/office/supervision/complaints/{id}/answer", id_only, api_complaint_answer,
     BODY, false},
    {HTTP_POST, "/api/v1/office/supervision/complaints/{id}/rectifications", id_only,
     api_complaint_rectification, BODY, false},
    {HTTP_GET, "/api/v1/office/supervision/rectifications", list_params, api_rectifications, 0,
     false},
    {HTTP_POST, "/api/v1/office/supervision/rectifications", NULL, api_rectification_issue, BODY,
     false},
    {HTTP_GET, "/api/v1/office/supervision/rectifications/{id}", id_only, api_rectification, 0,
     false},
    {HTTP_POST, "/api/v1/office/supervision/rectifications/{id}/reply", id_only,
     api_rectification_reply, BODY, false},
    {HTTP_GET, "/api/v1/office/supervision/appeals", list_params, api_appeals, 0, false},
    {HTTP_POST, "/api/v1/office/supervision/appeals", NULL, api_appeal_add, BODY, false},
    {HTTP_GET, "/api/v1/office/supervision/appeals/{id}", id_only, api_appeal, 0, false},
    {HTTP_POST, "/api/v1/office/supervision/appeals/{id}/close", id_only, api_appeal_close, 8 << 10,
     false},
};

const struct http_route *sup_records_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}
