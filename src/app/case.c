/*
 * case.c: one application in the back office (case.h).
 */
#include "app/case.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/apply.h"
#include "law/fees.h"

#include "base/banned.h"

#define CASE_ARENA_MAX (8u << 20)

struct collect {
	struct case_data *d;
	size_t cap;
	bool failed;
};

static const char *keep(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static int collect_event(void *ctx, const struct store_event *e)
{
	struct collect *c = ctx;
	struct case_data *d = c->d;

	if (d->n_events == CASE_MAX_EVENTS) {
		c->failed = true;
		return 1;
	}
	if (d->n_events == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 16;
		void *grown = realloc(d->events, cap * sizeof(*d->events));

		if (!grown) {
			c->failed = true;
			return 1;
		}
		d->events = grown;
		c->cap = cap;
	}
	d->events[d->n_events] = *e;
	d->events[d->n_events].note = keep(&d->arena, e->note);
	d->events[d->n_events].data = keep(&d->arena, e->data);
	d->n_events++;
	return 0;
}

static void keep_application(struct case_data *d)
{
	struct store_application *a = &d->app;
	const char **texts[] = {&a->ref,	   &a->applicant_name,	&a->content,
				&a->tracking_code, &a->idempotency_key, &a->personal,
				&a->personal_masked, &a->applicant_key};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		*texts[i] = keep(&d->arena, *texts[i]);
}

enum gk_err case_load(const struct case_ctx *cx, int64_t id, struct case_data *out,
		      struct gk_errmsg *m)
{
	struct collect c = {out, 0, false};
	enum gk_err err;

	memset(out, 0, sizeof(*out));
	arena_init(&out->arena, CASE_ARENA_MAX);
	if ((err = store_application_get_id(cx->st, id, &out->app, m)))
		return err;
	keep_application(out);
	if ((err = store_event_each(cx->st, id, collect_event, &c, m)))
		return err;
	if (c.failed || arena_failed(&out->arena))
		return gk_errf(m, GK_ENOMEM,
			       "application id %" PRId64 ": its log is longer than %d events or "
			       "out of memory",
			       id, CASE_MAX_EVENTS);
	return proc_replay(cx->cal, out->app.received, out->events, out->n_events, cx->today,
			   &out->state, m);
}

void case_release(struct case_data *d)
{
	free(d->events);
	arena_release(&d->arena);
	memset(d, 0, sizeof(*d));
}

struct store_case_state case_cached_state(const struct proc_state *s)
{
	return (struct store_case_state){
	    .stage = (int)s->stage,
	    .due = s->due,
	    .paused = s->paused,
	    .handler_id = s->handler_id,
	};
}

/* --- Parsing a step ------------------------------------------------------ */

static const char *get_str(const json_t *in, const char *name)
{
	const char *v = json_string_value(json_object_get(in, name));

	return v && *v ? v : NULL;
}

static enum gk_err get_date(const json_t *in, const char *name, bool required, gk_date *out,
			    struct gk_errmsg *m)
{
	const char *v = get_str(in, name);

	*out = 0;
	if (!v)
		return required ? gk_errf(m, GK_EINVAL, "%s：缺少日期（格式 YYYY-MM-DD）", name)
				: GK_OK;
	if (!date_parse((struct str){v, strlen(v)}, out))
		return gk_errf(m, GK_EINVAL, "%s：不是有效日期，应为 YYYY-MM-DD", name);
	return GK_OK;
}

/* An integer given as a JSON number or a decimal string (forms send strings). */
static bool get_int(const json_t *in, const char *name, long long *out)
{
	const json_t *v = json_object_get(in, name);
	char *end;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return true;
	}
	if (json_is_string(v) && *json_string_value(v)) {
		*out = strtoll(json_string_value(v), &end, 10);
		return *end == '\0';
	}
	return false;
}

/* A list given as a JSON array of strings or one text of lines (a textarea). */
static json_t *get_lines(const json_t *in, const char *name)
{
	const json_t *v = json_object_get(in, name);
	json_t *out = json_array();
	size_t i;
	const json_t *x;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if (json_is_string(x) && *json_string_value(x))
				json_array_append_new(out, json_string(json_string_value(x)));
	} else if (json_is_string(v)) {
		const char *p = json_string_value(v);

		while (*p) {
			size_t n = strcspn(p, "\n");
			size_t k = n;

			while (k && (p[k - 1] == ' ' || p[k - 1] == '\r'))
				k--;
			if (k)
				json_array_append_new(out, json_stringn(p, k));
			p += n + (p[n] == '\n');
		}
	}
	return out;
}

