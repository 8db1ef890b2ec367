/*
 * query.c - query objects and running them: Xapian's candidates, the
 * rerank in C, and the page's records with their snippets.  Queries and
 * their result sets are freed here (hits.c has a result set's
 * accessors).
 *
 * Ranking: Xapian's BM25 gives the candidates, with the words of a
 * record's section heading and document title weighing more (folded
 * into the index's term frequencies); the best of them are reranked in
 * C with what makes a paragraph the right answer: the share of the
 * query's terms it holds and how close together they are.
 */
#include <stdlib.h>
#include <string.h>

#include "query-int.h"
#include "shim.h"

/* Default snippet length in bytes (about two lines). */
#define SNIPPET_DEFAULT 220
/* Candidates reranked beyond the page asked for. */
#define RERANK_EXTRA 10

/* ---- query objects ---------------------------------------------------- */

/* Unlink NODE, a query or a result set, from its list and free it. */
static void
free_child(struct pc_node *node)
{
    pc_db_disown(node);
    node->release(node);
}

void
pc_hits_release(struct pc_node *node)
{
    pilcrow_hits *h = (pilcrow_hits *)node;
    size_t i;

    for (i = 0; i < h->n_hits; i++)
        pc_free(h->hits[i].spans);
    pc_free(h->hits);
    pc_arena_free(&h->arena);
    pc_free(h);
}

static void
query_release(struct pc_node *node)
{
    pilcrow_query *q = (pilcrow_query *)node;

    while (q->hits.next != &q->hits)
        free_child(q->hits.next);
    pc_free(q->nodes);
    pc_free(q->wide);
    pc_free(q->terms);
    pc_free(q->words);
    pc_phrase_checks_free(q);
    pc_arena_free(&q->arena);
    pc_free(q);
}

/*
 * The languages Q reads its words in: LANG alone when given (and then
 * only its records match), else every language the index holds that
 * pilcrow analyses, English first where held (the first reading
 * serves symbols, prefixes and suggestions), and English for an index
 * that holds none.
 */
static pilcrow_status
choose_readings(pilcrow_query *q, const char *lang)
{
    const struct pc_lang *held[PC_QUERY_MAX_READINGS], *l;
    pilcrow_status st = PILCROW_OK;
    size_t n = 0, i;

    if (lang != NULL) {
        if ((l = pc_lang_find(lang)) == NULL)
            return pc_db_error(q->db, PILCROW_INVALID,
                               "no analyser for language '%s'", lang);
        held[n++] = l;
        q->restrict_lang = l->code;
    } else {
        n = pc_db_languages(q->db, held, PC_QUERY_MAX_READINGS);
        if (n == 0)
            held[n++] = pc_lang_find("en");
        for (i = 0; i < n && strcmp(held[i]->code, "en") != 0; i++)
            ;
        if (i > 0 && i < n) {   /* English first */
            l = held[i];
            memmove(held + 1, held, i * sizeof(*held));
            held[0] = l;
        }
    }
    for (i = 0; i < n; i++)
        if ((q->readings[i] = pc_db_analyzer(q->db, held[i]->code, &st))
            == NULL)
            return st;
    q->n_readings = n;
    q->an = q->readings[0];
    return PILCROW_OK;
}

