/*
 * quote.c - where does this text come from: the records a quotation is
 * taken from, even when it was changed on the way, and the words that
 * differ.
 *
 * Method:
 *
 *  1. Candidates.  The quote is read in each language of the index
 *     whose script it is written in; of its words' index terms (stems,
 *     function words left out) the QUOTE_TERMS rarest that the index
 *     holds are ORed (an elite set: the words that tell one record from
 *     another), and Xapian's QUOTE_CANDIDATES best records are the
 *     candidates.  A word changed, dropped or moved leaves the others.
 *
 *  2. Alignment.  The quote's words and each candidate's text are read
 *     again as folded words (case, accents, ligatures folded; not
 *     stemmed; punctuation, quotation marks and line breaks are no
 *     words), by the candidate's own language's analyser.  In a long
 *     record, the window of one and a half times the quote's length
 *     (and 16 words) holding most
 *     of its content words is kept.  The longest common subsequence of
 *     the two word lists (dynamic programming, 16-bit lengths) pairs
 *     the quote's words with the record's, in order.
 *
 *  3. Score.  With N quote words, F of them paired and a record span of
 *     S words from the first paired word to the last, the score is
 *     2F / (N + S): 1 for the same words in the same order, less for
 *     each word dropped, added, changed or moved.  Words moved (a clause
 *     put first) are paired by a second pass over the words the first
 *     left unpaired, content words only, and count in F, but not in the
 *     words reported found in order.  A candidate is kept
 *     when the score is at least QUOTE_MIN_SCORE and at least half the
 *     quote's content words are paired (so a made-up sentence of common
 *     UN words, paired on "the" and "of" across a long paragraph, is
 *     not a source).  Kept candidates go best first.  A quote spanning
 *     two records pairs part of its words in each: both are kept.
 *
 *  4. Diff.  The record's span is cut into segments: words in both
 *     (as the record writes them, with the punctuation between), words
 *     of the record the quote lacks (removed) and words of the quote
 *     the record lacks (added, as the quote writes them), in the order
 *     of `git diff --word-diff`.
 */
#include <stdlib.h>
#include <string.h>

#include "pilcrow-private.h"
#include "shim.h"

/* Index terms of the quote ORed for the candidates. */
#define QUOTE_TERMS 32
/* Candidates aligned. */
#define QUOTE_CANDIDATES 24
/* Lowest score of a source (see 3. above). */
#define QUOTE_MIN_SCORE 0.40
/* Lowest share of the quote's content words paired. */
#define QUOTE_MIN_CONTENT 0.50

/* ---- words ------------------------------------------------------------ */

/* One word of a text: its folded form's hash and its bytes. */
struct qword {
    uint64_t h;                /* pc_hash64 of the folded word */
    size_t start, end;         /* byte span in the text */
    int is_stop;               /* a function word of the language */
};

/* A text's words, as read by one analyser. */
struct words {
    struct qword *w;           /* pc_malloc'd */
    size_t n, cap;
    pilcrow_status st;
};

static int
word_token(const struct pc_token *tok, void *payload)
{
    struct words *ws = payload;
    struct qword *w;

    if (tok->folded_len == 0)
        return 0;
    if (pc_grow(&ws->st, &ws->w, &ws->cap, ws->n, sizeof(*ws->w), 64) < 0)
        return 1;
    w = &ws->w[ws->n++];
    w->h = pc_hash64(tok->folded, tok->folded_len);
    w->start = tok->start;
    w->end = tok->end;
    w->is_stop = tok->is_stop;
    return 0;
}

/* Read the LEN bytes of TEXT into WS (emptied first) with AN. */
static pilcrow_status
read_words(struct words *ws, struct pc_analyzer *an, const char *text,
           size_t len)
{
    pilcrow_status st;

    ws->n = 0;
    ws->st = PILCROW_OK;
    st = pc_analyze(an, text, len, word_token, ws);
    if (ws->st < 0)
        return ws->st;
    return st < 0 ? st : PILCROW_OK;
}

/* ---- the result set ----------------------------------------------------- */

/* One segment of a diff. */
struct seg {
    pilcrow_diff_kind kind;
    const char *text;          /* in the record's text, the quote's, or
                                * a static " " */
    size_t len;
};

