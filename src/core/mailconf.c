/* mailconf.c — the mail settings and users' addresses; see mailconf.h. */
#include "core/mailconf.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/org.h"

/* The settings a user names, and the meta key each is kept under. */
static const char *const names[][2] = {
	{ "smtp-url", "mail_smtp_url" }, { "mail-from", "mail_from" }, { "site-url", "mail_site_url" },
};
#define NSETTINGS (sizeof names / sizeof names[0])

static const char SQL_GET[] = "SELECT value FROM meta WHERE key = ?1";
static const char SQL_SET[] =
	"INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
static const char SQL_UNSET[] = "DELETE FROM meta WHERE key = ?1";

static const char *meta_key(const char *name)
{
	for (size_t i = 0; name && i < NSETTINGS; i++)
		if (!strcmp(name, names[i][0]))
			return names[i][1];
	return NULL;
}

int mailconf_address_valid(const char *a)
{
	const char *at = a ? strchr(a, '@') : NULL;
	if (!at || at == a || !at[1] || strchr(at + 1, '@') || strlen(a) > 254)
		return 0;
	for (const char *p = a; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>()[],;:\\\"", *p) || *p == 0x7f)
			return 0;
	return 1;
}

/* A URL of one of schemes ("smtp://", ...), with a host and nothing that
 * could carry a credential (an "@" before the host) or break a line. */
static int url_valid(const char *v, const char *const *schemes)
{
	size_t n = 0;
	for (; schemes[n]; n++)
		if (!strncmp(v, schemes[n], strlen(schemes[n])))
			break;
	if (!schemes[n] || !v[strlen(schemes[n])] || strlen(v) > 500)
		return 0;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '@' || *p == 0x7f)
			return 0;
	return 1;
}

static int value_valid(const char *name, const char *value, kerr *e)
{
	static const char *const smtp[] = { "smtp://", "smtps://", NULL };
	static const char *const web[] = { "http://", "https://", NULL };
	if (!*value)
		return 0; /* "" removes the setting */
	if (!strcmp(name, "smtp-url") && !url_valid(value, smtp))
		return kerr_field(e, KERR_INVALID, "value", KWHY_FORMAT,
		                  "smtp-url is smtp://host[:port] or smtps://host[:port], with no user or password "
		                  "(the setting is logged; use a local relay for a server that needs a login)");
	if (!strcmp(name, "site-url") && !url_valid(value, web))
		return kerr_field(e, KERR_INVALID, "value", KWHY_FORMAT,
		                  "site-url is the installation's address, like https://kansli.kommun.se");
	if (!strcmp(name, "mail-from") && !mailconf_address_valid(value))
		return kerr_field(e, KERR_INVALID, "value", KWHY_FORMAT, "mail-from is an address like kansli@kommun.se");
	return 0;
}

int mailconf_set(kansli *k, const char *name, const char *value, kerr *e)
{
	const char *key = meta_key(name);
	int rc;
	if (!key)
		return kerr_field(e, KERR_INVALID, "name", KWHY_CHOICE,
		                  "'%s' is no setting: smtp-url, mail-from or site-url", name ? name : "");
	if (!value)
		value = "";
	if ((rc = access_installation(k, e)) || (rc = value_valid(name, value, e)))
		return rc;
	if ((rc = kansli_begin(k, e)))
		return rc;
	db_stmt *s = db_prep(k->db, *value ? SQL_SET : SQL_UNSET, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_text(s, 1, key);
	if (*value)
		db_bind_text(s, 2, value);
	if ((rc = db_run(s, e)))
		return kansli_end(k, rc, e);
	rc = audit_append(k, 0, "installation.setting", "installation", 0,
	                  json_pack("{s:s,s:s?}", "name", name, "value", *value ? value : NULL), e);
	return kansli_end(k, rc, e);
}

int mailconf_get(kansli *k, const char *name, char *out, size_t len, kerr *e)
{
	const char *key = meta_key(name);
	*out = '\0';
	if (!key)
		return kerr_set(e, KERR_INVALID, "'%s' is no setting", name);
	db_stmt *s = db_prep(k->db, SQL_GET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, key);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		snprintf(out, len, "%s", db_col_text(s, 0));
	db_done(s);
	return rc < 0 ? rc : 0;
}

json_t *mailconf_all(kansli *k, kerr *e)
{
	json_t *o = json_object();
	for (size_t i = 0; i < NSETTINGS; i++) {
		char v[600];
		if (mailconf_get(k, names[i][0], v, sizeof v, e)) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, names[i][0], *v ? json_string(v) : json_null());
	}
	return o;
}

/* ?1 the actor, ?2 the user: an organisation where the one administers and
 * the other has a role. */
static const char SQL_ADMIN_OF[] =
	"SELECT a.org_id FROM user_role a JOIN user_role b ON b.org_id = a.org_id "
	"WHERE a.user_id = ?1 AND a.role = 'administrator' AND b.user_id = ?2 LIMIT 1";
static const char SQL_EMAIL_SET[] =
	"INSERT INTO user_email(user_id, email) VALUES(?1, ?2) "
	"ON CONFLICT(user_id) DO UPDATE SET email = excluded.email";
static const char SQL_EMAIL_UNSET[] = "DELETE FROM user_email WHERE user_id = ?1";

int user_email_set(kansli *k, const char *username, const char *email, kerr *e)
{
	int64_t uid, org_id = 0;
	if (!email)
		email = "";
	if (*email && !mailconf_address_valid(email))
		return kerr_field(e, KERR_INVALID, "email", KWHY_FORMAT, "'%s' is not a mail address like namn@kommun.se",
		                  email);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = user_find(k, username, &uid, e)))
		return kansli_end(k, rc, e);
	if (k->user_id != 0 && k->user_id != uid) {
		db_stmt *s = db_prep(k->db, SQL_ADMIN_OF, e);
		if (!s)
			return kansli_end(k, KERR_INTERNAL, e);
		db_bind_int(s, 1, k->user_id);
		db_bind_int(s, 2, uid);
		if ((rc = kansli_row(s, e, KERR_DENIED, "%s may not set %s's address: not an administrator of an "
		                     "organisation %s belongs to", k->actor, username, username)))
			return kansli_end(k, rc, e);
		org_id = db_col_int(s, 0);
		db_done(s);
	}
	db_stmt *s = db_prep(k->db, *email ? SQL_EMAIL_SET : SQL_EMAIL_UNSET, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, uid);
	if (*email)
		db_bind_text(s, 2, email);
	if ((rc = db_run(s, e)))
		return kansli_end(k, rc, e);
	rc = audit_append(k, org_id, "user.email", "user", uid,
	                  json_pack("{s:s,s:s?}", "username", username, "email", *email ? email : NULL), e);
	return kansli_end(k, rc, e);
}
