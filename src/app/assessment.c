/*
 * assessment.c: the metrics of the assessment table and the facts they
 * are computed from (assessment.h).
 */
#include "app/assessment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/procedure.h"
#include "base/ids.h"
#include "store/store_supervision.h"

#include "base/banned.h"

static const struct assess_metric_info metrics[ASSESS_METRIC_COUNT] = {
    [ASSESS_MANUAL] = {"manual", "人工评分", "由考核人员逐个机关录入得分。", false},
    [ASSESS_ON_TIME_RATE] = {"on_time_rate", "按期答复率",
			     "考核期内答复的申请中，在法定期限内答复的比例（条例第三十三条）；"
			     "得分为分值乘以该比例。",
			     true},
    [ASSESS_PUBLICATION_RATE] = {"publication_rate", "主动公开及时率",
				 "考核期内形成的信息中，自形成之日起20个工作日内公开的比例"
				 "（条例第二十六条）；得分为分值乘以该比例。",
				 true},
    [ASSESS_OVERDUE_OPEN] = {"overdue_open", "超期未办结",
			     "当前已超过答复期限仍未办结的申请，每件扣减设定分数。", false},
    [ASSESS_LATE_PUBLISHED] = {"late_published", "逾期公开",
			       "考核期内形成、超过20个工作日才公开或至今仍未公开的信息（条例第二十"
			       "六条），每条扣减设定分数。",
			       false},
    [ASSESS_COMPLAINTS_UPHELD] =
	{"complaints_upheld", "投诉查证属实",
	 "考核期内收到、经查证属实并发出整改通知书的投诉（条例第四十七条第二"
	 "款），每件扣减设定分数。",
	 false},
    [ASSESS_APPEALS_CORRECTED] =
	{"appeals_corrected", "复议诉讼被纠错",
	 "考核期内审结、结果为纠正的行政复议和行政诉讼案件（条例第五十一条），"
	 "每件扣减设定分数。",
	 false},
    [ASSESS_RECTIFICATIONS_LATE] = {"rectifications_late", "整改逾期",
				    "考核期内发出、超过整改期限才回复或逾期未回复的整改通知书，"
				    "每件扣减设定分数。",
				    false},
};

const struct assess_metric_info *assess_metric_info(enum assess_metric k)
{
	return (unsigned)k < ASSESS_METRIC_COUNT ? &metrics[k] : NULL;
}

/* A decimal of at most ASSESS_DECIMALS decimals in hundredths; false
 * for anything else or past limit (in whole units). */
static bool parse_hundredths(const char *s, size_t len, int64_t limit, int64_t *out)
{
	int64_t v = 0;
	size_t i = 0, decimals = 0;
	bool point = false, digits = false;

	for (; i < len; i++) {
		char c = s[i];

		if (c == '.' && !point && digits) {
			point = true;
			continue;
		}
		if (c < '0' || c > '9')
			return false;
		if (point && ++decimals > ASSESS_DECIMALS)
			return false;
		digits = true;
		v = v * 10 + (c - '0');
		if (v > limit * 1000)
			return false;
	}
	if (!digits || (point && !decimals))
		return false;
	for (; decimals < ASSESS_DECIMALS; decimals++)
		v *= 10;
	if (v > limit * 100)
		return false;
	*out = v;
	return true;
}

bool assess_metric_parse(const char *stored, enum assess_metric *k, double *deduct)
{
	const char *colon;
	size_t n;

	if (!stored)
		return false;
	colon = strchr(stored, ':');
	n = colon ? (size_t)(colon - stored) : strlen(stored);
	for (int i = 0; i < ASSESS_METRIC_COUNT; i++) {
		int64_t h = 100;

		if (strlen(metrics[i].id) != n || memcmp(metrics[i].id, stored, n))
			continue;
		/* A deduction only means something for a count of faults. */
		if (colon && (metrics[i].rate || i == ASSESS_MANUAL ||
			      !parse_hundredths(colon + 1, strlen(colon + 1), 1000, &h) || h == 0))
			return false;
		*k = (enum assess_metric)i;
		*deduct = (double)h / 100;
		return true;
	}
	return false;
}

