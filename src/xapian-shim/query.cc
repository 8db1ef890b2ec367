/*
 * query.cc - turn the C query tree (postfix nodes) into a Xapian::Query,
 * run it with BM25 (normalised at index time), and copy the matches into
 * C arrays.
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

/*
 * BM25 over wdfs that already hold the length-normalised term frequency
 * (shim.h, "Ranking"): unlike Xapian::BM25Weight it never asks for a
 * record's length.  The idf is BM25Weight's, so are k1 and k3 = 1.
 */
class NormalisedBM25 : public Xapian::Weight {
    double termweight = 0.0;

    double part(double wdf) const {
        double tfn = wdf / PCX_WDF_SCALE;
        return termweight * tfn / (PCX_BM25_K1 + tfn);
    }

  public:
    NormalisedBM25() {
        need_stat(COLLECTION_SIZE);
        need_stat(TERMFREQ);
        need_stat(WDF);
        need_stat(WDF_MAX);
        need_stat(WQF);
    }

    NormalisedBM25 *clone() const override { return new NormalisedBM25(); }

    std::string name() const override { return "pilcrow::NormalisedBM25"; }

    void init(double factor) override {
        double n = get_collection_size(), tf = get_termfreq(), wqf = get_wqf();
        double odds = (n - tf + 0.5) / (tf + 0.5);

        if (odds < 2.0)
            odds = odds * 0.5 + 1.0;    /* as BM25Weight: never negative */
        termweight = std::log(odds) * factor * (PCX_BM25_K1 + 1.0) *
                     2.0 * wqf / (1.0 + wqf);
    }

    double get_sumpart(Xapian::termcount wdf, Xapian::termcount,
                       Xapian::termcount) const override {
        return part(wdf);
    }

    double get_maxpart() const override { return part(get_wdf_upper_bound()); }

    double get_sumextra(Xapian::termcount, Xapian::termcount) const override {
        return 0.0;
    }

    double get_maxextra() const override { return 0.0; }
};

/* KIDS[0] OP the other KIDS joined by REST_OP, or KIDS[0] alone when
 * it has no others (AND_NOT: the first less any of the rest; FILTER:
 * the first, kept where all the rest match).  KIDS is not empty. */
static Xapian::Query
first_and_rest(Xapian::Query::op op, const std::vector<Xapian::Query> &kids,
               Xapian::Query::op rest_op)
{
    if (kids.size() == 1)
        return kids[0];
    return Xapian::Query(op, kids[0],
                         Xapian::Query(rest_op, kids.begin() + 1, kids.end()));
}

/* Build the query of the N postfix NODES.  Throws InvalidArgumentError
 * on a malformed tree (a bug in query.c, reported as such). */
/* The wildcard PREFIX over the shards of X, expanded here: each
 * remote server would expand it against its own terms alone (a
 * different 200 on each).  The 200 terms the shards hold most often,
 * as Xapian's WILDCARD_LIMIT_MOST_FREQUENT, or all of them (EVERY, as
 * pcx_qnode says). */
static Xapian::Query
expand_wildcard(pcx_db *x, const std::string &prefix, int every)
{
    typedef std::pair<Xapian::doccount, std::string> freq_term;
    std::vector<freq_term> terms;

    for (Xapian::TermIterator t = x->db->allterms_begin(prefix);
         t != x->db->allterms_end(prefix); ++t)
        terms.emplace_back(t.get_termfreq(), *t);
    if (terms.empty())
        return Xapian::Query::MatchNothing;
    if (!every && terms.size() > PCX_WILDCARD_MAX) {
        std::stable_sort(terms.begin(), terms.end(),
                         [](const freq_term &a, const freq_term &b) {
                             return a.first > b.first;
                         });
        terms.resize(PCX_WILDCARD_MAX);
        std::sort(terms.begin(), terms.end(),
                  [](const freq_term &a, const freq_term &b) {
                      return a.second < b.second;
                  });
    }
    std::vector<Xapian::Query> kids;
    for (const auto &t : terms)
        kids.emplace_back(t.second);
    return Xapian::Query(every == PCX_EVERY_OR ? Xapian::Query::OP_OR
                                               : Xapian::Query::OP_SYNONYM,
                         kids.begin(), kids.end());
}

