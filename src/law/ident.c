/*
 * ident.c: checks and masks of applicants' identity numbers and contact
 * details. The check algorithms are those of the standards named in
 * ident.h; docs/privacy.md explains each with a worked example.
 */
#include "law/ident.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "base/banned.h"

/* One character of a UTF-8 string: its code point, or -1 for a byte that
 * is not UTF-8 (which counts as one character), and its bytes. */
struct uchar {
	int32_t cp;
	struct str bytes;
};

/* The character at byte offset *i of s (i < s.len); advances *i past it. */
static struct uchar next_char(struct str s, size_t *i)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s.ptr + *i,
					      (utf8proc_ssize_t)(s.len - *i), &cp);
	struct uchar c;

	if (n <= 0) {
		n = 1;
		cp = -1;
	}
	c.cp = cp;
	c.bytes = (struct str){s.ptr + *i, (size_t)n};
	*i += (size_t)n;
	return c;
}

static size_t char_count(struct str s)
{
	size_t i = 0, n = 0;

	while (i < s.len) {
		next_char(s, &i);
		n++;
	}
	return n;
}

/* Whether c is one of the characters of set (a UTF-8 literal). */
static bool char_in(struct uchar c, const char *set)
{
	struct str s = str_from_cstr(set);
	size_t i = 0;

	while (c.cp >= 0 && i < s.len)
		if (next_char(s, &i).cp == c.cp)
			return true;
	return false;
}

static bool is_digit(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static bool is_ascii_alnum(int32_t cp)
{
	return is_digit(cp) || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

/* Letters, marks and decimal digits of any script: what IDNA (RFC 5892)
 * and RFC 6531 local parts are made of, near enough for a form. */
static bool is_intl_word_char(int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND;
}

/*
 * How a refused character is quoted in a message: “x” when it prints,
 * U+XXXX for spaces and control characters, 字节 \xNN for a byte that is
 * not UTF-8. hint adds advice for the full-width forms (U+FF01–U+FF5E,
 * U+3000) that Chinese input methods produce in place of ASCII.
 */
struct shown {
	char text[32];
	const char *hint;
};

static struct shown show(struct uchar c)
{
	struct shown s = {.hint = ""};
	utf8proc_category_t cat = c.cp >= 0 ? utf8proc_category(c.cp) : UTF8PROC_CATEGORY_CN;

	if (c.cp < 0)
		snprintf(s.text, sizeof(s.text), "字节 \\x%02X", (unsigned char)c.bytes.ptr[0]);
	else if (cat == UTF8PROC_CATEGORY_CN || cat >= UTF8PROC_CATEGORY_ZS)
		snprintf(s.text, sizeof(s.text), "U+%04X", (unsigned)c.cp);
	else
		snprintf(s.text, sizeof(s.text), "“%.*s”", (int)c.bytes.len, c.bytes.ptr);
	if ((c.cp >= 0xFF01 && c.cp <= 0xFF5E) || c.cp == 0x3000)
		s.hint = "（这是全角字符，请改用半角）";
	return s;
}

/*
 * Copy the IDENT_CODE_LEN characters of s into out in upper case. Returns
 * 0, or the 1-based position of the first character that is not ASCII or
 * that ok() refuses, with that character in *bad. The caller has checked
 * that s has IDENT_CODE_LEN characters.
 */
static size_t scan_code(struct str s, bool (*ok)(size_t pos, char c), char out[IDENT_CODE_LEN + 1],
			struct uchar *bad)
{
	size_t i = 0;

	for (size_t pos = 1; pos <= IDENT_CODE_LEN; pos++) {
		struct uchar c = next_char(s, &i);
		char a = c.cp > 0 && c.cp < 0x80 ? (char)c.cp : '\0';

		if (a >= 'a' && a <= 'z')
			a = (char)(a - 'a' + 'A');
		if (!a || !ok(pos, a)) {
			*bad = c;
			return pos;
		}
		out[pos - 1] = a;
	}
	out[IDENT_CODE_LEN] = '\0';
	return 0;
}

/* ---- 居民身份证号码, GB 11643-1999 ---------------------------------------- */

/*
 * GB 11643-1999 §5.2 (ISO 7064:1983 MOD 11-2): W_i = 2^(i-1) mod 11 for
 * the positions i = 18 … 2 counted from the right; the check value is the
 * one that makes the weighted sum ≡ 1 (mod 11), written X for 10.
 */
static const unsigned char id_weight[IDENT_CODE_LEN - 1] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
							    3, 7, 9,  10, 5, 8, 4, 2};

char ident_resident_id_check_char(const char body[IDENT_CODE_LEN - 1])
{
	unsigned sum = 0;

	for (size_t i = 0; i < IDENT_CODE_LEN - 1; i++)
		sum += (unsigned)(body[i] - '0') * id_weight[i];
	return "10X98765432"[sum % 11];
}

static bool id_char_ok(size_t pos, char c)
{
	return is_digit(c) || (pos == IDENT_CODE_LEN && c == 'X');
}

/* The province-level codes of GB/T 2260 (the first two digits of every
 * 行政区划代码), and 81–83 of the 港澳台居民居住证 (国办发〔2018〕81号). */
static bool id_province_ok(int code)
{
	static const struct {
		unsigned char lo, hi;
	} ranges[] = {{11, 15}, {21, 23}, {31, 37}, {41, 46},
		      {50, 54}, {61, 65}, {71, 71}, {81, 83}};

	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (code >= ranges[i].lo && code <= ranges[i].hi)
			return true;
	return false;
}

static int digits_value(const char *p, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*p++ - '0');
	return v;
}

