# tests/lib/local.mk: library API tests (owner: library).
