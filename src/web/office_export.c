/*
 * office_export.c: a back-office list as CSV or XLSX. See office_export.h.
 */
#include "web/office_export.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/banned.h"

/* Excel keeps at most 32,767 characters in a cell; stay below in bytes. */
#define XLSX_CELL_MAX 32000
/* Column widths, in characters (a CJK character counts two). */
#define XLSX_MIN_WIDTH	6
#define XLSX_MAX_WIDTH	60
#define EXPORT_MAX_COLS 64

static const char bom[] = "\xEF\xBB\xBF";

/* OWASP "CSV Injection": a spreadsheet runs a cell starting with one of
 * these as a formula (tab and CR too, for some of them). */
static bool looks_like_formula(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]);
}

void office_csv_text(struct buf *out, const char *text)
{
	bool guard = looks_like_formula(text);
	bool quote = guard || strpbrk(text, ",\"\r\n") != NULL;

	if (!quote) {
		buf_puts(out, text);
		return;
	}
	buf_putc(out, '"');
	if (guard)
		buf_putc(out, '\'');
	for (const char *p = text; *p; p++) {
		/* RFC 4180 2.7: a quote inside a quoted field is doubled. */
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

static void csv_value(struct buf *out, const json_t *v)
{
	if (json_is_integer(v))
		buf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(out, "%.15g", json_real_value(v));
	else if (json_is_string(v))
		office_csv_text(out, json_string_value(v));
	else if (json_is_boolean(v))
		buf_puts(out, json_is_true(v) ? "是" : "否");
	/* null or absent: an empty field */
}

void office_csv_write(struct buf *out, const char *const *headers, size_t ncols, const json_t *rows)
{
	size_t i;
	const json_t *row;

	buf_puts(out, bom);
	for (size_t c = 0; c < ncols; c++) {
		if (c)
			buf_putc(out, ',');
		office_csv_text(out, headers[c] ? headers[c] : "");
	}
	buf_puts(out, "\r\n");
	json_array_foreach(rows, i, row)
	{
		for (size_t c = 0; c < ncols; c++) {
			if (c)
				buf_putc(out, ',');
			csv_value(out, json_array_get(row, c));
		}
		buf_puts(out, "\r\n");
	}
}

/* Display width of UTF-8 text: ASCII one, anything else (CJK) two. */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			w++;
		else if ((*p & 0xC0) != 0x80)
			w += 2;
	return w;
}

static void widen(double *width, size_t c, size_t w)
{
	if (c < EXPORT_MAX_COLS && (double)w > width[c])
		width[c] = (double)(w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w);
}

/* Text cut at a character boundary below XLSX_CELL_MAX bytes, or as it is. */
static const char *cell_text(const char *s, char *cut, size_t cutsz)
{
	size_t n = strlen(s);

	if (n <= XLSX_CELL_MAX)
		return s;
	n = XLSX_CELL_MAX;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	snprintf(cut, cutsz, "%.*s…", (int)n, s);
	return cut;
}

static lxw_error xlsx_value(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const json_t *v,
			    double *width, char *cut, size_t cutsz)
{
	char num[32];

	if (json_is_integer(v)) {
		widen(width, c,
		      (size_t)snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v)));
		return worksheet_write_number(ws, r, c, (double)json_integer_value(v), NULL);
	}
	if (json_is_real(v)) {
		widen(width, c, (size_t)snprintf(num, sizeof(num), "%.15g", json_real_value(v)));
		return worksheet_write_number(ws, r, c, json_real_value(v), NULL);
	}
	if (json_is_boolean(v))
		return worksheet_write_string(ws, r, c, json_is_true(v) ? "是" : "否", NULL);
	if (!json_is_string(v) || !json_string_length(v))
		return LXW_NO_ERROR;
	widen(width, c, text_width(json_string_value(v)));
	return worksheet_write_string(ws, r, c, cell_text(json_string_value(v), cut, cutsz), NULL);
}

