/*
 * office_reports.c: 年度报告 in the back office — the reports a user may
 * publish with their status and the dates of 条例第四十九条, and one
 * report's page: compiled live from the ledger, its text sections edited,
 * the figures of table 二 from other systems entered, previewed in the
 * official layout, checked (every finding blocks publication), published
 * as a frozen snapshot that the portal then shows with its downloads.
 * The same under /api/v1/office/reports as JSON. The rules are
 * app/report_workflow.h; docs/reports-workflow.md explains them.
 *
 * Permission: AUTH_PUBLISH_REPORT (an agency admin its own agency, a
 * supervisor every agency of its region). The report of a region (an
 * agency with every agency under it, the 本级政府's report) is the
 * 政府信息公开工作主管部门's (条例第四十九条第二款): a supervisor's or an
 * admin's only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/report_workflow.h"
#include "report/layout.h"
#include "report/write_html.h"
#include "report/write_json.h"
#include "web/office.h"
#include "web/office_export.h"

#include "base/banned.h"

/* One report the request is about: an agency, a year, alone or as a region. */
struct target {
	const struct portal_agency *a;
	int year;
	bool region;
	struct store_scope sc;
	const char *url; /* its office page, with ?region=1 when a region */
};

static const char *scope_url(struct office *o, const struct portal_agency *a, int year, bool region,
			     const char *saved)
{
	return arena_printf(o->pg.req->arena, "/office/reports/%s/%d%s%s%s", a->code, year,
			    region ? "?region=1" : "",
			    saved ? (region ? "&saved=" : "?saved=") : "", saved ? saved : "");
}

/* A region's report needs a supervising role (条例第四十九条第二款). */
static bool may_publish_region(const struct office *o)
{
	return auth_reach(o->s.user.role, AUTH_PUBLISH_REPORT) >= AUTH_REGION;
}

/* The report named by {agency}/{year}[?region=1]; false after answering. */
static bool target_of(struct office *o, struct target *t)
{
	struct http_request *req = o->pg.req;

	memset(t, 0, sizeof(*t));
	t->a = portal_agency_by_code(o->pg.portal, http_arg_str(req, "agency"));
	t->year = (int)http_arg_int(req, "year", 0);
	t->region = http_arg_int(req, "region", 0) == 1;
	if (!t->a) {
		http_error(req, o->pg.res, 404, "没有这个机关代码。");
		return false;
	}
	if (t->year > date_year(o->today)) {
		http_error(req, o->pg.res, 404, "%d年尚未开始，没有这一年度的报告。", t->year);
		return false;
	}
	if (t->region && !page_is_region(&o->pg, t->a)) {
		http_error(req, o->pg.res, 404, "%s没有所属机关，没有汇总的年度报告。", t->a->name);
		return false;
	}
	if (!office_require(o, AUTH_PUBLISH_REPORT, t->a->id))
		return false;
	if (t->region && !may_publish_region(o)) {
		http_error(req, o->pg.res, 403,
			   "本级政府的年度报告由政府信息公开工作主管部门编制和公布（条例第四十九条"
			   "第二款），您的角色（%s）只能发布本机关的年度报告。",
			   store_role_name(o->s.user.role));
		return false;
	}
	t->sc = report_scope(t->a->id, t->region, t->year);
	t->url = scope_url(o, t->a, t->year, t->region, NULL);
	return true;
}

static const char *cn_date(struct office *o, gk_date d)
{
	int y, mo, day;

	date_to_ymd(d, &y, &mo, &day);
	return arena_printf(o->pg.req->arena, "%d年%d月%d日", y, mo, day);
}

/* The deadline in words: days left, overdue (also in words, not colour
 * alone), or whether the published report came in time. */
static const char *due_note(struct office *o, const struct report_state *rs, int year,
			    bool *overdue)
{
	struct arena *a = o->pg.req->arena;
	long days;

	*overdue = false;
	if (rs->status == REPORT_PUBLISHED) {
		days = (long)(rs->published_on - rs->due);
		return days <= 0 ? "按期发布" : arena_printf(a, "逾期 %ld 天发布", days);
	}
	if (year >= date_year(o->today))
		return "年度尚未结束";
	days = (long)(rs->due - o->today);
	if (days < 0) {
		*overdue = true;
		return arena_printf(a, "已超期 %ld 天", -days);
	}
	return days ? arena_printf(a, "还有 %ld 天", days) : "今天截止";
}

