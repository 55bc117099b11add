#!/bin/sh
# t0092 — a long meeting page can be moved through: a meeting with forty-odd
# agenda items opens with the contents of its page (a link to each section
# it shows, the agenda with its number of items), and the agenda links each
# item to its § in the minutes; every in-page link has its target, once.
# After the minutes are drawn up the contents gain the approval section.
TEST_NAME=meeting-contents
export KANSLI_NOW=2026-03-16
. "$(dirname "$0")/lib.sh"

ok "init" k init "$KANSLI_DATA"
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
k user grant rita namndsekreterare >/dev/null
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 >/dev/null
k --user rita meeting create --board KS --date 2026-03-16 --time 09:00 --place "Sessionssalen" >/dev/null
c=$(k case open --series KS --title "Medborgarförslag om parkbänkar")
ok "a case on the agenda" k --user rita meeting add 1 --case "$c"
for i in $(seq 1 40); do k --user rita meeting add 1 --standing "Punkt nummer $i" >/dev/null || fail "standing item $i"; done
items=$(k meeting show 1 --json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')
[ "$items" -ge 41 ] && pass "the agenda has $items items" || fail "the agenda has $items items"

web_serve KANSLI_NO_RATE_LIMIT=1
same "rita logs in" "303" "$(login "$T/rita" rita Losenord-for-rita)"

# check FILE STATE: the contents and every in-page link of the meeting page
check() {
	python3 - "$1" "$items" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
items = int(sys.argv[2])
nav = re.search(r'<nav class="contents" aria-label="Innehåll på sidan"><ul>(.*?)</ul></nav>', t)
if not nav:
    sys.exit("no contents at the top of the page")
if t.index(nav.group(0)) > t.index('id="foredragningslista"'):
    sys.exit("the contents come after the agenda")
ids = re.findall(r'\bid="([^"]+)"', t)
dup = sorted({i for i in ids if ids.count(i) > 1})
if dup:
    sys.exit("ids given twice: %s" % dup[:5])
links = re.findall(r'href="#([^"]+)"', t)
missing = sorted({l for l in links if l not in ids})
if missing:
    sys.exit("in-page links without a target: %s" % missing[:5])
if "(%d punkter)" % items not in nav.group(1):
    sys.exit("the contents do not give the number of items: %s" % nav.group(1)[:200])
agenda = t[t.index('id="foredragningslista"'):t.index('id="kallelse"')]
# a folded § is opened by its agenda line (punkt=ITEM), then scrolled to
links = re.findall(r'<td><a href="/sammantrade\?org=kommun&amp;id=1&amp;punkt=(\d+)#p-(\d+)">', agenda)
to_par = ["p-" + b for a, b in links if a == b]
if len(to_par) != items or len(set(to_par)) != items:
    sys.exit("the agenda links %d items to their §, not %d" % (len(set(to_par)), items))
print(" ".join(re.findall(r'href="#([a-z]+)"', nav.group(1))))
PY
}
curl -s -b "$T/rita" -o "$T/called" "$U/sammantrade?org=kommun&id=1"
out=$(check "$T/called" 2>&1)
same "the contents of a planned meeting: its sections in order, every link with its target" \
	"foredragningslista klara kallelse narvaro protokoll" "$out"
ok "the notice is sent" k --user rita meeting send-notice 1
ok "the minutes are drawn up" k --user rita meeting draw-up 1
curl -s -b "$T/rita" -o "$T/held" "$U/sammantrade?org=kommun&id=1"
out=$(check "$T/held" 2>&1)
same "after the draw-up the contents lead to the approval too" \
	"foredragningslista kallelse narvaro protokoll justering" "$out"
grep -q '<h3 id="p-[0-9]*">§ [0-9]* Punkt nummer 40</h3>' "$T/held" && pass "each § is the target, with its number" \
	|| fail "no § heading for the last item"

# A meeting this long is summarised: every § folds to its heading, one
# opens from its agenda line, all with "visa alla".
python3 - "$T/held" "$items" <<'PY' && pass "every § is folded to its heading, the way to show all offered" || fail "the § are not folded"
import re, sys
t, items = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2])
assert len(re.findall(r'<details class="fold"><summary><h3 id="p-\d+">', t)) == items
assert '<details class="fold" open>' not in t
assert 'href="/sammantrade?org=kommun&amp;id=1&amp;visa=alla#protokoll">Visa alla paragrafer</a>' in t
PY
last=$(k meeting show 1 --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][-1]["id"])')
curl -s -b "$T/rita" -o "$T/one" "$U/sammantrade?org=kommun&id=1&punkt=$last"
same "the agenda line of a § opens that § alone" "1 p-$last" \
	"$(grep -o '<details class="fold" open><summary><h3 id="p-[0-9]*"' "$T/one" | sed 's/.*id="//; s/"//' | sort -u | \
	awk '{n++; l=$0} END {print n, l}')"
