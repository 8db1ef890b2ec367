/*
 * pilcrow-private.h - structures and pc_* functions shared by the files
 * of src/lib.  Nothing here is API; see pilcrow.h for that and
 * doc/design.md for how the stages fit together.
 */
#ifndef PILCROW_PRIVATE_H
#define PILCROW_PRIVATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "pilcrow.h"

/* The decimal text of a numeric macro, for messages. */
#define PC_STR_(x) #x
#define PC_STR(x) PC_STR_(x)

/* ================================================================== */
/* alloc.c: the one allocator family                                   */
/* ================================================================== */

/* malloc(3) and friends, but every call can be made to fail by the test
 * hook below, so tests can walk every allocation (tests/lib/t-oom.c).
 * pc_malloc(0) returns a unique pointer like malloc(1). */
void *pc_malloc(size_t n);
void *pc_calloc(size_t n, size_t size);
void *pc_realloc(void *p, size_t n);
void *pc_reallocarray(void *p, size_t n, size_t size);
/* Make room in the array *ARRAYP (a T **, *CAP elements of SIZE bytes,
 * N in use) for one more: its capacity doubles, from FIRST.  Returns 0,
 * or -1 with *ST = PILCROW_NOMEM and the array as it was; does nothing
 * and returns -1 if *ST < 0 already. */
int pc_grow(pilcrow_status *st, void *arrayp, size_t *cap, size_t n,
            size_t size, size_t first);
char *pc_strdup(const char *s);
char *pc_strndup(const char *s, size_t n);
/* Copy the N bytes at S to D, which has room for N + 1, and end them
 * with a NUL.  Returns D, or NULL when D is NULL (a failed allocation),
 * so an allocator's result can be passed straight in.  S may be NULL
 * when N is 0 (an empty pc_buf's data), here and in pc_strndup(),
 * pc_arena_strndup() and pc_buf_append(). */
char *pc_strncopy(char *d, const char *s, size_t n);
void pc_free(void *p);

/* Test hook: make the Nth allocation from now (1 = the next) and every
 * later one fail, in this thread; N <= 0 turns failures off.  Returns
 * the number of allocations made in this thread since the last call. */
long pc_alloc_fail_after(long n);

/* ================================================================== */
/* buf.c: growable byte buffers and arenas, with sticky status          */
/* ================================================================== */

struct pc_buf {
    char *data;         /* NUL-terminated when len > 0 or after puts */
    size_t len;         /* bytes used, excluding the NUL */
    size_t cap;         /* bytes allocated */
};

#define PC_BUF_INIT { NULL, 0, 0 }

/* Append to B.  Each does nothing if *ST < 0 already, and sets *ST to
 * PILCROW_NOMEM if it cannot grow B.  B->data stays NUL-terminated. */
void pc_buf_append(pilcrow_status *st, struct pc_buf *b, const void *s,
                   size_t n);
void pc_buf_puts(pilcrow_status *st, struct pc_buf *b, const char *s);
void pc_buf_putc(pilcrow_status *st, struct pc_buf *b, char c);
void pc_buf_printf(pilcrow_status *st, struct pc_buf *b, const char *fmt,
                   ...) __attribute__((format(printf, 3, 4)));
/* Append the UTF-8 encoding of code point CP. */
void pc_buf_put_utf8(pilcrow_status *st, struct pc_buf *b, uint32_t cp);
/* Append V as a LEB128 varint (7 bits a byte, low first). */
void pc_buf_put_varint(pilcrow_status *st, struct pc_buf *b, uint64_t v);
/* Make B empty, keeping its memory. */
void pc_buf_reset(struct pc_buf *b);
/* Release B's memory and make it empty. */
void pc_buf_free(struct pc_buf *b);
/* Take B's data (NUL-terminated, never NULL unless *ST < 0 or out of
 * memory) and leave B empty.  The caller pc_free()s the result. */
char *pc_buf_steal(pilcrow_status *st, struct pc_buf *b);

/* Read a varint at *P (not past END) into *V, advancing *P.  Returns 0,
 * or -1 if the encoding runs past END or exceeds 64 bits. */
int pc_get_varint(const unsigned char **p, const unsigned char *end,
                  uint64_t *v);

/* An arena: many small allocations released at once.  Used for the
 * strings of a document and its records. */
struct pc_arena_chunk;
struct pc_arena {
    struct pc_arena_chunk *head;  /* newest chunk first */
};

#define PC_ARENA_INIT { NULL }

/* N bytes from A, aligned for any type; NULL (and *ST = PILCROW_NOMEM)
 * on failure or when *ST < 0 already. */
void *pc_arena_alloc(pilcrow_status *st, struct pc_arena *a, size_t n);
/* A NUL-terminated copy of the N bytes at S in A. */
char *pc_arena_strndup(pilcrow_status *st, struct pc_arena *a,
                       const char *s, size_t n);
