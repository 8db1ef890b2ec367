#!/bin/sh
# The EXAMPLES of pilcrow(1), run as written (doc/conventions.md T8), with the
# default index under the test's private HOME.
. "$(dirname "$0")/lib.sh"

cp -r "$CORPUS" corpus
mkdir -p "$HOME/un-documents/sub"
cp "$CLI_DATA/report.md" "$HOME/un-documents/"
cp "$CLI_DATA/speech.txt" "$HOME/un-documents/sub/"

begin_subtest 'pilcrow index corpus (the default index)'
run "$PILCROW" index corpus
expect_exit 0
expect_file_match ERR '^indexed 2 documents \([0-9]+ records\), skipped 0 unchanged, 0 warnings in [0-9.]+ s$'
expect_equal "$(ls -d "$HOME/.local/share/pilcrow/index")" \
    "$HOME/.local/share/pilcrow/index"

begin_subtest 'pilcrow search rights of migrants'
run "$PILCROW" search rights of migrants
expect_exit 0
expect_file_match OUT '^international-migration-and-development-1997, para\. [0-9]+'

begin_subtest 'pilcrow search 49/127'
run "$PILCROW" search 49/127
expect_exit 0
expect_file_match OUT '^international-migration-and-development-1997, para\. 1 '

begin_subtest 'pilcrow search --json kind:note conference'
run "$PILCROW" search --json kind:note conference
expect_exit 0
expect_file_match OUT '^\{"rank":1,.*"kind":"note"'

begin_subtest 'pilcrow cites A/RES/50/123'
run "$PILCROW" cites A/RES/50/123
expect_exit 0
expect_equal "$(sed -n 1p OUT)" \
    "A/RES/50/123: cited by 2 records of 1 document"

begin_subtest 'pilcrow search cites:50/123 conference'
run "$PILCROW" search cites:50/123 conference
expect_exit 0
expect_file_match OUT '^international-migration-and-development-1997, summary, para\. 1'

begin_subtest 'pilcrow show international-migration-and-development-1997 7'
run "$PILCROW" show international-migration-and-development-1997 7
expect_exit 0
expect_file_match OUT '^  ¹ See International Labour Office'

begin_subtest 'pilcrow batch --input queries.txt.gz > answers.jsonl'
printf 'migration\nrefugees\n' | gzip -c >queries.txt.gz
status=0
"$PILCROW" batch --input queries.txt.gz >answers.jsonl 2>ERR || status=$?
expect_exit 0
expect_equal "$(wc -l <answers.jsonl | tr -d ' ')" 2

if have_python; then
    begin_subtest 'the co-process example'
    cat >coproc.py <<PY
import json, subprocess
from subprocess import PIPE
p = subprocess.Popen(["$PILCROW", "batch"], stdin=PIPE, stdout=PIPE)
p.stdin.write(b"migration\n"); p.stdin.flush()
answer = json.loads(p.stdout.readline())
print(answer["qid"], len(answer["hits"]))
p.stdin.close()
p.wait()
PY
    run python3 coproc.py
    expect_exit 0
    expect_equal "$(cat OUT)" "1 10"
fi

begin_subtest 'index -j 4, then --prune, then stats'
run "$PILCROW" --db ~/un index -j 4 ~/un-documents
expect_exit 0
expect_file_match ERR '^indexed 2 documents'
rm "$HOME/un-documents/sub/speech.txt"
run "$PILCROW" --db ~/un index --prune ~/un-documents
expect_exit 0
expect_file_match ERR 'skipped 1 unchanged, pruned 1, 0 warnings'
run "$PILCROW" --db ~/un stats
expect_exit 0
expect_equal "$(sed -n 2p OUT)" "documents: 1"

test_done
