/*
 * csv.c: the RFC 4180 reader of csv.h.
 *
 * One pass over the bytes per record: a run of ordinary bytes is found by a
 * table lookup (ASCII) or a UTF-8 check (bytes >= 0x80) and copied into the
 * scratch buffer with one memcpy, so an unquoted field costs one scan and
 * one copy. All fields of a record go into the one scratch buffer, each
 * followed by a NUL; it grows geometrically and is kept between records, so
 * a file is read with a handful of allocations whatever its size.
 *
 * UTF-8 is checked by the small validator below (the well-formed sequences
 * of Unicode Table 3-7) rather than by utf8proc_iterate(): it needs no code
 * point, stays in the scanning loop, and can say which rule a sequence broke
 * (overlong, surrogate, beyond U+10FFFF, truncated), which helps the person
 * whose file was refused.
 */
#include "base/csv.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

enum { SCRATCH_MIN = 4096 };

/* ASCII bytes that end a run of plain text in an unquoted field. */
static const unsigned char stop_unquoted[128] = {
	['\0'] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

/* ASCII bytes that end a run in a quoted field (LF only to count lines). */
static const unsigned char stop_quoted[128] = {
	['\0'] = 1, ['\n'] = 1, ['"'] = 1,
};

/*
 * Length of the well-formed UTF-8 sequence at p, whose first byte is
 * >= 0x80, or 0 with *why naming the broken rule.
 */
static size_t utf8_len(const unsigned char *p, const unsigned char *end, const char **why)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF; /* allowed second byte */
	size_t n;

	if (c < 0xC0) {
		*why = "a continuation byte without a lead byte";
		return 0;
	}
	if (c < 0xC2) {
		*why = "an overlong encoding";
		return 0;
	}
	if (c < 0xE0) {
		n = 2;
	} else if (c < 0xF0) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c < 0xF5) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		*why = "a byte that never occurs in UTF-8";
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if (i >= (size_t)(end - p) || (p[i] & 0xC0) != 0x80) {
			*why = "a truncated sequence";
			return 0;
		}
	}
	if (p[1] < lo) {
		*why = "an overlong encoding";
		return 0;
	}
	if (p[1] > hi) {
		*why = c == 0xED ? "a surrogate, U+D800 to U+DFFF" : "beyond U+10FFFF";
		return 0;
	}
	return n;
}

static enum gk_err bad_utf8(struct gk_errmsg *m, uint32_t line, size_t col, unsigned char c,
			    const char *why)
{
	return gk_errf(m, GK_EINVAL,
		       "line %" PRIu32 ", column %zu: invalid UTF-8 (%s, byte 0x%02X); the file "
		       "must be UTF-8 (convert GBK/GB18030, e.g. save as \"CSV UTF-8\")",
		       line, col, why, c);
}

static enum gk_err bad_nul(struct gk_errmsg *m, uint32_t line, size_t col)
{
	return gk_errf(m, GK_EINVAL,
		       "line %" PRIu32 ", column %zu: a NUL byte; a CSV file is UTF-8 text "
		       "(UTF-16 and binary files are not accepted, save as \"CSV UTF-8\")",
		       line, col);
}

/*
 * Make room for n more bytes and a NUL after used bytes of scratch. The
 * caller has bounded used + n by the input length plus one NUL per field.
 */
static enum gk_err reserve(struct csv_reader *r, size_t used, size_t n, uint32_t line,
			   struct gk_errmsg *m)
{
	size_t need = used + n + 1, cap;
	char *s;

	if (need <= r->scratch_cap)
		return GK_OK;
	cap = r->scratch_cap ? r->scratch_cap : SCRATCH_MIN;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	s = realloc(r->scratch, cap);
	if (!s)
		return gk_errf(m, GK_ENOMEM, "line %" PRIu32 ": out of memory reading the CSV file",
			       line);
	r->scratch = s;
	r->scratch_cap = cap;
	return GK_OK;
}

/*
 * Append n bytes to the field that began at scratch offset start, refusing
 * a field that would outgrow CSV_FIELD_MAX. line is where the field began.
 */
static enum gk_err append(struct csv_reader *r, size_t *used, size_t start, const void *src,
			  size_t n, uint32_t line, size_t col, struct gk_errmsg *m)
{
	enum gk_err err;

	if (n > CSV_FIELD_MAX - (*used - start))
		return gk_errf(m, GK_EINVAL,
			       "line %" PRIu32 ", column %zu: a field longer than %u bytes; "
			       "at most %u bytes (16 MiB) are allowed in one field",
			       line, col, CSV_FIELD_MAX, CSV_FIELD_MAX);
	err = reserve(r, *used, n, line, m);
	if (err)
		return err;
	if (n)
		memcpy(r->scratch + *used, src, n);
	*used += n;
	return GK_OK;
}

/*
 * Read one field starting at *pp: text up to the first ',' or line end, or
 * a quoted field up to its closing quote. Leaves *pp on the byte after it.
 */
