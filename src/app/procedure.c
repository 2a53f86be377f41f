/*
 * procedure.c: the state machine of an application for disclosure. See
 * procedure.h for the rules and the articles behind them.
 *
 * One state, two ways in: apply_effect() records what an event did,
 * whatever came before (replay of old ledgers); check() decides whether a
 * new event may come now (the strict order). The stage is derived from
 * the recorded facts by derive_stage(), so that both ways agree.
 */
#include "app/procedure.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/banned.h"

static const struct {
	const char *id;
	const char *name;
} stages[PROC_STAGE_COUNT] = {
	[PROC_ACCEPTED] = {"accepted", "办理中"},
	[PROC_CORRECTION] = {"correction", "待补正"},
	[PROC_CONSULTING] = {"consulting", "征求意见中"},
	[PROC_FEE] = {"fee", "待缴费"},
	[PROC_REVIEW] = {"review", "待审核"},
	[PROC_APPROVED] = {"approved", "待签发"},
	[PROC_ANSWERED] = {"answered", "已答复"},
	[PROC_CLOSED] = {"closed", "已办结"},
};

const char *proc_stage_id(enum proc_stage s)
{
	return (unsigned)s < PROC_STAGE_COUNT ? stages[s].id : "?";
}

const char *proc_stage_name(enum proc_stage s)
{
	return (unsigned)s < PROC_STAGE_COUNT ? stages[s].name : "?";
}

bool proc_stage_parse(const char *s, enum proc_stage *out)
{
	for (int i = 0; s && i < PROC_STAGE_COUNT; i++) {
		if (strcmp(s, stages[i].id) == 0 || strcmp(s, stages[i].name) == 0) {
			*out = (enum proc_stage)i;
			return true;
		}
	}
	return false;
}

static gk_date later(gk_date a, gk_date b)
{
	return a > b ? a : b;
}

static bool outcome_known(enum outcome o)
{
	return (unsigned)o < OUTCOME_COUNT;
}

static bool party_known(enum consult_party p)
{
	return p == CONSULT_THIRD_PARTY || p == CONSULT_AGENCY;
}

static const char *party_name(enum consult_party p)
{
	return p == CONSULT_AGENCY ? "其他机关" : "第三方";
}

static const char *party_article(enum consult_party p)
{
	return p == CONSULT_AGENCY ? "第三十四条" : "第三十二条";
}

/*
 * The applicant's 补正 deadline from the event's data {"deadline":
 * "YYYY-MM-DD", …} into *deadline (0 when not given). False when data is
 * not a JSON object or the deadline is not such a date.
 */
static bool parse_deadline(const char *data, gk_date *deadline)
{
	json_t *root, *v;
	bool ok = true;

	*deadline = 0;
	if (!data || !*data)
		return true;
	root = json_loads(data, 0, NULL);
	if (!json_is_object(root)) {
		json_decref(root);
		return false;
	}
	v = json_object_get(root, "deadline");
	if (v && !json_is_null(v))
		ok = json_is_string(v) &&
		     date_parse((struct str){json_string_value(v), json_string_length(v)}, deadline);
	json_decref(root);
	return ok;
}

/* --- The state from the facts ------------------------------------------ */

/*
 * The stage follows from what is recorded, most advanced first. Under the
 * strict order at most one of the open matters (补正, consultation, fee,
 * draft) is pending at a time, so this is exactly the stage the
 * transitions of procedure.h lead to; for imported logs it is the most
 * sensible reading.
 */
static enum proc_stage derive_stage(const struct proc_state *st)
{
	if (st->closed)
		return PROC_CLOSED;
	if (st->answered)
		return PROC_ANSWERED;
	if (st->has_draft)
		return st->approved ? PROC_APPROVED : PROC_REVIEW;
	if (st->correction_asked && !st->corrected)
		return PROC_CORRECTION;
	if (st->consulting)
		return PROC_CONSULTING;
	if (st->fee_pending)
		return PROC_FEE;
	return PROC_ACCEPTED;
}

/* The stage, the clock and what the inbox caches, from the facts. */
static enum gk_err refresh(const struct calendar *cal, struct proc_state *st, gk_date today,
			   struct gk_errmsg *m)
{
	struct clock_input *in = &st->clock_in;
	gk_date at = today;
	enum gk_err err;

	st->stage = derive_stage(st);
	st->today = today;
	/* The clock stops with the answer: how many days were left then is
	 * what matters afterwards (answered on time or late). */
	if (st->answered)
		at = st->answered_on;
	else if (st->closed)
		at = st->closed_on;
	*in = (struct clock_input){
		.received = st->received,
		.extension_days = st->extension_days,
		.pauses = st->pauses,
		.n_pauses = st->n_pauses,
		.has_fee_notice = st->fee_notice != 0,
		.fee_notice = st->fee_notice,
		.has_today = true,
		.today = at,
	};
	if (st->corrected) {
		/* 第三十条: 答复期限自行政机关收到补正的申请之日起计算. */
		in->has_corrected = true;
		in->corrected = st->corrected_on;
	} else if (st->correction_asked) {
		/* Waiting for 补正 (or given up): the period has not begun again.
		 * The earliest it can begin is today, so the due date shown is
		 * the one a correction arriving today would give; once lapsed,
		 * the period never began, and the case cannot be late. */
		in->has_corrected = true;
		in->corrected = later(at, st->correction_asked_on);
	}
	err = clock_compute(cal, in, &st->clock, NULL, m);
	if (err)
		return err;
	st->due = st->clock.due;
	st->paused = st->stage == PROC_CONSULTING || st->stage == PROC_CORRECTION;
	st->fee_payment_due = st->fee_notice ? st->clock.fee_payment_due : 0;
	return GK_OK;
}

