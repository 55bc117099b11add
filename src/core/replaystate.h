/*
 * replaystate.h — the covered tables as the log says they are, held in
 * memory while verify replays the log (replay.c).
 *
 * Replay used to keep every row image in a temporary SQLite table: 2.3
 * million inserts into a B-tree and as many lookups from the database's
 * side, a third of verify's time on a large registry. Here each row the
 * log holds is one entry in a hash table keyed by (table, key), holding a
 * SHA-256 digest of its image (the log's own hash, through the CPU's SHA
 * instructions: twice as fast as libsodium's BLAKE2b here) and where the image is written: the event and the offset of its
 * JSON string in the event's data. Equal digests mean equal images; the
 * image itself is read back from the event (replay_logged_text) only to
 * name the fields of a row that differs. Memory is 72 bytes a row and its
 * slots in the index (two to four a row, 8 bytes each).
 *
 * A key that is one integer, "[N]" as SQLite writes it (a table keyed by
 * its id: almost every row), is found in an array indexed by N instead of
 * the hash table: the log adds rows in the order of their ids and the
 * database reads them in that order, so each lookup touches memory next
 * to the last one's, where a hash scatters them (its cache misses were a
 * tenth of verify's time on the 1M-entry bench). The array of a table
 * grows to at most four slots a row it holds and 65536 more (an id beyond
 * that goes to the hash table), so a few huge ids cannot make it large.
 *
 * A deleted row keeps its entry, marked absent, so that the hash table
 * never removes a slot.
 */
#ifndef KANSLI_REPLAYSTATE_H
#define KANSLI_REPLAYSTATE_H

#include <stddef.h>
#include <stdint.h>

#define RS_DIGEST_LEN 32

typedef struct rs_entry {
	uint64_t hash;       /* of table and key, for the index */
	size_t key;          /* offset of the key (a C string) in the key arena */
	int table;           /* index into rs_state.tables */
	unsigned char present; /* the log says the row exists */
	unsigned char seen;    /* compare: a database row matched it */
	unsigned char direct;  /* found by its integer key in its table's array, not in the hash table */
	int64_t event;       /* the image: the event whose data holds it ... */
	size_t off;          /* ... and where its JSON string starts there */
	unsigned char digest[RS_DIGEST_LEN];
} rs_entry;

typedef struct rs_table {
	char *name;
	int64_t schema;      /* schema version of its last baseline; -2: never recorded */
	int64_t present;     /* rows the log says it has */
	uint32_t *direct;    /* entry index + 1 (0: none) of the key "[N]", at N */
	size_t ndirect;      /* ... its length */
	size_t direct_rows;  /* ... how many it holds */
	size_t hashed_ints;  /* keys "[N]" with N beyond the array when added, in the hash table */
} rs_table;

typedef struct rs_state {
	rs_entry *e;
	size_t n, cap;
	uint64_t *slot;      /* entry index + 1 (0: empty) and, above it, the top half of the entry's
	                      * hash, so that a probe rarely reads an entry that is not the one;
	                      * open addressing */
	size_t nslot;
	size_t nhashed;      /* entries in the hash table */
	char *keys;          /* the key arena */
	size_t keys_len, keys_cap;
	rs_table *tables;
	int ntables;
	int last;            /* the table rs_table_of found last: a state lists a table's rows together */
} rs_state;

void rs_init(rs_state *s);
void rs_free(rs_state *s);
/* The index of the table named name, added (never recorded) when new. */
int rs_table_of(rs_state *s, const char *name);
/* The index of the table named name, or -1. */
int rs_table_find(const rs_state *s, const char *name);
/* The entry of (table, key), present or not, or NULL. */
rs_entry *rs_find(const rs_state *s, int table, const char *key);
/* The entry of (table, key), added absent when new. */
rs_entry *rs_entry_of(rs_state *s, int table, const char *key);
const char *rs_key(const rs_state *s, const rs_entry *en);
/* Sets en present with the image img (a C string) found at (event, off),
 * or absent when img is NULL. */
void rs_set(rs_state *s, rs_entry *en, const char *img, int64_t event, size_t off);
/* 1 when en is present with the image img (a C string). */
int rs_same(const rs_entry *en, const char *img, size_t len);
void rs_digest(const char *img, size_t len, unsigned char out[RS_DIGEST_LEN]);

#endif
