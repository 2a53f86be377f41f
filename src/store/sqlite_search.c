/*
 * The catalogue (政府信息公开 column) and its search, over the FTS5 index
 * documents_fts of migration 3. docs/search.md explains the design; in
 * short:
 *   - the index holds the published documents only, with rowid
 *     search_key = YYYYMMDD of 公开日期 * 10^10 + id, so rowid order is
 *     newest first and a year is a rowid range;
 *   - the filters are tokens of the column search_tags ("a<agency>",
 *     "c<item>", "s<subject>", "doc" on every row), so FTS5 skips to the
 *     rows of a filter, and a listing is the walk of "doc" by rowid;
 *   - a search ranks by bm25 only the RANK_WINDOW newest matches, and
 *     counts only up to COUNT_BOUND, estimating beyond it. Ranking every
 *     match of a common term (公开 is in 93% of documents) takes over a
 *     second at 1M documents; this takes a bounded time whatever the term.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/search_query.h"
#include "store/sqlite.h"
#include "store/validate.h"

#include "base/banned.h"

/* search_key = YYYYMMDD * KEY_DAY + id (migration 3). */
#define KEY_DAY INT64_C(10000000000)
/* Newest matches ranked by bm25 (perf-reference.md §4.3: 10,000 capped
 * ranks in 14 ms median, 32 ms p99 at 1M documents). */
#define RANK_WINDOW 10000
/* Matches counted exactly; beyond, the total is an estimate. */
#define COUNT_BOUND 50000
/* A region's agencies all become tokens of the expression. */
#define EXPR_MAX ((size_t)1 << 20)

/* gk_bm25 weights of title, 文号, summary, body, search_tags. */
#define BM25_WEIGHTS "10.0, 5.0, 3.0, 1.0, 0.0"
/* The columns a person's query searches (never search_tags). */
#define TEXT_COLUMNS "{title doc_number summary body}"

struct ranked {
	int64_t key;
	double score;
};

/* What one find needs besides the query: the expressions and the range. */
struct plan {
	struct buf match; /* the full MATCH: query AND filters */
	struct buf text;  /* the query alone, for snippet() */
	int64_t lo, hi;	  /* search_key range (the year) */
};

static enum gk_err check_query(const struct store_doc_query *q, struct gk_errmsg *m)
{
	if (q->limit < 1 || q->limit > STORE_PAGE_MAX)
		return gk_errf(m, GK_EINVAL, "page size: %d; 1–%d are allowed", q->limit,
			       STORE_PAGE_MAX);
	if (q->offset < 0)
		return gk_errf(m, GK_EINVAL, "page offset: %d; it may not be negative", q->offset);
	if (q->category < 0 || q->category > STORE_ART20_ITEMS)
		return gk_errf(m, GK_EINVAL,
			       "category: %d; items 1–%d of 条例第二十条, or 0 for any",
			       q->category, STORE_ART20_ITEMS);
	if (q->year && (q->year < GK_DATE_MIN_YEAR || q->year > GK_DATE_MAX_YEAR))
		return gk_errf(m, GK_EINVAL, "year: %d; %d–%d, or 0 for any", q->year,
			       GK_DATE_MIN_YEAR, GK_DATE_MAX_YEAR);
	if (q->agency_id < 0 || q->subject_id < 0)
		return gk_errf(m, GK_EINVAL, "agency or subject id: may not be negative");
	return GK_OK;
}

/*
 * The agency filter: "a<id>" for the agency, or every agency of its region
 * (the recursive CTE the counts use) joined by OR. A region that holds
 * every agency filters nothing and adds nothing.
 */
static enum gk_err put_agencies(struct store *s, const struct store_doc_query *q, struct buf *out,
				struct gk_errmsg *m)
{
	sqlite3_stmt *st;
	int64_t n = 0, all = 0;
	size_t start = out->len;
	int rc;

	if (!q->region) {
		buf_printf(out, " AND search_tags : \"a%" PRId64 "\"", q->agency_id);
		return GK_OK;
	}
	st = sq_stmt(s, SQ_SEARCH_REGION,
		     SQ_REGION_CTE "SELECT id, (SELECT count(*) FROM agencies) FROM region"
				   " ORDER BY id",
		     m);
	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, q->agency_id);
	sq_bind_int(s, st, 2, 1);
	buf_puts(out, " AND search_tags : (");
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		buf_printf(out, "%s\"a%" PRId64 "\"", n++ ? " OR " : "", sq_col_int(st, 0));
		all = sq_col_int(st, 1);
	}
	buf_putc(out, ')');
	sq_release(s, SQ_SEARCH_REGION, st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "listing the agencies of a region", m);
	if (n == all)
		out->len = start;
	return GK_OK;
}

