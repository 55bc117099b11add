/*
 * premis.c — metadata/preservation/premis.xml, PREMIS 3: one object per
 * file of the package's content and documentation (fixity SHA-256, size,
 * format, original name), one event per entry of the audit log about the
 * cases and their records (registration, corrections, closing, ...) plus
 * the export itself, and the agents: kansli, the organisation and everyone
 * who acted. Event identifiers are the events' numbers in the audit log,
 * so each can be proved against the checkpoint in documentation/.
 */
#include <stdio.h>
#include <string.h>

#include "export/sip.h"
#include "export/xmlout.h"

static const char *event_type(const char *action)
{
	static const char *const map[][2] = {
		{ "case.open", "case opening" }, { "record.register", "registration" },
		{ "record.correct", "correction" }, { "case.close", "closing" }, { "case.reopen", "reopening" },
		{ "case.decide", "decision" }, { "case.assign", "assignment" }, { "case.due", "due date" },
		{ "case.note", "note" }, { "case.link", "linking" }, { "request.submit", "registration" },
		{ "request.decide", "decision" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(action, map[i][0]))
			return map[i][1];
	return action;
}

static void ident(xw *w, const char *el, const char *type, const char *value)
{
	char t[64], v[64];
	snprintf(t, sizeof t, "%sType", el);
	snprintf(v, sizeof v, "%sValue", el);
	xw_start(w, el);
	xw_elem(w, t, type);
	xw_elem(w, v, value);
	xw_end(w);
}

static void link_agent(xw *w, const char *type, const char *value)
{
	ident(w, "linkingAgentIdentifier", type, value);
}

static void event_begin(xw *w, const char *idtype, const char *id, const char *type, int64_t us,
                        const char *detail)
{
	char when[32];
	xml_datetime(us, when);
	xw_start(w, "event");
	ident(w, "eventIdentifier", idtype, id);
	xw_elem(w, "eventType", type);
	xw_elem(w, "eventDateTime", when);
	xw_start(w, "eventDetailInformation");
	xw_elem(w, "eventDetail", detail);
	xw_end(w);
	xw_start(w, "eventOutcomeInformation");
	xw_elem(w, "eventOutcome", "success");
	xw_end(w);
}

/* Actors seen in the events, in order of first appearance. */
static void note_actor(json_t *actors, const char *actor)
{
	size_t i;
	json_t *a;
	json_array_foreach(actors, i, a)
		if (!strcmp(json_string_value(a), actor))
			return;
	json_array_append_new(actors, json_string(actor));
}

int premis_write(json_t *plan, const sip_files *files, buf *out)
{
	xw *w = xw_new();
	xw_start(w, "premis");
	xw_ns(w, NULL, "http://www.loc.gov/premis/v3");
	xw_ns(w, "xsi", "http://www.w3.org/2001/XMLSchema-instance");
	xw_attr(w, "version", "3.0");
	for (size_t i = 0; i < files->n; i++) {
		const sip_file *f = &files->v[i];
		if (f->kind != SIP_DATA && f->kind != SIP_DOC)
			continue;
		xw_start(w, "object");
		xw_attr(w, "xsi:type", "file");
		ident(w, "objectIdentifier", "local", f->path);
		xw_start(w, "objectCharacteristics");
		xw_start(w, "fixity");
		xw_elem(w, "messageDigestAlgorithm", "SHA-256");
		xw_elem(w, "messageDigest", f->sha256);
		xw_elem(w, "messageDigestOriginator", SIP_SOFTWARE);
		xw_end(w);
		char size[24];
		snprintf(size, sizeof size, "%lld", (long long)f->size);
		xw_elem(w, "size", size);
		xw_start(w, "format");
		xw_start(w, "formatDesignation");
		xw_elem(w, "formatName", f->media_type);
		xw_end(w);
		xw_end(w);
		xw_end(w);
		if (f->name)
			xw_elem(w, "originalName", f->name);
		xw_end(w);
	}
	json_t *actors = json_array();
	size_t i, j;
	json_t *c, *ev;
	json_array_foreach(json_object_get(plan, "cases"), i, c) {
		json_array_foreach(json_object_get(c, "events"), j, ev) {
			const char *action = sip_str(ev, "action"), *rec = sip_str(ev, "record");
			char id[24], detail[400];
			snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(ev, "index")));
			snprintf(detail, sizeof detail, "kansli %s: %s", action, rec ? rec : sip_str(c, "number"));
			event_begin(w, "kansli-log", id, event_type(action), json_integer_value(json_object_get(ev, "ts_us")),
			            detail);
			link_agent(w, "kansli-actor", sip_str(ev, "actor"));
			note_actor(actors, sip_str(ev, "actor"));
			for (size_t q = 0; rec && q < files->n; q++)
				if (files->v[q].record && !strcmp(files->v[q].record, rec))
					ident(w, "linkingObjectIdentifier", "local", files->v[q].path);
			if (!rec && !strcmp(action, "case.close"))
				ident(w, "linkingObjectIdentifier", "local", SIP_REP "data/erms.xml");
			xw_end(w);
		}
	}
	/* The export itself: kansli packed every file, with these checksums. */
	char detail[600];
	snprintf(detail, sizeof detail, "kansli export sip: %s, audit log size %lld%s%s",
	         sip_str(plan, "id"), (long long)json_integer_value(json_object_get(plan, "tree_size")),
	         sip_str(plan, "replaces") ? ", replaces " : "", sip_str(plan, "replaces") ? sip_str(plan, "replaces") : "");
	event_begin(w, "local", sip_str(plan, "id"), "export", json_integer_value(json_object_get(plan, "created_us")),
	            detail);
	link_agent(w, "local", SIP_SOFTWARE);
	link_agent(w, "kansli-actor", sip_str(plan, "exporter"));
	note_actor(actors, sip_str(plan, "exporter"));
	for (size_t q = 0; q < files->n; q++)
		if (files->v[q].kind == SIP_DATA || files->v[q].kind == SIP_DOC)
			ident(w, "linkingObjectIdentifier", "local", files->v[q].path);
	/* A re-delivery names the package it replaces, by that package's OBJID. */
	if (sip_str(plan, "replaces")) {
		xw_start(w, "linkingObjectIdentifier");
		xw_elem(w, "linkingObjectIdentifierType", "METS OBJID");
		xw_elem(w, "linkingObjectIdentifierValue", sip_str(plan, "replaces"));
		xw_elem(w, "linkingObjectRole", "replaces");
		xw_end(w);
	}
	xw_end(w);

	xw_start(w, "agent");
	ident(w, "agentIdentifier", "local", SIP_SOFTWARE);
	xw_elem(w, "agentName", SIP_SOFTWARE);
	xw_elem(w, "agentType", "software");
	xw_elem(w, "agentVersion", SIP_SOFTWARE_VERSION);
	xw_end(w);
	json_t *org = json_object_get(plan, "org");
	xw_start(w, "agent");
	ident(w, "agentIdentifier", "local", sip_str(org, "code"));
	if (sip_str(org, "orgnr"))
		ident(w, "agentIdentifier", "organisationsnummer", sip_str(org, "orgnr"));
	xw_elem(w, "agentName", sip_str(org, "name"));
	xw_elem(w, "agentType", "organization");
	xw_elem(w, "agentNote", "arkivbildare");
	xw_end(w);
	json_t *a;
	json_array_foreach(actors, i, a) {
		const char *actor = json_string_value(a);
		const char *colon = strchr(actor, ':');
		xw_start(w, "agent");
		ident(w, "agentIdentifier", "kansli-actor", actor);
		xw_elem(w, "agentName", colon ? colon + 1 : actor);
		xw_elem(w, "agentType", !strncmp(actor, "user:", 5) || !strncmp(actor, "system:", 7) ? "person" : "other");
		xw_end(w);
	}
	json_decref(actors);
	xw_end(w);
	return xw_finish(w, out);
}
