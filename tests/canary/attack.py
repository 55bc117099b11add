#!/usr/bin/env python3
"""attack.py — the queries and crawls of the canary suite (t0054).

Runs the corpus of tests/canary/attacks.txt and queries generated from the
canaries as every actor who may not read them, on every surface:

  public   /offentlig/diarium (HTML), /offentlig/data.json, /offentlig/flode.atom
  staff    /sok (HTML, session cookie), /api/v1/search (API token),
           `kansli --user NAME search` (CLI)

and checks each response: no canary (case-insensitive, nor a prefix of 5+
letters of one) in the body or the headers unless the query itself holds
that text, no 5xx, no SQL/FTS error text, and for a query built from a
canary the same number of hits (and of mentions of the word) as the same
query built from a word that exists nowhere. Then it crawls every public
page and feed, and every staff page and API object each actor reaches,
tries the notice board with a secret file's hash, and checks the entitled
control user finds every canary. Prints PASS/FAIL lines (tests/cli/lib.sh
style) and a tally. Leaks are grouped by actor, surface and canary, one
FAIL line each with an example query.
"""
import argparse
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import OrderedDict

TEST = "canary"
ERROR_TEXTS = ("fts5", "syntax error", "no such column", "database error", "sqlite", "unterminated string",
               "malformed match")
ORG = "kommun"


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.queries = set()        # distinct query strings
        self.requests = 0           # responses checked
        self.leaks = OrderedDict()  # (actor, surface, what) -> (count, example)
        self.problems = OrderedDict()
        self.exercised = OrderedDict()  # (actor, surface) -> responses

    def leak(self, actor, surface, what, example):
        with self.lock:
            key = (actor, surface, what)
            n, ex = self.leaks.get(key, (0, example))
            self.leaks[key] = (n + 1, ex)

    def problem(self, actor, surface, what, example):
        with self.lock:
            key = (actor, surface, what)
            n, ex = self.problems.get(key, (0, example))
            self.problems[key] = (n + 1, ex)


T = Tally()


class Client:
    """One persistent HTTP/1.1 connection; reconnects when the server closes it."""

    def __init__(self, base, headers):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.headers = headers
        self.conn = None

    def get(self, path, method="GET", body=None, extra=None):
        h = dict(self.headers)
        if extra:
            h.update(extra)
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, r.getheaders(), data
            except (http.client.HTTPException, OSError) as ex:
                if self.conn:
                    self.conn.close()
                self.conn = None
                last = ex
        return None, [], ("no response: %s" % last).encode()


def encode_query(q):
    """A corpus line as the value of ?q=: raw: lines are already %-encoded bytes."""
    if q.startswith("raw:"):
        return q[4:]
    return urllib.parse.quote(q, safe="")


def query_text(q):
    """The query as the server decodes it (for echo comparison), lowercased."""
    if q.startswith("raw:"):
        return urllib.parse.unquote(q[4:], errors="replace").lower()
    return q.lower()


class Needles:
    """What one actor may not see: each forbidden canary word, any prefix of it
    of 5+ letters, and each forbidden personnummer in its usual spellings.

    A word in a response is a leak when, read from where a canary prefix
    starts, it holds a forbidden canary or is a prefix of one, unless the
    query itself holds that text (an echo) or it is as much a prefix of a
    canary the actor may see (every canary starts "kanarie": that alone
    names no secret the actor could not read)."""

    def __init__(self, forbidden, allowed):
        self.forbidden = [c for c in forbidden if c["kind"] == "word"]
        self.allowed = [c["word"].lower() for c in allowed if c["kind"] == "word"]
        starts = sorted({c["word"].lower()[:5] for c in self.forbidden})
        self.rx = re.compile(r"(?:%s)[a-z0-9]*" % "|".join(map(re.escape, starts))) if starts else None
        self.allowed_pnr = [c["word"] for c in allowed if c["kind"] == "personnummer"]
        self.allowed_pnr += [w.replace("-", "") for w in self.allowed_pnr]
        self.digits = []  # (form, canary)
        for c in forbidden:
            if c["kind"] == "personnummer":
                w = c["word"]
                d = w.replace("-", "")
                for form in (w, d, w[2:], d[2:]):
                    self.digits.append((form, c))

    def may_see(self, word):
        """True when word (a canary or a prefix of one) may be something this
        actor is allowed to see, so its hit count says nothing."""
        w = word.lower()
        return any(a.startswith(w) for a in self.allowed) or any(w in p for p in self.allowed_pnr)

    def find(self, text, query):
        """[(shown text, canary)] for the leaks in text (lowercase)."""
        hits = OrderedDict()
        if self.rx:
            for m in set(self.rx.findall(text)):
                if m in query or any(a.startswith(m) or m.startswith(a) for a in self.allowed):
                    continue
                for c in self.forbidden:
                    w = c["word"].lower()
                    if m.startswith(w) or w.startswith(m):
                        hits.setdefault(c["word"], (m, c))
        for form, c in self.digits:
            if form in text and form not in query:
                hits.setdefault(c["word"], (form, c))
        return list(hits.values())