pilcrow_status
pilcrow_query_new(pilcrow_query **out, pilcrow_db *db, const char *text,
                  const pilcrow_query_options *opts)
{
    pilcrow_query_options o = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_query *q;
    pilcrow_status st = PILCROW_OK;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || db == NULL || text == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if (opts != NULL) {
        if (opts->version != PILCROW_QUERY_OPTIONS_VERSION &&
            opts->version != 1)
            return pc_db_error(db, PILCROW_INVALID,
                               "unknown query options version %u",
                               opts->version);
        if (opts->version == 1) {       /* no flags */
            o.language = opts->language;
            o.snippet_bytes = opts->snippet_bytes;
            o.hl_start = opts->hl_start;
            o.hl_end = opts->hl_end;
        } else {
            o = *opts;
        }
    }
    if ((q = pc_calloc(1, sizeof(*q))) == NULL)
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    q->db = db;
    q->hits.next = q->hits.prev = &q->hits;
    q->node.release = query_release;
    q->snippet_bytes = o.snippet_bytes ? o.snippet_bytes : SNIPPET_DEFAULT;
    q->flags = o.flags;
    q->text = pc_arena_strdup(&st, &q->arena, text);
    q->hl_start = pc_arena_strdup(&st, &q->arena, o.hl_start ? o.hl_start : "[");
    q->hl_end = pc_arena_strdup(&st, &q->arena, o.hl_end ? o.hl_end : "]");
    if (st < 0) {
        st = pc_db_error(db, st, "out of memory");
        goto fail;
    }
    if ((st = choose_readings(q, o.language)) < 0)
        goto fail;

    if ((st = pc_query_parse(q)) < 0)
        goto fail;
    pc_db_adopt(db, &q->node);
    *out = q;
    return PILCROW_OK;
fail:
    query_release(&q->node);
    return st;
}

void
pilcrow_query_free(pilcrow_query *q)
{
    if (q != NULL)
        free_child(&q->node);
}

void
pilcrow_hits_free(pilcrow_hits *hits)
{
    if (hits != NULL)
        free_child(&hits->node);
}

/* ---- running: rerank and snippets ------------------------------------- */

/* Smallest span of word positions holding every distinct term matched
 * (in words), or 0 when fewer than two distinct terms matched. */
static uint32_t
min_cover(const struct pc_match *m, size_t n, unsigned n_distinct)
{
    uint32_t best = 0;
    size_t i, j;

    if (n_distinct < 2)
        return 0;
    for (i = 0; i < n; i++) {
        uint64_t seen = 0;
        unsigned got = 0;
        for (j = i; j < n; j++) {
            uint64_t bit = (uint64_t)1 << (m[j].which < 63 ? m[j].which : 63);
            if (!(seen & bit)) {
                seen |= bit;
                if (++got == n_distinct)
                    break;
            }
        }
        if (got < n_distinct)
            break;
        if (best == 0 || m[j].pos - m[i].pos + 1 < best)
            best = m[j].pos - m[i].pos + 1;
    }
    return best;
}

static int
cmp_hits(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;

    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->rec.seq < y->rec.seq ? -1 : x->rec.seq > y->rec.seq;
}

/* Give hit X its document's metadata, from an earlier hit of the same
 * document when there is one, and its anchor. */
static pilcrow_status
hit_cite(pilcrow_hits *h, struct hit *x)
{
    const struct pilcrow_record *same = NULL;
    size_t i;

    for (i = 0; &h->hits[i] != x && same == NULL; i++)
        if (strcmp(h->hits[i].rec.doc, x->rec.doc) == 0)
            same = &h->hits[i].rec;
    return pc_record_load(h->q->db, &x->rec, &h->arena, x->data,
                          x->data_len, PC_LOAD_CITE, same);
}

/* Give hit X its text, inflated from its stored record if it was
 * decoded without, and the query's matched words in it (X->m).  M and
 * CAP_M are scratch space to reuse. */
