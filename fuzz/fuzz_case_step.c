/*
 * libFuzzer target for a step on a case (app/case.h): any bytes as the
 * JSON body of POST /api/v1/office/applications/{id}/events, parsed by
 * case_event_parse and, when it parses, taken by case_act on a case in an
 * in-memory ledger by an actor who may do everything. Beyond not crashing:
 * a refused step leaves the log as it was and says why; a taken one adds
 * exactly one event and the log still replays.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/case.h"

#include "base/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static struct store *st;
static struct calendar *cal;
static int64_t user, agency;

static void setup(void)
{
	struct store_agency fgj = {.code = "fgj", .name = "某某区发展和改革局"};
	struct store_user u = {.username = "h", .role = ROLE_HANDLER, .password_hash = "x"};

	CHECK(store_open(":memory:", STORE_OPEN_CREATE, &st, NULL) == GK_OK);
	CHECK(store_agency_add(st, &fgj, &agency, NULL) == GK_OK);
	u.agency_id = agency;
	CHECK(store_user_add(st, &u, &user, NULL) == GK_OK);
	CHECK((cal = calendar_open(NULL, NULL)) != NULL);
}

static int64_t events(int64_t id)
{
	int64_t n;

	CHECK(store_event_count(st, id, &n, NULL) == GK_OK);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct case_ctx cx;
	struct case_data d;
	struct store_application a = {.ref = "F1", .received = date_from_ymd(2025, 6, 3)};
	struct store_event received = {.kind = EVENT_RECEIVED, .date = a.received};
	struct proc_actor who = {.may_handle = true, .may_review = true,
				 .may_approve_extension = true};
	struct store_event e;
	struct gk_errmsg m;
	char *ev_data = NULL, *note = NULL;
	int64_t id, before;
	json_t *in;
	enum gk_err err;

	if (!st)
		setup();
	cx = (struct case_ctx){.st = st, .cal = cal, .today = date_from_ymd(2025, 6, 30),
			       .who = {.user_id = user, .client = "fuzz"}};
	who.user_id = user + 1; /* another person may approve and review */
	CHECK(store_begin(st, NULL) == GK_OK);
	a.agency_id = agency;
	CHECK(store_application_add_logged(st, &a, &received, 1, &id, NULL) == GK_OK);
	in = json_loadb((const char *)data, size, 0, NULL);
	CHECK(case_load(&cx, id, &d, NULL) == GK_OK);
	before = events(id);
	err = json_is_object(in) ? case_event_parse(&cx, &d, in, &e, &ev_data, &note, &m)
				 : GK_EINVAL;
	if (!err) {
		e.data = ev_data;
		e.note = note;
		err = case_act(&cx, id, -1, &e, &who, &m);
		CHECK(events(id) == before + (err ? 0 : 1));
		if (err)
			CHECK(m.text[0] != '\0');
		else
			CHECK(case_refresh(&cx, id, NULL) == GK_OK);
	}
	free(ev_data);
	free(note);
	case_release(&d);
	json_decref(in);
	/* Each input starts from the same ledger. */
	store_rollback(st);
	return 0;
}
