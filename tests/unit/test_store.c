/*
 * Unit tests for store/ on SQLite: opening and migrations, refusals
 * (newer schema, missing file, not a database, duplicates, bad references,
 * values the schema refuses), transactions, the event log's cached closed
 * date and outcome, 索引号 numbering, and the annual-report counts on a
 * small ledger whose expected figures are written out by hand below.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sqlite.h"
#include "store/store.h"

/* Each test gets a fresh directory under /tmp and a database in it. */
struct fixture {
	char dir[64];
	char path[128];
	struct store *s;
};

static gk_date D(const char *s)
{
	gk_date d;

	assert_true(date_parse(str_from_cstr(s), &d));
	return d;
}

static void path_in(const struct fixture *f, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", f->dir, name);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct gk_errmsg m;

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/gk-store-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	path_in(f, "ledger.db", f->path, sizeof(f->path));
	if (store_open(f->path, STORE_OPEN_CREATE, &f->s, &m) != GK_OK) {
		fprintf(stderr, "%s\n", m.text);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
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

static int64_t add_agency(struct store *s, const char *code, int64_t parent)
{
	struct store_agency a = {.code = code, .name = code, .parent_id = parent};
	struct gk_errmsg m;
	int64_t id = 0;

	if (store_agency_add(s, &a, &id, &m) != GK_OK)
		fail_msg("%s", m.text);
	return id;
}

/* An application; closed != NULL adds the CLOSED event, o >= 0 the ANSWERED
 * one (dated the closing day, or the received day while open). */
static int64_t add_app(struct store *s, int64_t agency, const char *ref, enum applicant_type t,
		       const char *received, const char *closed, int o)
{
	struct store_application a = {
	    .agency_id = agency,
	    .ref = ref,
	    .applicant_type = t,
	    .received = D(received),
	};
	struct gk_errmsg m;
	int64_t id;

	if (store_application_add(s, &a, &id, &m) != GK_OK)
		fail_msg("%s", m.text);
	if (o >= 0) {
		struct store_event e = {.application_id = id,
					.kind = EVENT_ANSWERED,
					.date = D(closed ? closed : received),
					.outcome = (enum outcome)o};
		if (store_event_add(s, &e, NULL, &m) != GK_OK)
			fail_msg("%s", m.text);
	}
	if (closed) {
		struct store_event e = {
		    .application_id = id, .kind = EVENT_CLOSED, .date = D(closed)};
		if (store_event_add(s, &e, NULL, &m) != GK_OK)
			fail_msg("%s", m.text);
	}
	return id;
}

static void test_vocabulary(void **state)
{
	enum store_role r;
	enum app_event_kind k;

	(void)state;
	assert_string_equal(store_role_id(ROLE_AGENCY_ADMIN), "agency_admin");
	assert_string_equal(store_role_name(ROLE_HANDLER), "承办人");
	assert_true(store_role_parse("审核人", &r));
	assert_int_equal(r, ROLE_REVIEWER);
	assert_true(store_role_parse("supervisor", &r));
	assert_int_equal(r, ROLE_SUPERVISOR);
	assert_false(store_role_parse("root", &r));
	assert_false(store_role_parse(NULL, &r));
	for (int i = 0; i < EVENT_KIND_COUNT; i++) {
		assert_true(app_event_kind_parse(app_event_kind_id((enum app_event_kind)i), &k));
		assert_int_equal(k, i);
		assert_true(app_event_kind_parse(app_event_kind_name((enum app_event_kind)i), &k));
		assert_int_equal(k, i);
	}
	assert_string_equal(app_event_kind_id(EVENT_CORRECTION_ASKED), "correction_requested");
	assert_string_equal(app_event_kind_name(EVENT_CORRECTION_ASKED), "补正告知");
	assert_false(app_event_kind_parse("answer", &k));
}

static void test_create_and_reopen(void **state)
{
	struct fixture *f = *state;
	struct store_agency got;
	struct gk_errmsg m;

	assert_int_equal(store_schema_version(f->s), store_schema_latest());
	assert_true(store_schema_latest() >= 1);
	add_agency(f->s, "bj-dx", 0);
	store_close(f->s);
	/* Reopening applies nothing and keeps the rows. */
	assert_int_equal(store_open(f->path, STORE_OPEN_EXISTING, &f->s, &m), GK_OK);
	assert_int_equal(store_schema_version(f->s), store_schema_latest());
	assert_int_equal(store_agency_get(f->s, "bj-dx", &got, &m), GK_OK);
	assert_string_equal(got.name, "bj-dx");
	assert_int_equal(got.parent_id, 0);
	assert_null(got.credit_code);
	store_close(f->s);
	assert_int_equal(store_open(f->path, STORE_OPEN_CREATE, &f->s, &m), GK_OK);
	assert_int_equal(store_agency_get(f->s, "bj-dx", &got, &m), GK_OK);
}

static void test_newer_schema_refused(void **state)
{
	struct fixture *f = *state;
	struct store *s = (struct store *)1;
	struct gk_errmsg m;
	sqlite3 *db;

	store_close(f->s);
	f->s = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, STORE_OPEN_EXISTING, &s, &m), GK_ECONFLICT);
	assert_null(s);
	assert_non_null(strstr(m.text, "schema version 999"));
	assert_non_null(strstr(m.text, "upgrade gongkai"));
	assert_non_null(strstr(m.text, f->path));
}

/* A database written by the first release (schema 1 only) opens, and every
 * later migration is applied: the fee index of 2, the search index of 3. */
static void test_old_schema_migrated(void **state)
{
	struct fixture *f = *state;
	struct store_agency a = {.code = "old", .name = "旧机关"};
	struct gk_errmsg m;
	sqlite3 *db;
	sqlite3_stmt *st;

	store_close(f->s);
	f->s = NULL;
	unlink(f->path);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sq_migration(1), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 1;"
					  "INSERT INTO agencies (code, name) VALUES ('kept', '留存');",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	if (store_open(f->path, STORE_OPEN_EXISTING, &f->s, &m) != GK_OK)
		fail_msg("%s", m.text);
	assert_int_equal(store_schema_version(f->s), store_schema_latest());
	assert_int_equal(store_agency_get(f->s, "kept", &a, &m), GK_OK);
	assert_string_equal(a.name, "留存");
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT count(*) FROM sqlite_master WHERE name IN"
					    " ('events_fees', 'documents_fts')",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_missing_file(void **state)
{
	struct fixture *f = *state;
	struct store *s;
	struct gk_errmsg m;
	char path[160];

	path_in(f, "absent.db", path, sizeof(path));
	assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, &m), GK_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(m.text, "no such database"));
	assert_non_null(strstr(m.text, "gongkai init --db"));
	/* Refusing did not create it. */
	assert_int_not_equal(access(path, F_OK), 0);
}

