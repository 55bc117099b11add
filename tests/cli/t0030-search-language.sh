#!/bin/sh
# t0030 — the search language and secrecy by structure: every example of
# issue 10 (a column filter smuggled in, a masked name recovered letter by
# letter, case numbers, hyphenated names, identity numbers, property
# designations, stray quotes, 200 operators) through the CLI, the API, the
# staff page and the public registry (HTML, data.json, Atom), as anonymous,
# as a reader and as a registrar. What is masked never appears in an answer
# to someone who may not read it, a masked name is not findable by them,
# and a search that shows secret text is logged as a read.
TEST_NAME=search-language
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-01

k init "$KANSLI_DATA" >/dev/null
k org add alby "Alby kommun" >/dev/null
k series add --org alby KS "Kommunstyrelsen" >/dev/null
k series add --org alby SN "Socialnämnden" >/dev/null
for u in reg las; do echo "Losenord-for-$u" | k user add "$u" "Person $u" --password-stdin >/dev/null; done
k user grant reg registrator --org alby >/dev/null
k user grant las lasare --org alby >/dev/null
ks=$(k case open --org alby --series KS --title "Bygglov Boken 1:2")
k record add --org alby "$ks" --direction in --title "Ansökan om bygglov" --person "Sven-Erik Ek" >/dev/null
k record add --org alby "$ks" --direction in --title "Yttrande från entreprenör" --organisation "Byggbolaget AB" \
	--id 212000-0142 >/dev/null
sn=$(k case open --org alby --series SN --title "Ekonomiskt bistånd")
# the secret parts: a masked party (with a personnummer) and a masked file,
# a fully secret record; each holds a word found nowhere else
echo "Hon berättar om Kanariefågeln." >"$T/brev.txt"
k record add --org alby "$sn" --direction in --title "Ansökan om bistånd" --person "Karin Qvarnlöf" \
	--id 19121212-1212 --file "$T/brev.txt" \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party,files >/dev/null
k record add --org alby "$sn" --direction in --title "Hemligtitelord i utredningen" --person "Olof Dolksson" \
	--secrecy full --legal-ground "OSL 26 kap. 1 §" >/dev/null
ks2=$(k case open --org alby --series KS --title "Detaljplan för Norr")
k record add --org alby "$ks2" --direction out --title "Samråd om detaljplan" >/dev/null
same "cases numbered as expected" "KS 2026/0001 SN 2026/0001 KS 2026/0002" "$ks $sn $ks2"
k reindex >/dev/null
# every word that must stay hidden from those who may not read it
CANARIES="Qvarnlöf Qvarnl Kanarief Hemligtitelord Dolksson 19121212"

nums() { python3 -c 'import json,sys; print(" ".join(h["number"] for h in json.load(sys.stdin)))'; }
as() { u=$1; shift; if [ "$u" = root ]; then k search --org alby "$@" --json; else k --user "$u" search --org alby "$@" --json; fi; }
hits() { as "$@" | nums; }

# --- CLI ---------------------------------------------------------------
same "a column filter is text: nothing found, no error (reader)" "" "$(hits las 'x) OR (s_party : Qvarnlöf')"
same "a column filter is text: nothing found, no error (registrar)" "" "$(hits reg 'x) OR (s_party : Qvarnlöf')"
same "the secret-column trick of old finds nothing" "" "$(hits las 's_party : Qvarnlöf')"
same "registrar finds the masked party" "SN 2026/0001-1" "$(hits reg Qvarnlöf)"
same "reader does not" "" "$(hits las Qvarnlöf)"
same "reader does not find the masked body" "" "$(hits las Kanariefågeln)"
same "registrar does" "SN 2026/0001-1" "$(hits reg Kanariefågeln)"
same "reader does not find a fully secret title" "" "$(hits las Hemligtitelord)"
same "reader finds the record by what is public of it" "SN 2026/0001-1" "$(hits las 'ansökan bistånd')"
for p in 'Qv*' 'Qva*' 'Qvar*' 'Qvarn*' 'Qvarnl*' '"Karin Qv"*' 'Kar* Qvarnl*' 'Kanarie*'; do
	same "prefix $p: reader recovers nothing" "" "$(hits las "$p")"
