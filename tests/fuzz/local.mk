# tests/fuzz/local.mk: the fuzz targets (doc/conventions.md T2).
#
# Each target, tests/fuzz/fuzz-TARGET.c, defines LLVMFuzzerTestOneInput.
# Linked with the plain driver (replay.c) it is a check program,
# tests/fuzz/replay-TARGET, built with any compiler: make check runs it
# over the target's seeds and regression inputs (t-replay.sh), also
# under ASan, UBSan and valgrind.  With configure --enable-fuzzing
# (CC=clang CXX=clang++) the targets are also linked with libFuzzer,
# as tests/fuzz/fuzz-TARGET, and make fuzz runs each for FUZZ_SECONDS
# seconds (tests/fuzz/fuzz.sh).  The targets link the core convenience
# library, for the store target's private API.

FUZZ_TARGETS = parse query store record
FUZZ_SECONDS = 60
# Real documents added to the parser's seeds when the directory exists.
FUZZ_CORPORA = $(abs_top_srcdir)/../shared/corpora

FUZZ_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS) \
	-DFUZZ_TOP_SRCDIR='"$(abs_top_srcdir)"'
FUZZ_LIBS = $(TEST_LIBS) $(ZLIB_LIBS)

FUZZ_REPLAY = tests/fuzz/replay-parse tests/fuzz/replay-query \
	tests/fuzz/replay-store tests/fuzz/replay-record
check_PROGRAMS += $(FUZZ_REPLAY)
tests_fuzz_replay_parse_SOURCES = tests/fuzz/fuzz-parse.c \
	tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_parse_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_parse_LDADD = $(FUZZ_LIBS)
tests_fuzz_replay_query_SOURCES = tests/fuzz/fuzz-query.c \
	tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_query_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_query_LDADD = $(FUZZ_LIBS)
tests_fuzz_replay_store_SOURCES = tests/fuzz/fuzz-store.c \
	tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_store_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_store_LDADD = $(FUZZ_LIBS)
tests_fuzz_replay_record_SOURCES = tests/fuzz/fuzz-record.c \
	tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_record_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_replay_record_LDADD = $(FUZZ_LIBS)

# make fuzz-store-seeds: write the store target's seeds again from
# documents, as the indexer stores them (after a change of the format).
EXTRA_PROGRAMS = tests/fuzz/store-seeds
tests_fuzz_store_seeds_SOURCES = tests/fuzz/store-seeds.c
tests_fuzz_store_seeds_LDADD = $(FUZZ_LIBS)
FUZZ_STORE_DOCS = corpus/international-migration-and-development-1997.txt \
	tests/data/repeated-annex.txt tests/data/star-note.txt \
	tests/data/emphasis.md tests/data/resolution.md \
	tests/data/pdftotext.txt tests/data/speech.txt.gz
fuzz-store-seeds: tests/fuzz/store-seeds$(EXEEXT)
	rm -f $(srcdir)/tests/fuzz/seeds/store/*
	tests/fuzz/store-seeds$(EXEEXT) $(srcdir)/tests/fuzz/seeds/store \
	    $(FUZZ_STORE_DOCS:%=$(srcdir)/%)
.PHONY: fuzz-store-seeds
CLEANFILES += tests/fuzz/store-seeds$(EXEEXT)

TESTS += tests/fuzz/t-replay.sh
EXTRA_DIST += tests/fuzz/t-replay.sh tests/fuzz/fuzz.sh \
	tests/fuzz/seeds tests/fuzz/regress tests/fuzz/dict
CLEANFILES += tests/fuzz/fuzz-*.log

if ENABLE_FUZZING
FUZZ_PROGS = tests/fuzz/fuzz-parse tests/fuzz/fuzz-query \
	tests/fuzz/fuzz-store tests/fuzz/fuzz-record
noinst_PROGRAMS += $(FUZZ_PROGS)
FUZZ_LINK_FLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_parse_SOURCES = tests/fuzz/fuzz-parse.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_parse_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_parse_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_parse_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_query_SOURCES = tests/fuzz/fuzz-query.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_query_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_query_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_query_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_store_SOURCES = tests/fuzz/fuzz-store.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_store_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_store_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_store_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_record_SOURCES = tests/fuzz/fuzz-record.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_record_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_record_LDFLAGS = $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_record_LDADD = $(FUZZ_LIBS)

# make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS='parse ...'] [FUZZ_CORPORA=]
fuzz: $(FUZZ_PROGS)
	@FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_TARGETS='$(FUZZ_TARGETS)' \
	FUZZ_CORPORA='$(FUZZ_CORPORA)' \
	CORPUS='$(abs_top_srcdir)/corpus' \
	TESTDATA='$(abs_top_srcdir)/tests/data' \
	$(SHELL) $(srcdir)/tests/fuzz/fuzz.sh '$(abs_top_srcdir)' \
	    '$(abs_top_builddir)'
else
fuzz:
	@echo "make fuzz: configure with --enable-fuzzing CC=clang CXX=clang++" >&2
	@exit 1
endif
.PHONY: fuzz

# make clean leaves what the fuzzers found and learnt: the working
# corpora (tests/fuzz/corpus) and the crash inputs (tests/fuzz/findings).
clean-local: clean-fuzz
clean-fuzz:
	-rm -rf tests/fuzz/work tests/fuzz/shared-seeds
distclean-local: distclean-fuzz
distclean-fuzz: clean-fuzz
	-rm -rf tests/fuzz/corpus tests/fuzz/findings
.PHONY: clean-fuzz distclean-fuzz
