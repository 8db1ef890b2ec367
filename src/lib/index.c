/*
 * index.c - records into Xapian documents (terms and layout in
 * doc/design.md, "Xapian layout"), incremental indexing of files, and
 * deletion and pruning of documents.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "pilcrow-private.h"
#include "shim.h"

/* Commit automatically after this many records: what a writer holds in
 * memory.  Smaller batches also index faster here (Xapian's flush):
 * synthetic corpus, 50 MB, one worker: 10,000 188 MB 46 s; 5,000
 * 101 MB 40 s; 2,500 57 MB 32-37 s (un-docs: 14.2 -> 13.3 s). */
#define PC_COMMIT_EVERY 2500

/* The same for a writer that does not wait for the disk (the shards of
 * a new index, compacted at the end): its commits cost no fsync, and
 * smaller batches keep Xapian's maps small.  User CPU, medians of 5
 * interleaved runs, 2015-17 debates: 2,500 2.27 s (32 MB), 1,000 1.97 s
 * (19 MB), 500 1.99 s, 250 2.01 s, 100 2.14 s; Chinese of the UN
 * Parallel Corpus dev set: 0.62 -> 0.53 s.  The index is the same
 * size, being compacted. */
#define PC_COMMIT_EVERY_NOSYNC 1000

/* ---- one record ------------------------------------------------------ */

/* Does TOK give an index term?  Stopwords and over-long terms do not. */
static int
indexed(const struct pc_token *tok)
{
    return !tok->is_stop && tok->term_len > 0 && tok->term_len <= PC_MAX_TERM;
}

/* State of the token callbacks below; each uses the members it names. */
struct posting_ctx {
    pcx_doc *xdoc;              /* add_posting, add_symbol_term */
    struct pc_buf *out;         /* collect_term: the terms collected */
    struct pc_buf *scratch;     /* add_symbol_term: a buffer to reuse */
    uint32_t n_words;           /* add_posting: postings added */
    pilcrow_status st;
};

/* Analyse the LEN bytes of TEXT with AN, calling FN with C.  Returns
 * C->st if FN failed, else pc_analyze's error or PILCROW_OK. */
static pilcrow_status
analyze(struct pc_analyzer *an, const char *text, size_t len,
        pc_token_fn *fn, struct posting_ctx *c)
{
    pilcrow_status st;

    c->st = PILCROW_OK;
    st = pc_analyze(an, text, len, fn, c);
    if (c->st < 0)
        return c->st;
    return st < 0 ? st : PILCROW_OK;
}

static int
add_posting(const struct pc_token *tok, void *payload)
{
    struct posting_ctx *c = payload;

    if (!indexed(tok))
        return 0;
    c->st = pcx_doc_add_posting(c->xdoc, tok->term, tok->term_len, tok->pos);
    c->n_words++;
    /* A CJK run's last character, alone, at the same position: not a
     * word more (n_words is the record's length). */
    if (tok->tail_len > 0 && c->st >= 0)
        c->st = pcx_doc_add_posting(c->xdoc,
                                    tok->term + tok->term_len - tok->tail_len,
                                    tok->tail_len, tok->pos);
    return c->st < 0;
}

/* Append each indexed term of a token, NUL-terminated, to C->OUT. */
static int
collect_term(const struct pc_token *tok, void *payload)
{
    struct posting_ctx *c = payload;

    if (!indexed(tok))
        return 0;
    pc_buf_append(&c->st, c->out, tok->term, tok->term_len);
    pc_buf_putc(&c->st, c->out, '\0');
    return c->st < 0;
}

/* OUT: the terms of TEXT (a heading or title) as analyser AN indexes
 * them, each NUL-terminated. */
static pilcrow_status
field_terms(struct pc_analyzer *an, const char *text, struct pc_buf *out)
{
    struct posting_ctx c = { NULL, NULL, NULL, 0, PILCROW_OK };

    pc_buf_reset(out);
    if (text == NULL || text[0] == '\0')
        return PILCROW_OK;
    c.out = out;
    return analyze(an, text, strlen(text), collect_term, &c);
}

/* Mark the terms of TERMS (as field_terms gives them) as words of
 * FIELD in XDOC. */
