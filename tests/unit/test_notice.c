/*
 * test_notice.c — the notice board's core as another module uses it:
 * notice_post_tx inside the caller's transaction (adjusting minutes and
 * posting the notice are one operation, so a rollback leaves no notice and
 * no event), the dates computed for minutes, the public lists by date
 * (KANSLI_NOW), and a file named by a blob registered in the same
 * transaction (a blob of no public record is refused).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cases.h"
#include "core/kansli.h"
#include "core/notice.h"
#include "core/org.h"
#include "core/records.h"
#include "test.h"
#include "util/timeutil.h"

static int64_t count(kansli *k, const char *sql)
{
	kerr e = KERR_INIT;
	db_stmt *s = db_prep(k->db, sql, &e);
	int64_t n = s && db_step(s, &e) == DB_ROW ? db_col_int(s, 0) : -1;
	if (s)
		db_done(s);
	return n;
}

static const char SQL_NOTICES[] = "SELECT count(*) FROM notice";
static const char SQL_EVENTS[] = "SELECT count(*) FROM event WHERE action = 'notice.post'";
static const char SQL_BLOB[] = "INSERT INTO blob(hash, size, stored_us) VALUES(?1, ?2, ?3)";

int main(void)
{
	time_init_zone();
	setenv("KANSLI_NOW", "2026-12-01", 1);
	char today[11];
	time_today(today);
	CHECK("KANSLI_NOW sets today", strcmp(today, "2026-12-01") == 0);

	char dir[] = "/tmp/kansli-test-notice-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char data[64];
	snprintf(data, sizeof data, "%s/data", dir);
	kerr e = KERR_INIT;
	kansli *k = NULL;
	int64_t org = 0, id = 0;
	CHECK("create an installation", kansli_create(data, "test.example/notice", &e) == 0);
	CHECK("open it", kansli_open(&k, data, &e) == 0);
	if (!k)
		return 1;
	CHECK("an organisation", org_add(k, "kommun", "Kommunen", NULL, &e) == 0 && org_find(k, "kommun", &org, &e) == 0);

	notice_new minutes = { .kind = "minutes", .board = "Kommunstyrelsen", .title = "Protokoll 2026-11-30",
	                       .meeting_date = "2026-11-30", .adjusted_date = "2026-12-01",
	                       .storage_place = "Kommunkansliet", .meeting_id = 7 };
	/* The caller's operation fails after posting: nothing is left. */
	CHECK("begin", kansli_begin(k, &e) == 0);
	CHECK("post inside the caller's transaction", notice_post_tx(k, org, &minutes, &id, &e) == 0 && id > 0);
	kansli_rollback(k);
	CHECK("a rollback leaves no notice", count(k, SQL_NOTICES) == 0);
	CHECK("and no event", count(k, SQL_EVENTS) == 0);

	/* A stored file that is no record's and no notice's may not be posted:
	 * the board publishes only what is public already. */
	char hex[HASH_HEX_LEN + 1];
	const char pdf[] = "%PDF-1.4 protokoll";
	CHECK("store the minutes", blob_put_mem(&k->blobs, pdf, sizeof pdf - 1, hex, &e) == 0);
	CHECK("begin again", kansli_begin(k, &e) == 0);
	db_stmt *s = db_prep(k->db, SQL_BLOB, &e);
	db_bind_text(s, 1, hex);
	db_bind_int(s, 2, (int64_t)(sizeof pdf - 1));
	db_bind_int(s, 3, time_now_us());
	CHECK("blob row in the transaction", db_run(s, &e) == 0);
	minutes.file_hash = hex;
	minutes.file_name = "Protokoll KS 2026-11-30.pdf";
	CHECK("a blob of no record is refused", notice_post_tx(k, org, &minutes, &id, &e) == KERR_NOTFOUND);

	/* The minutes as PDF, registered in the same transaction as the notice
	 * (as adjusting minutes does). */
	int64_t case_id, record_id;
	char case_number[CASENUM_MAX], record_number[CASENUM_MAX];
	int created;
	case_new mc = { .series = "KS", .title = "Sammanträden" };
	record_new mr = { .direction = "internal", .title = "Protokoll 2026-11-30", .nfiles = 1 };
	record_file_in f = { .media_type = "application/pdf", .size = (int64_t)(sizeof pdf - 1) };
	snprintf(f.name, sizeof f.name, "%s", minutes.file_name);
	snprintf(f.hash, sizeof f.hash, "%s", hex);
	mr.files[0] = f.name;
	CHECK("a series", series_create_tx(k, org, "KS", "Kommunstyrelsen", &case_id, &e) == 0);
	CHECK("the minutes registered", case_open_tx(k, org, &mc, &case_id, case_number, &e) == 0 &&
	      record_register_tx(k, org, case_id, case_number, &mr, &f, &record_id, record_number, &created, &e) == 0);
	int rc = notice_post_tx(k, org, &minutes, &id, &e);
	CHECK("post with the file", rc == 0);
	if (rc == 0)
		CHECK("commit", kansli_commit(k, &e) == 0);
	else
		kansli_rollback(k);
	CHECK("one notice, one event", count(k, SQL_NOTICES) == 1 && count(k, SQL_EVENTS) == 1);

	json_t *n = notice_show_public(k, org, id, &e);
	CHECK("public show", n != NULL);
	if (n) {
		CHECK("appeal end 2026-12-22", !strcmp(json_string_value(json_object_get(n, "appeal_end")), "2026-12-22"));
		CHECK("down 2026-12-23", !strcmp(json_string_value(json_object_get(n, "down")), "2026-12-23"));
		CHECK("file name", !strcmp(json_string_value(json_object_get(n, "file")), "Protokoll KS 2026-11-30.pdf"));
		CHECK("meeting id kept", json_integer_value(json_object_get(n, "meeting_id")) == 7);
		CHECK("on the board", json_is_true(json_object_get(n, "on_board")));
		CHECK("not late", json_is_false(json_object_get(n, "late")));
		json_decref(n);
	}
	char path[4300], name[256];
	CHECK("file path", notice_file_path(k, org, id, path, sizeof path, name, sizeof name, &e) == 0 &&
	                   access(path, R_OK) == 0 && !strcmp(name, "Protokoll KS 2026-11-30.pdf"));

	notice_new bad = minutes;
	bad.file_hash = "0000000000000000000000000000000000000000000000000000000000000000";
	CHECK("an unknown blob is refused", notice_post(k, org, &bad, &id, &e) == KERR_NOTFOUND);
	bad = minutes;
	bad.adjusted_date = "2026-12-02";
	CHECK("adjusted after posting is refused", notice_post(k, org, &bad, &id, &e) == KERR_INVALID);
	CHECK("refusals wrote nothing", count(k, SQL_NOTICES) == 1 && count(k, SQL_EVENTS) == 1);

	json_t *cur = notice_list_public(k, org, 0, 100, &e);
	CHECK("on the board on 2026-12-01", cur && json_array_size(cur) == 1);
	json_decref(cur);
	setenv("KANSLI_NOW", "2026-12-22", 1);
	cur = notice_list_public(k, org, 0, 100, &e);
	CHECK("still on the board the last day to appeal", cur && json_array_size(cur) == 1);
	json_decref(cur);
	setenv("KANSLI_NOW", "2026-12-23", 1);
	cur = notice_list_public(k, org, 0, 100, &e);
	json_t *arch = notice_list_public(k, org, 1, 100, &e);
	CHECK("off the board the day after", cur && json_array_size(cur) == 0);
	CHECK("and in the archive", arch && json_array_size(arch) == 1);
	json_decref(cur);
	json_decref(arch);

	kansli_close(k);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	TEST_END();
}
