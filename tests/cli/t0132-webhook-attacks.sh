#!/bin/sh
# t0132 — webhooks under an outside review's attacks: plain http only to a
# loopback address written in the URL (a name beginning with 127. is a DNS
# name); no post to a link-local address or, over https, to this machine;
# a stored payload or signing secret changed behind kansli's back is not
# signed and sent (verify names a swapped secret); an administrator may not
# have a registrar's rights read for a URL of theirs; the same URL is not
# subscribed twice; a replay is read anew, so a record made secret since is
# sent masked.
TEST_NAME=webhook-attacks
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../webhook/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
for u in anna rita lasse; do echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null; done
k user grant anna administrator --org kommun >/dev/null
k user grant rita registrator --org kommun >/dev/null
k user grant lasse lasare --org kommun >/dev/null
receiver_start r; PR=$RPORT

before="$(sql "SELECT count(*) FROM webhook_subscription")"
fails "a DNS name that begins with 127. is no loopback" "must be https://" \
	k webhook add --org kommun "http://127.0.0.1.evil.example/x" --events case.opened --as lasse
fails "nor is 127.attacker.example" "must be https://" \
	k webhook add --org kommun "http://127.attacker.example/collect" --events case.opened --as lasse
fails "the administrator may not name a registrar" "may read secret records" \
	k --user anna webhook add --org kommun "http://127.0.0.1:$PR/x" --events case.opened --as rita
same "nothing was subscribed" "$before" "$(sql "SELECT count(*) FROM webhook_subscription")"
ok "the administrator names the reader" k --user anna webhook add --org kommun "http://127.0.0.1:$PR/r" \
	--events case.opened,record.registered --as lasse
receiver_accept r
fails "the same URL again (a form sent twice) is refused" "already posts to this URL" \
	k --user anna webhook add --org kommun "http://127.0.0.1:$PR/r" --events case.opened --as lasse
ok "https to this machine is accepted as a URL" k webhook add --org kommun "https://localhost:$PR/tls" \
	--events case.opened --as lasse
ok "and to a link-local address" k webhook add --org kommun "https://169.254.169.254/latest" \
	--events case.opened --as lasse

c=$(k case open --org kommun --series KS --title "Ärende ett")
ok "a round" k webhook deliver
same "the reader's receiver got the case" "1" "$(received r | grep -c 'case.opened case verified')"
same "nothing was posted to this machine over https" "1" \
	"$(sql "SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
	        JOIN webhook_subscription w ON w.id = d.subscription_id WHERE w.url LIKE 'https://localhost%'
	        AND a.error LIKE 'not sent: the receiver''s address is%'")"
same "nor to the link-local address" "1" \
	"$(sql "SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
	        JOIN webhook_subscription w ON w.id = d.subscription_id WHERE w.url LIKE 'https://169.254%'
	        AND a.error LIKE 'not sent: the receiver''s address is%'")"

# a payload written into the queue behind kansli's back
ev=1
sql "INSERT INTO webhook_delivery(subscription_id, event_id, type, status, created_us, next_us, attempts, body)
     VALUES(1, $ev, 'case.opened', 'pending', 1, 0, 0, '{\"type\":\"case.opened\",\"data\":{\"title\":\"FORGED\"}}')"
ok "a round" k webhook deliver
received r >/dev/null
bodies r | grep -q FORGED && fail "the forged payload was signed and sent" || pass "the forged payload is not sent"
same "... it failed, saying why" "1" "$(sql "SELECT count(*) FROM webhook_delivery d JOIN webhook_attempt a
	ON a.delivery_id = d.id WHERE d.status = 'failed' AND a.error LIKE 'not sent: the stored payload%'")"
# a sealed payload moved to another delivery is not sent either
sql "UPDATE webhook_delivery SET status = 'pending', next_us = 0, body = (SELECT body FROM webhook_delivery
     WHERE subscription_id = 1 AND status = 'delivered' LIMIT 1) WHERE body LIKE '%FORGED%'"
ok "a round" k webhook deliver
same "a sealed payload moved to another delivery is not sent" "1" "$(received r | grep -c 'case.opened case verified')"

# the signing secret swapped
sql "UPDATE webhook_secret SET sealed = 'whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwMTI=' WHERE subscription_id = 1"
fails "verify names the swapped secret" "row \[1\]: the secret is in the clear, not sealed" k verify
n0=$(received r | wc -l)
k case open --org kommun --series KS --title "Ärende två" >/dev/null
ok "a round" k webhook deliver
same "nothing is signed with the swapped secret" "$n0" "$(received r | wc -l)"
same "... it failed, saying why" "1" "$(sql "SELECT count(*) FROM webhook_attempt WHERE error LIKE 'not sent: the signing secret%'")"