static Xapian::Query
build(pcx_db *x, const struct pcx_qnode *nodes, size_t n)
{
    std::vector<Xapian::Query> stack;

    for (size_t i = 0; i < n; i++) {
        const struct pcx_qnode *q = &nodes[i];
        std::string term(q->term ? q->term : "", q->term ? q->term_len : 0);
        switch (q->op) {
        case PCX_TERM:
            stack.push_back(Xapian::Query(term, 1, 0));
            continue;
        case PCX_BOOLEAN:
            stack.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                          Xapian::Query(term), 0.0));
            continue;
        case PCX_WILDCARD:
            /* Xapian's OP_PHRASE and OP_NEAR take an OP_OR of terms
             * but no OP_WILDCARD: expanded here too. */
            if (!x->shards.empty() || q->every == PCX_EVERY_OR) {
                stack.push_back(expand_wildcard(x, term, q->every));
                continue;
            }
            if (q->every)
                stack.push_back(Xapian::Query(Xapian::Query::OP_WILDCARD,
                                              term, 0,
                                              Xapian::Query::WILDCARD_LIMIT_ERROR));
            else
                stack.push_back(Xapian::Query(Xapian::Query::OP_WILDCARD, term,
                                              PCX_WILDCARD_MAX,
                                              Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
            continue;
        case PCX_ALL:
            stack.push_back(Xapian::Query::MatchAll);
            continue;
        case PCX_NOTHING:
            stack.push_back(Xapian::Query::MatchNothing);
            continue;
        case PCX_VALUE_RANGE:
            stack.push_back(Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
                                          q->slot, term,
                                          std::string(q->term2, q->term2_len)));
            continue;
        default:
            break;
        }
        if (q->n_children > stack.size() || q->n_children == 0)
            throw Xapian::InvalidArgumentError("malformed query tree");
        std::vector<Xapian::Query> kids(stack.end() - q->n_children,
                                        stack.end());
        stack.resize(stack.size() - q->n_children);
        Xapian::Query r;
        switch (q->op) {
        case PCX_AND:
            r = Xapian::Query(Xapian::Query::OP_AND, kids.begin(), kids.end());
            break;
        case PCX_OR:
            r = Xapian::Query(Xapian::Query::OP_OR, kids.begin(), kids.end());
            break;
        case PCX_SYNONYM:
            r = Xapian::Query(Xapian::Query::OP_SYNONYM, kids.begin(),
                              kids.end());
            break;
        case PCX_AND_NOT:
            r = first_and_rest(Xapian::Query::OP_AND_NOT, kids,
                               Xapian::Query::OP_OR);
            break;
        case PCX_FILTER:
            r = first_and_rest(Xapian::Query::OP_FILTER, kids,
                               Xapian::Query::OP_AND);
            break;
        case PCX_PHRASE:
            r = Xapian::Query(Xapian::Query::OP_PHRASE, kids.begin(),
                              kids.end(), q->window);
            break;
        case PCX_NEAR:
            r = Xapian::Query(Xapian::Query::OP_NEAR, kids.begin(), kids.end(),
                              q->window);
            break;
        case PCX_SCALE:
            r = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, kids[0],
                              q->factor);
            break;
        default:
            throw Xapian::InvalidArgumentError("unknown query operator");
        }
        stack.push_back(r);
    }
    if (stack.size() != 1)
        throw Xapian::InvalidArgumentError("malformed query tree");
    return stack.back();
}

namespace {

/* pcx_decide_fn as a Xapian::MatchDecider. */
class Decider : public Xapian::MatchDecider {
    pcx_decide_fn *fn;
    void *payload;

  public:
    Decider(pcx_decide_fn *f, void *p) : fn(f), payload(p) {}
    bool operator()(const Xapian::Document &doc) const override
    {
        std::string data = doc.get_value(PCX_SLOT_RECORD);
        return fn(data.data(), data.size(), payload) != 0;
    }
};

/* FN with PAYLOAD keeps the record whose stored data is DATA. */
static bool
fn_keep(pcx_decide_fn *fn, void *payload, const std::string &data)
{
    return fn(data.data(), data.size(), payload) != 0;
}

} // namespace

/* Run BODY, a pilcrow_status returning read of X, for WHAT
 * ("matching"): when a writer commits under it, reopen X once and run it
 * again; any other failure is X's message.  WHAT names the engine's
 * step, never the caller's command: the command already says
 * "search: ", and saying it again gave "search: search: ...".  UNDO frees what a failed
 * BODY left. */
