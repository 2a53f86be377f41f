#include "report/rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/banned.h"

/* The printed note of table 三 is the balance rule (legal-facts §1.8). */
#define BALANCE_LABEL "第一项加第二项之和，等于第三项加第四项之和"
/* More cells than this in failing rows and columns: blame none (see below). */
#define SHARED_BLAME_MAX 4

void findings_init(struct findings *f)
{
	*f = (struct findings){0};
}

void findings_release(struct findings *f)
{
	free(f->items);
	findings_init(f);
}

const char *finding_severity_name(enum finding_severity sev)
{
	return sev == FINDING_ERROR ? "error" : "warning";
}

/* Everything one check run needs, and what it learnt for shared_cell. */
struct ctx {
	const struct sheet *s;
	const struct layout *l; /* NULL when unknown */
	struct findings *out;
	enum gk_err err;
	bool row_failed[REQ_ROW_COUNT];	    /* requests.row_total failed */
	bool balance_failed[REQ_COL_COUNT]; /* requests.balance failed */
	bool results_failed[REQ_COL_COUNT]; /* requests.results_total failed */
};

static void push(struct ctx *c, const struct finding *f)
{
	struct findings *out = c->out;

	if (c->err)
		return;
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		struct finding *grown = realloc(out->items, cap * sizeof(*grown));

		if (!grown) {
			c->err = GK_ENOMEM;
			return;
		}
		out->items = grown;
		out->cap = cap;
	}
	out->items[out->n++] = *f;
	if (f->severity == FINDING_ERROR)
		out->errors++;
	else
		out->warnings++;
}

/* Row id and label of (table, row) for a finding; both NULL when row < 0. */
static void describe_row(const struct layout *l, enum report_table t, int row, const char **id,
			 const char **label)
{
	const struct layout_disc_row *d;
	const struct layout_appeal_row *a;

	*id = *label = NULL;
	if (row < 0)
		return;
	switch (t) {
	case TABLE_REQUESTS:
		*id = layout_request_id((enum req_row)row);
		*label = layout_request_label(l ? l : layout_get(LAYOUT_2021), (enum req_row)row);
		break;
	case TABLE_APPEALS:
		a = layout_appeal_row((enum appeal_row)row);
		if (a) {
			*id = a->id;
			*label = a->label;
		}
		break;
	case TABLE_DISCLOSURE:
		d = layout_disclosure_row(l, (enum disc_row)row);
		if (d) {
			*id = d->id;
			*label = d->label;
		}
		break;
	default:
		break;
	}
}

/* A finding about (table, row, col) with ids, labels and the source line filled in. */
static struct finding make(const struct ctx *c, enum finding_severity sev, const char *rule,
			   enum report_table t, int row, int col)
{
	struct finding f = {.severity = sev, .rule = rule, .table = t, .row = row, .col = col};
	const struct layout_column *lc = layout_column(c->l, t, row < 0 ? 0 : row, col);
	const struct sheet_cell *cell = sheet_cell_const(c->s, t, row, col);

	describe_row(c->l, t, row, &f.row_id, &f.row_label);
	if (col >= 0 && lc) {
		f.column = lc->id;
		f.column_label = lc->label;
	}
	if (cell)
		f.line = cell->line;
	return f;
}

