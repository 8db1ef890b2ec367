/*
 * t-store.c - the stored record format: round trips (raw and deflated
 * text, annex, cites), and damaged data gives PILCROW_CORRUPT, never a
 * crash or a read out of bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pilcrow-private.h"
#include "check.h"

static const char *para7 =
    "Among the 36 Governments that were generally in favour of convening a "
    "conference, the views regarding its possible objectives and the issues "
    "to be discussed varied widely. One of the issues most frequently "
    "mentioned (by 13 Governments) related to the protection of the rights "
    "of migrants.\xc2\xb9";

static void
test_round_trip(const char *text, const char *annex)
{
    struct pilcrow_record r, d;
    struct pc_buf b = PC_BUF_INIT;
    struct pc_arena a = PC_ARENA_INIT;
    pilcrow_status st = PILCROW_OK;
    const char *cites[] = { "1", "*" };

    memset(&r, 0, sizeof(r));
    r.kind = PILCROW_KIND_PARAGRAPH;
    r.seq = 300;
    r.doc = "reports/A_52_314";
    r.number = "7";
    r.annex = annex;
    r.section = "II";
    r.section_title = "Views of Governments";
    r.text = text;
    r.text_len = strlen(text);
    r.cites = cites;
    r.n_cites = 2;
    pc_store_encode(&st, &b, &r, NULL);
    CHECK_OK(st);
    if (strlen(text) > 600)
        CHECK(b.len < strlen(text));      /* deflate paid */
    memset(&d, 0, sizeof(d));
    CHECK_OK(pc_store_decode(&d, &a, b.data, b.len, 1, NULL));
    CHECK(d.kind == PILCROW_KIND_PARAGRAPH);
    CHECK(d.seq == 300);
    CHECK_STR(d.doc, "reports/A_52_314");
    CHECK_STR(d.number, "7");
    CHECK_STR(d.annex, annex);
    CHECK_STR(d.section, "II");
    CHECK_STR(d.section_title, "Views of Governments");
    CHECK_STR(d.text, text);
    CHECK(d.text_len == strlen(text));
    CHECK(d.n_cites == 2);
    if (d.n_cites == 2) {
        CHECK_STR(d.cites[0], "1");
        CHECK_STR(d.cites[1], "*");
    }
    CHECK(d.n_cited_by == 0);
    /* Fields without the text: the same, and the text left out. */
    memset(&d, 0, sizeof(d));
    CHECK_OK(pc_store_decode(&d, &a, b.data, b.len, 0, NULL));
    CHECK_STR(d.section_title, "Views of Governments");
    CHECK(d.seq == 300 && d.n_cites == 2);
    CHECK(d.text == NULL && d.text_len == 0);

    /* Every truncation and every single-byte corruption decodes to a
     * status, never a crash (ASan and valgrind check the reads). */
    {
        size_t cut, i;
        for (cut = 0; cut < b.len; cut++) {
            struct pc_arena t = PC_ARENA_INIT;
            memset(&d, 0, sizeof(d));
            CHECK(pc_store_decode(&d, &t, b.data, cut, 1, NULL) ==
                  PILCROW_CORRUPT);
            pc_arena_free(&t);
        }
        for (i = 0; i < b.len; i++) {
            struct pc_arena t = PC_ARENA_INIT;
            char saved = b.data[i];
            b.data[i] = (char)(saved ^ 0x5A);
            memset(&d, 0, sizeof(d));
            st = pc_store_decode(&d, &t, b.data, b.len, 1, NULL);
            CHECK(st == PILCROW_OK || st == PILCROW_CORRUPT);
            b.data[i] = saved;
            pc_arena_free(&t);
        }
    }
    pc_arena_free(&a);
    pc_buf_free(&b);
}

