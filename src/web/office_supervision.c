/*
 * office_supervision.c: the supervising office's view of its region
 * (office_supervision.h): the overview of every agency's open work, the
 * quarterly statistics, the assessment table with the indicators the
 * supervisor configures, and the area's route table.
 */
#include "web/office_supervision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/assessment.h"
#include "web/app.h"
#include "web/office_export.h"

#include "base/banned.h"

/* --- Shared helpers ------------------------------------------------------- */

bool sup_is_supervisor(const struct office *o)
{
	return auth_reach(o->s.user.role, AUTH_SUPERVISE) >= AUTH_REGION;
}

/* Is agency index i at or under index top in the tree? */
static bool under(const struct portal *p, size_t i, size_t top)
{
	for (size_t hops = 0; i != SIZE_MAX && hops <= p->n_agencies; hops++) {
		if (i == top)
			return true;
		i = p->agencies[i].parent;
	}
	return false;
}

bool sup_scope_load(struct office *o, struct sup_scope *sc, bool need_region)
{
	const struct portal *p = o->pg.portal;
	/* A form's "agency" field names the record's agency, not the scope
	 * of the page shown again after a refusal. */
	const char *code = o->pg.req->method == HTTP_GET ? http_arg_str(o->pg.req, "agency") : NULL;
	size_t top;

	memset(sc, 0, sizeof(*sc));
	if (need_region && !sup_is_supervisor(o)) {
		http_error(
		    o->pg.req, o->pg.res, 403,
		    "您的角色（%"
		    "s）无权进行此操作：考核由政府信息公开工作主管部门组织（条例第四十七条）。",
		    store_role_name(o->s.user.role));
		return false;
	}
	sc->ag =
	    code ? portal_agency_by_code(p, code) : portal_agency_by_id(p, office_home_agency(o));
	if (!sc->ag) {
		http_error(o->pg.req, o->pg.res, 404, "没有这个机关。");
		return false;
	}
	if (!office_require(o, AUTH_SUPERVISE, sc->ag->id))
		return false;
	sc->region = sup_is_supervisor(o);
	sc->ids = arena_alloc(o->pg.req->arena, (p->n_agencies + 1) * sizeof(*sc->ids));
	if (!sc->ids) {
		http_error(o->pg.req, o->pg.res, 500, "服务器内部错误，请稍后再试。");
		return false;
	}
	top = (size_t)(sc->ag - p->agencies);
	/* The portal keeps the agencies in id order: the ids come out sorted. */
	for (size_t i = 0; i < p->n_agencies; i++)
		if ((sc->region ? under(p, i, top) : i == top) &&
		    office_can(o, AUTH_SUPERVISE, p->agencies[i].id))
			sc->ids[sc->n++] = p->agencies[i].id;
	return true;
}

json_t *sup_view(struct office *o, const char *title, const char *tab)
{
	json_t *v = office_view(o, title, "supervision");

	json_object_set_new(v, "sup_nav",
			    json_pack("{s:b, s:b}", "is_supervisor", sup_is_supervisor(o),
				      arena_printf(o->pg.req->arena, "at_%s", tab), 1));
	page_crumb(v, "监督考核", strcmp(tab, "overview") ? "/office/supervision" : NULL);
	return v;
}

const char *sup_agency_name(const struct office *o, int64_t id)
{
	const struct portal_agency *a = portal_agency_by_id(o->pg.portal, id);

	return a ? a->name : "";
}

const char *sup_agency_code(const struct office *o, int64_t id)
{
	const struct portal_agency *a = portal_agency_by_id(o->pg.portal, id);

	return a ? a->code : "";
}

json_t *sup_agency_json(const struct office *o, int64_t id)
{
	return json_pack("{s:s, s:s}", "code", sup_agency_code(o, id), "name",
			 sup_agency_name(o, id));
}

json_t *sup_agency_options(struct office *o, const char *selected_code, bool skip_home)
{
	const struct portal *p = o->pg.portal;
	json_t *a = json_array();

	for (size_t i = 0; i < p->n_agencies; i++) {
		const struct portal_agency *ag = &p->agencies[i];

		if (!office_can(o, AUTH_SUPERVISE, ag->id) ||
		    (skip_home && ag->id == office_home_agency(o)))
			continue;
		json_array_append_new(
		    a, json_pack("{s:s, s:s, s:b}", "code", ag->code, "name", ag->name, "selected",
				 selected_code && !strcmp(selected_code, ag->code)));
	}
	return a;
}

const char *sup_in(const struct office *o, const json_t *in, const char *key)
{
	const json_t *v = json_object_get(in, key);

	if (json_is_string(v))
		return *json_string_value(v) ? json_string_value(v) : NULL;
	if (json_is_integer(v))
		return arena_printf(o->pg.req->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_true(v))
		return "1";
	return NULL;
}

enum gk_err sup_in_date(const struct office *o, const json_t *in, const char *key,
			const char *label, gk_date dflt, gk_date *out, struct gk_errmsg *m)
{
	const char *v = sup_in(o, in, key);

	if (!v) {
		if (!dflt)
			return gk_errf(m, GK_EINVAL, "请填写%s（%s）。", label, key);
		*out = dflt;
		return GK_OK;
	}
	if (!date_parse((struct str){v, strlen(v)}, out))
		return gk_errf(m, GK_EINVAL, "%s（%s）不是有效日期，应为 YYYY-MM-DD。", label, key);
	if (*out > o->today)
		return gk_errf(m, GK_EINVAL, "%s（%s）不能晚于今天。", label, key);
	return GK_OK;
}

json_t *sup_form(const struct http_request *req, const char *const *fields, size_t n)
{
	json_t *in = json_object();

	for (size_t i = 0; i < n; i++) {
		const char *v = http_arg_str(req, fields[i]);

		if (v)
			json_object_set_new(in, fields[i], json_string(v));
	}
	return in;
}

struct audit_who sup_who(const struct office *o)
{
	return (struct audit_who){
	    .user_id = o->s.user.id, .client = o->pg.req->client, .now = (int64_t)time(NULL)};
}

void sup_fail(struct office *o, enum gk_err err, bool forbidden, const struct gk_errmsg *m)
{
	if (forbidden)
		http_error(o->pg.req, o->pg.res, 403, "%s", m->text);
	else
		office_fail(o, err, m);
}

/* ?done=… on the page after a POST: the notice to show. */
static const char *sup_done_notice(const struct office *o)
{
	static const struct {
		const char *id, *text;
	} notices[] = {
	    {"registered", "投诉已登记。"},
	    {"answered", "已记录对投诉的答复，投诉办结。"},
	    {"issued", "整改通知书已发出，被通知机关可在此回复整改情况。"},
	    {"replied", "已记录整改情况回复。"},
	    {"recorded", "案件已登记。"},
	    {"closed", "已记录审结结果，年度报告表四据此统计。"},
	    {"scored", "评分已保存。"},
	    {"added", "考核指标已添加。"},
	    {"changed", "考核指标已修改。"},
	    {"deleted", "考核指标及其评分已删除。"},
	};
	const char *done = http_arg_str(o->pg.req, "done");

	for (size_t i = 0; done && i < sizeof(notices) / sizeof(notices[0]); i++)
		if (!strcmp(done, notices[i].id))
			return notices[i].text;
	return NULL;
}

