#!/bin/sh
# t0015 — the public registry: the same registrations the staff see, with
# secret parts masked by their legal ground, private persons' names masked
# in series that say so, and no personnummer anywhere — in the HTML pages,
# the Atom feed and the JSON open data. Caching headers, no cookies, limits.
TEST_NAME=public
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
ok "series masks private persons" k series mask-persons SN on
fails "unknown series" "unknown series" k series mask-persons XX on
ks=$(k case open --series KS --title "Medborgarförslag om parkbänkar")
sn=$(k case open --series SN --title "Ansökan om färdtjänst")
k record add "$ks" --direction in --person "Anna Öppensson" --id 19800409-8276 --title "Förslag om bänkar" >/dev/null
k record add "$sn" --direction in --person "Bertil Privatsson" --id 19121212-1212 --title "Ansökan" >/dev/null
k record add "$sn" --direction internal --person "Cecilia Hemligsson" --title "Utredning om Hemligtitelord" \
	--secrecy full --legal-ground "OSL 26 kap. 1 §" >/dev/null
k record add "$ks" --direction out --organisation "Länsstyrelsen" --title "Remiss" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

same "public index" "200" "$(curl -s -o "$T/index" -w '%{http_code}' "$U/offentlig")"
grep -q 'href="/offentlig/diarium?org=kommun"' "$T/index" && pass "index links the registry" || fail "index link"
curl -s -D "$T/h" "$U/offentlig/diarium?org=kommun" >"$T/html"
curl -s "$U/offentlig/data.json?org=kommun" >"$T/json"
curl -s "$U/offentlig/flode.atom?org=kommun" >"$T/atom"
grep -qi '^set-cookie' "$T/h" && fail "public page sets a cookie" || pass "no cookies on public pages"
for view in html json atom; do
	for secret in "Bertil" "Privatsson" "Hemligtitelord" "Cecilia" "Hemligsson" "19121212" "19800409" "1212-1212" "8276"; do
		grep -q "$secret" "$T/$view" && fail "$view leaks $secret"
	done
	pass "$view: nothing secret, no private person's name in a masking series, no personnummer"
	grep -q "Sekretess enligt OSL 26 kap. 1 §" "$T/$view" && pass "$view: secret parts name their legal ground" || fail "$view legal ground"
	grep -q "Privatperson" "$T/$view" && pass "$view: masked private person" || fail "$view Privatperson"
	grep -q "Anna Öppensson" "$T/$view" && pass "$view: a person in a series that does not mask is shown" || fail "$view Anna"
	grep -q "Länsstyrelsen" "$T/$view" && pass "$view: organisations are shown" || fail "$view organisations"
done
# the staff see what the public may not
k record show "$sn-2" --json >"$T/staff"
grep -q "Hemligtitelord" "$T/staff" && pass "staff view has the secret title" || fail "staff view"
staff=$(sql "SELECT count(*) FROM record")
same "JSON lists every registration" "$staff" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["records"]))' "$T/json")"
same "Atom is well-formed with every registration" "$staff" "$(python3 -c '
import sys, xml.etree.ElementTree as E
t = E.parse(sys.argv[1]); print(len(t.getroot().findall("{http://www.w3.org/2005/Atom}entry")))' "$T/atom")"
same "a series feed" "2" "$(curl -s "$U/offentlig/flode.atom?org=kommun&serie=SN" | grep -o '<entry>' | wc -l)"
curl -s -D "$T/h" -o /dev/null "$U/offentlig/diarium?org=kommun"
etag=$(sed -n 's/^[Ee][Tt]ag: //p' "$T/h" | tr -d '\r')
grep -qi '^last-modified: ' "$T/h" && fail "a Last-Modified (the installation's last write) is public" \
	|| pass "no Last-Modified: the time of staff work is not the public's to watch"
