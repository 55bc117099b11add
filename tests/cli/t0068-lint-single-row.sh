#!/bin/sh
# t0068 — tests/lint-db-step on one-row lookups: a db_step whose result is
# compared or used directly (`if (db_step(s, e) == DB_ROW)`, `found =
# db_step(s, e) == DB_ROW`, `db_step(...) != DB_ROW`, an argument) folds
# "could not read" into "no row" and is rejected, each by file and line;
# so is a captured result that is only compared with DB_ROW and never
# tested for an error before its function ends. The accepted forms pass,
# and so does the tree itself. Needs no build.
TEST_NAME=lint-single-row
. "$(dirname "$0")/lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
LINT="$REPO/tests/lint-db-step"

cat >"$T/bad.c" <<'C'
static int a(db_stmt *s, kerr *e)
{
	if (db_step(s, e) == DB_ROW)
		return 1;
	return 0;
}
static int b(db_stmt *s, kerr *e)
{
	int found = db_step(s, e) == DB_ROW;
	return found;
}
static int c(db_stmt *s, kerr *e)
{
	if (!s || db_step(s, e) != DB_ROW)
		return KERR_NOTFOUND;
	use(db_step(s, e));
	return 0;
}
static int d(db_stmt *s, kerr *e)
{
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		x = db_col_int(s, 0);
	db_done(s);
	if (rc != DB_ROW)
		return kerr_set(e, KERR_NOTFOUND, "no such thing");
	return 0;
}
static int f(db_stmt *s, kerr *e)
{
	int rc;
	if ((rc = db_step(s, e)) != DB_ROW) {
		db_done(s);
		return KERR_NOTFOUND;
	}
	return 0;
}
C
cat >"$T/good.c" <<'C'
static int a(db_stmt *s, kerr *e)
{
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		x = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	return rc == DB_ROW ? 0 : kerr_set(e, KERR_NOTFOUND, "no such thing");
}
static int b(db_stmt *s, kerr *e)
{
	int rc;
	if ((rc = db_step(s, e)) < 0)
		return rc;
	if (rc == DB_ROW)
		n++;
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto fail; }
	int64_t v = rc == DB_ROW ? db_col_int(s, 0) : rc == DB_DONE ? 0 : -1;
	return 0;
}
int db_step(db_stmt *s, kerr *e)
{
	return sqlite3_step(s->st);
}
C
sh "$LINT" "$T/bad.c" >"$T/lint.out" 2>&1
rc=$?
same "the lint rejects six single-row misuses, each by file and line" \
	"$T/bad.c:3 $T/bad.c:9 $T/bad.c:14 $T/bad.c:16 $T/bad.c:21 $T/bad.c:32" \
	"$(sed -n 's/^FAIL lint-db-step: \([^:]*:[0-9]*\):.*/\1/p' "$T/lint.out" | tr '\n' ' ' | sed 's/ $//')"
[ $rc -ne 0 ] && pass "the lint exits non-zero on them" || fail "the lint exited 0 on bad code"
grep -q "bad.c:21: the step result in rc is never tested for an error" "$T/lint.out" &&
	pass "a result compared only with DB_ROW is named as untested" || fail "untested result: $(cat "$T/lint.out")"
sh "$LINT" "$T/good.c" >"$T/lint.out" 2>&1 && grep -q '^PASS' "$T/lint.out" &&
	pass "the lint accepts captured results tested for an error" || fail "lint on good code: $(cat "$T/lint.out")"
# The same bad lookup appended to a copy of a real file is caught there.
cp "$REPO/src/core/cases.c" "$T/cases.c"
printf 'static int late(db_stmt *s, kerr *e)\n{\n\treturn db_step(s, e) == DB_ROW;\n}\n' >>"$T/cases.c"
n=$(wc -l <"$T/cases.c")
sh "$LINT" "$T/cases.c" >"$T/lint.out" 2>&1
same "a bad lookup added to a real file is the only offence found there" "$T/cases.c:$((n - 1))" \
	"$(sed -n 's/^FAIL lint-db-step: \([^:]*:[0-9]*\):.*/\1/p' "$T/lint.out")"
(cd "$REPO" && sh tests/lint-db-step) >"$T/lint.out" 2>&1 && pass "the tree passes the lint" ||
	fail "the tree: $(grep -m3 FAIL "$T/lint.out")"