def count_hits(surface, status, body):
    """Hits as the surface reports them; None when the query was refused."""
    if status != 200:
        return None
    t = body.decode("utf-8", "replace")
    try:
        if surface == "public_json":
            return len(json.loads(t)["records"])
        if surface == "staff_api":
            return len(json.loads(t)["hits"])
        if surface == "cli":
            return len(json.loads(t))
    except (ValueError, KeyError, TypeError):
        return -1
    if surface == "public_html":
        return t.count("Begär ut<span")
    if surface == "public_atom":
        return t.count("<entry>")
    if surface == "staff_html":
        return t.count('<li><p><a href="/handling')
    return -1


def check(actor, surface, needles, q, status, headers, body, what="response"):
    """The checks every response gets; returns the decoded lowercase text."""
    with T.lock:
        T.requests += 1
        T.exercised[(actor, surface)] = T.exercised.get((actor, surface), 0) + 1
    text = body.decode("utf-8", "replace").lower()
    head = "\n".join("%s: %s" % (k, v) for k, v in headers).lower()
    ex = q if len(q) < 120 else q[:100] + "…(%d chars)" % len(q)
    qt = query_text(q)
    for needle, c in needles.find(text + "\n" + head, qt):
        T.leak(actor, surface, c["where"], "%r shows %r (%s)" % (ex, needle, what))
    if status is None:
        if len(q) <= 8000:
            T.problem(actor, surface, "no response", "%r: %s" % (ex, text[:100]))
    elif status >= 500:
        T.problem(actor, surface, "5xx", "%r gave %d: %s" % (ex, status, text[:150]))
    for e in ERROR_TEXTS:
        if e in text and e not in qt:
            i = text.index(e)
            T.problem(actor, surface, "error text '%s'" % e,
                      "%r gave %s: …%s…" % (ex, status, text[max(0, i - 60):i + 60].replace("\n", " ")))
            break
    return text


class Surface:
    """One actor on one channel: runs a query and returns (status, headers, body)."""

    def __init__(self, actor, name, args, client=None):
        self.actor, self.name, self.args, self.client = actor, name, args, client

    def run(self, q):
        with T.lock:
            T.queries.add(q)
        if self.name == "cli":
            return self.cli(q)
        v = encode_query(q)
        path = {
            "public_html": "/offentlig/diarium?org=%s&q=%s",
            "public_json": "/offentlig/data.json?org=%s&q=%s",
            "public_atom": "/offentlig/flode.atom?org=%s&q=%s",
            "staff_html": "/sok?org=%s&q=%s",
            "staff_api": "/api/v1/search?org=%s&limit=100&q=%s",
        }[self.name] % (ORG, v)
        return self.client.get(path)

    def cli(self, q):
        if q.startswith("raw:"):
            arg = urllib.parse.unquote_to_bytes(q[4:])
            if b"\0" in arg:
                arg = arg.replace(b"\0", b"")  # argv cannot carry NUL
        else:
            arg = q.encode()
        if not arg:
            arg = b" "
        p = subprocess.run([self.args.kansli, "--user", self.actor, "search", "--org", ORG, "--json", "--", arg],
                           capture_output=True, timeout=120)
        body = p.stdout + b"\n" + p.stderr
        if p.returncode == 0:
            return 200, [], p.stdout
        # a refused query is fine when it says so on one line
        err = p.stderr.decode("utf-8", "replace")
        lines = err.strip().split("\n")
        status = 400 if p.returncode > 0 and len(lines) == 1 and "Sanitizer" not in err else 500
        if status == 500:
            T.problem(self.actor, "cli", "exit %d / %d stderr lines" % (p.returncode, len(lines)),
                      "%r: %s" % (q[:80], lines[-1][:150] if lines else ""))
        return status, [], body


