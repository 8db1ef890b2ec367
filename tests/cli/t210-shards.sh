#!/bin/sh
# Two shards served by xapian-tcpsrv on 127.0.0.1 (started here, each in
# its own session: it signals its process group when it stops, and
# killed by PID): the top 10 of a set of queries (doc, anchor, snippet,
# order) over the two remote shards equals one local index of the same
# documents, and so do batch, show, stats, cites, refs and --parallel.
# A server killed: exit 2 naming it within the timeout, or, with
# --allow-partial, the other shard's results, a warning and
# "partial_shards".  A server that stops answering (SIGSTOP): the same,
# within --timeout.  xapian-progsrv through a stub "remote :PROGRAM".
. "$(dirname "$0")/lib.sh"

command -v xapian-tcpsrv >/dev/null 2>&1 ||
    skip_all "no xapian-tcpsrv (Debian xapian-tools)"

# The documents: the corpus, the test documents (language versions
# among them) and, where present, the GA resolutions of the shared
# corpora (citations).
mkdir src
cp -R "$CORPUS"/*.txt "$CLI_DATA"/* src/
cp -R "$TESTDATA/parallel" src/parallel
resolutions=$SHARED_CORPORA/un-ga-resolutions-80/md
[ -d "$resolutions" ] && cp -R "$resolutions" src/resolutions
index_corpus one src
index_corpus sh --shards 2 src

servers=
# Start xapian-tcpsrv on a free port of 127.0.0.1 for database $1; sets
# $port and $pid.  Ports are tried from a random one up.
start_server() {
    port=$(( 20000 + ($$ * 7 + $(date +%N | sed 's/^0*//;s/^$/0/')) % 30000 ))
    tries=0
    while [ $tries -lt 20 ]; do
        : >srv.log
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$1" \
            >srv.log 2>&1 &
        pid=$!
        i=0
        while [ $i -lt 50 ] && ! grep -q Listening srv.log; do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
            i=$((i + 1))
        done
        if grep -q Listening srv.log && kill -0 "$pid" 2>/dev/null; then
            servers="$servers $pid"
            return 0
        fi
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        port=$((port + 1))
        tries=$((tries + 1))
    done
    echo "ERROR: cannot start xapian-tcpsrv"
    exit 99
}
stop_servers() {
    for p in $servers; do
        kill -CONT "$p" 2>/dev/null
        kill "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    servers=
}
trap 'stop_servers; cleanup' EXIT

start_server sh/shard0
port0=$port pid0=$pid
start_server sh/shard1
port1=$port pid1=$pid
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port0" "$port1" \
    >remote.stub

# TSV less the score column (the scores are compared apart: equal to
# four decimals).
noscore() {
    cut -f1,3- "$1"
}

queries='migrants
human rights of migrants
"rights of migrants"
pilots OR harbour
migra*
international -migration
"sustainable development"
security council
General Assembly resolution
peace NOT war
lang:fr droits
=migrant'

begin_subtest 'top 10 over two remote shards equals one index'
printf '%s\n' "$queries" | while IFS= read -r q; do
    "$PILCROW" --db one search --tsv -n 10 "$q" >one.tsv 2>/dev/null
    "$PILCROW" --db remote.stub search --tsv -n 10 "$q" >remote.tsv \
        2>remote.err
    if ! cmp -s one.tsv remote.tsv; then
        echo "query: $q"
        diff one.tsv remote.tsv | head -6
    fi
done >diffs
expect_equal "$(cat diffs)" ""
# The check can fail: a query that found nothing anywhere proves little.
run "$PILCROW" --db remote.stub search --tsv -n 10 migrants
expect_exit 0
expect_equal "$(wc -l <OUT | tr -d ' ')" 10

begin_subtest 'a query of filters alone: the same records (no ranking)'
# Every hit weighs 0: Xapian returns them in storage order, which is
# not the same in shards as in one index.  The records are.
"$PILCROW" --db one search --tsv -n 1000 kind:note | cut -f3- | sort >a
"$PILCROW" --db remote.stub search --tsv -n 1000 kind:note | cut -f3- | sort >b
cmp -s a b || fail "kind:note differs: $(diff a b | head -4)"
expect_equal "$(wc -l <a | tr -d ' ')" "$("$PILCROW" --db one search --count kind:note)"

begin_subtest 'JSON hits, snippets and highlights equal'
for q in 'rights of migrants' 'harbour pilots'; do
    "$PILCROW" --db one search --json "$q" >one.json
    "$PILCROW" --db remote.stub search --json "$q" >remote.json
    cmp -s one.json remote.json || fail "JSON differs for $q"
done

begin_subtest 'batch over remote shards equals one index'
printf '%s\n' "$queries" >queries.txt
"$PILCROW" --db one batch --tsv <queries.txt >one.tsv 2>/dev/null
run "$PILCROW" --db remote.stub batch --tsv --input queries.txt
expect_exit 0
noscore one.tsv >a
noscore OUT >b
cmp -s a b || fail "batch differs: $(diff a b | head -4)"

