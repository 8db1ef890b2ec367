# tests/analyze.mk: the analysis pipeline (src/lib/analyze.c,
# src/xapian-shim/unicode.cc).
check_PROGRAMS += tests/unit/t-analyze
tests_unit_t_analyze_SOURCES = tests/unit/t-analyze.c
# unicode's object comes first while src/lib/stubs.c exists: in the
# static convenience archive stubs.o precedes it, and its weak
# pcx_unicode_* (no word characters at all) would otherwise be linked.
tests_unit_t_analyze_LDADD = \
	src/xapian-shim/lib_libpilcrow_core_la-unicode.lo $(TEST_LIBS)
TESTS += tests/unit/t-analyze
