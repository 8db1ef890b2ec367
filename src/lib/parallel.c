/*
 * parallel.c - a record's counterparts in the other language versions
 * of its document: pilcrow_db_get_parallel() and the pilcrow_parallel
 * accessors.
 *
 * The documents that carry the same symbol are one document in several
 * language versions.  The first record of each is indexed under the
 * symbol's V term (terms.c), so one boolean query names the versions;
 * the counterpart in each is then the record with the same anchor,
 * looked up by its unique-id term, and kept only when it is the same
 * paragraph:
 *  - a printed number ("para. 7", "art. 26, para. 1") matches the same
 *    number printed in the other version, whatever its section;
 *  - a number pilcrow supplied (its place: "[para. 4]", "preamble,
 *    para. 2", "summary, para. 1") matches the record at the same place
 *    in the same section: same kind, annex, ordinal and section label,
 *    also supplied.
 * Anything else is a version that lacks the paragraph: it is reported
 * missing (a NULL record), never replaced by a guess.
 */
#include <stdlib.h>
#include <string.h>

#include "pilcrow-private.h"
#include "shim.h"

/* At most this many language versions are read for one symbol (the six
 * UN languages, and as many again of others). */
#define PC_MAX_VERSIONS 64

struct pc_version {
    const char *doc;                /* document id, in the arena */
    const char *language;           /* its language, in the arena */
    struct pilcrow_record *rec;     /* the counterpart; NULL: missing */
};

struct pilcrow_parallel {
    struct pc_arena arena;          /* the versions and their records */
    struct pc_version *v;           /* in the arena; v[0] is the asked */
    size_t n;
};

/* Decode the stored record DATA (LEN bytes) of DB into a new record in
 * P's arena, its text loaded if TEXT; NULL with the message set on
 * failure (*ST holds the status). */
static struct pilcrow_record *
load(pilcrow_status *st, pilcrow_db *db, pilcrow_parallel *p,
     const char *data, size_t len, int text)
{
    struct pilcrow_record *r;

    r = pc_arena_alloc(st, &p->arena, sizeof(*r));
    if (r == NULL) {
        pc_db_error(db, *st, "out of memory");
        return NULL;
    }
    memset(r, 0, sizeof(*r));
    *st = pc_record_load(db, r, &p->arena, data, len,
                         PC_LOAD_CITE | (text ? PC_LOAD_TEXT : 0), NULL);
    return *st < 0 ? NULL : r;
}

/* The record of document DOC with REC's kind, annex and number, into
 * *OUT (NULL when DOC has none).  Returns a status with the message
 * set on failure. */
static pilcrow_status
lookup(struct pilcrow_record **out, pilcrow_db *db, pilcrow_parallel *p,
       const char *doc, const struct pilcrow_record *rec)
{
    pilcrow_status st = PILCROW_OK;
    struct pc_buf term = PC_BUF_INIT;
    char *data = NULL;
    size_t len = 0;

    *out = NULL;
    pc_uid_term(&st, &term, doc, rec->kind, rec->annex, rec->number);
    if (st < 0)
        return pc_db_error(db, st, "out of memory");
    st = pcx_db_get_by_term(db->x, term.data, term.len, &data, &len);
    pc_buf_free(&term);
    if (st == PILCROW_NOTFOUND)
        return PILCROW_OK;
    if (st < 0)
        return pc_db_shim_error(db, st);
    *out = load(&st, db, p, data, len, 1);
    pc_free(data);
    return st;
}

/* Is C, the record with REC's anchor in another version, the same
 * paragraph (see the top of this file)? */
static int
same_place(const struct pilcrow_record *rec, const struct pilcrow_record *c)
{
    if (c->kind != rec->kind || (c->printed != 0) != (rec->printed != 0))
        return 0;
    if (rec->printed && rec->kind != PILCROW_KIND_SUMMARY)
        return 1;
    return strcmp(c->section, rec->section) == 0;
}

/* qsort() order of the versions after the first: by language, then by
 * document id. */
static int
version_cmp(const void *a, const void *b)
{
    const struct pc_version *x = a, *y = b;
    int c = strcmp(x->language, y->language);

    return c != 0 ? c : strcmp(x->doc, y->doc);
}

