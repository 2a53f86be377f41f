/*
 * Unit tests for law/ident: GB 11643 and GB 32100 check characters,
 * telephone and e-mail checks with their messages, and the masks.
 *
 * Valid numbers are made here from invented digits: the check character is
 * computed by a second, independent formulation of each algorithm (the
 * recursive form of ISO 7064 MOD 11-2, powers of 3 computed as we go), so
 * a wrong table in ident.c cannot agree with itself. The only fixed
 * numbers are the worked examples printed in GB 11643-1999 itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "law/ident.h"

static gk_date today(void)
{
	return date_from_ymd(2026, 11, 27);
}

/* ISO 7064 MOD 11-2, recursive method (ISO 7064:1983 §7.1). */
static char mod11_2(const char *body)
{
	int p = 0;

	for (int i = 0; i < 17; i++)
		p = ((p + body[i] - '0') * 2) % 11;
	return "0123456789X"[(12 - p) % 11];
}

/* body (17 digits) with its check character, in out. */
static void make_id(const char *body, char out[IDENT_CODE_LEN + 1])
{
	memcpy(out, body, 17);
	out[17] = mod11_2(body);
	out[18] = '\0';
}

static const char credit_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* GB 32100-2015 §4.2 with the weights 3^(i-1) mod 31 computed as we go. */
static void make_credit(const char *body, char out[IDENT_CODE_LEN + 1])
{
	int sum = 0, w = 1;

	for (int i = 0; i < 17; i++) {
		sum += (int)(strchr(credit_chars, body[i]) - credit_chars) * w;
		w = w * 3 % 31;
	}
	memcpy(out, body, 17);
	out[17] = credit_chars[(31 - sum % 31) % 31];
	out[18] = '\0';
}

static enum gk_err id(const char *s, struct gk_errmsg *m)
{
	return ident_check_resident_id(str_from_cstr(s), today(), NULL, m);
}

/* s is refused with a message containing want. */
#define REFUSED(call, want)                                                                        \
	do {                                                                                       \
		struct gk_errmsg m_ = {{0}};                                                       \
		assert_int_equal((call), GK_EINVAL);                                               \
		if (!strstr(m_.text, (want)))                                                      \
			fail_msg("message \"%s\" lacks \"%s\"", m_.text, (want));                  \
	} while (0)
#define M (&m_)

static void test_resident_id_standard_examples(void **state)
{
	char canon[IDENT_CODE_LEN + 1];

	(void)state;
	/* GB 11643-1999 附录 A's worked examples. */
	assert_int_equal(id("11010519491231002X", NULL), GK_OK);
	/* Born in 1880: a true example, but nobody born before 1900 applies. */
	REFUSED(id("440524188001010014", M), "出生日期 18800101 早于 1900 年");
	assert_int_equal(
	    ident_check_resident_id(STR_LIT("11010519491231002x"), today(), canon, NULL), GK_OK);
	assert_string_equal(canon, "11010519491231002X");
}

/* Every check value 0–10 is reached and agrees with the second formulation;
 * every other check character is refused with the right one named. */
static void test_resident_id_check_chars(void **state)
{
	char body[24], num[IDENT_CODE_LEN + 1], want[64];
	int seen[11] = {0};

	(void)state;
	for (unsigned k = 0; k < 200; k++) {
		snprintf(body, sizeof(body), "350102198507%02u%03u", 1 + k % 28, k % 1000);
		make_id(body, num);
		assert_int_equal(ident_resident_id_check_char(body), num[17]);
		assert_int_equal(id(num, NULL), GK_OK);
		seen[num[17] == 'X' ? 10 : num[17] - '0']++;
		for (const char *c = "0123456789X"; *c; c++) {
			if (*c == mod11_2(body))
				continue;
			num[17] = *c;
			snprintf(want, sizeof(want), "校验码（第 18 位）应为 %c，现为 %c",
				 mod11_2(body), *c);
			REFUSED(id(num, M), want);
		}
	}
	for (int v = 0; v < 11; v++)
		assert_true(seen[v] > 0);
}