/* One candidate. */
struct cand {
    struct pilcrow_record rec;
    double weight;             /* Xapian's, for ties */
    double score;              /* 2F / (N + S) */
    size_t n_words;            /* N: the quote's words, in REC's reading */
    size_t found;              /* F: paired, in order */
    int exact;
    struct seg *segs;          /* pc_malloc'd */
    size_t n_segs, cap_segs;
};

struct pilcrow_quote {
    struct pc_node node;       /* in the db's children */
    pilcrow_db *db;
    struct pc_arena arena;     /* records, the quote's copy */
    const char *text;          /* the quote (LEN bytes), in ARENA */
    size_t len;
    struct cand *cands;        /* pc_malloc'd; the kept ones, best first */
    size_t n_cands;
    size_t cur;                /* 1-based after the first next */
    /* The quote's words per analyser, made on first use. */
    struct {
        struct pc_analyzer *an;
        struct words ws;
    } reads[8];
    size_t n_reads;
};

static void
quote_release(struct pc_node *node)
{
    pilcrow_quote *qt = (pilcrow_quote *)node;
    size_t i;

    for (i = 0; i < qt->n_cands; i++)
        pc_free(qt->cands[i].segs);
    pc_free(qt->cands);
    for (i = 0; i < qt->n_reads; i++)
        pc_free(qt->reads[i].ws.w);
    pc_arena_free(&qt->arena);
    pc_free(qt);
}

/* The quote's words as AN reads them, or NULL (DB's message set). */
static const struct words *
quote_words(pilcrow_quote *qt, struct pc_analyzer *an)
{
    size_t i;
    pilcrow_status st;

    for (i = 0; i < qt->n_reads; i++)
        if (qt->reads[i].an == an)
            return &qt->reads[i].ws;
    if (qt->n_reads == sizeof(qt->reads) / sizeof(qt->reads[0])) {
        pc_db_error(qt->db, PILCROW_INVALID, "too many languages");
        return NULL;
    }
    i = qt->n_reads;
    memset(&qt->reads[i], 0, sizeof(qt->reads[i]));
    qt->reads[i].an = an;
    qt->n_reads++;
    if ((st = read_words(&qt->reads[i].ws, an, qt->text, qt->len)) < 0) {
        pc_db_error(qt->db, st, "out of memory");
        return NULL;
    }
    return &qt->reads[i].ws;
}

/* ---- checking the input ------------------------------------------------ */

/* PILCROW_OK when the LEN bytes of TEXT are a quote to look for, else
 * PILCROW_BADINPUT with DB's message saying why. */
static pilcrow_status
check_text(pilcrow_db *db, const char *text, size_t len)
{
    size_t i = 0, n, letters = 0, words = 0;
    uint32_t cp;
    int in_word = 0;

    if (len > PILCROW_QUOTE_MAX_BYTES)
        return pc_db_error(db, PILCROW_BADINPUT,
                           "quote longer than %u bytes",
                           (unsigned)PILCROW_QUOTE_MAX_BYTES);
    while (i < len) {
        unsigned char c = (unsigned char)text[i];

        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
                 c != '\f' && c != '\v') || c == 0x7f)
                return pc_db_error(db, PILCROW_BADINPUT,
                                   "quote is not text (control character "
                                   "at byte %zu)", i + 1);
            if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
                                           (c | 0x20) <= 'z')) {
                letters++;
                words += !in_word;
                in_word = 1;
            } else {
                in_word = 0;
            }
            i++;
            continue;
        }
        if ((n = pc_utf8_decode(text + i, len - i, &cp)) == 0)
            return pc_db_error(db, PILCROW_BADINPUT,
                               "quote is not UTF-8 at byte %zu", i + 1);
        letters++;
        words += !in_word;
        in_word = 1;
        i += n;
    }
    if (words > PILCROW_QUOTE_MAX_WORDS)
        return pc_db_error(db, PILCROW_BADINPUT,
                           "quote has more than %u words",
                           (unsigned)PILCROW_QUOTE_MAX_WORDS);
    if (len == 0)
        return pc_db_error(db, PILCROW_BADINPUT, "empty quote");
    if (letters == 0)
        return pc_db_error(db, PILCROW_BADINPUT, "quote has no words");
    return PILCROW_OK;
}

