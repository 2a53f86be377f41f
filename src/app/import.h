/*
 * import.h: load a ledger from CSV files, all or nothing.
 *
 * Agencies keep their ledgers in spreadsheets; these imports take the
 * three files the CLI contract names (README, docs/ledger.md):
 *   applications.csv  agency,ref,applicant_type,received,closed,outcome
 *   cases.csv         agency,ref,kind,filed,closed,result
 *   documents.csv     agency,title,doc_number,category,created,published,summary,body
 * Columns are found by their header, in any order, in English or Chinese
 * (机关代码,申请编号,申请人类型,收到日期,办结日期,办理结果 …); optional extra
 * columns are read when known (import.c lists them) and reported as
 * ignored otherwise.
 *
 * The whole file is one transaction: the first bad row (unknown agency or
 * outcome, closed before received, duplicate ref, bad date, wrong column
 * count, invalid UTF-8, …) rejects the file with
 *     FILE:LINE: column NAME: what is wrong; what is allowed
 * and the database is as it was. A crash midway leaves it as it was too
 * (SQLite's journal).
 */
#ifndef GK_APP_IMPORT_H
#define GK_APP_IMPORT_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "store/store.h"

enum import_kind {
	IMPORT_APPLICATIONS,
	IMPORT_CASES,
	IMPORT_DOCUMENTS,
	IMPORT_KIND_COUNT
};

/* "applications", "cases", "documents"; parse returns false otherwise. */
const char *import_kind_name(enum import_kind k);
bool import_kind_parse(const char *s, enum import_kind *out);

#define IMPORT_MAX_FILE ((size_t)2 << 30) /* 2 GiB: a province's ledger fits */
#define IMPORT_IGNORED_MAX 512

struct import_result {
	size_t rows; /* rows stored */
	/* Header names of columns that were not read, comma-separated. */
	char ignored[IMPORT_IGNORED_MAX];
};

/*
 * Import the CSV text data (len bytes, named name in messages) into st.
 * today bounds the dates: nothing may be received, closed or published
 * after it. On failure nothing is stored and m holds the message.
 */
enum gk_err import_csv(struct store *st, enum import_kind kind, const char *name,
		       const char *data, size_t len, gk_date today, struct import_result *res,
		       struct gk_errmsg *m);

#endif
