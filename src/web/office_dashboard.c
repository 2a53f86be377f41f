/*
 * office_dashboard.c: 统计 — the back office's statistics of an agency
 * (for a supervisor or an admin: an agency of its region, with every
 * agency under it) for a year: applications received per month, the
 * year's results by group of table 三, the on-time rate and the median
 * working days to answer (app/dashboard.h says how each is counted), and
 * per agency for a region. Charts are SVG rendered here (web/chart_bars.h)
 * beside the same numbers as tables; every table downloads as CSV or XLSX
 * (?table=months|outcomes|agencies&format=csv|xlsx). The same as JSON at
 * /api/v1/office/dashboard. Permission: AUTH_VIEW_STATS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/dashboard.h"
#include "app/report_workflow.h"
#include "web/app.h"
#include "web/chart_bars.h"
#include "web/office.h"
#include "web/office_export.h"

#include "base/banned.h"

struct dash_target {
	const struct portal_agency *a;
	int year;
	bool region;
	int64_t *ids; /* the agencies of a region, sorted; NULL for one agency */
	size_t n;
};

/* May the user see the agencies under a (a supervisor's or admin's reach)? */
static bool sees_region(const struct office *o)
{
	return auth_reach(o->s.user.role, AUTH_VIEW_STATS) >= AUTH_REGION;
}

/* Is agency i of the portal a, or under it? */
static bool under(const struct portal *p, size_t i, const struct portal_agency *a)
{
	size_t top = (size_t)(a - p->agencies);

	for (size_t k = i, hops = 0; k != SIZE_MAX && hops <= p->n_agencies;
	     k = p->agencies[k].parent, hops++)
		if (k == top)
			return true;
	return false;
}

/* The agency and year asked for (the user's own agency and this year by
 * default); false after answering. */
static bool target_of(struct office *o, struct dash_target *t)
{
	struct http_request *req = o->pg.req;
	const struct portal *p = o->pg.portal;
	const char *code = http_arg_str(req, "agency");

	memset(t, 0, sizeof(*t));
	t->a =
	    code ? portal_agency_by_code(p, code) : portal_agency_by_id(p, office_home_agency(o));
	t->year = (int)http_arg_int(req, "year", date_year(o->today));
	if (!t->a) {
		http_error(req, o->pg.res, 404, "没有这个机关代码。");
		return false;
	}
	if (t->year > date_year(o->today)) {
		http_error(req, o->pg.res, 404, "%d年尚未开始，没有统计。", t->year);
		return false;
	}
	if (!office_require(o, AUTH_VIEW_STATS, t->a->id))
		return false;
	t->region = sees_region(o) && page_is_region(&o->pg, t->a);
	if (!t->region)
		return true;
	/* The portal's agencies are in id order: so are the ids. */
	t->ids = arena_alloc(req->arena, p->n_agencies * sizeof(*t->ids));
	if (!t->ids) {
		http_error(req, o->pg.res, 500, "out of memory");
		return false;
	}
	for (size_t i = 0; i < p->n_agencies; i++)
		if (under(p, i, t->a))
			t->ids[t->n++] = p->agencies[i].id;
	return true;
}

static bool compute(struct office *o, const struct dash_target *t, struct dashboard *d)
{
	const struct web_app *app = o->pg.req->app;
	struct store_scope sc = report_scope(t->a->id, t->region, t->year);
	struct gk_errmsg m;
	enum gk_err err = dashboard_compute(o->pg.st, app->cal, &sc, t->ids, t->n, o->today, d, &m);

	if (err) {
		dashboard_release(d);
		office_fail(o, err, &m);
	}
	return !err;
}

/* --- Numbers in words ------------------------------------------------------ */

static const char *rate_text(struct office *o, const struct dash_row *r)
{
	if (!r->answered)
		return "—";
	return arena_printf(o->pg.req->arena, "%.1f%%",
			    100.0 * (double)r->on_time / (double)r->answered);
}

static const char *median_text(struct office *o, const struct dash_row *r)
{
	return r->has_median ? arena_printf(o->pg.req->arena, "%g", r->median_days) : "—";
}

