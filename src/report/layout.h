/*
 * layout.h: the two layouts of the annual report tables, as data.
 *
 * 条例第五十条 lets the national office fix one format for the yearly
 * 政府信息公开工作年度报告. Two versions exist:
 *   2019: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号,
 *         used for the reports on 2019 and 2020;
 *   2021: 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号,
 *         used for the reports on 2021 onward.
 * Both have the same three tables:
 *   二 主动公开政府信息情况 (disclosure: blocks per 条例第二十条 item),
 *   三 收到和处理政府信息公开申请情况 (requests: rows A…D × 7 applicant columns),
 *   四 政府信息公开行政复议、行政诉讼情况 (appeals: 3 rows × 5 columns).
 *
 * Everything that differs between the versions lives in static tables in
 * layout.c (rows, printed labels, columns, groups); readers, rules and
 * writers walk those tables and never test "is this 2019?" themselves.
 *
 * Row and column ids are stable machine names (used in JSON output and on
 * the command line). Table 三 row ids are those of legal-facts §1.6 (A, B,
 * C1, C3.1, …, D). Every row of every table has one enum value that is the
 * same in both layouts, so a struct sheet can store cells of either layout
 * at fixed positions (see sheet.h).
 *
 * All strings and tables returned here are static: never free them.
 */
#ifndef GK_REPORT_LAYOUT_H
#define GK_REPORT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"

enum layout_id {
	LAYOUT_2019, /* 国办公开办函〔2019〕60号 (试行) */
	LAYOUT_2021, /* 国办公开办函〔2021〕30号 */
	LAYOUT_COUNT
};

/* The three tables of a report, by their printed section numbers. */
enum report_table {
	TABLE_DISCLOSURE, /* 二、主动公开政府信息情况 */
	TABLE_REQUESTS,	  /* 三、收到和处理政府信息公开申请情况 */
	TABLE_APPEALS,	  /* 四、政府信息公开行政复议、行政诉讼情况 */
	TABLE_COUNT
};

/* --- Table 三 -------------------------------------------------------- */

/*
 * Every row of table 三 in either layout, in printed order. Group headers
 * (C, C3, C4, C5; C6 in 2021) carry no numbers; C6 is a data row in 2019.
 */
enum req_row {
	REQ_A,
	REQ_B,
	REQ_C,
	REQ_C1,
	REQ_C2,
	REQ_C3,
	REQ_C3_1,
	REQ_C3_2,
	REQ_C3_3,
	REQ_C3_4,
	REQ_C3_5,
	REQ_C3_6,
	REQ_C3_7,
	REQ_C3_8,
	REQ_C4,
	REQ_C4_1,
	REQ_C4_2,
	REQ_C4_3,
	REQ_C5,
	REQ_C5_1,
	REQ_C5_2,
	REQ_C5_3,
	REQ_C5_4,
	REQ_C5_5,
	REQ_C6,
	REQ_C6_1,
	REQ_C6_2,
	REQ_C6_3,
	REQ_C7,
	REQ_D,
	REQ_ROW_COUNT
};

/* The 7 applicant columns of table 三 (same in both layouts). */
enum req_col {
	REQ_NATURAL_PERSON,  /* 自然人 */
	REQ_BUSINESS,	     /* 商业企业 */
	REQ_RESEARCH,	     /* 科研机构 */
	REQ_PUBLIC_INTEREST, /* 社会公益组织 */
	REQ_LEGAL_SERVICE,   /* 法律服务机构 */
	REQ_OTHER,	     /* 其他 */
	REQ_TOTAL,	     /* 总计 */
	REQ_COL_COUNT
};

/* --- Table 四 -------------------------------------------------------- */

enum appeal_row {
	APPEAL_REVIEW,		      /* 行政复议 */
	APPEAL_LAWSUIT,		      /* 行政诉讼 · 未经复议直接起诉 */
	APPEAL_LAWSUIT_AFTER_REVIEW, /* 行政诉讼 · 复议后起诉 */
	APPEAL_ROW_COUNT
};

enum appeal_col {
	APPEAL_UPHELD,	  /* 结果维持 */
	APPEAL_CORRECTED, /* 结果纠正 */
	APPEAL_OTHER,	  /* 其他结果 */
	APPEAL_PENDING,	  /* 尚未审结 */
	APPEAL_TOTAL,	  /* 总计 */
	APPEAL_COL_COUNT
};

/* --- Table 二 -------------------------------------------------------- */

/*
 * Every row of table 二 in either layout. 规范性文件 (2019) and
 * 行政规范性文件 (2021) are the same row; 其他对外管理服务事项 and
 * 政府集中采购 exist only in 2019.
 */
enum disc_row {
	DISC_RULES,	    /* 规章 */
	DISC_NORMATIVE,	    /* 规范性文件 / 行政规范性文件 */
	DISC_LICENSING,	    /* 行政许可 */
	DISC_OTHER_SERVICE, /* 其他对外管理服务事项 (2019) */
	DISC_PENALTY,	    /* 行政处罚 */
	DISC_ENFORCEMENT,   /* 行政强制 */
	DISC_FEES,	    /* 行政事业性收费 */
	DISC_PROCUREMENT,   /* 政府集中采购 (2019) */
	DISC_ROW_COUNT
};