static bool all_ascii_digits(struct str s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!is_digit(s.ptr[i]))
			return false;
	return true;
}

enum gk_err ident_check_resident_id(struct str s, gk_date today, char canon[IDENT_CODE_LEN + 1],
				    struct gk_errmsg *m)
{
	char id[IDENT_CODE_LEN + 1], check;
	size_t n = char_count(s), pos;
	struct uchar bad;
	int y, mo, d;

	if (n == 15 && all_ascii_digits(s))
		return gk_errf(m, GK_EINVAL,
			       "居民身份证号码应为 18 位：15 位的是第一代身份证号码，已停止使用，"
			       "请填写第二代身份证上的 18 位号码");
	if (n != IDENT_CODE_LEN)
		return gk_errf(m, GK_EINVAL,
			       "居民身份证号码应为 18 位（17 位数字和 1 位校验码），现为 %zu 位",
			       n);
	pos = scan_code(s, id_char_ok, id, &bad);
	if (pos) {
		struct shown sh = show(bad);
		return gk_errf(m, GK_EINVAL, "居民身份证号码第 %zu 位是%s，应为%s%s", pos, sh.text,
			       pos < IDENT_CODE_LEN ? "数字" : "数字或 X（校验码）", sh.hint);
	}
	if (!id_province_ok(digits_value(id, 2)))
		return gk_errf(m, GK_EINVAL,
			       "居民身份证号码前两位 %.2s 不是省级行政区划代码（GB/T 2260："
			       "11–15、21–23、31–37、41–46、50–54、61–65、71、81–83）",
			       id);
	/* GB 11643-1999 §4.3: positions 7–14 are the birth date YYYYMMDD. */
	y = digits_value(id + 6, 4);
	mo = digits_value(id + 10, 2);
	d = digits_value(id + 12, 2);
	if (y < GK_DATE_MIN_YEAR)
		return gk_errf(m, GK_EINVAL,
			       "居民身份证号码第 7–14 位的出生日期 %.8s 早于 %d 年：请核对号码",
			       id + 6, GK_DATE_MIN_YEAR);
	if (!date_is_valid_ymd(y, mo, d))
		return gk_errf(m, GK_EINVAL,
			       "居民身份证号码第 7–14 位的出生日期 %.8s 不是有效的日期"
			       "（应为年月日，如 19800131）",
			       id + 6);
	if (date_from_ymd(y, mo, d) > today)
		return gk_errf(m, GK_EINVAL,
			       "居民身份证号码第 7–14 位的出生日期 %04d-%02d-%02d 晚于今天", y, mo,
			       d);
	check = ident_resident_id_check_char(id);
	if (id[IDENT_CODE_LEN - 1] != check)
		return gk_errf(m, GK_EINVAL,
			       "居民身份证号码的校验码（第 18 位）应为 %c，现为 %c：请逐位核对号码",
			       check, id[IDENT_CODE_LEN - 1]);
	if (canon)
		memcpy(canon, id, sizeof(id));
	return GK_OK;
}

