/*
 * shim.h - the C interface to Xapian (pcx_*).  C types only: the C
 * library includes this; only the .cc files of src/xapian-shim include <xapian.h>.
 * Every function catches every C++ exception and turns it into a
 * pilcrow_status plus a message readable with pcx_errmsg().
 */
#ifndef PILCROW_SHIM_H
#define PILCROW_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include "pilcrow.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcx_db pcx_db;
typedef struct pcx_doc pcx_doc;

/* ---- Unicode (unicode.cc): Xapian::Unicode's tables ------------------ */

/* Non-zero if CP is a word character (letter, mark, digit, connector). */
int pcx_unicode_is_wordchar(uint32_t cp);
/* CP lower-cased. */
uint32_t pcx_unicode_tolower(uint32_t cp);
/* The Xapian::Unicode::category of CP, as an int. */
int pcx_unicode_category(uint32_t cp);

/* ---- databases (db.cc) ---------------------------------------------- */

/* Open (FLAGS: PILCROW_OPEN_*) the Xapian database at PATH.  On failure
 * *OUT is NULL and ERR (ERR_SIZE bytes) holds the message. */
pilcrow_status pcx_db_open(pcx_db **out, const char *path, unsigned flags,
                           char *err, size_t err_size);
/* Open the shards of PATH for reading, combined as one database: the
 * databases a stub database file names (IS_STUB: "auto PATH", "remote
 * HOST:PORT", "remote :PROGRAM ARGS", Xapian's format), else the
 * subdirectories of directory PATH that hold one.  TIMEOUT_MS bounds
 * the wait for a remote server's connection and each reply.  A remote
 * shard that does not answer fails the open (PILCROW_IO, the message
 * naming it) unless ALLOW_PARTIAL, when the others are read without it
 * (pcx_db_shard_live()); one that stops answering later is handled the
 * same way.  A bad stub file is PILCROW_INVALID. */
pilcrow_status pcx_db_open_shards(pcx_db **out, const char *path,
                                  int is_stub, unsigned timeout_ms,
                                  int allow_partial, char *err,
                                  size_t err_size);
/* The shards of X (0 for a database opened by pcx_db_open()); the name
 * of shard I (its path, HOST:PORT or PROGRAM ARGS), borrowed; its path
 * if it is local, else NULL; whether it is read (not dead). */
size_t pcx_db_n_shards(const pcx_db *x);
const char *pcx_db_shard_name(const pcx_db *x, size_t i);
const char *pcx_db_shard_path(const pcx_db *x, size_t i);
int pcx_db_shard_live(const pcx_db *x, size_t i);
/* Metadata KEY of shard I alone (as pcx_db_get_metadata). */
pilcrow_status pcx_db_shard_metadata(pcx_db *x, size_t i, const char *key,
                                     char **val, size_t *val_len);
/* Check the tables of X, the database at PATH, for damage before
 * anything is written to them: PILCROW_OK, or PILCROW_CORRUPT with
 * the damage found.  Reads the whole index (about 10 ms a megabyte),
 * in a child process, since Xapian's check itself can crash or loop
 * on some damage: a child killed by a signal, or still checking after
 * TIMEOUT seconds, is damage too.  PILCROW_BACKEND or PILCROW_NOMEM
 * when there is no child to check. */
pilcrow_status pcx_db_check(pcx_db *x, const char *path, unsigned timeout);
/* Close X, committing a writable database.  Accepts NULL. */
void pcx_db_close(pcx_db *x);
/* The message of the last failure on X ("" if none). */
const char *pcx_errmsg(const pcx_db *x);

pilcrow_status pcx_db_commit(pcx_db *x);
/* Reopen a reader at the latest commit. */
pilcrow_status pcx_db_reopen(pcx_db *x);
/* How many times X's view of the index changed by a reopen (a reader
 * caching what it read drops it when this moves). */
uint64_t pcx_db_generation(const pcx_db *x);

/* Counts: *N_DOCS Xapian documents (records); *N_TERMS distinct terms of
 * PREFIX-less content plus all others (walks the term list). */
pilcrow_status pcx_db_counts(pcx_db *x, uint64_t *n_docs,
                             uint64_t *n_terms);
/* Number of records indexed by TERM (exact). */
pilcrow_status pcx_db_termfreq(pcx_db *x, const char *term, size_t len,
                               uint64_t *freq);

/* Metadata: *VAL is a new pc_malloc'd copy (NUL-terminated, *VAL_LEN
 * bytes); an absent key gives "" (length 0). */
pilcrow_status pcx_db_get_metadata(pcx_db *x, const char *key, char **val,
                                   size_t *val_len);
pilcrow_status pcx_db_set_metadata(pcx_db *x, const char *key,
                                   const char *val, size_t val_len);
/* Call FN for each metadata key starting with PREFIX, in order, with its
 * value.  FN returning non-zero stops (PILCROW_DONE). */
