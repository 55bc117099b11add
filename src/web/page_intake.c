/*
 * page_intake.c — the registrar's inbox (inkorg): the items waiting to be
 * judged with their age, one item with its text, attachments and
 * previews, and the forms that judge it: register (prefilled with the
 * sender, the subject and the arrival date, for the registrar to check),
 * reject with a reason, forward; searched and filtered, with a total and
 * pages. An officer sees what is forwarded to them or their unit, and may
 * register it or send it back. The rules and who may are core's
 * (core/intake.h, core/access.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/cases.h"
#include "core/intake.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/table.h"
#include "web/view.h"

/* A string member of o, "" when absent. */
static const char *text_of(json_t *o, const char *key)
{
	const char *v = view_str(o, key);
	return v ? v : "";
}

static const char *state_sv(const char *s)
{
	return !strcmp(s, "registered") ? _("registrerad") : !strcmp(s, "rejected") ? _("ska inte diarieföras")
	       : !strcmp(s, "forwarded") ? _("vidarebefordrad") : _("ny");
}

static const char *reason_sv(const char *s)
{
	return !strcmp(s, "not_public") ? _("inte allmän handling")
	       : !strcmp(s, "little_importance") ? _("ringa betydelse (OSL 5 kap. 1 §)") : _("skräppost");
}

static const char *source_sv(const char *s)
{
	return !strcmp(s, "api") ? _("e-tjänst") : _("e-post");
}

/* "3 d 4 h": an item's age, which the law's "received" makes matter. */
static void age_text(json_t *item, char *out, size_t len)
{
	long long h = json_integer_value(json_object_get(item, "age_hours"));
	if (h >= 24)
		snprintf(out, len, _("%lld d %lld h"), h / 24, h % 24);
	else
		snprintf(out, len, _("%lld h"), h);
}

static void number_cell(page *p, json_t *row)
{
	html_f(&p->b, "<td><a href=\"/inkorg/post?org=%-s&amp;id=%lld\">%lld</a></td>", p->org,
	       (long long)json_integer_value(json_object_get(row, "id")),
	       (long long)json_integer_value(json_object_get(row, "id")));
}

static void age_cell(page *p, json_t *row)
{
	char age[40];
	age_text(row, age, sizeof age);
	view_cell(&p->b, age);
}

static void warning_cell(page *p, json_t *row)
{
	html_f(&p->b, "<td>");
	if (json_is_true(json_object_get(row, "personnummer")))
		html_f(&p->b, _("<span class=\"tag warn\">personnummer</span> "));
	if (json_is_true(json_object_get(row, "problems")))
		html_f(&p->b, _("<span class=\"tag\">kunde inte läsas helt</span>"));
	html_f(&p->b, "</td>");
}

static const struct column inbox_columns[] = {
	COL_CUSTOM(N_("Nr"), number_cell), COL(N_("Inkom"), CELL_TEXT, "arrived_local"),
	COL_CUSTOM(N_("Ålder"), age_cell), COL_WORDS(N_("Kanal"), "source", source_sv),
	COL(N_("Avsändare"), CELL_OR_DASH, "sender"), COL(N_("Ämne"), CELL_OR_DASH, "subject"),
	COL(N_("Bilagor"), CELL_INT, "files"), COL_CUSTOM(N_("Varning"), warning_cell),
	COL_WORDS(N_("Status"), "state", state_sv), COL(N_("Handling"), CELL_RECORD, "record"),
};

/* The search and the filters, kept in the form as they were sent. */
static void filter_form(page *p, const intake_filter *f)
{
	html_f(&p->b, _("<form method=\"get\" action=\"/inkorg\" class=\"filters\" aria-label=\"Sök i inkorgen\">"));
	view_hidden(&p->b, "org", p->org);
	view_input(&p->b, "i-sok", "sok", _("Sök (avsändare, ämne, text)"), "search", f->text ? f->text : "", 0);
	html_f(&p->b, _("<p><label for=\"i-visa\">Status</label><select id=\"i-visa\" name=\"visa\">"));
	html_options(&p->b, f->state, "open", _("Att bedöma"), "forwarded", _("Vidarebefordrade"), "registered",
	             _("Registrerade"), "rejected", _("Ska inte diarieföras"), "all", _("Alla"), NULL);
	html_f(&p->b, _("</select></p><p><label for=\"i-kanal\">Kanal</label><select id=\"i-kanal\" name=\"kanal\">"));
	html_options(&p->b, f->source ? f->source : "", "", _("Alla"), "mail", _("e-post"), "api", _("e-tjänst"), NULL);
	html_f(&p->b, "</select></p>");
	view_input(&p->b, "i-fran", "fran", _("Inkom från"), "date", f->from ? f->from : "", 0);
	view_input(&p->b, "i-till-datum", "till", _("Inkom till"), "date", f->to ? f->to : "", 0);
	html_f(&p->b, _("<p><button type=\"submit\">Visa</button></p></form>\n"));
}

