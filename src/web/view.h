/*
 * view.h — small pieces the pages share: reading fields of core's result
 * trees, Swedish names for stored codes, CSV cells, and carrying a list's
 * filters over to its export and paging links.
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
/* <td>text</td>, escaped. */
void view_cell(buf *b, const char *text);
/* <td>title</td> of a record, with its disposal mark ("Gallrad <date>
 * enligt <decision>") after the title when it is disposed. */
void view_title_cell(buf *b, json_t *record);
/* <td><a href="/PAGE?org=ORG&nr=NUMBER">NUMBER</a></td> */
void view_number_cell(buf *b, const char *page, const char *org, const char *number);
/* One ";"-separated, quoted CSV cell; last ends the row. */
void view_csv_cell(buf *b, const char *value, int last);
/* "&amp;key=value" for each of keys present in the query (org given). */
void view_keep_query(buf *b, request *r, const char *org, const char *const *keys, size_t n);

#endif
