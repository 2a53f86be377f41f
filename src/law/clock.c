#include "law/clock.h"

#include <stdlib.h>

#include "base/banned.h"

static const struct {
	const char *name;
	const char *id;
} channels[CLOCK_CHANNEL_COUNT] = {
	[CLOCK_CHANNEL_IN_PERSON] = {"当面", "in_person"},
	[CLOCK_CHANNEL_POST] = {"邮寄", "post"},
	[CLOCK_CHANNEL_LETTER] = {"平常信函", "letter"},
	[CLOCK_CHANNEL_ONLINE] = {"网络", "online"},
	[CLOCK_CHANNEL_FAX] = {"传真", "fax"},
};

const char *clock_channel_name(enum clock_channel channel)
{
	return channels[channel].name;
}

const char *clock_channel_id(enum clock_channel channel)
{
	return channels[channel].id;
}

bool clock_channel_parse(struct str s, enum clock_channel *out)
{
	for (int c = 0; c < CLOCK_CHANNEL_COUNT; c++) {
		if (str_eq_cstr(s, channels[c].name) || str_eq_cstr(s, channels[c].id)) {
			*out = (enum clock_channel)c;
			return true;
		}
	}
	/* 条例第三十一条（三） says 互联网渠道; accept the article's own word. */
	if (str_eq_cstr(s, "互联网")) {
		*out = CLOCK_CHANNEL_ONLINE;
		return true;
	}
	return false;
}

enum gk_err clock_received_date(const struct clock_receipt *r, gk_date *out, const char **rule,
				struct gk_errmsg *m)
{
	const char *why;

	switch (r->channel) {
	case CLOCK_CHANNEL_IN_PERSON:
		if (!r->has_submitted)
			return gk_errf(m, GK_EINVAL, "当面提交 needs the submitted date (提交之日)");
		*out = r->submitted;
		why = "第三十一条（一）：当面提交的，以提交之日为收到申请之日";
		break;
	case CLOCK_CHANNEL_POST:
		if (!r->has_signed)
			return gk_errf(m, GK_EINVAL, "邮寄 needs the date the agency signed for it (签收之日)");
		*out = r->signed_for;
		why = "第三十一条（二）：以邮寄方式提交的，以行政机关签收之日为收到申请之日";
		break;
	case CLOCK_CHANNEL_LETTER:
		if (!r->has_confirmed)
			return gk_errf(m, GK_EINVAL, "平常信函 needs the date receipt was confirmed with the applicant (确认之日)");
		*out = r->confirmed;
		why = "第三十一条（二）：以平常信函等无需签收的方式提交的，确认之日为收到申请之日";
		break;
	case CLOCK_CHANNEL_ONLINE:
	case CLOCK_CHANNEL_FAX:
		if (!r->has_confirmed)
			return gk_errf(m, GK_EINVAL, "%s needs the date both sides confirmed (双方确认之日)",
				       channels[r->channel].name);
		*out = r->confirmed;
		why = "第三十一条（三）：通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日";
		break;
	default:
		return gk_errf(m, GK_EINVAL, "unknown channel");
	}
	if (rule)
		*rule = why;
	return GK_OK;
}

bool clock_pause_parse(struct str s, enum clock_pause_kind kind, struct clock_pause *out)
{
	struct str from = s, to = {NULL, 0};

	for (size_t i = 0; i + 1 < s.len; i++) {
		if (s.ptr[i] == '.' && s.ptr[i + 1] == '.') {
			from = (struct str){s.ptr, i};
			to = str_from(s, i + 2);
			break;
		}
	}
	if (!to.ptr)
		return false;
	*out = (struct clock_pause){.kind = kind, .open = to.len == 0};
	if (!date_parse(from, &out->from))
		return false;
	return out->open || date_parse(to, &out->to);
}

