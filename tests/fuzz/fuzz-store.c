/*
 * fuzz-store.c - fuzz target of the stored forms (store.c, private
 * API): the input is the data of a Xapian document or of a document's
 * metadata, as an index holds them.  It is decoded as a record with
 * its text (alone, and twice through one kept inflater, as searches
 * do), as a record without its text, and as document metadata.  An
 * error status (PILCROW_CORRUPT) is a normal outcome.  Checked: the
 * three ways of decoding a record agree, a decoded text is as long as
 * it says and NUL-terminated, and what decodes encodes again to data
 * that decodes to the same fields.
 */
#include "fuzz.h"
#include "pilcrow-private.h"


static void
check_same_list(const char **a, size_t n_a, const char **b, size_t n_b)
{
    size_t i;

    FUZZ_CHECK(n_a == n_b);
    for (i = 0; i < n_a; i++)
        FUZZ_CHECK(fuzz_same_str(a[i], b[i]));
}

/* Check that the record-level fields of A and B are the same, their
 * texts too when WITH_TEXT. */
static void
check_same_record(const struct pilcrow_record *a,
                  const struct pilcrow_record *b, int with_text)
{
    FUZZ_CHECK(a->kind == b->kind);
    FUZZ_CHECK(a->printed == b->printed);
    FUZZ_CHECK(a->seq == b->seq);
    FUZZ_CHECK(fuzz_same_str(a->doc, b->doc));
    FUZZ_CHECK(fuzz_same_str(a->number, b->number));
    FUZZ_CHECK(fuzz_same_str(a->annex, b->annex));
    FUZZ_CHECK(fuzz_same_str(a->section, b->section));
    FUZZ_CHECK(fuzz_same_str(a->section_title, b->section_title));
    check_same_list(a->cites, a->n_cites, b->cites, b->n_cites);
    check_same_list(a->cited_by, a->n_cited_by, b->cited_by,
                    b->n_cited_by);
    if (with_text)
        FUZZ_CHECK(a->text_len == b->text_len &&
                   memcmp(a->text, b->text, a->text_len) == 0);
}

/* Read the fields of a decoded record R. */
static void
walk_record(const struct pilcrow_record *r, int with_text)
{
    size_t i;

    FUZZ_CHECK(r->kind <= PILCROW_KIND_NOTE);
    fuzz_touch(r->doc);
    fuzz_touch(r->number);
    fuzz_touch(r->annex);
    fuzz_touch(r->section);
    fuzz_touch(r->section_title);
    for (i = 0; i < r->n_cites; i++)
        fuzz_touch(r->cites[i]);
    for (i = 0; i < r->n_cited_by; i++)
        fuzz_touch(r->cited_by[i]);
    if (with_text) {
        FUZZ_CHECK(r->text != NULL && r->text[r->text_len] == '\0');
        if (r->text_len > 0)
            fuzz_sink += (unsigned char)r->text[r->text_len - 1];
    } else {
        FUZZ_CHECK(r->text == NULL && r->text_len == 0);
    }
}

/* Encode R (decoded from the input) and decode the result: the same
 * fields. */
static void
round_trip_record(const struct pilcrow_record *r)
{
    struct pc_buf b = PC_BUF_INIT;
    struct pc_arena a = PC_ARENA_INIT;
    struct pilcrow_record d;
    pilcrow_status st = PILCROW_OK;

    pc_store_encode(&st, &b, r, NULL);
    FUZZ_CHECK(st == PILCROW_OK);
    memset(&d, 0, sizeof(d));
    FUZZ_CHECK(pc_store_decode(&d, &a, b.data, b.len, 1, NULL) ==
               PILCROW_OK);
    check_same_record(r, &d, 1);
    pc_arena_free(&a);
    pc_buf_free(&b);
}

static void
fuzz_record(const char *data, size_t size)
{
    struct pc_arena a = PC_ARENA_INIT;
    struct pc_inflater *z = NULL;
    struct pilcrow_record r, bare, kept;
    pilcrow_status st, st_bare, st_kept;
    int pass;

    memset(&r, 0, sizeof(r));
    st = pc_store_decode(&r, &a, data, size, 1, NULL);
    FUZZ_CHECK(st == PILCROW_OK || st == PILCROW_CORRUPT);
    if (st == PILCROW_OK) {
        walk_record(&r, 1);
        round_trip_record(&r);
    }

    /* Without the text: whatever decodes with its text decodes so. */
    memset(&bare, 0, sizeof(bare));
    st_bare = pc_store_decode(&bare, &a, data, size, 0, NULL);
    FUZZ_CHECK(st_bare == PILCROW_OK || st_bare == PILCROW_CORRUPT);
    if (st == PILCROW_OK)
        FUZZ_CHECK(st_bare == PILCROW_OK);
    if (st_bare == PILCROW_OK)
        walk_record(&bare, 0);
    if (st == PILCROW_OK && st_bare == PILCROW_OK)
        check_same_record(&r, &bare, 0);

    /* Through a kept inflater, made by the first pass and reset by the
     * second: as without one. */
    for (pass = 0; pass < 2; pass++) {
        memset(&kept, 0, sizeof(kept));
        st_kept = pc_store_decode(&kept, &a, data, size, 1, &z);
        FUZZ_CHECK(st_kept == st);
        if (st_kept == PILCROW_OK)
            check_same_record(&r, &kept, 1);
    }
    pc_inflater_free(z);
    pc_arena_free(&a);
}

static void
fuzz_docmeta(const char *data, size_t size)
{
    struct pc_arena a = PC_ARENA_INIT, a2 = PC_ARENA_INIT;
    struct pc_buf b = PC_BUF_INIT;
    struct pilcrow_record m, d;
    pilcrow_doc doc;
    pilcrow_status st;

    memset(&m, 0, sizeof(m));
    st = pc_store_decode_docmeta(&m, &a, data, size);
    FUZZ_CHECK(st == PILCROW_OK || st == PILCROW_CORRUPT);
    if (st == PILCROW_OK) {
        FUZZ_CHECK(m.doc != NULL && m.title != NULL &&
                   m.language != NULL && m.file != NULL);
        fuzz_touch(m.doc);
        fuzz_touch(m.symbol);
        fuzz_touch(m.title);
        fuzz_touch(m.date);
        fuzz_touch(m.language);
        fuzz_touch(m.file);
        /* Encode it again, as the indexer does from a document. */
        memset(&doc, 0, sizeof(doc));
        doc.id = m.doc;
        doc.symbol = m.symbol;
        doc.title = m.title;
        doc.date = m.date;
        doc.language = m.language;
        doc.file = m.file;
        pc_store_encode_docmeta(&st, &b, &doc);
        FUZZ_CHECK(st == PILCROW_OK);
        memset(&d, 0, sizeof(d));
        FUZZ_CHECK(pc_store_decode_docmeta(&d, &a2, b.data, b.len) ==
                   PILCROW_OK);
        FUZZ_CHECK(fuzz_same_str(d.doc, m.doc) && fuzz_same_str(d.symbol, m.symbol) &&
                   fuzz_same_str(d.title, m.title) && fuzz_same_str(d.date, m.date) &&
                   fuzz_same_str(d.language, m.language) &&
                   fuzz_same_str(d.file, m.file));
    }
    pc_buf_free(&b);
    pc_arena_free(&a2);
    pc_arena_free(&a);
}

FUZZ_SETUP(fuzz_no_setup)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_record((const char *)data, size);
    fuzz_docmeta((const char *)data, size);
    return 0;
}
