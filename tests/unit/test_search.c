/*
 * Unit tests for the catalogue and search (store/sqlite_search.c, the
 * cjk_bigram tokenizer, migration 3): a two-character query finds exactly
 * the documents an independent strstr finds, single characters, phrases,
 * OR, exclusion, full-width and case folding, filters, only published
 * documents, pages and totals, snippet marks, title over body; the index
 * follows updates and deletes; the catalogue's counts, subjects, agency
 * settings and published reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/fts_bigram.h"
#include "store/store.h"

struct fixture {
	char dir[64];
	char path[128];
	struct store *s;
	int64_t parent, child, other; /* agencies: child is under parent */
	int64_t subject;	      /* child's subject "财政" */
};

static gk_date D(const char *s)
{
	gk_date d;

	assert_true(date_parse(str_from_cstr(s), &d));
	return d;
}

static int64_t add_agency(struct store *s, const char *code, const char *name, int64_t parent)
{
	struct store_agency a = {.code = code, .name = name, .parent_id = parent};
	struct gk_errmsg m;
	int64_t id = 0;

	if (store_agency_add(s, &a, &id, &m) != GK_OK)
		fail_msg("%s", m.text);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct gk_errmsg m;

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/gk-search-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/ledger.db", f->dir);
	if (store_open(f->path, STORE_OPEN_CREATE, &f->s, &m) != GK_OK) {
		fprintf(stderr, "%s\n", m.text);
		return -1;
	}
	f->parent = add_agency(f->s, "region", "东岚区人民政府", 0);
	f->child = add_agency(f->s, "czj", "东岚区财政局", f->parent);
	f->other = add_agency(f->s, "other", "西山县教育局", 0);
	if (store_subject_add(f->s, f->child, "财政", &f->subject, &m) != GK_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char p[sizeof(f->path) + 8];

	store_close(f->s);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

struct doc_spec {
	int64_t agency, subject;
	const char *title, *doc_number, *summary, *body;
	const char *published; /* NULL: a draft */
	int category;
};

static int64_t add_doc(struct store *s, const struct doc_spec *spec)
{
	struct store_document d = {
	    .agency_id = spec->agency,
	    .title = spec->title,
	    .doc_number = spec->doc_number,
	    .summary = spec->summary,
	    .body = spec->body,
	    .category = spec->category,
	    .subject_id = spec->subject,
	    .created = D("2019-01-01"),
	    .status = spec->published ? DOC_PUBLISHED : DOC_DRAFT,
	    .published = spec->published ? D(spec->published) : 0,
	};
	struct gk_errmsg m;
	int64_t id;

	if (store_document_add(s, &d, &id, &m) != GK_OK)
		fail_msg("%s", m.text);
	return id;
}

/* --- Collecting results -------------------------------------------------- */

#define HITS_MAX 512

struct hits {
	int n;
	int64_t id[HITS_MAX];
	gk_date published[HITS_MAX];
	char snippet[8][512];	 /* of the first 8 hits */
	char agency_code[8][64]; /* of the first 8 hits */
	char subject[8][64];	 /* of the first 8 hits, "" for none */
};

static int collect(void *ctx, const struct store_doc_hit *h)
{
	struct hits *r = ctx;

	assert_true(r->n < HITS_MAX);
	if (r->n < 8) {
		snprintf(r->snippet[r->n], sizeof(r->snippet[0]), "%s",
			 h->snippet ? h->snippet : "");
		snprintf(r->agency_code[r->n], sizeof(r->agency_code[0]), "%s", h->agency_code);
		snprintf(r->subject[r->n], sizeof(r->subject[0]), "%s",
			 h->subject ? h->subject : "");
	}
	r->published[r->n] = h->published;
	r->id[r->n++] = h->id;
	return 0;
}

/* Every hit of q, fetched in pages of `page`; checks the totals agree. */
static void find_all(struct store *s, struct store_doc_query q, int page, struct hits *r)
{
	struct gk_errmsg m;
	int64_t total = -1;
	bool exact = false;

	memset(r, 0, sizeof(*r));
	q.limit = page;
	for (q.offset = 0;; q.offset += page) {
		int before = r->n;
		int64_t t;

		if (store_documents_find(s, &q, collect, r, &t, &exact, &m) != GK_OK)
			fail_msg("%s", m.text);
		assert_true(exact);
		assert_true(total < 0 || t == total);
		total = t;
		if (r->n - before < page)
			break;
	}
	assert_int_equal(total, r->n);
}

static void find_q(struct store *s, const char *query, struct hits *r)
{
	struct store_doc_query q = {.query = query};

	find_all(s, q, STORE_PAGE_MAX, r);
}

static bool has(const struct hits *r, int64_t id)
{
	for (int i = 0; i < r->n; i++)
		if (r->id[i] == id)
			return true;
	return false;
}

/* --- A corpus checked against strstr ------------------------------------- */

static const char *const phrases[] = {
    "关于做好政府信息公开工作的通知",
    "2024年部门预算公开说明",
    "区财政局2023年度决算",
    "教育经费使用情况的报告",
    "国土空间总体规划（2021—2035年）",
    "关于印发实施方案的通知",
    "政务公开工作要点",
    "养老服务补贴发放名单",
    "税收优惠政策解读",
    "疫情防控工作动态",
    "预算执行情况审计",
    "公开招标采购结果公告",
    "城乡规划许可批前公示",
    "信息化建设项目",
};
#define NPHRASES (sizeof(phrases) / sizeof(phrases[0]))
#define NDOCS	 60

struct corpus {
	int64_t id[NDOCS];
	char text[NDOCS][4][256]; /* title, 文号, summary, body */
	bool published[NDOCS];
};

static void build_corpus(struct fixture *f, struct corpus *c)
{
	uint32_t x = 12345;

	for (int i = 0; i < NDOCS; i++) {
		char pub[16];
		struct doc_spec d = {.agency = i % 3 == 0 ? f->other : f->child};

		for (int k = 0; k < 4; k++) {
			x = x * 1103515245u + 12345u;
			const char *a = phrases[(x >> 8) % NPHRASES];
			x = x * 1103515245u + 12345u;
			const char *b = phrases[(x >> 8) % NPHRASES];
			if (k == 1)
				snprintf(c->text[i][k], sizeof(c->text[i][k]), "东财〔%d〕%d号",
					 2019 + i % 6, i + 1);
			else if (k == 0)
				snprintf(c->text[i][k], sizeof(c->text[i][k]), "%s", a);
			else
				snprintf(c->text[i][k], sizeof(c->text[i][k]), "%s。%s", a, b);
		}
		c->published[i] = i % 7 != 3;
		snprintf(pub, sizeof(pub), "%d-%02d-%02d", 2019 + i % 6, 1 + i % 12, 1 + i % 28);
		d.title = c->text[i][0];
		d.doc_number = c->text[i][1];
		d.summary = c->text[i][2];
		d.body = c->text[i][3];
		d.published = c->published[i] ? pub : NULL;
		c->id[i] = add_doc(f->s, &d);
	}
}

static void expect_like_strstr(struct store *s, const struct corpus *c, const char *term)
{
	struct hits r;
	int want = 0;

	find_q(s, term, &r);
	for (int i = 0; i < NDOCS; i++) {
		bool in = false;

		for (int k = 0; k < 4; k++)
			in = in || strstr(c->text[i][k], term);
		in = in && c->published[i];
		want += in;
		if (in != has(&r, c->id[i]))
			fail_msg("%s: document %d (%s) %s", term, i, c->text[i][3],
				 in ? "not found" : "found though it lacks the term");
	}
	assert_int_equal(r.n, want);
}

static void test_terms_agree_with_strstr(void **state)
{
	static const char *const terms[] = {
	    "公开",	"预算", "决算", "教育", "规划", "通知", "关于", "政府",	    "信息",
	    "工作",	"年度", "财政", "养老", "招标", "许可", "疫情", "信息公开", "政务公开",
	    "部门预算", "公",	"税",	"划",	"息",	"年",	"2024", "2023",
	};
	struct fixture *f = *state;
	struct corpus *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	build_corpus(f, c);
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		expect_like_strstr(f->s, c, terms[i]);
	free(c);
}

/* --- The query language ---------------------------------------------------- */

struct small {
	int64_t info, budget, final_acc, both, tax, latin, draft, sep;
};

static void build_small(struct fixture *f, struct small *d)
{
	struct doc_spec s = {.agency = f->child, .published = "2024-03-01"};

	s.title = "政府信息公开指南";
	d->info = add_doc(f->s, &s);
	s.title = "部门预算";
	s.body = "2024年部门预算公开。";
	d->budget = add_doc(f->s, &s);
	s.title = "部门决算";
	s.body = "2023年部门决算公开。";
	d->final_acc = add_doc(f->s, &s);
	s.title = "预算和决算";
	s.body = "预算与决算一并说明。";
	d->both = add_doc(f->s, &s);
	s.title = "减税降费";
	s.body = "落实税费优惠。";
	d->tax = add_doc(f->s, &s);
	s.title = "Open Government Data Budget";
	s.body = "ABC123 and 公开 2024";
	d->latin = add_doc(f->s, &s);
	s.title = "信息和公开";
	s.body = "信息，公开";
	d->sep = add_doc(f->s, &s);
	s.title = "信息公开草稿";
	s.published = NULL;
	d->draft = add_doc(f->s, &s);
}

static void expect_ids(struct store *s, const char *query, int n, ...)
{
	struct hits r;
	va_list ap;

	find_q(s, query, &r);
	if (r.n != n)
		fail_msg("%s: %d hits, expected %d", query, r.n, n);
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		int64_t id = va_arg(ap, int64_t);

		if (!has(&r, id))
			fail_msg("%s: document %" PRId64 " missing", query, id);
	}
	va_end(ap);
}

static void test_query_language(void **state)
{
	struct fixture *f = *state;
	struct small d;

	build_small(f, &d);
	/* Phrase: 信息公开 as written, not 信息 and 公开 apart. */
	expect_ids(f->s, "信息公开", 1, d.info);
	expect_ids(f->s, "\"信息公开\"", 1, d.info);
	expect_ids(f->s, "信息 公开", 2, d.info, d.sep);
	/* Quotes as an input method types them. */
	expect_ids(f->s, "“部门预算”", 1, d.budget);
	/* OR, and implicit AND around it. */
	expect_ids(f->s, "预算 OR 决算", 3, d.budget, d.final_acc, d.both);
	expect_ids(f->s, "预算 OR 决算 2024", 1, d.budget);
	expect_ids(f->s, "预算 决算", 1, d.both);
	/* Exclusion by - and NOT, also with a full-width minus and space. */
	expect_ids(f->s, "预算 -决算", 1, d.budget);
	expect_ids(f->s, "预算 NOT 决算", 1, d.budget);
	expect_ids(f->s, "预算　－决算", 1, d.budget);
	/* A single character inside longer runs (税 in 减税降费 and 税费). */
	expect_ids(f->s, "税", 1, d.tax);
	expect_ids(f->s, "费", 1, d.tax);
	/* Case and full-width folding, both ways. */
	expect_ids(f->s, "ａｂｃ１２３", 1, d.latin);
	expect_ids(f->s, "abc123", 1, d.latin);
	expect_ids(f->s, "ＢＵＤＧＥＴ", 1, d.latin);
	expect_ids(f->s, "budget", 1, d.latin);
	expect_ids(f->s, "\"government data\"", 1, d.latin);
	expect_ids(f->s, "\"data government\"", 0);
	/* Whole words: abc is not abc123. */
	expect_ids(f->s, "abc", 0);
	/* The draft is never found. */
	expect_ids(f->s, "草稿", 0);
	/* Injection attempts are text. */
	expect_ids(f->s, "title:预算", 0);
	expect_ids(f->s, "NEAR(预算 决算)", 0); /* the phrase "near 预算" */
	expect_ids(f->s, "NEAR(预算, 决算)", 0);
	expect_ids(f->s, "预算*", 2, d.budget, d.both);
	expect_ids(f->s, "^预算", 2, d.budget, d.both);
	expect_ids(f->s, "\"预算", 2, d.budget, d.both);
	/* The quotes make " OR " a phrase to find, not an operator. */
	expect_ids(f->s, "预算\" OR \"决算", 0);
	expect_ids(f->s, "search_tags:doc", 0);
	expect_ids(f->s, "{search_tags}:doc OR 税", 1, d.tax);
}

static void expect_refused(struct store *s, const char *query, const char *msg)
{
	struct store_doc_query q = {.query = query, .limit = 10};
	struct gk_errmsg m;
	int64_t total;
	bool exact;
	struct hits r = {0};

	assert_int_equal(store_documents_find(s, &q, collect, &r, &total, &exact, &m), GK_EINVAL);
	if (!strstr(m.text, msg))
		fail_msg("%s: message '%s' lacks '%s'", query, m.text, msg);
	assert_int_equal(r.n, 0);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct store_doc_query q = {.limit = 0};
	struct gk_errmsg m;
	int64_t total;
	bool exact;
	char longq[STORE_QUERY_MAX + 2];

	expect_refused(f->s, "-预算", "no searchable term");
	expect_refused(f->s, "NOT 公开 NOT 预算", "no searchable term");
	expect_refused(f->s, "OR AND NOT", "no searchable term");
	expect_refused(f->s, "*** ^ () 。，！", "no searchable term");
	expect_refused(f->s, "\"\"", "no searchable term");
	expect_refused(f->s, "　 ", "no searchable term");
	memset(longq, 'a', sizeof(longq) - 1);
	longq[sizeof(longq) - 1] = 0;
	expect_refused(f->s, longq, "at most 200 bytes");
	expect_refused(f->s, "\xe5\x85", "not valid UTF-8");
	assert_int_equal(store_documents_find(f->s, &q, collect, NULL, &total, &exact, &m),
			 GK_EINVAL);
	assert_non_null(strstr(m.text, "page size"));
	q.limit = STORE_PAGE_MAX + 1;
	assert_int_equal(store_documents_find(f->s, &q, collect, NULL, &total, &exact, &m),
			 GK_EINVAL);
	q = (struct store_doc_query){.limit = 10, .category = 16};
	assert_int_equal(store_documents_find(f->s, &q, collect, NULL, &total, &exact, &m),
			 GK_EINVAL);
	q = (struct store_doc_query){.limit = 10, .agency_id = 999};
	assert_int_equal(store_documents_find(f->s, &q, collect, NULL, &total, &exact, &m),
			 GK_ENOTFOUND);
}

/* --- Filters, listing, pages ------------------------------------------------- */

static void test_filters_and_listing(void **state)
{
	struct fixture *f = *state;
	struct doc_spec s = {.body = "公开", .category = 4};
	int64_t in_child, in_parent, elsewhere, subj, old;
	struct store_doc_query q = {0};
	struct hits r;

	s.agency = f->child;
	s.published = "2024-05-01";
	s.title = "子机关";
	in_child = add_doc(f->s, &s);
	s.agency = f->parent;
	s.published = "2024-06-01";
	s.title = "上级机关";
	s.category = 1;
	in_parent = add_doc(f->s, &s);
	s.category = 4;
	s.agency = f->other;
	s.published = "2024-04-01";
	s.title = "别处";
	elsewhere = add_doc(f->s, &s);
	s.agency = f->child;
	s.subject = f->subject;
	s.published = "2023-02-01";
	s.title = "有主题";
	subj = add_doc(f->s, &s);
	s.subject = 0;
	s.published = "2020-01-01";
	s.title = "旧文件";
	s.body = "别的内容";
	old = add_doc(f->s, &s);
	s.published = NULL;
	s.title = "草稿";
	add_doc(f->s, &s);

	/* Listing: newest 公开日期 first, drafts left out. */
	find_all(f->s, q, 2, &r);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.id[0], in_parent);
	assert_int_equal(r.id[1], in_child);
	assert_int_equal(r.id[2], elsewhere);
	assert_int_equal(r.id[3], subj);
	assert_int_equal(r.id[4], old);
	for (int i = 1; i < r.n; i++)
		assert_true(r.published[i - 1] >= r.published[i]);
	assert_string_equal(r.agency_code[0], "region");
	assert_string_equal(r.snippet[0], "");

	q.agency_id = f->child;
	find_all(f->s, q, 10, &r);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.subject[1], "财政");
	assert_string_equal(r.subject[0], "");
	q.region = true;
	q.agency_id = f->parent;
	find_all(f->s, q, 10, &r);
	assert_int_equal(r.n, 4);
	assert_false(has(&r, elsewhere));
	q.region = false;
	find_all(f->s, q, 10, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.id[0], in_parent);

	q = (struct store_doc_query){.category = 4, .query = "公开"};
	find_all(f->s, q, 10, &r);
	assert_int_equal(r.n, 3);
	assert_false(has(&r, in_parent));
	q = (struct store_doc_query){.subject_id = f->subject};
	find_all(f->s, q, 10, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.id[0], subj);
	q = (struct store_doc_query){.year = 2024, .query = "公开"};
	find_all(f->s, q, 10, &r);
	assert_int_equal(r.n, 3);
	q.year = 2020;
	find_all(f->s, q, 10, &r);
	assert_int_equal(r.n, 0);
	q.query = NULL;
	find_all(f->s, q, 10, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.id[0], old);
	/* Filters combine. */
	q = (struct store_doc_query){
	    .agency_id = f->parent, .region = true, .year = 2024, .category = 4, .query = "公开"};
	find_all(f->s, q, 1, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.id[0], in_child);
}