/* ---- 1. candidates ------------------------------------------------------- */

/* A distinct index term of the quote and how many records hold it. */
struct qterm {
    const char *term;          /* in the quote's arena */
    size_t len;
    uint64_t h;
    uint64_t freq;
};

struct term_set {
    pilcrow_quote *qt;
    struct qterm *t;           /* pc_malloc'd */
    size_t n, cap;
    pilcrow_status st;
};

static int
term_token(const struct pc_token *tok, void *payload)
{
    struct term_set *s = payload;
    uint64_t h;
    size_t i;

    if (tok->is_stop || tok->term_len == 0)
        return 0;
    h = pc_hash64(tok->term, tok->term_len);
    for (i = 0; i < s->n; i++)
        if (s->t[i].h == h && s->t[i].len == tok->term_len &&
            memcmp(s->t[i].term, tok->term, tok->term_len) == 0)
            return 0;
    if (s->n >= PILCROW_QUERY_MAX_TERMS)
        return 0;               /* enough to choose from */
    if (pc_grow(&s->st, &s->t, &s->cap, s->n, sizeof(*s->t), 32) < 0)
        return 1;
    s->t[s->n].term = pc_arena_strndup(&s->st, &s->qt->arena, tok->term,
                                       tok->term_len);
    s->t[s->n].len = tok->term_len;
    s->t[s->n].h = h;
    s->t[s->n].freq = 0;
    if (s->st < 0)
        return 1;
    s->n++;
    return 0;
}

static int
cmp_freq(const void *a, const void *b)
{
    const struct qterm *x = a, *y = b;

    if (x->freq != y->freq)
        return x->freq < y->freq ? -1 : 1;
    return x->h < y->h ? -1 : x->h > y->h;
}

/* Run the candidates' query: into *RES (for pcx_result_free). */
static pilcrow_status
candidates(pilcrow_quote *qt, struct pcx_result *res)
{
    pilcrow_db *db = qt->db;
    const struct pc_lang *held[8];
    struct term_set s;
    struct pcx_qnode *nodes = NULL;
    size_t n_held, i, k, n_nodes;
    unsigned scripts = pc_text_scripts(qt->text, qt->len), all = 0;
    pilcrow_status st;

    memset(&s, 0, sizeof(s));
    s.qt = qt;
    if ((n_held = pc_db_languages(db, held, 8)) == 0)
        held[n_held++] = pc_lang_find("en");
    for (i = 0; i < n_held; i++)
        all |= 1u << held[i]->script;
    for (i = 0; i < n_held; i++) {
        struct pc_analyzer *an;

        if ((scripts & all) != 0 && !(scripts & (1u << held[i]->script)))
            continue;
        if ((an = pc_db_analyzer(db, held[i]->code, &st)) == NULL)
            goto fail;
        st = pc_analyze(an, qt->text, qt->len, term_token, &s);
        if (s.st < 0 || st < 0) {
            st = pc_db_error(db, s.st < 0 ? s.st : st, "out of memory");
            goto fail;
        }
    }
    for (i = 0; i < s.n; i++)
        if ((st = pcx_db_termfreq(db->x, s.t[i].term, s.t[i].len,
                                  &s.t[i].freq)) < 0) {
            pc_db_shim_error(db, st);
            goto fail;
        }
    /* The rarest terms the index holds. */
    for (i = k = 0; i < s.n; i++)
        if (s.t[i].freq > 0)
            s.t[k++] = s.t[i];
    s.n = k;
    st = PILCROW_OK;
    if (s.n == 0)
        goto done;              /* no word of it is in the index */
    qsort(s.t, s.n, sizeof(*s.t), cmp_freq);
    if (s.n > QUOTE_TERMS)
        s.n = QUOTE_TERMS;
    n_nodes = s.n + (s.n > 1);
    if ((nodes = pc_calloc(n_nodes, sizeof(*nodes))) == NULL) {
        st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
        goto fail;
    }
    for (i = 0; i < s.n; i++) {
        nodes[i].op = PCX_TERM;
        nodes[i].term = s.t[i].term;
        nodes[i].term_len = s.t[i].len;
    }
    if (s.n > 1) {
        nodes[s.n].op = PCX_OR;
        nodes[s.n].n_children = (unsigned)s.n;
    }
    if ((st = pcx_query_run(db->x, nodes, n_nodes, 0, QUOTE_CANDIDATES,
                            QUOTE_CANDIDATES, NULL, NULL, res)) < 0)
        pc_db_shim_error(db, st);
done:
fail:
    pc_free(nodes);
    pc_free(s.t);
    return st;
}

