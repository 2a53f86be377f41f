/*
 * secret.h: encryption at rest of applicants' identity numbers, phones and
 * addresses (libsodium secretbox: XSalsa20-Poly1305).
 *
 * The key is 32 random bytes in a file of its own, outside the database,
 * so a copy of the database alone reveals nothing. `gongkai init` creates
 * it (secret_key_create); every other command loads it (secret_key_load).
 * A sealed value is nonce || MAC || ciphertext, stored as a BLOB.
 * docs/privacy.md says what is encrypted, where the key lives and why.
 */
#ifndef GK_APP_SECRET_H
#define GK_APP_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/str.h"

/* crypto_secretbox_KEYBYTES, NONCEBYTES and MACBYTES (checked in secret.c). */
#define SECRET_KEY_BYTES   32
#define SECRET_NONCE_BYTES 24
#define SECRET_MAC_BYTES   16
/* What a sealed value adds to its plaintext. */
#define SECRET_OVERHEAD (SECRET_NONCE_BYTES + SECRET_MAC_BYTES)

/*
 * A loaded key. The members are secret_*'s own: the struct is public only
 * so that it can live on the stack or inside struct gk_app. Release it with
 * secret_key_release, which wipes the bytes.
 */
struct secret_key {
	unsigned char bytes[SECRET_KEY_BYTES];
	bool loaded;
};

/*
 * Create the key file path with SECRET_KEY_BYTES random bytes, mode 0600,
 * and load it into key. The file is made with O_CREAT|O_EXCL and synced
 * (and its directory) before this returns: an existing file is never
 * overwritten (GK_ECONFLICT, "already exists"), and a failed write removes
 * the file it made. GK_EIO with the reason when the OS refuses.
 */
enum gk_err secret_key_create(const char *path, struct secret_key *key, struct gk_errmsg *m);

/*
 * Load the key file path into key. Refused with a message that says how to
 * fix it: a file missing (GK_ENOTFOUND), not a regular file, not exactly
 * SECRET_KEY_BYTES long (GK_EFORMAT), or with any permission for group or
 * others (GK_EINVAL, "chmod 600 PATH").
 */
enum gk_err secret_key_load(const char *path, struct secret_key *key, struct gk_errmsg *m);

/* Wipe the key (sodium_memzero). Safe on a key never loaded. */
void secret_key_release(struct secret_key *key);

/*
 * Append to out the sealed form of plain: a fresh random nonce, then the
 * MAC and the ciphertext (len + SECRET_OVERHEAD bytes in all); plain must
 * not lie inside out. GK_ENOMEM
 * when out cannot take it (out->failed is then set), GK_EINVAL for a key
 * not loaded.
 */
enum gk_err secret_seal(const struct secret_key *key, const void *plain, size_t len,
			struct buf *out);

/*
 * Append to out the plaintext of sealed, which must not lie inside out.
 * GK_EFORMAT with nothing appended when sealed is shorter than
 * SECRET_OVERHEAD or does not authenticate (altered, or sealed with
 * another key); GK_ENOMEM when out cannot take it.
 */
enum gk_err secret_open(const struct secret_key *key, struct str sealed, struct buf *out);

#endif
