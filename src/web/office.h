/*
 * office.h: what every page and API handler of the back office (/office/…,
 * /api/v1/office/…) does around its own work.
 *
 *   - office_begin(): the signed-in user of the request (the session
 *     cookie, app/auth.h), or a 303 to the login page (pages) / a 401
 *     (API); the supervisor's region loaded for auth_can();
 *   - office_may_change(): a state change needs the session's CSRF token,
 *     in the form field `csrf` (pages; every form of office templates
 *     carries {{csrf}}) or the X-CSRF-Token header (API);
 *   - office_require(): the role × action table (docs/security.md) for an
 *     object of an agency, 403 otherwise;
 *   - office_view(): the view model of office pages (user, navigation,
 *     csrf) for the office_head / office_foot partials;
 *   - office_fail(): a gk_err as the HTTP status people expect (400 bad
 *     value, 404 not found, 409 the state does not allow it, 500).
 *
 * The routes of the back office are listed per area in office_*.c files,
 * each exporting `office_<area>_routes(size_t *n)`, and joined by
 * office_routes() for the server.
 */
#ifndef GK_WEB_OFFICE_H
#define GK_WEB_OFFICE_H

#include <stdbool.h>

#include <jansson.h>

#include "app/auth.h"
#include "web/page.h"

/* Every POST route of office pages declares this parameter. */
#define OFFICE_CSRF_PARAM {"csrf", HTTP_PARAM_CODE, AUTH_TOKEN_LEN, 0, 0, false}
/* Rows per page of office lists. */
#define OFFICE_PAGE_SIZE 50

/* Users' names already looked up in this request (office_user_name). */
struct office_name {
	int64_t id;
	const char *name;
};

struct office {
	struct page pg;
	struct auth_session s;
	struct auth_scope region; /* the user's agency and below (supervisors, admins) */
	bool api;		  /* under /api/: JSON errors, header CSRF */
	gk_date today;
	struct office_name names[32];
	size_t n_names;
};

/* False after answering (503, 303 to /office/login, 401): return at once. */
bool office_begin(struct office *o, struct http_request *req, struct http_response *res);
/* Release what office_begin loaded. */
void office_end(struct office *o);

/* The CSRF check of a state change; false after a 403. */
bool office_may_change(struct office *o);

/* May the user do a to an object of agency_id? */
bool office_can(const struct office *o, enum auth_action a, int64_t agency_id);
/* The same, answering 403 with the reason when not. */
bool office_require(struct office *o, enum auth_action a, int64_t agency_id);

/* The user's own agency, or for an admin (no agency) the tree's root. */
int64_t office_home_agency(const struct office *o);

/* The view of an office page: title, user {username, role, role_name},
 * csrf, nav with `at` ("inbox", "register", "documents", "supervision",
 * "reports", "dashboard") marked current, plus page_view()'s site. */
json_t *office_view(struct office *o, const char *title, const char *at);

/* Answer err as a status: GK_EINVAL 400, GK_ENOTFOUND 404, GK_ECONFLICT
 * 409 (the message is the reason, shown to the user), others 500. */
void office_fail(struct office *o, enum gk_err err, const struct gk_errmsg *m);

/* The request's JSON body as an object; NULL after a 400 naming the problem. */
json_t *office_json_body(struct office *o);

/* "YYYY-MM-DD" from the request arena ("" for 0). */
const char *office_date(const struct office *o, gk_date d);

/* The session cookie helpers the API's sign-in shares (page_session.c). */
#define OFFICE_SESSION_COOKIE "gk_session="
const char *office_session_token(const struct http_request *req);
bool office_signed_in(struct page *pg, struct auth_session *s);
const char *office_cookie_flags(const struct http_request *req);

/* The applicant's sealed personal data opened (app/secret.h), or NULL. The
 * caller checks AUTH_VIEW_PERSONAL_DATA and writes the audit entry. */
json_t *office_open_personal(const struct page *pg, const char *sealed_b64);

/* Every route of the back office, joined from the areas' tables (at most
 * OFFICE_MAX_ROUTES: more stops the program at start, never drops one). */
#define OFFICE_MAX_ROUTES 256
const struct http_route *office_routes(size_t *n);

/* The areas' tables (one office_<area>.c each). */
const struct http_route *office_session_routes(size_t *n);
const struct http_route *office_supervision_routes(size_t *n);
const struct http_route *office_case_routes(size_t *n);
const struct http_route *office_letter_routes(size_t *n);
const struct http_route *office_docs_routes(size_t *n);
const struct http_route *office_reports_routes(size_t *n);
const struct http_route *office_dashboard_routes(size_t *n);

#endif
