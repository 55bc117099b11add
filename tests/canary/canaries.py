#!/usr/bin/env python3
"""canaries.py — the secret words of the canary suite (t0054).

Usage: canaries.py DIR SEED

Makes one unique canary word per secret field ("kanarie" + random letters),
valid canary personnummer for masked parties, and the secret files whose
text holds canaries (a .txt and a small PDF). Writes:

  DIR/canaries.sh     shell assignments the installation script uses
  DIR/manifest.json   every canary: the word, where it was put, and who
                      must never see it ("all" non-entitled actors, or only
                      "public" for what staff may read but the public not)
  DIR/*.txt, *.pdf    the files to register

The random part uses letters the Swedish stemmer does not strip or fold
(no vowels, no doubled letters, no s/t/n/r/l/d/g endings), so each canary
is one index term that the entitled control user finds verbatim.
"""
import json
import random
import sys

LETTERS = "bcfhjkmpqvwxz"


def word(rng, used):
    while True:
        tail = rng.choice(LETTERS)
        while len(tail) < 7:
            c = rng.choice(LETTERS)
            if c != tail[-1]:
                tail += c
        w = "kanarie" + tail
        # no canary may be a prefix of, or share a 9+ letter prefix with, another:
        # a prefix leak must name exactly one canary
        if all(w[:9] != u[:9] for u in used):
            used.add(w)
            return w


def personnummer(rng, used):
    """A valid (Luhn) personnummer born 1930-1999, as YYYYMMDD-NNNN."""
    while True:
        y, m, d = rng.randint(1930, 1999), rng.randint(1, 12), rng.randint(1, 28)
        serial = rng.randint(100, 999)
        ten = "%02d%02d%02d%03d" % (y % 100, m, d, serial)
        total = 0
        for i, ch in enumerate(ten):
            v = int(ch) * (2 if i % 2 == 0 else 1)
            total += v - 9 if v > 9 else v
        check = (10 - total % 10) % 10
        p = "%04d%02d%02d-%03d%d" % (y, m, d, serial, check)
        if p not in used:
            used.add(p)
            return p


def pdf(text):
    """A one-page PDF whose text layer is `text` (Helvetica, ASCII)."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>", None,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    stream = "BT /F1 12 Tf 20 100 Td (%s) Tj ET" % text
    objs[3] = "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    out, offs = "%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += "%d 0 obj\n%s\nendobj\n" % (i + 1, o)
    x = len(out)
    out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += "%010d 00000 n \n" % o
    out += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out.encode("latin-1")


def main():
    d, seed = sys.argv[1], sys.argv[2]
    rng = random.Random(seed)
    used, pnrs = set(), set()
    canaries = []   # {"word", "where", "forbid"}
    shell = {}

    def canary(var, where, forbid="all", control=True):
        w = word(rng, used)
        canaries.append({"var": var, "word": w, "where": where, "forbid": forbid, "kind": "word",
                         "control": control})
        shell[var] = w
        return w

    def pnr(var, where, forbid="all"):
        p = personnummer(rng, pnrs)
        canaries.append({"var": var, "word": p, "where": where, "forbid": forbid, "kind": "personnummer",
                         "control": True})
        shell[var] = p
        return p

    canary("C_TITLE", "title of a record with secrecy partial, title masked")
    canary("C_PARTY_FIRST", "first name of a masked party")
    canary("C_PARTY_LAST", "last name of a masked party")
    pnr("C_PARTY_PNR", "personnummer of a masked party")
    canary("C_BODY", "body text of a record with secrecy partial, body masked")
    canary("C_TXT", "text of a secret .txt file (files masked)")
    canary("C_TXT_NAME", "original name of a secret .txt file (files masked)", control=False)  # names are not searched
    canary("C_PDF", "text of a secret PDF file (files masked)")
    canary("C_FULL_TITLE", "title of a record with full secrecy")
    canary("C_FULL_PARTY", "party of a record with full secrecy")
    pnr("C_FULL_PNR", "personnummer of the party of a record with full secrecy")
    canary("C_FULL_FILE", "file text of a record with full secrecy")
    canary("C_FULL_BODY", "body text of a record with full secrecy")
    canary("C_CASE_TITLE", "protected case title (public title given)")
    canary("C_CASE_TITLE2", "second word of the protected case title")
    canary("C_UNIT_BODY", "secret body in the building unit's case (its case officer may read it)")
    canary("C_OTHER_ORG", "secret title in another organisation of the installation")
    canary("C_MASKED_PERSON", "private person in a series that masks persons", "public")
    pnr("C_MASKED_PNR", "personnummer of a private person in a masking series", "public")
    canary("C_UNPUB_TITLE", "a person named in a case title in a masking series, with no public title "
           "(no party names him: the case's only record is from a school)", "public")
    # staff need not find these by search: no positive control
    canary("C_REQUESTER", "name of a document requester", "public", False)
    canary("C_REQUESTER_MAIL", "contact address of a document requester", "public", False)

    # files: the text and the names hold canaries
    open("%s/utredning.txt" % d, "w").write(
        "Utredning om hemmaförhållanden.\nUppgifter om %s och familjen.\n" % shell["C_TXT"])
    open("%s/yttrande.pdf" % d, "wb").write(pdf("Yttrande om %s och hans skola" % shell["C_PDF"]))
    open("%s/helt.txt" % d, "w").write("Journalanteckning: %s.\n" % shell["C_FULL_FILE"])
    open("%s/offentlig.txt" % d, "w").write("Kungorelse om vagarbete vid torget.\n")
    shell["F_TXT_NAME"] = "anteckning-%s.txt" % shell["C_TXT_NAME"]

    # words that exist nowhere, of the same shape: the count of hits for a
    # canary must equal the count for one of these
    controls = []
    while len(controls) < 8:
        w = word(rng, used)
        controls.append("zanarie" + w[7:])

    with open("%s/canaries.sh" % d, "w") as f:
        for k, v in shell.items():
            f.write("%s='%s'\n" % (k, v))
    json.dump({"seed": seed, "canaries": canaries, "controls": controls},
              open("%s/manifest.json" % d, "w"), indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
