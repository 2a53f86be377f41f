/*
 * outcome.c: names, ids and parsing of the ledger's legal categories.
 * The tables follow the result rows of table 三 (legal-facts §1.6) and
 * the rows and columns of table 四 (§1.7).
 */
#include "law/outcome.h"

#include <string.h>

#include "base/banned.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *id;
	const char *name;
} applicant_types[APPLICANT_TYPE_COUNT] = {
	[APPLICANT_NATURAL_PERSON] = {"natural_person", "自然人"},
	[APPLICANT_BUSINESS] = {"business", "商业企业"},
	[APPLICANT_RESEARCH] = {"research", "科研机构"},
	[APPLICANT_PUBLIC_INTEREST] = {"public_interest", "社会公益组织"},
	[APPLICANT_LEGAL_SERVICE] = {"legal_service", "法律服务机构"},
	[APPLICANT_OTHER] = {"other", "其他"},
};

/*
 * Label: the row's text without its printed number. Basis: the article of
 * 条例 the answer cites (legal-facts §4.1); 第三十六条 lists how each kind
 * of answer is given.
 */
static const struct {
	const char *id;
	const char *label;
	const char *basis;
} outcomes[OUTCOME_COUNT] = {
	[OUTCOME_C1] = {"C1", "予以公开", "第三十六条第（一）项、第（二）项"},
	[OUTCOME_C2] = {"C2", "部分公开", "第三十七条"},
	[OUTCOME_C3_1] = {"C3.1", "属于国家秘密", "第十四条"},
	[OUTCOME_C3_2] = {"C3.2", "其他法律行政法规禁止公开", "第十四条"},
	[OUTCOME_C3_3] = {"C3.3", "危及“三安全一稳定”", "第十四条"},
	[OUTCOME_C3_4] = {"C3.4", "保护第三方合法权益", "第十五条"},
	[OUTCOME_C3_5] = {"C3.5", "属于三类内部事务信息", "第十六条第一款"},
	[OUTCOME_C3_6] = {"C3.6", "属于四类过程性信息", "第十六条第二款"},
	[OUTCOME_C3_7] = {"C3.7", "属于行政执法案卷", "第十六条第二款"},
	[OUTCOME_C3_8] = {"C3.8", "属于行政查询事项", "第三十六条第（五）项"},
	[OUTCOME_C4_1] = {"C4.1", "本机关不掌握相关政府信息", "第三十六条第（四）项"},
	[OUTCOME_C4_2] = {"C4.2", "没有现成信息需要另行制作", "第三十八条"},
	[OUTCOME_C4_3] = {"C4.3", "补正后申请内容仍不明确", "第三十条"},
	[OUTCOME_C5_1] = {"C5.1", "信访举报投诉类申请", "第三十九条第一款"},
	[OUTCOME_C5_2] = {"C5.2", "重复申请", "第三十六条第（六）项"},
	[OUTCOME_C5_3] = {"C5.3", "要求提供公开出版物", "第三十九条第二款"},
	[OUTCOME_C5_4] = {"C5.4", "无正当理由大量反复申请", "第三十五条"},
	/* legal-facts §1.11: no article of the 条例 names this ground. */
	[OUTCOME_C5_5] = {"C5.5", "要求行政机关确认或重新出具已获取信息", "条例未作专门规定"},
	[OUTCOME_C6_1] = {"C6.1", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
			  "第三十条"},
	[OUTCOME_C6_2] = {"C6.2", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
			  "第四十二条"},
	[OUTCOME_C6_3] = {"C6.3", "其他", "第三十六条"},
	[OUTCOME_C6] = {"C6", "其他处理", "第三十六条"},
};

/* Short names staff type for the two long 其他处理 reasons. */
static const struct {
	const char *alias;
	enum outcome outcome;
} outcome_aliases[] = {
	{"逾期不补正", OUTCOME_C6_1},
	{"逾期未缴费", OUTCOME_C6_2},
};

static const char *const appeal_kinds[APPEAL_KIND_COUNT] = {
	[APPEAL_KIND_REVIEW] = "行政复议",
	[APPEAL_KIND_LAWSUIT] = "行政诉讼",
	[APPEAL_KIND_LAWSUIT_AFTER_REVIEW] = "复议后诉讼",
};
/* The English ids are the row ids of table 四 in report JSON. */
static const char *const appeal_kind_ids[APPEAL_KIND_COUNT] = {
	[APPEAL_KIND_REVIEW] = "review",
	[APPEAL_KIND_LAWSUIT] = "lawsuit",
	[APPEAL_KIND_LAWSUIT_AFTER_REVIEW] = "lawsuit_after_review",
};
/* Short forms used in ledgers: 复议, 诉讼, 复议后起诉. */
static const struct {
	const char *alias;
	enum appeal_kind kind;
} appeal_kind_aliases[] = {
	{"复议", APPEAL_KIND_REVIEW},
	{"诉讼", APPEAL_KIND_LAWSUIT},
	{"未经复议直接起诉", APPEAL_KIND_LAWSUIT},
	{"复议后起诉", APPEAL_KIND_LAWSUIT_AFTER_REVIEW},
};

