/*
 * libFuzzer target for law/ident: any bytes as what an applicant typed
 * into each field. Every check must end in GK_OK or GK_EINVAL, a refusal
 * with a message that is valid UTF-8 (it is shown on the form); an
 * accepted 居民身份证号码 or 统一社会信用代码 must come back canonical and
 * be accepted again. Every mask must be valid UTF-8 with as many
 * characters as the input (a byte that is not UTF-8 counting as one), and
 * the masks that hide the middle of a value must hide something.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "law/ident.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

/* Characters in s, or -1 when strict is set and s is not valid UTF-8. */
static long count_chars(struct str s, int strict)
{
	long n = 0;
	size_t i = 0;

	while (i < s.len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s.ptr + i,
						      (utf8proc_ssize_t)(s.len - i), &cp);
		if (k <= 0) {
			if (strict)
				return -1;
			k = 1;
		}
		i += (size_t)k;
		n++;
	}
	return n;
}

static void check_refusal(enum gk_err err, const struct gk_errmsg *m)
{
	CHECK(err == GK_OK || err == GK_EINVAL);
	if (err)
		CHECK(m->text[0] && count_chars(str_from_cstr(m->text), 1) > 0);
}

/* A canonical code is 18 ASCII characters and is accepted as it is. */
static void check_code(enum gk_err err, const char *canon, struct str in)
{
	if (err)
		return;
	CHECK(strlen(canon) == IDENT_CODE_LEN && in.len == IDENT_CODE_LEN);
	for (size_t i = 0; i < IDENT_CODE_LEN; i++)
		CHECK(canon[i] == in.ptr[i] || canon[i] == in.ptr[i] - 'a' + 'A');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct str s = {(const char *)data, size};
	gk_date today = date_from_ymd(2026, 11, 27);
	char canon[IDENT_CODE_LEN + 1];
	struct gk_errmsg m;
	enum gk_err err;
	struct buf out;
	long n = count_chars(s, 0);

	err = ident_check_resident_id(s, today, canon, &m);
	check_refusal(err, &m);
	check_code(err, canon, s);
	if (!err)
		CHECK(ident_check_resident_id(str_from_cstr(canon), today, NULL, &m) == GK_OK);
	err = ident_check_credit_code(s, canon, &m);
	check_refusal(err, &m);
	check_code(err, canon, s);
	if (!err)
		CHECK(ident_check_credit_code(str_from_cstr(canon), NULL, &m) == GK_OK);
	check_refusal(ident_check_phone(s, &m), &m);
	check_refusal(ident_check_email(s, &m), &m);

	buf_init(&out, SIZE_MAX);
	for (int kind = 0; kind <= IDENT_KIND_COUNT; kind++) {
		buf_reset(&out);
		ident_mask((enum ident_kind)kind, s, &out);
		CHECK(!out.failed);
		CHECK(count_chars(buf_str(&out), 1) == n);
		if (n > 0 && kind != IDENT_ADDRESS && kind != IDENT_EMAIL)
			CHECK(memchr(out.data, '*', out.len) != NULL);
	}
	buf_release(&out);
	return 0;
}
