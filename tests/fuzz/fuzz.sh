#!/bin/sh
# fuzz.sh - make fuzz: runs each libFuzzer target tests/fuzz/fuzz-TARGET
# (configure --enable-fuzzing) for FUZZ_SECONDS seconds, one after the
# other, and fails if any of them finds something: a crash, a failed
# check, a sanitizer report, a leak, a timeout or running out of memory.
#
#   fuzz.sh TOP_SRCDIR TOP_BUILDDIR
#   environment: FUZZ_SECONDS (60), FUZZ_TARGETS ("parse query store
#   record"), FUZZ_CORPORA (the shared corpora, ../shared/corpora
#   beside the tree, doc/conventions.md T5; unset or absent: none),
#   CORPUS, TESTDATA
#
# Each target starts from its seeds (tests/fuzz/seeds/TARGET), its
# regression inputs (tests/fuzz/regress/TARGET) and the inputs it found
# in earlier runs, kept in the build tree in tests/fuzz/corpus/TARGET;
# the parser also gets the first bytes of a sample of FUZZ_CORPORA's
# documents.  The whole output of a run is in tests/fuzz/fuzz-TARGET.log;
# what is printed here is its summary, and for a finding the report and
# the input (also kept in tests/fuzz/findings/TARGET/, to copy into
# tests/fuzz/regress/TARGET/ under the bug's name).
set -u

top_srcdir=$1
top_builddir=$2
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-parse query store record}
corpora=${FUZZ_CORPORA:-}
fuzz_build=$top_builddir/tests/fuzz
fuzz_src=$top_srcdir/tests/fuzz

# Files taken from each collection of FUZZ_CORPORA, and how much of each.
corpora_files=25
failed=

# Copy the first MAX_LEN bytes of about $corpora_files documents of each
# collection of $corpora, evenly spread in name order, into directory
# DIR.
sample_corpora() {
    _dir=$1
    _max_len=$2
    rm -rf "$_dir"
    mkdir -p "$_dir"
    for _coll in un-docs-2025/txt un-ga-resolutions-80/md \
        unpc-v1.0-devset/docs un-general-debates/txt udhr-multilingual/txt
    do
        [ -d "$corpora/$_coll" ] || continue
        find "$corpora/$_coll" -type f | LC_ALL=C sort >"$_dir.list"
        _n=$(wc -l <"$_dir.list")
        _step=$(( (_n + corpora_files - 1) / corpora_files ))
        [ "$_step" -ge 1 ] || _step=1
        _k=0
        awk -v step="$_step" 'NR % step == 1 || step == 1' "$_dir.list" |
        while read -r _f; do
            _k=$((_k + 1))
            head -c "$_max_len" "$_f" \
                >"$_dir/$(echo "$_coll" | tr / -)-$_k-$(basename "$_f")"
        done
    done
    rm -f "$_dir.list"
}

for t in $targets; do
    prog=$fuzz_build/fuzz-$t
    if [ ! -x "$prog" ]; then
        echo "fuzz: $prog is not built (configure --enable-fuzzing)" >&2
        exit 2
    fi
    # -max_len: about the size of a long input of its kind (a few
    # pages of a report: 8 KB runs four times as many inputs a second
    # as 32 KB and reached the same coverage; a long query, past the
    # limits on terms and depth; a stored record).  -timeout: seconds for one input, far beyond what
    # any takes.
    case $t in
    parse)  max_len=8192 ;;
    query)  max_len=4096 ;;
    store)  max_len=4096 ;;
    record) max_len=1024 ;;
    *)      max_len=4096 ;;
    esac
    timeout=10
    work=$fuzz_build/work/$t
    corpus=$fuzz_build/corpus/$t
    findings=$fuzz_build/findings/$t
    log=$fuzz_build/fuzz-$t.log
    rm -rf "$work"
    mkdir -p "$work" "$corpus" "$findings"
    set -- "$corpus" "$fuzz_src/seeds/$t" "$fuzz_src/regress/$t"
    if [ "$t" = parse ] && [ -n "$corpora" ] && [ -d "$corpora" ]; then
        sample_corpora "$fuzz_build/shared-seeds/$t" "$max_len"
        set -- "$@" "$fuzz_build/shared-seeds/$t"
    fi
    dict=
    if [ -f "$fuzz_src/dict/$t.dict" ]; then
        dict=-dict=$fuzz_src/dict/$t.dict
    fi
    echo "fuzz-$t: $seconds s (log: tests/fuzz/fuzz-$t.log)"
    ls "$findings" | LC_ALL=C sort >"$work.before"
    # The targets make their temporary directories in the current one.
    # shellcheck disable=SC2086 # $dict is one word or none
    (cd "$work" &&
     UBSAN_OPTIONS=print_stacktrace=1 \
     "$prog" -max_total_time="$seconds" -max_len="$max_len" \
        -timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$findings/" $dict "$@") >"$log" 2>&1
    rc=$?
    # The summary: coverage at the end, then the final statistics.
    grep -E '^#[0-9]+' "$log" | tail -n 1 | sed 's/^/  /'
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' \
        "$log" | sed 's/^/  /'
    if [ "$rc" -ne 0 ]; then
        failed="$failed $t"
        echo "fuzz-$t: FAILED (exit status $rc); the end of its log:"
        tail -n 60 "$log" | sed 's/^/  | /'
        ls "$findings" | LC_ALL=C sort | comm -13 "$work.before" - |
        while read -r f; do
            echo "  input $findings/$f ($(wc -c <"$findings/$f") bytes)," \
                "the first 3000 bytes in base64:"
            head -c 3000 "$findings/$f" | base64 | sed 's/^/    /'
        done
    fi
    rm -f "$work.before"
done
if [ -n "$failed" ]; then
    echo "fuzz: findings in:$failed"
    exit 1
fi
echo "fuzz: nothing found"