def run_single(surface, needles, q):
    status, headers, body = surface.run(q)
    check(surface.actor, surface.name, needles, q, status, headers, body)


def run_pair(surface, needles, template, canary, control):
    """A template with a canary and with a control word: both clean, same counts."""
    qc, qn = template.replace("{C}", canary), template.replace("{C}", control)
    sc, hc, bc = surface.run(qc)
    sn, hn, bn = surface.run(qn)
    tc = check(surface.actor, surface.name, needles, qc, sc, hc, bc)
    tn = check(surface.actor, surface.name, needles, qn, sn, hn, bn)
    if len(canary) < 5 or needles.may_see(canary):
        return  # a short prefix matches public words too; only the leak checks apply
    nc, nn = count_hits(surface.name, sc, bc), count_hits(surface.name, sn, bn)
    ex = "%r: %s hits (status %s), control %r: %s hits (status %s)" % (qc[:80], nc, sc, qn[:80], nn, sn)
    if nc != nn or sc != sn:
        T.leak(surface.actor, surface.name, "hit count differs from a word that exists nowhere", ex)
    elif tc.count(canary.lower()) != tn.count(control.lower()):
        T.leak(surface.actor, surface.name, "the canary is shown more often than a word that exists nowhere",
               "%r: %d mentions, control %d" % (qc[:80], tc.count(canary.lower()), tn.count(control.lower())))


def load_corpus(path):
    static, templates = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        (templates if "{C}" in line else static).append(line)
    return static, templates


def generated(manifest):
    """Attacks built from each canary: its prefixes letter by letter (bare, as
    prefix queries, in column filters, out of a wrapped expression) and
    very long inputs. Returned as (template, canary) pairs, where the
    template's {C} is that prefix."""
    pairs = []
    for c in manifest["canaries"]:
        w = c["word"]
        if c["kind"] == "personnummer":
            for form in (w, w.replace("-", ""), w[2:], w[2:].replace("-", ""), w[:8], w[2:8]):
                for t in ("{C}", '"{C}"', "s_party : {C}*", "x) OR (s_party : \"{C}\"", "{C}*"):
                    pairs.append((t, form))
            continue
        for n in range(1, len(w) + 1):
            p = w[:n]
            for t in ("{C}*", "{C}", "s_party : {C}*", "{s_title s_party s_body s_files} : {C}*",
                      "x) OR (s_title : {C}*", "{C}:*"):
                pairs.append((t, p))
    return pairs


def control_for(word, controls):
    """A word that exists nowhere, of the same shape as word (a prefix of a
    control for a canary prefix, digits shuffled for a personnummer)."""
    if word[0].isdigit():
        # same digits pattern, a birth date nobody has: year 1900, month 00
        return re.sub(r"\d", "0", word)
    base = controls[sum(map(ord, word)) % len(controls)]
    if len(word) <= len(base):
        return base[:len(word)]
    return base + "q" * (len(word) - len(base))


