/*
 * archive.h — delivery to the e-archive: one submission information package
 * (E-ARK SIP 2.1 = FGS Paketstruktur 2.0) per closed case, or per series and
 * year, and the list of earlier deliveries.
 *
 * core/ decides what goes into a package (access, closed cases only, the
 * records and current files of each case) and logs the delivery; export/
 * writes the package (METS, PREMIS, CITS ERMS, files) from the plan core/
 * hands it.
 */
#ifndef KANSLI_ARCHIVE_H
#define KANSLI_ARCHIVE_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

typedef struct archive_request {
	const char *case_number; /* one closed case, or ... */
	const char *series;      /* ... every closed case of this series */
	int year;                /* ... opened in this registry year */
	const char *format;      /* "dir", "tar" or "zip" (default "dir") */
	const char *out;         /* where: an existing folder (the package goes
	                          * inside it, named by its id) or a path that does
	                          * not exist yet; NULL = the current folder */
	const char *agreement;   /* submission agreement (leveransöverenskommelse), optional */
	int again;               /* confirms delivering cases that were delivered before */
} archive_request;

/* Writes the package and appends the export.sip event. On success *result
 * is {"package","path","format","cases":[...],"records","files",
 * "content_bytes","mets_sha256","record_status","replaces"?} (new
 * reference). Open cases are refused with KERR_CONFLICT, and so are cases
 * delivered before unless req->again (field "again"); nothing is left
 * behind on any error. Each delivery has its own package id: the same case
 * or series delivered again gets "-v2", "-v3", RECORDSTATUS REPLACEMENT and
 * the earlier package named in PREMIS and the README. */
int archive_export(kansli *k, int64_t org_id, const archive_request *req, json_t **result, kerr *e);

/* What archive_export would find about earlier deliveries of the cases
 * req selects, without writing anything (the page's confirm step): see
 * delivery_prior for *prior (new reference). Needs the archive right. */
int archive_prior(kansli *k, int64_t org_id, const archive_request *req, json_t **prior, kerr *e);

/* Earlier deliveries of the organisation from the audit log, newest first:
 * [{"event","time","actor","package","format","cases":[...],"files",
 * "content_bytes","mets_sha256","record_status"?,"replaces"?,"receipt"?:
 * {"received","reference","note"?,"by","event"}}]. Needs the archive right.
 * New reference. */
json_t *archive_exports(kansli *k, int64_t org_id, kerr *e);

/* 1 when the actor may deliver this organisation's cases to the e-archive,
 * 0 when not, a negative code (with e set) when the roles could not be read. */
int archive_may_export(kansli *k, int64_t org_id, kerr *e);

#endif
