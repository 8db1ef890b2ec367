#!/bin/sh
# t-header.sh - the public header pilcrow.h compiles alone, with no
# other header before it, as strict C99 and as C++11, without a warning,
# and its option initialisers and enums are usable from both languages.
# The header is installed verbatim (include_HEADERS), so compiling the
# source copy tests the installed one.
set -u

: "${TOP_SRCDIR:?run through make check}"
CC=${CC:-cc}
CXX=${CXX:-c++}
header_dir=$TOP_SRCDIR/src/lib

tmp=$(mktemp -d "t-header-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

failed=0

# A translation unit that includes only pilcrow.h and touches every
# public type, macro and enumeration.
cat >"$tmp/use.c" <<'EOT'
#include <pilcrow.h>

#if !defined(PILCROW_VERSION_NUMBER) || PILCROW_VERSION_NUMBER != \
    PILCROW_VERSION_MAJOR * 10000 + PILCROW_VERSION_MINOR * 100 + \
    PILCROW_VERSION_PATCH
#error "PILCROW_VERSION_NUMBER disagrees with its parts"
#endif

static void
warn_cb(const char *message, void *payload)
{
    (void)message;
    (void)payload;
}

int
use_header(void);

int
use_header(void)
{
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_query_options qo = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_stats stats;
    pilcrow_status st = PILCROW_OK;
    pilcrow_kind kind = PILCROW_KIND_NOTE;
    pilcrow_db *db = 0;
    pilcrow_doc *doc = 0;
    pilcrow_query *q = 0;
    pilcrow_hits *hits = 0;
    const pilcrow_record *r = 0;
    pilcrow_warn_fn *fn = warn_cb;
    unsigned flags = PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE;
    const char *(*vf)(void) = pilcrow_version;

    po.warn = fn;
    stats.records = 0;
    (void)qo;
    (void)db;
    (void)doc;
    (void)q;
    (void)hits;
    (void)r;
    (void)flags;
    (void)kind;
    (void)vf;
    (void)sizeof(PILCROW_VERSION);
    return (int)st + (int)stats.records +
           (po.version == PILCROW_PARSE_OPTIONS_VERSION);
}
EOT
cp "$tmp/use.c" "$tmp/use.cc" || exit 99

# The header as the first and only include.
printf '#include <pilcrow.h>\n' >"$tmp/alone.c"
cp "$tmp/alone.c" "$tmp/alone.cc" || exit 99

compile() {
    # compile LABEL COMPILER ARGS...
    label=$1
    shift
    if "$@" >"$tmp/log" 2>&1; then
        echo "ok: $label"
    else
        echo "FAIL: $label" >&2
        cat "$tmp/log" >&2
        failed=1
    fi
}

c_flags="-std=c99 -pedantic -Wall -Wextra -Werror -Wstrict-prototypes"
c_flags="$c_flags -Wmissing-prototypes -I$header_dir"
cxx_flags="-std=c++11 -pedantic -Wall -Wextra -Werror -I$header_dir"

for f in alone use; do
    # shellcheck disable=SC2086
    compile "C99 $f.c" "$CC" $c_flags -c "$tmp/$f.c" -o "$tmp/$f-c.o"
    # shellcheck disable=SC2086
    compile "C++11 $f.cc" "$CXX" $cxx_flags -c "$tmp/$f.cc" \
        -o "$tmp/$f-cxx.o"
done

# The C++ object must see C linkage: no mangled pilcrow_ references.
if command -v nm >/dev/null 2>&1; then
    printf '#include <pilcrow.h>\nint f();\nint f() { return pilcrow_version_number(); }\n' \
        >"$tmp/link.cc"
    # shellcheck disable=SC2086
    compile "C++ reference" "$CXX" $cxx_flags -c "$tmp/link.cc" \
        -o "$tmp/link.o"
    if [ -f "$tmp/link.o" ] &&
       ! nm -u "$tmp/link.o" | grep -q '^ *U pilcrow_version_number$'; then
        echo "FAIL: pilcrow.h declarations lack extern \"C\" for C++" >&2
        nm -u "$tmp/link.o" >&2
        failed=1
    fi
fi

exit $failed
