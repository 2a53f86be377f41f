/*
 * procedure.h: the procedure of one application for disclosure (依申请公开)
 * as a state machine over its event log.
 *
 * The web layer loads an application's events in (date, id) order,
 * proc_replay()s them to a state, and for a new action asks proc_check()
 * whether this actor may append it now; when GK_OK it stores the event
 * and writes back the cached state (stage, due, paused, handler_id) for
 * the inbox. The module is pure: no store, no I/O, no clock of its own
 * ("today" is always passed in).
 *
 * Replay is lenient, check is strict. Logs imported from old ledgers (and
 * the demo) have no review steps (ANSWERED straight after RECEIVED, an
 * EXTENSION_APPROVED without a request): replay applies each event's
 * effect whatever came before; only proc_check enforces the order. The
 * stage is derived from the facts, not from the last event, so both paths
 * agree on every log proc_check would have let through.
 *
 * The rules (条例 = 政府信息公开条例, 2019; 109号 = 国办函〔2020〕109号).
 * Where the law is silent they are product decisions, marked [decision].
 *
 *   RECEIVED           only as the first event (第三十一条 fixes its date).
 *   ASSIGNED           any stage but closed; `assignee` becomes the handler.
 *   CORRECTION_ASKED   办理中 only; once per application (第三十条 一次性告知);
 *                      only while nothing else happened: no draft, no
 *                      consultation, no fee notice [decision: 补正 is about
 *                      an unclear request, asked before handling starts];
 *                      dated no later than the 7th working day after
 *                      receipt (第三十条). The applicant's deadline is
 *                      data {"deadline":"YYYY-MM-DD"}, optional (the article
 *                      asks for a 合理的补正期限 but fixes no number).
 *                      → 待补正: the answer period stands still and runs
 *                      again from zero from the corrected date (第三十条).
 *   CORRECTION_RECEIVED 待补正 only → 办理中; the clock restarts from it.
 *   CORRECTION_LAPSED  待补正 only, dated after the applicant's deadline
 *                      when one was given; outcome C6.1 → 已答复
 *                      (视为放弃申请, 第三十条).
 *   CONSULTATION_OPENED 办理中 only → 征求意见中; the working days until it
 *                      closes are not counted (第三十三条第三款). The other
 *                      side has 15 working days to reply (third party
 *                      第三十二条, co-producing agency 第三十四条).
 *   CONSULTATION_CLOSED 征求意见中 only, same `party` → 办理中.
 *   EXTENSION_REQUESTED `days` 1..20, not once answered, not while waiting
 *                      for 补正 (the period has not started again), no
 *                      pending request, no extension before (one
 *                      extension of at most 20 working days, 第三十三条
 *                      第二款), dated no later than the current due date
 *                      [decision: an extension is asked within the period].
 *                      Does not change the stage.
 *   EXTENSION_APPROVED a pending request; `days` 1..requested; by someone
 *                      with may_approve_extension who is not the requester
 *                      (经政府信息公开工作机构负责人同意: a second person)
 *                      [decision: the approval itself may come after the
 *                      due date; the request fixed the moment].
 *   EXTENSION_REFUSED  a pending request, decided by the same people who may
 *                      approve it: the request ends, the period is unchanged
 *                      (and a new request may be made within it).
 *   FEE_NOTICE         办理中 only, `amount_fen` > 0, once per application
 *                      (条例第四十二条) → 待缴费. Payment is due on the 20th
 *                      working day after the notice (109号). The fee
 *                      period does not stop the answer clock (law/clock.h,
 *                      docs/legal-rules.md).
 *   FEE_PAID           待缴费 only, dated no later than the payment due date
 *                      → 办理中.
 *   FEE_LAPSED         待缴费 only, dated after the payment due date;
 *                      outcome C6.2 → 已答复 (视为放弃申请, 109号).
 *   ANSWER_DRAFTED     办理中 only; outcome a result row of table 三 but not
 *                      C6 (legacy) nor C6.1/C6.2 (only lapses give those)
 *                      → 待审核. [decision: 先审查、后公开; 第四十五条 asks for
 *                      a 审核 step in the agency's procedure]
 *   ANSWER_RETURNED    待审核 only, by a reviewer who did not draft it
 *                      → 办理中 (the draft is dropped, returns counted).
 *   ANSWER_APPROVED    待审核 only, by a reviewer who did not draft it
 *                      → 待签发.
 *   ANSWERED           待签发 only, outcome equal to the approved draft's
 *                      → 已答复. Or 当场答复 (第三十三条第一款: 能够当场答复的，
 *                      应当当场予以答复): from 办理中 when nothing but receipt
 *                      and assignment happened, dated the received date, any
 *                      outcome a draft may have; offered on that day only.
 *   CLOSED             已答复 only → 已办结. Nothing is allowed after it.
 *   CARRIED_OVER       the year-end marker: any stage but closed, dated
 *                      31 December, once per year.
 *
 * Permissions: review steps (ANSWER_RETURNED, ANSWER_APPROVED) need
 * may_review, EXTENSION_APPROVED needs may_approve_extension, every other
 * step needs may_handle.
 *
 * Errors of proc_check: GK_ECONFLICT, with a Chinese reason that names the
 * current stage and cites the article, when the stage, the actor or a
 * statutory time window forbids the step ("当前阶段为「已办结」：案件已办结，
 * 不能再答复"); GK_EINVAL for a bad value: a date before the received date,
 * before the last event or after today; days outside 1..20 or beyond the
 * request; a zero amount; an unknown or wrong outcome; another party.
 */
