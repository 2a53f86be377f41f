/*
 * libFuzzer target for report/read_json: any bytes as a report snapshot, a
 * fresh sheet each time. The reader must not crash, hang or leak on broken
 * JSON, deep nesting, huge or odd numbers, wrong types and unknown ids.
 * What it accepts must survive the round trip it exists for: written by
 * write_json and read again, the sheet prints the same JSON (read_json.h),
 * and the Markdown and HTML writers print its texts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/read_json.h"
#include "report/write_html.h"
#include "report/write_json.h"
#include "report/write_md.h"

#include "base/banned.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The JSON write_json gives for s, or NULL when out of memory. */
static char *dump(const struct sheet *s)
{
	json_t *o = report_json_object(s, "fuzz", NULL);
	char *text = o ? json_dumps(o, DUMP_FLAGS) : NULL;

	json_decref(o);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet *s = sheet_new(), *again = sheet_new();
	struct gk_errmsg m;
	char *first = NULL, *second = NULL, *text = NULL;
	size_t len = 0;
	FILE *out;

	if (s && again &&
	    report_read_json((struct str){(const char *)data, size}, "fuzz", s, &m) == GK_OK) {
		/* The contract: GK_OK means a table was found. */
		if (!s->has_table[TABLE_DISCLOSURE] && !s->has_table[TABLE_REQUESTS] &&
		    !s->has_table[TABLE_APPEALS])
			abort();
		first = dump(s);
		if (first && report_read_json(str_from_cstr(first), "again", again, &m) != GK_OK)
			abort();
		second = first ? dump(again) : NULL;
		if (first && second && strcmp(first, second))
			abort();
		out = open_memstream(&text, &len);
		if (out) {
			report_write_html(s, out, &m);
			report_write_md(s, out, &m);
			fclose(out);
			free(text);
		}
	}
	free(first);
	free(second);
	sheet_free(again);
	sheet_free(s);
	return 0;
}
