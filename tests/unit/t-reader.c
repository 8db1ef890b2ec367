/*
 * t-reader.c - the reader on bad and odd inputs (issue 3): CRLF + BOM,
 * invalid UTF-8 (one warning with the byte offset), NUL/binary,
 * empty file, .txt.gz, truncated .gz, and a 20 MB line made here; the
 * limit on a document (PILCROW_DOC_MAX_BYTES): a file or buffer at it
 * is read, one past it is refused, and a gzip bomb or /dev/zero is
 * read no further than the limit, in no more memory than about it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "pilcrow-private.h"
#include "check.h"

static int n_warn;
static char last_warn[512];

static void
on_warn(const char *msg, void *payload)
{
    (void)payload;
    n_warn++;
    snprintf(last_warn, sizeof(last_warn), "%s", msg);
}

static char path[4096];

static const char *
data(const char *name)
{
    const char *d = getenv("TESTDATA");

    snprintf(path, sizeof(path), "%s/%s", d ? d : "tests/data", name);
    return path;
}

/* The peak resident memory of this process so far, in KiB. */
static long
peak_kib(void)
{
    struct rusage ru;

    CHECK_FATAL(getrusage(RUSAGE_SELF, &ru) == 0);
    return ru.ru_maxrss;
}

/* Write N bytes of text lines to file NAME, gzip-compressed if GZ. */
static void
write_text(const char *name, size_t n, int gz)
{
    static const char line[] = "The lanterns of the harbour were lit.\n";
    gzFile g = NULL;
    FILE *f = NULL;
    size_t k;

    if (gz)
        CHECK_FATAL((g = gzopen(name, "wb1")) != NULL);
    else
        CHECK_FATAL((f = fopen(name, "wb")) != NULL);
    for (; n > 0; n -= k) {
        k = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
        if (gz)
            CHECK_FATAL(gzwrite(g, line, (unsigned)k) == (int)k);
        else
            CHECK_FATAL(fwrite(line, 1, k, f) == k);
    }
    if (gz)
        CHECK_FATAL(gzclose(g) == Z_OK);
    else
        CHECK_FATAL(fclose(f) == 0);
}

/* The limit on a document.  Run first: it measures the process's peak
 * memory. */
static void
test_limit(void)
{
    const size_t lim = PILCROW_DOC_MAX_BYTES;
    char tmpl[] = "t-reader-XXXXXX", name[64], want[128];
    char *out = NULL, *err = NULL, *buf;
    size_t len = 0;
    long before;
    pilcrow_doc *doc = NULL;

    CHECK(lim == 64u * 1024 * 1024);
    CHECK_FATAL(mkdtemp(tmpl) != NULL);

    /* A gzip bomb: a megabyte past the limit once inflated.  Read up to
     * a byte past the limit and refused, in about the limit's memory
     * (it used to be read whole, in a buffer doubled to twice the
     * limit, then copied). */
    snprintf(name, sizeof(name), "%s/bomb.txt.gz", tmpl);
    write_text(name, lim + 1024 * 1024, 1);
    before = peak_kib();
    CHECK(pc_read_file(&out, &len, name, NULL, NULL, &err)
          == PILCROW_BADINPUT);
    CHECK(out == NULL && len == 0);
    snprintf(want, sizeof(want), "%s: more than 64 MiB of text: too large "
             "for a document", name);
    CHECK_STR(err, want);
    pilcrow_free(err);
    err = NULL;
#if defined(__SANITIZE_ADDRESS__)
    /* ASan keeps freed blocks resident (its quarantine). */
    (void)before;
#else
    if (getenv("PILCROW_VALGRIND") == NULL)
        CHECK(peak_kib() - before < (long)(lim + lim / 2) / 1024);
#endif
    CHECK(pilcrow_doc_parse_file(&doc, name, NULL, &err)
          == PILCROW_BADINPUT);
    CHECK(doc == NULL);
    CHECK_STR(err, want);
    pilcrow_free(err);
    err = NULL;
    unlink(name);

    /* /dev/zero never ends: refused at the limit. */
    if (access("/dev/zero", R_OK) == 0) {
        CHECK(pc_read_file(&out, &len, "/dev/zero", NULL, NULL, &err)
              == PILCROW_BADINPUT);
        CHECK_STR(err, "/dev/zero: more than 64 MiB of text: too large "
                  "for a document");
        pilcrow_free(err);
        err = NULL;
    }

    /* A plain file at the limit is read whole; a byte more is not. */
    snprintf(name, sizeof(name), "%s/at-limit.txt", tmpl);
    write_text(name, lim, 0);
    CHECK_OK(pc_read_file(&out, &len, name, NULL, NULL, &err));
    CHECK(len == lim && out != NULL && out[len] == '\0');
    pc_free(out);
    out = NULL;
    write_text(name, lim + 1, 0);
    CHECK(pc_read_file(&out, &len, name, NULL, NULL, &err)
          == PILCROW_BADINPUT);
    CHECK(err != NULL && strstr(err, ": more than 64 MiB of text") != NULL);
    pilcrow_free(err);
    err = NULL;
    unlink(name);
    CHECK(rmdir(tmpl) == 0);

    /* A buffer past the limit, through the public API. */
    CHECK_FATAL((buf = malloc(lim + 1)) != NULL);
    memset(buf, 'a', lim + 1);
    CHECK(pilcrow_doc_parse_buffer(&doc, buf, lim + 1, NULL, &err)
          == PILCROW_BADINPUT);
    CHECK(doc == NULL);
    CHECK_STR(err, "buffer: more than 64 MiB of text: too large for a "
              "document");
    pilcrow_free(err);
    free(buf);
}

