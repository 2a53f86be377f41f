/*
 * office_case.c: the handler's work on applications (office_case.h) —
 * the inbox, registration from other channels (条例第三十一条), the case
 * page with its actions, and /api/v1/office/applications.
 */
#include "web/office_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "app/apply.h"
#include "app/tracking.h"
#include "law/clock.h"
#include "law/fees.h"
#include "web/app.h"
#include "web/office_export.h"
#include "web/pages.h"

#include "base/banned.h"

static struct case_ctx case_context(struct office *o)
{
	const struct web_app *app = o->pg.req->app;

	return (struct case_ctx){
	    .st = o->pg.st,
	    .cal = app->cal,
	    .today = o->today,
	    .who = {.user_id = o->s.user.id, .client = o->pg.req->client,
		    .now = (int64_t)time(NULL)},
	};
}

/* What the signed-in user may do on cases of agency_id. */
static struct proc_actor actor(const struct office *o, int64_t agency_id)
{
	return (struct proc_actor){
	    .user_id = o->s.user.id,
	    .may_handle = office_can(o, AUTH_HANDLE_CASE, agency_id),
	    .may_review = office_can(o, AUTH_REVIEW_ANSWER, agency_id),
	    .may_approve_extension = office_can(o, AUTH_APPROVE_EXTENSION, agency_id),
	};
}

/* {id}: the number, or the 查询号 in any spelling tracking_parse reads. */
static enum gk_err find_case(struct office *o, int64_t *id, struct gk_errmsg *m)
{
	const char *given = http_arg_str(o->pg.req, "id");
	char code[TRACKING_STRLEN];
	struct store_application a;
	char *end;
	long long n = given ? strtoll(given, &end, 10) : 0;
	enum gk_err err;

	if (given && *given && !*end && n > 0) {
		*id = n;
		return GK_OK;
	}
	if (!given || tracking_parse((struct str){given, strlen(given)}, code, NULL))
		return gk_errf(m, GK_ENOTFOUND, "没有这件申请");
	if ((err = store_application_by_tracking(o->pg.st, code, &a, m)))
		return err == GK_ENOTFOUND ? gk_errf(m, GK_ENOTFOUND, "没有这件申请") : err;
	*id = a.id;
	return GK_OK;
}

/* Load the case of the route's {id} that the user may see; false after answering. */
static bool load_case(struct office *o, struct case_data *d)
{
	struct case_ctx cx = case_context(o);
	struct gk_errmsg m;
	int64_t id = 0;
	enum gk_err err;

	memset(d, 0, sizeof(*d));
	if (!(err = find_case(o, &id, &m)))
		err = case_load(&cx, id, d, &m);
	if (err) {
		case_release(d);
		office_fail(o, err, &m);
		return false;
	}
	if (!office_require(o, AUTH_VIEW_CASES, d->app.agency_id)) {
		case_release(d);
		return false;
	}
	return true;
}

/* --- The inbox ------------------------------------------------------------ */

struct inbox_walk {
	struct office *o;
	json_t *rows;
};

static int inbox_row(void *ctx, const struct store_inbox_row *r)
{
	struct inbox_walk *w = ctx;

	json_array_append_new(w->rows, office_inbox_row(w->o, r));
	return 0;
}

/* The inbox's filters from the query; false after a 400/403. */
static bool inbox_query(struct office *o, struct store_inbox_query *q)
{
	const struct http_request *req = o->pg.req;
	const char *code = http_arg_str(req, "agency"), *handler = http_arg_str(req, "handler");
	const char *stage = http_arg_str(req, "stage"), *channel = http_arg_str(req, "channel");
	const char *type = http_arg_str(req, "type");
	const struct portal_agency *ag;
	enum proc_stage ps;
	enum clock_channel ch;
	enum applicant_type at;

	*q = (struct store_inbox_query){.handler_id = 0, .stage = -1, .channel = -1,
					.applicant_type = -1, .today = o->today,
					.limit = OFFICE_PAGE_SIZE};
	ag = code ? portal_agency_by_code(o->pg.portal, code)
		  : portal_agency_by_id(o->pg.portal, office_home_agency(o));
	if (!ag) {
		http_error(o->pg.req, o->pg.res, 404, "没有这个机关");
		return false;
	}
	q->agency_id = ag->id;
	/* A supervisor's (or admin's) view of an agency includes those under it. */
	q->region = http_arg_int(req, "region", auth_reach(o->s.user.role, AUTH_VIEW_CASES) >=
							   AUTH_REGION) != 0;
	if (handler && !strcmp(handler, "me"))
		q->handler_id = o->s.user.id;
	else if (handler && !strcmp(handler, "none"))
		q->handler_id = -1;
	if (stage && proc_stage_parse(stage, &ps))
		q->stage = (int)ps;
	if (channel && clock_channel_parse((struct str){channel, strlen(channel)}, &ch))
		q->channel = (int)ch;
	if (type && applicant_type_parse((struct str){type, strlen(type)}, &at))
		q->applicant_type = (int)at;
	q->overdue_only = http_arg_int(req, "overdue", 0) != 0;
	q->offset = (int64_t)(page_number(&o->pg) - 1) * OFFICE_PAGE_SIZE;
	return office_require(o, AUTH_VIEW_CASES, ag->id);
}