/* How long the inbox may go unopened before the start page warns. */
static int settings_form(page *p)
{
	json_t *w = page_own(p, intake_watch(p->r->k, p->org_id, &p->e));
	if (!w)
		return -1;
	char days[12];
	snprintf(days, sizeof days, "%lld", (long long)json_integer_value(json_object_get(w, "unopened_days")));
	view_action_form(&p->b, p->r, "/inkorg", "form", p->org, "bevakning");
	html_f(&p->b, _("<fieldset><legend>Bevakning av inkorgen</legend><p class=\"muted\">Startsidan varnar när "
	       "en post har väntat så många arbetsdagar utan att någon registrator har öppnat inkorgen.</p>"));
	view_input(&p->b, "i-dagar", "dagar", _("Arbetsdagar"), "number", days, 1);
	html_f(&p->b, _("<p><button type=\"submit\">Spara</button></p></fieldset></form>\n"));
	return 0;
}

#define PER_PAGE 50

/* PAGE: GET /inkorg  access: staff (a registrar sees the whole inbox, an officer what is forwarded to them) */
enum MHD_Result page_intake(page *p)
{
	request *r = p->r;
	int64_t pageno = 1;
	if (req_int(r, "sida", 1, 100000, &pageno, &p->e) < 0)
		return page_bad_param(p);
	const char *state = req_str(r, "visa");
	intake_filter f = { .state = *state ? state : "open", .text = req_str(r, "sok"), .source = req_str(r, "kanal"),
	                    .from = req_str(r, "fran"), .to = req_str(r, "till"), .limit = PER_PAGE,
	                    .offset = (int)(pageno - 1) * PER_PAGE };
	int64_t total = 0;
	json_t *items = page_own(p, intake_search(r->k, p->org_id, &f, &total, &p->e));
	if (!items)
		return page_fail_p(p);
	int registrar = access_may(r->k, p->org_id, ACCESS_INTAKE, &p->e);
	if (registrar < 0)
		return page_fail_p(p);
	page_begin(p, _("Inkorg"));
	html_f(&p->b, _("<h1>Inkorg</h1>\n<p>Det som har kommit in till organisationen och väntar på att bedömas. "
	       "En handling räknas som inkommen när den nådde myndigheten: tiden är kanalens egen, och den blir "
	       "handlingens inkomstdatum.</p>\n"));
	if (!registrar)
		html_f(&p->b, _("<p>Du ser det som registratorerna har vidarebefordrat till dig eller din enhet. "
		       "Registrera det, eller skicka tillbaka det om det inte är ditt.</p>\n"));
	view_flash(&p->b, r);
	filter_form(p, &f);
	html_f(&p->b, _("<p>%lld poster.</p>\n"), (long long)total);
	table_write(p, _("Inkorgen, senast inkomna först"), COLUMNS(inbox_columns), items);
	static const char *const keys[] = { "org", "sok", "visa", "kanal", "fran", "till" };
	view_pager(&p->b, "/inkorg", (long)pageno, PER_PAGE, (long long)total, page_kept_query(p, PAGE_KEYS(keys)));
	if (registrar && settings_form(p))
		return page_fail_p(p);
	return page_close(p);
}

static void attachments_list(page *p, json_t *item, int64_t id, int open)
{
	json_t *files = json_object_get(item, "attachments");
	html_f(&p->b, _("<h2>Bilagor</h2>\n"));
	if (!json_array_size(files))
		html_f(&p->b, _("<p>Inga bilagor.</p>\n"));
	size_t i;
	json_t *f;
	json_array_foreach(files, i, f) {
		long long seq = json_integer_value(json_object_get(f, "seq"));
		html_f(&p->b, "<h3><a href=\"/inkorg/fil?org=%-s&amp;id=%lld&amp;fil=%lld\">%s</a></h3>"
		       "<p class=\"muted\">%s, %lld bytes</p>", p->org, (long long)id, seq, view_str(f, "name"),
		       view_str(f, "media_type"), (long long)json_integer_value(json_object_get(f, "size")));
		if (*text_of(f, "preview"))
			html_f(&p->b, "<pre class=\"preview\">%s</pre>\n", view_str(f, "preview"));
	}
	if (open)
		html_f(&p->b, _("<p><a href=\"/inkorg/fil?org=%-s&amp;id=%lld&amp;fil=original\">Originalet som det "
		       "kom in</a></p>\n"), p->org, (long long)id);
}

