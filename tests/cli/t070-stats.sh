#!/bin/sh
# pilcrow stats: the size of an index, text and JSON.
. "$(dirname "$0")/lib.sh"

report=$CORPUS/international-migration-and-development-1997.txt
index_corpus idx "$report" "$CLI_DATA/report.md" "$CLI_DATA/speech.txt"

begin_subtest '--json: path, documents, records, terms, bytes'
run "$PILCROW" --db idx stats --json
expect_exit 0
expect_file_match OUT '^\{"path":"idx","documents":3,"records":[0-9]+,"terms":[0-9]+,"bytes":[0-9]+,"languages":\{"en":[0-9]+\}\}$'
records=$(sed 's/.*"records":\([0-9]*\).*/\1/' OUT)
bytes=$(sed 's/.*"bytes":\([0-9]*\).*/\1/' OUT)
expect_equal "$records" \
    "$("$PILCROW" parse --json "$report" "$CLI_DATA/report.md" "$CLI_DATA/speech.txt" | wc -l | tr -d ' ')"
expect_match "$bytes" '^[1-9][0-9]{3,}$'

begin_subtest 'text: the same figures'
run "$PILCROW" stats --db idx
expect_exit 0
expect_equal "$(sed -n 1p OUT)" "index:     idx"
expect_equal "$(sed -n 2p OUT)" "documents: 3"
expect_equal "$(sed -n 3p OUT)" "records:   $records"
expect_match "$(sed -n 4p OUT)" '^terms:     [1-9][0-9]*$'
expect_equal "$(sed -n 5p OUT)" "bytes:     $bytes"

begin_subtest 'PILCROW_DB names the index'
status=0
PILCROW_DB=idx "$PILCROW" stats --json >OUT 2>ERR || status=$?
expect_exit 0
expect_file_match OUT '"documents":3,'

test_done
