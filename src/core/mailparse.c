/* mailparse.c — an incoming e-mail read with GMime 3; see mailparse.h. */
#include "core/mailparse.h"

#include <ctype.h>
#include <stdarg.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/encoding.h"
#include "util/hash.h"
#include "util/timeutil.h"

void mail_default_limits(mail_limits *lim)
{
	lim->max_size = MAIL_DEFAULT_MAX_SIZE;
	lim->max_attachment = MAIL_DEFAULT_MAX_ATTACHMENT;
}

void mail_parsed_free(mail_parsed *m)
{
	buf_free(&m->sender);
	buf_free(&m->subject);
	buf_free(&m->body);
	buf_free(&m->problems);
	for (int i = 0; i < m->nattach; i++)
		buf_free(&m->attach[i].data);
	m->nattach = 0;
}

/* 1 when s[0..len) is UTF-8 throughout. */
static int utf8_whole(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		size_t n = utf8_char(p, end, NULL);
		if (!n)
			return 0;
		p += n;
	}
	return 1;
}

/* Text as the registry keeps it: valid UTF-8 in NFC, control characters
 * (but line breaks and tabs when multiline) as spaces. bytes are in
 * charset (NULL: UTF-8); bytes that are not, are read as Windows-1252,
 * the charset a mislabelled Swedish mail almost always is, and then as
 * ISO-8859-1, which reads every byte. Appends to out. */
static void add_text(buf *out, const char *bytes, size_t len, const char *charset, int multiline)
{
	static const char *const tries[] = { NULL, "windows-1252", "iso-8859-1" };
	buf in = BUF_INIT, conv = BUF_INIT;
	buf_add(&in, bytes, len);
	for (size_t t = 0; t < sizeof tries / sizeof tries[0]; t++) {
		const char *cs = t == 0 ? (charset && *charset ? charset : "utf-8") : tries[t];
		/* Mail labelled ISO-8859-1 is written in Windows-1252 (its dashes
		 * and quotes), as every browser reads it too. */
		if (t == 0 && (!strcasecmp(cs, "iso-8859-1") || !strcasecmp(cs, "latin1") || !strcasecmp(cs, "us-ascii")))
			cs = "windows-1252";
		kerr ignored = KERR_INIT;
		buf_reset(&conv);
		if (text_to_utf8(cs, &in, &conv, &ignored) == 0 && utf8_whole(conv.s, conv.len))
			break;
	}
	/* Whatever the try ended with is UTF-8 now (ISO-8859-1 reads every
	 * byte); what remains to take out is control characters. */
	const unsigned char *p = (const unsigned char *)conv.s, *end = p + conv.len;
	buf clean = BUF_INIT;
	while (p < end) {
		unsigned cp;
		size_t n = utf8_char(p, end, &cp);
		if (!n) {
			buf_addc(&clean, '?');
			p++;
			continue;
		}
		if (cp == '\r') {
			p += n;
			continue;
		}
		if (text_control(cp, multiline ? TEXT_MULTILINE : TEXT_LINE))
			buf_addc(&clean, ' ');
		else
			buf_add(&clean, p, n);
		p += n;
	}
	text_nfc(&clean);
	buf_add(out, clean.s, clean.len);
	buf_free(&clean);
	buf_free(&conv);
	buf_free(&in);
}

static void problem(mail_parsed *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(mail_parsed *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&m->problems, fmt, ap);
	va_end(ap);
	buf_addc(&m->problems, '\n');
}

void mail_safe_name(const char *name, const char *fallback, char *out, size_t len)
{
	buf b = BUF_INIT;
	if (name && *name)
		add_text(&b, name, strlen(name), NULL, 0);
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)b.s, *end = p + b.len;
	if (p < end && *p == '.' && o + 1 < len)
		out[o++] = '_';
	while (p < end) {
		size_t n = utf8_char(p, end, NULL);
		if (!n || o + n >= len)
			break;
		if (n == 1 && (*p == '/' || *p == '\\' || *p < 0x20 || *p == 0x7f))
			out[o++] = '_';
		else
			memcpy(out + o, p, n), o += n;
		p += n;
	}
	out[o] = 0;
	buf_free(&b);
	if (text_blank(out))
		snprintf(out, len, "%s", fallback);
}

/* The trace headers a delivery puts on top of a message. */
static int trace_header(const char *line, size_t len)
{
	static const char *const names[] = { "received:", "return-path:", "delivered-to:", "x-original-to:" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n = strlen(names[i]);
		if (len >= n && !strncasecmp(line, names[i], n))
			return 1;
	}
	return 0;
}

