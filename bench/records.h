/*
 * records.h - what the peer programs of the bench share: a clock and
 * the unescaping of the records file's fields (\\, \t, \n).  Compiles
 * as C99 and as C++.
 */
#ifndef BENCH_RECORDS_H
#define BENCH_RECORDS_H

#include <stddef.h>
#include <time.h>

static double
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Undo the \\, \t, \n escapes of S in place; returns the new length. */
static size_t
unescape(char *s)
{
    char *r = s, *w = s;

    while (*r) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
            r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

#endif
