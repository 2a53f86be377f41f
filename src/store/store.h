/*
 * store.h: the ledger's persistence, as typed operations.
 *
 * Everything gongkai keeps — agencies, users, documents (主动公开信息),
 * applications (依申请公开) with their event log, appeals, complaints,
 * figures entered from other systems, frozen annual reports — goes through
 * these functions. No SQL exists outside src/store/, and nothing here
 * names a backend type, so a PostgreSQL implementation can sit behind the
 * same header (store_open() picks the backend from the target; today only
 * SQLite files are implemented).
 *
 * SQLite: WAL journal, foreign keys on, busy timeout, prepared statements
 * only, numbered migrations applied at open (store_open refuses a database
 * written by a newer gongkai). One struct store is one connection: use it
 * from one thread at a time.
 *
 * Transactions. Every write outside store_begin()/store_commit() is its own
 * transaction. Inside one, writes are all-or-nothing: store_rollback()
 * (or closing without commit, or a crash) leaves the database as before
 * store_begin(). Imports run inside one transaction.
 *
 * Strings. Input strings are UTF-8, NUL-terminated, may be NULL where the
 * field says "optional". Records passed to callbacks point into the store's
 * buffers: valid only during the callback.
 *
 * Dates are gk_date day numbers (base/date.h); 0 means "none" wherever a
 * field is optional (no real date of 1900–2199 has day number 0).
 *
 * Errors: GK_EINVAL (a value the schema refuses, named in m), GK_ECONFLICT
 * (a duplicate: same agency code, same application ref in an agency, …;
 * or a database newer than this build), GK_ENOTFOUND (a referenced row
 * does not exist), GK_EIO (the file could not be opened or written; disk
 * full; database locked past the busy timeout). m may be NULL.
 */
#ifndef GK_STORE_H
#define GK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/err.h"
#include "law/outcome.h"

/* Named limits of stored text (bytes), checked by the store with GK_EINVAL. */
#define STORE_CODE_MAX 64	/* agency code, application ref, username */
#define STORE_NAME_MAX 300	/* agency name, applicant name, title line */
#define STORE_TEXT_MAX (16u << 20) /* a document body, an application's content */

struct store;

/* --- Opening ---------------------------------------------------------- */

enum store_open_flags {
	STORE_OPEN_EXISTING = 0, /* the database must exist */
	STORE_OPEN_CREATE = 1,	 /* create the file when it is missing */
};

/*
 * Open the database named by target (a file path; "postgresql://…" is
 * reserved for the PostgreSQL backend and refused with GK_EINVAL until it
 * exists), apply every pending migration in one transaction, and return
 * the handle in *out. A database whose schema version is newer than
 * store_schema_latest() is refused with GK_ECONFLICT and a message naming
 * both versions. On failure *out is NULL.
 */
enum gk_err store_open(const char *target, enum store_open_flags flags, struct store **out,
		       struct gk_errmsg *m);
/* Close s (rolling back an open transaction). s may be NULL. */
void store_close(struct store *s);
/* Schema version of the open database, and the newest this build knows. */
int store_schema_version(const struct store *s);
int store_schema_latest(void);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Nesting is not supported (GK_ECONFLICT). */
enum gk_err store_begin(struct store *s, struct gk_errmsg *m);
/*
 * A read transaction: every read until store_commit()/store_rollback()
 * sees the same snapshot of the ledger, however others write meanwhile.
 * A report counts its tables inside one, so they agree with each other
 * (and the connection takes its locks and page cache once, not per query).
 */
enum gk_err store_read_begin(struct store *s, struct gk_errmsg *m);
/* True while a transaction (either kind) is open on s. */
bool store_in_transaction(const struct store *s);
/*
 * For a write that must be atomic on its own but may also be part of the
 * caller's transaction (an audited change and its audit entry): begin a
 * write transaction unless one is open, *own telling whether this call did.
 * store_leave() then ends only what store_join() began: commit when err is
 * GK_OK, else roll back; it returns err, or the commit's error.
 */
enum gk_err store_join(struct store *s, bool *own, struct gk_errmsg *m);
enum gk_err store_leave(struct store *s, bool own, enum gk_err err, struct gk_errmsg *m);
enum gk_err store_commit(struct store *s, struct gk_errmsg *m);
void store_rollback(struct store *s);

/* --- Agencies, subjects, users ----------------------------------------- */

struct store_agency {
	int64_t id;		  /* set by the store */
	const char *code;	  /* 机关代码: unique, 1–64 bytes, no spaces */
	const char *name;	  /* 机关名称 */
	int64_t parent_id;	  /* the supervising agency; 0 for a top agency */
	const char *credit_code;  /* 统一社会信用代码, optional */
	const char *index_prefix; /* first part of its 索引号, optional (then the
				     credit code, else the agency code) */
};

