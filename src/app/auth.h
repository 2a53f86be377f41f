/*
 * auth.h: accounts, passwords, sessions and permissions (issue "Online
 * applications and the security model"; docs/security.md has the
 * parameters and the role × action table).
 *
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str at the
 * interactive limits, 64 MiB each), at most AUTH_HASH_CONCURRENCY at a
 * time in the process so that a storm of logins queues instead of
 * exhausting memory. Login errors never say whether the user exists.
 * Session tokens are 32 random bytes, given to the caller once and stored
 * only as a BLAKE2b hash; each session has its own CSRF token.
 *
 * Times are Unix seconds passed in by the caller (`now`), so that tests
 * can move the clock. Every change writes an audit entry (app/audit.h) in
 * the same transaction as the change.
 */
#ifndef GK_APP_AUTH_H
#define GK_APP_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/audit.h"
#include "base/err.h"
#include "store/store.h"

/* Password rules (docs/security.md). */
#define AUTH_PASSWORD_MIN_CHARS 10   /* characters (code points), not bytes */
#define AUTH_PASSWORD_MAX_BYTES 1024 /* bounds the work of one hash */
#define AUTH_HASH_MAX 128	     /* crypto_pwhash_STRBYTES */
#define AUTH_HASH_CONCURRENCY 2	     /* Argon2id runs at once, process-wide */

/* Sessions. */
#define AUTH_TOKEN_LEN 43		      /* 32 bytes in unpadded base64url */
#define AUTH_IDLE_SECONDS (30 * 60)	      /* ends after 30 minutes without use */
#define AUTH_ABSOLUTE_SECONDS (12 * 60 * 60) /* and 12 hours after login regardless */
#define AUTH_TOUCH_SECONDS 60		      /* activity is written at most once a minute */

/* Throttling: this many failures within AUTH_LOCK_SECONDS lock the key for
 * AUTH_LOCK_SECONDS from the failure that reached the limit. An address is
 * allowed more, since a whole office often shares one NAT address. */
#define AUTH_ACCOUNT_FAILURES 5
#define AUTH_ADDRESS_FAILURES 20
#define AUTH_LOCK_SECONDS (15 * 60)
/* Counters older than this are dropped at the next login (the longest
 * window any of them uses is an hour: serve --apply-limit). */
#define AUTH_COUNTER_KEEP_SECONDS (24 * 60 * 60)

/* The messages a person sees (the same for every cause they cover). */
#define AUTH_MSG_BAD_LOGIN "用户名或密码错误"
#define AUTH_MSG_LOCKED "尝试次数过多，请15分钟后再试"
#define AUTH_MSG_SESSION "登录已失效，请重新登录"
#define AUTH_MSG_BAD_OLD_PASSWORD "当前密码错误"

/*
 * GK_OK when password may be used; else GK_EINVAL with the rule in
 * Chinese: at least AUTH_PASSWORD_MIN_CHARS characters, at most
 * AUTH_PASSWORD_MAX_BYTES bytes, valid UTF-8 without control characters,
 * and not all of one class (lower-case letters, upper-case letters,
 * digits, anything else).
 */
enum gk_err auth_password_check(const char *password, struct gk_errmsg *m);
/* Argon2id hash of password into out (NUL-terminated); GK_ENOMEM when the
 * memory for it could not be had. Does not check the rules. */
enum gk_err auth_hash_password(const char *password, char out[AUTH_HASH_MAX],
			       struct gk_errmsg *m);
/* True when password matches hash (a crypto_pwhash_str string). */
bool auth_verify_password(const char *hash, const char *password);

/* The signed-in user, copied out of the store. */
struct auth_user {
	int64_t id;
	char username[STORE_CODE_MAX + 1];
	int64_t agency_id; /* 0 only for a platform admin */
	enum store_role role;
};

struct auth_session {
	char token[AUTH_TOKEN_LEN + 1]; /* the cookie value; only auth_login fills it */
	char csrf[AUTH_TOKEN_LEN + 1];	/* put in every form of the session */
	struct auth_user user;
	int64_t expires; /* when the session ends unless used again */
};

/*
 * Sign in. GK_OK with *out filled. GK_EINVAL with AUTH_MSG_BAD_LOGIN for an
 * unknown user, a wrong password and a disabled account alike, after the
 * same Argon2id work; GK_ECONFLICT with AUTH_MSG_LOCKED when the account
 * name or the address (client) is locked, whether or not the account
 * exists. Other errors are the store's. client is the address (optional).
 */
