#!/bin/sh
# t0083 — the web UI in Swedish and English (gettext, web/i18n.h): every
# public page in Swedish by default, in English with Accept-Language: en
# and with the visible switch (?lang=en, carried on by the page's links),
# with the lang attribute to match and no cookie set; secrets masked the
# same in both; requests in both languages at once each get their own
# (the language is per thread); a user's own setting for staff pages,
# kept in the audit log so verify still passes. And the catalogues:
# complete, nothing fuzzy, and no msgid of the source missing from them.
TEST_NAME=i18n
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# ---- the catalogues against the source ----
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --sort-output \
	-o "$T/kansli.pot" "$ROOT"/src/web/*.c 2>"$T/xg.err" || fail "xgettext ($(head -c 200 "$T/xg.err"))"
for l in sv en; do
	msgfmt --check --statistics -o /dev/null "$ROOT/po/$l.po" 2>"$T/stat.$l" || fail "msgfmt --check $l.po"
	if grep -q "untranslated\|fuzzy" "$T/stat.$l"; then
		fail "$l.po is incomplete: $(cat "$T/stat.$l")"
	else
		pass "$l.po: $(cat "$T/stat.$l")"
	fi
	# every msgid the source marks has its translation in the catalogue
	if msgcmp "$ROOT/po/$l.po" "$T/kansli.pot" 2>"$T/cmp.$l"; then
		pass "$l.po holds every msgid of src/web"
	else
		fail "$l.po misses msgids of the source (make pot): $(head -c 300 "$T/cmp.$l")"
	fi
done

# ---- a registry with a secret ----
export KANSLI_NOW=2026-03-02
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
C_TITLE=kanarieqtitel C_PARTY=kanarieqparty
ks=$(k case open --series KS --title "Medborgarförslag om parkbänkar")
k record add "$ks" --direction in --person "Anna Öppensson" --title "Förslag om bänkar" >/dev/null
k record add "$ks" --direction in --person "Gustav $C_PARTY" --id 19850615-1235 --title "Synpunkt $C_TITLE" \
	--secrecy partial --mask title,party --legal-ground "OSL 21 kap. 1 §" >/dev/null
k notice post --board Kommunfullmäktige --title "Kallelse till sammanträde" --kind other >/dev/null 2>&1 || true
k reindex >/dev/null

# ---- the server, with its catalogues found beside the binary ----
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
if grep -q "Swedish only" "$T/serve.log"; then fail "the server found no catalogues: $(head -c 300 "$T/serve.log")"; else pass "the server found its catalogues"; fi

KS=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$ks")
# name path english-text: every public page, and a text only its English has
pages="index|/offentlig|Public registry
registry|/offentlig/diarium?org=kommun|Registered documents, most recently registered first
case|/offentlig/arende?org=kommun&nr=$KS|No decisions are registered in the case.
board|/anslagstavla|How to appeal a decision
boardnow|/anslagstavla/aktuellt?org=kommun|Current notices
log|/offentlig/logg|How you can check that the registry is never rewritten
help|/sokhjalp|How to search
nocase|/offentlig/arende?org=kommun&nr=KS%202026%2F9999|There is no case numbered
missing|/offentlig/finnsinte|The address does not exist in kansli."

# fetch NAME.VARIANT PATH [curl args]: the page and its headers into $T
fetch() { n=$1 p=$2; shift 2; curl -s -D "$T/h.$n" -o "$T/p.$n" "$@" "$U$p"; }
echo "$pages" | while IFS='|' read -r name path english; do
	sep='?'; case $path in *\?*) sep='&';; esac
	fetch "$name.sv" "$path"
	fetch "$name.en" "$path" -H 'Accept-Language: en-GB,en;q=0.9,sv;q=0.5'
	fetch "$name.sw" "$path${sep}lang=en"
	fetch "$name.pref" "$path" -H 'Accept-Language: fr, sv;q=0.4, en;q=0.3'
	grep -q '<html lang="sv">' "$T/p.$name.sv" && pass "$name: Swedish by default" || fail "$name: lang sv by default"
	grep -q '<html lang="en">' "$T/p.$name.en" && pass "$name: English with Accept-Language: en" \
		|| fail "$name: lang en with Accept-Language"
	grep -q '<html lang="en">' "$T/p.$name.sw" && pass "$name: English with ?lang=en" || fail "$name: lang en with the switch"
	grep -q '<html lang="sv">' "$T/p.$name.pref" && pass "$name: the higher q of the two wins" || fail "$name: q-values"
	for v in en sw; do
		grep -qF "$english" "$T/p.$name.$v" || fail "$name ($v): no '$english'"
	done
	grep -qF "$english" "$T/p.$name.sv" && fail "$name: English text on the Swedish page"
	grep -q 'hreflang="en" lang="en">English</a>' "$T/p.$name.sv" || fail "$name: no switch to English"
	grep -q 'hreflang="sv" lang="sv">Svenska</a>' "$T/p.$name.sw" || fail "$name: no switch back to Swedish"
	for v in sv en sw pref; do
		grep -qi '^set-cookie' "$T/h.$name.$v" && fail "$name ($v): a public page set a cookie"
		grep -q "kanarieq" "$T/p.$name.$v" && fail "$name ($v): a secret reached the page"
	done
done
pass "every public page checked in both languages"

# The switch is remembered without cookies: the English page's links carry it.
grep -q "href=\"/offentlig/arende?org=kommun&amp;nr=$KS&amp;lang=en#handling-1\"" "$T/p.registry.sw" \
	&& pass "the registry's links carry ?lang=en, before the entry's #" || fail "the registry's links lose the language"
same "a number search in English lands on the case in English" "303 /offentlig/arende?org=kommun&nr=$KS&lang=en" \
	"$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$U/offentlig/diarium?org=kommun&q=$KS&lang=en" | sed "s|$U||")"
grep -q 'href="/anslagstavla?lang=en"' "$T/p.registry.sw" && pass "the menu carries ?lang=en" || fail "menu without lang"
grep -q 'name="lang" value="en"' "$T/p.registry.sw" && pass "the filter form carries the language" || fail "filter form"
sed 's/<a class="lang"[^>]*>//' "$T/p.registry.sv" | grep -q 'lang=en' && fail "a Swedish page by default carries a lang it was not asked for"

# Secrets masked the same in both languages: the registry's rows, with the
# words of the UI taken out, are the same data.
rows() { python3 -c 'import re, sys; t = open(sys.argv[1]).read(); print(t[t.index("<tbody>"):t.index("</tbody>")])' "$1" | sed 's/data-label="[^"]*"//g; s/<span class="visually-hidden">[^<]*<\/span>//g; s/>Begär ut</></g; s/>Request</></g; s/>Inkommande</></g; s/>Incoming</></g; s/&amp;lang=en//g'; }
rows "$T/p.registry.sv" >"$T/rows.sv"
rows "$T/p.registry.sw" >"$T/rows.en"
if [ -s "$T/rows.sv" ] && cmp -s "$T/rows.sv" "$T/rows.en"; then
	pass "the registry's rows are the same data in both languages"
else
	fail "the rows differ between the languages: $(diff "$T/rows.sv" "$T/rows.en" | head -5)"
fi
grep -q "$ks-2" "$T/p.case.en" && pass "the masked entry is listed in English too" || fail "masked entry missing in English"

# A search that cannot be run says why in the page's language, beside its box.
curl -s -o "$T/badq.en" -H 'Accept-Language: en' "$U/offentlig/diarium?org=kommun&q=NOT+b%C3%A4nkar"
grep -q "The search needs at least one word to search for" "$T/badq.en" && grep -q '<html lang="en">' "$T/badq.en" \
	&& pass "a search error in English" || fail "the search error is not in English"
curl -s -o "$T/badq.sv" "$U/offentlig/diarium?org=kommun&q=NOT+b%C3%A4nkar"
grep -q "Sökningen behöver minst ett ord" "$T/badq.sv" && pass "and in Swedish" || fail "the search error is not in Swedish"

# The cache validator differs per language: a 304 never answers with the other one.
etag_sv=$(sed -n 's/^[Ee][Tt]ag: \(.*\)\r$/\1/p' "$T/h.registry.sv")
etag_en=$(sed -n 's/^[Ee][Tt]ag: \(.*\)\r$/\1/p' "$T/h.registry.en")
[ -n "$etag_sv" ] && [ "$etag_sv" != "$etag_en" ] && pass "the ETag differs per language" || fail "one ETag for both languages"
grep -qi '^vary:.*accept-language' "$T/h.registry.sv" && pass "Vary: Accept-Language" || fail "no Vary: Accept-Language"
same "the English page's ETag does not validate the Swedish one" "200" \
	"$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag_en" "$U/offentlig/diarium?org=kommun")"

# ---- many requests in both languages at once: each gets its own ----
for n in $(seq 1 24); do
	if [ $((n % 2)) -eq 0 ]; then a=en; else a=sv; fi
	curl -s -H "Accept-Language: $a" -o "$T/par.$n.$a" "$U/offentlig/arende?org=kommun&nr=$KS" &
done
wait_pids=$(jobs -p | grep -v "^$pid\$" || true)
for p in $wait_pids; do wait "$p" 2>/dev/null; done
sleep 0.2
bad=0
for f in "$T"/par.*; do
	a=${f##*.}
	grep -q "<html lang=\"$a\">" "$f" || bad=$((bad + 1))
	if [ "$a" = en ]; then grep -q "Documents" "$f" || bad=$((bad + 1)); else grep -q "Handlingar" "$f" || bad=$((bad + 1)); fi
done
same "24 requests at once in two languages, each in its own" "0" "$bad"

# ---- staff: the user's own setting ----
curl -s -c "$T/rita" -b "$T/rita" "$U/login" >"$T/loginpage"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
curl -s -c "$T/rita" -b "$T/rita" -o /dev/null --data-urlencode "login_token=$tok" \
	--data-urlencode "username=rita" --data-urlencode "password=Losenord-for-rita" "$U/login"
curl -s -b "$T/rita" -o "$T/staff.sv" -H 'Accept-Language: en' "$U/arenden"
grep -q '<html lang="sv">' "$T/staff.sv" && pass "staff pages follow the user's setting, not the browser" \
	|| fail "staff page not Swedish by the user's setting"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/staff.sv" | head -1)
same "a language that is not offered is refused" "400" "$(curl -s -b "$T/rita" -o /dev/null -w '%{http_code}' \
	--data-urlencode "csrf=$C" --data-urlencode "sprak=de" "$U/installningar/sprak")"
same "the setting without the form's token is refused" "403" "$(curl -s -b "$T/rita" -o /dev/null -w '%{http_code}' \
	--data-urlencode "sprak=en" "$U/installningar/sprak")"
same "still Swedish after the refusals" "sv" "$(sql "SELECT language FROM app_user WHERE username = 'rita'")"
same "English chosen, back to the page" "303 /arenden" "$(curl -s -b "$T/rita" -o /dev/null -w '%{http_code} %{redirect_url}' \
	--data-urlencode "csrf=$C" --data-urlencode "sprak=en" --data-urlencode "tillbaka=/arenden" "$U/installningar/sprak" \
	| sed "s|$U||")"
same "a way back to another site goes to the start instead" "303 /" "$(curl -s -b "$T/rita" -o /dev/null \
	-w '%{http_code} %{redirect_url}' --data-urlencode "csrf=$C" --data-urlencode "sprak=en" \
	--data-urlencode "tillbaka=//evil.example" "$U/installningar/sprak" | sed "s|$U||")"
curl -s -b "$T/rita" -o "$T/staff.en" "$U/arenden"
grep -q '<html lang="en">' "$T/staff.en" && grep -q '>Cases</a>' "$T/staff.en" && grep -q 'Log out' "$T/staff.en" \
	&& pass "staff pages in English after the setting" || fail "staff page not English after the setting"
curl -s -b "$T/rita" -o "$T/staff.pub" "$U/offentlig?lang=sv"
grep -q '<html lang="sv">' "$T/staff.pub" && pass "an address's ?lang= wins over the setting on the page it asks for" \
	|| fail "?lang=sv ignored for a signed-in user"
same "the setting is the account's" "en" "$(sql "SELECT language FROM app_user WHERE username = 'rita'")"
same "each change is in the audit log" "2" \
	"$(sql "SELECT count(*) FROM event WHERE action = 'user.language' AND json_extract(data, '$.language') = 'en'")"
kill $pid 2>/dev/null
wait $pid 2>/dev/null
ok "verify passes with the setting in the log" k verify

# ---- the rate-limit answer in the page's language ----
"$KANSLI" serve --port "$port" --quiet 2>>"$T/serve.log" &
pid=$!
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code=""
for i in $(seq 1 60); do
	code=$(curl -s -o "$T/limited" -w '%{http_code}' -H 'Accept-Language: en' "$U/offentlig/diarium?org=kommun")
	[ "$code" = 429 ] && break
done
same "the registry is rate limited" "429" "$code"
grep -q '<html lang="en"' "$T/limited" && grep -q "Too many requests" "$T/limited" \
	&& pass "the rate-limit answer is an English page for an English browser" || fail "429 page in English"
kill $pid 2>/dev/null
wait $pid 2>/dev/null

# ---- a named catalogue directory that is not one stops the server ----
fails "serve --locale-dir without catalogues" "kansli-en.mo cannot be read" \
	"$KANSLI" serve --port "$port" --quiet --locale-dir "$T"
