/*
 * parse-int.h - what the files of the parser share: the line, unit and
 * note arrays of one parse, and the passes that fill them.
 *
 * One parser serves every shape of document we meet:
 *  - the clean shape of corpus/'s report: one paragraph a line, blocks
 *    separated by blank lines, superscript note markers, a Notes
 *    section at the end;
 *  - pdftotext output (un-docs-2025): hard-wrapped lines, form feeds at
 *    page breaks, page furniture (job numbers, barcodes, date stamps,
 *    running heads, page counters), footnotes under a "____" rule at the
 *    bottom of each page with plain-digit markers in the text;
 *  - Markdown (YAML front matter, "#" headings, "[^N]" footnotes);
 *  - anything else (speeches, letters): blocks or lines numbered 1..N.
 *
 * The work is done in passes over an array of lines (pointers into the
 * text, never copies):
 *  1. split into lines; note form feeds (page starts) and blank lines;
 *  2. metadata: YAML front matter, "Symbol:", "Language:", "Distr.:"
 *     lines, the symbol at the top of the first page, title;
 *  3. pdftotext only: mark furniture lines, footnote regions, and the
 *     markers in the text that the footnotes of each page resolve;
 *  4. walk the body lines and cut them into units (a numbered
 *     paragraph, an unnumbered block, a heading, an annex heading...),
 *     re-flowing hard-wrapped lines; unit texts go to one pool buffer;
 *  5. walk the units and make records: section paths, summary
 *     ordinals, paragraph numbers (or ordinals when a region of the
 *     document has no numbered paragraphs), cites and cited_by.
 * Memory: the line array, the unit array, the pool and a few scratch
 * buffers; nothing is allocated per character or per line.
 */
#ifndef PILCROW_PARSE_INT_H
#define PILCROW_PARSE_INT_H

#include <stdint.h>
#include <string.h>

#include "pilcrow-private.h"

/* ================================================================== */
/* Lines                                                               */
/* ================================================================== */

#define L_BLANK 0x01    /* empty or white space only */
#define L_PAGE  0x02    /* first line after a form feed */
#define L_DROP  0x04    /* furniture or metadata: never record text */
#define L_FOOT  0x08    /* inside a footnote region (pdftotext) */

struct line {
    const char *s;      /* first non-space byte */
    uint32_t len;       /* bytes, trailing space trimmed */
    uint32_t page;      /* the page it is on, from 1 (form feeds) */
    uint8_t fl;         /* L_* */
};

/* A note marker found in a line of body text (pdftotext): bytes
 * [off, off + len) of line LINE are replaced by NUM in superscript. */
struct edit {
    size_t line;
    uint32_t off, len;
    char num[8];
};

enum unit_type {
    U_PARA,         /* numbered paragraph; num = its number */
    U_TEXT,         /* unnumbered block */
    U_ROMAN,        /* section heading "II. Title"; num = "II" */
    U_LETTER,       /* subsection heading "A. Title"; num = "A" */
    U_ANNEX,        /* annex heading; num = "I" or "" */
    U_SUMMARY,      /* the "Summary" heading */
    U_NOTES,        /* the "Notes" heading */
    U_CONTENTS,     /* a skipped contents table */
    U_CHAPTER,      /* chapter heading "Chapter II Title"; num = "II" */
    U_ARTICLE,      /* article heading "Article 26"; num = "26" */
    U_SUBHEAD,      /* numbered sub-heading between paragraphs, "1." and
                     * its title; num = "1" */
    U_DRAFT         /* a draft quoted in the body starts, num = "r" or
                     * "d" (resolution, decision) and its label ("rI");
                     * or, num = "", the body's numbers go on */
};

struct unit {
    uint8_t type;
    uint8_t preamble;   /* text of a preamble: after an enacting
                         * formula or a "Preamble" heading */
    uint8_t supplied;   /* U_PARA: the body's next number read from a
                         * damaged one ("25." between "124." and "126."),
                         * cited in brackets */
    char num[16];
    size_t off, len;    /* text (or heading title) in the pool */
    uint32_t page;      /* the page of its first line of text */
};

