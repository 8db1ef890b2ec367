/*
 * dir.c - the index directory on disk: which files in it are the
 * engine's (a Xapian glass database), and the parallel build that
 * replaces it: shards in DIR.shards/K, merged into DIR.new, renamed DIR.
 *
 * Nothing here removes a file it does not know as an index file: a
 * directory holding anything else is left alone and the call fails
 * with PILCROW_EXISTS, so a mistyped --db never deletes documents.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pilcrow-private.h"

/* Where a parallel build of DIR writes: its shards, one index each in
 * a numbered directory, and the merged index before it becomes DIR. */
#define SHARDS_SUFFIX ".shards"
#define MERGED_SUFFIX ".new"
#define OLD_SUFFIX ".old"       /* DIR moved aside for the merged one */

/* Is NAME a file Xapian keeps in a glass database directory (its
 * version file, lock file, tables and their temporary files), or "."
 * or ".."? */
static int
is_index_file(const char *name)
{
    size_t len = strlen(name);

    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0
           || strcmp(name, "iamglass") == 0
           || strcmp(name, "flintlock") == 0
           || strcmp(name, PC_DIR_CHECKED) == 0
           || (len > 6 && strcmp(name + len - 6, ".glass") == 0)
           || (len > 4 && strncmp(name + len - 4, ".tmp", 4) == 0)
           || strstr(name, ".glass.") != NULL;
}

/* True if PATH/NAME exists. */
static int
has_file(const char *path, const char *name)
{
    char tmp[4096];
    struct stat sb;

    if ((size_t)snprintf(tmp, sizeof(tmp), "%s/%s", path, name)
        >= sizeof(tmp))
        return 0;
    return stat(tmp, &sb) == 0;
}

int
pc_dir_holds_index(const char *path)
{
    return has_file(path, "iamglass") || has_file(path, "iamchert") ||
           has_file(path, "XAPIANDB");
}

const char *
pc_dir_missing_table(const char *path, int has_docs)
{
    /* No docdata.glass: records are values (index format 9), and glass
     * makes that table only for document data. */
    static const char *const others[] = {
        "termlist.glass", "position.glass"
    };
    size_t i;
    int postlist = has_file(path, "postlist.glass");

    for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
        if (has_file(path, others[i])) {
            if (!postlist)
                return "postlist.glass";
        } else if (has_docs) {
            return others[i];
        }
    }
    return has_docs && !postlist ? "postlist.glass" : NULL;
}

/* Mix the 64-bit value V into the FNV-1a hash H. */
static uint64_t
mix64(uint64_t h, uint64_t v)
{
    int i;

    for (i = 0; i < 8; i++, v >>= 8)
        h = (h ^ (v & 0xff)) * 0x100000001b3ull;
    return h;
}

/* The fingerprint of the engine's files in PATH: for each table, its
 * name, inode, size and the times it was last written and last changed
 * (the ctime no program can set back).  Any write to a table, Xapian's
 * or anyone's, changes it.  Files are combined in any order (readdir
 * gives no order).  Returns 0, or -1 if PATH cannot be read. */
static int
dir_fingerprint(const char *path, uint64_t *out)
{
    DIR *d = opendir(path);
    struct dirent *e;
    struct stat sb;
    char tmp[4096];
    uint64_t sum = 0, n = 0;

    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        const char *c;
        uint64_t h = 0xcbf29ce484222325ull;

        if (!is_index_file(e->d_name) || e->d_name[0] == '.'
            || strcmp(e->d_name, "flintlock") == 0
            || strcmp(e->d_name, PC_DIR_CHECKED) == 0)
            continue;
        if ((size_t)snprintf(tmp, sizeof(tmp), "%s/%s", path, e->d_name)
            >= sizeof(tmp) || stat(tmp, &sb) != 0) {
            closedir(d);
            return -1;
        }
        for (c = e->d_name; *c != '\0'; c++)
            h = (h ^ (unsigned char)*c) * 0x100000001b3ull;
        h = mix64(h, (uint64_t)sb.st_dev);
        h = mix64(h, (uint64_t)sb.st_ino);
        h = mix64(h, (uint64_t)sb.st_size);
        h = mix64(h, (uint64_t)sb.st_mtim.tv_sec);
        h = mix64(h, (uint64_t)sb.st_mtim.tv_nsec);
        h = mix64(h, (uint64_t)sb.st_ctim.tv_sec);
        h = mix64(h, (uint64_t)sb.st_ctim.tv_nsec);
        sum += h;
        n++;
    }
    closedir(d);
    *out = mix64(sum, n);
    return 0;
}

