#!/usr/bin/env python3
"""forms_crawl.py BASE SRC USER:PASSWORD... — finds every form of the staff
pages of a demo installation and sends each of them refused: once empty and
once with invalid values (with its CSRF token). Every refusal must:

  1. answer 4xx;
  2. be the same form again, with the values that were sent (and a file
     that was sent kept as a pending upload);
  3. say what was wrong in the page's language (Swedish): an error summary
     linking to a field or the form, the message beside it;

and no page may show a command-line flag ("--series") or a sentence of
core's English error messages (read from SRC/src/core/*.c).

The crawl logs in as each user and follows the staff pages' links (a few
of each kind of page: the same page for another case holds the same
forms). A form is tested once per user, named by its action and its
hidden "atgard". Forms without a field the user fills in (a button
alone: "Avsluta", "Logga ut") cannot be sent invalid and are counted
apart. Prints PASS/FAIL lines and the number of forms tested."""
import glob
import html
import html.parser
import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

base, src = sys.argv[1].rstrip("/"), sys.argv[2]
users = [u.split(":", 1) for u in sys.argv[3:]]
NAME = "forms"
fails = []


def ok(msg):
    print("PASS %s: %s" % (NAME, msg))


def bad(msg):
    fails.append(msg)
    print("FAIL %s: %s" % (NAME, msg))


# core's English messages: the fixed start of every kerr_set / kerr_field
# format string (up to its first conversion), long enough to be a sentence.
english = set()
for path in glob.glob(src + "/src/core/*.c"):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r'kerr_(?:set|field)\(e, KERR_[A-Z]+, (?:"[a-z_]+", KWHY_[A-Z_]+,\s*)?"((?:[^"\\]|\\.)*)"',
                         text):
        head = m.group(1).split("%")[0].strip(" '(:")
        if len(head) >= 14 and re.search(r"[a-z]{3,} [a-z]{2,}", head):
            english.add(head)
FLAG = re.compile(r"(?:^|[\s(\"'])--[a-z][a-z-]+")
SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(och|är|inte|saknas|finns|fel|ska|kan|måste|välj|fyll)\b")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