/* The fee of a notice (国办函〔2020〕109号): an amount the handler gives, or
 * 按量 by pages (第五条), or by default 按件 from the applicant's count this
 * natural month (第四条). data records which, for the letter. */
static enum gk_err fee_amount(const struct case_ctx *cx, const struct case_data *d,
			      const json_t *in, json_t *data, int64_t *fen, struct gk_errmsg *m)
{
	long long v;
	int64_t position = 0;

	if (get_int(in, "amount_yuan", &v)) {
		if (v <= 0 || v > 1000000)
			return gk_errf(m, GK_EINVAL, "amount_yuan：应为 1 至 1000000 元");
		json_object_set_new(data, "basis", json_string("amount"));
		*fen = (int64_t)v * 100;
		return GK_OK;
	}
	if (get_int(in, "pages", &v)) {
		if (v <= 0 || v > FEES_MAX_COUNT)
			return gk_errf(m, GK_EINVAL, "pages：应为 1 至 %d 页", FEES_MAX_COUNT);
		json_object_set_new(data, "basis", json_string("pages"));
		json_object_set_new(data, "pages", json_integer(v));
		*fen = (int64_t)fees_by_pages((long)v) * 100;
		if (!*fen)
			return gk_errf(m, GK_EINVAL,
				       "pages：%lld 页在 30 页以内，不收费（国办函〔2020〕109号第五条）",
				       v);
		return GK_OK;
	}
	if (!d->app.applicant_key || !*d->app.applicant_key)
		return gk_errf(m, GK_EINVAL,
			       "amount_yuan：此申请没有申请人证件号码，无法按件计算，请填写金额或页数");
	struct apply_context ac = {.st = cx->st, .cal = cx->cal, .today = cx->today};
	enum gk_err err =
	    apply_month_count(&ac, d->app.applicant_key, d->app.received, &position, m);

	if (err)
		return err;
	json_object_set_new(data, "basis", json_string("items"));
	json_object_set_new(data, "position", json_integer(position));
	*fen = (int64_t)fees_per_item_nth((long)position) * 100;
	if (!*fen)
		return gk_errf(m, GK_EINVAL,
			       "这是申请人本月第 %" PRId64 " 件申请，前 10 件不收费"
			       "（国办函〔2020〕109号第四条）",
			       position);
	return GK_OK;
}

static enum gk_err parse_outcome(const json_t *in, bool required, enum outcome *out,
				 struct gk_errmsg *m)
{
	const char *v = get_str(in, "outcome");

	if (!v)
		return required ? gk_errf(m, GK_EINVAL, "outcome：请选择处理结果（表三的一行，如 C1）")
				: GK_OK;
	if (!outcome_parse((struct str){v, strlen(v)}, out))
		return gk_errf(m, GK_EINVAL, "outcome：不是表三的处理结果（如 C1、C3.4、C4.1）");
	return GK_OK;
}

/* Copy the text fields names[] of in into data when present. */
static void copy_texts(const json_t *in, json_t *data, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = get_str(in, names[i]);

		if (v)
			json_object_set_new(data, names[i], json_string(v));
	}
}

static enum gk_err parse_kind_fields(const struct case_ctx *cx, const struct case_data *d,
				     const json_t *in, struct store_event *e, json_t *data,
				     struct gk_errmsg *m)
{
	static const char *const answer_texts[] = {"basis", "remedy"};
	static const char *const consult_texts[] = {"party_name"};
	json_t *list;
	long long v;
	enum gk_err err = GK_OK;
	gk_date deadline;