static int compare_pauses(const void *a, const void *b)
{
	const struct clock_pause *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

/* Sort a copy of the pauses into sorted[] (CLOCK_MAX_PAUSES long). */
static void sorted_pauses(const struct clock_input *in, struct clock_pause *sorted)
{
	for (size_t i = 0; i < in->n_pauses; i++)
		sorted[i] = in->pauses[i];
	qsort(sorted, in->n_pauses, sizeof(*sorted), compare_pauses);
}

static enum gk_err fail(enum clock_field *field, enum clock_field which)
{
	if (field)
		*field = which;
	return GK_EINVAL;
}

enum gk_err clock_validate(const struct clock_input *in, enum clock_field *field,
			   struct gk_errmsg *m)
{
	struct clock_pause p[CLOCK_MAX_PAUSES];
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

	if (!calendar_in_range(in->received)) {
		gk_errf(m, GK_ERANGE, "%s is outside the calendar's range %d-%d",
			date_format(in->received, a), CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR);
		return fail(field, CLOCK_FIELD_RECEIVED);
	}
	if (in->has_corrected &&
	    (in->corrected < in->received || !calendar_in_range(in->corrected))) {
		gk_errf(m, GK_EINVAL,
			"%s is before the received date %s; the corrected application (补正) "
			"can only arrive on or after it",
			date_format(in->corrected, a), date_format(in->received, b));
		return fail(field, CLOCK_FIELD_CORRECTED);
	}
	if (in->extension_days < 0 || in->extension_days > CLOCK_MAX_EXTENSION_DAYS) {
		gk_errf(m, GK_EINVAL, "%d days is not allowed; an extension is 1 to %d working days "
			"(第三十三条第二款)", in->extension_days, CLOCK_MAX_EXTENSION_DAYS);
		return fail(field, CLOCK_FIELD_EXTENSION);
	}
	if (in->has_fee_notice &&
	    (in->fee_notice < in->received || !calendar_in_range(in->fee_notice))) {
		gk_errf(m, GK_EINVAL, "%s is before the received date %s",
			date_format(in->fee_notice, a), date_format(in->received, b));
		return fail(field, CLOCK_FIELD_FEE_NOTICE);
	}
	if (in->has_today && (in->today < in->received || !calendar_in_range(in->today))) {
		gk_errf(m, GK_EINVAL, "%s is before the received date %s",
			date_format(in->today, a), date_format(in->received, b));
		return fail(field, CLOCK_FIELD_TODAY);
	}
	if (in->n_pauses > CLOCK_MAX_PAUSES) {
		gk_errf(m, GK_EINVAL, "%zu consultation windows; at most %d are allowed",
			in->n_pauses, CLOCK_MAX_PAUSES);
		return fail(field, CLOCK_FIELD_PAUSE);
	}
	sorted_pauses(in, p);
	for (size_t i = 0; i < in->n_pauses; i++) {
		if (p[i].from < in->received || !calendar_in_range(p[i].from) ||
		    (!p[i].open && !calendar_in_range(p[i].to))) {
			gk_errf(m, GK_EINVAL, "window starting %s begins before the received date %s",
				date_format(p[i].from, a), date_format(in->received, b));
			return fail(field, CLOCK_FIELD_PAUSE);
		}
		if (p[i].open && i + 1 < in->n_pauses) {
			gk_errf(m, GK_EINVAL, "the open window from %s must be the last one; "
				"only one consultation can still be open",
				date_format(p[i].from, a));
			return fail(field, CLOCK_FIELD_PAUSE);
		}
		if (!p[i].open && p[i].to < p[i].from) {
			gk_errf(m, GK_EINVAL, "window %s..%s is inverted; the end must not be "
				"before the start", date_format(p[i].from, a),
				date_format(p[i].to, b));
			return fail(field, CLOCK_FIELD_PAUSE);
		}
		if (i > 0 && p[i].from < p[i - 1].to) {
			gk_errf(m, GK_EINVAL, "windows overlap: one ends %s, the next starts %s; "
				"merge them into one window", date_format(p[i - 1].to, a),
				date_format(p[i].from, b));
			return fail(field, CLOCK_FIELD_PAUSE);
		}
	}
	return GK_OK;
}

/* The end of a pause as the clock sees it: an open one runs until today. */
static gk_date pause_end(const struct clock_input *in, const struct clock_pause *p)
{
	if (!p->open)
		return p->to;
	return in->has_today && in->today > p->from ? in->today : p->from;
}

/* Working days d with a < d <= b that no pause excludes. */
static int counted_between(const struct calendar *cal, const struct clock_input *in,
			   const struct clock_pause *p, gk_date a, gk_date b)
{
	int n = calendar_working_days_between(cal, a, b);

	for (size_t i = 0; i < in->n_pauses; i++) {
		gk_date lo = p[i].from > a ? p[i].from : a;
		gk_date end = pause_end(in, &p[i]);
		gk_date hi = end < b ? end : b;
		if (hi > lo)
			n -= calendar_working_days_between(cal, lo, hi);
	}
	return n;
}

static enum gk_err out_of_range(struct gk_errmsg *m, const char *what)
{
	return gk_errf(m, GK_ERANGE, "the %s falls after %d-12-31, the end of the calendar",
		       what, CALENDAR_LAST_YEAR);
}

enum gk_err clock_compute(const struct calendar *cal, const struct clock_input *in,
			  struct clock_result *out, enum clock_field *field, struct gk_errmsg *m)
{
	struct clock_pause p[CLOCK_MAX_PAUSES];
	gk_date pos, last;
	int remaining;
	enum gk_err err = clock_validate(in, field, m);

	if (err)
		return err;
	sorted_pauses(in, p);
	*out = (struct clock_result){0};
	/* 第三十条: 答复期限自行政机关收到补正的申请之日起计算. */
	out->start = in->has_corrected ? in->corrected : in->received;
	out->limit_days = CLOCK_BASE_DAYS + in->extension_days;

	/* Walk the windows in order; each one pushes the due date by the
	 * working days it covers (第三十三条第三款). */
	pos = out->start;
	remaining = out->limit_days;
	for (size_t i = 0; i < in->n_pauses; i++) {
		gk_date end = pause_end(in, &p[i]);
		gk_date from = p[i].from > pos ? p[i].from : pos;
		int before;

		if (end <= pos)
			continue;
		before = calendar_working_days_between(cal, pos, from);
		if (before >= remaining)
			break;
		remaining -= before;
		out->excluded_days += calendar_working_days_between(cal, from, end);
		pos = end;
	}
	if (!calendar_add_working_days(cal, pos, remaining, &out->due))
		return out_of_range(m, "answer deadline");
	if (!calendar_add_working_days(cal, in->received, CLOCK_CORRECTION_NOTICE_DAYS,
				       &out->correction_notice_due))
		return out_of_range(m, "补正 notice deadline");
	last = out->due > out->correction_notice_due ? out->due : out->correction_notice_due;
	if (in->has_fee_notice) {
		/* 109号: 收到收费通知次日起20个工作日内缴纳. */
		if (!calendar_add_working_days(cal, in->fee_notice, CLOCK_FEE_PAYMENT_DAYS,
					       &out->fee_payment_due))
			return out_of_range(m, "fee payment deadline");
		if (out->fee_payment_due > last)
			last = out->fee_payment_due;
	}
	for (size_t i = 0; i < in->n_pauses; i++) {
		if (p[i].open)
			out->paused = true;
		else if (in->has_today && in->today > p[i].from && in->today <= p[i].to)
			out->paused = true;
	}
	if (in->has_today) {
		if (in->today > last)
			last = in->today;
		if (in->today < out->due) {
			gk_date from = in->today > out->start ? in->today : out->start;
			out->working_days_left = counted_between(cal, in, p, from, out->due);
		} else {
			out->working_days_left = -counted_between(cal, in, p, out->due, in->today);
		}
	}
	out->calendar_complete = true;
	for (int y = date_year(in->received + 1); y <= date_year(last); y++) {
		if (!calendar_year_is_official(cal, y)) {
			out->calendar_complete = false;
			out->unofficial_year = y;
			break;
		}
	}
	return GK_OK;
}

static const char *weekday_name(gk_date d)
{
	static const char *names[] = {"星期一", "星期二", "星期三", "星期四",
				      "星期五", "星期六", "星期日"};
	return names[date_weekday(d) - 1];
}

static const char *pause_label(enum clock_pause_kind kind)
{
	return kind == CLOCK_PAUSE_THIRD_PARTY ? "征求第三方意见（第三十二条）"
					       : "征求其他机关意见（第三十四条）";
}

/* One line per run of holiday or 调休 days inside (from, to]. */
static void explain_holidays(const struct calendar *cal, gk_date from, gk_date to,
			     struct buf *out)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];
	gk_date d = from + 1;

	while (d <= to) {
		struct calendar_day day = calendar_day(cal, d);
		gk_date end = d;

		if (day.kind == CALENDAR_DAY_PLAIN) {
			d++;
			continue;
		}
		if (day.kind == CALENDAR_DAY_WORK) {
			buf_printf(out, "%s（%s）%s调休上班，计为工作日（%s）\n",
				   date_format(d, a), weekday_name(d), day.name, day.notice);
			d++;
			continue;
		}
		while (end + 1 <= to) {
			if (!calendar_days_alike(day, calendar_day(cal, end + 1)))
				break;
			end++;
		}
		if (end == d)
			buf_printf(out, "%s（%s）%s放假，不是工作日（%s）\n", date_format(d, a),
				   weekday_name(d), day.name, day.notice);
		else
			buf_printf(out, "%s至%s %s放假，不是工作日（%s）\n", date_format(d, a),
				   date_format(end, b), day.name, day.notice);
		d = end + 1;
	}
}

