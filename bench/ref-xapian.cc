/*
 * ref-xapian.cc: the reference peer of pilcrow's benchmark, written
 * directly against Xapian's C++ API the way its documentation teaches,
 * so that it measures the engine's own limit for a naive user.
 *
 *   ref-xapian index DBDIR RECORDS.tsv
 *       TermGenerator + English stemmer (STEM_SOME: every word indexed
 *       stemmed and unstemmed) + WritableDatabase, commit every 10,000
 *       documents; document data is "doc\tanchor\ntext".
 *   ref-xapian search DBDIR QUERIES TIMINGS [N]
 *       QueryParser with the same stemmer, default operator AND,
 *       Enquire, top N (10), MSet::snippet() on each hit's text.
 *       Results go to stdout; one line per query goes to TIMINGS:
 *       "qid<TAB>microseconds<TAB>estimated matches<TAB>hits".
 *
 * RECORDS.tsv has one record a line: doc, anchor and text separated by
 * tabs, the text with backslash, tab and newline escaped as \\, \t, \n.
 * This is not part of pilcrow; it is built only by `make bench`.
 */
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include "records.h"

static int
cmd_index(const char *dbdir, const char *records)
{
    FILE *in = std::fopen(records, "r");
    if (!in) {
        std::perror(records);
        return 2;
    }
    Xapian::WritableDatabase db(dbdir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long n = 0;
    double t0 = now_us();
    while ((len = getline(&line, &cap, in)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        char *tab1 = std::strchr(line, '\t');
        char *tab2 = tab1 ? std::strchr(tab1 + 1, '\t') : NULL;
        if (!tab2)
            continue;
        *tab2 = '\0';
        char *text = tab2 + 1;
        size_t tlen = unescape(text);
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(std::string(text, tlen));
        std::string data(line);         /* "doc\tanchor" */
        data += '\n';
        data.append(text, tlen);
        doc.set_data(data);
        db.add_document(doc);
        if (++n % 10000 == 0)
            db.commit();
    }
    db.commit();
    std::free(line);
    std::fclose(in);
    std::fprintf(stderr, "ref-xapian: indexed %lu records in %.3f s\n", n,
                 (now_us() - t0) / 1e6);
    return 0;
}

static int
cmd_search(const char *dbdir, const char *queries, const char *timings,
           unsigned n)
{
    FILE *in = std::fopen(queries, "r");
    FILE *tf = std::fopen(timings, "w");
    if (!in || !tf) {
        std::perror(!in ? queries : timings);
        return 2;
    }
    Xapian::Database db(dbdir);
    Xapian::Stem stem("english");
    Xapian::QueryParser qp;
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.set_database(db);
    Xapian::Enquire enquire(db);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long qid = 0;
    while ((len = getline(&line, &cap, in)) >= 0) {
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        qid++;
        double t0 = now_us();
        Xapian::doccount est = 0, hits = 0;
        try {
            Xapian::Query q = qp.parse_query(
                line, Xapian::QueryParser::FLAG_DEFAULT);
            enquire.set_query(q);
            Xapian::MSet mset = enquire.get_mset(0, n);
            est = mset.get_matches_estimated();
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end();
                 ++it) {
                std::string data = it.get_document().get_data();
                size_t nl = data.find('\n');
                std::string head = data.substr(0, nl);
                std::string text = nl == std::string::npos ? std::string()
                                                           : data.substr(nl + 1);
                std::string snip = mset.snippet(text, 200, stem,
                    Xapian::MSet::SNIPPET_BACKGROUND_MODEL
                    | Xapian::MSet::SNIPPET_EXHAUSTIVE, "[", "]", "...");
                std::printf("%lu\t%u\t%.4f\t%s\t%s\n", qid, ++hits,
                            it.get_weight(), head.c_str(), snip.c_str());
            }
        } catch (const Xapian::Error &e) {
            std::printf("%lu\terror\t%s\n", qid, e.get_msg().c_str());
        }
        std::fprintf(tf, "%lu\t%.0f\t%u\t%u\n", qid, now_us() - t0,
                     (unsigned)est, (unsigned)hits);
    }
    std::free(line);
    std::fclose(in);
    std::fclose(tf);
    return 0;
}

int
main(int argc, char **argv)
{
    try {
        if (argc == 4 && !std::strcmp(argv[1], "index"))
            return cmd_index(argv[2], argv[3]);
        if ((argc == 5 || argc == 6) && !std::strcmp(argv[1], "search"))
            return cmd_search(argv[2], argv[3], argv[4],
                              argc == 6 ? (unsigned)std::atoi(argv[5]) : 10);
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "ref-xapian: %s\n", e.get_description().c_str());
        return 2;
    }
    std::fprintf(stderr, "usage: ref-xapian index DBDIR RECORDS.tsv\n"
                         "       ref-xapian search DBDIR QUERIES TIMINGS [N]\n");
    return 2;
}