static json_t *rate_json(const struct dash_row *r)
{
	return r->answered ? json_real((double)r->on_time / (double)r->answered) : json_null();
}

static json_t *median_json(const struct dash_row *r)
{
	return r->has_median ? json_real(r->median_days) : json_null();
}

/* --- The tables (page, export and API share them) ---------------------------- */

static const char *const month_headers[] = {"月份", "收到申请（件）"};
static const char *const outcome_headers[] = {"办理结果", "件数", "占办结的比例"};
static const char *const agency_headers[] = {"机关",	 "本年新收",   "上年结转",
					     "本年办结", "结转下年度", "答复件数",
					     "按期答复", "按期答复率", "答复用时中位数（工作日）"};

static const char *const month_names[12] = {"1月", "2月", "3月", "4月",	 "5月",	 "6月",
					    "7月", "8月", "9月", "10月", "11月", "12月"};

static json_t *month_rows(const struct dashboard *d)
{
	json_t *rows = json_array();

	for (int i = 0; i < 12; i++)
		json_array_append_new(
		    rows, json_pack("[s, I]", month_names[i], (json_int_t)d->by_month[i]));
	return rows;
}

static json_t *outcome_rows(struct office *o, const struct dashboard *d)
{
	json_t *rows = json_array();

	for (int g = 0; g < DASH_GROUP_COUNT; g++)
		json_array_append_new(
		    rows,
		    json_pack("[s, I, s]", dash_group_name((enum dash_group)g),
			      (json_int_t)d->total.groups[g],
			      d->total.closed ? arena_printf(o->pg.req->arena, "%.1f%%",
							     100.0 * (double)d->total.groups[g] /
								 (double)d->total.closed)
					      : "—"));
	return rows;
}

static json_t *agency_row(struct office *o, const char *name, const struct dash_row *r)
{
	return json_pack("[s, I, I, I, I, I, I, s, s]", name, (json_int_t)r->received,
			 (json_int_t)r->carried_in, (json_int_t)r->closed,
			 (json_int_t)r->carried_out, (json_int_t)r->answered,
			 (json_int_t)r->on_time, rate_text(o, r), median_text(o, r));
}

static json_t *agency_rows(struct office *o, const struct dashboard *d)
{
	json_t *rows = json_array();

	for (size_t i = 0; i < d->n; i++) {
		const struct portal_agency *a =
		    portal_agency_by_id(o->pg.portal, d->rows[i].agency_id);

		json_array_append_new(rows, agency_row(o, a ? a->name : "?", &d->rows[i]));
	}
	if (d->n)
		json_array_append_new(rows, agency_row(o, "合计", &d->total));
	return rows;
}

/* ?table=…&format=…: the file; true when answered. */
static bool export(struct office *o, const struct dash_target *t, const struct dashboard *d)
{
	const char *table = http_arg_str(o->pg.req, "table");
	const char *base;
	json_t *rows;
	bool done;

	if (!http_arg_str(o->pg.req, "format"))
		return false;
	if (!table)
		table = t->region ? "agencies" : "months";
	base = arena_printf(o->pg.req->arena, "统计-%s-%d-%s", t->a->code, t->year, table);
	if (!strcmp(table, "months")) {
		rows = month_rows(d);
		done = office_export(o, base, month_headers, 2, rows);
	} else if (!strcmp(table, "outcomes")) {
		rows = outcome_rows(o, d);
		done = office_export(o, base, outcome_headers, 3, rows);
	} else if (!strcmp(table, "agencies") && t->region) {
		rows = agency_rows(o, d);
		done = office_export(o, base, agency_headers, 9, rows);
	} else {
		http_error(o->pg.req, o->pg.res, 400, "参数 table：只能是 months、outcomes%s。",
			   t->region ? " 或 agencies" : "");
		return true;
	}
	json_decref(rows);
	return done;
}

/* --- The page and the API ------------------------------------------------------ */

static const char *chart(struct office *o, const char *id, const char *title,
			 const struct chart_bar *bars, size_t n)
{
	struct buf b;
	const char *out;

	buf_init(&b, 1 << 20);
	chart_bars_svg(id, title, "件", bars, n, &b);
	out = arena_strdup(o->pg.req->arena, b.failed ? "" : buf_cstr(&b));
	buf_release(&b);
	return out;
}