/* The record's secrecy, unchosen at first: into a case that holds secret
 * records a record is not registered open by default (core/intake_tx.h),
 * so the registrar chooses; elsewhere unchosen is none. form makes the
 * ids unique on the page. */
static void secrecy_fields(page *p, const char *form)
{
	char id[32];
	html_f(&p->b, _("<p><label for=\"%s-sekretess\">Sekretess</label><select id=\"%s-sekretess\" "
	       "name=\"sekretess\"><option value=\"\">Ej vald (krävs i ärenden med sekretess)</option>"), form, form);
	html_options(&p->b, NULL, "none", _("Ingen"), "full", _("Hela handlingen"), NULL);
	html_f(&p->b, "</select></p>");
	snprintf(id, sizeof id, "%s-lagrum", form);
	view_input(&p->b, id, "lagrum", _("Lagrum vid sekretess (t.ex. OSL 26 kap. 1 §)"), "text", NULL, 0);
}

/* The secrecy the form chose into r's fields: NULL when not chosen. */
static void secrecy_chosen(request *r, const char **secrecy, const char **legal_ground)
{
	const char *s = req_str(r, "sekretess");
	*secrecy = *s ? s : NULL;
	*legal_ground = *s && strcmp(s, "none") ? req_str(r, "lagrum") : NULL;
}

static void register_form(page *p, json_t *item, const char *id)
{
	json_t *pre = json_object_get(item, "prefill");
	view_action_form(&p->b, p->r, "/inkorg", "form", p->org, "registrera");
	view_hidden(&p->b, "id", id);
	html_f(&p->b, _("<fieldset><legend>Registrera</legend><p class=\"muted\">Uppgifterna är hämtade ur "
	       "meddelandet: kontrollera dem innan du sparar. Texten, bilagorna och originalet blir handlingens "
	       "filer.</p>"));
	view_input(&p->b, "i-arende", "arende", _("I ärende (t.ex. KS 2026/0001), eller tomt för ett nytt ärende"),
	           "text", NULL, 0);
	view_input(&p->b, "i-serie", "serie", _("Nytt ärende: serie"), "text", NULL, 0);
	view_input(&p->b, "i-arendemening", "arendemening", _("Nytt ärende: ärendemening"), "text", NULL, 0);
	view_input(&p->b, "i-rubrik", "rubrik", _("Handlingens rubrik"), "text", view_str(pre, "title"), 1);
	view_input(&p->b, "i-avsandare", "avsandare", _("Avsändare"), "text", view_str(pre, "party"), 0);
	view_input(&p->b, "i-adress", "adress", _("Avsändarens adress"), "text", view_str(pre, "party_address"), 0);
	view_input(&p->b, "i-datum", "datum", _("Inkom (datum)"), "date", view_str(pre, "doc_date"), 1);
	secrecy_fields(p, "i-reg");
	html_f(&p->b, _("<p><button type=\"submit\">Registrera</button></p></fieldset></form>\n"));
}

static void reject_form(page *p, const char *id)
{
	view_action_form(&p->b, p->r, "/inkorg", "form", p->org, "avvisa");
	view_hidden(&p->b, "id", id);
	html_f(&p->b, _("<fieldset><legend>Ska inte diarieföras</legend><p><label for=\"i-skal\">Skäl</label>"
	       "<select id=\"i-skal\" name=\"skal\" required><option value=\"\"></option>"));
	static const char *const reasons[] = { "not_public", "little_importance", "spam" };
	for (size_t i = 0; i < 3; i++)
		html_f(&p->b, "<option value=\"%s\">%s</option>", reasons[i], reason_sv(reasons[i]));
	html_f(&p->b, _("</select></p><p class=\"muted\">Sparas en tid och rensas sedan bort.</p>"
	       "<p><button type=\"submit\">Markera</button></p></fieldset></form>\n"));
}

