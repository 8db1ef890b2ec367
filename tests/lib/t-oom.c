/*
 * t-oom.c - allocation failures at every point (doc/conventions.md M6): for
 * k = 1, 2, ... make the k-th allocation from now and every later one
 * fail (pc_alloc_fail_after(), pilcrow-private.h), run a whole scenario
 * through the public API, and require each step to end in success or
 * PILCROW_NOMEM (with a message where there is a handle), never another
 * status, a crash or a leak (run under valgrind or ASan to see leaks:
 * `configure --enable-valgrind` or `--enable-asan`).  The walk stops at
 * the first k at which the scenario succeeds without reaching its k-th
 * allocation.  A run that succeeds although an allocation failed must
 * give the same results as a run without failures.
 *
 * Only the library's own allocations (pc_malloc and friends) are
 * covered: Xapian's C++ allocations (operator new) and zlib's and
 * libstemmer's internal ones do not go through the hook.  The shim
 * turns a std::bad_alloc from Xapian into PILCROW_NOMEM, but this test
 * cannot provoke one.
 *
 * Scenarios:
 *  1. parse the corpus report from a buffer, and from its file;
 *  2. parse a short document from a buffer, create an index in a new
 *     directory, index the document, commit, run a query, iterate its
 *     hits with marked snippets, get a record by anchor, suggest a
 *     spelling, read the statistics;
 *  3. a parallel build of one shard in place of a new index: begin,
 *     the shard's path, index the document into it, finish, clean.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pilcrow-private.h"
#include "check.h"
#include "fixture.h"

/* Upper bound on k: far more allocations than a scenario makes. */
#define MAX_RUNS 100000L

static char workdir[] = "t-oom-XXXXXX";

/* Failures with PILCROW_NOMEM whose handle had no message. */
static long nomem_silent;

/* A step's status must be OK (or a normal event) or NOMEM.  Reports
 * any other and counts it as a failed check.  Returns 1 when the
 * scenario goes on. */
static int
step_ok(long k, const char *step, pilcrow_status st, const pilcrow_db *db)
{
    if (st >= 0)
        return 1;
    if (st != PILCROW_NOMEM) {
        fprintf(stderr, "k=%ld: %s returned %s (%s)\n", k, step,
                pilcrow_status_str(st), db ? pilcrow_db_errmsg(db) : "");
        check_failures++;
    } else if (db != NULL && *pilcrow_db_errmsg(db) == '\0') {
        /* The message could not be allocated either: every allocation
         * from the k-th on fails.  Counted, not an error. */
        nomem_silent++;
    }
    CHECK(db == NULL || pilcrow_db_errmsg(db) != NULL);
    return 0;
}

/* As step_ok() for a function that reports through char **errmsg: on
 * failure the message is there or absent (it may itself not have been
 * allocated), and is freed here. */
static int
step_ok_msg(long k, const char *step, pilcrow_status st, char *err)
{
    if (st < 0 && st != PILCROW_NOMEM)
        fprintf(stderr, "k=%ld: %s: %s\n", k, step, err ? err : "");
    pilcrow_free(err);
    return step_ok(k, step, st, NULL);
}

/* ---- scenario 1: parsing ------------------------------------------ */

/* Parse TEXT (or the file PATH when TEXT is NULL); on success append
 * each record's anchor and text to *ACC (malloc'd by the caller's
 * allocator, not the library's).  Returns the final status. */
