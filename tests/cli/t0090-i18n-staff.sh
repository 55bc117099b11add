#!/bin/sh
# t0090 — the staff pages in English: a user whose setting is English sees
# every staff page (start, case list and case, record, registration,
# search, meetings and a meeting, boards, delegated decisions, requests,
# admin, the archive, the plan, a disposal run, delivery, import, the
# overview, sessions, notices), a confirmation step, a refused form with its
# error summary, an error page and the public request form in English:
# no word of the Swedish UI is left. The data is chosen with no Swedish
# word in it, so any Swedish word on a page is the UI's own (a msgid the
# code does not translate, or a translation missing from po/en.po).
TEST_NAME=i18n-staff
export KANSLI_NOW=2026-11-20
. "$(dirname "$0")/lib.sh"

ok "init" k init "$KANSLI_DATA"
k org add kommun "Example municipality" >/dev/null
k series add KS "Executive board" >/dev/null
k unit add BLD "Building office" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Example" --password-stdin >/dev/null
echo "Losenord-for-arne" | k user add arne "Arne Example" --password-stdin >/dev/null
for r in registrator namndsekreterare arkivarie administrator; do k user grant rita $r >/dev/null; done
k user grant arne arkivarie >/dev/null
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Permits;;gallras;1;KF 2025-03-12 § 45;ja\n' >"$T/plan.csv"
ok "a retention plan" k retention schedule import "$T/plan.csv"
c1=$(k case open --series KS --title "Proposal about park benches" --class 3.2.1 --unit BLD --opened 2026-02-01)
c2=$(k case open --series KS --title "Old permit" --class 3.2.1 --opened 2019-02-01)
k record add "$c1" --direction in --person "Anna Example" --title "Letter about benches" >/dev/null
k record add "$c1" --direction in --person "Bob Example" --id 19850615-1235 --title "Private letter" \
	--secrecy partial --mask party --legal-ground "OSL 21 kap. 1 §" >/dev/null
k record add "$c2" --direction in --person "Carl Example" --title "Permit application" --date 2019-02-01 >/dev/null
k case close "$c2" --date 2019-06-01 >/dev/null
k case assign "$c1" rita >/dev/null
k case due "$c1" 2026-11-01 >/dev/null
k case note "$c1" "Call back on Monday" >/dev/null
ok "a disposal run proposed" k --user arne disposal propose
k board add KS --name "Executive board" --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 >/dev/null
k --user rita meeting create --board KS --date 2026-11-20 --time 09:00 --place "Town hall" >/dev/null
k --user rita meeting add 1 --case "$c1" >/dev/null
k --user rita meeting send-notice 1 >/dev/null
k request submit --message "I want the letter" --document "$c1-1" >/dev/null
k delegation register --case "$c1" --board KS --point "3.2" --by "Rita Example" --summary "Granted" >/dev/null
k reindex >/dev/null 2>&1

web_serve KANSLI_NO_RATE_LIMIT=1
J="$T/rita"
same "rita logs in" "303" "$(login "$J" rita Losenord-for-rita)"
curl -s -b "$J" -o "$T/start.sv" "$U/"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/start.sv" | head -1)
same "English chosen" "303" "$(curl -s -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$C" \
	--data-urlencode "sprak=en" --data-urlencode "tillbaka=/" "$U/installningar/sprak")"

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
N1=$(enc "$c1") R1=$(enc "$c1-1")
# name|path: every staff page, with data on it
pages="start|/
cases|/arenden?org=kommun
case|/arende?org=kommun&nr=$N1
record|/handling?org=kommun&nr=$R1
register|/registrera?org=kommun
records|/handlingar?org=kommun
search|/sok?org=kommun&q=benches
meetings|/sammantraden?org=kommun
meeting|/sammantrade?org=kommun&id=1
boards|/namnder?org=kommun
delegation|/delegationsbeslut?org=kommun
requests|/begaran?org=kommun
admin|/admin?org=kommun
archive|/arkiv?org=kommun
plan|/arkiv/plan?org=kommun
disposal|/arkiv/gallring?org=kommun&id=1
delivery|/arkiv/leverans?org=kommun
import|/importera?org=kommun
overview|/oversikt?org=kommun
sessions|/sessioner
notices|/anslag?org=kommun
notfound|/arende?org=kommun&nr=KS%202026%2F9999
public-request|/offentlig/begar?org=kommun&lang=en"