typedef int pcx_kv_fn(const char *key, size_t key_len, const char *val,
                      size_t val_len, void *payload);
pilcrow_status pcx_db_metadata_each(pcx_db *x, const char *prefix,
                                    pcx_kv_fn *fn, void *payload);
/* Call FN for each term starting with PREFIX, with its term frequency
 * (as a decimal string in VAL, VAL_LEN); non-zero from FN stops. */
pilcrow_status pcx_db_terms_each(pcx_db *x, const char *prefix,
                                 pcx_kv_fn *fn, void *payload);
/* As pcx_db_terms_each(), the terms alone (VAL is "", VAL_LEN 0):
 * reading each term's frequency costs more than walking the terms. */
pilcrow_status pcx_db_term_names(pcx_db *x, const char *prefix,
                                 pcx_kv_fn *fn, void *payload);

/* Merge (compact) the N databases at SRCS into the new database DST. */
pilcrow_status pcx_db_merge(const char *dst, const char *const *srcs,
                            size_t n, char *err, size_t err_size);

/* ---- ranking: BM25, its length normalisation done at index time ----- */

/*
 * BM25 weighs a term's TF occurrences in a record of DL words as
 *     idf * (k1 + 1) * tfn / (k1 + tfn),  tfn = TF / (1 - b + b * DL / avdl).
 * The index stores tfn (scaled, rounded, at least 1) as the term's wdf,
 * so a search reads it from the posting list alone: Xapian's own BM25
 * looks up every matching record's length, which was nineteen twentieths
 * of a one-word search's time.  avdl is a constant (incremental indexing
 * cannot renormalise old records): UN paragraphs run 50-65 indexed words.
 * DL / avdl is floored at MIN_NORMLEN, so that a heading-sized record
 * does not outweigh a paragraph.  wdfs of synonyms (wildcard expansions)
 * add up to the tfn of their sum, as they should.
 */
#define PCX_BM25_K1 1.2
#define PCX_BM25_B 0.75
#define PCX_BM25_AVDL 60.0
#define PCX_BM25_MIN_NORMLEN 0.5
#define PCX_WDF_SCALE 32.0

/*
 * A word of the record's section heading or of its document's title
 * counts as that many more occurrences of it in the record (when the
 * record's text holds it at all: the heading is no text of its own, and
 * a paragraph matches by what it says).  This is how omega weighs a
 * title, folded into the length-normalised TF, so that BM25 itself
 * ranks a paragraph higher where the query's subject is its section's:
 * for a word found once in a paragraph of average length, a heading
 * word weighs 18% more and a title word 10%, less the more often the
 * paragraph repeats it (BM25's saturation).  No record needs reading
 * to rank by it.
 */
#define PCX_HEADING_TF 0.4
#define PCX_TITLE_TF 0.2
#define PCX_FIELD_HEADING 1u
#define PCX_FIELD_TITLE 2u

/* ---- documents (index.cc) ------------------------------------------- */

/* A Xapian::Document under construction, reused across records. */
pilcrow_status pcx_doc_new(pcx_doc **out, pcx_db *x);
void pcx_doc_free(pcx_doc *d);
/* Empty D for the next record. */
void pcx_doc_clear(pcx_doc *d);
/* An occurrence of TERM at POS (its wdf is set by pcx_doc_weigh_terms). */
pilcrow_status pcx_doc_add_posting(pcx_doc *d, const char *term, size_t len,
                                   uint32_t pos);
/* TERM is a word of FIELD (PCX_FIELD_HEADING or PCX_FIELD_TITLE): the
 * weight of its occurrences in the record's text rises (PCX_HEADING_TF). */
pilcrow_status pcx_doc_mark_field(pcx_doc *d, const char *term, size_t len,
                                  unsigned field);
/* Give every term of D with positions its wdf from its occurrences, its
 * fields and the record's length, N_WORDS indexed words (see "Ranking"
 * above).  Call once, after the last posting and field mark. */
pilcrow_status pcx_doc_weigh_terms(pcx_doc *d, uint32_t n_words);
/* A boolean term (no positions, wdf 0). */
pilcrow_status pcx_doc_add_boolean(pcx_doc *d, const char *term,
                                   size_t len);
pilcrow_status pcx_doc_set_value(pcx_doc *d, unsigned slot, const char *v,
                                 size_t len);
/* The record's stored bytes.  They go to value slot PCX_SLOT_RECORD, not
 * to the document data: Xapian deflates every document data it is given
 * (glass's docdata table) and keeps the result when it is smaller, which
 * for a record pilcrow has deflated costs 15% of the build and saves
 * nothing; values live in the postlist table, which it never deflates.
 * Every pcx_match's DATA is read from there. */
#define PCX_SLOT_RECORD 2u
pilcrow_status pcx_doc_set_data(pcx_doc *d, const char *data, size_t len);
/* Add D to X (a fresh id). */
pilcrow_status pcx_db_add(pcx_db *x, pcx_doc *d);
/* Delete every document indexed by TERM; *N_DELETED (may be NULL) gets
 * how many there were. */
