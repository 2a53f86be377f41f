/*
 * Unit tests for store_letter.h: letters are numbered per agency and year
 * without gaps or duplicates (also when several processes issue letters
 * at once), the number is printed into the letter by the render hook, a
 * refused or rolled-back letter takes no number, and what is stored reads
 * back as sent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db_fixture.h"
#include "store/store_letter.h"

static gk_date D(const char *s)
{
	gk_date d;

	assert_true(date_parse(str_from_cstr(s), &d));
	return d;
}

static int64_t add_application(struct db_fixture *f, int64_t agency, const char *ref)
{
	struct store_application a = {.agency_id = agency, .ref = ref, .received = D("2026-03-02")};
	struct gk_errmsg m;
	int64_t id = 0;

	if (store_application_add(f->s, &a, &id, &m))
		fail_msg("%s", m.text);
	return id;
}

static struct store_letter letter(int64_t agency, int64_t app, const char *issued)
{
	return (struct store_letter){.agency_id = agency,
				     .application_id = app,
				     .kind = "correction",
				     .issued = D(issued),
				     .html = "<p>补正告知书</p>",
				     .doc_prefix = "发改公开"};
}

static void numbers_run_per_agency_and_year(void **state)
{
	struct db_fixture *f = *state;
	int64_t app = add_application(f, f->agency, "2026-001");
	struct store_letter a = letter(f->agency, app, "2026-03-05");
	struct store_letter b = letter(f->agency, app, "2026-12-31");
	struct store_letter c = letter(f->agency, 0, "2027-01-04");
	struct store_letter d = letter(f->region, 0, "2026-06-01");
	struct gk_errmsg m;
	int64_t id = 0;

	assert_int_equal(store_letter_add(f->s, &a, &id, &m), GK_OK);
	assert_int_equal(a.seq, 1);
	assert_int_equal(a.year, 2026);
	assert_string_equal(a.doc_number, "发改公开〔2026〕1号");
	assert_true(id > 0 && a.id == id);
	assert_int_equal(store_letter_add(f->s, &b, NULL, &m), GK_OK);
	assert_int_equal(b.seq, 2);
	assert_string_equal(b.doc_number, "发改公开〔2026〕2号");
	/* A new year starts again at 1. */
	assert_int_equal(store_letter_add(f->s, &c, NULL, &m), GK_OK);
	assert_int_equal(c.seq, 1);
	assert_string_equal(c.doc_number, "发改公开〔2027〕1号");
	/* Another agency has its own numbers. */
	d.doc_prefix = "区政公开";
	assert_int_equal(store_letter_add(f->s, &d, NULL, &m), GK_OK);
	assert_string_equal(d.doc_number, "区政公开〔2026〕1号");
}

static void reads_back_as_sent(void **state)
{
	struct db_fixture *f = *state;
	int64_t app = add_application(f, f->agency, "2026-002");
	struct store_letter a = letter(f->agency, app, "2026-03-05");
	struct store_letter out;
	struct gk_errmsg m;
	int64_t id;

	a.kind = "answer_disclose";
	a.html = "<!doctype html><p>我单位于2026年3月2日收到您……</p>";
	a.user_id = 0;
	assert_int_equal(store_letter_add(f->s, &a, &id, &m), GK_OK);
	assert_int_equal(store_letter_get(f->s, id, &out, &m), GK_OK);
	assert_int_equal(out.id, id);
	assert_int_equal(out.agency_id, f->agency);
	assert_int_equal(out.application_id, app);
	assert_string_equal(out.kind, "answer_disclose");
	assert_string_equal(out.html, a.html);
	assert_string_equal(out.doc_number, "发改公开〔2026〕1号");
	assert_int_equal(out.issued, D("2026-03-05"));
	assert_int_equal(out.seq, 1);
	assert_int_equal(out.year, 2026);
	assert_int_equal(store_letter_get(f->s, id + 100, &out, &m), GK_ENOTFOUND);
	assert_non_null(strstr(m.text, "no such letter"));
}

struct listed {
	char numbers[4][64];
	char kinds[4][32];
	int n;
};

static int list_one(void *ctx, const struct store_letter *l)
{
	struct listed *x = ctx;

	if (x->n < 4) {
		snprintf(x->numbers[x->n], sizeof(x->numbers[0]), "%s", l->doc_number);
		snprintf(x->kinds[x->n], sizeof(x->kinds[0]), "%s", l->kind);
	}
	x->n++;
	return 0;
}

static void each_lists_an_application_in_date_order(void **state)
{
	struct db_fixture *f = *state;
	int64_t app = add_application(f, f->agency, "2026-003");
	int64_t other = add_application(f, f->agency, "2026-004");
	struct store_letter later = letter(f->agency, app, "2026-04-01");
	struct store_letter first = letter(f->agency, app, "2026-03-03");
	struct store_letter elsewhere = letter(f->agency, other, "2026-03-04");
	struct listed x = {0};
	struct gk_errmsg m;

	later.kind = "answer_disclose";
	first.kind = "receipt";
	assert_int_equal(store_letter_add(f->s, &later, NULL, &m), GK_OK);
	assert_int_equal(store_letter_add(f->s, &elsewhere, NULL, &m), GK_OK);
	assert_int_equal(store_letter_add(f->s, &first, NULL, &m), GK_OK);
	assert_int_equal(store_letter_each(f->s, app, list_one, &x, &m), GK_OK);
	assert_int_equal(x.n, 2);
	/* Numbers follow the order of issue, the list the dates. */
	assert_string_equal(x.kinds[0], "receipt");
	assert_string_equal(x.numbers[0], "发改公开〔2026〕3号");
	assert_string_equal(x.kinds[1], "answer_disclose");
	assert_string_equal(x.numbers[1], "发改公开〔2026〕1号");
}

