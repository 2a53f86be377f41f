#include "report/read.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "report/read_html.h"
#include "report/read_json.h"
#include "report/read_text.h"
#include "report/read_xlsx.h"

#include "base/banned.h"

extern char **environ;

/* <html and <!DOCTYPE are looked for in the head of the bytes only; <table
 * anywhere, since a Markdown export may embed an HTML table. */
#define HTML_SNIFF_BYTES 8192
#define PDF_SNIFF_BYTES 1024

static bool has_prefix_nocase(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && !strncasecmp(p, word, n);
}

/* Whether word occurs (ASCII case-insensitive) in bytes[0..len). */
static bool contains_nocase(const char *bytes, size_t len, const char *word)
{
	const char *end = bytes + len;

	for (const char *p = bytes; p < end; p++) {
		p = memchr(p, word[0], (size_t)(end - p));
		if (!p)
			return false;
		if (has_prefix_nocase(p, end, word))
			return true;
	}
	return false;
}

enum report_kind report_detect_kind(const char *bytes, size_t len)
{
	size_t head = len < HTML_SNIFF_BYTES ? len : HTML_SNIFF_BYTES;
	size_t lead = 0;

	/* First, since its strings may hold "%PDF-" or "<table": a report object
	 * (write_json.h) starts with '{', which no report text does. */
	while (lead < len && strchr(" \t\r\n", bytes[lead]) && bytes[lead])
		lead++;
	if (lead < len && bytes[lead] == '{')
		return REPORT_KIND_JSON;
	/* The PDF header may follow a little garbage (PDF 32000-1, 7.5.2
	 * readers accept it within the first 1024 bytes). */
	if (contains_nocase(bytes, len < PDF_SNIFF_BYTES ? len : PDF_SNIFF_BYTES, "%PDF-"))
		return REPORT_KIND_PDF;
	/* A workbook is a ZIP archive: local file header signature PK\3\4. */
	if (len >= 4 && !memcmp(bytes, "PK\3\4", 4))
		return REPORT_KIND_XLSX;
	if (contains_nocase(bytes, head, "<html") || contains_nocase(bytes, head, "<!doctype html") ||
	    contains_nocase(bytes, len, "<table"))
		return REPORT_KIND_HTML;
	return REPORT_KIND_TEXT;
}

const char *report_kind_name(enum report_kind kind)
{
	static const char *const names[] = {"text", "html", "pdf", "xlsx", "json"};

	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

/* --- Encodings ------------------------------------------------------------ */

static bool is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		size_t n;

		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF)
			n = 1;
		else if (*p >= 0xE0 && *p <= 0xEF)
			n = 2;
		else if (*p >= 0xF0 && *p <= 0xF4)
			n = 3;
		else
			return false;
		if ((size_t)(end - p) <= n)
			return false;
		for (size_t i = 1; i <= n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		p += n + 1;
	}
	return true;
}

/*
 * Text that is not UTF-8 is taken as GB18030 (the superset of GBK and
 * gb2312 in which older agency pages and exports are written) and
 * converted into out. Returns false when it is not that either.
 */
static bool gb18030_to_utf8(const char *in, size_t len, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char chunk[4096];
	char *src = (char *)in;
	size_t left = len;
	bool ok = true;

	if (cd == (iconv_t)-1)
		return false;
	while (left && ok) {
		char *dst = chunk;
		size_t room = sizeof(chunk);

		if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1 && errno != E2BIG)
			ok = false;
		buf_append(out, chunk, sizeof(chunk) - room);
	}
	iconv_close(cd);
	return ok && !out->failed;
}

/* --- pdftotext ------------------------------------------------------------- */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Run `pdftotext -layout -enc UTF-8 pdf -` and collect its standard output
 * into text, for at most timeout_ms and max bytes. The child is killed
 * when either limit is passed.
 */
static enum gk_err run_pdftotext(const char *pdf, const char *name, int timeout_ms, size_t max,
				 struct buf *text, struct gk_errmsg *m)
{
	char *argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", (char *)pdf, "-", NULL};
	posix_spawn_file_actions_t fa;
	long long deadline = now_ms() + timeout_ms;
	enum gk_err err = GK_OK;
	int fds[2], status, rc;
	pid_t pid;

