/*
 * apply.c: online applications (apply.h).
 */
#include "app/apply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/audit.h"
#include "app/case.h"
#include "law/clock.h"
#include "law/ident.h"

#include "base/banned.h"

#define PERSONAL_MAX (16u << 10)

/* The ID documents a 自然人 may give; only the 居民身份证 has a check digit. */
static const char *const id_types[] = {
	"居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证",
	"外国人永久居留身份证", "港澳台居民居住证",
};

static const struct {
	const char *name;
	enum app_form form;
} forms[] = {{"纸质", APP_FORM_PAPER}, {"电子", APP_FORM_ELECTRONIC}};

static const struct {
	const char *name;
	enum app_delivery delivery;
} deliveries[] = {{"邮寄", APP_DELIVERY_POST},
		  {"电子邮件", APP_DELIVERY_EMAIL},
		  {"自行领取", APP_DELIVERY_PICKUP},
		  {"在线下载", APP_DELIVERY_DOWNLOAD}};

/* The field's path into field and the message into m: GK_EINVAL. */
__attribute__((format(printf, 4, 5))) static enum gk_err
bad(struct apply_field *field, struct gk_errmsg *m, const char *path, const char *fmt, ...)
{
	va_list ap;
	char text[sizeof(m->text)];

	snprintf(field->path, sizeof(field->path), "%s", path);
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return gk_errf(m, GK_EINVAL, "%s", text);
}

/* A string member of o ("" when absent or null; GK_EINVAL when not a string). */
static enum gk_err member(const json_t *o, const char *name, const char *path, size_t max,
			  bool required, const char **out, struct apply_field *field,
			  struct gk_errmsg *m)
{
	const json_t *v = json_object_get(o, name);

	*out = "";
	if (v && !json_is_null(v) && !json_is_string(v))
		return bad(field, m, path, "%s：应为文字", path);
	if (v && json_is_string(v))
		*out = json_string_value(v);
	if (required && !**out)
		return bad(field, m, path, "%s：必填", path);
	if (strlen(*out) > max)
		return bad(field, m, path, "%s：不能超过%zu字节", path, max);
	return GK_OK;
}

struct parsed {
	const char *agency, *key;
	enum applicant_type type;
	const char *name, *id_type, *phone, *address, *email, *legal_rep;
	char id_number[IDENT_CODE_LEN + 1], credit_code[IDENT_CODE_LEN + 1];
	const char *description, *doc_number;
	enum app_form form;
	enum app_delivery delivery;
};

/* An identity-check message with the field's path in front. */
static enum gk_err ident_bad(enum gk_err err, struct apply_field *field, struct gk_errmsg *m,
			     const char *path)
{
	struct gk_errmsg inner = *m;

	return err ? bad(field, m, path, "%s：%s", path, inner.text) : GK_OK;
}

static enum gk_err parse_applicant(const json_t *a, gk_date today, struct parsed *p,
				   struct apply_field *f, struct gk_errmsg *m)
{
	const char *type, *id_number, *credit;
	enum gk_err err;