/*
 * Record what ev did. No order is enforced (that is check()'s work); only
 * what cannot be recorded at all is refused, with GK_EINVAL.
 */
static enum gk_err apply_effect(const struct calendar *cal, struct proc_state *st,
				const struct store_event *ev, struct gk_errmsg *m)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

	if ((unsigned)ev->kind >= EVENT_KIND_COUNT)
		return gk_errf(m, GK_EINVAL, "未知的记录类型（%d）", (int)ev->kind);
	if (!calendar_in_range(ev->date))
		return gk_errf(m, GK_EINVAL, "日期超出日历范围（%d至%d年）", CALENDAR_FIRST_YEAR,
			       CALENDAR_LAST_YEAR);
	if (ev->kind == EVENT_RECEIVED) {
		if (st->version > 0)
			return gk_errf(m, GK_EINVAL, "收到申请只能是第一条记录，已于%s收到",
				       date_format(st->received, a));
	} else if (st->version == 0) {
		return gk_errf(m, GK_EINVAL, "第一条记录须为收到申请");
	} else if (ev->date < st->received) {
		return gk_errf(m, GK_EINVAL, "日期%s早于收到申请之日%s", date_format(ev->date, a),
			       date_format(st->received, b));
	}
	if ((ev->kind == EVENT_ANSWERED || ev->kind == EVENT_ANSWER_DRAFTED ||
	     ev->kind == EVENT_CORRECTION_LAPSED || ev->kind == EVENT_FEE_LAPSED) &&
	    !outcome_known(ev->outcome))
		return gk_errf(m, GK_EINVAL, "未知的办理结果（%d）", (int)ev->outcome);

	switch (ev->kind) {
	case EVENT_RECEIVED:
		st->received = ev->date;
		break;
	case EVENT_ASSIGNED:
		st->handler_id = ev->assignee;
		break;
	case EVENT_CORRECTION_ASKED:
		/* A second notice in an old ledger starts a new round. */
		st->correction_asked = true;
		st->corrected = false;
		st->correction_asked_on = ev->date;
		if (!parse_deadline(ev->data, &st->correction_deadline))
			st->correction_deadline = 0;
		break;
	case EVENT_CORRECTION_RECEIVED:
		st->corrected = true;
		st->corrected_on = ev->date;
		break;
	case EVENT_CORRECTION_LAPSED:
	case EVENT_FEE_LAPSED:
	case EVENT_ANSWERED:
		if (ev->kind == EVENT_FEE_LAPSED)
			st->fee_pending = false;
		st->answered = true;
		st->outcome = ev->outcome;
		st->answered_on = ev->date;
		break;
	case EVENT_CONSULTATION_OPENED:
		if (!party_known(ev->party))
			return gk_errf(m, GK_EINVAL, "未知的征求意见对象（%d）", (int)ev->party);
		if (st->consulting)
			return gk_errf(m, GK_EINVAL, "自%s起的征求意见尚未结束，不能同时再开始一次",
				       date_format(st->pauses[st->n_pauses - 1].from, a));
		if (st->n_pauses >= CLOCK_MAX_PAUSES)
			return gk_errf(m, GK_EINVAL, "征求意见超过%d次", CLOCK_MAX_PAUSES);
		st->pauses[st->n_pauses++] = (struct clock_pause){
			.from = ev->date,
			.open = true,
			.kind = ev->party == CONSULT_AGENCY ? CLOCK_PAUSE_AGENCY
							    : CLOCK_PAUSE_THIRD_PARTY,
		};
		st->consulting = true;
		st->consult_party = ev->party;
		/* 第三十二条/第三十四条: 15 working days from the day the letter
		 * is received; the day it is sent stands in for that day. */
		if (!calendar_add_working_days(cal, ev->date, PROC_CONSULT_REPLY_DAYS,
					       &st->consult_reply_due))
			return gk_errf(m, GK_ERANGE, "征求意见的答复期限超出日历范围");
		break;
	case EVENT_CONSULTATION_CLOSED:
		if (!st->consulting)
			return gk_errf(m, GK_EINVAL, "没有进行中的征求意见可以结束");
		st->pauses[st->n_pauses - 1].to = ev->date;
		st->pauses[st->n_pauses - 1].open = false;
		st->consulting = false;
		st->consult_reply_due = 0;
		break;
	case EVENT_EXTENSION_REQUESTED:
		st->extension_pending = true;
		st->extension_requested_days = ev->days;
		st->extension_requested_by = ev->user_id;
		st->extension_requested_on = ev->date;
		break;
	case EVENT_EXTENSION_APPROVED:
		if (ev->days < 1 || ev->days > CLOCK_MAX_EXTENSION_DAYS)
			return gk_errf(m, GK_EINVAL,
				       "延期%d个工作日不在1至%d之间（第三十三条第二款）", ev->days,
				       CLOCK_MAX_EXTENSION_DAYS);
		st->extension_pending = false;
		st->extension_days = ev->days;
		st->extension_approved_by = ev->user_id;
		st->extension_approved_on = ev->date;
		break;
	case EVENT_EXTENSION_REFUSED:
		/* The request is decided: the period stays as it was. */
		st->extension_pending = false;
		break;
	case EVENT_FEE_NOTICE:
		st->fee_notice = ev->date;
		st->fee_amount_fen = ev->amount_fen;
		st->fee_pending = true;
		st->fee_paid = false;
		break;
	case EVENT_FEE_PAID:
		st->fee_pending = false;
		st->fee_paid = true;
		st->fee_paid_on = ev->date;
		break;
	case EVENT_ANSWER_DRAFTED:
		st->has_draft = true;
		st->approved = false;
		st->draft_outcome = ev->outcome;
		st->drafted_by = ev->user_id;
		st->drafted_on = ev->date;
		break;
	case EVENT_ANSWER_RETURNED:
		st->has_draft = false;
		st->approved = false;
		st->returns++;
		break;
	case EVENT_ANSWER_APPROVED:
		st->approved = true;
		st->approved_by = ev->user_id;
		st->approved_on = ev->date;
		break;
	case EVENT_CLOSED:
		st->closed = true;
		st->closed_on = ev->date;
		break;
	case EVENT_CARRIED_OVER:
		st->carried_over_year = date_year(ev->date);
		break;
	case EVENT_KIND_COUNT:
		break;
	}
	st->version++;
	st->last_date = later(st->last_date, ev->date);
	return GK_OK;
}

