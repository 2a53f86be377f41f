/*
 * csv.h: read CSV files (RFC 4180) record by record, with positions.
 *
 * Imports are all or nothing, and a rejected file must say where it went
 * wrong (file:line:column), so the reader tracks the 1-based line on which
 * each record starts and the 1-based column (field number) of each field.
 *
 * Accepted: fields separated by ',', records ended by LF or CRLF, fields
 * quoted with '"' where a quote inside is doubled ("") and line breaks,
 * commas and quotes may appear; a UTF-8 byte order mark at the start is
 * skipped; a last record without a final line break. Refused with a
 * message naming line and column (GK_EINVAL): invalid UTF-8 (overlong
 * forms, surrogates, code points beyond U+10FFFF, truncated sequences), a
 * NUL byte, a quote inside an unquoted field, text after a closing quote,
 * an unterminated quoted field (named by the line where its quote opened),
 * a field longer than CSV_FIELD_MAX, more than CSV_FIELDS_MAX fields in a
 * record, a carriage return outside quotes that is not followed by a line
 * feed. Empty lines are skipped (a line holding only "" is one empty field).
 * Line breaks inside a quoted field are kept as they are (LF or CRLF) and
 * counted, so the lines of later records stay right. The column in a
 * message is the 1-based field number.
 *
 * Usage:
 *     struct csv_reader r;
 *     csv_init(&r, data, len);
 *     while ((err = csv_next(&r, &rec, &m)) == GK_OK && rec.n_fields) { ... }
 *     csv_release(&r);
 * The record's field strings point into the reader's buffer and stay valid
 * until the next csv_next() or csv_release(). Field text is unquoted and
 * NUL-terminated (fields[i].ptr[fields[i].len] == '\0').
 */
#ifndef GK_BASE_CSV_H
#define GK_BASE_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/str.h"

#define CSV_FIELD_MAX (16u << 20) /* one field: a long document body fits */
#define CSV_FIELDS_MAX 256

struct csv_record {
	struct str fields[CSV_FIELDS_MAX];
	size_t n_fields; /* 0 at the end of the input */
	uint32_t line;	 /* 1-based line on which the record starts */
};

struct csv_reader {
	const char *data; /* the whole input, not owned */
	size_t len;
	size_t pos;
	uint32_t line;	  /* current line, 1-based */
	char *scratch;	  /* owned: unquoted field text of the current record */
	size_t scratch_cap;
};

void csv_init(struct csv_reader *r, const char *data, size_t len);
/*
 * Read the next record into *rec. At the end of the input returns GK_OK
 * with rec->n_fields == 0. GK_EINVAL with "line L, column C: what is
 * wrong, what is allowed" in m for malformed input (the reader is then
 * unusable: call only csv_release()); GK_ENOMEM when memory ran out.
 */
enum gk_err csv_next(struct csv_reader *r, struct csv_record *rec, struct gk_errmsg *m);
void csv_release(struct csv_reader *r);

#endif
