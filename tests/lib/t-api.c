/*
 * t-api.c - misuse of the public API: every function given NULL
 * returns PILCROW_INVALID (or its documented neutral value) and never
 * crashes; iterators before their first step and after PILCROW_DONE;
 * pilcrow_db_errmsg() set on each failure and "" after a success; bad
 * queries, anchors and option versions; children dying with their
 * parents (a db closed with live queries, hits and records leaks
 * nothing: run under valgrind or ASan to see it); and a parallel build
 * that never removes what is not an index's.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow.h"
#include "check.h"
#include "fixture.h"

/* What the document metadata accessors of a NULL OBJ (a document or a
 * record) gave: ID, TITLE and FILE must be "", SYMBOL and DATE NULL
 * (they may be absent), and LANGUAGE a language all the same. */
static void
null_metadata(const char *obj, const char *id, const char *symbol,
              const char *title, const char *date, const char *language,
              const char *file)
{
    int failures = check_failures;

    CHECK_STR(id, "");
    CHECK(symbol == NULL);
    CHECK_STR(title, "");
    CHECK(date == NULL);
    CHECK(language != NULL);
    CHECK_STR(file, "");
    if (check_failures > failures)
        fprintf(stderr, "  (the metadata of a NULL %s)\n", obj);
}

/* Every function with NULL where a pointer is expected. */
static void
null_arguments(void)
{
    pilcrow_db *db = (pilcrow_db *)1;
    pilcrow_doc *doc = (pilcrow_doc *)1;
    pilcrow_query *q = (pilcrow_query *)1;
    pilcrow_hits *hits = (pilcrow_hits *)1;
    pilcrow_record *rec = (pilcrow_record *)1;
    pilcrow_parallel *par;
    char *s = (char *)1, *err = (char *)1;
    size_t n = 99;
    const char *shards[1] = { NULL };

    /* Constructors: INVALID, *out NULL, *errmsg a message or NULL. */
    CHECK(pilcrow_db_open(NULL, "x", PILCROW_OPEN_READ, NULL)
          == PILCROW_INVALID);
    CHECK(pilcrow_db_open(&db, NULL, PILCROW_OPEN_READ, &err)
          == PILCROW_INVALID);
    CHECK(db == NULL);
    CHECK(err != NULL && *err != '\0');
    pilcrow_free(err);
    err = (char *)1;
    CHECK(pilcrow_db_open(&db, "", PILCROW_OPEN_READ, NULL)
          == PILCROW_INVALID);
    CHECK(pilcrow_db_open(&db, "x", 0x80u, NULL) == PILCROW_INVALID);

    CHECK(pilcrow_doc_parse_file(NULL, "x", NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_doc_parse_file(&doc, NULL, NULL, &err)
          == PILCROW_INVALID);
    CHECK(doc == NULL);
    CHECK(err != NULL);
    pilcrow_free(err);
    err = (char *)1;
    CHECK(pilcrow_doc_parse_buffer(NULL, "x", 1, NULL, NULL)
          == PILCROW_INVALID);
    doc = (pilcrow_doc *)1;
    CHECK(pilcrow_doc_parse_buffer(&doc, NULL, 5, NULL, &err)
          == PILCROW_INVALID);
    CHECK(doc == NULL);
    CHECK(err != NULL);
    pilcrow_free(err);

    CHECK(pilcrow_db_merge(NULL, shards, 1, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_merge("x", NULL, 1, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_merge("x", shards, 1, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_merge("x", shards, 0, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_build_begin(NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_build_begin("", &err) == PILCROW_INVALID);
    CHECK(err != NULL);
    pilcrow_free(err);
    err = (char *)1;
    CHECK(pilcrow_db_build_shard(NULL, "x", 0) == PILCROW_INVALID);
    CHECK(pilcrow_db_build_shard(&s, NULL, 0) == PILCROW_INVALID);
    CHECK(s == NULL);
    CHECK(pilcrow_db_build_finish(NULL, 1, NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_build_finish("x", 0, NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_build_clean(NULL, NULL) == PILCROW_INVALID);

    /* Functions of a db. */
    CHECK(pilcrow_db_stats(NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_index_file(NULL, "x", NULL, &n) == PILCROW_INVALID);
    CHECK(pilcrow_index_doc(NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_index_delete(NULL, "x") == PILCROW_INVALID);
    CHECK(pilcrow_index_prune(NULL, &n) == PILCROW_INVALID);
    CHECK(pilcrow_index_commit(NULL) == PILCROW_INVALID);
    CHECK(pilcrow_query_new(NULL, NULL, "x", NULL) == PILCROW_INVALID);
    q = (pilcrow_query *)1;
    /* "On failure *out is NULL" (pilcrow.h conventions), even when
     * another argument is NULL. */
    CHECK(pilcrow_query_new(&q, NULL, "x", NULL) == PILCROW_INVALID);
    CHECK(q == NULL);
    CHECK(pilcrow_query_run(NULL, NULL, 0, 10) == PILCROW_INVALID);
    CHECK(pilcrow_query_run(&hits, NULL, 0, 10) == PILCROW_INVALID);
    CHECK(hits == NULL);
    CHECK(pilcrow_query_suggest(NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_query_suggest(&s, NULL) == PILCROW_INVALID);
    CHECK(s == NULL);
    CHECK(pilcrow_db_get_record(NULL, NULL, "d", "7") == PILCROW_INVALID);
    CHECK(pilcrow_db_get_record(&rec, NULL, "d", "7") == PILCROW_INVALID);
    CHECK(rec == NULL);
    CHECK(pilcrow_db_errmsg(NULL) != NULL);
    par = (pilcrow_parallel *)1;
    CHECK(pilcrow_db_get_parallel(NULL, NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_get_parallel(&par, NULL, NULL) == PILCROW_INVALID);
    CHECK(par == NULL);
    CHECK(pilcrow_parallel_n_versions(NULL) == 0);
    CHECK(pilcrow_parallel_record(NULL, 0) == NULL);
    CHECK(pilcrow_parallel_doc(NULL, 0) == NULL);
    CHECK(pilcrow_parallel_language(NULL, 0) == NULL);
    pilcrow_parallel_free(NULL);

    /* Iterators and accessors of nothing. */
    CHECK(pilcrow_hits_next(NULL) == PILCROW_INVALID);
    CHECK(pilcrow_hits_total(NULL) == 0);
    CHECK(pilcrow_hits_rank(NULL) == 0);
    CHECK(pilcrow_hits_score(NULL) == 0.0);
    CHECK(pilcrow_hits_record(NULL) == NULL);
    n = 99;
    CHECK(pilcrow_hits_snippet(NULL, &n) == NULL && n == 0);
    n = 99;
    CHECK(pilcrow_hits_highlights(NULL, &n) == NULL && n == 0);
    CHECK(pilcrow_hits_marked_snippet(NULL, NULL) == PILCROW_INVALID);
    s = (char *)1;
    CHECK(pilcrow_hits_marked_snippet(&s, NULL) == PILCROW_INVALID);
    CHECK(s == NULL);

    null_metadata("document", pilcrow_doc_id(NULL), pilcrow_doc_symbol(NULL),
                  pilcrow_doc_title(NULL), pilcrow_doc_date(NULL),
                  pilcrow_doc_language(NULL), pilcrow_doc_file(NULL));
    CHECK(pilcrow_doc_n_records(NULL) == 0);
    CHECK(pilcrow_doc_record(NULL, 0) == NULL);

    CHECK(pilcrow_record_kind(NULL) == PILCROW_KIND_PARAGRAPH);
    null_metadata("record", pilcrow_record_doc(NULL),
                  pilcrow_record_symbol(NULL), pilcrow_record_title(NULL),
                  pilcrow_record_date(NULL), pilcrow_record_language(NULL),
                  pilcrow_record_file(NULL));
    CHECK_STR(pilcrow_record_section(NULL), "");
    CHECK_STR(pilcrow_record_section_title(NULL), "");
    CHECK_STR(pilcrow_record_number(NULL), "");
    CHECK(pilcrow_record_annex(NULL) == NULL);
    CHECK_STR(pilcrow_record_anchor(NULL), "");
    n = 99;
    CHECK_STR(pilcrow_record_text(NULL, &n), "");
    CHECK(n == 0);
    CHECK(pilcrow_record_text(NULL, NULL) != NULL);
    CHECK(pilcrow_record_n_cites(NULL) == 0);
    CHECK(pilcrow_record_cite(NULL, 0) == NULL);
    CHECK(pilcrow_record_n_cited_by(NULL) == 0);
    CHECK(pilcrow_record_cited_by(NULL, 0) == NULL);

    /* Names and versions. */
    CHECK(pilcrow_kind_name((pilcrow_kind)42) == NULL);
    CHECK_STR(pilcrow_kind_name(PILCROW_KIND_SUMMARY), "summary");
    CHECK_STR(pilcrow_status_str((pilcrow_status)-99), "unknown status");
    CHECK_STR(pilcrow_version(), PILCROW_VERSION);
    CHECK(pilcrow_version_number() == PILCROW_VERSION_NUMBER);

    /* Destructors accept NULL. */
    pilcrow_free(NULL);
    pilcrow_doc_free(NULL);
    pilcrow_record_free(NULL);
    pilcrow_db_close(NULL);
    pilcrow_query_free(NULL);
    pilcrow_hits_free(NULL);
}

/* Options structs of another version are refused. */
static void
option_versions(pilcrow_db *db)
{
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_query_options qo = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_doc *doc = (pilcrow_doc *)1;
    pilcrow_query *q = (pilcrow_query *)1;
    char *err = NULL, path[4096];
    size_t n = 0;

    po.version = PILCROW_PARSE_OPTIONS_VERSION + 1;
    CHECK(pilcrow_doc_parse_buffer(&doc, "x", 1, &po, &err)
          == PILCROW_INVALID);
    CHECK(doc == NULL);
    CHECK(err != NULL && *err != '\0');
    pilcrow_free(err);
    err = NULL;
    po.version = 0;
    CHECK(pilcrow_doc_parse_file(&doc, "x", &po, &err) == PILCROW_INVALID);
    pilcrow_free(err);
    /* An existing file: index_file checks the version when it parses. */
    CHECK(pilcrow_index_file(db, fixture_corpus_path(path, sizeof(path)),
                             &po, &n) == PILCROW_INVALID);
    CHECK(*pilcrow_db_errmsg(db) != '\0');

    qo.version = PILCROW_QUERY_OPTIONS_VERSION + 1;
    CHECK(pilcrow_query_new(&q, db, "migration", &qo) == PILCROW_INVALID);
    CHECK(q == NULL);
    CHECK(strstr(pilcrow_db_errmsg(db), "version") != NULL);
}

/* A parsed document and its records. */
static pilcrow_doc *
parse_fixture(void)
{
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_doc *doc = NULL;
    char *err = NULL;

    po.doc = "reports/A_52_314";
    CHECK_OK(pilcrow_doc_parse_buffer(&doc, fixture_text,
                                      sizeof(fixture_text) - 1, &po, &err));
    if (err)
        fprintf(stderr, "parse: %s\n", err);
    pilcrow_free(err);
    CHECK_FATAL(doc != NULL);
    CHECK_STR(pilcrow_doc_id(doc), "reports/A_52_314");
    CHECK_STR(pilcrow_doc_symbol(doc), "A/52/314");
    CHECK(pilcrow_doc_n_records(doc) == 4);
    CHECK(pilcrow_doc_record(doc, pilcrow_doc_n_records(doc)) == NULL);
    CHECK(pilcrow_doc_record(doc, (size_t)-1) == NULL);
    CHECK(pilcrow_record_cite(pilcrow_doc_record(doc, 0), 1000) == NULL);
    CHECK(pilcrow_record_cited_by(pilcrow_doc_record(doc, 0), 1000) == NULL);
    return doc;
}

/* Queries, hits, records and messages on an open index. */
static void
on_index(const char *path)
{
    pilcrow_db *db = NULL, *rd = NULL;
    pilcrow_doc *doc;
    pilcrow_query *q = NULL, *q2 = NULL;
    pilcrow_hits *hits = NULL, *hits2 = NULL;
    pilcrow_record *rec = NULL;
    pilcrow_stats stats;
    char *s = NULL, *err = NULL;
    size_t n;
    int i;

    doc = parse_fixture();
    CHECK_OK(pilcrow_db_open(&db, path,
                             PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE, &err));
    CHECK_FATAL(db != NULL);
    CHECK_STR(pilcrow_db_errmsg(db), "");
    CHECK(pilcrow_index_doc(db, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_index_delete(db, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_index_file(db, NULL, NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_stats(NULL, db) == PILCROW_INVALID);
    CHECK(pilcrow_query_new(&q, db, NULL, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_query_new(NULL, db, "x", NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_get_record(&rec, db, NULL, "7") == PILCROW_INVALID);
    CHECK(pilcrow_db_get_record(&rec, db, "d", NULL) == PILCROW_INVALID);
    CHECK_OK(pilcrow_index_doc(db, doc));
    CHECK_STR(pilcrow_db_errmsg(db), "");
    CHECK_OK(pilcrow_index_commit(db));
    option_versions(db);
    CHECK_OK(pilcrow_db_stats(&stats, db));
    CHECK(stats.records == 4 && stats.documents == 1);
    CHECK_STR(pilcrow_db_errmsg(db), "");     /* cleared by success */

    /* A missing file through index_file: a status and a message naming
     * it; then a success clears the message. */
    CHECK(pilcrow_index_file(db, "no-such-file.txt", NULL, &n)
          == PILCROW_NOTFOUND);
    CHECK(strstr(pilcrow_db_errmsg(db), "no-such-file.txt") != NULL);
    CHECK_OK(pilcrow_index_commit(db));
    CHECK_STR(pilcrow_db_errmsg(db), "");

    /* A bad query: BADQUERY with the column in the message. */
    CHECK(pilcrow_query_new(&q, db, "migration )", NULL)
          == PILCROW_BADQUERY);
    CHECK(q == NULL);
    CHECK(strstr(pilcrow_db_errmsg(db), "column") != NULL);
    CHECK(pilcrow_query_new(&q, db, "nosuchfield:x", NULL)
          == PILCROW_BADQUERY);
    CHECK(strstr(pilcrow_db_errmsg(db), "column") != NULL);
    CHECK(pilcrow_query_new(&q, db, "", NULL) == PILCROW_BADQUERY);
    CHECK(*pilcrow_db_errmsg(db) != '\0');

    /* A good query: the iterator before its first step, through, and
     * after DONE. */
    CHECK_OK(pilcrow_query_new(&q, db, "rights of migrants", NULL));
    CHECK_STR(pilcrow_db_errmsg(db), "");
    CHECK_OK(pilcrow_query_run(&hits, q, 0, 10));
    CHECK(pilcrow_hits_total(hits) == 2);
    CHECK(pilcrow_hits_rank(hits) == 0);
    CHECK(pilcrow_hits_record(hits) == NULL);
    CHECK(pilcrow_hits_snippet(hits, &n) == NULL && n == 0);
    CHECK(pilcrow_hits_highlights(hits, &n) == NULL && n == 0);
    CHECK(pilcrow_hits_marked_snippet(&s, hits) == PILCROW_INVALID);
    CHECK(s == NULL);
    for (i = 0; (pilcrow_hits_next(hits)) == PILCROW_OK; i++) {
        const size_t *spans = pilcrow_hits_highlights(hits, &n);
        size_t len = 0, k;
        const char *snip = pilcrow_hits_snippet(hits, &len);

        CHECK(pilcrow_hits_rank(hits) == (size_t)i + 1);
        CHECK(pilcrow_hits_record(hits) != NULL);
        CHECK(snip != NULL && strlen(snip) == len);
        CHECK(n > 0 && spans != NULL);
        for (k = 0; k < n; k++)
            CHECK(spans[2 * k] < spans[2 * k + 1] && spans[2 * k + 1] <= len
                  && (k == 0 || spans[2 * k - 1] <= spans[2 * k]));
        CHECK_OK(pilcrow_hits_marked_snippet(&s, hits));
        CHECK(s != NULL && strchr(s, '[') != NULL);
        pilcrow_free(s);
        s = NULL;
    }
    CHECK(i == 2);
    CHECK(pilcrow_hits_next(hits) == PILCROW_DONE);
    CHECK(pilcrow_hits_next(hits) == PILCROW_DONE);
    CHECK(pilcrow_hits_record(hits) == NULL);
    CHECK(pilcrow_hits_rank(hits) == 0);
    CHECK(pilcrow_hits_marked_snippet(&s, hits) == PILCROW_INVALID);

    /* Paging past the end: OK with no hits, the total unchanged. */
    CHECK_OK(pilcrow_query_run(&hits2, q, 100, 10));
    CHECK(pilcrow_hits_next(hits2) == PILCROW_DONE);
    pilcrow_hits_free(hits2);       /* freeing a child early is fine */
    hits2 = NULL;
    CHECK_OK(pilcrow_query_run(&hits2, q, 0, 0));
    CHECK(pilcrow_hits_next(hits2) == PILCROW_DONE);

    /* Suggestions: none for known words, one for a misspelling. */
    CHECK(pilcrow_query_suggest(&s, q) == PILCROW_DONE);
    CHECK(s == NULL);
    CHECK_OK(pilcrow_query_new(&q2, db, "migrnts", NULL));
    CHECK_OK(pilcrow_query_suggest(&s, q2));
    /* "migrants" is the closer spelling (query.c says so), but the
     * library gives the form of the first record holding the stem. */
    CHECK(s != NULL && strncmp(s, "migrant", 7) == 0);
    pilcrow_free(s);
    s = NULL;

    /* Records by anchor. */
    CHECK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "note")
          == PILCROW_INVALID);
    CHECK(rec == NULL);
    CHECK(*pilcrow_db_errmsg(db) != '\0');
    CHECK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "")
          == PILCROW_INVALID);
    CHECK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "para. ")
          == PILCROW_INVALID);
    CHECK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "summary:")
          == PILCROW_INVALID);
    CHECK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "para. 99")
          == PILCROW_NOTFOUND);
    CHECK(strstr(pilcrow_db_errmsg(db), "para. 99") != NULL);
    CHECK(pilcrow_db_get_record(&rec, db, "nosuchdoc", "1")
          == PILCROW_NOTFOUND);
    CHECK_OK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "note:1"));
    CHECK_STR(pilcrow_db_errmsg(db), "");
    CHECK_STR(pilcrow_record_anchor(rec), "note 1");
    CHECK_STR(pilcrow_record_symbol(rec), "A/52/314");
    CHECK(pilcrow_record_n_cited_by(rec) == 1);
    CHECK_STR(pilcrow_record_cited_by(rec, 0), "1");
    CHECK(pilcrow_record_cited_by(rec, 1) == NULL);
    pilcrow_record_free(rec);
    rec = NULL;

    /* Writes on a reader. */
    CHECK_OK(pilcrow_db_open(&rd, path, PILCROW_OPEN_READ, &err));
    CHECK(pilcrow_index_doc(rd, doc) == PILCROW_READONLY);
    CHECK(*pilcrow_db_errmsg(rd) != '\0');
    CHECK(pilcrow_index_commit(rd) == PILCROW_READONLY);
    CHECK(pilcrow_index_prune(rd, &n) == PILCROW_READONLY);
    /* Live query and hits on the reader, closed with it. */
    CHECK_OK(pilcrow_query_new(&q2, rd, "refugees", NULL));
    CHECK_OK(pilcrow_query_run(&hits2, q2, 0, 5));
    CHECK(pilcrow_hits_next(hits2) == PILCROW_OK);
    pilcrow_db_close(rd);

    /* Hits die with their query: free the query, keep the db. */
    pilcrow_query_free(q);
    q = NULL;
    /* The db closes with live queries and hits (q2's from the writer
     * were re-made above on the reader; make more here). */
    CHECK_OK(pilcrow_query_new(&q, db, "migration", NULL));
    CHECK_OK(pilcrow_query_run(&hits, q, 0, 3));
    CHECK_OK(pilcrow_query_run(&hits2, q, 1, 3));
    CHECK_OK(pilcrow_query_new(&q2, db, "development", NULL));
    pilcrow_db_close(db);
    pilcrow_doc_free(doc);
}

/* Shard K of the parallel build of DIR: index the fixture under
 * document id DOC, commit, close. */
static void
build_shard(const char *dir, size_t k, const char *doc)
{
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_doc *d = NULL;
    pilcrow_db *db = NULL;
    char *path = NULL;

    po.doc = doc;
    CHECK_OK(pilcrow_db_build_shard(&path, dir, k));
    CHECK_FATAL(path != NULL);
    CHECK_OK(pilcrow_db_open(&db, path, PILCROW_OPEN_WRITE |
                             PILCROW_OPEN_CREATE | PILCROW_OPEN_NOSYNC,
                             NULL));
    CHECK_OK(pilcrow_doc_parse_buffer(&d, fixture_text,
                                      sizeof(fixture_text) - 1, &po, NULL));
    CHECK_OK(pilcrow_index_doc(db, d));
    CHECK_OK(pilcrow_index_commit(db));
    pilcrow_db_close(db);
    pilcrow_doc_free(d);
    pilcrow_free(path);
}

/* True if PATH exists. */
static int
exists(const char *path)
{
    FILE *f = fopen(path, "r");

    if (f != NULL)
        fclose(f);
    return f != NULL;
}

/* A parallel build in directory TOP: two shards merged in place of the
 * index, the shards removed; files that are not an index's are never
 * removed, and a failed merge leaves the index as it was. */
static void
parallel_build(const char *top)
{
    char dir[128], shards[160], stray[192];
    pilcrow_db *lock = NULL;
    pilcrow_stats stats;
    char *err = NULL;
    FILE *f;

    snprintf(dir, sizeof(dir), "%s/built", top);
    snprintf(shards, sizeof(shards), "%s.shards", dir);
    snprintf(stray, sizeof(stray), "%s/notes.txt", shards);

    CHECK_OK(pilcrow_db_open(&lock, dir,
                             PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE, NULL));
    CHECK_OK(pilcrow_db_build_begin(dir, &err));
    CHECK(err == NULL);
    build_shard(dir, 0, "a");
    build_shard(dir, 1, "b");
    CHECK_OK(pilcrow_db_build_finish(dir, 2, &lock, &err));
    CHECK(lock == NULL && err == NULL);
    CHECK_OK(pilcrow_db_build_clean(dir, &err));
    CHECK(!exists(shards));
    CHECK_OK(pilcrow_db_open(&lock, dir, PILCROW_OPEN_READ, NULL));
    CHECK_OK(pilcrow_db_stats(&stats, lock));
    CHECK(stats.documents == 2 && stats.records == 8);
    pilcrow_db_close(lock);
    lock = NULL;

    /* A shard missing: the merge fails, the index is as it was. */
    CHECK_OK(pilcrow_db_build_begin(dir, NULL));
    build_shard(dir, 0, "c");
    CHECK(pilcrow_db_build_finish(dir, 2, NULL, &err) == PILCROW_NOTFOUND);
    CHECK(err != NULL);
    pilcrow_free(err);
    err = NULL;
    CHECK_OK(pilcrow_db_build_clean(dir, NULL));
    CHECK_OK(pilcrow_db_open(&lock, dir, PILCROW_OPEN_READ, NULL));
    CHECK_OK(pilcrow_db_stats(&stats, lock));
    CHECK(stats.documents == 2);
    pilcrow_db_close(lock);

    /* A file that is not an index's in the shard directory stays. */
    CHECK_OK(pilcrow_db_build_begin(dir, NULL));
    CHECK_FATAL((f = fopen(stray, "w")) != NULL);
    fclose(f);
    CHECK(pilcrow_db_build_begin(dir, &err) == PILCROW_EXISTS);
    CHECK(err != NULL && strstr(err, shards) != NULL);
    pilcrow_free(err);
    err = NULL;
    CHECK(pilcrow_db_build_clean(dir, &err) == PILCROW_EXISTS);
    CHECK(err != NULL && strstr(err, "cannot remove") != NULL);
    pilcrow_free(err);
    CHECK(exists(stray));
}

/* Index the text TEXT under document id ID into the index at PATH
 * (made if missing), commit, close. */
static void
index_text(const char *path, const char *id, const char *text)
{
    pilcrow_parse_options po = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_db *db = NULL;
    pilcrow_doc *doc = NULL;
    char *err = NULL;

    po.doc = id;
    CHECK_OK(pilcrow_doc_parse_buffer(&doc, text, strlen(text), &po, &err));
    pilcrow_free(err);
    CHECK_OK(pilcrow_db_open(&db, path, PILCROW_OPEN_WRITE |
                             PILCROW_OPEN_CREATE, NULL));
    CHECK_OK(pilcrow_index_doc(db, doc));
    CHECK_OK(pilcrow_index_commit(db));
    pilcrow_db_close(db);
    pilcrow_doc_free(doc);
}

/* The document of the first hit of QUERY on DB, in a static buffer. */
static const char *
first_doc(pilcrow_db *db, const char *query)
{
    static char id[64];
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;

    id[0] = '\0';
    CHECK_OK(pilcrow_query_new(&q, db, query, NULL));
    CHECK_OK(pilcrow_query_run(&hits, q, 0, 5));
    if (hits != NULL && pilcrow_hits_next(hits) == PILCROW_OK)
        snprintf(id, sizeof(id), "%s",
                 pilcrow_record_doc(pilcrow_hits_record(hits)));
    pilcrow_query_free(q);
    return id;
}

/* A reader keeps the superseded documents between queries: a revision
 * indexed under it by a writer is seen by its next query. */
static void
revision_under_reader(const char *dir)
{
    char path[96];
    pilcrow_db *rd = NULL;

    snprintf(path, sizeof(path), "%s/versions", dir);
    index_text(path, "S_2025_71", "Symbol: S/2025/71\n\n"
               "1. The Monitoring Team reports on the Levant.\n");
    CHECK_OK(pilcrow_db_open(&rd, path, PILCROW_OPEN_READ, NULL));
    CHECK_STR(first_doc(rd, "Levant"), "S_2025_71");
    CHECK_STR(first_doc(rd, "Monitoring"), "S_2025_71");
    index_text(path, "S_2025_71_Rev.1", "Symbol: S/2025/71/Rev.1\n\n"
               "1. The Monitoring Team reports again on the Levant.\n");
    CHECK_STR(first_doc(rd, "Levant"), "S_2025_71_Rev.1");
    pilcrow_db_close(rd);
}

int
main(void)
{
    char tmpl[] = "t-api-XXXXXX";
    char path[64];
    pilcrow_db *db = NULL;
    char *err = NULL;

    null_arguments();
    CHECK_FATAL(mkdtemp(tmpl) != NULL);
    snprintf(path, sizeof(path), "%s/index", tmpl);

    /* Opening: a missing index and bad flags, with messages. */
    CHECK(pilcrow_db_open(&db, path, PILCROW_OPEN_READ, &err)
          == PILCROW_NOTFOUND);
    CHECK(db == NULL && err != NULL && strstr(err, path) != NULL);
    pilcrow_free(err);
    err = NULL;
    CHECK(pilcrow_db_open(&db, path, PILCROW_OPEN_CREATE, &err)
          == PILCROW_INVALID);
    CHECK(err != NULL);
    pilcrow_free(err);
    err = NULL;

    on_index(path);
    parallel_build(tmpl);
    revision_under_reader(tmpl);
    fixture_rm_rf(tmpl);
    return check_done();
}
