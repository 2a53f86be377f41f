/*
 * vocab.c: the ids and Chinese names of roles and application events.
 * The ids are stable (they appear in configuration, import files and URLs);
 * the numeric values of the enums are stored in databases.
 */
#include <string.h>

#include "store/store.h"

#include "base/banned.h"

struct vocab {
	const char *id;
	const char *name;
};

static const struct vocab roles[ROLE_COUNT] = {
    [ROLE_ADMIN] = {"admin", "平台管理员"},
    [ROLE_AGENCY_ADMIN] = {"agency_admin", "机关管理员"},
    [ROLE_HANDLER] = {"handler", "承办人"},
    [ROLE_REVIEWER] = {"reviewer", "审核人"},
    [ROLE_SUPERVISOR] = {"supervisor", "政务公开办"},
};

static const struct vocab event_kinds[EVENT_KIND_COUNT] = {
    [EVENT_RECEIVED] = {"received", "收到申请"},
    [EVENT_CORRECTION_ASKED] = {"correction_requested", "补正告知"},
    [EVENT_CORRECTION_RECEIVED] = {"correction_received", "收到补正"},
    [EVENT_CONSULTATION_OPENED] = {"consultation_opened", "征求意见"},
    [EVENT_CONSULTATION_CLOSED] = {"consultation_closed", "征求意见结束"},
    [EVENT_EXTENSION_APPROVED] = {"extension_approved", "延期答复"},
    [EVENT_FEE_NOTICE] = {"fee_notice", "收费通知"},
    [EVENT_FEE_PAID] = {"fee_paid", "缴纳费用"},
    [EVENT_ANSWERED] = {"answered", "答复"},
    [EVENT_CLOSED] = {"closed", "办结"},
    [EVENT_CARRIED_OVER] = {"carried_over", "结转下年度"},
    [EVENT_CORRECTION_LAPSED] = {"correction_lapsed", "逾期未补正"},
    [EVENT_EXTENSION_REQUESTED] = {"extension_requested", "申请延期"},
    [EVENT_FEE_LAPSED] = {"fee_lapsed", "逾期未缴费"},
    [EVENT_ANSWER_DRAFTED] = {"answer_drafted", "答复拟稿送审"},
    [EVENT_ANSWER_RETURNED] = {"answer_returned", "审核退回"},
    [EVENT_ANSWER_APPROVED] = {"answer_approved", "审核通过"},
    [EVENT_ASSIGNED] = {"assigned", "分办"},
    [EVENT_EXTENSION_REFUSED] = {"extension_refused", "延期未获同意"},
};

/* Index of s among the ids or names of table[0..n), or -1. */
static int vocab_find(const struct vocab *table, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, table[i].id) == 0 || strcmp(s, table[i].name) == 0)
			return i;
	return -1;
}

const char *store_role_id(enum store_role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].id : "?";
}

const char *store_role_name(enum store_role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].name : "?";
}

bool store_role_parse(const char *s, enum store_role *out)
{
	int i = vocab_find(roles, ROLE_COUNT, s);

	if (i < 0)
		return false;
	*out = (enum store_role)i;
	return true;
}

const char *app_event_kind_id(enum app_event_kind k)
{
	return (unsigned)k < EVENT_KIND_COUNT ? event_kinds[k].id : "?";
}

const char *app_event_kind_name(enum app_event_kind k)
{
	return (unsigned)k < EVENT_KIND_COUNT ? event_kinds[k].name : "?";
}

bool app_event_kind_parse(const char *s, enum app_event_kind *out)
{
	int i = vocab_find(event_kinds, EVENT_KIND_COUNT, s);

	if (i < 0)
		return false;
	*out = (enum app_event_kind)i;
	return true;
}
