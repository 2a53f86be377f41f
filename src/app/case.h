/*
 * case.h: the back office's work on one application (依申请公开), over the
 * store and the procedure (app/procedure.h):
 *
 *   - case_load(): the application, its events and the state replayed
 *     from them for today;
 *   - case_act(): one step (补正, 征求意见, 延期, 收费, 答复 …) as one
 *     transaction: the state is replayed inside it, the version the
 *     caller saw is compared (two handlers acting at once cannot both
 *     win: the second gets GK_ECONFLICT), the procedure checks the step,
 *     the event is appended, the cached state for the inbox written and
 *     the audit entry added — all or nothing;
 *   - case_event_parse(): a step as JSON (the API's body, and the pages'
 *     forms turned into the same object) into a store event, with the
 *     fee of a fee notice computed per 国办函〔2020〕109号;
 *   - case_refresh(): derive and store the cached state of an application
 *     (after an online submission, an import, or for the stale ones).
 */
#ifndef GK_APP_CASE_H
#define GK_APP_CASE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app/audit.h"
#include "app/procedure.h"
#include "base/arena.h"
#include "base/err.h"
#include "law/calendar.h"
#include "store/store.h"

#define CASE_MAX_EVENTS 512 /* a log longer than this is refused as corrupt */

struct case_ctx {
	struct store *st;
	const struct calendar *cal;
	gk_date today;
	struct audit_who who; /* the acting user, the client, the time */
};

struct case_data {
	struct store_application app; /* strings copied: valid until case_release */
	struct store_event *events;   /* with their note and data copied */
	size_t n_events;
	struct proc_state state;
	struct arena arena; /* owns the copies */
};

/* The application with that id; GK_ENOTFOUND when there is none. */
enum gk_err case_load(const struct case_ctx *cx, int64_t id, struct case_data *out,
		      struct gk_errmsg *m);
void case_release(struct case_data *d);

/*
 * Parse one step: {"type", "date", …} with the fields of its kind
 * (docs/office.md lists them): items[] and deadline for 补正, party and
 * party_name for a consultation, days and reason for an extension,
 * amount_yuan or pages (or neither: per item from the applicant's count
 * this month) for a fee notice, outcome, basis, remedy and files[] for a
 * draft, remarks when returned, assignee (a user id) when assigned. The
 * event's data and note are malloc'ed into *data_out / *note_out (the
 * caller frees them). GK_EINVAL naming the field otherwise.
 */
enum gk_err case_event_parse(const struct case_ctx *cx, const struct case_data *d,
			     const json_t *in, struct store_event *e, char **data_out,
			     char **note_out, struct gk_errmsg *m);

/*
 * Append e (e->user_id is set from cx->who) when the procedure allows it
 * for who. expected_version < 0: not checked; else it must equal the
 * number of events, or GK_ECONFLICT "案件已被他人更新".
 */
enum gk_err case_act(const struct case_ctx *cx, int64_t id, int64_t expected_version,
		     const struct store_event *e, const struct proc_actor *who,
		     struct gk_errmsg *m);

/* Derive the state of application id and store it on the row. */
enum gk_err case_refresh(const struct case_ctx *cx, int64_t id, struct gk_errmsg *m);
/* case_refresh for every open application whose state was never derived:
 * *refreshed gets how many were, *failed how many logs could not be
 * replayed (left as they are; their case page says why). */
enum gk_err case_refresh_stale(const struct case_ctx *cx, size_t *refreshed, size_t *failed,
			       struct gk_errmsg *m);

/* The state as the store caches it. */
struct store_case_state case_cached_state(const struct proc_state *s);

#endif
