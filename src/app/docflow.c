/*
 * docflow.c: the rules of a document's way into the catalogue and the use
 * cases that record each step (docflow.h, docs/documents.md).
 */
#include "app/docflow.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* --- Names ----------------------------------------------------------------- */

static const struct {
	const char *id, *name;
	enum auth_action action;
} steps[DOCFLOW_STEP_COUNT] = {
    [DOCFLOW_PROPOSE] = {"attr_proposed", "提出公开属性", AUTH_DRAFT_DOCUMENT},
    [DOCFLOW_CONFIRM] = {"attr_confirmed", "确认公开属性", AUTH_REVIEW_DOCUMENT},
    [DOCFLOW_REVIEW] = {"secrecy_reviewed", "保密审查", AUTH_REVIEW_DOCUMENT},
    [DOCFLOW_PUBLISH] = {"published", "公开", AUTH_REVIEW_DOCUMENT},
    [DOCFLOW_ABOLISH] = {"abolished", "废止", AUTH_REVIEW_DOCUMENT},
    [DOCFLOW_ARCHIVE] = {"archived", "送交两馆", AUTH_REVIEW_DOCUMENT},
    [DOCFLOW_LINK] = {"interpretation_linked", "关联所解读的政策文件", AUTH_DRAFT_DOCUMENT},
};
/* A 失效 is recorded in the history under its own kind. */
#define EVENT_INVALIDATED "invalidated"

const char *docflow_step_id(enum docflow_step s)
{
	return (unsigned)s < DOCFLOW_STEP_COUNT ? steps[s].id : "";
}

const char *docflow_step_name(enum docflow_step s)
{
	return (unsigned)s < DOCFLOW_STEP_COUNT ? steps[s].name : "";
}

bool docflow_step_parse(const char *id, enum docflow_step *out)
{
	for (int i = 0; id && i < DOCFLOW_STEP_COUNT; i++)
		if (!strcmp(id, steps[i].id)) {
			*out = (enum docflow_step)i;
			return true;
		}
	return false;
}

enum auth_action docflow_step_action(enum docflow_step s)
{
	return (unsigned)s < DOCFLOW_STEP_COUNT ? steps[s].action : AUTH_REVIEW_DOCUMENT;
}

const char *docflow_event_name(const char *kind)
{
	enum docflow_step s;

	if (!kind)
		return "";
	if (!strcmp(kind, DOCFLOW_EVENT_CREATED))
		return "登记";
	if (!strcmp(kind, EVENT_INVALIDATED))
		return "宣布失效";
	if (docflow_step_parse(kind, &s))
		return steps[s].name;
	return kind;
}

static const char *const attr_ids[ATTR_COUNT] = {"unset", "proactive", "on_request", "withheld"};
static const char *const attr_names[ATTR_COUNT] = {"未定", "主动公开", "依申请公开", "不予公开"};
static const char *const status_ids[DOC_STATUS_COUNT] = {"draft", "reviewed", "published",
							 "abolished", "invalid"};
static const char *const status_names[DOC_STATUS_COUNT] = {"起草中", "已审查待公开", "已公开",
							   "已废止", "已失效"};
/* What a document in each status has been through: "文件已于…公开". */
static const char *const status_done[DOC_STATUS_COUNT] = {"起草", "通过保密审查", "公开", "废止",
							  "失效"};
static const char *const kind_ids[DOC_KIND_COUNT] = {"plain", "rule", "normative"};
static const char *const kind_names[DOC_KIND_COUNT] = {"其他文件", "规章", "行政规范性文件"};

static bool parse(const char *const *ids, int n, int first, const char *id, int *out)
{
	for (int i = first; id && i < n; i++)
		if (!strcmp(id, ids[i])) {
			*out = i;
			return true;
		}
	return false;
}

const char *docflow_attr_id(enum disclosure_attr a)
{
	return (unsigned)a < ATTR_COUNT ? attr_ids[a] : "";
}

const char *docflow_attr_name(enum disclosure_attr a)
{
	return (unsigned)a < ATTR_COUNT ? attr_names[a] : "";
}

