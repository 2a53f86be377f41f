/*
 * fees.h: the 信息处理费 of 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号).
 *
 * Charging is the agency's discretion and only for requests whose 数量、频次
 * 明显超过合理范围 (条例第四十二条); these functions say how much when it
 * does. Both standards are 超额累进 (第三条: excess-progressive: each tier's
 * rate applies only to the part inside the tier), and one application is
 * charged under one standard only, never both.
 *
 *   按件 (第四条), per applicant per natural month, by the application's
 *   position in that month's count: 1-10 free; 11-30 100元 each; from 31 on,
 *   bands of 10, each band 100元 dearer (31-40 200元, 41-50 300元, ...).
 *   按量 (第五条), per application, by pages: 1-30 free; 31-100 10元/页;
 *   101-200 20元/页; from 201 40元/页.
 *
 * Amounts are whole yuan (long). Counts above FEES_MAX_COUNT are refused by
 * callers; the arithmetic below cannot overflow under that limit.
 */
#ifndef GK_FEES_H
#define GK_FEES_H

#include "base/buf.h"

#define FEES_MAX_COUNT 100000

/* The fee of the position-th application of an applicant's month (1-based). */
long fees_per_item_nth(long position);
/* The total for count applications in one month: the sum of the positions. */
long fees_per_item_total(long count);
/* The fee of one application of pages pages under 按量. */
long fees_by_pages(long pages);

/*
 * Append one line per tier used ("第11—30件：20件 × 100元 = 2000元") and a
 * total line, in Chinese, citing the article.
 */
void fees_explain_per_item(long count, struct buf *out);
void fees_explain_by_pages(long pages, struct buf *out);

#endif