	if (!json_is_object(a))
		return bad(f, m, "applicant", "applicant：应为对象");
	if ((err = member(a, "type", "applicant.type", 64, true, &type, f, m)))
		return err;
	if (!applicant_type_parse(str_from_cstr(type), &p->type))
		return bad(f, m, "applicant.type",
			   "applicant.type：只能是自然人、商业企业、科研机构、社会公益组织、"
			   "法律服务机构或其他");
	if ((err = member(a, "name", "applicant.name", STORE_NAME_MAX, true, &p->name, f, m)) ||
	    (err = member(a, "phone", "applicant.phone", 32, true, &p->phone, f, m)) ||
	    (err = member(a, "address", "applicant.address", STORE_NAME_MAX, true, &p->address, f,
			  m)) ||
	    (err = member(a, "email", "applicant.email", IDENT_EMAIL_MAX, false, &p->email, f, m)))
		return err;
	if ((err = ident_bad(ident_check_phone(str_from_cstr(p->phone), m), f, m,
			     "applicant.phone")))
		return err;
	if (*p->email && (err = ident_bad(ident_check_email(str_from_cstr(p->email), m), f, m,
					  "applicant.email")))
		return err;
	if (p->type != APPLICANT_NATURAL_PERSON) {
		/* 第二十九条第二款第一项: an organisation's name, its code and its
		 * legal representative stand for the person's ID. */
		if ((err = member(a, "credit_code", "applicant.credit_code", 32, true, &credit, f,
				  m)) ||
		    (err = member(a, "legal_rep", "applicant.legal_rep", STORE_NAME_MAX, true,
				  &p->legal_rep, f, m)))
			return err;
		return ident_bad(ident_check_credit_code(str_from_cstr(credit), p->credit_code, m),
				 f, m, "applicant.credit_code");
	}
	p->legal_rep = "";
	if ((err = member(a, "id_type", "applicant.id_type", 64, false, &p->id_type, f, m)) ||
	    (err = member(a, "id_number", "applicant.id_number", 64, true, &id_number, f, m)))
		return err;
	if (!*p->id_type)
		p->id_type = id_types[0];
	for (size_t i = 0; i < sizeof(id_types) / sizeof(id_types[0]); i++)
		if (!strcmp(p->id_type, id_types[i])) {
			if (i > 0) {
				snprintf(p->id_number, sizeof(p->id_number), "%.18s", id_number);
				return strlen(id_number) > IDENT_CODE_LEN
					       ? bad(f, m, "applicant.id_number",
						     "applicant.id_number：证件号码过长")
					       : GK_OK;
			}
			return ident_bad(ident_check_resident_id(str_from_cstr(id_number), today,
								 p->id_number, m),
					 f, m, "applicant.id_number");
		}
	return bad(f, m, "applicant.id_type",
		   "applicant.id_type：只能是居民身份证、护照、港澳居民来往内地通行证、"
		   "台湾居民来往大陆通行证、外国人永久居留身份证或港澳台居民居住证");
}

static enum gk_err parse_request(const json_t *r, struct parsed *p, struct apply_field *f,
				 struct gk_errmsg *m)
{
	const char *form, *delivery;
	enum gk_err err;
	size_t i;

	if (!json_is_object(r))
		return bad(f, m, "request", "request：应为对象");
	if ((err = member(r, "description", "request.description", APPLY_DESCRIPTION_MAX, true,
			  &p->description, f, m)) ||
	    (err = member(r, "doc_number", "request.doc_number", 200, false, &p->doc_number, f,
			  m)) ||
	    (err = member(r, "form", "request.form", 16, false, &form, f, m)) ||
	    (err = member(r, "delivery", "request.delivery", 16, false, &delivery, f, m)))
		return err;
	p->form = APP_FORM_ELECTRONIC;
	for (i = 0; *form && i < sizeof(forms) / sizeof(forms[0]); i++)
		if (!strcmp(form, forms[i].name))
			break;
	if (*form && i == sizeof(forms) / sizeof(forms[0]))
		return bad(f, m, "request.form", "request.form：只能是纸质或电子");
	if (*form)
		p->form = forms[i].form;
	p->delivery = APP_DELIVERY_DOWNLOAD;
	for (i = 0; *delivery && i < sizeof(deliveries) / sizeof(deliveries[0]); i++)
		if (!strcmp(delivery, deliveries[i].name))
			break;
	if (*delivery && i == sizeof(deliveries) / sizeof(deliveries[0]))
		return bad(f, m, "request.delivery",
			   "request.delivery：只能是邮寄、电子邮件、自行领取或在线下载");
	if (*delivery)
		p->delivery = deliveries[i].delivery;
	return GK_OK;
}

static enum gk_err parse(const json_t *in, gk_date today, struct parsed *p,
			 struct apply_field *f, struct gk_errmsg *m)
{
	enum gk_err err;

