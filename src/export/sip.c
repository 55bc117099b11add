/*
 * sip.c — the package: its layout, the records' files copied from their
 * blobs with their checksums computed on the way, the documentation, and
 * the order the parts are written in (content first, the package METS
 * last, since every METS and PREMIS file names the checksums of what it
 * describes). See sip.h for the layout.
 */
#include "export/sip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/container.h"
#include "export/xmlout.h"
#include "util/hash.h"

#define COPY_CHUNK (256 * 1024)
#define CASENUM_SLUG_MAX 100

const char *sip_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void sip_file_id(size_t i, char out[32])
{
	snprintf(out, 32, "file-%zu", i + 1);
}

void sip_safe_name(const char *name, char *out, size_t len)
{
	buf b = BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || strchr("/\\:*?\"<>|", *p))
			buf_addc(&b, '_');
		else
			buf_addc(&b, (char)*p);
	}
	while (b.len && (b.s[b.len - 1] == '.' || b.s[b.len - 1] == ' '))
		b.s[--b.len] = '\0';
	const char *s = b.s;
	while (*s == '.' || *s == ' ')
		s++;
	if (!*s)
		s = "fil";
	size_t max = len - 1 < 150 ? len - 1 : 150, n = strlen(s);
	if (n <= max) {
		snprintf(out, len, "%s", s);
	} else {
		/* Keep the extension (if short) and whole UTF-8 characters. */
		const char *dot = strrchr(s, '.');
		size_t ext = dot && strlen(dot) <= 16 ? strlen(dot) : 0;
		size_t keep = max - ext;
		while (keep > 0 && ((unsigned char)s[keep] & 0xc0) == 0x80)
			keep--;
		snprintf(out, len, "%.*s%s", (int)keep, s, ext ? dot : "");
	}
	buf_free(&b);
}

static sip_file *files_add(sip_files *f, const char *path, const char *type, int kind)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->v = realloc(f->v, f->cap * sizeof *f->v);
		if (!f->v)
			abort();
	}
	sip_file *x = &f->v[f->n++];
	memset(x, 0, sizeof *x);
	snprintf(x->path, sizeof x->path, "%s", path);
	snprintf(x->media_type, sizeof x->media_type, "%s", type);
	x->kind = kind;
	return x;
}

/* "KS 2026/0042-3" -> "KS-2026-0042-3" (a folder name). */
static void number_slug(const char *number, char *out, size_t len)
{
	char tmp[CASENUM_SLUG_MAX];
	size_t i = 0;
	for (const char *p = number; *p && i + 1 < sizeof tmp; p++)
		tmp[i++] = (*p == ' ' || *p == '/') ? '-' : *p;
	tmp[i] = '\0';
	sip_safe_name(tmp, out, len);
}

/* Copies a file into the container, hashing it on the way. With hex set
 * the content must have that hash and size (a blob the registry knows). */
