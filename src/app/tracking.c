/*
 * tracking.c: 查询号 made from randombytes and read back from what people
 * type. See tracking.h.
 */
#include "app/tracking.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>
#include <utf8proc.h>

#include "base/banned.h"

/* Crockford-like: the digits and capitals without 0, O, 1 and I. */
static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

_Static_assert(sizeof(alphabet) - 1 == 32, "5 bits per symbol");
_Static_assert(TRACKING_BYTES * 8 == TRACKING_SYMBOLS * 5, "80 bits in 16 symbols");

/* Where symbol i (0-based) is written in "XXXX-XXXX-XXXX-XXXX". */
static size_t slot(size_t i)
{
	return i + i / 4;
}

static void put_dashes(char out[TRACKING_STRLEN])
{
	out[4] = out[9] = out[14] = '-';
	out[TRACKING_STRLEN - 1] = '\0';
}

void tracking_encode(const unsigned char bytes[TRACKING_BYTES], char out[TRACKING_STRLEN])
{
	uint32_t acc = 0;
	unsigned bits = 0;
	size_t n = 0;

	for (size_t i = 0; i < TRACKING_BYTES; i++) {
		acc = (acc << 8 | bytes[i]) & 0xFFF;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[slot(n++)] = alphabet[(acc >> bits) & 31];
		}
	}
	put_dashes(out);
}

enum gk_err tracking_new(char out[TRACKING_STRLEN], struct gk_errmsg *m)
{
	unsigned char bytes[TRACKING_BYTES];

	if (sodium_init() < 0)
		return gk_errf(m, GK_EINTERNAL, "libsodium could not be initialised");
	randombytes_buf(bytes, sizeof(bytes));
	tracking_encode(bytes, out);
	return GK_OK;
}

/* Separators people put between groups: spaces and dashes of every kind
 * (ASCII, full-width, en/em dashes, the minus sign). */
static bool is_separator(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2212 ||
	       cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_PD;
}

enum gk_err tracking_parse(struct str in, char out[TRACKING_STRLEN], struct gk_errmsg *m)
{
	char sym[TRACKING_STRLEN];
	size_t i = 0, n = 0;

	while (i < in.len) {
		utf8proc_int32_t cp, c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in.ptr + i,
						      (utf8proc_ssize_t)(in.len - i), &cp);
		const char *hit;

		if (k <= 0)
			return gk_errf(m, GK_EINVAL,
				       "查询号第 %zu 位之后有无法识别的字节，请重新输入", n);
		if (is_separator(cp)) {
			i += (size_t)k;
			continue;
		}
		/* Full-width forms U+FF01–U+FF5E, then lower case, to ASCII. */
		c = cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c == '0' || c == 'O' || c == '1' || c == 'I')
			return gk_errf(m, GK_EINVAL,
				       "查询号第 %zu 位是“%.*s”：查询号中不会出现 0、O、1、I "
				       "这四个容易看错的字符，请核对原件",
				       n + 1, (int)k, in.ptr + i);
		hit = c > 0 && c < 0x80 ? strchr(alphabet, (int)c) : NULL;
		if (!hit) {
			char shown[16];
			if (utf8proc_category(cp) >= UTF8PROC_CATEGORY_ZS)
				snprintf(shown, sizeof(shown), "U+%04X", (unsigned)cp);
			else
				snprintf(shown, sizeof(shown), "“%.*s”", (int)k, in.ptr + i);
			return gk_errf(m, GK_EINVAL,
				       "查询号第 %zu 位是%s：查询号只由数字 2–9 和除 I、O 以外的"
				       "英文字母组成",
				       n + 1, shown);
		}
		if (n < TRACKING_SYMBOLS)
			sym[slot(n)] = *hit;
		n++;
		i += (size_t)k;
	}
	if (n != TRACKING_SYMBOLS)
		return gk_errf(m, GK_EINVAL,
			       "查询号应为 16 位（如 ABCD-EFGH-JKMN-PQRS），现为 %zu 位", n);
	put_dashes(sym);
	memcpy(out, sym, sizeof(sym));
	return GK_OK;
}
