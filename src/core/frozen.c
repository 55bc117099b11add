/* frozen.c — digests of the latest events' fields; see frozen.h. */
#include "core/frozen.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void frozen_digest(const frozen_field *f, int n, unsigned char out[FROZEN_LEN])
{
	/* Each field framed by a tag and its length, so no two lists of
	 * fields share an encoding. BLAKE2b (libsodium): as collision-proof
	 * as SHA-256, and hashed in place, with no allocation per row. */
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, FROZEN_LEN);
	for (int i = 0; i < n; i++) {
		unsigned char head[9] = { f[i].s ? 1 : 0 };
		uint64_t len = f[i].s ? f[i].len : 0;
		for (int b = 0; b < 8; b++)
			head[1 + b] = (unsigned char)(len >> (8 * b));
		crypto_generichash_update(&h, head, sizeof head);
		if (f[i].s)
			crypto_generichash_update(&h, (const unsigned char *)f[i].s, f[i].len);
	}
	crypto_generichash_final(&h, out, FROZEN_LEN);
}

void frozen_free(frozen_table *t)
{
	free(t->digest);
	free(t->known);
	memset(t, 0, sizeof *t);
}

void frozen_set(frozen_table *t, int64_t id, const unsigned char *digest)
{
	if (id < 0 || id > FROZEN_MAX_ID)
		return;
	size_t i = (size_t)id;
	if (i >= t->cap) {
		size_t cap = t->cap ? t->cap : 1024;
		while (cap <= i)
			cap *= 2;
		t->digest = realloc(t->digest, cap * sizeof *t->digest);
		t->known = realloc(t->known, cap);
		if (!t->digest || !t->known)
			abort();
		memset(t->known + t->cap, 0, cap - t->cap);
		t->cap = cap;
	}
	t->known[i] = digest != NULL;
	if (digest)
		memcpy(t->digest[i], digest, FROZEN_LEN);
}

int frozen_matches(const frozen_table *t, int64_t id, const unsigned char digest[FROZEN_LEN])
{
	if (id < 0 || (uint64_t)id >= t->cap || !t->known[id])
		return 0;
	return memcmp(t->digest[id], digest, FROZEN_LEN) == 0;
}