bool docflow_attr_parse(const char *id, enum disclosure_attr *out)
{
	int v;

	if (!parse(attr_ids, ATTR_COUNT, ATTR_PROACTIVE, id, &v))
		return false;
	*out = (enum disclosure_attr)v;
	return true;
}

const char *docflow_status_id(enum doc_status s)
{
	return (unsigned)s < DOC_STATUS_COUNT ? status_ids[s] : "";
}

const char *docflow_status_name(enum doc_status s)
{
	return (unsigned)s < DOC_STATUS_COUNT ? status_names[s] : "";
}

bool docflow_status_parse(const char *id, enum doc_status *out)
{
	int v;

	if (!parse(status_ids, DOC_STATUS_COUNT, 0, id, &v))
		return false;
	*out = (enum doc_status)v;
	return true;
}

const char *docflow_kind_id(enum doc_kind k)
{
	return (unsigned)k < DOC_KIND_COUNT ? kind_ids[k] : "";
}

const char *docflow_kind_name(enum doc_kind k)
{
	return (unsigned)k < DOC_KIND_COUNT ? kind_names[k] : "";
}

bool docflow_kind_parse(const char *id, enum doc_kind *out)
{
	int v;

	if (!parse(kind_ids, DOC_KIND_COUNT, 0, id, &v))
		return false;
	*out = (enum doc_kind)v;
	return true;
}

/* --- The rules ----------------------------------------------------------------- */

#define refuse(m, ...) gk_errf(m, GK_ECONFLICT, __VA_ARGS__)

static bool gone(enum doc_status s)
{
	return s == DOC_ABOLISHED || s == DOC_INVALID;
}

/* "于2026-03-02" or "" when the date is not known. */
static const char *on(gk_date d, char buf[GK_DATE_STRLEN + 4])
{
	char iso[GK_DATE_STRLEN];

	if (!d)
		return "";
	snprintf(buf, GK_DATE_STRLEN + 4, "于%s", date_format(d, iso));
	return buf;
}

/* 依申请公开 and 不予公开 information never goes to the catalogue. */
static enum gk_err not_proactive(enum disclosure_attr a, struct gk_errmsg *m)
{
	return refuse(m,
		      "公开属性确认为“%s”，不属于主动公开的政府信息（条例第十九条、第二十条），"
		      "不进入保密审查和发布，不列入公开目录。",
		      attr_names[a]);
}

static enum gk_err allowed_link(const struct docflow_doc *d, const struct docflow_doc *p,
				struct gk_errmsg *m)
{
	if (d->published || (d->status != DOC_DRAFT && d->status != DOC_REVIEWED))
		return refuse(m, "文件已%s，不能再关联所解读的政策文件：解读应与政策文件同步公开。",
			      status_done[d->status]);
	if (d->interpretations > 0)
		return refuse(m, "本文件已有解读，不能再作为另一文件的解读。");
	if (!p)
		return GK_OK;
	if (p->id == d->id)
		return refuse(m, "文件不能解读自身。");
	if (p->agency_id != d->agency_id)
		return refuse(m,
			      "解读与所解读的政策文件须为同一机关的文件：二者同步审签、同步公开于"
			      "同一公开目录。");
	if (p->interprets_id)
		return refuse(m, "所选文件本身是解读，不能再被解读。");
	if (gone(p->status))
		return refuse(m, "所选政策文件已%s，不再需要解读。", status_done[p->status]);
	if (p->confirmed == ATTR_ON_REQUEST || p->confirmed == ATTR_WITHHELD)
		return refuse(m, "所选文件的公开属性为“%s”，不主动公开，解读无从与之同步公开。",
			      attr_names[p->confirmed]);
	if (d->interprets_id == p->id)
		return refuse(m, "本文件已关联该政策文件。");
	return GK_OK;
}

static enum gk_err allowed_publish(const struct docflow_doc *d, const struct docflow_doc *p,
				   struct gk_errmsg *m)
{
	char iso[GK_DATE_STRLEN + 4];

