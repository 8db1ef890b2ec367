# bench/local.mk: `make bench` runs pilcrow against its peers (a
# reference Xapian indexer/searcher, SQLite FTS5, ripgrep) on the real
# corpora; see bench/README.md.  Nothing here is built by `make`,
# `make check` or `make install`: the peers are built by explicit rules
# that only the bench target reaches.
#
#   make bench [BENCH_SIZE=small|full] [BENCH_RUNS=3] [BENCH_WORK=DIR]
#              [SHARED_CORPORA=DIR] [BENCH_SYNTH_MB=400]
#   make bench-queries      (regenerate bench/queries.tsv)
#   make bench-lang [BENCH_RUNS=3] [BENCH_WORK=DIR] [SHARED_CORPORA=DIR]
#                           (bench/lang.sh: languages, issue 14)
#   make bench-shards [BENCH_RUNS=3] [BENCH_WORK=DIR] [SHARED_CORPORA=DIR]
#                           (bench/shards.sh: sharded indexes, issue 17)
#   make bench-quote [BENCH_RUNS=3] [BENCH_QUOTES=100] [BENCH_WORK=DIR]
#                           (bench/quote.sh: pilcrow quote, issue 16)
#   make golden GOLDEN_BASE=OLD/pilcrow [GOLDEN_WORK=DIR]
#                           (bench/golden.sh: ./pilcrow against OLD's)

BENCH_PEERS = bench/ref-xapian$(EXEEXT) bench/fts5$(EXEEXT) \
	bench/synth$(EXEEXT)
BENCH_CFLAGS = -O2 $(WARN_FLAGS)
BENCH_SRC = bench/ref-xapian.cc bench/fts5.c bench/synth.c \
	bench/bench.py bench/make-queries.py bench/run.sh \
	bench/queries.tsv bench/README.md \
	bench/golden.sh bench/golden-queries.tsv bench/records.h \
	bench/lang.sh bench/peers.py bench/LucenePeer.java bench/shards.sh \
	bench/quote.sh bench/quote-speed.c
EXTRA_DIST += $(BENCH_SRC)
CLEANFILES += $(BENCH_PEERS) bench/quote-speed$(EXEEXT)

bench/ref-xapian$(EXEEXT): $(srcdir)/bench/ref-xapian.cc $(srcdir)/bench/records.h
	@$(MKDIR_P) bench
	$(AM_V_CXX)$(CXX) $(BENCH_CFLAGS) $(XAPIAN_CFLAGS) \
	  -o $@ $(srcdir)/bench/ref-xapian.cc $(XAPIAN_LIBS)

bench/fts5$(EXEEXT): $(srcdir)/bench/fts5.c $(srcdir)/bench/records.h
	@$(MKDIR_P) bench
	$(AM_V_CC)$(CC) -std=c99 -Wstrict-prototypes $(BENCH_CFLAGS) \
	  `$(PKG_CONFIG) --cflags sqlite3 2>/dev/null` \
	  -o $@ $(srcdir)/bench/fts5.c \
	  `$(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3`

bench/synth$(EXEEXT): $(srcdir)/bench/synth.c
	@$(MKDIR_P) bench
	$(AM_V_CC)$(CC) -std=c99 -Wstrict-prototypes $(BENCH_CFLAGS) \
	  -o $@ $(srcdir)/bench/synth.c

