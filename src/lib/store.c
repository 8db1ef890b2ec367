/*
 * store.c - the stored form of a record (Xapian document data) and of a
 * document's metadata.  The byte layout is described in doc/design.md
 * ("Stored record format"); in short:
 *
 *   'R' 3 kind supplied varint(seq) varint(page) str(doc) str(number)
 *   annexflag
 *   [str(annex)]
 *   str(section) str(section_title)
 *   varint(n_cites) str...  varint(n_cited_by) str...
 *   varint(n_refs) str...
 *   codec varint(text_len) text-bytes
 *
 * where str is varint(length) + bytes, supplied is 1 when the number
 * is pilcrow's count and 0 when printed, annexflag is 0 (no annex) or 1,
 * and codec is 0 (raw) or 1 (a zlib stream, RFC 1950; see
 * deflate_text()).  Document
 * metadata:
 *
 *   'M' 2 flags str(id) [str(symbol)] str(title) [str(date)]
 *   str(language) str(file) metaflags [str(meta)]...
 *
 * where flags bit 0 says a symbol follows and bit 1 a date, and bit I
 * of metaflags that field I of the UN metadata (pilcrow_meta_field:
 * organ, session, agenda, agenda_title, type, version, base) follows,
 * in that order.  Version 1 (pilcrow 0.1) ends after str(file).  Decoding
 * checks every length against the data: damaged data gives
 * PILCROW_CORRUPT, never a read out of bounds.
 */
#include <limits.h>
#include <string.h>

#include <libdeflate.h>

#include "pilcrow-private.h"

/* Texts shorter than this are kept raw: deflate would not pay. */
#define STORE_MIN_DEFLATE 64

/* libdeflate's compression level for texts; see deflate_text(). */
#define STORE_LEVEL 1

static void
put_str(pilcrow_status *st, struct pc_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    pc_buf_put_varint(st, b, n);
    pc_buf_append(st, b, s ? s : "", n);
}

struct pc_deflater {
    struct libdeflate_compressor *c;
};

void
pc_deflater_free(struct pc_deflater *z)
{
    if (z == NULL)
        return;
    libdeflate_free_compressor(z->c);
    pc_free(z);
}

/* The compressor kept in *Z, made on first use; Z NULL: a new one the
 * caller frees.  NULL when out of memory. */
static struct pc_deflater *
deflater(struct pc_deflater **z)
{
    struct pc_deflater *d;

    if (z != NULL && *z != NULL)
        return *z;
    if ((d = pc_malloc(sizeof(*d))) == NULL)
        return NULL;
    if ((d->c = libdeflate_alloc_compressor(STORE_LEVEL)) == NULL) {
        pc_free(d);
        return NULL;
    }
    if (z != NULL)
        *z = d;
    return d;
}

/*
 * Deflate the LEN bytes at TEXT with D into a zlib stream at OUT (room
 * for OUT_LEN bytes); return its length, or 0 if it would not be
 * shorter than the text.
 *
 * libdeflate rather than zlib: each record is a stream of its own, and
 * zlib spends most of a short text's time building Huffman trees.  On
 * the texts of the 2015-17 debates (10,008 records, 7.3 MB) zlib at
 * level 6 (fixed codes below 2 KB, which inflate fastest with zlib)
 * took 0.24 s for 0.68 of their size; libdeflate at level 1 takes
 * 0.11 s for 0.54 (level 6: 0.16 s, 0.54), choosing fixed or dynamic
 * codes block by block, and decodes them in 4.2 us a record against
 * zlib's 3.8 us for the fixed-code streams.  Any zlib stream decodes,
 * so the stored layout is unchanged.  Xapian stores values as given, so
 * nothing deflates them again.
 */
static size_t
deflate_text(struct pc_deflater *d, const char *text, size_t len,
             unsigned char *out, size_t out_len)
{
    size_t n = libdeflate_zlib_compress(d->c, text, len, out, out_len);

    return n > 0 && n < len ? n : 0;
}

/* Append codec, length and TEXT: deflated when that makes it shorter. */
static void
put_text(pilcrow_status *st, struct pc_buf *b, const char *text, size_t len,
         struct pc_deflater **z)
{
    struct pc_deflater *d;
    size_t zlen = 0, bound;
    unsigned char *out;

    if (*st < 0)
        return;
    if (len >= STORE_MIN_DEFLATE && len <= UINT_MAX / 2) {
        if ((d = deflater(z)) == NULL) {
            *st = PILCROW_NOMEM;
            return;
        }
        bound = libdeflate_zlib_compress_bound(d->c, len);
        if ((out = pc_malloc(bound)) != NULL)
            zlen = deflate_text(d, text, len, out, bound);
        else
            *st = PILCROW_NOMEM;
        if (z == NULL)
            pc_deflater_free(d);
        if (zlen > 0) {
            pc_buf_putc(st, b, 1);
            pc_buf_put_varint(st, b, len);
            pc_buf_append(st, b, out, zlen);
        }
        pc_free(out);
        if (zlen > 0 || *st < 0)
            return;
    }
    pc_buf_putc(st, b, 0);
    pc_buf_put_varint(st, b, len);
    pc_buf_append(st, b, text, len);
}

