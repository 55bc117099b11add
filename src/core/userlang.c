/* userlang.c — a user's web UI language; see userlang.h. */
#include "core/userlang.h"

#include <string.h>

#include "core/audit.h"
#include "store/db.h"

static const char SQL_SET[] = "UPDATE app_user SET language = ?2 WHERE id = ?1 RETURNING id";

int user_set_language(kansli *k, const char *language, kerr *e)
{
	if (!language || (strcmp(language, "sv") && strcmp(language, "en")))
		return kerr_set(e, KERR_INVALID, "the language must be sv or en");
	if (k->user_id == 0)
		return kerr_set(e, KERR_DENIED, "only a user has a language of their own");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_SET, e);
	if (!s) {
		kansli_rollback(k);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, k->user_id);
	db_bind_text(s, 2, language);
	rc = kansli_row(s, e, KERR_NOTFOUND, "no such user");
	if (rc)
		return kansli_end(k, rc, e);
	db_done(s);
	rc = audit_append(k, 0, "user.language", "user", k->user_id, json_pack("{s:s}", "language", language), e);
	return kansli_end(k, rc, e);
}
