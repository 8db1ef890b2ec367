/*
 * buf.c - growable byte buffers and arenas.  Appends use a sticky
 * status (doc/conventions.md E6): once *st holds an error every later
 * append is a no-op, so long encode chains check once at the end.
 */
#include <stdio.h>
#include <string.h>

#include "pilcrow-private.h"

/* Make room for N more bytes plus a NUL.  Returns 0 or -1. */
static int
buf_reserve(struct pc_buf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (n > SIZE_MAX - b->len - 1)
        return -1;
    need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if ((p = pc_realloc(b->data, cap)) == NULL)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

void
pc_buf_append(pilcrow_status *st, struct pc_buf *b, const void *s, size_t n)
{
    if (*st < 0)
        return;
    if (buf_reserve(b, n) != 0) {
        *st = PILCROW_NOMEM;
        return;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
pc_buf_puts(pilcrow_status *st, struct pc_buf *b, const char *s)
{
    pc_buf_append(st, b, s, strlen(s));
}

void
pc_buf_putc(pilcrow_status *st, struct pc_buf *b, char c)
{
    pc_buf_append(st, b, &c, 1);
}

void
pc_buf_printf(pilcrow_status *st, struct pc_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (*st < 0)
        return;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        *st = PILCROW_INTERNAL;
        return;
    }
    if (buf_reserve(b, (size_t)n) != 0) {
        *st = PILCROW_NOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void
pc_buf_put_utf8(pilcrow_status *st, struct pc_buf *b, uint32_t cp)
{
    char u[4];
    size_t n;

    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    pc_buf_append(st, b, u, n);
}

void
pc_buf_put_varint(pilcrow_status *st, struct pc_buf *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;

    do {
        tmp[n] = (unsigned char)(v & 0x7F);
        v >>= 7;
        if (v)
            tmp[n] |= 0x80;
        n++;
    } while (v);
    pc_buf_append(st, b, tmp, n);
}

int
pc_get_varint(const unsigned char **p, const unsigned char *end,
              uint64_t *v)
{
    const unsigned char *s = *p;
    uint64_t r = 0;
    unsigned shift = 0;

    for (;;) {
        if (s >= end || shift > 63)
            return -1;
        r |= (uint64_t)(*s & 0x7F) << shift;
        if ((*s++ & 0x80) == 0)
            break;
        shift += 7;
    }
    *v = r;
    *p = s;
    return 0;
}

void
pc_buf_reset(struct pc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void
pc_buf_free(struct pc_buf *b)
{
    pc_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *
pc_buf_steal(pilcrow_status *st, struct pc_buf *b)
{
    char *d;

    if (*st < 0)
        return NULL;
    if (b->data == NULL) {
        if ((d = pc_strdup("")) == NULL)
            *st = PILCROW_NOMEM;
        return d;
    }
    d = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

/* ---- arenas ---------------------------------------------------------- */

/* A chunk: a header followed by its bytes.  Big requests get a chunk of
 * their own, so the waste at the end of a chunk stays small. */
/* The strictest alignment any type needs (C99 has no max_align_t). */
union pc_align {
    long double ld;
    long long ll;
    void *p;
    void (*fn)(void);
};

struct pc_arena_chunk {
    struct pc_arena_chunk *next;
    size_t used;                /* bytes handed out */
    size_t size;                /* bytes in data */
    union pc_align data[];      /* aligned storage */
};

#define ARENA_CHUNK 8192

void *
pc_arena_alloc(pilcrow_status *st, struct pc_arena *a, size_t n)
{
    struct pc_arena_chunk *c = a->head;
    size_t align = sizeof(union pc_align), size;
    void *p;

    if (*st < 0)
        return NULL;
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    if (c == NULL || c->size - c->used < n) {
        size = n > ARENA_CHUNK / 2 ? n : ARENA_CHUNK;
        if ((c = pc_malloc(sizeof(*c) + size)) == NULL) {
            *st = PILCROW_NOMEM;
            return NULL;
        }
        c->used = 0;
        c->size = size;
        if (a->head != NULL && size == n) {
            /* A big block: keep the current chunk in front for small
             * allocations still to come. */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

char *
pc_arena_strndup(pilcrow_status *st, struct pc_arena *a, const char *s,
                 size_t n)
{
    return pc_strncopy(pc_arena_alloc(st, a, n + 1), s, n);
}

char *
pc_arena_strdup(pilcrow_status *st, struct pc_arena *a, const char *s)
{
    return pc_arena_strndup(st, a, s, strlen(s));
}

void
pc_arena_free(struct pc_arena *a)
{
    struct pc_arena_chunk *c, *next;

    for (c = a->head; c != NULL; c = next) {
        next = c->next;
        pc_free(c);
    }
    a->head = NULL;
}
