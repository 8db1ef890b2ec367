#!/bin/sh
# t-symbols.sh - the dynamic symbols libpilcrow.so exports are exactly
# the functions pilcrow.h declares with PILCROW_API (doc/conventions.md A3): no
# pc_* or pcx_* internals, no C++ symbols (Xapian or libstdc++ template
# instances, typeinfo), and no header function left undefined.
set -u

: "${TOP_SRCDIR:?run through make check}"
: "${TOP_BUILDDIR:?run through make check}"
header=$TOP_SRCDIR/src/lib/pilcrow.h
lib=$TOP_BUILDDIR/src/lib/.libs/libpilcrow.so

command -v nm >/dev/null 2>&1 || { echo "SKIP: no nm"; exit 77; }
[ -f "$lib" ] || { echo "SKIP: no shared library at $lib"; exit 77; }

tmp=$(mktemp -d "t-symbols-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

# The declared API: drop preprocessor lines and comments, join the rest
# into one line, and take the identifier before the "(" that follows
# each PILCROW_API.
grep -v '^[[:space:]]*#' "$header" |
    tr '\n' ' ' |
    sed 's:/\*\([^*]\|\*[^/]\)*\*/: :g' |
    grep -o 'PILCROW_API[^;(]*(' |
    sed 's/[[:space:]]*($//; s/.*[^A-Za-z0-9_]//' |
    sort -u >"$tmp/declared" || exit 99

n_declared=$(wc -l <"$tmp/declared")
if [ "$n_declared" -lt 50 ]; then
    echo "FAIL: only $n_declared PILCROW_API functions found in pilcrow.h;" \
         "the header parser is broken" >&2
    exit 99
fi

# The exported symbols, less the linker's own markers that some
# toolchains export from every shared object.
nm -D --defined-only "$lib" |
    awk 'NF >= 3 { print $3 }' |
    sed 's/@.*//' |
    grep -v -x -e _init -e _fini -e _edata -e _end -e __bss_start |
    sort -u >"$tmp/exported" || exit 99

status=0
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
    extra=$(comm -13 "$tmp/declared" "$tmp/exported")
    missing=$(comm -23 "$tmp/declared" "$tmp/exported")
    if [ -n "$extra" ]; then
        echo "FAIL: exported but not declared PILCROW_API in pilcrow.h" \
             "($(printf '%s\n' "$extra" | wc -l)):" >&2
        printf '  %s\n' $extra >&2
    fi
    if [ -n "$missing" ]; then
        echo "FAIL: declared in pilcrow.h but not exported:" >&2
        printf '  %s\n' $missing >&2
    fi
    status=1
else
    echo "ok: $n_declared symbols, exactly those of pilcrow.h"
fi
exit $status