static pilcrow_status
hit_text(pilcrow_hits *h, struct hit *x, struct pc_match **m, size_t *cap_m)
{
    pilcrow_query *q = h->q;
    struct pc_analyzer *an;
    pilcrow_status st;
    size_t n_m = 0;

    /* Over several languages, the record's words as its language reads
     * them (the language is the document's metadata). */
    if ((st = pc_record_load(q->db, &x->rec, &h->arena, x->data,
                             x->data_len, q->n_readings > 1 ?
                             PC_LOAD_TEXT | PC_LOAD_CITE : PC_LOAD_TEXT,
                             NULL)) < 0)
        return st;
    if (q->n_terms == 0)
        return PILCROW_OK;
    an = q->an;
    if (q->n_readings > 1 &&
        (an = pc_db_analyzer(q->db, x->rec.language, &st)) == NULL)
        return st;
    if ((st = pc_find_matches(an, x->rec.text, x->rec.text_len, q->terms,
                              q->n_terms, m, &n_m, cap_m, NULL)) < 0)
        return pc_db_error(q->db, st, "out of memory");
    if (n_m > 0) {
        x->m = pc_arena_alloc(&st, &h->arena, n_m * sizeof(**m));
        if (x->m == NULL)
            return pc_db_error(q->db, st, "out of memory");
        memcpy(x->m, *m, n_m * sizeof(**m));
    }
    x->n_m = n_m;
    return PILCROW_OK;
}

/* The latest texts only (versions.c): NODES (N of them) less the
 * records of the superseded documents, as a new array in *OUT
 * (pc_free) whose leaves point into TERMS, unless Q matches every
 * version or none is superseded (*OUT NULL: NODES as they are).
 * Returns a status with the message set. */
static pilcrow_status
latest_only(pilcrow_query *q, const struct pcx_qnode *nodes, size_t n,
            struct pcx_qnode **out, size_t *n_out, struct pc_buf *terms)
{
    struct pcx_qnode *a;
    pilcrow_status st;
    size_t k, i, off;

    *out = NULL;
    *n_out = 0;
    if ((q->flags & PILCROW_QUERY_ALL_VERSIONS) || q->names_doc || n == 0)
        return PILCROW_OK;
    pc_buf_reset(terms);
    if ((st = pc_versions_superseded(q->db, terms, &k)) < 0 || k == 0)
        return st;
    if ((a = pc_calloc(n + k + 1, sizeof(*a))) == NULL)
        return pc_db_error(q->db, PILCROW_NOMEM, "out of memory");
    memcpy(a, nodes, n * sizeof(*a));
    for (i = off = 0; i < k; i++) {
        a[n + i].op = PCX_BOOLEAN;
        a[n + i].term = terms->data + off;
        a[n + i].term_len = strlen(terms->data + off);
        off += a[n + i].term_len + 1;
    }
    a[n + k].op = PCX_AND_NOT;
    a[n + k].n_children = (unsigned)(k + 1);
    *out = a;
    *n_out = n + k + 1;
    return PILCROW_OK;
}

/* Give hit X the versions of its document's family, from an earlier
 * hit of the same family when there is one. */
static pilcrow_status
hit_versions(pilcrow_hits *h, struct hit *x)
{
    const char *fam = x->rec.meta[PILCROW_META_BASE] ?
                      x->rec.meta[PILCROW_META_BASE] : x->rec.symbol;
    const struct hit *y;
    size_t i;

    if (fam == NULL)
        return PILCROW_OK;
    for (i = 0; &h->hits[i] != x; i++) {
        y = &h->hits[i];
        if (y->rec.symbol != NULL &&
            strcmp(y->rec.meta[PILCROW_META_BASE] ?
                   y->rec.meta[PILCROW_META_BASE] : y->rec.symbol,
                   fam) == 0) {
            x->versions = y->versions;
            x->n_versions = y->n_versions;
            return PILCROW_OK;
        }
    }
    return pc_versions_of(h->q->db, &x->rec, &h->arena, &x->versions,
                          &x->n_versions);
}

/* The fields of pilcrow_query_left_out(), by bit of meta_filters. */
static const char *const left_fields[5] = {
    "date", "organ", "session", "agenda", "type"
};

struct left_scan {
    uint64_t missing[5];
    pilcrow_status st;
};

/* pcx_kv_fn over the documents' metadata: count those not stating
 * each field. */
