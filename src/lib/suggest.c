/*
 * suggest.c - spelling suggestions: for each word of a query that the
 * index lacks, the closest word of the index as documents write it.
 */
#include <stdlib.h>
#include <string.h>

#include "query-int.h"
#include "shim.h"

/* Levenshtein distance of A and B (bytes), capped at MAX + 1. */
static unsigned
edit_distance(const char *a, size_t na, const char *b, size_t nb,
              unsigned max)
{
    unsigned row[64], prev, tmp, best;
    size_t i, j;

    if (na >= 63 || nb >= 63)
        return max + 1;
    if ((na > nb ? na - nb : nb - na) > max)
        return max + 1;
    for (j = 0; j <= nb; j++)
        row[j] = (unsigned)j;
    for (i = 1; i <= na; i++) {
        prev = row[0];
        row[0] = (unsigned)i;
        best = row[0];
        for (j = 1; j <= nb; j++) {
            tmp = row[j];
            row[j] = a[i - 1] == b[j - 1] ? prev
                : 1 + (prev < row[j - 1] ? (prev < row[j] ? prev : row[j])
                                         : (row[j - 1] < row[j] ? row[j - 1]
                                                                : row[j]));
            prev = tmp;
            if (row[j] < best)
                best = row[j];
        }
        if (best > max)
            return max + 1;
    }
    return row[nb];
}

/* Candidates kept for one unknown term: the closest index terms, best
 * first by edit distance, then frequency. */
#define N_CANDIDATES 6

struct candidate {
    unsigned dist;
    unsigned long freq;
    char term[64];
};

struct close_ctx {
    const char *term;           /* the word's stem */
    size_t len;
    const char *word;           /* the word as typed, folded */
    size_t word_len;
    unsigned max;
    pcx_db *x;                  /* for the frequency of a close term */
    pilcrow_status st;
    struct candidate c[N_CANDIDATES];
    size_t n;
};

static int
close_term(const char *t, size_t t_len, const char *val, size_t val_len,
           void *payload)
{
    struct close_ctx *c = payload;
    uint64_t freq = 0;
    unsigned d;
    size_t k;

    (void)val;
    (void)val_len;
    /* Content terms only: prefixed filter terms start upper-case. */
    if (t_len == 0 || t_len >= sizeof(c->c[0].term) ||
        (t[0] >= 'A' && t[0] <= 'Z'))
        return 0;
    /* Close to the stem, or to the word: "inteligence" is one edit from
     * the stem "intellig", "artifical" three from "artifici" but two
     * from the word. */
    d = edit_distance(c->term, c->len, t, t_len, c->max);
    if (d > c->max)
        d = edit_distance(c->word, c->word_len, t, t_len, c->max);
    if (d > c->max || d == 0)
        return 0;
    /* Its frequency is read only now: for the few close terms. */
    if ((c->st = pcx_db_termfreq(c->x, t, t_len, &freq)) < 0)
        return 1;
    /* Insertion sort into the bounded list. */
    for (k = c->n; k > 0; k--) {
        struct candidate *p = &c->c[k - 1];
        if (p->dist < d || (p->dist == d && p->freq >= freq))
            break;
        if (k < N_CANDIDATES)
            c->c[k] = *p;
    }
    if (k >= N_CANDIDATES)
        return 0;
    c->c[k].dist = d;
    c->c[k].freq = freq;
    memcpy(c->c[k].term, t, t_len);
    c->c[k].term[t_len] = '\0';
    if (c->n < N_CANDIDATES)
        c->n++;
    return 0;
}

/* The first word of a record indexed by TERM, as written (folded), into
 * B: a stem is not a word to show. */
struct surface_ctx {
    const char *term;
    size_t len;
    const char *typed;          /* the word typed, folded */
    size_t typed_len;
    unsigned best;              /* edit distance of B to TYPED */
    struct pc_buf *b;
    pilcrow_status st;
};

/* Keep in B the form of the stem closest to what was typed. */
static int
surface_token(const struct pc_token *tok, void *payload)
{
    struct surface_ctx *c = payload;
    unsigned d;

    if (tok->term_len != c->len || memcmp(tok->term, c->term, c->len) != 0)
        return 0;
    d = edit_distance(c->typed, c->typed_len, tok->folded, tok->folded_len,
                      8);
    if (c->b->len == 0 || d < c->best) {
        pc_buf_reset(c->b);
        pc_buf_append(&c->st, c->b, tok->folded, tok->folded_len);
        c->best = d;
    }
    return c->st < 0 || d == 0;
}