static void forward_form(page *p, const char *id)
{
	view_action_form(&p->b, p->r, "/inkorg", "form", p->org, "vidarebefordra");
	view_hidden(&p->b, "id", id);
	html_f(&p->b, _("<fieldset><legend>Vidarebefordra</legend>"));
	view_input(&p->b, "i-till", "till", _("Till handläggare (användarnamn)"), "text", NULL, 0);
	view_input(&p->b, "i-enhet", "enhet", _("eller till enhet (kod)"), "text", NULL, 0);
	view_input(&p->b, "i-anteckning", "anteckning", _("Anteckning"), "text", NULL, 0);
	html_f(&p->b, _("<p><button type=\"submit\">Vidarebefordra</button></p></fieldset></form>\n"));
}

/* One record per case: each attachment goes into the case named beside it. */
static void split_form(page *p, json_t *item, const char *id)
{
	json_t *files = json_object_get(item, "attachments"), *f;
	if (json_array_size(files) < 2)
		return;
	view_action_form(&p->b, p->r, "/inkorg", "form", p->org, "dela");
	view_hidden(&p->b, "id", id);
	html_f(&p->b, _("<fieldset><legend>Dela upp i flera handlingar</legend><p class=\"muted\">Skriv ärendet "
	       "för varje bilaga. Bilagor med samma ärende blir en handling; texten och originalet följer med "
	       "varje handling.</p>"));
	size_t i;
	json_array_foreach(files, i, f) {
		char field[16], label[300];
		long long seq = json_integer_value(json_object_get(f, "seq"));
		snprintf(field, sizeof field, "del-%lld", seq);
		snprintf(label, sizeof label, _("Ärende för %s"), view_str(f, "name"));
		view_input(&p->b, field, field, label, "text", NULL, 1);
	}
	secrecy_fields(p, "i-dela");
	html_f(&p->b, _("<p><button type=\"submit\">Dela upp</button></p></fieldset></form>\n"));
}

static void join_form(page *p, const char *id)
{
	view_action_form(&p->b, p->r, "/inkorg", "form", p->org, "sla-ihop");
	view_hidden(&p->b, "id", id);
	html_f(&p->b, _("<fieldset><legend>Slå ihop med andra poster till en handling</legend>"));
	view_input(&p->b, "i-med", "med", _("Andra poster (nummer, t.ex. 12, 14)"), "text", NULL, 1);
	view_input(&p->b, "i-ihop-arende", "arende", _("I ärende (t.ex. KS 2026/0001), eller tomt för ett nytt ärende"),
	           "text", NULL, 0);
	view_input(&p->b, "i-ihop-serie", "serie", _("Nytt ärende: serie"), "text", NULL, 0);
	view_input(&p->b, "i-ihop-arendemening", "arendemening", _("Nytt ärende: ärendemening"), "text", NULL, 0);
	secrecy_fields(p, "i-ihop");
	html_f(&p->b, _("<p><button type=\"submit\">Slå ihop</button></p></fieldset></form>\n"));
}

static void send_back_form(page *p, const char *id)
{
	view_action_form(&p->b, p->r, "/inkorg", "form", p->org, "tillbaka");
	view_hidden(&p->b, "id", id);
	html_f(&p->b, _("<fieldset><legend>Skicka tillbaka till registraturen</legend>"));
	view_input(&p->b, "i-varfor", "varfor", _("Varför (t.ex. inte mitt område)"), "text", NULL, 1);
	html_f(&p->b, _("<p><button type=\"submit\">Skicka tillbaka</button></p></fieldset></form>\n"));
}

