/*
 * t-terms.c - the index's vocabulary (terms.c): the query fields and
 * their prefixes, how values fold, long values hashed alike for the
 * indexer and the query, the record's unique-id term, and metadata
 * keys: as they always were up to Xapian's limit, hashed past it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "pilcrow-private.h"
#include "shim.h"

/* B's text, built with status ST, copied into a static buffer (one
 * for every call) and B freed. */
static const char *
kept(pilcrow_status st, struct pc_buf *b)
{
    static char out[512];

    CHECK_FATAL(st == PILCROW_OK && b->len < sizeof(out));
    memcpy(out, b->data, b->len + 1);
    pc_buf_free(b);
    return out;
}

/* The term PREFIX + VALUE as pc_term() builds it. */
static const char *
term(char prefix, const char *value)
{
    struct pc_buf b = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;

    pc_term(&st, &b, prefix, value, strlen(value));
    return kept(st, &b);
}

static void
test_fields(void)
{
    struct pc_buf b = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;
    const struct pc_field *f;

    pc_field_list(&st, &b);
    CHECK_STR(b.data, "doc, kind, section, symbol, cites, year, lang, "
              "organ, session, agenda, type, date, family");
    CHECK((f = pc_field_find("lang", 4)) && f->prefix == PC_TERM_LANG);
    CHECK((f = pc_field_find("language", 8)) && f->prefix == PC_TERM_LANG);
    CHECK((f = pc_field_find("doc", 3)) && f->prefix == PC_TERM_DOC);
    CHECK(pc_field_find("do", 2) == NULL);
    CHECK(pc_field_find("docs", 4) == NULL);
    CHECK(pc_field_find("title", 5) == NULL);

    pc_buf_reset(&b);
    pc_field_value(&st, &b, pc_field_find("section", 7), "ii.a", 4);
    CHECK_STR(b.data, "II.A");
    pc_buf_reset(&b);
    pc_field_value(&st, &b, pc_field_find("symbol", 6), "A/CONF.157/24", 13);
    CHECK_STR(b.data, "a/conf.157/24");
    pc_buf_reset(&b);
    pc_field_value(&st, &b, pc_field_find("doc", 3), "Reports/A_52", 12);
    CHECK_STR(b.data, "Reports/A_52");
    CHECK(st == PILCROW_OK);
    pc_buf_free(&b);
}

static void
test_terms(void)
{
    char lng[PC_MAX_TERM + 51], other[PC_MAX_TERM + 51], hashed[19];
    struct pc_buf b = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;
    const char *t;

    CHECK_STR(term(PC_TERM_KIND, "note"), "Knote");
    memset(lng, 'x', sizeof(lng) - 1);
    lng[sizeof(lng) - 1] = '\0';
    memcpy(other, lng, sizeof(lng));
    other[100] = 'y';
    /* Past the limit: prefix, '#', 16 hex digits of the value's hash. */
    t = term(PC_TERM_DOC, lng);
    CHECK(strlen(t) == 18 && t[0] == 'D' && t[1] == '#');
    CHECK(strspn(t + 2, "0123456789abcdef") == 16);
    memcpy(hashed, t, 19);
    CHECK(strcmp(term(PC_TERM_DOC, other), hashed) != 0);
    CHECK_STR(term(PC_TERM_DOC, lng), hashed);
    /* At the limit, the value itself. */
    lng[PC_MAX_TERM] = '\0';
    CHECK(strlen(term(PC_TERM_DOC, lng)) == PC_MAX_TERM + 1);

    pc_uid_term(&st, &b, "reports/A_52_314", PILCROW_KIND_PARAGRAPH, "I",
                "3");
    CHECK_STR(b.data, "Qreports/A_52_314#paI:3");
    pc_buf_reset(&b);
    pc_uid_term(&st, &b, "d", PILCROW_KIND_NOTE, NULL, "*");
    CHECK_STR(b.data, "Qd#n:*");
    pc_buf_reset(&b);
    pc_doc_term(&st, &b, "d");
    CHECK_STR(b.data, "Dd");
    CHECK(st == PILCROW_OK);
    pc_buf_free(&b);
}

/* The indexer and the query build the same terms: a document whose id
 * is past the term limit is still found by doc:, and section: folds. */
static void
test_index_and_query(void)
{
    static const char text[] =
        "Symbol: A/99/7\n\nI. Lanterns\n\n"
        "1. The keepers of the lighthouse trimmed the lanterns at dusk.\n";
    /* Past the term limit, within Xapian's limit on metadata keys. */
    char tmpl[] = "t-terms-XXXXXX", path[64], id[PC_MAX_TERM + 20];
    char query[sizeof(id) + 32], cmd[96];
    pilcrow_parse_options o = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_doc *doc;
    pilcrow_db *db;
    pilcrow_query *q;
    pilcrow_hits *h;

    CHECK_FATAL(mkdtemp(tmpl) != NULL);
    snprintf(path, sizeof(path), "%s/index", tmpl);
    CHECK_FATAL(pilcrow_db_open(&db, path, PILCROW_OPEN_WRITE |
                                PILCROW_OPEN_CREATE, NULL) == PILCROW_OK);
    memset(id, 'a', sizeof(id) - 1);
    id[sizeof(id) - 1] = '\0';
    o.doc = id;
    CHECK_FATAL(pilcrow_doc_parse_buffer(&doc, text, strlen(text), &o, NULL)
                == PILCROW_OK);
    CHECK_OK(pilcrow_index_doc(db, doc));
    pilcrow_doc_free(doc);
    CHECK_OK(pilcrow_index_commit(db));

    snprintf(query, sizeof(query), "lanterns doc:%s", id);
    CHECK_OK(pilcrow_query_new(&q, db, query, NULL));
    CHECK_OK(pilcrow_query_run(&h, q, 0, 10));
    CHECK(pilcrow_hits_total(h) == 1);
    CHECK_OK(pilcrow_hits_next(h));
    CHECK_STR(pilcrow_record_doc(pilcrow_hits_record(h)), id);
    pilcrow_query_free(q);

    CHECK_OK(pilcrow_query_new(&q, db, "lanterns section:i. symbol:a/99/7",
                               NULL));
    CHECK_OK(pilcrow_query_run(&h, q, 0, 10));
    CHECK(pilcrow_hits_total(h) == 1);
    pilcrow_query_free(q);
    pilcrow_db_close(db);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
    CHECK(system(cmd) == 0);
}

