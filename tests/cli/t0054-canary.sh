#!/bin/sh
# t0054 — the canary suite: secrecy holds on every surface.
#
# An installation where every secret field, masked party, protected case
# title and secret file's text holds a unique canary word (kanarie + random
# letters; canary personnummer for masked parties). Then thousands of
# queries — FTS5 and tsquery syntax attacks from tests/canary/attacks.txt
# and generated ones built from the canaries — run as the public, a reader,
# a committee secretary, an administrator, a case officer of another unit
# and a registrar of another municipality, through the staff search page,
# the public registry, the JSON API, data.json, the Atom feed and the CLI.
# No canary may appear in any response, no query may give a 5xx or an
# SQL/FTS error text, and a canary must get as many hits as a word that
# exists nowhere. Every public page and feed is crawled as well, and every
# staff page and API object each actor can reach. A registrar with an
# organisation-wide grant is the positive control: she must find every
# canary, which proves they were really indexed. KANSLI_CANARY_SEED
# repeats a run's canaries (the seed is printed).
TEST_NAME=canary
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")/../canary" && pwd)
export KANSLI_NOW=2026-11-16
seed=${KANSLI_CANARY_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# canary seed $seed (KANSLI_CANARY_SEED=$seed repeats this run)"
python3 "$HERE/canaries.py" "$T" "$seed" || { fail "making the canaries"; exit 1; }
. "$T/canaries.sh"

# fatal: a setup step that must work, or nothing after it means anything
must() { "$@" >"$T/out" 2>"$T/err" || { fail "setup: $* ($(head -c 300 "$T/err"))"; exit 1; }; cat "$T/out"; }

must k init "$KANSLI_DATA" >/dev/null
must k org add kommun "Exempels kommun" >/dev/null
must k org add grannby "Grannby kommun" >/dev/null
must k series add --org kommun KS "Kommunstyrelsen" >/dev/null
must k series add --org kommun SN "Socialnämnden" >/dev/null
must k series add --org kommun BN "Byggnadsnämnden" >/dev/null
must k series add --org grannby SN "Socialnämnden" >/dev/null
must k series mask-persons SN on --org kommun >/dev/null
must k unit add --org kommun SOC "Socialförvaltningen" >/dev/null
must k unit add --org kommun BYGG "Byggförvaltningen" >/dev/null
must k board add KS --org kommun --name Kommunstyrelsen --kind styrelse --series KS >/dev/null

# users: the entitled control, the non-entitled actors
for u in reg las sek adm hbygg grann; do
	echo "Losenord-for-$u" | must k user add "$u" "Person $u" --password-stdin >/dev/null
done
must k user grant reg registrator --org kommun >/dev/null
must k user grant las lasare --org kommun >/dev/null
must k user grant sek namndsekreterare --org kommun >/dev/null
must k user grant adm administrator --org kommun >/dev/null
must k user grant grann registrator --org grannby >/dev/null
# need-to-know: a case officer whose grant covers the building unit only
if k user grant hbygg handlaggare --org kommun --unit BYGG >"$T/out" 2>"$T/err"; then
	pass "a grant scoped to a unit (user grant --unit)"
	HBYGG=hbygg
else
	fail "user grant hbygg handlaggare --org kommun --unit BYGG failed, so need-to-know cannot be tested: $(head -c 200 "$T/err")"
	HBYGG=
fi

# the cases: the social services unit holds the secrets; the building unit
# has a case of its own
soc=$(must k case open --org kommun --series SN --unit SOC --title "Ekonomiskt bistånd")
bygg=$(must k case open --org kommun --series BN --unit BYGG --title "Bygglov för förråd")
ks=$(must k case open --org kommun --series KS --title "Medborgarförslag om belysning")
if prot=$(k case open --org kommun --series SN --unit SOC --title "Placering av $C_CASE_TITLE $C_CASE_TITLE2" \
	--public-title "Placering enligt socialtjänstlagen" 2>"$T/err"); then
	pass "a protected case title (case open --public-title)"
else
	fail "case open --public-title failed, so protected case titles cannot be tested: $(head -c 200 "$T/err")"
	prot=
	ABSENT="C_CASE_TITLE C_CASE_TITLE2"
fi
G="OSL 26 kap. 1 §"
must k record add --org kommun "$soc" --direction internal --title "Utredning om $C_TITLE" \
	--secrecy partial --legal-ground "$G" --mask title >/dev/null
must k record add --org kommun "$soc" --direction in --title "Ansökan om bistånd" \
	--person "$C_PARTY_FIRST $C_PARTY_LAST" --id "$C_PARTY_PNR" \
	--secrecy partial --legal-ground "$G" --mask party >/dev/null
cp "$T/utredning.txt" "$T/$F_TXT_NAME"
must k record add --org kommun "$soc" --direction in --title "Inkomna handlingar från skolan" \
	--organisation "Skolan" --file "$T/$F_TXT_NAME" --file "$T/yttrande.pdf" \
	--secrecy partial --legal-ground "$G" --mask files >/dev/null
must k record add --org kommun "$soc" --direction in --title "Journal $C_FULL_TITLE" \
	--person "$C_FULL_PARTY Andersson" --id "$C_FULL_PNR" --file "$T/helt.txt" \
	--secrecy full --legal-ground "OSL 26 kap. 1 §" >/dev/null
# a private person in a series that masks persons: public-only canary
must k record add --org kommun "$soc" --direction in --title "Komplettering" \
	--person "$C_MASKED_PERSON Berg" --id "$C_MASKED_PNR" >/dev/null
[ -n "$prot" ] && must k record add --org kommun "$prot" --direction internal --title "Beslut om placering" >/dev/null
# a case title in a series that masks persons names a child no party names:
# it is published only by a public title, and this case has none
unpub=$(must k case open --org kommun --series SN --unit SOC --title "Orosanmälan gällande $C_UNPUB_TITLE Svensson")
must k record add --org kommun "$unpub" --direction in --title "Anmälan från skolan" --organisation "Backaskolan" \
	--secrecy partial --legal-ground "$G" --mask body >/dev/null
must k record add --org kommun "$bygg" --direction in --title "Ansökan om bygglov" --organisation "Bygg AB" >/dev/null
must k record add --org kommun "$bygg" --direction internal --title "Tjänsteanteckning om grannar" \
	--secrecy partial --legal-ground "OSL 21 kap. 1 §" --mask body >/dev/null
must k record add --org kommun "$ks" --direction in --title "Förslag om gatlyktor" --person "Olle Öppen" >/dev/null
must k record add --org kommun "$ks" --direction out --title "Kungörelse" --file "$T/offentlig.txt" >/dev/null
gsn=$(must k case open --org grannby --series SN --title "Bistånd i Grannby")
must k record add --org grannby "$gsn" --direction in --title "Utredning $C_OTHER_ORG" \
	--secrecy partial --legal-ground "$G" --mask title >/dev/null
# a document request: the requester's name and address are not for the public
must k request submit --org kommun --message "Jag vill se besluten om belysning" --document "$ks-1" \
	--name "$C_REQUESTER Lind" --contact "$C_REQUESTER_MAIL@exempel.se" >/dev/null
# notices: a meeting notice and minutes with a public file
must k notice post --org kommun --kind meeting --board KS --title "Sammanträde med kommunstyrelsen" \
	--meeting-date 2026-11-30 >/dev/null
must k notice post --org kommun --kind minutes --board KS --title "Protokoll 2026-11-10" --adjusted 2026-11-16 \
	--storage-place Kommunkansliet --file "$T/offentlig.txt" --file-name protokoll.txt >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 200 ]; do sleep 0.1; i=$((i + 1)); done