void sup_render(struct office *o, json_t *v, const char *error, const char *tmpl)
{
	const char *notice = sup_done_notice(o);

	if (error)
		json_object_set_new(v, "error", json_string(error));
	else if (notice)
		json_object_set_new(v, "notice", json_string(notice));
	page_render(&o->pg, tmpl, v);
}

static const struct calendar *calendar_of(const struct office *o)
{
	return ((const struct web_app *)o->pg.req->app)->cal;
}

static int year_arg(const struct office *o)
{
	return (int)http_arg_int(o->pg.req, "year", date_year(o->today));
}

/* The scope's heading: "某某区人民政府及所属机关". */
static json_t *scope_json(const struct sup_scope *sc)
{
	return json_pack("{s:s, s:s, s:b}", "code", sc->ag->code, "name", sc->ag->name, "region",
			 sc->region);
}

/* Make an export row's cells from an object's keys. */
static json_t *cells(const json_t *row, const char *const *keys, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(row, keys[i]);

		json_array_append(a, v ? v : json_null());
	}
	return a;
}

/* --- The region overview ------------------------------------------------- */

static const char *const overview_headers[] = {
    "机关",	    "机关代码",	  "未办结申请",	      "其中已超期",
    "逾期公开信息", "未答复投诉", "未回复整改通知书", "未审结复议诉讼",
};
static const char *const overview_keys[] = {
    "name",
    "code",
    "open",
    "overdue",
    "late_published",
    "complaints_open",
    "rectifications_open",
    "appeals_pending",
};
#define OVERVIEW_COLS (sizeof(overview_keys) / sizeof(overview_keys[0]))

/* Every agency's open work; false after answering. */
static bool overview_load(struct office *o, const struct sup_scope *sc, int year, json_t **rows,
			  json_t **total)
{
	struct store_oversight *ov = arena_zalloc(o->pg.req->arena, (sc->n + 1) * sizeof(*ov));
	int64_t *late = arena_zalloc(o->pg.req->arena, (sc->n + 1) * sizeof(*late));
	struct store_oversight sum = {0};
	int64_t late_sum = 0;
	struct gk_errmsg m;
	enum gk_err err;

	if (!ov || !late) {
		http_error(o->pg.req, o->pg.res, 500, "服务器内部错误，请稍后再试。");
		return false;
	}
	if ((err = store_oversight_count(o->pg.st, sc->ag->id, sc->region, o->today, sc->ids, sc->n,
					 ov, &m)) ||
	    /* 第二十六条: documents made in the year, published after their
	     * 20 working days or still unpublished past them. */
	    (err = assess_late_documents(o->pg.st, calendar_of(o), sc->ag->id, sc->region,
					 date_from_ymd(year, 1, 1), date_from_ymd(year, 12, 31),
					 o->today, sc->ids, sc->n, late, &m))) {
		office_fail(o, err, &m);
		return false;
	}
	*rows = json_array();
	for (size_t i = 0; i < sc->n; i++) {
		json_array_append_new(
		    *rows, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "code",
				     sup_agency_code(o, sc->ids[i]), "name",
				     sup_agency_name(o, sc->ids[i]), "open", (json_int_t)ov[i].open,
				     "overdue", (json_int_t)ov[i].overdue, "late_published",
				     (json_int_t)late[i], "complaints_open",
				     (json_int_t)ov[i].complaints_open, "rectifications_open",
				     (json_int_t)ov[i].rectifications_open, "appeals_pending",
				     (json_int_t)ov[i].appeals_pending));
		sum.open += ov[i].open;
		sum.overdue += ov[i].overdue;
		sum.complaints_open += ov[i].complaints_open;
		sum.rectifications_open += ov[i].rectifications_open;
		sum.appeals_pending += ov[i].appeals_pending;
		late_sum += late[i];
	}
	*total = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "code", "", "name", "合计",
			   "open", (json_int_t)sum.open, "overdue", (json_int_t)sum.overdue,
			   "late_published", (json_int_t)late_sum, "complaints_open",
			   (json_int_t)sum.complaints_open, "rectifications_open",
			   (json_int_t)sum.rectifications_open, "appeals_pending",
			   (json_int_t)sum.appeals_pending);
	return true;
}

static void page_overview(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;
	json_t *rows, *total, *v;
	int year;

	if (!office_begin(&o, req, res))
		return;
	year = year_arg(&o);
	if (!sup_scope_load(&o, &sc, false) || !overview_load(&o, &sc, year, &rows, &total))
		return office_end(&o);
	if (http_arg_str(req, "format")) {
		json_t *x = json_array();
		size_t i;
		json_t *r;

		json_array_foreach(rows, i, r)
		    json_array_append_new(x, cells(r, overview_keys, OVERVIEW_COLS));
		json_array_append_new(x, cells(total, overview_keys, OVERVIEW_COLS));
		office_export(&o,
			      arena_printf(req->arena, "监督概览-%s-%s", sc.ag->name,
					   office_date(&o, o.today)),
			      overview_headers, OVERVIEW_COLS, x);
		json_decref(x);
	} else {
		v = sup_view(&o, "监督考核", "overview");
		json_object_set_new(v, "scope", scope_json(&sc));
		json_object_set_new(v, "year", json_integer(year));
		json_object_set_new(v, "rows", rows);
		json_object_set_new(v, "total", total);
		json_object_set_new(v, "is_supervisor", json_boolean(sup_is_supervisor(&o)));
		json_object_set_new(v, "agencies", sup_agency_options(&o, sc.ag->code, false));
		rows = total = NULL;
		page_render(&o.pg, "office_supervision", v);
	}
	json_decref(rows);
	json_decref(total);
	office_end(&o);
}

static void api_overview(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;
	json_t *rows, *total;
	int year;

	if (!office_begin(&o, req, res))
		return;
	year = year_arg(&o);
	if (sup_scope_load(&o, &sc, false) && overview_load(&o, &sc, year, &rows, &total))
		page_json(&o.pg, json_pack("{s:o, s:s, s:i, s:o, s:o}", "scope", scope_json(&sc),
					   "today", office_date(&o, o.today), "year", year,
					   "agencies", rows, "total", total));
	office_end(&o);
}

/* --- Quarterly statistics (local practice, legal-facts §4.2) -------------- */

/* The columns one may pick; the group rows of table 三 (C1…C6) and the
 * counts of table 四, as the annual report counts them (store_count). */
