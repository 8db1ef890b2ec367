/*
 * list.c - the documents of an index: pilcrow_db_list() and the
 * pilcrow_docs accessors.  Each document is read from its stored
 * metadata (the "d:" keys, as pilcrow_db_stats() counts them), its
 * records counted by its D term, and the languages of its symbol
 * gathered over every document; field filters (a query without words)
 * keep the documents with at least one record matching.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query-int.h"
#include "shim.h"

struct pc_listed {
    struct pilcrow_record meta;   /* document fields only */
    uint64_t records;
    const char **langs;           /* the languages of its symbol */
    size_t n_langs;
};

struct pilcrow_docs {
    struct pc_arena arena;
    struct pc_listed *docs;       /* pc_malloc'd */
    size_t n, cap;
    size_t cur;                   /* 1-based after the first next */
    pilcrow_db *db;
    pilcrow_status st;            /* while collecting */
};

/* pcx_kv_fn over the document metadata: decode and keep each. */
static int
collect_doc(const char *key, size_t key_len, const char *val,
            size_t val_len, void *payload)
{
    pilcrow_docs *d = payload;
    struct pc_listed *x;

    (void)key;
    (void)key_len;
    if (val_len == 0)
        return 0;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 64;
        struct pc_listed *n = pc_realloc(d->docs, cap * sizeof(*n));
        if (n == NULL) {
            d->st = PILCROW_NOMEM;
            return 1;
        }
        d->docs = n;
        d->cap = cap;
    }
    x = &d->docs[d->n];
    memset(x, 0, sizeof(*x));
    if ((d->st = pc_store_decode_docmeta(&x->meta, &d->arena, val,
                                         val_len)) < 0)
        return 1;
    d->n++;
    return 0;
}

static int
by_id(const void *a, const void *b)
{
    return strcmp(((const struct pc_listed *)a)->meta.doc,
                  ((const struct pc_listed *)b)->meta.doc);
}

/* Order of a sort by symbol, case-blind, then language. */
static int
by_symbol(const void *a, const void *b)
{
    const struct pc_listed *x = *(const struct pc_listed *const *)a,
                           *y = *(const struct pc_listed *const *)b;
    int c = strcasecmp(x->meta.symbol, y->meta.symbol);

    return c != 0 ? c : strcmp(x->meta.language, y->meta.language);
}

/* Give each document the languages of the documents sharing its
 * symbol (its language versions), itself included. */
static pilcrow_status
gather_languages(pilcrow_docs *d)
{
    struct pc_listed **s;
    pilcrow_status st = PILCROW_OK;
    size_t i, j, k, n = 0, m;

    if ((s = pc_calloc(d->n + 1, sizeof(*s))) == NULL)
        return PILCROW_NOMEM;
    for (i = 0; i < d->n; i++)
        if (d->docs[i].meta.symbol != NULL)
            s[n++] = &d->docs[i];
    qsort(s, n, sizeof(*s), by_symbol);
    for (i = 0; i < n && st >= 0; i = j) {
        const char **langs;
        for (j = i + 1; j < n && strcasecmp(s[i]->meta.symbol,
                                            s[j]->meta.symbol) == 0; j++)
            ;
        langs = pc_arena_alloc(&st, &d->arena, (j - i) * sizeof(*langs));
        for (k = i, m = 0; st >= 0 && k < j; k++)
            if (m == 0 || strcmp(langs[m - 1], s[k]->meta.language) != 0)
                langs[m++] = s[k]->meta.language;
        for (k = i; st >= 0 && k < j; k++) {
            s[k]->langs = langs;
            s[k]->n_langs = m;
        }
    }
    pc_free(s);
    return st;
}

/* Does document X have a record matching the N query NODES? */
static pilcrow_status
matches(pilcrow_db *db, const struct pcx_qnode *nodes, size_t n,
        const struct pc_listed *x, int *yes)
{
    struct pcx_qnode *a;
    struct pc_buf term = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;
    uint64_t count = 0;

    *yes = 0;
    if ((a = pc_calloc(n + 2, sizeof(*a))) == NULL)
        return PILCROW_NOMEM;
    pc_doc_term(&st, &term, x->meta.doc);
    if (st >= 0) {
        memcpy(a, nodes, n * sizeof(*a));
        a[n].op = PCX_BOOLEAN;
        a[n].term = term.data;
        a[n].term_len = term.len;
        a[n + 1].op = PCX_FILTER;
        a[n + 1].n_children = 2;
        if ((st = pcx_query_count(db->x, a, n + 2, NULL, NULL, &count)) < 0)
            st = pc_db_shim_error(db, st);
    }
    *yes = count > 0;
    pc_buf_free(&term);
    pc_free(a);
    return st;
}

void
pilcrow_docs_free(pilcrow_docs *d)
{
    if (d == NULL)
        return;
    pc_free(d->docs);
    pc_arena_free(&d->arena);
    pc_free(d);
}

