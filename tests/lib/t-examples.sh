#!/bin/sh
# t-examples.sh - run the example programs of doc/examples as a user
# would: index-and-search builds an index from its in-memory document
# and searches it (with a temporary index, then with a kept one), and
# batch-search answers queries from standard input on that index, one
# line per hit, reporting a bad query on stderr and going on.
set -u

: "${TOP_BUILDDIR:?run through make check}"
ex=$TOP_BUILDDIR/doc/examples

tmp=$(mktemp -d "t-examples-XXXXXX") || exit 99
tmp=$(cd "$tmp" && pwd) || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

failed=0
fail() {
    echo "FAIL: $*" >&2
    failed=1
}

# 1. The example as shipped: a temporary index, removed afterwards.
TMPDIR=$tmp "$ex/index-and-search" >"$tmp/out1" 2>"$tmp/err1"
st=$?
[ "$st" -eq 0 ] || fail "index-and-search exited $st: $(cat "$tmp/err1")"
grep -q '^parsed reports/A_52_314: 4 records$' "$tmp/out1" ||
    fail "index-and-search did not parse 4 records"
grep -q '^1\. A/52/314, .*\[migrants\?\]' "$tmp/out1" ||
    fail "index-and-search printed no marked hit"
[ -z "$(ls "$tmp")" ] || [ "$(ls "$tmp")" = "$(printf 'err1\nout1')" ] ||
    fail "index-and-search left its temporary index: $(ls "$tmp")"
cat "$tmp/out1"

# 2. A kept index, a query that finds nothing: exit status 1.
"$ex/index-and-search" "$tmp/idx" 'zzyzx' >"$tmp/out2" 2>"$tmp/err2"
st=$?
[ "$st" -eq 1 ] || fail "index-and-search on no match exited $st"
[ -d "$tmp/idx" ] || fail "index-and-search did not keep $tmp/idx"

# 3. Batch queries over the kept index.
printf '%s\n' 'rights of migrants' '' 'resolution 49/127' \
    'migration )' 'zzyzx' 'kind:note OR refugees' >"$tmp/queries"
"$ex/batch-search" "$tmp/idx" <"$tmp/queries" >"$tmp/out3" 2>"$tmp/err3"
st=$?
cat "$tmp/out3"
[ "$st" -eq 1 ] || fail "batch-search with a bad query exited $st, want 1"
grep -q '^batch-search: line 4: column [0-9]*: ' "$tmp/err3" ||
    fail "batch-search did not report line 4: $(cat "$tmp/err3")"
[ "$(wc -l <"$tmp/err3")" -eq 1 ] ||
    fail "batch-search reported more than the bad line: $(cat "$tmp/err3")"
# Every output line has five tab-separated fields.
awk -F '\t' 'NF != 5 { bad = 1 } END { exit bad }' "$tmp/out3" ||
    fail "batch-search wrote a line without 5 fields"
# Query 1 finds the paragraph and the summary paragraph, in rank order.
[ "$(awk -F '\t' '$1 == 1' "$tmp/out3" | cut -f 2 | tr '\n' ' ')" = "1 2 " ] ||
    fail "query 1 did not give ranks 1 2"
awk -F '\t' '$1 == 1 { print $4 }' "$tmp/out3" | grep -qx 'summary, para. 1' ||
    fail "query 1 did not find the summary paragraph"
grep -q '^3	1	A/52/314	para\. 1	.*\[49/127\]' "$tmp/out3" ||
    fail "the resolution number is not found as written"
awk -F '\t' '$1 == 2 || $1 == 4 || $1 == 5 { bad = 1 } END { exit bad }' \
    "$tmp/out3" || fail "an empty, bad or unmatched query printed hits"

# 4. Queries answered as they arrive: with its input a pipe kept open,
# batch-search must answer the first query before the second is sent.
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$tmp/in" "$tmp/outp" || exit 99
    "$ex/batch-search" "$tmp/idx" <"$tmp/in" >"$tmp/outp" &
    pid=$!
    exec 3>"$tmp/in" 4<"$tmp/outp"
    echo 'refugees' >&3
    if read -r first <&4; then
        case $first in
        "1	1	A/52/314	para. 2	"*) ;;
        *) fail "streamed answer is '$first'" ;;
        esac
    else
        fail "no streamed answer"
    fi
    exec 3>&- 4<&-
    wait "$pid" || fail "streaming batch-search exited $?"
fi

# 5. A missing index: exit 2 with a message naming it.
"$ex/batch-search" "$tmp/nosuch" </dev/null >/dev/null 2>"$tmp/err5"
st=$?
[ "$st" -eq 2 ] || fail "batch-search on a missing index exited $st"
grep -q "nosuch" "$tmp/err5" || fail "message does not name the index"

# 6. The EXAMPLE of pilcrow(3) is this program, escaped for roff.
: "${TOP_SRCDIR:?run through make check}"
sed -n '/^\.\\" ---- begin example ----$/,/^\.\\" ---- end example ----$/p' \
    "$TOP_SRCDIR/doc/man/pilcrow.3" | sed '1d;$d' |
    sed 's/^\\&//; s/\\e/\\/g' >"$tmp/man-example.c"
cmp -s "$tmp/man-example.c" "$TOP_SRCDIR/doc/examples/index-and-search.c" ||
    fail "pilcrow(3) EXAMPLE differs from doc/examples/index-and-search.c"

exit $failed
