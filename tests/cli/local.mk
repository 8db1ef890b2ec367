# tests/cli/local.mk: the pilcrow command's tests (doc/conventions.md T2, T6), shell
# scripts sourcing tests/cli/lib.sh, run by automake's parallel harness
# with the environment of AM_TESTS_ENVIRONMENT (PILCROW, CORPUS, ...).

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
	tests/cli/t080-man-examples.sh \
	tests/cli/t090-crash.sh \
	tests/cli/t100-long-names.sh \
	tests/cli/t110-bidi.sh \
	tests/cli/t120-limits.sh \
	tests/cli/t130-cites.sh \
	tests/cli/t140-parallel.sh \
	tests/cli/t150-languages.sh \
	tests/cli/t160-phrases.sh \
	tests/cli/t170-meta.sh \
	tests/cli/t180-damaged.sh \
	tests/cli/t190-kill.sh \
	tests/cli/t200-concurrent.sh \
	tests/cli/t210-shards.sh \
	tests/cli/t211-shard-dirs.sh \
	tests/cli/t220-quote.sh \
	tests/cli/t230-versions.sh \
	tests/cli/t231-list.sh \
	tests/cli/t232-left-out.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli/data
