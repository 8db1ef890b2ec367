# Unit tests of the core library.  Each is a C program linked with the
# convenience library so it reaches internals (doc/conventions.md T2, L1).
UNIT_CORE = tests/unit/t-status tests/unit/t-store tests/unit/t-snippet \
	tests/unit/t-db tests/unit/t-query tests/unit/t-terms \
	tests/unit/t-analyze
check_PROGRAMS += $(UNIT_CORE)
TESTS += $(UNIT_CORE)
tests_unit_t_status_SOURCES = tests/unit/t-status.c
tests_unit_t_status_LDADD = $(TEST_LIBS)
tests_unit_t_store_SOURCES = tests/unit/t-store.c
tests_unit_t_store_LDADD = $(TEST_LIBS)
tests_unit_t_snippet_SOURCES = tests/unit/t-snippet.c
tests_unit_t_snippet_LDADD = $(TEST_LIBS)
tests_unit_t_db_SOURCES = tests/unit/t-db.c
tests_unit_t_db_LDADD = $(TEST_LIBS)
tests_unit_t_query_SOURCES = tests/unit/t-query.c
tests_unit_t_query_LDADD = $(TEST_LIBS)
tests_unit_t_terms_SOURCES = tests/unit/t-terms.c
tests_unit_t_terms_LDADD = $(TEST_LIBS)
tests_unit_t_analyze_SOURCES = tests/unit/t-analyze.c
tests_unit_t_analyze_LDADD = $(TEST_LIBS)
