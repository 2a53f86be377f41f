/*
 * page_letters.c: the letters an applicant was sent, for the applicant —
 * listed with the status of the 查询号 and shown as sent (the stored HTML),
 * so that the answer can be read and printed again from /track. Only the
 * letters addressed to the applicant: the 征求意见书 go to a third party or
 * another agency and are never shown here. The 查询号 (80 random bits) is
 * what proves the reader is the applicant; its lookups are throttled like
 * /track's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letter/letter.h"
#include "store/store_letter.h"
#include "web/page.h"
#include "web/pages.h"

#include "base/banned.h"

static bool for_applicant(const char *kind, enum letter_kind *k)
{
	return letter_kind_parse(kind, k) && *k != LETTER_CONSULT_THIRD_PARTY &&
	       *k != LETTER_CONSULT_AGENCY;
}

struct listing {
	const struct page *pg;
	const char *code;
	json_t *list;
};

static int list_letter(void *ctx, const struct store_letter *l)
{
	struct listing *w = ctx;
	enum letter_kind k;

	if (for_applicant(l->kind, &k))
		json_array_append_new(
		    w->list, json_pack("{s:s, s:s, s:s, s:s}", "name", letter_kind_name(k),
				       "doc_number", l->doc_number, "issued",
				       page_date(w->pg, l->issued), "url",
				       arena_printf(w->pg->req->arena, "/track/%s/letters/%lld",
						    w->code, (long long)l->id)));
	return 0;
}

void page_public_letters(struct page *pg, json_t *status)
{
	const char *code = json_string_value(json_object_get(status, "tracking_code"));
	struct store_application a;
	struct listing w = {pg, code, json_array()};

	if (code && !store_application_by_tracking(pg->st, code, &a, NULL))
		store_letter_each(pg->st, a.id, list_letter, &w, NULL);
	json_object_set_new(status, "letters", w.list);
	json_object_set_new(status, "has_letters", json_boolean(json_array_size(w.list) > 0));
}

/* GET /track/{code}/letters/{letter}: one letter as it was sent. */
void page_track_letter(struct http_request *req, struct http_response *res)
{
	struct page pg;
	struct store_letter l;
	enum letter_kind k;
	json_t *status;
	char hash[LETTER_STYLE_HASH_MAX];
	struct store_application a;
	enum gk_err err;

	if (!page_begin(&pg, req, res) ||
	    !(status = page_track_lookup(&pg, http_arg_str(req, "code"))))
		return;
	err = store_application_by_tracking(
	    pg.st, json_string_value(json_object_get(status, "tracking_code")), &a, NULL);
	json_decref(status);
	if (err || store_letter_get(pg.st, http_arg_int(req, "letter", 0), &l, NULL) ||
	    l.application_id != a.id || !for_applicant(l.kind, &k))
		return http_error(req, res, 404, "没有这份文书。");
	buf_puts(&res->body, l.html);
	res->cache_control = "no-store";
	/* The letter carries its one inline style (letter.h), allowed by hash. */
	letter_style_hash(hash);
	res->csp = arena_printf(req->arena,
				"default-src 'none'; style-src %s; img-src 'self' data:; "
				"base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
				hash);
}