void clock_explain(const struct calendar *cal, const struct clock_input *in,
		   const struct clock_result *res, struct buf *out)
{
	struct clock_pause p[CLOCK_MAX_PAUSES];
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

	sorted_pauses(in, p);
	buf_printf(out, "收到申请之日：%s（%s；第三十一条）\n", date_format(in->received, a),
		   weekday_name(in->received));
	buf_printf(out, "补正告知期限：%s，即收到申请之日后第%d个工作日（第三十条：自收到申请之日起"
		   "7个工作日内一次性告知）\n",
		   date_format(res->correction_notice_due, a), CLOCK_CORRECTION_NOTICE_DAYS);
	if (in->has_corrected)
		buf_printf(out, "收到补正后的申请：%s，答复期限自该日重新起算（第三十条）\n",
			   date_format(in->corrected, a));
	buf_printf(out, "起算：%s当日不计入，自次日%s起计算（民法典第二百零一条）\n",
		   date_format(res->start, a), date_format(res->start + 1, b));
	if (in->extension_days)
		buf_printf(out, "期限：20个工作日，经政府信息公开工作机构负责人同意延长%d个工作日，"
			   "共%d个工作日（第三十三条第二款）\n",
			   in->extension_days, res->limit_days);
	else
		buf_printf(out, "期限：20个工作日（第三十三条第二款）\n");
	explain_holidays(cal, res->start, res->due, out);
	for (size_t i = 0; i < in->n_pauses; i++) {
		gk_date end = pause_end(in, &p[i]);
		gk_date from = p[i].from > res->start ? p[i].from : res->start;

		if (end <= res->start) {
			buf_printf(out, "%s %s至%s：在起算之前结束，不影响期限\n",
				   pause_label(p[i].kind), date_format(p[i].from, a),
				   date_format(end, b));
		} else if (p[i].from >= res->due) {
			buf_printf(out, "%s %s起：在期限届满之后开始，不影响期限\n",
				   pause_label(p[i].kind), date_format(p[i].from, a));
		} else if (p[i].open) {
			buf_printf(out, "%s %s起尚未结束：期限暂停，其间%d个工作日暂不计入；"
				   "以下截止日按%s结束计算，结束后顺延（第三十三条第三款）\n",
				   pause_label(p[i].kind), date_format(p[i].from, a),
				   calendar_working_days_between(cal, from, end),
				   date_format(end, b));
		} else {
			buf_printf(out, "%s %s至%s：其间%d个工作日不计入答复期限（第三十三条第三款）\n",
				   pause_label(p[i].kind), date_format(p[i].from, a),
				   date_format(end, b), calendar_working_days_between(cal, from, end));
		}
	}
	buf_printf(out, "答复截止日：%s（%s），计入的第%d个工作日（第三十三条）\n",
		   date_format(res->due, a), weekday_name(res->due), res->limit_days);
	if (in->has_fee_notice)
		buf_printf(out, "缴费期限：%s，收费通知%s次日起20个工作日；逾期未缴纳视为放弃申请"
			   "（国办函〔2020〕109号）\n",
			   date_format(res->fee_payment_due, a), date_format(in->fee_notice, b));
	if (!res->calendar_complete)
		buf_printf(out, "注意：%d年的节假日安排尚未载入，该年按周一至周五计算；"
			   "国务院办公厅通知发布后结果可能改变\n",
			   res->unofficial_year);
	if (in->has_today) {
		if (res->paused)
			buf_printf(out, "截至%s：期限暂停中（征求意见期间）\n",
				   date_format(in->today, a));
		if (res->working_days_left >= 0)
			buf_printf(out, "截至%s：剩余%d个工作日\n", date_format(in->today, a),
				   res->working_days_left);
		else
			buf_printf(out, "截至%s：已超过答复期限%d个工作日\n",
				   date_format(in->today, a), -res->working_days_left);
	}
}
