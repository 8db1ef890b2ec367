#!/bin/sh
# A filter on a field a document does not state (issue 20) says how many
# documents of the index it left out, on standard error (search) and as
# "left_out" (batch), rather than hiding them in silence.
. "$(dirname "$0")/lib.sh"

index_corpus idx "$CORPUS" "$TESTDATA"

# How many documents list --json shows with FIELD null.
missing() {
    "$PILCROW" --db idx list --json | grep -c "\"$1\":null"
}
undated=$(missing date)
unorgan=$(missing organ)

begin_subtest 'the index has documents without a date or an organ'
expect_match "$undated" '^[1-9][0-9]*$'
expect_match "$unorgan" '^[1-9][0-9]*$'

begin_subtest 'search: date: and year: say how many undated documents'
run "$PILCROW" --db idx search -n 1 'date:2025-01..2025-12'
expect_exit 0
expect_equal "$(cat ERR)" \
    "pilcrow: search: date: left out $undated documents that state no date"
run "$PILCROW" --db idx search -n 1 year:1997
expect_file_match ERR "date: left out $undated documents"

begin_subtest 'batch: "left_out", one count per field filtered'
printf '%s\n' 'organ:SC date:2025' 'migrants' >q.txt
run "$PILCROW" --db idx batch --input q.txt
expect_exit 0
expect_equal "$(sed -n 1p OUT | sed 's/.*"left_out":\({[^}]*}\).*/\1/')" \
    "{\"date\":$undated,\"organ\":$unorgan}"
expect_no_match "$(sed -n 2p OUT)" 'left_out'

begin_subtest 'no filter on such a field: no note'
run "$PILCROW" --db idx search -n 1 migrants
expect_equal "$(cat ERR)" ''

test_done
