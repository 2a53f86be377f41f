/*
 * Unit tests for app/auth: password rules and hashing, login answers that
 * do not tell an unknown user from a wrong password or a disabled account,
 * throttling per account and per address, session expiry (idle and
 * absolute, with the clock moved by hand), CSRF tokens, logout, password
 * change ending the other sessions, the audit entries (never a password),
 * and the permission table for every role × action × agency relation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/auth.h"
#include "db_fixture.h"

#define T0 1772353800 /* 2026-03-01T08:30:00Z */
#define PW "Richtig-Passwort-1"

static int64_t add_user(struct db_fixture *f, const char *name, enum store_role role,
			int64_t agency)
{
	struct store_user u = {.username = name, .agency_id = agency, .role = role};
	struct audit_who who = {0, AUDIT_CLIENT_CLI, T0};
	struct gk_errmsg m;
	int64_t id = 0;

	assert_int_equal(auth_user_add(f->s, &u, PW, &who, &id, &m), GK_OK);
	return id;
}

static enum gk_err login(struct db_fixture *f, const char *user, const char *pw,
			 const char *addr, int64_t now, struct auth_session *out,
			 struct gk_errmsg *m)
{
	return auth_login(f->s, user, pw, addr, now, out, m);
}

static void test_password_rules(void **state)
{
	static const char *const refused[] = {"short1A", "abcdefghijkl", "ABCDEFGHIJKL",
					      "123456789012", "政府信息公开申请表格", "tab\there12345"};
	static const char *const accepted[] = {"abcdefghij1", "Correct horse", "政府信息公开abcd",
					       "1234567890-"};
	struct gk_errmsg m;

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(auth_password_check(refused[i], &m), GK_EINVAL);
	assert_int_equal(auth_password_check("short1A", &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "至少需要10个字符"));
	assert_int_equal(auth_password_check("abcdefghijkl", &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "至少要有两类"));
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++)
		assert_int_equal(auth_password_check(accepted[i], &m), GK_OK);
}

static void test_hash_and_verify(void **state)
{
	char hash[AUTH_HASH_MAX];
	struct gk_errmsg m;

	(void)state;
	assert_int_equal(auth_hash_password(PW, hash, &m), GK_OK);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(auth_verify_password(hash, PW));
	assert_false(auth_verify_password(hash, "Richtig-Passwort-2"));
}

static void test_login_and_session(void **state)
{
	struct db_fixture *f = *state;
	struct auth_session s, c;
	struct gk_errmsg m;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	assert_int_equal(login(f, "alice", PW, "192.0.2.1", T0, &s, &m), GK_OK);
	assert_int_equal(strlen(s.token), AUTH_TOKEN_LEN);
	assert_int_equal(strlen(s.csrf), AUTH_TOKEN_LEN);
	assert_string_equal(s.user.username, "alice");
	assert_int_equal(s.user.agency_id, f->agency);
	assert_int_equal(s.expires, T0 + AUTH_IDLE_SECONDS);
	assert_int_equal(auth_session_check(f->s, s.token, T0 + 10, &c, &m), GK_OK);
	assert_string_equal(c.user.username, "alice");
	assert_int_equal(c.user.role, ROLE_HANDLER);
	assert_string_equal(c.token, "");
	/* CSRF: the session's own token only, compared whole. */
	assert_true(auth_csrf_check(&c, s.csrf));
	assert_false(auth_csrf_check(&c, s.token));
	assert_false(auth_csrf_check(&c, ""));
	assert_false(auth_csrf_check(&c, NULL));
	{
		char near[AUTH_TOKEN_LEN + 1];

		memcpy(near, s.csrf, sizeof(near));
		near[AUTH_TOKEN_LEN - 1] = near[AUTH_TOKEN_LEN - 1] == 'A' ? 'B' : 'A';
		assert_false(auth_csrf_check(&c, near));
	}
	/* A made-up token, and one of the wrong length. */
	assert_int_equal(auth_session_check(f->s, s.csrf, T0 + 10, &c, &m), GK_ENOTFOUND);
	assert_string_equal(m.text, AUTH_MSG_SESSION);
	assert_int_equal(auth_session_check(f->s, "abc", T0 + 10, &c, &m), GK_ENOTFOUND);
	/* Logout ends it. */
	assert_int_equal(auth_logout(f->s, s.token, "192.0.2.1", T0 + 20, &m), GK_OK);
	assert_int_equal(auth_session_check(f->s, s.token, T0 + 30, &c, &m), GK_ENOTFOUND);
	assert_int_equal(auth_logout(f->s, s.token, "192.0.2.1", T0 + 40, &m), GK_OK);
}