done
same "prefix Qvarnl*: registrar finds it" "SN 2026/0001-1" "$(hits reg 'Qvarnl*')"
fails "a one-letter prefix is refused" "at least 2 letters" k --user las search --org alby 'Q*'
same "case number: the case's records only" "KS 2026/0001-2 KS 2026/0001-1" "$(hits las 'KS 2026/0001')"
same "record number: that record" "KS 2026/0001-2" "$(hits las 'KS 2026/0001-2')"
same "series and year" "KS 2026/0002-1 KS 2026/0001-2 KS 2026/0001-1" "$(hits las 'KS 2026/')"
same "a number with a word" "KS 2026/0001-1" "$(hits las 'KS 2026/0001 ansökan')"
same "hyphenated name" "KS 2026/0001-1" "$(hits las 'Sven-Erik')"
same "personnummer of a masked party: registrar" "SN 2026/0001-1" "$(hits reg '19121212-1212')"
same "personnummer of a masked party: installation" "SN 2026/0001-1" "$(hits root '191212121212')"
same "personnummer of a masked party: reader finds nothing" "" "$(hits las '19121212-1212')"
same "organisationsnummer of a visible party: reader" "KS 2026/0001-2" "$(hits las '212000-0142')"
same "property designation" "KS 2026/0001-2 KS 2026/0001-1" "$(hits las 'Boken 1:2')"
same "stray quote" "KS 2026/0002-1" "$(hits las '"samråd')"
same "stray quote at the end" "KS 2026/0002-1" "$(hits las 'samråd"')"
same "stray brackets" "KS 2026/0002-1" "$(hits las ')samråd) (')"
same "200 ANDs in a row" "KS 2026/0002-1" "$(hits las "samråd $(printf 'AND %.0s' $(seq 200))detaljplan")"
same "200 NOTs in a row cancel out" "KS 2026/0002-1" "$(hits las "samråd $(printf 'NOT %.0s' $(seq 200))detaljplan")"
fails "200 open brackets: one clear error" "parentheses at most 8 deep" k --user las search --org alby "$(printf '(%.0s' $(seq 200))samråd"
fails "200 ORs and no word: one clear error" "no words to look for" k --user las search --org alby "$(printf 'OR %.0s' $(seq 200))"
fails "a lone quote: one clear error" "no words to look for" k --user las search --org alby '"'
fails "only excluded words: one clear error" "needs a word to look for" k --user las search --org alby '-samråd'
k --user las search --org alby '(' >/dev/null 2>&1
same "a query error exits 2" "2" "$?"
# what the reader got back, every answer above and some more
for q in 'bistånd' 'ansökan' 'KS 2026/' 'SN 2026/' 'Karin' 'Olof' 'utredningen' 'OSL' 'Hon berättar'; do
	as las "$q" >>"$T/reader.cli" 2>&1
done
for c in $CANARIES; do
	grep -q "$c" "$T/reader.cli" && fail "reader's CLI answers leak $c"
done
pass "reader's CLI answers hold no masked text"
ev() { sql "SELECT count(*) FROM event WHERE action = 'record.read_secret'"; }
before=$(ev)
hits las bistånd >/dev/null
same "a reader's search logs no secret read" "$before" "$(ev)"
hits reg Kanariefågeln >/dev/null
same "an entitled search that shows secret text logs the read" "$((before + 1))" "$(ev)"
same "the event names the record" "SN 2026/0001-1" \
	"$(sql "SELECT json_extract(data, '$.number') FROM event WHERE action = 'record.read_secret' ORDER BY id DESC LIMIT 1")"

# a record whose secrecy changes moves between the indexes
k record correct --org alby "KS 2026/0001-1" --secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party \
	--reason "Sekretessprövning" >/dev/null
k reindex >/dev/null
same "a newly masked party is gone from the reader's search" "" "$(hits las 'Sven-Erik')"
same "and found by the registrar" "KS 2026/0001-1" "$(hits reg 'Sven-Erik')"
same "the record's public title is still found by the reader" "KS 2026/0001-1" "$(hits las 'ansökan bygglov')"
k record correct --org alby "KS 2026/0001-1" --secrecy none --reason "Sekretessen upphävd" >/dev/null
k reindex >/dev/null
same "secrecy lifted: the reader finds the party again" "KS 2026/0001-1" "$(hits las 'Sven-Erik')"
k reindex --full >/dev/null
same "a full rebuild keeps the reader out of the masked party" "" "$(hits las Qvarnlöf)"
same "and the registrar in" "SN 2026/0001-1" "$(hits reg Qvarnlöf)"
same "a full rebuild keeps the lifted secrecy" "KS 2026/0001-1" "$(hits las 'Sven-Erik')"

# --- the server --------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
TR=$(k token add reg robot --days 1)
TL=$(k token add las robot --days 1)
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
# code URL OUTFILE [curl args]: the status, the body appended to OUTFILE
code() { url=$1; out=$2; shift 2; curl -s -o "$T/one" -w '%{http_code}' "$@" "$url"; cat "$T/one" >>"$out"; }

