/*
 * dashboard.c: the statistics of the back office. See dashboard.h.
 */
#include "app/dashboard.h"

#include <stdlib.h>
#include <string.h>

#include "app/procedure.h"
#include "base/ids.h"
#include "store/store_dashboard.h"
#include "store/store_supervision.h"

#include "base/banned.h"

enum dash_group dash_group_of(enum outcome o)
{
	if (o == OUTCOME_C1)
		return DASH_DISCLOSED;
	if (o == OUTCOME_C2)
		return DASH_PARTLY;
	if (o >= OUTCOME_C3_1 && o <= OUTCOME_C3_8)
		return DASH_WITHHELD;
	if (o >= OUTCOME_C4_1 && o <= OUTCOME_C4_3)
		return DASH_UNABLE;
	if (o >= OUTCOME_C5_1 && o <= OUTCOME_C5_5)
		return DASH_NOT_HANDLED;
	return DASH_OTHER; /* C6.1–C6.3, and the 2019 layout's C6 */
}

const char *dash_group_id(enum dash_group g)
{
	static const char *const ids[DASH_GROUP_COUNT] = {"disclosed", "partly",      "withheld",
							  "unable",    "not_handled", "other"};

	return (unsigned)g < DASH_GROUP_COUNT ? ids[g] : "";
}

const char *dash_group_name(enum dash_group g)
{
	static const char *const names[DASH_GROUP_COUNT] = {"予以公开", "部分公开", "不予公开",
							    "无法提供", "不予处理", "其他处理"};

	return (unsigned)g < DASH_GROUP_COUNT ? names[g] : "";
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

bool dash_median(int *v, size_t n, double *out)
{
	if (!n)
		return false;
	qsort(v, n, sizeof(*v), cmp_int);
	*out = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
	return true;
}

/* --- Counting ------------------------------------------------------------------ */

struct sample {
	size_t row; /* index in ids, or SIZE_MAX for an agency not listed */
	int days;
};

struct ctx {
	struct store *st;
	const struct calendar *cal;
	gk_date today;
	const int64_t *ids;
	size_t n;
	struct dashboard *d;
	struct store_event *ev; /* the log being replayed */
	size_t nev, evcap;
	struct proc_state *ps;
	struct sample *samples;
	size_t ns, scap;
	enum gk_err err;
	struct gk_errmsg *m;
};

static void add_counts(struct dash_row *r, const struct store_counts *c)
{
	for (int t = 0; t < APPLICANT_TYPE_COUNT; t++) {
		r->received += c->received[t];
		r->carried_in += c->carried_in[t];
		r->carried_out += c->carried_out[t];
		for (int o = 0; o < OUTCOME_COUNT; o++) {
			r->closed += c->closed[o][t];
			r->groups[dash_group_of((enum outcome)o)] += c->closed[o][t];
		}
	}
}

static int agency_counts(void *ctx, const struct store_agency *a, const struct store_counts *c)
{
	struct ctx *x = ctx;
	size_t i = ids_find(x->ids, x->n, a->id);

	if (i != SIZE_MAX)
		add_counts(&x->d->rows[i], c);
	return 0;
}

static int month_count(void *ctx, int64_t agency_id, int year, int month, int64_t count)
{
	struct ctx *x = ctx;

	(void)agency_id;
	if (year == x->d->year && month >= 1 && month <= 12)
		x->d->by_month[month - 1] += count;
	return 0;
}

static int copy_event(void *ctx, const struct store_event *e)
{
	struct ctx *x = ctx;

	if (x->nev == x->evcap) {
		size_t cap = x->evcap ? x->evcap * 2 : 32;
		struct store_event *grown = realloc(x->ev, cap * sizeof(*grown));

		if (!grown) {
			x->err = gk_errf(x->m, GK_ENOMEM, "out of memory replaying a case");
			return 1;
		}
		x->ev = grown, x->evcap = cap;
	}
	x->ev[x->nev] = *e;
	/* Only the dates, kinds and numbers set the clock; the strings die with the row. */
	x->ev[x->nev].note = NULL;
	x->ev[x->nev].data = NULL;
	x->nev++;
	return 0;
}

static bool add_sample(struct ctx *x, size_t row, int days)
{
	if (x->ns == x->scap) {
		size_t cap = x->scap ? x->scap * 2 : 256;
		struct sample *grown = realloc(x->samples, cap * sizeof(*grown));

		if (!grown)
			return false;
		x->samples = grown, x->scap = cap;
	}
	x->samples[x->ns++] = (struct sample){row, days};
	return true;
}

/* 第三十三条: the application's own clock, replayed from its log. */
static int answered_one(void *ctx, int64_t agency_id, int64_t application_id, gk_date received,
			gk_date answered, enum outcome outcome)
{
	struct ctx *x = ctx;
	size_t i = ids_find(x->ids, x->n, agency_id);
	const struct proc_state *ps = x->ps;
	bool on_time;
	int days;

	(void)outcome;
	x->nev = 0;
	if ((x->err = store_event_each(x->st, application_id, copy_event, x, x->m)))
		return 1;
	if (proc_replay(x->cal, received, x->ev, x->nev, x->today, x->ps, NULL) != GK_OK ||
	    !ps->answered)
		return 0;
	on_time = answered <= ps->due;
	/* The clock stopped at the answer: the working days it counted. */
	days = ps->clock.limit_days - ps->clock.working_days_left;
	if (days < 0)
		days = 0;
	x->d->total.answered++;
	x->d->total.on_time += on_time;
	if (i != SIZE_MAX) {
		x->d->rows[i].answered++;
		x->d->rows[i].on_time += on_time;
	}
	if (!add_sample(x, i, days)) {
		x->err = gk_errf(x->m, GK_ENOMEM, "out of memory");
		return 1;
	}
	return 0;
}

static int cmp_sample(const void *a, const void *b)
{
	const struct sample *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->days > y->days) - (x->days < y->days);
}

