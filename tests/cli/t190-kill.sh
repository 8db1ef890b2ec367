#!/bin/sh
# SIGKILL at random moments: 10 kills of a fresh build (shards, merge,
# rename), 10 of an incremental run that adds, replaces and prunes, and
# 6 runs in a row killed without a rerun between them.
# After each kill the index opens and searches, nothing is left that
# the next run trips on, and a rerun completes to exactly the records
# of an uninterrupted run; a killed fresh build never leaves a partial
# index at DIR.  The moments come from a seed printed first, so a
# failure can be replayed (PILCROW_KILL_SEED).
. "$(dirname "$0")/lib.sh"

# Kill timings mean nothing at valgrind's pace; the ASan build runs it.
[ -z "${PILCROW_VALGRIND:-}" ] || skip_all "timing test, not run under valgrind"

report=$CORPUS/international-migration-and-development-1997.txt
seed=${PILCROW_KILL_SEED:-$(date +%s)}
echo "seed $seed"

# Document I of the tests: the report under its own first line.
make_doc() {
    { echo "Document number $1 of the kill test."; echo; cat "$report"; } \
        >"$2"
}

mkdir tree
i=1
while [ "$i" -le 8 ]; do
    make_doc "$i" "tree/doc-$i.txt"
    i=$((i + 1))
done

# Milliseconds since the epoch.
now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# documents and records of index $1, as "D R".
counts() {
    "$PILCROW" --db "$1" stats --json |
        sed -n 's/.*"documents":\([0-9]*\),"records":\([0-9]*\).*/\1 \2/p'
}

# N delays in seconds, uniform in [0, 0.7 MS] milliseconds, from the
# seed: most runs of MS milliseconds are killed.
delays() {
    awk -v seed="$seed$3" -v n="$1" -v ms="$2" 'BEGIN {
        srand(seed)
        for (i = 0; i < n; i++)
            printf "%.3f\n", rand() * 0.7 * ms / 1000
    }'
}

# Kill "pilcrow --db $1 index ARGS..." after $2 seconds (it may have
# ended already: then $hit is 0).
kill_index_after() {
    db=$1 delay=$2
    shift 2
    "$PILCROW" --db "$db" index --quiet "$@" >/dev/null 2>&1 &
    pid=$!
    bg_pids=$pid
    sleep "$delay"
    hit=0
    kill -9 "$pid" 2>/dev/null && { n_kills=$((n_kills + 1)); hit=1; }
    wait "$pid" 2>/dev/null
    bg_pids=
}

# A quarter of delay $1: the next try after a run that ended before its
# kill.  The reference runs are timed once, on a machine that may be
# busy then and idle after, so a run can be much faster than its
# reference; trying again sooner keeps the kills from depending on it.
sooner() {
    awk -v d="$1" 'BEGIN { printf "%.3f\n", d / 4 }'
}

# After a kill: index $1 opens and searches, or is not there at all.
check_killed() {
    if [ -e "$1" ]; then
        run "$PILCROW" --db "$1" search migrants
        expect_match "$status" '^[01]$'
        run "$PILCROW" --db "$1" stats
        expect_exit 0
    fi
}

# The reference: an uninterrupted fresh build, timed.
t0=$(now_ms)
index_corpus clean tree
fresh_ms=$(($(now_ms) - t0))
want=$(counts clean)
n_kills=0

begin_subtest 'a fresh build killed 10 times: clean restart each time'
for delay in $(delays 20 "$fresh_ms" 1); do
    [ "$n_kills" -lt 10 ] || break
    rm -rf killed killed.shards killed.new
    kill_index_after killed "$delay" tree
    if [ "$hit" = 0 ]; then
        rm -rf killed killed.shards killed.new
        kill_index_after killed "$(sooner "$delay")" tree
    fi
    check_killed killed
    # Never a partial index: empty until the merged one takes its place.
    if [ -e killed ]; then
        expect_match "$(counts killed)" "^(0 0|$want)\$"
    fi
    run "$PILCROW" --db killed index --quiet tree
    expect_exit 0
    expect_equal "$(counts killed)" "$want"
    expect_equal "$(ls -d killed.* 2>/dev/null)" ""
done

# The incremental runs: an index of the first 6 documents and of 2
# that are then removed; each run adds 2, replaces 2 and prunes 2.
mkdir inc
cp tree/doc-[1-6].txt inc/
make_doc "gone 1" inc/gone-1.txt
make_doc "gone 2" inc/gone-2.txt
index_corpus base inc
rm inc/gone-*.txt
cp tree/doc-7.txt tree/doc-8.txt inc/
for i in 1 2; do
    { cat "tree/doc-$i.txt"; echo; echo "100. A paragraph added later."; } \
        >"inc/doc-$i.txt"
done
index_corpus clean-new inc
want_new=$(counts clean-new)
t0=$(now_ms)
rm -rf timed
cp -r base timed
"$PILCROW" --db timed index --quiet --prune inc >/dev/null 2>&1
incr_ms=$(($(now_ms) - t0))

begin_subtest 'an incremental run killed 10 times: completed by a rerun'
for delay in $(delays 20 "$incr_ms" 2); do
    [ "$n_kills" -lt 20 ] || break
    rm -rf killed
    cp -r base killed
    kill_index_after killed "$delay" --prune inc
    if [ "$hit" = 0 ]; then
        rm -rf killed
        cp -r base killed
        kill_index_after killed "$(sooner "$delay")" --prune inc
    fi
    check_killed killed
    run "$PILCROW" --db killed index --quiet --prune inc
    expect_exit 0
    expect_equal "$(counts killed)" "$want_new"
done

begin_subtest 'killed one run after another, the last one completes it'
rm -rf killed
cp -r base killed
for delay in $(delays 6 "$incr_ms" 3); do
    kill_index_after killed "$delay" --prune inc
    check_killed killed
done
run "$PILCROW" --db killed index --quiet --prune inc
expect_exit 0
expect_equal "$(counts killed)" "$want_new"
"$PILCROW" --db clean-new search -n 1000 --tsv 'Puebla' | cut -f 3- |
    sort >want.out
"$PILCROW" --db killed search -n 1000 --tsv 'Puebla' | cut -f 3- |
    sort >got.out
expect_equal "$(cmp want.out got.out && echo same)" same

begin_subtest 'at least 20 of the runs were killed before they ended'
echo "  $n_kills kills (fresh build ${fresh_ms} ms, incremental ${incr_ms} ms)"
expect_match "$n_kills" '^(2[0-9]|3[0-9])$'

test_done
