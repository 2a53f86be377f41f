/* Unit tests for app/apply: an online application is validated field by
 * field, stored once per form, sealed, and shown to the applicant masked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/apply.h"
#include "db_fixture.h"
#include "law/ident.h"

/* A made-up 居民身份证 number (Fuzhou, born 1990-03-07) with its check digit. */
static void id_number(char out[19])
{
	memcpy(out, "35010219900307123", 17);
	out[17] = ident_resident_id_check_char(out);
	out[18] = '\0';
}

struct ctx {
	struct secret_key key;
	struct calendar *cal;
	struct apply_context cx;
	char id[19];
};

static void context(struct db_fixture *f, struct ctx *c)
{
	char path[160];
	struct gk_errmsg m;

	snprintf(path, sizeof(path), "%s/ledger.db.key", f->dir);
	assert_int_equal(secret_key_create(path, &c->key, &m), GK_OK);
	c->cal = calendar_open(NULL, &m);
	assert_non_null(c->cal);
	c->cx = (struct apply_context){.st = f->s, .key = &c->key, .cal = c->cal,
				       .today = date_from_ymd(2026, 3, 2), .client = "127.0.0.1",
				       .now = 1772400000};
	id_number(c->id);
}

static json_t *person(const struct ctx *c, const char *key)
{
	return json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s}}", "agency",
			 "fgj", "idempotency_key", key, "applicant", "type", "自然人", "name",
			 "张三丰", "id_number", c->id, "phone", "13800138000", "address",
			 "福建省福州市鼓楼区某某路1号", "email", "zhang@example.com", "request",
			 "description", "请公开本局2025年部门预算", "form", "电子", "delivery",
			 "电子邮件");
}

static void test_submit_and_retry(void **state)
{
	struct db_fixture *f = *state;
	struct ctx c;
	struct apply_receipt r1, r2;
	struct apply_field field;
	struct gk_errmsg m;
	json_t *in;

	context(f, &c);
	in = person(&c, "form-1");
	if (apply_submit(&c.cx, in, &r1, &field, &m))
		fail_msg("%s (%s)", m.text, field.path);
	assert_int_equal(strlen(r1.tracking_code), TRACKING_STRLEN - 1);
	assert_int_equal(r1.received, c.cx.today);
	assert_true(r1.due > r1.received);
	assert_false(r1.existing);
	/* The same form again (a double click): the same application. */
	assert_int_equal(apply_submit(&c.cx, in, &r2, &field, &m), GK_OK);
	assert_true(r2.existing);
	assert_string_equal(r1.tracking_code, r2.tracking_code);
	json_decref(in);
	secret_key_release(&c.key);
	calendar_free(c.cal);
}

static void expect_field(struct ctx *c, json_t *in, const char *path, const char *text)
{
	struct apply_receipt r;
	struct apply_field field;
	struct gk_errmsg m;
	enum gk_err err = apply_submit(&c->cx, in, &r, &field, &m);

	assert_true(err == GK_EINVAL || err == GK_ENOTFOUND);
	assert_string_equal(field.path, path);
	if (!strstr(m.text, text))
		fail_msg("message '%s' lacks '%s'", m.text, text);
	json_decref(in);
}

static void test_field_errors(void **state)
{
	struct db_fixture *f = *state;
	struct ctx c;
	json_t *in;

	context(f, &c);
	in = person(&c, "k1");
	json_object_set_new(json_object_get(in, "applicant"), "id_number",
			    json_string("350102199003071230"));
	expect_field(&c, in, "applicant.id_number", "校验码");
	in = person(&c, "k2");
	json_object_set_new(json_object_get(in, "applicant"), "phone", json_string("12345"));
	expect_field(&c, in, "applicant.phone", "applicant.phone");
	in = person(&c, "k3");
	json_object_del(json_object_get(in, "applicant"), "name");
	expect_field(&c, in, "applicant.name", "必填");
	in = person(&c, "k4");
	json_object_set_new(json_object_get(in, "applicant"), "type", json_string("商业企业"));
	expect_field(&c, in, "applicant.credit_code", "必填");
	in = person(&c, "k5");
	json_object_set_new(in, "agency", json_string("nosuch"));
	expect_field(&c, in, "agency", "没有这个机关");
	in = person(&c, "bad key!");
	expect_field(&c, in, "idempotency_key", "idempotency_key");
	in = person(&c, "k6");
	json_object_set_new(json_object_get(in, "request"), "form", json_string("光盘"));
	expect_field(&c, in, "request.form", "纸质或电子");
	secret_key_release(&c.key);
	calendar_free(c.cal);
}

