/* api_page.c — the API's list envelope and keyset cursors; see api_page.h. */
#include "web/api_page.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"
#include "web/api.h"
#include "web/respond.h"

#define CURSOR_MAX 4096 /* characters of a cursor accepted */

/* --- the sort key of an item ------------------------------------------ */

/* A part of a number "PREFIX YEAR/SEQ[-RSEQ]", or null when the member is
 * no such number. */
static json_t *number_part(const char *s, enum api_key_part part)
{
	const char *sp = s ? strchr(s, ' ') : NULL;
	if (!sp)
		return json_null();
	if (part == KEY_PREFIX)
		return json_stringn(s, (size_t)(sp - s));
	char *end;
	long year = strtol(sp + 1, &end, 10);
	if (*end != '/')
		return json_null();
	long seq = strtol(end + 1, &end, 10);
	long rseq = *end == '-' ? strtol(end + 1, &end, 10) : 0;
	return json_integer(part == KEY_YEAR ? year : part == KEY_SEQ ? seq : rseq);
}

/* null, then numbers, then strings (byte order, as SQLite's BINARY), then
 * anything else by its JSON text. */
static int rank(const json_t *v)
{
	return !v || json_is_null(v) ? 0 : json_is_number(v) ? 1 : json_is_string(v) ? 2 : 3;
}

static int value_cmp(const json_t *a, const json_t *b)
{
	int ra = rank(a), rb = rank(b);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (ra == 1) {
		double x = json_number_value(a), y = json_number_value(b);
		return x < y ? -1 : x > y;
	}
	if (ra == 2) {
		size_t la = json_string_length(a), lb = json_string_length(b);
		int c = memcmp(json_string_value(a), json_string_value(b), la < lb ? la : lb);
		return c ? (c < 0 ? -1 : 1) : la < lb ? -1 : la > lb;
	}
	if (ra == 3) {
		char *x = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS), *y = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
		int c = strcmp(x ? x : "", y ? y : "");
		free(x);
		free(y);
		return c < 0 ? -1 : c > 0;
	}
	return 0;
}

/* Keys are the order's values, which make the documented order; when
 * they are not unique, then also a hash of the item, which breaks their
 * ties by the item itself (never by a hidden id), and its ordinal among
 * items equal in every member. */
static size_t key_len(const struct api_list_spec *spec)
{
	return spec->unique ? spec->norder : spec->norder + 2;
}

static int key_cmp(const struct api_list_spec *spec, const json_t *a, const json_t *b)
{
	size_t n = json_array_size(a);
	for (size_t i = 0; i < n; i++) {
		const json_t *x = json_array_get(a, i), *y = json_array_get(b, i);
		const struct api_order *o = i < spec->norder ? &spec->order[i] : NULL;
		int c;
		if (o && o->nulls_last && rank(x) != rank(y) && (!rank(x) || !rank(y)))
			c = rank(x) ? -1 : 1;
		else
			c = value_cmp(x, y);
		if (o && o->desc)
			c = -c;
		if (c)
			return c;
	}
	return 0;
}

static json_t *item_key(const struct api_list_spec *spec, json_t *item)
{
	json_t *key = json_array();
	for (size_t i = 0; i < spec->norder; i++) {
		const struct api_order *o = &spec->order[i];
		json_t *v = json_object_get(item, o->member);
		if (o->part == KEY_WHOLE)
			json_array_append_new(key, v ? json_incref(v) : json_null());
		else
			json_array_append_new(key, number_part(json_string_value(v), o->part));
	}
	if (spec->unique)
		return key;
	char *text = json_dumps(item, JSON_COMPACT | JSON_SORT_KEYS);
	unsigned char h[HASH_LEN];
	char hex[HASH_HEX_LEN + 1];
	hash_sha256(text ? text : "", text ? strlen(text) : 0, h);
	free(text);
	hash_hex(h, 8, hex);
	json_array_append_new(key, json_string(hex));
	json_array_append_new(key, json_integer(0));
	return key;
}

struct sorting {
	const struct api_list_spec *spec;
	json_t **keys;
};

