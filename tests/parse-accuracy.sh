#!/bin/sh
# Parser accuracy over the un-docs-2025 corpus (issue 3); skipped (77)
# when the shared corpora are absent.
dir="${SHARED_CORPORA:-}/un-docs-2025/txt"
[ -n "${SHARED_CORPORA:-}" ] && [ -d "$dir" ] || exit 77
exec "${TOP_BUILDDIR:-.}/tests/parse-accuracy" "$dir"