static json_t *inbox_counts_json(const struct store_inbox_counts *c)
{
	json_t *stages = json_array();

	for (int i = 0; i < PROC_CLOSED; i++)
		json_array_append_new(stages,
				      json_pack("{s:s, s:s, s:I}", "id",
						proc_stage_id((enum proc_stage)i), "name",
						proc_stage_name((enum proc_stage)i), "count",
						(json_int_t)c->by_stage[i]));
	return json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)c->total, "overdue",
			 (json_int_t)c->overdue, "paused", (json_int_t)c->paused, "stages", stages);
}

/* The inbox with the same filters: a page of it (ctx NULL), or the file in
 * the format ctx names. */
static const char *inbox_link(const struct page *pg, void *ctx, int page)
{
	const struct http_request *req = pg->req;
	char n[16];

	snprintf(n, sizeof(n), "%d", page);
	return page_link(pg, req->path, "agency", http_arg_str(req, "agency"), "region",
			 http_arg_str(req, "region"), "handler", http_arg_str(req, "handler"),
			 "stage", http_arg_str(req, "stage"), "channel", http_arg_str(req, "channel"),
			 "type", http_arg_str(req, "type"), "overdue", http_arg_str(req, "overdue"),
			 ctx ? "format" : "page", ctx ? (const char *)ctx : n, NULL);
}

/* The filter choices, each marked when chosen. */
static json_t *choices(const char *chosen, const char *const *ids, const char *const *names,
		       size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "id", ids[i], "name",
						   names[i], "selected",
						   chosen && !strcmp(chosen, ids[i])));
	return a;
}

static json_t *inbox_filters(const struct http_request *req)
{
	const char *stage_ids[PROC_CLOSED], *stage_names[PROC_CLOSED];
	const char *channel_ids[CLOCK_CHANNEL_COUNT], *channel_names[CLOCK_CHANNEL_COUNT];
	const char *type_ids[APPLICANT_TYPE_COUNT], *type_names[APPLICANT_TYPE_COUNT];
	static const char *const handler_ids[] = {"me", "none"};
	static const char *const handler_names[] = {"我承办的", "未分办"};

	for (int i = 0; i < PROC_CLOSED; i++)
		stage_ids[i] = proc_stage_id((enum proc_stage)i),
		stage_names[i] = proc_stage_name((enum proc_stage)i);
	for (int i = 0; i < CLOCK_CHANNEL_COUNT; i++)
		channel_ids[i] = clock_channel_id((enum clock_channel)i),
		channel_names[i] = clock_channel_name((enum clock_channel)i);
	for (int i = 0; i < APPLICANT_TYPE_COUNT; i++)
		type_ids[i] = applicant_type_id((enum applicant_type)i),
		type_names[i] = applicant_type_name((enum applicant_type)i);
	return json_pack("{s:o, s:o, s:o, s:o, s:b}", "stages",
			 choices(http_arg_str(req, "stage"), stage_ids, stage_names, PROC_CLOSED),
			 "channels",
			 choices(http_arg_str(req, "channel"), channel_ids, channel_names,
				 CLOCK_CHANNEL_COUNT),
			 "types",
			 choices(http_arg_str(req, "type"), type_ids, type_names,
				 APPLICANT_TYPE_COUNT),
			 "handlers", choices(http_arg_str(req, "handler"), handler_ids, handler_names, 2),
			 "overdue", http_arg_int(req, "overdue", 0) != 0);
}

/* The inbox for the page, the API and the exports. */
#define INBOX_EXPORT_MAX 100000

/* all: every row (for a file, up to INBOX_EXPORT_MAX), not one page. */
static bool inbox_load(struct office *o, json_t **rows, struct store_inbox_counts *counts,
		       struct store_inbox_query *q, bool all)
{
	struct inbox_walk w = {o, json_array()};
	struct gk_errmsg m;
	enum gk_err err;

