/*
 * bench_search: the catalogue search over a large ledger, next to a plain
 * LIKE scan of the same documents in the same run.
 *
 *   build/bench/bench_search [DB] [REPEATS]
 *
 * DB defaults to build/bench/large.db (bench/ledger.sh makes it with
 * `gongkai demo --size large`: 1,000,000 documents). Opening a schema-2
 * file migrates it to 3, which builds the search index: that time is
 * printed first, with the index's size. Then each query of a class runs
 * REPEATS times (default 5) in one shuffled order through
 * store_documents_find (first page of 20, snippets included), timed
 * in-process on a warm connection; p50/p99 are nearest-rank. The
 * reference is `count(*) ... WHERE title LIKE '%x%' OR summary LIKE ... OR
 * body LIKE ...` over the published documents (what a store without the
 * index would have to do), median of 3 terms; the SQL is the bench's own.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bench_util.h"
#include "store/store.h"

#include "base/banned.h"

#define PAGE	 20
#define MAX_RUNS 4096

struct class
{
	const char *name;
	const char *const *queries;
	int agency; /* 0: no filter; 1: the largest agency; 2: its region */
};

static const char *const two_chars[] = {
    "公开", "预算", "决算", "教育", "规划", "通知", "关于", "工作", "政府", "信息",
    "管理", "服务", "建设", "安全", "社区", "街道", "养老", "采购", "环境", "疫情",
    "罚款", "拨付", "校舍", "农田", "挪用", "招生", "业主", "认定", NULL,
};
static const char *const one_char[] = {"税", "网", "桥", "粮", "码", NULL};
static const char *const longer[] = {
    "信息公开",		"政府采购",  "营商环境",     "乡村振兴",   "优抚对象抚恤", "不动产登记",
    "义务教育招生入学", "预算 决算", "教育 OR 养老", "公开 -预算", NULL,
};
static const char *const listing[] = {"", NULL};

/* Nearest rank: the p-th percentile of sorted v[0..n). */
static double pct(const double *v, int n, int p)
{
	int k = (p * n + 99) / 100;

	return v[k < 1 ? 0 : k - 1];
}

static int ignore_hit(void *ctx, const struct store_doc_hit *h)
{
	(void)h;
	++*(int *)ctx;
	return 0;
}

