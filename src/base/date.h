/*
 * date.h: calendar dates as day numbers.
 *
 * A gk_date is the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar, so the distance between two dates is a subtraction
 * and "the next day" is +1. Dates are civil dates in China; no time zone
 * or time of day is involved anywhere in the statutory clock.
 * Supported years: GK_DATE_MIN_YEAR to GK_DATE_MAX_YEAR.
 */
#ifndef GK_DATE_H
#define GK_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/str.h"

typedef int32_t gk_date;

#define GK_DATE_MIN_YEAR 1900
#define GK_DATE_MAX_YEAR 2199
/* "YYYY-MM-DD" plus NUL */
#define GK_DATE_STRLEN 11

/* The day number of y-m-d. The caller guarantees a valid date. */
gk_date date_from_ymd(int y, int m, int d);
/* Split a day number into year, month (1-12) and day (1-31). */
void date_to_ymd(gk_date date, int *y, int *m, int *d);
int date_year(gk_date date);
/* ISO weekday: 1 = Monday … 7 = Sunday. */
int date_weekday(gk_date date);
bool date_is_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);

/*
 * Parse exactly "YYYY-MM-DD" (zero-padded, nothing before or after) into
 * *out. Returns false for anything else, including 2023-02-29 and years
 * outside the supported range.
 */
bool date_parse(struct str s, gk_date *out);

/* Write "YYYY-MM-DD" into out. Returns out, for use in printf arguments. */
char *date_format(gk_date date, char out[GK_DATE_STRLEN]);

/*
 * True when [from, to] is one whole calendar year (1 January to 31
 * December of the same year); *year gets from's year either way when not NULL.
 */
bool date_is_calendar_year(gk_date from, gk_date to, int *year);

/* Today's civil date in China (UTC+8, which has no daylight saving). */
gk_date date_today_china(void);

#endif