/* --- Ranking and snippets --------------------------------------------------- */

static void test_ranking_and_snippet(void **state)
{
	struct fixture *f = *state;
	struct doc_spec s = {.agency = f->child};
	int64_t in_body, in_title, tie_old, tie_new;
	struct hits r;

	s.title = "工作动态";
	s.body = "本机关依法推进预算管理改革，加强绩效评价。";
	s.published = "2024-06-01";
	in_body = add_doc(f->s, &s);
	s.title = "预算管理办法";
	s.body = "本办法自发布之日起施行，相关工作按规定开展。";
	s.published = "2023-01-01";
	in_title = add_doc(f->s, &s);
	find_q(f->s, "预算", &r);
	assert_int_equal(r.n, 2);
	/* The title match ranks first though it is older. */
	assert_int_equal(r.id[0], in_title);
	assert_int_equal(r.id[1], in_body);
	assert_non_null(strstr(r.snippet[0], "\x02预算\x03"));
	assert_non_null(strstr(r.snippet[1], "推进\x02预算\x03管理"));

	/* Equal texts: the newer first. */
	s.title = "养老服务";
	s.body = "养老服务";
	s.published = "2022-01-01";
	tie_old = add_doc(f->s, &s);
	s.published = "2022-02-01";
	tie_new = add_doc(f->s, &s);
	find_q(f->s, "养老", &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.id[0], tie_new);
	assert_int_equal(r.id[1], tie_old);
	/* A phrase is marked as one stretch; one character inside a run. */
	find_q(f->s, "推进预算管理", &r);
	assert_non_null(strstr(r.snippet[0], "\x02推进预算管理\x03"));
	find_q(f->s, "绩", &r);
	assert_int_equal(r.n, 1);
	assert_non_null(strstr(r.snippet[0], "\x02"));
}

