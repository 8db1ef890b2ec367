#!/usr/bin/env python3
"""make-queries.py: draw pilcrow's benchmark query set from the real corpora.

usage: make-queries.py CORPUS_DIR... > queries.tsv

Output: one query a line, "category<TAB>query", categories
  word-rare, word-medium, word-frequent   single words by document frequency
  and-2, and-3, and-4                     words co-occurring in one paragraph
  phrase                                  2-4 consecutive words, quoted
  symbol                                  UN symbols / resolution numbers

Method (deterministic: files in sorted order, one seeded PRNG):
- a paragraph is a blank-line separated block of a file (a file with no
  blank line: each non-empty line), as in doc/design.md, "Document model";
- words are runs of ASCII letters (length >= 3, lower-cased); df = number
  of paragraphs containing the word; stop words are never drawn;
- rare: df 3..30, medium: df 31..1000, frequent: df > 1000; 150 of each,
  sampled uniformly from each band;
- conjunctions: a random paragraph with enough content words, k of its
  distinct content words with df >= 3 (k = 2, 3, 4; 110 of each);
- phrases: 2-4 consecutive words of a random paragraph (no stop word at
  either end, every word alphabetic), 200 of them;
- symbols: every distinct match of the symbol patterns below in the text,
  120 sampled.  Total: 1,100 queries.
"""
import os
import random
import re
import sys

SEED = 20250907
STOP = set("""a about above after again against all also am an and any are as
at be because been before being below between both but by can could did do
does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under
until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves mr ms shall may must upon""".split())
WORD = re.compile(r"[A-Za-z]+")
TOKEN = re.compile(r"\S+")
SYMBOL = re.compile(
    r"(?<![\w/])(?:"
    r"[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,5}"   # A/CONF.157/24, E/CN.9/1997/5
    r"|\d{1,3}/\d{1,4}"                               # 49/127
    r")(?![\w/])")


def paragraphs(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read().replace("\r\n", "\n").lstrip("\ufeff")
    blocks = re.split(r"\n[ \t\f]*\n", text)
    if len(blocks) == 1:
        blocks = text.split("\n")
    for b in blocks:
        b = " ".join(b.split())
        if b:
            yield b


def main():
    rng = random.Random(SEED)
    paras = []
    for root in sys.argv[1:]:
        files = []
        for d, _, names in os.walk(root):
            files += [os.path.join(d, n) for n in names
                      if n.endswith((".txt", ".md"))]
        for path in sorted(files):
            paras.extend(paragraphs(path))
    df = {}
    for p in paras:
        for w in set(m.group().lower() for m in WORD.finditer(p)):
            df[w] = df.get(w, 0) + 1
    content = {w for w, n in df.items()
               if n >= 3 and len(w) >= 3 and w not in STOP}
    out = []
    bands = [("word-rare", 3, 30), ("word-medium", 31, 1000),
             ("word-frequent", 1001, 1 << 62)]
    for name, lo, hi in bands:
        pool = sorted(w for w in content if lo <= df[w] <= hi)
        out += [(name, w) for w in rng.sample(pool, 150)]
    for k in (2, 3, 4):
        n = 0
        while n < 110:
            p = paras[rng.randrange(len(paras))]
            ws = sorted({m.group().lower() for m in WORD.finditer(p)}
                        & content)
            if len(ws) < k + 2:
                continue
            out.append(("and-%d" % k, " ".join(rng.sample(ws, k))))
            n += 1
    n = 0
    while n < 200:
        toks = TOKEN.findall(paras[rng.randrange(len(paras))])
        k = rng.randrange(2, 5)
        if len(toks) < k + 1:
            continue
        i = rng.randrange(len(toks) - k + 1)
        ws = toks[i:i + k]
        if not all(re.fullmatch(r"[A-Za-z]+", w) for w in ws):
            continue
        if ws[0].lower() in STOP or ws[-1].lower() in STOP:
            continue
        out.append(("phrase", '"%s"' % " ".join(ws)))
        n += 1
    syms = set()
    for p in paras:
        for m in SYMBOL.finditer(p):
            s = m.group().rstrip(".-")
            if "/" in s:
                syms.add(s)
    out += [("symbol", s) for s in rng.sample(sorted(syms), 120)]
    for cat, q in out:
        sys.stdout.write("%s\t%s\n" % (cat, q))


if __name__ == "__main__":
    main()
