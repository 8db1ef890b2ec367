#!/bin/sh
# pilcrow show DOC ANCHOR: a whole record with its notes, text and JSON.
. "$(dirname "$0")/lib.sh"

report=$CORPUS/international-migration-and-development-1997.txt
index_corpus idx "$report" "$CLI_DATA/report.md"
doc=international-migration-and-development-1997

begin_subtest 'a paragraph: location, section, wrapped text, its notes'
run "$PILCROW" --db idx show "$doc" 7
expect_exit 0
expect_equal "$(sed -n 1p OUT)" "$doc, para. 7"
expect_equal "$(sed -n 2p OUT)" \
    "section II — Views of Governments regarding a United Nations conference on"
expect_equal "$(sed -n 3p OUT)" "  international migration and development"
expect_equal "$(sed -n 4p OUT)" ""
expect_match "$(sed -n 5p OUT)" '^  Among the 36 Governments'
expect_file_match OUT '^  ¹ See International Labour Office, International Labour'
expect_file_match OUT 'ratification'
if have_python; then
    python3 - OUT <<'PY' || fail "a text line is wider than 78 columns"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
sys.exit(1 if any(len(l) > 78 for l in lines[1:]) else 0)
PY
fi
cp OUT para7

begin_subtest 'anchor spellings: 7, para.7, "para. 7"'
for anchor in para.7 'para. 7'; do
    run "$PILCROW" --db idx show "$doc" "$anchor"
    expect_exit 0
    expect_equal "$(cat OUT)" "$(cat para7)"
done

begin_subtest 'a note: its text and the paragraphs citing it'
run "$PILCROW" --db idx show "$doc" note:1
expect_exit 0
expect_equal "$(sed -n 1p OUT)" "$doc, note 1"
expect_file_match OUT '^  See International Labour Office'
expect_file_match OUT '^  cited by: para\. 7$'

begin_subtest 'a summary paragraph'
run "$PILCROW" --db idx show "$doc" summary:1
expect_exit 0
expect_equal "$(sed -n 1p OUT)" "$doc, summary, para. 1"

begin_subtest 'the document symbol is the location when known'
run "$PILCROW" --db idx show report 1
expect_exit 0
expect_equal "$(sed -n 1p OUT)" "A/99/1, para. 1"
expect_equal "$(sed -n 2p OUT)" "section I — Introduction"
expect_file_match OUT "^  ¹ See the keepers' annual reports, 1998\.$"

begin_subtest '--json: the record, its text and its notes'
run "$PILCROW" --db idx show --json report 1
expect_exit 0
expect_equal "$(wc -l <OUT | tr -d ' ')" 1
expect_file_match OUT '^\{"doc":"report","symbol":"A/99/1","lang":"en","title":"[^"]*","date":(null|"[0-9]{4}-[0-9]{2}-[0-9]{2}"),"organ":(null|"[^"]*"),"session":(null|"[^"]*"),"agenda":(null|"[^"]*"),"agenda_title":(null|"[^"]*"),"type":(null|"[^"]*"),"version":(null|"[^"]*"),"base":(null|"[^"]*"),"kind":"paragraph","number":"1","printed":true,"anchor":"para\. 1","page":null,"section":"I","section_title":"Introduction","file":"[^"]*report\.md","text":"[^"]*Lighthouse keepers maintained the lanterns[^"]*","cites":\["1"\],"cited_by":\[\],"refs":\[\],"notes":\[\{"number":"1","text":"See the keepers'"'"' annual reports, 1998\."\}\]\}$'
if have_python; then
    python3 -c 'import json; json.loads(open("OUT").read())' \
        || fail "not JSON"
fi

begin_subtest 'no such record: exit 2 and a message'
run "$PILCROW" --db idx show "$doc" 999
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: show: no record 999 in $doc"
expect_equal "$(wc -c <OUT | tr -d ' ')" 0
run "$PILCROW" --db idx show no-such-doc 1
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: show: no document no-such-doc in the index"

begin_subtest 'a note cited from a preamble names the preamble paragraph'
index_corpus res "$TESTDATA/resolution.md"
run "$PILCROW" --db res show resolution 'note 1'
expect_exit 0
expect_equal "$(tail -n 1 OUT)" "  cited by: preamble, para. 1"
run "$PILCROW" --db res search -n 1 'kind:note' 169
expect_exit 0
expect_file_match OUT '^  cited by: preamble, para\. 1$'

begin_subtest 'a number the document does not print is supplied in brackets'
index_corpus speech "$TESTDATA/speech-lines.txt"
for a in '[para. 2]' 'para. 2' 2; do
    run "$PILCROW" --db speech show speech-lines "$a"
    expect_exit 0
    expect_equal "$(head -n 1 OUT)" "speech-lines, [para. 2]"
    expect_equal "$(sed -n 3p OUT)" "  We meet at a difficult time for the world."
done
run "$PILCROW" --db speech show --json speech-lines '[para. 2]'
expect_match "$(cat OUT)" '"number":"2","printed":false,"anchor":"\[para\. 2\]"'
run "$PILCROW" --db speech search -n 1 difficult time
expect_equal "$(head -n 1 OUT)" "speech-lines, [para. 2]"
run "$PILCROW" --db speech show speech-lines '[para. 2'
expect_exit 2

begin_subtest 'a supplied number is located by its page in text output'
# A letter (S/2025/71): its signature block opens page 2.
index_corpus letter "$TESTDATA/meta/S_2025_71.txt"
run "$PILCROW" --db letter search -n 1 Colin Smith Coordinator
expect_exit 0
expect_match "$(head -n 1 OUT)" '^S/2025/71, p\. 2 \[para\. 3\]$'
run "$PILCROW" --db letter show --json S_2025_71 '[para. 3]'
expect_match "$(cat OUT)" '"printed":false,"anchor":"\[para\. 3\]","page":2'

begin_subtest 'a printed number: no brackets, and its page in JSON'
# A/80/23's excerpt numbers its paragraphs from 58: printed, as 59 and
# 60 follow.
index_corpus chapters "$TESTDATA/chapters.txt"
run "$PILCROW" --db chapters search -n 1 Fourth International Decade Eradication
expect_exit 0
expect_match "$(head -n 1 OUT)" '^A/80/23, para\. 61 '
run "$PILCROW" --db chapters show --json chapters 'para. 61'
expect_match "$(cat OUT)" '"printed":true,"anchor":"para\. 61","page":4,"section":"II"'

begin_subtest 'an anchor that is not one: exit 2'
run "$PILCROW" --db idx show "$doc" banana
expect_exit 2
expect_file_match ERR '^pilcrow: show: .*banana'

test_done
