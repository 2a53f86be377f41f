/*
 * gongkai check: check published annual reports (年度报告) for
 * contradictions — the 勾稽关系 of legal-facts §1.9 (report/rules.h).
 *
 * Every file is read (report/read.h), checked, and kept until the end so
 * that two reports of one agency for consecutive years can be compared
 * (B(N) = D(N−1)); then the results are printed in the order given
 * (directories walked recursively, sorted by name).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/read.h"
#include "report/rules.h"
#include "report/write_json.h"

#include "base/banned.h"

#define CMD "check"
/* Directory walks stop this deep (and never follow linked directories). */
#define WALK_MAX_DEPTH 32
/* Years a report can be on: the 2019 format is the first one checked. */
#define CHECK_YEAR_MIN 2019
#define CHECK_YEAR_MAX 2100

static const char usage[] =
	"usage: gongkai check [--json] [--year YEAR] FILE...\n"
	"\n"
	"Check published annual reports (政府信息公开工作年度报告) for contradictions:\n"
	"A+B = C7+D in every column of table 三, (七)总计 = the result rows, 总计 = the six\n"
	"applicant columns, each table 四 总计 = its parts; two reports of one agency for\n"
	"consecutive years: 上年结转 = last year's 结转下年度 (warning). Blank cells are\n"
	"unknown, not zero: a total only reachable through blanks is a warning.\n"
	"\n"
	"FILE is text, Markdown, HTML, PDF or XLSX (detected by content), '-' for standard\n"
	"input, or a directory: its .txt .md .html .htm .pdf .xlsx files, recursively, sorted.\n"
	"\n"
	"  --json       print {\"files\": [...]} instead of text\n"
	"  --year YEAR  the report year to assume (the year reported on, 2019-2100)\n"
	"\n"
	"exit status: 0 no errors (warnings allowed), 1 errors found, 2 a file could\n"
	"not be read or holds no report (the other files are still checked)\n";

/* Extensions a directory walk picks up; named files are always read. */
static const char *const report_exts[] = {".txt", ".md", ".markdown", ".html", ".htm",
					  ".xhtml", ".pdf", ".xlsx"};

struct file_list {
	char **paths;
	size_t n, cap;
};

/* One checked file. */
struct result {
	const char *path;
	struct sheet *sheet; /* NULL when it could not be read */
	struct findings findings;
	struct gk_errmsg why; /* when sheet is NULL */
};

static bool list_add(struct file_list *l, const char *path)
{
	char *copy = strdup(path);

	if (!copy)
		return false;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **grown = realloc(l->paths, cap * sizeof(*grown));

		if (!grown) {
			free(copy);
			return false;
		}
		l->paths = grown;
		l->cap = cap;
	}
	l->paths[l->n++] = copy;
	return true;
}

static void list_release(struct file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_report_ext(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(report_exts) / sizeof(report_exts[0]); i++) {
		size_t e = strlen(report_exts[i]);

		if (n > e && !strcasecmp(name + n - e, report_exts[i]))
			return true;
	}
	return false;
}

/*
 * Add the report files below dir to l, sorted by name at each level;
 * hidden entries and linked directories are skipped. Returns false (with
 * a message printed) when out of memory or too deep.
 */
static bool walk(const char *dir, int depth, struct file_list *l)
{
	struct file_list names = {0};
	DIR *d = opendir(dir);
	struct dirent *e;
	bool ok = true;

	if (!d)
		return list_add(l, dir); /* reading it will say why */
	if (depth > WALK_MAX_DEPTH) {
		closedir(d);
		fprintf(stderr, "gongkai check: %s: more than %d directories deep\n", dir,
			WALK_MAX_DEPTH);
		return false;
	}
	while (ok && (e = readdir(d)))
		if (e->d_name[0] != '.')
			ok = list_add(&names, e->d_name);
	closedir(d);
	qsort(names.paths, names.n, sizeof(char *), cmp_names);
	for (size_t i = 0; ok && i < names.n; i++) {
		size_t len = strlen(dir) + strlen(names.paths[i]) + 2;
		char *path = malloc(len);
		struct stat st;

		if (!path) {
			ok = false;
			break;
		}
		snprintf(path, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
			 names.paths[i]);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode))
			ok = walk(path, depth + 1, l);
		else if (!stat(path, &st) && S_ISREG(st.st_mode) && has_report_ext(path))
			ok = list_add(l, path);
		free(path);
	}
	list_release(&names);
	return ok;
}

