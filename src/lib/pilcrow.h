/*
 * pilcrow.h - the public API of libpilcrow, full-text search for United
 * Nations documents by paragraph.
 *
 * pilcrow parses a document into records (numbered paragraphs, summary
 * paragraphs and notes), indexes the records in a compressed, stemmed
 * inverted index, and answers queries with ranked records, each with a
 * citable anchor ("A/52/314, para. 7") and a snippet whose matched words
 * are marked.  This header is the whole API: what is not here is not API.
 *
 * Conventions, for every function below:
 *  - Functions return a pilcrow_status: 0 (PILCROW_OK) on success, a
 *    positive value for a normal event (PILCROW_DONE, PILCROW_UNCHANGED),
 *    a negative value on error.  Callers test "st < 0".
 *  - Objects are opaque handles.  A constructor writes the new object to
 *    its first argument (T **out); the caller owns it and releases it with
 *    the matching _free or _close, which accept NULL.  On failure *out is
 *    NULL.
 *  - Strings are UTF-8 and NUL-terminated; buffers come with a byte length.
 *    Inputs are borrowed: the library copies what it keeps.  A pointer
 *    returned as a value is borrowed from its owner and stays valid until
 *    the next call that advances, changes or frees that owner.
 *  - Memory the caller must release is released with pilcrow_free().
 *  - After a failure on a database handle, pilcrow_db_errmsg() says what
 *    failed and where.  Functions that have no handle yet return details
 *    through a "char **errmsg" argument (free with pilcrow_free()).
 *  - The library never prints, never exits and reads no environment
 *    variables or configuration files.  Warnings (such as invalid UTF-8
 *    replaced while parsing) go to a callback the caller may supply.
 *  - Threads: a pilcrow_db and every object derived from it serve one
 *    thread at a time.  Distinct handles, even on the same index, may be
 *    used from distinct threads concurrently.
 *  - Using a handle after it was freed or closed is undefined; any other
 *    misuse (a NULL argument, an out-of-range index, a write on a
 *    read-only handle) returns PILCROW_INVALID or PILCROW_READONLY.
 */
#ifndef PILCROW_H
#define PILCROW_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define PILCROW_API __attribute__((visibility("default")))
#define PILCROW_DEPRECATED(maj, min) __attribute__((deprecated))
#else
#define PILCROW_API
#define PILCROW_DEPRECATED(maj, min)
#endif

/* ------------------------------------------------------------------ */
/* Versions                                                            */
/* ------------------------------------------------------------------ */

/* The version of this header: the project's one statement of its
 * version (configure.ac and pilcrow.pc take it from here).
 * PILCROW_VERSION is "MAJOR.MINOR.PATCH"; PILCROW_VERSION_NUMBER is
 * major * 10000 + minor * 100 + patch. */
#define PILCROW_VERSION_MAJOR 0
#define PILCROW_VERSION_MINOR 1
#define PILCROW_VERSION_PATCH 0

#define PILCROW_VERSION_STR_(x) #x
#define PILCROW_VERSION_XSTR_(x) PILCROW_VERSION_STR_(x)
#define PILCROW_VERSION                                                 \
    PILCROW_VERSION_XSTR_(PILCROW_VERSION_MAJOR) "."                    \
    PILCROW_VERSION_XSTR_(PILCROW_VERSION_MINOR) "."                    \
    PILCROW_VERSION_XSTR_(PILCROW_VERSION_PATCH)
#define PILCROW_VERSION_NUMBER                                          \
    (PILCROW_VERSION_MAJOR * 10000 + PILCROW_VERSION_MINOR * 100 +      \
     PILCROW_VERSION_PATCH)

/* The version of the library actually linked, as a string ("0.1.0") and
 * as a number comparable with PILCROW_VERSION_NUMBER.  A program built
 * against a newer header than the library it runs with can detect it.
 * Since 0.1. */
PILCROW_API const char *pilcrow_version(void);
PILCROW_API int pilcrow_version_number(void);

/* ------------------------------------------------------------------ */
/* Status codes                                                        */
/* ------------------------------------------------------------------ */

typedef enum pilcrow_status {
    PILCROW_OK = 0,          /* Success. */
    PILCROW_DONE = 1,        /* Iterator exhausted; nothing (more) found. */
    PILCROW_UNCHANGED = 2,   /* The file is already indexed as it is. */
    PILCROW_NOMEM = -1,      /* An allocation failed. */
    PILCROW_INVALID = -2,    /* Bad argument: NULL, out of range, misuse. */
    PILCROW_IO = -3,         /* Reading an input file failed. */
    PILCROW_NOTFOUND = -4,   /* No such index, document, record or file. */
    PILCROW_EXISTS = -5,     /* The object to create already exists. */
    PILCROW_READONLY = -6,   /* A write on an index opened for reading. */
    PILCROW_LOCKED = -7,     /* Another process is writing the index. */
    PILCROW_CORRUPT = -8,    /* The index or stored data is damaged. */
    PILCROW_BADQUERY = -9,   /* The query text cannot be parsed. */
    PILCROW_RETRY = -10,     /* The index changed under a reader; retry. */
    PILCROW_BADINPUT = -11,  /* The input is not a text document, or
                              * is too large for one. */
    PILCROW_BACKEND = -12,   /* Reading or writing the index failed
                              * (a full disk, an I/O error). */
    PILCROW_INTERNAL = -13   /* A bug in pilcrow: please report it. */
} pilcrow_status;

/* A static English description of STATUS, never NULL (an unknown value
 * gives "unknown status").  Since 0.1. */
PILCROW_API const char *pilcrow_status_str(pilcrow_status status);

/* Release memory the library handed to the caller (messages, strings).
 * Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_free(void *ptr);

/* ------------------------------------------------------------------ */
/* Objects                                                             */
/* ------------------------------------------------------------------ */

typedef struct pilcrow_db pilcrow_db;         /* An open index. */
typedef struct pilcrow_doc pilcrow_doc;       /* A parsed document. */
typedef struct pilcrow_record pilcrow_record; /* One paragraph or note. */
typedef struct pilcrow_query pilcrow_query;   /* A parsed query. */
typedef struct pilcrow_hits pilcrow_hits;     /* Results of a query. */
typedef struct pilcrow_quote pilcrow_quote;   /* Sources of a quotation. */
typedef struct pilcrow_parallel pilcrow_parallel; /* A record in every
                                                    * language version. */