/* The metadata key of NAME under PREFIX. */
static const char *
meta_key(const char *prefix, const char *name)
{
    struct pc_buf b = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;

    pc_meta_key(&st, &b, prefix, name);
    return kept(st, &b);
}

static void
test_meta_keys(void)
{
    char name[PC_MAX_META_KEY + 2], other[sizeof(name)], hashed[19];
    const char *k;

    /* Keys that fit are the prefix and the name, as older indexes hold
     * them. */
    CHECK_STR(meta_key(PC_META_FILE, "/srv/un/A_52_314.txt"),
              "f:/srv/un/A_52_314.txt");
    CHECK_STR(meta_key(PC_META_DOC, "reports/A_52_314"),
              "d:reports/A_52_314");
    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    memcpy(other, name, sizeof(name));
    other[7] = 'y';
    /* At the limit, as it is. */
    name[PC_MAX_META_KEY - 2] = '\0';
    CHECK(strlen(meta_key(PC_META_FILE, name)) == PC_MAX_META_KEY);
    CHECK(memcmp(meta_key(PC_META_FILE, name), "f:xxx", 5) == 0);
    /* One past: the letter, '#', the hash in hex; distinct names give
     * distinct keys, the same name the same. */
    name[PC_MAX_META_KEY - 2] = 'x';
    name[PC_MAX_META_KEY - 1] = '\0';
    other[PC_MAX_META_KEY - 1] = '\0';
    k = meta_key(PC_META_FILE, name);
    CHECK(strlen(k) == 18 && memcmp(k, PC_META_FILE_HASHED, 2) == 0);
    CHECK(strspn(k + 2, "0123456789abcdef") == 16);
    memcpy(hashed, k, 19);
    CHECK(strcmp(meta_key(PC_META_FILE, other), hashed) != 0);
    CHECK_STR(meta_key(PC_META_FILE, name), hashed);
    k = meta_key(PC_META_DOC, name);
    CHECK(memcmp(k, PC_META_DOC_HASHED, 2) == 0 &&
          strcmp(k + 2, hashed + 2) == 0);
}

/* A document whose id is past the limit on metadata keys: its metadata
 * is found, counted and deleted; a short id's is under d: + id. */
static void
test_long_doc_id(void)
{
    static const char text[] =
        "Symbol: A/99/8\n\n1. The keepers trimmed the lanterns at dusk.\n";
    char tmpl[] = "t-terms-XXXXXX", path[64], id[301], cmd[96];
    pilcrow_parse_options o = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_record *r = NULL;
    pilcrow_stats stats;
    pilcrow_doc *doc;
    pilcrow_db *db;
    char *val = NULL;
    size_t len = 0;
    int i;

    CHECK_FATAL(mkdtemp(tmpl) != NULL);
    snprintf(path, sizeof(path), "%s/index", tmpl);
    CHECK_FATAL(pilcrow_db_open(&db, path, PILCROW_OPEN_WRITE |
                                PILCROW_OPEN_CREATE, NULL) == PILCROW_OK);
    memset(id, 'l', sizeof(id) - 1);
    id[sizeof(id) - 1] = '\0';
    for (i = 0; i < 2; i++) {
        o.doc = i == 0 ? id : "short";
        CHECK_FATAL(pilcrow_doc_parse_buffer(&doc, text, strlen(text), &o,
                                             NULL) == PILCROW_OK);
        CHECK_OK(pilcrow_index_doc(db, doc));
        pilcrow_doc_free(doc);
    }
    CHECK_OK(pilcrow_index_commit(db));
    CHECK_OK(pilcrow_db_get_record(&r, db, id, "para. 1"));
    CHECK(r != NULL && strcmp(pilcrow_record_symbol(r), "A/99/8") == 0);
    pilcrow_record_free(r);
    CHECK_OK(pcx_db_get_metadata(db->x, "d:short", &val, &len));
    CHECK(len > 0);
    pc_free(val);
    CHECK_OK(pilcrow_db_stats(&stats, db));
    CHECK(stats.documents == 2);
    CHECK_OK(pilcrow_index_delete(db, id));
    CHECK_OK(pilcrow_index_commit(db));
    CHECK_OK(pilcrow_db_stats(&stats, db));
    CHECK(stats.documents == 1 && stats.records == 1);
    pilcrow_db_close(db);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
    CHECK(system(cmd) == 0);
}

int
main(void)
{
    test_fields();
    test_terms();
    test_index_and_query();
    test_meta_keys();
    test_long_doc_id();
    return check_done();
}