char *pc_arena_strdup(pilcrow_status *st, struct pc_arena *a,
                      const char *s);
/* Release everything allocated from A. */
void pc_arena_free(struct pc_arena *a);

/* ================================================================== */
/* doc.c: the document model (doc/design.md, "Document model")         */
/* ================================================================== */

/* The number of pilcrow_meta_field values. */
#define PC_N_META 7

/* One record.  Every string is NUL-terminated and lives in the arena of
 * the record's owner (a pilcrow_doc, a pilcrow_hits, or OWN below). */
struct pilcrow_record {
    pilcrow_kind kind;
    const char *doc;            /* document id */
    const char *symbol;         /* NULL when unknown */
    const char *title;          /* "" when unknown */
    const char *date;           /* YYYY-MM-DD, NULL when unknown */
    const char *meta[PC_N_META]; /* by pilcrow_meta_field, NULL: unsaid */
    const char *language;       /* "en" */
    const char *file;           /* source path as indexed */
    const char *section;        /* "II.A", "" before any heading */
    const char *section_title;  /* innermost heading, "" if none */
    const char *number;         /* "7", "1", "*" */
    const char *annex;          /* NULL outside annexes, else "I" or "" */
    const char *anchor;         /* "para. 7", "[para. 4]", "note 1" */
    int printed;                /* the number is printed in the document;
                                 * 0: pilcrow counted it */
    uint32_t page;              /* the page it starts on, from 1; 0 when
                                 * the document has no page breaks */
    const char *text;           /* full text, markers as superscripts */
    size_t text_len;            /* bytes in text */
    const char **cites;         /* note numbers cited */
    size_t n_cites;
    const char **cited_by;      /* numbers of the citing paragraphs */
    size_t n_cited_by;
    const char **cited_by_anchors; /* their anchors, "para. 7" */
    const char **refs;          /* documents cited, normal forms (cite.c) */
    size_t n_refs;
    uint32_t seq;               /* 0-based position in document order */
    struct pc_arena *own;       /* non-NULL for a standalone record */
};

struct pilcrow_doc {
    struct pc_arena arena;      /* every string below and the records' */
    const char *id;
    const char *symbol;         /* NULL when unknown */
    const char *title;
    const char *date;           /* NULL when unknown */
    const char *meta[PC_N_META]; /* by pilcrow_meta_field, NULL: unsaid */
    const char *language;
    const char *language_given; /* the options' language: for a text
                                 * whose front matter names none */
    const char *file;
    struct pilcrow_record *records;  /* pc_malloc'd array */
    size_t n_records;
    size_t cap_records;
};

/* A new empty document with metadata from OPTS (may be NULL).
 * Returns PILCROW_OK or PILCROW_NOMEM. */
pilcrow_status pc_doc_new(pilcrow_doc **out,
                          const pilcrow_parse_options *opts);

/* Append a zeroed record to DOC and return it (NULL and *ST set on
 * failure).  The doc-level fields (doc, symbol, ...) are filled in by
 * pc_doc_finish(). */
struct pilcrow_record *pc_doc_add_record(pilcrow_status *st,
                                         pilcrow_doc *doc);

/* Fill each record's doc-level fields from DOC, its anchor from kind,
 * annex and number, and its seq.  Call once parsing is complete. */
pilcrow_status pc_doc_finish(pilcrow_doc *doc);

/* Set R's anchor and the anchors of the records citing it, from its
 * kind, annex, number and cited_by, allocated from A. */
void pc_record_anchors(pilcrow_status *st, struct pilcrow_record *r,
                       struct pc_arena *a);

/* The parts of a document that number their paragraphs apart, the
 * second byte of the number of a record in one ("drII.5"): the kinds of
 * text a report quotes (a draft resolution, a draft decision, a
 * resolution, a decision, a text known by its number alone, a text),
 * and a chapter of a report numbered chapter by chapter. */
#define PC_PARTS "rdRDNTC"

/* The anchor text for a record ("para. 7", "summary, para. 1", "note 1",
 * "annex I, para. 3") appended to B.  A paragraph number pilcrow
 * supplied (not PRINTED) is bracketed, "[para. 4]", but for a
 * preamble's count, which is the conventional citation. */
void pc_anchor_format(pilcrow_status *st, struct pc_buf *b,
                      pilcrow_kind kind, const char *annex,
                      const char *number, int printed);

/* Parse anchor text as a user types it ("7", "para. 7", "para.7",
 * "note:1", "note 1", "summary:1", "annex I, para. 3", "annex:I:3",
 * "[para. 4]": brackets are accepted and mean nothing here) into
 * kind, annex and number, written as NUL-terminated strings into the
 * caller's buffers of ANNEX_SIZE and NUMBER_SIZE bytes (ANNEX is "" when
 * none, and annex_set says whether an annex was given).  Returns
 * PILCROW_OK or PILCROW_INVALID. */