static const struct {
	const char *id;
	const char *name;
} appeal_results[APPEAL_RESULT_COUNT] = {
	[APPEAL_RESULT_PENDING] = {"pending", "尚未审结"},
	[APPEAL_RESULT_UPHELD] = {"upheld", "维持"},
	[APPEAL_RESULT_CORRECTED] = {"corrected", "纠正"},
	[APPEAL_RESULT_OTHER] = {"other", "其他"},
};

const char *applicant_type_name(enum applicant_type t)
{
	return (unsigned)t < APPLICANT_TYPE_COUNT ? applicant_types[t].name : "?";
}

const char *applicant_type_id(enum applicant_type t)
{
	return (unsigned)t < APPLICANT_TYPE_COUNT ? applicant_types[t].id : "?";
}

bool applicant_type_parse(struct str s, enum applicant_type *out)
{
	for (size_t i = 0; i < APPLICANT_TYPE_COUNT; i++)
		if (str_eq_cstr(s, applicant_types[i].name) || str_eq_cstr(s, applicant_types[i].id)) {
			*out = (enum applicant_type)i;
			return true;
		}
	return false;
}

const char *outcome_id(enum outcome o)
{
	return (unsigned)o < OUTCOME_COUNT ? outcomes[o].id : "?";
}

const char *outcome_label(enum outcome o)
{
	return (unsigned)o < OUTCOME_COUNT ? outcomes[o].label : "?";
}

const char *outcome_basis(enum outcome o)
{
	return (unsigned)o < OUTCOME_COUNT ? outcomes[o].basis : "?";
}

/* Drop a printed row number such as "1." or "（三）" in front of a label. */
static struct str strip_row_number(struct str s)
{
	static const char open[] = "（", close[] = "）";
	size_t i = 0;

	if (s.len > 3 && memcmp(s.ptr, open, 3) == 0) {
		/* At most a few characters between the brackets: （一）…（七）. */
		for (i = 3; i + 3 <= s.len && i <= 12; i++)
			if (memcmp(s.ptr + i, close, 3) == 0)
				return (struct str){s.ptr + i + 3, s.len - i - 3};
		return s;
	}
	while (i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9')
		i++;
	if (i > 0 && i < s.len && (s.ptr[i] == '.' || s.ptr[i] == ' '))
		return (struct str){s.ptr + i + 1, s.len - i - 1};
	return s;
}

/* "c3.1" names C3.1: people type row ids in either case. */
static bool id_equals(struct str s, const char *id)
{
	if (s.len != strlen(id) || s.len == 0)
		return false;
	if (s.ptr[0] != id[0] && s.ptr[0] != id[0] + ('a' - 'A'))
		return false;
	return memcmp(s.ptr + 1, id + 1, s.len - 1) == 0;
}

/* Drop a trailing remark such as "（区分处理的，只计这一情形，不计其他情形）". */
static struct str strip_remark(struct str s)
{
	static const char open[] = "（", close[] = "）";

	if (s.len < 6 || memcmp(s.ptr + s.len - 3, close, 3) != 0)
		return s;
	for (size_t i = s.len - 3; i >= 3; i--)
		if (memcmp(s.ptr + i - 3, open, 3) == 0)
			return (struct str){s.ptr, i - 3};
	return s;
}

bool outcome_parse(struct str s, enum outcome *out)
{
	struct str label = strip_remark(strip_row_number(s));

	for (size_t i = 0; i < OUTCOME_COUNT; i++)
		if (id_equals(s, outcomes[i].id) || str_eq_cstr(label, outcomes[i].label)) {
			*out = (enum outcome)i;
			return true;
		}
	for (size_t i = 0; i < COUNT_OF(outcome_aliases); i++)
		if (str_eq_cstr(label, outcome_aliases[i].alias)) {
			*out = outcome_aliases[i].outcome;
			return true;
		}
	return false;
}

const char *appeal_kind_name(enum appeal_kind k)
{
	return (unsigned)k < APPEAL_KIND_COUNT ? appeal_kinds[k] : "?";
}

bool appeal_kind_parse(struct str s, enum appeal_kind *out)
{
	for (size_t i = 0; i < APPEAL_KIND_COUNT; i++)
		if (str_eq_cstr(s, appeal_kinds[i]) || str_eq_cstr(s, appeal_kind_ids[i])) {
			*out = (enum appeal_kind)i;
			return true;
		}
	for (size_t i = 0; i < COUNT_OF(appeal_kind_aliases); i++)
		if (str_eq_cstr(s, appeal_kind_aliases[i].alias)) {
			*out = appeal_kind_aliases[i].kind;
			return true;
		}
	return false;
}

const char *appeal_result_name(enum appeal_result r)
{
	return (unsigned)r < APPEAL_RESULT_COUNT ? appeal_results[r].name : "?";
}

bool appeal_result_parse(struct str s, enum appeal_result *out)
{
	/* 尚未审结 is what an empty result means, not something to type. */
	for (size_t i = APPEAL_RESULT_UPHELD; i < APPEAL_RESULT_COUNT; i++)
		if (str_eq_cstr(s, appeal_results[i].name) || str_eq_cstr(s, appeal_results[i].id)) {
			*out = (enum appeal_result)i;
			return true;
		}
	return false;
}
