#!/bin/sh
# pilcrow batch: stdin, --input, gzip input, errors that do not stop the
# batch, CRLF, long lines, TSV, and a co-process talking line by line.
. "$(dirname "$0")/lib.sh"

report=$CORPUS/international-migration-and-development-1997.txt
index_corpus idx "$report" "$CLI_DATA/report.md"
printf 'migration\nlanterns\nrights of migrants\n' >queries.txt

begin_subtest 'queries on stdin: one JSON line each, in order'
run sh -c '"$1" --db idx batch <queries.txt' sh "$PILCROW"
expect_exit 0
expect_equal "$(wc -l <OUT | tr -d ' ')" 3
expect_equal "$(wc -c <ERR | tr -d ' ')" 0
expect_match "$(sed -n 1p OUT)" '^\{"qid":1,"query":"migration","total":[1-9][0-9]*,"total_exact":(true|false),"hits":\[\{"rank":1,"score":'
expect_match "$(sed -n 2p OUT)" '^\{"qid":2,"query":"lanterns","total":[1-9][0-9]*,"total_exact":(true|false),"hits":\[\{"rank":1,.*"doc":"report"'
expect_match "$(sed -n 3p OUT)" '^\{"qid":3,"query":"rights of migrants",'
if have_python; then
    python3 - OUT <<'PY' || fail "batch lines are not what search --json gives"
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    obj = json.loads(line)
    assert list(obj) == ["qid", "query", "total", "total_exact", "hits"], list(obj)
    assert obj["qid"] == n
    assert 0 < len(obj["hits"]) <= 10 and obj["total"] >= len(obj["hits"])
    assert [h["rank"] for h in obj["hits"]] == list(range(1, len(obj["hits"]) + 1))
PY
    "$PILCROW" --db idx search --json migration >search.json
    sed -n 1p OUT | python3 -c '
import json, sys
hits = json.loads(sys.stdin.read())["hits"]
lines = [json.loads(l) for l in open("search.json", encoding="utf-8")]
sys.exit(0 if hits == lines else 1)' || fail "hits differ from search --json"
fi
cp OUT stdin.out

begin_subtest '--input FILE gives the same'
run "$PILCROW" --db idx batch --input queries.txt
expect_exit 0
expect_equal "$(cat OUT)" "$(cat stdin.out)"

begin_subtest 'gzip input, as --input and on stdin'
gzip -c queries.txt >queries.txt.gz
run "$PILCROW" --db idx batch --input queries.txt.gz
expect_exit 0
expect_equal "$(cat OUT)" "$(cat stdin.out)"
run sh -c '"$1" --db idx batch <queries.txt.gz' sh "$PILCROW"
expect_exit 0
expect_equal "$(cat OUT)" "$(cat stdin.out)"

begin_subtest 'a truncated gzip input is an error naming the line'
head -c 30 queries.txt.gz >cut.gz
run "$PILCROW" --db idx batch --input cut.gz
expect_exit 2
expect_file_match ERR '^pilcrow: batch: cut\.gz:[0-9]+: truncated gzip input$'

begin_subtest 'an empty line gets an error object; the batch goes on; exit 2'
printf 'migration\n\nlanterns\n' >with-empty.txt
run "$PILCROW" --db idx batch --input with-empty.txt
expect_exit 2
expect_equal "$(wc -l <OUT | tr -d ' ')" 3
expect_equal "$(sed -n 2p OUT)" '{"qid":2,"query":"","error":"empty query"}'
expect_match "$(sed -n 3p OUT)" '^\{"qid":3,"query":"lanterns","total":'
expect_equal "$(cat ERR)" "pilcrow: batch: with-empty.txt:2: empty query"

begin_subtest 'a query that cannot be parsed gets an error object'
printf 'migration\nnosuch:x\nlanterns\n' >with-bad.txt
run sh -c '"$1" --db idx batch <with-bad.txt' sh "$PILCROW"
expect_exit 2
expect_equal "$(wc -l <OUT | tr -d ' ')" 3
expect_equal "$(sed -n 2p OUT)" \
    '{"qid":2,"query":"nosuch:x","error":"column 1: unknown field '"'nosuch'"' (fields: doc, kind, section, symbol, cites, year, lang, organ, session, agenda, type, date, family)"}'
