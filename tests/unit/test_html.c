/*
 * test_html.c — the HTML builder escapes every character that could end a
 * text or an attribute (a title with a quote must not close value="..."),
 * encodes URL parts byte by byte, and marks exactly the current option.
 */
#include "test.h"
#include "util/buf.h"
#include "web/html.h"

#include <string.h>

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

int main(void)
{
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

	html_begin(&b, "Diarium & <arkiv>");
	CHECK("html_begin escapes the title", strstr(b.s, "<title>Diarium &amp; &lt;arkiv&gt;</title>") != NULL);
	buf_free(&b);
	TEST_END();
}
