/*
 * extract.c — text out of documents, in a child process with limits; see
 * extract.h. The child does the parsing; the parent only reads a bounded
 * amount of text from a pipe and waits a bounded time.
 */
#include "extract/extract.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <magic.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/scratch.h"

/* The child's exit status when it stopped at a cap (text size, MIME parts)
 * and what it wrote is the document's text so far. */
#define EXIT_PARTIAL 3

/* State of the one extraction a child process does. Text is streamed to
 * stream_fd as it is found (mail headers first), so a child killed at its
 * limit has already handed over what it extracted. */
static int stream_fd = -1;
static size_t streamed;       /* bytes already written to stream_fd */
static int capped;            /* stopped at a cap: the text is partial */
static const char *part_dir;  /* where a mail's parts are written */
static int max_parts = EXTRACT_MAX_PARTS;
static int parts_seen;

static int is(const char *type, const char *want)
{
	return type && !strcmp(type, want);
}

static void add_text(buf *out, const char *s, size_t n)
{
	size_t have = out->len + streamed;
	if (have + n + 1 > EXTRACT_MAX_TEXT) {
		n = have < EXTRACT_MAX_TEXT ? EXTRACT_MAX_TEXT - have - 1 : 0;
		capped = 1;
	}
	buf_add(out, s, n);
}

/* In the child: hands the text found so far to the parent. */
static void flush_text(buf *out)
{
	if (stream_fd < 0)
		return;
	for (size_t off = 0; off < out->len;) {
		ssize_t w = write(stream_fd, out->s + off, out->len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	streamed += out->len;
	buf_reset(out);
}

/* Text nodes of an XML document held in memory (DOCX word/document.xml,
 * ODT content.xml); paragraphs become spaces. No network, no entities. */
static int xml_text(const char *data, size_t len, buf *out)
{
	xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                        XML_PARSE_NOWARNING);
	if (!r)
		return -1;
	int rc;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v)
				add_text(out, (const char *)v, strlen((const char *)v));
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			const xmlChar *name = xmlTextReaderConstLocalName(r);
			if (name && (!xmlStrcmp(name, BAD_CAST "p") || !xmlStrcmp(name, BAD_CAST "h")))
				add_text(out, "\n", 1);
		}
	}
	xmlFreeTextReader(r);
	return rc == 0 ? 0 : -1;
}

/* One member of a zip container, read with a cap: a zip bomb stops at it. */
static int zip_member_text(const char *path, const char *member, buf *out)
{
	struct archive *a = archive_read_new();
	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		archive_read_free(a);
		return -1;
	}
	struct archive_entry *ent;
	int rc = -1;
	while (archive_read_next_header(a, &ent) == ARCHIVE_OK) {
		if (strcmp(archive_entry_pathname(ent), member)) {
			archive_read_data_skip(a);
			continue;
		}
		buf xml = BUF_INIT;
		char chunk[65536];
		la_ssize_t n;
		while ((n = archive_read_data(a, chunk, sizeof chunk)) > 0) {
			if (xml.len + (size_t)n > EXTRACT_MAX_UNPACKED)
				break;
			buf_add(&xml, chunk, (size_t)n);
		}
		if (n >= 0 && xml.len <= EXTRACT_MAX_UNPACKED)
			rc = xml_text(xml.s, xml.len, out);
		buf_free(&xml);
		break;
	}
	archive_read_free(a);
	return rc;
}

static int html_text(const char *path, buf *out)
{
	buf raw = BUF_INIT;
	if (buf_read_file(&raw, path) != 0 || raw.len > EXTRACT_MAX_UNPACKED) {
		buf_free(&raw);
		return -1;
	}
	/* Without a declared charset, today's documents are UTF-8 (libxml2
	 * would guess Latin-1). */
	const char *enc = strcasestr(raw.s, "charset") ? NULL : "UTF-8";
	htmlDocPtr doc = htmlReadMemory(raw.s, (int)raw.len, NULL, enc,
	                                HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                HTML_PARSE_RECOVER);
	buf_free(&raw);
	if (!doc)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	/* Walk the tree without recursion: a hostile document can be deep. */
	xmlNodePtr n = root;
	while (n) {
		if (n->type == XML_TEXT_NODE && n->content && !(n->parent && n->parent->name &&
		    (!xmlStrcasecmp(n->parent->name, BAD_CAST "script") || !xmlStrcasecmp(n->parent->name, BAD_CAST "style")))) {
			add_text(out, (const char *)n->content, strlen((const char *)n->content));
			add_text(out, " ", 1);
		}
		if (n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != root)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	xmlFreeDoc(doc);
	return 0;
}

static int plain_text(const char *path, buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && out->len < EXTRACT_MAX_TEXT)
		add_text(out, chunk, n);
	fclose(f);
	return 0;
}

