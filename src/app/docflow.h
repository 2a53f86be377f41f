/*
 * docflow.h: a document's way into the catalogue (主动公开) and out of it,
 * as the back office records it (docs/documents.md).
 *
 *   起草 → 公开属性 proposed by the drafting unit (起草单位)
 *        → confirmed by the disclosure office, by another person
 *        → 保密审查 passed (条例第十七条: 先审查、后公开)
 *        → published (in the catalogue; within 20 working days of the
 *          形成日期, 条例第二十六条)
 *        → 废止 or 失效 (out of the catalogue, counted by the annual report)
 *   and beside it: 送交两馆 (条例第二十五条), a 解读 linked to the policy
 *   it explains and published with it, never before it.
 *
 * Only information whose 公开属性 is 主动公开 (条例第十九条、第二十条) takes
 * that way: 依申请公开 and 不予公开 (第十三条至第十六条) stop at the
 * confirmation and never reach the catalogue.
 *
 * The rules (docflow_check, docflow_deadline) are pure and take `today`;
 * docflow_create and docflow_take are the use cases: they read the
 * document, apply the rules, write the step, its history row and the
 * audit entry in one transaction. Permissions (docflow_step_action) are
 * checked by the caller, which knows the signed-in user's scope.
 *
 * Refusals by the rules are GK_ECONFLICT with a Chinese sentence naming
 * the article; values that cannot be read at all are GK_EINVAL.
 */
#ifndef GK_APP_DOCFLOW_H
#define GK_APP_DOCFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/audit.h"
#include "app/auth.h"
#include "base/date.h"
#include "base/err.h"
#include "law/calendar.h"
#include "store/store_docs.h"

/* 条例第二十六条: 自该政府信息形成或者变更之日起20个工作日内及时公开. */
#define DOCFLOW_WORKING_DAYS 20
/* A reason or remark (bytes). */
#define DOCFLOW_NOTE_MAX 4000

enum docflow_step {
	DOCFLOW_PROPOSE, /* "attr_proposed": 起草单位提出公开属性 */
	DOCFLOW_CONFIRM, /* "attr_confirmed": 公开工作机构确认公开属性 */
	DOCFLOW_REVIEW,	 /* "secrecy_reviewed": 保密审查通过 */
	DOCFLOW_PUBLISH, /* "published": 公开 */
	DOCFLOW_ABOLISH, /* "abolished": 废止（或失效） */
	DOCFLOW_ARCHIVE, /* "archived": 送交两馆 */
	DOCFLOW_LINK,	 /* "interpretation_linked": 关联所解读的政策文件 */
	DOCFLOW_STEP_COUNT
};
/* The history's other kinds: registration, and a 解读 published because
 * its policy was (same date, same person). */
#define DOCFLOW_EVENT_CREATED "created"

const char *docflow_step_id(enum docflow_step s);   /* "secrecy_reviewed" */
const char *docflow_step_name(enum docflow_step s); /* "保密审查" */
bool docflow_step_parse(const char *id, enum docflow_step *out);
/* AUTH_DRAFT_DOCUMENT for proposing and linking, AUTH_REVIEW_DOCUMENT else. */
enum auth_action docflow_step_action(enum docflow_step s);
/* The name of any history kind ("created" too); the kind itself when unknown. */
const char *docflow_event_name(const char *kind);

/* Names of the stored enums, for pages and the API. */
const char *docflow_attr_id(enum disclosure_attr a);		    /* "proactive" */
const char *docflow_attr_name(enum disclosure_attr a);		    /* "主动公开" */
bool docflow_attr_parse(const char *id, enum disclosure_attr *out); /* not "unset" */
const char *docflow_status_id(enum doc_status s);		    /* "published" */
const char *docflow_status_name(enum doc_status s);		    /* "已公开" */
bool docflow_status_parse(const char *id, enum doc_status *out);
const char *docflow_kind_id(enum doc_kind k);	/* "normative" */
const char *docflow_kind_name(enum doc_kind k); /* "行政规范性文件" */
bool docflow_kind_parse(const char *id, enum doc_kind *out);

/* --- The rules (pure) ------------------------------------------------------ */

/* A document as the rules see it. */
struct docflow_doc {
	int64_t id, agency_id;
	enum doc_status status;
	enum doc_kind kind;
	enum disclosure_attr proposed, confirmed;
	gk_date created, published, abolished, archived;
	gk_date reviewed;	 /* 保密审查, 0: not recorded */
	gk_date proposed_on;	 /* the latest proposal's date, 0: unknown */
	gk_date confirmed_on;	 /* the confirmation's date, 0: unknown */
	int64_t proposer;	 /* who made the latest proposal, 0: unknown */
	int64_t interprets_id;	 /* the policy it explains, 0: not a 解读 */
	int64_t interpretations; /* 解读 that point at it */
};