/* The MATCH expression of q, and the query alone for snippets. */
static enum gk_err make_plan(struct store *s, const struct store_doc_query *q, struct plan *p,
			     struct gk_errmsg *m)
{
	enum gk_err err;

	p->lo = 0;
	p->hi = INT64_MAX;
	if (q->year) {
		p->lo = (int64_t)q->year * 10000 * KEY_DAY;
		p->hi = (int64_t)(q->year + 1) * 10000 * KEY_DAY - 1;
	}
	if (q->query && *q->query) {
		buf_puts(&p->text, TEXT_COLUMNS " : (");
		if ((err = search_query_parse(str_from_cstr(q->query), &p->text, m)))
			return err;
		buf_putc(&p->text, ')');
		buf_append(&p->match, p->text.data, p->text.len);
	} else {
		/* A listing: every catalogue row carries "doc". */
		buf_puts(&p->match, "search_tags : \"doc\"");
	}
	if (q->agency_id && (err = put_agencies(s, q, &p->match, m)))
		return err;
	if (q->category)
		buf_printf(&p->match, " AND search_tags : \"c%d\"", q->category);
	if (q->subject_id)
		buf_printf(&p->match, " AND search_tags : \"s%" PRId64 "\"", q->subject_id);
	if (p->match.failed || p->text.failed)
		return gk_errf(m, GK_ENOMEM, "%s: no memory for the search expression", s->path);
	return GK_OK;
}

static void bind_match(struct store *s, sqlite3_stmt *st, const struct plan *p, int64_t hi)
{
	sq_bind_text(s, st, 1, buf_cstr(&p->match));
	sq_bind_int(s, st, 2, p->lo);
	sq_bind_int(s, st, 3, hi);
}

/*
 * Up to limit matching keys at or below hi, newest first, skipping offset:
 * appended to keys[*n].
 */
static enum gk_err walk(struct store *s, const struct plan *p, int64_t hi, int offset, int limit,
			int64_t *keys, int *n, struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SEARCH_WALK,
				   "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1"
				   " AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid DESC"
				   " LIMIT ?4 OFFSET ?5",
				   m);
	int rc;

	if (!st)
		return GK_EIO;
	bind_match(s, st, p, hi);
	sq_bind_int(s, st, 4, limit);
	sq_bind_int(s, st, 5, offset);
	while ((rc = sq_step(s, st)) == SQLITE_ROW)
		keys[(*n)++] = sq_col_int(st, 0);
	sq_release(s, SQ_SEARCH_WALK, st);
	return rc == SQLITE_DONE ? GK_OK : sq_fail(s, rc, "searching the catalogue", m);
}

/* Count the matches at or below hi, up to bound; *last is the oldest key
 * counted (0 when none). */
static enum gk_err count_upto(struct store *s, const struct plan *p, int64_t hi, int64_t bound,
			      int64_t *n, int64_t *last, struct gk_errmsg *m)
{
	sqlite3_stmt *st =
	    sq_stmt(s, SQ_SEARCH_COUNT,
		    "SELECT count(*), min(k) FROM (SELECT rowid AS k FROM documents_fts"
		    " WHERE documents_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
		    " ORDER BY rowid DESC LIMIT ?4)",
		    m);
	int rc;

	if (!st)
		return GK_EIO;
	bind_match(s, st, p, hi);
	sq_bind_int(s, st, 4, bound);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW) {
		*n = sq_col_int(st, 0);
		*last = sq_col_int(st, 1);
	}
	sq_release(s, SQ_SEARCH_COUNT, st);
	return rc == SQLITE_ROW ? GK_OK : sq_fail(s, rc, "counting the matches", m);
}

static gk_date key_date(int64_t key)
{
	int64_t ymd = key / KEY_DAY;

	return date_from_ymd((int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100));
}

/*
 * counted matches were found from the newest one (key newest) down to key
 * last; the oldest match has key oldest. Assume the matches are spread
 * evenly over their days and scale up.
 */
