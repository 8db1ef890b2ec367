/*
 * query-parse.c - query text into a query tree, and the tree into the
 * postfix nodes the shim turns into a Xapian query.
 *
 * Query text is parsed by recursive descent:
 *
 *   expr    := and ( "OR" and )*
 *   and     := unary ( ["AND"] unary | "NOT" unary )*
 *   unary   := ("-" | "NOT") primary | near
 *   near    := primary ( "NEAR" primary )*       NEAR/N sets the window
 *   primary := "(" expr ")" | '"' words '"' | field ":" value
 *            | "=" word | "=" '"' words '"' | word "*" | word
 *
 * Words and phrases go through pc_analyze(), the same pipeline as the
 * documents, so "Governments'" finds "governments" and 49/127 finds the
 * resolution.  A word that analyses into several tokens
 * ("cross-sectoral") is a phrase.  Unclosed quotes and parentheses are
 * read as closed at the end; an operator with nothing to apply to, an
 * unmatched ")" or an unknown field is rejected with its column.
 * Filter fields and their terms are terms.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query-int.h"
#include "shim.h"

/* Default NEAR window, in words. */
#define NEAR_DEFAULT 10

/* ---- the query tree --------------------------------------------------- */

enum qn_kind {
    QN_TERM, QN_BOOLEAN, QN_WILDCARD, QN_ALL, QN_NOTHING, QN_RANGE,
    QN_AND, QN_OR, QN_AND_NOT, QN_PHRASE, QN_NEAR, QN_SYNONYM, QN_SCALE
};

/* A tree node; children are a linked list.  Every node and string lives
 * in the query's arena. */
struct qn {
    enum qn_kind kind;
    const char *term;          /* leaves */
    size_t term_len;
    const char *term2;         /* QN_RANGE upper bound */
    unsigned slot;             /* QN_RANGE */
    unsigned window;           /* QN_PHRASE, QN_NEAR */
    int every;                 /* QN_WILDCARD: pcx_qnode's every */
    double factor;             /* QN_SCALE */
    struct qn *first, *last;   /* children */
    struct qn *next;           /* sibling */
    unsigned n_children;
    int readings;              /* QN_OR, QN_SYNONYM: the readings of one
                                * word or phrase in several languages */
    size_t check_at;           /* a quoted phrase that left function */
    size_t check_len;          /* words out, or =word: its text (0:
                                * none) */
    int check_exact;           /* =word, ="...": checked as written */
};

/* ---- parsing ---------------------------------------------------------- */

/* Parser state. */
struct parser {
    pilcrow_query *q;
    const char *s;             /* the text */
    size_t len;
    size_t i;                  /* current byte */
    pilcrow_status st;
    int depth;                 /* parentheses open */
    size_t n_leaves;           /* terms so far */
    int n_stops;               /* stopwords left out of the query */
    int text_stops;            /* ... by the last analyse_text() */
};

/* Report a syntax error at byte I (as a 1-based column in characters). */
static void
perr(struct parser *p, size_t at, const char *fmt, const char *arg)
{
    size_t col = 1, k;
    char msg[256];

    if (p->st < 0)
        return;
    for (k = 0; k < at && k < p->len; k++)
        if (((unsigned char)p->s[k] & 0xC0) != 0x80)
            col++;
    snprintf(msg, sizeof(msg), fmt, arg);
    p->st = pc_db_error(p->q->db, PILCROW_BADQUERY, "column %zu: %s", col,
                        msg);
}

static struct qn *
qn_new(struct parser *p, enum qn_kind kind)
{
    struct qn *n = pc_arena_alloc(&p->st, &p->q->arena, sizeof(*n));

    if (n == NULL)
        return NULL;
    memset(n, 0, sizeof(*n));
    n->kind = kind;
    return n;
}

static void
qn_add(struct qn *parent, struct qn *child)
{
    if (child == NULL)
        return;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
    parent->n_children++;
}

static struct qn *
qn_leaf(struct parser *p, enum qn_kind kind, const char *term, size_t len)
{
    struct qn *n;

    if (++p->n_leaves > PILCROW_QUERY_MAX_TERMS) {
        perr(p, p->i, "more than %s terms",
             PC_STR(PILCROW_QUERY_MAX_TERMS));
        return NULL;
    }
    if ((n = qn_new(p, kind)) == NULL)
        return NULL;
    n->term = pc_arena_strndup(&p->st, &p->q->arena, term, len);
    n->term_len = len;
    return n->term ? n : NULL;
}

/* Remember TERM as one to highlight (once). */
static void
add_qterm(struct parser *p, const char *term, size_t len, int is_prefix)
{
    pilcrow_query *q = p->q;
    struct pc_qterm *t;
    size_t i;

    for (i = 0; i < q->n_terms; i++)
        if (q->terms[i].len == len && q->terms[i].is_prefix == is_prefix &&
            memcmp(q->terms[i].term, term, len) == 0)
            return;
    if (pc_grow(&p->st, &q->terms, &q->cap_terms, q->n_terms, sizeof(*t),
                8) < 0)
        return;
    t = &q->terms[q->n_terms];
    t->term = pc_arena_strndup(&p->st, &q->arena, term, len);
    t->len = len;
    t->is_prefix = is_prefix;
    if (t->term != NULL)
        q->n_terms++;
}

static int
at_space(struct parser *p)
{
    return p->i < p->len && isspace((unsigned char)p->s[p->i]);
}

static void
skip_space(struct parser *p)
{
    while (at_space(p))
        p->i++;
}

/* Length of the bare word at the current position: up to a space,
 * parenthesis or quote. */
static size_t
word_len(struct parser *p)
{
    size_t j = p->i;

    while (j < p->len && !isspace((unsigned char)p->s[j]) &&
           p->s[j] != '(' && p->s[j] != ')' && p->s[j] != '"')
        j++;
    return j - p->i;
}