static void
test_docmeta(void)
{
    struct pilcrow_doc doc;
    struct pilcrow_record r;
    struct pc_buf b = PC_BUF_INIT;
    struct pc_arena a = PC_ARENA_INIT;
    pilcrow_status st = PILCROW_OK;

    memset(&doc, 0, sizeof(doc));
    doc.id = "international-migration-and-development-1997";
    doc.symbol = NULL;
    doc.title = "International migration and development";
    doc.date = "1997-09-18";
    doc.language = "en";
    doc.file = "corpus/international-migration-and-development-1997.txt";
    pc_store_encode_docmeta(&st, &b, &doc);
    CHECK_OK(st);
    memset(&r, 0, sizeof(r));
    CHECK_OK(pc_store_decode_docmeta(&r, &a, b.data, b.len));
    CHECK_STR(r.doc, doc.id);
    CHECK(r.symbol == NULL);
    CHECK_STR(r.title, doc.title);
    CHECK_STR(r.date, "1997-09-18");
    CHECK_STR(r.language, "en");
    CHECK_STR(r.file, doc.file);
    CHECK(pc_store_decode_docmeta(&r, &a, b.data, b.len - 1)
          == PILCROW_CORRUPT);
    pc_arena_free(&a);
    pc_buf_free(&b);
}

/* One inflater serves many records, a damaged one among them. */
static void
test_inflater(const char *text)
{
    struct pilcrow_record r, d;
    struct pc_buf b = PC_BUF_INIT;
    struct pc_arena a = PC_ARENA_INIT;
    struct pc_inflater *z = NULL;
    pilcrow_status st = PILCROW_OK;
    int i;

    memset(&r, 0, sizeof(r));
    r.doc = "reports/A_52_314";
    r.number = "7";
    r.section = r.section_title = "";
    r.text = text;
    r.text_len = strlen(text);
    pc_store_encode(&st, &b, &r, NULL);
    CHECK_OK(st);
    CHECK(b.len < strlen(text));
    for (i = 0; i < 3; i++) {
        memset(&d, 0, sizeof(d));
        if (i == 1) {
            /* The deflated text's last byte (of its checksum) damaged. */
            b.data[b.len - 1] ^= 0x5A;
            CHECK(pc_store_decode(&d, &a, b.data, b.len, 1, &z) ==
                  PILCROW_CORRUPT);
            b.data[b.len - 1] ^= 0x5A;
            continue;
        }
        CHECK_OK(pc_store_decode(&d, &a, b.data, b.len, 1, &z));
        CHECK_STR(d.text, text);
        CHECK(z != NULL);
    }
    pc_inflater_free(z);
    pc_arena_free(&a);
    pc_buf_free(&b);
}

/* A long text: LEN bytes of the corpus report from byte AT, or NULL
 * when $CORPUS is not set. */
