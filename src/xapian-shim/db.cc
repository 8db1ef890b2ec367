/*
 * db.cc - opening, committing, inspecting and merging Xapian databases.
 */
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <dirent.h>
#include <sys/stat.h>
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
    return pcx_guard(x, "reopen", [&]() -> pilcrow_status {
        if (x->db->reopen())
            x->generation++;
        return PILCROW_OK;
    });
}

extern "C" uint64_t
pcx_db_generation(const pcx_db *x)
{
    return x->generation;
}

extern "C" pilcrow_status
pcx_db_counts(pcx_db *x, uint64_t *n_docs, uint64_t *n_terms)
{
    return pcx_guard(x, "statistics", [&]() -> pilcrow_status {
        uint64_t n = 0;
        *n_docs = x->db->get_doccount();
        for (Xapian::TermIterator t = x->db->allterms_begin();
             t != x->db->allterms_end(); ++t)
            n++;
        *n_terms = n;
        return PILCROW_OK;
    });
}

extern "C" pilcrow_status
pcx_db_termfreq(pcx_db *x, const char *term, size_t len, uint64_t *freq)
{
    return pcx_guard(x, "term frequency", [&]() -> pilcrow_status {
        *freq = x->db->get_termfreq(std::string(term, len));
        return PILCROW_OK;
    });
}

extern "C" pilcrow_status
pcx_db_get_metadata(pcx_db *x, const char *key, char **val, size_t *val_len)
{
    *val = NULL;
    return pcx_guard(x, "metadata", [&]() -> pilcrow_status {
        std::string v;
        size_t n = x->shards.size(), first = 0;
        /* Xapian 1.4 reads the metadata of a combined database from
         * its first sub-database only: ask each shard, and take the
         * first that has the key (a document's is in its shard).  A
         * document's key is asked first of the shard "pilcrow index
         * --shards" puts it in (FNV-1a of its id, modulo the shards):
         * over remote shards each question is a round trip. */
        if (n == 0)
            v = x->db->get_metadata(key);
        if (n > 1 && strncmp(key, PC_META_DOC, 2) == 0) {
            uint64_t h = 14695981039346656037u;
            for (const char *p = key + 2; *p != '\0'; p++) {
                h ^= static_cast<unsigned char>(*p);
                h *= 1099511628211u;
            }
            first = static_cast<size_t>(h % n);
        }
        for (size_t i = 0; i < n; i++) {
            pcx_shard &s = x->shards[(first + i) % n];
            if (s.live && !(v = s.db.get_metadata(key)).empty())
                break;
        }
        if ((*val = pcx_copy(v)) == NULL)
            return pcx_note(x, PILCROW_NOMEM, "metadata: out of memory");
        *val_len = v.size();
        return PILCROW_OK;
    });
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
    return pcx_guard(x, "metadata", [&]() -> pilcrow_status {
        if (x->shards.empty())
            return each_key(x->db->metadata_keys_begin(prefix),
                            x->db->metadata_keys_end(prefix), fn, payload,
                            [x](const Xapian::TermIterator &k) {
                                return x->db->get_metadata(*k);
                            });
        /* Shard by shard (see pcx_db_get_metadata): the keys of each
         * in order, a key two shards hold twice. */
        for (auto &s : x->shards) {
            if (!s.live)
                continue;
            Xapian::Database &d = s.db;
            pilcrow_status st = each_key(
                d.metadata_keys_begin(prefix), d.metadata_keys_end(prefix),
                fn, payload, [&d](const Xapian::TermIterator &k) {
                    return d.get_metadata(*k);
                });
            if (st != PILCROW_OK)
                return st;
        }
        return PILCROW_OK;
    });
}

extern "C" pilcrow_status
pcx_db_terms_each(pcx_db *x, const char *prefix, pcx_kv_fn *fn,
                  void *payload)
{
    return pcx_guard(x, "terms", [&]() -> pilcrow_status {
        /* The value is the term's frequency, in decimal. */
        return each_key(x->db->allterms_begin(prefix),
                        x->db->allterms_end(prefix), fn, payload,
                        [](const Xapian::TermIterator &t) {
                            return std::to_string(
                                static_cast<unsigned>(t.get_termfreq()));
                        });
    });
}

