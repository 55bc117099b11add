/* form_carry.c — a form sent after its session timed out, kept over the login; see form_carry.h. */
#include "web/form_carry.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/session.h"
#include "util/scratch.h"
#include "util/timeutil.h"
#include "web/form_state.h"
#include "web/pages.h"
#include "web/pending.h"
#include "web/respond.h"
#include "web/routes.h"

/* All kept forms' files together: the scratch space they may take. */
#define CARRY_TOTAL_BYTES ((int64_t)1024 * 1024 * 1024)
#define CARRY_PAGE_MAX 2048

struct carried_file {
	char *field, *filename;
	char path[REQ_TMP_PATH];
	int64_t size;
};

/* One kept form. Its strings are its own (freed by carry_free). */
struct carry {
	char token[PENDING_TOKEN];
	int64_t user_id;
	int64_t session_id; /* the session that took it over at login, or 0 */
	int64_t kept_us;
	char *page;         /* "formsida": the page the form was on */
	char *action;       /* the path it was sent to */
	int nfields;
	char **names, **values;
	int nfiles;
	struct carried_file files[REQ_MAX_FILES];
	int64_t bytes;      /* of its files */
};

static struct carry carries[FORM_CARRY_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Frees c's strings and, with remove, its files; c is empty after. */
static void carry_free(struct carry *c, int remove)
{
	for (int i = 0; i < c->nfields; i++) {
		free(c->names[i]);
		free(c->values[i]);
	}
	free(c->names);
	free(c->values);
	for (int i = 0; i < c->nfiles; i++) {
		if (remove)
			unlink(c->files[i].path);
		free(c->files[i].field);
		free(c->files[i].filename);
	}
	free(c->page);
	free(c->action);
	*c = (struct carry){ 0 };
}

/* Under the lock: forgets (and removes) every kept form past its time. */
static void expire(int64_t now)
{
	for (int i = 0; i < FORM_CARRY_SLOTS; i++)
		if (carries[i].token[0] && now - carries[i].kept_us >= (int64_t)FORM_CARRY_TTL_S * 1000000)
			carry_free(&carries[i], 1);
}

int form_carry_token_ok(const char *token)
{
	return token && strlen(token) == PENDING_TOKEN - 1 && strspn(token, "0123456789abcdef") == PENDING_TOKEN - 1;
}

int form_carry_may_keep(const request *r)
{
	return !r->logged_in && !r->via_token && r->gone.user_id > 0 &&
	       (r->gone.ended == SESSION_IDLE || r->gone.ended == SESSION_TOO_OLD);
}

/* Whether from (a "formsida") is a staff page of this site that a form
 * can come back on. */
static int page_comes_back(const char *from)
{
	if (!form_local_path(from) || strlen(from) >= CARRY_PAGE_MAX)
		return 0;
	char path[CARRY_PAGE_MAX];
	snprintf(path, sizeof path, "%s", from);
	path[strcspn(path, "?#")] = '\0';
	return routes_staff_page(path) != NULL;
}

/* Under the lock: a free slot for a form of user_id, its oldest kept
 * form's when it has FORM_CARRY_USER_SLOTS; -1 when the table is full. */
static int slot_for(int64_t user_id)
{
	int free_slot = -1, mine = 0, oldest = -1;
	for (int i = 0; i < FORM_CARRY_SLOTS; i++) {
		if (!carries[i].token[0]) {
			free_slot = free_slot < 0 ? i : free_slot;
			continue;
		}
		if (carries[i].user_id != user_id)
			continue;
		mine++;
		if (oldest < 0 || carries[i].kept_us < carries[oldest].kept_us)
			oldest = i;
	}
	if (mine >= FORM_CARRY_USER_SLOTS) {
		carry_free(&carries[oldest], 1);
		return oldest;
	}
	return free_slot;
}

static int64_t files_kept(void)
{
	int64_t total = 0;
	for (int i = 0; i < FORM_CARRY_SLOTS; i++)
		total += carries[i].bytes;
	return total;
}

/* Keeps r's form (text fields but the stale csrf token and held-file
 * tokens; files, the held ones claimed first): 0 with its token, or -1
 * (nothing kept; r's files stay the request's, removed when it ends). */
static int keep(request *r, char token[PENDING_TOKEN])
{
	const char *from = req_form(r, "formsida");
	if (!page_comes_back(from))
		return -1;
	/* the files an earlier refusal of the form held for the old session */
	if (pending_claim_gone(r))
		return -1;
	int64_t text = 0, bytes = 0;
	int nfields = 0, nfiles = 0;
	for (int i = 0; i < r->nfields; i++) {
		req_field *f = &r->fields[i];
		if (f->filename) {
			nfiles += f->size > 0 && f->tmp_path && f->tmp_path[0];
			bytes += f->size > 0 ? f->size : 0;
		} else if (strcmp(f->name, "csrf") && strcmp(f->name, "uppladdad")) {
			nfields++;
			text += (int64_t)strlen(f->name) + (int64_t)f->value.len;
		}
	}
	if (text > FORM_CARRY_MAX_TEXT || nfiles > REQ_MAX_FILES)
		return -1;
	struct carry c = { .user_id = r->gone.user_id, .kept_us = time_now_us(), .bytes = bytes,
	                   .page = strdup(from), .action = strdup(r->url),
	                   .names = calloc((size_t)nfields + 1, sizeof(char *)),
	                   .values = calloc((size_t)nfields + 1, sizeof(char *)) };
	if (!c.page || !c.action || !c.names || !c.values)
		abort();
	for (int i = 0; i < r->nfields; i++) {
		req_field *f = &r->fields[i];
		if (f->filename || !strcmp(f->name, "csrf") || !strcmp(f->name, "uppladdad"))
			continue;
		c.names[c.nfields] = strdup(f->name);
		c.values[c.nfields] = strdup(f->value.s ? f->value.s : "");
		if (!c.names[c.nfields] || !c.values[c.nfields++])
			abort();
	}
	pthread_mutex_lock(&lock);
	expire(c.kept_us);
	int slot = slot_for(c.user_id);
	if (slot < 0 || files_kept() + bytes > CARRY_TOTAL_BYTES) {
		pthread_mutex_unlock(&lock);
		carry_free(&c, 0);
		return -1;
	}
	/* the files move out of the request, which would remove them */
	for (int i = 0; i < r->nfields; i++) {
		req_field *f = &r->fields[i];
		if (!f->filename || f->size <= 0 || !f->tmp_path || !f->tmp_path[0])
			continue;
		struct carried_file *cf = &c.files[c.nfiles];
		int fd = scratch_file(r->tmpdir, "carry", cf->path, sizeof cf->path);
		if (fd < 0)
			continue;
		close(fd);
		if (f->fd >= 0) {
			close(f->fd);
			f->fd = -1;
		}
		if (rename(f->tmp_path, cf->path) != 0) {
			unlink(cf->path);
			continue;
		}
		f->tmp_path[0] = '\0';
		cf->field = strdup(f->name);
		cf->filename = strdup(f->filename);
		if (!cf->field || !cf->filename)
			abort();
		cf->size = f->size;
		c.nfiles++;
	}
	web_form_token(c.token);
	memcpy(token, c.token, PENDING_TOKEN);
	carries[slot] = c;
	pthread_mutex_unlock(&lock);
	return 0;
}

enum MHD_Result form_carry_keep(request *r, int own_page)
{
	char token[PENDING_TOKEN] = "";
	int kept = form_carry_may_keep(r) && own_page && session_secret_equal(req_form(r, "csrf"), r->gone.csrf) &&
	           keep(r, token) == 0;
	const char *why;
	if (r->gone.ended == SESSION_IDLE)
		why = kept ? N_("Du loggades ut efter 30 minuter utan aktivitet, så formuläret har inte sparats. Logga in "
		                "igen, så kommer det tillbaka ifyllt som du lämnade det.")
		           : N_("Du loggades ut efter 30 minuter utan aktivitet, så formuläret har inte sparats. Logga in "
		                "igen och fyll i det på nytt.");
	else if (r->gone.ended == SESSION_TOO_OLD)
		why = kept ? N_("En inloggning gäller i högst 12 timmar och din har gått ut, så formuläret har inte "
		                "sparats. Logga in igen, så kommer det tillbaka ifyllt som du lämnade det.")
		           : N_("En inloggning gäller i högst 12 timmar och din har gått ut, så formuläret har inte "
		                "sparats. Logga in igen och fyll i det på nytt.");
	else if (r->gone.ended == SESSION_LOGGED_OUT)
		why = N_("Du har loggats ut, så formuläret har inte sparats. Logga in igen och fyll i det på nytt.");
	else
		why = N_("Du är inte inloggad, så formuläret har inte sparats. Logga in och fyll i det på nytt.");
	return page_login_carry(r, 401, _(why), r->gone.username[0] ? r->gone.username : NULL, kept ? token : NULL);
}

int form_carry_adopt(request *r, const char *token, char *to, size_t len)
{
	if (!form_carry_token_ok(token))
		return 0;
	int found = 0;
	pthread_mutex_lock(&lock);
	int64_t now = time_now_us();
	expire(now);
	for (int i = 0; i < FORM_CARRY_SLOTS; i++) {
		struct carry *c = &carries[i];
		if (!c->token[0] || strcmp(c->token, token))
			continue;
		/* another user's form (or one taken over already) goes */
		if (c->user_id != r->s.user_id || c->session_id) {
			carry_free(c, 1);
			break;
		}
		c->session_id = r->s.id;
		c->kept_us = now;
		snprintf(to, len, "%s", c->page);
		found = 1;
		break;
	}
	pthread_mutex_unlock(&lock);
	return found;
}

/* Whether from (a "formsida") is the page at path. */
static int page_is(const char *from, const char *path)
{
	size_t n = strcspn(from, "?#");
	return n == strlen(path) && !strncmp(from, path, n);
}

/* Gives r the kept form's fields: its text, and its files as uploaded
 * file fields the request now owns (and removes when it ends). 0, or -1
 * when r has no room for them (then nothing is added). */
static int give_back(request *r, struct carry *c)
{
	if (r->nfields + c->nfields + c->nfiles > REQ_MAX_FIELDS)
		return -1;
	for (int i = 0; i < c->nfields; i++) {
		req_field *f = &r->fields[r->nfields++];
		*f = (req_field){ .name = c->names[i], .fd = -1, .value = BUF_INIT };
		buf_adds(&f->value, c->values[i]);
		free(c->values[i]);
		c->names[i] = c->values[i] = NULL;
	}
	for (int i = 0; i < c->nfiles; i++) {
		req_field *f = &r->fields[r->nfields++];
		*f = (req_field){ .name = c->files[i].field, .filename = c->files[i].filename, .fd = -1,
		                  .size = c->files[i].size, .value = BUF_INIT, .tmp_path = calloc(1, REQ_TMP_PATH) };
		if (!f->tmp_path)
			abort();
		snprintf(f->tmp_path, REQ_TMP_PATH, "%s", c->files[i].path);
		c->files[i].field = c->files[i].filename = NULL;
	}
	c->nfields = c->nfiles = 0;
	return 0;
}

int form_carry_due(request *r, enum MHD_Result *ret)
{
	if (!r->logged_in || r->via_token || r->nfields)
		return 0;
	struct carry c = { 0 };
	pthread_mutex_lock(&lock);
	expire(time_now_us());
	for (int i = 0; i < FORM_CARRY_SLOTS; i++)
		if (carries[i].token[0] && carries[i].session_id == r->s.id && page_is(carries[i].page, r->url)) {
			c = carries[i];
			carries[i] = (struct carry){ 0 };
			break;
		}
	pthread_mutex_unlock(&lock);
	if (!c.token[0])
		return 0;
	int shown = 0;
	if (give_back(r, &c) == 0)
		shown = form_state_restore(r, c.action, _("Du är inloggad igen. Formuläret är ifyllt som du lämnade det, "
		                                          "men ingenting har sparats ännu: kontrollera uppgifterna och "
		                                          "skicka det."), ret);
	carry_free(&c, 1);
	return shown;
}
