/*
 * fuzz-record.c - fuzz target of record lookup, pilcrow_db_get_record(),
 * on the index of fuzz.h (corpus/ and tests/data): the input is a
 * document id and an anchor, "DOC\nANCHOR" (up to a NUL byte each);
 * an input without a newline is an anchor in the corpus report,
 * international-migration-and-development-1997.  An error status
 * (PILCROW_NOTFOUND, PILCROW_INVALID) is a normal outcome.  A record
 * found is read whole, and must be of DOC and found again by the
 * anchor it gives, as pilcrow show finds what search printed.
 */
#include "fuzz.h"

FUZZ_SETUP(fuzz_index)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    char *doc, *anchor;
    pilcrow_db *db;
    pilcrow_record *r = NULL, *again = NULL;
    pilcrow_status st;
    size_t len, again_len;
    const char *text, *again_text;

    if (nl != NULL) {
        doc = fuzz_strndup(data, (size_t)(nl - data));
        anchor = fuzz_strndup(nl + 1, size - (size_t)(nl - data) - 1);
    } else {
        doc = fuzz_strndup((const uint8_t *)FUZZ_CORPUS_DOC,
                           strlen(FUZZ_CORPUS_DOC));
        anchor = fuzz_strndup(data, size);
    }
    db = fuzz_index_open();
    st = pilcrow_db_get_record(&r, db, doc, anchor);
    FUZZ_CHECK((st == PILCROW_OK) == (r != NULL));
    FUZZ_CHECK(st == PILCROW_OK || st == PILCROW_NOTFOUND ||
               st == PILCROW_INVALID);
    if (st < 0)
        FUZZ_CHECK(*pilcrow_db_errmsg(db) != '\0');
    fuzz_touch(pilcrow_db_errmsg(db));
    if (r != NULL) {
        fuzz_walk_record(r);
        FUZZ_CHECK(strcmp(pilcrow_record_doc(r), doc) == 0);
        st = pilcrow_db_get_record(&again, db, doc, pilcrow_record_anchor(r));
        FUZZ_CHECK(st == PILCROW_OK);
        text = pilcrow_record_text(r, &len);
        again_text = pilcrow_record_text(again, &again_len);
        FUZZ_CHECK(again_len == len && memcmp(again_text, text, len) == 0);
        FUZZ_CHECK(strcmp(pilcrow_record_anchor(again),
                          pilcrow_record_anchor(r)) == 0);
        pilcrow_record_free(again);
    }
    pilcrow_db_close(db);
    /* A record stands alone: it outlives the db. */
    if (r != NULL)
        fuzz_walk_record(r);
    pilcrow_record_free(r);
    free(doc);
    free(anchor);
    return 0;
}
