#!/bin/sh
# tests/judged/t-judged-quote.sh - where does this quote come from
# (issue 16, acceptance): 66 passages of real records chosen by hand and
# altered by hand as a writer quoting them in a report would (quotes.tsv,
# column kind): words or a clause dropped, sometimes for an ellipsis
# (drop); words changed to synonyms or other forms, a typo (change);
# clauses or phrases moved around (reorder); punctuation, quotation
# marks and capitals changed (punct); broken over lines as pasted from a
# PDF, some words hyphenated at the break (linebreak); French or Spanish
# typed without its accents or with straight apostrophes (accents).
# Also 20 made-up quotes of no document (kind none).
#
# Stages the corpora the quotes come from (the GA resolutions as res/,
# un-docs-2025 as docs/, the General Debate statements of 2015 as
# debates/, the UN Parallel Corpus dev-set documents in French and
# Spanish as fr/ and es/), indexes them into a temporary index, runs
# `pilcrow quote --json -n 3` on each quote and counts a quote as found
# first (in the top 3) when its expected document and anchor is the
# first source (among the first 3).  A made-up quote passes when quote
# finds nothing (exit 1).  Prints the rates, per kind too, and every
# miss.  Exit 0 when the rates reach their floors and no made-up quote
# finds anything, 1 otherwise, 77 when the corpora ($SHARED_CORPORA,
# default ../shared/corpora beside the source tree), python3 or pilcrow
# are absent.
FLOOR_FIRST=0.95
FLOOR_TOP3=0.98

set -u
unset PILCROW_DB

here=$(cd "$(dirname "$0")" && pwd)
top=${TOP_SRCDIR:-$(cd "$here/../.." && pwd)}
shared=${SHARED_CORPORA:-$top/../shared/corpora}
quotes=$here/quotes.tsv

if [ -z "${PILCROW:-}" ] || [ ! -x "$PILCROW" ]; then
    echo "SKIP: PILCROW is not set to the pilcrow program (run 'make check')"
    exit 77
fi
for d in un-ga-resolutions-80/md un-docs-2025/txt \
         un-general-debates/txt/session-70-2015 unpc-v1.0-devset/docs/fr \
         unpc-v1.0-devset/docs/es; do
    if [ ! -d "$shared/$d" ]; then
        echo "SKIP: $shared/$d is absent"
        exit 77
    fi
done
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: no python3"
    exit 77
fi

TMP=$(mktemp -d -t pilcrow-judged-quote.XXXXXX) || exit 99
trap 'rm -rf "$TMP"' EXIT
trap 'exit 99' HUP INT TERM

mkdir -p "$TMP/stage" || exit 99
cp -R "$shared/un-ga-resolutions-80/md" "$TMP/stage/res" &&
cp -R "$shared/un-docs-2025/txt" "$TMP/stage/docs" &&
cp -R "$shared/un-general-debates/txt/session-70-2015" "$TMP/stage/debates" &&
cp -R "$shared/unpc-v1.0-devset/docs/fr" "$TMP/stage/fr" &&
cp -R "$shared/unpc-v1.0-devset/docs/es" "$TMP/stage/es" || exit 99
"$PILCROW" index --db "$TMP/idx" --quiet -j 2 "$TMP/stage" || exit 99

PILCROW_DB=$TMP/idx python3 - "$quotes" "$FLOOR_FIRST" "$FLOOR_TOP3" <<'PY'
import json, subprocess, sys, os, time
quotes, floor_first, floor_top3 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
pilcrow = os.environ["PILCROW"]
rows = [l.rstrip("\n").split("\t") for l in open(quotes, encoding="utf-8")][1:]
kinds, first, top3, n, made_up_found, misses = {}, 0, 0, 0, 0, []
slowest = 0.0
for qid, kind, doc, symbol, anchor, text in rows:
    text = text.replace("\\n", "\n")
    t0 = time.time()
    p = subprocess.run([pilcrow, "quote", "--json", "-n", "3", "-"],
                       input=text.encode(), capture_output=True)
    slowest = max(slowest, time.time() - t0)
    got = [json.loads(l) for l in p.stdout.decode().splitlines()]
    if kind == "none":
        if p.returncode != 1 or got:
            made_up_found += 1
            misses.append("%s made up, found %s" % (qid, ["%s %s" % (
                g["doc"], g["anchor"]) for g in got]))
        continue
    if p.returncode not in (0, 1):
        print("ERROR %s: %s" % (qid, p.stderr.decode().strip()))
        sys.exit(1)
    n += 1
    k = kinds.setdefault(kind, [0, 0, 0])
    k[0] += 1
    ranks = [i for i, g in enumerate(got)
             if g["doc"] == doc and g["anchor"] == anchor]
    if ranks and ranks[0] == 0:
        first += 1
        k[1] += 1
    if ranks:
        top3 += 1
        k[2] += 1
    if not ranks or ranks[0] > 0:
        misses.append("%s %s: want %s %s, got %s" % (qid, kind, doc, anchor,
                      ["%s %s %.2f" % (g["doc"], g["anchor"], g["score"])
                       for g in got]))
w = max([len(k) for k in kinds] + [3])
for kind in sorted(kinds):
    t, f, t3 = kinds[kind]
    print("%-*s %2d quotes: first %.2f, top 3 %.2f" % (w, kind, t, f / t,
                                                        t3 / t))
print("%-*s %2d quotes: first %.3f (%d), top 3 %.3f (%d)" % (
    w, "all", n, first / n, first, top3 / n, top3))
print("made up: %d of %d found something" % (
    made_up_found, sum(1 for r in rows if r[1] == "none")))
for m in misses:
    print("MISS " + m)
ok = first / n >= floor_first and top3 / n >= floor_top3 and made_up_found == 0
print("PASS" if ok else "FAIL: floors first %.2f, top 3 %.2f, made up 0" % (
    floor_first, floor_top3))
sys.exit(0 if ok else 1)
PY