/* ---- 统一社会信用代码, GB 32100-2015 -------------------------------------- */

/* GB 32100-2015 §4.1: the 31 characters of the code, in the order of
 * their values 0–30 (no I, O, S, V, Z, which read like 1, 0, 5, U, 2). */
static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/* §4.2: W_i = 3^(i-1) mod 31; the check value C18 = 31 - (Σ C_i·W_i mod 31),
 * and 0 when that is 31. */
static const unsigned char credit_weight[IDENT_CODE_LEN - 1] = {1,  3,	9,  27, 19, 26, 16, 17, 20,
								29, 25, 13, 8,	24, 10, 30, 28};

static int credit_value(char c)
{
	const char *p = c ? strchr(credit_alphabet, c) : NULL;

	return p ? (int)(p - credit_alphabet) : -1;
}

char ident_credit_code_check_char(const char body[IDENT_CODE_LEN - 1])
{
	unsigned sum = 0;

	for (size_t i = 0; i < IDENT_CODE_LEN - 1; i++) {
		int v = credit_value(body[i]);
		if (v < 0)
			return '\0';
		sum += (unsigned)v * credit_weight[i];
	}
	return credit_alphabet[(31 - sum % 31) % 31];
}

static bool credit_char_ok(size_t pos, char c)
{
	(void)pos;
	return credit_value(c) >= 0;
}

enum gk_err ident_check_credit_code(struct str s, char canon[IDENT_CODE_LEN + 1],
				    struct gk_errmsg *m)
{
	char code[IDENT_CODE_LEN + 1], check;
	size_t n = char_count(s), pos;
	struct uchar bad;

	if (n != IDENT_CODE_LEN)
		return gk_errf(m, GK_EINVAL, "统一社会信用代码应为 18 位，现为 %zu 位", n);
	pos = scan_code(s, credit_char_ok, code, &bad);
	if (pos) {
		struct shown sh = show(bad);
		return gk_errf(m, GK_EINVAL,
			       "统一社会信用代码第 %zu 位是%s，代码只用数字和除 I、O、S、V、Z "
			       "以外的大写字母%s",
			       pos, sh.text, sh.hint);
	}
	/* §4.3 表1: 1–9 are the registering departments (机构编制, 外交, 司法行政,
	 * 文化, 民政, 旅游, 宗教, 工会, 工商), A 中央军委改革和编制办公室,
	 * N 农业, Y 其他. */
	if (!strchr("123456789ANY", code[0]))
		return gk_errf(
		    m, GK_EINVAL,
		    "统一社会信用代码第 1 位（登记管理部门代码）是“%c”，应为 1–9、A、N 或 Y",
		    code[0]);
	check = ident_credit_code_check_char(code);
	if (code[IDENT_CODE_LEN - 1] != check)
		return gk_errf(
		    m, GK_EINVAL,
		    "统一社会信用代码的校验码（第 18 位）应为 %c，现为 %c：请逐位核对代码", check,
		    code[IDENT_CODE_LEN - 1]);
	if (canon)
		memcpy(canon, code, sizeof(code));
	return GK_OK;
}

/* ---- telephone numbers ----------------------------------------------------- */

#define PHONE_EXAMPLES "11 位手机号码（如 13812345678）或带区号的固定电话（如 0591-87654321）"

static size_t count_digits(struct str s, size_t from)
{
	size_t k = from;

	while (k < s.len && is_digit(s.ptr[k]))
		k++;
	return k - from;
}

/* 中国移动、联通、电信 and the other operators' mobile numbers: 1[3-9] and nine more digits. */
static enum gk_err check_mobile(struct str s, struct gk_errmsg *m)
{
	if (!all_ascii_digits(s))
		return gk_errf(m, GK_EINVAL,
			       "手机号码应为连续的 11 位数字，不加“-”（如 13812345678）");
	if (s.len != 11)
		return gk_errf(m, GK_EINVAL, "手机号码应为 11 位，现为 %zu 位", s.len);
	if (s.ptr[1] < '3')
		return gk_errf(m, GK_EINVAL, "手机号码的第二位应为 3–9，现为 %c", s.ptr[1]);
	return GK_OK;
}

