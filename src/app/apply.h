/*
 * apply.h: an application for government information made online
 * (条例第二十九条: in writing, 数据电文 included), and what the applicant
 * may see of it afterwards.
 *
 * Input is the JSON of `POST /api/v1/applications` (the web form is turned
 * into the same object):
 *   {"agency": CODE, "idempotency_key": STRING,
 *    "applicant": {"type", "name", "id_type", "id_number", "phone",
 *                  "address", "email", "credit_code", "legal_rep"},
 *    "request": {"description", "doc_number", "form", "delivery"}}
 * type is 自然人 or one of the five kinds of 法人或其他组织 (table 三's
 * columns); a 自然人 gives an ID document, an organisation its
 * 统一社会信用代码 and legal representative (第二十九条第二款第一项).
 *
 * Submitting validates every field (a message per field, naming it by
 * its dotted path), then in one transaction: the application with its
 * RECEIVED event, the personal data sealed (app/secret.h) and masked, a
 * 查询号, an audit entry. The same idempotency key again returns the first
 * application instead of making a second (a double click, a retry).
 */
#ifndef GK_APP_APPLY_H
#define GK_APP_APPLY_H

#include <stdbool.h>

#include <jansson.h>

#include "app/attachment.h"
#include "app/secret.h"
#include "app/tracking.h"
#include "base/date.h"
#include "base/err.h"
#include "law/calendar.h"
#include "store/store.h"

#define APPLY_DESCRIPTION_MAX 4000 /* bytes of the information sought */
#define APPLY_APPLICANT_KEY_LEN 65  /* hex of a 256-bit keyed hash, and NUL */

struct apply_context {
	struct store *st;
	const struct secret_key *key;
	const struct calendar *cal;
	gk_date today;
	const char *client; /* the applicant's address, for the audit log */
	int64_t now;	    /* Unix seconds, for the audit log */
	const char *files_dir; /* where attachments are stored (app/attachment.h) */
	/* NULL for the online channel (the applicant submits, received per the
	 * agency's online rule); set when staff register an application that
	 * came another way (apply_register). */
	const struct apply_channel *channel;
};

/*
 * An application received on paper, by post, by fax, in person or online
 * outside the form, registered by staff: its channel, the date 第三十一条
 * makes its received date (computed by the caller with clock_received_date),
 * the day it was handed in or sent, and who registered it (it becomes the
 * handler: an ASSIGNED event).
 */
struct apply_channel {
	int channel; /* enum clock_channel */
	gk_date submitted, received;
	int64_t user_id;
	const char *note; /* the receipt rule applied, for the log */
};

struct apply_receipt {
	int64_t id; /* the application's id */
	char tracking_code[TRACKING_STRLEN];
	char agency[STORE_CODE_MAX + 1];
	gk_date received; /* 收到申请之日 (第三十一条) */
	gk_date due;	  /* 答复期限 (第三十三条) */
	bool existing;	  /* the idempotency key had made it before */
};

/* Which field was wrong, as its dotted path ("applicant.id_number"). */
struct apply_field {
	char path[64];
};

/*
 * Validate and store. GK_EINVAL with field->path and a Chinese message in m
 * for invalid input; GK_ENOTFOUND (field "agency") for an unknown agency;
 * store errors otherwise. Nothing is stored unless GK_OK.
 */
enum gk_err apply_submit(const struct apply_context *cx, const json_t *in,
			 struct apply_receipt *out, struct apply_field *field, struct gk_errmsg *m);

/*
 * The same with n attached files (n may be 0), checked by
 * attachment_check (a refusal names field "attachment") and stored in
 * cx->files_dir. The files are written before the transaction commits and
 * removed again on any failure: the application, its event, its audit
 * entry, its attachment rows and files are all there or none is. A retry
 * of a stored form (the same idempotency key) stores no file again.
 */
enum gk_err apply_submit_with_files(const struct apply_context *cx, const json_t *in,
				    const struct attachment *files, size_t n,
				    struct apply_receipt *out, struct apply_field *field,
				    struct gk_errmsg *m);

/*
 * What the applicant sees by 查询号: {"tracking_code","status","agency",
 * "agency_name","received","due","applicant":masked name,"attachments":
 * count,"events":[{"type","name","date"}]} — no ID number, phone or address. GK_ENOTFOUND for a
 * code that names no application (the message does not say more).
 */
enum gk_err apply_status(const struct apply_context *cx, const char *tracking_code, json_t **out,
			 struct gk_errmsg *m);

/*
 * How many applications the applicant of key (store_application.applicant_key)
 * made in the natural month of received, up to that day — the position of
 * this one for the 信息处理费 per item (国办函〔2020〕109号, law/fees.h).
 */
enum gk_err apply_month_count(const struct apply_context *cx, const char *key, gk_date received,
			      int64_t *count, struct gk_errmsg *m);

#endif