curl -s -b "$T/rita" -o "$T/body" "$U/sammantrade?org=kommun&id=1&visa=alla"
same "show all opens every §" "$items" "$(grep -o '<details class="fold" open>' "$T/body" | wc -l)"
has "and offers to fold them again" 'Fäll ihop paragraferna'

# The decisions of all § are one form: a refused save keeps what was typed.
item=$(k meeting show 1 --json | python3 -c 'import json, sys; print([i["id"] for i in json.load(sys.stdin)["items"] if i.get("case")][0])')
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/held" | head -1)
long=$(python3 -c 'print("x" * 20001)')
st=$(curl -s -b "$T/rita" -o "$T/body" -w '%{http_code}' --data-urlencode "csrf=$C" --data-urlencode "org=kommun" \
	--data-urlencode "formsida=/sammantrade?org=kommun&id=1" --data-urlencode "id=1" --data-urlencode "atgard=beslut-alla" \
	--data-urlencode "beslut-$item=Bifall till förslaget, skrivet men inte sparat" --data-urlencode "beslut-$last=$long" \
	"$U/sammantrade")
same "a decision too long for the minutes is refused" "4" "${st%??}"
has "the refused save keeps the decision typed in another §" \
	">Bifall till förslaget, skrivet men inte sparat</textarea>"
same "and nothing of it was saved" "" \
	"$(k meeting show 1 --json | python3 -c 'import json, sys; print("".join(i.get("decision") or "" for i in json.load(sys.stdin)["items"]))')"

# A §'s own forms wait behind a disclosure, closed, but one sent back
# refused comes back open, with its message beside the field.
grep -q '<details class="action-group"><summary>Reservation eller jäv</summary>' "$T/held" \
	&& pass "the reservation form of a § is behind a closed disclosure" || fail "no disclosure for the § forms"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/held" | head -1)
st=$(curl -s -b "$T/rita" -o "$T/refused" -w '%{http_code}' --data-urlencode "csrf=$C" --data-urlencode "org=kommun" \
	--data-urlencode "formsida=/sammantrade?org=kommun&id=1" --data-urlencode "id=1" --data-urlencode "atgard=anteckna" \
	--data-urlencode "punkt=$item" --data-urlencode "ledamot=999999" --data-urlencode "slag=reservation" "$U/sammantrade")
same "a reservation for no member is refused" "4" "${st%??}"
python3 - "$T/refused" "$item" <<'PY' && pass "the refused § form comes back open, with its error" || fail "the refused form is not open"
import re, sys
t, item = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
opened = re.findall(r'<details class="action-group" open>(.*?)</details>', t, re.S)
assert len(opened) == 1, len(opened)
assert 'name="punkt" value="%s"' % item in opened[0]
assert 'class="error-summary"' in t
PY

# Only a member recorded present reserves against a decision (an outside
# review's find: an absent member's reservation was accepted).
mid=$(k meeting show 1 --json | python3 -c 'import json, sys; print([a["member_id"] for a in json.load(sys.stdin)["attendance"] if a["name"] == "Anna Andersson"][0])')
fails "a member with no attendance recorded may not reserve" "not recorded as present" \
	k --user rita meeting reserve "$item" "$mid" --text "Nej"
ok "recorded absent" k --user rita meeting attend 1 "$mid" absent
fails "an absent member may not reserve" "not recorded as present" k --user rita meeting reserve "$item" "$mid" --text "Nej"
ok "recorded present" k --user rita meeting attend 1 "$mid" present
ok "a present member reserves" k --user rita meeting reserve "$item" "$mid" --text "Nej"