/* The medians: all answers, then each listed agency's. */
static enum gk_err medians(struct ctx *x, struct gk_errmsg *m)
{
	int *v = malloc((x->ns ? x->ns : 1) * sizeof(*v));
	size_t k = 0;

	if (!v)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	for (size_t i = 0; i < x->ns; i++)
		v[i] = x->samples[i].days;
	x->d->total.has_median = dash_median(v, x->ns, &x->d->total.median_days);
	if (x->ns)
		qsort(x->samples, x->ns, sizeof(*x->samples), cmp_sample);
	while (k < x->ns && x->samples[k].row != SIZE_MAX) {
		size_t row = x->samples[k].row, j = 0;

		while (k < x->ns && x->samples[k].row == row)
			v[j++] = x->samples[k++].days;
		x->d->rows[row].has_median = dash_median(v, j, &x->d->rows[row].median_days);
	}
	free(v);
	return GK_OK;
}

enum gk_err dashboard_compute(struct store *st, const struct calendar *cal,
			      const struct store_scope *scope, const int64_t *ids, size_t n,
			      gk_date today, struct dashboard *out, struct gk_errmsg *m)
{
	struct ctx x = {.st = st, .cal = cal, .today = today, .ids = ids, .n = n, .d = out, .m = m};
	struct store_counts *c = malloc(sizeof(*c));
	bool own = !store_in_transaction(st);
	enum gk_err err;

	memset(out, 0, sizeof(*out));
	out->year = date_year(scope->to);
	out->rows = calloc(n ? n : 1, sizeof(*out->rows));
	x.ps = malloc(sizeof(*x.ps));
	if (!c || !out->rows || !x.ps) {
		err = gk_errf(m, GK_ENOMEM, "out of memory");
		goto done;
	}
	out->n = n;
	for (size_t i = 0; i < n; i++)
		out->rows[i].agency_id = ids[i];
	out->total.agency_id = scope->agency_id;
	/* One snapshot: the counts, the months and the answers agree. */
	if (own && (err = store_read_begin(st, m)))
		goto done;
	if ((err = store_count(st, scope, c, m)))
		goto done;
	add_counts(&out->total, c);
	if (n && (err = store_count_each_agency(st, scope->from, scope->to, agency_counts, &x, m)))
		goto done;
	if ((err = store_received_by_month(st, scope, month_count, &x, m)))
		goto done;
	err = store_answered_each(st, scope->agency_id, scope->region, scope->from, scope->to,
				  answered_one, &x, m);
	if (!err)
		err = x.err;
	if (!err)
		err = medians(&x, m);
done:
	if (own && store_in_transaction(st))
		store_rollback(st);
	free(c);
	free(x.ps);
	free(x.ev);
	free(x.samples);
	return err;
}

void dashboard_release(struct dashboard *d)
{
	free(d->rows);
	memset(d, 0, sizeof(*d));
}
