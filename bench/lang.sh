#!/bin/sh
# bench/lang.sh: indexing speed per MB in English, Chinese and Arabic, and
# queries with no language over six languages against English alone, on
# the UN Parallel Corpus dev set (issue 14, "speed").  Called by
# `make bench-lang`; see bench/README.md.
#
# 1. Indexing: docs/en, docs/zh and docs/ar (732 files each) are each
#    indexed into a new index, BENCH_RUNS times, interleaved (en zh ar,
#    en zh ar, ...), under /usr/bin/time -v.  Prints per language the
#    input MB, the median wall and CPU (user + sys) seconds, MB/s, and
#    the speed against English (issue 14 asks for >= 0.7).
# 2. Queries: the six languages are staged as DOC.LANG.txt (the versions
#    of a document share a file name, which is its id) and indexed into
#    one index, and their English files into another.  The first 20
#    queries of the en set of tests/judged/lang-queries.tsv, repeated
#    BENCH_QUERY_PASSES times, run through one `pilcrow batch -n 10` over
#    each index, BENCH_RUNS times, interleaved, after one warm-up run of
#    each.  Prints the median wall seconds and ms per query, and the
#    ratio six / English (issue 14 asks for <= 2).
#
# Environment (all optional; `make bench-lang` sets the program paths):
#   BENCH_RUNS          runs per figure (default 3)
#   BENCH_QUERY_PASSES  passes over the 20 queries per run (default 250)
#   BENCH_WORK          work directory (default: bench/work in the
#                       build tree, else a temporary directory)
#   SHARED_CORPORA      the shared corpora (default: ../shared/corpora
#                       beside the source tree)
#   PILCROW             the program measured (default: pilcrow)
#   PILCROW_LIBDIR      prepended to LD_LIBRARY_PATH
# Raw figures, one run a line, go to $BENCH_WORK/lang/runs.tsv.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${BENCH_RUNS:=3}"
: "${BENCH_QUERY_PASSES:=250}"
if [ -z "${SHARED_CORPORA:-}" ]; then
    SHARED_CORPORA=${BENCH_DEFAULT_CORPORA:-$here/../../shared/corpora}
fi
devset=$SHARED_CORPORA/unpc-v1.0-devset/docs
queries=$here/../tests/judged/lang-queries.tsv
pc=${PILCROW:-pilcrow}

missing=
[ -x /usr/bin/time ] || missing="$missing /usr/bin/time"
[ -d "$devset" ] || missing="$missing $devset"
[ -r "$queries" ] || missing="$missing $queries"
command -v "$pc" >/dev/null 2>&1 || missing="$missing $pc"
if [ -n "$missing" ]; then
    echo "bench-lang: missing:$missing" >&2
    exit 2
fi
if [ -n "${PILCROW_LIBDIR:-}" ]; then
    LD_LIBRARY_PATH=$PILCROW_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
fi
pcpath=$(command -v "$pc")
if [ "$(head -c 2 "$pcpath" 2>/dev/null)" = "#!" ]; then
    echo "bench-lang: warning: $pcpath is a script (a libtool wrapper?):" \
         "every pilcrow process pays a shell start" >&2
fi

if [ -n "${BENCH_WORK:-}" ]; then
    work=$BENCH_WORK/lang
    rm -rf "$work"
    mkdir -p "$work"
