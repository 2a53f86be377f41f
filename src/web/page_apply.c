/*
 * page_apply.c: the online channel of 依申请公开 (条例第二十九条) — the
 * application form, its 申请回执, the status lookup by 查询号 — and the same
 * as JSON under /api/v1/applications. The work is app/apply.c's; this file
 * turns requests into its input and its answers into pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/apply.h"
#include "web/app.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/pages.h"

#include "base/banned.h"

/* Unknown 查询号 looked up from one address: at most this many per window. */
#define TRACK_MISSES 30
#define TRACK_WINDOW (15 * 60)

static struct apply_context context(const struct page *pg)
{
	const struct web_app *app = pg->req->app;
	time_t now = time(NULL);

	return (struct apply_context){.st = pg->st, .key = app->key, .cal = app->cal,
				      .today = web_app_today(app), .client = pg->req->client,
				      .now = (int64_t)now, .files_dir = app->files_dir};
}

/*
 * 条例 lets anyone apply, and 第三十五条 lets an agency refuse 大量反复申请
 * only case by case; the channel itself limits one address to
 * apply_per_hour new applications an hour (serve --apply-limit) so that a
 * script cannot flood the ledger. Retries of a form are not counted.
 */
/*
 * Per-address counters over a window (the store's failure counts, which the
 * login throttle uses too): how many times what happened from this address
 * since the window opened, and one more.
 */
static int64_t address_count(struct page *pg, const char *what, int64_t window)
{
	char key[96];
	int64_t count = 0, start = 0, now = (int64_t)time(NULL);

	snprintf(key, sizeof(key), "%s:%s", what, pg->req->client);
	if (store_failure_get(pg->st, key, &count, &start, NULL) || now - start > window)
		return 0;
	return count;
}

static void address_count_up(struct page *pg, const char *what, int64_t window)
{
	char key[96];
	int64_t count = 0, start = 0, now = (int64_t)time(NULL);

	snprintf(key, sizeof(key), "%s:%s", what, pg->req->client);
	if (store_failure_get(pg->st, key, &count, &start, NULL) || now - start > window)
		count = 0, start = now;
	store_failure_set(pg->st, key, count + 1, start, NULL);
}

static bool may_submit(struct page *pg, const char *form_key)
{
	const struct web_app *app = pg->req->app;
	struct store_application prior;

	/* A retry of a stored form is answered whatever the count. */
	if (!app->apply_per_hour ||
	    (form_key && !store_application_by_idempotency(pg->st, form_key, &prior, NULL)))
		return true;
	return address_count(pg, "apply", 3600) < (int64_t)app->apply_per_hour;
}

/* The form's fields, in the order of the page and of the JSON input. */
static const struct {
	const char *param; /* form field */
	const char *object; /* "applicant" or "request"; NULL: top level */
	const char *member;
} fields[] = {
	{"agency", NULL, "agency"},
	{"idempotency_key", NULL, "idempotency_key"},
	{"type", "applicant", "type"},
	{"name", "applicant", "name"},
	{"id_type", "applicant", "id_type"},
	{"id_number", "applicant", "id_number"},
	{"credit_code", "applicant", "credit_code"},
	{"legal_rep", "applicant", "legal_rep"},
	{"phone", "applicant", "phone"},
	{"address", "applicant", "address"},
	{"email", "applicant", "email"},
	{"description", "request", "description"},
	{"doc_number", "request", "doc_number"},
	{"form", "request", "form"},
	{"delivery", "request", "delivery"},
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* The submitted form as the JSON app/apply.h reads, and as the values to show again. */
json_t *page_apply_form_input(const struct http_request *req, json_t **values)
{
	json_t *in = json_pack("{s:{}, s:{}}", "applicant", "request");

	*values = json_object();
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *v = http_arg_str(req, fields[i].param);
		json_t *target = fields[i].object ? json_object_get(in, fields[i].object) : in;

		if (!v)
			continue;
		json_object_set_new(target, fields[i].member, json_string(v));
		json_object_set_new(*values, fields[i].param, json_string(v));
	}
	return in;
}

/* A fresh idempotency key for each form shown: a resubmission of that form
 * (double click, back and submit again) makes no second application. */
const char *page_new_form_key(const struct page *pg)
{
	unsigned char raw[16];
	char hex[33];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	return arena_strdup(pg->req->arena, hex);
}

