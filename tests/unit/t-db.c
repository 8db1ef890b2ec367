/*
 * t-db.c - opening indexes: create, reopen, read-only, the lock, and
 * the messages for a missing path or a directory that is not an index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pilcrow.h"
#include "check.h"

/* Index a one-paragraph document (titled TITLE, or untitled) into DB
 * and commit; run Q, which must find exactly that paragraph, and return
 * its record (owned by Q's hits), or NULL. */
static const pilcrow_record *
index_then_find(pilcrow_db *db, pilcrow_query *q, const char *title)
{
    static const char text[] =
        "1. Remittances sent home by migrant workers grew.\n";
    pilcrow_parse_options o = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_doc *doc = NULL;
    pilcrow_hits *h = NULL;

    o.title = title;
    CHECK_OK(pilcrow_doc_parse_buffer(&doc, text, sizeof(text) - 1, &o,
                                      NULL));
    CHECK_OK(pilcrow_index_doc(db, doc));
    CHECK_OK(pilcrow_index_commit(db));
    pilcrow_doc_free(doc);
    CHECK_OK(pilcrow_query_run(&h, q, 0, 10));
    CHECK(pilcrow_hits_total(h) == 1);
    CHECK(pilcrow_hits_next(h) == PILCROW_OK);
    return pilcrow_hits_record(h);
}

int
main(void)
{
    char tmpl[] = "t-db-XXXXXX";
    char path[512], other[512];
    pilcrow_db *db = NULL, *db2 = NULL, *rd = NULL;
    pilcrow_stats stats;
    char *err = NULL;
    FILE *f;

    CHECK_FATAL(mkdtemp(tmpl) != NULL);
    snprintf(path, sizeof(path), "%s/deep/index", tmpl);

    /* Missing index, no CREATE: NOTFOUND naming the path. */
    CHECK(pilcrow_db_open(&db, path, PILCROW_OPEN_READ, &err)
          == PILCROW_NOTFOUND);
    CHECK(db == NULL);
    CHECK(err != NULL && strstr(err, path) != NULL);
    pilcrow_free(err);
    err = NULL;

    /* Bad arguments. */
    CHECK(pilcrow_db_open(NULL, path, 0, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_open(&db, NULL, 0, NULL) == PILCROW_INVALID);
    CHECK(pilcrow_db_open(&db, path, PILCROW_OPEN_CREATE, NULL)
          == PILCROW_INVALID);

    /* Create (with missing parents), then a second writer is locked out
     * while a reader opens fine. */
    CHECK_OK(pilcrow_db_open(&db, path, PILCROW_OPEN_WRITE |
                             PILCROW_OPEN_CREATE, &err));
    CHECK(db != NULL);
    CHECK(pilcrow_db_open(&db2, path, PILCROW_OPEN_WRITE, &err)
          == PILCROW_LOCKED);
    CHECK(err != NULL && strstr(err, "locked") != NULL);
    pilcrow_free(err);
    err = NULL;
    CHECK_OK(pilcrow_db_open(&rd, path, PILCROW_OPEN_READ, &err));
    CHECK_OK(pilcrow_db_stats(&stats, rd));
    CHECK(stats.records == 0 && stats.documents == 0 && stats.bytes > 0);
    CHECK_STR(pilcrow_db_errmsg(rd), "");
    /* Writes on a reader are refused with a message. */
    CHECK(pilcrow_index_commit(rd) == PILCROW_READONLY);
    CHECK(strstr(pilcrow_db_errmsg(rd), "read-only") != NULL);
    CHECK(pilcrow_index_delete(rd, "x") == PILCROW_READONLY);
    /* A reader kept open sees what is committed after it opened: each
     * search moves to the latest commit. */
    {
        pilcrow_query *q = NULL;
        pilcrow_hits *h = NULL;
        const pilcrow_record *r;

        CHECK_OK(pilcrow_query_new(&q, rd, "remittances", NULL));
        CHECK_OK(pilcrow_query_run(&h, q, 0, 10));
        CHECK(pilcrow_hits_total(h) == 0);
        r = index_then_find(db, q, NULL);
        CHECK(r != NULL);
        CHECK_STR(pilcrow_record_doc(r), "buffer");
        CHECK_STR(pilcrow_record_title(r), "");
        /* The document indexed again with a title: the reader's cached
         * document metadata follows. */
        r = index_then_find(db, q, "Remittances");
        CHECK(r != NULL);
        CHECK_STR(pilcrow_record_title(r), "Remittances");
    }
    pilcrow_db_close(rd);
    pilcrow_db_close(db);

    /* Reopen for writing now that the lock is free. */
    CHECK_OK(pilcrow_db_open(&db, path, PILCROW_OPEN_WRITE, &err));
    CHECK(pilcrow_index_delete(db, "nosuchdoc") == PILCROW_NOTFOUND);
    pilcrow_db_close(db);

    /* A directory with other files is not an index, even with CREATE. */
    snprintf(other, sizeof(other), "%s/notes.txt", tmpl);
    CHECK_FATAL((f = fopen(other, "w")) != NULL);
    fputs("not an index\n", f);
    fclose(f);
    CHECK(pilcrow_db_open(&db, tmpl, PILCROW_OPEN_READ, &err)
          == PILCROW_NOTFOUND);
    CHECK(err != NULL && strstr(err, "not a pilcrow index") != NULL);
    pilcrow_free(err);
    err = NULL;
    CHECK(pilcrow_db_open(&db, tmpl, PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE,
                          &err) == PILCROW_NOTFOUND);
    pilcrow_free(err);
    err = NULL;
    /* A plain file is not an index directory. */
    CHECK(pilcrow_db_open(&db, other, PILCROW_OPEN_READ, &err)
          == PILCROW_NOTFOUND);
    CHECK(err != NULL && strstr(err, "not an index directory") != NULL);
    pilcrow_free(err);

    {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
        CHECK(system(cmd) == 0);
    }
    return check_done();
}
