/*
 * labels.h: fold and match the printed labels of the annual report tables.
 *
 * Published reports print the labels of legal-facts §1.4–§1.7 with ASCII
 * or full-width punctuation, straight or curly quotes, “1、” / “1.” /
 * “1．”, spaces inside words (“结 果 维 持”), Kangxi radicals from PDFs,
 * and known misprints (“2.其他法律行政止公开”). Readers compare matching
 * keys instead of the printed text:
 *
 *   key = the NFKC compatibility mapping of each character (utf8proc),
 *         keeping letters and digits only, ASCII letters lower-cased.
 *
 * So “（二）部分公开（区分处理的，…）” and “(二) 部分公开(区分处理的,…)” both
 * fold to “二部分公开区分处理的…”, and “3.危及“三安全一稳定”” to
 * “3危及三安全一稳定”. Keys are for matching only: stored text (titles,
 * agency names, quotes in notes) is always the printed bytes.
 *
 * The matchers recognise a row from a distinctive part of its label, so a
 * label cut by a line break or with one misprinted word is still found.
 * Shared by the text and HTML readers.
 */
#ifndef GK_REPORT_LABELS_H
#define GK_REPORT_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"
#include "report/layout.h"

/*
 * Write the matching key of text into out (capacity cap bytes, not
 * NUL-terminated) and return its length. Stops at the last whole character
 * that fits. Invalid UTF-8 bytes are skipped.
 */
size_t label_fold(struct str text, char *out, size_t cap);

/* True when the key contains needle (a key itself, e.g. "本年新收"). */
bool label_key_has(struct str key, const char *needle);

/*
 * The table 三 data row whose label occurs in key, or REQ_ROW_COUNT. When
 * key holds labels of several rows (a group label printed in front, or a
 * wrapped tail of the previous row), the one that starts last wins: the
 * innermost label is printed last. （六）其他处理 gives REQ_C6 (a data row
 * in the 2019 layout, the group header in 2021); the caller decides which.
 * Group headers C, C3, C4, C5 give REQ_ROW_COUNT.
 */
enum req_row label_match_request(struct str key);

/*
 * The table 二 row named by key (规章, (行政)规范性文件, 行政许可, …), or
 * DISC_ROW_COUNT. Keys longer than a label with a short prefix (a block
 * title, a Markdown cell) are refused, so prose that mentions 规章 is not
 * taken for the row.
 */
enum disc_row label_match_disclosure(struct str key);

/*
 * True when a printed cell means "nothing here": empty, or only dashes
 * (- – — ― － ─) or one slash (/ ／). Such a cell is blank, not zero
 * (sheet.h). “无” is not blank: it is a word, so readers keep it as an
 * unreadable cell for a person to judge.
 */
bool label_is_blank_marker(struct str cell);

#endif