/* True if the word at the current position is operator OP. */
static int
at_op(struct parser *p, const char *op)
{
    size_t n = word_len(p), k = strlen(op);

    if (n == k && memcmp(p->s + p->i, op, k) == 0)
        return 1;
    /* NEAR/5 */
    return strcmp(op, "NEAR") == 0 && n > 5 &&
           memcmp(p->s + p->i, "NEAR/", 5) == 0;
}

/* Tokens of analysed text collected for a phrase. */
struct collect {
    struct parser *p;
    struct qn *phrase;
    size_t base;               /* offset of the text in the query */
    int record_words;          /* remember plain words for suggestions */
    uint32_t first_pos;        /* positions of the first and last words */
    uint32_t last_pos;         /* kept (0: none yet) */
    int n_stops;               /* stopwords left out */
};

static int
collect_token(const struct pc_token *tok, void *payload)
{
    struct collect *c = payload;
    struct parser *p = c->p;
    pilcrow_query *q = p->q;
    struct qn *leaf;
    uint32_t cp;

    if (tok->is_stop) {
        /* Not indexed: left out, its position kept as a gap. */
        c->n_stops++;
        return 0;
    }
    if (c->first_pos == 0)
        c->first_pos = tok->pos;
    c->last_pos = tok->pos;
    if (tok->is_cjk && pc_utf8_decode(tok->term, tok->term_len, &cp) ==
                           tok->term_len) {
        /* One CJK character: every index term it starts (the bigrams
         * from it, a run's tail, the character alone; analyze.c). */
        leaf = qn_leaf(p, QN_WILDCARD, tok->term, tok->term_len);
        if (leaf == NULL)
            return 1;
        leaf->every = PCX_EVERY_SYNONYM;
        add_qterm(p, tok->term, tok->term_len, PC_QTERM_CJK_CHAR);
    } else {
        leaf = qn_leaf(p, QN_TERM, tok->term, tok->term_len);
        if (leaf == NULL)
            return 1;
        add_qterm(p, tok->term, tok->term_len, 0);
    }
    qn_add(c->phrase, leaf);
    if (c->record_words && !tok->is_symbol && p->st >= 0) {
        if (pc_grow(&p->st, &q->words, &q->cap_words, q->n_words,
                    sizeof(*q->words), 8) < 0)
            return 1;
        q->words[q->n_words].start = c->base + tok->start;
        q->words[q->n_words].end = c->base + tok->end;
        q->words[q->n_words].term = leaf->term;
        q->words[q->n_words].term_len = leaf->term_len;
        q->n_words++;
    }
    return p->st < 0;
}

/* Analyse the N bytes at START with analyser AN as a phrase (or a
 * single term).  Returns the node, or NULL when the text holds no word
 * to search (*N_STOPS then counts the stopwords left out) or on
 * error. */
static struct qn *
analyse_one(struct parser *p, struct pc_analyzer *an, size_t start,
            size_t n, int record_words, int *n_stops)
{
    struct collect c;
    struct qn *ph = qn_new(p, QN_PHRASE), *w;
    pilcrow_status st;

    *n_stops = 0;
    if (ph == NULL)
        return NULL;
    c.p = p;
    c.phrase = ph;
    c.base = start;
    c.record_words = record_words;
    c.first_pos = c.last_pos = 0;
    c.n_stops = 0;
    st = pc_analyze(an, p->s + start, n, collect_token, &c);
    *n_stops = c.n_stops;
    if (st < 0 && p->st >= 0)
        p->st = st;
    if (p->st < 0 || ph->n_children == 0)
        return NULL;
    if (ph->n_children == 1) {
        struct qn *leaf = ph->first, *or, *x;
        struct pc_buf b = PC_BUF_INIT;

        if (memchr(leaf->term, '/', leaf->term_len) == NULL)
            return leaf;
        /* A symbol as written finds the paragraphs citing it and the
         * document that carries it (its X filter term). */
        p->q->beyond_text = 1;
        pc_term(&p->st, &b, PC_TERM_SYMBOL, leaf->term, leaf->term_len);
        or = qn_new(p, QN_OR);
        x = p->st >= 0 ? qn_leaf(p, QN_BOOLEAN, b.data, b.len) : NULL;
        pc_buf_free(&b);
        if (or == NULL || x == NULL)
            return NULL;
        leaf->next = NULL;
        qn_add(or, leaf);
        qn_add(or, x);
        return or;
    }
    /* In order, within the words' span: the gaps of left-out
     * stopwords are allowed for. */
    ph->window = c.last_pos - c.first_pos + 1;
    for (w = ph->first; w != NULL; w = w->next)
        if (w->every)
            w->every = PCX_EVERY_OR;
    return ph;
}

/* Non-zero if trees A and B are the same query. */
static int
qn_equal(const struct qn *a, const struct qn *b)
{
    const struct qn *x, *y;

    if (a->kind != b->kind || a->term_len != b->term_len ||
        a->window != b->window || a->n_children != b->n_children ||
        (a->term_len > 0 && memcmp(a->term, b->term, a->term_len) != 0))
        return 0;
    for (x = a->first, y = b->first; x != NULL && y != NULL;
         x = x->next, y = y->next)
        if (!qn_equal(x, y))
            return 0;
    return 1;
}

/*
 * Analyse the N bytes at START as a phrase (or a single term) in each
 * language the query reads (pilcrow_query's readings): the analyses
 * that differ are the word's readings, weighed as one term when they
 * are terms (QN_SYNONYM), else ORed.  A language reads the text when
 * the text has letters of its script (or, text of no such letters, the
 * first language alone); a word that is a stopword in any language
 * reading it is a stopword (the lists hold no content word of another
 * language).  Returns the node, or NULL when the text holds no word
 * (then *EMPTY is set) or on error.
 */
