#!/bin/sh
# t0075 — personnummer and masked persons' names in titles never reach the
# public (found by an outside review): a personnummer in a case or record
# title in any usual form, and a masked person's name (also in the
# genitive, or in capitals) in a record title, are masked on the postlista,
# the case page, the data, the feed and in the public search, while an
# organisationsnummer stays. Staff still read the full titles.
TEST_NAME=public-personal-data
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-03-02
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series mask-persons SN on >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
# (a case title in a series that masks persons is published only by its
# public title, t0115: here one with the personnummer in it)
sn=$(k case open --series SN --title "Bistånd 19850505-1238" --public-title "Bistånd 19850505-1238")
k record add "$sn" --direction in --title "Ansökan från Per Kanarieomega 850505-1238" \
	--person "Per Kanarieomega" --id 19850505-1238 >/dev/null
k record add "$sn" --direction out --title "Svar till Kanarieomegas familj, 198505051238" >/dev/null
k record add "$sn" --direction in --title "Yttrande om PER KANARIEOMEGA" >/dev/null
ks=$(k case open --series KS --title "Avtal med Byggbolaget 556677-8899")
k record add "$ks" --direction in --organisation "Byggbolaget AB" --title "Offert 556677-8899" >/dev/null
k reindex >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

: >"$T/all"
for path in "/offentlig/diarium?org=kommun" "/offentlig/data.json?org=kommun" "/offentlig/flode.atom?org=kommun" \
	"/offentlig/arende?org=kommun&nr=$(enc "$sn")" "/offentlig/arende?org=kommun&nr=$(enc "$ks")" \
	"/offentlig/data.json?org=kommun&q=19850505-1238" "/offentlig/data.json?org=kommun&q=8505051238" \
	"/offentlig/data.json?org=kommun&q=Bist%C3%A5nd"; do
	curl -s "$U$path" >>"$T/all"
done
for secret in 1238 Kanarieomega KANARIEOMEGA kanarieomega; do
	if grep -q -- "$secret" "$T/all"; then
		fail "'$secret' reached a public answer: $(grep -o ".\{40\}$secret.\{20\}" "$T/all" | head -2)"
	else
		pass "'$secret' reaches no public answer"
	fi
done
grep -q "Bistånd \[maskerat\]" "$T/all" && pass "the case title keeps its words, the number masked" \
	|| fail "masked case title not shown"
grep -q "556677-8899" "$T/all" && pass "an organisationsnummer is not a personnummer" \
	|| fail "the organisationsnummer was masked"
n=$(curl -s "$U/offentlig/data.json?org=kommun&q=19850505-1238" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))')
same "a public search for the personnummer finds nothing" "0" "$n"
k case show "$sn" --json >"$T/staff"
grep -q "19850505-1238" "$T/staff" && pass "staff read the full title" || fail "staff title masked"
echo "$(k verify >/dev/null 2>&1; echo $?)" | grep -qx 0 && pass "the installation verifies" || fail "verify failed"