	memset(p, 0, sizeof(*p));
	if (!json_is_object(in))
		return bad(f, m, "", "申请应为一个 JSON 对象");
	if ((err = member(in, "agency", "agency", STORE_CODE_MAX, true, &p->agency, f, m)) ||
	    (err = member(in, "idempotency_key", "idempotency_key", 64, true, &p->key, f, m)))
		return err;
	for (const char *c = p->key; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= 'A' && *c <= 'Z') || *c == '-' || *c == '_'))
			return bad(f, m, "idempotency_key",
				   "idempotency_key：只能由字母、数字、- 和 _ 组成");
	if ((err = parse_applicant(json_object_get(in, "applicant"), today, p, f, m)))
		return err;
	return parse_request(json_object_get(in, "request"), p, f, m);
}

/* Sealed personal data (base64) and its masked form (JSON), from the request arena-less heap. */
static enum gk_err seal_personal(const struct apply_context *cx, const struct parsed *p,
				 char **sealed, char **masked, struct gk_errmsg *m)
{
	json_t *plain = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id_type",
				  p->id_type ? p->id_type : "", "id_number", p->id_number, "phone",
				  p->phone, "address", p->address, "email", p->email, "credit_code",
				  p->credit_code, "legal_rep", p->legal_rep);
	char *text = plain ? json_dumps(plain, JSON_COMPACT) : NULL;
	struct buf box, mask[4];
	enum gk_err err = text ? GK_OK : GK_ENOMEM;
	const struct {
		enum ident_kind kind;
		const char *value;
	} masks[4] = {
		{IDENT_NAME, p->name},
		{p->type == APPLICANT_NATURAL_PERSON ? IDENT_RESIDENT_ID : IDENT_CREDIT_CODE,
		 p->type == APPLICANT_NATURAL_PERSON ? p->id_number : p->credit_code},
		{IDENT_PHONE, p->phone},
		{IDENT_ADDRESS, p->address},
	};
	json_t *mj;

	*sealed = *masked = NULL;
	buf_init(&box, PERSONAL_MAX);
	if (!err)
		err = secret_seal(cx->key, text, strlen(text), &box);
	if (!err) {
		size_t n = sodium_base64_ENCODED_LEN(box.len, sodium_base64_VARIANT_ORIGINAL);

		if ((*sealed = malloc(n)))
			sodium_bin2base64(*sealed, n, (const unsigned char *)box.data, box.len,
					  sodium_base64_VARIANT_ORIGINAL);
		else
			err = GK_ENOMEM;
	}
	for (int i = 0; i < 4; i++) {
		buf_init(&mask[i], 1024);
		ident_mask(masks[i].kind, str_from_cstr(masks[i].value), &mask[i]);
	}
	mj = json_pack("{s:s, s:s, s:s, s:s}", "name", buf_cstr(&mask[0]), "id", buf_cstr(&mask[1]),
		       "phone", buf_cstr(&mask[2]), "address", buf_cstr(&mask[3]));
	if (!err && !(mj && (*masked = json_dumps(mj, JSON_COMPACT))))
		err = GK_ENOMEM;
	json_decref(mj);
	for (int i = 0; i < 4; i++)
		buf_release(&mask[i]);
	if (text)
		sodium_memzero(text, strlen(text));
	free(text);
	json_decref(plain);
	sodium_memzero(box.data ? box.data : (void *)"", box.data ? box.len : 0);
	buf_release(&box);
	return err ? gk_errf(m, err, "could not seal the personal data") : GK_OK;
}

/*
 * The applicant as a keyed hash (BLAKE2b keyed with the sealing key) of the
 * ID number or credit code: the same person gives the same key, which is
 * all the 信息处理费 count needs (国办函〔2020〕109号: per applicant and
 * natural month), and without the key the hash says nothing.
 */
