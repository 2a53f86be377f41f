/*
 * libFuzzer target for report/read_xlsx, in two modes chosen by the input:
 *
 *   "PK…"  the bytes are the workbook: broken ZIP archives, lying size
 *          fields and damaged entries must be refused;
 *   other  the bytes are parts, "name\ncontent" separated by \x01, which
 *          the target packs into a valid stored ZIP first. Mutations of a
 *          real archive almost never survive its CRCs, so this mode is
 *          what reaches the XML: malformed parts, out-of-range shared
 *          string indexes and cell references, endless merged ranges.
 *
 * Every outcome must be GK_OK with a table found, or a refusal, without a
 * crash, hang or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "report/read_xlsx.h"

#include "base/banned.h"

#define PART_SEPARATOR '\x01'
#define MAX_PARTS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Add each "name\ncontent" part of data to the archive (stored, not deflated). */
static void add_parts(zip_t *za, const char *data, size_t size)
{
	const char *end = data + size;

	for (int n = 0; data < end && n < MAX_PARTS; n++) {
		const char *stop = memchr(data, PART_SEPARATOR, (size_t)(end - data));
		const char *nl;
		char name[128];
		zip_source_t *content;
		zip_int64_t idx;

		if (!stop)
			stop = end;
		nl = memchr(data, '\n', (size_t)(stop - data));
		if (nl && (size_t)(nl - data) < sizeof(name)) {
			memcpy(name, data, (size_t)(nl - data));
			name[nl - data] = '\0';
			content = zip_source_buffer(za, nl + 1, (zip_uint64_t)(stop - nl - 1), 0);
			idx = content ? zip_file_add(za, name, content, ZIP_FL_OVERWRITE) : -1;
			if (idx < 0)
				zip_source_free(content);
			else
				zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		}
		data = stop + 1;
	}
}

/* The parts of data packed as a ZIP archive (malloc'd into *out); 0 on failure. */
static size_t pack(const char *data, size_t size, char **out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t len = 0;

	*out = NULL;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_error_fini(&ze);
	if (!src)
		return 0;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (za) {
		add_parts(za, data, size);
		if (zip_close(za) != 0)
			zip_discard(za);
		else if (zip_source_open(src) == 0) {
			if (zip_source_seek(src, 0, SEEK_END) == 0 && (len = zip_source_tell(src)) > 0 &&
			    zip_source_seek(src, 0, SEEK_SET) == 0 && (*out = malloc((size_t)len)) &&
			    zip_source_read(src, *out, (zip_uint64_t)len) != len) {
				free(*out);
				*out = NULL;
			}
			zip_source_close(src);
		}
	}
	zip_source_free(src);
	return *out ? (size_t)len : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet *s = sheet_new();
	struct gk_errmsg m;
	char *packed = NULL;
	struct str bytes = {(const char *)data, size};

	if (!s)
		return 0;
	if (size < 2 || data[0] != 'P' || data[1] != 'K')
		bytes = (struct str){packed, pack((const char *)data, size, &packed)};
	if (report_read_xlsx(bytes, "fuzz", s, &m) == GK_OK && !s->has_table[TABLE_DISCLOSURE] &&
	    !s->has_table[TABLE_REQUESTS] && !s->has_table[TABLE_APPEALS])
		abort(); /* the contract: GK_OK means a table was found */
	free(packed);
	sheet_free(s);
	return 0;
}
