/*
 * fuzz-parse.c - fuzz target of the reader and the parser: the input
 * is a document.  It is parsed three ways, and each document made is
 * read whole through the accessors:
 *  - from memory, pilcrow_doc_parse_buffer();
 *  - written to a file "in.txt", pilcrow_doc_parse_file() (which reads
 *    gzip data too, so an input that is itself a gzip stream, whole or
 *    damaged, goes through the inflater);
 *  - gzip-compressed into "in.txt.gz", pilcrow_doc_parse_file() again.
 * An error status is a normal outcome.  The three must agree: the same
 * status, and the same records but for the document id and file,
 * which name what was parsed (the buffer is compared only when the
 * input does not start as gzip data, which only the file path
 * inflates).
 */
#include "fuzz.h"

#include <zlib.h>

/* Warnings are read and dropped: nothing prints. */
static void
warn_drop(const char *message, void *payload)
{
    (void)payload;
    fuzz_touch(message);
}

/* Read DOC whole. */
static void
walk_doc(const pilcrow_doc *doc)
{
    size_t i, n = pilcrow_doc_n_records(doc);

    FUZZ_CHECK(pilcrow_doc_id(doc) != NULL);
    FUZZ_CHECK(pilcrow_doc_title(doc) != NULL);
    FUZZ_CHECK(pilcrow_doc_language(doc) != NULL);
    FUZZ_CHECK(pilcrow_doc_file(doc) != NULL);
    fuzz_touch(pilcrow_doc_id(doc));
    fuzz_touch(pilcrow_doc_symbol(doc));
    fuzz_touch(pilcrow_doc_title(doc));
    fuzz_touch(pilcrow_doc_date(doc));
    fuzz_touch(pilcrow_doc_language(doc));
    fuzz_touch(pilcrow_doc_file(doc));
    for (i = 0; i < n; i++)
        fuzz_walk_record(pilcrow_doc_record(doc, i));
    FUZZ_CHECK(pilcrow_doc_record(doc, n) == NULL);
}


/* Check that documents A and B have the same metadata and records, but
 * for their id and file. */
static void
check_same(const pilcrow_doc *a, const pilcrow_doc *b)
{
    size_t i, j, n = pilcrow_doc_n_records(a), la, lb;

    FUZZ_CHECK(fuzz_same_str(pilcrow_doc_symbol(a), pilcrow_doc_symbol(b)));
    FUZZ_CHECK(fuzz_same_str(pilcrow_doc_title(a), pilcrow_doc_title(b)));
    FUZZ_CHECK(fuzz_same_str(pilcrow_doc_date(a), pilcrow_doc_date(b)));
    FUZZ_CHECK(fuzz_same_str(pilcrow_doc_language(a), pilcrow_doc_language(b)));
    FUZZ_CHECK(pilcrow_doc_n_records(b) == n);
    for (i = 0; i < n; i++) {
        const pilcrow_record *ra = pilcrow_doc_record(a, i);
        const pilcrow_record *rb = pilcrow_doc_record(b, i);
        const char *ta = pilcrow_record_text(ra, &la);
        const char *tb = pilcrow_record_text(rb, &lb);

        FUZZ_CHECK(pilcrow_record_kind(ra) == pilcrow_record_kind(rb));
        FUZZ_CHECK(fuzz_same_str(pilcrow_record_anchor(ra),
                            pilcrow_record_anchor(rb)));
        FUZZ_CHECK(fuzz_same_str(pilcrow_record_section(ra),
                            pilcrow_record_section(rb)));
        FUZZ_CHECK(fuzz_same_str(pilcrow_record_section_title(ra),
                            pilcrow_record_section_title(rb)));
        FUZZ_CHECK(la == lb && memcmp(ta, tb, la) == 0);
        FUZZ_CHECK(pilcrow_record_n_cites(ra) == pilcrow_record_n_cites(rb));
        for (j = 0; j < pilcrow_record_n_cites(ra); j++)
            FUZZ_CHECK(fuzz_same_str(pilcrow_record_cite(ra, j),
                                pilcrow_record_cite(rb, j)));
        FUZZ_CHECK(pilcrow_record_n_cited_by(ra) ==
                   pilcrow_record_n_cited_by(rb));
        for (j = 0; j < pilcrow_record_n_cited_by(ra); j++)
            FUZZ_CHECK(fuzz_same_str(pilcrow_record_cited_by_anchor(ra, j),
                                pilcrow_record_cited_by_anchor(rb, j)));
    }
}

/* Parse file PATH into *DOC (NULL on failure); returns the status and
 * checks that a failure comes with its message. */
static pilcrow_status
parse_file(pilcrow_doc **doc, const char *path,
           const pilcrow_parse_options *opts)
{
    char *err = NULL;
    pilcrow_status st = pilcrow_doc_parse_file(doc, path, opts, &err);

    if (st < 0)
        FUZZ_CHECK(*doc == NULL && err != NULL);
    else
        FUZZ_CHECK(*doc != NULL && err == NULL);
    fuzz_touch(err);
    pilcrow_free(err);
    if (*doc != NULL)
        walk_doc(*doc);
    return st;
}

FUZZ_SETUP(fuzz_tmpdir)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pilcrow_parse_options opts = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_doc *from_buf = NULL, *from_file = NULL, *from_gz = NULL;
    pilcrow_status st_buf, st_file, st_gz;
    char path[128], gz_path[128], *err = NULL;
    int is_gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    gzFile gz;

    opts.warn = warn_drop;
    st_buf = pilcrow_doc_parse_buffer(&from_buf, (const char *)data, size,
                                      &opts, &err);
    if (st_buf < 0)
        FUZZ_CHECK(from_buf == NULL && err != NULL);
    else
        FUZZ_CHECK(from_buf != NULL && err == NULL);
    fuzz_touch(err);
    pilcrow_free(err);
    if (from_buf != NULL)
        walk_doc(from_buf);

    snprintf(path, sizeof(path), "%s/in.txt", fuzz_tmpdir());
    fuzz_write_file(path, data, size);
    st_file = parse_file(&from_file, path, &opts);

    snprintf(gz_path, sizeof(gz_path), "%s/in.txt.gz", fuzz_tmpdir());
    if ((gz = gzopen(gz_path, "wb1")) == NULL ||
        (size > 0 && gzwrite(gz, data, (unsigned)size) != (int)size) ||
        gzclose(gz) != Z_OK)
        fuzz_setup_failed("cannot write", gz_path);
    st_gz = parse_file(&from_gz, gz_path, &opts);

    if (!is_gzip) {
        FUZZ_CHECK(st_buf == st_file);
        if (from_buf != NULL && from_file != NULL)
            check_same(from_buf, from_file);
        FUZZ_CHECK(st_gz == st_file);
        if (from_gz != NULL && from_file != NULL)
            check_same(from_gz, from_file);
    }
    pilcrow_doc_free(from_buf);
    pilcrow_doc_free(from_file);
    pilcrow_doc_free(from_gz);
    return 0;
}
