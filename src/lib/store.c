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
 * and codec is 0 (raw) or 1 (a zlib stream; see deflate_text()).  Document
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
#include <zlib.h>

#include "pilcrow-private.h"

/* Texts shorter than this are kept raw: deflate would not pay. */
#define STORE_MIN_DEFLATE 64
/* Texts this long or longer are deflated with dynamic codes. */
#define STORE_MIN_DYNAMIC 2048

static void
put_str(pilcrow_status *st, struct pc_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    pc_buf_put_varint(st, b, n);
    pc_buf_append(st, b, s ? s : "", n);
}

/* Deflate the LEN bytes at TEXT into Z (ZLEN bytes, at least
 * compressBound(LEN)) as a zlib stream with fixed Huffman codes; return
 * the compressed length, or 0 if deflate failed or did not pay.
 *
 * Fixed codes (Z_FIXED): a record is a few hundred bytes, and inflating
 * it with dynamic codes spends most of its time building the block's
 * decoding tables, half of what reading the record for a snippet costs.
 * Fixed codes inflate twice as fast for 30% more bytes of text (texts of
 * the debates: 0.74 of their size instead of 0.57; the index +6%).
 *
 * Long texts (STORE_MIN_DYNAMIC) take dynamic codes: their tables cost
 * little against the text, and Xapian, which deflates each record it is
 * given and keeps the smaller, beat the fixed-code stream of long texts;
 * reading such a record inflated it twice.  Any zlib stream inflates,
 * so this is the writer's choice alone. */
static size_t
deflate_text(const char *text, size_t len, Bytef *z, size_t zlen)
{
    z_stream s;
    size_t out = 0;
    int wbits = 9;

    /* The smallest window that holds the whole text plus deflate's
     * lookahead (262 bytes; zlib's least window is 512 bytes), and hash
     * and buffers to match: a 32 KB window and memLevel 8 cost 270 KB of
     * allocation and a 128 KB clear of the hash per record for texts of
     * a few hundred bytes.  Matches reach as far as before, so the
     * output is as small; any inflater with the default window reads
     * it, so the stored layout is unchanged. */
    while (wbits < 15 && ((size_t)1 << wbits) < len + 262)
        wbits++;
    memset(&s, 0, sizeof(s));
    if (deflateInit2(&s, 6, Z_DEFLATED, wbits, wbits - 7,
                     len >= STORE_MIN_DYNAMIC ? Z_DEFAULT_STRATEGY : Z_FIXED)
        != Z_OK)
        return 0;
    s.next_in = (Bytef *)text;
    s.avail_in = (uInt)len;
    s.next_out = z;
    s.avail_out = (uInt)zlen;
    if (deflate(&s, Z_FINISH) == Z_STREAM_END && s.total_out < len)
        out = (size_t)s.total_out;
    deflateEnd(&s);
    return out;
}

/* Append codec, length and TEXT: deflated when that makes it shorter. */
static void
put_text(pilcrow_status *st, struct pc_buf *b, const char *text, size_t len)
{
    size_t zlen;
    Bytef *z;

    if (*st < 0)
        return;
    if (len >= STORE_MIN_DEFLATE && len <= UINT_MAX / 2) {
        zlen = compressBound(len);
        if ((z = pc_malloc(zlen)) == NULL) {
            *st = PILCROW_NOMEM;
            return;
        }
        if ((zlen = deflate_text(text, len, z, zlen)) > 0) {
            pc_buf_putc(st, b, 1);
            pc_buf_put_varint(st, b, len);
            pc_buf_append(st, b, z, zlen);
            pc_free(z);
            return;
        }
        pc_free(z);
    }
    pc_buf_putc(st, b, 0);
    pc_buf_put_varint(st, b, len);
    pc_buf_append(st, b, text, len);
}

void
pc_store_encode(pilcrow_status *st, struct pc_buf *b,
                const struct pilcrow_record *r)
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
    put_text(st, b, r->text, r->text_len);
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
    z_stream s;
};

void
pc_inflater_free(struct pc_inflater *z)
{
    if (z == NULL)
        return;
    inflateEnd(&z->s);
    pc_free(z);
}

/* Bytes of room past a text's end while inflating: zlib's fast decoder
 * runs only while 258 bytes of output room remain, and a record's last
 * 258 bytes would otherwise go through its slow one. */
#define INFLATE_SLACK 258

/* Inflate the zlib stream of IN_LEN bytes at IN into OUT, which has
 * room for OUT_LEN + INFLATE_SLACK bytes.  Returns PILCROW_OK if it
 * gives exactly OUT_LEN bytes, else PILCROW_CORRUPT or PILCROW_NOMEM.
 * *Z keeps the stream between calls (Z NULL: none). */
static pilcrow_status
inflate_text(struct pc_inflater **z, const unsigned char *in, size_t in_len,
             char *out, size_t out_len)
{
    struct pc_inflater local, *zi;
    pilcrow_status st = PILCROW_CORRUPT;
    int rc;

    if (in_len > UINT_MAX || out_len > UINT_MAX - INFLATE_SLACK)
        return PILCROW_CORRUPT;
    if (z != NULL && *z != NULL) {
        zi = *z;
        if (inflateReset(&zi->s) != Z_OK)
            return PILCROW_CORRUPT;
    } else {
        zi = z != NULL ? pc_malloc(sizeof(*zi)) : &local;
        if (zi == NULL)
            return PILCROW_NOMEM;
        memset(&zi->s, 0, sizeof(zi->s));
        if ((rc = inflateInit(&zi->s)) != Z_OK) {
            if (zi != &local)
                pc_free(zi);
            return rc == Z_MEM_ERROR ? PILCROW_NOMEM : PILCROW_CORRUPT;
        }
        if (z != NULL)
            *z = zi;
    }
    zi->s.next_in = (Bytef *)in;
    zi->s.avail_in = (uInt)in_len;
    zi->s.next_out = (Bytef *)out;
    zi->s.avail_out = (uInt)(out_len + INFLATE_SLACK);
    /* One call with Z_FINISH: the whole text at once, so zlib keeps no
     * window of it. */
    rc = inflate(&zi->s, Z_FINISH);
    if (rc == Z_STREAM_END && zi->s.total_out == out_len)
        st = PILCROW_OK;
    else if (rc == Z_MEM_ERROR)
        st = PILCROW_NOMEM;
    if (zi == &local)
        inflateEnd(&local.s);
    return st;
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
        if ((text = pc_arena_alloc(&st, a, (size_t)tlen + 1 +
                                   INFLATE_SLACK)) == NULL)
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
