#include "web/app.h"

#include <stdlib.h>

#include "base/banned.h"

enum gk_err web_app_init(struct web_app *app, const char *db_path, struct gk_errmsg *m)
{
	struct store *st;
	enum gk_err err;

	*app = (struct web_app){.db_path = db_path};
	err = store_open(db_path, STORE_OPEN_EXISTING, &st, m);
	if (err)
		return err;
	store_close(st);
	if (pthread_key_create(&app->store_key, NULL) != 0)
		return gk_errf(m, GK_ENOMEM, "no thread-local key left");
	pthread_mutex_init(&app->lock, NULL);
	return GK_OK;
}

void web_app_release(struct web_app *app)
{
	for (size_t i = 0; i < app->nstores; i++)
		store_close(app->stores[i]);
	free(app->stores);
	pthread_key_delete(app->store_key);
	pthread_mutex_destroy(&app->lock);
	app->stores = NULL;
	app->nstores = app->cap = 0;
}

/* Remember st for web_app_release. */
static enum gk_err keep(struct web_app *app, struct store *st, struct gk_errmsg *m)
{
	enum gk_err err = GK_OK;

	pthread_mutex_lock(&app->lock);
	if (app->nstores == app->cap) {
		size_t cap = app->cap ? app->cap * 2 : 16;
		struct store **p = realloc(app->stores, cap * sizeof(*p));
		if (p) {
			app->stores = p;
			app->cap = cap;
		} else {
			err = gk_errf(m, GK_ENOMEM, "out of memory");
		}
	}
	if (!err)
		app->stores[app->nstores++] = st;
	pthread_mutex_unlock(&app->lock);
	return err;
}

struct store *web_app_store(struct web_app *app, struct gk_errmsg *m)
{
	struct store *st = pthread_getspecific(app->store_key);

	if (st)
		return st;
	if (store_open(app->db_path, STORE_OPEN_EXISTING, &st, m) != GK_OK)
		return NULL;
	if (keep(app, st, m) != GK_OK) {
		store_close(st);
		return NULL;
	}
	/* Kept: even if the key refuses it, web_app_release closes it. */
	if (pthread_setspecific(app->store_key, st) != 0) {
		gk_errf(m, GK_ENOMEM, "out of memory");
		return NULL;
	}
	return st;
}

gk_date web_app_today(const struct web_app *app)
{
	return app->today ? app->today : date_today_china();
}