static const char *scope_name(const struct target *t)
{
	return t->region ? "本级政府（含所属机关汇总）" : "本机关";
}

/* --- The list ------------------------------------------------------------- */

/* One row of the list: a scope and a year with its status. */
static json_t *list_row(struct office *o, const struct portal_agency *a, bool region, int year,
			struct gk_errmsg *m, enum gk_err *err)
{
	struct store_scope sc = report_scope(a->id, region, year);
	struct report_state rs;
	bool overdue;
	const char *note;

	if ((*err = report_state_get(o->pg.st, &sc, &rs, m)))
		return NULL;
	note = due_note(o, &rs, year, &overdue);
	return json_pack(
	    "{s:s, s:s, s:s, s:i, s:b, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "agency", a->code,
	    "agency_name", a->name, "scope", region ? "本级政府（含所属机关汇总）" : "本机关",
	    "year", year, "region", region, "status", report_status_id(rs.status), "status_name",
	    report_status_name(rs.status), "due", office_date(o, rs.due), "due_cn",
	    cn_date(o, rs.due), "due_note", note, "overdue", overdue, "published_on",
	    office_date(o, rs.published_on), "url", scope_url(o, a, year, region, NULL));
}

/*
 * The lowest scope an agency owes reports for: the top of the tree (a
 * 人民政府 with its departments under it) publishes the 本级政府 report of
 * its region (条例第四十九条第二款), which is its own; every other agency
 * publishes its own (第一款), and a region's too when agencies sit under it.
 */
static int lowest_scope(const struct portal_agency *a, bool region)
{
	return region && a->parent == SIZE_MAX ? 1 : 0;
}

/* The reports of the user's agency (and its region), newest year first. */
static json_t *own_rows(struct office *o, const struct portal_agency *home, struct gk_errmsg *m,
			enum gk_err *err)
{
	json_t *rows = json_array();
	bool region = may_publish_region(o) && page_is_region(&o->pg, home);

	*err = GK_OK;
	for (int y = date_year(o->today); !*err && y >= REPORT_FIRST_YEAR; y--)
		for (int r = region ? 1 : 0; !*err && r >= lowest_scope(home, region); r--) {
			json_t *row = list_row(o, home, r, y, m, err);

			if (row)
				json_array_append_new(rows, row);
		}
	return rows;
}

/* For a supervisor: the agencies directly under it, each with the report
 * it owes for the year (a region's own report when agencies sit under it). */
static json_t *child_rows(struct office *o, const struct portal_agency *home, int year,
			  struct gk_errmsg *m, enum gk_err *err)
{
	const struct portal *p = o->pg.portal;
	size_t self = (size_t)(home - p->agencies);
	json_t *rows = json_array();

	*err = GK_OK;
	for (size_t i = 0; !*err && i < p->n_agencies; i++)
		if (p->agencies[i].parent == self) {
			json_t *row =
			    list_row(o, &p->agencies[i], page_is_region(&o->pg, &p->agencies[i]),
				     year, m, err);

			if (row)
				json_array_append_new(rows, row);
		}
	return rows;
}

/* The reminder of 条例第四十九条 for the year just ended: each report the
 * user owes, its date, and where it stands. */
static json_t *reminder(struct office *o, const struct portal_agency *home, bool region,
			struct gk_errmsg *m, enum gk_err *err)
{
	int year = date_year(o->today) - 1;
	struct arena *a = o->pg.req->arena;
	json_t *out = json_array();

	*err = GK_OK;
	for (int r = region ? 1 : 0; !*err && r >= lowest_scope(home, region); r--) {
		struct store_scope sc = report_scope(home->id, r, year);
		struct report_state rs;
		bool overdue;
		const char *note;

		if ((*err = report_state_get(o->pg.st, &sc, &rs, m)))
			break;
		note = due_note(o, &rs, year, &overdue);
		json_array_append_new(
		    out,
		    json_pack(
			"{s:s, s:b}", "text",
			arena_printf(
			    a, "%d年度%s应于%s前%s（条例第四十九条%s）：%s%s。", year,
			    r ? "本级政府的年度报告" : "本机关的年度报告", cn_date(o, rs.due),
			    r ? "向社会公布" : "提交并向社会公布", r ? "第二款" : "第一款",
			    rs.status == REPORT_PUBLISHED
				? arena_printf(a, "已于 %s 发布，", office_date(o, rs.published_on))
				: "尚未发布，",
			    note),
			"overdue", overdue));
	}
	return out;
}