pilcrow_status
pilcrow_db_list(pilcrow_docs **out, pilcrow_db *db, const char *filters)
{
    pilcrow_query_options o = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_query *q = NULL;
    pilcrow_docs *d;
    pilcrow_status st;
    struct pc_buf term = PC_BUF_INIT;
    size_t i, j;
    int yes;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || db == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if (!(db->flags & PILCROW_OPEN_WRITE) && (st = pcx_db_reopen(db->x)) < 0)
        return pc_db_shim_error(db, st);
    if (filters != NULL && filters[filters[0] == ' ' ? 1 : 0] != '\0') {
        o.flags = PILCROW_QUERY_ALL_VERSIONS;
        if ((st = pilcrow_query_new(&q, db, filters, &o)) < 0)
            return st;
        if (q->n_terms > 0 || q->n_words > 0) {
            pilcrow_query_free(q);
            return pc_db_error(db, PILCROW_BADQUERY,
                               "list takes field filters only "
                               "(organ:SC type:letter date:2025-01), "
                               "no words");
        }
    }
    if ((d = pc_calloc(1, sizeof(*d))) == NULL) {
        st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
        goto fail_q;
    }
    d->db = db;
    if ((st = pcx_db_metadata_each(db->x, PC_META_DOC, collect_doc, d)) < 0 ||
        (st = pcx_db_metadata_each(db->x, PC_META_DOC_HASHED, collect_doc,
                                   d)) < 0) {
        st = d->st < 0 ? pc_db_error(db, d->st, "cannot read the documents")
                       : pc_db_shim_error(db, st);
        goto fail;
    }
    if (d->st < 0) {
        st = pc_db_error(db, d->st, "cannot read the documents");
        goto fail;
    }
    qsort(d->docs, d->n, sizeof(*d->docs), by_id);
    if ((st = gather_languages(d)) < 0) {
        st = pc_db_error(db, st, "out of memory");
        goto fail;
    }
    for (i = j = 0; i < d->n; i++) {
        struct pc_listed *x = &d->docs[i];
        pc_buf_reset(&term);
        pc_doc_term(&st, &term, x->meta.doc);
        if (st < 0 || (st = pcx_db_termfreq(db->x, term.data, term.len,
                                            &x->records)) < 0) {
            st = st == PILCROW_NOMEM ? pc_db_error(db, st, "out of memory")
                                     : pc_db_shim_error(db, st);
            goto fail;
        }
        yes = 1;
        if (q != NULL && (st = matches(db, q->nodes, q->n_nodes, x,
                                       &yes)) < 0)
            goto fail;
        if (yes)
            d->docs[j++] = *x;
    }
    d->n = j;
    pc_buf_free(&term);
    pilcrow_query_free(q);
    *out = d;
    return PILCROW_OK;
fail:
    pilcrow_docs_free(d);
fail_q:
    pc_buf_free(&term);
    pilcrow_query_free(q);
    return st;
}

static const struct pc_listed *
cur(const pilcrow_docs *d)
{
    if (d == NULL || d->cur == 0 || d->cur > d->n)
        return NULL;
    return &d->docs[d->cur - 1];
}

pilcrow_status
pilcrow_docs_next(pilcrow_docs *d)
{
    if (d == NULL)
        return PILCROW_INVALID;
    if (d->cur <= d->n)
        d->cur++;
    return d->cur <= d->n ? PILCROW_OK : PILCROW_DONE;
}

size_t
pilcrow_docs_count(const pilcrow_docs *d)
{
    return d ? d->n : 0;
}

const char *
pilcrow_docs_id(const pilcrow_docs *d)
{
    const struct pc_listed *x = cur(d);
    return x ? x->meta.doc : NULL;
}

const char *
pilcrow_docs_symbol(const pilcrow_docs *d)
{
    const struct pc_listed *x = cur(d);
    return x ? x->meta.symbol : NULL;
}

const char *
pilcrow_docs_title(const pilcrow_docs *d)
{
    const struct pc_listed *x = cur(d);
    return x ? x->meta.title : NULL;
}

const char *
pilcrow_docs_date(const pilcrow_docs *d)
{
    const struct pc_listed *x = cur(d);
    return x ? x->meta.date : NULL;
}

const char *
pilcrow_docs_language(const pilcrow_docs *d)
{
    const struct pc_listed *x = cur(d);
    return x ? x->meta.language : NULL;
}

const char *
pilcrow_docs_file(const pilcrow_docs *d)
{
    const struct pc_listed *x = cur(d);
    return x ? x->meta.file : NULL;
}

const char *
pilcrow_docs_meta(const pilcrow_docs *d, pilcrow_meta_field f)
{
    const struct pc_listed *x = cur(d);
    return x && (unsigned)f < PC_N_META ? x->meta.meta[f] : NULL;
}

uint64_t
pilcrow_docs_records(const pilcrow_docs *d)
{
    const struct pc_listed *x = cur(d);
    return x ? x->records : 0;
}

size_t
pilcrow_docs_n_languages(const pilcrow_docs *d)
{
    const struct pc_listed *x = cur(d);
    return x == NULL ? 0 : x->n_langs > 0 ? x->n_langs : 1;
}

const char *
pilcrow_docs_language_version(const pilcrow_docs *d, size_t i)
{
    const struct pc_listed *x = cur(d);

    if (x == NULL)
        return NULL;
    if (x->n_langs == 0)
        return i == 0 ? x->meta.language : NULL;
    return i < x->n_langs ? x->langs[i] : NULL;
}
