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

static const char SQL_META_SET[] =
	"INSERT INTO meta(key, value) VALUES(?1, ?2) "
	"ON CONFLICT(key) DO UPDATE SET value = excluded.value";
static const char SQL_META_GET[] = "SELECT value FROM meta WHERE key = ?1";

int kansli_create(const char *dir, const char *origin, kerr *e)
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
	 * longer be checked against old ones, so it lives beside the data. */
	unsigned char pk[32], sk[64];
	crypto_sign_keypair(pk, sk);
	snprintf(path, sizeof path, "%s/keys/log.key", dir);
	if (write_file_sync(path, sk, sizeof sk, 0600) != 0)
		return kerr_set(e, KERR_IO, "cannot write %s: %s", path, strerror(errno));
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
	rc = kansli_commit(k, e);
	goto out;
fail:
	kansli_rollback(k);
out:
	kansli_close(k);
	return rc;
}

int kansli_open(kansli **out, const char *dir, kerr *e)
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
		snprintf(path, sizeof path, "%s/keys/log.key", dir);
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
	if ((rc = db_open(&k->db, path, e)) || (rc = db_migrate(k->db, e)))
		goto fail;
	if ((rc = blob_store_open(&k->blobs, dir, e)))
		goto fail;
	snprintf(path, sizeof path, "%s/keys/log.key", dir);
	if (read_exact(path, k->sk, sizeof k->sk) != 0) {
		rc = kerr_set(e, KERR_IO, "cannot read the log signing key %s", path);
		goto fail;
	}
	memcpy(k->pk, k->sk + 32, 32); /* libsodium keeps the public key in the secret key */
	db_stmt *s = db_prep(k->db, SQL_META_GET, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_text(s, 1, "log_origin");
	if (db_step(s, e) == DB_ROW) {
		snprintf(k->origin, sizeof k->origin, "%s", db_col_text(s, 0));
		snprintf(k->keyname, sizeof k->keyname, "%s", db_col_text(s, 0));
	}
	db_done(s);
	const char *login = getenv("USER");
	snprintf(k->actor, sizeof k->actor, "system:%s", login && *login ? login : "local");
	*out = k;
	return 0;
fail:
	db_close(k->db);
	free(k);
	return rc;
}

void kansli_close(kansli *k)
{
	if (!k)
		return;
	if (k->db && db_in_transaction(k->db))
		db_rollback(k->db);
	db_close(k->db);
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

int kansli_begin(kansli *k, kerr *e)
{
	k->log_loaded = 0;
	k->log_dirty = 0;
	return db_begin(k->db, e);
}

int kansli_commit(kansli *k, kerr *e)
{
	int rc;
	if (k->log_dirty && (rc = audit_seal(k, e))) {
		kansli_rollback(k);
		return rc;
	}
	rc = db_commit(k->db, e);
	k->log_loaded = k->log_dirty = 0;
	return rc;
}

void kansli_rollback(kansli *k)
{
	db_rollback(k->db);
	k->log_loaded = k->log_dirty = 0;
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
