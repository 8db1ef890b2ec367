/*
 * t-query.c - index records built by hand (no parser involved), then
 * query them: every operator and filter of the query language, the
 * errors with their columns, ranking features, anchors, record lookup,
 * suggestions, replacing and deleting documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow-private.h"
#include "check.h"

/* Paragraphs of the corpus report (A/52/314), abridged. */
static const char *p1 =
    "The General Assembly, by resolution 49/127 of 19 December 1994, "
    "requested the Secretary-General to prepare, in consultation with all "
    "States and relevant international and regional organizations, a report "
    "on international migration and development.";
static const char *p7 =
    "Among the 36 Governments that were generally in favour of convening a "
    "conference, the views regarding its possible objectives and the issues "
    "to be discussed varied widely. One of the issues most frequently "
    "mentioned (by 13 Governments) related to the protection of the rights "
    "of migrants, a task seen as being mostly the responsibility of the "
    "receiving State.\xc2\xb9";
static const char *p20 =
    "The report noted, inter alia, that the Working Group on International "
    "Migration had agreed to organize a technical symposium on international "
    "migration that would take place in 1998.";
static const char *p23 =
    "Within the United Nations, the Commission on Human Rights is "
    "responsible for reviewing the follow-up and implementation of the "
    "Programme of Action of the World Conference on Human Rights "
    "(A/CONF.157/24).";
static const char *n1 =
    "See International Labour Office, International Labour Conventions and "
    "Recommendations, 1919-1981 (Geneva, 1982).";

/* Build the test document. */
static pilcrow_doc *
make_doc(const char *id, const char *symbol, const char *extra)
{
    pilcrow_parse_options o = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_status st = PILCROW_OK;
    struct pilcrow_record *r;
    pilcrow_doc *doc;
    static const char *cites1[] = { "1" };
    static const char *cited7[] = { "7" };
    struct {
        pilcrow_kind kind;
        const char *number, *section, *title, *text;
    } recs[] = {
        { PILCROW_KIND_SUMMARY, "1", "", "",
          "The present report responds to both requests of the General "
          "Assembly on international migration." },
        { PILCROW_KIND_PARAGRAPH, "1", "I", "Introduction", NULL },
        { PILCROW_KIND_PARAGRAPH, "7", "II",
          "Views of Governments regarding a United Nations conference", NULL },
        { PILCROW_KIND_PARAGRAPH, "20", "III.A",
          "Commission on Population and Development", NULL },
        { PILCROW_KIND_PARAGRAPH, "23", "III.B", "Commission on Human Rights",
          NULL },
        { PILCROW_KIND_NOTE, "1", "", "", NULL },
    };
    size_t i;

    recs[1].text = p1;
    recs[2].text = p7;
    recs[3].text = p20;
    recs[4].text = extra ? extra : p23;
    recs[5].text = n1;
    o.doc = id;
    o.symbol = symbol;
    o.title = "International migration and development";
    o.date = "1997-09-18";
    o.file = "corpus/report.txt";
    CHECK_FATAL(pc_doc_new(&doc, &o) == PILCROW_OK);
    for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
        r = pc_doc_add_record(&st, doc);
        CHECK_FATAL(r != NULL);
        r->kind = recs[i].kind;
        r->printed = recs[i].kind != PILCROW_KIND_SUMMARY;
        r->number = recs[i].number;
        r->section = recs[i].section;
        r->section_title = recs[i].title;
        r->text = recs[i].text;
        r->text_len = strlen(recs[i].text);
        if (i == 2) {
            r->cites = cites1;
            r->n_cites = 1;
        }
        if (i == 5) {
            r->cited_by = cited7;
            r->n_cited_by = 1;
        }
    }
    CHECK_FATAL(pc_doc_finish(doc) == PILCROW_OK);
    return doc;
}

/* Run QUERY; write "doc anchor" of each hit, ";"-separated, into OUT. */
static pilcrow_status
run(pilcrow_db *db, const char *query, char *out, size_t out_size)
{
    pilcrow_query *q;
    pilcrow_hits *h;
    pilcrow_status st;
    size_t used = 0;

    out[0] = '\0';
    if ((st = pilcrow_query_new(&q, db, query, NULL)) < 0)
        return st;
    if ((st = pilcrow_query_run(&h, q, 0, 10)) < 0)
        return st;
    while ((st = pilcrow_hits_next(h)) == PILCROW_OK) {
        const pilcrow_record *r = pilcrow_hits_record(h);
        used += (size_t)snprintf(out + used, out_size - used, "%s%s %s",
                                 used ? ";" : "", pilcrow_record_doc(r),
                                 pilcrow_record_anchor(r));
        if (used >= out_size)
            break;
    }
    pilcrow_query_free(q);
    return st == PILCROW_DONE ? PILCROW_OK : st;
}

