/*
 * app.h: what every page handler of `gongkai serve` shares — the database
 * it reads, the templates and the static files — reached from a request
 * as req->app.
 *
 * SQLite connections must not be shared between threads that use them at
 * the same time (store.h: one struct store per thread), and the server
 * runs handlers on a pool of threads. So each pool thread opens its own
 * connection the first time one of its handlers asks (web_app_store), and
 * keeps it: with N threads there are at most N connections, opened once.
 * They are closed together by web_app_release() after the server stopped.
 */
#ifndef GK_WEB_APP_H
#define GK_WEB_APP_H

#include <pthread.h>
#include <stddef.h>

#include "base/err.h"
#include "store/store.h"

struct tpl_set;
struct static_files;
struct secret_key;
struct calendar;
struct portal;
struct letter_set;

struct web_app {
	const char *db_path;
	const char *templates_dir;	    /* --templates: where the page templates are */
	const struct tpl_set *templates;    /* loaded from templates_dir; NULL until then */
	const struct static_files *statics; /* may be NULL */
	const struct portal *portal;	    /* the column's agency tree (portal.h) */
	const struct secret_key *key;	    /* seals applicants' personal data */
	const struct calendar *cal;	    /* working days for received and due dates */
	unsigned apply_per_hour;	    /* online applications one address may make; 0: no limit */
	const char *files_dir;		    /* --files: attachments of applications */
	gk_date today;			    /* --today: 0 for the real date */
	const struct letter_set *letters;   /* templates_dir/letters (letter/letter.h) */

	/* Private: the per-thread connections. */
	pthread_key_t store_key;
	pthread_mutex_t lock;
	struct store **stores; /* every connection opened, for web_app_release */
	size_t nstores, cap;
};

/*
 * Set up app for the database at db_path, which must exist. Opens it once
 * here, so that a missing file or a pending migration is reported (and
 * applied) at start-up, by one thread, before any request.
 */
enum gk_err web_app_init(struct web_app *app, const char *db_path, struct gk_errmsg *m);

/* Close every connection opened by any thread. Call after the server stopped. */
void web_app_release(struct web_app *app);

/*
 * The calling thread's connection, opened on first use. NULL with a
 * message when it cannot be opened (the handler answers 500 or 503).
 */
struct store *web_app_store(struct web_app *app, struct gk_errmsg *m);

/* The day deadlines count from: --today, else the date in China now. */
gk_date web_app_today(const struct web_app *app);

#endif