QUERIES='x) OR (s_party : Qvarnlöf|s_party : Qvarnlöf|{s_party}: Qvarnlöf|Qvarnlöf|Qv*|Qvarnl*|"Karin Qv"*|Kanariefågeln|Hemligtitelord|Dolksson|19121212-1212|121212-1212|KS 2026/0001|KS 2026/0001-2|KS 2026/|SN 2026/0001|Sven-Erik|212000-0142|Boken 1:2|"samråd|samråd"|)samråd) (|bistånd|Karin|NEAR(Karin Qvarnlöf)|party:Qvarnlöf|Karin^|*'
OLDIFS=$IFS
IFS='|'
for q in $QUERIES; do
	IFS=$OLDIFS
	e=$(enc "$q")
	s=$(code "$U/offentlig/data.json?org=alby&q=$e" "$T/public.json")
	case $s in 200|422) ;; *) fail "data.json '$q' answered $s" ;; esac
	# a lone case number lands on the public case page (303): followed, so
	# that page is checked with the rest
	s=$(code "$U/offentlig/diarium?org=alby&q=$e" "$T/public.html" -L)
	case $s in 200|422) ;; *) fail "diarium '$q' answered $s" ;; esac
	s=$(code "$U/offentlig/flode.atom?org=alby&q=$e" "$T/public.atom")
	case $s in 200|422) ;; *) fail "atom '$q' answered $s" ;; esac
	s=$(code "$U/api/v1/search?org=alby&q=$e" "$T/reader.api" -H "Authorization: Bearer $TL")
	case $s in 200|422) ;; *) fail "API '$q' answered $s" ;; esac
	IFS='|'
done
IFS=$OLDIFS
# pages keep the query in the box and in their links: only what they found counts
found() { python3 -c 'import re,sys; t=open(sys.argv[1]).read(); t=re.sub(r"(?s)<form.*?</form>", "", t); t=re.sub(r"(href|value)=\"[^\"]*\"", "", t); print(t)' "$1"; }
found "$T/public.html" >"$T/public.html.found"
for f in public.json public.html.found public.atom reader.api; do
	for c in $CANARIES; do
		grep -q "$c" "$T/$f" && fail "$f leaks $c"
	done
	grep -qi "fts5\|no such column\|syntax error\|database error" "$T/$f" && fail "$f shows an engine error"
done
pass "no masked text and no engine error in any public or reader API answer"

# the public registry: numbers, titles and case titles, never parties
pub() { curl -s "$U/offentlig/data.json?org=alby&q=$(enc "$1")" | python3 -c 'import json,sys; print(" ".join(r["number"] for r in json.load(sys.stdin)["records"]))'; }
same "public: a case number" "KS 2026/0001-2 KS 2026/0001-1" "$(pub 'KS 2026/0001')"
same "public: a property designation in a case title" "KS 2026/0001-2 KS 2026/0001-1" "$(pub 'Boken 1:2')"
same "public: a stray quote" "KS 2026/0002-1" "$(pub '"samråd')"
same "public: parties are not searched" "" "$(pub 'Sven-Erik')"
same "public: the injection finds nothing" "" "$(pub 'x) OR (s_party : Qvarnlöf')"
same "public: prefix of a masked name finds nothing" "" "$(pub 'Qvarnl*')"
same "public: a masked party's personnummer finds nothing" "" "$(pub '19121212-1212')"
same "public: the record is found by its public title" "SN 2026/0001-1" "$(pub 'ansökan bistånd')"
s=$(curl -s -o "$T/pj" -w '%{http_code}' "$U/offentlig/data.json?org=alby&q=$(enc "$(printf '(%.0s' $(seq 200))x")")
same "public data.json: 200 brackets are a 422" "422" "$s"
grep -q '"error":{"code":"invalid","message":"a search can nest parentheses at most 8 deep"' "$T/pj" \
	&& pass "public data.json: a JSON error that says why" || fail "data.json error: $(head -c 300 "$T/pj")"
s=$(curl -s -o "$T/ph" -w '%{http_code}' "$U/offentlig/diarium?org=alby&q=NOT%20samr%C3%A5d")
same "public page: a query of only excluded words is a 422" "422" "$s"
grep -q 'role="alert">Sökningen behöver minst ett ord att söka efter' "$T/ph" \
	&& pass "public page: the reason in Swedish" || fail "public page message: $(grep -o 'role="alert">[^<]*' "$T/ph")"
grep -q 'name="q" type="search" value="NOT samråd"' "$T/ph" && pass "public page: the query stays in the box" \
	|| fail "public page keeps the query"
grep -q 'href="/sokhjalp"' "$T/ph" && pass "public page links the search help" || fail "public help link"
same "public Atom: a bad query is a 422" "422" \
	"$(curl -s -o "$T/pa" -w '%{http_code}' "$U/offentlig/flode.atom?org=alby&q=a%20OR%20NOT%20b")"
grep -q "inte &quot;a OR NOT b&quot;\|inte \"a OR NOT b\"" "$T/pa" && pass "public Atom: the reason in Swedish" \
	|| fail "atom message: $(head -c 300 "$T/pa")"