enum gk_err office_xlsx_write(const char *path, const char *const *headers, size_t ncols,
			      const json_t *rows, struct gk_errmsg *m)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error err = LXW_NO_ERROR;
	double width[EXPORT_MAX_COLS];
	char *cut = malloc(XLSX_CELL_MAX + 8);
	const json_t *row;
	size_t i;

	if (!wb || !cut) {
		workbook_close(wb);
		free(cut);
		return gk_errf(m, wb ? GK_ENOMEM : GK_EIO, "cannot start the workbook");
	}
	ws = workbook_add_worksheet(wb, NULL);
	bold = workbook_add_format(wb);
	if (!ws || !bold)
		err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	else
		format_set_bold(bold);
	for (size_t c = 0; c < EXPORT_MAX_COLS; c++)
		width[c] = XLSX_MIN_WIDTH;
	for (size_t c = 0; !err && c < ncols; c++) {
		err =
		    worksheet_write_string(ws, 0, (lxw_col_t)c, headers[c] ? headers[c] : "", bold);
		widen(width, c, text_width(headers[c] ? headers[c] : ""));
	}
	json_array_foreach(rows, i, row)
	{
		for (size_t c = 0; !err && c < ncols; c++)
			err = xlsx_value(ws, (lxw_row_t)(i + 1), (lxw_col_t)c,
					 json_array_get(row, c), width, cut, XLSX_CELL_MAX + 8);
		if (err)
			break;
	}
	for (size_t c = 0; !err && c < ncols && c < EXPORT_MAX_COLS; c++)
		err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c] + 2, NULL);
	if (!err)
		worksheet_freeze_panes(ws, 1, 0);
	free(cut);
	if (err) {
		workbook_close(wb);
		return gk_errf(m, GK_EIO, "workbook: %s", lxw_strerror(err));
	}
	err = workbook_close(wb);
	return err ? gk_errf(m, GK_EIO, "workbook: %s", lxw_strerror(err)) : GK_OK;
}

/* RFC 5987 attr-char: sent as they are; every other byte is %XX. */
static bool attr_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$&+-.^_`|~", c));
}

const char *office_export_disposition(struct arena *a, const char *basename, const char *ext)
{
	struct buf ascii, pct;
	const char *out;
	size_t start = 0;

	buf_init(&ascii, 1024);
	buf_init(&pct, 4096);
	/* The fallback for old clients keeps the ASCII letters, digits, - _ . */
	for (const unsigned char *p = (const unsigned char *)basename; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
			buf_putc(&ascii, (char)*p);
	/* Separators left at either end by the characters dropped go too. */
	while (start < ascii.len && strchr("-_.", ascii.data[start]))
		start++;
	while (ascii.len > start && strchr("-_.", ascii.data[ascii.len - 1]))
		ascii.data[--ascii.len] = '\0';
	for (const unsigned char *p = (const unsigned char *)basename; *p; p++)
		if (attr_char(*p))
			buf_putc(&pct, (char)*p);
		else
			buf_printf(&pct, "%%%02X", *p);
	out = arena_printf(a, "attachment; filename=\"%s.%s\"; filename*=UTF-8''%s.%s",
			   start < ascii.len ? ascii.data + start : "export", ext, buf_cstr(&pct),
			   ext);
	buf_release(&ascii);
	buf_release(&pct);
	return out;
}

static bool export_xlsx(struct office *o, const char *const *headers, size_t ncols,
			const json_t *rows, struct gk_errmsg *m)
{
	struct http_response *res = o->pg.res;
	char path[] = "/tmp/gongkai-export-XXXXXX";
	int fd = mkstemp(path);
	char chunk[65536];
	ssize_t got;
	enum gk_err err;

	if (fd < 0) {
		gk_errf(m, GK_EIO, "cannot create a temporary file");
		return false;
	}
	err = office_xlsx_write(path, headers, ncols, rows, m);
	/* The writer replaced the file at path: read it by name. */
	close(fd);
	fd = err ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	if (!err && fd < 0)
		err = gk_errf(m, GK_EIO, "cannot read the workbook back");
	while (!err && (got = read(fd, chunk, sizeof(chunk))) > 0)
		buf_append(&res->body, chunk, (size_t)got);
	if (fd >= 0)
		close(fd);
	unlink(path);
	return !err;
}

bool office_export(struct office *o, const char *basename, const char *const *headers, size_t ncols,
		   const json_t *rows)
{
	struct http_request *req = o->pg.req;
	struct http_response *res = o->pg.res;
	const char *format = http_arg_str(req, "format");
	struct gk_errmsg m;
	bool csv;

	if (!format)
		return false;
	csv = !strcmp(format, "csv");
	if (!csv && strcmp(format, "xlsx")) {
		http_error(req, res, 400, "参数 format：只能是 csv 或 xlsx。");
		return true;
	}
	if (ncols > EXPORT_MAX_COLS)
		ncols = EXPORT_MAX_COLS;
	buf_reset(&res->body);
	if (csv) {
		res->content_type = "text/csv; charset=utf-8";
		office_csv_write(&res->body, headers, ncols, rows);
	} else {
		res->content_type =
		    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		res->may_gzip = false;
		if (!export_xlsx(o, headers, ncols, rows, &m)) {
			office_fail(o, GK_EIO, &m);
			return true;
		}
	}
	if (res->body.failed) {
		http_error(req, res, 500, "导出的文件过大，请缩小范围后再试。");
		return true;
	}
	http_header_add(res, "Content-Disposition",
			office_export_disposition(req->arena, basename, csv ? "csv" : "xlsx"));
	return true;
}
