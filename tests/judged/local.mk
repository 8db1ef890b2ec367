# tests/judged/local.mk: judged query sets (ranking regression).
# t-judged.sh indexes corpus/ and the un-docs-2025 files in docs.txt (when
# $SHARED_CORPORA has them) and checks the top-3 hit rate of queries.tsv.
# t-judged-lang.sh indexes the dev-set documents of lang-docs.txt in the
# six UN languages into one index and checks the top-3 hit rate of each
# set of lang-queries.tsv (skipped without $SHARED_CORPORA).
# t-judged-quote.sh indexes five real corpora and checks that `quote`
# finds the source of the hand-altered quotes of quotes.tsv and nothing
# for its made-up ones (about 100 s).
TESTS += tests/judged/t-judged.sh tests/judged/t-judged-lang.sh \
	tests/judged/t-judged-quote.sh
EXTRA_DIST += tests/judged/t-judged.sh tests/judged/queries.tsv \
	tests/judged/docs.txt tests/judged/t-judged-lang.sh \
	tests/judged/lang-queries.tsv tests/judged/lang-docs.txt \
	tests/judged/t-judged-quote.sh tests/judged/quotes.tsv
