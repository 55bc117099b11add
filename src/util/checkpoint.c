/*
 * checkpoint.c — C2SP tlog-checkpoint bodies signed as C2SP signed-notes
 * with Ed25519; see checkpoint.h.
 *
 * The parser is strict because verify-remote reads checkpoints from other
 * servers: anything the specs forbid is refused rather than guessed at, and
 * nothing from the text is handed back before a signature has verified.
 */
#include "util/checkpoint.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EM_DASH "\xe2\x80\x94"
#define SIG_PREFIX EM_DASH " "
#define SIG_PREFIX_LEN 4
#define ALG_ED25519 0x01
#define KEY_ID_LEN 4
#define ROOT_B64_LEN 44 /* base64 of 32 bytes, with one '=' */
/* The signed-note spec asks verifiers to cap the signatures (each one may
 * cost a verification) but to accept at least 16. */
#define MAX_SIGNATURES 100

/* Decodes the UTF-8 sequence at s (n > 0 bytes left) into *cp and returns
 * its length, or 0 when it is not valid UTF-8 (truncated, overlong, a
 * surrogate or beyond U+10FFFF): the spec requires valid UTF-8. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Go's unicode.IsSpace, which is what note key names are checked with. */
static int unicode_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xa0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f ||
	       c == 0x205f || c == 0x3000;
}

/* Valid UTF-8 without ASCII control characters; newlines only if allowed. */
static int clean_text(const char *s, size_t n, int newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	while (n) {
		uint32_t c;
		size_t len = utf8_next(p, n, &c);
		if (!len || (c < 0x20 && !(newlines && c == '\n')))
			return 0;
		p += len;
		n -= len;
	}
	return 1;
}

/* Signed-note key names: non-empty, no Unicode spaces and no '+', because
 * they sit between spaces in signature lines and before '+' in keys. */
static int valid_key_name(const char *s, size_t n)
{
	if (n == 0 || !clean_text(s, n, 0))
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	while (n) {
		uint32_t c;
		size_t len = utf8_next(p, n, &c);
		if (c == '+' || unicode_space(c))
			return 0;
		p += len;
		n -= len;
	}
	return 1;
}

/* The signed-note key id: SHA-256(name || 0x0A || 0x01 || pk)[:4]. */
static void key_id(const char *name, size_t nlen, const unsigned char pk[32],
                   unsigned char id[KEY_ID_LEN])
{
	static const unsigned char sep[2] = { '\n', ALG_ED25519 };
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)name, nlen);
	crypto_hash_sha256_update(&st, sep, sizeof sep);
	crypto_hash_sha256_update(&st, pk, crypto_sign_PUBLICKEYBYTES);
	crypto_hash_sha256_final(&st, h);
	memcpy(id, h, KEY_ID_LEN);
}

