/* worklist.c — what waits for a user; see worklist.h. */
#include "core/worklist.h"

#include <string.h>

#include "core/meeting.h"

/* Minutes wait for approval only while they are drawn up and not yet
 * adjusted ("held"); there are few such meetings at any time, so each is
 * read whole through meeting_show, whose approvers say who has approved
 * the text as it stands (the same reading the meeting page shows). */
json_t *minutes_awaiting_approval(kansli *k, int64_t org_id, const char *username, kerr *e)
{
	json_t *meetings = meeting_list(k, org_id, NULL, e);
	if (!meetings)
		return NULL;
	json_t *out = json_array();
	size_t i, j;
	json_t *m, *a;
	json_array_foreach(meetings, i, m) {
		const char *status = json_string_value(json_object_get(m, "status"));
		if (!status || strcmp(status, "held"))
			continue;
		json_t *show = meeting_show(k, org_id, json_integer_value(json_object_get(m, "id")), e);
		if (!show) {
			json_decref(out);
			json_decref(meetings);
			return NULL;
		}
		json_array_foreach(json_object_get(show, "approvers"), j, a) {
			const char *user = json_string_value(json_object_get(a, "user"));
			if (user && !strcmp(user, username) && !json_is_true(json_object_get(a, "valid"))) {
				json_array_append_new(out, json_pack("{s:O,s:O,s:O}", "id", json_object_get(show, "id"),
				                                     "board", json_object_get(json_object_get(show, "board"), "name"),
				                                     "date", json_object_get(show, "date")));
				break;
			}
		}
		json_decref(show);
	}
	json_decref(meetings);
	return out;
}
