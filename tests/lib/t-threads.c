/*
 * t-threads.c - one handle per thread (pilcrow.h, "Threads"): four
 * threads, each with its own read-only pilcrow_db on the same index,
 * run the same queries many times concurrently and must get exactly
 * what one thread got alone; meanwhile two more threads parse the
 * corpus report and must get the records a lone parse gave.  Run it
 * under valgrind's helgrind or a -fsanitize=thread build to look for
 * races; here it checks results and that nothing crashes.
 */
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow.h"
#include "check.h"
#include "fixture.h"

#define N_SEARCHERS 4
#define N_PARSERS 2
#define ROUNDS 10

static const char *const queries[] = {
    "migration",
    "international migration and development",
    "\"General Assembly\"",
    "rights OR refugees",
    "conference NOT migration",
    "kind:note",
    "resolution 49/127",
    "Govern*",
};
#define N_QUERIES (sizeof(queries) / sizeof(queries[0]))

/* What a query gave: its hits' anchors, docs and marked snippets joined
 * in one string, malloc'd. */
static char *expected[N_QUERIES];

static const char *index_path;
static char *corpus_text;
static size_t corpus_len;
static char *corpus_expected;   /* every record's anchor and text */

/* Append S to the malloc'd string *ACC. */
static void
append(char **acc, const char *s)
{
    size_t n = *acc ? strlen(*acc) : 0, m = strlen(s);
    char *p = realloc(*acc, n + m + 1);

    if (p == NULL)
        abort();
    memcpy(p + n, s, m + 1);
    *acc = p;
}

/* Run query I on DB; the result as one string (malloc'd), or NULL on a
 * failure, reported. */
static char *
run(pilcrow_db *db, size_t i)
{
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    pilcrow_status st;
    char *acc = NULL, *marked = NULL, num[64];

    if ((st = pilcrow_query_new(&q, db, queries[i], NULL)) < 0 ||
        (st = pilcrow_query_run(&hits, q, 0, 20)) < 0) {
        fprintf(stderr, "query '%s': %s\n", queries[i],
                pilcrow_db_errmsg(db));
        pilcrow_query_free(q);
        return NULL;
    }
    snprintf(num, sizeof(num), "%llu:",
             (unsigned long long)pilcrow_hits_total(hits));
    append(&acc, num);
    while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
        const pilcrow_record *r = pilcrow_hits_record(hits);

        if ((st = pilcrow_hits_marked_snippet(&marked, hits)) < 0)
            break;
        snprintf(num, sizeof(num), "%zu %.3f ", pilcrow_hits_rank(hits),
                 pilcrow_hits_score(hits));
        append(&acc, num);
        append(&acc, pilcrow_record_doc(r));
        append(&acc, pilcrow_record_anchor(r));
        append(&acc, marked);
        append(&acc, "\n");
        pilcrow_free(marked);
    }
    pilcrow_query_free(q);
    if (st < 0) {
        free(acc);
        return NULL;
    }
    return acc;
}

/* Parse the corpus report; every record's anchor and text as one
 * malloc'd string, or NULL on failure. */
static char *
parse_corpus(void)
{
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_doc *doc = NULL;
    char *acc = NULL, *err = NULL;
    size_t i;

    po.doc = "corpus";
    if (pilcrow_doc_parse_buffer(&doc, corpus_text, corpus_len, &po, &err)
        < 0) {
        fprintf(stderr, "parse: %s\n", err ? err : "?");
        pilcrow_free(err);
        return NULL;
    }
    for (i = 0; i < pilcrow_doc_n_records(doc); i++) {
        const pilcrow_record *r = pilcrow_doc_record(doc, i);

        append(&acc, pilcrow_record_anchor(r));
        append(&acc, "\t");
        append(&acc, pilcrow_record_text(r, NULL));
        append(&acc, "\n");
    }
    pilcrow_doc_free(doc);
    return acc;
}

/* A searcher thread: open its own handle and check every query ROUNDS
 * times, starting at a different query in each thread.  Returns the
 * number of mismatches (as a pointer-sized integer). */