int
main(void)
{
    char *out = NULL, *err = NULL, *big;
    size_t len = 0, n = 20u * 1024 * 1024, i;
    clock_t t0;

    test_limit();

    CHECK_OK(pc_read_file(&out, &len, data("crlf-bom.txt"), on_warn, NULL,
                          &err));
    CHECK(out && strncmp(out, "Distr.: 3 March 2001\n\nFirst", 27) == 0);
    CHECK(out && strchr(out, '\r') == NULL);
    CHECK(out && strstr(out, "Second paragraph\nwith a lone CR.\n"));
    pc_free(out);

    /* Bidirectional formatting controls (pdftotext wraps Arabic runs
     * in them) are dropped. */
    CHECK_OK(pc_clean_text(&out, &len, "\xE2\x80\xAB\xE2\x80\xAA"
                           "25-08477\xE2\x80\xAC\xE2\x80\xAC x\xE2\x81\xA6y",
                           26, "bidi", NULL, NULL, &err));
    CHECK_STR(out, "25-08477 xy");
    pc_free(out);

    n_warn = 0;
    CHECK_OK(pc_read_file(&out, &len, data("invalid-utf8.txt"), on_warn,
                          NULL, &err));
    CHECK(n_warn == 1);
    CHECK(strstr(last_warn, "invalid-utf8.txt: byte 28:") != NULL);
    CHECK(out && strstr(out, "byte \xEF\xBF\xBD here") != NULL);
    pc_free(out);

    CHECK(pc_read_file(&out, &len, data("nul.txt"), NULL, NULL, &err) ==
          PILCROW_BADINPUT);
    CHECK(out == NULL && err && strstr(err, "nul.txt"));
    pilcrow_free(err);
    err = NULL;
    CHECK(pc_read_file(&out, &len, data("binary.bin"), NULL, NULL, &err) ==
          PILCROW_BADINPUT);
    pilcrow_free(err);
    err = NULL;

    CHECK_OK(pc_read_file(&out, &len, data("empty.txt"), NULL, NULL, &err));
    CHECK(out && len == 0 && out[0] == '\0');
    pc_free(out);

    CHECK_OK(pc_read_file(&out, &len, data("speech.txt.gz"), NULL, NULL,
                          &err));
    CHECK_STR(out, "A short speech.\n\nIt has two blocks.\n");
    pc_free(out);

    CHECK(pc_read_file(&out, &len, data("truncated.txt.gz"), NULL, NULL,
                       &err) == PILCROW_IO);
    CHECK(err && strstr(err, "truncated gzip"));
    pilcrow_free(err);
    err = NULL;

    CHECK(pc_read_file(&out, &len, data("no-such-file.txt"), NULL, NULL,
                       &err) == PILCROW_NOTFOUND);
    pilcrow_free(err);
    err = NULL;

    /* 20 MB without a newline: cleaned and parsed, quickly. */
    CHECK_FATAL((big = malloc(n)) != NULL);
    for (i = 0; i < n; i++)
        big[i] = "word "[i % 5];
    t0 = clock();
    {
        pilcrow_doc *doc = NULL;

        CHECK_OK(pilcrow_doc_parse_buffer(&doc, big, n, NULL, &err));
        CHECK(pilcrow_doc_n_records(doc) == 1);
        pilcrow_doc_free(doc);
    }
    /* Under valgrind (tests/valgrind-wrap.sh) time means nothing. */
    if (getenv("PILCROW_VALGRIND") == NULL)
        CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
    free(big);
    return check_done();
}