	switch (e->kind) {
	case EVENT_CORRECTION_ASKED:
		/* 第三十条: 一次性告知 — every item in the one notice. */
		list = get_lines(in, "items");
		if (!json_array_size(list)) {
			json_decref(list);
			return gk_errf(m, GK_EINVAL,
				       "items：请逐项列出需要补正的事项（第三十条：一次性告知）");
		}
		json_object_set_new(data, "items", list);
		if ((err = get_date(in, "deadline", false, &deadline, m)))
			return err;
		if (deadline) {
			char text[GK_DATE_STRLEN];

			json_object_set_new(data, "deadline",
					    json_string(date_format(deadline, text)));
		}
		return GK_OK;
	case EVENT_CONSULTATION_OPENED:
	case EVENT_CONSULTATION_CLOSED: {
		const char *party = get_str(in, "party");

		if (!party && e->kind == EVENT_CONSULTATION_CLOSED) {
			/* The open one's; with none open the procedure says so. */
			e->party = d->state.consulting ? d->state.consult_party
						       : CONSULT_THIRD_PARTY;
		} else if (party && (!strcmp(party, "third_party") || !strcmp(party, "第三方"))) {
			e->party = CONSULT_THIRD_PARTY;
		} else if (party && (!strcmp(party, "agency") || !strcmp(party, "其他机关"))) {
			e->party = CONSULT_AGENCY;
		} else {
			return gk_errf(m, GK_EINVAL,
				       "party：应为 third_party（第三方，第三十二条）或 agency"
				       "（其他机关，第三十四条）");
		}
		copy_texts(in, data, consult_texts, 1);
		return GK_OK;
	}
	case EVENT_EXTENSION_REQUESTED:
	case EVENT_EXTENSION_APPROVED:
		if (!get_int(in, "days", &v)) {
			if (e->kind == EVENT_EXTENSION_REQUESTED || !d->state.extension_pending)
				return gk_errf(m, GK_EINVAL,
					       "days：延长的工作日数，1 至 20（第三十三条第二款）");
			v = d->state.extension_requested_days;
		}
		if (v < 1 || v > CLOCK_MAX_EXTENSION_DAYS)
			return gk_errf(m, GK_EINVAL,
				       "days：%lld 不在 1 至 20 之间（第三十三条第二款：延长的期限最长"
				       "不得超过20个工作日）",
				       v);
		e->days = (int)v;
		return GK_OK;
	case EVENT_FEE_NOTICE:
		return fee_amount(cx, d, in, data, &e->amount_fen, m);
	case EVENT_CORRECTION_LAPSED:
		e->outcome = OUTCOME_C6_1;
		return GK_OK;
	case EVENT_FEE_LAPSED:
		e->outcome = OUTCOME_C6_2;
		return GK_OK;
	case EVENT_ANSWER_DRAFTED:
		if ((err = parse_outcome(in, true, &e->outcome, m)))
			return err;
		copy_texts(in, data, answer_texts, 2);
		list = get_lines(in, "files");
		if (json_array_size(list))
			json_object_set_new(data, "files", list);
		else
			json_decref(list);
		return GK_OK;
	case EVENT_ANSWERED:
		/* The outcome is the approved draft's (one given must agree); an
		 * answer on the spot (第三十三条第一款) has no draft and names it. */
		e->outcome = d->state.draft_outcome;
		return parse_outcome(in, !d->state.has_draft, &e->outcome, m);
	case EVENT_ANSWER_RETURNED:
		if (!get_str(in, "remarks") && !get_str(in, "note"))
			return gk_errf(m, GK_EINVAL, "remarks：请写明退回的意见");
		return GK_OK;
	case EVENT_EXTENSION_REFUSED:
		if (!get_str(in, "remarks") && !get_str(in, "note"))
			return gk_errf(m, GK_EINVAL, "note：请写明不同意延期的理由");
		return GK_OK;
	case EVENT_ASSIGNED:
		if (!get_int(in, "assignee", &v) || v <= 0)
			return gk_errf(m, GK_EINVAL, "assignee：请选择承办人");
		e->assignee = v;
		return GK_OK;
	default:
		return GK_OK;
	}
}

enum gk_err case_event_parse(const struct case_ctx *cx, const struct case_data *d,
			     const json_t *in, struct store_event *e, char **data_out,
			     char **note_out, struct gk_errmsg *m)
{
	const char *type = get_str(in, "type");
	const char *note = get_str(in, "remarks") ? get_str(in, "remarks") : get_str(in, "note");
	json_t *data = json_object();
	enum gk_err err;

	*data_out = *note_out = NULL;
	memset(e, 0, sizeof(*e));
	e->application_id = d->app.id;
	if (!type || !app_event_kind_parse(type, &e->kind) || e->kind == EVENT_RECEIVED ||
	    e->kind == EVENT_CARRIED_OVER) {
		json_decref(data);
		return gk_errf(m, GK_EINVAL,
			       "type：应为 correction_requested、correction_received、"
			       "correction_lapsed、consultation_opened、consultation_closed、"
			       "extension_requested、extension_approved、fee_notice、fee_paid、"
			       "extension_refused、fee_lapsed、answer_drafted、answer_returned、"
			       "answer_approved、answered、closed 或 assigned");
	}
	if ((err = get_date(in, "date", false, &e->date, m)) ||
	    (err = parse_kind_fields(cx, d, in, e, data, m))) {
		json_decref(data);
		return err;
	}
	if (!e->date)
		e->date = cx->today;
	if (note && strlen(note) > 4000) {
		json_decref(data);
		return gk_errf(m, GK_EINVAL, "note：最多 4000 字节");
	}
	if (json_object_size(data) && !(*data_out = json_dumps(data, JSON_COMPACT))) {
		json_decref(data);
		return gk_errf(m, GK_ENOMEM, "out of memory");
	}
	json_decref(data);
	if (note && !(*note_out = strdup(note))) {
		free(*data_out);
		*data_out = NULL;
		return gk_errf(m, GK_ENOMEM, "out of memory");
	}
	return GK_OK;
}

