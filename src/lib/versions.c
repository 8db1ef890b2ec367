/*
 * versions.c - the versions of a document: the documents of one base
 * symbol are one family (S/2025/71, S/2025/71/Rev.1, .../Corr.1,
 * .../Add.1), and a search shows the latest text of each.
 *
 * The rule ("latest"): a revision replaces the whole text it revises,
 * so within one family and one language
 *  - S/2025/71/Rev.N supersedes the original and every Rev.M, M < N;
 *  - a corrigendum belongs to the text it corrects (S/2025/71/Corr.1
 *    to the original, S/2025/71/Rev.1/Corr.1 to Rev.1): it is hidden
 *    with that text, and shown while that text is the latest;
 *  - an addendum is a text of its own, never superseded by a revision
 *    of its base: S/2025/71/Add.1 is superseded only by
 *    S/2025/71/Add.1/Rev.1.
 * A document of another language is never superseded by a revision it
 * does not have: the French original stays the latest French text
 * while only the English Rev.1 is indexed.
 *
 * Index side: the first record of a revision carries an R term, the
 * symbol in capitals (terms.c), so that a search finds the lines that
 * have revisions from a short term list.  Query side: the records of
 * the superseded documents are left out inside Xapian's match (an
 * AND_NOT of their D terms), so totals and ranks count the latest texts
 * only.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query-int.h"
#include "shim.h"

/* At most this many documents of one line are read. */
#define PC_MAX_LINE_DOCS 256
/* At most this many superseded documents are left out of a query. */
#define PC_MAX_SUPERSEDED 4096

/* Is the component of N bytes at C the version KIND ("Rev.", "Corr.",
 * "Add.") followed by digits?  Returns the number, else 0. */
static unsigned
version_number(const char *c, size_t n, const char *kind)
{
    size_t k = strlen(kind), i;
    unsigned v = 0;

    if (n <= k || strncasecmp(c, kind, k) != 0)
        return 0;
    for (i = k; i < n; i++) {
        if (!isdigit((unsigned char)c[i]))
            return 0;
        if (v < 100000)
            v = v * 10 + (unsigned)(c[i] - '0');
    }
    return v;
}

void
pc_version_line(const char *sym, size_t len, size_t *line_len,
               unsigned *rev)
{
    size_t end = len, start;
    unsigned n;

    /* Trailing corrigenda belong to the text they correct. */
    for (;;) {
        for (start = end; start > 0 && sym[start - 1] != '/'; start--)
            ;
        if (start == 0 || version_number(sym + start, end - start,
                                         "Corr.") == 0)
            break;
        end = start - 1;
    }
    *line_len = end;
    *rev = 0;
    if (start > 0 &&
        (n = version_number(sym + start, end - start, "Rev.")) > 0) {
        *line_len = start - 1;
        *rev = n;
    }
}

/* ---- the superseded documents --------------------------------------- */

struct lines {
    struct pc_buf names;        /* lines in capitals, NUL-terminated */
    size_t n;
    pilcrow_status st;
};

/* pcx_kv_fn over the R terms: collect each one's line. */
static int
collect_line(const char *key, size_t key_len, const char *val,
             size_t val_len, void *payload)
{
    struct lines *l = payload;
    size_t line_len, i, off;
    unsigned rev;

    (void)val;
    (void)val_len;
    if (key_len < 2)
        return 0;
    key++;
    key_len--;
    pc_version_line(key, pc_symbol_first_len(key) < key_len ?
                   pc_symbol_first_len(key) : key_len, &line_len, &rev);
    if (rev == 0 || line_len == 0)
        return 0;
    for (i = off = 0; i < l->n; i++) {      /* R terms are sorted */
        size_t n = strlen(l->names.data + off);
        if (n == line_len && memcmp(l->names.data + off, key, n) == 0)
            return 0;
        off += n + 1;
    }
    pc_buf_append(&l->st, &l->names, key, line_len);
    pc_buf_putc(&l->st, &l->names, '\0');
    l->n++;
    return l->st < 0;
}

/* The V terms of one line's documents: LINE, and LINE followed by
 * "/" whose line (less its revision and corrigenda) is LINE. */
