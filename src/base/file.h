/*
 * file.h: read a whole file into memory, with a ceiling.
 *
 * Readers of reports, calendars and CSV imports all take the complete
 * input at once (they report positions and refuse all-or-nothing), so
 * this is the one place that opens, reads and names what went wrong.
 */
#ifndef GK_BASE_FILE_H
#define GK_BASE_FILE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

/*
 * Read all of path ("-" for standard input) into out, which this
 * initialises (buf_release it in every case). At most max bytes: a larger
 * file is GK_ERANGE "PATH: larger than N MiB". GK_EIO when the file cannot
 * be opened or read, GK_EINVAL for a directory; the message names path.
 */
enum gk_err file_read_all(const char *path, size_t max, struct buf *out, struct gk_errmsg *m);

#endif
