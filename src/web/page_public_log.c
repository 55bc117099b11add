/*
 * page_public_log.c — public verification of the registry: anyone can
 * fetch the signed tree head of the audit log (C2SP checkpoint), the
 * verifier key, earlier published heads, and inclusion and consistency
 * proofs, and read in Swedish how to check that the registry has only
 * grown. Leaves are hashes of salted events: nothing secret or personal
 * can be read from them. Everything here is within the newest published
 * head (core/logpublish.h), never the live one: a secret read appends an
 * event, and the live size, polled, would tell when staff read secrets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/logpublish.h"
#include "util/checkpoint.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/ratelimit.h"
#include "web/respond.h"

static enum MHD_Result text(request *r, const char *body, const char *etag, int max_age)
{
	const char *inm = req_header(r, "If-None-Match");
	int same = etag && inm && !strcmp(inm, etag);
	struct MHD_Response *resp = same
		? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
		: MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
	char cc[64];
	snprintf(cc, sizeof cc, "public, max-age=%d", max_age);
	MHD_add_response_header(resp, "Cache-Control", cc);
	if (etag)
		MHD_add_response_header(resp, "ETag", etag);
	MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
	web_response_headers(r, resp);
	r->status = same ? 304 : 200;
	enum MHD_Result ret = MHD_queue_response(r->c, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result too_many(request *r, int wait)
{
	char s[16];
	snprintf(s, sizeof s, "%d", wait);
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		strlen("{\"error\":{\"code\":\"rate_limited\",\"message\":\"too many requests\"}}\n"),
		(void *)"{\"error\":{\"code\":\"rate_limited\",\"message\":\"too many requests\"}}\n",
		MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(resp, "Content-Type", "application/json");
	MHD_add_response_header(resp, "Retry-After", s);
	web_response_headers(r, resp);
	r->status = 429;
	enum MHD_Result ret = MHD_queue_response(r->c, 429, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* PAGE: GET /offentlig/logg/checkpoint  access: public */
enum MHD_Result page_log_checkpoint(request *r)
{
	kerr e = KERR_INIT;
	char *cp = NULL, etag[40];
	uint64_t size;
	if (logpublish_head(r->k, &cp, &size, NULL, &e))
		return web_json_error(r, web_status_for(e.code), kerr_code_name(e.code), e.msg);
	snprintf(etag, sizeof etag, "\"%llu\"", (unsigned long long)size);
	enum MHD_Result ret = text(r, cp, etag, 5);
	free(cp);
	return ret;
}

/* PAGE: GET /offentlig/logg/nyckel  access: public */
enum MHD_Result page_log_key(request *r)
{
	char *key = checkpoint_verifier_key(r->k->keyname, r->k->pk);
	if (!key)
		return web_json_error(r, 500, "internal", "no key");
	buf b = BUF_INIT;
	buf_printf(&b, "%s\n", key);
	free(key);
	enum MHD_Result ret = text(r, b.s, NULL, 86400);
	buf_free(&b);
	return ret;
}

/* PAGE: GET /offentlig/logg/huvuden  access: public */
enum MHD_Result page_log_heads(request *r)
{
	kerr e = KERR_INIT;
	json_t *heads = audit_published_heads(r->k, &e);
	return heads ? web_json(r, 200, json_pack("{s:o}", "heads", heads)) : web_json_error(r, 500, "internal", e.msg);
}

static uint64_t num(request *r, const char *name)
{
	const char *v = req_query(r, name);
	char *end;
	unsigned long long n = v ? strtoull(v, &end, 10) : 0;
	return v && *v && !*end ? n : 0;
}

/* PAGE: GET /offentlig/logg/inkludering  access: public */
enum MHD_Result page_log_inclusion(request *r)
{
	int wait = ratelimit_take(r->address);
	if (wait)
		return too_many(r, wait);
	kerr e = KERR_INIT;
	json_t *p = logpublish_inclusion_proof(r->k, num(r, "index"), num(r, "storlek"), &e);
	return p ? web_json(r, 200, p) : web_json_error(r, web_status_for(e.code), kerr_code_name(e.code), e.msg);
}

/* PAGE: GET /offentlig/logg/konsistens  access: public */
enum MHD_Result page_log_consistency(request *r)
{
	int wait = ratelimit_take(r->address);
	if (wait)
		return too_many(r, wait);
	kerr e = KERR_INIT;
	json_t *p = logpublish_consistency_proof(r->k, num(r, "gammal"), num(r, "storlek"), &e);
	return p ? web_json(r, 200, p) : web_json_error(r, web_status_for(e.code), kerr_code_name(e.code), e.msg);
}

