/* fts_swedish.c — Swedish stemming tokenizer for FTS5; see fts_swedish.h. */
#include "store/fts_swedish.h"

#include "store/fts_api.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

typedef struct swedish_tokenizer {
	fts5_tokenizer parent;
	Fts5Tokenizer *parent_instance;
	struct sb_stemmer *stemmer; /* not thread-safe: one per instance, one per connection */
} swedish_tokenizer;

typedef struct token_ctx {
	void *ctx;
	int (*emit)(void *, int, const char *, int, int, int);
	swedish_tokenizer *tok;
	int stem;
	int query;
} token_ctx;

static int utf8_chars(const char *s, int len)
{
	int n = 0;
	for (int i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static int on_token(void *p, int tflags, const char *text, int len, int start, int end)
{
	token_ctx *c = p;
	if (!c->stem || len > 200)
		return c->emit(c->ctx, tflags, text, len, start, end);
	const sb_symbol *s = sb_stemmer_stem(c->tok->stemmer, (const sb_symbol *)text, len);
	if (!s)
		return SQLITE_NOMEM;
	int slen = sb_stemmer_length(c->tok->stemmer);
	char stem[256];
	memcpy(stem, s, (size_t)slen);
	int rc = c->emit(c->ctx, tflags, stem, slen, start, end);
	/* Snowball leaves the neuter definite ending -et ("bygglovet",
	 * "beslutet") alone. A query word with it also asks for the bare form,
	 * as a synonym at the same position: "bygglovet" finds "bygglov". The
	 * index itself is stemmed exactly as Snowball (and PostgreSQL's
	 * 'swedish' configuration) does. */
	if (rc == SQLITE_OK && c->query && slen > 2 && utf8_chars(stem, slen) >= 7 &&
	    !memcmp(stem + slen - 2, "et", 2))
		rc = c->emit(c->ctx, tflags | FTS5_TOKEN_COLOCATED, stem, slen - 2, start, end);
	return rc;
}

static int tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                    int (*emit)(void *, int, const char *, int, int, int))
{
	swedish_tokenizer *tok = (swedish_tokenizer *)t;
	token_ctx c = { ctx, emit, tok, !(flags & FTS5_TOKENIZE_PREFIX), (flags & FTS5_TOKENIZE_QUERY) != 0 };
	return tok->parent.xTokenize(tok->parent_instance, &c, flags, text, len, on_token);
}

static void destroy(Fts5Tokenizer *t)
{
	swedish_tokenizer *tok = (swedish_tokenizer *)t;
	if (!tok)
		return;
	if (tok->parent_instance)
		tok->parent.xDelete(tok->parent_instance);
	if (tok->stemmer)
		sb_stemmer_delete(tok->stemmer);
	free(tok);
}

static int create(void *api_ptr, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)args; (void)nargs;
	fts5_api *api = api_ptr;
	void *parent_data;
	swedish_tokenizer *tok = calloc(1, sizeof *tok);
	if (!tok)
		return SQLITE_NOMEM;
	int rc = api->xFindTokenizer(api, "unicode61", &parent_data, &tok->parent);
	static const char *parent_args[] = { "remove_diacritics", "0" };
	if (rc == SQLITE_OK)
		rc = tok->parent.xCreate(parent_data, parent_args, 2, &tok->parent_instance);
	if (rc == SQLITE_OK && !(tok->stemmer = sb_stemmer_new("swedish", "UTF_8")))
		rc = SQLITE_ERROR;
	if (rc != SQLITE_OK) {
		destroy((Fts5Tokenizer *)tok);
		return rc;
	}
	*out = (Fts5Tokenizer *)tok;
	return SQLITE_OK;
}

int fts_swedish_register(sqlite3 *db)
{
	fts5_api *api = fts_api(db);
	if (!api)
		return SQLITE_ERROR;
	static fts5_tokenizer methods = { create, destroy, tokenize };
	return api->xCreateTokenizer(api, "swedish", api, &methods, NULL);
}
