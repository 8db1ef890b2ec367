/*
 * query.c - the query language, ranking and result sets.
 *
 * Query text is parsed by recursive descent into a small tree:
 *
 *   expr    := and ( "OR" and )*
 *   and     := unary ( ["AND"] unary | "NOT" unary )*
 *   unary   := ("-" | "NOT") primary | near
 *   near    := primary ( "NEAR" primary )*       NEAR/N sets the window
 *   primary := "(" expr ")" | '"' words '"' | field ":" value
 *            | word "*" | word
 *
 * Words and phrases go through pc_analyze(), the same pipeline as the
 * documents, so "Governments'" finds "governments" and 49/127 finds the
 * resolution.  A word that analyses into several tokens
 * ("cross-sectoral") is a phrase.  Unclosed quotes and parentheses are
 * read as closed at the end; an operator with nothing to apply to, an
 * unmatched ")" or an unknown field is rejected with its column.
 *
 * Ranking: Xapian's BM25 gives the candidates, with the words of a
 * record's section heading and document title weighing more (folded
 * into the index's term frequencies); the best of them are reranked in
 * C with what makes a paragraph the right answer: the share of the
 * query's terms it holds and how close together they are.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow-private.h"
#include "shim.h"

/* Default snippet length in bytes (about two lines). */
#define SNIPPET_DEFAULT 220
/* Candidates reranked beyond the page asked for. */
#define RERANK_EXTRA 10
/* Default NEAR window, in words. */
#define NEAR_DEFAULT 10

/* ---- the query tree --------------------------------------------------- */

enum qn_kind {
    QN_TERM, QN_BOOLEAN, QN_WILDCARD, QN_ALL, QN_NOTHING, QN_RANGE,
    QN_AND, QN_OR, QN_AND_NOT, QN_PHRASE, QN_NEAR
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
    struct qn *first, *last;   /* children */
    struct qn *next;           /* sibling */
    unsigned n_children;
};

/* A word of the query text as typed, for spelling suggestions. */
struct qword {
    size_t start, end;         /* byte span in the query text */
    const char *term;          /* its index term */
    size_t term_len;
};

struct pilcrow_query {
    struct pc_node node;       /* in the db's children */
    pilcrow_db *db;
    struct pc_arena arena;     /* tree, terms, copies */
    char *text;                /* the query text */
    struct pc_analyzer *an;
    size_t snippet_bytes;
    const char *hl_start, *hl_end;
    struct qn *root;
    struct pcx_qnode *nodes;   /* the tree in postfix, for the shim */
    size_t n_nodes;
    struct pcx_qnode *wide;    /* the words ORed, when no record holds
                                * them all; NULL if not widenable */
    size_t n_wide;
    struct pc_qterm *terms;    /* positive terms, for highlights */
    size_t n_terms, cap_terms;
    int beyond_text;           /* a record can match with none of TERMS
                                * in its text (a symbol's X term) */
    struct qword *words;       /* plain words, for suggestions */
    size_t n_words, cap_words;
    struct pc_node hits;       /* sentinel of the live result sets */
};

/* One hit of a result set. */
struct hit {
    double score;
    struct pilcrow_record rec;
    const char *snippet;       /* in the hits' arena */
    size_t snippet_len;
    size_t *spans;             /* pc_malloc'd, 2 a span */
    size_t n_spans;
    struct pc_match *m;        /* matched words of the text, found
                                * once for rerank and snippet; arena */
    size_t n_m;
    const char *data;          /* the stored record, while running */
    size_t data_len;
};

struct pilcrow_hits {
    struct pc_node node;       /* in the query's hits */
    pilcrow_query *q;
    struct pc_arena arena;     /* records, snippets */
    struct hit *hits;          /* pc_malloc'd */
    size_t n_hits;
    size_t cur;                /* 1-based after the first next */
    size_t offset;
    uint64_t total;
    int partial;               /* the widened query answered */
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
    if (p->st < 0)
        return;
    if (q->n_terms == q->cap_terms) {
        size_t cap = q->cap_terms ? q->cap_terms * 2 : 8;
        t = pc_reallocarray(q->terms, cap, sizeof(*t));
        if (t == NULL) {
            p->st = PILCROW_NOMEM;
            return;
        }
        q->terms = t;
        q->cap_terms = cap;
    }
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