/* PAGE: GET /inkorg/post  access: staff (the registrars, and the officer it is forwarded to) */
enum MHD_Result page_intake_item(page *p)
{
	request *r = p->r;
	int64_t id;
	if (req_int(r, "id", 1, INT64_MAX, &id, &p->e))
		return page_bad_param(p);
	json_t *item = page_own(p, intake_show(r->k, p->org_id, id, &p->e));
	if (!item)
		return page_fail_p(p);
	char idtext[24], age[40], title[80];
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	age_text(item, age, sizeof age);
	snprintf(title, sizeof title, _("Inkorgen, post %lld"), (long long)id);
	page_begin(p, title);
	html_f(&p->b, _("<h1>%s</h1>\n<p><a href=\"/inkorg?org=%-s\">Tillbaka till inkorgen</a></p>\n"),
	       *text_of(item, "subject") ? view_str(item, "subject") : _("(utan ämne)"), p->org);
	view_flash(&p->b, r);
	if (json_is_true(json_object_get(item, "personnummer")))
		view_alert(&p->b, _("Posten innehåller något som ser ut som ett personnummer. Pröva sekretess innan "
		           "den registreras."));
	json_t *problems = json_object_get(item, "problem_list");
	if (json_array_size(problems)) {
		html_f(&p->b, _("<div class=\"alert\"><p>Allt kunde inte läsas som det skulle; originalet är sparat "
		       "oförändrat:</p><ul>"));
		size_t i;
		json_t *pr;
		json_array_foreach(problems, i, pr)
			html_f(&p->b, "<li lang=\"en\">%s</li>", json_string_value(pr));
		html_f(&p->b, "</ul></div>\n");
	}
	html_f(&p->b, "<dl class=\"meta\">");
	view_meta(&p->b, _("Kanal"), source_sv(view_str(item, "source")));
	view_meta(&p->b, _("Avsändare"), text_of(item, "sender"));
	view_meta(&p->b, _("Inkom"), view_str(item, "arrived_local"));
	view_meta(&p->b, _("Ålder"), age);
	view_meta(&p->b, _("Status"), state_sv(view_str(item, "state")));
	if (*text_of(item, "reason"))
		view_meta(&p->b, _("Skäl"), reason_sv(view_str(item, "reason")));
	if (*text_of(item, "forwarded_to"))
		view_meta(&p->b, _("Vidarebefordrad till"), view_str(item, "forwarded_to"));
	if (*text_of(item, "returned_by")) {
		view_meta(&p->b, _("Skickad tillbaka av"), view_str(item, "returned_by"));
		view_meta(&p->b, _("Varför"), text_of(item, "return_note"));
	}
	if (*text_of(item, "record"))
		view_meta(&p->b, _("Registrerad som"), view_str(item, "record"));
	html_f(&p->b, "</dl>\n");
	const char *state = view_str(item, "state");
	int open = !strcmp(state, "open") || !strcmp(state, "forwarded");
	if (open) {
		int registrar = access_may(r->k, p->org_id, ACCESS_INTAKE, &p->e);
		if (registrar < 0)
			return page_fail_p(p);
		html_f(&p->b, _("<h2>Text</h2>\n<pre class=\"preview\">%s</pre>\n"), text_of(item, "text"));
		attachments_list(p, item, id, open);
		register_form(p, item, idtext);
		split_form(p, item, idtext);
		join_form(p, idtext);
		if (registrar) {
			reject_form(p, idtext);
			forward_form(p, idtext);
		}
		if (!strcmp(state, "forwarded"))
			send_back_form(p, idtext);
	}
	return page_close(p);
}

/* PAGE: GET /inkorg/fil  access: staff */
enum MHD_Result page_intake_file(page *p)
{
	request *r = p->r;
	int64_t id;
	if (req_int(r, "id", 1, INT64_MAX, &id, &p->e))
		return page_bad_param(p);
	char path[4400], name[256], type[128];
	if (intake_file_path(r->k, p->org_id, id, req_str(r, "fil"), path, sizeof path, name, type, &p->e))
		return page_fail_p(p);
	page_free(p);
	return web_file(r, path, type, name);
}