/* What a record is.  Since 0.1. */
typedef enum pilcrow_kind {
    PILCROW_KIND_PARAGRAPH = 0,  /* A numbered (or ordinal) paragraph. */
    PILCROW_KIND_SUMMARY = 1,    /* A paragraph of the Summary. */
    PILCROW_KIND_NOTE = 2        /* A footnote or endnote. */
} pilcrow_kind;

/* The name of KIND: "paragraph", "summary" or "note"; NULL for a value
 * that is not a kind.  Since 0.1. */
PILCROW_API const char *pilcrow_kind_name(pilcrow_kind kind);

/* Called with a one-line warning (such as "report.txt: byte 1234:
 * invalid UTF-8 replaced by U+FFFD").  MESSAGE is borrowed for the
 * duration of the call.  Since 0.1. */
typedef void pilcrow_warn_fn(const char *message, void *payload);

/* ------------------------------------------------------------------ */
/* Parsing: document text in, records out (no index involved)          */
/* ------------------------------------------------------------------ */

/* Options for parsing and indexing a document.  Initialise with
 * PILCROW_PARSE_OPTIONS_INIT, then set the fields you need; every
 * pointer is borrowed for the duration of the call.  Since 0.1. */
typedef struct pilcrow_parse_options {
    unsigned version;          /* PILCROW_PARSE_OPTIONS_VERSION. */
    const char *doc;           /* Document id; NULL: the file name
                                * without directory and extension
                                * ("buffer" for a buffer). */
    const char *symbol;        /* UN symbol; NULL: from a "Symbol:" line
                                * or the document's first lines. */
    const char *title;         /* Title; NULL: from the text. */
    const char *date;          /* Date as YYYY-MM-DD; NULL: from text. */
    const char *language;      /* ISO 639-1 code ("en", "fr") for a
                                * document whose front matter names no
                                * language ("Language:" line, YAML
                                * "language:"); NULL: guessed from the
                                * text (see pilcrow_language_name). */
    const char *file;          /* Path reported as the record's file;
                                * NULL: the path parsed (or ""). */
    pilcrow_warn_fn *warn;     /* Warning callback, or NULL. */
    void *warn_payload;        /* Passed to WARN. */
} pilcrow_parse_options;

#define PILCROW_PARSE_OPTIONS_VERSION 1
#define PILCROW_PARSE_OPTIONS_INIT \
    { PILCROW_PARSE_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, \
      NULL, NULL }

/* The limit on a document: this many bytes of text, once inflated
 * (64 MiB), which holds for any file or buffer (files may come from
 * anyone).  The file is read no further than one byte past it, so
 * reading costs at most about this much memory (parsing a document
 * costs about five times its size).  A longer document is refused with
 * PILCROW_BADINPUT.  Since 0.1. */
#define PILCROW_DOC_MAX_BYTES 67108864

/* Parse the document in file PATH (".txt", ".md", or either compressed
 * with gzip, ".gz").  OPTS may be NULL for the defaults.  On success *OUT
 * is a new document for pilcrow_doc_free().  Invalid UTF-8 is replaced
 * by U+FFFD with a warning; a byte-order mark and CRLF line ends are
 * accepted.  Returns PILCROW_OK, PILCROW_INVALID, PILCROW_NOMEM,
 * PILCROW_IO (unreadable file, truncated or corrupt gzip data),
 * PILCROW_NOTFOUND (no such file) or PILCROW_BADINPUT (binary content,
 * or more than PILCROW_DOC_MAX_BYTES of text).  On failure, if ERRMSG
 * is not NULL, *ERRMSG is a message naming the file for pilcrow_free().
 * Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_doc_parse_file(pilcrow_doc **out, const char *path,
                       const pilcrow_parse_options *opts, char **errmsg);

/* As pilcrow_doc_parse_file(), for the BUF_LEN bytes at BUF (which need
 * not be NUL-terminated, nor gzip-compressed); BUF_LEN over
 * PILCROW_DOC_MAX_BYTES is PILCROW_BADINPUT.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_doc_parse_buffer(pilcrow_doc **out, const char *buf, size_t buf_len,
                         const pilcrow_parse_options *opts, char **errmsg);

/* Document metadata, borrowed from DOC.  symbol and date are NULL when
 * unknown; the others are never NULL (possibly "").  Since 0.1. */
PILCROW_API const char *pilcrow_doc_id(const pilcrow_doc *doc);
PILCROW_API const char *pilcrow_doc_symbol(const pilcrow_doc *doc);
PILCROW_API const char *pilcrow_doc_title(const pilcrow_doc *doc);
PILCROW_API const char *pilcrow_doc_date(const pilcrow_doc *doc);
PILCROW_API const char *pilcrow_doc_language(const pilcrow_doc *doc);
PILCROW_API const char *pilcrow_doc_file(const pilcrow_doc *doc);

/* The UN metadata of a document, as the document states it (or its
 * symbol says it), for pilcrow_doc_meta() and pilcrow_record_meta():
 *  PILCROW_META_ORGAN         the organ or body whose series the symbol
 *                             is in: "GA", "SC", "ECOSOC", "HRC", "CSW"...
 *  PILCROW_META_SESSION       the session: "80" ("Eightieth session",
 *                             A/80/...), "2025" ("2025 session", E/2025/)
 *  PILCROW_META_AGENDA        the agenda item(s) as printed: "99 (ee)",
 *                             "68, 70"
 *  PILCROW_META_AGENDA_TITLE  the agenda item's title
 *  PILCROW_META_TYPE          "resolution", "decision", "report",
 *                             "letter", "note-verbale", "note", "draft",
 *                             "record" (PV.), "statement"
 *  PILCROW_META_VERSION       "Rev.1", "Corr.1", "Add.2", "Add.1/Rev.1"
 *  PILCROW_META_BASE          the symbol of the document this is a
 *                             version of ("S/2025/71" for S/2025/71/Rev.1)
 * Since 0.1. */
typedef enum pilcrow_meta_field {
    PILCROW_META_ORGAN = 0,
    PILCROW_META_SESSION = 1,
    PILCROW_META_AGENDA = 2,
    PILCROW_META_AGENDA_TITLE = 3,
    PILCROW_META_TYPE = 4,
    PILCROW_META_VERSION = 5,
    PILCROW_META_BASE = 6
} pilcrow_meta_field;

/* Field F of DOC's UN metadata, borrowed from DOC; NULL when the
 * document does not say (or F is out of range).  Since 0.1. */