static const struct qcol {
	const char *id, *label;
} qcols[] = {
    {"received", "新收申请"},
    {"carried_in", "上期结转"},
    {"c1", "予以公开"},
    {"c2", "部分公开"},
    {"c3", "不予公开"},
    {"c4", "无法提供"},
    {"c5", "不予处理"},
    {"c6", "其他处理"},
    {"closed", "办结合计"},
    {"carried_out", "结转下期"},
    {"reviews", "行政复议"},
    {"lawsuits", "行政诉讼"},
    {"complaints_received", "收到投诉"},
    {"complaints_closed", "答复投诉"},
};
#define QCOLS (sizeof(qcols) / sizeof(qcols[0]))

/* Table 三's group (0 = C1 … 5 = C6) of an outcome. */
static int outcome_group(enum outcome oc)
{
	if (oc == OUTCOME_C1)
		return 0;
	if (oc == OUTCOME_C2)
		return 1;
	if (oc <= OUTCOME_C3_8)
		return 2;
	if (oc <= OUTCOME_C4_3)
		return 3;
	if (oc <= OUTCOME_C5_5)
		return 4;
	return 5;
}

static void qvalues(const struct store_counts *c, int64_t v[QCOLS])
{
	memset(v, 0, QCOLS * sizeof(*v));
	for (int t = 0; t < APPLICANT_TYPE_COUNT; t++) {
		v[0] += c->received[t];
		v[1] += c->carried_in[t];
		v[9] += c->carried_out[t];
		for (int oc = 0; oc < OUTCOME_COUNT; oc++) {
			v[2 + outcome_group((enum outcome)oc)] += c->closed[oc][t];
			v[8] += c->closed[oc][t];
		}
	}
	for (int r = 0; r < APPEAL_RESULT_COUNT; r++) {
		v[10] += c->appeals[APPEAL_KIND_REVIEW][r];
		v[11] += c->appeals[APPEAL_KIND_LAWSUIT][r] +
			 c->appeals[APPEAL_KIND_LAWSUIT_AFTER_REVIEW][r];
	}
	v[12] = c->complaints_received;
	v[13] = c->complaints_closed;
}

struct quarter {
	gk_date from, to;
	int year, quarter; /* quarter 0: a period given by from/to */
	bool shown[QCOLS];
};

/* Which columns: the form's c_<id> boxes, else the API's cols=a,b, else all. */
static void quarter_columns(const struct http_request *req, bool shown[QCOLS])
{
	const char *cols = http_arg_str(req, "cols");
	bool any = false;

	for (size_t i = 0; i < QCOLS; i++) {
		char name[40];

		snprintf(name, sizeof(name), "c_%s", qcols[i].id);
		shown[i] = http_arg_int(req, name, 0) != 0;
		any |= shown[i];
	}
	if (any)
		return;
	for (size_t i = 0; i < QCOLS; i++) {
		size_t n = strlen(qcols[i].id);
		const char *p = cols;

		shown[i] = !cols;
		while (p && *p) {
			size_t k = strcspn(p, ",");

			if (k == n && !memcmp(p, qcols[i].id, n))
				shown[i] = true;
			p += k + (p[k] == ',');
		}
		any |= shown[i];
	}
	if (!any)
		for (size_t i = 0; i < QCOLS; i++)
			shown[i] = true;
}

/* The period from year and quarter, or from and to; false after a 400. */
static bool quarter_period(struct office *o, struct quarter *q)
{
	const struct http_request *req = o->pg.req;
	int month = 0;

	q->year = year_arg(o);
	q->quarter = (int)http_arg_int(req, "quarter", 0);
	q->from = http_arg_date(req, "from");
	q->to = http_arg_date(req, "to");
	quarter_columns(req, q->shown);
	if (q->from || q->to) {
		if (!q->from || !q->to || q->from > q->to) {
			http_error(o->pg.req, o->pg.res, 400,
				   "自定义期间需要同时给出 from 和 to，且 from 不晚于 to。");
			return false;
		}
		q->quarter = 0;
		return true;
	}
	if (!q->quarter) {
		date_to_ymd(o->today, &(int){0}, &month, &(int){0});
		q->quarter = q->year == date_year(o->today) ? (month - 1) / 3 + 1 : 4;
	}
	q->from = date_from_ymd(q->year, 3 * q->quarter - 2, 1);
	q->to = date_from_ymd(q->year, 3 * q->quarter, date_days_in_month(q->year, 3 * q->quarter));
	return true;
}

struct quarter_walk {
	const struct office *o;
	const struct sup_scope *sc;
	const struct quarter *q;
	json_t *rows;
	int64_t total[QCOLS];
};

static json_t *quarter_row(const struct quarter *q, const char *code, const char *name,
			   const int64_t v[QCOLS])
{
	json_t *vals = json_array(), *row;

	for (size_t i = 0; i < QCOLS; i++)
		if (q->shown[i])
			json_array_append_new(vals, json_integer(v[i]));
	row = json_pack("{s:s, s:s, s:o}", "code", code, "name", name, "values", vals);
	for (size_t i = 0; i < QCOLS; i++)
		json_object_set_new(row, qcols[i].id, json_integer(v[i]));
	return row;
}

static int quarter_agency(void *ctx, const struct store_agency *a, const struct store_counts *c)
{
	struct quarter_walk *w = ctx;
	int64_t v[QCOLS];
	size_t lo = 0, hi = w->sc->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->sc->ids[mid] < a->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == w->sc->n || w->sc->ids[lo] != a->id)
		return 0;
	qvalues(c, v);
	for (size_t i = 0; i < QCOLS; i++)
		w->total[i] += v[i];
	json_array_append_new(w->rows, quarter_row(w->q, a->code, a->name, v));
	return 0;
}

static json_t *quarter_headers(const struct quarter *q)
{
	json_t *h = json_array();

	for (size_t i = 0; i < QCOLS; i++)
		if (q->shown[i])
			json_array_append_new(
			    h, json_pack("{s:s, s:s}", "id", qcols[i].id, "label", qcols[i].label));
	return h;
}

static const char *quarter_title(const struct office *o, const struct quarter *q)
{
	if (q->quarter)
		return arena_printf(o->pg.req->arena, "%d年第%d季度", q->year, q->quarter);
	return arena_printf(o->pg.req->arena, "%s至%s", office_date(o, q->from),
			    office_date(o, q->to));
}

/* The statistics; false after answering. */
static bool quarter_load(struct office *o, struct sup_scope *sc, struct quarter *q, json_t **rows,
			 json_t **total)
{
	struct quarter_walk w = {o, sc, q, NULL, {0}};
	struct gk_errmsg m;
	enum gk_err err;

	if (!sup_scope_load(o, sc, false) || !quarter_period(o, q))
		return false;
	w.rows = json_array();
	/* One pass over the ledger for every agency at once: each counted on
	 * its own, as the annual report of that agency counts it. */
	if ((err = store_count_each_agency(o->pg.st, q->from, q->to, quarter_agency, &w, &m))) {
		json_decref(w.rows);
		office_fail(o, err, &m);
		return false;
	}
	*rows = w.rows;
	*total = quarter_row(q, "", "合计", w.total);
	return true;
}

