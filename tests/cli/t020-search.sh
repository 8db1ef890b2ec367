#!/bin/sh
# pilcrow search on corpus/: text, JSON and TSV output, highlights,
# phrases, symbols, filters, paging, colour, nothing found.
. "$(dirname "$0")/lib.sh"

report=$CORPUS/international-migration-and-development-1997.txt

index_corpus idx "$report" "$CLI_DATA/report.md"
doc=international-migration-and-development-1997
esc=$(printf '\033')

begin_subtest 'words: ranked blocks with real anchors'
run "$PILCROW" --db idx search rights of migrants
expect_exit 0
expect_equal "$(wc -c <ERR | tr -d ' ')" 0
blocks=$(grep -c "^$doc, " OUT)
expect_match "$blocks" '^([5-9]|10)$'
expect_equal "$(head -n 1 OUT | grep -Ec "^$doc, (para\. [0-9]+|summary, para\. [0-9]+|note [0-9]+)( — .*)?$")" 1
# Snippets are indented by two spaces, blocks separated by one blank.
expect_match "$(sed -n 2p OUT)" '^  [^ ]'
expect_equal "$(grep -c '^$' OUT)" "$((blocks - 1))"
expect_file_no_match OUT "$esc"

begin_subtest 'text lines fit in 78 columns'
if have_python; then
    python3 - OUT <<'PY' || fail "a line is wider than 78 columns"
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    if len(line.rstrip("\n")) > 78:
        print("  too wide:", line.rstrip("\n"))
        sys.exit(1)
PY
fi

begin_subtest 'section title in the first line'
run "$PILCROW" --db idx search -n 1 views of governments regarding a conference
expect_exit 0
expect_match "$(head -n 1 OUT)" "^$doc, para\. [0-9]+ — "

begin_subtest '--json: one object a line, the fields of pilcrow(1), OUTPUT, JSON'
run "$PILCROW" --db idx search --json -n 5 migration
expect_exit 0
expect_equal "$(wc -l <OUT | tr -d ' ')" 5
expect_file_match OUT '^\{"rank":1,"score":[0-9.]+,"doc":"[^"]+","symbol":(null|"[^"]*"),"lang":"en","title":"[^"]*","date":(null|"[0-9]{4}-[0-9]{2}-[0-9]{2}"),"organ":(null|"[^"]*"),"session":(null|"[^"]*"),"agenda":(null|"[^"]*"),"agenda_title":(null|"[^"]*"),"type":(null|"[^"]*"),"version":(null|"[^"]*"),"base":(null|"[^"]*"),"kind":"(paragraph|summary|note)","number":"[^"]+","printed":(true|false),"anchor":"[^"]+","page":(null|[0-9]+),"section":"[^"]*","section_title":"[^"]*","file":"[^"]+","snippet":".*","highlights":\[(\[[0-9]+,[0-9]+\],?)*\],"cites":\[[^]]*\],"cited_by":\[[^]]*\],"refs":\[[^]]*\]\}$'
if have_python; then
    python3 - OUT <<'PY' || fail "JSON lines or highlights are wrong"
import json, sys
keys = ["rank", "score", "doc", "symbol", "lang", "title", "date", "organ",
        "session", "agenda", "agenda_title", "type", "version", "base",
        "kind", "number",
        "printed", "anchor", "page", "section", "section_title", "file",
        "snippet",
        "highlights", "cites", "cited_by", "refs"]
ranks = []
for line in open(sys.argv[1], encoding="utf-8"):
    hit = json.loads(line)
    assert list(hit) == keys, list(hit)
    # The report prints its paragraph numbers; summary paragraphs are
    # counted.
    assert hit["printed"] == (hit["kind"] != "summary"), hit
    assert hit["anchor"].startswith("[") != hit["printed"] or \
        hit["kind"] == "summary", hit
    ranks.append(hit["rank"])
    snippet = hit["snippet"].encode("utf-8")
    assert hit["highlights"], "no highlight in %r" % hit["snippet"]
    for start, end in hit["highlights"]:
        word = snippet[start:end].decode("utf-8").lower()
        assert word.startswith("migra"), (word, hit["snippet"])
