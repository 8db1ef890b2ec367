#!/bin/sh
# t-security.sh - SECURITY.md, README.md and pilcrow(1) state the limits
# that pilcrow.h defines (PILCROW_QUERY_MAX_*, PILCROW_DOC_MAX_BYTES),
# so the documents cannot drift from the code.
set -u

: "${TOP_SRCDIR:?run through make check}"
header=$TOP_SRCDIR/src/lib/pilcrow.h
failed=0

# The value of macro $1 in pilcrow.h.
macro() {
    sed -n "s/^#define $1 \\([0-9][0-9]*\\)\$/\\1/p" "$header"
}

# $1 with thousands separators: 65536 -> 65,536.
commas() {
    printf '%s\n' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'
}

# File $1 holds the fixed string $2.
expect_in() {
    if ! grep -F -q -- "$2" "$1"; then
        echo "FAIL: $(basename "$1") does not say: $2"
        failed=1
    fi
}

bytes=$(macro PILCROW_QUERY_MAX_BYTES)
depth=$(macro PILCROW_QUERY_MAX_DEPTH)
terms=$(macro PILCROW_QUERY_MAX_TERMS)
doc=$(macro PILCROW_DOC_MAX_BYTES)
if [ -z "$bytes" ] || [ -z "$depth" ] || [ -z "$terms" ] || [ -z "$doc" ]
then
    echo "ERROR: a limit is missing from pilcrow.h"
    exit 99
fi
mib=$((doc / 1024 / 1024))

sec=$TOP_SRCDIR/SECURITY.md
expect_in "$sec" "$(commas "$bytes") bytes (\`PILCROW_QUERY_MAX_BYTES\`)"
expect_in "$sec" "nested $depth deep (\`PILCROW_QUERY_MAX_DEPTH\`)"
expect_in "$sec" "$(commas "$terms") (\`PILCROW_QUERY_MAX_TERMS\`)"
expect_in "$sec" "$mib MiB of text once inflated"
expect_in "$sec" "more than $mib MiB of text: too large for a document"
expect_in "$sec" "issue tracker"

readme=$TOP_SRCDIR/README.md
expect_in "$readme" "at most $(commas "$bytes") bytes"
expect_in "$readme" "nested at most $depth deep"
expect_in "$readme" "at most $(commas "$terms") terms"
expect_in "$readme" "$mib MiB of text once inflated"

man=$TOP_SRCDIR/doc/man/pilcrow.1
expect_in "$man" "at most $bytes bytes"
expect_in "$man" "a document is at most $mib MiB of text"

[ "$failed" -eq 0 ] && echo "PASS: the limits are stated as pilcrow.h sets them"
exit "$failed"
