#!/bin/sh
# tests/bench/search.sh DATADIR DATA.JSONL-SEED N — kansli search against
# PostgreSQL 15 full-text search (tsvector, 'swedish', GIN) on the same N
# gen-diarium entries, with ../shared/bench/queries.tsv. DATADIR holds the
# kansli installation already imported from `gen-diarium N SEED`.
set -eu
DATA=$1; SEED=$2; N=$3
W=$(mktemp -d)
chmod 1777 "$W"  # postgres writes its socket and log here
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RUN="runuser -u postgres --"
cleanup() { $RUN "$PGBIN/pg_ctl" -D "$W/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$W"; }
trap cleanup EXIT

echo "   indexing kansli (reindex --full)"
t0=$(date +%s.%N)
./kansli --data "$DATA" reindex --full >/dev/null
t1=$(date +%s.%N)
python3 -c "print(f'   kansli index built in {$t1 - $t0:.1f} s')"

python3 ../shared/bench/gen-diarium "$N" "$SEED" --format tsv >"$W/data.tsv"
chmod 644 "$W/data.tsv"
mkdir "$W/pg" && chown postgres "$W/pg"
$RUN "$PGBIN/initdb" -D "$W/pg" -E UTF8 --locale=C.UTF-8 >/dev/null
$RUN "$PGBIN/pg_ctl" -D "$W/pg" -o "-p $PGPORT -k $W -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c work_mem=64MB" \
	-l "$W/pg.log" start >/dev/null
PSQL="$RUN psql -h 127.0.0.1 -p $PGPORT -U postgres -d postgres -q -v ON_ERROR_STOP=1"
t0=$(date +%s.%N)
$PSQL <<SQL
CREATE TABLE doc(id int PRIMARY KEY, dnr text, doc_no int, series text, organ text, year int, case_title text,
  class_code text, class_title text, officer text, case_opened date, date date, direction text, party_type text,
  party_name text, party_id text, doc_title text, secret int, osl text, body text);
COPY doc FROM '$W/data.tsv' (FORMAT text);
-- the same fields kansli indexes: number, titles, party, classification, text
ALTER TABLE doc ADD COLUMN tsv tsvector;
UPDATE doc SET tsv = to_tsvector('swedish', dnr || '-' || doc_no || ' ' || doc_title || ' ' || case_title || ' ' ||
  coalesce(party_name, '') || ' ' || coalesce(class_code, '') || ' ' || coalesce(class_title, '') || ' ' || body);
CREATE INDEX doc_tsv ON doc USING gin(tsv);
VACUUM ANALYZE doc;
SQL
t1=$(date +%s.%N)
python3 -c "print(f'   postgres loaded and indexed in {$t1 - $t0:.1f} s')"
build/search-bench "$DATA" "host=127.0.0.1 port=$PGPORT user=postgres dbname=postgres" \
	../shared/bench/queries.tsv "${BENCH_SEARCH_RUNS:-20}"