#ifndef GK_APP_PROCEDURE_H
#define GK_APP_PROCEDURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "law/calendar.h"
#include "law/clock.h"
#include "law/outcome.h"
#include "store/store.h"

#define PROC_CONSULT_REPLY_DAYS 15 /* 第三十二条 (third party), 第三十四条 (agency) */

/* Stored as 0..7 (applications.stage): append, never renumber. */
enum proc_stage {
	PROC_ACCEPTED,	 /* 办理中 */
	PROC_CORRECTION, /* 待补正 */
	PROC_CONSULTING, /* 征求意见中 */
	PROC_FEE,	 /* 待缴费 */
	PROC_REVIEW,	 /* 待审核 */
	PROC_APPROVED,	 /* 待签发 */
	PROC_ANSWERED,	 /* 已答复 */
	PROC_CLOSED,	 /* 已办结 */
	PROC_STAGE_COUNT
};
const char *proc_stage_id(enum proc_stage s);	/* "accepted", … "closed" */
const char *proc_stage_name(enum proc_stage s); /* "办理中", … "已办结" */
/* By id or by name; false for anything else (NULL included). */
bool proc_stage_parse(const char *s, enum proc_stage *out);

/* Who acts, with what the agency lets them do. */
struct proc_actor {
	int64_t user_id;
	bool may_handle;
	bool may_review;
	bool may_approve_extension;
};

/*
 * The state of a case. Dates are 0 where there is none. clock_in.pauses
 * points into pauses: the proc_* functions set it again each time, so a
 * copied state works with them.
 */
struct proc_state {
	enum proc_stage stage;
	gk_date received;
	int version;	  /* events replayed */
	gk_date last_date; /* of the latest event */
	gk_date today;	  /* the day the state was computed for */
	int64_t handler_id;

	/* What the inbox caches. due is the answer's due date; while waiting
	 * for 补正 it is provisional: what it would be were the corrected
	 * application received today (第三十条), so it moves each day.
	 * paused: consulting, or waiting for 补正. */
	gk_date due;
	bool paused;

	/* 补正 (第三十条) */
	bool correction_asked, corrected;
	gk_date correction_asked_on;
	gk_date correction_deadline; /* from data {"deadline": …}, 0 if none given */
	gk_date corrected_on;

