/*
 * t-reader.c - the reader on bad and odd inputs (issue 3): CRLF + BOM,
 * invalid UTF-8 (one warning with the byte offset), NUL/binary,
 * empty file, .txt.gz, truncated .gz, and a 20 MB line made here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int
main(void)
{
    char *out = NULL, *err = NULL, *big;
    size_t len = 0, n = 20u * 1024 * 1024, i;
    clock_t t0;

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
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
    free(big);
    return check_done();
}
