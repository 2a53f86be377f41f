/*
 * store_letter.h: the letters an agency sent (告知书, 答复书), kept as sent.
 *
 * A letter is stored with the HTML it was printed from, so that what the
 * applicant received can be shown again years later, whatever became of
 * the templates since. Each agency numbers its letters per calendar year
 * of issue: seq 1, 2, 3 … and the document number (文号)
 * "<prefix>〔<year>〕<seq>号", e.g. "某政公开〔2026〕12号". The numbers of
 * one agency and year have no gaps and no duplicates: the next number is
 * taken and the letter stored in one write transaction (BEGIN IMMEDIATE,
 * or a savepoint inside the caller's transaction), and UNIQUE(agency_id,
 * year, seq) backs that up.
 *
 * The letter prints its own number, which is only known inside that
 * transaction: set `render` and the store calls it once seq and
 * doc_number are assigned, storing what it appends instead of `html`.
 * A failing render stores nothing and takes no number.
 *
 * Conventions as in store.h: strings are UTF-8, records read back point
 * into the store's buffers (valid until the next call on s, or during the
 * callback); errors GK_EINVAL (a value refused, named in m), GK_ENOTFOUND
 * (no such agency, application, user or letter), GK_EIO.
 */
#ifndef GK_STORE_LETTER_H
#define GK_STORE_LETTER_H

#include <stdint.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "store/store.h"

#define STORE_LETTER_KIND_MAX 32 /* letter_kind_id(): "consult_third_party" */
#define STORE_LETTER_HTML_MAX STORE_TEXT_MAX

struct store_letter;

/* Produce the letter's HTML for l (seq and doc_number are set) into html. */
typedef enum gk_err (*store_letter_render_fn)(void *ctx, const struct store_letter *l,
					      struct buf *html, struct gk_errmsg *m);

struct store_letter {
	int64_t id;		/* set by the store */
	int64_t agency_id;	/* the agency that issues it */
	int64_t application_id; /* the application it belongs to; 0 = none */
	const char *kind;	/* letter_kind_id() of letter/letter.h, 1–32 bytes */
	gk_date issued;		/* 成文日期; its year picks the numbering */
	int64_t user_id;	/* who issued it; 0 = the system */
	const char *html;	/* the letter as sent; ignored when render is set */
	/* Input to store_letter_add only. */
	const char *doc_prefix; /* 机关代字, e.g. "某政公开": 1–64 bytes, no control characters */
	store_letter_render_fn render; /* optional, see above */
	void *render_ctx;
	/* Set by the store (add) or read back (get, each). */
	int year;
	int64_t seq;
	const char *doc_number;
};

/*
 * Number and store l: the next seq of (agency, year of issued), the
 * doc_number, then the HTML (from render when set), all in one write
 * transaction. On GK_OK l->year, l->seq, l->doc_number (valid until the
 * next call on s), l->id and *id (when not NULL) are set. The application,
 * when given, must belong to the agency (GK_EINVAL otherwise).
 */
enum gk_err store_letter_add(struct store *s, struct store_letter *l, int64_t *id,
			     struct gk_errmsg *m);

/* The letter with that id; GK_ENOTFOUND when there is none. html included. */
enum gk_err store_letter_get(struct store *s, int64_t id, struct store_letter *out,
			     struct gk_errmsg *m);

typedef int (*store_letter_fn)(void *ctx, const struct store_letter *l);
/* The letters of one application in (issued, id) order; a non-zero return
 * from fn stops the walk. */
enum gk_err store_letter_each(struct store *s, int64_t application_id, store_letter_fn fn,
			      void *ctx, struct gk_errmsg *m);

#endif
