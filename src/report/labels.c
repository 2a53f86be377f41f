#include "report/labels.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "base/banned.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Most key bytes allowed around a table 二 row label: a block title such
 * as 第二十条第（五）项 (7 characters, 21 bytes) and a little more. */
#define DISC_PREFIX_MAX 30

static bool keep_category(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

size_t label_fold(struct str text, char *out, size_t cap)
{
	const uint8_t *p = (const uint8_t *)text.ptr;
	size_t i = 0, n = 0;

	while (i < text.len) {
		utf8proc_int32_t cp, dec[8];
		utf8proc_ssize_t k, m;
		int boundclass = 0;

		if (p[i] < 0x80) {
			/* ASCII: NFKC leaves it alone; keep letters and digits. */
			char c = (char)p[i++];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (n == cap)
					break;
				out[n++] = c;
			}
			continue;
		}
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(text.len - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		if (cp >= 0x4E00 && cp <= 0x9FFF) {
			/* CJK Unified Ideographs: NFKC is the identity, all letters. */
			if (n + (size_t)k > cap)
				break;
			memcpy(out + n, p + i, (size_t)k);
			n += (size_t)k;
			i += (size_t)k;
			continue;
		}
		i += (size_t)k;
		/* Full-width forms, Kangxi radicals, circled digits …: the
		 * compatibility mapping of NFKC, one code point at a time. */
		m = utf8proc_decompose_char(cp, dec, (utf8proc_ssize_t)COUNT_OF(dec),
					    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
					    &boundclass);
		if (m < 0 || m > (utf8proc_ssize_t)COUNT_OF(dec)) {
			dec[0] = cp;
			m = 1;
		}
		for (utf8proc_ssize_t j = 0; j < m; j++) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t e;

			if (!keep_category(dec[j]))
				continue;
			if (dec[j] >= 'A' && dec[j] <= 'Z')
				dec[j] += 'a' - 'A';
			e = utf8proc_encode_char(dec[j], enc);
			if (n + (size_t)e > cap)
				return n;
			memcpy(out + n, enc, (size_t)e);
			n += (size_t)e;
		}
	}
	return n;
}

/* Start of part in key, or -1. Keys are short: memchr on the first byte. */
static long key_find_str(struct str key, struct str part)
{
	const char *p = key.ptr, *last;

	if (part.len == 0 || part.len > key.len)
		return -1;
	last = key.ptr + key.len - part.len;
	while (p <= last && (p = memchr(p, part.ptr[0], (size_t)(last - p) + 1)) != NULL) {
		if (memcmp(p, part.ptr, part.len) == 0)
			return (long)(p - key.ptr);
		p++;
	}
	return -1;
}

static long key_find(struct str key, const char *needle)
{
	return key_find_str(key, str_from_cstr(needle));
}

bool label_key_has(struct str key, const char *needle)
{
	return key_find(key, needle) >= 0;
}


/*
 * Distinctive parts of the table 三 labels (legal-facts §1.6), as keys.
 * Two per row where a line break often cuts the label, so either half
 * finds it; each is chosen not to occur in any other row's label. The
 * 2021 rows C6.1–C6.3 (国办公开办函〔2021〕30号) come before C6 so that
 * “（六）其他处理 1.申请人…” on one line is C6.1.
 */
static const struct {
	enum req_row row;
	const char *part;
} request_parts[] = {
	{REQ_A, "本年新收"},
	{REQ_B, "上年结转"},
	{REQ_C1, "予以公开"},
	{REQ_C2, "部分公开"},
	{REQ_C3_1, "国家秘密"},
	/* Also finds the misprint 2.其他法律行政止公开 (洪泽区 2023, 2024). */
	{REQ_C3_2, "其他法律"},
	{REQ_C3_2, "禁止公开"},
	{REQ_C3_3, "三安全"},
	{REQ_C3_3, "一稳定"},
	{REQ_C3_4, "第三方"},
	{REQ_C3_5, "内部事务"},
	{REQ_C3_6, "过程性"},
	{REQ_C3_7, "执法案卷"},
	{REQ_C3_8, "行政查询"},
	{REQ_C4_1, "不掌握"},
	{REQ_C4_2, "没有现成"},
	{REQ_C4_2, "另行制作"},
	{REQ_C4_3, "补正后"},
	{REQ_C4_3, "仍不明确"},
	{REQ_C5_1, "信访"},
	{REQ_C5_1, "举报投诉"},
	{REQ_C5_2, "重复申请"},
	{REQ_C5_3, "出版物"},
	{REQ_C5_4, "大量反复"},
	{REQ_C5_5, "确认或重新"},
	{REQ_C5_5, "已获取信息"},
	{REQ_C6_1, "理由逾期"},
	{REQ_C6_1, "逾期不补"},
	{REQ_C6_2, "未按收费"},
	{REQ_C6_2, "缴纳费用"},
	{REQ_C6, "其他处理"},
	{REQ_C7, "七总计"},
	{REQ_D, "结转下年"},
	{REQ_D, "继续办理"},
};

enum req_row label_match_request(struct str key)
{
	enum req_row best = REQ_ROW_COUNT;
	long best_at = -1;
	static const char c6_3[] = "3其他";

	for (size_t i = 0; i < COUNT_OF(request_parts); i++) {
		long at = key_find(key, request_parts[i].part);

		if (at > best_at) {
			best = request_parts[i].row;
			best_at = at;
		}
	}
	/* “3.其他” (C6.3) has no distinctive word: it must end the key. */
	if (key.len >= sizeof(c6_3) - 1 &&
	    memcmp(key.ptr + key.len - (sizeof(c6_3) - 1), c6_3, sizeof(c6_3) - 1) == 0 &&
	    (long)(key.len - (sizeof(c6_3) - 1)) > best_at)
		best = REQ_C6_3;
	return best;
}

/* Table 二 row labels (legal-facts §1.4, §1.5) as keys; 规范性文件 also
 * matches the 2021 行政规范性文件. */
static const struct {
	enum disc_row row;
	const char *part;
} disclosure_parts[] = {
	{DISC_RULES, "规章"},
	{DISC_NORMATIVE, "规范性文件"},
	{DISC_LICENSING, "行政许可"},
	{DISC_OTHER_SERVICE, "对外管理服务"},
	{DISC_PENALTY, "行政处罚"},
	{DISC_ENFORCEMENT, "行政强制"},
	{DISC_FEES, "事业性收费"},
	{DISC_PROCUREMENT, "集中采购"},
};

enum disc_row label_match_disclosure(struct str key)
{
	for (size_t i = 0; i < COUNT_OF(disclosure_parts); i++) {
		long at = key_find(key, disclosure_parts[i].part);
		size_t n = strlen(disclosure_parts[i].part);

		if (at >= 0 && key.len - n <= DISC_PREFIX_MAX)
			return disclosure_parts[i].row;
	}
	return DISC_ROW_COUNT;
}

bool label_is_blank_marker(struct str cell)
{
	static const char *const dashes[] = {"-", "\u2013", "\u2014", "\u2015", "\uFF0D", "\u2500"};
	struct str t = str_trim(cell);
	size_t i = 0;

	if (str_eq_cstr(t, "/") || str_eq_cstr(t, "\uFF0F"))
		return true;
	while (i < t.len) {
		size_t d;

		for (d = 0; d < COUNT_OF(dashes); d++) {
			size_t n = strlen(dashes[d]);

			if (t.len - i >= n && memcmp(t.ptr + i, dashes[d], n) == 0) {
				i += n;
				break;
			}
		}
		if (d == COUNT_OF(dashes))
			return false;
	}
	return true;
}