	if (!inbox_query(o, q)) {
		json_decref(w.rows);
		return false;
	}
	if (all)
		q->offset = 0, q->limit = INBOX_EXPORT_MAX;
	if ((err = store_inbox(o->pg.st, q, inbox_row, &w, counts, &m))) {
		json_decref(w.rows);
		office_fail(o, err, &m);
		return false;
	}
	*rows = w.rows;
	return true;
}

/* The inbox as a file: every filtered row, the columns the page shows.
 * The applicant stays masked. */

static bool inbox_export(struct office *o, const json_t *rows)
{
	static const char *const headers[] = {"申请编号", "机关",	 "收到日期", "渠道",
					      "申请人",	  "申请人类型", "申请内容", "阶段",
					      "承办人",	  "答复期限",	 "计时"};
	static const char *const keys[] = {"ref",	  "agency",	"received", "channel",
					   "",		  "applicant_type", "content", "stage_name",
					   "handler",	  "due",	"clock"};
	json_t *table = json_array();
	size_t i;
	const json_t *r;
	bool done;

	json_array_foreach(rows, i, r) {
		json_t *line = json_array();

		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			json_array_append(line, *keys[k] ? json_object_get(r, keys[k])
							  : json_object_get(json_object_get(r, "applicant"),
									    "name"));
		json_array_append_new(table, line);
	}
	done = office_export(o, "待办申请", headers, sizeof(headers) / sizeof(headers[0]), table);
	json_decref(table);
	return done;
}

static void page_inbox(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct store_inbox_counts c;
	struct store_inbox_query q;
	const struct portal_agency *ag;
	json_t *rows, *v;
	bool file = http_arg_str(req, "format") != NULL;

	if (!office_begin(&o, req, res))
		return;
	if (!inbox_load(&o, &rows, &c, &q, file)) {
		/* answered */
	} else if (file) {
		inbox_export(&o, rows);
		json_decref(rows);
	} else {
		ag = portal_agency_by_id(o.pg.portal, q.agency_id);
		v = office_view(&o, "待办申请", "inbox");
		json_object_set_new(v, "rows", rows);
		json_object_set_new(v, "has_rows", json_boolean(json_array_size(rows) > 0));
		json_object_set_new(v, "counts", inbox_counts_json(&c));
		json_object_set_new(v, "filters", inbox_filters(req));
		json_object_set_new(v, "scope",
				    json_pack("{s:s, s:s, s:b}", "code", ag->code, "name", ag->name,
					      "region", q.region));
		json_object_set_new(v, "pager",
				    page_pager(&o.pg, c.total, page_number(&o.pg), inbox_link, NULL));
		json_object_set_new(v, "export",
				    json_pack("{s:s, s:s}", "csv", inbox_link(&o.pg, "csv", 1),
					      "xlsx", inbox_link(&o.pg, "xlsx", 1)));
		page_render(&o.pg, "office_inbox", v);
	}
	office_end(&o);
}

static void api_inbox(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct store_inbox_counts c;
	struct store_inbox_query q;
	json_t *rows;

	if (!office_begin(&o, req, res))
		return;
	if (inbox_load(&o, &rows, &c, &q, false))
		page_json(&o.pg, json_pack("{s:o, s:o}", "counts", inbox_counts_json(&c),
					   "applications", rows));
	office_end(&o);
}

/* --- Registration (第三十一条) ---------------------------------------------- */

/*
 * The received date of an application that came by channel, from the date
 * staff give ("received": the day handed in, signed for, or confirmed, as
 * the channel's rule says) and the other dates when known.
 */
