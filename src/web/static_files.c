#include "web/static_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/file.h"

#include "base/banned.h"

struct static_files {
	struct static_file *files;
	size_t n, cap;
	size_t total; /* bytes held, for STATIC_MAX_TOTAL */
};

static void file_release(struct static_file *f)
{
	free((char *)f->name);
	free((unsigned char *)f->data);
	free((unsigned char *)f->gz);
}

void static_files_free(struct static_files *sf)
{
	if (!sf)
		return;
	for (size_t i = 0; i < sf->n; i++)
		file_release(&sf->files[i]);
	free(sf->files);
	free(sf);
}

/* Take the bytes of a buf: the caller owns them afterwards. */
static unsigned char *buf_take(struct buf *b, size_t *len)
{
	unsigned char *p = (unsigned char *)b->data;

	*len = b->len;
	buf_init(b, b->max);
	return p;
}

/* Read path into a new entry called name. */
static enum gk_err add_file(struct static_files *sf, const char *path, const char *name,
			    const struct stat *st, struct gk_errmsg *m)
{
	struct static_file *f;
	struct buf content, gz;
	enum gk_err err;

	if (sf->n == STATIC_MAX_FILES)
		return gk_errf(m, GK_ERANGE, "%s: more than %d static files", path,
			       STATIC_MAX_FILES);
	if (sf->n == sf->cap) {
		size_t cap = sf->cap ? sf->cap * 2 : 64;
		struct static_file *p = realloc(sf->files, cap * sizeof(*p));
		if (!p)
			return gk_errf(m, GK_ENOMEM, "out of memory");
		sf->files = p;
		sf->cap = cap;
	}
	err = file_read_all(path, STATIC_MAX_FILE, &content, m);
	if (err) {
		buf_release(&content);
		return err;
	}
	f = &sf->files[sf->n];
	*f = (struct static_file){.content_type = http_type_for_name(name), .mtime = st->st_mtime};
	f->name = strdup(name);
	f->data = buf_take(&content, &f->len);
	if (!f->name || (!f->data && f->len)) {
		file_release(f);
		return gk_errf(m, GK_ENOMEM, "out of memory");
	}
	http_etag(f->data, f->len, false, f->etag);
	sf->n++;
	if (http_type_compressible(f->content_type) && f->len >= HTTP_GZIP_MIN) {
		buf_init(&gz, f->len);
		if (http_gzip(f->data, f->len, 9, &gz) && gz.len < f->len) {
			f->gz = buf_take(&gz, &f->gz_len);
			http_etag(f->data, f->len, true, f->etag_gz);
		}
		buf_release(&gz);
	}
	sf->total += f->len + f->gz_len;
	if (sf->total > STATIC_MAX_TOTAL)
		return gk_errf(m, GK_ERANGE, "%s: static files exceed %u MiB in all", path,
			       STATIC_MAX_TOTAL >> 20);
	return GK_OK;
}

/* Walk dir (name: its path below the top, "" for the top) depth first. */
static enum gk_err load_dir(struct static_files *sf, const char *dir, const char *name, int depth,
			    struct gk_errmsg *m)
{
	DIR *d;
	struct dirent *e;
	enum gk_err err = GK_OK;

	if (depth > STATIC_MAX_DEPTH)
		return gk_errf(m, GK_ERANGE, "%s: directories nested deeper than %d", dir,
			       STATIC_MAX_DEPTH);
	d = opendir(dir);
	if (!d)
		return gk_errf(m, GK_EIO, "%s: %s", dir, strerror(errno));
	while (!err && (errno = 0, e = readdir(d))) {
		struct buf path, sub;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		buf_init(&path, 4096);
		buf_init(&sub, 4096);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		buf_printf(&sub, "%s%s%s", name, *name ? "/" : "", e->d_name);
		if (path.failed || sub.failed)
			err = gk_errf(m, GK_ERANGE, "%s/%s: path too long", dir, e->d_name);
		else if (lstat(buf_cstr(&path), &st) != 0)
			err = gk_errf(m, GK_EIO, "%s: %s", buf_cstr(&path), strerror(errno));
		else if (S_ISDIR(st.st_mode))
			err = load_dir(sf, buf_cstr(&path), buf_cstr(&sub), depth + 1, m);
		else if (S_ISREG(st.st_mode))
			err = add_file(sf, buf_cstr(&path), buf_cstr(&sub), &st, m);
		buf_release(&path);
		buf_release(&sub);
	}
	if (!err && errno)
		err = gk_errf(m, GK_EIO, "%s: %s", dir, strerror(errno));
	closedir(d);
	return err;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct static_file *)a)->name, ((const struct static_file *)b)->name);
}

enum gk_err static_files_load(const char *dir, struct static_files **out, struct gk_errmsg *m)
{
	struct static_files *sf = calloc(1, sizeof(*sf));
	enum gk_err err;

	*out = NULL;
	if (!sf)
		return gk_errf(m, GK_ENOMEM, "out of memory");
	err = load_dir(sf, dir, "", 0, m);
	if (err) {
		static_files_free(sf);
		return err;
	}
	if (sf->n)
		qsort(sf->files, sf->n, sizeof(*sf->files), by_name);
	*out = sf;
	return GK_OK;
}

size_t static_files_count(const struct static_files *sf)
{
	return sf->n;
}

const struct static_file *static_files_at(const struct static_files *sf, size_t i)
{
	return &sf->files[i];
}

const struct static_file *static_files_find(const struct static_files *sf, const char *name,
					    size_t *index)
{
	struct static_file key = {.name = name};
	const struct static_file *f;

	if (!sf->n)
		return NULL;
	f = bsearch(&key, sf->files, sf->n, sizeof(*sf->files), by_name);
	if (f && index)
		*index = (size_t)(f - sf->files);
	return f;
}
