/*
 * Unit tests for app/audit: appending builds a chain that verifies; an
 * entry appended inside a transaction that rolls back is gone with it;
 * the database refuses UPDATE and DELETE; and when someone drops those
 * triggers and edits or deletes a row, verification names the entry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <string.h>

#include "app/audit.h"
#include "db_fixture.h"

static void append_n(struct store *s, int n)
{
	struct audit_who who = {0, AUDIT_CLIENT_CLI, 1772353800}; /* 2026-03-01T08:30:00Z */
	struct gk_errmsg m;

	for (int i = 0; i < n; i++) {
		char detail[32];

		snprintf(detail, sizeof(detail), "entry %d", i + 1);
		who.now += 60;
		assert_int_equal(audit_append(s, &who, AUDIT_USER_ADD, "user:alice", detail, &m),
				 GK_OK);
	}
}

/* Run SQL on the file through SQLite directly, as someone with the file would. */
static void tamper(const struct db_fixture *f, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void verify_expect(struct store *s, enum gk_err want, int64_t want_entries,
			  int64_t want_bad, const char *want_text)
{
	int64_t entries = -1, bad = -1;
	struct gk_errmsg m = {""};

	assert_int_equal(audit_verify(s, &entries, &bad, NULL, &m), want);
	assert_int_equal(entries, want_entries);
	assert_int_equal(bad, want_bad);
	if (want_text)
		assert_non_null(strstr(m.text, want_text));
}

static void test_time_format(void **state)
{
	char at[AUDIT_TIME_LEN];

	(void)state;
	audit_format_time(1772353800, at);
	assert_string_equal(at, "2026-03-01T08:30:00Z");
	audit_format_time(0, at);
	assert_string_equal(at, "1970-01-01T00:00:00Z");
}

static void test_chain_intact(void **state)
{
	struct db_fixture *f = *state;
	struct store_audit last;
	uint8_t head[STORE_HASH_LEN];
	int64_t entries, bad;
	struct gk_errmsg m;

	verify_expect(f->s, GK_OK, 0, 0, NULL);
	append_n(f->s, 3);
	verify_expect(f->s, GK_OK, 3, 0, NULL);
	assert_int_equal(audit_verify(f->s, &entries, &bad, head, &m), GK_OK);
	assert_int_equal(store_audit_last(f->s, &last, &m), GK_OK);
	assert_int_equal(last.seq, 3);
	assert_string_equal(last.at, "2026-03-01T08:33:00Z");
	assert_string_equal(last.detail, "entry 3");
	assert_memory_equal(last.hash, head, STORE_HASH_LEN);
}

static void test_rolled_back_with_the_change(void **state)
{
	struct db_fixture *f = *state;
	struct audit_who who = {7, "192.0.2.1", 1772353800};
	struct gk_errmsg m;

	append_n(f->s, 1);
	assert_int_equal(store_begin(f->s, &m), GK_OK);
	assert_int_equal(audit_append(f->s, &who, AUDIT_LOGOUT, NULL, NULL, &m), GK_OK);
	store_rollback(f->s);
	verify_expect(f->s, GK_OK, 1, 0, NULL);
	/* and the next append continues the chain without a gap */
	append_n(f->s, 1);
	verify_expect(f->s, GK_OK, 2, 0, NULL);
}

static void test_append_only(void **state)
{
	struct db_fixture *f = *state;
	sqlite3 *db;

	append_n(f->s, 2);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(db, "UPDATE audit_log SET detail = 'x' WHERE seq = 1", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit_log", NULL, NULL, NULL),
			     SQLITE_OK);
	sqlite3_close(db);
	verify_expect(f->s, GK_OK, 2, 0, NULL);
}

static void test_altered_entry(void **state)
{
	struct db_fixture *f = *state;

	append_n(f->s, 4);
	tamper(f, "DROP TRIGGER audit_log_no_update;"
		  "UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 3");
	verify_expect(f->s, GK_EFORMAT, 2, 3, "entry 3");
}

static void test_altered_hash_breaks_the_link(void **state)
{
	struct db_fixture *f = *state;

	/* Recomputing an edited entry's own hash is not enough: the next
	 * entry's link gives it away. */
	append_n(f->s, 3);
	tamper(f, "DROP TRIGGER audit_log_no_update;"
		  "UPDATE audit_log SET hash = zeroblob(32) WHERE seq = 2");
	verify_expect(f->s, GK_EFORMAT, 1, 2, "entry 2");
}

static void test_deleted_entry(void **state)
{
	struct db_fixture *f = *state;

	append_n(f->s, 4);
	tamper(f, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2");
	verify_expect(f->s, GK_EFORMAT, 1, 2, "entry 2 is missing");
}

static void test_deleted_first_entry(void **state)
{
	struct db_fixture *f = *state;

	append_n(f->s, 2);
	tamper(f, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 1");
	verify_expect(f->s, GK_EFORMAT, 0, 1, "entry 1 is missing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_format),
		cmocka_unit_test_setup_teardown(test_chain_intact, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_rolled_back_with_the_change, db_setup,
						db_teardown),
		cmocka_unit_test_setup_teardown(test_append_only, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_altered_entry, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_altered_hash_breaks_the_link, db_setup,
						db_teardown),
		cmocka_unit_test_setup_teardown(test_deleted_entry, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_deleted_first_entry, db_setup, db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
