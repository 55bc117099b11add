#!/bin/sh
# t0085 — a public answer's validators are its own content (an outside
# review's find). The ETag and Last-Modified of the public pages used to be
# the time of the installation's last signed change, which every write and
# every logged read of a secret moves, in any organisation: an anonymous
# visitor polling with If-None-Match could watch staff at work. Now every
# public page, feed and data answer is the same, headers and all, before
# and after staff work that does not change it: a logged secret read, a
# registration in another organisation, a note in a case. A page that does
# change gets a new ETag; an unchanged one answers 304 without a body; a
# feed's <updated> is its newest entry's.
TEST_NAME=public-validators
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-11-16
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k org add grannby "Grannby kommun" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
k series add --org grannby SN "Socialnämnden" >/dev/null
ks=$(k case open --org kommun --series KS --title "Medborgarförslag om belysning")
k record add --org kommun "$ks" --direction in --title "Förslag om gatlyktor" --organisation "Föreningen Ljus" >/dev/null
k record add --org kommun "$ks" --direction internal --title "Utredning om hemliga saker" \
	--secrecy full --legal-ground "OSL 18 kap. 8 §" >/dev/null
gb=$(k case open --org grannby --series SN --title "Ekonomiskt bistånd")
k notice post --org kommun --kind other --board Kommunstyrelsen --title "Granskning av detaljplan" \
	--down 2026-12-14 >/dev/null
k reindex >/dev/null

web_serve KANSLI_NO_RATE_LIMIT=1
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
pages="/offentlig/diarium?org=kommun /offentlig/data.json?org=kommun /offentlig/flode.atom?org=kommun
/offentlig/diarium?org=kommun&q=gatlyktor /offentlig/arende?org=kommun&nr=$(enc "$ks")
/anslagstavla/aktuellt?org=kommun /anslagstavla/arkiv?org=kommun /anslagstavla/anslag?org=kommun&id=1
/anslagstavla/flode.atom?org=kommun /offentlig/diarium?org=grannby /anslagstavla/flode.atom?org=grannby"

# snap DIR: every public page's status, headers (all but Date) and body
snap() {
	mkdir -p "$1"
	n=0
	for p in $pages; do
		n=$((n + 1))
		curl -s -D "$1/h$n" -o "$1/b$n" "$U$p"
		tr -d '\r' <"$1/h$n" | grep -vi '^date:' >"$1/hh$n"
	done
}
snap "$T/before"
head_before=$(sql "SELECT signed_us FROM log_state")

# staff at work, none of it shown to the public
k record show --org kommun "$ks-2" --json >/dev/null
k record add --org grannby "$gb" --direction in --title "Ansökan" --person "Anna Andersson" >/dev/null
k case note --org kommun "$ks" "Ring förslagsställaren" >/dev/null
k reindex >/dev/null
head_after=$(sql "SELECT signed_us FROM log_state")
[ "$head_before" != "$head_after" ] && pass "the staff work moved the log's signed head" \
	|| fail "the log's head did not move, so the test proves nothing"
# The public log is public by design and shows its head; the pages below
# show none of it.
grep -q "Ansökan" "$T/before/b10" && fail "grannby's registry shows the new record before it existed" || true

snap "$T/after"
n=0
for p in $pages; do
	n=$((n + 1))
	if [ "$n" -eq 10 ]; then
		# grannby's registry does change: it shows the new registration
		cmp -s "$T/before/b$n" "$T/after/b$n" && fail "$p: the new registration is not shown" \
			|| pass "$p shows the registration in its own organisation"
		continue
	fi
	cmp -s "$T/before/hh$n" "$T/after/hh$n" && pass "$p: the same headers after staff work" \
		|| fail "$p: headers changed after staff work: $(diff "$T/before/hh$n" "$T/after/hh$n" | tr '\n' ' ')"
	cmp -s "$T/before/b$n" "$T/after/b$n" && pass "$p: the same body after staff work" \
		|| fail "$p: body changed after staff work"
done

# validators: an ETag (a quoted hash), no Last-Modified, 304 when unchanged
n=0
for p in $pages; do
	n=$((n + 1))
	etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' "$T/after/hh$n")
	echo "$etag" | grep -qx '"[0-9a-f]\{32\}"' && pass "$p: an ETag that is a hash" || fail "$p: ETag '$etag'"
	grep -qi '^last-modified:' "$T/after/hh$n" && fail "$p: a Last-Modified" || pass "$p: no Last-Modified"
	: >"$T/b304"
	st=$(curl -s -D "$T/h304" -o "$T/b304" -w '%{http_code}' -H "If-None-Match: $etag" "$U$p")
	same "$p: If-None-Match with its ETag gives 304" "304" "$st"
	same "$p: the 304 has no body" "0" "$(wc -c <"$T/b304" | tr -d ' ')"
	grep -qi '^etag: '"$etag" "$T/h304" && pass "$p: the 304 names the ETag" || fail "$p: the 304 lacks its ETag"
done
p1=$(echo $pages | cut -d' ' -f1)
etag1=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' "$T/after/hh1")
same "a list of tags with the right one gives 304" "304" \
	"$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: \"abc\", W/$etag1" "$U$p1")"
same "another tag gives the page" "200" \
	"$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "0123456789abcdef0123456789abcdef"' "$U$p1")"

# the feed's <updated> is its newest entry's, never the staff's last write
python3 - "$T/after/b3" "$T/after/b9" "$T/after/b11" <<'EOF' && pass "each feed's <updated> is its newest entry's (an empty feed: the epoch)" || fail "a feed's <updated>"
import sys, xml.etree.ElementTree as E
from datetime import datetime
from zoneinfo import ZoneInfo
A = "{http://www.w3.org/2005/Atom}"
for path in sys.argv[1:]:
    feed = E.parse(path).getroot()
    entries = feed.findall(A + "entry")
    times = [e.find(A + "updated").text for e in entries]
    want = max(times) if times else "1970-01-01T00:00:00Z"
    got = feed.find(A + "updated").text
    if got != want or (times and got.startswith("1970")):
        sys.exit("%s: <updated> %s, want %s" % (path, got, want))
    # <published> is UTC; KANSLI_NOW pins the Swedish day, which from 23:00
    # UTC (22:00 in summer) is the UTC day after
    for e in entries:
        pub = e.find(A + "published")
        day = pub is not None and datetime.fromisoformat(pub.text.replace("Z", "+00:00")) \
            .astimezone(ZoneInfo("Europe/Stockholm")).date().isoformat()
        if day != "2026-11-16":
            sys.exit("%s: an entry without its publication time on the pinned day" % path)
EOF

# a page that changes gets a new ETag
k record add --org kommun "$ks" --direction out --title "Svar om gatlyktor" --organisation "Föreningen Ljus" >/dev/null
k reindex >/dev/null
for n in 1 2 3 4 5; do
	p=$(echo $pages | cut -d' ' -f$n)
	etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' "$T/after/hh$n")
	st=$(curl -s -D "$T/h" -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$U$p")
	new=$(tr -d '\r' <"$T/h" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')
	[ "$st" = 200 ] && [ -n "$new" ] && [ "$new" != "$etag" ] && pass "$p: a new registration, a new ETag" \
		|| fail "$p: after a new registration: $st, ETag $new (was $etag)"
done
