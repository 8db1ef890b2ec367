/*
 * batch-search.c - many queries over one open index: read queries one a
 * line from standard input and print one line per hit,
 *
 *   QID <tab> RANK <tab> DOC-OR-SYMBOL <tab> ANCHOR <tab> SNIPPET
 *
 * where QID is the line number and the snippet has its matched words
 * between "[" and "]" (tabs, newlines and backslashes in fields written
 * as \t, \n and \\).  Output is flushed after each query, so a program
 * driving this one through pipes can read each answer as it comes.  A
 * query that cannot be run is reported on standard error
 * ("batch-search: line 3: column 5: ...") and the batch goes on.
 *
 *   batch-search INDEX-DIR < queries.txt
 *
 * Exit status: 0 when every query ran, 1 when some failed, 2 when the
 * index cannot be opened.
 *
 * Build:  cc batch-search.c $(pkg-config --cflags --libs pilcrow)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pilcrow.h>

/* Write S to standard output with tabs, newlines, carriage returns and
 * backslashes escaped, so each hit stays on one line. */
static void
put_field(const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        default: putchar(*s); break;
        }
    }
}

/* Run query TEXT (line QID) on DB and print its hits.  Returns the
 * status of the first failure, or PILCROW_OK. */
static pilcrow_status
run_query(pilcrow_db *db, unsigned long qid, const char *text)
{
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    char *marked = NULL;
    pilcrow_status st;

    if ((st = pilcrow_query_new(&q, db, text, NULL)) < 0)
        return st;
    if ((st = pilcrow_query_run(&hits, q, 0, 10)) < 0)
        goto out;
    while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
        const pilcrow_record *r = pilcrow_hits_record(hits);
        const char *symbol = pilcrow_record_symbol(r);

        if ((st = pilcrow_hits_marked_snippet(&marked, hits)) < 0)
            goto out;
        printf("%lu\t%zu\t", qid, pilcrow_hits_rank(hits));
        put_field(symbol ? symbol : pilcrow_record_doc(r));
        putchar('\t');
        put_field(pilcrow_record_anchor(r));
        putchar('\t');
        put_field(marked);
        putchar('\n');
        pilcrow_free(marked);
        marked = NULL;
    }
    if (st == PILCROW_DONE)
        st = PILCROW_OK;
out:
    pilcrow_query_free(q);      /* frees HITS too */
    return st;
}

int
main(int argc, char **argv)
{
    pilcrow_db *db = NULL;
    pilcrow_status st;
    char *err = NULL, *line = NULL;
    size_t cap = 0, len;
    unsigned long qid = 0;
    int failed = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: batch-search INDEX-DIR < QUERIES\n");
        return 2;
    }
    if ((st = pilcrow_db_open(&db, argv[1], PILCROW_OPEN_READ, &err)) < 0) {
        fprintf(stderr, "batch-search: %s\n",
                err ? err : pilcrow_status_str(st));
        pilcrow_free(err);
        return 2;
    }
    for (;;) {
        int c;

        /* Read one line, however long, without a POSIX getline(). */
        len = 0;
        while ((c = getchar()) != EOF && c != '\n') {
            if (len + 2 > cap) {
                char *p = realloc(line, cap = cap ? 2 * cap : 256);

                if (p == NULL) {
                    fprintf(stderr, "batch-search: out of memory\n");
                    failed = 1;
                    goto out;
                }
                line = p;
            }
            line[len++] = (char)c;
        }
        if (c == EOF && len == 0)
            break;
        qid++;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len > 0) {                  /* an empty line has no hits */
            line[len] = '\0';
            if ((st = run_query(db, qid, line)) < 0) {
                fprintf(stderr, "batch-search: line %lu: %s\n", qid,
                        *pilcrow_db_errmsg(db) ? pilcrow_db_errmsg(db)
                                               : pilcrow_status_str(st));
                failed = 1;
            }
        }
        fflush(stdout);
        if (c == EOF)
            break;
    }
out:
    free(line);
    pilcrow_db_close(db);
    return failed;
}
