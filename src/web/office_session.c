/*
 * office_session.c: staff sign in and out of the back office in the
 * browser (the same sessions as POST /api/v1/session, app/auth.h), and
 * /office itself, which leads to the inbox.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "web/office.h"

#include "base/banned.h"

/* Only a path of this site is a place to go back to (no open redirect). */
static const char *safe_back(const char *back)
{
	if (!back || back[0] != '/' || back[1] == '/' || back[1] == '\\' ||
	    !strncmp(back, "/office/login", 13))
		return "/office/inbox";
	return back;
}

static void login_form(struct page *pg, const char *back, const char *username,
		       const char *error)
{
	json_t *v = page_view(pg, "工作人员登录", NULL, NULL);

	json_object_set_new(v, "back", json_string(safe_back(back)));
	json_object_set_new(v, "username", json_string(username ? username : ""));
	if (error)
		json_object_set_new(v, "error", json_string(error));
	pg->res->cache_control = "no-store";
	page_render(pg, "office_login", v);
}

static void page_login(struct http_request *req, struct http_response *res)
{
	struct page pg;

	if (!page_begin(&pg, req, res))
		return;
	login_form(&pg, http_arg_str(req, "back"), NULL, NULL);
}

static void page_login_submit(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct auth_session s;
	struct gk_errmsg m;
	const char *user = http_arg_str(req, "username"), *pw = http_arg_str(req, "password");
	enum gk_err err;

	if (!page_begin(&pg, req, res))
		return;
	if (!user || !pw) {
		res->status = 400;
		return login_form(&pg, http_arg_str(req, "back"), user, "请填写用户名和密码。");
	}
	err = auth_login(pg.st, user, pw, req->client, (int64_t)time(NULL), &s, &m);
	if (err == GK_EINVAL || err == GK_ECONFLICT) {
		res->status = err == GK_EINVAL ? 401 : 429;
		return login_form(&pg, http_arg_str(req, "back"), user, m.text);
	}
	if (err)
		return page_store_error(&pg, err, &m);
	http_redirect(req, res, safe_back(http_arg_str(req, "back")));
	http_header_add(res, "Set-Cookie",
			arena_printf(req->arena, OFFICE_SESSION_COOKIE "%s%s", s.token,
				     office_cookie_flags(req)));
	sodium_memzero(&s, sizeof(s));
}

static void page_logout(struct http_request *req, struct http_response *res)
{
	struct office o;

	if (!office_begin(&o, req, res))
		return;
	if (office_may_change(&o)) {
		auth_logout(o.pg.st, office_session_token(req), req->client, (int64_t)time(NULL),
			    NULL);
		http_redirect(req, res, "/office/login");
		http_header_add(res, "Set-Cookie",
				arena_printf(req->arena, OFFICE_SESSION_COOKIE "%s; Max-Age=0",
					     office_cookie_flags(req)));
	}
	office_end(&o);
}

static void page_office(struct http_request *req, struct http_response *res)
{
	http_redirect(req, res, "/office/inbox");
}

static const struct http_param login_params[] = {
	{"back", HTTP_PARAM_STRING, 1024, 0, 0, false},
	{"username", HTTP_PARAM_STRING, STORE_CODE_MAX, 0, 0, false},
	{"password", HTTP_PARAM_STRING, AUTH_PASSWORD_MAX_BYTES, 0, 0, false},
	{NULL, 0, 0, 0, 0, false},
};
static const struct http_param csrf_only[] = {OFFICE_CSRF_PARAM, {NULL, 0, 0, 0, 0, false}};

static const struct http_route routes[] = {
	{HTTP_GET, "/office", NULL, page_office, 0, false},
	{HTTP_GET, "/office/login", login_params, page_login, 0, false},
	{HTTP_POST, "/office/login", login_params, page_login_submit, 8 << 10, false},
	{HTTP_POST, "/office/logout", csrf_only, page_logout, 4 << 10, false},
};

const struct http_route *office_session_routes(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}
