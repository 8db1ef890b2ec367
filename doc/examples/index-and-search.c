/*
 * index-and-search.c - the smallest complete use of libpilcrow: create
 * an index, add a document held in memory, commit, search it and print
 * each hit's rank, anchor and snippet with the matched words marked.
 *
 *   index-and-search [INDEX-DIR [QUERY]]
 *
 * INDEX-DIR is created (it must not hold anything but a pilcrow index);
 * without it, a new temporary directory is used and removed at the end.
 * QUERY defaults to "rights of migrants".  Exit status: 0 when something
 * was found, 1 when nothing was, 2 on an error.
 *
 * Build:  cc index-and-search.c $(pkg-config --cflags --libs pilcrow)
 */
#define _XOPEN_SOURCE 700       /* mkdtemp(), nftw() */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pilcrow.h>

/* A document as an archive might hold it: front matter, a title, a
 * summary, numbered paragraphs citing notes, and the notes. */
static const char report[] =
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
    "a conference on international migration and development.\u00b9\n"
    "\n"
    "2. Several Governments stressed the rights of migrant workers and\n"
    "the protection of refugees.\n"
    "\n"
    "Notes\n"
    "\n"
    "\u00b9 See E/1995/69.\n";

/* Print a failure of STEP with DB's message and return exit status 2. */
static int
fail(const char *step, pilcrow_status st, pilcrow_db *db)
{
    const char *msg = db ? pilcrow_db_errmsg(db) : "";

    fprintf(stderr, "index-and-search: %s: %s\n", step,
            *msg ? msg : pilcrow_status_str(st));
    return 2;
}

/* nftw() callback removing one entry of the temporary directory. */
static int
remove_entry(const char *path, const struct stat *sb, int type,
             struct FTW *ftw)
{
    (void)sb;
    (void)type;
    (void)ftw;
    return remove(path);
}

int
main(int argc, char **argv)
{
    char tmpl[4096];
    const char *dir, *query_text = argc > 2 ? argv[2] : "rights of migrants";
    pilcrow_parse_options popts = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_query_options qopts = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_db *db = NULL;
    pilcrow_doc *doc = NULL;
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    pilcrow_status st;
    char *err = NULL, *marked = NULL;
    int status = 2, found = 0;

    if (argc > 3) {
        fprintf(stderr, "usage: index-and-search [INDEX-DIR [QUERY]]\n");
        return 2;
    }
    if (argc > 1) {
        dir = argv[1];
    } else {
        const char *t = getenv("TMPDIR");

        snprintf(tmpl, sizeof(tmpl), "%s/pilcrow-example-XXXXXX",
                 t && *t ? t : "/tmp");
        if ((dir = mkdtemp(tmpl)) == NULL) {
            perror("index-and-search: mkdtemp");
            return 2;
        }
    }

    /* Parse the document from memory: the archive gives its id and
     * symbol.  The document is ours until pilcrow_doc_free(). */
    popts.doc = "reports/A_52_314";
    popts.symbol = "A/52/314";
    st = pilcrow_doc_parse_buffer(&doc, report, sizeof(report) - 1, &popts,
                                  &err);
    if (st < 0) {
        fprintf(stderr, "index-and-search: parse: %s\n",
                err ? err : pilcrow_status_str(st));
        pilcrow_free(err);
        goto out;
    }
    printf("parsed %s: %zu records\n", pilcrow_doc_id(doc),
           pilcrow_doc_n_records(doc));

    /* Create the index, add the document, commit. */
    st = pilcrow_db_open(&db, dir, PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE,
                         &err);
    if (st < 0) {
        fprintf(stderr, "index-and-search: open: %s\n",
                err ? err : pilcrow_status_str(st));
        pilcrow_free(err);
        goto out;
    }
    if ((st = pilcrow_index_doc(db, doc)) < 0) {
        status = fail("index", st, db);
        goto out;
    }
    if ((st = pilcrow_index_commit(db)) < 0) {
        status = fail("commit", st, db);
        goto out;
    }

    /* Search: matched words between "[" and "]" in the snippets. */
    qopts.hl_start = "[";
    qopts.hl_end = "]";
    if ((st = pilcrow_query_new(&q, db, query_text, &qopts)) < 0) {
        status = fail("query", st, db);
        goto out;
    }
    if ((st = pilcrow_query_run(&hits, q, 0, 10)) < 0) {
        status = fail("search", st, db);
        goto out;
    }
    printf("query \"%s\": about %llu matches\n", query_text,
           (unsigned long long)pilcrow_hits_total(hits));
    while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
        const pilcrow_record *r = pilcrow_hits_record(hits);
        const char *symbol = pilcrow_record_symbol(r);

        if ((st = pilcrow_hits_marked_snippet(&marked, hits)) < 0)
            break;
        printf("%zu. %s, %s: %s\n", pilcrow_hits_rank(hits),
               symbol ? symbol : pilcrow_record_doc(r),
               pilcrow_record_anchor(r), marked);
        pilcrow_free(marked);
        marked = NULL;
        found++;
    }
    if (st < 0) {
        status = fail("results", st, db);
        goto out;
    }
    status = found ? 0 : 1;

out:
    /* Closing the index also frees the query and its hits. */
    pilcrow_db_close(db);
    pilcrow_doc_free(doc);
    if (argc <= 1 && nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        perror("index-and-search: removing the temporary index");
    return status;
}
