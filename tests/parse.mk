# tests/parse.mk: the reader and parser tests (issue 3), and the
# accuracy of language versions (issue 14).
check_PROGRAMS += tests/unit/t-parse tests/unit/t-reader tests/parse-accuracy \
	tests/parallel-accuracy
tests_unit_t_parse_SOURCES = tests/unit/t-parse.c tests/unit/check.h
tests_unit_t_parse_LDADD = $(TEST_LIBS)
tests_unit_t_parse_CPPFLAGS = $(AM_CPPFLAGS)
tests_unit_t_reader_SOURCES = tests/unit/t-reader.c tests/unit/check.h
tests_unit_t_reader_LDADD = $(TEST_LIBS)
tests_unit_t_reader_CPPFLAGS = $(AM_CPPFLAGS)
tests_parse_accuracy_SOURCES = tests/parse-accuracy.c tests/accuracy.h
tests_parse_accuracy_LDADD = $(TEST_LIBS)
tests_parse_accuracy_CPPFLAGS = $(AM_CPPFLAGS)
tests_parallel_accuracy_SOURCES = tests/parallel-accuracy.c tests/accuracy.h
tests_parallel_accuracy_LDADD = $(TEST_LIBS)
tests_parallel_accuracy_CPPFLAGS = $(AM_CPPFLAGS)
TESTS += tests/unit/t-parse tests/unit/t-reader tests/parse-accuracy.sh \
	tests/parallel-accuracy.sh tests/phrase-accuracy.sh
EXTRA_DIST += tests/parse-accuracy.sh tests/parallel-accuracy.sh \
	tests/phrase-accuracy.sh
# Citation recognition (issue 15): the judged sentences always, the
# shared corpora when present.
check_PROGRAMS += tests/cite-accuracy
tests_cite_accuracy_SOURCES = tests/cite-accuracy.c
tests_cite_accuracy_LDADD = $(TEST_LIBS)
tests_cite_accuracy_CPPFLAGS = $(AM_CPPFLAGS)
TESTS += tests/cite-accuracy.sh
EXTRA_DIST += tests/cite-accuracy.sh tests/cite-judged.tsv
# UN metadata (issue 20): the hand-checked table, when the shared
# corpora are present.
check_PROGRAMS += tests/meta-accuracy
tests_meta_accuracy_SOURCES = tests/meta-accuracy.c tests/accuracy.h
tests_meta_accuracy_LDADD = $(TEST_LIBS)
tests_meta_accuracy_CPPFLAGS = $(AM_CPPFLAGS)
TESTS += tests/meta-accuracy.sh
EXTRA_DIST += tests/meta-accuracy.sh tests/meta-judged.tsv