void mail_content_hash(const char *data, size_t len, char hex[65])
{
	size_t at = 0;
	/* An mbox "From " line, then the trace headers with their folded
	 * continuation lines. */
	if (len > 5 && !strncmp(data, "From ", 5)) {
		const char *nl = memchr(data, '\n', len);
		at = nl ? (size_t)(nl - data) + 1 : len;
	}
	while (at < len) {
		const char *line = data + at;
		const char *nl = memchr(line, '\n', len - at);
		size_t n = nl ? (size_t)(nl - line) + 1 : len - at;
		if (!trace_header(line, n))
			break;
		at += n;
		while (at < len && (data[at] == ' ' || data[at] == '\t')) {
			nl = memchr(data + at, '\n', len - at);
			at = nl ? (size_t)(nl - data) + 1 : len;
		}
	}
	unsigned char h[32];
	hash_sha256(data + at, len - at, h);
	hash_hex(h, 32, hex);
}

static void read_sender(GMimeMessage *msg, mail_parsed *m)
{
	InternetAddressList *from = g_mime_message_get_from(msg);
	if (!from || internet_address_list_length(from) == 0) {
		problem(m, "the message names no sender (no From header)");
		return;
	}
	InternetAddress *a = internet_address_list_get_address(from, 0);
	const char *name = internet_address_get_name(a);
	const char *addr = INTERNET_ADDRESS_IS_MAILBOX(a) ? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)) : NULL;
	buf raw = BUF_INIT;
	if (name && *name && addr && *addr)
		buf_printf(&raw, "%s <%s>", name, addr);
	else
		buf_adds(&raw, addr && *addr ? addr : name ? name : "");
	add_text(&m->sender, raw.s, raw.len, NULL, 0);
	buf_free(&raw);
	if (!m->sender.len)
		problem(m, "the message names no sender (an empty From header)");
}

/* The time after the last ';' of the topmost Received header: the mail
 * server that handed the message to kansli wrote it as it took it. */
static void read_received(GMimeMessage *msg, mail_parsed *m)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	int n = hl ? g_mime_header_list_get_count(hl) : 0;
	for (int i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		if (strcasecmp(g_mime_header_get_name(h), "Received"))
			continue;
		const char *v = g_mime_header_get_value(h);
		const char *semi = v ? strrchr(v, ';') : NULL;
		GDateTime *t = semi ? g_mime_utils_header_decode_date(semi + 1) : NULL;
		if (t) {
			m->received_us = (int64_t)g_date_time_to_unix(t) * 1000000;
			g_date_time_unref(t);
		} else {
			problem(m, "the mail server's Received header has no time that can be read");
		}
		return;
	}
}

/* A part's decoded content. */
static void part_bytes(GMimeObject *part, GByteArray **out, GMimeStream **keep)
{
	*out = NULL;
	*keep = g_mime_stream_mem_new();
	if (GMIME_IS_MESSAGE_PART(part)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		if (inner)
			g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, *keep);
	} else {
		GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(part));
		if (w)
			g_mime_data_wrapper_write_to_stream(w, *keep);
	}
	*out = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(*keep));
}

/* HTML as text: tags out, the common entities read, blocks as lines. A
 * text to read, not a renderer: the original keeps the HTML. */
static void html_to_text(const char *s, size_t len, buf *out)
{
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&nbsp;", " " }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		{ "&aring;", "å" }, { "&auml;", "ä" }, { "&ouml;", "ö" }, { "&Aring;", "Å" }, { "&Auml;", "Ä" },
		{ "&Ouml;", "Ö" },
	};
	int skip = 0; /* inside <script> or <style> */
	for (size_t i = 0; i < len;) {
		if (s[i] == '<') {
			const char *gt = memchr(s + i, '>', len - i);
			size_t end = gt ? (size_t)(gt - s) + 1 : len;
			const char *t = s + i + 1;
			size_t tl = end - i - 1;
			if ((tl >= 6 && !strncasecmp(t, "script", 6)) || (tl >= 5 && !strncasecmp(t, "style", 5)))
				skip = 1;
			else if ((tl >= 7 && !strncasecmp(t, "/script", 7)) || (tl >= 6 && !strncasecmp(t, "/style", 6)))
				skip = 0;
			else if ((tl >= 2 && !strncasecmp(t, "br", 2)) || (tl >= 2 && !strncasecmp(t, "/p", 2)) ||
			         (tl >= 4 && !strncasecmp(t, "/div", 4)) || (tl >= 3 && !strncasecmp(t, "/tr", 3)))
				buf_addc(out, '\n');
			i = end;
			continue;
		}
		if (skip) {
			i++;
			continue;
		}
		if (s[i] == '&') {
			size_t e;
			for (e = 0; e < sizeof ents / sizeof ents[0]; e++) {
				size_t n = strlen(ents[e].ent);
				if (len - i >= n && !strncmp(s + i, ents[e].ent, n)) {
					buf_adds(out, ents[e].ch);
					i += n;
					break;
				}
			}
			if (e < sizeof ents / sizeof ents[0])
				continue;
		}
		buf_addc(out, s[i++]);
	}
}