static int pdf_text(const char *path, buf *out)
{
	int pipefd[2];
	if (pipe(pipefd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		close(pipefd[1]);
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0)
			dup2(devnull, 2);
		execlp("pdftotext", "pdftotext", "-enc", "UTF-8", "-nopgbrk", "-q", path, "-", (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	char chunk[65536];
	ssize_t n;
	while ((n = read(pipefd[0], chunk, sizeof chunk)) > 0)
		add_text(out, chunk, (size_t)n);
	close(pipefd[0]);
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static const char *sniff(const char *path, char *buf_, size_t len)
{
	/* Loaded once per process: loading the database costs more than
	 * sniffing, and a mail can have many parts. */
	static magic_t m;
	static int loaded;
	if (!m && (m = magic_open(MAGIC_MIME_TYPE)))
		loaded = magic_load(m, NULL) == 0;
	const char *t = m && loaded ? magic_file(m, path) : NULL;
	snprintf(buf_, len, "%s", t ? t : "application/octet-stream");
	return buf_;
}

static int mail_text(const char *path, buf *out, int depth);

/* Text parts of a message, and attachments through extract_direct. */
static void mail_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	(void)parent;
	void **ctx = data;
	buf *out = ctx[0];
	int depth = *(int *)ctx[1];
	/* A mail forwarded inside the mail (message/rfc822): its subject and
	 * parts are read as the outer one's, within the same caps. */
	if (GMIME_IS_MESSAGE_PART(part)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		if (!inner)
			return;
		if (depth >= 3) {
			capped = 1; /* mail in mail in mail: enough, and the text says so */
			return;
		}
		const char *subject = g_mime_message_get_subject(inner);
		if (subject) {
			add_text(out, subject, strlen(subject));
			add_text(out, "\n", 1);
		}
		int inner_depth = depth + 1;
		void *inner_ctx[2] = { out, &inner_depth };
		g_mime_message_foreach(inner, mail_part, inner_ctx);
		return;
	}
	if (!GMIME_IS_PART(part))
		return;
	/* A cap on parts, counted at every depth: ten thousand tiny parts cost
	 * more than one big one, inside a forwarded mail as well. */
	if (++parts_seen > max_parts) {
		capped = 1;
		return;
	}
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(part));
	if (!w)
		return;
	char tmpl[4400];
	const char *dir = part_dir ? part_dir : getenv("TMPDIR");
	int fd = scratch_file(dir && *dir ? dir : "/tmp", "kansli-part", tmpl, sizeof tmpl);
	if (fd < 0)
		return;
	GMimeStream *st = g_mime_stream_fs_new(fd);
	g_mime_data_wrapper_write_to_stream(w, st);
	g_object_unref(st); /* closes fd */
	const char *name = g_mime_part_get_filename(GMIME_PART(part));
	if (name) {
		add_text(out, name, strlen(name));
		add_text(out, "\n", 1);
	}
	char type[128], sniffed[128];
	snprintf(type, sizeof type, "%s/%s", g_mime_content_type_get_media_type(ct),
	         g_mime_content_type_get_media_subtype(ct));
	if (!strcmp(type, "text/plain") || !strcmp(type, "text/html"))
		extract_direct(tmpl, type, out, depth + 1);
	else
		extract_direct(tmpl, sniff(tmpl, sniffed, sizeof sniffed), out, depth + 1);
	unlink(tmpl);
	add_text(out, "\n", 1);
	if (depth == 0)
		flush_text(out);
}

/* The message's own headers, read before the message is parsed: whatever
 * its body costs, its subject, sender and recipients are indexed. */
static void mail_headers(const char *path, buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	buf head = BUF_INIT;
	char line[4096];
	while (head.len < 64 * 1024 && fgets(line, sizeof line, f) && line[0] != '\n' && line[0] != '\r')
		buf_adds(&head, line);
	fclose(f);
	static const char *const wanted[] = { "Subject:", "From:", "To:", "Cc:", "Date:" };
	for (size_t w = 0; w < sizeof wanted / sizeof wanted[0]; w++) {
		size_t wl = strlen(wanted[w]);
		for (const char *p = head.s; p && *p;) {
			const char *eol = strchr(p, '\n');
			if (!strncasecmp(p, wanted[w], wl)) {
				/* The value with its folded continuation lines. */
				buf v = BUF_INIT;
				const char *q = p + wl;
				for (;;) {
					const char *e = strchr(q, '\n');
					size_t n = e ? (size_t)(e - q) : strlen(q);
					while (n && (q[n - 1] == '\r'))
						n--;
					buf_add(&v, q, n);
					if (!e || (e[1] != ' ' && e[1] != '\t'))
						break;
					q = e + 1;
				}
				char *decoded = g_mime_utils_header_decode_text(NULL, v.s ? v.s : "");
				const char *text = decoded ? decoded : (v.s ? v.s : "");
				add_text(out, text, strlen(text));
				add_text(out, "\n", 1);
				g_free(decoded);
				buf_free(&v);
				break;
			}
			p = eol ? eol + 1 : NULL;
		}
	}
	buf_free(&head);
}

static int mail_text(const char *path, buf *out, int depth)
{
	static int ready;
	if (!ready) {
		g_mime_init();
		ready = 1;
	}
	if (depth == 0) {
		mail_headers(path, out);
		flush_text(out);
	}
	GMimeStream *st = g_mime_stream_fs_open(path, O_RDONLY, 0, NULL);
	if (!st)
		return -1;
	GMimeParser *p = g_mime_parser_new_with_stream(st);
	GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
	g_object_unref(p);
	g_object_unref(st);
	if (!m)
		return -1;
	const char *subject = depth > 0 ? g_mime_message_get_subject(m) : NULL;
	if (subject) {
		add_text(out, subject, strlen(subject));
		add_text(out, "\n", 1);
	}
	void *ctx[2] = { out, &depth };
	g_mime_message_foreach(m, mail_part, ctx);
	g_object_unref(m);
	return 0;
}

/* A message saved as .eml often sniffs as text/plain: headers, then a MIME
 * header among them, say it is mail. */
static int looks_like_mail(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char line[1024];
	int headers = 0, mime = 0;
	while (fgets(line, sizeof line, f) && line[0] != '\n' && line[0] != '\r') {
		if (line[0] == ' ' || line[0] == '\t')
			continue;
		char *colon = strchr(line, ':');
		if (!colon || strcspn(line, " \t") < (size_t)(colon - line)) {
			headers = 0;
			break;
		}
		headers++;
		mime |= !strncasecmp(line, "MIME-Version:", 13) || !strncasecmp(line, "Content-Type:", 13);
	}
	fclose(f);
	return headers >= 2 && mime;
}

int extract_direct(const char *path, const char *type, buf *out, int depth)
{
	if (depth > 3) {
		capped = 1; /* mail in mail in mail: enough, and the text is partial */
		return -1;
	}
	if (is(type, "text/plain") && depth == 0 && looks_like_mail(path))
		return mail_text(path, out, depth);
	if (is(type, "text/plain") || is(type, "text/csv"))
		return plain_text(path, out);
	if (is(type, "application/zip")) {
		/* Office documents written by lesser tools sniff as plain zip. */
		if (zip_member_text(path, "word/document.xml", out) == 0)
			return 0;
		return zip_member_text(path, "content.xml", out);
	}
	if (is(type, "text/html") || is(type, "application/xhtml+xml"))
		return html_text(path, out);
	if (is(type, "application/pdf"))
		return pdf_text(path, out);
	if (is(type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
		return zip_member_text(path, "word/document.xml", out);
	if (is(type, "application/vnd.oasis.opendocument.text"))
		return zip_member_text(path, "content.xml", out);
	if (is(type, "message/rfc822"))
		return mail_text(path, out, depth);
	return -1;
}

void extract_default_limits(extract_limits *lim)
{
	lim->cpu_seconds = 10;
	lim->wall_ms = 20000;
	lim->memory = 768L * 1024 * 1024;
	lim->max_parts = EXTRACT_MAX_PARTS;
	lim->tmpdir = NULL;
}

extract_outcome extract_run(const char *path, const char *media_type, const extract_limits *lim, buf *out,
                            kerr *why)
{
	/* The child's own scratch directory, removed with everything in it
	 * after the child is gone, however it ended (kill -9 included). */
	char dir[4400] = "";
	const char *tmp = lim->tmpdir ? lim->tmpdir : getenv("TMPDIR");
	if (scratch_dir(tmp && *tmp ? tmp : "/tmp", "extract", dir, sizeof dir) != 0) {
		kerr_set(why, KERR_IO, "cannot create a directory for the extractor: %s", strerror(errno));
		return EXTRACT_FAILED;
	}
	char parts[16];
	snprintf(parts, sizeof parts, "%d", lim->max_parts);
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) != 0) {
		kerr_set(why, KERR_IO, "cannot create a pipe: %s", strerror(errno));
		scratch_remove(dir);
		return EXTRACT_FAILED;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		scratch_remove(dir);
		kerr_set(why, KERR_IO, "cannot start the extractor: %s", strerror(errno));
		return EXTRACT_FAILED;
	}
	if (pid == 0) {
		/* The child: limits first, then the untrusted parsing. Only
		 * async-signal-safe calls here: the parent may have threads. */
		setpgid(0, 0);
		struct rlimit cpu = { (rlim_t)lim->cpu_seconds, (rlim_t)lim->cpu_seconds + 1 };
		struct rlimit mem = { (rlim_t)lim->memory, (rlim_t)lim->memory };
		struct rlimit fsize = { 256L * 1024 * 1024, 256L * 1024 * 1024 };
		setrlimit(RLIMIT_CPU, &cpu);
#ifndef __SANITIZE_ADDRESS__
		/* AddressSanitizer reserves terabytes of address space for its
		 * shadow; under it (the test build) only the other limits apply. */
		setrlimit(RLIMIT_AS, &mem);
#else
		(void)mem;
#endif
		setrlimit(RLIMIT_FSIZE, &fsize);
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0)
			dup2(devnull, 2);
		dup2(pipefd[1], 1); /* dup2 clears close-on-exec on the copy */
		/* A fresh program, not a copy of a threaded server: the parsing
		 * starts from a clean process image (`kansli _extract`). */
		execl("/proc/self/exe", "kansli", "_extract", media_type, path, dir, parts, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char chunk[65536];
	int timed_out = 0;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		long left = lim->wall_ms - ((now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000);
		struct pollfd p = { pipefd[0], POLLIN, 0 };
		if (left <= 0 || poll(&p, 1, (int)left) <= 0) {
			timed_out = 1;
			break;
		}
		ssize_t n = read(pipefd[0], chunk, sizeof chunk);
		if (n <= 0)
			break;
		/* Not add_text: that is the child's, with its static state. */
		size_t keep = out->len + 1 < EXTRACT_MAX_TEXT ? EXTRACT_MAX_TEXT - out->len - 1 : 0;
		buf_add(out, chunk, (size_t)n < keep ? (size_t)n : keep);
	}
	close(pipefd[0]);
	if (timed_out)
		kill(-pid, SIGKILL), kill(pid, SIGKILL);
	int status = 0;
	waitpid(pid, &status, 0);
	scratch_remove(dir);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !timed_out)
		return EXTRACT_COMPLETE;
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_PARTIAL && !timed_out) {
		kerr_set(why, KERR_INVALID, "stopped at a limit (size or number of parts)");
		return EXTRACT_PARTIAL;
	}
	if (timed_out)
		kerr_set(why, KERR_INVALID, "could not extract: took longer than %d s", lim->wall_ms / 1000);
	else if (WIFSIGNALED(status))
		kerr_set(why, KERR_INVALID, "could not extract: the extractor stopped (signal %d)", WTERMSIG(status));
	else
		kerr_set(why, KERR_INVALID, "could not extract text from this %s", media_type);
	/* What the child handed over before it was stopped is the beginning of
	 * the document's text: keep it, marked as partial. */
	if (out->len > 0 && (timed_out || WIFSIGNALED(status) || WIFEXITED(status)))
		return EXTRACT_PARTIAL;
	buf_reset(out);
	return EXTRACT_FAILED;
}

int extract_text(const char *path, const char *media_type, buf *out, kerr *e)
{
	extract_limits lim;
	extract_default_limits(&lim);
	return extract_run(path, media_type, &lim, out, e) == EXTRACT_FAILED ? KERR_INVALID : 0;
}

int extract_main(int argc, char **argv)
{
	if (argc != 2 && argc != 4)
		return 2;
	if (argc == 4) {
		part_dir = argv[2];
		max_parts = atoi(argv[3]) > 0 ? atoi(argv[3]) : EXTRACT_MAX_PARTS;
	}
	stream_fd = 1;
	buf text = BUF_INIT;
	int rc = extract_direct(argv[1], argv[0], &text, 0);
	if (rc == 0)
		flush_text(&text);
	buf_free(&text);
	/* A failure after text was streamed (a mail whose body would not
	 * parse) still leaves the parent the headers, as a partial text. */
	return rc != 0 ? 1 : capped ? EXIT_PARTIAL : 0;
}