pilcrow_status pc_anchor_parse(const char *anchor, pilcrow_kind *kind,
                               char *annex, size_t annex_size,
                               int *annex_set, char *number,
                               size_t number_size);

/* ================================================================== */
/* series.c: what a UN symbol says                                     */
/* ================================================================== */

/* Fill DOC's organ, session, type, version and base from its symbol,
 * where the parser did not set them (copies in DOC's arena; *ST gets
 * PILCROW_NOMEM on failure). */
void pc_meta_from_symbol(pilcrow_status *st, pilcrow_doc *doc);

/* The length of the first symbol of SYM: "A/79/954-E/2025/77" is
 * A/79/954, "A/80/15 (Part III)" A/80/15. */
size_t pc_symbol_first_len(const char *sym);

/* The organ ORGAN ("CSW") reports to ("ECOSOC"), or NULL. */
const char *pc_organ_parent(const char *organ);

/* ================================================================== */
/* reader.c: bytes of a file -> clean UTF-8 text                       */
/* ================================================================== */

/* Read file PATH whole (gzip data is inflated, whatever the name) into
 * a new NUL-terminated buffer *OUT of *OUT_LEN bytes, for pc_free().
 * Then as pc_clean_text().  Errors: PILCROW_NOTFOUND, PILCROW_IO
 * (unreadable, truncated gzip), PILCROW_BADINPUT (binary, or more than
 * PILCROW_DOC_MAX_BYTES once inflated: read no further than a byte past
 * it), PILCROW_NOMEM; *ERRMSG (if ERRMSG is not NULL) gets a message
 * naming PATH. */
pilcrow_status pc_read_file(char **out, size_t *out_len, const char *path,
                            pilcrow_warn_fn *warn, void *payload,
                            char **errmsg);

/* Normalise the LEN bytes at BUF into a new NUL-terminated buffer: drop a
 * UTF-8 byte-order mark, turn CRLF and lone CR into LF, replace invalid
 * UTF-8 by U+FFFD (one warning through WARN naming NAME and the byte
 * offset of the first bad sequence), and reject binary content (NUL
 * bytes, or many control characters), or LEN over PILCROW_DOC_MAX_BYTES,
 * with PILCROW_BADINPUT. */
pilcrow_status pc_clean_text(char **out, size_t *out_len, const char *buf,
                             size_t len, const char *name,
                             pilcrow_warn_fn *warn, void *payload,
                             char **errmsg);

/* ================================================================== */
/* parse*.c: clean text -> records (parse-int.h inside)               */
/* ================================================================== */

/* Parse the LEN bytes of clean text at TEXT (NUL-terminated) into
 * records appended to DOC, and fill DOC's metadata that the options did
 * not set (symbol, title, date, language).  Calls pc_doc_finish().
 * Returns PILCROW_OK or PILCROW_NOMEM. */
pilcrow_status pc_parse(pilcrow_doc *doc, const char *text, size_t len,
                        pilcrow_warn_fn *warn, void *payload);

/* ================================================================== */
/* lang.c: the languages analysed, and their stemmers                  */
/* ================================================================== */

/* The scripts pilcrow tells apart, for guessing a document's language
 * and choosing a query word's readings. */
enum pc_script {
    PC_SCRIPT_OTHER = 0,    /* digits, punctuation, scripts not below */
    PC_SCRIPT_LATIN,
    PC_SCRIPT_CYRILLIC,
    PC_SCRIPT_ARABIC,
    PC_SCRIPT_HAN,          /* CJK ideographs and kana */
    PC_N_SCRIPTS
};

/* One analysable language.  Adding a language is adding a row. */
struct pc_lang {
    const char *code;               /* ISO 639-1 code */
    const char *stemmer;            /* libstemmer algorithm, or NULL */
    const char *const *elisions;    /* folded prefixes before ', or NULL */
    const char *const *stopwords;   /* sorted folded words, or NULL */
    size_t n_stopwords;             /* entries of STOPWORDS before NULL */
    int stem_keeps_first;           /* a stem always begins with its
                                     * word's first byte (pc_analyze_for) */
    enum pc_script script;          /* the script it is written in */
    const char *names;              /* names a "Language:" line may give,
                                     * each NUL-terminated, "" last */
};

/* The language CODE names ("en", "EN", "en-GB", "en_GB"), or NULL. */
const struct pc_lang *pc_lang_find(const char *code);
/* The language the N bytes at V name: a code as pc_lang_find takes, or
 * a name in English, French or the language itself ("French",
 * "Español", "Русский"); NULL if none. */
const struct pc_lang *pc_lang_named(const char *v, size_t n);
/* The I-th language of the table, NULL past the last. */
const struct pc_lang *pc_lang_nth(size_t i);

/* What pc_lang_guess_best() guesses a text's language from: how many
 * letters of each script, how many words are stopwords of each Latin
 * language.  Zero it, then add text. */
