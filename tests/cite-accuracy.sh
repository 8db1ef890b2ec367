#!/bin/sh
# Citation recognition: precision and recall over the judged sentences
# (tests/cite-judged.tsv), and the share of written citations by number
# covered over the shared corpora when they are present
# (tests/cite-accuracy.c says what is measured).
prog="${TOP_BUILDDIR:-.}/tests/cite-accuracy"
judged="${TOP_SRCDIR:-.}/tests/cite-judged.tsv"
set --
if [ -n "${SHARED_CORPORA:-}" ]; then
    for d in un-docs-2025/txt un-ga-resolutions-80/md; do
        [ -d "$SHARED_CORPORA/$d" ] && set -- "$@" "$SHARED_CORPORA/$d"
    done
fi
[ $# -gt 0 ] || echo "SKIP: the shared corpora (only the judged set)"
exec "$prog" "$judged" "$@"