expect_match "$(sed -n 3p OUT)" '^\{"qid":3,"query":"lanterns","total":'
expect_equal "$(cat ERR)" \
    "pilcrow: batch: <stdin>:2: column 1: unknown field 'nosuch' (fields: doc, kind, section, symbol, cites, year, lang, organ, session, agenda, type, date, family)"

begin_subtest 'CRLF line ends and a last line without newline'
printf 'migration\r\nlanterns' >crlf.txt
run "$PILCROW" --db idx batch --input crlf.txt
expect_exit 0
expect_equal "$(wc -l <OUT | tr -d ' ')" 2
expect_match "$(sed -n 1p OUT)" '^\{"qid":1,"query":"migration","total"'
expect_match "$(sed -n 2p OUT)" '^\{"qid":2,"query":"lanterns","total"'

begin_subtest 'a 200 KB line is read whole'
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "migration "; print "lanterns" }' \
    >long.txt
run "$PILCROW" --db idx batch --input long.txt
expect_equal "$(wc -l <OUT | tr -d ' ')" 1
if have_python; then
    python3 -c '
import json, sys
obj = json.loads(open("OUT", encoding="utf-8").read())
sys.exit(0 if len(obj["query"]) == 20000 * 10 + 8 else 1)' \
        || fail "the query was cut"
fi

begin_subtest '-n and --tsv'
run "$PILCROW" --db idx batch -n 2 --tsv --input queries.txt
expect_exit 0
expect_equal "$(wc -l <OUT | tr -d ' ')" 6
expect_equal "$(awk -F '\t' 'NF != 8' OUT | wc -l | tr -d ' ')" 0
expect_equal "$(cut -f 1,2 OUT | tr '\t\n' ': ')" "1:1 1:2 2:1 2:2 3:1 3:2 "
run "$PILCROW" --db idx batch -n 1 --tsv-header --input queries.txt
expect_exit 0
expect_equal "$(head -n 1 OUT)" "$(printf 'qid\trank\tscore\tdocument\tanchor\tkind\tpage\tsnippet')"
expect_equal "$(wc -l <OUT | tr -d ' ')" 4

begin_subtest 'a suggestion where a word is wanting, as documents write it'
printf 'migrnts\ninternational migraton\nmigration\n' >typos.txt
run "$PILCROW" --db idx batch -n 1 --input typos.txt
expect_exit 0
expect_file_match OUT '^\{"qid":1,"query":"migrnts","total":0,"total_exact":true,"suggestion":"migrants","hits":\[\]\}$'
expect_file_match OUT '^\{"qid":2,"query":"international migraton",.*"partial":true,"suggestion":"international migration","hits":'
expect_file_no_match OUT '^\{"qid":3,.*"suggestion"'

begin_subtest 'a missing --input file'
run "$PILCROW" --db idx batch --input no-such-file
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: batch: cannot open no-such-file: No such file or directory"

if have_python; then
    begin_subtest 'co-process: one query in, one line out, at once'
    cat >coproc.py <<'PY'
import json, signal, subprocess, sys
signal.alarm(20)            # A batch that waits for more input hangs.
p = subprocess.Popen([sys.argv[1], "--db", "idx", "batch"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
for qid, query in enumerate(["migration", "lanterns", "", "migrants"], 1):
    p.stdin.write((query + "\n").encode())
    p.stdin.flush()
    obj = json.loads(p.stdout.readline())
    assert obj["qid"] == qid and obj["query"] == query, obj
    print(qid, "error" if "error" in obj else len(obj["hits"]))
p.stdin.close()
assert p.stdout.read() == b""
print("exit", p.wait())
PY
    run python3 coproc.py "$PILCROW"
    expect_exit 0
    expect_equal "$(tr '\n' ' ' <OUT)" "1 10 2 4 3 error 4 10 exit 2 "
fi

test_done
