/*
 * Unit tests for app/tracking: the 查询号 encoding (checked bit by bit
 * against a second implementation), fresh numbers, and the reader of what
 * people type, with every refusal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/tracking.h"

static const char symbols[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* Bit b (0 = most significant of bytes[0]) of the 80 bits. */
static int bit_at(const unsigned char *bytes, int b)
{
	return bytes[b / 8] >> (7 - b % 8) & 1;
}

/* The expected text, one symbol from each five bits, dashes every four. */
static void encode_by_bits(const unsigned char *bytes, char out[TRACKING_STRLEN])
{
	char *p = out;

	for (int s = 0; s < TRACKING_SYMBOLS; s++) {
		int v = 0;
		for (int b = 0; b < 5; b++)
			v = v * 2 + bit_at(bytes, s * 5 + b);
		if (s && s % 4 == 0)
			*p++ = '-';
		*p++ = symbols[v];
	}
	*p = '\0';
}

static void test_encode(void **state)
{
	unsigned char bytes[TRACKING_BYTES];
	char got[TRACKING_STRLEN], want[TRACKING_STRLEN];
	uint32_t x = 12345;

	(void)state;
	memset(bytes, 0, sizeof(bytes));
	tracking_encode(bytes, got);
	assert_string_equal(got, "2222-2222-2222-2222");
	memset(bytes, 0xFF, sizeof(bytes));
	tracking_encode(bytes, got);
	assert_string_equal(got, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
	for (int round = 0; round < 2000; round++) {
		for (size_t i = 0; i < sizeof(bytes); i++) {
			x = x * 1103515245u + 12345u;
			bytes[i] = (unsigned char)(x >> 16);
		}
		tracking_encode(bytes, got);
		encode_by_bits(bytes, want);
		assert_string_equal(got, want);
	}
}

static void test_new(void **state)
{
	enum { N = 2000 };
	static char seen[N][TRACKING_STRLEN];
	char again[TRACKING_STRLEN];
	int used[32] = {0};

	(void)state;
	for (int i = 0; i < N; i++) {
		assert_int_equal(tracking_new(seen[i], NULL), GK_OK);
		assert_int_equal(strlen(seen[i]), TRACKING_STRLEN - 1);
		assert_int_equal(tracking_parse(str_from_cstr(seen[i]), again, NULL), GK_OK);
		assert_string_equal(again, seen[i]);
		for (int k = 0; seen[i][k]; k++)
			if (seen[i][k] != '-')
				used[strchr(symbols, seen[i][k]) - symbols]++;
		for (int j = 0; j < i; j++)
			assert_string_not_equal(seen[i], seen[j]);
	}
	for (int v = 0; v < 32; v++)
		assert_true(used[v] > 0);
}

static void parses_to(const char *in, const char *want)
{
	char out[TRACKING_STRLEN];
	struct gk_errmsg m = {{0}};

	if (tracking_parse(str_from_cstr(in), out, &m) != GK_OK)
		fail_msg("\"%s\" refused: %s", in, m.text);
	assert_string_equal(out, want);
}

static void refused(const char *in, size_t len, const char *want)
{
	char out[TRACKING_STRLEN] = "unchanged";
	struct gk_errmsg m = {{0}};

	assert_int_equal(tracking_parse((struct str){in, len}, out, &m), GK_EINVAL);
	if (!strstr(m.text, want))
		fail_msg("message \"%s\" lacks \"%s\"", m.text, want);
	assert_string_equal(out, "unchanged");
}

#define REFUSED(in, want) refused((in), strlen(in), (want))

static void test_parse_accepts(void **state)
{
	(void)state;
	parses_to("7K3M-Q9TX-2HWD-PB4R", "7K3M-Q9TX-2HWD-PB4R");
	parses_to("7k3m-q9tx-2hwd-pb4r", "7K3M-Q9TX-2HWD-PB4R");
	parses_to("7K3MQ9TX2HWDPB4R", "7K3M-Q9TX-2HWD-PB4R");
	parses_to(" 7K3M Q9TX  2HWD\tPB4R\r\n", "7K3M-Q9TX-2HWD-PB4R");
	parses_to("7K-3MQ9-TX2H-WDP-B4R", "7K3M-Q9TX-2HWD-PB4R");
	/* full-width letters, digits, dash and space of Chinese input methods */
	parses_to("７Ｋ３Ｍ－ｑ９ｔｘ　2HWD—PB4R", "7K3M-Q9TX-2HWD-PB4R");
	parses_to("7K3M–Q9TX−2HWD‐PB4R", "7K3M-Q9TX-2HWD-PB4R");
	/* l is the letter L, which the alphabet has */
	parses_to("llll-2222-3333-zzzz", "LLLL-2222-3333-ZZZZ");
}

static void test_parse_refusals(void **state)
{
	(void)state;
	REFUSED("", "查询号应为 16 位（如 ABCD-EFGH-JKMN-PQRS），现为 0 位");
	REFUSED("7K3M-Q9TX-2HWD-PB4", "现为 15 位");
	REFUSED("7K3M-Q9TX-2HWD-PB4RR", "现为 17 位");
	REFUSED("--- ---", "现为 0 位");
	/* the four look-alikes, in every form, are never guessed */
	REFUSED("7K3M-O9TX-2HWD-PB4R", "查询号第 5 位是“O”：查询号中不会出现 0、O、1、I");
	REFUSED("7K3M-o9TX-2HWD-PB4R", "第 5 位是“o”：查询号中不会出现 0、O、1、I");
	REFUSED("7K3M-09TX-2HWD-PB4R", "第 5 位是“0”");
	REFUSED("7K3M-Q9TX-2HWD-PB41", "第 16 位是“1”");
	REFUSED("I", "第 1 位是“I”");
	REFUSED("7i", "第 2 位是“i”");
	REFUSED("7K3Ｏ", "第 4 位是“Ｏ”：查询号中不会出现");
	REFUSED("7K3M１", "第 5 位是“１”");
	/* anything else outside the alphabet */
	REFUSED("7K3M-Q9TX-2HWD-PB4@",
		"第 16 位是“@”：查询号只由数字 2–9 和除 I、O 以外的英文字母组成");
	REFUSED("7K3M_Q9TX", "第 5 位是“_”");
	REFUSED("查询号7K3M", "第 1 位是“查”");
	REFUSED("7K\a3M", "第 3 位是U+0007");
	REFUSED("7K3M-é", "第 5 位是“é”");
	refused("7K3M\xff", 5, "查询号第 4 位之后有无法识别的字节");
	refused("7K\0"
		"3M",
		5, "第 3 位是U+0000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_encode),
	    cmocka_unit_test(test_new),
	    cmocka_unit_test(test_parse_accepts),
	    cmocka_unit_test(test_parse_refusals),
	};
	return cmocka_run_group_tests_name("tracking", tests, NULL, NULL);
}
