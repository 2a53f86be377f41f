/*
 * libFuzzer target for web/multipart: any bytes as a multipart/form-data
 * body (the application form with attachments). The first byte picks one
 * of a few boundaries; the rest is the body. What is accepted must stay
 * inside the limits, and every name, filename, type and data must point
 * into the body in order, never past its end.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/multipart.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static const char *const types[] = {
    "multipart/form-data; boundary=XyZ",
    "multipart/form-data; boundary=\"----WebKitFormBoundary7MA4YWxkTrZu0gW\"",
    "multipart/form-data; boundary=------------------------d74496d66958873e",
    "multipart/form-data; boundary=a",
};

static void inside(struct str s, const char *body, size_t size)
{
	CHECK(s.len == 0 || (s.ptr >= body && s.ptr + s.len <= body + size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct multipart mp;
	struct gk_errmsg m = {{0}};
	struct str boundary;
	char *body;
	enum gk_err err;

	if (size < 1)
		return 0;
	CHECK(multipart_boundary(types[data[0] % 4], &boundary, &m) == GK_OK);
	/* A copy of exactly the body: ASan sees any read past it. */
	body = malloc(size - 1 ? size - 1 : 1);
	CHECK(body);
	memcpy(body, data + 1, size - 1);
	err = multipart_parse((struct str){body, size - 1}, boundary, &mp, &m);
	if (err) {
		CHECK(err == GK_EINVAL && m.text[0]);
	} else {
		const char *last = body;

		CHECK(mp.nparts <= MULTIPART_MAX_PARTS);
		for (size_t i = 0; i < mp.nparts; i++) {
			const struct multipart_part *p = &mp.parts[i];

			CHECK(p->name.len >= 1 && p->name.len <= MULTIPART_MAX_NAME);
			CHECK(p->is_file || p->filename.len == 0);
			inside(p->name, body, size - 1);
			inside(p->filename, body, size - 1);
			inside(p->content_type, body, size - 1);
			inside(p->data, body, size - 1);
			CHECK(p->data.ptr >= last);
			last = p->data.ptr + p->data.len;
		}
	}
	free(body);
	return 0;
}
