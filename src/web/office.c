/*
 * office.c: the shared part of back-office handlers (office.h) and the
 * join of the areas' route tables.
 */
#include "web/office.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/app.h"

#include "base/banned.h"

const char *office_session_token(const struct http_request *req)
{
	const char *cookie = http_header(req, "Cookie"), *p;
	size_t n;

	for (p = cookie; p && (p = strstr(p, OFFICE_SESSION_COOKIE)); p++)
		if (p == cookie || p[-1] == ' ' || p[-1] == ';') {
			p += strlen(OFFICE_SESSION_COOKIE);
			n = strcspn(p, "; ");
			return n ? arena_printf(req->arena, "%.*s", (int)n, p) : NULL;
		}
	return NULL;
}

bool office_signed_in(struct page *pg, struct auth_session *s)
{
	const char *token = office_session_token(pg->req);

	return token && !auth_session_check(pg->st, token, (int64_t)time(NULL), s, NULL);
}

/* Behind a TLS terminator the cookie is Secure. */
const char *office_cookie_flags(const struct http_request *req)
{
	const char *proto = http_header(req, "X-Forwarded-Proto");

	return proto && !strcmp(proto, "https") ? "; Path=/; HttpOnly; SameSite=Strict; Secure"
						: "; Path=/; HttpOnly; SameSite=Strict";
}

bool office_begin(struct office *o, struct http_request *req, struct http_response *res)
{
	memset(o, 0, sizeof(*o));
	o->api = !strncmp(req->path, "/api/", 5);
	o->today = web_app_today(req->app);
	if (!page_begin(&o->pg, req, res))
		return false;
	res->cache_control = "no-store";
	if (!office_signed_in(&o->pg, &o->s)) {
		if (o->api) {
			http_error(req, res, 401, "%s", AUTH_MSG_SESSION);
		} else if (req->method == HTTP_GET) {
			http_redirect(req, res, page_link(&o->pg, "/office/login", "back", req->path, NULL));
		} else {
			http_error(req, res, 401, "%s", AUTH_MSG_SESSION);
		}
		return false;
	}
	if (auth_scope_load(o->pg.st, office_home_agency(o), &o->region, NULL)) {
		http_error(req, res, 500, "could not read the agency tree");
		return false;
	}
	return true;
}

void office_end(struct office *o)
{
	auth_scope_release(&o->region);
}

bool office_may_change(struct office *o)
{
	const char *given = o->api ? http_header(o->pg.req, "X-CSRF-Token")
				   : http_arg_str(o->pg.req, "csrf");

	if (auth_csrf_check(&o->s, given))
		return true;
	http_error(o->pg.req, o->pg.res, 403,
		   o->api ? "the X-CSRF-Token header is missing or wrong"
			  : "表单已过期，请返回刷新页面后重新提交。");
	return false;
}

int64_t office_home_agency(const struct office *o)
{
	const struct portal *p = o->pg.portal;

	if (o->s.user.agency_id)
		return o->s.user.agency_id;
	return p->n_agencies ? p->agencies[p->root].id : 0;
}

bool office_can(const struct office *o, enum auth_action a, int64_t agency_id)
{
	return auth_can(&o->s.user, a, agency_id, &o->region);
}

bool office_require(struct office *o, enum auth_action a, int64_t agency_id)
{
	if (office_can(o, a, agency_id))
		return true;
	http_error(o->pg.req, o->pg.res, 403, "您的角色（%s）无权进行此操作（%s）。",
		   store_role_name(o->s.user.role), auth_action_id(a));
	return false;
}

json_t *office_view(struct office *o, const char *title, const char *at)
{
	static const char *const parts[] = {"inbox",	   "register", "documents",
					    "supervision", "reports",  "dashboard"};
	json_t *v = page_view(&o->pg, title, NULL, NULL);
	json_t *nav = json_object();

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		char key[32];

		snprintf(key, sizeof(key), "at_%s", parts[i]);
		json_object_set_new(nav, key, json_boolean(at && !strcmp(at, parts[i])));
	}
	json_object_set_new(v, "office_nav", nav);
	json_object_set_new(v, "csrf", json_string(o->s.csrf));
	json_object_set_new(
	    v, "user",
	    json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:b}", "username", o->s.user.username, "role",
		      store_role_id(o->s.user.role), "role_name", store_role_name(o->s.user.role),
		      "may_handle", office_can(o, AUTH_HANDLE_CASE, office_home_agency(o)),
		      "may_documents", office_can(o, AUTH_DRAFT_DOCUMENT, office_home_agency(o)),
		      "may_supervise", office_can(o, AUTH_SUPERVISE, office_home_agency(o)),
		      "may_report", office_can(o, AUTH_PUBLISH_REPORT, office_home_agency(o))));
	json_object_set_new(v, "today", json_string(office_date(o, o->today)));
	return v;
}

void office_fail(struct office *o, enum gk_err err, const struct gk_errmsg *m)
{
	switch (err) {
	case GK_EINVAL:
	case GK_ERANGE:
		http_error(o->pg.req, o->pg.res, 400, "%s", m->text);
		return;
	case GK_ENOTFOUND:
		http_error(o->pg.req, o->pg.res, 404, "%s", m->text);
		return;
	case GK_ECONFLICT:
		http_error(o->pg.req, o->pg.res, 409, "%s", m->text);
		return;
	default:
		fprintf(stderr, "gongkai serve: %s: %s\n", o->pg.req->path, m->text);
		http_error(o->pg.req, o->pg.res, 500, "服务器内部错误，请稍后再试。");
	}
}

json_t *office_json_body(struct office *o)
{
	const struct http_request *req = o->pg.req;
	json_error_t jerr;
	json_t *in = json_loadb(req->body.ptr ? req->body.ptr : "", req->body.len, 0, &jerr);

	if (!json_is_object(in)) {
		json_decref(in);
		http_error(o->pg.req, o->pg.res, 400, "请求体应为 JSON 对象（第 %d 行第 %d 列：%s）",
			   jerr.line, jerr.column, in ? "不是对象" : jerr.text);
		return NULL;
	}
	return in;
}

const char *office_date(const struct office *o, gk_date d)
{
	return page_date(&o->pg, d);
}

/* --- The route table ----------------------------------------------------- */

const struct http_route *office_routes(size_t *n)
{
	static const struct http_route *(*const areas[])(size_t *) = {
	    office_session_routes,
	    office_supervision_routes,
	    office_case_routes,
	    office_letter_routes,
	    office_docs_routes,
	    office_reports_routes,
	    office_dashboard_routes,
	};
	static struct http_route all[OFFICE_MAX_ROUTES];
	static size_t count;

	/* Called once, before the server's threads start. */
	if (!count)
		for (size_t i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
			size_t k;
			const struct http_route *r = areas[i](&k);

			/* A table that outgrew this one is a bug: stop, never drop a route. */
			if (count + k > OFFICE_MAX_ROUTES) {
				fprintf(stderr, "gongkai: more than %d back-office routes; raise "
						"OFFICE_MAX_ROUTES\n",
					OFFICE_MAX_ROUTES);
				abort();
			}
			for (size_t j = 0; j < k; j++)
				all[count++] = r[j];
		}
	*n = count;
	return all;
}