static void render_form(struct page *pg, json_t *values, const char *error, const char *field)
{
	const struct portal *p = pg->portal;
	const char *chosen = json_string_value(json_object_get(values, "agency"));
	json_t *v = page_view(pg, "在线申请政府信息公开", NULL, NULL), *agencies = json_array();

	/* The region's root and the agencies under it, as on the search page. */
	for (size_t i = 0; i < p->n_agencies; i++)
		if (i == p->root || p->agencies[i].parent == p->root)
			json_array_append_new(
				agencies, json_pack("{s:s, s:s, s:b}", "code", p->agencies[i].code,
						    "name", p->agencies[i].name, "selected",
						    chosen && !strcmp(chosen, p->agencies[i].code)));
	page_crumb(v, "政府信息公开", "/");
	page_crumb(v, "在线申请", NULL);
	json_object_set_new(v, "agencies", agencies);
	if (!json_object_get(values, "idempotency_key"))
		json_object_set_new(values, "idempotency_key", json_string(page_new_form_key(pg)));
	json_object_set_new(v, "values", values);
	if (error) {
		json_object_set_new(v, "error", json_string(error));
		json_object_set_new(v, "error_field", json_string(field));
	}
	page_render(pg, "apply", v);
}

void page_apply_form(struct http_request *req, struct http_response *res)
{
	struct page pg;
	json_t *values = json_object();
	const char *agency = http_arg_str(req, "agency");

	if (!page_begin(&pg, req, res)) {
		json_decref(values);
		return;
	}
	if (agency)
		json_object_set_new(values, "agency", json_string(agency));
	render_form(&pg, values, NULL, NULL);
}

/*
 * The files of the form's "attachment" input, pointing into the body.
 * A browser sends an empty part (no name, no bytes) when none was chosen.
 */
static size_t form_files(const struct http_request *req, struct attachment *files)
{
	size_t n = 0;

	for (size_t i = 0; req->multipart && i < req->multipart->nparts; i++) {
		const struct multipart_part *p = &req->multipart->parts[i];

		if (p->is_file && str_eq_cstr(p->name, "attachment") &&
		    (p->filename.len || p->data.len))
			files[n++] = (struct attachment){.filename = p->filename,
							 .declared_type = p->content_type,
							 .data = p->data};
	}
	return n;
}

void page_apply_submit(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct apply_context cx;
	struct apply_receipt r;
	struct apply_field field;
	struct gk_errmsg m;
	struct attachment files[MULTIPART_MAX_PARTS];
	size_t nfiles = form_files(req, files);
	json_t *in, *values;
	enum gk_err err;

	if (!page_begin(&pg, req, res))
		return;
	if (!http_arg_str(req, "declaration"))
		return http_error(req, res, 400, "请阅读并勾选申请声明后再提交。");
	if (!may_submit(&pg, http_arg_str(req, "idempotency_key")))
		return http_error(req, res, 429, "同一网络地址提交申请过于频繁，请一小时后再试。");
	cx = context(&pg);
	in = page_apply_form_input(req, &values);
	err = apply_submit_with_files(&cx, in, files, nfiles, &r, &field, &m);
	json_decref(in);
	if (err == GK_EINVAL || err == GK_ENOTFOUND) {
		/* What was typed comes back, with the message at the field. */
		res->status = 400;
		render_form(&pg, values, m.text, field.path);
		return;
	}
	json_decref(values);
	if (err)
		return page_store_error(&pg, err, &m);
	if (!r.existing)
		address_count_up(&pg, "apply", 3600);
	http_redirect(req, res, arena_printf(req->arena, "/receipt/%s", r.tracking_code));
}

/*
 * Guessing 查询号 is throttled per address: each unknown code counts, and
 * past TRACK_MISSES in TRACK_WINDOW every lookup from there is refused
 * (429) — whether or not the code exists, so the refusal tells nothing.
 */
static bool throttled(struct page *pg)
{
	return address_count(pg, "track", TRACK_WINDOW) >= TRACK_MISSES;
}

json_t *page_track_lookup(struct page *pg, const char *typed)
{
	struct apply_context cx = context(pg);
	char code[TRACKING_STRLEN];
	struct gk_errmsg m;
	json_t *status;
	enum gk_err err;

	if (throttled(pg)) {
		http_error(pg->req, pg->res, 429, "查询过于频繁，请15分钟后再试。");
		return NULL;
	}
	if ((err = tracking_parse(str_from_cstr(typed), code, &m))) {
		http_error(pg->req, pg->res, 400, "查询号：%s", m.text);
		return NULL;
	}
	err = apply_status(&cx, code, &status, &m);
	if (err == GK_ENOTFOUND) {
		address_count_up(pg, "track", TRACK_WINDOW);
		http_error(pg->req, pg->res, 404, "没有这个查询号的申请。");
		return NULL;
	}
	if (err) {
		page_store_error(pg, err, &m);
		return NULL;
	}
	page_public_letters(pg, status);
	return status;
}

