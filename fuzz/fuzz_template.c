/*
 * libFuzzer target for web/template: any bytes as a template named "t", so
 * {{>t}} includes the template itself. Compiling must not crash or leak,
 * and a refusal must say "t:LINE: ...". What compiles is checked for
 * unknown partials and rendered with a fixed view that has every kind of
 * value: rendering must end (the nesting limit stops self-inclusion) with
 * success, the nesting error or the output ceiling.
 *
 * Only inputs up to RENDER_MAX bytes are rendered: sections nested k deep
 * over the same two-element array run 2^k times, which is Mustache, not a
 * bug, and would turn long inputs into timeouts.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/template.h"

#include "base/banned.h"

#define RENDER_MAX 160

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static const char view_json[] =
    "{\"a\": [{\"b\": \"<x>\", \"c\": [1, 2.5]}, {\"b\": false, \"a\": null}],"
    " \"s\": \"字&\\\"'/`=\", \"n\": 0, \"r\": 1.5, \"t\": true, \"f\": false,"
    " \"o\": {\"p\": {\"q\": \"deep\"}}, \"e\": [], \"z\": null, \"i\": -9007199254740993}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *view;
	struct tpl_set *set = tpl_set_new();
	struct gk_errmsg m;
	struct buf out;
	enum gk_err err;

	if (!view)
		view = json_loads(view_json, 0, NULL);
	CHECK(set && view);
	err = tpl_set_add(set, "t", "t", (const char *)data, size, &m);
	if (err) {
		CHECK(err == GK_EFORMAT || (err == GK_ERANGE && size > TPL_MAX_SOURCE));
		CHECK(err != GK_EFORMAT ||
		      (!strncmp(m.text, "t:", 2) && isdigit((unsigned char)m.text[2])));
		tpl_set_free(set);
		return 0;
	}
	CHECK(tpl_set_has(set, "t"));
	err = tpl_set_check(set, &m);
	CHECK(!err || (err == GK_EFORMAT && strstr(m.text, ": unknown partial '")));
	if (size <= RENDER_MAX) {
		buf_init(&out, 1 << 20);
		err = tpl_render(set, "t", view, &out, &m);
		CHECK(err == GK_OK || err == GK_ERANGE || err == GK_ENOMEM);
		CHECK(err != GK_OK || !out.failed);
		buf_release(&out);
	}
	tpl_set_free(set);
	return 0;
}