struct pc_lang_guess {
    size_t letters[PC_N_SCRIPTS];
    size_t stops[8];                /* by index in the table */
    size_t bytes;                   /* read so far (bounded) */
};
void pc_lang_guess_add(struct pc_lang_guess *g, const char *text,
                       size_t len);
/* The guess: the script most letters are in (Han counted twice, one
 * ideograph being about a word), and for Latin the language with most
 * stopwords; English when nothing tells. */
const struct pc_lang *pc_lang_guess_best(const struct pc_lang_guess *g);

/* Non-zero if the folded word W (LEN bytes) is a stopword of LANG. */
int pc_lang_is_stopword(const struct pc_lang *lang, const char *w,
                        size_t len);

/* A language's stemmer behind a bounded cache of folded word -> stem,
 * for one thread. */
struct pc_stemmer;
pilcrow_status pc_stemmer_new(struct pc_stemmer **out,
                              const struct pc_lang *lang);
void pc_stemmer_free(struct pc_stemmer *s);
/* Bound the cache at MAX_ENTRIES (0: no cache), emptying it. */
void pc_stemmer_set_cache(struct pc_stemmer *s, size_t max_entries);
/* The stem of the folded word FOLDED (LEN bytes), its length in
 * *TERM_LEN, and whether the word is a stopword in *IS_STOP (cached
 * with the stem, so a word is looked up once).  NULL if out of
 * memory.  The stem is valid until the next call. */
const char *pc_stemmer_stem(struct pc_stemmer *s, const char *folded,
                            size_t len, size_t *term_len, int *is_stop);

/* ================================================================== */
/* analyze.c: the one analysis pipeline (documents, queries, snippets) */
/* ================================================================== */

struct pc_analyzer;

/* One token of a text. */
struct pc_token {
    const char *term;       /* the index term: stem, or symbol as folded */
    size_t term_len;
    const char *folded;     /* the word case-folded, not stemmed */
    size_t folded_len;
    size_t start;           /* byte offset of the word in the text */
    size_t end;             /* byte offset just past it */
    uint32_t pos;           /* 1-based word position */
    int is_symbol;          /* a UN symbol or number like 49/127 */
    int is_stop;            /* a stopword of the language: not indexed,
                             * but it keeps its position */
    int is_cjk;             /* a CJK bigram, or a lone CJK character */
    size_t tail_len;        /* the last bigram of a CJK run: the bytes of
                             * its second character, which the index also
                             * holds alone at this position (a character
                             * is found as the start of its bigram, or
                             * as a run's tail); else 0 */
};

/* Called for each token; the pointers are valid during the call only.
 * Returning non-zero stops the analysis (pc_analyze then returns
 * PILCROW_DONE). */
typedef int pc_token_fn(const struct pc_token *tok, void *payload);

/* A new analyser for language LANG (ISO 639-1, "en").  Returns
 * PILCROW_OK, PILCROW_INVALID (no analyser for LANG) or PILCROW_NOMEM. */
pilcrow_status pc_analyzer_new(struct pc_analyzer **out, const char *lang);
void pc_analyzer_free(struct pc_analyzer *a);
/* The language code of A, and its row. */
const char *pc_analyzer_language(const struct pc_analyzer *a);
const struct pc_lang *pc_analyzer_lang(const struct pc_analyzer *a);
/* The script of code point CP. */
enum pc_script pc_script_of(uint32_t cp);
/* The scripts of the letters of the LEN bytes at TEXT, as a bit set
 * (1 << PC_SCRIPT_*). */
unsigned pc_text_scripts(const char *text, size_t len);

/* Split the LEN bytes of UTF-8 TEXT into tokens, calling FN for each in
 * order.  Returns PILCROW_OK, PILCROW_DONE (FN stopped) or
 * PILCROW_NOMEM. */
pilcrow_status pc_analyze(struct pc_analyzer *a, const char *text,
                          size_t len, pc_token_fn *fn, void *payload);

/* A set of bytes: bit B of word B / 32. */
typedef uint32_t pc_byteset[8];
#define PC_BYTESET_ADD(set, b) ((set)[(unsigned char)(b) >> 5] |= \
                                (uint32_t)1 << ((unsigned char)(b) & 31))
#define PC_BYTESET_HAS(set, b) (((set)[(unsigned char)(b) >> 5] >> \
                                 ((unsigned char)(b) & 31)) & 1)

/* pc_analyze() for finding given terms: where the language's stems keep
 * their word's first byte, a word whose first byte is not in FIRST (the
 * first bytes of the terms looked for) cannot give one of them, and is
 * passed with no term (TERM "", TERM_LEN 0, IS_STOP 0) instead of
 * being stemmed, and its folded word may be "" too.  Positions and
 * spans are as always. */
