/*
 * rules.h: the arithmetic relationships (勾稽关系) of an annual report.
 *
 * Checks a struct sheet against every identity of legal-facts §1.9 and
 * reports findings:
 *
 *   rule id                 severity  what
 *   requests.balance        error     A + B = C7 + D in every column of 三, 总计 included
 *                                     (the note printed in the table: “第一项加第二项之和，
 *                                     等于第三项加第四项之和”)
 *   requests.results_total  error     C7 = the sum of every result row (C1 … C6 / C6.1–C6.3)
 *   requests.row_total      error     总计 = the six applicant columns, in every row of 三
 *   appeals.total           error     each 总计 of 四 = 维持 + 纠正 + 其他 + 尚未审结
 *   shared_cell             error     a cell that sits in both a failing row identity and a
 *                                     failing column identity: the likely wrong number
 *   cross_year.carry_over   warning   B(year N) = D(year N−1) of the same agency
 *   blank                   warning   required cells left blank (one finding per row)
 *   unreadable, label, mixed_layout, missing_row, missing_table, reader
 *                           warning   the reader's notes (sheet.h), passed on
 *   missing_table, year_unknown, layout_unknown
 *                           warning   what the sheet lacks
 *
 * Blank is unknown, not zero. Counts are never negative, so when a total
 * is smaller than the sum of its known parts it is an error whatever the
 * blanks hold; when the identity could only hold if blank (or unreadable)
 * cells carry numbers, it is a warning.
 *
 * Findings own no pointers into the sheet: ids, labels and column names
 * are static strings from layout.h, messages are stored inline.
 */
#ifndef GK_REPORT_RULES_H
#define GK_REPORT_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "report/sheet.h"

enum finding_severity {
	FINDING_ERROR,
	FINDING_WARNING
};

#define FINDING_MESSAGE_MAX 384

struct finding {
	enum finding_severity severity;
	const char *rule;	 /* static rule id, e.g. "requests.row_total" */
	enum report_table table; /* TABLE_COUNT when about the report as a whole */
	int row;		 /* row enum of that table, -1 when the finding spans rows */
	const char *row_id;	 /* static; NULL when row is -1 */
	const char *row_label;	 /* static; verbatim label, or what the rows are */
	int col;		 /* column of that table, -1 when none */
	const char *column;	 /* static column id ("natural_person"); NULL when none */
	const char *column_label; /* static printed header ("自然人"); NULL when none */
	bool has_expected;
	/* When expected_at_least, the rule knows a minimum only. */
	bool expected_at_least;
	struct sheet_num expected;
	bool has_actual; /* false when the printed cell is blank or unreadable */
	struct sheet_num actual;
	uint32_t line; /* source line of the cell concerned; 0 when unknown */
	char message[FINDING_MESSAGE_MAX];
};

/* A growable list of findings; zero-initialised (or findings_init) is empty. */
struct findings {
	struct finding *items;
	size_t n;
	size_t cap;
	size_t errors;
	size_t warnings;
};

void findings_init(struct findings *f);
/* Free the items; f may be initialised again. */
void findings_release(struct findings *f);

/*
 * Check one sheet and append its findings to out, in a stable order (by
 * table, then rule, then row and column). The layout is s->layout, or the
 * one for s->year when the reader left it unknown. Returns GK_ENOMEM when a
 * finding could not be stored (the list holds those appended so far).
 */
enum gk_err rules_check(const struct sheet *s, struct findings *out);

/*
 * The cross-year identity B(N) = D(N−1) (legal-facts §1.9 rule 4): compare
 * table 三 row B of cur with row D of prev, column by column, and append a
 * warning to out for each printed pair that differs. Advisory only: 机构改革
 * and merged bodies break the chain legitimately. The caller decides that
 * both sheets are the same agency and cur->year == prev->year + 1.
 */
enum gk_err rules_check_carry_over(const struct sheet *prev, const struct sheet *cur,
				   struct findings *out);

/* "error" or "warning". */
const char *finding_severity_name(enum finding_severity sev);

#endif
