/*
 * reminder_mail.c — mailing reminders on their day (reminder_send,
 * reminder.h) over SMTP with libcurl.
 *
 * One run reads what is owed (open reminders due today or before, each
 * recipient not yet mailed for the reminder's present day), then sends each
 * mail outside any transaction and, once the server has taken it, records
 * it (reminder_mail and a "reminder.mail" event on the case) in a
 * transaction of its own. A second run sends only what is missing; a run
 * killed between the server's answer and that record sends that one mail
 * again: a reminder had better come twice than not at all.
 *
 * A mail leaves the installation for a mailbox kansli does not control, so
 * it never carries a secret case's title or a note of one: it says
 * "Sekretess" and links to the reminder, where the reader signs in.
 */
#include "core/reminder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "core/audit.h"
#include "core/casenum.h"
#include "core/casetitle.h"
#include "core/mailconf.h"
#include "core/reminder_sql.h"
#include "util/buf.h"
#include "util/timeutil.h"

static const char SQL_DUE[] =
	"SELECT m.id, m.org_id, o.code, m.case_id, s.prefix, c.year, c.seq, r.seq, m.user_id, m.unit_id, "
	"  m.due_date, m.note, " REMINDER_CASE_SECRET_SQL " "
	"FROM reminder m JOIN case_file c ON c.id = m.case_id JOIN series s ON s.id = c.series_id "
	"JOIN organisation o ON o.id = m.org_id LEFT JOIN record r ON r.id = m.record_id "
	"WHERE m.done_us IS NULL AND m.due_date <= ?1 ORDER BY m.due_date, m.id";
/* ?1 org, ?2 the assigned user, ?3 the assigned unit, ?4 the reminder, ?5
 * its day: those with an address and a role in the organisation, who were
 * not mailed for that day yet. A unit's members are the users whose roles
 * are scoped to it (access.h). */
static const char SQL_RECIPIENTS[] =
	"SELECT u.id, u.username, u.full_name, ue.email FROM app_user u JOIN user_email ue ON ue.user_id = u.id "
	"WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = u.id AND ur.org_id = ?1) "
	"  AND (u.id = ?2 OR u.id IN (SELECT rs.user_id FROM role_scope rs WHERE rs.org_id = ?1 AND rs.unit_id = ?3)) "
	"  AND NOT EXISTS (SELECT 1 FROM reminder_mail rm WHERE rm.reminder_id = ?4 AND rm.due_date = ?5 "
	"    AND rm.user_id = u.id) ORDER BY u.id";
static const char SQL_RECORD[] =
	"INSERT INTO reminder_mail(reminder_id, due_date, user_id, sent_us) VALUES(?1, ?2, ?3, ?4) "
	"ON CONFLICT DO NOTHING";

typedef struct settings {
	char smtp[600], from[300], site[600];
} settings;

/* One mail owed. */
typedef struct mail {
	int64_t reminder, org_id, case_id, user_id;
	char due[11], to[300], username[128];
	buf text; /* the whole message, headers and body */
} mail;

static void header_encoded(buf *b, const char *name, const char *value)
{
	size_t n = strlen(value);
	char enc[sodium_base64_ENCODED_LEN(1024, sodium_base64_VARIANT_ORIGINAL)];
	if (n > 1024)
		n = 1024;
	sodium_bin2base64(enc, sizeof enc, (const unsigned char *)value, n, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(b, "%s: =?UTF-8?B?%s?=\r\n", name, enc);
}

/* Appends text with every line ending as SMTP wants it (CRLF): a note may
 * have several lines, and a bare LF is refused by strict servers. */
static void add_crlf(buf *b, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n' || *p == '\r')
			buf_adds(b, "\r\n");
		else
			buf_addc(b, *p);
	}
}

