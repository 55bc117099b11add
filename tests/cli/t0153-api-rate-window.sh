#!/bin/sh
# t0153 — the API's rate limit holds to the end of its window, its last
# second included: a token over its calls is refused until the window has
# passed, and the first call let through again opens a new window
# (RateLimit announces its 60 seconds to the reset), never one let through
# in the old window's last second (announcing 1 s: api.c took a wait of
# 1 s for none). The test waits out one window, asking every tenth of a
# second, so it takes a minute.
TEST_NAME=api-rate-window
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
TOK=$(k token add rita "robot" --days 1)
web_serve KANSLI_API_RATE=1
call() { curl -s -D "$T/head" -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOK" "$U/api/v1/cases?org=kommun"; }

same "the window's one call" "200" "$(call)"
same "the next is refused" "429" "$(call)"
end=$(($(date +%s) + 90))
while code=$(call) && [ "$code" = 429 ] && [ "$(date +%s)" -lt "$end" ]; do
	sleep 0.1
done
same "a call is let through again within the minute" "200" "$code"
grep -q '^RateLimit: "token";r=0;t=60' "$T/head" && pass "... in a window of its own, 60 s to its reset" ||
	fail "... let through with $(grep -i '^RateLimit:' "$T/head" | tr -d '\r')"
