/* form_state.c — a refused form shown again with its values and errors; see form_state.h. */
#include "web/form_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/encoding.h"
#include "web/errtext.h"
#include "web/html.h"
#include "web/pending.h"
#include "web/routes.h"

#define FORM_MAX_QUERY 32
#define FORM_MAX_HELD 16

struct form_state {
	unsigned status;
	char message[600];
	char field[32];          /* core's field the error concerns, or "" */
	long long subject;       /* and the element of a list it is on, or 0 (kerr.subject) */
	char action[256];        /* the path the form was sent to */
	char from[2048];         /* "formsida": the page's path, '\0', its query */
	const char *from_query;  /* into from */
	int nq;
	char *qname[FORM_MAX_QUERY], *qvalue[FORM_MAX_QUERY]; /* the page's query, decoded */
	int nheld;
	struct { char field[64], filename[256], token[PENDING_TOKEN]; } held[FORM_MAX_HELD];
	int finished;
	int public_form;         /* form_state_mark: a public form, its token new */
	int restored;            /* form_state_restore: given back, not refused */
};

/* '+' and %XX decoded in place: 0, or -1 for an encoded NUL. */
static int url_decode(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%' && s[1] && s[2] && strchr("0123456789abcdefABCDEF", s[1]) &&
		           strchr("0123456789abcdefABCDEF", s[2])) {
			char hex[3] = { s[1], s[2], 0 };
			if (!(*o++ = (char)strtol(hex, NULL, 16)))
				return -1;
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return 0;
}

int form_local_path(const char *s)
{
	if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	/* No control character anywhere: browsers drop tabs and newlines from
	 * an address, so "/<TAB>/host" would be "//host", another site. */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return 1;
}

const char *form_state_from(request *r)
{
	const char *from = req_form(r, "formsida");
	return r->logged_in && form_local_path(from) ? from : NULL;
}

const char *form_state_query(request *r, const char *name)
{
	struct form_state *fs = r->form;
	/* a public form is shown on the page it was sent to: its own query */
	if (fs && fs->public_form)
		return MHD_lookup_connection_value(r->c, MHD_GET_ARGUMENT_KIND, name);
	for (int i = 0; fs && i < fs->nq; i++)
		if (!strcmp(fs->qname[i], name))
			return fs->qvalue[i];
	return NULL;
}

struct query_writer {
	buf *b;
	int n;
};

static void query_pair(struct query_writer *w, const char *name, const char *value)
{
	/* the status message of a redirect is not the page's to keep */
	if (!strcmp(name, "klart"))
		return;
	buf_addc(w->b, w->n++ ? '&' : '?');
	html_url(w->b, name);
	buf_addc(w->b, '=');
	html_url(w->b, value ? value : "");
}

static enum MHD_Result query_each(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	query_pair(cls, key, value);
	return MHD_YES;
}

void form_state_here(buf *b, request *r)
{
	buf here = BUF_INIT;
	struct query_writer w = { &here, 0 };
	buf_adds(&here, r->url);
	if (r->form)
		for (int i = 0; i < r->form->nq; i++)
			query_pair(&w, r->form->qname[i], r->form->qvalue[i]);
	else
		MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, query_each, &w);
	html_f(b, "<input type=\"hidden\" name=\"formsida\" value=\"%s\">", here.s);
	buf_free(&here);
}

void form_state_free(request *r)
{
	free(r->form);
	r->form = NULL;
}

/* The value sent in the form field core's field e names ("" when none
 * was sent), or NULL when e names no field. */
static const char *sent_value(request *r, const kerr *e)
{
	if (!e || !*e->field)
		return NULL;
	int file = 0;
	for (int i = 0; i < r->nfields; i++) {
		int here = r->error_input ? !strcmp(r->error_input, r->fields[i].name)
		                          : errtext_field_is(e->field, r->fields[i].name);
		if (here && !r->fields[i].filename)
			return r->fields[i].value.s ? r->fields[i].value.s : "";
		file |= here;
	}
	/* A file field sent a file, not text: its error is worded without a
	 * value (it is no empty field). An empty field is not sent at all
	 * (libmicrohttpd drops "plats="): core was given nothing. */
	return file ? NULL : "";
}

