/*
 * demo.h: fill an empty database with a realistic region (演示数据).
 *
 * Small: a district government (明湖区人民政府, code "qu-zf") and 13
 * departments, with documents, applications with full event histories
 * consistent with the statutory clock, appeals, complaints, figures of
 * table 二 from other systems, and one user for every role. Large: the
 * benchmark corpus — 3,000 agencies in a province/city/county tree,
 * 1,000,000 applications (Zipf-like per agency) and 1,000,000 documents
 * with short bodies.
 *
 * Everything is a function of (size, seed, today) except the users'
 * passwords, which come from libsodium's randombytes and are handed back
 * once in the result so that the caller can print them.
 */
#ifndef GK_APP_DEMO_H
#define GK_APP_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "base/err.h"
#include "store/store.h"

enum demo_size {
	DEMO_SMALL, /* one district, for trying the portal */
	DEMO_LARGE, /* the benchmark corpus */
};

/* Called with one line of progress (no newline); may be NULL. */
typedef void (*demo_progress_fn)(void *ctx, const char *line);

struct demo_options {
	enum demo_size size;
	uint64_t seed;
	gk_date today; /* the data runs from 2019 to this day */
	demo_progress_fn progress;
	void *progress_ctx;
};

/* The first --today the demo accepts: half a year of the revised 条例. */
#define DEMO_FIRST_TODAY_Y 2019
#define DEMO_FIRST_TODAY_M 7
#define DEMO_PASSWORD_LEN  12
#define DEMO_MAX_USERS	   16

/* A user created by the demo, with the password it was given. */
struct demo_credential {
	char username[STORE_CODE_MAX + 1];
	enum store_role role;
	char agency[STORE_NAME_MAX + 1];
	char password[DEMO_PASSWORD_LEN + 1];
};

struct demo_result {
	int64_t agencies, subjects, users, documents, applications, events;
	int64_t open, overdue, carried_over; /* applications at `today` */
	int64_t appeals, complaints, figures;
	int64_t reports; /* annual reports published (frozen) */
	size_t n_credentials;
	struct demo_credential credentials[DEMO_MAX_USERS];
};

/* GK_ERANGE when o->today lies outside DEMO_FIRST_TODAY … three years
 * before the calendar's last year (the histories run past today). */
enum gk_err demo_check(const struct demo_options *o, struct gk_errmsg *m);

/*
 * Fill s, which must hold no agency, in one transaction: either all of it
 * is written or nothing. Errors: GK_ECONFLICT when s already holds agencies
 * (demo never mixes with real data; *m then reads "already holds agencies;
 * demo fills only a new database", to follow the file's name), those of
 * demo_check(), GK_ENOMEM when libsodium
 * cannot start or hash, and whatever the store reports. On failure *out
 * holds no password.
 */
enum gk_err demo_fill(struct store *s, const struct demo_options *o, struct demo_result *out,
		      struct gk_errmsg *m);

/* Erase the passwords in r once they were shown. */
void demo_result_wipe(struct demo_result *r);

#endif