/* The first hit of QUERY must be EXPECT ("doc anchor"). */
static void
expect_first(pilcrow_db *db, const char *query, const char *expect)
{
    char out[2048];
    size_t n = strlen(expect);

    CHECK_OK(run(db, query, out, sizeof(out)));
    if (strncmp(out, expect, n) != 0 || (out[n] != '\0' && out[n] != ';')) {
        fprintf(stderr, "query '%s': got '%s', want first '%s'\n", query,
                out, expect);
        check_failures++;
    }
}

static void
expect_results(pilcrow_db *db, const char *query, const char *expect)
{
    char out[2048];

    CHECK_OK(run(db, query, out, sizeof(out)));
    if (strcmp(out, expect) != 0) {
        fprintf(stderr, "query '%s': got '%s', want '%s'\n", query, out,
                expect);
        check_failures++;
    }
}

/* QUERY must be rejected with a message holding MSG. */
static void
expect_bad(pilcrow_db *db, const char *query, const char *msg)
{
    pilcrow_query *q = NULL;
    pilcrow_status st = pilcrow_query_new(&q, db, query, NULL);

    if (st != PILCROW_BADQUERY || strstr(pilcrow_db_errmsg(db), msg) == NULL) {
        fprintf(stderr, "query '%s': status %d, message '%s', want '%s'\n",
                query, st, pilcrow_db_errmsg(db), msg);
        check_failures++;
    }
    CHECK(q == NULL);
}

static void
test_snippet_and_fields(pilcrow_db *db)
{
    pilcrow_query *q;
    pilcrow_hits *h;
    const pilcrow_record *r;
    const size_t *sp;
    size_t n, len, i;
    const char *s;
    char *marked = NULL;

    CHECK_OK(pilcrow_query_new(&q, db, "rights of migrants", NULL));
    CHECK_OK(pilcrow_query_run(&h, q, 0, 1));
    CHECK(pilcrow_hits_total(h) >= 1);
    CHECK_OK(pilcrow_hits_next(h));
    r = pilcrow_hits_record(h);
    CHECK_STR(pilcrow_record_anchor(r), "para. 7");
    CHECK_STR(pilcrow_record_symbol(r), "A/52/314");
    CHECK_STR(pilcrow_record_date(r), "1997-09-18");
    CHECK_STR(pilcrow_record_section(r), "II");
    CHECK_STR(pilcrow_record_file(r), "corpus/report.txt");
    CHECK(pilcrow_record_n_cites(r) == 1);
    CHECK_STR(pilcrow_record_cite(r, 0), "1");
    CHECK(pilcrow_hits_rank(h) == 1);
    CHECK(pilcrow_hits_score(h) > 0);
    s = pilcrow_hits_snippet(h, &len);
    sp = pilcrow_hits_highlights(h, &n);
    CHECK(s != NULL && len == strlen(s));
    CHECK(n >= 2);
    for (i = 0; i < n; i++) {
        const char *w = s + sp[2 * i];
        size_t wl = sp[2 * i + 1] - sp[2 * i];
        /* "of" is a stopword: not searched, not marked. */
        CHECK((wl == 6 && memcmp(w, "rights", 6) == 0) ||
              (wl == 8 && memcmp(w, "migrants", 8) == 0));
    }
    CHECK_OK(pilcrow_hits_marked_snippet(&marked, h));
    CHECK(marked && strstr(marked, "[rights] of [migrants]") != NULL);
    pilcrow_free(marked);
    CHECK(pilcrow_hits_next(h) == PILCROW_DONE);
    CHECK(pilcrow_hits_record(h) == NULL);
    /* Freeing the db frees the live query and hits (checked by the
     * leak checkers). */
}

