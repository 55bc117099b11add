/* query.c — the search language's parser and its FTS5 generator; see query.h. */
#include "core/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/encoding.h"
#include "util/idnum.h"

typedef enum { T_END, T_TERM, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT } tok_type;

typedef struct parser {
	query_tree *q;
	const char *in, *today;
	size_t pos, len;
	tok_type tok;
	int term;  /* the node of a T_TERM */
	int terms; /* terms made so far */
	kerr *e;
} parser;

static const char *const problem_messages[] = {
	[QUERY_OK] = "",
	[QUERY_EMPTY] = "the search has no words to look for",
	[QUERY_TOO_LONG] = "a search is at most 1000 characters",
	[QUERY_TOO_MANY] = "a search can hold at most 32 words",
	[QUERY_TOO_DEEP] = "a search can nest parentheses at most 8 deep",
	[QUERY_ONLY_NOT] = "a search needs a word to look for besides the words it leaves out (NOT, -)",
	[QUERY_NOT_IN_OR] = "NOT (or -) can only leave words out of a match: write 'a NOT b', not 'a OR NOT b'",
	[QUERY_SHORT_PREFIX] = "a prefix search (word*) needs at least 2 letters before the *",
};

const char *query_problem_message(query_problem p)
{
	return p >= QUERY_OK && p <= QUERY_SHORT_PREFIX ? problem_messages[p] : "the search could not be understood";
}

/* Sets the first problem met; later ones are consequences. Returns -1. */
static int fail(parser *p, query_problem problem)
{
	if (p->q->problem == QUERY_OK) {
		p->q->problem = problem;
		kerr_set(p->e, KERR_INVALID, "%s", query_problem_message(problem));
	}
	return -1;
}

static int is_space(unsigned char c)
{
	return c <= ' ' || c == 0x7f;
}

static int is_delimiter(unsigned char c)
{
	return c == '"' || c == '(' || c == ')';
}

/* The code point at s (len bytes left) and its length in *n; invalid
 * UTF-8 is one byte of code point 0xFFFD. */
static unsigned decode(const unsigned char *s, size_t len, size_t *n)
{
	unsigned c = s[0];
	size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (c < 0x80 || need == 0 || need >= len) {
		*n = 1;
		return c < 0x80 ? c : 0xFFFD;
	}
	unsigned cp = c & (0x3F >> need);
	for (size_t i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*n = 1;
			return 0xFFFD;
		}
		cp = cp << 6 | (s[i] & 0x3F);
	}
	*n = need + 1;
	return cp;
}

/* 1 when the code point is part of a word to the index's tokenizer
 * (unicode61: letters and digits). Punctuation and symbols outside ASCII
 * are recognised by their blocks; a symbol this misses becomes a term
 * without words, which matches nothing. */
static int is_word_char(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	if (cp < 0xC0)
		return cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 || cp == 0xBA ||
		       (cp >= 0xBC && cp <= 0xBE);
	if (cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x2BFF) ||
	    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
	    (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return 1;
}

/* Characters of s that make words. */
static int word_chars(const char *s, size_t len)
{
	int count = 0;
	for (size_t i = 0, n; i < len; i += n)
		count += is_word_char(decode((const unsigned char *)s + i, len - i, &n));
	return count;
}

static int add_text(parser *p, const char *s, size_t len)
{
	query_tree *q = p->q;
	if (q->text_len + len + 1 > sizeof q->text)
		return fail(p, QUERY_TOO_LONG);
	int at = (int)q->text_len;
	memcpy(q->text + at, s, len);
	q->text[at + (int)len] = '\0';
	q->text_len += len + 1;
	return at;
}

static int new_node(parser *p, query_kind kind)
{
	query_tree *q = p->q;
	if (q->n >= QUERY_MAX_NODES)
		return fail(p, QUERY_TOO_MANY);
	query_node *n = &q->node[q->n];
	*n = (query_node){ kind, -1, -1, -1, -1, -1 };
	return q->n++;
}

static int new_term(parser *p, query_kind kind, const char *s, size_t len)
{
	if (++p->terms > QUERY_MAX_TERMS)
		return fail(p, QUERY_TOO_MANY);
	int i = new_node(p, kind);
	if (i < 0)
		return -1;
	int at = add_text(p, s, len);
	if (at < 0)
		return -1;
	p->q->node[i].text = at;
	return i;
}

/* A series prefix as numbers carry it: 1-16 capital letters (A-Z, Å, Ä, Ö). */
static int is_series_prefix(const char *s, size_t len)
{
	if (len == 0 || len > 16)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			continue;
		if (c == 0xC3 && i + 1 < len && (s[i + 1] == '\x85' || s[i + 1] == '\x84' || s[i + 1] == '\x96')) {
			i++;
			continue;
		}
		return 0;
	}
	return 1;
}

