/*
 * api_docs.c — GET /api/v1/docs: the OpenAPI document as a reference page
 * an integrator can read in a browser, made by kansli from the same
 * document it serves as JSON (web/api_doc.h), so the two say the same.
 * No script, no style of its own and nothing from another site: the
 * strict CSP holds and the page works offline. The headings are Swedish
 * like the rest of the UI; the document's own text is English (marked
 * lang="en"), as the API's messages are.
 */
#include <string.h>

#include "web/api_doc.h"
#include "web/html.h"
#include "web/respond.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The name a "$ref" points to, or NULL. */
static const char *ref_name(const json_t *o)
{
	const char *r = str(o, "$ref");
	const char *slash = r ? strrchr(r, '/') : NULL;
	return slash ? slash + 1 : NULL;
}

/* A component (parameter, response) that o refers to, or o itself. */
static const json_t *resolve(const json_t *doc, const char *kind, const json_t *o)
{
	const char *name = ref_name(o);
	if (!name)
		return o;
	const json_t *c = json_object_get(json_object_get(json_object_get(doc, "components"), kind), name);
	return c ? c : o;
}

/* A schema's type in a few words, with links to the named schemas. */
static void type_text(buf *b, const json_t *s)
{
	const char *name = ref_name(s);
	if (name) {
		html_f(b, "<a href=\"#schema-%s\">%s</a>", name, name);
		return;
	}
	static const char *const alts[] = { "oneOf", "anyOf", "allOf" };
	for (size_t a = 0; a < sizeof alts / sizeof alts[0]; a++) {
		const json_t *list = json_object_get(s, alts[a]);
		size_t i;
		const json_t *v;
		json_array_foreach(list, i, v) {
			html_raw(b, i ? (a == 2 ? " and " : " or ") : "");
			type_text(b, v);
		}
		if (list)
			return;
	}
	const json_t *type = json_object_get(s, "type");
	if (json_is_array(type)) {
		size_t i;
		const json_t *v;
		json_array_foreach(type, i, v)
			html_f(b, "%s%s", i ? " | " : "", json_string_value(v));
	} else if (json_is_string(type)) {
		html_f(b, "%s", json_string_value(type));
	}
	if (json_object_get(s, "items")) {
		html_raw(b, " of ");
		type_text(b, json_object_get(s, "items"));
	}
	if (str(s, "format"))
		html_f(b, " (%s)", str(s, "format"));
	const json_t *en = json_object_get(s, "enum");
	if (en) {
		html_raw(b, ": ");
		size_t i;
		const json_t *v;
		json_array_foreach(en, i, v)
			html_f(b, "%s<code>%s</code>", i ? ", " : "", json_is_string(v) ? json_string_value(v) : "null");
	}
	static const char *const bounds[][2] = { { "minimum", "≥ " }, { "maximum", "≤ " }, { "minLength", "length ≥ " },
	                                         { "maxLength", "length ≤ " }, { "maxItems", "items ≤ " } };
	for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++)
		if (json_is_integer(json_object_get(s, bounds[i][0])))
			html_f(b, ", %s%lld", bounds[i][1], (long long)json_integer_value(json_object_get(s, bounds[i][0])));
	if (str(s, "pattern"))
		html_f(b, ", matching <code>%s</code>", str(s, "pattern"));
}

static void parameters(buf *b, const json_t *doc, const json_t *params)
{
	if (!json_array_size(params))
		return;
	html_raw(b, "<table><caption>Parametrar</caption><thead><tr><th scope=\"col\">Namn</th><th scope=\"col\">I</th>"
	            "<th scope=\"col\">Typ</th><th scope=\"col\">Krävs</th><th scope=\"col\">Beskrivning</th></tr>"
	            "</thead><tbody>\n");
	size_t i;
	const json_t *p;
	json_array_foreach(params, i, p) {
		p = resolve(doc, "parameters", p);
		html_f(b, "<tr><td><code>%s</code></td><td>%s</td><td>", str(p, "name"), str(p, "in"));
		type_text(b, json_object_get(p, "schema"));
		html_f(b, "</td><td>%s</td><td lang=\"en\">%s</td></tr>\n",
		       json_is_true(json_object_get(p, "required")) ? "ja" : "nej", str(p, "description"));
	}
	html_raw(b, "</tbody></table>\n");
}

/* Each media type of a body or an answer with its schema. */
static void content(buf *b, const json_t *c)
{
	const char *media;
	const json_t *m;
	int first = 1;
	json_object_foreach((json_t *)c, media, m) {
		html_f(b, "%s<code>%s</code>", first ? "" : "<br>", media);
		if (json_object_get(m, "schema")) {
			html_raw(b, ": ");
			type_text(b, json_object_get(m, "schema"));
		}
		first = 0;
	}
}