/* --- Acting -------------------------------------------------------------- */

static enum gk_err act_locked(const struct case_ctx *cx, int64_t id, int64_t expected_version,
			      const struct store_event *e, const struct proc_actor *who,
			      struct gk_errmsg *m)
{
	struct case_data d;
	struct store_event ev = *e;
	struct store_case_state cs;
	struct store_agency ag;
	char detail[96];
	enum gk_err err = case_load(cx, id, &d, m);

	if (err)
		goto out;
	if (expected_version >= 0 && expected_version != (int64_t)d.n_events) {
		err = gk_errf(m, GK_ECONFLICT,
			      "案件已被他人更新（您看到的是第 %" PRId64 " 步，现在已有 %zu 步），"
			      "请查看最新情况后再操作",
			      expected_version, d.n_events);
		goto out;
	}
	ev.application_id = id;
	ev.user_id = cx->who.user_id;
	if ((err = proc_check(cx->cal, &d.state, &ev, who, cx->today, m)) ||
	    (err = store_event_add(cx->st, &ev, NULL, m)) ||
	    (err = proc_apply(cx->cal, &d.state, &ev, cx->today, m)))
		goto out;
	cs = case_cached_state(&d.state);
	if ((err = store_application_set_state(cx->st, id, &cs, m)) ||
	    (err = store_agency_get_id(cx->st, d.app.agency_id, &ag, m)))
		goto out;
	snprintf(detail, sizeof(detail), "%s %s", ag.code, app_event_kind_id(ev.kind));
	err = audit_append(cx->st, &cx->who, "application.event",
			   d.app.tracking_code ? d.app.tracking_code : d.app.ref, detail, m);
out:
	case_release(&d);
	return err;
}

enum gk_err case_act(const struct case_ctx *cx, int64_t id, int64_t expected_version,
		     const struct store_event *e, const struct proc_actor *who,
		     struct gk_errmsg *m)
{
	bool own;
	enum gk_err err;

	/* BEGIN IMMEDIATE: the state read is the state written over, so of
	 * two handlers acting at once the second sees the first's event. */
	if ((err = store_join(cx->st, &own, m)))
		return err;
	err = act_locked(cx, id, expected_version, e, who, m);
	return store_leave(cx->st, own, err, m);
}

enum gk_err case_refresh(const struct case_ctx *cx, int64_t id, struct gk_errmsg *m)
{
	struct case_data d;
	struct store_case_state cs;
	enum gk_err err = case_load(cx, id, &d, m);

	if (!err) {
		cs = case_cached_state(&d.state);
		err = store_application_set_state(cx->st, id, &cs, m);
	}
	case_release(&d);
	return err;
}

enum gk_err case_refresh_stale(const struct case_ctx *cx, size_t *refreshed, size_t *failed,
			       struct gk_errmsg *m)
{
	int64_t *ids;
	size_t n;
	bool own;
	enum gk_err err = store_application_stale(cx->st, &ids, &n, m);

	*refreshed = *failed = 0;
	if (err || !n) {
		free(ids);
		return err;
	}
	if (!(err = store_join(cx->st, &own, m))) {
		for (size_t i = 0; i < n && !err; i++) {
			err = case_refresh(cx, ids[i], m);
			/* A log the procedure cannot replay stays as it is. */
			if (err == GK_EINVAL || err == GK_ERANGE)
				err = GK_OK, ++*failed;
			else if (!err)
				++*refreshed;
		}
		err = store_leave(cx->st, own, err, m);
	}
	free(ids);
	return err;
}