static void test_uniform_errors(void **state)
{
	struct db_fixture *f = *state;
	struct audit_who who = {0, AUDIT_CLIENT_CLI, T0};
	struct auth_session s;
	struct gk_errmsg unknown, wrong, disabled, m;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	add_user(f, "bob", ROLE_HANDLER, f->agency);
	assert_int_equal(auth_user_disable(f->s, "bob", &who, &m), GK_OK);
	assert_int_equal(login(f, "nobody", PW, "192.0.2.1", T0, &s, &unknown), GK_EINVAL);
	assert_int_equal(login(f, "alice", "Falsches-Passwort-1", "192.0.2.1", T0, &s, &wrong),
			 GK_EINVAL);
	assert_int_equal(login(f, "bob", PW, "192.0.2.1", T0, &s, &disabled), GK_EINVAL);
	assert_string_equal(unknown.text, AUTH_MSG_BAD_LOGIN);
	assert_string_equal(wrong.text, AUTH_MSG_BAD_LOGIN);
	assert_string_equal(disabled.text, AUTH_MSG_BAD_LOGIN);
	assert_string_equal(s.token, "");
}

static void test_throttle_account(void **state)
{
	struct db_fixture *f = *state;
	struct auth_session s;
	struct gk_errmsg m, ghost;
	int64_t t = T0;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	/* Five failures from five addresses lock the account name … */
	for (int i = 0; i < AUTH_ACCOUNT_FAILURES; i++) {
		char addr[32];

		snprintf(addr, sizeof(addr), "198.51.100.%d", i);
		assert_int_equal(login(f, "alice", "Falsches-Passwort-1", addr, t += 60, &s, &m),
				 GK_EINVAL);
	}
	/* … so that even the right password is refused, from anywhere. */
	assert_int_equal(login(f, "alice", PW, "203.0.113.9", t += 60, &s, &m), GK_ECONFLICT);
	assert_string_equal(m.text, AUTH_MSG_LOCKED);
	/* An unknown name locks alike: the lock does not tell that it exists. */
	for (int i = 0; i < AUTH_ACCOUNT_FAILURES; i++)
		login(f, "ghost", PW, NULL, T0 + i, &s, &ghost);
	assert_int_equal(login(f, "ghost", PW, NULL, T0 + 10, &s, &ghost), GK_ECONFLICT);
	assert_string_equal(ghost.text, AUTH_MSG_LOCKED);
	/* The lock lasts 15 minutes from the fifth failure. */
	assert_int_equal(login(f, "alice", PW, "203.0.113.9", T0 + 5 * 60 + AUTH_LOCK_SECONDS - 1,
			       &s, &m),
			 GK_ECONFLICT);
	assert_int_equal(login(f, "alice", PW, "203.0.113.9", T0 + 5 * 60 + AUTH_LOCK_SECONDS, &s,
			       &m),
			 GK_OK);
}

