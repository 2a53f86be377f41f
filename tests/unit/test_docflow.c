/*
 * Unit tests for app/docflow.h and store/store_docs.h: every rule of a
 * document's way into the catalogue (the order of the steps, proposer and
 * confirmer apart, 先审查、后公开, only 主动公开 published, a 解读 never
 * before its policy and published with it, the dates), the 20 working days
 * of 条例第二十六条 across a holiday, and the store: a published document
 * is in the catalogue and its search at once, a draft or an abolished one
 * is not, the list's filters and counts, the history and the audit log.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/docflow.h"
#include "db_fixture.h"
#include "law_fixture.h"
#include "store/store_docs.h"

#define TODAY D("2026-11-27")

/* --- The rules alone --------------------------------------------------------- */

/* A draft of agency 7 formed on 2026-11-02, nothing decided yet. */
static struct docflow_doc draft(void)
{
	return (struct docflow_doc){.id = 1, .agency_id = 7, .created = D("2026-11-02")};
}

static struct docflow_act act(enum docflow_step s, const char *date, int64_t user)
{
	return (struct docflow_act){.step = s, .date = date ? D(date) : 0, .user_id = user};
}

/* The refusal's code, and that its message holds want. */
static void refused(enum gk_err err, const struct gk_errmsg *m, enum gk_err code, const char *want)
{
	assert_int_equal(err, code);
	if (!strstr(m->text, want))
		fail_msg("message '%s' lacks '%s'", m->text, want);
}

static void names_parse_back(void **state)
{
	enum docflow_step s;
	enum disclosure_attr a;
	enum doc_status st;
	enum doc_kind k;

	(void)state;
	for (int i = 0; i < DOCFLOW_STEP_COUNT; i++) {
		assert_true(docflow_step_parse(docflow_step_id((enum docflow_step)i), &s));
		assert_int_equal(s, i);
	}
	assert_false(docflow_step_parse("publish", &s));
	assert_int_equal(docflow_step_action(DOCFLOW_PROPOSE), AUTH_DRAFT_DOCUMENT);
	assert_int_equal(docflow_step_action(DOCFLOW_LINK), AUTH_DRAFT_DOCUMENT);
	for (int i = DOCFLOW_CONFIRM; i <= DOCFLOW_ARCHIVE; i++)
		assert_int_equal(docflow_step_action((enum docflow_step)i), AUTH_REVIEW_DOCUMENT);
	assert_true(docflow_attr_parse("on_request", &a));
	assert_int_equal(a, ATTR_ON_REQUEST);
	assert_false(docflow_attr_parse("unset", &a)); /* nobody proposes "undecided" */
	assert_true(docflow_status_parse("reviewed", &st));
	assert_int_equal(st, DOC_REVIEWED);
	assert_true(docflow_kind_parse("normative", &k));
	assert_int_equal(k, DOC_KIND_NORMATIVE);
	assert_string_equal(docflow_attr_name(ATTR_WITHHELD), "不予公开");
	assert_string_equal(docflow_event_name("created"), "登记");
	assert_string_equal(docflow_event_name("secrecy_reviewed"), "保密审查");
}

static void the_drafting_unit_proposes(void **state)
{
	struct docflow_doc d = draft();
	struct docflow_act a = act(DOCFLOW_PROPOSE, "2026-11-03", 5);
	struct gk_errmsg m;

	(void)state;
	a.attr = ATTR_PROACTIVE;
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
	/* 条例第十三条: anything but 主动公开 needs its reason. */
	a.attr = ATTR_WITHHELD;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "第十三条");
	a.note = "涉及国家秘密（条例第十四条）";
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
	a.attr = ATTR_UNSET;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_EINVAL, "公开属性应为");
	a.attr = (enum disclosure_attr)9;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_EINVAL, "公开属性应为");
	/* Once confirmed, the proposal is over. */
	a.attr = ATTR_PROACTIVE;
	d.proposed = d.confirmed = ATTR_PROACTIVE;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "已确认");
	d.confirmed = ATTR_UNSET;
	d.status = DOC_REVIEWED;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "不能再提出");
}

static void another_person_confirms(void **state)
{
	struct docflow_doc d = draft();
	struct docflow_act a = act(DOCFLOW_CONFIRM, "2026-11-05", 5);
	struct gk_errmsg m;

	(void)state;
	a.attr = ATTR_PROACTIVE;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "尚未提出");
	d.proposed = ATTR_PROACTIVE;
	d.proposed_on = D("2026-11-04");
	d.proposer = 5;
	/* 条例第十七条: the one who proposed does not confirm. */
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "第十七条");
	a.user_id = 6;
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
	/* A proposal of unknown origin (an import) may be confirmed by anyone. */
	d.proposer = 0;
	a.user_id = 5;
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
	/* Deciding otherwise than proposed needs a reason. */
	a.user_id = 6;
	a.attr = ATTR_ON_REQUEST;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "须说明理由");
	a.note = "内部工作流程信息（条例第十六条）";
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
	/* Not before the proposal. */
	a.date = D("2026-11-03");
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "提出日期");
	/* Only once. */
	a.date = D("2026-11-05");
	d.confirmed = ATTR_PROACTIVE;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "已");
}

