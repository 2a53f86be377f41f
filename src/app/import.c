/*
 * import.c: CSV ledgers into the store, one transaction per file.
 *
 * Each kind of file is a table of column specs (English header, Chinese
 * header) and a row function that validates the fields it needs and
 * stores them. Messages name the file, line and column, what was wrong
 * and what is allowed (import.h).
 */
#include "app/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "law/clock.h"

#include "base/banned.h"

struct column_spec {
	const char *id; /* English header */
	const char *zh; /* Chinese header */
	bool required;
};

/* Column indexes below are positions in these tables. */
enum { APP_AGENCY, APP_REF, APP_TYPE, APP_RECEIVED, APP_CLOSED, APP_OUTCOME,
       APP_CHANNEL, APP_SUBMITTED, APP_NAME, APP_CONTENT, APP_COLS };
static const struct column_spec app_columns[APP_COLS] = {
	[APP_AGENCY] = {"agency", "机关代码", true},
	[APP_REF] = {"ref", "申请编号", true},
	[APP_TYPE] = {"applicant_type", "申请人类型", true},
	[APP_RECEIVED] = {"received", "收到日期", true},
	[APP_CLOSED] = {"closed", "办结日期", true},
	[APP_OUTCOME] = {"outcome", "办理结果", true},
	[APP_CHANNEL] = {"channel", "申请渠道", false},
	[APP_SUBMITTED] = {"submitted", "提交日期", false},
	[APP_NAME] = {"applicant_name", "申请人", false},
	[APP_CONTENT] = {"content", "申请内容", false},
};

enum { CASE_AGENCY, CASE_REF, CASE_KIND, CASE_FILED, CASE_CLOSED, CASE_RESULT,
       CASE_APPLICATION, CASE_CO_DEFENDANT, CASE_NOTE, CASE_COLS };
static const struct column_spec case_columns[CASE_COLS] = {
	[CASE_AGENCY] = {"agency", "机关代码", true},
	[CASE_REF] = {"ref", "案件编号", true},
	[CASE_KIND] = {"kind", "案件类型", true},
	[CASE_FILED] = {"filed", "立案日期", true},
	[CASE_CLOSED] = {"closed", "审结日期", true},
	[CASE_RESULT] = {"result", "审理结果", true},
	[CASE_APPLICATION] = {"application", "申请编号", false},
	/* 复议机关作共同被告 (国办公开办函〔2016〕201号): not counted in 表四. */
	[CASE_CO_DEFENDANT] = {"co_defendant_only", "仅作为复议机关共同被告", false},
	[CASE_NOTE] = {"note", "备注", false},
};

enum { DCOL_AGENCY, DCOL_TITLE, DCOL_NUMBER, DCOL_CATEGORY, DCOL_CREATED, DCOL_PUBLISHED,
       DCOL_SUMMARY, DCOL_BODY, DCOL_KIND, DCOL_ABOLISHED, DCOL_INDEX_NO, DCOL_COUNT };
static const struct column_spec doc_columns[DCOL_COUNT] = {
	[DCOL_AGENCY] = {"agency", "机关代码", true},
	[DCOL_TITLE] = {"title", "标题", true},
	[DCOL_NUMBER] = {"doc_number", "文号", true},
	[DCOL_CATEGORY] = {"category", "分类", true},
	[DCOL_CREATED] = {"created", "成文日期", true},
	[DCOL_PUBLISHED] = {"published", "公开日期", true},
	[DCOL_SUMMARY] = {"summary", "摘要", true},
	[DCOL_BODY] = {"body", "正文", true},
	[DCOL_KIND] = {"kind", "文件类型", false},
	[DCOL_ABOLISHED] = {"abolished", "废止日期", false},
	[DCOL_INDEX_NO] = {"index_no", "索引号", false},
};

#define MAX_COLS 16

struct import_ctx;

/* One kind of file: its columns, the header the contract names, its rows. */
struct kind_desc {
	const char *name;
	const struct column_spec *spec;
	int n;
	const char *header;
	enum gk_err (*row)(struct import_ctx *c);
};

