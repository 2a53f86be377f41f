/*
 * report_workflow.c: dates, status, the blocking check and the audited
 * changes of the annual report in the back office. See report_workflow.h.
 */
#include "app/report_workflow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/layout.h"

#include "base/banned.h"

const char *report_status_id(enum report_status s)
{
	return s == REPORT_PUBLISHED ? "published" : s == REPORT_DRAFT ? "draft" : "not_started";
}

const char *report_status_name(enum report_status s)
{
	return s == REPORT_PUBLISHED ? "已发布" : s == REPORT_DRAFT ? "草稿" : "未编制";
}

gk_date report_due(int year, bool region)
{
	/* 条例第四十九条: 县级以上人民政府部门 by 1月31日; the 本级政府's report,
	 * published by its 政府信息公开工作主管部门, by 3月31日. */
	return region ? date_from_ymd(year + 1, 3, 31) : date_from_ymd(year + 1, 1, 31);
}

struct store_scope report_scope(int64_t agency_id, bool region, int year)
{
	return (struct store_scope){.agency_id = agency_id,
				    .region = region,
				    .from = date_from_ymd(year, 1, 1),
				    .to = date_from_ymd(year, 12, 31)};
}

static enum gk_err check_year(const struct store_scope *sc, int *year, struct gk_errmsg *m)
{
	if (!date_is_calendar_year(sc->from, sc->to, year))
		return gk_errf(m, GK_EINVAL, "an annual report covers one calendar year");
	return GK_OK;
}

/* GK_OK with *frozen, or the store's error. */
static enum gk_err is_frozen(struct store *st, const struct store_scope *sc, bool *frozen,
			     struct gk_errmsg *m)
{
	char *json = NULL, *by = NULL;
	gk_date on = 0;
	enum gk_err err = store_report_frozen(st, sc, &json, &by, &on, m);

	free(json);
	free(by);
	*frozen = !err;
	return err == GK_ENOTFOUND ? GK_OK : err;
}

enum gk_err report_state_get(struct store *st, const struct store_scope *sc,
			     struct report_state *out, struct gk_errmsg *m)
{
	char *json = NULL, *by = NULL;
	int year;
	enum gk_err err;

	memset(out, 0, sizeof(*out));
	if ((err = check_year(sc, &year, m)))
		return err;
	out->due = report_due(year, sc->region);
	err = store_report_frozen(st, sc, &json, &by, &out->published_on, m);
	if (!err) {
		out->status = REPORT_PUBLISHED;
		snprintf(out->published_by, sizeof(out->published_by), "%s", by ? by : "");
	}
	free(json);
	free(by);
	if (err && err != GK_ENOTFOUND)
		return err;
	for (int i = 0; i < SECTION_COUNT; i++) {
		char *text = NULL;

		err = store_report_text_get(
		    st, sc, ledger_report_section_number((enum report_section)i), &text, m);
		if (err)
			return err;
		out->edited[i] = text != NULL;
		if (text && out->status == REPORT_NOT_STARTED)
			out->status = REPORT_DRAFT;
		free(text);
	}
	return GK_OK;
}

/* --- The check ------------------------------------------------------------ */

static enum gk_err add_finding(struct findings *f, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum gk_err add_finding(struct findings *f, const char *rule, const char *fmt, ...)
{
	struct finding *it;
	va_list ap;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct finding *grown = realloc(f->items, cap * sizeof(*grown));

		if (!grown)
			return GK_ENOMEM;
		f->items = grown, f->cap = cap;
	}
	it = &f->items[f->n++];
	*it = (struct finding){
	    .severity = FINDING_ERROR, .rule = rule, .table = TABLE_COUNT, .row = -1, .col = -1};
	va_start(ap, fmt);
	vsnprintf(it->message, sizeof(it->message), fmt, ap);
	va_end(ap);
	f->errors++;
	return GK_OK;
}

static bool blank_text(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return false;
	return true;
}

/* What the workflow itself refuses to publish, after the rules' findings. */
static enum gk_err workflow_findings(const struct store_scope *sc, int year, gk_date today,
				     struct ledger_report *r)
{
	static const char *const why[SECTION_COUNT] = {
	    [SECTION_OVERVIEW] = "对本机关贯彻落实条例的情况进行综述（国办公开办函〔2021〕30号）",
	    [SECTION_PROBLEMS] =
		"写明政府信息公开工作存在的主要问题及改进情况（条例第五十条第一款第四项）",
	    [SECTION_OTHER] = "写明其他需要报告的事项（条例第五十条第一款第五项）",
	};
	enum gk_err err = GK_OK;