/* Add an agency; GK_ECONFLICT when the code exists, GK_ENOTFOUND for a bad parent. */
enum gk_err store_agency_add(struct store *s, const struct store_agency *a, int64_t *id,
			     struct gk_errmsg *m);
/* Look an agency up by code; GK_ENOTFOUND when there is none. *out valid until
 * the next call on s. */
enum gk_err store_agency_get(struct store *s, const char *code, struct store_agency *out,
			     struct gk_errmsg *m);
enum gk_err store_agency_get_id(struct store *s, int64_t id, struct store_agency *out,
				struct gk_errmsg *m);
typedef int (*store_agency_fn)(void *ctx, const struct store_agency *a);
/* Call fn for every agency in id order; a non-zero return from fn stops the
 * walk (store_agency_each still returns GK_OK). */
enum gk_err store_agency_each(struct store *s, store_agency_fn fn, void *ctx,
			      struct gk_errmsg *m);

/*
 * An agency's settings, by key: what its 政府信息公开指南 and letters print
 * (条例第十二条: 办公地址, 办公时间, 联系电话, 传真, 电子邮箱, 邮政编码, the office
 * that handles disclosure, the online channel …). Keys are short ASCII ids
 * ("address", "hours", "phone"); the web layer names them. Setting a key
 * again replaces it; an empty value deletes it.
 */
enum gk_err store_agency_setting_set(struct store *s, int64_t agency_id, const char *key,
				     const char *value, struct gk_errmsg *m);
typedef int (*store_setting_fn)(void *ctx, const char *key, const char *value);
/* Every setting of the agency in key order. */
enum gk_err store_agency_setting_each(struct store *s, int64_t agency_id, store_setting_fn fn,
				      void *ctx, struct gk_errmsg *m);

/* The agency's subject scheme (主题分类), configurable per agency. */
enum gk_err store_subject_add(struct store *s, int64_t agency_id, const char *name, int64_t *id,
			      struct gk_errmsg *m);
/* GK_ENOTFOUND when the agency has no subject of that name. */
enum gk_err store_subject_find(struct store *s, int64_t agency_id, const char *name, int64_t *id);

enum store_role {
	ROLE_ADMIN,	   /* runs the platform */
	ROLE_AGENCY_ADMIN, /* manages one agency's settings and users */
	ROLE_HANDLER,	   /* 承办人 */
	ROLE_REVIEWER,	   /* 审核人, including the legal adviser */
	ROLE_SUPERVISOR,   /* 政务公开办 of a region: sees the agencies under its agency */
	ROLE_COUNT
};
const char *store_role_id(enum store_role r);	/* "agency_admin" */
const char *store_role_name(enum store_role r); /* "机关管理员" */
bool store_role_parse(const char *s, enum store_role *out);

struct store_user {
	int64_t id;
	const char *username;	   /* unique, 1–64 bytes */
	const char *display_name;  /* optional */
	int64_t agency_id;
	enum store_role role;
	const char *password_hash; /* libsodium crypto_pwhash_str output; the store never hashes */
	bool disabled;
};
enum gk_err store_user_add(struct store *s, const struct store_user *u, int64_t *id,
			   struct gk_errmsg *m);

/* --- Users, sessions and the audit log --------------------------------- */

/*
 * The accounts and their sessions, the login throttle and the audit log
 * (docs/security.md). The store keeps what app/auth and app/audit decide:
 * it hashes nothing, compares no token and enforces no policy beyond the
 * schema's (audit_log refuses UPDATE and DELETE by trigger).
 *
 * Times here are Unix seconds (int64_t), not gk_date days: sessions and
 * throttling work to the second. The audit log keeps its time as text,
 * ISO 8601 UTC with seconds ("2026-03-01T08:30:00Z"), formatted by app/audit.
 */
#define STORE_HASH_LEN 32 /* a session token's hash, an audit entry's hash */

/* The user named username; GK_ENOTFOUND (m untouched, so that a login
 * can answer without saying whether the name exists) when there is none.
 * *out's strings are valid until the next call on s. */
enum gk_err store_user_get(struct store *s, const char *username, struct store_user *out,
			   struct gk_errmsg *m);
enum gk_err store_user_get_id(struct store *s, int64_t id, struct store_user *out,
			      struct gk_errmsg *m);
/* Replace the password hash / the disabled flag; GK_ENOTFOUND for no such user. */
enum gk_err store_user_set_password(struct store *s, int64_t id, const char *password_hash,
				    struct gk_errmsg *m);
enum gk_err store_user_set_disabled(struct store *s, int64_t id, bool disabled,
				    struct gk_errmsg *m);
typedef int (*store_user_fn)(void *ctx, const struct store_user *u);
/* Every user in username order (password_hash included: callers that list
 * must not print it). A non-zero return from fn stops the walk. */