static pilcrow_status
mark_field(pcx_doc *xdoc, const struct pc_buf *terms, unsigned field)
{
    pilcrow_status st;
    size_t i, n;

    for (i = 0; i < terms->len; i += n + 1) {
        n = strlen(terms->data + i);
        if ((st = pcx_doc_mark_field(xdoc, terms->data + i, n, field)) < 0)
            return st;
    }
    return PILCROW_OK;
}

/* Add the term PREFIX + VALUE (hashed when too long) to XDOC: a
 * boolean term, or when WEIGHTED one occurrence of it, at position 1,
 * which no phrase reaches (phrases hold content terms only): it filters
 * as a boolean term does, and a query may also rank by it (a symbol
 * searched for, design.md "Citations"). */
static pilcrow_status
add_filter(pcx_doc *xdoc, struct pc_buf *scratch, char prefix,
           const char *value, size_t len, int weighted)
{
    pilcrow_status st = PILCROW_OK;

    pc_buf_reset(scratch);
    pc_term(&st, scratch, prefix, value, len);
    if (st < 0)
        return st;
    if (weighted)
        return pcx_doc_add_posting(xdoc, scratch->data, scratch->len, 1);
    return pcx_doc_add_boolean(xdoc, scratch->data, scratch->len);
}

/* Add to XDOC the boolean term query field FIELD matches for the LEN
 * bytes at V. */
static pilcrow_status
add_field(pcx_doc *xdoc, struct pc_buf *scratch, const char *field,
          const char *v, size_t len)
{
    pilcrow_status st = PILCROW_OK;

    pc_buf_reset(scratch);
    pc_field_term(&st, scratch, field, v, len);
    if (st < 0)
        return st;
    return pcx_doc_add_boolean(xdoc, scratch->data, scratch->len);
}

/* The filter terms of DOC's UN metadata: organ (and the organ it
 * reports to), session, type, family, each agenda item's number. */
static pilcrow_status
add_un_terms(pcx_doc *xdoc, struct pc_buf *scratch, const pilcrow_doc *doc)
{
    const char *organ = doc->meta[PILCROW_META_ORGAN], *s, *parent;
    const char *v;
    pilcrow_status st;
    size_t n;

    if (organ != NULL) {
        if ((st = add_field(xdoc, scratch, "organ", organ,
                            strlen(organ))) < 0)
            return st;
        if ((parent = pc_organ_parent(organ)) != NULL &&
            (st = add_field(xdoc, scratch, "organ", parent,
                            strlen(parent))) < 0)
            return st;
    }
    if ((v = doc->meta[PILCROW_META_SESSION]) != NULL &&
        (st = add_field(xdoc, scratch, "session", v, strlen(v))) < 0)
        return st;
    if ((v = doc->meta[PILCROW_META_TYPE]) != NULL &&
        (st = add_field(xdoc, scratch, "type", v, strlen(v))) < 0)
        return st;
    /* The family: the base of a version, else the symbol itself (the
     * first of a joint symbol, as pc_meta_from_symbol() reads it). */
    if ((v = doc->meta[PILCROW_META_BASE]) == NULL)
        v = doc->symbol;
    if (v != NULL && *v != '\0' &&
        (st = add_field(xdoc, scratch, "family", v,
                        pc_symbol_first_len(v))) < 0)
        return st;
    /* "13 (a), 14 and 15": 13, 14 and 15. */
    for (s = doc->meta[PILCROW_META_AGENDA]; s && *s; s += n) {
        n = strspn(s, "0123456789");
        if (n > 0 && (st = add_field(xdoc, scratch, "agenda", s, n)) < 0)
            return st;
        if (n == 0)
            n = 1;
    }
    return PILCROW_OK;
}

/* Add the boolean term PREFIX + VALUE. */
static pilcrow_status
add_boolean(pcx_doc *xdoc, struct pc_buf *scratch, char prefix,
            const char *value, size_t len)
{
    return add_filter(xdoc, scratch, prefix, value, len, 0);
}

/* Add the X term of a symbol token of the document's symbol. */
static int
add_symbol_term(const struct pc_token *tok, void *payload)
{
    struct posting_ctx *c = payload;

    if (!tok->is_symbol)
        return 0;
    c->st = add_filter(c->xdoc, c->scratch, PC_TERM_SYMBOL, tok->term,
                       tok->term_len, 1);
    return c->st < 0;
}