/* --- Cross-year ------------------------------------------------------------ */

static int cmp_agency_year(const void *a, const void *b)
{
	const struct sheet *x = (*(struct result *const *)a)->sheet;
	const struct sheet *y = (*(struct result *const *)b)->sheet;
	int c = strcmp(x->agency, y->agency);

	return c ? c : (x->year > y->year) - (x->year < y->year);
}

/*
 * B(N) = D(N−1) for each report of an agency and the nearest report of the
 * same agency on the year before (one, when several copies of it were
 * given, e.g. its PDF and its web page).
 */
static bool check_carry_over(struct result *res, size_t n)
{
	struct result **by = calloc(n ? n : 1, sizeof(*by));
	size_t k = 0;
	bool ok = true;

	if (!by)
		return false;
	for (size_t i = 0; i < n; i++)
		if (res[i].sheet && res[i].sheet->agency && res[i].sheet->year)
			by[k++] = &res[i];
	qsort(by, k, sizeof(*by), cmp_agency_year);
	for (size_t j = 1; ok && j < k; j++)
		for (size_t i = j; ok && i-- > 0;) {
			const struct sheet *prev = by[i]->sheet, *cur = by[j]->sheet;

			if (strcmp(prev->agency, cur->agency) || prev->year < cur->year - 1)
				break;
			if (prev->year == cur->year - 1) {
				ok = !rules_check_carry_over(prev, cur, &by[j]->findings);
				break;
			}
		}
	free(by);
	return ok;
}

/* --- Output -------------------------------------------------------------------- */

/* ": expected [at least] X, found Y" — the parts the finding has. */
static void print_numbers(const struct finding *f)
{
	char s[SHEET_NUM_STRLEN];

	if (f->has_expected)
		printf(": expected%s %s, found ", f->expected_at_least ? " at least" : "",
		       sheet_num_format(f->expected, s));
	else if (f->has_actual)
		fputs(": found ", stdout);
	if (f->has_actual)
		fputs(sheet_num_format(f->actual, s), stdout);
	else if (f->has_expected)
		fputs("blank/unreadable", stdout);
}

static void print_finding(const struct finding *f)
{
	printf("  %s:", finding_severity_name(f->severity));
	if (f->table < TABLE_COUNT)
		printf(" 表%s", layout_table_name(f->table));
	if (f->row_label)
		printf(" %s", f->row_label);
	if (f->row_id)
		printf(" [%s]", f->row_id);
	if (f->column_label)
		printf(" · %s", f->column_label);
	print_numbers(f);
	printf(" — %s (%s", f->message, f->rule);
	if (f->line)
		printf(", line %u", (unsigned)f->line);
	puts(")");
}

static void print_text(const struct result *r)
{
	const struct sheet *s = r->sheet;
	const struct layout *l;

	if (!s)
		return;
	l = s->layout;
	printf("%s: ", r->path);
	if (s->year)
		printf("year %d", s->year);
	else
		fputs("year unknown", stdout);
	printf(", layout %s, %zu error%s, %zu warning%s\n", l ? l->name : "unknown",
	       r->findings.errors, r->findings.errors == 1 ? "" : "s", r->findings.warnings,
	       r->findings.warnings == 1 ? "" : "s");
	for (size_t i = 0; i < r->findings.n; i++)
		print_finding(&r->findings.items[i]);
}

static int print_json(const struct result *res, size_t n)
{
	json_t *root = json_object(), *files = json_array();
	struct gk_errmsg m;
	int rc = CLI_EXIT_OK;

	if (!root || !files || json_object_set(root, "files", files)) {
		fputs("gongkai check: out of memory\n", stderr);
		rc = CLI_EXIT_SOFTWARE;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		json_t *o = res[i].sheet ? report_json_object(res[i].sheet, res[i].path,
							      &res[i].findings)
					 : report_json_unreadable(res[i].path, res[i].why.text);

		if (json_array_append_new(files, o)) {
			fputs("gongkai check: out of memory\n", stderr);
			rc = CLI_EXIT_SOFTWARE;
		}
	}
	if (!rc && report_json_dump(root, stdout, &m)) {
		fprintf(stderr, "gongkai check: %s\n", m.text);
		rc = CLI_EXIT_SOFTWARE;
	}
	json_decref(files);
	json_decref(root);
	return rc;
}