static void secrecy_review_follows_confirmation(void **state)
{
	struct docflow_doc d = draft();
	struct docflow_act a = act(DOCFLOW_REVIEW, "2026-11-06", 6);
	struct gk_errmsg m;

	(void)state;
	d.proposed = ATTR_PROACTIVE;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "尚未确认");
	d.confirmed = ATTR_ON_REQUEST;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "第十九条");
	d.confirmed = ATTR_PROACTIVE;
	d.confirmed_on = D("2026-11-07");
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "确认日期");
	a.date = D("2026-11-07");
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
	d.status = DOC_REVIEWED;
	d.reviewed = D("2026-11-07");
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT,
		"已于2026-11-07通过保密审查");
}

static void review_comes_before_publication(void **state)
{
	struct docflow_doc d = draft();
	struct docflow_act a = act(DOCFLOW_PUBLISH, "2026-11-10", 6);
	struct gk_errmsg m;

	(void)state;
	d.proposed = d.confirmed = ATTR_PROACTIVE;
	/* 条例第十七条: 先审查、后公开. */
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "先审查、后公开");
	d.status = DOC_REVIEWED;
	d.reviewed = D("2026-11-11");
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "保密审查日期");
	a.date = D("2026-11-11");
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
	d.status = DOC_PUBLISHED;
	d.published = D("2026-11-11");
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "已于2026-11-11公开");
}

static void only_proactive_information_is_published(void **state)
{
	struct docflow_doc d = draft();
	struct docflow_act a = act(DOCFLOW_PUBLISH, "2026-11-10", 6);
	struct gk_errmsg m;

	(void)state;
	d.proposed = d.confirmed = ATTR_ON_REQUEST;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "第二十条");
	d.confirmed = ATTR_WITHHELD;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "不列入公开目录");
}

static void dates_are_real_and_in_order(void **state)
{
	struct docflow_doc d = draft();
	struct docflow_act a = act(DOCFLOW_PROPOSE, NULL, 5);
	struct gk_errmsg m;

	(void)state;
	a.attr = ATTR_PROACTIVE;
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_EINVAL, "日期");
	a.date = D("2026-11-28");
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "晚于今天");
	a.date = D("2026-11-01");
	refused(docflow_check(&d, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "早于文件的形成日期");
	a.date = D("2026-11-02");
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
	a.date = TODAY;
	assert_int_equal(docflow_check(&d, &a, NULL, TODAY, &m), GK_OK);
}

static void a_published_document_is_abolished_and_archived(void **state)
{
	struct docflow_doc d = draft();
	struct docflow_act ab = act(DOCFLOW_ABOLISH, "2026-11-20", 6);
	struct docflow_act ar = act(DOCFLOW_ARCHIVE, "2026-11-20", 6);
	struct gk_errmsg m;

	(void)state;
	d.proposed = d.confirmed = ATTR_PROACTIVE;
	refused(docflow_check(&d, &ab, NULL, TODAY, &m), &m, GK_ECONFLICT, "尚未公开");
	/* 条例第二十五条: what goes to the archives and the library is what was published. */
	refused(docflow_check(&d, &ar, NULL, TODAY, &m), &m, GK_ECONFLICT, "第二十五条");
	d.status = DOC_PUBLISHED;
	d.published = D("2026-11-21");
	refused(docflow_check(&d, &ab, NULL, TODAY, &m), &m, GK_ECONFLICT, "公开日期");
	refused(docflow_check(&d, &ar, NULL, TODAY, &m), &m, GK_ECONFLICT, "公开日期");
	ab.date = ar.date = D("2026-11-23");
	assert_int_equal(docflow_check(&d, &ab, NULL, TODAY, &m), GK_OK);
	assert_int_equal(docflow_check(&d, &ar, NULL, TODAY, &m), GK_OK);
	d.archived = D("2026-11-23");
	refused(docflow_check(&d, &ar, NULL, TODAY, &m), &m, GK_ECONFLICT,
		"已于2026-11-23送交两馆");
	d.status = DOC_ABOLISHED;
	d.abolished = D("2026-11-24");
	refused(docflow_check(&d, &ab, NULL, TODAY, &m), &m, GK_ECONFLICT, "已于2026-11-24废止");
	/* An abolished document was published: it may still be handed over. */
	d.archived = 0;
	assert_int_equal(docflow_check(&d, &ar, NULL, TODAY, &m), GK_OK);
}

