/*
 * store_docs.h: the back office's documents (主动公开): what staff read and
 * write while a document goes from draft to the catalogue, and after.
 *
 *   起草 (DOC_DRAFT) → 公开属性 proposed by the drafting unit → confirmed by
 *   the disclosure office → 保密审查 passed (DOC_REVIEWED) → published
 *   (DOC_PUBLISHED, in the catalogue) → 废止/失效 (DOC_ABOLISHED/INVALID);
 *   送交两馆 (archived) and a 解读's link to its policy on the side.
 *
 * The store keeps the state; app/docflow.h decides which step is allowed
 * (the order, who, which dates). Each step's UPDATE still repeats the state
 * it expects (… WHERE status = …), so that a step someone else took since
 * the caller read the document is GK_ECONFLICT, never overwritten.
 * Publishing sets status DOC_PUBLISHED: the triggers of migration 3 put the
 * document into the catalogue's search index in the same statement, and
 * abolishing takes it out (docs/search.md) — the catalogue holds exactly
 * the published documents.
 *
 * Conventions as in store.h: strings UTF-8, records read back point into
 * the store's buffers (valid until the next call on s, or during the
 * callback); GK_EINVAL (a value refused, named in m), GK_ENOTFOUND (no such
 * document or user), GK_ECONFLICT (the document is no longer in the state
 * the step needs), GK_EIO.
 */
#ifndef GK_STORE_DOCS_H
#define GK_STORE_DOCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/err.h"
#include "store/store.h"

/* What the back office reads besides store_document (migration 8). */
struct store_docs_review {
	int64_t interprets_id;	  /* the policy this 解读 explains; 0: not a 解读 */
	gk_date secrecy_reviewed; /* 保密审查 passed on; 0: not recorded */
	int64_t interpretations;  /* how many 解读 point at this document */
};

/* Any document, whatever its status; GK_ENOTFOUND when there is none. r may be NULL. */
enum gk_err store_docs_get(struct store *s, int64_t id, struct store_document *d,
			   struct store_docs_review *r, struct gk_errmsg *m);

/* --- The steps ----------------------------------------------------------- */

/* 公开属性 proposed (a DOC_DRAFT whose attribute is not confirmed yet). */
enum gk_err store_docs_propose(struct store *s, int64_t id, enum disclosure_attr attr,
			       struct gk_errmsg *m);
/* 公开属性 confirmed (a DOC_DRAFT with a proposal and no confirmation). */
enum gk_err store_docs_confirm(struct store *s, int64_t id, enum disclosure_attr attr,
			       struct gk_errmsg *m);
/* 保密审查 passed on date: DOC_DRAFT confirmed 主动公开 → DOC_REVIEWED. */
enum gk_err store_docs_review(struct store *s, int64_t id, gk_date date, struct gk_errmsg *m);
/* Published on date: DOC_REVIEWED → DOC_PUBLISHED, into the catalogue. */
enum gk_err store_docs_publish(struct store *s, int64_t id, gk_date date, struct gk_errmsg *m);
/* 废止 (or 失效 when invalid) on date: DOC_PUBLISHED → DOC_ABOLISHED/INVALID,
 * out of the catalogue; the published date stays. */
enum gk_err store_docs_abolish(struct store *s, int64_t id, gk_date date, bool invalid,
			       struct gk_errmsg *m);
/* 送交两馆 on date: a document with a published date, not archived yet. */
enum gk_err store_docs_archive(struct store *s, int64_t id, gk_date date, struct gk_errmsg *m);
/* The 解读 id explains policy_id (id not published yet; GK_ENOTFOUND for
 * no such policy). */
enum gk_err store_docs_link(struct store *s, int64_t id, int64_t policy_id, struct gk_errmsg *m);

/* The 解读 of a policy in id order: a malloc'ed array the caller frees. */
enum gk_err store_docs_interpretations(struct store *s, int64_t policy_id, int64_t **ids, size_t *n,
				       struct gk_errmsg *m);