same "the help page" "200" "$(curl -s -o "$T/help" -w '%{http_code}' "$U/sokhjalp")"
grep -q "KS 2026/0042" "$T/help" && pass "the help page tells of numbers" || fail "help page"

# the API
api() { curl -s -H "Authorization: Bearer $1" "$U/api/v1/search?org=alby&q=$(enc "$2")"; }
api "$TR" Qvarnlöf >"$T/api"
grep -q '"number":"SN 2026/0001-1"' "$T/api" && pass "API: registrar finds the masked party" || fail "API reg: $(head -c 300 "$T/api")"
api "$TL" Qvarnlöf >"$T/api"
grep -q '"hits":\[\]' "$T/api" && pass "API: reader does not" || fail "API las: $(head -c 300 "$T/api")"
api "$TL" bistånd >"$T/api"
grep -q '"snippet":"Ansökan om \[\[bistånd\]\]"' "$T/api" && pass "API: the reader's snippet is of the open text" \
	|| fail "API snippet: $(head -c 400 "$T/api")"
api "$TR" Kanariefågeln >"$T/api"
grep -q '\[\[Kanariefågeln\]\]' "$T/api" && pass "API: the registrar's snippet is of the secret text" \
	|| fail "API reg snippet: $(head -c 400 "$T/api")"
s=$(curl -s -o "$T/api" -w '%{http_code}' -H "Authorization: Bearer $TL" "$U/api/v1/search?org=alby&q=a%20OR%20NOT%20b")
same "API: a bad query is 422" "422" "$s"
grep -q '"error":{"code":"invalid","message":"NOT (or -) can only leave words out' "$T/api" \
	&& pass "API: a JSON error that says why" || fail "API error: $(head -c 300 "$T/api")"
api "$TL" 'x) OR (s_party : Qvarnlöf' >"$T/api"
grep -q '"hits":\[\]' "$T/api" && pass "API: the injection is a search that finds nothing" || fail "API injection: $(head -c 300 "$T/api")"

# the staff page, as the reader and as the registrar
login() {
	curl -s -c "$T/jar.$1" "$U/login" >"$T/login"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/login")
	curl -s -c "$T/jar.$1" -b "$T/jar.$1" -o /dev/null --data-urlencode "login_token=$tok" --data-urlencode "username=$1" \
		--data-urlencode "password=Losenord-for-$1" "$U/login"
}
login las
login reg
page() { curl -s -b "$T/jar.$1" -D "$T/h" "$U/sok?org=alby&q=$(enc "$2")"; }
IFS='|'
for q in $QUERIES; do
	IFS=$OLDIFS
	page las "$q" >>"$T/reader.html"
	IFS='|'
done
IFS=$OLDIFS
found "$T/reader.html" >"$T/reader.html.found"
for c in $CANARIES; do
	grep -q "$c" "$T/reader.html.found" && fail "reader's pages leak $c"
done
grep -qi "fts5\|no such column\|syntax error" "$T/reader.html" && fail "reader's pages show an engine error"
pass "reader's search pages hold no masked text"
page reg Qvarnlöf >"$T/page"
grep -q "Qvarnlöf" "$T/page" && pass "web: registrar sees the masked party found" || fail "web registrar"
page las 'KS 2026/0001' >/dev/null
grep -qi '^location: /arende?org=alby&nr=KS%202026%2F0001' "$T/h" && pass "web: a case number goes to the case" \
	|| fail "web redirect: $(grep -i location "$T/h")"
page las 'KS 2026/0001-2' >/dev/null
grep -qi '^location: /arende?org=alby&nr=KS%202026%2F0001' "$T/h" && pass "web: a record number goes to its case" \
	|| fail "web record redirect: $(grep -i location "$T/h")"
page las 'KS 2026/0009' >"$T/page"
grep -qi '^location' "$T/h" && fail "web: a case that does not exist is no redirect" || pass "web: no case, no redirect"
grep -q "Inga träffar" "$T/page" && pass "web: no case, no hits" || fail "web missing case"
page las 'KS 2026/' >/dev/null
grep -qi '^location' "$T/h" && fail "web: a year is no redirect" || pass "web: a series' year lists its records"
page las '-samråd' >"$T/page"
grep -q 'HTTP/1.1 422' "$T/h" && pass "web: a bad query is a 422" || fail "web status: $(head -1 "$T/h")"
grep -q 'role="alert">Sökningen behöver minst ett ord' "$T/page" && pass "web: the reason in Swedish" \
	|| fail "web message: $(grep -o 'role="alert">[^<]*' "$T/page")"
grep -q 'value="-samråd"' "$T/page" && pass "web: the query stays in the box" || fail "web keeps the query"
grep -q 'href="/sokhjalp"' "$T/page" && pass "web: the search box links the help" || fail "web help link"
