#!/bin/sh
# t0179 — what the inbox read out of a message is bound to the log (an
# outside review's finds, s8 H2, H9, H10). The sender, subject, text and
# attachments kept beside an item (outside the log, so that a purge
# removes them) are checked against the digest its intake logged: a
# subject or sender changed in the database, or an attachment's blob
# swapped, is found by verify and refused at registration, so a forgery
# never becomes a record. A 600 kB subject is cut and said; the limit of
# attachments is said once; text nested deeper than can be read is said.
TEST_NAME=intake-read
export KANSLI_NOW=2026-12-07
. "$(dirname "$0")/lib.sh"

M="$(dirname "$0")/../data/mail"
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
mail() { k intake mail --org kommun "$@"; }
records() { sql "SELECT count(*) FROM record"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-reg" | k user add reg reg --password-stdin >/dev/null
k user grant reg registrator >/dev/null

msg() { # msg N SUBJECT: a mail with two attachments
	printf 'From: Olle <olle@x.example>\nSubject: %s\nMessage-ID: <m%s@x.example>\nMIME-Version: 1.0\n' "$2" "$1"
	printf 'Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHej.\n'
	printf -- '--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nBilaga A %s\n' "$1"
	printf -- '--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=b.txt\n\nBilaga B %s\n--b--\n' "$1"
}
for n in 1 2 3; do msg $n "Ansökan $n" | mail >/dev/null; done
ok "the untouched inbox verifies" k verify

# the subject changed behind the program's back
cp "$KANSLI_DATA/kansli.db" "$T/clean.db"
sql "UPDATE intake_content SET subject = 'Bygglov beviljat', sender = 'Kommunchefen <kc@kommun.se>' WHERE item_id = 1"
fails "verify finds the changed subject" "inbox item 1" k verify
fails "registering it is refused" "inbox item 1" k --user reg intake register 1 --series KS --case-title "Ansökan"
same "(no record)" "0" "$(records)"
same "(the item is still open)" "0" "$(sql "SELECT count(*) FROM intake_decision")"

# an attachment's blob swapped for another item's
cp "$T/clean.db" "$KANSLI_DATA/kansli.db"; rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"
sql "UPDATE intake_file SET hash = (SELECT hash FROM intake_file WHERE item_id = 3 AND seq = 1) WHERE item_id = 2 AND seq = 1"
fails "verify finds the swapped attachment" "inbox item 2" k verify
fails "registering it is refused" "inbox item 2" k --user reg intake register 2 --series KS --case-title "Ansökan"
same "(no record)" "0" "$(records)"

# a preview changed is found too
cp "$T/clean.db" "$KANSLI_DATA/kansli.db"; rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"
sql "UPDATE intake_file SET preview = 'Allt är beviljat' WHERE item_id = 3 AND seq = 2"
fails "verify finds the changed preview" "inbox item 3" k verify

# an open item's rows taken away (s8c C2)
cp "$T/clean.db" "$KANSLI_DATA/kansli.db"; rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"
sql "DELETE FROM intake_file WHERE item_id = 2; DELETE FROM intake_content WHERE item_id = 2"
fails "verify finds an open item's rows gone" "inbox item 2" k verify
fails "registering it is refused" "inbox item 2" k --user reg intake register 2 --series KS --case-title "Ansökan" --title X
same "(no record)" "0" "$(records)"

# the intake event's digest removed (s8c C3): the log is edited, and the
# registration does not take the item as one taken before digests
cp "$T/clean.db" "$KANSLI_DATA/kansli.db"; rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"
sql "UPDATE event SET data = json_remove(data, '$.read_sha256') WHERE action = 'intake.take' AND object_id = 2;
     UPDATE intake_content SET subject = 'Förfalskad' WHERE item_id = 2"
fails "registering an item whose intake lost its digest is refused" "inbox item 2" \
	k --user reg intake register 2 --series KS --case-title "Ansökan"
same "(no record)" "0" "$(records)"

# forged before the registration reads it, put back before its transaction
# (s8c C1): what was read outside the transaction is not what the log binds
cp "$T/clean.db" "$KANSLI_DATA/kansli.db"; rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"
sql "UPDATE intake_content SET subject = 'Återkallelse', body = 'Jag återkallar' WHERE item_id = 1"
python3 - "$KANSLI_DATA/kansli.db" "$T/locked" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE intake_content SET subject = 'Ansökan 1', body = 'Hej.' WHERE item_id = 1")
open(sys.argv[2], "w").close()
time.sleep(2)
db.execute("COMMIT")
PY
lock=$!
i=0; while [ ! -f "$T/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
k --user reg intake register 1 --series KS --case-title "Ansökan" >"$T/out" 2>&1; rc=$?
wait $lock
[ $rc -ne 0 ] && pass "a registration that read a forgery is refused ($(head -c 120 "$T/out"))" \
	|| fail "the forgery read before the transaction was registered: $(k record show "KS 2026/0001-1" --json | head -c 300)"
same "(no record)" "0" "$(records)"

# untouched: registered as before, and the rows it moved on no longer checked
cp "$T/clean.db" "$KANSLI_DATA/kansli.db"; rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"
ok "an untouched item registers" k --user reg intake register 3 --series KS --case-title "Ansökan 3"
same "(a record)" "1" "$(records)"
ok "and the installation verifies" k verify

# a 600 kB subject is cut, and said
python3 -c 'print("From: a@x.example\nSubject: " + "Lång rubrik " * 50000 + "\nMessage-ID: <long@x.example>\n\nText.")' | mail >/dev/null
ok "the long subject's item shows" k --user reg intake show 4 --json
same "its subject is cut to 500 bytes and an ellipsis" "True" \
	"$(j "$T/out" 'len(d["subject"].encode()) <= 503 and d["subject"].endswith("\u2026")')"
grep -q "subject was" "$T/out" && pass "the cut is said" || fail "the cut is not said: $(head -c 300 "$T/out")"

# forty attachments: the limit said once
python3 -c '
print("From: a@x.example\nSubject: Många\nMessage-ID: <many@x.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nText.")
for n in range(40):
    print("--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=f%d.txt\n\nfil %d" % (n, n))
print("--b--")' | mail >/dev/null
k --user reg intake show 5 --json >"$T/out"
same "the limit of attachments is said once" "1" "$(grep -o 'more attachments than' "$T/out" | wc -l)"

# text nested deeper than can be read: said, not silently empty
python3 -c '
d = 2000
head = "From: a@x.example\nSubject: Djup\nMessage-ID: <deep@x.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n\n"
body = ""
for i in range(1, d):
    body += "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n" % (i - 1, i)
body += "--b%d\nContent-Type: text/plain\n\nDjupt ner.\n--b%d--\n" % (d - 1, d - 1)
for i in range(d - 2, -1, -1):
    body += "--b%d--\n" % i
print(head + body)' | mail >/dev/null
k --user reg intake show 6 --json >"$T/out"
if [ "$(j "$T/out" 'd["text"]')" = "" ]; then
	grep -q "no text was found" "$T/out" && pass "an empty text of a deep message is said" || fail "deep message: empty text, nothing said"
else
	pass "the deep message's text was read"
fi
ok "the installation verifies" k verify
