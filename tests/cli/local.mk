# tests/cli/local.mk: filled in by its owner.