static void test_throttle_window(void **state)
{
	struct db_fixture *f = *state;
	struct auth_session s;
	struct gk_errmsg m;

	/* Four failures, then a quiet window: the count starts again. */
	add_user(f, "alice", ROLE_HANDLER, f->agency);
	for (int i = 0; i < AUTH_ACCOUNT_FAILURES - 1; i++)
		login(f, "alice", "Falsches-Passwort-1", NULL, T0 + i, &s, &m);
	assert_int_equal(login(f, "alice", "Falsches-Passwort-1", NULL, T0 + AUTH_LOCK_SECONDS,
			       &s, &m),
			 GK_EINVAL);
	assert_int_equal(login(f, "alice", PW, NULL, T0 + AUTH_LOCK_SECONDS + 1, &s, &m), GK_OK);
	/* A success forgets the account's failures. */
	for (int i = 0; i < AUTH_ACCOUNT_FAILURES - 1; i++)
		login(f, "alice", "Falsches-Passwort-1", NULL, T0 + AUTH_LOCK_SECONDS + 2, &s, &m);
	assert_int_equal(login(f, "alice", PW, NULL, T0 + AUTH_LOCK_SECONDS + 3, &s, &m), GK_OK);
	assert_int_equal(login(f, "alice", "Falsches-Passwort-1", NULL, T0 + AUTH_LOCK_SECONDS + 4,
			       &s, &m),
			 GK_EINVAL);
}

static void test_throttle_address(void **state)
{
	struct db_fixture *f = *state;
	struct auth_session s;
	struct gk_errmsg m;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	/* One address trying many names: each name stays below its limit. */
	for (int i = 0; i < AUTH_ADDRESS_FAILURES; i++) {
		char name[24];

		snprintf(name, sizeof(name), "guess%d", i);
		assert_int_equal(login(f, name, PW, "192.0.2.66", T0 + i, &s, &m), GK_EINVAL);
	}
	assert_int_equal(login(f, "alice", PW, "192.0.2.66", T0 + 30, &s, &m), GK_ECONFLICT);
	assert_string_equal(m.text, AUTH_MSG_LOCKED);
	/* Another address is not affected. */
	assert_int_equal(login(f, "alice", PW, "192.0.2.67", T0 + 31, &s, &m), GK_OK);
}

static void test_expiry_idle(void **state)
{
	struct db_fixture *f = *state;
	struct auth_session s, c;
	struct gk_errmsg m;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	assert_int_equal(login(f, "alice", PW, NULL, T0, &s, &m), GK_OK);
	/* Used within 30 minutes, it lives on from the last use. */
	assert_int_equal(auth_session_check(f->s, s.token, T0 + 29 * 60, &c, &m), GK_OK);
	assert_int_equal(c.expires, T0 + 59 * 60);
	assert_int_equal(auth_session_check(f->s, s.token, T0 + 58 * 60, &c, &m), GK_OK);
	assert_int_equal(auth_session_check(f->s, s.token, T0 + 88 * 60, &c, &m), GK_ENOTFOUND);
	/* Gone for good, even at an earlier clock. */
	assert_int_equal(auth_session_check(f->s, s.token, T0 + 60 * 60, &c, &m), GK_ENOTFOUND);
}

static void test_expiry_absolute(void **state)
{
	struct db_fixture *f = *state;
	struct auth_session s, c;
	struct gk_errmsg m;
	int64_t t;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	assert_int_equal(login(f, "alice", PW, NULL, T0, &s, &m), GK_OK);
	/* Busy all day: every 20 minutes, until 12 hours are over. */
	for (t = T0 + 20 * 60; t < T0 + AUTH_ABSOLUTE_SECONDS; t += 20 * 60)
		assert_int_equal(auth_session_check(f->s, s.token, t, &c, &m), GK_OK);
	assert_true(c.expires <= T0 + AUTH_ABSOLUTE_SECONDS);
	assert_int_equal(auth_session_check(f->s, s.token, T0 + AUTH_ABSOLUTE_SECONDS, &c, &m),
			 GK_ENOTFOUND);
}

