# tests/cli/local.mk: the pilcrow command's tests (STYLE T3), shell
# scripts sourcing tests/cli/lib.sh, run by automake's parallel harness
# with the environment of AM_TESTS_ENVIRONMENT (PILCROW, CORPUS, ...).

# The batch command inflates gzip input with zlib itself (its gz reader
# cannot serve a co-process over a pipe; see src/cli/cmd-batch.c), so
# the program links zlib directly, not only through libpilcrow.
pilcrow_CPPFLAGS += $(ZLIB_CFLAGS)
pilcrow_LDADD += $(ZLIB_LIBS)

TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)

CLI_TESTS = \
	tests/cli/t010-index.sh \
	tests/cli/t020-search.sh \
	tests/cli/t030-batch.sh \
	tests/cli/t040-errors.sh \
	tests/cli/t050-show.sh \
	tests/cli/t060-parse.sh \
	tests/cli/t070-stats.sh \
	tests/cli/t080-man-examples.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli/data
