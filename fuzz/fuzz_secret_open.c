/*
 * libFuzzer target for app/secret: any bytes as a stored sealed value.
 * secret_open must refuse it (GK_EFORMAT, nothing appended): forging a
 * Poly1305 tag is out of a fuzzer's reach, so an acceptance would mean the
 * check was skipped. The same bytes sealed as plaintext must open again
 * to themselves, and not under another key.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/secret.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct secret_key key = {.loaded = true}, other = {.loaded = true};
	struct buf sealed, plain;

	memset(key.bytes, 0x5A, sizeof(key.bytes));
	memset(other.bytes, 0xA5, sizeof(other.bytes));
	buf_init(&plain, SIZE_MAX);
	buf_init(&sealed, SIZE_MAX);
	buf_putc(&plain, '>');
	CHECK(secret_open(&key, (struct str){(const char *)data, size}, &plain) == GK_EFORMAT);
	CHECK(plain.len == 1 && plain.data[1] == '\0');

	buf_reset(&plain);
	CHECK(secret_seal(&key, data, size, &sealed) == GK_OK);
	CHECK(sealed.len == size + SECRET_OVERHEAD);
	CHECK(secret_open(&other, buf_str(&sealed), &plain) == GK_EFORMAT);
	CHECK(secret_open(&key, buf_str(&sealed), &plain) == GK_OK);
	CHECK(plain.len == size && (size == 0 || memcmp(plain.data, data, size) == 0));
	buf_release(&sealed);
	buf_release(&plain);
	return 0;
}
