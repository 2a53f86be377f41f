/*
 * page_session.c: staff sign in and out of the API (app/auth.h), and the
 * staff's view of an application: the public, masked view for everyone,
 * the applicant's full personal data only for a user whose role may see it
 * for that agency — and each such view written to the audit log
 * (个人信息保护法; the "every view of personal data").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/apply.h"
#include "app/audit.h"
#include "app/auth.h"
#include "law/fees.h"
#include "web/app.h"
#include "web/office.h"
#include "web/page.h"
#include "web/pages.h"

#include "base/banned.h"

/*
 * A state change by a signed-in user: the session's CSRF token must come
 * with it in X-CSRF-Token. False after answering 401 or 403.
 */
static bool may_change(struct page *pg, struct auth_session *s)
{
	if (!office_signed_in(pg, s)) {
		http_error(pg->req, pg->res, 401, "not signed in");
		return false;
	}
	if (!auth_csrf_check(s, http_header(pg->req, "X-CSRF-Token"))) {
		http_error(pg->req, pg->res, 403, "the X-CSRF-Token header is missing or wrong");
		return false;
	}
	return true;
}

void api_session_login(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct auth_session s;
	struct gk_errmsg m;
	json_error_t jerr;
	json_t *in;
	const char *user, *password;
	enum gk_err err;

	if (!page_begin(&pg, req, res))
		return;
	in = json_loadb(req->body.ptr ? req->body.ptr : "", req->body.len, 0, &jerr);
	user = json_string_value(json_object_get(in, "username"));
	password = json_string_value(json_object_get(in, "password"));
	if (!user || !password) {
		json_decref(in);
		return http_error(req, res, 400, "请求体应为 {\"username\", \"password\"}");
	}
	err = auth_login(pg.st, user, password, req->client, (int64_t)time(NULL), &s, &m);
	json_decref(in);
	if (err == GK_EINVAL)
		return http_error(req, res, 401, "%s", m.text);
	if (err == GK_ECONFLICT)
		return http_error(req, res, 429, "%s", m.text);
	if (err)
		return page_store_error(&pg, err, &m);
	page_json(&pg, json_pack("{s:s, s:{s:s, s:s}}", "csrf_token", s.csrf, "user", "username",
				 s.user.username, "role", store_role_id(s.user.role)));
	res->cache_control = "no-store";
	http_header_add(res, "Set-Cookie",
			arena_printf(req->arena, OFFICE_SESSION_COOKIE "%s%s", s.token, office_cookie_flags(req)));
	/* Also as a header, for clients that read headers more easily than JSON. */
	http_header_add(res, "X-CSRF-Token", arena_strdup(req->arena, s.csrf));
	sodium_memzero(&s, sizeof(s));
}

void api_session_logout(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct auth_session s;

	if (!page_begin(&pg, req, res) || !may_change(&pg, &s))
		return;
	auth_logout(pg.st, office_session_token(req), req->client, (int64_t)time(NULL), NULL);
	page_json(&pg, json_pack("{s:b}", "signed_out", true));
	http_header_add(res, "Set-Cookie",
			arena_printf(req->arena, OFFICE_SESSION_COOKIE "%s; Max-Age=0", office_cookie_flags(req)));
}

/*
 * PUT /api/v1/session/password {"old_password","new_password"}: the signed-in
 * user changes their password (the session's CSRF token required); every
 * other session of the user ends (app/auth.h).
 */
void api_session_password(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct auth_session s;
	struct gk_errmsg m;
	json_t *in;
	const char *old_pw, *new_pw;
	enum gk_err err;

	if (!page_begin(&pg, req, res) || !may_change(&pg, &s))
		return;
	in = json_loadb(req->body.ptr ? req->body.ptr : "", req->body.len, 0, NULL);
	old_pw = json_string_value(json_object_get(in, "old_password"));
	new_pw = json_string_value(json_object_get(in, "new_password"));
	if (!old_pw || !new_pw) {
		json_decref(in);
		return http_error(req, res, 400,
				  "the body must be {\"old_password\", \"new_password\"}");
	}
	err = auth_password_change(pg.st, office_session_token(req), old_pw, new_pw, req->client,
				   (int64_t)time(NULL), &m);
	json_decref(in);
	if (err == GK_EINVAL)
		return http_error(req, res, 400, "%s", m.text);
	if (err == GK_ECONFLICT)
		return http_error(req, res, 429, "%s", m.text);
	if (err)
		return page_store_error(&pg, err, &m);
	page_json(&pg, json_pack("{s:b}", "changed", true));
}