    if (tok->is_stop) {
        /* Not indexed: left out, its position kept as a gap. */
        c->n_stops++;
        return 0;
    }
    if (c->first_pos == 0)
        c->first_pos = tok->pos;
    c->last_pos = tok->pos;
    leaf = qn_leaf(p, QN_TERM, tok->term, tok->term_len);
    if (leaf == NULL)
        return 1;
    qn_add(c->phrase, leaf);
    add_qterm(p, tok->term, tok->term_len, 0);
    if (c->record_words && !tok->is_symbol && p->st >= 0) {
        if (q->n_words == q->cap_words) {
            size_t cap = q->cap_words ? q->cap_words * 2 : 8;
            struct qword *w = pc_reallocarray(q->words, cap, sizeof(*w));
            if (w == NULL) {
                p->st = PILCROW_NOMEM;
                return 1;
            }
            q->words = w;
            q->cap_words = cap;
        }
        q->words[q->n_words].start = c->base + tok->start;
        q->words[q->n_words].end = c->base + tok->end;
        q->words[q->n_words].term = leaf->term;
        q->words[q->n_words].term_len = leaf->term_len;
        q->n_words++;
    }
    return p->st < 0;
}

/* Analyse the N bytes at the current position as a phrase (or a single
 * term).  Returns the node, or NULL when the text holds no word (then
 * *EMPTY is set) or on error. */
static struct qn *
analyse_text(struct parser *p, size_t start, size_t n, int record_words,
             int *empty)
{
    struct collect c;
    struct qn *ph = qn_new(p, QN_PHRASE);
    pilcrow_status st;

    *empty = 0;
    if (ph == NULL)
        return NULL;
    c.p = p;
    c.phrase = ph;
    c.base = start;
    c.record_words = record_words;
    c.first_pos = c.last_pos = 0;
    c.n_stops = 0;
    st = pc_analyze(p->q->an, p->s + start, n, collect_token, &c);
    p->n_stops += c.n_stops;
    if (st < 0 && p->st >= 0)
        p->st = st;
    if (p->st < 0)
        return NULL;
    if (ph->n_children == 0) {
        *empty = 1;
        return NULL;
    }
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
    return ph;
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

/* year:YYYY or year:YYYY..YYYY. */
static struct qn *
year_filter(struct parser *p, const struct pc_field *f, const char *v,
            size_t len, size_t at)
{
    char lo[16], hi[16];
    int y1, y2, used = 0;
    struct qn *n;

    if (sscanf(v, "%4d..%4d%n", &y1, &y2, &used) == 2 &&
        (size_t)used == len) {
        snprintf(lo, sizeof(lo), "%04d0101", y1);
        snprintf(hi, sizeof(hi), "%04d1231", y2);
        if ((n = qn_new(p, QN_RANGE)) != NULL) {
            n->slot = PC_SLOT_DATE;
            n->term = pc_arena_strdup(&p->st, &p->q->arena, lo);
            n->term_len = 8;
            n->term2 = pc_arena_strdup(&p->st, &p->q->arena, hi);
        }
        return n;
    }
    if (sscanf(v, "%4d%n", &y1, &used) == 1 && (size_t)used == len &&
        len == 4)
        return filter_leaf(p, f, v, len);
    perr(p, at, "year: must be YYYY or YYYY..YYYY", NULL);
    return NULL;
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
    if (p->s[p->i] == '"') {
        const char *end;
        p->i++;
        end = memchr(p->s + p->i, '"', p->len - p->i);
        n = end ? (size_t)(end - (p->s + p->i)) : p->len - p->i;
        r = analyse_text(p, p->i, n, 0, &empty);
        p->i += n + (end != NULL);
        return r;
    }
    n = word_len(p);
    if (n == 0)
        return NULL;
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

static struct qn *
parse_near(struct parser *p)
{
    struct qn *left = parse_primary(p), *near = NULL, *right;
    size_t at;

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
            if ((near = qn_new(p, QN_NEAR)) == NULL)
                return NULL;
            near->window = NEAR_DEFAULT;
            qn_add(near, left);
        }
        if (word_len(p) > 5)
            near->window = (unsigned)strtoul(p->s + p->i + 5, NULL, 10);
        if (near->window == 0)
            near->window = NEAR_DEFAULT;
        p->i += word_len(p);
        right = parse_primary(p);
        if (right == NULL) {
            perr(p, at, "%s needs a word after it", "NEAR");
            return NULL;
        }
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
        PCX_VALUE_RANGE, PCX_AND, PCX_OR, PCX_AND_NOT, PCX_PHRASE, PCX_NEAR
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
            c->kind == QN_WILDCARD)
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

static size_t
count_nodes(const struct qn *n)
{
    size_t k = 1;
    const struct qn *c;

    for (c = n->first; c != NULL; c = c->next)
        k += count_nodes(c);
    return k;
}

/* ---- query objects ---------------------------------------------------- */

static void
hits_release(struct pc_node *node)
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

    while (q->hits.next != &q->hits) {
        struct pc_node *n = q->hits.next;
        pc_db_disown(n);
        n->release(n);
    }
    pc_free(q->nodes);
    pc_free(q->wide);
    pc_free(q->terms);
    pc_free(q->words);
    pc_arena_free(&q->arena);
    pc_free(q);
}