extern "C" pilcrow_status
pcx_db_term_names(pcx_db *x, const char *prefix, pcx_kv_fn *fn,
                  void *payload)
{
    return pcx_guard(x, "terms", [&]() -> pilcrow_status {
        return each_key(x->db->allterms_begin(prefix),
                        x->db->allterms_end(prefix), fn, payload,
                        [](const Xapian::TermIterator &) {
                            return std::string();
                        });
    });
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

/* ---- shards: stub files and directories of shards ------------------- */

/* "MESSAGE" or "MESSAGE (the system's reason)" of E. */
static std::string
describe(const Xapian::Error &e)
{
    std::string m = e.get_msg();
    const char *why = e.get_error_string();

    if (why != NULL && *why != '\0')
        m += std::string(" (") + why + ")";
    return m;
}

/* Open shard S into S.db, waiting at most TIMEOUT_MS for a remote
 * server's each reply.  Throws what Xapian throws. */
static void
open_shard(pcx_shard &s, unsigned timeout_ms)
{
    if (s.kind == 0)
        s.db = Xapian::Database(s.path);
    else if (s.kind == 1)
        s.db = Xapian::Remote::open(s.path, s.port, timeout_ms,
                                    timeout_ms);
    else
        s.db = Xapian::Remote::open(s.path, s.args, timeout_ms);
}

/* X's reader anew: its live shards combined. */
static void
combine(pcx_db *x)
{
    Xapian::Database *all = new Xapian::Database();

    for (auto &s : x->shards)
        if (s.live)
            all->add_database(s.db);
    delete x->db;
    x->db = all;
}

/* The directory part of PATH, with its slash ("" for none). */
static std::string
dir_of(const std::string &path)
{
    size_t slash = path.rfind('/');

    return slash == std::string::npos ? std::string()
                                      : path.substr(0, slash + 1);
}

/* Parse the stub database file PATH (Xapian's format: a database a
 * line, "auto PATH", "glass PATH", "remote HOST:PORT", "remote :PROGRAM
 * ARGS", and the older "tcp HOST PORT", "prog PROGRAM ARGS"; blank
 * lines and # comments skipped; a relative PATH from the stub's
 * directory) into SHARDS.  Returns an empty string, or the message of
 * what is wrong, "PATH:LINE: ...". */
static std::string
parse_stub(const char *path, std::vector<pcx_shard> &shards)
{
    std::ifstream in(path);
    std::string line, base = dir_of(path);
    unsigned n = 0;

    if (!in)
        return std::string("cannot read stub database ") + path + ": " +
               strerror(errno);
    while (std::getline(in, line)) {
        pcx_shard s;
        std::string type, rest, where = std::string(path) + ":" +
                                        std::to_string(++n) + ": ";
        size_t sp, i = 0;

        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == line.size() || line[i] == '#')
            continue;
        sp = line.find_first_of(" \t", i);
        type = line.substr(i, sp == std::string::npos ? sp : sp - i);
        if (sp != std::string::npos) {
            sp = line.find_first_not_of(" \t", sp);
            if (sp != std::string::npos)
                rest = line.substr(sp);
        }
        while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t'))
            rest.pop_back();
        if (rest.empty())
            return where + "'" + type + "' needs a database";
        s.port = 0;
        s.live = false;
        if (type == "auto" || type == "glass" || type == "chert") {
            s.kind = 0;
            s.path = rest[0] == '/' ? rest : base + rest;
            s.name = s.path;
        } else if ((type == "remote" && rest[0] == ':') || type == "prog") {
            size_t start = type == "remote" ? 1 : 0;
            size_t end = rest.find_first_of(" \t", start);
            s.kind = 2;
            s.path = rest.substr(start, end == std::string::npos
                                            ? end : end - start);
            if (end != std::string::npos)
                s.args = rest.substr(rest.find_first_not_of(" \t", end));
            if (s.path.empty())
                return where + "remote : needs a program";
            s.name = rest.substr(start);
        } else if (type == "remote" || type == "tcp") {
            size_t colon = type == "remote" ? rest.rfind(':')
                                            : rest.find_first_of(" \t");
            std::string port;
            char *end = NULL;
            unsigned long p;

            if (colon == std::string::npos || colon == 0)
                return where + "'" + rest + "' is not HOST:PORT";
            s.path = rest.substr(0, colon);
            port = rest.substr(colon + 1);
            port.erase(0, port.find_first_not_of(" \t"));
            p = strtoul(port.c_str(), &end, 10);
            if (port.empty() || *end != '\0' || p == 0 || p > 65535)
                return where + "'" + port + "' is not a port number";
            if (s.path.size() > 2 && s.path[0] == '[' &&
                s.path.back() == ']')
                s.path = s.path.substr(1, s.path.size() - 2);
            s.kind = 1;
            s.port = static_cast<unsigned>(p);
            s.name = s.path + ":" + std::to_string(p);
        } else {
            return where + "unknown database type '" + type +
                   "' (auto, glass, remote)";
        }
        shards.push_back(s);
    }
    if (in.bad())
        return std::string("cannot read stub database ") + path;
    if (shards.empty())
        return std::string("stub database ") + path + " names no database";
    return std::string();
}

/* The shards of directory PATH: its subdirectories that hold a Xapian
 * database, in name order. */
