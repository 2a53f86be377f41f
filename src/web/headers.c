#include "web/headers.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>
#include <zlib.h>

#include "base/banned.h"

const struct http_header http_security_headers[] = {
    /*
     * Scripts and styles only from files of this site (no inline code:
     * a template that forgets to escape cannot become a script), images
     * also as data: URIs (the charts), forms posting only here, never
     * inside a frame, no plugins, no <base> rewriting.
     */
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    /* Links to other sites do not carry our paths (which may name a case). */
    {"Referrer-Policy", "same-origin"},
    /* A disclosure portal needs none of these powerful features. */
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			   "interest-cohort=()"},
};
const size_t http_security_headers_count =
    sizeof(http_security_headers) / sizeof(http_security_headers[0]);

void http_etag(const void *data, size_t len, bool gzip, char out[HTTP_ETAG_SIZE])
{
	unsigned char digest[16];
	char hex[2 * sizeof(digest) + 1];

	crypto_generichash(digest, sizeof(digest), data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	snprintf(out, HTTP_ETAG_SIZE, "\"%s%s\"", hex, gzip ? "-gz" : "");
}

static const char *skip_ows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The tag without W/ and quotes: [*start, *start + *len). */
static void opaque_tag(const char *tag, size_t len, const char **start, size_t *out_len)
{
	if (len >= 2 && tag[0] == 'W' && tag[1] == '/') {
		tag += 2;
		len -= 2;
	}
	if (len >= 2 && tag[0] == '"' && tag[len - 1] == '"') {
		tag++;
		len -= 2;
	}
	*start = tag;
	*out_len = len;
}

bool http_etag_matches(const char *if_none_match, const char *etag)
{
	const char *want, *p = if_none_match;
	size_t want_len;

	if (!p || !etag)
		return false;
	opaque_tag(etag, strlen(etag), &want, &want_len);
	for (;;) {
		const char *start, *tag;
		size_t len;

		p = skip_ows(p);
		if (*p == '\0')
			return false;
		start = p;
		/* A tag is W/"..." or "..."; commas cannot occur inside one. */
		while (*p && *p != ',')
			p++;
		len = (size_t)(p - start);
		while (len && (start[len - 1] == ' ' || start[len - 1] == '\t'))
			len--;
		if (len == 1 && start[0] == '*')
			return true;
		opaque_tag(start, len, &tag, &len);
		if (len == want_len && !memcmp(tag, want, len))
			return true;
		if (*p == ',')
			p++;
	}
}

static const char *const wdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void http_date_format(time_t t, char out[HTTP_DATE_SIZE])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, HTTP_DATE_SIZE, "%s, %02d %s %04d %02d:%02d:%02d GMT", wdays[tm.tm_wday],
		 tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec);
}

/* n decimal digits at s; -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool http_date_parse(const char *s, time_t *out)
{
	/* "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions. */
	struct tm tm = {0};
	int mon = -1;

	if (!s || strlen(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
	    s[16] != ' ' || s[19] != ':' || s[22] != ':' || strcmp(s + 25, " GMT") != 0)
		return false;
	for (int i = 0; i < 12; i++)
		if (!memcmp(s + 8, months[i], 3))
			mon = i;
	tm.tm_mday = digits(s + 5, 2);
	tm.tm_year = digits(s + 12, 4) - 1900;
	tm.tm_hour = digits(s + 17, 2);
	tm.tm_min = digits(s + 20, 2);
	tm.tm_sec = digits(s + 23, 2);
	if (mon < 0 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_year < 70 || tm.tm_hour < 0 ||
	    tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60)
		return false;
	tm.tm_mon = mon;
	*out = timegm(&tm);
	return *out != (time_t)-1;
}

/* The q-value after a coding's ";": 1 when absent, 0 for q=0, q=0.0, q=0.000. */
static bool q_is_zero(const char *params, size_t len)
{
	const char *q = NULL;

	for (size_t i = 0; i + 1 < len; i++)
		if ((params[i] == 'q' || params[i] == 'Q') && params[i + 1] == '=')
			q = params + i + 2;
	if (!q || *q != '0')
		return false;
	for (q++; q < params + len && (*q == '.' || *q == '0'); q++)
		;
	return q == params + len || *q == ' ' || *q == '\t' || *q == ';';
}

bool http_accepts_gzip(const char *accept_encoding)
{
	const char *p = accept_encoding;
	int gzip = -1, star = -1; /* -1 not listed, 0 refused, 1 accepted */

	if (!p)
		return false;
	while (*p) {
		const char *start, *semi;
		size_t len, name_len;

		p = skip_ows(p);
		start = p;
		while (*p && *p != ',')
			p++;
		len = (size_t)(p - start);
		semi = memchr(start, ';', len);
		name_len = semi ? (size_t)(semi - start) : len;
		while (name_len && (start[name_len - 1] == ' ' || start[name_len - 1] == '\t'))
			name_len--;
		int ok = semi ? !q_is_zero(semi + 1, len - (size_t)(semi + 1 - start)) : 1;
		if ((name_len == 4 && !strncasecmp(start, "gzip", 4)) ||
		    (name_len == 6 && !strncasecmp(start, "x-gzip", 6)))
			gzip = ok;
		else if (name_len == 1 && start[0] == '*')
			star = ok;
		if (*p == ',')
			p++;
	}
	return gzip == 1 || (gzip == -1 && star == 1);
}

bool http_type_compressible(const char *type)
{
	static const char *const types[] = {
	    "application/json", "application/javascript",    "application/xml",
	    "image/svg+xml",	"application/manifest+json",
	};

	if (!type)
		return false;
	if (!strncasecmp(type, "text/", 5))
		return true;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t n = strlen(types[i]);
		if (!strncasecmp(type, types[i], n) && (type[n] == '\0' || type[n] == ';'))
			return true;
	}
	return false;
}

const char *http_type_for_name(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".css", "text/css; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".mjs", "text/javascript; charset=utf-8"},
	    {".html", "text/html; charset=utf-8"},
	    {".txt", "text/plain; charset=utf-8"},
	    {".csv", "text/csv; charset=utf-8"},
	    {".json", "application/json"},
	    {".map", "application/json"},
	    {".webmanifest", "application/manifest+json"},
	    {".xml", "application/xml"},
	    {".svg", "image/svg+xml"},
	    {".png", "image/png"},
	    {".jpg", "image/jpeg"},
	    {".jpeg", "image/jpeg"},
	    {".gif", "image/gif"},
	    {".webp", "image/webp"},
	    {".ico", "image/vnd.microsoft.icon"},
	    {".woff2", "font/woff2"},
	    {".woff", "font/woff"},
	    {".pdf", "application/pdf"},
	};
	const char *dot = strrchr(name, '.');

	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (!strcasecmp(dot, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

bool http_gzip(const void *data, size_t len, int level, struct buf *out)
{
	z_stream z = {0};
	unsigned char chunk[16384];
	int rc;

	/* Bodies are bounded far below 4 GiB: one deflate call takes them whole. */
	if (len > UINT_MAX)
		return false;
	/* windowBits 15 + 16: the gzip wrapper rather than zlib's. */
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	z.next_in = (unsigned char *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		buf_append(out, chunk, sizeof(chunk) - z.avail_out);
	} while (rc == Z_OK && !out->failed);
	deflateEnd(&z);
	return rc == Z_STREAM_END && !out->failed;
}
