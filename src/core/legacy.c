/* legacy.c — CSV import of another system's registry; see legacy.h. */
#include "core/legacy.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/casenum.h"
#include "core/import.h"
#include "util/csv.h"
#include "util/encoding.h"
#include "util/idnum.h"
#include "util/timeutil.h"

/* The fields a column can feed, in the mapping file's words. */
enum {
	F_NUMBER, F_RECORD_NO, F_CASE_TITLE, F_TITLE, F_DATE, F_DIRECTION, F_PARTY, F_PARTY_ID,
	F_PARTY_TYPE, F_CLASS, F_CLASS_TITLE, F_OFFICER, F_OPENED, F_STATUS, F_CLOSED, F_SECRECY,
	F_TEXT, NFIELDS
};
static const char *const field_names[NFIELDS] = {
	"number", "record_no", "case_title", "title", "date", "direction", "party", "party_id",
	"party_type", "class", "class_title", "officer", "opened", "status", "closed", "secrecy", "text",
};

const char legacy_default_mapping[] =
	"# kansli field: CSV column heading | another heading ...\n"
	"number: Diarienummer | Dnr | Ärendenummer | Handlingsnummer | Handling\n"
	"record_no: Löpnummer | Handlingsnr | Handling nr | Dokumentnummer | Löpnr\n"
	"case_title: Ärendemening | Ärenderubrik | Ärende\n"
	"title: Handlingsrubrik | Handlingsbeskrivning | Rubrik | Beskrivning\n"
	"date: Datum | Inkom/upprättad | Handlingsdatum | Inkomstdatum | Dokumentdatum\n"
	"direction: Riktning | Handlingstyp | Typ | In/Ut\n"
	"party: Avsändare/mottagare | Avsändare/Mottagare | Avsändare | Mottagare | Motpart | Part\n"
	"party_id: Person-/organisationsnummer | Personnummer/orgnr | Identitetsnummer | Org/pnr\n"
	"party_type: Parttyp | Partstyp\n"
	"class: Klassificering | Klass | Diarieplan | Ärendeklass\n"
	"class_title: Klassificeringsrubrik | Klassrubrik\n"
	"officer: Handläggare | Ansvarig\n"
	"opened: Registreringsdatum | Ärendet öppnat | Öppnat | Ärendedatum\n"
	"status: Status | Ärendestatus\n"
	"closed: Avslutat | Avslutsdatum | Avslutat datum | Avslutad\n"
	"secrecy: Sekretess | Sekretessgrund | OSL | Sekretessmarkering\n"
	"text: Anteckning | Text | Kommentar\n";

typedef struct mapping {
	char heads[NFIELDS][8][80]; /* candidate headings per field */
	int nheads[NFIELDS];
	int col[NFIELDS];           /* column index in this file, -1 = absent */
} mapping;

/* Case-insensitive equality for ASCII and the Swedish capitals Å Ä Ö É
 * (UTF-8 C3 85/84/96/89 fold to C3 A5/A4/B6/A9): "Öppen" is "öppen". */
static int sv_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x == 0xC3 && y == 0xC3) {
			unsigned char p = (unsigned char)a[1], q = (unsigned char)b[1];
			if (p >= 0x80 && p <= 0x9E) p += 0x20;
			if (q >= 0x80 && q <= 0x9E) q += 0x20;
			if (p != q)
				return 0;
			a++, b++;
			continue;
		}
		if (tolower(x) != tolower(y))
			return 0;
		if (!x)
			return 1;
	}
}