static int digits(const char *s, size_t len, size_t *i, int max)
{
	int n = 0;
	while (*i < len && n < max + 1 && s[*i] >= '0' && s[*i] <= '9') {
		(*i)++;
		n++;
	}
	return n;
}

/* The number part of a case or record number: YYYY/ then optionally the
 * case's sequence and -record. Writes the canonical text after prefix. */
static int number_token(const char *s, size_t len, const char *prefix, size_t plen, char *out, size_t outlen)
{
	size_t i = 0;
	if (digits(s, len, &i, 4) != 4 || i >= len || s[i] != '/')
		return 0;
	int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	i++;
	size_t seq_at = i;
	int nseq = digits(s, len, &i, 6), seq = 0, doc = 0, ndoc = 0;
	if (nseq > 6)
		return 0;
	for (size_t j = seq_at; j < seq_at + (size_t)nseq; j++)
		seq = seq * 10 + (s[j] - '0');
	if (nseq && i < len && s[i] == '-') {
		size_t doc_at = ++i;
		ndoc = digits(s, len, &i, 6);
		if (ndoc < 1 || ndoc > 6)
			return 0;
		for (size_t j = doc_at; j < doc_at + (size_t)ndoc; j++)
			doc = doc * 10 + (s[j] - '0');
	}
	if (i != len)
		return 0;
	int n = snprintf(out, outlen, "%.*s%s%d", (int)plen, prefix, plen ? " " : "", year);
	if (nseq)
		n += snprintf(out + n, outlen - (size_t)n, "/%04d", seq);
	if (ndoc)
		snprintf(out + n, outlen - (size_t)n, "-%d", doc);
	return 1;
}

/* A personnummer or organisationsnummer in one of its usual forms. */
static int idnum_term(parser *p, const char *s, size_t len)
{
	size_t d = 0;
	for (size_t i = 0; i < len; i++)
		d += s[i] >= '0' && s[i] <= '9';
	int shape = (len == 11 && d == 10 && (s[6] == '-' || s[6] == '+')) || (len == 13 && d == 12 && s[8] == '-') ||
	            (len == 10 && d == 10) || (len == 12 && d == 12);
	if (!shape)
		return 0;
	char in[14], person[14], org[12];
	const char *why;
	memcpy(in, s, len);
	in[len] = '\0';
	int is_person = idnum_personnummer(in, p->today, person, &why) == 0;
	int is_org = idnum_orgnr(in, org, &why) == 0;
	if (!is_person && !is_org)
		return 0;
	int i = new_term(p, QUERY_IDNUM, s, len);
	if (i < 0)
		return -1;
	int pa = is_person ? add_text(p, person, strlen(person)) : -1;
	int oa = is_org ? add_text(p, org, strlen(org)) : -1;
	if (p->q->problem)
		return -1;
	p->q->node[i].person = pa;
	p->q->node[i].org = oa;
	p->term = i;
	return 1;
}

static size_t word_end(parser *p, size_t at)
{
	while (at < p->len && !is_space((unsigned char)p->in[at]) && !is_delimiter((unsigned char)p->in[at]))
		at++;
	return at;
}

