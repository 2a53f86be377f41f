/*
 * Accounts, passwords, sessions and permissions (auth.h).
 */
#include "app/auth.h"

#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/banned.h"

/* --- Passwords ------------------------------------------------------------ */

enum gk_err auth_password_check(const char *password, struct gk_errmsg *m)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(password ? password : "");
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen((const char *)p);
	bool lower = false, upper = false, digit = false, other = false;
	size_t chars = 0;

	if (left > AUTH_PASSWORD_MAX_BYTES)
		return gk_errf(m, GK_EINVAL, "密码过长：最多%d字节", AUTH_PASSWORD_MAX_BYTES);
	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);

		if (n < 0)
			return gk_errf(m, GK_EINVAL, "密码含有无效的UTF-8字节");
		if (c < 0x20 || c == 0x7f)
			return gk_errf(m, GK_EINVAL, "密码不能含有控制字符");
		lower |= c >= 'a' && c <= 'z';
		upper |= c >= 'A' && c <= 'Z';
		digit |= c >= '0' && c <= '9';
		other |= !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9'));
		chars++;
		p += n;
		left -= n;
	}
	if (chars < AUTH_PASSWORD_MIN_CHARS)
		return gk_errf(m, GK_EINVAL, "密码至少需要%d个字符，现有%zu个",
			       AUTH_PASSWORD_MIN_CHARS, chars);
	if (lower + upper + digit + other < 2)
		return gk_errf(m, GK_EINVAL,
			       "密码不能只由一类字符组成：小写字母、大写字母、数字、其他字符"
			       "中至少要有两类");
	return GK_OK;
}

/*
 * A counting semaphore around Argon2id: each hash takes
 * crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB), so a burst of logins would
 * otherwise take 64 MiB per connection thread. Process-wide on purpose:
 * the memory it protects is the process's.
 */
static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_free = PTHREAD_COND_INITIALIZER;
static int hashes_running;

static void hash_enter(void)
{
	pthread_mutex_lock(&hash_lock);
	while (hashes_running >= AUTH_HASH_CONCURRENCY)
		pthread_cond_wait(&hash_free, &hash_lock);
	hashes_running++;
	pthread_mutex_unlock(&hash_lock);
}

static void hash_leave(void)
{
	pthread_mutex_lock(&hash_lock);
	hashes_running--;
	pthread_cond_signal(&hash_free);
	pthread_mutex_unlock(&hash_lock);
}

enum gk_err auth_hash_password(const char *password, char out[AUTH_HASH_MAX],
			       struct gk_errmsg *m)
{
	int rc;

	if (sodium_init() < 0)
		return gk_errf(m, GK_EINTERNAL, "libsodium could not start");
	hash_enter();
	rc = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			       crypto_pwhash_MEMLIMIT_INTERACTIVE);
	hash_leave();
	if (rc != 0)
		return gk_errf(m, GK_ENOMEM, "hashing a password ran out of memory");
	return GK_OK;
}

bool auth_verify_password(const char *hash, const char *password)
{
	int rc;

	if (sodium_init() < 0)
		return false;
	hash_enter();
	rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	hash_leave();
	return rc == 0;
}

/*
 * The hash an unknown user's password is checked against, so that "no such
 * user" costs the same Argon2id work as "wrong password" and the time of
 * the answer tells nothing. Made once per process from a random password.
 */