static void test_not_a_database(void **state)
{
	struct fixture *f = *state;
	struct store *s;
	struct gk_errmsg m;
	char path[160];
	FILE *fp;

	path_in(f, "notes.txt", path, sizeof(path));
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (int i = 0; i < 64; i++)
		fputs("这不是数据库。 This is not a database.\n", fp);
	fclose(fp);
	assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, &m), GK_EFORMAT);
	assert_null(s);
	assert_non_null(strstr(m.text, "not a gongkai database"));
	assert_int_equal(store_open("postgresql://db.example/gongkai", STORE_OPEN_EXISTING, &s, &m),
			 GK_EINVAL);
	assert_non_null(strstr(m.text, "PostgreSQL is not supported yet"));
	assert_int_equal(store_open("postgres://x", STORE_OPEN_CREATE, &s, &m), GK_EINVAL);
}

static void test_duplicates_and_references(void **state)
{
	struct fixture *f = *state;
	struct store_agency a = {.code = "dup", .name = "重复"};
	struct store_user u = {
	    .username = "zhang", .role = ROLE_HANDLER, .password_hash = "$argon2id$x"};
	struct store_application app = {.ref = "2024-001", .received = D("2024-01-02")};
	struct gk_errmsg m;
	int64_t id, other, subj;

	id = add_agency(f->s, "dup", 0);
	assert_int_equal(store_agency_add(f->s, &a, NULL, &m), GK_ECONFLICT);
	assert_non_null(strstr(m.text, "'dup'"));
	a.code = "orphan";
	a.parent_id = 999;
	assert_int_equal(store_agency_add(f->s, &a, NULL, &m), GK_ENOTFOUND);
	assert_non_null(strstr(m.text, "999"));
	assert_int_equal(store_agency_get(f->s, "orphan", &a, &m), GK_ENOTFOUND);

	u.agency_id = id;
	assert_int_equal(store_user_add(f->s, &u, NULL, &m), GK_OK);
	assert_int_equal(store_user_add(f->s, &u, NULL, &m), GK_ECONFLICT);
	assert_non_null(strstr(m.text, "'zhang'"));
	u.username = "li";
	u.agency_id = 77;
	assert_int_equal(store_user_add(f->s, &u, NULL, &m), GK_ENOTFOUND);

	assert_int_equal(store_subject_add(f->s, id, "财政预算", &subj, &m), GK_OK);
	assert_int_equal(store_subject_add(f->s, id, "财政预算", NULL, &m), GK_ECONFLICT);
	assert_int_equal(store_subject_find(f->s, id, "财政预算", &other), GK_OK);
	assert_int_equal(other, subj);
	assert_int_equal(store_subject_find(f->s, id, "教育", &other), GK_ENOTFOUND);

	app.agency_id = id;
	assert_int_equal(store_application_add(f->s, &app, NULL, &m), GK_OK);
	assert_int_equal(store_application_add(f->s, &app, NULL, &m), GK_ECONFLICT);
	assert_non_null(strstr(m.text, "'2024-001'"));
	/* The same ref in another agency is another application. */
	other = add_agency(f->s, "other", id);
	app.agency_id = other;
	assert_int_equal(store_application_add(f->s, &app, NULL, &m), GK_OK);
	app.agency_id = 4242;
	assert_int_equal(store_application_add(f->s, &app, NULL, &m), GK_ENOTFOUND);
	assert_non_null(strstr(m.text, "4242"));

	struct store_appeal ap = {.agency_id = id, .ref = "复议1", .filed = D("2024-02-02")};
	assert_int_equal(store_appeal_add(f->s, &ap, NULL, &m), GK_OK);
	assert_int_equal(store_appeal_add(f->s, &ap, NULL, &m), GK_ECONFLICT);
	ap.ref = "复议2";
	ap.application_id = 5555;
	assert_int_equal(store_appeal_add(f->s, &ap, NULL, &m), GK_ENOTFOUND);
	assert_non_null(strstr(m.text, "application id 5555"));

	struct store_complaint c = {
	    .agency_id = id, .ref = "T1", .received = D("2024-02-02"), .content = "未按时答复"};
	assert_int_equal(store_complaint_add(f->s, &c, NULL, &m), GK_OK);
	assert_int_equal(store_complaint_add(f->s, &c, NULL, &m), GK_ECONFLICT);
}

static void test_refused_values(void **state)
{
	struct fixture *f = *state;
	char long_code[STORE_CODE_MAX + 2], long_name[STORE_NAME_MAX + 2];
	struct store_agency a = {.name = "x"};
	struct gk_errmsg m;
	int64_t id = add_agency(f->s, "ok", 0);

	memset(long_code, 'c', sizeof(long_code) - 1);
	long_code[sizeof(long_code) - 1] = '\0';
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	a.code = long_code;
	assert_int_equal(store_agency_add(f->s, &a, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "agency code"));
	assert_non_null(strstr(m.text, "at most 64"));
	a.code = "has space";
	assert_int_equal(store_agency_add(f->s, &a, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "space"));
	a.code = "";
	assert_int_equal(store_agency_add(f->s, &a, NULL, &m), GK_EINVAL);
	a.code = "fine";
	a.name = long_name;
	assert_int_equal(store_agency_add(f->s, &a, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "agency name"));

	struct store_application app = {.agency_id = id, .ref = "r1", .received = D("2024-03-01")};
	app.applicant_type = APPLICANT_TYPE_COUNT;
	assert_int_equal(store_application_add(f->s, &app, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "applicant type"));
	app.applicant_type = APPLICANT_BUSINESS;
	app.submitted = D("2024-03-05");
	assert_int_equal(store_application_add(f->s, &app, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "received 2024-03-01 is before submitted 2024-03-05"));
	app.submitted = 0;
	app.received = 0;
	assert_int_equal(store_application_add(f->s, &app, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "received"));

	struct store_appeal ap = {
	    .agency_id = id, .ref = "A", .filed = D("2024-01-01"), .result = APPEAL_RESULT_UPHELD};
	assert_int_equal(store_appeal_add(f->s, &ap, NULL, &m), GK_EINVAL);
	ap.closed = D("2023-12-01");
	assert_int_equal(store_appeal_add(f->s, &ap, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "closed 2023-12-01 is before filed"));

	assert_int_equal(
	    store_figure_set(f->s, id, 2024, "licensing", "decisions", "7,730", NULL, &m),
	    GK_EINVAL);
	assert_non_null(strstr(m.text, "'7,730'"));
	assert_int_equal(store_figure_set(f->s, id, 2024, "licensing", "decisions", "1.", NULL, &m),
			 GK_EINVAL);
	assert_int_equal(store_figure_set(f->s, 99, 2024, "licensing", "decisions", "1", NULL, &m),
			 GK_ENOTFOUND);
}