pilcrow_status pc_analyze_for(struct pc_analyzer *a, const char *text,
                              size_t len, const pc_byteset first,
                              pc_token_fn *fn, void *payload);

/* The index term of one already case-folded word (its stem), valid until
 * the next call on A; *TERM_LEN receives its length.  NULL on NOMEM. */
const char *pc_analyzer_stem(struct pc_analyzer *a, const char *folded,
                             size_t len, size_t *term_len);

/* Bound A's cache of word -> stem to MAX_ENTRIES words (default 65536;
 * 0 turns the cache off), emptying it.  For benchmarks and tests. */
void pc_analyzer_set_cache(struct pc_analyzer *a, size_t max_entries);

/* Case-fold the LEN bytes of UTF-8 at S (one word) into B. */
void pc_fold(pilcrow_status *st, struct pc_buf *b, const char *s,
             size_t len);

/* Decode one UTF-8 code point at S (LEN > 0 bytes available) into *CP;
 * returns its length in bytes, or 0 for an invalid sequence. */
size_t pc_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* ================================================================== */
/* store.c: stored record data (zlib streams, by libdeflate)           */
/* ================================================================== */

/* A compressor kept for the texts of many records (libdeflate). */
struct pc_deflater;
void pc_deflater_free(struct pc_deflater *z);

/* Encode the record-level fields of R (kind, number, annex, section,
 * section_title, cites, cited_by, seq, text) into B; the text is
 * deflated into a zlib stream when that makes it smaller.  Z is where a
 * reusable compressor is kept (made on first use; the owner frees it
 * with pc_deflater_free), or NULL to use one for this call only. */
void pc_store_encode(pilcrow_status *st, struct pc_buf *b,
                     const struct pilcrow_record *r, struct pc_deflater **z);

/* A decompressor kept for the texts of many records (libdeflate). */
struct pc_inflater;
void pc_inflater_free(struct pc_inflater *z);
/* The terms a read handle keeps for suggestions (suggest.c). */
struct pc_lexicon;
void pc_lexicon_free(struct pc_lexicon *lex);

/* Decode the LEN bytes at DATA into R, with strings allocated from A.
 * Doc-level fields are left as they were.  Without WITH_TEXT the text
 * is checked for size but not inflated: R->text is NULL.  Z is where a
 * reusable inflater is kept (made on first use; the owner frees it with
 * pc_inflater_free), or NULL to use one for this call only.  Returns
 * PILCROW_OK, PILCROW_NOMEM or PILCROW_CORRUPT. */
pilcrow_status pc_store_decode(struct pilcrow_record *r,
                               struct pc_arena *a, const char *data,
                               size_t len, int with_text,
                               struct pc_inflater **z);

/* The same for the document-level metadata kept once per document. */
void pc_store_encode_docmeta(pilcrow_status *st, struct pc_buf *b,
                             const pilcrow_doc *doc);
pilcrow_status pc_store_decode_docmeta(struct pilcrow_record *r,
                                       struct pc_arena *a,
                                       const char *data, size_t len);

/* ================================================================== */
/* status.c and db.c: messages, handles                                */
/* ================================================================== */

struct pcx_db;

/* A child object of a db (query, hits, record): closed with the db. */
struct pc_node {
    struct pc_node *prev, *next;
    void (*release)(struct pc_node *node);  /* frees the child */
};

struct pilcrow_db {
    struct pcx_db *x;            /* the Xapian side */
    char *path;                  /* index directory */
    unsigned flags;              /* PILCROW_OPEN_* */
    struct pc_buf msg;           /* last error message, "" if none */
    const char *fallback;        /* static message when msg could not
                                  * be allocated */
    struct pc_node children;     /* sentinel of the child list */
    struct pc_analyzer *analyzers[8]; /* by language, lazily made */
    size_t n_analyzers;
    uint32_t pending;            /* records added since the last commit */
    int sound;                   /* writer: tables checked or new at open */
    struct pc_meta_slot *meta;   /* read-only handles: document metadata
                                  * as stored, by document (see db.c) */
    uint64_t meta_gen;           /* the shim's generation it was read at */
    struct pc_inflater *inflater; /* for stored texts, made on first use */
    struct pc_deflater *deflater; /* writers: the same for new records */
    struct pc_lexicon *lexicon;  /* read-only handles: the index's terms
                                  * for suggestions (suggest.c) */
    struct pc_buf superseded;    /* read-only handles: the superseded
                                  * documents' terms (versions.c), */
    size_t n_superseded;         /* ... how many, */
    uint64_t superseded_gen;     /* ... and the generation + 1 they were
                                  * read at; 0: not read */
    struct pc_db_lang {          /* the languages of the records, as */
        char code[8];            /* last read (pc_db_scan_languages) */
        uint64_t records;
    } langs[16];
    size_t n_langs;
};

/* Set DB's message (printf-style) and return ST: the error idiom
 * "return pc_db_error(db, PILCROW_IO, "cannot read %s", path);". */
