#include "law/calendar.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/file.h"
#include "law/calendar_data.h"

#include "base/banned.h"

#define N_YEARS (CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1)
/* A calendar file larger than this is not a calendar. */
#define CALENDAR_MAX_FILE (4u << 20)
#define CALENDAR_MAX_FIELD 200

static const char header[] = "date\tname\ttype\tyear\tnotice";

struct entry {
	size_t name;	/* offsets into cal->strings */
	size_t notice;
	int year;
	enum calendar_day_kind kind;
};

struct calendar {
	gk_date first;			/* CALENDAR_FIRST_YEAR-01-01 */
	int n_days;
	int32_t *entry_of;		/* per day: index into entries, or -1 */
	int32_t *before;		/* per day i: working days in [first, first+i) */
	int32_t *nth;			/* k -> day index of the k-th working day (0-based) */
	int32_t n_working;
	struct entry *entries;
	size_t n_entries;
	struct buf strings;
	bool official[N_YEARS];
};

bool calendar_in_range(gk_date date)
{
	return date >= date_from_ymd(CALENDAR_FIRST_YEAR, 1, 1) &&
	       date <= date_from_ymd(CALENDAR_LAST_YEAR, 12, 31);
}

static bool is_weekend(gk_date date)
{
	return date_weekday(date) >= 6;
}

static bool day_is_working(const struct calendar *cal, int i)
{
	int32_t e = cal->entry_of[i];

	if (e < 0)
		return !is_weekend(cal->first + i);
	return cal->entries[e].kind == CALENDAR_DAY_WORK;
}

/* Rebuild the prefix counts after the entries changed. */
static void rebuild_index(struct calendar *cal)
{
	int32_t k = 0;

	for (int i = 0; i < cal->n_days; i++) {
		cal->before[i] = k;
		if (day_is_working(cal, i))
			cal->nth[k++] = i;
	}
	cal->before[cal->n_days] = k;
	cal->n_working = k;
}

struct calendar *calendar_new(void)
{
	struct calendar *cal = calloc(1, sizeof(*cal));

	if (!cal)
		return NULL;
	cal->first = date_from_ymd(CALENDAR_FIRST_YEAR, 1, 1);
	cal->n_days = date_from_ymd(CALENDAR_LAST_YEAR, 12, 31) - cal->first + 1;
	cal->entry_of = malloc(sizeof(int32_t) * (size_t)cal->n_days);
	cal->before = malloc(sizeof(int32_t) * ((size_t)cal->n_days + 1));
	cal->nth = malloc(sizeof(int32_t) * (size_t)cal->n_days);
	buf_init(&cal->strings, SIZE_MAX);
	if (!cal->entry_of || !cal->before || !cal->nth) {
		calendar_free(cal);
		return NULL;
	}
	for (int i = 0; i < cal->n_days; i++)
		cal->entry_of[i] = -1;
	rebuild_index(cal);
	return cal;
}

void calendar_free(struct calendar *cal)
{
	if (!cal)
		return;
	free(cal->entry_of);
	free(cal->before);
	free(cal->nth);
	free(cal->entries);
	buf_release(&cal->strings);
	free(cal);
}

/* One parsed line, before it is applied. */
struct line {
	gk_date date;
	struct str name, notice;
	enum calendar_day_kind kind;
	int year;
	int lineno;
};