/* A word at p->pos: an operator, a number, an identity number or text.
 * Returns 1 for a token, 0 when the word holds nothing to search. */
static int lex_word(parser *p)
{
	const char *w = p->in + p->pos;
	size_t end = word_end(p, p->pos), len = end - p->pos;
	p->pos = end;
	if (len == 3 && !memcmp(w, "AND", 3)) { p->tok = T_AND; return 1; }
	if (len == 2 && !memcmp(w, "OR", 2)) { p->tok = T_OR; return 1; }
	if (len == 3 && !memcmp(w, "NOT", 3)) { p->tok = T_NOT; return 1; }
	p->tok = T_TERM;
	char canon[96];
	if (is_series_prefix(w, len)) {
		/* "KS 2026/0042": the series and the number are one term */
		size_t at = end;
		while (at < p->len && is_space((unsigned char)p->in[at]))
			at++;
		size_t next_end = word_end(p, at);
		if (next_end > at && number_token(p->in + at, next_end - at, w, len, canon, sizeof canon)) {
			p->pos = next_end;
			return (p->term = new_term(p, QUERY_NUMBER, canon, strlen(canon))) < 0 ? -1 : 1;
		}
	}
	if (number_token(w, len, "", 0, canon, sizeof canon))
		return (p->term = new_term(p, QUERY_NUMBER, canon, strlen(canon))) < 0 ? -1 : 1;
	int id = idnum_term(p, w, len);
	if (id)
		return id;
	int prefix = 0;
	while (len > 0 && w[len - 1] == '*') {
		len--;
		prefix = 1;
	}
	int chars = word_chars(w, len);
	if (chars == 0)
		return 0;
	if (prefix && chars < 2)
		return fail(p, QUERY_SHORT_PREFIX);
	return (p->term = new_term(p, prefix ? QUERY_PREFIX : QUERY_WORD, w, len)) < 0 ? -1 : 1;
}

/* A phrase from p->pos (at its quote) to the next quote, or to the end
 * when the quote is never closed. */
static int lex_phrase(parser *p)
{
	size_t start = ++p->pos, end = start;
	while (end < p->len && p->in[end] != '"')
		end++;
	p->pos = end < p->len ? end + 1 : end;
	int prefix = 0;
	while (p->pos < p->len && p->in[p->pos] == '*') {
		p->pos++;
		prefix = 1;
	}
	int chars = word_chars(p->in + start, end - start);
	if (chars == 0)
		return 0;
	if (prefix && chars < 2)
		return fail(p, QUERY_SHORT_PREFIX);
	p->tok = T_TERM;
	return (p->term = new_term(p, prefix ? QUERY_PREFIX : QUERY_PHRASE, p->in + start, end - start)) < 0 ? -1 : 1;
}

/* Moves to the next token; terms are made into nodes as they are read. */
static void next(parser *p)
{
	for (;;) {
		while (p->pos < p->len && is_space((unsigned char)p->in[p->pos]))
			p->pos++;
		if (p->pos >= p->len || p->q->problem) {
			p->tok = T_END;
			return;
		}
		char c = p->in[p->pos];
		if (c == '(' || c == ')') {
			p->pos++;
			p->tok = c == '(' ? T_LPAREN : T_RPAREN;
			return;
		}
		if (c == '-' && p->pos + 1 < p->len && !is_space((unsigned char)p->in[p->pos + 1]) &&
		    p->in[p->pos + 1] != ')') {
			p->pos++;
			p->tok = T_NOT;
			return;
		}
		int rc = c == '"' ? lex_phrase(p) : lex_word(p);
		if (rc < 0) {
			p->tok = T_END;
			return;
		}
		if (rc > 0)
			return;
		/* a word of punctuation only: nothing to search for, skip it */
	}
}

