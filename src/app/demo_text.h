/*
 * demo_text.h: the words of the demo region — a seeded random number
 * generator, the department types an agency can be, and plausible Chinese
 * names, titles, bodies, requests and complaints assembled from phrase
 * tables.
 *
 * Everything is a pure function of the generator's state, so the same seed
 * gives the same text (the demo's promise "same seed, same data"). Nothing
 * here touches the store; demo.c decides what to create and when.
 */
#ifndef GK_APP_DEMO_TEXT_H
#define GK_APP_DEMO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

/* --- Random numbers ----------------------------------------------------- */

/* xoshiro256** seeded through splitmix64 (Blackman and Vigna): small, fast and
 * the same on every platform, unlike rand(). */
struct demo_rng {
	uint64_t s[4];
};

/* Seed a generator for one stream of the demo: the same (seed, stream) gives
 * the same sequence, and different streams do not overlap in practice, so
 * each kind of record can be generated without shifting the others. */
void demo_rng_seed(struct demo_rng *r, uint64_t seed, uint64_t stream);
uint64_t demo_rng_next(struct demo_rng *r);
/* A whole number from 0 to n - 1 (n > 0). */
uint64_t demo_rng_below(struct demo_rng *r, uint64_t n);
/* A whole number from lo to hi inclusive (lo <= hi). */
int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi);
/* True with probability per_mille / 1000. */
bool demo_rng_chance(struct demo_rng *r, unsigned per_mille);
/* An index from 0 to n - 1, each with probability weights[i] / Σweights. */
size_t demo_rng_weighted(struct demo_rng *r, const unsigned *weights, size_t n);
/* One entry of a NULL-terminated list of strings. */
const char *demo_rng_pick(struct demo_rng *r, const char *const *list);

/* --- Department types ---------------------------------------------------- */

/* What a department does, for the documents it issues and the figures of
 * table 二 its business systems hold. */
enum demo_dept_flag {
	DEPT_GOV = 1 << 0,	   /* a people's government (人民政府) */
	DEPT_LICENSING = 1 << 1,   /* decides 行政许可 (条例第二十条第五项) */
	DEPT_PENALTY = 1 << 2,	   /* decides 行政处罚 (第六项) */
	DEPT_ENFORCEMENT = 1 << 3, /* takes 行政强制 measures (第六项) */
	DEPT_FEES = 1 << 4,	   /* collects 行政事业性收费 (第八项) */
	DEPT_PROJECTS = 1 << 5,	   /* approves 重大建设项目 (第十项) */
};

struct demo_dept {
	const char *code;     /* "czj": agency codes and usernames */
	const char *province; /* name at province level: "财政厅" */
	const char *local;    /* name at city and county level: "财政局" */
	const char *district; /* name in a district, when a branch of the city's: "公安分局" */
	const char *abbr;     /* 机关代字 of its 文号: "财" */
	unsigned flags;	      /* enum demo_dept_flag */
	unsigned app_weight;  /* share of disclosure applications it receives */
	/* Typical yearly numbers of its business systems: decisions of 行政许可,
	 * 行政处罚 and 行政强制, and fees in 万元 (0 for none). */
	int licensing, penalty, enforcement, fees_wan;
	const char *const *subjects; /* its own 主题分类 besides 综合政务 */
	const char *const *topics;   /* noun phrases of its work: "预算管理" */
	const char *const *requests; /* what people ask it for: "征地补偿安置方案" */
};

/* The people's government itself, and the department types in the order the
 * large region takes them (the first ones are every level's core). */
const struct demo_dept *demo_dept_gov(void);
const struct demo_dept *demo_dept_types(size_t *n);
/* The department type of that code, or NULL. */
const struct demo_dept *demo_dept_find(const char *code);

/* The 主题分类 every agency has. */
#define DEMO_SUBJECT_GENERAL "综合政务"

/* --- Names and text ------------------------------------------------------ */

/* Words the templates refer to, as {P} {A} {T} {R} {W} {D} {Y} {N}. */
struct demo_vars {
	const char *place;  /* {P} "明湖区" */
	const char *agency; /* {A} "明湖区财政局" */
	const char *topic;  /* {T} a topic of the agency */
	const char *thing;  /* {R} something requested from it */
	const char *street; /* {W} a 街道 or 镇 of the place */
	const char *docno;  /* {D} a 文号 */
	int year;	    /* {Y} */
	int number;	    /* {N} */
};

/* Append fmt to out with each {X} replaced from v. */
void demo_expand(struct buf *out, const char *fmt, const struct demo_vars *v);

/* A name of a person, an organisation of that applicant type (自然人 gets
 * a person's name), a 街道/镇, and a place name of two characters from an
 * index (0 … DEMO_PLACE_NAMES - 1, each different). */
void demo_person_name(struct demo_rng *r, struct buf *out);
void demo_applicant_name(struct demo_rng *r, enum applicant_type t, const char *place,
			 struct buf *out);
void demo_street_name(struct demo_rng *r, struct buf *out);
#define DEMO_PLACE_NAMES 400
void demo_place_name(unsigned index, struct buf *out);

/* A document template: what a title says and what the document is. */
struct demo_doc_template {
	const char *title; /* a demo_expand() format */
	const char *genre; /* 文种 the body names itself by: "方案", "办法" */
	int category;	   /* item of 条例第二十条, 0 = subject only */
	enum doc_kind kind;
	bool numbered;	/* carries a 文号 */
	bool penalty;	/* a 行政处罚决定书: the 文号 has 罚 */
	unsigned needs; /* enum demo_dept_flag the issuer must have, 0 = any */
	unsigned weight;
};

/* A template the issuing agency (its flags) can use. */
const struct demo_doc_template *demo_doc_template_pick(struct demo_rng *r, unsigned flags);

/* Yearly documents every agency publishes at a fixed time of year. */
struct demo_yearly_doc {
	const char *title; /* a demo_expand() format; {Y} is the year it is about */
	int year_offset;   /* published in year {Y} + offset */
	int month;	   /* month of publication */
	int category;
};
const struct demo_yearly_doc *demo_yearly_docs(size_t *n);

/*
 * Fill a document's body (a few paragraphs, or one or two sentences when
 * short) and summary for template t. Normative documents end with their
 * period of validity: *validity_years gets it (0 for other documents).
 */
void demo_doc_body(struct demo_rng *r, const struct demo_doc_template *t, const struct demo_vars *v,
		   bool short_body, struct buf *body, struct buf *summary, int *validity_years);

/* The information sought by an application, and a complaint with its answer. */
void demo_request_content(struct demo_rng *r, const struct demo_vars *v, struct buf *out);
void demo_complaint_text(struct demo_rng *r, const struct demo_vars *v, bool rectification,
			 struct buf *content, struct buf *answer);

#endif