static void test_rollback_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct store_agency got;
	struct store_application app;
	struct gk_errmsg m;
	int64_t id = add_agency(f->s, "kept", 0), app_id;

	assert_int_equal(store_commit(f->s, &m), GK_ECONFLICT);
	assert_int_equal(store_begin(f->s, &m), GK_OK);
	assert_int_equal(store_begin(f->s, &m), GK_ECONFLICT);
	add_agency(f->s, "gone", id);
	app_id = add_app(f->s, id, "tx-1", APPLICANT_NATURAL_PERSON, "2024-01-02", "2024-01-09",
			 OUTCOME_C1);
	assert_true(app_id > 0);
	store_rollback(f->s);
	assert_int_equal(store_agency_get(f->s, "gone", &got, &m), GK_ENOTFOUND);
	assert_int_equal(store_application_find(f->s, id, "tx-1", &app, &m), GK_ENOTFOUND);
	assert_int_equal(store_agency_get(f->s, "kept", &got, &m), GK_OK);

	/* Closing with an open transaction rolls it back too. */
	assert_int_equal(store_begin(f->s, &m), GK_OK);
	add_agency(f->s, "also-gone", id);
	store_close(f->s);
	assert_int_equal(store_open(f->path, STORE_OPEN_EXISTING, &f->s, &m), GK_OK);
	assert_int_equal(store_agency_get(f->s, "also-gone", &got, &m), GK_ENOTFOUND);

	/* A commit keeps everything. */
	assert_int_equal(store_begin(f->s, &m), GK_OK);
	add_agency(f->s, "committed", id);
	assert_int_equal(store_commit(f->s, &m), GK_OK);
	assert_int_equal(store_agency_get(f->s, "committed", &got, &m), GK_OK);
	assert_int_equal(got.parent_id, id);
}

struct walk {
	struct store *s;
	int outer, inner;
};

static int count_inner(void *ctx, const struct store_agency *a)
{
	(void)a;
	((struct walk *)ctx)->inner++;
	return 0;
}

/* Walks the agencies again from inside the walk, and stops after two. */
static int walk_again(void *ctx, const struct store_agency *a)
{
	struct walk *w = ctx;
	struct store_agency by_id;
	struct gk_errmsg m;

	assert_int_equal(store_agency_each(w->s, count_inner, w, &m), GK_OK);
	assert_int_equal(store_agency_get_id(w->s, a->id, &by_id, &m), GK_OK);
	assert_string_equal(by_id.code, a->code);
	return ++w->outer == 2;
}

static void test_nested_walks(void **state)
{
	struct fixture *f = *state;
	struct walk w = {f->s, 0, 0};
	struct gk_errmsg m;

	add_agency(f->s, "w1", 0);
	add_agency(f->s, "w2", 0);
	add_agency(f->s, "w3", 0);
	assert_int_equal(store_agency_each(f->s, walk_again, &w, &m), GK_OK);
	assert_int_equal(w.outer, 2);
	assert_int_equal(w.inner, 6);
	/* The cached statement is free again afterwards. */
	w.inner = 0;
	assert_int_equal(store_agency_each(f->s, count_inner, &w, &m), GK_OK);
	assert_int_equal(w.inner, 3);
}

struct event_log {
	int n;
	enum app_event_kind kinds[8];
	int days[8];
};

static int log_event(void *ctx, const struct store_event *e)
{
	struct event_log *l = ctx;

	l->kinds[l->n] = e->kind;
	l->days[l->n++] = e->days;
	return 0;
}