/* A node of kind with the given children; one child is itself, none -1. */
static int join(parser *p, query_kind kind, const int *items, int n)
{
	if (n == 0)
		return -1;
	if (n == 1)
		return items[0];
	int i = new_node(p, kind);
	if (i < 0)
		return -1;
	p->q->node[i].child = items[0];
	for (int j = 0; j + 1 < n; j++)
		p->q->node[items[j]].next = items[j + 1];
	return i;
}

static int parse_or(parser *p, int depth);

/* A term or a parenthesised query; -1 when there is nothing there. */
static int parse_primary(parser *p, int depth)
{
	if (p->tok == T_TERM) {
		int i = p->term;
		next(p);
		return i;
	}
	if (p->tok != T_LPAREN)
		return -1;
	if (depth + 1 > QUERY_MAX_DEPTH)
		return fail(p, QUERY_TOO_DEEP);
	next(p);
	int i = parse_or(p, depth + 1);
	if (p->tok == T_RPAREN) /* an unclosed one closes at the end */
		next(p);
	return i;
}

/* NOT (or -) any number of times: an even number cancels out. */
static int parse_unary(parser *p, int depth)
{
	int negate = 0;
	while (p->tok == T_NOT) {
		negate = !negate;
		next(p);
	}
	int i = parse_primary(p, depth);
	if (i < 0 || !negate)
		return i;
	int n = new_node(p, QUERY_NOT);
	if (n < 0)
		return -1;
	p->q->node[n].child = i;
	return n;
}

/* Operands side by side or joined by AND; an AND with nothing on one side
 * is dropped. */
static int parse_and(parser *p, int depth)
{
	int items[QUERY_MAX_NODES], n = 0;
	while (!p->q->problem && p->tok != T_END && p->tok != T_RPAREN && p->tok != T_OR) {
		if (p->tok == T_AND) {
			next(p);
			continue;
		}
		int i = parse_unary(p, depth);
		if (i >= 0 && n < QUERY_MAX_NODES)
			items[n++] = i;
	}
	return join(p, QUERY_AND, items, n);
}

static int parse_or(parser *p, int depth)
{
	int items[QUERY_MAX_NODES], n = 0;
	for (;;) {
		int i = parse_and(p, depth);
		if (i >= 0 && n < QUERY_MAX_NODES)
			items[n++] = i;
		if (p->q->problem || p->tok != T_OR)
			break;
		next(p);
	}
	return join(p, QUERY_OR, items, n);
}

/* NOT leaves words out of what the rest of an AND matches; it cannot stand
 * alone or as an alternative (neither engine can search "everything but"). */
static int check_not(parser *p, int i, query_kind parent)
{
	const query_node *n = &p->q->node[i];
	if (n->kind == QUERY_NOT && parent != QUERY_AND)
		return fail(p, parent == QUERY_OR ? QUERY_NOT_IN_OR : QUERY_ONLY_NOT);
	if (n->kind == QUERY_AND) {
		int positive = 0;
		for (int c = n->child; c >= 0; c = p->q->node[c].next)
			positive += p->q->node[c].kind != QUERY_NOT;
		if (!positive)
			return fail(p, QUERY_ONLY_NOT);
	}
	for (int c = n->child; c >= 0; c = p->q->node[c].next)
		if (check_not(p, c, n->kind) < 0)
			return -1;
	return 0;
}

static int parse_query(const char *in, const char *today, query_tree *q, kerr *e)
{
	memset(q, 0, offsetof(query_tree, text));
	q->root = -1;
	q->text_len = 0;
	q->problem = QUERY_OK;
	parser p = { .q = q, .in = in ? in : "", .today = today, .e = e };
	p.len = strlen(p.in);
	if (p.len > QUERY_MAX_LEN) {
		fail(&p, QUERY_TOO_LONG);
		return KERR_INVALID;
	}
	next(&p);
	int root = parse_or(&p, 0);
	/* A stray closing bracket ends nothing: what follows is searched too. */
	while (!q->problem && p.tok == T_RPAREN) {
		next(&p);
		int more = parse_or(&p, 0);
		if (more >= 0) {
			int both[2] = { root, more };
			root = root < 0 ? more : join(&p, QUERY_AND, both, 2);
		}
	}
	if (!q->problem && root < 0)
		fail(&p, QUERY_EMPTY);
	if (!q->problem && q->node[root].kind == QUERY_NOT)
		fail(&p, QUERY_ONLY_NOT);
	if (!q->problem)
		check_not(&p, root, QUERY_WORD); /* the root has no AND or OR above it */
	if (q->problem)
		return KERR_INVALID;
	q->root = root;
	return 0;
}