static char dummy_hash[AUTH_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	char pw[AUTH_TOKEN_LEN + 1];
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(pw, sizeof(pw), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (auth_hash_password(pw, dummy_hash, NULL))
		dummy_hash[0] = '\0'; /* verification then fails at once */
}

static const char *unknown_user_hash(void)
{
	pthread_once(&dummy_once, make_dummy_hash);
	return dummy_hash;
}

/* --- Throttling ---------------------------------------------------------------- */

struct throttle_key {
	char text[STORE_NAME_MAX];
	int limit;
	bool used;
};

static void key_user(struct throttle_key *k, const char *username)
{
	/* A name too long to exist still gets a key (cut to the longest name),
	 * so that the lock answers alike for every name. */
	snprintf(k->text, sizeof(k->text), "user:%.*s", STORE_CODE_MAX, username);
	k->limit = AUTH_ACCOUNT_FAILURES;
	k->used = true;
}

static void key_addr(struct throttle_key *k, const char *client)
{
	k->used = client && *client;
	if (k->used)
		snprintf(k->text, sizeof(k->text), "addr:%s", client);
	k->limit = AUTH_ADDRESS_FAILURES;
}

static enum gk_err key_locked(struct store *s, const struct throttle_key *k, int64_t now,
			      bool *locked, struct gk_errmsg *m)
{
	int64_t count, start;
	enum gk_err err;

	if (!k->used)
		return GK_OK;
	if ((err = store_failure_get(s, k->text, &count, &start, m)))
		return err;
	*locked |= count >= k->limit && now < start + AUTH_LOCK_SECONDS;
	return GK_OK;
}

/* Count one failure. A window of AUTH_LOCK_SECONDS starts at the first
 * failure; the failure that reaches the limit restarts it, so that the
 * lock lasts the full AUTH_LOCK_SECONDS. */
static enum gk_err key_fail(struct store *s, const struct throttle_key *k, int64_t now,
			    struct gk_errmsg *m)
{
	int64_t count, start;
	enum gk_err err;

	if (!k->used)
		return GK_OK;
	if ((err = store_failure_get(s, k->text, &count, &start, m)))
		return err;
	if (count == 0 || now >= start + AUTH_LOCK_SECONDS) {
		count = 0;
		start = now;
	}
	if (++count == k->limit)
		start = now;
	return store_failure_set(s, k->text, count, start, m);
}

/* --- Sessions ---------------------------------------------------------------- */

static void random_token(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

static void token_hash(const char *token, uint8_t out[STORE_HASH_LEN])
{
	crypto_generichash(out, STORE_HASH_LEN, (const unsigned char *)token, strlen(token),
			   NULL, 0);
}

static void user_copy(struct auth_user *dst, const struct store_user *u)
{
	dst->id = u->id;
	snprintf(dst->username, sizeof(dst->username), "%s", u->username);
	dst->agency_id = u->agency_id;
	dst->role = u->role;
}

/* The session ends at the earlier of the idle and the absolute limit. */
static int64_t session_end(int64_t created, int64_t now)
{
	int64_t idle = now + AUTH_IDLE_SECONDS, absolute = created + AUTH_ABSOLUTE_SECONDS;

	return idle < absolute ? idle : absolute;
}

static enum gk_err session_open(struct store *s, const struct store_user *u, const char *client,
				int64_t now, struct auth_session *out, struct gk_errmsg *m)
{
	struct store_session sess = {.user_id = u->id,
				     .csrf_token = out->csrf,
				     .created = now,
				     .last_seen = now,
				     .expires = session_end(now, now),
				     .client = client};
	enum gk_err err;

	random_token(out->token);
	random_token(out->csrf);
	token_hash(out->token, sess.token_hash);
	user_copy(&out->user, u);
	out->expires = sess.expires;
	/* Housekeeping where sessions are made, so the tables stay small: the
	 * expired sessions, and counters (login failures, the per-address
	 * limits of the online channel) whose window is long over. */
	if ((err = store_session_delete_expired(s, now, m)) ||
	    (err = store_failure_prune(s, now - AUTH_COUNTER_KEEP_SECONDS, m)))
		return err;
	return store_session_add(s, &sess, m);
}

enum login_outcome { LOGIN_OK, LOGIN_BAD, LOGIN_LOCKED };

/* Record the outcome of a login: counts, session, audit, in one transaction. */
static enum gk_err login_record(struct store *s, enum login_outcome outcome,
				const struct store_user *u, const char *why,
				const struct throttle_key keys[2], const char *object,
				const struct audit_who *who, struct auth_session *out,
				struct gk_errmsg *m)
{
	bool own;
	enum gk_err err = store_join(s, &own, m);

	if (err)
		return err;
	if (outcome == LOGIN_OK) {
		if (!(err = store_failure_reset(s, keys[0].text, m)) &&
		    !(err = session_open(s, u, who->client, who->now, out, m)))
			err = audit_append(s, &(struct audit_who){u->id, who->client, who->now},
					   AUDIT_LOGIN_SUCCESS, object, NULL, m);
	} else {
		/* A locked attempt is not counted: the lock runs from the
		 * failure that reached the limit, not from the latest try. */
		if (outcome == LOGIN_BAD && !(err = key_fail(s, &keys[0], who->now, m)))
			err = key_fail(s, &keys[1], who->now, m);
		if (!err)
			err = audit_append(s, who, AUDIT_LOGIN_FAILURE, object, why, m);
	}
	return store_leave(s, own, err, m);
}

enum gk_err auth_login(struct store *s, const char *username, const char *password,
		       const char *client, int64_t now, struct auth_session *out,
		       struct gk_errmsg *m)
{
	struct audit_who who = {0, client, now};
	struct throttle_key keys[2];
	struct store_user u = {0};
	char hash[AUTH_HASH_MAX] = "", object[STORE_CODE_MAX + 8];
	enum login_outcome outcome;
	const char *why;
	bool locked = false, found, ok;
	enum gk_err err;

	username = username ? username : "";
	password = password ? password : "";
	memset(out, 0, sizeof(*out));
	key_user(&keys[0], username);
	key_addr(&keys[1], client);
	snprintf(object, sizeof(object), "user:%.*s", STORE_CODE_MAX, username);
	if ((err = key_locked(s, &keys[0], now, &locked, m)) ||
	    (err = key_locked(s, &keys[1], now, &locked, m)))
		return err;
	err = store_user_get(s, username, &u, m);
	if (err && err != GK_ENOTFOUND)
		return err;
	found = !err;
	if (found)
		snprintf(hash, sizeof(hash), "%s", u.password_hash);
	/* The same Argon2id work whatever the cause, so that the time of the
	 * answer does not tell whether the name exists. */
	ok = auth_verify_password(found ? hash : unknown_user_hash(), password);
	sodium_memzero(hash, sizeof(hash));
	if (locked) {
		outcome = LOGIN_LOCKED, why = "locked";
	} else if (!found) {
		outcome = LOGIN_BAD, why = "unknown user";
	} else if (!ok) {
		outcome = LOGIN_BAD, why = "wrong password";
	} else if (u.disabled) {
		outcome = LOGIN_BAD, why = "account disabled";
	} else {
		outcome = LOGIN_OK, why = NULL;
	}
	if ((err = login_record(s, outcome, &u, why, keys, object, &who, out, m)))
		return err;
	if (outcome == LOGIN_LOCKED)
		return gk_errf(m, GK_ECONFLICT, AUTH_MSG_LOCKED);
	if (outcome == LOGIN_BAD)
		return gk_errf(m, GK_EINVAL, AUTH_MSG_BAD_LOGIN);
	return GK_OK;
}

/* Find the live session of token and its user; delete it when it has
 * expired or its user may no longer sign in. The session's CSRF token is
 * copied into csrf (the user's lookup reuses the store's row buffer). */
static enum gk_err session_find(struct store *s, const char *token, int64_t now,
				struct store_session *sess, struct store_user *u,
				char csrf[AUTH_TOKEN_LEN + 1], struct gk_errmsg *m)
{
	enum gk_err err;

	if (!token || strlen(token) != AUTH_TOKEN_LEN)
		return gk_errf(m, GK_ENOTFOUND, AUTH_MSG_SESSION);
	token_hash(token, sess->token_hash);
	err = store_session_find(s, sess->token_hash, sess, m);
	if (err == GK_ENOTFOUND)
		return gk_errf(m, GK_ENOTFOUND, AUTH_MSG_SESSION);
	if (err)
		return err;
	snprintf(csrf, AUTH_TOKEN_LEN + 1, "%s", sess->csrf_token);
	sess->csrf_token = NULL;
	sess->client = NULL;
	err = store_user_get_id(s, sess->user_id, u, m);
	if (err && err != GK_ENOTFOUND)
		return err;
	if (err || u->disabled || now >= sess->expires) {
		if ((err = store_session_delete(s, sess->token_hash, m)))
			return err;
		return gk_errf(m, GK_ENOTFOUND, AUTH_MSG_SESSION);
	}
	return GK_OK;
}

enum gk_err auth_session_check(struct store *s, const char *token, int64_t now,
			       struct auth_session *out, struct gk_errmsg *m)
{
	struct store_session sess;
	struct store_user u;
	enum gk_err err;

	memset(out, 0, sizeof(*out));
	if ((err = session_find(s, token, now, &sess, &u, out->csrf, m)))
		return err;
	user_copy(&out->user, &u);
	out->expires = sess.expires;
	/* Written at most once a minute: a page view need not be a write. */
	if (now - sess.last_seen >= AUTH_TOUCH_SECONDS) {
		out->expires = session_end(sess.created, now);
		err = store_session_touch(s, sess.token_hash, now, out->expires, m);
	}
	return err;
}

bool auth_csrf_check(const struct auth_session *sess, const char *given)
{
	if (!given || strlen(given) != AUTH_TOKEN_LEN || strlen(sess->csrf) != AUTH_TOKEN_LEN)
		return false;
	return sodium_memcmp(sess->csrf, given, AUTH_TOKEN_LEN) == 0;
}

enum gk_err auth_logout(struct store *s, const char *token, const char *client, int64_t now,
			struct gk_errmsg *m)
{
	struct store_session sess;
	struct store_user u;
	char object[STORE_CODE_MAX + 8], csrf[AUTH_TOKEN_LEN + 1];
	bool own;
	enum gk_err err = session_find(s, token, now, &sess, &u, csrf, m);

	if (err == GK_ENOTFOUND)
		return GK_OK;
	if (err)
		return err;
	snprintf(object, sizeof(object), "user:%s", u.username);
	if ((err = store_join(s, &own, m)))
		return err;
	if (!(err = store_session_delete(s, sess.token_hash, m)))
		err = audit_append(s, &(struct audit_who){u.id, client, now}, AUDIT_LOGOUT, object,
				   NULL, m);
	return store_leave(s, own, err, m);
}

/* Set a user's password hash, end sessions (all but keep) and audit it. */
static enum gk_err password_store(struct store *s, int64_t user_id, const char *username,
				  const char *hash, const uint8_t *keep, const char *action,
				  const struct audit_who *who, struct gk_errmsg *m)
{
	char object[STORE_CODE_MAX + 8];
	bool own;
	enum gk_err err;

	snprintf(object, sizeof(object), "user:%s", username);
	if ((err = store_join(s, &own, m)))
		return err;
	if (!(err = store_user_set_password(s, user_id, hash, m)) &&
	    !(err = store_session_delete_user(s, user_id, keep, m)))
		err = audit_append(s, who, action, object, NULL, m);
	return store_leave(s, own, err, m);
}

enum gk_err auth_password_change(struct store *s, const char *token, const char *old_password,
				 const char *new_password, const char *client, int64_t now,
				 struct gk_errmsg *m)
{
	struct audit_who who = {0, client, now};
	struct throttle_key key;
	struct store_session sess;
	struct store_user u;
	char hash[AUTH_HASH_MAX], username[STORE_CODE_MAX + 1], csrf[AUTH_TOKEN_LEN + 1];
	bool locked = false, ok;
	enum gk_err err;

	if ((err = session_find(s, token, now, &sess, &u, csrf, m)))
		return err;
	who.user_id = u.id;
	snprintf(username, sizeof(username), "%s", u.username);
	snprintf(hash, sizeof(hash), "%s", u.password_hash);
	key_user(&key, username);
	if ((err = key_locked(s, &key, now, &locked, m)))
		return err;
	if (locked)
		return gk_errf(m, GK_ECONFLICT, AUTH_MSG_LOCKED);
	/* A stolen session must not be a way to guess the password: a wrong
	 * old password counts like a failed login. */
	ok = auth_verify_password(hash, old_password ? old_password : "");
	if (!ok) {
		if ((err = key_fail(s, &key, now, m)))
			return err;
		return gk_errf(m, GK_EINVAL, AUTH_MSG_BAD_OLD_PASSWORD);
	}
	if ((err = auth_password_check(new_password, m)) ||
	    (err = auth_hash_password(new_password, hash, m)))
		return err;
	err = password_store(s, who.user_id, username, hash, sess.token_hash,
			     AUDIT_PASSWORD_CHANGE, &who, m);
	sodium_memzero(hash, sizeof(hash));
	return err;
}

enum gk_err auth_user_add(struct store *s, const struct store_user *u, const char *password,
			  const struct audit_who *who, int64_t *id, struct gk_errmsg *m)
{
	struct store_user add = *u;
	char hash[AUTH_HASH_MAX], object[STORE_CODE_MAX + 8], detail[80];
	bool own;
	enum gk_err err;

	if ((err = auth_password_check(password, m)) ||
	    (err = auth_hash_password(password, hash, m)))
		return err;
	add.password_hash = hash;
	snprintf(object, sizeof(object), "user:%.*s", STORE_CODE_MAX,
		 u->username ? u->username : "");
	snprintf(detail, sizeof(detail), "role=%s agency_id=%" PRId64, store_role_id(u->role),
		 u->agency_id);
	if (!(err = store_join(s, &own, m))) {
		if (!(err = store_user_add(s, &add, id, m)))
			err = audit_append(s, who, AUDIT_USER_ADD, object, detail, m);
		err = store_leave(s, own, err, m);
	}
	sodium_memzero(hash, sizeof(hash));
	return err;
}

/* The user named username, for an operator: GK_ENOTFOUND names it. */
static enum gk_err operator_user(struct store *s, const char *username, struct store_user *u,
				 struct gk_errmsg *m)
{
	enum gk_err err = store_user_get(s, username, u, m);

	if (err == GK_ENOTFOUND)
		return gk_errf(m, err, "user '%s': no such user", username ? username : "");
	return err;
}

enum gk_err auth_password_reset(struct store *s, const char *username, const char *password,
				const struct audit_who *who, struct gk_errmsg *m)
{
	struct store_user u;
	char hash[AUTH_HASH_MAX];
	enum gk_err err;

	if ((err = operator_user(s, username, &u, m)) ||
	    (err = auth_password_check(password, m)) ||
	    (err = auth_hash_password(password, hash, m)))
		return err;
	err = password_store(s, u.id, username, hash, NULL, AUDIT_PASSWORD_RESET, who, m);
	sodium_memzero(hash, sizeof(hash));
	return err;
}

enum gk_err auth_user_disable(struct store *s, const char *username,
			      const struct audit_who *who, struct gk_errmsg *m)
{
	struct store_user u;
	char object[STORE_CODE_MAX + 8];
	bool own;
	enum gk_err err;

	if ((err = operator_user(s, username, &u, m)))
		return err;
	snprintf(object, sizeof(object), "user:%s", username);
	if ((err = store_join(s, &own, m)))
		return err;
	if (!(err = store_user_set_disabled(s, u.id, true, m)) &&
	    !(err = store_session_delete_user(s, u.id, NULL, m)))
		err = audit_append(s, who, AUDIT_USER_DISABLE, object, NULL, m);
	return store_leave(s, own, err, m);
}

/* --- Permissions ---------------------------------------------------------- */

static const char *const action_ids[AUTH_ACTION_COUNT] = {
	[AUTH_VIEW_CASES] = "view_cases",
	[AUTH_VIEW_PERSONAL_DATA] = "view_personal_data",
	[AUTH_HANDLE_CASE] = "handle_case",
	[AUTH_REVIEW_ANSWER] = "review_answer",
	[AUTH_APPROVE_EXTENSION] = "approve_extension",
	[AUTH_MANAGE_USERS] = "manage_users",
	[AUTH_MANAGE_AGENCY] = "manage_agency",
	[AUTH_VIEW_STATS] = "view_stats",
	[AUTH_VIEW_AUDIT] = "view_audit",
	[AUTH_DRAFT_DOCUMENT] = "draft_document",
	[AUTH_REVIEW_DOCUMENT] = "review_document",
	[AUTH_SUPERVISE] = "supervise",
	[AUTH_PUBLISH_REPORT] = "publish_report",
};

const char *auth_action_id(enum auth_action a)
{
	return (unsigned)a < AUTH_ACTION_COUNT ? action_ids[a] : "?";
}

#define NO AUTH_NOWHERE
#define OWN AUTH_OWN_AGENCY
#define REG AUTH_REGION
#define ALL AUTH_EVERYWHERE
/*
 * The role × action table (docs/security.md). Personal data stays with the
 * agency that handles the case (个人信息保护法第六条: no more than the
 * purpose needs): a supervisor sees the ledger and the counts of its
 * region, not the applicants; an agency admin runs the agency, not cases.
 */
static const enum auth_reach reach[ROLE_COUNT][AUTH_ACTION_COUNT] = {
	/*                     cases pdata handle review extend users agency stats audit
	 *                     draft-doc review-doc supervise publish-report */
	[ROLE_ADMIN] = {ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL},
	[ROLE_AGENCY_ADMIN] = {OWN, NO, NO, NO, NO, OWN, OWN, OWN, NO, OWN, OWN, OWN, OWN},
	[ROLE_HANDLER] = {OWN, OWN, OWN, NO, NO, NO, NO, OWN, NO, OWN, NO, NO, NO},
	[ROLE_REVIEWER] = {OWN, OWN, NO, OWN, OWN, NO, NO, OWN, NO, OWN, OWN, NO, NO},
	[ROLE_SUPERVISOR] = {REG, NO, NO, NO, NO, NO, NO, REG, NO, NO, NO, REG, REG},
};
#undef NO
#undef OWN
#undef REG
#undef ALL

enum auth_reach auth_reach(enum store_role r, enum auth_action a)
{
	if ((unsigned)r >= ROLE_COUNT || (unsigned)a >= AUTH_ACTION_COUNT)
		return AUTH_NOWHERE;
	return reach[r][a];
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static bool scope_has(const struct auth_scope *sc, int64_t id)
{
	return sc->n && bsearch(&id, sc->ids, sc->n, sizeof(sc->ids[0]), cmp_id);
}

bool auth_can(const struct auth_user *u, enum auth_action a, int64_t agency_id,
	      const struct auth_scope *region)
{
	if (!u)
		return false;
	switch (auth_reach(u->role, a)) {
	case AUTH_EVERYWHERE:
		return true;
	case AUTH_REGION:
		if (region && region->agency_id == u->agency_id && agency_id != 0 &&
		    scope_has(region, agency_id))
			return true;
		/* Without the region a supervisor reaches its own agency only. */
		/* fall through */
	case AUTH_OWN_AGENCY:
		return agency_id != 0 && agency_id == u->agency_id;
	case AUTH_NOWHERE:
		break;
	}
	return false;
}

/* Every agency's id and parent, in id order, for the closure below. */
struct agency_list {
	int64_t *id, *parent;
	size_t n, cap;
	bool failed;
};

static int collect(void *ctx, const struct store_agency *a)
{
	struct agency_list *l = ctx;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		int64_t *id = realloc(l->id, cap * sizeof(*id)), *parent;

		if (id)
			l->id = id;
		parent = id ? realloc(l->parent, cap * sizeof(*parent)) : NULL;
		if (!parent) {
			l->failed = true;
			return 1;
		}
		l->parent = parent;
		l->cap = cap;
	}
	l->id[l->n] = a->id;
	l->parent[l->n] = a->parent_id;
	l->n++;
	return 0;
}

enum gk_err auth_scope_load(struct store *s, int64_t agency_id, struct auth_scope *out,
			    struct gk_errmsg *m)
{
	struct agency_list l = {0};
	bool *in = NULL, grew = true;
	enum gk_err err = store_agency_each(s, collect, &l, m);

	memset(out, 0, sizeof(*out));
	out->agency_id = agency_id;
	if (!err && (l.failed || !(in = calloc(l.n + 1, sizeof(*in))) ||
		     !(out->ids = malloc((l.n + 1) * sizeof(*out->ids)))))
		err = gk_errf(m, GK_ENOMEM, "no memory for the agencies of a region");
	/* Add children of members until nothing changes: as many passes as
	 * the hierarchy is deep, and a damaged hierarchy with a cycle ends.
	 * The walk is in id order, so a parent is found by bsearch. */
	while (!err && grew) {
		grew = false;
		for (size_t i = 0; i < l.n; i++) {
			const int64_t *p = l.parent[i] ? bsearch(&l.parent[i], l.id, l.n,
								 sizeof(l.id[0]), cmp_id)
						       : NULL;

			if (!in[i] && (l.id[i] == agency_id || (p && in[p - l.id])))
				in[i] = grew = true;
		}
	}
	for (size_t i = 0; !err && i < l.n; i++)
		if (in[i])
			out->ids[out->n++] = l.id[i];
	free(in);
	free(l.id);
	free(l.parent);
	if (err)
		auth_scope_release(out);
	return err;
}

void auth_scope_release(struct auth_scope *sc)
{
	free(sc->ids);
	sc->ids = NULL;
	sc->n = 0;
}
