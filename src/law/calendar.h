/*
 * calendar.h: Chinese working days, 调休 included.
 *
 * "工作日" is not defined in the 条例; practice (and gongkai) reads it as
 * Monday to Friday, minus the 放假 days of the State Council's yearly
 * holiday notice, plus the weekend days that notice declares working days
 * (调休上班). The notices are data (data/calendar/cn.tsv, built into the
 * binary); this module loads them and answers questions about days.
 *
 * After loading, every question is O(1): the calendar keeps, over the whole
 * supported range, the number of working days before each day and the date
 * of the k-th working day.
 *
 * Years without a loaded notice fall back to Monday-Friday; callers ask
 * calendar_year_is_official() and flag results that relied on a guess.
 */
#ifndef GK_CALENDAR_H
#define GK_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "base/str.h"

/* The range every calendar covers; dates outside it are refused. */
#define CALENDAR_FIRST_YEAR 2000
#define CALENDAR_LAST_YEAR 2099

enum calendar_day_kind {
	CALENDAR_DAY_PLAIN,	/* no line in the notices: Monday-Friday rule */
	CALENDAR_DAY_OFF,	/* 放假 */
	CALENDAR_DAY_WORK,	/* 调休上班: a weekend day declared a working day */
};

/* What the notices say about one date (strings owned by the calendar). */
struct calendar_day {
	enum calendar_day_kind kind;
	bool working;		/* the answer to calendar_is_working_day() */
	const char *name;	/* holiday name, NULL for a plain day */
	const char *notice;	/* 文号 or date of the notice, NULL for a plain day */
	int arrangement_year;	/* the notice's year, 0 for a plain day */
};

struct calendar;

/* An empty calendar (Monday-Friday only, no year official). NULL on OOM. */
struct calendar *calendar_new(void);
void calendar_free(struct calendar *cal);

/*
 * Add the arrangements in text (the TSV format of data/calendar/cn.tsv).
 * source names the text in messages ("data/calendar/cn.tsv"). On a bad
 * line, returns GK_EINVAL with "source:line: what is wrong, what is
 * allowed" in *m and leaves the calendar as it was before the call.
 */
enum gk_err calendar_load(struct calendar *cal, struct str text, const char *source,
			  struct gk_errmsg *m);
/* calendar_load() on the contents of a file. */
enum gk_err calendar_load_file(struct calendar *cal, const char *path, struct gk_errmsg *m);

/*
 * A new calendar holding the arrangements built into the binary, or, when
 * path is not NULL, those of the file at path instead. NULL with *m set on
 * failure.
 */
struct calendar *calendar_open(const char *path, struct gk_errmsg *m);

/* True when date lies in the supported range. */
bool calendar_in_range(gk_date date);

/* Everything below requires calendar_in_range() dates. */
bool calendar_is_working_day(const struct calendar *cal, gk_date date);
struct calendar_day calendar_day(const struct calendar *cal, gk_date date);
/* True when a and b are notice days of the same kind, holiday and notice, so
 * that consecutive ones read as one range ("10月1日至7日 国庆节放假"). */
bool calendar_days_alike(struct calendar_day a, struct calendar_day b);
/* True when a notice for year was loaded (the 调休 of that year is known). */
bool calendar_year_is_official(const struct calendar *cal, int year);
/* True when every year from first_year to last_year is official. */
bool calendar_years_are_official(const struct calendar *cal, int first_year, int last_year);

/*
 * The number of working days d with a < d <= b ("from the day after a up to
 * and including b"); the negation of (b, a] when b < a.
 */
int calendar_working_days_between(const struct calendar *cal, gk_date a, gk_date b);

/*
 * The n-th working day after date (n > 0; the day itself is not counted,
 * 民法典第二百零一条 "开始的当日不计入"), the |n|-th working day before it
 * (n < 0), or date itself (n == 0). Returns false when the answer falls
 * outside the supported range.
 */
bool calendar_add_working_days(const struct calendar *cal, gk_date date, int n, gk_date *out);

#endif