static void an_interpretation_never_precedes_its_policy(void **state)
{
	struct docflow_doc policy = draft(), in = draft();
	struct docflow_act a = act(DOCFLOW_PUBLISH, "2026-11-12", 6);
	struct gk_errmsg m;

	(void)state;
	in.id = 2;
	in.interprets_id = 1;
	in.status = DOC_REVIEWED;
	in.proposed = in.confirmed = ATTR_PROACTIVE;
	policy.status = DOC_REVIEWED;
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT,
		"解读不得先于政策文件公开");
	refused(docflow_check(&in, &a, NULL, TODAY, &m), &m, GK_ECONFLICT, "找不到");
	policy.status = DOC_PUBLISHED;
	policy.published = D("2026-11-13");
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT, "2026-11-13");
	a.date = D("2026-11-13");
	assert_int_equal(docflow_check(&in, &a, &policy, TODAY, &m), GK_OK);
}

static void linking_an_interpretation(void **state)
{
	struct docflow_doc policy = draft(), in = draft();
	struct docflow_act a = act(DOCFLOW_LINK, "2026-11-12", 5);
	struct gk_errmsg m;

	(void)state;
	in.id = 2;
	refused(docflow_check(&in, &a, NULL, TODAY, &m), &m, GK_EINVAL, "编号");
	a.policy_id = 1;
	refused(docflow_check(&in, &a, NULL, TODAY, &m), &m, GK_EINVAL, "找不到");
	assert_int_equal(docflow_check(&in, &a, &policy, TODAY, &m), GK_OK);
	/* A page asks which forms to show without a policy at hand. */
	assert_int_equal(docflow_allowed(&in, DOCFLOW_LINK, 5, NULL, &m), GK_OK);
	policy.agency_id = 8;
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT, "同一机关");
	policy.agency_id = 7;
	policy.interprets_id = 9;
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT, "本身是解读");
	policy.interprets_id = 0;
	policy.status = DOC_ABOLISHED;
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT, "已废止");
	policy.status = DOC_DRAFT;
	policy.confirmed = ATTR_WITHHELD;
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT, "不主动公开");
	policy.confirmed = ATTR_UNSET;
	policy.id = 2;
	a.policy_id = 2;
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT, "自身");
	policy.id = a.policy_id = 1;
	in.interpretations = 1;
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT, "已有解读");
	in.interpretations = 0;
	in.status = DOC_PUBLISHED;
	in.published = D("2026-11-10");
	refused(docflow_check(&in, &a, &policy, TODAY, &m), &m, GK_ECONFLICT, "同步公开");
}

/* --- The deadline -------------------------------------------------------------- */

static void twenty_working_days_across_the_holidays(void **state)
{
	struct docflow_deadline dl;
	gk_date c = D("2026-09-24");
	char text[512];

	(void)state;
	/* 2026: 中秋 9-25…27 off, 国庆 10-1…7 off, Saturday 10-10 worked:
	 * the 20th working day after Thursday 9-24 is Thursday 10-29 (on plain
	 * Monday-Friday it would be 10-22). */
	docflow_deadline(cal, DOC_DRAFT, ATTR_PROACTIVE, c, 0, D("2026-10-28"), &dl);
	assert_int_equal(dl.timing, DOCFLOW_DUE);
	assert_int_equal(dl.due, D("2026-10-29"));
	assert_int_equal(dl.days_left, 1);
	assert_false(dl.guessed);
	docflow_deadline(cal, DOC_DRAFT, ATTR_PROACTIVE, c, 0, D("2026-10-29"), &dl);
	assert_int_equal(dl.timing, DOCFLOW_DUE);
	assert_int_equal(dl.days_left, 0);
	docflow_deadline(cal, DOC_REVIEWED, ATTR_UNSET, c, 0, D("2026-10-30"), &dl);
	assert_int_equal(dl.timing, DOCFLOW_LATE_PENDING);
	assert_int_equal(dl.overdue, 1);
	docflow_deadline_explain(&dl, c, text, sizeof(text));
	assert_non_null(strstr(text, "第二十六条"));
	assert_non_null(strstr(text, "2026-10-29"));
	assert_non_null(strstr(text, "已超期 1 个工作日"));
	assert_string_equal(docflow_timing_name(dl.timing), "逾期未公开");

	docflow_deadline(cal, DOC_PUBLISHED, ATTR_PROACTIVE, c, D("2026-10-29"), TODAY, &dl);
	assert_int_equal(dl.timing, DOCFLOW_IN_TIME);
	docflow_deadline(cal, DOC_PUBLISHED, ATTR_PROACTIVE, c, D("2026-11-02"), TODAY, &dl);
	assert_int_equal(dl.timing, DOCFLOW_LATE_PUBLISHED);
	assert_int_equal(dl.overdue, 2); /* 10-30 and 11-02 */
	docflow_deadline_explain(&dl, c, text, sizeof(text));
	assert_non_null(strstr(text, "超期 2 个工作日"));
	assert_string_equal(docflow_timing_name(dl.timing), "逾期公开");
	/* An abolished document was still published late. */
	docflow_deadline(cal, DOC_ABOLISHED, ATTR_PROACTIVE, c, D("2026-11-02"), TODAY, &dl);
	assert_int_equal(dl.timing, DOCFLOW_LATE_PUBLISHED);
}