enum gk_err store_user_each(struct store *s, store_user_fn fn, void *ctx, struct gk_errmsg *m);

/*
 * A login session. Only a hash of the session token is kept, so that a
 * copy of the database does not let anyone in. `expires` is the moment the
 * session ends unless touched again (app/auth keeps it at the earlier of
 * the idle and the absolute limit).
 */
struct store_session {
	uint8_t token_hash[STORE_HASH_LEN];
	int64_t user_id;
	const char *csrf_token; /* the form token of the session */
	int64_t created, last_seen, expires;
	const char *client;	/* the address it was opened from, optional */
};
/* GK_ECONFLICT for a token hash that exists (never, for random tokens). */
enum gk_err store_session_add(struct store *s, const struct store_session *sess,
			      struct gk_errmsg *m);
/* GK_ENOTFOUND (m untouched) when no session has that hash. *out's strings
 * are valid until the next call on s. */
enum gk_err store_session_find(struct store *s, const uint8_t token_hash[STORE_HASH_LEN],
			       struct store_session *out, struct gk_errmsg *m);
/* Record activity: set last_seen and expires of the session (no error when
 * it is gone meanwhile). */
enum gk_err store_session_touch(struct store *s, const uint8_t token_hash[STORE_HASH_LEN],
				int64_t last_seen, int64_t expires, struct gk_errmsg *m);
/* Delete one session (none there is no error). */
enum gk_err store_session_delete(struct store *s, const uint8_t token_hash[STORE_HASH_LEN],
				 struct gk_errmsg *m);
/* Delete every session of the user except the one whose hash is keep
 * (NULL: all of them). */
enum gk_err store_session_delete_user(struct store *s, int64_t user_id,
				      const uint8_t keep[STORE_HASH_LEN], struct gk_errmsg *m);
/* Delete every session whose expires is at or before now. */
enum gk_err store_session_delete_expired(struct store *s, int64_t now, struct gk_errmsg *m);

/*
 * Failed logins for throttling, by key: "user:NAME" or "addr:ADDRESS".
 * A key's failures count from window_start on.
 */
/* *count and *window_start are 0 when the key has no failures. */
enum gk_err store_failure_get(struct store *s, const char *key, int64_t *count,
			      int64_t *window_start, struct gk_errmsg *m);
/* Set the key's count and window start (the caller decides both). */
enum gk_err store_failure_set(struct store *s, const char *key, int64_t count,
			      int64_t window_start, struct gk_errmsg *m);
/* Forget the key's failures. */
enum gk_err store_failure_reset(struct store *s, const char *key, struct gk_errmsg *m);
/* Forget every key whose window started before `before` (housekeeping). */
enum gk_err store_failure_prune(struct store *s, int64_t before, struct gk_errmsg *m);

/*
 * One entry of the audit log: who (user_id; 0 = nobody signed in: the
 * operator of the command line when client is "cli", else a visitor),
 * when, from where, what (action, object, detail). seq numbers the entries
 * 1, 2, 3 …; hash chains each entry to the one before (app/audit.h).
 */
struct store_audit {
	int64_t seq;
	const char *at;	    /* ISO 8601 UTC with seconds */
	int64_t user_id;
	const char *client; /* optional */
	const char *action; /* "user.add", "login.failure", … */
	const char *object; /* optional: "user:alice" */
	const char *detail; /* optional */
	uint8_t prev_hash[STORE_HASH_LEN];
	uint8_t hash[STORE_HASH_LEN];
};
/* Append e as it is (seq included). GK_ECONFLICT when e->seq is taken. */
enum gk_err store_audit_append(struct store *s, const struct store_audit *e,
			       struct gk_errmsg *m);
/* The entry with the highest seq; GK_ENOTFOUND (m untouched) when the log
 * is empty. *out's strings are valid until the next call on s. */
enum gk_err store_audit_last(struct store *s, struct store_audit *out, struct gk_errmsg *m);
typedef int (*store_audit_fn)(void *ctx, const struct store_audit *e);
/* Every entry in seq order; a non-zero return from fn stops the walk. */
enum gk_err store_audit_each(struct store *s, store_audit_fn fn, void *ctx,
			     struct gk_errmsg *m);

/* --- Documents (主动公开信息) -------------------------------------------- */

/* 条例第二十条 has 15 items (law/art20.h); 0 = filed under a subject only. */
#define STORE_ART20_ITEMS 15