/* ---- 2. alignment -------------------------------------------------------- */

/* The longest window length, in record words, for a quote of N words. */
static size_t
window_for(size_t n)
{
    return n + n / 2 + 16;
}

/* A set of hashes: open addressing, a power of two slots, 0 empty. */
struct hset {
    uint64_t *slot;            /* pc_malloc'd */
    size_t mask;
};

static pilcrow_status
hset_make(struct hset *hs, const struct words *q)
{
    size_t n = 16, i, j;

    while (n < 2 * q->n)
        n <<= 1;
    if ((hs->slot = pc_calloc(n, sizeof(*hs->slot))) == NULL)
        return PILCROW_NOMEM;
    hs->mask = n - 1;
    for (i = 0; i < q->n; i++) {
        uint64_t h = q->w[i].h | 1;

        if (q->w[i].is_stop)
            continue;
        for (j = h & hs->mask; hs->slot[j] != 0 && hs->slot[j] != h;
             j = (j + 1) & hs->mask)
            ;
        hs->slot[j] = h;
    }
    return PILCROW_OK;
}

static int
hset_has(const struct hset *hs, uint64_t h)
{
    size_t j;

    h |= 1;
    for (j = h & hs->mask; hs->slot[j] != 0; j = (j + 1) & hs->mask)
        if (hs->slot[j] == h)
            return 1;
    return 0;
}

/* The first word of the window of W words of R holding most of the
 * content words of the quote (set HS). */
static size_t
best_window(const struct words *r, size_t w, const struct hset *hs)
{
    size_t j, best = 0, best_at = 0, have = 0;
    unsigned char *in;

    if (r->n <= w)
        return 0;
    if ((in = pc_malloc(r->n)) == NULL)
        return 0;               /* the start then: a worse alignment */
    for (j = 0; j < r->n; j++)
        in[j] = hset_has(hs, r->w[j].h);
    for (j = 0; j < r->n; j++) {
        have += in[j];
        if (j >= w)
            have -= in[j - w];
        if (j + 1 >= w && have > best) {
            best = have;
            best_at = j + 1 - w;
        }
    }
    pc_free(in);
    return best_at;
}

/* Scratch space of the alignment, reused across candidates. */
struct scratch {
    uint16_t *len;             /* (n + 1) x (w + 1) LCS lengths */
    size_t cap_len;
    size_t *pair_q, *pair_r;   /* the pairs, quote and record word */
    size_t cap_pairs;
};

/* Append a segment to C; merge it into the last when both are of the
 * same kind and contiguous. */
static void
add_seg(pilcrow_status *st, struct cand *c, pilcrow_diff_kind kind,
        const char *text, size_t len)
{
    struct seg *last;

    if (*st < 0 || len == 0)
        return;
    last = c->n_segs > 0 ? &c->segs[c->n_segs - 1] : NULL;
    if (last != NULL && last->kind == kind && last->text + last->len == text) {
        last->len += len;
        return;
    }
    if (pc_grow(st, &c->segs, &c->cap_segs, c->n_segs, sizeof(*c->segs),
                16) < 0)
        return;
    c->segs[c->n_segs].kind = kind;
    c->segs[c->n_segs].text = text;
    c->segs[c->n_segs].len = len;
    c->n_segs++;
}

/* The diff of candidate C: quote words Q (text QTEXT) against record
 * words R (text RTEXT), with the F pairs of SC. */
