/*
 * office_letters.c: the letters of a case (letter/letter.h) in the back
 * office — which ones the case calls for, a preview as HTML or PDF, the
 * issue (a document number taken and the letter kept as sent,
 * store_letter.h), the issued ones again, and the agency's own templates.
 *
 * The view of a letter is built from the case: the agency's settings
 * (letterhead, contacts, 复议机关 and court), the applicant, the dates of
 * the clock, and what the steps carried (补正 items, the consulted party,
 * the fee, the draft's outcome, reason and files).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "law/fees.h"
#include "letter/letter.h"
#include "store/store_letter.h"
#include "web/app.h"
#include "web/office_case.h"

#include "base/banned.h"

/* The kinds this case calls for now, in the order of the procedure. */
static void kinds_for(const struct proc_state *s, bool want[LETTER_KIND_COUNT])
{
	memset(want, 0, LETTER_KIND_COUNT * sizeof(*want));
	want[LETTER_RECEIPT] = true;
	want[LETTER_CORRECTION] = s->correction_asked;
	for (size_t i = 0; i < s->n_pauses; i++)
		want[s->pauses[i].kind == CLOCK_PAUSE_AGENCY ? LETTER_CONSULT_AGENCY
							     : LETTER_CONSULT_THIRD_PARTY] = true;
	want[LETTER_EXTENSION] = s->extension_days > 0;
	want[LETTER_FEE] = s->fee_notice != 0;
	if (s->answered)
		want[letter_kind_for_outcome(s->outcome)] = true;
	else if (s->has_draft)
		want[letter_kind_for_outcome(s->draft_outcome)] = true;
}

/* The latest event of kind k, or NULL. */
static const struct store_event *last_event(const struct case_data *d, enum app_event_kind k)
{
	for (size_t i = d->n_events; i-- > 0;)
		if (d->events[i].kind == k)
			return &d->events[i];
	return NULL;
}

/* data's member of the latest event of kind k (borrowed from *holder). */
static json_t *event_data(const struct case_data *d, enum app_event_kind k, json_t **holder)
{
	const struct store_event *e = last_event(d, k);

	json_decref(*holder);
	*holder = e && e->data ? json_loads(e->data, 0, NULL) : NULL;
	return *holder;
}

static void set_date(struct office *o, json_t *v, const char *key, gk_date d)
{
	if (d)
		json_object_set_new(v, key, json_string(office_date(o, d)));
}