static enum gk_err receipt_of(struct office *o, const json_t *in, struct apply_channel *ch,
			      const char **rule, struct gk_errmsg *m)
{
	const char *channel = json_string_value(json_object_get(in, "channel"));
	const char *names[] = {"received", "submitted"};
	gk_date dates[2] = {0, 0};
	struct clock_receipt r = {0};
	enum clock_channel c;
	enum gk_err err;

	if (!channel || !clock_channel_parse((struct str){channel, strlen(channel)}, &c))
		return gk_errf(m, GK_EINVAL,
			       "channel：应为 当面、邮寄、平常信函、网络 或 传真（第三十一条）");
	for (int i = 0; i < 2; i++) {
		const char *v = json_string_value(json_object_get(in, names[i]));

		if (v && *v && !date_parse((struct str){v, strlen(v)}, &dates[i]))
			return gk_errf(m, GK_EINVAL, "%s：不是有效日期，应为 YYYY-MM-DD", names[i]);
		if (dates[i] > o->today)
			return gk_errf(m, GK_EINVAL, "%s：不能晚于今天", names[i]);
	}
	if (!dates[0])
		return gk_errf(m, GK_EINVAL, "received：请填写收到申请的日期");
	r.channel = c;
	r.submitted = dates[1] ? dates[1] : dates[0];
	r.has_submitted = true;
	/* The day the channel's rule counts from is the date staff gave. */
	if (c == CLOCK_CHANNEL_POST)
		r.has_signed = true, r.signed_for = dates[0];
	else if (c != CLOCK_CHANNEL_IN_PERSON)
		r.has_confirmed = true, r.confirmed = dates[0];
	else
		r.submitted = dates[0];
	if (r.submitted > dates[0])
		return gk_errf(m, GK_EINVAL, "submitted：寄出或提交日期不能晚于收到日期");
	if ((err = clock_received_date(&r, &ch->received, rule, m)))
		return err;
	ch->channel = (int)c;
	ch->submitted = r.submitted;
	ch->user_id = o->s.user.id;
	ch->note = *rule;
	return GK_OK;
}

/* Register; *field names the culprit of a GK_EINVAL. */
static enum gk_err register_case(struct office *o, json_t *in, struct apply_receipt *r,
				 const char **rule, struct apply_field *field, struct gk_errmsg *m)
{
	const struct web_app *app = o->pg.req->app;
	const char *code = json_string_value(json_object_get(in, "agency"));
	const struct portal_agency *ag = code ? portal_agency_by_code(o->pg.portal, code) : NULL;
	struct apply_channel ch = {0};
	struct apply_context ac = {.st = o->pg.st, .key = app->key, .cal = app->cal,
				   .today = o->today, .client = o->pg.req->client,
				   .now = (int64_t)time(NULL), .files_dir = app->files_dir,
				   .channel = &ch};
	struct case_ctx cx = case_context(o);
	enum gk_err err;

	memset(field, 0, sizeof(*field));
	if (!ag) {
		snprintf(field->path, sizeof(field->path), "agency");
		return gk_errf(m, GK_EINVAL, "agency：没有这个机关");
	}
	if (!office_can(o, AUTH_HANDLE_CASE, ag->id))
		return gk_errf(m, GK_ECONFLICT, "您的角色（%s）不能为「%s」登记申请",
			       store_role_name(o->s.user.role), ag->name);
	if ((err = receipt_of(o, in, &ch, rule, m))) {
		snprintf(field->path, sizeof(field->path), "channel");
		return err;
	}
	if (!json_object_get(in, "idempotency_key"))
		json_object_set_new(in, "idempotency_key", json_string(page_new_form_key(&o->pg)));
	if ((err = apply_submit(&ac, in, r, field, m)))
		return err;
	/* The inbox's state; were this to fail the next start derives it. */
	return r->existing ? GK_OK : case_refresh(&cx, r->id, m);
}

static void api_register(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct apply_receipt r;
	struct apply_field field;
	struct gk_errmsg m;
	const char *rule = "";
	json_t *in;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o) || !(in = office_json_body(&o)))
		return office_end(&o);
	err = register_case(&o, in, &r, &rule, &field, &m);
	json_decref(in);
	if (err == GK_ECONFLICT) {
		http_error(req, res, 403, "%s", m.text);
	} else if (err) {
		office_fail(&o, err == GK_ENOTFOUND ? GK_EINVAL : err, &m);
	} else {
		page_json(&o.pg, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)r.id,
					   "tracking_code", r.tracking_code, "received",
					   office_date(&o, r.received), "due",
					   office_date(&o, r.due), "rule", rule));
		res->status = r.existing ? 200 : 201;
		http_header_add(res, "Location",
				arena_printf(req->arena, "/api/v1/office/applications/%lld",
					     (long long)r.id));
		/* The case's page, for a person following up in the browser. */
		http_header_add(res, "X-Case-Page",
				arena_printf(req->arena, "/office/cases/%lld", (long long)r.id));
	}
	office_end(&o);
}

static void render_register(struct office *o, json_t *values, const char *error)
{
	json_t *v = office_view(o, "登记申请", "register"), *agencies = json_array();
	const char *chosen = json_string_value(json_object_get(values, "agency"));
	const struct portal *p = o->pg.portal;

	for (size_t i = 0; i < p->n_agencies; i++)
		if (office_can(o, AUTH_HANDLE_CASE, p->agencies[i].id))
			json_array_append_new(
			    agencies,
			    json_pack("{s:s, s:s, s:b}", "code", p->agencies[i].code, "name",
				      p->agencies[i].name, "selected",
				      chosen ? !strcmp(chosen, p->agencies[i].code)
					     : p->agencies[i].id == office_home_agency(o)));
	json_object_set_new(v, "agencies", agencies);
	json_object_set_new(v, "values", values);
	if (error)
		json_object_set_new(v, "error", json_string(error));
	page_render(&o->pg, "office_register", v);
}