pilcrow_status pc_db_error(pilcrow_db *db, pilcrow_status st,
                           const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void pc_db_clear_error(pilcrow_db *db);
/* Copy the shim's last message into DB's (after a pcx_* failure); for
 * PILCROW_CORRUPT the message names DB's index and says to rebuild
 * it. */
pilcrow_status pc_db_shim_error(pilcrow_db *db, pilcrow_status st);

/* Make *ERRMSG (if ERRMSG is not NULL) a new printf-style message. */
pilcrow_status pc_errmsg(char **errmsg, pilcrow_status st, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));

/* Link NODE into DB's children / unlink it. */
void pc_db_adopt(pilcrow_db *db, struct pc_node *node);
void pc_db_disown(struct pc_node *node);

/* The languages pilcrow analyses that DB's records are in, at most MAX
 * into LANGS, in the order of the language table's codes as Xapian
 * sorts them; returns how many (0 for an empty index). */
size_t pc_db_languages(pilcrow_db *db, const struct pc_lang **langs,
                       size_t max);

/* DB's analyser for language LANG ("fr", "fr-CA"; English for a
 * language pilcrow does not analyse), made on first use.  Returns NULL
 * with DB's message set when out of memory. */
struct pc_analyzer *pc_db_analyzer(pilcrow_db *db, const char *lang,
                                   pilcrow_status *st);

/* ================================================================== */
/* cite.c: citations of UN documents in text                          */
/* ================================================================== */

/* Longest normal form or key of a citation, in bytes with the NUL. */
#define PC_CITE_MAX 96

/* A citation found in text. */
struct pc_cite {
    size_t start, end;          /* bytes of the number or symbol cited */
    char symbol[PC_CITE_MAX];   /* normal form: "S/RES/2719 (2023)" */
    char key[PC_CITE_MAX];      /* its term body: "s/res/2719" */
};

/* Called for each citation in text order; non-zero stops the scan. */
typedef int pc_cite_fn(const struct pc_cite *c, void *payload);

/* Call FN for each citation in the LEN bytes of TEXT, a text of the
 * document whose symbol is CITING (NULL when unknown): the organ of a
 * bare "resolution 2719 (2023)" or "its resolution 50/123" is taken
 * from it, and a citation of CITING itself is left out.  *NAMED (may
 * be NULL) carries the organ last named from one text of a document to
 * the next: 0 before the first. */
void pc_cite_scan(const char *text, size_t len, const char *citing,
                  int *named, pc_cite_fn *fn, void *payload);
/* If a citation starts at TEXT (LEN bytes), put the first it names in
 * *OUT and return the bytes it spans (a list: all of it); else 0. */
size_t pc_cite_at(const char *text, size_t len, const char *citing,
                  struct pc_cite *out);
/* The key of the LEN bytes at V, a citation as a user types it (a
 * symbol in any written form, "resolution 2719 (2023)", "50/123"), into
 * KEY (SIZE bytes).  Returns 0, or -1 when V is no symbol (no '/'). */
int pc_cite_key_of(const char *v, size_t len, char *key, size_t size);
/* The key of normal form SYMBOL into KEY (SIZE bytes, cut to fit). */
void pc_cite_key(char *key, size_t size, const char *symbol);
/* Set R's refs from its text, R being a record of the document whose
 * symbol is CITING, allocated from A (sticky status); NAMED as for
 * pc_cite_scan(), over the records of a document in order. */
void pc_cite_record(pilcrow_status *st, struct pilcrow_record *r,
                    const char *citing, int *named, struct pc_arena *a);

/* ================================================================== */
/* terms.c: the index's vocabulary (design.md, "Xapian layout")        */
/* ================================================================== */

/* Term prefixes: content terms (stems, folded symbols) have none and
 * start lower-case or with a digit; filter terms start upper-case. */
#define PC_TERM_UID     'Q'  /* one record: doc # kind annex : number */
#define PC_TERM_DOC     'D'  /* every record of a document */
#define PC_TERM_KIND    'K'  /* paragraph, summary, note */
#define PC_TERM_SECTION 'S'  /* every level of the section path */
#define PC_TERM_SYMBOL  'X'  /* each symbol the document carries, folded */
#define PC_TERM_YEAR    'Y'  /* year of the document's date */
#define PC_TERM_LANG    'L'  /* language of the analysis */
#define PC_TERM_VERSION 'V'  /* the first record of each document with
                              * a symbol: the symbol in capitals; its
                              * postings are the language versions */
#define PC_TERM_CITES   'C'  /* each document the record cites (its key) */
#define PC_TERM_ORGAN   'O'  /* the organ of the document's series, and
                              * the organ it reports to: "SC", "ECOSOC" */
