#include "report/layout.h"

#include "base/banned.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Table 三 rows, verbatim as printed (legal-facts §1.6; full-width
 * punctuation and the curly quotes of “三安全一稳定” are part of the label).
 * The two layouts differ only in （六）其他处理: a data row in 2019, a group
 * of three rows in 2021 (国办公开办函〔2021〕30号).
 */
#define ROW(r, id, label, kind, in_total, depth) {r, id, label, kind, in_total, depth}
#define DATA(r, id, label, depth) ROW(r, id, label, LAYOUT_ROW_DATA, false, depth)
#define RESULT(r, id, label, depth) ROW(r, id, label, LAYOUT_ROW_DATA, true, depth)
#define GROUP(r, id, label, depth) ROW(r, id, label, LAYOUT_ROW_GROUP, false, depth)

#define REQUEST_ROWS_BEFORE_C6                                                                    \
	DATA(REQ_A, "A", "一、本年新收政府信息公开申请数量", 0),                                  \
	    DATA(REQ_B, "B", "二、上年结转政府信息公开申请数量", 0),                              \
	    GROUP(REQ_C, "C", "三、本年度办理结果", 0),                                           \
	    RESULT(REQ_C1, "C1", "（一）予以公开", 1),                                            \
	    RESULT(REQ_C2, "C2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1), \
	    GROUP(REQ_C3, "C3", "（三）不予公开", 1),                                             \
	    RESULT(REQ_C3_1, "C3.1", "1.属于国家秘密", 2),                                        \
	    RESULT(REQ_C3_2, "C3.2", "2.其他法律行政法规禁止公开", 2),                            \
	    RESULT(REQ_C3_3, "C3.3", "3.危及“三安全一稳定”", 2),                                  \
	    RESULT(REQ_C3_4, "C3.4", "4.保护第三方合法权益", 2),                                  \
	    RESULT(REQ_C3_5, "C3.5", "5.属于三类内部事务信息", 2),                                \
	    RESULT(REQ_C3_6, "C3.6", "6.属于四类过程性信息", 2),                                  \
	    RESULT(REQ_C3_7, "C3.7", "7.属于行政执法案卷", 2),                                    \
	    RESULT(REQ_C3_8, "C3.8", "8.属于行政查询事项", 2),                                    \
	    GROUP(REQ_C4, "C4", "（四）无法提供", 1),                                             \
	    RESULT(REQ_C4_1, "C4.1", "1.本机关不掌握相关政府信息", 2),                            \
	    RESULT(REQ_C4_2, "C4.2", "2.没有现成信息需要另行制作", 2),                            \
	    RESULT(REQ_C4_3, "C4.3", "3.补正后申请内容仍不明确", 2),                              \
	    GROUP(REQ_C5, "C5", "（五）不予处理", 1),                                             \
	    RESULT(REQ_C5_1, "C5.1", "1.信访举报投诉类申请", 2),                                  \
	    RESULT(REQ_C5_2, "C5.2", "2.重复申请", 2),                                            \
	    RESULT(REQ_C5_3, "C5.3", "3.要求提供公开出版物", 2),                                  \
	    RESULT(REQ_C5_4, "C5.4", "4.无正当理由大量反复申请", 2),                              \
	    RESULT(REQ_C5_5, "C5.5", "5.要求行政机关确认或重新出具已获取信息", 2)

#define REQUEST_ROWS_AFTER_C6                                                                     \
	DATA(REQ_C7, "C7", "（七）总计", 1), DATA(REQ_D, "D", "四、结转下年度继续办理", 0)

static const struct layout_row requests_2019[] = {
	REQUEST_ROWS_BEFORE_C6,
	RESULT(REQ_C6, "C6", "（六）其他处理", 1),
	REQUEST_ROWS_AFTER_C6,
};

static const struct layout_row requests_2021[] = {
	REQUEST_ROWS_BEFORE_C6,
	GROUP(REQ_C6, "C6", "（六）其他处理", 1),
	/* The separator after 逾期不补正 is “、” in agencies' reports (§1.6). */
	RESULT(REQ_C6_1, "C6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2),
	RESULT(REQ_C6_2, "C6.2",
	       "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2),
	RESULT(REQ_C6_3, "C6.3", "3.其他", 2),
	REQUEST_ROWS_AFTER_C6,
};

/* Table 三 header (legal-facts §1.6): 自然人, 法人或其他组织 (5), 总计. */
static const struct layout_column request_columns[REQ_COL_COUNT] = {
	[REQ_NATURAL_PERSON] = {"natural_person", "自然人", VALUE_COUNT},
	[REQ_BUSINESS] = {"business", "商业企业", VALUE_COUNT},
	[REQ_RESEARCH] = {"research", "科研机构", VALUE_COUNT},
	[REQ_PUBLIC_INTEREST] = {"public_interest", "社会公益组织", VALUE_COUNT},
	[REQ_LEGAL_SERVICE] = {"legal_service", "法律服务机构", VALUE_COUNT},
	[REQ_OTHER] = {"other", "其他", VALUE_COUNT},
	[REQ_TOTAL] = {"total", "总计", VALUE_COUNT},
};

/* Table 四 (legal-facts §1.7): unchanged between the layouts. */
static const struct layout_appeal_row appeal_rows[APPEAL_ROW_COUNT] = {
	[APPEAL_REVIEW] = {APPEAL_REVIEW, "review", "行政复议"},
	[APPEAL_LAWSUIT] = {APPEAL_LAWSUIT, "lawsuit", "未经复议直接起诉"},
	[APPEAL_LAWSUIT_AFTER_REVIEW] = {APPEAL_LAWSUIT_AFTER_REVIEW, "lawsuit_after_review",
					 "复议后起诉"},
};

static const struct layout_column appeal_columns[APPEAL_COL_COUNT] = {
	[APPEAL_UPHELD] = {"upheld", "结果维持", VALUE_COUNT},
	[APPEAL_CORRECTED] = {"corrected", "结果纠正", VALUE_COUNT},
	[APPEAL_OTHER] = {"other", "其他结果", VALUE_COUNT},
	[APPEAL_PENDING] = {"pending", "尚未审结", VALUE_COUNT},
	[APPEAL_TOTAL] = {"total", "总计", VALUE_COUNT},
};

/* Table 二, 2019 layout (legal-facts §1.4): five blocks. */
static const struct layout_column cols_2019_art20_1[] = {
	{"made", "本年新制作数量", VALUE_COUNT},
	{"published", "本年新公开数量", VALUE_COUNT},
	{"total_public", "对外公开总数量", VALUE_COUNT},
};
/* 本年增/减 is signed: wendeng 2019 printed 716, -417, 298. */
static const struct layout_column cols_2019_items[] = {
	{"prev_items", "上一年项目数量", VALUE_COUNT},
	{"change", "本年增/减", VALUE_SIGNED},
	{"decisions", "处理决定数量", VALUE_COUNT},
};
/* No unit is printed for 采购总金额; Shanghai wrote “251000元”. */
static const struct layout_column cols_2019_art20_9[] = {
	{"items", "采购项目数量", VALUE_COUNT},
	{"amount", "采购总金额", VALUE_AMOUNT},
};

static const struct layout_block blocks_2019[] = {
	{"art20_1", "第二十条第（一）项", cols_2019_art20_1, COUNT_OF(cols_2019_art20_1)},
	{"art20_5", "第二十条第（五）项", cols_2019_items, COUNT_OF(cols_2019_items)},
	{"art20_6", "第二十条第（六）项", cols_2019_items, COUNT_OF(cols_2019_items)},
	/* （八） has no 处理决定数量 column: the first two columns only. */
	{"art20_8", "第二十条第（八）项", cols_2019_items, 2},
	{"art20_9", "第二十条第（九）项", cols_2019_art20_9, COUNT_OF(cols_2019_art20_9)},
};

static const struct layout_disc_row disclosure_2019[] = {
	{DISC_RULES, "rules", "规章", &blocks_2019[0]},
	{DISC_NORMATIVE, "normative", "规范性文件", &blocks_2019[0]},
	{DISC_LICENSING, "licensing", "行政许可", &blocks_2019[1]},
	{DISC_OTHER_SERVICE, "other_services", "其他对外管理服务事项", &blocks_2019[1]},
	{DISC_PENALTY, "penalty", "行政处罚", &blocks_2019[2]},
	{DISC_ENFORCEMENT, "enforcement", "行政强制", &blocks_2019[2]},
	{DISC_FEES, "fees", "行政事业性收费", &blocks_2019[3]},
	{DISC_PROCUREMENT, "procurement", "政府集中采购", &blocks_2019[4]},
};

/* Table 二, 2021 layout (legal-facts §1.5): four blocks, no （九）. */
static const struct layout_column cols_2021_art20_1[] = {
	{"issued", "本年制发件数", VALUE_COUNT},
	{"repealed", "本年废止件数", VALUE_COUNT},
	{"in_force", "现行有效件数", VALUE_COUNT},
};
static const struct layout_column cols_2021_decisions[] = {
	{"decisions", "本年处理决定数量", VALUE_COUNT},
};
/* The unit is 万元, so a decimal is legitimate (e.g. 7730.28). */
static const struct layout_column cols_2021_art20_8[] = {
	{"fee_amount", "本年收费金额（单位：万元）", VALUE_AMOUNT},
};

static const struct layout_block blocks_2021[] = {
	{"art20_1", "第二十条第（一）项", cols_2021_art20_1, COUNT_OF(cols_2021_art20_1)},
	{"art20_5", "第二十条第（五）项", cols_2021_decisions, COUNT_OF(cols_2021_decisions)},
	{"art20_6", "第二十条第（六）项", cols_2021_decisions, COUNT_OF(cols_2021_decisions)},
	{"art20_8", "第二十条第（八）项", cols_2021_art20_8, COUNT_OF(cols_2021_art20_8)},
};

static const struct layout_disc_row disclosure_2021[] = {
	{DISC_RULES, "rules", "规章", &blocks_2021[0]},
	{DISC_NORMATIVE, "normative", "行政规范性文件", &blocks_2021[0]},
	{DISC_LICENSING, "licensing", "行政许可", &blocks_2021[1]},
	{DISC_PENALTY, "penalty", "行政处罚", &blocks_2021[2]},
	{DISC_ENFORCEMENT, "enforcement", "行政强制", &blocks_2021[2]},
	{DISC_FEES, "fees", "行政事业性收费", &blocks_2021[3]},
};

static const struct layout layouts[LAYOUT_COUNT] = {
	[LAYOUT_2019] = {LAYOUT_2019, "2019", "国办公开办函〔2019〕60号", requests_2019,
			 COUNT_OF(requests_2019), disclosure_2019, COUNT_OF(disclosure_2019),
			 blocks_2019, COUNT_OF(blocks_2019)},
	[LAYOUT_2021] = {LAYOUT_2021, "2021", "国办公开办函〔2021〕30号", requests_2021,
			 COUNT_OF(requests_2021), disclosure_2021, COUNT_OF(disclosure_2021),
			 blocks_2021, COUNT_OF(blocks_2021)},
};

const struct layout *layout_get(enum layout_id id)
{
	if ((unsigned)id >= LAYOUT_COUNT)
		return NULL;
	return &layouts[id];
}

const struct layout *layout_for_year(int year)
{
	if (year <= 0)
		return NULL;
	/* The 2021 format was issued in September 2021; reports on 2020 still
	 * used the 2019 one (legal-facts §1.10). */
	return &layouts[year <= 2020 ? LAYOUT_2019 : LAYOUT_2021];
}

const struct layout *layout_by_name(struct str name)
{
	for (size_t i = 0; i < LAYOUT_COUNT; i++)
		if (str_eq_cstr(name, layouts[i].name))
			return &layouts[i];
	return NULL;
}

const struct layout_row *layout_request_row(const struct layout *l, enum req_row row)
{
	for (size_t i = 0; l && i < l->n_requests; i++)
		if (l->requests[i].row == row)
			return &l->requests[i];
	return NULL;
}

const struct layout_row *layout_request_row_by_id(const struct layout *l, struct str id)
{
	for (size_t i = 0; l && i < l->n_requests; i++)
		if (str_eq_cstr(id, l->requests[i].id))
			return &l->requests[i];
	return NULL;
}

const char *layout_request_label(const struct layout *l, enum req_row row)
{
	const struct layout_row *r = layout_request_row(l, row);

	return r ? r->label : NULL;
}

const char *layout_request_id(enum req_row row)
{
	/* The 2021 layout lists every row of either layout (C6 as a group). */
	const struct layout_row *r = layout_request_row(&layouts[LAYOUT_2021], row);

	return r ? r->id : "?";
}

const struct layout_column *layout_request_column(enum req_col col)
{
	if ((unsigned)col >= REQ_COL_COUNT)
		return NULL;
	return &request_columns[col];
}

enum req_col layout_request_column_by_id(struct str id)
{
	for (size_t i = 0; i < REQ_COL_COUNT; i++)
		if (str_eq_cstr(id, request_columns[i].id))
			return (enum req_col)i;
	return REQ_COL_COUNT;
}

const struct layout_appeal_row *layout_appeal_row(enum appeal_row row)
{
	if ((unsigned)row >= APPEAL_ROW_COUNT)
		return NULL;
	return &appeal_rows[row];
}

enum appeal_row layout_appeal_row_by_id(struct str id)
{
	for (size_t i = 0; i < APPEAL_ROW_COUNT; i++)
		if (str_eq_cstr(id, appeal_rows[i].id))
			return (enum appeal_row)i;
	return APPEAL_ROW_COUNT;
}

const struct layout_column *layout_appeal_column(enum appeal_col col)
{
	if ((unsigned)col >= APPEAL_COL_COUNT)
		return NULL;
	return &appeal_columns[col];
}

const struct layout_disc_row *layout_disclosure_row(const struct layout *l, enum disc_row row)
{
	for (size_t i = 0; l && i < l->n_disclosure; i++)
		if (l->disclosure[i].row == row)
			return &l->disclosure[i];
	return NULL;
}

const struct layout_disc_row *layout_disclosure_row_by_id(const struct layout *l, struct str id)
{
	for (size_t i = 0; l && i < l->n_disclosure; i++)
		if (str_eq_cstr(id, l->disclosure[i].id))
			return &l->disclosure[i];
	return NULL;
}

const struct layout_column *layout_column(const struct layout *l, enum report_table t, int row,
					  int col)
{
	const struct layout_disc_row *d;

	switch (t) {
	case TABLE_REQUESTS:
		if (row < 0 || row >= REQ_ROW_COUNT)
			return NULL;
		return layout_request_column((enum req_col)col);
	case TABLE_APPEALS:
		if (row < 0 || row >= APPEAL_ROW_COUNT)
			return NULL;
		return layout_appeal_column((enum appeal_col)col);
	case TABLE_DISCLOSURE:
		d = layout_disclosure_row(l, (enum disc_row)row);
		if (!d || col < 0 || (size_t)col >= d->block->n_columns)
			return NULL;
		return &d->block->columns[col];
	default:
		return NULL;
	}
}

const char *layout_table_name(enum report_table t)
{
	static const char *const names[TABLE_COUNT] = {
		[TABLE_DISCLOSURE] = "二",
		[TABLE_REQUESTS] = "三",
		[TABLE_APPEALS] = "四",
	};

	if ((unsigned)t >= TABLE_COUNT)
		return "?";
	return names[t];
}
