/*
 * cmd-index.c - pilcrow index [--db DIR] [--prune] [--quiet] [-j N]
 *               [--shards N] [--lang CODE] PATH...
 *
 * 1. Walk: each PATH that is a directory is walked recursively (entries
 *    sorted by name, hidden ones skipped, symbolic links followed,
 *    directory loops detected by the (device, inode) pairs of the
 *    directories on the current path) for *.txt, *.md, *.txt.gz and
 *    *.md.gz files; a PATH that is a file is taken whatever its name.
 *    The document id is the path relative to the PATH argument (the
 *    file name for a file argument) without those extensions.  The
 *    walk also sums the sizes, for the progress line's ETA.
 * 2. Index: pilcrow_index_file() for each file; unchanged files are
 *    skipped by the library.  A file that cannot be read or parsed is a
 *    warning and the run goes on; a write error ends it (exit 2, the
 *    index stays at its last commit).  --prune then deletes the records
 *    of files that are gone, and a final commit makes it all visible.
 * 3. On a new or empty index (with -j N, or one worker by default),
 *    the files are split into N shards balanced by size, each indexed
 *    by its own thread into a shard of the library's parallel build
 *    (pilcrow_db_build_begin() to _clean()), and the shards are merged
 *    in DIR's place: a new index is always compact.
 * 4. With --shards N, DIR is a sharded index: N indexes DIR/shard0 ...
 *    named by the stub database file DIR/XAPIANDB, each file placed by
 *    a stable hash of its document id and each shard updated in place
 *    by its own thread (index_sharded()); pilcrow compact merges them.
 *
 * stderr: warnings naming the file, a progress line when stderr is a
 * terminal, and a one-line summary, the last two unless --quiet.
 * Exit 0 when the run succeeded (warnings or not), 2 when nothing could
 * be indexed because of errors, or on a write error.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_JOBS 64

/* One file to index. */
struct entry {
    char *path;                 /* As reached from the PATH argument. */
    char *doc;                  /* Document id. */
    uint64_t size;              /* Bytes, at walk time. */
    size_t order;               /* Position in walk order. */
    int skip;                   /* Not to be indexed (duplicate id). */
};

/* The files of a run, in walk order. */
struct list {
    struct entry *v;
    size_t n, cap;
};

/* A directory on the current walk path: its (device, inode) pair and
 * its parent's, up to the PATH argument.  They live on the C stack of
 * walk_dir()'s recursion. */
struct dir_id {
    dev_t dev;
    ino_t ino;
    const struct dir_id *parent;
};

/* What a run shares between the walk, the workers and the progress
 * line.  Counters are guarded by LOCK once workers run. */
struct run {
    struct cli_ctx *ctx;
    pthread_mutex_t lock;
    int progress;               /* Show the progress line. */
    int progress_shown;         /* A progress line is on screen. */
    double t0;                  /* Start, seconds (monotonic). */
    double last_shown;          /* When the progress line was drawn. */
    size_t n_files;             /* Files to index. */
    uint64_t total_bytes;       /* Their size. */
    size_t done_files;
    uint64_t done_bytes;
    size_t indexed;             /* Documents (re)indexed. */
    size_t records;             /* Their records. */
    size_t unchanged;           /* Files skipped as unchanged. */
    size_t warnings;            /* Warnings printed. */
    size_t errors;              /* Paths or files that failed. */
    int workers_done;           /* Threads of a parallel build ended. */
    const char *lang;           /* --lang: for files that name none */
};

/* One worker: a database handle and the files it indexes. */
struct worker {
    struct run *run;
    pilcrow_db *db;
    const char *db_path;        /* For messages. */
    struct entry **files;
    size_t n_files;
    int fatal;                  /* A write error stopped the worker. */
    char *fatal_msg;            /* malloc'd. */
    int prune;                  /* --shards: prune the shard too. */
    size_t n_pruned;            /* Documents it pruned. */
    pthread_t thread;
};

/* ------------------------------------------------------------------ */
/* Messages and progress                                               */
/* ------------------------------------------------------------------ */

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wipe the progress line, if one is shown.  Caller holds the lock (or
 * runs alone). */
static void
clear_progress(struct run *run)
{
    if (run->progress_shown) {
        fprintf(stderr, "\r%79s\r", "");
        run->progress_shown = 0;
    }
}

