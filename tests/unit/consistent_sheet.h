/*
 * consistent_sheet.h: a whole annual report built in code for the writer
 * and JSON reader tests — every cell filled, every identity of
 * legal-facts §1.9 holding (A + B = C7 + D per column, C7 = the result
 * rows, 总计 = the six applicant columns, table 四's 总计), and section
 * texts 一, 五 and 六 of the kind agencies write: full of numbers, dates,
 * list items and the names of the tables, which no reader may take for a
 * table row.
 */
#ifndef GK_TEST_CONSISTENT_SHEET_H
#define GK_TEST_CONSISTENT_SHEET_H

#include "base/str.h"
#include "report/sheet.h"

static const char consistent_overview[] =
    "\u3000\u30002023年，示例市人民政府办公室深入贯彻《中华人民共和国政府信息公开条例》"
    "（国务院令第711号），按照国办公开办函〔2021〕30号的要求编制本报告，所列数据的统计期限"
    "自2023年1月1日起至2023年12月31日止。\n"
    "\n"
    "（一）主动公开\n"
    "\n"
    "全年主动公开政府信息1,234条，其中规章0件、行政规范性文件5件，行政许可决定2,468件，"
    "行政处罚决定135件，行政事业性收费7730.28万元。\n"
    "\n"
    "（二）依申请公开\n"
    "\n"
    "本年度共收到政府信息公开申请35件，办结33件，结转下年度继续办理2件；其中予以公开20件，"
    "部分公开3件，不予公开2件，本机关不掌握相关政府信息8件。\n"
    "\n"
    "1. 规范答复文书，全年修订答复模板8个。\n"
    "2. 严格办理时限，平均办理时间为12个工作日，\n"
    "较上年缩短3个工作日。\n"
    "\n"
    "（三）政府信息管理\n"
    "\n"
    "清理现行有效行政规范性文件 25 件，废止 3 件，修改 2\n"
    "\n"
    "（四）平台建设\n"
    "\n"
    "政府网站全年发布信息 4521 条，政务新媒体发布 1,870 条，访问量 56.3 万人次。\n"
    "\n"
    "（五）监督保障\n"
    "\n"
    "本机关收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况按季度通报，"
    "全年因政府信息公开引起行政复议1件、行政诉讼0件，开展培训4次，考核18个部门。\n";

static const char consistent_problems[] =
    "一是主动公开的深度和广度还需拓展，2023年政策解读占比仅为45.6%；二是依申请公开答复质量"
    "有待提高，全年被行政复议纠错1件。\n"
    "\n"
    "- 改进措施：2024年计划开展培训3次，覆盖人员120人次；\n"
    "- 每季度抽查答复文书不少于10件。\n";

static const char consistent_other[] =
    "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定，本年度未收取信息"
    "处理费，收费金额为0元。\n"
    "\n"
    "全年办理人大代表建议 12 件、政协提案 15 件，办结率 100\n"
    "\n"
    "无。\n";

/* Table 三 of layout l: result rows, then C7, A, B, D and 总计 so that §1.9 holds. */
static inline void consistent_requests(struct sheet *s, const struct layout *l)
{
	for (int c = 0; c < REQ_TOTAL; c++) {
		int64_t c7 = 0, d = c % 3, b = (c + 1) % 2;

		for (size_t i = 0; i < l->n_requests; i++) {
			const struct layout_row *r = &l->requests[i];
			int64_t v = (r->row * 3 + c * 5) % 7;

			if (!r->in_total)
				continue;
			sheet_set_count(s, TABLE_REQUESTS, r->row, c, v, 0);
			c7 += v;
		}
		sheet_set_count(s, TABLE_REQUESTS, REQ_C7, c, c7, 0);
		sheet_set_count(s, TABLE_REQUESTS, REQ_D, c, d, 0);
		sheet_set_count(s, TABLE_REQUESTS, REQ_B, c, b, 0);
		/* A + B = C7 + D; b ≤ 1 ≤ c7 keeps A ≥ 0. */
		sheet_set_count(s, TABLE_REQUESTS, REQ_A, c, c7 + d - b, 0);
	}
	for (size_t i = 0; i < l->n_requests; i++) {
		const struct layout_row *r = &l->requests[i];
		int64_t total = 0;

		if (r->kind != LAYOUT_ROW_DATA)
			continue;
		for (int c = 0; c < REQ_TOTAL; c++)
			total += s->requests[r->row][c].num.mant;
		sheet_set_count(s, TABLE_REQUESTS, r->row, REQ_TOTAL, total, 0);
	}
}

/* A report of layout id (on 2020 or 2023) that the rules find nothing wrong with. */
static inline struct sheet *consistent_sheet(enum layout_id id)
{
	const struct layout *l = layout_get(id);
	struct sheet *s = sheet_new();

	assert_non_null(s);
	s->year = id == LAYOUT_2019 ? 2020 : 2023;
	s->layout = l;
	assert_int_equal(sheet_set_agency(s, STR_LIT("示例市人民政府办公室")), GK_OK);
	consistent_requests(s, l);
	for (int r = 0; r < APPEAL_ROW_COUNT; r++) {
		int64_t total = 0;

		for (int c = 0; c < APPEAL_TOTAL; c++) {
			sheet_set_count(s, TABLE_APPEALS, r, c, (r + c) % 3, 0);
			total += (r + c) % 3;
		}
		sheet_set_count(s, TABLE_APPEALS, r, APPEAL_TOTAL, total, 0);
	}
	for (size_t i = 0; i < l->n_disclosure; i++) {
		const struct layout_disc_row *d = &l->disclosure[i];

		for (size_t c = 0; c < d->block->n_columns; c++) {
			struct sheet_num n = sheet_num_int((int64_t)(i * 4 + c));

			if (d->block->columns[c].kind == VALUE_SIGNED)
				n.mant = -(int64_t)i; /* 本年增/减 */
			else if (d->block->columns[c].kind == VALUE_AMOUNT)
				n = (struct sheet_num){773028, 2}; /* 7730.28 万元 */
			sheet_set_number(s, TABLE_DISCLOSURE, d->row, (int)c, n, 0);
		}
	}
	assert_int_equal(sheet_set_section(s, SECTION_OVERVIEW, str_from_cstr(consistent_overview)),
			 GK_OK);
	assert_int_equal(sheet_set_section(s, SECTION_PROBLEMS, str_from_cstr(consistent_problems)),
			 GK_OK);
	assert_int_equal(sheet_set_section(s, SECTION_OTHER, str_from_cstr(consistent_other)),
			 GK_OK);
	return s;
}

#endif