struct import_ctx {
	struct store *st;
	const char *name;
	gk_date today;
	const struct kind_desc *kind;
	const struct column_spec *spec; /* kind->spec */
	int n_spec;
	int pos[MAX_COLS]; /* field index of each spec column, -1 when absent */
	const struct csv_record *rec;
	struct gk_errmsg *m;
	/* The last agency looked up: ledgers list an agency's rows together. */
	char agency_code[STORE_CODE_MAX + 1];
	int64_t agency_id;
};

static enum gk_err import_application(struct import_ctx *c);
static enum gk_err import_case(struct import_ctx *c);
static enum gk_err import_document(struct import_ctx *c);

static const struct kind_desc kinds[IMPORT_KIND_COUNT] = {
	[IMPORT_APPLICATIONS] = {"applications", app_columns, APP_COLS,
				 "agency,ref,applicant_type,received,closed,outcome",
				 import_application},
	[IMPORT_CASES] = {"cases", case_columns, CASE_COLS, "agency,ref,kind,filed,closed,result",
			  import_case},
	[IMPORT_DOCUMENTS] = {"documents", doc_columns, DCOL_COUNT,
			      "agency,title,doc_number,category,created,published,summary,body",
			      import_document},
};

const char *import_kind_name(enum import_kind k)
{
	return (unsigned)k < IMPORT_KIND_COUNT ? kinds[k].name : "?";
}

bool import_kind_parse(const char *s, enum import_kind *out)
{
	for (int k = 0; k < IMPORT_KIND_COUNT; k++)
		if (!strcmp(s, kinds[k].name)) {
			*out = (enum import_kind)k;
			return true;
		}
	return false;
}

