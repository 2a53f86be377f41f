/*
 * Unit tests for app/secret: the key file (created 0600, never
 * overwritten, refused when loose or the wrong size) and sealing (round
 * trip, every altered byte and a wrong key detected). Files live in a
 * fresh directory under $TMPDIR, removed at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/secret.h"

struct fixture {
	char dir[256];
	char path[300];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/gk-secret-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/ledger.db.key", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void read_key_file(const char *path, unsigned char out[SECRET_KEY_BYTES])
{
	FILE *fp = fopen(path, "rb");

	assert_non_null(fp);
	assert_int_equal(fread(out, 1, SECRET_KEY_BYTES, fp), SECRET_KEY_BYTES);
	fclose(fp);
}

static void test_create_and_load(void **state)
{
	struct fixture *f = *state;
	struct secret_key a, b;
	struct gk_errmsg m;
	struct stat st;
	mode_t old = umask(0277);

	/* even under a umask that would take the owner's read bit away */
	assert_int_equal(secret_key_create(f->path, &a, &m), GK_OK);
	umask(old);
	assert_true(a.loaded);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, SECRET_KEY_BYTES);
	assert_int_equal(secret_key_load(f->path, &b, &m), GK_OK);
	assert_memory_equal(a.bytes, b.bytes, SECRET_KEY_BYTES);
	secret_key_release(&a);
	secret_key_release(&b);
	assert_false(a.loaded);
	for (size_t i = 0; i < SECRET_KEY_BYTES; i++)
		assert_int_equal(a.bytes[i], 0);
}

static void test_never_overwritten(void **state)
{
	struct fixture *f = *state;
	unsigned char before[SECRET_KEY_BYTES], after[SECRET_KEY_BYTES];
	struct secret_key k;
	struct gk_errmsg m;

	assert_int_equal(secret_key_create(f->path, &k, &m), GK_OK);
	secret_key_release(&k);
	read_key_file(f->path, before);
	assert_int_equal(secret_key_create(f->path, &k, &m), GK_ECONFLICT);
	assert_non_null(strstr(m.text, "already exists; a key file is never overwritten"));
	assert_false(k.loaded);
	read_key_file(f->path, after);
	assert_memory_equal(before, after, SECRET_KEY_BYTES);
	/* nor is a symbolic link followed to make one */
	unlink(f->path);
	assert_int_equal(symlink("elsewhere.key", f->path), 0);
	assert_int_equal(secret_key_create(f->path, &k, &m), GK_ECONFLICT);
}

static void test_load_refusals(void **state)
{
	struct fixture *f = *state;
	unsigned char bytes[SECRET_KEY_BYTES + 1] = {1, 2, 3};
	struct secret_key k;
	struct gk_errmsg m;

	assert_int_equal(secret_key_load(f->path, &k, &m), GK_ENOTFOUND);
	assert_non_null(strstr(m.text, "no key file; `gongkai init --key"));

	write_file(f->path, bytes, SECRET_KEY_BYTES, 0644);
	assert_int_equal(secret_key_load(f->path, &k, &m), GK_EINVAL);
	assert_non_null(
	    strstr(m.text, "mode 0644 lets the group or others read or change the key"));
	assert_non_null(strstr(m.text, "run `chmod 600 "));
	assert_false(k.loaded);
	assert_int_equal(chmod(f->path, 0620), 0);
	assert_int_equal(secret_key_load(f->path, &k, &m), GK_EINVAL);
	assert_int_equal(chmod(f->path, 0604), 0);
	assert_int_equal(secret_key_load(f->path, &k, &m), GK_EINVAL);
	assert_int_equal(chmod(f->path, 0400), 0);
	assert_int_equal(secret_key_load(f->path, &k, &m), GK_OK);
	assert_memory_equal(k.bytes, bytes, SECRET_KEY_BYTES);
	secret_key_release(&k);
	unlink(f->path);

	write_file(f->path, bytes, SECRET_KEY_BYTES + 1, 0600);
	assert_int_equal(secret_key_load(f->path, &k, &m), GK_EFORMAT);
	assert_non_null(strstr(m.text, "33 bytes, but a key file holds exactly 32"));
	unlink(f->path);
	write_file(f->path, bytes, 0, 0600);
	assert_int_equal(secret_key_load(f->path, &k, &m), GK_EFORMAT);
	assert_non_null(strstr(m.text, "0 bytes"));

	assert_int_equal(secret_key_load(f->dir, &k, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "must be a regular file"));
}

/* A key made in memory: the sealing tests need no file. */
static struct secret_key test_key(unsigned char fill)
{
	struct secret_key k = {.loaded = true};

	memset(k.bytes, fill, sizeof(k.bytes));
	return k;
}