/* Draw the progress line if it is due (at most ten times a second) or
 * FORCE.  Caller holds the lock (or runs alone). */
static void
show_progress(struct run *run, int force)
{
    double t = now(), elapsed, rate, eta;
    char eta_s[32];

    if (!run->progress || (!force && t - run->last_shown < 0.1))
        return;
    run->last_shown = t;
    elapsed = t - run->t0;
    rate = elapsed > 0 ? (double)run->done_bytes / elapsed : 0;
    if (rate > 0 && run->total_bytes >= run->done_bytes) {
        eta = (double)(run->total_bytes - run->done_bytes) / rate;
        snprintf(eta_s, sizeof(eta_s), "%d:%02d", (int)(eta / 60),
                 (int)eta % 60);
    } else {
        snprintf(eta_s, sizeof(eta_s), "-:--");
    }
    fprintf(stderr, "\rindexing: %zu/%zu files, %zu records, %.1f MB/s, "
            "ETA %s   ", run->done_files, run->n_files, run->records,
            rate / 1e6, eta_s);
    run->progress_shown = 1;
}

/* A warning: "pilcrow: index: MESSAGE", counted.  IS_ERROR: a path or
 * file that could not be indexed (counted for the exit status). */
static void
run_warn(struct run *run, int is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
run_warn(struct run *run, int is_error, const char *fmt, ...)
{
    va_list ap;
    char msg[1024];

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&run->lock);
    clear_progress(run);
    cli_error(run->ctx, "%s", msg);
    run->warnings++;
    if (is_error)
        run->errors++;
    pthread_mutex_unlock(&run->lock);
}

/* The library's warning callback; PAYLOAD is the struct run. */
static void
lib_warn(const char *message, void *payload)
{
    run_warn(payload, 0, "%s", message);
}

/* ------------------------------------------------------------------ */
/* Walking                                                             */
/* ------------------------------------------------------------------ */

/* The length of NAME without an indexable extension (.txt, .md,
 * .txt.gz, .md.gz, in any case), or 0 if it has none. */
static size_t
indexable(const char *name)
{
    static const char *const exts[] = { ".txt.gz", ".md.gz", ".txt",
                                        ".md" };
    size_t len = strlen(name), el, i;

    for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        el = strlen(exts[i]);
        if (len > el && strcasecmp(name + len - el, exts[i]) == 0)
            return len - el;
    }
    return 0;
}

/* A new string: the N bytes at S. */
static char *
strndup_or_null(const char *s, size_t n)
{
    char *d = malloc(n + 1);

    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* A new string: DIR "/" NAME (without doubling a trailing slash). */
static char *
join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir);

    return cli_join(dir, dl > 0 && dir[dl - 1] != '/' ? "/" : "", name);
}

/* Add file PATH with document id DOC (DOC_LEN bytes) to L.  Returns 0,
 * or -1 when out of memory. */
static int
list_add(struct list *l, const char *path, const char *doc, size_t doc_len,
         uint64_t size)
{
    struct entry *e;

    if (l->n == l->cap) {
        size_t cap = l->cap > 0 ? l->cap * 2 : 256;

        if ((e = realloc(l->v, cap * sizeof(*e))) == NULL)
            return -1;
        l->v = e;
        l->cap = cap;
    }
    e = &l->v[l->n];
    e->path = strdup(path);
    e->doc = strndup_or_null(doc, doc_len);
    if (e->path == NULL || e->doc == NULL) {
        free(e->path);
        free(e->doc);
        return -1;
    }
    e->size = size;
    e->order = l->n;
    e->skip = 0;
    l->n++;
    return 0;
}

static void
list_free(struct list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].doc);
    }
    free(l->v);
}

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk directory DIR (identified by SELF, which links to its
 * ancestors) and add its indexable files to L; document ids are paths
 * from ROOT_LEN bytes into the path on.  Problems are warnings.
 * Returns 0, or -1 when out of memory. */