else
    work=$(mktemp -d -t pilcrow-bench-lang.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    gone=" (removed on exit: set BENCH_WORK to keep them)"
fi
runs=$work/runs.tsv
printf 'what\trun\twall_s\tcpu_s\tmaxrss_kb\n' >"$runs"

# timed WHAT RUN COMMAND...: run COMMAND under /usr/bin/time -v, its
# output to $work/out, and append WHAT, RUN, wall, user + sys seconds and
# maximum RSS to $runs.  Exits on the command's failure.
timed()
{
    what=$1 run=$2
    shift 2
    if ! /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err"
    then
        echo "bench-lang: $what failed:" >&2
        cat "$work/err" "$work/time" >&2
        exit 1
    fi
    awk -F ': ' -v what="$what" -v run="$run" '
        /Elapsed \(wall clock\)/ {
            n = split($NF, p, ":"); w = 0
            for (i = 1; i <= n; i++) w = w * 60 + p[i]
        }
        /User time/ { u = $NF }
        /System time/ { s = $NF }
        /Maximum resident/ { m = $NF }
        END { printf "%s\t%s\t%.2f\t%.2f\t%d\n", what, run, w, u + s, m }
    ' "$work/time" >>"$runs"
}

# median WHAT COLUMN: the median of COLUMN (3 wall, 4 cpu) of WHAT's runs.
median()
{
    awk -F '\t' -v what="$1" -v c="$2" '$1 == what { print $c }' "$runs" |
        sort -n | awk '{ v[NR] = $1 }
            END { if (NR == 0) print "nan";
                  else if (NR % 2) print v[(NR + 1) / 2];
                  else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "# pilcrow: languages (bench/lang.sh)"
echo
echo "pilcrow: $pcpath ($("$pc" --version 2>/dev/null | head -n 1))"
echo "corpus: $devset; runs: $BENCH_RUNS, interleaved; medians"
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
echo "host: $(uname -sm), $ncpu CPUs; $(date -u '+%Y-%m-%d %H:%M UTC')"

# ---- 1. indexing, per MB ----
for r in $(seq 1 "$BENCH_RUNS"); do
    for lang in en zh ar; do
        rm -rf "$work/idx-$lang"
        timed "index-$lang" "$r" "$pc" index --db "$work/idx-$lang" --quiet \
            "$devset/$lang"
    done
done
echo
echo "## Indexing: docs/LANG whole (732 files), a new index each run"
echo
echo "| lang | MB | wall s | CPU s | MB/s (wall) | MB/s (CPU)" \
     "| speed / en (wall) | speed / en (CPU) |"
echo "|---|---|---|---|---|---|---|---|"
en_mb=
for lang in en zh ar; do
    mb=$(cat "$devset/$lang"/*.txt | wc -c |
        awk '{ printf "%.3f", $1 / 1048576 }')
    w=$(median "index-$lang" 3)
    c=$(median "index-$lang" 4)
    [ -n "$en_mb" ] || { en_mb=$mb en_w=$w en_c=$c; }
    awk -v l="$lang" -v mb="$mb" -v w="$w" -v c="$c" -v emb="$en_mb" \
        -v ew="$en_w" -v ec="$en_c" 'BEGIN {
        printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
            l, mb, w, c, mb / w, mb / c, (mb / w) / (emb / ew),
            (mb / c) / (emb / ec) }'
done

# ---- 2. queries: six languages against English alone ----
mkdir -p "$work/six" "$work/en"
for lang in ar en es fr ru zh; do
    for f in "$devset/$lang"/*.txt; do
        b=${f##*/}
        cp "$f" "$work/six/${b%.txt}.$lang.txt"
    done
done
cp "$work/six"/*.en.txt "$work/en/"
"$pc" index --db "$work/idx-six" --quiet "$work/six" >/dev/null
"$pc" index --db "$work/idx-en1" --quiet "$work/en" >/dev/null
awk -F '\t' '!/^#/ && $1 == "en" { print $2 }' "$queries" | head -n 20 \
    >"$work/q20.txt"
nq=$(wc -l <"$work/q20.txt" | tr -d ' ')
: >"$work/queries.txt"
for p in $(seq 1 "$BENCH_QUERY_PASSES"); do
    cat "$work/q20.txt" >>"$work/queries.txt"
done
nrun=$(wc -l <"$work/queries.txt" | tr -d ' ')
for idx in six en1; do
    "$pc" batch --db "$work/idx-$idx" -n 10 --input "$work/queries.txt" \
        >/dev/null
done
for r in $(seq 1 "$BENCH_RUNS"); do
    for idx in six en1; do
        timed "query-$idx" "$r" "$pc" batch --db "$work/idx-$idx" -n 10 \
            --input "$work/queries.txt"
    done
done
echo
echo "## Queries with no language: $nq English queries" \
     "(tests/judged/lang-queries.tsv) x $BENCH_QUERY_PASSES passes," \
     "one \`pilcrow batch -n 10\`"
echo
echo "| index | files | wall s | CPU s | ms per query (wall)" \
     "| vs English alone (wall) |"
echo "|---|---|---|---|---|---|"
e_w=$(median query-en1 3)
for idx in en1 six; do
    w=$(median "query-$idx" 3)
    c=$(median "query-$idx" 4)
    case $idx in
    six) name="six languages"; n=$(ls "$work/six" | wc -l) ;;
    *) name="English alone"; n=$(ls "$work/en" | wc -l) ;;
    esac
    awk -v name="$name" -v n="$n" -v w="$w" -v c="$c" -v q="$nrun" \
        -v ew="$e_w" 'BEGIN {
        printf "| %s | %d | %.2f | %.2f | %.2f | %s |\n", name, n, w, c,
            1000 * w / q, (ew > 0 ? sprintf("%.2f", w / ew) : "n/a") }'
done
echo
echo "Wall and CPU times come from /usr/bin/time -v, 0.01 s resolution;" \
     "raw runs in $runs${gone:-}."
