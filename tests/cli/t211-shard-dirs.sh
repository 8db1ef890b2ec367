#!/bin/sh
# Local shards: index --shards N (a stub DIR/XAPIANDB and DIR/shardK),
# stub files of "auto PATH" lines, a directory of shards without a
# stub; each searched as one index holding the same records.  Re-index
# touches the shard of the changed file only; --prune; compact merges
# the shards; writes to a stub are refused; bad stub files are one-line
# errors, exit 2.
. "$(dirname "$0")/lib.sh"

mkdir src
cp -R "$CORPUS"/*.txt "$CLI_DATA"/* src/
cp -R "$TESTDATA/parallel" src/parallel
resolutions=$SHARED_CORPORA/un-ga-resolutions-80/md
[ -d "$resolutions" ] && cp -R "$resolutions" src/resolutions
index_corpus one src

queries='migrants
human rights of migrants
"rights of migrants"
pilots OR harbour
migra*
international -migration
"sustainable development"
General Assembly resolution
lang:fr droits
=migrant'

# Each query's top 10 (TSV) over $1 compared with one index.
same_as_one() {
    printf '%s\n' "$queries" | while IFS= read -r q; do
        "$PILCROW" --db one search --tsv -n 10 "$q" >a 2>/dev/null
        "$PILCROW" --db "$1" search --tsv -n 10 "$q" >b 2>&1
        cmp -s a b || { echo "query: $q"; diff a b | head -4; }
    done
}

begin_subtest 'index --shards 2 writes a stub and two shards'
run "$PILCROW" --db sh index --shards 2 src
expect_exit 0
expect_equal "$(cat sh/XAPIANDB)" "auto shard0
auto shard1"
[ -f sh/shard0/iamglass ] && [ -f sh/shard1/iamglass ] || fail "no shards"
"$PILCROW" --db sh/shard0 stats --json >s0
"$PILCROW" --db sh/shard1 stats --json >s1
expect_no_match "$(cat s0)" '"records":0,'
expect_no_match "$(cat s1)" '"records":0,'

begin_subtest 'the sharded directory searches as one index'
expect_equal "$(same_as_one sh)" ""

begin_subtest 'stats over shards are the sums'
"$PILCROW" --db one stats --json | sed 's/"path":"[^"]*",//;s/"bytes":[0-9]*,//' >a
"$PILCROW" --db sh stats --json | sed 's/"path":"[^"]*",//;s/"bytes":[0-9]*,//;s/"shards":2,//' >b
cmp -s a b || fail "stats differ: $(cat a b)"

begin_subtest 'a stub file of auto lines, relative and absolute'
printf '# two shards\nauto sh/shard0\n\nauto %s/sh/shard1\n' "$TMP" >local.stub
expect_equal "$(same_as_one local.stub)" ""

begin_subtest 'a directory of shards without a stub'
mkdir bare
cp -R sh/shard0 bare/a
cp -R sh/shard1 bare/b
expect_equal "$(same_as_one bare)" ""

begin_subtest 'show, cites, refs over shards'
doc=international-migration-and-development-1997
for cmd in "show --json $doc 7" "cites --json 49/127" "refs --json $doc" \
           "show --parallel --json parallel/udhr-en art. 26"; do
    # shellcheck disable=SC2086
    "$PILCROW" --db one $cmd >a 2>&1
    # shellcheck disable=SC2086
    "$PILCROW" --db sh $cmd >b 2>&1
    cmp -s a b || fail "$cmd differs: $(diff a b | head -4)"
done

begin_subtest 'graph over shards: the same nodes and edges'
# In the order the records are stored, which differs: compared sorted.
"$PILCROW" --db one graph | sort >a
"$PILCROW" --db sh graph | sort >b
cmp -s a b || fail "graph differs: $(diff a b | head -4)"
expect_file_match a ' -> '

begin_subtest 'indexing again changes nothing; a changed file, its shard only'
run "$PILCROW" --db sh index --shards 2 src
expect_exit 0
expect_file_match ERR 'indexed 0 documents .*skipped [0-9]+ unchanged'
cp -R sh before
echo "A lighthouse keeper's note on fog signals." >>src/crossing-the-bar.md
run "$PILCROW" --db sh index --shards 2 src
expect_exit 0
expect_file_match ERR 'indexed 1 documents'
changed=0
for k in 0 1; do
    cmp -s before/shard$k/postlist.glass sh/shard$k/postlist.glass ||
        changed=$((changed + 1))
done
expect_equal "$changed" 1
run "$PILCROW" --db sh search --tsv 'fog signals'
expect_exit 0
expect_file_match OUT 'fog signals'

begin_subtest '--prune over shards'
rm src/crossing-the-bar.md
run "$PILCROW" --db sh index --shards 2 --prune src
expect_exit 0
expect_file_match ERR 'pruned 1,'
run "$PILCROW" --db sh search 'fog signals'
expect_exit 1

begin_subtest 'compact merges the shards into one index'
run "$PILCROW" --db sh compact merged
expect_exit 0
[ -f merged/iamglass ] || fail "no merged index"
"$PILCROW" --db sh search --tsv -n 10 'rights of migrants' >a
"$PILCROW" --db merged search --tsv -n 10 'rights of migrants' >b
cmp -s a b || fail "merged index differs"
run "$PILCROW" --db sh compact merged
expect_exit 2
expect_file_match ERR 'merged already exists'

begin_subtest 'writes to a sharded index are refused'
for db in sh/XAPIANDB local.stub bare; do
    run "$PILCROW" --db "$db" index src
    expect_exit 2
    expect_file_match ERR "^pilcrow: index: .*is a sharded index .*read only"
done
run "$PILCROW" --db sh index --shards 3 src
expect_exit 2
expect_file_match ERR 'sh has 2 shards, not 3'
run "$PILCROW" --db one index --shards 2 src
expect_exit 2
expect_file_match ERR 'one is an index of one database'

begin_subtest 'bad stub files: one line, exit 2'
printf 'bogus x\n' >bad1.stub
printf '# nothing\n\n' >bad2.stub
printf 'remote 127.0.0.1:notaport\n' >bad3.stub
printf 'auto nosuch\n' >bad4.stub
printf 'auto sh/shard0\nauto %s\n' "$CORPUS" >bad5.stub
printf '\000\001\002binary' >bad6.stub
for f in bad1 bad2 bad3 bad4 bad5 bad6; do
    run "$PILCROW" --db $f.stub search migrants
    expect_exit 2
    expect_equal "$(wc -l <ERR | tr -d ' ')" 1
    expect_file_match ERR "^pilcrow: search: .*$f\.stub"
done
expect_file_match ERR 'bad6' # the last one, read as a stub
run "$PILCROW" --db bad1.stub search migrants
expect_file_match ERR "bad1\.stub:1: unknown database type 'bogus'"
run "$PILCROW" --db bad2.stub search migrants
expect_file_match ERR 'names no database'
run "$PILCROW" --db bad3.stub search migrants
expect_file_match ERR "'notaport' is not a port number"

begin_subtest 'a closed port: exit 2 naming it'
printf 'auto sh/shard0\nremote 127.0.0.1:1\n' >closed.stub
run "$PILCROW" --db closed.stub --timeout 2 search migrants
expect_exit 2
expect_file_match ERR 'shard 127\.0\.0\.1:1: '
run "$PILCROW" --db closed.stub --timeout 2 --allow-partial search --json rights
expect_exit 0
expect_file_match OUT '"partial_shards":\["127\.0\.0\.1:1"\]'
expect_file_match ERR 'warning: shard 127\.0\.0\.1:1 does not answer'

begin_subtest '--timeout is checked'
run "$PILCROW" --db sh --timeout 0 search migrants
expect_exit 2
expect_file_match ERR 'needs a number from 1 to 3600'

test_done
