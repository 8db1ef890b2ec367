#!/bin/sh
# Citations: the refs of records, cites: as a filter, a symbol typed in
# any of its written forms, a symbol: filter naming no document held.
. "$(dirname "$0")/lib.sh"

report=international-migration-and-development-1997
index_corpus idx "$CORPUS" "$TESTDATA/sc-resolution.txt" \
    "$CLI_DATA/sc-letter.txt"

begin_subtest 'the seed report: refs in normal form, in order'
run "$PILCROW" --db idx show --json international-migration-and-development-1997 'para. 2'
expect_exit 0
expect_file_match OUT '"refs":\["E/1995/69","A/RES/50/123"\]'
run "$PILCROW" --db idx show --json international-migration-and-development-1997 'note *'
expect_file_match OUT '"refs":\["A/52/150","A/52/150/Corr\.1"\]'

begin_subtest 'cites: finds the records citing a resolution, in any form'
for q in 'cites:A/RES/50/123' 'cites:"General Assembly resolution 50/123"' \
         'cites:50/123' 'cites:a/res/50/123'; do
    run "$PILCROW" --db idx search --tsv -n 20 "$q"
    expect_exit 0
    expect_equal "$(cut -f3-5 OUT | tr '\t\n' ': ')" \
        "$report:summary, para. 1:summary $report:para. 2:paragraph "
done

begin_subtest 'a symbol typed in its forms: the document, then citing records'
for q in 'S/RES/2779 (2025)' 'S/RES/2779(2025)' 'S/RES/2779' \
         'resolution 2779 (2025)' '"Security Council resolution 2779 (2025)"'; do
    run "$PILCROW" --db idx search --tsv -n 100 "$q"
    expect_exit 0
    # Every record of the resolution first, then the letter's two.
    n=$(grep -c '	S/RES/2779 (2025)	' OUT)
    expect_equal "$(head -n "$n" OUT | grep -vc '	S/RES/2779 (2025)	')" 0
    expect_equal "$(tail -n +"$((n + 1))" OUT | cut -f3,4 | tr '\t\n' ': ')" \
        "S/2025/999:[para. 1] S/2025/999:[para. 2] "
done

begin_subtest 'the letter cites the resolution as the Council wrote it'
run "$PILCROW" --db idx search --json 'cites:"S/RES/2625 (2022)"'
expect_exit 0
expect_file_match OUT '"refs":\["S/RES/2779 \(2025\)","S/RES/2567 \(2021\)","S/RES/2625 \(2022\)"\]'

begin_subtest 'symbol: naming no document held says so'
run "$PILCROW" --db idx search 'symbol:"S/RES/9999 (2025)" mandate'
expect_exit 1
expect_equal "$(cat ERR)" \
    "pilcrow: search: no document in the index has the symbol S/RES/9999 (2025)"
run "$PILCROW" --db idx search --tsv 'symbol:"S/RES/2779 (2025)" mandate'
expect_exit 0
expect_equal "$(cut -f3 OUT | sort -u)" "S/RES/2779 (2025)"
printf '%s\n' 'symbol:S/RES/9999 mandate' | "$PILCROW" --db idx batch >OUT
expect_file_match OUT '^\{"qid":1,"query":"symbol:S/RES/9999 mandate","total":0,"total_exact":true,"unknown_symbol":"S/RES/9999","hits":\[\]\}$'

begin_subtest 'cites: with nothing to cite is a bad query'
run "$PILCROW" --db idx search 'cites:mandate'
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: search: bad query: column 1: cites: needs a document symbol such as A/RES/50/123"

begin_subtest 'pilcrow cites: the citing records by document, with sentences'
run "$PILCROW" --db idx cites 'resolution 2779 (2025)'
expect_exit 0
expect_equal "$(sed -n 1,2p OUT)" "S/RES/2779 (2025): cited by 2 records of 1 document
by year: 2025 2"
expect_equal "$(sed -n 4p OUT | cut -c1-12)" "S/2025/999 ("
expect_equal "$(sed -n 5,7p OUT)" "  [para. 1]
    I have the honour to refer to Security Council resolution 2779 (2025), by
    which the Council extended the mandate of the United Nations Mission in"
run "$PILCROW" --db idx cites --json 50/123
expect_exit 0
expect_file_match OUT '^\{"cited":"A/RES/50/123","records":2,"documents":1,"years":\{"1997":2\},"citing":\[\{"doc":"international-migration-and-development-1997",'
expect_file_match OUT '"records":\[\{"anchor":"summary, para\. 1","page":[0-9null]+,"sentence":"[^"]*by resolution 50/123[^"]*"\}'

begin_subtest 'pilcrow cites: nothing cites it, or it is no symbol'
run "$PILCROW" --db idx cites S/RES/9999
expect_exit 1
expect_equal "$(wc -c <OUT | tr -d ' ')" 0
run "$PILCROW" --db idx cites mandate
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: cites: 'mandate' is not a document symbol (such as A/RES/50/123 or S/RES/2719 (2023))"
run "$PILCROW" --db idx cites
expect_exit 2
expect_equal "$(sed -n 1p ERR)" "pilcrow: cites: no symbol given"

begin_subtest 'pilcrow refs: what a document cites, and where it is held'
run "$PILCROW" --db idx refs sc-letter
expect_exit 0
expect_equal "$(cat OUT)" "sc-letter: 3 documents cited

S/RES/2779 (2025) (sc-resolution)
  [para. 1]; [para. 2]

S/RES/2567 (2021) (not in the index)
  [para. 2]

S/RES/2625 (2022) (not in the index)
  [para. 2]"
run "$PILCROW" --db idx refs --json "$report"
expect_exit 0
expect_file_match OUT '^\{"doc":"international-migration-and-development-1997","symbol":null,"refs":\[\{"ref":"A/RES/50/123","held_by":null,"records":\["summary, para\. 1","para\. 2"\]\},'
expect_file_match OUT '\{"ref":"A/52/150/Corr\.1","held_by":null,"records":\["note \*"\]\}'
run "$PILCROW" --db idx refs nosuch
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: refs: no document nosuch in the index"

begin_subtest 'pilcrow graph: the citation graph in DOT and JSON'
run "$PILCROW" --db idx graph --from 'resolution 2779 (2025)'
expect_exit 0
expect_equal "$(cat OUT)" 'digraph citations {
    rankdir=LR;
    node [shape=box, fontname="Helvetica", fontsize=10];
    "S/2025/999" -> "S/RES/2779 (2025)" [label="2", weight=2];
}'
run "$PILCROW" --db idx graph --format json
expect_exit 0
expect_file_match OUT '"edges":\[\{"from":"international-migration-and-development-1997","to":"A/RES/50/123","records":2\},'
expect_file_match OUT '\{"from":"S/2025/999","to":"S/RES/2625 \(2022\)","records":1\}'
run "$PILCROW" --db idx graph --from S/RES/9999
expect_exit 1
run "$PILCROW" --db idx graph --format svg
expect_exit 2
expect_equal "$(sed -n 1p ERR)" "pilcrow: graph: --format needs dot or json, not 'svg'"

test_done