/* One step someone wants to take. */
struct docflow_act {
	enum docflow_step step;
	gk_date date;		   /* the day it took effect (not in the future) */
	int64_t user_id;	   /* who takes it */
	enum disclosure_attr attr; /* PROPOSE, CONFIRM */
	const char *note;	   /* the reason (required where the rules say), remarks */
	bool invalid;		   /* ABOLISH: 失效 (its term ran out) rather than 废止 */
	int64_t policy_id;	   /* LINK: the policy */
};

/*
 * May step s be taken on d by user_id at all, by the document's state (the
 * order of the steps, the separation of proposer and confirmer, the 解读's
 * policy)? policy: the policy of a 解读 for DOCFLOW_PUBLISH, the policy to
 * link for DOCFLOW_LINK (NULL there: its checks are skipped, for a page
 * asking which forms to show). GK_OK or GK_ECONFLICT with the reason.
 */
enum gk_err docflow_allowed(const struct docflow_doc *d, enum docflow_step s, int64_t user_id,
			    const struct docflow_doc *policy, struct gk_errmsg *m);
/* docflow_allowed, then the act's own values: its date (not before the
 * 形成日期 or the step it follows, not after today), the attribute and the
 * reasons the rules require. */
enum gk_err docflow_check(const struct docflow_doc *d, const struct docflow_act *a,
			  const struct docflow_doc *policy, gk_date today, struct gk_errmsg *m);

/* --- The deadline of 条例第二十六条 (pure) ---------------------------------- */

enum docflow_timing {
	DOCFLOW_NO_DEADLINE,	/* not 主动公开, or withdrawn unpublished */
	DOCFLOW_DUE,		/* not published yet, the limit not passed */
	DOCFLOW_IN_TIME,	/* published within the limit */
	DOCFLOW_LATE_PENDING,	/* 逾期未公开 */
	DOCFLOW_LATE_PUBLISHED, /* 逾期公开 */
	DOCFLOW_UNKNOWN,	/* the 形成日期 lies outside the calendar's years */
};
struct docflow_deadline {
	enum docflow_timing timing;
	gk_date due;	   /* the last day of the limit, 0 when unknown */
	bool guessed;	   /* a year of the count had no official holiday notice */
	int days_left;	   /* working days from today to due (negative once past);
			      only for DOCFLOW_DUE and DOCFLOW_LATE_PENDING */
	int overdue;	   /* working days past due: until today (LATE_PENDING) or
			      until the publication (LATE_PUBLISHED); else 0 */
	gk_date published; /* as given */
};
/* The deadline of a document formed on created. attr is the confirmed
 * 公开属性, else the proposed one. */
void docflow_deadline(const struct calendar *cal, enum doc_status status, enum disclosure_attr attr,
		      gk_date created, gk_date published, gk_date today,
		      struct docflow_deadline *out);
/* "逾期未公开", "逾期公开", "按期公开", "待公开", "不适用", "无法计算". */
const char *docflow_timing_name(enum docflow_timing t);
/* One sentence explaining the deadline, with the article, into out. */
void docflow_deadline_explain(const struct docflow_deadline *dl, gk_date created, char *out,
			      size_t size);

/* A late_fn for store_docs_list: ctx is a struct docflow_late_ctx. */
struct docflow_late_ctx {
	const struct calendar *cal;
	gk_date today;
};
enum store_docs_late docflow_late(void *ctx, const struct store_docs_row *r);

/* --- The use cases ----------------------------------------------------------- */

/*
 * Document id as the rules see it, with the document itself (d, r may be
 * NULL; d's strings are valid until the next call on st). GK_ENOTFOUND.
 */
enum gk_err docflow_load(struct store *st, int64_t id, struct docflow_doc *out,
			 struct store_document *d, struct store_docs_review *r,
			 struct gk_errmsg *m);

/* What a new draft carries besides the document. */
struct docflow_new {
	enum disclosure_attr attr; /* proposed with it; ATTR_UNSET: later */
	gk_date proposed_on;	   /* the proposal's date (a step: not before the
				      形成日期, not after today); 0: today */
	const char *reason;	   /* for a proposal other than 主动公开 */
	int64_t interprets_id;	   /* the policy it explains, 0: none */
};
/*
 * Register a draft (status DOC_DRAFT, nothing confirmed or published
 * whatever d says) with its history and audit entry, and the proposal and
 * the link when given (checked as those steps). Its 形成日期 may not be
 * after today. *id receives the new document.
 */
enum gk_err docflow_create(struct store *st, const struct store_document *d,
			   const struct docflow_new *n, const struct audit_who *who, gk_date today,
			   int64_t *id, struct gk_errmsg *m);

/*
 * Take a step on document id: check it (docflow_check), record it, its
 * history row and its audit entry. Publishing a policy publishes its
 * reviewed 解读 on the same date (*also: how many; may be NULL).
 */
enum gk_err docflow_take(struct store *st, int64_t id, const struct docflow_act *a,
			 const struct audit_who *who, gk_date today, int64_t *also,
			 struct gk_errmsg *m);

#endif