	if (d->confirmed == ATTR_ON_REQUEST || d->confirmed == ATTR_WITHHELD)
		return not_proactive(d->confirmed, m);
	if (d->status == DOC_DRAFT)
		return refuse(m,
			      "文件尚未通过保密审查，不得公开（条例第十七条：先审查、后公开）。");
	if (d->status != DOC_REVIEWED)
		return refuse(m, "文件已%s%s。",
			      on(d->status == DOC_PUBLISHED ? d->published : d->abolished, iso),
			      status_done[d->status]);
	if (d->confirmed != ATTR_PROACTIVE)
		return refuse(m, "公开属性尚未确认为主动公开，不得公开（条例第十七条）。");
	if (!d->interprets_id)
		return GK_OK;
	if (!p || p->id != d->interprets_id)
		return refuse(m, "找不到本解读所解读的政策文件（编号 %" PRId64 "）。",
			      d->interprets_id);
	if (p->status != DOC_PUBLISHED)
		return refuse(
		    m,
		    "所解读的政策文件尚未公开（%s）：解读不得先于政策文件公开，应与政策文件同步"
		    "公开；公开政策文件时，已通过保密审查的解读随之公开。",
		    status_names[p->status]);
	return GK_OK;
}

enum gk_err docflow_allowed(const struct docflow_doc *d, enum docflow_step s, int64_t user_id,
			    const struct docflow_doc *policy, struct gk_errmsg *m)
{
	char iso[GK_DATE_STRLEN + 4];

	if ((unsigned)d->status >= DOC_STATUS_COUNT || (unsigned)d->proposed >= ATTR_COUNT ||
	    (unsigned)d->confirmed >= ATTR_COUNT)
		return gk_errf(m, GK_EINTERNAL, "document %" PRId64 ": a stored value out of range",
			       d->id);
	switch (s) {
	case DOCFLOW_PROPOSE:
		if (d->status != DOC_DRAFT)
			return refuse(m, "文件已%s，不能再提出公开属性。", status_done[d->status]);
		if (d->confirmed != ATTR_UNSET)
			return refuse(m, "公开属性已确认为“%s”，不能再提出。",
				      attr_names[d->confirmed]);
		return GK_OK;
	case DOCFLOW_CONFIRM:
		if (d->status != DOC_DRAFT)
			return refuse(m, "文件已%s，公开属性不能再确认。", status_done[d->status]);
		if (d->confirmed != ATTR_UNSET)
			return refuse(m, "公开属性已%s确认为“%s”。", on(d->confirmed_on, iso),
				      attr_names[d->confirmed]);
		if (d->proposed == ATTR_UNSET)
			return refuse(m,
				      "起草单位尚未提出公开属性：先由起草单位提出，再由公开工作机构"
				      "确认。");
		/* 条例第十七条: a review mechanism with its procedure and
		 * responsibilities — the one who proposes does not confirm. */
		if (d->proposer && d->proposer == user_id)
			return refuse(m,
				      "公开属性须由提出人以外的工作人员确认（条例第十七条：政府信息"
				      "公开审查机制）；这一公开属性是您提出的。");
		return GK_OK;
	case DOCFLOW_REVIEW:
		if (d->status == DOC_REVIEWED)
			return refuse(m, "文件已%s通过保密审查。", on(d->reviewed, iso));
		if (d->status != DOC_DRAFT)
			return refuse(m, "文件已%s，不再进行保密审查。", status_done[d->status]);
		if (d->confirmed == ATTR_UNSET)
			return refuse(
			    m, "公开属性尚未确认：先确认公开属性，再对拟公开的文件进行保密审查"
			       "（条例第十七条）。");
		if (d->confirmed != ATTR_PROACTIVE)
			return not_proactive(d->confirmed, m);
		return GK_OK;
	case DOCFLOW_PUBLISH:
		return allowed_publish(d, policy, m);
	case DOCFLOW_ABOLISH:
		if (gone(d->status))
			return refuse(m, "文件已%s%s。", on(d->abolished, iso),
				      status_done[d->status]);
		if (d->status != DOC_PUBLISHED)
			return refuse(
			    m, "文件尚未公开：只有已公开、现行有效的文件可以废止或宣布失效。");
		return GK_OK;
	case DOCFLOW_ARCHIVE:
		if (!d->published)
			return refuse(
			    m, "文件尚未公开：送交国家档案馆、公共图书馆的是已主动公开的政府信息"
			       "（条例第二十五条）。");
		if (d->archived)
			return refuse(m, "文件已%s送交两馆。", on(d->archived, iso));
		return GK_OK;
	case DOCFLOW_LINK:
		return allowed_link(d, policy, m);
	default:
		return gk_errf(m, GK_EINVAL, "unknown step %d", (int)s);
	}
}