PILCROW_API const char *pilcrow_doc_meta(const pilcrow_doc *doc,
                                         pilcrow_meta_field f);

/* The name of metadata field F as JSON and the query language write it
 * ("organ", "session", "agenda", "agenda_title", "type", "version",
 * "base"); NULL when F is out of range.  Since 0.1. */
PILCROW_API const char *pilcrow_meta_field_name(pilcrow_meta_field f);

/* The languages pilcrow analyses, by ISO 639-1 code: their English
 * name ("french") for CODE ("fr", "FR", "fr-CA", or a name such as
 * "French" or "Français"), NULL for a language it does not analyse
 * (its documents are analysed as English).  A document's language is
 * what its front matter says, else the parse options', else guessed:
 * the script of most of its letters, and for Latin letters the
 * language whose commonest words are most of its words.  Since 0.1. */
PILCROW_API const char *pilcrow_language_name(const char *code);

/* The number of records of DOC, and record I of them (0-based, in
 * document order), borrowed from DOC; NULL when I is out of range.
 * Since 0.1. */
PILCROW_API size_t pilcrow_doc_n_records(const pilcrow_doc *doc);
PILCROW_API const pilcrow_record *
pilcrow_doc_record(const pilcrow_doc *doc, size_t i);

/* Release DOC and its records.  Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_doc_free(pilcrow_doc *doc);

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

/* Fields of a record, borrowed from it.  Never NULL, except symbol and
 * date (NULL when unknown) and annex (NULL outside an annex).
 *  doc            document id ("reports/A_52_314")
 *  symbol         UN symbol of the document ("A/52/314")
 *  title, date    of the document; date as YYYY-MM-DD
 *  language       ISO 639-1 code of the analysis used ("en")
 *  file           path of the source file
 *  section        section path ("II.A"), "" before the first heading
 *  section_title  heading of the innermost section
 *  number         printed number ("7"), summary ordinal, note marker
 *                 as digits ("1") or "*"; "p2" for a preambular
 *                 paragraph, "a26" for an article and "a26.1" for its
 *                 numbered sub-paragraph; in a text quoted in a report,
 *                 "d", its kind ("r" draft resolution, "d" draft
 *                 decision, "R" resolution, "D" decision, "N" known by
 *                 its number, "T" unnamed), its label and "." before
 *                 the number ("drII.5", "dr.p2", "dR68/1.5")
 *  annex          annex number ("I") or "" for a sole unnumbered annex
 *  anchor         the citation anchor: "para. 7", "summary, para. 1",
 *                 "note 1", "annex I, para. 3", "preamble, para. 2",
 *                 "art. 26", "art. 26, para. 1",
 *                 "draft resolution II, para. 5";
 *                 a paragraph number the document does not print is
 *                 supplied in brackets, "[para. 4]"
 *  printed        (an int) non-zero when the number is printed in the
 *                 document: paragraph numbers and note markers as
 *                 printed; zero when pilcrow counted it (summary and
 *                 preamble paragraphs, bracketed anchors)
 *  text           the whole text, UTF-8, note markers kept as
 *                 superscripts; TEXT_LEN receives its length if not NULL
 * Since 0.1. */
