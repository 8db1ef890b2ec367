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

/* The longest term a suggestion considers (edit_distance's limit). */
#define LEX_MAX_LEN 63

/*
 * The lexicon: the content terms of the index, by first byte, as a read
 * handle keeps them for suggestions.  Walking Xapian's term list is most
 * of what a suggestion costs, and a batch of queries asks for the same
 * few first letters again and again.  Each part holds the terms of one
 * first byte grouped by length, so that a word is compared only with
 * terms of a length within reach.
 */
struct lex_term {
    uint64_t bytes;             /* bit (b & 63) set for each byte b */
    uint32_t at;                /* offset of the term in the part's text */
};

struct lex_part {
    struct lex_term *t;         /* by length, then as the index lists them */
    size_t by_len[LEX_MAX_LEN + 2]; /* first term of each length */
    char *text;
    size_t size;                /* bytes held, to bound the lexicon */
};

/* Parts larger than this in all (Chinese first bytes begin tens of
 * thousands of bigrams) are read for the one suggestion, not kept. */
#define LEX_MAX_BYTES ((size_t)32 << 20)

struct pc_lexicon {
    uint64_t gen;               /* the shim's generation it was read at */
    size_t size;
    struct lex_part *part[256];
};

static uint64_t
byte_mask(const char *s, size_t len)
{
    uint64_t m = 0;
    size_t i;

    for (i = 0; i < len; i++)
        m |= (uint64_t)1 << ((unsigned char)s[i] & 63);
    return m;
}

static void
lex_part_free(struct lex_part *p)
{
    if (p == NULL)
        return;
    pc_free(p->t);
    pc_free(p->text);
    pc_free(p);
}

void
pc_lexicon_free(struct pc_lexicon *lex)
{
    size_t i;

    if (lex == NULL)
        return;
    for (i = 0; i < 256; i++)
        lex_part_free(lex->part[i]);
    pc_free(lex);
}

/* Terms as Xapian lists them, before they are grouped by length. */
struct lex_load {
    struct pc_buf text;
    uint32_t *at;               /* offset of each term, */
    unsigned char *len;         /* and its length */
    size_t n, cap, cap_len;
    pilcrow_status st;
};

static int
lex_add(const char *t, size_t t_len, const char *val, size_t val_len,
        void *payload)
{
    struct lex_load *l = payload;

    (void)val;
    (void)val_len;
    /* Content terms only: prefixed filter terms start upper-case. */
    if (t_len == 0 || t_len > LEX_MAX_LEN || (t[0] >= 'A' && t[0] <= 'Z'))
        return 0;
    if (l->text.len > UINT32_MAX - t_len ||
        pc_grow(&l->st, &l->at, &l->cap, l->n, sizeof(*l->at), 1024) < 0 ||
        pc_grow(&l->st, &l->len, &l->cap_len, l->n, 1, 1024) < 0) {
        if (l->st >= 0)
            l->st = PILCROW_NOMEM;
        return 1;
    }
    l->at[l->n] = (uint32_t)l->text.len;
    l->len[l->n++] = (unsigned char)t_len;
    pc_buf_append(&l->st, &l->text, t, t_len);
    return l->st < 0;
}

/* Read the terms of first byte C from the index into *OUT. */
static pilcrow_status
lex_part_read(pcx_db *x, unsigned char c, struct lex_part **out)
{
    struct lex_load l = { PC_BUF_INIT, NULL, NULL, 0, 0, 0, PILCROW_OK };
    struct lex_part *p;
    pilcrow_status st;
    char prefix[2];
    size_t i, k, n_len[LEX_MAX_LEN + 1];

    *out = NULL;
    prefix[0] = (char)c;
    prefix[1] = '\0';
    st = pcx_db_term_names(x, prefix, lex_add, &l);
    if (st >= 0)
        st = l.st;
    if (st >= 0 && (p = pc_calloc(1, sizeof(*p))) == NULL)
        st = PILCROW_NOMEM;
    if (st >= 0) {
        p->t = pc_reallocarray(NULL, l.n ? l.n : 1, sizeof(*p->t));
        p->text = pc_buf_steal(&st, &l.text);
        if (p->t == NULL || p->text == NULL) {
            lex_part_free(p);
            st = PILCROW_NOMEM;
        }
    }
    if (st >= 0) {
        /* A counting sort by length keeps the index's order within one. */
        memset(n_len, 0, sizeof(n_len));
        for (i = 0; i < l.n; i++)
            n_len[l.len[i]]++;
        p->by_len[0] = 0;
        for (k = 0; k <= LEX_MAX_LEN; k++)
            p->by_len[k + 1] = p->by_len[k] + n_len[k];
        memcpy(n_len, p->by_len, sizeof(n_len));
        for (i = 0; i < l.n; i++) {
            struct lex_term *t = &p->t[n_len[l.len[i]]++];
            t->at = l.at[i];
            t->bytes = byte_mask(p->text + l.at[i], l.len[i]);
        }
        p->size = l.n * (sizeof(*p->t) + 1) + l.text.len + sizeof(*p);
        *out = p;
    }
    pc_buf_free(&l.text);
    pc_free(l.at);
    pc_free(l.len);
    return st;
}

/* The part of DB's lexicon for first byte C.  *KEEP is set to 0 when
 * the caller must free it after use (a writer's view changes under it,
 * or the lexicon is full). */