/* Add a C term for each document record R cites (cite.c's keys). */
static pilcrow_status
add_cites_terms(pcx_doc *xdoc, struct pc_buf *scratch,
                const struct pilcrow_record *r)
{
    char key[PC_CITE_MAX];
    pilcrow_status st;
    size_t i;

    for (i = 0; i < r->n_refs; i++) {
        pc_cite_key(key, sizeof(key), r->refs[i]);
        if ((st = add_filter(xdoc, scratch, PC_TERM_CITES, key,
                             strlen(key), 1)) < 0)
            return st;
    }
    return PILCROW_OK;
}

/* The terms of a document's title and of its records' section
 * headings, kept across the records of one document. */
struct field_cache {
    struct pc_buf title;        /* field_terms of the title */
    struct pc_buf heading;      /* field_terms of HEADING_OF */
    const char *heading_of;     /* the heading they are of, or NULL */
};

/* Fill XDOC with the terms, values and data of record R of DOC.
 * FC holds the title's terms and caches the heading's; SCRATCH is a
 * buffer to reuse.  Returns a status; on a shim failure the message is
 * in the shim. */
static pilcrow_status
build_record(pilcrow_db *db, struct pc_analyzer *an, pcx_doc *xdoc,
             const pilcrow_doc *doc, const struct pilcrow_record *r,
             struct field_cache *fc, struct pc_buf *scratch)
{
    struct posting_ctx ctx = { NULL, NULL, NULL, 0, PILCROW_OK };
    pilcrow_status st = PILCROW_OK;
    const char *s, *dot;
    char tmp[16];
    size_t i, n;

    (void)db;
    pcx_doc_clear(xdoc);
    ctx.xdoc = xdoc;
    ctx.scratch = scratch;
    if ((st = analyze(an, r->text, r->text_len, add_posting, &ctx)) < 0)
        return st;
    /* Records of a section come one after the other: analyse its
     * heading once. */
    if (fc->heading_of == NULL || r->section_title == NULL ||
        strcmp(fc->heading_of, r->section_title) != 0) {
        if ((st = field_terms(an, r->section_title, &fc->heading)) < 0)
            return st;
        fc->heading_of = r->section_title;
    }
    /* One X term per symbol the document carries, as the analyser reads
     * them: "A/79/923-S/2025/341" gives a/79/923 and s/2025/341, so
     * either finds it; and a C term per document the record cites.
     * Both are weighted, so they go in before the weighing. */
    if (doc->symbol != NULL &&
        (st = analyze(an, doc->symbol, strlen(doc->symbol), add_symbol_term,
                      &ctx)) < 0)
        return st;
    if ((st = add_cites_terms(xdoc, scratch, r)) < 0)
        return st;
    if ((st = mark_field(xdoc, &fc->heading, PCX_FIELD_HEADING)) < 0 ||
        (st = mark_field(xdoc, &fc->title, PCX_FIELD_TITLE)) < 0 ||
        (st = pcx_doc_weigh_terms(xdoc, ctx.n_words)) < 0)
        return st;

