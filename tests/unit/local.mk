# Unit tests of the core library.  Each is a C program linked with the
# convenience library so it reaches internals (doc/conventions.md T2, L1).
# Each is built from the one source its name gives (tests/unit/t-store
# from tests/unit/t-store.c, automake's default) and links LDADD, the
# default of the whole tree: every other program names its own _LDADD.
UNIT_CORE = tests/unit/t-status tests/unit/t-store tests/unit/t-snippet \
	tests/unit/t-db tests/unit/t-query tests/unit/t-terms \
	tests/unit/t-analyze tests/unit/t-buf tests/unit/t-cite
check_PROGRAMS += $(UNIT_CORE)
TESTS += $(UNIT_CORE)
LDADD = $(TEST_LIBS)
