/*
 * libFuzzer target for letter_template_check (letter/letter.h): the first
 * byte picks the kind of letter, the rest is an agency's body template
 * for it. Beyond the template engine (fuzz_template) the check refuses
 * bytes that are not UTF-8, scans the tags itself for lists inside lists,
 * renders a sample case and looks for the facts the law requires.
 *
 * A refusal must be one of the documented errors with a message naming
 * the setting ("letter.KIND:LINE: ..." or "letter.KIND: ..."). A template
 * that passes must then be used, not ignored, for a real case: rendered as
 * text and as HTML with GK_OK and no note that the default was used.
 *
 * Run from the top of the repository (make fuzz does), so that
 * templates/letters is found; GK_LETTER_TEMPLATES names another directory.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letter/letter.h"

#include "base/banned.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fontconfig frees its configuration only in FcFini(), which Pango never
 * calls: not a leak of gongkai. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static struct letter_set *set;
static json_t *view;

static const char view_json[] =
    "{\"agency\": {\"name\": \"某某区发展和改革局\", \"address\": \"人民路1号\"},"
    " \"doc_number\": \"区发改公开〔2026〕12号\", \"issued\": \"2026-11-27\","
    " \"applicant\": {\"name\": \"<张三>\"},"
    " \"application\": {\"received\": \"2026-11-02\", \"content\": \"投资计划 & 预算\"},"
    " \"items\": [\"名称\", {\"text\": \"年份\"}, \"文号\"], \"days\": 10,"
    " \"deadline\": \"2026-11-20\", \"due\": \"2026-12-29\", \"amount_yuan\": 2000,"
    " \"fee_lines\": [\"第11—30件：20件 × 100元 = 2000元\"], \"payment_due\": \"2026-12-25\","
    " \"party\": {\"name\": \"某某公司\"}, \"reply_due\": \"2026-12-18\","
    " \"files\": [\"a.pdf\", {\"name\": \"b.pdf\", \"note\": \"3页\"}], \"reason\": \"理由\","
    " \"remedy\": {\"review_body\": \"某某区人民政府\", \"court\": \"某某区人民法院\"}}";

static const char *const outcome_of[LETTER_KIND_COUNT] = {
    [LETTER_ANSWER_DISCLOSE] = "C1",	  [LETTER_ANSWER_PARTIAL] = "C2",
    [LETTER_ANSWER_WITHHOLD] = "C3.4",	  [LETTER_ANSWER_UNAVAILABLE] = "C4.2",
    [LETTER_ANSWER_NOT_PROCESSED] = "C5.3", [LETTER_ANSWER_OTHER] = "C6.1",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("GK_LETTER_TEMPLATES");
	struct gk_errmsg m;

	(void)argc;
	(void)argv;
	if (letter_set_load(dir ? dir : "templates/letters", &set, &m)) {
		fprintf(stderr, "fuzz_letter_template: %s (run from the repository's top)\n",
			m.text);
		exit(2);
	}
	view = json_loads(view_json, 0, NULL);
	CHECK(view);
	return 0;
}

/* The message names the setting, then a line number or ": ". */
static bool names_setting(const char *text, enum letter_kind k)
{
	size_t n = strlen(letter_setting_key(k));

	return !strncmp(text, letter_setting_key(k), n) &&
	       (text[n] == ':' && (text[n + 1] == ' ' || isdigit((unsigned char)text[n + 1])));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum letter_kind k;
	struct gk_errmsg m;
	struct buf out;
	json_t *v;
	char *text;
	enum gk_err err;

	if (size < 1)
		return 0;
	k = (enum letter_kind)(data[0] % LETTER_KIND_COUNT);
	/* The setting is a C string: the text ends at the first NUL. */
	text = malloc(size);
	CHECK(text);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	err = letter_template_check(set, k, text, &m);
	if (err) {
		CHECK(err == GK_EFORMAT || err == GK_EINVAL || err == GK_ERANGE ||
		      err == GK_ENOMEM);
		CHECK(names_setting(m.text, k));
		free(text);
		return 0;
	}
	v = json_deep_copy(view);
	CHECK(v);
	if (outcome_of[k])
		json_object_set_new(v, "outcome", json_string(outcome_of[k]));
	buf_init(&out, 1u << 22);
	CHECK(letter_render_text(set, k, v, text, &out, &m) == GK_OK);
	CHECK(m.text[0] == '\0');
	buf_reset(&out);
	CHECK(letter_render_html(set, k, v, text, &out, &m) == GK_OK);
	CHECK(m.text[0] == '\0');
	CHECK(!strstr(buf_cstr(&out), "<张三>"));
	buf_release(&out);
	json_decref(v);
	free(text);
	return 0;
}
