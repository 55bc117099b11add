/*
 * test_access.c — need-to-know as other modules use it: access_secret_case
 * (one case) and ACCESS_SECRET_SQL (inside a list query over case_file c)
 * must give the same answer for every user and case, and that answer is
 * the policy: organisation-wide grants cover every case of their own
 * organisation, a unit grant the unit's cases, a board grant the cases in
 * the board's series or ready for it; roles that read no secrets, other
 * organisations and the public never; the installation always.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/access.h"
#include "core/board.h"
#include "core/cases.h"
#include "core/grant.h"
#include "core/kansli.h"
#include "core/meeting.h"
#include "core/org.h"
#include "test.h"
#include "util/timeutil.h"

/* The form search and the case lists use: the cases of org_id whose secrets
 * ?1 may read. */
static const char SQL_SECRET_CASES[] =
	"SELECT c.id FROM case_file c WHERE c.org_id = ?2 AND " ACCESS_SECRET_SQL("1") " ORDER BY c.id";

/* Bit i set when the list query returns case ids[i]. */
static unsigned listed(kansli *k, int64_t user_id, int64_t org_id, const int64_t *ids, int n)
{
	kerr e = KERR_INIT;
	db_stmt *s = db_prep(k->db, SQL_SECRET_CASES, &e);
	unsigned set = 0;
	int rc;
	if (!s)
		return ~0u;
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, org_id);
	while ((rc = db_step(s, &e)) == DB_ROW)
		for (int i = 0; i < n; i++)
			if (db_col_int(s, 0) == ids[i])
				set |= 1u << i;
	return rc < 0 ? ~0u : set;
}

/* Bit i set when access_secret_case allows case ids[i]; ~0 on an error
 * other than a refusal. */
static unsigned decided(kansli *k, int64_t user_id, const int64_t *ids, int n)
{
	unsigned set = 0;
	int64_t was = k->user_id;
	k->user_id = user_id;
	for (int i = 0; i < n; i++) {
		kerr e = KERR_INIT;
		int rc = access_secret_case(k, ids[i], &e);
		if (rc == 0)
			set |= 1u << i;
		else if (rc != KERR_DENIED || !strstr(e.msg, "may not read the secret parts"))
			set = ~0u;
	}
	k->user_id = was;
	return set;
}

