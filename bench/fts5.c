/*
 * fts5.c: the SQLite FTS5 peer of pilcrow's benchmark.
 *
 *   fts5 index DBFILE RECORDS.tsv
 *       CREATE VIRTUAL TABLE r USING fts5(doc UNINDEXED, anchor
 *       UNINDEXED, text, tokenize='porter unicode61'); one transaction
 *       per 10,000 rows.
 *   fts5 search DBFILE QUERIES TIMINGS [N]
 *       Each query line is turned into FTS5 syntax (every word and every
 *       "quoted phrase" becomes a quoted FTS5 string, so symbols such as
 *       49/127 or A/CONF.157/24 cannot break the syntax; strings side by
 *       side are ANDed), then
 *         SELECT doc, anchor, bm25(r), snippet(r, 2, '[', ']', '...', 32)
 *         FROM r WHERE r MATCH ? ORDER BY bm25(r) LIMIT N
 *       Results go to stdout; one line per query goes to TIMINGS:
 *       "qid<TAB>microseconds<TAB>-1<TAB>hits" (no match count: FTS5 has
 *       no cheap estimate and counting would double the work).
 *
 * RECORDS.tsv: doc, anchor, text separated by tabs, the text with \\,
 * \t, \n escapes (see ref-xapian.cc).  Built only by `make bench`.
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "records.h"

static int
fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "fts5: %s: %s\n", what, sqlite3_errmsg(db));
    sqlite3_close(db);
    return 2;
}

static int
cmd_index(const char *path, const char *records)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    FILE *in;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long n = 0;
    double t0 = now_us();

    if (!(in = fopen(records, "r"))) {
        perror(records);
        return 2;
    }
    remove(path);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return fail(db, path);
    if (sqlite3_exec(db, "CREATE VIRTUAL TABLE r USING fts5(doc UNINDEXED,"
                     " anchor UNINDEXED, text,"
                     " tokenize='porter unicode61');"
                     "BEGIN;", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, "create");
    if (sqlite3_prepare_v2(db, "INSERT INTO r(doc, anchor, text)"
                           " VALUES (?, ?, ?)", -1, &ins, NULL) != SQLITE_OK)
        return fail(db, "prepare");
    while ((len = getline(&line, &cap, in)) > 0) {
        char *tab1, *tab2;
        size_t tlen;

        if (line[len - 1] == '\n')
            line[--len] = '\0';
        tab1 = strchr(line, '\t');
        tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab2)
            continue;
        *tab1 = *tab2 = '\0';
        tlen = unescape(tab2 + 1);
        sqlite3_bind_text(ins, 1, line, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, tab1 + 1, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, tab2 + 1, (int)tlen, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            return fail(db, "insert");
        sqlite3_reset(ins);
        if (++n % 10000 == 0
            && sqlite3_exec(db, "COMMIT; BEGIN;", NULL, NULL, NULL)
               != SQLITE_OK)
            return fail(db, "commit");
    }
    sqlite3_finalize(ins);
    if (sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, "commit");
    sqlite3_close(db);
    free(line);
    fclose(in);
    fprintf(stderr, "fts5: indexed %lu records in %.3f s\n", n,
            (now_us() - t0) / 1e6);
    return 0;
}

/*
 * Turn QUERY into FTS5 syntax in OUT (at least 3 * strlen(QUERY) + 3
 * bytes): each whitespace-separated word, and each "quoted phrase",
 * becomes one FTS5 string with inner quotes doubled.
 */
static void
to_fts5(const char *q, char *out)
{
    char *w = out;

    while (*q) {
        int phrase;

        while (*q == ' ' || *q == '\t')
            q++;
        if (!*q)
            break;
        phrase = *q == '"';
        if (phrase)
            q++;
        if (w != out)
            *w++ = ' ';
        *w++ = '"';
        while (*q && (phrase ? *q != '"' : (*q != ' ' && *q != '\t'))) {
            if (*q == '"')
                *w++ = '"';
            *w++ = *q++;
        }
        if (phrase && *q == '"')
            q++;
        *w++ = '"';
    }
    *w = '\0';
}

static int
cmd_search(const char *path, const char *queries, const char *timings, int n)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    FILE *in, *tf;
    char *line = NULL, *fq = NULL;
    size_t cap = 0, fcap = 0;
    ssize_t len;
    unsigned long qid = 0;

    if (!(in = fopen(queries, "r")) || !(tf = fopen(timings, "w"))) {
        perror(queries);
        return 2;
    }
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return fail(db, path);
    if (sqlite3_prepare_v2(db, "SELECT doc, anchor, bm25(r),"
                           " snippet(r, 2, '[', ']', '...', 32)"
                           " FROM r WHERE r MATCH ? ORDER BY bm25(r)"
                           " LIMIT ?", -1, &st, NULL) != SQLITE_OK)
        return fail(db, "prepare");
    while ((len = getline(&line, &cap, in)) >= 0) {
        double t0;
        unsigned hits = 0;
        int rc;

        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        qid++;
        t0 = now_us();
        if (fcap < 3 * (size_t)len + 3) {
            fcap = 3 * (size_t)len + 3;
            if (!(fq = realloc(fq, fcap)))
                return 2;
        }
        to_fts5(line, fq);
        sqlite3_bind_text(st, 1, fq, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, n);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            printf("%lu\t%u\t%.4f\t%s\t%s\t%s\n", qid, ++hits,
                   sqlite3_column_double(st, 2),
                   (const char *)sqlite3_column_text(st, 0),
                   (const char *)sqlite3_column_text(st, 1),
                   (const char *)sqlite3_column_text(st, 3));
        if (rc != SQLITE_DONE)
            printf("%lu\terror\t%s\n", qid, sqlite3_errmsg(db));
        sqlite3_reset(st);
        fprintf(tf, "%lu\t%.0f\t-1\t%u\n", qid, now_us() - t0, hits);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(line);
    free(fq);
    fclose(in);
    fclose(tf);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "index"))
        return cmd_index(argv[2], argv[3]);
    if ((argc == 5 || argc == 6) && !strcmp(argv[1], "search"))
        return cmd_search(argv[2], argv[3], argv[4],
                          argc == 6 ? atoi(argv[5]) : 10);
    fprintf(stderr, "usage: fts5 index DBFILE RECORDS.tsv\n"
                    "       fts5 search DBFILE QUERIES TIMINGS [N]\n");
    return 2;
}
