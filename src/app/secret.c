/*
 * secret.c: the key file and secretbox sealing. See secret.h for the
 * contracts and docs/privacy.md for the reasons.
 */
#include "app/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/banned.h"

_Static_assert(SECRET_KEY_BYTES == crypto_secretbox_KEYBYTES, "secretbox key size");
_Static_assert(SECRET_NONCE_BYTES == crypto_secretbox_NONCEBYTES, "secretbox nonce size");
_Static_assert(SECRET_MAC_BYTES == crypto_secretbox_MACBYTES, "secretbox MAC size");

/* sodium_init is idempotent and thread-safe; randombytes needs it first. */
static enum gk_err sodium_ready(struct gk_errmsg *m)
{
	if (sodium_init() < 0)
		return gk_errf(m, GK_EINTERNAL, "libsodium could not be initialised");
	return GK_OK;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read exactly len bytes; a shorter file is EIO-like (errno 0). */
static int read_all(int fd, unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Sync the directory holding path, so that the new name survives a crash
 * as well as the bytes do. Best effort: some file systems refuse fsync on
 * a directory, and the key is already complete on disk by then.
 */
static void sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct buf dir;
	int fd;

	buf_init(&dir, 1 << 16);
	if (!slash)
		buf_putc(&dir, '.');
	else
		buf_append(&dir, path, slash == path ? 1 : (size_t)(slash - path));
	fd = dir.failed ? -1 : open(buf_cstr(&dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	buf_release(&dir);
}

enum gk_err secret_key_create(const char *path, struct secret_key *key, struct gk_errmsg *m)
{
	enum gk_err err = sodium_ready(m);
	bool bad;
	int fd, e;

	*key = (struct secret_key){.loaded = false};
	if (err)
		return err;
	/* O_EXCL: an existing key (or a symbolic link in its place) is never
	 * replaced; whatever was sealed with it stays readable. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return gk_errf(
		    m, GK_ECONFLICT,
		    "%s: already exists; a key file is never overwritten, since what was "
		    "sealed with it could not be read again",
		    path);
	if (fd < 0)
		return gk_errf(m, GK_EIO, "%s: cannot create the key file: %s", path,
			       strerror(errno));
	randombytes_buf(key->bytes, sizeof(key->bytes));
	/* fchmod: a umask such as 0277 must not leave the owner unable to read it. */
	bad = fchmod(fd, 0600) || write_all(fd, key->bytes, sizeof(key->bytes)) || fsync(fd);
	e = errno;
	if (close(fd) && !bad) {
		bad = true;
		e = errno;
	}
	if (bad) {
		unlink(path);
		secret_key_release(key);
		return gk_errf(m, GK_EIO, "%s: cannot write the key file: %s", path, strerror(e));
	}
	sync_parent(path);
	key->loaded = true;
	return GK_OK;
}

enum gk_err secret_key_load(const char *path, struct secret_key *key, struct gk_errmsg *m)
{
	enum gk_err err = sodium_ready(m);
	struct stat st;
	int fd, e;

	*key = (struct secret_key){.loaded = false};
	if (err)
		return err;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return gk_errf(m, GK_ENOTFOUND,
			       "%s: no key file; `gongkai init --key %s` creates one (restore it "
			       "from a backup instead if data was already sealed with it)",
			       path, path);
	if (fd < 0)
		return gk_errf(m, GK_EIO, "%s: cannot open the key file: %s", path,
			       strerror(errno));
	if (fstat(fd, &st)) {
		e = errno;
		close(fd);
		return gk_errf(m, GK_EIO, "%s: cannot read the key file: %s", path, strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return gk_errf(m, GK_EINVAL, "%s: the key must be a regular file", path);
	}
	if (st.st_mode & 077) {
		close(fd);
		return gk_errf(m, GK_EINVAL,
			       "%s: mode %04o lets the group or others read or change the key; "
			       "run `chmod 600 %s`",
			       path, (unsigned)(st.st_mode & 07777), path);
	}
	if (st.st_size != SECRET_KEY_BYTES) {
		close(fd);
		return gk_errf(m, GK_EFORMAT,
			       "%s: %lld bytes, but a key file holds exactly %d; restore it from a "
			       "backup (or, if nothing was sealed with it yet, delete it and run "
			       "`gongkai init` again)",
			       path, (long long)st.st_size, SECRET_KEY_BYTES);
	}
	if (read_all(fd, key->bytes, sizeof(key->bytes))) {
		e = errno;
		close(fd);
		secret_key_release(key);
		return gk_errf(m, GK_EIO, "%s: cannot read the key file: %s", path, strerror(e));
	}
	close(fd);
	key->loaded = true;
	return GK_OK;
}

void secret_key_release(struct secret_key *key)
{
	sodium_memzero(key, sizeof(*key));
}

enum gk_err secret_seal(const struct secret_key *key, const void *plain, size_t len,
			struct buf *out)
{
	unsigned char head[SECRET_OVERHEAD] = {0};
	size_t start = out->len;
	unsigned char *p;

	if (!key->loaded)
		return GK_EINVAL;
	/* A random 192-bit nonce: no counter to keep, no realistic collision. */
	randombytes_buf(head, SECRET_NONCE_BYTES);
	buf_append(out, head, sizeof(head));
	buf_append(out, plain, len);
	if (out->failed)
		return GK_ENOMEM;
	/* Encrypt in place; the MAC goes between the nonce and the ciphertext. */
	p = (unsigned char *)out->data + start;
	crypto_secretbox_detached(p + SECRET_OVERHEAD, p + SECRET_NONCE_BYTES, p + SECRET_OVERHEAD,
				  len, p, key->bytes);
	return GK_OK;
}

enum gk_err secret_open(const struct secret_key *key, struct str sealed, struct buf *out)
{
	const unsigned char *c = (const unsigned char *)sealed.ptr;
	size_t start = out->len, len;
	unsigned char *p;

	if (!key->loaded)
		return GK_EINVAL;
	if (sealed.len < SECRET_OVERHEAD)
		return GK_EFORMAT;
	len = sealed.len - SECRET_OVERHEAD;
	/* Copy the ciphertext and decrypt it in place. */
	buf_append(out, c + SECRET_OVERHEAD, len);
	if (out->failed)
		return GK_ENOMEM;
	p = (unsigned char *)out->data + start;
	if (crypto_secretbox_open_detached(p, p, c + SECRET_NONCE_BYTES, len, c, key->bytes)) {
		out->len = start;
		out->data[start] = '\0';
		return GK_EFORMAT;
	}
	return GK_OK;
}
