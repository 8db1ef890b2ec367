/*
 * reader.c - the first stage: the bytes of a file become clean UTF-8
 * text for the parser (doc/design.md, "Stages").
 *
 * pc_read_file() reads a whole file through zlib's gz* functions, which
 * inflate gzip data and pass any other file through unchanged, so
 * "report.txt" and "report.txt.gz" read alike.  A gzip stream that ends
 * early is reported as PILCROW_IO ("truncated gzip data"), never as a
 * short document.
 *
 * No document is more than PILCROW_DOC_MAX_BYTES (64 MiB) of text, once
 * inflated: the reader stops one byte past it and refuses the file
 * (PILCROW_BADINPUT), so /dev/zero or a gzip bomb costs at most the
 * limit in memory, never a read until memory runs out.  Its buffer
 * grows by doubling, but never past the limit and a byte.
 * pc_clean_text() refuses a longer buffer the same way.
 *
 * pc_clean_text() makes one pass over the bytes and writes:
 *  - nothing for a leading UTF-8 byte-order mark (EF BB BF);
 *  - LF for CRLF and for a lone CR;
 *  - U+FFFD for each byte that does not start a valid UTF-8 sequence
 *    (overlong forms, surrogates and code points over U+10FFFF are
 *    invalid too), with one warning for the whole text that names the
 *    byte offset of the first bad byte and the number replaced;
 *  - a space for other C0 controls and DEL (TAB, LF and FF are kept:
 *    the parser uses FF as a page break);
 *  - nothing for bidirectional formatting controls (U+200E, U+200F,
 *    U+202A-U+202E, U+2066-U+2069), which pdftotext puts around every
 *    run of right-to-left text;
 * and rejects binary content with PILCROW_BADINPUT: any NUL byte, or
 * more than one control character in 64 bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "pilcrow-private.h"

/* Bytes read from a gzFile per call. */
#define READ_CHUNK (256u * 1024u)

/* The message of a document past the limit, for NAME. */
static pilcrow_status
too_large(char **errmsg, const char *name)
{
    return pc_errmsg(errmsg, PILCROW_BADINPUT, "%s: more than %d MiB of "
                     "text: too large for a document", name,
                     PILCROW_DOC_MAX_BYTES / (1024 * 1024));
}

/* The length of the valid UTF-8 sequence at P (N > 0 bytes available)
 * whose first byte is C >= 0x80, or 0 when it is not valid. */
static size_t
utf8_valid_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];

    if (c >= 0xC2 && c <= 0xDF) {
        if (n >= 2 && (p[1] & 0xC0) == 0x80)
            return 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        if (n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            if (c == 0xE0 && p[1] < 0xA0)
                return 0;               /* overlong */
            if (c == 0xED && p[1] >= 0xA0)
                return 0;               /* surrogate */
            return 3;
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        if (n >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
            (p[3] & 0xC0) == 0x80) {
            if (c == 0xF0 && p[1] < 0x90)
                return 0;               /* overlong */
            if (c == 0xF4 && p[1] >= 0x90)
                return 0;               /* over U+10FFFF */
            return 4;
        }
    }
    return 0;
}

