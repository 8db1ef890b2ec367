/*
 * printer.h - every output of the pilcrow command goes through here, so
 * that text, JSON and TSV cannot drift in what they show (doc/conventions.md C4).
 *
 * Three layers:
 *  - struct printer: a structured-output interface (objects, arrays,
 *    keys, strings, numbers) with a JSON implementation;
 *  - struct item: one record, or one search hit and its record, read
 *    once through the pilcrow.h accessors; item_print_fields() writes
 *    its fields to a printer, item_print_text() and item_print_tsv()
 *    write the same fields for people and for scripts;
 *  - text helpers: sanitised (no raw control characters ever), wrapped,
 *    optionally coloured output of document text.
 */
#ifndef PILCROW_CLI_PRINTER_H
#define PILCROW_CLI_PRINTER_H

#include <stddef.h>
#include <stdio.h>

#include "pilcrow.h"

/* ------------------------------------------------------------------ */
/* Structured output                                                   */
/* ------------------------------------------------------------------ */

struct printer;

/* The operations of one output format. */
struct printer_ops {
    void (*begin_object)(struct printer *p);
    void (*end_object)(struct printer *p);
    void (*begin_array)(struct printer *p);
    void (*end_array)(struct printer *p);
    void (*key)(struct printer *p, const char *key);
    void (*string)(struct printer *p, const char *s, size_t len);
    void (*integer)(struct printer *p, long long v);
    void (*real)(struct printer *p, double v);
    void (*boolean)(struct printer *p, int v);
    void (*null)(struct printer *p);
    void (*end_value)(struct printer *p);   /* A top-level value ends. */
};

#define PRINTER_MAX_DEPTH 16

struct printer {
    const struct printer_ops *ops;
    FILE *out;
    int depth;                              /* Open objects + arrays. */
    unsigned char need_comma[PRINTER_MAX_DEPTH]; /* Per level. */
    int after_key;                          /* A key was just written. */
    size_t len;                             /* Bytes in BUF. */
    char buf[8192];                         /* Output not yet in OUT. */
};

/* Set up P to write JSON to OUT: compact, one top-level value a line
 * (end_value writes the newline and flushes OUT, so a reader at the
 * other end of a pipe gets each line at once).  A value is gathered in
 * P and reaches OUT by end_value at the latest. */
void printer_json_init(struct printer *p, FILE *out);

void printer_begin_object(struct printer *p);
void printer_end_object(struct printer *p);
void printer_begin_array(struct printer *p);
void printer_end_array(struct printer *p);
void printer_key(struct printer *p, const char *key);
/* S may be NULL: null.  Invalid UTF-8 is replaced by U+FFFD. */
void printer_string(struct printer *p, const char *s);
void printer_string_len(struct printer *p, const char *s, size_t len);
void printer_integer(struct printer *p, long long v);
void printer_real(struct printer *p, double v);
void printer_bool(struct printer *p, int v);
void printer_null(struct printer *p);
/* S as a string, or null when S is NULL. */
void printer_string_or_null(struct printer *p, const char *s);
void printer_end_value(struct printer *p);

/* ------------------------------------------------------------------ */
/* Records and hits                                                    */
/* ------------------------------------------------------------------ */

/* One record to print, and the hit it came from if any.  Every pointer
 * is borrowed from the record or hits it was read from. */
struct item {
    const pilcrow_record *rec;
    int is_hit;                 /* The fields below are set. */
    size_t rank;                /* 1-based. */
    double score;
    const char *snippet;
    size_t snippet_len;         /* Bytes. */
    const size_t *spans;        /* 2 * n_spans byte offsets into snippet. */
    size_t n_spans;
};

void item_from_hit(struct item *it, const pilcrow_hits *hits);
void item_from_record(struct item *it, const pilcrow_record *rec);