enum doc_status {
	DOC_DRAFT,     /* 起草 */
	DOC_REVIEWED,  /* 保密审查 passed (先审查、后公开) */
	DOC_PUBLISHED, /* in the catalogue */
	DOC_ABOLISHED, /* 废止 */
	DOC_INVALID,   /* 失效 */
	DOC_STATUS_COUNT
};
/* What the document is, for table 二 (条例第二十条第一项). */
enum doc_kind {
	DOC_KIND_PLAIN,	    /* any other information */
	DOC_KIND_RULE,	    /* 规章 */
	DOC_KIND_NORMATIVE, /* 行政规范性文件 */
	DOC_KIND_COUNT
};
/* 公开属性 (条例第十九条–第二十条, 第十三条–第十六条). */
enum disclosure_attr {
	ATTR_UNSET,	 /* not decided yet */
	ATTR_PROACTIVE,	 /* 主动公开 */
	ATTR_ON_REQUEST, /* 依申请公开 */
	ATTR_WITHHELD,	 /* 不予公开 */
	ATTR_COUNT
};

struct store_document {
	int64_t id;
	int64_t agency_id;
	const char *index_no;	/* 索引号; NULL: the store assigns
				   "<prefix>/<year of created>-<5-digit sequence per agency and year>" */
	const char *doc_number; /* 文号, optional */
	const char *title;
	const char *summary;	/* optional */
	const char *body;	/* optional */
	int category;		/* item of 条例第二十条 1–15, or 0 */
	int64_t subject_id;	/* the agency's subject, or 0 */
	enum doc_kind kind;
	gk_date created;	/* 生成日期/形成日期 (required) */
	gk_date published;	/* 公开日期; 0 while not published */
	gk_date abolished;	/* 废止/失效 date; 0 while in force */
	gk_date archived;	/* handed to the archives and library (送交两馆); 0 = not yet */
	enum disclosure_attr attr_proposed;  /* by the drafting unit */
	enum disclosure_attr attr_confirmed; /* by the disclosure office */
	enum doc_status status;
};
/* Add a document. A published status needs a published date and vice versa;
 * published/abolished may not precede created (GK_EINVAL). The assigned
 * 索引号 is readable back with store_document_get. */
enum gk_err store_document_add(struct store *s, const struct store_document *d, int64_t *id,
			       struct gk_errmsg *m);
enum gk_err store_document_get(struct store *s, int64_t id, struct store_document *out,
			       struct gk_errmsg *m);

/* --- The catalogue and search (the portal's 政府信息公开 column) --------- */

/*
 * Which published documents (status DOC_PUBLISHED: the catalogue holds
 * exactly those). Zero fields do not filter. `query` is what a person
 * typed into the search box (NULL or "" lists without searching); it is
 * parsed safely by the store (never passed to the FTS engine as syntax):
 * words and CJK runs are terms that must all occur; "…" quotes a phrase;
 * OR between terms means either; a leading - or NOT excludes a term; a
 * two-character query such as 公开 finds every document containing it
 * (CJK text is indexed as overlapping bigrams, single characters too).
 */
struct store_doc_query {
	int64_t agency_id;  /* 0 = every agency */
	bool region;	    /* with every agency under agency_id */
	int category;	    /* item of 条例第二十条 1–15; 0 = any */
	int64_t subject_id; /* 0 = any */
	int year;	    /* year of 公开日期; 0 = any */
	const char *query;
	int offset, limit;  /* page: limit 1–STORE_PAGE_MAX */
};
#define STORE_PAGE_MAX 100
#define STORE_QUERY_MAX 200 /* bytes of a search query; longer is GK_EINVAL */

/*
 * One catalogue entry or search hit. `snippet` (search only, else NULL) is
 * plain text from the title, summary or body around the match, with each
 * matched stretch between the bytes STORE_MARK_OPEN and STORE_MARK_CLOSE
 * (control characters that never occur in stored text), so that the web
 * layer escapes the text and then turns the marks into <mark>.
 */
#define STORE_MARK_OPEN '\x02'
#define STORE_MARK_CLOSE '\x03'
struct store_doc_hit {
	int64_t id;
	const char *index_no, *title, *doc_number, *snippet;
	int64_t agency_id;
	const char *agency_code, *agency_name;
	int category;
	int64_t subject_id;
	const char *subject; /* the subject's name, or NULL */
	gk_date created, published;
};
typedef int (*store_doc_hit_fn)(void *ctx, const struct store_doc_hit *h);

/*
 * The page of documents matching q, newest 公开日期 first for a listing;
 * for a search ranked by relevance (bm25: title weighs more than body),
 * newer first on ties. To bound the work for common terms only the newest
 * 10,000 matches are ranked; later pages go on with the older matches,
 * newest first (docs/search.md). *total is the number of matches; *total_exact is
 * false when the store stopped counting at a bound to keep common terms
 * fast (the portal then says "about N" / "约 N 条"). GK_EINVAL with a
 * message for a query that is too long or has no searchable term (only
 * operators or punctuation), naming what is allowed.
 */
