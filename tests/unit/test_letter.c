/*
 * Unit tests for letter/letter.h, with the templates of templates/letters
 * (tests run from the top of the repository): every kind of letter says
 * what the law requires of it, in HTML and in PDF (read back with
 * pdftotext, as a person would copy it), hostile values stay text, an
 * agency's own template is used when it is sound and refused, with its
 * line, when it is not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "letter/letter.h"

#define DIR "templates/letters"

/*
 * Two leaks of the libraries, not of gongkai: fontconfig keeps its
 * configuration and font lists for the life of the process and frees them
 * only in FcFini(), which Pango never calls; cairo 1.16 (Debian 12) loses
 * 768 bytes per embedded CFF font when a PDF surface is finished (the
 * font subsetter), whatever the caller does.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:cairo_surface_finish\n";
}

/* Whole stacks through the libraries (built without frame pointers), so
 * that the suppression names cairo's function, not all of libcairo. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

static int setup(void **state)
{
	struct letter_set *set;
	struct gk_errmsg m;

	if (letter_set_load(DIR, &set, &m)) {
		fprintf(stderr, "%s\n", m.text);
		return -1;
	}
	*state = set;
	return 0;
}

static int teardown(void **state)
{
	letter_set_free(*state);
	return 0;
}

/* A case of the 发改局 with what every kind of letter may print. */
static json_t *base_view(void)
{
	json_error_t e;
	json_t *v = json_loads(
	    "{\"agency\": {\"name\": \"某某区发展和改革局\", \"office\": \"局办公室\","
	    "  \"address\": \"某某区人民路1号\", \"postcode\": \"100000\","
	    "  \"phone\": \"010-12345678\", \"email\": \"gongkai@fgj.example.gov.cn\"},"
	    " \"doc_number\": \"区发改公开〔2026〕12号\", \"issued\": \"2026-11-27\","
	    " \"applicant\": {\"name\": \"张三\"},"
	    " \"application\": {\"received\": \"2026-11-02\","
	    "  \"content\": \"2025年本区重点项目投资计划\", \"tracking_code\": \"ABCD-EFGH-JKMN-PQRS\","
	    "  \"channel\": \"互联网渠道\"},"
	    " \"remedy\": {\"review_body\": \"某某区人民政府\", \"court\": \"某某区人民法院\"}}",
	    0, &e);

	if (!v)
		fail_msg("view: %s", e.text);
	return v;
}

static void set_json(json_t *v, const char *key, const char *json)
{
	json_error_t e;
	json_t *x = json_loads(json, JSON_DECODE_ANY, &e);

	if (!x)
		fail_msg("%s: %s", key, e.text);
	json_object_set_new(v, key, x);
}

/* The view for a kind, with the facts its letter must carry. */
static json_t *view_for(enum letter_kind k)
{
	json_t *v = base_view();

	switch (k) {
	case LETTER_RECEIPT:
		set_json(v, "due", "\"2026-12-01\"");
		break;
	case LETTER_CORRECTION:
		set_json(v, "items", "[\"请写明所需信息的名称或者文号\", {\"text\": \"请说明所需信息的年份\"}]");
		set_json(v, "days", "10");
		set_json(v, "deadline", "\"2026-11-20\"");
		set_json(v, "guidance", "\"可参考本机关政府信息公开指南第二部分。\"");
		break;
	case LETTER_CONSULT_THIRD_PARTY:
		set_json(v, "party", "{\"name\": \"某某建设有限公司\"}");
		set_json(v, "information", "\"项目投资协议\"");
		set_json(v, "reply_due", "\"2026-12-18\"");
		break;
	case LETTER_CONSULT_AGENCY:
		set_json(v, "party", "{\"name\": \"某某区财政局\"}");
		set_json(v, "reply_due", "\"2026-12-18\"");
		break;
	case LETTER_EXTENSION:
		set_json(v, "days", "20");
		set_json(v, "due", "\"2026-12-29\"");
		set_json(v, "cause", "\"所申请信息数量较大，需要调取档案核查\"");
		break;
	case LETTER_FEE:
		set_json(v, "amount_yuan", "2000");
		set_json(v, "fee_lines", "[\"第11—30件：20件 × 100元 = 2000元\"]");
		set_json(v, "payment_due", "\"2026-12-25\"");
		set_json(v, "payment_method", "\"银行转账至某某区财政局非税收入账户\"");
		break;
	case LETTER_ANSWER_DISCLOSE:
		set_json(v, "outcome", "\"C1\"");
		set_json(v, "files", "[\"2025年本区重点项目投资计划.pdf\", {\"name\": \"附表\", \"note\": \"共3页\"}]");
		set_json(v, "delivery", "\"电子邮件\"");
		break;
	case LETTER_ANSWER_PARTIAL:
		set_json(v, "outcome", "{\"id\": \"C2\"}");
		set_json(v, "files", "[\"投资计划（删除企业报价）.pdf\"]");
		set_json(v, "reason", "\"企业报价属于商业秘密（第十五条）。\"");
		break;
	case LETTER_ANSWER_WITHHOLD:
		set_json(v, "outcome", "\"C3.6\"");
		set_json(v, "reason", "\"所申请的是讨论稿。\"");
		break;
	case LETTER_ANSWER_UNAVAILABLE:
		set_json(v, "outcome", "\"C4.1\"");
		break;
	case LETTER_ANSWER_NOT_PROCESSED:
		set_json(v, "outcome", "\"C5.2\"");
		set_json(v, "previous", "{\"answered\": \"2026-10-09\", \"doc_number\": \"区发改公开〔2026〕7号\"}");
		break;
	case LETTER_ANSWER_OTHER:
		set_json(v, "outcome", "\"C6.2\"");
		set_json(v, "fee", "{\"sent\": \"2026-11-10\", \"doc_number\": \"区发改公开〔2026〕9号\","
				   " \"payment_due\": \"2026-12-08\", \"amount_yuan\": 2000}");
		break;
	default:
		break;
	}
	return v;
}