/* The date of the step s follows (0: none), and what it is called. */
static gk_date previous(const struct docflow_doc *d, enum docflow_step s, const char **what)
{
	switch (s) {
	case DOCFLOW_CONFIRM:
		*what = "公开属性的提出日期";
		return d->proposed_on;
	case DOCFLOW_REVIEW:
		*what = "公开属性的确认日期";
		return d->confirmed_on;
	case DOCFLOW_PUBLISH:
		*what = "保密审查日期（条例第十七条：先审查、后公开）";
		return d->reviewed;
	case DOCFLOW_ABOLISH:
	case DOCFLOW_ARCHIVE:
		*what = "公开日期";
		return d->published;
	default:
		return 0;
	}
}

static enum gk_err check_date(const struct docflow_doc *d, const struct docflow_act *a,
			      const struct docflow_doc *policy, gk_date today, struct gk_errmsg *m)
{
	char day[GK_DATE_STRLEN], other[GK_DATE_STRLEN];
	const char *what = "";
	gk_date prev = previous(d, a->step, &what);

	if (!a->date)
		return gk_errf(m, GK_EINVAL, "请填写%s的日期。", steps[a->step].name);
	date_format(a->date, day);
	if (a->date > today)
		return refuse(m, "日期 %s 晚于今天（%s）：只能记录已经发生的步骤。", day,
			      date_format(today, other));
	if (a->date < d->created)
		return refuse(m, "日期 %s 早于文件的形成日期 %s。", day,
			      date_format(d->created, other));
	if (prev && a->date < prev)
		return refuse(m, "日期 %s 早于%s %s。", day, what, date_format(prev, other));
	if (a->step == DOCFLOW_PUBLISH && d->interprets_id && policy && policy->published &&
	    a->date < policy->published)
		return refuse(m,
			      "解读的公开日期 %s 早于所解读政策文件的公开日期 %s：解读不得先于政策"
			      "文件公开。",
			      day, date_format(policy->published, other));
	return GK_OK;
}

/* 条例第十三条: 除第十四条、第十五条、第十六条规定的政府信息外，政府信息应当公开 —
 * so anything but 主动公开 must say why. */
static enum gk_err check_attr(const struct docflow_doc *d, const struct docflow_act *a,
			      struct gk_errmsg *m)
{
	bool reason = a->note && *a->note;

	if (a->attr <= ATTR_UNSET || a->attr >= ATTR_COUNT)
		return gk_errf(m, GK_EINVAL,
			       "公开属性应为 proactive（主动公开）、on_request（依申请"
			       "公开）或 withheld（不予公开）。");
	if (a->attr != ATTR_PROACTIVE && !reason)
		return refuse(
		    m,
		    "公开属性为“%s”时须说明理由和依据（条例第十三条：除第十四条、第十五条、"
		    "第十六条规定的情形外，政府信息应当公开）。",
		    attr_names[a->attr]);
	if (a->step == DOCFLOW_CONFIRM && a->attr != d->proposed && !reason)
		return refuse(m, "确认的公开属性与起草单位提出的“%s”不同，须说明理由。",
			      attr_names[d->proposed]);
	return GK_OK;
}

