/*
 * delivery.c — earlier deliveries to the e-archive and their receipts,
 * read from and written to the audit log; see delivery.h.
 *
 * A package's id names what it holds ("sip-kommun-ks-2026-0042"); a
 * second delivery of the same case or series gets "-v2", a third "-v3", so
 * every delivery has an OBJID of its own and the e-archive can tell a
 * replacement from a new package.
 */
#include "core/delivery.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/timeutil.h"

/* Every delivery's cases, oldest first (event_export index). */
static const char SQL_DELIVERED[] =
	"SELECT e.id, e.ts_us, json_extract(e.data, '$.package'), j.value "
	"FROM event e, json_each(e.data, '$.cases') j "
	"WHERE e.org_id = ?1 AND e.action = 'export.sip' ORDER BY e.id";

/* 1 when package is base itself or base-vN. */
static int same_object(const char *package, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(package, base, n))
		return 0;
	if (!package[n])
		return 1;
	if (strncmp(package + n, "-v", 2) || !package[n + 2])
		return 0;
	for (const char *p = package + n + 2; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

static int in_array(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), s))
			return 1;
	return 0;
}

/* Every other organisation's delivered package ids. */
static const char SQL_DELIVERED_ELSEWHERE[] =
	"SELECT json_extract(data, '$.package') FROM event WHERE org_id <> ?1 AND action = 'export.sip'";

/* The id base names in org_id's deliveries: base itself, or, when another
 * organisation of the installation already delivered under base (their
 * codes fold alike: kommun and Kommun, made before org_add refused that),
 * base with "-o" and org_id's id, so that the e-archive never gets two
 * different packages under one OBJID. Whoever delivered first keeps the
 * plain id; the test is made again at every delivery, so each keeps its
 * own. 0 or a negative code. */