static void test_events_keep_the_application_in_step(void **state)
{
	struct fixture *f = *state;
	struct store_application app;
	struct store_event e = {.kind = EVENT_RECEIVED};
	struct event_log log = {0};
	struct gk_errmsg m;
	int64_t agency = add_agency(f->s, "ev", 0);
	int64_t id = add_app(f->s, agency, "E-1", APPLICANT_BUSINESS, "2024-03-01", NULL, -1);

	e.application_id = id;
	e.date = D("2024-03-01");
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_OK);
	e.kind = EVENT_CORRECTION_ASKED;
	e.date = D("2024-02-29");
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "before the application's received date 2024-03-01"));

	e.kind = EVENT_EXTENSION_APPROVED;
	e.date = D("2024-03-20");
	e.days = 21;
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "1–20"));
	e.days = 0;
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_EINVAL);
	e.days = 20;
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_OK);

	e.kind = EVENT_ANSWERED;
	e.date = D("2024-04-15");
	e.outcome = OUTCOME_COUNT;
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_EINVAL);
	assert_int_equal(store_application_find(f->s, agency, "E-1", &app, &m), GK_OK);
	assert_false(app.has_outcome);
	assert_int_equal(app.closed, 0);

	e.outcome = OUTCOME_C4_1;
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_OK);
	assert_int_equal(store_application_find(f->s, agency, "E-1", &app, &m), GK_OK);
	assert_true(app.has_outcome);
	assert_int_equal(app.outcome, OUTCOME_C4_1);
	assert_int_equal(app.closed, 0);
	assert_string_equal(app.ref, "E-1");
	assert_int_equal(app.received, D("2024-03-01"));

	e.kind = EVENT_CLOSED;
	e.date = D("2024-04-16");
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_OK);
	assert_int_equal(store_application_find(f->s, agency, "E-1", &app, &m), GK_OK);
	assert_int_equal(app.closed, D("2024-04-16"));
	e.date = D("2024-05-01");
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "closed already on 2024-04-16"));

	/* A user that does not exist, and an application that does not. */
	e.kind = EVENT_FEE_PAID;
	e.user_id = 31337;
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_ENOTFOUND);
	assert_non_null(strstr(m.text, "user id 31337"));
	e.user_id = 0;
	e.application_id = 999999;
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_ENOTFOUND);

	/* In (date, id) order, the refused ones absent. */
	assert_int_equal(store_event_each(f->s, id, log_event, &log, &m), GK_OK);
	assert_int_equal(log.n, 4);
	assert_int_equal(log.kinds[0], EVENT_RECEIVED);
	assert_int_equal(log.kinds[1], EVENT_EXTENSION_APPROVED);
	assert_int_equal(log.days[1], 20);
	assert_int_equal(log.kinds[2], EVENT_ANSWERED);
	assert_int_equal(log.kinds[3], EVENT_CLOSED);

	/* Inside a transaction, a rollback takes the cached close away too. */
	id = add_app(f->s, agency, "E-2", APPLICANT_OTHER, "2024-05-01", NULL, -1);
	assert_int_equal(store_begin(f->s, &m), GK_OK);
	e = (struct store_event){
	    .application_id = id, .kind = EVENT_CLOSED, .date = D("2024-05-02")};
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_OK);
	e.date = D("2024-05-03");
	/* A refused event inside the transaction leaves the rest of it alone. */
	assert_int_equal(store_event_add(f->s, &e, NULL, &m), GK_EINVAL);
	assert_int_equal(store_application_find(f->s, agency, "E-2", &app, &m), GK_OK);
	assert_int_equal(app.closed, D("2024-05-02"));
	store_rollback(f->s);
	assert_int_equal(store_application_find(f->s, agency, "E-2", &app, &m), GK_OK);
	assert_int_equal(app.closed, 0);
	log.n = 0;
	assert_int_equal(store_event_each(f->s, id, log_event, &log, &m), GK_OK);
	assert_int_equal(log.n, 0);
}

static int64_t add_doc(struct store *s, int64_t agency, const char *index_no, const char *created)
{
	struct store_document d = {.agency_id = agency,
				   .index_no = index_no,
				   .title = "关于印发某办法的通知",
				   .created = D(created)};
	struct gk_errmsg m;
	int64_t id;

	if (store_document_add(s, &d, &id, &m) != GK_OK)
		fail_msg("%s", m.text);
	return id;
}

static void expect_index_no(struct store *s, int64_t doc, const char *want)
{
	struct store_document d;
	struct gk_errmsg m;

	assert_int_equal(store_document_get(s, doc, &d, &m), GK_OK);
	assert_string_equal(d.index_no, want);
}

static void test_index_numbers(void **state)
{
	struct fixture *f = *state;
	struct store_agency a = {.code = "tj-jyj", .name = "天津市教育局", .index_prefix = "TJ-JY"};
	struct store_document d;
	struct gk_errmsg m;
	int64_t with_prefix, with_credit, bare;

	assert_int_equal(store_agency_add(f->s, &a, &with_prefix, &m), GK_OK);
	a = (struct store_agency){
	    .code = "hb-czt", .name = "河北省财政厅", .credit_code = "11130000000000000X"};
	assert_int_equal(store_agency_add(f->s, &a, &with_credit, &m), GK_OK);
	bare = add_agency(f->s, "bare", 0);

	expect_index_no(f->s, add_doc(f->s, with_prefix, NULL, "2024-03-01"), "TJ-JY/2024-00001");
	expect_index_no(f->s, add_doc(f->s, with_prefix, NULL, "2024-12-31"), "TJ-JY/2024-00002");
	expect_index_no(f->s, add_doc(f->s, with_prefix, NULL, "2025-01-01"), "TJ-JY/2025-00001");
	/* A number taken by hand is skipped, not reused. */
	expect_index_no(f->s, add_doc(f->s, with_prefix, "TJ-JY/2024-00003", "2024-05-05"),
			"TJ-JY/2024-00003");
	expect_index_no(f->s, add_doc(f->s, with_prefix, NULL, "2024-06-06"), "TJ-JY/2024-00004");
	expect_index_no(f->s, add_doc(f->s, with_credit, NULL, "2023-01-01"),
			"11130000000000000X/2023-00001");
	expect_index_no(f->s, add_doc(f->s, bare, NULL, "2024-01-01"), "bare/2024-00001");

	d = (struct store_document){.agency_id = bare,
				    .index_no = "TJ-JY/2024-00001",
				    .title = "t",
				    .created = D("2024-01-01")};
	assert_int_equal(store_document_add(f->s, &d, NULL, &m), GK_ECONFLICT);
	assert_non_null(strstr(m.text, "TJ-JY/2024-00001"));
	d.index_no = NULL;
	d.agency_id = 888;
	assert_int_equal(store_document_add(f->s, &d, NULL, &m), GK_ENOTFOUND);
	d.agency_id = bare;
	d.subject_id = 12345;
	assert_int_equal(store_document_add(f->s, &d, NULL, &m), GK_ENOTFOUND);
	assert_non_null(strstr(m.text, "subject id 12345"));
	/* The failed attempts took no number. */
	expect_index_no(f->s, add_doc(f->s, bare, NULL, "2024-01-02"), "bare/2024-00002");

	d.subject_id = 0;
	d.status = DOC_PUBLISHED;
	assert_int_equal(store_document_add(f->s, &d, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "published date"));
	d.published = D("2023-12-31");
	assert_int_equal(store_document_add(f->s, &d, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "published 2023-12-31 is before created 2024-01-01"));
	d.published = D("2024-01-05");
	d.abolished = D("2024-02-01");
	assert_int_equal(store_document_add(f->s, &d, NULL, &m), GK_EINVAL);
	d.status = DOC_ABOLISHED;
	assert_int_equal(store_document_add(f->s, &d, NULL, &m), GK_OK);
}

/* --- The counting ledger ------------------------------------------------ */

struct ledger {
	int64_t parent, c1, c2, elsewhere, empty;
};