enum gk_err store_documents_find(struct store *s, const struct store_doc_query *q,
				 store_doc_hit_fn fn, void *ctx, int64_t *total, bool *total_exact,
				 struct gk_errmsg *m);

/* Published documents per item of 条例第二十条 (index 0: subject only) and
 * per year of 公开日期 for the catalogue's navigation. */
struct store_catalogue_counts {
	int64_t by_category[STORE_ART20_ITEMS + 1];
	int first_year, last_year; /* 0 when empty */
	int64_t by_year[256];	    /* [year - first_year], at most 256 years */
	int64_t total;
};
enum gk_err store_catalogue_count(struct store *s, int64_t agency_id, bool region,
				  struct store_catalogue_counts *out, struct gk_errmsg *m);

/* Subjects of an agency's scheme, in name order (for navigation). */
typedef int (*store_subject_fn)(void *ctx, int64_t id, const char *name, int64_t published);
enum gk_err store_subject_each(struct store *s, int64_t agency_id, store_subject_fn fn, void *ctx,
			       struct gk_errmsg *m);

/* --- Applications (依申请公开) and their event log --------------------- */

/* Channels are those of law/clock.h (enum clock_channel), stored as ints. */

enum app_form {
	APP_FORM_UNSPECIFIED,
	APP_FORM_PAPER,	     /* 纸质 */
	APP_FORM_ELECTRONIC, /* 电子 */
	APP_FORM_COUNT
};
enum app_delivery {
	APP_DELIVERY_UNSPECIFIED,
	APP_DELIVERY_POST,     /* 邮寄 */
	APP_DELIVERY_EMAIL,    /* 电子邮件 */
	APP_DELIVERY_PICKUP,   /* 自行领取 */
	APP_DELIVERY_DOWNLOAD, /* 在线下载 */
	APP_DELIVERY_COUNT
};

struct store_application {
	int64_t id;
	int64_t agency_id;
	const char *ref;		/* 申请编号: unique within the agency */
	enum applicant_type applicant_type;
	const char *applicant_name;	/* optional */
	int channel;			/* enum clock_channel */
	gk_date submitted;		/* 提交之日, 0 when unknown */
	gk_date received;		/* 收到申请之日 (第三十一条), required */
	const char *content;		/* the information sought, optional */
	enum app_form form;
	enum app_delivery delivery;
	/* Maintained by the store from the event log (read-only for callers): */
	gk_date closed;			/* date of the CLOSED event, 0 while open */
	bool has_outcome;
	enum outcome outcome;		/* from the ANSWERED event */
	/* Applications made online (all optional, NULL for the others): */
	const char *tracking_code;	/* 查询号 (app/tracking.h), unique */
	const char *idempotency_key;	/* of the form that made it, unique */
	const char *personal;		/* sealed personal data, base64 (app/secret.h) */
	const char *personal_masked;	/* JSON object of the masked values */
	const char *applicant_key;	/* keyed hash of the applicant's ID (app/apply.c), hex */
	/* The case as app/procedure.h last derived it from the events
	 * (read-only here; store_application_set_state writes it): */
	int stage;			/* enum proc_stage */
	gk_date due;			/* the answer's due date; 0 when not derived yet */
	bool paused;			/* the clock stands still (补正, consultation) */
	int64_t handler_id;		/* the user handling it, 0 = not assigned */
};

/*
 * The event log of an application is append-only. The deadline clock
 * (law/clock.h) is derived from it: RECEIVED starts it, CORRECTION_RECEIVED
 * restarts it (第三十条), consultations pause it (第三十二条, 第三十四条),
 * EXTENSION_APPROVED extends it (第三十三条第二款), FEE_NOTICE opens the
 * payment window (国办函〔2020〕109号).
 */
enum app_event_kind {
	EVENT_RECEIVED,		   /* 收到申请 */
	EVENT_CORRECTION_ASKED,	   /* 补正告知 */
	EVENT_CORRECTION_RECEIVED, /* 收到补正后的申请: the clock restarts */
	EVENT_CONSULTATION_OPENED, /* 征求意见 (third party or agency: see `party`) */
	EVENT_CONSULTATION_CLOSED,
	EVENT_EXTENSION_APPROVED,  /* 延期, `days` working days */
	EVENT_FEE_NOTICE,	   /* 收费通知, `amount_fen` */
	EVENT_FEE_PAID,
	EVENT_ANSWERED,		   /* 答复 with `outcome` */
	EVENT_CLOSED,		   /* 办结 */
	EVENT_CARRIED_OVER,	   /* still open at a year end (informational) */
	/* The back office's steps (app/procedure.h explains each): */
	EVENT_CORRECTION_LAPSED,   /* 逾期不补正: outcome C6.1 (第三十条) */
	EVENT_EXTENSION_REQUESTED, /* 延期申请, `days` asked for */
	EVENT_FEE_LAPSED,	   /* 逾期未缴费: outcome C6.2 (第四十二条) */
	EVENT_ANSWER_DRAFTED,	   /* 答复拟稿 with `outcome`, sent for review */
	EVENT_ANSWER_RETURNED,	   /* 审核退回, remarks in `note` */
	EVENT_ANSWER_APPROVED,	   /* 审核通过 */
	EVENT_ASSIGNED,		   /* 分办 to `assignee` */
	EVENT_EXTENSION_REFUSED,   /* 延期不予同意, the reason in `note` */
	EVENT_KIND_COUNT
};
const char *app_event_kind_id(enum app_event_kind k);	/* "correction_requested" */
const char *app_event_kind_name(enum app_event_kind k); /* "补正告知" */
bool app_event_kind_parse(const char *s, enum app_event_kind *out);

