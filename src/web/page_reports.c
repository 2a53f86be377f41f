/*
 * page_reports.c: 政府信息公开年报 — the agency's published annual reports
 * (frozen snapshots, app/ledger_report.h), each as a page in the official
 * table layout with downloads (XLSX, JSON, Markdown), a chart of
 * applications by result over the years, and the report as JSON at
 * /api/v1/reports/{agency}/{year}. Only published reports are shown: a
 * report being compiled is the back office's, not the public's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/ledger_report.h"
#include "report/read_json.h"
#include "report/write_html.h"
#include "report/write_json.h"
#include "report/write_md.h"
#include "report/write_xlsx.h"
#include "web/chart.h"
#include "web/page.h"
#include "web/pages.h"

#include "base/banned.h"

#define MAX_YEARS 64

struct published {
	int years[MAX_YEARS];
	bool region[MAX_YEARS];
	gk_date on[MAX_YEARS];
	size_t n;
};

/* Yearly reports only; a year published for the region and alone counts once. */
static int add_published(void *ctx, bool region, gk_date from, gk_date to, const char *by,
			 gk_date on)
{
	struct published *p = ctx;
	int year;

	(void)by;
	if (!date_is_calendar_year(from, to, &year) || p->n == MAX_YEARS)
		return 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->years[i] == year)
			return 0;
	p->years[p->n] = year, p->region[p->n] = region, p->on[p->n] = on;
	p->n++;
	return 0;
}

static bool list_published(struct page *pg, const struct portal_agency *a, struct published *p)
{
	struct gk_errmsg m;
	enum gk_err err;

	memset(p, 0, sizeof(*p));
	err = store_report_each_published(pg->st, a->id, add_published, p, &m);
	if (err)
		page_store_error(pg, err, &m);
	return !err;
}

/* The published report of a for year, or false after answering 404/500. */
static bool load_report(struct page *pg, const struct portal_agency *a, int year,
			struct ledger_report *r)
{
	struct published p;
	struct store_scope sc = {.agency_id = a->id,
				 .from = date_from_ymd(year, 1, 1),
				 .to = date_from_ymd(year, 12, 31)};
	struct gk_errmsg m;
	enum gk_err err;
	size_t i = 0;

	memset(r, 0, sizeof(*r));
	if (!list_published(pg, a, &p))
		return false;
	while (i < p.n && p.years[i] != year)
		i++;
	if (i == p.n) {
		http_error(pg->req, pg->res, 404, "本机关尚未发布该年度的政府信息公开工作年度报告。");
		return false;
	}
	sc.region = p.region[i];
	err = ledger_report_build(pg->st, &sc, 0, r, &m);
	if (!err && !r->frozen)
		err = gk_errf(&m, GK_ENOTFOUND, "not published");
	if (err) {
		ledger_report_release(r);
		page_store_error(pg, err, &m);
		return false;
	}
	return true;
}

/* The number in a cell of table 三, 0 when blank. */
static int64_t cell(const struct sheet *s, enum req_row row)
{
	const struct sheet_cell *c = sheet_cell_const(s, TABLE_REQUESTS, row, REQ_TOTAL);

	return c && c->state == CELL_NUMBER && c->num.scale == 0 ? c->num.mant : 0;
}

/* One year of the chart from a published report: 本年新收 and the result groups. */
static void chart_year_of(const struct sheet *s, int year, struct chart_year *y)
{
	static const struct {
		enum chart_group group;
		enum req_row first, last;
	} spans[] = {
		{CHART_DISCLOSED, REQ_C1, REQ_C1},	 {CHART_PARTLY, REQ_C2, REQ_C2},
		{CHART_WITHHELD, REQ_C3_1, REQ_C3_8},	 {CHART_UNABLE, REQ_C4_1, REQ_C4_3},
		{CHART_NOT_HANDLED, REQ_C5_1, REQ_C5_5}, {CHART_OTHER, REQ_C6, REQ_C6_3},
	};

	memset(y, 0, sizeof(*y));
	y->year = year;
	y->received = cell(s, REQ_A);
	/* REQ_C6 (2019 layout) and REQ_C6_1..3 (2021) are never both filled. */
	for (size_t i = 0; i < sizeof(spans) / sizeof(spans[0]); i++)
		for (int r = spans[i].first; r <= (int)spans[i].last; r++)
			y->closed[spans[i].group] += cell(s, (enum req_row)r);
}

