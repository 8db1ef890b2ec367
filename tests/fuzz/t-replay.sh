#!/bin/sh
# t-replay.sh: every fuzz target runs, through its plain driver
# (tests/fuzz/replay-TARGET), on each of its seeds
# (tests/fuzz/seeds/TARGET) and regression inputs
# (tests/fuzz/regress/TARGET, the inputs of past findings): it exits 0
# having run every file, with nothing reported by the targets' checks,
# nor by ASan, UBSan or valgrind in the builds that have them.
. "$TOP_SRCDIR/tests/cli/lib.sh"

fuzz_src=$TOP_SRCDIR/tests/fuzz
for target in parse query store record; do
    begin_subtest "$target"
    n=0
    for f in "$fuzz_src/seeds/$target"/* "$fuzz_src/regress/$target"/*; do
        [ -f "$f" ] && n=$((n + 1))
    done
    # shellcheck disable=SC2086 # PILCROW_VALGRIND is a command line
    run ${PILCROW_VALGRIND:-} "$TOP_BUILDDIR/tests/fuzz/replay-$target" \
        "$fuzz_src/seeds/$target" "$fuzz_src/regress/$target"
    expect_exit 0
    expect_equal "$(tail -n 1 ERR)" "replay: $n inputs"
    if [ "$status" != 0 ]; then
        echo "  the end of stderr (the input that failed, then the report):"
        tail -n 40 ERR | sed 's/^/    /'
    fi
done
test_done