/* What the letter of kind k says, from the case. */
static json_t *letter_view(struct office *o, const struct case_data *d, enum letter_kind k,
			   const char *applicant_name, gk_date issued)
{
	const struct proc_state *s = &d->state;
	const struct portal_agency *ag = portal_agency_by_id(o->pg.portal, d->app.agency_id);
	json_t *v = json_pack("{s:{s:s}, s:{s:s}, s:{s:s, s:s, s:s, s:s}, s:{}}", "agency", "name",
			      ag ? ag->name : "", "applicant", "name", applicant_name,
			      "application", "received", office_date(o, d->app.received),
			      "content", d->app.content ? d->app.content : "", "tracking_code",
			      d->app.tracking_code ? d->app.tracking_code : d->app.ref, "channel",
			      clock_channel_name((enum clock_channel)d->app.channel), "remedy");
	json_t *data = NULL, *x;

	store_agency_setting_each(o->pg.st, d->app.agency_id, letter_view_add_setting, v, NULL);
	set_date(o, v, "issued", issued);
	switch (k) {
	case LETTER_RECEIPT:
		set_date(o, v, "due", s->due);
		break;
	case LETTER_CORRECTION:
		if ((x = json_object_get(event_data(d, EVENT_CORRECTION_ASKED, &data), "items")))
			json_object_set(v, "items", x);
		if ((x = json_object_get(data, "deadline")))
			json_object_set(v, "deadline", x);
		break;
	case LETTER_CONSULT_THIRD_PARTY:
	case LETTER_CONSULT_AGENCY:
		json_object_set_new(v, "information",
				    json_string(d->app.content ? d->app.content : ""));
		if ((x = json_object_get(event_data(d, EVENT_CONSULTATION_OPENED, &data),
					 "party_name")))
			json_object_set_new(v, "party", json_pack("{s:O}", "name", x));
		set_date(o, v, "reply_due", s->consult_reply_due);
		break;
	case LETTER_EXTENSION:
		json_object_set_new(v, "days", json_integer(s->extension_days));
		set_date(o, v, "due", s->due);
		if (last_event(d, EVENT_EXTENSION_REQUESTED) &&
		    last_event(d, EVENT_EXTENSION_REQUESTED)->note)
			json_object_set_new(
			    v, "reason", json_string(last_event(d, EVENT_EXTENSION_REQUESTED)->note));
		break;
	case LETTER_FEE: {
		struct buf lines;
		json_t *pages = json_object_get(event_data(d, EVENT_FEE_NOTICE, &data), "pages");
		json_t *position = json_object_get(data, "position");
		json_t *list = json_array();

		json_object_set_new(v, "amount_yuan",
				    json_integer((json_int_t)(s->fee_amount_fen / 100)));
		set_date(o, v, "payment_due", s->fee_payment_due);
		buf_init(&lines, 1 << 16);
		/* How the amount was reached (109号 第四条 per item, 第五条 by pages). */
		if (json_is_integer(pages))
			fees_explain_by_pages((long)json_integer_value(pages), &lines);
		else if (json_is_integer(position))
			fees_explain_per_item((long)json_integer_value(position), &lines);
		for (const char *p = buf_cstr(&lines); p && *p;) {
			size_t n = strcspn(p, "\n");

			if (n)
				json_array_append_new(list, json_stringn(p, n));
			p += n + (p[n] == '\n');
		}
		buf_release(&lines);
		json_object_set_new(v, "fee_lines", list);
		break;
	}
	default: /* an answer */
		json_object_set_new(v, "outcome",
				    json_string(outcome_id(s->answered ? s->outcome
								      : s->draft_outcome)));
		if ((x = json_object_get(event_data(d, EVENT_ANSWER_DRAFTED, &data), "basis")))
			json_object_set(v, "reason", x);
		if ((x = json_object_get(data, "files")))
			json_object_set(v, "files", x);
		if (s->correction_asked)
			json_object_set_new(v, "correction",
					    json_pack("{s:s}", "sent",
						      office_date(o, s->correction_asked_on)));
		if (s->fee_notice)
			json_object_set_new(
			    v, "fee",
			    json_pack("{s:s, s:s, s:I}", "sent", office_date(o, s->fee_notice),
				      "payment_due", office_date(o, s->fee_payment_due),
				      "amount_yuan", (json_int_t)(s->fee_amount_fen / 100)));
		break;
	}
	json_decref(data);
	return v;
}

/* The agency's override of kind k, copied into the request arena, or NULL. */
struct override_find {
	const char *key;
	const char *value;
	struct arena *arena;
};

static int find_override(void *ctx, const char *key, const char *value)
{
	struct override_find *f = ctx;

	if (!strcmp(key, f->key))
		f->value = arena_strdup(f->arena, value);
	return 0;
}

static const char *override_of(struct office *o, int64_t agency_id, enum letter_kind k)
{
	struct override_find f = {letter_setting_key(k), NULL, o->pg.req->arena};

	store_agency_setting_each(o->pg.st, agency_id, find_override, &f, NULL);
	return f.value;
}

/* The document prefix (机关代字): the agency setting, else its name + 公开. */
static const char *doc_prefix(struct office *o, int64_t agency_id)
{
	struct override_find f = {"doc_prefix", NULL, o->pg.req->arena};
	const struct portal_agency *ag = portal_agency_by_id(o->pg.portal, agency_id);

	store_agency_setting_each(o->pg.st, agency_id, find_override, &f, NULL);
	return f.value ? f.value : arena_printf(o->pg.req->arena, "%s公开", ag ? ag->name : "");
}

