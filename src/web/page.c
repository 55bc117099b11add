/* page.c — the page context, the organisation a page is about, core's
 * errors as pages, form actions; see page.h and pages.h. */
#include "web/page.h"

#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "web/errtext.h"
#include "web/form_state.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/view.h"

/* core's English message (e->msg) is for the CLI and logs: the page shows
 * errtext's words for the code and field. A refused form comes back whole
 * (form_state.h); what a form named and was not found is the form's error. */
enum MHD_Result page_fail(request *r, const kerr *e)
{
	char msg[600];
	errtext_sv(e, msg, sizeof msg);
	unsigned status = web_status_for(e->code);
	if (e->code == KERR_NOTFOUND && !strcmp(r->method, "POST"))
		status = MHD_HTTP_UNPROCESSABLE_CONTENT;
	enum MHD_Result ret;
	if (form_state_refuse(r, e, NULL, status, &ret))
		return ret;
	return web_error_page(r, status, msg);
}

int page_org(request *r, int64_t *org_id, char code[40], kerr *e)
{
	const char *want = req_param(r, "org");
	json_t *orgs = org_list(r->k, e);
	if (!orgs)
		return KERR_INTERNAL;
	int rc = kerr_set(e, KERR_DENIED, "you belong to no organisation");
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o) {
		const char *c = json_string_value(json_object_get(o, "code"));
		if (!want || !*want || !strcmp(want, c)) {
			snprintf(code, 40, "%s", c);
			rc = org_find(r->k, c, org_id, e);
			break;
		}
	}
	if (rc == KERR_DENIED && want && *want)
		kerr_set(e, KERR_DENIED, "no access to organisation '%s'", want);
	json_decref(orgs);
	return rc;
}

int page_open(page *p, request *r, enum MHD_Result *ret)
{
	*p = (page){ .r = r, .e = KERR_INIT, .b = BUF_INIT };
	if (page_org(r, &p->org_id, p->org, &p->e)) {
		*ret = page_fail(r, &p->e);
		return 1;
	}
	return 0;
}

enum MHD_Result page_run(request *r, page_opened_fn fn)
{
	page p;
	enum MHD_Result ret;
	if (page_open(&p, r, &ret))
		return ret;
	ret = fn(&p);
	page_free(&p);
	return ret;
}

void page_begin(page *p, const char *title)
{
	layout_begin(&p->b, p->r, title);
}

enum MHD_Result page_close(page *p)
{
	return page_close_status(p, 200);
}

enum MHD_Result page_close_status(page *p, unsigned status)
{
	layout_end(&p->b);
	enum MHD_Result ret = web_html(p->r, status, &p->b);
	page_free(p);
	return ret;
}

void page_free(page *p)
{
	buf_free(&p->b);
	while (p->nowned)
		json_decref(p->owned[--p->nowned]);
}

json_t *page_own(page *p, json_t *v)
{
	if (!v)
		return NULL;
	if (p->nowned == PAGE_OWNED_MAX)
		abort();
	return p->owned[p->nowned++] = v;
}

enum MHD_Result page_fail_p(page *p)
{
	page_free(p);
	return page_fail(p->r, &p->e);
}

enum MHD_Result page_error(page *p, unsigned status, const char *message_sv)
{
	buf_free(&p->b);
	enum MHD_Result ret;
	if (!form_state_refuse(p->r, NULL, message_sv, status, &ret))
		ret = web_error_page(p->r, status, message_sv);
	page_free(p); /* after: the message may be a tree's */
	return ret;
}

/* req_int's message is the page layer's own, in Swedish. A form's bad
 * number is the form's error (422); a bad query is a bad address (400). */
enum MHD_Result page_bad_param(page *p)
{
	page_free(p);
	enum MHD_Result ret;
	if (form_state_refuse(p->r, &p->e, p->e.msg, 422, &ret))
		return ret;
	return web_error_page(p->r, 400, p->e.msg);
}

enum MHD_Result page_redirect_done(page *p, const char *path, const char *key, const char *value,
                                   const char *done)
{
	enum MHD_Result ret = view_done(p->r, path, p->org, key, value, done);
	page_free(p); /* after: the value may be a tree's */
	return ret;
}

const char *page_kept_query(page *p, const char *const *keys, size_t n)
{
	buf q = BUF_INIT;
	view_keep_query(&q, p->r, p->org, keys, n);
	json_t *s = page_own(p, json_stringn(q.s, q.len));
	buf_free(&q);
	return s ? json_string_value(s) : "";
}

int page_act(page *p, const struct page_action *table, size_t n, enum MHD_Result *ret)
{
	return page_act_by(p, "atgard", table, n, ret);
}

int page_act_by(page *p, const char *field, const struct page_action *table, size_t n, enum MHD_Result *ret)
{
	const char *name = req_form(p->r, field);
	for (size_t i = 0; name && i < n; i++) {
		if (strcmp(table[i].name, name))
			continue;
		/* the tables hold msgids (N_), or NULL when the action sets its own */
		p->done = table[i].done ? _(table[i].done) : NULL;
		if (table[i].fn(p)) {
			*ret = page_fail_p(p);
			return 1;
		}
		return 0;
	}
	*ret = page_error(p, 400, name ? N_("Okänd åtgärd.") : N_("Åtgärd saknas."));
	return 1;
}
