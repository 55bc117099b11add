/*
 * kansli.c — creating and opening an installation, and the transaction
 * boundary that keeps the audit log and the registry in step.
 */
#include "core/kansli.h"

#include <errno.h>
#include <jansson.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/covered.h"
#include "core/rowlog.h"
#include "core/schemacheck.h"
#include "core/webhook_secret.h"
#include "util/hash.h"

static int write_file_sync(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, data, len);
	int rc = (w == (ssize_t)len && fsync(fd) == 0) ? 0 : -1;
	close(fd);
	return rc;
}

static int read_exact(const char *path, void *out, size_t len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t r = read(fd, out, len);
	close(fd);
	return r == (ssize_t)len ? 0 : -1;
}

/* Where the signing key is: $KANSLI_KEY_FILE, else the path that
 * keys/log.keyfile names (init --key-file), else keys/log.key. */
static void key_path(const char *dir, char *out, size_t n)
{
	const char *env = getenv("KANSLI_KEY_FILE");
	char named[4096] = "";
	if (env && *env) {
		snprintf(out, n, "%s", env);
		return;
	}
	snprintf(out, n, "%s/keys/log.keyfile", dir);
	int fd = open(out, O_RDONLY);
	if (fd >= 0) {
		ssize_t r = read(fd, named, sizeof named - 1);
		close(fd);
		named[r > 0 ? r : 0] = 0;
		named[strcspn(named, "\r\n")] = 0;
	}
	if (*named)
		snprintf(out, n, "%s", named);
	else
		snprintf(out, n, "%s/keys/log.key", dir);
}

/* Reads the signing key. A process that may not read it (an auditor's
 * shell, when the key is kept apart) still verifies with keys/log.pub; it
 * only cannot commit, which says so. */
static int load_key(kansli *k, const char *dir, kerr *e)
{
	char path[4200];
	key_path(dir, path, sizeof path);
	if (read_exact(path, k->sk, sizeof k->sk) == 0) {
		memcpy(k->pk, k->sk + 32, 32); /* libsodium keeps the public key in the secret key */
		k->can_sign = 1;
		return 0;
	}
	char pub[4200];
	snprintf(pub, sizeof pub, "%s/keys/log.pub", dir);
	if (read_exact(pub, k->pk, sizeof k->pk) != 0)
		return kerr_set(e, KERR_IO, "cannot read the log signing key %s", path);
	snprintf(k->key_path, sizeof k->key_path, "%s", path);
	return 0;
}

static const char SQL_META_SET[] =
	"INSERT INTO meta(key, value) VALUES(?1, ?2) "
	"ON CONFLICT(key) DO UPDATE SET value = excluded.value";
static const char SQL_META_GET[] = "SELECT value FROM meta WHERE key = ?1";

int kansli_create(const char *dir, const char *origin, kerr *e)
{
	return kansli_create_keyed(dir, origin, NULL, e);
}

