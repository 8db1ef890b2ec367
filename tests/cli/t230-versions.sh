#!/bin/sh
# Versions (issue 20): the documents of one base symbol are one family;
# a search shows the latest text of each (Rev.N over the original, a
# corrigendum with the text it corrects, an addendum its own text) and
# names the others; --all-versions shows each.  Real families of
# un-docs-2025: S/2025/71 and its Rev.1, E/2025/15 with Add.1 and
# Add.1/Rev.1, E/2025/68's two corrigenda, E/CN.6/2025/3 and its Rev.1;
# and the original of S/2025/71 in French, whose revision is not held.
. "$(dirname "$0")/lib.sh"

src=${SHARED_CORPORA:-}/un-docs-2025/txt
[ -f "$src/S_2025_71_Rev.1.txt" ] || skip_all "no $src"
mkdir -p all/en all/fr
for f in S_2025_71 S_2025_71_Rev.1 E_2025_15 E_2025_15_Add.1 \
         E_2025_15_Add.1_Rev.1 E_2025_68_Corr.1 E_2025_68_Corr.2 \
         E_CN.6_2025_3 E_CN.6_2025_3_Rev.1 A_80_1; do
    cp "$src/$f.txt" all/en/ || exit 99
done
{ echo 'Language: fr'; cat "$src/S_2025_71.txt"; } >all/fr/S_2025_71.txt
index_corpus idx all

# The documents whose records QUERY (and options) finds, with counts.
docs_of() {
    "$PILCROW" --db idx search --json -n 100000 "$@" >docs.json
    json_docs docs.json | sort | uniq -c | awk '{print $2}' | tr '\n' ' '
}

begin_subtest 'a revision supersedes the original of its language only'
expect_equal "$(docs_of organ:SC)" 'en/S_2025_71_Rev.1 fr/S_2025_71 '
expect_equal "$(docs_of --all-versions organ:SC)" \
    'en/S_2025_71 en/S_2025_71_Rev.1 fr/S_2025_71 '

begin_subtest 'an addendum is its own text, superseded by its own revision'
expect_equal "$(docs_of organ:ECOSOC)" \
    'en/E_2025_15 en/E_2025_15_Add.1_Rev.1 en/E_2025_68_Corr.1 en/E_2025_68_Corr.2 en/E_CN.6_2025_3_Rev.1 '
expect_equal "$(docs_of --all-versions organ:ECOSOC)" \
    'en/E_2025_15 en/E_2025_15_Add.1 en/E_2025_15_Add.1_Rev.1 en/E_2025_68_Corr.1 en/E_2025_68_Corr.2 en/E_CN.6_2025_3 en/E_CN.6_2025_3_Rev.1 '

begin_subtest 'JSON: a hit names the versions of its family held'
run "$PILCROW" --db idx search --json -n 1 '"Monitoring Team" Levant lang:en'
expect_exit 0
expect_file_match OUT '"doc":"en/S_2025_71_Rev.1"'
expect_file_match OUT '"versions":\["S/2025/71","S/2025/71/Rev.1"\]\}$'
run "$PILCROW" --db idx search --json -n 1 'family:E/2025/15 kind:summary'
expect_file_match OUT '"versions":\["E/2025/15","E/2025/15/Add.1","E/2025/15/Add.1/Rev.1"\]'
run "$PILCROW" --db idx search --json -n 1 'symbol:A/80/1'
expect_exit 0
expect_file_no_match OUT '"versions"'

begin_subtest 'text output: a versions: line'
run "$PILCROW" --db idx search -n 1 '"Monitoring Team" Levant lang:en'
expect_file_match OUT '^  versions: S/2025/71, S/2025/71/Rev.1$'

begin_subtest 'totals and counts leave the superseded records out'
run "$PILCROW" --db idx search -c 'lang:en "Monitoring Team" Levant'
latest=$(cat OUT)
run "$PILCROW" --db idx search -c --all-versions \
    'lang:en "Monitoring Team" Levant'
all=$(cat OUT)
expect_equal "$latest" 2
expect_equal "$all" 4
printf '%s\n' 'lang:en "Monitoring Team" Levant' >q.txt
run "$PILCROW" --db idx batch --input q.txt
expect_file_match OUT '"total":2,'
run "$PILCROW" --db idx batch --all-versions --input q.txt
expect_file_match OUT '"total":4,'
expect_file_match OUT '"doc":"en/S_2025_71",'

begin_subtest 'a query naming a document finds every version'
expect_equal "$(docs_of symbol:S/2025/71 lang:en)" 'en/S_2025_71 '
expect_equal "$(docs_of doc:en/E_CN.6_2025_3)" 'en/E_CN.6_2025_3 '
expect_equal "$(docs_of family:S/2025/71 lang:en)" \
    'en/S_2025_71 en/S_2025_71_Rev.1 '

begin_subtest 'the index after the revision is removed: the original again'
rm all/en/S_2025_71_Rev.1.txt
run "$PILCROW" --db idx index --quiet --prune all
expect_exit 0
expect_equal "$(docs_of organ:SC)" 'en/S_2025_71 fr/S_2025_71 '

test_done