template <typename Body, typename Undo>
static pilcrow_status
retrying(pcx_db *x, const char *what, Body body, Undo undo)
{
    size_t lost = 0;

    for (int attempt = 0;; attempt++) {
        try {
            return body();
        } catch (const Xapian::NetworkError &) {
            /* A shard stopped answering (shim-int.hh, pcx_recover). */
            undo();
            if (!x->shards.empty() && lost++ <= x->shards.size() &&
                pcx_recover(x, what))
                continue;
            if (x->shards.empty())
                return pcx_from_exception(x->msg, sizeof(x->msg), what);
            return PILCROW_IO;
        } catch (const Xapian::DatabaseModifiedError &) {
            undo();
            if (attempt == 0) {
                try {
                    if (x->db->reopen())
                        x->generation++;
                    continue;
                } catch (...) {
                    return pcx_from_exception(x->msg, sizeof(x->msg), what);
                }
            }
            return pcx_note(x, PILCROW_RETRY,
                            "%s: index changed while reading; retry", what);
        } catch (...) {
            undo();
            return pcx_from_exception(x->msg, sizeof(x->msg), what);
        }
    }
}

extern "C" void
pcx_db_set_sort(pcx_db *x, int sort)
{
    x->sort = sort;
}

extern "C" pilcrow_status
pcx_query_run(pcx_db *x, const struct pcx_qnode *nodes, size_t n,
              size_t first, size_t maxitems, size_t check_at_least,
              pcx_decide_fn *decide, void *payload, struct pcx_result *out)
{
    Decider decider(decide, payload);

    out->matches = NULL;
    out->n_matches = 0;
    out->estimate = 0;
    out->exact = 0;
    return retrying(x, "matching", [&]() -> pilcrow_status {
        Xapian::Enquire enquire(*x->db);
        std::vector<std::pair<Xapian::docid, double>> hits;
        std::vector<std::string> datas;     /* remote: the hits' data */
        double scale = 1.0;

        enquire.set_query(build(x, nodes, n));
        if (x->remote) {
            /* A remote server knows Xapian's own weighting schemes
             * only.  BM25Weight with b = 0 (no length: the wdf holds
             * it) and k1 scaled as the wdf is gives NormalisedBM25's
             * weights times (k1' + 1) / (k1 + 1), the same order; the
             * weights are scaled back. */
            double k1 = PCX_BM25_K1 * PCX_WDF_SCALE;
            enquire.set_weighting_scheme(Xapian::BM25Weight(
                k1, 0.0, 1.0, 0.0, PCX_BM25_MIN_NORMLEN));
            scale = (PCX_BM25_K1 + 1.0) / (k1 + 1.0);
        } else {
            enquire.set_weighting_scheme(NormalisedBM25());
        }
        if (x->sort != 0)
            enquire.set_sort_by_value_then_relevance(PC_SLOT_DATE,
                                                     x->sort < 0);
        if (x->remote && decide) {
            /* Nor does it take a MatchDecider: the candidates are
             * checked here, in rank order, reading more of them until
             * the page is full or none is left. */
            size_t want = first + maxitems, take = std::max<size_t>(
                std::max(want, check_at_least) * 2, 64), seen = 0, kept = 0;
            for (;;) {
                Xapian::MSet mset = enquire.get_mset(seen, take);
                mset.fetch();   /* one exchange for the documents */
                for (Xapian::MSetIterator m = mset.begin();
                     m != mset.end(); ++m) {
                    std::string data = m.get_document().get_value(PCX_SLOT_RECORD);
                    if (!fn_keep(decide, payload, data))
                        continue;
                    if (kept++ >= first && hits.size() < maxitems) {
                        hits.emplace_back(*m, m.get_weight() * scale);
                        datas.push_back(data);
                    }
                }
                seen += mset.size();
                if (mset.size() < take) {
                    out->estimate = kept;
                    out->exact = 1;
                    break;
                }
                if (hits.size() >= maxitems && kept >= check_at_least) {
                    double all = mset.get_matches_estimated();
                    out->estimate = static_cast<uint64_t>(
                        all * kept / (seen ? seen : 1) + 0.5);
                    if (out->estimate < kept)
                        out->estimate = kept;
                    break;
                }
                take *= 2;
            }
        } else {
            Xapian::MSet mset = enquire.get_mset(
                first, maxitems, check_at_least, NULL,
                decide ? &decider : NULL);
            out->estimate = mset.get_matches_estimated();
            out->exact = mset.get_matches_lower_bound() ==
                         mset.get_matches_upper_bound();
            if (x->remote)
                mset.fetch();   /* one exchange for the documents */
            for (Xapian::MSetIterator m = mset.begin(); m != mset.end();
                 ++m) {
                hits.emplace_back(*m, m.get_weight() * scale);
                if (x->remote)
                    datas.push_back(m.get_document().get_value(PCX_SLOT_RECORD));
            }
        }
        if (hits.empty())
            return PILCROW_OK;
        out->matches = static_cast<struct pcx_match *>(
            pc_calloc(hits.size(), sizeof(*out->matches)));
        if (out->matches == NULL)
            return pcx_note(x, PILCROW_NOMEM, "matching: out of memory");
        /* Records are read in docid order: neighbours share the B-tree
         * blocks above them, so fewer blocks are read. */
        std::vector<std::pair<Xapian::docid, size_t>> order;
        size_t rank = 0;
        for (const auto &h : hits) {
            out->matches[rank].docid = h.first;
            out->matches[rank].weight = h.second;
            order.emplace_back(h.first, rank++);
        }
        std::sort(order.begin(), order.end());
        out->n_matches = rank;
        for (const auto &o : order) {
            struct pcx_match *r = &out->matches[o.second];
            std::string data = !datas.empty() ? datas[o.second] :
                x->db->get_document(o.first, Xapian::DOC_ASSUME_VALID)
                    .get_value(PCX_SLOT_RECORD);
            if ((r->data = pcx_copy(data)) == NULL) {
                pcx_result_free(out);
                return pcx_note(x, PILCROW_NOMEM, "matching: out of memory");
            }
            r->data_len = data.size();
        }
        return PILCROW_OK;
    }, [&]() { pcx_result_free(out); });
}

