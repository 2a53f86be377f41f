/*
 * ledger_report.c: compile, check, freeze. See ledger_report.h.
 */
#include "app/ledger_report.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/ledger_tables.h"
#include "app/ledger_text.h"
#include "base/buf.h"
#include "report/read_json.h"
#include "report/write_json.h"

#include "base/banned.h"

#define TEXT_MAX (1u << 20)

int ledger_report_section_number(enum report_section s)
{
	static const int numbers[SECTION_COUNT] = {
		[SECTION_OVERVIEW] = 1, [SECTION_PROBLEMS] = 5, [SECTION_OTHER] = 6};

	return (unsigned)s < SECTION_COUNT ? numbers[s] : 0;
}

static enum gk_err set_names(struct sheet *s, const struct store_scope *sc, const char *name)
{
	struct buf title;
	enum gk_err err;

	buf_init(&title, 4096);
	buf_puts(&title, name);
	ledger_text_period(sc->from, sc->to, &title);
	/* 条例第五十条: the yearly report; any other period is a statistic. */
	buf_puts(&title, date_is_calendar_year(sc->from, sc->to, NULL) ? "政府信息公开工作年度报告"
									: "政府信息公开工作统计");
	if (sc->region)
		buf_puts(&title, "（含所属机关汇总）");
	err = title.failed ? GK_ENOMEM : sheet_set_title(s, buf_str(&title));
	if (!err)
		err = sheet_set_agency(s, str_from_cstr(name));
	buf_release(&title);
	return err;
}

struct figure_ctx {
	struct sheet *sheet;
	enum gk_err err;
	struct gk_errmsg *m;
};

static int add_figure(void *ctx, const char *row, const char *column, const char *value,
		      const char *source)
{
	struct figure_ctx *f = ctx;
	enum gk_err err = ledger_tables_add_figure(f->sheet, row, column, value, f->m);

	(void)source;
	/* A figure of the other layout's rows (e.g. 政府集中采购 after 2020) is kept
	 * in the ledger but has no cell in this year's tables. */
	if (err && err != GK_ENOTFOUND) {
		f->err = err;
		return 1;
	}
	return 0;
}

/* A section as staff edited it, else the draft (一 and 六 from the counts). */
static enum gk_err set_sections(struct store *st, const struct store_scope *sc, const char *name,
				const struct store_counts *c, struct sheet *s, struct gk_errmsg *m)
{
	for (int i = 0; i < SECTION_COUNT; i++) {
		char *edited = NULL;
		enum gk_err err = store_report_text_get(
			st, sc, ledger_report_section_number((enum report_section)i), &edited, m);
		struct buf draft;

		if (err)
			return err;
		buf_init(&draft, TEXT_MAX);
		if (!edited && i == SECTION_OVERVIEW)
			ledger_text_overview(name, sc->from, sc->to, c, &draft);
		else if (!edited && i == SECTION_OTHER)
			ledger_text_other(sc->from, sc->to, c, &draft);
		else if (!edited)
			/* 五 needs the agency's own words; the placeholder says so. */
			buf_puts(&draft, "（待填写：本机关政府信息公开工作存在的主要问题及改进情况。）");
		err = draft.failed ? GK_ENOMEM
				   : sheet_set_section(s, (enum report_section)i,
						       edited ? str_from_cstr(edited) : buf_str(&draft));
		free(edited);
		buf_release(&draft);
		if (err)
			return gk_errf(m, err, "out of memory");
	}
	return GK_OK;
}

/* The checker's rules over what the compiler built: an error is our bug. */
static enum gk_err check(struct ledger_report *r, struct gk_errmsg *m)
{
	if (rules_check(r->sheet, &r->findings))
		return gk_errf(m, GK_ENOMEM, "out of memory");
	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.items[i].severity == FINDING_ERROR)
			return gk_errf(m, GK_EINTERNAL,
				       "bug: the report compiled from the ledger breaks %s (%s): %s; "
				       "please report this",
				       r->findings.items[i].rule,
				       r->findings.items[i].row_id ? r->findings.items[i].row_id : "-",
				       r->findings.items[i].message);
	return GK_OK;
}

static enum gk_err compile(struct store *st, const struct store_scope *sc, const char *name,
			   const struct store_counts *c, struct ledger_report *r,
			   struct gk_errmsg *m)
{
	struct figure_ctx f = {.m = m};
	enum gk_err err;

