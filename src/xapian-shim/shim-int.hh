/*
 * shim-int.hh - C++-only structures behind the opaque pcx_* handles.
 */
#ifndef PILCROW_SHIM_INT_HH
#define PILCROW_SHIM_INT_HH

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "shim.h"

/* One shard of a database opened from a stub file or a directory of
 * shards (pcx_db_open_shards): how to open it again, and its handle. */
struct pcx_shard {
    int kind;                        /* 0 local path, 1 tcp, 2 program */
    std::string name;                /* for messages: PATH, HOST:PORT,
                                      * or PROGRAM ARGS */
    std::string path;                /* local: the path; program: the
                                      * program; tcp: the host */
    std::string args;                /* program: its arguments */
    unsigned port;                   /* tcp */
    Xapian::Database db;             /* open alone (metadata reads) */
    bool live;                       /* part of the combined reader */
};

struct pcx_db {
    Xapian::Database *db;            /* the reader (== wdb when writing);
                                      * with shards, the live ones
                                      * combined */
    Xapian::WritableDatabase *wdb;   /* NULL when read-only */
    uint64_t generation;             /* reopens that changed the view */
    int sort;                        /* pcx_db_set_sort(): 0 relevance,
                                      * 1 date, -1 date descending */
    char msg[512];                   /* last error, "" if none */
    std::vector<pcx_shard> shards;   /* empty for one database */
    bool remote;                     /* a shard is served remotely */
    bool allow_partial;              /* go on without a dead shard */
    unsigned timeout_ms;             /* remote: each reply, connecting */
};

/* Call only inside a handler of a Xapian::NetworkError from reading X:
 * find the shards that no longer answer (every remote shard is opened
 * again, so that no stale reply is read).  Returns true when X now
 * reads the shards that answer, without the others (X->allow_partial),
 * and the read should be tried again; false with X's message naming a
 * dead shard otherwise. */
bool pcx_recover(pcx_db *x, const char *what) noexcept;


struct pcx_doc {
    pcx_db *x;
    Xapian::Document doc;
    /* Terms of the record's section heading and document title: their
     * PCX_FIELD_* bits (see pcx_doc_mark_field). */
    std::unordered_map<std::string, unsigned> fields;
};

/* Call only inside a catch handler: map the exception being handled to
 * a status, with "WHAT: message" in X's (or BUF's) message. */
pilcrow_status pcx_from_exception(char *buf, size_t buf_size,
                                  const char *what) noexcept;

/* Set X's message; return ST. */
pilcrow_status pcx_note(pcx_db *x, pilcrow_status st, const char *fmt, ...)
    noexcept __attribute__((format(printf, 3, 4)));

/* Copy a std::string into a new pc_malloc'd buffer (NUL-terminated). */
char *pcx_copy(const std::string &s) noexcept;

/* Run BODY, a pilcrow_status returning read of X, for WHAT: a shard
 * that stops answering is handled by pcx_recover() (BODY then runs
 * again, at most once a shard and once more); any other failure is
 * X's message. */
template <typename Body>
static pilcrow_status
pcx_guard(pcx_db *x, const char *what, Body body)
{
    for (size_t attempt = 0;; attempt++) {
        try {
            return body();
        } catch (const Xapian::NetworkError &) {
            if (x->shards.empty())
                return pcx_from_exception(x->msg, sizeof(x->msg), what);
            if (attempt <= x->shards.size() && pcx_recover(x, what))
                continue;
            return PILCROW_IO;
        } catch (...) {
            return pcx_from_exception(x->msg, sizeof(x->msg), what);
        }
    }
}

#endif
