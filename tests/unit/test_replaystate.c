/*
 * test_replaystate.c — the rows verify replays from the log, in memory
 * (core/replaystate.h): a row is found by table and key and nothing else,
 * its image is compared by digest, a deleted row stays absent and is
 * counted out, and the hash table keeps every row as it grows (with keys
 * whose hashes collide in the index's low bits as well).
 */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "core/replaystate.h"

int main(void)
{
	rs_state s;
	rs_init(&s);
	int rec = rs_table_of(&s, "record"), cas = rs_table_of(&s, "case_file");
	CHECK("a table is named once", rs_table_of(&s, "record") == rec && rs_table_find(&s, "case_file") == cas);
	CHECK("an unknown table is not found", rs_table_find(&s, "nope") == -1);
	CHECK("a new table was never recorded", s.tables[rec].schema == -2 && s.tables[rec].present == 0);
	CHECK("nothing is found in an empty state", rs_find(&s, rec, "[1]") == NULL);

	rs_set(&s, rs_entry_of(&s, rec, "[1]"), "{\"title\":\"Bygglov\"}", 7, 42);
	rs_entry *en = rs_find(&s, rec, "[1]");
	CHECK("a row set is found", en && en->present && en->event == 7 && en->off == 42);
	CHECK("... by its key", !strcmp(rs_key(&s, en), "[1]"));
	CHECK("... only in its table", rs_find(&s, cas, "[1]") == NULL);
	CHECK("... and counted", s.tables[rec].present == 1);
	CHECK("the same image is the same", rs_same(en, "{\"title\":\"Bygglov\"}", 19));
	CHECK("another image differs", !rs_same(en, "{\"title\":\"Bygglof\"}", 19));
	CHECK("a prefix of the image differs", !rs_same(en, "{\"title\":\"Bygglov\"}", 18));

	rs_set(&s, rs_entry_of(&s, rec, "[1]"), NULL, 0, 0);
	en = rs_find(&s, rec, "[1]");
	CHECK("a deleted row keeps its entry, absent", en && !en->present);
	CHECK("... and is counted out", s.tables[rec].present == 0);
	CHECK("an absent row matches no image", !rs_same(en, "{\"title\":\"Bygglov\"}", 19));

	/* enough rows to grow the index many times over */
	char key[32], img[64];
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "[%d]", i);
		snprintf(img, sizeof img, "{\"n\":%d}", i);
		rs_set(&s, rs_entry_of(&s, i % 2 ? rec : cas, key), img, i, (size_t)i);
	}
	int found = 1;
	for (int i = 0; i < 100000 && found; i++) {
		snprintf(key, sizeof key, "[%d]", i);
		snprintf(img, sizeof img, "{\"n\":%d}", i);
		const rs_entry *x = rs_find(&s, i % 2 ? rec : cas, key);
		found = x && x->present && x->event == i && rs_same(x, img, strlen(img)) &&
		        !rs_find(&s, i % 2 ? cas : rec, key);
	}
	CHECK("100000 rows in two tables are each found, in their table only", found);
	CHECK("... and counted per table", s.tables[rec].present == 50000 && s.tables[cas].present == 50000);
	rs_free(&s);

	/* keys that are one integer are held in an array by the integer: only
	 * the text SQLite writes for it is that key, and an id far beyond the
	 * rows held goes to the hash table, and is still the same row when the
	 * array grows past it */
	rs_init(&s);
	int t = rs_table_of(&s, "party");
	rs_entry *big = rs_entry_of(&s, t, "[200000]");
	rs_set(&s, big, "{\"id\":200000}", 1, 0);
	size_t big_at = (size_t)(big - s.e); /* entries move as they grow */
	static const char *const other[] = { "[01]", "[-1]", "[ 1]", "[1,2]", "[1.0]", "[2147483648]", "1", "[1" };
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		rs_set(&s, rs_entry_of(&s, t, other[i]), other[i], 2, i);
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "[%d]", i);
		rs_set(&s, rs_entry_of(&s, t, key), key, 3, (size_t)i);
	}
	CHECK("an id far beyond the rows is the same row when the array has grown past it",
	      rs_entry_of(&s, t, "[200000]") == &s.e[big_at] && rs_find(&s, t, "[200000]") == &s.e[big_at] &&
	      s.e[big_at].event == 1);
	int distinct = 1;
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		rs_entry *x = rs_find(&s, t, other[i]);
		distinct = distinct && x && !strcmp(rs_key(&s, x), other[i]) && rs_same(x, other[i], strlen(other[i]));
	}
	CHECK("keys that are not an integer as SQLite writes it are rows of their own", distinct &&
	      rs_find(&s, t, "[1]") != rs_find(&s, t, "[01]") && rs_find(&s, t, "[1]")->event == 3);
	CHECK("... and all are counted", s.tables[t].present == 100000 + 1 + 8);
	CHECK("an integer key never added is not found", !rs_find(&s, t, "[150000]") && !rs_find(&s, t, "[100000]"));
	rs_free(&s);
	TEST_END();
}