void form_state_mark(request *r, const kerr *e, const char *message, unsigned status)
{
	if (r->form)
		return;
	struct form_state *fs = calloc(1, sizeof *fs);
	if (!fs)
		abort();
	fs->public_form = 1;
	fs->status = status;
	snprintf(fs->message, sizeof fs->message, "%s", message);
	snprintf(fs->field, sizeof fs->field, "%s", e ? e->field : "");
	fs->subject = e ? e->subject : 0;
	snprintf(fs->action, sizeof fs->action, "%s", r->url);
	r->form = fs;
}

void form_state_words(request *r, const kerr *e, char *out, size_t len)
{
	errtext_sv_value(e, sent_value(r, e), out, len);
}

/* r's form, sent to action, shown again on its page ("formsida") with
 * status and the message; see form_state_refuse. */
static int show_again(request *r, const char *action, const kerr *e, const char *message_sv, unsigned status,
                      enum MHD_Result *ret)
{
	const char *from = form_state_from(r);
	if (!from || r->form || r->via_token || strlen(from) >= sizeof r->form->from)
		return 0;
	struct form_state *fs = calloc(1, sizeof *fs);
	if (!fs)
		abort();
	memcpy(fs->from, from, strlen(from) + 1);
	char *q = strchr(fs->from, '?');
	if (q)
		*q++ = '\0';
	page_fn fn = routes_staff_page(fs->from);
	if (!fn) {
		free(fs);
		return 0;
	}
	for (char *pair = q; pair && *pair && fs->nq < FORM_MAX_QUERY;) {
		char *next = strchr(pair, '&');
		if (next)
			*next++ = '\0';
		char *eq = strchr(pair, '=');
		if (eq)
			*eq++ = '\0';
		/* the page's query is checked as every query is (request_text.c) */
		if (url_decode(pair) || (eq && url_decode(eq)) || text_check_str(pair, TEXT_LINE) ||
		    (eq && text_check_str(eq, TEXT_MULTILINE))) {
			free(fs);
			return 0;
		}
		fs->qname[fs->nq] = pair;
		fs->qvalue[fs->nq++] = eq ? eq : pair + strlen(pair);
		pair = next;
	}
	fs->status = status;
	if (message_sv)
		snprintf(fs->message, sizeof fs->message, "%s", _(message_sv)); /* a msgid, or words already */
	else
		errtext_sv_value(e, sent_value(r, e), fs->message, sizeof fs->message);
	snprintf(fs->field, sizeof fs->field, "%s", e ? e->field : "");
	fs->subject = e ? e->subject : 0;
	snprintf(fs->action, sizeof fs->action, "%s", action);
	/* the files sent with the form are kept for the session, so the form
	 * shown again sends them with it (pending.h) */
	for (int i = 0; i < r->nfields && fs->nheld < FORM_MAX_HELD; i++) {
		req_field *f = &r->fields[i];
		if (!f->filename || f->size <= 0)
			continue;
		char token[PENDING_TOKEN];
		if (pending_hold(r, f, token))
			continue;
		snprintf(fs->held[fs->nheld].field, sizeof fs->held[0].field, "%s", f->name);
		snprintf(fs->held[fs->nheld].filename, sizeof fs->held[0].filename, "%s", f->filename);
		memcpy(fs->held[fs->nheld++].token, token, PENDING_TOKEN);
	}
	fs->restored = status < 400;
	r->form = fs;
	r->url = fs->from;
	*ret = fn(r);
	return 1;
}

int form_state_refuse(request *r, const kerr *e, const char *message_sv, unsigned status, enum MHD_Result *ret)
{
	if (strcmp(r->method, "POST") || status < 400 || status > 499 || status == 401)
		return 0;
	return show_again(r, r->url, e, message_sv, status, ret);
}

