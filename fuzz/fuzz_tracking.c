/*
 * libFuzzer target for app/tracking: any bytes as a 查询号 a person typed.
 * tracking_parse must accept or refuse with a message, leave out alone
 * when it refuses, and what it accepts must be canonical (16 symbols of
 * the alphabet in groups of four) and read back to itself.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/tracking.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[TRACKING_STRLEN] = "untouched", again[TRACKING_STRLEN];
	struct gk_errmsg m = {{0}};
	enum gk_err err = tracking_parse((struct str){(const char *)data, size}, out, &m);

	if (err) {
		CHECK(err == GK_EINVAL && m.text[0] && !strcmp(out, "untouched"));
		return 0;
	}
	CHECK(strlen(out) == TRACKING_STRLEN - 1);
	for (size_t i = 0; i < TRACKING_STRLEN - 1; i++)
		CHECK(i % 5 == 4 ? out[i] == '-'
				 : out[i] && strchr("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", out[i]));
	CHECK(tracking_parse(str_from_cstr(out), again, &m) == GK_OK && !strcmp(again, out));
	return 0;
}
