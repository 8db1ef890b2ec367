# tests/lib/local.mk: library API tests (owner: library).
#
# The examples of doc/examples are built against the installed-style
# library (public API only) and run by tests/lib/t-examples.sh; the C
# tests of misuse, allocation failures and threads link the core
# convenience library to reach pc_alloc_fail_after(); the shell tests
# check the header, the exported symbols and a staged installation.

EXAMPLES = doc/examples/index-and-search doc/examples/batch-search
check_PROGRAMS += $(EXAMPLES)
# The examples are plain C99 with their own feature macros, as a user
# would compile them: no project -D flags.
EXAMPLE_CFLAGS = -std=c99 -pedantic $(WARN_FLAGS) $(SAN_FLAGS)
doc_examples_index_and_search_SOURCES = doc/examples/index-and-search.c
doc_examples_index_and_search_CFLAGS = $(EXAMPLE_CFLAGS)
doc_examples_index_and_search_LDADD = src/lib/libpilcrow.la
doc_examples_batch_search_SOURCES = doc/examples/batch-search.c
doc_examples_batch_search_CFLAGS = $(EXAMPLE_CFLAGS)
doc_examples_batch_search_LDADD = src/lib/libpilcrow.la

LIB_UNIT = tests/lib/t-api tests/lib/t-oom tests/lib/t-threads
check_PROGRAMS += $(LIB_UNIT)
tests_lib_t_api_SOURCES = tests/lib/t-api.c tests/lib/fixture.h
tests_lib_t_api_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_lib_t_api_LDADD = $(TEST_LIBS)
tests_lib_t_oom_SOURCES = tests/lib/t-oom.c tests/lib/fixture.h
tests_lib_t_oom_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_lib_t_oom_LDADD = $(TEST_LIBS)
tests_lib_t_threads_SOURCES = tests/lib/t-threads.c tests/lib/fixture.h
tests_lib_t_threads_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_lib_t_threads_LDADD = $(TEST_LIBS) -lpthread

LIB_SH_TESTS = tests/lib/t-examples.sh tests/lib/t-header.sh \
	tests/lib/t-symbols.sh tests/lib/t-install.sh tests/lib/t-security.sh
TESTS += $(LIB_UNIT) $(LIB_SH_TESTS)
EXTRA_DIST += $(LIB_SH_TESTS)


# The shell tests compile and install: give them the tools configure
# found.
AM_TESTS_ENVIRONMENT += CC='$(CC)'; CXX='$(CXX)'; MAKE='$(MAKE)'; \
	SAN_FLAGS='$(SAN_FLAGS)'; SAN_LDFLAGS='$(SAN_LDFLAGS)'; \
	export CC CXX MAKE SAN_FLAGS SAN_LDFLAGS;
