/*
 * Day-number conversions use the well-known "days from civil" algorithm
 * (eras of 400 years, March-based years), which is exact for the whole
 * proleptic Gregorian calendar without tables.
 */
#include "base/date.h"

#include <time.h>

#include "base/banned.h"

gk_date date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(gk_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int date_year(gk_date date)
{
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	return y;
}

int date_weekday(gk_date date)
{
	/* 1970-01-01 was a Thursday (ISO 4). */
	int r = (date + 3) % 7;

	if (r < 0)
		r += 7;
	return r + 1;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

bool date_is_valid_ymd(int y, int m, int d)
{
	return y >= GK_DATE_MIN_YEAR && y <= GK_DATE_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

static bool parse_digits(const char *p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return true;
}

bool date_parse(struct str s, gk_date *out)
{
	int y, m, d;

	if (s.len != 10 || s.ptr[4] != '-' || s.ptr[7] != '-')
		return false;
	if (!parse_digits(s.ptr, 4, &y) || !parse_digits(s.ptr + 5, 2, &m) ||
	    !parse_digits(s.ptr + 8, 2, &d))
		return false;
	if (!date_is_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

char *date_format(gk_date date, char out[GK_DATE_STRLEN])
{
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	/* The supported range keeps y at four digits; clamp for safety. */
	if (y < 0 || y > 9999)
		y = 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return out;
}

gk_date date_today_china(void)
{
	/* China Standard Time is UTC+8 all year; add 8 hours before flooring. */
	time_t now = time(NULL) + 8 * 3600;

	return (gk_date)(now / 86400);
}

bool date_is_calendar_year(gk_date from, gk_date to, int *year)
{
	int fy, fm, fd, ty, tm, td;

	date_to_ymd(from, &fy, &fm, &fd);
	date_to_ymd(to, &ty, &tm, &td);
	if (year)
		*year = fy;
	return fy == ty && fm == 1 && fd == 1 && tm == 12 && td == 31;
}
