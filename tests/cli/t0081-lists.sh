#!/bin/sh
# t0081 — lists people can move through: the case and record lists show
# their total, the page numbers near this one, the first and the last page,
# and a sort choice whose keys are the program's own (an unknown key is the
# default order, never SQL); the pages' links keep the filters and the
# order; a page past the end says how many there are. The requests and
# meetings lists count and order the same way; the archive's due list and
# a disposal run are shown a page at a time.
TEST_NAME=lists
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-11-20

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommun" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
# 130 cases with one record each: three pages of 50
python3 -c '
import json
for i in range(1, 131):
    print(json.dumps({"id": i, "dnr": "KS 2026/%04d" % i, "doc_no": 1, "series": "KS", "organ": "Kommunstyrelsen",
        "year": 2026, "case_title": "Ärende nummer %d" % i, "class_code": "", "class_title": "", "officer": "",
        "case_opened": "2026-01-%02d" % (1 + i % 28), "date": "2026-%02d-%02d" % (1 + i % 10, 1 + i % 28),
        "direction": "inkommande" if i % 3 else "utgående", "party_type": "", "party_name": "", "party_id": "",
        "doc_title": "Brev %d" % i, "secret": 0, "osl": "", "body": "text"}, ensure_ascii=False))
' >"$T/import.jsonl"
ok "import 130 cases" k import "$T/import.jsonl"

web_serve
rows() { grep -c '<td><a href="/arende?' "$T/body"; }
first() { sed -n 's/.*<td><a href="\/arende?[^"]*">\([^<]*\)<\/a>.*/\1/p' "$T/body" | head -1; }
same "login" "303" "$(login "$T/rita" rita Losenord-for-rita)"

# the case list
same "the case list" "200" "$(code -b "$T/rita" "$U/arenden?org=kommun")"
has "shows the total" "130 ärenden."
has "and which rows of it" "Visar 1–50 av 130."
has "and the page of the pages" "Sida 1 av 3."
same "fifty rows on a page" "50" "$(rows)"
has "the current page is marked, not linked" '<span aria-current="page">1</span>'
has "the last page is linked" 'href="/arenden?sida=3&amp;org=kommun">3</a>'
has "and the next" 'rel="next">Nästa</a>'
hasnt "there is no page before the first" 'rel="prev"'
same "the last page" "200" "$(code -b "$T/rita" "$U/arenden?org=kommun&sida=3")"
same "holds the rest" "30" "$(rows)"
has "says which" "Visar 101–130 av 130."
hasnt "has no next page" 'rel="next"'
has "links the first page" 'href="/arenden?sida=1&amp;org=kommun">1</a>'
same "a page past the end" "200" "$(code -b "$T/rita" "$U/arenden?org=kommun&sida=9")"
has "says how many there are" "Sida 9 av 3. Träffar: 130."
has "and leads back to the last page" 'rel="prev">Föregående</a>'
has "the sort choice is offered" '<select id="sortera" name="sortera">'
same "sorted by number" "200" "$(code -b "$T/rita" "$U/arenden?org=kommun&sortera=number")"
same "the highest number first" "KS 2026/0130" "$(first)"
has "the page links keep the order" 'href="/arenden?sida=2&amp;org=kommun&amp;sortera=number"'
has "the choice is shown as chosen" '<option value="number" selected>'
same "an unknown sort key" "200" "$(code -b "$T/rita" "$U/arenden?org=kommun&sortera=title%3BDROP%20TABLE%20case_file")"
same "is the default order, all of it there" "50" "$(rows)"
has "still counted" "130 ärenden."
same "a filter narrows the total" "200" "$(code -b "$T/rita" "$U/arenden?org=kommun&fran=2026-01-28&till=2026-01-28")"
has "to the matching cases" "4 ärenden."
has "on one page" "Sida 1 av 1."

# the record list
same "the record list" "200" "$(code -b "$T/rita" "$U/handlingar?org=kommun")"
has "shows its total" "130 handlingar."
has "and its pages" "Sida 1 av 3."
has "and its sort choice" '<option value="oldest">Äldsta datum först</option>'
same "the outgoing records" "200" "$(code -b "$T/rita" "$U/handlingar?org=kommun&riktning=out")"
has "are counted apart" "43 handlingar."
has "on one page" "Sida 1 av 1."
same "sorted oldest first" "200" "$(code -b "$T/rita" "$U/handlingar?org=kommun&sortera=oldest")"
d=$(sed -n 's/.*<td><a href="\/handling?[^"]*">[^<]*<\/a><\/td><td>\([0-9-]*\)<\/td>.*/\1/p' "$T/body" | head -1)
same "the oldest date first" "2026-01-03" "$d"
has "the record list's pages keep the order" 'sida=2&amp;org=kommun&amp;sortera=oldest'
same "an unknown record sort key" "200" "$(code -b "$T/rita" "$U/handlingar?org=kommun&sortera=party")"
has "is the default order" "130 handlingar."
same "the records CSV is whole" "131" "$(curl -s -b "$T/rita" "$U/handlingar?org=kommun&format=csv" | wc -l | tr -d ' ')"
same "the cases CSV is whole" "131" "$(curl -s -b "$T/rita" "$U/arenden?org=kommun&format=csv" | wc -l | tr -d ' ')"