static void no_deadline_without_proactive_disclosure(void **state)
{
	struct docflow_deadline dl;
	gk_date c = D("2026-01-05");
	char text[512];

	(void)state;
	docflow_deadline(cal, DOC_DRAFT, ATTR_ON_REQUEST, c, 0, TODAY, &dl);
	assert_int_equal(dl.timing, DOCFLOW_NO_DEADLINE);
	docflow_deadline(cal, DOC_DRAFT, ATTR_WITHHELD, c, 0, TODAY, &dl);
	assert_int_equal(dl.timing, DOCFLOW_NO_DEADLINE);
	docflow_deadline_explain(&dl, c, text, sizeof(text));
	assert_non_null(strstr(text, "不适用"));
	/* Undecided counts: the limit runs from the 形成日期 whatever the paperwork. */
	docflow_deadline(cal, DOC_DRAFT, ATTR_UNSET, c, 0, TODAY, &dl);
	assert_int_equal(dl.timing, DOCFLOW_LATE_PENDING);
	/* Outside the calendar's years nothing can be said. */
	docflow_deadline(cal, DOC_DRAFT, ATTR_PROACTIVE, D("1998-03-02"), 0, TODAY, &dl);
	assert_int_equal(dl.timing, DOCFLOW_UNKNOWN);
	/* A year without a notice is counted Monday-Friday, and says so. */
	docflow_deadline(cal, DOC_DRAFT, ATTR_PROACTIVE, D("2027-03-01"), 0, TODAY, &dl);
	assert_int_equal(dl.timing, DOCFLOW_DUE);
	assert_true(dl.guessed);
	assert_int_equal(dl.due, D("2027-03-29"));
	docflow_deadline_explain(&dl, D("2027-03-01"), text, sizeof(text));
	assert_non_null(strstr(text, "按周一至周五推算"));
}

static void the_list_asks_docflow_what_is_late(void **state)
{
	struct docflow_late_ctx c = {.cal = cal, .today = TODAY};
	struct store_docs_row r = {
	    .status = DOC_DRAFT, .attr_proposed = ATTR_PROACTIVE, .created = D("2026-09-24")};

	(void)state;
	assert_int_equal(docflow_late(&c, &r), STORE_DOCS_LATE_PENDING);
	r.attr_confirmed = ATTR_ON_REQUEST; /* the confirmation decides */
	assert_int_equal(docflow_late(&c, &r), STORE_DOCS_IN_TIME);
	r.attr_confirmed = ATTR_PROACTIVE;
	r.status = DOC_PUBLISHED;
	r.published = D("2026-10-30");
	assert_int_equal(docflow_late(&c, &r), STORE_DOCS_LATE_PUBLISHED);
	r.published = D("2026-10-29");
	assert_int_equal(docflow_late(&c, &r), STORE_DOCS_IN_TIME);
}

/* --- With the store --------------------------------------------------------------- */

static int64_t user(struct db_fixture *f, const char *name, int64_t agency)
{
	struct store_user u = {
	    .username = name, .agency_id = agency, .role = ROLE_REVIEWER, .password_hash = "x"};
	struct gk_errmsg m;
	int64_t id = 0;

	if (store_user_add(f->s, &u, &id, &m))
		fail_msg("%s", m.text);
	return id;
}

static struct audit_who who(int64_t id)
{
	return (struct audit_who){.user_id = id, .client = "127.0.0.1", .now = 1795000000};
}

static int64_t create(struct db_fixture *f, const char *title, const char *created,
		      enum disclosure_attr attr, int64_t by, int64_t interprets)
{
	struct store_document d = {.agency_id = f->agency,
				   .title = title,
				   .doc_number = "某发改〔2026〕1号",
				   .category = 1,
				   .kind = DOC_KIND_NORMATIVE,
				   .created = D(created)};
	/* Proposed when it was formed: the steps after it may be dated back. */
	struct docflow_new n = {
	    .attr = attr, .proposed_on = D(created), .interprets_id = interprets};
	struct audit_who w = who(by);
	struct gk_errmsg m;
	int64_t id = 0;

