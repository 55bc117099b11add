/*
 * reminder_sql.h — the SQL the reminder files share: whether a case is
 * secret, and so whether a user may see its reminders (reminder.h).
 */
#ifndef KANSLI_REMINDER_SQL_H
#define KANSLI_REMINDER_SQL_H

#include "core/access.h"

/* The case_file row aliased `c` is secret when its title is protected or
 * any of its records is marked secret: its reminders' notes may say as
 * much as the case does. */
#define REMINDER_CASE_SECRET_SQL \
	"(c.public_title IS NOT NULL OR EXISTS (SELECT 1 FROM record sr WHERE sr.case_id = c.id" \
	" AND sr.secrecy <> 'none'))"

/* True when the user bound to ?U may see the reminders of case `c`: the
 * case is not secret, or the user may read its secrets. */
#define REMINDER_VISIBLE_SQL(U) "(NOT " REMINDER_CASE_SECRET_SQL " OR " ACCESS_SECRET_SQL(U) ")"

#endif
