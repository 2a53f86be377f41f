/*
 * letter.h: the letters of the 依申请公开 procedure (告知书, 答复书), as a
 * printable HTML page and as PDF.
 *
 * Every notice the 条例 (国务院令第711号) makes an agency send has a kind
 * here; its body is a Mustache template (templates/letters/<kind>.mustache)
 * that produces plain text: paragraphs separated by blank lines, a single
 * line break kept inside a paragraph (for numbered lists). The same text
 * feeds both outputs. The fixed layout is code: the letterhead (agency
 * name, the 政府信息公开 line, a red rule), the title, the document number
 * (文号), the recipient line, the body, the signature (agency name), the
 * date in Chinese (2026年11月27日) and a footer with the agency's contact
 * details. Values are escaped at the output (HTML), or handed to Pango as
 * text, never as markup.
 *
 * An agency may replace the body of a kind with its own template, kept as
 * the agency setting "letter.<kind>" (letter_setting_key). A replacement
 * is checked when it is saved (letter_template_check: it must compile,
 * print the facts the law requires of that letter, and end); one that
 * fails later (saved under an older engine, say) is ignored at rendering
 * and the default body used, so a bad override never stops a letter.
 *
 * The view (a jansson object, as the JSON API would print it). Every field
 * is optional unless marked; dates may be given as "YYYY-MM-DD" and print
 * as 2026年11月27日 (any string value of exactly that form is converted):
 *   agency{name*, office, address, postcode, phone, fax, email, hours}
 *                       letterhead, signature, footer (settings: 条例第十二条)
 *   doc_number          文号 (store_letter_add assigns it; a preview may lack it)
 *   issued              成文日期
 *   recipient           the name on the recipient line; default applicant.name,
 *                       or party.name for the two 征求意见书
 *   applicant{name}
 *   application{received, content, tracking_code, channel}
 *   items[]             补正事项, strings or {text}        (correction)
 *   guidance            指导和释明 (第三十条)                  (correction)
 *   days, deadline      补正期限: working days and the date  (correction)
 *   reason              why: 延期 (a clause, no final 。), the withheld part of
 *                       部分公开, the ground of 不予公开, 其他处理 (answers)
 *   days, due           延长的工作日 and the new due date    (extension)
 *   due                 the answer's due date                 (receipt)
 *   amount_yuan, fee_lines[] (strings or {text}: fees_explain_*), payment_due,
 *   payment_method                                            (fee)
 *   party{name}, information, reply_due                       (consult_*)
 *   outcome{id*, label, basis} or outcome "C3.4"              (answers: the id
 *                       must be of the kind's group; label and basis are
 *                       filled from law/outcome.h when absent)
 *   published, access   已主动公开 (第三十六条第（一）项) and where to get it (C1),
 *                       or the way to get a publication (C5.3), a query (C3.8)
 *   files[]             released files, strings or {name, note} (C1, C2)
 *   delivery            how the information is provided (第四十条)
 *   not_ours, refer{name, contact}  not this agency's to disclose (C4.1,
 *                       第三十六条第（五）项), and who is
 *   proper_channel      where a 信访/投诉/举报 goes (C5.1)
 *   previous{answered, doc_number}  the earlier answer (C5.2)
 *   correction{sent, doc_number, deadline}  the 补正告知 (C4.3, C6.1)
 *   fee{sent, doc_number, payment_due, amount_yuan}  the 收费通知 (C6.2)
 *   remedy{review_body, court}  复议机关 and court of the remedy sentence (answers;
 *                       letter_view_add_setting fills them from settings)
 * The code adds for the templates: title, n in each element of items,
 * files and fee_lines, has_items, has_files, has_fee_lines, and in outcome
 * a flag per row and group ("c3_4": true, "c3": true).
 */
#ifndef GK_LETTER_H
#define GK_LETTER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "law/outcome.h"

enum letter_kind {
	LETTER_RECEIPT,		    /* 政府信息公开申请接收回执 (第三十一条, 第三十三条) */
	LETTER_CORRECTION,	    /* 补正告知书 (第三十条) */
	LETTER_CONSULT_THIRD_PARTY, /* 征求意见书（给第三方）(第三十二条) */
	LETTER_CONSULT_AGENCY,	    /* 征求意见书（给其他机关）(第三十四条) */
	LETTER_EXTENSION,	    /* 延期答复告知书 (第三十三条第二款) */
	LETTER_FEE,		    /* 收费通知书 (第四十二条, 国办函〔2020〕109号) */
	/* 答复书, one per outcome group of table 三: */
	LETTER_ANSWER_DISCLOSE,	     /* C1 予以公开 (第三十六条第（一）、（二）项) */
	LETTER_ANSWER_PARTIAL,	     /* C2 部分公开 (第三十七条) */
	LETTER_ANSWER_WITHHOLD,	     /* C3 不予公开 (第十四条—第十六条, 第三十六条第（三）项) */
	LETTER_ANSWER_UNAVAILABLE,   /* C4 无法提供 (第三十六条第（四）（五）项, 第三十八条, 第三十条) */
	LETTER_ANSWER_NOT_PROCESSED, /* C5 不予处理 (第三十五条, 第三十六条第（六）项, 第三十九条) */
	LETTER_ANSWER_OTHER,	     /* C6 其他处理 (C6.1 第三十条, C6.2 第四十二条) */
	LETTER_KIND_COUNT
};