void assess_score_format(double score, char out[32])
{
	size_t n;

	snprintf(out, 32, "%.*f", ASSESS_DECIMALS, score);
	/* "7.50" → "7.5", "8.00" → "8" */
	n = strlen(out);
	while (n && out[n - 1] == '0' && strchr(out, '.'))
		out[--n] = '\0';
	if (n && out[n - 1] == '.')
		out[--n] = '\0';
	if (!strcmp(out, "-0"))
		snprintf(out, 32, "0");
}

void assess_metric_format(enum assess_metric k, double deduct, char out[32])
{
	const struct assess_metric_info *info = assess_metric_info(k);
	char d[32];

	if (!info) {
		snprintf(out, 32, "manual");
		return;
	}
	if (info->rate || k == ASSESS_MANUAL || deduct == 1) {
		snprintf(out, 32, "%s", info->id);
		return;
	}
	assess_score_format(deduct, d);
	snprintf(out, 32, "%.20s:%.10s", info->id, d);
}

static double ratio(int64_t part, int64_t whole)
{
	/* Nothing to measure is no fault. */
	return whole > 0 ? (double)part / (double)whole : 1.0;
}

double assess_value(enum assess_metric k, const struct assess_facts *f)
{
	switch (k) {
	case ASSESS_ON_TIME_RATE:
		return ratio(f->answered_on_time, f->answered);
	case ASSESS_PUBLICATION_RATE:
		return ratio(f->docs_measured - f->docs_late, f->docs_measured);
	case ASSESS_OVERDUE_OPEN:
		return (double)f->overdue_open;
	case ASSESS_LATE_PUBLISHED:
		return (double)f->docs_late;
	case ASSESS_COMPLAINTS_UPHELD:
		return (double)f->complaints_upheld;
	case ASSESS_APPEALS_CORRECTED:
		return (double)f->appeals_corrected;
	case ASSESS_RECTIFICATIONS_LATE:
		return (double)f->rectifications_late;
	default:
		return 0;
	}
}

static double round_score(double v)
{
	return floor(v * 100 + 0.5) / 100;
}

double assess_score(enum assess_metric k, double deduct, int max_score,
		    const struct assess_facts *f)
{
	const struct assess_metric_info *info = assess_metric_info(k);
	double v = assess_value(k, f), s;

	if (!info || k == ASSESS_MANUAL)
		return 0;
	if (info->rate)
		s = max_score * v;
	else
		s = max_score - v * (deduct > 0 ? deduct : 1);
	if (s < 0)
		s = 0;
	if (s > max_score)
		s = max_score;
	return round_score(s);
}

enum gk_err assess_score_parse(const char *text, int max_score, double *out, struct gk_errmsg *m)
{
	int64_t h;

	if (!text || !parse_hundredths(text, strlen(text), max_score, &h))
		return gk_errf(m, GK_EINVAL, "得分应为 0 至 %d 之间的数，最多两位小数", max_score);
	*out = (double)h / 100;
	return GK_OK;
}

bool assess_publish_deadline(const struct calendar *cal, gk_date created, gk_date *deadline)
{
	/* 民法典第二百零一条: the day it was made is not counted. */
	return calendar_in_range(created) &&
	       calendar_add_working_days(cal, created, ASSESS_PUBLISH_DAYS, deadline);
}

bool assess_published_late(const struct calendar *cal, gk_date created, gk_date published,
			   gk_date today, bool *measured)
{
	gk_date deadline;

	*measured = false;
	if (!assess_publish_deadline(cal, created, &deadline))
		return false;
	if (published) {
		*measured = true;
		return published > deadline;
	}
	/* Not published yet: late once the deadline is behind us; before
	 * that it cannot be judged. */
	*measured = today > deadline;
	return *measured;
}

/* --- Collecting the facts ------------------------------------------------- */

struct collect {
	struct store *st;
	const struct calendar *cal;
	gk_date today;
	const int64_t *ids;
	size_t n;
	struct assess_facts *facts;
	int64_t *late; /* assess_late_documents */
	struct store_event *events;
	size_t n_events, cap;
	bool overflow;
	enum gk_err err;
	struct gk_errmsg *m;
};

static int copy_event(void *ctx, const struct store_event *e)
{
	struct collect *c = ctx;

	if (c->n_events == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 32;
		struct store_event *grown;

		if (cap > 4096 || !(grown = realloc(c->events, cap * sizeof(*grown)))) {
			c->overflow = true;
			return 1;
		}
		c->events = grown;
		c->cap = cap;
	}
	c->events[c->n_events] = *e;
	/* Only the dates and kinds set the clock; the strings die with the row. */
	c->events[c->n_events].note = NULL;
	c->events[c->n_events].data = NULL;
	c->n_events++;
	return 0;
}