/* "get" as "GET" into upper (8 bytes). */
static const char *upper_method(const char *method, char *upper)
{
	size_t n = 0;
	for (; method[n] && n < 7; n++)
		upper[n] = (char)(method[n] & ~0x20);
	upper[n] = '\0';
	return upper;
}

static void operation(buf *b, const json_t *doc, const char *path, const char *method, const json_t *op)
{
	char upper[8];
	upper_method(method, upper);
	html_f(b, "<section id=\"op-%s\"><h3><code>%s /api/v1%s</code></h3>\n<p lang=\"en\"><strong>%s</strong></p>\n"
	          "<p lang=\"en\">%s</p>\n", str(op, "operationId"), upper, path, str(op, "summary"),
	       str(op, "description"));
	if (json_is_array(json_object_get(op, "security")) && !json_array_size(json_object_get(op, "security")))
		html_raw(b, "<p>Ingen inloggning krävs.</p>\n");
	parameters(b, doc, json_object_get(op, "parameters"));
	const json_t *body = json_object_get(op, "requestBody");
	if (body) {
		html_raw(b, "<p>Begäran: ");
		content(b, json_object_get(body, "content"));
		html_raw(b, "</p>\n");
	}
	html_raw(b, "<table><caption>Svar</caption><thead><tr><th scope=\"col\">Status</th><th scope=\"col\">"
	            "Beskrivning</th><th scope=\"col\">Innehåll</th></tr></thead><tbody>\n");
	const char *status;
	const json_t *resp;
	json_object_foreach(json_object_get(op, "responses"), status, resp) {
		resp = resolve(doc, "responses", resp);
		html_f(b, "<tr><td>%s</td><td lang=\"en\">%s</td><td>", status, str(resp, "description"));
		content(b, json_object_get(resp, "content"));
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></section>\n");
}

static void schema(buf *b, const char *name, const json_t *s)
{
	html_f(b, "<section id=\"schema-%s\"><h3>%s</h3>\n<p lang=\"en\">%s</p>\n", name, name, str(s, "description"));
	const json_t *props = json_object_get(s, "properties");
	if (!props) {
		html_raw(b, "<p>");
		type_text(b, s);
		html_raw(b, "</p></section>\n");
		return;
	}
	html_raw(b, "<table><thead><tr><th scope=\"col\">Fält</th><th scope=\"col\">Typ</th><th scope=\"col\">Krävs"
	            "</th><th scope=\"col\">Beskrivning</th></tr></thead><tbody>\n");
	const char *field;
	const json_t *p;
	json_object_foreach((json_t *)props, field, p) {
		int required = 0;
		size_t i;
		const json_t *r;
		json_array_foreach(json_object_get(s, "required"), i, r)
			required |= !strcmp(json_string_value(r), field);
		html_f(b, "<tr><td><code>%s</code></td><td>", field);
		type_text(b, p);
		html_f(b, "</td><td>%s</td><td lang=\"en\">%s</td></tr>\n", required ? "ja" : "nej", str(p, "description"));
	}
	html_raw(b, "</tbody></table></section>\n");
}

enum MHD_Result api_docs_page(request *r, const json_t *doc)
{
	buf b = BUF_INIT;
	const json_t *info = json_object_get(doc, "info");
	html_f(&b, "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
	           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	           "<link rel=\"stylesheet\" href=\"/static/kansli.css\"><title>%s %s – referens</title></head><body>\n"
	           "<header><h1>%s, version %s</h1>\n<p lang=\"en\">%s</p>\n"
	           "<p>Samma beskrivning som OpenAPI-dokument: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>."
	           "</p></header>\n<nav aria-labelledby=\"toc\"><h2 id=\"toc\">Åtgärder</h2><ul>\n",
	       str(info, "title"), str(info, "version"), str(info, "title"), str(info, "version"),
	       str(info, "description"));
	const char *path, *method;
	const json_t *item, *op;
	char upper[8];
	json_object_foreach(json_object_get(doc, "paths"), path, item)
		json_object_foreach((json_t *)item, method, op)
			html_f(&b, "<li><a href=\"#op-%s\"><code>%s %s</code></a> <span lang=\"en\">%s</span></li>\n",
			       str(op, "operationId"), upper_method(method, upper), path, str(op, "summary"));
	html_raw(&b, "</ul></nav>\n<main><h2>Åtgärder i detalj</h2>\n");
	json_object_foreach(json_object_get(doc, "paths"), path, item)
		json_object_foreach((json_t *)item, method, op)
			operation(&b, doc, path, method, op);
	html_raw(&b, "<h2>Scheman</h2>\n");
	const char *name;
	const json_t *s;
	json_object_foreach(json_object_get(json_object_get(doc, "components"), "schemas"), name, s)
		schema(&b, name, s);
	html_raw(&b, "</main></body></html>\n");
	return web_send(r, 200, "text/html; charset=utf-8", &b);
}