static void test_disabled_ends_sessions(void **state)
{
	struct db_fixture *f = *state;
	struct audit_who who = {0, AUDIT_CLIENT_CLI, T0};
	struct auth_session s, c;
	struct gk_errmsg m;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	assert_int_equal(login(f, "alice", PW, NULL, T0, &s, &m), GK_OK);
	assert_int_equal(auth_user_disable(f->s, "alice", &who, &m), GK_OK);
	assert_int_equal(auth_session_check(f->s, s.token, T0 + 1, &c, &m), GK_ENOTFOUND);
	assert_int_equal(auth_user_disable(f->s, "nobody", &who, &m), GK_ENOTFOUND);
	assert_non_null(strstr(m.text, "nobody"));
}

static void test_password_change(void **state)
{
	struct db_fixture *f = *state;
	struct audit_who who = {0, AUDIT_CLIENT_CLI, T0};
	struct auth_session a, b, c;
	struct gk_errmsg m;
	const char *next = "Neues-Passwort-22";

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	assert_int_equal(login(f, "alice", PW, "192.0.2.1", T0, &a, &m), GK_OK);
	assert_int_equal(login(f, "alice", PW, "192.0.2.2", T0, &b, &m), GK_OK);
	assert_int_equal(auth_password_change(f->s, a.token, "Falsches-Passwort-1", next,
					      "192.0.2.1", T0 + 5, &m),
			 GK_EINVAL);
	assert_string_equal(m.text, AUTH_MSG_BAD_OLD_PASSWORD);
	assert_int_equal(auth_password_change(f->s, a.token, PW, "weak", "192.0.2.1", T0 + 6, &m),
			 GK_EINVAL);
	assert_int_equal(auth_password_change(f->s, a.token, PW, next, "192.0.2.1", T0 + 7, &m),
			 GK_OK);
	/* This session stays, the other one ends; the old password is gone. */
	assert_int_equal(auth_session_check(f->s, a.token, T0 + 8, &c, &m), GK_OK);
	assert_int_equal(auth_session_check(f->s, b.token, T0 + 8, &c, &m), GK_ENOTFOUND);
	assert_int_equal(login(f, "alice", PW, NULL, T0 + 9, &c, &m), GK_EINVAL);
	assert_int_equal(login(f, "alice", next, NULL, T0 + 10, &c, &m), GK_OK);
	/* The operator's reset ends every session. */
	assert_int_equal(auth_password_reset(f->s, "alice", PW, &who, &m), GK_OK);
	assert_int_equal(auth_session_check(f->s, a.token, T0 + 11, &c, &m), GK_ENOTFOUND);
	assert_int_equal(login(f, "alice", PW, NULL, T0 + 12, &c, &m), GK_OK);
}

static void test_password_change_throttled(void **state)
{
	struct db_fixture *f = *state;
	struct auth_session a;
	struct gk_errmsg m;

	/* A stolen session cannot be used to guess the password. */
	add_user(f, "alice", ROLE_HANDLER, f->agency);
	assert_int_equal(login(f, "alice", PW, NULL, T0, &a, &m), GK_OK);
	for (int i = 0; i < AUTH_ACCOUNT_FAILURES; i++)
		assert_int_equal(auth_password_change(f->s, a.token, "Falsches-Passwort-1",
						      "Neues-Passwort-22", NULL, T0 + i, &m),
				 GK_EINVAL);
	assert_int_equal(auth_password_change(f->s, a.token, PW, "Neues-Passwort-22", NULL,
					      T0 + 10, &m),
			 GK_ECONFLICT);
}

struct audit_scan {
	int entries, failures, successes, logouts;
	bool leaked;
};

static int scan_one(void *ctx, const struct store_audit *e)
{
	struct audit_scan *a = ctx;
	const char *fields[] = {e->client, e->object, e->detail};

	a->entries++;
	a->failures += !strcmp(e->action, AUDIT_LOGIN_FAILURE);
	a->successes += !strcmp(e->action, AUDIT_LOGIN_SUCCESS);
	a->logouts += !strcmp(e->action, AUDIT_LOGOUT);
	for (size_t i = 0; i < 3; i++)
		a->leaked |= fields[i] && (strstr(fields[i], "Passwort") != NULL);
	return 0;
}

