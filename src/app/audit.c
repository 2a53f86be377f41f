/*
 * The audit log's hash chain (audit.h): appending and verifying.
 */
#include "app/audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

/* Names the serialization, so that a later change of it is a new prefix
 * rather than a silent reinterpretation of old entries. */
static const char chain_domain[] = "gongkai audit v1";

static void put_u64(crypto_generichash_state *h, uint64_t v)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (56 - 8 * i));
	crypto_generichash_update(h, b, sizeof(b));
}

/* A text field: a presence byte, then its length and bytes, so that no two
 * different entries serialize alike (NULL differs from "", and a field's
 * end cannot be shifted into the next one). */
static void put_text(crypto_generichash_state *h, const char *v)
{
	uint8_t present = v != NULL;

	crypto_generichash_update(h, &present, 1);
	if (!v)
		return;
	put_u64(h, strlen(v));
	crypto_generichash_update(h, (const unsigned char *)v, strlen(v));
}

/* hash = BLAKE2b-256(domain || prev_hash || seq || at || user_id || client
 * || action || object || detail). */
static void entry_hash(const struct store_audit *e, uint8_t out[STORE_HASH_LEN])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, STORE_HASH_LEN);
	crypto_generichash_update(&h, (const unsigned char *)chain_domain, sizeof(chain_domain));
	crypto_generichash_update(&h, e->prev_hash, STORE_HASH_LEN);
	put_u64(&h, (uint64_t)e->seq);
	put_text(&h, e->at);
	put_u64(&h, (uint64_t)e->user_id);
	put_text(&h, e->client);
	put_text(&h, e->action);
	put_text(&h, e->object);
	put_text(&h, e->detail);
	crypto_generichash_final(&h, out, STORE_HASH_LEN);
}

void audit_format_time(int64_t t, char out[AUDIT_TIME_LEN])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, AUDIT_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, AUDIT_TIME_LEN, "1970-01-01T00:00:00Z");
}

/* Read the head of the chain and append e after it. */
static enum gk_err append_entry(struct store *s, struct store_audit *e, struct gk_errmsg *m)
{
	struct store_audit last;
	enum gk_err err = store_audit_last(s, &last, m);

	if (err == GK_ENOTFOUND) {
		e->seq = 1;
		memset(e->prev_hash, 0, STORE_HASH_LEN);
	} else if (err) {
		return err;
	} else {
		e->seq = last.seq + 1;
		memcpy(e->prev_hash, last.hash, STORE_HASH_LEN);
	}
	entry_hash(e, e->hash);
	return store_audit_append(s, e, m);
}

enum gk_err audit_append(struct store *s, const struct audit_who *who, const char *action,
			 const char *object, const char *detail, struct gk_errmsg *m)
{
	char at[AUDIT_TIME_LEN];
	struct store_audit e = {.at = at,
				.user_id = who->user_id,
				.client = who->client,
				.action = action,
				.object = object,
				.detail = detail};
	bool own;
	enum gk_err err;

	if (sodium_init() < 0)
		return gk_errf(m, GK_EINTERNAL, "libsodium could not start");
	audit_format_time(who->now, at);
	if ((err = store_join(s, &own, m)))
		return err;
	return store_leave(s, own, append_entry(s, &e, m), m);
}

struct verify_ctx {
	int64_t expected; /* the seq the next entry must have */
	uint8_t prev[STORE_HASH_LEN];
	int64_t first_bad;
	struct gk_errmsg *m;
};

static int verify_one(void *ctx, const struct store_audit *e)
{
	struct verify_ctx *v = ctx;
	uint8_t h[STORE_HASH_LEN];

	if (e->seq != v->expected) {
		v->first_bad = v->expected;
		gk_errf(v->m, GK_EFORMAT,
			"audit entry %" PRId64 " is missing: the log goes from %" PRId64
			" to %" PRId64,
			v->expected, v->expected - 1, e->seq);
		return 1;
	}
	if (sodium_memcmp(e->prev_hash, v->prev, STORE_HASH_LEN) != 0) {
		v->first_bad = e->seq;
		gk_errf(v->m, GK_EFORMAT,
			"audit entry %" PRId64 " does not link to the entry before it", e->seq);
		return 1;
	}
	entry_hash(e, h);
	if (sodium_memcmp(h, e->hash, STORE_HASH_LEN) != 0) {
		v->first_bad = e->seq;
		gk_errf(v->m, GK_EFORMAT,
			"audit entry %" PRId64 " (%s, %s) was altered: its hash does not match "
			"its content",
			e->seq, e->at ? e->at : "?", e->action ? e->action : "?");
		return 1;
	}
	memcpy(v->prev, e->hash, STORE_HASH_LEN);
	v->expected++;
	return 0;
}

enum gk_err audit_verify(struct store *s, int64_t *entries, int64_t *first_bad,
			 uint8_t head[STORE_HASH_LEN], struct gk_errmsg *m)
{
	struct verify_ctx v = {.expected = 1, .m = m};
	bool own = !store_in_transaction(s);
	enum gk_err err;

	if (sodium_init() < 0)
		return gk_errf(m, GK_EINTERNAL, "libsodium could not start");
	/* One snapshot: entries appended meanwhile do not make a false gap. */
	if (own && (err = store_read_begin(s, m)))
		return err;
	err = store_audit_each(s, verify_one, &v, m);
	if (own)
		store_rollback(s);
	*entries = v.expected - 1;
	*first_bad = v.first_bad;
	if (head)
		memcpy(head, v.prev, STORE_HASH_LEN);
	if (err)
		return err;
	return v.first_bad ? GK_EFORMAT : GK_OK;
}
