/*
 * demo.c: generate the demo region through the store interface.
 *
 * The generator walks agency by agency and, within an agency, in date
 * order, so refs, 文号 and sequences read like a real ledger. Each kind of
 * record draws from its own random stream (demo_rng_seed's stream), so the
 * same seed and the same `today` give the same rows.
 */
#include "app/demo.h"
#include "app/ledger_report.h"

#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo_text.h"
#include "law/calendar.h"
#include "law/clock.h"
#include "law/fees.h"

#include "base/banned.h"

/* Random streams: one per kind of record. */
enum { STREAM_AGENCIES = 1, STREAM_DOCUMENTS, STREAM_APPLICATIONS, STREAM_FIGURES, STREAM_REPORTS };

/* Sizes of the two regions. Large: a province and its departments, 11
 * cities with theirs, 10 counties per city with fewer departments:
 * 30 + 11 × 30 + 110 × 24 = 3,000 agencies. */
#define SMALL_DEPTS		   13
#define SMALL_APPS_PER_YEAR	   110
#define SMALL_DOCS_PER_AGENCY_YEAR 30
#define LARGE_CITIES		   11
#define LARGE_COUNTIES_PER_CITY	   10
#define LARGE_URBAN_DISTRICTS	   2 /* the first counties of a city are 区 */
#define LARGE_UPPER_DEPTS	   29
#define LARGE_COUNTY_DEPTS	   23
#define LARGE_AGENCIES                                                                             \
	((1 + LARGE_UPPER_DEPTS) * (1 + LARGE_CITIES) +                                            \
	 LARGE_CITIES * LARGE_COUNTIES_PER_CITY * (1 + LARGE_COUNTY_DEPTS))
#define LARGE_APPLICATIONS 1000000
#define LARGE_DOCUMENTS	   1000000
/* perf-reference §5.1: applications per agency ∝ 1/rank^0.7, so the largest
 * agency has about 30,000; documents are spread more evenly. */
#define LARGE_APP_EXPONENT  0.7
#define LARGE_DOC_EXPONENT  0.5
#define LARGE_PROGRESS_STEP 100000

#define DEMO_FIRST_YEAR 2019
#define DEMO_YEARS	(CALENDAR_LAST_YEAR - DEMO_FIRST_YEAR + 1)

#define PROVINCE_NAME "东岚省"
#define PROVINCE_AREA 390000 /* no real province has the code 39 */
#define DISTRICT_NAME "明湖区"
#define DISTRICT_AREA 390103

struct agency {
	int64_t id;
	const struct demo_dept *dept;
	int parent_gov; /* index of the government it reports to, -1 for the top */
	int area;	/* 行政区划代码 of its place */
	char code[48];
	char name[96];
	char place[32]; /* "明湖区" */
	char abbr[8];	/* first character of the place, for 文号 */
	int64_t subjects[4];
	size_t n_subjects;
	int64_t handler, reviewer; /* user ids, 0 when none */
};

struct gen {
	struct store *s;
	const struct demo_options *o;
	struct demo_result *res;
	struct gk_errmsg *m;
	struct calendar *cal;
	gk_date today, first_doc_day, first_app_day;
	struct agency *agencies;
	size_t n_agencies;
	struct demo_rng rng;
	/* Scratch text, reused for every record. */
	struct buf t1, t2, t3, t4, t5;
	/* Case numbers of reviews, lawsuits and complaints restart every year;
	 * indexed by year - DEMO_FIRST_YEAR (demo_check bounds today). */
	int64_t review_seq[DEMO_YEARS], lawsuit_seq[DEMO_YEARS], complaint_seq[DEMO_YEARS];
	bool co_defendant_done, long_appeal_done;
	int64_t stuck; /* applications left unanswered on purpose */
	int64_t next_progress;
};

static bool large(const struct gen *g)
{
	return g->o->size == DEMO_LARGE;
}

static void progress(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void progress(struct gen *g, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!g->o->progress)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	g->o->progress(g->o->progress_ctx, line);
}

/* --- Dates ----------------------------------------------------------------- */

/* The working day n working days after d (n may be negative). The demo's
 * dates stay far inside the calendar's range, checked once in demo_fill. */
static gk_date wd_add(const struct gen *g, gk_date d, int n)
{
	gk_date out = d;

	calendar_add_working_days(g->cal, d, n, &out);
	return out;
}

/* The first working day on or after d. */
static gk_date wd_on_or_after(const struct gen *g, gk_date d)
{
	return wd_add(g, d - 1, 1);
}

/* The last working day on or before d. */
static gk_date wd_on_or_before(const struct gen *g, gk_date d)
{
	return wd_add(g, d + 1, -1);
}

/* A working day no later than today for the i-th of n records spread evenly
 * over [from, today] (stratified, so records of one agency come out in date
 * order without sorting). */
static gk_date spread(struct gen *g, gk_date from, int64_t i, int64_t n)
{
	int64_t span = g->today - from + 1;
	int64_t lo = from + span * i / n, hi = from + span * (i + 1) / n - 1;
	gk_date d;

	if (hi < lo)
		hi = lo;
	d = wd_on_or_after(g, (gk_date)demo_rng_range(&g->rng, lo, hi));
	return d > g->today ? wd_on_or_before(g, g->today) : d;
}

/* --- Identifiers ------------------------------------------------------------ */

/* GB 32100-2015 统一社会信用代码: 登记管理部门 1 (机构编制) + 机构类别 1 (机关),
 * the 区划码, a 组织机构代码 with its GB 11714 check character, and the
 * check character of the whole over the 31 characters without I O S V Z. */
static void credit_code(struct demo_rng *r, int area, char out[19])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int org_weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	static const int weights[17] = {1,  3,	9,  27, 19, 26, 16, 17, 20,
					29, 25, 13, 8,	24, 10, 30, 28};
	int sum = 0, c;

	snprintf(out, 19, "11%06d", area);
	for (int i = 0; i < 8; i++) {
		c = i == 0 ? 0 : (int)demo_rng_below(r, 10);
		out[8 + i] = (char)('0' + c);
		sum += c * org_weights[i];
	}
	c = 11 - sum % 11;
	out[16] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
	sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(alphabet, out[i]) - alphabet) * weights[i];
	out[17] = alphabet[(31 - sum % 31) % 31];
	out[18] = '\0';
}

/* --- Agencies and users ----------------------------------------------------- */

/*
 * What the agency's 政府信息公开指南 prints (条例第十二条): the office that
 * handles disclosure, where and when it receives people, how to reach it.
 * Addresses and numbers are invented; e-mail uses the reserved
 * example domain.
 */
static enum gk_err agency_settings(struct gen *g, const struct agency *a)
{
	char office[STORE_NAME_MAX], address[STORE_NAME_MAX], phone[32], postcode[16], email[96];
	const char *keys[] = {"office", "address", "postcode", "hours", "phone", "email", "online"};
	const char *values[] = {office, address, postcode,
				"工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）", phone,
				email, "本平台“依申请公开”栏目"};
	enum gk_err err = GK_OK;

	snprintf(office, sizeof(office), "%s办公室（政府信息公开工作机构）", a->name);
	snprintf(address, sizeof(address), "%s人民路%d号", a->place,
		 (int)demo_rng_range(&g->rng, 1, 300));
	snprintf(postcode, sizeof(postcode), "%06d", a->area / 10 * 10 % 1000000);
	snprintf(phone, sizeof(phone), "0%03d-%08d", (int)demo_rng_range(&g->rng, 100, 999),
		 (int)demo_rng_range(&g->rng, 20000000, 89999999));
	snprintf(email, sizeof(email), "gongkai@%s.example.gov.cn", a->code);
	for (size_t i = 0; !err && i < sizeof(keys) / sizeof(keys[0]); i++)
		err = store_agency_setting_set(g->s, a->id, keys[i], values[i], g->m);
	return err;
}