/* --- The window: more matches than the store ranks --------------------------- */

static void test_pages_past_the_ranked_window(void **state)
{
	struct fixture *f = *state;
	enum { N = 10000 + 150 };
	struct store_doc_query q = {.query = "公告", .limit = STORE_PAGE_MAX};
	unsigned char *seen = calloc(N + 16, 1);
	struct gk_errmsg m;
	struct hits *r = malloc(sizeof(*r));
	int total_seen = 0;

	assert_non_null(seen);
	assert_non_null(r);
	assert_int_equal(store_begin(f->s, &m), GK_OK);
	for (int i = 0; i < N; i++) {
		char pub[16];
		struct doc_spec s = {.agency = f->child,
				     .title = i % 100 ? "采购公告" : "公告",
				     .body = "政府采购结果公告"};

		snprintf(pub, sizeof(pub), "%d-%02d-%02d", 2019 + i % 6, 1 + i % 12, 1 + i % 28);
		s.published = pub;
		add_doc(f->s, &s);
	}
	assert_int_equal(store_commit(f->s, &m), GK_OK);
	/* Every match exactly once across the pages, the total exact. */
	for (q.offset = 0; q.offset < N + STORE_PAGE_MAX; q.offset += STORE_PAGE_MAX) {
		int64_t total;
		bool exact;

		memset(r, 0, sizeof(*r));
		assert_int_equal(store_documents_find(f->s, &q, collect, r, &total, &exact, &m),
				 GK_OK);
		assert_int_equal(total, N);
		assert_true(exact);
		for (int i = 0; i < r->n; i++) {
			assert_true(r->id[i] > 0 && r->id[i] <= N + 16);
			assert_false(seen[r->id[i]]);
			seen[r->id[i]] = 1;
			total_seen++;
		}
	}
	assert_int_equal(total_seen, N);
	free(seen);
	free(r);
}

