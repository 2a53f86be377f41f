/*
 * report_fixture.h: helpers shared by the report reader and writer tests —
 * load a fixture file, and compare the cells of a sheet.
 */
#ifndef GK_TEST_REPORT_FIXTURE_H
#define GK_TEST_REPORT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "report/sheet.h"

/* Marks a blank cell in the expected tables of the tests. */
#define BLANK (-1)

/* The bytes of a file (malloc'd, NUL-terminated); fails the test when unreadable. */
static inline char *fixture_load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return data;
}

/* Assert that a cell is blank (want == BLANK) or holds the whole number want. */
static inline void assert_cell_count(const struct sheet *s, enum report_table t, int row, int col,
				     long long want)
{
	const struct sheet_cell *c = sheet_cell_const(s, t, row, col);

	assert_non_null(c);
	if (want == BLANK) {
		if (c->state != CELL_BLANK)
			fail_msg("table %s row %d col %d: want blank, state %d",
				 layout_table_name(t), row, col, (int)c->state);
		return;
	}
	if (c->state != CELL_NUMBER || c->num.scale != 0 || c->num.mant != want)
		fail_msg("table %s row %d col %d: want %lld, state %d value %lld/10^%d",
			 layout_table_name(t), row, col, want, (int)c->state,
			 (long long)c->num.mant, c->num.scale);
}

/* The number of notes of a kind. */
static inline size_t count_notes(const struct sheet *s, enum sheet_note_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n_notes; i++)
		n += s->notes[i].kind == kind;
	return n;
}

#endif