int
pc_dir_unchanged(const char *path)
{
    char name[4096], buf[64], want[64];
    uint64_t fp;
    ssize_t len;
    int fd;

    if (dir_fingerprint(path, &fp) < 0
        || (size_t)snprintf(name, sizeof(name), "%s/%s", path,
                            PC_DIR_CHECKED) >= sizeof(name)
        || (fd = open(name, O_RDONLY | O_CLOEXEC)) < 0)
        return 0;
    len = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (len <= 0)
        return 0;
    buf[len] = '\0';
    snprintf(want, sizeof(want), "pilcrow checked %016llx\n",
             (unsigned long long)fp);
    return strcmp(buf, want) == 0;
}

void
pc_dir_mark_checked(const char *path)
{
    char name[4096], tmp[4096 + 8], line[64];
    uint64_t fp;
    size_t len;
    int fd, ok;

    if ((size_t)snprintf(name, sizeof(name), "%s/%s", path, PC_DIR_CHECKED)
        >= sizeof(name) || pc_dir_unchanged(path))
        return;
    snprintf(tmp, sizeof(tmp), "%s.tmp", name);
    if (dir_fingerprint(path, &fp) < 0) {
        unlink(name);
        return;
    }
    len = (size_t)snprintf(line, sizeof(line), "pilcrow checked %016llx\n",
                           (unsigned long long)fp);
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0) {
        unlink(name);           /* a stale mark must not stay */
        return;
    }
    ok = write(fd, line, len) == (ssize_t)len;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, name) < 0) {
        unlink(tmp);
        unlink(name);
    }
}

/* A new string (pc_malloc'd): A, B and C end to end.  NULL when out
 * of memory. */
static char *
concat3(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = pc_malloc(la + lb + lc + 1);

    if (s != NULL) {
        memcpy(s, a, la);
        memcpy(s + la, b, lb);
        memcpy(s + la + lb, c, lc + 1);
    }
    return s;
}

/* Fail with the file-system error ERR (an errno value): if ERRMSG is
 * not NULL, *ERRMSG is FMT formatted, then ": " and the system's
 * reason, whatever their length (for pilcrow_free()).  Returns
 * PILCROW_EXISTS when ERR says a directory holds files that are not an
 * index's (they are in the way), PILCROW_NOMEM for ENOMEM, else
 * PILCROW_BACKEND. */
static pilcrow_status
fs_error(char **errmsg, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static pilcrow_status
fs_error(char **errmsg, int err, const char *fmt, ...)
{
    pilcrow_status st = err == ENOTEMPTY || err == EEXIST ? PILCROW_EXISTS
                        : err == ENOMEM ? PILCROW_NOMEM : PILCROW_BACKEND;
    const char *reason = strerror(err);
    va_list ap;
    size_t n, rl = strlen(reason);
    int len;

    if (errmsg == NULL)
        return st;
    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0 || (*errmsg = pc_malloc((n = (size_t)len) + rl + 3)) == NULL)
        return st;
    va_start(ap, fmt);
    vsnprintf(*errmsg, n + 1, fmt, ap);
    va_end(ap);
    memcpy(*errmsg + n, ": ", 2);
    memcpy(*errmsg + n + 2, reason, rl + 1);
    return st;
}