static pilcrow_status
lex_part(pilcrow_db *db, unsigned char c, struct lex_part **out, int *keep)
{
    struct pc_lexicon *lex = db->lexicon;
    pilcrow_status st;

    *keep = 0;
    if (lex != NULL && lex->gen != pcx_db_generation(db->x)) {
        pc_lexicon_free(lex);
        db->lexicon = lex = NULL;
    }
    if (lex != NULL && lex->part[c] != NULL) {
        *out = lex->part[c];
        *keep = 1;
        return PILCROW_OK;
    }
    if ((st = lex_part_read(db->x, c, out)) < 0)
        return st;
    if (db->flags & PILCROW_OPEN_WRITE)
        return PILCROW_OK;
    if (lex == NULL && (lex = pc_calloc(1, sizeof(*lex))) != NULL) {
        lex->gen = pcx_db_generation(db->x);
        db->lexicon = lex;
    }
    if (lex != NULL && lex->size + (*out)->size <= LEX_MAX_BYTES) {
        lex->part[c] = *out;
        lex->size += (*out)->size;
        *keep = 1;
    }
    return PILCROW_OK;
}

/* What one unknown word is compared with. */
struct close_ctx {
    const char *term;           /* the word's stem */
    size_t len;
    uint64_t term_bytes;
    const char *word;           /* the word as typed, folded */
    size_t word_len;
    uint64_t word_bytes;
    unsigned max;
    struct candidate c[N_CANDIDATES];
    size_t n;
};

static unsigned
popcount64(uint64_t m)
{
    return (unsigned)__builtin_popcountll(m);
}

/* Whether A and B (byte masks of two words) can be within MAX edits:
 * an edit adds at most one byte value to a word and removes at most
 * one. */
static int
masks_within(uint64_t a, uint64_t b, unsigned max)
{
    return popcount64(a & ~b) <= max && popcount64(b & ~a) <= max;
}

/* The edit distance of term T to C's stem or word, whichever is closer,
 * or C->max + 1. */
static unsigned
close_distance(const struct close_ctx *c, const char *t, size_t t_len,
               uint64_t t_bytes)
{
    unsigned d = c->max + 1;

    /* Close to the stem, or to the word: "inteligence" is one edit from
     * the stem "intellig", "artifical" three from "artifici" but two
     * from the word. */
    if (masks_within(c->term_bytes, t_bytes, c->max))
        d = edit_distance(c->term, c->len, t, t_len, c->max);
    if (d > c->max && masks_within(c->word_bytes, t_bytes, c->max))
        d = edit_distance(c->word, c->word_len, t, t_len, c->max);
    return d;
}

/* Compare NUL-ended A with the T_LEN bytes at T, as the index orders
 * terms. */
static int
term_cmp(const char *a, const char *t, size_t t_len)
{
    size_t a_len = strlen(a);
    int c = memcmp(a, t, a_len < t_len ? a_len : t_len);

    return c != 0 ? c : (a_len > t_len) - (a_len < t_len);
}

/* Insert term T at distance D with frequency FREQ into C's bounded list,
 * best first: ties go to the term the index lists first. */
static void
candidate_add(struct close_ctx *c, const char *t, size_t t_len, unsigned d,
              uint64_t freq)
{
    size_t k;

    for (k = c->n; k > 0; k--) {
        struct candidate *p = &c->c[k - 1];
        if (p->dist < d || (p->dist == d && p->freq > freq) ||
            (p->dist == d && p->freq == freq && term_cmp(p->term, t, t_len)
             <= 0))
            break;
        if (k < N_CANDIDATES)
            c->c[k] = *p;
    }
    if (k >= N_CANDIDATES)
        return;
    c->c[k].dist = d;
    c->c[k].freq = freq;
    memcpy(c->c[k].term, t, t_len);
    c->c[k].term[t_len] = '\0';
    if (c->n < N_CANDIDATES)
        c->n++;
}

/* The terms of P within C->max edits of C's stem or word, into C. */
static pilcrow_status
close_terms(pcx_db *x, const struct lex_part *p, struct close_ctx *c)
{
    size_t lo, hi, i, t_len;
    pilcrow_status st;
    uint64_t freq;
    unsigned d;

    lo = (c->len < c->word_len ? c->len : c->word_len);
    hi = (c->len > c->word_len ? c->len : c->word_len) + c->max;
    lo = lo > c->max ? lo - c->max : 0;
    if (hi > LEX_MAX_LEN)
        hi = LEX_MAX_LEN;
    for (t_len = lo; t_len <= hi; t_len++) {
        for (i = p->by_len[t_len]; i < p->by_len[t_len + 1]; i++) {
            const char *t = p->text + p->t[i].at;

            d = close_distance(c, t, t_len, p->t[i].bytes);
            if (d > c->max || d == 0)
                continue;
            /* Its frequency is read only now: for the few close terms. */
            freq = 0;
            if ((st = pcx_db_termfreq(x, t, t_len, &freq)) < 0)
                return st;
            candidate_add(c, t, t_len, d, freq);
        }
    }
    return PILCROW_OK;
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
    pc_byteset first = { 0 };

    /* Only words that may stem to TERM are stemmed. */
    PC_BYTESET_ADD(first, term[0]);
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
        pc_analyze_for(an, r.text, r.text_len, first, surface_token, &c);
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
        struct lex_part *part;
        uint64_t freq = 0;
        int keep;

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
        c.term_bytes = byte_mask(w->term, w->term_len);
        c.word = typed.data;
        c.word_len = typed.len;
        c.word_bytes = byte_mask(typed.data, typed.len);
        c.max = w->term_len <= 4 ? 1 : 2;
        if ((st = lex_part(q->db, (unsigned char)typed.data[0], &part,
                           &keep)) >= 0) {
            st = close_terms(q->db->x, part, &c);
            if (!keep)
                lex_part_free(part);
        }
        if (st < 0) {
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
