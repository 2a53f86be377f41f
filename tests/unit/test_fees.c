/* Unit tests for law/fees: the tiers of 国办函〔2020〕109号 第四条、第五条. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "law/fees.h"

static void test_per_item_tiers(void **state)
{
	(void)state;
	assert_int_equal(fees_per_item_nth(1), 0);
	assert_int_equal(fees_per_item_nth(10), 0);
	assert_int_equal(fees_per_item_nth(11), 100);
	assert_int_equal(fees_per_item_nth(30), 100);
	assert_int_equal(fees_per_item_nth(31), 200);
	assert_int_equal(fees_per_item_nth(35), 200);
	assert_int_equal(fees_per_item_nth(40), 200);
	assert_int_equal(fees_per_item_nth(41), 300);
	assert_int_equal(fees_per_item_nth(51), 400);
	assert_int_equal(fees_per_item_nth(100), 800);
}

static void test_per_item_totals(void **state)
{
	(void)state;
	assert_int_equal(fees_per_item_total(10), 0);
	assert_int_equal(fees_per_item_total(11), 100);
	assert_int_equal(fees_per_item_total(30), 2000);
	/* legal-facts §3: 35 in a month = 20 x 100 + 5 x 200. */
	assert_int_equal(fees_per_item_total(35), 3000);
	assert_int_equal(fees_per_item_total(50), 2000 + 2000 + 3000);
	/* The total is the sum of the marginal fees, band by band. */
	for (long n = 1; n <= 200; n++)
		assert_int_equal(fees_per_item_total(n) - fees_per_item_total(n - 1),
				 fees_per_item_nth(n));
}

static void test_by_pages(void **state)
{
	(void)state;
	assert_int_equal(fees_by_pages(1), 0);
	assert_int_equal(fees_by_pages(30), 0);
	assert_int_equal(fees_by_pages(31), 10);
	assert_int_equal(fees_by_pages(100), 700);
	assert_int_equal(fees_by_pages(101), 720);
	assert_int_equal(fees_by_pages(200), 2700);
	/* legal-facts §3: 250 pages = 70 x 10 + 100 x 20 + 50 x 40. */
	assert_int_equal(fees_by_pages(250), 4700);
}

static void test_explanations(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 16);
	fees_explain_per_item(35, &b);
	assert_non_null(strstr(buf_cstr(&b), "第11—30件：20件 × 100元 = 2000元"));
	assert_non_null(strstr(buf_cstr(&b), "第31—40件：5件 × 200元 = 1000元"));
	assert_non_null(strstr(buf_cstr(&b), "合计3000元"));
	buf_reset(&b);
	fees_explain_by_pages(250, &b);
	assert_non_null(strstr(buf_cstr(&b), "第201页起：50页 × 40元 = 2000元"));
	assert_non_null(strstr(buf_cstr(&b), "250页合计4700元"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_per_item_tiers),
		cmocka_unit_test(test_per_item_totals),
		cmocka_unit_test(test_by_pages),
		cmocka_unit_test(test_explanations),
	};
	return cmocka_run_group_tests_name("fees", tests, NULL, NULL);
}