static void test_resident_id_refusals(void **state)
{
	static const char *const bad_provinces[] = {"00", "10", "16", "20", "38", "47",
						    "55", "60", "66", "72", "84", "99"};
	static const char *const good_provinces[] = {"11", "15", "21", "37", "46",
						     "54", "65", "71", "81", "83"};
	char num[IDENT_CODE_LEN + 1];

	(void)state;
	REFUSED(id("", M), "应为 18 位（17 位数字和 1 位校验码），现为 0 位");
	REFUSED(id("35010219850701123", M), "现为 17 位");
	REFUSED(id("3501021985070112345", M), "现为 19 位");
	REFUSED(id("350102850701123", M), "15 位的是第一代身份证号码");
	/* characters: the position and the character, with advice for full width */
	REFUSED(id("3501a2198507011234", M), "第 5 位是“a”，应为数字");
	REFUSED(id("35010219850701123Y", M), "第 18 位是“Y”，应为数字或 X（校验码）");
	REFUSED(id("3501X2198507011234", M), "第 5 位是“X”，应为数字");
	REFUSED(id("３50102198507011234", M),
		"第 1 位是“３”，应为数字（这是全角字符，请改用半角）");
	REFUSED(id("35010 198507011234", M), "第 6 位是U+0020");
	REFUSED(id("35010\xff"
		   "198507011234",
		   M),
		"第 6 位是字节 \\xFF");
	/* GB/T 2260 province codes */
	for (size_t i = 0; i < sizeof(bad_provinces) / sizeof(bad_provinces[0]); i++) {
		char body[18];
		snprintf(body, sizeof(body), "%s0102198507011234", bad_provinces[i]);
		make_id(body, num);
		REFUSED(id(num, M), "不是省级行政区划代码");
	}
	for (size_t i = 0; i < sizeof(good_provinces) / sizeof(good_provinces[0]); i++) {
		char body[18];
		snprintf(body, sizeof(body), "%s0102198507011234", good_provinces[i]);
		make_id(body, num);
		assert_int_equal(id(num, NULL), GK_OK);
	}
	/* the birth date: real, and not after today */
	make_id("35010219850230123", num);
	REFUSED(id(num, M), "出生日期 19850230 不是有效的日期");
	make_id("35010218991231123", num);
	REFUSED(id(num, M), "出生日期 18991231 早于 1900 年");
	make_id("35010220261128123", num);
	REFUSED(id(num, M), "出生日期 2026-11-28 晚于今天");
	make_id("35010220261127123", num);
	assert_int_equal(id(num, NULL), GK_OK);
	make_id("35010219960229123", num);
	assert_int_equal(id(num, NULL), GK_OK);
}

static void test_credit_code(void **state)
{
	char num[IDENT_CODE_LEN + 1], canon[IDENT_CODE_LEN + 1], lower[IDENT_CODE_LEN + 1];
	char body[18], want[80];
	int seen[31] = {0};

	(void)state;
	for (int k = 0; k < 400; k++) {
		/* 登记管理部门 9 (工商), 类别 1, a 福州 region code, an invented body */
		for (int i = 0; i < 17; i++)
			body[i] = credit_chars[(k * 7 + i * (k + 3)) % 31];
		body[0] = "159ANY"[k % 6];
		body[17] = '\0';
		make_credit(body, num);
		assert_int_equal(ident_credit_code_check_char(body), num[17]);
		assert_int_equal(ident_check_credit_code(str_from_cstr(num), canon, NULL), GK_OK);
		assert_string_equal(canon, num);
		seen[strchr(credit_chars, num[17]) - credit_chars]++;
		/* lower case is accepted and comes back in upper case */
		for (int i = 0; i < 19; i++)
			lower[i] = (char)(num[i] >= 'A' && num[i] <= 'Z' ? num[i] + 32 : num[i]);
		assert_int_equal(ident_check_credit_code(str_from_cstr(lower), canon, NULL), GK_OK);
		assert_string_equal(canon, num);
		num[17] = num[17] == '0' ? '1' : '0';
		snprintf(want, sizeof(want), "校验码（第 18 位）应为 %c，现为 %c",
			 ident_credit_code_check_char(body), num[17]);
		REFUSED(ident_check_credit_code(str_from_cstr(num), NULL, M), want);
	}
	for (int v = 0; v < 31; v++)
		assert_true(seen[v] > 0);

	assert_int_equal(ident_credit_code_check_char("91350100M0001001I"), '\0');
	REFUSED(ident_check_credit_code(STR_LIT("91350100M000100"), NULL, M),
		"统一社会信用代码应为 18 位，现为 15 位");
	for (const char *c = "IOSVZ"; *c; c++) {
		char s[19] = "91350100M000100100";
		s[9] = *c;
		REFUSED(ident_check_credit_code(str_from_cstr(s), NULL, M), "第 10 位是“");
		REFUSED(ident_check_credit_code(str_from_cstr(s), NULL, M),
			"代码只用数字和除 I、O、S、V、Z 以外的大写字母");
	}
	REFUSED(ident_check_credit_code(STR_LIT("91350100M00010010－"), NULL, M),
		"第 18 位是“－”，代码只用数字和除 I、O、S、V、Z 以外的大写字母（这是全角字符");
	make_credit("01350100M00010010", num);
	REFUSED(ident_check_credit_code(str_from_cstr(num), NULL, M),
		"第 1 位（登记管理部门代码）是“0”，应为 1–9、A、N 或 Y");
	make_credit("B1350100M00010010", num);
	REFUSED(ident_check_credit_code(str_from_cstr(num), NULL, M), "是“B”");
}

