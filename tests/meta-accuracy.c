/*
 * meta-accuracy.c - the UN metadata the parser gives (issue 20)
 * against the hand-checked table tests/meta-judged.tsv: for each field
 * (symbol, organ, session, agenda, type, date, family, version, base), the
 * share of the documents where it is right, and the share of documents
 * with every field right; and no document left without a date that
 * prints one.  Usage: meta-accuracy TABLE CORPORA_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow.h"
#include "accuracy.h"

#define N_COLS 9

/* Column I of the table (1..8) as the parser has it for DOC. */
static const char *
field(const pilcrow_doc *doc, int i)
{
    static const pilcrow_meta_field meta[] = {
        PILCROW_META_ORGAN, PILCROW_META_SESSION, PILCROW_META_AGENDA,
        PILCROW_META_TYPE
    };

    if (i == 1)
        return pilcrow_doc_symbol(doc);
    if (i >= 2 && i <= 5)
        return pilcrow_doc_meta(doc, meta[i - 2]);
    if (i == 6)
        return pilcrow_doc_date(doc);
    return pilcrow_doc_meta(doc, i == 7 ? PILCROW_META_VERSION
                                        : PILCROW_META_BASE);
}

int
main(int argc, char **argv)
{
    static const char *const names[N_COLS] = {
        "file", "symbol", "organ", "session", "agenda", "type", "date",
        "version", "base"
    };
    /* Floors in tenths of a percent: the figures reached. */
    static const int floors[N_COLS] = {
        0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000
    };
    char line[4096], path[4096];
    long right[N_COLS] = { 0 }, n = 0, all = 0, undated = 0;
    FILE *f;
    int ok = 1, i;

    if (argc != 3) {
        fprintf(stderr, "usage: meta-accuracy TABLE CORPORA_DIR\n");
        return 99;
    }
    if ((f = fopen(argv[1], "r")) == NULL) {
        perror(argv[1]);
        return 99;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        char *col[N_COLS], *s = line;
        pilcrow_doc *doc = NULL;
        char *err = NULL;
        int every = 1;

        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        for (i = 0; i < N_COLS; i++) {
            col[i] = s;
            s += strcspn(s, "\t");
            if (*s)
                *s++ = '\0';
        }
        if ((size_t)snprintf(path, sizeof(path), "%s/%s", argv[2], col[0]) >=
            sizeof(path)) {
            printf("%s/%s: path too long\n", argv[2], col[0]);
            ok = 0;
            continue;
        }
        if (pilcrow_doc_parse_file(&doc, path, NULL, &err) < 0) {
            printf("%s: %s\n", path, err ? err : "cannot parse");
            pilcrow_free(err);
            ok = 0;
            continue;
        }
        n++;
        for (i = 1; i < N_COLS; i++) {
            const char *got = field(doc, i);
            const char *want = strcmp(col[i], "-") == 0 ? NULL : col[i];

            if ((got == NULL && want == NULL) ||
                (got != NULL && want != NULL && strcmp(got, want) == 0)) {
                right[i]++;
            } else {
                every = 0;
                printf("  %s: %s is %s, judged %s\n", col[0], names[i],
                       got ? got : "-", want ? want : "-");
            }
        }
        if (pilcrow_doc_date(doc) == NULL && strcmp(col[6], "-") != 0)
            undated++;
        all += every;
        pilcrow_doc_free(doc);
    }
    fclose(f);
    for (i = 1; i < N_COLS; i++) {
        printf("%-8s %ld/%ld right (%.1f%%)\n", names[i], right[i], n,
               n ? 100.0 * right[i] / n : 0.0);
        ok &= check(names[i], right[i], n, floors[i], 970);
    }
    printf("every field right: %ld/%ld; without a date that prints one: "
           "%ld\n", all, n, undated);
    ok &= check("every field right", all, n, 1000, 970);
    ok &= check("dated where a date is printed", n - undated, n, 1000, 1000);
    return ok ? 0 : 1;
}
