/*
 * analyze-speed.c - throughput of the analysis pipeline (pc_analyze)
 * over real text.
 *
 *   analyze-speed [-l LANG] [-c CACHE_ENTRIES] [-r REPEAT] FILE...
 *
 * Every FILE is read into memory first, then analysed REPEAT times
 * (default 1) with one analyser; reading is not timed.  Prints bytes,
 * tokens, seconds, MB/s and tokens/s.  -c 0 turns the stem cache off
 * (to measure what it buys); the default is the library's bound.
 * Files that cannot be read are reported and skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pilcrow-private.h"

struct text {
    char *data;
    size_t len;
};

/* Count the tokens; sum their term lengths so nothing is optimised
 * away. */
struct counts {
    unsigned long long tokens;
    unsigned long long term_bytes;
};

static int
count_token(const struct pc_token *tok, void *payload)
{
    struct counts *c = payload;

    c->tokens++;
    c->term_bytes += tok->term_len;
    return 0;
}

static int
read_file(const char *path, struct text *t)
{
    FILE *f = fopen(path, "rb");
    long n;

    if (f == NULL)
        return -1;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0 ||
        (t->data = malloc((size_t)n + 1)) == NULL) {
        fclose(f);
        return -1;
    }
    t->len = fread(t->data, 1, (size_t)n, f);
    fclose(f);
    return 0;
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    const char *lang = "en";
    long cache = -1, repeat = 1, r;
    struct text *texts;
    size_t n_texts = 0, i;
    unsigned long long bytes = 0;
    struct counts c = { 0, 0 };
    struct pc_analyzer *a = NULL;
    pilcrow_status st;
    double t0, secs;
    int argi = 1;

    while (argi + 1 < argc && argv[argi][0] == '-') {
        if (strcmp(argv[argi], "-l") == 0)
            lang = argv[argi + 1];
        else if (strcmp(argv[argi], "-c") == 0)
            cache = atol(argv[argi + 1]);
        else if (strcmp(argv[argi], "-r") == 0)
            repeat = atol(argv[argi + 1]);
        else
            break;
        argi += 2;
    }
    if (argi >= argc) {
        fprintf(stderr, "usage: analyze-speed [-l LANG] [-c CACHE] "
                "[-r REPEAT] FILE...\n");
        return 2;
    }
    if ((texts = calloc((size_t)(argc - argi), sizeof(*texts))) == NULL)
        return 2;
    for (; argi < argc; argi++) {
        if (read_file(argv[argi], &texts[n_texts]) != 0) {
            fprintf(stderr, "analyze-speed: cannot read %s\n", argv[argi]);
            continue;
        }
        bytes += texts[n_texts++].len;
    }
    if ((st = pc_analyzer_new(&a, lang)) != PILCROW_OK) {
        fprintf(stderr, "analyze-speed: %s: %s\n", lang,
                pilcrow_status_str(st));
        return 2;
    }
    if (cache >= 0)
        pc_analyzer_set_cache(a, (size_t)cache);
    t0 = now();
    for (r = 0; r < repeat; r++) {
        for (i = 0; i < n_texts; i++) {
            st = pc_analyze(a, texts[i].data, texts[i].len, count_token,
                            &c);
            if (st != PILCROW_OK) {
                fprintf(stderr, "analyze-speed: %s\n",
                        pilcrow_status_str(st));
                return 2;
            }
        }
    }
    secs = now() - t0;
    bytes *= (unsigned long long)repeat;
    printf("lang=%s cache=%ld files=%zu bytes=%llu tokens=%llu "
           "seconds=%.3f MB/s=%.1f Mtokens/s=%.2f\n",
           lang, cache < 0 ? 65536L : cache, n_texts, bytes, c.tokens, secs,
           (double)bytes / 1e6 / secs, (double)c.tokens / 1e6 / secs);
    pc_analyzer_free(a);
    for (i = 0; i < n_texts; i++)
        free(texts[i].data);
    free(texts);
    return 0;
}
