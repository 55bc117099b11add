/* recordbody.c — each record's body as record_text holds it; see recordbody.h. */
#include "core/recordbody.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"

static int column(char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

void recordbody_init(recordbody *rb, const covered_table *t)
{
	memset(rb, 0, sizeof *rb);
	int body = t ? column(t->outside, t->noutside, "body") : -1;
	rb->at_id = t ? column(t->cols, t->ncols, "record_id") : -1;
	rb->at_body = body < 0 ? -1 : t->ncols + body;
}

int recordbody_ready(const recordbody *rb)
{
	return rb->read && rb->at_id >= 0 && rb->at_body >= 0;
}

void recordbody_free(recordbody *rb)
{
	free(rb->sha);
	free(rb->kind);
	rb->sha = NULL;
	rb->kind = NULL;
	rb->cap = 0;
}

void recordbody_note(void *arg, const covered_table *t, const rowimage_value *v)
{
	recordbody *rb = arg;
	(void)t; /* the same table recordbody_init was given */
	if (rb->at_id < 0 || rb->at_body < 0 || v[rb->at_id].type != DB_INTEGER)
		return; /* left unknown: the record is compared the slow way */
	int64_t id = v[rb->at_id].i;
	if (id < 0 || id > RECORDBODY_MAX_ID)
		return;
	size_t i = (size_t)id;
	if (i >= rb->cap) {
		size_t cap = rb->cap ? rb->cap : 1024;
		while (cap <= i)
			cap *= 2;
		if (!(rb->sha = realloc(rb->sha, cap * sizeof *rb->sha)) || !(rb->kind = realloc(rb->kind, cap)))
			abort();
		memset(rb->kind + rb->cap, RECORDBODY_NO_ROW, cap - rb->cap);
		rb->cap = cap;
	}
	const rowimage_value *body = &v[rb->at_body];
	/* The whole value is hashed, as the indexer reads it: text after a
	 * NUL counts; a body stored as a blob is not the text the log has. */
	if (body->type != DB_TEXT && body->type != DB_NULL) {
		rb->kind[i] = RECORDBODY_NOT_TEXT;
		return;
	}
	rb->kind[i] = RECORDBODY_TEXT;
	hash_sha256(body->type == DB_TEXT ? body->s : "", body->type == DB_TEXT ? body->len : 0, rb->sha[i]);
}

int recordbody_get(const recordbody *rb, int64_t id, unsigned char sha[HASH_LEN])
{
	if (!recordbody_ready(rb) || id < 0 || id > RECORDBODY_MAX_ID)
		return RECORDBODY_UNKNOWN;
	int kind = (size_t)id < rb->cap ? rb->kind[id] : RECORDBODY_NO_ROW;
	if (kind == RECORDBODY_TEXT)
		memcpy(sha, rb->sha[id], HASH_LEN);
	else if (kind == RECORDBODY_NO_ROW)
		hash_sha256("", 0, sha);
	return kind;
}
