/*
 * timeutil.h — time in kansli: stored as integer UTC microseconds since the
 * epoch (the common dialect of SQLite and PostgreSQL), shown in Swedish time
 * (Europe/Stockholm). Calendar dates that the law cares about (the date a
 * letter arrived, a due date) are kept as ISO "YYYY-MM-DD" text.
 */
#ifndef KANSLI_TIMEUTIL_H
#define KANSLI_TIMEUTIL_H

#include <stdint.h>
#include <stddef.h>

/* Makes local time Swedish time for this process; call once at start. */
void time_init_zone(void);
/* Current UTC time in microseconds (KANSLI_NOW=YYYY-MM-DD overrides, for tests). */
int64_t time_now_us(void);
/* Today's date in Swedish time, "YYYY-MM-DD", into out[11]. */
void time_today(char out[11]);
/* 1 if s is a real calendar date "YYYY-MM-DD" (1900..2199), else 0. */
int time_valid_date(const char *s);
/* Formats us as "YYYY-MM-DD HH:MM:SS" in Swedish time into out (>= 20 bytes). */
void time_format_local(int64_t us, char *out, size_t len);
/* Formats us as RFC 3339 UTC "YYYY-MM-DDTHH:MM:SS.uuuuuuZ" into out (>= 28). */
void time_format_utc(int64_t us, char *out, size_t len);
/* Midnight of a valid "YYYY-MM-DD" in Swedish time, as UTC microseconds. */
int64_t time_date_us(const char *date);
/* Year of a "YYYY-MM-DD" date. */
int time_date_year(const char *date);

#endif