static std::string
list_shards(const char *path, std::vector<pcx_shard> &shards)
{
    std::vector<std::string> names;
    DIR *d = opendir(path);
    struct dirent *e;
    struct stat sb;

    if (d == NULL)
        return std::string("cannot read ") + path + ": " + strerror(errno);
    while ((e = readdir(d)) != NULL) {
        std::string sub = std::string(path) + "/" + e->d_name;
        if (e->d_name[0] != '.' &&
            stat((sub + "/iamglass").c_str(), &sb) == 0)
            names.push_back(sub);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto &n : names) {
        pcx_shard s;
        s.kind = 0;
        s.path = s.name = n;
        s.port = 0;
        s.live = false;
        shards.push_back(s);
    }
    if (shards.empty())
        return std::string(path) + " is not a pilcrow index";
    return std::string();
}

extern "C" pilcrow_status
pcx_db_open_shards(pcx_db **out, const char *path, int is_stub,
                   unsigned timeout_ms, int allow_partial, char *err,
                   size_t err_size)
{
    pcx_db *x = NULL;
    std::string failed;

    *out = NULL;
    err[0] = '\0';
    try {
        std::string bad;
        size_t n_live = 0;

        x = new pcx_db();
        x->msg[0] = '\0';
        x->db = NULL;
        x->wdb = NULL;
        x->remote = false;
        x->allow_partial = allow_partial != 0;
        x->timeout_ms = timeout_ms;
        bad = is_stub ? parse_stub(path, x->shards)
                      : list_shards(path, x->shards);
        if (!bad.empty()) {
            snprintf(err, err_size, "%s", bad.c_str());
            delete x;
            return is_stub ? PILCROW_INVALID : PILCROW_NOTFOUND;
        }
        for (auto &s : x->shards) {
            if (s.kind != 0)
                x->remote = true;
            failed = s.name;
            try {
                open_shard(s, timeout_ms);
                s.live = true;
                n_live++;
            } catch (const Xapian::NetworkError &e) {
                if (!x->allow_partial)
                    throw;
                /* Reported by pcx_db_shard_live(). */
            }
        }
        if (n_live == 0) {
            snprintf(err, err_size, "no shard of %s answers", path);
            delete x;
            return PILCROW_IO;
        }
        combine(x);
        *out = x;
        return PILCROW_OK;
    } catch (const Xapian::NetworkError &e) {
        snprintf(err, err_size, "shard %s: %s", failed.c_str(),
                 describe(e).c_str());
        delete x->db;
        delete x;
        return PILCROW_IO;
    } catch (...) {
        char msg[400];
        pilcrow_status st = pcx_from_exception(msg, sizeof(msg), "open");
        snprintf(err, err_size, "shard %s: %s", failed.c_str(), msg);
        if (x != NULL)
            delete x->db;
        delete x;
        return st;
    }
}

bool
pcx_recover(pcx_db *x, const char *what) noexcept
{
    std::string first, dead;
    size_t n_live = 0;

    try {
        try {
            throw;
        } catch (const Xapian::Error &e) {
            first = describe(e);
        } catch (...) {
            first = "lost the connection";
        }
        for (auto &s : x->shards) {
            if (!s.live)
                continue;
            if (s.kind != 0) {
                try {
                    open_shard(s, x->timeout_ms);
                } catch (const Xapian::Error &e) {
                    s.live = false;
                    if (dead.empty())
                        dead = "shard " + s.name + ": " + describe(e);
                    continue;
                }
            }
            n_live++;
        }
        if (dead.empty()) {
            pcx_note(x, PILCROW_IO, "%s: %s", what, first.c_str());
            combine(x);
            return true;
        }
        if (!x->allow_partial || n_live == 0) {
            pcx_note(x, PILCROW_IO, "%s", dead.c_str());
            return false;
        }
        combine(x);
        return true;
    } catch (...) {
        pcx_note(x, PILCROW_IO, "%s: %s", what, first.c_str());
        return false;
    }
}

extern "C" size_t
pcx_db_n_shards(const pcx_db *x)
{
    return x->shards.size();
}

extern "C" const char *
pcx_db_shard_name(const pcx_db *x, size_t i)
{
    return i < x->shards.size() ? x->shards[i].name.c_str() : NULL;
}

extern "C" const char *
pcx_db_shard_path(const pcx_db *x, size_t i)
{
    return i < x->shards.size() && x->shards[i].kind == 0
           ? x->shards[i].path.c_str() : NULL;
}

extern "C" int
pcx_db_shard_live(const pcx_db *x, size_t i)
{
    return i < x->shards.size() && x->shards[i].live;
}

extern "C" pilcrow_status
pcx_db_shard_metadata(pcx_db *x, size_t i, const char *key, char **val,
                      size_t *val_len)
{
    *val = NULL;
    try {
        std::string v = x->shards.at(i).db.get_metadata(key);
        if ((*val = pcx_copy(v)) == NULL)
            return pcx_note(x, PILCROW_NOMEM, "metadata: out of memory");
        *val_len = v.size();
        return PILCROW_OK;
    } catch (const Xapian::NetworkError &e) {
        return pcx_note(x, PILCROW_IO, "shard %s: %s",
                        x->shards[i].name.c_str(), describe(e).c_str());
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "metadata");
    }
}