	if (docflow_create(f->s, &d, &n, &w, TODAY, &id, &m))
		fail_msg("%s", m.text);
	return id;
}

static enum gk_err take(struct db_fixture *f, int64_t id, enum docflow_step s, const char *date,
			int64_t by, struct gk_errmsg *m)
{
	struct docflow_act a = act(s, date, by);
	struct audit_who w = who(by);

	a.attr = ATTR_PROACTIVE;
	return docflow_take(f->s, id, &a, &w, TODAY, NULL, m);
}

static void step(struct db_fixture *f, int64_t id, enum docflow_step s, const char *date,
		 int64_t by)
{
	struct gk_errmsg m;

	if (take(f, id, s, date, by, &m))
		fail_msg("%s: %s", docflow_step_id(s), m.text);
}

static int count_hit(void *ctx, const struct store_doc_hit *h)
{
	(void)h;
	++*(int64_t *)ctx;
	return 0;
}

/* How many catalogue entries of the agency match query (NULL: all). */
static int64_t in_catalogue(struct db_fixture *f, const char *query)
{
	struct store_doc_query q = {.agency_id = f->agency, .query = query, .limit = 20};
	int64_t total = 0, seen = 0;
	bool exact;
	struct gk_errmsg m;

	if (store_documents_find(f->s, &q, count_hit, &seen, &total, &exact, &m))
		fail_msg("%s", m.text);
	assert_int_equal(seen, total < 20 ? total : 20);
	return total;
}

static int count_event(void *ctx, const struct store_docs_event *e)
{
	(void)e;
	++*(int *)ctx;
	return 0;
}

static int events(struct db_fixture *f, int64_t id)
{
	struct gk_errmsg m;
	int n = 0;

	assert_int_equal(store_docs_event_each(f->s, id, count_event, &n, &m), GK_OK);
	return n;
}

static int count_audit(void *ctx, const struct store_audit *e)
{
	if (!strncmp(e->action, "document.", 9))
		++*(int *)ctx;
	return 0;
}

static void draft_to_catalogue(void **state)
{
	struct db_fixture *f = *state;
	int64_t drafter = user(f, "drafter", f->agency), office = user(f, "office", f->agency);
	int64_t id =
	    create(f, "关于明湖区停车收费标准的通知", "2026-11-02", ATTR_PROACTIVE, drafter, 0);
	struct store_document d;
	struct store_docs_review r;
	struct gk_errmsg m;
	int audited = 0;

	assert_int_equal(store_docs_get(f->s, id, &d, &r, &m), GK_OK);
	assert_int_equal(d.status, DOC_DRAFT);
	assert_int_equal(d.attr_proposed, ATTR_PROACTIVE);
	assert_int_equal(d.attr_confirmed, ATTR_UNSET);
	assert_non_null(d.index_no);
	assert_int_equal(events(f, id), 2); /* created, attr_proposed */
	assert_int_equal(in_catalogue(f, NULL), 0);

	/* The drafter cannot confirm what they proposed; nothing is written. */
	refused(take(f, id, DOCFLOW_CONFIRM, "2026-11-27", drafter, &m), &m, GK_ECONFLICT,
		"提出人以外");
	assert_int_equal(events(f, id), 2);
	/* Nor may anyone publish before the review. */
	refused(take(f, id, DOCFLOW_PUBLISH, "2026-11-27", office, &m), &m, GK_ECONFLICT,
		"先审查、后公开");

	step(f, id, DOCFLOW_CONFIRM, "2026-11-27", office);
	step(f, id, DOCFLOW_REVIEW, "2026-11-27", office);
	assert_int_equal(store_docs_get(f->s, id, &d, &r, &m), GK_OK);
	assert_int_equal(d.status, DOC_REVIEWED);
	assert_int_equal(r.secrecy_reviewed, D("2026-11-27"));
	assert_int_equal(in_catalogue(f, NULL), 0);
	assert_int_equal(in_catalogue(f, "停车收费"), 0);

	step(f, id, DOCFLOW_PUBLISH, "2026-11-27", office);
	assert_int_equal(store_docs_get(f->s, id, &d, &r, &m), GK_OK);
	assert_int_equal(d.status, DOC_PUBLISHED);
	assert_int_equal(d.published, D("2026-11-27"));
	/* In the catalogue and its search at once. */
	assert_int_equal(in_catalogue(f, NULL), 1);
	assert_int_equal(in_catalogue(f, "停车收费"), 1);

	step(f, id, DOCFLOW_ARCHIVE, "2026-11-27", office);
	step(f, id, DOCFLOW_ABOLISH, "2026-11-27", office);
	assert_int_equal(store_docs_get(f->s, id, &d, &r, &m), GK_OK);
	assert_int_equal(d.status, DOC_ABOLISHED);
	assert_int_equal(d.published, D("2026-11-27")); /* kept */
	assert_int_equal(d.archived, D("2026-11-27"));
	assert_int_equal(in_catalogue(f, NULL), 0);
	assert_int_equal(in_catalogue(f, "停车收费"), 0);
	assert_int_equal(events(f, id), 7);
	assert_int_equal(store_audit_each(f->s, count_audit, &audited, &m), GK_OK);
	assert_int_equal(audited, 6); /* create, confirm, review, publish, archive, abolish */
}