char *checkpoint_sign(const char *origin, uint64_t size, const unsigned char root[32],
                      const char *keyname, const unsigned char sk[64])
{
	if (!origin || !root || !keyname || !sk || sodium_init() < 0)
		return NULL;
	size_t olen = strlen(origin), nlen = strlen(keyname);
	/* A newline in the origin would shift every line a verifier reads. */
	if (olen == 0 || !clean_text(origin, olen, 0) || !valid_key_name(keyname, nlen))
		return NULL;

	char rootb64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(rootb64, sizeof rootb64, root, 32, sodium_base64_VARIANT_ORIGINAL);

	enum { SIG_LEN = KEY_ID_LEN + crypto_sign_BYTES };
	char sigb64[sodium_base64_ENCODED_LEN(SIG_LEN, sodium_base64_VARIANT_ORIGINAL)];
	/* body: origin, 20 digits at most, root, three newlines; then the blank
	 * line, the signature line and the NUL. */
	size_t cap = olen + 20 + strlen(rootb64) + 3 + 1 + SIG_PREFIX_LEN + nlen + 1 + sizeof sigb64 + 1;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	int blen = snprintf(out, cap, "%s\n%" PRIu64 "\n%s\n", origin, size, rootb64);
	if (blen < 0 || (size_t)blen >= cap)
		goto bad;

	unsigned char sig[SIG_LEN], pk[crypto_sign_PUBLICKEYBYTES];
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	key_id(keyname, nlen, pk, sig);
	if (crypto_sign_detached(sig + KEY_ID_LEN, NULL, (const unsigned char *)out, (size_t)blen, sk) != 0)
		goto bad;
	sodium_bin2base64(sigb64, sizeof sigb64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	int slen = snprintf(out + blen, cap - (size_t)blen, "\n" SIG_PREFIX "%s %s\n", keyname, sigb64);
	if (slen < 0 || (size_t)slen >= cap - (size_t)blen)
		goto bad;
	return out;
bad:
	free(out);
	return NULL;
}

static int fail(char *errbuf, size_t errlen, const char *why)
{
	if (errbuf && errlen)
		snprintf(errbuf, errlen, "%s", why);
	return -1;
}

/* Checks the signature lines in [p, end) (each ends in '\n') against the
 * key: 0 when at least one verifies and none by this key fails, else -1
 * with the reason in *why. */
static int check_signatures(const char *p, const char *end, const char *body, size_t body_len,
                            const char *keyname, const unsigned char pk[32], const char **why)
{
	unsigned char want[KEY_ID_LEN];
	size_t want_len = strlen(keyname);
	int verified = 0, nsigs = 0;
	key_id(keyname, want_len, pk, want);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (++nsigs > MAX_SIGNATURES) {
			*why = "malformed note: too many signatures";
			return -1;
		}
		if (eol - p < SIG_PREFIX_LEN || memcmp(p, SIG_PREFIX, SIG_PREFIX_LEN) != 0) {
			*why = "malformed note: a signature line does not start with an em dash";
			return -1;
		}
		const char *name = p + SIG_PREFIX_LEN;
		const char *sp = memchr(name, ' ', (size_t)(eol - name));
		if (!sp || !valid_key_name(name, (size_t)(sp - name))) {
			*why = "malformed note: bad key name in a signature line";
			return -1;
		}
		const char *b64 = sp + 1;
		size_t b64len = (size_t)(eol - b64), siglen = 0;
		/* Signatures by other keys (witnesses, post-quantum ones of
		 * several kB) are still checked for shape, so decode all of it. */
		size_t cap = b64len / 4 * 3 + 3;
		unsigned char *sig = malloc(cap);
		if (!sig) {
			*why = "out of memory";
			return -1;
		}
		if (sodium_base642bin(sig, cap, b64, b64len, NULL, &siglen, NULL,
		                      sodium_base64_VARIANT_ORIGINAL) != 0 || siglen <= KEY_ID_LEN) {
			free(sig);
			*why = "malformed note: a signature is not base64 of a key id and signature";
			return -1;
		}
		/* Only name and id together identify our key; a match on one alone
		 * is someone else's key and must be ignored. */
		if ((size_t)(sp - name) == want_len && memcmp(name, keyname, want_len) == 0 &&
		    memcmp(sig, want, KEY_ID_LEN) == 0) {
			int ok = siglen == KEY_ID_LEN + crypto_sign_BYTES &&
			         crypto_sign_verify_detached(sig + KEY_ID_LEN, (const unsigned char *)body,
			                                     body_len, pk) == 0;
			if (!ok) {
				free(sig);
				*why = "bad signature";
				return -1;
			}
			verified = 1;
		}
		free(sig);
		p = eol + 1;
	}
	if (!verified) {
		*why = "unknown key: no signature by the expected key";
		return -1;
	}
	return 0;
}

