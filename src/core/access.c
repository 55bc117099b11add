/* access.c — role-based access decisions; see access.h. */
#include "core/access.h"

#include <string.h>

const char *const access_roles[] = {
	"administrator", "registrator", "handlaggare", "namndsekreterare",
	"arkivarie", "lasare", "etjanst", NULL,
};

/* Which roles grant an action: a bit per role, in access_roles order. */
static const unsigned grants[] = {
	[ACCESS_READ] = 0x3f,
	[ACCESS_READ_SECRET] = 0x02 | 0x04 | 0x10,
	[ACCESS_REGISTER] = 0x02 | 0x04 | 0x08,
	[ACCESS_CASE_WORK] = 0x02 | 0x04 | 0x08,
	[ACCESS_MEETING] = 0x02 | 0x08,
	[ACCESS_ARCHIVE] = 0x10,
	[ACCESS_ADMIN] = 0x01,
	[ACCESS_INTAKE] = 0x02,
	[ACCESS_INTAKE_SUBMIT] = 0x02 | 0x40,
};

static const char *const action_names[] = {
	[ACCESS_READ] = "read", [ACCESS_READ_SECRET] = "read secret records",
	[ACCESS_REGISTER] = "register", [ACCESS_CASE_WORK] = "work on cases",
	[ACCESS_MEETING] = "prepare meetings and minutes",
	[ACCESS_ARCHIVE] = "manage retention and archive", [ACCESS_ADMIN] = "administer",
	[ACCESS_INTAKE] = "see the inbox (registrars only)",
	[ACCESS_INTAKE_SUBMIT] = "hand submissions to the inbox",
};

int access_role_valid(const char *role)
{
	for (int i = 0; access_roles[i]; i++)
		if (strcmp(role, access_roles[i]) == 0)
			return 1;
	return 0;
}

int access_role_scopable(const char *role, kerr *e)
{
	if (!strcmp(role, "registrator") || !strcmp(role, "handlaggare"))
		return 0;
	if (!strcmp(role, "arkivarie"))
		return kerr_field(e, KERR_INVALID, "scope", KWHY_CHOICE, "an arkivarie keeps the whole organisation's "
		                  "archive (disposal and delivery read every case); grant it without a unit or board");
	if (!strcmp(role, "administrator"))
		return kerr_field(e, KERR_INVALID, "scope", KWHY_CHOICE, "an administrator administers the whole "
		                  "organisation; grant it without a unit or board");
	return kerr_field(e, KERR_INVALID, "scope", KWHY_CHOICE, "the role '%s' reads no secrets, so a unit or "
	                  "board would not limit it; grant it without a unit or board", role);
}

int access_role_grants(const char *role, access_action action)
{
	for (int i = 0; access_roles[i]; i++)
		if (strcmp(role, access_roles[i]) == 0)
			return (grants[action] >> i) & 1;
	return 0;
}

/* Any webhook, enabled or not: one disabled may be enabled again. */
static const char SQL_WEBHOOK_USER[] = "SELECT 1 FROM webhook_subscription WHERE user_id = ?1 AND org_id = ?2";
static const char SQL_ROLES[] = "SELECT role FROM user_role WHERE user_id = ?1 AND org_id = ?2";

/* The roles user uid holds in org_id, a bit each in access_roles order:
 * 0, or a negative KERR_* when they could not be read. */
static int roles_held(kansli *k, int64_t uid, int64_t org_id, unsigned *held, kerr *e)
{
	*held = 0;
	db_stmt *s = db_prep(k->db, SQL_ROLES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, org_id);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *role = db_col_text(s, 0);
		for (int i = 0; access_roles[i]; i++)
			if (strcmp(role, access_roles[i]) == 0)
				*held |= 1u << i;
	}
	return rc < 0 ? rc : 0;
}

static int reads_secrets(kansli *k, int64_t uid, int64_t org_id, kerr *e)
{
	unsigned held;
	int rc = roles_held(k, uid, org_id, &held, e);
	return rc ? rc : (held & grants[ACCESS_READ_SECRET]) != 0;
}