int kansli_create_keyed(const char *dir, const char *origin, const char *key_file, kerr *e)
{
	char path[4200];
	if (sodium_init() < 0)
		return kerr_set(e, KERR_INTERNAL, "libsodium failed to initialise");
	char idhex[17];
	unsigned char idbin[8];
	randombytes_buf(idbin, sizeof idbin);
	hash_hex(idbin, sizeof idbin, idhex);
	char org[200];
	if (origin && *origin)
		snprintf(org, sizeof org, "%s", origin);
	else
		snprintf(org, sizeof org, "kansli.local/%s", idhex);
	/* The origin is also the signed-note key name: printable, no space, no '+'. */
	int origin_ok = *org && strlen(org) <= 120;
	for (const unsigned char *p = (const unsigned char *)org; origin_ok && *p; p++)
		origin_ok = *p > 0x20 && *p < 0x7f && *p != '+';
	if (!origin_ok)
		return kerr_set(e, KERR_INVALID, "log origin must be 1-120 printable ASCII characters without "
		                "spaces or '+', like diarium.example.se");
	if (mkdir(dir, 0750) != 0 && errno != EEXIST)
		return kerr_set(e, KERR_IO, "cannot create %s: %s", dir, strerror(errno));
	snprintf(path, sizeof path, "%s/kansli.db", dir);
	if (access(path, F_OK) == 0)
		return kerr_set(e, KERR_CONFLICT, "%s already holds a kansli installation", dir);
	snprintf(path, sizeof path, "%s/keys", dir);
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return kerr_set(e, KERR_IO, "cannot create %s: %s", path, strerror(errno));

	/* The log key is made once, here; losing it means new heads can no
	 * longer be checked against old ones. It lives beside the data unless
	 * key_file puts it elsewhere (docs/OPERATIONS.md): then keys/log.keyfile
	 * names it, and a copy of the data directory alone cannot sign. */
	unsigned char pk[32], sk[64];
	crypto_sign_keypair(pk, sk);
	if (key_file && *key_file != '/')
		return kerr_set(e, KERR_INVALID, "the key file must be an absolute path, like /etc/kansli/log.key");
	snprintf(path, sizeof path, "%s", key_file ? key_file : "");
	if (!key_file)
		snprintf(path, sizeof path, "%s/keys/log.key", dir);
	if (write_file_sync(path, sk, sizeof sk, 0600) != 0)
		return kerr_set(e, KERR_IO, "cannot write %s: %s", path, strerror(errno));
	if (key_file) {
		snprintf(path, sizeof path, "%s/keys/log.keyfile", dir);
		if (write_file_sync(path, key_file, strlen(key_file), 0644) != 0)
			return kerr_set(e, KERR_IO, "cannot write %s: %s", path, strerror(errno));
	}
	snprintf(path, sizeof path, "%s/keys/log.pub", dir);
	if (write_file_sync(path, pk, sizeof pk, 0644) != 0)
		return kerr_set(e, KERR_IO, "cannot write %s: %s", path, strerror(errno));
	sodium_memzero(sk, sizeof sk);



	kansli *k;
	int rc = kansli_open(&k, dir, e);
	if (rc)
		return rc;
	if ((rc = kansli_begin(k, e)))
		goto out;
	db_stmt *s = db_prep(k->db, SQL_META_SET, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_text(s, 1, "log_origin");
	db_bind_text(s, 2, org);
	if ((rc = db_run(s, e)))
		goto fail;
	memcpy(k->origin, org, strlen(org) + 1); /* checked above: at most 120 bytes */
	memcpy(k->keyname, org, strlen(org) + 1);
	if ((rc = audit_append(k, 0, "installation.create", "installation", 0,
	                       json_pack("{s:s}", "origin", org), e)))
		goto fail;
	k->state_baseline = 1; /* the log covers every table from its first event */
	rc = kansli_commit(k, e);
	goto out;
fail:
	kansli_rollback(k);
out:
	kansli_close(k);
	return rc;
}

static int open_installation(kansli **out, const char *dir, int verify_only, kerr *e)
{
	if (sodium_init() < 0)
		return kerr_set(e, KERR_INTERNAL, "libsodium failed to initialise");
	kansli *k = calloc(1, sizeof *k);
	if (!k)
		return kerr_set(e, KERR_IO, "out of memory");
	snprintf(k->datadir, sizeof k->datadir, "%s", dir);
	char path[4200];
	snprintf(path, sizeof path, "%s/kansli.db", dir);
	int rc;
	if (access(path, F_OK) != 0 && access(dir, F_OK) == 0) {
		struct stat st;
		snprintf(path, sizeof path, "%s/keys/log.pub", dir);
		if (stat(path, &st) != 0) {
			rc = kerr_set(e, KERR_NOTFOUND, "%s is not a kansli installation "
			              "(run: kansli init %s)", dir, dir);
			goto fail;
		}
		snprintf(path, sizeof path, "%s/kansli.db", dir);
	} else if (access(path, F_OK) != 0) {
		rc = kerr_set(e, KERR_NOTFOUND, "%s is not a kansli installation (run: kansli init %s)",
		              dir, dir);
		goto fail;
	}
	k->verify_only = verify_only;
	if ((rc = db_open(&k->db, path, e)) || (!verify_only && (rc = db_migrate(k->db, e))))
		goto fail;
	if ((rc = blob_store_open(&k->blobs, dir, e)))
		goto fail;
	if ((rc = load_key(k, dir, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_META_GET, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_text(s, 1, "log_origin");
	if ((rc = db_step(s, e)) == DB_ROW) {
		snprintf(k->origin, sizeof k->origin, "%s", db_col_text(s, 0));
		snprintf(k->keyname, sizeof k->keyname, "%s", db_col_text(s, 0));
	}
	db_done(s);
	if (rc < 0)
		goto fail;
	const char *login = getenv("USER");
	snprintf(k->actor, sizeof k->actor, "system:%s", login && *login ? login : "local");
	if (!verify_only && (rc = rowlog_baseline_if_needed(k, e)))
		goto fail;
	/* the upgrade left webhook secrets clear that only a process with the
	 * signing key can seal: the first such open does (webhook_secret.h) */
	if (!verify_only && (rc = webhook_secret_seal_clear(k, e)))
		goto fail;
	*out = k;
	return 0;
fail:
	db_close(k->db);
	covered_free(k->covered);
	free(k);
	return rc;
}

int kansli_open(kansli **out, const char *dir, kerr *e)
{
	return open_installation(out, dir, 0, e);
}

int kansli_open_verify(kansli **out, const char *dir, kerr *e)
{
	return open_installation(out, dir, 1, e);
}

struct kansli_after {
	kansli_after_fn fn;
	void *arg;
	void (*free_arg)(void *);
	struct kansli_after *next;
};

void kansli_after_commit(kansli *k, kansli_after_fn fn, void *arg, void (*free_arg)(void *))
{
	struct kansli_after *a = calloc(1, sizeof *a), **tail = &k->after;
	if (!a)
		abort();
	a->fn = fn;
	a->arg = arg;
	a->free_arg = free_arg;
	while (*tail)
		tail = &(*tail)->next;
	*tail = a;
}

/* Takes the list first: an action may begin and commit a transaction of
 * its own, which must not run the list again. */
static void after_run(kansli *k, int run)
{
	struct kansli_after *a = k->after;
	k->after = NULL;
	while (a) {
		struct kansli_after *next = a->next;
		if (run)
			a->fn(k, a->arg);
		if (a->free_arg)
			a->free_arg(a->arg);
		free(a);
		a = next;
	}
}

void kansli_close(kansli *k)
{
	if (!k)
		return;
	if (k->db && db_in_transaction(k->db))
		db_rollback(k->db);
	after_run(k, 0);
	db_close(k->db);
	covered_free(k->covered); /* after db_close: cached statements point at its SQL */
	sodium_memzero(k->sk, sizeof k->sk);
	free(k);
}

static const char SQL_USER_BY_NAME[] =
	"SELECT id, disabled FROM app_user WHERE username = ?1";

int kansli_act_as(kansli *k, const char *username, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_USER_BY_NAME, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, username);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no user named '%s'", username);
	if (rc)
		return rc;
	int64_t id = db_col_int(s, 0);
	int disabled = (int)db_col_int(s, 1);
	db_done(s);
	if (disabled)
		return kerr_set(e, KERR_DENIED, "user '%s' is disabled", username);
	k->user_id = id;
	snprintf(k->actor, sizeof k->actor, "user:%s", username);
	return 0;
}

/* Inside the write lock: the schema must be the one the migrations make,
 * or a trigger planted behind kansli's back would change rows with every
 * legitimate write and the log would record its work as the truth. The
 * comparison is redone only when SQLite's schema cookie moved. */
static int schema_unchanged(kansli *k, kerr *e)
{
	long long cookie = schema_cookie(k->db, e);
	if (cookie < 0 || cookie == k->schema_checked)
		return cookie < 0 ? (int)cookie : 0;
	json_t *d = json_array();
	int n = schema_differences(k->db, d, e);
	if (n > 0)
		n = kerr_set(e, KERR_TAMPERED, "nothing was written: the database schema was changed behind "
		             "kansli's back (%s%s); run kansli verify", json_string_value(json_array_get(d, 0)),
		             n > 1 ? "; more follow" : "");
	else if (n == 0)
		k->schema_checked = cookie;
	json_decref(d);
	return n;
}

int kansli_begin(kansli *k, kerr *e)
{
	if (k->hold == 1) {
		k->hold_depth++;
		return 0;
	}
	/* The change capture is made before the first write transaction (not
	 * inside it, where a rollback would take it away), and only by the
	 * processes that write: a read costs no triggers. */
	if (!k->rowlog_ready) {
		int rc = rowlog_install(k, e);
		if (rc)
			return rc;
		k->rowlog_ready = 1;
	}
	k->log_loaded = 0;
	k->log_dirty = 0;
	if (k->verify_only)
		return kerr_set(e, KERR_INTERNAL, "an installation opened for verify is never written");
	int rc = db_begin(k->db, e);
	if (rc || (rc = schema_unchanged(k, e)) == 0)
		return rc;
	db_rollback(k->db);
	return rc;
}

int kansli_commit(kansli *k, kerr *e)
{
	int rc;
	if (k->hold == 1 && k->hold_depth > 0) {
		k->hold_depth--;
		return 0;
	}
	if ((rc = rowlog_flush(k, e))) {
		kansli_rollback(k);
		return rc;
	}
	if (k->log_dirty && (rc = audit_seal(k, e))) {
		kansli_rollback(k);
		return rc;
	}
	rc = db_commit(k->db, e);
	k->log_loaded = k->log_dirty = 0;
	after_run(k, rc == 0);
	return rc;
}

void kansli_rollback(kansli *k)
{
	db_rollback(k->db);
	k->log_loaded = k->log_dirty = 0;
	after_run(k, 0);
	if (k->hold == 1) {
		k->hold = -1;
		k->hold_depth = 0;
	}
}

void kansli_derive_secret(const kansli *k, const char *purpose, unsigned char out[32])
{
	const unsigned char *key = k->can_sign ? k->sk : k->pk;
	size_t keylen = k->can_sign ? sizeof k->sk : sizeof k->pk;
	/* BLAKE2b takes keys of at most 64 bytes: the whole secret key fits */
	crypto_generichash(out, 32, (const unsigned char *)purpose, strlen(purpose), key, keylen);
}

int kansli_hold_begin(kansli *k, kerr *e)
{
	k->hold = 0;
	k->hold_depth = 0;
	int rc = kansli_begin(k, e);
	if (!rc)
		k->hold = 1;
	return rc;
}

int kansli_hold_end(kansli *k, int commit, kerr *e)
{
	int held = k->hold;
	k->hold = 0;
	k->hold_depth = 0;
	if (held != 1)
		return kerr_set(e, KERR_CONFLICT, "the call was rolled back");
	if (!commit) {
		kansli_rollback(k);
		return KERR_CONFLICT;
	}
	return kansli_commit(k, e);
}

int kansli_end(kansli *k, int rc, kerr *e)
{
	if (rc) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

int kansli_row(db_stmt *s, kerr *e, int code, const char *fmt, ...)
{
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		return 0;
	db_done(s);
	if (rc < 0)
		return rc; /* could not read: e says why; never "not found" */
	char msg[sizeof e->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return kerr_set(e, code, "%s", msg);
}
