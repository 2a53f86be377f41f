/*
 * office_case_json.c: a case and an inbox row as the view model that the
 * pages render and the API prints (office_case.h).
 */
#include "web/office_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "law/clock.h"
#include "web/app.h"

#include "base/banned.h"

const char *office_user_name(struct office *o, int64_t user_id)
{
	struct store_user u;

	if (!user_id)
		return "";
	for (size_t i = 0; i < o->n_names; i++)
		if (o->names[i].id == user_id)
			return o->names[i].name;
	if (store_user_get_id(o->pg.st, user_id, &u, NULL))
		return "?";
	const char *name = arena_strdup(o->pg.req->arena,
					u.display_name && *u.display_name ? u.display_name
									  : u.username);
	if (o->n_names < sizeof(o->names) / sizeof(o->names[0]))
		o->names[o->n_names++] = (struct office_name){user_id, name};
	return name;
}

/* Working days from today to due: negative when overdue. */
int office_days_left(const struct office *o, gk_date due)
{
	const struct web_app *app = o->pg.req->app;

	return due ? calendar_working_days_between(app->cal, o->today, due) : 0;
}

/* The words of the clock's state, never colour alone. */
static const char *clock_words(struct office *o, bool paused, gk_date due, int left)
{
	if (paused)
		return "暂停计时";
	if (!due)
		return "期限待计算";
	if (left < 0)
		return arena_printf(o->pg.req->arena, "已超期 %d 个工作日", -left);
	if (left == 0)
		return "今日到期";
	if (left <= OFFICE_DUE_SOON_DAYS)
		return arena_printf(o->pg.req->arena, "剩余 %d 个工作日（即将到期）", left);
	return arena_printf(o->pg.req->arena, "剩余 %d 个工作日", left);
}

static json_t *masked_applicant(const char *masked_json, const char *fallback)
{
	json_t *v = masked_json ? json_loads(masked_json, 0, NULL) : NULL;

	if (!json_is_object(v)) {
		json_decref(v);
		v = json_object();
		if (fallback)
			json_object_set_new(v, "name", json_string(fallback));
	}
	return v;
}

json_t *office_inbox_row(struct office *o, const struct store_inbox_row *r)
{
	const struct portal_agency *ag = portal_agency_by_id(o->pg.portal, r->agency_id);
	int left = office_days_left(o, r->due);
	json_t *who = masked_applicant(r->personal_masked, r->applicant_name);
	json_t *row = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:s, s:O, s:s, s:s, s:s, s:s, s:i, s:s, s:b, s:b, s:s}",
	    "id", (json_int_t)r->id, "url", arena_printf(o->pg.req->arena, "/office/cases/%lld",
							 (long long)r->id),
	    "ref", r->tracking_code ? r->tracking_code : r->ref, "agency", ag ? ag->name : "",
	    "received", office_date(o, r->received), "channel",
	    clock_channel_name((enum clock_channel)r->channel), "applicant", who,
	    "applicant_type", applicant_type_name((enum applicant_type)r->applicant_type),
	    "stage", proc_stage_id((enum proc_stage)r->stage), "stage_name",
	    proc_stage_name((enum proc_stage)r->stage), "due", office_date(o, r->due),
	    "working_days_left", left, "clock", clock_words(o, r->paused, r->due, left), "paused",
	    r->paused, "overdue", !r->paused && r->due && left < 0, "handler",
	    office_user_name(o, r->handler_id));

	json_object_set_new(row, "due_soon", json_boolean(!r->paused && r->due && left >= 0 &&
							  left <= OFFICE_DUE_SOON_DAYS));

	json_decref(who);
	if (r->content) {
		/* A line of the request, cut on a character boundary. */
		size_t n = strlen(r->content), cut = n > 90 ? 90 : n;

		while (cut < n && ((unsigned char)r->content[cut] & 0xC0) == 0x80)
			cut--;
		json_object_set_new(row, "content",
				    json_string(arena_printf(o->pg.req->arena, "%.*s%s", (int)cut,
							     r->content, cut < n ? "…" : "")));
	}
	return row;
}