/* What each kind's letter must say (besides title, number, agency and date). */
static const char *const facts[LETTER_KIND_COUNT][10] = {
    [LETTER_RECEIPT] = {"张三：", "2026年11月2日", "第三十一条", "20个工作日内", "2026年12月1日",
			"ABCD-EFGH-JKMN-PQRS"},
    [LETTER_CORRECTION] = {"张三：", "第三十条", "一次性告知", "1. 请写明所需信息的名称或者文号",
			   "2. 请说明所需信息的年份", "10个工作日内（2026年11月20日前）",
			   "视为放弃申请", "可参考本机关政府信息公开指南第二部分。"},
    [LETTER_CONSULT_THIRD_PARTY] = {"某某建设有限公司：", "第三十二条", "15个工作日内",
				    "2026年12月18日", "逾期未提出意见的，由本机关",
				    "项目投资协议", "不同意公开且有合理理由的，本机关不予公开"},
    [LETTER_CONSULT_AGENCY] = {"某某区财政局：", "第三十四条", "15个工作日内", "2026年12月18日",
			       "视为同意公开", "共同制作"},
    [LETTER_EXTENSION] = {"张三：", "第三十三条第二款", "延长20个工作日", "2026年12月29日前",
			  "政府信息公开工作机构负责人同意", "因所申请信息数量较大，需要调取档案核查，"},
    [LETTER_FEE] = {"张三：", "第四十二条", "国办函〔2020〕109号", "人民币2000元",
		    "第11—30件：20件 × 100元", "20个工作日内（即2026年12月25日前）",
		    "视为放弃申请", "银行转账至某某区财政局非税收入账户"},
    [LETTER_ANSWER_DISCLOSE] = {"第三十六条第（二）项", "1. 2025年本区重点项目投资计划.pdf",
				"2. 附表（共3页）", "提供方式：电子邮件"},
    [LETTER_ANSWER_PARTIAL] = {"第三十七条", "1. 投资计划（删除企业报价）.pdf",
			       "对不予公开的内容，理由如下：企业报价属于商业秘密（第十五条）。"},
    [LETTER_ANSWER_WITHHOLD] = {"过程性信息", "第十六条第二款", "第三十六条第（三）项",
				"决定不予公开", "具体理由：所申请的是讨论稿。"},
    [LETTER_ANSWER_UNAVAILABLE] = {"第三十六条第（四）项", "该政府信息不存在"},
    [LETTER_ANSWER_NOT_PROCESSED] = {"第三十六条第（六）项", "2026年10月9日",
				     "区发改公开〔2026〕7号", "不予重复处理"},
    [LETTER_ANSWER_OTHER] = {"第四十二条", "2026年11月10日", "区发改公开〔2026〕9号",
			     "2026年12月8日", "人民币2000元", "逾期未按收费通知要求缴纳费用"},
};

