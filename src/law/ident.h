/*
 * ident.h: identity numbers and contact details of applicants — the checks
 * a 政府信息公开申请 form runs on the server, and the masks every list and
 * public view shows instead of the value.
 *
 * Checks are pure functions over a counted string (UTF-8). Each returns
 * GK_OK or GK_EINVAL with one Chinese line in m that names the field, the
 * rule that failed and what is allowed. Leading and trailing white space
 * is the caller's to trim (str_trim); inside a value it is refused.
 *
 * The algorithms and their standards are described in docs/privacy.md:
 *   居民身份证号码   GB 11643-1999 (ISO 7064 MOD 11-2 check character)
 *   统一社会信用代码 GB 32100-2015 (MOD 31 check character)
 *   行政区划代码     GB/T 2260 (the first two digits: province level)
 */
#ifndef GK_LAW_IDENT_H
#define GK_LAW_IDENT_H

#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "base/str.h"

/* Both the 居民身份证号码 and the 统一社会信用代码 have 18 characters. */
#define IDENT_CODE_LEN 18
/* RFC 5321 §4.5.3.1.3 path limit less the angle brackets. */
#define IDENT_EMAIL_MAX 254

/*
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character 0-9 or X
 * (x accepted). Refused, in this order and each with its own message: a
 * length other than 18 (15 digits: the first-generation card, no longer
 * valid), a character that is not allowed where it stands, a first two
 * digits that are no province-level code of GB/T 2260, a birth date that
 * is not a real date or is after today, a wrong check character ("校验码应
 * 为 X"). On success, when canon is not NULL, it receives the number with
 * an upper-case X, NUL-terminated.
 */
enum gk_err ident_check_resident_id(struct str s, gk_date today, char canon[IDENT_CODE_LEN + 1],
				    struct gk_errmsg *m);

/*
 * The check character ('0'-'9' or 'X') of the 17 digits of body
 * (GB 11643-1999 §5.2, ISO 7064 MOD 11-2). The caller guarantees digits.
 */
char ident_resident_id_check_char(const char body[IDENT_CODE_LEN - 1]);

/*
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and the capital
 * letters without I O S V Z (lower case accepted), the first one a
 * 登记管理部门代码 (1-9, A, N, Y), the last the MOD 31 check character.
 * The 机构类别代码 (second) and the 行政区划码 (third to eighth) are only
 * held to the character set: their tables change with each department's
 * rules. On success canon (if not NULL) receives the upper-case code.
 */
enum gk_err ident_check_credit_code(struct str s, char canon[IDENT_CODE_LEN + 1],
				    struct gk_errmsg *m);

/*
 * The check character of the 17 characters of body (GB 32100-2015 §4.2),
 * or '\0' when one of them is not in the code's character set.
 */
char ident_credit_code_check_char(const char body[IDENT_CODE_LEN - 1]);

/*
 * A telephone number on the mainland: a mobile number 1[3-9] and 9 more
 * digits, or a landline: area code 010, 02X or 0[3-9]XX, an optional '-',
 * a local number of 7 or 8 digits not starting with 0 or 1, and an
 * optional extension ('-' or '转' and 1 to 6 digits).
 */
enum gk_err ident_check_phone(struct str s, struct gk_errmsg *m);

/*
 * A practical e-mail check, not RFC 5322: one '@', at most
 * IDENT_EMAIL_MAX bytes, valid UTF-8 without spaces or control characters;
 * the local part (≤ 64 bytes) of letters, digits and the atom characters of
 * RFC 5322 §3.2.3 or non-ASCII letters (RFC 6531), no dot at its ends or
 * twice in a row; the domain of two or more dot-separated labels of
 * letters (ASCII or, for IDN, any script), digits and inner hyphens.
 */
enum gk_err ident_check_email(struct str s, struct gk_errmsg *m);

/* What a value is, for masking. */
enum ident_kind {
	IDENT_RESIDENT_ID, /* 3505**********1234: first 4, last 4 */
	IDENT_CREDIT_CODE, /* 9135**********123X: first 4, last 4 */
	IDENT_PHONE,	   /* 138****5678: first 3, last 4 */
	IDENT_EMAIL,	   /* a***@example.com: first character of the local part */
	IDENT_NAME,	   /* 张三 -> 张*, 欧阳娜娜 -> 欧***; one character -> "*" */
	IDENT_ADDRESS,	   /* up to the county level, the rest masked */
	IDENT_KIND_COUNT
};

/*
 * Append the masked form of s to out, for lists and public views. Every
 * character hidden becomes one '*', so the mask has as many characters as
 * s: a value too short to keep its ends (4 + 4 of an ID) is masked whole.
 * Any input is accepted, valid or not; a byte that is not UTF-8 counts as
 * one character and is never copied (it is shown as '*' or U+FFFD), so
 * the mask is always valid UTF-8. Rules and reasons: docs/privacy.md.
 */
void ident_mask(enum ident_kind kind, struct str s, struct buf *out);

#endif
