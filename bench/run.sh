#!/bin/sh
# bench/run.sh: run pilcrow's benchmark (called by `make bench`; see
# bench/README.md).  Checks the tools, then hands over to bench.py.
#
# Environment (all optional; `make bench` sets the program paths):
#   BENCH_SIZE      small (default) or full
#   BENCH_RUNS      runs per figure (default 3)
#   BENCH_WORK      work directory for staged corpora, records, indexes
#                   (default: bench/work in the build tree)
#   SHARED_CORPORA  the shared corpora (default: ../shared/corpora
#                   beside the source tree)
#   BENCH_SYNTH_MB  size of the synthetic corpus of BENCH_SIZE=full
#                   (default 400; 0 leaves it out: the real corpora only)
#   PILCROW REF_XAPIAN FTS5 SYNTH   the programs measured / used
#   PILCROW_LIBDIR  prepended to LD_LIBRARY_PATH (the staged install's
#                   libdir, where libpilcrow is)
#   PARSE_ACCURACY  tests/parse-accuracy, for its parse-speed figure
#                   (optional)
# PILCROW must be the real program (`make bench` stages `make install`
# under $BENCH_WORK/inst), not the build tree's libtool wrapper script.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${BENCH_SIZE:=small}"
: "${BENCH_RUNS:=3}"
if [ -z "${BENCH_WORK:-}" ]; then
    BENCH_WORK=${BENCH_DEFAULT_WORK:-$here/work}
fi
if [ -z "${SHARED_CORPORA:-}" ]; then
    SHARED_CORPORA=${BENCH_DEFAULT_CORPORA:-$here/../../shared/corpora}
fi
case $BENCH_SIZE in
small|full) ;;
*) echo "bench: BENCH_SIZE must be small or full, not '$BENCH_SIZE'" >&2
   exit 2 ;;
esac

missing=
for tool in python3 rg gnuplot xapian-compact; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -x /usr/bin/time ] || missing="$missing /usr/bin/time"
for prog in "${REF_XAPIAN:-$here/ref-xapian}" "${FTS5:-$here/fts5}" \
            "${SYNTH:-$here/synth}"; do
    [ -x "$prog" ] || missing="$missing $prog"
done
if [ -n "$missing" ]; then
    echo "bench: missing:$missing" >&2
    echo "bench: apt-get install python3 ripgrep gnuplot-nox xapian-tools" \
         "time; build the peers with 'make bench'" >&2
    exit 2
fi
if [ -n "${PILCROW_LIBDIR:-}" ]; then
    LD_LIBRARY_PATH=$PILCROW_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
fi
pc=$(command -v "${PILCROW:-pilcrow}" 2>/dev/null || :)
if [ -n "$pc" ] && [ "$(head -c 2 "$pc" 2>/dev/null)" = "#!" ]; then
    echo "bench: warning: $pc is a script (a libtool wrapper?): every" \
         "pilcrow process will pay a shell start; the report says so" >&2
fi
if ! "${PILCROW:-pilcrow}" --version >/dev/null 2>&1; then
    echo "bench: warning: ${PILCROW:-pilcrow} --version failed;" \
         "the pilcrow column may be n/a" >&2
fi

mkdir -p "$BENCH_WORK"
export BENCH_SIZE BENCH_RUNS BENCH_WORK SHARED_CORPORA
export BENCH_SRCDIR="$here"
exec python3 "$here/bench.py"