# swedish FILE: the page's words of the UI that are Swedish (its visible text
# and the attributes a reader hears), after taking out the test's data and
# what is Swedish by nature: the language switch, the CSV columns of the
# plan (a file format), legal references and the registry's own numbers.
swedish() {
	python3 - "$1" "$c1" "$c2" <<'PY'
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
# a <pre> holds a file format's own column names (the import's mapping)
t = re.sub(r"(?s)<(script|style|pre)\b.*?</\1>", " ", t)
attrs = " ".join(html.unescape(v) for v in re.findall(r'(?:aria-label|placeholder|title|alt)="([^"]*)"', t))
text = html.unescape(re.sub(r"<[^>]+>", " ", t)) + " " + attrs
data = ["Example municipality", "Executive board", "Building office", "Proposal about park benches", "Old permit",
        "Letter about benches", "Private letter", "Permit application", "Call back on Monday", "Anna Andersson",
        "Bengt Berg", "Town hall", "I want the letter", "Permits", "Granted", "Svenska",
        "klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering", "OSL 21 kap. 1 §",
        "KF 2025-03-12 § 45", sys.argv[2], sys.argv[3],
        # titles core gives what it registers itself: data, in the registry's language
        "Begäran om utlämnande av allmän handling", "Begäran om allmän handling", "Sammanträde Executive board",
        "Val av justerare", "Godkännande av föredragningslistan", "Anmälan av delegationsbeslut", "Meddelanden"]
for d in sorted(data, key=len, reverse=True):  # the longest first: a title holds a name
    text = text.replace(d, " ")
ui = r"\b(Ärende|Ärenden|Handling|Handlingar|Spara|Avbryt|Diarienummer|Sekretess|Registrera|Sök|Nämnd|" \
     r"Sammanträde|Sammanträden|Rubrik|Datum|Beslut|Riktning|Handläggare|Enhet|Serie|Visa|Logga|Välj|Sida|" \
     r"Nästa|Föregående|Inkommande|Skäl|Klass|Ingen|Inga|Punkt|Närvaro|Gallring|Arkiv|Lösenord|Ja|Nej|och|" \
     r"eller|för|med|som|till|av|är|har|finns|inte|alla|ett|en)\b"
words = set(re.findall(r"\w*[åäöÅÄÖ]\w*", text)) | set(re.findall(ui, text))
print(" ".join(sorted(words)[:12]))
PY
}
echo "$pages" | while IFS='|' read -r name path; do
	st=$(curl -s -b "$J" -o "$T/p.$name" -w '%{http_code}' "$U$path")
	case $name in notfound) want=404 ;; *) want=200 ;; esac
	[ "$st" = "$want" ] || fail "$name: $path answered $st"
	grep -q '<html lang="en">' "$T/p.$name" || fail "$name: not lang=en"
	left=$(swedish "$T/p.$name")
	if [ -z "$left" ]; then pass "$name: English, no Swedish UI word"; else fail "$name ($path): Swedish left: $left"; fi
done

# the meeting again once its minutes are drawn up (the § with their
# decisions and the approval), and the dispatch after adjustment is shown
# to no one here; an import's trial run with its report
k --user rita meeting draw-up 1 >/dev/null || fail "draw up the minutes"
curl -s -b "$J" -o "$T/p.held" "$U/sammantrade?org=kommun&id=1"
left=$(swedish "$T/p.held"); [ -z "$left" ] && pass "held meeting: no Swedish UI word" || fail "held meeting: $left"
grep -q '<h2 id="justering">Approval</h2>' "$T/p.held" && pass "the approval section in English" || fail "approval section"
printf 'diarienummer;datum;riktning;rubrik\nKS 2026/0100;2026-01-02;in;Some letter\n' >"$T/imp.csv"
curl -s -b "$J" -o "$T/p.imported" -F "csrf=$C" -F "org=kommun" -F "provkor=1" -F "kodning=utf-8" \
	-F "fil=@$T/imp.csv;type=text/csv" "$U/importera"