enum gk_err proc_apply(const struct calendar *cal, struct proc_state *st,
		       const struct store_event *next, gk_date today, struct gk_errmsg *m)
{
	struct proc_state tmp = *st;
	enum gk_err err;

	tmp.clock_in.pauses = tmp.pauses;
	err = apply_effect(cal, &tmp, next, m);
	if (!err)
		err = refresh(cal, &tmp, today, m);
	if (err)
		return err;
	*st = tmp;
	st->clock_in.pauses = st->pauses;
	return GK_OK;
}

enum gk_err proc_replay(const struct calendar *cal, gk_date received, const struct store_event *ev,
			size_t n, gk_date today, struct proc_state *out, struct gk_errmsg *m)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];
	struct gk_errmsg why;

	memset(out, 0, sizeof(*out));
	out->clock_in.pauses = out->pauses;
	if (n == 0)
		return gk_errf(m, GK_EINVAL, "申请没有任何记录，第一条记录须为收到申请");
	if (ev[0].kind != EVENT_RECEIVED || ev[0].date != received)
		return gk_errf(m, GK_EINVAL,
			       "第1条记录（%s，%s）无法回放：第一条记录须为%s收到申请",
			       app_event_kind_name(ev[0].kind), date_format(ev[0].date, a),
			       date_format(received, b));
	for (size_t i = 0; i < n; i++) {
		enum gk_err err = proc_apply(cal, out, &ev[i], today, &why);

		if (err)
			return gk_errf(m, err, "第%zu条记录（%s，%s）无法回放：%s", i + 1,
				       app_event_kind_name(ev[i].kind), date_format(ev[i].date, a),
				       why.text);
	}
	return GK_OK;
}

/* --- The strict order --------------------------------------------------- */

