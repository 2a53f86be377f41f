/*
 * clock.h: the statutory clock of one disclosure application.
 *
 * From the dates of what happened (received, 补正, consultations, extension,
 * fee notice) it derives every deadline the 政府信息公开条例 sets, and
 * explains each date with the article it comes from:
 *
 *   - the answer is due 20 working days after the start (第三十三条第二款),
 *     40 when the head of the disclosure office approved an extension (at
 *     most 20 more, same paragraph);
 *   - the start is the received date (收到申请之日, 第三十一条), or the date
 *     the corrected application was received when 补正 was asked: the period
 *     then runs again from zero (第三十条);
 *   - counting begins the day after the start (民法典第二百零一条: 开始的当日
 *     不计入);
 *   - a working day d inside a consultation window A..B (A < d <= B) is not
 *     counted (第三十三条第三款; third party 第三十二条, other agency 第三十四条);
 *   - the 补正 notice is due on the 7th working day after receipt (第三十条);
 *   - a fee must be paid within 20 working days from the day after the fee
 *     notice (国办函〔2020〕109号).
 *
 * Whether the fee period also stops the answer clock is not settled by the
 * texts we could verify; gongkai does not pause it (docs/legal-rules.md).
 */
#ifndef GK_CLOCK_H
#define GK_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "law/calendar.h"

#define CLOCK_BASE_DAYS 20		/* 第三十三条第二款 */
#define CLOCK_MAX_EXTENSION_DAYS 20	/* 第三十三条第二款: 最长不得超过20个工作日 */
#define CLOCK_CORRECTION_NOTICE_DAYS 7	/* 第三十条 */
#define CLOCK_FEE_PAYMENT_DAYS 20	/* 国办函〔2020〕109号 */
#define CLOCK_MAX_PAUSES 64

/* How the application arrived; decides its received date (第三十一条). */
enum clock_channel {
	CLOCK_CHANNEL_IN_PERSON,	/* 当面: the day it was handed in */
	CLOCK_CHANNEL_POST,		/* 邮寄 (signed for): the day the agency signed */
	CLOCK_CHANNEL_LETTER,		/* 平常信函: the day receipt was confirmed */
	CLOCK_CHANNEL_ONLINE,		/* 互联网: the day both sides confirmed */
	CLOCK_CHANNEL_FAX,		/* 传真: the day both sides confirmed */
	CLOCK_CHANNEL_COUNT
};

/* The dates a channel may need; which one counts depends on the channel. */
struct clock_receipt {
	enum clock_channel channel;
	bool has_submitted, has_signed, has_confirmed;
	gk_date submitted;	/* 提交之日 */
	gk_date signed_for;	/* 签收之日 */
	gk_date confirmed;	/* 确认之日 */
};

/* Chinese name of a channel, e.g. "当面". */
const char *clock_channel_name(enum clock_channel channel);
/* Parse a channel by its Chinese name or its English id (in_person, post,
 * letter, online, fax). */
bool clock_channel_parse(struct str s, enum clock_channel *out);
/* The English id of a channel, e.g. "in_person". */
const char *clock_channel_id(enum clock_channel channel);

/*
 * The received date under 第三十一条. Fails with GK_EINVAL naming the date
 * the channel needs when it is missing. *rule (may be NULL) gets the
 * sentence of the article that applied.
 */
enum gk_err clock_received_date(const struct clock_receipt *r, gk_date *out, const char **rule,
				struct gk_errmsg *m);

enum clock_pause_kind {
	CLOCK_PAUSE_THIRD_PARTY,	/* 征求第三方意见, 第三十二条 */
	CLOCK_PAUSE_AGENCY,		/* 征求其他机关意见, 第三十四条 */
};

/* A consultation window: working days d with from < d <= to are not counted. */
struct clock_pause {
	gk_date from;
	gk_date to;		/* ignored while open */
	bool open;		/* not closed yet: runs to "today" */
	enum clock_pause_kind kind;
};

/*
 * Parse "A..B" (a closed window) or "A.." (one still open), dates as
 * YYYY-MM-DD, into *out. Returns false for anything else; the order of A and
 * B is checked by clock_validate(), not here.
 */
bool clock_pause_parse(struct str s, enum clock_pause_kind kind, struct clock_pause *out);

struct clock_input {
	gk_date received;
	bool has_corrected;
	gk_date corrected;	/* the corrected application was received */
	int extension_days;	/* 0, or 1..CLOCK_MAX_EXTENSION_DAYS once approved */
	const struct clock_pause *pauses;	/* any order */
	size_t n_pauses;
	bool has_fee_notice;
	gk_date fee_notice;
	bool has_today;
	gk_date today;
};

/* Which input a validation failure is about, so callers can name it. */
enum clock_field {
	CLOCK_FIELD_RECEIVED,
	CLOCK_FIELD_CORRECTED,
	CLOCK_FIELD_EXTENSION,
	CLOCK_FIELD_PAUSE,
	CLOCK_FIELD_FEE_NOTICE,
	CLOCK_FIELD_TODAY,
};

struct clock_result {
	gk_date start;			/* received, or corrected */
	int limit_days;			/* 20 or 20 + extension */
	gk_date due;			/* the last day to answer */
	gk_date correction_notice_due;	/* last day to ask for 补正 */
	gk_date fee_payment_due;	/* when has_fee_notice */
	int excluded_days;		/* working days not counted (consultations) */
	bool paused;			/* today lies inside a consultation, or one is open */
	bool calendar_complete;		/* every year involved has its notice loaded */
	int unofficial_year;		/* first year without a notice, 0 if none */
	int working_days_left;		/* when has_today; negative when overdue */
};

/*
 * Check that the input makes sense: corrected and pauses not before the
 * received date, pauses not inverted or overlapping, at most one open pause
 * and it is the last, an extension of 0..20 days, every date in the
 * calendar's range. On failure *field names the culprit and *m says why.
 */
enum gk_err clock_validate(const struct clock_input *in, enum clock_field *field,
			   struct gk_errmsg *m);

/*
 * Compute every deadline. Validates first (see clock_validate). GK_ERANGE
 * when a deadline falls outside the calendar's range. O(number of pauses).
 */
enum gk_err clock_compute(const struct calendar *cal, const struct clock_input *in,
			  struct clock_result *out, enum clock_field *field, struct gk_errmsg *m);

/*
 * Append the explanation of res to out, one line per fact ('\n'-terminated,
 * in Chinese, each citing its article): the start, the limit, every holiday,
 * 调休 day and consultation inside the period, the due date, the other
 * deadlines, and the state on "today".
 */
void clock_explain(const struct calendar *cal, const struct clock_input *in,
		   const struct clock_result *res, struct buf *out);

#endif
