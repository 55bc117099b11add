#!/bin/sh
# t0124 — every API list in one envelope, paged by cursor (issue 16). A
# municipality's registry with a handful of everything: each list is
# walked page by page with ?limit=2, following "next" (and the Link
# header, which must say the same) to its end, and the pages together
# must be the list read whole, in its order, nothing twice, nothing left
# out. Walking while cases and records are registered between the pages
# loses and repeats nothing of what was there (keyset, not offset). A
# reader's pages are cut from what the reader may see: a cursor is
# sealed, so it shows nothing (not a protected title, nor a row's id), and
# another organisation's cases are in no page and no count; a page read
# through a cursor logs the secret reads of that page only. Cursors are checked: one changed, one of another list, one of
# other filters, and one beside an offset are 400 bad_cursor (or
# invalid), with a Swedish message.
TEST_NAME=api-pagination
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k org add grann "Grannkommunen" >/dev/null
export KANSLI_ORG=kommun
k series add KS "Kommunstyrelsen" >/dev/null
k series add BN "Byggnadsnämnden" >/dev/null
k series add KS "Grannens styrelse" --org grann >/dev/null
k class add 1.1 "Styrning" >/dev/null
k class add 3.2.1 "Bygglov" >/dev/null
k unit add SBF "Samhällsbyggnad" >/dev/null
k unit add KLK "Kommunledning" >/dev/null
for u in reg:registrator hand:handlaggare sekr:namndsekreterare arkiv1:arkivarie arkiv2:arkivarie anna:lasare \
	admin:administrator; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
echo "Losenord-for-g" | k user add granne "Granne" --password-stdin >/dev/null
k user grant granne registrator --org grann >/dev/null

# Cases: a protected title, due dates, several series, years and days.
for i in 1 2 3 4 5 6 7; do
	s=KS
	[ $((i % 3)) -eq 0 ] && s=BN
	k case open --series "$s" --title "Ärende nummer $i" --class 3.2.1 --unit SBF --opened "2026-02-0$i" \
		--due "2026-0$((3 + i % 3))-01" >/dev/null
done
secret=$(k case open --series KS --title "Stöd till Karin Zebrafink" --public-title "Stöd enligt SoL" --class 1.1)
k case open --series KS --title "Grannens ärende" --org grann >/dev/null
k case open --series KS --title "Grannens andra" --org grann >/dev/null
# Records, some on the same day, a secret one.
n=0
for c in "KS 2026/0001" "KS 2026/0002" "BN 2026/0001" "KS 2026/0004"; do
	for d in 2026-02-10 2026-02-10 2026-02-12; do
		n=$((n + 1))
		k record add "$c" --direction in --title "Handling $n" --date "$d" --person "Part $n" --type Ansökan >/dev/null
	done
done
k record add "$secret" --direction in --title "Utredning om Karin Zebrafink" --person "Karin Zebrafink" \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask title,party >/dev/null
k reindex >/dev/null 2>&1
# Requests, boards, meetings, delegations, notices.
for i in 1 2 3; do k request submit --message "Begäran $i" --document "KS 2026/0001-$i" --name "Journalist $i" >/dev/null; done
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board add BN --name Byggnadsnämnden --kind namnd --series BN >/dev/null
k board add KF --name Kommunfullmäktige --kind fullmaktige --series KS >/dev/null
for d in 2026-03-10 2026-03-24 2026-04-07; do
	k meeting create --board KS --date "$d" --time 13:00 --place Sessionssalen >/dev/null
done
for c in "KS 2026/0001" "KS 2026/0002" "KS 2026/0004"; do k board ready "$c" --board KS >/dev/null; done
for i in 1 2 3; do
	k delegation register --case "KS 2026/0002" --board KS --point "3.$i" --by "Hand Läggare" --summary "Beslut $i" \
		--date "2026-02-1$i" >/dev/null