int form_state_restore(request *r, const char *action, const char *message, enum MHD_Result *ret)
{
	if (!action || strlen(action) >= sizeof r->form->action)
		return 0;
	return show_again(r, action, NULL, message, 200, ret);
}

/* ---- completing the page's markup ---- */

/* One tag's attributes as written: name, and the value's text (still
 * escaped) or NULL for a bare attribute. */
#define TAG_MAX_ATTRS 32
struct attr {
	const char *name, *value;
	size_t name_len, value_len;
};
struct tag {
	int n;
	struct attr a[TAG_MAX_ATTRS];
	const char *end; /* just past the '>' */
};

/* Parses the tag starting at s ("<input ..."); 0, or -1 when it does not
 * end. Quoted values may hold '>' (they do not, escaped, but it costs nothing). */
static int tag_parse(const char *s, struct tag *t)
{
	t->n = 0;
	s += strcspn(s, " \t\n>/");
	for (;;) {
		s += strspn(s, " \t\n/");
		if (!*s)
			return -1;
		if (*s == '>') {
			t->end = s + 1;
			return 0;
		}
		const char *name = s;
		s += strcspn(s, " \t\n=>/");
		size_t name_len = (size_t)(s - name);
		const char *value = NULL;
		size_t value_len = 0;
		if (*s == '=') {
			s++;
			if (*s == '"' || *s == '\'') {
				char quote = *s++;
				value = s;
				s = strchr(s, quote);
				if (!s)
					return -1;
				value_len = (size_t)(s - value);
				s++;
			} else {
				value = s;
				s += strcspn(s, " \t\n>");
				value_len = (size_t)(s - value);
			}
		}
		if (t->n < TAG_MAX_ATTRS)
			t->a[t->n++] = (struct attr){ name, value, name_len, value_len };
	}
}

/* The attribute's value, unescaped, into out (len bytes); NULL when absent. */
static const char *tag_get(const struct tag *t, const char *name, char *out, size_t len)
{
	for (int i = 0; i < t->n; i++) {
		if (t->a[i].name_len != strlen(name) || strncasecmp(t->a[i].name, name, t->a[i].name_len))
			continue;
		size_t o = 0;
		const char *v = t->a[i].value ? t->a[i].value : "", *end = v + t->a[i].value_len;
		static const char *const ent[][2] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		                                      { "&quot;", "\"" }, { "&#39;", "'" } };
		while (v < end && o + 1 < len) {
			size_t k = 0;
			for (; k < 5; k++)
				if (!strncmp(v, ent[k][0], strlen(ent[k][0])))
					break;
			if (k < 5) {
				out[o++] = ent[k][1][0];
				v += strlen(ent[k][0]);
			} else {
				out[o++] = *v++;
			}
		}
		out[o] = '\0';
		return out;
	}
	return NULL;
}

/* Writes the tag again as "<NAME", its attributes but those in drop (a
 * space-separated list), and no closing '>' (the caller adds attributes). */
static void tag_write(buf *b, const char *tagname, const struct tag *t, const char *drop)
{
	buf_addc(b, '<');
	buf_adds(b, tagname);
	for (int i = 0; i < t->n; i++) {
		int dropped = 0;
		for (const char *d = drop; *d && !dropped;) {
			size_t w = strcspn(d, " ");
			dropped = w == t->a[i].name_len && !strncasecmp(d, t->a[i].name, w);
			d += w;
			d += strspn(d, " ");
		}
		if (dropped)
			continue;
		buf_addc(b, ' ');
		buf_add(b, t->a[i].name, t->a[i].name_len);
		if (t->a[i].value) {
			buf_adds(b, "=\"");
			buf_add(b, t->a[i].value, t->a[i].value_len);
			buf_addc(b, '"');
		}
	}
}

