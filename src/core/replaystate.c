/* replaystate.c — the replayed rows in memory; see replaystate.h. */
#include "core/replaystate.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

void rs_init(rs_state *s)
{
	memset(s, 0, sizeof *s);
}

void rs_free(rs_state *s)
{
	for (int i = 0; i < s->ntables; i++)
		free(s->tables[i].name);
	free(s->tables);
	free(s->e);
	free(s->slot);
	free(s->keys);
	memset(s, 0, sizeof *s);
}

int rs_table_find(const rs_state *s, const char *name)
{
	for (int i = 0; i < s->ntables; i++)
		if (!strcmp(s->tables[i].name, name))
			return i;
	return -1;
}

int rs_table_of(rs_state *s, const char *name)
{
	if (s->last < s->ntables && !strcmp(s->tables[s->last].name, name))
		return s->last;
	int i = rs_table_find(s, name);
	if (i >= 0)
		return s->last = i;
	if (!(s->tables = realloc(s->tables, (size_t)(s->ntables + 1) * sizeof *s->tables)) ||
	    !(s->tables[s->ntables].name = strdup(name)))
		abort();
	s->tables[s->ntables].schema = -2;
	s->tables[s->ntables].present = 0;
	return s->ntables++;
}

/* FNV-1a over the table's index and the key: the key is compared in full
 * after, so a crafted collision costs time, never a wrong answer. */
static uint64_t key_hash(int table, const char *key)
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)(unsigned)table;
	h *= 1099511628211ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

const char *rs_key(const rs_state *s, const rs_entry *en)
{
	return s->keys + en->key;
}

#define SLOT_ENTRY(x) ((uint32_t)(x))
#define SLOT_TAG(h) ((h) & 0xffffffff00000000ULL)

static size_t slot_of(const rs_state *s, uint64_t h, int table, const char *key)
{
	size_t mask = s->nslot - 1, i = (size_t)h & mask;
	for (;; i = (i + 1) & mask) {
		uint64_t x = s->slot[i];
		if (!x)
			return i;
		if (SLOT_TAG(x) != SLOT_TAG(h))
			continue;
		const rs_entry *en = &s->e[SLOT_ENTRY(x) - 1];
		if (en->hash == h && en->table == table && !strcmp(s->keys + en->key, key))
			return i;
	}
}

rs_entry *rs_find(const rs_state *s, int table, const char *key)
{
	if (!s->nslot)
		return NULL;
	uint64_t x = s->slot[slot_of(s, key_hash(table, key), table, key)];
	return x ? &s->e[SLOT_ENTRY(x) - 1] : NULL;
}

/* At most half the slots are used, so a probe ends soon. */
static void grow_index(rs_state *s)
{
	size_t n = s->nslot ? 2 * s->nslot : 1024;
	uint64_t *slot = calloc(n, sizeof *slot);
	if (!slot)
		abort();
	free(s->slot);
	s->slot = slot;
	s->nslot = n;
	for (size_t j = 0; j < s->n; j++) {
		size_t i = (size_t)s->e[j].hash & (n - 1);
		while (slot[i])
			i = (i + 1) & (n - 1);
		slot[i] = SLOT_TAG(s->e[j].hash) | (uint32_t)(j + 1);
	}
}

static size_t add_key(rs_state *s, const char *key)
{
	size_t len = strlen(key) + 1;
	if (s->keys_len + len > s->keys_cap) {
		s->keys_cap = s->keys_cap ? 2 * s->keys_cap : 65536;
		while (s->keys_len + len > s->keys_cap)
			s->keys_cap *= 2;
		if (!(s->keys = realloc(s->keys, s->keys_cap)))
			abort();
	}
	memcpy(s->keys + s->keys_len, key, len);
	s->keys_len += len;
	return s->keys_len - len;
}

rs_entry *rs_entry_of(rs_state *s, int table, const char *key)
{
	if (2 * (s->n + 1) > s->nslot)
		grow_index(s);
	if (s->n >= UINT32_MAX - 1)
		abort(); /* four billion rows: beyond any registry */
	uint64_t h = key_hash(table, key);
	size_t i = slot_of(s, h, table, key);
	if (s->slot[i])
		return &s->e[SLOT_ENTRY(s->slot[i]) - 1];
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		if (!(s->e = realloc(s->e, s->cap * sizeof *s->e)))
			abort();
	}
	rs_entry *en = &s->e[s->n];
	memset(en, 0, sizeof *en);
	en->hash = h;
	en->table = table;
	en->key = add_key(s, key);
	s->slot[i] = SLOT_TAG(h) | (uint32_t)++s->n;
	return en;
}

void rs_digest(const char *img, size_t len, unsigned char out[RS_DIGEST_LEN])
{
	hash_sha256(img, len, out);
}

void rs_set(rs_state *s, rs_entry *en, const char *img, int64_t event, size_t off)
{
	int was = en->present;
	en->present = img != NULL;
	s->tables[en->table].present += en->present - was;
	if (!img)
		return;
	en->event = event;
	en->off = off;
	rs_digest(img, strlen(img), en->digest);
}

int rs_same(const rs_entry *en, const char *img, size_t len)
{
	unsigned char d[RS_DIGEST_LEN];
	if (!en->present)
		return 0;
	rs_digest(img, len, d);
	return memcmp(d, en->digest, RS_DIGEST_LEN) == 0;
}