	if (today <= sc->to)
		err = add_finding(&r->findings, "workflow.year_open",
				  "%d年尚未结束：年度报告报告的是上一年度的工作（条例第四十九条），"
				  "%d年1月1日起才能发布。",
				  year, year + 1);
	for (int i = 0; !err && i < SECTION_COUNT; i++) {
		const char *text = r->sheet->sections[i];
		const char *heading = sheet_section_heading((enum report_section)i);

		if (blank_text(text))
			err = add_finding(&r->findings, "workflow.text_empty", "%s没有内容：请%s。",
					  heading, why[i]);
		else if (strstr(text, "待填写"))
			err = add_finding(&r->findings, "workflow.text_placeholder",
					  "%s仍是待填写的占位文字：请%s。", heading, why[i]);
	}
	return err;
}

enum gk_err report_workflow_load(struct store *st, const struct store_scope *sc, gk_date today,
				 struct ledger_report *r, struct gk_errmsg *m)
{
	int year;
	enum gk_err err;

	memset(r, 0, sizeof(*r));
	if ((err = check_year(sc, &year, m)) || (err = ledger_report_build(st, sc, 0, r, m)))
		return err;
	if (!r->frozen && workflow_findings(sc, year, today, r))
		return gk_errf(m, GK_ENOMEM, "out of memory");
	return GK_OK;
}

/* --- Changes ----------------------------------------------------------------- */

/* "report:qu-zf:2025" or "report:qu-zf:2025:region", for the audit log. */
static enum gk_err audit_object(struct store *st, const struct store_scope *sc, char *out, size_t n,
				struct gk_errmsg *m)
{
	struct store_agency a;
	enum gk_err err = store_agency_get_id(st, sc->agency_id, &a, m);

	if (!err)
		snprintf(out, n, "report:%s:%d%s", a.code, date_year(sc->to),
			 sc->region ? ":region" : "");
	return err;
}

static enum gk_err refuse_frozen(struct store *st, const struct store_scope *sc,
				 struct gk_errmsg *m)
{
	bool frozen;
	enum gk_err err = is_frozen(st, sc, &frozen, m);

	if (!err && frozen)
		err = gk_errf(m, GK_ECONFLICT,
			      "该年度报告已发布，不能再修改：已发布的报告是冻结的快照。");
	return err;
}

enum gk_err report_workflow_set_text(struct store *st, const struct store_scope *sc, int section,
				     const char *text, const struct audit_who *who,
				     struct gk_errmsg *m)
{
	char object[STORE_CODE_MAX + 32], detail[32];
	char *trimmed;
	size_t n = text ? strlen(text) : 0;
	int year;
	bool own;
	enum gk_err err;

	if ((err = check_year(sc, &year, m)))
		return err;
	if (section != 1 && section != 5 && section != 6)
		return gk_errf(m, GK_EINVAL,
			       "第%d部分不是文字部分：可编辑的是一、五、六部分（二、三、四是表格，"
			       "由台账统计）。",
			       section);
	while (n && strchr(" \t\r\n", text[n - 1]))
		n--;
	if (!n)
		return gk_errf(m, GK_EINVAL, "内容为空：请填写这一部分的文字。");
	if (n > REPORT_TEXT_MAX)
		return gk_errf(m, GK_EINVAL, "内容过长：每一部分最多 %u 字节。", REPORT_TEXT_MAX);
	if (!(trimmed = malloc(n + 1)))
		return gk_errf(m, GK_ENOMEM, "out of memory");
	memcpy(trimmed, text, n);
	trimmed[n] = '\0';
	snprintf(detail, sizeof(detail), "section %d", section);
	if (!(err = store_join(st, &own, m))) {
		if (!(err = refuse_frozen(st, sc, m)) &&
		    !(err = audit_object(st, sc, object, sizeof(object), m)) &&
		    !(err = store_report_text_set(st, sc, section, trimmed, m)))
			err = audit_append(st, who, "report.text", object, detail, m);
		err = store_leave(st, own, err, m);
	}
	free(trimmed);
	return err;
}

