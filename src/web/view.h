/*
 * view.h — small pieces the pages share: reading fields of core's result
 * trees, Swedish names for stored codes, CSV cells, carrying a list's
 * filters over to its export and paging links, and the markup every page
 * repeats (status messages, forms' hidden fields, labelled inputs, select
 * options, tables, description lists). Every value is escaped; only the
 * names of fields and pages, which are the program's own, go in as given.
 */
#ifndef KANSLI_VIEW_H
#define KANSLI_VIEW_H

#include <jansson.h>

#include "util/buf.h"
#include "web/request.h"

/* A string member of o, or NULL. */
const char *view_str(json_t *o, const char *key);
const char *view_status_sv(const char *status);
const char *view_direction_sv(const char *direction);
/* A case's status as a tag, colour and word: <span class="tag tag-STATUS">Öppet</span>
 * (an unknown status is written as stored, with the class tag only). */
void view_status_tag(buf *b, const char *status);
/* The same for a case as a <td>. */
void view_status_cell(buf *b, const char *status);
/* A meeting's state as a tag: Planerat, Kallat, Protokoll upprättat, Justerat. */
void view_meeting_tag(buf *b, const char *status);
/* A record's secrecy as a tag with its legal ground ("Sekretess OSL 26 kap.
 * 1 §"); nothing for a record without secrecy. */
void view_secrecy_tag(buf *b, const char *secrecy, const char *legal_ground);
/* <td>text</td>, escaped. */
void view_cell(buf *b, const char *text);
/* <td>title</td> of a record, with its disposal mark ("Gallrad <date>
 * enligt <decision>") after the title when it is disposed. */
void view_title_cell(buf *b, json_t *record);
/* <a href="/PAGE?org=ORG&nr=NUMBER">NUMBER</a>: a case or record by its number. */
void view_number_link(buf *b, const char *page, const char *org, const char *number);
/* <td>, view_number_link, </td> */
void view_number_cell(buf *b, const char *page, const char *org, const char *number);
/* <a href="/fil?org=ORG&nr=RECORD&namn=NAME">LABEL</a>: a record's file. */
void view_file_link(buf *b, const char *org, const char *record, const char *name, const char *label);
/* One ";"-separated, quoted CSV cell; last ends the row. A cell a
 * spreadsheet would run as a formula gets csv.h's apostrophe guard. */
void view_csv_cell(buf *b, const char *value, int last);
/* "&amp;key=value" for each of keys present in the query (org given). */
void view_keep_query(buf *b, request *r, const char *org, const char *const *keys, size_t n);

/* <p class="ok" role="status">text</p>. */
void view_ok(buf *b, const char *text);
/* <p class="error" role="alert">text</p>. */
void view_alert(buf *b, const char *text);
/* The message a change's redirect carries in ?klart=, as view_ok; nothing
 * when there is none. */
void view_flash(buf *b, request *r);
/* <input type="hidden" name="NAME" value="VALUE">. */
void view_hidden(buf *b, const char *name, const char *value);
/* The fields every form that changes something carries: the session's
 * csrf token and the organisation. */
void view_form_fields(buf *b, request *r, const char *org);
/* <form method="post" action="ACTION"[ class="CLS"]> and view_form_fields. */
void view_form_begin(buf *b, request *r, const char *action, const char *cls, const char *org);
/* view_form_begin and the hidden "atgard" that names the action of the
 * page's action table (page_act) the form asks for. */
void view_action_form(buf *b, request *r, const char *action, const char *cls, const char *org, const char *atgard);
/* What a partly secret record can mask: the stored field and its label
 * (a msgid). */
struct mask_choice {
	const char *field, *label;
};
/* A checkbox "maskera" per choice, ticked as the form was sent. */
void view_mask_boxes(buf *b, request *r, const struct mask_choice *choices, size_t n);
/* The fields of choices the form ticked, "title,body", into out ("" for none). */
void view_masked_fields(request *r, const struct mask_choice *choices, size_t n, char *out, size_t len);
/* <p><label for=ID>LABEL</label><input id=ID name=NAME type=TYPE
 * [value=VALUE][ required]></p>; value NULL leaves it out. */
void view_input(buf *b, const char *id, const char *name, const char *label, const char *type, const char *value,
                int required);
/* An <option> per row of rows: value from value_key, label from
 * label_key, selected where the value equals current. */
void view_options(buf *b, json_t *rows, const char *value_key, const char *label_key, const char *current);
/* <div class="table-wrap"><table><caption>CAPTION</caption><thead><tr> a
 * <th scope="col"> per column </tr></thead><tbody>; the wrapper scrolls a
 * table too wide for the screen instead of the page. */
void view_table_begin(buf *b, const char *caption, const char *const *columns, size_t n);
/* </tbody></table></div> and a newline. */
void view_table_end(buf *b);
/* <nav class="pager" aria-label="Sidor"> with links to the page before
 * (when page > 1) and after (when more) as PATH?sida=N plus query (from
 * view_keep_query); the caller adds what else it shows and </nav>. */
void view_pager_begin(buf *b, const char *path, long page, int more, const char *query);
/* The pager of a list of total rows shown per_page at a time, on page:
 * "Sida N av M, X–Y av TOTAL", links to the page before and after, to the
 * first and the last page and to the pages near this one, as
 * PATH?sida=N plus query (from view_keep_query, already encoded). */
void view_pager(buf *b, const char *path, long page, long per_page, long long total, const char *query);
/* The one CSV file posted in the form field FIELD, read into data; 0, or
 * -1 with the error page (422 no file, 500 unreadable) queued in *ret. */
int view_csv_upload(request *r, const char *field, buf *data, enum MHD_Result *ret);
/* <li><a href="PAGE?org=CODE">NAME</a></li> for each organisation. */
void view_org_links(buf *b, json_t *orgs, const char *page);
/* The redirect after a change: PATH?org=ORG[&KEY=VALUE][&klart=DONE], so
 * the page shows what was done (view_flash). key or done NULL leaves it out. */
enum MHD_Result view_done(request *r, const char *path, const char *org, const char *key, const char *value,
                          const char *done);
/* <dt>LABEL</dt><dd>VALUE</dd>. */
void view_meta(buf *b, const char *label, const char *value);

#endif
