#!/bin/sh
# bench/shards.sh: sharded indexes (issue 17).  Called by `make
# bench-shards`; see bench/README.md.
#
# 1. Build: un-docs-2025 (else the corpus given as BENCH_SHARDS_CORPUS)
#    indexed into a new index with one worker (`index -j 1`, compacted
#    at the end), as one shard (`--shards 1`) and as two shards
#    (`--shards 2`, a worker each), BENCH_RUNS times interleaved, under
#    /usr/bin/time.  Prints the median wall and CPU seconds of each and
#    the speed of --shards 2 against -j 1 and --shards 1 (issue 17 asks
#    for >= 1.7 on 2 free cores).
# 2. Queries: the queries of bench/queries.tsv (their text column)
#    through one `pilcrow batch -n 10` over one index (the -j 1 build),
#    over the two shards as a stub of "auto" lines, and over the same two
#    shards served by two xapian-tcpsrv on 127.0.0.1 (a stub of
#    "remote" lines), BENCH_RUNS times interleaved after a warm-up of
#    each.  Prints the median wall seconds, ms per query, and the ratios
#    to one index.
#
# Environment (all optional; `make bench-shards` sets the program):
#   BENCH_RUNS           runs per figure (default 3)
#   BENCH_WORK           work directory (default: a temporary directory)
#   SHARED_CORPORA       the shared corpora (default ../shared/corpora)
#   BENCH_SHARDS_CORPUS  the documents to index (default un-docs-2025)
#   BENCH_SHARDS_QUERIES how many queries (default all 1100)
#   PILCROW              the program measured (default: pilcrow)
#   PILCROW_LIBDIR       prepended to LD_LIBRARY_PATH
# Raw figures, one run a line, go to $BENCH_WORK/shards/runs.tsv.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${BENCH_RUNS:=3}"
: "${BENCH_SHARDS_QUERIES:=1100}"
if [ -z "${SHARED_CORPORA:-}" ]; then
    SHARED_CORPORA=${BENCH_DEFAULT_CORPORA:-$here/../../shared/corpora}
fi
corpus=${BENCH_SHARDS_CORPUS:-$SHARED_CORPORA/un-docs-2025/txt}
pc=${PILCROW:-pilcrow}

missing=
[ -x /usr/bin/time ] || missing="$missing /usr/bin/time"
[ -d "$corpus" ] || missing="$missing $corpus"
command -v "$pc" >/dev/null 2>&1 || missing="$missing $pc"
command -v xapian-tcpsrv >/dev/null 2>&1 || missing="$missing xapian-tcpsrv"
if [ -n "$missing" ]; then
    echo "bench-shards: missing:$missing" >&2
    exit 2
fi
if [ -n "${PILCROW_LIBDIR:-}" ]; then
    LD_LIBRARY_PATH=$PILCROW_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
fi

if [ -n "${BENCH_WORK:-}" ]; then
    work=$BENCH_WORK/shards
    rm -rf "$work"
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/pilcrow-shards.XXXXXX")
fi
runs=$work/runs.tsv
: >"$runs"
servers=
stop_servers() {
    for p in $servers; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    servers=
}
trap stop_servers EXIT

# timed WHAT CMD...: run CMD under /usr/bin/time, append "WHAT run wall
# cpu" to the runs.
run_no=0
timed() {
    what=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null \
        2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r wall user sys <"$work/time"
    printf '%s\t%s\t%s\t%s\n' "$what" "$run_no" "$wall" \
        "$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')" >>"$runs"
}

# median WHAT COLUMN: the median of COLUMN (3 wall, 4 cpu) of WHAT's runs.
median() {
    awk -F '\t' -v what="$1" -v c="$2" '$1 == what { print $c }' "$runs" |
        sort -n | awk '{ v[NR] = $1 }
            END { if (NR == 0) print "nan";
                  else if (NR % 2) print v[(NR + 1) / 2];
                  else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b;
                                     else print "nan" }'
}

