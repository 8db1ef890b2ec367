/*
 * phrase.c - exact phrases: the function words a quoted phrase holds,
 * checked in the text of each record Xapian's phrase matched.
 *
 * Function words are not indexed (lang.c), so "we the peoples" is, for
 * Xapian, "we" and "peoples" in order within three words, and
 * "sexual exploitation and abuse" matches "sexual exploitation, abuse
 * and harassment".  A quoted phrase that left words out carries a
 * check: the sequence of its words, each as its term (the stem: a
 * phrase is stemmed) or, for a function word, as written (folded).  A
 * record matches when its text, read by the same analyser, holds that
 * sequence at consecutive positions.  The check runs as Xapian's match
 * decider (pcx_decide_fn), so a rejected record never takes a rank and
 * the estimate allows for it.
 *
 * A phrase is read in each language the query reads (query.c): the
 * record passes when one reading's sequence is in its text as that
 * reading's analyser reads it.
 *
 * An exact word or phrase (=word, ="..."), its words as written: the
 * check compares every word's folded form (case and accents folded,
 * not stemmed); Xapian's terms only narrow the candidates.
 *
 * Only phrases every match must hold are checked (the query's top-level
 * AND, the kept side of a NOT); a phrase under OR, NOT or NEAR keeps
 * Xapian's reading.
 */
#include <string.h>

#include "query-int.h"

/* The hash of one word of a sequence: a function word by its folded
 * form, any other by its term, so the two never compare equal; every
 * word by its folded form when the check is EXACT (=word). */
static uint64_t
word_hash(const struct pc_token *tok, int exact)
{
    if (exact)
        return pc_hash64(tok->folded, tok->folded_len);
    if (tok->is_stop)
        return pc_hash64(tok->folded, tok->folded_len) ^ 0x9e3779b97f4a7c15ULL;
    return pc_hash64(tok->term, tok->term_len);
}

/* State of seq_token(): the sequence being built. */
struct seq_build {
    uint64_t *seq;
    size_t n, cap;
    uint32_t *first;           /* a pc_byteset */
    int exact;
    pilcrow_status st;
};

static int
seq_token(const struct pc_token *tok, void *payload)
{
    struct seq_build *b = payload;

    if (pc_grow(&b->st, &b->seq, &b->cap, b->n, sizeof(*b->seq), 8) < 0)
        return 1;
    b->seq[b->n++] = word_hash(tok, b->exact);
    if ((tok->is_stop || b->exact) && tok->folded_len > 0)
        PC_BYTESET_ADD(b->first, tok->folded[0]);
    else if (tok->term_len > 0)
        PC_BYTESET_ADD(b->first, tok->term[0]);
    return 0;
}

pilcrow_status
pc_phrase_check_add(pilcrow_query *q, const char *text, size_t len,
                    int exact)
{
    struct pc_phrase_check *c;
    pilcrow_status st = PILCROW_OK;
    size_t i;

    if (pc_grow(&st, &q->checks, &q->cap_checks, q->n_checks,
                sizeof(*q->checks), 4) < 0)
        return st;
    c = &q->checks[q->n_checks];
    memset(c, 0, sizeof(*c));
    c->exact = exact;
    for (i = 0; i < q->n_readings; i++) {
        struct seq_build b = { NULL, 0, 0, c->first[i], exact, PILCROW_OK };

        st = pc_analyze(q->readings[i], text, len, seq_token, &b);
        if (b.st < 0 || st < 0) {
            pc_free(b.seq);
            return b.st < 0 ? b.st : st;
        }
        c->seq[i] = b.seq;
        c->n_seq[i] = b.n;
    }
    q->n_checks++;
    return PILCROW_OK;
}

void
pc_phrase_checks_free(pilcrow_query *q)
{
    size_t i, r;

    for (i = 0; i < q->n_checks; i++)
        for (r = 0; r < PC_QUERY_MAX_READINGS; r++)
            pc_free(q->checks[i].seq[r]);
    pc_free(q->checks);
    q->checks = NULL;
    q->n_checks = q->cap_checks = 0;
}

/* Longest sequence checked, in words; a longer phrase is checked on its
 * first this many words (Xapian's phrase holds the rest in order). */
#define PC_PHRASE_MAX 64

/* State of find_token(): the last words of the text, in a ring. */
struct find {
    const uint64_t *seq;
    size_t n;
    int exact;
    uint64_t ring[PC_PHRASE_MAX];
    size_t seen;               /* words read so far */
    int found;
};

static int
find_token(const struct pc_token *tok, void *payload)
{
    struct find *f = payload;
    size_t k, at;

    f->ring[f->seen % f->n] = word_hash(tok, f->exact);
    f->seen++;
    if (f->seen < f->n)
        return 0;
    /* The last N words, oldest first, start at SEEN % N. */
    at = f->seen % f->n;
    for (k = 0; k < f->n; k++)
        if (f->ring[(at + k) % f->n] != f->seq[k])
            return 0;
    f->found = 1;
    return 1;                   /* found: stop reading */
}

/* Does TEXT hold check C's sequence in some reading of Q? */
static int
text_holds(pilcrow_query *q, const struct pc_phrase_check *c,
           const char *text, size_t len)
{
    struct find f;
    size_t r;

    for (r = 0; r < q->n_readings; r++) {
        if (c->n_seq[r] == 0)
            continue;
        memset(&f, 0, sizeof(f));
        f.seq = c->seq[r];
        f.exact = c->exact;
        f.n = c->n_seq[r] < PC_PHRASE_MAX ? c->n_seq[r] : PC_PHRASE_MAX;
        /* A word starting with none of the phrase's first bytes is not
         * stemmed (pc_analyze_for): it only breaks the sequence. */
        if (pc_analyze_for(q->readings[r], text, len, c->first[r],
                           find_token, &f) < 0 && !f.found)
            return 1;           /* out of memory: keep, as Xapian would */
        if (f.found)
            return 1;
    }
    return 0;
}

int
pc_phrase_decide(const char *data, size_t len, void *payload)
{
    pilcrow_query *q = payload;
    struct pilcrow_record r;
    struct pc_arena a = { NULL };
    size_t i;
    int keep = 1;

    memset(&r, 0, sizeof(r));
    if (pc_store_decode(&r, &a, data, len, 1, &q->db->inflater) < 0) {
        pc_arena_free(&a);
        return 1;               /* a damaged record fails later, named */
    }
    for (i = 0; i < q->n_checks && keep; i++)
        keep = text_holds(q, &q->checks[i], r.text, r.text_len);
    pc_arena_free(&a);
    return keep;
}
