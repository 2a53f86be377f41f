/*
 * The annual-report counts (store.h, "The counting rules"): one GROUP BY
 * statement per table, each answered from a covering index.
 *
 * Every query exists in two forms built from one text: for a scope (its
 * agency or region, ?1 and ?2, as the first column) and for the whole
 * ledger grouped by agency (store_count_each_agency, one pass per table
 * rather than one query per agency). Both bind ?3 = from and ?4 = to and
 * return the agency id first, so one set of row readers serves both.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

/* The SQL below names these enum values as numbers. */
_Static_assert(OUTCOME_C6_3 == 20, "C6.3 is outcome 20 in the count queries");
_Static_assert(APPEAL_RESULT_PENDING == 0, "pending is result 0 in the count queries");
_Static_assert(DOC_PUBLISHED == 2 && DOC_ABOLISHED == 3 && DOC_INVALID == 4,
	       "statuses from 2 on were published");
_Static_assert(DOC_KIND_RULE == 1 && DOC_KIND_NORMATIVE == 2, "kinds 1 and 2 are counted");
_Static_assert(EVENT_FEE_NOTICE == 6 && EVENT_FEE_PAID == 7, "fee events are kinds 6 and 7");

/* clang-format off */
/* ONE: a scope's agencies, reported as agency ?1. ALL: every agency. The
 * outer macros let the *_ARGS lists expand into their parts first. */
#define ONE(...) SQ_REGION_CTE ONE_SELECT(__VA_ARGS__)
#define ALL(...) ALL_SELECT(__VA_ARGS__)
#define ONE_SELECT(select, from, where, group)                                             \
	"SELECT ?1, " select " FROM " from " WHERE agency_id IN region AND " where group
#define ALL_SELECT(select, from, where, group)                                             \
	"SELECT agency_id, " select " FROM " from " WHERE " where " GROUP BY agency_id" group

/*
 * A (received), B (carried in) and D (carried out), told apart by the
 * second column. Three filtered scans of applications_received beat one
 * scan with three sums: the filters run before the GROUP BY's sort, so
 * only the rows that count are sorted (measured 2.5x faster on an agency
 * with 30,000 applications; docs/store.md).
 */
#define APPS_UNION(SELECT, group)                                                          \
	SELECT("0, applicant_type, count(*)", "applications", "received BETWEEN ?3 AND ?4",  \
	       group)                                                                      \
	" UNION ALL " SELECT("1, applicant_type, count(*)", "applications",                 \
			     "received < ?3 AND (closed IS NULL OR closed >= ?3)", group)   \
	" UNION ALL " SELECT("2, applicant_type, count(*)", "applications",                 \
			     "received <= ?4 AND (closed IS NULL OR closed > ?4)", group)
/* C: closed in the period by outcome; closed without an answer is C6.3. */
#define CLOSED_ARGS                                                                        \
	"coalesce(outcome, 20), applicant_type, count(*)", "applications",                 \
		"closed BETWEEN ?3 AND ?4"
/* Table 四: pending at some point of the period; the result counts when the
 * appeal closed within it. An agency sued only as the review body
 * (复议机关作共同被告) does not count it (国办公开办函〔2016〕201号). */
#define APPEALS_ARGS                                                                       \
	"kind, CASE WHEN closed <= ?4 THEN result ELSE 0 END, count(*)", "appeals",        \
		"filed <= ?4 AND (closed IS NULL OR closed >= ?3) AND co_defendant_only = 0"
/* Table 二, 规章 and 行政规范性文件. */
#define DOCS_ARGS                                                                          \
	"kind, sum(created BETWEEN ?3 AND ?4 AND status >= 2),"                            \
	" sum(published BETWEEN ?3 AND ?4), sum(published <= ?4),"                         \
	" sum(abolished BETWEEN ?3 AND ?4),"                                               \
	" sum(published <= ?4 AND (abolished IS NULL OR abolished > ?4))",                 \
		"documents", "kind IN (1, 2)"
#define CATEGORIES_ARGS                                                                    \
	"category, count(*)", "documents", "published BETWEEN ?3 AND ?4"
#define COMPLAINTS_ARGS                                                                    \
	"sum(received >= ?3), sum(closed BETWEEN ?3 AND ?4)", "complaints", "received <= ?4"
/* Section 六: fee notices (kind 6) and payments (kind 7) in the period; a
 * payment is worth its application's notices. `kind IN (6, 7)` as written
 * lets SQLite use the partial index events_fees. */
#define FEES_ARGS                                                                          \
	"sum(kind = 6), sum(kind = 7), sum(CASE WHEN kind = 7 THEN (SELECT"                \
	" sum(n.amount_fen) FROM events n WHERE n.application_id = events.application_id"  \
	" AND n.kind = 6) END)",                                                           \
		"events JOIN applications ON applications.id = events.application_id",     \
		"kind IN (6, 7) AND date BETWEEN ?3 AND ?4"

/* clang-format on */

/* Add one result row (columns from 1 on) to c; false when a stored value
 * is outside its enum, which only a damaged database holds. */