static void test_audited(void **state)
{
	struct db_fixture *f = *state;
	struct audit_scan scan = {0};
	struct auth_session s;
	struct gk_errmsg m;
	int64_t entries, bad;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	login(f, "alice", "Falsches-Passwort-1", "192.0.2.1", T0, &s, &m);
	login(f, "nobody", "Falsches-Passwort-1", "192.0.2.1", T0, &s, &m);
	assert_int_equal(login(f, "alice", PW, "192.0.2.1", T0, &s, &m), GK_OK);
	assert_int_equal(auth_logout(f->s, s.token, "192.0.2.1", T0 + 1, &m), GK_OK);
	assert_int_equal(store_audit_each(f->s, scan_one, &scan, &m), GK_OK);
	assert_int_equal(scan.entries, 5); /* user.add, 2 failures, success, logout */
	assert_int_equal(scan.failures, 2);
	assert_int_equal(scan.successes, 1);
	assert_int_equal(scan.logouts, 1);
	assert_false(scan.leaked);
	assert_int_equal(audit_verify(f->s, &entries, &bad, NULL, &m), GK_OK);
	assert_int_equal(entries, 5);
}

/* --- Permissions: written out here independently of auth.c's table. ------ */

/* Where an object is, seen from the user's agency. */
enum where { SAME, CHILD, GRANDCHILD, PARENT, OTHER, PLATFORM, WHERE_COUNT };

/* What each role may do, as the issue and docs/security.md state it:
 * "o" own agency, "r" region (own and below), "*" everywhere, "-" nowhere.
 * Columns: cases pdata handle review extend users agency stats audit,
 * then draft-document review-document supervise publish-report. */
static const char *const expected[ROLE_COUNT] = {
	[ROLE_ADMIN] = "*************",
	[ROLE_AGENCY_ADMIN] = "o----ooo-oooo",
	[ROLE_HANDLER] = "ooo----o-o---",
	[ROLE_REVIEWER] = "oo-oo--o-oo--",
	[ROLE_SUPERVISOR] = "r------r---rr",
};

static bool expect_can(enum store_role r, enum auth_action a, enum where w)
{
	switch (expected[r][a]) {
	case '*':
		return true;
	case 'r':
		return w == SAME || w == CHILD || w == GRANDCHILD;
	case 'o':
		return w == SAME;
	default:
		return false;
	}
}

static void test_permissions_table(void **state)
{
	struct db_fixture *f = *state;
	struct store_agency child = {.code = "kjg", .name = "某某区发改局价格科", .parent_id = 0};
	struct auth_scope scope;
	struct gk_errmsg m;
	int64_t grandchild, where_id[WHERE_COUNT];

	/* qu (region) > fgj (agency) > kjg (grandchild of qu); other apart. */
	child.parent_id = f->agency;
	assert_int_equal(store_agency_add(f->s, &child, &grandchild, &m), GK_OK);
	assert_int_equal(strlen(expected[0]), AUTH_ACTION_COUNT);
	for (int r = 0; r < ROLE_COUNT; r++) {
		/* The user sits at qu, so fgj is a child and kjg a grandchild;
		 * PARENT is checked from a user at fgj below. */
		struct auth_user u = {.id = 1, .agency_id = f->region, .role = (enum store_role)r};

		where_id[SAME] = f->region;
		where_id[CHILD] = f->agency;
		where_id[GRANDCHILD] = grandchild;
		where_id[OTHER] = f->other;
		where_id[PLATFORM] = 0;
		assert_int_equal(auth_scope_load(f->s, f->region, &scope, &m), GK_OK);
		for (int a = 0; a < AUTH_ACTION_COUNT; a++)
			for (int w = 0; w < WHERE_COUNT; w++) {
				bool want = expect_can(u.role, a, w), got;

				if (w == PARENT)
					continue;
				got = auth_can(&u, a, where_id[w], &scope);
				if (got != want)
					fail_msg("%s %s where %d: %d, expected %d",
						 store_role_id(u.role), auth_action_id(a), w, got,
						 want);
			}
		auth_scope_release(&scope);

		/* From fgj: qu is the parent, never reached by a region. */
		u.agency_id = f->agency;
		assert_int_equal(auth_scope_load(f->s, f->agency, &scope, &m), GK_OK);
		for (int a = 0; a < AUTH_ACTION_COUNT; a++) {
			assert_int_equal(auth_can(&u, a, f->region, &scope),
					 expect_can(u.role, a, PARENT));
			assert_int_equal(auth_can(&u, a, grandchild, &scope),
					 expect_can(u.role, a, CHILD));
		}
		auth_scope_release(&scope);
	}
}