	r->sheet = f.sheet = sheet_new();
	if (!r->sheet)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	r->sheet->year = date_year(sc->to);
	r->sheet->layout = layout_for_year(r->sheet->year);
	if ((err = set_names(r->sheet, sc, name)))
		return gk_errf(m, err, "out of memory");
	ledger_tables_fill(r->sheet, c);
	/* Entered figures are yearly; a quarter leaves those cells blank. */
	if (date_is_calendar_year(sc->from, sc->to, NULL)) {
		err = store_figure_each(st, sc, r->sheet->year, add_figure, &f, m);
		if (err || (err = f.err))
			return err;
	}
	if ((err = set_sections(st, sc, name, c, r->sheet, m)))
		return err;
	return check(r, m);
}

static enum gk_err load_frozen(struct store *st, const struct store_scope *sc,
			       struct ledger_report *r, struct gk_errmsg *m)
{
	char *json = NULL;
	enum gk_err err = store_report_frozen(st, sc, &json, &r->published_by, &r->published_on, m);

	if (err)
		return err;
	r->sheet = sheet_new();
	if (!r->sheet)
		err = gk_errf(m, GK_ENOMEM, "out of memory");
	else
		err = report_read_json(str_from_cstr(json), "snapshot", r->sheet, m);
	free(json);
	if (!err && rules_check(r->sheet, &r->findings))
		err = gk_errf(m, GK_ENOMEM, "out of memory");
	r->frozen = !err;
	return err;
}

enum gk_err ledger_report_build(struct store *st, const struct store_scope *scope,
				unsigned flags, struct ledger_report *out, struct gk_errmsg *m)
{
	struct store_agency a;
	struct store_counts *c;
	enum gk_err err;
	bool own;

	memset(out, 0, sizeof(*out));
	findings_init(&out->findings);
	if (!(flags & LEDGER_REPORT_LIVE)) {
		err = load_frozen(st, scope, out, m);
		if (err != GK_ENOTFOUND)
			return err;
	}
	c = malloc(sizeof(*c));
	if (!c)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	/* One snapshot for every count, figure and text of the report (the
	 * caller's transaction when it has one, e.g. the demo's). */
	own = !store_in_transaction(st);
	err = own ? store_read_begin(st, m) : GK_OK;
	if (!err && !(err = store_agency_get_id(st, scope->agency_id, &a, m)) &&
	    !(err = store_count(st, scope, c, m)))
		err = compile(st, scope, a.name, c, out, m);
	if (own)
		store_rollback(st);
	free(c);
	return err;
}

void ledger_report_release(struct ledger_report *r)
{
	sheet_free(r->sheet);
	findings_release(&r->findings);
	free(r->published_by);
	memset(r, 0, sizeof(*r));
}

enum gk_err ledger_report_publish(struct store *st, const struct store_scope *scope,
				  const char *by, gk_date on, struct gk_errmsg *m)
{
	struct ledger_report r;
	json_t *o = NULL;
	char *json = NULL;
	enum gk_err err = ledger_report_build(st, scope, LEDGER_REPORT_LIVE, &r, m);

	if (!err) {
		/* The snapshot holds the report, not the findings of the day. */
		o = report_json_object(r.sheet, "snapshot", NULL);
		json = o ? json_dumps(o, JSON_COMPACT) : NULL;
		err = json ? store_report_freeze(st, scope, json, by, on, m)
			   : gk_errf(m, GK_ENOMEM, "out of memory");
	}
	free(json);
	json_decref(o);
	ledger_report_release(&r);
	return err;
}

struct each_ctx {
	struct store *st;
	gk_date from, to;
	ledger_report_fn fn;
	void *ctx;
	enum gk_err err;
	struct gk_errmsg *m;
};

static int each_counts(void *ctx, const struct store_agency *a, const struct store_counts *c)
{
	struct each_ctx *e = ctx;
	struct store_scope sc = {.agency_id = a->id, .from = e->from, .to = e->to};
	struct ledger_report r;
	int stop;

	memset(&r, 0, sizeof(r));
	findings_init(&r.findings);
	e->err = compile(e->st, &sc, a->name, c, &r, e->m);
	stop = e->err ? 1 : e->fn(e->ctx, a, &r);
	ledger_report_release(&r);
	return stop;
}

enum gk_err ledger_report_each_agency(struct store *st, gk_date from, gk_date to,
				      ledger_report_fn fn, void *ctx, struct gk_errmsg *m)
{
	struct each_ctx e = {st, from, to, fn, ctx, GK_OK, m};
	enum gk_err err = store_read_begin(st, m);

	if (!err)
		err = store_count_each_agency(st, from, to, each_counts, &e, m);
	store_rollback(st);
	return err ? err : e.err;
}