static int do_register(page *p)
{
	request *r = p->r;
	int64_t id;
	if (req_int(r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	const char *number = req_str(r, "arende");
	const char *date = req_str(r, "datum");
	record_new rec = { .title = req_str(r, "rubrik"), .doc_date = *date ? date : NULL,
	                   .party_name = req_str(r, "avsandare"), .party_address = req_str(r, "adress") };
	secrecy_chosen(r, &rec.secrecy, &rec.legal_ground);
	case_new c = { .series = req_str(r, "serie"), .title = req_str(r, "arendemening") };
	char record[CASENUM_MAX];
	int rc = intake_register(r->k, p->org_id, id, *number ? number : NULL, &c, &rec, record, &p->e);
	if (!rc) {
		snprintf(p->msg, sizeof p->msg, _("Registrerad som %s."), record);
		p->done = p->msg;
	}
	return rc;
}

static int do_reject(page *p)
{
	int64_t id;
	if (req_int(p->r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	return intake_reject(p->r->k, p->org_id, id, req_str(p->r, "skal"), &p->e);
}

static int do_forward(page *p)
{
	request *r = p->r;
	int64_t id;
	if (req_int(r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	return intake_forward(r->k, p->org_id, id, req_str(r, "till"), req_str(r, "enhet"), req_str(r, "anteckning"),
	                      &p->e);
}

static int do_send_back(page *p)
{
	int64_t id;
	if (req_int(p->r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	return intake_send_back(p->r->k, p->org_id, id, req_str(p->r, "varfor"), &p->e);
}

/* del-SEQ: the case of each attachment; the same case is the same part. */
static int do_split(page *p)
{
	request *r = p->r;
	int64_t id;
	if (req_int(r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	intake_part parts[MAIL_MAX_ATTACHMENTS];
	int n = 0;
	for (int seq = 1; seq <= MAIL_MAX_ATTACHMENTS; seq++) {
		char field[16];
		snprintf(field, sizeof field, "del-%d", seq);
		const char *c = req_str(r, field);
		if (!*c)
			continue;
		int i = 0;
		while (i < n && strcmp(parts[i].case_number, c))
			i++;
		if (i == n)
			parts[n++] = (intake_part){ .case_number = c };
		parts[i].seqs[parts[i].nseqs++] = seq;
	}
	for (int i = 0; i < n; i++)
		secrecy_chosen(r, &parts[i].secrecy, &parts[i].legal_ground);
	char numbers[MAIL_MAX_ATTACHMENTS][CASENUM_MAX];
	int rc = intake_split(r->k, p->org_id, id, parts, n, numbers, &p->e);
	if (!rc) {
		snprintf(p->msg, sizeof p->msg, _("Uppdelad i %d handlingar, den första %s."), n, numbers[0]);
		p->done = p->msg;
	}
	return rc;
}

/* med: the other items' numbers, separated by commas or spaces. */
static int do_join(page *p)
{
	request *r = p->r;
	int64_t ids[INTAKE_JOIN_MAX];
	int n = 1;
	if (req_int(r, "id", 1, INT64_MAX, &ids[0], &p->e))
		return p->e.code;
	const char *s = req_str(r, "med");
	while (*s) {
		while (*s == ',' || *s == ' ')
			s++;
		if (!*s)
			break;
		char *end;
		long long v = strtoll(s, &end, 10);
		if (end == s || v < 1 || n == INTAKE_JOIN_MAX)
			return kerr_field(&p->e, KERR_INVALID, "med", KWHY_FORMAT, _("Skriv de andra posternas nummer, "
			                  "högst %d, åtskilda med komma."), INTAKE_JOIN_MAX - 1);
		ids[n++] = v;
		s = end;
	}
	const char *number = req_str(r, "arende");
	case_new c = { .series = req_str(r, "serie"), .title = req_str(r, "arendemening") };
	record_new rec = { 0 };
	secrecy_chosen(r, &rec.secrecy, &rec.legal_ground);
	char record[CASENUM_MAX];
	int rc = intake_join(r->k, p->org_id, ids, n, *number ? number : NULL, &c, &rec, record, &p->e);
	if (!rc) {
		snprintf(p->msg, sizeof p->msg, _("Ihopslagna som %s."), record);
		p->done = p->msg;
	}
	return rc;
}

static int do_settings(page *p)
{
	int64_t days = 0; /* absent: core refuses it as out of range */
	if (req_int(p->r, "dagar", 1, 60, &days, &p->e) < 0)
		return p->e.code;
	return intake_set_unopened_days(p->r->k, p->org_id, (long)days, &p->e);
}

static const struct page_action intake_actions[] = {
	{ "registrera", do_register, N_("Posten är registrerad.") },
	{ "avvisa", do_reject, N_("Posten är markerad att inte diarieföras.") },
	{ "vidarebefordra", do_forward, N_("Posten är vidarebefordrad.") },
	{ "tillbaka", do_send_back, N_("Posten är skickad tillbaka till registraturen.") },
	{ "bevakning", do_settings, N_("Bevakningen av inkorgen är sparad.") },
	{ "dela", do_split, N_("Posten är uppdelad.") },
	{ "sla-ihop", do_join, N_("Posterna är ihopslagna.") },
};

/* PAGE: POST /inkorg  access: staff */
enum MHD_Result page_intake_post(page *p)
{
	enum MHD_Result ret;
	if (page_act(p, PAGE_ACTIONS(intake_actions), &ret))
		return ret;
	return page_redirect_done(p, "/inkorg", NULL, NULL, p->done);
}