/* The row and column must be a figure of table 二 in the year's layout, and
 * the value what that column holds (as `gongkai figure set` checks). */
static enum gk_err check_figure(int year, const char *row, const char *column, const char *value,
				struct gk_errmsg *m)
{
	const struct layout *l = layout_for_year(year);
	const struct layout_disc_row *r =
	    row ? layout_disclosure_row_by_id(l, str_from_cstr(row)) : NULL;
	struct sheet_num num;

	if (!r)
		return gk_errf(m, GK_EINVAL, "表二没有行 '%s'（%s年格式）。", row ? row : "",
			       l->name);
	if (r->row == DISC_RULES || r->row == DISC_NORMATIVE)
		return gk_errf(m, GK_EINVAL, "表二「%s」一行由台账中的文件统计，不能录入。",
			       r->label);
	for (size_t c = 0; c < r->block->n_columns; c++) {
		const struct layout_column *col = &r->block->columns[c];

		if (!column || strcmp(col->id, column))
			continue;
		if (value && sheet_parse_number(str_from_cstr(value), col->kind, &num))
			return GK_OK;
		return gk_errf(m, GK_EINVAL, "表二「%s · %s」应填%s。", r->label, col->label,
			       col->kind == VALUE_AMOUNT   ? "金额（如 12.50）"
			       : col->kind == VALUE_SIGNED ? "整数（可为负数）"
							   : "不小于 0 的整数");
	}
	return gk_errf(m, GK_EINVAL, "表二「%s」一行没有列 '%s'（%s年格式）。", r->label,
		       column ? column : "", l->name);
}

enum gk_err report_workflow_set_figure(struct store *st, const struct store_scope *sc,
				       const char *row, const char *column, const char *value,
				       const char *source, const struct audit_who *who,
				       struct gk_errmsg *m)
{
	char object[STORE_CODE_MAX + 32], detail[160];
	int year;
	bool own;
	enum gk_err err;

	if ((err = check_year(sc, &year, m)) || (err = check_figure(year, row, column, value, m)))
		return err;
	snprintf(detail, sizeof(detail), "%s.%s=%s", row, column, value);
	if (!(err = store_join(st, &own, m))) {
		if (!(err = refuse_frozen(st, sc, m)) &&
		    !(err = audit_object(st, sc, object, sizeof(object), m)) &&
		    !(err = store_figure_set(st, sc->agency_id, year, row, column, value,
					     source && *source ? source : "工作平台录入", m)))
			err = audit_append(st, who, "report.figure", object, detail, m);
		err = store_leave(st, own, err, m);
	}
	return err;
}

enum gk_err report_workflow_publish(struct store *st, const struct store_scope *sc, const char *by,
				    gk_date today, const struct audit_who *who,
				    struct ledger_report *r, struct gk_errmsg *m)
{
	char object[STORE_CODE_MAX + 32], day[GK_DATE_STRLEN];
	bool own;
	enum gk_err err;

	memset(r, 0, sizeof(*r));
	/* One write transaction: nobody changes the ledger between the check
	 * and the snapshot. */
	if ((err = store_join(st, &own, m)))
		return err;
	err = report_workflow_load(st, sc, today, r, m);
	if (!err && r->frozen)
		err = gk_errf(m, GK_ECONFLICT, "该年度报告已于 %s 发布，不能再次发布。",
			      date_format(r->published_on, day));
	else if (!err && today <= sc->to)
		err = gk_errf(m, GK_ECONFLICT,
			      "%d年尚未结束：年度报告报告的是上一年度的工作（条例第四十九条），"
			      "%d年1月1日起才能发布。",
			      date_year(sc->to), date_year(sc->to) + 1);
	else if (!err && r->findings.n)
		err = gk_errf(m, GK_ECONFLICT, "检查发现 %zu 个问题，须全部解决后才能发布。",
			      r->findings.n);
	if (!err && !(err = audit_object(st, sc, object, sizeof(object), m)) &&
	    !(err = ledger_report_publish(st, sc, by, today, m)))
		err = audit_append(st, who, "report.publish", object, date_format(today, day), m);
	return store_leave(st, own, err, m);
}