/* The same statistics as a file. */
static const char *quarter_link(struct office *o, const struct quarter *q, const char *format)
{
	struct arena *a = o->pg.req->arena;
	const char *cols = "";

	for (size_t k = 0; k < QCOLS; k++)
		if (q->shown[k])
			cols = arena_printf(a, "%s%s%s", cols, *cols ? "," : "", qcols[k].id);
	return page_link(&o->pg, "/office/supervision/quarterly", "agency",
			 http_arg_str(o->pg.req, "agency"), "year", arena_printf(a, "%d", q->year),
			 "quarter", q->quarter ? arena_printf(a, "%d", q->quarter) : NULL, "from",
			 q->quarter ? NULL : office_date(o, q->from), "to",
			 q->quarter ? NULL : office_date(o, q->to), "cols", cols, "format", format,
			 NULL);
}

static void page_quarterly(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;
	struct quarter q;
	json_t *rows, *total, *v;

	if (!office_begin(&o, req, res))
		return;
	if (!quarter_load(&o, &sc, &q, &rows, &total))
		return office_end(&o);
	if (http_arg_str(req, "format")) {
		const char *headers[QCOLS + 2] = {"机关", "机关代码"};
		size_t nh = 2;
		json_t *x = json_array(), *r;
		size_t i;

		for (size_t k = 0; k < QCOLS; k++)
			if (q.shown[k])
				headers[nh++] = qcols[k].label;
		json_array_append(rows, total);
		json_array_foreach(rows, i, r)
		{
			json_t *line =
			    json_pack("[s, s]", json_string_value(json_object_get(r, "name")),
				      json_string_value(json_object_get(r, "code")));

			json_array_extend(line, json_object_get(r, "values"));
			json_array_append_new(x, line);
		}
		office_export(
		    &o,
		    arena_printf(req->arena, "季度统计-%s-%s", sc.ag->name, quarter_title(&o, &q)),
		    headers, nh, x);
		json_decref(x);
		json_decref(rows);
		json_decref(total);
	} else {
		json_t *pick = json_array(), *quarters = json_array();

		for (size_t k = 0; k < QCOLS; k++)
			json_array_append_new(pick, json_pack("{s:s, s:s, s:b}", "id", qcols[k].id,
							      "label", qcols[k].label, "checked",
							      q.shown[k]));
		for (int k = 1; k <= 4; k++)
			json_array_append_new(
			    quarters, json_pack("{s:i, s:b}", "n", k, "selected", q.quarter == k));
		v = sup_view(&o, "季度统计", "quarterly");
		page_crumb(v, "季度统计", NULL);
		json_object_set_new(v, "scope", scope_json(&sc));
		json_object_set_new(v, "period",
				    json_pack("{s:s, s:s, s:s, s:i}", "title",
					      quarter_title(&o, &q), "from",
					      office_date(&o, q.from), "to", office_date(&o, q.to),
					      "year", q.year));
		json_object_set_new(v, "quarters", quarters);
		json_object_set_new(v, "columns", quarter_headers(&q));
		json_object_set_new(v, "pick", pick);
		json_object_set_new(v, "rows", rows);
		json_object_set_new(v, "total", total);
		json_object_set_new(v, "agencies", sup_agency_options(&o, sc.ag->code, false));
		json_object_set_new(v, "export_csv", json_string(quarter_link(&o, &q, "csv")));
		json_object_set_new(v, "export_xlsx", json_string(quarter_link(&o, &q, "xlsx")));
		page_render(&o.pg, "office_supervision_quarterly", v);
	}
	office_end(&o);
}

static void api_quarterly(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;
	struct quarter q;
	json_t *rows, *total;

	if (!office_begin(&o, req, res))
		return;
	if (quarter_load(&o, &sc, &q, &rows, &total))
		page_json(&o.pg, json_pack("{s:o, s:{s:s, s:s, s:s}, s:o, s:o, s:o}", "scope",
					   scope_json(&sc), "period", "title",
					   quarter_title(&o, &q), "from", office_date(&o, q.from),
					   "to", office_date(&o, q.to), "columns",
					   quarter_headers(&q), "agencies", rows, "total", total));
	office_end(&o);
}

/* --- The assessment (绩效考核) --------------------------------------------- */

#define MAX_INDICATORS 64

struct column {
	int64_t id;
	const char *name, *metric;
	enum assess_metric k;
	double deduct;
	int max_score, position;
};

struct columns {
	struct office *o;
	struct column c[MAX_INDICATORS];
	size_t n;
};

static int column_add(void *ctx, const struct store_indicator *in)
{
	struct columns *cs = ctx;
	struct column *c;

	if (cs->n == MAX_INDICATORS)
		return 1;
	c = &cs->c[cs->n++];
	c->id = in->id;
	c->name = arena_strdup(cs->o->pg.req->arena, in->name);
	c->metric = arena_strdup(cs->o->pg.req->arena, in->metric);
	c->max_score = in->max_score;
	c->position = in->position;
	/* A metric this build does not know counts as scored by hand. */
	if (!assess_metric_parse(in->metric, &c->k, &c->deduct)) {
		c->k = ASSESS_MANUAL;
		c->deduct = 1;
	}
	return 0;
}

static enum gk_err columns_load(struct office *o, struct columns *cs, struct gk_errmsg *m)
{
	cs->o = o;
	cs->n = 0;
	return store_indicator_each(o->pg.st, office_home_agency(o), column_add, cs, m);
}

static json_t *column_json(const struct office *o, const struct column *c)
{
	const struct assess_metric_info *info = assess_metric_info(c->k);
	char deduct[32];

	assess_score_format(c->deduct, deduct);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:i, s:b, s:b, s:s, s:s}", "id",
			 (json_int_t)c->id, "name", c->name, "metric", info->id, "metric_name",
			 info->name, "stored", c->metric, "max_score", c->max_score, "position",
			 c->position, "manual", c->k == ASSESS_MANUAL, "rate", info->rate, "deduct",
			 deduct, "url",
			 arena_printf(o->pg.req->arena, "/office/supervision/indicators/%lld",
				      (long long)c->id));
}

/* The hand-typed scores, keyed "indicator:agency". */
static int score_add(void *ctx, int64_t indicator_id, int64_t agency_id, const char *score,
		     const char *note)
{
	char key[48];

	snprintf(key, sizeof(key), "%lld:%lld", (long long)indicator_id, (long long)agency_id);
	json_object_set_new(ctx, key,
			    json_pack("{s:s, s:s}", "score", score, "note", note ? note : ""));
	return 0;
}