static void applicant_key(const struct apply_context *cx, const struct parsed *p,
			  char out[APPLY_APPLICANT_KEY_LEN])
{
	unsigned char h[32];
	char msg[64];

	snprintf(msg, sizeof(msg), "%s:%s", p->type == APPLICANT_NATURAL_PERSON ? "id" : "org",
		 p->type == APPLICANT_NATURAL_PERSON ? p->id_number : p->credit_code);
	crypto_generichash(h, sizeof(h), (const unsigned char *)msg, strlen(msg), cx->key->bytes,
			   sizeof(cx->key->bytes));
	sodium_bin2hex(out, APPLY_APPLICANT_KEY_LEN, h, sizeof(h));
}

enum gk_err apply_month_count(const struct apply_context *cx, const char *key, gk_date received,
			      int64_t *count, struct gk_errmsg *m)
{
	int y, mo, d;

	date_to_ymd(received, &y, &mo, &d);
	return store_application_count_applicant(cx->st, key, date_from_ymd(y, mo, 1), received,
						 count, m);
}

struct receipt_rule {
	bool next_working_day;
};

static int read_receipt_rule(void *ctx, const char *key, const char *value)
{
	if (!strcmp(key, "online_receipt"))
		((struct receipt_rule *)ctx)->next_working_day = !strcmp(value, "next_working_day");
	return 0;
}

/*
 * 第三十一条第三项: an application over the internet is received on the day
 * both sides confirm it. The agency decides how its channel confirms
 * (setting "online_receipt"): "same_day" — the system confirms at once,
 * the default — or "next_working_day", when staff confirm by hand.
 */
static gk_date received_on(const struct apply_context *cx, int64_t agency_id)
{
	struct receipt_rule r = {false};
	gk_date next;

	store_agency_setting_each(cx->st, agency_id, read_receipt_rule, &r, NULL);
	if (r.next_working_day && calendar_add_working_days(cx->cal, cx->today, 1, &next))
		return next;
	return cx->today;
}

static enum gk_err due_of(const struct apply_context *cx, gk_date received, gk_date *due,
			  struct gk_errmsg *m)
{
	struct clock_input in = {.received = received};
	struct clock_result r;
	enum gk_err err = clock_compute(cx->cal, &in, &r, NULL, m);

	*due = err ? 0 : r.due;
	return err;
}

static void fill_receipt(const struct apply_context *cx, const struct store_application *a,
			 const char *agency, bool existing, struct apply_receipt *out)
{
	out->id = a->id;
	snprintf(out->tracking_code, sizeof(out->tracking_code), "%s", a->tracking_code);
	snprintf(out->agency, sizeof(out->agency), "%s", agency);
	out->received = a->received;
	out->existing = existing;
	due_of(cx, a->received, &out->due, NULL);
}

/* The files checked by attachment_check, for the rows and the cleanup. */
struct stored_files {
	const struct attachment *files;
	const struct attachment_info *info;
	char (*names)[ATTACHMENT_STORED_LEN + 1]; /* stored names; "" not written */
	size_t n;
};

static enum gk_err write_files(const struct apply_context *cx, const struct stored_files *f,
			       struct gk_errmsg *m)
{
	enum gk_err err = GK_OK;

	for (size_t i = 0; i < f->n && !err; i++)
		err = attachment_write(cx->files_dir, f->files[i].data, f->names[i], m);
	return err;
}

static void remove_files(const struct apply_context *cx, const struct stored_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->names[i][0])
			attachment_remove(cx->files_dir, f->names[i]);
}

static enum gk_err add_rows(const struct apply_context *cx, const struct stored_files *f,
			    int64_t application_id, struct gk_errmsg *m)
{
	enum gk_err err = GK_OK;

	for (size_t i = 0; i < f->n && !err; i++) {
		struct store_attachment a = {.application_id = application_id,
					     .stored_name = f->names[i],
					     .original_name = f->info[i].name,
					     .kind = f->info[i].kind,
					     .size = (int64_t)f->files[i].data.len};
		err = store_attachment_add(cx->st, &a, NULL, m);
	}
	return err;
}