enum gk_err docflow_check(const struct docflow_doc *d, const struct docflow_act *a,
			  const struct docflow_doc *policy, gk_date today, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((unsigned)a->step >= DOCFLOW_STEP_COUNT)
		return gk_errf(m, GK_EINVAL, "unknown step %d", (int)a->step);
	if (a->note && strlen(a->note) > DOCFLOW_NOTE_MAX)
		return gk_errf(m, GK_EINVAL, "说明过长：至多 %d 字节。", DOCFLOW_NOTE_MAX);
	if (a->step == DOCFLOW_LINK) {
		if (a->policy_id <= 0)
			return gk_errf(m, GK_EINVAL, "请填写所解读的政策文件的编号。");
		if (!policy || policy->id != a->policy_id)
			return gk_errf(m, GK_EINVAL, "找不到编号为 %" PRId64 " 的政策文件。",
				       a->policy_id);
	}
	if ((a->step == DOCFLOW_PROPOSE || a->step == DOCFLOW_CONFIRM) &&
	    (unsigned)a->attr >= ATTR_COUNT)
		return check_attr(d, a, m);
	if ((err = docflow_allowed(d, a->step, a->user_id, policy, m)))
		return err;
	if ((a->step == DOCFLOW_PROPOSE || a->step == DOCFLOW_CONFIRM) &&
	    (err = check_attr(d, a, m)))
		return err;
	return check_date(d, a, policy, today, m);
}

/* --- The deadline ---------------------------------------------------------------- */

void docflow_deadline(const struct calendar *cal, enum doc_status status, enum disclosure_attr attr,
		      gk_date created, gk_date published, gk_date today,
		      struct docflow_deadline *out)
{
	gk_date due;

	memset(out, 0, sizeof(*out));
	out->published = published;
	/* 条例第二十六条: 20 working days from the day it was formed, that day
	 * not counted (民法典第二百零一条), 调休 as the State Council's notice. */
	if (!created || !calendar_in_range(created) ||
	    !calendar_add_working_days(cal, created, DOCFLOW_WORKING_DAYS, &due)) {
		out->timing = DOCFLOW_UNKNOWN;
		return;
	}
	out->due = due;
	out->guessed = !calendar_years_are_official(cal, date_year(created), date_year(due));
	if (published) {
		out->timing = published <= due ? DOCFLOW_IN_TIME : DOCFLOW_LATE_PUBLISHED;
		if (published > due && calendar_in_range(published))
			out->overdue = calendar_working_days_between(cal, due, published);
		return;
	}
	if (status == DOC_ABOLISHED || status == DOC_INVALID || attr == ATTR_ON_REQUEST ||
	    attr == ATTR_WITHHELD) {
		out->timing = DOCFLOW_NO_DEADLINE;
		return;
	}
	out->timing = today > due ? DOCFLOW_LATE_PENDING : DOCFLOW_DUE;
	if (calendar_in_range(today)) {
		out->days_left = calendar_working_days_between(cal, today, due);
		if (today > due)
			out->overdue = -out->days_left;
	}
}

const char *docflow_timing_name(enum docflow_timing t)
{
	switch (t) {
	case DOCFLOW_NO_DEADLINE:
		return "不适用";
	case DOCFLOW_DUE:
		return "待公开";
	case DOCFLOW_IN_TIME:
		return "按期公开";
	case DOCFLOW_LATE_PENDING:
		return "逾期未公开";
	case DOCFLOW_LATE_PUBLISHED:
		return "逾期公开";
	default:
		return "无法计算";
	}
}

