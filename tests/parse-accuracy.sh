#!/bin/sh
# Parser accuracy over the un-docs-2025 corpus and the GA resolutions
# (tests/parse-accuracy.c says what is measured); skipped (77) when the
# shared corpora are absent.
[ -n "${SHARED_CORPORA:-}" ] && [ -d "$SHARED_CORPORA/un-docs-2025/txt" ] ||
    exit 77
prog="${TOP_BUILDDIR:-.}/tests/parse-accuracy"
status=0
echo "== un-docs-2025"
"$prog" "$SHARED_CORPORA/un-docs-2025/txt" || status=1
if [ -d "$SHARED_CORPORA/un-ga-resolutions-80/md" ]; then
    echo "== un-ga-resolutions-80"
    "$prog" "$SHARED_CORPORA/un-ga-resolutions-80/md" resolutions || status=1
fi
exit $status