int main(void)
{
	time_init_zone();
	setenv("KANSLI_NOW", "2026-03-02", 1);
	char dir[] = "/tmp/kansli-test-access-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char data[64];
	snprintf(data, sizeof data, "%s/data", dir);
	kerr e = KERR_INIT;
	kansli *k = NULL;
	int64_t org = 0, other = 0;
	CHECK("create an installation", kansli_create(data, "test.example/access", &e) == 0);
	CHECK("open it", kansli_open(&k, data, &e) == 0);
	if (!k)
		return 1;
	CHECK("two organisations", org_add(k, "kommun", "Kommunen", NULL, &e) == 0 &&
	      org_add(k, "grann", "Grannen", NULL, &e) == 0 && org_find(k, "kommun", &org, &e) == 0 &&
	      org_find(k, "grann", &other, &e) == 0);
	CHECK("units, series and a board", unit_add(k, org, "SOC", "Socialtjänsten", &e) == 0 &&
	      unit_add(k, org, "SKOLA", "Skolan", &e) == 0 && series_add(k, org, "KS", "KS", &e) == 0 &&
	      series_add(k, org, "SN", "SN", &e) == 0 && series_add(k, other, "KS", "KS", &e) == 0 &&
	      unit_add(k, other, "SOC", "Grannens socialtjänst", &e) == 0 &&
	      board_add(k, org, "SN", "Socialnämnden", "namnd", "SN", &e) == 0);

	/* The cases: 0 of unit SOC, 1 of unit SKOLA, 2 in SN's series, 3 ready
	 * for SN, 4 of nobody, 5 the neighbour's, of its own unit SOC. */
	char num[CASENUM_MAX];
	case_new cases[] = {
		{ .series = "KS", .title = "Enhetens", .unit = "SOC" },
		{ .series = "KS", .title = "Skolans", .unit = "SKOLA" },
		{ .series = "SN", .title = "Nämndens" },
		{ .series = "KS", .title = "Redo för nämnden" },
		{ .series = "KS", .title = "Ingens" },
		{ .series = "KS", .title = "Grannens", .unit = "SOC" },
	};
	int64_t ids[6];
	enum { N = 6 };
	for (int i = 0; i < N; i++) {
		CHECK("open a case", case_open(k, i == 5 ? other : org, &cases[i], num, &e) == 0 &&
		      case_find(k, i == 5 ? other : org, num, &ids[i], &e) == 0);
		if (i == 3)
			CHECK("mark it ready for SN", agenda_mark_ready(k, org, num, "SN", &e) == 0);
	}

	/* user name, role, unit, board, the organisation's cases it may read */
	struct { const char *name, *role, *unit, *board; unsigned want; } users[] = {
		{ "registrator", "registrator", NULL, NULL, 0x1f },
		{ "arkivarie", "arkivarie", NULL, NULL, 0x1f },
		{ "lasare", "lasare", NULL, NULL, 0 },
		{ "sekreterare", "namndsekreterare", NULL, NULL, 0 },
		{ "admin", "administrator", NULL, NULL, 0 },
		{ "soc", "handlaggare", "SOC", NULL, 0x01 },
		{ "skola", "registrator", "SKOLA", NULL, 0x02 },
		{ "namnd", "handlaggare", NULL, "SN", 0x0c },
		{ "bada", "handlaggare", "SOC", "SN", 0x0d },
	};
	for (size_t u = 0; u < sizeof users / sizeof users[0]; u++) {
		int64_t uid = 0;
		char name[96];
		snprintf(name, sizeof name, "grant %s", users[u].name);
		CHECK(name, user_add(k, users[u].name, users[u].name, NULL, &e) == 0 &&
		      user_grant_scoped(k, users[u].name, org, users[u].role, users[u].unit, users[u].board, &e) == 0 &&
		      user_find(k, users[u].name, &uid, &e) == 0);
		unsigned one = decided(k, uid, ids, N), list = listed(k, uid, org, ids, N);
		snprintf(name, sizeof name, "%s: access_secret_case follows the policy", users[u].name);
		CHECK(name, one == users[u].want);
		snprintf(name, sizeof name, "%s: ACCESS_SECRET_SQL agrees with it", users[u].name);
		CHECK(name, list == users[u].want);
		snprintf(name, sizeof name, "%s: nothing of the other organisation", users[u].name);
		CHECK(name, listed(k, uid, other, ids, N) == 0);
	}
	CHECK("the installation reads every case", decided(k, 0, ids, N) == 0x3f &&
	      listed(k, 0, org, ids, N) == 0x1f);
	CHECK("the public reads none", decided(k, -1, ids, N) == 0 && listed(k, -1, org, ids, N) == 0);
	CHECK("an unknown case is refused", decided(k, 0, (int64_t[]){ 999 }, 1) == 0);

	/* Widening a scoped grant to the whole organisation reaches every case. */
	int64_t soc = 0;
	CHECK("widen soc", user_grant(k, "soc", org, "handlaggare", &e) == 0 && user_find(k, "soc", &soc, &e) == 0);
	CHECK("soc now reads every case of the organisation", decided(k, soc, ids, N) == 0x1f &&
	      listed(k, soc, org, ids, N) == 0x1f);
	CHECK("revoke it", user_revoke(k, "soc", org, "handlaggare", NULL, NULL, &e) == 0);
	CHECK("soc reads none", decided(k, soc, ids, N) == 0 && listed(k, soc, org, ids, N) == 0);

	kansli_close(k);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	TEST_END();
}