static void set_message(struct finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_message(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
}

/* --- Sums with blanks -------------------------------------------------- */

/* One side of an identity: the sum of its printed counts, and how many
 * of its cells are blank or unreadable (unknown, never negative). */
struct side {
	int64_t known;
	int unknown;
	const char *name; /* how the message calls this side */
};

static void side_add(struct side *sd, const struct sheet_cell *cell)
{
	if (cell->state == CELL_NUMBER && cell->num.scale == 0)
		sd->known += cell->num.mant;
	else
		sd->unknown++;
}

enum verdict {
	HOLDS,	      /* equal, or equal with every unknown cell 0 */
	FAILS,	      /* cannot hold whatever the unknown cells are: an error */
	NEEDS_BLANKS  /* holds only if unknown cells carry numbers: a warning */
};

/*
 * Compare the printed side p with the summed side s. Counts are never
 * negative, so a side whose known sum already exceeds a fully known other
 * side can never be repaired by the unknown cells.
 */
static enum verdict compare(const struct side *p, const struct side *s)
{
	if (p->known == s->known)
		return HOLDS;
	if (p->known < s->known)
		return p->unknown ? NEEDS_BLANKS : FAILS;
	return s->unknown ? NEEDS_BLANKS : FAILS;
}

/*
 * Check p = s and push a finding when it does not hold. The finding is
 * about (t, row, col); expected is the known sum of s (a minimum when s has
 * unknown cells), actual the printed p. Returns the verdict.
 */
static enum verdict check_identity(struct ctx *c, const char *rule, enum report_table t, int row,
				   int col, const struct side *p, const struct side *s)
{
	enum verdict v = compare(p, s);
	struct finding f;
	int unknown = p->unknown + s->unknown;

	if (v == HOLDS)
		return v;
	f = make(c, v == FAILS ? FINDING_ERROR : FINDING_WARNING, rule, t, row, col);
	if (row < 0)
		f.row_label = BALANCE_LABEL;
	f.has_expected = true;
	f.expected_at_least = s->unknown > 0;
	f.expected = sheet_num_int(s->known);
	f.has_actual = p->unknown == 0;
	f.actual = sheet_num_int(p->known);
	if (v == NEEDS_BLANKS)
		set_message(&f,
			    "%s（已填 %lld）与%s（已填 %lld）不等，只有 %d 个空白或无法识别的单元格"
			    "填入数字才能相等",
			    p->name, (long long)p->known, s->name, (long long)s->known, unknown);
	else if (!unknown)
		set_message(&f, "%s为 %lld，应等于%s %lld", p->name, (long long)p->known, s->name,
			    (long long)s->known);
	else
		set_message(&f,
			    "%s为 %lld，%s已填部分为 %lld；数量不能为负，空白单元格无法弥补，"
			    "必有数字错误",
			    p->name, (long long)p->known, s->name, (long long)s->known);
	push(c, &f);
	return v;
}

/* --- Table 三 ----------------------------------------------------------- */

static const struct sheet_cell *req(const struct ctx *c, enum req_row r, int col)
{
	return &c->s->requests[r][col];
}

/* §1.9 rule 3: 总计 = the six applicant columns, in every data row. */
static void check_row_totals(struct ctx *c)
{
	for (size_t i = 0; i < c->l->n_requests; i++) {
		const struct layout_row *r = &c->l->requests[i];
		struct side p = {.name = "总计"}, s = {.name = "六类申请人之和"};

		if (r->kind != LAYOUT_ROW_DATA)
			continue;
		side_add(&p, req(c, r->row, REQ_TOTAL));
		for (int col = 0; col < REQ_TOTAL; col++)
			side_add(&s, req(c, r->row, col));
		if (check_identity(c, "requests.row_total", TABLE_REQUESTS, (int)r->row, REQ_TOTAL,
				   &p, &s) == FAILS)
			c->row_failed[r->row] = true;
	}
}

/* §1.9 rule 2: （七）总计 = every result row, per column. */
static void check_results_totals(struct ctx *c)
{
	for (int col = 0; col < REQ_COL_COUNT; col++) {
		struct side p = {.name = "（七）总计"}, s = {.name = "各项办理结果之和"};

		side_add(&p, req(c, REQ_C7, col));
		for (size_t i = 0; i < c->l->n_requests; i++)
			if (c->l->requests[i].in_total)
				side_add(&s, req(c, c->l->requests[i].row, col));
		if (check_identity(c, "requests.results_total", TABLE_REQUESTS, REQ_C7, col, &p,
				   &s) == FAILS)
			c->results_failed[col] = true;
	}
}

/* §1.9 rule 1, printed in the table: A + B = C7 + D, per column. */
static void check_balance(struct ctx *c)
{
	for (int col = 0; col < REQ_COL_COUNT; col++) {
		struct side p = {.name = "第三项加第四项之和（C7+D）"};
		struct side s = {.name = "第一项加第二项之和（A+B）"};

		side_add(&p, req(c, REQ_C7, col));
		side_add(&p, req(c, REQ_D, col));
		side_add(&s, req(c, REQ_A, col));
		side_add(&s, req(c, REQ_B, col));
		if (check_identity(c, "requests.balance", TABLE_REQUESTS, -1, col, &p, &s) == FAILS)
			c->balance_failed[col] = true;
	}
}

/* Whether the column identities of column col involve row r and failed. */
static bool column_failed_at(const struct ctx *c, const struct layout_row *r, int col)
{
	bool in_balance = r->row == REQ_A || r->row == REQ_B || r->row == REQ_C7 ||
			  r->row == REQ_D;
	bool in_results = r->row == REQ_C7 || r->in_total;

	return (in_balance && c->balance_failed[col]) || (in_results && c->results_failed[col]);
}

/* Whether (r, col) sits in a failing row and a failing column. */
static bool is_shared(const struct ctx *c, const struct layout_row *r, int col)
{
	return r->kind == LAYOUT_ROW_DATA && c->row_failed[r->row] && column_failed_at(c, r, col);
}

/*
 * A cell whose row sum and one of whose column sums both fail is the one
 * number that can repair both: name it. Where the rest of its row is
 * printed, the value that would make the row add up is the expectation.
 * One or two misprints give one or a few such cells; when there are more
 * than SHARED_BLAME_MAX the table is wrong throughout (or misread) and
 * pointing at cells would only mislead, so none is named.
 */
static void blame_shared_cells(struct ctx *c)
{
	size_t candidates = 0;

	for (size_t i = 0; i < c->l->n_requests; i++)
		for (int col = 0; col < REQ_COL_COUNT; col++)
			candidates += is_shared(c, &c->l->requests[i], col);
	if (candidates > SHARED_BLAME_MAX)
		return;
	for (size_t i = 0; i < c->l->n_requests; i++) {
		const struct layout_row *r = &c->l->requests[i];

		for (int col = 0; col < REQ_COL_COUNT; col++) {
			const struct sheet_cell *cell = req(c, r->row, col);
			struct side others = {0};
			struct finding f;
			int64_t total;

			if (!is_shared(c, r, col))
				continue;
			f = make(c, FINDING_ERROR, "shared_cell", TABLE_REQUESTS, (int)r->row, col);
			for (int k = 0; k < REQ_TOTAL; k++)
				if (k != col)
					side_add(&others, req(c, r->row, k));
			total = req(c, r->row, REQ_TOTAL)->num.mant;
			if (!others.unknown && col == REQ_TOTAL) {
				f.has_expected = true;
				f.expected = sheet_num_int(others.known);
			} else if (!others.unknown && req(c, r->row, REQ_TOTAL)->state == CELL_NUMBER &&
				   total >= others.known) {
				f.has_expected = true;
				f.expected = sheet_num_int(total - others.known);
			}
			f.has_actual = cell->state == CELL_NUMBER;
			f.actual = cell->num;
			set_message(&f,
				    "此单元格同时处在不成立的行（总计）与列（勾稽关系）中，最可能是它印错了");
			push(c, &f);
		}
	}
}

/* --- Blank cells, notes, what the sheet lacks ---------------------------- */

/* One warning per row that has blank required cells. */
static void check_blank_row(struct ctx *c, enum report_table t, int row, int n_cols)
{
	char cols[FINDING_MESSAGE_MAX / 2] = "";
	size_t used = 0;
	int blank = 0, last = -1;
	struct finding f;

	for (int col = 0; col < n_cols; col++) {
		const struct layout_column *lc = layout_column(c->l, t, row, col);

		if (sheet_cell_const(c->s, t, row, col)->state != CELL_BLANK)
			continue;
		blank++;
		last = col;
		if (lc && used < sizeof(cols))
			used += (size_t)snprintf(cols + used, sizeof(cols) - used, "%s%s",
						 used ? "、" : "", lc->label);
	}
	if (!blank)
		return;
	f = make(c, FINDING_WARNING, "blank", t, row, blank == 1 ? last : -1);
	set_message(&f, "%d 个单元格为空白（空白不等于 0，相关勾稽关系无法核对）：%s", blank, cols);
	push(c, &f);
}

static void check_blanks(struct ctx *c)
{
	const struct sheet *s = c->s;

	if (s->has_table[TABLE_DISCLOSURE] && c->l)
		for (size_t i = 0; i < c->l->n_disclosure; i++)
			check_blank_row(c, TABLE_DISCLOSURE, (int)c->l->disclosure[i].row,
					(int)c->l->disclosure[i].block->n_columns);
	if (s->has_table[TABLE_REQUESTS] && c->l)
		for (size_t i = 0; i < c->l->n_requests; i++)
			if (c->l->requests[i].kind == LAYOUT_ROW_DATA)
				check_blank_row(c, TABLE_REQUESTS, (int)c->l->requests[i].row,
						REQ_COL_COUNT);
	if (s->has_table[TABLE_APPEALS])
		for (int r = 0; r < APPEAL_ROW_COUNT; r++)
			check_blank_row(c, TABLE_APPEALS, r, APPEAL_COL_COUNT);
}

static void pass_on_notes(struct ctx *c)
{
	static const char *const rule_of[NOTE_KIND_COUNT] = {
		[NOTE_MIXED_LAYOUT] = "mixed_layout",
		[NOTE_UNREADABLE_CELL] = "unreadable",
		[NOTE_LABEL_DEVIATION] = "label",
		[NOTE_MISSING_ROW] = "missing_row",
		[NOTE_MISSING_TABLE] = "missing_table",
		[NOTE_OTHER] = "reader",
	};
	const struct sheet *s = c->s;

	for (size_t i = 0; i < s->n_notes; i++) {
		const struct sheet_note *n = &s->notes[i];
		struct finding f = make(c, FINDING_WARNING,
					(unsigned)n->kind < NOTE_KIND_COUNT ? rule_of[n->kind]
									    : "reader",
					n->table, n->row, n->col);

		if (n->line)
			f.line = n->line;
		set_message(&f, "%s", n->text);
		push(c, &f);
	}
	if (s->dropped_notes) {
		struct finding f = make(c, FINDING_WARNING, "reader", TABLE_COUNT, -1, -1);

		set_message(&f, "另有 %zu 条读取提示未保留", s->dropped_notes);
		push(c, &f);
	}
}

static bool noted_missing(const struct sheet *s, enum report_table t)
{
	for (size_t i = 0; i < s->n_notes; i++)
		if (s->notes[i].kind == NOTE_MISSING_TABLE && s->notes[i].table == t)
			return true;
	return false;
}

static void check_completeness(struct ctx *c)
{
	static const char *const table_titles[TABLE_COUNT] = {
		[TABLE_DISCLOSURE] = "二、主动公开政府信息情况",
		[TABLE_REQUESTS] = "三、收到和处理政府信息公开申请情况",
		[TABLE_APPEALS] = "四、政府信息公开行政复议、行政诉讼情况",
	};
	struct finding f;

	if (!c->s->year) {
		f = make(c, FINDING_WARNING, "year_unknown", TABLE_COUNT, -1, -1);
		set_message(&f, "未能确定报告年度");
		push(c, &f);
	}
	if (!c->l) {
		f = make(c, FINDING_WARNING, "layout_unknown", TABLE_COUNT, -1, -1);
		set_message(&f, "未能确定报告格式（2019 或 2021 版），表二、表三未核对");
		push(c, &f);
	}
	for (int t = 0; t < TABLE_COUNT; t++) {
		if (c->s->has_table[t] || noted_missing(c->s, (enum report_table)t))
			continue;
		f = make(c, FINDING_WARNING, "missing_table", (enum report_table)t, -1, -1);
		set_message(&f, "未找到表格“%s”", table_titles[t]);
		push(c, &f);
	}
}

/* --- Table 四 ----------------------------------------------------------- */

/* §1.9, table 四: each 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
static void check_appeals(struct ctx *c)
{
	for (int r = 0; r < APPEAL_ROW_COUNT; r++) {
		struct side p = {.name = "总计"};
		struct side s = {.name = "结果维持、结果纠正、其他结果、尚未审结之和"};

		side_add(&p, &c->s->appeals[r][APPEAL_TOTAL]);
		for (int col = 0; col < APPEAL_TOTAL; col++)
			side_add(&s, &c->s->appeals[r][col]);
		check_identity(c, "appeals.total", TABLE_APPEALS, r, APPEAL_TOTAL, &p, &s);
	}
}

enum gk_err rules_check(const struct sheet *s, struct findings *out)
{
	struct ctx c = {.s = s, .out = out};

	c.l = s->layout ? s->layout : layout_for_year(s->year);
	check_completeness(&c);
	pass_on_notes(&c);
	if (s->has_table[TABLE_REQUESTS] && c.l) {
		check_row_totals(&c);
		check_results_totals(&c);
		check_balance(&c);
		blame_shared_cells(&c);
	}
	if (s->has_table[TABLE_APPEALS])
		check_appeals(&c);
	check_blanks(&c);
	return c.err;
}

enum gk_err rules_check_carry_over(const struct sheet *prev, const struct sheet *cur,
				   struct findings *out)
{
	struct ctx c = {.s = cur, .out = out};

	c.l = cur->layout ? cur->layout : layout_for_year(cur->year);
	if (!prev->has_table[TABLE_REQUESTS] || !cur->has_table[TABLE_REQUESTS])
		return GK_OK;
	for (int col = 0; col < REQ_COL_COUNT; col++) {
		const struct sheet_cell *b = &cur->requests[REQ_B][col];
		const struct sheet_cell *d = &prev->requests[REQ_D][col];
		struct finding f;

		if (b->state != CELL_NUMBER || d->state != CELL_NUMBER ||
		    !sheet_num_cmp(b->num, d->num))
			continue;
		f = make(&c, FINDING_WARNING, "cross_year.carry_over", TABLE_REQUESTS, REQ_B, col);
		f.has_expected = f.has_actual = true;
		f.expected = d->num;
		f.actual = b->num;
		set_message(&f,
			    "上年结转 %lld 与 %d 年度报告的“四、结转下年度继续办理” %lld 不符"
			    "（机构改革、合并等可致合理差异）",
			    (long long)b->num.mant, prev->year, (long long)d->num.mant);
		push(&c, &f);
	}
	return c.err;
}
