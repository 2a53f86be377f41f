/*
 * sqlite.h: the SQLite backend's shared pieces, private to src/store/.
 *
 * struct store is one connection with its prepared statements. Statements
 * are prepared on first use and kept for the life of the connection
 * (imports call store_application_add/store_event_add a million times, and
 * preparing costs more than running them), each in a slot of enum sq_id.
 * Every value is bound, never formatted into SQL.
 *
 * Dates are stored as TEXT 'YYYY-MM-DD' so that the file reads well in the
 * sqlite3 shell and maps to a PostgreSQL DATE; the ISO form also sorts, so
 * the range conditions of the counts compare text.
 */
#ifndef GK_STORE_SQLITE_H
#define GK_STORE_SQLITE_H

#include <sqlite3.h>

#include "base/buf.h"
#include "store/store.h"

/* One slot per cached statement. */
enum sq_id {
	SQ_BEGIN,
	SQ_BEGIN_READ,
	SQ_COMMIT,
	SQ_ROLLBACK,
	SQ_SAVEPOINT,
	SQ_RELEASE,
	SQ_ROLLBACK_TO,
	SQ_AGENCY_ADD,
	SQ_AGENCY_BY_CODE,
	SQ_AGENCY_BY_ID,
	SQ_AGENCY_EACH,
	SQ_SUBJECT_ADD,
	SQ_SUBJECT_FIND,
	SQ_USER_ADD,
	SQ_DOC_PREFIX,
	SQ_DOC_SEQUENCE,
	SQ_DOC_ADD,
	SQ_DOC_GET,
	/* the back office's documents (sqlite_docs.c) */
	SQ_DOCS_GET,
	SQ_DOCS_EXISTS,
	SQ_DOCS_PROPOSE,
	SQ_DOCS_CONFIRM,
	SQ_DOCS_REVIEW,
	SQ_DOCS_PUBLISH,
	SQ_DOCS_ABOLISH,
	SQ_DOCS_ARCHIVE,
	SQ_DOCS_LINK,
	SQ_DOCS_INTERPRETATIONS,
	SQ_DOCS_EVENT_ADD,
	SQ_DOCS_EVENT_EACH,
	SQ_DOCS_SCAN,
	SQ_DOCS_ROW,
	SQ_APP_ADD,
	SQ_APP_ADD_LOGGED,
	SQ_APP_FIND,
	SQ_APP_BY_TRACKING,
	SQ_APP_BY_IDEMPOTENCY,
	SQ_APP_COUNT_APPLICANT,
	SQ_APP_STATE,
	SQ_APP_SET_CLOSED,
	SQ_APP_SET_OUTCOME,
	SQ_APP_BY_ID,
	SQ_APP_SET_STATE,
	SQ_EVENT_COUNT,
	SQ_APP_STALE,
	SQ_INBOX_PAGE,
	SQ_INBOX_COUNTS,
	SQ_ATTACHMENT_ADD,
	SQ_ATTACHMENT_COUNT,
	SQ_EVENT_ADD,
	SQ_EVENT_EACH,
	SQ_APPEAL_ADD,
	SQ_COMPLAINT_ADD,
	/* supervision (sqlite_supervision.c) */
	SQ_SUP_COMPLAINT_ADD,
	SQ_SUP_APP_AGENCY,
	SQ_SUP_COMPLAINT_GET,
	SQ_SUP_COMPLAINT_ANSWER,
	SQ_SUP_COMPLAINT_LIST,
	SQ_SUP_COMPLAINT_TOTAL,
	SQ_SUP_RECT_ADD,
	SQ_SUP_RECT_MARK,
	SQ_SUP_COMPLAINT_AGENCY,
	SQ_SUP_RECT_GET,
	SQ_SUP_RECT_REPLY,
	SQ_SUP_RECT_LIST,
	SQ_SUP_RECT_TOTAL,
	SQ_SUP_APPEAL_GET,
	SQ_SUP_APPEAL_CLOSE,
	SQ_SUP_APPEAL_LIST,
	SQ_SUP_APPEAL_TOTAL,
	SQ_SUP_OVERSIGHT,
	SQ_SUP_DOC_DEADLINES,
	SQ_SUP_ANSWERED,
	SQ_SUP_FAULTS,
	SQ_SUP_IND_ADD,
	SQ_SUP_IND_UPDATE,
	SQ_SUP_IND_GET,
	SQ_SUP_IND_DELETE,
	SQ_SUP_IND_SCORES_DELETE,
	SQ_SUP_IND_EACH,
	SQ_SUP_SCORE_SET,
	SQ_SUP_SCORE_DELETE,
	SQ_SUP_SCORE_EACH,
	SQ_FIGURE_SET,
	SQ_FIGURE_EACH,
	SQ_AGENCY_EXISTS,
	SQ_COUNT_APPS,
	SQ_COUNT_CLOSED,
	SQ_COUNT_APPEALS,
	SQ_COUNT_DOCS,
	SQ_COUNT_CATEGORIES,
	SQ_COUNT_COMPLAINTS,
	SQ_COUNT_FEES,
	SQ_ALL_APPS,
	SQ_ALL_CLOSED,
	SQ_ALL_APPEALS,
	SQ_ALL_DOCS,
	SQ_ALL_CATEGORIES,
	SQ_ALL_COMPLAINTS,
	SQ_ALL_FEES,
	SQ_TEXT_SET,
	SQ_TEXT_DELETE,
	SQ_TEXT_GET,
	SQ_REPORT_FREEZE,
	SQ_REPORT_FROZEN,
	SQ_REPORT_PUBLISHED,
	/* the dashboard (sqlite_dashboard.c) */
	SQ_DASH_MONTHS,
	SQ_SETTING_SET,
	SQ_SETTING_DELETE,
	SQ_SETTING_EACH,
	SQ_SEARCH_REGION,
	SQ_SEARCH_RANK,
	SQ_SEARCH_WALK,
	SQ_SEARCH_COUNT,
	SQ_SEARCH_OLDEST,
	SQ_SEARCH_HIT,
	SQ_SEARCH_SNIPPET,
	SQ_CATALOGUE_COUNT,
	SQ_CATALOGUE_COUNT_ALL,
	SQ_SUBJECT_EACH,
	SQ_USER_GET,
	SQ_USER_GET_ID,
	SQ_USER_SET_PASSWORD,
	SQ_USER_SET_DISABLED,
	SQ_USER_EACH,
	SQ_SESSION_ADD,
	SQ_SESSION_FIND,
	SQ_SESSION_TOUCH,
	SQ_SESSION_DELETE,
	SQ_SESSION_DELETE_USER,
	SQ_SESSION_DELETE_EXPIRED,
	SQ_FAILURE_GET,
	SQ_FAILURE_SET,
	SQ_FAILURE_PRUNE,
	SQ_FAILURE_RESET,
	SQ_AUDIT_APPEND,
	SQ_AUDIT_LAST,
	SQ_AUDIT_EACH,
	SQ_COUNT
};