/*
 * Landlines: the area code is 010 or 02X (the large cities) or 0 and three
 * digits; the local number has 7 or 8 digits and never starts with 0 or 1
 * (those are trunk and service prefixes), so the area code can be told
 * apart even without a '-'.
 */
static enum gk_err check_landline(struct str s, struct gk_errmsg *m)
{
	size_t area, j, local, ext;

	if (s.len >= 3 && s.ptr[1] == '1' && s.ptr[2] == '0')
		area = 3;
	else if (s.len >= 3 && s.ptr[1] == '2' && is_digit(s.ptr[2]))
		area = 3;
	else if (s.len >= 4 && s.ptr[1] >= '3' && s.ptr[1] <= '9' && count_digits(s, 1) >= 3)
		area = 4;
	else
		return gk_errf(m, GK_EINVAL, "区号应为 010、02X 或 0 加三位数字（如 0591）");
	j = area + (area < s.len && s.ptr[area] == '-');
	local = count_digits(s, j);
	if (local < 7 || local > 8)
		return gk_errf(
		    m, GK_EINVAL,
		    "区号 %.*s 后的电话号码应为 7 或 8 位，现为 %zu 位（分机号用“-”或“转”隔开）",
		    (int)area, s.ptr, local);
	if (s.ptr[j] < '2')
		return gk_errf(m, GK_EINVAL, "区号后的电话号码不以 0 或 1 开头");
	j += local;
	if (j == s.len)
		return GK_OK;
	if (s.ptr[j] == '-')
		j++;
	else if (str_starts_with(str_from(s, j), STR_LIT("转")))
		j += strlen("转");
	ext = count_digits(s, j);
	if (ext < 1 || ext > 6 || j + ext != s.len)
		return gk_errf(m, GK_EINVAL, "分机号应为“-”或“转”后的 1–6 位数字");
	return GK_OK;
}

enum gk_err ident_check_phone(struct str s, struct gk_errmsg *m)
{
	size_t i = 0, pos = 0;

	if (!s.len)
		return gk_errf(m, GK_EINVAL, "电话号码为空：应为" PHONE_EXAMPLES);
	while (i < s.len) {
		struct uchar c = next_char(s, &i);

		pos++;
		if (!is_digit(c.cp) && c.cp != '-' && !char_in(c, "转")) {
			struct shown sh = show(c);
			return gk_errf(m, GK_EINVAL,
				       "电话号码第 %zu 个字符是%s，只能有数字、“-”和“转”%s", pos,
				       sh.text, sh.hint);
		}
	}
	if (s.ptr[0] == '1')
		return check_mobile(s, m);
	if (s.ptr[0] == '0')
		return check_landline(s, m);
	return gk_errf(m, GK_EINVAL, "电话号码应为" PHONE_EXAMPLES);
}

/* ---- e-mail addresses ------------------------------------------------------ */

/* RFC 5322 §3.2.3 atext, plus the dot of a dot-atom. */
static bool local_char_ok(int32_t cp)
{
	if (cp >= 0x80)
		return is_intl_word_char(cp);
	return is_ascii_alnum(cp) || (cp > 0 && strchr("!#$%&'*+/=?^_`{|}~.-", (int)cp));
}

static bool domain_char_ok(int32_t cp)
{
	if (cp >= 0x80)
		return is_intl_word_char(cp);
	return is_ascii_alnum(cp) || cp == '-';
}

/* The first character of s that ok() refuses, as a message; GK_OK when none. */
static enum gk_err email_chars(struct str s, bool (*ok)(int32_t), const char *where,
			       struct gk_errmsg *m)
{
	size_t i = 0;

	while (i < s.len) {
		struct uchar c = next_char(s, &i);
		if (!ok(c.cp)) {
			struct shown sh = show(c);
			return gk_errf(m, GK_EINVAL, "电子邮箱地址的%s中不能有%s", where, sh.text);
		}
	}
	return GK_OK;
}