static bool contains(const char *hay, size_t n, const char *needle, size_t len)
{
	for (size_t i = 0; i + len <= n; i++)
		if (!memcmp(hay + i, needle, len))
			return true;
	return false;
}

static void test_round_trip(void **state)
{
	struct secret_key k = test_key(7);
	static const char *const plains[] = {"", "3", "350102198507011234",
					     "福建省福州市鼓楼区五四路123号"};
	struct buf sealed, plain;

	(void)state;
	buf_init(&sealed, 1 << 16);
	buf_init(&plain, 1 << 16);
	for (size_t i = 0; i < sizeof(plains) / sizeof(plains[0]); i++) {
		size_t len = strlen(plains[i]);

		buf_reset(&sealed);
		buf_reset(&plain);
		buf_puts(&plain, "kept:");
		assert_int_equal(secret_seal(&k, plains[i], len, &sealed), GK_OK);
		assert_int_equal(sealed.len, len + SECRET_OVERHEAD);
		if (len > 4)
			assert_false(contains(sealed.data, sealed.len, plains[i], len));
		assert_int_equal(secret_open(&k, buf_str(&sealed), &plain), GK_OK);
		assert_int_equal(plain.len, 5 + len);
		assert_memory_equal(plain.data, "kept:", 5);
		assert_memory_equal(plain.data + 5, plains[i], len);
	}
	buf_release(&sealed);
	buf_release(&plain);
}

static void test_fresh_nonces(void **state)
{
	struct secret_key k = test_key(7);
	struct buf a, b;

	(void)state;
	buf_init(&a, 1 << 10);
	buf_init(&b, 1 << 10);
	assert_int_equal(secret_seal(&k, "13812345678", 11, &a), GK_OK);
	assert_int_equal(secret_seal(&k, "13812345678", 11, &b), GK_OK);
	assert_int_not_equal(memcmp(a.data, b.data, a.len), 0);
	buf_release(&a);
	buf_release(&b);
}

static void test_tamper_and_wrong_key(void **state)
{
	struct secret_key k = test_key(7), other = test_key(8), none = {0};
	struct buf sealed, plain;

	(void)state;
	buf_init(&sealed, 1 << 10);
	buf_init(&plain, 1 << 10);
	assert_int_equal(secret_seal(&k, "13812345678", 11, &sealed), GK_OK);
	/* every single bit flipped, in the nonce, the MAC or the ciphertext */
	for (size_t i = 0; i < sealed.len; i++) {
		for (int bit = 0; bit < 8; bit++) {
			sealed.data[i] ^= (char)(1 << bit);
			assert_int_equal(secret_open(&k, buf_str(&sealed), &plain), GK_EFORMAT);
			assert_int_equal(plain.len, 0);
			sealed.data[i] ^= (char)(1 << bit);
		}
	}
	assert_int_equal(secret_open(&other, buf_str(&sealed), &plain), GK_EFORMAT);
	/* every shorter prefix, and one byte more */
	for (size_t n = 0; n < sealed.len; n++)
		assert_int_equal(secret_open(&k, (struct str){sealed.data, n}, &plain), GK_EFORMAT);
	buf_putc(&sealed, 'x');
	assert_int_equal(secret_open(&k, buf_str(&sealed), &plain), GK_EFORMAT);
	assert_int_equal(plain.len, 0);
	/* a key never loaded seals and opens nothing */
	assert_int_equal(secret_seal(&none, "x", 1, &plain), GK_EINVAL);
	assert_int_equal(secret_open(&none, buf_str(&sealed), &plain), GK_EINVAL);
	buf_release(&sealed);
	buf_release(&plain);
}

static void test_buffer_limit(void **state)
{
	struct secret_key k = test_key(7);
	struct buf small, plain;

	(void)state;
	buf_init(&small, SECRET_OVERHEAD + 3);
	assert_int_equal(secret_seal(&k, "1234", 4, &small), GK_ENOMEM);
	assert_true(small.failed);
	buf_release(&small);
	buf_init(&small, SECRET_OVERHEAD + 4);
	assert_int_equal(secret_seal(&k, "1234", 4, &small), GK_OK);
	buf_init(&plain, 3);
	assert_int_equal(secret_open(&k, buf_str(&small), &plain), GK_ENOMEM);
	buf_release(&plain);
	buf_release(&small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_create_and_load, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_never_overwritten, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_load_refusals, setup, teardown),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_fresh_nonces),
	    cmocka_unit_test(test_tamper_and_wrong_key),
	    cmocka_unit_test(test_buffer_limit),
	};
	return cmocka_run_group_tests_name("secret", tests, NULL, NULL);
}