/* GK_ECONFLICT with the stage and the reason. */
static enum gk_err refuse(struct gk_errmsg *m, const struct proc_state *st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum gk_err refuse(struct gk_errmsg *m, const struct proc_state *st, const char *fmt, ...)
{
	char reason[sizeof(m->text)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return gk_errf(m, GK_ECONFLICT, "当前阶段为「%s」：%s", proc_stage_name(st->stage), reason);
}

/* Why nothing new can be drafted or answered in this stage. */
static const char *busy_reason(enum proc_stage s)
{
	switch (s) {
	case PROC_CORRECTION:
		return "正在等待申请人补正（第三十条）";
	case PROC_CONSULTING:
		return "征求意见尚未结束（第三十二条、第三十四条）";
	case PROC_FEE:
		return "信息处理费尚未缴纳（国办函〔2020〕109号）";
	case PROC_REVIEW:
		return "答复稿正在审核";
	case PROC_APPROVED:
		return "答复稿已审核通过，待签发";
	case PROC_ANSWERED:
		return "已答复";
	default:
		return "答复须先拟稿并经审核通过（先审查、后公开）";
	}
}

/* An answer given on the spot (当场答复, 第三十三条第一款): the case is still
 * 办理中 with no draft, so nothing but receipt and assignment happened. */
static bool on_the_spot_possible(const struct proc_state *st)
{
	return st->stage == PROC_ACCEPTED && !st->has_draft && !st->correction_asked &&
	       !st->n_pauses && !st->fee_notice && !st->extension_pending && !st->extension_days;
}

/* Does the stage allow an event of this kind at all? */
static enum gk_err check_stage(const struct proc_state *st, enum app_event_kind k,
			       struct gk_errmsg *m)
{
	char a[GK_DATE_STRLEN];

	if (st->stage == PROC_CLOSED)
		return refuse(m, st, "案件已办结，不能再%s", app_event_kind_name(k));
	switch (k) {
	case EVENT_RECEIVED:
		return refuse(m, st, "收到申请只能是第一条记录，本申请已于%s收到（第三十一条）",
			      date_format(st->received, a));
	case EVENT_ASSIGNED:
	case EVENT_CARRIED_OVER:
		return GK_OK;
	case EVENT_CORRECTION_ASKED:
		if (st->correction_asked)
			return refuse(m, st, "已于%s告知补正；补正须一次性告知（第三十条），不能再次要求补正",
				      date_format(st->correction_asked_on, a));
		if (st->stage != PROC_ACCEPTED)
			return refuse(m, st, "%s，不能要求补正（第三十条）", busy_reason(st->stage));
		/* [decision] 补正 is about an unclear request: once the request
		 * was worked on (consulted on, charged for, drafted), it was
		 * clear enough, and 第三十条 wants one notice up front. */
		if (st->n_pauses || st->fee_notice || st->returns)
			return refuse(m, st, "申请已开始办理（%s），不能再要求补正；补正须在收到申请后"
				      "一次性告知（第三十条）",
				      st->n_pauses ? "已征求意见" : st->fee_notice ? "已发收费通知"
										: "已拟写答复稿");
		return GK_OK;
	case EVENT_CORRECTION_RECEIVED:
	case EVENT_CORRECTION_LAPSED:
		if (st->stage != PROC_CORRECTION)
			return refuse(m, st, "没有待补正的申请（第三十条）");
		return GK_OK;
	case EVENT_CONSULTATION_OPENED:
		if (st->stage == PROC_CONSULTING)
			return refuse(m, st, "正在征求%s意见，须先结束该次征求意见",
				      party_name(st->consult_party));
		if (st->stage != PROC_ACCEPTED)
			return refuse(m, st, "%s，不能征求意见（第三十二条、第三十四条）",
				      busy_reason(st->stage));
		if (st->n_pauses >= CLOCK_MAX_PAUSES)
			return refuse(m, st, "已征求意见%d次，不能再增加", CLOCK_MAX_PAUSES);
		return GK_OK;
	case EVENT_CONSULTATION_CLOSED:
		if (st->stage != PROC_CONSULTING)
			return refuse(m, st, "没有进行中的征求意见");
		return GK_OK;
	case EVENT_EXTENSION_REQUESTED:
		if (st->stage == PROC_ANSWERED)
			return refuse(m, st, "已答复，不需要延长答复期限");
		if (st->stage == PROC_CORRECTION)
			return refuse(m, st, "等待补正期间答复期限尚未重新起算，不需要延期（第三十条）");
		if (st->extension_pending)
			return refuse(m, st, "已于%s申请延长%d个工作日，尚待负责人同意",
				      date_format(st->extension_requested_on, a),
				      st->extension_requested_days);
		if (st->extension_days)
			return refuse(m, st, "已延长%d个工作日；答复期限只能经负责人同意延长一次，"
				      "最长不得超过20个工作日（第三十三条第二款）",
				      st->extension_days);
		return GK_OK;
	case EVENT_EXTENSION_APPROVED:
	case EVENT_EXTENSION_REFUSED:
		if (st->stage == PROC_ANSWERED)
			return refuse(m, st, "已答复，不能再决定延期");
		if (!st->extension_pending)
			return refuse(m, st, "没有待批准的延期申请（第三十三条第二款）");
		return GK_OK;
	case EVENT_FEE_NOTICE:
		if (st->fee_notice)
			return refuse(m, st, "已于%s发出收费通知，不能再次收费",
				      date_format(st->fee_notice, a));
		if (st->stage != PROC_ACCEPTED)
			return refuse(m, st, "%s，不能发出收费通知（条例第四十二条）",
				      busy_reason(st->stage));
		return GK_OK;
	case EVENT_FEE_PAID:
	case EVENT_FEE_LAPSED:
		if (st->stage != PROC_FEE)
			return refuse(m, st, "没有待缴纳的信息处理费（国办函〔2020〕109号）");
		return GK_OK;
	case EVENT_ANSWER_DRAFTED:
		if (st->stage != PROC_ACCEPTED)
			return refuse(m, st, "%s，不能拟写答复稿", busy_reason(st->stage));
		return GK_OK;
	case EVENT_ANSWER_RETURNED:
	case EVENT_ANSWER_APPROVED:
		if (st->stage != PROC_REVIEW)
			return refuse(m, st, "没有待审核的答复稿");
		return GK_OK;
	case EVENT_ANSWERED:
		/* 第三十三条第一款: 能够当场答复的，应当当场予以答复 — from 办理中,
		 * on the received date only (check_window); otherwise after review. */
		if (st->stage != PROC_APPROVED && !on_the_spot_possible(st))
			return refuse(m, st, "%s，不能答复", busy_reason(st->stage));
		return GK_OK;
	case EVENT_CLOSED:
		if (st->stage != PROC_ANSWERED)
			return refuse(m, st, "尚未答复，不能办结（条例第四十五条：登记、审核、办理、答复、归档）");
		return GK_OK;
	case EVENT_KIND_COUNT:
		break;
	}
	return gk_errf(m, GK_EINVAL, "未知的记录类型（%d）", (int)k);
}

/* May this person take this step? */
static enum gk_err check_actor(const struct proc_state *st, enum app_event_kind k,
			       const struct proc_actor *who, struct gk_errmsg *m)
{
	switch (k) {
	case EVENT_ANSWER_RETURNED:
	case EVENT_ANSWER_APPROVED:
		if (!who->may_review)
			return refuse(m, st, "你没有审核答复稿的权限");
		/* 先审查、后公开: the review is a second pair of eyes. */
		if (st->drafted_by && who->user_id == st->drafted_by)
			return refuse(m, st, "答复稿由你拟写，须由另一位审核人审核（先审查、后公开；"
				      "条例第四十五条）");
		return GK_OK;
	case EVENT_EXTENSION_APPROVED:
	case EVENT_EXTENSION_REFUSED:
		if (!who->may_approve_extension)
			return refuse(m, st, "延长答复期限须经政府信息公开工作机构负责人同意（第三十三条"
				      "第二款），你没有批准延期的权限");
		if (st->extension_requested_by && who->user_id == st->extension_requested_by)
			return refuse(m, st, "延期由你申请，须由另一位负责人同意（第三十三条第二款：经政府"
				      "信息公开工作机构负责人同意）");
		return GK_OK;
	default:
		if (!who->may_handle)
			return refuse(m, st, "你没有办理此申请的权限");
		return GK_OK;
	}
}

/* Dates go forward: received ≤ last event ≤ date ≤ today. */
static enum gk_err check_date(const struct proc_state *st, gk_date date, gk_date today,
			      struct gk_errmsg *m)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

	if (date < st->received || !calendar_in_range(date))
		return gk_errf(m, GK_EINVAL, "日期%s早于收到申请之日%s", date_format(date, a),
			       date_format(st->received, b));
	if (date < st->last_date)
		return gk_errf(m, GK_EINVAL, "日期%s早于上一条记录的日期%s；记录须按时间顺序登记",
			       date_format(date, a), date_format(st->last_date, b));
	if (date > today)
		return gk_errf(m, GK_EINVAL, "日期%s晚于今天%s，不能预先登记", date_format(date, a),
			       date_format(today, b));
	return GK_OK;
}

/* The event's own values. */
static enum gk_err check_values(const struct proc_state *st, const struct store_event *ev,
				struct gk_errmsg *m)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];
	gk_date deadline;
	int room = CLOCK_MAX_EXTENSION_DAYS - st->extension_days;

	switch (ev->kind) {
	case EVENT_CORRECTION_ASKED:
		if (!parse_deadline(ev->data, &deadline))
			return gk_errf(m, GK_EINVAL, "补正期限须写作{\"deadline\":\"YYYY-MM-DD\"}");
		if (deadline && deadline <= ev->date)
			return gk_errf(m, GK_EINVAL, "补正期限%s须晚于告知补正之日%s",
				       date_format(deadline, a), date_format(ev->date, b));
		return GK_OK;
	case EVENT_CORRECTION_LAPSED:
		if (ev->outcome != OUTCOME_C6_1)
			return gk_errf(m, GK_EINVAL, "逾期不补正的办理结果须为C6.1（第三十条：视为放弃申请），"
				       "不是%s", outcome_id(ev->outcome));
		return GK_OK;
	case EVENT_FEE_LAPSED:
		if (ev->outcome != OUTCOME_C6_2)
			return gk_errf(m, GK_EINVAL, "逾期未缴费的办理结果须为C6.2（国办函〔2020〕109号："
				       "视为放弃申请），不是%s", outcome_id(ev->outcome));
		return GK_OK;
	case EVENT_CONSULTATION_OPENED:
		if (!party_known(ev->party))
			return gk_errf(m, GK_EINVAL, "未知的征求意见对象（%d）", (int)ev->party);
		return GK_OK;
	case EVENT_CONSULTATION_CLOSED:
		if (ev->party != st->consult_party)
			return gk_errf(m, GK_EINVAL, "进行中的是征求%s意见，不是征求%s意见",
				       party_name(st->consult_party),
				       party_known(ev->party) ? party_name(ev->party) : "未知对象");
		return GK_OK;
	case EVENT_EXTENSION_REQUESTED:
		if (ev->days < 1 || ev->days > room)
			return gk_errf(m, GK_EINVAL, "延期%d个工作日不在1至%d之间（第三十三条第二款：延长的"
				       "期限最长不得超过20个工作日）", ev->days, room);
		return GK_OK;
	case EVENT_EXTENSION_APPROVED:
		if (ev->days < 1 || ev->days > room)
			return gk_errf(m, GK_EINVAL, "延期%d个工作日不在1至%d之间（第三十三条第二款）",
				       ev->days, room);
		if (ev->days > st->extension_requested_days)
			return gk_errf(m, GK_EINVAL, "批准延期%d个工作日，多于申请的%d个工作日", ev->days,
				       st->extension_requested_days);
		return GK_OK;
	case EVENT_FEE_NOTICE:
		if (ev->amount_fen <= 0)
			return gk_errf(m, GK_EINVAL, "收费金额须大于0（单位：分）");
		return GK_OK;
	case EVENT_ANSWER_DRAFTED:
		if (!outcome_known(ev->outcome))
			return gk_errf(m, GK_EINVAL, "未知的办理结果（%d）", (int)ev->outcome);
		/* C6.1 and C6.2 come only from the lapses; C6 is the legacy row
		 * of 2019–2020 ledgers, not a result one can choose today. */
		if (ev->outcome == OUTCOME_C6 || ev->outcome == OUTCOME_C6_1 ||
		    ev->outcome == OUTCOME_C6_2)
			return gk_errf(m, GK_EINVAL, "办理结果%s不能拟稿：%s", outcome_id(ev->outcome),
				       ev->outcome == OUTCOME_C6 ? "C6是2019—2020年旧台账的分类"
								 : "只由逾期不补正或逾期未缴费产生");
		return GK_OK;
	case EVENT_ANSWERED:
		if (!outcome_known(ev->outcome))
			return gk_errf(m, GK_EINVAL, "未知的办理结果（%d）", (int)ev->outcome);
		if (st->stage != PROC_APPROVED) {
			/* On the spot: any result one can choose, as for a draft. */
			if (ev->outcome == OUTCOME_C6 || ev->outcome == OUTCOME_C6_1 ||
			    ev->outcome == OUTCOME_C6_2)
				return gk_errf(m, GK_EINVAL, "办理结果%s不能当场答复",
					       outcome_id(ev->outcome));
			return GK_OK;
		}
		if (ev->outcome != st->draft_outcome)
			return gk_errf(m, GK_EINVAL, "答复的办理结果%s与审核通过的答复稿（%s %s）不一致",
				       outcome_id(ev->outcome), outcome_id(st->draft_outcome),
				       outcome_label(st->draft_outcome));
		return GK_OK;
	case EVENT_ASSIGNED:
		if (ev->assignee <= 0)
			return gk_errf(m, GK_EINVAL, "分办须指定承办人");
		return GK_OK;
	case EVENT_CARRIED_OVER: {
		int y, mo, d;

		date_to_ymd(ev->date, &y, &mo, &d);
		if (mo != 12 || d != 31)
			return gk_errf(m, GK_EINVAL, "结转下年度的日期须为12月31日，不是%s",
				       date_format(ev->date, a));
		return GK_OK;
	}
	default:
		return GK_OK;
	}
}

