/*
 * org.c — organisations, units, series, classes, users and roles.
 */
#include "core/org.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/grant.h"
#include "util/encoding.h"
#include "util/idnum.h"
#include "util/timeutil.h"

/* A code is what people type on the command line and see in URLs. */
static int valid_code(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max)
		return 0;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return 0;
	return 1;
}

/* A series prefix: capital letters (Å, Ä, Ö included), as in "KS", "ÖFN". */
static int valid_prefix(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 16)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			continue;
		if (p[0] == 0xC3 && (p[1] == 0x85 || p[1] == 0x84 || p[1] == 0x96)) {
			p++;
			continue;
		}
		return 0;
	}
	return 1;
}

static int valid_class_code(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 32 || !isdigit((unsigned char)s[0]))
		return 0;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			return 0;
	return s[n - 1] != '.';
}

static int valid_text(const char *s, size_t max)
{
	return s && *s && strlen(s) <= max && !strpbrk(s, "\r\n");
}

static const char SQL_ORG_INSERT[] =
	"INSERT INTO organisation(code, name, orgnr, created_us) VALUES(?1, ?2, ?3, ?4) RETURNING id";

/* An organisation whose code is code's but for case or '_' against '-':
 * people read codes so (kommun, Kommun), and a package id folds them so
 * (archive.c), so two such organisations would deliver packages under one
 * OBJID to the e-archive. */
static const char SQL_ORG_ALIKE[] =
	"SELECT code FROM organisation WHERE replace(lower(code), '_', '-') = replace(lower(?1), '_', '-')";

/* 0 when no organisation has a code alike code, else KERR_CONFLICT. */
static int org_code_free(kansli *k, const char *code, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ORG_ALIKE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, code);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		rc = kerr_field(e, KERR_CONFLICT, "code", KWHY_DUPLICATE,
		                "organisation code '%s' is too like the existing '%s' (codes are told apart regardless "
		                "of case and of '-' or '_'): choose another", code, db_col_text(s, 0));
	db_done(s);
	return rc < 0 ? rc : 0;
}