void docflow_deadline_explain(const struct docflow_deadline *dl, gk_date created, char *out,
			      size_t size)
{
	char c[GK_DATE_STRLEN], due[GK_DATE_STRLEN], pub[GK_DATE_STRLEN];
	int n;

	if (dl->timing == DOCFLOW_UNKNOWN) {
		snprintf(out, size,
			 "形成日期不在工作日历的范围（%d—%d年）内，无法计算条例第二十六条的"
			 "期限。",
			 CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR);
		return;
	}
	date_format(created, c);
	date_format(dl->due, due);
	n = snprintf(
	    out, size,
	    "条例第二十六条：主动公开的政府信息应自形成之日起%d个工作日内公开（形成当日不计"
	    "入，节假日和调休按国务院办公厅的通知）。形成日期 %s，期限的最后一日为 %s%s。",
	    DOCFLOW_WORKING_DAYS, c, due,
	    dl->guessed ? "（其中有年份的节假日安排尚未发布，按周一至周五推算）" : "");
	if (n < 0 || (size_t)n >= size)
		return;
	out += n, size -= (size_t)n;
	switch (dl->timing) {
	case DOCFLOW_NO_DEADLINE:
		snprintf(out, size, "本文件不主动公开（或未公开即已废止），不适用这一期限。");
		break;
	case DOCFLOW_DUE:
		if (dl->days_left > 0)
			snprintf(out, size, "尚未公开，还有 %d 个工作日。", dl->days_left);
		else
			snprintf(out, size, "尚未公开，今天是期限的最后一日。");
		break;
	case DOCFLOW_IN_TIME:
		snprintf(out, size, "已于 %s 公开，在期限内。", date_format(dl->published, pub));
		break;
	case DOCFLOW_LATE_PENDING:
		if (dl->overdue > 0)
			snprintf(out, size, "已超期 %d 个工作日，仍未公开。", dl->overdue);
		else
			snprintf(out, size, "期限已过，仍未公开。");
		break;
	case DOCFLOW_LATE_PUBLISHED:
		snprintf(out, size, "%s 才公开，超期 %d 个工作日。",
			 date_format(dl->published, pub), dl->overdue);
		break;
	default:
		break;
	}
}

enum store_docs_late docflow_late(void *ctx, const struct store_docs_row *r)
{
	const struct docflow_late_ctx *c = ctx;
	struct docflow_deadline dl;

	docflow_deadline(c->cal, r->status,
			 r->attr_confirmed != ATTR_UNSET ? r->attr_confirmed : r->attr_proposed,
			 r->created, r->published, c->today, &dl);
	if (dl.timing == DOCFLOW_LATE_PENDING)
		return STORE_DOCS_LATE_PENDING;
	if (dl.timing == DOCFLOW_LATE_PUBLISHED)
		return STORE_DOCS_LATE_PUBLISHED;
	return STORE_DOCS_IN_TIME;
}

/* --- The use cases ----------------------------------------------------------------- */

static int from_history(void *ctx, const struct store_docs_event *e)
{
	struct docflow_doc *d = ctx;

	if (!strcmp(e->kind, steps[DOCFLOW_PROPOSE].id)) {
		d->proposed_on = e->date;
		d->proposer = e->user_id;
	} else if (!strcmp(e->kind, steps[DOCFLOW_CONFIRM].id)) {
		d->confirmed_on = e->date;
	}
	return 0;
}

enum gk_err docflow_load(struct store *st, int64_t id, struct docflow_doc *out,
			 struct store_document *d, struct store_docs_review *r, struct gk_errmsg *m)
{
	struct store_document own;
	struct store_docs_review rev;
	enum gk_err err;

	if (!d)
		d = &own;
	if ((err = store_docs_get(st, id, d, &rev, m)))
		return err;
	if (r)
		*r = rev;
	*out = (struct docflow_doc){
	    .id = d->id,
	    .agency_id = d->agency_id,
	    .status = d->status,
	    .kind = d->kind,
	    .proposed = d->attr_proposed,
	    .confirmed = d->attr_confirmed,
	    .created = d->created,
	    .published = d->published,
	    .abolished = d->abolished,
	    .archived = d->archived,
	    .reviewed = rev.secrecy_reviewed,
	    .interprets_id = rev.interprets_id,
	    .interpretations = rev.interpretations,
	};
	return store_docs_event_each(st, id, from_history, out, m);
}

static enum gk_err record(struct store *st, int64_t doc, const char *kind, gk_date date,
			  const struct audit_who *who, const char *note, struct gk_errmsg *m)
{
	struct store_docs_event e = {
	    .document_id = doc, .kind = kind, .date = date, .user_id = who->user_id, .note = note};

	return store_docs_event_add(st, &e, NULL, m);
}

static enum gk_err audit(struct store *st, const struct audit_who *who, const char *kind,
			 int64_t doc, const char *detail, struct gk_errmsg *m)
{
	char action[64], object[48];

	snprintf(action, sizeof(action), "document.%s", kind);
	snprintf(object, sizeof(object), "document:%" PRId64, doc);
	return audit_append(st, who, action, object, detail, m);
}

