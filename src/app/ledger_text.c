/*
 * ledger_text.c: the draft of 一、总体情况. Numbers come from the same
 * struct store_counts as the tables, so the words and the tables agree.
 */
#include "app/ledger_text.h"

#include "law/art20.h"

#include "base/banned.h"

/* How the text names the period, the one before and the one after. */
struct period_words {
	const char *this, *prev, *next;
};

static const struct period_words year_words = {"本年度", "上年", "下年度"};
static const struct period_words range_words = {"本期", "上期", "下期"};

void ledger_text_period(gk_date from, gk_date to, struct buf *out)
{
	int fy, fm, fd, ty, tm, td;

	date_to_ymd(from, &fy, &fm, &fd);
	date_to_ymd(to, &ty, &tm, &td);
	if (date_is_calendar_year(from, to, NULL))
		buf_printf(out, "%d年", fy);
	else
		buf_printf(out, "%d年%d月%d日至%d年%d月%d日", fy, fm, fd, ty, tm, td);
}

static int64_t sum_types(const int64_t by_type[APPLICANT_TYPE_COUNT])
{
	int64_t n = 0;

	for (int t = 0; t < APPLICANT_TYPE_COUNT; t++)
		n += by_type[t];
	return n;
}

/* Applications closed with any outcome in [first, last]. */
static int64_t closed_between(const struct store_counts *c, enum outcome first, enum outcome last)
{
	int64_t n = 0;

	for (int o = (int)first; o <= (int)last; o++)
		n += sum_types(c->closed[o]);
	return n;
}

static void proactive(const struct store_counts *c, const struct period_words *w,
		      struct buf *out)
{
	const char *sep = "，其中";

	buf_printf(out, "（一）主动公开。本机关主动公开政府信息%lld条",
		   (long long)c->published_total);
	for (int i = 1; i <= STORE_ART20_ITEMS; i++)
		if (c->published_by_category[i]) {
			buf_printf(out, "%s%s%lld条", sep, art20_label(i),
				   (long long)c->published_by_category[i]);
			sep = "、";
		}
	if (c->published_by_category[0])
		buf_printf(out, "%s其他主题分类信息%lld条", sep,
			   (long long)c->published_by_category[0]);
	buf_printf(out, "。%s制发规章%lld件、行政规范性文件%lld件，废止规章%lld件、"
			"行政规范性文件%lld件；现行有效规章%lld件、行政规范性文件%lld件。\n\n",
		   w->this, (long long)c->documents[DOC_KIND_RULE].made,
		   (long long)c->documents[DOC_KIND_NORMATIVE].made,
		   (long long)c->documents[DOC_KIND_RULE].repealed,
		   (long long)c->documents[DOC_KIND_NORMATIVE].repealed,
		   (long long)c->documents[DOC_KIND_RULE].in_force,
		   (long long)c->documents[DOC_KIND_NORMATIVE].in_force);
}

/* The group totals of table 三, in the words of its rows. */
static void on_request(const struct store_counts *c, const struct period_words *w,
		       struct buf *out)
{
	buf_printf(out,
		   "（二）依申请公开。%s新收政府信息公开申请%lld件，%s结转%lld件；"
		   "办结%lld件，其中予以公开%lld件，部分公开%lld件，不予公开%lld件，"
		   "无法提供%lld件，不予处理%lld件，其他处理%lld件；"
		   "结转%s继续办理%lld件。\n\n",
		   w->this, (long long)sum_types(c->received), w->prev,
		   (long long)sum_types(c->carried_in),
		   (long long)closed_between(c, OUTCOME_C1, OUTCOME_C6),
		   (long long)closed_between(c, OUTCOME_C1, OUTCOME_C1),
		   (long long)closed_between(c, OUTCOME_C2, OUTCOME_C2),
		   (long long)closed_between(c, OUTCOME_C3_1, OUTCOME_C3_8),
		   (long long)closed_between(c, OUTCOME_C4_1, OUTCOME_C4_3),
		   (long long)closed_between(c, OUTCOME_C5_1, OUTCOME_C5_5),
		   (long long)closed_between(c, OUTCOME_C6_1, OUTCOME_C6), w->next,
		   (long long)sum_types(c->carried_out));
}

static int64_t appeals_of(const struct store_counts *c, enum appeal_kind k)
{
	int64_t n = 0;

	for (int r = 0; r < APPEAL_RESULT_COUNT; r++)
		n += c->appeals[k][r];
	return n;
}

static void oversight(const struct store_counts *c, const struct period_words *w,
		      struct buf *out)
{
	buf_printf(out,
		   "（三）监督保障。%s收到政府信息公开工作投诉%lld件，办结%lld件。"
		   "涉及政府信息公开的行政复议%lld件，未经复议直接起诉的行政诉讼%lld件，"
		   "复议后起诉的行政诉讼%lld件（均含%s未审结案件）。\n",
		   w->this, (long long)c->complaints_received, (long long)c->complaints_closed,
		   (long long)appeals_of(c, APPEAL_KIND_REVIEW),
		   (long long)appeals_of(c, APPEAL_KIND_LAWSUIT),
		   (long long)appeals_of(c, APPEAL_KIND_LAWSUIT_AFTER_REVIEW), w->prev);
}

void ledger_text_overview(const char *agency_name, gk_date from, gk_date to,
			  const struct store_counts *c, struct buf *out)
{
	const struct period_words *w =
		date_is_calendar_year(from, to, NULL) ? &year_words : &range_words;

	ledger_text_period(from, to, out);
	buf_printf(out, "，%s认真贯彻落实《中华人民共和国政府信息公开条例》，"
			"坚持以公开为常态、不公开为例外，依法做好政府信息公开工作。\n\n",
		   agency_name);
	proactive(c, w, out);
	on_request(c, w, out);
	oversight(c, w, out);
}

void ledger_text_other(gk_date from, gk_date to, const struct store_counts *c, struct buf *out)
{
	const struct period_words *w =
		date_is_calendar_year(from, to, NULL) ? &year_words : &range_words;
	long long yuan = (long long)(c->fees_paid_fen / 100), fen = (long long)(c->fees_paid_fen % 100);

	if (!c->fee_notices && !c->fees_paid) {
		buf_printf(out, "%s未收取信息处理费。\n", w->this);
		return;
	}
	buf_printf(out,
		   "%s依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）发出收费通知%lld件，"
		   "申请人缴纳信息处理费%lld件，共计",
		   w->this, (long long)c->fee_notices, (long long)c->fees_paid);
	if (fen)
		buf_printf(out, "%lld.%02lld元。\n", yuan, fen);
	else
		buf_printf(out, "%lld元。\n", yuan);
}
