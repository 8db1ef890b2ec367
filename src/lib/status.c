/*
 * status.c - status strings, versions, and error messages on handles.
 */
#include <stdio.h>
#include <string.h>

#include "pilcrow-private.h"
#include "shim.h"

const char *
pilcrow_version(void)
{
    return PILCROW_VERSION;
}

int
pilcrow_version_number(void)
{
    return PILCROW_VERSION_NUMBER;
}

const char *
pilcrow_status_str(pilcrow_status status)
{
    switch (status) {
    case PILCROW_OK:        return "success";
    case PILCROW_DONE:      return "no more results";
    case PILCROW_UNCHANGED: return "unchanged since last indexed";
    case PILCROW_NOMEM:     return "out of memory";
    case PILCROW_INVALID:   return "invalid argument";
    case PILCROW_IO:        return "input/output error";
    case PILCROW_NOTFOUND:  return "not found";
    case PILCROW_EXISTS:    return "already exists";
    case PILCROW_READONLY:  return "index is open read-only";
    case PILCROW_LOCKED:    return "index is locked by another writer";
    case PILCROW_CORRUPT:   return "index or stored data is corrupt";
    case PILCROW_BADQUERY:  return "query cannot be parsed";
    case PILCROW_RETRY:     return "index changed while reading; retry";
    case PILCROW_BADINPUT:  return "input is not a text document";
    case PILCROW_BACKEND:   return "storage engine error";
    case PILCROW_INTERNAL:  return "internal error";
    }
    return "unknown status";
}

const char *
pilcrow_kind_name(pilcrow_kind kind)
{
    switch (kind) {
    case PILCROW_KIND_PARAGRAPH: return "paragraph";
    case PILCROW_KIND_SUMMARY:   return "summary";
    case PILCROW_KIND_NOTE:      return "note";
    }
    return NULL;
}

/* Format FMT/AP into DB's message buffer.  On allocation failure the
 * message is left empty: pilcrow_db_errmsg() then falls back on the
 * status string. */
static void
db_vmessage(pilcrow_db *db, const char *fmt, va_list ap)
{
    pilcrow_status st = PILCROW_OK;
    char tmp[512];

    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    pc_buf_reset(&db->msg);
    pc_buf_puts(&st, &db->msg, tmp);
}

pilcrow_status
pc_db_error(pilcrow_db *db, pilcrow_status st, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    db_vmessage(db, fmt, ap);
    va_end(ap);
    /* No memory for the message: fall back on the status string. */
    db->fallback = db->msg.len == 0 ? pilcrow_status_str(st) : NULL;
    return st;
}

void
pc_db_clear_error(pilcrow_db *db)
{
    pc_buf_reset(&db->msg);
    db->fallback = NULL;
}

pilcrow_status
pc_db_shim_error(pilcrow_db *db, pilcrow_status st)
{
    /* Damage Xapian found: name the index and say what to do, in one
     * place for every read and write, so that no caller has to. */
    if (st == PILCROW_CORRUPT)
        return pc_db_error(db, st, "index %s is damaged (%s): rebuild it",
                           db->path, pcx_errmsg(db->x));
    return pc_db_error(db, st, "%s", pcx_errmsg(db->x));
}

const char *
pilcrow_db_errmsg(const pilcrow_db *db)
{
    if (db == NULL)
        return "no database handle";
    if (db->msg.len)
        return db->msg.data;
    return db->fallback ? db->fallback : "";
}

pilcrow_status
pc_errmsg(char **errmsg, pilcrow_status st, const char *fmt, ...)
{
    va_list ap;
    char tmp[512];

    if (errmsg == NULL)
        return st;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    *errmsg = pc_strdup(tmp);
    return st;
}