static bool valid_utf8(struct str s)
{
	utf8proc_int32_t cp;
	size_t i = 0;

	while (i < s.len) {
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s.ptr + i,
						      (utf8proc_ssize_t)(s.len - i), &cp);
		if (n <= 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

static bool parse_year(struct str s, int *out)
{
	int v = 0;

	if (s.len != 4)
		return false;
	for (size_t i = 0; i < 4; i++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9')
			return false;
		v = v * 10 + (s.ptr[i] - '0');
	}
	*out = v;
	return true;
}

/* Parse one data line; on error fill m with "source:lineno: ...". */
static enum gk_err parse_line(struct str text, const char *src, int lineno, struct line *out,
			      struct gk_errmsg *m)
{
	struct str f[5], rest = text;
	int n = 0;

	while (rest.ptr && n < 5)
		rest = str_split(rest, '\t', &f[n++]);
	if (n != 5 || rest.ptr)
		return gk_errf(m, GK_EINVAL,
			       "%s:%d: expected 5 tab-separated columns (%s), found %d", src,
			       lineno, "date, name, type, year, notice", rest.ptr ? 6 : n);
	if (!date_parse(f[0], &out->date) || !calendar_in_range(out->date))
		return gk_errf(m, GK_EINVAL,
			       "%s:%d: date '%.*s' is not a date YYYY-MM-DD between %d and %d",
			       src, lineno, (int)f[0].len, f[0].ptr, CALENDAR_FIRST_YEAR,
			       CALENDAR_LAST_YEAR);
	for (int i = 1; i < 5; i += 3) {
		const char *what = i == 1 ? "name" : "notice";
		if (f[i].len == 0 || f[i].len > CALENDAR_MAX_FIELD || !valid_utf8(f[i]))
			return gk_errf(m, GK_EINVAL,
				       "%s:%d: %s must be 1 to %d bytes of UTF-8 text", src,
				       lineno, what, CALENDAR_MAX_FIELD);
	}
	if (str_eq_cstr(f[2], "off")) {
		out->kind = CALENDAR_DAY_OFF;
	} else if (str_eq_cstr(f[2], "work")) {
		out->kind = CALENDAR_DAY_WORK;
	} else {
		return gk_errf(m, GK_EINVAL, "%s:%d: type '%.*s' is not allowed; use off or work",
			       src, lineno, (int)f[2].len, f[2].ptr);
	}
	if (!parse_year(f[3], &out->year) || out->year < CALENDAR_FIRST_YEAR ||
	    out->year > CALENDAR_LAST_YEAR || abs(out->year - date_year(out->date)) > 1)
		return gk_errf(m, GK_EINVAL,
			       "%s:%d: year '%.*s' must be the arrangement year, the date's "
			       "year or the next (元旦 may start in December)",
			       src, lineno, (int)f[3].len, f[3].ptr);
	/* A 调休 day moves work onto a weekend; a weekday "work" line means a typo. */
	if (out->kind == CALENDAR_DAY_WORK && !is_weekend(out->date))
		return gk_errf(m, GK_EINVAL,
			       "%s:%d: %.*s is a weekday; a work line must be a Saturday or "
			       "Sunday declared a working day (调休上班)",
			       src, lineno, (int)f[0].len, f[0].ptr);
	out->name = f[1];
	out->notice = f[4];
	out->lineno = lineno;
	return GK_OK;
}

/* Parse every line of text into *lines (malloc'd). All or nothing. */
static enum gk_err parse_all(struct str text, const char *src, struct line **lines, size_t *n,
			     struct gk_errmsg *m)
{
	struct str rest = text, l;
	size_t cap = 0;
	int lineno = 0;
	bool seen_header = false;
	enum gk_err err;

	*lines = NULL;
	*n = 0;
	if (text.len > CALENDAR_MAX_FILE)
		return gk_errf(m, GK_EINVAL, "%s: larger than %u bytes; not a calendar file", src,
			       CALENDAR_MAX_FILE);
	if (memchr(text.ptr, '\0', text.len))
		return gk_errf(m, GK_EINVAL, "%s: contains a NUL byte; not a text file", src);
	while (rest.ptr && rest.len) {
		rest = str_split(rest, '\n', &l);
		lineno++;
		if (l.len && l.ptr[l.len - 1] == '\r')
			l.len--;
		if (l.len == 0 || l.ptr[0] == '#')
			continue;
		if (!seen_header) {
			if (!str_eq_cstr(l, header))
				return gk_errf(m, GK_EINVAL,
					       "%s:%d: expected the header line "
					       "'date<TAB>name<TAB>type<TAB>year<TAB>notice'",
					       src, lineno);
			seen_header = true;
			continue;
		}
		if (*n == cap) {
			struct line *p;
			cap = cap ? cap * 2 : 256;
			p = realloc(*lines, cap * sizeof(**lines));
			if (!p)
				return gk_errf(m, GK_ENOMEM, "%s: out of memory", src);
			*lines = p;
		}
		err = parse_line(l, src, lineno, &(*lines)[*n], m);
		if (err)
			return err;
		(*n)++;
	}
	if (!seen_header)
		return gk_errf(m, GK_EINVAL, "%s: no header line; not a calendar file", src);
	return GK_OK;
}

static size_t save_string(struct calendar *cal, struct str s)
{
	size_t off = cal->strings.len;

	buf_append(&cal->strings, s.ptr, s.len);
	buf_putc(&cal->strings, '\0');
	return off;
}

enum gk_err calendar_load(struct calendar *cal, struct str text, const char *source,
			  struct gk_errmsg *m)
{
	struct line *lines;
	struct entry *entries;
	size_t n, saved_len;
	enum gk_err err = parse_all(text, source, &lines, &n, m);

	if (err) {
		free(lines);
		return err;
	}
	/* Check duplicates against what is loaded and within the file first. */
	for (size_t i = 0; i < n; i++) {
		int day = lines[i].date - cal->first;
		if (cal->entry_of[day] != -1) {
			char d[GK_DATE_STRLEN];
			err = gk_errf(m, GK_EINVAL, "%s:%d: %s appears twice; one line per date",
				      source, lines[i].lineno, date_format(lines[i].date, d));
			goto out;
		}
		cal->entry_of[day] = -2; /* reserved, undone below on failure */
	}
	entries = realloc(cal->entries, (cal->n_entries + n) * sizeof(*entries));
	if (!entries && n) {
		err = gk_errf(m, GK_ENOMEM, "%s: out of memory", source);
		goto out;
	}
	cal->entries = entries;
	saved_len = cal->strings.len;
	for (size_t i = 0; i < n; i++) {
		struct entry *e = &cal->entries[cal->n_entries + i];
		e->name = save_string(cal, lines[i].name);
		e->notice = save_string(cal, lines[i].notice);
		e->year = lines[i].year;
		e->kind = lines[i].kind;
	}
	if (cal->strings.failed) {
		cal->strings.len = saved_len;
		cal->strings.failed = false;
		err = gk_errf(m, GK_ENOMEM, "%s: out of memory", source);
		goto out;
	}
	/* Nothing can fail from here on: apply. */
	for (size_t i = 0; i < n; i++) {
		cal->entry_of[lines[i].date - cal->first] = (int32_t)cal->n_entries++;
		cal->official[lines[i].year - CALENDAR_FIRST_YEAR] = true;
	}
	rebuild_index(cal);
	free(lines);
	return GK_OK;
out:
	for (size_t i = 0; i < n; i++)
		if (cal->entry_of[lines[i].date - cal->first] == -2)
			cal->entry_of[lines[i].date - cal->first] = -1;
	free(lines);
	return err;
}

enum gk_err calendar_load_file(struct calendar *cal, const char *path, struct gk_errmsg *m)
{
	struct buf content;
	enum gk_err err = file_read_all(path, CALENDAR_MAX_FILE, &content, m);

	if (err == GK_ERANGE)
		err = gk_errf(m, GK_EINVAL, "%s: larger than %u bytes; not a calendar file", path,
			      CALENDAR_MAX_FILE);
	else if (!err)
		err = calendar_load(cal, buf_str(&content), path, m);
	buf_release(&content);
	return err;
}

struct calendar *calendar_open(const char *path, struct gk_errmsg *m)
{
	struct calendar *cal = calendar_new();
	enum gk_err err;

	if (!cal) {
		gk_errf(m, GK_ENOMEM, "out of memory loading the calendar");
		return NULL;
	}
	if (path)
		err = calendar_load_file(cal, path, m);
	else
		err = calendar_load(cal,
				    (struct str){calendar_builtin_tsv, calendar_builtin_tsv_len},
				    CALENDAR_BUILTIN_SOURCE, m);
	if (err) {
		calendar_free(cal);
		return NULL;
	}
	return cal;
}

bool calendar_is_working_day(const struct calendar *cal, gk_date date)
{
	return day_is_working(cal, date - cal->first);
}

struct calendar_day calendar_day(const struct calendar *cal, gk_date date)
{
	int i = date - cal->first;
	int32_t e = cal->entry_of[i];
	struct calendar_day day = {.kind = CALENDAR_DAY_PLAIN, .working = day_is_working(cal, i)};

	if (e >= 0) {
		const char *s = buf_cstr(&cal->strings);
		day.kind = cal->entries[e].kind;
		day.name = s + cal->entries[e].name;
		day.notice = s + cal->entries[e].notice;
		day.arrangement_year = cal->entries[e].year;
	}
	return day;
}

bool calendar_days_alike(struct calendar_day a, struct calendar_day b)
{
	return a.kind == b.kind && a.kind != CALENDAR_DAY_PLAIN && !strcmp(a.name, b.name) &&
	       !strcmp(a.notice, b.notice);
}

bool calendar_year_is_official(const struct calendar *cal, int year)
{
	if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
		return false;
	return cal->official[year - CALENDAR_FIRST_YEAR];
}

bool calendar_years_are_official(const struct calendar *cal, int first_year, int last_year)
{
	for (int y = first_year; y <= last_year; y++)
		if (!calendar_year_is_official(cal, y))
			return false;
	return true;
}

int calendar_working_days_between(const struct calendar *cal, gk_date a, gk_date b)
{
	/* before[i + 1] counts working days up to and including day i. */
	return cal->before[b - cal->first + 1] - cal->before[a - cal->first + 1];
}

bool calendar_add_working_days(const struct calendar *cal, gk_date date, int n, gk_date *out)
{
	int i = date - cal->first;
	int64_t k;

	if (n == 0) {
		*out = date;
		return true;
	}
	/* Working days up to and including date, then step n of them. */
	k = n > 0 ? (int64_t)cal->before[i + 1] + n - 1 : (int64_t)cal->before[i] + n;
	if (k < 0 || k >= cal->n_working)
		return false;
	*out = cal->first + cal->nth[k];
	return true;
}