PILCROW_API pilcrow_kind pilcrow_record_kind(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_doc(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_symbol(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_title(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_date(const pilcrow_record *r);
/* Field F of the UN metadata of R's document (pilcrow_doc_meta()),
 * borrowed from R; NULL when the document does not say.  Since 0.1. */
PILCROW_API const char *pilcrow_record_meta(const pilcrow_record *r,
                                            pilcrow_meta_field f);
PILCROW_API const char *pilcrow_record_language(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_file(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_section(const pilcrow_record *r);
PILCROW_API const char *
pilcrow_record_section_title(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_number(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_annex(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_anchor(const pilcrow_record *r);
PILCROW_API int pilcrow_record_printed(const pilcrow_record *r);
/* The page a paragraph or summary record starts on, counting from 1,
 * in a document with page breaks (form feeds: pdftotext output); 0 when
 * the document has none, and for notes.  The count of pages, not the
 * folio printed on them.  Since 0.1. */
PILCROW_API unsigned pilcrow_record_page(const pilcrow_record *r);
PILCROW_API const char *
pilcrow_record_text(const pilcrow_record *r, size_t *text_len);

/* The notes a paragraph or summary record cites (note numbers, "1" or
 * "*"), and the paragraphs citing a note record (a printed number, "7";
 * "summary 1" for a summary paragraph; the whole anchor in an annex or
 * for a supplied number, "[para. 4]"; pilcrow_record_cited_by_anchor()
 * gives each as an anchor).  I is 0-based; NULL when out of range.
 * Since 0.1. */
PILCROW_API size_t pilcrow_record_n_cites(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_cite(const pilcrow_record *r,
                                             size_t i);
PILCROW_API size_t pilcrow_record_n_cited_by(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_cited_by(const pilcrow_record *r,
                                                 size_t i);
/* The anchor of the Ith paragraph citing a note record, as
 * pilcrow_record_anchor() gives it ("para. 7", "summary, para. 1",
 * "preamble, para. 2"); NULL when out of range.  Since 0.1. */
PILCROW_API const char *
pilcrow_record_cited_by_anchor(const pilcrow_record *r, size_t i);

/* The documents a record cites, each in its normal form: a symbol as
 * UN documents print it ("E/1995/69", "A/52/150/Corr.1"), a resolution
 * or decision cited by number resolved to its symbol ("General
 * Assembly resolution 50/123" is "A/RES/50/123", "resolution 2719
 * (2023)" is "S/RES/2719 (2023)"), in the order first cited, each once.
 * These are what the query field cites: finds.  I is 0-based; NULL when
 * out of range.  Since 0.1. */
PILCROW_API size_t pilcrow_record_n_refs(const pilcrow_record *r);
PILCROW_API const char *pilcrow_record_ref(const pilcrow_record *r,
                                           size_t i);
/* The ref of R that is SYMBOL, typed in any of its written forms
 * ("S/RES/2719 (2023)", "S/RES/2719(2023)", "resolution 2719 (2023)",
 * "50/123" for A/RES/50/123), as pilcrow_record_ref() gives it; NULL
 * when R does not cite it or SYMBOL is no symbol.  START and END (may
 * be NULL) receive the byte span of its first citation in R's text
 * (both 0 when R has no text).  Since 0.1. */
PILCROW_API const char *
pilcrow_record_ref_find(const pilcrow_record *r, const char *symbol,
                        size_t *start, size_t *end);

/* Release a record returned by pilcrow_db_get_record().  Records of a
 * pilcrow_doc or pilcrow_hits belong to their owner: never free those.
 * Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_record_free(pilcrow_record *r);

/* ------------------------------------------------------------------ */
/* Opening an index                                                    */
/* ------------------------------------------------------------------ */

#define PILCROW_OPEN_READ   0u  /* Read only (searches). */
#define PILCROW_OPEN_WRITE  1u  /* Read and write: takes the write lock. */
#define PILCROW_OPEN_CREATE 2u  /* With WRITE: create the index if absent. */
#define PILCROW_OPEN_NOSYNC 4u  /* With WRITE: do not wait for the disk at
                                 * commits.  For indexes that can be
                                 * rebuilt, such as the shards of a
                                 * parallel build: a crash of the process
                                 * still leaves the last commit, but a
                                 * crash of the machine may damage it. */
#define PILCROW_OPEN_PARTIAL 8u /* Read only, a sharded index: a remote
                                 * shard that does not answer is left
                                 * out (pilcrow_db_shard() says which)
                                 * rather than failing the open or the
                                 * search.  Since 0.2. */

/* Open the index in directory PATH.  FLAGS: PILCROW_OPEN_READ, or
 * PILCROW_OPEN_WRITE optionally | PILCROW_OPEN_CREATE.  Readers see the
 * index as of its last commit, also while a writer works on it.  On
 * success *OUT is a new handle for pilcrow_db_close().  On failure *OUT
 * is NULL and, if ERRMSG is not NULL, *ERRMSG is a message naming PATH,
 * for pilcrow_free().  Returns PILCROW_OK, PILCROW_NOTFOUND (no index at
 * PATH and no CREATE), PILCROW_LOCKED (another writer holds the index),
 * PILCROW_CORRUPT, PILCROW_INVALID, PILCROW_NOMEM, PILCROW_IO or
 * PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_open(pilcrow_db **out, const char *path, unsigned flags,
                char **errmsg);

/*
 * Sharded indexes.  PATH may also be a Xapian stub database file, a
 * directory holding one (XAPIANDB, as "pilcrow index --shards N"
 * writes), or a directory of shards (subdirectories that are
 * indexes): its shards are searched as one index, ranked as one index
 * holding the same records.  A stub file names a database a line:
 * "auto PATH" (relative to the stub's directory), "remote HOST:PORT"
 * (xapian-tcpsrv), "remote :PROGRAM ARGS" (xapian-progsrv, e.g. over
 * ssh).  A sharded index is read only (PILCROW_READONLY for WRITE);
 * every shard must have this library's format.
 */

/* As pilcrow_db_open(), waiting at most TIMEOUT_MS milliseconds (0: 10
 * s) for a remote shard to connect and for each of its replies.  A
 * remote shard that does not answer in time, or has gone, is
 * PILCROW_IO with a message naming it ("shard HOST:PORT: ..."), at the
 * open or at any later call, unless FLAGS has PILCROW_OPEN_PARTIAL.
 * Since 0.2. */
PILCROW_API pilcrow_status
pilcrow_db_open_timeout(pilcrow_db **out, const char *path, unsigned flags,
                        unsigned timeout_ms, char **errmsg);

/* The I-th shard of DB (I = 0, 1, ...): *NAME its path, HOST:PORT or
 * PROGRAM ARGS (borrowed from DB), *LIVE (may be NULL) 0 when it was
 * left out for not answering (PILCROW_OPEN_PARTIAL), else 1.  Returns
 * PILCROW_OK, PILCROW_DONE past the last (at once for an index of one
 * database) or PILCROW_INVALID.  Since 0.2. */
PILCROW_API pilcrow_status
pilcrow_db_shard(pilcrow_db *db, size_t i, const char **name, int *live);

/* Merge the shards of the sharded index SRC (local ones) or the index
 * SRC into DST, a new compact index (Xapian's compaction).  DST must
 * not exist.  Returns PILCROW_OK or an error with *ERRMSG (as
 * pilcrow_db_open).  Since 0.2. */
PILCROW_API pilcrow_status
pilcrow_db_compact(const char *src, const char *dst, char **errmsg);

/* Close DB, releasing every query and hits still open on it (records
 * from pilcrow_db_get_record() are the caller's and outlive DB).
 * Uncommitted changes are committed first (errors are then lost: call
 * pilcrow_index_commit() to see them).  Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_db_close(pilcrow_db *db);

/* The message of the last failure on DB (or on an object derived from
 * it); "" after a success.  Owned by DB, never NULL, valid until the next
 * call on DB or its objects.  Since 0.1. */
PILCROW_API const char *pilcrow_db_errmsg(const pilcrow_db *db);

/* Size of an index. */
typedef struct pilcrow_stats {
    uint64_t documents;   /* Documents (files or buffers) indexed. */
    uint64_t records;     /* Records (paragraphs, summaries, notes). */
    uint64_t terms;       /* Distinct terms. */
    uint64_t bytes;       /* Size of the index on disk, in bytes. */
} pilcrow_stats;

/* Fill *OUT with the figures of DB.  Returns PILCROW_OK, PILCROW_INVALID
 * or PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_db_stats(pilcrow_stats *out,
                                            pilcrow_db *db);

/* The languages of DB's records, one a call: for I = 0, 1, ... (in
 * order: the call with I = 0 reads them afresh) *CODE gets the I-th
 * language's code ("en"; borrowed from DB until the next call with I =
 * 0) and *RECORDS (may be NULL) how many records are in it.  Returns
 * PILCROW_OK, PILCROW_DONE past the last, PILCROW_INVALID or
 * PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_db_language(pilcrow_db *db, size_t i,
                                               const char **code,
                                               uint64_t *records);

/* The documents of an index, as pilcrow_db_list() gives them. */
typedef struct pilcrow_docs pilcrow_docs;

/* The documents of DB, by document id, that have a record matching
 * FILTERS: field filters of the query language with no words
 * ("organ:SC type:letter date:2025-01..2025-06 lang:fr"; every version
 * of a document is listed); NULL or "" for every document, as many as
 * pilcrow_db_stats() counts.  On success *OUT is a new list for
 * pilcrow_docs_free(), independent of DB's queries (free it before
 * closing DB).  Returns PILCROW_OK, PILCROW_INVALID, PILCROW_BADQUERY
 * (FILTERS is not a query, or holds words), PILCROW_NOMEM,
 * PILCROW_CORRUPT or PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_list(pilcrow_docs **out, pilcrow_db *db, const char *filters);

/* Advance to the next document of D (the first on the first call):
 * PILCROW_OK, PILCROW_DONE after the last, PILCROW_INVALID.  The
 * accessors below describe the current document, as its fields are
 * stored (pilcrow_doc_id() and the like; symbol, date and the UN
 * metadata NULL where unknown), borrowed from D until it is freed:
 * records is its number of records (all of them, whatever FILTERS
 * matched); n_languages and language_version(I) the languages in which
 * the index holds the document's symbol, in order, its own among them
 * (only its own when it has no symbol).  pilcrow_docs_count() is the
 * number of documents in D.  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_docs_next(pilcrow_docs *d);
PILCROW_API size_t pilcrow_docs_count(const pilcrow_docs *d);
PILCROW_API const char *pilcrow_docs_id(const pilcrow_docs *d);
PILCROW_API const char *pilcrow_docs_symbol(const pilcrow_docs *d);
PILCROW_API const char *pilcrow_docs_title(const pilcrow_docs *d);
PILCROW_API const char *pilcrow_docs_date(const pilcrow_docs *d);
PILCROW_API const char *pilcrow_docs_language(const pilcrow_docs *d);
PILCROW_API const char *pilcrow_docs_file(const pilcrow_docs *d);
PILCROW_API const char *pilcrow_docs_meta(const pilcrow_docs *d,
                                          pilcrow_meta_field f);
PILCROW_API uint64_t pilcrow_docs_records(const pilcrow_docs *d);
PILCROW_API size_t pilcrow_docs_n_languages(const pilcrow_docs *d);
PILCROW_API const char *
pilcrow_docs_language_version(const pilcrow_docs *d, size_t i);

/* Release D.  Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_docs_free(pilcrow_docs *d);

/* ------------------------------------------------------------------ */
/* Indexing (handles opened with PILCROW_OPEN_WRITE)                   */
/* ------------------------------------------------------------------ */

/* Index the document in file PATH under OPTS->doc (see
 * pilcrow_parse_options), replacing the records it had.  A file whose
 * size, modification time and checksum are those recorded at its last
 * indexing is not read again: PILCROW_UNCHANGED.  Changes become visible
 * to readers at the next commit; the library commits by itself every
 * few thousand records.  If N_RECORDS is not NULL it receives the number
 * of records indexed.  Returns PILCROW_OK, PILCROW_UNCHANGED, or the
 * errors of pilcrow_doc_parse_file() (PILCROW_IO, PILCROW_NOTFOUND,
 * PILCROW_BADINPUT: this file is skipped, the index is unchanged for
 * it, the caller may go on with other files) and PILCROW_READONLY,
 * PILCROW_NOMEM, PILCROW_BACKEND (writing the index failed, e.g. a full
 * disk: the index is at its last commit; stop).  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_index_file(pilcrow_db *db, const char *path,
                   const pilcrow_parse_options *opts, size_t *n_records);

/* Add the records of DOC to DB, replacing every record DB had for
 * pilcrow_doc_id(DOC).  DOC stays the caller's.  Returns PILCROW_OK,
 * PILCROW_INVALID, PILCROW_READONLY, PILCROW_NOMEM, PILCROW_IO or
 * PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_index_doc(pilcrow_db *db,
                                             const pilcrow_doc *doc);

/* Delete every record of document DOC.  Returns PILCROW_OK,
 * PILCROW_NOTFOUND (no such document), PILCROW_READONLY or
 * PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_index_delete(pilcrow_db *db,
                                                const char *doc);

/* Delete the records of every indexed file that no longer exists.
 * N_DELETED, if not NULL, receives the number of documents deleted.
 * Since 0.1. */
PILCROW_API pilcrow_status pilcrow_index_prune(pilcrow_db *db,
                                               size_t *n_deleted);

/* Make every change so far durable and visible to readers.  Returns
 * PILCROW_OK, PILCROW_READONLY or PILCROW_BACKEND (the index is then at
 * its previous commit).  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_index_commit(pilcrow_db *db);

/* Merge the N_SHARDS indexes in SHARDS into the new index DST, which
 * must not exist, compacting them.  Shards hold distinct documents (one
 * per worker of a parallel build).  Returns PILCROW_OK, PILCROW_EXISTS,
 * PILCROW_INVALID, PILCROW_NOTFOUND, PILCROW_IO or PILCROW_BACKEND, with
 * a message in *ERRMSG if ERRMSG is not NULL.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_merge(const char *dst, const char *const *shards,
                 size_t n_shards, char **errmsg);

/* A parallel build of the index in directory DIR: the documents are
 * split into N shards, each indexed by its own handle (in its own
 * thread if you like), then merged into a new, compact index that
 * replaces what DIR held.  The steps:
 *
 *   pilcrow_db_build_begin(DIR)          clear what a build left
 *   pilcrow_db_build_shard(&path, DIR, K), K = 0 .. N - 1: open PATH
 *       with PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE |
 *       PILCROW_OPEN_NOSYNC, index, commit, close
 *   pilcrow_db_build_finish(DIR, N, &db) merge them in DIR's place
 *   pilcrow_db_build_clean(DIR)          remove the shards, always
 *
 * The shards and the merged index are kept beside DIR, on its file
 * system, so that a rename puts the result in place.  Open DIR for
 * writing before the build and hand the handle to finish: it keeps
 * other writers out until DIR is replaced.  No step removes a file
 * that is not an index's: where one is in the way the step fails with
 * PILCROW_EXISTS and leaves it.  */

/* Start a parallel build of the index in directory DIR: remove the
 * shards and the merged index that an earlier build of DIR left, then
 * create the directory of the shards.  Returns PILCROW_OK,
 * PILCROW_INVALID, PILCROW_NOMEM, PILCROW_EXISTS (a leftover holds
 * files that are not an index's) or PILCROW_BACKEND (the file system
 * refused), with a message in *ERRMSG if ERRMSG is not NULL.
 * Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_build_begin(const char *dir, char **errmsg);

/* Where shard K (from 0) of the parallel build of DIR is written: on
 * PILCROW_OK *OUT is a new path for pilcrow_free(), to open with
 * pilcrow_db_open() and PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE |
 * PILCROW_OPEN_NOSYNC once pilcrow_db_build_begin() succeeded.  Returns
 * PILCROW_OK, PILCROW_INVALID or PILCROW_NOMEM.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_build_shard(char **out, const char *dir, size_t k);

/* Merge shards 0 to N_SHARDS - 1 of the parallel build of DIR (each
 * committed and closed) into a new, compact index, and put it in DIR's
 * place.  LOCK, if not NULL, points to the caller's handle on DIR
 * opened with PILCROW_OPEN_WRITE (or to NULL): that handle is closed
 * after the merge, before DIR is replaced, and in any case by the time
 * the call returns, with *LOCK set to NULL.  If the merge fails DIR is
 * as it was.  The shards stay for pilcrow_db_build_clean().  Returns
 * PILCROW_OK, PILCROW_INVALID, PILCROW_NOMEM, the errors of
 * pilcrow_db_merge() (PILCROW_NOTFOUND: a shard is missing,
 * PILCROW_IO, PILCROW_BACKEND), or, when DIR cannot be replaced,
 * PILCROW_EXISTS (DIR holds files that are not an index's) or
 * PILCROW_BACKEND (the merged index is then left beside DIR), with a
 * message in *ERRMSG if ERRMSG is not NULL.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_build_finish(const char *dir, size_t n_shards, pilcrow_db **lock,
                        char **errmsg);

/* Remove the shards of the parallel build of DIR, after
 * pilcrow_db_build_finish() or after a failure at any step; none left
 * is fine.  Returns PILCROW_OK, PILCROW_INVALID, PILCROW_NOMEM,
 * PILCROW_EXISTS (the shard directory holds files that are not an
 * index's; they stay) or PILCROW_BACKEND, with a message in *ERRMSG if
 * ERRMSG is not NULL.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_build_clean(const char *dir, char **errmsg);

/* ------------------------------------------------------------------ */
/* Searching                                                           */
/* ------------------------------------------------------------------ */

/* Options for a query.  Initialise with PILCROW_QUERY_OPTIONS_INIT.
 * Since 0.1. */
typedef struct pilcrow_query_options {
    unsigned version;          /* PILCROW_QUERY_OPTIONS_VERSION. */
    const char *language;      /* Analysis of the query text ("en",
                                * "fr", ...); NULL: "en".  Records of
                                * other languages match only what their
                                * analysis shares with this one. */
    size_t snippet_bytes;      /* Target snippet length in bytes; 0: 220;
                                * records shorter than 1.5 times this are
                                * shown whole. */
    const char *hl_start;      /* Marker before a highlighted span for
                                * pilcrow_hits_marked_snippet(); NULL "[" */
    const char *hl_end;        /* Marker after it; NULL: "]". */
    unsigned flags;            /* PILCROW_QUERY_* below; since version 2
                                * of this struct (0.1). */
} pilcrow_query_options;

#define PILCROW_QUERY_OPTIONS_VERSION 2
#define PILCROW_QUERY_OPTIONS_INIT \
    { PILCROW_QUERY_OPTIONS_VERSION, NULL, 0, NULL, NULL, 0u }

/* Query flags.  PILCROW_QUERY_ALL_VERSIONS: match every version of a
 * document.  Without it a query matches the latest text of each family
 * only (the documents of one base symbol: S/2025/71, S/2025/71/Rev.1,
 * S/2025/71/Corr.1, S/2025/71/Add.1): in each language, Rev.N
 * supersedes the original and the lower revisions, a corrigendum goes
 * with the text it corrects (S/2025/71/Corr.1 with the original,
 * S/2025/71/Rev.1/Corr.1 with Rev.1), and an addendum is a text of its
 * own, superseded only by its own revisions (S/2025/71/Add.1/Rev.1).
 * The superseded records are left out of the match itself, so totals
 * and ranks count the latest texts only; a query naming a document
 * (doc:, symbol:, family:, a symbol typed as a citation) matches every
 * version.  pilcrow_hits_version() lists a hit's family.  Version 1 of
 * the options struct (no flags) is still accepted.  Since 0.1. */
#define PILCROW_QUERY_ALL_VERSIONS 1u

/* Limits on a query, which hold for any text (queries may come from
 * the public): its length in bytes, how deep parentheses nest, and how
 * many terms (words, phrase words, prefixes and filters) it holds.  A
 * query past one is rejected with PILCROW_BADQUERY and the column where
 * it went past.  Since 0.1. */
#define PILCROW_QUERY_MAX_BYTES 65536
#define PILCROW_QUERY_MAX_DEPTH 100
#define PILCROW_QUERY_MAX_TERMS 1024

/* Parse query TEXT for DB (the syntax is in pilcrow(1): words ANDed,
 * OR, NOT, -word, "phrase", NEAR, word*, parentheses, doc:, kind:,
 * section:, symbol:, year:, lang:).  OPTS may be NULL.  On success *OUT is a new
 * query for pilcrow_query_free(), also freed by pilcrow_db_close().
 * Returns PILCROW_OK, PILCROW_INVALID, PILCROW_NOMEM or PILCROW_BADQUERY
 * (pilcrow_db_errmsg() then reads "column N: what is wrong").
 * Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_query_new(pilcrow_query **out, pilcrow_db *db, const char *text,
                  const pilcrow_query_options *opts);

/* Run Q: rank its matches and return those of rank OFFSET + 1 to
 * OFFSET + LIMIT in *OUT, a new result set for pilcrow_hits_free() (also
 * freed with Q).  On a read-only DB each run first moves to the index as
 * last committed, so a handle kept open sees later indexing.  Returns PILCROW_OK (even when nothing matched; see
 * pilcrow_hits_total()), PILCROW_INVALID, PILCROW_NOMEM, PILCROW_CORRUPT
 * or PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_query_run(pilcrow_hits **out, pilcrow_query *q, size_t offset,
                  size_t limit);

/* The order of pilcrow_query_run()'s hits. */
typedef enum pilcrow_sort {
    PILCROW_SORT_RELEVANCE = 0,  /* best first (the default) */
    PILCROW_SORT_DATE = 1,       /* by the document's date, oldest first,
                                  * then by relevance; undated first */
    PILCROW_SORT_DATE_DESC = 2   /* newest first; undated last */
} pilcrow_sort;

/* Set the order of Q's next runs to SORT.  Returns PILCROW_OK, or
 * PILCROW_INVALID (Q NULL, SORT unknown).  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_query_set_sort(pilcrow_query *q,
                                                  pilcrow_sort sort);

/* The exact number of records matching Q as written (never widened), in
 * *COUNT: every match is looked at, so this costs more than a page of
 * pilcrow_query_run() when many match.  Returns PILCROW_OK,
 * PILCROW_INVALID or PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_query_count(pilcrow_query *q,
                                               uint64_t *count);

/* A spelling suggestion for Q's words: a query text in which unknown
 * words are replaced by close words of the index.  On PILCROW_OK *OUT is
 * the suggestion for pilcrow_free(); PILCROW_DONE when there is none.
 * A read-only handle keeps the index terms it read for suggestions (those
 * of the first letters asked for, at most 32 MB) until it is closed or a
 * commit changes what it sees.  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_query_suggest(char **out,
                                                 pilcrow_query *q);

/* Release Q and its hits.  Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_query_free(pilcrow_query *q);

/* The number of records matching, over all pages: an estimate (Xapian's,
 * from the candidates it looked at) unless pilcrow_hits_total_exact()
 * says it is exact, as it is when few records match.  The hits of a
 * widened query (pilcrow_hits_partial) count the records holding any
 * word.  Since 0.1. */
PILCROW_API uint64_t pilcrow_hits_total(const pilcrow_hits *hits);
PILCROW_API int pilcrow_hits_total_exact(const pilcrow_hits *hits);

/* Non-zero when no record holds every word of the query and the hits
 * are instead the records holding most of them (ranked by how many,
 * then by relevance).  Only a query that is a plain list of words or
 * phrases (with filters) is widened so.  Since 0.1. */
PILCROW_API int pilcrow_hits_partial(const pilcrow_hits *hits);

/* The value of a symbol: filter of Q naming a symbol that no document of
 * the index carries, as typed ("S/RES/9999 (2025)"), or NULL when every
 * symbol: filter names a document held (or there is none).  Such a
 * filter matches nothing, and the query is not widened past it.  The
 * string is Q's.  Since 0.1. */
PILCROW_API const char *
pilcrow_query_unknown_symbol(const pilcrow_query *q);

/* The documents a filter on a field they do not state left out, as
 * of Q's last pilcrow_query_run(): for I = 0, 1, ... *FIELD gets the
 * I-th such field filtered on ("date" for date: and year:, "organ",
 * "session", "agenda", "type"; a static string) and *N (may be NULL)
 * the number of documents of the index that do not state it, which no
 * such filter can find.  Fields every document states are skipped.
 * Returns PILCROW_OK, PILCROW_DONE past the last, PILCROW_INVALID.
 * Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_query_left_out(const pilcrow_query *q, size_t i, const char **field,
                       uint64_t *n);

/* Advance to the next hit (to the first on the first call).  Returns
 * PILCROW_OK, PILCROW_DONE after the last, or PILCROW_INVALID when HITS
 * is NULL (records are decoded by pilcrow_query_run(), which reports
 * damage).  The accessors
 * below describe the current hit; their pointers are borrowed until the
 * next call to pilcrow_hits_next() or pilcrow_hits_free().  Since 0.1. */
PILCROW_API pilcrow_status pilcrow_hits_next(pilcrow_hits *hits);

/* Rank (1-based, counting the offset) and relevance score of the
 * current hit.  Since 0.1. */
PILCROW_API size_t pilcrow_hits_rank(const pilcrow_hits *hits);
PILCROW_API double pilcrow_hits_score(const pilcrow_hits *hits);

/* The record of the current hit, with every field.  Since 0.1. */
PILCROW_API const pilcrow_record *
pilcrow_hits_record(const pilcrow_hits *hits);

/* The snippet of the current hit: the window of the record's text that
 * best covers the query's terms, cut at word boundaries, with "…" where
 * cut.  SNIPPET_LEN receives its length in bytes if not NULL.
 * Since 0.1. */
PILCROW_API const char *pilcrow_hits_snippet(const pilcrow_hits *hits,
                                             size_t *snippet_len);

/* The highlighted spans of the snippet: *N_SPANS pairs of byte offsets
 * [start, end) into pilcrow_hits_snippet()'s text, in order, not
 * overlapping; element 2i is the start of span i, 2i+1 its end.
 * Since 0.1. */
PILCROW_API const size_t *
pilcrow_hits_highlights(const pilcrow_hits *hits, size_t *n_spans);

/* The snippet with each highlighted span between the query options'
 * hl_start and hl_end markers, in a new string for pilcrow_free().
 * Returns PILCROW_OK, PILCROW_INVALID or PILCROW_NOMEM.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_hits_marked_snippet(char **out, const pilcrow_hits *hits);

/* The versions of the current hit's document that the index holds:
 * the symbols of its family (the document itself included), as
 * written, in order ("S/2025/71", "S/2025/71/Add.1",
 * "S/2025/71/Rev.1"): pilcrow_hits_n_versions() of them, 0 when the
 * document is alone in its family (or has no symbol); version I
 * (0-based) borrowed from HITS, NULL when I is out of range.
 * Since 0.1. */
PILCROW_API size_t pilcrow_hits_n_versions(const pilcrow_hits *hits);
PILCROW_API const char *pilcrow_hits_version(const pilcrow_hits *hits,
                                             size_t i);

/* Release HITS.  Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_hits_free(pilcrow_hits *hits);

/* Look up one record: document DOC, anchor ANCHOR ("7", "para. 7",
 * "para.7", "[para. 4]", "note 1", "note:1", "summary:1", "summary,
 * para. 1", "annex I, para. 3", "art. 26", "art. 26, para. 1").  On
 * success *OUT is a new record for
 * pilcrow_record_free(), independent of DB (it may outlive it).
 * Returns PILCROW_OK, PILCROW_NOTFOUND (the message says whether the
 * document or only the record is missing), PILCROW_INVALID (an anchor
 * that is not one), PILCROW_NOMEM,
 * PILCROW_CORRUPT or PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_get_record(pilcrow_record **out, pilcrow_db *db,
                      const char *doc, const char *anchor);

/* ------------------------------------------------------------------ */
/* Quotations: where does this text come from                          */
/* ------------------------------------------------------------------ */

/* The longest quote pilcrow_quote_find() takes, in bytes and in
 * words. */
#define PILCROW_QUOTE_MAX_BYTES 8192
#define PILCROW_QUOTE_MAX_WORDS 2000

/* What a segment of a quote's word diff is. */
typedef enum pilcrow_diff_kind {
    PILCROW_DIFF_SAME = 0,     /* in the record and the quote alike (the
                                * record's text, punctuation included) */
    PILCROW_DIFF_REMOVED = 1,  /* words of the record the quote lacks */
    PILCROW_DIFF_ADDED = 2     /* words of the quote the record lacks,
                                * as the quote writes them */
} pilcrow_diff_kind;

/*
 * Find the records of DB the text TEXT (LEN bytes of UTF-8, at most
 * PILCROW_QUOTE_MAX_BYTES and PILCROW_QUOTE_MAX_WORDS) is taken from,
 * even when it was changed on the way: words dropped, added, changed
 * or moved, other punctuation, quotation marks or line breaks, case
 * or accents.  The quote's rarest index terms find candidate records;
 * the quote's words (case and accents folded, not stemmed) are then
 * aligned with each one's text (a longest common subsequence of
 * words), and a candidate is a source when enough of the quote's words
 * are found there in order.  A quote spanning two records may have
 * both as sources.
 *
 * On success *OUT is a new set of at most LIMIT (1 to 100) sources,
 * best first, possibly none, for pilcrow_quote_free() (it is freed
 * with DB too); read it with pilcrow_quote_next().  Returns PILCROW_OK,
 * PILCROW_INVALID (a NULL argument, LIMIT out of range),
 * PILCROW_BADINPUT (TEXT empty, of no words, not UTF-8, holding
 * control characters, or too long: the message says which, and at
 * which byte), PILCROW_NOMEM, PILCROW_CORRUPT or PILCROW_BACKEND.
 * Since 0.1.
 */
PILCROW_API pilcrow_status
pilcrow_quote_find(pilcrow_quote **out, pilcrow_db *db, const char *text,
                   size_t len, size_t limit);

/* The number of sources in QT.  Since 0.1. */
PILCROW_API size_t pilcrow_quote_n_sources(const pilcrow_quote *qt);

/* Advance to the next source (to the first on the first call).
 * Returns PILCROW_OK, PILCROW_DONE after the last, or PILCROW_INVALID
 * when QT is NULL.  The accessors below describe the current source;
 * their pointers are borrowed until pilcrow_quote_free().
 * Since 0.1. */
PILCROW_API pilcrow_status pilcrow_quote_next(pilcrow_quote *qt);

/* The record of the current source, with every field.  Since 0.1. */
PILCROW_API const pilcrow_record *
pilcrow_quote_record(const pilcrow_quote *qt);

/* How well the current source holds the quote, from 0 to 1: 2F / (N +
 * S) for N quote words, F of them found in the record in order, over
 * a span of S words of the record; 1 when exact.  Since 0.1. */
PILCROW_API double pilcrow_quote_score(const pilcrow_quote *qt);

/* The number of words of the quote (N, as the record's language reads
 * them; punctuation is no word), and in *FOUND (if not NULL) how many
 * of them the current source holds in the quote's order (F).
 * Since 0.1. */
PILCROW_API size_t pilcrow_quote_words(const pilcrow_quote *qt,
                                       size_t *found);

/* Non-zero when the current source holds every word of the quote, in
 * order, with no other word between: the quote is exact up to case,
 * accents and punctuation.  Since 0.1. */
PILCROW_API int pilcrow_quote_exact(const pilcrow_quote *qt);

/* The word diff of the current source's text against the quote, over
 * the span of the record holding it: pilcrow_quote_n_diff() segments,
 * in order; segment I has its kind in *KIND and its length in bytes in
 * *LEN (either may be NULL), and the text returned (not
 * NUL-terminated; NULL when I is out of range).  Concatenated, the
 * SAME and REMOVED segments are the record's text over the span (a
 * SAME " " may stand between an added segment and its neighbours);
 * the SAME and ADDED ones, the quote's words.  Since 0.1. */
PILCROW_API size_t pilcrow_quote_n_diff(const pilcrow_quote *qt);
PILCROW_API const char *pilcrow_quote_diff(const pilcrow_quote *qt,
                                           size_t i,
                                           pilcrow_diff_kind *kind,
                                           size_t *len);

/* Release QT.  Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_quote_free(pilcrow_quote *qt);

/* ------------------------------------------------------------------ */
/* Language versions                                                   */
/* ------------------------------------------------------------------ */

/* The documents of DB that carry the same symbol are one document in
 * several language versions.  Look up record REC (from DB: a hit's
 * record, or one from pilcrow_db_get_record()) in each of them.  A
 * counterpart is the record of that version with the same anchor:
 * a printed number matches the same number printed there ("para. 7",
 * Arabic "٧ -"; "art. 26, para. 1"); a supplied number ("[para. 4]",
 * "preamble, para. 2", "summary, para. 1") matches the same place, a
 * supplied number of the same kind and ordinal in the same section.
 * A version without one is reported missing: its record is NULL.
 * Nothing is guessed.
 *
 * On success *OUT is a new set for pilcrow_parallel_free(),
 * independent of DB (it may outlive it).  Version 0 is REC's own
 * (read again from DB); the others follow by language code, then
 * document id.  A record whose document has no symbol has only
 * version 0.  Returns PILCROW_OK, PILCROW_INVALID, PILCROW_NOTFOUND
 * (DB does not hold REC), PILCROW_NOMEM, PILCROW_CORRUPT or
 * PILCROW_BACKEND.  Since 0.1. */
PILCROW_API pilcrow_status
pilcrow_db_get_parallel(pilcrow_parallel **out, pilcrow_db *db,
                        const pilcrow_record *rec);

/* The number of versions in P (at least 1), and for version I
 * (0-based): its record, NULL when that version lacks it; its
 * document id; its language code.  Borrowed from P; NULL when I is out
 * of range.  Since 0.1. */
PILCROW_API size_t pilcrow_parallel_n_versions(const pilcrow_parallel *p);
PILCROW_API const pilcrow_record *
pilcrow_parallel_record(const pilcrow_parallel *p, size_t i);
PILCROW_API const char *pilcrow_parallel_doc(const pilcrow_parallel *p,
                                             size_t i);
PILCROW_API const char *
pilcrow_parallel_language(const pilcrow_parallel *p, size_t i);

/* Release P and its records.  Accepts NULL.  Since 0.1. */
PILCROW_API void pilcrow_parallel_free(pilcrow_parallel *p);

#ifdef __cplusplus
}
#endif

#endif /* PILCROW_H */
