# tests/analyze.mk: filled in by its owner.