static int64_t estimate(int64_t counted, int64_t newest, int64_t last, int64_t oldest)
{
	double all = (double)(key_date(newest) - key_date(oldest) + 1);
	double seen = (double)(key_date(newest) - key_date(last) + 1);

	return (int64_t)((double)counted * all / seen);
}

static enum gk_err oldest_key(struct store *s, const struct plan *p, int64_t *key,
			      struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SEARCH_OLDEST,
				   "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1"
				   " AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid LIMIT 1",
				   m);
	int rc;

	if (!st)
		return GK_EIO;
	bind_match(s, st, p, p->hi);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW)
		*key = sq_col_int(st, 0);
	sq_release(s, SQ_SEARCH_OLDEST, st);
	return rc == SQLITE_ROW ? GK_OK : sq_fail(s, rc, "finding the oldest match", m);
}

/*
 * The total: `have` matches are known from key newest down to key last;
 * count on below last up to COUNT_BOUND in all, then estimate.
 */
static enum gk_err total_of(struct store *s, const struct plan *p, int64_t have, int64_t newest,
			    int64_t last, int64_t *total, bool *exact, struct gk_errmsg *m)
{
	int64_t more = 0, end = last, oldest = 0;
	enum gk_err err;

	*exact = true;
	if ((err = count_upto(s, p, last - 1, COUNT_BOUND - have, &more, &end, m)))
		return err;
	*total = have + more;
	if (*total < COUNT_BOUND)
		return GK_OK;
	if ((err = oldest_key(s, p, &oldest, m)))
		return err;
	/* The bound was met exactly by the last match there is. */
	if (oldest == (more ? end : last))
		return GK_OK;
	*exact = false;
	*total = estimate(*total, newest, more ? end : last, oldest);
	return GK_OK;
}

static int by_score(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1; /* bm25: lower is better */
	return (x->key < y->key) - (x->key > y->key);
}

/* The RANK_WINDOW newest matches with their bm25 score, best first. */
static enum gk_err rank_window(struct store *s, const struct plan *p, struct ranked *r, int *n,
			       struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SEARCH_RANK,
				   "SELECT rowid, gk_bm25(documents_fts, " BM25_WEIGHTS ")"
				   " FROM documents_fts WHERE documents_fts MATCH ?1"
				   " AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid DESC LIMIT ?4",
				   m);
	int rc;

	if (!st)
		return GK_EIO;
	bind_match(s, st, p, p->hi);
	sq_bind_int(s, st, 4, RANK_WINDOW);
	*n = 0;
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		r[*n].key = sq_col_int(st, 0);
		r[(*n)++].score = sqlite3_column_double(st, 1);
	}
	sq_release(s, SQ_SEARCH_RANK, st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "ranking the matches", m);
	return GK_OK;
}

/*
 * The page of a search: ranked[offset..] within the window, then (for
 * pages past it) the older matches newest first. Writes the page's keys.
 */
static enum gk_err search_page(struct store *s, const struct store_doc_query *q,
			       const struct plan *p, int64_t *keys, int *nkeys, int64_t *total,
			       bool *exact, struct gk_errmsg *m)
{
	struct ranked *r = malloc(RANK_WINDOW * sizeof(*r));
	enum gk_err err;
	int n = 0;

	if (!r)
		return gk_errf(m, GK_ENOMEM, "%s: no memory to rank the matches", s->path);
	err = rank_window(s, p, r, &n, m);
	*total = n;
	*exact = true;
	/* A full window: count on below it (before sorting it by score). */
	if (!err && n == RANK_WINDOW)
		err = total_of(s, p, n, r[0].key, r[n - 1].key, total, exact, m);
	if (!err) {
		int64_t last = n ? r[n - 1].key : 0;

		qsort(r, (size_t)n, sizeof(*r), by_score);
		for (int i = q->offset; i < n && *nkeys < q->limit; i++)
			keys[(*nkeys)++] = r[i].key;
		if (n == RANK_WINDOW && *nkeys < q->limit)
			err = walk(s, p, last - 1, q->offset > n ? q->offset - n : 0,
				   q->limit - *nkeys, keys, nkeys, m);
	}
	free(r);
	return err;
}

static enum gk_err list_page(struct store *s, const struct store_doc_query *q, const struct plan *p,
			     int64_t *keys, int *nkeys, int64_t *total, bool *exact,
			     struct gk_errmsg *m)
{
	enum gk_err err = walk(s, p, p->hi, q->offset, q->limit, keys, nkeys, m);
	int64_t newest = 0;