static bool dots_ok(struct str s)
{
	if (!s.len || s.ptr[0] == '.' || s.ptr[s.len - 1] == '.')
		return false;
	for (size_t i = 1; i < s.len; i++)
		if (s.ptr[i] == '.' && s.ptr[i - 1] == '.')
			return false;
	return true;
}

static enum gk_err check_local(struct str l, struct gk_errmsg *m)
{
	if (!l.len)
		return gk_errf(m, GK_EINVAL, "电子邮箱地址“@”前的用户名为空");
	/* RFC 5321 §4.5.3.1.1 */
	if (l.len > 64)
		return gk_errf(m, GK_EINVAL,
			       "电子邮箱地址“@”前的用户名最长 64 个字节，现为 %zu 个字节", l.len);
	if (!dots_ok(l))
		return gk_errf(m, GK_EINVAL,
			       "电子邮箱地址的用户名不能以“.”开头或结尾，也不能有连续的“..”");
	return email_chars(l, local_char_ok, "用户名", m);
}

static enum gk_err check_domain(struct str d, struct gk_errmsg *m)
{
	struct str rest = d, label;
	enum gk_err err;

	if (!d.len)
		return gk_errf(m, GK_EINVAL, "电子邮箱地址“@”后的域名为空（如 example.com）");
	if (!memchr(d.ptr, '.', d.len))
		return gk_errf(m, GK_EINVAL,
			       "电子邮箱地址的域名“%.*s”应至少有两段，用“.”隔开（如 example.com）",
			       (int)d.len, d.ptr);
	if (!dots_ok(d))
		return gk_errf(m, GK_EINVAL,
			       "电子邮箱地址的域名不能以“.”开头或结尾，也不能有连续的“..”");
	do {
		rest = str_split(rest, '.', &label);
		/* RFC 1035 §2.3.4 and the LDH rule of §2.3.1 */
		if (label.len > 63)
			return gk_errf(m, GK_EINVAL, "电子邮箱地址的域名每段最长 63 个字节");
		if (label.ptr[0] == '-' || label.ptr[label.len - 1] == '-')
			return gk_errf(m, GK_EINVAL, "电子邮箱地址的域名每段不能以“-”开头或结尾");
		err = email_chars(label, domain_char_ok, "域名", m);
		if (err)
			return err;
	} while (rest.ptr);
	if (all_ascii_digits(label))
		return gk_errf(m, GK_EINVAL, "电子邮箱地址的域名最后一段（顶级域名）不能全是数字");
	return GK_OK;
}

enum gk_err ident_check_email(struct str s, struct gk_errmsg *m)
{
	size_t i = 0, pos = 0, at = 0, ats = 0;

	if (!s.len)
		return gk_errf(m, GK_EINVAL, "电子邮箱地址为空（如 name@example.com）");
	if (s.len > IDENT_EMAIL_MAX)
		return gk_errf(m, GK_EINVAL, "电子邮箱地址最长 %d 个字节，现为 %zu 个字节",
			       IDENT_EMAIL_MAX, s.len);
	while (i < s.len) {
		size_t start = i;
		struct uchar c = next_char(s, &i);
		utf8proc_category_t cat;

		pos++;
		if (c.cp < 0)
			return gk_errf(m, GK_EINVAL,
				       "电子邮箱地址第 %zu 个字符不是有效的 UTF-8 文字", pos);
		/* The full-width ＠ and 。 of Chinese input methods. */
		if (char_in(c, "＠"))
			return gk_errf(m, GK_EINVAL,
				       "电子邮箱地址中的“＠”是全角字符，请改为半角“@”");
		if (char_in(c, "。．"))
			return gk_errf(m, GK_EINVAL,
				       "电子邮箱地址中的“%.*s”是全角句号，请改为半角“.”",
				       (int)c.bytes.len, c.bytes.ptr);
		cat = utf8proc_category(c.cp);
		if (cat >= UTF8PROC_CATEGORY_ZS && cat <= UTF8PROC_CATEGORY_CF)
			return gk_errf(
			    m, GK_EINVAL,
			    "电子邮箱地址第 %zu 个字符是空白或控制字符（%s），地址中不能有", pos,
			    show(c).text);
		if (c.cp == '@') {
			ats++;
			at = start;
		}
	}
	if (!ats)
		return gk_errf(m, GK_EINVAL, "电子邮箱地址缺少“@”（如 name@example.com）");
	if (ats > 1)
		return gk_errf(m, GK_EINVAL, "电子邮箱地址只能有一个“@”，现有 %zu 个", ats);
	if (check_local((struct str){s.ptr, at}, m))
		return GK_EINVAL;
	return check_domain(str_from(s, at + 1), m);
}

