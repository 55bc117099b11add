/*
 * mets.c — the package's two METS documents, E-ARK CSIP 2.1 + SIP 2.1:
 * the package METS.xml (agents: kansli as software, the organisation as
 * archival creator and submitter, the person exporting; the submission
 * agreement; the PREMIS file as digital provenance; documentation; a
 * pointer to the representation) and the representation's METS.xml (every
 * data file with size and SHA-256).
 */
#include <stdio.h>
#include <string.h>

#include "export/sip.h"
#include "export/xmlout.h"

#define CIT "citserms_v2_1"
#define SIP_PROFILE "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"

static void mets_root(xw *w, const char *up, const char *objid, const char *label)
{
	buf loc = BUF_INIT;
	buf_printf(&loc, "http://www.loc.gov/METS/ %sschemas/mets.xsd http://www.w3.org/1999/xlink %sschemas/xlink.xsd "
	           "https://DILCIS.eu/XML/METS/CSIPExtensionMETS %sschemas/DILCISExtensionMETS.xsd "
	           "https://DILCIS.eu/XML/METS/SIPExtensionMETS %sschemas/DILCISExtensionSIPMETS.xsd", up, up, up, up);
	xw_start(w, "mets");
	xw_ns(w, NULL, "http://www.loc.gov/METS/");
	xw_ns(w, "csip", "https://DILCIS.eu/XML/METS/CSIPExtensionMETS");
	xw_ns(w, "sip", "https://DILCIS.eu/XML/METS/SIPExtensionMETS");
	xw_ns(w, "xlink", "http://www.w3.org/1999/xlink");
	xw_ns(w, "xsi", "http://www.w3.org/2001/XMLSchema-instance");
	xw_attr(w, "xsi:schemaLocation", loc.s);
	buf_free(&loc);
	xw_attr(w, "OBJID", objid);
	xw_attr(w, "LABEL", label);
	/* Case files: metadata, letters, PDFs, images — several kinds of content. */
	xw_attr(w, "TYPE", "Mixed");
	xw_attr(w, "csip:CONTENTINFORMATIONTYPE", CIT);
	xw_attr(w, "PROFILE", SIP_PROFILE);
}

static void software_agent(xw *w)
{
	xw_start(w, "agent");
	xw_attr(w, "ROLE", "CREATOR");
	xw_attr(w, "TYPE", "OTHER");
	xw_attr(w, "OTHERTYPE", "SOFTWARE");
	xw_elem(w, "name", SIP_SOFTWARE);
	xw_start(w, "note");
	xw_attr(w, "csip:NOTETYPE", "SOFTWARE VERSION");
	xw_text(w, SIP_SOFTWARE_VERSION);
	xw_end(w);
	xw_end(w);
}

/* status: NEW for a first delivery, REPLACEMENT when the same case or
 * series was delivered before (core/archive.c decides). */
static void hdr_begin(xw *w, const char *when, const char *status)
{
	xw_start(w, "metsHdr");
	xw_attr(w, "CREATEDATE", when);
	xw_attr(w, "LASTMODDATE", when);
	xw_attr(w, "RECORDSTATUS", status ? status : "NEW");
	xw_attr(w, "csip:OAISPACKAGETYPE", "SIP");
	software_agent(w);
}

static void org_agent(xw *w, const char *role, json_t *org)
{
	xw_start(w, "agent");
	xw_attr(w, "ROLE", role);
	xw_attr(w, "TYPE", "ORGANIZATION");
	xw_elem(w, "name", sip_str(org, "name"));
	const char *orgnr = sip_str(org, "orgnr");
	if (orgnr && *orgnr) {
		char digits[32];
		size_t n = 0;
		for (const char *p = orgnr; *p && n + 1 < sizeof digits; p++)
			if (*p >= '0' && *p <= '9')
				digits[n++] = *p;
		digits[n] = '\0';
		char code[48];
		snprintf(code, sizeof code, "ORG:%s", digits);
		xw_start(w, "note");
		xw_attr(w, "csip:NOTETYPE", "IDENTIFICATIONCODE");
		xw_text(w, code);
		xw_end(w);
	}
	xw_end(w);
}

static void file_element(xw *w, const char *id, const sip_file *f, const char *href_path, const char *when)
{
	xw_start(w, "file");
	xw_attr(w, "ID", id);
	xw_attr(w, "MIMETYPE", f->media_type);
	xw_attr_int(w, "SIZE", f->size);
	xw_attr(w, "CREATED", when);
	xw_attr(w, "CHECKSUM", f->sha256);
	xw_attr(w, "CHECKSUMTYPE", "SHA-256");
	xw_start(w, "FLocat");
	xw_attr(w, "LOCTYPE", "URL");
	xw_attr(w, "xlink:type", "simple");
	buf h = BUF_INIT;
	xml_href(&h, href_path);
	xw_attr(w, "xlink:href", h.s);
	buf_free(&h);
	xw_end(w);
	xw_end(w);
}

/* An mdRef to a file of the package, with its size and checksum;
 * othermdtype names the kind when mdtype is OTHER. */
