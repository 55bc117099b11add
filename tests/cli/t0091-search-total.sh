#!/bin/sh
# t0091 — search results say how many they are, counting only what the
# reader may see: the staff search counts the hits its list shows over all
# pages (a reader without the right to secrets gets a smaller total than a
# registrar, never the registrar's), with page numbers and the last page;
# the public registry's search counts the public's own hits, with the
# filters it shows them under.
TEST_NAME=search-total
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"

ok "init" k init "$KANSLI_DATA"
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
echo "Losenord-for-lena" | k user add lena "Lena Läsare" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
k user grant lena lasare >/dev/null
ks=$(k case open --series KS --title "Medborgarförslag om parkmöbler")
for i in $(seq 1 25); do
	k record add "$ks" --direction in --person "Anna Öppensson" --title "Parkbänkar förslag $i" >/dev/null
done
for i in 1 2 3; do
	k record add "$ks" --direction in --person "Gustav Hemlig" --title "Parkbänkar hemligt $i" \
		--secrecy full --legal-ground "OSL 21 kap. 1 §" >/dev/null
done
k record add "$ks" --direction out --person "Anna Öppensson" --title "Svar om parkbänkar" >/dev/null
ok "index" k reindex

web_serve KANSLI_NO_RATE_LIMIT=1
same "rita logs in" "303" "$(login "$T/rita" rita Losenord-for-rita)"
same "lena logs in" "303" "$(login "$T/lena" lena Losenord-for-lena)"

# hits JAR PAGE: the hits listed on that page of the staff search
hits() { curl -s -b "$1" -o "$T/s.$2" "$U/sok?org=kommun&q=parkb%C3%A4nkar&sida=$2"; grep -o '<li><p><a href="/handling' "$T/s.$2" | wc -l; }
total() { sed -n 's/.*<p class="total" role="status">\([0-9]*\) träff.*/\1/p' "$1"; }

same "the registrar's first page lists 20" "20" "$(hits "$T/rita" 1)"
same "the registrar's total counts the secret hits she may read" "29" "$(total "$T/s.1")"
grep -q 'Sida 1 av 2' "$T/s.1" && grep -q '<a href="/sok?sida=2&amp;org=kommun&amp;q=parkb%C3%A4nkar"' "$T/s.1" \
	&& pass "page numbers and the last page" || fail "no page numbers on the search (view_pager)"
same "her second page lists the rest" "9" "$(hits "$T/rita" 2)"
same "the total on page 2 is the same" "29" "$(total "$T/s.2")"
grep -q 'Visar 21–29 av 29' "$T/s.2" && pass "page 2 says which hits it shows" || fail "page 2's range"

same "the reader's first page lists 20" "20" "$(hits "$T/lena" 1)"
same "the reader's total leaves out what she may not see" "26" "$(total "$T/s.1")"
same "her second page lists the rest of what she may see" "6" "$(hits "$T/lena" 2)"
grep -q 'hemligt' "$T/s.1" "$T/s.2" && fail "a secret title reached the reader" || pass "no secret hit for the reader"

curl -s -b "$T/rita" -o "$T/s.out" "$U/sok?org=kommun&q=parkb%C3%A4nkar&riktning=out"
same "the total follows the filters" "1" "$(total "$T/s.out")"
grep -q '<p class="total" role="status">1 träff.</p>' "$T/s.out" && pass "one hit in the singular" || fail "1 träff"
curl -s -b "$T/rita" -o "$T/s.none" "$U/sok?org=kommun&q=kanariefagel"
grep -q 'Inga träffar' "$T/s.none" && pass "no hits said so" || fail "no hits"

# the public registry's search: the open index's public fields only
curl -s -o "$T/pub" "$U/offentlig/diarium?org=kommun&q=parkb%C3%A4nkar"
rows=$(python3 -c 'import re, sys; t = open(sys.argv[1]).read(); print(len(re.findall(r"<tr>", t[t.index("<tbody>"):t.index("</tbody>")])))' "$T/pub")
same "the public sees the open entries" "26" "$rows"
same "the public total is what it is shown" "26" "$(total "$T/pub")"
grep -q 'hemligt' "$T/pub" && fail "a secret title reached the public" || pass "no secret title in the public search"
curl -s -o "$T/pub.in" "$U/offentlig/diarium?org=kommun&q=parkb%C3%A4nkar&riktning=in"
same "the public total follows the filters" "25" "$(total "$T/pub.in")"
curl -s -o "$T/pub.en" "$U/offentlig/diarium?org=kommun&q=parkb%C3%A4nkar&lang=en"
grep -q '<p class="total" role="status">26 hits.</p>' "$T/pub.en" && pass "the total in English" || fail "the total in English"
curl -s -o "$T/pub.all" "$U/offentlig/diarium?org=kommun"
grep -q 'class="total"' "$T/pub.all" && fail "a total without a search" || pass "the list without a search has no search total"
