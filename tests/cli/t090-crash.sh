#!/bin/sh
# pilcrow index under failure: a write error (the file size limit
# standing in for a full disk) and SIGKILL at any moment leave the
# index searchable at its last commit, and the next run completes it.
. "$(dirname "$0")/lib.sh"

# Kill timings and a 300-document tree mean nothing at valgrind's pace;
# the ASan build runs this test.
[ -z "${PILCROW_VALGRIND:-}" ] || skip_all "timing test, not run under valgrind"

report=$CORPUS/international-migration-and-development-1997.txt

# A tree of N documents: the corpus report, each with its own first
# line so every file is a distinct document.
make_tree() {
    mkdir -p "$1"
    i=1
    while [ "$i" -le "$2" ]; do
        { echo "Document number $i of the crash test."; echo;
          cat "$report"; } >"$1/doc-$i.txt"
        i=$((i + 1))
    done
}

# documents and records of index $1, as "D R".
counts() {
    "$PILCROW" --db "$1" stats --json |
        sed -n 's/.*"documents":\([0-9]*\),"records":\([0-9]*\).*/\1 \2/p'
}

make_tree tree 300
index_corpus clean tree
want=$(counts clean)

begin_subtest 'a write error: clear message, exit 2, index still usable'
# With SIGXFSZ ignored, writes past the limit fail with EFBIG, as on a
# full disk.  The limit lets the first commits through.
(trap '' XFSZ; ulimit -f 4096; exec "$PILCROW" --db full index --quiet tree) \
    >OUT 2>ERR
status=$?
expect_exit 2
expect_file_match ERR '^pilcrow: index: .*File too large'
expect_equal "$(wc -l <ERR | tr -d ' ')" 1
run "$PILCROW" --db full search migrants
expect_match "$status" '^[01]$'
run "$PILCROW" --db full index --quiet tree
expect_exit 0
expect_equal "$(counts full)" "$want"

begin_subtest 'SIGKILL at any moment: searchable after, completed by the next run'
for delay in 0.2 0.5 0.9 1.4 2; do
    "$PILCROW" --db killed index --quiet tree >/dev/null 2>&1 &
    pid=$!
    bg_pids=$pid
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    bg_pids=
    if [ -d killed ]; then
        run "$PILCROW" --db killed search migrants
        expect_match "$status" '^[01]$'
        run "$PILCROW" --db killed stats
        expect_exit 0
    fi
done
run "$PILCROW" --db killed index --quiet tree
expect_exit 0
expect_equal "$(counts killed)" "$want"
"$PILCROW" --db clean search -n 1000 --tsv 'Puebla' | cut -f 3- | sort >want.out
"$PILCROW" --db killed search -n 1000 --tsv 'Puebla' | cut -f 3- | sort >got.out
expect_equal "$(cmp want.out got.out && echo same)" same

test_done