# pilcrow itself is built if it can be; when it cannot, the run goes on
# and the report says why its column is n/a.  What is measured is the
# installed program, as users run it: `make install` staged with
# DESTDIR under the work directory (never the build tree's ./pilcrow,
# a libtool wrapper script that costs every process a shell start and
# a relink check), with LD_LIBRARY_PATH set to the staged libdir.
# tests/parse-accuracy (a check program) is built for its parse-speed
# figure; without it that figure is n/a.
bench: $(BENCH_PEERS)
	@$(MAKE) $(AM_MAKEFLAGS) pilcrow$(EXEEXT) \
	  || echo "bench: pilcrow did not build: its column will be n/a"
	@$(MAKE) $(AM_MAKEFLAGS) tests/parse-accuracy$(EXEEXT) >/dev/null 2>&1 \
	  || echo "bench: tests/parse-accuracy did not build: its figure" \
	          "will be n/a"
	@w='$(BENCH_WORK)'; test -n "$$w" || w='$(abs_top_builddir)/bench/work'; \
	case $$w in /*) ;; *) w=`pwd`/$$w ;; esac; \
	stage=$$w/inst; rm -rf "$$stage"; $(MKDIR_P) "$$w"; \
	echo "bench: make install DESTDIR=$$stage"; \
	$(MAKE) $(AM_MAKEFLAGS) install DESTDIR="$$stage" \
	  >"$$w/install.log" 2>&1 \
	  || echo "bench: make install failed (see $$w/install.log):" \
	          "the pilcrow column will be n/a"; \
	BENCH_SIZE='$(BENCH_SIZE)' BENCH_RUNS='$(BENCH_RUNS)' \
	BENCH_WORK="$$w" SHARED_CORPORA='$(SHARED_CORPORA)' \
	BENCH_DEFAULT_CORPORA='$(abs_top_srcdir)/../shared/corpora' \
	PILCROW="$$stage$(bindir)/pilcrow$(EXEEXT)" \
	PILCROW_LIBDIR="$$stage$(libdir)" \
	PILCROW_INSTALL="make install DESTDIR=\$$BENCH_WORK/inst" \
	PARSE_ACCURACY='$(abs_top_builddir)/tests/parse-accuracy$(EXEEXT)' \
	REF_XAPIAN='$(abs_top_builddir)/bench/ref-xapian$(EXEEXT)' \
	FTS5='$(abs_top_builddir)/bench/fts5$(EXEEXT)' \
	SYNTH='$(abs_top_builddir)/bench/synth$(EXEEXT)' \
	$(SHELL) $(srcdir)/bench/run.sh

bench-queries:
	d='$(SHARED_CORPORA)'; test -n "$$d" \
	  || d='$(abs_top_srcdir)/../shared/corpora'; \
	python3 $(srcdir)/bench/make-queries.py \
	  "$$d/un-general-debates/txt" "$$d/un-docs-2025/txt" \
	  > $(srcdir)/bench/queries.tsv.tmp \
	&& mv $(srcdir)/bench/queries.tsv.tmp $(srcdir)/bench/queries.tsv

# Golden comparison for refactors: the build's ./pilcrow against
# GOLDEN_BASE (the pilcrow of a build of the old commit, e.g. in a `git
# worktree add` of it), byte for byte over the corpora and the bench
# queries.  GOLDEN_WORK: where the indexes and outputs go (default: a
# temporary directory, removed when identical).  Exit 0 identical, 1
# differences, 2 usage or missing inputs.
GOLDEN_BASE =
GOLDEN_WORK =
golden: pilcrow$(EXEEXT)
	@test -n '$(GOLDEN_BASE)' || { \
	  echo "golden: set GOLDEN_BASE to the pilcrow to compare with" \
	       "(see bench/README.md)" >&2; exit 2; }
	SHARED_CORPORA='$(SHARED_CORPORA)' \
	bash $(srcdir)/bench/golden.sh '$(GOLDEN_BASE)' \
	  '$(abs_top_builddir)/pilcrow$(EXEEXT)' $(GOLDEN_WORK)

clean-bench:
	-rm -rf bench/work

# Languages (issue 14): indexing speed per MB in en, zh, ar and queries
# with no language over six languages against English alone, on the UN
# Parallel Corpus dev set; the installed program, staged as for `bench`.
# bench-lang, bench-shards: bench/$$script.sh run against the program
# installed into a staging directory under BENCH_WORK, as `bench` does.
BENCH_STAGED = w='$(BENCH_WORK)'; test -n "$$w" || w='$(abs_top_builddir)/bench/work'; \
	case $$w in /*) ;; *) w=`pwd`/$$w ;; esac; \
	stage=$$w/inst; rm -rf "$$stage"; $(MKDIR_P) "$$w"; \
	$(MAKE) $(AM_MAKEFLAGS) install DESTDIR="$$stage" \
	  >"$$w/install.log" 2>&1 \
	  || { echo "bench-$$script: make install failed (see $$w/install.log)"; \
	       exit 1; }; \
	BENCH_RUNS='$(BENCH_RUNS)' BENCH_WORK="$$w" \
	SHARED_CORPORA='$(SHARED_CORPORA)' \
	BENCH_DEFAULT_CORPORA='$(abs_top_srcdir)/../shared/corpora' \
	PILCROW="$$stage$(bindir)/pilcrow$(EXEEXT)" \
	PILCROW_LIBDIR="$$stage$(libdir)" \
	$(SHELL) $(srcdir)/bench/$$script.sh

bench-lang: pilcrow$(EXEEXT)
	@script=lang; $(BENCH_STAGED)

bench-shards: pilcrow$(EXEEXT)
	@script=shards; $(BENCH_STAGED)

# The quote timer uses the public library alone, as an embedding
# archive would, linked by libtool against the build's libpilcrow; it
# times inside one process, so the wrapper script costs nothing.
bench/quote-speed$(EXEEXT): $(srcdir)/bench/quote-speed.c src/lib/libpilcrow.la
	@$(MKDIR_P) bench
	$(AM_V_CCLD)$(LIBTOOL) $(AM_V_lt) --tag=CC --mode=link $(CC) -std=c99 \
	  $(BENCH_CFLAGS) -I$(srcdir)/src/lib -o $@ \
	  $(srcdir)/bench/quote-speed.c src/lib/libpilcrow.la

bench-quote: pilcrow$(EXEEXT) bench/quote-speed$(EXEEXT)
	@script=quote; \
	QUOTE_SPEED='$(abs_top_builddir)/bench/quote-speed$(EXEEXT)'; \
	export QUOTE_SPEED; $(BENCH_STAGED)

.PHONY: bench bench-queries bench-lang bench-shards bench-quote clean-bench \
	golden