#define PC_TERM_SESSION 'N'  /* the session: "80", "2025" */
#define PC_TERM_AGENDA  'A'  /* each agenda item's number: "99" */
#define PC_TERM_TYPE    'T'  /* the document type: "letter" */
#define PC_TERM_FAMILY  'B'  /* the base symbol of a version, else the
                              * document's own: its family */
#define PC_TERM_REVISION 'R' /* the first record of a revision (its
                              * symbol ends in Rev.N, but for
                              * corrigenda): the symbol in capitals
                              * (versions.c) */

/* ---- versions.c: the versions of a document -------------------------- */

/* The line of the first part of SYM (LEN bytes): *LINE_LEN bytes of it,
 * less trailing corrigenda and its last "Rev.N", and in *REV that N (0
 * when it is no revision).  S/2025/71/Rev.2/Corr.1: S/2025/71, 2. */
void pc_version_line(const char *sym, size_t len, size_t *line_len,
                     unsigned *rev);
/* Append to OUT the D terms (each NUL-terminated, *N_OUT of them) of
 * the documents of DB a later revision in their language supersedes.
 * Returns a status with DB's message set on failure. */
pilcrow_status pc_versions_superseded(pilcrow_db *db, struct pc_buf *out,
                                      size_t *n_out);
/* The symbols of the family of R's document that DB holds, as written,
 * in order (*OUT, *N_OUT, in arena A): none when R's document is alone
 * in its family. */
pilcrow_status pc_versions_of(pilcrow_db *db, const struct pilcrow_record *r,
                              struct pc_arena *a, const char ***out,
                              size_t *n_out);

/* Value slots. */
enum pc_slot {
    PC_SLOT_DATE = 0,        /* the date as YYYYMMDD (year ranges) */
    PC_SLOT_SEQ = 1          /* document order, 8 hex digits of seq */
    /* 2 is the shim's: the record in its stored form (PCX_SLOT_RECORD) */
};

/* How a query field's value is made into its term's body. */
enum pc_value_fold {
    PC_VALUE_AS_IS,          /* as typed */
    PC_VALUE_FOLD,           /* case- and accent-folded (pc_fold) */
    PC_VALUE_UPPER           /* ASCII upper-cased */
};

/* A query field: "section:II.A" filters on PC_TERM_SECTION terms. */
struct pc_field {
    const char *name;
    char prefix;
    enum pc_value_fold fold;
};

/* The field named by the LEN bytes at NAME, or NULL. */
const struct pc_field *pc_field_find(const char *name, size_t len);
/* Append the names of the fields, "doc, kind, ...", to B. */
void pc_field_list(pilcrow_status *st, struct pc_buf *b);
/* Append the LEN bytes of V, folded as field F's values are, to B. */
void pc_field_value(pilcrow_status *st, struct pc_buf *b,
                    const struct pc_field *f, const char *v, size_t len);

/* Append to B the term query field FIELD ("type", one of the table's)
 * matches for the LEN bytes of value V, folded as the query folds it. */
void pc_field_term(pilcrow_status *st, struct pc_buf *b, const char *field,
                   const char *v, size_t len);

/* Append the term PREFIX + VALUE to B, or PREFIX + "#" + a 64-bit hash
 * of VALUE in hex when it would pass PC_MAX_TERM. */
void pc_term(pilcrow_status *st, struct pc_buf *b, char prefix,
             const char *value, size_t len);
/* Append to B the unique-id term of a record, or the term shared by
 * every record of document DOC. */
void pc_uid_term(pilcrow_status *st, struct pc_buf *b, const char *doc,
                 pilcrow_kind kind, const char *annex, const char *number);
void pc_doc_term(pilcrow_status *st, struct pc_buf *b, const char *doc);
/* Append to B the term of the language versions of SYMBOL: it indexes
 * the first record of each document that carries SYMBOL. */
void pc_version_term(pilcrow_status *st, struct pc_buf *b,
                     const char *symbol);

/* FNV-1a of the N bytes at S, 64 bits (long terms: part of the index
 * format), and folded to 32 for the hash tables of the stem and
 * metadata caches. */
