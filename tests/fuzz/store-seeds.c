/*
 * store-seeds.c - writes the seeds of the store fuzz target
 * (tests/fuzz/seeds/store): the stored form of a few records of each
 * document named, and of its metadata, as the indexer stores them.
 * Run by make fuzz-store-seeds after a change of the stored format.
 *
 *   store-seeds OUTDIR FILE...
 *
 * Of each document it writes DOC-meta and, as DOC-N for record N, its
 * first record and the first of each kind of interest: a text long
 * enough to be deflated, one in an annex, one citing notes, a note
 * cited by paragraphs.
 */
#include <stdio.h>
#include <string.h>

#include "pilcrow-private.h"

static int
write_file(const char *dir, const char *doc, const char *what,
           const struct pc_buf *b)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s-%s", dir, doc, what);
    if ((f = fopen(path, "wb")) == NULL ||
        fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
        fprintf(stderr, "store-seeds: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    int i, rc = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: store-seeds OUTDIR FILE...\n");
        return 2;
    }
    for (i = 2; i < argc; i++) {
        pilcrow_doc *doc;
        char *err = NULL, what[32];
        struct pc_buf b = PC_BUF_INIT;
        pilcrow_status st = PILCROW_OK;
        int long_text = 0, annex = 0, cites = 0, cited = 0;
        size_t k;

        if (pilcrow_doc_parse_file(&doc, argv[i], NULL, &err) < 0) {
            fprintf(stderr, "store-seeds: %s (skipped)\n", err);
            pilcrow_free(err);
            continue;
        }
        pc_store_encode_docmeta(&st, &b, doc);
        if (st < 0 || write_file(argv[1], doc->id, "meta", &b) < 0)
            rc = 1;
        for (k = 0; k < doc->n_records; k++) {
            const struct pilcrow_record *r = &doc->records[k];
            int want = k == 0;

            if (r->text_len >= 200 && !long_text)
                want = long_text = 1;
            if (r->annex != NULL && !annex)
                want = annex = 1;
            if (r->n_cites > 0 && !cites)
                want = cites = 1;
            if (r->n_cited_by > 0 && !cited)
                want = cited = 1;
            if (!want)
                continue;
            pc_buf_reset(&b);
            pc_store_encode(&st, &b, r, NULL);
            snprintf(what, sizeof(what), "%zu", k);
            if (st < 0 || write_file(argv[1], doc->id, what, &b) < 0)
                rc = 1;
        }
        pc_buf_free(&b);
        pilcrow_doc_free(doc);
    }
    return rc;
}
