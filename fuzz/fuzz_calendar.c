/*
 * Fuzz the holiday-file loader (data/calendar/cn.tsv format): any bytes
 * must either load or be refused with a message, and a refused file must
 * leave the calendar unchanged.
 */
#include <stdint.h>
#include <stdlib.h>

#include "law/calendar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct calendar *cal = calendar_new();
	struct gk_errmsg m;
	gk_date probe = date_from_ymd(2030, 10, 1);

	if (!cal)
		return 0;
	if (calendar_load(cal, (struct str){(const char *)data, size}, "fuzz", &m) != GK_OK) {
		/* All or nothing: a refused file changed nothing. */
		if (calendar_year_is_official(cal, 2030) || !calendar_is_working_day(cal, probe))
			abort();
	}
	calendar_free(cal);
	return 0;
}
