#!/bin/sh
# Exact phrases: a quoted phrase matches only the records holding its
# words in that order, the function words included (they are not
# indexed, so they are checked in each candidate's text), stemming
# still applied to the other words; =word and ="..." as written;
# --count and batch's total_exact.  On the seed report, where
# "migration and development" is written 19 times and "migration for
# development" once.
. "$(dirname "$0")/lib.sh"

index_corpus idx "$CORPUS"/*.txt
have_python || skip_all "python3 is needed to read the JSON"

# phrase_hits QUERY REGEX: every hit of QUERY (up to 100) holds REGEX in
# its text (checked with the record as 'show --json' gives it); prints
# the number of hits into N.
phrase_hits() {
    run "$PILCROW" --db idx search --json -n 100 "$1"
    expect_exit 0
    cp OUT hits
    : >texts
    while IFS= read -r line; do
        doc=$(printf '%s\n' "$line" | sed 's/.*"doc":"\([^"]*\)".*/\1/')
        anchor=$(printf '%s\n' "$line" | sed 's/.*"anchor":"\([^"]*\)".*/\1/')
        "$PILCROW" --db idx show --json "$doc" "$anchor" >>texts
    done <hits
    python3 - texts "$2" <<'PY' || fail "a hit of $1 does not hold it"
import json, re, sys
rx = re.compile(sys.argv[2], re.I)
for line in open(sys.argv[1], encoding="utf-8"):
    text = json.loads(line)["text"]
    assert rx.search(text), text[:200]
PY
    N=$(wc -l <hits)
}

begin_subtest '"migration for development": not "migration and development"'
phrase_hits '"migration for development"' 'migration\W+for\W+development'
expect_equal "$N" 1
phrase_hits '"migration and development"' 'migration\W+and\W+development'
[ "$N" -ge 15 ] || fail "only $N records for \"migration and development\""

begin_subtest 'function words at either end are checked too'
phrase_hits '"the Conference"' '\bthe\W+conference'
run "$PILCROW" --db idx search --json -n 100 conference
n_all=$(wc -l <OUT)
[ "$N" -lt "$n_all" ] || fail "\"the Conference\" found $N records, 'conference' $n_all"
phrase_hits '"conference on human"' 'conference\W+on\W+human'
phrase_hits '"conference of human"' 'conference\W+of\W+human'

begin_subtest 'stemming still applies inside a phrase'
phrase_hits '"migrations and developments"' 'migration\w*\W+and\W+development'
[ "$N" -ge 15 ] || fail "only $N records for the plural phrase"

begin_subtest 'a phrase with common words under OR or NOT: refused, its column'
msg='a phrase with common words (or =word) must be in every match: it cannot be under OR or NOT'
run "$PILCROW" --db idx search --json -n 100 '"migration for development" OR refugees'
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: search: bad query: column 1: $msg"
run "$PILCROW" --db idx search --json -n 100 'migration -"migration for development"'
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: search: bad query: column 12: $msg"
run "$PILCROW" --db idx search 'refugees OR =migrant'
expect_exit 2
expect_equal "$(cat ERR)" "pilcrow: search: bad query: column 13: $msg"
run "$PILCROW" --db idx search -c '"sustainable development" OR refugees'
expect_exit 0

begin_subtest 'a phrase no record holds: nothing, exit 1'
run "$PILCROW" --db idx search '"development for migration"'
expect_exit 1

begin_subtest '=word and ="...": as written, case and accents folded, not stemmed'
phrase_hits '=migrant' '\bmigrant\b'
n_one=$N
phrase_hits 'migrant' 'migrant'
[ "$n_one" -lt "$N" ] || fail "=migrant found $n_one records, migrant $N"
phrase_hits '=MIGRANT' '\bmigrant\b'
expect_equal "$N" "$n_one"
phrase_hits '="migration and development"' 'migration\W+and\W+development'
run "$PILCROW" --db idx search '="migrations and development"'
expect_exit 1
run "$PILCROW" --db idx search '"migrations and development"'
expect_exit 0
# Accents folded, the word not stemmed: in the French version of A/69/732.
index_corpus fidx "$TESTDATA/lang/fr/A_69_732.txt"
run "$PILCROW" --db fidx search --count '=securite'
expect_equal "$(cat OUT)" 2
run "$PILCROW" --db fidx search --count '=Sécurité'
expect_equal "$(cat OUT)" 2
run "$PILCROW" --db fidx search --count '=securites'
expect_exit 1

begin_subtest '--count: the exact number of records, phrases checked'
run "$PILCROW" --db idx search --count '"migration for development"'
expect_exit 0
expect_equal "$(cat OUT)" 1
run "$PILCROW" --db idx search --json -n 1000 migration
n_hits=$(wc -l <OUT)
run "$PILCROW" --db idx search -c migration
expect_exit 0
expect_equal "$(cat OUT)" "$n_hits"
run "$PILCROW" --db idx search --count '"development for migration"'
expect_exit 1
expect_equal "$(cat OUT)" 0
printf 'migration\n"migration for development"\n' >q
run "$PILCROW" --db idx batch -n 1 --input q
expect_exit 0
expect_file_match OUT "^\\{\"qid\":1,\"query\":\"migration\",\"total\":$n_hits,\"total_exact\":true,"
expect_file_match OUT '^\{"qid":2,"query":"\\"migration for development\\"","total":1,"total_exact":true,'

test_done
