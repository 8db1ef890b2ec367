#!/bin/sh
# Searches and a batch co-process while index runs commit: 8 runs that
# add, replace and prune documents, each committing.  Every search
# succeeds and sees a committed state: whole documents only, so the
# number of records matching is a multiple of one document's.
. "$(dirname "$0")/lib.sh"

[ -z "${PILCROW_VALGRIND:-}" ] || skip_all "timing test, not run under valgrind"

report=$CORPUS/international-migration-and-development-1997.txt

# Document $1 as file $2: the report under its own first line.
make_doc() {
    { echo "Document number $1 of the concurrency test."; echo;
      cat "$report"; } >"$2"
}

mkdir tree
for i in 1 2 3 4 5 6; do
    make_doc "$i" "tree/doc-$i.txt"
done
index_corpus one tree/doc-1.txt
per_doc=$("$PILCROW" --db one search --count Puebla)
index_corpus idx tree

# The writer: 8 runs, each adding two documents, replacing one and
# pruning one, then a flag file when done.
(
    n=7
    for round in 1 2 3 4 5 6 7 8; do
        make_doc "$n" "tree/doc-$n.txt"
        make_doc "$((n + 1))" "tree/doc-$((n + 1)).txt"
        make_doc "replaced $round" "tree/doc-$((n - 3)).txt"
        rm -f "tree/doc-$((n - 6)).txt"
        "$PILCROW" --db idx index --quiet --prune tree >>writer.err 2>&1 ||
            echo "round $round failed" >>writer.err
        n=$((n + 2))
    done
    touch writer.done
) &
bg_pids=$!

mkfifo queries
"$PILCROW" --db idx batch <queries >batch.out 2>batch.err &
bg_pids="$bg_pids $!"
exec 3>queries

n_search=0 n_bad=0 n_batch=0
while [ ! -e writer.done ]; do
    status=0
    got=$("$PILCROW" --db idx search --count Puebla 2>>search.err) ||
        status=$?
    n_search=$((n_search + 1))
    if [ "$status" -ne 0 ] || [ $((got % per_doc)) -ne 0 ]; then
        n_bad=$((n_bad + 1))
        echo "search $n_search: exit $status, $got records" >>search.err
    fi
    echo 'Puebla migrants' >&3
    n_batch=$((n_batch + 1))
done
exec 3>&-
wait

begin_subtest 'the index runs all succeeded'
expect_equal "$(cat writer.err)" ""

begin_subtest 'every search succeeded and saw whole documents'
echo "  $n_search searches, $n_batch batch queries during 8 runs"
expect_equal "$n_bad" 0
expect_equal "$(cat search.err)" ""
expect_match "$n_search" '^[1-9]'

begin_subtest 'every batch query was answered, none failed'
expect_equal "$(wc -l <batch.out | tr -d ' ')" "$n_batch"
expect_equal "$(grep -c '"error"' batch.out)" 0
expect_equal "$(grep -c '"total":[1-9]' batch.out)" "$n_batch"
expect_equal "$(cat batch.err)" ""

begin_subtest 'the last state has the last documents'
run "$PILCROW" --db idx stats --json
expect_file_match OUT '"documents":14,'

test_done
