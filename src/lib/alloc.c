/*
 * alloc.c - the library's one allocator family, with a fault-injection
 * hook so tests can make any allocation fail (tests/lib/t-oom.c), and
 * the one way arrays grow.
 */
#include <stdlib.h>
#include <string.h>

#include "pilcrow-private.h"

/* Per-thread fault injection state: allocations made since the last
 * pc_alloc_fail_after() call, and the one from which to fail (0: never).
 * Thread-local so concurrent handles in a threaded test don't interfere. */
static __thread long alloc_count;
static __thread long alloc_fail_at;

long
pc_alloc_fail_after(long n)
{
    long made = alloc_count;

    alloc_count = 0;
    alloc_fail_at = n > 0 ? n : 0;
    return made;
}

/* Count one allocation; true if it must fail. */
static int
alloc_should_fail(void)
{
    alloc_count++;
    return alloc_fail_at > 0 && alloc_count >= alloc_fail_at;
}

void *
pc_malloc(size_t n)
{
    if (alloc_should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *
pc_calloc(size_t n, size_t size)
{
    if (alloc_should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *
pc_realloc(void *p, size_t n)
{
    if (alloc_should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void *
pc_reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return pc_realloc(p, n * size);
}

char *
pc_strncopy(char *d, const char *s, size_t n)
{
    if (d == NULL)
        return NULL;
    if (n > 0)                  /* S may be NULL then: memcpy's is UB */
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *
pc_strndup(const char *s, size_t n)
{
    return pc_strncopy(pc_malloc(n + 1), s, n);
}

char *
pc_strdup(const char *s)
{
    return pc_strndup(s, strlen(s));
}

void
pc_free(void *p)
{
    free(p);
}

void
pilcrow_free(void *p)
{
    pc_free(p);
}

int
pc_grow(pilcrow_status *st, void *arrayp, size_t *cap, size_t n,
        size_t size, size_t first)
{
    void *a, *t;
    size_t c;

    if (*st < 0)
        return -1;
    if (n < *cap)
        return 0;
    c = *cap ? *cap * 2 : first;
    if (c <= *cap) {                /* doubling wrapped */
        *st = PILCROW_NOMEM;
        return -1;
    }
    memcpy(&a, arrayp, sizeof(a));
    if ((t = pc_reallocarray(a, c, size)) == NULL) {
        *st = PILCROW_NOMEM;
        return -1;
    }
    memcpy(arrayp, &t, sizeof(t));
    *cap = c;
    return 0;
}
