/*
 * ledger_tables.c: place the ledger's counts in the cells of the layout.
 * See ledger_tables.h for the mapping and docs/ledger.md for the rules.
 */
#include "app/ledger_tables.h"

#include <string.h>

#include "base/banned.h"

/* Table 三 columns are the applicant types in the same order. */
static enum req_col applicant_column(int t)
{
	static const enum req_col cols[APPLICANT_TYPE_COUNT] = {
		[APPLICANT_NATURAL_PERSON] = REQ_NATURAL_PERSON,
		[APPLICANT_BUSINESS] = REQ_BUSINESS,
		[APPLICANT_RESEARCH] = REQ_RESEARCH,
		[APPLICANT_PUBLIC_INTEREST] = REQ_PUBLIC_INTEREST,
		[APPLICANT_LEGAL_SERVICE] = REQ_LEGAL_SERVICE,
		[APPLICANT_OTHER] = REQ_OTHER,
	};
	return cols[t];
}

/*
 * The result row an outcome is counted in. The 2019 format (国办公开办函
 * 〔2019〕60号) has one row （六）其他处理; the 2021 format (〔2021〕30号)
 * splits it in three, and a legacy 其他处理 without a reason is 3.其他.
 */
static enum req_row outcome_row(enum outcome o, enum layout_id layout)
{
	static const enum req_row rows[OUTCOME_COUNT] = {
		[OUTCOME_C1] = REQ_C1,	   [OUTCOME_C2] = REQ_C2,     [OUTCOME_C3_1] = REQ_C3_1,
		[OUTCOME_C3_2] = REQ_C3_2, [OUTCOME_C3_3] = REQ_C3_3, [OUTCOME_C3_4] = REQ_C3_4,
		[OUTCOME_C3_5] = REQ_C3_5, [OUTCOME_C3_6] = REQ_C3_6, [OUTCOME_C3_7] = REQ_C3_7,
		[OUTCOME_C3_8] = REQ_C3_8, [OUTCOME_C4_1] = REQ_C4_1, [OUTCOME_C4_2] = REQ_C4_2,
		[OUTCOME_C4_3] = REQ_C4_3, [OUTCOME_C5_1] = REQ_C5_1, [OUTCOME_C5_2] = REQ_C5_2,
		[OUTCOME_C5_3] = REQ_C5_3, [OUTCOME_C5_4] = REQ_C5_4, [OUTCOME_C5_5] = REQ_C5_5,
		[OUTCOME_C6_1] = REQ_C6_1, [OUTCOME_C6_2] = REQ_C6_2, [OUTCOME_C6_3] = REQ_C6_3,
		[OUTCOME_C6] = REQ_C6,
	};
	bool other = o == OUTCOME_C6 || o == OUTCOME_C6_1 || o == OUTCOME_C6_2 || o == OUTCOME_C6_3;

	if (other)
		return layout == LAYOUT_2019 ? REQ_C6 : (o == OUTCOME_C6 ? REQ_C6_3 : rows[o]);
	return rows[o];
}

/* One row of table 三: the six applicant columns and their 总计. */
static void set_request_row(struct sheet *s, enum req_row row, const int64_t by_type[])
{
	int64_t total = 0;

	for (int t = 0; t < APPLICANT_TYPE_COUNT; t++) {
		sheet_set_count(s, TABLE_REQUESTS, row, applicant_column(t), by_type[t], 0);
		total += by_type[t];
	}
	sheet_set_count(s, TABLE_REQUESTS, row, REQ_TOTAL, total, 0);
}

static void fill_requests(struct sheet *s, const struct store_counts *c)
{
	int64_t rows[REQ_ROW_COUNT][APPLICANT_TYPE_COUNT];
	const struct layout *l = s->layout;

	memset(rows, 0, sizeof(rows));
	for (int o = 0; o < OUTCOME_COUNT; o++)
		for (int t = 0; t < APPLICANT_TYPE_COUNT; t++) {
			rows[outcome_row((enum outcome)o, l->id)][t] += c->closed[o][t];
			/* (七)总计: every application closed in the period, once. */
			rows[REQ_C7][t] += c->closed[o][t];
		}
	memcpy(rows[REQ_A], c->received, sizeof(rows[REQ_A]));
	memcpy(rows[REQ_B], c->carried_in, sizeof(rows[REQ_B]));
	memcpy(rows[REQ_D], c->carried_out, sizeof(rows[REQ_D]));
	for (size_t i = 0; i < l->n_requests; i++)
		if (l->requests[i].kind == LAYOUT_ROW_DATA)
			set_request_row(s, l->requests[i].row, rows[l->requests[i].row]);
}

