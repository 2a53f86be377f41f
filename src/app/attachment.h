/*
 * attachment.h: the files an applicant attaches to an online application
 * (ID scans, authorisation letters), as the issue asks: "PDF/JPEG/PNG
 * checked by content, size-limited, stored outside the web root under
 * random names"; "oversized or disguised attachments are refused; a
 * submission that fails leaves nothing half-written".
 *
 * The kind of a file is what its first bytes are, never its name or the
 * type the client declared; a declared type that names another kind than
 * the bytes is a disguised file and refused. Stored files get a name of
 * 32 random hex digits, no extension, mode 0600, in a directory the
 * caller names (gongkai serve: the database path + ".files", 0700): never
 * under static/ or templates/, so nothing uploaded is ever served as is.
 */
#ifndef GK_APP_ATTACHMENT_H
#define GK_APP_ATTACHMENT_H

#include <stddef.h>

#include "base/err.h"
#include "base/str.h"

#define ATTACHMENT_MAX_FILES  5
#define ATTACHMENT_MAX_SIZE   (5u << 20)  /* one file */
#define ATTACHMENT_MAX_TOTAL  (10u << 20) /* all the files of one application */
#define ATTACHMENT_NAME_MAX   255	  /* bytes of the name it was sent under */
#define ATTACHMENT_STORED_LEN 32	  /* hex digits of a stored name */

/* One file as received. */
struct attachment {
	struct str filename;	  /* as sent; a path in front ("C:\x\a.pdf") is dropped */
	struct str declared_type; /* the client's Content-Type; may be empty */
	struct str data;
};

/* What attachment_check found out about one file. */
struct attachment_info {
	const char *kind;		    /* "pdf", "jpeg" or "png" */
	char name[ATTACHMENT_NAME_MAX + 1]; /* the filename without a path, NUL-terminated */
};

/*
 * Check n files against the kinds and the limits, filling info[i] for
 * each. GK_EINVAL with a Chinese message naming the file by its position
 * (第2个附件) and the rule it breaks (not a PDF, JPEG or PNG; disguised;
 * over the size limits; too many; a name that is not UTF-8).
 */
enum gk_err attachment_check(const struct attachment *files, size_t n, struct attachment_info *info,
			     struct gk_errmsg *m);

/*
 * Create dir (mode 0700) unless it exists as a directory. GK_EIO with
 * the reason when it cannot be.
 */
enum gk_err attachment_dir_prepare(const char *dir, struct gk_errmsg *m);

/*
 * Write data into dir under a fresh random name (written to a temporary
 * name, fsync'd, renamed, the directory fsync'd), mode 0600, and put the
 * name into stored. GK_EIO (nothing left behind) on failure.
 */
enum gk_err attachment_write(const char *dir, struct str data,
			     char stored[ATTACHMENT_STORED_LEN + 1], struct gk_errmsg *m);

/* Remove a stored file (undoing attachment_write); quiet when it is gone. */
void attachment_remove(const char *dir, const char *stored);

#endif