static inline uint64_t
pc_hash64(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static inline uint32_t
pc_hash(const char *s, size_t n)
{
    uint64_t h = pc_hash64(s, n);

    return (uint32_t)(h ^ (h >> 32));
}

/* Terms longer than this are replaced by a prefix and a hash. */
#define PC_MAX_TERM 200

/* Metadata key prefixes: a document's metadata, a file's stamp. */
/* How long a remote shard may take to connect or to answer, unless
 * the caller says (pilcrow_db_open_timeout()). */
#define PC_REMOTE_TIMEOUT_MS 10000u

#define PC_META_DOC "d:"
#define PC_META_FILE "f:"
#define PC_META_FORMAT "pilcrow:format"
/* The prefixes of the keys that pc_meta_key() hashes. */
#define PC_META_DOC_HASHED "d#"
#define PC_META_FILE_HASHED "f#"

/* The longest metadata key Xapian stores: glass's 255-byte keys less
 * the 2 bytes that mark a key as metadata (Xapian 1.4: a longer one
 * fails with "Key too long"). */
#define PC_MAX_META_KEY 253

/* Append to B the metadata key of NAME (a document id or a file's
 * absolute path) under PREFIX (PC_META_DOC or PC_META_FILE): PREFIX +
 * NAME when that fits in PC_MAX_META_KEY bytes, so every key an older
 * index holds is found as it was; else PREFIX's letter, "#" and the
 * 64-bit hash of NAME in hex (PC_META_DOC_HASHED, PC_META_FILE_HASHED). */
void pc_meta_key(pilcrow_status *st, struct pc_buf *b, const char *prefix,
                 const char *name);

/* ================================================================== */
/* dir.c: the index directory on disk                                  */
/* ================================================================== */

/* Does directory PATH hold a Xapian database (its version file)? */
int pc_dir_holds_index(const char *path);
/* The name of a table file that the glass index at PATH lacks although
 * its other files say it must have it (postlist.glass beside another
 * table; with HAS_DOCS, any of the three a pilcrow index writes), or
 * NULL.  Xapian takes a missing table for an empty one. */
const char *pc_dir_missing_table(const char *path, int has_docs);
/* The file in an index directory that records the state of its tables
 * when a writer last left them sound: checked at open, or written by
 * pilcrow itself.  pc_dir_unchanged() is true when the tables at PATH
 * are exactly as recorded (no write since, by anyone), so the check
 * before writing can be skipped; pc_dir_mark_checked() records their
 * state now (and removes a stale record when it cannot). */
#define PC_DIR_CHECKED "pilcrow-checked"
int pc_dir_unchanged(const char *path);
void pc_dir_mark_checked(const char *path);

/* ================================================================== */
/* record.c: stored bytes -> the records callers see                   */
/* ================================================================== */

/* What pc_record_load() fills besides the stored fields. */
#define PC_LOAD_TEXT 1u      /* the text, inflated */
#define PC_LOAD_CITE 2u      /* the document's metadata and the anchor */

/* Load record R, in arena A, from its stored bytes DATA/LEN: the
 * stored fields when R has none yet (R->doc is NULL; zero R first),
 * then each part of PARTS that R lacks, so a record decoded without its
 * text can be completed later.  SAME_DOC, if not NULL, is a record
 * loaded with PC_LOAD_CITE whose document metadata R takes if it is of
 * the same document.  On error DB's message says what failed. */
pilcrow_status pc_record_load(pilcrow_db *db, struct pilcrow_record *r,
                              struct pc_arena *a, const char *data,
                              size_t len, unsigned parts,
                              const struct pilcrow_record *same_doc);
/* Release DB's cache of document metadata (at close). */
void pc_db_meta_free(pilcrow_db *db);

/* ================================================================== */
/* snippet.c: best window and highlights                               */
/* ================================================================== */

/* A query term as the snippet and the reranker see it. */
struct pc_qterm {
    const char *term;       /* index term (stem or folded symbol) */
    size_t len;
    int is_prefix;          /* a wildcard: matches terms starting so;
                             * PC_QTERM_CJK_CHAR: a CJK character, matched
                             * within the tokens holding it */
};

#define PC_QTERM_CJK_CHAR 2

/* One matched word of a text. */
struct pc_match {
    size_t start, end;      /* byte span in the text */
    uint32_t pos;           /* word position */
    unsigned which;         /* index of the query term it matched */
};

/* The number of distinct query terms among MATCHES[FIRST] to
 * MATCHES[LAST - 1] (terms are numbered below 64; later ones count as
 * one). */
unsigned pc_distinct_terms(const struct pc_match *matches, size_t first,
                           size_t last);

/* The matched words of TEXT for the N_TERMS query terms, in text order,
 * appended to *MATCHES (pc_realloc'd, *N_MATCHES entries, *CAP allocated);
 * *N_WORDS receives the text's number of words.  Returns PILCROW_OK or
 * PILCROW_NOMEM. */
pilcrow_status pc_find_matches(struct pc_analyzer *an, const char *text,
                               size_t len, const struct pc_qterm *terms,
                               size_t n_terms, struct pc_match **matches,
                               size_t *n_matches, size_t *cap,
                               uint32_t *n_words);

/* Cut the best window of about TARGET bytes of TEXT for the matches
 * (see pc_find_matches), with "…" where cut, into B; the highlight
 * spans, as offsets into B's text, go to *SPANS (pc_malloc'd, 2 entries
 * a span) and *N_SPANS. */
void pc_snippet(pilcrow_status *st, struct pc_buf *b, const char *text,
                size_t len, const struct pc_match *matches, size_t n_matches,
                size_t target, size_t **spans, size_t *n_spans);

#endif /* PILCROW_PRIVATE_H */