static void *
searcher(void *arg)
{
    size_t id = (size_t)arg, k, bad = 0;
    pilcrow_db *db = NULL;
    char *err = NULL;

    if (pilcrow_db_open(&db, index_path, PILCROW_OPEN_READ, &err) < 0) {
        fprintf(stderr, "thread %zu: open: %s\n", id, err ? err : "?");
        pilcrow_free(err);
        return (void *)(size_t)1;
    }
    for (k = 0; k < ROUNDS * N_QUERIES; k++) {
        size_t i = (k + id * 3) % N_QUERIES;
        char *got = run(db, i);

        if (got == NULL || strcmp(got, expected[i]) != 0) {
            fprintf(stderr, "thread %zu: query '%s' differs:\n%s\n",
                    id, queries[i], got ? got : "(failed)");
            bad++;
        }
        free(got);
    }
    pilcrow_db_close(db);
    return (void *)bad;
}

/* A parser thread: parse the corpus a few times, compare. */
static void *
parser(void *arg)
{
    size_t bad = 0;
    int k;

    (void)arg;
    for (k = 0; k < 3; k++) {
        char *got = parse_corpus();

        if (got == NULL || strcmp(got, corpus_expected) != 0)
            bad++;
        free(got);
    }
    return (void *)bad;
}

int
main(void)
{
    char tmpl[] = "t-threads-XXXXXX";
    char path[64], cpath[4096];
    pthread_t t[N_SEARCHERS + N_PARSERS];
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_db *db = NULL;
    pilcrow_doc *doc = NULL;
    char *err = NULL;
    size_t i;

    CHECK_FATAL(mkdtemp(tmpl) != NULL);
    snprintf(path, sizeof(path), "%s/index", tmpl);
    index_path = path;
    corpus_text = fixture_read(fixture_corpus_path(cpath, sizeof(cpath)),
                               &corpus_len);

    /* Build the index: the corpus report and the fixture document. */
    CHECK_OK(pilcrow_db_open(&db, path,
                             PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE, &err));
    CHECK_FATAL(db != NULL);
    CHECK_OK(pilcrow_index_file(db, cpath, NULL, NULL));
    po.doc = "fixture";
    CHECK_OK(pilcrow_doc_parse_buffer(&doc, fixture_text,
                                      sizeof(fixture_text) - 1, &po, &err));
    CHECK_FATAL(doc != NULL);
    CHECK_OK(pilcrow_index_doc(db, doc));
    CHECK_OK(pilcrow_index_commit(db));
    pilcrow_doc_free(doc);
    pilcrow_db_close(db);

    /* The answers of one thread alone. */
    CHECK_OK(pilcrow_db_open(&db, path, PILCROW_OPEN_READ, &err));
    CHECK_FATAL(db != NULL);
    for (i = 0; i < N_QUERIES; i++) {
        expected[i] = run(db, i);
        CHECK_FATAL(expected[i] != NULL);
        /* Every query but the exclusion finds something. */
        CHECK(strncmp(expected[i], "0:", 2) != 0);
    }
    pilcrow_db_close(db);
    corpus_expected = parse_corpus();
    CHECK_FATAL(corpus_expected != NULL);

    for (i = 0; i < N_SEARCHERS; i++)
        CHECK_FATAL(pthread_create(&t[i], NULL, searcher, (void *)i) == 0);
    for (i = N_SEARCHERS; i < N_SEARCHERS + N_PARSERS; i++)
        CHECK_FATAL(pthread_create(&t[i], NULL, parser, NULL) == 0);
    for (i = 0; i < N_SEARCHERS + N_PARSERS; i++) {
        void *bad = NULL;

        CHECK_FATAL(pthread_join(t[i], &bad) == 0);
        if (bad != NULL)
            fprintf(stderr, "thread %zu: %zu mismatches\n", i, (size_t)bad);
        CHECK(bad == NULL);
    }

    for (i = 0; i < N_QUERIES; i++)
        free(expected[i]);
    free(corpus_expected);
    free(corpus_text);
    fixture_rm_rf(tmpl);
    return check_done();
}
