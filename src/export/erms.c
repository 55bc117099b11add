/*
 * erms.c — representations/rep1/data/erms.xml, E-ARK CITS ERMS 2.1 (=
 * FGS Ärendehantering 2.0): the organisation as archival creator, then one
 * caseFile aggregation per case (number, class, title, status, officer and
 * unit, opening and closing dates) holding its records (number, type and
 * direction, title, secrecy as a restriction with its legal ground, sender
 * or recipient, dates, text, files as appendices).
 *
 * Parties are delivered by name, organisations with their
 * organisationsnummer; personnummer are never delivered (the archive does
 * not need them to keep or find the records, and they are personal data).
 */
#include <stdio.h>
#include <string.h>

#include "export/sip.h"
#include "export/xmlout.h"

static void date_el(xw *w, const char *type, const char *xsdate)
{
	xw_start(w, "date");
	xw_attr(w, "dateType", type);
	xw_text(w, xsdate);
	xw_end(w);
}

static const char *direction_erms(const char *d)
{
	return !strcmp(d, "in") ? "incoming" : !strcmp(d, "out") ? "outgoing" : "internal_memo_without_follow-up";
}

static const char *direction_sv(const char *d)
{
	return !strcmp(d, "in") ? "inkommande" : !strcmp(d, "out") ? "utgående" : "upprättad";
}

static const char *masked_sv(const char *field)
{
	return !strcmp(field, "title") ? "rubrik" : !strcmp(field, "party") ? "avsändare/mottagare"
	     : !strcmp(field, "body") ? "text" : !strcmp(field, "files") ? "filer" : field;
}

static void restriction(xw *w, json_t *rec)
{
	const char *secrecy = sip_str(rec, "secrecy");
	if (!secrecy || !strcmp(secrecy, "none"))
		return;
	buf t = BUF_INIT;
	if (!strcmp(secrecy, "full")) {
		buf_adds(&t, "Sekretess för hela handlingen");
	} else {
		buf_adds(&t, "Sekretess för delar av handlingen:");
		char tmp[256];
		snprintf(tmp, sizeof tmp, "%s", sip_str(rec, "masked") ? sip_str(rec, "masked") : "");
		char *save, *tok;
		const char *sep = " ";
		for (tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			buf_printf(&t, "%s%s", sep, masked_sv(tok));
			sep = ", ";
		}
	}
	xw_start(w, "restriction");
	xw_attr(w, "restrictionType", "confidential");
	xw_elem(w, "explanatoryText", t.s);
	xw_elem(w, "regulation", sip_str(rec, "legal_ground"));
	xw_end(w);
	buf_free(&t);
}

/* A record disposed of with its registration kept: when, under which
 * decision (gallringsbeslut), and that its content is gone. */
static void disposal_el(xw *w, json_t *rec)
{
	json_t *d = json_object_get(rec, "disposal");
	if (!d)
		return;
	char when[32];
	xml_datetime(json_integer_value(json_object_get(d, "executed_us")), when);
	xw_start(w, "disposal");
	xw_attr(w, "disposable", "true");
	xw_elem(w, "disposalAction", "Gallrad, registreringen bevarad");
	xw_elem(w, "disposalMandate", sip_str(d, "decision"));
	xw_elem(w, "disposalDescription", sip_str(d, "note"));
	xw_start(w, "dates");
	xw_start(w, "disposalDate");
	xw_attr(w, "dateType", "applied");
	xw_text(w, when);
	xw_end(w);
	xw_end(w);
	xw_end(w);
}

static void record_el(xw *w, json_t *plan, json_t *rec)
{
	char sysid[300], d[32];
	snprintf(sysid, sizeof sysid, "%s/record/%lld", sip_str(plan, "origin"),
	         (long long)json_integer_value(json_object_get(rec, "id")));
	const char *dir = sip_str(rec, "direction");
	xw_start(w, "record");
	xw_attr(w, "systemIdentifier", sysid);
	xw_attr(w, "recordType", direction_sv(dir));
	xw_elem(w, "objectId", sip_str(rec, "number"));
	xw_elem(w, "title", sip_str(rec, "title"));
	restriction(w, rec);
	disposal_el(w, rec);
	xw_start(w, "direction");
	xw_attr(w, "directionDefinition", direction_erms(dir));
	xw_end(w);
	if (sip_str(rec, "party")) {
		const char *kind = sip_str(rec, "party_kind");
		xw_start(w, "agents");
		xw_start(w, "agent");
		xw_attr(w, "agentType", !strcmp(dir, "in") ? "sender" : !strcmp(dir, "out") ? "recipient" : "counterpart");
		xw_elem(w, "name", sip_str(rec, "party"));
		if (kind && !strcmp(kind, "organisation") && sip_str(rec, "party_orgnr")) {
			xw_start(w, "idNumber");
			xw_attr(w, "idNumberType", "organisationsnummer");
			xw_text(w, sip_str(rec, "party_orgnr"));
			xw_end(w);
		}
		xw_end(w);
		xw_end(w);
	}
	xw_elem(w, "description", sip_str(rec, "body"));
	xw_start(w, "dates");
	xml_date(sip_str(rec, "doc_date"), d);
	date_el(w, !strcmp(dir, "in") ? "received" : !strcmp(dir, "out") ? "sent" : "created", d);
	xml_datetime(json_integer_value(json_object_get(rec, "registered_us")), d);
	date_el(w, "captured", d);
	xw_end(w);
	json_t *files = json_object_get(rec, "files");
	if (json_array_size(files)) {
		xw_start(w, "additionalInformation");
		size_t i;
		json_t *f;
		json_array_foreach(files, i, f) {
			xw_start(w, "appendix");
			xw_attr(w, "name", sip_str(f, "name"));
			xw_attr(w, "path", sip_str(f, "path"));
			xw_attr(w, "fileFormat", sip_str(f, "media_type"));
			xw_end(w);
		}
		xw_end(w);
	}
	xw_end(w);
}