static int installation_base(kansli *k, int64_t org_id, const char *base, char *out, size_t len, kerr *e)
{
	snprintf(out, len, "%s", base);
	db_stmt *s = db_prep(k->db, SQL_DELIVERED_ELSEWHERE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	int rc = 0, taken = 0;
	while (!taken && (rc = db_step(s, e)) == DB_ROW)
		taken = !db_col_null(s, 0) && same_object(db_col_text(s, 0), base);
	db_done(s);
	if (!taken)
		return rc < 0 ? rc : 0;
	snprintf(out, len, "%s-o%lld", base, (long long)org_id);
	return 0;
}

int delivery_prior(kansli *k, int64_t org_id, const char *plain_base, json_t *numbers, json_t **prior, kerr *e)
{
	*prior = NULL;
	char base[220];
	int rc = installation_base(k, org_id, plain_base, base, sizeof base, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_DELIVERED, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	json_t *delivered = json_object(), *same = json_object();
	const char *replaces = NULL;
	char replaces_buf[200] = "", when[32] = "";
	int64_t last_event = 0;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (db_col_null(s, 2) || db_col_null(s, 3))
			continue;
		const char *package = db_col_text(s, 2), *number = db_col_text(s, 3);
		if (in_array(numbers, number))
			json_object_set_new(delivered, number, json_string(package));
		if (db_col_int(s, 0) != last_event && same_object(package, base)) {
			json_object_set_new(same, package, json_true());
			snprintf(replaces_buf, sizeof replaces_buf, "%s", package);
			time_format_local(db_col_int(s, 1), when, sizeof when);
			replaces = replaces_buf;
		}
		last_event = db_col_int(s, 0);
	}
	if (rc < 0) {
		json_decref(delivered);
		json_decref(same);
		return rc;
	}
	/* The N:th delivery of the same case or series is -vN; an id some
	 * earlier delivery already used (older versions reused ids) is skipped. */
	char id[240];
	snprintf(id, sizeof id, "%s", base);
	if (json_object_size(same)) {
		size_t v = json_object_size(same) + 1;
		do
			snprintf(id, sizeof id, "%s-v%zu", base, v++);
		while (json_object_get(same, id));
	}
	json_decref(same);
	*prior = json_pack("{s:s,s:s,s:o}", "package", id, "record_status", replaces ? "REPLACEMENT" : "NEW",
	                   "delivered", delivered);
	if (replaces) {
		json_object_set_new(*prior, "replaces", json_string(replaces));
		json_object_set_new(*prior, "replaces_time", json_string(when));
	}
	return 0;
}

/* Any organisation's: an OBJID is the installation's, not one
 * organisation's (org_id is kept in the signature for the callers). */
static const char SQL_ID_TAKEN[] =
	"SELECT 1 FROM event WHERE action = 'export.sip' AND json_extract(data, '$.package') = ?1";

int delivery_id_taken(kansli *k, int64_t org_id, const char *package, kerr *e)
{
	(void)org_id;
	db_stmt *s = db_prep(k->db, SQL_ID_TAKEN, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, package);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : rc == DB_ROW;
}

/* The newest delivery of a package id, and whether it has a receipt. */
static const char SQL_DELIVERY[] =
	"SELECT e.id, e.ts_us, EXISTS (SELECT 1 FROM event x WHERE x.object_type = 'export' AND x.object_id = e.id "
	"  AND x.action = 'export.receipt') "
	"FROM event e WHERE e.org_id = ?1 AND e.action = 'export.sip' AND json_extract(e.data, '$.package') = ?2 "
	"ORDER BY e.id DESC LIMIT 1";

static int one_line(const char *s, size_t max)
{
	return strlen(s) <= max && !strpbrk(s, "\r\n");
}

int delivery_receipt_add(kansli *k, int64_t org_id, const delivery_receipt *r, int64_t *delivery_event, kerr *e)
{
	const char *note = r->note && *r->note ? r->note : NULL;
	if (!r->package || !*r->package)
		return kerr_field(e, KERR_INVALID, "package", KWHY_REQUIRED, "name the delivered package (its id)");
	if (!r->received || !time_valid_date(r->received))
		return kerr_field(e, KERR_INVALID, "received", r->received && *r->received ? KWHY_FORMAT : KWHY_REQUIRED,
		                  "give the day the e-archive received the package as YYYY-MM-DD");
	if (!r->reference || !*r->reference)
		return kerr_field(e, KERR_INVALID, "reference", KWHY_REQUIRED,
		                  "give the e-archive's reference for the receipt (its number or the AIP's id)");
	if (!one_line(r->reference, 200))
		return kerr_field(e, KERR_INVALID, "reference", strpbrk(r->reference, "\r\n") ? KWHY_LINE_BREAK : KWHY_TOO_LONG,
		                  "the receipt's reference is one line of at most 200 characters");
	if (note && !one_line(note, 500))
		return kerr_field(e, KERR_INVALID, "note", strpbrk(note, "\r\n") ? KWHY_LINE_BREAK : KWHY_TOO_LONG,
		                  "a note on the receipt is one line of at most 500 characters");
	char today[11];
	time_today(today);
	if (strcmp(r->received, today) > 0)
		return kerr_field(e, KERR_INVALID, "received", KWHY_RANGE, "the receipt's day %s is after today (%s)",
		                  r->received, today);
	int rc = access_check(k, org_id, ACCESS_ARCHIVE, e);
	if (rc || (rc = kansli_begin(k, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_DELIVERY, e);
	if (!s) {
		kansli_rollback(k);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, r->package);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no delivery of a package %s: see kansli export list", r->package))) {
		kansli_rollback(k);
		return rc;
	}
	int64_t delivery = db_col_int(s, 0), delivered_us = db_col_int(s, 1);
	int has_receipt = (int)db_col_int(s, 2);
	db_done(s);
	char delivered[32];
	time_format_local(delivered_us, delivered, sizeof delivered);
	delivered[10] = '\0';
	if (has_receipt)
		rc = kerr_field(e, KERR_CONFLICT, "package", KWHY_DUPLICATE, "the delivery of %s already has its receipt",
		                r->package);
	else if (strcmp(r->received, delivered) < 0)
		rc = kerr_field(e, KERR_INVALID, "received", KWHY_RANGE,
		                "the receipt's day %s is before the delivery (%s)", r->received, delivered);
	else
		rc = audit_append(k, org_id, "export.receipt", "export", delivery,
		                  json_pack("{s:s,s:s,s:s,s:s?}", "package", r->package, "received", r->received,
		                            "reference", r->reference, "note", note), e);
	if (rc) {
		kansli_rollback(k);
		return rc;
	}
	if ((rc = kansli_commit(k, e)))
		return rc;
	if (delivery_event)
		*delivery_event = delivery;
	return 0;
}

static const char SQL_RECEIPTS[] =
	"SELECT e.id, e.actor, json_extract(e.data, '$.package'), json_extract(e.data, '$.received'), "
	"  json_extract(e.data, '$.reference'), json_extract(e.data, '$.note') "
	"FROM event e WHERE e.org_id = ?1 AND e.action = 'export.receipt' ORDER BY e.id";

json_t *delivery_receipts(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_RECEIPTS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	json_t *out = json_object();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_object_set_new(out, db_col_text(s, 2),
		                    json_pack("{s:I,s:s,s:s,s:s,s:s?}", "event", (json_int_t)db_col_int(s, 0),
		                              "by", db_col_text(s, 1), "received", db_col_text(s, 3),
		                              "reference", db_col_text(s, 4),
		                              "note", db_col_null(s, 5) ? NULL : db_col_text(s, 5)));
	if (rc < 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}