/* A note (footnote or endnote) being collected. */
struct note {
    char num[8];        /* "1", "*", "**" */
    struct pc_buf text;
};

struct parser {
    pilcrow_status st;
    pilcrow_doc *doc;
    const char *text;
    size_t len;
    int pdf;                    /* pdftotext shape (form feeds) */
    int md;                     /* Markdown shape */
    struct line *lines;
    size_t n_lines;
    size_t width;               /* typical full line length (pdf) */
    size_t body;                /* first body line */
    struct edit *edits;
    size_t n_edits, cap_edits;
    struct unit *units;
    size_t n_units, cap_units;
    struct pc_buf pool;         /* unit texts */
    struct note *notes;
    size_t n_notes, cap_notes;
    struct pc_buf scratch;      /* record text being finished */
    const char **cites;         /* cites of the record being finished */
    size_t n_cites, cap_cites;
    const char **carry;         /* cites of a heading ("Special theme
                                 * ... ³"), for the record after it */
    size_t n_carry, cap_carry;
    char symbol[96];            /* symbol found in the text */
    char runhead[4][96];        /* running heads (pdf) */
    int n_runhead;
    uint32_t page;              /* page of the record being made, 0 when
                                 * the text has no page breaks */
    const char *draft;          /* the quoted draft whose records are
                                 * being made ("rII"), else NULL */
};

/* ================================================================== */
/* Shared by the passes                                                */
/* ================================================================== */

static inline int
is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v';
}

static inline int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* parse-lines.c */

/* Does line L equal the NUL-terminated S?  Inline, the first byte
 * tested first: the parser asks it of every line for many S. */
static inline int
pc_line_is(const struct line *l, const char *s)
{
    size_t n;

    if (l->len == 0 || l->s[0] != s[0])
        return l->len == 0 && s[0] == '\0';
    n = strlen(s);
    return l->len == n && memcmp(l->s, s, n) == 0;
}

/* Does line L start with S?  (Inline as pc_line_is.) */
static inline int
pc_line_starts(const struct line *l, const char *s)
{
    size_t n;

    if (s[0] == '\0')
        return 1;
    if (l->len == 0 || l->s[0] != s[0])
        return 0;
    n = strlen(s);
    return l->len >= n && memcmp(l->s, s, n) == 0;
}

/* Does L end with S? */
int pc_line_ends(const struct line *l, const char *s);

/* The value of the superscript digit whose UTF-8 encoding starts at P
 * (N bytes available), with its length in *K; -1 when there is none. */
int pc_superscript_digit(const char *p, size_t n, size_t *k);

/* Append the superscript form of the ASCII digits at D (N bytes). */
void pc_put_superscript(pilcrow_status *st, struct pc_buf *b, const char *d,
                        size_t n);

/* The UTF-8 superscript form of ASCII digit D. */
const char *pc_superscript_str(char d);

/* Is L a contents line, with dotted leaders (". . . ." or ".....")? */
int pc_has_leader(const struct line *l);

/* Does the text S (N bytes) end a sentence: its last character, after
 * closing quotes, brackets, note markers and a trailing plain-digit
 * marker (pdftotext), one of . ? ! : ; */
int pc_ends_sentence(const char *s, size_t n);

/* Does the text S (N bytes) end with a comma or semicolon, after what
 * pc_ends_sentence() looks past and a glued plain-digit or Markdown
 * note marker ("arsenals,5", "arsenals,[^5]")? */
int pc_ends_clause(const char *s, size_t n);

/* The value of the decimal digit at S (N bytes available): ASCII,
 * Arabic-Indic (U+0660-0669) or Eastern Arabic-Indic (U+06F0-06F9),
 * with its length in *K; -1 when there is none. */
int pc_digit_value(const char *s, size_t n, size_t *k);

/* A numbered paragraph start at L: 1-3 digits (ASCII or Arabic-Indic),
 * then "." or ":", or a dash after an optional space (Arabic "١٠ -",
 * "10 -"); or a parenthesized ideograph "㈠".."㈩" (1-10); then the end
 * of the line or white space.  Writes the number in ASCII digits into
 * NUM (16 bytes) and the offset of the text after it into *REST.
 * Returns 1 or 0. */
