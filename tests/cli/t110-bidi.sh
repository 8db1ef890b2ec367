#!/bin/sh
# Bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
# U+2066-U+2069) from documents, file names and queries never reach the
# terminal raw: text and TSV output and messages replace them with
# U+FFFD, as they do ESC and C1; JSON escapes them as \uXXXX.
. "$(dirname "$0")/lib.sh"

# The twelve controls in UTF-8, one a line, for grep -F -f.
printf '\330\234\n\342\200\216\n\342\200\217\n\342\200\252\n\342\200\253\n\342\200\254\n\342\200\255\n\342\200\256\n\342\201\246\n\342\201\247\n\342\201\250\n\342\201\251\n' \
    >bidi.list
all=$(tr -d '\n' <bidi.list)
rlo=$(printf '\342\200\256')
fffd=$(printf '\357\277\275')

# FILE holds none of the controls.
expect_no_bidi() {
    if grep -F -q -f bidi.list "$1"; then
        fail "$1 holds a raw bidirectional control:"
        grep -F -f bidi.list "$1" | head -3 | od -c | head -5 | sed 's/^/    /'
    fi
}

mkdir -p docs
# U+202E in the file name turns "...txt.exe" around on a terminal.  In
# the text, the reader drops all but U+061C (pdftotext's marks around
# right-to-left runs); U+061C reaches the printers.
name="report${rlo}txt.exe"
printf 'Hostile text.\n\n1. The lanterns%s blink here.\n\n2. Second lanterns paragraph.\n' \
    "$all" >"docs/$name.txt"
index_corpus idx docs

begin_subtest 'search: text output replaces them'
run "$PILCROW" --db idx search --color never lanterns
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT "^report${fffd}txt\\.exe, para\\. 1\$"
expect_file_match OUT "lanterns$fffd blink"

begin_subtest 'search: TSV output replaces them'
run "$PILCROW" --db idx search --tsv lanterns
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT "	report${fffd}txt\\.exe	para\\. 1	paragraph		The lanterns$fffd blink"

begin_subtest 'search: JSON escapes them as \uXXXX'
run "$PILCROW" --db idx search --json -n 1 lanterns
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT '"doc":"report\\u202etxt\.exe"'
expect_file_match OUT '"file":"docs/report\\u202etxt\.exe\.txt"'
expect_file_match OUT '"snippet":"The lanterns\\u061c blink'

begin_subtest 'show: text and JSON'
run "$PILCROW" --db idx show "$name" 1
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT "^report${fffd}txt\\.exe, para\\. 1\$"
expect_file_match OUT "lanterns$fffd blink"
run "$PILCROW" --db idx show --json "$name" 1
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT '"text":"The lanterns\\u061c blink'

begin_subtest 'batch: JSON and TSV'
printf 'lanterns\n%s lanterns\n' "$rlo" >queries.txt
run "$PILCROW" --db idx batch --input queries.txt
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT '^\{"qid":2,"query":"\\u202e lanterns",'
run "$PILCROW" --db idx batch --tsv --input queries.txt
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT "^2	1	"

begin_subtest 'parse: text output replaces them'
run "$PILCROW" parse "docs/$name.txt"
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT "report${fffd}txt\\.exe"
run "$PILCROW" parse --json "docs/$name.txt"
expect_exit 0
expect_no_bidi OUT

begin_subtest 'messages: a file name, a query, an index path'
printf 'PK\003\004\000\000\001\002\003\000\377\376' >"docs/bin${rlo}ary.txt"
run "$PILCROW" --db idx index docs
expect_exit 0
expect_no_bidi ERR
expect_file_match ERR "^pilcrow: index: docs/bin${fffd}ary\\.txt"
rm "docs/bin${rlo}ary.txt"
# A suggestion keeps the query word's control.
run "$PILCROW" --db idx search "lantrens${rlo}x"
expect_exit 1
expect_no_bidi ERR
expect_file_match ERR "did you mean: .*${fffd}x"
printf 'foo:bar\n' >"q${rlo}.txt"
run "$PILCROW" --db idx batch --input "q${rlo}.txt"
expect_exit 2
expect_no_bidi ERR
expect_file_match ERR "^pilcrow: batch: q${fffd}\\.txt:1: "
run "$PILCROW" --db idx show "no${rlo}such" 1
expect_exit 2
expect_no_bidi ERR
expect_file_match ERR "no${fffd}such"
run "$PILCROW" --db "idx${rlo}2" stats
expect_exit 2
expect_no_bidi ERR
expect_file_match ERR "idx${fffd}2"
index_corpus "idx${rlo}3" docs
run "$PILCROW" --db "idx${rlo}3" stats
expect_exit 0
expect_no_bidi OUT
expect_file_match OUT "idx${fffd}3"

test_done