/* ?format=csv|xlsx: the user's reports, or with ?table=agencies a
 * supervisor's agencies for the year; true when answered. */
static bool export_list(struct office *o, const struct portal_agency *home, int year,
			const json_t *own, const json_t *children)
{
	static const char *const headers[] = {"年度",	  "机关", "范围",    "状态",
					      "发布期限", "提示", "发布日期"};
	const char *table = http_arg_str(o->pg.req, "table");
	bool agencies = table && !strcmp(table, "agencies");
	const json_t *list = agencies ? children : own, *it;
	json_t *rows;
	size_t i;
	bool done;

	if (!http_arg_str(o->pg.req, "format"))
		return false;
	if (table && (!agencies || !children) && strcmp(table, "own")) {
		http_error(o->pg.req, o->pg.res, 400, "参数 table：只能是 own%s。",
			   children ? " 或 agencies" : "");
		return true;
	}
	rows = json_array();
	json_array_foreach(list, i, it) json_array_append_new(
	    rows, json_pack("[O, O, O, O, O, O, O]", json_object_get(it, "year"),
			    json_object_get(it, "agency_name"), json_object_get(it, "scope"),
			    json_object_get(it, "status_name"), json_object_get(it, "due"),
			    json_object_get(it, "due_note"), json_object_get(it, "published_on")));
	done = office_export(
	    o,
	    agencies ? arena_printf(o->pg.req->arena, "年度报告-%s-%d-所属机关", home->code, year)
		     : arena_printf(o->pg.req->arena, "年度报告-%s", home->code),
	    headers, 7, rows);
	json_decref(rows);
	return done;
}