static struct qn *
analyse_text(struct parser *p, size_t start, size_t n, int record_words,
             int *empty)
{
    pilcrow_query *q = p->q;
    struct qn *got[PC_QUERY_MAX_READINGS], *group;
    unsigned scripts = 0, all = 0;
    size_t i, j, n_got = 0;
    int stops, any_stop = 0, all_terms = 1, first = record_words;

    *empty = 0;
    p->text_stops = 0;
    if (q->n_readings > 1) {
        scripts = pc_text_scripts(p->s + start, n);
        for (i = 0; i < q->n_readings; i++)
            all |= 1u << pc_analyzer_lang(q->readings[i])->script;
        if ((scripts & all) == 0)
            scripts = 0;
    }
    for (i = 0; i < q->n_readings && p->st >= 0; i++) {
        struct qn *r;

        if (scripts != 0 &&
            !(scripts & (1u << pc_analyzer_lang(q->readings[i])->script)))
            continue;
        r = analyse_one(p, q->readings[i], start, n, first, &stops);
        first = 0;
        p->text_stops += stops;
        if (r == NULL && stops > 0)
            any_stop = 1;
        if (r == NULL)
            continue;
        for (j = 0; j < n_got && !qn_equal(got[j], r); j++)
            ;
        if (j == n_got)
            got[n_got++] = r;
        if (scripts == 0)
            break;              /* no script to choose by: the first */
    }
    if (p->st < 0)
        return NULL;
    if (any_stop || n_got == 0) {
        p->n_stops += any_stop;
        *empty = 1;
        return NULL;
    }
    if (n_got == 1)
        return got[0];
    for (j = 0; j < n_got; j++)
        all_terms &= got[j]->kind == QN_TERM;
    if ((group = qn_new(p, all_terms ? QN_SYNONYM : QN_OR)) == NULL)
        return NULL;
    group->readings = 1;
    for (j = 0; j < n_got; j++) {
        got[j]->next = NULL;
        qn_add(group, got[j]);
    }
    return group;
}

/* State of symbol_token(): the AND of X terms being built. */
struct symbol_collect {
    struct parser *p;
    struct qn *and;
};

static int
symbol_token(const struct pc_token *tok, void *payload)
{
    struct symbol_collect *c = payload;
    struct pc_buf b = PC_BUF_INIT;

    if (!tok->is_symbol)
        return 0;
    pc_term(&c->p->st, &b, PC_TERM_SYMBOL, tok->term, tok->term_len);
    if (c->p->st >= 0)
        qn_add(c->and, qn_leaf(c->p, QN_BOOLEAN, b.data, b.len));
    pc_buf_free(&b);
    return c->p->st < 0;
}

/* Note the LEN bytes of V as the query's unknown symbol when no record
 * holds one of the X terms of AND: the filter then matches nothing, and
 * the caller can say why rather than find nothing in silence. */
static void
symbol_known(struct parser *p, const struct qn *and, const char *v,
             size_t len)
{
    const struct qn *c;
    uint64_t freq;

    for (c = and->first; c != NULL && p->q->unknown_symbol == NULL;
         c = c->next)
        if (pcx_db_termfreq(p->q->db->x, c->term, c->term_len, &freq) >= 0 &&
            freq == 0)
            p->q->unknown_symbol = pc_arena_strndup(&p->st, &p->q->arena,
                                                    v, len);
}

/* symbol:VALUE: the documents carrying every symbol in VALUE (read by
 * the analyser, as the indexer reads a document's symbol). */
static struct qn *
symbol_filter(struct parser *p, const char *v, size_t len, size_t at)
{
    struct symbol_collect c;
    pilcrow_status st;

    c.p = p;
    if ((c.and = qn_new(p, QN_AND)) == NULL)
        return NULL;
    st = pc_analyze(p->q->an, v, len, symbol_token, &c);
    if (st < 0 && p->st >= 0)
        p->st = st;
    if (p->st < 0)
        return NULL;
    if (c.and->n_children == 0) {
        perr(p, at, "symbol: needs a document symbol such as %s", "A/52/314");
        return NULL;
    }
    symbol_known(p, c.and, v, len);
    return c.and->n_children == 1 ? c.and->first : c.and;
}

/* A filter term of field F for the LEN bytes of V, as a query leaf. */
static struct qn *
filter_leaf(struct parser *p, const struct pc_field *f, const char *v,
            size_t len)
{
    struct pc_buf val = PC_BUF_INIT, term = PC_BUF_INIT;
    struct qn *n = NULL;

    pc_field_value(&p->st, &val, f, v, len);
    /* "section:II." is section II. */
    if (f->prefix == PC_TERM_SECTION && val.len > 0 &&
        val.data[val.len - 1] == '.')
        val.data[--val.len] = '\0';
    pc_term(&p->st, &term, f->prefix, val.data ? val.data : "", val.len);
    if (p->st >= 0)
        n = qn_leaf(p, QN_BOOLEAN, term.data, term.len);
    pc_buf_free(&val);
    pc_buf_free(&term);
    return n;
}

/* A date bound at V (LEN bytes): YYYY, YYYY-MM or YYYY-MM-DD, as
 * YYYYMMDD into OUT (16 bytes), the first day of the period (HIGH 0) or
 * its last (HIGH 1).  Returns 1, or 0 when it is none of these. */
static int
date_bound(const char *v, size_t len, int high, char *out)
{
    char tmp[11];
    int y, m = 0, d = 0, used = 0;

    if (len < 4 || len >= sizeof(tmp))
        return 0;
    memcpy(tmp, v, len);
    tmp[len] = '\0';
    if (!((len == 4 && sscanf(tmp, "%4d%n", &y, &used) == 1) ||
          (len == 7 && sscanf(tmp, "%4d-%2d%n", &y, &m, &used) == 2) ||
          (len == 10 && sscanf(tmp, "%4d-%2d-%2d%n", &y, &m, &d,
                               &used) == 3)) ||
        (size_t)used != len || m > 12 || d > 31 || y < 0 || y > 9999 ||
        m < 0 || d < 0)
        return 0;
    snprintf(out, 16, "%04d%02d%02d", y, m ? m : high ? 12 : 1,
             d ? d : high ? 31 : 1);
    return 1;
}

