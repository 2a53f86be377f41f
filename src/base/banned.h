/*
 * banned.h: functions that must not be used in gongkai.
 *
 * Included last by every .c file of the project (through the Makefile's
 * -include), so a call to any of these is a compile error. Each has a
 * bounded or reentrant replacement:
 *   strcpy/strcat/strncpy/strncat -> memcpy with a known length, or buf_*()
 *   sprintf/vsprintf              -> snprintf, or buf_printf()
 *   strtok                        -> explicit scanning over struct str
 *   atoi/atol/atof                -> strtol/strtod with end and errno checks
 *   gmtime/localtime/ctime/asctime-> the _r variants, or base/date
 * The idea is git's banned.h.
 */
#ifndef GK_BANNED_H
#define GK_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_in_gongkai

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef atof
#define atof(x) BANNED(atof)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)

#endif