static void trim(char *s)
{
	char *p = s;
	while (*p == ' ' || *p == '\t')
		p++;
	memmove(s, p, strlen(p) + 1);
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* Parses "field: Heading | Heading" lines. 0 or KERR_INVALID naming the line. */
static int mapping_parse(mapping *m, const char *text, kerr *e)
{
	memset(m, 0, sizeof *m);
	long lineno = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[1024];
		lineno++;
		if (len >= sizeof line)
			return kerr_set(e, KERR_INVALID, "mapping line %ld is too long", lineno);
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (nl ? 1 : 0);
		trim(line);
		if (!*line || *line == '#')
			continue;
		char *colon = strchr(line, ':');
		if (!colon)
			return kerr_set(e, KERR_INVALID, "mapping line %ld: write 'field: Column heading'", lineno);
		*colon = '\0';
		trim(line);
		int f = -1;
		for (int i = 0; i < NFIELDS; i++)
			if (!strcmp(line, field_names[i]))
				f = i;
		if (f < 0)
			return kerr_set(e, KERR_INVALID, "mapping line %ld: unknown field '%s'", lineno, line);
		m->nheads[f] = 0; /* a later line for the same field replaces the earlier */
		for (char *h = strtok(colon + 1, "|"); h; h = strtok(NULL, "|")) {
			trim(h);
			if (!*h)
				continue;
			if (m->nheads[f] == 8 || strlen(h) >= sizeof m->heads[0][0])
				return kerr_set(e, KERR_INVALID, "mapping line %ld: at most 8 headings of 79 bytes", lineno);
			snprintf(m->heads[f][m->nheads[f]++], sizeof m->heads[0][0], "%s", h);
		}
	}
	return 0;
}

/* Finds each field's column in the header row; number, title and date are needed. */
static int mapping_bind(mapping *m, const csv_row *header, legacy_report *rep, kerr *e)
{
	buf cols = BUF_INIT;
	for (int f = 0; f < NFIELDS; f++) {
		m->col[f] = -1;
		for (int h = 0; h < m->nheads[f] && m->col[f] < 0; h++)
			for (int c = 0; c < header->n; c++) {
				char name[256];
				snprintf(name, sizeof name, "%s", header->f[c]);
				trim(name);
				if (sv_eq(name, m->heads[f][h])) {
					m->col[f] = c;
					buf_printf(&cols, "%s%s=%s", cols.len ? ", " : "", field_names[f], name);
					break;
				}
			}
	}
	snprintf(rep->columns, sizeof rep->columns, "%s", cols.s);
	buf_free(&cols);
	static const int needed[] = { F_NUMBER, F_TITLE, F_DATE, F_DIRECTION };
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
		if (m->col[needed[i]] < 0)
			return kerr_field(e, KERR_INVALID, "mapping", KWHY_REQUIRED, "the header row has no column "
			                  "for '%s' (looked for '%s'%s); name it in a mapping file", field_names[needed[i]],
			                m->nheads[needed[i]] ? m->heads[needed[i]][0] : "",
			                m->nheads[needed[i]] > 1 ? " and others" : "");
	return 0;
}

static const char *cell(const mapping *m, const csv_row *row, int f)
{
	int c = m->col[f];
	if (c < 0 || c >= row->n)
		return NULL;
	/* The row's fields live in its own buffer, which this import may trim. */
	char *s = (char *)row->f[c];
	trim(s);
	return *s ? s : NULL;
}

/* "2019-03-04", "2019-03-04 10:22", "2019-03-04T…" or "20190304" -> out[11]. */
static int legacy_date(const char *in, char out[11])
{
	if (!in)
		return -1;
	if (strlen(in) == 8 && strspn(in, "0123456789") == 8)
		snprintf(out, 11, "%.4s-%.2s-%.2s", in, in + 4, in + 6);
	else
		snprintf(out, 11, "%.10s", in);
	return time_valid_date(out) && (!in[10] || in[10] == ' ' || in[10] == 'T' || strlen(in) == 8) ? 0 : -1;
}

static const char *legacy_direction(const char *w)
{
	static const struct { const char *word, *dir; } words[] = {
		{ "I", "in" }, { "in", "in" }, { "inkommande", "in" }, { "inkommen", "in" },
		{ "U", "out" }, { "ut", "out" }, { "out", "out" }, { "utgående", "out" }, { "utgaende", "out" },
		{ "N", "internal" }, { "K", "internal" }, { "E", "internal" }, { "internal", "internal" },
		{ "upprättad", "internal" }, { "upprattad", "internal" }, { "intern", "internal" },
		{ "internt", "internal" }, { "PM", "internal" }, { "tjänsteskrivelse", "internal" },
	};
	for (size_t i = 0; w && i < sizeof words / sizeof words[0]; i++)
		if (sv_eq(w, words[i].word))
			return words[i].dir;
	return NULL;
}