static enum gk_err read_field(struct csv_reader *r, const unsigned char **pp,
			      const unsigned char *end, size_t *used, size_t col,
			      struct gk_errmsg *m)
{
	const unsigned char *p = *pp, *q;
	size_t start = *used, n;
	uint32_t first_line = r->line;
	const char *why;
	enum gk_err err;

	if (p == end || *p != '"') {
		for (q = p; q < end; q += n) {
			if (*q >= 0x80) {
				n = utf8_len(q, end, &why);
				if (!n)
					return bad_utf8(m, r->line, col, *q, why);
			} else if (stop_unquoted[*q]) {
				break;
			} else {
				n = 1;
			}
		}
		*pp = q;
		return append(r, used, start, p, (size_t)(q - p), first_line, col, m);
	}
	for (p++;; p = q + 2) {
		for (q = p; q < end; q += n) {
			n = 1;
			if (*q >= 0x80) {
				n = utf8_len(q, end, &why);
				if (!n)
					return bad_utf8(m, r->line, col, *q, why);
			} else if (*q == '\n') {
				r->line++;
			} else if (stop_quoted[*q]) {
				break;
			}
		}
		err = append(r, used, start, p, (size_t)(q - p), first_line, col, m);
		if (err)
			return err;
		if (q == end)
			return gk_errf(m, GK_EINVAL,
				       "line %" PRIu32 ", column %zu: the quote that opens this "
				       "field is never closed; a quoted field ends with '\"' "
				       "(a quote inside is written \"\")",
				       first_line, col);
		if (*q == '\0')
			return bad_nul(m, r->line, col);
		/* *q is '"': a doubled quote stands for one, otherwise it closes */
		if (q + 1 == end || q[1] != '"')
			break;
		err = append(r, used, start, "\"", 1, first_line, col, m);
		if (err)
			return err;
	}
	*pp = q + 1;
	return GK_OK;
}

void csv_init(struct csv_reader *r, const char *data, size_t len)
{
	r->data = data;
	r->len = len;
	r->pos = 0;
	r->line = 1;
	r->scratch = NULL;
	r->scratch_cap = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
}

enum gk_err csv_next(struct csv_reader *r, struct csv_record *rec, struct gk_errmsg *m)
{
	const unsigned char *p, *end;
	size_t used = 0, off = 0;
	enum gk_err err;

	rec->n_fields = 0;
	rec->line = r->line;
	if (r->pos >= r->len)
		return GK_OK;
	p = (const unsigned char *)r->data + r->pos;
	end = (const unsigned char *)r->data + r->len;
	for (;;) { /* empty lines */
		if (p < end && *p == '\n')
			p++;
		else if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			p += 2;
		else
			break;
		r->line++;
	}
	rec->line = r->line;
	if (p == end) {
		r->pos = r->len;
		return GK_OK;
	}
	for (;;) {
		size_t col = rec->n_fields + 1, start = used;

		if (rec->n_fields == CSV_FIELDS_MAX)
			return gk_errf(m, GK_EINVAL,
				       "line %" PRIu32 ", column %zu: more than %d fields; "
				       "at most %d fields are allowed in a record",
				       r->line, col, CSV_FIELDS_MAX, CSV_FIELDS_MAX);
		err = read_field(r, &p, end, &used, col, m);
		if (err)
			return err;
		r->scratch[used++] = '\0'; /* reserve() kept room for it */
		rec->fields[rec->n_fields++].len = used - 1 - start;
		if (p == end)
			break;
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '\n' || (*p == '\r' && end - p >= 2 && p[1] == '\n')) {
			p += *p == '\r' ? 2 : 1;
			r->line++;
			break;
		}
		if (*p == '\r')
			return gk_errf(m, GK_EINVAL,
				       "line %" PRIu32 ", column %zu: a carriage return without "
				       "a line feed; records end with LF or CRLF",
				       r->line, col);
		if (*p == '\0')
			return bad_nul(m, r->line, col);
		if (*p == '"') /* an unquoted field stops at a quote */
			return gk_errf(m, GK_EINVAL,
				       "line %" PRIu32 ", column %zu: a quote inside an unquoted "
				       "field; quote the whole field and double the quotes inside "
				       "(\"say \"\"yes\"\"\")",
				       r->line, col);
		/* anything else can only follow the closing quote of a quoted field */
		return gk_errf(m, GK_EINVAL,
			       "line %" PRIu32 ", column %zu: text after the closing quote; "
			       "a quoted field ends with '\"' followed by ',' or the end of the "
			       "line (a quote inside is written \"\")",
			       r->line, col);
	}
	r->pos = (size_t)(p - (const unsigned char *)r->data);
	/* Scratch may have moved while the record grew: point the fields now. */
	for (size_t i = 0; i < rec->n_fields; i++) {
		rec->fields[i].ptr = r->scratch + off;
		off += rec->fields[i].len + 1;
	}
	return GK_OK;
}

void csv_release(struct csv_reader *r)
{
	free(r->scratch);
	r->scratch = NULL;
	r->scratch_cap = 0;
}
