/*
 * t-snippet.c - window choice, cuts at word boundaries, ellipses and
 * highlight spans over real text from the corpus report.
 */
#include <string.h>

#include "pilcrow-private.h"
#include "check.h"

/* Paragraph 53 of the corpus report (A/52/314). */
static const char *p53 =
    "International migration is a complex phenomenon that affects many "
    "aspects of the lives of people and societies, as well as the "
    "functioning of States. Its interrelationships with development are "
    "potentially quite varied and, as documented elsewhere,\xe2\x81\xb8 many "
    "issues regarding those interrelationships remain unresolved. According "
    "to the views expressed by Governments, the relevant topics for "
    "discussion at an international conference on international migration "
    "are equally varied and complex. In particular, the concerns frequently "
    "expressed by Governments about ensuring respect for the human rights "
    "of all migrants and the need to set universally accepted standards "
    "regarding the rights of specific types of migrants, are being "
    "addressed through the mechanisms of the Commission on Human Rights.";

/* Snippet of TEXT for the query words WORDS (analysed with English). */
static void
snip(struct pc_analyzer *an, const char *text, const char *const *words,
     size_t n_words, size_t target, struct pc_buf *b, size_t **spans,
     size_t *n_spans)
{
    struct pc_qterm terms[8];
    struct pc_match *m = NULL;
    size_t n_m = 0, cap = 0, i, tl;
    pilcrow_status st = PILCROW_OK;
    char stems[8][32];

    for (i = 0; i < n_words; i++) {
        const char *t = pc_analyzer_stem(an, words[i], strlen(words[i]), &tl);
        CHECK_FATAL(t != NULL && tl < sizeof(stems[i]));
        memcpy(stems[i], t, tl);
        terms[i].term = stems[i];
        terms[i].len = tl;
        terms[i].is_prefix = 0;
    }
    CHECK_OK(pc_find_matches(an, text, strlen(text), terms, n_words, &m,
                             &n_m, &cap, NULL));
    pc_buf_reset(b);
    pc_snippet(&st, b, text, strlen(text), m, n_m, target, spans, n_spans);
    CHECK_OK(st);
    pc_free(m);
}

int
main(void)
{
    struct pc_analyzer *an;
    struct pc_buf b = PC_BUF_INIT;
    size_t *spans = NULL, n = 0, i;
    const char *w1[] = { "rights", "migrants" };
    const char *w2[] = { "phenomenon" };
    const char *w3[] = { "nothingmatches" };

    CHECK_FATAL(pc_analyzer_new(&an, "en") == PILCROW_OK);

    /* The window with both words, cut with ellipses at spaces. */
    snip(an, p53, w1, 2, 120, &b, &spans, &n);
    CHECK(b.len <= 120 + 40);
    CHECK(strncmp(b.data, "\xe2\x80\xa6 ", 4) == 0);
    CHECK(strstr(b.data, "rights") != NULL);
    CHECK(strstr(b.data, "migrants") != NULL);
    CHECK(n >= 2);
    for (i = 0; i < n; i++) {
        const char *w = b.data + spans[2 * i];
        size_t len = spans[2 * i + 1] - spans[2 * i];
        CHECK((len == 6 && memcmp(w, "rights", 6) == 0) ||
              (len == 8 && memcmp(w, "migrants", 8) == 0));
        if (i > 0)
            CHECK(spans[2 * i] >= spans[2 * i - 1]);
    }
    pc_free(spans);

    /* Near the start: no leading ellipsis, a trailing one. */
    snip(an, p53, w2, 1, 120, &b, &spans, &n);
    CHECK(strncmp(b.data, "International migration", 23) == 0);
    CHECK(b.len > 4 && memcmp(b.data + b.len - 3, "\xe2\x80\xa6", 3) == 0);
    CHECK(n == 1);
    if (n == 1)
        CHECK(memcmp(b.data + spans[0], "phenomenon", 10) == 0);
    pc_free(spans);

    /* Short text: whole, spans exact. */
    snip(an, "The rights of migrants.", w1, 2, 220, &b, &spans, &n);
    CHECK_STR(b.data, "The rights of migrants.");
    CHECK(n == 2 && spans[0] == 4 && spans[1] == 10 && spans[2] == 14 &&
          spans[3] == 22);
    pc_free(spans);

    /* No match: the start of the text, no spans. */
    snip(an, p53, w3, 1, 100, &b, &spans, &n);
    CHECK(n == 0 && spans == NULL);
    CHECK(strncmp(b.data, "International", 13) == 0);

    pc_buf_free(&b);
    pc_analyzer_free(an);
    return check_done();
}