static void add_appeal(struct store *s, int64_t agency, const char *ref, enum appeal_kind k,
		       const char *filed, const char *closed, enum appeal_result r, bool co_only)
{
	struct store_appeal a = {.agency_id = agency,
				 .ref = ref,
				 .kind = k,
				 .filed = D(filed),
				 .closed = closed ? D(closed) : 0,
				 .result = r,
				 .co_defendant_only = co_only};
	struct gk_errmsg m;

	if (store_appeal_add(s, &a, NULL, &m) != GK_OK)
		fail_msg("%s", m.text);
}

static void add_kind_doc(struct store *s, int64_t agency, enum doc_kind k, int category,
			 const char *created, const char *published, const char *abolished,
			 enum doc_status status)
{
	struct store_document d = {.agency_id = agency,
				   .title = "文件",
				   .category = category,
				   .kind = k,
				   .created = D(created),
				   .published = published ? D(published) : 0,
				   .abolished = abolished ? D(abolished) : 0,
				   .status = status};
	struct gk_errmsg m;

	if (store_document_add(s, &d, NULL, &m) != GK_OK)
		fail_msg("%s", m.text);
}

static void add_complaint(struct store *s, int64_t agency, const char *ref, const char *received,
			  const char *closed)
{
	struct store_complaint c = {.agency_id = agency,
				    .ref = ref,
				    .received = D(received),
				    .content = "投诉",
				    .closed = closed ? D(closed) : 0};
	struct gk_errmsg m;

	if (store_complaint_add(s, &c, NULL, &m) != GK_OK)
		fail_msg("%s", m.text);
}

static void add_fee_events(struct store *s, int64_t agency, const char *ref, const char *notice,
			   int64_t fen, const char *paid)
{
	struct store_application a;
	struct store_event e = {.kind = EVENT_FEE_NOTICE, .date = D(notice), .amount_fen = fen};
	struct gk_errmsg m;

	if (store_application_find(s, agency, ref, &a, &m) != GK_OK)
		fail_msg("%s", m.text);
	e.application_id = a.id;
	if (store_event_add(s, &e, NULL, &m) != GK_OK)
		fail_msg("%s", m.text);
	if (paid) {
		e = (struct store_event){
		    .application_id = a.id, .kind = EVENT_FEE_PAID, .date = D(paid)};
		if (store_event_add(s, &e, NULL, &m) != GK_OK)
			fail_msg("%s", m.text);
	}
}

/*
 * A parent with two children, an unrelated agency and an empty one. The
 * comment on each row says where it counts in 2024 (A received, B carried
 * in, C closed, D carried out).
 */
static void build_ledger(struct store *s, struct ledger *l)
{
	l->parent = add_agency(s, "parent", 0);
	l->c1 = add_agency(s, "child1", l->parent);
	l->c2 = add_agency(s, "child2", l->parent);
	l->elsewhere = add_agency(s, "elsewhere", 0);
	l->empty = add_agency(s, "empty", l->parent);

	/* child1 */
	add_app(s, l->c1, "a1", APPLICANT_NATURAL_PERSON, "2023-12-20", "2024-01-10",
		OUTCOME_C1); /* B, C */
	add_app(s, l->c1, "a2", APPLICANT_NATURAL_PERSON, "2024-03-01", "2024-03-15",
		OUTCOME_C2); /* A, C */
	add_app(s, l->c1, "a3", APPLICANT_BUSINESS, "2024-12-25", "2025-01-05",
		OUTCOME_C4_1);						     /* A, D */
	add_app(s, l->c1, "a4", APPLICANT_BUSINESS, "2024-06-01", NULL, -1); /* A, D */
	add_app(s, l->c1, "a5", APPLICANT_NATURAL_PERSON, "2024-07-01", "2024-07-20",
		-1); /* A, C6.3 */
	add_app(s, l->c1, "a6", APPLICANT_RESEARCH, "2022-11-01", "2023-02-01", OUTCOME_C1); /* - */
	add_app(s, l->c1, "a7", APPLICANT_LEGAL_SERVICE, "2023-05-05", NULL, -1);  /* B, D */
	add_app(s, l->c1, "a8", APPLICANT_NATURAL_PERSON, "2025-01-03", NULL, -1); /* - */
	add_app(s, l->c1, "a9", APPLICANT_OTHER, "2023-12-31", "2024-01-01",
		OUTCOME_C5_2); /* B, C */
	add_app(s, l->c1, "a10", APPLICANT_PUBLIC_INTEREST, "2024-12-31", "2024-12-31",
		OUTCOME_C3_4); /* A, C */
	/* child2 */
	add_app(s, l->c2, "b1", APPLICANT_NATURAL_PERSON, "2024-02-02", "2024-02-20",
		OUTCOME_C1); /* A, C */
	add_app(s, l->c2, "b2", APPLICANT_NATURAL_PERSON, "2023-10-10", "2025-02-02",
		OUTCOME_C4_1); /* B, D */
	/* the parent itself, and an agency outside the region */
	add_app(s, l->parent, "p1", APPLICANT_NATURAL_PERSON, "2024-04-04", NULL, -1); /* A, D */
	add_app(s, l->elsewhere, "x1", APPLICANT_NATURAL_PERSON, "2024-05-05", "2024-05-06",
		OUTCOME_C1);

	add_appeal(s, l->c1, "ap1", APPEAL_KIND_REVIEW, "2022-06-01", "2024-03-03",
		   APPEAL_RESULT_CORRECTED, false);
	add_appeal(s, l->c1, "ap2", APPEAL_KIND_LAWSUIT, "2024-05-05", NULL, APPEAL_RESULT_PENDING,
		   false);
	add_appeal(s, l->c1, "ap3", APPEAL_KIND_LAWSUIT_AFTER_REVIEW, "2024-02-02", "2025-01-10",
		   APPEAL_RESULT_UPHELD, false);
	add_appeal(s, l->c1, "ap4", APPEAL_KIND_REVIEW, "2024-03-03", NULL, APPEAL_RESULT_PENDING,
		   true);
	add_appeal(s, l->c1, "ap5", APPEAL_KIND_REVIEW, "2023-01-01", "2023-06-06",
		   APPEAL_RESULT_UPHELD, false);
	add_appeal(s, l->c1, "ap6", APPEAL_KIND_LAWSUIT, "2025-01-01", NULL, APPEAL_RESULT_PENDING,
		   false);

	add_kind_doc(s, l->c1, DOC_KIND_RULE, 1, "2024-01-10", "2024-01-20", NULL, DOC_PUBLISHED);
	add_kind_doc(s, l->c1, DOC_KIND_NORMATIVE, 1, "2022-03-01", "2022-03-10", "2024-06-30",
		     DOC_ABOLISHED);
	add_kind_doc(s, l->c1, DOC_KIND_NORMATIVE, 0, "2024-05-01", NULL, NULL, DOC_DRAFT);
	add_kind_doc(s, l->c1, DOC_KIND_NORMATIVE, 2, "2023-12-01", "2024-01-05", NULL,
		     DOC_PUBLISHED);
	add_kind_doc(s, l->c1, DOC_KIND_PLAIN, 0, "2024-02-02", "2024-02-03", NULL, DOC_PUBLISHED);
	add_kind_doc(s, l->c1, DOC_KIND_RULE, 1, "2024-03-03", "2024-03-04", "2024-11-11",
		     DOC_INVALID);
	add_kind_doc(s, l->c1, DOC_KIND_NORMATIVE, 1, "2025-01-02", "2025-01-03", NULL,
		     DOC_PUBLISHED);
	add_kind_doc(s, l->c2, DOC_KIND_RULE, 3, "2024-05-05", "2024-05-06", NULL, DOC_PUBLISHED);

	/* 信息处理费 (国办函〔2020〕109号): a2 was charged and paid in 2024; a7
	 * got a notice in 2023 and never paid. */
	add_fee_events(s, l->c1, "a2", "2024-03-05", 12050, "2024-03-08");
	add_fee_events(s, l->c1, "a7", "2023-12-28", 5000, NULL);

	add_complaint(s, l->c1, "t1", "2024-03-03", "2024-04-04");
	add_complaint(s, l->c1, "t2", "2023-12-12", "2024-01-02");
	add_complaint(s, l->c1, "t3", "2024-12-20", NULL);
}