    /* Filters. */
    pc_buf_reset(scratch);
    st = PILCROW_OK;
    pc_uid_term(&st, scratch, doc->id, r->kind, r->annex, r->number);
    if (st < 0 || (st = pcx_doc_add_boolean(xdoc, scratch->data,
                                            scratch->len)) < 0)
        return st;
    if ((st = add_boolean(xdoc, scratch, PC_TERM_DOC, doc->id, strlen(doc->id))) < 0)
        return st;
    /* The document's first record stands for it among the language
     * versions of its symbol (pilcrow_db_get_parallel()). */
    if (r->seq == 0 && doc->symbol != NULL && doc->symbol[0] != '\0') {
        pc_buf_reset(scratch);
        pc_version_term(&st, scratch, doc->symbol);
        if (st < 0 || (st = pcx_doc_add_boolean(xdoc, scratch->data,
                                                scratch->len)) < 0)
            return st;
    }
    /* A revision's first record names it among its line's versions
     * (versions.c). */
    if (r->seq == 0 && doc->symbol != NULL && doc->symbol[0] != '\0') {
        size_t line_len;
        unsigned rev;

        pc_version_line(doc->symbol, pc_symbol_first_len(doc->symbol),
                       &line_len, &rev);
        if (rev > 0) {
            pc_buf_reset(scratch);
            pc_version_term(&st, scratch, doc->symbol);
            if (st >= 0)
                scratch->data[0] = PC_TERM_REVISION;
            if (st < 0 || (st = pcx_doc_add_boolean(xdoc, scratch->data,
                                                    scratch->len)) < 0)
                return st;
        }
    }
    s = pilcrow_kind_name(r->kind);
    if ((st = add_boolean(xdoc, scratch, PC_TERM_KIND, s, strlen(s))) < 0)
        return st;
    /* Every level of the section path: II and II.A. */
    for (s = r->section; s && *s; s = dot + 1) {
        dot = strchr(s, '.');
        n = dot ? (size_t)(dot - r->section) : strlen(r->section);
        if ((st = add_boolean(xdoc, scratch, PC_TERM_SECTION, r->section, n)) < 0)
            return st;
        if (dot == NULL)
            break;
    }
    if (doc->date != NULL && strlen(doc->date) >= 4) {
        if ((st = add_boolean(xdoc, scratch, PC_TERM_YEAR, doc->date, 4)) < 0)
            return st;
        /* The date as YYYYMMDD. */
        for (i = n = 0; doc->date[i] && n < 8; i++)
            if (doc->date[i] >= '0' && doc->date[i] <= '9')
                tmp[n++] = doc->date[i];
        if ((st = pcx_doc_set_value(xdoc, PC_SLOT_DATE, tmp, n)) < 0)
            return st;
    }
    if ((st = add_boolean(xdoc, scratch, PC_TERM_LANG, doc->language,
                          strlen(doc->language))) < 0)
        return st;
    if ((st = add_un_terms(xdoc, scratch, doc)) < 0)
        return st;
    /* Document order. */
    snprintf(tmp, sizeof(tmp), "%08x", (unsigned)r->seq);
    if ((st = pcx_doc_set_value(xdoc, PC_SLOT_SEQ, tmp, 8)) < 0)
        return st;

    pc_buf_reset(scratch);
    st = PILCROW_OK;
    pc_store_encode(&st, scratch, r, &db->deflater);
    if (st < 0)
        return st;
    return pcx_doc_set_data(xdoc, scratch->data, scratch->len);
}

/* Commit the records pending. */
static pilcrow_status
commit(pilcrow_db *db)
{
    pilcrow_status st;

    if ((st = pcx_db_commit(db->x)) < 0)
        return pc_db_shim_error(db, st);
    db->pending = 0;
    return PILCROW_OK;
}

/* Commit if enough records are pending. */
static pilcrow_status
maybe_commit(pilcrow_db *db)
{
    uint32_t every = db->flags & PILCROW_OPEN_NOSYNC ? PC_COMMIT_EVERY_NOSYNC
                                                     : PC_COMMIT_EVERY;

    return db->pending < every ? PILCROW_OK : commit(db);
}

static pilcrow_status
check_writable(pilcrow_db *db)
{
    if (!(db->flags & PILCROW_OPEN_WRITE))
        return pc_db_error(db, PILCROW_READONLY,
                           "index %s is open read-only", db->path);
    return PILCROW_OK;
}

/* The message for a failed write (or read) of the records or metadata
 * of WHAT, a file's path or a document id: WHAT, then the shim's
 * reason.  Returns ST. */
static pilcrow_status
write_error(pilcrow_db *db, pilcrow_status st, const char *what)
{
    if (st == PILCROW_NOMEM)
        return pc_db_error(db, st, "out of memory");
    if (st == PILCROW_CORRUPT)          /* The index, not WHAT, is bad. */
        return pc_db_shim_error(db, st);
    return pc_db_error(db, st, "%s: %s", what, pcx_errmsg(db->x));
}

/* Delete document DOC's records and metadata; a failure's message
 * names WHAT.  *N_OUT (may be NULL) gets the number of records
 * deleted. */
static pilcrow_status
delete_doc(pilcrow_db *db, const char *doc, const char *what,
           uint64_t *n_out)
{
    pilcrow_status st = PILCROW_OK;
    struct pc_buf b = PC_BUF_INIT;

    pc_doc_term(&st, &b, doc);
    if (st >= 0)
        st = pcx_db_delete_term(db->x, b.data, b.len, n_out);
    if (st >= 0) {
        pc_buf_reset(&b);
        pc_meta_key(&st, &b, PC_META_DOC, doc);
        if (st >= 0)
            st = pcx_db_set_metadata(db->x, b.data, "", 0);
    }
    pc_buf_free(&b);
    return st < 0 ? write_error(db, st, what) : PILCROW_OK;
}