pilcrow_status pcx_db_delete_term(pcx_db *x, const char *term, size_t len,
                                  uint64_t *n_deleted);

/* ---- queries (query.cc) --------------------------------------------- */

/* A query is a tree given in postfix order: leaves push a query, and an
 * operator node pops its N_CHILDREN operands and pushes the result.
 * The last node is the root. */
enum pcx_op {
    PCX_TERM,          /* leaf: TERM, wqf 1, position POS (for phrases) */
    PCX_BOOLEAN,       /* leaf: TERM as a filter (no weight) */
    PCX_WILDCARD,      /* leaf: terms starting with TERM (the
                        * PCX_WILDCARD_MAX held most often, or EVERY) */
    PCX_ALL,           /* leaf: every document */
    PCX_NOTHING,       /* leaf: no document */
    PCX_AND,
    PCX_OR,
    PCX_SYNONYM,       /* the operands weighed as one term (readings of
                        * one word in several languages) */
    PCX_AND_NOT,       /* first operand minus the OR of the others */
    PCX_FILTER,        /* first operand, filtered by the AND of others */
    PCX_PHRASE,        /* terms in order within WINDOW (0 = count) */
    PCX_NEAR,          /* terms in any order within WINDOW */
    PCX_VALUE_RANGE,   /* leaf: value SLOT between TERM and TERM2 */
    PCX_SCALE          /* one operand, weight scaled by FACTOR */
};

/* The most terms a wildcard expands to, those held most often. */
#define PCX_WILDCARD_MAX 200
#define PCX_EVERY_SYNONYM 1
#define PCX_EVERY_OR 2

struct pcx_qnode {
    enum pcx_op op;
    const char *term;      /* leaves */
    size_t term_len;
    const char *term2;     /* PCX_VALUE_RANGE: upper bound */
    size_t term2_len;
    unsigned slot;         /* PCX_VALUE_RANGE */
    unsigned n_children;   /* operators */
    unsigned window;       /* PCX_PHRASE, PCX_NEAR */
    int every;             /* PCX_WILDCARD: 0 for the PCX_WILDCARD_MAX
                            * terms held most often, as a synonym; else
                            * every term starting with it, weighed as one
                            * (PCX_EVERY_SYNONYM) or ORed (PCX_EVERY_OR:
                            * Xapian's OP_PHRASE and OP_NEAR take no
                            * synonym below them) */
    double factor;         /* PCX_SCALE */
};

/* One match as the shim returns it. */
struct pcx_match {
    uint32_t docid;        /* Xapian document id */
    double weight;         /* BM25 weight (see "Ranking") */
    char *data;            /* stored record data (pc_malloc'd) */
    size_t data_len;
};

struct pcx_result {
    struct pcx_match *matches;  /* pc_malloc'd array */
    size_t n_matches;
    uint64_t estimate;          /* matches over all ranks */
    int exact;                  /* ESTIMATE is the exact count */
};

/* A match decider: called with the stored data of a document that
 * matches the query, returns non-zero to keep it (Xapian's
 * MatchDecider, so the estimate allows for what it rejects). */
typedef int pcx_decide_fn(const char *data, size_t len, void *payload);

/* Run the query of N nodes over X and return ranks FIRST .. FIRST +
 * MAXITEMS - 1 (0-based) in *OUT.  CHECK_AT_LEAST as for Enquire.
 * DECIDE (may be NULL) with PAYLOAD keeps or rejects each candidate.
 * An unknown wildcard expansion or an empty tree matches nothing. */
pilcrow_status pcx_query_run(pcx_db *x, const struct pcx_qnode *nodes,
                             size_t n, size_t first, size_t maxitems,
                             size_t check_at_least, pcx_decide_fn *decide,
                             void *payload, struct pcx_result *out);
void pcx_result_free(struct pcx_result *r);
/* The order of X's next pcx_query_run() results: 0 by relevance (the
 * default), 1 by the date slot then relevance, -1 by date descending
 * then relevance; a document without a date sorts as the earliest. */
void pcx_db_set_sort(pcx_db *x, int sort);
/* The exact number of documents matching the query of N nodes (DECIDE
 * as for pcx_query_run), in *COUNT: every match is counted. */
pilcrow_status pcx_query_count(pcx_db *x, const struct pcx_qnode *nodes,
                               size_t n, pcx_decide_fn *decide,
                               void *payload, uint64_t *count);

/* The stored data of the one document indexed by TERM (a Q unique-id
 * term): *DATA is pc_malloc'd.  PILCROW_NOTFOUND if there is none. */
pilcrow_status pcx_db_get_by_term(pcx_db *x, const char *term, size_t len,
                                  char **data, size_t *data_len);

#ifdef __cplusplus
}
#endif

#endif /* PILCROW_SHIM_H */
