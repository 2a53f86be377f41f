/*
 * multipart.h: a reader of multipart/form-data bodies (RFC 7578, with the
 * delimiters of RFC 2046 §5.1.1), for the attachments of the online
 * application form ("attachments (ID scans, authorisation letters …)").
 *
 * Nothing is copied: every name, filename, type and data is a counted
 * string pointing into the body, which must outlive the result. Quoted
 * parameter values are taken as sent between their quotes (browsers
 * percent-encode a '"' in a filename, RFC 7578 §4.2 and the HTML
 * standard), so a filename is UTF-8 as the client sent it; filename* is
 * ignored (RFC 7578 §4.2: senders must not use it).
 *
 * Limits keep a hostile body from costing more than its bytes: at most
 * MULTIPART_MAX_PARTS parts, MULTIPART_MAX_HEADER bytes of header lines
 * per part, field names of MULTIPART_MAX_NAME bytes.
 */
#ifndef GK_WEB_MULTIPART_H
#define GK_WEB_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "base/str.h"

#define MULTIPART_MAX_BOUNDARY 70 /* RFC 2046 §5.1.1 */
#define MULTIPART_MAX_PARTS    32
#define MULTIPART_MAX_HEADER   (4u << 10) /* the header lines of one part */
#define MULTIPART_MAX_NAME     64	  /* a field name, in bytes */

struct multipart_part {
	struct str name;	 /* the form field: 1 to MULTIPART_MAX_NAME bytes */
	bool is_file;		 /* a filename parameter was given (perhaps empty) */
	struct str filename;	 /* as sent; empty for a field or no file chosen */
	struct str content_type; /* the part's Content-Type, trimmed; empty when absent */
	struct str data;	 /* the part's bytes */
};

struct multipart {
	struct multipart_part parts[MULTIPART_MAX_PARTS];
	size_t nparts;
};

/*
 * The boundary of a "multipart/form-data; boundary=..." Content-Type
 * (the parameter quoted or not, 1 to 70 characters of RFC 2046's
 * bchars), pointing into content_type. GK_EINVAL with a message when the
 * type is another one or the boundary is missing or malformed.
 */
enum gk_err multipart_boundary(const char *content_type, struct str *out, struct gk_errmsg *m);

/*
 * Split body into its parts. Each part needs a Content-Disposition of
 * form-data with a name; the body must end with the close delimiter.
 * GK_EINVAL with a message saying what is wrong (never echoing the
 * body) otherwise; out is then unspecified.
 */
enum gk_err multipart_parse(struct str body, struct str boundary, struct multipart *out,
			    struct gk_errmsg *m);

#endif