static void assert_contains(const char *hay, const char *needle, const char *what)
{
	if (!strstr(hay, needle)) {
		fprintf(stderr, "%s: '%s' is missing from:\n%s\n", what, needle, hay);
		fail();
	}
}

static void every_kind_says_what_the_law_requires(void **state)
{
	const struct letter_set *set = *state;

	for (int k = 0; k < LETTER_KIND_COUNT; k++) {
		json_t *v = view_for((enum letter_kind)k);
		struct gk_errmsg m;
		struct buf html;

		buf_init(&html, 1 << 22);
		if (letter_render_html(set, (enum letter_kind)k, v, NULL, &html, &m))
			fail_msg("%s: %s", letter_kind_id((enum letter_kind)k), m.text);
		assert_string_equal(m.text, "");
		assert_contains(html.data, "<html lang=\"zh-CN\">", letter_kind_id(k));
		assert_contains(html.data, "@page{size:A4", letter_kind_id(k));
		assert_contains(html.data, "@media print", letter_kind_id(k));
		assert_contains(html.data, letter_kind_title((enum letter_kind)k), letter_kind_id(k));
		assert_contains(html.data, "<p class=\"docno\">区发改公开〔2026〕12号</p>",
				letter_kind_id(k));
		assert_contains(html.data, "<p class=\"agency\">某某区发展和改革局</p>",
				letter_kind_id(k));
		assert_contains(html.data, "<p class=\"sign\">某某区发展和改革局</p>",
				letter_kind_id(k));
		assert_contains(html.data, "<p class=\"date\">2026年11月27日</p>", letter_kind_id(k));
		assert_contains(html.data, "地址：某某区人民路1号", letter_kind_id(k));
		assert_contains(html.data, "联系电话：010-12345678", letter_kind_id(k));
		for (int i = 0; facts[k][i]; i++)
			assert_contains(html.data, facts[k][i], letter_kind_id(k));
		if (letter_kind_is_answer((enum letter_kind)k)) {
			assert_contains(html.data, "张三：", letter_kind_id(k));
			assert_contains(html.data, "收到您提出的政府信息公开申请", letter_kind_id(k));
			assert_contains(html.data,
					"在收到本答复书之日起60日内向某某区人民政府申请行政复议",
					letter_kind_id(k));
			assert_contains(html.data, "6个月内依法向某某区人民法院提起行政诉讼",
					letter_kind_id(k));
		}
		/* The third party learns what is asked for, not who asks. */
		if (k == LETTER_CONSULT_THIRD_PARTY || k == LETTER_CONSULT_AGENCY)
			assert_null(strstr(html.data, "张三"));
		buf_release(&html);
		json_decref(v);
	}
}

/* Each row of table 三 answers with its own ground and article. */
static void every_outcome_has_its_ground(void **state)
{
	static const struct {
		enum outcome o;
		const char *says;
	} rows[] = {
	    {OUTCOME_C1, "第三十六条第（二）项"},
	    {OUTCOME_C2, "第三十七条"},
	    {OUTCOME_C3_1, "国家秘密的政府信息。根据《中华人民共和国政府信息公开条例》第十四条"},
	    {OUTCOME_C3_2, "法律、行政法规禁止公开的政府信息。根据《中华人民共和国政府信息公开条例》第十四条"},
	    {OUTCOME_C3_3, "国家安全、公共安全、经济安全、社会稳定"},
	    {OUTCOME_C3_4, "第三方合法权益造成损害。根据《中华人民共和国政府信息公开条例》第十五条"},
	    {OUTCOME_C3_5, "内部事务信息"},
	    {OUTCOME_C3_6, "过程性信息"},
	    {OUTCOME_C3_7, "行政执法案卷信息"},
	    {OUTCOME_C3_8, "行政查询事项"},
	    {OUTCOME_C4_1, "第三十六条第（四）项"},
	    {OUTCOME_C4_2, "第三十八条"},
	    {OUTCOME_C4_3, "补正后申请内容仍不明确"},
	    {OUTCOME_C5_1, "第三十九条第一款"},
	    {OUTCOME_C5_2, "第三十六条第（六）项"},
	    {OUTCOME_C5_3, "第三十九条第二款"},
	    {OUTCOME_C5_4, "第三十五条"},
	    {OUTCOME_C5_5, "确认或者重新出具"},
	    {OUTCOME_C6_1, "逾期未补正。根据《中华人民共和国政府信息公开条例》第三十条"},
	    {OUTCOME_C6_2, "逾期未按收费通知要求缴纳费用"},
	    {OUTCOME_C6_3, "经审查，申请人撤回了申请。"},
	    {OUTCOME_C6, "经审查，申请人撤回了申请。"},
	};
	const struct letter_set *set = *state;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum letter_kind k = letter_kind_for_outcome(rows[i].o);
		json_t *v = base_view();
		struct gk_errmsg m;
		struct buf text;

		json_object_set_new(v, "outcome", json_string(outcome_id(rows[i].o)));
		json_object_set_new(v, "reason", json_string("申请人撤回了申请。"));
		buf_init(&text, 1 << 20);
		if (letter_render_text(set, k, v, NULL, &text, &m))
			fail_msg("%s: %s", outcome_id(rows[i].o), m.text);
		assert_contains(text.data, rows[i].says, outcome_id(rows[i].o));
		assert_contains(text.data, "申请行政复议", outcome_id(rows[i].o));
		assert_contains(text.data, "特此答复。", outcome_id(rows[i].o));
		/* Plain text: paragraphs, one blank line between, no markup. */
		assert_null(strstr(text.data, "\n\n\n"));
		assert_null(strstr(text.data, "&"));
		assert_null(strstr(text.data, "<"));
		buf_release(&text);
		json_decref(v);
	}
	assert_int_equal(letter_kind_for_outcome(OUTCOME_C3_4), LETTER_ANSWER_WITHHOLD);
	assert_int_equal(letter_kind_for_outcome(OUTCOME_C6_1), LETTER_ANSWER_OTHER);
	assert_int_equal(letter_kind_for_outcome(OUTCOME_C6), LETTER_ANSWER_OTHER);
}