/* year: and date: take YYYY, YYYY-MM, YYYY-MM-DD or a range A..B of
 * them; year:YYYY alone is its Y term, the others a range of the
 * date slot. */
static struct qn *
year_filter(struct parser *p, const struct pc_field *f, const char *v,
            size_t len, size_t at)
{
    char lo[16], hi[16];
    const char *dots = NULL;
    size_t i;
    int ok;
    struct qn *n;

    for (i = 0; i + 1 < len; i++)
        if (v[i] == '.' && v[i + 1] == '.') {
            dots = v + i;
            break;
        }
    if (len == 4 && dots == NULL && date_bound(v, len, 0, lo))
        return filter_leaf(p, f, v, len);
    if (dots != NULL)
        ok = date_bound(v, (size_t)(dots - v), 0, lo) &&
             date_bound(dots + 2, len - (size_t)(dots + 2 - v), 1, hi);
    else
        ok = date_bound(v, len, 0, lo) && date_bound(v, len, 1, hi);
    if (ok) {
        if ((n = qn_new(p, QN_RANGE)) != NULL) {
            n->slot = PC_SLOT_DATE;
            n->term = pc_arena_strdup(&p->st, &p->q->arena, lo);
            n->term_len = 8;
            n->term2 = pc_arena_strdup(&p->st, &p->q->arena, hi);
        }
        return n;
    }
    perr(p, at, f->name[0] == 'd'
         ? "date: must be YYYY, YYYY-MM, YYYY-MM-DD or a range A..B"
         : "year: must be YYYY or YYYY..YYYY", NULL);
    return NULL;
}

/* ---- citations (cite.c) ---------------------------------------------- */

/* The tree for citation C: the records of the document carrying it
 * (its X term, scaled up so that they come first), the records citing
 * it (C term), and those holding it as written (a content term).  The
 * symbol and its number ("2719", "50/123") are highlighted. */
static struct qn *
cite_node(struct parser *p, const struct pc_cite *c)
{
    struct pc_buf b = PC_BUF_INIT;
    struct qn *or = qn_new(p, QN_OR), *scale = qn_new(p, QN_SCALE);
    const char *num = strstr(c->key, "res/");
    size_t klen = strlen(c->key);

    if (num == NULL)
        num = strstr(c->key, "dec/");
    if (or == NULL || scale == NULL)
        return NULL;
    scale->factor = 8.0;
    pc_term(&p->st, &b, PC_TERM_SYMBOL, c->key, klen);
    if (p->st >= 0)
        qn_add(scale, qn_leaf(p, QN_TERM, b.data, b.len));
    qn_add(or, scale);
    pc_buf_reset(&b);
    pc_term(&p->st, &b, PC_TERM_CITES, c->key, klen);
    if (p->st >= 0)
        qn_add(or, qn_leaf(p, QN_TERM, b.data, b.len));
    qn_add(or, qn_leaf(p, QN_TERM, c->key, klen));
    pc_buf_free(&b);
    add_qterm(p, c->key, klen, 0);
    if (num != NULL)
        add_qterm(p, num + 4, strlen(num + 4), 0);
    /* The number as texts write it ("1997/15", a symbol token): the
     * records holding it when the organ the query infers is not the
     * one their document did (the Commission's resolution 1997/15 read
     * as ECOSOC's). */
    if (num != NULL && strchr(num + 4, '/') != NULL &&
        strchr(num + 4, ' ') == NULL)
        qn_add(or, qn_leaf(p, QN_TERM, num + 4, strlen(num + 4)));
    p->q->beyond_text = 1;
    p->q->names_doc = 1;
    return p->st >= 0 && or->n_children >= 3 ? or : NULL;
}

/* If a citation starts at the current position within the next N
 * bytes, set *OUT to its tree and return its length; else 0. */
static size_t
cite_primary(struct parser *p, size_t n, struct qn **out)
{
    struct pc_cite c;
    size_t len = pc_cite_at(p->s + p->i, n, NULL, &c);

    *out = NULL;
    if (len == 0)
        return 0;
    *out = cite_node(p, &c);
    return *out != NULL ? len : 0;
}

/* cites:VALUE: the records citing VALUE, written as a symbol
 * ("S/RES/2719 (2023)", "a/52/150") or a citation ("resolution 2719
 * (2023)", "50/123"). */
static struct qn *
cites_filter(struct parser *p, const char *v, size_t len, size_t at)
{
    struct pc_buf b = PC_BUF_INIT;
    char key[PC_CITE_MAX];
    struct qn *n = NULL;

    if (pc_cite_key_of(v, len, key, sizeof(key)) < 0) {
        perr(p, at, "cites: needs a document symbol such as %s",
             "A/RES/50/123");
        return NULL;
    }
    pc_term(&p->st, &b, PC_TERM_CITES, key, strlen(key));
    if (p->st >= 0)
        n = qn_leaf(p, QN_BOOLEAN, b.data, b.len);
    pc_buf_free(&b);
    return n;
}

/* A field:value filter.  NAME/NAME_LEN is the field, VAL/VAL_LEN the
 * value, AT the column for errors. */