done
for i in 1 2 3 4; do k notice post --kind other --board KS --title "Anslag $i" --text "Text $i" >/dev/null; done
# The archive: a schedule, closed cases long ago, holds, deliveries, runs.
k retention schedule set 3.2.1 --action gallras --years 1 --decision "KF 2025 § 1" >/dev/null
k retention schedule set 3.2.1 --type Ansökan --action gallras --years 2 --decision "KF 2025 § 2" >/dev/null
k retention schedule set 1.1 --action bevaras >/dev/null
# cases of 2019, closed in 2020: due for disposal now
for i in 1 2 3 4 5; do
	c=$(k case open --series KS --title "Bygglov 2019 nummer $i" --class 3.2.1 --opened "2019-05-0$i")
	k record add "$c" --direction in --title "Ansökan $i" --date "2019-05-0$i" --person "Sökande $i" --type Ansökan \
		>/dev/null
	k record add "$c" --direction out --title "Beslut $i" --date "2019-06-0$i" >/dev/null
	k case close "$c" --date 2020-01-15 >/dev/null || fail "close $c"
done
for c in "KS 2019/0004" "KS 2019/0005"; do k hold add "$c" --reason "Tvist" >/dev/null; done
k hold release "KS 2019/0005" --reason "Förlikt" >/dev/null
mkdir "$T/sip"
for c in "KS 2019/0001" "KS 2019/0002" "KS 2019/0003"; do
	k --user arkiv1 export sip "$c" --format zip --out "$T/sip" >/dev/null || fail "export $c"
done
k --user arkiv1 disposal propose >/dev/null || fail "propose"
k --user arkiv1 disposal cancel 1 --reason "Fel" >/dev/null || fail "cancel"
k --user arkiv1 disposal propose >/dev/null || fail "propose again"
k --user arkiv1 disposal cancel 2 --reason "Fel igen" >/dev/null || fail "cancel again"

TREG=$(k token add reg reg --days 366)
TANNA=$(k token add anna anna --days 366)
TSEKR=$(k token add sekr sekr --days 366)
TA1=$(k token add arkiv1 a1 --days 366)
TADM=$(k token add admin admin --days 366)
web_serve KANSLI_NO_RATE_LIMIT=1

# walk.py: walks lists as the tests below ask and prints PASS/FAIL lines.
cat >"$T/walk.py" <<'PY'
import base64, json, os, subprocess, sys, urllib.error, urllib.request
U, test = os.environ["U"], os.environ["TEST_NAME"]
def out(ok, what):
    print(("PASS " if ok else "FAIL ") + test + ": " + what, flush=True)
def get(tok, path):
    req = urllib.request.Request(U + path, headers={"Authorization": "Bearer " + tok})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.headers, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, e.headers, json.load(e)
def q(path, extra):
    return path + ("&" if "?" in path else "?") + extra
def cursors_of(url):
    c = url.split("cursor=", 1)[1].split("&")[0]
    return base64.urlsafe_b64decode(c + "=" * (-len(c) % 4))
def walk(tok, path, member, limit=2, between=None):
    """The list walked by pages: (items, pages, cursor payloads) or None."""
    items, pages, payloads = [], 0, []
    url = "/api/v1" + q(path, "org=kommun&limit=%d" % limit)
    while url:
        st, h, d = get(tok, url)
        if st != 200:
            out(False, "%s page %d answered %d: %s" % (path, pages + 1, st, d))
            return None
        pages += 1
        items += d[member]
        nxt = d.get("next", "missing")
        link = h.get("Link")
        if nxt is None:
            if link:
                out(False, "%s: a Link header on the last page" % path)
        elif nxt == "missing" or link != "<%s>; rel=\"next\"" % nxt:
            out(False, "%s: next %r and Link %r differ" % (path, nxt, link))
            return None
        else:
            if len(d[member]) != limit:
                out(False, "%s: a page before the last holds %d, not %d" % (path, len(d[member]), limit))
            payloads.append(cursors_of(nxt))
        url = nxt
        if url and between:
            between(pages)
        if pages > 500:
            out(False, "%s: the walk does not end" % path)
            return None
    return items, pages, payloads
def whole(tok, path, member):
    st, h, d = get(tok, "/api/v1" + q(path, "org=kommun&limit=1000"))
    if st != 200 or d.get("next") is not None:
        out(False, "%s read whole: %d %s" % (path, st, d))
        return None
    return d[member]

