/*
 * db.cc - opening, committing, inspecting and merging Xapian databases.
 */
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shim-int.hh"

extern "C" {
#include "pilcrow-private.h"
}

/* The status and message (in ERR) of the exception being handled,
 * thrown while opening a database.  Opening reads the version file and
 * the tables' root blocks: a plain DatabaseError there that no system
 * call caused ("dir_end invalid in block 22") is damage, as
 * DatabaseCorruptError is; for damage ERR holds Xapian's words alone,
 * else "PATH: words". */
static pilcrow_status
open_error(char *err, size_t err_size, const char *path) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &) {
        return pcx_from_exception(err, err_size, path);
    } catch (const Xapian::DatabaseCreateError &) {
        return pcx_from_exception(err, err_size, path);
    } catch (const Xapian::DatabaseOpeningError &) {
        return pcx_from_exception(err, err_size, path);
    } catch (const Xapian::DatabaseModifiedError &) {
        return pcx_from_exception(err, err_size, path);
    } catch (const Xapian::DatabaseCorruptError &e) {
        snprintf(err, err_size, "%s", e.get_msg().c_str());
        return PILCROW_CORRUPT;
    } catch (const Xapian::DatabaseError &e) {
        if (e.get_error_string() != NULL)
            return pcx_from_exception(err, err_size, path);
        snprintf(err, err_size, "%s", e.get_msg().c_str());
        return PILCROW_CORRUPT;
    } catch (...) {
        return pcx_from_exception(err, err_size, path);
    }
}

extern "C" pilcrow_status
pcx_db_open(pcx_db **out, const char *path, unsigned flags, char *err,
            size_t err_size)
{
    pcx_db *x = NULL;

    *out = NULL;
    err[0] = '\0';
    try {
        x = new pcx_db();
        x->msg[0] = '\0';
        x->db = NULL;
        x->wdb = NULL;
        if (flags & PILCROW_OPEN_WRITE) {
            int action = (flags & PILCROW_OPEN_CREATE)
                ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
            if (flags & PILCROW_OPEN_NOSYNC)
                action |= Xapian::DB_NO_SYNC;
            x->wdb = new Xapian::WritableDatabase(path,
                                                  action | Xapian::DB_BACKEND_GLASS);
            x->db = x->wdb;
        } else {
            x->db = new Xapian::Database(path);
        }
        *out = x;
        return PILCROW_OK;
    } catch (...) {
        pilcrow_status st = open_error(err, err_size, path);
        if (x != NULL) {
            delete x->db;
            delete x;
        }
        return st;
    }
}

/* Check the tables of the database at PATH, as xapian-check does (the
 * B-trees' structure, and the document lengths against the postings).
 * Returns the number of errors found; throws DatabaseCorruptError
 * for damage the check stops at, which Xapian reports as a plain
 * DatabaseError ("not in sorted order", "EOF reading block"): found
 * by a check, any of it is damage. */
static size_t
check_tables(const char *path)
{
    try {
        return Xapian::Database::check(path, 0, NULL);
    } catch (const Xapian::DatabaseCorruptError &) {
        throw;
    } catch (const Xapian::DatabaseError &e) {
        throw Xapian::DatabaseCorruptError(e.get_msg());
    }
}

/* The child's side of pcx_db_check(): check the tables at PATH, write
 * what was found to FD (nothing when they are sound) and end with 0
 * (sound), 1 (damaged) or 2 (the check failed otherwise).  Never
 * returns; runs no destructor and no atexit handler of the parent's. */
[[noreturn]] static void
check_child(const char *path, int fd)
{
    char msg[512];
    int code = 0;
    size_t len, done = 0;
    ssize_t n;

    msg[0] = '\0';
    try {
        size_t n_errors = check_tables(path);
        if (n_errors > 0) {
            snprintf(msg, sizeof(msg), "%zu error%s found in its tables",
                     n_errors, n_errors == 1 ? "" : "s");
            code = 1;
        }
    } catch (...) {
        code = pcx_from_exception(msg, sizeof(msg), "check")
               == PILCROW_CORRUPT ? 1 : 2;
    }
    len = strlen(msg);
    while (done < len && ((n = write(fd, msg + done, len - done)) > 0 ||
                          (n < 0 && errno == EINTR)))
        done += n > 0 ? (size_t)n : 0;
    _exit(code);
}