/* PAGE: GET /offentlig/logg  access: public */
enum MHD_Result page_log_about(request *r)
{
	kerr e = KERR_INIT;
	char *cp = NULL;
	uint64_t size = 0;
	int64_t published = 0;
	int minutes = 0;
	/* A new installation has no published head yet: the page says so. */
	int rc = logpublish_head(r->k, &cp, &size, &published, &e);
	if ((rc && rc != KERR_NOTFOUND) || (rc = logpublish_interval(r->k, &minutes, &e))) {
		free(cp);
		return page_fail(r, &e);
	}
	/* The time shown is the scheduled moment the head stands for. */
	char when[40] = "–";
	time_t t = (time_t)(published / 1000000);
	struct tm tm;
	if (cp && gmtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	char *key = checkpoint_verifier_key(r->k->keyname, r->k->pk);
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Kontrollera diariet"));
	html_f(&b, _("<h1>Så kan du kontrollera att diariet aldrig skrivs om</h1>\n"
	       "<p>Varje ändring i diariet – varje registrering, rättelse, beslut och varje gång någon läser "
	       "en sekretessbelagd uppgift – skrivs som en händelse i en granskningslogg. Händelserna bildar "
	       "ett Merkleträd (samma teknik som i certifikatloggar, RFC 6962). Loggens trädhuvud "
	       "publiceras här på fasta klockslag, var %d:e minut räknat från midnatt UTC, signerat med "
	       "myndighetens nyckel.</p>\n"
	       "<p>Loggen avslöjar inget innehåll: varje löv är ett kontrollvärde (hash) av en händelse "
	       "blandad med ett slumpvärde, så varken sekretessbelagda uppgifter eller personuppgifter kan "
	       "läsas ut.</p>\n"
	       "<p>Trädhuvudet visar loggen som den var när det publicerades, inte just nu. Också en läsning "
	       "av en sekretessbelagd uppgift är en händelse, och ett trädhuvud som ändrades med varje "
	       "händelse skulle visa när någon läser sådana uppgifter. Det som ett trädhuvud visar är hur "
	       "många händelser som har loggats sedan det förra.</p>\n<h2>Senast publicerade trädhuvud</h2>"
	       "<p>Publicerat %s UTC. Det omfattar loggens %llu första händelser.</p><pre>%s</pre>"
	       "<p>Hämta det som text: <a href=\"/offentlig/logg/checkpoint\">/offentlig/logg/checkpoint</a>. "
	       "Verifieringsnyckel: <a href=\"/offentlig/logg/nyckel\">/offentlig/logg/nyckel</a></p><pre>%s</pre>\n"
	       "<h2>Gör så här</h2><ol>"
	       "<li>Spara dagens trädhuvud (texten ovan) och verifieringsnyckeln.</li>"
	       "<li>Hämta ett senare trädhuvud. Kontrollera signaturen med nyckeln.</li>"
	       "<li>Hämta ett konsistensbevis mellan de två storlekarna: "
	       "<code>/offentlig/logg/konsistens?gammal=N&amp;storlek=M</code>. Beviset visar att det äldre "
	       "trädet är en oförändrad början av det nyare – att inget har ändrats eller tagits bort, "
	       "bara lagts till.</li>"
	       "<li>Med programmet kansli gör ett kommando allt detta: "
	       "<code>kansli verify-remote https://diariet.example.se sparat-huvud.txt</code>.</li></ol>\n"
	       "<p>Tidigare publicerade trädhuvuden: <a href=\"/offentlig/logg/huvuden\">/offentlig/logg/huvuden</a>. "
	       "Att en viss händelse finns i loggen visas med ett inklusionsbevis: "
	       "<code>/offentlig/logg/inkludering?index=N&amp;storlek=M</code>.</p>\n"
	       "<p>Formaten är öppna standarder (C2SP tlog-checkpoint och signed-note, Ed25519), så vem som "
	       "helst kan kontrollera med egna verktyg.</p>\n"),
	       minutes, when, (unsigned long long)size, cp ? cp : _("Diariet har ännu inget publicerat trädhuvud."),
	       key ? key : "");
	layout_end_r(&b, r);
	free(cp);
	free(key);
	return web_html(r, 200, &b);
}
