/*
 * tracking.h: the 查询号 an applicant receives for an online application,
 * with which they follow its status without an account.
 *
 * 80 random bits (libsodium randombytes), so that guessing one is out of
 * reach however many applications exist, written as 16 symbols of the
 * 32-symbol alphabet 23456789ABCDEFGHJKLMNPQRSTUVWXYZ in groups of four:
 * 7K3M-Q9TX-2HWD-PB4R. The alphabet has no 0, O, 1 or I, so a number read
 * aloud over the telephone or copied from paper has no look-alikes.
 */
#ifndef GK_APP_TRACKING_H
#define GK_APP_TRACKING_H

#include "base/err.h"
#include "base/str.h"

#define TRACKING_BYTES	 10 /* 80 bits of randomness */
#define TRACKING_SYMBOLS 16 /* 5 bits each */
#define TRACKING_STRLEN	 20 /* "XXXX-XXXX-XXXX-XXXX" and NUL */

/* Write bytes (80 bits, most significant first) as "XXXX-XXXX-XXXX-XXXX". */
void tracking_encode(const unsigned char bytes[TRACKING_BYTES], char out[TRACKING_STRLEN]);

/* A fresh random 查询号 in out. GK_EINTERNAL when libsodium cannot start. */
enum gk_err tracking_new(char out[TRACKING_STRLEN], struct gk_errmsg *m);

/*
 * Read a 查询号 as a person typed it: lower case, spaces and dashes of any
 * kind anywhere, and full-width letters and digits are accepted; out gets
 * the canonical "XXXX-XXXX-XXXX-XXXX". Refused (GK_EINVAL, a Chinese
 * message naming the symbol's position): 0, O, 1 and I in any form (they
 * never appear, and guessing which look-alike was meant could give someone
 * else's application), any other character outside the alphabet, and a
 * count of symbols other than 16. out is left as it was on refusal.
 */
enum gk_err tracking_parse(struct str in, char out[TRACKING_STRLEN], struct gk_errmsg *m);

#endif