static void the_annual_report_counts_the_abolition(void **state)
{
	struct db_fixture *f = *state;
	int64_t a = user(f, "a", f->agency), b = user(f, "b", f->agency);
	int64_t id = create(f, "明湖区规范性文件", "2026-03-02", ATTR_PROACTIVE, a, 0);
	struct store_scope scope = {
	    .agency_id = f->agency, .from = D("2026-01-01"), .to = D("2026-12-31")};
	struct store_counts c;
	struct gk_errmsg m;

	step(f, id, DOCFLOW_CONFIRM, "2026-03-03", b);
	step(f, id, DOCFLOW_REVIEW, "2026-03-04", b);
	step(f, id, DOCFLOW_PUBLISH, "2026-03-05", b);
	step(f, id, DOCFLOW_ABOLISH, "2026-11-02", b);
	assert_int_equal(store_count(f->s, &scope, &c, &m), GK_OK);
	assert_int_equal(c.documents[DOC_KIND_NORMATIVE].made, 1);
	assert_int_equal(c.documents[DOC_KIND_NORMATIVE].published, 1);
	assert_int_equal(c.documents[DOC_KIND_NORMATIVE].repealed, 1);
	assert_int_equal(c.documents[DOC_KIND_NORMATIVE].in_force, 0);
}

static void publishing_the_policy_publishes_its_interpretation(void **state)
{
	struct db_fixture *f = *state;
	int64_t a = user(f, "a", f->agency), b = user(f, "b", f->agency);
	int64_t policy = create(f, "明湖区促进就业若干措施", "2026-11-02", ATTR_PROACTIVE, a, 0);
	int64_t ready = create(f, "《明湖区促进就业若干措施》政策解读", "2026-11-03",
			       ATTR_PROACTIVE, a, policy);
	int64_t late = create(f, "图解：促进就业若干措施", "2026-11-04", ATTR_PROACTIVE, a, policy);
	struct docflow_act pub = act(DOCFLOW_PUBLISH, "2026-11-20", b);
	struct audit_who w = who(b);
	struct store_document d;
	struct store_docs_review r;
	struct gk_errmsg m;
	int64_t also = -1;

	step(f, ready, DOCFLOW_CONFIRM, "2026-11-05", b);
	step(f, ready, DOCFLOW_REVIEW, "2026-11-06", b);
	/* Not before its policy. */
	refused(take(f, ready, DOCFLOW_PUBLISH, "2026-11-10", b, &m), &m, GK_ECONFLICT, "尚未公开");
	step(f, policy, DOCFLOW_CONFIRM, "2026-11-05", b);
	step(f, policy, DOCFLOW_REVIEW, "2026-11-06", b);
	assert_int_equal(docflow_take(f->s, policy, &pub, &w, TODAY, &also, &m), GK_OK);
	assert_int_equal(also, 1);
	assert_int_equal(store_docs_get(f->s, ready, &d, &r, &m), GK_OK);
	assert_int_equal(d.status, DOC_PUBLISHED);
	assert_int_equal(d.published, D("2026-11-20"));
	assert_int_equal(r.interprets_id, policy);
	assert_int_equal(events(f, ready),
			 6); /* created, proposed, linked, confirmed, reviewed, published */
	/* The 解读 still in draft stays a draft, and may follow later. */
	assert_int_equal(store_docs_get(f->s, late, &d, &r, &m), GK_OK);
	assert_int_equal(d.status, DOC_DRAFT);
	step(f, late, DOCFLOW_CONFIRM, "2026-11-21", b);
	step(f, late, DOCFLOW_REVIEW, "2026-11-21", b);
	step(f, late, DOCFLOW_PUBLISH, "2026-11-21", a);
	assert_int_equal(store_docs_get(f->s, policy, &d, &r, &m), GK_OK);
	assert_int_equal(r.interpretations, 2);
	/* A published document cannot become a 解读 any more. */
	pub = act(DOCFLOW_LINK, "2026-11-22", a);
	pub.policy_id = policy;
	refused(docflow_take(f->s, ready, &pub, &w, TODAY, NULL, &m), &m, GK_ECONFLICT, "同步公开");
}