int access_webhook_user(kansli *k, int64_t uid, int64_t org_id, const char *username, kerr *e)
{
	if (k->user_id == 0 || uid == k->user_id)
		return 0;
	int reads = reads_secrets(k, uid, org_id, e);
	if (reads < 0)
		return reads;
	if (reads)
		return kerr_field(e, KERR_DENIED, "user", KWHY_STATE, "'%s' may read secret records, and a webhook reads "
		                  "with its user's rights: name a user without that right, or have the installation's "
		                  "operator add it", username);
	return 0;
}

int access_may_grant(kansli *k, int64_t uid, int64_t org_id, const char *role, kerr *e)
{
	if (k->user_id == 0)
		return 0;
	if (uid == k->user_id)
		return kerr_field(e, KERR_DENIED, "user", KWHY_FOUR_EYES, "%s may not grant a role to themselves: "
		                  "another administrator does, or the installation's operator", k->actor);
	if (!access_role_grants(role, ACCESS_READ_SECRET))
		return 0;
	db_stmt *s = db_prep(k->db, SQL_WEBHOOK_USER, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, org_id);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW)
		return kerr_field(e, KERR_DENIED, "role", KWHY_STATE, "a webhook reads with this user's rights, and "
		                  "%s reads secret records: only the installation's operator grants it", role);
	return 0;
}

int64_t access_on_behalf(kansli *k)
{
	int64_t user_id = k->user_id;
	k->user_id = 0;
	return user_id;
}

void access_restore(kansli *k, int64_t user_id)
{
	k->user_id = user_id;
}

int access_check(kansli *k, int64_t org_id, access_action action, kerr *e)
{
	if (k->user_id == 0)
		return 0;
	if (k->user_id < 0) /* the anonymous public: what it may see, core/public.c decides */
		return kerr_set(e, KERR_DENIED, "log in to do this");
	unsigned held;
	int rc = roles_held(k, k->user_id, org_id, &held, e);
	if (rc)
		return rc; /* could not read the roles: an error, not a refusal */
	if (held & grants[action])
		return 0;
	return kerr_set(e, KERR_DENIED, "%s may not %s in this organisation", k->actor,
	                action_names[action]);
}

/* The organisations where the user lacks a role that grants ACCESS_ADMIN
 * (the grants of ACCESS_ADMIN below: administrator alone). */
static const char SQL_NOT_ADMIN_SOMEWHERE[] =
	"SELECT count(*) FROM organisation o WHERE NOT EXISTS (SELECT 1 FROM user_role ur "
	"  WHERE ur.user_id = ?1 AND ur.org_id = o.id AND ur.role = 'administrator')";

int access_installation(kansli *k, kerr *e)
{
	if (k->user_id == 0)
		return 0;
	if (k->user_id < 0)
		return kerr_set(e, KERR_DENIED, "log in to do this");
	db_stmt *s = db_prep(k->db, SQL_NOT_ADMIN_SOMEWHERE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, k->user_id);
	int rc = db_step(s, e);
	if (rc != DB_ROW)
		return rc < 0 ? rc : kerr_set(e, KERR_INTERNAL, "no count of organisations");
	int64_t lacking = db_col_int(s, 0);
	db_done(s);
	if (lacking == 0)
		return 0;
	return kerr_set(e, KERR_DENIED, "%s is not an administrator of every organisation of the installation",
	                k->actor);
}

/* The organisations where uid holds a role, and of those the ones where
 * the actor ?2 is not an administrator. */
static const char SQL_ACCOUNT_ORGS[] =
	"SELECT (SELECT count(DISTINCT org_id) FROM user_role WHERE user_id = ?1), "
	"  (SELECT count(DISTINCT t.org_id) FROM user_role t WHERE t.user_id = ?1 AND NOT EXISTS ("
	"    SELECT 1 FROM user_role a WHERE a.user_id = ?2 AND a.org_id = t.org_id AND a.role = 'administrator'))";

