# tests/cli/lib.sh - sourced by every tests/cli/tNNN-*.sh.
#
# Gives each test a private temporary directory (its working directory,
# removed on exit, with a private HOME), a clean environment, and:
#   begin_subtest NAME        start a subtest (the previous one reports)
#   run CMD...                run CMD, stdout to OUT, stderr to ERR, its
#                             exit status in $status; never fails
#   expect_exit N             $status is N
#   expect_equal ACTUAL EXPECTED
#   expect_match TEXT ERE     TEXT matches the extended regex ERE
#   expect_no_match TEXT ERE
#   expect_file_match FILE ERE / expect_file_no_match FILE ERE
#   index_corpus DB PATH...   index PATH... into DB (quiet), or fail all
#   have_python               python3 is there (else skip what needs it)
#   skip_all REASON           skip the whole test (exit 77)
#   test_done                 report and exit 0 (all passed) or 1
# The harness sets PILCROW (the program), CORPUS, TESTDATA, TOP_SRCDIR,
# SHARED_CORPORA.

set -u

if [ -z "${PILCROW:-}" ] || [ ! -x "$PILCROW" ]; then
    echo "PILCROW is not set to the pilcrow program: run 'make check'" >&2
    exit 99
fi
# configure --enable-valgrind: every pilcrow command runs under valgrind
# (PILCROW_VALGRIND holds the valgrind command line).  pilcrow is a
# libtool wrapper script until installed: run the real program.
if [ -n "${PILCROW_VALGRIND:-}" ]; then
    pilcrow_real=$PILCROW
    pilcrow_dir=$(dirname "$PILCROW")
    if [ -x "$pilcrow_dir/.libs/lt-pilcrow" ]; then
        pilcrow_real=$pilcrow_dir/.libs/lt-pilcrow
    elif [ -x "$pilcrow_dir/.libs/pilcrow" ]; then
        pilcrow_real=$pilcrow_dir/.libs/pilcrow
    fi
    LD_LIBRARY_PATH=$pilcrow_dir/src/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
    vg_wrapper=$(mktemp "${TMPDIR:-/tmp}/pilcrow-vg.XXXXXX") || exit 99
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$PILCROW_VALGRIND" \
        "$pilcrow_real" >"$vg_wrapper"
    chmod +x "$vg_wrapper"
    PILCROW=$vg_wrapper
fi
test_name=$(basename "$0" .sh)
test_srcdir=$(cd "$(dirname "$0")" && pwd)
CLI_DATA=$test_srcdir/data

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pilcrow-$test_name.XXXXXX") || exit 99
bg_pids=
cleanup() {
    for pid in $bg_pids; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    cd / && rm -rf "$TMP" ${vg_wrapper:+"$vg_wrapper"}
}
trap cleanup EXIT
trap 'exit 99' HUP INT TERM
cd "$TMP" || exit 99

# What the user's environment must not change.
unset PILCROW_DB NO_COLOR XDG_DATA_HOME
HOME=$TMP/home
LC_ALL=C
export HOME LC_ALL
mkdir -p "$HOME"

n_failed=0
n_passed=0
subtest=
subtest_failed=0

# Report the subtest that is running, if any.
end_subtest() {
    if [ -n "$subtest" ]; then
        if [ "$subtest_failed" -eq 0 ]; then
            echo "PASS: $subtest"
            n_passed=$((n_passed + 1))
        else
            echo "FAIL: $subtest"
            n_failed=$((n_failed + 1))
        fi
    fi
    subtest=
    subtest_failed=0
}

begin_subtest() {
    end_subtest
    subtest=$1
}

# Mark the running subtest failed, saying why.
fail() {
    echo "  failed: $*"
    subtest_failed=1
}

run() {
    status=0
    "$@" >OUT 2>ERR || status=$?
}

expect_exit() {
    if [ "$status" != "$1" ]; then
        fail "exit status $status, expected $1"
        echo "  stderr:"; sed 's/^/    /' ERR | head -20
    fi
}

expect_equal() {
    if [ "$1" != "$2" ]; then
        fail "got '$1', expected '$2'"
    fi
}

expect_match() {
    if ! printf '%s\n' "$1" | grep -Eq -- "$2"; then
        fail "'$(printf '%s' "$1" | head -c 400)' does not match /$2/"
    fi
}

expect_no_match() {
    if printf '%s\n' "$1" | grep -Eq -- "$2"; then
        fail "'$(printf '%s' "$1" | head -c 400)' matches /$2/"
    fi
}

expect_file_match() {
    if ! grep -Eq -- "$2" "$1"; then
        fail "$1 does not match /$2/:"
        head -20 "$1" | sed 's/^/    /'
    fi
}

expect_file_no_match() {
    if grep -Eq -- "$2" "$1"; then
        fail "$1 matches /$2/:"
        grep -E -- "$2" "$1" | head -5 | sed 's/^/    /'
    fi
}

index_corpus() {
    _db=$1
    shift
    if ! "$PILCROW" --db "$_db" index --quiet "$@" >index.out 2>index.err
    then
        echo "ERROR: cannot index $*:"
        cat index.err
        exit 99
    fi
}

# The doc ids of the hits in FILE, the output of search --json (one a
# line; TSV names a document by its symbol).
json_docs() {
    sed 's/^{"rank":[0-9]*,"score":[-0-9.e]*,"doc":"\([^"]*\)".*/\1/' "$1"
}

have_python() {
    command -v python3 >/dev/null 2>&1
}

skip_all() {
    echo "SKIP: $test_name: $*"
    exit 77
}

test_done() {
    end_subtest
    echo "$test_name: $n_passed passed, $n_failed failed"
    [ "$n_failed" -eq 0 ] && exit 0
    exit 1
}