/* The statutory time windows that depend on the date. */
static enum gk_err check_window(const struct proc_state *st, const struct store_event *ev,
				struct gk_errmsg *m)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

	switch (ev->kind) {
	case EVENT_ANSWERED:
		if (st->stage != PROC_APPROVED && ev->date != st->received)
			return refuse(m, st, "当场答复只能在收到申请当日（%s）作出（第三十三条第一款）；"
				      "其他答复须先拟稿并经审核通过",
				      date_format(st->received, a));
		return GK_OK;
	case EVENT_CORRECTION_ASKED:
		if (ev->date > st->clock.correction_notice_due)
			return refuse(m, st, "补正须自收到申请之日起7个工作日内一次性告知（第三十条），"
				      "期限为%s，%s已超过",
				      date_format(st->clock.correction_notice_due, a),
				      date_format(ev->date, b));
		return GK_OK;
	case EVENT_CORRECTION_LAPSED:
		if (st->correction_deadline && ev->date <= st->correction_deadline)
			return refuse(m, st, "补正期限至%s，%s尚未逾期；逾期不补正才视为放弃申请（第三十条）",
				      date_format(st->correction_deadline, a), date_format(ev->date, b));
		return GK_OK;
	case EVENT_EXTENSION_REQUESTED:
		/* An open consultation holds the period, so its due date lies
		 * beyond today and a request during it is always in time. */
		if (ev->date > st->clock.due)
			return refuse(m, st, "答复期限已于%s届满，%s不能再申请延期（第三十三条第二款：延期"
				      "须在答复期限内经负责人同意）",
				      date_format(st->clock.due, a), date_format(ev->date, b));
		return GK_OK;
	case EVENT_FEE_PAID:
		if (ev->date > st->fee_payment_due)
			return refuse(m, st, "缴费期限为%s（收到收费通知次日起20个工作日，国办函〔2020〕"
				      "109号），%s已逾期，逾期未缴纳视为放弃申请",
				      date_format(st->fee_payment_due, a), date_format(ev->date, b));
		return GK_OK;
	case EVENT_FEE_LAPSED:
		if (ev->date <= st->fee_payment_due)
			return refuse(m, st, "缴费期限至%s，%s尚未届满，不能认定逾期未缴费（国办函〔2020〕"
				      "109号）",
				      date_format(st->fee_payment_due, a), date_format(ev->date, b));
		return GK_OK;
	case EVENT_CARRIED_OVER:
		if (st->carried_over_year == date_year(ev->date))
			return refuse(m, st, "%d年的结转已登记", st->carried_over_year);
		return GK_OK;
	default:
		return GK_OK;
	}
}

