#!/bin/sh
# bench/quote.sh: how long `pilcrow quote` takes on 100-word quotes over
# the whole General Debate corpus (issue 16 asks for under 50 ms).
# Called by `make bench-quote`; see bench/README.md.
#
# Indexes ../shared/corpora/un-general-debates/txt (every session) into
# one index, draws BENCH_QUOTES quotes of 100 words from its records
# (`pilcrow parse --json` of files spread evenly over the sessions, a
# record of at least 110 words from each, deterministically), alters each as a writer quoting it
# might (every 12th word dropped, curly quotes around it), and times
# pilcrow_quote_find() on each through the library (bench/quote-speed,
# one warm handle: each quote once untimed, then once timed).  Prints
# the median, 90th percentile and largest time, BENCH_RUNS times.
#
# Environment (all optional; `make bench-quote` sets the program paths):
#   BENCH_RUNS     runs (default 3)
#   BENCH_QUOTES   quotes (default 100)
#   BENCH_WORK     work directory (default: a temporary directory)
#   SHARED_CORPORA the shared corpora (default ../shared/corpora beside
#                  the source tree)
#   PILCROW, QUOTE_SPEED, PILCROW_LIBDIR  the programs and their library
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${BENCH_RUNS:=3}"
: "${BENCH_QUOTES:=100}"
if [ -z "${SHARED_CORPORA:-}" ]; then
    SHARED_CORPORA=${BENCH_DEFAULT_CORPORA:-$here/../../shared/corpora}
fi
debates=$SHARED_CORPORA/un-general-debates/txt
pc=${PILCROW:-pilcrow}
qs=${QUOTE_SPEED:-quote-speed}

missing=
[ -d "$debates" ] || missing="$missing $debates"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v "$pc" >/dev/null 2>&1 || missing="$missing $pc"
command -v "$qs" >/dev/null 2>&1 || missing="$missing $qs"
if [ -n "$missing" ]; then
    echo "bench-quote: missing:$missing" >&2
    exit 2
fi
if [ -n "${PILCROW_LIBDIR:-}" ]; then
    LD_LIBRARY_PATH=$PILCROW_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
fi
if [ -n "${BENCH_WORK:-}" ]; then
    work=$BENCH_WORK/quote
    rm -rf "$work"
    mkdir -p "$work"
else
    work=$(mktemp -d -t pilcrow-bench-quote.XXXXXX)
    trap 'rm -rf "$work"' EXIT
fi

echo "bench-quote: indexing $debates"
start=$(date +%s)
"$pc" index --quiet --db "$work/idx" "$debates"
echo "bench-quote: indexed in $(( $(date +%s) - start )) s;" \
     "$("$pc" stats --db "$work/idx" | grep -i '^records' || true)"

python3 - "$pc" "$debates" "$BENCH_QUOTES" >"$work/quotes.txt" <<'PY'
import json, os, subprocess, sys
pc, root, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root)
               for f in fs if f.endswith(".txt"))
step = max(1, len(files) // (want * 2))
quotes = []
for path in files[::step]:
    out = subprocess.run([pc, "parse", "--json", path], capture_output=True)
    texts = [json.loads(l)["text"] for l in out.stdout.decode().splitlines()]
    texts = [t for t in texts if len(t.split()) >= 110]
    if not texts:
        continue
    words = texts[len(texts) // 2].split()[5:105]
    kept = [w for i, w in enumerate(words) if i % 12 != 11]
    quotes.append("\u201c" + " ".join(kept) + "\u201d")
    if len(quotes) == want:
        break
print("\n".join(quotes))
PY
echo "bench-quote: $(wc -l <"$work/quotes.txt") quotes of 100 words" \
     "(every 12th dropped)"
run=1
while [ "$run" -le "$BENCH_RUNS" ]; do
    echo "run $run: $("$qs" "$work/idx" "$work/quotes.txt")"
    run=$((run + 1))
done