static int index_cmp(const void *a, const void *b, void *ctx)
{
	const struct sorting *s = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = key_cmp(s->spec, s->keys[i], s->keys[j]);
	return c ? c : i < j ? -1 : i > j;
}

/* --- the cursor -------------------------------------------------------- */

struct arg {
	char *pair; /* "name=value", for the scope */
	const char *name, *value;
};

struct args {
	struct arg a[64];
	int n;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct args *as = cls;
	if (!strcmp(key, "cursor") || !strcmp(key, "limit") || !strcmp(key, "offset") || as->n == 64)
		return MHD_YES;
	buf b = BUF_INIT;
	buf_printf(&b, "%s=%s", key, value ? value : "");
	as->a[as->n++] = (struct arg){ b.s, key, value };
	return MHD_YES;
}

static void args_free(struct args *as)
{
	for (int i = 0; i < as->n; i++)
		free(as->a[i].pair);
	as->n = 0;
}

static int pair_cmp(const void *a, const void *b)
{
	return strcmp(((const struct arg *)a)->pair, ((const struct arg *)b)->pair);
}

/* The list a cursor belongs to: its path and its filters (every query
 * parameter but the cursor, the limit and the offset, in any order), as
 * 16 hex digits. */
static void scope_of(request *r, const struct args *as, char out[17])
{
	struct arg sorted[64];
	memcpy(sorted, as->a, sizeof sorted[0] * (size_t)as->n);
	qsort(sorted, (size_t)as->n, sizeof sorted[0], pair_cmp);
	hash_ctx *c = hash_begin();
	hash_update(c, r->url, strlen(r->url) + 1);
	for (int i = 0; i < as->n; i++)
		hash_update(c, sorted[i].pair, strlen(sorted[i].pair) + 1);
	unsigned char h[HASH_LEN];
	hash_end(c, h);
	hash_hex(h, 8, out);
}

/* The cursor's secret: every server of the installation derives the same. */
static void cursor_secret(request *r, unsigned char key[crypto_secretbox_KEYBYTES])
{
	unsigned char full[32];
	kansli_derive_secret(r->k, "kansli api page cursor 2", full);
	memcpy(key, full, crypto_secretbox_KEYBYTES);
	sodium_memzero(full, sizeof full);
}

/* base64url of nonce || secretbox({"s": scope, "k": key}): opaque (a key
 * may hold a row's internal id, which must not tell how many rows the
 * installation has) and authenticated; a new string. */