enum consult_party {
	CONSULT_THIRD_PARTY, /* 第三十二条 */
	CONSULT_AGENCY,	     /* 第三十四条 */
};

struct store_event {
	int64_t id;
	int64_t application_id;
	enum app_event_kind kind;
	gk_date date;
	enum outcome outcome;	  /* ANSWERED, ANSWER_DRAFTED, the two LAPSED */
	int days;		  /* EXTENSION_REQUESTED/_APPROVED: 1–20 */
	int64_t amount_fen;	  /* EVENT_FEE_NOTICE: in 分 */
	enum consult_party party; /* EVENT_CONSULTATION_* */
	int64_t user_id;	  /* who recorded it, 0 = an import or the system */
	const char *note;	  /* optional */
	int64_t assignee;	  /* EVENT_ASSIGNED: the user who handles the case */
	const char *data;	  /* optional JSON object: what the step carries
				     (补正 items, the answer's basis and remedy …) */
};

/* Add an application and nothing else; GK_ECONFLICT for a duplicate ref. */
enum gk_err store_application_add(struct store *s, const struct store_application *a,
				  int64_t *id, struct gk_errmsg *m);
/*
 * Append an event. The store keeps the application's cached closed date
 * and outcome in step (ANSWERED sets the outcome, CLOSED the closed date)
 * in the same transaction. Refused with GK_EINVAL: a date before the
 * application's received date, a second CLOSED, an ANSWERED without an
 * outcome in range, an extension outside 1–20 days.
 */
enum gk_err store_event_add(struct store *s, const struct store_event *e, int64_t *id,
			    struct gk_errmsg *m);
/*
 * Add an application together with the first events of its log, as one
 * operation: the cached closed date and outcome are derived from `events`
 * (same rules and refusals as store_event_add) before the row is written,
 * so a bulk import does not update every row twice. The events'
 * application_id is ignored (the new id is used).
 */
enum gk_err store_application_add_logged(struct store *s, const struct store_application *a,
					 const struct store_event *events, size_t n, int64_t *id,
					 struct gk_errmsg *m);
/* Look up an application by its 查询号 or by the idempotency key of the
 * form that made it; GK_ENOTFOUND when absent. */
enum gk_err store_application_by_tracking(struct store *s, const char *code,
					  struct store_application *out, struct gk_errmsg *m);
enum gk_err store_application_by_idempotency(struct store *s, const char *key,
					     struct store_application *out, struct gk_errmsg *m);
/* Applications of one applicant (applicant_key) received in [from, to]. */
enum gk_err store_application_count_applicant(struct store *s, const char *applicant_key,
					      gk_date from, gk_date to, int64_t *count,
					      struct gk_errmsg *m);
/* Look up an application by agency and ref; GK_ENOTFOUND when absent. */
enum gk_err store_application_find(struct store *s, int64_t agency_id, const char *ref,
				   struct store_application *out, struct gk_errmsg *m);
/* The application with that id; GK_ENOTFOUND when absent. */
enum gk_err store_application_get_id(struct store *s, int64_t id, struct store_application *out,
				     struct gk_errmsg *m);

/*
 * The case's derived state, kept on the application row for the inbox
 * (app/procedure.h computes it; the store only keeps it). Write it in the
 * transaction that appended the event it follows from.
 */
struct store_case_state {
	int stage;
	gk_date due;	/* 0: unknown */
	bool paused;
	int64_t handler_id; /* 0: nobody */
};
enum gk_err store_application_set_state(struct store *s, int64_t id,
					const struct store_case_state *cs, struct gk_errmsg *m);
/* The number of events of an application: the case's version, which a
 * client sends back so that two handlers cannot both act on what they saw. */
enum gk_err store_event_count(struct store *s, int64_t application_id, int64_t *n,
			      struct gk_errmsg *m);
/* The ids of open applications whose state was never derived (imports,
 * demo data): malloc'ed array the caller frees. */