struct line_terms {
    const char *line;
    size_t line_len;
    struct pc_buf terms;        /* V terms, NUL-terminated */
    size_t n;
    pilcrow_status st;
};

static int
collect_member(const char *key, size_t key_len, const char *val,
               size_t val_len, void *payload)
{
    struct line_terms *t = payload;
    size_t first, line_len;
    unsigned rev;

    (void)val;
    (void)val_len;
    first = pc_symbol_first_len(key + 1);
    if (first > key_len - 1)
        first = key_len - 1;
    pc_version_line(key + 1, first, &line_len, &rev);
    if (line_len != t->line_len ||
        memcmp(key + 1, t->line, line_len) != 0 ||
        t->n >= PC_MAX_LINE_DOCS)
        return 0;
    pc_buf_append(&t->st, &t->terms, key, key_len);
    pc_buf_putc(&t->st, &t->terms, '\0');
    t->n++;
    return t->st < 0;
}

/* One document of a line. */
struct member {
    const char *doc, *language;
    unsigned rev;
};

/* Append to OUT (NUL-terminated D terms, *N_OUT of them) the
 * superseded documents of line LINE (LEN bytes, capitals).  Returns a
 * status with DB's message set on failure. */
static pilcrow_status
line_superseded(pilcrow_db *db, const char *line, size_t len,
                struct pc_buf *out, size_t *n_out)
{
    struct line_terms t;
    struct pcx_qnode *nodes = NULL;
    struct pcx_result res = { NULL, 0, 0, 0 };
    struct member *m = NULL;
    struct pc_arena arena;
    struct pc_buf prefix = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;
    size_t i, j, off, n = 0, sl;

    memset(&t, 0, sizeof(t));
    memset(&arena, 0, sizeof(arena));
    t.line = line;
    t.line_len = len;
    pc_buf_putc(&st, &prefix, PC_TERM_VERSION);
    pc_buf_append(&st, &prefix, line, len);
    if (st < 0)
        goto nomem;
    if ((st = pcx_db_terms_each(db->x, prefix.data, collect_member,
                                &t)) < 0) {
        st = pc_db_shim_error(db, st);
        goto done;
    }
    if ((st = t.st) < 0)
        goto nomem;
    if (t.n < 2)
        goto done;
    /* The first record of each document: its id and language. */
    if ((nodes = pc_calloc(t.n + 1, sizeof(*nodes))) == NULL)
        goto nomem;
    for (i = off = 0; i < t.n; i++) {
        nodes[i].op = PCX_BOOLEAN;
        nodes[i].term = t.terms.data + off;
        nodes[i].term_len = strlen(t.terms.data + off);
        off += nodes[i].term_len + 1;
    }
    nodes[t.n].op = PCX_OR;
    nodes[t.n].n_children = (unsigned)t.n;
    st = pcx_query_run(db->x, nodes, t.n + 1, 0, PC_MAX_LINE_DOCS, 0, NULL,
                       NULL, &res);
    if (st < 0) {
        st = pc_db_shim_error(db, st);
        goto done;
    }
    if (res.n_matches == 0)
        goto done;
    if ((m = pc_calloc(res.n_matches, sizeof(*m))) == NULL)
        goto nomem;
    for (i = 0; i < res.n_matches; i++) {
        struct pilcrow_record r;
        size_t ll;

        memset(&r, 0, sizeof(r));
        if ((st = pc_record_load(db, &r, &arena, res.matches[i].data,
                                 res.matches[i].data_len, PC_LOAD_CITE,
                                 NULL)) < 0)
            goto done;
        if (r.symbol == NULL)
            continue;
        sl = pc_symbol_first_len(r.symbol);
        m[n].doc = r.doc;
        m[n].language = r.language;
        pc_version_line(r.symbol, sl, &ll, &m[n].rev);
        n++;
    }
    /* A document is superseded by a later revision in its language. */
    for (i = 0; i < n; i++) {
        for (j = 0; j < n; j++)
            if (m[j].rev > m[i].rev &&
                strcmp(m[j].language, m[i].language) == 0)
                break;
        if (j == n || *n_out >= PC_MAX_SUPERSEDED)
            continue;
        pc_doc_term(&st, out, m[i].doc);
        pc_buf_putc(&st, out, '\0');
        if (st < 0)
            goto nomem;
        (*n_out)++;
    }
    goto done;
nomem:
    st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
done:
    pcx_result_free(&res);
    pc_free(nodes);
    pc_free(m);
    pc_arena_free(&arena);
    pc_buf_free(&prefix);
    pc_buf_free(&t.terms);
    return st;
}