pilcrow_status
pilcrow_query_new(pilcrow_query **out, pilcrow_db *db, const char *text,
                  const pilcrow_query_options *opts)
{
    pilcrow_query_options o = PILCROW_QUERY_OPTIONS_INIT;
    struct parser p;
    pilcrow_query *q;
    pilcrow_status st = PILCROW_OK;
    struct qn *wide;
    size_t k;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || db == NULL || text == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if (opts != NULL) {
        if (opts->version != PILCROW_QUERY_OPTIONS_VERSION)
            return pc_db_error(db, PILCROW_INVALID,
                               "unknown query options version %u",
                               opts->version);
        o = *opts;
    }
    if ((q = pc_calloc(1, sizeof(*q))) == NULL)
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    q->db = db;
    q->hits.next = q->hits.prev = &q->hits;
    q->node.release = query_release;
    q->snippet_bytes = o.snippet_bytes ? o.snippet_bytes : SNIPPET_DEFAULT;
    q->text = pc_arena_strdup(&st, &q->arena, text);
    q->hl_start = pc_arena_strdup(&st, &q->arena, o.hl_start ? o.hl_start : "[");
    q->hl_end = pc_arena_strdup(&st, &q->arena, o.hl_end ? o.hl_end : "]");
    if (st < 0) {
        st = pc_db_error(db, st, "out of memory");
        goto fail;
    }
    if ((q->an = pc_db_analyzer(db, o.language ? o.language : "en", &st))
        == NULL)
        goto fail;

    memset(&p, 0, sizeof(p));
    p.q = q;
    p.s = q->text;
    p.len = strlen(q->text);
    p.st = PILCROW_OK;
    if (p.len > PILCROW_QUERY_MAX_BYTES)
        perr(&p, PILCROW_QUERY_MAX_BYTES, "query longer than %s bytes",
             PC_STR(PILCROW_QUERY_MAX_BYTES));
    else
        q->root = parse_expr(&p);
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
        goto fail;
    }
    q->n_nodes = count_nodes(q->root);
    if ((q->nodes = pc_calloc(q->n_nodes, sizeof(*q->nodes))) == NULL) {
        st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
        goto fail;
    }
    k = 0;
    emit(q->nodes, q->root, &k);
    wide = widen(&p, q->root);
    if (p.st < 0) {
        st = pc_db_error(db, p.st, "out of memory");
        goto fail;
    }
    if (wide != NULL) {
        q->n_wide = count_nodes(wide);
        if ((q->wide = pc_calloc(q->n_wide, sizeof(*q->wide))) == NULL) {
            st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
            goto fail;
        }
        k = 0;
        emit(q->wide, wide, &k);
    }
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
    if (q == NULL)
        return;
    pc_db_disown(&q->node);
    query_release(&q->node);
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

