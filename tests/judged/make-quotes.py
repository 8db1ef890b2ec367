#!/usr/bin/env python3
"""make-quotes.py - draw the quotes of tests/judged/quotes.tsv from the
real corpora and alter them (run once; its output is committed).

Usage: make-quotes.py PILCROW CORPORA > quotes.tsv

Each quote is a run of 18-36 words of one record as `pilcrow parse
--json` reads it (so the expected source is the parser's, not quote's),
altered in one way: drop (3 words left out), change (3 words replaced),
reorder (the two halves swapped), punct (punctuation stripped, curly
quotation marks around, straight apostrophes curled), lines (a line
break every 5-9 words), accents (a French or Spanish record, its
accents removed).  Seeded: the same corpora give the same file.
Columns: id, kind, expected document (its id as staged by
t-judged-quote.sh), its symbol ("-" when none), expected anchor, quote
(newlines as \\n).  The made-up quotes (kind none) are added by hand
after it."""
import json, os, random, re, subprocess, sys, unicodedata

pilcrow, corpora = sys.argv[1], sys.argv[2]
rng = random.Random(16)
SOURCES = [  # (stage prefix, directory, files to draw from)
    ("res", "un-ga-resolutions-80/md", None),
    ("docs", "un-docs-2025/txt", None),
    ("debates", "un-general-debates/txt/session-70-2015", None),
    ("fr", "unpc-v1.0-devset/docs/fr", None),
    ("es", "unpc-v1.0-devset/docs/es", None),
]

def records(prefix, path):
    out = subprocess.run([pilcrow, "parse", "--json", path],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        r = json.loads(line)
        if r["kind"] != "paragraph" or len(r["text"].split()) < 30:
            continue
        r["where"] = prefix + "/" + r["doc"]
        yield r

def pick(prefix, rel, n):
    d = os.path.join(corpora, rel)
    files = sorted(f for f in os.listdir(d) if f.endswith((".txt", ".md")))
    rng.shuffle(files)
    got = []
    for f in files:
        recs = list(records(prefix, os.path.join(d, f)))
        if not recs:
            continue
        r = rng.choice(recs)
        words = r["text"].split()
        k = rng.randint(18, 36)
        start = rng.randint(0, max(0, len(words) - k))
        got.append((r, words[start:start + k]))
        if len(got) == n:
            break
    return got

FILL = ["important", "global", "new", "strong", "several", "real",
        "urgent", "common", "serious", "major"]

def drop(w):
    w = list(w)
    for _ in range(3):
        del w[rng.randint(1, len(w) - 2)]
    return " ".join(w)

def change(w):
    w = list(w)
    for i in rng.sample(range(1, len(w) - 1), 3):
        w[i] = rng.choice(FILL)
    return " ".join(w)

def reorder(w):
    h = len(w) // 2
    return " ".join(w[h:] + w[:h])

def punct(w):
    s = " ".join(w)
    s = re.sub(r"[.,;:()\[\]\"]", "", s).replace("'", "\u2019")
    return "\u201c" + s + "\u201d"

def lines(w):
    out, i = [], 0
    while i < len(w):
        k = rng.randint(5, 9)
        out.append(" ".join(w[i:i + k]))
        i += k
    return "\n".join(out)

def unaccent(w):
    s = unicodedata.normalize("NFD", " ".join(w))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")

rows = []
en = pick("res", SOURCES[0][1], 17) + pick("docs", SOURCES[1][1], 17) + \
     pick("debates", SOURCES[2][1], 16)
rng.shuffle(en)
kinds = [("drop", drop), ("change", change), ("reorder", reorder),
         ("punct", punct), ("lines", lines)]
for i, (r, w) in enumerate(en):
    kind, fn = kinds[i % len(kinds)]
    rows.append((kind, r["where"], r["symbol"], r["anchor"], fn(w)))
for prefix, rel, _ in SOURCES[3:]:
    for r, w in pick(prefix, rel, 6):
        rows.append(("accents", r["where"], r["symbol"], r["anchor"],
                     unaccent(w)))
print("id\tkind\tdoc\tsymbol\tanchor\tquote")
for i, (kind, where, symbol, anchor, q) in enumerate(rows, 1):
    print("q%02d\t%s\t%s\t%s\t%s\t%s" % (i, kind, where, symbol or "-",
                                         anchor,
                                     q.replace("\t", " ").replace("\n", "\\n")))