typedef bool (*count_row_fn)(struct store_counts *c, sqlite3_stmt *st);

static bool in_range(sqlite3_stmt *st, int col, int count)
{
	int v = sqlite3_column_int(st, col);

	return v >= 0 && v < count;
}

static bool add_apps(struct store_counts *c, sqlite3_stmt *st)
{
	int64_t *part[] = {c->received, c->carried_in, c->carried_out};

	if (!in_range(st, 1, 3) || !in_range(st, 2, APPLICANT_TYPE_COUNT))
		return false;
	part[sqlite3_column_int(st, 1)][sqlite3_column_int(st, 2)] += sq_col_int(st, 3);
	return true;
}

static bool add_closed(struct store_counts *c, sqlite3_stmt *st)
{
	if (!in_range(st, 1, OUTCOME_COUNT) || !in_range(st, 2, APPLICANT_TYPE_COUNT))
		return false;
	c->closed[sqlite3_column_int(st, 1)][sqlite3_column_int(st, 2)] += sq_col_int(st, 3);
	return true;
}

static bool add_appeals(struct store_counts *c, sqlite3_stmt *st)
{
	if (!in_range(st, 1, APPEAL_KIND_COUNT) || !in_range(st, 2, APPEAL_RESULT_COUNT))
		return false;
	c->appeals[sqlite3_column_int(st, 1)][sqlite3_column_int(st, 2)] += sq_col_int(st, 3);
	return true;
}

static bool add_docs(struct store_counts *c, sqlite3_stmt *st)
{
	struct store_doc_kind_counts *k;

	if (!in_range(st, 1, DOC_KIND_COUNT))
		return false;
	k = &c->documents[sqlite3_column_int(st, 1)];
	k->made += sq_col_int(st, 2);
	k->published += sq_col_int(st, 3);
	k->total_public += sq_col_int(st, 4);
	k->repealed += sq_col_int(st, 5);
	k->in_force += sq_col_int(st, 6);
	return true;
}

static bool add_categories(struct store_counts *c, sqlite3_stmt *st)
{
	int64_t n = sq_col_int(st, 2);

	if (!in_range(st, 1, STORE_ART20_ITEMS + 1))
		return false;
	c->published_by_category[sqlite3_column_int(st, 1)] += n;
	c->published_total += n;
	return true;
}

static bool add_complaints(struct store_counts *c, sqlite3_stmt *st)
{
	c->complaints_received += sq_col_int(st, 1);
	c->complaints_closed += sq_col_int(st, 2);
	return true;
}

static bool add_fees(struct store_counts *c, sqlite3_stmt *st)
{
	c->fee_notices += sq_col_int(st, 1);
	c->fees_paid += sq_col_int(st, 2);
	c->fees_paid_fen += sq_col_int(st, 3);
	return true;
}

static const struct count_query {
	enum sq_id one_id, all_id;
	const char *one, *all;
	count_row_fn add;
} queries[] = {
    {SQ_COUNT_APPS, SQ_ALL_APPS, SQ_REGION_CTE APPS_UNION(ONE_SELECT, " GROUP BY applicant_type"),
     APPS_UNION(ALL_SELECT, ", applicant_type"), add_apps},
    {SQ_COUNT_CLOSED, SQ_ALL_CLOSED, ONE(CLOSED_ARGS, " GROUP BY 2, 3"), ALL(CLOSED_ARGS, ", 2, 3"),
     add_closed},
    {SQ_COUNT_APPEALS, SQ_ALL_APPEALS, ONE(APPEALS_ARGS, " GROUP BY 2, 3"),
     ALL(APPEALS_ARGS, ", 2, 3"), add_appeals},
    {SQ_COUNT_DOCS, SQ_ALL_DOCS, ONE(DOCS_ARGS, " GROUP BY kind"), ALL(DOCS_ARGS, ", kind"),
     add_docs},
    {SQ_COUNT_CATEGORIES, SQ_ALL_CATEGORIES, ONE(CATEGORIES_ARGS, " GROUP BY category"),
     ALL(CATEGORIES_ARGS, ", category"), add_categories},
    {SQ_COUNT_COMPLAINTS, SQ_ALL_COMPLAINTS, ONE(COMPLAINTS_ARGS, ""), ALL(COMPLAINTS_ARGS, ""),
     add_complaints},
    {SQ_COUNT_FEES, SQ_ALL_FEES, ONE(FEES_ARGS, ""), ALL(FEES_ARGS, ""), add_fees},
};

/* Where the counts of each agency go: ids ascending, counts parallel. */
struct tally {
	const int64_t *ids;
	size_t n;
	struct store_counts *counts;
};