/* store_counts is all int64_t: compare it as an array to name the first
 * field that differs. */
static void expect_counts(const struct store_counts *want, const struct store_counts *got)
{
	const int64_t *w = (const int64_t *)want, *g = (const int64_t *)got;

	for (size_t i = 0; i < sizeof(*want) / sizeof(int64_t); i++)
		if (w[i] != g[i])
			fail_msg("counts differ at int64 #%zu: want %lld, got %lld", i,
				 (long long)w[i], (long long)g[i]);
}

static void count(struct store *s, int64_t agency, bool region, const char *from, const char *to,
		  struct store_counts *out)
{
	struct store_scope scope = {agency, region, D(from), D(to)};
	struct gk_errmsg m;

	if (store_count(s, &scope, out, &m) != GK_OK)
		fail_msg("%s", m.text);
}

static void test_count_child_2024(void **state)
{
	struct fixture *f = *state;
	struct ledger l;
	struct store_counts got, want = {0};
	struct store_doc_kind_counts *rule = &want.documents[DOC_KIND_RULE];
	struct store_doc_kind_counts *norm = &want.documents[DOC_KIND_NORMATIVE];

	build_ledger(f->s, &l);
	want.received[APPLICANT_NATURAL_PERSON] = 2;		       /* a2 a5 */
	want.received[APPLICANT_BUSINESS] = 2;			       /* a3 a4 */
	want.received[APPLICANT_PUBLIC_INTEREST] = 1;		       /* a10 */
	want.carried_in[APPLICANT_NATURAL_PERSON] = 1;		       /* a1 */
	want.carried_in[APPLICANT_LEGAL_SERVICE] = 1;		       /* a7 */
	want.carried_in[APPLICANT_OTHER] = 1;			       /* a9, closed on 1 January */
	want.closed[OUTCOME_C1][APPLICANT_NATURAL_PERSON] = 1;	       /* a1 */
	want.closed[OUTCOME_C2][APPLICANT_NATURAL_PERSON] = 1;	       /* a2 */
	want.closed[OUTCOME_C6_3][APPLICANT_NATURAL_PERSON] = 1;       /* a5, no answer */
	want.closed[OUTCOME_C5_2][APPLICANT_OTHER] = 1;		       /* a9 */
	want.closed[OUTCOME_C3_4][APPLICANT_PUBLIC_INTEREST] = 1;      /* a10 */
	want.carried_out[APPLICANT_BUSINESS] = 2;		       /* a3 a4 */
	want.carried_out[APPLICANT_LEGAL_SERVICE] = 1;		       /* a7 */
	want.appeals[APPEAL_KIND_REVIEW][APPEAL_RESULT_CORRECTED] = 1; /* ap1 */
	want.appeals[APPEAL_KIND_LAWSUIT][APPEAL_RESULT_PENDING] = 1;  /* ap2 */
	want.appeals[APPEAL_KIND_LAWSUIT_AFTER_REVIEW][APPEAL_RESULT_PENDING] = 1; /* ap3 */
	*rule = (struct store_doc_kind_counts){
	    .made = 2, .published = 2, .total_public = 2, .repealed = 1, .in_force = 1};
	*norm = (struct store_doc_kind_counts){
	    .made = 0, .published = 1, .total_public = 2, .repealed = 1, .in_force = 1};
	want.published_by_category[0] = 1;
	want.published_by_category[1] = 2;
	want.published_by_category[2] = 1;
	want.published_total = 4;
	want.complaints_received = 2;
	want.complaints_closed = 2;
	want.fee_notices = 1;	      /* a2 */
	want.fees_paid = 1;	      /* a2 */
	want.fees_paid_fen = 12050;   /* a2's notice */
	count(f->s, l.c1, false, "2024-01-01", "2024-12-31", &got);
	expect_counts(&want, &got);
	/* A child without children is its own region. */
	count(f->s, l.c1, true, "2024-01-01", "2024-12-31", &got);
	expect_counts(&want, &got);
}

