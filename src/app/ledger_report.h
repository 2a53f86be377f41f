/*
 * ledger_report.h: the annual report (年度报告) compiled from the ledger.
 *
 * One report = one scope (an agency, or an agency and every agency under
 * it, over a calendar year or any date range for 季度统计). The compiler
 * counts the ledger (store_count), places the counts in the layout the
 * year calls for (ledger_tables), adds the figures entered from other
 * systems, takes the text sections as staff edited them (or drafts them,
 * ledger_text), and runs the checker's rules over the result. Because
 * every application is counted once, A + B = C7 + D holds by
 * construction; a rule that fails anyway is a bug in gongkai, reported as
 * GK_EINTERNAL and never written out.
 *
 * A published report is frozen (ledger_report_publish): its JSON is kept
 * with who published it and when, and from then on the scope's report is
 * that snapshot, whatever later ledger edits do (LEDGER_REPORT_LIVE
 * compiles afresh anyway, for comparison).
 */
#ifndef GK_APP_LEDGER_REPORT_H
#define GK_APP_LEDGER_REPORT_H

#include <stdbool.h>

#include "base/err.h"
#include "report/rules.h"
#include "report/sheet.h"
#include "store/store.h"

struct ledger_report {
	struct sheet *sheet;	  /* owned */
	struct findings findings; /* the rules' warnings (blank cells of 二 …); no errors */
	bool frozen;		  /* read from the published snapshot */
	char *published_by;	  /* owned; when frozen */
	gk_date published_on;	  /* when frozen */
};

enum ledger_report_flags {
	LEDGER_REPORT_LIVE = 1, /* compile from the ledger even when a snapshot exists */
};

/* Build the report of scope into *out (release it in every case). */
enum gk_err ledger_report_build(struct store *st, const struct store_scope *scope,
				unsigned flags, struct ledger_report *out, struct gk_errmsg *m);
void ledger_report_release(struct ledger_report *r);

/*
 * Freeze the scope's report as compiled now, published by `by` on `on`.
 * GK_ECONFLICT when it is already frozen.
 */
enum gk_err ledger_report_publish(struct store *st, const struct store_scope *scope,
				  const char *by, gk_date on, struct gk_errmsg *m);

/*
 * Compile the report of every agency on its own for [from, to], counting
 * the whole ledger in a few passes (store_count_each_agency), and call fn
 * with each, in agency id order. A non-zero return from fn stops.
 */
typedef int (*ledger_report_fn)(void *ctx, const struct store_agency *a,
				const struct ledger_report *r);
enum gk_err ledger_report_each_agency(struct store *st, gk_date from, gk_date to,
				      ledger_report_fn fn, void *ctx, struct gk_errmsg *m);

/* The store_report_text_* section number of a text section (1, 5, 6). */
int ledger_report_section_number(enum report_section s);

#endif
