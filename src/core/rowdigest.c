/* rowdigest.c — columns the log holds as their digest; see rowdigest.h. */
#include "core/rowdigest.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "util/hash.h"
#include "util/jsonscan.h"

static const struct {
	const char *table, *col;
} digested[] = {
	{ "app_user", "password_hash" },
};

int rowdigest_column(const char *table, const char *col)
{
	for (size_t i = 0; i < sizeof digested / sizeof digested[0]; i++)
		if (!strcmp(digested[i].table, table) && !strcmp(digested[i].col, col))
			return 1;
	return 0;
}

int rowdigest_table(const char *table)
{
	for (size_t i = 0; i < sizeof digested / sizeof digested[0]; i++)
		if (!strcmp(digested[i].table, table))
			return 1;
	return 0;
}

void rowdigest_value(rowimage_value *v, char out[SQL_DIGEST_SIZE])
{
	char number[24];
	if (v->type == DB_NULL)
		return;
	if (v->type == DB_INTEGER) {
		snprintf(number, sizeof number, "%lld", (long long)v->i);
		sql_digest_text(number, strlen(number), out);
	} else if (v->type == DB_BLOB) {
		/* the image's text of a blob, "x:<HEX>", is what SQL digests */
		static const char hex[] = "0123456789ABCDEF";
		buf b = BUF_INIT;
		buf_adds(&b, "x:");
		for (size_t i = 0; i < v->len; i++) {
			buf_addc(&b, hex[(unsigned char)v->s[i] >> 4]);
			buf_addc(&b, hex[(unsigned char)v->s[i] & 15]);
		}
		sql_digest_text(b.s, b.len, out);
		buf_free(&b);
	} else {
		sql_digest_text(v->s, v->len, out);
	}
	*v = (rowimage_value){ DB_TEXT, 0, out, strlen(out) };
}

int rowdigest_image(const char *table, const char *img, buf *out)
{
	buf_reset(out);
	if (!rowdigest_table(table))
		return 0;
	const char *p = jsonscan_ws(img), *copied = img;
	if (*p != '{')
		return 0;
	buf key = BUF_INIT, value = BUF_INIT;
	int r, changed = 0;
	while ((r = jsonscan_next(&p, &key)) == 1) {
		const char *at = p;
		if (*at != '"' || !rowdigest_column(table, key.s)) {
			if (!(p = jsonscan_skip(p)))
				break;
			continue;
		}
		buf_reset(&value);
		if (!(p = jsonscan_string(at, &value)))
			break;
		if (!strncmp(value.s, SQL_DIGEST_PREFIX, sizeof SQL_DIGEST_PREFIX - 1))
			continue;
		char d[SQL_DIGEST_SIZE];
		sql_digest_text(value.s, value.len, d);
		buf_add(out, copied, (size_t)(at - copied));
		buf_printf(out, "\"%s\"", d);
		copied = p;
		changed = 1;
	}
	buf_free(&key);
	buf_free(&value);
	if (r != 0 || !p || !changed) {
		buf_reset(out);
		return 0;
	}
	buf_adds(out, copied);
	return 1;
}

/* Element i of entry, when it is an image of table holding a value itself. */
static void digest_element(const char *table, json_t *entry, size_t i, buf *b)
{
	json_t *img = json_array_get(entry, i);
	if (json_is_string(img) && rowdigest_image(table, json_string_value(img), b))
		json_array_set_new(entry, i, json_stringn(b->s, b->len));
}

void rowdigest_event_data(json_t *data)
{
	buf b = BUF_INIT;
	size_t i;
	json_t *entry, *rows;
	const char *table;
	json_array_foreach(json_object_get(data, "state"), i, entry) {
		table = json_string_value(json_array_get(entry, 0));
		if (!table || !rowdigest_table(table))
			continue;
		digest_element(table, entry, 2, &b); /* the row after */
		digest_element(table, entry, 3, &b); /* and before */
	}
	json_object_foreach(json_object_get(data, "baseline"), table, rows) {
		if (!rowdigest_table(table))
			continue;
		json_array_foreach(rows, i, entry)
			digest_element(table, entry, 1, &b);
	}
	buf_free(&b);
}