static void refuses_views_that_cannot_make_a_letter(void **state)
{
	const struct letter_set *set = *state;
	json_t *v = view_for(LETTER_ANSWER_WITHHOLD);
	struct gk_errmsg m;
	struct buf out;

	buf_init(&out, 1 << 20);
	/* A 不予公开 outcome is not answered with a 予以公开 letter. */
	assert_int_equal(letter_render_html(set, LETTER_ANSWER_DISCLOSE, v, NULL, &out, &m),
			 GK_EINVAL);
	assert_contains(m.text, "C3.6 is answered by answer_withhold", "message");
	json_object_set_new(v, "outcome", json_string("C9"));
	assert_int_equal(letter_render_html(set, LETTER_ANSWER_WITHHOLD, v, NULL, &out, &m),
			 GK_EINVAL);
	assert_contains(m.text, "'C9' is not a row of table 三", "message");
	json_object_del(v, "outcome");
	assert_int_equal(letter_render_pdf(set, LETTER_ANSWER_WITHHOLD, v, NULL, &out, &m),
			 GK_EINVAL);
	assert_contains(m.text, "outcome.id is required", "message");
	json_object_del(v, "agency");
	assert_int_equal(letter_render_html(set, LETTER_RECEIPT, v, NULL, &out, &m), GK_EINVAL);
	assert_contains(m.text, "agency.name is required", "message");
	assert_int_equal(out.len, 0);
	buf_release(&out);
	json_decref(v);
}

static void hostile_values_stay_text(void **state)
{
	const struct letter_set *set = *state;
	json_t *v = view_for(LETTER_CORRECTION);
	struct gk_errmsg m;
	struct buf html, text;

	json_object_set_new(json_object_get(v, "agency"), "name",
			    json_string("<b>某局</b>"));
	json_object_set_new(json_object_get(v, "applicant"), "name",
			    json_string("<script>alert('x')</script>"));
	json_object_set_new(json_object_get(v, "application"), "content",
			    json_string("\"引号\" & &lt;实体&gt; `反引号` a=b /路径/"));
	json_object_set_new(v, "items", json_pack("[s]", "</p><img src=x onerror=alert(1)>"));
	json_object_set_new(v, "doc_number", json_string("</title><script>1</script>"));
	buf_init(&html, 1 << 22);
	buf_init(&text, 1 << 20);
	assert_int_equal(letter_render_html(set, LETTER_CORRECTION, v, NULL, &html, &m), GK_OK);
	assert_null(strstr(html.data, "<script>"));
	assert_null(strstr(html.data, "<img"));
	assert_null(strstr(html.data, "<b>"));
	assert_contains(html.data, "&lt;script&gt;alert(&#39;x&#39;)&lt;&#x2F;script&gt;：", "name");
	assert_contains(html.data, "&lt;b&gt;某局&lt;&#x2F;b&gt;", "agency");
	/* Escaped once, not twice, and not un-escaped: "&lt;" typed by the
	 * applicant prints as "&lt;". */
	assert_contains(html.data, "&quot;引号&quot; &amp; &amp;lt;实体&amp;gt;", "content");
	assert_int_equal(letter_render_text(set, LETTER_CORRECTION, v, NULL, &text, &m), GK_OK);
	assert_contains(text.data, "\"引号\" & &lt;实体&gt; `反引号` a=b /路径/", "text");
	assert_contains(text.data, "1. </p><img src=x onerror=alert(1)>", "text");
	buf_release(&html);
	buf_release(&text);
	json_decref(v);
}