begin_subtest 'show, stats, cites, refs and --parallel over remote shards'
doc=international-migration-and-development-1997
for cmd in "show $doc 7" "show --json $doc note:1" "stats --json" \
           "cites --json 49/127" "refs $doc" \
           "show --parallel --json parallel/udhr-en art. 26" \
           "search --parallel --json -n 3 droits"; do
    # shellcheck disable=SC2086
    "$PILCROW" --db one $cmd 2>&1 | sed 's/"path":"[^"]*",//;s/"bytes":[0-9]*,//;s/"shards":2,//' >a
    # shellcheck disable=SC2086
    "$PILCROW" --db remote.stub $cmd 2>&1 | sed 's/"path":"[^"]*",//;s/"bytes":[0-9]*,//;s/"shards":2,//' >b
    cmp -s a b || fail "$cmd differs: $(diff a b | head -4)"
done

begin_subtest 'xapian-progsrv through a stub (remote :PROGRAM ARGS)'
if command -v xapian-progsrv >/dev/null 2>&1; then
    printf 'remote :xapian-progsrv %s\nremote :xapian-progsrv %s\n' \
        "$TMP/sh/shard0" "$TMP/sh/shard1" >prog.stub
    "$PILCROW" --db one search --tsv 'rights of migrants' >a
    run "$PILCROW" --db prog.stub search --tsv 'rights of migrants'
    expect_exit 0
    cmp -s a OUT || fail "progsrv results differ"
fi

begin_subtest 'a shard re-indexed while served: the next query sees it'
echo "Quagga and zebra herds crossed the harbour bar." >src/quagga.txt
run "$PILCROW" --db remote.stub search quagga
expect_exit 1
index_corpus sh --shards 2 src
run "$PILCROW" --db remote.stub search --tsv quagga
expect_exit 0
expect_file_match OUT 'quagga'
rm src/quagga.txt
index_corpus sh --shards 2 --prune src
run "$PILCROW" --db remote.stub search quagga
expect_exit 1

begin_subtest 'a silent server (SIGSTOP): exit 2 naming it within --timeout'
kill -STOP "$pid1"
t0=$(date +%s)
run "$PILCROW" --db remote.stub --timeout 2 search migrants
t1=$(date +%s)
kill -CONT "$pid1"
expect_exit 2
expect_file_match ERR "127\.0\.0\.1:$port1"
expect_equal "$(wc -l <ERR | tr -d ' ')" 1
[ $((t1 - t0)) -le 8 ] || fail "took $((t1 - t0)) s with --timeout 2"

# "rights": records in both shards with or without the shared corpora
# ("migrants" has none in shard0 without them).
begin_subtest 'a silent server with --allow-partial: the other shard'
kill -STOP "$pid1"
run "$PILCROW" --db remote.stub --timeout 2 --allow-partial search --json rights
kill -CONT "$pid1"
expect_exit 0
expect_file_match OUT "\"partial_shards\":\\[\"127\\.0\\.0\\.1:$port1\"\\]"

begin_subtest 'a shard dying between two batch queries'
rm -f in.fifo
mkfifo in.fifo
# batch.out exists before the loop below reads it: the child opens it
# only once the FIFO has a writer, which may be after the loop starts.
: >batch.out
"$PILCROW" --db remote.stub --timeout 3 --allow-partial batch <in.fifo \
    >batch.out 2>batch.err &
bpid=$!
exec 3>in.fifo
echo migrants >&3
i=0
while [ $i -lt 100 ] && [ "$(wc -l <batch.out)" -lt 1 ]; do
    sleep 0.1
    i=$((i + 1))
done
kill "$pid1"
wait "$pid1" 2>/dev/null
echo migrants >&3
exec 3>&-
wait "$bpid"
bstatus=$?
expect_equal "$bstatus" 0
expect_equal "$(wc -l <batch.out | tr -d ' ')" 2
expect_no_match "$(head -1 batch.out)" partial_shards
expect_match "$(sed -n 2p batch.out)" "\"partial_shards\":\\[\"127\\.0\\.0\\.1:$port1\"\\]"
expect_file_match batch.err "warning: shard 127\.0\.0\.1:$port1 does not answer"

begin_subtest 'partial results are those of the shard that answers'
"$PILCROW" --db sh/shard0 search --tsv -n 10 rights >a
run "$PILCROW" --db remote.stub --allow-partial search --tsv -n 10 rights
expect_exit 0
cmp -s a OUT || fail "partial results differ from shard0's"
expect_file_match ERR "^pilcrow: search: warning: shard 127\.0\.0\.1:$port1 does not answer"

begin_subtest 'a dead server: exit 2, one line naming it, at once'
t0=$(date +%s)
run "$PILCROW" --db remote.stub search migrants
t1=$(date +%s)
expect_exit 2
expect_equal "$(wc -l <ERR | tr -d ' ')" 1
expect_file_match ERR "^pilcrow: search: .*shard 127\.0\.0\.1:$port1: "
[ $((t1 - t0)) -le 10 ] || fail "took $((t1 - t0)) s"
for cmd in "batch --input queries.txt" "stats" "show $doc 7" "refs $doc"; do
    # shellcheck disable=SC2086
    run "$PILCROW" --db remote.stub $cmd
    expect_exit 2
    expect_file_match ERR "127\.0\.0\.1:$port1"
done

begin_subtest 'every shard dead: exit 2 even with --allow-partial'
stop_servers
run "$PILCROW" --db remote.stub --allow-partial search migrants
expect_exit 2
expect_file_match ERR "no shard of remote\.stub answers"

test_done
