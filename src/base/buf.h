/*
 * buf.h: a growable byte buffer with a ceiling and a sticky error.
 *
 * Like SQLite's string accumulator: appends past the ceiling (or a failed
 * allocation) set buf->failed and are ignored from then on, so a long chain
 * of appends needs one check at the end. The content is always
 * NUL-terminated when data is not NULL.
 */
#ifndef GK_BUF_H
#define GK_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"

struct buf {
	char *data;	/* owned; NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;	/* ceiling on len; appends beyond it fail */
	bool failed;	/* sticky: an append was refused */
};

/* Start an empty buffer that may grow to max bytes. */
void buf_init(struct buf *b, size_t max);
/* Free the memory; the buffer may be initialised again. */
void buf_release(struct buf *b);
/* Forget the content, keep the memory and clear the error. */
void buf_reset(struct buf *b);

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The content as a counted string (empty when nothing was appended). */
struct str buf_str(const struct buf *b);
/* The content as a C string ("" when nothing was appended). */
const char *buf_cstr(const struct buf *b);

#endif