static void md_ref(xw *w, const char *href, const char *mdtype, const char *othermdtype, const sip_file *f,
                   const char *when)
{
	xw_start(w, "mdRef");
	xw_attr(w, "LOCTYPE", "URL");
	xw_attr(w, "xlink:type", "simple");
	xw_attr(w, "xlink:href", href);
	xw_attr(w, "MDTYPE", mdtype);
	if (othermdtype)
		xw_attr(w, "OTHERMDTYPE", othermdtype);
	xw_attr(w, "MIMETYPE", f->media_type);
	xw_attr_int(w, "SIZE", f->size);
	xw_attr(w, "CREATED", when);
	xw_attr(w, "CHECKSUM", f->sha256);
	xw_attr(w, "CHECKSUMTYPE", "SHA-256");
	xw_end(w);
}

/* The case metadata (erms.xml) is the package's descriptive metadata
 * (CSIP17): both METS documents point at the one file rather than carry a
 * copy, href relative to the document. */
static void dmd_erms(xw *w, const char *id, const char *href, const sip_file *erms, const char *when)
{
	xw_start(w, "dmdSec");
	xw_attr(w, "ID", id);
	xw_attr(w, "CREATED", when);
	xw_attr(w, "STATUS", "CURRENT");
	md_ref(w, href, "OTHER", "ERMS", erms, when);
	xw_end(w);
}

/* The PREMIS file as digital provenance (CSIP31): one amdSec. */
static void amd_premis(xw *w, const char *id, const char *href, const sip_file *premis, const char *when)
{
	xw_start(w, "amdSec");
	xw_start(w, "digiprovMD");
	xw_attr(w, "ID", id);
	xw_attr(w, "CREATED", when);
	xw_attr(w, "STATUS", "CURRENT");
	md_ref(w, href, "PREMIS", NULL, premis, when);
	xw_end(w);
	xw_end(w);
}

/* The first file of a kind (SIP_*), or NULL. */
static const sip_file *file_of_kind(const sip_files *files, int kind, const char *path)
{
	for (size_t i = 0; i < files->n; i++)
		if (files->v[i].kind == kind && (!path || !strcmp(files->v[i].path, path)))
			return &files->v[i];
	return NULL;
}

/* Starts a fileGrp: both documents group their files the same way. */
static void file_group_start(xw *w, const char *id, const char *use, int with_cit)
{
	xw_start(w, "fileGrp");
	xw_attr(w, "ID", id);
	xw_attr(w, "USE", use);
	if (with_cit)
		xw_attr(w, "csip:CONTENTINFORMATIONTYPE", CIT);
}

/* A fileGrp of every file of one kind (SIP_*), each named by sip_file_id;
 * skip leading bytes of each path are left out of its href (the
 * representation METS names its files from its own folder). */
static void file_group(xw *w, const char *id, const char *use, const sip_files *files, int kind, size_t skip,
                       const char *when)
{
	file_group_start(w, id, use, 0);
	for (size_t i = 0; i < files->n; i++) {
		if (files->v[i].kind != kind)
			continue;
		char file_id[32];
		sip_file_id(i, file_id);
		file_element(w, file_id, &files->v[i], files->v[i].path + skip, when);
	}
	xw_end(w);
}

/* Starts the physical structMap both documents end with. */
static void struct_map_start(xw *w, const char *id)
{
	xw_start(w, "structMap");
	xw_attr(w, "ID", id);
	xw_attr(w, "TYPE", "PHYSICAL");
	xw_attr(w, "LABEL", "CSIP");
}

static void div_start(xw *w, const char *id, const char *label)
{
	xw_start(w, "div");
	xw_attr(w, "ID", id);
	xw_attr(w, "LABEL", label);
}

static void fptr(xw *w, const char *file_id)
{
	xw_start(w, "fptr");
	xw_attr(w, "FILEID", file_id);
	xw_end(w);
}

/* A div that holds one fileGrp. */
static void div_fptr(xw *w, const char *id, const char *label, const char *file_id)
{
	div_start(w, id, label);
	fptr(w, file_id);
	xw_end(w);
}

