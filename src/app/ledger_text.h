/*
 * ledger_text.h: draft text of the annual report's free-text sections,
 * with the period's figures already written in.
 *
 * 条例第五十条 and the format notices (国办公开办函〔2021〕30号) ask for
 * 一、总体情况 (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障) in
 * words. Staff write most of it by hand, and the numbers they type drift
 * from the tables; the draft states every number the ledger knows, in the
 * same counting as the tables, so editing starts from text that agrees
 * with them. Staff replace the draft (store_report_text_set); the edited
 * text wins from then on.
 */
#ifndef GK_APP_LEDGER_TEXT_H
#define GK_APP_LEDGER_TEXT_H

#include "base/buf.h"
#include "base/date.h"
#include "store/store.h"

/* "2024年" for a calendar year, else "2024年1月1日至2024年3月31日". */
void ledger_text_period(gk_date from, gk_date to, struct buf *out);

/* Draft of 一、总体情况 for agency_name over [from, to], paragraphs
 * separated by blank lines, no heading. */
void ledger_text_overview(const char *agency_name, gk_date from, gk_date to,
			  const struct store_counts *c, struct buf *out);

/*
 * Draft of 六、其他需要报告的事项: the 信息处理费 of the period (国办函〔2020〕109号
 * notices sent, fees paid and their amount, or that none was charged),
 * which reports state there.
 */
void ledger_text_other(gk_date from, gk_date to, const struct store_counts *c, struct buf *out);

#endif
