/*
 * accuracy.h - what the accuracy programs share (parse-accuracy.c,
 * parallel-accuracy.c): a figure checked against its floor and its
 * target.  A static function, one copy per program.
 */
#ifndef PILCROW_TEST_ACCURACY_H
#define PILCROW_TEST_ACCURACY_H

#include <stdio.h>

/* Compare N/D with the floor and target, in tenths of a percent: fail
 * below the floor (returns 0), say so below the target (returns 1). */
static int
check(const char *what, long n, long d, int floor, int target)
{
    if (d == 0)
        return 1;
    if (n * 1000 < d * floor) {
        printf("FAIL: %s %.1f%% is below its floor of %.1f%%\n", what,
               100.0 * n / d, floor / 10.0);
        return 0;
    }
    if (n * 1000 < d * target)
        printf("below target: %s %.1f%% (target %.1f%%, floor %.1f%%)\n",
               what, 100.0 * n / d, target / 10.0, floor / 10.0);
    return 1;
}

#endif /* PILCROW_TEST_ACCURACY_H */
