/*
 * index.cc - building Xapian documents from the terms the C analysis
 * pipeline produced, and adding or deleting them.
 */
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "shim-int.hh"

extern "C" {
#include "pilcrow-private.h"
}

extern "C" pilcrow_status
pcx_doc_new(pcx_doc **out, pcx_db *x)
{
    *out = NULL;
    try {
        pcx_doc *d = new pcx_doc();
        d->x = x;
        *out = d;
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "document");
    }
}

extern "C" void
pcx_doc_free(pcx_doc *d)
{
    delete d;
}

extern "C" void
pcx_doc_clear(pcx_doc *d)
{
    try {
        d->doc = Xapian::Document();
        d->fields.clear();
    } catch (...) {
        /* A fresh empty document cannot fail to build in practice;
         * if it did, the next add reports the error. */
    }
}

extern "C" pilcrow_status
pcx_doc_add_posting(pcx_doc *d, const char *term, size_t len, uint32_t pos)
{
    try {
        d->doc.add_posting(std::string(term, len), pos, 0);
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(d->x->msg, sizeof(d->x->msg), "posting");
    }
}

extern "C" pilcrow_status
pcx_doc_mark_field(pcx_doc *d, const char *term, size_t len, unsigned field)
{
    try {
        d->fields[std::string(term, len)] |= field;
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(d->x->msg, sizeof(d->x->msg), "posting");
    }
}

extern "C" pilcrow_status
pcx_doc_weigh_terms(pcx_doc *d, uint32_t n_words)
{
    double norm = std::max(n_words / PCX_BM25_AVDL, PCX_BM25_MIN_NORMLEN);
    double per_occurrence = PCX_WDF_SCALE /
                            (1.0 - PCX_BM25_B + PCX_BM25_B * norm);

    try {
        std::vector<std::pair<std::string, Xapian::termcount>> wdfs;
        for (Xapian::TermIterator t = d->doc.termlist_begin();
             t != d->doc.termlist_end(); ++t) {
            double tf = t.positionlist_count();
            if (tf == 0)
                continue;       /* a boolean term */
            if (!d->fields.empty()) {
                auto f = d->fields.find(*t);
                if (f != d->fields.end())
                    tf += (f->second & PCX_FIELD_HEADING ? PCX_HEADING_TF
                                                         : 0.0) +
                          (f->second & PCX_FIELD_TITLE ? PCX_TITLE_TF : 0.0);
            }
            double w = std::min(std::floor(tf * per_occurrence + 0.5), 1e9);
            wdfs.emplace_back(*t, w < 1.0 ? 1 : Xapian::termcount(w));
        }
        for (const auto &tw : wdfs)
            d->doc.add_term(tw.first, tw.second);
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(d->x->msg, sizeof(d->x->msg), "posting");
    }
}

extern "C" pilcrow_status
pcx_doc_add_boolean(pcx_doc *d, const char *term, size_t len)
{
    try {
        d->doc.add_boolean_term(std::string(term, len));
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(d->x->msg, sizeof(d->x->msg), "term");
    }
}

extern "C" pilcrow_status
pcx_doc_set_value(pcx_doc *d, unsigned slot, const char *v, size_t len)
{
    try {
        d->doc.add_value(slot, std::string(v, len));
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(d->x->msg, sizeof(d->x->msg), "value");
    }
}

extern "C" pilcrow_status
pcx_doc_set_data(pcx_doc *d, const char *data, size_t len)
{
    try {
        d->doc.add_value(PCX_SLOT_RECORD, std::string(data, len));
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(d->x->msg, sizeof(d->x->msg), "data");
    }
}

extern "C" pilcrow_status
pcx_db_add(pcx_db *x, pcx_doc *d)
{
    try {
        if (x->wdb == NULL)
            return pcx_note(x, PILCROW_READONLY, "add: index is read-only");
        x->wdb->add_document(d->doc);
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "add document");
    }
}

extern "C" pilcrow_status
pcx_db_delete_term(pcx_db *x, const char *term, size_t len,
                   uint64_t *n_deleted)
{
    try {
        std::string t(term, len);
        if (x->wdb == NULL)
            return pcx_note(x, PILCROW_READONLY,
                            "delete: index is read-only");
        if (n_deleted != NULL)
            *n_deleted = x->wdb->get_termfreq(t);
        x->wdb->delete_document(t);
        return PILCROW_OK;
    } catch (...) {
        return pcx_from_exception(x->msg, sizeof(x->msg), "delete");
    }
}