static void page_register(struct http_request *req, struct http_response *res)
{
	struct office o;

	if (!office_begin(&o, req, res))
		return;
	if (office_require(&o, AUTH_HANDLE_CASE, office_home_agency(&o)))
		render_register(&o, json_pack("{s:s}", "received", office_date(&o, o.today)),
				NULL);
	office_end(&o);
}

static void page_register_submit(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct apply_receipt r;
	struct apply_field field;
	struct gk_errmsg m;
	const char *rule = "", *extra[] = {"channel", "received", "submitted"};
	json_t *in, *values;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o))
		return office_end(&o);
	in = page_apply_form_input(req, &values);
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		const char *v = http_arg_str(req, extra[i]);

		if (v) {
			json_object_set_new(in, extra[i], json_string(v));
			json_object_set_new(values, extra[i], json_string(v));
		}
	}
	err = register_case(&o, in, &r, &rule, &field, &m);
	json_decref(in);
	if (err == GK_EINVAL || err == GK_ENOTFOUND || err == GK_ECONFLICT) {
		res->status = err == GK_ECONFLICT ? 403 : 400;
		render_register(&o, values, m.text);
	} else if (err) {
		json_decref(values);
		office_fail(&o, err, &m);
	} else {
		json_decref(values);
		http_redirect(req, res,
			      arena_printf(req->arena, "/office/cases/%lld?done=registered",
					   (long long)r.id));
	}
	office_end(&o);
}

/* --- The case ------------------------------------------------------------- */

/* The agency's users who may handle cases, for the 分办 choice. */
struct handlers_walk {
	struct office *o;
	int64_t agency_id;
	json_t *list;
};

static int handler_option(void *ctx, const struct store_user *u)
{
	struct handlers_walk *w = ctx;

	if (u->agency_id == w->agency_id && !u->disabled && u->role == ROLE_HANDLER)
		json_array_append_new(w->list,
				      json_pack("{s:I, s:s}", "id", (json_int_t)u->id, "name",
						u->display_name && *u->display_name
						    ? u->display_name
						    : u->username));
	return 0;
}

/* The outcomes a draft may take (table 三's result rows; the lapses and the
 * legacy 其他处理 come only from their events). */
static json_t *outcome_options(void)
{
	json_t *a = json_array();

	for (int i = 0; i < OUTCOME_COUNT; i++) {
		enum outcome oc = (enum outcome)i;

		if (oc == OUTCOME_C6 || oc == OUTCOME_C6_1 || oc == OUTCOME_C6_2)
			continue;
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "id", outcome_id(oc),
						   "label", outcome_label(oc), "basis",
						   outcome_basis(oc)));
	}
	return a;
}

/* Flags has_<type> for the template, one per allowed action. */
static void action_flags(json_t *v, const json_t *allowed)
{
	json_t *flags = json_object();
	size_t i;
	const json_t *x;

	json_array_foreach(allowed, i, x)
		json_object_set_new(flags, json_string_value(x), json_true());
	json_object_set_new(v, "can", flags);
	json_object_set_new(v, "has_actions", json_boolean(json_array_size(allowed) > 0));
}

/*
 * What a fee notice per item would charge (国办函〔2020〕109号第四条): the
 * applicant's position in this natural month's count, counted by the keyed
 * hash of the ID (nothing decrypted). NULL when the applicant gave none.
 */
static const char *fee_hint(struct office *o, const struct case_data *d)
{
	const struct web_app *app = o->pg.req->app;
	struct apply_context ac = {.st = o->pg.st, .cal = app->cal, .today = o->today};
	int64_t position;

	if (!d->app.applicant_key || !*d->app.applicant_key ||
	    apply_month_count(&ac, d->app.applicant_key, d->app.received, &position, NULL))
		return NULL;
	return arena_printf(o->pg.req->arena,
			    "这是申请人本月第 %lld 件申请；按件计收（第四条）前10件免费，本件为 %ld 元。",
			    (long long)position, fees_per_item_nth((long)position));
}