/* The widest block of table 二 has 3 value columns. */
#define DISC_COL_MAX 3

/* What a table cell may hold; drives parsing (sheet_parse_number). */
enum value_kind {
	VALUE_COUNT,  /* a whole number ≥ 0 (件, 个) */
	VALUE_SIGNED, /* a whole number, may be negative (2019 本年增/减) */
	VALUE_AMOUNT  /* a decimal ≥ 0 (2021 本年收费金额 in 万元, 2019 采购总金额) */
};

struct layout_column {
	const char *id;	   /* stable machine name, e.g. "in_force" */
	const char *label; /* verbatim printed header, e.g. "现行有效件数" */
	enum value_kind kind;
};

/* One block of table 二, titled by the item of 条例第二十条 it reports. */
struct layout_block {
	const char *id;	   /* e.g. "art20_1" */
	const char *title; /* e.g. "第二十条第（一）项" */
	const struct layout_column *columns;
	size_t n_columns;
};

struct layout_disc_row {
	enum disc_row row;
	const char *id;	   /* e.g. "normative" */
	const char *label; /* verbatim, e.g. "行政规范性文件" */
	const struct layout_block *block;
};

/* --- Table 三 and 四 row descriptors ----------------------------------- */

enum layout_row_kind {
	LAYOUT_ROW_DATA, /* holds 7 (三) or 5 (四) numbers */
	LAYOUT_ROW_GROUP /* printed header of a group, no numbers */
};

struct layout_row {
	enum req_row row;
	const char *id;	   /* legal-facts §1.6 id: "A", "C3.1", "C7", … */
	const char *label; /* verbatim printed label, full-width punctuation */
	enum layout_row_kind kind;
	/*
	 * True for the data rows that (七)总计 adds up (legal-facts §1.9 rule 2):
	 * C1, C2, C3.x, C4.x, C5.x and C6 (2019) or C6.x (2021).
	 */
	bool in_total;
	/* Nesting depth of the label: 0 for A/B/C/D, 1 for C1…C7, 2 for C3.1… */
	int depth;
};

struct layout_appeal_row {
	enum appeal_row row;
	const char *id;	   /* "review", "lawsuit", "lawsuit_after_review" */
	const char *label; /* "行政复议", "未经复议直接起诉", "复议后起诉" */
};

/* One layout: every table as rows in printed order. */
struct layout {
	enum layout_id id;
	const char *name;   /* "2019" or "2021" */
	const char *source; /* the notice that issued it */
	const struct layout_row *requests; /* table 三, groups included */
	size_t n_requests;
	const struct layout_disc_row *disclosure; /* table 二, data rows */
	size_t n_disclosure;
	const struct layout_block *blocks; /* table 二 blocks, printed order */
	size_t n_blocks;
};

/* The layout with this id; never NULL for a valid id. */
const struct layout *layout_get(enum layout_id id);

/*
 * The layout used for the report on `year` (legal-facts §1.10): year ≤ 2020
 * → 2019 layout, year ≥ 2021 → 2021 layout. NULL when year is 0 (unknown).
 */
const struct layout *layout_for_year(int year);

/* The layout named "2019" or "2021"; NULL for anything else. */
const struct layout *layout_by_name(struct str name);

/*
 * The descriptor of table 三 row `row` in layout l, or NULL when that row is
 * not part of l (e.g. REQ_C6_1 in the 2019 layout).
 */
const struct layout_row *layout_request_row(const struct layout *l, enum req_row row);

/* Same, looked up by id ("C3.1"). NULL when l has no row of that id. */
const struct layout_row *layout_request_row_by_id(const struct layout *l, struct str id);

/* Id and verbatim label of a table 三 row in l; NULL when not part of l. */
const char *layout_request_label(const struct layout *l, enum req_row row);

/* Id of a table 三 row independent of layout ("C6" for REQ_C6). Never NULL. */
const char *layout_request_id(enum req_row row);

/* Table 三 columns (same in both layouts): id ("natural_person") and label. */
const struct layout_column *layout_request_column(enum req_col col);
/* Column by id; returns REQ_COL_COUNT when unknown. */
enum req_col layout_request_column_by_id(struct str id);

/* Table 四 rows and columns (same in both layouts). */
const struct layout_appeal_row *layout_appeal_row(enum appeal_row row);
/* Row by id; returns APPEAL_ROW_COUNT when unknown. */
enum appeal_row layout_appeal_row_by_id(struct str id);
const struct layout_column *layout_appeal_column(enum appeal_col col);

/* The descriptor of table 二 row `row` in l, or NULL when not part of l. */
const struct layout_disc_row *layout_disclosure_row(const struct layout *l, enum disc_row row);
/* Same, by id ("fees"). */
const struct layout_disc_row *layout_disclosure_row_by_id(const struct layout *l, struct str id);

/*
 * The column descriptor (id, label, value kind) of any cell: for tables 三
 * and 四 l may be NULL; for table 二 col is the position within the row's
 * block and l must be the layout. NULL when (row, col) is not part of it.
 */
const struct layout_column *layout_column(const struct layout *l, enum report_table t, int row,
					  int col);

/* Chinese name of a table ("二", "三", "四") for messages. */
const char *layout_table_name(enum report_table t);

#endif