static json_t *export_links(struct office *o, const struct dash_target *t, const char *table)
{
	const char *year = arena_printf(o->pg.req->arena, "%d", t->year);

	return json_pack("{s:s, s:s}", "csv",
			 page_link(&o->pg, "/office/dashboard", "agency", t->a->code, "year", year,
				   "table", table, "format", "csv", NULL),
			 "xlsx",
			 page_link(&o->pg, "/office/dashboard", "agency", t->a->code, "year", year,
				   "table", table, "format", "xlsx", NULL));
}

/* The user's choice of agencies: its region (a supervisor's, an admin's). */
static json_t *agency_choices(struct office *o, const struct dash_target *t)
{
	json_t *out = json_array();

	for (size_t i = 0; i < o->region.n; i++) {
		const struct portal_agency *a = portal_agency_by_id(o->pg.portal, o->region.ids[i]);

		if (a)
			json_array_append_new(out,
					      json_pack("{s:s, s:s, s:b}", "code", a->code, "name",
							a->name, "selected", a == t->a));
	}
	return out;
}

/* Rows of cells (stolen) as objects {"label": first cell, "cells": [the others]}
 * for the templates, which name members, not array positions. */
static json_t *as_objects(json_t *rows)
{
	json_t *out = json_array(), *row;
	size_t i;

	json_array_foreach(rows, i, row)
	{
		json_t *cells = json_array();

		for (size_t c = 1; c < json_array_size(row); c++)
			json_array_append(cells, json_array_get(row, c));
		json_array_append_new(
		    out, json_pack("{s:O, s:o}", "label", json_array_get(row, 0), "cells", cells));
	}
	json_decref(rows);
	return out;
}

static void page(struct office *o, const struct dash_target *t, const struct dashboard *d)
{
	struct arena *ar = o->pg.req->arena;
	struct chart_bar months[12], groups[DASH_GROUP_COUNT];
	json_t *v = office_view(o, "统计", "dashboard"), *years = json_array(), *agencies;
	size_t i;
	json_t *row;

	json_object_set_new(v, "agency",
			    json_pack("{s:s, s:s}", "code", t->a->code, "name", t->a->name));
	json_object_set_new(v, "year", json_integer(t->year));
	json_object_set_new(v, "region", json_boolean(t->region));
	json_object_set_new(v, "scope", json_string(t->region ? "含所属机关" : "本机关"));
	json_object_set_new(v, "may_choose", json_boolean(sees_region(o)));
	json_object_set_new(v, "choices", agency_choices(o, t));
	for (int y = date_year(o->today); y >= REPORT_FIRST_YEAR; y--)
		json_array_append_new(years,
				      json_pack("{s:i, s:b}", "year", y, "selected", y == t->year));
	json_object_set_new(v, "years", years);
	json_object_set_new(
	    v, "totals",
	    json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:s}", "received",
		      (json_int_t)d->total.received, "carried_in", (json_int_t)d->total.carried_in,
		      "closed", (json_int_t)d->total.closed, "carried_out",
		      (json_int_t)d->total.carried_out, "answered", (json_int_t)d->total.answered,
		      "on_time", (json_int_t)d->total.on_time, "rate", rate_text(o, &d->total),
		      "median", median_text(o, &d->total)));
	for (int k = 0; k < 12; k++)
		months[k] = (struct chart_bar){month_names[k], d->by_month[k]};
	for (int g = 0; g < DASH_GROUP_COUNT; g++)
		groups[g] =
		    (struct chart_bar){dash_group_name((enum dash_group)g), d->total.groups[g]};
	json_object_set_new(
	    v, "months_svg",
	    json_string(chart(o, "chart-months",
			      arena_printf(ar, "%d年每月收到的政府信息公开申请", t->year), months,
			      12)));
	json_object_set_new(
	    v, "outcomes_svg",
	    json_string(chart(o, "chart-outcomes",
			      arena_printf(ar, "%d年办结的申请按办理结果分组", t->year), groups,
			      DASH_GROUP_COUNT)));
	json_object_set_new(v, "months", as_objects(month_rows(d)));
	json_object_set_new(v, "outcomes", as_objects(outcome_rows(o, d)));
	/* The agencies' table as objects for the template (cells by name). */
	agencies = as_objects(agency_rows(o, d));
	json_array_foreach(agencies, i, row)
	    json_object_set_new(row, "total", json_boolean(i == d->n));
	json_object_set_new(v, "agencies", agencies);
	json_object_set_new(v, "has_agencies", json_boolean(d->n > 0));
	json_object_set_new(v, "export_months", export_links(o, t, "months"));
	json_object_set_new(v, "export_outcomes", export_links(o, t, "outcomes"));
	json_object_set_new(v, "export_agencies", export_links(o, t, "agencies"));
	page_render(&o->pg, "office_dashboard", v);
}