static int
walk_dir(struct run *run, struct list *l, const char *dir, size_t root_len,
         const struct dir_id *self)
{
    DIR *d;
    struct dirent *de;
    struct stat sb;
    struct dir_id child;
    const struct dir_id *up;
    char **names = NULL, **nn, *path;
    size_t n = 0, cap = 0, i, base;
    int rc = 0;

    if ((d = opendir(dir)) == NULL) {
        run_warn(run, 1, "%s: %s", dir, strerror(errno));
        return 0;
    }
    while ((errno = 0, de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;           /* ".", "..", hidden files. */
        if (n == cap) {
            cap = cap > 0 ? cap * 2 : 64;
            if ((nn = realloc(names, cap * sizeof(*nn))) == NULL) {
                rc = -1;
                goto out;
            }
            names = nn;
        }
        if ((names[n] = strdup(de->d_name)) == NULL) {
            rc = -1;
            goto out;
        }
        n++;
    }
    if (errno != 0)
        run_warn(run, 1, "%s: %s", dir, strerror(errno));
    if (n > 1)
        qsort(names, n, sizeof(*names), compare_names);
    for (i = 0; i < n && rc == 0; i++) {
        if ((path = join_path(dir, names[i])) == NULL) {
            rc = -1;
            break;
        }
        if (stat(path, &sb) < 0) {
            run_warn(run, 1, "%s: %s", path, strerror(errno));
        } else if (S_ISDIR(sb.st_mode)) {
            for (up = self; up != NULL; up = up->parent)
                if (up->dev == sb.st_dev && up->ino == sb.st_ino)
                    break;
            if (up != NULL) {
                run_warn(run, 0, "%s: directory loop, skipped", path);
            } else {
                child.dev = sb.st_dev;
                child.ino = sb.st_ino;
                child.parent = self;
                rc = walk_dir(run, l, path, root_len, &child);
            }
        } else if (S_ISREG(sb.st_mode)
                   && (base = indexable(names[i])) > 0) {
            rc = list_add(l, path, path + root_len,
                          strlen(path + root_len) - strlen(names[i]) + base,
                          (uint64_t)sb.st_size);
        }
        free(path);
    }
out:
    closedir(d);
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* Add what PATH (an argument) names to L.  Returns 0, or -1 when out of
 * memory. */
static int
walk_arg(struct run *run, struct list *l, const char *path)
{
    struct stat sb;
    struct dir_id self;
    const char *name;
    size_t root_len, base;

    if (stat(path, &sb) < 0) {
        run_warn(run, 1, "%s: %s", path, strerror(errno));
        return 0;
    }
    if (S_ISDIR(sb.st_mode)) {
        self.dev = sb.st_dev;
        self.ino = sb.st_ino;
        self.parent = NULL;
        root_len = strlen(path);
        if (root_len > 0 && path[root_len - 1] != '/')
            root_len++;         /* The "/" join_path() adds. */
        return walk_dir(run, l, path, root_len, &self);
    }
    if (!S_ISREG(sb.st_mode)) {
        run_warn(run, 1, "%s: not a file or directory, skipped", path);
        return 0;
    }
    name = strrchr(path, '/');
    name = name != NULL ? name + 1 : path;
    base = indexable(name);
    return list_add(l, path, name, base > 0 ? base : strlen(name),
                    (uint64_t)sb.st_size);
}

static int
compare_docs(const void *a, const void *b)
{
    const struct entry *ea = *(struct entry *const *)a;
    const struct entry *eb = *(struct entry *const *)b;
    int c = strcmp(ea->doc, eb->doc);

    if (c != 0)
        return c;
    return ea->order < eb->order ? -1 : ea->order > eb->order;
}

/* Mark every file of L whose document id an earlier file already has
 * (a.txt and a.md, or the same file named twice) as skipped, with a
 * warning: indexing both would silently replace one by the other.
 * Returns 0, or -1 when out of memory. */
static int
skip_duplicates(struct run *run, struct list *l)
{
    struct entry **byid;
    size_t i;

    if (l->n < 2)
        return 0;
    if ((byid = malloc(l->n * sizeof(*byid))) == NULL)
        return -1;
    for (i = 0; i < l->n; i++)
        byid[i] = &l->v[i];
    qsort(byid, l->n, sizeof(*byid), compare_docs);
    for (i = 1; i < l->n; i++) {
        if (strcmp(byid[i]->doc, byid[i - 1]->doc) != 0)
            continue;
        byid[i]->skip = 1;
        /* A file named twice is not worth a warning. */
        if (strcmp(byid[i]->path, byid[i - 1]->path) != 0)
            run_warn(run, 0, "%s: document id %s is also %s's; skipped",
                     byid[i]->path, byid[i]->doc, byid[i - 1]->path);
    }
    for (i = 0; i < l->n; i++)
        if (l->v[i].skip)
            run->n_files--;
    free(byid);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Indexing                                                            */
/* ------------------------------------------------------------------ */

/* Index W's files into W->db.  Per-file problems are warnings; a write
 * error sets W->fatal and W->fatal_msg and stops the worker. */
static void
index_files(struct worker *w)
{
    struct run *run = w->run;
    pilcrow_parse_options opts = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_status st;
    struct entry *e;
    size_t i, n;
    const char *msg;

    opts.warn = lib_warn;
    opts.warn_payload = run;
    opts.language = run->lang;
    for (i = 0; i < w->n_files && !w->fatal; i++) {
        e = w->files[i];
        opts.doc = e->doc;
        n = 0;
        st = pilcrow_index_file(w->db, e->path, &opts, &n);
        msg = pilcrow_db_errmsg(w->db);
        switch (st) {
        case PILCROW_OK:
        case PILCROW_UNCHANGED:
            break;
        case PILCROW_BADINPUT:
        case PILCROW_IO:
        case PILCROW_NOTFOUND:
        case PILCROW_INVALID:
            if (msg[0] != '\0')
                run_warn(run, 1, "%s", msg);
            else
                run_warn(run, 1, "%s: %s", e->path,
                         pilcrow_status_str(st));
            break;
        default:
            w->fatal = 1;
            w->fatal_msg = strdup(msg[0] != '\0' ? msg
                                  : pilcrow_status_str(st));
            break;
        }
        pthread_mutex_lock(&run->lock);
        if (st == PILCROW_OK) {
            run->indexed++;
            run->records += n;
        } else if (st == PILCROW_UNCHANGED) {
            run->unchanged++;
        }
        run->done_files++;
        run->done_bytes += e->size;
        show_progress(run, 0);
        pthread_mutex_unlock(&run->lock);
    }
}

/* Draw RUN's progress until the STARTED workers W have finished, then
 * join them and clear the progress line. */
static void
await_workers(struct run *run, struct worker *w, int started)
{
    int k, done;

    for (;;) {
        struct timespec ts = { 0, 100 * 1000 * 1000 };

        pthread_mutex_lock(&run->lock);
        done = run->workers_done >= started;
        show_progress(run, 0);
        pthread_mutex_unlock(&run->lock);
        if (done)
            break;
        nanosleep(&ts, NULL);
    }
    for (k = 0; k < started; k++)
        pthread_join(w[k].thread, NULL);
    pthread_mutex_lock(&run->lock);
    clear_progress(run);
    pthread_mutex_unlock(&run->lock);
}

/* The work of a parallel build's thread: open the shard, index,
 * commit, close.  Failures set W->fatal and W->fatal_msg. */
static void
worker_run(struct worker *w)
{
    pilcrow_status st;
    char *err = NULL;

    /* A shard is rebuilt if anything goes wrong: no need to wait for
     * the disk at its commits.  The merged index is written anew. */
    st = pilcrow_db_open(&w->db, w->db_path,
                         PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE |
                         PILCROW_OPEN_NOSYNC, &err);
    if (st < 0) {
        w->fatal = 1;
        w->fatal_msg = strdup(err != NULL ? err : pilcrow_status_str(st));
        pilcrow_free(err);
        return;
    }
    pilcrow_free(err);
    index_files(w);
    if (!w->fatal && (st = pilcrow_index_commit(w->db)) < 0) {
        w->fatal = 1;
        w->fatal_msg = strdup(pilcrow_db_errmsg(w->db));
    }
    pilcrow_db_close(w->db);
    w->db = NULL;
}

/* A worker thread: its work, then one more in run->workers_done. */
static void *
worker_main(void *arg)
{
    struct worker *w = arg;

    worker_run(w);
    pthread_mutex_lock(&w->run->lock);
    w->run->workers_done++;
    pthread_mutex_unlock(&w->run->lock);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* A parallel build                                                    */
/* ------------------------------------------------------------------ */

/* Create the parent directories of PATH, as mkdir -p (errors are left
 * for opening the index to report). */
static void
make_parents(const char *path)
{
    char *p = strdup(path), *s;

    if (p == NULL)
        return;
    for (s = p + 1; *s != '\0'; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        mkdir(p, 0777);
        *s = '/';
    }
    free(p);
}

static int
compare_size_desc(const void *a, const void *b)
{
    const struct entry *ea = *(struct entry *const *)a;
    const struct entry *eb = *(struct entry *const *)b;

    if (ea->size != eb->size)
        return ea->size > eb->size ? -1 : 1;
    return ea->order < eb->order ? -1 : ea->order > eb->order;
}

static int
compare_order(const void *a, const void *b)
{
    const struct entry *ea = *(struct entry *const *)a;
    const struct entry *eb = *(struct entry *const *)b;

    return ea->order < eb->order ? -1 : ea->order > eb->order;
}

/* Build the index DIR from the files of L with N_JOBS workers, each
 * into its shard of the library's parallel build (see the top of the
 * file).  DB is DIR, open for writing (holding the lock) and empty; it
 * is closed here (*DB set to NULL).  Returns 0, or -1 after a
 * message. */
static int
index_parallel(struct run *run, struct list *l, const char *dir,
               pilcrow_db **db, int n_jobs)
{
    struct worker w[MAX_JOBS];
    uint64_t load[MAX_JOBS];
    struct entry **bysize = NULL;
    char *err = NULL, *shard;
    size_t i, n = 0;
    int k, best, begun = 0, started = 0, rc = -1;
    pilcrow_status st;

    memset(w, 0, sizeof(w));
    if ((bysize = malloc((l->n + 1) * sizeof(*bysize))) == NULL)
        goto nomem;
    begun = 1;
    if ((st = pilcrow_db_build_begin(dir, &err)) < 0)
        goto fail;

    /* Largest files first, each to the least loaded shard. */
    for (i = 0; i < l->n; i++)
        if (!l->v[i].skip)
            bysize[n++] = &l->v[i];
    qsort(bysize, n, sizeof(*bysize), compare_size_desc);
    for (k = 0; k < n_jobs; k++) {
        load[k] = 0;
        w[k].run = run;
        if ((w[k].files = malloc((n + 1) * sizeof(*w[k].files))) == NULL)
            goto nomem;
        if (pilcrow_db_build_shard(&shard, dir, (size_t)k) < 0)
            goto nomem;
        w[k].db_path = shard;
    }
    for (i = 0; i < n; i++) {
        best = 0;
        for (k = 1; k < n_jobs; k++)
            if (load[k] < load[best])
                best = k;
        w[best].files[w[best].n_files++] = bysize[i];
        load[best] += bysize[i]->size + 1;
    }

    for (k = 0; k < n_jobs; k++) {
        qsort(w[k].files, w[k].n_files, sizeof(*w[k].files), compare_order);
        if (pthread_create(&w[k].thread, NULL, worker_main, &w[k]) != 0) {
            cli_error(run->ctx, "cannot start a worker thread");
            break;
        }
        started++;
    }
    await_workers(run, w, started);
    for (k = 0; k < n_jobs; k++) {
        if (w[k].fatal) {
            cli_error(run->ctx, "%s",
                      w[k].fatal_msg != NULL ? w[k].fatal_msg
                      : "a worker failed");
            goto out;
        }
    }
    if (started < n_jobs)
        goto out;

    /* Merge, then put the result in DIR's place (closing *DB). */
    if ((st = pilcrow_db_build_finish(dir, (size_t)n_jobs, db, &err)) < 0)
        goto fail;
    rc = 0;
    goto out;
nomem:
    cli_error(run->ctx, "out of memory");
    goto out;
fail:
    cli_error(run->ctx, "%s", err != NULL ? err : pilcrow_status_str(st));
out:
    pilcrow_free(err);
    err = NULL;
    if (begun && (st = pilcrow_db_build_clean(dir, &err)) < 0)
        cli_error(run->ctx, "%s", err != NULL ? err
                  : pilcrow_status_str(st));
    for (k = 0; k < n_jobs; k++) {
        free(w[k].files);
        free(w[k].fatal_msg);
        pilcrow_free((char *)w[k].db_path);
    }
    pilcrow_free(err);
    free(bysize);
    return rc;
}

/* ------------------------------------------------------------------ */
/* A sharded index (--shards N)                                        */
/* ------------------------------------------------------------------ */

/* The shard of document DOC among N: 64-bit FNV-1a of its id, modulo
 * N.  Stable across runs and machines, so that a changed file is
 * re-indexed into the shard that holds it.  The library asks this
 * shard first for the document's metadata (src/xapian-shim/db.cc,
 * pcx_db_get_metadata): keep the two the same. */
static int
shard_of(const char *doc, int n)
{
    uint64_t h = 14695981039346656037u;
    const unsigned char *p;

    for (p = (const unsigned char *)doc; *p != '\0'; p++) {
        h ^= *p;
        h *= 1099511628211u;
    }
    return (int)(h % (uint64_t)n);
}

/* The number of shards the stub database file STUB names ("auto
 * shardK" lines), 0 if there is no such file, -1 if it cannot be read
 * or is not one "pilcrow index --shards" wrote. */
static int
count_stub_shards(const char *stub)
{
    FILE *f = fopen(stub, "r");
    char line[256], want[64];
    int n = 0;

    if (f == NULL)
        return errno == ENOENT ? 0 : -1;
    while (fgets(line, sizeof(line), f) != NULL) {
        snprintf(want, sizeof(want), "auto shard%d\n", n);
        if (strcmp(line, want) != 0) {
            n = -1;
            break;
        }
        n++;
    }
    fclose(f);
    return n == 0 ? -1 : n;
}

/* Write the stub database file STUB naming N shards, through a
 * temporary file renamed into place.  Returns 0 or -1 with errno. */
static int
write_stub(const char *stub, int n)
{
    char tmp[4096];
    FILE *f;
    int k, ok;

    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", stub) >= sizeof(tmp)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if ((f = fopen(tmp, "w")) == NULL)
        return -1;
    for (k = 0; k < n; k++)
        fprintf(f, "auto shard%d\n", k);
    ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (fclose(f) != 0 || !ok || rename(tmp, stub) != 0) {
        int e = errno;
        remove(tmp);
        errno = e;
        return -1;
    }
    return 0;
}

/* The work of a shard's thread: index its files into its open index,
 * prune it if asked, commit.  Failures set W->fatal and W->fatal_msg. */
static void *
shard_main(void *arg)
{
    struct worker *w = arg;

    index_files(w);
    if (!w->fatal && w->prune &&
        pilcrow_index_prune(w->db, &w->n_pruned) < 0) {
        w->fatal = 1;
        w->fatal_msg = strdup(pilcrow_db_errmsg(w->db));
    }
    if (!w->fatal && pilcrow_index_commit(w->db) < 0) {
        w->fatal = 1;
        w->fatal_msg = strdup(pilcrow_db_errmsg(w->db));
    }
    pthread_mutex_lock(&w->run->lock);
    w->run->workers_done++;
    pthread_mutex_unlock(&w->run->lock);
    return NULL;
}

/* Index the files of L into the sharded index DIR of N_SHARDS shards,
 * DIR/shard0 ... DIR/shardN-1, named by the stub file DIR/XAPIANDB
 * (made when absent): each file goes to the shard of its document id
 * (shard_of), and each shard is written by its own thread, updated in
 * place.  PRUNE: each shard prunes its files that are gone.  Adds the
 * pruned count to *N_PRUNED.  Returns 0, or -1 after a message. */
static int
index_sharded(struct run *run, struct list *l, const char *dir,
              int n_shards, int prune, size_t *n_pruned)
{
    struct worker w[MAX_JOBS];
    char stub[4096], path[4096];
    char *err = NULL;
    struct stat sb;
    pilcrow_status st;
    size_t i;
    int k, had, started = 0, rc = -1;

    memset(w, 0, sizeof(w));
    if ((size_t)snprintf(stub, sizeof(stub), "%s/XAPIANDB", dir)
        >= sizeof(stub)) {
        cli_error(run->ctx, "%s: path too long", dir);
        return -1;
    }
    make_parents(stub);
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        cli_error(run->ctx, "cannot create sharded index %s: %s", dir,
                  stat(dir, &sb) != 0 ? strerror(errno)
                  : "not a directory");
        return -1;
    }
    if ((had = count_stub_shards(stub)) < 0) {
        cli_error(run->ctx, "%s is not a sharded index pilcrow wrote "
                  "(its XAPIANDB names other databases)", dir);
        return -1;
    }
    if (had == 0 && (size_t)snprintf(path, sizeof(path), "%s/iamglass", dir)
        < sizeof(path) && stat(path, &sb) == 0) {
        cli_error(run->ctx, "%s is an index of one database: --shards "
                  "needs a new directory or a sharded index", dir);
        return -1;
    }
    if (had != 0 && had != n_shards) {
        cli_error(run->ctx, "%s has %d shards, not %d: documents are "
                  "placed by a hash of their id, so the number of shards "
                  "cannot change; index into a new directory", dir, had,
                  n_shards);
        return -1;
    }
    /* Open (and lock) every shard first, so that a second run fails
     * at once and no shard is written unless all can be. */
    for (k = 0; k < n_shards; k++) {
        w[k].run = run;
        w[k].prune = prune;
        snprintf(path, sizeof(path), "%s/shard%d", dir, k);
        if ((w[k].db_path = strdup(path)) == NULL ||
            (w[k].files = malloc((l->n + 1) * sizeof(*w[k].files)))
            == NULL) {
            cli_error(run->ctx, "out of memory");
            goto out;
        }
        st = pilcrow_db_open(&w[k].db, path,
                             PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE, &err);
        if (st < 0) {
            if (st == PILCROW_LOCKED)
                cli_error(run->ctx, "index %s is locked by another "
                          "pilcrow index run", path);
            else
                cli_error(run->ctx, "%s", err != NULL ? err
                          : pilcrow_status_str(st));
            goto out;
        }
        pilcrow_free(err);
        err = NULL;
    }
    if (had == 0 && write_stub(stub, n_shards) != 0) {
        cli_error(run->ctx, "cannot write %s: %s", stub, strerror(errno));
        goto out;
    }
    for (i = 0; i < l->n; i++) {
        if (l->v[i].skip)
            continue;
        k = shard_of(l->v[i].doc, n_shards);
        w[k].files[w[k].n_files++] = &l->v[i];
    }
    for (k = 0; k < n_shards; k++) {
        if (pthread_create(&w[k].thread, NULL, shard_main, &w[k]) != 0) {
            cli_error(run->ctx, "cannot start a worker thread");
            break;
        }
        started++;
    }
    await_workers(run, w, started);
    rc = started == n_shards ? 0 : -1;
    for (k = 0; k < started; k++) {
        *n_pruned += w[k].n_pruned;
        if (w[k].fatal) {
            cli_error(run->ctx, "%s: %s", w[k].db_path,
                      w[k].fatal_msg != NULL ? w[k].fatal_msg
                      : "a worker failed");
            rc = -1;
        }
    }
out:
    pilcrow_free(err);
    for (k = 0; k < n_shards; k++) {
        pilcrow_db_close(w[k].db);
        free(w[k].files);
        free(w[k].fatal_msg);
        free((char *)w[k].db_path);
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* The command                                                         */
/* ------------------------------------------------------------------ */

int
cmd_index(struct cli_ctx *ctx, int argc, char **argv)
{
    struct run run;
    struct list files;
    struct worker w;
    pilcrow_stats stats;
    pilcrow_db *db = NULL;
    pilcrow_status st;
    const char *dir;
    char *err = NULL;
    int n_paths, prune = 0, quiet = 0, status = CLI_EXIT_ERROR;
    int i, parallel = 0;
    long jobs = 1, shards = 0;
    size_t k, n_pruned = 0;
    const char *lang = NULL;
    const struct cli_option options[] = {
        CLI_FLAG("prune", 0, &prune, 1),
        CLI_FLAG("quiet", 'q', &quiet, 1),
        CLI_COUNT("jobs", 'j', &jobs, 1, MAX_JOBS),
        CLI_COUNT("shards", 0, &shards, 1, MAX_JOBS),
        CLI_STRING("lang", 0, &lang),
        CLI_END
    };

    /* The paths are then argv[0] to argv[n_paths - 1]. */
    if ((n_paths = cli_parse_args(&status, ctx, argc, argv, options)) < 0)
        return status;
    if (n_paths == 0 && !prune)
        return cli_usage_error(ctx, "no file or directory given");
    if (cli_check_lang(ctx, lang) != 0)
        return CLI_EXIT_ERROR;
    memset(&run, 0, sizeof(run));
    memset(&files, 0, sizeof(files));
    memset(&w, 0, sizeof(w));
    run.ctx = ctx;
    run.lang = lang;
    pthread_mutex_init(&run.lock, NULL);
    if ((dir = cli_db_path(ctx)) == NULL)
        goto out;
    run.t0 = now();
    run.progress = !quiet && isatty(STDERR_FILENO);

    /* Open (and lock) first, so that a second run fails at once; a
     * sharded index opens its shards in index_sharded(). */
    make_parents(dir);
    st = shards > 0 ? PILCROW_OK : pilcrow_db_open(&db, dir, PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE,
                         &err);
    if (st == PILCROW_LOCKED) {
        cli_error(ctx, "index %s is locked by another pilcrow index run",
                  dir);
        goto out;
    }
    if (st < 0) {
        cli_error(ctx, "%s", err != NULL && err[0] != '\0' ? err
                  : pilcrow_status_str(st));
        goto out;
    }
    /* With the lock held no parallel build of DIR runs: DIR.shards is
     * what one killed after its merge took DIR's place left behind. */
    if (db != NULL) {
        pilcrow_free(err);
        err = NULL;
        if (pilcrow_db_build_clean(dir, &err) < 0)
            run_warn(&run, 0, "%s", err != NULL ? err : "cannot remove "
                     "what an earlier parallel build left");
    }

    for (i = 0; i < n_paths; i++) {
        if (walk_arg(&run, &files, argv[i]) < 0) {
            cli_error(ctx, "out of memory");
            goto out;
        }
    }
    run.n_files = files.n;
    if (skip_duplicates(&run, &files) < 0) {
        cli_error(ctx, "out of memory");
        goto out;
    }
    for (k = 0; k < files.n; k++)
        if (!files.v[k].skip)
            run.total_bytes += files.v[k].size;

    /* A new index is built as shards (one per worker) compacted into
     * the index, also with one worker: a compacted index is about half
     * the size of one grown in place.  An index that has documents is
     * updated in place by one worker. */
    if (shards > 0) {
        if (jobs > 1 && !quiet)
            cli_error(ctx, "-j %ld: with --shards, each shard has its "
                      "worker", jobs);
        if (index_sharded(&run, &files, dir, (int)shards, prune,
                          &n_pruned) < 0)
            goto out;
    } else if (run.n_files > 0) {
        st = pilcrow_db_stats(&stats, db);
        if (st >= 0 && stats.records == 0 && stats.documents == 0) {
            parallel = 1;
        } else if (jobs > 1 && !quiet) {
            cli_error(ctx, "-j %ld: %s is not empty; indexing with one "
                      "worker", jobs, dir);
        }
    }
    if (shards > 0) {
        /* Done above. */
    } else if (parallel) {
        if (jobs > (long)run.n_files)
            jobs = (long)run.n_files;
        if (index_parallel(&run, &files, dir, &db, (int)jobs) < 0)
            goto out;
    } else {
        w.run = &run;
        w.db = db;
        w.db_path = dir;
        if ((w.files = malloc((files.n + 1) * sizeof(*w.files))) == NULL) {
            cli_error(ctx, "out of memory");
            goto out;
        }
        for (k = 0; k < files.n; k++)
            if (!files.v[k].skip)
                w.files[w.n_files++] = &files.v[k];
        index_files(&w);
        clear_progress(&run);
        if (w.fatal) {
            cli_error(ctx, "%s", w.fatal_msg != NULL ? w.fatal_msg
                      : "write error");
            goto out;
        }
        if (prune && (st = pilcrow_index_prune(db, &n_pruned)) < 0) {
            cli_error(ctx, "%s", pilcrow_db_errmsg(db));
            goto out;
        }
        if ((st = pilcrow_index_commit(db)) < 0) {
            cli_error(ctx, "%s", pilcrow_db_errmsg(db));
            goto out;
        }
    }

    if (!quiet) {
        fprintf(stderr, "indexed %zu documents (%zu records), skipped %zu "
                "unchanged, ", run.indexed, run.records, run.unchanged);
        if (prune)
            fprintf(stderr, "pruned %zu, ", n_pruned);
        fprintf(stderr, "%zu warnings in %.2f s\n", run.warnings,
                now() - run.t0);
    }
    if (run.indexed + run.unchanged == 0 && run.errors > 0)
        status = CLI_EXIT_ERROR;
    else
        status = CLI_EXIT_OK;
out:
    pilcrow_db_close(db);
    pilcrow_free(err);
    free(w.files);
    free(w.fatal_msg);
    list_free(&files);
    pthread_mutex_destroy(&run.lock);
    return status;
}
