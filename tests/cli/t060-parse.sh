#!/bin/sh
# pilcrow parse FILE...: the records the indexer would see, no index.
. "$(dirname "$0")/lib.sh"

report=$CORPUS/international-migration-and-development-1997.txt

begin_subtest '--json: one object a record with every field'
run "$PILCROW" parse --json "$report"
expect_exit 0
expect_equal "$(wc -c <ERR | tr -d ' ')" 0
expect_file_match OUT '^\{"doc":"international-migration-and-development-1997","symbol":(null|"[^"]*"),"lang":"en","title":"[^"]*","date":(null|"[0-9]{4}-[0-9]{2}-[0-9]{2}"),"organ":(null|"[^"]*"),"session":(null|"[^"]*"),"agenda":(null|"[^"]*"),"agenda_title":(null|"[^"]*"),"type":(null|"[^"]*"),"version":(null|"[^"]*"),"base":(null|"[^"]*"),"kind":"(paragraph|summary|note)","number":"[^"]+","printed":(true|false),"annex":(null|"[^"]*"),"anchor":"[^"]+","page":(null|[0-9]+),"section":"[^"]*","section_title":"[^"]*","file":"[^"]+","text":".*","cites":\[[^]]*\],"cited_by":\[[^]]*\],"refs":\[[^]]*\]\}$'
expect_equal "$(grep -c '"kind":"paragraph"' OUT)" 55
expect_equal "$(grep -c '"kind":"note"' OUT)" 9

begin_subtest 'paragraph 2 joined across its page break'
line=$(grep '"anchor":"para\. 2"' OUT)
expect_match "$line" 'Permanent Representatives to the United Nations whose Governments had not provided their views'
if have_python; then
    python3 - OUT <<'PY' || fail "records are not valid JSON"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
p2 = [r for r in recs if r["anchor"] == "para. 2"][0]
assert "whose Governments had not provided their views" in p2["text"]
assert p2["section"] == "I" and p2["date"] == "1997-09-18", p2
p7 = [r for r in recs if r["anchor"] == "para. 7"][0]
assert p7["cites"] == ["1"], p7["cites"]
n1 = [r for r in recs if r["anchor"] == "note 1"][0]
assert "7" in n1["cited_by"], n1["cited_by"]
PY
fi

begin_subtest 'the listing: one line a record, under the document'
run "$PILCROW" parse "$CLI_DATA/report.md"
expect_exit 0
expect_equal "$(sed -n 1p OUT)" \
    "report (A/99/1): Test fixture for the pilcrow command-line tests — 6 records"
expect_file_match OUT '^para\. 1 \[I\] Lighthouse keepers maintained'
expect_file_match OUT '^note 2 .*Reykjavik'
expect_file_match OUT '^summary, para\. 1 '

begin_subtest 'a file that fails is reported; the others go on; exit 2'
printf '\000\001\002binary\000' >binary.txt
run "$PILCROW" parse --json binary.txt "$CLI_DATA/speech.txt" no-such.txt
expect_exit 2
expect_file_match ERR '^pilcrow: parse: .*binary\.txt'
expect_file_match ERR '^pilcrow: parse: .*no-such\.txt'
expect_file_match OUT '"doc":"speech"'

begin_subtest 'a gzip file parses as its text'
gzip -c "$CLI_DATA/report.md" >report.md.gz
"$PILCROW" parse --json "$CLI_DATA/report.md" | sed 's/"file":"[^"]*"//' >plain
run "$PILCROW" parse --json report.md.gz
expect_exit 0
expect_equal "$(sed 's/"file":"[^"]*"//' OUT)" "$(cat plain)"

test_done
