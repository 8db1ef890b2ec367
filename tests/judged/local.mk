# tests/judged/local.mk: judged query set (ranking regression).
