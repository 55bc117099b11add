#!/bin/sh
# t0007 — access: users see and change only what their roles in their own
# organisation allow; secret parts are masked for those who may not read
# them, and every read of secret content is logged.
TEST_NAME=access
. "$(dirname "$0")/lib.sh"

ok "init" k init "$KANSLI_DATA"
ok "org A" k org add alby "Alby kommun"
ok "org B" k org add bro "Bro kommun"
ok "series A" k series add --org alby SN "Socialnämnden"
ok "series B" k series add --org bro SN "Socialnämnden"
for u in reg las arkiv utan; do k user add "$u" "Person $u" >/dev/null; done
k user grant reg registrator --org alby >/dev/null
k user grant las lasare --org alby >/dev/null
k user grant arkiv arkivarie --org alby >/dev/null
ok "case in A" k --user reg case open --org alby --series SN --title "Ekonomiskt bistånd"
num=$(cat "$T/out")
ok "secret record" k --user reg record add --org alby "$num" --direction in --person "Karin Berg" \
	--id 19800409-8276 --title "Ansökan om bistånd" --secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party
fails "reader may not register" "may not register" k --user las case open --org alby --series SN --title X
fails "registrar of A may not register in B" "may not register" k --user reg case open --org bro --series SN --title X
fails "user without roles sees nothing" "may not read" k --user utan case list --org alby
fails "user of A may not read B" "may not read" k --user reg case list --org bro
fails "reader may not add series" "may not administer" k --user las series add --org alby KS "KS"
fails "only the administrator adds users" "only the installation" k --user reg user add x "X"
fails "unknown user is refused" "no user named" k --user nobody case list --org alby

reads=$(sql "SELECT count(*) FROM event WHERE action = 'record.read_secret'")
ok "reader sees the case" k --user las record show --org alby "$num-1"
grep -q "Sekretess enligt OSL 26 kap. 1 §" "$T/out" && pass "party masked for reader" || fail "party masked for reader"
grep -q "Karin Berg" "$T/out" && fail "secret party leaked to reader" || pass "secret party not shown to reader"
grep -q "Ansökan om bistånd" "$T/out" && pass "unmasked title shown" || fail "unmasked title shown"
same "masked view is not logged as a secret read" "$reads" "$(sql "SELECT count(*) FROM event WHERE action = 'record.read_secret'")"
ok "registrar reads the secret record" k --user reg record show --org alby "$num-1"
grep -q "Karin Berg" "$T/out" && pass "registrar sees the party" || fail "registrar sees the party"
same "the secret read is logged" "$((reads + 1))|user:reg" \
	"$(sql "SELECT count(*), max(actor) FROM event WHERE action = 'record.read_secret'")"
ok "case view for reader" k --user las case show --org alby "$num"
grep -q "Karin Berg" "$T/out" && fail "secret party leaked in case view" || pass "case view masks the party"
ok "verify" k verify