static void render_case(struct office *o, const struct case_data *d, const char *error,
			const char *notice)
{
	const struct store_application *a = &d->app;
	struct proc_actor who = actor(o, a->agency_id);
	json_t *c = office_case_json(o, d, &who);
	json_t *v = office_view(o, arena_printf(o->pg.req->arena, "申请 %s",
						a->tracking_code ? a->tracking_code : a->ref),
				"inbox");
	struct handlers_walk hw = {o, a->agency_id, json_array()};
	const char *hint;

	action_flags(v, json_object_get(c, "allowed"));
	store_user_each(o->pg.st, handler_option, &hw, NULL);
	json_object_set_new(v, "handlers", hw.list);
	json_object_set_new(v, "outcomes", outcome_options());
	if (json_object_get(json_object_get(v, "can"), "fee_notice") && (hint = fee_hint(o, d)))
		json_object_set_new(v, "fee_hint", json_string(hint));
	json_object_set_new(v, "may_personal",
			    json_boolean(a->personal &&
					 office_can(o, AUTH_VIEW_PERSONAL_DATA, a->agency_id)));
	page_crumb(v, "待办申请", "/office/inbox");
	page_crumb(v, json_string_value(json_object_get(c, "ref")), NULL);
	json_object_set_new(v, "case", c);
	json_object_set_new(v, "letters", office_case_letters(o, d));
	if (error)
		json_object_set_new(v, "error", json_string(error));
	if (notice)
		json_object_set_new(v, "notice", json_string(notice));
	page_render(&o->pg, "office_case", v);
}

/* The applicant's full data for who may see it, each view audited. */
static json_t *personal_view(struct office *o, const struct case_data *d)
{
	struct audit_who who = {.user_id = o->s.user.id, .client = o->pg.req->client,
				.now = (int64_t)time(NULL)};
	json_t *p;

	if (!d->app.personal || !office_can(o, AUTH_VIEW_PERSONAL_DATA, d->app.agency_id))
		return NULL;
	p = office_open_personal(&o->pg, d->app.personal);
	/* No view without its record. */
	if (p && audit_append(o->pg.st, &who, "personal_data.view",
			      d->app.tracking_code ? d->app.tracking_code : d->app.ref,
			      "office", NULL)) {
		json_decref(p);
		return NULL;
	}
	return p;
}

static void page_case(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct case_data d;
	const char *done = http_arg_str(req, "done");
	enum app_event_kind k;

	if (!office_begin(&o, req, res))
		return;
	if (load_case(&o, &d)) {
		const char *notice = NULL;

		if (done && !strcmp(done, "registered"))
			notice = "申请已登记，受理期限已按第三十一条计算。";
		else if (done && !strcmp(done, "letter"))
			notice = "文书已编号出具，见“文书”一节。";
		else if (done && app_event_kind_parse(done, &k))
			notice = arena_printf(req->arena, "已记录：%s", app_event_kind_name(k));
		if (http_arg_int(req, "personal", 0)) {
			/* Shown in place of the masked values. */
			json_t *p = personal_view(&o, &d);
			char *text;

			/* The name is kept beside the sealed data, not in it. */
			if (p && d.app.applicant_name)
				json_object_set_new(p, "name", json_string(d.app.applicant_name));
			text = p ? json_dumps(p, JSON_COMPACT) : NULL;

			json_decref(p);
			if (!text) {
				http_error(req, res, 403, "您无权查看申请人的个人信息。");
				case_release(&d);
				return office_end(&o);
			}
			d.app.personal_masked = arena_strdup(&d.arena, text);
			free(text);
			notice = "以下为申请人的完整个人信息，本次查看已记入审计日志。";
		}
		render_case(&o, &d, NULL, notice);
		case_release(&d);
	}
	office_end(&o);
}

static void api_case(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct case_data d;

	if (!office_begin(&o, req, res))
		return;
	if (load_case(&o, &d)) {
		struct proc_actor who = actor(&o, d.app.agency_id);

		page_json(&o.pg, office_case_json(&o, &d, &who));
		case_release(&d);
	}
	office_end(&o);
}

/* The form's fields of a step, as the JSON case_event_parse reads. */
static const char *const step_fields[] = {
    "type",	"date",	     "items",  "deadline", "party", "party_name", "days",
    "amount_yuan", "pages",   "outcome", "basis",	    "remedy", "files",	   "remarks",
    "note",	"assignee",
};

/*
 * One step on the case: parse, act, and answer with the new state. The
 * version (the number of events the client saw) comes from the body's
 * "version" (API) or the form. On a refusal *err and m say why; the
 * caller answers.
 */
