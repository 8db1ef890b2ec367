#!/bin/sh
# tests/judged/t-judged.sh - ranking regression test over a judged query set.
#
# Indexes corpus/ and the un-docs-2025 files named in docs.txt into a
# temporary index, runs every query of queries.tsv through one
# `pilcrow batch -n 3` process, and counts a query as a hit when any of its
# judged targets ("DOC ANCHOR") is among the first 3 results.  Prints the
# hit rate per corpus and overall and every miss with what came back.
# Exit 0 when the overall hit rate is at least THRESHOLD, 1 otherwise,
# 77 when nothing can run.  Without $SHARED_CORPORA (default
# ../shared/corpora beside the source tree) only the corpus/ queries run.
#
# THRESHOLD: the hit rate pilcrow achieves now, less a small margin (the
# commit that sets it says what was measured).
THRESHOLD=0.92

set -u
LC_ALL=C
export LC_ALL
unset PILCROW_DB

here=$(cd "$(dirname "$0")" && pwd)
top=${TOP_SRCDIR:-$(cd "$here/../.." && pwd)}
corpus=${CORPUS:-$top/corpus}
shared=${SHARED_CORPORA:-$top/../shared/corpora}
undocs=$shared/un-docs-2025/txt
queries=$here/queries.tsv
doclist=$here/docs.txt

if [ -z "${PILCROW:-}" ] || [ ! -x "$PILCROW" ]; then
    echo "SKIP: PILCROW is not set to the pilcrow program (run 'make check')"
    exit 77
fi
if [ ! -r "$queries" ] || ! ls "$corpus"/*.txt >/dev/null 2>&1; then
    echo "SKIP: no queries.tsv or no corpus/*.txt"
    exit 77
fi

TMP=$(mktemp -d -t pilcrow-judged.XXXXXX) || exit 99
trap 'rm -rf "$TMP"' EXIT
trap 'exit 99' HUP INT TERM

# The documents: corpus/*.txt always, the un-docs files when present.
corpus_ids=
for f in "$corpus"/*.txt; do
    corpus_ids="$corpus_ids $(basename "$f" .txt)"
done
set -- "$corpus"/*.txt
with_undocs=0
if [ -d "$undocs" ]; then
    with_undocs=1
    missing=
    for f in $(sed -e 's/#.*//' "$doclist"); do
        if [ -r "$undocs/$f" ]; then
            set -- "$@" "$undocs/$f"
        else
            missing="$missing $f"
        fi
    done
    if [ -n "$missing" ]; then
        echo "ERROR: un-docs files listed in docs.txt are missing:$missing"
        exit 1
    fi
else
    echo "NOTE: $undocs is absent: scoring the corpus/ queries only"
fi

if ! "$PILCROW" index --db "$TMP/db" --quiet "$@" >"$TMP/index.out" \
        2>"$TMP/index.err"; then
    echo "ERROR: cannot build the index:"
    cat "$TMP/index.err"
    exit 1
fi

# The queries to run: query, targets, corpus ("corpus" when every target
# is a corpus/ document, else "un-docs"), one a line, tab-separated.
awk -F '\t' -v ids="$corpus_ids" -v undocs="$with_undocs" '
    BEGIN { n = split(ids, a, " "); for (i = 1; i <= n; i++) isc[a[i]] = 1 }
    /^#/ || NF < 2 { next }
    {
        nt = split($2, t, / \| /); set = "corpus"
        for (i = 1; i <= nt; i++) {
            sub(/^ +/, "", t[i]); split(t[i], w, " ")
            if (!(w[1] in isc)) set = "un-docs"
        }
        if (set == "un-docs" && !undocs) next
        print $1 "\t" $2 "\t" set
    }' "$queries" >"$TMP/run.tsv"
if [ ! -s "$TMP/run.tsv" ]; then
    echo "SKIP: no query to run"
    exit 77
fi

cut -f1 "$TMP/run.tsv" >"$TMP/queries.txt"
"$PILCROW" batch --db "$TMP/db" -n 3 <"$TMP/queries.txt" >"$TMP/batch.out" \
    2>"$TMP/batch.err"
if [ "$(wc -l <"$TMP/batch.out")" -ne "$(wc -l <"$TMP/queries.txt")" ]; then
    echo "ERROR: pilcrow batch wrote $(wc -l <"$TMP/batch.out") lines" \
        "for $(wc -l <"$TMP/queries.txt") queries:"
    cat "$TMP/batch.err"
    exit 1
fi

# Score: line N of batch.out answers line N of run.tsv.  From each JSON
# line take the "doc" and "anchor" of every hit, in rank order.
awk -F '\t' -v threshold="$THRESHOLD" '
    function field(s, name,    re) {
        re = "\"" name "\":\"[^\"]*\""
        if (!match(s, re)) return ""
        return substr(s, RSTART + length(name) + 4, RLENGTH - length(name) - 5)
    }
    NR == FNR { q[NR] = $1; tg[NR] = $2; set[NR] = $3; nq = NR; next }
    {
        line = $0; got = ""; hit = 0
        if (line ~ /"error":/) got = "error: " field(line, "error")
        while (match(line, /"doc":"[^"]*"/)) {
            line = substr(line, RSTART)
            d = field(line, "doc"); a = field(line, "anchor")
            line = substr(line, 7)
            got = got (got == "" ? "" : " | ") d " " a
            nt = split(tg[FNR], t, / \| /)
            for (i = 1; i <= nt; i++) if (t[i] == d " " a) hit = 1
        }
        s = set[FNR]; total[s]++; all++
        if (hit) { hits[s]++; allhits++ }
        else {
            printf "MISS [%s] %s\n  want: %s\n  got:  %s\n", s, q[FNR],
                tg[FNR], (got == "" ? "(nothing)" : got)
        }
    }
    END {
        for (s in total)
            printf "hit rate %-8s %3d/%-3d = %.3f\n", s, hits[s] + 0,
                total[s], (hits[s] + 0) / total[s]
        rate = allhits / all
        printf "hit rate overall  %3d/%-3d = %.3f (threshold %.2f)\n",
            allhits, all, rate, threshold
        exit (rate + 1e-9 >= threshold) ? 0 : 1
    }' "$TMP/run.tsv" "$TMP/batch.out"
