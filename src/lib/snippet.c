/*
 * snippet.c - find the words of a text that a query matched, choose the
 * window of the text that best covers the query's terms, and report the
 * highlighted spans.  Matching uses the same analysis as indexing
 * (pc_analyze), so every highlighted word is one the query matched.
 */
#include <string.h>

#include "pilcrow-private.h"

/* The ellipsis marking a cut: U+2026 and a space. */
#define ELLIPSIS "\xe2\x80\xa6"
#define ELLIPSIS_LEN 3

/* State of the token callback of pc_find_matches(). */
struct find_ctx {
    const struct pc_qterm *terms;
    size_t n_terms;
    struct pc_match **matches;
    size_t *n_matches;
    size_t *cap;
    uint32_t n_words;
    pilcrow_status st;
};

/* True if the token matches query term Q.  A CJK character matches
 * the tokens it starts or ends (term_span() says where). */
static int
term_matches(const struct pc_qterm *q, const struct pc_token *tok)
{
    if (q->is_prefix == PC_QTERM_CJK_CHAR)
        return tok->is_cjk && tok->term_len >= q->len &&
               (memcmp(tok->term, q->term, q->len) == 0 ||
                memcmp(tok->term + tok->term_len - q->len, q->term,
                       q->len) == 0);
    if (!q->is_prefix)
        return tok->term_len == q->len && memcmp(tok->term, q->term, q->len) == 0;
    return (tok->term_len >= q->len &&
            memcmp(tok->term, q->term, q->len) == 0) ||
           (tok->folded_len >= q->len &&
            memcmp(tok->folded, q->term, q->len) == 0);
}

/* Add the match [START, END) at POS of term WHICH.  Returns non-zero
 * on error. */
static int
add_match(struct find_ctx *c, size_t start, size_t end, uint32_t pos,
          size_t which)
{
    struct pc_match *m;

    if (pc_grow(&c->st, c->matches, c->cap, *c->n_matches, sizeof(*m),
                16) < 0)
        return 1;
    m = &(*c->matches)[(*c->n_matches)++];
    m->start = start;
    m->end = end;
    m->pos = pos;
    m->which = (unsigned)which;
    return 0;
}

static int
find_token(const struct pc_token *tok, void *payload)
{
    struct find_ctx *c = payload;
    size_t i;

    c->n_words = tok->pos;
    for (i = 0; i < c->n_terms; i++)
        if (term_matches(&c->terms[i], tok))
            break;
    if (i == c->n_terms)
        return 0;
    if (c->terms[i].is_prefix != PC_QTERM_CJK_CHAR)
        return add_match(c, tok->start, tok->end, tok->pos, i);
    /* A CJK character: the bigram's first character, or its second
     * where it ends the run (else it is the next bigram's first). */
    if (memcmp(tok->term, c->terms[i].term, c->terms[i].len) == 0 &&
        add_match(c, tok->start, tok->start + c->terms[i].len, tok->pos,
                  i) != 0)
        return 1;
    if (tok->term_len > c->terms[i].len &&
        memcmp(tok->term + tok->term_len - c->terms[i].len, c->terms[i].term,
               c->terms[i].len) == 0 &&
        tok->tail_len > 0)
        return add_match(c, tok->end - c->terms[i].len, tok->end, tok->pos,
                         i);
    return 0;
}

pilcrow_status
pc_find_matches(struct pc_analyzer *an, const char *text, size_t len,
                const struct pc_qterm *terms, size_t n_terms,
                struct pc_match **matches, size_t *n_matches, size_t *cap,
                uint32_t *n_words)
{
    struct find_ctx c;
    pc_byteset first = { 0 };
    pilcrow_status st;
    size_t i;

    for (i = 0; i < n_terms; i++)
        if (terms[i].len > 0)
            PC_BYTESET_ADD(first, terms[i].term[0]);
    c.terms = terms;
    c.n_terms = n_terms;
    c.matches = matches;
    c.n_matches = n_matches;
    c.cap = cap;
    c.n_words = 0;
    c.st = PILCROW_OK;
    st = pc_analyze_for(an, text, len, first, find_token, &c);
    if (n_words != NULL)
        *n_words = c.n_words;
    if (c.st < 0)
        return c.st;
    return st < 0 ? st : PILCROW_OK;
}