/* proc_check without the calendar: every deadline it needs is in st. */
static enum gk_err check(const struct proc_state *st, const struct store_event *ev,
			 const struct proc_actor *who, gk_date today, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((unsigned)ev->kind >= EVENT_KIND_COUNT)
		return gk_errf(m, GK_EINVAL, "未知的记录类型（%d）", (int)ev->kind);
	if ((err = check_stage(st, ev->kind, m)) || (err = check_actor(st, ev->kind, who, m)) ||
	    (err = check_date(st, ev->date, today, m)) || (err = check_values(st, ev, m)))
		return err;
	return check_window(st, ev, m);
}

enum gk_err proc_check(const struct calendar *cal, const struct proc_state *st,
		       const struct store_event *next, const struct proc_actor *who, gk_date today,
		       struct gk_errmsg *m)
{
	/* The deadlines were computed with cal when st was replayed. */
	(void)cal;
	return check(st, next, who, today, m);
}

/* An event of kind k with values that fit the state, for proc_allowed. */
static struct store_event probe_event(const struct proc_state *st, const struct proc_actor *who,
				      enum app_event_kind k)
{
	struct store_event ev = {.kind = k, .user_id = who->user_id};

	switch (k) {
	case EVENT_CORRECTION_LAPSED:
		ev.outcome = OUTCOME_C6_1;
		break;
	case EVENT_FEE_LAPSED:
		ev.outcome = OUTCOME_C6_2;
		break;
	case EVENT_ANSWERED:
		ev.outcome = st->has_draft ? st->draft_outcome : OUTCOME_C1;
		break;
	case EVENT_ANSWER_DRAFTED:
		ev.outcome = OUTCOME_C1;
		break;
	case EVENT_EXTENSION_REQUESTED:
		ev.days = 1;
		break;
	case EVENT_EXTENSION_APPROVED:
		ev.days = st->extension_requested_days > 0 ? st->extension_requested_days : 1;
		break;
	case EVENT_FEE_NOTICE:
		ev.amount_fen = 1;
		break;
	case EVENT_CONSULTATION_CLOSED:
		ev.party = st->consult_party;
		break;
	case EVENT_ASSIGNED:
		ev.assignee = who->user_id > 0 ? who->user_id : 1;
		break;
	default:
		break;
	}
	return ev;
}

