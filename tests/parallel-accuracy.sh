#!/bin/sh
# Accuracy of the language versions of a record (show --parallel) over
# the UN Parallel Corpus dev set and the UDHR in the six UN languages
# (tests/parallel-accuracy.c says what is measured); skipped (77) when
# the shared corpora are absent.
[ -n "${SHARED_CORPORA:-}" ] &&
    [ -d "$SHARED_CORPORA/unpc-v1.0-devset/docs/en" ] &&
    [ -d "$SHARED_CORPORA/udhr-multilingual/txt" ] || exit 77
prog="${TOP_BUILDDIR:-.}/tests/parallel-accuracy"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pilcrow-par.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
"$prog" "$SHARED_CORPORA/unpc-v1.0-devset/docs" \
    "$SHARED_CORPORA/udhr-multilingual/txt" "$tmp"
