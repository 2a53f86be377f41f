#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/banned.h"

static const struct {
	const char *name;
	int exit_status;
} err_table[GK_ERR_COUNT] = {
	[GK_OK] = {"ok", 0},
	[GK_EINVAL] = {"invalid", 2},
	[GK_ERANGE] = {"out_of_range", 2},
	[GK_ENOMEM] = {"no_memory", 70},
	[GK_EIO] = {"io", 2},
	[GK_ENOTFOUND] = {"not_found", 2},
	[GK_ECONFLICT] = {"conflict", 2},
	[GK_EFORMAT] = {"format", 2},
	[GK_EINTERNAL] = {"internal", 70},
};

const char *gk_err_name(enum gk_err err)
{
	if ((unsigned)err >= GK_ERR_COUNT)
		return "unknown";
	return err_table[err].name;
}

int gk_err_exit_status(enum gk_err err)
{
	if ((unsigned)err >= GK_ERR_COUNT)
		return 70;
	return err_table[err].exit_status;
}

enum gk_err gk_errf(struct gk_errmsg *m, enum gk_err err, const char *fmt, ...)
{
	va_list ap;

	if (!m)
		return err;
	va_start(ap, fmt);
	vsnprintf(m->text, sizeof(m->text), fmt, ap);
	va_end(ap);
	return err;
}