static void fill_appeals(struct sheet *s, const struct store_counts *c)
{
	static const enum appeal_col result_column[APPEAL_RESULT_COUNT] = {
		[APPEAL_RESULT_PENDING] = APPEAL_PENDING,
		[APPEAL_RESULT_UPHELD] = APPEAL_UPHELD,
		[APPEAL_RESULT_CORRECTED] = APPEAL_CORRECTED,
		[APPEAL_RESULT_OTHER] = APPEAL_OTHER,
	};
	/* enum appeal_kind and enum appeal_row list 复议, 诉讼, 复议后诉讼 alike. */
	for (int k = 0; k < APPEAL_KIND_COUNT; k++) {
		int64_t total = 0;

		for (int r = 0; r < APPEAL_RESULT_COUNT; r++) {
			sheet_set_count(s, TABLE_APPEALS, k, result_column[r], c->appeals[k][r], 0);
			total += c->appeals[k][r];
		}
		sheet_set_count(s, TABLE_APPEALS, k, APPEAL_TOTAL, total, 0);
	}
}

/* The value of a table 二 column of the 第二十条第（一）项 block, by id. */
static bool document_column(const struct store_doc_kind_counts *d, const char *id, int64_t *out)
{
	const struct {
		const char *id;
		int64_t value;
	} cols[] = {
		/* 2021: 本年制发件数, 本年废止件数, 现行有效件数 */
		{"issued", d->made},
		{"repealed", d->repealed},
		{"in_force", d->in_force},
		/* 2019: 本年新制作数量, 本年新公开数量, 对外公开总数量 */
		{"made", d->made},
		{"published", d->published},
		{"total_public", d->total_public},
	};

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (!strcmp(cols[i].id, id)) {
			*out = cols[i].value;
			return true;
		}
	return false;
}

static void fill_documents(struct sheet *s, const struct store_counts *c)
{
	const struct {
		enum disc_row row;
		enum doc_kind kind;
	} rows[] = {{DISC_RULES, DOC_KIND_RULE}, {DISC_NORMATIVE, DOC_KIND_NORMATIVE}};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct layout_disc_row *r = layout_disclosure_row(s->layout, rows[i].row);

		for (size_t col = 0; r && col < r->block->n_columns; col++) {
			int64_t v;

			if (document_column(&c->documents[rows[i].kind], r->block->columns[col].id, &v))
				sheet_set_count(s, TABLE_DISCLOSURE, rows[i].row, (int)col, v, 0);
		}
	}
	s->has_table[TABLE_DISCLOSURE] = true;
}

void ledger_tables_fill(struct sheet *s, const struct store_counts *c)
{
	fill_requests(s, c);
	fill_appeals(s, c);
	fill_documents(s, c);
}

/* a + b, exact, at the finer of the two scales; false on overflow. */
static bool num_add(struct sheet_num a, struct sheet_num b, struct sheet_num *out)
{
	while (a.scale < b.scale) {
		if (a.mant > SHEET_NUM_MAX_MANT / 10 || a.mant < -SHEET_NUM_MAX_MANT / 10)
			return false;
		a.mant *= 10, a.scale++;
	}
	while (b.scale < a.scale) {
		if (b.mant > SHEET_NUM_MAX_MANT / 10 || b.mant < -SHEET_NUM_MAX_MANT / 10)
			return false;
		b.mant *= 10, b.scale++;
	}
	out->mant = a.mant + b.mant;
	out->scale = a.scale;
	return out->mant <= SHEET_NUM_MAX_MANT && out->mant >= -SHEET_NUM_MAX_MANT;
}

enum gk_err ledger_tables_add_figure(struct sheet *s, const char *row, const char *column,
				     const char *value, struct gk_errmsg *m)
{
	const struct layout_disc_row *r =
		layout_disclosure_row_by_id(s->layout, str_from_cstr(row));
	struct sheet_num num;
	struct sheet_cell *cell;
	size_t col = 0;

	if (!r)
		return GK_ENOTFOUND;
	while (col < r->block->n_columns && strcmp(r->block->columns[col].id, column))
		col++;
	if (col == r->block->n_columns)
		return GK_ENOTFOUND;
	if (!sheet_parse_number(str_from_cstr(value), r->block->columns[col].kind, &num))
		return gk_errf(m, GK_EINVAL, "figure %s.%s: '%s' is not a %s", row, column, value,
			       r->block->columns[col].kind == VALUE_AMOUNT ? "decimal amount"
										   : "whole number");
	cell = sheet_cell(s, TABLE_DISCLOSURE, r->row, (int)col);
	if (cell->state == CELL_NUMBER && !num_add(cell->num, num, &num))
		return gk_errf(m, GK_EINVAL, "figure %s.%s: the sum is too large", row, column);
	sheet_set_number(s, TABLE_DISCLOSURE, r->row, (int)col, num, 0);
	return GK_OK;
}