/* The render hook: the letter prints the number it is given. */
static enum gk_err render_number(void *ctx, const struct store_letter *l, struct buf *html,
				 struct gk_errmsg *m)
{
	(void)m;
	buf_printf(html, "<p class=\"docno\">%s</p><p>%s</p>", l->doc_number, (const char *)ctx);
	return GK_OK;
}

static enum gk_err render_fails(void *ctx, const struct store_letter *l, struct buf *html,
				struct gk_errmsg *m)
{
	(void)ctx;
	(void)l;
	buf_puts(html, "half a letter");
	return gk_errf(m, GK_EFORMAT, "letter.fee:3: unclosed section 'fee_lines'");
}

static void render_hook_prints_the_number_and_failures_take_none(void **state)
{
	struct db_fixture *f = *state;
	struct store_letter a = letter(f->agency, 0, "2026-05-06");
	struct store_letter out;
	struct gk_errmsg m;
	int64_t id;

	a.html = NULL;
	a.render = render_fails;
	assert_int_equal(store_letter_add(f->s, &a, &id, &m), GK_EFORMAT);
	assert_non_null(strstr(m.text, "letter.fee:3"));
	a.render = render_number;
	a.render_ctx = "收费通知书";
	assert_int_equal(store_letter_add(f->s, &a, &id, &m), GK_OK);
	assert_int_equal(a.seq, 1);
	assert_int_equal(store_letter_get(f->s, id, &out, &m), GK_OK);
	assert_string_equal(out.html,
			    "<p class=\"docno\">发改公开〔2026〕1号</p><p>收费通知书</p>");
}

static void rollback_and_refusals_take_no_number(void **state)
{
	struct db_fixture *f = *state;
	int64_t app = add_application(f, f->agency, "2026-005");
	int64_t foreign = add_application(f, f->other, "2026-005");
	struct store_letter a = letter(f->agency, app, "2026-03-05");
	struct gk_errmsg m;

	/* Inside the caller's transaction, rolled back with it. */
	assert_int_equal(store_begin(f->s, &m), GK_OK);
	assert_int_equal(store_letter_add(f->s, &a, NULL, &m), GK_OK);
	assert_int_equal(a.seq, 1);
	store_rollback(f->s);

	a.application_id = foreign;
	assert_int_equal(store_letter_add(f->s, &a, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "belongs to agency"));
	a.application_id = foreign + 1000;
	assert_int_equal(store_letter_add(f->s, &a, NULL, &m), GK_ENOTFOUND);
	a.application_id = app;
	a.doc_prefix = "";
	assert_int_equal(store_letter_add(f->s, &a, NULL, &m), GK_EINVAL);
	assert_non_null(strstr(m.text, "document number prefix"));
	a.doc_prefix = "发改公开";
	a.agency_id = f->other + 1000;
	assert_int_equal(store_letter_add(f->s, &a, NULL, &m), GK_ENOTFOUND);
	a.agency_id = f->agency;
	a.html = "";
	assert_int_equal(store_letter_add(f->s, &a, NULL, &m), GK_EINVAL);
	a.html = "<p>x</p>";
	a.issued = 0;
	assert_int_equal(store_letter_add(f->s, &a, NULL, &m), GK_EINVAL);

	a.issued = D("2026-03-05");
	assert_int_equal(store_letter_add(f->s, &a, NULL, &m), GK_OK);
	assert_int_equal(a.seq, 1);
}

/*
 * Several processes, each with its own connection to the same file, issue
 * letters of one agency at the same time: every number 1..N is taken
 * exactly once.
 */
#define WRITERS 4
#define LETTERS_EACH 25

static int count_seq(void *ctx, const struct store_letter *l)
{
	int *seen = ctx;

	if (l->seq >= 1 && l->seq <= WRITERS * LETTERS_EACH)
		seen[l->seq - 1]++;
	else
		seen[WRITERS * LETTERS_EACH]++;
	return 0;
}

static void concurrent_writers_share_one_sequence(void **state)
{
	struct db_fixture *f = *state;
	int64_t app = add_application(f, f->agency, "2026-006");
	int seen[WRITERS * LETTERS_EACH + 1] = {0};
	pid_t pids[WRITERS];
	struct gk_errmsg m;

	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			struct store *s;
			int status = 0;

			/* A connection of the child's own; the parent's is not used. */
			if (store_open(f->path, STORE_OPEN_EXISTING, &s, &m))
				_exit(3);
			for (int i = 0; i < LETTERS_EACH && !status; i++) {
				struct store_letter l = letter(f->agency, app, "2026-07-01");

				if (store_letter_add(s, &l, NULL, &m)) {
					fprintf(stderr, "writer %d: %s\n", w, m.text);
					status = 4;
				}
			}
			store_close(s);
			_exit(status);
		}
	}
	for (int w = 0; w < WRITERS; w++) {
		int status;

		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(store_letter_each(f->s, app, count_seq, seen, &m), GK_OK);
	for (int i = 0; i < WRITERS * LETTERS_EACH; i++)
		assert_int_equal(seen[i], 1);
	assert_int_equal(seen[WRITERS * LETTERS_EACH], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(numbers_run_per_agency_and_year, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(reads_back_as_sent, db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(each_lists_an_application_in_date_order, db_setup,
					    db_teardown),
	    cmocka_unit_test_setup_teardown(render_hook_prints_the_number_and_failures_take_none,
					    db_setup, db_teardown),
	    cmocka_unit_test_setup_teardown(rollback_and_refusals_take_no_number, db_setup,
					    db_teardown),
	    cmocka_unit_test_setup_teardown(concurrent_writers_share_one_sequence, db_setup,
					    db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
