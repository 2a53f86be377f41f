/*
 * static_files.h: the site's assets (CSS, a little JS, images), read into
 * memory once at start-up.
 *
 * Every regular file below the directory is loaded with its content type,
 * a strong ETag, its modification time and, for text types where it
 * helps, a gzip copy made once at the highest level. A request can only
 * name a file that was found at load time (a table lookup, never a path
 * joined to the directory), so no path can escape the directory. Names
 * starting with '.' (".git", editor swap files) and symbolic links are
 * skipped, so that nothing is published by accident.
 *
 * Serving from memory is what makes the server as fast as nginx for
 * assets (c-ecosystem §3.1: opening the file per request ran at 0.46×).
 * A restart picks up changed files.
 */
#ifndef GK_WEB_STATIC_FILES_H
#define GK_WEB_STATIC_FILES_H

#include <stddef.h>
#include <time.h>

#include "base/err.h"
#include "web/headers.h"

#define STATIC_MAX_FILE	 (16u << 20)  /* one asset */
#define STATIC_MAX_TOTAL (256u << 20) /* all of them, gzip copies included */
#define STATIC_MAX_FILES 10000
#define STATIC_MAX_DEPTH 16 /* directory levels */

struct static_file {
	const char *name; /* below the directory, '/'-separated: "css/portal.css" */
	const char *content_type;
	const unsigned char *data;
	size_t len;
	const unsigned char *gz; /* NULL when gzip would not be smaller */
	size_t gz_len;
	char etag[HTTP_ETAG_SIZE];
	char etag_gz[HTTP_ETAG_SIZE];
	time_t mtime;
};

struct static_files;

/*
 * Load every file below dir. GK_EIO naming the file that cannot be read,
 * GK_ERANGE when a limit above is passed. On failure *out is NULL.
 */
enum gk_err static_files_load(const char *dir, struct static_files **out, struct gk_errmsg *m);
void static_files_free(struct static_files *sf);

size_t static_files_count(const struct static_files *sf);
/* The i-th file, in name order (i < count). */
const struct static_file *static_files_at(const struct static_files *sf, size_t i);
/* The file called name, or NULL; *index gets its position when found. */
const struct static_file *static_files_find(const struct static_files *sf, const char *name,
					    size_t *index);

#endif