static struct qn *
parse_field(struct parser *p, const char *name, size_t name_len,
            const char *val, size_t val_len, size_t at)
{
    const struct pc_field *f = pc_field_find(name, name_len);
    struct pc_buf b = PC_BUF_INIT;
    struct qn *n = NULL;
    char field[16];
    char *v;

    if (name_len >= sizeof(field))
        name_len = sizeof(field) - 1;
    memcpy(field, name, name_len);
    field[name_len] = '\0';
    if (val_len == 0) {
        perr(p, at, "%s: needs a value", field);
        return NULL;
    }
    if (f == NULL) {
        pc_field_list(&p->st, &b);
        if (p->st >= 0) {
            char msg[160];
            snprintf(msg, sizeof(msg), "unknown field '%s' (fields: %s)",
                     field, b.data);
            perr(p, at, "%s", msg);
        }
        pc_buf_free(&b);
        return NULL;
    }
    if ((v = pc_arena_strndup(&p->st, &p->q->arena, val, val_len)) == NULL)
        return NULL;
    if (f->prefix == PC_TERM_DOC || f->prefix == PC_TERM_SYMBOL ||
        f->prefix == PC_TERM_FAMILY)
        p->q->names_doc = 1;
    /* A filter on a field some documents do not state (query.c
     * counts them at each run). */
    p->q->meta_filters |= f->prefix == PC_TERM_YEAR ? 1u :
                          f->prefix == PC_TERM_ORGAN ? 2u :
                          f->prefix == PC_TERM_SESSION ? 4u :
                          f->prefix == PC_TERM_AGENDA ? 8u :
                          f->prefix == PC_TERM_TYPE ? 16u : 0u;
    switch (f->prefix) {
    case PC_TERM_KIND:
        if (strcmp(v, "paragraph") != 0 && strcmp(v, "note") != 0 &&
            strcmp(v, "summary") != 0)
            perr(p, at, "kind: must be paragraph, note or summary", NULL);
        else
            n = filter_leaf(p, f, v, val_len);
        break;
    case PC_TERM_SYMBOL:
        pc_field_value(&p->st, &b, f, v, val_len);
        if (p->st >= 0 && b.len > 0 && b.data[b.len - 1] == '*') {
            /* A prefix of the folded symbol (never hashed: a term that
             * long has no prefix to share). */
            struct pc_buf t = PC_BUF_INIT;
            pc_buf_putc(&p->st, &t, PC_TERM_SYMBOL);
            pc_buf_append(&p->st, &t, b.data, b.len - 1);
            if (p->st >= 0)
                n = qn_leaf(p, QN_WILDCARD, t.data, t.len);
            pc_buf_free(&t);
        } else if (p->st >= 0) {
            n = symbol_filter(p, v, val_len, at);
        }
        break;
    case PC_TERM_YEAR:
        n = year_filter(p, f, v, val_len, at);
        break;
    case PC_TERM_CITES:
        n = cites_filter(p, v, val_len, at);
        break;
    default:
        n = filter_leaf(p, f, v, val_len);
        break;
    }
    pc_buf_free(&b);
    if (n == NULL && p->st >= 0)
        p->st = PILCROW_NOMEM;
    return n;
}

static struct qn *parse_expr(struct parser *p);

/* True if the word at the current position is a field:value. */
static int
field_len(struct parser *p, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++) {
        char c = p->s[p->i + k];
        if (c == ':')
            /* "Conclusions:" with nothing after the colon is a word
             * that ends a phrase typed from the text, not a field. */
            return k > 0 && k + 1 < n ? (int)k : 0;
        if (!isalpha((unsigned char)c))
            return 0;
    }
    return 0;
}

/* If the N bytes at the current position are a known field's name and
 * ':' with a quote after them (symbol:"S/RES/2719 (2023)"), the
 * length of the name; else 0. */
static int
quoted_field(struct parser *p, size_t n)
{
    if (n < 2 || p->s[p->i + n - 1] != ':' || p->i + n >= p->len ||
        p->s[p->i + n] != '"' || field_len(p, n) != 0 ||
        pc_field_find(p->s + p->i, n - 1) == NULL)
        return 0;
    return (int)(n - 1);
}

/* =word or ="words": as written (case and accents folded, not stemmed).
 * The stems find the candidates; each one's text is checked for the
 * words as written (phrase.c).  At the '='. */
static struct qn *
parse_exact(struct parser *p)
{
    const char *end = NULL;
    size_t at, n;
    struct qn *r;
    int empty;

    p->i++;
    if (p->s[p->i] == '"') {
        p->i++;
        end = memchr(p->s + p->i, '"', p->len - p->i);
        n = end ? (size_t)(end - (p->s + p->i)) : p->len - p->i;
    } else {
        n = word_len(p);
    }
    at = p->i;
    r = analyse_text(p, at, n, end == NULL, &empty);
    p->i += n + (end != NULL);
    if (r != NULL) {
        r->check_at = at;
        r->check_len = n;
        r->check_exact = 1;
    }
    return r;
}

/* primary: NULL with p->st >= 0 means "nothing here" (e.g. a word of
 * punctuation only), which callers skip. */