/* --- PDF ------------------------------------------------------------------- */

static bool have_pdftotext(void)
{
	return system("command -v pdftotext >/dev/null 2>&1") == 0;
}

/* The text pdftotext reads from pdf, with white space removed (it breaks
 * lines where the PDF does). Form feeds (pages) are kept. */
static char *pdf_text(const struct buf *pdf)
{
	char path[] = "/tmp/gk-letter-XXXXXX";
	char cmd[128];
	int fd = mkstemp(path);
	FILE *p;
	struct buf text;
	char *out;
	int c;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf->data, pdf->len), (ssize_t)pdf->len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "pdftotext -q -enc UTF-8 %s -", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	buf_init(&text, 1 << 22);
	while ((c = fgetc(p)) != EOF)
		if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
			buf_putc(&text, (char)c);
	assert_int_equal(pclose(p), 0);
	unlink(path);
	out = strdup(buf_cstr(&text));
	buf_release(&text);
	return out;
}

/* M of "第 1 页 共 M 页", after checking that every page 1..M is numbered. */
static long page_count(const char *text)
{
	const char *at = strstr(text, "第1页共");
	char want[64];
	long pages;

	assert_non_null(at);
	pages = strtol(at + strlen("第1页共"), NULL, 10);
	assert_true(pages >= 1);
	for (long i = 1; i <= pages; i++) {
		snprintf(want, sizeof(want), "第%ld页共%ld页", i, pages);
		assert_contains(text, want, "page number");
	}
	return pages;
}

static void every_kind_prints_as_pdf(void **state)
{
	const struct letter_set *set = *state;

	if (!have_pdftotext()) {
		printf("skip: pdftotext (poppler-utils) is not installed; PDFs not read back\n");
		skip();
	}
	for (int k = 0; k < LETTER_KIND_COUNT; k++) {
		json_t *v = view_for((enum letter_kind)k);
		struct gk_errmsg m;
		struct buf pdf;
		char *text;

		buf_init(&pdf, 1 << 24);
		if (letter_render_pdf(set, (enum letter_kind)k, v, NULL, &pdf, &m))
			fail_msg("%s: %s", letter_kind_id((enum letter_kind)k), m.text);
		assert_true(pdf.len > 1000);
		assert_memory_equal(pdf.data, "%PDF-", 5);
		text = pdf_text(&pdf);
		assert_contains(text, letter_kind_title((enum letter_kind)k), letter_kind_id(k));
		assert_contains(text, "区发改公开〔2026〕12号", letter_kind_id(k));
		assert_contains(text, "某某区发展和改革局", letter_kind_id(k));
		assert_contains(text, "2026年11月27日", letter_kind_id(k));
		/* One page, or two when the contact footer moves on whole. */
		assert_in_range(page_count(text), 1, 2);
		/* The key facts, in the words of the HTML. */
		for (int i = 0; facts[k][i]; i++) {
			char want[256];
			size_t n = 0;

			for (const char *s = facts[k][i]; *s && n + 1 < sizeof(want); s++)
				if (*s != ' ')
					want[n++] = *s;
			want[n] = '\0';
			assert_contains(text, want, letter_kind_id(k));
		}
		free(text);
		buf_release(&pdf);
		json_decref(v);
	}
}

