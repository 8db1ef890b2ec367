# tests/parse.mk: filled in by its owner.