struct store {
	sqlite3 *db;
	char *path;  /* the target, for messages */
	int version; /* PRAGMA user_version after the migrations */
	sqlite3_stmt *stmt[SQ_COUNT];
	bool bind_failed; /* sticky: a bind was refused since the last step */
	char err[256];	  /* sqlite3_errmsg of the last failed step */
	struct buf row;	  /* copies of the text of the record last read */
	bool write_cache; /* the larger page cache of a write transaction is on */
};

/*
 * The scope's agencies as a common table expression "region(id)": ?1 is
 * the agency, ?2 is 1 to add every agency under it (recursively over
 * parent_id), 0 for the agency alone. UNION, not UNION ALL, so that even a
 * damaged hierarchy with a cycle ends.
 */
#define SQ_REGION_CTE                                                                              \
	"WITH RECURSIVE region(id) AS (SELECT ?1 UNION "                                           \
	"SELECT a.id FROM agencies a JOIN region r ON a.parent_id = r.id WHERE ?2) "

/*
 * The cached statement of slot id, prepared from sql on first use. When
 * that statement is in the middle of a walk (a callback of store_*_each
 * calling the same walk), a fresh one is prepared instead; sq_release
 * finalizes it. NULL on failure, with m filled.
 */
sqlite3_stmt *sq_stmt(struct store *s, enum sq_id id, const char *sql, struct gk_errmsg *m);
/* Reset st and clear its bindings (or finalize it when it was not cached). */
void sq_release(struct store *s, enum sq_id id, sqlite3_stmt *st);