static void long_letters_break_into_numbered_pages(void **state)
{
	const struct letter_set *set = *state;
	json_t *v = view_for(LETTER_CORRECTION), *items = json_array();
	struct gk_errmsg m;
	struct buf pdf, again;
	char *text;

	if (!have_pdftotext()) {
		printf("skip: pdftotext (poppler-utils) is not installed; PDFs not read back\n");
		skip();
	}
	for (int i = 1; i <= 60; i++) {
		char item[128];

		snprintf(item, sizeof(item), "第%d项：请写明所需信息的名称、文号或者其他特征性描述", i);
		json_array_append_new(items, json_string(item));
	}
	json_object_set_new(v, "items", items);
	buf_init(&pdf, 1 << 24);
	buf_init(&again, 1 << 24);
	assert_int_equal(letter_render_pdf(set, LETTER_CORRECTION, v, NULL, &pdf, &m), GK_OK);
	text = pdf_text(&pdf);
	assert_in_range(page_count(text), 4, 8);
	assert_contains(text, "60.第60项：请写明所需信息的名称", "last item");
	assert_contains(text, "视为放弃申请", "the closing paragraph");
	/* The same letter gives the same bytes (the PDF's date is the letter's). */
	assert_int_equal(letter_render_pdf(set, LETTER_CORRECTION, v, NULL, &again, &m), GK_OK);
	assert_int_equal(again.len, pdf.len);
	assert_memory_equal(again.data, pdf.data, pdf.len);
	free(text);
	buf_release(&pdf);
	buf_release(&again);
	json_decref(v);
}

/* --- Overrides ------------------------------------------------------------- */

static const char good_override[] =
    "{{applicant.name}}同志，您好！我局在审查您于{{application.received}}提交的申请时发现以下问题：\n"
    "\n"
    "{{#items}}\n"
    "（{{n}}）{{text}}\n"
    "{{/items}}\n"
    "\n"
    "请于{{deadline}}前补正（《条例》第三十条）。本局特别提示：可来电咨询。\n";

static void an_override_is_used_when_given(void **state)
{
	const struct letter_set *set = *state;
	json_t *v = view_for(LETTER_CORRECTION);
	struct gk_errmsg m;
	struct buf text, html;

	assert_int_equal(letter_template_check(set, LETTER_CORRECTION, good_override, &m), GK_OK);
	buf_init(&text, 1 << 20);
	buf_init(&html, 1 << 22);
	assert_int_equal(letter_render_text(set, LETTER_CORRECTION, v, good_override, &text, &m),
			 GK_OK);
	assert_string_equal(m.text, "");
	assert_string_equal(text.data,
			    "张三同志，您好！我局在审查您于2026年11月2日提交的申请时发现以下问题：\n"
			    "\n"
			    "（1）请写明所需信息的名称或者文号\n"
			    "（2）请说明所需信息的年份\n"
			    "\n"
			    "请于2026年11月20日前补正（《条例》第三十条）。本局特别提示：可来电咨询。\n");
	/* The layout stays the code's. */
	assert_int_equal(letter_render_html(set, LETTER_CORRECTION, v, good_override, &html, &m),
			 GK_OK);
	assert_contains(html.data, "<h1>政府信息公开申请补正告知书</h1>", "title");
	assert_contains(html.data, "本局特别提示", "override");
	assert_null(strstr(html.data, "一次性告知您需要补正的事项"));
	/* The defaults are untouched for the next letter. */
	buf_reset(&text);
	assert_int_equal(letter_render_text(set, LETTER_CORRECTION, v, NULL, &text, &m), GK_OK);
	assert_contains(text.data, "一次性告知您需要补正的事项", "default");
	assert_contains(letter_template_default(set, LETTER_CORRECTION), "{{#items}}", "source");
	buf_release(&text);
	buf_release(&html);
	json_decref(v);
}

