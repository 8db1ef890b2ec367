#!/bin/sh
# tests/phrase-accuracy.sh - exact phrases against a plain scan of the
# stored texts (issue 16): every phrase query of bench/queries.tsv, and
# phrases with common words drawn from the texts themselves (three to
# five words starting at a random word of a random record), run through
# one `pilcrow batch -n 20` over an index of the given corpus; every hit
# is read back whole (`pilcrow parse --json` of its file, cached) and
# must hold the phrase: its words in order, separated only by
# non-word characters, each word matched by its first
# max(3, length - 5) letters (stemming applies inside a phrase:
# "committed" is "commitment", "determined" "determination", "our"
# "ours").  A
# hit that does not is a false positive; the test fails on any.
#
# Usage: PILCROW=... phrase-accuracy.sh [DIR]  (default: the 2015
# General Debate statements in $SHARED_CORPORA).  Exit 77 when the
# corpus, python3 or pilcrow is absent.
set -u
unset PILCROW_DB
here=$(cd "$(dirname "$0")" && pwd)
top=${TOP_SRCDIR:-$(cd "$here/.." && pwd)}
shared=${SHARED_CORPORA:-$top/../shared/corpora}
dir=${1:-$shared/un-general-debates/txt/session-70-2015}
if [ -z "${PILCROW:-}" ] || [ ! -x "$PILCROW" ]; then
    echo "SKIP: PILCROW is not set"; exit 77
fi
if [ ! -d "$dir" ]; then echo "SKIP: $dir is absent"; exit 77; fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
TMP=$(mktemp -d -t pilcrow-phrase.XXXXXX) || exit 99
trap 'rm -rf "$TMP"' EXIT
"$PILCROW" index --db "$TMP/idx" --quiet "$dir" || exit 99
python3 - "$top/bench/queries.tsv" "$dir" "$TMP/idx" <<'PY'
import json, os, random, re, subprocess, sys
queries, root, idx = sys.argv[1:4]
pilcrow = os.environ["PILCROW"]
rng = random.Random(16)
STOP = {"the", "of", "and", "to", "in", "a", "for", "on", "by", "with",
        "that", "is", "as", "at", "from", "be", "an", "or", "we", "our"}
phrases = []
for line in open(queries, encoding="utf-8"):
    q = line.rstrip("\n").split("\t")[-1]
    if re.fullmatch(r'"[^"]+"', q):
        phrases.append(q.strip('"'))
n_bench = len(phrases)
files = sorted(os.path.join(root, f) for f in os.listdir(root))
cache = {}
def records(path):
    if path not in cache:
        out = subprocess.run([pilcrow, "parse", "--json", path],
                             capture_output=True, text=True).stdout
        cache[path] = {r["anchor"]: r["text"] for r in
                       map(json.loads, out.splitlines())}
    return cache[path]
drawn = 0
while drawn < 200:
    recs = list(records(rng.choice(files)).values())
    words = re.findall(r"[A-Za-z]+", rng.choice(recs))
    k = rng.randint(3, 5)
    if len(words) < k + 1:
        continue
    i = rng.randrange(len(words) - k)
    w = words[i:i + k]
    if not any(x.lower() in STOP for x in w[1:-1]) or \
       all(x.lower() in STOP for x in w):
        continue
    phrases.append(" ".join(w))
    drawn += 1
def rx(phrase):
    parts = [re.escape(x[:max(3, len(x) - 5)]) + r"\w*"
             for x in re.findall(r"\w+", phrase)]
    return re.compile(r"\b" + r"\W+".join(parts) + r"\b", re.I)
inp = "".join('"%s"\n' % p for p in phrases)
out = subprocess.run([pilcrow, "--db", idx, "batch", "-n", "20"],
                     input=inp, capture_output=True, text=True).stdout
hits = fp = 0
for phrase, line in zip(phrases, out.splitlines()):
    r = json.loads(line)
    for h in r.get("hits", []):
        hits += 1
        text = records(h["file"]).get(h["anchor"], "")
        if not rx(phrase).search(text):
            fp += 1
            print("FALSE POSITIVE: %r in %s %s: %s" % (phrase, h["doc"],
                  h["anchor"], text[:160]))
print("%d phrases (%d of bench/queries.tsv, %d drawn with common words),"
      " %d hits, %d false positives" % (len(phrases), n_bench, drawn,
                                         hits, fp))
sys.exit(1 if fp else 0)
PY