int
main(void)
{
    char tmpl[] = "t-query-XXXXXX", path[512], out[2048], cmd[600];
    pilcrow_db *db, *rd;
    pilcrow_doc *doc;
    uint64_t count;
    pilcrow_record *rec;
    pilcrow_stats stats;
    pilcrow_query *q;
    char *sugg = NULL;

    CHECK_FATAL(mkdtemp(tmpl) != NULL);
    snprintf(path, sizeof(path), "%s/index", tmpl);
    CHECK_FATAL(pilcrow_db_open(&db, path, PILCROW_OPEN_WRITE |
                                PILCROW_OPEN_CREATE, NULL) == PILCROW_OK);
    doc = make_doc("reports/A_52_314", "A/52/314", NULL);
    CHECK_OK(pilcrow_index_doc(db, doc));
    pilcrow_doc_free(doc);
    doc = make_doc("other", NULL,
                   "Migrants and refugees in Europe: regional cooperation "
                   "on asylum, refugee and migration policies.");
    CHECK_OK(pilcrow_index_doc(db, doc));
    pilcrow_doc_free(doc);
    CHECK_OK(pilcrow_index_commit(db));
    CHECK_OK(pilcrow_db_stats(&stats, db));
    CHECK(stats.documents == 2);
    CHECK(stats.records == 12);

    /* Words, stemming, AND by default. */
    expect_first(db, "rights of migrants", "reports/A_52_314 para. 7");
    expect_first(db, "Migrant's rights", "reports/A_52_314 para. 7");
    expect_results(db, "receiving State", "reports/A_52_314 para. 7;"
                   "other para. 7");
    /* Symbols as written, and inside parentheses. */
    expect_results(db, "49/127", "reports/A_52_314 para. 1;other para. 1");
    expect_results(db, "A/CONF.157/24", "reports/A_52_314 para. 23");
    /* A document's own symbol finds the document. */
    expect_results(db, "A/52/314 kind:note", "reports/A_52_314 note 1");
    expect_results(db, "Geneva symbol:A/52/314", "reports/A_52_314 note 1");
    expect_bad(db, "symbol:migration", "symbol: needs a document symbol");
    /* Phrases, NEAR, OR, NOT, wildcard, grouping. */
    expect_results(db, "\"technical symposium\" doc:other",
                   "other para. 20");
    expect_results(db, "\"symposium technical\"", "");
    expect_first(db, "Commission NEAR Rights", "reports/A_52_314 para. 23");
    expect_results(db, "Commission NEAR/1 Programme", "");
    /* One word each, as rare, in records under BM25's length floor:
     * equal weights, so document order decides. */
    expect_results(db, "asylum OR A/CONF.157/24",
                   "reports/A_52_314 para. 23;other para. 23");
    expect_results(db, "refugees -Europe", "");
    expect_results(db, "refugees NOT Europe", "");
    expect_results(db, "(asylum OR symposium) doc:reports/A_52_314",
                   "reports/A_52_314 para. 20");
    expect_results(db, "symposi* doc:other", "other para. 20");
    /* A prefix longer than the stems it should find: "organize" and
     * "organizations" are indexed as "organ". */
    expect_results(db, "organiz* technical doc:other", "other para. 20");
    expect_results(db, "organiz* regional doc:other", "other para. 1");
    /* Filters. */
    expect_results(db, "kind:note", "reports/A_52_314 note 1;other note 1");
    expect_results(db, "Geneva kind:note symbol:a/52/314",
                   "reports/A_52_314 note 1");
    expect_results(db, "report kind:summary doc:other",
                   "other summary, para. 1");
    expect_results(db, "symposium section:iii doc:reports/A_52_314",
                   "reports/A_52_314 para. 20");
    expect_results(db, "symposium section:III.B", "");
    expect_results(db, "Programme section:III.B doc:other", "");
    expect_results(db, "Programme section:III.B. doc:reports/A_52_314",
                   "reports/A_52_314 para. 23");
    expect_results(db, "Geneva year:1997 doc:other", "other note 1");
    expect_results(db, "Geneva year:1990..1996", "");
    expect_results(db, "Geneva year:1995..1998 doc:other", "other note 1");
    /* Read as meant. */
    expect_results(db, "\"technical symposium", "reports/A_52_314 para. 20;"
                   "other para. 20");
    expect_results(db, "(Geneva doc:other", "other note 1");
    /* Rejected with a column. */
    expect_bad(db, "AND", "column 1: AND needs a word before it");
    expect_bad(db, "rights AND", "column 8: AND needs a word after it");
    expect_bad(db, "rights OR", "column 8: OR needs a word after it");
    expect_bad(db, "rights)", "column 7: unmatched ')'");
    expect_bad(db, "nosuch:x", "column 1: unknown field 'nosuch'");
    /* A colon ending a word is punctuation, not a field. */
    expect_results(db, "Geneva: doc:other", "other note 1");
    expect_bad(db, "kind:table", "kind: must be paragraph, note or summary");
    expect_bad(db, "migration year:97", "column 11: year:");
    expect_bad(db, "", "empty query");
    expect_bad(db, "  ... ,, ", "no words");
    expect_bad(db, "the of and", "only common words");
    /* NEAR takes words and ORs of words; a phrase, a prefix or a group
     * is refused with its column, never left to the engine. */
    expect_results(db, "(Commission OR conference) NEAR Rights",
                   "reports/A_52_314 para. 23");
    expect_bad(db, "\"technical symposium\" NEAR/3 Geneva",
               "column 1: NEAR works on words, not on phrases");
    expect_bad(db, "Geneva NEAR migra*", "column 13: NEAR works on words");
    expect_bad(db, "Geneva NEAR cross-sectoral", "column 13: NEAR works");
    expect_bad(db, "(rights AND migrants) NEAR Geneva", "column 1: NEAR");
    expect_bad(db, "rights NEAR (Commission NEAR Human)", "column 13: NEAR");
    /* The limits hold in the library, not only in the command. */
    expect_bad(db, "\xC2\xAD*", "no words");
    expect_bad(db, "\xFF*", "query is not UTF-8 at byte 1");
    expect_bad(db, "caf\xE9", "query is not UTF-8 at byte 4");
    {
        size_t big = 3 * PILCROW_QUERY_MAX_BYTES, i;
        char *t = malloc(big + 1);
        CHECK_FATAL(t != NULL);
        memset(t, '(', PILCROW_QUERY_MAX_DEPTH + 1);
        strcpy(t + PILCROW_QUERY_MAX_DEPTH + 1, "rights of migrants");
        expect_bad(db, t, "column 101: parentheses nested deeper than 100");
        t[0] = ' ';
        expect_first(db, t, "reports/A_52_314 para. 7");
        for (i = 0; i + 3 <= big; i += 3)
            memcpy(t + i, "aa ", 3);
        t[i] = '\0';
        expect_bad(db, t, "column 65537: query longer than 65536 bytes");
        t[PILCROW_QUERY_MAX_BYTES] = '\0';
        expect_bad(db, t, "more than 1024 terms");
        free(t);
    }
    /* A phrase across a stopword matches with its gap, in order. */
    expect_results(db, "\"rights of migrants\" doc:other", "other para. 7");
    expect_results(db, "\"migrants of rights\"", "");
    expect_results(db, "\"rights migrants\"", "");

    test_snippet_and_fields(db);

    /* Record lookup. */
    CHECK_OK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "note:1"));
    CHECK(pilcrow_record_kind(rec) == PILCROW_KIND_NOTE);
    CHECK(pilcrow_record_n_cited_by(rec) == 1);
    CHECK_STR(pilcrow_record_cited_by(rec, 0), "7");
    CHECK_STR(pilcrow_record_title(rec),
              "International migration and development");
    pilcrow_record_free(rec);
    CHECK_OK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "para. 20"));
    CHECK_STR(pilcrow_record_text(rec, NULL), p20);
    CHECK_STR(pilcrow_record_section_title(rec),
              "Commission on Population and Development");
    pilcrow_record_free(rec);
    CHECK(pilcrow_db_get_record(&rec, db, "reports/A_52_314", "99")
          == PILCROW_NOTFOUND);
    CHECK(strstr(pilcrow_db_errmsg(db), "no record 99") != NULL);

    /* Suggestions: a typo gets the word as written in the text. */
    CHECK_OK(pilcrow_query_new(&q, db, "protecton of migrnts", NULL));
    CHECK_OK(pilcrow_query_suggest(&sugg, q));
    CHECK_STR(sugg, "protection of migrants");
    pilcrow_free(sugg);
    CHECK_OK(pilcrow_query_new(&q, db, "migrants", NULL));
    CHECK(pilcrow_query_suggest(&sugg, q) == PILCROW_DONE);

    /* A reader keeps the index's terms for suggestions, and reads them
     * again when a writer's commit changes its view. */
    CHECK_FATAL(pilcrow_db_open(&rd, path, PILCROW_OPEN_READ, NULL) ==
                PILCROW_OK);
    CHECK_OK(pilcrow_query_new(&q, rd, "migrnts zanzibr", NULL));
    CHECK_OK(pilcrow_query_suggest(&sugg, q));
    CHECK_STR(sugg, "migrants zanzibr");
    pilcrow_free(sugg);
    doc = make_doc("other", NULL, "Migrants in Zanzibar.");
    CHECK_OK(pilcrow_index_doc(db, doc));
    pilcrow_doc_free(doc);
    CHECK_OK(pilcrow_index_commit(db));
    CHECK_OK(pilcrow_query_count(q, &count));
    CHECK(count == 0);
    CHECK_OK(pilcrow_query_suggest(&sugg, q));
    CHECK_STR(sugg, "migrants zanzibar");
    pilcrow_free(sugg);
    pilcrow_db_close(rd);

    /* Replacing a document replaces its records; deleting removes. */
    doc = make_doc("other", NULL, "Nothing about the earlier words.");
    CHECK_OK(pilcrow_index_doc(db, doc));
    pilcrow_doc_free(doc);
    CHECK_OK(pilcrow_index_commit(db));
    expect_results(db, "asylum", "");
    CHECK_OK(pilcrow_index_delete(db, "other"));
    CHECK_OK(pilcrow_index_commit(db));
    CHECK_OK(pilcrow_db_stats(&stats, db));
    CHECK(stats.documents == 1 && stats.records == 6);
    CHECK_OK(run(db, "Geneva", out, sizeof(out)));
    CHECK_STR(out, "reports/A_52_314 note 1");

    pilcrow_db_close(db);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
    CHECK(system(cmd) == 0);
    return check_done();
}
