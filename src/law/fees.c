#include "law/fees.h"

#include "base/banned.h"

/* A tier: the units from first to last (0 = no end) cost rate each. */
struct tier {
	long first, last, rate;
};

/* 第五条 按量 tiers, in pages. */
static const struct tier page_tiers[] = {
	{1, 30, 0},
	{31, 100, 10},
	{101, 200, 20},
	{201, 0, 40},
};

long fees_per_item_nth(long position)
{
	/* 第四条: 10 free, 11-30 at 100, then 10 a band, +100 per band. */
	if (position <= 10)
		return 0;
	if (position <= 30)
		return 100;
	return 100 + 100 * ((position - 31) / 10 + 1);
}

long fees_per_item_total(long count)
{
	long total = 0;

	for (long k = 11; k <= count; k++)
		total += fees_per_item_nth(k);
	return total;
}

static long units_in(const struct tier *t, long n)
{
	long hi = t->last && t->last < n ? t->last : n;

	return hi >= t->first ? hi - t->first + 1 : 0;
}

long fees_by_pages(long pages)
{
	long total = 0;

	for (size_t i = 0; i < sizeof(page_tiers) / sizeof(page_tiers[0]); i++)
		total += units_in(&page_tiers[i], pages) * page_tiers[i].rate;
	return total;
}

static void explain_tier(struct buf *out, long first, long last, const char *unit, long n,
			 long rate)
{
	if (last)
		buf_printf(out, "第%ld—%ld%s：%ld%s × %ld元 = %ld元\n", first, last, unit, n, unit,
			   rate, n * rate);
	else
		buf_printf(out, "第%ld%s起：%ld%s × %ld元 = %ld元\n", first, unit, n, unit, rate,
			   n * rate);
}

void fees_explain_per_item(long count, struct buf *out)
{
	/* Bands as the article states them: 1-10, 11-30, then tens. */
	long first = 1;

	while (first <= count) {
		long last = first == 1 ? 10 : first == 11 ? 30 : first + 9;
		long n = (last < count ? last : count) - first + 1;
		explain_tier(out, first, last, "件", n, fees_per_item_nth(first));
		first = last + 1;
	}
	buf_printf(out, "本月第%ld件应收%ld元；本月累计%ld件合计%ld元（国办函〔2020〕109号第四条，按件计收，"
		   "超额累进）\n",
		   count, fees_per_item_nth(count), count, fees_per_item_total(count));
}

void fees_explain_by_pages(long pages, struct buf *out)
{
	for (size_t i = 0; i < sizeof(page_tiers) / sizeof(page_tiers[0]); i++) {
		long n = units_in(&page_tiers[i], pages);
		if (n)
			explain_tier(out, page_tiers[i].first, page_tiers[i].last, "页", n,
				     page_tiers[i].rate);
	}
	buf_printf(out, "%ld页合计%ld元（国办函〔2020〕109号第五条，按量计收，超额累进）\n", pages,
		   fees_by_pages(pages));
}