/* Read the whole database file (and its WAL) to look for a value in clear. */
static bool file_holds(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "rb");
	static char data[8 << 20];
	size_t n;

	if (!fp)
		return false;
	n = fread(data, 1, sizeof(data), fp);
	fclose(fp);
	for (size_t i = 0, k = strlen(needle); i + k <= n; i++)
		if (!memcmp(data + i, needle, k))
			return true;
	return false;
}

static void test_status_masked_and_sealed(void **state)
{
	struct db_fixture *f = *state;
	struct ctx c;
	struct apply_receipt r;
	struct apply_field field;
	struct gk_errmsg m;
	json_t *in, *st;
	char *text, wal[160];

	context(f, &c);
	in = person(&c, "form-2");
	assert_int_equal(apply_submit(&c.cx, in, &r, &field, &m), GK_OK);
	json_decref(in);
	assert_int_equal(apply_status(&c.cx, r.tracking_code, &st, &m), GK_OK);
	text = json_dumps(st, JSON_COMPACT);
	assert_non_null(strstr(text, r.tracking_code));
	assert_non_null(strstr(text, "\"status\":\"办理中\""));
	assert_non_null(strstr(text, "\"applicant\":\"张**\""));
	assert_non_null(strstr(text, "received"));
	assert_null(strstr(text, c.id));
	assert_null(strstr(text, "13800138000"));
	assert_null(strstr(text, "某某路"));
	free(text);
	json_decref(st);
	assert_int_equal(apply_status(&c.cx, "2345-6789-ABCD-EFGH", &st, &m), GK_ENOTFOUND);
	/* Neither the database nor its journal holds the ID number or phone in clear. */
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_false(file_holds(f->path, c.id) || file_holds(wal, c.id));
	assert_false(file_holds(f->path, "13800138000") || file_holds(wal, "13800138000"));
	secret_key_release(&c.key);
	calendar_free(c.cal);
}

/* 国办函〔2020〕109号 counts per applicant and natural month: the same ID in
 * two applications is the same applicant, another ID is not. */
static void test_month_count(void **state)
{
	struct db_fixture *f = *state;
	struct ctx c;
	struct apply_receipt r;
	struct apply_field field;
	struct store_application a;
	struct gk_errmsg m;
	char key[APPLY_APPLICANT_KEY_LEN];
	int64_t n;
	json_t *in;

	context(f, &c);
	for (int i = 0; i < 3; i++) {
		char k[32];

		snprintf(k, sizeof(k), "month-%d", i);
		in = person(&c, k);
		if (i == 2) { /* someone else: another made-up number */
			char other[19] = "11010119800101002";

			other[17] = ident_resident_id_check_char(other);
			other[18] = '\0';
			json_object_set_new(json_object_get(in, "applicant"), "id_number",
					    json_string(other));
		}
		assert_int_equal(apply_submit(&c.cx, in, &r, &field, &m), GK_OK);
		json_decref(in);
	}
	assert_int_equal(store_application_by_idempotency(f->s, "month-1", &a, &m), GK_OK);
	snprintf(key, sizeof(key), "%s", a.applicant_key);
	assert_int_equal(strlen(key), 64);
	assert_int_equal(apply_month_count(&c.cx, key, a.received, &n, &m), GK_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_application_by_idempotency(f->s, "month-2", &a, &m), GK_OK);
	assert_string_not_equal(a.applicant_key, key);
	secret_key_release(&c.key);
	calendar_free(c.cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_submit_and_retry, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_field_errors, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_status_masked_and_sealed, db_setup,
						db_teardown),
		cmocka_unit_test_setup_teardown(test_month_count, db_setup, db_teardown),
	};
	return cmocka_run_group_tests_name("apply", tests, NULL, NULL);
}