static void test_count_child_2022_2023(void **state)
{
	struct fixture *f = *state;
	struct ledger l;
	struct store_counts got, want = {0};

	build_ledger(f->s, &l);
	want.received[APPLICANT_NATURAL_PERSON] = 1;		     /* a1 */
	want.received[APPLICANT_LEGAL_SERVICE] = 1;		     /* a7 */
	want.received[APPLICANT_OTHER] = 1;			     /* a9 */
	want.carried_in[APPLICANT_RESEARCH] = 1;		     /* a6 */
	want.closed[OUTCOME_C1][APPLICANT_RESEARCH] = 1;	     /* a6 */
	want.carried_out[APPLICANT_NATURAL_PERSON] = 1;		     /* a1 */
	want.carried_out[APPLICANT_LEGAL_SERVICE] = 1;		     /* a7 */
	want.carried_out[APPLICANT_OTHER] = 1;			     /* a9 */
	want.appeals[APPEAL_KIND_REVIEW][APPEAL_RESULT_PENDING] = 1; /* ap1, pending */
	want.appeals[APPEAL_KIND_REVIEW][APPEAL_RESULT_UPHELD] = 1;  /* ap5 */
	/* made: created in 2023 and published since (in 2024) */
	want.documents[DOC_KIND_NORMATIVE].made = 1;
	want.documents[DOC_KIND_NORMATIVE].total_public = 1; /* the one abolished in 2024 */
	want.documents[DOC_KIND_NORMATIVE].in_force = 1;
	want.complaints_received = 1; /* t2 */
	want.fee_notices = 1; /* a7, never paid */
	count(f->s, l.c1, false, "2023-01-01", "2023-12-31", &got);
	expect_counts(&want, &got);

	/* 2022: ap1 filed and pending; a6 received and open; one document made. */
	memset(&want, 0, sizeof(want));
	want.received[APPLICANT_RESEARCH] = 1;
	want.carried_out[APPLICANT_RESEARCH] = 1;
	want.appeals[APPEAL_KIND_REVIEW][APPEAL_RESULT_PENDING] = 1;
	want.documents[DOC_KIND_NORMATIVE] = (struct store_doc_kind_counts){
	    .made = 1, .published = 1, .total_public = 1, .in_force = 1};
	want.published_by_category[1] = 1;
	want.published_total = 1;
	count(f->s, l.c1, false, "2022-01-01", "2022-12-31", &got);
	expect_counts(&want, &got);
}

static void test_count_region(void **state)
{
	struct fixture *f = *state;
	struct ledger l;
	struct store_counts got, want = {0};
	struct store_scope bad = {
	    .agency_id = 9999, .from = D("2024-01-01"), .to = D("2024-12-31")};
	struct gk_errmsg m;

	build_ledger(f->s, &l);
	/* child1's figures plus child2 (b1, b2, one rule) and the parent (p1). */
	want.received[APPLICANT_NATURAL_PERSON] = 4; /* a2 a5 b1 p1 */
	want.received[APPLICANT_BUSINESS] = 2;
	want.received[APPLICANT_PUBLIC_INTEREST] = 1;
	want.carried_in[APPLICANT_NATURAL_PERSON] = 2; /* a1 b2 */
	want.carried_in[APPLICANT_LEGAL_SERVICE] = 1;
	want.carried_in[APPLICANT_OTHER] = 1;
	want.closed[OUTCOME_C1][APPLICANT_NATURAL_PERSON] = 2; /* a1 b1 */
	want.closed[OUTCOME_C2][APPLICANT_NATURAL_PERSON] = 1;
	want.closed[OUTCOME_C6_3][APPLICANT_NATURAL_PERSON] = 1;
	want.closed[OUTCOME_C5_2][APPLICANT_OTHER] = 1;
	want.closed[OUTCOME_C3_4][APPLICANT_PUBLIC_INTEREST] = 1;
	want.carried_out[APPLICANT_NATURAL_PERSON] = 2; /* b2 p1 */
	want.carried_out[APPLICANT_BUSINESS] = 2;
	want.carried_out[APPLICANT_LEGAL_SERVICE] = 1;
	want.appeals[APPEAL_KIND_REVIEW][APPEAL_RESULT_CORRECTED] = 1;
	want.appeals[APPEAL_KIND_LAWSUIT][APPEAL_RESULT_PENDING] = 1;
	want.appeals[APPEAL_KIND_LAWSUIT_AFTER_REVIEW][APPEAL_RESULT_PENDING] = 1;
	want.documents[DOC_KIND_RULE] = (struct store_doc_kind_counts){
	    .made = 3, .published = 3, .total_public = 3, .repealed = 1, .in_force = 2};
	want.documents[DOC_KIND_NORMATIVE] = (struct store_doc_kind_counts){
	    .made = 0, .published = 1, .total_public = 2, .repealed = 1, .in_force = 1};
	want.published_by_category[0] = 1;
	want.published_by_category[1] = 2;
	want.published_by_category[2] = 1;
	want.published_by_category[3] = 1;
	want.published_total = 5;
	want.complaints_received = 2;
	want.complaints_closed = 2;
	want.fee_notices = 1;
	want.fees_paid = 1;
	want.fees_paid_fen = 12050;
	count(f->s, l.parent, true, "2024-01-01", "2024-12-31", &got);
	expect_counts(&want, &got);

	/* A + B = ΣC + D per applicant type, by construction. */
	for (int t = 0; t < APPLICANT_TYPE_COUNT; t++) {
		int64_t closed = 0;

		for (int o = 0; o < OUTCOME_COUNT; o++)
			closed += got.closed[o][t];
		assert_int_equal(got.received[t] + got.carried_in[t], closed + got.carried_out[t]);
	}
	/* The parent alone: only p1. */
	memset(&want, 0, sizeof(want));
	want.received[APPLICANT_NATURAL_PERSON] = 1;
	want.carried_out[APPLICANT_NATURAL_PERSON] = 1;
	count(f->s, l.parent, false, "2024-01-01", "2024-12-31", &got);
	expect_counts(&want, &got);

	assert_int_equal(store_count(f->s, &bad, &got, &m), GK_ENOTFOUND);
	bad.agency_id = l.c1;
	bad.to = D("2023-12-31");
	assert_int_equal(store_count(f->s, &bad, &got, &m), GK_EINVAL);
}

struct each_check {
	struct store *s;
	gk_date from, to;
	int calls;
	int64_t last_id;
};

static int check_against_one(void *ctx, const struct store_agency *a, const struct store_counts *c)
{
	struct each_check *e = ctx;
	struct store_scope scope = {a->id, false, e->from, e->to};
	struct store_counts one;
	struct gk_errmsg m;

	assert_true(a->id > e->last_id);
	assert_non_null(a->code);
	e->last_id = a->id;
	e->calls++;
	assert_int_equal(store_count(e->s, &scope, &one, &m), GK_OK);
	expect_counts(&one, c);
	return 0;
}

