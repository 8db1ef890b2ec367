# tests/judged/local.mk: judged query set (ranking regression).
# t-judged.sh indexes corpus/ and the un-docs-2025 files in docs.txt (when
# $SHARED_CORPORA has them) and checks the top-3 hit rate of queries.tsv.
TESTS += tests/judged/t-judged.sh
EXTRA_DIST += tests/judged/t-judged.sh tests/judged/queries.tsv \
	tests/judged/docs.txt