static struct qn *
parse_primary(struct parser *p)
{
    size_t start, n;
    struct qn *r;
    int empty, f;

    skip_space(p);
    if (p->i >= p->len)
        return NULL;
    start = p->i;
    if (p->s[p->i] == '(') {
        if (p->depth >= PILCROW_QUERY_MAX_DEPTH) {
            perr(p, start, "parentheses nested deeper than %s",
                 PC_STR(PILCROW_QUERY_MAX_DEPTH));
            return NULL;
        }
        p->i++;
        p->depth++;
        r = parse_expr(p);
        skip_space(p);
        if (p->i < p->len && p->s[p->i] == ')')
            p->i++;                   /* else: closed by the end */
        p->depth--;
        return r;
    }
    if (p->s[p->i] == '=' && p->i + 1 < p->len &&
        !isspace((unsigned char)p->s[p->i + 1]) && p->s[p->i + 1] != '(' &&
        p->s[p->i + 1] != ')' && p->s[p->i + 1] != '=')
        return parse_exact(p);
    if (p->s[p->i] == '"') {
        const char *end;
        p->i++;
        end = memchr(p->s + p->i, '"', p->len - p->i);
        n = end ? (size_t)(end - (p->s + p->i)) : p->len - p->i;
        if (cite_primary(p, n, &r) != n) {
            r = analyse_text(p, p->i, n, 0, &empty);
            if (r != NULL && p->text_stops > 0) {
                r->check_at = p->i;
                r->check_len = n;
            }
        }
        p->i += n + (end != NULL);
        return r;
    }
    if ((n = cite_primary(p, p->len - p->i, &r)) > 0) {
        p->i += n;             /* "S/RES/2719 (2023)", "resolution ..." */
        return r;
    }
    n = word_len(p);
    if (n == 0)
        return NULL;
    if ((f = quoted_field(p, n)) > 0) {
        /* field:"value with spaces" */
        const char *v = p->s + p->i + n + 1, *end;
        size_t vlen;

        end = memchr(v, '"', p->len - (p->i + n + 1));
        vlen = end ? (size_t)(end - v) : p->len - (p->i + n + 1);
        r = parse_field(p, p->s + p->i, (size_t)f, v, vlen, start);
        p->i += n + 1 + vlen + (end != NULL);
        return r;
    }
    if ((f = field_len(p, n)) > 0) {
        r = parse_field(p, p->s + p->i, (size_t)f, p->s + p->i + f + 1,
                        n - (size_t)f - 1, start);
        p->i += n;
        return r;
    }
    if (n > 1 && p->s[p->i + n - 1] == '*') {
        struct pc_buf b = PC_BUF_INIT;

        pc_fold(&p->st, &b, p->s + p->i, n - 1);
        r = NULL;
        /* A prefix that folds to nothing (a soft hyphen, a joiner, an
         * invalid byte before the star) is a word of nothing. */
        if (p->st >= 0 && b.len > 0) {
            size_t k, min = b.len >= 8 ? b.len - 4 : 4;
            struct qn *or = NULL;

            r = qn_leaf(p, QN_WILDCARD, b.data, b.len);
            add_qterm(p, b.data, b.len, 1);
            /* The index holds stems, which may be shorter than the
             * prefix typed: "repatriat*" must find "repatriation",
             * indexed as "repatri".  A word starting with the prefix
             * has a stem starting with it, or a stem that is a prefix
             * of it (Snowball strips at most about four bytes): add
             * those index terms of up to four bytes less. */
            for (k = b.len - 1; k >= min && r != NULL && p->st >= 0; k--) {
                uint64_t freq = 0;
                struct qn *alt;
                if (pcx_db_termfreq(p->q->db->x, b.data, k, &freq) < 0 ||
                    freq == 0)
                    continue;
                if (or == NULL) {
                    if ((or = qn_new(p, QN_OR)) == NULL)
                        break;
                    qn_add(or, r);
                }
                if ((alt = qn_leaf(p, QN_TERM, b.data, k)) != NULL) {
                    qn_add(or, alt);
                    add_qterm(p, alt->term, alt->term_len, 0);
                }
            }
            if (or != NULL)
                r = or;
        }
        pc_buf_free(&b);
        p->i += n;
        return r;
    }
    r = analyse_text(p, p->i, n, 1, &empty);
    p->i += n;
    return r;
}

/* Can N be an operand of NEAR?  Xapian's OP_NEAR takes terms and ORs
 * of terms only: a phrase (a hyphenated word is one), a prefix, or a
 * group holding them is refused rather than handed to the engine. */
static int
near_operand(const struct qn *n)
{
    const struct qn *c;

    if (n->kind == QN_TERM || (n->kind == QN_WILDCARD && n->every))
        return 1;
    if (n->kind == QN_PHRASE)
        return n->n_children == 1 && near_operand(n->first);
    if (n->kind != QN_OR && n->kind != QN_SYNONYM)
        return 0;
    for (c = n->first; c != NULL; c = c->next)
        if (c->kind != QN_BOOLEAN && !near_operand(c))
            return 0;
    return 1;
}

/* Xapian's OP_NEAR refuses OP_SYNONYM below it: a word's readings in
 * the index's languages (analyse_text) are ORed there instead.  They
 * are terms of different languages, which one record seldom holds
 * both of, so the weight hardly differs. */
static void
near_unsynonym(struct qn *n)
{
    struct qn *c;

    if (n->kind == QN_SYNONYM)
        n->kind = QN_OR;
    if (n->every)
        n->every = PCX_EVERY_OR;
    for (c = n->first; c != NULL; c = c->next)
        near_unsynonym(c);
}

/* The operand at byte START of NEAR at AT: refused (NULL, the error
 * set) unless near_operand() takes it. */
static struct qn *
near_check(struct parser *p, struct qn *n, size_t start, size_t at)
{
    if (n == NULL)
        return n;
    if (near_operand(n)) {
        near_unsynonym(n);
        return n;
    }
    perr(p, start, "%s works on words, not on phrases, prefixes (word*) "
         "or groups", "NEAR");
    (void)at;
    return NULL;
}

static struct qn *
parse_near(struct parser *p)
{
    struct qn *left, *near = NULL, *right;
    size_t at, start;

    skip_space(p);
    start = p->i;
    left = parse_primary(p);
    for (;;) {
        skip_space(p);
        if (p->st < 0 || !at_op(p, "NEAR"))
            break;
        at = p->i;
        if (left == NULL) {
            perr(p, at, "%s needs a word before it", "NEAR");
            return NULL;
        }
        if (near == NULL) {
            if (near_check(p, left, start, at) == NULL ||
                (near = qn_new(p, QN_NEAR)) == NULL)
                return NULL;
            near->window = NEAR_DEFAULT;
            qn_add(near, left);
        }
        if (word_len(p) > 5)
            near->window = (unsigned)strtoul(p->s + p->i + 5, NULL, 10);
        if (near->window == 0)
            near->window = NEAR_DEFAULT;
        p->i += word_len(p);
        skip_space(p);
        start = p->i;
        right = parse_primary(p);
        if (right == NULL) {
            perr(p, at, "%s needs a word after it", "NEAR");
            return NULL;
        }
        if (near_check(p, right, start, at) == NULL)
            return NULL;
        qn_add(near, right);
    }
    if (near != NULL) {
        /* NEAR counts in words; widen to hold the operands. */
        if (near->window < near->n_children)
            near->window = near->n_children;
        return near;
    }
    return left;
}