int query_parse(const char *in, const char *today, query_tree *q, kerr *e)
{
	/* Stored text is NFC (util/encoding.h): a query pasted decomposed
	 * (from macOS) looks for the same words as one typed. */
	char *nfc = text_nfc_dup(in);
	int rc = parse_query(nfc ? nfc : in, today, q, e);
	free(nfc);
	return rc;
}

const char *query_text(const query_tree *q, int node)
{
	int at = q->node[node].text;
	return at >= 0 ? q->text + at : "";
}

/* A term as an FTS5 string: in quotes, quotes inside doubled, so nothing
 * in it is syntax. */
static void quoted(buf *out, const char *s)
{
	buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(out, '"');
		buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

static void emit(const query_tree *q, int i, buf *out)
{
	const query_node *n = &q->node[i];
	switch (n->kind) {
	case QUERY_WORD:
	case QUERY_PHRASE:
	case QUERY_IDNUM:
		quoted(out, query_text(q, i));
		return;
	case QUERY_PREFIX:
		quoted(out, query_text(q, i));
		buf_adds(out, " *");
		return;
	case QUERY_NUMBER:
		buf_adds(out, "(number : ");
		quoted(out, query_text(q, i));
		buf_addc(out, ')');
		return;
	case QUERY_NOT:
		emit(q, n->child, out); /* only reached through its AND */
		return;
	case QUERY_OR: {
		buf_addc(out, '(');
		for (int c = n->child; c >= 0; c = q->node[c].next) {
			if (c != n->child)
				buf_adds(out, " OR ");
			emit(q, c, out);
		}
		buf_addc(out, ')');
		return;
	}
	case QUERY_AND: {
		/* FTS5's NOT is binary: (what is wanted) NOT (what is not) */
		buf_adds(out, "((");
		int first = 1;
		for (int c = n->child; c >= 0; c = q->node[c].next) {
			if (q->node[c].kind == QUERY_NOT)
				continue;
			if (!first)
				buf_adds(out, " AND ");
			first = 0;
			emit(q, c, out);
		}
		buf_addc(out, ')');
		for (int c = n->child; c >= 0; c = q->node[c].next) {
			if (q->node[c].kind != QUERY_NOT)
				continue;
			buf_adds(out, " NOT ");
			emit(q, q->node[c].child, out);
		}
		buf_addc(out, ')');
		return;
	}
	}
}

void query_fts5(const query_tree *q, const char *columns, buf *out)
{
	if (q->root < 0) {
		buf_adds(out, "");
		return;
	}
	if (columns) {
		buf_adds(out, columns);
		buf_adds(out, " : (");
	}
	emit(q, q->root, out);
	if (columns)
		buf_addc(out, ')');
}

int query_case_number(const query_tree *q, casenum *out)
{
	if (q->root < 0 || q->node[q->root].kind != QUERY_NUMBER)
		return 0;
	return casenum_parse(query_text(q, q->root), out, NULL) == 0;
}

int query_idnum(const query_tree *q, const char **person, const char **org)
{
	if (q->root < 0 || q->node[q->root].kind != QUERY_IDNUM)
		return 0;
	const query_node *n = &q->node[q->root];
	*person = n->person >= 0 ? q->text + n->person : NULL;
	*org = n->org >= 0 ? q->text + n->org : NULL;
	return 1;
}