/* Which fields item_print_fields() writes. */
#define ITEM_HIT  1u    /* rank, score, snippet, highlights. */
#define ITEM_TEXT 2u    /* text. */
#define ITEM_META 4u    /* annex. */

/* Write the fields of IT as keys and values into the object P has open:
 * [rank, score,] doc, symbol, lang, title, [date,] kind, number,
 * [annex,] anchor, section, section_title, file, [snippet, highlights,]
 * [text,] cites, cited_by. */
void item_print_fields(struct printer *p, const struct item *it,
                       unsigned fields);

/* As item_print_fields(), in an object of its own, ended as a
 * top-level value. */
void item_print_json(struct printer *p, const struct item *it,
                     unsigned fields);

/* One TSV line: [QID (if >= 0),] rank, score, the document (its symbol,
 * else its id), the anchor as printed ("annex, para. 44", "[para. 4]"),
 * kind, page ("" when none), snippet, with tab, newline, carriage return
 * and backslash escaped as \t \n \r \\. */
void item_print_tsv(FILE *out, const struct item *it, long qid);
/* The header line of those columns (--tsv-header). */
void item_print_tsv_header(FILE *out, int with_qid);

/* The counterparts of a hit's record in the other language versions
 * of its document (versions 1 .. n - 1 of PAR) as the value of a
 * "parallel" key: [{"lang", "doc", "anchor"}, ...], a version lacking
 * the record with "anchor": null and "missing": true. */
void item_print_parallel(struct printer *p, const pilcrow_parallel *par);

/* The same for people, one line: "  also: fr A_1 para. 7; es A_1
 * (missing)"; nothing when PAR has no other version. */
/* The versions of the current hit's family (pilcrow_hits_version()):
 * a "versions" array in JSON, a "versions:" line in text; nothing when
 * its document is alone in its family. */
void item_print_versions(struct printer *p, const pilcrow_hits *hits);
void text_versions(FILE *out, const pilcrow_hits *hits);
void text_parallel(FILE *out, const pilcrow_parallel *par);

/* How text for people is written. */
struct text_style {
    int color;                  /* Highlights in bold red. */
    int width;                  /* Columns to wrap at (78). */
};

/* A search hit for people: "SYMBOL-or-DOC, ANCHOR — SECTION TITLE",
 * the snippet indented and wrapped, then "cited by:" (a note) or
 * "notes:" (a paragraph citing notes). */
void item_print_text(FILE *out, const struct text_style *style,
                     const struct item *it);

/* ------------------------------------------------------------------ */
/* Text helpers                                                        */
/* ------------------------------------------------------------------ */

/* "A/52/314, para. 7" (symbol when known, else the doc id). */
void text_location(FILE *out, const pilcrow_record *rec);

/* The record's location, then " — SECTION_TITLE" if any, cut with "…"
 * to MAX_WIDTH columns (0: no limit), and a newline. */
void text_header(FILE *out, const pilcrow_record *rec, int max_width);

/* Write the LEN bytes at S: runs of white space become one space, lines
 * are wrapped at STYLE's width after INDENT spaces (FIRST_INDENT on the
 * first line), bytes inside the N_SPANS [start, end) SPANS are coloured
 * when STYLE says so, and control characters and invalid UTF-8 become
 * U+FFFD.  Ends with a newline. */
void text_wrap(FILE *out, const struct text_style *style, const char *s,
               size_t len, const size_t *spans, size_t n_spans,
               int first_indent, int indent);

/* Write S sanitised as text_wrap() does, without wrapping. */
void text_clean(FILE *out, const char *s, size_t len);

/* "cited by: para. 7, summary, para. 1" and a newline to OUT: the
 * anchors of the paragraphs citing note record R, sanitised. */
void text_cited_by(FILE *out, const pilcrow_record *r);

/* A note number as superscript digits ("12" gives "¹²"; "*" stays). */
void text_superscript(FILE *out, const char *number);

#endif /* PILCROW_CLI_PRINTER_H */