int org_add(kansli *k, const char *code, const char *name, const char *orgnr, kerr *e)
{
	char canon[12];
	const char *why;
	if (k->user_id != 0)
		return kerr_set(e, KERR_DENIED, "only the installation's administrator may add organisations");
	if (!valid_code(code, 32))
		return kerr_field(e, KERR_INVALID, "code", KWHY_FORMAT,
		                  "organisation code '%s' must be 1-32 letters, digits, - or _", code);
	if (!valid_text(name, 200))
		return kerr_field(e, KERR_INVALID, "name", text_line_why(name, 200),
		                  "organisation name must be 1-200 characters on one line");
	if (orgnr && *orgnr && idnum_orgnr(orgnr, canon, &why) != 0)
		return kerr_field(e, KERR_INVALID, "orgnr", KWHY_FORMAT,
		                  "invalid organisationsnummer '%s': %s", orgnr, why);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = org_code_free(k, code, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_ORG_INSERT, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_text(s, 1, code);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, orgnr && *orgnr ? canon : NULL);
	db_bind_int(s, 4, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "an organisation with code '%s' already exists", code);
		else if (rc == DB_DONE) /* INSERT ... RETURNING gives its row or fails */
			rc = kerr_set(e, KERR_INTERNAL, "organisation '%s' was not added", code);
		goto fail;
	}
	int64_t id = db_col_int(s, 0);
	db_done(s);
	if ((rc = audit_append(k, id, "organisation.add", "organisation", id,
	                       json_pack("{s:s,s:s,s:s?}", "code", code, "name", name,
	                                 "orgnr", orgnr && *orgnr ? canon : NULL), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc < 0 ? rc : KERR_INTERNAL;
}

static const char SQL_ORG_BY_CODE[] = "SELECT id FROM organisation WHERE code = ?1";
static const char SQL_ORG_ONLY[] = "SELECT id, (SELECT count(*) FROM organisation) FROM organisation LIMIT 1";

int org_find(kansli *k, const char *code, int64_t *id, kerr *e)
{
	db_stmt *s;
	if (!code || !*code) {
		s = db_prep(k->db, SQL_ORG_ONLY, e);
		if (!s)
			return KERR_INTERNAL;
		int rc = kansli_row(s, e, KERR_NOTFOUND, "there is no organisation yet (kansli org add CODE NAME)");
		if (rc)
			return rc;
		int64_t n = db_col_int(s, 1);
		*id = db_col_int(s, 0);
		db_done(s);
		if (n > 1)
			return kerr_field(e, KERR_INVALID, "org", KWHY_REQUIRED, "there are %lld organisations: say which",
			                  (long long)n);
		return 0;
	}
	s = db_prep(k->db, SQL_ORG_BY_CODE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, code);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc; /* could not read: not "no such organisation" */
	if (rc != DB_ROW)
		return kerr_set(e, KERR_NOTFOUND, "no organisation with code '%s'", code);
	return 0;
}

static const char SQL_ORG_LIST[] =
	"SELECT id, code, name, orgnr FROM organisation ORDER BY code";

json_t *org_list(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ORG_LIST, e);
	if (!s)
		return NULL;
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		/* Only a refusal leaves an organisation out: roles that could not
		 * be read make the list an error, not a shorter list. */
		int may = access_may(k, db_col_int(s, 0), ACCESS_READ, e);
		/* an e-service's user reads nothing, but hands submissions to
		 * the organisation's inbox (core/intake.h) */
		if (may == 0)
			may = access_may(k, db_col_int(s, 0), ACCESS_INTAKE_SUBMIT, e);
		if (may == 0)
			continue;
		if (may < 0) {
			db_done(s);
			json_decref(arr);
			return NULL;
		}
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s?}", "code", db_col_text(s, 1),
		                      "name", db_col_text(s, 2),
		                      "orgnr", db_col_null(s, 3) ? NULL : db_col_text(s, 3)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

/* Units, series and classes share one shape: (org_id, key, text). */
struct setup_kind {
	const char *what;       /* "unit", "series", "class" */
	const char *insert_sql;
	const char *find_sql;
	const char *list_sql;
	const char *key_name, *text_name;
	int (*valid_key)(const char *);
};

static int valid_unit_code(const char *s) { return valid_code(s, 32); }

static const char SQL_UNIT_INSERT[] = "INSERT INTO unit(org_id, code, name) VALUES(?1, ?2, ?3) RETURNING id";
static const char SQL_UNIT_FIND[] = "SELECT id FROM unit WHERE org_id = ?1 AND code = ?2";
static const char SQL_UNIT_LIST[] = "SELECT code, name FROM unit WHERE org_id = ?1 ORDER BY code";
static const char SQL_SERIES_INSERT[] = "INSERT INTO series(org_id, prefix, name) VALUES(?1, ?2, ?3) RETURNING id";
static const char SQL_SERIES_FIND[] = "SELECT id FROM series WHERE org_id = ?1 AND prefix = ?2";
static const char SQL_SERIES_LIST[] = "SELECT prefix, name FROM series WHERE org_id = ?1 ORDER BY prefix";
static const char SQL_CLASS_INSERT[] = "INSERT INTO class(org_id, code, title) VALUES(?1, ?2, ?3) RETURNING id";
static const char SQL_CLASS_FIND[] = "SELECT id FROM class WHERE org_id = ?1 AND code = ?2";
static const char SQL_CLASS_LIST[] = "SELECT code, title FROM class WHERE org_id = ?1 ORDER BY code";

static const struct setup_kind UNIT = { "unit", SQL_UNIT_INSERT, SQL_UNIT_FIND, SQL_UNIT_LIST,
	"code", "name", valid_unit_code };
static const struct setup_kind SERIES = { "series", SQL_SERIES_INSERT, SQL_SERIES_FIND, SQL_SERIES_LIST,
	"prefix", "name", valid_prefix };
static const struct setup_kind CLASS = { "class", SQL_CLASS_INSERT, SQL_CLASS_FIND, SQL_CLASS_LIST,
	"code", "title", valid_class_code };

static int setup_create_tx(kansli *k, const struct setup_kind *kind, int64_t org_id,
                           const char *key, const char *text, int64_t *id, kerr *e)
{
	if (!kind->valid_key(key))
		return kerr_field(e, KERR_INVALID, "code", KWHY_FORMAT,
		                  "invalid %s %s '%s'", kind->what, kind->key_name, key);
	if (!valid_text(text, 200))
		return kerr_field(e, KERR_INVALID, "name", text_line_why(text, 200), "%s %s must be 1-200 characters on one line",
		                  kind->what, kind->text_name);
	int rc = access_check(k, org_id, ACCESS_ADMIN, e);
	/* The classification structure is the archivist's as much as the
	 * administrator's (it carries the retention schedule). */
	if (rc == KERR_DENIED && kind == &CLASS) {
		int archivist = access_may(k, org_id, ACCESS_ARCHIVE, e);
		if (archivist)
			rc = archivist < 0 ? archivist : 0;
	}
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, kind->insert_sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, key);
	db_bind_text(s, 3, text);
	if ((rc = db_step(s, e)) != DB_ROW) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "%s '%s' already exists in this organisation", kind->what, key);
		return rc < 0 ? rc : KERR_INTERNAL;
	}
	*id = db_col_int(s, 0);
	db_done(s);
	char action[32];
	snprintf(action, sizeof action, "%s.add", kind->what);
	return audit_append(k, org_id, action, kind->what, *id,
	                    json_pack("{s:s,s:s}", kind->key_name, key, kind->text_name, text), e);
}

