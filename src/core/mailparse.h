/*
 * mailparse.h — an incoming e-mail read for the registrar's inbox: who
 * sent it, its subject, when the mail server took it, its text and its
 * attachments, and what could not be read as it should (the problems,
 * said in the inbox, never a refusal: the original is kept whole
 * whatever it holds, so nothing is lost).
 *
 * The message is untrusted. GMime 3 reads it from memory; every header
 * and text comes out as UTF-8 without control characters (a part that is
 * not the charset it claims is read as Windows-1252, whose bytes all
 * mean something), every attachment's name is made safe to keep (no '/',
 * no "..", no control characters), and the limits below cap what one
 * message costs. Seam: it runs in the calling process today; the
 * extractor's child process (src/extract) is where it belongs once
 * mail arrives from the open Internet without an MTA's filters before it.
 *
 * Ownership: mail_parse fills a mail_parsed the caller releases with
 * mail_parsed_free (also after an error).
 */
#ifndef KANSLI_MAILPARSE_H
#define KANSLI_MAILPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

#define MAIL_MAX_ATTACHMENTS 30   /* record files: one for the text, one for the original */
#define MAIL_MAX_PARTS 500        /* MIME parts looked at; the rest stay in the original */
#define MAIL_MAX_SUBJECT 500      /* bytes of the subject kept, as the API takes (a title's length) */
#define MAIL_MAX_SENDER 300       /* bytes of the sender kept, as the API takes */
#define MAIL_DEFAULT_MAX_SIZE (100L * 1024 * 1024)
#define MAIL_DEFAULT_MAX_ATTACHMENT (25L * 1024 * 1024)

typedef struct mail_limits {
	long max_size;       /* the whole message: larger is refused */
	long max_attachment; /* one attachment: larger stays only in the original */
} mail_limits;

typedef struct mail_attachment {
	char name[256];       /* safe to keep as a file name */
	char media_type[128]; /* as the message declares it */
	buf data;             /* decoded content */
} mail_attachment;

typedef struct mail_parsed {
	char message_id[256]; /* without <>; "" when it has none */
	buf sender;           /* "Name <address>", or the address; "" when none */
	buf subject;
	char sent[40];        /* the Date header as the sender's client wrote it, RFC 3339 UTC; "" */
	int64_t received_us;  /* the topmost Received header's time: when our mail
	                       * server took it; 0 when there is none or it is unreadable */
	buf body;             /* the text (an HTML-only message's text without its markup) */
	int nattach;
	mail_attachment attach[MAIL_MAX_ATTACHMENTS];
	buf problems;         /* one line each, in English; "" when none */
} mail_parsed;

void mail_default_limits(mail_limits *lim);

/* Reads the message data[0..len). 0 with m filled (a message GMime cannot
 * read as MIME at all is 0 too, with a problem saying so and its bytes as
 * the text), or KERR_INVALID when it is empty or larger than the limit. */
int mail_parse(const char *data, size_t len, const mail_limits *lim, mail_parsed *m, kerr *e);
void mail_parsed_free(mail_parsed *m);

/* The content hash of a message as its sender sent it: SHA-256 of the
 * message without the trace headers at its top that each delivery adds
 * (Received, Return-Path, Delivered-To, X-Original-To), so that the same
 * message delivered twice hashes the same. hex gets 65 bytes. */
void mail_content_hash(const char *data, size_t len, char hex[65]);

/* name made safe to keep as a file name into out (at most len bytes,
 * valid UTF-8): '/', '\\' and control characters become '_', a leading
 * '.' gets a '_' before it, an empty or unreadable name becomes
 * fallback. */
void mail_safe_name(const char *name, const char *fallback, char *out, size_t len);

#endif
