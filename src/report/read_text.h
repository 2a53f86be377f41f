/*
 * read_text.h: read an annual report from plain text or Markdown.
 *
 * Input is what agencies publish as text or Markdown, and what
 * `pdftotext -layout` makes of a PDF: tables as tab- or space-separated
 * columns, Markdown pipe tables, labels split over lines, ASCII or
 * full-width punctuation (legal-facts §0 "Typography"). report/read.h
 * dispatches here for everything that is neither PDF nor HTML, and for
 * the text of a PDF.
 */
#ifndef GK_REPORT_READ_TEXT_H
#define GK_REPORT_READ_TEXT_H

#include "base/err.h"
#include "base/str.h"
#include "report/sheet.h"

/*
 * Fill the empty sheet s (from sheet_new()) from text; name is the file
 * name for messages. The reader sets what it finds: s->year (the year the
 * report is about, 0 when not found), agency and title, the cells of tables
 * 二/三/四 with their 1-based source line, has_table[], and notes for what
 * a person should look at (unreadable cells, label deviations, mixed
 * layout rows, missing rows). It may set s->layout when the printed rows
 * decide it; otherwise report/read.c settles it from the rows and year.
 *
 * Returns GK_OK when at least one of the tables was recognised;
 * GK_EFORMAT with a one-line message in m when the text holds no
 * recognisable report table; GK_ENOMEM when memory ran out. On failure s
 * may be partly filled; the caller frees it.
 */
enum gk_err report_read_text(struct str text, const char *name, struct sheet *s,
			     struct gk_errmsg *m);

#endif
