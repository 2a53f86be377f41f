/*
 * report_workflow.h: the annual report (年度报告) as staff prepare it in the
 * back office — compile from the ledger, edit the text sections, enter the
 * figures of table 二 that come from other systems, check, publish.
 *
 * The compiler, the checker's rules and the freezing are
 * app/ledger_report.h; this module adds what the workflow decides:
 *
 *   - the dates of 条例第四十九条: a department's report (an agency on its
 *     own) by 31 January of the next year; the report of the 本级政府 (an
 *     agency with every agency under it, published by its 政府信息公开工作
 *     主管部门) by 31 March;
 *   - the report's status: 未编制 (nothing edited), 草稿 (a text section
 *     edited), 已发布 (frozen);
 *   - what blocks publication, as findings added to the rules' own: the
 *     year has not ended (the report is on the 上一年度, 第四十九条), a text
 *     section is empty or still holds the 待填写 placeholder (section 五 is
 *     the agency's own words: 第五十条第一款第四项). Any finding — an error
 *     or a warning of the rules (a blank cell of 二 is unknown, not zero) —
 *     blocks publication: a published report is frozen, and a wrong one
 *     cannot be taken back.
 *
 * Every change is audited (app/audit.h) in the transaction that makes it.
 */
#ifndef GK_APP_REPORT_WORKFLOW_H
#define GK_APP_REPORT_WORKFLOW_H

#include <stdbool.h>

#include "app/audit.h"
#include "app/ledger_report.h"
#include "base/date.h"
#include "base/err.h"
#include "store/store.h"

/* The first year reported in the format of the revised 条例 (国务院令第711号,
 * 施行 2019年5月15日; 国办公开办函〔2019〕60号). */
#define REPORT_FIRST_YEAR 2019
/* A text section, in bytes. */
#define REPORT_TEXT_MAX (256u << 10)

enum report_status {
	REPORT_NOT_STARTED, /* 未编制: nothing edited yet */
	REPORT_DRAFT,	    /* 草稿: a text section edited */
	REPORT_PUBLISHED,   /* 已发布: frozen */
};
const char *report_status_id(enum report_status s);   /* "not_started", "draft", "published" */
const char *report_status_name(enum report_status s); /* "未编制", "草稿", "已发布" */

/* 条例第四十九条: 31 January of year + 1, or 31 March for a region's report. */
gk_date report_due(int year, bool region);

/* The scope of the yearly report of an agency (region: with every agency under it). */
struct store_scope report_scope(int64_t agency_id, bool region, int year);

struct report_state {
	enum report_status status;
	gk_date due;
	bool edited[SECTION_COUNT]; /* staff saved the section's text */
	gk_date published_on;	    /* when published */
	char published_by[STORE_NAME_MAX + 1];
};
/* The state of the scope's report (a calendar year). */
enum gk_err report_state_get(struct store *st, const struct store_scope *sc,
			     struct report_state *out, struct gk_errmsg *m);

/*
 * The scope's report as the back office shows it (release *r in every
 * case): the published snapshot when frozen, else compiled live from the
 * ledger with the workflow's findings added to the rules' (r->findings:
 * every one of them blocks publication).
 */
enum gk_err report_workflow_load(struct store *st, const struct store_scope *sc, gk_date today,
				 struct ledger_report *r, struct gk_errmsg *m);

/*
 * Save a text section (1 一、总体情况, 5 五、存在的主要问题及改进情况,
 * 6 六、其他需要报告的事项), trailing white space dropped. GK_EINVAL for
 * another section number, an empty or too long text; GK_ECONFLICT when
 * the report is published.
 */
enum gk_err report_workflow_set_text(struct store *st, const struct store_scope *sc, int section,
				     const char *text, const struct audit_who *who,
				     struct gk_errmsg *m);

/*
 * Enter a figure of table 二 that comes from another system (行政许可,
 * 行政处罚, 行政强制 decisions, 行政事业性收费 …) for the scope's agency and
 * year: row and column ids of the year's layout (report/layout.h), value
 * as printed ("12", "7730.28"). GK_EINVAL naming what is wrong (a row of
 * the documents, which the ledger counts, an unknown row or column, a
 * value that is not what the column holds); GK_ECONFLICT when the report
 * is published. source (optional) says where the number comes from.
 */
enum gk_err report_workflow_set_figure(struct store *st, const struct store_scope *sc,
				       const char *row, const char *column, const char *value,
				       const char *source, const struct audit_who *who,
				       struct gk_errmsg *m);

/*
 * Publish: check and freeze in one write transaction, published by `by`
 * on `today`. GK_ECONFLICT when it is published already, or when the
 * check finds anything — then *r (released by the caller in every case)
 * holds the live report and its findings, and m says how many.
 */
enum gk_err report_workflow_publish(struct store *st, const struct store_scope *sc, const char *by,
				    gk_date today, const struct audit_who *who,
				    struct ledger_report *r, struct gk_errmsg *m);

#endif