static enum gk_err phone(const char *s, struct gk_errmsg *m)
{
	return ident_check_phone(str_from_cstr(s), m);
}

static void test_phone(void **state)
{
	static const char *const good[] = {
	    "13812345678",	    "19912345678",	 "16612345678",		"010-62345678",
	    "01062345678",	    "021-6234567",	 "0591-87654321",	"0591-8765432",
	    "059187654321",	    "0591-87654321-123", "0591-87654321转8001", "0755-23456789-1",
	    "0591-87654321-123456",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (phone(good[i], NULL) != GK_OK)
			fail_msg("%s refused", good[i]);
	REFUSED(phone("", M), "电话号码为空");
	REFUSED(phone("12812345678", M), "手机号码的第二位应为 3–9，现为 2");
	REFUSED(phone("1381234567", M), "手机号码应为 11 位，现为 10 位");
	REFUSED(phone("138123456789", M), "现为 12 位");
	REFUSED(phone("138-1234-5678", M), "手机号码应为连续的 11 位数字");
	REFUSED(phone("+8613812345678", M), "第 1 个字符是“+”，只能有数字、“-”和“转”");
	REFUSED(phone("138 1234 5678", M), "第 4 个字符是U+0020");
	REFUSED(phone("１３８12345678", M),
		"第 1 个字符是“１”，只能有数字、“-”和“转”（这是全角字符");
	REFUSED(phone("011-62345678", M), "区号应为 010、02X 或 0 加三位数字");
	REFUSED(phone("00", M), "区号应为");
	REFUSED(phone("0591-876543", M), "区号 0591 后的电话号码应为 7 或 8 位，现为 6 位");
	REFUSED(phone("0591876543211", M), "现为 9 位");
	REFUSED(phone("0591-07654321", M), "区号后的电话号码不以 0 或 1 开头");
	REFUSED(phone("010-12345678", M), "不以 0 或 1 开头");
	REFUSED(phone("0591-87654321-", M), "分机号应为“-”或“转”后的 1–6 位数字");
	REFUSED(phone("0591-87654321-1234567", M), "分机号应为");
	REFUSED(phone("0591-87654321--1", M), "分机号应为");
	REFUSED(phone("0591-87654321转", M), "分机号应为");
	REFUSED(phone("0591-87654321-12-3", M), "分机号应为");
	REFUSED(phone("87654321", M),
		"电话号码应为11 位手机号码（如 13812345678）或带区号的固定电话");
}

static enum gk_err email(const char *s, struct gk_errmsg *m)
{
	return ident_check_email(str_from_cstr(s), m);
}

static void test_email(void **state)
{
	static const char *const good[] = {
	    "a@example.com",
	    "first.last+tag@mail.example.com.cn",
	    "x_y-z!#$%&'*/=?^`{|}~@a-b.cn",
	    "张三@例子.中国",
	    "user@xn--fiqs8s.cn",
	    "a@1.cn",
	};
	char big[300];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (email(good[i], NULL) != GK_OK)
			fail_msg("%s refused", good[i]);
	REFUSED(email("", M), "电子邮箱地址为空");
	REFUSED(email("a.example.com", M), "缺少“@”");
	REFUSED(email("a@b@example.com", M), "只能有一个“@”，现有 2 个");
	REFUSED(email("a＠example.com", M), "“＠”是全角字符，请改为半角“@”");
	REFUSED(email("a@example。com", M), "“。”是全角句号，请改为半角“.”");
	REFUSED(email("a@example．com", M), "“．”是全角句号");
	REFUSED(email("a b@example.com", M), "第 2 个字符是空白或控制字符（U+0020）");
	REFUSED(email("ab@example.com\t", M), "第 15 个字符是空白或控制字符（U+0009）");
	REFUSED(email("a\xe3\x80\x80@example.com", M), "（U+3000）");
	REFUSED(email("a\xff@example.com", M), "第 2 个字符不是有效的 UTF-8 文字");
	REFUSED(email("@example.com", M), "“@”前的用户名为空");
	REFUSED(email(".a@example.com", M), "用户名不能以“.”开头或结尾");
	REFUSED(email("a.@example.com", M), "用户名不能以“.”开头或结尾");
	REFUSED(email("a..b@example.com", M), "连续的“..”");
	REFUSED(email("a(b)@example.com", M), "用户名中不能有“(”");
	REFUSED(email("a\"b@example.com", M), "用户名中不能有“\"”");
	REFUSED(email("a@", M), "“@”后的域名为空");
	REFUSED(email("a@localhost", M), "域名“localhost”应至少有两段");
	REFUSED(email("a@.example.com", M), "域名不能以“.”开头或结尾");
	REFUSED(email("a@example..com", M), "域名不能以“.”开头或结尾，也不能有连续的“..”");
	REFUSED(email("a@-example.com", M), "每段不能以“-”开头或结尾");
	REFUSED(email("a@example-.com", M), "每段不能以“-”开头或结尾");
	REFUSED(email("a@exa_mple.com", M), "域名中不能有“_”");
	REFUSED(email("a@例子.中国！", M), "域名中不能有“！”");
	REFUSED(email("a@10.0.0.1", M), "顶级域名）不能全是数字");

	memset(big, 'a', sizeof(big));
	memcpy(big + 65, "@example.com", 13);
	REFUSED(email(big, M), "用户名最长 64 个字节，现为 65 个字节");
	memcpy(big, "a@", 2);
	memset(big + 2, 'b', 64);
	memcpy(big + 66, ".cn", 4);
	REFUSED(email(big, M), "域名每段最长 63 个字节");
	/* 254 bytes is the most: 64 + "@" + 63 + "." + 63 + "." + 61 */
	memset(big, 'c', sizeof(big));
	memset(big, 'a', 64);
	big[64] = '@';
	memset(big + 65, 'b', 63);
	big[128] = '.';
	big[192] = '.';
	big[254] = '\0';
	assert_int_equal(email(big, NULL), GK_OK);
	big[254] = 'c';
	big[255] = '\0';
	REFUSED(email(big, M), "电子邮箱地址最长 254 个字节，现为 255 个字节");
}

static void mask_is(enum ident_kind kind, const char *in, size_t len, const char *want)
{
	struct buf b;

	buf_init(&b, 1 << 12);
	ident_mask(kind, (struct str){in, len}, &b);
	assert_false(b.failed);
	if (strcmp(buf_cstr(&b), want))
		fail_msg("mask of kind %d: \"%s\", want \"%s\"", (int)kind, buf_cstr(&b), want);
	buf_release(&b);
}

#define MASK(kind, in, want) mask_is((kind), (in), strlen(in), (want))

static void test_masks(void **state)
{
	(void)state;
	MASK(IDENT_RESIDENT_ID, "350502198001011234", "3505**********1234");
	MASK(IDENT_RESIDENT_ID, "11010519491231002X", "1101**********002X");
	MASK(IDENT_RESIDENT_ID, "123456789", "1234*6789");
	MASK(IDENT_RESIDENT_ID, "12345678", "********");
	MASK(IDENT_RESIDENT_ID, "", "");
	MASK(IDENT_CREDIT_CODE, "91350100M000100Y43", "9135**********0Y43");
	MASK(IDENT_PHONE, "13812345678", "138****5678");
	MASK(IDENT_PHONE, "0591-87654321", "059******4321");
	MASK(IDENT_PHONE, "1234567", "*******");
	MASK(IDENT_NAME, "张三", "张*");
	MASK(IDENT_NAME, "欧阳娜娜", "欧***");
	MASK(IDENT_NAME, "买买提·艾力", "买*****");
	MASK(IDENT_NAME, "李", "*");
	MASK(IDENT_NAME, "", "");
	MASK(IDENT_EMAIL, "abcd@example.com", "a***@example.com");
	MASK(IDENT_EMAIL, "a@example.com", "*@example.com");
	MASK(IDENT_EMAIL, "张三丰@例子.中国", "张**@例子.中国");
	MASK(IDENT_EMAIL, "no-at-sign", "n*********");
	MASK(IDENT_EMAIL, "@example.com", "@example.com");
	MASK(IDENT_EMAIL, "a@b@example.com", "a**@example.com");
	/* addresses: up to the county level */
	MASK(IDENT_ADDRESS, "福建省福州市鼓楼区五四路123号", "福建省福州市鼓楼区*******");
	MASK(IDENT_ADDRESS, "北京市海淀区中关村大街1号", "北京市海淀区*******");
	MASK(IDENT_ADDRESS, "广西壮族自治区南宁市青秀区民族大道100号",
	     "广西壮族自治区南宁市青秀区********");
	MASK(IDENT_ADDRESS, "新疆维吾尔自治区喀什地区疏附县托克扎克镇",
	     "新疆维吾尔自治区喀什地区疏附县*****");
	MASK(IDENT_ADDRESS, "内蒙古自治区阿拉善盟阿拉善左旗巴彦浩特镇",
	     "内蒙古自治区阿拉善盟阿拉善左旗*****");
	MASK(IDENT_ADDRESS, "福建省福清市音西街道清荣大道8号", "福建省福清市**********");
	MASK(IDENT_ADDRESS, "广东省东莞市南城街道元美小区5栋", "广东省东莞市**********");
	MASK(IDENT_ADDRESS, "福州市元美小区3栋", "福州市******");
	MASK(IDENT_ADDRESS, "北京市海淀区", "北京市海淀区");
	MASK(IDENT_ADDRESS, "元美花园3栋201", "元美花园*****");
	MASK(IDENT_ADDRESS, "5栋201", "5栋***");
	MASK(IDENT_ADDRESS, "Room 1, Main St", "Room 1*********");
}

/* Bytes that are not UTF-8 count as one character each, are never copied,
 * and a multi-byte character is kept or masked whole. */
static void test_mask_utf8_boundaries(void **state)
{
	(void)state;
	mask_is(IDENT_NAME,
		"ab\xff"
		"cd",
		5, "a****");
	mask_is(IDENT_NAME, "\xff\xfe", 2, "\xEF\xBF\xBD*");
	/* a truncated 张 (e5 bc a0): two stray bytes, two characters */
	mask_is(IDENT_NAME, "\xe5\xbc", 2, "\xEF\xBF\xBD*");
	mask_is(IDENT_RESIDENT_ID, "一二三四五六七八九", strlen("一二三四五六七八九"),
		"一二三四*六七八九");
	mask_is(IDENT_PHONE, "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇", strlen("𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇"), "𠀀𠀁𠀂*𠀄𠀅𠀆𠀇");
	mask_is(IDENT_EMAIL, "a\xff@x\xfe.cn", 8, "a*@x\xEF\xBF\xBD.cn");
	mask_is(IDENT_KIND_COUNT, "secret", 6, "******");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_resident_id_standard_examples),
	    cmocka_unit_test(test_resident_id_check_chars),
	    cmocka_unit_test(test_resident_id_refusals),
	    cmocka_unit_test(test_credit_code),
	    cmocka_unit_test(test_phone),
	    cmocka_unit_test(test_email),
	    cmocka_unit_test(test_masks),
	    cmocka_unit_test(test_mask_utf8_boundaries),
	};
	return cmocka_run_group_tests_name("ident", tests, NULL, NULL);
}
