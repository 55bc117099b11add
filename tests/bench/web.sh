#!/bin/sh
# tests/bench/web.sh DATADIR — HTTP throughput of `kansli serve` against
# nginx in the same run, both on loopback, measured by wrk:
#   1. the stylesheet (kansli's one static asset) vs nginx serving the same bytes
#   2. the case list page rendered from DATADIR vs nginx serving a static
#      copy of the same page (the ceiling)
# Prints req/s, p99 latency and the ratios.
set -eu
DATA=$1
SECONDS_EACH=${BENCH_WEB_SECONDS:-8}
W=$(mktemp -d)
trap 'kill $KPID $NPID 2>/dev/null; rm -rf "$W"' EXIT
KPID=""; NPID=""
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
KP=$(free_port)
NP=$(free_port)

echo "Benchmark-losen-1" | ./kansli --data "$DATA" user add benchweb "Bänk Webb" --password-stdin >/dev/null 2>&1 || true
org=$(./kansli --data "$DATA" org list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["code"])')
./kansli --data "$DATA" user grant benchweb registrator --org "$org" >/dev/null
KANSLI_NO_RATE_LIMIT=1 ./kansli --data "$DATA" serve --port "$KP" --quiet 2>"$W/serve.log" &
KPID=$!
until curl -fs "http://127.0.0.1:$KP/healthz" >/dev/null 2>&1; do sleep 0.1; done
curl -s -c "$W/jar" "http://127.0.0.1:$KP/login" >"$W/login.html"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$W/login.html")
curl -s -c "$W/jar" -b "$W/jar" -o /dev/null --data-urlencode "login_token=$tok" \
	--data-urlencode username=benchweb --data-urlencode password=Benchmark-losen-1 "http://127.0.0.1:$KP/login"
cookie=$(awk '$6 == "kansli" { print "kansli=" $7 }' "$W/jar")
LIST="/arenden?org=$org"

mkdir -p "$W/www/static"
curl -s "http://127.0.0.1:$KP/static/kansli.css" >"$W/www/static/kansli.css"
curl -s -H "Cookie: $cookie" "http://127.0.0.1:$KP$LIST" >"$W/www/list.html"
PUB="/offentlig/diarium?org=$org"
curl -s "http://127.0.0.1:$KP$PUB" >"$W/www/public.html"
chmod -R a+rX "$W"
cat >"$W/nginx.conf" <<NGX
daemon off;
worker_processes 2;
pid $W/nginx.pid;
error_log $W/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  server { listen 127.0.0.1:$NP; root $W/www; }
}
NGX
nginx -c "$W/nginx.conf" &
NPID=$!
until curl -fs "http://127.0.0.1:$NP/list.html" >/dev/null 2>&1; do sleep 0.1; done

measure() { # URL [header] -> "req/s p99_ms"
	if [ -n "${2:-}" ]; then
		wrk -t2 -c32 -d"${SECONDS_EACH}s" --latency -H "$2" "$1" >"$W/wrk.out"
	else
		wrk -t2 -c32 -d"${SECONDS_EACH}s" --latency "$1" >"$W/wrk.out"
	fi
	rps=$(awk '/^Requests\/sec/ { print $2 }' "$W/wrk.out")
	p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; print v }' "$W/wrk.out")
	errs=$(awk '/Non-2xx/ { print $NF }' "$W/wrk.out")
	[ -z "$errs" ] || { echo "   non-2xx answers: $errs" >&2; }
	echo "$rps $p99"
}
echo "   static: $(wc -c <"$W/www/static/kansli.css") bytes; page: $(wc -c <"$W/www/list.html") bytes"
set -- $(measure "http://127.0.0.1:$KP/static/kansli.css"); ks=$1; ksp=$2
set -- $(measure "http://127.0.0.1:$NP/static/kansli.css"); ns=$1; nsp=$2
set -- $(measure "http://127.0.0.1:$KP$LIST" "Cookie: $cookie"); kl=$1; klp=$2
set -- $(measure "http://127.0.0.1:$NP/list.html"); nl=$1; nlp=$2
set -- $(measure "http://127.0.0.1:$KP$PUB"); kp=$1; kpp=$2
set -- $(measure "http://127.0.0.1:$NP/public.html"); np=$1; npp=$2
python3 - "$ks" "$ksp" "$ns" "$nsp" "$kl" "$klp" "$nl" "$nlp" "$kp" "$kpp" "$np" "$npp" <<'PY'
import sys
ks, ksp, ns, nsp, kl, klp, nl, nlp, kp, kpp, np_, npp = map(float, sys.argv[1:])
print(f"static asset:  kansli {ks:,.0f} req/s (p99 {ksp:.2f} ms), nginx {ns:,.0f} req/s (p99 {nsp:.2f} ms), "
      f"ratio {ks/ns:.2f}x (goal >= 0.20x)")
print(f"case list:     kansli {kl:,.0f} req/s (p99 {klp:.2f} ms), nginx static copy {nl:,.0f} req/s, "
      f"ratio {kl/nl:.3f}x (goal >= 0.05x, p99 < 50 ms)")
print(f"public page:   kansli {kp:,.0f} req/s (p99 {kpp:.2f} ms), nginx static copy {np_:,.0f} req/s, "
      f"ratio {kp/np_:.3f}x")
PY