static void list(struct http_request *req, struct http_response *res, bool api)
{
	struct office o;
	const struct portal_agency *home;
	struct gk_errmsg m;
	enum gk_err err = GK_OK;
	int year;
	json_t *own = NULL, *children = NULL, *reminders = NULL, *v;

	if (!office_begin(&o, req, res))
		return;
	year = (int)http_arg_int(req, "year", date_year(o.today) - 1);
	home = portal_agency_by_id(o.pg.portal, office_home_agency(&o));
	if (!home) {
		http_error(req, res, 404, "没有这个机关。");
		goto done;
	}
	if (!office_require(&o, AUTH_PUBLISH_REPORT, home->id))
		goto done;
	own = own_rows(&o, home, &m, &err);
	if (!err && may_publish_region(&o))
		children = child_rows(&o, home, year, &m, &err);
	if (!err && !api)
		reminders = reminder(
		    &o, home, may_publish_region(&o) && page_is_region(&o.pg, home), &m, &err);
	if (err) {
		office_fail(&o, err, &m);
		goto done;
	}
	if (!api && export_list(&o, home, year, own, children))
		goto done;
	if (api) {
		v = json_pack("{s:s, s:s, s:o, s:i, s:o}", "agency", home->code, "agency_name",
			      home->name, "reports", own, "year", year, "agencies",
			      children ? children : json_array());
		own = children = NULL;
		page_json(&o.pg, v);
		goto done;
	}
	v = office_view(&o, "年度报告", "reports");
	json_object_set_new(v, "agency_name", json_string(home->name));
	json_object_set_new(v, "reminders", reminders);
	reminders = NULL;
	json_object_set_new(v, "reports", own);
	json_object_set_new(v, "year", json_integer(year));
	json_object_set_new(v, "has_children", json_boolean(children && json_array_size(children)));
	json_object_set_new(v, "children", children ? children : json_array());
	own = children = NULL;
	{
		json_t *years = json_array();

		for (int y = date_year(o.today); y >= REPORT_FIRST_YEAR; y--)
			json_array_append_new(
			    years, json_pack("{s:i, s:b}", "year", y, "selected", y == year));
		json_object_set_new(v, "years", years);
	}
	page_render(&o.pg, "office_reports", v);
done:
	json_decref(own);
	json_decref(children);
	json_decref(reminders);
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

/* --- One report ------------------------------------------------------------- */

/* The cells of table 二 still blank that come from other systems: each
 * gets an input (a blank cell is unknown, not zero, and blocks). */
static json_t *blank_figures(struct office *o, const struct ledger_report *r)
{
	const struct layout *l = r->sheet->layout;
	json_t *out = json_array();

	for (size_t i = 0; l && i < l->n_disclosure; i++) {
		const struct layout_disc_row *row = &l->disclosure[i];

		if (row->row == DISC_RULES || row->row == DISC_NORMATIVE)
			continue;
		for (size_t c = 0; c < row->block->n_columns; c++) {
			const struct sheet_cell *cell =
			    sheet_cell_const(r->sheet, TABLE_DISCLOSURE, row->row, (int)c);
			const struct layout_column *col = &row->block->columns[c];

			if (cell && cell->state == CELL_NUMBER)
				continue;
			json_array_append_new(
			    out, json_pack("{s:s, s:s, s:s, s:s}", "row", row->id, "column",
					   col->id, "label",
					   arena_printf(o->pg.req->arena, "表二 %s · %s",
							row->label, col->label),
					   "hint",
					   col->kind == VALUE_AMOUNT ? "金额，可有小数，如 12.50"
					   : col->kind == VALUE_SIGNED ? "整数，可为负数"
								       : "不小于 0 的整数"));
		}
	}
	return out;
}

static json_t *findings_json(struct arena *arena, const struct ledger_report *r)
{
	json_t *out = json_array();

	for (size_t i = 0; i < r->findings.n; i++) {
		json_t *f = report_json_finding(&r->findings.items[i]);

		const struct finding *it = &r->findings.items[i];

		if (f) {
			json_object_set_new(
			    f, "severity_name",
			    json_string(it->severity == FINDING_ERROR ? "错误" : "警告"));
			/* Where: the table and row the finding is about, when one. */
			if (it->table < TABLE_COUNT)
				json_object_set_new(
				    f, "where",
				    json_string(arena_printf(arena, "表%s%s%s",
							     layout_table_name(it->table),
							     it->row_label ? " · " : "",
							     it->row_label ? it->row_label : "")));
		}
		json_array_append_new(out, f);
	}
	return out;
}

static json_t *texts_json(const struct ledger_report *r, const struct report_state *rs)
{
	json_t *out = json_array();

	for (int i = 0; i < SECTION_COUNT; i++) {
		const char *text = r->sheet->sections[i];

		json_array_append_new(
		    out, json_pack("{s:i, s:s, s:s, s:s, s:b}", "section",
				   ledger_report_section_number((enum report_section)i), "id",
				   sheet_section_id((enum report_section)i), "heading",
				   sheet_section_heading((enum report_section)i), "text",
				   text ? text : "", "edited", rs->edited[i]));
	}
	return out;
}

/* Where the portal shows a published report, and its downloads. */
static json_t *portal_links(struct office *o, const struct target *t)
{
	struct arena *a = o->pg.req->arena;
	const char *page = arena_printf(a, "/org/%s/reports/%d", t->a->code, t->year);

	return json_pack("{s:s, s:s, s:s, s:s}", "page", page, "xlsx",
			 arena_printf(a, "%s?format=xlsx", page), "json",
			 arena_printf(a, "%s?format=json", page), "md",
			 arena_printf(a, "%s?format=md", page));
}

/* What the page and the API both say about the report. */
static json_t *report_json(struct office *o, const struct target *t, const struct ledger_report *r,
			   const struct report_state *rs)
{
	bool overdue;
	const char *note = due_note(o, rs, t->year, &overdue);
	bool published = rs->status == REPORT_PUBLISHED;

	return json_pack(
	    "{s:{s:s, s:s}, s:i, s:b, s:s, s:s, s:s, s:s, s:s, s:b, s:s?, s:s?, s:o, s:b, s:o, "
	    "s:o, s:o, s:o}",
	    "agency", "code", t->a->code, "name", t->a->name, "year", t->year, "region", t->region,
	    "scope", scope_name(t), "status", report_status_id(rs->status), "status_name",
	    report_status_name(rs->status), "due", office_date(o, rs->due), "due_note", note,
	    "overdue", overdue, "published_on", published ? office_date(o, rs->published_on) : NULL,
	    "published_by", published ? rs->published_by : NULL, "portal",
	    published ? portal_links(o, t) : json_null(), "may_publish",
	    !published && r->findings.n == 0, "findings", findings_json(o->pg.req->arena, r),
	    "texts", texts_json(r, rs), "blank_figures",
	    published ? json_array() : blank_figures(o, r), "report",
	    report_json_object(
		r->sheet, arena_printf(o->pg.req->arena, "%s-%d.json", t->a->code, t->year), NULL));
}

/* Load the report and its state; false after answering. */
static bool load(struct office *o, const struct target *t, struct ledger_report *r,
		 struct report_state *rs)
{
	struct gk_errmsg m;
	enum gk_err err = report_state_get(o->pg.st, &t->sc, rs, &m);

	memset(r, 0, sizeof(*r));
	if (!err)
		err = report_workflow_load(o->pg.st, &t->sc, o->today, r, &m);
	if (err) {
		ledger_report_release(r);
		office_fail(o, err, &m);
		return false;
	}
	return true;
}

static const char *saved_notice(const char *saved)
{
	if (!saved)
		return NULL;
	if (!strcmp(saved, "text1"))
		return "已保存“一、总体情况”。";
	if (!strcmp(saved, "text5"))
		return "已保存“五、存在的主要问题及改进情况”。";
	if (!strcmp(saved, "text6"))
		return "已保存“六、其他需要报告的事项”。";
	if (!strcmp(saved, "figure"))
		return "已录入表二的数字。";
	if (!strcmp(saved, "published"))
		return "年度报告已发布：已冻结为快照，并在政府信息公开专栏公布。";
	return NULL;
}

/*
 * The report's page; error (with its status) when re-rendered after a
 * refused change, kept_text the text the user sent for that section so
 * nothing typed is lost.
 */
static void show(struct office *o, const struct target *t, unsigned status, const char *error,
		 int kept_section, const char *kept_text)
{
	struct ledger_report r;
	struct report_state rs;
	struct gk_errmsg m;
	struct buf html;
	json_t *v, *data, *texts, *it;
	size_t i;
	const char *notice = saved_notice(http_arg_str(o->pg.req, "saved"));

	if (!load(o, t, &r, &rs))
		return;
	v = office_view(o, r.sheet->title ? r.sheet->title : "年度报告", "reports");
	data = report_json(o, t, &r, &rs);
	json_object_update(v, data);
	json_decref(data);
	/* The page's texts: the user's own when a save was refused. */
	texts = json_object_get(v, "texts");
	json_array_foreach(texts, i, it)
	{
		json_int_t n = json_integer_value(json_object_get(it, "section"));

		if (kept_text && n == kept_section)
			json_object_set_new(it, "text", json_string(kept_text));
	}
	page_crumb(v, "年度报告", "/office/reports");
	page_crumb(v, arena_printf(o->pg.req->arena, "%s %d年", t->a->name, t->year), NULL);
	json_object_set_new(v, "page_url", json_string(t->url));
	json_object_set_new(v, "base",
			    json_string(arena_printf(o->pg.req->arena, "/office/reports/%s/%d",
						     t->a->code, t->year)));
	json_object_set_new(v, "published", json_boolean(r.frozen));
	json_object_set_new(v, "has_findings", json_boolean(r.findings.n > 0));
	json_object_set_new(v, "n_findings", json_integer((json_int_t)r.findings.n));
	json_object_set_new(v, "has_blank_figures",
			    json_boolean(json_array_size(json_object_get(v, "blank_figures")) > 0));
	json_object_set_new(v, "due_cn", json_string(cn_date(o, rs.due)));
	if (!r.frozen && page_is_region(&o->pg, t->a) && may_publish_region(o))
		json_object_set_new(v, "other_scope",
				    json_pack("{s:s, s:s}", "url",
					      scope_url(o, t->a, t->year, !t->region, NULL),
					      "label",
					      t->region ? "本机关（不含所属机关）的年度报告"
							: "本级政府（含所属机关汇总）的年度报告"));
	buf_init(&html, HTTP_MAX_RESPONSE);
	/* Built by report/write_html.c, which escapes every text it prints. */
	json_object_set_new(
	    v, "report_html",
	    json_string(report_html_body(r.sheet, &html, &m) ? "" : buf_cstr(&html)));
	buf_release(&html);
	/* The report object is for the API; the page has the preview. */
	json_object_del(v, "report");
	if (error)
		json_object_set_new(v, "error", json_string(error));
	else if (notice)
		json_object_set_new(v, "notice", json_string(notice));
	ledger_report_release(&r);
	if (status)
		o->pg.res->status = status;
	page_render(&o->pg, "office_report", v);
}

static void page_report(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct target t;

	if (!office_begin(&o, req, res))
		return;
	if (target_of(&o, &t))
		show(&o, &t, 0, NULL, 0, NULL);
	office_end(&o);
}

static void api_report(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct target t;
	struct ledger_report r;
	struct report_state rs;

	if (!office_begin(&o, req, res))
		return;
	if (target_of(&o, &t) && load(&o, &t, &r, &rs)) {
		page_json(&o.pg, report_json(&o, &t, &r, &rs));
		ledger_report_release(&r);
	}
	office_end(&o);
}

static struct audit_who who_of(const struct office *o)
{
	return (struct audit_who){
	    .user_id = o->s.user.id, .client = o->pg.req->client, .now = (int64_t)time(NULL)};
}

/* A refused change on a page: 400 for a bad value, 409 for the state,
 * the page again with the reason; anything else the usual error. */
static void page_refused(struct office *o, const struct target *t, enum gk_err err,
			 const struct gk_errmsg *m, int section, const char *text)
{
	if (err == GK_EINVAL || err == GK_ECONFLICT)
		show(o, t, err == GK_EINVAL ? 400 : 409, m->text, section, text);
	else
		office_fail(o, err, m);
}

/*
 * The frame of every change, through a form or the API: signed in and
 * allowed to change, the report the route names and, for the API, its JSON
 * body (NULL for a form); then apply makes the change and answers.
 */
typedef void change_fn(struct office *o, const struct target *t, const struct audit_who *who,
		       const json_t *in);

static void change(struct http_request *req, struct http_response *res, bool json_body,
		   change_fn *apply)
{
	struct office o;
	struct target t;
	struct audit_who who;
	json_t *in = NULL;

	if (!office_begin(&o, req, res))
		return;
	if (office_may_change(&o) && target_of(&o, &t) &&
	    (!json_body || (in = office_json_body(&o)))) {
		who = who_of(&o);
		apply(&o, &t, &who, in);
	}
	json_decref(in);
	office_end(&o);
}

/* --- The page's changes ----------------------------------------------------------- */

static void form_text(struct office *o, const struct target *t, const struct audit_who *who,
		      const json_t *in)
{
	struct http_request *req = o->pg.req;
	int section = (int)http_arg_int(req, "section", 0);
	const char *text = http_arg_str(req, "text");
	struct gk_errmsg m;
	enum gk_err err = report_workflow_set_text(o->pg.st, &t->sc, section, text, who, &m);

	(void)in;
	if (err)
		page_refused(o, t, err, &m, section, text);
	else
		http_redirect(req, o->pg.res,
			      arena_printf(req->arena, "%s#text-%d",
					   scope_url(o, t->a, t->year, t->region,
						     arena_printf(req->arena, "text%d", section)),
					   section));
}

static void form_figure(struct office *o, const struct target *t, const struct audit_who *who,
			const json_t *in)
{
	struct http_request *req = o->pg.req;
	struct gk_errmsg m;
	enum gk_err err = report_workflow_set_figure(
	    o->pg.st, &t->sc, http_arg_str(req, "row"), http_arg_str(req, "column"),
	    http_arg_str(req, "value"), http_arg_str(req, "source"), who, &m);

	(void)in;
	if (err)
		page_refused(o, t, err, &m, 0, NULL);
	else
		http_redirect(req, o->pg.res, scope_url(o, t->a, t->year, t->region, "figure"));
}

static void form_publish(struct office *o, const struct target *t, const struct audit_who *who,
			 const json_t *in)
{
	struct gk_errmsg m;
	struct ledger_report r;
	enum gk_err err =
	    report_workflow_publish(o->pg.st, &t->sc, o->s.user.username, o->today, who, &r, &m);

	(void)in;
	/* Released before the page shows the report again, loaded afresh. */
	ledger_report_release(&r);
	if (err)
		page_refused(o, t, err, &m, 0, NULL);
	else
		http_redirect(o->pg.req, o->pg.res,
			      scope_url(o, t->a, t->year, t->region, "published"));
}

static void page_text(struct http_request *req, struct http_response *res)
{
	change(req, res, false, form_text);
}

static void page_figure(struct http_request *req, struct http_response *res)
{
	change(req, res, false, form_figure);
}

static void page_publish(struct http_request *req, struct http_response *res)
{
	change(req, res, false, form_publish);
}

/* --- The API's changes ---------------------------------------------------------- */

/* After a change: the report as GET shows it, with status. */
static void api_answer(struct office *o, const struct target *t, unsigned status)
{
	struct ledger_report r;
	struct report_state rs;

	if (!load(o, t, &r, &rs))
		return;
	page_json(&o->pg, report_json(o, t, &r, &rs));
	o->pg.res->status = status;
	ledger_report_release(&r);
}

static void json_text(struct office *o, const struct target *t, const struct audit_who *who,
		      const json_t *in)
{
	const json_t *text = json_object_get(in, "text");
	struct gk_errmsg m;
	enum gk_err err;

	if (!json_is_string(text))
		http_error(o->pg.req, o->pg.res, 400, "text：应为字符串（这一部分的全文）。");
	else if ((err = report_workflow_set_text(o->pg.st, &t->sc,
						 (int)http_arg_int(o->pg.req, "section", 0),
						 json_string_value(text), who, &m)))
		office_fail(o, err, &m);
	else
		api_answer(o, t, 200);
}

/* A figure as sent: "12", 12 or 7730.28. */
static const char *figure_value(struct office *o, const json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(o->pg.req->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return arena_printf(o->pg.req->arena, "%.15g", json_real_value(v));
	return NULL;
}

static void json_figure(struct office *o, const struct target *t, const struct audit_who *who,
			const json_t *in)
{
	struct http_request *req = o->pg.req;
	const char *value = figure_value(o, json_object_get(in, "value"));
	struct gk_errmsg m;
	enum gk_err err;

	if (!value)
		http_error(req, o->pg.res, 400, "value：应为数字或数字字符串。");
	else if ((err = report_workflow_set_figure(
		      o->pg.st, &t->sc, http_arg_str(req, "row"), http_arg_str(req, "column"),
		      value, json_string_value(json_object_get(in, "source")), who, &m)))
		office_fail(o, err, &m);
	else
		api_answer(o, t, 200);
}

static void json_publish(struct office *o, const struct target *t, const struct audit_who *who,
			 const json_t *in)
{
	struct http_request *req = o->pg.req;
	struct gk_errmsg m;
	struct ledger_report r;
	enum gk_err err =
	    report_workflow_publish(o->pg.st, &t->sc, o->s.user.username, o->today, who, &r, &m);

	(void)in;
	if (err == GK_ECONFLICT) {
		/* The reason and, when the check blocked it, every finding. */
		page_json(&o->pg,
			  json_pack("{s:{s:s, s:s}, s:o}", "error", "code", "conflict", "message",
				    m.text, "findings",
				    r.frozen ? json_array() : findings_json(req->arena, &r)));
		o->pg.res->status = 409;
	} else if (err) {
		office_fail(o, err, &m);
	} else {
		http_header_add(
		    o->pg.res, "Location",
		    arena_printf(req->arena, "/org/%s/reports/%d", t->a->code, t->year));
		api_answer(o, t, 201);
	}
	ledger_report_release(&r);
}

static void api_text(struct http_request *req, struct http_response *res)
{
	change(req, res, true, json_text);
}

static void api_figure(struct http_request *req, struct http_response *res)
{
	change(req, res, true, json_figure);
}

static void api_publish(struct http_request *req, struct http_response *res)
{
	change(req, res, false, json_publish);
}

/* --- Routes ------------------------------------------------------------------ */

#define AGENCY_PARAM                                                                               \
	{                                                                                          \
		"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, true                              \
	}
#define YEAR_PARAM                                                                                 \
	{                                                                                          \
		"year", HTTP_PARAM_INT, 0, REPORT_FIRST_YEAR, GK_DATE_MAX_YEAR - 1, true           \
	}
#define REGION_PARAM                                                                               \
	{                                                                                          \
		"region", HTTP_PARAM_INT, 0, 0, 1, false                                           \
	}
#define SECTION_PARAM                                                                              \
	{                                                                                          \
		"section", HTTP_PARAM_INT, 0, 1, 6, true                                           \
	}
#define END_PARAM                                                                                  \
	{                                                                                          \
		NULL, 0, 0, 0, 0, false                                                            \
	}

static const struct http_param list_params[] = {
    {"year", HTTP_PARAM_INT, 0, REPORT_FIRST_YEAR, GK_DATE_MAX_YEAR - 1, false},
    {"table", HTTP_PARAM_CODE, 16, 0, 0, false},
    OFFICE_EXPORT_PARAM,
    END_PARAM,
};
static const struct http_param page_params[] = {
    AGENCY_PARAM, YEAR_PARAM, REGION_PARAM, {"saved", HTTP_PARAM_CODE, 16, 0, 0, false}, END_PARAM,
};
static const struct http_param text_params[] = {
    AGENCY_PARAM,
    YEAR_PARAM,
    REGION_PARAM,
    SECTION_PARAM,
    {"text", HTTP_PARAM_TEXT, REPORT_TEXT_MAX, 0, 0, false},
    OFFICE_CSRF_PARAM,
    END_PARAM,
};
static const struct http_param figure_params[] = {
    AGENCY_PARAM,
    YEAR_PARAM,
    REGION_PARAM,
    {"row", HTTP_PARAM_CODE, 32, 0, 0, true},
    {"column", HTTP_PARAM_CODE, 32, 0, 0, true},
    {"value", HTTP_PARAM_STRING, 32, 0, 0, false},
    {"source", HTTP_PARAM_STRING, 200, 0, 0, false},
    OFFICE_CSRF_PARAM,
    END_PARAM,
};
static const struct http_param publish_params[] = {
    AGENCY_PARAM, YEAR_PARAM, REGION_PARAM, OFFICE_CSRF_PARAM, END_PARAM,
};
static const struct http_param api_params[] = {
    AGENCY_PARAM,
    YEAR_PARAM,
    REGION_PARAM,
    END_PARAM,
};
static const struct http_param api_text_params[] = {
    AGENCY_PARAM, YEAR_PARAM, REGION_PARAM, SECTION_PARAM, END_PARAM,
};
static const struct http_param api_figure_params[] = {
    AGENCY_PARAM,
    YEAR_PARAM,
    REGION_PARAM,
    {"row", HTTP_PARAM_CODE, 32, 0, 0, true},
    {"column", HTTP_PARAM_CODE, 32, 0, 0, true},
    END_PARAM,
};

/* A text in a form is sent percent-encoded: up to 3 bytes per byte. */
#define TEXT_BODY_MAX (3 * REPORT_TEXT_MAX + (8u << 10))

static const struct http_route routes[] = {
    {HTTP_GET, "/office/reports", list_params, page_list, 0, true},
    {HTTP_GET, "/office/reports/{agency}/{year}", page_params, page_report, 0, true},
    {HTTP_POST, "/office/reports/{agency}/{year}/texts/{section}", text_params, page_text,
     TEXT_BODY_MAX, true},
    {HTTP_POST, "/office/reports/{agency}/{year}/figures", figure_params, page_figure, 8 << 10,
     true},
    {HTTP_POST, "/office/reports/{agency}/{year}/publish", publish_params, page_publish, 4 << 10,
     true},
    {HTTP_GET, "/api/v1/office/reports", list_params, api_list, 0, true},
    {HTTP_GET, "/api/v1/office/reports/{agency}/{year}", api_params, api_report, 0, true},
    {HTTP_PUT, "/api/v1/office/reports/{agency}/{year}/texts/{section}", api_text_params, api_text,
     TEXT_BODY_MAX, true},
    {HTTP_PUT, "/api/v1/office/reports/{agency}/{year}/figures/{row}/{column}", api_figure_params,
     api_figure, 8 << 10, true},
    {HTTP_POST, "/api/v1/office/reports/{agency}/{year}/publish", api_params, api_publish, 4 << 10,
     true},
};

const struct http_route *office_reports_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}
