/*
 * cmd_verify_remote.c — `kansli verify-remote URL OLD_HEAD`: checks that a
 * kansli server's registry has only grown since a tree head saved earlier.
 * Fetches the server's current checkpoint and a consistency proof over
 * HTTP (libcurl), and checks signatures and proof here, trusting nothing
 * the server says without proof.
 */
#include "cli/cli.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/checkpoint.h"
#include "util/merkle.h"

static const char usage[] =
	"usage: kansli verify-remote URL OLD_HEAD_FILE [--key VERIFIER_KEY]\n\n"
	"Checks that the registry served at URL has only grown since the signed\n"
	"tree head saved in OLD_HEAD_FILE (from URL/offentlig/logg/checkpoint):\n"
	"both heads must be signed by the key, and the server must prove that the\n"
	"old tree is an unchanged beginning of the current one. The server serves\n"
	"the heads it published (on a schedule, kansli log schedule), not its\n"
	"live log. --key is the verifier key (name+id+key); without it the key is\n"
	"fetched from the server, which only proves consistency with that key.\n"
	"Exit 0 when consistent, 1 when not.\n";

static size_t collect(char *data, size_t size, size_t n, void *out)
{
	buf *b = out;
	if (b->len + size * n > 4 * 1024 * 1024)
		return 0; /* nothing kansli serves here is that big */
	buf_add(b, data, size * n);
	return size * n;
}

static int fetch(const char *url, buf *out, char *err, size_t errlen)
{
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "cannot start libcurl");
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	CURLcode rc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "cannot fetch %s: %s", url, curl_easy_strerror(rc));
		return -1;
	}
	if (status != 200) {
		snprintf(err, errlen, "%s answered HTTP %ld", url, status);
		return -1;
	}
	buf_grow(out, 0);
	return 0;
}

static int b64_hash(json_t *v, unsigned char out[32])
{
	size_t len;
	const char *s = json_string_value(v);
	return s && sodium_base642bin(out, 32, s, strlen(s), NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	       len == 32 ? 0 : -1;
}

int cmd_verify_remote(int argc, char **argv)
{
	cli_args a;
	int rc = cli_parse(argc, argv, "key=", 2, 2, usage, &a);
	if (rc >= 0)
		return rc;
	if (sodium_init() < 0)
		return 7;
	char err[600], url[1200], name[128], why[200];
	const char *base = a.pos[0];
	size_t blen = strlen(base);
	while (blen && base[blen - 1] == '/')
		blen--;
	buf old = BUF_INIT, cur = BUF_INIT, key = BUF_INIT, proof = BUF_INIT;
	unsigned char pk[32], old_root[32], new_root[32];
	char *old_origin = NULL, *new_origin = NULL;
	uint64_t old_size, new_size;
	rc = 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (buf_read_file(&old, a.pos[1]) != 0) {
		fprintf(stderr, "kansli: cannot read %s\n", a.pos[1]);
		rc = 2;
		goto out;
	}
	if (cli_has(&a, "key")) {
		buf_adds(&key, cli_get(&a, "key"));
	} else {
		snprintf(url, sizeof url, "%.*s/offentlig/logg/nyckel", (int)blen, base);
		if (fetch(url, &key, err, sizeof err)) {
			fprintf(stderr, "kansli: %s\n", err);
			goto out;
		}
	}
	if (checkpoint_parse_verifier_key(key.s, name, sizeof name, pk) != 0) {
		fprintf(stderr, "kansli: not a verifier key (name+id+key)\n");
		rc = 2;
		goto out;
	}
	if (checkpoint_verify(old.s, name, pk, &old_origin, &old_size, old_root, why, sizeof why)) {
		fprintf(stderr, "kansli: the saved head does not verify with the key: %s\n", why);
		goto out;
	}
	snprintf(url, sizeof url, "%.*s/offentlig/logg/checkpoint", (int)blen, base);
	if (fetch(url, &cur, err, sizeof err)) {
		fprintf(stderr, "kansli: %s\n", err);
		goto out;
	}
	if (checkpoint_verify(cur.s, name, pk, &new_origin, &new_size, new_root, why, sizeof why)) {
		fprintf(stderr, "kansli: the server's current head does not verify: %s\n", why);
		goto out;
	}
	if (strcmp(old_origin, new_origin)) {
		fprintf(stderr, "kansli: the heads belong to different logs (%s, %s)\n", old_origin, new_origin);
		goto out;
	}
	if (new_size < old_size) {
		/* The server serves published heads only (core/logpublish.h): a
		 * live head saved from `kansli log head` or a witness can be
		 * newer than the last published one, and is checked once a
		 * later head is published. */
		fprintf(stderr, "kansli: the server's published head has %llu events, fewer than the saved head's %llu: "
		        "the log was rewritten, or the saved head is newer than the last one published (try again "
		        "after the next publication)\n", (unsigned long long)new_size, (unsigned long long)old_size);
		goto out;
	}
	if (new_size == old_size) {
		if (memcmp(old_root, new_root, 32)) {
			fprintf(stderr, "kansli: same size, different root: the log was rewritten\n");
			goto out;
		}
	} else {
		snprintf(url, sizeof url, "%.*s/offentlig/logg/konsistens?gammal=%llu&storlek=%llu", (int)blen, base,
		         (unsigned long long)old_size, (unsigned long long)new_size);
		if (fetch(url, &proof, err, sizeof err)) {
			fprintf(stderr, "kansli: %s\n", err);
			goto out;
		}
		json_t *p = json_loads(proof.s, 0, NULL);
		json_t *list = json_object_get(p, "proof");
		size_t n = json_array_size(list);
		unsigned char (*hashes)[32] = calloc(n ? n : 1, 32);
		int ok = p && hashes && n <= 2 * MERKLE_MAX_DEPTH;
		for (size_t i = 0; ok && i < n; i++)
			ok = b64_hash(json_array_get(list, i), hashes[i]) == 0;
		ok = ok && merkle_verify_consistency(old_size, new_size, old_root, new_root,
		                                     (const unsigned char (*)[32])hashes, (int)n) == 0;
		free(hashes);
		json_decref(p);
		if (!ok) {
			fprintf(stderr, "kansli: the server's consistency proof from %llu to %llu events does not "
			        "verify: the log was rewritten\n", (unsigned long long)old_size, (unsigned long long)new_size);
			goto out;
		}
	}
	printf("ok: %s has only grown, from %llu to %llu events (both heads signed by %s)\n", new_origin,
	       (unsigned long long)old_size, (unsigned long long)new_size, name);
	rc = 0;
out:
	free(old_origin);
	free(new_origin);
	buf_free(&old);
	buf_free(&cur);
	buf_free(&key);
	buf_free(&proof);
	curl_global_cleanup();
	return rc;
}
