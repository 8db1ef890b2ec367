/*
 * db.c - pilcrow_db handles: open/close, messages, child objects,
 * analysers, statistics and merging shards.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pilcrow-private.h"
#include "shim.h"

/* The format this library writes and reads (metadata PC_META_FORMAT).
 * 2: X terms hold each symbol of a document's symbol.
 * 3: wdfs hold BM25's length-normalised term frequency.
 * 4: ... with the words of the heading and title weighing more.
 * 5: a record says whether its number is printed (record version 2).
 * 6: words folded (accents, ligatures, Arabic forms and digits, yo),
 *    French, Spanish, Russian and Arabic stopwords left out, and a V
 *    term on a document's first record for its language versions;
 *    C terms of the citations a record makes (record version 3).
 * 7: UN metadata (organ, session, agenda, type, version, base) in the
 *    document metadata (version 2) and O, N, A, T, B filter terms.
 * 8: R terms of revisions.  9: the record in value slot 2.
 * 10: a CJK run's last character indexed alone, at its last bigram's
 *    position, for one-character queries. */
#define PC_FORMAT "10"

/* Create directory PATH and its missing parents.  Returns 0 or -1 with
 * errno set. */
static int
mkdir_p(const char *path)
{
    char tmp[4096];
    size_t n = strlen(path), i;

    if (n == 0 || n >= sizeof(tmp)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(tmp, path, n + 1);
    for (i = 1; i < n; i++) {
        if (tmp[i] != '/')
            continue;
        tmp[i] = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        tmp[i] = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* True if directory PATH holds entries other than "." and "..". */
static int
dir_has_entries(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    int found = 0;

    if (d == NULL)
        return 0;
    while (!found && (e = readdir(d)) != NULL)
        found = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return found;
}

static uint64_t dir_bytes(const char *path);

/* How long the check of the index at PATH may take, in seconds,
 * before it counts as a hang: 30 s, and 1 s per 4 MB (the check reads
 * 100 MB a second from the page cache, and a hang of Xapian's loops
 * forever). */
static unsigned
check_timeout(const char *path)
{
    uint64_t s = 30 + dir_bytes(path) / (4u << 20);

    return s > 86400 ? 86400 : (unsigned)s;
}

/* Check PATH before handing it to Xapian, so the messages speak of the
 * user's directory rather than of Xapian's files. */
static pilcrow_status
check_path(const char *path, unsigned flags, char **errmsg)
{
    struct stat sb;

    if (stat(path, &sb) != 0) {
        if (errno != ENOENT)
            return pc_errmsg(errmsg, PILCROW_IO, "cannot open index %s: %s",
                             path, strerror(errno));
        if (!(flags & PILCROW_OPEN_CREATE))
            return pc_errmsg(errmsg, PILCROW_NOTFOUND,
                             "no index at %s (run 'pilcrow index' first)",
                             path);
        if (mkdir_p(path) != 0)
            return pc_errmsg(errmsg, PILCROW_IO,
                             "cannot create index directory %s: %s", path,
                             strerror(errno));
        return PILCROW_OK;
    }
    if (!S_ISDIR(sb.st_mode))
        return pc_errmsg(errmsg, PILCROW_NOTFOUND,
                         "%s is not an index directory", path);
    if (!pc_dir_holds_index(path)) {
        if ((flags & PILCROW_OPEN_CREATE) && !dir_has_entries(path))
            return PILCROW_OK;
        return pc_errmsg(errmsg, PILCROW_NOTFOUND,
                         "%s is not a pilcrow index", path);
    }
    return PILCROW_OK;
}

/* Where PATH's shards are named: 1 when PATH is a stub database file
 * (a regular file) or a directory holding one (XAPIANDB, as Xapian
 * reads it), with *STUB the file (pc_malloc'd); 2 when PATH is a
 * directory of shards (subdirectories holding indexes, and no index of
 * its own); 0 when PATH is one index, or nothing. */
static int
shard_kind(const char *path, char **stub)
{
    struct stat sb;
    DIR *d;
    struct dirent *e;
    char tmp[4096];
    int found = 0;

    *stub = NULL;
    if (stat(path, &sb) != 0)
        return 0;
    if (S_ISREG(sb.st_mode)) {
        *stub = pc_strdup(path);
        return 1;
    }
    if (!S_ISDIR(sb.st_mode))
        return 0;
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s/XAPIANDB", path)
        < sizeof(tmp) && stat(tmp, &sb) == 0 && S_ISREG(sb.st_mode)) {
        *stub = pc_strdup(tmp);
        return 1;
    }
    if (pc_dir_holds_index(path) || (d = opendir(path)) == NULL)
        return 0;
    while (!found && (e = readdir(d)) != NULL)
        found = e->d_name[0] != '.' &&
                (size_t)snprintf(tmp, sizeof(tmp), "%s/%s", path, e->d_name)
                < sizeof(tmp) && pc_dir_holds_index(tmp);
    closedir(d);
    return found ? 2 : 0;
}

/* Open the shards of PATH (KIND and STUB from shard_kind()) read-only
 * into DB: every shard has our format.  Returns PILCROW_OK or an error
 * with *ERRMSG. */
static pilcrow_status
open_shards(pilcrow_db *db, const char *path, int kind, const char *stub,
            unsigned timeout_ms, char **errmsg)
{
    pilcrow_status st;
    char err[512];
    char *fmt = NULL;
    size_t i, n, fmt_len = 0;

    if (db->flags & PILCROW_OPEN_WRITE)
        return pc_errmsg(errmsg, PILCROW_READONLY, "%s is a sharded index "
                         "(%s): it is read only; index into its shards "
                         "(pilcrow index --shards N)", path,
                         kind == 1 ? "a stub database" : "a directory of "
                         "shards");
    if ((st = pcx_db_open_shards(&db->x, kind == 1 ? stub : path, kind == 1,
                                 timeout_ms ? timeout_ms
                                 : PC_REMOTE_TIMEOUT_MS,
                                 (db->flags & PILCROW_OPEN_PARTIAL) != 0,
                                 err, sizeof(err))) < 0) {
        /* A plain file that is no stub: say what --db takes. */
        if (st == PILCROW_INVALID && kind == 1 && strcmp(stub, path) == 0)
            return pc_errmsg(errmsg, PILCROW_NOTFOUND, "%s is not an index "
                             "directory or a stub database file (%s)", path,
                             err);
        return pc_errmsg(errmsg, st, "cannot open index %s: %s", path, err);
    }
    /* Xapian reads metadata from the first shard only: the format of
     * each is checked here, by itself. */
    n = pcx_db_n_shards(db->x);
    for (i = 0; i < n; i++) {
        if (!pcx_db_shard_live(db->x, i))
            continue;
        if ((st = pcx_db_shard_metadata(db->x, i, PC_META_FORMAT, &fmt,
                                        &fmt_len)) < 0)
            return pc_errmsg(errmsg, st, "cannot open index %s: %s", path,
                             pcx_errmsg(db->x));
        if (fmt_len == 0 || strcmp(fmt, PC_FORMAT) != 0) {
            st = pc_errmsg(errmsg, fmt_len ? PILCROW_CORRUPT
                           : PILCROW_NOTFOUND, fmt_len
                           ? "shard %s of %s has format %s; this pilcrow "
                           "reads format " PC_FORMAT ": index the "
                           "documents again into a new index"
                           : "shard %s of %s is not a pilcrow index%s",
                           pcx_db_shard_name(db->x, i), path,
                           fmt_len ? fmt : "");
            pc_free(fmt);
            return st;
        }
        pc_free(fmt);
        fmt = NULL;
    }
    return PILCROW_OK;
}

pilcrow_status
pilcrow_db_open(pilcrow_db **out, const char *path, unsigned flags,
                char **errmsg)
{
    return pilcrow_db_open_timeout(out, path, flags, 0, errmsg);
}

pilcrow_status
pilcrow_db_open_timeout(pilcrow_db **out, const char *path, unsigned flags,
                        unsigned timeout_ms, char **errmsg)
{
    pilcrow_db *db = NULL;
    pilcrow_status st;
    char err[512];
    char *fmt = NULL;
    size_t fmt_len = 0;
    const char *missing;
    char *stub = NULL;
    int existed, kind;

    if (errmsg != NULL)
        *errmsg = NULL;
    if (out == NULL)
        return PILCROW_INVALID;
    *out = NULL;
    if (path == NULL || *path == '\0' ||
        (flags & ~(PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE |
                   PILCROW_OPEN_NOSYNC | PILCROW_OPEN_PARTIAL)) != 0 ||
        ((flags & (PILCROW_OPEN_CREATE | PILCROW_OPEN_NOSYNC)) &&
         !(flags & PILCROW_OPEN_WRITE)) ||
        ((flags & PILCROW_OPEN_PARTIAL) && (flags & PILCROW_OPEN_WRITE)))
        return pc_errmsg(errmsg, PILCROW_INVALID, "invalid index path or flags");
    kind = shard_kind(path, &stub);
    if (kind == 1 && stub == NULL)
        return pc_errmsg(errmsg, PILCROW_NOMEM, "out of memory");
    if (kind == 0 && (st = check_path(path, flags, errmsg)) < 0)
        return st;
    if ((db = pc_calloc(1, sizeof(*db))) == NULL ||
        (db->path = pc_strdup(path)) == NULL) {
        st = pc_errmsg(errmsg, PILCROW_NOMEM, "out of memory");
        goto fail;
    }
    db->flags = flags;
    db->children.next = db->children.prev = &db->children;
    if (kind != 0) {
        if ((st = open_shards(db, path, kind, stub, timeout_ms, errmsg)) < 0)
            goto fail;
        pc_free(stub);
        *out = db;
        return PILCROW_OK;
    }
    existed = pc_dir_holds_index(path);
    /* Before Xapian opens it: a writer makes a missing table anew. */
    if ((flags & PILCROW_OPEN_WRITE) && existed &&
        (missing = pc_dir_missing_table(path, 0)) != NULL) {
        st = pc_errmsg(errmsg, PILCROW_CORRUPT, "index %s is damaged "
                       "(%s is missing): rebuild it", path, missing);
        goto fail;
    }
    if ((st = pcx_db_open(&db->x, path, flags, err, sizeof(err))) < 0) {
        if (st == PILCROW_LOCKED)
            pc_errmsg(errmsg, st, "index %s is locked by another writer",
                      path);
        else if (st == PILCROW_NOTFOUND)
            pc_errmsg(errmsg, st, "%s is not a pilcrow index", path);
        else if (st == PILCROW_CORRUPT)
            pc_errmsg(errmsg, st, "index %s is damaged (%s): rebuild it",
                      path, err);
        else
            pc_errmsg(errmsg, st, "cannot open index %s: %s", path, err);
        goto fail;
    }
    /* A writer checks an index it did not create before it writes:
     * Xapian writing into damaged tables can crash, hang or spread
     * the damage (SECURITY.md).  The write lock is held, so nothing
     * changes under the check. */
    if ((flags & PILCROW_OPEN_WRITE) && existed && !pc_dir_unchanged(path) &&
        (st = pcx_db_check(db->x, path, check_timeout(path))) < 0) {
        pc_errmsg(errmsg, st, st == PILCROW_CORRUPT
                  ? "index %s is damaged (%s): rebuild it"
                  : "cannot open index %s: %s", path, pcx_errmsg(db->x));
        goto fail;
    }
    if ((flags & PILCROW_OPEN_WRITE) && existed) {
        uint64_t n_docs = 0, n_terms = 0;

        if ((st = pcx_db_counts(db->x, &n_docs, &n_terms)) < 0) {
            pc_errmsg(errmsg, st, "cannot open index %s: %s", path,
                      pcx_errmsg(db->x));
            goto fail;
        }
        if ((missing = pc_dir_missing_table(path, n_docs > 0)) != NULL) {
            st = pc_errmsg(errmsg, PILCROW_CORRUPT, "index %s is damaged "
                           "(%s is missing): rebuild it", path, missing);
            goto fail;
        }
    }
    /* Stamp a new index with our format; refuse a foreign one. */
    if ((st = pcx_db_get_metadata(db->x, PC_META_FORMAT, &fmt, &fmt_len)) < 0) {
        pc_errmsg(errmsg, st, "cannot open index %s: %s", path,
                  pcx_errmsg(db->x));
        goto fail;
    }
    if (fmt_len == 0 && (flags & PILCROW_OPEN_WRITE)) {
        uint64_t n_docs = 0, n_terms = 0;
        if ((st = pcx_db_counts(db->x, &n_docs, &n_terms)) < 0 ||
            (n_docs == 0 &&
             ((st = pcx_db_set_metadata(db->x, PC_META_FORMAT, PC_FORMAT,
                                        strlen(PC_FORMAT))) < 0 ||
              (st = pcx_db_commit(db->x)) < 0))) {
            pc_errmsg(errmsg, st, "cannot open index %s: %s", path,
                      pcx_errmsg(db->x));
            goto fail;
        }
        if (n_docs == 0) {
            pc_free(fmt);
            if ((fmt = pc_strdup(PC_FORMAT)) == NULL) {
                st = pc_errmsg(errmsg, PILCROW_NOMEM, "out of memory");
                goto fail;
            }
            fmt_len = strlen(fmt);
        }
    }
    if (fmt_len == 0 || strcmp(fmt, PC_FORMAT) != 0) {
        st = pc_errmsg(errmsg, fmt_len ? PILCROW_CORRUPT : PILCROW_NOTFOUND,
                       fmt_len ? "index %s has format %s; this pilcrow "
                       "reads format " PC_FORMAT ": index the documents "
                       "again into a new index"
                       : "%s is not a pilcrow index%s", path,
                       fmt_len ? fmt : "");
        goto fail;
    }
    pc_free(fmt);
    db->sound = (flags & PILCROW_OPEN_WRITE) != 0;
    *out = db;
    return PILCROW_OK;
fail:
    pc_free(fmt);
    pc_free(stub);
    if (db != NULL) {
        pcx_db_close(db->x);
        pc_free(db->path);
        pc_free(db);
    }
    return st;
}

void
pilcrow_db_close(pilcrow_db *db)
{
    size_t i;

    if (db == NULL)
        return;
    while (db->children.next != &db->children) {
        struct pc_node *n = db->children.next;
        pc_db_disown(n);
        n->release(n);
    }
    /* A writer whose tables were sound leaves them sound: record their
     * state, under the lock, so the next writer need not check them
     * again (pc_dir_unchanged). */
    if (db->sound && pcx_db_commit(db->x) == PILCROW_OK)
        pc_dir_mark_checked(db->path);
    pcx_db_close(db->x);
    for (i = 0; i < db->n_analyzers; i++)
        pc_analyzer_free(db->analyzers[i]);
    pc_db_meta_free(db);
    pc_inflater_free(db->inflater);
    pc_deflater_free(db->deflater);
    pc_lexicon_free(db->lexicon);
    pc_buf_free(&db->superseded);
    pc_buf_free(&db->msg);
    pc_free(db->path);
    pc_free(db);
}

void
pc_db_adopt(pilcrow_db *db, struct pc_node *node)
{
    node->next = db->children.next;
    node->prev = &db->children;
    db->children.next->prev = node;
    db->children.next = node;
}

void
pc_db_disown(struct pc_node *node)
{
    if (node->next == NULL)
        return;
    node->prev->next = node->next;
    node->next->prev = node->prev;
    node->next = node->prev = NULL;
}

struct pc_analyzer *
pc_db_analyzer(pilcrow_db *db, const char *lang, pilcrow_status *st)
{
    struct pc_analyzer *a;
    const struct pc_lang *l = pc_lang_find(lang);
    size_t i;

    lang = l != NULL ? l->code : "en";
    for (i = 0; i < db->n_analyzers; i++)
        if (strcmp(pc_analyzer_language(db->analyzers[i]), lang) == 0)
            return db->analyzers[i];
    if (db->n_analyzers == sizeof(db->analyzers) / sizeof(db->analyzers[0])) {
        *st = pc_db_error(db, PILCROW_INVALID, "too many languages");
        return NULL;
    }
    if ((*st = pc_analyzer_new(&a, lang)) < 0) {
        pc_db_error(db, *st, "out of memory");
        return NULL;
    }
    db->analyzers[db->n_analyzers++] = a;
    return a;
}

static int
lang_term(const char *key, size_t key_len, const char *val, size_t val_len,
          void *payload)
{
    pilcrow_db *db = payload;
    struct pc_db_lang *l;

    (void)val_len;
    if (key_len < 2 || key_len - 1 >= sizeof(l->code) ||
        db->n_langs == sizeof(db->langs) / sizeof(db->langs[0]))
        return 0;
    l = &db->langs[db->n_langs++];
    memcpy(l->code, key + 1, key_len - 1);
    l->code[key_len - 1] = '\0';
    l->records = strtoull(val, NULL, 10);
    return 0;
}

/* Read the languages of DB's records (their PC_TERM_LANG terms) into
 * DB->langs. */
static pilcrow_status
scan_languages(pilcrow_db *db)
{
    char prefix[2] = { PC_TERM_LANG, '\0' };
    pilcrow_status st;

    db->n_langs = 0;
    if ((st = pcx_db_terms_each(db->x, prefix, lang_term, db)) < 0)
        return pc_db_shim_error(db, st);
    return PILCROW_OK;
}

size_t
pc_db_languages(pilcrow_db *db, const struct pc_lang **langs, size_t max)
{
    const struct pc_lang *l;
    size_t i, j, n = 0;

    if (scan_languages(db) < 0)
        return 0;
    for (i = 0; i < db->n_langs && n < max; i++) {
        if ((l = pc_lang_find(db->langs[i].code)) == NULL)
            continue;
        for (j = 0; j < n && langs[j] != l; j++)
            ;
        if (j == n)
            langs[n++] = l;
    }
    return n;
}

pilcrow_status
pilcrow_db_language(pilcrow_db *db, size_t i, const char **code,
                    uint64_t *records)
{
    pilcrow_status st;

    if (db == NULL || code == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    if (i == 0 && (st = scan_languages(db)) < 0)
        return st;
    if (i >= db->n_langs)
        return PILCROW_DONE;
    *code = db->langs[i].code;
    if (records != NULL)
        *records = db->langs[i].records;
    return PILCROW_OK;
}

/* Sum the sizes of the files in directory PATH (Xapian's are flat). */
static uint64_t
dir_bytes(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    struct stat sb;
    char tmp[4096];
    uint64_t total = 0;

    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        if ((size_t)snprintf(tmp, sizeof(tmp), "%s/%s", path, e->d_name)
            >= sizeof(tmp))
            continue;
        if (stat(tmp, &sb) == 0 && S_ISREG(sb.st_mode))
            total += (uint64_t)sb.st_size;
    }
    closedir(d);
    return total;
}

/* Count metadata keys with prefix d: or d# (one per document). */
static int
count_key(const char *key, size_t key_len, const char *val, size_t val_len,
          void *payload)
{
    (void)key, (void)key_len, (void)val, (void)val_len;
    ++*(uint64_t *)payload;
    return 0;
}

pilcrow_status
pilcrow_db_stats(pilcrow_stats *out, pilcrow_db *db)
{
    pilcrow_status st;

    if (out == NULL || db == NULL)
        return PILCROW_INVALID;
    pc_db_clear_error(db);
    memset(out, 0, sizeof(*out));
    if ((st = pcx_db_counts(db->x, &out->records, &out->terms)) < 0 ||
        (st = pcx_db_metadata_each(db->x, PC_META_DOC, count_key,
                                   &out->documents)) < 0 ||
        (st = pcx_db_metadata_each(db->x, PC_META_DOC_HASHED, count_key,
                                   &out->documents)) < 0)
        return pc_db_shim_error(db, st);
    if (pcx_db_n_shards(db->x) == 0) {
        out->bytes = dir_bytes(db->path);
    } else {
        size_t i;
        const char *p;

        /* The local shards' files; a remote shard's size is unknown. */
        for (i = 0; i < pcx_db_n_shards(db->x); i++)
            if (pcx_db_shard_live(db->x, i) &&
                (p = pcx_db_shard_path(db->x, i)) != NULL)
                out->bytes += dir_bytes(p);
    }
    return PILCROW_OK;
}

pilcrow_status
pilcrow_db_shard(pilcrow_db *db, size_t i, const char **name, int *live)
{
    if (db == NULL || name == NULL)
        return PILCROW_INVALID;
    if (i >= pcx_db_n_shards(db->x))
        return PILCROW_DONE;
    *name = pcx_db_shard_name(db->x, i);
    if (live != NULL)
        *live = pcx_db_shard_live(db->x, i);
    return PILCROW_OK;
}

pilcrow_status
pilcrow_db_compact(const char *src, const char *dst, char **errmsg)
{
    pilcrow_db *db = NULL;
    const char **paths = NULL;
    pilcrow_status st;
    size_t i, n;

    if (errmsg != NULL)
        *errmsg = NULL;
    if (src == NULL || dst == NULL)
        return pc_errmsg(errmsg, PILCROW_INVALID, "nothing to compact");
    if ((st = pilcrow_db_open(&db, src, PILCROW_OPEN_READ, errmsg)) < 0)
        return st;
    n = pcx_db_n_shards(db->x);
    if ((paths = pc_calloc(n + 1, sizeof(*paths))) == NULL) {
        st = pc_errmsg(errmsg, PILCROW_NOMEM, "out of memory");
        goto out;
    }
    if (n == 0)
        paths[n++] = src;
    for (i = 0; i < pcx_db_n_shards(db->x); i++) {
        if ((paths[i] = pcx_db_shard_path(db->x, i)) == NULL) {
            st = pc_errmsg(errmsg, PILCROW_INVALID, "cannot compact %s: "
                           "shard %s is remote (compact where it is "
                           "stored)", src, pcx_db_shard_name(db->x, i));
            goto out;
        }
    }
    st = pilcrow_db_merge(dst, paths, n, errmsg);
out:
    pc_free(paths);
    pilcrow_db_close(db);
    return st;
}

pilcrow_status
pilcrow_db_merge(const char *dst, const char *const *shards, size_t n_shards,
                 char **errmsg)
{
    char err[512];
    struct stat sb;
    pilcrow_status st;
    size_t i;

    if (errmsg != NULL)
        *errmsg = NULL;
    if (dst == NULL || shards == NULL || n_shards == 0)
        return pc_errmsg(errmsg, PILCROW_INVALID, "nothing to merge");
    for (i = 0; i < n_shards; i++)
        if (shards[i] == NULL)
            return pc_errmsg(errmsg, PILCROW_INVALID, "nothing to merge");
    if (stat(dst, &sb) == 0)
        return pc_errmsg(errmsg, PILCROW_EXISTS, "%s already exists", dst);
    if ((st = pcx_db_merge(dst, shards, n_shards, err, sizeof(err))) < 0)
        return pc_errmsg(errmsg, st, "cannot merge into %s: %s", dst, err);
    return PILCROW_OK;
}
