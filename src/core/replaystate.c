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
	for (int i = 0; i < s->ntables; i++) {
		free(s->tables[i].name);
		free(s->tables[i].direct);
	}
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
	if (!(s->tables = realloc(s->tables, (size_t)(s->ntables + 1) * sizeof *s->tables)))
		abort();
	rs_table *t = &s->tables[s->ntables];
	memset(t, 0, sizeof *t);
	if (!(t->name = strdup(name)))
		abort();
	t->schema = -2;
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

/* N when key is "[N]" as SQLite writes an integer (no sign, no leading
 * zero, below 2^31), else -1. */
static int64_t int_key(const char *key)
{
	if (key[0] != '[' || key[1] < '0' || key[1] > '9' || (key[1] == '0' && key[2] != ']'))
		return -1;
	int64_t n = 0;
	const char *p = key + 1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((n = n * 10 + (*p - '0')) >= INT32_MAX)
			return -1;
	return p[0] == ']' && p[1] == '\0' ? n : -1;
}

static rs_entry *hash_find(const rs_state *s, int table, const char *key)
{
	if (!s->nslot)
		return NULL;
	uint64_t x = s->slot[slot_of(s, key_hash(table, key), table, key)];
	return x ? &s->e[SLOT_ENTRY(x) - 1] : NULL;
}

rs_entry *rs_find(const rs_state *s, int table, const char *key)
{
	int64_t n = int_key(key);
	if (n >= 0 && table >= 0 && table < s->ntables) {
		const rs_table *t = &s->tables[table];
		if ((size_t)n < t->ndirect && t->direct[n])
			return &s->e[t->direct[n] - 1];
		if (!t->hashed_ints)
			return NULL;
	}
	return hash_find(s, table, key);
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
		if (s->e[j].direct)
			continue;
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

/* A new entry for (table, key), absent, at the end of the entries. */
static rs_entry *new_entry(rs_state *s, int table, const char *key, uint64_t h)
{
	if (s->n >= UINT32_MAX - 1)
		abort(); /* four billion rows: beyond any registry */
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		if (!(s->e = realloc(s->e, s->cap * sizeof *s->e)))
			abort();
	}
	rs_entry *en = &s->e[s->n++];
	memset(en, 0, sizeof *en);
	en->hash = h;
	en->table = table;
	en->key = add_key(s, key);
	return en;
}

/* The entry of key "[N]" in table t's array, added when new; NULL when N
 * is beyond what the array may grow to. */
static rs_entry *direct_entry_of(rs_state *s, int table, const char *key, int64_t n)
{
	rs_table *t = &s->tables[table];
	if ((size_t)n >= t->ndirect) {
		if ((size_t)n >= 4 * t->direct_rows + 65536)
			return NULL;
		size_t len = t->ndirect ? 2 * t->ndirect : 1024;
		while (len <= (size_t)n)
			len *= 2;
		if (!(t->direct = realloc(t->direct, len * sizeof *t->direct)))
			abort();
		memset(t->direct + t->ndirect, 0, (len - t->ndirect) * sizeof *t->direct);
		t->ndirect = len;
	}
	if (t->direct[n])
		return &s->e[t->direct[n] - 1];
	/* the key may be in the hash table from before the array reached it */
	rs_entry *en = t->hashed_ints ? hash_find(s, table, key) : NULL;
	if (en)
		return en;
	en = new_entry(s, table, key, 0);
	en->direct = 1;
	t->direct[n] = (uint32_t)s->n;
	t->direct_rows++;
	return en;
}

rs_entry *rs_entry_of(rs_state *s, int table, const char *key)
{
	int64_t n = int_key(key);
	rs_entry *en = n >= 0 ? direct_entry_of(s, table, key, n) : NULL;
	if (en)
		return en;
	if (2 * (s->nhashed + 1) > s->nslot)
		grow_index(s);
	uint64_t h = key_hash(table, key);
	size_t i = slot_of(s, h, table, key);
	if (s->slot[i])
		return &s->e[SLOT_ENTRY(s->slot[i]) - 1];
	en = new_entry(s, table, key, h);
	s->slot[i] = SLOT_TAG(h) | (uint32_t)s->n;
	s->nhashed++;
	if (n >= 0)
		s->tables[table].hashed_ints++;
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