	if (pipe(fds))
		return gk_errf(m, GK_EIO, "%s: cannot create a pipe: %s", name, strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc) {
		close(fds[0]);
		return gk_errf(m, GK_EIO,
			       "%s: cannot run pdftotext (%s); install poppler-utils to read PDF",
			       name, strerror(rc));
	}
	buf_init(text, max);
	for (;;) {
		struct pollfd pfd = {fds[0], POLLIN, 0};
		long long left = deadline - now_ms();
		char chunk[65536];
		ssize_t n;

		if (left <= 0) {
			err = gk_errf(m, GK_EFORMAT, "%s: pdftotext took longer than %d s",
				      name, timeout_ms / 1000);
			break;
		}
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0)
			continue;
		n = read(fds[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_append(text, chunk, (size_t)n);
		if (text->failed) {
			err = gk_errf(m, GK_ERANGE, "%s: the PDF's text is larger than %zu bytes",
				      name, max);
			break;
		}
	}
	close(fds[0]);
	if (err)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!err && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		err = gk_errf(m, GK_EFORMAT, "%s: pdftotext could not read the PDF (exit status %d)",
			      name, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return err;
}

/* Write bytes to a private temporary file for pdftotext; path gets its name. */
static enum gk_err write_temp(const char *bytes, size_t len, const char *name, char *path,
			      size_t path_size, struct gk_errmsg *m)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, path_size, "%s/gongkai-pdf-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return gk_errf(m, GK_EIO, "%s: cannot create a temporary file in %s: %s", name,
			       dir && *dir ? dir : "/tmp", strerror(errno));
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, bytes + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;

			close(fd);
			unlink(path);
			return gk_errf(m, GK_EIO, "%s: cannot write a temporary file: %s", name,
				       strerror(e));
		}
		done += (size_t)n;
	}
	close(fd);
	return GK_OK;
}

static enum gk_err pdf_text(const char *bytes, size_t len, const char *name,
			    const struct report_read_options *o, struct buf *text,
			    struct gk_errmsg *m)
{
	char path[4096];
	enum gk_err err = write_temp(bytes, len, name, path, sizeof(path), m);

	if (err)
		return err;
	err = run_pdftotext(path, name, o->pdf_timeout_ms ? o->pdf_timeout_ms : REPORT_PDF_TIMEOUT_MS,
			    o->pdf_max_text ? o->pdf_max_text : REPORT_PDF_MAX_TEXT, text, m);
	unlink(path);
	return err;
}

/* --- Dispatch ---------------------------------------------------------------- */

static enum gk_err read_kind(const char *bytes, size_t len, const char *name,
			     const struct report_read_options *o, struct sheet *s,
			     struct gk_errmsg *m)
{
	enum report_kind kind = report_detect_kind(bytes, len);
	struct buf text;
	enum gk_err err;

	if (kind == REPORT_KIND_HTML)
		return report_read_html((struct str){bytes, len}, name, s, m);
	if (kind == REPORT_KIND_XLSX)
		return report_read_xlsx((struct str){bytes, len}, name, s, m);
	if (kind == REPORT_KIND_JSON)
		return report_read_json((struct str){bytes, len}, name, s, m);
	buf_init(&text, (size_t)-1);
	if (kind == REPORT_KIND_PDF) {
		err = pdf_text(bytes, len, name, o, &text, m);
		if (!err)
			err = report_read_text(buf_str(&text), name, s, m);
	} else if (is_utf8(bytes, len)) {
		err = report_read_text((struct str){bytes, len}, name, s, m);
	} else if (gb18030_to_utf8(bytes, len, &text)) {
		err = report_read_text(buf_str(&text), name, s, m);
	} else {
		err = gk_errf(m, GK_EFORMAT, "%s: neither UTF-8 nor GB18030 text, HTML or PDF",
			      name);
	}
	buf_release(&text);
	return err;
}

enum gk_err report_read_memory(const char *bytes, size_t len, const char *name,
			       const struct report_read_options *opts, struct sheet **out,
			       struct gk_errmsg *m)
{
	static const struct report_read_options defaults = {0};
	const struct report_read_options *o = opts ? opts : &defaults;
	struct sheet *s = sheet_new();
	enum gk_err err;

	*out = NULL;
	if (!s)
		return gk_errf(m, GK_ENOMEM, "%s: out of memory", name);
	err = read_kind(bytes, len, name, o, s, m);
	if (err) {
		sheet_free(s);
		return err;
	}
	if (o->year && s->year != o->year) {
		if (s->year)
			sheet_add_note(s, NOTE_OTHER, 0, TABLE_COUNT, -1, -1,
				       "报告写明 %d 年度，按 --year %d 核对", s->year, o->year);
		s->year = o->year;
		/* The year decides the layout (legal-facts §1.10). */
		s->layout = layout_for_year(o->year);
	}
	*out = s;
	return GK_OK;
}

enum gk_err report_read_file(const char *path, const struct report_read_options *opts,
			     struct sheet **out, struct gk_errmsg *m)
{
	struct buf b;
	enum gk_err err = file_read_all(path, REPORT_MAX_INPUT, &b, m);

	*out = NULL;
	if (!err)
		err = report_read_memory(b.data ? b.data : "", b.len, path, opts, out, m);
	buf_release(&b);
	return err;
}
