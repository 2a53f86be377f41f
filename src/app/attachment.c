/*
 * attachment.c: the files attached to an online application (attachment.h).
 */
#include "app/attachment.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <utf8proc.h>

#include "base/banned.h"

/* The kinds accepted, known by their first bytes, and the types that name them. */
static const struct kind {
	const char *id, *label;
	const char *magic;
	size_t magic_len;
	const char *types[3];
} kinds[] = {
    {"pdf", "PDF", "%PDF-", 5, {"application/pdf", "application/x-pdf", NULL}},
    {"jpeg", "JPEG", "\xFF\xD8\xFF", 3, {"image/jpeg", "image/jpg", "image/pjpeg"}},
    {"png", "PNG", "\x89PNG\r\n\x1A\n", 8, {"image/png", NULL, NULL}},
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const struct kind *sniff(struct str data)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (data.len >= kinds[i].magic_len &&
		    !memcmp(data.ptr, kinds[i].magic, kinds[i].magic_len))
			return &kinds[i];
	return NULL;
}

/*
 * What the declared type claims: false when it claims nothing (absent, or
 * application/octet-stream, what clients send when they do not know);
 * otherwise true with *claimed the kind it names, NULL for any other type.
 */
static bool claim(struct str type, const struct kind **claimed)
{
	const char *semi = memchr(type.ptr ? type.ptr : "", ';', type.len);
	size_t n = semi ? (size_t)(semi - type.ptr) : type.len;

	while (n && (type.ptr[n - 1] == ' ' || type.ptr[n - 1] == '\t'))
		n--;
	*claimed = NULL;
	if (!n || (n == 24 && !strncasecmp(type.ptr, "application/octet-stream", n)))
		return false;
	for (size_t i = 0; i < NKINDS; i++)
		for (size_t j = 0; j < 3 && kinds[i].types[j]; j++)
			if (strlen(kinds[i].types[j]) == n &&
			    !strncasecmp(type.ptr, kinds[i].types[j], n))
				*claimed = &kinds[i];
	return true;
}

/* The name without a path; UTF-8 without control characters, 1–255 bytes. */
static bool clean_name(struct str sent, char out[ATTACHMENT_NAME_MAX + 1])
{
	size_t start = sent.len;
	utf8proc_ssize_t k;

	while (start && sent.ptr[start - 1] != '/' && sent.ptr[start - 1] != '\\')
		start--;
	sent = str_from(sent, start);
	if (!sent.len || sent.len > ATTACHMENT_NAME_MAX)
		return false;
	for (size_t i = 0; i < sent.len; i += (size_t)k) {
		utf8proc_int32_t cp;
		k = utf8proc_iterate((const utf8proc_uint8_t *)sent.ptr + i,
				     (utf8proc_ssize_t)(sent.len - i), &cp);
		if (k < 1 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			return false;
	}
	memcpy(out, sent.ptr, sent.len);
	out[sent.len] = '\0';
	return true;
}

enum gk_err attachment_check(const struct attachment *files, size_t n, struct attachment_info *info,
			     struct gk_errmsg *m)
{
	static const char limits[] = "每个附件不超过5 MB，最多5个，合计不超过10 MB";
	size_t total = 0;

	if (n > ATTACHMENT_MAX_FILES)
		return gk_errf(m, GK_EINVAL, "附件：最多%d个（%s）", ATTACHMENT_MAX_FILES, limits);
	for (size_t i = 0; i < n; i++) {
		const struct kind *is, *claimed;
		bool claims = claim(files[i].declared_type, &claimed);

		if (files[i].data.len > ATTACHMENT_MAX_SIZE)
			return gk_errf(m, GK_EINVAL, "第%zu个附件超过5 MB（%s）", i + 1, limits);
		total += files[i].data.len;
		if (total > ATTACHMENT_MAX_TOTAL)
			return gk_errf(m, GK_EINVAL, "附件合计超过10 MB（%s）", limits);
		if (!clean_name(files[i].filename, info[i].name))
			return gk_errf(
			    m, GK_EINVAL,
			    "第%zu个附件的文件名须为1至255字节、不含控制字符的 UTF-8 文字", i + 1);
		is = sniff(files[i].data);
		/* A declared type naming another kind than the bytes: a disguised file. */
		if (claims && claimed != is)
			return gk_errf(
			    m, GK_EINVAL,
			    "第%zu个附件的内容%s%s，与其声明的文件类型不符，疑为伪装的文件，"
			    "不予接收",
			    i + 1, is ? "是 " : "不是 PDF、JPEG 或 PNG", is ? is->label : "");
		if (!is)
			return gk_errf(m, GK_EINVAL,
				       "第%zu个附件不是 PDF、JPEG 或 PNG 文件（按文件内容判断）",
				       i + 1);
		info[i].kind = is->id;
	}
	return GK_OK;
}

enum gk_err attachment_dir_prepare(const char *dir, struct gk_errmsg *m)
{
	struct stat st;

	if (mkdir(dir, 0700) == 0)
		return GK_OK;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return GK_OK;
	return gk_errf(m, GK_EIO, "%s: cannot make the attachments directory: %s", dir,
		       errno == EEXIST ? "not a directory" : strerror(errno));
}

/* dir/name into path; false when it does not fit. */
static bool join(char path[PATH_MAX], const char *dir, const char *prefix, const char *name,
		 const char *suffix)
{
	int n = snprintf(path, PATH_MAX, "%s/%s%s%s", dir, prefix, name, suffix);

	return n > 0 && n < PATH_MAX;
}

static bool write_all(int fd, struct str data)
{
	while (data.len) {
		ssize_t k = write(fd, data.ptr, data.len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		data.ptr += k, data.len -= (size_t)k;
	}
	return true;
}

/* The rename is durable once the directory is synced too. */
static bool sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool ok = fd >= 0 && fsync(fd) == 0;

	if (fd >= 0)
		close(fd);
	return ok;
}

enum gk_err attachment_write(const char *dir, struct str data,
			     char stored[ATTACHMENT_STORED_LEN + 1], struct gk_errmsg *m)
{
	unsigned char raw[ATTACHMENT_STORED_LEN / 2];
	char tmp[PATH_MAX], final[PATH_MAX];
	int fd, saved;
	bool ok;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(stored, ATTACHMENT_STORED_LEN + 1, raw, sizeof(raw));
	if (!join(tmp, dir, ".", stored, ".part") || !join(final, dir, "", stored, ""))
		return gk_errf(m, GK_EIO, "the attachments directory's path is too long");
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return gk_errf(m, GK_EIO, "%s: %s", dir, strerror(errno));
	ok = write_all(fd, data) && fsync(fd) == 0;
	saved = errno;
	ok = close(fd) == 0 && ok;
	if (ok && rename(tmp, final) == 0 && sync_dir(dir))
		return GK_OK;
	saved = ok ? errno : saved;
	unlink(tmp);
	unlink(final);
	return gk_errf(m, GK_EIO, "%s: cannot store an attachment: %s", dir, strerror(saved));
}

void attachment_remove(const char *dir, const char *stored)
{
	char path[PATH_MAX];

	if (join(path, dir, "", stored, ""))
		unlink(path);
}