static void a_broken_override_is_refused_with_its_line(void **state)
{
	const struct letter_set *set = *state;
	json_t *v = view_for(LETTER_CORRECTION);
	const char *broken = "请补正：\n{{#items}}\n{{text}}\n\n请于{{deadline}}前补正。\n";
	struct gk_errmsg m;
	struct buf text;

	assert_int_equal(letter_template_check(set, LETTER_CORRECTION, broken, &m), GK_EFORMAT);
	assert_contains(m.text, "letter.correction:2: ", "line of the unclosed section");
	assert_int_equal(letter_template_check(set, LETTER_ANSWER_OTHER, "{{>nowhere}}\n", &m),
			 GK_EFORMAT);
	assert_contains(m.text, "letter.answer_other:1: unknown partial 'nowhere'", "partial");
	assert_int_equal(letter_template_check(set, LETTER_FEE, "缴费\xff\n", &m), GK_EFORMAT);
	assert_contains(m.text, "letter.fee:1: not UTF-8", "bytes");
	/* Including itself never ends. */
	assert_int_equal(letter_template_check(set, LETTER_RECEIPT, "{{>receipt}}", &m), GK_ERANGE);
	assert_contains(m.text, "letter.receipt: ", "recursion");

	/* A list inside a list repeats itself per element, and deeper, for
	 * ever: refused, with its line, also through a partial. */
	assert_int_equal(letter_template_check(set, LETTER_CORRECTION,
					       "{{#items}}\n{{# items }}{{text}}{{/ items }}\n{{/items}}\n"
					       "{{deadline}}",
					       &m),
			 GK_EFORMAT);
	assert_contains(m.text, "letter.correction:2: the list 'items' inside another list",
			"nested list");
	assert_int_equal(letter_template_check(set, LETTER_ANSWER_DISCLOSE,
					       "{{! {{#files}} }}\n{{#fee_lines}}\n\n{{>files}}\n"
					       "{{/fee_lines}}\n{{>remedy}}",
					       &m),
			 GK_EFORMAT);
	assert_contains(m.text, "letter.answer_disclose:4: the partial 'files' lists", "partial");
	assert_int_equal(letter_template_check(set, LETTER_CORRECTION,
					       "{{#items}}{{>correction}}{{/items}}", &m),
			 GK_EFORMAT);

	/* Compiles, but leaves out what the law requires. */
	assert_int_equal(letter_template_check(set, LETTER_CORRECTION, "请补正，于{{deadline}}前。",
					       &m),
			 GK_EINVAL);
	assert_contains(m.text, "{{items}}", "items");
	assert_contains(m.text, "第三十条 一次性告知", "article");
	assert_int_equal(letter_template_check(set, LETTER_ANSWER_WITHHOLD,
					       "{{>answer_opening}}\n\n不予公开。\n", &m),
			 GK_EINVAL);
	assert_contains(m.text, "letter.answer_withhold", "setting");
	assert_contains(m.text, "remedy", "remedy");
	assert_int_equal(letter_template_check(set, LETTER_ANSWER_WITHHOLD,
					       "{{>answer_opening}}\n\n不予公开。\n\n{{>remedy}}\n", &m),
			 GK_OK);
	assert_int_equal(letter_template_check(set, LETTER_FEE, "请缴费{{amount_yuan}}元。", &m),
			 GK_EINVAL);
	assert_contains(m.text, "payment_due", "payment date");
	assert_int_equal(letter_template_check(set, LETTER_EXTENSION, "", &m), GK_EINVAL);

	/* A broken override that got stored anyway never stops a letter. */
	buf_init(&text, 1 << 20);
	assert_int_equal(letter_render_text(set, LETTER_CORRECTION, v, broken, &text, &m), GK_OK);
	assert_contains(text.data, "一次性告知您需要补正的事项", "default used");
	assert_contains(m.text, "not used", "why");
	assert_contains(m.text, "letter.correction:2", "line");
	buf_release(&text);
	json_decref(v);
}

/* --- Loading and the small pieces ----------------------------------------- */

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	int c;

	assert_non_null(in);
	assert_non_null(out);
	while ((c = fgetc(in)) != EOF)
		fputc(c, out);
	fclose(in);
	fclose(out);
}

static void loading_names_the_missing_or_broken_file(void **state)
{
	char dir[] = "/tmp/gk-letters-XXXXXX", from[256], to[256];
	struct letter_set *set = NULL;
	struct gk_errmsg m;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (int k = 0; k < LETTER_KIND_COUNT; k++) {
		snprintf(from, sizeof(from), DIR "/%s.mustache", letter_kind_id(k));
		snprintf(to, sizeof(to), "%s/%s.mustache", dir, letter_kind_id(k));
		copy_file(from, to);
	}
	assert_int_equal(letter_set_load(dir, &set, &m), GK_EIO);
	assert_null(set);
	assert_contains(m.text, "answer_opening.mustache", "missing partial");
	snprintf(to, sizeof(to), "%s/answer_opening.mustache", dir);
	copy_file(DIR "/answer_opening.mustache", to);
	snprintf(to, sizeof(to), "%s/files.mustache", dir);
	copy_file(DIR "/files.mustache", to);
	snprintf(to, sizeof(to), "%s/remedy.mustache", dir);
	copy_file(DIR "/remedy.mustache", to);
	assert_int_equal(letter_set_load(dir, &set, &m), GK_OK);
	letter_set_free(set);
	snprintf(to, sizeof(to), "%s/fee.mustache", dir);
	{
		FILE *f = fopen(to, "w");

		assert_non_null(f);
		fputs("第一行\n第二行{{/fee_lines}}\n", f);
		fclose(f);
	}
	assert_int_equal(letter_set_load(dir, &set, &m), GK_EFORMAT);
	assert_contains(m.text, "/fee.mustache:2: ", "file and line");
	for (int k = 0; k < LETTER_KIND_COUNT; k++) {
		snprintf(to, sizeof(to), "%s/%s.mustache", dir, letter_kind_id(k));
		unlink(to);
	}
	for (const char *const *p = (const char *const[]){"answer_opening", "files", "remedy", NULL};
	     *p; p++) {
		snprintf(to, sizeof(to), "%s/%s.mustache", dir, *p);
		unlink(to);
	}
	assert_int_equal(rmdir(dir), 0);
}