extern "C" pilcrow_status
pcx_db_check(pcx_db *x, const char *path, unsigned timeout)
{
    char msg[sizeof(x->msg)];
    size_t len = 0;
    ssize_t n;
    pid_t pid;
    int fds[2], wst;

    if (pipe(fds) < 0)
        return pcx_note(x, PILCROW_BACKEND, "check: %s", strerror(errno));
    if ((pid = fork()) < 0) {
        int err = errno;
        close(fds[0]);
        close(fds[1]);
        return pcx_note(x, err == ENOMEM || err == EAGAIN ? PILCROW_NOMEM
                        : PILCROW_BACKEND, "check: %s", strerror(err));
    }
    if (pid == 0) {
        close(fds[0]);
        alarm(timeout);         /* A hang ends in SIGALRM. */
        check_child(path, fds[1]);
    }
    close(fds[1]);
    while (len < sizeof(msg) - 1 &&
           ((n = read(fds[0], msg + len, sizeof(msg) - 1 - len)) > 0 ||
            (n < 0 && errno == EINTR)))
        len += n > 0 ? (size_t)n : 0;
    msg[len] = '\0';
    close(fds[0]);
    while (waitpid(pid, &wst, 0) < 0) {
        if (errno != EINTR)     /* ECHILD: the caller ignores SIGCHLD. */
            return pcx_note(x, PILCROW_BACKEND, "check: %s",
                            strerror(errno));
    }
    if (WIFSIGNALED(wst) && WTERMSIG(wst) == SIGALRM)
        return pcx_note(x, PILCROW_CORRUPT,
                        "check: reading its tables took over %u s", timeout);
    if (WIFSIGNALED(wst))
        return pcx_note(x, PILCROW_CORRUPT, "check: reading its tables "
                        "crashed the engine (%s)", strsignal(WTERMSIG(wst)));
    if (!WIFEXITED(wst))
        return pcx_note(x, PILCROW_BACKEND, "check: the check failed");
    if (WEXITSTATUS(wst) == 0)
        return PILCROW_OK;
    /* No message: the child died another way (a sanitizer's report
     * ends the process with its own status). */
    if (WEXITSTATUS(wst) > 2 || msg[0] == '\0')
        return pcx_note(x, PILCROW_CORRUPT, "check: reading its tables "
                        "failed (exit status %d)", WEXITSTATUS(wst));
    return pcx_note(x, WEXITSTATUS(wst) == 1 ? PILCROW_CORRUPT
                    : PILCROW_BACKEND, "%s", msg);
}

extern "C" void
pcx_db_close(pcx_db *x)
{
    if (x == NULL)
        return;
    try {
        if (x->wdb != NULL)
            x->wdb->close();    /* commits pending changes */
    } catch (...) {
        /* Nothing to report to: callers wanting errors commit first. */
    }
    delete x->db;
    delete x;
}

extern "C" pilcrow_status
pcx_db_commit(pcx_db *x)
{
    try {
        if (x->wdb == NULL)
            return pcx_note(x, PILCROW_READONLY, "commit: index is read-only");
        x->wdb->commit();
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "commit");
    }
}

extern "C" pilcrow_status
pcx_db_reopen(pcx_db *x)
{
    try {
        if (x->db->reopen())
            x->generation++;
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "reopen");
    }
}

extern "C" uint64_t
pcx_db_generation(const pcx_db *x)
{
    return x->generation;
}

extern "C" pilcrow_status
pcx_db_counts(pcx_db *x, uint64_t *n_docs, uint64_t *n_terms)
{
    try {
        uint64_t n = 0;
        *n_docs = x->db->get_doccount();
        for (Xapian::TermIterator t = x->db->allterms_begin();
             t != x->db->allterms_end(); ++t)
            n++;
        *n_terms = n;
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "statistics");
    }
}

extern "C" pilcrow_status
pcx_db_termfreq(pcx_db *x, const char *term, size_t len, uint64_t *freq)
{
    try {
        *freq = x->db->get_termfreq(std::string(term, len));
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "term frequency");
    }
}

extern "C" pilcrow_status
pcx_db_get_metadata(pcx_db *x, const char *key, char **val, size_t *val_len)
{
    *val = NULL;
    try {
        std::string v = x->db->get_metadata(key);
        if ((*val = pcx_copy(v)) == NULL)
            return pcx_note(x, PILCROW_NOMEM, "metadata: out of memory");
        *val_len = v.size();
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "metadata");
    }
}

extern "C" pilcrow_status
pcx_db_set_metadata(pcx_db *x, const char *key, const char *val,
                    size_t val_len)
{
    try {
        if (x->wdb == NULL)
            return pcx_note(x, PILCROW_READONLY,
                            "metadata: index is read-only");
        x->wdb->set_metadata(key, std::string(val, val_len));
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "metadata");
    }
}

/* Call FN with each key from K to END and the value VALUE gives for
 * it, until FN returns non-zero: PILCROW_DONE then, else PILCROW_OK.
 * Throws what Xapian throws. */
template <typename Value>
static pilcrow_status
each_key(Xapian::TermIterator k, const Xapian::TermIterator &end,
         pcx_kv_fn *fn, void *payload, Value value)
{
    for (; k != end; ++k) {
        std::string key = *k;
        std::string v = value(k);
        if (fn(key.data(), key.size(), v.data(), v.size(), payload))
            return PILCROW_DONE;
    }
    return PILCROW_OK;
}

extern "C" pilcrow_status
pcx_db_metadata_each(pcx_db *x, const char *prefix, pcx_kv_fn *fn,
                     void *payload)
{
    try {
        return each_key(x->db->metadata_keys_begin(prefix),
                        x->db->metadata_keys_end(prefix), fn, payload,
                        [x](const Xapian::TermIterator &k) {
                            return x->db->get_metadata(*k);
                        });
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "metadata");
    }
}

extern "C" pilcrow_status
pcx_db_terms_each(pcx_db *x, const char *prefix, pcx_kv_fn *fn,
                  void *payload)
{
    try {
        /* The value is the term's frequency, in decimal. */
        return each_key(x->db->allterms_begin(prefix),
                        x->db->allterms_end(prefix), fn, payload,
                        [](const Xapian::TermIterator &t) {
                            return std::to_string(
                                static_cast<unsigned>(t.get_termfreq()));
                        });
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "terms");
    }
}

extern "C" pilcrow_status
pcx_db_merge(const char *dst, const char *const *srcs, size_t n, char *err,
             size_t err_size)
{
    err[0] = '\0';
    try {
        Xapian::Database all;
        for (size_t i = 0; i < n; i++)
            all.add_database(Xapian::Database(srcs[i]));
        all.compact(dst, Xapian::DBCOMPACT_MULTIPASS);
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(err, err_size, dst);
    }
}