static unsigned
count_distinct(const struct pc_match *m, size_t n)
{
    uint64_t seen = 0;
    unsigned got = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        uint64_t bit = (uint64_t)1 << (m[i].which < 63 ? m[i].which : 63);
        if (!(seen & bit)) {
            seen |= bit;
            got++;
        }
    }
    return got;
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
    pilcrow_status st;
    size_t n_m = 0;

    if ((st = pc_record_load(q->db, &x->rec, &h->arena, x->data,
                             x->data_len, PC_LOAD_TEXT, NULL)) < 0)
        return st;
    if (q->n_terms == 0)
        return PILCROW_OK;
    if ((st = pc_find_matches(q->an, x->rec.text, x->rec.text_len, q->terms,
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

pilcrow_status
pilcrow_query_run(pilcrow_hits **out, pilcrow_query *q, size_t offset,
                  size_t limit)
{
    struct pcx_result res = { NULL, 0, 0 };
    struct pc_match *m = NULL;
    size_t cap_m = 0, want, i, j;
    int rerank_text;
    pilcrow_db *db;
    pilcrow_hits *h;
    pilcrow_status st = PILCROW_OK;
    struct pc_buf b = PC_BUF_INIT;

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
    if ((h = pc_calloc(1, sizeof(*h))) == NULL)
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    h->q = q;
    h->offset = offset;
    h->node.release = hits_release;
    if (limit == 0)
        goto done;

    /* The rerank reads the candidates' texts for coverage and proximity;
     * with one plain word it need not: the word is in the text of every
     * record that matched, so only the page's texts are read, for the
     * snippets, and BM25's order is the rerank's (words of the section
     * heading and title weigh in through the index, see
     * PCX_HEADING_TF). */
    rerank_text = q->n_terms > 1 || q->beyond_text ||
                  (q->n_terms == 1 && q->terms[0].is_prefix);
    /* Candidates: the page, plus some to rerank into it when the rerank
     * can change BM25's order. */
    want = offset + limit + (rerank_text ? RERANK_EXTRA : 0);
    if ((st = pcx_query_run(db->x, q->nodes, q->n_nodes, 0, want,
                            want, &res)) < 0) {
        pc_db_shim_error(db, st);
        goto fail;
    }
    if (res.n_matches == 0 && res.estimate == 0 && q->wide != NULL) {
        /* No record holds every word: take those holding most. */
        pcx_result_free(&res);
        if ((st = pcx_query_run(db->x, q->wide, q->n_wide, 0, want, want,
                                &res)) < 0) {
            pc_db_shim_error(db, st);
            goto fail;
        }
        h->partial = res.n_matches > 0;
    }
    h->total = res.estimate;
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
        if (q->n_terms == 0)
            continue;
        if (rerank_text) {
            if ((st = hit_text(h, x, &m, &cap_m)) < 0)
                goto fail;
            distinct = count_distinct(x->m, x->n_m);
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
        if (st < 0) {
            pc_db_error(db, st, "out of memory");
            goto fail;
        }
    }
done:
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
    pc_free(m);
    pc_buf_free(&b);
    pcx_result_free(&res);
    hits_release(&h->node);
    return st;
}

/* ---- result accessors --------------------------------------------------- */

uint64_t
pilcrow_hits_total(const pilcrow_hits *hits)
{
    return hits ? hits->total : 0;
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

void
pilcrow_hits_free(pilcrow_hits *hits)
{
    if (hits == NULL)
        return;
    pc_db_disown(&hits->node);
    hits_release(&hits->node);
}

/* ---- spelling suggestions ----------------------------------------------- */

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
    const char *term;
    size_t len;
    unsigned max;
    struct candidate c[N_CANDIDATES];
    size_t n;
};

static int
close_term(const char *t, size_t t_len, const char *val, size_t val_len,
           void *payload)
{
    struct close_ctx *c = payload;
    unsigned long freq;
    unsigned d;
    size_t k;

    (void)val_len;
    /* Content terms only: prefixed filter terms start upper-case. */
    if (t_len == 0 || t_len >= sizeof(c->c[0].term) ||
        (t[0] >= 'A' && t[0] <= 'Z'))
        return 0;
    d = edit_distance(c->term, c->len, t, t_len, c->max);
    if (d > c->max || d == 0)
        return 0;
    freq = strtoul(val, NULL, 10);
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
    struct pcx_result res = { NULL, 0, 0 };
    struct pilcrow_record r;
    struct pc_arena a = PC_ARENA_INIT;
    struct surface_ctx c;
    pilcrow_status st;

    memset(&node, 0, sizeof(node));
    node.op = PCX_TERM;
    node.term = term;
    node.term_len = len;
    if ((st = pcx_query_run(q->db->x, &node, 1, 0, 1, 1, &res)) < 0)
        return pc_db_shim_error(q->db, st);
    c.term = term;
    c.len = len;
    c.typed = typed;
    c.typed_len = typed_len;
    c.best = ~0u;
    c.b = b;
    c.st = PILCROW_OK;
    memset(&r, 0, sizeof(r));
    if (res.n_matches > 0 &&
        pc_record_load(q->db, &r, &a, res.matches[0].data,
                       res.matches[0].data_len, PC_LOAD_TEXT, NULL) == PILCROW_OK)
        pc_analyze(q->an, r.text, r.text_len, surface_token, &c);
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
        memset(&c, 0, sizeof(c));
        c.term = w->term;
        c.len = w->term_len;
        c.max = w->term_len <= 4 ? 1 : 2;
        /* Candidates share the first byte (a common heuristic: first
         * letters are rarely mistyped). */
        memcpy(prefix, w->term, 1);
        prefix[1] = '\0';
        if ((st = pcx_db_terms_each(q->db->x, prefix, close_term, &c)) < 0) {
            pc_db_shim_error(q->db, st);
            break;
        }
        /* Of the close stems, the word as written closest to what was
         * typed: "migrnts" is "migrants", not the commoner
         * "migration". */
        best_dist = ~0u;
        pc_buf_reset(&word);
        pc_buf_reset(&typed);
        pc_fold(&st, &typed, q->text + w->start, w->end - w->start);
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