/* Bind helpers: NULL text, date 0 and id 0 bind SQL NULL. A refused bind
 * sets s->bind_failed, which the next sq_step reports. */
void sq_bind_text(struct store *s, sqlite3_stmt *st, int i, const char *v);
void sq_bind_int(struct store *s, sqlite3_stmt *st, int i, int64_t v);
void sq_bind_id(struct store *s, sqlite3_stmt *st, int i, int64_t v);
void sq_bind_date(struct store *s, sqlite3_stmt *st, int i, gk_date v);
/* ?1 = agency, ?2 = region flag, ?3 = from, ?4 = to: the parameters of every
 * statement that counts over a scope. */
void sq_bind_scope(struct store *s, sqlite3_stmt *st, const struct store_scope *scope);

/* Step once. Returns SQLITE_ROW, SQLITE_DONE or an (extended) error code,
 * whose message is kept in s->err. */
int sq_step(struct store *s, sqlite3_stmt *st);
/* Run a statement that returns no rows and release it. */
int sq_run(struct store *s, enum sq_id id, sqlite3_stmt *st);

/* Map a failed step to an error: GK_EIO for busy, full, I/O; GK_EINVAL for
 * a constraint (the CHECKs back up the validation in C); GK_EFORMAT for a
 * file that is not a database. what says what was being done. */
enum gk_err sq_fail(struct store *s, int rc, const char *what, struct gk_errmsg *m);
bool sq_is_duplicate(int rc);
/* The end of an INSERT whose duplicate and missing-reference cases the
 * caller has named already: GK_OK with *id (when id is not NULL) set to
 * the new row, else the failure of what. */
enum gk_err sq_inserted(struct store *s, int rc, int64_t *id, const char *what,
			struct gk_errmsg *m);
bool sq_is_missing_ref(int rc);

/* Column readers: NULL reads as 0 (dates, ids) or NULL (text). */
gk_date sq_col_date(sqlite3_stmt *st, int col);
int64_t sq_col_int(sqlite3_stmt *st, int col);

/*
 * Copy the text columns cols[0..n) of the current row into s->row and point
 * *dst[i] at the copies (NULL for SQL NULL), so that a record survives the
 * statement's reset until the next call on s. n is at most 8.
 */
enum gk_err sq_copy_texts(struct store *s, sqlite3_stmt *st, const int *cols, const char **dst[],
			  size_t n, struct gk_errmsg *m);

/*
 * Make a multi-statement write atomic: inside the caller's transaction a
 * SAVEPOINT (so a failure undoes this operation only), outside one a
 * BEGIN IMMEDIATE (taking the write lock first, so that the read that
 * validates cannot be overtaken by another writer). sq_op_end commits or
 * releases when err is GK_OK, else rolls back, and returns err (or the
 * commit's error).
 */
struct sq_op {
	bool outer; /* this operation opened the transaction */
};
enum gk_err sq_op_begin(struct store *s, struct sq_op *op, struct gk_errmsg *m);
enum gk_err sq_op_end(struct store *s, struct sq_op *op, enum gk_err err, struct gk_errmsg *m);

/*
 * Bind key to ?1 of st, a statement that reads one row by its key, and step
 * it: GK_OK with st on the row, GK_ENOTFOUND when there is none (m untouched,
 * so that the caller names the key), else the failure of what. The caller
 * reads the row, then releases st however it got it.
 */
enum gk_err sq_step_one(struct store *s, sqlite3_stmt *st, int64_t key, const char *what,
			struct gk_errmsg *m);

/* GK_OK when the row exists; GK_ENOTFOUND otherwise (m untouched then, so
 * that the caller names the value), other errors with m filled. */
enum gk_err sq_exists(struct store *s, enum sq_id id, const char *sql, int64_t key,
		      struct gk_errmsg *m);
enum gk_err sq_agency_exists(struct store *s, int64_t id, struct gk_errmsg *m);

/* The migrations of sqlite_schema.c: SQL text of version v (1-based). */
const char *sq_migration(int version);

#endif