/* The right each step needs (docs/security.md): reviewing a draft, approving
 * an extension (第三十三条第二款), or handling the case. */
static bool permitted(enum app_event_kind k, const struct proc_actor *who)
{
	if (k == EVENT_ANSWER_APPROVED || k == EVENT_ANSWER_RETURNED)
		return who->may_review;
	if (k == EVENT_EXTENSION_APPROVED || k == EVENT_EXTENSION_REFUSED)
		return who->may_approve_extension;
	return who->may_handle;
}

static enum gk_err take_step(struct office *o, int64_t id, const json_t *in,
			     enum app_event_kind *kind, bool *forbidden, struct gk_errmsg *m)
{
	struct case_ctx cx = case_context(o);
	struct case_data d;
	struct store_event e;
	struct proc_actor who;
	char *data = NULL, *note = NULL;
	const json_t *ver = json_object_get(in, "version");
	long long version = -1;
	enum gk_err err = case_load(&cx, id, &d, m);

	if (json_is_integer(ver))
		version = json_integer_value(ver);
	else if (json_is_string(ver) && *json_string_value(ver))
		version = strtoll(json_string_value(ver), NULL, 10);
	*forbidden = false;
	if (!err && !office_can(o, AUTH_VIEW_CASES, d.app.agency_id)) {
		*forbidden = true;
		err = gk_errf(m, GK_ECONFLICT, "您无权办理其他机关的申请。");
	}
	if (!err)
		err = case_event_parse(&cx, &d, in, &e, &data, &note, m);
	who = actor(o, d.app.agency_id);
	if (!err && !permitted(e.kind, &who)) {
		*forbidden = true;
		err = gk_errf(m, GK_ECONFLICT, "您的角色（%s）不能进行此操作：%s",
			      store_role_name(o->s.user.role), app_event_kind_name(e.kind));
	}
	if (!err) {
		e.data = data;
		e.note = note;
		*kind = e.kind;
		err = case_act(&cx, id, version, &e, &who, m);
	}
	free(data);
	free(note);
	case_release(&d);
	return err;
}

/* 409 with the reason and the case as it now is, so the client sees the new state. */
static void api_conflict(struct office *o, int64_t id, const struct gk_errmsg *m)
{
	struct case_ctx cx = case_context(o);
	struct case_data d;
	struct proc_actor who;
	json_t *body = json_pack("{s:{s:s, s:s}}", "error", "code", "conflict", "message", m->text);

	if (!case_load(&cx, id, &d, NULL)) {
		who = actor(o, d.app.agency_id);
		json_object_set_new(body, "case", office_case_json(o, &d, &who));
	}
	case_release(&d);
	page_json(&o->pg, body);
	o->pg.res->status = 409;
}

static void api_event(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct gk_errmsg m;
	enum app_event_kind kind;
	bool forbidden = false;
	int64_t id = 0;
	json_t *in;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o) || !(in = office_json_body(&o)))
		return office_end(&o);
	err = find_case(&o, &id, &m);
	if (!err)
		err = take_step(&o, id, in, &kind, &forbidden, &m);
	json_decref(in);
	if (forbidden) {
		http_error(req, res, 403, "%s", m.text);
	} else if (err == GK_ECONFLICT) {
		api_conflict(&o, id, &m);
	} else if (err) {
		office_fail(&o, err, &m);
	} else {
		struct case_ctx cx = case_context(&o);
		struct case_data d;
		struct proc_actor who;

		if ((err = case_load(&cx, id, &d, &m))) {
			office_fail(&o, err, &m);
		} else {
			who = actor(&o, d.app.agency_id);
			page_json(&o.pg, office_case_json(&o, &d, &who));
		}
		case_release(&d);
	}
	office_end(&o);
}

static void page_event(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct gk_errmsg m;
	enum app_event_kind kind = EVENT_RECEIVED;
	bool forbidden = false;
	int64_t id = 0;
	json_t *in = json_object();
	enum gk_err err;

	if (!office_begin(&o, req, res)) {
		json_decref(in);
		return;
	}
	if (!office_may_change(&o)) {
		json_decref(in);
		return office_end(&o);
	}
	for (size_t i = 0; i < sizeof(step_fields) / sizeof(step_fields[0]); i++) {
		const char *v = http_arg_str(req, step_fields[i]);

		if (v)
			json_object_set_new(in, step_fields[i], json_string(v));
	}
	if (http_arg_str(req, "version"))
		json_object_set_new(in, "version", json_string(http_arg_str(req, "version")));
	err = find_case(&o, &id, &m);
	if (!err)
		err = take_step(&o, id, in, &kind, &forbidden, &m);
	json_decref(in);
	if (forbidden) {
		http_error(req, res, 403, "%s", m.text);
	} else if (err == GK_EINVAL || err == GK_ECONFLICT) {
		struct case_ctx cx = case_context(&o);
		struct case_data d;

		/* The refusal on the case as it now is. */
		if (!case_load(&cx, id, &d, NULL)) {
			res->status = err == GK_ECONFLICT ? 409 : 400;
			render_case(&o, &d, m.text, NULL);
		} else {
			office_fail(&o, err, &m);
		}
		case_release(&d);
	} else if (err) {
		office_fail(&o, err, &m);
	} else {
		http_redirect(req, res,
			      arena_printf(req->arena, "/office/cases/%lld?done=%s#events",
					   (long long)id, app_event_kind_id(kind)));
	}
	office_end(&o);
}

