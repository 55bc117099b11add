/* fuzz_query.c — the search language on arbitrary bytes: never a crash; an
 * accepted query's FTS5 expression is valid FTS5 (SQLite runs it against a
 * table like the index) and holds no character of the input outside a
 * quoted string; a refused one says why. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"
#include "store/fts_swedish.h"
#include "util/encoding.h"

static sqlite3 *db;
static sqlite3_stmt *match;

static void open_index(void)
{
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || fts_swedish_register(db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(number, title, case_title, party, class, body, files, "
	                     "tokenize='swedish', prefix='3 4 5');"
	                     "INSERT INTO t VALUES('KS 2026/0042-3', 'Ansökan om bygglov', 'Bygglov Boken 1:2', "
	                     "'Sven-Erik Lundberg', '2.3 Bygglov', 'text 19121212-1212', '');",
	                 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &match, NULL) != SQLITE_OK)
		abort();
}

/* Outside its quoted strings the expression is made of the generator's own
 * words only; inside, each string is the user's text (or a number the
 * parser wrote in canonical form, which follows "number : "). */
static void check_expression(const char *x, const char *input, const char *columns)
{
	static const char *const own[] = { "AND", "OR", "NOT", "number", ":", "*", NULL };
	const char *p = x;
	if (columns) {
		if (strncmp(p, columns, strlen(columns)) || strncmp(p + strlen(columns), " : (", 4))
			abort();
		p += strlen(columns) + 4;
	}
	char word[32];
	size_t wn = 0;
	int after_number = 0;
	for (;; p++) {
		char c = *p;
		if (c == '"' || c == ' ' || c == '(' || c == ')' || c == '\0') {
			if (wn) {
				word[wn] = '\0';
				int known = 0;
				for (int i = 0; own[i]; i++)
					known |= !strcmp(word, own[i]);
				if (!known)
					abort(); /* a bare word the generator did not write */
				after_number = !strcmp(word, "number") || (after_number && !strcmp(word, ":"));
				wn = 0;
			}
		} else {
			if (wn + 1 >= sizeof word)
				abort();
			word[wn++] = c;
			continue;
		}
		if (c == '\0')
			break;
		if (c != '"')
			continue;
		/* a quoted string: read it, undoubling quotes */
		char *s = malloc(strlen(p) + 1);
		size_t n = 0;
		for (p++;; p++) {
			if (*p == '\0')
				abort(); /* unterminated */
			if (*p == '"' && p[1] == '"') {
				s[n++] = '"';
				p++;
			} else if (*p == '"') {
				break;
			} else {
				s[n++] = *p;
			}
		}
		s[n] = '\0';
		if (!after_number && !strstr(input, s))
			abort(); /* a term is the user's own text */
		if (n == 0)
			abort(); /* empty terms are dropped */
		free(s);
		after_number = 0;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		open_index();
	char *in = malloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	query_tree q;
	kerr e = KERR_INIT;
	int rc = query_parse(in, "2026-11-25", &q, &e);
	if (rc) {
		if (rc != KERR_INVALID || q.problem == QUERY_OK || !*e.msg)
			abort();
		free(in);
		return 0;
	}
	static const char *const column_sets[] = { NULL, "{number title case_title class}" };
	for (int c = 0; c < 2; c++) {
		buf x = BUF_INIT;
		query_fts5(&q, column_sets[c], &x);
		/* terms are the user's text as stored: composed (NFC) */
		char *nfc = text_nfc_dup(in);
		check_expression(x.s, nfc ? nfc : in, column_sets[c]);
		free(nfc);
		sqlite3_bind_text(match, 1, x.s, -1, SQLITE_TRANSIENT);
		int step = sqlite3_step(match);
		if (step != SQLITE_ROW) {
			fprintf(stderr, "FTS5 refused %s: %s\n", x.s, sqlite3_errmsg(db));
			abort();
		}
		sqlite3_reset(match);
		buf_free(&x);
	}
	casenum n;
	const char *person, *org;
	if (query_case_number(&q, &n) && (n.year < 0 || n.seq < 1))
		abort();
	if (query_idnum(&q, &person, &org) && !person && !org)
		abort();
	free(in);
	return 0;
}