pilcrow_status
pilcrow_index_doc(pilcrow_db *db, const pilcrow_doc *doc)
{
    struct pc_buf scratch = PC_BUF_INIT;
    struct field_cache fc = { PC_BUF_INIT, PC_BUF_INIT, NULL };
    struct pc_analyzer *an;
    pcx_doc *xdoc = NULL;
    pilcrow_status st = PILCROW_OK;
    const char *what;
    size_t i;

    if (db == NULL || doc == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if ((st = check_writable(db)) < 0)
        return st;
    /* Messages name the document's file, or its id. */
    what = doc->file != NULL && doc->file[0] != '\0' ? doc->file : doc->id;
    if ((an = pc_db_analyzer(db, doc->language, &st)) == NULL)
        return st;
    if ((st = delete_doc(db, doc->id, what, NULL)) < 0)
        return st;
    if ((st = field_terms(an, doc->title, &fc.title)) < 0) {
        pc_db_error(db, st, "out of memory");
        goto done;
    }
    if ((st = pcx_doc_new(&xdoc, db->x)) < 0) {
        pc_db_shim_error(db, st);
        goto done;
    }
    for (i = 0; i < doc->n_records; i++) {
        st = build_record(db, an, xdoc, doc, &doc->records[i], &fc,
                          &scratch);
        if (st >= 0)
            st = pcx_db_add(db->x, xdoc);
        if (st < 0) {
            write_error(db, st, what);
            goto done;
        }
        db->pending++;
    }
    pc_buf_reset(&scratch);
    pc_store_encode_docmeta(&st, &scratch, doc);
    if (st >= 0) {
        struct pc_buf key = PC_BUF_INIT;
        pc_meta_key(&st, &key, PC_META_DOC, doc->id);
        if (st >= 0)
            st = pcx_db_set_metadata(db->x, key.data, scratch.data,
                                     scratch.len);
        pc_buf_free(&key);
    }
    if (st < 0)
        write_error(db, st, what);
    else
        st = maybe_commit(db);
done:
    pcx_doc_free(xdoc);
    pc_buf_free(&scratch);
    pc_buf_free(&fc.title);
    pc_buf_free(&fc.heading);
    return st;
}

pilcrow_status
pilcrow_index_delete(pilcrow_db *db, const char *doc)
{
    pilcrow_status st;
    uint64_t n = 0;

    if (db == NULL || doc == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if ((st = check_writable(db)) < 0)
        return st;
    if ((st = delete_doc(db, doc, doc, &n)) < 0)
        return st;
    if (n == 0)
        return pc_db_error(db, PILCROW_NOTFOUND, "no document %s", doc);
    return PILCROW_OK;
}

pilcrow_status
pilcrow_index_commit(pilcrow_db *db)
{
    pilcrow_status st;

    if (db == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if ((st = check_writable(db)) < 0)
        return st;
    return commit(db);
}

/* ---- files: incremental indexing ------------------------------------- */

/* The CRC-32 of file PATH's bytes.  Returns 0 or -1 with errno set. */
static int
file_crc(const char *path, unsigned long *crc)
{
    unsigned char buf[65536];
    ssize_t n;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -1;
    *crc = crc32(0L, Z_NULL, 0);
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        *crc = crc32(*crc, buf, (uInt)n);
    close(fd);
    return n < 0 ? -1 : 0;
}

/*
 * What the stamp of a file records, the value of its f: key:
 * "size mtime_s.mtime_ns crc doc".  Under a hashed key (f#, a path too
 * long for a key) a NUL and the file's absolute path follow, for
 * --prune to find the file and for a lookup to tell two paths of one
 * hash apart.
 */
struct file_state {
    unsigned long long size;
    long long mtime_s;
    long mtime_ns;
    unsigned long crc;
    const char *doc;            /* the document id, in the value */
    const char *path;           /* the path, in the value; NULL if none */
};

/* Parse the stamp in the LEN bytes at S, which are followed by a NUL;
 * FS points into S.  Returns 0 or -1. */
static int
file_state_parse(struct file_state *fs, const char *s, size_t len)
{
    int off = 0;
    size_t n = strlen(s);

    if (sscanf(s, "%llu %lld.%ld %lx %n", &fs->size, &fs->mtime_s,
               &fs->mtime_ns, &fs->crc, &off) != 4 || off == 0)
        return -1;
    fs->doc = s + off;
    fs->path = n < len ? s + n + 1 : NULL;
    return 0;
}

/* Write the stamp of the file at absolute path REAL under KEY: VAL
 * (its "size mtime crc " so far), then DOC, then under a hashed key
 * (HASHED) a NUL and REAL.  A failure's message names PATH. */
static pilcrow_status
put_stamp(pilcrow_db *db, const struct pc_buf *key, struct pc_buf *val,
          const char *doc, const char *real, int hashed, const char *path)
{
    pilcrow_status st = PILCROW_OK;

    pc_buf_puts(&st, val, doc);
    if (hashed) {
        pc_buf_putc(&st, val, '\0');
        pc_buf_puts(&st, val, real);
    }
    if (st >= 0)
        st = pcx_db_set_metadata(db->x, key->data, val->data, val->len);
    return st < 0 ? write_error(db, st, path) : PILCROW_OK;
}

pilcrow_status
pilcrow_index_file(pilcrow_db *db, const char *path,
                   const pilcrow_parse_options *opts, size_t *n_records)
{
    pilcrow_parse_options o = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_status st = PILCROW_OK;
    struct pc_buf key = PC_BUF_INIT, val = PC_BUF_INIT;
    struct file_state old;
    pilcrow_doc *doc = NULL;
    char real[PATH_MAX];
    char *meta = NULL, *err = NULL;
    size_t meta_len = 0;
    unsigned long crc = 0;
    struct stat sb;
    int have_old, hashed;

    if (n_records != NULL)
        *n_records = 0;
    if (db == NULL || path == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if ((st = check_writable(db)) < 0)
        return st;
    if (opts != NULL) {
        if (opts->version != PILCROW_PARSE_OPTIONS_VERSION)
            return pc_db_error(db, PILCROW_INVALID,
                               "unknown parse options version %u",
                               opts->version);
        o = *opts;
    }
    if (stat(path, &sb) != 0 || realpath(path, real) == NULL)
        return pc_db_error(db, errno == ENOENT ? PILCROW_NOTFOUND : PILCROW_IO,
                           "%s: %s", path, strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return pc_db_error(db, PILCROW_BADINPUT, "%s: not a regular file",
                           path);

    pc_meta_key(&st, &key, PC_META_FILE, real);
    if (st < 0)
        goto nomem;
    hashed = key.data[1] == PC_META_FILE_HASHED[1];
    if ((st = pcx_db_get_metadata(db->x, key.data, &meta, &meta_len)) < 0) {
        write_error(db, st, path);
        goto done;
    }
    /* A hashed key's stamp is this file's if it names this path. */
    have_old = meta_len > 0 && file_state_parse(&old, meta, meta_len) == 0 &&
        (!hashed || (old.path != NULL && strcmp(old.path, real) == 0));
    if (have_old && o.doc != NULL && strcmp(old.doc, o.doc) != 0) {
        /* The file is now indexed under another id: drop the old one. */
        if ((st = delete_doc(db, old.doc, path, NULL)) < 0)
            goto done;
        have_old = 0;
    }
    if (have_old && old.size == (unsigned long long)sb.st_size &&
        old.mtime_s == (long long)sb.st_mtim.tv_sec &&
        old.mtime_ns == sb.st_mtim.tv_nsec) {
        st = PILCROW_UNCHANGED;
        goto done;
    }
    if (file_crc(path, &crc) != 0) {
        st = pc_db_error(db, PILCROW_IO, "%s: %s", path, strerror(errno));
        goto done;
    }
    pc_buf_printf(&st, &val, "%llu %lld.%09ld %lx ",
                  (unsigned long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
                  (long)sb.st_mtim.tv_nsec, crc);
    if (st < 0)
        goto nomem;
    if (have_old && old.size == (unsigned long long)sb.st_size &&
        old.crc == crc) {
        /* Touched but not changed: remember the new time only. */
        if ((st = put_stamp(db, &key, &val, old.doc, real, hashed,
                            path)) >= 0)
            st = PILCROW_UNCHANGED;
        goto done;
    }

    if ((st = pilcrow_doc_parse_file(&doc, path, &o, &err)) < 0) {
        pc_db_error(db, st, "%s", err ? err : pilcrow_status_str(st));
        goto done;
    }
    if ((st = pilcrow_index_doc(db, doc)) < 0)
        goto done;
    if ((st = put_stamp(db, &key, &val, doc->id, real, hashed, path)) < 0) {
        /* Records without their stamp would be indexed again on every
         * run and never pruned: take them out again (if that fails
         * too, the next run replaces them). */
        char *msg = pc_strdup(pilcrow_db_errmsg(db));

        delete_doc(db, doc->id, path, NULL);
        pc_db_error(db, st, "%s", msg != NULL ? msg
                    : pilcrow_status_str(st));
        pc_free(msg);
        goto done;
    }
    if (n_records != NULL)
        *n_records = doc->n_records;
    st = PILCROW_OK;
    goto done;
nomem:
    st = pc_db_error(db, PILCROW_NOMEM, "out of memory");
done:
    pilcrow_doc_free(doc);
    pilcrow_free(err);
    pc_free(meta);
    pc_buf_free(&key);
    pc_buf_free(&val);
    return st;
}

/* ---- pruning --------------------------------------------------------- */

/* The f: and f# keys of files that are gone, with their doc ids. */
struct prune_ctx {
    struct pc_buf keys;         /* NUL-separated "key\0doc\0" pairs */
    size_t n;
    pilcrow_status st;
};

/* Collect KEY if the file it stamps is gone: the path is the rest of an
 * f: key, or in the value of an f# key. */
static int
collect_gone(const char *key, size_t key_len, const char *val,
             size_t val_len, void *payload)
{
    struct prune_ctx *c = payload;
    struct file_state fs;
    char *v;
    struct stat sb;
    const char *path;
    char pbuf[PATH_MAX];
    size_t n = key_len - strlen(PC_META_FILE);

    if ((v = pc_strndup(val, val_len)) == NULL) {
        c->st = PILCROW_NOMEM;
        return 1;
    }
    if (file_state_parse(&fs, v, val_len) != 0) {
        pc_free(v);
        return 0;
    }
    if (memcmp(key, PC_META_FILE, strlen(PC_META_FILE)) == 0 &&
        n < sizeof(pbuf)) {
        memcpy(pbuf, key + strlen(PC_META_FILE), n);
        pbuf[n] = '\0';
        path = pbuf;
    } else {
        path = fs.path;         /* NULL: not a stamp pilcrow wrote */
    }
    if (path != NULL && stat(path, &sb) != 0 && errno == ENOENT) {
        pc_buf_append(&c->st, &c->keys, key, key_len);
        pc_buf_putc(&c->st, &c->keys, '\0');
        pc_buf_puts(&c->st, &c->keys, fs.doc);
        pc_buf_putc(&c->st, &c->keys, '\0');
        c->n++;
    }
    pc_free(v);
    return c->st < 0;
}

pilcrow_status
pilcrow_index_prune(pilcrow_db *db, size_t *n_deleted)
{
    struct prune_ctx c;
    pilcrow_status st;
    const char *p;
    size_t i;

    if (n_deleted != NULL)
        *n_deleted = 0;
    if (db == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if ((st = check_writable(db)) < 0)
        return st;
    memset(&c, 0, sizeof(c));
    st = pcx_db_metadata_each(db->x, PC_META_FILE, collect_gone, &c);
    if (st >= 0 && c.st >= 0)
        st = pcx_db_metadata_each(db->x, PC_META_FILE_HASHED, collect_gone,
                                  &c);
    if (c.st < 0) {
        st = pc_db_error(db, c.st, "out of memory");
        goto done;
    }
    if (st < 0) {
        pc_db_shim_error(db, st);
        goto done;
    }
    for (i = 0, p = c.keys.data; i < c.n; i++) {
        const char *doc = p + strlen(p) + 1;
        if ((st = delete_doc(db, doc, doc, NULL)) < 0)
            goto done;
        if ((st = pcx_db_set_metadata(db->x, p, "", 0)) < 0) {
            write_error(db, st, doc);
            goto done;
        }
        p = doc + strlen(doc) + 1;
    }
    if (n_deleted != NULL)
        *n_deleted = c.n;
    st = PILCROW_OK;
done:
    pc_buf_free(&c.keys);
    return st;
}