/* The event as staff see it: what, when, who, and what it carried. */
static json_t *event_json(struct office *o, const struct store_event *e)
{
	json_t *v = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id, "type",
			      app_event_kind_id(e->kind), "name", app_event_kind_name(e->kind),
			      "date", office_date(o, e->date), "user",
			      office_user_name(o, e->user_id));
	json_t *data = e->data ? json_loads(e->data, 0, NULL) : NULL;

	if (e->note)
		json_object_set_new(v, "note", json_string(e->note));
	switch (e->kind) {
	case EVENT_ANSWERED:
	case EVENT_ANSWER_DRAFTED:
	case EVENT_CORRECTION_LAPSED:
	case EVENT_FEE_LAPSED:
		json_object_set_new(v, "outcome", json_string(outcome_id(e->outcome)));
		json_object_set_new(v, "outcome_label", json_string(outcome_label(e->outcome)));
		break;
	case EVENT_EXTENSION_REQUESTED:
	case EVENT_EXTENSION_APPROVED:
		json_object_set_new(v, "days", json_integer(e->days));
		break;
	case EVENT_FEE_NOTICE:
		json_object_set_new(v, "amount_yuan",
				    json_real((double)e->amount_fen / 100.0));
		break;
	case EVENT_CONSULTATION_OPENED:
	case EVENT_CONSULTATION_CLOSED:
		json_object_set_new(v, "party",
				    json_string(e->party == CONSULT_AGENCY ? "agency" : "third_party"));
		break;
	case EVENT_ASSIGNED:
		json_object_set_new(v, "assignee", json_string(office_user_name(o, e->assignee)));
		break;
	default:
		break;
	}
	if (json_is_object(data))
		json_object_set(v, "data", data);
	json_decref(data);
	return v;
}

static const char *user_name_cb(void *ctx, int64_t user_id)
{
	return office_user_name(ctx, user_id);
}

static json_t *trace_lines(struct office *o, const struct case_data *d)
{
	const struct web_app *app = o->pg.req->app;
	struct buf b;
	json_t *lines = json_array();

	buf_init(&b, 1 << 20);
	proc_explain(app->cal, &d->state, user_name_cb, o, &b);
	for (const char *p = buf_cstr(&b); p && *p;) {
		size_t n = strcspn(p, "\n");

		if (n)
			json_array_append_new(lines, json_stringn(p, n));
		p += n + (p[n] == '\n');
	}
	buf_release(&b);
	return lines;
}

json_t *office_case_json(struct office *o, const struct case_data *d,
			 const struct proc_actor *who)
{
	const struct store_application *a = &d->app;
	const struct proc_state *s = &d->state;
	const struct portal_agency *ag = portal_agency_by_id(o->pg.portal, a->agency_id);
	int left = s->closed || s->answered ? 0 : office_days_left(o, s->due);
	bool allowed[EVENT_KIND_COUNT];
	json_t *events = json_array(), *actions = json_array();
	json_t *who_json = masked_applicant(a->personal_masked, a->applicant_name);
	json_t *v;

	for (size_t i = 0; i < d->n_events; i++)
		json_array_append_new(events, event_json(o, &d->events[i]));
	proc_allowed(s, who, allowed);
	for (int k = 0; k < EVENT_KIND_COUNT; k++)
		if (allowed[k])
			json_array_append_new(actions,
					      json_string(app_event_kind_id((enum app_event_kind)k)));
	v = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, "
		      "s:I, s:s, s:s}",
		      "id", (json_int_t)a->id, "tracking_code",
		      a->tracking_code ? a->tracking_code : "", "ref", a->ref, "agency",
		      ag ? ag->code : "", "agency_name", ag ? ag->name : "", "stage",
		      proc_stage_id(s->stage), "stage_name", proc_stage_name(s->stage), "received",
		      office_date(o, a->received), "submitted", office_date(o, a->submitted),
		      "channel", clock_channel_id((enum clock_channel)a->channel), "applicant",
		      who_json, "applicant_type", applicant_type_name(a->applicant_type),
		      "content", a->content ? a->content : "", "due", office_date(o, s->due),
		      "version", (json_int_t)d->n_events, "handler",
		      office_user_name(o, s->handler_id), "channel_name",
		      clock_channel_name((enum clock_channel)a->channel));
	json_object_set_new(
	    v, "clock",
	    json_pack("{s:s, s:b, s:i, s:s, s:b, s:o}", "due", office_date(o, s->due), "paused",
		      s->paused, "working_days_left", left, "state",
		      s->closed     ? "已办结"
		      : s->answered ? arena_printf(o->pg.req->arena, "已于 %s 答复",
						   office_date(o, s->answered_on))
				    : clock_words(o, s->paused, s->due, left),
		      "overdue", !s->answered && !s->paused && s->due && left < 0, "trace",
		      trace_lines(o, d)));
	if (s->answered)
		json_object_set_new(v, "outcome",
				    json_pack("{s:s, s:s}", "id", outcome_id(s->outcome), "label",
					      outcome_label(s->outcome)));
	if (s->has_draft)
		json_object_set_new(v, "draft",
				    json_pack("{s:s, s:s, s:s, s:b}", "outcome",
					      outcome_id(s->draft_outcome), "label",
					      outcome_label(s->draft_outcome), "by",
					      office_user_name(o, s->drafted_by), "approved",
					      s->approved));
	json_object_set_new(v, "events", events);
	json_object_set_new(v, "allowed", actions);
	return v;
}