typedef struct walk {
	mail_parsed *m;
	const mail_limits *lim;
	int parts;
	int have_text;
	buf html; /* the first HTML text, for a message without plain text */
	int have_html;
	int capped;
	int attach_capped; /* the attachments' limit said once, not once per part */
} walk;

/* A header line longer than a registration's field takes is cut, at a
 * character, and said: the original keeps it whole (an outside review's
 * find, s8 H10: a 21 MB subject made the inbox page 27 MB). */
static void cut_line(mail_parsed *m, buf *b, size_t max, const char *what)
{
	if (b->len <= max)
		return;
	size_t n = max;
	while (n > 0 && ((unsigned char)b->s[n] & 0xc0) == 0x80)
		n--;
	size_t was = b->len;
	b->len = n;
	b->s[n] = 0;
	buf_adds(b, "\u2026");
	problem(m, "the %s was %zu bytes: it is cut to %zu here; the original keeps it whole", what, was, max);
}

static void add_attachment(walk *w, GMimeObject *part, const char *type, GByteArray *bytes)
{
	mail_parsed *m = w->m;
	char fallback[64], name[256];
	const char *given = GMIME_IS_PART(part) ? g_mime_part_get_filename(GMIME_PART(part)) : NULL;
	if (GMIME_IS_MESSAGE_PART(part)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		const char *subject = inner ? g_mime_message_get_subject(inner) : NULL;
		char withext[300];
		snprintf(withext, sizeof withext, "%.240s.eml", subject && *subject ? subject : "bifogat-meddelande");
		snprintf(fallback, sizeof fallback, "bifogat-meddelande-%d.eml", m->nattach + 1);
		mail_safe_name(withext, fallback, name, sizeof name);
	} else {
		snprintf(fallback, sizeof fallback, "bilaga-%d", m->nattach + 1);
		mail_safe_name(given, fallback, name, sizeof name);
	}
	if (given && strcmp(given, name))
		problem(m, "an attachment's name was not safe to keep and is kept as '%s'", name);
	if ((long)bytes->len > w->lim->max_attachment) {
		problem(m, "the attachment '%s' (%lld bytes) is larger than the limit for one attachment: it is kept "
		        "only inside the original message", name, (long long)bytes->len);
		return;
	}
	if (m->nattach >= MAIL_MAX_ATTACHMENTS) {
		if (!w->attach_capped)
			problem(m, "more attachments than the %d a record takes: the rest are kept only inside the "
			        "original message", MAIL_MAX_ATTACHMENTS);
		w->attach_capped = 1;
		return;
	}
	mail_attachment *a = &m->attach[m->nattach++];
	a->data = (buf)BUF_INIT;
	snprintf(a->name, sizeof a->name, "%s", name);
	snprintf(a->media_type, sizeof a->media_type, "%s", type);
	buf_add(&a->data, bytes->data, bytes->len);
}