static void a_link_is_checked_at_registration(void **state)
{
	struct db_fixture *f = *state;
	int64_t a = user(f, "a", f->agency);
	int64_t elsewhere;
	struct store_document d = {
	    .agency_id = f->other, .title = "另一机关的政策", .created = D("2026-11-02")};
	struct store_document in = {
	    .agency_id = f->agency, .title = "解读", .created = D("2026-11-02")};
	struct docflow_new none = {0}, link = {0};
	struct audit_who w = who(a);
	struct gk_errmsg m;
	int64_t id = 0;

	assert_int_equal(docflow_create(f->s, &d, &none, &w, TODAY, &elsewhere, &m), GK_OK);
	link.interprets_id = elsewhere;
	refused(docflow_create(f->s, &in, &link, &w, TODAY, &id, &m), &m, GK_ECONFLICT, "同一机关");
	link.interprets_id = 999;
	refused(docflow_create(f->s, &in, &link, &w, TODAY, &id, &m), &m, GK_EINVAL, "999");
	/* A proposal other than 主动公开 without its reason: nothing stored. */
	link = (struct docflow_new){.attr = ATTR_WITHHELD};
	refused(docflow_create(f->s, &in, &link, &w, TODAY, &id, &m), &m, GK_ECONFLICT, "第十三条");
	in.created = D("2026-11-28");
	refused(docflow_create(f->s, &in, &none, &w, TODAY, &id, &m), &m, GK_ECONFLICT, "晚于今天");
	assert_int_equal(id, 0);
	{
		struct store_docs_counts c;
		struct store_docs_query q = {.agency_id = f->agency, .status = -1, .kind = -1};

		assert_int_equal(store_docs_list(f->s, &q, NULL, NULL, &c, &m), GK_OK);
		assert_int_equal(c.all, 0);
	}
}

static void a_step_taken_meanwhile_is_a_conflict(void **state)
{
	struct db_fixture *f = *state;
	int64_t a = user(f, "a", f->agency);
	int64_t id = create(f, "文件", "2026-11-02", ATTR_PROACTIVE, a, 0);
	struct gk_errmsg m;

	/* The store repeats the state a step needs: a draft is not published,
	 * whatever the caller believed. */
	refused(store_docs_publish(f->s, id, D("2026-11-20"), &m), &m, GK_ECONFLICT, "no longer");
	refused(store_docs_review(f->s, id, D("2026-11-20"), &m), &m, GK_ECONFLICT, "no longer");
	refused(store_docs_publish(f->s, 999, D("2026-11-20"), &m), &m, GK_ENOTFOUND, "999");
}

struct listed {
	int n;
	int64_t ids[8];
	enum store_docs_late late[8];
};

static int collect(void *ctx, const struct store_docs_row *r, enum store_docs_late late)
{
	struct listed *l = ctx;

	assert_non_null(r->title);
	if (l->n < 8) {
		l->ids[l->n] = r->id;
		l->late[l->n] = late;
	}
	l->n++;
	return 0;
}

