#!/bin/sh
# Exit statuses and exact messages of the error paths: usage errors,
# missing or foreign index directories, bad and hostile queries.
. "$(dirname "$0")/lib.sh"

begin_subtest 'no command: usage on stderr, exit 2'
run "$PILCROW"
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: no command given"
expect_file_match ERR '^usage: pilcrow \[--db DIR\] .*COMMAND'
expect_equal "$(wc -c <OUT | tr -d ' ')" 0

begin_subtest 'unknown command'
run "$PILCROW" frobnicate
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: unknown command 'frobnicate'"
expect_file_match ERR '^ +pilcrow search '

begin_subtest 'unknown global option'
run "$PILCROW" --frob search x
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: unknown option '--frob'"

begin_subtest 'unknown command option'
run "$PILCROW" search --frob x
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: search: unknown option '--frob'"
expect_equal "$(sed -n 2p ERR)" \
    "usage: pilcrow search [--db DIR] [-n N] [--offset K] [--json | --tsv | --tsv-header] [--color WHEN] [--lang CODE] [--count] [--parallel] [--sort ORDER] [--all-versions] QUERY..."
expect_equal "$(sed -n 3p ERR)" "Try 'pilcrow search --help' for more."

begin_subtest 'control characters in messages are not written raw'
run "$PILCROW" search "--x$(printf '\033')[2J"
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: search: unknown option '--x�[2J'"

begin_subtest 'option value missing'
run "$PILCROW" search -n
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: search: option '-n' needs a value"

begin_subtest 'bad -n value'
run "$PILCROW" search -n ten x
expect_exit 2
expect_equal "$(head -n 1 ERR)" \
    "pilcrow: search: -n needs a number from 1 to 100000, not 'ten'"

run "$PILCROW" search --offset=-1 x
expect_exit 2
expect_equal "$(head -n 1 ERR)" \
    "pilcrow: search: --offset needs a number from 0 to 1000000, not '-1'"

begin_subtest 'bad --color value'
run "$PILCROW" search --color=sometimes x
expect_exit 2
expect_equal "$(head -n 1 ERR)" \
    "pilcrow: search: --color needs auto, always or never, not 'sometimes'"

begin_subtest 'unexpected operand'
run "$PILCROW" stats extra
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: stats: unexpected argument 'extra'"

begin_subtest 'search without a query'
run "$PILCROW" search
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: search: no query given"

begin_subtest 'empty query'
run "$PILCROW" --db "$TMP/nope" search "  "
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: search: empty query"

begin_subtest 'index without paths'
run "$PILCROW" index
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: index: no file or directory given"

begin_subtest 'show needs two operands'
run "$PILCROW" show doc
expect_exit 2
expect_equal "$(head -n 1 ERR)" "pilcrow: show: needs a document and an anchor"

begin_subtest '--help and --version go to stdout, exit 0'
run "$PILCROW" --help
expect_exit 0
expect_file_match OUT '^  search +search the index'
run "$PILCROW" search --help
expect_exit 0
expect_file_match OUT '^usage: pilcrow search '
expect_file_match OUT '--color WHEN'
run "$PILCROW" help batch
expect_exit 0
expect_file_match OUT '^usage: pilcrow batch '
run "$PILCROW" --version
expect_exit 0
expect_file_match OUT '^pilcrow [0-9]+\.[0-9]+\.[0-9]+ \(library [0-9.]+\)$'

for cmd in search stats show batch; do
    begin_subtest "$cmd: --db at a missing directory names it, exit 2"
    case $cmd in
        search) set -- search word ;;
        show) set -- show doc 1 ;;
        *) set -- "$cmd" ;;
    esac
    status=0
    "$PILCROW" --db "$TMP/no-such-index" "$@" </dev/null >OUT 2>ERR \
        || status=$?
    expect_exit 2
    expect_equal "$(wc -l <ERR | tr -d ' ')" 1
    expect_equal "$(cat ERR)" \
        "pilcrow: $cmd: no index at $TMP/no-such-index (run 'pilcrow index' first)"
    expect_equal "$(wc -c <OUT | tr -d ' ')" 0
done

begin_subtest '--db after the command, at a plain directory'
mkdir -p plain
echo hello >plain/notes.txt
run "$PILCROW" stats --db "$TMP/plain"
expect_exit 2
expect_equal "$(wc -l <ERR | tr -d ' ')" 1
expect_equal "$(cat ERR)" \
    "pilcrow: stats: $TMP/plain is not a pilcrow index"

begin_subtest 'PILCROW_DB is the default index'
status=0
PILCROW_DB=$TMP/env-index "$PILCROW" stats >OUT 2>ERR || status=$?
expect_exit 2
expect_file_match ERR "$TMP/env-index"

begin_subtest 'XDG_DATA_HOME, then HOME, give the default index'
status=0
XDG_DATA_HOME=$TMP/xdg "$PILCROW" stats >OUT 2>ERR || status=$?
expect_exit 2
expect_file_match ERR "$TMP/xdg/pilcrow/index"
run "$PILCROW" stats
expect_exit 2
expect_file_match ERR "$HOME/.local/share/pilcrow/index"