/* The recipient's name: in full for who may see personal data (the letter
 * goes to the applicant), masked otherwise. */
static const char *applicant_name(struct office *o, const struct case_data *d)
{
	json_t *masked;
	const char *name;

	if (d->app.applicant_name && office_can(o, AUTH_VIEW_PERSONAL_DATA, d->app.agency_id))
		return d->app.applicant_name;
	masked = d->app.personal_masked ? json_loads(d->app.personal_masked, 0, NULL) : NULL;
	name = json_string_value(json_object_get(masked, "name"));
	name = arena_strdup(o->pg.req->arena, name ? name : "");
	json_decref(masked);
	return name;
}

/* The route's case and letter kind, which the case must call for. */
static bool load_letter(struct office *o, struct case_data *d, enum letter_kind *k)
{
	const struct web_app *app = o->pg.req->app;
	struct case_ctx cx = {.st = o->pg.st, .cal = app->cal, .today = o->today};
	struct gk_errmsg m;
	bool want[LETTER_KIND_COUNT];
	long long id = http_arg_int(o->pg.req, "id", 0);
	enum gk_err err;

	memset(d, 0, sizeof(*d));
	if (!app->letters) {
		http_error(o->pg.req, o->pg.res, 503, "文书模板未加载。");
		return false;
	}
	if (!letter_kind_parse(http_arg_str(o->pg.req, "kind"), k)) {
		http_error(o->pg.req, o->pg.res, 404, "没有这种文书。");
		return false;
	}
	if ((err = case_load(&cx, id, d, &m))) {
		case_release(d);
		office_fail(o, err, &m);
		return false;
	}
	if (!office_require(o, AUTH_VIEW_CASES, d->app.agency_id)) {
		case_release(d);
		return false;
	}
	kinds_for(&d->state, want);
	if (!want[*k]) {
		case_release(d);
		http_error(o->pg.req, o->pg.res, 409, "此申请目前不需要%s。", letter_kind_name(*k));
		return false;
	}
	return true;
}

/* Send html (a letter page) or render the view as PDF. */
static void send_letter(struct office *o, enum letter_kind k, const json_t *view,
			const char *override, const char *html)
{
	const struct web_app *app = o->pg.req->app;
	struct http_response *res = o->pg.res;
	const char *format = http_arg_str(o->pg.req, "format");
	char hash[LETTER_STYLE_HASH_MAX];
	struct gk_errmsg m;
	enum gk_err err;

	if (format && !strcmp(format, "pdf")) {
		err = letter_render_pdf(app->letters, k, view, override, &res->body, &m);
		res->content_type = "application/pdf";
		http_header_add(res, "Content-Disposition",
				arena_printf(o->pg.req->arena,
					     "inline; filename=\"letter.pdf\"; filename*=UTF-8''%s.pdf",
					     letter_kind_id(k)));
	} else if (html) {
		buf_puts(&res->body, html);
		err = GK_OK;
	} else {
		err = letter_render_html(app->letters, k, view, override, &res->body, &m);
	}
	if (err) {
		buf_reset(&res->body);
		return office_fail(o, err, &m);
	}
	letter_style_hash(hash);
	res->csp = arena_printf(o->pg.req->arena,
				"default-src 'none'; style-src %s; img-src 'self' data:; "
				"base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
				hash);
}

/* GET /office/cases/{id}/letters/{kind}[?format=pdf]: the letter as it would be issued today. */
static void page_letter_preview(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct case_data d;
	enum letter_kind k;

	if (!office_begin(&o, req, res))
		return;
	if (load_letter(&o, &d, &k)) {
		json_t *v = letter_view(&o, &d, k, applicant_name(&o, &d), o.today);

		send_letter(&o, k, v, override_of(&o, d.app.agency_id, k), NULL);
		json_decref(v);
		case_release(&d);
	}
	office_end(&o);
}

struct issue_ctx {
	const struct letter_set *set;
	enum letter_kind kind;
	json_t *view;
	const char *override;
};

