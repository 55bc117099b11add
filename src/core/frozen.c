/* frozen.c — digests of the latest events' fields; see frozen.h. */
#include "core/frozen.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

void frozen_digest(const frozen_field *f, int n, unsigned char out[FROZEN_LEN])
{
	/* Each field framed by a tag and its length, so no two lists of
	 * fields share an encoding. SHA-256 (the CPU's SHA instructions,
	 * through OpenSSL) over the framed fields gathered in one buffer: a
	 * record's fields are a few hundred bytes, and one call per row costs
	 * less than one per field. A longer list is hashed as it comes. */
	unsigned char small[2048];
	size_t used = 0;
	hash_ctx *h = NULL;
	for (int i = 0; i < n; i++) {
		unsigned char head[9] = { f[i].s ? 1 : 0 };
		uint64_t len = f[i].s ? f[i].len : 0;
		for (int b = 0; b < 8; b++)
			head[1 + b] = (unsigned char)(len >> (8 * b));
		if (!h && used + sizeof head + len > sizeof small) {
			h = hash_begin();
			hash_update(h, small, used);
		}
		if (h) {
			hash_update(h, head, sizeof head);
			hash_update(h, f[i].s, len);
			continue;
		}
		memcpy(small + used, head, sizeof head);
		if (len)
			memcpy(small + used + sizeof head, f[i].s, len);
		used += sizeof head + len;
	}
	if (h)
		hash_end(h, out);
	else
		hash_sha256(small, used, out);
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