extern "C" pilcrow_status
pcx_query_count(pcx_db *x, const struct pcx_qnode *nodes, size_t n,
                pcx_decide_fn *decide, void *payload, uint64_t *count)
{
    Decider decider(decide, payload);

    *count = 0;
    return retrying(x, "counting", [&]() -> pilcrow_status {
        Xapian::Enquire enquire(*x->db);
        enquire.set_query(build(x, nodes, n));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        if (x->remote && decide) {
            /* No MatchDecider remotely (see pcx_query_run): every
             * match is read and checked here. */
            Xapian::MSet mset = enquire.get_mset(0, x->db->get_doccount());
            uint64_t kept = 0;
            for (Xapian::MSetIterator m = mset.begin(); m != mset.end(); ++m)
                kept += fn_keep(decide, payload,
                                m.get_document().get_value(PCX_SLOT_RECORD));
            *count = kept;
            return PILCROW_OK;
        }
        /* No ranks, every match checked: the count is exact. */
        Xapian::MSet mset = enquire.get_mset(0, 0, x->db->get_doccount(),
                                             NULL, decide ? &decider : NULL);
        *count = mset.get_matches_estimated();
        return PILCROW_OK;
    }, []() {});
}

extern "C" void
pcx_result_free(struct pcx_result *r)
{
    for (size_t i = 0; i < r->n_matches; i++)
        pc_free(r->matches[i].data);
    pc_free(r->matches);
    r->matches = NULL;
    r->n_matches = 0;
}

extern "C" pilcrow_status
pcx_db_get_by_term(pcx_db *x, const char *term, size_t len, char **data,
                   size_t *data_len)
{
    *data = NULL;
    return pcx_guard(x, "record", [&]() -> pilcrow_status {
        std::string t(term, len);
        Xapian::PostingIterator p = x->db->postlist_begin(t);
        if (p == x->db->postlist_end(t))
            return pcx_note(x, PILCROW_NOTFOUND, "no such record");
        std::string d = x->db->get_document(*p).get_value(PCX_SLOT_RECORD);
        if ((*data = pcx_copy(d)) == NULL)
            return pcx_note(x, PILCROW_NOMEM, "record: out of memory");
        *data_len = d.size();
        return PILCROW_OK;
    });
}