/* --- The index follows the table --------------------------------------------- */

static void test_index_follows_updates(void **state)
{
	struct fixture *f = *state;
	struct doc_spec s = {
	    .agency = f->child, .title = "征收补偿方案", .published = "2024-01-01"};
	int64_t id = add_doc(f->s, &s);
	struct hits r;
	sqlite3 *db;
	char sql[256];

	s.title = "待发布的规划";
	s.published = NULL;
	int64_t draft = add_doc(f->s, &s);
	/* Another connection, as a publishing process would be. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(bigram_register(db), SQLITE_OK);
	snprintf(sql, sizeof(sql),
		 "UPDATE documents SET title = '拆迁补偿方案' WHERE id = %" PRId64 ";"
		 "UPDATE documents SET status = 2, published = '2024-02-02' WHERE id = %" PRId64,
		 id, draft);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	find_q(f->s, "征收", &r);
	assert_int_equal(r.n, 0);
	find_q(f->s, "拆迁", &r);
	assert_int_equal(r.n, 1);
	find_q(f->s, "规划", &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.published[0], D("2024-02-02"));
	/* Everything is published now: the index must equal the table. */
	assert_int_equal(sqlite3_exec(db,
				      "INSERT INTO documents_fts (documents_fts) VALUES "
				      "('integrity-check')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	snprintf(sql, sizeof(sql), "DELETE FROM documents WHERE id = %" PRId64, id);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	find_q(f->s, "补偿", &r);
	assert_int_equal(r.n, 0);
	sqlite3_close(db);
}

/* --- Navigation, settings, published reports --------------------------------- */

static int count_subject(void *ctx, int64_t id, const char *name, int64_t published)
{
	int64_t *out = ctx;

	(void)id;
	if (strcmp(name, "财政") == 0)
		out[0] = published;
	else
		out[1] = published;
	return 0;
}

static void test_catalogue_counts(void **state)
{
	struct fixture *f = *state;
	struct doc_spec s = {.agency = f->child, .title = "t", .category = 3};
	struct store_catalogue_counts c;
	struct gk_errmsg m;
	int64_t subj[2] = {-1, -1}, other_subject;

	s.published = "2022-05-05";
	add_doc(f->s, &s);
	s.published = "2024-05-05";
	s.subject = f->subject;
	add_doc(f->s, &s);
	s.published = NULL;
	add_doc(f->s, &s);
	s.agency = f->other;
	s.subject = 0;
	s.category = 0;
	s.published = "2024-01-01";
	add_doc(f->s, &s);
	assert_int_equal(store_catalogue_count(f->s, f->parent, true, &c, &m), GK_OK);
	assert_int_equal(c.total, 2);
	assert_int_equal(c.by_category[3], 2);
	assert_int_equal(c.first_year, 2022);
	assert_int_equal(c.last_year, 2024);
	assert_int_equal(c.by_year[0], 1);
	assert_int_equal(c.by_year[1], 0);
	assert_int_equal(c.by_year[2], 1);
	assert_int_equal(store_catalogue_count(f->s, f->parent, false, &c, &m), GK_OK);
	assert_int_equal(c.total, 0);
	assert_int_equal(c.first_year, 0);
	assert_int_equal(store_catalogue_count(f->s, 0, false, &c, &m), GK_OK);
	assert_int_equal(c.total, 3);
	assert_int_equal(c.by_category[0], 1);
	assert_int_equal(store_catalogue_count(f->s, 999, false, &c, &m), GK_ENOTFOUND);

	assert_int_equal(store_subject_add(f->s, f->child, "教育", &other_subject, &m), GK_OK);
	assert_int_equal(store_subject_each(f->s, f->child, count_subject, subj, &m), GK_OK);
	assert_int_equal(subj[0], 1);
	assert_int_equal(subj[1], 0);
}

struct settings {
	int n;
	char text[256];
};

static int each_setting(void *ctx, const char *key, const char *value)
{
	struct settings *st = ctx;
	size_t len = strlen(st->text);

	snprintf(st->text + len, sizeof(st->text) - len, "%s=%s;", key, value);
	st->n++;
	return 0;
}

static void test_agency_settings(void **state)
{
	struct fixture *f = *state;
	struct settings st = {0};
	struct gk_errmsg m;

	assert_int_equal(store_agency_setting_set(f->s, f->child, "phone", "0571-1234", &m), GK_OK);
	assert_int_equal(store_agency_setting_set(f->s, f->child, "address", "东岚路1号", &m),
			 GK_OK);
	assert_int_equal(store_agency_setting_set(f->s, f->child, "hours", "工作日", &m), GK_OK);
	assert_int_equal(store_agency_setting_set(f->s, f->child, "phone", "0571-5678", &m), GK_OK);
	assert_int_equal(store_agency_setting_set(f->s, f->child, "hours", "", &m), GK_OK);
	assert_int_equal(store_agency_setting_set(f->s, f->other, "phone", "1", &m), GK_OK);
	assert_int_equal(store_agency_setting_each(f->s, f->child, each_setting, &st, &m), GK_OK);
	assert_string_equal(st.text, "address=东岚路1号;phone=0571-5678;");
	assert_int_equal(store_agency_setting_set(f->s, f->child, "Phone", "x", &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "only a–z"));
	assert_int_equal(store_agency_setting_set(f->s, f->child, "", "x", &m), GK_EINVAL);
	assert_int_equal(store_agency_setting_set(f->s, 999, "phone", "x", &m), GK_ENOTFOUND);
}

struct published {
	int n;
	char text[512];
};

static int each_published(void *ctx, bool region, gk_date from, gk_date to, const char *by,
			  gk_date on)
{
	struct published *p = ctx;
	size_t len = strlen(p->text);
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN], c[GK_DATE_STRLEN];

	snprintf(p->text + len, sizeof(p->text) - len, "%s %s..%s %s %s;", region ? "R" : "A",
		 date_format(from, a), date_format(to, b), by, date_format(on, c));
	p->n++;
	return 0;
}

static void test_published_reports(void **state)
{
	struct fixture *f = *state;
	struct store_scope y2023 = {f->parent, false, D("2023-01-01"), D("2023-12-31")};
	struct store_scope y2024 = {f->parent, false, D("2024-01-01"), D("2024-12-31")};
	struct store_scope r2024 = {f->parent, true, D("2024-01-01"), D("2024-12-31")};
	struct published p = {0};
	struct gk_errmsg m;

	assert_int_equal(store_report_freeze(f->s, &y2023, "{}", "王", D("2024-01-20"), &m), GK_OK);
	assert_int_equal(store_report_freeze(f->s, &y2024, "{}", "李", D("2025-01-21"), &m), GK_OK);
	assert_int_equal(store_report_freeze(f->s, &r2024, "{}", "张", D("2025-01-25"), &m), GK_OK);
	assert_int_equal(store_report_each_published(f->s, f->parent, each_published, &p, &m),
			 GK_OK);
	assert_string_equal(p.text, "R 2024-01-01..2024-12-31 张 2025-01-25;"
				    "A 2024-01-01..2024-12-31 李 2025-01-21;"
				    "A 2023-01-01..2023-12-31 王 2024-01-20;");
	p = (struct published){0};
	assert_int_equal(store_report_each_published(f->s, f->child, each_published, &p, &m),
			 GK_OK);
	assert_int_equal(p.n, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_terms_agree_with_strstr),
	    T(test_query_language),
	    T(test_refusals),
	    T(test_filters_and_listing),
	    T(test_ranking_and_snippet),
	    T(test_pages_past_the_ranked_window),
	    T(test_index_follows_updates),
	    T(test_catalogue_counts),
	    T(test_agency_settings),
	    T(test_published_reports),
	};
	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
