/* fts_snippet.c — a snippet whose cost grows linearly with the hits; see fts_snippet.h. */
#include "store/fts_snippet.h"

#include "store/fts_api.h"

#include <stddef.h>

#define MAX_TOKENS 64
#define CONTEXT_BEFORE 4 /* tokens shown before the window's first hit */

/* The byte ranges of the window's tokens, from the column's tokenizer. */
struct window {
	int first;      /* the window's first token position */
	int ntok;       /* its length in tokens */
	int pos;        /* positions seen so far */
	int seen;       /* tokens of the window found */
	int more;       /* the column goes on after the window */
	int start[MAX_TOKENS], end[MAX_TOKENS];
};

static int on_token(void *p, int tflags, const char *text, int len, int start, int end)
{
	(void)text; (void)len;
	struct window *w = p;
	/* A colocated token (a stem) shares the position of the one before. */
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	int at = w->pos++;
	if (at < w->first)
		return SQLITE_OK;
	if (at >= w->first + w->ntok) {
		w->more = 1;
		return SQLITE_DONE; /* the rest of the column is not needed */
	}
	w->start[at - w->first] = start;
	w->end[at - w->first] = end;
	w->seen = at - w->first + 1;
	return SQLITE_OK;
}

/* snippet(T, column, open, close, ellipsis, tokens), as FTS5's own but
 * choosing its window in one pass over the hits: the built-in scores every
 * candidate window against every hit, which for a word found 20,000 times
 * in one document takes seconds, during which nothing can interrupt it. */
static void snippet(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **val)
{
	if (nval != 5) {
		sqlite3_result_error(ctx, "wrong number of arguments to function kansli_snippet()", -1);
		return;
	}
	int want_col = sqlite3_value_int(val[0]);
	const char *open = (const char *)sqlite3_value_text(val[1]);
	const char *close = (const char *)sqlite3_value_text(val[2]);
	const char *ellipsis = (const char *)sqlite3_value_text(val[3]);
	int ntok = sqlite3_value_int(val[4]);
	if (ntok < 1)
		ntok = 1;
	if (ntok > MAX_TOKENS)
		ntok = MAX_TOKENS;
	int ninst = 0, rc = api->xInstCount(fts, &ninst);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	/* Hits come sorted by column, then offset: the window holding the
	 * most hits is found with two cursors. */
	int best_i = -1, best_count = 0, best_col = want_col < 0 ? 0 : want_col, best_off = 0;
	for (int i = 0, j = 0; i < ninst; i++) {
		int ph, col, off;
		if ((rc = api->xInst(fts, i, &ph, &col, &off)) != SQLITE_OK)
			break;
		if (want_col >= 0 && col != want_col)
			continue;
		if (j < i)
			j = i;
		for (;;) {
			int ph2, col2, off2;
			if (j >= ninst || api->xInst(fts, j, &ph2, &col2, &off2) != SQLITE_OK ||
			    col2 != col || off2 >= off + ntok)
				break;
			j++;
		}
		if (j - i > best_count) {
			best_count = j - i;
			best_i = i;
			best_col = col;
			best_off = off;
		}
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	struct window w = { .first = best_off > CONTEXT_BEFORE ? best_off - CONTEXT_BEFORE : 0, .ntok = ntok };
	/* Which of the window's tokens are hits (a phrase marks all its tokens). */
	unsigned char hit[MAX_TOKENS] = { 0 };
	if (best_i >= 0) {
		int i = best_i;
		while (i > 0) {
			int ph, col, off;
			if (api->xInst(fts, i - 1, &ph, &col, &off) != SQLITE_OK || col != best_col || off < w.first)
				break;
			i--;
		}
		for (; i < ninst; i++) {
			int ph, col, off;
			if (api->xInst(fts, i, &ph, &col, &off) != SQLITE_OK || col != best_col ||
			    off >= w.first + ntok)
				break;
			for (int t = 0; t < api->xPhraseSize(fts, ph); t++)
				if (off + t >= w.first && off + t < w.first + ntok)
					hit[off + t - w.first] = 1;
		}
	}
	const char *text = NULL;
	int len = 0;
	if ((rc = api->xColumnText(fts, best_col, &text, &len)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	if (!text)
		text = "", len = 0;
	rc = api->xTokenize(fts, text, len, &w, on_token);
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	sqlite3_str *out = sqlite3_str_new(NULL);
	if (w.first > 0 && w.seen > 0)
		sqlite3_str_appendall(out, ellipsis);
	int marked = 0;
	for (int t = 0; t < w.seen; t++) {
		if (t > 0) {
			if (marked && !hit[t]) {
				sqlite3_str_appendall(out, close);
				marked = 0;
			}
			sqlite3_str_append(out, text + w.end[t - 1], w.start[t] - w.end[t - 1]);
		}
		if (hit[t] && !marked) {
			sqlite3_str_appendall(out, open);
			marked = 1;
		}
		sqlite3_str_append(out, text + w.start[t], w.end[t] - w.start[t]);
	}
	if (marked)
		sqlite3_str_appendall(out, close);
	if (w.more)
		sqlite3_str_appendall(out, ellipsis);
	else if (w.seen > 0)
		sqlite3_str_append(out, text + w.end[w.seen - 1], len - w.end[w.seen - 1]);
	if (sqlite3_str_errcode(out) != SQLITE_OK) {
		sqlite3_free(sqlite3_str_finish(out));
		sqlite3_result_error_nomem(ctx);
		return;
	}
	int n = sqlite3_str_length(out);
	char *z = sqlite3_str_finish(out);
	if (z)
		sqlite3_result_text(ctx, z, n, sqlite3_free);
	else
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC); /* an empty string has no buffer */
}

int fts_snippet_register(sqlite3 *db)
{
	fts5_api *api = fts_api(db);
	if (!api)
		return SQLITE_ERROR;
	return api->xCreateFunction(api, "kansli_snippet", NULL, snippet, NULL);
}
