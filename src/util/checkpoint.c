/* checkpoint.c — C2SP checkpoints and signed notes with Ed25519; see checkpoint.h. */
#include "util/checkpoint.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"

#define EM_DASH "\xe2\x80\x94"

/* Key id: the first four bytes of SHA-256(name || "\n" || 0x01 || pk). */
/* 8 hex digits into 4 bytes; 0 or -1. */
static int hash_unhex_prefix(const char *hex, unsigned char out[4])
{
	char tmp[9];
	memcpy(tmp, hex, 8);
	tmp[8] = '\0';
	return hash_unhex(tmp, out, 4);
}

static void key_id(const char *name, const unsigned char pk[32], unsigned char id[4])
{
	buf b = BUF_INIT;
	unsigned char h[32];
	buf_adds(&b, name);
	buf_add(&b, "\n\x01", 2);
	buf_add(&b, pk, 32);
	hash_sha256(b.s, b.len, h);
	buf_free(&b);
	memcpy(id, h, 4);
}

char *checkpoint_sign(const char *origin, uint64_t size, const unsigned char root[32],
                      const char *keyname, const unsigned char sk[64])
{
	if (sodium_init() < 0)
		return NULL;
	char b64[64];
	buf b = BUF_INIT;
	sodium_bin2base64(b64, sizeof b64, root, 32, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(&b, "%s\n%llu\n%s\n", origin, (unsigned long long)size, b64);
	unsigned char sig[4 + crypto_sign_BYTES];
	key_id(keyname, sk + 32, sig);
	crypto_sign_detached(sig + 4, NULL, (const unsigned char *)b.s, b.len, sk);
	char sigb64[128];
	sodium_bin2base64(sigb64, sizeof sigb64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(&b, "\n" EM_DASH " %s %s\n", keyname, sigb64);
	return buf_detach(&b);
}

static int fail(char *errbuf, size_t errlen, const char *why)
{
	snprintf(errbuf, errlen, "%s", why);
	return -1;
}

int checkpoint_verify(const char *text, const char *keyname, const unsigned char pk[32],
                      char **origin, uint64_t *size, unsigned char root[32],
                      char *errbuf, size_t errlen)
{
	if (sodium_init() < 0)
		return fail(errbuf, errlen, "libsodium unavailable");
	const char *sep = strstr(text, "\n\n");
	if (!sep)
		return fail(errbuf, errlen, "no blank line between body and signatures");
	size_t body_len = (size_t)(sep - text) + 1;
	/* Body: origin, size, root (extension lines are allowed after them). */
	const char *l1 = text, *e1 = strchr(l1, '\n');
	const char *l2 = e1 + 1, *e2 = strchr(l2, '\n');
	if (!e2 || e2 > sep)
		return fail(errbuf, errlen, "the body has fewer than three lines");
	const char *l3 = e2 + 1, *e3 = strchr(l3, '\n');
	if (!e3 || e3 > sep)
		return fail(errbuf, errlen, "the body has fewer than three lines");
	char num[32];
	if (e2 - l2 == 0 || e2 - l2 >= (long)sizeof num)
		return fail(errbuf, errlen, "bad size line");
	memcpy(num, l2, (size_t)(e2 - l2));
	num[e2 - l2] = '\0';
	char *end;
	unsigned long long sz = strtoull(num, &end, 10);
	if (*end || (num[0] == '0' && num[1]))
		return fail(errbuf, errlen, "bad size line");
	char rootb64[64];
	size_t rootlen;
	if (e3 - l3 >= (long)sizeof rootb64)
		return fail(errbuf, errlen, "bad root hash line");
	memcpy(rootb64, l3, (size_t)(e3 - l3));
	rootb64[e3 - l3] = '\0';
	if (sodium_base642bin(root, 32, rootb64, strlen(rootb64), NULL, &rootlen, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 || rootlen != 32)
		return fail(errbuf, errlen, "bad root hash line");

	unsigned char want_id[4];
	key_id(keyname, pk, want_id);
	const char *line = sep + 2;
	while (*line) {
		const char *eol = strchr(line, '\n');
		if (!eol)
			return fail(errbuf, errlen, "signature line not terminated");
		size_t prefix = strlen(EM_DASH " ");
		size_t nlen = strlen(keyname);
		if (!strncmp(line, EM_DASH " ", prefix) && !strncmp(line + prefix, keyname, nlen) &&
		    line[prefix + nlen] == ' ') {
			const char *b64 = line + prefix + nlen + 1;
			unsigned char sig[4 + crypto_sign_BYTES];
			size_t siglen;
			if (sodium_base642bin(sig, sizeof sig, b64, (size_t)(eol - b64), NULL, &siglen, NULL,
			                      sodium_base64_VARIANT_ORIGINAL) == 0 && siglen == sizeof sig &&
			    !memcmp(sig, want_id, 4)) {
				if (crypto_sign_verify_detached(sig + 4, (const unsigned char *)text, body_len, pk) != 0)
					return fail(errbuf, errlen, "bad signature");
				*origin = strndup(l1, (size_t)(e1 - l1));
				*size = sz;
				return 0;
			}
		}
		line = eol + 1;
	}
	return fail(errbuf, errlen, "no signature by the expected key");
}

char *checkpoint_verifier_key(const char *keyname, const unsigned char pk[32])
{
	unsigned char id[4], raw[33];
	char hex[9], b64[64];
	key_id(keyname, pk, id);
	hash_hex(id, 4, hex);
	raw[0] = 0x01;
	memcpy(raw + 1, pk, 32);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
	buf b = BUF_INIT;
	buf_printf(&b, "%s+%s+%s", keyname, hex, b64);
	return buf_detach(&b);
}

int checkpoint_parse_verifier_key(const char *vkey, char *name, size_t namelen, unsigned char pk[32])
{
	const char *p1 = strchr(vkey, '+');
	const char *p2 = p1 ? strchr(p1 + 1, '+') : NULL;
	if (!p1 || !p2 || p2 - p1 != 9 || (size_t)(p1 - vkey) >= namelen || p1 == vkey)
		return -1;
	snprintf(name, namelen, "%.*s", (int)(p1 - vkey), vkey);
	unsigned char raw[33], id[4], want[4];
	size_t len;
	const char *b64 = p2 + 1;
	size_t b64len = strcspn(b64, "\r\n");
	if (sodium_base642bin(raw, sizeof raw, b64, b64len, NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    len != 33 || raw[0] != 0x01)
		return -1;
	memcpy(pk, raw + 1, 32);
	key_id(name, pk, want);
	if (hash_unhex_prefix(p1 + 1, id) != 0 || memcmp(id, want, 4) != 0)
		return -1;
	return 0;
}