/* The superseded documents, read from the index (see below). */
static pilcrow_status
read_superseded(pilcrow_db *db, struct pc_buf *out, size_t *n_out)
{
    struct lines l;
    char prefix[2] = { PC_TERM_REVISION, '\0' };
    pilcrow_status st;
    size_t i, off;

    *n_out = 0;
    memset(&l, 0, sizeof(l));
    if ((st = pcx_db_terms_each(db->x, prefix, collect_line, &l)) < 0) {
        pc_buf_free(&l.names);
        return pc_db_shim_error(db, st);
    }
    if (l.st < 0) {
        pc_buf_free(&l.names);
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    }
    for (i = off = 0, st = PILCROW_OK; i < l.n && st >= 0; i++) {
        size_t n = strlen(l.names.data + off);
        st = line_superseded(db, l.names.data + off, n, out, n_out);
        off += n + 1;
    }
    pc_buf_free(&l.names);
    return st;
}

/* A read-only handle reads them once an index generation (a query asks
 * for them every time: over the six languages of the UN Parallel
 * Corpus dev set, reading them was 44% of a batch of queries); a writer
 * reads them every time, its own writes changing them. */
pilcrow_status
pc_versions_superseded(pilcrow_db *db, struct pc_buf *out, size_t *n_out)
{
    pilcrow_status st = PILCROW_OK;
    uint64_t gen = pcx_db_generation(db->x) + 1;

    if (db->flags & PILCROW_OPEN_WRITE)
        return read_superseded(db, out, n_out);
    if (db->superseded_gen != gen) {
        pc_buf_reset(&db->superseded);
        if ((st = read_superseded(db, &db->superseded,
                                  &db->n_superseded)) < 0) {
            db->superseded_gen = 0;
            return st;
        }
        db->superseded_gen = gen;
    }
    *n_out = db->n_superseded;
    pc_buf_append(&st, out, db->superseded.data ? db->superseded.data : "",
                  db->superseded.len);
    if (st < 0)
        return pc_db_error(db, PILCROW_NOMEM, "out of memory");
    return PILCROW_OK;
}

/* ---- the versions of a hit's document -------------------------------- */

struct family_terms {
    const char *family;         /* capitals */
    size_t len;
    struct pc_buf syms;         /* symbols, capitals, NUL-terminated */
    size_t n;
    pilcrow_status st;
};

/* Is the first part of SYM (LEN bytes) FAMILY, or FAMILY followed by
 * version components only? */
static int
of_family(const char *sym, size_t len, const char *family, size_t flen)
{
    const char *c, *slash;

    if (len < flen || strncasecmp(sym, family, flen) != 0)
        return 0;
    if (len == flen)
        return 1;
    if (sym[flen] != '/')
        return 0;
    for (c = sym + flen + 1; c < sym + len; c = slash + 1) {
        size_t n;
        slash = memchr(c, '/', (size_t)(sym + len - c));
        if (slash == NULL)
            slash = sym + len;
        n = (size_t)(slash - c);
        if (version_number(c, n, "Rev.") == 0 &&
            version_number(c, n, "Corr.") == 0 &&
            version_number(c, n, "Add.") == 0)
            return 0;
        if (slash == sym + len)
            break;
    }
    return 1;
}