	if (err)
		return err;
	/* The newest match heads the count; on a page past the end there is
	 * no key to start from, so look it up. */
	if (*nkeys && q->offset == 0) {
		newest = keys[0];
	} else {
		int n = 0;

		if ((err = walk(s, p, p->hi, 0, 1, &newest, &n, m)))
			return err;
		if (!n) {
			*total = 0;
			*exact = true;
			return GK_OK;
		}
	}
	return total_of(s, p, 1, newest, newest, total, exact, m);
}

/* Call fn with the document of key (and its snippet for a search). */
static enum gk_err emit_hit(struct store *s, const struct plan *p, int64_t key, store_doc_hit_fn fn,
			    void *ctx, int *stop, struct gk_errmsg *m)
{
	static const char marks[2][2] = {{STORE_MARK_OPEN, 0}, {STORE_MARK_CLOSE, 0}};
	sqlite3_stmt *st = sq_stmt(
	    s, SQ_SEARCH_HIT,
	    "SELECT d.id, d.index_no, d.title, d.doc_number, d.agency_id, a.code, a.name,"
	    " d.category, d.subject_id, sj.name, d.created, d.published"
	    " FROM documents d JOIN agencies a ON a.id = d.agency_id"
	    " LEFT JOIN subjects sj ON sj.id = d.subject_id WHERE d.id = ?1 AND d.status = 2",
	    m);
	sqlite3_stmt *sn = NULL;
	struct store_doc_hit h = {0};
	int rc, rcs = SQLITE_DONE;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, key % KEY_DAY);
	rc = sq_step(s, st);
	if (rc == SQLITE_ROW && p->text.len) {
		sn = sq_stmt(s, SQ_SEARCH_SNIPPET,
			     "SELECT snippet(documents_fts, -1, ?3, ?4, '…', 32) FROM documents_fts"
			     " WHERE documents_fts MATCH ?1 AND rowid = ?2",
			     m);
		if (!sn) {
			sq_release(s, SQ_SEARCH_HIT, st);
			return GK_EIO;
		}
		sq_bind_text(s, sn, 1, buf_cstr(&p->text));
		sq_bind_int(s, sn, 2, key);
		sq_bind_text(s, sn, 3, marks[0]);
		sq_bind_text(s, sn, 4, marks[1]);
		rcs = sq_step(s, sn);
		if (rcs == SQLITE_ROW)
			h.snippet = (const char *)sqlite3_column_text(sn, 0);
	}
	/* A row the index holds but the catalogue does not is skipped. */
	if (rc == SQLITE_ROW && (rcs == SQLITE_ROW || rcs == SQLITE_DONE)) {
		h.id = sq_col_int(st, 0);
		h.index_no = (const char *)sqlite3_column_text(st, 1);
		h.title = (const char *)sqlite3_column_text(st, 2);
		h.doc_number = (const char *)sqlite3_column_text(st, 3);
		h.agency_id = sq_col_int(st, 4);
		h.agency_code = (const char *)sqlite3_column_text(st, 5);
		h.agency_name = (const char *)sqlite3_column_text(st, 6);
		h.category = sqlite3_column_int(st, 7);
		h.subject_id = sq_col_int(st, 8);
		h.subject = (const char *)sqlite3_column_text(st, 9);
		h.created = sq_col_date(st, 10);
		h.published = sq_col_date(st, 11);
		*stop = fn(ctx, &h);
	}
	if (sn)
		sq_release(s, SQ_SEARCH_SNIPPET, sn);
	sq_release(s, SQ_SEARCH_HIT, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(s, rc, "reading a catalogue entry", m);
	if (rcs != SQLITE_ROW && rcs != SQLITE_DONE)
		return sq_fail(s, rcs, "making a snippet", m);
	return GK_OK;
}

enum gk_err store_documents_find(struct store *s, const struct store_doc_query *q,
				 store_doc_hit_fn fn, void *ctx, int64_t *total, bool *total_exact,
				 struct gk_errmsg *m)
{
	struct plan p;
	int64_t keys[STORE_PAGE_MAX];
	int nkeys = 0, stop = 0;
	enum gk_err err;

