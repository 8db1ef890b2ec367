#!/bin/sh
# Run one test under valgrind (configure --enable-valgrind).  C test
# programs run under valgrind directly; shell tests run as usual with
# PILCROW_VALGRIND set, and tests/cli/lib.sh puts valgrind in front of
# every pilcrow command they run.
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
case $1 in
*.sh)
    PILCROW_VALGRIND=$VG
    export PILCROW_VALGRIND
    exec sh "$@"
    ;;
esac
# C tests see it too, to leave out their checks of time.
PILCROW_VALGRIND=$VG
export PILCROW_VALGRIND
exec ${LIBTOOL:-libtool} --mode=execute $VG "$@"