same "unchanged registry: 304" "304" "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$U/offentlig/diarium?org=kommun")"
k record add "$ks" --direction in --title "Ny handling" >/dev/null
same "a new registration changes the ETag" "200" "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$U/offentlig/diarium?org=kommun")"
same "filter by direction" "1" "$(curl -s "$U/offentlig/data.json?org=kommun&riktning=out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))')"
k reindex >/dev/null
same "public search by title" "1" "$(curl -s "$U/offentlig/data.json?org=kommun&q=bänkar" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))')"
same "public search does not find a masked person" "0" "$(curl -s "$U/offentlig/data.json?org=kommun&q=Privatsson" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))')"
same "public search does not find a secret title" "0" "$(curl -s "$U/offentlig/data.json?org=kommun&q=Hemligtitelord" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))')"
same "public search page" "200" "$(curl -s -o "$T/sr" -w '%{http_code}' "$U/offentlig/diarium?org=kommun&q=remiss")"
grep -q "Länsstyrelsen" "$T/sr" && pass "public search page shows the hit" || fail "public search hit"
same "unknown organisation is 404" "404" "$(curl -s -o /dev/null -w '%{http_code}' "$U/offentlig/diarium?org=nope")"
codes=""
for i in $(seq 1 40); do codes="$codes $(curl -s -o /dev/null -w '%{http_code}' "$U/offentlig/data.json?org=kommun")"; done
echo "$codes" | grep -q 429 && pass "public listing is rate limited (429)" || fail "rate limit: $codes"

# Pages of the open data and the feed partition the list (outside attack
# s7, F5): walking every page of data.json (200 a page) and of the Atom
# feed (50) gives each registration once, in the order of the whole list.
export KANSLI_DATA="$T/paged"
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Sidornas kommun" >/dev/null
python3 - >"$T/paged.jsonl" <<'PY'
import json
for i in range(1, 451):
    case = (i - 1) // 3 + 1
    print(json.dumps({"dnr": "KS 2025/%04d" % case, "doc_no": (i - 1) % 3 + 1, "series": "KS",
        "organ": "Kommunstyrelsen", "year": 2025, "case_title": "Ärende %d" % case,
        "case_opened": "2025-01-02", "date": "2025-%02d-%02d" % (1 + i % 12, 1 + i % 28),
        "direction": "inkommande", "party_type": "organisation", "party_name": "Bolag %d AB" % i,
        "doc_title": "Handling %d" % i, "secret": 0, "osl": "", "body": ""}, ensure_ascii=False))
PY
ok "450 registrations imported" k import --org kommun "$T/paged.jsonl"
port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port2" --quiet 2>"$T/serve2.log" &
pid2=$!
trap 'kill $pid $pid2 2>/dev/null; rm -rf "$T"' EXIT
U2="http://127.0.0.1:$port2"
i=0
until curl -fs "$U2/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
sql "SELECT s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) || '-' || r.seq FROM record r
	JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id" >"$T/whole"
python3 - "$U2" "$T/whole" >"$T/pages" <<'PY'
import json, sys, urllib.request, xml.etree.ElementTree as E
u = sys.argv[1] + "/offentlig/"
whole = sorted(open(sys.argv[2]).read().split("\n")[:-1])
def get(path):
    return urllib.request.urlopen(u + path).read()
def walk(page):
    seen, n = [], 1
    while True:
        rows = page(n)
        if not rows:
            return seen
        seen += rows
        n += 1
A = "{http://www.w3.org/2005/Atom}"
json_pages = walk(lambda n: [r["number"] for r in json.loads(get("data.json?org=kommun&sida=%d" % n))["records"]])
atom_pages = walk(lambda n: [e.find(A + "title").text.split(" ")[0] + " " + e.find(A + "title").text.split(" ")[1]
                             for e in E.fromstring(get("flode.atom?org=kommun&sida=%d" % n)).findall(A + "entry")])
print(len(whole), len(json_pages), sorted(json_pages) == whole, len(atom_pages), json_pages == atom_pages)
PY
same "data.json's pages hold the whole list, each registration once; so do the feed's, in the same order" \
	"450 450 True 450 True" "$(cat "$T/pages")"
