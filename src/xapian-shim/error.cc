/*
 * error.cc - the one translator from C++ exceptions to pilcrow_status
 * (doc/conventions.md X3, X4; E2).  Codes say what the caller can do, not which backend
 * failed.
 */
#include <cstdarg>
#include <cstdio>
#include <new>

#include "shim-int.hh"

extern "C" {
#include "pilcrow-private.h"
}

/* Format "WHAT: MSG" into BUF; never throws. */
static pilcrow_status
note(char *buf, size_t buf_size, pilcrow_status st, const char *what,
     const char *msg) noexcept
{
    if (buf != NULL && buf_size > 0)
        snprintf(buf, buf_size, "%s: %s", what, msg);
    return st;
}

pilcrow_status
pcx_from_exception(char *buf, size_t buf_size, const char *what) noexcept
{
    /* note() of status ST for Xapian error E: its message, read by
     * reference (X4). */
    auto xapian = [=](pilcrow_status st, const Xapian::Error &e) noexcept {
        return note(buf, buf_size, st, what, e.get_msg().c_str());
    };

    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return xapian(PILCROW_LOCKED, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return xapian(PILCROW_NOTFOUND, e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return xapian(PILCROW_NOTFOUND, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return xapian(PILCROW_CORRUPT, e);
    } catch (const Xapian::DatabaseModifiedError &) {
        /* Xapian's text tells a C++ programmer to call reopen(): say
         * what happened instead, as the retrying reads do. */
        return note(buf, buf_size, PILCROW_RETRY, what,
                    "index changed while reading; retry");
    } catch (const Xapian::DatabaseError &e) {
        /* Includes write failures such as a full disk: the index, not
         * an input file, failed.  Say why when the system said so. */
        char msg[400];
        const char *why = e.get_error_string();
        snprintf(msg, sizeof(msg), "%s%s%s%s", e.get_msg().c_str(),
                 why ? " (" : "", why ? why : "", why ? ")" : "");
        return note(buf, buf_size, PILCROW_BACKEND, what, msg);
    } catch (const Xapian::QueryParserError &e) {
        return xapian(PILCROW_BADQUERY, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return xapian(PILCROW_INVALID, e);
    } catch (const Xapian::Error &e) {      /* not a std::exception */
        return xapian(PILCROW_BACKEND, e);
    } catch (const std::bad_alloc &) {
        return note(buf, buf_size, PILCROW_NOMEM, what, "out of memory");
    } catch (const std::exception &e) {
        return note(buf, buf_size, PILCROW_INTERNAL, what, e.what());
    } catch (...) {
        return note(buf, buf_size, PILCROW_INTERNAL, what,
                    "unexpected C++ exception");
    }
}

pilcrow_status
pcx_note(pcx_db *x, pilcrow_status st, const char *fmt, ...) noexcept
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
    va_end(ap);
    return st;
}

char *
pcx_copy(const std::string &s) noexcept
{
    return pc_strndup(s.data(), s.size());
}

extern "C" const char *
pcx_errmsg(const pcx_db *x)
{
    return x ? x->msg : "";
}
