#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

static enum gk_err read_fd(int fd, const char *path, size_t max, struct buf *out,
			   struct gk_errmsg *m)
{
	char chunk[65536];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return gk_errf(m, GK_EIO, "%s: cannot read: %s", path, strerror(errno));
		if (n == 0)
			return GK_OK;
		buf_append(out, chunk, (size_t)n);
		if (out->failed)
			return gk_errf(m, GK_ERANGE, "%s: larger than %zu MiB", path, max >> 20);
	}
}

enum gk_err file_read_all(const char *path, size_t max, struct buf *out, struct gk_errmsg *m)
{
	bool is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	enum gk_err err;

	buf_init(out, max);
	if (fd < 0)
		return gk_errf(m, GK_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (!fstat(fd, &st) && S_ISDIR(st.st_mode))
		err = gk_errf(m, GK_EINVAL, "%s: is a directory, not a file", path);
	else
		err = read_fd(fd, path, max, out, m);
	if (!is_stdin)
		close(fd);
	return err;
}