static int
count_missing(const char *key, size_t key_len, const char *val,
              size_t val_len, void *payload)
{
    struct left_scan *c = payload;
    struct pilcrow_record r;
    struct pc_arena a;

    (void)key;
    (void)key_len;
    if (val_len == 0)
        return 0;
    memset(&a, 0, sizeof(a));
    memset(&r, 0, sizeof(r));
    if ((c->st = pc_store_decode_docmeta(&r, &a, val, val_len)) >= 0) {
        c->missing[0] += r.date == NULL;
        c->missing[1] += r.meta[PILCROW_META_ORGAN] == NULL;
        c->missing[2] += r.meta[PILCROW_META_SESSION] == NULL;
        c->missing[3] += r.meta[PILCROW_META_AGENDA] == NULL;
        c->missing[4] += r.meta[PILCROW_META_TYPE] == NULL;
    }
    pc_arena_free(&a);
    return c->st < 0;
}

/* Count, for each field Q filters on, the documents of the index that
 * do not state it (Q->left_out). */
static pilcrow_status
count_left_out(pilcrow_query *q)
{
    struct left_scan c;
    pilcrow_status st;
    size_t i;

    memset(q->left_out, 0, sizeof(q->left_out));
    if (q->meta_filters == 0)
        return PILCROW_OK;
    memset(&c, 0, sizeof(c));
    if ((st = pcx_db_metadata_each(q->db->x, PC_META_DOC, count_missing,
                                   &c)) < 0 ||
        (st = pcx_db_metadata_each(q->db->x, PC_META_DOC_HASHED,
                                   count_missing, &c)) < 0)
        return c.st < 0 ? pc_db_error(q->db, c.st, "cannot read the "
                                      "documents' metadata")
                        : pc_db_shim_error(q->db, st);
    if (c.st < 0)
        return pc_db_error(q->db, c.st, "cannot read the documents' "
                           "metadata");
    for (i = 0; i < 5; i++)
        if (q->meta_filters & (1u << i))
            q->left_out[i] = c.missing[i];
    return PILCROW_OK;
}

pilcrow_status
pilcrow_query_left_out(const pilcrow_query *q, size_t i, const char **field,
                       uint64_t *n)
{
    size_t k, seen = 0;

    if (field != NULL)
        *field = NULL;
    if (n != NULL)
        *n = 0;
    if (q == NULL || field == NULL)
        return PILCROW_INVALID;
    for (k = 0; k < 5; k++) {
        if (q->left_out[k] == 0)
            continue;
        if (seen++ == i) {
            *field = left_fields[k];
            if (n != NULL)
                *n = q->left_out[k];
            return PILCROW_OK;
        }
    }
    return PILCROW_DONE;
}

pilcrow_status
pilcrow_query_set_sort(pilcrow_query *q, pilcrow_sort sort)
{
    if (q == NULL || (unsigned)sort > PILCROW_SORT_DATE_DESC)
        return PILCROW_INVALID;
    q->sort = sort;
    return PILCROW_OK;
}