/* Remove directory PATH if it holds nothing but index files (or does
 * not exist).  Returns 0, or -1 with errno set; after ENOTEMPTY
 * (something else is in there) and ENOMEM (no memory for the paths)
 * nothing was removed. */
static int
remove_index_dir(const char *path)
{
    DIR *d;
    struct dirent *de;
    char *p;
    size_t dl = strlen(path), nl, longest = 0;
    int foreign = 0;

    if ((d = opendir(path)) == NULL)
        return errno == ENOENT ? 0 : -1;
    while ((de = readdir(d)) != NULL) {
        if (!is_index_file(de->d_name))
            foreign = 1;
        if ((nl = strlen(de->d_name)) > longest)
            longest = nl;
    }
    /* One buffer for every entry's path, so that running out of memory
     * cannot leave the index half removed. */
    if (foreign || (p = pc_malloc(dl + longest + 2)) == NULL) {
        closedir(d);
        errno = foreign ? ENOTEMPTY : ENOMEM;
        return -1;
    }
    memcpy(p, path, dl);
    p[dl] = '/';
    rewinddir(d);
    while ((de = readdir(d)) != NULL) {
        nl = strlen(de->d_name);
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0
            || nl > longest)
            continue;           /* Too long: it came since; rmdir says. */
        memcpy(p + dl + 1, de->d_name, nl + 1);
        unlink(p);
    }
    pc_free(p);
    closedir(d);
    return rmdir(path);
}

/* Remove the shard directory SHARDS of a build (or of an earlier one):
 * each numbered shard in it, as an index directory, then SHARDS itself.
 * A missing SHARDS is fine.  Returns 0, or -1 with errno set. */
static int
remove_shards(const char *shards)
{
    DIR *d;
    struct dirent *de;
    char *p;
    int rc = 0;

    if ((d = opendir(shards)) == NULL)
        return errno == ENOENT ? 0 : -1;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '\0'
            || strspn(de->d_name, "0123456789") != strlen(de->d_name))
            continue;           /* ".", "..", and what is not a shard. */
        if ((p = concat3(shards, "/", de->d_name)) == NULL) {
            errno = ENOMEM;
            rc = -1;
            break;
        }
        rc = remove_index_dir(p);
        pc_free(p);
    }
    closedir(d);
    if (rc == 0 && rmdir(shards) < 0 && errno != ENOENT)
        rc = -1;
    return rc;
}

/* Remove DIR.old, which a build killed while it moved DIR aside left.
 * Returns 0, or -1 with errno set. */
static int
remove_old(const char *dir)
{
    char *old = concat3(dir, OLD_SUFFIX, "");
    int rc;

    if (old == NULL) {
        errno = ENOMEM;
        return -1;
    }
    rc = remove_index_dir(old);
    pc_free(old);
    return rc;
}

pilcrow_status
pilcrow_db_build_begin(const char *dir, char **errmsg)
{
    char *shards = NULL, *merged = NULL;
    pilcrow_status st = PILCROW_OK;

    if (errmsg != NULL)
        *errmsg = NULL;
    if (dir == NULL || dir[0] == '\0')
        return pc_errmsg(errmsg, PILCROW_INVALID, "no index directory");
    if ((shards = concat3(dir, SHARDS_SUFFIX, "")) == NULL
        || (merged = concat3(dir, MERGED_SUFFIX, "")) == NULL)
        st = pc_errmsg(errmsg, PILCROW_NOMEM, "out of memory");
    else if (remove_shards(shards) < 0 || remove_index_dir(merged) < 0
             || remove_old(dir) < 0)
        st = fs_error(errmsg, errno, "cannot clear %s or %s from an "
                      "earlier run", shards, merged);
    else if (mkdir(shards, 0777) < 0)
        st = fs_error(errmsg, errno, "%s", shards);
    pc_free(shards);
    pc_free(merged);
    return st;
}