grep -q '<html lang="en">' "$T/p.imported" || fail "the import's answer is not English"
left=$(swedish "$T/p.imported"); [ -z "$left" ] && pass "import report: no Swedish UI word" || fail "import report: $left"

# the confirmation step, a refused form with its summary, a form's own refusal
curl -s -b "$J" -o "$T/p.confirm" --data-urlencode "csrf=$C" --data-urlencode "org=kommun" \
	--data-urlencode "nr=$c1" --data-urlencode "atgard=avsluta" "$U/arende"
grep -q "Close the case?" "$T/p.confirm" && pass "the confirmation asks in English" || fail "confirmation not English"
left=$(swedish "$T/p.confirm"); [ -z "$left" ] && pass "confirmation: no Swedish UI word" || fail "confirmation: $left"
st=$(curl -s -b "$J" -o "$T/p.refused" -w '%{http_code}' --data-urlencode "csrf=$C" --data-urlencode "org=kommun" \
	--data-urlencode "formsida=/arende?org=kommun&nr=$N1" --data-urlencode "nr=$c1" \
	--data-urlencode "atgard=bevaka" --data-urlencode "bevakning=not-a-date" "$U/arende")
same "a refused due date is a 4xx" "4" "${st%??}"
grep -q "It could not be saved" "$T/p.refused" && pass "the error summary is English" || fail "error summary not English"
grep -q 'value="not-a-date"' "$T/p.refused" && pass "the value is kept" || fail "the refused value is lost"
left=$(swedish "$T/p.refused"); [ -z "$left" ] && pass "refused form: no Swedish UI word" || fail "refused form: $left"
curl -s -b "$J" -o "$T/p.flash" -L --data-urlencode "csrf=$C" --data-urlencode "org=kommun" --data-urlencode "nr=$c1" \
	--data-urlencode "atgard=anteckna" --data-urlencode "anteckning=Second call" "$U/arende"
grep -q "The note is saved." "$T/p.flash" && pass "an action's message is English" || fail "the action's message is not English"

# and the same pages still Swedish for a Swedish user (the msgids unchanged)
same "back to Swedish" "303" "$(curl -s -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$C" \
	--data-urlencode "sprak=sv" --data-urlencode "tillbaka=/" "$U/installningar/sprak")"
curl -s -b "$J" -o "$T/p.sv" "$U/arende?org=kommun&nr=$N1"
grep -q '<h2>Handlingar</h2>' "$T/p.sv" && grep -q '<html lang="sv">' "$T/p.sv" && pass "Swedish again" \
	|| fail "the case page is not Swedish again"

# The public request form asked for in English answers in English: its
# address carries the language, as the public pages' links do.
curl -s -c "$T/anon" -o "$T/p.pubform" "$U/offentlig/begar?org=kommun&lang=en"
grep -q 'action="/offentlig/begar?org=kommun&amp;lang=en"' "$T/p.pubform" && pass "the request form posts with ?lang=en" \
	|| fail "the request form's address loses the language"
tok=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/p.pubform")
curl -s -b "$T/anon" -o "$T/p.thanks" --data-urlencode "token=$tok" --data-urlencode "org=kommun" \
	--data-urlencode "meddelande=The minutes please" "$U/offentlig/begar?lang=en"
grep -q 'Thank you, your request has been received' "$T/p.thanks" && grep -q 'href="/offentlig?lang=en"' "$T/p.thanks" \
	&& pass "the receipt is English, its link keeps the language" || fail "the receipt is not English: $(head -c 300 "$T/p.thanks")"
curl -s -c "$T/anon2" -o "$T/p.pubform.sv" "$U/offentlig/begar?org=kommun"
grep -q 'action="/offentlig/begar?org=kommun"' "$T/p.pubform.sv" && pass "without ?lang= the form's address has no language" \
	|| fail "the Swedish form's address"
