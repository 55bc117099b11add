#!/bin/sh
# t0128 — an organisation's administrator subscribes receivers to its events:
# a registrar's subscription gets a secret record's title and party, a
# reader's gets them masked as core masks them for a reader, another
# organisation's events never arrive, every post carries a Standard
# Webhooks signature the receiver checks with Python's hmac; bad input
# (URLs, event types, users, rights) is refused and changes nothing;
# disable, enable and replay; the subscriptions are covered by the log, the
# secret and the queue are not, and verify still passes.
TEST_NAME=webhooks
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../webhook/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k org add stad "Staden" >/dev/null
k series add --org kommun SN "Socialnämnden" >/dev/null
k series add --org stad BN "Byggnämnden" >/dev/null
for u in anna rita lasse sven; do echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null; done
k user grant anna administrator --org kommun >/dev/null
k user grant rita registrator --org kommun >/dev/null
k user grant lasse lasare --org kommun >/dev/null
k user grant sven registrator --org stad >/dev/null
k user grant sven administrator --org stad >/dev/null

receiver_start reg; PREG=$RPORT
receiver_start reader; PREADER=$RPORT
receiver_start stad; PSTAD=$RPORT
receiver_start wrong; PWRONG=$RPORT

# --- bad input changes nothing
before="$(sql "SELECT count(*) FROM webhook_subscription")/$(sql "SELECT count(*) FROM event")/$(sql "SELECT count(*) FROM webhook_secret")"
fails "plain http to another host is refused" "must be https://" k webhook add --org kommun "http://example.org/hook" --events case.opened --as rita
fails "another scheme is refused" "must be https://" k webhook add --org kommun "ftp://127.0.0.1/hook" --events case.opened --as rita
fails "not a URL is refused" "is not a URL" k webhook add --org kommun "hook" --events case.opened --as rita
fails "a URL with a password is refused" "no user name or password" k webhook add --org kommun "https://u:p@example.org/" --events case.opened --as rita
fails "a URL with a space is refused" "no spaces" k webhook add --org kommun "https://example.org/a b" --events case.opened --as rita
fails "an unknown event type is refused, naming it" "unknown event type 'case.opend'" k webhook add --org kommun "https://example.org/" --events case.opened,case.opend --as rita
fails "no event type is refused" "at least one event type" k webhook add --org kommun "https://example.org/" --events "," --as rita
fails "no user is refused" "needs the user" k webhook add --org kommun "https://example.org/" --events case.opened
fails "a user of another organisation is refused" "'sven' is not an active user of this organisation" k webhook add --org kommun "https://example.org/" --events case.opened --as sven
fails "a registrar may not subscribe" "" k --user rita webhook add --org kommun "https://example.org/" --events case.opened --as rita
fails "nor list the subscriptions" "" k --user lasse webhook list --org kommun
same "refused subscriptions changed nothing" "0/$(echo "$before" | cut -d/ -f2)/0" "$before"
same "... still nothing" "$before" "$(sql "SELECT count(*) FROM webhook_subscription")/$(sql "SELECT count(*) FROM event")/$(sql "SELECT count(*) FROM webhook_secret")"

# --- subscriptions; the secret is shown once
all=case.opened,record.registered,case.decided,case.closed,request.received
fails "an administrator may not have a registrar's rights read for a URL of theirs" "may read secret records" \
	k --user anna webhook add --org kommun "http://127.0.0.1:$PREG/hook" --events "$all" --as rita
ok "the installation's operator subscribes the registrar's receiver" k webhook add --org kommun "http://127.0.0.1:$PREG/hook" --events "$all" --as rita
receiver_accept reg
grep -q '^secret: whsec_' "$T/out" && pass "the secret is shown on adding" || fail "no secret shown"
secret=$(sed -n 's/^secret: \(whsec_[^ ]*\).*/\1/p' "$T/out")
ok "a reader's receiver" k webhook add --org kommun "http://127.0.0.1:$PREADER/hook" --events "$all" --as lasse
receiver_accept reader
ok "the other organisation's receiver" k --user sven webhook add --org stad "http://localhost:$PSTAD/x" --events case.opened,record.registered --as sven
receiver_accept stad
# a receiver that holds the registrar's secret, not its own: nothing verifies
ok "a receiver with a wrong secret" k webhook add --org kommun "http://127.0.0.1:$PWRONG/hook" --events case.opened --as rita
echo "$secret" >"$T/wrong/secrets"
ok "https to anywhere is accepted" k webhook add --org kommun "https://example.org/hook" --events notice.posted --as rita
ok "the list" k webhook list --org kommun --json
grep -q whsec_ "$T/out" && fail "the list shows a secret" || pass "the list shows no secret"
same "the log names no secret" "0" "$(sql "SELECT count(*) FROM event WHERE data LIKE '%whsec_%'")"
same "the subscription binds its secret by hash" "1" "$(sql "SELECT count(*) FROM webhook_subscription w JOIN webhook_secret s ON s.subscription_id = w.id WHERE w.id = 1 AND length(w.secret_sha256) = 64")"
same "subscribing is logged" "5" "$(sql "SELECT count(*) FROM event WHERE action = 'webhook.add'")"

