#!/bin/sh
# UN metadata (issue 20): organ, session, agenda, type, date, family, version
# and base of real documents' first pages (tests/data/meta), in JSON,
# in show, and as the filters organ:, session:, agenda:, type:.
. "$(dirname "$0")/lib.sh"

index_corpus idx "$TESTDATA/meta"

# The documents (ids) of the records QUERY finds, sorted, on one line.
docs_of() {
    "$PILCROW" --db idx search --json -n 1000 "$1" >docs.json
    json_docs docs.json | sort -u | tr '\n' ' '
}

begin_subtest 'parse --json: the metadata of a joint GA/SC letter'
run "$PILCROW" parse --json "$TESTDATA/meta/A_79_958.txt"
expect_exit 0
expect_equal "$(head -1 OUT | sed 's/.*"date"/"date"/; s/,"kind".*//')" \
    '"date":"2025-06-23","organ":"GA","session":"79","agenda":"98 (j)","agenda_title":"General and complete disarmament: implementation of the Convention on the Prohibition of the Development, Production, Stockpiling and Use of Chemical Weapons and on Their Destruction","type":"letter","version":null,"base":null'

begin_subtest 'dates the front matter prints in brackets, or with a weekday'
run "$PILCROW" parse --json "$TESTDATA/meta/A_80_1.txt"
expect_file_match OUT '"date":"2025-07-18","organ":"GA","session":"80","agenda":null,"agenda_title":null,"type":"report"'
run "$PILCROW" parse --json "$TESTDATA/meta/A_79_PV.64.txt"
expect_file_match OUT '"date":"2025-04-16","organ":"GA","session":"79","agenda":"13",'
expect_file_match OUT '"type":"record"'

begin_subtest 'a masthead broken over lines in capitals; two front pages printed over each other'
run "$PILCROW" parse --json "$TESTDATA/meta/E_CN.4_110.txt"
expect_file_match OUT '"date":null,"organ":"ECOSOC","session":"3",'
run "$PILCROW" parse --json "$TESTDATA/meta/A_CONF.230_2025_L.2.txt"
expect_file_match OUT '"date":"2025-06-09","organ":"GA","session":null,"agenda":"11",'

begin_subtest 'show --json carries the metadata from the index'
run "$PILCROW" --db idx show --json E_2025_L.9 'preamble, para. 1'
expect_exit 0
expect_file_match OUT '"date":"2025-05-30","organ":"ECOSOC","session":"2025","agenda":"19 \(a\)","agenda_title":"Economic and environmental questions: sustainable development","type":"draft","version":null,"base":null'

begin_subtest 'organ: filters by the organ, case-blind'
expect_equal "$(docs_of organ:SC)" 'S_2025_10_Add.31 S_2025_10_Add.33 S_2025_71 '
expect_equal "$(docs_of organ:sc)" 'S_2025_10_Add.31 S_2025_10_Add.33 S_2025_71 '
expect_equal "$(docs_of organ:ECOSOC)" 'E_2025_L.9 E_CN.4_110 '
expect_equal "$(docs_of 'organ:GA session:80')" 'A_80_1 A_80_116 '

begin_subtest 'session:, agenda:, type:'
expect_equal "$(docs_of session:79)" 'A_79_958 A_79_PV.64 '
expect_equal "$(docs_of agenda:98)" 'A_79_958 '
expect_equal "$(docs_of 'agenda:73 human rights')" 'A_80_116 '
expect_equal "$(docs_of type:letter)" 'A_79_958 S_2025_71 '
expect_equal "$(docs_of type:record)" 'A_79_PV.64 '
run "$PILCROW" --db idx search type:resolution
expect_exit 1

begin_subtest 'date: a range of months, a month, a day; year: over the same dates'
expect_equal "$(docs_of date:2025-01..2025-06)" 'A_79_958 A_79_PV.64 A_CONF.230_2025_L.2 E_2025_L.9 S_2025_71 '
expect_equal "$(docs_of date:2025-06)" 'A_79_958 A_CONF.230_2025_L.2 '
expect_equal "$(docs_of date:2025-07-18)" 'A_80_1 '
expect_equal "$(docs_of year:2025-04..2025-05)" 'A_79_PV.64 E_2025_L.9 '
run "$PILCROW" --db idx search date:2025-13
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: search: bad query: column 1: date: must be YYYY, YYYY-MM, YYYY-MM-DD or a range A..B"

begin_subtest 'version and base of addenda; family: finds the versions of a base'
run "$PILCROW" parse --json "$TESTDATA/meta/S_2025_10_Add.31.txt"
expect_file_match OUT '"date":"2025-08-04","organ":"SC","session":null,"agenda":null,"agenda_title":null,"type":"statement","version":"Add.31","base":"S/2025/10"'
expect_equal "$(docs_of family:S/2025/10)" 'S_2025_10_Add.31 S_2025_10_Add.33 '
expect_equal "$(docs_of family:s/2025/10)" 'S_2025_10_Add.31 S_2025_10_Add.33 '
expect_equal "$(docs_of family:A/79/958)" 'A_79_958 '

begin_subtest '--sort date and -date, in search and batch'
run "$PILCROW" --db idx search --json -n 1000 --sort date year:2025
expect_exit 0
expect_equal "$(json_docs OUT | uniq | tr '\n' ' ')" 'S_2025_71 A_79_PV.64 E_2025_L.9 A_CONF.230_2025_L.2 A_79_958 A_80_116 A_80_1 S_2025_10_Add.31 S_2025_10_Add.33 '
run "$PILCROW" --db idx search --json -n 1000 --sort -date year:2025
expect_equal "$(json_docs OUT | uniq | tr '\n' ' ')" 'S_2025_10_Add.33 S_2025_10_Add.31 A_80_1 A_80_116 A_79_958 A_CONF.230_2025_L.2 E_2025_L.9 A_79_PV.64 S_2025_71 '
printf 'organ:GA\n' >Q
run "$PILCROW" --db idx batch --tsv -n 1000 --sort -date --input Q
expect_exit 0
# TSV names a document by its symbol.
expect_equal "$(cut -f4 OUT | uniq | tr '\n' ' ')" 'A/80/1 A/80/116 A/79/958-S/2025/408 A/CONF.230/2025/L.2 A/79/PV.64 '
run "$PILCROW" --db idx search --sort size x
expect_exit 2
expect_equal "$(head -1 ERR)" "pilcrow: search: --sort needs date, -date or relevance, not 'size'"

test_done
