/*
 * unicode.cc - Xapian::Unicode's character tables for the C analyser
 * (src/lib/analyze.c).  pilcrow has no hand-written Unicode tables:
 * word characters, case mapping and general categories all come from
 * the Xapian library through these three functions.
 *
 * The Xapian functions are inline table look-ups that cannot throw;
 * each body is still one try block (doc/conventions.md X2) so that no C++ exception
 * can ever cross into C.  On the impossible failure a code point is
 * "not a word character", lower-cases to itself and has category 0
 * (unassigned).
 */
#include <xapian.h>

#include "shim.h"

/*
 * analyze.c names a few categories by number (it is C and cannot see
 * the C++ enum).  If a Xapian release ever renumbered them, the build
 * stops here rather than the analyser silently misclassifying text.
 */
static_assert(Xapian::Unicode::DECIMAL_DIGIT_NUMBER == 9,
              "Xapian category numbering changed: update analyze.c");
static_assert(Xapian::Unicode::FORMAT == 16,
              "Xapian category numbering changed: update analyze.c");
static_assert(Xapian::Unicode::CONNECTOR_PUNCTUATION == 19,
              "Xapian category numbering changed: update analyze.c");

extern "C" int
pcx_unicode_is_wordchar(uint32_t cp)
{
    try {
        return Xapian::Unicode::is_wordchar(cp) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

extern "C" uint32_t
pcx_unicode_tolower(uint32_t cp)
{
    try {
        return (uint32_t)Xapian::Unicode::tolower(cp);
    } catch (...) {
        return cp;
    }
}

extern "C" int
pcx_unicode_category(uint32_t cp)
{
    try {
        return (int)Xapian::Unicode::get_category(cp);
    } catch (...) {
        return 0;
    }
}