# --- events of both organisations; secret parts
c=$(k case open --org kommun --series SN --title "Bistånd")
k record add --org kommun "$c" --direction in --title "Orosanmälan om Kalle Karlsson" --person "Kalle Karlsson" \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask title,party >/dev/null
k case decide --org kommun "$c" >/dev/null
k case close --org kommun "$c" >/dev/null
k request submit --org kommun --message "Jag vill se beslutet" >/dev/null
s=$(k case open --org stad --series BN --title "Bygglov Stadshuset")
k record add --org stad "$s" --direction in --title "Ansökan" --organisation "Bygg AB" >/dev/null
same "each event owed is queued in its own transaction, once, however many want it" \
	"$(sql "SELECT count(*) FROM event WHERE action IN ('case.open', 'record.register', 'case.decide', 'case.close', 'request.submit')")" \
	"$(sql "SELECT count(*) FROM webhook_event_queue q JOIN event e ON e.id = q.event_id")"
ok "a delivery round" k webhook deliver
same "the round handed every queued event out" "0" "$(sql "SELECT count(*) FROM webhook_event_queue")"
received reg >"$T/reg.txt"; received reader >"$T/reader.txt"; received stad >"$T/stad.txt"; received wrong >"$T/wrong.txt"
same "the registrar's receiver got every type it asked for" \
	"case.closed case.decided case.opened record.registered request.received" \
	"$(awk '{print $1}' "$T/reg.txt" | sort -u | tr '\n' ' ' | sed 's/ $//')"
same "seven posts (the request opens a case of its own and registers a record), none twice" "7 7" \
	"$(wc -l <"$T/reg.txt" | tr -d ' ') $(awk '{print $6}' "$T/reg.txt" | sort -u | wc -l | tr -d ' ')"
grep -q UNVERIFIED "$T/reg.txt" && fail "a signature did not verify" || pass "every signature verifies with the subscription's secret"
grep -q -v UNVERIFIED "$T/wrong.txt" && fail "another secret verified" || pass "no signature verifies with another subscription's secret"
same "a wrong-secret receiver still got its posts" "2" "$(wc -l <"$T/wrong.txt")"
bodies reg >"$T/regb"; bodies reader >"$T/readerb"; bodies stad >"$T/stadb"
grep -q "Orosanmälan om Kalle Karlsson" "$T/regb" && grep -q '"party":"Kalle Karlsson"' "$T/regb" \
	&& pass "the registrar's payload has the secret title and party" || fail "registrar's payload: $(head -c 600 "$T/regb")"
grep -q "Kalle" "$T/readerb" && fail "the reader's payload shows the secret: $(grep Kalle "$T/readerb" | head -c 400)" \
	|| pass "the reader's payloads never name the secret party"
grep '"type":"record.registered"' "$T/readerb" | grep -q '"title":"Sekretess enligt OSL 26 kap. 1 §"' \
	&& pass "the reader's record is masked as core masks it" || fail "reader's record: $(head -c 800 "$T/readerb")"
grep -q "request.received" "$T/reader.txt" && fail "a reader got a request" || pass "a reader, who may not read requests, is sent none"
same "... the log says why" "1" "$(sql "SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.type = 'request.received' AND d.subscription_id = 2 AND d.status = 'failed' AND a.error LIKE 'not sent:%'")"
grep -q "stad\|Bygg" "$T/regb" "$T/readerb" && fail "another organisation's event arrived" || pass "no event of another organisation arrives"
same "the other organisation gets its own" "case.opened record.registered" "$(awk '{print $1}' "$T/stad.txt" | sort | tr '\n' ' ' | sed 's/ $//')"
grep -q "Bistånd\|Kalle" "$T/stadb" && fail "kommun's event at stad" || pass "and nothing of the first"
python3 -c '
import json, sys
from datetime import datetime
from zoneinfo import ZoneInfo
for l in open(sys.argv[1]):
    b = json.loads(json.loads(l)["body"])
    assert set(b) == {"type", "timestamp", "data"}, b
    assert b["data"]["organisation"] == "kommun", b
    # UTC; KANSLI_NOW pins the Swedish day, the UTC day before from 23:00
    day = datetime.fromisoformat(b["timestamp"].replace("Z", "+00:00")).astimezone(ZoneInfo("Europe/Stockholm"))
    assert day.date().isoformat() == "2026-03-02", b
    # the object itself, not the lists a view carries (records, trail)
    for v in b["data"].values():
        assert not isinstance(v, dict) or not any(isinstance(m, (dict, list)) for m in v.values()), v