static const char *fact_detail(const struct office *o, enum assess_metric k,
			       const struct assess_facts *f)
{
	struct arena *a = o->pg.req->arena;

	switch (k) {
	case ASSESS_ON_TIME_RATE:
		return arena_printf(a, "按期 %lld / 答复 %lld", (long long)f->answered_on_time,
				    (long long)f->answered);
	case ASSESS_PUBLICATION_RATE:
		return arena_printf(a, "及时 %lld / 应公开 %lld",
				    (long long)(f->docs_measured - f->docs_late),
				    (long long)f->docs_measured);
	case ASSESS_MANUAL:
		return "";
	default:
		return arena_printf(a, "%lld 件", (long long)assess_value(k, f));
	}
}

struct assessment {
	int year;
	struct columns cols;
	json_t *columns, *rows;
	bool complete; /* every manual score entered */
};

/* The table; false after answering. */
static bool assessment_load(struct office *o, struct sup_scope *sc, struct assessment *t)
{
	struct assess_facts *facts;
	json_t *scores = json_object();
	struct gk_errmsg m;
	enum gk_err err;
	char s[32];

	t->year = year_arg(o);
	t->complete = true;
	if (!sup_scope_load(o, sc, true)) {
		json_decref(scores);
		return false;
	}
	facts = arena_zalloc(o->pg.req->arena, (sc->n + 1) * sizeof(*facts));
	if (!facts)
		err = gk_errf(&m, GK_ENOMEM, "out of memory for the assessment");
	else if (!(err = columns_load(o, &t->cols, &m)) &&
		 !(err = store_score_each(o->pg.st, office_home_agency(o), t->year, score_add,
					  scores, &m)))
		err = assess_collect(o->pg.st, calendar_of(o), sc->ag->id, sc->region,
				     date_from_ymd(t->year, 1, 1), date_from_ymd(t->year, 12, 31),
				     o->today, sc->ids, sc->n, facts, &m);
	if (err) {
		json_decref(scores);
		office_fail(o, err, &m);
		return false;
	}
	t->columns = json_array();
	for (size_t j = 0; j < t->cols.n; j++)
		json_array_append_new(t->columns, column_json(o, &t->cols.c[j]));
	t->rows = json_array();
	for (size_t i = 0; i < sc->n; i++) {
		json_t *row_cells = json_array();
		double total = 0, full = 0;

		for (size_t j = 0; j < t->cols.n; j++) {
			const struct column *c = &t->cols.c[j];
			json_t *cell;

			full += c->max_score;
			if (c->k == ASSESS_MANUAL) {
				char key[48];
				json_t *given;
				double v = 0;

				snprintf(key, sizeof(key), "%lld:%lld", (long long)c->id,
					 (long long)sc->ids[i]);
				given = json_object_get(scores, key);
				if (given && !assess_score_parse(
						 json_string_value(json_object_get(given, "score")),
						 c->max_score, &v, NULL)) {
					total += v;
					assess_score_format(v, s);
					cell = json_pack("{s:s, s:O, s:b, s:b}", "score", s, "note",
							 json_object_get(given, "note"), "manual",
							 1, "missing", 0);
				} else {
					t->complete = false;
					cell = json_pack("{s:s, s:s, s:b, s:b}", "score", "",
							 "note", "", "manual", 1, "missing", 1);
				}
			} else {
				double v = assess_score(c->k, c->deduct, c->max_score, &facts[i]);

				total += v;
				assess_score_format(v, s);
				cell = json_pack("{s:s, s:s, s:b, s:b}", "score", s, "detail",
						 fact_detail(o, c->k, &facts[i]), "manual", 0,
						 "missing", 0);
			}
			json_object_set_new(cell, "indicator_id", json_integer(c->id));
			json_array_append_new(row_cells, cell);
		}
		assess_score_format(total, s);
		json_array_append_new(t->rows, json_pack("{s:s, s:s, s:o, s:s, s:i}", "code",
							 sup_agency_code(o, sc->ids[i]), "name",
							 sup_agency_name(o, sc->ids[i]), "cells",
							 row_cells, "total", s, "full", (int)full));
	}
	json_decref(scores);
	return true;
}

/* One form per agency and manual column (no page script needed). */
static json_t *manual_forms(const struct assessment *t)
{
	json_t *forms = json_array();

	for (size_t j = 0; j < t->cols.n; j++) {
		const struct column *c = &t->cols.c[j];
		json_t *agencies = json_array(), *r;
		size_t i;

		if (c->k != ASSESS_MANUAL)
			continue;
		json_array_foreach(t->rows, i, r)
		{
			json_t *cell = json_array_get(json_object_get(r, "cells"), j);

			json_array_append_new(agencies,
					      json_pack("{s:O, s:O, s:O, s:O}", "code",
							json_object_get(r, "code"), "name",
							json_object_get(r, "name"), "score",
							json_object_get(cell, "score"), "note",
							json_object_get(cell, "note")));
		}
		json_array_append_new(
		    forms, json_pack("{s:I, s:s, s:i, s:o}", "id", (json_int_t)c->id, "name",
				     c->name, "max_score", c->max_score, "agencies", agencies));
	}
	return forms;
}

static void render_assessment(struct office *o, struct sup_scope *sc, struct assessment *t,
			      const char *error)
{
	json_t *v = sup_view(o, "绩效考核", "assessment"), *forms = manual_forms(t);

	page_crumb(v, "绩效考核", NULL);

	json_object_set_new(v, "scope", scope_json(sc));
	json_object_set_new(v, "year", json_integer(t->year));
	json_object_set_new(v, "columns", t->columns);
	json_object_set_new(v, "has_columns", json_boolean(t->cols.n > 0));
	json_object_set_new(v, "rows", t->rows);
	json_object_set_new(v, "complete", json_boolean(t->complete));
	json_object_set_new(v, "has_manual", json_boolean(json_array_size(forms) > 0));
	json_object_set_new(v, "manual", forms);
	json_object_set_new(v, "agencies", sup_agency_options(o, sc->ag->code, false));
	sup_render(o, v, error, "office_supervision_assessment");
}

static void page_assessment(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;
	struct assessment t;

	if (!office_begin(&o, req, res))
		return;
	if (!assessment_load(&o, &sc, &t))
		return office_end(&o);
	if (http_arg_str(req, "format")) {
		const char *headers[MAX_INDICATORS + 3] = {"机关", "机关代码"};
		size_t nh = 2, i;
		json_t *x = json_array(), *r;

		for (size_t j = 0; j < t.cols.n; j++)
			headers[nh++] = arena_printf(req->arena, "%s（%d分）", t.cols.c[j].name,
						     t.cols.c[j].max_score);
		headers[nh++] = "总分";
		json_array_foreach(t.rows, i, r)
		{
			json_t *line = json_pack("[O, O]", json_object_get(r, "name"),
						 json_object_get(r, "code"));
			size_t k;
			json_t *cell;

			json_array_foreach(json_object_get(r, "cells"), k, cell)
			    json_array_append(line, json_object_get(cell, "score"));
			json_array_append(line, json_object_get(r, "total"));
			json_array_append_new(x, line);
		}
		office_export(&o, arena_printf(req->arena, "绩效考核-%s-%d", sc.ag->name, t.year),
			      headers, nh, x);
		json_decref(x);
		json_decref(t.columns);
		json_decref(t.rows);
	} else {
		render_assessment(&o, &sc, &t, NULL);
	}
	office_end(&o);
}