void proc_allowed(const struct proc_state *st, const struct proc_actor *who,
		  bool allowed[EVENT_KIND_COUNT])
{
	gk_date today = st->today, first = later(st->received, st->last_date), dates[3], dec31;
	size_t n = 0;
	int y, mo, d;

	/* Every window is "no later than X" or "after X", so the earliest and
	 * the latest possible date decide; the year-end marker needs a 31
	 * December between them. */
	dates[n++] = first;
	if (today != first)
		dates[n++] = today;
	date_to_ymd(today, &y, &mo, &d);
	dec31 = date_from_ymd(mo == 12 && d == 31 ? y : y - 1, 12, 31);
	if (dec31 > first && dec31 < today)
		dates[n++] = dec31;
	for (int k = 0; k < EVENT_KIND_COUNT; k++) {
		struct store_event ev = probe_event(st, who, (enum app_event_kind)k);

		allowed[k] = false;
		for (size_t i = 0; i < n && !allowed[k]; i++) {
			ev.date = dates[i];
			allowed[k] = check(st, &ev, who, today, NULL) == GK_OK;
		}
	}
	/* A 当场答复 is offered on the day the application is received, not
	 * back-dated later: after that day the answer goes through review. */
	if (st->stage != PROC_APPROVED && today != st->received)
		allowed[EVENT_ANSWERED] = false;
}

/* --- The trace ------------------------------------------------------------ */

/* Who: the name the caller gives, else the user's id. */
struct explain_names {
	proc_name_fn *fn;
	void *ctx;
};

static const char *user_label(const struct explain_names *n, int64_t user_id, char tmp[32])
{
	const char *name = n->fn ? n->fn(n->ctx, user_id) : NULL;

	if (name && *name)
		return name;
	snprintf(tmp, 32, "用户%lld", (long long)user_id);
	return tmp;
}

static void explain_user(struct buf *out, const struct explain_names *n, int64_t user_id)
{
	char tmp[32];

	if (user_id)
		buf_printf(out, "（%s）", user_label(n, user_id, tmp));
}

