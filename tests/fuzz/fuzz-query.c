/*
 * fuzz-query.c - fuzz target of the query parser and the search: the
 * input is a query, run on the index of fuzz.h (corpus/ and
 * tests/data).
 *
 * The input up to its first NUL byte (or all of it) is the query text.
 * The bytes after a NUL, when there are any, choose the options; an
 * input without a NUL runs with the defaults (English, offset 0, ten
 * hits):
 *   byte 0   the language: none, en, fr, es, ru, ar, zh or "xx"
 *   byte 1   snippet_bytes, 4 times its value (0: the default)
 *   byte 2   the offset, modulo 32
 *   byte 3   the limit, modulo 32
 *   byte 4   the highlight markers: none, "", "<b>"/"</b>", ANSI bold
 * For a query that parses: pilcrow_query_run(), every hit read whole
 * (record, rank, score, snippet, highlights, marked snippet), then
 * pilcrow_query_suggest().  An error status is a normal outcome; what
 * pilcrow.h promises of the hits is checked.
 */
#include "fuzz.h"

static const char *const languages[8] = {
    NULL, "en", "fr", "es", "ru", "ar", "zh", "xx"
};

static const char *const markers[4][2] = {
    { NULL, NULL }, { "", "" }, { "<b>", "</b>" }, { "\033[1m", "\033[0m" }
};

/* Read the current hit of HITS whole; RANK is the rank it must have. */
static void
walk_hit(const pilcrow_hits *hits, size_t rank)
{
    const char *snippet;
    const size_t *spans;
    size_t len = 0, n_spans = 0, i, prev_end = 0;
    char *marked = NULL;
    pilcrow_status st;

    FUZZ_CHECK(pilcrow_hits_rank(hits) == rank);
    fuzz_sink += (size_t)(pilcrow_hits_score(hits) > 0);
    fuzz_walk_record(pilcrow_hits_record(hits));
    snippet = pilcrow_hits_snippet(hits, &len);
    FUZZ_CHECK(snippet != NULL && snippet[len] == '\0');
    fuzz_touch(snippet);
    /* Spans: [start, end) in the snippet, in order, not overlapping. */
    spans = pilcrow_hits_highlights(hits, &n_spans);
    FUZZ_CHECK(n_spans == 0 || spans != NULL);
    for (i = 0; i < n_spans; i++) {
        FUZZ_CHECK(spans[2 * i] >= prev_end);
        FUZZ_CHECK(spans[2 * i] <= spans[2 * i + 1]);
        FUZZ_CHECK(spans[2 * i + 1] <= len);
        prev_end = spans[2 * i + 1];
    }
    st = pilcrow_hits_marked_snippet(&marked, hits);
    FUZZ_CHECK((st == PILCROW_OK) == (marked != NULL));
    if (marked != NULL)
        FUZZ_CHECK(strlen(marked) >= len);
    pilcrow_free(marked);
}

/* Look up the record of the current hit of HITS by its document and
 * anchor, as pilcrow show does with what search printed: it must be
 * found, with the same text. */
static void
look_up_hit(pilcrow_db *db, const pilcrow_hits *hits)
{
    const pilcrow_record *r = pilcrow_hits_record(hits);
    pilcrow_record *found = NULL;
    size_t len, found_len;
    const char *text = pilcrow_record_text(r, &len), *found_text;

    FUZZ_CHECK(pilcrow_db_get_record(&found, db, pilcrow_record_doc(r),
                                     pilcrow_record_anchor(r)) ==
               PILCROW_OK);
    found_text = pilcrow_record_text(found, &found_len);
    FUZZ_CHECK(found_len == len && memcmp(found_text, text, len) == 0);
    pilcrow_record_free(found);
}

FUZZ_SETUP(fuzz_index)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pilcrow_query_options opts = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_db *db;
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    const uint8_t *nul = memchr(data, '\0', size);
    size_t text_len = nul ? (size_t)(nul - data) : size;
    size_t offset = 0, limit = 10, rank;
    char *text = fuzz_strndup(data, text_len), *suggestion = NULL;
    pilcrow_status st;

    if (nul != NULL) {
        const uint8_t *o = nul + 1;
        size_t n_o = size - text_len - 1;

        if (n_o > 0)
            opts.language = languages[o[0] & 7];
        if (n_o > 1)
            opts.snippet_bytes = 4 * (size_t)o[1];
        if (n_o > 2)
            offset = o[2] % 32;
        if (n_o > 3)
            limit = o[3] % 32;
        if (n_o > 4) {
            opts.hl_start = markers[o[4] & 3][0];
            opts.hl_end = markers[o[4] & 3][1];
        }
    }
    db = fuzz_index_open();
    st = pilcrow_query_new(&q, db, text, &opts);
    FUZZ_CHECK((st == PILCROW_OK) == (q != NULL));
    fuzz_touch(pilcrow_db_errmsg(db));
    if (st == PILCROW_OK) {
        st = pilcrow_query_run(&hits, q, offset, limit);
        FUZZ_CHECK((st == PILCROW_OK) == (hits != NULL));
        fuzz_touch(pilcrow_db_errmsg(db));
    }
    if (hits != NULL) {
        fuzz_sink += (size_t)pilcrow_hits_total(hits);
        fuzz_sink += (size_t)pilcrow_hits_partial(hits);
        rank = offset;
        while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
            walk_hit(hits, ++rank);
            if (rank == offset + 1)
                look_up_hit(db, hits);
        }
        FUZZ_CHECK(st == PILCROW_DONE);
        FUZZ_CHECK(rank - offset <= limit);
        FUZZ_CHECK(pilcrow_hits_record(hits) == NULL);
        pilcrow_hits_free(hits);
    }
    if (q != NULL) {
        st = pilcrow_query_suggest(&suggestion, q);
        FUZZ_CHECK((st == PILCROW_OK) == (suggestion != NULL));
        fuzz_touch(suggestion);
        pilcrow_free(suggestion);
    }
    pilcrow_query_free(q);
    pilcrow_db_close(db);
    free(text);
    return 0;
}