static pilcrow_status
surface_word(pilcrow_query *q, const char *term, size_t len,
             const char *typed, size_t typed_len, struct pc_buf *b)
{
    struct pcx_qnode node;
    struct pcx_result res = { NULL, 0, 0, 0 };
    struct pilcrow_record r;
    struct pc_arena a = PC_ARENA_INIT;
    struct surface_ctx c;
    struct pc_analyzer *an;
    pilcrow_status st;

    memset(&node, 0, sizeof(node));
    node.op = PCX_TERM;
    node.term = term;
    node.term_len = len;
    if ((st = pcx_query_run(q->db->x, &node, 1, 0, 1, 1, NULL, NULL, &res)) < 0)
        return pc_db_shim_error(q->db, st);
    c.term = term;
    c.len = len;
    c.typed = typed;
    c.typed_len = typed_len;
    c.best = ~0u;
    c.b = b;
    c.st = PILCROW_OK;
    memset(&r, 0, sizeof(r));
    /* The record's words as its language reads them. */
    if (res.n_matches > 0 &&
        pc_record_load(q->db, &r, &a, res.matches[0].data,
                       res.matches[0].data_len, PC_LOAD_TEXT | PC_LOAD_CITE,
                       NULL) == PILCROW_OK &&
        (an = pc_db_analyzer(q->db, r.language, &st)) != NULL)
        pc_analyze(an, r.text, r.text_len, surface_token, &c);
    pc_arena_free(&a);
    pcx_result_free(&res);
    if (c.st < 0)
        return c.st;
    return b->len ? PILCROW_OK : PILCROW_DONE;
}

pilcrow_status
pilcrow_query_suggest(char **out, pilcrow_query *q)
{
    struct pc_buf b = PC_BUF_INIT, word = PC_BUF_INIT, cand = PC_BUF_INIT;
    struct pc_buf typed = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;
    size_t i, k, at = 0;
    unsigned d, best_dist;
    int changed = 0;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || q == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(q->db);
    for (i = 0; i < q->n_words && st >= 0; i++) {
        struct qword *w = &q->words[i];
        struct close_ctx c;
        char prefix[8];
        uint64_t freq = 0;

        if ((st = pcx_db_termfreq(q->db->x, w->term, w->term_len,
                                  &freq)) < 0) {
            pc_db_shim_error(q->db, st);
            break;
        }
        if (freq > 0 || w->term_len < 3)
            continue;
        /* Candidates: the stems of the index close to the word's stem
         * or to the word as typed, sharing its first byte (first letters
         * are rarely mistyped). */
        pc_buf_reset(&word);
        pc_buf_reset(&typed);
        pc_fold(&st, &typed, q->text + w->start, w->end - w->start);
        if (st < 0 || typed.len == 0)
            break;
        memset(&c, 0, sizeof(c));
        c.term = w->term;
        c.len = w->term_len;
        c.word = typed.data;
        c.word_len = typed.len;
        c.max = w->term_len <= 4 ? 1 : 2;
        c.x = q->db->x;
        memcpy(prefix, typed.data, 1);
        prefix[1] = '\0';
        if ((st = pcx_db_term_names(q->db->x, prefix, close_term, &c)) < 0 ||
            (st = c.st) < 0) {
            pc_db_shim_error(q->db, st);
            break;
        }
        /* Of the close stems, the word as written closest to what was
         * typed: "migrnts" is "migrants", not the commoner
         * "migration". */
        best_dist = ~0u;
        for (k = 0; k < c.n && st >= 0; k++) {
            pc_buf_reset(&cand);
            if ((st = surface_word(q, c.c[k].term, strlen(c.c[k].term),
                                   typed.data, typed.len, &cand))
                != PILCROW_OK)
                continue;
            d = edit_distance(typed.data, typed.len, cand.data, cand.len, 8);
            if (d < best_dist) {
                best_dist = d;
                pc_buf_reset(&word);
                pc_buf_append(&st, &word, cand.data, cand.len);
            }
        }
        if (st == PILCROW_DONE)
            st = PILCROW_OK;
        if (st < 0)
            break;
        if (word.len == 0)
            continue;
        pc_buf_append(&st, &b, q->text + at, w->start - at);
        pc_buf_append(&st, &b, word.data, word.len);
        at = w->end;
        changed = 1;
    }
    if (st >= 0 && changed) {
        pc_buf_puts(&st, &b, q->text + at);
        *out = pc_buf_steal(&st, &b);
    }
    pc_buf_free(&b);
    pc_buf_free(&word);
    pc_buf_free(&cand);
    pc_buf_free(&typed);
    if (st < 0)
        return st == PILCROW_NOMEM ? pc_db_error(q->db, st, "out of memory")
                                   : st;
    return changed ? PILCROW_OK : PILCROW_DONE;
}