static pilcrow_status
parse_scenario(long k, const char *text, size_t len, const char *path,
               char **acc)
{
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_doc *doc = NULL;
    pilcrow_status st;
    char *err = NULL;
    size_t i, n = 0, at = 0;

    po.doc = "report";
    st = text ? pilcrow_doc_parse_buffer(&doc, text, len, &po, &err)
              : pilcrow_doc_parse_file(&doc, path, &po, &err);
    if (!step_ok_msg(k, text ? "parse_buffer" : "parse_file", st, err)) {
        CHECK(doc == NULL);
        return st;
    }
    for (i = 0; i < pilcrow_doc_n_records(doc); i++) {
        const pilcrow_record *r = pilcrow_doc_record(doc, i);

        n += strlen(pilcrow_record_anchor(r)) + 1 +
             strlen(pilcrow_record_text(r, NULL)) + 1;
    }
    CHECK_FATAL((*acc = malloc(n + 1)) != NULL);
    for (i = 0; i < pilcrow_doc_n_records(doc); i++) {
        const pilcrow_record *r = pilcrow_doc_record(doc, i);

        at += (size_t)sprintf(*acc + at, "%s\t%s\n",
                              pilcrow_record_anchor(r),
                              pilcrow_record_text(r, NULL));
    }
    (*acc)[at] = '\0';
    pilcrow_doc_free(doc);
    return PILCROW_OK;
}

/* Walk every allocation of parsing TEXT (or PATH). */
static void
walk_parse(const char *label, const char *text, size_t len,
           const char *path)
{
    char *want = NULL, *got;
    long k, made;
    pilcrow_status st;

    pc_alloc_fail_after(0);
    CHECK_OK(parse_scenario(0, text, len, path, &want));
    CHECK_FATAL(want != NULL);
    for (k = 1; k < MAX_RUNS; k++) {
        got = NULL;
        pc_alloc_fail_after(k);
        st = parse_scenario(k, text, len, path, &got);
        made = pc_alloc_fail_after(0);
        if (st == PILCROW_OK) {
            if (strcmp(got, want) != 0) {
                fprintf(stderr, "%s: k=%ld: success with other records\n",
                        label, k);
                check_failures++;
            }
            free(got);
            if (made < k)
                break;
        }
    }
    printf("%s: %ld allocation points walked\n", label, k - 1);
    CHECK(k < MAX_RUNS);
    free(want);
}

/* ---- scenario 2: index and search --------------------------------- */

/* The first steps of scenarios 2 and 3: parse the short document into
 * *DOC and create the index DIR, open for writing, in *DB.  Returns
 * the status of the step that failed, or PILCROW_OK; the caller frees
 * what was made. */
static pilcrow_status
parse_and_open(long k, const char *dir, pilcrow_doc **doc, pilcrow_db **db)
{
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_status st;
    char *err = NULL;

    po.doc = "reports/A_52_314";
    st = pilcrow_doc_parse_buffer(doc, fixture_text,
                                  sizeof(fixture_text) - 1, &po, &err);
    if (!step_ok_msg(k, "parse_buffer", st, err))
        return st;
    err = NULL;
    st = pilcrow_db_open(db, dir, PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE,
                         &err);
    if (!step_ok_msg(k, "db_open", st, err)) {
        CHECK(*db == NULL);
        return st;
    }
    return PILCROW_OK;
}

/* The whole index-and-search scenario in directory DIR.  On success
 * *ACC (malloc'd) holds what it found.  Returns the final status. */