/* The chart's years, oldest first, from the published reports in p. */
static size_t chart_series(struct page *pg, const struct portal_agency *a,
			   const struct published *p, struct chart_year *out)
{
	size_t n = 0;

	for (size_t k = p->n; k-- > 0;) {
		struct store_scope sc = {.agency_id = a->id, .region = p->region[k],
					 .from = date_from_ymd(p->years[k], 1, 1),
					 .to = date_from_ymd(p->years[k], 12, 31)};
		struct ledger_report r;

		if (!ledger_report_build(pg->st, &sc, 0, &r, NULL) && r.frozen)
			chart_year_of(r.sheet, p->years[k], &out[n++]);
		ledger_report_release(&r);
	}
	return n;
}

static const char *chart_series_text(struct page *pg, const struct portal_agency *a,
				     const struct published *p)
{
	struct chart_year years[MAX_YEARS];
	size_t n = chart_series(pg, a, p, years);
	struct buf b;
	const char *out;

	buf_init(&b, 1 << 16);
	chart_outcomes_text(years, n, &b);
	out = arena_strdup(pg->req->arena, b.failed ? "" : buf_cstr(&b));
	buf_release(&b);
	return out;
}

void page_reports(struct http_request *req, struct http_response *res)
{
	struct page pg;
	const struct portal_agency *a;
	struct published p;
	char day[GK_DATE_STRLEN];
	json_t *v, *list;

	if (!page_begin(&pg, req, res) || !(a = page_agency(&pg)) || !list_published(&pg, a, &p))
		return;
	v = page_view(&pg, arena_printf(req->arena, "%s政府信息公开年报", a->name), a, "reports");
	page_crumb(v, "政府信息公开", arena_printf(req->arena, "/org/%s", a->code));
	page_crumb(v, "政府信息公开年报", NULL);
	list = json_array();
	for (size_t i = 0; i < p.n; i++)
		json_array_append_new(
			list, json_pack("{s:s, s:s, s:s}", "title",
					arena_printf(req->arena, "%s%d年政府信息公开工作年度报告",
						     a->name, p.years[i]),
					"url",
					arena_printf(req->arena, "/org/%s/reports/%d", a->code,
						     p.years[i]),
					"published_on", date_format(p.on[i], day)));
	json_object_set_new(v, "has_reports", json_boolean(p.n > 0));
	json_object_set_new(v, "reports", list);
	json_object_set_new(v, "chart_url",
			    json_string(arena_printf(req->arena, "/org/%s/reports/chart.svg",
						     a->code)));
	json_object_set_new(v, "chart_alt", json_string(chart_series_text(&pg, a, &p)));
	page_render(&pg, "reports", v);
}

void page_chart(struct http_request *req, struct http_response *res)
{
	struct page pg;
	const struct portal_agency *a;
	struct published p;
	struct chart_year years[MAX_YEARS];
	size_t n;

	if (!page_begin(&pg, req, res) || !(a = page_agency(&pg)) || !list_published(&pg, a, &p))
		return;
	n = chart_series(&pg, a, &p, years);
	res->content_type = "image/svg+xml; charset=utf-8";
	chart_outcomes_svg(years, n, &res->body);
}

/* Write through a FILE into the response body (the writers take a FILE). */
static enum gk_err write_via_stream(struct http_response *res, const struct sheet *s,
				    enum gk_err (*writer)(const struct sheet *, FILE *,
							  struct gk_errmsg *),
				    struct gk_errmsg *m)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	enum gk_err err;

	if (!f)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	err = writer(s, f, m);
	if (fclose(f) && !err)
		err = gk_errf(m, GK_ENOMEM, "out of memory");
	if (!err)
		buf_append(&res->body, data, len);
	free(data);
	return err;
}

/* libxlsxwriter writes only to a file: a private temporary one, read back. */
static enum gk_err write_xlsx(struct http_response *res, const struct sheet *s, struct gk_errmsg *m)
{
	char path[] = "/tmp/gongkai-report-XXXXXX";
	int fd = mkstemp(path);
	enum gk_err err;
	char chunk[65536];
	ssize_t got;

	if (fd < 0)
		return gk_errf(m, GK_EIO, "cannot create a temporary file");
	err = report_write_xlsx(s, path, m);
	while (!err && (got = read(fd, chunk, sizeof(chunk))) > 0)
		buf_append(&res->body, chunk, (size_t)got);
	close(fd);
	unlink(path);
	return err;
}