static void api_assessment(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;
	struct assessment t;

	if (!office_begin(&o, req, res))
		return;
	if (assessment_load(&o, &sc, &t))
		page_json(&o.pg, json_pack("{s:o, s:i, s:o, s:o, s:b}", "scope", scope_json(&sc),
					   "year", t.year, "indicators", t.columns, "agencies",
					   t.rows, "complete", t.complete));
	office_end(&o);
}

/* A hand-typed score: {year, indicator, agency, score, note}; "" deletes. */
static enum gk_err score_set(struct office *o, const json_t *in, int *year, bool *forbidden,
			     struct gk_errmsg *m)
{
	const char *ind = sup_in(o, in, "indicator"), *code = sup_in(o, in, "agency");
	const char *score = sup_in(o, in, "score"), *note = sup_in(o, in, "note");
	const char *y = sup_in(o, in, "year");
	const struct portal_agency *ag = code ? portal_agency_by_code(o->pg.portal, code) : NULL;
	struct store_indicator si;
	struct audit_who who = sup_who(o);
	char *end;
	long long id = ind ? strtoll(ind, &end, 10) : 0;
	double v = 0;
	bool own;
	enum gk_err err;

	*forbidden = false;
	*year = y ? (int)strtol(y, NULL, 10) : date_year(o->today);
	if (*year < CALENDAR_FIRST_YEAR || *year > CALENDAR_LAST_YEAR)
		return gk_errf(m, GK_EINVAL, "年度（year）应为 %d 至 %d。", CALENDAR_FIRST_YEAR,
			       CALENDAR_LAST_YEAR);
	if (!ind || *end || id <= 0)
		return gk_errf(m, GK_EINVAL, "请指明考核指标（indicator）。");
	if (!ag)
		return gk_errf(m, GK_EINVAL, "没有这个机关（agency）。");
	if (!sup_is_supervisor(o) || !office_can(o, AUTH_SUPERVISE, ag->id)) {
		*forbidden = true;
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）无权为「%s」评分。",
			       store_role_name(o->s.user.role), ag->name);
	}
	if ((err = store_indicator_get(o->pg.st, id, &si, m)))
		return err;
	if (si.agency_id != office_home_agency(o))
		return gk_errf(m, GK_ENOTFOUND, "考核指标 %lld 不存在", id);
	{
		enum assess_metric k;
		double deduct;

		if (assess_metric_parse(si.metric, &k, &deduct) && k != ASSESS_MANUAL)
			return gk_errf(m, GK_ECONFLICT, "「%s」由系统根据台账计算，不能人工评分。",
				       si.name);
	}
	if (score && (err = assess_score_parse(score, si.max_score, &v, m)))
		return err;
	if ((err = store_join(o->pg.st, &own, m)))
		return err;
	err = store_score_set(o->pg.st, id, ag->id, *year, score, note, m);
	if (!err)
		err = audit_append(o->pg.st, &who, "assessment.score",
				   arena_printf(o->pg.req->arena, "indicator:%lld", id),
				   arena_printf(o->pg.req->arena, "%s %d %s", ag->code, *year,
						score ? score : "(cleared)"),
				   m);
	return store_leave(o->pg.st, own, err, m);
}

static const char *const score_fields[] = {"year", "indicator", "agency", "score", "note"};

static void page_score(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct gk_errmsg m;
	bool forbidden;
	int year;
	json_t *in;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o))
		return office_end(&o);
	in = sup_form(req, score_fields, sizeof(score_fields) / sizeof(score_fields[0]));
	err = score_set(&o, in, &year, &forbidden, &m);
	json_decref(in);
	if (!err) {
		http_redirect(req, res,
			      arena_printf(req->arena,
					   "/office/supervision/assessment?year=%d&done=scored",
					   year));
	} else if (!forbidden && (err == GK_EINVAL || err == GK_ECONFLICT)) {
		struct sup_scope sc;
		struct assessment t;

		if (assessment_load(&o, &sc, &t)) {
			res->status = err == GK_EINVAL ? 400 : 409;
			render_assessment(&o, &sc, &t, m.text);
		}
	} else {
		sup_fail(&o, err, forbidden, &m);
	}
	office_end(&o);
}

static void api_score(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct gk_errmsg m;
	bool forbidden;
	int year;
	json_t *in;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o) || !(in = office_json_body(&o)))
		return office_end(&o);
	err = score_set(&o, in, &year, &forbidden, &m);
	if (err)
		sup_fail(&o, err, forbidden, &m);
	else
		page_json(&o.pg,
			  json_pack("{s:b, s:i, s:O, s:O, s:O}", "saved", 1, "year", year,
				    "indicator", json_object_get(in, "indicator"), "agency",
				    json_object_get(in, "agency"), "score",
				    json_object_get(in, "score") ? json_object_get(in, "score")
								 : json_null()));
	json_decref(in);
	office_end(&o);
}

/* --- Indicators ----------------------------------------------------------- */