/* The applicant's sealed data opened (app/secret.h), or NULL. */
json_t *office_open_personal(const struct page *pg, const char *sealed_b64)
{
	const struct web_app *app = pg->req->app;
	size_t len = strlen(sealed_b64), bin_len;
	unsigned char *bin = malloc(len + 1);
	struct buf plain;
	json_t *out = NULL;

	buf_init(&plain, 1 << 16);
	if (bin && !sodium_base642bin(bin, len + 1, sealed_b64, len, NULL, &bin_len, NULL,
				      sodium_base64_VARIANT_ORIGINAL) &&
	    !secret_open(app->key, (struct str){(const char *)bin, bin_len}, &plain))
		out = json_loadb(plain.data, plain.len, 0, NULL);
	if (plain.data)
		sodium_memzero(plain.data, plain.len);
	buf_release(&plain);
	free(bin);
	return out;
}

/*
 * For the handler: the applicant's applications this natural month, and what
 * the 信息处理费 per item would be for this one (国办函〔2020〕109号 第四条).
 * Whether to charge is the agency's decision (条例第四十二条).
 */
static void fee_position(const struct page *pg, const char *key, gk_date received,
			 json_t *status)
{
	const struct web_app *app = pg->req->app;
	struct apply_context cx = {.st = pg->st, .key = app->key, .cal = app->cal};
	int64_t n;

	if (!*key || apply_month_count(&cx, key, received, &n, NULL))
		return;
	json_object_set_new(status, "fee",
			    json_pack("{s:I, s:I}", "applications_this_month", (json_int_t)n,
				      "per_item_fee_yuan", (json_int_t)fees_per_item_nth(n)));
}

/*
 * GET /api/v1/applications/{code} for a signed-in user who may see the
 * applicant's data of that agency (auth_can VIEW_PERSONAL_DATA): the public
 * view plus "personal", audited. Everyone else gets the public view.
 */
bool api_staff_view(struct page *pg, json_t *status)
{
	struct auth_session s;
	struct auth_scope scope = {0};
	struct store_application a;
	struct store_agency ag;
	struct audit_who who;
	const char *code = json_string_value(json_object_get(status, "tracking_code"));
	char who_key[APPLY_APPLICANT_KEY_LEN];
	json_t *personal;
	bool may;

	if (!office_signed_in(pg, &s) || store_application_by_tracking(pg->st, code, &a, NULL))
		return false;
	/* The row's texts last until the next store call: keep what is needed. */
	snprintf(who_key, sizeof(who_key), "%s", a.applicant_key ? a.applicant_key : "");
	personal = a.personal ? office_open_personal(pg, a.personal) : NULL;
	if (store_agency_get_id(pg->st, a.agency_id, &ag, NULL) ||
	    (s.user.role == ROLE_SUPERVISOR && auth_scope_load(pg->st, s.user.agency_id, &scope, NULL))) {
		json_decref(personal);
		return false;
	}
	may = personal && auth_can(&s.user, AUTH_VIEW_PERSONAL_DATA, ag.id, &scope);
	auth_scope_release(&scope);
	if (!may) {
		json_decref(personal);
		return false;
	}
	who = (struct audit_who){.user_id = s.user.id, .client = pg->req->client,
				 .now = (int64_t)time(NULL)};
	/* No view without its record: a failed audit entry shows nothing. */
	if (audit_append(pg->st, &who, "personal_data.view", code, ag.code, NULL)) {
		json_decref(personal);
		return false;
	}
	json_object_set_new(status, "personal", personal);
	fee_position(pg, who_key, a.received, status);
	return true;
}