static int setup_add(kansli *k, const struct setup_kind *kind, int64_t org_id,
                     const char *key, const char *text, kerr *e)
{
	int64_t id;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = setup_create_tx(k, kind, org_id, key, text, &id, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

static int setup_find(kansli *k, const struct setup_kind *kind, int64_t org_id,
                      const char *key, int64_t *id, kerr *e)
{
	db_stmt *s = db_prep(k->db, kind->find_sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, key);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return kerr_field(e, KERR_NOTFOUND, kind->what, KWHY_UNKNOWN, "unknown %s '%s'", kind->what, key);
	return 0;
}

int unit_add(kansli *k, int64_t o, const char *c, const char *n, kerr *e) { return setup_add(k, &UNIT, o, c, n, e); }
int unit_find(kansli *k, int64_t o, const char *c, int64_t *id, kerr *e) { return setup_find(k, &UNIT, o, c, id, e); }
int series_add(kansli *k, int64_t o, const char *p, const char *n, kerr *e) { return setup_add(k, &SERIES, o, p, n, e); }
int series_create_tx(kansli *k, int64_t o, const char *p, const char *n, int64_t *id, kerr *e) { return setup_create_tx(k, &SERIES, o, p, n, id, e); }
int series_find(kansli *k, int64_t o, const char *p, int64_t *id, kerr *e) { return setup_find(k, &SERIES, o, p, id, e); }
int class_add(kansli *k, int64_t o, const char *c, const char *t, kerr *e) { return setup_add(k, &CLASS, o, c, t, e); }
int class_create_tx(kansli *k, int64_t o, const char *c, const char *t, int64_t *id, kerr *e) { return setup_create_tx(k, &CLASS, o, c, t, id, e); }
int class_find(kansli *k, int64_t o, const char *c, int64_t *id, kerr *e) { return setup_find(k, &CLASS, o, c, id, e); }

json_t *org_setup_list(kansli *k, int64_t org_id, const char *what, kerr *e)
{
	const struct setup_kind *kind = strcmp(what, "unit") == 0 ? &UNIT
		: strcmp(what, "series") == 0 ? &SERIES : &CLASS;
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	db_stmt *s = db_prep(k->db, kind->list_sql, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:s,s:s}", kind->key_name, db_col_text(s, 0),
		                                     kind->text_name, db_col_text(s, 1)));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_USER_INSERT[] =
	"INSERT INTO app_user(username, full_name, password_hash, created_us) "
	"VALUES(?1, ?2, ?3, ?4) RETURNING id";

/* Creates a user inside the open transaction; validation included. */
static int user_create_tx(kansli *k, const char *username, const char *full_name, const char *password,
                          int64_t org_id, int64_t *id, kerr *e)
{
	char hash[crypto_pwhash_STRBYTES];
	if (!valid_code(username, 64))
		return kerr_field(e, KERR_INVALID, "username", KWHY_FORMAT,
		                  "user name '%s' must be 1-64 letters, digits, - or _", username);
	if (!valid_text(full_name, 200))
		return kerr_field(e, KERR_INVALID, "full_name", text_line_why(full_name, 200),
		                  "full name must be 1-200 characters on one line");
	if (password) {
		if (strlen(password) < 10)
			return kerr_field(e, KERR_INVALID, "password", KWHY_TOO_SHORT,
			                  "a password must be at least 10 characters");
		if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
			return kerr_set(e, KERR_IO, "out of memory hashing the password");
	}
	db_stmt *s = db_prep(k->db, SQL_USER_INSERT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, username);
	db_bind_text(s, 2, full_name);
	db_bind_text(s, 3, password ? hash : NULL);
	db_bind_int(s, 4, time_now_us());
	int rc = db_step(s, e);
	if (rc != DB_ROW) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "a user named '%s' already exists", username);
		return rc < 0 ? rc : KERR_INTERNAL;
	}
	*id = db_col_int(s, 0);
	db_done(s);
	/* The password hash is not logged: the log is evidence, not a key store. */
	return audit_append(k, org_id, "user.add", "user", *id,
	                    json_pack("{s:s,s:s,s:b}", "username", username, "full_name", full_name,
	                              "password", password != NULL), e);
}