mode = sys.argv[1]
if mode == "lists":
    tokens = dict(reg=os.environ["TREG"], sekr=os.environ["TSEKR"], a1=os.environ["TA1"], adm=os.environ["TADM"])
    for line in sys.stdin:
        who, path, member, atleast = line.split()
        tok = tokens[who]
        full = whole(tok, path, member)
        w = walk(tok, path, member)
        if full is None or w is None:
            continue
        items, pages, _ = w
        # a request's "hours" is its age at the time of the answer
        for i in items + full:
            i.pop("hours", None)
        keys = [json.dumps(i, sort_keys=True) for i in items]
        ok = items == full and len(set(keys)) == len(keys) and len(full) >= int(atleast)
        out(ok, "%s walked by 2 in %d pages is the list read whole (%d items)" % (path, pages, len(full))
            + ("" if ok else ": walked %s, whole %s" % (keys, [json.dumps(i, sort_keys=True) for i in full])))
elif mode == "events":
    # the log grows as it is read (secret reads are logged): its first
    # 1000 events, walked by 100, are the same as read at once
    tok = os.environ["TADM"]
    st, h, d = get(tok, "/api/v1/events?org=kommun&limit=1000")
    first = d["events"]
    items, url, pages = [], "/api/v1/events?org=kommun&limit=100", 0
    while url and len(items) < len(first):
        st, h, d = get(tok, url)
        items += d["events"]
        url, pages = d["next"], pages + 1
    out(len(first) > 100 and items[:len(first)] == first,
        "the events walked by 100 in %d pages are the events read at once (%d)" % (pages, len(first)))
    ids = [e["id"] for e in items]
    out(ids == sorted(set(ids)), "each once, in the order of the log")
elif mode == "inserts":
    # cases newest first: cases opened between the pages come before the
    # cursor, so the walk is the list as it was; records by document date:
    # one dated in the middle may come after the cursor, and then once.
    tok, kansli = os.environ["TREG"], os.environ["KANSLI"]
    before = whole(tok, "/cases", "cases")
    def open_case(n):
        subprocess.run([kansli, "case", "open", "--series", "KS", "--title", "Nytt under bläddring %d" % n],
                       check=True, stdout=subprocess.DEVNULL)
    items, pages, _ = walk(tok, "/cases", "cases", between=open_case)
    after = whole(tok, "/cases", "cases")
    out(items == before, "cases opened between the pages shift nothing: the walk is the list as it began")
    out(len(after) == len(before) + pages - 1, "(%d cases were opened during the walk)" % (pages - 1))
    before = whole(tok, "/records", "records")
    def add_record(n):
        subprocess.run([kansli, "record", "add", "KS 2026/0004", "--direction", "in", "--title", "Ny %d" % n,
                        "--date", "2026-02-11"], check=True, stdout=subprocess.DEVNULL)
    items, pages, _ = walk(tok, "/records", "records", between=add_record)
    nums = [i["number"] for i in items]
    old = [i["number"] for i in before]
    out(len(set(nums)) == len(nums), "records registered between the pages: none is on two pages")
    out([x for x in nums if x in old] == old, "and every record that was there is walked, once, in order")
    out(any(x not in old for x in nums), "a record dated after the cursor's place is on a later page")
elif mode == "secrecy":
    tok = os.environ["TANNA"]
    items, pages, payloads = walk(tok, "/cases?sort=title", "cases", limit=1)
    full = whole(tok, "/cases?sort=title", "cases")
    out(items == full, "a reader's walk by title is the reader's list (%d pages)" % pages)
    out(all(b"Zebrafink" not in p for p in payloads), "no cursor holds the protected title")
    out(payloads and all(b'"k":' not in p and b"SoL" not in p for p in payloads),
        "cursors are sealed: none can be read (%d)" % len(payloads))
    st, h, d = get(tok, "/api/v1/cases?org=kommun&limit=1")
    out(d["total"] == len(full), "the total counts the organisation's cases only (%d)" % d["total"])
    out(not any("Grann" in json.dumps(i) for i in full), "no page holds another organisation's case")
    items, pages, payloads = walk(tok, "/records", "records", limit=1)
    out(all(b"Zebrafink" not in p for p in payloads), "no record cursor holds a masked title or party")
    items, pages, payloads = walk(tok, "/search?q=handling", "hits", limit=1)
    out(pages > 1 and all(b"Zebrafink" not in p for p in payloads), "nor a search cursor (%d pages)" % pages)
PY
export U TREG TANNA TSEKR TA1 TADM KANSLI TEST_NAME

