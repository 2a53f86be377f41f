/*
 * Unit tests for web/multipart: the boundary of the Content-Type, the
 * parts of a body as browsers and curl send them, and every refusal
 * (for the attachments of the online application form).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "web/multipart.h"

#include "base/banned.h"

static bool str_is(struct str s, const char *lit)
{
	return s.len == strlen(lit) && !memcmp(s.ptr, lit, s.len);
}

static void test_boundary(void **state)
{
	struct str b;
	struct gk_errmsg m;

	(void)state;
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=abc123", &b, &m), GK_OK);
	assert_true(str_is(b, "abc123"));
	assert_int_equal(multipart_boundary("Multipart/Form-Data;boundary=\"a b:c\"", &b, &m),
			 GK_OK);
	assert_true(str_is(b, "a b:c"));
	assert_int_equal(
	    multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=x", &b, &m), GK_OK);
	assert_true(str_is(b, "x"));
	assert_int_equal(multipart_boundary("text/plain; boundary=x", &b, &m), GK_EINVAL);
	assert_int_equal(multipart_boundary("multipart/form-dataX; boundary=x", &b, &m), GK_EINVAL);
	assert_int_equal(multipart_boundary("multipart/form-data", &b, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "no boundary"));
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=", &b, &m), GK_EINVAL);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"x \"", &b, &m),
			 GK_EINVAL);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=a<b", &b, &m),
			 GK_EINVAL);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"x", &b, &m),
			 GK_EINVAL);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=a; boundary=b", &b, &m),
			 GK_EINVAL);
	/* 70 characters are allowed, 71 are not (RFC 2046 §5.1.1). */
	assert_int_equal(multipart_boundary("multipart/form-data; boundary="
					    "0123456789012345678901234567890123456789"
					    "012345678901234567890123456789",
					    &b, &m),
			 GK_OK);
	assert_int_equal(b.len, 70);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary="
					    "0123456789012345678901234567890123456789"
					    "0123456789012345678901234567890",
					    &b, &m),
			 GK_EINVAL);
}

static enum gk_err parse(const char *body, struct multipart *mp, struct gk_errmsg *m)
{
	return multipart_parse(str_from_cstr(body), STR_LIT("XyZ"), mp, m);
}

static void test_parts(void **state)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"name\"\r\n"
	    "\r\n"
	    "张三\r\n"
	    "--XyZ\r\n"
	    "content-disposition: form-data; name=\"attachment\"; filename=\"身份证.pdf\"\r\n"
	    "Content-Type:  application/pdf \r\n"
	    "\r\n"
	    "%PDF-1.4\r\n--Xy not the end\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=attachment; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ--\r\nepilogue";
	struct multipart mp;
	struct gk_errmsg m;

	(void)state;
	assert_int_equal(parse(body, &mp, &m), GK_OK);
	assert_int_equal(mp.nparts, 3);
	assert_true(str_is(mp.parts[0].name, "name"));
	assert_false(mp.parts[0].is_file);
	assert_true(str_is(mp.parts[0].data, "张三"));
	assert_true(str_is(mp.parts[1].name, "attachment"));
	assert_true(mp.parts[1].is_file);
	assert_true(str_is(mp.parts[1].filename, "身份证.pdf"));
	assert_true(str_is(mp.parts[1].content_type, "application/pdf"));
	assert_true(str_is(mp.parts[1].data, "%PDF-1.4\r\n--Xy not the end"));
	/* Pointers into the body, not copies. */
	assert_true(mp.parts[1].data.ptr > body && mp.parts[1].data.ptr < body + sizeof(body));
	assert_true(mp.parts[2].is_file);
	assert_int_equal(mp.parts[2].filename.len, 0);
	assert_int_equal(mp.parts[2].data.len, 0);
}

static void test_preamble_and_padding(void **state)
{
	struct multipart mp;
	struct gk_errmsg m;

	(void)state;
	assert_int_equal(parse("preamble\r\n--XyZ \t\r\nContent-Disposition: form-data; "
			       "name=\"a\"\r\n\r\n1\r\n--XyZ--",
			       &mp, &m),
			 GK_OK);
	assert_int_equal(mp.nparts, 1);
	assert_true(str_is(mp.parts[0].data, "1"));
	assert_int_equal(parse("--XyZ--\r\n", &mp, &m), GK_OK);
	assert_int_equal(mp.nparts, 0);
}

static void expect_refusal(const char *body, const char *words)
{
	struct multipart mp;
	struct gk_errmsg m;

	assert_int_equal(parse(body, &mp, &m), GK_EINVAL);
	if (!strstr(m.text, words))
		fail_msg("'%s' lacks '%s'", m.text, words);
}

static void test_refusals(void **state)
{
	(void)state;
	expect_refusal("", "no boundary line");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
		       "closing boundary");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ",
		       "followed by other text");
	expect_refusal("--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
		       "no Content-Disposition");
	expect_refusal("--XyZ\r\n\r\n1\r\n--XyZ--", "no Content-Disposition");
	expect_refusal("--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		       "not form-data");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--", "name");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--XyZ--",
		       "name");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1"
		       "\r\n--XyZ--",
		       "two names");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=x; "
		       "filename=y\r\n\r\n1\r\n--XyZ--",
		       "two filenames");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--",
		       "malformed");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name\r\n\r\n1\r\n--XyZ--",
		       "malformed");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name=a\r\n folded\r\n\r\n1\r\n"
		       "--XyZ--",
		       "header line is malformed");
	expect_refusal("--XyZ\r\nno colon here\r\n\r\n1\r\n--XyZ--", "header line is malformed");
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: "
		       "form-data; name=b\r\n\r\n1\r\n--XyZ--",
		       "two Content-Dispositions");
}

/* Append lit at *p. */
static void put(char **p, const char *lit)
{
	size_t n = strlen(lit);

	memcpy(*p, lit, n + 1);
	*p += n;
}

static void test_limits(void **state)
{
	static char body[64 << 10];
	char *p = body;
	struct multipart mp;
	struct gk_errmsg m;

	(void)state;
	/* A name of 64 bytes is fine, 65 are not. */
	expect_refusal("--XyZ\r\nContent-Disposition: form-data; name="
		       "12345678901234567890123456789012345678901234567890123456789012345\r\n\r\n"
		       "1\r\n--XyZ--",
		       "1 to 64 bytes");
	assert_int_equal(parse("--XyZ\r\nContent-Disposition: form-data; name="
			       "1234567890123456789012345678901234567890123456789012345678901234"
			       "\r\n\r\n1\r\n--XyZ--",
			       &mp, &m),
			 GK_OK);
	/* 32 parts are fine, 33 are not. */
	for (int i = 0; i < 33; i++) {
		put(&p, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n");
		if (i == 31) {
			char *end = p;
			put(&end, "--XyZ--");
			assert_int_equal(parse(body, &mp, &m), GK_OK);
			assert_int_equal(mp.nparts, 32);
		}
	}
	put(&p, "--XyZ--");
	expect_refusal(body, "more than 32 parts");
	/* A header block over 4 KiB. */
	p = body;
	put(&p, "--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Pad: ");
	memset(p, 'x', 4100);
	p += 4100;
	put(&p, "\r\n\r\nv\r\n--XyZ--");
	expect_refusal(body, "longer than 4096 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_boundary),
	    cmocka_unit_test(test_parts),
	    cmocka_unit_test(test_preamble_and_padding),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