	/* Consultations (第三十二条, 第三十四条); the open one is the last pause. */
	struct clock_pause pauses[CLOCK_MAX_PAUSES];
	size_t n_pauses;
	bool consulting;
	enum consult_party consult_party;
	gk_date consult_reply_due; /* 15th working day after the open one began */

	/* Extension (第三十三条第二款) */
	bool extension_pending;
	int extension_requested_days;
	int64_t extension_requested_by;
	gk_date extension_requested_on;
	int extension_days; /* approved, 0 if none */
	int64_t extension_approved_by;
	gk_date extension_approved_on;

	/* 信息处理费 (第四十二条, 109号) */
	bool fee_pending, fee_paid;
	gk_date fee_notice;
	int64_t fee_amount_fen;
	gk_date fee_payment_due;
	gk_date fee_paid_on;

	/* The answer's draft and its review */
	bool has_draft;
	enum outcome draft_outcome;
	int64_t drafted_by;
	gk_date drafted_on;
	bool approved;
	int64_t approved_by;
	gk_date approved_on;
	int returns;

	bool answered;
	enum outcome outcome;
	gk_date answered_on;
	bool closed;
	gk_date closed_on;
	int carried_over_year; /* of the latest CARRIED_OVER, 0 if none */

	/* The statutory clock, computed for `today`, or for the answer date
	 * once answered (the clock stops there), or the closing date. */
	struct clock_input clock_in;
	struct clock_result clock;
};

/*
 * Replay the log ev[0..n) (in date, id order) into *out, the clock computed
 * for today. The first event must be RECEIVED dated `received`. GK_EINVAL
 * with a message naming the event (its position, kind and date) for a log
 * that cannot be replayed at all: empty, not starting with RECEIVED, a
 * second RECEIVED, an unknown kind or outcome, a date before the received
 * date or outside the calendar, a consultation opened while one is open
 * or closed while none is, an extension outside 1..20 days; GK_ERANGE when
 * a deadline falls outside the calendar. *out is unspecified on failure.
 */
enum gk_err proc_replay(const struct calendar *cal, gk_date received, const struct store_event *ev,
			size_t n, gk_date today, struct proc_state *out, struct gk_errmsg *m);

/*
 * May `who` append `next` now (today)? GK_OK, GK_ECONFLICT or GK_EINVAL as
 * described at the top. The actor is `who`; next->user_id is not
 * consulted. Never changes st. m may be NULL.
 */
enum gk_err proc_check(const struct calendar *cal, const struct proc_state *st,
		       const struct store_event *next, const struct proc_actor *who, gk_date today,
		       struct gk_errmsg *m);

/*
 * Apply an event that passed proc_check (or is being replayed: no order is
 * enforced here) and recompute the clock for today. The actor recorded is
 * next->user_id. On failure (the cases listed at proc_replay) st is left
 * as it was.
 */
enum gk_err proc_apply(const struct calendar *cal, struct proc_state *st,
		       const struct store_event *next, gk_date today, struct gk_errmsg *m);

/*
 * The actions to offer on the case page: allowed[k] is true when some
 * event of kind k, dated between the last event and st->today (the day
 * the state was computed for), with values that fit the state, would pass
 * proc_check for who on that day. So a step whose
 * window has not opened yet (FEE_LAPSED before the payment due date) or
 * has closed (CORRECTION_ASKED after the 7th working day) is not offered.
 */
void proc_allowed(const struct proc_state *st, const struct proc_actor *who,
		  bool allowed[EVENT_KIND_COUNT]);

/*
 * The trace, appended to out: clock_explain()'s lines, then one line per
 * procedural fact (handler, 补正, each consultation with its reply due
 * date, the extension, the fee, the draft and its review, the answer, the
 * closing). Chinese, each line '\n'-terminated. Users are named by name(ctx,
 * id) when given and it answers, else as "用户<id>".
 */
typedef const char *proc_name_fn(void *ctx, int64_t user_id);
void proc_explain(const struct calendar *cal, const struct proc_state *st, proc_name_fn *name,
		  void *name_ctx, struct buf *out);

#endif