void
pc_store_encode(pilcrow_status *st, struct pc_buf *b,
                const struct pilcrow_record *r, struct pc_deflater **z)
{
    size_t i;

    pc_buf_putc(st, b, 'R');
    pc_buf_putc(st, b, 3);
    pc_buf_putc(st, b, (char)r->kind);
    pc_buf_putc(st, b, (char)(r->printed ? 0 : 1));
    pc_buf_put_varint(st, b, r->seq);
    pc_buf_put_varint(st, b, r->page);
    put_str(st, b, r->doc);
    put_str(st, b, r->number);
    pc_buf_putc(st, b, r->annex != NULL);
    if (r->annex != NULL)
        put_str(st, b, r->annex);
    put_str(st, b, r->section);
    put_str(st, b, r->section_title);
    pc_buf_put_varint(st, b, r->n_cites);
    for (i = 0; i < r->n_cites; i++)
        put_str(st, b, r->cites[i]);
    pc_buf_put_varint(st, b, r->n_cited_by);
    for (i = 0; i < r->n_cited_by; i++)
        put_str(st, b, r->cited_by[i]);
    pc_buf_put_varint(st, b, r->n_refs);
    for (i = 0; i < r->n_refs; i++)
        put_str(st, b, r->refs[i]);
    put_text(st, b, r->text, r->text_len, z);
}

/* A cursor over stored bytes. */
struct reader {
    const unsigned char *p;
    const unsigned char *end;
    int bad;                    /* set on any overrun */
};

static uint64_t
get_varint(struct reader *rd)
{
    uint64_t v = 0;

    if (!rd->bad && pc_get_varint(&rd->p, rd->end, &v) != 0)
        rd->bad = 1;
    return rd->bad ? 0 : v;
}

static int
get_byte(struct reader *rd)
{
    if (rd->bad || rd->p >= rd->end) {
        rd->bad = 1;
        return 0;
    }
    return *rd->p++;
}

/* A string from RD copied into arena A ("" on a damaged record). */
static const char *
get_str(pilcrow_status *st, struct reader *rd, struct pc_arena *a)
{
    uint64_t n = get_varint(rd);
    const char *s;

    if (rd->bad || n > (uint64_t)(rd->end - rd->p)) {
        rd->bad = 1;
        return "";
    }
    s = pc_arena_strndup(st, a, (const char *)rd->p, (size_t)n);
    rd->p += n;
    return s ? s : "";
}