static json_t *api_row(const char *code, const char *name, const struct dash_row *r)
{
	json_t *groups = json_object();

	for (int g = 0; g < DASH_GROUP_COUNT; g++)
		json_object_set_new(groups, dash_group_id((enum dash_group)g),
				    json_integer((json_int_t)r->groups[g]));
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:o, s:o}", "agency", code,
			 "agency_name", name, "received", (json_int_t)r->received, "carried_in",
			 (json_int_t)r->carried_in, "closed", (json_int_t)r->closed, "carried_out",
			 (json_int_t)r->carried_out, "outcomes", groups, "answered",
			 (json_int_t)r->answered, "answered_on_time", (json_int_t)r->on_time,
			 "on_time_rate", rate_json(r), "median_working_days", median_json(r));
}

static void api(struct office *o, const struct dash_target *t, const struct dashboard *d)
{
	json_t *months = json_array(), *agencies = json_array();

	for (int k = 0; k < 12; k++)
		json_array_append_new(months, json_integer((json_int_t)d->by_month[k]));
	for (size_t i = 0; i < d->n; i++) {
		const struct portal_agency *a =
		    portal_agency_by_id(o->pg.portal, d->rows[i].agency_id);

		json_array_append_new(agencies,
				      api_row(a ? a->code : "", a ? a->name : "", &d->rows[i]));
	}
	page_json(&o->pg,
		  json_pack("{s:i, s:b, s:o, s:o, s:o}", "year", t->year, "region", t->region,
			    "received_by_month", months, "total",
			    api_row(t->a->code, t->a->name, &d->total), "agencies", agencies));
}

static void handle(struct http_request *req, struct http_response *res, bool as_json)
{
	struct office o;
	struct dash_target t;
	struct dashboard d;

	if (!office_begin(&o, req, res))
		return;
	if (target_of(&o, &t) && compute(&o, &t, &d)) {
		if (as_json)
			api(&o, &t, &d);
		else if (!export(&o, &t, &d))
			page(&o, &t, &d);
		dashboard_release(&d);
	}
	office_end(&o);
}

static void page_dashboard(struct http_request *req, struct http_response *res)
{
	handle(req, res, false);
}

static void api_dashboard(struct http_request *req, struct http_response *res)
{
	handle(req, res, true);
}

static const struct http_param params[] = {
    {"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
    {"year", HTTP_PARAM_INT, 0, REPORT_FIRST_YEAR, GK_DATE_MAX_YEAR - 1, false},
    {"table", HTTP_PARAM_CODE, 16, 0, 0, false},
    OFFICE_EXPORT_PARAM,
    {NULL, 0, 0, 0, 0, false},
};
static const struct http_param api_params[] = {
    {"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
    {"year", HTTP_PARAM_INT, 0, REPORT_FIRST_YEAR, GK_DATE_MAX_YEAR - 1, false},
    {NULL, 0, 0, 0, 0, false},
};

static const struct http_route routes[] = {
    {HTTP_GET, "/office/dashboard", params, page_dashboard, 0, true},
    {HTTP_GET, "/api/v1/office/dashboard", api_params, api_dashboard, 0, true},
};

const struct http_route *office_dashboard_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}