/* "FILE:LINE: column NAME: " then the message: where, then what. */
__attribute__((format(printf, 4, 5))) static enum gk_err
row_error(struct import_ctx *c, enum gk_err err, int col, const char *fmt, ...)
{
	char what[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (col < 0)
		return gk_errf(c->m, err, "%s:%u: %s", c->name, c->rec->line, what);
	return gk_errf(c->m, err, "%s:%u: column %s: %s", c->name, c->rec->line,
		       c->spec[col].id, what);
}

/* A field with surrounding ASCII blanks removed (spreadsheets pad cells). */
static struct str field(const struct import_ctx *c, int col)
{
	struct str s = {"", 0};

	if (c->pos[col] >= 0)
		s = c->rec->fields[c->pos[col]];
	while (s.len && (s.ptr[0] == ' ' || s.ptr[0] == '\t'))
		s.ptr++, s.len--;
	while (s.len && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t'))
		s.len--;
	return s;
}

/* The field as a NUL-terminated string, untrimmed (titles, bodies), NULL when empty. */
static const char *text_field(const struct import_ctx *c, int col)
{
	if (c->pos[col] < 0 || c->rec->fields[c->pos[col]].len == 0)
		return NULL;
	return c->rec->fields[c->pos[col]].ptr;
}

/* Copy a trimmed field into out (NUL-terminated); false when it does not fit. */
static bool field_copy(const struct import_ctx *c, int col, char *out, size_t size)
{
	struct str s = field(c, col);

	if (s.len >= size)
		return false;
	memcpy(out, s.ptr, s.len);
	out[s.len] = '\0';
	return true;
}

static enum gk_err required_text(struct import_ctx *c, int col, size_t max, char *out,
				 size_t size)
{
	struct str s = field(c, col);

	if (s.len == 0)
		return row_error(c, GK_EINVAL, col, "empty; a value is required");
	if (s.len > max || !field_copy(c, col, out, size))
		return row_error(c, GK_EINVAL, col, "longer than %zu bytes", max);
	return GK_OK;
}

static enum gk_err agency_of_row(struct import_ctx *c, int col, int64_t *id)
{
	char code[STORE_CODE_MAX + 1];
	struct store_agency a;
	enum gk_err err = required_text(c, col, STORE_CODE_MAX, code, sizeof(code));

	if (err)
		return err;
	if (c->agency_id && !strcmp(code, c->agency_code)) {
		*id = c->agency_id;
		return GK_OK;
	}
	err = store_agency_get(c->st, code, &a, NULL);
	if (err == GK_ENOTFOUND)
		return row_error(c, GK_EINVAL, col,
				 "unknown agency '%s'; add it first with `gongkai agency add`", code);
	if (err)
		return row_error(c, err, col, "cannot look up agency '%s'", code);
	memcpy(c->agency_code, code, sizeof(code));
	c->agency_id = *id = a.id;
	return GK_OK;
}

/*
 * A date no later than today; empty allowed when !required. Dates after
 * today are typing errors in a ledger of what happened.
 */
static enum gk_err date_field(struct import_ctx *c, int col, bool required, gk_date *out)
{
	struct str s = field(c, col);
	char today[GK_DATE_STRLEN];

	*out = 0;
	if (s.len == 0)
		return required ? row_error(c, GK_EINVAL, col, "empty; a date YYYY-MM-DD is required")
				: GK_OK;
	if (!date_parse(s, out))
		return row_error(c, GK_EINVAL, col, "'%.*s' is not a date; use YYYY-MM-DD",
				 (int)(s.len > 40 ? 40 : s.len), s.ptr);
	if (*out > c->today)
		return row_error(c, GK_EINVAL, col, "%.*s is after today (%s)", (int)s.len, s.ptr,
				 date_format(c->today, today));
	return GK_OK;
}

static enum gk_err not_before(struct import_ctx *c, int col, gk_date d, int first_col,
			      gk_date first)
{
	char a[GK_DATE_STRLEN], b[GK_DATE_STRLEN];

	if (d && d < first)
		return row_error(c, GK_EINVAL, col, "%s is before %s %s", date_format(d, a),
				 c->spec[first_col].id, date_format(first, b));
	return GK_OK;
}

/* The store's own message, placed at the row. */
static enum gk_err store_error(struct import_ctx *c, enum gk_err err, int col)
{
	struct gk_errmsg inner = *c->m;

	return row_error(c, err, col, "%s", inner.text);
}

/* --- applications.csv --------------------------------------------------- */

static enum gk_err import_application(struct import_ctx *c)
{
	struct store_application a = {0};
	char ref[STORE_CODE_MAX + 1];
	enum outcome outcome = OUTCOME_C1;
	struct str s;
	enum clock_channel channel;
	enum gk_err err;

	if ((err = agency_of_row(c, APP_AGENCY, &a.agency_id)) ||
	    (err = required_text(c, APP_REF, STORE_CODE_MAX, ref, sizeof(ref))))
		return err;
	a.ref = ref;
	s = field(c, APP_TYPE);
	if (!applicant_type_parse(s, &a.applicant_type))
		return row_error(c, GK_EINVAL, APP_TYPE,
				 "'%.*s' is not an applicant type; allowed: 自然人, 商业企业, "
				 "科研机构, 社会公益组织, 法律服务机构, 其他",
				 (int)(s.len > 40 ? 40 : s.len), s.ptr);
	if ((err = date_field(c, APP_RECEIVED, true, &a.received)) ||
	    (err = date_field(c, APP_CLOSED, false, &a.closed)) ||
	    (err = not_before(c, APP_CLOSED, a.closed, APP_RECEIVED, a.received)) ||
	    (err = date_field(c, APP_SUBMITTED, false, &a.submitted)))
		return err;
	if (a.submitted && a.submitted > a.received)
		return row_error(c, GK_EINVAL, APP_SUBMITTED,
				 "after the received date; an application is received on or "
				 "after the day it is submitted (第三十一条)");
	s = field(c, APP_OUTCOME);
	if (!a.closed && s.len)
		return row_error(c, GK_EINVAL, APP_OUTCOME,
				 "set while closed is empty; an open application has no outcome");
	if (a.closed && !s.len)
		return row_error(c, GK_EINVAL, APP_OUTCOME,
				 "empty while closed is set; give the 办理结果 of a closed application");
	if (s.len && !outcome_parse(s, &outcome))
		return row_error(c, GK_EINVAL, APP_OUTCOME,
				 "'%.*s' is not an outcome; allowed: a row id C1, C2, C3.1 … C6.3 "
				 "(C6 for 2019–2020) or the row's label (予以公开, 部分公开, "
				 "属于国家秘密, 本机关不掌握相关政府信息, …)",
				 (int)(s.len > 60 ? 60 : s.len), s.ptr);
	s = field(c, APP_CHANNEL);
	a.channel = CLOCK_CHANNEL_IN_PERSON;
	if (s.len) {
		if (!clock_channel_parse(s, &channel))
			return row_error(c, GK_EINVAL, APP_CHANNEL,
					 "'%.*s' is not a channel; allowed: 当面, 邮寄, 平常信函, "
					 "网络, 传真",
					 (int)(s.len > 40 ? 40 : s.len), s.ptr);
		a.channel = (int)channel;
	}
	a.applicant_name = text_field(c, APP_NAME);
	a.content = text_field(c, APP_CONTENT);
	/* The event log is the record (received; answered with the outcome and
	 * closed on the same day); the report counts from its dates. */
	struct store_event log[3] = {
		{.kind = EVENT_RECEIVED, .date = a.received},
		{.kind = EVENT_ANSWERED, .date = a.closed, .outcome = outcome},
		{.kind = EVENT_CLOSED, .date = a.closed},
	};
	err = store_application_add_logged(c->st, &a, log, a.closed ? 3 : 1, NULL, c->m);
	return err ? store_error(c, err, err == GK_ECONFLICT ? APP_REF : -1) : GK_OK;
}

/* --- cases.csv ------------------------------------------------------------ */

static enum gk_err yes_no(struct import_ctx *c, int col, bool *out)
{
	static const char *const yes[] = {"是", "yes", "true", "1"};
	static const char *const no[] = {"否", "no", "false", "0", ""};
	struct str s = field(c, col);

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (str_eq_cstr(s, yes[i]))
			return *out = true, GK_OK;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (str_eq_cstr(s, no[i]))
			return *out = false, GK_OK;
	return row_error(c, GK_EINVAL, col, "'%.*s' is not yes or no; allowed: 是, 否 (or empty)",
			 (int)(s.len > 20 ? 20 : s.len), s.ptr);
}

static enum gk_err import_case(struct import_ctx *c)
{
	struct store_appeal a = {0};
	char ref[STORE_CODE_MAX + 1], app_ref[STORE_CODE_MAX + 1];
	struct store_application app;
	struct str s;
	enum gk_err err;

	if ((err = agency_of_row(c, CASE_AGENCY, &a.agency_id)) ||
	    (err = required_text(c, CASE_REF, STORE_CODE_MAX, ref, sizeof(ref))))
		return err;
	a.ref = ref;
	s = field(c, CASE_KIND);
	if (!appeal_kind_parse(s, &a.kind))
		return row_error(c, GK_EINVAL, CASE_KIND,
				 "'%.*s' is not a kind of case; allowed: 复议, 诉讼, 复议后诉讼",
				 (int)(s.len > 40 ? 40 : s.len), s.ptr);
	if ((err = date_field(c, CASE_FILED, true, &a.filed)) ||
	    (err = date_field(c, CASE_CLOSED, false, &a.closed)) ||
	    (err = not_before(c, CASE_CLOSED, a.closed, CASE_FILED, a.filed)))
		return err;
	s = field(c, CASE_RESULT);
	a.result = APPEAL_RESULT_PENDING;
	if (!a.closed && s.len)
		return row_error(c, GK_EINVAL, CASE_RESULT,
				 "set while closed is empty; a pending case has no result");
	if (a.closed && !appeal_result_parse(s, &a.result))
		return row_error(c, GK_EINVAL, CASE_RESULT,
				 "'%.*s' is not a result of a closed case; allowed: 维持, 纠正, 其他",
				 (int)(s.len > 40 ? 40 : s.len), s.ptr);
	if (field(c, CASE_APPLICATION).len) {
		if (!field_copy(c, CASE_APPLICATION, app_ref, sizeof(app_ref)))
			return row_error(c, GK_EINVAL, CASE_APPLICATION, "longer than %d bytes",
					 STORE_CODE_MAX);
		if (store_application_find(c->st, a.agency_id, app_ref, &app, NULL))
			return row_error(c, GK_EINVAL, CASE_APPLICATION,
					 "no application '%s' in agency %s; import the "
					 "applications first",
					 app_ref, c->agency_code);
		a.application_id = app.id;
	}
	if ((err = yes_no(c, CASE_CO_DEFENDANT, &a.co_defendant_only)))
		return err;
	a.note = text_field(c, CASE_NOTE);
	err = store_appeal_add(c->st, &a, NULL, c->m);
	return err ? store_error(c, err, err == GK_ECONFLICT ? CASE_REF : -1) : GK_OK;
}

/* --- documents.csv -------------------------------------------------------- */

/* 条例第二十条 item 1–15, or the name of one of the agency's subjects. */
static enum gk_err category_field(struct import_ctx *c, struct store_document *d)
{
	struct str s = field(c, DCOL_CATEGORY);
	char name[STORE_NAME_MAX + 1];
	long item;
	char *end;

	if (s.len == 0)
		return row_error(c, GK_EINVAL, DCOL_CATEGORY,
				 "empty; give an item of 条例第二十条 (1–15) or a subject of "
				 "the agency");
	if (s.ptr[0] >= '0' && s.ptr[0] <= '9') {
		item = strtol(s.ptr, &end, 10);
		if (end != s.ptr + s.len || item < 1 || item > STORE_ART20_ITEMS)
			return row_error(c, GK_EINVAL, DCOL_CATEGORY,
					 "'%.*s' is not an item of 条例第二十条; allowed: 1–15",
					 (int)(s.len > 20 ? 20 : s.len), s.ptr);
		d->category = (int)item;
		return GK_OK;
	}
	if (!field_copy(c, DCOL_CATEGORY, name, sizeof(name)) ||
	    store_subject_find(c->st, d->agency_id, name, &d->subject_id))
		return row_error(c, GK_EINVAL, DCOL_CATEGORY,
				 "'%.*s' is neither an item of 条例第二十条 (1–15) nor a subject "
				 "of agency %s; add it with `gongkai subject add`",
				 (int)(s.len > 60 ? 60 : s.len), s.ptr, c->agency_code);
	return GK_OK;
}

/* 第二十条第（一）项 documents that table 二 counts. */
static enum gk_err doc_kind_field(struct import_ctx *c, enum doc_kind *out)
{
	struct str s = field(c, DCOL_KIND);

	if (s.len == 0)
		*out = DOC_KIND_PLAIN;
	else if (str_eq_cstr(s, "规章") || str_eq_cstr(s, "rule"))
		*out = DOC_KIND_RULE;
	else if (str_eq_cstr(s, "行政规范性文件") || str_eq_cstr(s, "规范性文件") ||
		 str_eq_cstr(s, "normative"))
		*out = DOC_KIND_NORMATIVE;
	else
		return row_error(c, GK_EINVAL, DCOL_KIND,
				 "'%.*s' is not a kind of document; allowed: 规章, "
				 "行政规范性文件, or empty",
				 (int)(s.len > 40 ? 40 : s.len), s.ptr);
	return GK_OK;
}

static enum gk_err import_document(struct import_ctx *c)
{
	struct store_document d = {0};
	enum gk_err err;

	if ((err = agency_of_row(c, DCOL_AGENCY, &d.agency_id)))
		return err;
	d.title = text_field(c, DCOL_TITLE);
	if (!d.title || field(c, DCOL_TITLE).len == 0)
		return row_error(c, GK_EINVAL, DCOL_TITLE, "empty; a title is required");
	if ((err = category_field(c, &d)) || (err = doc_kind_field(c, &d.kind)) ||
	    (err = date_field(c, DCOL_CREATED, true, &d.created)) ||
	    (err = date_field(c, DCOL_PUBLISHED, false, &d.published)) ||
	    (err = not_before(c, DCOL_PUBLISHED, d.published, DCOL_CREATED, d.created)) ||
	    (err = date_field(c, DCOL_ABOLISHED, false, &d.abolished)) ||
	    (err = not_before(c, DCOL_ABOLISHED, d.abolished, DCOL_CREATED, d.created)))
		return err;
	d.doc_number = text_field(c, DCOL_NUMBER);
	d.summary = text_field(c, DCOL_SUMMARY);
	d.body = text_field(c, DCOL_BODY);
	d.index_no = text_field(c, DCOL_INDEX_NO);
	/* A row with a 公开日期 was published proactively (主动公开); one
	 * without is a draft still to be reviewed. */
	d.status = d.published ? (d.abolished ? DOC_ABOLISHED : DOC_PUBLISHED) : DOC_DRAFT;
	d.attr_proposed = d.attr_confirmed = d.published ? ATTR_PROACTIVE : ATTR_UNSET;
	if (d.abolished && !d.published)
		return row_error(c, GK_EINVAL, DCOL_ABOLISHED,
				 "set on an unpublished draft; only a published document is "
				 "abolished");
	err = store_document_add(c->st, &d, NULL, c->m);
	return err ? store_error(c, err, err == GK_ECONFLICT ? DCOL_INDEX_NO : -1) : GK_OK;
}

/* --- the file --------------------------------------------------------------- */

static void note_ignored(struct import_result *res, struct str name)
{
	size_t used = strlen(res->ignored);

	snprintf(res->ignored + used, sizeof(res->ignored) - used, "%s%.*s", used ? ", " : "",
		 (int)name.len, name.ptr);
}

/* Map header names to spec columns; every required one must be there. */
static enum gk_err read_header(struct import_ctx *c, const struct csv_record *h,
			       struct import_result *res)
{
	for (int i = 0; i < c->n_spec; i++)
		c->pos[i] = -1;
	for (size_t f = 0; f < h->n_fields; f++) {
		struct str name = h->fields[f];
		int i = 0;

		while (i < c->n_spec && !str_eq_cstr(name, c->spec[i].id) &&
		       !str_eq_cstr(name, c->spec[i].zh))
			i++;
		if (i == c->n_spec) {
			note_ignored(res, name);
			continue;
		}
		if (c->pos[i] >= 0)
			return gk_errf(c->m, GK_EINVAL, "%s:%u: column %s appears twice in the header",
				       c->name, h->line, c->spec[i].id);
		c->pos[i] = (int)f;
	}
	for (int i = 0; i < c->n_spec; i++)
		if (c->spec[i].required && c->pos[i] < 0)
			return gk_errf(c->m, GK_EINVAL,
				       "%s:%u: the header lacks column %s (or %s); a %s file "
				       "needs: %s",
				       c->name, h->line, c->spec[i].id, c->spec[i].zh, c->kind->name,
				       c->kind->header);
	return GK_OK;
}

static enum gk_err import_rows(struct import_ctx *c, struct csv_reader *r,
			       struct import_result *res)
{
	struct csv_record *rec = malloc(sizeof(*rec));
	size_t width;
	enum gk_err err;

	if (!rec)
		return gk_errf(c->m, GK_ENOMEM, "out of memory");
	c->rec = rec;
	err = csv_next(r, rec, c->m);
	if (!err && rec->n_fields == 0)
		err = gk_errf(c->m, GK_EINVAL, "%s: empty file; the first line must be the header",
			      c->name);
	if (!err)
		err = read_header(c, rec, res);
	width = rec->n_fields;
	while (!err && !(err = csv_next(r, rec, c->m)) && rec->n_fields) {
		if (rec->n_fields != width)
			err = row_error(c, GK_EINVAL, -1,
					"%zu fields where the header has %zu; quote fields that "
					"contain commas",
					rec->n_fields, width);
		else
			err = c->kind->row(c);
		if (!err)
			res->rows++;
	}
	if (err == GK_EINVAL && !strncmp(c->m->text, "line ", 5)) {
		/* csv_next names only the position: put the file in front. */
		struct gk_errmsg inner = *c->m;

		gk_errf(c->m, err, "%s: %s", c->name, inner.text);
	}
	free(rec);
	return err;
}

enum gk_err import_csv(struct store *st, enum import_kind kind, const char *name,
		       const char *data, size_t len, gk_date today, struct import_result *res,
		       struct gk_errmsg *m)
{
	struct gk_errmsg local;
	struct import_ctx c = {.st = st, .name = name, .today = today, .m = m ? m : &local};
	struct csv_reader r;
	enum gk_err err;

	memset(res, 0, sizeof(*res));
	if ((unsigned)kind >= IMPORT_KIND_COUNT)
		return gk_errf(c.m, GK_EINVAL, "unknown import kind");
	c.kind = &kinds[kind];
	c.spec = c.kind->spec;
	c.n_spec = c.kind->n;
	if ((err = store_begin(st, c.m)))
		return err;
	csv_init(&r, data, len);
	err = import_rows(&c, &r, res);
	csv_release(&r);
	if (!err)
		err = store_commit(st, c.m);
	if (err) {
		store_rollback(st);
		res->rows = 0;
	}
	return err;
}
