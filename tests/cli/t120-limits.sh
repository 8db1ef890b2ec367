#!/bin/sh
# The limit on a document (64 MiB of text, once inflated): index skips
# a file past it with a warning naming it and goes on; parse refuses it
# (exit 2); a gzip bomb and /dev/zero are read no further than the
# limit, so they end at once instead of filling memory.
. "$(dirname "$0")/lib.sh"

limit=$((64 * 1024 * 1024))
msg='more than 64 MiB of text: too large for a document'

mkdir -p docs
cp "$CLI_DATA/speech.txt" docs/speech.txt
# A megabyte past the limit once inflated, about 200 KB compressed.
yes 'The lanterns of the harbour were lit at dusk.' |
    head -c $((limit + 1024 * 1024)) | gzip -1 >docs/bomb.txt.gz

begin_subtest 'parse: a gzip bomb is refused at the limit, exit 2'
run "$PILCROW" parse docs/bomb.txt.gz
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: parse: docs/bomb.txt.gz: $msg"
expect_equal "$(wc -c <OUT | tr -d ' ')" 0

begin_subtest 'parse: /dev/zero stops at the limit'
if [ -r /dev/zero ]; then
    run "$PILCROW" parse /dev/zero
    expect_exit 2
    expect_equal "$(cat ERR)" "pilcrow: parse: /dev/zero: $msg"
fi

begin_subtest 'parse: the other files are still printed'
run "$PILCROW" parse docs/bomb.txt.gz docs/speech.txt
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: parse: docs/bomb.txt.gz: $msg"
expect_file_match OUT '^speech '

begin_subtest 'index: the file past the limit is a warning; the run goes on'
run "$PILCROW" --db idx index docs
expect_exit 0
expect_file_match ERR "^pilcrow: index: docs/bomb\\.txt\\.gz: $msg\$"
expect_file_match ERR '^indexed 1 documents \([0-9]+ records\), skipped 0 unchanged, 1 warnings in'
run "$PILCROW" --db idx search --tsv lanterns
expect_exit 0
expect_equal "$(cut -f 3 OUT | sort -u)" "speech"

begin_subtest 'index: the next run warns again and keeps the rest'
run "$PILCROW" --db idx index docs
expect_exit 0
expect_file_match ERR "^pilcrow: index: docs/bomb\\.txt\\.gz: $msg\$"
expect_file_match ERR '^indexed 0 documents \(0 records\), skipped 1 unchanged, 1 warnings in'

test_done