static enum gk_err store_new(const struct apply_context *cx, const struct parsed *p,
			     int64_t agency_id, const struct stored_files *f,
			     struct apply_receipt *out, struct gk_errmsg *m)
{
	struct store_application a = {.agency_id = agency_id,
				      .applicant_type = p->type,
				      .applicant_name = p->name,
				      .channel = CLOCK_CHANNEL_ONLINE,
				      .submitted = cx->today,
				      .received = received_on(cx, agency_id),
				      .content = p->description,
				      .form = p->form,
				      .delivery = p->delivery,
				      .idempotency_key = p->key};
	const struct apply_channel *ch = cx->channel;
	struct store_event events[2] = {{.kind = EVENT_RECEIVED, .note = "网上申请"}};
	struct audit_who who = {.user_id = ch ? ch->user_id : 0, .client = cx->client,
				.now = cx->now};
	char code[TRACKING_STRLEN], *sealed = NULL, *masked = NULL, who_key[APPLY_APPLICANT_KEY_LEN];
	int64_t id = 0;
	enum gk_err err;

	applicant_key(cx, p, who_key);
	a.applicant_key = who_key;
	if ((err = tracking_new(code, m)) || (err = seal_personal(cx, p, &sealed, &masked, m)))
		goto out;
	/* The 查询号 doubles as the 申请编号: unique, and what the applicant quotes. */
	a.ref = a.tracking_code = code;
	a.personal = sealed;
	a.personal_masked = masked;
	if (ch) {
		/* Registered by staff: the channel's dates, and the registering
		 * user handles it from its received date (the steps taken since,
		 * on paper, can then be recorded with their own dates). */
		a.channel = ch->channel;
		a.submitted = ch->submitted;
		a.received = ch->received;
		events[0].user_id = ch->user_id;
		events[0].note = ch->note;
		events[1] = (struct store_event){.kind = EVENT_ASSIGNED,
						 .date = a.received,
						 .user_id = ch->user_id,
						 .assignee = ch->user_id};
	}
	events[0].date = a.received;
	err = store_application_add_logged(cx->st, &a, events, ch ? 2 : 1, &id, m);
	if (!err)
		err = add_rows(cx, f, id, m);
	if (!err)
		err = audit_append(cx->st, &who, ch ? "application.register" : "application.submit",
				   code, p->agency, m);
	a.id = id;
	if (!err)
		fill_receipt(cx, &a, p->agency, false, out);
out:
	free(sealed);
	free(masked);
	return err;
}

enum gk_err apply_submit(const struct apply_context *cx, const json_t *in,
			 struct apply_receipt *out, struct apply_field *field, struct gk_errmsg *m)
{
	return apply_submit_with_files(cx, in, NULL, 0, out, field, m);
}

enum gk_err apply_submit_with_files(const struct apply_context *cx, const json_t *in,
				    const struct attachment *files, size_t n,
				    struct apply_receipt *out, struct apply_field *field,
				    struct gk_errmsg *m)
{
	struct parsed p;
	struct store_agency ag;
	struct store_application prior;
	struct attachment_info info[ATTACHMENT_MAX_FILES];
	char names[ATTACHMENT_MAX_FILES][ATTACHMENT_STORED_LEN + 1] = {{0}};
	struct stored_files f = {.files = files, .info = info, .names = names, .n = n};
	enum gk_err err;

