/*
 * bench_ledger: the annual report compiled from a large ledger, next to
 * the same aggregates done in plain SQL on the same file in the same run.
 *
 *   build/bench/bench_ledger [DB] [YEAR]
 *
 * DB defaults to build/bench/large.db, made by bench/ledger.sh with
 * `gongkai demo --size large`. Measured (median of RUNS warm runs each):
 *   one agency  the largest agency's complete report (counts, the sheet in
 *               its layout, entered figures, text sections, the checker's
 *               rules) vs one UNION ALL of the same GROUP BYs for it
 *               (applications A/B/C/D, appeals, documents) through the
 *               sqlite3 API — perf-reference.md §5's one_report, extended
 *               to tables 二 and 四;
 *   all agencies every agency's complete report vs the same UNION ALL
 *               grouped by agency over the whole ledger.
 * The reference is SQL only: it builds no report and checks nothing.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "app/ledger_report.h"

#include "base/banned.h"

#define RUNS 11

/* The four parts of table 三, table 四 and the document rows of 二. */
#define REFERENCE_PARTS(WHERE_AGENCY, GROUP_AGENCY)                                                 \
	"SELECT 'A', " GROUP_AGENCY "applicant_type, NULL, count(*) FROM applications"                \
	" WHERE " WHERE_AGENCY "received BETWEEN ?2 AND ?3 GROUP BY " GROUP_AGENCY "applicant_type"   \
	" UNION ALL SELECT 'B', " GROUP_AGENCY "applicant_type, NULL, count(*) FROM applications"      \
	" WHERE " WHERE_AGENCY "received < ?2 AND (closed IS NULL OR closed >= ?2)"                   \
	" GROUP BY " GROUP_AGENCY "applicant_type"                                                    \
	" UNION ALL SELECT 'C', " GROUP_AGENCY "applicant_type, outcome, count(*) FROM applications"   \
	" WHERE " WHERE_AGENCY "closed BETWEEN ?2 AND ?3"                                             \
	" GROUP BY " GROUP_AGENCY "outcome, applicant_type"                                           \
	" UNION ALL SELECT 'D', " GROUP_AGENCY "applicant_type, NULL, count(*) FROM applications"      \
	" WHERE " WHERE_AGENCY "received <= ?3 AND (closed IS NULL OR closed > ?3)"                   \
	" GROUP BY " GROUP_AGENCY "applicant_type"                                                    \
	" UNION ALL SELECT 'appeal', " GROUP_AGENCY "kind,"                                            \
	" CASE WHEN closed BETWEEN ?2 AND ?3 THEN result ELSE 0 END AS r, count(*) FROM appeals"     \
	" WHERE " WHERE_AGENCY "filed <= ?3 AND (closed IS NULL OR closed >= ?2)"                     \
	" AND co_defendant_only = 0 GROUP BY " GROUP_AGENCY "kind, r"                                 \
	" UNION ALL SELECT 'doc', " GROUP_AGENCY "kind, sum(created BETWEEN ?2 AND ?3),"               \
	" sum(published <= ?3 AND (abolished IS NULL OR abolished > ?3)) FROM documents"             \
	" WHERE " WHERE_AGENCY "kind IN (1, 2) GROUP BY " GROUP_AGENCY "kind"                         \
	" UNION ALL SELECT 'category', " GROUP_AGENCY "category, NULL, count(*) FROM documents"        \
	" WHERE " WHERE_AGENCY "published BETWEEN ?2 AND ?3 GROUP BY " GROUP_AGENCY "category"

static const char one_sql[] = REFERENCE_PARTS("agency_id = ?1 AND ", "");
/* ?1 is unused here; binding it keeps one helper for both statements. */
static const char all_sql[] = REFERENCE_PARTS("?1 IS NOT NULL AND ", "agency_id, ");

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* Run the reference statement once; returns the rows it produced. */
static long run_reference(sqlite3_stmt *st, long long agency, const char *from, const char *to)
{
	long rows = 0;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, agency);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		rows++;
	return rows;
}

static int count_report(void *ctx, const struct store_agency *a, const struct ledger_report *r)
{
	(void)a, (void)r;
	++*(long *)ctx;
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "build/bench/large.db";
	int year = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 2024;
	char from[16], to[16];
	double ref[RUNS], ours[RUNS];
	struct gk_errmsg m;
	struct store *store;
	sqlite3 *db;
	sqlite3_stmt *one, *all, *largest;
	long long agency;
	long rows = 0, reports = 0;

	snprintf(from, sizeof(from), "%d-01-01", year);
	snprintf(to, sizeof(to), "%d-12-31", year);
	if (store_open(path, STORE_OPEN_EXISTING, &store, &m)) {
		printf("skip: %s (make it with bench/ledger.sh)\n", m.text);
		return 0;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ||
	    sqlite3_prepare_v2(db, one_sql, -1, &one, NULL) ||
	    sqlite3_prepare_v2(db, all_sql, -1, &all, NULL) ||
	    sqlite3_prepare_v2(db,
			       "SELECT agency_id, count(*) AS n FROM applications"
			       " GROUP BY agency_id ORDER BY n DESC LIMIT 1",
			       -1, &largest, NULL) ||
	    sqlite3_step(largest) != SQLITE_ROW) {
		fprintf(stderr, "bench_ledger: %s: %s\n", path, sqlite3_errmsg(db));
		return 1;
	}
	agency = sqlite3_column_int64(largest, 0);
	printf("ledger %s, year %d; largest agency id %lld with %lld applications\n", path, year,
	       agency, (long long)sqlite3_column_int64(largest, 1));
	sqlite3_finalize(largest);

	struct store_scope scope = {.agency_id = agency, .from = 0, .to = 0};
	date_parse(str_from_cstr(from), &scope.from);
	date_parse(str_from_cstr(to), &scope.to);
	for (int i = -2; i < RUNS; i++) { /* two warm-up runs */
		struct ledger_report r;
		double t0 = now_ms();

		rows = run_reference(one, agency, from, to);
		double t1 = now_ms();
		if (ledger_report_build(store, &scope, LEDGER_REPORT_LIVE, &r, &m)) {
			fprintf(stderr, "bench_ledger: %s\n", m.text);
			return 1;
		}
		double t2 = now_ms();
		ledger_report_release(&r);
		if (i >= 0)
			ref[i] = t1 - t0, ours[i] = t2 - t1;
	}
	double r1 = median(ref, RUNS), o1 = median(ours, RUNS);
	printf("one agency:   report %.2f ms, plain SQL %.2f ms (%ld rows), ratio %.2fx\n", o1, r1,
	       rows, o1 / r1);

	for (int i = -1; i < 5; i++) {
		double t0 = now_ms();

		rows = run_reference(all, 0, from, to);
		double t1 = now_ms();
		reports = 0;
		if (ledger_report_each_agency(store, scope.from, scope.to, count_report, &reports, &m)) {
			fprintf(stderr, "bench_ledger: %s\n", m.text);
			return 1;
		}
		double t2 = now_ms();
		if (i >= 0)
			ref[i] = t1 - t0, ours[i] = t2 - t1;
	}
	double r2 = median(ref, 5), o2 = median(ours, 5);
	printf("all agencies: %ld reports %.0f ms, plain SQL %.0f ms (%ld rows), ratio %.2fx\n",
	       reports, o2, r2, rows, o2 / r2);
	sqlite3_finalize(one);
	sqlite3_finalize(all);
	sqlite3_close(db);
	store_close(store);
	return 0;
}