int mets_write_representation(json_t *plan, const sip_files *files, buf *out)
{
	char when[32];
	xml_datetime(json_integer_value(json_object_get(plan, "created_us")), when);
	const sip_file *erms = file_of_kind(files, SIP_DATA, SIP_REP "data/erms.xml");
	const sip_file *premis = file_of_kind(files, SIP_PREMIS, NULL);
	if (!erms || !premis)
		return -1;
	xw *w = xw_new();
	char label[600];
	snprintf(label, sizeof label, "%s, ärendeinformation och handlingar", sip_str(plan, "label"));
	mets_root(w, "../../", "rep1", label);
	hdr_begin(w, when, sip_str(plan, "record_status"));
	xw_end(w);
	size_t skip = strlen(SIP_REP);
	dmd_erms(w, "rep1-dmd-erms", erms->path + skip, erms, when);
	/* PREMIS describes every file of the package, this representation's too. */
	amd_premis(w, "rep1-digiprov-premis", "../../metadata/preservation/premis.xml", premis, when);
	xw_start(w, "fileSec");
	xw_attr(w, "ID", "rep1-fileSec");
	file_group(w, "rep1-fileGrp-documentation", "Documentation", files, SIP_REP_DOC, skip, when);
	file_group(w, "rep1-fileGrp-schemas", "Schemas", files, SIP_REP_SCHEMA, skip, when);
	file_group_start(w, "rep1-fileGrp-data", "Data", 1);
	/* erms.xml first: it describes the rest */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < files->n; i++) {
			const sip_file *f = &files->v[i];
			if (f->kind != SIP_DATA || (f->record == NULL) != (pass == 0))
				continue;
			char id[40];
			snprintf(id, sizeof id, "rep1-file-%zu", i + 1);
			file_element(w, id, f, f->path + skip, when);
		}
	xw_end(w);
	xw_end(w);
	struct_map_start(w, "rep1-structMap");
	div_start(w, "rep1-div", "rep1");
	div_start(w, "rep1-div-metadata", "Metadata");
	xw_attr(w, "DMDID", "rep1-dmd-erms");
	xw_attr(w, "ADMID", "rep1-digiprov-premis");
	xw_end(w);
	div_fptr(w, "rep1-div-documentation", "Documentation", "rep1-fileGrp-documentation");
	div_fptr(w, "rep1-div-schemas", "Schemas", "rep1-fileGrp-schemas");
	div_fptr(w, "rep1-div-data", "Data", "rep1-fileGrp-data");
	xw_end(w); /* div */
	xw_end(w); /* structMap */
	xw_end(w); /* mets */
	return xw_finish(w, out);
}

int mets_write_package(json_t *plan, const sip_files *files, buf *out)
{
	char when[32];
	xml_datetime(json_integer_value(json_object_get(plan, "created_us")), when);
	json_t *org = json_object_get(plan, "org");
	const sip_file *premis = file_of_kind(files, SIP_PREMIS, NULL), *rep = file_of_kind(files, SIP_REP_METS, NULL);
	const sip_file *erms = file_of_kind(files, SIP_DATA, SIP_REP "data/erms.xml");
	if (!premis || !rep || !erms)
		return -1;
	xw *w = xw_new();
	mets_root(w, "", sip_str(plan, "id"), sip_str(plan, "label"));
	hdr_begin(w, when, sip_str(plan, "record_status"));
	org_agent(w, "ARCHIVIST", org); /* the archival creator (arkivbildare) */
	org_agent(w, "CREATOR", org);   /* the submitter */
	xw_start(w, "agent");
	xw_attr(w, "ROLE", "CREATOR");
	xw_attr(w, "TYPE", "INDIVIDUAL");
	xw_elem(w, "name", sip_str(plan, "exporter_name"));
	xw_elem(w, "note", sip_str(plan, "exporter"));
	xw_end(w);
	if (sip_str(plan, "agreement")) {
		xw_start(w, "altRecordID");
		xw_attr(w, "TYPE", "SUBMISSIONAGREEMENT");
		xw_text(w, sip_str(plan, "agreement"));
		xw_end(w);
	}
	xw_start(w, "altRecordID");
	xw_attr(w, "TYPE", "REFERENCECODE");
	xw_text(w, sip_str(plan, "reference"));
	xw_end(w);
	xw_end(w); /* metsHdr */

	dmd_erms(w, "dmd-erms", erms->path, erms, when);
	amd_premis(w, "digiprov-premis", premis->path, premis, when);

	xw_start(w, "fileSec");
	xw_attr(w, "ID", "fileSec");
	file_group(w, "fileGrp-documentation", "Documentation", files, SIP_DOC, 0, when);
	file_group(w, "fileGrp-schemas", "Schemas", files, SIP_SCHEMA, 0, when);
	file_group_start(w, "fileGrp-rep1", "Representations/rep1", 1);
	file_element(w, "file-rep1-mets", rep, rep->path, when);
	xw_end(w);
	xw_end(w);

	struct_map_start(w, "structMap");
	div_start(w, "div-package", sip_str(plan, "id"));
	div_start(w, "div-metadata", "Metadata");
	xw_attr(w, "DMDID", "dmd-erms");
	xw_attr(w, "ADMID", "digiprov-premis");
	xw_end(w);
	div_fptr(w, "div-documentation", "Documentation", "fileGrp-documentation");
	div_fptr(w, "div-schemas", "Schemas", "fileGrp-schemas");
	div_start(w, "div-rep1", "Representations/rep1");
	xw_start(w, "mptr");
	xw_attr(w, "LOCTYPE", "URL");
	xw_attr(w, "xlink:type", "simple");
	xw_attr(w, "xlink:title", "fileGrp-rep1");
	xw_attr(w, "xlink:href", rep->path);
	xw_end(w);
	fptr(w, "fileGrp-rep1");
	xw_end(w);
	xw_end(w);
	xw_end(w);
	xw_end(w);
	return xw_finish(w, out);
}