/* The policy a step needs (docflow_allowed): the 解读's own for publishing,
 * the one named for linking. *have is false when there is none. */
static enum gk_err load_policy(struct store *st, const struct docflow_doc *d,
			       const struct docflow_act *a, struct docflow_doc *p, bool *have,
			       struct gk_errmsg *m)
{
	int64_t id = a->step == DOCFLOW_PUBLISH ? d->interprets_id
		     : a->step == DOCFLOW_LINK	? a->policy_id
						: 0;
	enum gk_err err;

	*have = false;
	if (id <= 0)
		return GK_OK;
	err = docflow_load(st, id, p, NULL, NULL, m);
	if (err == GK_ENOTFOUND)
		return GK_OK; /* docflow_check names what is missing */
	*have = !err;
	return err;
}

enum gk_err docflow_create(struct store *st, const struct store_document *d,
			   const struct docflow_new *n, const struct audit_who *who, gk_date today,
			   int64_t *id, struct gk_errmsg *m)
{
	struct store_document x = *d;
	struct docflow_doc draft = {.agency_id = d->agency_id, .created = d->created}, policy;
	struct docflow_act propose = {.step = DOCFLOW_PROPOSE,
				      .date = n->proposed_on ? n->proposed_on : today,
				      .user_id = who->user_id,
				      .attr = n->attr,
				      .note = n->reason};
	struct docflow_act link = {.step = DOCFLOW_LINK,
				   .date = today,
				   .user_id = who->user_id,
				   .policy_id = n->interprets_id};
	char iso[GK_DATE_STRLEN], now[GK_DATE_STRLEN], detail[96];
	enum gk_err err;
	int64_t new_id = 0;
	bool own, have;

	if (d->created > today)
		return refuse(m, "形成日期 %s 晚于今天（%s）。", date_format(d->created, iso),
			      date_format(today, now));
	x.status = DOC_DRAFT;
	x.published = x.abolished = x.archived = 0;
	x.attr_proposed = ATTR_UNSET;
	x.attr_confirmed = ATTR_UNSET;
	if ((err = store_join(st, &own, m)))
		return err;
	if (n->attr != ATTR_UNSET && (err = docflow_check(&draft, &propose, NULL, today, m)))
		goto out;
	if (n->interprets_id &&
	    ((err = load_policy(st, &draft, &link, &policy, &have, m)) ||
	     (err = docflow_check(&draft, &link, have ? &policy : NULL, today, m))))
		goto out;
	x.attr_proposed = n->attr;
	if ((err = store_document_add(st, &x, &new_id, m)) ||
	    (err = record(st, new_id, DOCFLOW_EVENT_CREATED, today, who, NULL, m)))
		goto out;
	if (n->attr != ATTR_UNSET &&
	    (err = record(st, new_id, steps[DOCFLOW_PROPOSE].id, propose.date, who, n->reason, m)))
		goto out;
	if (n->interprets_id &&
	    ((err = store_docs_link(st, new_id, n->interprets_id, m)) ||
	     (err = record(st, new_id, steps[DOCFLOW_LINK].id, today, who, NULL, m))))
		goto out;
	snprintf(detail, sizeof(detail), "created=%s attr=%s interprets=%" PRId64,
		 date_format(d->created, iso), attr_ids[n->attr], n->interprets_id);
	err = audit(st, who, "create", new_id, detail, m);
out:
	err = store_leave(st, own, err, m);
	if (!err && id)
		*id = new_id;
	return err;
}

/* Publishing a policy publishes its reviewed 解读 with it, on the same day
 * (政策解读 is published together with the policy it explains). A 解读
 * that the rules would not let through (still a draft, formed later) stays
 * where it is. */