static enum gk_err add_agency(struct gen *g, const struct demo_dept *dept, int parent_gov,
			      const char *code, const char *place, const char *dept_name, int area)
{
	struct agency *a = &g->agencies[g->n_agencies];
	struct store_agency sa = {0};
	char credit[19];
	enum gk_err err;
	int64_t id;

	memset(a, 0, sizeof(*a));
	a->dept = dept;
	a->parent_gov = parent_gov;
	a->area = area;
	snprintf(a->code, sizeof(a->code), "%s", code);
	snprintf(a->name, sizeof(a->name), "%s%s", place, dept_name);
	snprintf(a->place, sizeof(a->place), "%s", place);
	/* Place names are CJK: the first character is three bytes of UTF-8. */
	snprintf(a->abbr, sizeof(a->abbr), "%.3s", place);
	credit_code(&g->rng, area, credit);
	sa.code = a->code;
	sa.name = a->name;
	sa.parent_id = parent_gov < 0 ? 0 : g->agencies[parent_gov].id;
	sa.credit_code = credit;
	err = store_agency_add(g->s, &sa, &a->id, g->m);
	if (err)
		return err;
	g->n_agencies++;
	g->res->agencies++;

	/* 综合政务 first, then the department's own subjects. */
	for (size_t i = 0; !err && a->n_subjects < 4; i++) {
		const char *subject = i == 0 ? DEMO_SUBJECT_GENERAL : dept->subjects[i - 1];
		if (!subject)
			break;
		err = store_subject_add(g->s, a->id, subject, &id, g->m);
		a->subjects[a->n_subjects++] = id;
		g->res->subjects++;
	}
	return err ? err : agency_settings(g, a);
}

/* A government and its departments; returns the government's index. */
static enum gk_err add_government(struct gen *g, int parent_gov, const char *code_prefix,
				  const char *place, int area, size_t n_depts, bool district,
				  bool province, int *gov_index)
{
	size_t n_types;
	const struct demo_dept *types = demo_dept_types(&n_types);
	char code[48];
	enum gk_err err;

	*gov_index = (int)g->n_agencies;
	snprintf(code, sizeof(code), "%s-zf", code_prefix);
	err = add_agency(g, demo_dept_gov(), parent_gov, code, place, demo_dept_gov()->local, area);
	for (size_t i = 0; !err && i < n_depts && i < n_types; i++) {
		const struct demo_dept *d = &types[i];
		const char *name = province		     ? d->province
				   : district && d->district ? d->district
							     : d->local;
		snprintf(code, sizeof(code), "%s-%s", code_prefix, d->code);
		err = add_agency(g, d, *gov_index, code, place, name, area);
	}
	return err;
}

static enum gk_err build_small_region(struct gen *g)
{
	int gov;

	return add_government(g, -1, "qu", DISTRICT_NAME, DISTRICT_AREA, SMALL_DEPTS, true, false,
			      &gov);
}

static enum gk_err build_large_region(struct gen *g)
{
	struct buf name;
	unsigned order[DEMO_PLACE_NAMES];
	size_t next_name = 0;
	int province, city, county;
	char prefix[32], place[32];
	enum gk_err err;