int pc_para_start(const struct line *l, char *num, size_t *rest);

/* A heading label at L: "IV." or "B." followed by the end of the line
 * or white space.  Writes the label into LABEL (16 bytes), the offset
 * of the title into *REST; returns the label's length or 0. */
size_t pc_head_label(const struct line *l, char *label, size_t *rest);

/* If line L is shaped like a UN document symbol ("A/79/352",
 * "A/79/716-S/2025/18", "S/RES/2768 (2025)", "A /79/PV.64"), write it
 * normalised (no '*', no space around '/', dashes as '-') into OUT of
 * SIZE bytes and return 1. */
int pc_symbol_line(const struct line *l, char *out, size_t size);

/* Is L a resolution's enacting formula, "The General Assembly,"? */
int pc_enacting_line(const struct line *l);
int pc_decision_line(const struct line *l);

/* Does L open a preambular paragraph ("Recalling", "Deeply concerned",
 * "Aware")? */
int pc_preamble_opener(const struct line *l);

/* Does L open an operative paragraph: a capitalised verb in the third
 * person ("Decides", "Requests", "Calls upon")? */
int pc_operative_opener(const struct line *l);

/* The value of roman numeral S (N bytes, upper case), 0 if invalid. */
int pc_roman_value(const char *s, size_t n);

/* Pass 1: split the text into P->lines, marking blank lines and page
 * starts, and tell the shape (pdftotext, Markdown). */
void pc_split_lines(struct parser *p);

/* parse-meta.c */

/* The month (1 to 12) whose name, in one of the six languages' Latin or
 * Cyrillic spelling, starts the N bytes at S and ends a word there;
 * sets *LEN to the name's length.  0 when none. */
int pc_month_at(const char *s, size_t n, size_t *len);

/* Set doc field *DST (unless already set) to the N bytes at S. */
void pc_set_meta(struct parser *p, const char **dst, const char *s, size_t n);
void pc_set_language(struct parser *p, const char *v, size_t n);

/* YAML front matter of Markdown files: "---", "key: value" lines,
 * "---".  Returns the index of the first line after it. */
size_t pc_yaml_front_matter(struct parser *p);

/* The next line at or after I that is not blank or dropped; N_LINES
 * when none. */
size_t pc_next_content(const struct parser *p, size_t i);

/* The symbol anywhere on the first page (pdftotext may put it after
 * the lines that end the front matter, or at the page's foot), when
 * the front matter had none. */
void pc_first_page_symbol(struct parser *p, size_t start);

/* Find the metadata lines and the start of the body. */
void pc_scan_front_matter(struct parser *p, size_t start);

/* The UN metadata the first pages print, from line START: session
 * ("Eightieth session"), agenda items and their title, the type a
 * subtitle names ("Letter dated ..."), and the date where the front
 * matter gave none (after "Distr.:", alone on a line as "[18 July
 * 2025]" or "Wednesday, 16 April 2025, 10 a.m.", in an adoption line,
 * a letter's "dated ...").  Fields already set are kept. */
void pc_scan_un_meta(struct parser *p, size_t start);

/* parse-pdf.c */

/* Start a new note NUM. */
struct note *pc_new_note(struct parser *p, const char *num, size_t n);

/* Append line text S (N bytes) to note NT, joined with a space. */
void pc_note_append(struct parser *p, struct note *nt, const char *s,
                    size_t n);

/* A footnote marker at the start of L: digits or stars, alone or
 * followed by a space and text.  Writes the marker's length to *K and
 * the offset of the text to *REST (== len when alone). */
int pc_foot_marker(const struct line *l, size_t *k, size_t *rest);

/* Markdown whose notes lost their superscripts: resolve each note's
 * plain-digit marker, in note order, where the text has no "[^N]". */
void pc_scan_md_markers(struct parser *p);

/* Mark furniture and footnote regions of pdftotext output. */
void pc_scan_pdf(struct parser *p);

/* parse-units.c */

/* Pass 4: cut the body lines into P->units, their texts in P->pool. */
void pc_cut_units(struct parser *p);

#endif /* PILCROW_PARSE_INT_H */