/* --- Routes --------------------------------------------------------------- */

#define ID_PARAM {"id", HTTP_PARAM_CODE, 32, 0, 0, true}
#define TEXT(n, len) {n, HTTP_PARAM_TEXT, len, 0, 0, false}
#define LINE(n, len) {n, HTTP_PARAM_STRING, len, 0, 0, false}
#define END {NULL, 0, 0, 0, 0, false}

static const struct http_param inbox_params[] = {
	{"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
	{"region", HTTP_PARAM_INT, 0, 0, 1, false},
	{"handler", HTTP_PARAM_CODE, 8, 0, 0, false},
	{"stage", HTTP_PARAM_CODE, 16, 0, 0, false},
	{"channel", HTTP_PARAM_CODE, 16, 0, 0, false},
	{"type", HTTP_PARAM_CODE, 32, 0, 0, false},
	{"overdue", HTTP_PARAM_INT, 0, 0, 1, false},
	{"page", HTTP_PARAM_INT, 0, 1, 100000, false},
	OFFICE_EXPORT_PARAM,
	END,
};
static const struct http_param case_params[] = {
	ID_PARAM,
	{"personal", HTTP_PARAM_INT, 0, 0, 1, false},
	{"done", HTTP_PARAM_CODE, 32, 0, 0, false},
	END,
};
static const struct http_param id_only[] = {ID_PARAM, END};
static const struct http_param event_params[] = {
	ID_PARAM, OFFICE_CSRF_PARAM,
	LINE("type", 32), LINE("date", 10), LINE("version", 12), TEXT("items", 8000),
	LINE("deadline", 10), LINE("party", 16), LINE("party_name", 300), LINE("days", 4),
	LINE("amount_yuan", 10), LINE("pages", 8), LINE("outcome", 8), TEXT("basis", 4000),
	TEXT("remedy", 2000), TEXT("files", 4000), TEXT("remarks", 4000), TEXT("note", 4000),
	LINE("assignee", 20),
	END,
};
/* The application form's fields (page_apply.c) and the channel's. */
static const struct http_param register_params[] = {
	OFFICE_CSRF_PARAM,
	{"agency", HTTP_PARAM_CODE, STORE_CODE_MAX, 0, 0, false},
	LINE("type", 64), LINE("name", STORE_NAME_MAX), LINE("id_type", 64),
	LINE("id_number", 64), LINE("credit_code", 64), LINE("legal_rep", STORE_NAME_MAX),
	LINE("phone", 32), LINE("address", STORE_NAME_MAX), LINE("email", 254),
	TEXT("description", 4000), LINE("doc_number", 200), LINE("form", 16),
	LINE("delivery", 16), LINE("channel", 16), LINE("received", 10), LINE("submitted", 10),
	END,
};

static const struct http_route routes[] = {
	{HTTP_GET, "/office/inbox", inbox_params, page_inbox, 0, false},
	{HTTP_GET, "/office/register", NULL, page_register, 0, false},
	{HTTP_POST, "/office/register", register_params, page_register_submit, 64 << 10, false},
	{HTTP_GET, "/office/cases/{id}", case_params, page_case, 0, false},
	{HTTP_POST, "/office/cases/{id}/events", event_params, page_event, 64 << 10, false},
	{HTTP_GET, "/api/v1/office/applications", inbox_params, api_inbox, 0, false},
	{HTTP_POST, "/api/v1/office/applications", NULL, api_register, 64 << 10, false},
	{HTTP_GET, "/api/v1/office/applications/{id}", id_only, api_case, 0, false},
	{HTTP_POST, "/api/v1/office/applications/{id}/events", id_only, api_event, 64 << 10,
	 false},
};

const struct http_route *office_case_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}
