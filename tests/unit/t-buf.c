/*
 * t-buf.c - buffers and arenas (buf.c) and the string copies of the
 * allocator family (alloc.c): appends, the sticky status, and empty
 * input given as a NULL pointer with no bytes, which callers pass for
 * a buffer that has never held anything (passing NULL on to memcpy()
 * is undefined even for zero bytes: UBSan reports it).
 */
#include <string.h>

#include "pilcrow-private.h"
#include "check.h"

static void
test_buf(void)
{
    struct pc_buf b = PC_BUF_INIT, empty = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;
    char *s;

    pc_buf_append(&st, &b, "ab", 2);
    pc_buf_putc(&st, &b, 'c');
    pc_buf_printf(&st, &b, "%d", 42);
    CHECK_STR(b.data, "abc42");
    CHECK(b.len == 5);
    /* An empty buffer's bytes: NULL and 0. */
    pc_buf_append(&st, &b, empty.data, empty.len);
    CHECK_STR(b.data, "abc42");
    CHECK(st == PILCROW_OK);
    pc_buf_reset(&b);
    CHECK(b.len == 0 && b.data != NULL && b.data[0] == '\0');
    /* Appending nothing to nothing still gives a string. */
    pc_buf_append(&st, &empty, NULL, 0);
    CHECK(st == PILCROW_OK && empty.data != NULL && empty.data[0] == '\0');
    /* Sticky: nothing happens once the status is an error. */
    st = PILCROW_NOMEM;
    pc_buf_puts(&st, &b, "lost");
    CHECK(b.len == 0 && st == PILCROW_NOMEM);
    st = PILCROW_OK;
    s = pc_buf_steal(&st, &b);
    CHECK_STR(s, "");
    CHECK(b.data == NULL && b.len == 0);
    pc_free(s);
    pc_buf_free(&b);
    pc_buf_free(&empty);
}

static void
test_copies(void)
{
    struct pc_arena a = PC_ARENA_INIT;
    pilcrow_status st = PILCROW_OK;
    char *s;

    CHECK_STR(pc_arena_strndup(&st, &a, "abcdef", 3), "abc");
    /* No bytes, from nowhere: an empty string. */
    CHECK_STR(pc_arena_strndup(&st, &a, NULL, 0), "");
    CHECK(st == PILCROW_OK);
    pc_arena_free(&a);
    s = pc_strndup(NULL, 0);
    CHECK_STR(s, "");
    pc_free(s);
    s = pc_strndup("xyz", 2);
    CHECK_STR(s, "xy");
    pc_free(s);
}

int
main(void)
{
    test_buf();
    test_copies();
    return check_done();
}
