# tests/fuzz/local.mk: the fuzz targets (doc/conventions.md T2).
#
# Each target, tests/fuzz/fuzz-TARGET.c, defines LLVMFuzzerTestOneInput.
# Linked with the plain driver (replay.c) it is a check program,
# tests/fuzz/replay-TARGET, built with any compiler: make check runs it
# over the target's seeds and regression inputs (t-replay.sh), also
# under ASan, UBSan and valgrind.  The targets link the core
# convenience library, for the store target's private API.

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
EXTRA_DIST += tests/fuzz/t-replay.sh tests/fuzz/seeds tests/fuzz/regress