static void the_list_filters_counts_and_flags_late(void **state)
{
	struct db_fixture *f = *state;
	int64_t a = user(f, "a", f->agency), b = user(f, "b", f->agency);
	/* Formed 9-24: due 10-29 (test above). */
	int64_t on_time = create(f, "按期", "2026-09-24", ATTR_PROACTIVE, a, 0);
	int64_t late_pub = create(f, "逾期公开", "2026-09-24", ATTR_PROACTIVE, a, 0);
	int64_t pending = create(f, "逾期未公开", "2026-09-23", ATTR_PROACTIVE, a, 0);
	int64_t fresh = create(f, "新起草", "2026-11-20", ATTR_UNSET, a, 0);
	int64_t on_request = create(f, "依申请", "2026-09-22", ATTR_UNSET, a, 0);
	struct docflow_late_ctx lc = {.cal = cal, .today = TODAY};
	struct store_docs_query q = {.agency_id = f->agency,
				     .status = -1,
				     .kind = -1,
				     .late_fn = docflow_late,
				     .late_ctx = &lc};
	struct store_docs_counts c;
	struct listed l = {0};
	struct gk_errmsg m;
	struct docflow_act conf = act(DOCFLOW_CONFIRM, "2026-09-25", b);
	struct docflow_act prop = act(DOCFLOW_PROPOSE, "2026-09-24", a);
	struct audit_who wa = who(a), wb = who(b);

	step(f, on_time, DOCFLOW_CONFIRM, "2026-10-08", b);
	step(f, on_time, DOCFLOW_REVIEW, "2026-10-08", b);
	step(f, on_time, DOCFLOW_PUBLISH, "2026-10-29", b);
	step(f, late_pub, DOCFLOW_CONFIRM, "2026-10-08", b);
	step(f, late_pub, DOCFLOW_REVIEW, "2026-10-08", b);
	step(f, late_pub, DOCFLOW_PUBLISH, "2026-10-30", b);
	prop.attr = conf.attr = ATTR_ON_REQUEST;
	prop.note = conf.note = "过程性信息（条例第十六条第二款）";
	assert_int_equal(docflow_take(f->s, on_request, &prop, &wa, TODAY, NULL, &m), GK_OK);
	assert_int_equal(docflow_take(f->s, on_request, &conf, &wb, TODAY, NULL, &m), GK_OK);

	assert_int_equal(store_docs_list(f->s, &q, collect, &l, &c, &m), GK_OK);
	assert_int_equal(c.total, 5);
	assert_int_equal(c.all, 5);
	assert_int_equal(c.by_status[DOC_PUBLISHED], 2);
	assert_int_equal(c.by_status[DOC_DRAFT], 3);
	assert_int_equal(c.late_pending, 1);
	assert_int_equal(c.late_published, 1);
	/* Newest 形成日期 first. */
	assert_int_equal(l.n, 5);
	assert_int_equal(l.ids[0], fresh);
	assert_int_equal(l.ids[4], on_request);
	assert_int_equal(l.late[0], STORE_DOCS_IN_TIME);

	l = (struct listed){0};
	q.late = STORE_DOCS_LATE;
	assert_int_equal(store_docs_list(f->s, &q, collect, &l, &c, &m), GK_OK);
	assert_int_equal(c.total, 2);
	assert_int_equal(c.all, 5); /* the counts ignore the status and late filters */
	assert_int_equal(l.n, 2);
	assert_int_equal(l.ids[0], late_pub); /* same day, newer id first */
	assert_int_equal(l.late[0], STORE_DOCS_LATE_PUBLISHED);
	assert_int_equal(l.ids[1], pending);
	assert_int_equal(l.late[1], STORE_DOCS_LATE_PENDING);

	l = (struct listed){0};
	q.late = STORE_DOCS_ONLY_PENDING;
	assert_int_equal(store_docs_list(f->s, &q, collect, &l, &c, &m), GK_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.ids[0], pending);

	/* Status, paging. */
	l = (struct listed){0};
	q.late = STORE_DOCS_ANY;
	q.status = DOC_DRAFT;
	q.offset = 1;
	q.limit = 1;
	assert_int_equal(store_docs_list(f->s, &q, collect, &l, &c, &m), GK_OK);
	assert_int_equal(c.total, 3);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.ids[0], pending);

	/* Kind and region: the region's root lists its agencies' documents. */
	l = (struct listed){0};
	q = (struct store_docs_query){
	    .agency_id = f->region, .region = true, .status = -1, .kind = DOC_KIND_PLAIN};
	assert_int_equal(store_docs_list(f->s, &q, collect, &l, &c, &m), GK_OK);
	assert_int_equal(c.all, 0);
	q.kind = DOC_KIND_NORMATIVE;
	assert_int_equal(store_docs_list(f->s, &q, collect, &l, &c, &m), GK_OK);
	assert_int_equal(c.all, 5);
	q.region = false;
	assert_int_equal(store_docs_list(f->s, &q, collect, &l, &c, &m), GK_OK);
	assert_int_equal(c.all, 0);
}

int main(void)
{
	const struct CMUnitTest rules[] = {
	    cmocka_unit_test(names_parse_back),
	    cmocka_unit_test(the_drafting_unit_proposes),
	    cmocka_unit_test(another_person_confirms),
	    cmocka_unit_test(secrecy_review_follows_confirmation),
	    cmocka_unit_test(review_comes_before_publication),
	    cmocka_unit_test(only_proactive_information_is_published),
	    cmocka_unit_test(dates_are_real_and_in_order),
	    cmocka_unit_test(a_published_document_is_abolished_and_archived),
	    cmocka_unit_test(an_interpretation_never_precedes_its_policy),
	    cmocka_unit_test(linking_an_interpretation),
	    cmocka_unit_test(twenty_working_days_across_the_holidays),
	    cmocka_unit_test(no_deadline_without_proactive_disclosure),
	    cmocka_unit_test(the_list_asks_docflow_what_is_late),
	    cmocka_unit_test_setup_teardown(draft_to_catalogue, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(the_annual_report_counts_the_abolition, db_setup,
					    db_teardown),
	    cmocka_unit_test_setup_teardown(publishing_the_policy_publishes_its_interpretation,
					    db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(a_link_is_checked_at_registration, db_setup,
					    db_teardown),
	    cmocka_unit_test_setup_teardown(a_step_taken_meanwhile_is_a_conflict, db_setup,
					    db_teardown),
	    cmocka_unit_test_setup_teardown(the_list_filters_counts_and_flags_late, db_setup,
					    db_teardown),
	};

	return cmocka_run_group_tests(rules, open_builtin_calendar, close_calendar);
}
