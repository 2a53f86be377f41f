/*
 * libFuzzer target for report/read_html: any bytes as an HTML page, a
 * fresh sheet each time. The reader must not crash, hang or leak on
 * broken markup, absurd rowspan/colspan, nested tables or bad encodings;
 * what it reads is then printed again by the HTML and Markdown writers,
 * whose escaping sees the hostile titles and agency names.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/read_html.h"
#include "report/write_html.h"
#include "report/write_md.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet *s = sheet_new();
	struct gk_errmsg m;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	if (!s)
		return 0;
	if (report_read_html((struct str){(const char *)data, size}, "fuzz", s, &m) == GK_OK) {
		/* The contract: GK_OK means a table was found. */
		if (!s->has_table[TABLE_DISCLOSURE] && !s->has_table[TABLE_REQUESTS] &&
		    !s->has_table[TABLE_APPEALS])
			abort();
		out = open_memstream(&text, &len);
		if (out) {
			report_write_html(s, out, &m);
			report_write_md(s, out, &m);
			fclose(out);
			free(text);
		}
	}
	sheet_free(s);
	return 0;
}