static struct store_counts *tally_find(const struct tally *t, int64_t id)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->ids[mid] == id)
			return &t->counts[mid];
		if (t->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static enum gk_err run_queries(struct store *s, bool all, const struct store_scope *scope,
			       const struct tally *t, struct gk_errmsg *m)
{
	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		const struct count_query *cq = &queries[q];
		enum sq_id id = all ? cq->all_id : cq->one_id;
		sqlite3_stmt *st = sq_stmt(s, id, all ? cq->all : cq->one, m);
		enum gk_err err = GK_OK;
		int rc;

		if (!st)
			return GK_EIO;
		sq_bind_scope(s, st, scope);
		while (!err && (rc = sq_step(s, st)) == SQLITE_ROW) {
			struct store_counts *c = tally_find(t, sq_col_int(st, 0));

			if (!c || !cq->add(c, st))
				err = gk_errf(m, GK_EFORMAT,
					      "%s: a stored value is outside what gongkai knows"
					      " (counting statement %zu)",
					      s->path, q + 1);
		}
		if (!err && rc != SQLITE_DONE)
			err = sq_fail(s, rc, "counting", m);
		sq_release(s, id, st);
		if (err)
			return err;
	}
	return GK_OK;
}

static enum gk_err check_period(gk_date from, gk_date to, struct gk_errmsg *m)
{
	enum gk_err err;

	if ((err = check_date("period start", from, true, m)) ||
	    (err = check_date("period end", to, true, m)))
		return err;
	return check_order("period end", to, "period start", from, m);
}

enum gk_err store_count(struct store *s, const struct store_scope *scope, struct store_counts *out,
			struct gk_errmsg *m)
{
	struct tally t = {&scope->agency_id, 1, out};
	enum gk_err err;

	memset(out, 0, sizeof(*out));
	if ((err = check_period(scope->from, scope->to, m)))
		return err;
	err = sq_agency_exists(s, scope->agency_id, m);
	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "agency id %" PRId64 ": no such agency", scope->agency_id);
	if (err)
		return err;
	return run_queries(s, false, scope, &t, m);
}

/* Every agency, copied out of the walk: records, ids, and their text kept
 * as offsets into one buffer until it stops moving. */
struct agency_list {
	struct store_agency *a;
	int64_t *ids;
	size_t (*off)[4]; /* code, name, credit code, index prefix; SIZE_MAX = NULL */
	size_t n, cap;
	struct buf text;
	bool failed;
};

static size_t keep(struct agency_list *l, const char *s)
{
	size_t off = l->text.len;

	if (!s)
		return SIZE_MAX;
	buf_puts(&l->text, s);
	buf_putc(&l->text, '\0');
	return off;
}

static bool grow(struct agency_list *l)
{
	size_t cap = l->cap ? 2 * l->cap : 64;
	void *p;

	if (!(p = realloc(l->a, cap * sizeof(*l->a))))
		return false;
	l->a = p;
	if (!(p = realloc(l->ids, cap * sizeof(*l->ids))))
		return false;
	l->ids = p;
	if (!(p = realloc(l->off, cap * sizeof(*l->off))))
		return false;
	l->off = p;
	l->cap = cap;
	return true;
}

static int collect_agency(void *ctx, const struct store_agency *a)
{
	struct agency_list *l = ctx;

	if (l->n == l->cap && !grow(l)) {
		l->failed = true;
		return 1;
	}
	l->a[l->n] = *a;
	l->ids[l->n] = a->id;
	l->off[l->n][0] = keep(l, a->code);
	l->off[l->n][1] = keep(l, a->name);
	l->off[l->n][2] = keep(l, a->credit_code);
	l->off[l->n][3] = keep(l, a->index_prefix);
	l->n++;
	return 0;
}

static enum gk_err load_agencies(struct store *s, struct agency_list *l, struct gk_errmsg *m)
{
	enum gk_err err = store_agency_each(s, collect_agency, l, m);

	if (err)
		return err;
	if (l->failed || l->text.failed)
		return gk_errf(m, GK_ENOMEM, "%s: no memory for the list of agencies", s->path);
	for (size_t i = 0; i < l->n; i++) {
		const char **text[] = {&l->a[i].code, &l->a[i].name, &l->a[i].credit_code,
				       &l->a[i].index_prefix};

		for (size_t k = 0; k < 4; k++)
			*text[k] = l->off[i][k] == SIZE_MAX ? NULL : l->text.data + l->off[i][k];
	}
	return GK_OK;
}

enum gk_err store_count_each_agency(struct store *s, gk_date from, gk_date to, store_counts_fn fn,
				    void *ctx, struct gk_errmsg *m)
{
	struct store_scope scope = {.from = from, .to = to};
	struct agency_list l = {0};
	struct tally t = {0};
	enum gk_err err = check_period(from, to, m);

	if (err)
		return err;
	buf_init(&l.text, SIZE_MAX);
	err = load_agencies(s, &l, m);
	if (!err && l.n) {
		t = (struct tally){l.ids, l.n, calloc(l.n, sizeof(struct store_counts))};
		if (!t.counts)
			err = gk_errf(m, GK_ENOMEM, "%s: no memory for %zu agencies' counts",
				      s->path, l.n);
	}
	if (!err && l.n)
		err = run_queries(s, true, &scope, &t, m);
	for (size_t i = 0; !err && i < l.n; i++)
		if (fn(ctx, &l.a[i], &t.counts[i]))
			break;
	free(t.counts);
	free(l.a);
	free(l.ids);
	free(l.off);
	buf_release(&l.text);
	return err;
}