class Forms(html.parser.HTMLParser):
    """The page's post forms: action, fields (name, tag, type, value,
    options, required, id) and the error markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links, self.form, self.select, self.textarea = [], [], None, None, None
        self.summary = self.field_errors = 0
        self.lang = None
        self.text = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict((k, v if v is not None else "") for k, v in attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if "error-summary" in a.get("class", "").split():
            self.summary += 1
        if "field-error" in a.get("class", "").split():
            self.field_errors += 1
        if tag == "form":
            self.form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""),
                         "fields": [], "enctype": a.get("enctype", "")}
            self.forms.append(self.form)
        if not self.form:
            return
        if tag == "input":
            self.form["fields"].append(dict(tag="input", name=a.get("name"), type=a.get("type", "text").lower(),
                                            value=a.get("value", ""), required="required" in a, id=a.get("id"),
                                            checked="checked" in a, describedby=a.get("aria-describedby")))
        elif tag == "textarea":
            self.textarea = dict(tag="textarea", name=a.get("name"), type="textarea", value="",
                                 required="required" in a, id=a.get("id"),
                                 describedby=a.get("aria-describedby"))
            self.form["fields"].append(self.textarea)
        elif tag == "select":
            self.select = dict(tag="select", name=a.get("name"), type="select", options=[], value=None,
                               required="required" in a, id=a.get("id"),
                               describedby=a.get("aria-describedby"))
            self.form["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            self.select["options"].append(a.get("value", ""))
            if "selected" in a:
                self.select["value"] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "form":
            self.form = None
        if tag == "select":
            self.select = None
        if tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data
        if not self.skip:
            self.text.append(data)


def parse(body):
    p = Forms()
    p.feed(body)
    p.body_text = " ".join(p.text)
    return p


class Client:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def send(self, path, data=None, ctype=None):
        req = urllib.request.Request(base + path, data=data)
        if ctype:
            req.add_header("Content-Type", ctype)
        try:
            with self.op.open(req, timeout=30) as r:
                return r.status, r.read().decode("utf-8", "replace"), r.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), e.headers


def multipart(fields, files):
    """fields: [(name, value)], files: [(name, filename, bytes)]."""
    b = "kansli" + uuid.uuid4().hex
    out = []
    for n, v in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (b, n)).encode() +
                   v.encode("utf-8") + b"\r\n")
    for n, fn, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: text/plain\r\n\r\n" % (b, n, fn)).encode() + data + b"\r\n")
    out.append(("--%s--\r\n" % b).encode())
    return b"".join(out), "multipart/form-data; boundary=" + b


def login(c, user, password):
    st, body, _ = c.send("/login")
    tok = re.search(r'name="login_token" value="([0-9a-f]+)"', body)
    if not tok:
        return False
    data = urllib.parse.urlencode({"username": user, "password": password, "login_token": tok.group(1)}).encode()
    st, body, h = c.send("/login", data, "application/x-www-form-urlencoded")
    return st == 303 and h.get("Location") == "/"


VISIBLE = {"text", "textarea", "select", "date", "number", "time", "email", "search", "password", "tel", "url",
           "checkbox", "radio", "file"}
STAFF_SKIP = ("/offentlig", "/anslagstavla", "/static", "/login", "/logout", "/fil", "/healthz", "/metrics",
              "/api/", "/sokhjalp")


def kind_of(url):
    """Pages of one kind hold the same forms: the path and the names of its query."""
    u = urllib.parse.urlsplit(url)
    return u.path + "?" + ",".join(sorted(k for k, _ in urllib.parse.parse_qsl(u.query) if k not in ("org",)))


def crawl(c, per_kind=2, limit=120):
    seen, kinds, pages, queue = set(), {}, [], ["/"]
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        k = kind_of(url)
        if kinds.get(k, 0) >= per_kind:
            continue
        kinds[k] = kinds.get(k, 0) + 1
        st, body, h = c.send(url)
        if st != 200 or "text/html" not in h.get("Content-Type", ""):
            continue
        p = parse(body)
        pages.append((url, p))
        for href in p.links:
            href = html.unescape(href).split("#")[0]
            if not href.startswith("/") or href.startswith("//") or href.startswith(STAFF_SKIP):
                continue
            if "format=csv" in href or ".pdf" in href or "klart=" in href:
                continue
            if href not in seen:
                queue.append(href)
    return pages


def hidden_of(form):
    return [(f["name"], f["value"]) for f in form["fields"] if f["tag"] == "input" and f["type"] == "hidden" and f["name"]]


def signature(form):
    """A form is its action, its "atgard" and the names of its fields (one
    page may hold several forms for one action)."""
    h = dict(hidden_of(form))
    names = sorted(set(f["name"] for f in form["fields"] if f["name"] and f["type"] in VISIBLE))
    return "%s %s(%s)" % (form["action"], h.get("atgard", ""), ",".join(names))


LONG = "Ogiltigt värde " * 2000  # 30,000 characters: longer than any field takes


def invalid_value(f):
    t = f["type"]
    if t == "date":
        return "2026-13-45"
    if t == "number":
        return "inte-ett-tal"
    if t == "time":
        return "25:99"
    if t == "select":
        return "finns-inte"
    return LONG


def payload(form, mode):
    """The fields to send: hidden as they are; the visible ones empty, or invalid."""
    fields, files, sent = list(hidden_of(form)), [], {}
    for f in form["fields"]:
        if not f["name"] or f["type"] in ("hidden", "submit", "button", "reset"):
            continue
        if f["type"] in ("checkbox", "radio"):
            continue
        if f["type"] == "file":
            if mode == "invalid":
                files.append((f["name"], "kvar-efter-fel.txt", b"En fil som ska finnas kvar.\n"))
            continue
        v = "" if mode == "empty" else invalid_value(f)
        fields.append((f["name"], v))
        sent[f["name"]] = v
    return fields, files, sent


def check(label, form, page_url, st, body, sent, files):
    problems = []
    if not 400 <= st <= 499:
        problems.append("status %d, not 4xx" % st)
    p = parse(body)
    again = [f for f in p.forms if f["method"] == "post" and signature(f) == signature(form)]
    if not again:
        problems.append("the form is not on the page sent back")
    else:
        got = {}
        for f in again[0]["fields"]:
            # a password is never written back into a page (form_state.c)
            if f["name"] and f["type"] not in ("hidden", "checkbox", "radio", "file", "select", "password"):
                got.setdefault(f["name"], f["value"])
        for n, v in sent.items():
            if n in got and got[n].replace("\r\n", "\n") != v:
                problems.append("field %s lost its value" % n)
                break
        if files and "kvar-efter-fel.txt" not in body:
            problems.append("the uploaded file was not kept")
        if files and not any(f["name"] == "uppladdad" for f in again[0]["fields"]):
            problems.append("no pending upload in the form")
    if p.lang != "sv":
        problems.append("lang is %r" % p.lang)
    if not p.summary:
        problems.append("no error summary")
    m = re.search(r'class="error-summary"[^>]*>(.*?)</div>', body, re.S)
    summary = html.unescape(re.sub(r"<[^>]+>", " ", m.group(1))) if m else ""
    if m and not SWEDISH.search(summary):
        problems.append("the summary is not Swedish: %r" % summary[:120])
    if m and not re.search(r'<a href="#[^"]+"', m.group(1)):
        problems.append("the summary links to no field")
    if not p.field_errors:
        problems.append("no message beside a field")
    text = p.body_text
    flag = FLAG.search(text)
    if flag:
        problems.append("a command-line flag is shown: %r" % text[max(0, flag.start() - 40):flag.end() + 20])
    for e in english:
        if e in text:
            problems.append("core's English message is shown: %r" % e)
            break
    if problems:
        bad("%s (%s on %s): %s" % (label, signature(form), page_url, "; ".join(problems)))
        return False
    return True


start = time.time()
tested, fieldless, refusals_ok, total = set(), set(), 0, 0
for user, password in users:
    c = Client()
    if not login(c, user, password):
        bad("%s could not log in" % user)
        continue
    pages = crawl(c)
    ok("%s: %d staff pages crawled" % (user, len(pages)))
    mine = set()
    for url, p in pages:
        for form in p.forms:
            sig = signature(form)
            if form["method"] != "post" or form["action"] in ("/logout", "/login") or sig in mine:
                continue
            mine.add(sig)
            editable = [f for f in form["fields"] if f["name"] and f["type"] in VISIBLE]
            if not editable:
                fieldless.add(sig)
                continue
            # the CSRF token and page state are read fresh: an earlier
            # refusal may have changed nothing, but the page is the truth
            st, body, _ = c.send(url)
            fresh = [f for f in parse(body).forms if signature(f) == sig]
            if not fresh:
                continue
            form = fresh[0]
            tested.add(sig)
            required = any(f.get("required") for f in editable)
            for mode in ("empty", "invalid"):
                if mode == "empty" and not required:
                    continue  # every field optional: empty is a valid answer
                fields, files, sent = payload(form, mode)
                data, ctype = multipart(fields, files)
                st, body, _ = c.send(form["action"], data, ctype)
                total += 1
                if check("%s sent %s as %s" % (sig, mode, user), form, url, st, body, sent, files):
                    refusals_ok += 1
print("forms tested: %d (%d refusals sent, %d came back whole); %d forms have no field to fill in; %.1f s"
      % (len(tested), total, refusals_ok, len(fieldless), time.time() - start))
if len(tested) < 10:
    bad("only %d forms found: the crawl did not reach the staff pages" % len(tested))
elif not fails:
    ok("every refused form came back whole, in Swedish, without CLI flags or core's English")
