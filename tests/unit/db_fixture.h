/*
 * db_fixture.h: what the auth and audit tests share: a fresh database in
 * its own directory under /tmp for each test, with two agencies.
 */
#ifndef GK_TEST_DB_FIXTURE_H
#define GK_TEST_DB_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/store.h"

struct db_fixture {
	char dir[64];
	char path[128];
	struct store *s;
	int64_t region, agency, other; /* 区政府, a 局 under it, an unrelated 机关 */
};

static int db_setup(void **state)
{
	struct db_fixture *f = calloc(1, sizeof(*f));
	struct store_agency qu = {.code = "qu", .name = "某某区人民政府"};
	struct store_agency fgj = {.code = "fgj", .name = "某某区发展和改革局"};
	struct store_agency other = {.code = "other", .name = "另一个区人民政府"};
	struct gk_errmsg m;

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/gk-auth-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/ledger.db", f->dir);
	if (store_open(f->path, STORE_OPEN_CREATE, &f->s, &m) ||
	    store_agency_add(f->s, &qu, &f->region, &m))
		return fprintf(stderr, "%s\n", m.text), -1;
	fgj.parent_id = f->region;
	if (store_agency_add(f->s, &fgj, &f->agency, &m) ||
	    store_agency_add(f->s, &other, &f->other, &m))
		return fprintf(stderr, "%s\n", m.text), -1;
	*state = f;
	return 0;
}

static int db_teardown(void **state)
{
	struct db_fixture *f = *state;
	DIR *d;
	struct dirent *e;

	store_close(f->s);
	d = opendir(f->dir);
	while (d && (e = readdir(d))) {
		char p[sizeof(f->dir) + sizeof(e->d_name) + 1];

		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", f->dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(f->dir);
	free(f);
	return 0;
}

#endif
