/*
 * hits.c - the accessors of a result set: the current hit's rank,
 * score, record, snippet and highlights.
 */
#include <string.h>

#include "query-int.h"

uint64_t
pilcrow_hits_total(const pilcrow_hits *hits)
{
    return hits ? hits->total : 0;
}

int
pilcrow_hits_total_exact(const pilcrow_hits *hits)
{
    return hits ? hits->total_exact : 0;
}

int
pilcrow_hits_partial(const pilcrow_hits *hits)
{
    return hits ? hits->partial : 0;
}

pilcrow_status
pilcrow_hits_next(pilcrow_hits *hits)
{
    if (hits == NULL)
        return PILCROW_INVALID;
    if (hits->cur >= hits->n_hits) {
        hits->cur = hits->n_hits + 1;
        return PILCROW_DONE;
    }
    hits->cur++;
    return PILCROW_OK;
}

/* The current hit, or NULL before the first next or after the last. */
static const struct hit *
current(const pilcrow_hits *hits)
{
    if (hits == NULL || hits->cur == 0 || hits->cur > hits->n_hits)
        return NULL;
    return &hits->hits[hits->cur - 1];
}

size_t
pilcrow_hits_rank(const pilcrow_hits *hits)
{
    return current(hits) ? hits->offset + hits->cur : 0;
}

double
pilcrow_hits_score(const pilcrow_hits *hits)
{
    const struct hit *x = current(hits);

    return x ? x->score : 0.0;
}

size_t
pilcrow_hits_n_versions(const pilcrow_hits *hits)
{
    const struct hit *x = current(hits);

    return x ? x->n_versions : 0;
}

const char *
pilcrow_hits_version(const pilcrow_hits *hits, size_t i)
{
    const struct hit *x = current(hits);

    return x && i < x->n_versions ? x->versions[i] : NULL;
}

const pilcrow_record *
pilcrow_hits_record(const pilcrow_hits *hits)
{
    const struct hit *x = current(hits);

    return x ? &x->rec : NULL;
}

const char *
pilcrow_hits_snippet(const pilcrow_hits *hits, size_t *snippet_len)
{
    const struct hit *x = current(hits);

    if (snippet_len != NULL)
        *snippet_len = x ? x->snippet_len : 0;
    return x ? x->snippet : NULL;
}

const size_t *
pilcrow_hits_highlights(const pilcrow_hits *hits, size_t *n_spans)
{
    const struct hit *x = current(hits);

    if (n_spans != NULL)
        *n_spans = x ? x->n_spans : 0;
    return x ? x->spans : NULL;
}

pilcrow_status
pilcrow_hits_marked_snippet(char **out, const pilcrow_hits *hits)
{
    const struct hit *x = current(hits);
    pilcrow_status st = PILCROW_OK;
    struct pc_buf b = PC_BUF_INIT;
    size_t i, at = 0;

    if (out == NULL)
        return PILCROW_INVALID;
    *out = NULL;
    if (x == NULL)
        return PILCROW_INVALID;
    for (i = 0; i < x->n_spans; i++) {
        pc_buf_append(&st, &b, x->snippet + at, x->spans[2 * i] - at);
        pc_buf_puts(&st, &b, hits->q->hl_start);
        pc_buf_append(&st, &b, x->snippet + x->spans[2 * i],
                      x->spans[2 * i + 1] - x->spans[2 * i]);
        pc_buf_puts(&st, &b, hits->q->hl_end);
        at = x->spans[2 * i + 1];
    }
    pc_buf_append(&st, &b, x->snippet + at, x->snippet_len - at);
    *out = pc_buf_steal(&st, &b);
    pc_buf_free(&b);
    return st < 0 ? st : PILCROW_OK;
}


const char *
pilcrow_query_unknown_symbol(const pilcrow_query *q)
{
    return q ? q->unknown_symbol : NULL;
}