/* Add to P the versions of REC's symbol other than REC's own document,
 * each with its counterpart of REC or none. */
static pilcrow_status
add_versions(pilcrow_db *db, pilcrow_parallel *p,
             const struct pilcrow_record *rec)
{
    pilcrow_status st = PILCROW_OK;
    struct pc_buf term = PC_BUF_INIT;
    struct pcx_qnode node;
    struct pcx_result res = { NULL, 0, 0, 0 };
    struct pilcrow_record *first, *c;
    size_t i;

    pc_version_term(&st, &term, rec->symbol);
    if (st < 0)
        return pc_db_error(db, st, "out of memory");
    memset(&node, 0, sizeof(node));
    node.op = PCX_BOOLEAN;
    node.term = term.data;
    node.term_len = term.len;
    st = pcx_query_run(db->x, &node, 1, 0, PC_MAX_VERSIONS, 0, NULL, NULL,
                       &res);
    if (st < 0) {
        pc_buf_free(&term);
        return pc_db_shim_error(db, st);
    }
    for (i = 0; i < res.n_matches && st >= 0; i++) {
        first = load(&st, db, p, res.matches[i].data,
                     res.matches[i].data_len, 0);
        if (first == NULL || strcmp(first->doc, rec->doc) == 0)
            continue;
        if ((st = lookup(&c, db, p, first->doc, rec)) < 0)
            break;
        p->v[p->n].doc = first->doc;
        p->v[p->n].language = first->language;
        p->v[p->n].rec = c != NULL && same_place(rec, c) ? c : NULL;
        p->n++;
    }
    pcx_result_free(&res);
    pc_buf_free(&term);
    if (st >= 0 && p->n > 2)
        qsort(p->v + 1, p->n - 1, sizeof(*p->v), version_cmp);
    return st;
}

pilcrow_status
pilcrow_db_get_parallel(pilcrow_parallel **out, pilcrow_db *db,
                        const pilcrow_record *rec)
{
    pilcrow_status st = PILCROW_OK;
    pilcrow_parallel *p;
    struct pilcrow_record *self;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || db == NULL || rec == NULL || rec->doc == NULL ||
        rec->number == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if ((p = pc_calloc(1, sizeof(*p))) == NULL)
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    p->v = pc_arena_alloc(&st, &p->arena,
                          (PC_MAX_VERSIONS + 1) * sizeof(*p->v));
    if (st < 0) {
        st = pc_db_error(db, st, "out of memory");
        goto fail;
    }
    /* The asked record first, read again from the index so that P owns
     * it (REC may die before P). */
    if ((st = lookup(&self, db, p, rec->doc, rec)) < 0)
        goto fail;
    if (self == NULL) {
        st = pc_db_error(db, PILCROW_NOTFOUND, "no record %s in %s",
                         rec->anchor ? rec->anchor : rec->number, rec->doc);
        goto fail;
    }
    p->v[0].doc = self->doc;
    p->v[0].language = self->language;
    p->v[0].rec = self;
    p->n = 1;
    if (self->symbol != NULL && self->symbol[0] != '\0' &&
        (st = add_versions(db, p, self)) < 0)
        goto fail;
    *out = p;
    return PILCROW_OK;
fail:
    pilcrow_parallel_free(p);
    return st;
}

size_t
pilcrow_parallel_n_versions(const pilcrow_parallel *p)
{
    return p ? p->n : 0;
}

const pilcrow_record *
pilcrow_parallel_record(const pilcrow_parallel *p, size_t i)
{
    return p && i < p->n ? p->v[i].rec : NULL;
}

const char *
pilcrow_parallel_doc(const pilcrow_parallel *p, size_t i)
{
    return p && i < p->n ? p->v[i].doc : NULL;
}

const char *
pilcrow_parallel_language(const pilcrow_parallel *p, size_t i)
{
    return p && i < p->n ? p->v[i].language : NULL;
}

void
pilcrow_parallel_free(pilcrow_parallel *p)
{
    if (p == NULL)
        return;
    pc_arena_free(&p->arena);
    pc_free(p);
}
