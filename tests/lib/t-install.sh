#!/bin/sh
# t-install.sh - a staged installation works for a user of the library:
# `make install DESTDIR=...` installs the program, the shared library,
# the header, pilcrow.pc (in $libdir/pkgconfig) and the man pages
# pilcrow.1 and pilcrow.3; then doc/examples/index-and-search.c compiles
# and links with nothing but `pkg-config --cflags --libs pilcrow`
# (pointed at the staged tree) and runs against the staged library.
set -u

: "${TOP_SRCDIR:?run through make check}"
: "${TOP_BUILDDIR:?run through make check}"
MAKE=${MAKE:-make}
CC=${CC:-cc}

command -v pkg-config >/dev/null 2>&1 || { echo "SKIP: no pkg-config"; exit 77; }

tmp=$(mktemp -d "t-install-XXXXXX") || exit 99
tmp=$(cd "$tmp" && pwd) || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM
dest=$tmp/stage

failed=0
fail() {
    echo "FAIL: $*" >&2
    failed=1
}

# The sub-make must not join the jobserver of the make running the
# tests (its file descriptors are not passed to tests).
unset MAKEFLAGS MFLAGS MAKELEVEL
if ! $MAKE -C "$TOP_BUILDDIR" install DESTDIR="$dest" >"$tmp/install.log" 2>&1
then
    cat "$tmp/install.log" >&2
    echo "FAIL: make install DESTDIR=... failed" >&2
    exit 1
fi

# Find each installed file wherever the configured prefix put it.
find_one() {
    # find_one DESCRIPTION FIND-ARGS...: the first match, or fail.
    what=$1
    shift
    found=$(find "$dest" "$@" | head -n 1)
    [ -n "$found" ] || fail "$what is not installed"
    printf '%s\n' "$found"
}
prog=$(find_one "the pilcrow program" -path '*/bin/pilcrow' -type f)
so=$(find_one "libpilcrow.so" -name 'libpilcrow.so*' -type f)
header=$(find_one "pilcrow.h" -path '*/include/pilcrow.h' -type f)
pc=$(find_one "pilcrow.pc" -path '*/pkgconfig/pilcrow.pc' -type f)
man1=$(find_one "pilcrow(1)" -path '*/man1/pilcrow.1' -type f)
man3=$(find_one "pilcrow(3)" -path '*/man3/pilcrow.3' -type f)
[ "$failed" -eq 0 ] || { find "$dest" >&2; exit 1; }

libdir=$(dirname "$so")
[ "$(dirname "$(dirname "$pc")")" = "$libdir" ] ||
    fail "pilcrow.pc is not in \$libdir/pkgconfig ($pc, library in $libdir)"
[ -x "$prog" ] || fail "$prog is not executable"
[ -s "$man3" ] || fail "pilcrow(3) is empty"
cmp -s "$header" "$TOP_SRCDIR/src/lib/pilcrow.h" ||
    fail "the installed header differs from src/lib/pilcrow.h"
# Only the public header is installed.
n_headers=$(find "$(dirname "$header")" -name '*.h' | wc -l)
[ "$n_headers" -eq 1 ] || fail "$n_headers headers installed, want 1"
find "$dest" -name '*.la' -path '*core*' | grep -q . &&
    fail "the core convenience library was installed"

# pkg-config on the staged tree: the sysroot prefixes -I and -L.
PKG_CONFIG_PATH=$(dirname "$pc")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
PKG_CONFIG_SYSROOT_DIR=$dest
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
if ! flags=$(pkg-config --cflags --libs pilcrow 2>"$tmp/pc.err"); then
    fail "pkg-config --cflags --libs pilcrow: $(cat "$tmp/pc.err")"
    exit 1
fi
version=$(pkg-config --modversion pilcrow)
hversion=$(sed -n 's/^#define PILCROW_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)$/\2/p' \
    "$header" | paste -sd. -)
[ "$version" = "$hversion" ] ||
    fail "pilcrow.pc version $version is not the header's ($hversion)"
echo "pkg-config: $flags"

# Build the example as a user would, then run it on the staged library.
# shellcheck disable=SC2086
# A sanitized build installs a sanitized library: the program that
# links it needs the same runtime (SAN_FLAGS and SAN_LDFLAGS are empty
# otherwise).
if ! $CC -std=c99 -Wall -Wextra ${SAN_FLAGS:-} -o "$tmp/index-and-search" \
        "$TOP_SRCDIR/doc/examples/index-and-search.c" $flags \
        ${SAN_LDFLAGS:-} >"$tmp/cc.log" 2>&1; then
    cat "$tmp/cc.log" >&2
    fail "the example does not build with pkg-config's flags"
    exit 1
fi
# Prove it is the staged library that runs, not the build tree's.
LD_LIBRARY_PATH=$libdir TMPDIR=$tmp "$tmp/index-and-search" >"$tmp/out" \
    2>"$tmp/err"
st=$?
[ "$st" -eq 0 ] || fail "the installed example exited $st: $(cat "$tmp/err")"
grep -q '^1\. A/52/314, ' "$tmp/out" || fail "the installed example found nothing"
if command -v ldd >/dev/null 2>&1; then
    LD_LIBRARY_PATH=$libdir ldd "$tmp/index-and-search" |
        grep -q "$libdir/libpilcrow" ||
        fail "the example did not load the staged libpilcrow"
fi

# The installed program runs too.
LD_LIBRARY_PATH=$libdir "$prog" --version >"$tmp/v" 2>&1 ||
    fail "the installed pilcrow --version failed: $(cat "$tmp/v")"

exit $failed
