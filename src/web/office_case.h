/*
 * office_case.h: applications in the back office — the inbox, the
 * registration of applications from other channels, the case page with
 * its actions, and their JSON API (office_case.c), over app/case.h.
 */
#ifndef GK_WEB_OFFICE_CASE_H
#define GK_WEB_OFFICE_CASE_H

#include <jansson.h>

#include "app/case.h"
#include "web/office.h"

/* A running clock with this many working days left or fewer is flagged
 * 即将到期 in the inbox and on the case (0: 今日到期). */
#define OFFICE_DUE_SOON_DAYS 3

/* The name shown for a user id ("" for 0), looked up once per request. */
const char *office_user_name(struct office *o, int64_t user_id);
/* Working days from today to due (negative when overdue; 0 for no date). */
int office_days_left(const struct office *o, gk_date due);
/* An inbox row as the list and the API show it (applicant masked). */
json_t *office_inbox_row(struct office *o, const struct store_inbox_row *r);
/* The case: facts, masked applicant, clock with its trace, events, and
 * the actions `who` may take now ("allowed"). */
json_t *office_case_json(struct office *o, const struct case_data *d,
			 const struct proc_actor *who);

/* The case's letters: the kinds it calls for now (preview links) and the
 * ones issued (office_letters.c). */
json_t *office_case_letters(struct office *o, const struct case_data *d);

#endif