pilcrow_status
pilcrow_query_count(pilcrow_query *q, uint64_t *count)
{
    struct pcx_qnode *nodes = NULL;
    struct pc_buf terms = PC_BUF_INIT;
    pilcrow_status st;
    size_t n = 0;

    if (count != NULL)
        *count = 0;
    if (q == NULL || count == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(q->db);
    if (!(q->db->flags & PILCROW_OPEN_WRITE) &&
        (st = pcx_db_reopen(q->db->x)) < 0)
        return pc_db_shim_error(q->db, st);
    if ((st = latest_only(q, q->nodes, q->n_nodes, &nodes, &n,
                          &terms)) < 0) {
        pc_buf_free(&terms);
        return st;
    }
    st = pcx_query_count(q->db->x, nodes ? nodes : q->nodes,
                         nodes ? n : q->n_nodes,
                         q->n_checks > 0 ? pc_phrase_decide : NULL, q,
                         count);
    pc_free(nodes);
    pc_buf_free(&terms);
    if (st < 0)
        return pc_db_shim_error(q->db, st);
    return PILCROW_OK;
}

pilcrow_status
pilcrow_query_run(pilcrow_hits **out, pilcrow_query *q, size_t offset,
                  size_t limit)
{
    struct pcx_result res = { NULL, 0, 0, 0 };
    struct pc_match *m = NULL;
    size_t cap_m = 0, want, i, j;
    int rerank_text;
    pilcrow_db *db;
    pilcrow_hits *h;
    pilcrow_status st = PILCROW_OK;
    struct pc_buf b = PC_BUF_INIT, terms = PC_BUF_INIT;
    struct pcx_qnode *nodes = NULL, *wide = NULL;
    size_t n_nodes = 0, n_wide = 0;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || q == NULL)
        return PILCROW_INVALID;
    db = q->db;
    pc_db_clear_error(db);
    if (limit > 100000 || offset > 1000000)
        return pc_db_error(db, PILCROW_INVALID, "page out of range");
    /* A reader moves to the latest commit, so that a long-lived handle
     * (a batch co-process) sees what was indexed since it opened. */
    if (!(db->flags & PILCROW_OPEN_WRITE) && (st = pcx_db_reopen(db->x)) < 0)
        return pc_db_shim_error(db, st);
    if ((st = count_left_out(q)) < 0)
        return st;
    if ((h = pc_calloc(1, sizeof(*h))) == NULL)
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    h->q = q;
    h->offset = offset;
    h->node.release = pc_hits_release;
    if (limit == 0)
        goto done;

    /* The rerank reads the candidates' texts for coverage and proximity;
     * with one plain word it need not: the word is in the text of every
     * record that matched, so only the page's texts are read, for the
     * snippets, and BM25's order is the rerank's (words of the section
     * heading and title weigh in through the index, see
     * PCX_HEADING_TF). */
    rerank_text = q->sort == PILCROW_SORT_RELEVANCE &&
                  (q->n_terms > 1 || q->beyond_text ||
                   (q->n_terms == 1 && q->terms[0].is_prefix));
    /* In date order Xapian sorts every match: no rerank. */
    pcx_db_set_sort(db->x, q->sort == PILCROW_SORT_DATE ? 1 :
                    q->sort == PILCROW_SORT_DATE_DESC ? -1 : 0);
    /* Candidates: the page, plus some to rerank into it when the rerank
     * can change BM25's order. */
    want = offset + limit + (rerank_text ? RERANK_EXTRA : 0);
    /* The latest version of each document only, unless asked. */
    if ((st = latest_only(q, q->nodes, q->n_nodes, &nodes, &n_nodes,
                          &terms)) < 0)
        goto fail;
    if (nodes != NULL && q->wide != NULL) {
        if ((wide = pc_calloc(q->n_wide + n_nodes - q->n_nodes,
                              sizeof(*wide))) == NULL) {
            st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
            goto fail;
        }
        memcpy(wide, q->wide, q->n_wide * sizeof(*wide));
        memcpy(wide + q->n_wide, nodes + q->n_nodes,
               (n_nodes - q->n_nodes) * sizeof(*wide));
        n_wide = q->n_wide + n_nodes - q->n_nodes;
    }
    if ((st = pcx_query_run(db->x, nodes ? nodes : q->nodes,
                            nodes ? n_nodes : q->n_nodes, 0, want, want,
                            q->n_checks > 0 ? pc_phrase_decide : NULL, q,
                            &res)) < 0) {
        pc_db_shim_error(db, st);
        goto fail;
    }
    if (res.n_matches == 0 && res.estimate == 0 && q->wide != NULL) {
        /* No record holds every word: take those holding most. */
        pcx_result_free(&res);
        if ((st = pcx_query_run(db->x, wide ? wide : q->wide,
                                wide ? n_wide : q->n_wide, 0, want, want,
                                NULL, NULL, &res)) < 0) {
            pc_db_shim_error(db, st);
            goto fail;
        }
        h->partial = res.n_matches > 0;
    }
    pcx_db_set_sort(db->x, 0);
    h->total = res.estimate;
    h->total_exact = res.exact;
    if (res.n_matches == 0)
        goto done;
    if ((h->hits = pc_calloc(res.n_matches, sizeof(*h->hits))) == NULL) {
        st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
        goto fail;
    }
    for (i = 0; i < res.n_matches; i++) {
        struct hit *x = &h->hits[i];
        unsigned distinct = 1;
        uint32_t cover = 0;
        double boost = 1.0;

        x->data = res.matches[i].data;
        x->data_len = res.matches[i].data_len;
        if ((st = pc_record_load(db, &x->rec, &h->arena, x->data,
                                 x->data_len, rerank_text ? PC_LOAD_TEXT : 0,
                                 NULL)) < 0) {
            if (st == PILCROW_CORRUPT)
                pc_db_error(db, st, "a stored record is damaged (docid %u)",
                            (unsigned)res.matches[i].docid);
            goto fail;
        }
        h->n_hits++;
        x->score = res.matches[i].weight;
        if (q->n_terms == 0 || q->sort != PILCROW_SORT_RELEVANCE)
            continue;
        if (rerank_text) {
            if ((st = hit_text(h, x, &m, &cap_m)) < 0)
                goto fail;
            distinct = pc_distinct_terms(x->m, 0, x->n_m);
            cover = min_cover(x->m, x->n_m, distinct);
        }
        /* All the query's words present; for a widened query, how many
         * of them ranks first. */
        boost += 0.5 * (double)distinct / (double)q->n_terms;
        if (h->partial)
            boost += 4.0 * (double)distinct / (double)q->n_terms;
        /* Close together: the full bonus when adjacent (the words as a
         * phrase), falling with the square of the spread. */
        if (cover > 0) {
            double tight = (double)distinct / (double)cover;
            boost += 1.0 * tight * tight;
        }
        x->score *= boost;
    }
    if (q->sort == PILCROW_SORT_RELEVANCE)
        qsort(h->hits, h->n_hits, sizeof(*h->hits), cmp_hits);

    /* Keep the page. */
    for (i = offset, j = 0; i < h->n_hits && i < offset + limit; i++, j++)
        h->hits[j] = h->hits[i];
    h->n_hits = j;

    /* Document metadata, snippets and anchors of the page. */
    for (i = 0; i < h->n_hits; i++) {
        struct hit *x = &h->hits[i];
        if ((st = hit_cite(h, x)) < 0)
            goto fail;
        if (x->rec.text == NULL && (st = hit_text(h, x, &m, &cap_m)) < 0)
            goto fail;
        x->data = NULL;         /* freed with RES below */
        pc_buf_reset(&b);
        pc_snippet(&st, &b, x->rec.text, x->rec.text_len, x->m, x->n_m,
                   q->snippet_bytes, &x->spans, &x->n_spans);
        x->snippet = pc_arena_strndup(&st, &h->arena, b.data ? b.data : "",
                                      b.len);
        x->snippet_len = b.len;
        if (st >= 0 && (st = hit_versions(h, x)) < 0)
            goto fail;
        if (st < 0) {
            pc_db_error(db, st, "out of memory");
            goto fail;
        }
    }
done:
    pc_free(nodes);
    pc_free(wide);
    pc_buf_free(&terms);
    pc_free(m);
    pc_buf_free(&b);
    pcx_result_free(&res);
    /* Link into the query's list of result sets. */
    h->node.next = q->hits.next;
    h->node.prev = &q->hits;
    q->hits.next->prev = &h->node;
    q->hits.next = &h->node;
    *out = h;
    return PILCROW_OK;
fail:
    pcx_db_set_sort(db->x, 0);
    pc_free(nodes);
    pc_free(wide);
    pc_buf_free(&terms);
    pc_free(m);
    pc_buf_free(&b);
    pcx_result_free(&res);
    pc_hits_release(&h->node);
    return st;
}