	*total = 0;
	*total_exact = true;
	if ((err = check_query(q, m)))
		return err;
	if (q->agency_id && (err = sq_agency_exists(s, q->agency_id, m)))
		return err == GK_ENOTFOUND
			   ? gk_errf(m, err, "agency id %" PRId64 ": no such agency", q->agency_id)
			   : err;
	buf_init(&p.match, EXPR_MAX);
	buf_init(&p.text, EXPR_MAX);
	err = make_plan(s, q, &p, m);
	if (!err)
		err = p.text.len ? search_page(s, q, &p, keys, &nkeys, total, total_exact, m)
				 : list_page(s, q, &p, keys, &nkeys, total, total_exact, m);
	for (int i = 0; !err && !stop && i < nkeys; i++)
		err = emit_hit(s, &p, keys[i], fn, ctx, &stop, m);
	buf_release(&p.match);
	buf_release(&p.text);
	return err;
}

/* --- The catalogue's navigation ----------------------------------------- */

/* The catalogue's rows by item and year, newest year first. */
#define CATALOGUE_COLS	 "SELECT category, CAST(substr(published, 1, 4) AS INTEGER), count(*)"
#define CATALOGUE_GROUPS " GROUP BY 1, 2 ORDER BY 2 DESC"

enum gk_err store_catalogue_count(struct store *s, int64_t agency_id, bool region,
				  struct store_catalogue_counts *out, struct gk_errmsg *m)
{
	enum { YEARS = sizeof(out->by_year) / sizeof(out->by_year[0]) };
	enum sq_id id = agency_id ? SQ_CATALOGUE_COUNT : SQ_CATALOGUE_COUNT_ALL;
	int64_t back[YEARS] = {0}; /* [last_year - year] */
	int oldest = 0, rc;
	enum gk_err err;
	sqlite3_stmt *st;

	memset(out, 0, sizeof(*out));
	if (agency_id && (err = sq_agency_exists(s, agency_id, m)))
		return err == GK_ENOTFOUND
			   ? gk_errf(m, err, "agency id %" PRId64 ": no such agency", agency_id)
			   : err;
	/* Two statements: with the region's IN the planner walks the covering
	 * index per agency, without it the whole catalogue once. */
	st = agency_id
		 ? sq_stmt(
		       s, id,
		       SQ_REGION_CTE CATALOGUE_COLS
		       " FROM documents WHERE status = 2 AND agency_id IN region" CATALOGUE_GROUPS,
		       m)
		 : sq_stmt(s, id,
			   CATALOGUE_COLS " FROM documents WHERE status = 2" CATALOGUE_GROUPS, m);
	if (!st)
		return GK_EIO;
	if (agency_id) {
		sq_bind_int(s, st, 1, agency_id);
		sq_bind_int(s, st, 2, region);
	}
	while ((rc = sq_step(s, st)) == SQLITE_ROW) {
		int category = sqlite3_column_int(st, 0), year = sqlite3_column_int(st, 1);
		int64_t n = sq_col_int(st, 2);

		if (!out->last_year)
			out->last_year = year;
		/* More than YEARS years: the oldest ones fall out of by_year. */
		if (out->last_year - year < YEARS) {
			back[out->last_year - year] += n;
			oldest = year;
		}
		out->by_category[category] += n;
		out->total += n;
	}
	sq_release(s, id, st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, rc, "counting the catalogue", m);
	out->first_year = oldest;
	for (int y = oldest; out->last_year && y <= out->last_year; y++)
		out->by_year[y - oldest] = back[out->last_year - y];
	return GK_OK;
}

enum gk_err store_subject_each(struct store *s, int64_t agency_id, store_subject_fn fn, void *ctx,
			       struct gk_errmsg *m)
{
	sqlite3_stmt *st = sq_stmt(s, SQ_SUBJECT_EACH,
				   "SELECT sj.id, sj.name, (SELECT count(*) FROM documents d"
				   " WHERE d.status = 2 AND d.agency_id = sj.agency_id"
				   " AND d.subject_id = sj.id)"
				   " FROM subjects sj WHERE sj.agency_id = ?1 ORDER BY sj.name",
				   m);
	enum gk_err err = GK_OK;
	int rc;

	if (!st)
		return GK_EIO;
	sq_bind_int(s, st, 1, agency_id);
	while ((rc = sq_step(s, st)) == SQLITE_ROW)
		if (fn(ctx, sq_col_int(st, 0), (const char *)sqlite3_column_text(st, 1),
		       sq_col_int(st, 2)))
			break;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = sq_fail(s, rc, "listing the subjects", m);
	sq_release(s, SQ_SUBJECT_EACH, st);
	return err;
}