/* "correction"; the template's file name and the stored letters.kind. */
const char *letter_kind_id(enum letter_kind k);
/* Short name for lists: "补正告知书", "征求意见书（给第三方）", "答复书（不予公开）". */
const char *letter_kind_name(enum letter_kind k);
/* The title printed on the letter: "政府信息公开申请补正告知书". */
const char *letter_kind_title(enum letter_kind k);
/* The articles the letter rests on: "第三十条". */
const char *letter_kind_article(enum letter_kind k);
/* The agency setting holding an override: "letter.correction". */
const char *letter_setting_key(enum letter_kind k);
/* By id; false for anything else. */
bool letter_kind_parse(const char *s, enum letter_kind *out);
/* The 答复书 for an outcome: its group of table 三 (C3.4 → answer_withhold). */
enum letter_kind letter_kind_for_outcome(enum outcome o);
bool letter_kind_is_answer(enum letter_kind k);

/*
 * The default templates, compiled once (the server at start-up, with its
 * templates directory + "/letters"). Every kind's file must be there, and
 * the partials (answer_opening, files, remedy); a file that does not
 * compile or is not UTF-8 is GK_EFORMAT "FILE:LINE: ...". Also picks the
 * PDF fonts: "Noto Serif CJK SC" and "Noto Sans CJK SC", else any font
 * with Chinese characters that fontconfig knows.
 */
struct letter_set;
enum gk_err letter_set_load(const char *dir, struct letter_set **out, struct gk_errmsg *m);
void letter_set_free(struct letter_set *set);
/* The default body template of k (for an editor to start from). */
const char *letter_template_default(const struct letter_set *set, enum letter_kind k);
/* The font families the PDF uses (for messages and the docs). */
const char *letter_font_serif(const struct letter_set *set);

/* At most this many bytes in an override. */
#define LETTER_TEMPLATE_MAX (64u * 1024)

/*
 * Check an agency's override of k before it is saved: valid UTF-8, at most
 * LETTER_TEMPLATE_MAX bytes, compiles (GK_EFORMAT "letter.KIND:LINE:
 * what"), every partial exists, renders a sample case without error, and
 * prints what the law requires the letter to say (GK_EINVAL naming the
 * field and the article: the items and deadline of a 补正告知书 (第三十条,
 * 一次性告知), the new due date of an extension, the amount and payment
 * date of a fee notice, the reply date of a consultation, the remedy
 * sentence of an answer …).
 */
enum gk_err letter_template_check(const struct letter_set *set, enum letter_kind k,
				  const char *text, struct gk_errmsg *m);

/*
 * Render. override: the agency's body template for k, or NULL/"" for the
 * default; an override that fails is ignored (the default is used, GK_OK
 * returned, and m->text says why; m->text is "" otherwise when m is not
 * NULL). Output is appended to out. Errors: GK_EINVAL for a view that
 * lacks agency.name or whose outcome does not go with k (named in m),
 * GK_ENOMEM, GK_ENOTFOUND (PDF: no CJK font installed).
 *
 * letter_render_text: the body alone, plain text, paragraphs separated by
 * one blank line. letter_render_html: a complete printable page (A4, print
 * CSS, lang="zh-CN", one inline <style>: see letter_style_hash). PDF: A4,
 * margins of GB/T 9704, page breaks where the text needs them, "第 N 页 共 M
 * 页" at the foot of each page, the fonts embedded (subsets).
 */
enum gk_err letter_render_text(const struct letter_set *set, enum letter_kind k,
			       const json_t *view, const char *override, struct buf *out,
			       struct gk_errmsg *m);
enum gk_err letter_render_html(const struct letter_set *set, enum letter_kind k,
			       const json_t *view, const char *override, struct buf *out,
			       struct gk_errmsg *m);
enum gk_err letter_render_pdf(const struct letter_set *set, enum letter_kind k,
			      const json_t *view, const char *override, struct buf *out,
			      struct gk_errmsg *m);

/*
 * The CSP source of the letter page's one <style> element,
 * "'sha256-BASE64'", for a Content-Security-Policy of style-src that
 * allows it and nothing else inline (the portal's policy has no inline
 * styles; a stored letter carries its own, so it prints the same years
 * later).
 */
#define LETTER_STYLE_HASH_MAX 64
void letter_style_hash(char out[LETTER_STYLE_HASH_MAX]);

/*
 * Add one agency setting to a view (a store_setting_fn with ctx = the
 * view object): the contact keys office, address, postcode, phone, fax,
 * email, hours go to agency.<key>, review_body and court to remedy.<key>;
 * other keys (letter.*, doc_prefix …) are left out. Returns 0.
 */
int letter_view_add_setting(void *view, const char *key, const char *value);

/* "2026年11月27日": the date as letters print it (GB/T 9704: Arabic digits). */
#define LETTER_DATE_MAX 32
char *letter_date_text(gk_date d, char out[LETTER_DATE_MAX]);

#endif
