/*
 * libFuzzer target for report/read_text: any bytes, a fresh sheet each
 * time. The reader must not crash, hang or leak, whatever it is given
 * (binary junk, invalid UTF-8, endless digits, broken tables).
 */
#include <stddef.h>
#include <stdint.h>

#include "report/read_text.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet *s = sheet_new();
	struct gk_errmsg m;

	if (!s)
		return 0;
	report_read_text((struct str){(const char *)data, size}, "fuzz", s, &m);
	sheet_free(s);
	return 0;
}