static int copy_file(container *c, const char *path, const char *hex, int64_t size, const char *rel,
                     int64_t mtime, char *buffer, sip_file *f, kerr *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return kerr_set(e, hex && errno == ENOENT ? KERR_TAMPERED : KERR_IO, "%s cannot be read (%s): %s",
		                rel, path, strerror(errno));
	struct stat st;
	if (!hex) {
		if (fstat(fd, &st) != 0) {
			close(fd);
			return kerr_set(e, KERR_IO, "cannot read %s: %s", path, strerror(errno));
		}
		size = st.st_size;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	int rc = container_file_begin(c, rel, size, mtime, e);
	hash_ctx *h = hash_begin();
	int64_t total = 0;
	while (!rc) {
		ssize_t n = read(fd, buffer, COPY_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = kerr_set(e, KERR_IO, "cannot read %s: %s", path, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		if (total + n > size) {
			rc = kerr_set(e, KERR_TAMPERED, "%s is larger than registered (%lld bytes); run kansli verify",
			              path, (long long)size);
			break;
		}
		hash_update(h, buffer, (size_t)n);
		rc = container_write(c, buffer, (size_t)n, e);
		total += n;
	}
	unsigned char digest[HASH_LEN];
	hash_end(h, digest);
	close(fd);
	if (rc)
		return rc;
	hash_hex(digest, HASH_LEN, f->sha256);
	f->size = total;
	if (total != size || (hex && strcmp(f->sha256, hex)))
		return kerr_set(e, KERR_TAMPERED, "blob %s no longer matches its hash; nothing was exported "
		                "(run kansli verify)", hex ? hex : path);
	return container_file_end(c, e);
}

/* A generated file: hashed from memory and added. */
static int add_generated(container *c, sip_files *files, const char *rel, const char *type, int kind,
                         const buf *data, int64_t mtime, kerr *e)
{
	sip_file *f = files_add(files, rel, type, kind);
	unsigned char d[HASH_LEN];
	hash_sha256(data->s ? data->s : "", data->len, d);
	hash_hex(d, HASH_LEN, f->sha256);
	f->size = (int64_t)data->len;
	return container_add(c, rel, data->s ? data->s : "", data->len, mtime, e);
}

static void readme(json_t *plan, buf *b)
{
	json_t *org = json_object_get(plan, "org");
	char when[32];
	xml_datetime(json_integer_value(json_object_get(plan, "created_us")), when);
	buf_printf(b, "%s - leverans till e-arkiv\n\n", sip_str(org, "name"));
	buf_printf(b, "Paket:      %s\nInnehåll:   %s\nSkapat:     %s av %s %s (%s)\n", sip_str(plan, "id"),
	           sip_str(plan, "label"), when, SIP_SOFTWARE, SIP_SOFTWARE_VERSION, sip_str(plan, "exporter"));
	buf_printf(b, "Leveransöverenskommelse: %s\n\n",
	           sip_str(plan, "agreement") ? sip_str(plan, "agreement") : "ej angiven");
	if (sip_str(plan, "replaces"))
		buf_printf(b, "Ny leverans: paketet ersätter %s (RECORDSTATUS=\"REPLACEMENT\").\n\n",
		           sip_str(plan, "replaces"));
	json_t *before = json_object_get(plan, "delivered_before");
	if (json_object_size(before)) {
		buf_adds(b, "Ärenden som levererats tidigare:\n");
		const char *number;
		json_t *package;
		json_object_foreach(before, number, package)
			buf_printf(b, "  %s  i paketet %s\n", number, json_string_value(package));
		buf_adds(b, "\n");
	}
	buf_adds(b, "Ärenden:\n");
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(plan, "cases"), i, c)
		buf_printf(b, "  %s  %s (%zu handlingar)\n", sip_str(c, "number"), sip_str(c, "title"),
		           json_array_size(json_object_get(c, "records")));
	buf_adds(b,
		"\nPaketet följer E-ARK CSIP 2.1 och E-ARK SIP 2.1 (FGS Paketstruktur 2.0).\n"
		"Ärendeinformationen finns i representations/rep1/data/erms.xml enligt\n"
		"E-ARK CITS ERMS 2.1 (FGS Ärendehantering 2.0): varje ärende är en aggregation\n"
		"av typen caseFile och varje handling en record med sina filer som appendix.\n"
		"Filerna ligger under representations/rep1/data/<ärende>/<handling>/ med sina\n"
		"ursprungliga namn, gjorda säkra för alla filsystem. Kontrollsummor (SHA-256)\n"
		"finns i METS-filerna och i metadata/preservation/premis.xml, som också har\n"
		"händelserna ur diariets granskningslogg: registreringar, rättelser, avslut\n"
		"och själva leveransen.\n\n"
		"Sekretess: handlingar med sekretess levereras oförändrade och är märkta med\n"
		"sin sekretessgrund (restriction, restrictionType=\"confidential\", regulation\n"
		"= lagrummet i OSL) i erms.xml.\n"
		"Personuppgifter: parter anges med namn och organisationer med\n"
		"organisationsnummer. Personnummer levereras inte: ärendet och handlingarna\n"
		"är begripliga utan dem, och arkivet behöver dem inte för att bevara eller\n"
		"söka fram handlingarna.\n\n");
	buf_printf(b,
		"Granskningsloggen: documentation/checkpoint.txt är diariets signerade\n"
		"trädhuvud (C2SP tlog-checkpoint) när paketet skapades, logg storlek %lld.\n"
		"Händelsernas nummer i premis.xml (eventIdentifierType \"kansli-log\") är deras\n"
		"plats i loggen. Med checkpointen kan arkivet senare begära inklusions- och\n"
		"konsistensbevis från diariet (/offentlig/logg, kansli verify-remote) och visa\n"
		"att ingen av händelserna har ändrats.\n",
		(long long)json_integer_value(json_object_get(plan, "tree_size")));
}

/* The representation's own documentation and schema folders: a short
 * README on what rep1 holds, and the ERMS schema its erms.xml follows. */
static int add_representation_parts(container *c, sip_files *files, buf *x, int64_t mtime, kerr *e)
{
	buf_reset(x);
	buf_adds(x,
		"Representation rep1: ärendeinformation och handlingar\n\n"
		"data/erms.xml beskriver ärendena och handlingarna enligt E-ARK CITS ERMS 2.1\n"
		"(FGS Ärendehantering 2.0), schemat finns i schemas/ERMS_v2_1_2.xsd. Handlingarnas\n"
		"filer ligger under data/<ärende>/<handling>/. En handling som gallrats med\n"
		"registreringen kvar levereras som en record utan filer, med gallringens datum\n"
		"och beslut. Bevarandemetadata (PREMIS) för hela paketet finns i\n"
		"../../metadata/preservation/premis.xml.\n");
	int rc = add_generated(c, files, SIP_REP "documentation/README.txt", "text/plain", SIP_REP_DOC, x, mtime, e);
	for (const sip_schema *q = sip_schemas; !rc && q->name; q++) {
		if (strcmp(q->name, SIP_ERMS_SCHEMA))
			continue;
		const buf schema = { (char *)q->data, (size_t)(q->end - q->data), (size_t)(q->end - q->data) };
		rc = add_generated(c, files, SIP_REP "schemas/" SIP_ERMS_SCHEMA, "application/xml", SIP_REP_SCHEMA, &schema,
		                   mtime, e);
	}
	return rc;
}

int sip_write(const blob_store *blobs, json_t *plan, const char *format, const char *path,
              sip_result *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	const char *id = sip_str(plan, "id");
	int64_t mtime = json_integer_value(json_object_get(plan, "created_us")) / 1000000;
	container *c;
	int rc = container_open(&c, format, path, id, e);
	if (rc)
		return rc;
	sip_files files = { 0 };
	buf x = BUF_INIT;
	char *buffer = malloc(COPY_CHUNK);
	if (!buffer)
		abort();
	size_t i, j, n;
	json_t *cs, *rec, *f;
	json_array_foreach(json_object_get(plan, "cases"), i, cs) {
		char case_dir[100];
		number_slug(sip_str(cs, "number"), case_dir, sizeof case_dir);
		json_array_foreach(json_object_get(cs, "records"), j, rec) {
			char rec_dir[100];
			number_slug(sip_str(rec, "number"), rec_dir, sizeof rec_dir);
			size_t first = files.n;
			json_array_foreach(json_object_get(rec, "files"), n, f) {
				char safe[200], name[220], rel[1200];
				sip_safe_name(sip_str(f, "name"), safe, sizeof safe);
				snprintf(name, sizeof name, "%s", safe);
				/* Two names can become one once made safe: number the later. */
				for (int dup = 2;; dup++) {
					int clash = 0;
					for (size_t q = first; q < files.n; q++)
						clash |= !strcmp(strrchr(files.v[q].path, '/') + 1, name);
					if (!clash)
						break;
					snprintf(name, sizeof name, "%d-%s", dup, safe);
				}
				char data_rel[600];
				snprintf(data_rel, sizeof data_rel, "%s/%s/%s", case_dir, rec_dir, name);
				snprintf(rel, sizeof rel, SIP_REP "data/%s", data_rel);
				json_object_set_new(f, "path", json_string(data_rel));
				sip_file *sf = files_add(&files, rel, sip_str(f, "media_type"), SIP_DATA);
				sf->record = sip_str(rec, "number");
				sf->name = sip_str(f, "name");
				char bpath[4400];
				blob_path(blobs, sip_str(f, "sha256"), bpath, sizeof bpath);
				if ((rc = copy_file(c, bpath, sip_str(f, "sha256"), json_integer_value(json_object_get(f, "size")),
				                    rel, mtime, buffer, sf, e)))
					goto fail;
				out->content_bytes += sf->size;
				out->files++;
			}
		}
	}
	for (const sip_schema *q = sip_schemas; q->name; q++) {
		char rel[200];
		snprintf(rel, sizeof rel, "schemas/%s", q->name);
		const buf schema = { (char *)q->data, (size_t)(q->end - q->data), (size_t)(q->end - q->data) };
		if ((rc = add_generated(c, &files, rel, "application/xml", SIP_SCHEMA, &schema, mtime, e)))
			goto fail;
	}
	if (erms_write(plan, &x)) {
		rc = kerr_set(e, KERR_INTERNAL, "could not write the ERMS document (is some text not UTF-8?)");
		goto fail;
	}
	if ((rc = add_generated(c, &files, SIP_REP "data/erms.xml", "text/xml", SIP_DATA, &x, mtime, e)))
		goto fail;
	if ((rc = add_representation_parts(c, &files, &x, mtime, e)))
		goto fail;
	buf_reset(&x);
	readme(plan, &x);
	if ((rc = add_generated(c, &files, "documentation/README.txt", "text/plain", SIP_DOC, &x, mtime, e)))
		goto fail;
	buf_reset(&x);
	buf_adds(&x, sip_str(plan, "checkpoint"));
	if ((rc = add_generated(c, &files, "documentation/checkpoint.txt", "text/plain", SIP_DOC, &x, mtime, e)))
		goto fail;
	buf_reset(&x);
	if (premis_write(plan, &files, &x)) {
		rc = kerr_set(e, KERR_INTERNAL, "could not write the PREMIS document");
		goto fail;
	}
	if ((rc = add_generated(c, &files, "metadata/preservation/premis.xml", "text/xml", SIP_PREMIS, &x, mtime, e)))
		goto fail;
	/* The representation METS comes after PREMIS: its amdSec names PREMIS's checksum. */
	buf_reset(&x);
	if (mets_write_representation(plan, &files, &x)) {
		rc = kerr_set(e, KERR_INTERNAL, "could not write the representation METS");
		goto fail;
	}
	if ((rc = add_generated(c, &files, SIP_REP "METS.xml", "text/xml", SIP_REP_METS, &x, mtime, e)))
		goto fail;
	buf_reset(&x);
	if (mets_write_package(plan, &files, &x)) {
		rc = kerr_set(e, KERR_INTERNAL, "could not write the package METS");
		goto fail;
	}
	unsigned char d[HASH_LEN];
	hash_sha256(x.s, x.len, d);
	hash_hex(d, HASH_LEN, out->mets_sha256);
	out->mets_size = (int64_t)x.len;
	if ((rc = container_add(c, "METS.xml", x.s, x.len, mtime, e)))
		goto fail;
	free(buffer);
	buf_free(&x);
	free(files.v);
	return container_close(c, e); /* removes the package when it fails */
fail:
	free(buffer);
	buf_free(&x);
	free(files.v);
	container_abort(c);
	return rc;
}
