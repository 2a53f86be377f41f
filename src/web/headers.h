/*
 * headers.h: the header values the HTTP core computes and compares —
 * entity tags, HTTP dates, content codings, content types — and the
 * security headers every response carries. Pure functions, shared by the
 * dynamic responses (http.c) and the static files (static_files.c).
 */
#ifndef GK_WEB_HEADERS_H
#define GK_WEB_HEADERS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/buf.h"
#include "web/http.h"

/*
 * The security headers of every response, errors and static files
 * included. The CSP allows no inline script or style and no framing;
 * docs/http.md explains each.
 */
extern const struct http_header http_security_headers[];
extern const size_t http_security_headers_count;

/* '"' + 32 hex digits + '"' + NUL, and the gzip variant's "-gz" suffix. */
#define HTTP_ETAG_SIZE 38

/*
 * A strong entity tag for the bytes: a BLAKE2b-128 digest (libsodium) in
 * hex, quoted. gzip: the tag of the gzip-coded representation of the same
 * bytes (a different representation needs a different strong tag).
 */
void http_etag(const void *data, size_t len, bool gzip, char out[HTTP_ETAG_SIZE]);

/*
 * True when an If-None-Match value names etag: "*", or a list of tags
 * compared weakly (a W/ prefix is ignored on either side, RFC 9110 13.1.2).
 */
bool http_etag_matches(const char *if_none_match, const char *etag);

/* "Sun, 06 Nov 1994 08:49:37 GMT" plus NUL, with room for any year. */
#define HTTP_DATE_SIZE 48

void http_date_format(time_t t, char out[HTTP_DATE_SIZE]);
/* Parse an IMF-fixdate (the only form a sender may generate). */
bool http_date_parse(const char *s, time_t *out);

/*
 * True when Accept-Encoding allows gzip: "gzip" or "*" listed with a
 * q-value above zero, and gzip not refused with q=0.
 */
bool http_accepts_gzip(const char *accept_encoding);

/* Text-like types (text/..., JSON, JavaScript, SVG, XML) that gzip shrinks. */
bool http_type_compressible(const char *content_type);

/* The content type for a file name's extension; application/octet-stream when unknown. */
const char *http_type_for_name(const char *name);

/*
 * Append the gzip coding (RFC 1952 header and trailer) of data to out.
 * level: zlib's 1..9. Returns false when zlib or out failed.
 */
bool http_gzip(const void *data, size_t len, int level, struct buf *out);

#endif
