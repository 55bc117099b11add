/*
 * test_merkle_digest.c — a digest OpenSSL gets wrong stops kansli: a hash
 * it says it could not compute, or one of another length than SHA-256's
 * 32 bytes, must never become a leaf or a node of the log (merkle.c's
 * digest aborts, having nowhere to report it). OpenSSL does neither on its
 * own, so this test puts its own EVP_Digest in front of OpenSSL's (the
 * program's definition is the one merkle.o links to): it calls OpenSSL's
 * and then, when told, says it failed or that it wrote fewer bytes. Each
 * such hash is made in a child, which must end by abort().
 */
#include <dlfcn.h>
#include <openssl/evp.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "util/hash.h"
#include "util/merkle.h"

static enum { DIGEST_REAL, DIGEST_FAILS, DIGEST_SHORT } mode = DIGEST_REAL;

typedef int digest_fn(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, ENGINE *);

int EVP_Digest(const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type,
               ENGINE *impl)
{
	static digest_fn *real;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "EVP_Digest");
	int ok = real(data, count, md, size, type, impl);
	if (mode == DIGEST_FAILS)
		return 0;
	if (mode == DIGEST_SHORT && size)
		*size = 20; /* a SHA-1's length */
	return ok;
}

/* Whether a leaf hash made with the digest in mode m ends the process by
 * abort() (in a child, so that this test goes on). */
static int leaf_hash_aborts(int m)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		unsigned char out[32];
		mode = m;
		merkle_leaf_hash((const unsigned char *)"x", 1, out);
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

int main(void)
{
	unsigned char leaf[32];
	char hex[65];
	merkle_leaf_hash((const unsigned char *)"", 0, leaf);
	hash_hex(leaf, 32, hex);
	CHECK("OpenSSL's digest, passed through, hashes the empty leaf as RFC 6962 does",
	      !strcmp(hex, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
	CHECK("a digest that fails stops the process", leaf_hash_aborts(DIGEST_FAILS));
	CHECK("a digest of 20 bytes, not 32, stops the process", leaf_hash_aborts(DIGEST_SHORT));
	TEST_END();
}