def long_inputs(manifest):
    w = manifest["canaries"][0]["word"]
    return [
        "a " * 2000, "(" * 1000 + "x" + ")" * 1000, "OR " * 200 + "x", "NOT " * 200 + "x", "x AND " * 200 + "y",
        '"' * 501, "*" * 1000, (w + " ") * 300, "s_party : " * 100 + w, "x) OR (" * 100 + "s_party : " + w,
        "ö" * 3000, "a" * 7000, "a" * 20000,
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--kansli", required=True)
    ap.add_argument("--attacks", required=True)
    ap.add_argument("--actors", required=True)
    ap.add_argument("--control", required=True)
    ap.add_argument("--secret-case", required=True)
    ap.add_argument("--case-numbers", default="")
    ap.add_argument("--absent", default="", help="canary variables the installation could not hold")
    ap.add_argument("--cli-every", type=int, default=30, help="run every Nth generated pair through the CLI too")
    args = ap.parse_args()
    d = args.dir
    manifest = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
    canaries = manifest["canaries"]
    controls = manifest["controls"]
    actors = args.actors.split()
    start = time.time()

    def tok(u):
        return open(os.path.join(d, "token." + u)).read().strip()

    def cookie(u):
        jar = {}
        for line in open(os.path.join(d, "jar." + u)):
            f = line.rstrip("\n").split("\t")
            if len(f) == 7:
                jar[f[5]] = f[6]
        return "; ".join("%s=%s" % kv for kv in jar.items())

    # who may see what: the public nothing; staff what is not "public"-only;
    # the other municipality's registrar may see her own organisation's secret
    def forbidden(actor):
        if actor == "public":
            return canaries
        return [c for c in canaries if c["forbid"] == "all" and not (actor == "grann" and c["var"] == "C_OTHER_ORG")
                and not (actor == "hbygg" and c["var"] == "C_UNIT_BODY")]

    def allowed(actor):
        f = {c["word"] for c in forbidden(actor)}
        return [c for c in canaries if c["word"] not in f]

    needles = {a: Needles(forbidden(a), allowed(a)) for a in ["public"] + actors}
    surfaces = []
    for name in ("public_html", "public_json", "public_atom"):
        surfaces.append(Surface("public", name, args, Client(args.base, {})))
    for a in actors:
        surfaces.append(Surface(a, "staff_html", args, Client(args.base, {"Cookie": cookie(a)})))
        surfaces.append(Surface(a, "staff_api", args, Client(args.base, {"Authorization": "Bearer " + tok(a)})))
    cli = {a: Surface(a, "cli", args) for a in actors}

    static, templates = load_corpus(args.attacks)
    words = [c["word"] for c in canaries]
    pairs = [(t, w) for t in templates for w in words] + generated(manifest)
    longs = long_inputs(manifest)

    # Every surface gets the whole static corpus and the long inputs; the
    # generated pairs are dealt round-robin over the HTTP surfaces (each pair
    # runs on one of them), and every cli_every-th also through the CLI of
    # one actor: together every query runs somewhere, at a cost that fits
    # a two-minute test.
    work = {id(s): [] for s in surfaces}
    for s in surfaces:
        work[id(s)] += [("single", q) for q in static + longs]
    for i, (t, w) in enumerate(pairs):
        s = surfaces[i % len(surfaces)]
        work[id(s)].append(("pair", t, w))
    cli_work = {a: [] for a in actors}
    for i, (t, w) in enumerate(pairs[::args.cli_every]):
        cli_work[actors[i % len(actors)]].append(("pair", t, w))
    for i, q in enumerate(static[::6]):
        cli_work[actors[i % len(actors)]].append(("single", q))

    def run_work(s, items):
        nd = needles[s.actor]
        for it in items:
            if it[0] == "single":
                run_single(s, nd, it[1])
            else:
                run_pair(s, nd, it[1], it[2], control_for(it[2], controls))

    jobs = [(s, work[id(s)]) for s in surfaces] + [(cli[a], cli_work[a]) for a in actors]
    # two workers: the machine is shared; the server has its own threads
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not jobs:
                    return
                s, items = jobs.pop(0)
            run_work(s, items)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    searched = time.time() - start

    # ---- the notice board: a secret file's hash may not be posted ----
    db = sqlite3.connect(os.path.join(d, "data", "kansli.db"), timeout=30)
    secret_hashes = [r[0] for r in db.execute(
        "SELECT rf.hash FROM record_file rf JOIN record r ON r.id = rf.record_id "
        "WHERE r.secrecy <> 'none' AND rf.superseded_by IS NULL")]
    sek = "sek" if "sek" in actors else actors[0]
    api = Client(args.base, {"Authorization": "Bearer " + tok(sek), "Content-Type": "application/json"})
    answers = []
    for h in secret_hashes[:2] + ["ab" * 32]:
        body = json.dumps({"kind": "other", "board": "KS", "title": "Anslag med bilaga", "file_hash": h,
                           "file_name": "bilaga.txt"})
        st, hd, b = api.get("/api/v1/notices?org=%s" % ORG, method="POST", body=body)
        check(sek, "notice_post", needles[sek], "", st, hd, b)
        msg = b.decode("utf-8", "replace")
        if st is not None and st < 300:
            T.leak(sek, "notice_post", "a notice may attach a secret record's file",
                   "POST /api/v1/notices {file_hash: secret file %s…} gave %d" % (h[:12], st))
        answers.append((st, re.sub(r"[0-9a-f]{64}", "HASH", msg)))
    if len(set(answers)) != 1:
        T.leak(sek, "notice_post", "'not found' and 'not allowed' differ (file existence can be probed)",
               "secret hash: %s; unknown hash: %s" % (answers[0], answers[-1]))

    # ---- the public crawl: every page and feed reachable from the start pages ----
    pub = Client(args.base, {})
    seen, queue = set(), ["/offentlig", "/anslagstavla", "/offentlig/logg", "/anslagstavla/flode.atom",
                         "/offentlig/flode.atom?org=kommun", "/offentlig/data.json?org=kommun",
                         "/offentlig/flode.atom?org=grannby", "/offentlig/data.json?org=grannby"]
    href = re.compile(r'(?:href|src)="([^"]+)"')

    def crawl(client, actor, queue, allowed, limit, surface):
        seen = set()
        n = 0
        while queue and n < limit:
            p = queue.pop(0)
            if p in seen:
                continue
            seen.add(p)
            st, hd, b = client.get(p)
            n += 1
            text = check(actor, surface, needles[actor], "", st, hd, b, what=p)
            if st == 200 and b"<" in b[:200] or p.endswith(".atom"):
                for link in href.findall(b.decode("utf-8", "replace")):
                    link = link.replace("&amp;", "&")
                    if link.startswith("http://") or link.startswith("https://"):
                        continue
                    if not link.startswith("/"):
                        continue
                    if allowed(link) and link not in seen:
                        queue.append(link)
        return n

    def public_link(p):
        return p.startswith("/offentlig") or p.startswith("/anslagstavla")

    npub = crawl(pub, "public", queue, public_link, 600, "public_crawl")

    # ---- the staff crawl: every page and API object each actor reaches ----
    def staff_link(p):
        return not (p.startswith("/static") or p.startswith("/login") or p.startswith("/logout")
                    or p.startswith("/api/"))

    nstaff = 0
    case_nums = args.case_numbers.split()
    for a in actors:
        c = Client(args.base, {"Cookie": cookie(a)})
        start_pages = ["/", "/arenden?org=kommun", "/handlingar?org=kommun", "/handlingar?org=kommun&format=csv",
                       "/begaran?org=kommun", "/anslag?org=kommun", "/admin?org=kommun", "/oversikt?org=kommun",
                       "/sammantraden?org=kommun", "/arkiv?org=kommun"]
        start_pages += ["/arende?org=kommun&nr=" + urllib.parse.quote(n) for n in case_nums]
        nstaff += crawl(c, a, start_pages, staff_link, 150, "staff_crawl")
        apic = Client(args.base, {"Authorization": "Bearer " + tok(a)})
        paths = ["/api/v1/me", "/api/v1/cases?org=kommun&limit=100", "/api/v1/records?org=kommun&limit=100",
                 "/api/v1/requests?org=kommun&all=1", "/api/v1/events?org=kommun&limit=1000",
                 "/api/v1/notices?org=kommun", "/api/v1/users?org=kommun", "/api/v1/units?org=kommun"]
        for w in words:
            for n in (1, 2, 3, 5, 8, len(w)):
                paths.append("/api/v1/parties?org=kommun&prefix=" + urllib.parse.quote(w[:n]))
        recs = []
        for n in case_nums:
            slug = n.replace(" ", "-").replace("/", "-")
            paths.append("/api/v1/cases/%s?org=kommun" % slug)
        st, hd, b = apic.get("/api/v1/records?org=kommun&limit=100")
        try:
            recs = [r["number"] for r in json.loads(b)["records"]]
        except (ValueError, KeyError, TypeError):
            recs = []
        for n in recs:
            slug = n.replace(" ", "-").replace("/", "-")
            paths.append("/api/v1/records/%s?org=kommun" % slug)
            for name in ("yttrande.pdf", "helt.txt", open(os.path.join(d, "canaries.sh")).read().split(
                    "F_TXT_NAME='")[1].split("'")[0]):
                paths.append("/api/v1/records/%s/files/%s?org=kommun" % (slug, urllib.parse.quote(name)))
        for p in paths:
            st, hd, b = apic.get(p)
            nstaff += 1
            # the path is the query: a file name asked for may be echoed
            check(a, "api_objects", needles[a], urllib.parse.unquote(p), st, hd, b, what=p)

    # ---- the positive control: the entitled registrar finds every canary ----
    ctl = Client(args.base, {"Authorization": "Bearer " + tok(args.control)})
    missing, missing_pnr = [], []
    absent = set(args.absent.split())
    for c in canaries:
        if c["var"] in absent or not c["control"]:
            continue
        org = ORG
        user_client = ctl
        if c["var"] == "C_OTHER_ORG":
            org = "grannby"
            user_client = Client(args.base, {"Authorization": "Bearer " + tok("grann")})
        # a word as a phrase (no stemming); a personnummer as it is typed
        q = c["word"] if c["kind"] == "personnummer" else '"%s"' % c["word"]
        st, hd, b = user_client.get("/api/v1/search?org=%s&limit=100&q=%s" % (org, urllib.parse.quote(q)))
        with T.lock:
            T.requests += 1
        n = count_hits("staff_api", st, b)
        if not n:
            (missing_pnr if c["kind"] == "personnummer" else missing).append("%s (%s: status %s, %s hits)" % (c["word"], c["where"], st, n))
    if missing:
        out("FAIL %s: the entitled control does not find %d of %d canaries, so they are not all indexed "
            "and this run proves less than it should: %s" % (TEST, len(missing), len(canaries), "; ".join(missing)))
    else:
        out("PASS %s: the entitled registrar finds every one of the %d canaries (they are indexed)"
            % (TEST, len(canaries)))
    # need-to-know, the other way: the building unit's case officer reads her own unit's secrets
    if "hbygg" in actors:
        w = next(c["word"] for c in canaries if c["var"] == "C_UNIT_BODY")
        st, hd, b = Client(args.base, {"Authorization": "Bearer " + tok("hbygg")}).get(
            "/api/v1/search?org=%s&q=%s" % (ORG, w))
        if count_hits("staff_api", st, b):
            out("PASS %s: a case officer finds the secret text of her own unit's case" % TEST)
        else:
            out("FAIL %s: a case officer granted the building unit does not find its secret text (%r: %s)"
                % (TEST, w, st))
    if missing_pnr:
        out("FAIL %s: the entitled registrar cannot find a masked party by personnummer: %s"
            % (TEST, "; ".join(missing_pnr)))
    else:
        out("PASS %s: the entitled registrar finds masked parties by personnummer" % TEST)
    # the search that showed her secret text logged the secret read
    before = db.execute("SELECT count(*) FROM event WHERE action = 'record.read_secret'").fetchone()[0]
    word = next(c["word"] for c in canaries if c["where"].startswith("title of a record with secrecy partial"))
    st, hd, b = ctl.get("/api/v1/search?org=%s&q=%s" % (ORG, word))
    time.sleep(0.2)
    after = db.execute("SELECT count(*) FROM event WHERE action = 'record.read_secret'").fetchone()[0]
    if st == 200 and word in b.decode("utf-8", "replace").lower() and after <= before:
        out("FAIL %s: a search that showed the registrar a secret title wrote no record.read_secret event" % TEST)
    else:
        out("PASS %s: a search that shows secret text to an entitled user is logged as a secret read" % TEST)

    # ---- report ----
    for key, (n, ex) in T.leaks.items():
        out("FAIL %s: LEAK as %s on %s: %s — %d response(s), e.g. %s" % (TEST, key[0], key[1], key[2], n, ex))
    for key, (n, ex) in T.problems.items():
        out("FAIL %s: as %s on %s: %s — %d response(s), e.g. %s" % (TEST, key[0], key[1], key[2], n, ex))
    leaky = {(k[0], k[1]) for k in T.leaks} | {(k[0], k[1]) for k in T.problems}
    for (a, s), n in T.exercised.items():
        if (a, s) not in leaky:
            out("PASS %s: no canary, no 5xx, no error text as %s on %s (%d responses)" % (TEST, a, s, n))
    nleaks = sum(n for n, _ in T.leaks.values())
    out("# canary tally: %d distinct queries, %d responses checked (%d public pages crawled, %d staff pages and "
        "API objects), %d leaking responses in %d groups, %d other failures; %.0f s searching, %.0f s in all"
        % (len(T.queries), T.requests, npub, nstaff, nleaks, len(T.leaks), sum(n for n, _ in T.problems.values()),
           searched, time.time() - start))
    if len(T.queries) >= 2000:
        out("PASS %s: at least 2,000 distinct queries ran (%d)" % (TEST, len(T.queries)))
    else:
        out("FAIL %s: only %d distinct queries ran (2,000 wanted)" % (TEST, len(T.queries)))


if __name__ == "__main__":
    main()
