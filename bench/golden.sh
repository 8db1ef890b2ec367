#!/bin/bash
# bench/golden.sh: golden comparison of two pilcrow programs, for
# refactors that must leave behaviour unchanged (see bench/README.md,
# "Golden comparison").
#
#   bench/golden.sh BASE_PILCROW NEW_PILCROW [WORKDIR]
#
# Runs the same commands with both programs, side by side, and compares
# what each printed byte for byte (stdout, stderr and exit status of
# every command, kept as UNIT.out, UNIT.err, UNIT.rc under
# WORKDIR/base/out and WORKDIR/new/out):
#   1. parse: `pilcrow parse --json` and `pilcrow parse` over every
#      *.txt, *.md, *.txt.gz, *.md.gz file (hidden ones skipped, as the
#      index walk does) of every corpus folder in $SHARED_CORPORA
#      (default: ../shared/corpora beside the source tree), in batches of
#      100 files (each record names its file, each message too; when a
#      batch differs, its files are run again one at a time to name the
#      files that differ and give each its exit status), plus every file
#      of corpus/ and tests/data/ one at a time (and in one batch each);
#   2. index: `pilcrow index -j $GOLDEN_JOBS` (default 2) into
#      WORKDIR/SIDE/db/NAME of corpus/ (then once more: the unchanged-file
#      path), tests/data/ (warnings), and the shared un-docs-2025/txt,
#      un-ga-resolutions-80/md, un-general-debates/txt,
#      unpc-v1.0-devset/docs, udhr-multilingual/txt (each its own index;
#      an absent corpus is skipped with a note);
#   3. queries, on every index: all of bench/queries.tsv and
#      bench/golden-queries.tsv (query syntax: operators, filters,
#      errors), plus five generated queries at and past the query limits,
#      through `pilcrow batch -n 10` (JSON, from stdin) and
#      `pilcrow batch -n 10 --tsv --input FILE`; `pilcrow search --json
#      -n 10` for every GOLDEN_SAMPLE-th query of queries.tsv (default 10)
#      and every other query; `pilcrow show --json` of
#      the top hit of each of those searches, and of a record that does
#      not exist; text-mode `search --color always -n 3` and `search --tsv
#      --offset 5 -n 5` for a fifth of that sample and all the other
#      queries; `pilcrow stats --json` and `pilcrow stats`.
#
# Normalised before comparing (and nothing else):
#   - the index summary's elapsed time: "... warnings in 0.11 s" becomes
#     "... warnings in <T> s" (index/*.err only);
#   - the work directory: WORKDIR/base and WORKDIR/new become
#     <WORKDIR>/SIDE (index messages name the db path); every other
#     command is run with relative paths (corpora from their parent
#     folder, dbs and query files from WORKDIR/SIDE), so `stats` prints
#     the db as "db/NAME" and batch names its input "../lists/FILE".
# Parse outputs are not normalised: nothing in them can vary.
#
# Environment: SHARED_CORPORA, GOLDEN_JOBS (index -j, default 2),
# GOLDEN_SAMPLE (every Nth query of queries.tsv for search and show,
# default 10; 1 = all), GOLDEN_SERIAL=1 (run the two programs one after
# the other, not side by side), GOLDEN_KEEP=1 (keep a temporary WORKDIR
# even when identical).  PILCROW_DB and NO_COLOR are unset.
#
# WORKDIR (default: a new temporary directory, removed when identical)
# must be empty or a previous golden WORKDIR; it is rewritten.
#
# Exit status: 0 identical, 1 differences (WORKDIR is kept; the full
# list is WORKDIR/differences.txt), 2 usage error or missing inputs.
set -u
export LC_ALL=C
unset PILCROW_DB NO_COLOR

say() { printf 'golden: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }
usage() {
    echo "usage: bench/golden.sh BASE_PILCROW NEW_PILCROW [WORKDIR]" >&2
    exit 2
}

case ${1:-} in
-h|--help)
    sed -n '2,/^set -u$/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0 ;;