enum gk_err store_application_stale(struct store *s, int64_t **ids, size_t *n,
				    struct gk_errmsg *m);

/*
 * The inbox: open applications of an agency (or its region), soonest due
 * first (the paused ones and those without a derived due last), filtered,
 * one page of them; and the counts of the whole filtered set.
 */
struct store_inbox_query {
	int64_t agency_id;
	bool region;
	int64_t handler_id; /* 0: anyone; -1: not assigned */
	int stage;	    /* -1: any */
	int channel;	    /* -1: any */
	int applicant_type; /* -1: any */
	gk_date today;	    /* overdue: due before today */
	bool overdue_only;
	int64_t offset, limit;
};
struct store_inbox_row {
	int64_t id, agency_id;
	const char *ref, *tracking_code, *content, *personal_masked, *applicant_name;
	int applicant_type, channel, stage;
	gk_date received, due;
	bool paused;
	int64_t handler_id;
};
struct store_inbox_counts {
	int64_t total, overdue, paused;
	int64_t by_stage[8];
};
typedef int (*store_inbox_fn)(void *ctx, const struct store_inbox_row *r);
enum gk_err store_inbox(struct store *s, const struct store_inbox_query *q, store_inbox_fn fn,
			void *ctx, struct store_inbox_counts *counts, struct gk_errmsg *m);

typedef int (*store_event_fn)(void *ctx, const struct store_event *e);
/* The events of one application in (date, id) order. */
enum gk_err store_event_each(struct store *s, int64_t application_id, store_event_fn fn,
			     void *ctx, struct gk_errmsg *m);

/*
 * The attachments of an online application (ID scans, authorisation
 * letters). The file itself is written by app/attachment.h; the row names
 * it (stored_name: 32 lowercase hex digits, unique), keeps the name it was
 * sent under (1 to 255 bytes of UTF-8) and the kind its bytes are.
 */
struct store_attachment {
	int64_t id;
	int64_t application_id;
	const char *stored_name;
	const char *original_name;
	const char *kind; /* "pdf", "jpeg" or "png" */
	int64_t size;	  /* bytes, at least 1 */
};
/* GK_ENOTFOUND for an unknown application, GK_ECONFLICT for a stored name in use. */
enum gk_err store_attachment_add(struct store *s, const struct store_attachment *a, int64_t *id,
				 struct gk_errmsg *m);
/* How many attachments an application has. */
enum gk_err store_attachment_count(struct store *s, int64_t application_id, int64_t *count,
				   struct gk_errmsg *m);

/* --- Appeals and complaints ------------------------------------------- */

struct store_appeal {
	int64_t id;
	int64_t agency_id;	 /* the agency whose decision is appealed */
	int64_t application_id;	 /* the application, or 0 when not in the ledger */
	const char *ref;	 /* case number, unique within the agency */
	enum appeal_kind kind;
	gk_date filed;
	gk_date closed;		 /* 0 while pending */
	enum appeal_result result; /* PENDING iff closed is 0 */
	/* The agency is sued only as the review body (复议机关作共同被告):
	 * not counted in its table 四 (国办公开办函〔2016〕201号). */
	bool co_defendant_only;
	const char *note;
};
enum gk_err store_appeal_add(struct store *s, const struct store_appeal *a, int64_t *id,
			     struct gk_errmsg *m);

struct store_complaint {
	int64_t id;
	int64_t agency_id;	/* the agency complained about */
	const char *ref;	/* unique within the agency */
	gk_date received;
	const char *content;
	gk_date closed;		/* answered; 0 while open */
	const char *answer;	/* optional */
	bool rectification;	/* a 整改通知书 was issued */
};
enum gk_err store_complaint_add(struct store *s, const struct store_complaint *c, int64_t *id,
				struct gk_errmsg *m);

/*
 * A figure of table 二 that comes from another system (行政许可/行政处罚/
 * 行政强制 decisions, 行政事业性收费 amount, 2019 项目数量 …), keyed by the
 * row and column ids of report/layout.h ("licensing", "decisions") and a
 * calendar year. value is an exact decimal as printed ("7730.28", "-3").
 * Setting it again replaces the value and the source note.
 */
enum gk_err store_figure_set(struct store *s, int64_t agency_id, int year, const char *row,
			     const char *column, const char *value, const char *source,
			     struct gk_errmsg *m);
typedef int (*store_figure_fn)(void *ctx, const char *row, const char *column,
			       const char *value, const char *source);

/* --- Counting for the annual report ------------------------------------ */

/* Whose figures and which period: one agency, or the agency and every
 * agency under it (region), over the days from..to inclusive. */
struct store_scope {
	int64_t agency_id;
	bool region;
	gk_date from, to;
};

