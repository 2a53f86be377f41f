/*
 * outcome.h: the legal vocabulary of the ledger — who applied, how an
 * application ended, what became of an appeal.
 *
 * These are the categories the annual report counts (条例第五十条 and the
 * report formats, legal-facts §1.6–§1.7), held as stable enums so that the
 * store can keep them as small integers and every face can print them.
 * The numeric values are stored in databases: append, never renumber.
 *
 * Outcomes are the result rows of table 三 in the 2021 layout, plus the
 * legacy 其他处理 without a reason that 2019–2020 ledgers record (OUTCOME_C6):
 * the 2019 layout folds C6.1–C6.3 into C6, the 2021 layout counts C6 as
 * C6.3 (the report compiler does both). 部分公开 is its own outcome and is
 * never also counted as 予以公开 or 不予公开 (the note under table 三).
 *
 * All strings returned here are static.
 */
#ifndef GK_LAW_OUTCOME_H
#define GK_LAW_OUTCOME_H

#include <stdbool.h>

#include "base/str.h"

/* Applicant columns of table 三: 自然人 and the five 法人或其他组织 kinds. */
enum applicant_type {
	APPLICANT_NATURAL_PERSON, /* 自然人 */
	APPLICANT_BUSINESS,	  /* 商业企业 */
	APPLICANT_RESEARCH,	  /* 科研机构 */
	APPLICANT_PUBLIC_INTEREST, /* 社会公益组织 */
	APPLICANT_LEGAL_SERVICE,  /* 法律服务机构 */
	APPLICANT_OTHER,	  /* 其他 */
	APPLICANT_TYPE_COUNT
};

/* How an application ended (办理结果): the result rows of table 三. */
enum outcome {
	OUTCOME_C1,   /* 予以公开 (第三十六条第一项) */
	OUTCOME_C2,   /* 部分公开 (第三十七条) */
	OUTCOME_C3_1, /* 不予公开: 属于国家秘密 (第十四条) */
	OUTCOME_C3_2, /* 其他法律行政法规禁止公开 (第十四条) */
	OUTCOME_C3_3, /* 危及“三安全一稳定” (第十四条) */
	OUTCOME_C3_4, /* 保护第三方合法权益 (第十五条) */
	OUTCOME_C3_5, /* 属于三类内部事务信息 (第十六条第一款) */
	OUTCOME_C3_6, /* 属于四类过程性信息 (第十六条第二款) */
	OUTCOME_C3_7, /* 属于行政执法案卷 (第十六条第二款) */
	OUTCOME_C3_8, /* 属于行政查询事项 (第三十六条第五项) */
	OUTCOME_C4_1, /* 无法提供: 本机关不掌握相关政府信息 (第三十六条第四项) */
	OUTCOME_C4_2, /* 没有现成信息需要另行制作 (第三十八条) */
	OUTCOME_C4_3, /* 补正后申请内容仍不明确 (第三十条) */
	OUTCOME_C5_1, /* 不予处理: 信访举报投诉类申请 (第三十九条第一款) */
	OUTCOME_C5_2, /* 重复申请 (第三十六条第六项) */
	OUTCOME_C5_3, /* 要求提供公开出版物 (第三十九条第二款) */
	OUTCOME_C5_4, /* 无正当理由大量反复申请 (第三十五条) */
	OUTCOME_C5_5, /* 要求行政机关确认或重新出具已获取信息 (no article of the 条例) */
	OUTCOME_C6_1, /* 其他处理: 逾期不补正 (第三十条) */
	OUTCOME_C6_2, /* 逾期未按收费通知要求缴纳费用 (第四十二条) */
	OUTCOME_C6_3, /* 其他 */
	OUTCOME_C6,   /* 其他处理 without a reason (2019–2020 ledgers) */
	OUTCOME_COUNT
};

/* Kinds of appeal counted in table 四. */
enum appeal_kind {
	APPEAL_KIND_REVIEW,		 /* 行政复议 */
	APPEAL_KIND_LAWSUIT,		 /* 行政诉讼, 未经复议直接起诉 */
	APPEAL_KIND_LAWSUIT_AFTER_REVIEW, /* 行政诉讼, 复议后起诉 */
	APPEAL_KIND_COUNT
};

/* How an appeal ended; PENDING while it is not decided (尚未审结). */
enum appeal_result {
	APPEAL_RESULT_PENDING,	 /* 尚未审结 */
	APPEAL_RESULT_UPHELD,	 /* 维持 */
	APPEAL_RESULT_CORRECTED, /* 纠正 */
	APPEAL_RESULT_OTHER,	 /* 其他 */
	APPEAL_RESULT_COUNT
};

/* Chinese name ("自然人") and parse by that name or the English id. */
const char *applicant_type_name(enum applicant_type t);
const char *applicant_type_id(enum applicant_type t); /* "natural_person" */
bool applicant_type_parse(struct str s, enum applicant_type *out);

/* Row id of table 三 ("C3.1", "C6") and the row's label without its number
 * ("属于国家秘密"). */
const char *outcome_id(enum outcome o);
const char *outcome_label(enum outcome o);
/* The article of 条例 (or the notice) the outcome rests on, for letters and
 * explanations, e.g. "第三十六条第（四）项". */
const char *outcome_basis(enum outcome o);
/*
 * Parse an outcome by row id ("C4.1", case-insensitive C) or by the row's
 * label without its number (本机关不掌握相关政府信息), with or without the
 * printed number ("1.本机关不掌握相关政府信息"); the group labels 予以公开 and
 * 部分公开 name C1 and C2. Returns false for anything else.
 */
bool outcome_parse(struct str s, enum outcome *out);

const char *appeal_kind_name(enum appeal_kind k); /* "行政复议", "行政诉讼", "复议后诉讼" */
bool appeal_kind_parse(struct str s, enum appeal_kind *out);
const char *appeal_result_name(enum appeal_result r); /* "尚未审结", "维持", … */
/* Parse 维持 | 纠正 | 其他 (and the English ids); "" is not accepted here. */
bool appeal_result_parse(struct str s, enum appeal_result *out);

#endif