static char *cursor_encode(request *r, const char *scope, json_t *key)
{
	json_t *p = json_pack("{s:s,s:O}", "s", scope, "k", key);
	char *payload = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	if (!payload)
		return NULL;
	size_t len = strlen(payload), rawlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	unsigned char *raw = malloc(rawlen), secret[crypto_secretbox_KEYBYTES];
	size_t b64len = sodium_base64_ENCODED_LEN(rawlen, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = malloc(b64len);
	if (raw && out) {
		cursor_secret(r, secret);
		randombytes_buf(raw, crypto_secretbox_NONCEBYTES);
		crypto_secretbox_easy(raw + crypto_secretbox_NONCEBYTES, (const unsigned char *)payload, len, raw, secret);
		sodium_memzero(secret, sizeof secret);
		sodium_bin2base64(out, b64len, raw, rawlen, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	} else {
		free(out);
		out = NULL;
	}
	free(raw);
	free(payload);
	return out;
}

/* The key a cursor holds (a new reference), or NULL when it is not one
 * this installation made for this list, or its key has not nkey members
 * (0: any number, for keys the store checks itself). */
static json_t *cursor_decode(request *r, const char *cursor, const char *scope, size_t nkey)
{
	size_t clen = strlen(cursor), len;
	if (clen == 0 || clen > CURSOR_MAX)
		return NULL;
	unsigned char *raw = malloc(clen), *plain = malloc(clen), secret[crypto_secretbox_KEYBYTES];
	json_t *key = NULL;
	if (!raw || !plain || sodium_base642bin(raw, clen, cursor, clen, NULL, &len, NULL,
	                                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    len <= crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		goto done;
	cursor_secret(r, secret);
	int opened = crypto_secretbox_open_easy(plain, raw + crypto_secretbox_NONCEBYTES,
	                                        len - crypto_secretbox_NONCEBYTES, raw, secret);
	sodium_memzero(secret, sizeof secret);
	if (opened)
		goto done;
	json_t *p = json_loadb((const char *)plain, len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, 0,
	                       NULL);
	const char *s = json_string_value(json_object_get(p, "s"));
	json_t *k = json_object_get(p, "k");
	if (s && !strcmp(s, scope) && json_is_array(k) && (!nkey || json_array_size(k) == nkey))
		key = json_incref(k);
	json_decref(p);
done:
	free(raw);
	free(plain);
	return key;
}

static enum MHD_Result bad_cursor(request *r)
{
	return web_json(r, 400, json_pack("{s:{s:s,s:s,s:s,s:s}}", "error", "code", "bad_cursor", "message",
	                                  "the cursor is not one this list gave (it belongs to another list or "
	                                  "filters, or was changed): start again from the first page",
	                                  "field", "cursor", "reason", "format"));
}

static void url_escape(buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_addc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
}

/* The next page's URL (root-relative), r's Link header beside it. */
static json_t *next_url(request *r, const struct args *as, int limit, const char *cursor)
{
	buf u = BUF_INIT;
	buf_adds(&u, r->url);
	buf_addc(&u, '?');
	for (int i = 0; i < as->n; i++) {
		url_escape(&u, as->a[i].name);
		buf_addc(&u, '=');
		url_escape(&u, as->a[i].value ? as->a[i].value : "");
		buf_addc(&u, '&');
	}
	buf_printf(&u, "limit=%d&cursor=%s", limit, cursor);
	free(r->api_link);
	buf link = BUF_INIT;
	buf_printf(&link, "<%s>; rel=\"next\"", u.s);
	r->api_link = link.s;
	json_t *v = json_string(u.s);
	buf_free(&u);
	return v;
}

/* --- the parameters ---------------------------------------------------- */

static enum MHD_Result offset_refused(request *r)
{
	return web_json(r, 400, json_pack("{s:{s:s,s:s,s:s,s:s}}", "error", "code", "invalid", "message",
	                                  "offset must be a whole number not below 0, and not sent with a cursor",
	                                  "field", "offset", "reason", "range"));
}

/* ?limit= into *limit (dflt when absent, 0 meaning no limit): 0, or -1
 * with the 400 answer in *ret. */
static int read_limit(request *r, int dflt, int *limit, enum MHD_Result *ret)
{
	const char *l = req_query(r, "limit");
	*limit = dflt;
	if (!l)
		return 0;
	char *end;
	long v = strtol(l, &end, 10);
	if (!*l || *end || v < 1 || v > 1000) {
		*ret = web_json(r, 400, json_pack("{s:{s:s,s:s,s:s,s:s}}", "error", "code", "invalid", "message",
		                                  "limit must be a whole number from 1 to 1000", "field", "limit",
		                                  "reason", "range"));
		return -1;
	}
	*limit = (int)v;
	return 0;
}

int api_page_begin(request *r, int dflt, int *limit, json_t **key, enum MHD_Result *ret)
{
	*key = NULL;
	if (read_limit(r, dflt, limit, ret))
		return -1;
	const char *cursor = req_query(r, "cursor");
	if (cursor && req_query(r, "offset")) {
		*ret = offset_refused(r);
		return -1;
	}
	if (!cursor)
		return 0;
	struct args as = { .n = 0 };
	char scope[17];
	MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, collect_arg, &as);
	scope_of(r, &as, scope);
	args_free(&as);
	if (!(*key = cursor_decode(r, cursor, scope, 0))) {
		*ret = bad_cursor(r);
		return -1;
	}
	return 0;
}

/* The URL of the page after the one whose last item's key is key
 * (borrowed) and whose size was limit, set as r's Link header too. */
static json_t *next_after(request *r, json_t *key, int limit)
{
	struct args as = { .n = 0 };
	char scope[17];
	MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, collect_arg, &as);
	scope_of(r, &as, scope);
	char *cursor = cursor_encode(r, scope, key);
	json_t *v = cursor ? next_url(r, &as, limit, cursor) : json_null();
	free(cursor);
	args_free(&as);
	return v;
}

/* --- the page ---------------------------------------------------------- */

enum MHD_Result api_page_keyed(request *r, const char *member, json_t *items, json_t *keys, int limit,
                               json_t *extra, const kerr *e)
{
	if (!items) {
		json_decref(keys);
		json_decref(extra);
		return api_fail(r, e);
	}
	json_t *next = json_null();
	if (json_array_size(items) > (size_t)limit) {
		json_array_remove(items, (size_t)limit);
		json_decref(next);
		next = next_after(r, json_array_get(keys, (size_t)limit - 1), limit);
	}
	json_decref(keys);
	json_t *out = extra ? extra : json_object();
	json_object_set_new(out, member, items);
	json_object_set_new(out, "next", next);
	return web_json(r, 200, out);
}

enum MHD_Result api_page_reply(request *r, const struct api_list_spec *spec, json_t *items, json_t *extra,
                               const kerr *e)
{
	if (!items) {
		json_decref(extra);
		return api_fail(r, e);
	}
	enum MHD_Result ret;
	int limit;
	const char *cursor = req_query(r, "cursor"), *offset = req_query(r, "offset");
	if (read_limit(r, spec->default_limit, &limit, &ret))
		goto refused;
	long skip = 0;
	if (offset) {
		char *end;
		skip = strtol(offset, &end, 10);
		if (!*offset || *end || skip < 0 || cursor) {
			ret = offset_refused(r);
			goto refused;
		}
	}
	struct args as = { .n = 0 };
	char scope[17];
	MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, collect_arg, &as);
	scope_of(r, &as, scope);

	size_t n = json_array_size(items);
	json_t **keys = calloc(n ? n : 1, sizeof *keys);
	size_t *order = calloc(n ? n : 1, sizeof *order);
	json_t *after = NULL, *page = json_array(), *next = json_null();
	if (!keys || !order) {
		ret = web_json_error(r, 500, "internal", "out of memory");
		goto done;
	}
	size_t nkey = key_len(spec);
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
		keys[i] = item_key(spec, json_array_get(items, i));
	}
	struct sorting sorting = { spec, keys };
	qsort_r(order, n, sizeof *order, index_cmp, &sorting);
	/* items equal in every member: their ordinal tells them apart */
	for (size_t i = 1; !spec->unique && i < n; i++)
		if (!key_cmp(spec, keys[order[i - 1]], keys[order[i]]))
			json_array_set_new(keys[order[i]], nkey - 1,
			                   json_integer(json_integer_value(json_array_get(keys[order[i - 1]], nkey - 1)) + 1));
	size_t start = 0;
	if (cursor) {
		if (!(after = cursor_decode(r, cursor, scope, nkey))) {
			ret = bad_cursor(r);
			goto done;
		}
		while (start < n && key_cmp(spec, keys[order[start]], after) <= 0)
			start++;
	}
	start += (size_t)skip < n - start ? (size_t)skip : n - start;
	size_t end = limit && (size_t)limit < n - start ? start + (size_t)limit : n;
	for (size_t i = start; i < end; i++)
		json_array_append(page, json_array_get(items, order[i]));
	if (end < n) {
		char *c = cursor_encode(r, scope, keys[order[end - 1]]);
		if (c) {
			json_decref(next);
			next = next_url(r, &as, limit, c);
			free(c);
		}
	}
	json_t *out = extra ? extra : json_object();
	extra = NULL;
	json_object_set_new(out, spec->key, page);
	json_object_set_new(out, "next", next);
	page = next = NULL;
	ret = web_json(r, 200, out);
done:
	for (size_t i = 0; keys && i < n; i++)
		json_decref(keys[i]);
	free(keys);
	free(order);
	json_decref(after);
	json_decref(page);
	json_decref(next);
	args_free(&as);
refused:
	json_decref(items);
	json_decref(extra);
	return ret;
}