' "$T/reg/log" && pass "payloads are {type, timestamp, data} of their organisation and time, the object without its lists" ||
	fail "payload shape"
same "the https subscription waits: nothing it subscribed happened" "0" "$(sql "SELECT count(*) FROM webhook_delivery WHERE subscription_id = 5")"

# --- the delivery log
ok "the log of one subscription" k webhook log 1 --org kommun --json
same "every delivery delivered after one attempt with 200" "7 7" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(x["status"] == "delivered" for x in d), sum(len(x["attempt_log"]) == 1 and x["attempt_log"][0]["status"] == 200 for x in d))' "$T/out")"
fails "another organisation's administrator sees no log" "" k --user sven webhook log 1 --org kommun

# --- disable, enable, replay
c2=$(k case open --org kommun --series SN --title "Färdtjänst")
ok "disable" k webhook disable 1 --org kommun
k webhook deliver >/dev/null
same "a disabled subscription is sent nothing" "7" "$(received reg | wc -l)"
same "... what was queued before waits" "pending" "$(sql "SELECT status FROM webhook_delivery WHERE subscription_id = 1 ORDER BY id DESC LIMIT 1")"
c3=$(k case open --org kommun --series SN --title "Hemtjänst")
same "... and nothing is queued while it is disabled" "0" "$(sql "SELECT count(*) FROM webhook_delivery d JOIN event e ON e.id = d.event_id WHERE d.subscription_id = 1 AND e.data LIKE '%Hemtjänst%'")"
ok "enable" k webhook enable 1 --org kommun
k webhook deliver >/dev/null
same "enabled, what waited is sent" "8" "$(received reg | wc -l)"
bodies reg | tail -1 | grep -q Färdtjänst && pass "... the case queued before the pause" || fail "the waiting delivery"
k case open --org kommun --series SN --title "Skolskjuts" >/dev/null
k webhook disable 1 --org kommun >/dev/null && k webhook enable 1 --org kommun >/dev/null
k webhook deliver >/dev/null
bodies reg | grep -q Skolskjuts && pass "an event from before a disable and an enable, not yet handed out, is still sent" \
	|| fail "the event before the disable was lost"
fails "another organisation's webhook cannot be disabled" "no webhook 3 in this organisation" k webhook disable 3 --org kommun
fails "an unknown delivery cannot be replayed" "no webhook delivery 999" k webhook replay 999 --org kommun
ok "replay the first delivery" k webhook replay 1 --org kommun
k webhook deliver >/dev/null
received reg >"$T/r1"
last=$(tail -n 1 "$T/r1" | awk '{print $6}')
same "replayed with its webhook-id, which the receiver de-duplicates" "_1 dup 2" \
	"_${last##*_} $(tail -n 1 "$T/r1" | awk '{print $4}') $(awk -v d="$last" '$6 == d' "$T/r1" | wc -l | tr -d ' ')"
same "disable, enable and replay are logged" "2 2 1" "$(sql "SELECT count(*) FROM event WHERE action = 'webhook.disable'") $(sql "SELECT count(*) FROM event WHERE action = 'webhook.enable'") $(sql "SELECT count(*) FROM event WHERE action = 'webhook.replay'")"

# --- the log: subscriptions covered, secret and queue named outside
ok "verify" k verify
ok "the covered tables" k verify --list-covered
grep -q "^webhook_subscription url" "$T/out" && pass "subscriptions are covered by the log" || fail "subscriptions not covered"
for t in webhook_secret webhook_delivery webhook_attempt; do
	grep -q "^excluded $t: ." "$T/out" && pass "$t is named outside the log with a reason" || fail "$t not named"
done
sql "UPDATE webhook_subscription SET url = 'https://evil.example/' WHERE id = 1"
fails "a subscription's URL changed behind kansli's back is found" "webhook_subscription" k verify