int access_account(kansli *k, int64_t uid, const char *username, int self, kerr *e)
{
	if (k->user_id == 0)
		return 0;
	if (k->user_id < 0)
		return kerr_set(e, KERR_DENIED, "log in to do this");
	if (uid == k->user_id) {
		if (self)
			return 0;
		return kerr_field(e, KERR_DENIED, "username", KWHY_STATE, "%s may not do this to their own account: "
		                  "another administrator does (a password of one's own is changed with the current one)",
		                  k->actor);
	}
	db_stmt *s = db_prep(k->db, SQL_ACCOUNT_ORGS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, k->user_id);
	int rc = db_step(s, e);
	if (rc != DB_ROW) {
		db_done(s);
		return rc < 0 ? rc : kerr_set(e, KERR_INTERNAL, "no count of the account's organisations");
	}
	int64_t orgs = db_col_int(s, 0), foreign = db_col_int(s, 1);
	db_done(s);
	if (orgs > 0 && foreign == 0)
		return 0;
	if (orgs == 0)
		return kerr_set(e, KERR_DENIED, "'%s' has no role in any organisation: only the installation's "
		                "operator manages the account", username);
	return kerr_set(e, KERR_DENIED, "'%s' has a role in an organisation %s does not administer: only an "
	                "administrator of every one of them, or the installation's operator, manages the account",
	                username, k->actor);
}

int access_may(kansli *k, int64_t org_id, access_action action, kerr *e)
{
	kerr why = KERR_INIT;
	int rc = access_check(k, org_id, action, &why);
	if (rc == 0 || rc == KERR_DENIED)
		return rc == 0;
	return kerr_set(e, rc, "%s", why.msg);
}

db_stmt *access_prep(kansli *k, int64_t org_id, access_action action, const char *sql, kerr *e)
{
	if (access_check(k, org_id, action, e))
		return NULL;
	return db_prep(k->db, sql, e);
}

static const char SQL_CASE_SECRET[] =
	"SELECT " ACCESS_SECRET_SQL("1") " FROM case_file c WHERE c.id = ?2";

int access_secret_case(kansli *k, int64_t case_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CASE_SECRET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, k->user_id);
	db_bind_int(s, 2, case_id);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int may = rc == DB_ROW && db_col_int(s, 0);
	db_done(s);
	if (may)
		return 0;
	return kerr_set(e, KERR_DENIED, "%s may not read the secret parts of this case: no grant "
	                "covers its unit or board", k->actor);
}

int access_intake_scope(kansli *k, int64_t org_id, int *all, kerr *e)
{
	*all = 0;
	kerr judge = KERR_INIT, officer = KERR_INIT;
	int rc = access_check(k, org_id, ACCESS_INTAKE, &judge);
	if (rc == 0) {
		*all = 1;
		return 0;
	}
	if (rc == KERR_DENIED && (rc = access_check(k, org_id, ACCESS_REGISTER, &officer)) == 0)
		return 0;
	/* refused: the registrars' refusal says what the inbox is */
	if (e)
		*e = rc == KERR_DENIED || !officer.code ? judge : officer;
	return rc;
}

static const char SQL_USER_DISABLED[] = "SELECT disabled FROM app_user WHERE id = ?1";

int access_intake_forwardee(kansli *k, int64_t uid, int64_t org_id, const char *username, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_USER_DISABLED, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int disabled = rc == DB_ROW && db_col_int(s, 0);
	if (rc == DB_ROW)
		db_done(s);
	if (disabled)
		return kerr_field(e, KERR_INVALID, "user", KWHY_STATE, "'%s' is disabled and cannot act on the item: "
		                  "forward it to someone else", username);
	unsigned held;
	if ((rc = roles_held(k, uid, org_id, &held, e)))
		return rc;
	if (held & grants[ACCESS_REGISTER])
		return 0;
	/* a reader cannot see the inbox, an e-service account only hands in */
	return kerr_field(e, KERR_INVALID, "user", KWHY_STATE, "'%s' may not register in this organisation "
	                  "(a registrator, handläggare or nämndsekreterare may) and could never act on the item: "
	                  "forward it to someone who may", username);
}

static const char SQL_INTAKE_MINE[] =
	"SELECT 1 FROM intake_forward f JOIN intake_item i ON i.id = f.item_id "
	"WHERE f.item_id = ?2 AND i.org_id = ?3 AND " ACCESS_INTAKE_MINE_SQL("1");

int access_intake_item(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	int all, rc = access_intake_scope(k, org_id, &all, e);
	if (rc || all)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_INTAKE_MINE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, k->user_id);
	db_bind_int(s, 2, id);
	db_bind_int(s, 3, org_id);
	if ((rc = db_step(s, e)) < 0)
		return rc;
	db_done(s);
	if (rc == DB_ROW)
		return 0;
	return kerr_set(e, KERR_DENIED, "inbox item %lld is not forwarded to %s or their unit: only the "
	                "registrars see it", (long long)id, k->actor);
}