/* The size line: ASCII decimal, no sign, no leading zero, fits 64 bits. */
static int parse_size(const char *s, size_t n, uint64_t *out)
{
	if (n == 0 || n > 20 || (s[0] == '0' && n > 1))
		return -1;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* The root line: exactly the canonical base64 of 32 bytes, so that one
 * checkpoint has one spelling. */
static int parse_root(const char *s, size_t n, unsigned char out[32])
{
	char again[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
	size_t len = 0;
	if (n != ROOT_B64_LEN ||
	    sodium_base642bin(out, 32, s, n, NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    len != 32)
		return -1;
	sodium_bin2base64(again, sizeof again, out, 32, sodium_base64_VARIANT_ORIGINAL);
	return memcmp(again, s, n) == 0 ? 0 : -1;
}

int checkpoint_verify(const char *text, const char *keyname, const unsigned char pk[32],
                      char **origin, uint64_t *size, unsigned char root[32],
                      char *errbuf, size_t errlen)
{
	if (!text || !keyname || !pk || !origin || !size || !root)
		return fail(errbuf, errlen, "missing argument");
	if (sodium_init() < 0)
		return fail(errbuf, errlen, "libsodium unavailable");
	if (!valid_key_name(keyname, strlen(keyname)))
		return fail(errbuf, errlen, "invalid key name");
	size_t len = strlen(text);
	if (!clean_text(text, len, 1))
		return fail(errbuf, errlen, "malformed note: not UTF-8, or control characters");

	/* The text may itself hold blank lines; the signatures start after
	 * the last one. */
	size_t split = len;
	for (size_t i = len; i >= 2; i--)
		if (text[i - 1] == '\n' && text[i - 2] == '\n') {
			split = i - 2;
			break;
		}
	if (split == len)
		return fail(errbuf, errlen, "malformed note: no blank line before the signatures");
	size_t body_len = split + 1, sigs = split + 2;
	if (sigs == len || text[len - 1] != '\n')
		return fail(errbuf, errlen, "malformed note: missing or unterminated signature line");

	const char *why = NULL;
	if (check_signatures(text + sigs, text + len, text, body_len, keyname, pk, &why) != 0)
		return fail(errbuf, errlen, why);

	/* Signed by the key; now the body must be a checkpoint. */
	const char *end = text + body_len;
	const char *e1 = memchr(text, '\n', body_len);
	const char *e2 = memchr(e1 + 1, '\n', (size_t)(end - (e1 + 1)));
	const char *e3 = e2 ? memchr(e2 + 1, '\n', (size_t)(end - (e2 + 1))) : NULL;
	if (!e3)
		return fail(errbuf, errlen, "malformed checkpoint: fewer than three lines");
	if (e1 == text)
		return fail(errbuf, errlen, "malformed checkpoint: empty origin line");
	uint64_t sz;
	if (parse_size(e1 + 1, (size_t)(e2 - (e1 + 1)), &sz) != 0)
		return fail(errbuf, errlen, "malformed checkpoint: bad tree size line");
	unsigned char r[32];
	if (parse_root(e2 + 1, (size_t)(e3 - (e2 + 1)), r) != 0)
		return fail(errbuf, errlen, "malformed checkpoint: bad root hash line");
	for (const char *p = e3 + 1; p < end; p++)
		if (*p == '\n' && p[-1] == '\n')
			return fail(errbuf, errlen, "malformed checkpoint: empty extension line");

	char *o = strndup(text, (size_t)(e1 - text));
	if (!o)
		return fail(errbuf, errlen, "out of memory");
	*origin = o;
	*size = sz;
	memcpy(root, r, 32);
	return 0;
}

char *checkpoint_verifier_key(const char *keyname, const unsigned char pk[32])
{
	if (!keyname || !pk || sodium_init() < 0)
		return NULL;
	size_t nlen = strlen(keyname);
	if (!valid_key_name(keyname, nlen))
		return NULL;
	unsigned char id[KEY_ID_LEN], raw[1 + crypto_sign_PUBLICKEYBYTES];
	char hex[2 * KEY_ID_LEN + 1], b64[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_ORIGINAL)];
	key_id(keyname, nlen, pk, id);
	sodium_bin2hex(hex, sizeof hex, id, sizeof id);
	raw[0] = ALG_ED25519;
	memcpy(raw + 1, pk, crypto_sign_PUBLICKEYBYTES);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
	size_t cap = nlen + 1 + sizeof hex + sizeof b64;
	char *out = malloc(cap);
	if (out)
		snprintf(out, cap, "%s+%s+%s", keyname, hex, b64);
	return out;
}

int checkpoint_parse_verifier_key(const char *vkey, char *name, size_t namelen, unsigned char pk[32])
{
	if (!vkey || !name || !pk || sodium_init() < 0)
		return -1;
	size_t len = strlen(vkey);
	/* Keys arrive from files and HTTP bodies that end in a newline. */
	while (len && strchr(" \t\r\n", vkey[len - 1]))
		len--;
	const char *end = vkey + len;
	const char *p1 = memchr(vkey, '+', len);
	if (!p1)
		return -1;
	size_t nlen = (size_t)(p1 - vkey);
	if (!valid_key_name(vkey, nlen) || nlen >= namelen)
		return -1;
	/* The name cannot hold '+', but the base64 key can: split on the
	 * first two only. */
	const char *hex = p1 + 1;
	const char *p2 = memchr(hex, '+', (size_t)(end - hex));
	if (!p2 || p2 - hex != 2 * KEY_ID_LEN)
		return -1;
	unsigned char id[KEY_ID_LEN], want[KEY_ID_LEN], raw[1 + crypto_sign_PUBLICKEYBYTES];
	size_t idlen = 0, rawlen = 0;
	if (sodium_hex2bin(id, sizeof id, hex, 2 * KEY_ID_LEN, NULL, &idlen, NULL) != 0 ||
	    idlen != KEY_ID_LEN)
		return -1;
	const char *b64 = p2 + 1;
	if (sodium_base642bin(raw, sizeof raw, b64, (size_t)(end - b64), NULL, &rawlen, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    rawlen != sizeof raw || raw[0] != ALG_ED25519)
		return -1;
	key_id(vkey, nlen, raw + 1, want);
	if (memcmp(id, want, KEY_ID_LEN) != 0)
		return -1;
	memcpy(name, vkey, nlen);
	name[nlen] = '\0';
	memcpy(pk, raw + 1, crypto_sign_PUBLICKEYBYTES);
	return 0;
}