/* {name, metric, deduct, max_score, position} into *out; id 0 adds. */
static enum gk_err indicator_save(struct office *o, int64_t id, const json_t *in, int64_t *out_id,
				  bool *forbidden, struct gk_errmsg *m)
{
	struct store_indicator si = {.id = id, .agency_id = office_home_agency(o)};
	const char *metric = sup_in(o, in, "metric"), *deduct = sup_in(o, in, "deduct");
	const char *max = sup_in(o, in, "max_score"), *pos = sup_in(o, in, "position");
	struct audit_who who = sup_who(o);
	enum assess_metric k;
	double d = 1;
	char stored[32], *end = NULL;
	bool own;
	enum gk_err err;

	*forbidden = false;
	if (!sup_is_supervisor(o) || !office_can(o, AUTH_SUPERVISE, si.agency_id)) {
		*forbidden = true;
		return gk_errf(
		    m, GK_ECONFLICT,
		    "您的角色（%s）无权配置考核指标：考核由政府信息公开工作主管部门组织。",
		    store_role_name(o->s.user.role));
	}
	if (id) {
		struct store_indicator old;

		if ((err = store_indicator_get(o->pg.st, id, &old, m)))
			return err;
		if (old.agency_id != si.agency_id)
			return gk_errf(m, GK_ENOTFOUND, "考核指标 %lld 不存在", (long long)id);
	}
	si.name = sup_in(o, in, "name");
	if (!si.name)
		return gk_errf(m, GK_EINVAL, "请填写指标名称（name）。");
	if (!metric || !assess_metric_parse(metric, &k, &d))
		return gk_errf(m, GK_EINVAL,
			       "计算方式（metric）应为 manual、on_time_rate、publication_rate、"
			       "overdue_open、late_published、complaints_upheld、appeals_corrected "
			       "或 rectifications_late。");
	/* The form gives the deduction on its own; the API may too. */
	if (deduct && !assess_metric_info(k)->rate && k != ASSESS_MANUAL) {
		const char *with =
		    arena_printf(o->pg.req->arena, "%s:%s", assess_metric_info(k)->id, deduct);

		if (!assess_metric_parse(with, &k, &d))
			return gk_errf(m, GK_EINVAL,
				       "每起扣分（deduct）应为大于 0 的数，最多两位小数。");
	}
	assess_metric_format(k, d, stored);
	si.metric = stored;
	si.max_score = max ? (int)strtol(max, &end, 10) : 0;
	if (!max || *end)
		return gk_errf(m, GK_EINVAL, "分值（max_score）应为 1 至 %d 的整数。",
			       STORE_INDICATOR_SCORE_MAX);
	si.position = pos ? (int)strtol(pos, &end, 10) : 0;
	if (pos && *end)
		return gk_errf(m, GK_EINVAL, "排序（position）应为整数。");
	if ((err = store_join(o->pg.st, &own, m)))
		return err;
	err = id ? store_indicator_update(o->pg.st, &si, m)
		 : store_indicator_add(o->pg.st, &si, out_id, m);
	if (!err)
		err = audit_append(
		    o->pg.st, &who, id ? "indicator.update" : "indicator.add",
		    arena_printf(o->pg.req->arena, "indicator:%lld",
				 (long long)(id ? id : *out_id)),
		    arena_printf(o->pg.req->arena, "%s %s %d", si.name, si.metric, si.max_score),
		    m);
	if (id)
		*out_id = id;
	return store_leave(o->pg.st, own, err, m);
}

static enum gk_err indicator_delete(struct office *o, int64_t id, bool *forbidden,
				    struct gk_errmsg *m)
{
	struct store_indicator old;
	struct audit_who who = sup_who(o);
	bool own;
	enum gk_err err;

	*forbidden = !sup_is_supervisor(o) || !office_can(o, AUTH_SUPERVISE, office_home_agency(o));
	if (*forbidden)
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）无权配置考核指标。",
			       store_role_name(o->s.user.role));
	if ((err = store_indicator_get(o->pg.st, id, &old, m)))
		return err;
	if (old.agency_id != office_home_agency(o))
		return gk_errf(m, GK_ENOTFOUND, "考核指标 %lld 不存在", (long long)id);
	if ((err = store_join(o->pg.st, &own, m)))
		return err;
	err = audit_append(o->pg.st, &who, "indicator.delete",
			   arena_printf(o->pg.req->arena, "indicator:%lld", (long long)id),
			   old.name, m);
	if (!err)
		err = store_indicator_delete(o->pg.st, id, m);
	return store_leave(o->pg.st, own, err, m);
}

static json_t *metric_options(void)
{
	json_t *a = json_array();

	for (int i = 0; i < ASSESS_METRIC_COUNT; i++) {
		const struct assess_metric_info *info = assess_metric_info((enum assess_metric)i);

		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "id", info->id, "name",
						   info->name, "explain", info->explain, "rate",
						   info->rate));
	}
	return a;
}

/* Each indicator with its own choices (the selected metric marked). */
static json_t *indicators_json(struct office *o, const struct columns *cs)
{
	json_t *a = json_array();

	for (size_t j = 0; j < cs->n; j++) {
		json_t *c = column_json(o, &cs->c[j]), *opts = metric_options(), *x;
		size_t i;

		json_array_foreach(opts, i, x)
		    json_object_set_new(x, "selected", json_boolean(i == (size_t)cs->c[j].k));
		json_object_set_new(c, "metrics", opts);
		json_array_append_new(a, c);
	}
	return a;
}

static void render_indicators(struct office *o, json_t *values, const char *error)
{
	struct columns cs;
	struct gk_errmsg m;
	enum gk_err err = columns_load(o, &cs, &m);
	json_t *v;

	if (err) {
		json_decref(values);
		return office_fail(o, err, &m);
	}
	v = sup_view(o, "考核指标", "indicators");
	page_crumb(v, "考核指标", NULL);
	json_object_set_new(v, "indicators", indicators_json(o, &cs));
	json_object_set_new(v, "has_indicators", json_boolean(cs.n > 0));
	json_object_set_new(v, "metrics", metric_options());
	json_object_set_new(v, "values", values ? values : json_object());
	sup_render(o, v, error, "office_supervision_indicators");
}

static void page_indicators(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;

	if (!office_begin(&o, req, res))
		return;
	if (sup_scope_load(&o, &sc, true))
		render_indicators(&o, NULL, NULL);
	office_end(&o);
}

static const char *const indicator_fields[] = {"name", "metric", "deduct", "max_score", "position"};

/* Add (no {id}), change ({id}) or delete ({id}/delete) from the page. */
static void indicator_post(struct http_request *req, struct http_response *res, bool del)
{
	struct office o;
	struct gk_errmsg m;
	bool forbidden;
	int64_t id = http_arg_int(req, "id", 0), out = 0;
	json_t *in;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o))
		return office_end(&o);
	in =
	    sup_form(req, indicator_fields, sizeof(indicator_fields) / sizeof(indicator_fields[0]));
	err = del ? indicator_delete(&o, id, &forbidden, &m)
		  : indicator_save(&o, id, in, &out, &forbidden, &m);
	if (!err) {
		json_decref(in);
		http_redirect(req, res,
			      arena_printf(req->arena, "/office/supervision/indicators?done=%s",
					   del	? "deleted"
					   : id ? "changed"
						: "added"));
	} else if (!forbidden && (err == GK_EINVAL || err == GK_ECONFLICT)) {
		res->status = err == GK_EINVAL ? 400 : 409;
		/* The add form keeps what was typed; a change shows the list as stored. */
		if (id) {
			json_decref(in);
			in = NULL;
		}
		render_indicators(&o, in, m.text);
	} else {
		json_decref(in);
		sup_fail(&o, err, forbidden, &m);
	}
	office_end(&o);
}

static void page_indicator_add(struct http_request *req, struct http_response *res)
{
	indicator_post(req, res, false);
}

static void page_indicator_delete(struct http_request *req, struct http_response *res)
{
	indicator_post(req, res, true);
}

static void api_indicators(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct sup_scope sc;
	struct columns cs;
	struct gk_errmsg m;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (sup_scope_load(&o, &sc, true)) {
		if ((err = columns_load(&o, &cs, &m)))
			office_fail(&o, err, &m);
		else {
			json_t *a = json_array();

			for (size_t j = 0; j < cs.n; j++)
				json_array_append_new(a, column_json(&o, &cs.c[j]));
			page_json(&o.pg, json_pack("{s:o, s:o}", "indicators", a, "metrics",
						   metric_options()));
		}
	}
	office_end(&o);
}