/* A list of strings: count, then each. */
static const char **
get_list(pilcrow_status *st, struct reader *rd, struct pc_arena *a,
         size_t *n_out)
{
    uint64_t n = get_varint(rd), i;
    const char **v;

    *n_out = 0;
    /* Each string takes at least one byte: bound N by what is left. */
    if (rd->bad || n > (uint64_t)(rd->end - rd->p)) {
        rd->bad = 1;
        return NULL;
    }
    if (n == 0)
        return NULL;
    if ((v = pc_arena_alloc(st, a, (size_t)n * sizeof(*v))) == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        v[i] = get_str(st, rd, a);
    *n_out = (size_t)n;
    return v;
}

struct pc_inflater {
    struct libdeflate_decompressor *d;
};

void
pc_inflater_free(struct pc_inflater *z)
{
    if (z == NULL)
        return;
    libdeflate_free_decompressor(z->d);
    pc_free(z);
}

/* Inflate the zlib stream of IN_LEN bytes at IN into the OUT_LEN bytes
 * at OUT.  Returns PILCROW_OK if it gives exactly OUT_LEN bytes (its
 * checksum right), else PILCROW_CORRUPT or PILCROW_NOMEM.  *Z keeps
 * the decompressor between calls (Z NULL: none). */
static pilcrow_status
inflate_text(struct pc_inflater **z, const unsigned char *in, size_t in_len,
             char *out, size_t out_len)
{
    struct pc_inflater *zi;
    enum libdeflate_result rc;

    if (z != NULL && *z != NULL) {
        zi = *z;
    } else {
        if ((zi = pc_malloc(sizeof(*zi))) == NULL)
            return PILCROW_NOMEM;
        if ((zi->d = libdeflate_alloc_decompressor()) == NULL) {
            pc_free(zi);
            return PILCROW_NOMEM;
        }
        if (z != NULL)
            *z = zi;
    }
    /* No length returned: the text must be exactly OUT_LEN bytes. */
    rc = libdeflate_zlib_decompress(zi->d, in, in_len, out, out_len, NULL);
    if (z == NULL)
        pc_inflater_free(zi);
    return rc == LIBDEFLATE_SUCCESS ? PILCROW_OK : PILCROW_CORRUPT;
}

pilcrow_status
pc_store_decode(struct pilcrow_record *r, struct pc_arena *a,
                const char *data, size_t len, int with_text,
                struct pc_inflater **z)
{
    struct reader rd;
    pilcrow_status st = PILCROW_OK;
    int kind, flags, codec;
    uint64_t tlen;
    size_t avail;
    char *text;

    rd.p = (const unsigned char *)data;
    rd.end = rd.p + len;
    rd.bad = 0;
    if (get_byte(&rd) != 'R' || get_byte(&rd) != 3)
        return PILCROW_CORRUPT;
    kind = get_byte(&rd);
    flags = get_byte(&rd);
    if (kind > PILCROW_KIND_NOTE || flags > 1)
        return PILCROW_CORRUPT;
    r->kind = (pilcrow_kind)kind;
    r->printed = !(flags & 1);
    r->seq = (uint32_t)get_varint(&rd);
    r->page = (uint32_t)get_varint(&rd);
    r->doc = get_str(&st, &rd, a);
    r->number = get_str(&st, &rd, a);
    r->annex = get_byte(&rd) ? get_str(&st, &rd, a) : NULL;
    r->section = get_str(&st, &rd, a);
    r->section_title = get_str(&st, &rd, a);
    r->cites = get_list(&st, &rd, a, &r->n_cites);
    r->cited_by = get_list(&st, &rd, a, &r->n_cited_by);
    r->refs = get_list(&st, &rd, a, &r->n_refs);
    codec = get_byte(&rd);
    tlen = get_varint(&rd);
    if (st < 0)
        return st;
    if (rd.bad || codec > 1 || tlen > ((uint64_t)1 << 31))
        return PILCROW_CORRUPT;
    avail = (size_t)(rd.end - rd.p);
    r->text = NULL;
    r->text_len = 0;
    if (!with_text)
        return codec == 0 && avail != tlen ? PILCROW_CORRUPT : PILCROW_OK;
    if (codec == 0) {
        if (avail != tlen)
            return PILCROW_CORRUPT;
        if ((text = pc_arena_alloc(&st, a, (size_t)tlen + 1)) == NULL)
            return st;
        memcpy(text, rd.p, (size_t)tlen);
    } else {
        /* Deflate shrinks at most 1032 to 1: a length beyond that is
         * damage, not a reason to allocate it. */
        if (tlen > (uint64_t)avail * 1032)
            return PILCROW_CORRUPT;
        if ((text = pc_arena_alloc(&st, a, (size_t)tlen + 1)) == NULL)
            return st;
        if ((st = inflate_text(z, rd.p, avail, text, (size_t)tlen)) < 0)
            return st;
    }
    text[tlen] = '\0';
    r->text = text;
    r->text_len = (size_t)tlen;
    return PILCROW_OK;
}

void
pc_store_encode_docmeta(pilcrow_status *st, struct pc_buf *b,
                        const pilcrow_doc *doc)
{
    unsigned mflags = 0, i;

    pc_buf_putc(st, b, 'M');
    pc_buf_putc(st, b, 2);
    pc_buf_putc(st, b, (char)((doc->symbol != NULL) | (doc->date != NULL) << 1));
    put_str(st, b, doc->id);
    if (doc->symbol != NULL)
        put_str(st, b, doc->symbol);
    put_str(st, b, doc->title);
    if (doc->date != NULL)
        put_str(st, b, doc->date);
    put_str(st, b, doc->language);
    put_str(st, b, doc->file);
    for (i = 0; i < PC_N_META; i++)
        if (doc->meta[i] != NULL)
            mflags |= 1u << i;
    pc_buf_putc(st, b, (char)mflags);
    for (i = 0; i < PC_N_META; i++)
        if (doc->meta[i] != NULL)
            put_str(st, b, doc->meta[i]);
}

pilcrow_status
pc_store_decode_docmeta(struct pilcrow_record *r, struct pc_arena *a,
                        const char *data, size_t len)
{
    struct reader rd;
    pilcrow_status st = PILCROW_OK;
    int flags, version, i;

    rd.p = (const unsigned char *)data;
    rd.end = rd.p + len;
    rd.bad = 0;
    if (get_byte(&rd) != 'M' || ((version = get_byte(&rd)) != 1 &&
                                 version != 2))
        return PILCROW_CORRUPT;
    flags = get_byte(&rd);
    r->doc = get_str(&st, &rd, a);
    r->symbol = (flags & 1) ? get_str(&st, &rd, a) : NULL;
    r->title = get_str(&st, &rd, a);
    r->date = (flags & 2) ? get_str(&st, &rd, a) : NULL;
    r->language = get_str(&st, &rd, a);
    r->file = get_str(&st, &rd, a);
    memset(r->meta, 0, sizeof(r->meta));
    if (version == 2) {
        flags = get_byte(&rd);
        for (i = 0; i < PC_N_META; i++)
            if (flags & (1 << i))
                r->meta[i] = get_str(&st, &rd, a);
    }
    if (st < 0)
        return st;
    return rd.bad || rd.p != rd.end ? PILCROW_CORRUPT : PILCROW_OK;
}
