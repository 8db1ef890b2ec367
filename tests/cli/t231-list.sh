#!/bin/sh
# pilcrow list (issue 20): the documents of an index, with field filters
# and no words; over the corpora it agrees with stats (documents and
# records).
. "$(dirname "$0")/lib.sh"

index_corpus small "$CORPUS" "$TESTDATA"

# The sum of the "records" of list --json's lines, and their number.
sums() {
    sed 's/.*"records":\([0-9]*\).*/\1/' "$1" |
        awk '{ n++; r += $1 } END { printf "%d %d", n, r }'
}
stats_of() {
    "$PILCROW" --db "$1" stats --json >stats.json
    sed 's/.*"documents":\([0-9]*\),"records":\([0-9]*\).*/\1 \2/' \
        stats.json
}

begin_subtest 'list over corpus/ and tests/data agrees with stats'
run "$PILCROW" --db small list --json
expect_exit 0
expect_equal "$(sums OUT)" "$(stats_of small)"

begin_subtest 'the table: a header, a row a document, a total'
run "$PILCROW" --db small list
expect_exit 0
expect_file_match OUT '^SYMBOL +DATE +ORGAN +TYPE +LANG +RECORDS +TITLE$'
expect_file_match OUT '^S/2025/71 +2025-02-06 +SC +letter +en +[0-9]+ +Letter dated'
docs=$("$PILCROW" --db small list --json | wc -l | tr -d ' ')
expect_file_match OUT "^$docs documents, [0-9]+ records$"

begin_subtest 'filters: organ:, type:, date: ranges, lang:'
run "$PILCROW" --db small list --json organ:SC
expect_equal "$(sed 's/^{"doc":"\([^"]*\)".*/\1/' OUT | tr '\n' ' ')" \
    'amendment compiled-statements glued-pdf-markers letter-of meta/S_2025_10_Add.31 meta/S_2025_10_Add.33 meta/S_2025_71 numbers-last-notes sc-election-resolution sc-resolution spaced-pdf-markers table-cells title-language-word '
run "$PILCROW" --db small list --json 'organ:SC type:letter'
expect_equal "$(sed 's/^{"doc":"\([^"]*\)".*/\1/' OUT | tr '\n' ' ')" \
    'compiled-statements meta/S_2025_71 numbers-last-notes '
run "$PILCROW" --db small list --json date:2025-06..2025-07
expect_file_match OUT '"doc":"meta/A_79_958",.*"date":"2025-06-23"'
expect_file_no_match OUT '"date":"2025-0[1-5]'
run "$PILCROW" --db small list --json lang:fr
expect_exit 0
expect_file_no_match OUT '"lang":"(en|es|ru|ar|zh)"'

begin_subtest 'words are refused; nothing listed is exit 1'
run "$PILCROW" --db small list migrants
expect_exit 2
expect_equal "$(cat ERR)" 'pilcrow: list: bad filter: list takes field filters only (organ:SC type:letter date:2025-01), no words'
run "$PILCROW" --db small list organ:NOSUCH
expect_exit 1
expect_equal "$(cat OUT)" ''
run "$PILCROW" --db small list nosuch:x
expect_exit 2

src=${SHARED_CORPORA:-}
if [ -d "$src/un-docs-2025/txt" ] && [ -d "$src/un-ga-resolutions-80" ]; then
    begin_subtest 'list over un-docs-2025 and the GA resolutions agrees with stats'
    index_corpus big "$src/un-docs-2025/txt" "$src/un-ga-resolutions-80"
    run "$PILCROW" --db big list --json
    expect_exit 0
    expect_equal "$(sums OUT)" "$(stats_of big)"
    run "$PILCROW" --db big list --json organ:SC type:letter
    expect_file_no_match OUT '"organ":"(GA|ECOSOC)"'
    expect_file_no_match OUT '"type":"(report|resolution)"'
fi

test_done