/* --- The history --------------------------------------------------------- */

#define STORE_DOCS_KIND_MAX 32 /* an event kind: "attr_proposed" */

/* One step of a document's history (document_events). */
struct store_docs_event {
	int64_t id;
	int64_t document_id;
	const char *kind;     /* app/docflow.h names them: "published" */
	gk_date date;	      /* the day the step took effect */
	int64_t user_id;      /* who recorded it; 0: an import or the system */
	const char *note;     /* optional: the reason, remarks */
	const char *username; /* read back: the user's name, NULL for 0 */
};
/* GK_ENOTFOUND for no such document or user. */
enum gk_err store_docs_event_add(struct store *s, const struct store_docs_event *e, int64_t *id,
				 struct gk_errmsg *m);
typedef int (*store_docs_event_fn)(void *ctx, const struct store_docs_event *e);
/* The events of a document in the order they were recorded; a non-zero
 * return from fn stops the walk. */
enum gk_err store_docs_event_each(struct store *s, int64_t document_id, store_docs_event_fn fn,
				  void *ctx, struct gk_errmsg *m);

/* --- The list ------------------------------------------------------------ */

/* Whether a document kept the 20 working days of 条例第二十六条; the caller
 * decides (app/docflow.h: the store knows no calendar). */
enum store_docs_late {
	STORE_DOCS_IN_TIME,	   /* published in time, not due yet, or not 主动公开 */
	STORE_DOCS_LATE_PENDING,   /* 逾期未公开: not published, the limit has passed */
	STORE_DOCS_LATE_PUBLISHED, /* 逾期公开: published after the limit */
};

/* A row of the list. */
struct store_docs_row {
	int64_t id, agency_id;
	const char *index_no, *doc_number, *title;
	int category;
	enum doc_kind kind;
	enum doc_status status;
	enum disclosure_attr attr_proposed, attr_confirmed;
	gk_date created, published, abolished, archived, secrecy_reviewed;
	int64_t interprets_id;
};
/* Called for every document of the scope; in that counting pass only id,
 * status, kind, the two attributes, created and published are set. */
typedef enum store_docs_late (*store_docs_late_fn)(void *ctx, const struct store_docs_row *r);

enum store_docs_late_filter {
	STORE_DOCS_ANY,		   /* no filter */
	STORE_DOCS_LATE,	   /* either kind of late */
	STORE_DOCS_ONLY_PENDING,   /* 逾期未公开 only */
	STORE_DOCS_ONLY_PUBLISHED, /* 逾期公开 only */
};

struct store_docs_query {
	int64_t agency_id;
	bool region; /* with every agency under agency_id */
	int status;  /* enum doc_status; -1: any */
	int kind;    /* enum doc_kind; -1: any */
	enum store_docs_late_filter late;
	store_docs_late_fn late_fn; /* NULL: nothing is late */
	void *late_ctx;
	int64_t offset, limit; /* limit 1–STORE_DOCS_LIMIT_MAX; 0: 50 */
};
#define STORE_DOCS_LIMIT_MAX 100000 /* an export's rows */

/* Counts over the scope and the kind filter (not the status and late
 * filters, so that the page can show what each of those would give), and
 * total: the rows matching every filter, for the pager. */
struct store_docs_counts {
	int64_t total;
	int64_t all;
	int64_t by_status[DOC_STATUS_COUNT];
	int64_t late_pending, late_published;
};

typedef int (*store_docs_row_fn)(void *ctx, const struct store_docs_row *r,
				 enum store_docs_late late);
/*
 * The documents of the scope matching q, newest 形成日期 first (then
 * newest id), one page of them, and the counts (counts may be NULL). One
 * pass reads the few columns lateness needs for every document of the scope
 * (the late_fn runs in C: working days are not SQL), a second reads the
 * page's rows in full.
 */
enum gk_err store_docs_list(struct store *s, const struct store_docs_query *q, store_docs_row_fn fn,
			    void *ctx, struct store_docs_counts *counts, struct gk_errmsg *m);

#endif