static void test_permissions_edges(void **state)
{
	struct db_fixture *f = *state;
	struct auth_user sup = {.id = 1, .agency_id = f->region, .role = ROLE_SUPERVISOR};
	struct auth_scope scope, theirs;
	struct gk_errmsg m;

	assert_int_equal(auth_scope_load(f->s, f->region, &scope, &m), GK_OK);
	assert_int_equal(scope.n, 2); /* qu and fgj */
	assert_int_equal(auth_scope_load(f->s, f->other, &theirs, &m), GK_OK);
	/* Without its region, or with another agency's, a supervisor sees its own only. */
	assert_true(auth_can(&sup, AUTH_VIEW_CASES, f->region, NULL));
	assert_false(auth_can(&sup, AUTH_VIEW_CASES, f->agency, NULL));
	assert_false(auth_can(&sup, AUTH_VIEW_CASES, f->agency, &theirs));
	assert_true(auth_can(&sup, AUTH_VIEW_CASES, f->agency, &scope));
	assert_false(auth_can(NULL, AUTH_VIEW_CASES, f->agency, &scope));
	assert_false(auth_can(&sup, AUTH_ACTION_COUNT, f->agency, &scope));
	auth_scope_release(&scope);
	auth_scope_release(&theirs);
}

/* Old counters (failures of gone addresses, the online channel's limits)
 * are dropped at a login; recent ones stay. */
static void test_counters_pruned(void **state)
{
	struct db_fixture *f = *state;
	struct auth_session s;
	struct gk_errmsg m;
	int64_t count, start;

	add_user(f, "alice", ROLE_HANDLER, f->agency);
	assert_int_equal(store_failure_set(f->s, "addr:192.0.2.9", 3, T0 - 2 * 86400, &m), GK_OK);
	assert_int_equal(store_failure_set(f->s, "apply:192.0.2.8", 5, T0 - 600, &m), GK_OK);
	assert_int_equal(login(f, "alice", PW, "192.0.2.1", T0, &s, &m), GK_OK);
	assert_int_equal(store_failure_get(f->s, "addr:192.0.2.9", &count, &start, &m), GK_OK);
	assert_int_equal(count, 0);
	assert_int_equal(store_failure_get(f->s, "apply:192.0.2.8", &count, &start, &m), GK_OK);
	assert_int_equal(count, 5);
}

int main(void)
{
#define DB(t) cmocka_unit_test_setup_teardown(t, db_setup, db_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_hash_and_verify),
		DB(test_login_and_session),
		DB(test_uniform_errors),
		DB(test_throttle_account),
		DB(test_throttle_window),
		DB(test_throttle_address),
		DB(test_expiry_idle),
		DB(test_expiry_absolute),
		DB(test_disabled_ends_sessions),
		DB(test_password_change),
		DB(test_password_change_throttled),
		DB(test_audited),
		DB(test_permissions_table),
		DB(test_permissions_edges),
		DB(test_counters_pruned),
	};
#undef DB

	return cmocka_run_group_tests(tests, NULL, NULL);
}
