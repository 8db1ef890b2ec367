/*
 * shim-int.hh - C++-only structures behind the opaque pcx_* handles.
 */
#ifndef PILCROW_SHIM_INT_HH
#define PILCROW_SHIM_INT_HH

#include <string>
#include <unordered_map>

#include <xapian.h>

#include "shim.h"

struct pcx_db {
    Xapian::Database *db;            /* the reader (== wdb when writing) */
    Xapian::WritableDatabase *wdb;   /* NULL when read-only */
    uint64_t generation;             /* reopens that changed the view */
    int sort;                        /* pcx_db_set_sort(): 0 relevance,
                                      * 1 date, -1 date descending */
    char msg[512];                   /* last error, "" if none */
};

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

#endif