	/* Distinct place names in a seeded order (Fisher–Yates). */
	for (unsigned i = 0; i < DEMO_PLACE_NAMES; i++)
		order[i] = i;
	for (unsigned i = DEMO_PLACE_NAMES - 1; i > 0; i--) {
		unsigned j = (unsigned)demo_rng_below(&g->rng, i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	buf_init(&name, 64);
	err = add_government(g, -1, "sheng", PROVINCE_NAME, PROVINCE_AREA, LARGE_UPPER_DEPTS, false,
			     true, &province);
	for (int c = 1; !err && c <= LARGE_CITIES; c++) {
		buf_reset(&name);
		demo_place_name(order[next_name++], &name);
		snprintf(place, sizeof(place), "%s市", buf_cstr(&name));
		snprintf(prefix, sizeof(prefix), "c%02d", c);
		err = add_government(g, province, prefix, place, PROVINCE_AREA + c * 100,
				     LARGE_UPPER_DEPTS, false, false, &city);
		for (int k = 1; !err && k <= LARGE_COUNTIES_PER_CITY; k++) {
			bool urban = k <= LARGE_URBAN_DISTRICTS;
			buf_reset(&name);
			demo_place_name(order[next_name++], &name);
			snprintf(place, sizeof(place), "%s%s", buf_cstr(&name),
				 urban ? "区" : "县");
			snprintf(prefix, sizeof(prefix), "c%02d-x%02d", c, k);
			err = add_government(g, city, prefix, place, PROVINCE_AREA + c * 100 + k,
					     LARGE_COUNTY_DEPTS, urban, false, &county);
		}
	}
	buf_release(&name);
	return err;
}

/* Readable passwords: no 0/O, 1/l/I look-alikes. */
static void random_password(char out[DEMO_PASSWORD_LEN + 1])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3456789";

	for (int i = 0; i < DEMO_PASSWORD_LEN; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[DEMO_PASSWORD_LEN] = '\0';
}

static enum gk_err add_user(struct gen *g, struct agency *a, const char *username,
			    enum store_role role, int64_t *id)
{
	struct demo_credential *c = &g->res->credentials[g->res->n_credentials];
	char hash[crypto_pwhash_STRBYTES], display[STORE_NAME_MAX];
	struct store_user u = {0};
	enum gk_err err;

	snprintf(c->username, sizeof(c->username), "%s", username);
	snprintf(c->agency, sizeof(c->agency), "%s", a->name);
	c->role = role;
	random_password(c->password);
	/* Argon2id at the interactive limits: what a login can afford. */
	if (crypto_pwhash_str(hash, c->password, DEMO_PASSWORD_LEN,
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return gk_errf(g->m, GK_ENOMEM, "hashing the password of %s ran out of memory",
			       username);
	snprintf(display, sizeof(display), "%s%s", a->name, store_role_name(role));
	u.username = c->username;
	u.display_name = display;
	u.agency_id = a->id;
	u.role = role;
	u.password_hash = hash;
	err = store_user_add(g->s, &u, id, g->m);
	sodium_memzero(hash, sizeof(hash));
	if (err)
		return err;
	g->res->n_credentials++;
	g->res->users++;
	return GK_OK;
}

/* admin and supervisor at the top government; an agency administrator, a
 * handler and a reviewer in three departments that receive many
 * applications. */
static enum gk_err add_users(struct gen *g)
{
	static const char *const staffed[] = {"fgj", "zrj", "gaj"};
	static const struct {
		enum store_role role;
		const char *suffix;
	} staff[] = {
	    {ROLE_AGENCY_ADMIN, "admin"},
	    {ROLE_HANDLER, "handler"},
	    {ROLE_REVIEWER, "reviewer"},
	};
	struct agency *top = &g->agencies[0];
	char username[STORE_CODE_MAX + 1];
	enum gk_err err;
	int64_t id;

	err = add_user(g, top, "admin", ROLE_ADMIN, &id);
	if (!err)
		err = add_user(g, top, "supervisor", ROLE_SUPERVISOR, &id);
	for (size_t i = 0; !err && i < sizeof(staffed) / sizeof(staffed[0]); i++) {
		struct agency *a = NULL;
		for (size_t k = 1; k < g->n_agencies && !a; k++)
			if (g->agencies[k].parent_gov == 0 &&
			    !strcmp(g->agencies[k].dept->code, staffed[i]))
				a = &g->agencies[k];
		if (!a)
			continue;
		for (size_t k = 0; !err && k < sizeof(staff) / sizeof(staff[0]); k++) {
			snprintf(username, sizeof(username), "%s_%s", staffed[i], staff[k].suffix);
			err = add_user(g, a, username, staff[k].role, &id);
			if (staff[k].role == ROLE_HANDLER)
				a->handler = id;
			else if (staff[k].role == ROLE_REVIEWER)
				a->reviewer = id;
		}
	}
	return err;
}

/* --- Per-agency counts for the large region -------------------------------- */

/*
 * Split total over the agencies with weight 1/rank^exponent, the ranks in a
 * seeded order, so a few agencies carry most of the load as in real ledgers.
 * Floors first, then the remainder one by one to the highest ranks.
 */
static void zipf_counts(struct gen *g, int64_t total, double exponent, int64_t *out)
{
	size_t n = g->n_agencies;
	size_t *at_rank = malloc(n * sizeof(*at_rank));
	double sum = 0;
	int64_t given = 0;

	if (!at_rank) {
		/* Even split: still the total, only less realistic. */
		for (size_t i = 0; i < n; i++)
			out[i] = total / (int64_t)n + ((int64_t)i < total % (int64_t)n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		at_rank[i] = i;
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = (size_t)demo_rng_below(&g->rng, i + 1), t = at_rank[i];
		at_rank[i] = at_rank[j];
		at_rank[j] = t;
	}
	for (size_t r = 0; r < n; r++)
		sum += pow((double)(r + 1), -exponent);
	for (size_t r = 0; r < n; r++) {
		out[at_rank[r]] = (int64_t)((double)total * pow((double)(r + 1), -exponent) / sum);
		given += out[at_rank[r]];
	}
	for (size_t r = 0; given < total; r = (r + 1) % n, given++)
		out[at_rank[r]]++;
	free(at_rank);
}

/* --- Documents ---------------------------------------------------------------- */

struct doc_numbers {
	int year;
	int general, penalty; /* 文号 sequences of the year */
	int licensing_issue;  /* 第N期 of the licensing results */
};

static void doc_number(const struct agency *a, const struct demo_doc_template *t,
		       struct doc_numbers *nums, int year, struct buf *out)
{
	if (nums->year != year) {
		memset(nums, 0, sizeof(*nums));
		nums->year = year;
	}
	buf_reset(out);
	if (!t->numbered)
		return;
	if (t->penalty)
		buf_printf(out, "%s%s罚〔%d〕%d号", a->abbr, a->dept->abbr, year, ++nums->penalty);
	else if (a->dept->flags & DEPT_GOV)
		buf_printf(out, "%s政发〔%d〕%d号", a->abbr, year, ++nums->general);
	else
		buf_printf(out, "%s%s〔%d〕%d号", a->abbr, a->dept->abbr, year, ++nums->general);
}

/* The life of a document after it was drafted on `created`: published
 * within 20 working days (条例第二十六条), normative ones expire after their
 * stated validity or are sometimes repealed earlier; documents whose
 * publication still lies ahead of today are drafts or reviewed. */
static void document_life(struct gen *g, struct store_document *d, int validity_years)
{
	gk_date pub = wd_add(g, d->created, (int)demo_rng_range(&g->rng, 1, 12));
	int y, mo, day;

	d->attr_proposed = ATTR_PROACTIVE;
	if (pub > g->today) {
		bool reviewed = demo_rng_chance(&g->rng, 500);
		d->status = reviewed ? DOC_REVIEWED : DOC_DRAFT;
		d->attr_confirmed = reviewed ? ATTR_PROACTIVE : ATTR_UNSET;
		return;
	}
	d->status = DOC_PUBLISHED;
	d->published = pub;
	d->attr_confirmed = ATTR_PROACTIVE;
	if (validity_years) {
		date_to_ymd(pub, &y, &mo, &day);
		gk_date expires =
		    date_from_ymd(y + validity_years, mo, mo == 2 && day == 29 ? 28 : day);
		if (expires <= g->today) {
			d->status = DOC_INVALID;
			d->abolished = expires;
		} else if (demo_rng_chance(&g->rng, 60) && pub + 180 < g->today) {
			d->status = DOC_ABOLISHED;
			d->abolished = wd_on_or_before(
			    g, (gk_date)demo_rng_range(&g->rng, pub + 180, g->today));
		}
	}
	/* Numbered documents go to the archives and the library (送交两馆)
	 * in the quarter after publication. */
	if (d->doc_number) {
		date_to_ymd(pub, &y, &mo, &day);
		int q_month = (mo - 1) / 3 * 3 + 4;
		gk_date next_q =
		    q_month > 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, q_month, 1);
		gk_date archived = wd_add(g, next_q, (int)demo_rng_range(&g->rng, 3, 15));
		if (archived <= g->today)
			d->archived = archived;
	}
}

static int64_t pick_subject(struct gen *g, const struct agency *a)
{
	return a->subjects[demo_rng_below(&g->rng, a->n_subjects)];
}

static enum gk_err add_document(struct gen *g, struct agency *a, struct store_document *d,
				int validity_years)
{
	int64_t id;
	enum gk_err err;

	d->agency_id = a->id;
	document_life(g, d, validity_years);
	err = store_document_add(g->s, d, &id, g->m);
	if (!err)
		g->res->documents++;
	return err;
}

static void doc_progress(struct gen *g)
{
	if (large(g) && g->res->documents >= g->next_progress &&
	    g->next_progress < LARGE_DOCUMENTS) {
		progress(g, "documents: %lld", (long long)g->res->documents);
		g->next_progress += LARGE_PROGRESS_STEP;
	}
}

static enum gk_err agency_documents(struct gen *g, struct agency *a, int64_t n)
{
	struct doc_numbers nums = {0};
	bool short_body = large(g);
	enum gk_err err = GK_OK;

	for (int64_t i = 0; !err && i < n; i++) {
		const struct demo_doc_template *t = demo_doc_template_pick(&g->rng, a->dept->flags);
		struct store_document d = {0};
		struct demo_vars v = {0};
		int validity, mo, day;

		d.created = spread(g, g->first_doc_day, i, n);
		date_to_ymd(d.created, &v.year, &mo, &day);
		doc_number(a, t, &nums, v.year, &g->t4);
		buf_reset(&g->t1);
		buf_reset(&g->t2);
		buf_reset(&g->t3);
		buf_reset(&g->t5);
		demo_street_name(&g->rng, &g->t5);
		v.place = a->place;
		v.agency = a->name;
		v.topic = demo_rng_pick(&g->rng, a->dept->topics);
		v.street = buf_cstr(&g->t5);
		v.docno = buf_cstr(&g->t4);
		v.number = t->category == 4 ? mo : t->category == 5 ? ++nums.licensing_issue : 0;
		demo_expand(&g->t1, t->title, &v);
		demo_doc_body(&g->rng, t, &v, short_body, &g->t2, &g->t3, &validity);
		d.doc_number = t->numbered ? buf_cstr(&g->t4) : NULL;
		d.title = buf_cstr(&g->t1);
		d.body = buf_cstr(&g->t2);
		d.summary = buf_cstr(&g->t3);
		d.category = t->category;
		d.subject_id = pick_subject(g, a);
		d.kind = t->kind;
		err = add_document(g, a, &d, validity);
		doc_progress(g);
	}
	return err;
}

/* Budgets, final accounts, procurement intentions …: once a year, at the
 * month the rules set. */
static enum gk_err agency_yearly_documents(struct gen *g, struct agency *a)
{
	size_t n;
	const struct demo_yearly_doc *yd = demo_yearly_docs(&n);
	enum gk_err err = GK_OK;

	for (int year = date_year(g->first_doc_day) - 1; !err && year <= date_year(g->today);
	     year++)
		for (size_t k = 0; !err && k < n; k++) {
			struct demo_vars v = {.place = a->place, .agency = a->name, .year = year};
			struct store_document d = {0};
			gk_date due =
			    wd_on_or_after(g, date_from_ymd(year + yd[k].year_offset, yd[k].month,
							    (int)demo_rng_range(&g->rng, 5, 25)));
			if (due > g->today || due < g->first_doc_day)
				continue;
			buf_reset(&g->t1);
			buf_reset(&g->t2);
			demo_expand(&g->t1, yd[k].title, &v);
			demo_expand(&g->t2, "{A}按照规定公开相关信息，接受社会监督。", &v);
			d.title = buf_cstr(&g->t1);
			d.body = buf_cstr(&g->t2);
			d.category = yd[k].category;
			d.subject_id = a->subjects[0];
			d.created = wd_add(g, due, -(int)demo_rng_range(&g->rng, 3, 10));
			err = add_document(g, a, &d, 0);
		}
	return err;
}

static enum gk_err generate_documents(struct gen *g)
{
	int64_t *counts = calloc(g->n_agencies, sizeof(*counts));
	double years = (double)(g->today - g->first_doc_day + 1) / 365.25;
	enum gk_err err = GK_OK;

	if (!counts)
		return gk_errf(g->m, GK_ENOMEM, "out of memory for %zu agencies", g->n_agencies);
	demo_rng_seed(&g->rng, g->o->seed, STREAM_DOCUMENTS);
	g->next_progress = LARGE_PROGRESS_STEP;
	if (large(g))
		zipf_counts(g, LARGE_DOCUMENTS, LARGE_DOC_EXPONENT, counts);
	else
		for (size_t i = 0; i < g->n_agencies; i++)
			/* Governments issue more than their departments. */
			counts[i] = (int64_t)(SMALL_DOCS_PER_AGENCY_YEAR * years *
					      ((g->agencies[i].dept->flags & DEPT_GOV) ? 1.5 : 1));
	for (size_t i = 0; !err && i < g->n_agencies; i++) {
		err = agency_documents(g, &g->agencies[i], counts[i]);
		if (!err && !large(g))
			err = agency_yearly_documents(g, &g->agencies[i]);
	}
	free(counts);
	if (!err)
		progress(g, "documents: %lld", (long long)g->res->documents);
	return err;
}

/* --- Applications ------------------------------------------------------------ */

#define MAX_EVENTS 16

struct history {
	struct store_event ev[MAX_EVENTS];
	size_t n;
	gk_date due;	/* of the statutory clock, after extension and pauses */
	bool answered;	/* an ANSWERED event exists (maybe after today) */
	gk_date answer; /* its date */
	enum outcome outcome;
};

static void push(struct history *h, enum app_event_kind kind, gk_date date, int64_t user)
{
	struct store_event *e = &h->ev[h->n++];

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->date = date;
	e->user_id = user;
}

static gk_date last_date(const struct history *h)
{
	gk_date d = 0;

	for (size_t i = 0; i < h->n; i++)
		if (h->ev[i].date > d)
			d = h->ev[i].date;
	return d;
}

/* How applications end, from published annual reports: about a third 予以公开,
 * 本机关不掌握 the next most common, the rest rare. C4.3, C6.1 and C6.2
 * only follow 补正 or a fee notice (see simulate()); C6 is written for
 * answers before 2021 (the 2019 format has no C6.1–C6.3). */
static enum outcome draw_outcome(struct demo_rng *r)
{
	static const unsigned w[OUTCOME_COUNT] = {
	    [OUTCOME_C1] = 350,	 [OUTCOME_C2] = 110,  [OUTCOME_C3_1] = 2,   [OUTCOME_C3_2] = 3,
	    [OUTCOME_C3_3] = 1,	 [OUTCOME_C3_4] = 20, [OUTCOME_C3_5] = 8,   [OUTCOME_C3_6] = 20,
	    [OUTCOME_C3_7] = 12, [OUTCOME_C3_8] = 15, [OUTCOME_C4_1] = 260, [OUTCOME_C4_2] = 40,
	    [OUTCOME_C5_1] = 40, [OUTCOME_C5_2] = 40, [OUTCOME_C5_3] = 5,   [OUTCOME_C5_4] = 8,
	    [OUTCOME_C5_5] = 12, [OUTCOME_C6_3] = 25,
	};
	return (enum outcome)demo_rng_weighted(r, w, OUTCOME_COUNT);
}

static enum outcome outcome_of_year(enum outcome o, gk_date answered)
{
	bool other = o == OUTCOME_C6_1 || o == OUTCOME_C6_2 || o == OUTCOME_C6_3;

	/* The 2019–2020 ledgers record 其他处理 without a reason. */
	return other && date_year(answered) < 2021 ? OUTCOME_C6 : o;
}

/* A working day uniformly in [lo, hi] (lo itself when hi < lo). */
static gk_date wd_between(struct gen *g, gk_date lo, gk_date hi)
{
	int k = calendar_working_days_between(g->cal, lo, hi);

	return k <= 0 ? lo : wd_add(g, lo, (int)demo_rng_range(&g->rng, 0, k));
}

static gk_date clock_due(struct gen *g, const struct clock_input *in)
{
	struct clock_result r;
	enum clock_field field;

	/* Inputs are built valid above; fall back to the plain 20 days. */
	if (clock_compute(g->cal, in, &r, &field, NULL))
		return wd_add(g, in->received, CLOCK_BASE_DAYS);
	return r.due;
}

/*
 * The full history of an application received on `received`, as the law
 * lets it unfold (law/clock.h): 补正 within 7 working days and the clock
 * restarting from the corrected application (第三十条), a consultation that
 * pauses it (第三十二条, 第三十四条), an extension of at most 20 working days
 * approved before the due date (第三十三条), a fee notice from 2021 (国办函
 * 〔2020〕109号), then the answer on or before the due date — except a few
 * late ones — and 办结 the same day. Dates may run past today; the caller
 * keeps what already happened.
 */
static void simulate(struct gen *g, const struct agency *a, gk_date received, bool stuck,
		     struct history *h)
{
	struct clock_pause pause = {0};
	struct clock_input in = {.received = received, .pauses = &pause};
	enum outcome forced = OUTCOME_COUNT;
	gk_date start = received, lo, answer;

	memset(h, 0, sizeof(*h));
	push(h, EVENT_RECEIVED, received, a->handler);
	if (a->handler) {
		/* 分办: the agency's handler takes it the day it arrives. */
		push(h, EVENT_ASSIGNED, received, a->handler);
		h->ev[h->n - 1].assignee = a->handler;
	}
	if (demo_rng_chance(&g->rng, 90)) {
		gk_date asked = wd_add(
		    g, received, (int)demo_rng_range(&g->rng, 1, CLOCK_CORRECTION_NOTICE_DAYS));
		push(h, EVENT_CORRECTION_ASKED, asked, a->handler);
		if (demo_rng_chance(&g->rng, 750)) {
			start = wd_on_or_after(g, asked + (gk_date)demo_rng_range(&g->rng, 3, 20));
			push(h, EVENT_CORRECTION_RECEIVED, start, a->handler);
			in.has_corrected = true;
			in.corrected = start;
			if (demo_rng_chance(&g->rng, 100))
				forced = OUTCOME_C4_3;
		} else {
			/* 申请人无正当理由逾期不补正: 视为放弃申请. */
			forced = OUTCOME_C6_1;
		}
	}
	if (forced != OUTCOME_C6_1 && demo_rng_chance(&g->rng, 50)) {
		bool third = demo_rng_chance(&g->rng, 800);
		pause.from = wd_add(g, start, (int)demo_rng_range(&g->rng, 2, 8));
		pause.to = wd_add(g, pause.from, (int)demo_rng_range(&g->rng, 5, 15));
		pause.kind = third ? CLOCK_PAUSE_THIRD_PARTY : CLOCK_PAUSE_AGENCY;
		in.n_pauses = 1;
		push(h, EVENT_CONSULTATION_OPENED, pause.from, a->handler);
		h->ev[h->n - 1].party = third ? CONSULT_THIRD_PARTY : CONSULT_AGENCY;
		push(h, EVENT_CONSULTATION_CLOSED, pause.to, a->handler);
		h->ev[h->n - 1].party = h->ev[h->n - 2].party;
	}
	h->due = clock_due(g, &in);
	if (forced != OUTCOME_C6_1 && demo_rng_chance(&g->rng, 70)) {
		/* 经政府信息公开工作机构负责人同意, a few days before the due date. */
		gk_date approved = wd_add(g, h->due, -(int)demo_rng_range(&g->rng, 1, 3));
		in.extension_days = demo_rng_chance(&g->rng, 750)
					? CLOCK_MAX_EXTENSION_DAYS
					: (int)demo_rng_range(&g->rng, 5, 15);
		push(h, EVENT_EXTENSION_APPROVED, approved > last_date(h) ? approved : last_date(h),
		     a->reviewer);
		h->ev[h->n - 1].days = in.extension_days;
		h->due = clock_due(g, &in);
	}
	if (forced == OUTCOME_COUNT && start >= date_from_ymd(2021, 1, 1) &&
	    demo_rng_chance(&g->rng, 15)) {
		/* 按量计收 for a request of hundreds of pages (109号第五条). */
		long fee = fees_by_pages(demo_rng_range(&g->rng, 150, 900));
		in.fee_notice = wd_add(g, last_date(h), (int)demo_rng_range(&g->rng, 2, 6));
		in.has_fee_notice = true;
		push(h, EVENT_FEE_NOTICE, in.fee_notice, a->handler);
		h->ev[h->n - 1].amount_fen = (int64_t)fee * 100;
		if (demo_rng_chance(&g->rng, 800))
			push(h, EVENT_FEE_PAID,
			     wd_add(g, in.fee_notice, (int)demo_rng_range(&g->rng, 1, 15)),
			     a->handler);
		else
			forced = OUTCOME_C6_2;
	}
	if (stuck)
		return;

	lo = last_date(h);
	if (forced == OUTCOME_C6_1)
		/* A reasonable 补正期限 passed without an answer from the applicant. */
		answer = wd_between(g, wd_add(g, lo, 5), h->due);
	else if (forced == OUTCOME_C6_2)
		/* 逾期未缴纳: the 20 working days of 109号 ran out. */
		answer = wd_add(g, in.fee_notice, CLOCK_FEE_PAYMENT_DAYS + 1);
	else if (demo_rng_chance(&g->rng, 30))
		answer = wd_add(g, h->due, (int)demo_rng_range(&g->rng, 1, 10));
	else
		answer = wd_between(g, wd_add(g, lo, 1), h->due);
	if (answer < lo)
		answer = lo;
	h->answered = true;
	h->answer = answer;
	h->outcome =
	    outcome_of_year(forced != OUTCOME_COUNT ? forced : draw_outcome(&g->rng), answer);
	push(h, EVENT_ANSWERED, answer, a->handler);
	h->ev[h->n - 1].outcome = h->outcome;
	push(h, EVENT_CLOSED, answer, a->handler);
}

/* The benchmark history: received, answered within 20 working days (3%
 * later), closed. */
static void simulate_short(struct gen *g, gk_date received, struct history *h)
{
	int days = demo_rng_chance(&g->rng, 30) ? (int)demo_rng_range(&g->rng, 21, 30)
						: (int)demo_rng_range(&g->rng, 1, CLOCK_BASE_DAYS);

	memset(h, 0, sizeof(*h));
	push(h, EVENT_RECEIVED, received, 0);
	h->due = wd_add(g, received, CLOCK_BASE_DAYS);
	h->answered = true;
	h->answer = wd_add(g, received, days);
	h->outcome = outcome_of_year(draw_outcome(&g->rng), h->answer);
	push(h, EVENT_ANSWERED, h->answer, 0);
	h->ev[h->n - 1].outcome = h->outcome;
	push(h, EVENT_CLOSED, h->answer, 0);
}

/* Keep what happened by today, mark each year end it stayed open across
 * (EVENT_CARRIED_OVER on 12-31), and order the events by date. */
static void settle(struct gen *g, struct history *h, gk_date received, gk_date *closed)
{
	size_t n = 0;

	*closed = 0;
	for (size_t i = 0; i < h->n; i++)
		if (h->ev[i].date <= g->today) {
			h->ev[n++] = h->ev[i];
			if (h->ev[i].kind == EVENT_CLOSED)
				*closed = h->ev[i].date;
		}
	h->n = n;
	if (!large(g))
		for (int y = date_year(received); y < date_year(g->today); y++) {
			gk_date dec31 = date_from_ymd(y, 12, 31);
			if (dec31 >= received && (!*closed || *closed > dec31) && h->n < MAX_EVENTS)
				push(h, EVENT_CARRIED_OVER, dec31, 0);
		}
	/* Insertion sort: stable, and n is tiny. */
	for (size_t i = 1; i < h->n; i++) {
		struct store_event e = h->ev[i];
		size_t j = i;
		for (; j > 0 && h->ev[j - 1].date > e.date; j--)
			h->ev[j] = h->ev[j - 1];
		h->ev[j] = e;
	}
}

static const unsigned applicant_weights[APPLICANT_TYPE_COUNT] = {
    [APPLICANT_NATURAL_PERSON] = 850, [APPLICANT_BUSINESS] = 80,      [APPLICANT_RESEARCH] = 8,
    [APPLICANT_PUBLIC_INTEREST] = 7,  [APPLICANT_LEGAL_SERVICE] = 35, [APPLICANT_OTHER] = 20,
};
static const unsigned channel_weights[CLOCK_CHANNEL_COUNT] = {
    [CLOCK_CHANNEL_IN_PERSON] = 10, [CLOCK_CHANNEL_POST] = 25, [CLOCK_CHANNEL_LETTER] = 5,
    [CLOCK_CHANNEL_ONLINE] = 55,    [CLOCK_CHANNEL_FAX] = 5,
};

/* --- Appeals and complaints ----------------------------------------------------- */

static enum gk_err add_appeal(struct gen *g, struct store_appeal *ap)
{
	int64_t id;
	enum gk_err err = store_appeal_add(g->s, ap, &id, g->m);

	if (!err)
		g->res->appeals++;
	return err;
}

/*
 * An appeal against an answer: 行政复议 within 60 days (行政复议法), 行政诉讼
 * within six months, 复议后起诉 after the review. Reviews are decided within
 * about 60 days, lawsuits within a year, or two when appealed. The first
 * 复议后起诉 against a department also names its government as 复议机关
 * (共同被告), recorded for the government as co_defendant_only.
 */
static enum gk_err maybe_appeal(struct gen *g, struct agency *a, int64_t app_id,
				const struct history *h)
{
	static const unsigned kind_w[APPEAL_KIND_COUNT] = {65, 25, 10};
	static const unsigned result_w[APPEAL_RESULT_COUNT] = {0, 70, 15, 15};
	struct store_appeal ap = {0};
	bool department = a->parent_gov >= 0 && !(a->dept->flags & DEPT_GOV);
	unsigned chance = h->outcome == OUTCOME_C1 ? 3 : large(g) ? 15 : 60;
	int64_t duration;
	enum gk_err err;
	char ref[64];
	int year;

	if (!demo_rng_chance(&g->rng, chance))
		return GK_OK;
	ap.kind = (enum appeal_kind)demo_rng_weighted(&g->rng, kind_w, APPEAL_KIND_COUNT);
	if (department && !g->co_defendant_done)
		ap.kind = APPEAL_KIND_LAWSUIT_AFTER_REVIEW;
	switch (ap.kind) {
	case APPEAL_KIND_REVIEW:
		ap.filed = h->answer + (gk_date)demo_rng_range(&g->rng, 10, 55);
		duration = demo_rng_range(&g->rng, 30, 60);
		break;
	case APPEAL_KIND_LAWSUIT:
		ap.filed = h->answer + (gk_date)demo_rng_range(&g->rng, 20, 170);
		duration = demo_rng_range(&g->rng, 60, 300);
		break;
	default:
		ap.filed = h->answer + (gk_date)demo_rng_range(&g->rng, 75, 200);
		duration = demo_rng_range(&g->rng, 60, 300);
		break;
	}
	if (ap.filed > g->today)
		return GK_OK;
	year = date_year(ap.filed);
	if (ap.kind != APPEAL_KIND_REVIEW &&
	    (demo_rng_chance(&g->rng, 150) ||
	     (!g->long_appeal_done && year <= date_year(g->today) - 2))) {
		/* Appealed to the second instance: pending across two year ends. */
		duration =
		    date_from_ymd(year + 2, 1, 1) - ap.filed + demo_rng_range(&g->rng, 10, 200);
		g->long_appeal_done = true;
	}
	ap.closed = ap.filed + (gk_date)duration;
	if (ap.closed > g->today)
		ap.closed = 0;
	else
		ap.result =
		    (enum appeal_result)demo_rng_weighted(&g->rng, result_w, APPEAL_RESULT_COUNT);
	if (ap.kind == APPEAL_KIND_REVIEW)
		snprintf(ref, sizeof(ref), "%s政复〔%d〕%lld号", a->abbr, year,
			 (long long)++g->review_seq[year - DEMO_FIRST_YEAR]);
	else
		snprintf(ref, sizeof(ref), "（%d）岚%04d行初%lld号", year, a->area % 10000,
			 (long long)++g->lawsuit_seq[year - DEMO_FIRST_YEAR]);
	ap.agency_id = a->id;
	ap.application_id = app_id;
	ap.ref = ref;
	err = add_appeal(g, &ap);
	if (err || ap.kind != APPEAL_KIND_LAWSUIT_AFTER_REVIEW || !department ||
	    g->co_defendant_done)
		return err;
	g->co_defendant_done = true;
	ap.agency_id = g->agencies[a->parent_gov].id;
	ap.co_defendant_only = true;
	ap.note = "作为复议机关与原行政行为机关为共同被告；按国办公开办函〔2016〕201号，"
		  "只计算原行为主体的案件数量";
	return add_appeal(g, &ap);
}

static enum gk_err maybe_complaint(struct gen *g, struct agency *a, gk_date after)
{
	struct store_complaint c = {0};
	struct demo_vars v = {.place = a->place, .agency = a->name};
	int64_t id;
	char ref[32];
	enum gk_err err;

	if (!demo_rng_chance(&g->rng, large(g) ? 2 : 50))
		return GK_OK;
	c.received = wd_on_or_after(g, after + (gk_date)demo_rng_range(&g->rng, 5, 60));
	if (c.received > g->today)
		return GK_OK;
	c.rectification = demo_rng_chance(&g->rng, 150);
	v.topic = demo_rng_pick(&g->rng, a->dept->topics);
	buf_reset(&g->t1);
	buf_reset(&g->t2);
	demo_complaint_text(&g->rng, &v, c.rectification, &g->t1, &g->t2);
	snprintf(ref, sizeof(ref), "TS%d-%04lld", date_year(c.received),
		 (long long)++g->complaint_seq[date_year(c.received) - DEMO_FIRST_YEAR]);
	c.agency_id = a->id;
	c.ref = ref;
	c.content = buf_cstr(&g->t1);
	c.closed = wd_add(g, c.received, (int)demo_rng_range(&g->rng, 3, 20));
	if (c.closed > g->today)
		c.closed = 0;
	else
		c.answer = buf_cstr(&g->t2);
	err = store_complaint_add(g->s, &c, &id, g->m);
	if (!err)
		g->res->complaints++;
	return err;
}

/* --- Applications, per agency ---------------------------------------------------- */

static void app_progress(struct gen *g)
{
	if (large(g) && g->res->applications >= g->next_progress &&
	    g->next_progress < LARGE_APPLICATIONS) {
		progress(g, "applications: %lld", (long long)g->res->applications);
		g->next_progress += LARGE_PROGRESS_STEP;
	}
}

/* A few applications received weeks ago are left unanswered, so the ledger
 * shows overdue cases at `today`. */
static bool pick_stuck(struct gen *g, gk_date received)
{
	if (large(g) || received < g->today - 100 || received > g->today - 45)
		return false;
	if (g->stuck < 2 || demo_rng_chance(&g->rng, 80)) {
		g->stuck++;
		return true;
	}
	return false;
}

static enum gk_err add_application(struct gen *g, struct agency *a, gk_date received, int64_t seq)
{
	struct store_application app = {0};
	struct demo_vars v = {.place = a->place, .agency = a->name};
	struct history h;
	char ref[32];
	int64_t app_id, id;
	gk_date closed;
	enum gk_err err;

	app.agency_id = a->id;
	snprintf(ref, sizeof(ref), "YSQ%d-%04lld", date_year(received), (long long)seq);
	app.ref = ref;
	app.applicant_type = (enum applicant_type)demo_rng_weighted(&g->rng, applicant_weights,
								    APPLICANT_TYPE_COUNT);
	app.channel = (int)demo_rng_weighted(&g->rng, channel_weights, CLOCK_CHANNEL_COUNT);
	app.received = received;
	/* 第三十一条: a letter is signed for or confirmed a few days after it
	 * was posted; online and by fax, confirmation comes within a day. */
	app.submitted = app.channel == CLOCK_CHANNEL_POST || app.channel == CLOCK_CHANNEL_LETTER
			    ? received - (gk_date)demo_rng_range(&g->rng, 1, 4)
			: app.channel == CLOCK_CHANNEL_IN_PERSON
			    ? received
			    : received - (gk_date)demo_rng_range(&g->rng, 0, 1);
	app.form = app.channel == CLOCK_CHANNEL_ONLINE
		       ? APP_FORM_ELECTRONIC
		       : (enum app_form)demo_rng_range(&g->rng, 1, 2);
	app.delivery = (enum app_delivery)demo_rng_range(&g->rng, 1, APP_DELIVERY_COUNT - 1);
	buf_reset(&g->t1);
	buf_reset(&g->t2);
	buf_reset(&g->t3);
	demo_applicant_name(&g->rng, app.applicant_type, a->place, &g->t1);
	demo_street_name(&g->rng, &g->t3);
	v.topic = demo_rng_pick(&g->rng, a->dept->topics);
	v.thing = demo_rng_pick(&g->rng, a->dept->requests);
	v.street = buf_cstr(&g->t3);
	v.year = date_year(received) - (int)demo_rng_range(&g->rng, 0, 3);
	demo_request_content(&g->rng, &v, &g->t2);
	app.applicant_name = buf_cstr(&g->t1);
	app.content = buf_cstr(&g->t2);
	err = store_application_add(g->s, &app, &app_id, g->m);
	if (err)
		return err;
	g->res->applications++;

	if (large(g))
		simulate_short(g, received, &h);
	else
		simulate(g, a, received, pick_stuck(g, received), &h);
	settle(g, &h, received, &closed);
	for (size_t i = 0; !err && i < h.n; i++) {
		h.ev[i].application_id = app_id;
		err = store_event_add(g->s, &h.ev[i], &id, g->m);
		g->res->events++;
		g->res->carried_over += h.ev[i].kind == EVENT_CARRIED_OVER;
	}
	if (err)
		return err;
	if (!closed) {
		g->res->open++;
		g->res->overdue += h.due < g->today;
		return GK_OK;
	}
	err = maybe_appeal(g, a, app_id, &h);
	if (!err)
		err = maybe_complaint(g, a, h.answer);
	return err;
}

static enum gk_err agency_applications(struct gen *g, struct agency *a, int64_t n)
{
	enum gk_err err = GK_OK;
	int year = 0;
	int64_t seq = 0;

	for (int64_t i = 0; !err && i < n; i++) {
		gk_date received = spread(g, g->first_app_day, i, n);
		if (date_year(received) != year) {
			year = date_year(received);
			seq = 0;
		}
		err = add_application(g, a, received, ++seq);
		app_progress(g);
	}
	return err;
}

static enum gk_err generate_applications(struct gen *g)
{
	int64_t *counts = calloc(g->n_agencies, sizeof(*counts));
	double years = (double)(g->today - g->first_app_day + 1) / 365.25;
	unsigned total_weight = 0;
	enum gk_err err = GK_OK;

	if (!counts)
		return gk_errf(g->m, GK_ENOMEM, "out of memory for %zu agencies", g->n_agencies);
	demo_rng_seed(&g->rng, g->o->seed, STREAM_APPLICATIONS);
	g->next_progress = LARGE_PROGRESS_STEP;
	if (large(g)) {
		zipf_counts(g, LARGE_APPLICATIONS, LARGE_APP_EXPONENT, counts);
	} else {
		for (size_t i = 0; i < g->n_agencies; i++)
			total_weight += g->agencies[i].dept->app_weight;
		for (size_t i = 0; i < g->n_agencies; i++)
			counts[i] = (int64_t)(SMALL_APPS_PER_YEAR * years *
						  g->agencies[i].dept->app_weight / total_weight +
					      0.5);
	}
	for (size_t i = 0; !err && i < g->n_agencies; i++)
		err = agency_applications(g, &g->agencies[i], counts[i]);
	free(counts);
	if (!err)
		progress(g, "applications: %lld (%lld events, %lld appeals, %lld complaints)",
			 (long long)g->res->applications, (long long)g->res->events,
			 (long long)g->res->appeals, (long long)g->res->complaints);
	return err;
}

/* --- Figures of table 二 from other systems ------------------------------------- */

#define SYS_NONE "本机关无此项职权"

/* Store one figure with its source note: the system it was exported from,
 * or SYS_NONE for a row the agency has no power for. */
static enum gk_err put_figure(struct gen *g, const struct agency *a, int year, const char *row,
			      const char *column, const char *value, const char *system)
{
	char source[128];
	enum gk_err err;

	if (!strcmp(system, SYS_NONE))
		snprintf(source, sizeof(source), "%s", SYS_NONE);
	else
		snprintf(source, sizeof(source), "%s%s导出", a->place, system);
	err = store_figure_set(g->s, a->id, year, row, column, value, source, g->m);
	if (!err)
		g->res->figures++;
	return err;
}

static enum gk_err figure(struct gen *g, const struct agency *a, int year, const char *row,
			  const char *column, int64_t value, const char *system)
{
	char v[32];

	snprintf(v, sizeof(v), "%lld", (long long)value);
	return put_figure(g, a, year, row, column, v, system);
}

static enum gk_err amount(struct gen *g, const struct agency *a, int year, const char *row,
			  const char *column, int64_t hundredths, const char *system)
{
	char v[32];

	snprintf(v, sizeof(v), "%lld.%02lld", (long long)(hundredths / 100),
		 (long long)(hundredths % 100));
	return put_figure(g, a, year, row, column, v, system);
}

/* A yearly figure around a typical value (±30%). */
static int64_t around(struct gen *g, int typical)
{
	return typical * demo_rng_range(&g->rng, 70, 130) / 100;
}

/* One row of the 2019 layout's 上一年项目数量 / 本年增/减 / 处理决定数量, with
 * the items carried from year to year. */
static enum gk_err items_row(struct gen *g, const struct agency *a, int year, const char *row,
			     int *items, int decisions, const char *system)
{
	int change = (int)demo_rng_range(&g->rng, -3, 5);
	enum gk_err err;

	if (*items + change < 0)
		change = -*items;
	err = figure(g, a, year, row, "prev_items", *items, system);
	if (!err)
		err = figure(g, a, year, row, "change", change, system);
	if (!err && decisions >= 0)
		err = figure(g, a, year, row, "decisions", around(g, decisions), system);
	*items += change;
	return err;
}

#define SYS_LICENSING	"行政审批局业务系统"
#define SYS_ENFORCEMENT "行政执法信息平台"
#define SYS_FEES	"财政局非税收入管理系统"
#define SYS_PROCUREMENT "政府采购管理交易系统"

/*
 * A row the agency has no power for is entered as 0, as agencies print it:
 * a blank cell would mean "unknown" to the checker, not zero. The first
 * `n` columns of the row's block.
 */
static enum gk_err zero_row(struct gen *g, const struct agency *a, int year, const char *row,
			    size_t n)
{
	static const char *const cols_2019[] = {"prev_items", "change", "decisions"};
	static const char *const cols_2021[] = {"decisions"};
	const char *const *cols = year <= 2020 ? cols_2019 : cols_2021;
	enum gk_err err = GK_OK;

	for (size_t i = 0; !err && i < n; i++)
		err = !strcmp(row, "fees") && year > 2020
			      ? amount(g, a, year, row, "fee_amount", 0, SYS_NONE)
			      : figure(g, a, year, row, cols[i], 0, SYS_NONE);
	return err;
}

static enum gk_err agency_figures(struct gen *g, const struct agency *a)
{
	const struct demo_dept *d = a->dept;
	int licensing_items = (int)demo_rng_range(&g->rng, 20, 150);
	int service_items = (int)demo_rng_range(&g->rng, 5, 40);
	int penalty_items = (int)demo_rng_range(&g->rng, 50, 600);
	int enforcement_items = (int)demo_rng_range(&g->rng, 3, 30);
	int fee_items = (int)demo_rng_range(&g->rng, 2, 15);
	enum gk_err err = GK_OK;

	for (int y = DEMO_FIRST_YEAR; !err && y < date_year(g->today); y++) {
		if (y <= 2020) {
			/* 国办公开办函〔2019〕60号: the format for 2019 and 2020. */
			if (d->flags & DEPT_LICENSING) {
				err = items_row(g, a, y, "licensing", &licensing_items,
						d->licensing, SYS_LICENSING);
				if (!err)
					err = items_row(g, a, y, "other_services", &service_items,
							d->licensing / 4, SYS_LICENSING);
			} else {
				err = zero_row(g, a, y, "licensing", 3);
				if (!err)
					err = zero_row(g, a, y, "other_services", 3);
			}
			if (!err)
				err = d->flags & DEPT_PENALTY
					      ? items_row(g, a, y, "penalty", &penalty_items,
							  d->penalty, SYS_ENFORCEMENT)
					      : zero_row(g, a, y, "penalty", 3);
			if (!err)
				err = d->flags & DEPT_ENFORCEMENT
					      ? items_row(g, a, y, "enforcement", &enforcement_items,
							  d->enforcement, SYS_ENFORCEMENT)
					      : zero_row(g, a, y, "enforcement", 3);
			if (!err)
				err = d->flags & DEPT_FEES
					      ? items_row(g, a, y, "fees", &fee_items, -1, SYS_FEES)
					      : zero_row(g, a, y, "fees", 2);
			if (!err)
				err = figure(g, a, y, "procurement", "items",
					     demo_rng_range(&g->rng, 2, 40), SYS_PROCUREMENT);
			if (!err)
				err =
				    amount(g, a, y, "procurement", "amount",
					   demo_rng_range(&g->rng, 5000, 900000), SYS_PROCUREMENT);
			continue;
		}
		/* 国办公开办函〔2021〕30号: decisions and the fee amount only. */
		err = d->flags & DEPT_LICENSING
			      ? figure(g, a, y, "licensing", "decisions", around(g, d->licensing),
				       SYS_LICENSING)
			      : zero_row(g, a, y, "licensing", 1);
		if (!err)
			err = d->flags & DEPT_PENALTY
				      ? figure(g, a, y, "penalty", "decisions", around(g, d->penalty),
					       SYS_ENFORCEMENT)
				      : zero_row(g, a, y, "penalty", 1);
		if (!err)
			err = d->flags & DEPT_ENFORCEMENT
				      ? figure(g, a, y, "enforcement", "decisions",
					       around(g, d->enforcement), SYS_ENFORCEMENT)
				      : zero_row(g, a, y, "enforcement", 1);
		if (!err)
			err = d->flags & DEPT_FEES
				      ? amount(g, a, y, "fees", "fee_amount",
					       around(g, d->fees_wan * 100), SYS_FEES)
				      : zero_row(g, a, y, "fees", 1);
	}
	return err;
}

static enum gk_err generate_figures(struct gen *g)
{
	enum gk_err err = GK_OK;

	demo_rng_seed(&g->rng, g->o->seed, STREAM_FIGURES);
	for (size_t i = 0; !err && i < g->n_agencies; i++)
		err = agency_figures(g, &g->agencies[i]);
	if (!err)
		progress(g, "figures of table 二: %lld", (long long)g->res->figures);
	return err;
}

/* --- The whole ------------------------------------------------------------------ */

/* What agencies write under 五、存在的主要问题及改进情况, in parts. */
static const char *const problems[] = {
	"政策解读形式较为单一，图表、音视频解读占比不高",
	"部分栏目信息更新不够及时",
	"依申请公开答复文书的规范性有待进一步提高",
	"基层政务公开标准化规范化工作推进不够平衡",
	"政府信息公开工作人员业务培训覆盖面不够广",
};
static const char *const remedies[] = {
	"建立栏目更新周报制度，确保信息在形成之日起20个工作日内公开",
	"丰富政策解读形式，做到解读材料与政策文件同步起草、同步审签、同步发布",
	"统一答复文书模板，实行承办、审核、法律顾问三级把关",
	"组织年度专题培训，将政务公开纳入干部教育培训内容",
	"完善依申请公开台账，逐件跟踪办理时限",
};

/* Section 五 as an agency would write it: two problems, two remedies. */
static void problems_text(struct gen *g, struct buf *out)
{
	size_t p = (size_t)demo_rng_range(&g->rng, 0, 4), r = (size_t)demo_rng_range(&g->rng, 0, 4);

	buf_reset(out);
	buf_printf(out, "本年度政府信息公开工作取得一定成效，但仍存在一些不足：一是%s；二是%s。\n\n",
		   problems[p], problems[(p + 2) % 5]);
	buf_printf(out, "下一步，本机关将%s；同时%s，持续提升政府信息公开工作质量。\n",
		   remedies[r], remedies[(r + 3) % 5]);
}

/*
 * Publish each complete year's report as agencies do by 31 January
 * (条例第四十九条): the district's for its region, each department's for
 * itself, frozen. Small region only: the benchmark corpus has no use for
 * 18,000 snapshots.
 */
static enum gk_err publish_reports(struct gen *g)
{
	enum gk_err err = GK_OK;

	demo_rng_seed(&g->rng, g->o->seed, STREAM_REPORTS);
	for (int y = DEMO_FIRST_YEAR; !err && y < date_year(g->today); y++) {
		gk_date on = date_from_ymd(y + 1, 1, (int)demo_rng_range(&g->rng, 15, 29));

		if (on > g->today)
			break;
		for (size_t i = 0; !err && i < g->n_agencies; i++) {
			struct store_scope sc = {.agency_id = g->agencies[i].id,
						 .region = g->agencies[i].parent_gov < 0,
						 .from = date_from_ymd(y, 1, 1),
						 .to = date_from_ymd(y, 12, 31)};

			problems_text(g, &g->t1);
			err = store_report_text_set(g->s, &sc, 5, buf_cstr(&g->t1), g->m);
			if (!err)
				err = ledger_report_publish(g->s, &sc, "政务公开办", on, g->m);
			if (!err)
				g->res->reports++;
		}
	}
	if (!err)
		progress(g, "annual reports published: %lld", (long long)g->res->reports);
	return err;
}

static int any_agency(void *ctx, const struct store_agency *a)
{
	(void)a;
	*(bool *)ctx = true;
	return 1;
}

static enum gk_err generate(struct gen *g)
{
	enum gk_err err;

	demo_rng_seed(&g->rng, g->o->seed, STREAM_AGENCIES);
	err = large(g) ? build_large_region(g) : build_small_region(g);
	if (!err)
		err = add_users(g);
	if (!err)
		progress(g, "agencies: %lld, users: %lld", (long long)g->res->agencies,
			 (long long)g->res->users);
	if (!err)
		err = generate_documents(g);
	if (!err)
		err = generate_applications(g);
	if (!err)
		err = generate_figures(g);
	if (!err && !large(g))
		err = publish_reports(g);
	return err;
}

enum gk_err demo_check(const struct demo_options *o, struct gk_errmsg *m)
{
	gk_date first = date_from_ymd(DEMO_FIRST_TODAY_Y, DEMO_FIRST_TODAY_M, 1);
	char d[GK_DATE_STRLEN], f[GK_DATE_STRLEN];

	if (o->today >= first && date_year(o->today) < CALENDAR_LAST_YEAR - 2)
		return GK_OK;
	return gk_errf(m, GK_ERANGE,
		       "'%s' is outside the range the demo covers; expected a day from %s to "
		       "%d-12-31 (the data runs from 2019 to that day)",
		       date_format(o->today, d), date_format(first, f), CALENDAR_LAST_YEAR - 3);
}

enum gk_err demo_fill(struct store *s, const struct demo_options *o, struct demo_result *out,
		      struct gk_errmsg *m)
{
	struct gen g = {.s = s, .o = o, .res = out, .m = m};
	bool nonempty = false;
	enum gk_err err;

	memset(out, 0, sizeof(*out));
	g.today = o->today;
	g.first_doc_day = date_from_ymd(DEMO_FIRST_YEAR, 1, 2);
	/* The revised 条例 (国务院令第711号) applies from 2019-05-15: earlier
	 * applications ran on the 15 + 15 working days of the old one. */
	g.first_app_day = date_from_ymd(DEMO_FIRST_YEAR, 5, 15);
	err = demo_check(o, m);
	if (!err)
		err = store_agency_each(s, any_agency, &nonempty, m);
	if (err)
		return err;
	if (nonempty)
		return gk_errf(m, GK_ECONFLICT,
			       "already holds agencies; demo fills only a new database");
	if (sodium_init() < 0)
		return gk_errf(m, GK_ENOMEM, "libsodium could not start");
	g.cal = calendar_open(NULL, m);
	if (!g.cal)
		return GK_ENOMEM;
	g.agencies = calloc(large(&g) ? LARGE_AGENCIES : 1 + SMALL_DEPTS, sizeof(*g.agencies));
	if (!g.agencies) {
		calendar_free(g.cal);
		return gk_errf(m, GK_ENOMEM, "out of memory for the agencies");
	}
	buf_init(&g.t1, STORE_TEXT_MAX);
	buf_init(&g.t2, STORE_TEXT_MAX);
	buf_init(&g.t3, STORE_TEXT_MAX);
	buf_init(&g.t4, STORE_TEXT_MAX);
	buf_init(&g.t5, STORE_TEXT_MAX);

	err = store_begin(s, m);
	if (!err) {
		err = generate(&g);
		if (!err)
			err = store_commit(s, m);
		if (err)
			store_rollback(s);
	}

	buf_release(&g.t1);
	buf_release(&g.t2);
	buf_release(&g.t3);
	buf_release(&g.t4);
	buf_release(&g.t5);
	free(g.agencies);
	calendar_free(g.cal);
	if (err)
		demo_result_wipe(out);
	return err;
}

void demo_result_wipe(struct demo_result *r)
{
	for (size_t i = 0; i < r->n_credentials; i++)
		sodium_memzero(r->credentials[i].password, sizeof(r->credentials[i].password));
	r->n_credentials = 0;
}
