/*
 * read.h: read one annual report from a file or from memory, whatever its
 * kind.
 *
 * The dispatch looks at the bytes, not the file name:
 *   JSON (first non-space byte '{')    → report_read_json() (read_json.h): one
 *                                        report object as write_json.h prints it;
 *   PDF  (%PDF magic)                  → `pdftotext -layout -enc UTF-8 FILE -` run
 *                                        as a subprocess (DESIGN.md: no linked
 *                                        poppler), with a timeout and an output
 *                                        cap, then the text reader;
 *   HTML (<html, <!DOCTYPE html, <table) → report_read_html() (read_html.h);
 *   anything else                      → report_read_text() (read_text.h), after
 *                                        converting GB18030 text to UTF-8.
 * The readers settle the layout and note mixed layouts (read_text.h). When
 * the caller names the report year (`--year`), that year replaces the
 * printed one and decides the layout (legal-facts §1.10); a different
 * printed year is noted.
 */
#ifndef GK_REPORT_READ_H
#define GK_REPORT_READ_H

#include <stddef.h>

#include "base/err.h"
#include "report/sheet.h"

/* Largest input file read (PDFs of annual reports are a few MiB). */
#define REPORT_MAX_INPUT (64u << 20)
/* Default cap on the text pdftotext may produce, and its time limit. */
#define REPORT_PDF_MAX_TEXT (16u << 20)
#define REPORT_PDF_TIMEOUT_MS 60000

enum report_kind {
	REPORT_KIND_TEXT, /* plain text or Markdown */
	REPORT_KIND_HTML,
	REPORT_KIND_PDF,
	REPORT_KIND_XLSX, /* an Office Open XML workbook (a ZIP file) */
	REPORT_KIND_JSON  /* one report object (write_json.h) */
};

struct report_read_options {
	int year;	     /* report year to assume (`--year`); 0 = as printed */
	int pdf_timeout_ms;  /* 0 = REPORT_PDF_TIMEOUT_MS */
	size_t pdf_max_text; /* 0 = REPORT_PDF_MAX_TEXT */
};

/* What the bytes are, by content (see above). */
enum report_kind report_detect_kind(const char *bytes, size_t len);

/* "text", "html", "pdf", "xlsx" or "json". */
const char *report_kind_name(enum report_kind kind);

/*
 * Read the report in bytes[0..len); name is used in messages and notes.
 * opts may be NULL (all defaults). On GK_OK *out is a new sheet the caller
 * frees with sheet_free(). On failure *out is NULL and m says why in one
 * line: GK_EFORMAT (no recognisable report, pdftotext refused the file or
 * timed out), GK_ERANGE (pdftotext output over the cap), GK_EIO (pdftotext
 * could not be run), GK_ENOMEM.
 */
enum gk_err report_read_memory(const char *bytes, size_t len, const char *name,
			       const struct report_read_options *opts, struct sheet **out,
			       struct gk_errmsg *m);

/*
 * Read the report in the file at path ("-" is standard input), as
 * report_read_memory(). Also GK_EIO when the file cannot be opened or read,
 * GK_EINVAL when path is a directory, GK_ERANGE when it is larger than
 * REPORT_MAX_INPUT.
 */
enum gk_err report_read_file(const char *path, const struct report_read_options *opts,
			     struct sheet **out, struct gk_errmsg *m);

#endif