static const char *legacy_status(const char *w, const char *closed)
{
	static const struct { const char *word, *status; } words[] = {
		{ "öppen", "open" }, { "öppet", "open" }, { "pågående", "open" }, { "open", "open" },
		{ "aktiv", "open" }, { "beslutad", "decided" }, { "beslutat", "decided" }, { "decided", "decided" },
		{ "avslutad", "closed" }, { "avslutat", "closed" }, { "stängd", "closed" }, { "closed", "closed" },
		{ "arkiverad", "closed" }, { "arkiverat", "closed" }, { "makulerad", "closed" },
	};
	if (!w)
		return closed ? "closed" : "open";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (sv_eq(w, words[i].word))
			return words[i].status;
	return NULL;
}

/* Turns one row into an import entry (the JSON-lines shape) or explains why not. */
static json_t *row_entry(const mapping *m, const csv_row *row, char *why, size_t whylen)
{
	const char *number = cell(m, row, F_NUMBER), *recno = cell(m, row, F_RECORD_NO);
	casenum cn;
	kerr e = KERR_INIT;
	if (!number) {
		snprintf(why, whylen, "no case number");
		return NULL;
	}
	if (casenum_parse(number, &cn, &e)) {
		snprintf(why, whylen, "%.390s", e.msg);
		return NULL;
	}
	long seq = cn.doc;
	if (recno) {
		char *end;
		long v = strtol(recno, &end, 10);
		if (*end || v < 1 || v > 999999 || (cn.doc && v != cn.doc)) {
			snprintf(why, whylen, "record number '%s' is not a positive number%s", recno,
			         cn.doc ? " matching the number's" : "");
			return NULL;
		}
		seq = v;
	}
	char date[11], opened[11], closed[11];
	if (legacy_date(cell(m, row, F_DATE), date)) {
		snprintf(why, whylen, "date '%s' is not a date like 2019-03-04", cell(m, row, F_DATE) ? cell(m, row, F_DATE) : "");
		return NULL;
	}
	const char *o = cell(m, row, F_OPENED), *c = cell(m, row, F_CLOSED);
	if (o && legacy_date(o, opened)) {
		snprintf(why, whylen, "opening date '%s' is not a date", o);
		return NULL;
	}
	if (c && legacy_date(c, closed)) {
		snprintf(why, whylen, "closing date '%s' is not a date", c);
		return NULL;
	}
	const char *dir = legacy_direction(cell(m, row, F_DIRECTION));
	if (!dir) {
		snprintf(why, whylen, "direction '%s' is not I, U, N or inkommande/utgående/upprättad",
		         cell(m, row, F_DIRECTION) ? cell(m, row, F_DIRECTION) : "");
		return NULL;
	}
	const char *status = legacy_status(cell(m, row, F_STATUS), c);
	if (!status) {
		snprintf(why, whylen, "status '%s' is not open, decided or closed (öppen/beslutad/avslutad)",
		         cell(m, row, F_STATUS));
		return NULL;
	}
	/* The class may come as "3.2.1 Bygglov" in one column. */
	char class_code[64] = "", class_title[256] = "";
	const char *cls = cell(m, row, F_CLASS);
	if (cls) {
		size_t code_len = strspn(cls, "0123456789.");
		if (code_len && (cls[code_len] == ' ' || !cls[code_len])) {
			snprintf(class_code, sizeof class_code, "%.*s", (int)code_len, cls);
			const char *t = cls + code_len;
			while (*t == ' ')
				t++;
			snprintf(class_title, sizeof class_title, "%s", t);
		} else {
			snprintf(class_code, sizeof class_code, "%s", cls);
		}
		if (cell(m, row, F_CLASS_TITLE))
			snprintf(class_title, sizeof class_title, "%s", cell(m, row, F_CLASS_TITLE));
	}
	/* Who the party is: as the export says, else from the identity number;
	 * a bare name counts as a private person, the safer reading. */
	const char *party = cell(m, row, F_PARTY), *pid = cell(m, row, F_PARTY_ID);
	const char *ptype = cell(m, row, F_PARTY_TYPE);
	const char *kind = NULL;
	if (party) {
		char tmp[14];
		const char *w;
		if (ptype && (sv_eq(ptype, "organisation") || sv_eq(ptype, "org") ||
		              sv_eq(ptype, "företag") || sv_eq(ptype, "myndighet")))
			kind = "organisation";
		else if (ptype && (sv_eq(ptype, "person") || sv_eq(ptype, "privatperson")))
			kind = "person";
		else if (ptype) {
			snprintf(why, whylen, "party type '%s' is not person or organisation", ptype);
			return NULL;
		} else
			kind = pid && idnum_orgnr(pid, tmp, &w) == 0 ? "organisation" : "person";
	}
	const char *secrecy = cell(m, row, F_SECRECY);
	/* The secrecy column says no, or names the legal ground; a bare yes, or
	 * a word nobody can read as either, rejects the row: guessed as no it
	 * would publish a secret record. */
	int secret = secrecy && !sv_eq(secrecy, "nej") && !sv_eq(secrecy, "0") && !sv_eq(secrecy, "no") &&
	             !sv_eq(secrecy, "n") && !sv_eq(secrecy, "false");
	if (secret && (sv_eq(secrecy, "ja") || sv_eq(secrecy, "1") || sv_eq(secrecy, "yes") || sv_eq(secrecy, "j") ||
	               sv_eq(secrecy, "true"))) {
		snprintf(why, whylen, "secrecy needs its legal ground (e.g. 'OSL 26 kap. 1 §'), not '%s'", secrecy);
		return NULL;
	}
	if (secret && strncmp(secrecy, "OSL ", 4)) {
		snprintf(why, whylen, "secrecy '%s' is neither nej/0 nor a legal ground like 'OSL 26 kap. 1 §'", secrecy);
		return NULL;
	}
	const char *first_opened = o ? opened : date;
	json_t *entry = json_pack("{s:s,s:I,s:s,s:s?,s:s?,s:s?,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:i,s:s?,s:s?,s:s,s:s?}",
		"dnr", number, "doc_no", (json_int_t)seq, "series", cn.prefix,
		"case_title", cell(m, row, F_CASE_TITLE), "class_code", *class_code ? class_code : NULL,
		"class_title", *class_title ? class_title : NULL, "case_opened", first_opened, "date", date,
		"direction", dir, "party_type", kind, "party_name", party, "party_id", pid,
		"doc_title", cell(m, row, F_TITLE), "secret", secret, "osl", secret ? secrecy : NULL,
		"body", cell(m, row, F_TEXT), "case_status", status, "case_closed", c ? closed : NULL);
	if (!seq) /* no record number in the export: the next one */
		json_object_set_new(entry, "doc_no", json_null());
	if (!cell(m, row, F_CASE_TITLE))
		json_object_set_new(entry, "case_title", json_string(cell(m, row, F_TITLE) ? cell(m, row, F_TITLE) : ""));
	if (cell(m, row, F_OFFICER))
		json_object_set_new(entry, "officer", json_string(cell(m, row, F_OFFICER)));
	/* the record number: "KS 2019/0042-3" names the case and the record */
	if (cn.doc) {
		char casenumber[CASENUM_MAX];
		casenum_format_case(casenumber, cn.prefix, cn.year, cn.seq);
		json_object_set_new(entry, "dnr", json_string(casenumber));
	}
	return entry;
}