/* The store's render hook: the letter with the number it was just given. */
static enum gk_err render_numbered(void *ctx, const struct store_letter *l, struct buf *html,
				   struct gk_errmsg *m)
{
	struct issue_ctx *c = ctx;

	json_object_set_new(c->view, "doc_number", json_string(l->doc_number));
	return letter_render_html(c->set, c->kind, c->view, c->override, html, m);
}

/* Issue the letter: a number, the letter kept as sent, an audit entry. */
static enum gk_err issue(struct office *o, const struct case_data *d, enum letter_kind k,
			 int64_t *id, const char **number, struct gk_errmsg *m)
{
	const struct web_app *app = o->pg.req->app;
	struct audit_who who = {.user_id = o->s.user.id, .client = o->pg.req->client,
				.now = (int64_t)time(NULL)};
	struct issue_ctx c = {app->letters, k, letter_view(o, d, k, applicant_name(o, d), o->today),
			      override_of(o, d->app.agency_id, k)};
	struct store_letter l = {.agency_id = d->app.agency_id,
				 .application_id = d->app.id,
				 .kind = letter_kind_id(k),
				 .issued = o->today,
				 .user_id = o->s.user.id,
				 .doc_prefix = doc_prefix(o, d->app.agency_id),
				 .render = render_numbered,
				 .render_ctx = &c};
	bool own;
	enum gk_err err = store_join(o->pg.st, &own, m);

	if (!err) {
		err = store_letter_add(o->pg.st, &l, id, m);
		if (!err)
			*number = arena_strdup(o->pg.req->arena, l.doc_number);
		if (!err)
			err = audit_append(o->pg.st, &who, "letter.issue", *number,
					   d->app.tracking_code ? d->app.tracking_code : d->app.ref,
					   m);
		err = store_leave(o->pg.st, own, err, m);
	}
	json_decref(c.view);
	return err;
}

static void letter_issue(struct http_request *req, struct http_response *res)
{
	struct office o;
	struct case_data d;
	struct gk_errmsg m;
	enum letter_kind k;
	const char *number = "";
	int64_t id = 0;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (office_may_change(&o) && load_letter(&o, &d, &k)) {
		if (!office_require(&o, AUTH_HANDLE_CASE, d.app.agency_id)) {
			/* answered */
		} else if ((err = issue(&o, &d, k, &id, &number, &m))) {
			office_fail(&o, err, &m);
		} else if (o.api) {
			page_json(&o.pg, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id,
						   "kind", letter_kind_id(k), "doc_number", number,
						   "url",
						   arena_printf(req->arena, "/office/letters/%lld",
								(long long)id)));
			res->status = 201;
			http_header_add(res, "Location",
					arena_printf(req->arena, "/office/letters/%lld",
						     (long long)id));
		} else {
			http_redirect(req, res,
				      arena_printf(req->arena, "/office/cases/%lld?done=letter#letters",
						   (long long)d.app.id));
		}
		case_release(&d);
	}
	office_end(&o);
}

/* GET /office/letters/{letter}: an issued letter as sent; ?format=pdf
 * prints it again from the case with its number and date. */
static void page_letter_issued(struct http_request *req, struct http_response *res)
{
	const struct web_app *app = req->app;
	struct office o;
	struct store_letter l;
	struct case_data d = {0};
	struct case_ctx cx;
	struct gk_errmsg m;
	enum letter_kind k;
	char *html = NULL, number[128];
	gk_date issued;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	cx = (struct case_ctx){.st = o.pg.st, .cal = app->cal, .today = o.today};
	if ((err = store_letter_get(o.pg.st, http_arg_int(req, "letter", 0), &l, &m))) {
		office_fail(&o, err, &m);
	} else if (office_require(&o, AUTH_VIEW_CASES, l.agency_id) &&
		   letter_kind_parse(l.kind, &k)) {
		/* The row's strings last until the next store call. */
		html = strdup(l.html);
		snprintf(number, sizeof(number), "%s", l.doc_number);
		issued = l.issued;
		if (http_arg_str(req, "format") && l.application_id &&
		    !(err = case_load(&cx, l.application_id, &d, &m))) {
			json_t *v = letter_view(&o, &d, k, applicant_name(&o, &d), issued);

			json_object_set_new(v, "doc_number", json_string(number));
			send_letter(&o, k, v, override_of(&o, l.agency_id, k), NULL);
			json_decref(v);
		} else if (http_arg_str(req, "format") && l.application_id) {
			office_fail(&o, err, &m);
		} else {
			send_letter(&o, k, NULL, NULL, html ? html : "");
		}
	}
	free(html);
	case_release(&d);
	office_end(&o);
}