static pilcrow_status
index_scenario(long k, const char *dir, char **acc)
{
    pilcrow_db *db = NULL;
    pilcrow_doc *doc = NULL;
    pilcrow_query *q = NULL, *q2 = NULL;
    pilcrow_hits *hits = NULL;
    pilcrow_record *rec = NULL;
    pilcrow_parallel *par = NULL;
    pilcrow_stats stats;
    pilcrow_status st;
    char *marked = NULL, *sugg = NULL;
    char out[4096];
    size_t at = 0;

    out[0] = '\0';
    if ((st = parse_and_open(k, dir, &doc, &db)) < 0)
        goto out;
    if (!step_ok(k, "index_doc", st = pilcrow_index_doc(db, doc), db) ||
        !step_ok(k, "commit", st = pilcrow_index_commit(db), db))
        goto out;
    st = pilcrow_query_new(&q, db, "rights of migrants", NULL);
    if (!step_ok(k, "query_new", st, db))
        goto out;
    if (!step_ok(k, "query_run", st = pilcrow_query_run(&hits, q, 0, 10),
                 db))
        goto out;
    while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
        st = pilcrow_hits_marked_snippet(&marked, hits);
        if (!step_ok(k, "marked_snippet", st, NULL))
            goto out;
        at += (size_t)snprintf(out + at, sizeof(out) - at, "%zu %s %s\n",
                               pilcrow_hits_rank(hits),
                               pilcrow_record_anchor(
                                   pilcrow_hits_record(hits)),
                               marked);
        pilcrow_free(marked);
        marked = NULL;
    }
    if (!step_ok(k, "hits_next", st, db))
        goto out;
    st = pilcrow_db_get_record(&rec, db, "reports/A_52_314", "note 1");
    if (!step_ok(k, "get_record", st, db))
        goto out;
    at += (size_t)snprintf(out + at, sizeof(out) - at, "%s|%s|%s\n",
                           pilcrow_record_anchor(rec),
                           pilcrow_record_symbol(rec),
                           pilcrow_record_text(rec, NULL));
    /* Its language versions: the index holds one. */
    st = pilcrow_db_get_parallel(&par, db, rec);
    if (!step_ok(k, "get_parallel", st, db))
        goto out;
    at += (size_t)snprintf(out + at, sizeof(out) - at, "versions %zu %s\n",
                           pilcrow_parallel_n_versions(par),
                           pilcrow_record_anchor(
                               pilcrow_parallel_record(par, 0)));
    st = pilcrow_query_new(&q2, db, "migrnts", NULL);
    if (!step_ok(k, "query_new 2", st, db))
        goto out;
    st = pilcrow_query_suggest(&sugg, q2);
    if (!step_ok(k, "suggest", st, db))
        goto out;
    at += (size_t)snprintf(out + at, sizeof(out) - at, "suggest %d %s\n",
                           (int)st, sugg ? sugg : "");
    if (!step_ok(k, "stats", st = pilcrow_db_stats(&stats, db), db))
        goto out;
    snprintf(out + at, sizeof(out) - at, "records %llu\n",
             (unsigned long long)stats.records);
    st = PILCROW_OK;
    CHECK_FATAL((*acc = malloc(strlen(out) + 1)) != NULL);
    strcpy(*acc, out);
out:
    pilcrow_free(sugg);
    pilcrow_parallel_free(par);
    pilcrow_record_free(rec);
    pilcrow_hits_free(hits);        /* early, and twice via the query */
    pilcrow_db_close(db);           /* frees q and q2 */
    pilcrow_doc_free(doc);
    return st;
}

static void
walk_index(void)
{
    char dir[64], *want = NULL, *got;
    long k, made;
    pilcrow_status st;

    snprintf(dir, sizeof(dir), "%s/ref", workdir);
    pc_alloc_fail_after(0);
    CHECK_OK(index_scenario(0, dir, &want));
    CHECK_FATAL(want != NULL);
    fixture_rm_rf(dir);
    for (k = 1; k < MAX_RUNS; k++) {
        got = NULL;
        snprintf(dir, sizeof(dir), "%s/%ld", workdir, k);
        pc_alloc_fail_after(k);
        st = index_scenario(k, dir, &got);
        made = pc_alloc_fail_after(0);
        fixture_rm_rf(dir);
        if (st == PILCROW_OK) {
            if (strcmp(got, want) != 0) {
                fprintf(stderr, "index: k=%ld: success with other "
                        "results:\n%s-- want:\n%s", k, got, want);
                check_failures++;
            }
            free(got);
            if (made < k)
                break;
        }
    }
    printf("index and search: %ld allocation points walked\n", k - 1);
    CHECK(k < MAX_RUNS);
    free(want);
}

/* ---- scenario 3: a parallel build -------------------------------- */

/* A parallel build of index TOP/idx with one shard holding the short
 * document.  On success *RECORDS gets the records of the index built.
 * Returns the final status. */