enum gk_err auth_login(struct store *s, const char *username, const char *password,
		       const char *client, int64_t now, struct auth_session *out,
		       struct gk_errmsg *m);
/*
 * The session of token at now: GK_OK with *out (token left empty); GK_ENOTFOUND
 * with AUTH_MSG_SESSION when it does not exist, has expired (idle or
 * absolute) or its user is disabled. Records the activity.
 */
enum gk_err auth_session_check(struct store *s, const char *token, int64_t now,
			       struct auth_session *out, struct gk_errmsg *m);
/* True when given is the session's CSRF token (constant-time comparison). */
bool auth_csrf_check(const struct auth_session *sess, const char *given);
/* End the session of token (an unknown token is no error). */
enum gk_err auth_logout(struct store *s, const char *token, const char *client, int64_t now,
			struct gk_errmsg *m);
/*
 * Change the password of the session's user: old_password must be right
 * (GK_EINVAL AUTH_MSG_BAD_OLD_PASSWORD, counted like a failed login; GK_ECONFLICT
 * AUTH_MSG_LOCKED once locked), new_password must pass the rules. Every
 * other session of the user ends.
 */
enum gk_err auth_password_change(struct store *s, const char *token, const char *old_password,
				 const char *new_password, const char *client, int64_t now,
				 struct gk_errmsg *m);

/* What an operator does (gongkai user …; later the admin pages), by who. */
/* Add u with password (u->password_hash is ignored); rules as above. */
enum gk_err auth_user_add(struct store *s, const struct store_user *u, const char *password,
			  const struct audit_who *who, int64_t *id, struct gk_errmsg *m);
/* Set a new password without the old one; ends every session of the user. */
enum gk_err auth_password_reset(struct store *s, const char *username, const char *password,
				const struct audit_who *who, struct gk_errmsg *m);
/* Disable the account and end its sessions. */
enum gk_err auth_user_disable(struct store *s, const char *username,
			      const struct audit_who *who, struct gk_errmsg *m);

/* --- Permissions ---------------------------------------------------------- */

enum auth_action {
	AUTH_VIEW_CASES,	 /* the ledger of applications: refs, dates, status */
	AUTH_VIEW_PERSONAL_DATA, /* applicants' names, addresses, identity documents */
	AUTH_HANDLE_CASE,	 /* register, record events, draft answers (承办) */
	AUTH_REVIEW_ANSWER,	 /* approve a draft answer (先审查、后公开) */
	AUTH_APPROVE_EXTENSION,	 /* 条例第三十三条第二款: 经…负责人同意 */
	AUTH_MANAGE_USERS,
	AUTH_MANAGE_AGENCY,	 /* settings, 指南, subject scheme */
	AUTH_VIEW_STATS,	 /* counts and reports before publication */
	AUTH_VIEW_AUDIT,
	AUTH_DRAFT_DOCUMENT,	 /* register a document, propose its 公开属性 (起草单位) */
	AUTH_REVIEW_DOCUMENT,	 /* confirm 公开属性, 保密审查, publish, abolish (先审查、后公开) */
	AUTH_SUPERVISE,		 /* complaints, 整改通知书, appeals, assessment */
	AUTH_PUBLISH_REPORT,	 /* compile, edit and publish the annual report */
	AUTH_ACTION_COUNT
};
const char *auth_action_id(enum auth_action a); /* "view_personal_data" */

/* How far a role's right reaches (docs/security.md has the table). */
enum auth_reach {
	AUTH_NOWHERE,
	AUTH_OWN_AGENCY, /* objects of the user's agency */
	AUTH_REGION,	 /* the user's agency and every agency under it */
	AUTH_EVERYWHERE,
};
enum auth_reach auth_reach(enum store_role r, enum auth_action a);

/* The agencies of a region: its agency and every one under it, sorted. */
struct auth_scope {
	int64_t agency_id;
	int64_t *ids;
	size_t n;
};
enum gk_err auth_scope_load(struct store *s, int64_t agency_id, struct auth_scope *out,
			    struct gk_errmsg *m);
void auth_scope_release(struct auth_scope *sc);

/*
 * May u do a to an object of agency agency_id (0: a platform-wide object)?
 * region is the scope of u's agency (auth_scope_load), needed only for a
 * supervisor; without it (NULL, or another agency's) a supervisor reaches
 * its own agency only.
 */
bool auth_can(const struct auth_user *u, enum auth_action a, int64_t agency_id,
	      const struct auth_scope *region);

#endif
