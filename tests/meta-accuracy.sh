#!/bin/sh
# UN metadata accuracy over the hand-checked table tests/meta-judged.tsv
# (tests/meta-accuracy.c says what is measured); skipped (77) when the
# shared corpora are absent.
[ -n "${SHARED_CORPORA:-}" ] && [ -d "$SHARED_CORPORA/un-docs-2025/txt" ] ||
    exit 77
exec "${TOP_BUILDDIR:-.}/tests/meta-accuracy" \
    "${TOP_SRCDIR:-.}/tests/meta-judged.tsv" "$SHARED_CORPORA"