/*
 * The counting rules (docs/ledger.md), for the period [from, to]:
 *   received[t]     A: received in the period
 *   carried_in[t]   B: received before `from`, not closed before `from`
 *   closed[o][t]    C: closed in the period, by outcome (an application
 *                      closed without an ANSWERED outcome counts as C6.3)
 *   carried_out[t]  D: received by `to`, not closed by `to`
 * so that A + B = ΣC + D holds per applicant type by construction.
 *   appeals[k][r]   table 四: filed by `to` and not closed before `from`,
 *                   not co_defendant_only; r = the result when closed in the
 *                   period, else APPEAL_RESULT_PENDING
 *   documents       规章 (DOC_KIND_RULE) and 行政规范性文件 (NORMATIVE):
 *     made          created in the period (status published or abolished/invalid)
 *     published     published in the period
 *     total_public  published by `to`
 *     repealed      abolished in the period
 *     in_force      published by `to` and not abolished by `to`
 *   published_by_category[c]  documents published in the period by item of
 *                   条例第二十条 (0 = subject only), for the report's text
 *   complaints_received / complaints_closed: in the period
 *   fee_notices     收费通知 sent in the period (国办函〔2020〕109号)
 *   fees_paid       payments in the period, and fees_paid_fen their amount
 *                   (the notices of those applications), for section 六
 */
struct store_doc_kind_counts {
	int64_t made, published, total_public, repealed, in_force;
};
struct store_counts {
	int64_t received[APPLICANT_TYPE_COUNT];
	int64_t carried_in[APPLICANT_TYPE_COUNT];
	int64_t closed[OUTCOME_COUNT][APPLICANT_TYPE_COUNT];
	int64_t carried_out[APPLICANT_TYPE_COUNT];
	int64_t appeals[APPEAL_KIND_COUNT][APPEAL_RESULT_COUNT];
	struct store_doc_kind_counts documents[DOC_KIND_COUNT]; /* [DOC_KIND_PLAIN] unused */
	int64_t published_by_category[STORE_ART20_ITEMS + 1];
	int64_t published_total;
	int64_t complaints_received, complaints_closed;
	int64_t fee_notices, fees_paid, fees_paid_fen;
};

/* Fill *out (zeroed first) for the scope. GK_ENOTFOUND for an unknown agency. */
enum gk_err store_count(struct store *s, const struct store_scope *scope,
			struct store_counts *out, struct gk_errmsg *m);
/*
 * The same counts for every agency on its own (not as regions), one pass
 * per table over the whole ledger: fn is called once per agency in id order,
 * agencies without any row included (all zero).
 */
typedef int (*store_counts_fn)(void *ctx, const struct store_agency *a,
			       const struct store_counts *c);
enum gk_err store_count_each_agency(struct store *s, gk_date from, gk_date to,
				    store_counts_fn fn, void *ctx, struct gk_errmsg *m);
/* The entered figures of the scope's agencies for a calendar year (one call
 * per agency and figure; a region's caller adds them up). */
enum gk_err store_figure_each(struct store *s, const struct store_scope *scope, int year,
			      store_figure_fn fn, void *ctx, struct gk_errmsg *m);

/* --- Annual reports: edited text and frozen snapshots ------------------ */

/*
 * A report is named by its scope. Its text sections (一 总体情况, 五 存在的
 * 主要问题及改进情况, 六 其他需要报告的事项; section 1–6) are drafted by
 * the compiler and edited by staff; the edits are kept here.
 */
enum gk_err store_report_text_set(struct store *s, const struct store_scope *scope, int section,
				  const char *text, struct gk_errmsg *m);
/* *text is a malloc'ed copy the caller frees, or NULL when never edited. */
enum gk_err store_report_text_get(struct store *s, const struct store_scope *scope, int section,
				  char **text, struct gk_errmsg *m);

/*
 * Freeze a published report: the snapshot (the report's JSON, which
 * report/read_json.h reads back) with who published it and when. Later
 * ledger edits do not change it. GK_ECONFLICT when that scope is frozen.
 */
enum gk_err store_report_freeze(struct store *s, const struct store_scope *scope,
				const char *snapshot_json, const char *published_by,
				gk_date published_on, struct gk_errmsg *m);
/* The published (frozen) reports of an agency, newest period first. */
typedef int (*store_published_fn)(void *ctx, bool region, gk_date from, gk_date to,
				  const char *published_by, gk_date published_on);
enum gk_err store_report_each_published(struct store *s, int64_t agency_id,
					store_published_fn fn, void *ctx, struct gk_errmsg *m);
/* The frozen snapshot (malloc'ed, caller frees) or GK_ENOTFOUND. */
enum gk_err store_report_frozen(struct store *s, const struct store_scope *scope,
				char **snapshot_json, char **published_by,
				gk_date *published_on, struct gk_errmsg *m);

#endif
