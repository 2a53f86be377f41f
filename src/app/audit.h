/*
 * audit.h: the audit log — every change and every view of personal data,
 * who, when, what, from where (issue "Online applications and the security
 * model"; 个人信息保护法第五十一条: measures that record and secure the
 * handling of personal information).
 *
 * Entries are numbered 1, 2, 3 … and chained: each entry's hash is
 *   BLAKE2b-256(prev_hash || canonical serialization of the entry)
 * with prev_hash of entry 1 all zeros, so that editing, inserting or
 * deleting an entry changes every hash after it. The database refuses
 * UPDATE and DELETE on the table by trigger; the chain is what shows it
 * when someone went around that (dropped the trigger, edited the file).
 * Removing the newest entries is not visible in the chain alone: keep the
 * head hash that audit_verify reports somewhere else (docs/security.md).
 */
#ifndef GK_APP_AUDIT_H
#define GK_APP_AUDIT_H

#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

/* Who acts, from where, when. user_id 0 is nobody signed in: the operator
 * of the command line when client is AUDIT_CLIENT_CLI, else a visitor. */
struct audit_who {
	int64_t user_id;
	const char *client; /* an address, AUDIT_CLIENT_CLI, or NULL */
	int64_t now;	    /* Unix seconds */
};
#define AUDIT_CLIENT_CLI "cli"

/* What the entries say (the action column). */
#define AUDIT_USER_ADD "user.add"
#define AUDIT_PASSWORD_CHANGE "password.change"
#define AUDIT_PASSWORD_RESET "password.reset"
#define AUDIT_USER_DISABLE "user.disable"
#define AUDIT_LOGIN_SUCCESS "login.success"
#define AUDIT_LOGIN_FAILURE "login.failure"
#define AUDIT_LOGOUT "logout"

/*
 * Append one entry: action is required, object ("user:alice") and detail
 * optional; never a password or a token. Inside the caller's transaction
 * when one is open (an audited change and its entry commit together),
 * else in one of its own (reading the last entry and appending must not
 * interleave with another writer).
 */
enum gk_err audit_append(struct store *s, const struct audit_who *who, const char *action,
			 const char *object, const char *detail, struct gk_errmsg *m);

/* "2026-03-01T08:30:00Z" for Unix time t; out has AUDIT_TIME_LEN bytes. */
#define AUDIT_TIME_LEN 21
void audit_format_time(int64_t t, char out[AUDIT_TIME_LEN]);

/*
 * Recompute the chain. *entries is the number of entries found intact
 * (all of them when the chain holds). GK_OK with *first_bad 0 when it is
 * intact; GK_EFORMAT with *first_bad the seq of
 * the first entry that does not match (its hash, its link to the one
 * before, or a missing seq: the number that should have come), and m
 * saying which. head (may be NULL) receives the last entry's hash.
 */
enum gk_err audit_verify(struct store *s, int64_t *entries, int64_t *first_bad,
			 uint8_t head[STORE_HASH_LEN], struct gk_errmsg *m);

#endif