[ $i -ge 200 ] && { fail "the server did not start: $(tail -c 300 "$T/serve.log")"; exit 1; }

# bodies are registered through the API (the CLI has no body text)
TREG=$(must k token add reg setup --days 1)
api_record() {
	code=$(curl -s -o "$T/out" -w '%{http_code}' -H "Authorization: Bearer $TREG" -H 'Content-Type: application/json' \
		--data-binary "$1" "$U/api/v1/records?org=kommun")
	[ "$code" = 201 ] || { fail "setup: API registration ($code: $(head -c 300 "$T/out"))"; exit 1; }
}
api_record '{"case":"'"$soc"'","direction":"internal","title":"Tjänsteanteckning","text":"Samtal med modern om '"$C_BODY"' och skolgången.","secrecy":"partial","legal_ground":"'"$G"'","masked":"body"}'
api_record '{"case":"'"$soc"'","direction":"internal","title":"Anteckning '"$C_FULL_TITLE"'x","text":"Hemlig anteckning: '"$C_FULL_BODY"'.","secrecy":"full","legal_ground":"'"$G"'"}'
api_record '{"case":"'"$bygg"'","direction":"internal","title":"Tjänsteanteckning om grannen","text":"Grannen '"$C_UNIT_BODY"' har klagat.","secrecy":"partial","legal_ground":"OSL 21 kap. 1 §","masked":"body"}'
must k reindex >/dev/null
i=0
until [ "$(sql "SELECT count(*) FROM index_queue")" = 0 ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

# the actors: sessions for the pages, tokens for the API
for u in reg las sek adm $HBYGG grann; do
	curl -s -c "$T/jar.$u" "$U/login" >"$T/login"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/login")
	curl -s -c "$T/jar.$u" -b "$T/jar.$u" -o /dev/null --data-urlencode "login_token=$tok" \
		--data-urlencode username=$u --data-urlencode "password=Losenord-for-$u" "$U/login"
	must k token add $u canary --days 1 >"$T/token.$u"
done

python3 "$HERE/attack.py" --base "$U" --dir "$T" --kansli "$KANSLI" --attacks "$HERE/attacks.txt" \
	--actors "las sek adm $HBYGG grann" --control reg \
	--secret-case "$soc" --case-numbers "$soc $bygg $ks $prot" --absent "${ABSENT:-}" ${ATTACK_ARGS:-}