/* unary: sets *NEG for a negated operand. */
static struct qn *
parse_unary(struct parser *p, int *neg)
{
    size_t at;
    struct qn *r;

    *neg = 0;
    skip_space(p);
    at = p->i;
    if (p->i < p->len && p->s[p->i] == '-' && p->i + 1 < p->len &&
        !isspace((unsigned char)p->s[p->i + 1])) {
        p->i++;
        *neg = 1;
    } else if (at_op(p, "NOT")) {
        p->i += 3;
        *neg = 1;
    }
    r = parse_near(p);
    if (*neg && r == NULL && p->st >= 0)
        perr(p, at, "%s needs a word after it", "NOT");
    return r;
}

static struct qn *
parse_and(struct parser *p)
{
    struct qn *pos = qn_new(p, QN_AND), *negs = qn_new(p, QN_OR), *r, *an;
    size_t at;
    int neg;

    if (pos == NULL || negs == NULL)
        return NULL;
    for (;;) {
        skip_space(p);
        if (p->i >= p->len || p->st < 0 || p->s[p->i] == ')' ||
            at_op(p, "OR"))
            break;
        at = p->i;
        if (at_op(p, "AND")) {
            p->i += 3;
            if (pos->n_children == 0 && negs->n_children == 0) {
                perr(p, at, "%s needs a word before it", "AND");
                return NULL;
            }
            skip_space(p);
            if (p->i >= p->len || p->s[p->i] == ')' || at_op(p, "OR") ||
                at_op(p, "AND")) {
                perr(p, at, "%s needs a word after it", "AND");
                return NULL;
            }
            continue;
        }
        if (at_op(p, "NEAR")) {
            perr(p, at, "%s needs a word before it", "NEAR");
            return NULL;
        }
        r = parse_unary(p, &neg);
        if (p->st < 0)
            return NULL;
        if (r == NULL) {
            /* Punctuation only: nothing to search for. */
            if (p->i == at)
                p->i++;
            continue;
        }
        qn_add(neg ? negs : pos, r);
    }
    if (negs->n_children == 0)
        return pos->n_children == 1 ? pos->first
             : pos->n_children ? pos : NULL;
    if (pos->n_children == 0)
        qn_add(pos, qn_new(p, QN_ALL));
    if ((an = qn_new(p, QN_AND_NOT)) == NULL)
        return NULL;
    qn_add(an, pos->n_children == 1 ? pos->first : pos);
    qn_add(an, negs);
    return an;
}

static struct qn *
parse_expr(struct parser *p)
{
    struct qn *left = parse_and(p), *or = NULL, *right;
    size_t at;

    for (;;) {
        skip_space(p);
        if (p->st < 0 || !at_op(p, "OR"))
            break;
        at = p->i;
        p->i += 2;
        if (left == NULL) {
            perr(p, at, "%s needs a word before it", "OR");
            return NULL;
        }
        right = parse_and(p);
        if (p->st < 0)
            return NULL;
        if (right == NULL) {
            perr(p, at, "%s needs a word after it", "OR");
            return NULL;
        }
        if (or == NULL) {
            if ((or = qn_new(p, QN_OR)) == NULL)
                return NULL;
            qn_add(or, left);
        }
        qn_add(or, right);
    }
    return or ? or : left;
}

/* Append the postfix form of N to the query's node array. */
static void
emit(struct pcx_qnode *nodes, struct qn *n, size_t *k)
{
    static const enum pcx_op ops[] = {
        PCX_TERM, PCX_BOOLEAN, PCX_WILDCARD, PCX_ALL, PCX_NOTHING,
        PCX_VALUE_RANGE, PCX_AND, PCX_OR, PCX_AND_NOT, PCX_PHRASE, PCX_NEAR,
        PCX_SYNONYM, PCX_SCALE
    };
    struct pcx_qnode *x;
    struct qn *c;

    for (c = n->first; c != NULL; c = c->next)
        emit(nodes, c, k);
    x = &nodes[(*k)++];
    memset(x, 0, sizeof(*x));
    x->op = ops[n->kind];
    x->term = n->term;
    x->term_len = n->term_len;
    x->term2 = n->term2;
    x->term2_len = n->term2 ? strlen(n->term2) : 0;
    x->slot = n->slot;
    x->n_children = n->n_children;
    x->window = n->window;
    x->every = n->every;
    x->factor = n->factor;
}

/* The widened form of ROOT: when ROOT is an AND of two or more words
 * or phrases (and filters), the OR of those words filtered by the
 * same filters, so a query whose words no record holds all of still
 * finds the records holding most.  NULL when ROOT is anything else. */
static struct qn *
widen(struct parser *p, struct qn *root)
{
    struct qn *or, *filter, *c, *copy;
    unsigned n_words = 0;

    if (root->kind != QN_AND)
        return NULL;
    for (c = root->first; c != NULL; c = c->next) {
        if (c->kind == QN_TERM || c->kind == QN_PHRASE ||
            c->kind == QN_WILDCARD || c->readings)
            n_words++;
        else if (c->kind != QN_BOOLEAN && c->kind != QN_RANGE)
            return NULL;
    }
    if (n_words < 2)
        return NULL;
    if ((or = qn_new(p, QN_OR)) == NULL ||
        (filter = qn_new(p, QN_AND)) == NULL)
        return NULL;
    /* Copies: a node has one sibling link. */
    for (c = root->first; c != NULL; c = c->next) {
        if ((copy = qn_new(p, c->kind)) == NULL)
            return NULL;
        *copy = *c;
        copy->next = NULL;
        qn_add(c->kind == QN_BOOLEAN || c->kind == QN_RANGE ? filter : or,
               copy);
    }
    if (filter->n_children == 0)
        return or;
    /* AND of the OR and the filters: the filters weigh nothing. */
    filter->first = NULL;
    filter->last = NULL;
    filter->n_children = 0;
    qn_add(filter, or);
    for (c = root->first; c != NULL; c = c->next) {
        if (c->kind != QN_BOOLEAN && c->kind != QN_RANGE)
            continue;
        if ((copy = qn_new(p, c->kind)) == NULL)
            return NULL;
        *copy = *c;
        copy->next = NULL;
        qn_add(filter, copy);
    }
    return filter;
}