esac
[ $# -eq 2 ] || [ $# -eq 3 ] || usage
command -v python3 >/dev/null 2>&1 || die "python3 not found"

# A program argument as an absolute path (it is run from other folders).
abs_prog() {
    local p=$1 d
    case $p in
    */*) ;;
    *) p=$(command -v -- "$p") || return 1 ;;
    esac
    [ -f "$p" ] && [ -x "$p" ] || return 1
    d=$(cd "$(dirname -- "$p")" && pwd -P) || return 1
    printf '%s/%s\n' "$d" "$(basename -- "$p")"
}
BASE=$(abs_prog "$1") || die "base program '$1' not found or not executable"
NEW=$(abs_prog "$2") || die "new program '$2' not found or not executable"
for p in "$BASE" "$NEW"; do
    case $("$p" --version 2>/dev/null) in
    pilcrow\ *) ;;
    *) die "$p --version does not say 'pilcrow ...': not a pilcrow" ;;
    esac
done

SRC=$(cd "$(dirname -- "$0")/.." && pwd -P) || die "no source tree"
for f in bench/queries.tsv bench/golden-queries.tsv corpus tests/data; do
    [ -e "$SRC/$f" ] || die "missing input $SRC/$f"
done
SHARED=${SHARED_CORPORA:-$SRC/../shared/corpora}
if [ -d "$SHARED" ]; then
    SHARED=$(cd "$SHARED" && pwd -P)
else
    say "note: no shared corpora at $SHARED: only corpus/ and tests/data/"
    SHARED=
fi
JOBS=${GOLDEN_JOBS:-2}
SAMPLE=${GOLDEN_SAMPLE:-10}
case $JOBS in ''|*[!0-9]*|0) die "GOLDEN_JOBS must be a positive number" ;; esac
case $SAMPLE in ''|*[!0-9]*|0) die "GOLDEN_SAMPLE must be a positive number" ;; esac
export GOLDEN_JOBS=$JOBS

TEMP_WORK=
if [ $# -eq 3 ]; then
    WORK=$3
    mkdir -p -- "$WORK" || die "cannot create $WORK"
    WORK=$(cd "$WORK" && pwd -P) || die "cannot enter $3"
    if [ -n "$(ls -A "$WORK")" ] && [ ! -e "$WORK/.pilcrow-golden" ]; then
        die "$WORK is not empty and not a golden work directory"
    fi
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/pilcrow-golden.XXXXXX") \
        || die "cannot make a temporary directory"
    WORK=$(cd "$WORK" && pwd -P)
    TEMP_WORK=1
fi
rm -rf "$WORK/base" "$WORK/new" "$WORK/lists" "$WORK/differences.txt"
: >"$WORK/.pilcrow-golden"
L=$WORK/lists
mkdir -p "$L" "$WORK/base" "$WORK/new" || die "cannot write in $WORK"
T0=$(date +%s)

# ---- inputs (one list for both programs) ------------------------------

# Parse sets: "NAME<TAB>ROOT<TAB>MODE" (MODE: chunks, or each = every
# file also on its own); the files of NAME, relative to ROOT, in
# $L/parse-NAME.files.
: >"$L/parse-sets"
list_docs() {       # ROOT REL: the index walk's files under ROOT/REL
    (cd "$1" && find -L "$2" -name '.*' ! -name . -prune -o -type f \
        \( -name '*.txt' -o -name '*.md' -o -name '*.txt.gz' \
           -o -name '*.md.gz' \) -print | sort)
}
list_docs "$SRC" corpus >"$L/parse-corpus.files"
printf 'corpus\t%s\teach\n' "$SRC" >>"$L/parse-sets"
(cd "$SRC" && find tests/data -type f | sort) >"$L/parse-tests-data.files"
printf 'tests-data\t%s\teach\n' "$SRC" >>"$L/parse-sets"
if [ -n "$SHARED" ]; then
    for d in "$SHARED"/*/; do
        [ -d "$d" ] || continue
        n=$(basename "$d")
        list_docs "$SHARED" "$n" >"$L/parse-$n.files"
        if [ -s "$L/parse-$n.files" ]; then
            printf '%s\t%s\tchunks\n' "$n" "$SHARED" >>"$L/parse-sets"
        else
            say "note: no documents in $SHARED/$n: skipped"
        fi
    done
fi
while IFS="$(printf '\t')" read -r n root mode; do
    split -a 3 -d -l 100 "$L/parse-$n.files" "$L/parse-$n.chunk."
done <"$L/parse-sets"

# Index sets: "NAME<TAB>ROOT<TAB>PATH".
printf 'corpus\t%s\tcorpus\n' "$SRC" >"$L/index-sets"
printf 'tests-data\t%s\ttests/data\n' "$SRC" >>"$L/index-sets"
for s in un-docs-2025/txt un-ga-resolutions-80/md un-general-debates/txt \
         unpc-v1.0-devset/docs udhr-multilingual/txt; do
    if [ -n "$SHARED" ] && [ -d "$SHARED/$s" ]; then
        printf '%s\t%s\t%s\n' "${s%%/*}" "$SHARED" "$s" >>"$L/index-sets"
    elif [ -n "$SHARED" ]; then
        say "note: corpus $SHARED/$s absent: not indexed"
    fi
done

# Queries: queries.txt (bench/queries.tsv), extra.txt
# (bench/golden-queries.tsv + the limit queries), and the search sample
# as "N<TAB>FILE<TAB>LINE<TAB>TEXT" (TEXT=1: also text and tsv modes).
python3 - "$SRC/bench" "$L" "$SAMPLE" <<'EOF' || die "cannot read the queries"
import sys
bench, out, every = sys.argv[1], sys.argv[2], int(sys.argv[3])
def col2(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t", 1)[1] for l in f if l.strip()]
q = col2(bench + "/queries.tsv")
x = col2(bench + "/golden-queries.tsv")
# At and past PILCROW_QUERY_MAX_TERMS (1024), _MAX_DEPTH (100) and
# _MAX_BYTES (65536).
x += [" ".join("w%d" % i for i in range(1024)),
      " ".join("w%d" % i for i in range(1025)),
      "(" * 100 + "peace" + ")" * 100,
      "(" * 101 + "peace" + ")" * 101,
      "peace " + "x" * 65531]
for name, qs in (("queries.txt", q), ("extra.txt", x)):
    with open(out + "/" + name, "w", encoding="utf-8") as f:
        f.write("".join(s + "\n" for s in qs))
n = 0
with open(out + "/sample", "w", encoding="utf-8") as f:
    for i, s in enumerate(q):
        if i % every == 0:
            n += 1
            f.write("%04d\tqueries.txt\t%d\t%d\n"
                    % (n, i + 1, 1 if i % (5 * every) == 0 else 0))
    for i, s in enumerate(x):
        n += 1
        f.write("%04d\textra.txt\t%d\t1\n" % (n, i + 1))
EOF

# ---- running one program ---------------------------------------------

# unit NAME DIR CMD...: run CMD in DIR, stdin from $UNIT_IN (default
# /dev/null), into $O/NAME.out, .err, .rc.
unit() {
    local name=$1 dir=$2
    shift 2
    mkdir -p "$(dirname "$O/$name")"
    (cd "$dir" && exec "$@") <"${UNIT_IN:-/dev/null}" \
        >"$O/$name.out" 2>"$O/$name.err"
    echo $? >"$O/$name.rc"
}

elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

run_side() {
    local side=$1 P=$2 t n root mode path c k f i file line text
    O=$WORK/$side/out
    local S=$WORK/$side D=$WORK/$side/db
    mkdir -p "$O" "$D"
    echo "$side: $P"
    "$P" --version
    t=$(date +%s)
    while IFS="$(printf '\t')" read -r n root mode; do
        for c in "$L/parse-$n.chunk."*; do
            [ -e "$c" ] || continue
            k=${c##*.}
            mapfile -t f <"$c"
            unit "parse/$n/json.$k" "$root" "$P" parse --json "${f[@]}"
            unit "parse/$n/text.$k" "$root" "$P" parse "${f[@]}"
        done
        if [ "$mode" = each ]; then
            i=0
            while IFS= read -r file; do
                i=$((i + 1))
                k=$(printf 'file.%04d' "$i")
                unit "parse/$n/$k.json" "$root" "$P" parse --json "$file"
                unit "parse/$n/$k.text" "$root" "$P" parse "$file"
            done <"$L/parse-$n.files"
        fi
    done <"$L/parse-sets"
    echo "$side: parse $(elapsed "$t")"

    while IFS="$(printf '\t')" read -r n root path; do
        t=$(date +%s)
        unit "index/$n" "$root" "$P" index --db "$D/$n" -j "$JOBS" "$path"
        echo "$side: index $n $(elapsed "$t")"
    done <"$L/index-sets"
    unit index/corpus.again "$SRC" "$P" index --db "$D/corpus" corpus

    t=$(date +%s)
    while IFS="$(printf '\t')" read -r n root path; do
        local Q=query/$n
        for f in queries extra; do
            UNIT_IN=$L/$f.txt unit "$Q/batch-$f.json" "$S" \
                "$P" batch --db "db/$n" -n 10
            unit "$Q/batch-$f.tsv" "$S" \
                "$P" batch --db "db/$n" -n 10 --tsv --input "../lists/$f.txt"
        done
        unit "$Q/stats.json" "$S" "$P" stats --db "db/$n" --json
        unit "$Q/stats.text" "$S" "$P" stats --db "db/$n"
        unit "$Q/show-missing" "$S" \
            "$P" show --db "db/$n" --json no-such-doc "para. 1"
        while IFS="$(printf '\t')" read -r k file line text; do
            local q
            q=$(sed -n "${line}p" "$L/$file")
            unit "$Q/search/$k.json" "$S" \
                "$P" search --db "db/$n" --json -n 10 -- "$q"
            if [ "$text" = 1 ]; then
                unit "$Q/search/$k.text" "$S" \
                    "$P" search --db "db/$n" --color always -n 3 -- "$q"
                unit "$Q/search/$k.tsv" "$S" \
                    "$P" search --db "db/$n" --tsv --offset 5 -n 5 -- "$q"
            fi
        done <"$L/sample"
        python3 - "$O/$Q/search" >"$S/top-$n" <<'EOF'
import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if not name.endswith(".json.out"):
        continue
    with open(os.path.join(d, name), encoding="utf-8",
              errors="replace") as f:
        line = f.readline()
    try:
        hit = json.loads(line)
        doc, anchor = hit["doc"], hit["anchor"]
    except (ValueError, KeyError, TypeError):
        continue
    if "\t" not in doc + anchor and "\n" not in doc + anchor:
        print("%s\t%s\t%s" % (name.split(".")[0], doc, anchor))
EOF
        while IFS="$(printf '\t')" read -r k f line; do
            unit "$Q/show/$k" "$S" "$P" show --db "db/$n" --json -- "$f" "$line"
        done <"$S/top-$n"
    done <"$L/index-sets"
    echo "$side: queries $(elapsed "$t")"
}

# ---- comparing --------------------------------------------------------

# Normalise one side's outputs in place (what is normalised: see the
# header), then compare.
normalise() {
    python3 - "$WORK" "$1" <<'EOF'
import os, re, sys
work, side = sys.argv[1], sys.argv[2]
root = os.path.join(work, side, "out")
pairs = [((work + "/" + side).encode(), b"<WORKDIR>/SIDE"),
         (work.encode(), b"<WORKDIR>")]
summary = re.compile(rb"( warnings in )[0-9]+(\.[0-9]+)? s$", re.M)
for d, _, names in os.walk(root):
    rel = os.path.relpath(d, root)
    if rel == "parse" or rel.startswith("parse/"):
        continue
    for n in names:
        p = os.path.join(d, n)
        with open(p, "rb") as f:
            data = f.read()
        new = data
        for a, b in pairs:
            new = new.replace(a, b)
        if rel == "index" and n.endswith(".err"):
            new = summary.sub(rb"\1<T> s", new)
        if new != data:
            with open(p, "wb") as f:
                f.write(new)
EOF
}

# compare MODE: MODE=chunks lists the parse batches that differ
# ("SET<TAB>BATCH" a line); MODE=report prints the summary and exits 0
# (identical) or 10 (differences).
compare() {
    python3 - "$WORK" "$1" "$L" <<'EOF'
import os, subprocess, sys
work, mode, lists = sys.argv[1:4]
sides = [os.path.join(work, s, "out") for s in ("base", "new")]
EXT = (".out", ".err", ".rc")

def units(root):
    u = set()
    for d, _, names in os.walk(root):
        for n in names:
            for e in EXT:
                if n.endswith(e):
                    u.add(os.path.relpath(os.path.join(d, n[:-len(e)]),
                                          root))
    return u

def same(a, b):
    try:
        if os.path.getsize(a) != os.path.getsize(b):
            return False
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                x, y = fa.read(1 << 20), fb.read(1 << 20)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False

ub, un = units(sides[0]), units(sides[1])
diff = []
for u in sorted(ub | un):
    bad = [e for e in EXT
           if not same(os.path.join(sides[0], u + e),
                       os.path.join(sides[1], u + e))]
    if bad:
        diff.append((u, bad))
if mode == "chunks":                 # "SET<TAB>BATCH", each once, 3
    seen = []
    for u, _ in diff:
        p = u.split("/")
        if p[0] == "parse" and len(p) == 3 and not p[2].startswith("file."):
            k = (p[1], p[2].split(".", 1)[1])
            if k not in seen and len(seen) < 3:
                seen.append(k)
                print("%s\t%s" % k)
    sys.exit(0)

def count(prefix):
    return sum(1 for u in ub | un if u.startswith(prefix))

def lines(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return sum(1 for l in f if l.strip())
    except OSError:
        return 0

nfiles = 0
with open(os.path.join(lists, "parse-sets")) as f:
    sets = [l.split("\t")[0] for l in f if l.strip()]
for s in sets:
    nfiles += lines(os.path.join(lists, "parse-%s.files" % s))
with open(os.path.join(lists, "index-sets")) as f:
    dbs = [l.split("\t")[0] for l in f if l.strip()]
nq = lines(os.path.join(lists, "queries.txt"))
nx = lines(os.path.join(lists, "extra.txt"))
ndrill = count("parse-files/")
print("golden: compared %d units (stdout, stderr, exit status each), "
      "base vs new%s:" % (len(ub | un) - ndrill,
                          ", + %d single-file re-runs of differing parse "
                          "batches" % ndrill if ndrill else ""))
print("  parse:   %d files of %d sets (%s): %d commands (batches of 100 "
      "files and single files, --json and text)"
      % (nfiles, len(sets), ", ".join(sets), count("parse/")))
print("  index:   %d indexes (%s), -j %s, + corpus/ re-indexed unchanged"
      % (len(dbs), ", ".join(dbs), os.environ.get("GOLDEN_JOBS", "2")))
print("  queries: %d + %d syntax/limit queries through batch (JSON and "
      "TSV) on each of the %d indexes = %d query runs; %d search, "
      "%d show, %d stats commands (search: JSON, text, TSV)"
      % (nq, nx, len(dbs), 2 * (nq + nx) * len(dbs),
         sum(count("query/%s/search/" % d) for d in dbs),
         sum(count("query/%s/show" % d) for d in dbs),
         sum(count("query/%s/stats" % d) for d in dbs)))
if not diff:
    print("golden: IDENTICAL")
    sys.exit(0)
# 10, not 1: an exception in this script exits 1.
with open(os.path.join(work, "differences.txt"), "w") as f:
    for u, bad in diff:
        f.write("%s %s\n" % (u, " ".join(bad)))
drilled = []
for u, _ in diff:
    if u.startswith("parse-files/"):
        f = u.split("/", 1)[1].rsplit(".", 1)[0]
        if f not in drilled:
            drilled.append(f)
kinds = {}
for u, _ in diff:
    kinds[u.split("/")[0]] = kinds.get(u.split("/")[0], 0) + 1
print("golden: DIFFERENT: %d of %d units differ (%s; all in %s)"
      % (len(diff), len(ub | un),
         ", ".join("%s %d" % kv for kv in sorted(kinds.items())),
         os.path.join(work, "differences.txt")))
if drilled:
    print("  parse files that differ on their own (%d): %s%s"
          % (len(drilled), ", ".join(drilled[:8]),
             ", ..." if len(drilled) > 8 else ""))
def excerpt(out, width=240):
    """diff -u lines, long ones cut to WIDTH characters around where a
    removed line and the added line paired with it first differ."""
    start = [0] * len(out)
    i = 0
    while i < len(out):
        if out[i].startswith("-") and not out[i].startswith("---"):
            j = i
            while j < len(out) and out[j].startswith("-"):
                j += 1
            k = j
            while k < len(out) and out[k].startswith("+"):
                k += 1
            for a, b in zip(range(i, j), range(j, k)):
                x, y = out[a][1:], out[b][1:]
                c = 0
                while c < min(len(x), len(y)) and x[c] == y[c]:
                    c += 1
                start[a] = start[b] = max(0, c - width // 3)
            i = k
        else:
            i += 1
    res, run = [], 0
    for i, (l, s0) in enumerate(zip(out, start)):
        # at most 4 lines of a run of removed (or added) lines
        sign = l[:1] if l[:1] in "-+" and not l.startswith(("---", "+++")) \
            else ""
        run = run + 1 if sign and i > 0 and out[i - 1][:1] == sign else 1
        if sign and run > 4:
            if i + 1 == len(out) or out[i + 1][:1] != sign:
                res.append("%s[... %d more %s lines]"
                           % (sign, run - 4,
                              "removed" if sign == "-" else "added"))
            continue
        body = l[1 + s0:1 + s0 + width] if s0 else l[1:1 + width]
        res.append(l[:1] + ("[...]" if s0 else "") + body +
                   (" [...]" if len(l) > 1 + s0 + width else ""))
    return res

# The first difference of each kind, single parse files first.
pick = []
for kind in ("parse-files", "index", "query", "parse"):
    for u, bad in diff:
        if u.split("/")[0] == kind:
            pick.append((u, bad))
            break
if drilled:
    pick = [x for x in pick if x[0].split("/")[0] != "parse"]
shown = 0
for u, bad in pick[:3]:
    shown += 1
    print("--- %s (%s differ)" % (u, ", ".join(e[1:] for e in bad)))
    for e in bad:
        a, b = (os.path.join(s, u + e) for s in sides)
        p = subprocess.run(["diff", "-u", "--label", "base/" + u + e,
                            "--label", "new/" + u + e, a, b],
                           stdout=subprocess.PIPE)
        out = p.stdout.decode("utf-8", "replace").splitlines()
        ex = excerpt(out)
        for l in ex[:30]:
            print("  " + l)
        if len(ex) > 30:
            print("  [... %d more lines]" % (len(ex) - 30))
if len(diff) > shown:
    print("  [... %d more units differ]" % (len(diff) - shown))
sys.exit(10)
EOF
}

# When a parse batch differs, run its files one at a time with both
# programs (units parse-files/FILE.json and .text), so the summary
# names the files that differ; at most 3 batches.
drill() {
    local n k side P file root
    compare chunks \
    | while IFS="$(printf '\t')" read -r n k; do
        root=$(awk -F '\t' -v n="$n" '$1 == n { print $2 }' "$L/parse-sets")
        for side in base new; do
            O=$WORK/$side/out
            if [ $side = base ]; then P=$BASE; else P=$NEW; fi
            while IFS= read -r file; do
                unit "parse-files/$file.json" "$root" "$P" parse --json "$file"
                unit "parse-files/$file.text" "$root" "$P" parse "$file"
            done <"$L/parse-$n.chunk.$k"
        done
    done
}

# ---- main -------------------------------------------------------------

nfiles=$(cat "$L"/parse-*.files | wc -l)
say "work directory $WORK"
say "$nfiles files to parse, $(wc -l <"$L/index-sets") indexes," \
    "$(wc -l <"$L/queries.txt") + $(wc -l <"$L/extra.txt") queries" \
    "(search/show sample: $(wc -l <"$L/sample"))"
if [ "${GOLDEN_SERIAL:-0}" = 1 ]; then
    say "running base, then new (logs: WORKDIR/base/log, WORKDIR/new/log)"
    run_side base "$BASE" >"$WORK/base/log" 2>&1
    run_side new "$NEW" >"$WORK/new/log" 2>&1
else
    say "running base and new side by side" \
        "(logs: WORKDIR/base/log, WORKDIR/new/log)"
    run_side base "$BASE" >"$WORK/base/log" 2>&1 &
    pid_base=$!
    run_side new "$NEW" >"$WORK/new/log" 2>&1 &
    pid_new=$!
    wait "$pid_base"
    wait "$pid_new"
fi
drill
normalise base
normalise new
compare report
case $? in
0) rc=0 ;;
10) rc=1 ;;
*) say "the comparison itself failed"; rc=2 ;;
esac
say "whole run: $(elapsed "$T0") (base: $BASE; new: $NEW)"
if [ $rc -eq 0 ] && [ -n "$TEMP_WORK" ] && [ "${GOLDEN_KEEP:-0}" != 1 ]; then
    rm -rf "$WORK"
else
    say "outputs kept in $WORK"
fi
exit $rc
