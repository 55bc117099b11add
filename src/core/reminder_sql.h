/*
 * reminder_sql.h — the SQL the reminder files share: whether a case is
 * secret, and so whether a user may see its reminders (reminder.h).
 */
#ifndef KANSLI_REMINDER_SQL_H
#define KANSLI_REMINDER_SQL_H

#include <stdint.h>

#include "core/access.h"
#include "core/kansli.h"

/* The case_file row aliased `c` is secret when its title is protected or
 * any of its records is marked secret: its reminders' notes may say as
 * much as the case does. */
#define REMINDER_CASE_SECRET_SQL \
	"(c.public_title IS NOT NULL OR EXISTS (SELECT 1 FROM record sr WHERE sr.case_id = c.id" \
	" AND sr.secrecy <> 'none'))"

/* True when the user bound to ?U may see the reminders of case `c`: the
 * case is not secret, or the user may read its secrets. */
#define REMINDER_VISIBLE_SQL(U) "(NOT " REMINDER_CASE_SECRET_SQL " OR " ACCESS_SECRET_SQL(U) ")"

/* 1 when user uid may see the reminders of case_id, 0 when not, or
 * KERR_* (reminder.c; the mail, reminder_mail.c, asks it too). */
int reminder_user_may_see(kansli *k, int64_t case_id, int64_t uid, kerr *e);

#endif
