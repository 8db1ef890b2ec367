/*
 * fuzz.h - what the fuzz targets share: the entry points libFuzzer
 * and the plain driver (replay.c) call, a check that aborts, a private
 * temporary directory, and the small index that the query and record
 * targets search.  Static functions, one copy per target.
 *
 * The index is built once per process, under the temporary directory,
 * from the .txt files of corpus/ and every document of tests/data
 * (those the parser refuses, such as binary.bin, are left out as
 * pilcrow index leaves them out).  Each input then opens it afresh, so
 * that what an input does never depends on the inputs before it.
 *
 * The temporary directory is made in the current directory, as the
 * C tests make theirs (doc/conventions.md T6), and removed at exit; a
 * target that crashes leaves it behind (tests/fuzz/fuzz.sh runs each
 * target in a working directory of its own).  The documents are found
 * through $CORPUS and $TESTDATA (set by make check and make fuzz), else
 * in the source tree the target was built from.
 */
#ifndef PILCROW_FUZZ_H
#define PILCROW_FUZZ_H

/* nftw(); so this header comes before any other. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow.h"

#ifndef FUZZ_TOP_SRCDIR
#define FUZZ_TOP_SRCDIR "."
#endif

/* The entry points: libFuzzer's, or the plain driver's. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A target's LLVMFuzzerInitialize: SETUP (a void function), once. */
#define FUZZ_SETUP(setup)                                               \
    int                                                                 \
    LLVMFuzzerInitialize(int *argc, char ***argv)                       \
    {                                                                   \
        (void)argc;                                                     \
        (void)argv;                                                     \
        setup();                                                        \
        return 0;                                                       \
    }

/* Non-zero when strings A and B (either NULL) are equal. */
static inline int
fuzz_same_str(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* For a target with nothing to set up. */
static inline void
fuzz_no_setup(void)
{
}

/* A check of what the library promises.  Failing it is a finding: say
 * where on stderr and abort, so libFuzzer keeps the input and the
 * plain driver fails.  Nothing else in a target prints. */
#define FUZZ_CHECK(cond)                                                \
    do {                                                                \
        if (!(cond)) {                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,      \
                    __LINE__, #cond);                                   \
            abort();                                                    \
        }                                                               \
    } while (0)

/* A setup failure (not a finding): say so and exit 99. */
static inline void
fuzz_setup_failed(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz setup: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    exit(99);
}

/* Where a value is folded so that reading it is not optimised away. */
static volatile size_t fuzz_sink;

/* Read every byte of string S (NULL allowed), as a caller would. */
static inline void
fuzz_touch(const char *s)
{
    if (s != NULL)
        fuzz_sink += strlen(s);
}

/* ---- the temporary directory ---- */

static char fuzz_tmp[64];

/* nftw() callback: remove one entry. */
static inline int
fuzz_rm_entry(const char *path, const struct stat *sb, int type,
              struct FTW *ftw)
{
    (void)sb;
    (void)type;
    (void)ftw;
    return remove(path);
}

static inline void
fuzz_tmp_remove(void)
{
    if (fuzz_tmp[0] != '\0')
        nftw(fuzz_tmp, fuzz_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The process's temporary directory, made on first use and removed at
 * exit. */
static inline const char *
fuzz_tmpdir(void)
{
    if (fuzz_tmp[0] == '\0') {
        strcpy(fuzz_tmp, "fuzz-tmp-XXXXXX");
        if (mkdtemp(fuzz_tmp) == NULL)
            fuzz_setup_failed("cannot make a temporary directory", NULL);
        atexit(fuzz_tmp_remove);
    }
    return fuzz_tmp;
}

/* Write the SIZE bytes at DATA to file PATH. */
static inline void
fuzz_write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) ||
        fclose(f) != 0)
        fuzz_setup_failed("cannot write", path);
}

/* A NUL-terminated copy of the SIZE bytes at DATA, malloc'd. */
static inline char *
fuzz_strndup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (s == NULL)
        fuzz_setup_failed("out of memory", NULL);
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* ---- the index ---- */

/* The id pilcrow gives the corpus report: its file name. */
#define FUZZ_CORPUS_DOC "international-migration-and-development-1997"

static char fuzz_index_path[128];

/* Index every file of directory DIR whose name ends in SUFFIX (NULL:
 * every file), in name order, into DB.  A file the parser refuses is
 * skipped; an index that cannot be written is a setup failure.
 * Returns the number of files indexed. */
static inline size_t
fuzz_index_dir(pilcrow_db *db, const char *dir, const char *suffix)
{
    struct dirent **names;
    char path[4096];
    size_t n_indexed = 0;
    int n, i;

    if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
        fuzz_setup_failed("cannot read directory", dir);
    for (i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(name);
        pilcrow_status st;

        if (name[0] != '.' &&
            (suffix == NULL || (len > strlen(suffix) &&
                                strcmp(name + len - strlen(suffix),
                                       suffix) == 0))) {
            snprintf(path, sizeof(path), "%s/%s", dir, name);
            st = pilcrow_index_file(db, path, NULL, NULL);
            if (st == PILCROW_OK)
                n_indexed++;
            else if (st != PILCROW_IO && st != PILCROW_BADINPUT &&
                     st != PILCROW_NOTFOUND)
                fuzz_setup_failed("cannot index", pilcrow_db_errmsg(db));
        }
        free(names[i]);
    }
    free(names);
    return n_indexed;
}