/* Writes m->text for the reminder row s stands on (SQL_DUE's columns). */
static int compose(kansli *k, const settings *cf, db_stmt *s, mail *m, const char *full_name, kerr *e)
{
	char num[CASENUM_MAX], rec[CASENUM_MAX], date[64];
	int secret = (int)db_col_int(s, 12);
	casenum_format_case(num, db_col_text(s, 4), (int)db_col_int(s, 5), (int)db_col_int(s, 6));
	buf title = BUF_INIT;
	if (!secret && case_title_render(k, m->case_id, CASE_TITLE_STAFF, &title, NULL, e)) {
		buf_free(&title);
		return KERR_INTERNAL;
	}
	time_t now = (time_t)(time_now_us() / 1000000);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf *b = &m->text;
	char subject[200];
	snprintf(subject, sizeof subject, "Bevakning %s: %s", m->due, num);
	buf_printf(b, "From: %s\r\nTo: %s\r\nDate: %s\r\n", cf->from, m->to, date);
	header_encoded(b, "Subject", subject);
	buf_printf(b, "Message-ID: <kansli-reminder-%lld-%s-%lld@%s>\r\nMIME-Version: 1.0\r\n"
	           "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n"
	           "Auto-Submitted: auto-generated\r\n\r\n",
	           (long long)m->reminder, m->due, (long long)m->user_id, strchr(cf->from, '@') + 1);
	buf_printf(b, "Hej %s,\r\n\r\nen bevakning i kansli har förfallodag %s.\r\n\r\nÄrende: %s %s\r\n", full_name,
	           m->due, num, secret ? "Sekretess" : title.s);
	if (!db_col_null(s, 7)) {
		casenum_format_record(rec, db_col_text(s, 4), (int)db_col_int(s, 5), (int)db_col_int(s, 6),
		                      (int)db_col_int(s, 7));
		buf_printf(b, "Handling: %s\r\n", rec);
	}
	if (secret)
		buf_printf(b, "Notering: Sekretess. Logga in i kansli för att läsa den.\r\n");
	else {
		buf_adds(b, "Notering: ");
		add_crlf(b, db_col_text(s, 11));
		buf_adds(b, "\r\n");
	}
	if (*cf->site)
		buf_printf(b, "\r\n%s/bevakning?org=%s&id=%lld\r\n", cf->site, db_col_text(s, 2), (long long)m->reminder);
	buf_adds(b, "\r\n-- \r\nDetta meddelande skickades av kansli. Svara inte på det.\r\n");
	buf_free(&title);
	return 0;
}

/* Appends to *mails (grown, *n of them) the mails the reminder row s
 * stands on owes. 0 or KERR_*. */
static int owed_for(kansli *k, const settings *cf, db_stmt *s, mail **mails, size_t *n, kerr *e)
{
	db_stmt *q = db_prep(k->db, SQL_RECIPIENTS, e);
	if (!q)
		return KERR_INTERNAL;
	int64_t id = db_col_int(s, 0), org_id = db_col_int(s, 1), case_id = db_col_int(s, 3);
	db_bind_int(q, 1, org_id);
	if (db_col_null(s, 8)) db_bind_null(q, 2); else db_bind_int(q, 2, db_col_int(s, 8));
	if (db_col_null(s, 9)) db_bind_null(q, 3); else db_bind_int(q, 3, db_col_int(s, 9));
	db_bind_int(q, 4, id);
	db_bind_text(q, 5, db_col_text(s, 10));
	int rc;
	/* the recipients are read whole first: composing reads the case */
	json_t *who = json_array();
	while ((rc = db_step(q, e)) == DB_ROW)
		json_array_append_new(who, json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(q, 0),
		                      "username", db_col_text(q, 1), "name", db_col_text(q, 2), "email", db_col_text(q, 3)));
	size_t i;
	json_t *u;
	json_array_foreach(who, i, u) {
		if (rc < 0)
			break;
		int64_t uid = json_integer_value(json_object_get(u, "id"));
		int may = reminder_user_may_see(k, case_id, uid, e);
		if (may < 0) {
			rc = may;
			break;
		}
		if (!may)
			continue; /* a unit's member without the right to the secret case is not told of it */
		mail *grown = realloc(*mails, (*n + 1) * sizeof **mails);
		if (!grown)
			abort();
		*mails = grown;
		mail *m = &(*mails)[(*n)++];
		memset(m, 0, sizeof *m);
		m->reminder = id;
		m->org_id = org_id;
		m->case_id = case_id;
		m->user_id = uid;
		snprintf(m->due, sizeof m->due, "%s", db_col_text(s, 10));
		snprintf(m->to, sizeof m->to, "%s", json_string_value(json_object_get(u, "email")));
		snprintf(m->username, sizeof m->username, "%s", json_string_value(json_object_get(u, "username")));
		if ((rc = compose(k, cf, s, m, json_string_value(json_object_get(u, "name")), e)))
			break;
	}
	json_decref(who);
	return rc < 0 ? rc : 0;
}