assert ranks == list(range(1, len(ranks) + 1)), ranks
PY
fi

begin_subtest '--tsv: rank, score, document, anchor, kind, page, snippet'
run "$PILCROW" --db idx search --tsv -n 3 migration
expect_exit 0
expect_equal "$(wc -l <OUT | tr -d ' ')" 3
expect_equal "$(awk -F '\t' 'NF != 7' OUT | wc -l | tr -d ' ')" 0
expect_equal "$(cut -f 1 OUT | tr '\n' ' ')" "1 2 3 "
expect_equal "$(cut -f 3 OUT | sort -u)" "$doc"
expect_file_match OUT "^1	[0-9]+\.[0-9]+	$doc	(para\. [0-9]+|summary, para\. [0-9]+|note [0-9*]+)	(paragraph|summary|note)	[0-9]*	"
# The anchor as printed: an annex's paragraph is not the body's.
index_corpus aidx "$TESTDATA/repeated-annex.txt"
run "$PILCROW" --db aidx search --tsv -n 100 'annex*'
expect_file_match OUT "	annex[^	]*, \[?para\. [0-9]+\]?	paragraph	"
run "$PILCROW" --db idx search --tsv-header -n 1 migration
expect_exit 0
expect_equal "$(head -n 1 OUT)" "$(printf 'rank\tscore\tdocument\tanchor\tkind\tpage\tsnippet')"
expect_equal "$(wc -l <OUT | tr -d ' ')" 2

begin_subtest 'a phrase'
run "$PILCROW" --db idx search --json '"technical symposium"'
expect_exit 0
expect_file_match OUT '"snippet":"[^"]*technical symposium'
if have_python; then
    python3 - OUT <<'PY' || fail "phrase words not highlighted"
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    hit = json.loads(line)
    s = hit["snippet"].encode("utf-8")
    words = " ".join(s[a:b].decode("utf-8").lower()
                     for a, b in hit["highlights"])
    assert "technical" in words and "symposium" in words, words
PY
fi

begin_subtest 'a resolution number as written finds para. 1'
run "$PILCROW" --db idx search 49/127
expect_exit 0
expect_equal "$(head -n 1 OUT)" "$doc, para. 1 — Introduction"

begin_subtest 'kind:note gives notes, with the paragraphs citing them'
run "$PILCROW" --db idx search --json kind:note conference
expect_exit 0
expect_file_no_match OUT '"kind":"(paragraph|summary)"'
expect_file_match OUT '"kind":"note"'
run "$PILCROW" --db idx search kind:note conference
expect_file_match OUT '^  cited by: para\. [0-9]+'

begin_subtest 'a paragraph citing notes lists them'
run "$PILCROW" --db idx search -n 3 '"lighthouse keepers"'
expect_exit 0
expect_equal "$(head -n 1 OUT)" "A/99/1, para. 1 — Introduction"
expect_file_match OUT '^  notes: 1$'

begin_subtest 'doc: filter'
run "$PILCROW" --db idx search --json -n 100 doc:report lanterns
expect_exit 0
expect_equal "$(json_docs OUT | sort -u)" "report"
run "$PILCROW" --db idx search --tsv -n 100 "doc:$doc" lanterns
expect_exit 1

begin_subtest 'paging with -n and --offset'
"$PILCROW" --db idx search --tsv -n 4 migration | cut -f 1,3,4 >four
run "$PILCROW" --db idx search --tsv -n 2 --offset 2 migration
expect_exit 0
expect_equal "$(cut -f 1,3,4 OUT)" "$(sed -n 3,4p four)"

begin_subtest 'nothing found: exit 1, nothing on stdout'
run "$PILCROW" --db idx search zyxwvutsrq
expect_exit 1
expect_equal "$(wc -c <OUT | tr -d ' ')" 0
run "$PILCROW" --db idx search --json zyxwvutsrq
expect_exit 1
expect_equal "$(wc -c <OUT | tr -d ' ')" 0

