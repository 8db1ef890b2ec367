/*
 * fixture.h - what the library tests share: a small UN-shaped document
 * held in memory, temporary directories under the current (build)
 * directory, and reading a whole file.  Static functions, one copy per
 * test program.
 */
#ifndef PILCROW_TEST_FIXTURE_H
#define PILCROW_TEST_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow.h"

/* A short document in the shape of corpus/'s report: front matter, a
 * summary, two numbered paragraphs citing a note, and the note. */
static const char fixture_text[] =
    "Distr.: 18 September 1997\n"
    "Symbol: A/52/314\n"
    "\n"
    "Fifty-second session\n"
    "\n"
    "International migration and development\n"
    "\n"
    "Report of the Secretary-General\n"
    "\n"
    "Summary\n"
    "\n"
    "The present report reviews how Governments protect the human\n"
    "rights of migrants and their families.\n"
    "\n"
    "I. Introduction\n"
    "\n"
    "1. The General Assembly, by resolution 49/127, asked for views on\n"
    "a conference on international migration and development.\xc2\xb9\n"
    "\n"
    "2. Several Governments stressed the rights of migrant workers and\n"
    "the protection of refugees.\n"
    "\n"
    "Notes\n"
    "\n"
    "\xc2\xb9 See E/1995/69.\n";

/* nftw() callback: remove one entry. */
static inline int
fixture_rm_entry(const char *path, const struct stat *sb, int type,
                 struct FTW *ftw)
{
    (void)sb;
    (void)type;
    (void)ftw;
    return remove(path);
}

/* Remove directory PATH and everything in it. */
static inline void
fixture_rm_rf(const char *path)
{
    nftw(path, fixture_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Read file PATH whole into a malloc'd buffer; *LEN gets its size.
 * Exits 99 when it cannot. */
static inline char *
fixture_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL ||
        fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(99);
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* The path of the corpus report in BUF (SIZE bytes), from $CORPUS. */
static inline const char *
fixture_corpus_path(char *buf, size_t size)
{
    const char *dir = getenv("CORPUS");

    if (dir == NULL || *dir == '\0') {
        fprintf(stderr, "CORPUS is not set: run through make check\n");
        exit(99);
    }
    snprintf(buf, size, "%s/international-migration-and-development-1997.txt",
             dir);
    return buf;
}

#endif