static int
collect_family(const char *key, size_t key_len, const char *val,
               size_t val_len, void *payload)
{
    struct family_terms *f = payload;
    size_t first, i, off;

    (void)val;
    (void)val_len;
    first = pc_symbol_first_len(key + 1);
    if (first > key_len - 1)
        first = key_len - 1;
    if (!of_family(key + 1, first, f->family, f->len) || f->n >= 64)
        return 0;
    for (i = off = 0; i < f->n; i++) {
        size_t n = strlen(f->syms.data + off);
        if (n == first && memcmp(f->syms.data + off, key + 1, n) == 0)
            return 0;
        off += n + 1;
    }
    pc_buf_append(&f->st, &f->syms, key + 1, first);
    pc_buf_putc(&f->st, &f->syms, '\0');
    f->n++;
    return f->st < 0;
}

/* strcmp() with runs of digits compared as numbers: Rev.2 < Rev.10. */
static int
natural_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;

    while (*x && *y) {
        if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
            char *ex, *ey;
            unsigned long nx = strtoul(x, &ex, 10), ny = strtoul(y, &ey, 10);
            if (nx != ny)
                return nx < ny ? -1 : 1;
            x = ex;
            y = ey;
            continue;
        }
        if (*x != *y)
            return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
        x++;
        y++;
    }
    return *x ? 1 : *y ? -1 : 0;
}

/* Append to B the symbol SYM (capitals, as its V term holds it) as the
 * UN writes it: FAMILY as the document wrote it, then its version
 * components "Rev.1", "Corr.1", "Add.1". */
static void
put_symbol(pilcrow_status *st, struct pc_buf *b, const char *sym,
           const char *family, size_t flen)
{
    const char *c = sym + flen;
    size_t k, i;

    pc_buf_append(st, b, family, flen);
    while (*c) {
        pc_buf_putc(st, b, *c);
        if (*c++ != '/')
            continue;
        for (k = 0; isalpha((unsigned char)c[k]); k++)
            ;
        if (k < 2 || c[k] != '.')
            continue;
        pc_buf_putc(st, b, c[0]);          /* "REV." is "Rev." */
        for (i = 1; i < k; i++)
            pc_buf_putc(st, b, (char)tolower((unsigned char)c[i]));
        c += k;
    }
    pc_buf_putc(st, b, '\0');
}

pilcrow_status
pc_versions_of(pilcrow_db *db, const struct pilcrow_record *r,
               struct pc_arena *a, const char ***out, size_t *n_out)
{
    struct family_terms f;
    struct pc_buf prefix = PC_BUF_INIT, fam = PC_BUF_INIT,
                  written = PC_BUF_INIT;
    const char *family, **list = NULL;
    pilcrow_status st = PILCROW_OK;
    size_t i, off, flen;

    *out = NULL;
    *n_out = 0;
    family = r->meta[PILCROW_META_BASE] ? r->meta[PILCROW_META_BASE]
                                        : r->symbol;
    if (family == NULL || *family == '\0')
        return PILCROW_OK;
    flen = pc_symbol_first_len(family);
    memset(&f, 0, sizeof(f));
    pc_version_term(&st, &fam, family);   /* V + capitals */
    if (st < 0 || fam.len < flen + 1)
        goto nomem;
    f.family = fam.data + 1;
    f.len = flen;
    pc_buf_append(&st, &prefix, fam.data, flen + 1);
    if (st < 0)
        goto nomem;
    if ((st = pcx_db_terms_each(db->x, prefix.data, collect_family,
                                &f)) < 0) {
        st = pc_db_shim_error(db, st);
        goto done;
    }
    if ((st = f.st) < 0)
        goto nomem;
    if (f.n < 2)
        goto done;
    list = pc_arena_alloc(&st, a, f.n * sizeof(*list));
    for (i = off = 0; st >= 0 && i < f.n; i++) {
        size_t n = strlen(f.syms.data + off);
        pc_buf_reset(&written);
        put_symbol(&st, &written, f.syms.data + off, family, flen);
        if (st >= 0)
            list[i] = pc_arena_strndup(&st, a, written.data,
                                       written.len - 1);
        off += n + 1;
    }
    if (st < 0)
        goto nomem;
    qsort(list, f.n, sizeof(*list), natural_cmp);
    *out = list;
    *n_out = f.n;
    goto done;
nomem:
    st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
done:
    pc_buf_free(&prefix);
    pc_buf_free(&fam);
    pc_buf_free(&written);
    pc_buf_free(&f.syms);
    return st;
}