begin_subtest 'a misspelling gets a suggestion on stderr'
run "$PILCROW" --db idx search goverments
expect_exit 1
expect_equal "$(cat ERR)" "pilcrow: search: no results; did you mean: governments"
run "$PILCROW" --db idx search --json goverments
expect_exit 1
expect_equal "$(cat ERR)" ""

begin_subtest '-word excludes, as a query term after the others'
run "$PILCROW" --db idx search --tsv -n 100 lanterns -keepers
expect_file_no_match OUT '	report	paragraph	1	'

begin_subtest '--color always / never; NO_COLOR does not override always'
run "$PILCROW" --db idx search --color always -n 1 migration
expect_file_match OUT "$esc\\[1;31m[Mm]igra"
expect_file_match OUT "$esc\\[0m"
status=0
NO_COLOR=1 "$PILCROW" --db idx search --color=always -n 1 migration \
    >OUT 2>ERR || status=$?
expect_file_match OUT "$esc\\[1;31m"
run "$PILCROW" --db idx search --color never -n 1 migration
expect_file_no_match OUT "$esc"

if have_python && python3 -c 'import pty' 2>/dev/null; then
    begin_subtest 'on a terminal: colour, unless NO_COLOR is set'
    cat >ptyrun.py <<'PY'
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
def drain(timeout):
    global out
    while select.select([fd], [], [], timeout)[0]:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        out += data
drain(None)
os.waitpid(pid, 0)
# Linux hands the last bytes to the master asynchronously: the read
# can fail with EIO before they arrive, so look once more.
drain(0.5)
sys.stdout.write("colour\n" if b"\x1b[1;31m" in out else "plain\n")
PY
    expect_equal "$(python3 ptyrun.py "$PILCROW" --db idx search -n 1 migration)" colour
    expect_equal "$(NO_COLOR=1 python3 ptyrun.py "$PILCROW" --db idx search -n 1 migration)" plain
    expect_equal "$(NO_COLOR= python3 ptyrun.py "$PILCROW" --db idx search -n 1 migration)" colour
fi

begin_subtest 'words of the section heading and the title weigh in'
# The same sentence three times: under a heading holding the word
# looked for, it ranks first, and in a document whose title holds it,
# first too; otherwise the first indexed would (equal scores go in
# index order).  A heading or title never makes a paragraph match.
index_corpus fidx "$CLI_DATA/harbour-pilots.md" "$CLI_DATA/crossing-the-bar.md"
run "$PILCROW" --db fidx search --tsv tides
expect_exit 0
expect_equal "$(cut -f3,4 OUT | head -n 1)" "$(printf 'A/99/2\tpara. 2')"
expect_equal "$(wc -l <OUT | tr -d ' ')" 3
run "$PILCROW" --db fidx search --tsv crossing
expect_exit 0
expect_equal "$(cut -f3,4 OUT | head -n 1)" "$(printf 'A/99/3\tpara. 1')"
run "$PILCROW" --db fidx search --tsv harbour
expect_exit 0
expect_equal "$(cut -f3,4 OUT)" "$(printf 'A/99/2\tpara. 3')"

begin_subtest 'control characters in documents never reach the terminal'
mkdir -p ctl
printf 'Hostile text.\n\n1. The lanterns \033[2J\033]0;owned\007 blink \302\233 here.\n' \
    >ctl/hostile.txt
index_corpus cidx ctl
run "$PILCROW" --db cidx search --color never lanterns
expect_exit 0
expect_file_no_match OUT "$esc"
expect_file_no_match OUT "$(printf '\007')"
expect_file_no_match OUT "$(printf '\302\233')"
expect_file_match OUT "$(printf '\357\277\275')"
run "$PILCROW" --db cidx search --tsv lanterns
expect_file_no_match OUT "$esc"
run "$PILCROW" --db cidx search --json lanterns
expect_file_no_match OUT "$esc"
expect_file_match OUT '\\u009b'

test_done