int user_add(kansli *k, const char *username, const char *full_name, const char *password,
             kerr *e)
{
	int64_t id;
	if (k->user_id != 0)
		return kerr_set(e, KERR_DENIED, "only the installation's administrator may add users");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = user_create_tx(k, username, full_name, password, 0, &id, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

int user_add_to_org(kansli *k, int64_t org_id, const char *username, const char *full_name,
                    const char *password, const char *role, kerr *e)
{
	return user_add_to_org_scoped(k, org_id, username, full_name, password, role, NULL, NULL, e);
}

int user_add_to_org_scoped(kansli *k, int64_t org_id, const char *username, const char *full_name,
                           const char *password, const char *role, const char *unit,
                           const char *board, kerr *e)
{
	int64_t id;
	if (!access_role_valid(role))
		return kerr_field(e, KERR_INVALID, "role", KWHY_CHOICE, "unknown role '%s'", role);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)) ||
	    (rc = user_create_tx(k, username, full_name, password, org_id, &id, e)) ||
	    (rc = grant_role_tx(k, id, username, org_id, role, unit, board, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

static const char SQL_USER_FIND[] = "SELECT id FROM app_user WHERE username = ?1";

int user_find(kansli *k, const char *username, int64_t *id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_USER_FIND, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, username);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	return rc == DB_ROW ? 0 : kerr_field(e, KERR_NOTFOUND, "username", KWHY_UNKNOWN, "no user named '%s'",
	                                     username);
}

int user_grant(kansli *k, const char *username, int64_t org_id, const char *role, kerr *e)
{
	return user_grant_scoped(k, username, org_id, role, NULL, NULL, e);
}

static const char SQL_USER_PW[] = "SELECT password_hash, disabled, id FROM app_user WHERE username = ?1";

static char dummy[crypto_pwhash_STRBYTES];
static void dummy_make(void)
{
	/* A random password nobody knows, hashed as user_add hashes. */
	unsigned char pw[32];
	randombytes_buf(pw, sizeof pw);
	if (crypto_pwhash_str(dummy, (const char *)pw, sizeof pw, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy[0] = '\0'; /* out of memory: verification then fails fast */
}

/* A hash to verify against when the account has none, made once. */
static const char *dummy_hash(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, dummy_make);
	return dummy;
}

int user_check_password(kansli *k, const char *username, const char *password, kerr *e)
{
	int64_t disabled_id;
	return user_check_password_why(k, username, password, &disabled_id, e);
}

int user_check_password_why(kansli *k, const char *username, const char *password, int64_t *disabled_id,
                            kerr *e)
{
	*disabled_id = 0;
	db_stmt *s = db_prep(k->db, SQL_USER_PW, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, username);
	int rc = db_step(s, e);
	if (rc < 0) {
		db_done(s);
		return rc;
	}
	/* Unknown, password-less and disabled accounts cost one verification
	 * too, so the time taken does not tell which user names exist. */
	int known = rc == DB_ROW && !db_col_null(s, 0);
	char stored[crypto_pwhash_STRBYTES];
	snprintf(stored, sizeof stored, "%s", known ? db_col_text(s, 0) : dummy_hash());
	int usable = known && db_col_int(s, 1) == 0;
	int64_t id = known ? db_col_int(s, 2) : 0;
	db_done(s);
	int right = crypto_pwhash_str_verify(stored, password, strlen(password)) == 0 && known;
	int ok = right && usable;
	if (right && !usable)
		*disabled_id = id;
	sodium_memzero(stored, sizeof stored);
	return ok ? 0 : kerr_set(e, KERR_DENIED, "wrong user name or password");
}

/* A role's scope is written after it, e.g. kommun:handlaggare(unit=SOC,board=SN). */
static const char SQL_USER_LIST[] =
	"SELECT u.username, u.full_name, u.disabled, "
	"  (SELECT group_concat(o.code || ':' || r.role || coalesce('(' || "
	"     (SELECT group_concat(sc, ',') FROM (SELECT CASE WHEN s.unit_id IS NOT NULL "
	"        THEN 'unit=' || (SELECT code FROM unit WHERE id = s.unit_id) "
	"        ELSE 'board=' || (SELECT code FROM board WHERE id = s.board_id) END AS sc "
	"      FROM role_scope s WHERE s.user_id = r.user_id AND s.org_id = r.org_id "
	"        AND s.role = r.role ORDER BY sc)) || ')', ''), ' ') "
	"   FROM user_role r JOIN organisation o ON o.id = r.org_id WHERE r.user_id = u.id "
	"     AND (?1 = 0 OR r.org_id = ?1)), u.id "
	"FROM app_user u WHERE ?1 = 0 OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.org_id = ?1) "
	"ORDER BY u.username";

json_t *user_list(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_USER_LIST, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:b,s:s,s:I}", "username", db_col_text(s, 0),
		                      "full_name", db_col_text(s, 1), "disabled", (int)db_col_int(s, 2),
		                      "roles", db_col_text(s, 3), "id", (json_int_t)db_col_int(s, 4)));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	/* Each user's grants with their scopes, for pages that show them. */
	size_t i;
	json_t *u;
	json_array_foreach(arr, i, u) {
		if (rc < 0)
			break;
		json_t *g = grant_list(k, json_integer_value(json_object_get(u, "id")), org_id, e);
		if (!g)
			rc = KERR_INTERNAL;
		else
			json_object_set_new(u, "grants", g);
		json_object_del(u, "id");
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
