/* Unit tests for base/arena: alignment, chunking, large blocks, the ceiling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"

#include "base/banned.h"

static void test_small_allocations_are_aligned_and_distinct(void **state)
{
	struct arena a;
	char *prev = NULL;

	(void)state;
	arena_init(&a, 1u << 20);
	/* Enough to span several chunks; ASan catches any overlap on write. */
	for (size_t i = 1; i < 2000; i++) {
		char *p = arena_alloc(&a, i % 37 + 1);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, (int)i, i % 37 + 1);
		assert_ptr_not_equal(p, prev);
		prev = p;
	}
	assert_false(arena_failed(&a));
	arena_release(&a);
}

static void test_large_block_keeps_the_current_chunk(void **state)
{
	struct arena a;
	char *small1, *big, *small2;

	(void)state;
	arena_init(&a, 1u << 20);
	small1 = arena_alloc(&a, 16);
	big = arena_alloc(&a, 3 * ARENA_CHUNK);
	small2 = arena_alloc(&a, 16);
	assert_non_null(big);
	memset(big, 'x', 3 * ARENA_CHUNK);
	/* The small ones come from the same chunk, one after the other. */
	assert_ptr_equal(small2, small1 + (16 + _Alignof(max_align_t) - 1) / _Alignof(max_align_t) *
					      _Alignof(max_align_t));
	assert_int_equal(a.total, ARENA_CHUNK + 3 * ARENA_CHUNK);
	arena_release(&a);
}

static void test_strings(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 1u << 20);
	assert_string_equal(arena_strdup(&a, "公开"), "公开");
	assert_null(arena_strdup(&a, NULL));
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_printf(&a, "%s/%d", "/documents", 42), "/documents/42");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	assert_non_null(arena_alloc(&a, 0));
	assert_false(arena_failed(&a));
	arena_release(&a);
}

static void test_ceiling_is_sticky(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 2 * ARENA_CHUNK);
	assert_non_null(arena_alloc(&a, ARENA_CHUNK));
	assert_non_null(arena_alloc(&a, ARENA_CHUNK));
	assert_null(arena_alloc(&a, 1));
	assert_true(arena_failed(&a));
	/* Refused from then on, even what would fit. */
	assert_null(arena_alloc(&a, 0));
	assert_null(arena_printf(&a, "%d", 1));
	assert_null(arena_alloc(&a, SIZE_MAX));
	arena_release(&a);
	assert_false(arena_failed(&a));
	assert_int_equal(a.max, 2 * ARENA_CHUNK);
	assert_non_null(arena_zalloc(&a, 100));
	arena_release(&a);
}

static void test_huge_request_is_refused(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, SIZE_MAX);
	assert_null(arena_alloc(&a, SIZE_MAX - 3));
	assert_true(arena_failed(&a));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_small_allocations_are_aligned_and_distinct),
	    cmocka_unit_test(test_large_block_keeps_the_current_chunk),
	    cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_ceiling_is_sticky),
	    cmocka_unit_test(test_huge_request_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