/* ---- masks ----------------------------------------------------------------- */

/* Append s to out with its characters from index from up to (not
 * including) index to replaced by '*'; a byte that is not UTF-8 and is
 * kept becomes U+FFFD, so out stays valid UTF-8. */
static void mask_range(struct str s, size_t from, size_t to, struct buf *out)
{
	size_t i = 0;

	for (size_t k = 0; i < s.len; k++) {
		struct uchar c = next_char(s, &i);

		if (k >= from && k < to)
			buf_putc(out, '*');
		else if (c.cp < 0)
			buf_puts(out, "\xEF\xBF\xBD");
		else
			buf_append(out, c.bytes.ptr, c.bytes.len);
	}
}

/* Keep head characters at the start and tail at the end; a value with no
 * more characters than that is hidden whole, so something is always hidden. */
static void mask_ends(struct str s, size_t head, size_t tail, struct buf *out)
{
	size_t n = char_count(s);

	if (n <= head + tail)
		mask_range(s, 0, n, out);
	else
		mask_range(s, head, n - tail, out);
}

static void mask_email(struct str s, struct buf *out)
{
	size_t at = s.len;

	while (at > 0 && s.ptr[at - 1] != '@')
		at--;
	if (at == 0) {
		mask_ends(s, 1, 0, out);
		return;
	}
	/* The domain says little about the person; the user name is theirs. */
	mask_ends((struct str){s.ptr, at - 1}, 1, 0, out);
	buf_putc(out, '@');
	mask_range(str_from(s, at), 0, 0, out);
}

/* How far an address is scanned for its county-level part. */
#define ADDRESS_SCAN 16

/*
 * The number of leading characters of an address that name no more than
 * its county (区、县、旗, e.g. 福建省福州市鼓楼区): through the first
 * county-level word, else through the last 省/市/州/盟 (a county-level
 * city such as 福清市, or a city without districts), else the first six
 * characters or half the address if shorter. 区 after 自治 or 地 is
 * province or prefecture level; after 小, 社, 校 or 园 it is a housing
 * estate or community, as are 镇、乡、街、路、村、号: the scan has gone
 * below the county and stops.
 */
static size_t address_keep(struct str s, size_t n)
{
	size_t i = 0, k = 0, city = 0;
	struct uchar prev = {.cp = -1};

	while (i < s.len && k < ADDRESS_SCAN) {
		struct uchar c = next_char(s, &i);

		k++;
		if (char_in(c, "区") && char_in(prev, "治地"))
			city = k;
		else if (char_in(c, "镇乡街路村号") ||
			 (char_in(c, "区") && char_in(prev, "小社校园")))
			break;
		else if (char_in(c, "区县旗"))
			return k;
		else if (char_in(c, "省市州盟"))
			city = k;
		prev = c;
	}
	if (city)
		return city;
	return n / 2 < 6 ? n / 2 : 6;
}

void ident_mask(enum ident_kind kind, struct str s, struct buf *out)
{
	switch (kind) {
	case IDENT_RESIDENT_ID:
	case IDENT_CREDIT_CODE:
		mask_ends(s, 4, 4, out);
		return;
	case IDENT_PHONE:
		mask_ends(s, 3, 4, out);
		return;
	case IDENT_EMAIL:
		mask_email(s, out);
		return;
	case IDENT_NAME:
		mask_ends(s, 1, 0, out);
		return;
	case IDENT_ADDRESS:
		mask_range(s, address_keep(s, char_count(s)), SIZE_MAX, out);
		return;
	case IDENT_KIND_COUNT:
		break;
	}
	/* Not a kind: hide everything rather than show it. */
	mask_ends(s, 0, 0, out);
}