/* --- The command ------------------------------------------------------------------ */

struct options {
	bool json;
	struct report_read_options read;
	struct file_list files;
};

/* Parse argv into o; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, struct options *o)
{
	bool only_files = false;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		struct stat st;
		long year;

		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			bool ok = !strcmp(a, "-") || stat(a, &st) || !S_ISDIR(st.st_mode)
					  ? list_add(&o->files, a)
					  : walk(a, 0, &o->files);

			if (!ok)
				return CLI_EXIT_SOFTWARE;
		} else if (!strcmp(a, "--")) {
			only_files = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		} else if (!strcmp(a, "--json")) {
			o->json = true;
		} else if (!strcmp(a, "--year") || !strncmp(a, "--year=", 7)) {
			const char *v = a[6] == '=' ? a + 7 : i + 1 < argc ? argv[++i] : NULL;

			if (!v)
				return cli_usage(CMD, "--year: missing value; expected a year from "
						      "%d to %d",
						 CHECK_YEAR_MIN, CHECK_YEAR_MAX);
			if (!cli_parse_long(CMD, "--year", v, CHECK_YEAR_MIN, CHECK_YEAR_MAX,
					    &year))
				return CLI_EXIT_USAGE;
			o->read.year = (int)year;
		} else {
			return cli_usage(CMD, "'%s' is not an option; allowed: --json, --year YEAR, "
					      "--help",
					 a);
		}
	}
	if (!o->files.n)
		return cli_usage(CMD, "no FILE given; name report files, directories or '-' "
				      "(see `gongkai check --help`)");
	return -1;
}

static void progress(size_t i, size_t n, const char *path)
{
	if (n > 1 && isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, n, path);
}

int cmd_check(int argc, char **argv)
{
	struct options o = {0};
	struct result *res = NULL;
	size_t n, unreadable = 0, errors = 0, warnings = 0, with_errors = 0;
	int rc = parse_args(argc, argv, &o);

	if (rc >= 0)
		goto out;
	n = o.files.n;
	res = calloc(n, sizeof(*res));
	rc = res ? CLI_EXIT_OK : CLI_EXIT_SOFTWARE;
	for (size_t i = 0; !rc && i < n; i++) {
		struct result *r = &res[i];
		enum gk_err err;

		progress(i, n, o.files.paths[i]);
		r->path = o.files.paths[i];
		err = report_read_file(r->path, &o.read, &r->sheet, &r->why);
		if (err == GK_ENOMEM)
			rc = CLI_EXIT_SOFTWARE;
		else if (!err && rules_check(r->sheet, &r->findings))
			rc = CLI_EXIT_SOFTWARE;
	}
	if (n > 1 && isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr);
	if (!rc && !check_carry_over(res, n))
		rc = CLI_EXIT_SOFTWARE;
	if (rc) {
		fputs("gongkai check: out of memory\n", stderr);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (!res[i].sheet) {
			unreadable++;
			fprintf(stderr, "gongkai check: %s\n", res[i].why.text);
		}
		errors += res[i].findings.errors;
		warnings += res[i].findings.warnings;
		with_errors += res[i].findings.errors > 0;
		if (!o.json)
			print_text(&res[i]);
	}
	rc = o.json ? print_json(res, n) : CLI_EXIT_OK;
	if (n > 1)
		fprintf(o.json ? stderr : stdout,
			"checked %zu files: %zu with errors, %zu errors, %zu warnings, %zu "
			"unreadable\n",
			n, with_errors, errors, warnings, unreadable);
	if (!rc)
		rc = unreadable ? CLI_EXIT_USAGE : errors ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
out:
	for (size_t i = 0; res && i < o.files.n; i++) {
		sheet_free(res[i].sheet);
		findings_release(&res[i].findings);
	}
	free(res);
	list_release(&o.files);
	return rc;
}
