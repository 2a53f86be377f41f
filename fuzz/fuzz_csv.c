/*
 * libFuzzer target for base/csv: any bytes. The reader must not crash, hang
 * or leak, and what it returns must keep the contract of csv.h: fields
 * within CSV_FIELD_MAX and NUL-terminated, at most CSV_FIELDS_MAX of them,
 * record lines increasing, a refusal that names its line and column.
 *
 * An input that is accepted is also written back as CSV (every field
 * quoted, quotes doubled) and read again: the second reading must give the
 * same fields, which checks the unquoting against an independent writer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static void check_record(const struct csv_record *rec, uint32_t *last_line)
{
	CHECK(rec->n_fields <= CSV_FIELDS_MAX);
	CHECK(rec->line > *last_line);
	*last_line = rec->line;
	for (size_t i = 0; i < rec->n_fields; i++) {
		CHECK(rec->fields[i].len <= CSV_FIELD_MAX);
		CHECK(rec->fields[i].ptr[rec->fields[i].len] == '\0');
		CHECK(memchr(rec->fields[i].ptr, '\0', rec->fields[i].len) == NULL);
	}
}

/* Write rec to out with every field quoted. */
static void write_record(const struct csv_record *rec, struct buf *out)
{
	for (size_t i = 0; i < rec->n_fields; i++) {
		struct str f = rec->fields[i];

		buf_puts(out, i ? ",\"" : "\"");
		for (size_t k = 0; k < f.len; k++) {
			if (f.ptr[k] == '"')
				buf_putc(out, '"');
			buf_putc(out, f.ptr[k]);
		}
		buf_putc(out, '"');
	}
	buf_putc(out, '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct csv_record a, b;
	struct csv_reader r, w;
	struct gk_errmsg m;
	struct buf out;
	uint32_t last_line = 0, last_w = 0;
	enum gk_err err;

	buf_init(&out, SIZE_MAX);
	csv_init(&r, (const char *)data, size);
	while ((err = csv_next(&r, &a, &m)) == GK_OK && a.n_fields) {
		check_record(&a, &last_line);
		write_record(&a, &out);
	}
	csv_release(&r);
	if (err) {
		CHECK(err == GK_EINVAL || err == GK_ENOMEM);
		CHECK(err != GK_EINVAL || strncmp(m.text, "line ", 5) == 0);
		CHECK(err != GK_EINVAL || strstr(m.text, ", column ") != NULL);
		buf_release(&out);
		return 0;
	}
	CHECK(!out.failed);

	/* read the input and its rewrite side by side */
	csv_init(&r, (const char *)data, size);
	csv_init(&w, buf_str(&out).ptr, out.len);
	for (;;) {
		CHECK(csv_next(&r, &a, &m) == GK_OK);
		CHECK(csv_next(&w, &b, &m) == GK_OK);
		CHECK(a.n_fields == b.n_fields);
		if (!a.n_fields)
			break;
		check_record(&b, &last_w);
		for (size_t i = 0; i < a.n_fields; i++)
			CHECK(str_eq(a.fields[i], b.fields[i]));
	}
	csv_release(&r);
	csv_release(&w);
	buf_release(&out);
	return 0;
}