/* The checker's JSON shape of one report (what `gongkai report --format json` writes). */
static enum gk_err report_json_body(struct page *pg, const struct portal_agency *a, int year,
				    const struct ledger_report *r)
{
	json_t *o = report_json_object(r->sheet,
				       arena_printf(pg->req->arena, "%s-%d.json", a->code, year),
				       NULL);
	char *text = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(o);
	if (!text)
		return GK_ENOMEM;
	buf_puts(&pg->res->body, text);
	free(text);
	return GK_OK;
}

static enum gk_err download(struct page *pg, const struct portal_agency *a, int year,
			    const char *format, const struct ledger_report *r, struct gk_errmsg *m)
{
	struct http_response *res = pg->res;
	const char *ext = format;
	enum gk_err err;

	res->may_gzip = strcmp(format, "xlsx") != 0;
	if (!strcmp(format, "xlsx")) {
		res->content_type =
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		err = write_xlsx(res, r->sheet, m);
	} else if (!strcmp(format, "md")) {
		res->content_type = "text/markdown; charset=utf-8";
		err = write_via_stream(res, r->sheet, report_write_md, m);
	} else {
		res->content_type = "application/json; charset=utf-8";
		err = report_json_body(pg, a, year, r);
	}
	/* ASCII file name: agency code and year, e.g. qu-zf-2024.xlsx. */
	http_header_add(res, "Content-Disposition",
			arena_printf(pg->req->arena, "attachment; filename=\"%s-%d.%s\"", a->code,
				     year, ext));
	return err;
}

void page_report(struct http_request *req, struct http_response *res)
{
	struct page pg;
	const struct portal_agency *a;
	struct ledger_report r;
	const char *format = http_arg_str(req, "format");
	int year = (int)http_arg_int(req, "year", 0);
	char day[GK_DATE_STRLEN];
	struct gk_errmsg m;
	struct buf html;
	enum gk_err err;
	json_t *v;

	if (format && strcmp(format, "xlsx") && strcmp(format, "json") && strcmp(format, "md"))
		return http_error(req, res, 400, "参数 format：只能是 xlsx、json 或 md。");
	if (!page_begin(&pg, req, res) || !(a = page_agency(&pg)) || !load_report(&pg, a, year, &r))
		return;
	if (format) {
		if ((err = download(&pg, a, year, format, &r, &m)))
			page_store_error(&pg, err, &m);
		ledger_report_release(&r);
		return;
	}
	buf_init(&html, HTTP_MAX_RESPONSE);
	err = report_html_body(r.sheet, &html, &m);
	v = page_view(&pg, r.sheet->title ? r.sheet->title : "政府信息公开工作年度报告", a,
		      "reports");
	page_crumb(v, "政府信息公开", arena_printf(req->arena, "/org/%s", a->code));
	page_crumb(v, "政府信息公开年报", arena_printf(req->arena, "/org/%s/reports", a->code));
	page_crumb(v, arena_printf(req->arena, "%d年", year), NULL);
	json_object_set_new(v, "report_title", json_string(r.sheet->title ? r.sheet->title : ""));
	json_object_set_new(v, "published_note",
			    json_string(arena_printf(req->arena, "%s 发布", date_format(r.published_on,
										      day))));
	/* Built by report/write_html.c, which escapes every text it prints. */
	json_object_set_new(v, "report_html", json_string(err ? "" : buf_cstr(&html)));
	json_object_set_new(
		v, "download",
		json_pack("{s:s, s:s, s:s}", "xlsx",
			  arena_printf(req->arena, "/org/%s/reports/%d?format=xlsx", a->code, year),
			  "json",
			  arena_printf(req->arena, "/org/%s/reports/%d?format=json", a->code, year),
			  "md",
			  arena_printf(req->arena, "/org/%s/reports/%d?format=md", a->code, year)));
	buf_release(&html);
	ledger_report_release(&r);
	page_render(&pg, "report", v);
}

void api_report(struct http_request *req, struct http_response *res)
{
	struct page pg;
	const struct portal_agency *a;
	struct ledger_report r;
	int year = (int)http_arg_int(req, "year", 0);

	if (!page_begin(&pg, req, res))
		return;
	if (!(a = portal_agency_by_code(pg.portal, http_arg_str(req, "agency"))))
		return http_error(req, res, 404, "no agency with that code");
	if (!load_report(&pg, a, year, &r))
		return;
	res->content_type = "application/json; charset=utf-8";
	if (report_json_body(&pg, a, year, &r))
		http_error(req, res, 500, "out of memory");
	ledger_report_release(&r);
}