pilcrow_status
pilcrow_db_build_shard(char **out, const char *dir, size_t k)
{
    char num[32];

    if (out == NULL)
        return PILCROW_INVALID;
    *out = NULL;
    if (dir == NULL || dir[0] == '\0')
        return PILCROW_INVALID;
    snprintf(num, sizeof(num), "%zu", k);
    if ((*out = concat3(dir, SHARDS_SUFFIX "/", num)) == NULL)
        return PILCROW_NOMEM;
    return PILCROW_OK;
}

/* Close the handle at *LOCK, if any, and set it to NULL. */
static void
close_lock(pilcrow_db **lock)
{
    if (lock != NULL) {
        pilcrow_db_close(*lock);
        *lock = NULL;
    }
}

pilcrow_status
pilcrow_db_build_finish(const char *dir, size_t n_shards, pilcrow_db **lock,
                        char **errmsg)
{
    char **paths = NULL, *merged = NULL, *old = NULL;
    pilcrow_status st = PILCROW_OK;
    size_t k;

    if (errmsg != NULL)
        *errmsg = NULL;
    if (dir == NULL || dir[0] == '\0' || n_shards == 0) {
        st = pc_errmsg(errmsg, PILCROW_INVALID, "nothing to merge");
        goto out;
    }
    if ((merged = concat3(dir, MERGED_SUFFIX, "")) == NULL
        || (paths = pc_calloc(n_shards, sizeof(*paths))) == NULL) {
        st = pc_errmsg(errmsg, PILCROW_NOMEM, "out of memory");
        goto out;
    }
    for (k = 0; k < n_shards; k++) {
        if ((st = pilcrow_db_build_shard(&paths[k], dir, k)) < 0) {
            pc_errmsg(errmsg, st, "out of memory");
            goto out;
        }
    }
    st = pilcrow_db_merge(merged, (const char *const *)paths, n_shards,
                          errmsg);
    if (st < 0) {
        remove_index_dir(merged);
        goto out;
    }
    /* Fresh tables, written by the merge: the next writer need not
     * check them (moving the directory leaves its files' state as it
     * is). */
    pc_dir_mark_checked(merged);
    /* The caller's handle kept other writers out during the merge; it
     * must be gone before its files are. */
    close_lock(lock);
    /* DIR is moved aside whole, never emptied file by file: killed at
     * any moment, DIR is the old index, or absent (the next run builds
     * anew and clears DIR.new and DIR.old), or the merged one. */
    if ((old = concat3(dir, OLD_SUFFIX, "")) == NULL)
        st = pc_errmsg(errmsg, PILCROW_NOMEM, "out of memory");
    else if (remove_index_dir(old) < 0 || rename(dir, old) < 0 ||
             rename(merged, dir) < 0)
        st = fs_error(errmsg, errno, "cannot move %s to %s", merged, dir);
    else
        remove_index_dir(old);
out:
    close_lock(lock);
    if (paths != NULL)
        for (k = 0; k < n_shards; k++)
            pc_free(paths[k]);
    pc_free(paths);
    pc_free(merged);
    pc_free(old);
    return st;
}

pilcrow_status
pilcrow_db_build_clean(const char *dir, char **errmsg)
{
    pilcrow_status st = PILCROW_OK;
    char *shards;

    if (errmsg != NULL)
        *errmsg = NULL;
    if (dir == NULL || dir[0] == '\0')
        return pc_errmsg(errmsg, PILCROW_INVALID, "no index directory");
    if ((shards = concat3(dir, SHARDS_SUFFIX, "")) == NULL)
        return pc_errmsg(errmsg, PILCROW_NOMEM, "out of memory");
    if (remove_shards(shards) < 0 || remove_old(dir) < 0)
        st = fs_error(errmsg, errno, "cannot remove %s", shards);
    pc_free(shards);
    return st;
}
