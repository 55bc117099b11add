/*
 * sip.h — an E-ARK SIP 2.1 (= FGS Paketstruktur 2.0) submission package
 * written from a plan that core/archive.c makes:
 *
 *   <id>/METS.xml                          package METS (CSIP + SIP attributes)
 *   <id>/metadata/preservation/premis.xml  PREMIS 3: objects with fixity, events, agents
 *   <id>/documentation/README.txt          what the package is, in Swedish
 *   <id>/documentation/checkpoint.txt      the audit log's signed tree head
 *   <id>/schemas/NAME.xsd                   the XML schemas the package uses
 *   <id>/representations/rep1/METS.xml     representation METS (erms.xml as its
 *                                          dmdSec, the package PREMIS as its amdSec)
 *   <id>/representations/rep1/documentation/README.txt  what the representation holds
 *   <id>/representations/rep1/schemas/ERMS_v2_1_2.xsd   the schema erms.xml follows
 *   <id>/representations/rep1/data/erms.xml          CITS ERMS 2.1 (= FGS Ärendehantering 2.0)
 *   <id>/representations/rep1/data/<case>/<record>/<file>   the records' files
 *
 * One representation holds every case of the package (a series/year
 * package is one ERMS document with one caseFile aggregation per case), as
 * the profile allows and the validator accepts.
 *
 * The plan is a JSON object (see archive.c for its members). Each content
 * file is copied from its blob in pieces and hashed on the way (OpenSSL
 * EVP), so every byte is read once; a blob whose hash no longer matches its
 * name stops the export with KERR_TAMPERED.
 */
#ifndef KANSLI_SIP_H
#define KANSLI_SIP_H

#include <jansson.h>
#include <stdint.h>

#include "store/blob.h"
#include "util/buf.h"
#include "util/err.h"

#define SIP_SOFTWARE "kansli"
#define SIP_SOFTWARE_VERSION "0.1"
#define SIP_REP "representations/rep1/"
#define SIP_ERMS_SCHEMA "ERMS_v2_1_2.xsd"

typedef struct sip_result {
	char mets_sha256[HASH_HEX_LEN + 1]; /* of the package METS.xml */
	int64_t content_bytes;              /* the records' files */
	int files;                          /* the records' files */
	int64_t mets_size;
} sip_result;

/* Writes the package planned in plan to path (which must not exist) as
 * "dir", "tar" or "zip". On error nothing is left at path. */
int sip_write(const blob_store *blobs, json_t *plan, const char *format, const char *path,
              sip_result *out, kerr *e);

/* The schema files a package carries, built into the program
 * (export/schemas.c): name and bytes [data, end). NULL-terminated. */
typedef struct sip_schema {
	const char *name;
	const char *data, *end;
} sip_schema;
extern const sip_schema sip_schemas[];

/* --- shared by the package's parts (sip.c, mets.c, premis.c, erms.c) --- */

/* SIP_REP_DOC and SIP_REP_SCHEMA are the representation's own documentation
 * and schema (the ERMS schema its erms.xml follows): CSIP93/97 want both
 * described in the representation METS's structMap. */
enum { SIP_DATA, SIP_DOC, SIP_SCHEMA, SIP_PREMIS, SIP_REP_METS, SIP_REP_DOC, SIP_REP_SCHEMA };

typedef struct sip_file {
	char path[1200];        /* relative to the package root */
	char media_type[128];
	char sha256[HASH_HEX_LEN + 1];
	int64_t size;
	int kind;               /* SIP_* */
	const char *record;     /* the record number of a record's file, else NULL */
	const char *name;       /* the file's original name, else NULL */
} sip_file;

typedef struct sip_files {
	sip_file *v;
	size_t n, cap;
} sip_files;

/* Each appends one XML document to out; 0, or -1 when libxml2 failed. */
int erms_write(json_t *plan, buf *out);
int premis_write(json_t *plan, const sip_files *files, buf *out);
int mets_write_representation(json_t *plan, const sip_files *files, buf *out);
int mets_write_package(json_t *plan, const sip_files *files, buf *out);

/* A file name made safe for any file system: no '/', '\\', control or
 * Windows-reserved characters, no leading dot or trailing dot/space, at
 * most 150 bytes (whole UTF-8 characters, the extension kept). */
void sip_safe_name(const char *name, char *out, size_t len);
/* The package-file identifier used in METS and PREMIS for files[i]. */
void sip_file_id(size_t i, char out[32]);
/* A JSON string member, or NULL. */
const char *sip_str(json_t *o, const char *key);

#endif