/* POST (add), PUT /{id} (change), DELETE /{id}. */
static void api_indicator_change(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct gk_errmsg m;
	bool forbidden = false;
	int64_t id = http_arg_int(req, "id", 0), out = 0;
	json_t *in = NULL;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o) || (req->method != HTTP_DELETE && !(in = office_json_body(&o))))
		return office_end(&o);
	if (req->method == HTTP_DELETE)
		err = indicator_delete(&o, id, &forbidden, &m);
	else
		err = indicator_save(&o, id, in, &out, &forbidden, &m);
	json_decref(in);
	if (err) {
		sup_fail(&o, err, forbidden, &m);
	} else if (req->method == HTTP_DELETE) {
		page_json(&o.pg, json_pack("{s:b, s:I}", "deleted", 1, "id", (json_int_t)id));
	} else {
		struct store_indicator si;
		struct columns one = {.o = &o};

		if ((err = store_indicator_get(o.pg.st, out, &si, &m))) {
			office_fail(&o, err, &m);
		} else {
			column_add(&one, &si);
			page_json(&o.pg, column_json(&o, &one.c[0]));
			if (!id) {
				res->status = 201;
				http_header_add(
				    res, "Location",
				    arena_printf(req->arena,
						 "/api/v1/office/supervision/indicators/%lld",
						 (long long)out));
			}
		}
	}
	office_end(&o);
}

/* --- Routes --------------------------------------------------------------- */

#define END                                                                                        \
	{                                                                                          \
		NULL, 0, 0, 0, 0, false                                                            \
	}
#define YEAR_PARAM                                                                                 \
	{                                                                                          \
		"year", HTTP_PARAM_INT, 0, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, false          \
	}
#define AGENCY_PARAM                                                                               \
	{                                                                                          \
		"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false                             \
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
#define FLAG(n)                                                                                    \
	{                                                                                          \
		n, HTTP_PARAM_INT, 0, 0, 1, false                                                  \
	}

static const struct http_param overview_params[] = {
    AGENCY_PARAM,
    YEAR_PARAM,
    OFFICE_EXPORT_PARAM,
    END,
};
static const struct http_param quarterly_params[] = {
    AGENCY_PARAM,
    YEAR_PARAM,
    {"quarter", HTTP_PARAM_INT, 0, 1, 4, false},
    {"from", HTTP_PARAM_DATE, 0, 0, 0, false},
    {"to", HTTP_PARAM_DATE, 0, 0, 0, false},
    LINE("cols", 512),
    FLAG("c_received"),
    FLAG("c_carried_in"),
    FLAG("c_c1"),
    FLAG("c_c2"),
    FLAG("c_c3"),
    FLAG("c_c4"),
    FLAG("c_c5"),
    FLAG("c_c6"),
    FLAG("c_closed"),
    FLAG("c_carried_out"),
    FLAG("c_reviews"),
    FLAG("c_lawsuits"),
    FLAG("c_complaints_received"),
    FLAG("c_complaints_closed"),
    OFFICE_EXPORT_PARAM,
    END,
};
static const struct http_param assessment_params[] = {
    AGENCY_PARAM, YEAR_PARAM, OFFICE_EXPORT_PARAM, {"done", HTTP_PARAM_CODE, 16, 0, 0, false}, END,
};
static const struct http_param score_params[] = {
    OFFICE_CSRF_PARAM,
    LINE("year", 8),
    LINE("indicator", 20),
    LINE("agency", STORE_CODE_MAX),
    LINE("score", 16),
    TEXT("note", 2000),
    END,
};
static const struct http_param indicators_params[] = {
    {"done", HTTP_PARAM_CODE, 16, 0, 0, false},
    END,
};
static const struct http_param indicator_form[] = {
    OFFICE_CSRF_PARAM,
    LINE("name", STORE_INDICATOR_NAME_MAX),
    LINE("metric", 32),
    LINE("deduct", 16),
    LINE("max_score", 8),
    LINE("position", 8),
    END,
};
static const struct http_param indicator_id_form[] = {
    ID_PARAM,
    OFFICE_CSRF_PARAM,
    LINE("name", STORE_INDICATOR_NAME_MAX),
    LINE("metric", 32),
    LINE("deduct", 16),
    LINE("max_score", 8),
    LINE("position", 8),
    END,
};
static const struct http_param id_csrf[] = {ID_PARAM, OFFICE_CSRF_PARAM, END};
static const struct http_param id_only[] = {ID_PARAM, END};

static const struct http_route routes[] = {
    {HTTP_GET, "/office/supervision", overview_params, page_overview, 0, false},
    {HTTP_GET, "/office/supervision/quarterly", quarterly_params, page_quarterly, 0, false},
    {HTTP_GET, "/office/supervision/assessment", assessment_params, page_assessment, 0, false},
    {HTTP_POST, "/office/supervision/assessment/scores", score_params, page_score, 16 << 10, false},
    {HTTP_GET, "/office/supervision/indicators", indicators_params, page_indicators, 0, false},
    {HTTP_POST, "/office/supervision/indicators", indicator_form, page_indicator_add, 8 << 10,
     false},
    {HTTP_POST, "/office/supervision/indicators/{id}", indicator_id_form, page_indicator_add,
     8 << 10, false},
    {HTTP_POST, "/office/supervision/indicators/{id}/delete", id_csrf, page_indicator_delete,
     4 << 10, false},
    {HTTP_GET, "/api/v1/office/supervision", overview_params, api_overview, 0, false},
    {HTTP_GET, "/api/v1/office/supervision/quarterly", quarterly_params, api_quarterly, 0, false},
    {HTTP_GET, "/api/v1/office/supervision/assessment", assessment_params, api_assessment, 0,
     false},
    {HTTP_PUT, "/api/v1/office/supervision/assessment/scores", NULL, api_score, 16 << 10, false},
    {HTTP_GET, "/api/v1/office/supervision/indicators", NULL, api_indicators, 0, false},
    {HTTP_POST, "/api/v1/office/supervision/indicators", NULL, api_indicator_change, 8 << 10,
     false},
    {HTTP_PUT, "/api/v1/office/supervision/indicators/{id}", id_only, api_indicator_change, 8 << 10,
     false},
    {HTTP_DELETE, "/api/v1/office/supervision/indicators/{id}", id_only, api_indicator_change, 0,
     false},
};

const struct http_route *office_supervision_routes(size_t *n)
{
	static struct http_route all[64];
	static size_t count;

	/* Called once, before the server's threads start (office_routes). */
	if (!count) {
		size_t k;
		const struct http_route *r = sup_records_routes(&k);

		for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
			all[count++] = routes[i];
		for (size_t i = 0; i < k && count < sizeof(all) / sizeof(all[0]); i++)
			all[count++] = r[i];
	}
	*n = count;
	return all;
}
