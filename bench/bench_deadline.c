/*
 * bench_deadline: statutory deadlines computed per second on one core.
 *
 * Measures clock_compute() (the O(1) prefix-count calendar) on a fixed
 * pseudo-random mix of applications received 2019-2026 (a third with 补正,
 * a third extended, up to two consultation windows, a "today"), and, in the
 * same run on the same inputs, the obvious day-by-day walk as the
 * reference. Prints both rates and their ratio. Goal (issue "Foundation"):
 * at least 5 million deadlines per second.
 *
 * Run: make bench  (or: taskset -c 0 build/bench/bench_deadline)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "law/clock.h"

#define N_CASES 4096

struct bench_case {
	struct clock_input in;
	struct clock_pause pauses[2];
};

static uint32_t rng = 12345u;
static int rnd(int n)
{
	rng = rng * 1664525u + 1013904223u;
	return (int)((rng >> 8) % (uint32_t)n);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The reference: walk day by day, skipping paused days. */
static gk_date walk_due(const struct calendar *cal, const struct clock_input *in)
{
	gk_date d = in->has_corrected ? in->corrected : in->received;
	int k = 0, limit = CLOCK_BASE_DAYS + in->extension_days;

	while (k < limit) {
		bool paused = false;
		d++;
		for (size_t i = 0; i < in->n_pauses; i++)
			paused |= d > in->pauses[i].from && d <= in->pauses[i].to;
		k += calendar_is_working_day(cal, d) && !paused;
	}
	return d;
}

int main(int argc, char **argv)
{
	static struct bench_case cases[N_CASES];
	long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
	struct gk_errmsg m;
	struct calendar *cal = calendar_open(NULL, &m);
	gk_date base = date_from_ymd(2019, 1, 1);
	double t0, t_fast, t_walk;
	long sum = 0, n = 0;

	if (!cal || rounds <= 0)
		return 2;
	for (int i = 0; i < N_CASES; i++) {
		struct bench_case *c = &cases[i];
		c->in.received = base + rnd(2900);
		if (rnd(3) == 0) {
			c->in.has_corrected = true;
			c->in.corrected = c->in.received + rnd(20);
		}
		c->in.extension_days = rnd(3) == 0 ? 20 : 0;
		c->in.n_pauses = (size_t)rnd(3);
		for (size_t k = 0; k < c->in.n_pauses; k++) {
			gk_date at = k ? c->pauses[k - 1].to : c->in.received;
			c->pauses[k] = (struct clock_pause){at + rnd(20), 0, false, 0};
			c->pauses[k].to = c->pauses[k].from + rnd(20);
		}
		c->in.pauses = c->pauses;
		c->in.has_today = true;
		c->in.today = c->in.received + rnd(60);
	}

	t0 = now();
	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < N_CASES; i++) {
			struct clock_result res;
			enum clock_field f;
			if (clock_compute(cal, &cases[i].in, &res, &f, &m) != GK_OK)
				return 1;
			sum += res.due + res.working_days_left;
			n++;
		}
	}
	t_fast = now() - t0;

	t0 = now();
	for (long r = 0; r < rounds / 20 + 1; r++)
		for (int i = 0; i < N_CASES; i++)
			sum += walk_due(cal, &cases[i].in);
	t_walk = (now() - t0) / ((double)(rounds / 20 + 1) / (double)rounds);

	printf("deadlines computed:   %ld in %.3f s = %.2f million/s (clock_compute, with "
	       "validation, windows, working days left)\n", n, t_fast, (double)n / t_fast / 1e6);
	printf("reference (day walk): %.2f million/s (due date only)\n",
	       (double)n / t_walk / 1e6);
	printf("ratio: %.1fx the day-by-day walk; goal >= 5 million/s: %s\n", t_walk / t_fast,
	       (double)n / t_fast >= 5e6 ? "met" : "NOT met");
	/* Keep the work observable so the compiler cannot drop it. */
	fprintf(stderr, "checksum %ld\n", sum);
	calendar_free(cal);
	return 0;
}