typedef struct upload {
	const char *p;
	size_t left;
} upload;

static size_t read_message(char *out, size_t size, size_t nmemb, void *arg)
{
	upload *u = arg;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;
	memcpy(out, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* Hands m to the server. 0, or KERR_IO with the server's or curl's words. */
static int smtp_send(const settings *cf, const mail *m, kerr *e)
{
	CURL *c = curl_easy_init();
	if (!c)
		return kerr_set(e, KERR_INTERNAL, "libcurl could not start");
	char from[320], to[320], errbuf[CURL_ERROR_SIZE] = "";
	snprintf(from, sizeof from, "<%s>", cf->from);
	snprintf(to, sizeof to, "<%s>", m->to);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	upload u = { m->text.s, m->text.len };
	curl_easy_setopt(c, CURLOPT_URL, cf->smtp);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	CURLcode cc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (cc != CURLE_OK)
		return kerr_set(e, KERR_IO, "mail to %s for reminder %lld could not be sent through %s: %s", m->to,
		                (long long)m->reminder, cf->smtp, *errbuf ? errbuf : curl_easy_strerror(cc));
	return 0;
}

/* Records that m went, in a transaction of its own. 0 or KERR_*. */
static int record_sent(kansli *k, const mail *m, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_RECORD, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, m->reminder);
	db_bind_text(s, 2, m->due);
	db_bind_int(s, 3, m->user_id);
	db_bind_int(s, 4, time_now_us());
	if ((rc = db_run(s, e)))
		return kansli_end(k, rc, e);
	rc = audit_append(k, m->org_id, "reminder.mail", "case", m->case_id,
	                  json_pack("{s:I,s:s,s:s}", "reminder", (json_int_t)m->reminder, "due", m->due,
	                            "recipient", m->username), e);
	return kansli_end(k, rc, e);
}

static int read_settings(kansli *k, settings *cf, kerr *e)
{
	int rc;
	if ((rc = mailconf_get(k, "smtp-url", cf->smtp, sizeof cf->smtp, e)) ||
	    (rc = mailconf_get(k, "mail-from", cf->from, sizeof cf->from, e)) ||
	    (rc = mailconf_get(k, "site-url", cf->site, sizeof cf->site, e)))
		return rc;
	if (!*cf->smtp || !*cf->from)
		return kerr_set(e, KERR_INVALID, "no mail server is set: kansli config set smtp-url smtp://HOST:PORT "
		                "and kansli config set mail-from ADDRESS");
	return 0;
}

int reminder_send(kansli *k, int *sent, kerr *e)
{
	settings cf;
	mail *mails = NULL;
	size_t n = 0;
	char today[11];
	int rc;
	*sent = 0;
	if (k->user_id != 0)
		return kerr_set(e, KERR_DENIED, "reminders are mailed by the installation (kansli reminders send, or "
		                "kansli serve once a day), not by a user");
	if ((rc = read_settings(k, &cf, e)))
		return rc;
	time_today(today);
	db_stmt *s = db_prep(k->db, SQL_DUE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, today);
	while ((rc = db_step(s, e)) == DB_ROW)
		if ((rc = owed_for(k, &cf, s, &mails, &n, e))) {
			db_done(s);
			break;
		}
	/* Every mail is tried; the first failure is what the run reports. */
	kerr first = KERR_INIT;
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		kerr why = KERR_INIT;
		int r = smtp_send(&cf, &mails[i], &why);
		if (!r)
			r = record_sent(k, &mails[i], &why);
		if (r && !first.code)
			first = why;
		else if (!r)
			(*sent)++;
	}
	for (size_t i = 0; i < n; i++)
		buf_free(&mails[i].text);
	free(mails);
	if (rc < 0)
		return rc;
	if (first.code) {
		*e = first;
		return first.code;
	}
	return 0;
}