void proc_explain(const struct calendar *cal, const struct proc_state *st, proc_name_fn *name,
		  void *name_ctx, struct buf *out)
{
	const struct explain_names names = {name, name_ctx};
	char who[32];
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN], c[GK_DATE_STRLEN];
	struct clock_input in = st->clock_in;
	struct clock_result res = st->clock;
	bool waiting = st->correction_asked && !st->corrected;

	in.pauses = st->pauses;
	in.n_pauses = st->n_pauses;
	if (waiting) {
		/* The corrected date in clock_in is a projection (see refresh):
		 * explain the facts only, and say below what the wait means. */
		in.has_corrected = false;
		in.has_today = false;
		if (clock_compute(cal, &in, &res, NULL, NULL) != GK_OK)
			return;
	}
	clock_explain(cal, &in, &res, out);

	if (st->handler_id)
		buf_printf(out, "承办人：%s\n", user_label(&names, st->handler_id, who));
	if (st->correction_asked) {
		buf_printf(out, "补正告知：%s一次性告知申请人补正（第三十条）",
			   date_format(st->correction_asked_on, a));
		if (st->correction_deadline)
			buf_printf(out, "，补正期限至%s\n", date_format(st->correction_deadline, a));
		else
			buf_puts(out, "，未载明补正期限\n");
		if (waiting && st->answered && st->outcome == OUTCOME_C6_1)
			buf_printf(out, "逾期未补正：%s视为放弃申请，不再处理（第三十条）\n",
				   date_format(st->answered_on, a));
		else if (waiting && !st->answered && !st->closed)
			buf_printf(out, "等待补正：上述答复截止日不再适用，答复期限自收到补正的申请之日"
				   "起重新计算20个工作日（第三十条）；如%s收到，截止日为%s\n",
				   date_format(st->clock_in.corrected, a), date_format(st->due, b));
	}
	for (size_t i = 0; i < st->n_pauses; i++) {
		const struct clock_pause *p = &st->pauses[i];
		enum consult_party party =
			p->kind == CLOCK_PAUSE_AGENCY ? CONSULT_AGENCY : CONSULT_THIRD_PARTY;
		gk_date reply = 0;

		calendar_add_working_days(cal, p->from, PROC_CONSULT_REPLY_DAYS, &reply);
		if (p->open)
			buf_printf(out, "征求%s意见：自%s起进行中，对方应于%s前提出意见（%s：自收到征求"
				   "意见书之日起15个工作日内）\n",
				   party_name(party), date_format(p->from, a), date_format(reply, b),
				   party_article(party));
		else
			buf_printf(out, "征求%s意见：%s至%s，对方意见期限为%s（%s）\n",
				   party_name(party), date_format(p->from, a), date_format(p->to, b),
				   date_format(reply, c), party_article(party));
	}
	if (st->extension_pending) {
		buf_printf(out, "延期申请：%s申请延长%d个工作日",
			   date_format(st->extension_requested_on, a), st->extension_requested_days);
		explain_user(out, &names, st->extension_requested_by);
		buf_puts(out, "，待政府信息公开工作机构负责人同意（第三十三条第二款）\n");
	}
	if (st->extension_days) {
		buf_printf(out, "延期：%s经政府信息公开工作机构负责人",
			   date_format(st->extension_approved_on, a));
		explain_user(out, &names, st->extension_approved_by);
		buf_printf(out, "同意，延长%d个工作日（第三十三条第二款）", st->extension_days);
		if (st->extension_requested_on)
			buf_printf(out, "；%s申请%d个工作日", date_format(st->extension_requested_on, a),
				   st->extension_requested_days);
		buf_putc(out, '\n');
	}
	if (st->fee_notice) {
		buf_printf(out, "收费通知：%s，信息处理费%lld.%02lld元，应于%s前缴纳（国办函〔2020〕"
			   "109号：收到收费通知次日起20个工作日内）\n",
			   date_format(st->fee_notice, a), (long long)(st->fee_amount_fen / 100),
			   (long long)(st->fee_amount_fen % 100), date_format(st->fee_payment_due, b));
		if (st->fee_paid)
			buf_printf(out, "缴费：%s已缴纳\n", date_format(st->fee_paid_on, a));
		else if (st->answered && st->outcome == OUTCOME_C6_2)
			buf_printf(out, "逾期未缴费：%s视为放弃申请，不再处理（国办函〔2020〕109号）\n",
				   date_format(st->answered_on, a));
	}
	if (st->returns)
		buf_printf(out, "审核退回：%d次\n", st->returns);
	if (st->has_draft) {
		buf_printf(out, "答复拟稿：%s送审，办理结果%s %s", date_format(st->drafted_on, a),
			   outcome_id(st->draft_outcome), outcome_label(st->draft_outcome));
		explain_user(out, &names, st->drafted_by);
		buf_putc(out, '\n');
		if (st->approved) {
			buf_printf(out, "审核通过：%s", date_format(st->approved_on, a));
			explain_user(out, &names, st->approved_by);
			buf_putc(out, '\n');
		}
	}
	if (st->answered)
		buf_printf(out, "答复：%s，办理结果%s %s（%s）\n", date_format(st->answered_on, a),
			   outcome_id(st->outcome), outcome_label(st->outcome),
			   outcome_basis(st->outcome));
	if (st->closed)
		buf_printf(out, "办结：%s\n", date_format(st->closed_on, a));
	buf_printf(out, "当前阶段：%s%s\n", proc_stage_name(st->stage),
		   st->paused ? "（期限暂停）" : "");
}
