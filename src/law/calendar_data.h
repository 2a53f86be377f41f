/*
 * calendar_data.h: data/calendar/cn.tsv as built into the binary.
 * The definition is generated at build time by scripts/embed.
 */
#ifndef GK_CALENDAR_DATA_H
#define GK_CALENDAR_DATA_H

#include <stddef.h>

extern const char calendar_builtin_tsv[];
extern const size_t calendar_builtin_tsv_len;
#define CALENDAR_BUILTIN_SOURCE "data/calendar/cn.tsv"

#endif
