/*
 * libFuzzer target for app/import: any bytes as applications.csv, then as
 * cases.csv and documents.csv, into an in-memory ledger with two agencies.
 * Beyond not crashing, an import is all or nothing: a refused file leaves
 * the row counts exactly as they were, and a refusal carries a message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "app/import.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static struct store *ledger(void)
{
	struct store_agency qu = {.code = "qu", .name = "某某区人民政府"};
	struct store_agency fgj = {.code = "fgj", .name = "某某区发展和改革局"};
	struct store *st;

	CHECK(store_open(":memory:", STORE_OPEN_CREATE, &st, NULL) == GK_OK);
	CHECK(store_agency_add(st, &qu, &fgj.parent_id, NULL) == GK_OK);
	CHECK(store_agency_add(st, &fgj, NULL, NULL) == GK_OK);
	CHECK(store_subject_add(st, fgj.parent_id, "综合政务", NULL, NULL) == GK_OK);
	return st;
}

/* Rows of every kind: a scope over all time counts them all. */
static int64_t rows(struct store *st, int64_t agency)
{
	struct store_scope sc = {.agency_id = agency, .region = true, .from = date_from_ymd(1900, 1, 1),
				 .to = date_from_ymd(2199, 12, 31)};
	struct store_counts c;
	int64_t n = 0;

	CHECK(store_count(st, &sc, &c, NULL) == GK_OK);
	for (int t = 0; t < APPLICANT_TYPE_COUNT; t++)
		n += c.received[t];
	for (int k = 0; k < APPEAL_KIND_COUNT; k++)
		for (int r = 0; r < APPEAL_RESULT_COUNT; r++)
			n += c.appeals[k][r];
	for (int i = 0; i <= STORE_ART20_ITEMS; i++)
		n += c.published_by_category[i];
	return n + c.documents[DOC_KIND_RULE].made + c.documents[DOC_KIND_NORMATIVE].made;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *st;
	struct import_result res;
	struct gk_errmsg m;

	if (!st)
		st = ledger();
	for (int k = 0; k < IMPORT_KIND_COUNT; k++) {
		int64_t before = rows(st, 1);
		enum gk_err err = import_csv(st, (enum import_kind)k, "fuzz.csv", (const char *)data,
					     size, date_from_ymd(2026, 11, 27), &res, &m);

		if (err) {
			CHECK(rows(st, 1) == before);
			CHECK(res.rows == 0 && m.text[0] != '\0');
		}
	}
	return 0;
}