# the requests and the meetings
for n in 1 2 3; do KANSLI_NOW=2026-11-1$n k request submit --message "Begäran nummer $n" >/dev/null; done
same "the requests list" "200" "$(code -b "$T/rita" "$U/begaran?org=kommun")"
has "shows its total" "3 begäranden."
has "and its page" "Sida 1 av 1."
first_req() { sed -n 's/.*<td><a href="\/arende?[^"]*">\([^<]*\)<\/a><\/td>.*/\1/p' "$T/body" | head -1; }
oldest=$(first_req)
same "newest first when asked" "200" "$(code -b "$T/rita" "$U/begaran?org=kommun&sortera=nyast")"
[ -n "$oldest" ] && [ "$(first_req)" != "$oldest" ] && pass "the order turns" || fail "requests order: $oldest / $(first_req)"
has "and says so" "Inkomna begäranden, nyast först"
same "an unknown request order" "200" "$(code -b "$T/rita" "$U/begaran?org=kommun&sortera=x")"
same "is the default" "$oldest" "$(first_req)"
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k meeting create --board KS --date 2026-12-01 --time 09:00 --place "Salen" >/dev/null
k meeting create --board KS --date 2026-12-15 --time 09:00 --place "Salen" >/dev/null
same "the meetings list" "200" "$(code -b "$T/rita" "$U/sammantraden?org=kommun")"
has "shows its total" "2 sammanträden."
first_meeting() { grep -o '<td><a href="/sammantrade?[^"]*">[^<]*</a></td>' "$T/body" | head -1 | sed 's/.*">\([^<]*\)<.*/\1/'; }
same "the latest first" "2026-12-15" "$(first_meeting)"
same "oldest first when asked" "200" "$(code -b "$T/rita" "$U/sammantraden?org=kommun&sortera=aldst")"
same "turns the order" "2026-12-01" "$(first_meeting)"
has "the meeting state is a tag" '<span class="tag tag-planned">Planerat</span>'

# long pages: the archive's due list and a disposal run, a page at a time
# 70 closed cases, long past their retention period: the archive's due list
# and a disposal run of them are long pages
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;gallras;1;KF 2025-03-12 § 45;ja\n' >"$T/plan.csv"
k retention schedule import "$T/plan.csv" >/dev/null
python3 -c '
import json
for i in range(1, 71):
    print(json.dumps({"id": i, "dnr": "BN 2019/%04d" % i, "doc_no": 1, "series": "BN", "organ": "Byggnadsnämnden",
        "year": 2019, "case_title": "Bygglov %d" % i, "class_code": "3.2.1", "class_title": "Bygglov", "officer": "",
        "case_opened": "2019-02-01", "case_status": "closed", "case_closed": "2019-06-01", "date": "2019-02-01",
        "direction": "inkommande", "party_type": "", "party_name": "", "party_id": "", "doc_title": "Ansökan %d" % i,
        "secret": 0, "osl": "", "body": "text"}, ensure_ascii=False))
' >"$T/closed.jsonl"
ok "import 70 closed cases" k import "$T/closed.jsonl"
echo "Losenord-for-arkiv" | k user add arkiv "Arkivarie" --password-stdin >/dev/null
k user grant arkiv arkivarie >/dev/null
same "the archivist logs in" "303" "$(login "$T/arkiv" arkiv Losenord-for-arkiv)"
same "the archive page" "200" "$(code -b "$T/arkiv" "$U/arkiv?org=kommun")"
n=$(grep -c '<td><a href="/handling?' "$T/body")
same "shows fifty due records" "50" "$n"
has "of all that are due" "Visar 1–50 av 70."
has "and links the rest" 'href="/arkiv?sida=2&amp;org=kommun">2</a>'
same "the archive's second page" "200" "$(code -b "$T/arkiv" "$U/arkiv?org=kommun&sida=2")"
same "shows the rest" "20" "$(grep -c '<td><a href="/handling?' "$T/body")"
same "a bad page number is refused" "400" "$(code -b "$T/arkiv" "$U/arkiv?org=kommun&sida=0")"
run=$(k --user arkiv disposal propose)
same "a run of all seventy" "70" "$(k disposal show "$run" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))')"
same "the run's page" "200" "$(code -b "$T/arkiv" "$U/arkiv/gallring?org=kommun&id=$run")"
same "shows fifty of its records" "50" "$(grep -c '<td><a href="/handling?' "$T/body")"
has "says how many" "Visar 1–50 av 70."
has "and its pages keep the run" "href=\"/arkiv/gallring?sida=2&amp;org=kommun&amp;id=$run\">2</a>"
same "the run's second page" "200" "$(code -b "$T/arkiv" "$U/arkiv/gallring?org=kommun&id=$run&sida=2")"
same "shows the rest" "20" "$(grep -c '<td><a href="/handling?' "$T/body")"
