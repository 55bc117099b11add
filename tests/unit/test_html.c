/*
 * test_html.c — the HTML builder escapes every character that could end a
 * text or an attribute (a title with a quote must not close value="..."),
 * encodes URL parts byte by byte, and marks exactly the current option;
 * html_f escapes every string argument and nothing of its format, and
 * stops a page that asks it for a conversion it does not know, naming the
 * format on stderr (the page's bug is found by that line).
 */
#include "test.h"
#include "util/buf.h"
#include "web/html.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int text_is(const char *in, const char *want)
{
	buf b = BUF_INIT;
	html_text(&b, in);
	int ok = strcmp(b.s, want) == 0;
	if (!ok)
		printf("  html_text(%s) gave %s, not %s\n", in, b.s, want);
	buf_free(&b);
	return ok;
}

static int url_is(const char *in, const char *want)
{
	buf b = BUF_INIT;
	html_url(&b, in);
	int ok = strcmp(b.s, want) == 0;
	if (!ok)
		printf("  html_url(%s) gave %s, not %s\n", in, b.s, want);
	buf_free(&b);
	return ok;
}

/* html_f's output for one call, compared with want. */
#define F_IS(name, want, ...) do { \
	buf fb = BUF_INIT; \
	html_f(&fb, __VA_ARGS__); \
	int f_ok = strcmp(fb.s, (want)) == 0; \
	if (!f_ok) \
		printf("  html_f gave %s, not %s\n", fb.s, (want)); \
	CHECK(name, f_ok); \
	buf_free(&fb); \
} while (0)

int main(void)
{
	F_IS("html_f keeps the format's markup and escapes %s", "<h1 class=\"x\">&lt;b&gt; &amp; &quot;q&quot; &#39;a&#39;</h1>",
	     "<h1 class=\"x\">%s</h1>", "<b> & \"q\" 'a'");
	F_IS("html_f: a quote in data cannot end the attribute", "<input value=\"&quot; onfocus=&quot;x\">",
	     "<input value=\"%s\">", "\" onfocus=\"x");
	/* a NULL the compiler cannot see, as a missing JSON member is */
	const char *volatile none = NULL;
	F_IS("html_f: NULL for %s is empty", "<p></p>", "<p>%s</p>", none);
	F_IS("html_f: several strings, in order", "a&amp;b c&lt;d", "%s %s", "a&b", "c<d");
	F_IS("html_f: %d %ld %lld, negative too", "1 -2 9007199254740993", "%d %ld %lld", 1, -2L, 9007199254740993LL);
	F_IS("html_f: %u %lu %llu %zu", "4294967295 7 18446744073709551615 42", "%u %lu %llu %zu", 4294967295u, 7ul,
	     18446744073709551615ull, (size_t)42);
	F_IS("html_f: %-s percent-encodes a query value", "<a href=\"/arende?nr=KS%202026%2F0042&amp;x=%26%22%3C\">",
	     "<a href=\"/arende?nr=%-s&amp;x=%-s\">", "KS 2026/0042", "&\"<");
	F_IS("html_f: %-s of NULL is empty", "?nr=", "?nr=%-s", none);
	F_IS("html_f: %% is a percent sign", "100% 5%", "100%% %d%%", 5);
	F_IS("html_f: a format without conversions is copied", "<p>Åtgärder</p>\n", "<p>Åtgärder</p>\n");
	F_IS("html_f: the Swedish letters of data are kept", "Åsa Öberg", "%s", "Åsa Öberg");
	{
		/* appends, never replaces */
		buf fb = BUF_INIT;
		buf_adds(&fb, "<main>");
		html_f(&fb, "%s", "<x>");
		CHECK("html_f appends to what the buffer holds", strcmp(fb.s, "<main>&lt;x&gt;") == 0);
		buf_free(&fb);
	}

	CHECK("html_text escapes the five characters", text_is("<a href=\"x\" title='y'>&</a>",
	      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"));
	CHECK("html_text: a quote cannot end an attribute", text_is("\"", "&quot;"));
	CHECK("html_text keeps Swedish letters and ordinary text", text_is("Åsa Öberg, 3 § ä", "Åsa Öberg, 3 § ä"));
	CHECK("html_text of NULL is empty", text_is(NULL, ""));
	CHECK("html_url keeps the unreserved characters", url_is("AZaz09-._~", "AZaz09-._~"));
	CHECK("html_url encodes the characters just outside them",
	      url_is("@[`{/:", "%40%5B%60%7B%2F%3A"));
	CHECK("html_url encodes space, &, =, + and UTF-8 bytes", url_is("a b&c=d+å", "a%20b%26c%3Dd%2B%C3%A5"));

	buf b = BUF_INIT;
	html_option(&b, "in", "Inkommande", "in");
	CHECK("html_option marks the current value", strcmp(b.s, "<option value=\"in\" selected>Inkommande</option>") == 0);
	buf_free(&b);
	html_option(&b, "out", "Utgående", "in");
	CHECK("html_option leaves another value unmarked", strcmp(b.s, "<option value=\"out\">Utgående</option>") == 0);
	buf_free(&b);
	html_option(&b, "\"", "<", NULL);
	CHECK("html_option escapes value and label, nothing current",
	      strcmp(b.s, "<option value=\"&quot;\">&lt;</option>") == 0);
	buf_free(&b);

	html_options(&b, "b", "a", "A", "b", "<B>", (const char *)NULL);
	CHECK("html_options: every pair an option, the current one selected, labels escaped",
	      strcmp(b.s, "<option value=\"a\">A</option><option value=\"b\" selected>&lt;B&gt;</option>") == 0);
	buf_free(&b);
	html_options(&b, NULL, (const char *)NULL);
	CHECK("html_options with no pairs writes nothing", strcmp(b.s, "") == 0);
	buf_free(&b);

	html_begin(&b, "Diarium & <arkiv>");
	CHECK("html_begin escapes the title", strstr(b.s, "<title>Diarium &amp; &lt;arkiv&gt;</title>") != NULL);
	buf_free(&b);

	/* An unknown conversion (here %x) aborts in a child whose stderr is a pipe. */
	int fds[2];
	char err[256] = "";
	if (pipe(fds) == 0) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			dup2(fds[1], 2);
			html_f(&b, "<p>%x</p>", 255u);
			_exit(0);
		}
		close(fds[1]);
		ssize_t n = read(fds[0], err, sizeof err - 1);
		err[n > 0 ? n : 0] = '\0';
		close(fds[0]);
		int status = 0;
		waitpid(pid, &status, 0);
		CHECK("html_f aborts on a conversion it does not know", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
		CHECK("... naming the format on stderr", strstr(err, "unsupported conversion in \"<p>%x</p>\"") != NULL);
	}
	TEST_END();
}
