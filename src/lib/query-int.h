/*
 * query-int.h - what the files of the query share: the query object, its
 * result sets and the parser's entry point.  Private to query-parse.c,
 * query.c, hits.c and suggest.c.
 */
#ifndef PILCROW_QUERY_INT_H
#define PILCROW_QUERY_INT_H

#include "pilcrow-private.h"

struct pcx_qnode;
struct qn;

/* Most languages a query reads its words in (the table's). */
#define PC_QUERY_MAX_READINGS 8

/* A word of the query text as typed, for spelling suggestions. */
struct qword {
    size_t start, end;         /* byte span in the query text */
    const char *term;          /* its index term */
    size_t term_len;
};

/* A quoted phrase that left function words out, checked in the text of
 * every candidate (phrase.c): per reading of the query, the sequence of
 * its words' hashes. */
struct pc_phrase_check {
    int exact;                               /* =word: folded, unstemmed */
    uint64_t *seq[PC_QUERY_MAX_READINGS];   /* pc_malloc'd */
    size_t n_seq[PC_QUERY_MAX_READINGS];
    pc_byteset first[PC_QUERY_MAX_READINGS]; /* first bytes of its words */
};

struct pilcrow_query {
    struct pc_node node;       /* in the db's children */
    pilcrow_db *db;
    struct pc_arena arena;     /* tree, terms, copies */
    char *text;                /* the query text */
    struct pc_analyzer *an;    /* the first reading: symbols, prefixes,
                                * suggestions */
    struct pc_analyzer *readings[PC_QUERY_MAX_READINGS];
    size_t n_readings;         /* the languages words are read in */
    const char *restrict_lang; /* the options' language: only its
                                * records match; NULL: every language */
    size_t snippet_bytes;
    const char *hl_start, *hl_end;
    struct qn *root;
    struct pcx_qnode *nodes;   /* the tree in postfix, for the shim */
    size_t n_nodes;
    struct pcx_qnode *wide;    /* the words ORed, when no record holds
                                * them all; NULL if not widenable */
    size_t n_wide;
    struct pc_qterm *terms;    /* positive terms, for highlights */
    size_t n_terms, cap_terms;
    int beyond_text;           /* a record can match with none of TERMS
                                * in its text (a symbol's X term) */
    pilcrow_sort sort;         /* pilcrow_query_set_sort() */
    unsigned flags;            /* the options' PILCROW_QUERY_* */
    int names_doc;             /* a doc:, symbol: or family: filter or a
                                * citation: every version matches */
    unsigned meta_filters;     /* bit I: a filter on left_fields[I] */
    uint64_t left_out[5];      /* documents not stating field I, as of
                                * the last run */
    const char *unknown_symbol; /* a symbol: value no document of the
                                * index carries, as typed; or NULL */
    struct qword *words;       /* plain words, for suggestions */
    size_t n_words, cap_words;
    struct pc_phrase_check *checks;  /* pc_malloc'd */
    size_t n_checks, cap_checks;
    struct pc_node hits;       /* sentinel of the live result sets */
};

/* One hit of a result set. */
struct hit {
    double score;
    struct pilcrow_record rec;
    const char *snippet;       /* in the hits' arena */
    size_t snippet_len;
    size_t *spans;             /* pc_malloc'd, 2 a span */
    size_t n_spans;
    struct pc_match *m;        /* matched words of the text, found
                                * once for rerank and snippet; arena */
    size_t n_m;
    const char **versions;     /* the family's symbols, arena */
    size_t n_versions;
    const char *data;          /* the stored record, while running */
    size_t data_len;
};

struct pilcrow_hits {
    struct pc_node node;       /* in the query's hits */
    pilcrow_query *q;
    struct pc_arena arena;     /* records, snippets */
    struct hit *hits;          /* pc_malloc'd */
    size_t n_hits;
    size_t cur;                /* 1-based after the first next */
    size_t offset;
    uint64_t total;
    int total_exact;           /* TOTAL is exact, not an estimate */
    int partial;               /* the widened query answered */
};

/* Parse Q->text with Q->an into Q's tree, its postfix nodes for the
 * shim (Q->nodes, and Q->wide when the query can be widened), its
 * highlight terms and its words.  Returns PILCROW_OK, or an error with
 * the db's message set ("column N: ..." for PILCROW_BADQUERY). */
pilcrow_status pc_query_parse(pilcrow_query *q);

/* Add to Q a check of the phrase TEXT (LEN bytes), read in each of Q's
 * readings, its words as terms (function words as written) or, when
 * EXACT, all as written.  Returns PILCROW_OK or PILCROW_NOMEM. */
pilcrow_status pc_phrase_check_add(pilcrow_query *q, const char *text,
                                   size_t len, int exact);
void pc_phrase_checks_free(pilcrow_query *q);
/* The match decider of a query with checks (PAYLOAD: the query): keep
 * the record of DATA when its text holds every checked phrase. */
int pc_phrase_decide(const char *data, size_t len, void *payload);

/* Free result set NODE (a pilcrow_hits) without unlinking it. */
void pc_hits_release(struct pc_node *node);

#endif /* PILCROW_QUERY_INT_H */