/* Whether the form sent name=value (a field may come several times). */
static int sent(request *r, const char *name, const char *value)
{
	for (int i = 0; i < r->nfields; i++)
		if (!r->fields[i].filename && !strcmp(r->fields[i].name, name) &&
		    !strcmp(r->fields[i].value.s ? r->fields[i].value.s : "", value))
			return 1;
	return 0;
}

/* The refused form among the page's: sent to the same action, with every
 * hidden field the value that was sent (the action, the case number...). */
static int form_is_sent(request *r, const char *form, const char *form_end)
{
	struct tag t;
	char v[512], name[128];
	if (tag_parse(form, &t) || !tag_get(&t, "method", v, sizeof v) || strcasecmp(v, "post") ||
	    !tag_get(&t, "action", v, sizeof v))
		return 0;
	/* a public form's action carries the page's ?lang= */
	if (r->form->public_form)
		v[strcspn(v, "?")] = '\0';
	if (strcmp(v, r->form->action))
		return 0;
	for (const char *s = form; (s = strstr(s, "<input")) && s < form_end; s++) {
		if (tag_parse(s, &t))
			return 0;
		if (!tag_get(&t, "type", v, sizeof v) || strcasecmp(v, "hidden") ||
		    !tag_get(&t, "name", name, sizeof name))
			continue;
		if (!strcmp(name, "csrf") || !strcmp(name, "formsida") || !strcmp(name, "uppladdad") ||
		    !strcmp(name, "engang"))
			continue;
		/* a public form's double-submit token is new on every page */
		if (r->form->public_form && (!strcmp(name, "token") || !strcmp(name, "login_token")))
			continue;
		if (!sent(r, name, tag_get(&t, "value", v, sizeof v) ? v : ""))
			return 0;
	}
	return 1;
}

/* Whether the form field name is where the error is: core's field, and
 * when the error is on one element of a list (a § among all the meeting's,
 * a member in the attendance), that element's field "INPUT-ID". */
static int error_is_at(const request *r, const struct form_state *fs, const char *name)
{
	if (r->error_input && *fs->field)
		return !strcmp(r->error_input, name);
	if (!fs->subject)
		return errtext_field_is(fs->field, name);
	const char *dash = strrchr(name, '-');
	char id[24], input[128];
	snprintf(id, sizeof id, "%lld", fs->subject);
	if (!dash || strcmp(dash + 1, id) || (size_t)(dash - name) >= sizeof input)
		return 0;
	snprintf(input, sizeof input, "%.*s", (int)(dash - name), name);
	return errtext_field_is(fs->field, input);
}

struct refill {
	request *r;
	buf *b;
	const char *only_form; /* outside the form: only fields joined to it by form="ID" */
	char anchor[160];   /* the id the summary links to */
	int placed;        /* the message stands beside a field */
	char select[128];  /* the select being written */
	int select_sent;   /* and whether the form sent a value for it */
};

/* Marks the field that was refused: the message before it, and the field
 * pointing at it. Writes the attributes to add into extra. */
static void mark_error(struct refill *f, const struct tag *t, const char *name, buf *extra)
{
	char id[160];
	if (!tag_get(t, "id", id, sizeof id)) {
		snprintf(id, sizeof id, "falt-%s", name);
		html_f(extra, " id=\"%s\"", id);
	}
	html_f(f->b, "<span class=\"field-error\" id=\"fel-%s\">%s</span> ", name, f->r->form->message);
	html_f(extra, " aria-invalid=\"true\" aria-describedby=\"fel-%s\"", name);
	snprintf(f->anchor, sizeof f->anchor, "%s", id);
	f->placed = 1;
}

/* A one-line field's value attribute. A browser drops the line breaks of
 * such a value without a word, joining what was on either side: a break
 * in the field refused is shown ("␍␊") for the user to remove; elsewhere
 * it becomes a space. */
