/*
 * query.h — kansli's own search language: what a user types into a search
 * box, parsed into a tree, and the search engine's query generated from it.
 *
 * The language: words, "phrases", prefix* (and "phrase prefix"*), AND, OR,
 * NOT (or -word), parentheses, and nothing else. Words side by side mean
 * AND; NOT binds to what follows; AND binds tighter than OR. Case and
 * record numbers (KS 2026/0042, KS 2026/0042-3, KS 2026/, 2026/0042) are
 * matched on the number only; a valid personnummer or organisationsnummer
 * (19121212-1212, 212000-0142) is an identity number term. Anything else
 * the user types is text: a hyphen inside a word (Sven-Erik), a colon
 * (Boken 1:2), a stray quote or bracket, an operator with nothing to join.
 * Input that cannot mean a search (nothing but excluded words, nesting or
 * size beyond the limits) is KERR_INVALID with a message, and a
 * query_problem the pages turn into their own language.
 *
 * The engine's query is only ever generated from the tree, never pasted
 * from the input: every term is emitted as a double-quoted string (quotes
 * inside doubled), and column names and operators come from the generator
 * alone. query_fts5 writes SQLite FTS5 syntax; a PostgreSQL tsquery
 * generator walks the same tree (WORD 'w', PREFIX 'w':*, PHRASE 'a' <-> 'b',
 * AND &, OR |, NOT !) and needs nothing more from the parser.
 */
#ifndef KANSLI_QUERY_H
#define KANSLI_QUERY_H

#include <stddef.h>

#include "core/casenum.h"
#include "util/buf.h"
#include "util/err.h"

#define QUERY_MAX_LEN 1000  /* bytes of input */
#define QUERY_MAX_TERMS 32  /* words, phrases, numbers */
#define QUERY_MAX_DEPTH 8   /* nested parentheses */
#define QUERY_MAX_NODES 128

typedef enum query_kind {
	QUERY_WORD,   /* one word */
	QUERY_PHRASE, /* words in this order */
	QUERY_PREFIX, /* a word or phrase whose last word may go on */
	QUERY_NUMBER, /* a case or record number, or its beginning, canonical ("KS 2026/0042-3", "KS 2026") */
	QUERY_IDNUM,  /* an identity number as typed; person/org hold its canonical forms */
	QUERY_AND,    /* all children; a NOT child leaves its matches out */
	QUERY_OR,     /* any child */
	QUERY_NOT,    /* one child, only ever directly under an AND that has a child that is not a NOT */
} query_kind;

typedef struct query_node {
	query_kind kind;
	int text;          /* offset of the term's text in query.text (terms only) */
	int person, org;   /* IDNUM: offsets of the canonical forms, -1 when not valid as such */
	int child, next;   /* first child and next sibling, -1 for none */
} query_node;

typedef enum query_problem {
	QUERY_OK,
	QUERY_EMPTY,        /* nothing to search for */
	QUERY_TOO_LONG,     /* more than QUERY_MAX_LEN bytes */
	QUERY_TOO_MANY,     /* more than QUERY_MAX_TERMS terms */
	QUERY_TOO_DEEP,     /* more than QUERY_MAX_DEPTH nested parentheses */
	QUERY_ONLY_NOT,     /* nothing but words to leave out */
	QUERY_NOT_IN_OR,    /* NOT as an alternative: "a OR NOT b" */
	QUERY_SHORT_PREFIX, /* a prefix of fewer than 2 characters */
} query_problem;

/* A parsed query; self-contained (no pointers), so it lives on the stack. */
typedef struct query_tree {
	query_node node[QUERY_MAX_NODES];
	int n, root;
	char text[2 * QUERY_MAX_LEN + 256];
	size_t text_len;
	query_problem problem;
} query_tree;

/*
 * Parses in (UTF-8) into q. today ("YYYY-MM-DD") decides the century of a
 * short personnummer. Returns 0, or KERR_INVALID with a message in e and
 * the reason in q->problem.
 */
int query_parse(const char *in, const char *today, query_tree *q, kerr *e);

/* The text of a term node. */
const char *query_text(const query_tree *q, int node);

/*
 * Appends the FTS5 MATCH expression for q to out. columns is NULL (every
 * column) or a column set the generator confines the whole query to, like
 * "{number title}"; it is kansli's constant, never user text. The column
 * holding numbers is called "number".
 */
void query_fts5(const query_tree *q, const char *columns, buf *out);

/* 1 when the whole query is one case or record number naming a case (with
 * series and sequence), filled into *out (doc 0 for a case); 0 otherwise. */
int query_case_number(const query_tree *q, casenum *out);

/* When the whole query is one identity number: its canonical personnummer
 * and organisationsnummer forms (NULL when not valid as that), return 1. */
int query_idnum(const query_tree *q, const char **person, const char **org);

/* The English message for a problem (the one query_parse puts in e). */
const char *query_problem_message(query_problem p);

#endif