static char *
corpus_text(long at, size_t len)
{
    const char *dir = getenv("CORPUS");
    char path[4096], *buf;
    FILE *f;
    size_t n = 0;

    if (dir == NULL)
        return NULL;
    snprintf(path, sizeof(path),
             "%s/international-migration-and-development-1997.txt", dir);
    if ((f = fopen(path, "rb")) == NULL || fseek(f, at, SEEK_SET) != 0 ||
        (buf = malloc(len + 1)) == NULL) {
        if (f != NULL)
            fclose(f);
        return NULL;
    }
    n = fread(buf, 1, len, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* A long text is deflated with dynamic codes (0.40 of its size here;
 * fixed codes give 0.50), and it reads back whole. */
static void
test_long_text(void)
{
    char *text = corpus_text(50000, 6000);
    struct pilcrow_record r, d;
    struct pc_buf b = PC_BUF_INIT;
    struct pc_arena a = PC_ARENA_INIT;
    pilcrow_status st = PILCROW_OK;

    if (text == NULL) {
        fprintf(stderr, "t-store: no corpus ($CORPUS): long text skipped\n");
        return;
    }
    CHECK(strlen(text) == 6000);
    memset(&r, 0, sizeof(r));
    r.kind = PILCROW_KIND_PARAGRAPH;
    r.doc = "reports/A_52_314";
    r.number = "1";
    r.text = text;
    r.text_len = strlen(text);
    pc_store_encode(&st, &b, &r, NULL);
    CHECK_OK(st);
    CHECK(b.len < r.text_len * 9 / 20);
    memset(&d, 0, sizeof(d));
    CHECK_OK(pc_store_decode(&d, &a, b.data, b.len, 1, NULL));
    CHECK(d.text_len == r.text_len && memcmp(d.text, text, r.text_len) == 0);
    pc_arena_free(&a);
    pc_buf_free(&b);
    free(text);
}

/* A paragraph of 290 bytes is stored in 0.70 of its size or less:
 * libdeflate picks dynamic codes where they pay (0.68 here; zlib's
 * fixed codes gave 0.83). */
static void
test_short_text(void)
{
    struct pilcrow_record r;
    struct pc_buf b = PC_BUF_INIT, h = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;

    memset(&r, 0, sizeof(r));
    r.doc = "reports/A_52_314";
    r.number = "7";
    r.section = r.section_title = "";
    pc_store_encode(&st, &h, &r, NULL);         /* the fields alone */
    r.text = para7;
    r.text_len = strlen(para7);
    pc_store_encode(&st, &b, &r, NULL);
    CHECK_OK(st);
    CHECK(b.len - h.len <= r.text_len * 70 / 100);
    pc_buf_free(&b);
    pc_buf_free(&h);
}

/* A record written before libdeflate, its text a zlib stream with fixed
 * codes as zlib's deflate made it, reads back whole. */
static void
test_zlib_record(void)
{
    static const char head[] = {
        'R', 3, 0, 0, 7, 0, 16, 'r', 'e', 'p', 'o', 'r', 't', 's', '/',
        'A', '_', '5', '2', '_', '3', '1', '4', 1, '7', 0, 0, 0, 0, 0, 0
    };
    unsigned char z[1024];
    struct pilcrow_record d;
    struct pc_buf b = PC_BUF_INIT;
    struct pc_arena a = PC_ARENA_INIT;
    pilcrow_status st = PILCROW_OK;
    z_stream s;
    size_t len = strlen(para7);

    memset(&s, 0, sizeof(s));
    CHECK(deflateInit2(&s, 6, Z_DEFLATED, 15, 8, Z_FIXED) == Z_OK);
    s.next_in = (Bytef *)para7;
    s.avail_in = (uInt)len;
    s.next_out = z;
    s.avail_out = sizeof(z);
    CHECK(deflate(&s, Z_FINISH) == Z_STREAM_END);
    pc_buf_append(&st, &b, head, sizeof(head));
    pc_buf_putc(&st, &b, 1);
    pc_buf_put_varint(&st, &b, len);
    pc_buf_append(&st, &b, z, s.total_out);
    deflateEnd(&s);
    CHECK_OK(st);
    memset(&d, 0, sizeof(d));
    CHECK_OK(pc_store_decode(&d, &a, b.data, b.len, 1, NULL));
    CHECK_STR(d.doc, "reports/A_52_314");
    CHECK_STR(d.text, para7);
    /* One byte short of the stream: damage, not a shorter text. */
    memset(&d, 0, sizeof(d));
    CHECK(pc_store_decode(&d, &a, b.data, b.len - 1, 1, NULL) ==
          PILCROW_CORRUPT);
    pc_arena_free(&a);
    pc_buf_free(&b);
}

int
main(void)
{
    char para7x3[1024];

    /* Three paragraphs: long enough for the stored record, fields
     * included, to be shorter than the text. */
    snprintf(para7x3, sizeof(para7x3), "%s %s %s", para7, para7, para7);
    test_round_trip(para7x3, NULL);
    test_inflater(para7x3);
    test_round_trip(para7, NULL);
    test_round_trip("Short.", "I");
    test_round_trip("", "");
    test_long_text();
    test_short_text();
    test_zlib_record();
    test_docmeta();
    return check_done();
}