static long long file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* The agency with the most documents, by the bench's own SQL. */
static long long largest_agency(sqlite3 *db, long long *parent)
{
	sqlite3_stmt *st;
	long long id = 0;

	sqlite3_prepare_v2(db,
			   "SELECT d.agency_id, a.parent_id FROM documents d JOIN agencies a"
			   " ON a.id = d.agency_id GROUP BY d.agency_id ORDER BY count(*) DESC"
			   " LIMIT 1",
			   -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*parent = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return id;
}

static void print_index_size(sqlite3 *db)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(
		db,
		"SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'documents_fts%'"
		" OR name IN ('documents_search_key', 'documents_catalogue')"
		" GROUP BY name",
		-1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("  %-24s %8.1f MB\n", (const char *)sqlite3_column_text(st, 0),
		       sqlite3_column_int64(st, 1) / 1e6);
	sqlite3_finalize(st);
}

/* Run every query of c `repeats` times in a shuffled order. */
static int run_class(struct store *s, const struct class *c, long long agency, long long region,
		     int repeats, double *ms)
{
	int nq = 0, n = 0, order[MAX_RUNS];
	unsigned seed = 7;

	while (c->queries[nq])
		nq++;
	for (int r = 0; r < repeats; r++)
		for (int q = 0; q < nq && n < MAX_RUNS; q++)
			order[n++] = q;
	for (int i = n - 1; i > 0; i--) {
		int j, t;

		seed = seed * 1103515245u + 12345u;
		j = (int)((seed >> 8) % (unsigned)(i + 1));
		t = order[i], order[i] = order[j], order[j] = t;
	}
	for (int i = 0; i < n; i++) {
		struct store_doc_query q = {.query = c->queries[order[i]], .limit = PAGE};
		struct gk_errmsg m;
		int64_t total;
		bool exact;
		int hits = 0;
		double t0;

		if (c->agency) {
			q.agency_id = c->agency == 1 ? agency : region;
			q.region = c->agency == 2;
		}
		t0 = now_ms();
		if (store_documents_find(s, &q, ignore_hit, &hits, &total, &exact, &m) != GK_OK) {
			fprintf(stderr, "bench_search: %s: %s\n", q.query, m.text);
			return -1;
		}
		ms[i] = now_ms() - t0;
	}
	qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
	return n;
}

/* The per-term totals, once, for the record. */
static void print_totals(struct store *s, const struct class *c)
{
	for (int i = 0; c->queries[i]; i++) {
		struct store_doc_query q = {.query = c->queries[i], .limit = 1};
		struct gk_errmsg m;
		int64_t total = 0;
		bool exact = true;
		int hits = 0;

		store_documents_find(s, &q, ignore_hit, &hits, &total, &exact, &m);
		printf("%s%s %s%lld", i ? ", " : "  ", *c->queries[i] ? c->queries[i] : "(all)",
		       exact ? "" : "~", (long long)total);
	}
	printf("\n");
}

static double like_ms(sqlite3 *db, const char *term, long long *count)
{
	sqlite3_stmt *st;
	char pattern[64];
	double t0;

	snprintf(pattern, sizeof(pattern), "%%%s%%", term);
	sqlite3_prepare_v2(db,
			   "SELECT count(*) FROM documents WHERE status = 2 AND (title LIKE ?1"
			   " OR summary LIKE ?1 OR body LIKE ?1)",
			   -1, &st, NULL);
	sqlite3_bind_text(st, 1, pattern, -1, SQLITE_STATIC);
	t0 = now_ms();
	if (sqlite3_step(st) == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	t0 = now_ms() - t0;
	sqlite3_finalize(st);
	return t0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "build/bench/large.db";
	int repeats = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 5;
	static const struct class classes[] = {
	    {"2 characters", two_chars, 0},
	    {"1 character", one_char, 0},
	    {"longer / operators", longer, 0},
	    {"listing", listing, 0},
	    {"2 chars, largest agency", two_chars, 1},
	    {"2 chars, its region", two_chars, 2},
	};
	static const char *const like_terms[] = {"公开", "预算", "农田"};
	static double ms[MAX_RUNS];
	struct store *s;
	struct gk_errmsg m;
	sqlite3 *db;
	long long agency, region = 0, before = file_size(path);
	double t0, like[3];

	if (before < 0) {
		fprintf(stderr, "bench_search: %s: no such file (run bench/ledger.sh first)\n",
			path);
		return 2;
	}
	t0 = now_ms();
	if (store_open(path, STORE_OPEN_EXISTING, &s, &m) != GK_OK) {
		fprintf(stderr, "bench_search: %s\n", m.text);
		return 1;
	}
	printf("open (migrations included): %.1f s; file %.1f MB -> %.1f MB\n",
	       (now_ms() - t0) / 1e3, before / 1e6, file_size(path) / 1e6);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 1;
	print_index_size(db);
	agency = largest_agency(db, &region);
	printf("largest agency %lld, its parent %lld\n", agency, region);

	for (size_t c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
		int n;

		if (classes[c].agency == 2 && !region)
			continue;
		if (classes[c].agency == 0)
			print_totals(s, &classes[c]);
		n = run_class(s, &classes[c], agency, region, repeats, ms);
		if (n < 0)
			return 1;
		printf("%-26s %4d runs  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
		       classes[c].name, n, pct(ms, n, 50), pct(ms, n, 99), ms[n - 1]);
	}
	for (int i = 0; i < 3; i++) {
		long long count = 0;

		like[i] = like_ms(db, like_terms[i], &count);
		printf("LIKE %s: %lld rows, %.0f ms\n", like_terms[i], count, like[i]);
	}
	qsort(like, 3, sizeof(like[0]), cmp_double);
	printf("LIKE scan median %.0f ms\n", like[1]);
	sqlite3_close(db);
	store_close(s);
	return 0;
}