static void one_line_value(buf *b, const char *v, int refused)
{
	if (!strpbrk(v, "\r\n")) {
		html_f(b, " value=\"%s\"", v);
		return;
	}
	buf shown = BUF_INIT;
	for (const char *start = v; *v; v++) {
		if (*v != '\r' && *v != '\n')
			buf_addc(&shown, *v);
		else if (refused)
			buf_adds(&shown, *v == '\r' ? "\u240d" : "\u240a");
		else if (!(*v == '\n' && v > start && v[-1] == '\r'))
			buf_addc(&shown, ' ');
	}
	html_f(b, " value=\"%s\"", shown.s ? shown.s : "");
	buf_free(&shown);
}

/* The form's markup from s to end (its <form> tag already written) with
 * the sent values in its fields. */
static void refill_fields(struct refill *f, const char *s, const char *end)
{
	request *r = f->r;
	struct form_state *fs = r->form;
	while (s < end) {
		const char *lt = memchr(s, '<', (size_t)(end - s));
		if (!lt) {
			buf_add(f->b, s, (size_t)(end - s));
			return;
		}
		buf_add(f->b, s, (size_t)(lt - s));
		s = lt;
		struct tag t;
		char name[128], type[32], value[512];
		int is_input = !strncasecmp(s, "<input", 6), is_area = !strncasecmp(s, "<textarea", 9),
		    is_select = !strncasecmp(s, "<select", 7), is_option = !strncasecmp(s, "<option", 7);
		if (!strncasecmp(s, "</select", 8))
			f->select[0] = '\0';
		if ((!is_input && !is_area && !is_select && !is_option) || tag_parse(s, &t)) {
			buf_addc(f->b, '<');
			s++;
			continue;
		}
		if (f->only_form && !is_option) {
			char joined[160];
			if (!tag_get(&t, "form", joined, sizeof joined) || strcmp(joined, f->only_form)) {
				buf_add(f->b, s, (size_t)(t.end - s));
				s = t.end;
				continue;
			}
		}
		buf extra = BUF_INIT;
		if (is_option) {
			if (f->select[0] && f->select_sent) {
				int on = sent(r, f->select, tag_get(&t, "value", value, sizeof value) ? value : "");
				tag_write(f->b, "option", &t, "selected");
				buf_adds(f->b, on ? " selected>" : ">");
			} else {
				buf_add(f->b, s, (size_t)(t.end - s));
			}
			s = t.end;
			continue;
		}
		if (!tag_get(&t, "name", name, sizeof name)) {
			buf_add(f->b, s, (size_t)(t.end - s));
			s = t.end;
			continue;
		}
		if (!tag_get(&t, "type", type, sizeof type))
			snprintf(type, sizeof type, "text");
		if (is_input && (!strcasecmp(type, "hidden") || !strcasecmp(type, "submit") ||
		                 !strcasecmp(type, "button") || !strcasecmp(type, "reset"))) {
			buf_add(f->b, s, (size_t)(t.end - s));
			s = t.end;
			continue;
		}
		if (!f->placed && error_is_at(r, fs, name))
			mark_error(f, &t, name, &extra);
		const char *tagname = is_input ? "input" : is_area ? "textarea" : "select";
		const char *now = req_form(r, name);
		if (is_input && (!strcasecmp(type, "checkbox") || !strcasecmp(type, "radio"))) {
			tag_write(f->b, tagname, &t, "checked");
			if (sent(r, name, tag_get(&t, "value", value, sizeof value) ? value : "on"))
				buf_adds(f->b, " checked");
		} else if (is_input && (!strcasecmp(type, "file") || !strcasecmp(type, "password"))) {
			/* a password is never written back into a page: it would sit
			 * in the markup, the browser's cache and any proxy's */
			tag_write(f->b, tagname, &t, "value");
		} else if (is_input && now) {
			tag_write(f->b, tagname, &t, "value");
			one_line_value(f->b, now, extra.len > 0);
		} else {
			tag_write(f->b, tagname, &t, "");
		}
		buf_adds(f->b, extra.s ? extra.s : "");
		buf_addc(f->b, '>');
		buf_free(&extra);
		s = t.end;
		if (is_select) {
			snprintf(f->select, sizeof f->select, "%s", name);
			f->select_sent = now != NULL;
		} else if (is_area) {
			const char *close = strstr(s, "</textarea>");
			if (!close || close > end)
				continue;
			if (now)
				html_f(f->b, "%s", now);
			else
				buf_add(f->b, s, (size_t)(close - s));
			s = close;
		} else if (is_input && !strcasecmp(type, "file")) {
			for (int i = 0; i < fs->nheld; i++)
				if (!strcmp(fs->held[i].field, name))
					html_f(f->b, _("<input type=\"hidden\" name=\"uppladdad\" value=\"%s\"><span class="
					       "\"pending-upload\">Bifogad fil finns kvar och skickas med: %s</span>"),
					       fs->held[i].token, fs->held[i].filename);
		}
	}
}

