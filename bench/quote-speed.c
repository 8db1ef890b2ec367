/*
 * quote-speed.c - how long pilcrow_quote_find() takes (issue 16: "quote
 * of a 100-word quote under 50 ms on the debates index").
 *
 *   quote-speed INDEX QUOTES
 *
 * QUOTES holds one quote a line.  The index is opened once and every
 * quote is looked up once untimed (to warm the caches, as a server
 * would be), then once timed, through the public library only.  Prints
 * the number of quotes, how many found their source at all, and the
 * median, 90th percentile and largest time in milliseconds; with -v,
 * each quote's time too.  Exit 0, or 2 on a usage or open error.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pilcrow.h"

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Look QUOTE up; its time in ms into *MS, and whether any source was
 * found.  -1 on an error, reported. */
static int
find(pilcrow_db *db, const char *quote, double *ms)
{
    pilcrow_quote *qt = NULL;
    pilcrow_status st;
    double t0 = now_ms();
    int found;

    st = pilcrow_quote_find(&qt, db, quote, strlen(quote), 3);
    *ms = now_ms() - t0;
    if (st != PILCROW_OK) {
        fprintf(stderr, "quote-speed: %s: %.40s...\n",
                pilcrow_db_errmsg(db), quote);
        return -1;
    }
    found = pilcrow_quote_n_sources(qt) > 0;
    pilcrow_quote_free(qt);
    return found;
}

int
main(int argc, char **argv)
{
    char line[PILCROW_QUOTE_MAX_BYTES + 2];
    double *ms = NULL, t;
    size_t n = 0, cap = 0, found = 0;
    pilcrow_db *db = NULL;
    char *err = NULL;
    int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    FILE *f;

    if (argc != 3 + verbose) {
        fprintf(stderr, "usage: quote-speed [-v] INDEX QUOTES\n");
        return 2;
    }
    if (pilcrow_db_open(&db, argv[1 + verbose], 0, &err) != PILCROW_OK) {
        fprintf(stderr, "quote-speed: %s\n", err ? err : "cannot open");
        return 2;
    }
    if ((f = fopen(argv[2 + verbose], "r")) == NULL) {
        perror(argv[2 + verbose]);
        return 2;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0')
            continue;
        if (find(db, line, &t) < 0)     /* warm */
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            if ((ms = realloc(ms, cap * sizeof(*ms))) == NULL) {
                fprintf(stderr, "quote-speed: out of memory\n");
                return 2;
            }
        }
        found += find(db, line, &ms[n]) > 0;
        if (verbose)
            printf("%.1f\t%.60s\n", ms[n], line);
        n++;
    }
    fclose(f);
    if (n == 0) {
        fprintf(stderr, "quote-speed: no quotes\n");
        return 2;
    }
    qsort(ms, n, sizeof(*ms), by_value);
    printf("quotes %zu found %zu median_ms %.1f p90_ms %.1f max_ms %.1f\n",
           n, found, ms[n / 2], ms[(n * 9) / 10 < n ? (n * 9) / 10 : n - 1],
           ms[n - 1]);
    free(ms);
    pilcrow_db_close(db);
    return 0;
}
