# t0043-mutations.py COVERED_LIST DB T — the tamper suite's mutations,
# generated from `kansli verify --list-covered` (the same description verify
# works from) and the prepared installation. One line each:
#   name <TAB> pattern the verify output must show <TAB> action
# where action is "sql:<statements>", "blob-flip:<hash>", "blob-gone:<hash>",
# "blob-swap:<hash>:<hash>" or "leaf:<event id>" (an event rewritten with a
# correct leaf hash, so that only the signed head can tell).
import sqlite3, sys

covered, db_path, tdir = sys.argv[1], sys.argv[2], sys.argv[3]
tables, order = {}, []
for line in open(covered):
    w = line.split()
    if not w or w[0] == "excluded":
        continue
    t, c = w[0], w[1]
    if t not in tables:
        tables[t] = {"key": [], "cols": []}
        order.append(t)
    (tables[t]["key"] if len(w) > 2 and w[2] == "key" else tables[t]["cols"]).append(c)

db = sqlite3.connect("file:" + db_path + "?mode=ro", uri=True)
out = []
def emit(name, pattern, action):
    out.append(f"{name}\t{pattern}\t{action}")

def q(ident):
    return '"' + ident + '"'

FIRST = "rowid = (SELECT min(rowid) FROM {t})"
for t in order:
    n = db.execute(f"SELECT count(*) FROM {q(t)}").fetchone()[0]
    if n == 0:
        continue
    where = FIRST.format(t=q(t))
    pat = f"table {t}[ :]"
    # every covered column: a changed value (constraints do not stop a tamperer)
    for c in tables[t]["cols"]:
        emit(f"update {t}.{c}", pat,
             f"sql:PRAGMA ignore_check_constraints=1; UPDATE {q(t)} SET {q(c)} = CASE typeof({q(c)}) "
             f"WHEN 'integer' THEN {q(c)} + 7919 WHEN 'real' THEN {q(c)} + 0.5 WHEN 'text' THEN {q(c)} || '~' "
             f"WHEN 'blob' THEN x'00' || {q(c)} ELSE 7919 END WHERE {where}")
    emit(f"delete from {t}", pat, f"sql:DELETE FROM {q(t)} WHERE {where}")
    # an extra row: a copy of the first with its key and unique columns moved
    uniq = set(tables[t]["key"])
    for (ix_name, is_unique) in db.execute(f"SELECT name, \"unique\" FROM pragma_index_list('{t}')"):
        if is_unique:
            uniq |= {r[0] for r in db.execute(f"SELECT name FROM pragma_index_info('{ix_name}')") if r[0]}
    cols = [r[0] for r in db.execute(f"SELECT name FROM pragma_table_info('{t}')")]
    vals = [(f"CASE typeof({q(c)}) WHEN 'integer' THEN {q(c)} + 7919 WHEN 'text' THEN {q(c)} || '~' "
             f"WHEN 'blob' THEN x'00' || {q(c)} ELSE 7919 END") if c in uniq else q(c) for c in cols]
    emit(f"insert into {t}", pat,
         f"sql:PRAGMA ignore_check_constraints=1; INSERT INTO {q(t)}({', '.join(map(q, cols))}) "
         f"SELECT {', '.join(vals)} FROM {q(t)} WHERE {where}")

# The text of a record stays out of the row images; the record's events bind it.
emit("update record_text.body", "record", "sql:UPDATE record_text SET body = body || '~' WHERE rowid = "
     "(SELECT min(rowid) FROM record_text)")
# A baseline forced by removing what the last one recorded must not launder a change.
emit("forced baseline after a change", "table case_file[ :]",
     "sql:UPDATE case_file SET title = 'Annat' WHERE id = 1; DELETE FROM meta WHERE key = 'state_columns'")
emit("forced baseline after a deletion", "table case_note[ :]",
     "sql:DELETE FROM case_note; DELETE FROM meta WHERE key = 'state_columns'")

# Blobs: a flipped byte, a file gone, two files swapped.
hashes = [r[0] for r in db.execute("SELECT hash FROM blob ORDER BY hash")]
for h in hashes:
    emit(f"blob flip {h[:12]}", "blob", f"blob-flip:{h}")
    emit(f"blob gone {h[:12]}", "blob", f"blob-gone:{h}")
for a, b in zip(hashes, hashes[1:]):
    emit(f"blob swap {a[:12]} {b[:12]}", "blob", f"blob-swap:{a}:{b}")

# Events: every column edited, deletions, reorders, at the start, middle and end.
n = db.execute("SELECT max(id) FROM event").fetchone()[0]
picks = sorted({1, n // 2, n - 1, n})
for i in picks:
    w = f"WHERE id = {i}"
    emit(f"event {i} data", "event", f"sql:UPDATE event SET data = data || ' ' {w}")
    emit(f"event {i} actor", "event", f"sql:UPDATE event SET actor = actor || 'x' {w}")
    emit(f"event {i} time", "event", f"sql:UPDATE event SET ts_us = ts_us + 1 {w}")
    emit(f"event {i} org", "event", f"sql:UPDATE event SET org_id = org_id + 1 {w}")
    emit(f"event {i} action", "event", f"sql:UPDATE event SET action = action || 'x' {w}")
    emit(f"event {i} object", "event", f"sql:UPDATE event SET object_id = object_id + 1 {w}")
    emit(f"event {i} salt", "event", f"sql:UPDATE event SET salt = zeroblob(16) {w}")
    emit(f"event {i} leaf", "event", f"sql:UPDATE event SET leaf_hash = zeroblob(32) {w}")
    emit(f"event {i} deleted", "event", f"sql:DELETE FROM event {w}")
    emit(f"event {i} rewritten with its leaf", "log_state", f"leaf:{i}")
for a, b in [(1, 2), (n // 2, n // 2 + 1), (n - 1, n), (3, n)]:
    emit(f"events {a} and {b} reordered", "event",
         f"sql:UPDATE event SET id = -1 WHERE id = {a}; UPDATE event SET id = {a} WHERE id = {b}; "
         f"UPDATE event SET id = {b} WHERE id = -1")

# Checkpoints: an older signed head put back, with and without cutting the log to it.
import glob, os
for f in sorted(glob.glob(os.path.join(tdir, "cp.*"))):
    size, cp, fr, root = open(f).read().strip().split("|")
    put = (f"UPDATE log_state SET size = {size}, checkpoint = CAST(x'{cp}' AS TEXT), frontier = x'{fr}', "
           f"root = x'{root}'")
    emit(f"older checkpoint of size {size} put back", "log_state", f"sql:{put}")
    emit(f"log cut back to the older checkpoint of size {size}", "table ",
         f"sql:{put}; DELETE FROM event WHERE id > {size}")
print("\n".join(out))