static void
make_diff(pilcrow_status *st, struct cand *c, const struct words *q,
          const char *qtext, const struct words *r, const char *rtext,
          const struct scratch *sc, size_t f)
{
    size_t k, qa, qb, ra, rb;

    /* Quote words before the first pair. */
    if (sc->pair_q[0] > 0) {
        qb = sc->pair_q[0] - 1;
        add_seg(st, c, PILCROW_DIFF_ADDED, qtext + q->w[0].start,
                q->w[qb].end - q->w[0].start);
        add_seg(st, c, PILCROW_DIFF_SAME, " ", 1);
    }
    for (k = 0; k < f; k++) {
        if (k > 0) {
            /* Between pair K - 1 and pair K. */
            ra = sc->pair_r[k - 1] + 1;
            rb = sc->pair_r[k];        /* removed: [ra, rb) */
            qa = sc->pair_q[k - 1] + 1;
            qb = sc->pair_q[k];        /* added: [qa, qb) */
            add_seg(st, c, PILCROW_DIFF_SAME, rtext + r->w[ra - 1].end,
                    r->w[ra].start - r->w[ra - 1].end);
            if (ra < rb) {
                add_seg(st, c, PILCROW_DIFF_REMOVED, rtext + r->w[ra].start,
                        r->w[rb - 1].end - r->w[ra].start);
            }
            if (qa < qb) {
                add_seg(st, c, PILCROW_DIFF_ADDED, qtext + q->w[qa].start,
                        q->w[qb - 1].end - q->w[qa].start);
            }
            if (ra < rb)
                add_seg(st, c, PILCROW_DIFF_SAME, rtext + r->w[rb - 1].end,
                        r->w[rb].start - r->w[rb - 1].end);
            else if (qa < qb)
                add_seg(st, c, PILCROW_DIFF_SAME, " ", 1);
        }
        rb = sc->pair_r[k];
        add_seg(st, c, PILCROW_DIFF_SAME, rtext + r->w[rb].start,
                r->w[rb].end - r->w[rb].start);
    }
    /* Quote words after the last pair. */
    qa = sc->pair_q[f - 1] + 1;
    if (qa < q->n) {
        add_seg(st, c, PILCROW_DIFF_SAME, " ", 1);
        add_seg(st, c, PILCROW_DIFF_ADDED, qtext + q->w[qa].start,
                q->w[q->n - 1].end - q->w[qa].start);
    }
}

/*
 * A second pass for words moved: the longest common subsequence of the
 * quote's words left unpaired by the first pass (their indices QI, NQ
 * of them) and the record's words left unpaired (RI, NR), with L as
 * scratch ((NQ + 1) x (NR + 1) lengths).  Returns how many pair, and
 * the first and last record word paired in *LO and *HI.
 */