static void reject(legacy_report *rep, long line, const char *reason)
{
	rep->rejected++;
	if (rep->nlisted < LEGACY_MAX_REJECTS) {
		rep->list[rep->nlisted].line = line;
		/* cut to fit: a kerr's message may be longer than a report's line */
		snprintf(rep->list[rep->nlisted].reason, sizeof rep->list[0].reason, "%.*s",
		         (int)sizeof rep->list[0].reason - 1, reason);
		rep->nlisted++;
	}
}

int legacy_import_csv(kansli *k, int64_t org_id, const char *data, size_t len, const char *mapping_text,
                      int dry_run, legacy_report *rep, kerr *e)
{
	memset(rep, 0, sizeof *rep);
	int rc = access_check(k, org_id, ACCESS_REGISTER, e);
	if (rc)
		return rc;
	mapping *m = calloc(1, sizeof *m);
	csv_row *row = calloc(1, sizeof *row);
	import_ctx *ctx = import_ctx_new();
	int open_txn = 0;
	if (!m || !row || !ctx) {
		rc = kerr_set(e, KERR_IO, "out of memory");
		goto out;
	}
	if ((rc = mapping_parse(m, mapping_text ? mapping_text : legacy_default_mapping, e)))
		goto out;
	csv_reader r;
	char err[400];
	csv_init(&r, data, len, 0);
	if ((rc = csv_next(&r, row, err, sizeof err)) != 1) {
		rc = rc < 0 ? kerr_set(e, KERR_INVALID, "%s%s", err, strstr(err, "UTF-8") ? " or give its encoding" : "")
		            : kerr_set(e, KERR_INVALID, "the file is empty: the first row must name the columns");
		goto out;
	}
	if ((rc = mapping_bind(m, row, rep, e)))
		goto out;
	if ((rc = kansli_begin(k, e)))
		goto out;
	open_txn = 1;
	/* Every row is tried, so one run reports every problem. Rows after a
	 * rejected one are checked as if the good rows before them were in. */
	import_stats st = { 0 };
	for (;;) {
		kerr re = KERR_INIT;
		int got = csv_next(&r, row, err, sizeof err);
		if (got == 0)
			break;
		rep->rows++;
		if (got < 0) {
			/* the reader cannot find where the bad row ends: stop there;
			 * the report gives the line, so the reader's own "line N: " goes */
			const char *why = strncmp(err, "line ", 5) ? err : strstr(err, ": ") ? strstr(err, ": ") + 2 : err;
			char reason[sizeof rep->list[0].reason];
			snprintf(reason, sizeof reason, "%.330s%s", why,
			         strstr(why, "UTF-8") ? ", or give its encoding (e.g. windows-1252)" : "");
			reject(rep, row->line, reason);
			break;
		}
		char why[400];
		json_t *entry = row_entry(m, row, why, sizeof why);
		if (!entry) {
			reject(rep, row->line, why);
			continue;
		}
		if (import_entry(k, org_id, entry, ctx, &st, &re))
			reject(rep, row->line, re.msg);
		json_decref(entry);
	}
	rep->records = st.records;
	rep->cases = st.cases;
	rep->skipped = st.skipped;
	if (rep->rejected) {
		rc = kerr_set(e, KERR_INVALID, "%ld of %ld rows rejected (first: line %ld: %s); nothing imported",
		              rep->rejected, rep->rows, rep->list[0].line, rep->list[0].reason);
		goto out;
	}
	if ((rc = import_finish(k, org_id, ctx, e)) || dry_run)
		goto out;
	rc = kansli_commit(k, e);
	open_txn = 0;
out:
	if (open_txn)
		kansli_rollback(k);
	import_ctx_free(ctx);
	if (row)
		csv_row_free(row);
	free(row);
	free(m);
	return rc;
}

int legacy_import_bytes(kansli *k, int64_t org_id, const char *data, size_t len, const char *encoding,
                        const char *mapping_text, int dry_run, legacy_report **rep, kerr *e)
{
	*rep = NULL;
	buf text = BUF_INIT;
	const buf raw = { (char *)data, len, len };
	int rc = text_to_utf8(encoding && *encoding ? encoding : "utf-8", &raw, &text, e);
	if (!rc)
		text_nfc(&text); /* stored text is NFC (util/encoding.h) */
	if (!rc && !(*rep = calloc(1, sizeof **rep)))
		rc = kerr_set(e, KERR_IO, "out of memory");
	if (!rc)
		rc = legacy_import_csv(k, org_id, text.s, text.len, mapping_text, dry_run, *rep, e);
	buf_free(&text);
	return rc;
}