files=$(find "$corpus" -type f | wc -l | tr -d ' ')
mb=$(du -sk "$corpus" | awk '{ printf "%.1f", $1 / 1024 }')
echo "corpus: $corpus ($files files, $mb MB); runs: $BENCH_RUNS," \
     "interleaved; medians; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Builds.
i=1
while [ "$i" -le "$BENCH_RUNS" ]; do
    run_no=$i
    for how in j1 s1 s2; do
        rm -rf "$work/$how"
        case $how in
        j1) timed "$how" "$pc" --db "$work/$how" index --quiet -j 1 "$corpus" ;;
        s1) timed "$how" "$pc" --db "$work/$how" index --quiet --shards 1 "$corpus" ;;
        s2) timed "$how" "$pc" --db "$work/$how" index --quiet --shards 2 "$corpus" ;;
        esac
    done
    i=$((i + 1))
done
records=$("$pc" --db "$work/j1" stats --json |
          sed 's/.*"records":\([0-9]*\).*/\1/')
echo
echo "build                 wall s   cpu s   index MB"
for how in j1 s1 s2; do
    size=$(du -sk "$work/$how" | awk '{ printf "%.1f", $1 / 1024 }')
    printf '%-20s %7s %7s %10s\n' "$how" "$(median $how 3)" \
        "$(median $how 4)" "$size"
done
for k in 0 1; do
    n=$("$pc" --db "$work/s2/shard$k" stats --json |
        sed 's/.*"records":\([0-9]*\).*/\1/')
    size=$(du -sk "$work/s2/shard$k" | awk '{ printf "%.1f", $1 / 1024 }')
    echo "  s2/shard$k: $n records, $size MB"
done
echo "records: $records"
echo "--shards 2 against -j 1:       $(ratio "$(median j1 3)" "$(median s2 3)")x"
echo "--shards 2 against --shards 1: $(ratio "$(median s1 3)" "$(median s2 3)")x"

# 2. Queries.
cut -f2 "$here/queries.tsv" | head -n "$BENCH_SHARDS_QUERIES" >"$work/queries"
nq=$(wc -l <"$work/queries" | tr -d ' ')
printf 'auto s2/shard0\nauto s2/shard1\n' >"$work/local.stub"
start_server() {
    port=$(( 20000 + ($$ * 7 + $1) % 30000 ))
    tries=0
    while [ $tries -lt 20 ]; do
        : >"$work/srv.log"
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$2" \
            >"$work/srv.log" 2>&1 &
        pid=$!
        n=0
        while [ $n -lt 50 ] && ! grep -q Listening "$work/srv.log"; do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
            n=$((n + 1))
        done
        if grep -q Listening "$work/srv.log" && kill -0 "$pid" 2>/dev/null
        then
            servers="$servers $pid"
            return 0
        fi
        kill "$pid" 2>/dev/null || true
        port=$((port + 1))
        tries=$((tries + 1))
    done
    echo "bench-shards: cannot start xapian-tcpsrv" >&2
    exit 1
}
start_server 0 "$work/s2/shard0"
p0=$port
start_server 1 "$work/s2/shard1"
p1=$port
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p0" "$p1" \
    >"$work/remote.stub"
for db in j1 local.stub remote.stub; do      # warm-up
    "$pc" --db "$work/$db" batch -n 10 <"$work/queries" >/dev/null
done
i=1
while [ "$i" -le "$BENCH_RUNS" ]; do
    run_no=$i
    for db in j1 local.stub remote.stub; do
        timed "q-$db" "$pc" --db "$work/$db" batch -n 10 \
            --input "$work/queries"
    done
    i=$((i + 1))
done
echo
echo "queries ($nq, batch -n 10)   wall s   ms/query   against one index"
one=$(median q-j1 3)
for db in j1 local.stub remote.stub; do
    w=$(median "q-$db" 3)
    printf '%-28s %7s %10s %8sx\n' "$db" "$w" \
        "$(awk -v w="$w" -v n="$nq" 'BEGIN { printf "%.2f", w * 1000 / n }')" \
        "$(ratio "$w" "$one")"
done
stop_servers