/* --- On the case page ---------------------------------------------------- */

struct issued_walk {
	struct office *o;
	json_t *list;
};

static int issued_letter(void *ctx, const struct store_letter *l)
{
	struct issued_walk *w = ctx;
	enum letter_kind k;

	json_array_append_new(
	    w->list, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)l->id, "name",
			       letter_kind_parse(l->kind, &k) ? letter_kind_name(k) : l->kind,
			       "doc_number", l->doc_number, "issued", office_date(w->o, l->issued),
			       "url",
			       arena_printf(w->o->pg.req->arena, "/office/letters/%lld",
					    (long long)l->id)));
	return 0;
}

json_t *office_case_letters(struct office *o, const struct case_data *d)
{
	struct issued_walk w = {o, json_array()};
	json_t *kinds = json_array();
	bool want[LETTER_KIND_COUNT];

	kinds_for(&d->state, want);
	for (int k = 0; k < LETTER_KIND_COUNT; k++)
		if (want[k])
			json_array_append_new(
			    kinds, json_pack("{s:s, s:s, s:s}", "kind",
					     letter_kind_id((enum letter_kind)k), "name",
					     letter_kind_name((enum letter_kind)k), "url",
					     arena_printf(o->pg.req->arena,
							  "/office/cases/%lld/letters/%s",
							  (long long)d->app.id,
							  letter_kind_id((enum letter_kind)k))));
	store_letter_each(o->pg.st, d->app.id, issued_letter, &w, NULL);
	return json_pack("{s:o, s:o, s:b}", "kinds", kinds, "issued", w.list, "has_issued",
			 json_array_size(w.list) > 0);
}

/* --- The agency's templates ---------------------------------------------- */

/* GET/POST /office/letters/templates?kind=: the agency's own body of a kind. */
static void render_templates(struct office *o, enum letter_kind k, const char *text,
			     const char *error, const char *notice)
{
	const struct web_app *app = o->pg.req->app;
	json_t *v = office_view(o, "文书模板", NULL), *kinds = json_array();
	const char *own = override_of(o, office_home_agency(o), k);

	for (int i = 0; i < LETTER_KIND_COUNT; i++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:b}", "id",
						       letter_kind_id((enum letter_kind)i), "name",
						       letter_kind_name((enum letter_kind)i),
						       "selected", i == (int)k));
	json_object_set_new(v, "kinds", kinds);
	json_object_set_new(v, "kind", json_string(letter_kind_id(k)));
	json_object_set_new(v, "kind_name", json_string(letter_kind_name(k)));
	json_object_set_new(v, "article", json_string(letter_kind_article(k)));
	json_object_set_new(v, "own", json_boolean(own != NULL));
	json_object_set_new(
	    v, "text",
	    json_string(text ? text : own ? own : letter_template_default(app->letters, k)));
	if (error)
		json_object_set_new(v, "error", json_string(error));
	if (notice)
		json_object_set_new(v, "notice", json_string(notice));
	page_render(&o->pg, "office_letter_templates", v);
}

static bool templates_begin(struct office *o, enum letter_kind *k)
{
	const struct web_app *app = o->pg.req->app;
	const char *kind = http_arg_str(o->pg.req, "kind");

	if (!app->letters) {
		http_error(o->pg.req, o->pg.res, 503, "文书模板未加载。");
		return false;
	}
	*k = LETTER_RECEIPT;
	if (kind && !letter_kind_parse(kind, k)) {
		http_error(o->pg.req, o->pg.res, 404, "没有这种文书。");
		return false;
	}
	return office_require(o, AUTH_MANAGE_AGENCY, office_home_agency(o));
}