static void walk_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	(void)parent;
	walk *w = data;
	if (GMIME_IS_MULTIPART(part))
		return;
	if (++w->parts > MAIL_MAX_PARTS) {
		if (!w->capped)
			problem(w->m, "more than %d MIME parts: the rest are kept only inside the original message",
			        MAIL_MAX_PARTS);
		w->capped = 1;
		return;
	}
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	char type[128];
	snprintf(type, sizeof type, "%s/%s", ct ? g_mime_content_type_get_media_type(ct) : "application",
	         ct ? g_mime_content_type_get_media_subtype(ct) : "octet-stream");
	for (char *c = type; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	GByteArray *bytes;
	GMimeStream *keep;
	part_bytes(part, &bytes, &keep);
	int attachment = GMIME_IS_MESSAGE_PART(part) || (GMIME_IS_PART(part) && g_mime_part_is_attachment(GMIME_PART(part)));
	const char *charset = ct ? g_mime_content_type_get_parameter(ct, "charset") : NULL;
	if (!attachment && !strcmp(type, "text/plain") && !w->have_text) {
		add_text(&w->m->body, (const char *)bytes->data, bytes->len, charset, 1);
		w->have_text = 1;
	} else if (!attachment && !strcmp(type, "text/html") && !w->have_html) {
		buf text = BUF_INIT;
		add_text(&text, (const char *)bytes->data, bytes->len, charset, 1);
		html_to_text(text.s, text.len, &w->html);
		buf_free(&text);
		w->have_html = 1;
	} else if (!attachment && !strncmp(type, "text/", 5)) {
		/* another rendering of the text (multipart/alternative) */
	} else {
		add_attachment(w, part, type, bytes);
	}
	g_object_unref(keep);
}

int mail_parse(const char *data, size_t len, const mail_limits *lim, mail_parsed *m, kerr *e)
{
	static int ready;
	memset(m, 0, sizeof *m);
	m->sender = m->subject = m->body = m->problems = (buf)BUF_INIT;
	if (!ready) {
		g_mime_init();
		ready = 1;
	}
	if ((long)len > lim->max_size)
		return kerr_field(e, KERR_INVALID, "message", KWHY_TOO_LONG, "the message is %zu bytes, more than the "
		                  "limit of %ld: it was not taken in (the sender is told by the mail server)", len,
		                  lim->max_size);
	size_t i = 0;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i == len)
		return kerr_field(e, KERR_INVALID, "message", KWHY_REQUIRED, "the message is empty: there is "
		                  "nothing to take in");
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(data, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(st);
	GMimeParserOptions *opts = g_mime_parser_options_new();
	const char *fallback[] = { "utf-8", "windows-1252", NULL };
	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	GMimeMessage *msg = g_mime_parser_construct_message(parser, opts);
	g_object_unref(parser);
	g_object_unref(st);
	if (!msg || g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(msg))) == 0) {
		problem(m, "the message could not be read as e-mail (no headers): its bytes are shown as text");
		add_text(&m->body, data, len > 65536 ? 65536 : len, NULL, 1);
		if (msg)
			g_object_unref(msg);
		g_mime_parser_options_free(opts);
		return 0;
	}
	const char *mid = g_mime_message_get_message_id(msg);
	if (mid)
		mail_safe_name(mid, "", m->message_id, sizeof m->message_id);
	read_sender(msg, m);
	const char *subject = g_mime_message_get_subject(msg);
	if (subject)
		add_text(&m->subject, subject, strlen(subject), NULL, 0);
	cut_line(m, &m->subject, MAIL_MAX_SUBJECT, "subject");
	cut_line(m, &m->sender, MAIL_MAX_SENDER, "sender");
	GDateTime *sent = g_mime_message_get_date(msg);
	if (sent) {
		time_format_utc((int64_t)g_date_time_to_unix(sent) * 1000000, m->sent, sizeof m->sent);
	}
	read_received(msg, m);
	walk w = { .m = m, .lim = lim, .html = BUF_INIT };
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	if (!top)
		problem(m, "the message has no body");
	else if (GMIME_IS_MULTIPART(top) || GMIME_IS_PART(top) || GMIME_IS_MESSAGE_PART(top))
		g_mime_message_foreach(msg, walk_part, &w);
	if (GMIME_IS_MULTIPART(top) && g_mime_multipart_get_count(GMIME_MULTIPART(top)) == 0) {
		/* Its text is somewhere in the bytes: shown as they are. */
		problem(m, "the message says it has parts but none could be read: its bytes are shown as text");
		add_text(&m->body, data, len > 65536 ? 65536 : len, NULL, 1);
	}
	if (!w.have_text && !w.have_html && GMIME_IS_MULTIPART(top) && !m->body.len)
		/* GMime stops at a depth of nesting; what lies deeper is not read */
		problem(m, "no text was found in the message's parts (they may nest deeper than can be read): "
		        "the original is kept whole");
	if (!w.have_text && w.have_html) {
		buf_add(&m->body, w.html.s, w.html.len);
		problem(m, "the message has only an HTML text: it is shown as text, without its markup");
	}
	buf_free(&w.html);
	g_object_unref(msg);
	g_mime_parser_options_free(opts);
	return 0;
}