static enum gk_err publish_interpretations(struct store *st, const struct docflow_doc *policy,
					   const struct docflow_act *a, const struct audit_who *who,
					   gk_date today, int64_t *also, struct gk_errmsg *m)
{
	struct docflow_act pub = {.step = DOCFLOW_PUBLISH, .date = a->date, .user_id = a->user_id};
	char note[96], detail[64], iso[GK_DATE_STRLEN];
	int64_t *ids = NULL;
	size_t n = 0;
	enum gk_err err = store_docs_interpretations(st, policy->id, &ids, &n, m);

	snprintf(note, sizeof(note), "随所解读的政策文件（编号 %" PRId64 "）同步公开", policy->id);
	snprintf(detail, sizeof(detail), "date=%s with=%" PRId64, date_format(a->date, iso),
		 policy->id);
	for (size_t i = 0; !err && i < n; i++) {
		struct docflow_doc in;

		if ((err = docflow_load(st, ids[i], &in, NULL, NULL, m)))
			break;
		if (in.status != DOC_REVIEWED || docflow_check(&in, &pub, policy, today, NULL))
			continue;
		if ((err = store_docs_publish(st, in.id, a->date, m)) ||
		    (err = record(st, in.id, steps[DOCFLOW_PUBLISH].id, a->date, who, note, m)) ||
		    (err = audit(st, who, steps[DOCFLOW_PUBLISH].id, in.id, detail, m)))
			break;
		if (also)
			(*also)++;
	}
	free(ids);
	return err;
}

static enum gk_err apply(struct store *st, int64_t id, const struct docflow_act *a,
			 struct gk_errmsg *m)
{
	switch (a->step) {
	case DOCFLOW_PROPOSE:
		return store_docs_propose(st, id, a->attr, m);
	case DOCFLOW_CONFIRM:
		return store_docs_confirm(st, id, a->attr, m);
	case DOCFLOW_REVIEW:
		return store_docs_review(st, id, a->date, m);
	case DOCFLOW_PUBLISH:
		return store_docs_publish(st, id, a->date, m);
	case DOCFLOW_ABOLISH:
		return store_docs_abolish(st, id, a->date, a->invalid, m);
	case DOCFLOW_ARCHIVE:
		return store_docs_archive(st, id, a->date, m);
	case DOCFLOW_LINK:
		return store_docs_link(st, id, a->policy_id, m);
	default:
		return gk_errf(m, GK_EINVAL, "unknown step %d", (int)a->step);
	}
}

enum gk_err docflow_take(struct store *st, int64_t id, const struct docflow_act *a,
			 const struct audit_who *who, gk_date today, int64_t *also,
			 struct gk_errmsg *m)
{
	struct docflow_doc d, policy;
	const char *kind = docflow_step_id(a->step);
	char detail[128], iso[GK_DATE_STRLEN];
	enum gk_err err;
	bool own, have = false;

	if (also)
		*also = 0;
	if ((err = store_join(st, &own, m)))
		return err;
	if ((err = docflow_load(st, id, &d, NULL, NULL, m)) ||
	    (err = load_policy(st, &d, a, &policy, &have, m)) ||
	    (err = docflow_check(&d, a, have ? &policy : NULL, today, m)) ||
	    (err = apply(st, id, a, m)))
		goto out;
	if (a->step == DOCFLOW_ABOLISH && a->invalid)
		kind = EVENT_INVALIDATED;
	if ((err = record(st, id, kind, a->date, who, a->note, m)))
		goto out;
	snprintf(detail, sizeof(detail), "date=%s", date_format(a->date, iso));
	if (a->step == DOCFLOW_PROPOSE || a->step == DOCFLOW_CONFIRM)
		snprintf(detail + strlen(detail), sizeof(detail) - strlen(detail), " attr=%s",
			 attr_ids[a->attr]);
	else if (a->step == DOCFLOW_LINK)
		snprintf(detail + strlen(detail), sizeof(detail) - strlen(detail),
			 " policy=%" PRId64, a->policy_id);
	if ((err = audit(st, who, kind, id, detail, m)))
		goto out;
	if (a->step == DOCFLOW_PUBLISH) {
		d.status = DOC_PUBLISHED;
		d.published = a->date;
		err = publish_interpretations(st, &d, a, who, today, also, m);
	}
out:
	return store_leave(st, own, err, m);
}