/* Refuse, with its column, a checked phrase (one that left function
 * words out, or =word) in N, which sits under OR or on the dropped side
 * of a NOT: the check (phrase.c) runs as a match decider on whole
 * records, so it cannot tell which branch of an OR matched, and Xapian's
 * looser reading alone would match records that do not hold the
 * phrase (or, under NOT, drop records that do not). */
static void
forbid_checks(struct parser *p, const struct qn *n)
{
    const struct qn *c;

    if (p->st < 0)
        return;
    if (n->check_len > 0) {
        perr(p, n->check_at > 0 ? n->check_at - 1 : 0, "%s",
             "a phrase with common words (or =word) must be in every "
             "match: it cannot be under OR or NOT");
        return;
    }
    for (c = n->first; c != NULL; c = c->next)
        forbid_checks(p, c);
}

/* Add the checks of the quoted phrases every match of N must hold: N
 * itself, the operands of an AND, the kept side of a NOT; refuse those
 * elsewhere (forbid_checks). */
static void
required_checks(struct parser *p, const struct qn *n)
{
    const struct qn *c;

    if (p->st < 0)
        return;
    if (n->check_len > 0) {
        p->st = pc_phrase_check_add(p->q, p->s + n->check_at, n->check_len,
                                    n->check_exact);
        return;
    }
    if (n->kind == QN_AND) {
        for (c = n->first; c != NULL; c = c->next)
            required_checks(p, c);
    } else if (n->kind == QN_AND_NOT && n->first != NULL) {
        required_checks(p, n->first);
        for (c = n->first->next; c != NULL; c = c->next)
            forbid_checks(p, c);
    } else {
        for (c = n->first; c != NULL; c = c->next)
            forbid_checks(p, c);
    }
}

/* ROOT matching only the records of language LANG (the options'). */
static struct qn *
restrict_to(struct parser *p, struct qn *root, const char *lang)
{
    struct pc_buf b = PC_BUF_INIT;
    struct qn *and = root, *leaf;

    pc_term(&p->st, &b, PC_TERM_LANG, lang, strlen(lang));
    leaf = p->st >= 0 ? qn_leaf(p, QN_BOOLEAN, b.data, b.len) : NULL;
    pc_buf_free(&b);
    if (leaf == NULL)
        return NULL;
    if (root->kind != QN_AND && (and = qn_new(p, QN_AND)) != NULL)
        qn_add(and, root);
    qn_add(and, leaf);
    return and;
}

static size_t
count_nodes(const struct qn *n)
{
    size_t k = 1;
    const struct qn *c;

    for (c = n->first; c != NULL; c = c->next)
        k += count_nodes(c);
    return k;
}

/* ---- the entry point --------------------------------------------------- */

/* The offset of the first byte of S (LEN bytes) that is not valid
 * UTF-8, or (size_t)-1. */
static size_t
not_utf8(const char *s, size_t len)
{
    size_t i = 0, n;
    uint32_t cp;

    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if ((n = pc_utf8_decode(s + i, len - i, &cp)) == 0)
            return i;
        i += n;
    }
    return (size_t)-1;
}

pilcrow_status
pc_query_parse(pilcrow_query *q)
{
    pilcrow_db *db = q->db;
    pilcrow_status st;
    struct parser p;
    struct qn *wide;
    size_t k, bad;

    memset(&p, 0, sizeof(p));
    p.q = q;
    p.s = q->text;
    p.len = strlen(q->text);
    p.st = PILCROW_OK;
    if (p.len > PILCROW_QUERY_MAX_BYTES)
        perr(&p, PILCROW_QUERY_MAX_BYTES, "query longer than %s bytes",
             PC_STR(PILCROW_QUERY_MAX_BYTES));
    else if ((bad = not_utf8(p.s, p.len)) != (size_t)-1)
        /* Searched as it stands, "caf\xE9" would find "caf". */
        p.st = pc_db_error(db, PILCROW_BADQUERY,
                           "query is not UTF-8 at byte %zu", bad + 1);
    else
        q->root = parse_expr(&p);
    if (p.st >= 0 && q->root != NULL && q->restrict_lang != NULL)
        q->root = restrict_to(&p, q->root, q->restrict_lang);
    if (p.st >= 0 && q->root != NULL)
        required_checks(&p, q->root);
    skip_space(&p);
    if (p.st >= 0 && p.i < p.len && p.s[p.i] == ')')
        perr(&p, p.i, "unmatched '%s'", ")");
    if (p.st >= 0 && q->root == NULL)
        p.st = pc_db_error(db, PILCROW_BADQUERY,
                           p.n_stops ? "query has only common words "
                           "(such as 'the', 'of'), which are not indexed"
                           : p.len ? "query has no words to search for"
                           : "empty query");
    if (p.st < 0) {
        st = p.st;
        if (st == PILCROW_NOMEM)
            pc_db_error(db, st, "out of memory");
        return st;
    }
    q->n_nodes = count_nodes(q->root);
    if ((q->nodes = pc_calloc(q->n_nodes, sizeof(*q->nodes))) == NULL)
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    k = 0;
    emit(q->nodes, q->root, &k);
    /* The widened query runs with no checks: a checked phrase in it
     * would match as Xapian reads it. */
    wide = q->n_checks > 0 ? NULL : widen(&p, q->root);
    if (p.st < 0)
        return pc_db_error(db, p.st, "out of memory");
    if (wide != NULL) {
        q->n_wide = count_nodes(wide);
        if ((q->wide = pc_calloc(q->n_wide, sizeof(*q->wide))) == NULL)
            return pc_db_error(db, PILCROW_NOMEM, "out of memory");
        k = 0;
        emit(q->wide, wide, &k);
    }
    return PILCROW_OK;
}