/* 第三十三条: was the answer given by its due date? The log is replayed
 * (app/procedure.h), so 补正 restarting the period (第三十条), the
 * consultations not counted (第三十三条第三款) and an approved extension
 * all count as they did for the handler. */
static int answered_one(void *ctx, int64_t agency_id, int64_t application_id, gk_date received,
			gk_date answered, enum outcome outcome)
{
	struct collect *c = ctx;
	size_t i = ids_find(c->ids, c->n, agency_id);
	struct proc_state *ps;

	(void)outcome;
	if (i == SIZE_MAX)
		return 0;
	c->n_events = 0;
	c->overflow = false;
	if ((c->err = store_event_each(c->st, application_id, copy_event, c, c->m)))
		return 1;
	if (c->overflow)
		return 0; /* a log we cannot hold is not judged */
	if (!(ps = malloc(sizeof(*ps)))) {
		c->err = gk_errf(c->m, GK_ENOMEM, "out of memory replaying a case");
		return 1;
	}
	/* A log that cannot be replayed (a damaged import) is left out of both
	 * counts rather than judged on a guess. */
	if (proc_replay(c->cal, received, c->events, c->n_events, c->today, ps, NULL) == GK_OK &&
	    ps->answered) {
		c->facts[i].answered++;
		c->facts[i].answered_on_time += answered <= ps->due;
	}
	free(ps);
	return 0;
}

static int document_one(void *ctx, int64_t agency_id, int64_t document_id, gk_date created,
			gk_date published)
{
	struct collect *c = ctx;
	size_t i = ids_find(c->ids, c->n, agency_id);
	bool measured, late;

	(void)document_id;
	if (i == SIZE_MAX)
		return 0;
	late = assess_published_late(c->cal, created, published, c->today, &measured);
	if (c->late) {
		c->late[i] += late;
	} else {
		c->facts[i].docs_measured += measured;
		c->facts[i].docs_late += late;
	}
	return 0;
}

enum gk_err assess_collect(struct store *st, const struct calendar *cal, int64_t agency_id,
			   bool region, gk_date from, gk_date to, gk_date today, const int64_t *ids,
			   size_t n, struct assess_facts *out, struct gk_errmsg *m)
{
	struct collect c = {st, cal, today, ids, n, out, NULL, NULL, 0, 0, false, GK_OK, m};
	struct store_oversight *ov = calloc(n ? n : 1, sizeof(*ov));
	struct store_sup_faults *fa = calloc(n ? n : 1, sizeof(*fa));
	enum gk_err err;

	memset(out, 0, n * sizeof(*out));
	if (!ov || !fa) {
		err = gk_errf(m, GK_ENOMEM, "out of memory for the assessment");
		goto done;
	}
	if ((err = store_answered_each(st, agency_id, region, from, to, answered_one, &c, m)) ||
	    (err = c.err))
		goto done;
	if ((err =
		 store_document_deadlines(st, agency_id, region, from, to, document_one, &c, m)) ||
	    (err = store_oversight_count(st, agency_id, region, today, ids, n, ov, m)) ||
	    (err = store_sup_faults_count(st, agency_id, region, from, to, today, ids, n, fa, m)))
		goto done;
	for (size_t i = 0; i < n; i++) {
		out[i].overdue_open = ov[i].overdue;
		out[i].complaints_upheld = fa[i].complaints_upheld;
		out[i].appeals_corrected = fa[i].appeals_corrected;
		out[i].rectifications_late = fa[i].rectifications_late;
	}
done:
	free(c.events);
	free(ov);
	free(fa);
	return err;
}

enum gk_err assess_late_documents(struct store *st, const struct calendar *cal, int64_t agency_id,
				  bool region, gk_date from, gk_date to, gk_date today,
				  const int64_t *ids, size_t n, int64_t *late, struct gk_errmsg *m)
{
	struct collect c = {.st = st, .cal = cal, .today = today, .ids = ids, .n = n, .late = late};

	memset(late, 0, n * sizeof(*late));
	return store_document_deadlines(st, agency_id, region, from, to, document_one, &c, m);
}
