/*
 * office_supervision.h: the supervision area of the back office (监督考核,
 * docs/supervision.md), shared by its two files:
 *
 *   office_supervision.c          the region overview, the quarterly
 *                                 statistics, the assessment table and its
 *                                 indicators, and the area's route table;
 *   office_supervision_records.c  complaints (投诉), rectification notices
 *                                 (整改通知书) and appeals (复议, 诉讼).
 *
 * Who may do what (docs/security.md, AUTH_SUPERVISE): a supervisor over
 * every agency of its region, an agency admin over its own agency
 * (recording its complaints and appeals, replying to notices it received),
 * the platform admin everywhere. Only a supervisor (or the admin) issues
 * a 整改通知书, to an agency of its region and never to its own agency
 * (条例第四十七条: the 主管部门 督促整改 the agencies it supervises), and
 * only the supervisor's level configures and scores the assessment.
 */
#ifndef GK_WEB_OFFICE_SUPERVISION_H
#define GK_WEB_OFFICE_SUPERVISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/audit.h"
#include "store/store_supervision.h"
#include "web/office.h"

/* Rows of one page of the area's lists (the portal's pager counts in these). */
#define SUP_PAGE_SIZE PAGE_SIZE
/* Rows of an export: the whole filtered list. */
#define SUP_EXPORT_MAX 100000

/* The agencies a request shows: the root (the user's agency, or the one
 * chosen with ?agency=) and, at a supervisor's level, those under it. */
struct sup_scope {
	const struct portal_agency *ag;
	bool region;
	int64_t *ids; /* sorted; the agencies shown that the user may supervise
			 (from the request's arena) */
	size_t n;
};
/*
 * The scope from the route's `agency` parameter (the user's home agency
 * when absent). need_region: the page is the supervisor's (assessment,
 * indicators): 403 for a user whose AUTH_SUPERVISE does not reach a
 * region. False after answering 403/404.
 */
bool sup_scope_load(struct office *o, struct sup_scope *sc, bool need_region);

/* The user supervises a region (supervisor, admin), not just an agency. */
bool sup_is_supervisor(const struct office *o);

/* office_view() with the area's tabs (sup_nav: is_supervisor, at_<tab>):
 * tab is "overview", "quarterly", "assessment", "indicators",
 * "complaints", "rectifications" or "appeals". */
json_t *sup_view(struct office *o, const char *title, const char *tab);

/* The agency's name and code ("" when unknown), {code, name} as JSON. */
const char *sup_agency_name(const struct office *o, int64_t id);
const char *sup_agency_code(const struct office *o, int64_t id);
json_t *sup_agency_json(const struct office *o, int64_t id);
/* <select> options: the agencies of the user's region on which `a` is
 * allowed, the one with selected_code marked; skip_home leaves out the
 * user's own agency (a notice is never issued to it). */
json_t *sup_agency_options(struct office *o, const char *selected_code, bool skip_home);

/* --- Input: a JSON body (API) or the form's fields turned into one ------- */

/* The field as text: a non-empty string, an integer or true ("1"); NULL otherwise. */
const char *sup_in(const struct office *o, const json_t *in, const char *key);
/* A date field "YYYY-MM-DD": dflt when absent (0: required, GK_EINVAL
 * naming label), GK_EINVAL for another shape or a date after today. */
enum gk_err sup_in_date(const struct office *o, const json_t *in, const char *key,
			const char *label, gk_date dflt, gk_date *out, struct gk_errmsg *m);
/* The declared form fields named in fields[] that are present, as an object. */
json_t *sup_form(const struct http_request *req, const char *const *fields, size_t n);

/* Who acts, for the audit log. */
struct audit_who sup_who(const struct office *o);

/*
 * The outcome of an action: GK_OK; GK_EPERM-like refusals are
 * reported with forbidden set (403 with m's reason); others as
 * office_fail maps them (400, 404, 409, 500).
 */
void sup_fail(struct office *o, enum gk_err err, bool forbidden, const struct gk_errmsg *m);

/* Render the area's page tmpl from v: with the form's refusal when error,
 * else with the notice that ?done= (set by the redirect after a POST) names. */
void sup_render(struct office *o, json_t *v, const char *error, const char *tmpl);

/* The routes of office_supervision_records.c, joined by office_supervision_routes(). */
const struct http_route *sup_records_routes(size_t *n);

#endif