index_corpus idx "$CLI_DATA/report.md"

begin_subtest 'a bad query: exit 2, the column and the problem'
run "$PILCROW" --db idx search 'nosuch:x'
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: search: bad query: column 1: unknown field 'nosuch' (fields: doc, kind, section, symbol, cites, year, lang, organ, session, agenda, type, date, family)"
expect_equal "$(wc -c <OUT | tr -d ' ')" 0
run "$PILCROW" --db idx search 'lanterns )'
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: search: bad query: column 10: unmatched ')'"

begin_subtest 'an unclosed quote is read as closed'
run "$PILCROW" --db idx search '"lighthouse keepers'
expect_exit 0
expect_file_match OUT '^A/99/1, para\. 1 '

begin_subtest 'a 10 KB query does not crash'
long=$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "lanterns "; }')
run "$PILCROW" --db idx search "$long"
expect_match "$status" '^[012]$'
expect_file_no_match ERR 'Segmentation|Aborted|internal error'
long=$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "w%d ", i; }')
run "$PILCROW" --db idx search -- "$long"
expect_match "$status" '^[012]$'
expect_file_no_match ERR 'internal error'

begin_subtest 'a query that is not UTF-8: exit 2, the byte'
# "caf\351" (Latin-1) used to be searched as "caf".
run "$PILCROW" --db idx search "$(printf 'lantern\377\376s \300\200')"
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: search: bad query: query is not UTF-8 at byte 8"
run "$PILCROW" --db idx search --json "$(printf 'caf\351')"
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: search: bad query: query is not UTF-8 at byte 4"

# Regression (reliability issue, items 1 and 2): a prefix that folds
# to nothing spun for ever; 60,000 '(' overflowed the stack.
begin_subtest 'a star after nothing foldable: an error at once, no loop'
for q in "$(printf '\302\255*')" "$(printf '\342\200\215*')"; do
    run timeout 20 "$PILCROW" --db idx search "$q"
    expect_exit 2
    expect_equal "$(cat ERR)" \
        "pilcrow: search: bad query: query has no words to search for"
done
run timeout 20 "$PILCROW" --db idx search "$(printf '\377*')"
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: search: bad query: query is not UTF-8 at byte 1"
printf '\302\255*\nlanterns\n' >star.txt
run timeout 20 "$PILCROW" --db idx batch --input star.txt
expect_exit 2
expect_equal "$(sed -n 1p OUT)" \
    "$(printf '{"qid":1,"query":"\302\255*","error":"query has no words to search for"}')"
expect_match "$(sed -n 2p OUT)" '^\{"qid":2,"query":"lanterns","total":[1-9]'

begin_subtest 'limits: nesting depth, number of terms, length'
deep=$(awk 'BEGIN { for (i = 0; i < 100; i++) printf "("; print "lanterns" }')
run "$PILCROW" --db idx search "$deep"
expect_exit 0
expect_file_match OUT '^A/99/1, para\. '
run "$PILCROW" --db idx search "($deep"
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: search: bad query: column 101: parentheses nested deeper than 100"
deep=$(awk 'BEGIN { for (i = 0; i < 60000; i++) printf "("; print "lanterns" }')
printf '%s\nlanterns\n' "$deep" >deep.txt
run timeout 20 "$PILCROW" --db idx batch --input deep.txt
expect_exit 2
expect_match "$(sed -n 1p OUT)" '"error":"column 101: parentheses nested deeper than 100"}$'
expect_match "$(sed -n 2p OUT)" '^\{"qid":2,"query":"lanterns","total":[1-9]'
many=$(awk 'BEGIN { for (i = 0; i < 1024; i++) printf "w%d ", i; }')
run "$PILCROW" --db idx search -- "$many"
expect_match "$status" '^[01]$'
run "$PILCROW" --db idx search -- "$many lanterns"
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: search: bad query: column 5036: more than 1024 terms"
long=$(awk 'BEGIN { for (i = 0; i < 16384; i++) printf "the "; print "x" }')
run "$PILCROW" --db idx search -- "$long"
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: search: bad query: column 65537: query longer than 65536 bytes"

# Regression (reliability issue, item 4): the engine's own message,
# doubled and without a column.
begin_subtest 'a phrase or a prefix inside NEAR: refused with its column'
run "$PILCROW" --db idx search '"lighthouse keepers" NEAR/3 lanterns'
expect_exit 2
expect_equal "$(cat ERR)" \
    "pilcrow: search: bad query: column 1: NEAR works on words, not on phrases, prefixes (word*) or groups"
run "$PILCROW" --db idx search 'lanterns NEAR keep*'
expect_exit 2
expect_file_match ERR '^pilcrow: search: bad query: column 15: NEAR works on words'

begin_subtest 'a query of only punctuation'
run "$PILCROW" --db idx search '...'
expect_match "$status" '^[12]$'

test_done