unsigned
pc_distinct_terms(const struct pc_match *m, size_t first, size_t last)
{
    uint64_t seen = 0;
    unsigned n = 0;
    size_t i;

    for (i = first; i < last; i++) {
        uint64_t bit = (uint64_t)1 << (m[i].which < 63 ? m[i].which : 63);
        if (!(seen & bit)) {
            seen |= bit;
            n++;
        }
    }
    return n;
}

static int
is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

void
pc_snippet(pilcrow_status *st, struct pc_buf *b, const char *text,
           size_t len, const struct pc_match *m, size_t n_matches,
           size_t target, size_t **spans, size_t *n_spans)
{
    size_t best = 0, best_end = 0, i, j, ws, we, first_start, last_end;
    size_t pad, lead = 0, n = 0, *sp;
    unsigned best_distinct = 0, d;

    *spans = NULL;
    *n_spans = 0;
    if (*st < 0)
        return;
    if (len <= target + target / 2) {
        ws = 0;
        we = len;
    } else {
        /* The window of matches starting at i that fits in TARGET bytes
         * and covers the most distinct terms, then the most matches. */
        for (i = 0, j = 0; i < n_matches; i++) {
            if (j < i)
                j = i;
            while (j < n_matches && m[j].end - m[i].start <= target)
                j++;
            d = pc_distinct_terms(m, i, j);
            if (d > best_distinct ||
                (d == best_distinct && j - i > best_end - best)) {
                best_distinct = d;
                best = i;
                best_end = j;
            }
        }
        if (n_matches == 0) {
            first_start = last_end = 0;
        } else {
            first_start = m[best].start;
            last_end = best_end > best ? m[best_end - 1].end : m[best].end;
        }
        /* Centre the covered span in the window. */
        pad = last_end - first_start < target
            ? (target - (last_end - first_start)) / 2 : 0;
        ws = first_start > pad ? first_start - pad : 0;
        we = ws + target < len ? ws + target : len;
        if (we == len)
            ws = len > target ? len - target : 0;
        if (we < last_end)
            we = last_end;
        /* Cut at word boundaries, never inside a matched word. */
        if (ws > 0 && !is_space(text[ws - 1])) {
            i = ws;
            while (i < first_start && !is_space(text[i]))
                i++;
            if (i < first_start || (i == first_start && i > ws))
                ws = i;
            else {
                /* No space before the first match: go back to one. */
                while (ws > 0 && !is_space(text[ws - 1]))
                    ws--;
            }
        }
        if (we < len && !is_space(text[we])) {
            i = we;
            while (i > last_end && !is_space(text[i - 1]))
                i--;
            if (i > last_end || (n_matches == 0 && i > ws))
                we = i;
            else {
                while (we < len && !is_space(text[we]))
                    we++;
            }
        }
    }
    while (ws < we && is_space(text[ws]))
        ws++;
    while (we > ws && is_space(text[we - 1]))
        we--;
    if (ws > 0) {
        pc_buf_append(st, b, ELLIPSIS " ", ELLIPSIS_LEN + 1);
        lead = ELLIPSIS_LEN + 1;
    }
    pc_buf_append(st, b, text + ws, we - ws);
    if (we < len)
        pc_buf_append(st, b, " " ELLIPSIS, ELLIPSIS_LEN + 1);
    if (*st < 0)
        return;
    for (i = 0; i < n_matches; i++)
        if (m[i].start >= ws && m[i].end <= we)
            n++;
    if (n == 0)
        return;
    if ((sp = pc_malloc(2 * n * sizeof(*sp))) == NULL) {
        *st = PILCROW_NOMEM;
        return;
    }
    for (i = 0, j = 0; i < n_matches; i++) {
        if (m[i].start >= ws && m[i].end <= we) {
            sp[j++] = m[i].start - ws + lead;
            sp[j++] = m[i].end - ws + lead;
        }
    }
    *spans = sp;
    *n_spans = n;
}