# Every list, as one who may read it; the least each must hold.
python3 "$T/walk.py" lists <<'EOF'
reg /cases cases 8
reg /cases?sort=number cases 8
reg /cases?sort=due cases 8
reg /cases?sort=title cases 8
reg /cases?status=closed cases 5
reg /records records 13
reg /records?direction=in&year=2026 records 13
reg /search?q=handling hits 12
reg /search?q=handling&order=relevance hits 12
reg /requests?all=1 requests 3
reg /parties parties 12
reg /series series 2
reg /classes classes 2
reg /units units 2
adm /users users 7
sekr /boards boards 3
sekr /meetings meetings 3
sekr /meetings/1/ready cases 1
sekr /delegations delegations 3
sekr /delegations?unreported=1 delegations 3
sekr /notices notices 4
sekr /notices?all=1 notices 4
a1 /exports exports 3
reg /retention/schedule rules 3
a1 /retention/due items 2
a1 /holds?all=1 holds 2
a1 /disposals disposals 2
EOF

python3 "$T/walk.py" events
python3 "$T/walk.py" inserts
python3 "$T/walk.py" secrecy

# Refused cursors and limits.
api() { curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$U/api/v1$2"; }
val() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1"; }
api "$TREG" "/cases?org=kommun&limit=2" >/dev/null
next=$(val 'd["next"]')
cur=${next##*cursor=}
same "the next page by its URL" 200 "$(curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TREG" "$U$next")"
same "a changed cursor is 400" 400 "$(api "$TREG" "/cases?org=kommun&limit=2&cursor=${cur%?}A")"
same "with the code bad_cursor" bad_cursor "$(val 'd["error"]["code"]')"
same "naming the parameter" cursor "$(val 'd["error"]["field"]')"
case $(val 'd["error"]["message_sv"]') in
*Sidmarkören*) pass "and saying so in Swedish" ;;
*) fail "the Swedish message: $(cat "$T/body")" ;;
esac
same "a cursor that is no base64 is 400" 400 "$(api "$TREG" "/cases?org=kommun&cursor=not*base64")"
same "the cases' cursor on the records is 400" 400 "$(api "$TREG" "/records?org=kommun&limit=2&cursor=$cur")"
same "the cursor with other filters is 400" 400 "$(api "$TREG" "/cases?org=kommun&status=open&limit=2&cursor=$cur")"
same "the cursor in another order is 400" 400 "$(api "$TREG" "/cases?org=kommun&sort=title&limit=2&cursor=$cur")"
same "with another limit it is good" 200 "$(api "$TREG" "/cases?org=kommun&limit=3&cursor=$cur")"
same "the filters in another order are the same list" 200 \
	"$(api "$TREG" "/cases?limit=2&status=open&org=kommun&cursor=$(curl -s -H "Authorization: Bearer $TREG" \
		"$U/api/v1/cases?org=kommun&status=open&limit=2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"].split("cursor=")[1])')")"
same "a cursor beside an offset is 400" 400 "$(api "$TREG" "/cases?org=kommun&offset=1&cursor=$cur")"
same "a limit of 0 is 400" 400 "$(api "$TREG" "/series?org=kommun&limit=0")"
same "as invalid limit" "invalid limit" "$(val 'd["error"]["code"] + " " + d["error"]["field"]')"
same "a limit of 1001 is 400" 400 "$(api "$TREG" "/parties?org=kommun&limit=1001")"
same "a limit that is no number is 400" 400 "$(api "$TA1" "/holds?org=kommun&limit=tio")"
same "the older offset still pages" 200 "$(api "$TREG" "/cases?org=kommun&limit=2&offset=2")"
same "and names the next page after it" 1 "$(val '1 if d["next"] and "cursor=" in d["next"] else 0')"
same "the next page keeps the default size" 1 \
	"$(api "$TADM" "/events?org=kommun" >/dev/null; val '1 if len(d["events"]) == 100 and "limit=100&" in d["next"] else 0')"
same "an unpaged list is read whole" null "$(api "$TREG" "/series?org=kommun" >/dev/null; val 'json.dumps(d["next"])')"
same "a list page has no Link header at the end" 0 \
	"$(curl -s -D - -o /dev/null -H "Authorization: Bearer $TREG" "$U/api/v1/series?org=kommun" | grep -ci '^link:')"
grep -q "ERROR: AddressSanitizer\|runtime error\|LeakSanitizer" "$T/serve.log" &&
	fail "the server's sanitizers: $(grep -m2 'ERROR\|runtime error' "$T/serve.log")" ||
	pass "the server's sanitizers found nothing"