static pilcrow_status
build_scenario(long k, const char *top, uint64_t *records)
{
    pilcrow_db *lock = NULL, *db = NULL;
    pilcrow_doc *doc = NULL;
    pilcrow_stats stats;
    pilcrow_status st;
    char dir[128], *shard = NULL, *err = NULL;

    snprintf(dir, sizeof(dir), "%s/idx", top);
    if ((st = parse_and_open(k, dir, &doc, &lock)) < 0)
        goto out;
    if (!step_ok_msg(k, "build_begin",
                     st = pilcrow_db_build_begin(dir, &err), err))
        goto clean;
    err = NULL;
    if (!step_ok(k, "build_shard",
                 st = pilcrow_db_build_shard(&shard, dir, 0), NULL))
        goto clean;
    st = pilcrow_db_open(&db, shard, PILCROW_OPEN_WRITE |
                         PILCROW_OPEN_CREATE | PILCROW_OPEN_NOSYNC, &err);
    if (!step_ok_msg(k, "shard open", st, err))
        goto clean;
    err = NULL;
    if (!step_ok(k, "index_doc", st = pilcrow_index_doc(db, doc), db) ||
        !step_ok(k, "commit", st = pilcrow_index_commit(db), db))
        goto clean;
    pilcrow_db_close(db);
    db = NULL;
    st = pilcrow_db_build_finish(dir, 1, &lock, &err);
    CHECK(lock == NULL);
    if (!step_ok_msg(k, "build_finish", st, err))
        goto clean;
    err = NULL;
    st = pilcrow_db_open(&db, dir, PILCROW_OPEN_READ, &err);
    if (!step_ok_msg(k, "db_open built", st, err))
        goto clean;
    err = NULL;
    if (!step_ok(k, "stats", st = pilcrow_db_stats(&stats, db), db))
        goto clean;
    *records = stats.records;
clean:
    /* Cleaning up is part of the scenario: it must work even when an
     * earlier step failed. */
    if (!step_ok_msg(k, "build_clean",
                     pilcrow_db_build_clean(dir, &err), err) && st >= 0)
        st = PILCROW_NOMEM;
out:
    pilcrow_free(shard);
    pilcrow_db_close(db);
    pilcrow_db_close(lock);
    pilcrow_doc_free(doc);
    return st;
}

static void
walk_build(void)
{
    char top[64];
    uint64_t want = 0, got;
    long k, made;
    pilcrow_status st;

    snprintf(top, sizeof(top), "%s/build-ref", workdir);
    CHECK_FATAL(mkdir(top, 0777) == 0);
    pc_alloc_fail_after(0);
    CHECK_OK(build_scenario(0, top, &want));
    CHECK(want == 4);
    fixture_rm_rf(top);
    for (k = 1; k < MAX_RUNS; k++) {
        got = 0;
        snprintf(top, sizeof(top), "%s/build-%ld", workdir, k);
        CHECK_FATAL(mkdir(top, 0777) == 0);
        pc_alloc_fail_after(k);
        st = build_scenario(k, top, &got);
        made = pc_alloc_fail_after(0);
        fixture_rm_rf(top);
        if (st == PILCROW_OK) {
            if (got != want) {
                fprintf(stderr, "build: k=%ld: success with %llu "
                        "records, want %llu\n", k,
                        (unsigned long long)got, (unsigned long long)want);
                check_failures++;
            }
            if (made < k)
                break;
        }
    }
    printf("parallel build: %ld allocation points walked\n", k - 1);
    CHECK(k < MAX_RUNS);
}

int
main(void)
{
    char cpath[4096];
    char *text;
    size_t len;

    CHECK_FATAL(mkdtemp(workdir) != NULL);
    fixture_corpus_path(cpath, sizeof(cpath));
    text = fixture_read(cpath, &len);
    walk_parse("parse corpus buffer", text, len, NULL);
    walk_parse("parse corpus file", NULL, 0, cpath);
    free(text);
    walk_index();
    walk_build();
    printf("PILCROW_NOMEM with an empty pilcrow_db_errmsg(): %ld times\n",
           nomem_silent);
    fixture_rm_rf(workdir);
    return check_done();
}