static void page_templates(struct http_request *req, struct http_response *res)
{
	struct office o;
	enum letter_kind k;

	if (!office_begin(&o, req, res))
		return;
	if (templates_begin(&o, &k))
		render_templates(&o, k, NULL, NULL, NULL);
	office_end(&o);
}

static void page_templates_save(struct http_request *req, struct http_response *res)
{
	const struct web_app *app = req->app;
	struct office o;
	struct audit_who who;
	struct gk_errmsg m;
	enum letter_kind k;
	const char *text = http_arg_str(req, "text");
	bool reset = http_arg_int(req, "reset", 0) != 0;
	enum gk_err err;

	if (!office_begin(&o, req, res))
		return;
	if (!office_may_change(&o) || !templates_begin(&o, &k))
		return office_end(&o);
	who = (struct audit_who){.user_id = o.s.user.id, .client = req->client,
				 .now = (int64_t)time(NULL)};
	/* A template that leaves out what the law requires is refused here,
	 * so a bad one never reaches a letter (letter_template_check). */
	err = reset ? GK_OK : letter_template_check(app->letters, k, text ? text : "", &m);
	if (err) {
		res->status = 400;
		render_templates(&o, k, text, m.text, NULL);
	} else if ((err = store_agency_setting_set(o.pg.st, office_home_agency(&o),
						   letter_setting_key(k), reset ? "" : text, &m)) ||
		   (err = audit_append(o.pg.st, &who, "letter.template", letter_kind_id(k),
				       reset ? "reset" : "saved", &m))) {
		office_fail(&o, err, &m);
	} else {
		render_templates(&o, k, NULL, NULL,
				 reset ? "已恢复为默认模板。" : "模板已保存，此后生成的文书使用新模板。");
	}
	office_end(&o);
}

/* --- Routes --------------------------------------------------------------- */

static const struct http_param letter_params[] = {
	{"id", HTTP_PARAM_INT, 0, 1, INT64_MAX / 2, true},
	{"kind", HTTP_PARAM_CODE, 32, 0, 0, true},
	{"format", HTTP_PARAM_CODE, 8, 0, 0, false},
	OFFICE_CSRF_PARAM,
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param issued_params[] = {
	{"letter", HTTP_PARAM_INT, 0, 1, INT64_MAX / 2, true},
	{"format", HTTP_PARAM_CODE, 8, 0, 0, false},
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param template_params[] = {
	{"kind", HTTP_PARAM_CODE, 32, 0, 0, false},
	{"text", HTTP_PARAM_TEXT, LETTER_TEMPLATE_MAX, 0, 0, false},
	{"reset", HTTP_PARAM_INT, 0, 0, 1, false},
	OFFICE_CSRF_PARAM,
	{NULL, 0, 0, 0, 0, false},
};

static const struct http_route routes[] = {
	{HTTP_GET, "/office/cases/{id}/letters/{kind}", letter_params, page_letter_preview, 0,
	 false},
	{HTTP_POST, "/office/cases/{id}/letters/{kind}", letter_params, letter_issue, 4 << 10,
	 false},
	{HTTP_GET, "/api/v1/office/applications/{id}/letters/{kind}", letter_params,
	 page_letter_preview, 0, false},
	{HTTP_POST, "/api/v1/office/applications/{id}/letters/{kind}", letter_params,
	 letter_issue, 4 << 10, false},
	{HTTP_GET, "/office/letters/templates", template_params, page_templates, 0, false},
	{HTTP_POST, "/office/letters/templates", template_params, page_templates_save,
	 LETTER_TEMPLATE_MAX + (8 << 10), false},
	{HTTP_GET, "/office/letters/{letter}", issued_params, page_letter_issued, 0, false},
};

const struct http_route *office_letter_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}