/* The directory of $VAR, else DEFAULT_DIR under the source tree. */
static inline void
fuzz_data_dir(char *buf, size_t size, const char *var,
              const char *default_dir)
{
    const char *dir = getenv(var);

    if (dir != NULL && *dir != '\0')
        snprintf(buf, size, "%s", dir);
    else
        snprintf(buf, size, "%s/%s", FUZZ_TOP_SRCDIR, default_dir);
}

/* The path of the index, built on first use. */
static inline const char *
fuzz_index(void)
{
    char corpus[2048], testdata[2048], *err = NULL;
    pilcrow_db *db;

    if (fuzz_index_path[0] != '\0')
        return fuzz_index_path;
    snprintf(fuzz_index_path, sizeof(fuzz_index_path), "%s/index",
             fuzz_tmpdir());
    if (pilcrow_db_open(&db, fuzz_index_path,
                        PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE |
                        PILCROW_OPEN_NOSYNC, &err) < 0)
        fuzz_setup_failed("cannot create the index", err);
    fuzz_data_dir(corpus, sizeof(corpus), "CORPUS", "corpus");
    fuzz_data_dir(testdata, sizeof(testdata), "TESTDATA", "tests/data");
    if (fuzz_index_dir(db, corpus, ".txt") == 0)
        fuzz_setup_failed("no document indexed from", corpus);
    if (fuzz_index_dir(db, testdata, NULL) == 0)
        fuzz_setup_failed("no document indexed from", testdata);
    if (pilcrow_index_commit(db) < 0)
        fuzz_setup_failed("cannot commit the index", pilcrow_db_errmsg(db));
    pilcrow_db_close(db);
    return fuzz_index_path;
}

/* The index, opened for reading; abort if it cannot be, since it could
 * a moment ago. */
static inline pilcrow_db *
fuzz_index_open(void)
{
    pilcrow_db *db = NULL;
    pilcrow_status st;

    st = pilcrow_db_open(&db, fuzz_index(), PILCROW_OPEN_READ, NULL);
    FUZZ_CHECK(st == PILCROW_OK && db != NULL);
    return db;
}

/* ---- records ---- */

/* Read every field of record R as a caller would, and check what
 * pilcrow.h promises of them. */
static inline void
fuzz_walk_record(const pilcrow_record *r)
{
    size_t i, n, text_len = 0;
    const char *text;

    FUZZ_CHECK(r != NULL);
    FUZZ_CHECK(pilcrow_kind_name(pilcrow_record_kind(r)) != NULL);
    /* Never NULL but for symbol, date and annex. */
    FUZZ_CHECK(pilcrow_record_doc(r) != NULL);
    FUZZ_CHECK(pilcrow_record_title(r) != NULL);
    FUZZ_CHECK(pilcrow_record_language(r) != NULL);
    FUZZ_CHECK(pilcrow_record_file(r) != NULL);
    FUZZ_CHECK(pilcrow_record_section(r) != NULL);
    FUZZ_CHECK(pilcrow_record_section_title(r) != NULL);
    FUZZ_CHECK(pilcrow_record_number(r) != NULL);
    FUZZ_CHECK(pilcrow_record_anchor(r) != NULL);
    fuzz_touch(pilcrow_record_doc(r));
    fuzz_touch(pilcrow_record_symbol(r));
    fuzz_touch(pilcrow_record_title(r));
    fuzz_touch(pilcrow_record_date(r));
    fuzz_touch(pilcrow_record_language(r));
    fuzz_touch(pilcrow_record_file(r));
    fuzz_touch(pilcrow_record_section(r));
    fuzz_touch(pilcrow_record_section_title(r));
    fuzz_touch(pilcrow_record_number(r));
    fuzz_touch(pilcrow_record_annex(r));
    fuzz_touch(pilcrow_record_anchor(r));
    fuzz_sink += (size_t)pilcrow_record_printed(r);
    text = pilcrow_record_text(r, &text_len);
    FUZZ_CHECK(text != NULL && strlen(text) <= text_len &&
               text[text_len] == '\0');
    n = pilcrow_record_n_cites(r);
    for (i = 0; i < n; i++) {
        FUZZ_CHECK(pilcrow_record_cite(r, i) != NULL);
        fuzz_touch(pilcrow_record_cite(r, i));
    }
    FUZZ_CHECK(pilcrow_record_cite(r, n) == NULL);
    n = pilcrow_record_n_cited_by(r);
    for (i = 0; i < n; i++) {
        FUZZ_CHECK(pilcrow_record_cited_by(r, i) != NULL);
        FUZZ_CHECK(pilcrow_record_cited_by_anchor(r, i) != NULL);
        fuzz_touch(pilcrow_record_cited_by(r, i));
        fuzz_touch(pilcrow_record_cited_by_anchor(r, i));
    }
    FUZZ_CHECK(pilcrow_record_cited_by(r, n) == NULL);
    FUZZ_CHECK(pilcrow_record_cited_by_anchor(r, n) == NULL);
}

#endif
