#!/usr/bin/env python3
"""demo_crawl.py DB BASE — crawls every public page and feed of a demo
installation and reports any secret value found in them.

The secrets are read from the database itself: masked titles, masked
parties and the bodies of secret records, private persons in series that
mask them, protected case titles and document requesters. A value that the
public may also see elsewhere (gen-diarium reuses names and titles; a
masked party may be named openly on another record) is not evidence of a
leak and is left out, as are values too short to be told apart from
ordinary words. Prints PASS/FAIL lines and a tally."""
import html
import re
import sqlite3
import sys
import urllib.parse
import urllib.request

db, base = sys.argv[1], sys.argv[2].rstrip("/")
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
q = lambda sql: [r[0] for r in con.execute(sql) if r[0]]

MASKED = "instr(',' || coalesce(r.masked_fields, '') || ',', ',%s,') > 0"
secret = set()
secret |= set(q("SELECT r.title FROM record r WHERE r.secrecy <> 'none' AND " + MASKED % "title"))
secret |= set(q("SELECT r.party_name FROM record r WHERE r.secrecy <> 'none' AND " + MASKED % "party"))
secret |= set(q("SELECT t.body FROM record_text t JOIN record r ON r.id = t.record_id "
                "WHERE r.secrecy <> 'none' AND " + MASKED % "body"))
secret |= set(q("SELECT r.party_name FROM record r JOIN party p ON p.id = r.party_id "
                "JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
                "WHERE s.mask_persons = 1 AND p.kind = 'person'"))
secret |= set(q("SELECT title FROM case_file WHERE public_title IS NOT NULL"))
# a title in a series that masks persons is published only by a public title
secret |= set(q("SELECT c.title FROM case_file c JOIN series s ON s.id = c.series_id "
                "WHERE s.mask_persons = 1 AND c.public_title IS NULL"))

# What the public may see anyway: every value that stands unmasked somewhere.
visible = " \n ".join(q("SELECT r.title FROM record r WHERE r.secrecy = 'none' OR NOT " + MASKED % "title")
                      + q("SELECT r.party_name FROM record r JOIN case_file c ON c.id = r.case_id "
                          "JOIN series s ON s.id = c.series_id LEFT JOIN party p ON p.id = r.party_id "
                          "WHERE (r.secrecy = 'none' OR NOT " + MASKED % "party" + ") "
                          "AND NOT (s.mask_persons = 1 AND coalesce(p.kind, 'person') = 'person')")
                      + q("SELECT coalesce(c.public_title, c.title) FROM case_file c "
                          "JOIN series s ON s.id = c.series_id WHERE c.public_title IS NOT NULL OR s.mask_persons = 0")
                      + q("SELECT title FROM notice") + q("SELECT coalesce(body, '') FROM notice")
                      + q("SELECT name FROM organisation") + q("SELECT name FROM series")
                      + q("SELECT title FROM class") + q("SELECT name FROM board_member")).lower()
secrets = sorted(s for s in secret if len(s) >= 8 and s.lower() not in visible)
# The control: public titles must be found in the same pages, so the crawl
# reads the registry itself and not only empty or error pages.
public_titles = set(t.lower() for t in q("SELECT r.title FROM record r WHERE r.secrecy = 'none'") if len(t) >= 8)
found_public = 0

orgs = q("SELECT code FROM organisation")
queue = ["/offentlig", "/anslagstavla", "/offentlig/logg", "/anslagstavla/flode.atom", "/sokhjalp"]
for o in orgs:
    queue += ["/offentlig/diarium?org=" + o, "/offentlig/data.json?org=" + o, "/offentlig/flode.atom?org=" + o,
              "/anslagstavla?org=" + o, "/offentlig/begar?org=" + o]
# The public case pages of the cases whose secrets are most at stake:
# protected titles and secret records (up to 20 of each organisation).
for o in orgs:
    for number in q("SELECT s.prefix || ' ' || c.year || '/' || c.seq FROM case_file c "
                    "JOIN organisation g ON g.id = c.org_id JOIN series s ON s.id = c.series_id "
                    "WHERE g.code = '%s' AND (c.public_title IS NOT NULL OR EXISTS (SELECT 1 FROM record r "
                    "WHERE r.case_id = c.id AND r.secrecy <> 'none')) ORDER BY c.id LIMIT 20" % o.replace("'", "''")):
        queue.append("/offentlig/arende?org=%s&nr=%s" % (urllib.parse.quote(o), urllib.parse.quote(number)))
seen, leaks, pages, errors, case_pages = set(), [], 0, [], 0
LIMIT = 400
while queue and pages < LIMIT:
    path = queue.pop(0)
    if path in seen:
        continue
    seen.add(path)
    try:
        with urllib.request.urlopen(base + path, timeout=30) as resp:
            body = resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        if err.code >= 500:
            errors.append("%s: %d" % (path, err.code))
        continue
    pages += 1
    case_pages += path.startswith("/offentlig/arende?")
    text = html.unescape(body)
    low = text.lower()
    found_public += sum(1 for t in public_titles if t in low) > 0
    for s in secrets:
        if s.lower() in low:
            leaks.append("%s: %r" % (path, s[:80]))
    for link in re.findall(r'href="([^"#]+)"', body):
        link = urllib.parse.urljoin(path, html.unescape(link))
        if not (link.startswith("/offentlig") or link.startswith("/anslagstavla")):
            continue
        page = re.search(r"[?&]sida=(\d+)", link)
        if page and int(page.group(1)) > 3:
            continue  # the first pages of each list are enough
        if link not in seen:
            queue.append(link)

ok = lambda cond, what: print(("PASS" if cond else "FAIL") + " demo-crawl: " + what)
ok(len(secrets) >= 20, "the demo holds secrets to look for (%d)" % len(secrets))
ok(pages >= 20, "public pages and feeds crawled (%d)" % pages)
ok(case_pages >= 10, "public case pages crawled (%d)" % case_pages)
ok(found_public >= 5, "the crawl reads the registry: public titles stand in %d pages" % found_public)
ok(not errors, "no 5xx on a public page" + ("" if not errors else ": " + "; ".join(errors[:5])))
ok(not leaks, "no secret of the demo on any public page or feed"
   + ("" if not leaks else " (%d): %s" % (len(leaks), "; ".join(leaks[:5]))))
print("# demo crawl: %d secrets looked for in %d public pages and feeds, %d leaks" % (len(secrets), pages, len(leaks)))
