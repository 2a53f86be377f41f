/*
 * err.h: the one error enum of gongkai.
 *
 * Zero is success. Functions that can fail return enum gk_err and, where a
 * person must read why, fill a struct gk_errmsg with one line that names
 * what was wrong, where, and what is allowed. One table maps each error to
 * a process exit status (and later an HTTP status).
 */
#ifndef GK_ERR_H
#define GK_ERR_H

#include <stddef.h>

enum gk_err {
	GK_OK = 0,
	GK_EINVAL,	/* bad input from a person or a file: usage, syntax, value */
	GK_ERANGE,	/* a value outside what gongkai supports */
	GK_ENOMEM,	/* out of memory, or a named limit was reached */
	GK_EIO,		/* the operating system refused: open, read, write */
	GK_ENOTFOUND,	/* a thing that was named does not exist */
	GK_ECONFLICT,	/* the request contradicts the current state */
	GK_EFORMAT,	/* a file is readable but holds nothing recognisable */
	GK_EINTERNAL,	/* an invariant of gongkai itself failed: a bug to report */
	GK_ERR_COUNT
};

/* One human-readable line explaining the last failure. */
struct gk_errmsg {
	char text[512];
};

/* Short stable name of an error, e.g. "invalid". Never NULL. */
const char *gk_err_name(enum gk_err err);

/*
 * Exit status for a command that failed with err: 2 for bad input or an
 * unreadable file (the usage convention of the CLI contracts), 70
 * (EX_SOFTWARE) for internal failures such as running out of memory.
 */
int gk_err_exit_status(enum gk_err err);

/*
 * Format a message into m (truncated to fit) and return err, so that a
 * failure can be reported in one statement:
 *     return gk_errf(m, GK_EINVAL, "--received: '%s' is not a date", v);
 * m may be NULL, in which case only err is returned.
 */
enum gk_err gk_errf(struct gk_errmsg *m, enum gk_err err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