	memset(out, 0, sizeof(*out));
	memset(field, 0, sizeof(*field));
	if ((err = parse(in, cx->today, &p, field, m)))
		return err;
	/* attachment_check refuses more than ATTACHMENT_MAX_FILES before filling info. */
	if ((err = attachment_check(files, n, info, m))) {
		snprintf(field->path, sizeof(field->path), "attachment");
		return err;
	}
	if (store_agency_get(cx->st, p.agency, &ag, NULL)) {
		snprintf(field->path, sizeof(field->path), "agency");
		return gk_errf(m, GK_ENOTFOUND, "agency：没有这个机关");
	}
	if ((err = store_begin(cx->st, m)))
		return err;
	err = store_application_by_idempotency(cx->st, p.key, &prior, NULL);
	if (!err) {
		/* A retry of a form already stored: the same application. */
		fill_receipt(cx, &prior, p.agency, true, out);
		store_rollback(cx->st);
		return GK_OK;
	}
	/* Files first: a row never names a file that is not there. */
	err = write_files(cx, &f, m);
	if (!err)
		err = store_new(cx, &p, ag.id, &f, out, m);
	if (!err)
		err = store_commit(cx->st, m);
	if (err) {
		store_rollback(cx->st);
		remove_files(cx, &f);
	}
	return err;
}

/* --- status ------------------------------------------------------------------ */

/*
 * The steps the applicant sees: what was received, asked, paused, extended,
 * charged, answered. The agency's internal steps (drafts, review,
 * assignment, an extension not yet approved) are not shown.
 */
static bool public_step(enum app_event_kind k)
{
	switch (k) {
	case EVENT_EXTENSION_REQUESTED:
	case EVENT_EXTENSION_REFUSED:
	case EVENT_ANSWER_DRAFTED:
	case EVENT_ANSWER_RETURNED:
	case EVENT_ANSWER_APPROVED:
	case EVENT_ASSIGNED:
	case EVENT_CARRIED_OVER:
		return false;
	default:
		return true;
	}
}

/* The stage as the applicant is told it: review is part of 办理中. */
static const char *public_stage(const struct proc_state *s)
{
	switch (s->stage) {
	case PROC_CORRECTION:
		return "待补正";
	case PROC_CONSULTING:
		return "征求意见中（暂停计时）";
	case PROC_FEE:
		return "待缴费";
	case PROC_ANSWERED:
		return "已答复";
	case PROC_CLOSED:
		return "已办结";
	default:
		return "办理中";
	}
}

enum gk_err apply_status(const struct apply_context *cx, const char *tracking_code, json_t **out,
			 struct gk_errmsg *m)
{
	struct store_application a;
	struct store_agency ag;
	struct case_ctx cc = {.st = cx->st, .cal = cx->cal, .today = cx->today};
	struct case_data d;
	char date[GK_DATE_STRLEN], due[GK_DATE_STRLEN];
	int64_t nfiles = 0;
	json_t *masked, *events;
	enum gk_err err;

	*out = NULL;
	if ((err = store_application_by_tracking(cx->st, tracking_code, &a, m)))
		return err;
	if ((err = case_load(&cc, a.id, &d, m)) ||
	    (err = store_attachment_count(cx->st, d.app.id, &nfiles, m)) ||
	    (err = store_agency_get_id(cx->st, d.app.agency_id, &ag, m))) {
		case_release(&d);
		return err;
	}
	events = json_array();
	for (size_t i = 0; i < d.n_events; i++)
		if (public_step(d.events[i].kind))
			json_array_append_new(
			    events, json_pack("{s:s, s:s, s:s}", "type",
					      app_event_kind_id(d.events[i].kind), "name",
					      app_event_kind_name(d.events[i].kind), "date",
					      date_format(d.events[i].date, date)));
	masked = d.app.personal_masked ? json_loads(d.app.personal_masked, 0, NULL) : NULL;
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:O?, s:I, s:o}", "tracking_code",
			 d.app.tracking_code ? d.app.tracking_code : "", "status",
			 public_stage(&d.state), "agency", ag.code, "agency_name", ag.name,
			 "received", date_format(d.app.received, date), "due",
			 d.state.answered ? "" : date_format(d.state.due, due), "applicant",
			 json_object_get(masked, "name"), "attachments", (json_int_t)nfiles, "events",
			 events);
	json_decref(masked);
	case_release(&d);
	return *out ? GK_OK : gk_errf(m, GK_ENOMEM, "out of memory");
}