pilcrow_status
pc_clean_text(char **out, size_t *out_len, const char *buf, size_t len,
              const char *name, pilcrow_warn_fn *warn, void *payload,
              char **errmsg)
{
    const unsigned char *p, *end;
    char *o, *w, *tmp;
    size_t cap, n_bad = 0, first_bad = 0, n_ctl = 0, k;
    char msg[512];

    if (out == NULL || (buf == NULL && len > 0))
        return PILCROW_INVALID;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (name == NULL)
        name = "buffer";
    if (len > PILCROW_DOC_MAX_BYTES)
        return too_large(errmsg, name);
    p = (const unsigned char *)buf;
    end = p + len;
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        p += 3;
    /* Output never grows except by replacements (1 byte -> 3). */
    cap = (size_t)(end - p) + 1;
    if ((o = pc_malloc(cap)) == NULL)
        return pc_errmsg(errmsg, PILCROW_NOMEM, "%s: out of memory", name);
    w = o;
    while (p < end) {
        unsigned char c = *p;

        /* Fast path: eight printable ASCII bytes at a time (most of a
         * document).  A word has a byte outside 0x20-0x7E when a byte
         * has its high bit set, is below 0x20 (x - 0x20 borrows into
         * its high bit) or is 0x7F (x ^ 0x7F is then 0). */
        while (end - p >= 8) {
            uint64_t x, y;

            memcpy(&x, p, 8);
            y = x ^ UINT64_C(0x7F7F7F7F7F7F7F7F);
            if (((x | ((x - UINT64_C(0x2020202020202020)) & ~x) |
                  ((y - UINT64_C(0x0101010101010101)) & ~y)) &
                 UINT64_C(0x8080808080808080)) != 0)
                break;
            memcpy(w, p, 8);
            w += 8;
            p += 8;
        }
        if (p == end)
            break;
        c = *p;
        if (c >= 0x20 && c < 0x7F) {
            *w++ = (char)c;
            p++;
            continue;
        }
        if (c < 0x80) {
            if (c == '\n' || c == '\t' || c == '\f') {
                *w++ = (char)c;
            } else if (c == '\r') {
                *w++ = '\n';
                if (p + 1 < end && p[1] == '\n')
                    p++;
            } else if (c == 0) {
                pc_free(o);
                return pc_errmsg(errmsg, PILCROW_BADINPUT,
                                 "%s: byte %zu: NUL byte: not a text "
                                 "document", name,
                                 (size_t)(p - (const unsigned char *)buf));
            } else {
                n_ctl++;
                *w++ = ' ';
            }
            p++;
            continue;
        }
        k = utf8_valid_len(p, (size_t)(end - p));
        /* Bidirectional formatting controls (LRM, RLM U+200E-F, the
         * embeddings U+202A-E, the isolates U+2066-9) are dropped:
         * pdftotext wraps each run of right-to-left text in them, and
         * they would split numbers and words for the parser and the
         * analyser while meaning nothing for search. */
        if (k == 3 && c == 0xE2 &&
            ((p[1] == 0x80 && ((p[2] >= 0xAA && p[2] <= 0xAE) ||
                               p[2] == 0x8E || p[2] == 0x8F)) ||
             (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
            p += 3;
            continue;
        }
        if (k > 0) {
            memcpy(w, p, k);
            w += k;
            p += k;
            continue;
        }
        if (n_bad++ == 0)
            first_bad = (size_t)(p - (const unsigned char *)buf);
        /* Room for 3 bytes where 1 was budgeted. */
        if ((size_t)(w - o) + 3 + (size_t)(end - p) > cap) {
            size_t used = (size_t)(w - o);
            size_t ncap = cap + cap / 2 + 16;

            if ((tmp = pc_realloc(o, ncap)) == NULL) {
                pc_free(o);
                return pc_errmsg(errmsg, PILCROW_NOMEM, "%s: out of memory",
                                 name);
            }
            o = tmp;
            cap = ncap;
            w = o + used;
        }
        memcpy(w, "\xEF\xBF\xBD", 3);
        w += 3;
        p++;
    }
    *w = '\0';
    if (n_ctl > 8 && n_ctl > len / 64) {
        pc_free(o);
        return pc_errmsg(errmsg, PILCROW_BADINPUT,
                         "%s: %zu control characters: not a text document",
                         name, n_ctl);
    }
    if (n_bad > 0 && warn != NULL) {
        snprintf(msg, sizeof(msg), "%s: byte %zu: invalid UTF-8 replaced "
                 "by U+FFFD (%zu byte%s)", name, first_bad, n_bad,
                 n_bad == 1 ? "" : "s");
        warn(msg, payload);
    }
    *out = o;
    if (out_len)
        *out_len = (size_t)(w - o);
    return PILCROW_OK;
}

pilcrow_status
pc_read_file(char **out, size_t *out_len, const char *path,
             pilcrow_warn_fn *warn, void *payload, char **errmsg)
{
    gzFile gz;
    struct pc_buf b = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;
    const char *zmsg;
    size_t want, ncap;
    char *tmp;
    int n, zerr;

    if (out == NULL || path == NULL)
        return PILCROW_INVALID;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    errno = 0;
    if ((gz = gzopen(path, "rb")) == NULL) {
        if (errno == ENOENT || errno == ENOTDIR)
            return pc_errmsg(errmsg, PILCROW_NOTFOUND, "%s: no such file",
                             path);
        if (errno == 0 || errno == ENOMEM)
            return pc_errmsg(errmsg, PILCROW_NOMEM, "%s: out of memory",
                             path);
        return pc_errmsg(errmsg, PILCROW_IO, "%s: cannot open: %s", path,
                         strerror(errno));
    }
    for (;;) {
        /* Up to one byte past the limit, which tells a longer file. */
        if (b.len > PILCROW_DOC_MAX_BYTES) {
            pc_buf_free(&b);
            gzclose(gz);
            return too_large(errmsg, path);
        }
        want = (size_t)PILCROW_DOC_MAX_BYTES + 1 - b.len;
        if (want > READ_CHUNK)
            want = READ_CHUNK;
        if (b.cap - b.len < want + 1) {
            ncap = b.cap < READ_CHUNK ? 2 * READ_CHUNK + 1 : b.cap * 2;
            if (ncap > (size_t)PILCROW_DOC_MAX_BYTES + 2)
                ncap = (size_t)PILCROW_DOC_MAX_BYTES + 2;
            if ((tmp = pc_realloc(b.data, ncap)) == NULL) {
                pc_buf_free(&b);
                gzclose(gz);
                return pc_errmsg(errmsg, PILCROW_NOMEM, "%s: out of memory",
                                 path);
            }
            b.data = tmp;
            b.cap = ncap;
        }
        errno = 0;
        n = gzread(gz, b.data + b.len, (unsigned)want);
        if (n > 0) {
            b.len += (size_t)n;
            continue;
        }
        zmsg = gzerror(gz, &zerr);
        if (n < 0 || zerr == Z_BUF_ERROR || zerr == Z_DATA_ERROR ||
            zerr == Z_ERRNO || zerr == Z_MEM_ERROR) {
            if (zerr == Z_ERRNO)
                st = pc_errmsg(errmsg, PILCROW_IO, "%s: cannot read: %s",
                               path, strerror(errno ? errno : EIO));
            else if (zerr == Z_MEM_ERROR)
                st = pc_errmsg(errmsg, PILCROW_NOMEM, "%s: out of memory",
                               path);
            else if (zerr == Z_BUF_ERROR)
                st = pc_errmsg(errmsg, PILCROW_IO,
                               "%s: truncated gzip data (%s)", path, zmsg);
            else
                st = pc_errmsg(errmsg, PILCROW_IO,
                               "%s: corrupt gzip data (%s)", path, zmsg);
            pc_buf_free(&b);
            gzclose(gz);
            return st;
        }
        break;
    }
    gzclose(gz);
    st = pc_clean_text(out, out_len, b.data ? b.data : "", b.len, path,
                       warn, payload, errmsg);
    pc_buf_free(&b);
    return st;
}