/* The 申请回执 and the status page are one view of the same data. */
static void render_status(struct page *pg, const char *code, const char *template)
{
	json_t *status = page_track_lookup(pg, code), *v;

	if (!status)
		return;
	v = page_view(pg, !strcmp(template, "receipt") ? "政府信息公开申请回执" : "申请办理进度",
		      portal_agency_by_code(pg->portal,
					    json_string_value(json_object_get(status, "agency"))),
		      NULL);
	page_crumb(v, "政府信息公开", "/");
	page_crumb(v, !strcmp(template, "receipt") ? "申请回执" : "办理进度", NULL);
	json_object_set_new(v, "case", status);
	/* The receipt and the status hold the 查询号: no shared cache keeps them. */
	pg->res->cache_control = "no-store";
	page_render(pg, template, v);
}

void page_receipt(struct http_request *req, struct http_response *res)
{
	struct page pg;

	if (page_begin(&pg, req, res))
		render_status(&pg, http_arg_str(req, "code"), "receipt");
}

void page_track(struct http_request *req, struct http_response *res)
{
	struct page pg;
	json_t *v;

	if (!page_begin(&pg, req, res))
		return;
	if (http_arg_str(req, "code")) {
		render_status(&pg, http_arg_str(req, "code"), "track");
		return;
	}
	v = page_view(&pg, "查询申请办理进度", NULL, NULL);
	page_crumb(v, "政府信息公开", "/");
	page_crumb(v, "办理进度", NULL);
	page_render(&pg, "track", v);
}

/* --- API ------------------------------------------------------------------------ */

static void api_field_error(struct page *pg, const char *field, const char *message)
{
	char *text;
	json_t *o = json_pack("{s:{s:s, s:s, s:s}}", "error", "code", "invalid", "field", field,
			      "message", message);

	pg->res->status = 400;
	pg->res->content_type = "application/json; charset=utf-8";
	text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	buf_puts(&pg->res->body, text ? text : "{}");
	free(text);
	json_decref(o);
}

void api_apply_submit(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct apply_context cx;
	struct apply_receipt r;
	struct apply_field field;
	struct gk_errmsg m;
	json_error_t jerr;
	json_t *in;
	enum gk_err err;
	char received[GK_DATE_STRLEN], due[GK_DATE_STRLEN];

	if (!page_begin(&pg, req, res))
		return;
	in = json_loadb(req->body.ptr ? req->body.ptr : "", req->body.len, JSON_REJECT_DUPLICATES,
			&jerr);
	if (!in)
		return api_field_error(&pg, "", "the body is not JSON");
	if (!may_submit(&pg, json_string_value(json_object_get(in, "idempotency_key")))) {
		json_decref(in);
		return http_error(req, res, 429, "too many applications from this address; try again in an hour");
	}
	cx = context(&pg);
	err = apply_submit(&cx, in, &r, &field, &m);
	json_decref(in);
	if (err == GK_EINVAL || err == GK_ENOTFOUND)
		return api_field_error(&pg, field.path, m.text);
	if (err)
		return page_store_error(&pg, err, &m);
	if (!r.existing)
		address_count_up(&pg, "apply", 3600);
	page_json(&pg, json_pack("{s:s, s:s, s:s, s:s}", "tracking_code", r.tracking_code,
				 "received", date_format(r.received, received), "due",
				 date_format(r.due, due), "status", "办理中"));
	/* 201 for a new application; a retried form is the same resource. */
	res->status = r.existing ? 200 : 201;
	res->cache_control = "no-store";
	http_header_add(res, "Location",
			arena_printf(req->arena, "/api/v1/applications/%s", r.tracking_code));
}

void api_apply_status(struct http_request *req, struct http_response *res)
{
	struct page pg;
	json_t *status;

	if (!page_begin(&pg, req, res) || !(status = page_track_lookup(&pg, http_arg_str(req, "code"))))
		return;
	api_staff_view(&pg, status);
	res->cache_control = "no-store";
	page_json(&pg, status);
}