static void test_count_each_agency_agrees(void **state)
{
	static const char *years[][2] = {{"2022-01-01", "2022-12-31"},
					 {"2023-01-01", "2023-12-31"},
					 {"2024-01-01", "2024-12-31"},
					 {"2024-04-01", "2024-06-30"},
					 {"2025-01-01", "2025-12-31"}};
	struct fixture *f = *state;
	struct ledger l;
	struct gk_errmsg m;

	build_ledger(f->s, &l);
	for (size_t y = 0; y < sizeof(years) / sizeof(years[0]); y++) {
		struct each_check e = {f->s, D(years[y][0]), D(years[y][1]), 0, 0};

		assert_int_equal(
		    store_count_each_agency(f->s, e.from, e.to, check_against_one, &e, &m), GK_OK);
		assert_int_equal(e.calls, 5);
	}
}

struct figure_sum {
	int calls;
	char last[64];
};

static int sum_figures(void *ctx, const char *row, const char *column, const char *value,
		       const char *source)
{
	struct figure_sum *fs = ctx;

	(void)source;
	fs->calls++;
	snprintf(fs->last, sizeof(fs->last), "%s/%s=%s", row, column, value);
	return 0;
}

static void test_figures(void **state)
{
	struct fixture *f = *state;
	struct gk_errmsg m;
	struct ledger l;
	struct figure_sum fs = {0};
	struct store_scope region;

	build_ledger(f->s, &l);
	region = (struct store_scope){l.parent, true, D("2024-01-01"), D("2024-12-31")};
	assert_int_equal(
	    store_figure_set(f->s, l.c1, 2024, "licensing", "decisions", "12", "审批系统", &m),
	    GK_OK);
	assert_int_equal(
	    store_figure_set(f->s, l.c1, 2024, "licensing", "decisions", "13", NULL, &m), GK_OK);
	assert_int_equal(store_figure_set(f->s, l.c2, 2024, "fees", "amount", "7730.28", NULL, &m),
			 GK_OK);
	assert_int_equal(
	    store_figure_set(f->s, l.elsewhere, 2024, "fees", "amount", "-3", NULL, &m), GK_OK);
	assert_int_equal(store_figure_set(f->s, l.c2, 2023, "fees", "amount", "1", NULL, &m),
			 GK_OK);
	assert_int_equal(store_figure_each(f->s, &region, 2024, sum_figures, &fs, &m), GK_OK);
	assert_int_equal(fs.calls, 2);
	assert_string_equal(fs.last, "fees/amount=7730.28");
	fs.calls = 0;
	region.agency_id = l.c1;
	assert_int_equal(store_figure_each(f->s, &region, 2024, sum_figures, &fs, &m), GK_OK);
	assert_int_equal(fs.calls, 1);
	assert_string_equal(fs.last, "licensing/decisions=13");
}

static void test_report_texts_and_snapshots(void **state)
{
	struct fixture *f = *state;
	int64_t id = add_agency(f->s, "rep", 0);
	struct store_scope scope = {id, false, D("2024-01-01"), D("2024-12-31")};
	struct store_scope region = {id, true, D("2024-01-01"), D("2024-12-31")};
	struct gk_errmsg m;
	char *text, *snap, *by;
	gk_date on;

	assert_int_equal(store_report_text_get(f->s, &scope, 1, &text, &m), GK_OK);
	assert_null(text);
	assert_int_equal(store_report_text_set(f->s, &scope, 1, "总体情况：初稿", &m), GK_OK);
	assert_int_equal(store_report_text_set(f->s, &scope, 1, "总体情况：定稿", &m), GK_OK);
	assert_int_equal(store_report_text_get(f->s, &scope, 1, &text, &m), GK_OK);
	assert_string_equal(text, "总体情况：定稿");
	free(text);
	/* The region's report is another report. */
	assert_int_equal(store_report_text_get(f->s, &region, 1, &text, &m), GK_OK);
	assert_null(text);
	assert_int_equal(store_report_text_set(f->s, &scope, 7, "x", &m), GK_EINVAL);
	assert_int_equal(store_report_text_set(f->s, &scope, 1, NULL, &m), GK_OK);
	assert_int_equal(store_report_text_get(f->s, &scope, 1, &text, &m), GK_OK);
	assert_null(text);

	assert_int_equal(store_report_frozen(f->s, &scope, &snap, &by, &on, &m), GK_ENOTFOUND);
	assert_null(snap);
	assert_int_equal(
	    store_report_freeze(f->s, &scope, "{\"year\": 2024", "王", D("2025-01-20"), &m),
	    GK_EINVAL);
	assert_non_null(strstr(m.text, "JSON"));
	assert_int_equal(
	    store_report_freeze(f->s, &scope, "{\"year\": 2024}", "王", D("2025-01-20"), &m),
	    GK_OK);
	assert_int_equal(store_report_freeze(f->s, &scope, "{}", "李", D("2025-01-21"), &m),
			 GK_ECONFLICT);
	assert_non_null(strstr(m.text, "frozen already"));
	assert_int_equal(store_report_frozen(f->s, &scope, &snap, &by, &on, &m), GK_OK);
	assert_string_equal(snap, "{\"year\": 2024}");
	assert_string_equal(by, "王");
	assert_int_equal(on, D("2025-01-20"));
	free(snap);
	free(by);
	scope.agency_id = 31;
	assert_int_equal(store_report_freeze(f->s, &scope, "{}", "李", D("2025-01-21"), &m),
			 GK_ENOTFOUND);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vocabulary),
	    T(test_create_and_reopen),
	    T(test_old_schema_migrated),
	    T(test_newer_schema_refused),
	    T(test_missing_file),
	    T(test_not_a_database),
	    T(test_duplicates_and_references),
	    T(test_refused_values),
	    T(test_rollback_leaves_nothing),
	    T(test_nested_walks),
	    T(test_events_keep_the_application_in_step),
	    T(test_index_numbers),
	    T(test_count_child_2024),
	    T(test_count_child_2022_2023),
	    T(test_count_region),
	    T(test_count_each_agency_agrees),
	    T(test_figures),
	    T(test_report_texts_and_snapshots),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