static void case_el(xw *w, json_t *plan, json_t *c)
{
	char sysid[300], d[32];
	snprintf(sysid, sizeof sysid, "%s/case/%lld", sip_str(plan, "origin"),
	         (long long)json_integer_value(json_object_get(c, "id")));
	xw_start(w, "aggregation");
	xw_attr(w, "systemIdentifier", sysid);
	xw_attr(w, "aggregationType", "caseFile");
	xw_elem(w, "objectId", sip_str(c, "number"));
	if (sip_str(c, "class")) {
		xw_start(w, "classification");
		xw_attr(w, "classificationCode", sip_str(c, "class"));
		xw_text(w, sip_str(c, "class_title"));
		xw_end(w);
	}
	xw_elem(w, "title", sip_str(c, "title"));
	xw_start(w, "status");
	xw_attr(w, "value", "closed");
	xw_end(w);
	if (sip_str(c, "officer") || sip_str(c, "unit_name")) {
		xw_start(w, "agents");
		xw_start(w, "agent");
		if (sip_str(c, "officer")) {
			xw_attr(w, "agentType", "responsible_person");
			xw_elem(w, "name", sip_str(c, "officer"));
			xw_elem(w, "organisation", sip_str(json_object_get(plan, "org"), "name"));
			xw_elem(w, "unitName", sip_str(c, "unit_name"));
		} else {
			xw_attr(w, "agentType", "creator");
			xw_elem(w, "name", sip_str(c, "unit_name"));
			xw_elem(w, "organisation", sip_str(json_object_get(plan, "org"), "name"));
		}
		xw_end(w);
		xw_end(w);
	}
	xw_start(w, "dates");
	xml_date(sip_str(c, "opened_date"), d);
	date_el(w, "opened", d);
	xml_datetime(json_integer_value(json_object_get(c, "closed_us")), d);
	date_el(w, "closed", d);
	xw_end(w);
	size_t i;
	json_t *rec;
	json_array_foreach(json_object_get(c, "records"), i, rec)
		record_el(w, plan, rec);
	xw_end(w);
}

int erms_write(json_t *plan, buf *out)
{
	json_t *org = json_object_get(plan, "org");
	char when[32];
	xml_datetime(json_integer_value(json_object_get(plan, "created_us")), when);
	xw *w = xw_new();
	xw_start(w, "erms");
	xw_ns(w, NULL, "https://DILCIS.eu/XML/ERMS");
	xw_start(w, "control");
	xw_start(w, "identification");
	xw_attr(w, "identificationType", "arkivbildare");
	xw_text(w, sip_str(org, "name"));
	xw_end(w);
	if (sip_str(org, "orgnr")) {
		xw_start(w, "identification");
		xw_attr(w, "identificationType", "organisationsnummer");
		xw_text(w, sip_str(org, "orgnr"));
		xw_end(w);
	}
	xw_start(w, "maintenanceInformation");
	xw_start(w, "maintenanceStatus");
	xw_attr(w, "value", "new");
	xw_end(w);
	xw_start(w, "maintenanceAgency");
	if (sip_str(org, "orgnr")) {
		xw_start(w, "agencyCode");
		xw_attr(w, "type", "organisationsnummer");
		xw_text(w, sip_str(org, "orgnr"));
		xw_end(w);
	}
	xw_elem(w, "agencyName", sip_str(org, "name"));
	xw_end(w);
	xw_start(w, "maintenanceHistory");
	xw_start(w, "maintenanceEvent");
	xw_start(w, "eventType");
	xw_attr(w, "value", "created");
	xw_end(w);
	xw_elem(w, "eventDateTime", when);
	xw_start(w, "agent");
	xw_attr(w, "agentType", "deliverer");
	xw_elem(w, "name", SIP_SOFTWARE " " SIP_SOFTWARE_VERSION);
	xw_end(w);
	xw_end(w);
	xw_end(w);
	xw_end(w); /* maintenanceInformation */
	xw_end(w); /* control */
	xw_start(w, "aggregations");
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(plan, "cases"), i, c)
		case_el(w, plan, c);
	xw_end(w);
	xw_end(w);
	return xw_finish(w, out);
}