static size_t
moved_pairs(const struct words *q, const size_t *qi, size_t nq,
            const struct words *r, const size_t *ri, size_t nr,
            uint16_t *L, size_t *lo, size_t *hi)
{
    size_t i, j, f = 0, cols = nr + 1;

    for (j = 0; j <= nr; j++)
        L[nq * cols + j] = 0;
    for (i = nq; i-- > 0;) {
        L[i * cols + nr] = 0;
        for (j = nr; j-- > 0;) {
            uint16_t down = L[(i + 1) * cols + j], right = L[i * cols + j + 1];
            if (q->w[qi[i]].h == r->w[ri[j]].h && !q->w[qi[i]].is_stop)
                L[i * cols + j] = (uint16_t)(L[(i + 1) * cols + j + 1] + 1);
            else
                L[i * cols + j] = down > right ? down : right;
        }
    }
    for (i = j = 0; i < nq && j < nr;) {
        if (q->w[qi[i]].h == r->w[ri[j]].h && !q->w[qi[i]].is_stop &&
            L[i * cols + j] == L[(i + 1) * cols + j + 1] + 1) {
            if (f == 0 || ri[j] < *lo)
                *lo = ri[j];
            if (f == 0 || ri[j] > *hi)
                *hi = ri[j];
            f++;
            i++;
            j++;
        } else if (L[(i + 1) * cols + j] >= L[i * cols + j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    return f;
}

/*
 * Align the quote's words Q with record words R (the record's text
 * RTEXT), scoring candidate C and making its diff.  Sets C->found to 0
 * when it is no source.  Returns PILCROW_OK or PILCROW_NOMEM.
 */
static pilcrow_status
align(struct cand *c, const struct words *q, const char *qtext,
      const struct words *r, const char *rtext, const struct hset *hs,
      struct scratch *sc)
{
    pilcrow_status st = PILCROW_OK;
    size_t n = q->n, w = window_for(q->n), base, i, j, f, span;
    size_t n_content = 0, f_content = 0, cols, lo, hi, moved;
    uint16_t *L;

    c->found = 0;
    c->n_words = n;
    if (n == 0 || r->n == 0)
        return PILCROW_OK;
    base = best_window(r, w, hs);
    if (w > r->n - base)
        w = r->n - base;
    cols = w + 1;
    if ((n + 1) * cols > sc->cap_len) {
        pc_free(sc->len);
        sc->cap_len = (n + 1) * cols;
        if ((sc->len = pc_malloc(sc->cap_len * sizeof(*sc->len))) == NULL) {
            sc->cap_len = 0;
            return PILCROW_NOMEM;
        }
    }
    if (n > sc->cap_pairs) {
        pc_free(sc->pair_q);
        pc_free(sc->pair_r);
        sc->pair_r = NULL;
        sc->cap_pairs = 0;
        if ((sc->pair_q = pc_malloc(n * sizeof(size_t))) == NULL ||
            (sc->pair_r = pc_malloc(n * sizeof(size_t))) == NULL)
            return PILCROW_NOMEM;
        sc->cap_pairs = n;
    }
    /* L[i][j]: the LCS of Q[i..] and R[base + j..]. */
    L = sc->len;
    for (j = 0; j <= w; j++)
        L[n * cols + j] = 0;
    for (i = n; i-- > 0;) {
        L[i * cols + w] = 0;
        for (j = w; j-- > 0;) {
            uint16_t down = L[(i + 1) * cols + j], right = L[i * cols + j + 1];
            if (q->w[i].h == r->w[base + j].h)
                L[i * cols + j] = (uint16_t)(L[(i + 1) * cols + j + 1] + 1);
            else
                L[i * cols + j] = down > right ? down : right;
        }
    }
    /* The pairs, first to last. */
    for (i = j = f = 0; i < n && j < w;) {
        if (q->w[i].h == r->w[base + j].h &&
            L[i * cols + j] == L[(i + 1) * cols + j + 1] + 1) {
            sc->pair_q[f] = i;
            sc->pair_r[f] = base + j;
            f++;
            i++;
            j++;
        } else if (L[(i + 1) * cols + j] >= L[i * cols + j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    /* The traceback pairs each word as early as it can: a word of the
     * quote paired far before the next pair (a "we" or "the" a line
     * earlier) is dropped, and so at the end. */
    while (f > 1 && sc->pair_r[1] - sc->pair_r[0] >
                    sc->pair_q[1] - sc->pair_q[0] + 3) {
        memmove(sc->pair_q, sc->pair_q + 1, (f - 1) * sizeof(size_t));
        memmove(sc->pair_r, sc->pair_r + 1, (f - 1) * sizeof(size_t));
        f--;
    }
    while (f > 1 && sc->pair_r[f - 1] - sc->pair_r[f - 2] >
                    sc->pair_q[f - 1] - sc->pair_q[f - 2] + 3)
        f--;
    /* The quote's words next to the ends that the record holds there
     * too are pairs after all. */
    while (f > 0 && f < n && sc->pair_q[0] > 0 && sc->pair_r[0] > 0 &&
           q->w[sc->pair_q[0] - 1].h == r->w[sc->pair_r[0] - 1].h) {
        memmove(sc->pair_q + 1, sc->pair_q, f * sizeof(size_t));
        memmove(sc->pair_r + 1, sc->pair_r, f * sizeof(size_t));
        sc->pair_q[0] = sc->pair_q[1] - 1;
        sc->pair_r[0] = sc->pair_r[1] - 1;
        f++;
    }
    while (f > 0 && f < n && sc->pair_q[f - 1] + 1 < n &&
           sc->pair_r[f - 1] + 1 < r->n &&
           q->w[sc->pair_q[f - 1] + 1].h == r->w[sc->pair_r[f - 1] + 1].h) {
        sc->pair_q[f] = sc->pair_q[f - 1] + 1;
        sc->pair_r[f] = sc->pair_r[f - 1] + 1;
        f++;
    }
    for (i = 0; i < n; i++)
        n_content += !q->w[i].is_stop;
    for (i = 0; i < f; i++)
        f_content += !q->w[sc->pair_q[i]].is_stop;
    if (f == 0)
        return PILCROW_OK;
    lo = sc->pair_r[0];
    hi = sc->pair_r[f - 1];
    moved = 0;
    if (f < n) {
        /* Words moved: the content words of the quote unpaired, in the
         * window's unpaired words (a clause moved to the front). */
        size_t *qi = pc_malloc(n * sizeof(size_t));
        size_t *ri = pc_malloc((w + 1) * sizeof(size_t));
        size_t nq = 0, nr = 0, k = 0, mlo = 0, mhi = 0;

        if (qi == NULL || ri == NULL) {
            pc_free(qi);
            pc_free(ri);
            return PILCROW_NOMEM;
        }
        for (i = 0; i < n; i++) {
            while (k < f && sc->pair_q[k] < i)
                k++;
            if (k >= f || sc->pair_q[k] != i)
                qi[nq++] = i;
        }
        for (j = base, k = 0; j < base + w; j++) {
            while (k < f && sc->pair_r[k] < j)
                k++;
            if (k >= f || sc->pair_r[k] != j)
                ri[nr++] = j;
        }
        moved = moved_pairs(q, qi, nq, r, ri, nr, L, &mlo, &mhi);
        if (moved > 0) {
            lo = mlo < lo ? mlo : lo;
            hi = mhi > hi ? mhi : hi;
        }
        pc_free(qi);
        pc_free(ri);
    }
    f_content += moved;
    span = hi - lo + 1;
    c->score = 2.0 * (double)(f + moved) / (double)(n + span);
    c->exact = f == n && span == n;
    if (c->score < QUOTE_MIN_SCORE ||
        (double)f_content < QUOTE_MIN_CONTENT * (double)n_content)
        return PILCROW_OK;
    c->found = f;
    make_diff(&st, c, q, qtext, r, rtext, sc, f);
    return st;
}

/* ---- 3. the result set -------------------------------------------------- */

static int
cmp_cands(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;

    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->rec.seq < y->rec.seq ? -1 : x->rec.seq > y->rec.seq;
}

pilcrow_status
pilcrow_quote_find(pilcrow_quote **out, pilcrow_db *db, const char *text,
                   size_t len, size_t limit)
{
    struct pcx_result res = { NULL, 0, 0, 0 };
    struct scratch sc;
    struct words rw = { NULL, 0, 0, PILCROW_OK };
    pilcrow_quote *qt;
    pilcrow_status st = PILCROW_OK;
    size_t i, kept;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || db == NULL || (text == NULL && len > 0))
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if (limit == 0 || limit > 100)
        return pc_db_error(db, PILCROW_INVALID,
                           "quote: limit must be 1 to 100");
    if ((st = check_text(db, text, len)) < 0)
        return st;
    if (!(db->flags & PILCROW_OPEN_WRITE) && (st = pcx_db_reopen(db->x)) < 0)
        return pc_db_shim_error(db, st);
    if ((qt = pc_calloc(1, sizeof(*qt))) == NULL)
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    memset(&sc, 0, sizeof(sc));
    qt->db = db;
    qt->node.release = quote_release;
    qt->len = len;
    if ((qt->text = pc_arena_strndup(&st, &qt->arena, text, len)) == NULL) {
        st = pc_db_error(db, st, "out of memory");
        goto fail;
    }
    if ((st = candidates(qt, &res)) < 0)
        goto fail;
    if (res.n_matches > 0 &&
        (qt->cands = pc_calloc(res.n_matches, sizeof(*qt->cands))) == NULL) {
        st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
        goto fail;
    }
    for (i = kept = 0; i < res.n_matches; i++) {
        struct cand *c = &qt->cands[kept];
        const struct words *qw;
        struct pc_analyzer *an;
        struct hset hs = { NULL, 0 };

        memset(c, 0, sizeof(*c));
        if ((st = pc_record_load(db, &c->rec, &qt->arena,
                                 res.matches[i].data,
                                 res.matches[i].data_len,
                                 PC_LOAD_TEXT | PC_LOAD_CITE, NULL)) < 0) {
            if (st == PILCROW_CORRUPT)
                pc_db_error(db, st, "a stored record is damaged (docid %u)",
                            (unsigned)res.matches[i].docid);
            goto fail;
        }
        c->weight = res.matches[i].weight;
        if ((an = pc_db_analyzer(db, c->rec.language, &st)) == NULL ||
            (qw = quote_words(qt, an)) == NULL)
            goto fail;
        if ((st = read_words(&rw, an, c->rec.text, c->rec.text_len)) < 0 ||
            (st = hset_make(&hs, qw)) < 0 ||
            (st = align(c, qw, qt->text, &rw, c->rec.text, &hs, &sc)) < 0) {
            pc_free(hs.slot);
            pc_free(c->segs);
            c->segs = NULL;
            st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
            goto fail;
        }
        pc_free(hs.slot);
        if (c->found > 0)
            kept++;
        else
            pc_free(c->segs);
    }
    qt->n_cands = kept;
    if (kept > 1)
        qsort(qt->cands, kept, sizeof(*qt->cands), cmp_cands);
    for (i = limit; i < kept; i++)
        pc_free(qt->cands[i].segs);
    if (kept > limit)
        qt->n_cands = limit;
    pc_free(rw.w);
    pc_free(sc.len);
    pc_free(sc.pair_q);
    pc_free(sc.pair_r);
    pcx_result_free(&res);
    pc_db_adopt(db, &qt->node);
    *out = qt;
    return PILCROW_OK;
fail:
    pc_free(rw.w);
    pc_free(sc.len);
    pc_free(sc.pair_q);
    pc_free(sc.pair_r);
    pcx_result_free(&res);
    quote_release(&qt->node);
    return st;
}

void
pilcrow_quote_free(pilcrow_quote *qt)
{
    if (qt != NULL) {
        pc_db_disown(&qt->node);
        quote_release(&qt->node);
    }
}

size_t
pilcrow_quote_n_sources(const pilcrow_quote *qt)
{
    return qt ? qt->n_cands : 0;
}

pilcrow_status
pilcrow_quote_next(pilcrow_quote *qt)
{
    if (qt == NULL)
        return PILCROW_INVALID;
    if (qt->cur >= qt->n_cands) {
        qt->cur = qt->n_cands + 1;
        return PILCROW_DONE;
    }
    qt->cur++;
    return PILCROW_OK;
}

/* The current candidate, or NULL. */
static const struct cand *
current(const pilcrow_quote *qt)
{
    if (qt == NULL || qt->cur == 0 || qt->cur > qt->n_cands)
        return NULL;
    return &qt->cands[qt->cur - 1];
}

const pilcrow_record *
pilcrow_quote_record(const pilcrow_quote *qt)
{
    const struct cand *c = current(qt);

    return c ? &c->rec : NULL;
}

double
pilcrow_quote_score(const pilcrow_quote *qt)
{
    const struct cand *c = current(qt);

    return c ? c->score : 0.0;
}

size_t
pilcrow_quote_words(const pilcrow_quote *qt, size_t *found)
{
    const struct cand *c = current(qt);

    if (found != NULL)
        *found = c ? c->found : 0;
    return c ? c->n_words : 0;
}

int
pilcrow_quote_exact(const pilcrow_quote *qt)
{
    const struct cand *c = current(qt);

    return c ? c->exact : 0;
}

size_t
pilcrow_quote_n_diff(const pilcrow_quote *qt)
{
    const struct cand *c = current(qt);

    return c ? c->n_segs : 0;
}

const char *
pilcrow_quote_diff(const pilcrow_quote *qt, size_t i,
                   pilcrow_diff_kind *kind, size_t *len)
{
    const struct cand *c = current(qt);

    if (c == NULL || i >= c->n_segs) {
        if (kind != NULL)
            *kind = PILCROW_DIFF_SAME;
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    if (kind != NULL)
        *kind = c->segs[i].kind;
    if (len != NULL)
        *len = c->segs[i].len;
    return c->segs[i].text;
}