/* The page outside the refused form, into out: copied as it is, but for
 * the fields joined to the form from there by form="ID" (form_id), which
 * are refilled and marked like the form's own. */
static void refill_outside(struct refill *f, const char *form_id, buf *out, const char *from, const char *to)
{
	f->b = out;
	f->only_form = form_id;
	if (form_id)
		refill_fields(f, from, to);
	else
		buf_add(out, from, (size_t)(to - from));
	f->only_form = NULL;
}

void form_state_finish(request *r, unsigned *status, buf *body)
{
	struct form_state *fs = r->form;
	if (!fs || fs->finished || !body->s)
		return;
	fs->finished = 1;
	if (*status == 200)
		*status = fs->status;
	const char *main = strstr(body->s, "<main");
	const char *main_end = main ? strchr(main, '>') : NULL;
	if (!main_end)
		return;
	main_end++;
	/* the refused form among the page's */
	const char *form = NULL, *form_end = NULL;
	struct tag t;
	for (const char *s = main_end; (form = strstr(s, "<form")); s = form_end) {
		form_end = strstr(form, "</form>");
		if (!form_end || tag_parse(form, &t)) {
			form = NULL;
			break;
		}
		if (form_is_sent(r, form, form_end))
			break;
	}
	/* Its fields: those inside it, and those joined to it from elsewhere on
	 * the page by form="ID" (a meeting's § each hold their decision, all
	 * saved by one form). */
	char id[160];
	struct refill f = { .r = r, .anchor = "main" };
	buf before = BUF_INIT, fields = BUF_INIT, after = BUF_INIT;
	const char *body_end = body->s + body->len;
	if (form) {
		const char *form_id = tag_get(&t, "id", id, sizeof id) ? id : NULL;
		refill_outside(&f, form_id, &before, main_end, form);
		buf_add(&before, form, (size_t)(t.end - form));
		f.b = &fields;
		refill_fields(&f, t.end, form_end);
		refill_outside(&f, form_id, &after, form_end, body_end);
	} else {
		buf_add(&after, main_end, (size_t)(body_end - main_end));
	}
	buf out = BUF_INIT;
	buf_add(&out, body->s, (size_t)(main_end - body->s));
	if (form && !f.placed) {
		/* no field to stand beside: the message opens the form */
		html_f(&before, "<p class=\"field-error\" id=\"fel-formular\">%s</p>", fs->message);
		snprintf(f.anchor, sizeof f.anchor, "fel-formular");
	}
	/* a form given back after a login was not refused: it is not saved yet */
	html_f(&out, "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"fel-sammanfattning\" "
	       "tabindex=\"-1\"><h2 id=\"fel-sammanfattning\">%s</h2><ul><li><a href=\"#%s\">%s</a></li></ul></div>\n",
	       fs->restored ? _("Formuläret är inte sparat") : _("Det gick inte att spara"), f.anchor, fs->message);
	buf_adds(&out, before.s ? before.s : "");
	buf_adds(&out, fields.s ? fields.s : "");
	buf_adds(&out, after.s ? after.s : "");
	buf_free(&before);
	buf_free(&fields);
	buf_free(&after);
	buf_free(body);
	*body = out;
}