static void kinds_settings_dates_and_style(void **state)
{
	const struct letter_set *set = *state;
	json_t *v = json_object();
	char date[LETTER_DATE_MAX], hash[LETTER_STYLE_HASH_MAX], want[LETTER_STYLE_HASH_MAX];
	unsigned char digest[crypto_hash_sha256_BYTES];
	char b64[48];
	struct gk_errmsg m;
	struct buf html;
	const char *style, *end;
	enum letter_kind k;

	for (int i = 0; i < LETTER_KIND_COUNT; i++) {
		assert_true(letter_kind_parse(letter_kind_id((enum letter_kind)i), &k));
		assert_int_equal(k, i);
		assert_true(strlen(letter_kind_name(k)) > 0);
		assert_true(strlen(letter_kind_article(k)) > 0);
		assert_true(!strncmp(letter_setting_key(k), "letter.", 7));
		assert_string_equal(letter_setting_key(k) + 7, letter_kind_id(k));
	}
	assert_false(letter_kind_parse("answer", &k));
	assert_false(letter_kind_parse(NULL, &k));
	assert_string_equal(letter_date_text(date_from_ymd(2026, 1, 5), date), "2026年1月5日");

	letter_view_add_setting(v, "address", "人民路1号");
	letter_view_add_setting(v, "review_body", "某某区人民政府");
	letter_view_add_setting(v, "court", "某某区人民法院");
	letter_view_add_setting(v, "letter.fee", "{{amount_yuan}}");
	letter_view_add_setting(v, "doc_prefix", "区发改公开");
	letter_view_add_setting(v, "phone", "");
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "agency"),
							      "address")),
			    "人民路1号");
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "remedy"),
							      "review_body")),
			    "某某区人民政府");
	assert_int_equal(json_object_size(v), 2);
	assert_int_equal(json_object_size(json_object_get(v, "agency")), 1);
	json_decref(v);

	/* The hash a Content-Security-Policy needs is the page's one style. */
	v = view_for(LETTER_RECEIPT);
	buf_init(&html, 1 << 22);
	assert_int_equal(letter_render_html(set, LETTER_RECEIPT, v, NULL, &html, &m), GK_OK);
	style = strstr(html.data, "<style>") + 7;
	end = strstr(style, "</style>");
	crypto_hash_sha256(digest, (const unsigned char *)style, (unsigned long long)(end - style));
	sodium_bin2base64(b64, sizeof(b64), digest, sizeof(digest), sodium_base64_VARIANT_ORIGINAL);
	snprintf(want, sizeof(want), "'sha256-%s'", b64);
	letter_style_hash(hash);
	assert_string_equal(hash, want);
	assert_null(strstr(html.data, "style="));
	assert_null(strstr(html.data, "<script"));
	buf_release(&html);
	json_decref(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_kind_says_what_the_law_requires),
	    cmocka_unit_test(every_outcome_has_its_ground),
	    cmocka_unit_test(refuses_views_that_cannot_make_a_letter),
	    cmocka_unit_test(hostile_values_stay_text),
	    cmocka_unit_test(every_kind_prints_as_pdf),
	    cmocka_unit_test(long_letters_break_into_numbered_pages),
	    cmocka_unit_test(an_override_is_used_when_given),
	    cmocka_unit_test(a_broken_override_is_refused_with_its_line),
	    cmocka_unit_test(loading_names_the_missing_or_broken_file),
	    cmocka_unit_test(kinds_settings_dates_and_style),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
