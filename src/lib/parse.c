/*
 * parse.c - clean text -> records: the passes in order, the last of
 * them (records, sections, numbering, notes) and the public parsing
 * entry points.
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
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-int.h"

/* ================================================================== */
/* Pass 5: records                                                     */
/* ================================================================== */

/* Add NUM to the cites of the record being finished, once. */
static void
add_cite(struct parser *p, const char *num, size_t n)
{
    size_t i;
    const char **t;

    for (i = 0; i < p->n_cites; i++)
        if (strlen(p->cites[i]) == n && memcmp(p->cites[i], num, n) == 0)
            return;
    if (pc_grow(&p->st, &p->cites, &p->cap_cites, p->n_cites, sizeof(*t),
                8) < 0)
        return;
    p->cites[p->n_cites] = pc_arena_strndup(&p->st, &p->doc->arena, num, n);
    if (p->st == PILCROW_OK)
        p->n_cites++;
}

/* Bytes that finish_text() copies as they are: printable ASCII other
 * than space, '[' and '*', and UTF-8 bytes other than the lead bytes
 * of superscript digits (C2, E2). */
static const unsigned char plain_byte[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
};

/* SWAR helpers over 8 bytes at a time (any byte order). */
#define ONES  UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
#define LOWS  UINT64_C(0x7F7F7F7F7F7F7F7F)

/* Nonzero when some byte of X is zero (exactly: no false answers). */
static uint64_t
has_zero(uint64_t x)
{
    return (x - ONES) & ~x & HIGHS;
}

/* Nonzero when the 8 bytes at S are all plain bytes or single spaces
 * between plain bytes (none of them a space next to another). */
static int
plain_word(const char *s)
{
    uint64_t x, sp, m;

    memcpy(&x, s, 8);
    /* Bytes below 0x20 (controls), or 0x2A, 0x5B, 0x7F, 0xC2, 0xE2. */
    if (((x - ONES * 0x20) & ~x & HIGHS) | has_zero(x ^ (ONES * 0x2A)) |
        has_zero(x ^ (ONES * 0x5B)) | has_zero(x ^ (ONES * 0x7F)) |
        has_zero(x ^ (ONES * 0xC2)) | has_zero(x ^ (ONES * 0xE2)))
        return 0;
    /* The spaces, exactly: 0x80 in each byte that is one. */
    sp = x ^ (ONES * 0x20);
    m = ~(((sp & LOWS) + LOWS) | sp | LOWS);
    return (m & (m << 8)) == 0;
}

/* Finish the raw text S (N bytes) into p->scratch: Markdown note
 * references "[^12]" become superscripts, emphasis markers "*x*" are
 * removed, white space runs become one space; note markers (superscript
 * runs, "*" after a word) are collected into p->cites. */
static void
finish_text(struct parser *p, const char *s, size_t n)
{
    struct pc_buf *b = &p->scratch;
    size_t i = 0, k, close_at = (size_t)-1, w, reps;
    char digits[16];
    char *o;

    /* The output is never longer than the input, except where a
     * Markdown reference "[^N]" becomes superscripts (at most three
     * times as long), so one reservation lets us write bytes directly:
     * the buffer is filled with the input (thrice when "[^" occurs) to
     * grow it, then overwritten. */
    pc_buf_reset(b);
    p->n_cites = 0;
    reps = 1;
    for (o = memchr(s, '[', n); o != NULL;
         o = memchr(o + 1, '[', n - (size_t)(o + 1 - s))) {
        if (o + 1 < s + n && o[1] == '^') {
            reps = 3;
            break;
        }
    }
    /* Copy only when the buffer must grow (the copy grows it). */
    if (b->cap <= reps * n)
        for (k = 0; k < reps; k++)
            pc_buf_append(&p->st, b, s, n);
    if (p->st < 0)
        return;
    o = b->data;
    w = 0;
    while (i < n && p->st == PILCROW_OK) {
        unsigned char c = (unsigned char)s[i];

        /* A run of ordinary bytes, single spaces between words
         * included, goes in one copy. */
        if (plain_byte[c]) {
            size_t j = i + 1;

            /* Eight bytes at a time while they are words and single
             * spaces (a space last needs a plain byte after it). */
            while (j + 9 <= n && plain_word(s + j) &&
                   (s[j + 7] != ' ' || plain_byte[(unsigned char)s[j + 8]]))
                j += 8;
            for (;;) {
                while (j < n && plain_byte[(unsigned char)s[j]])
                    j++;
                if (j + 1 < n && s[j] == ' ' &&
                    plain_byte[(unsigned char)s[j + 1]])
                    j += 2;
                else
                    break;
            }
            memmove(o + w, s + i, j - i);
            w += j - i;
            i = j;
            continue;
        }
        if (is_space(c) || c == '\n' || c == '\f') {
            while (i < n && (is_space((unsigned char)s[i]) || s[i] == '\n' ||
                             s[i] == '\f'))
                i++;
            if (w > 0 && i < n)
                o[w++] = ' ';
            continue;
        }
        if (c == '[' && i + 2 < n && s[i + 1] == '^') {
            size_t j = i + 2, q;

            while (j < n && j - i < 10 && is_digit((unsigned char)s[j]))
                j++;
            if (j < n && s[j] == ']' && j > i + 2) {
                for (q = i + 2; q < j; q++) {
                    const char *sup = pc_superscript_str(s[q]);

                    memcpy(o + w, sup, strlen(sup));
                    w += strlen(sup);
                }
                add_cite(p, s + i + 2, j - i - 2);
                i = j + 1;
                continue;
            }
        }
        if (c >= 0xC2 && pc_superscript_digit(s + i, n - i, &k) >= 0) {
            size_t d = 0;

            while (i < n && d + 1 < sizeof(digits)) {
                int v = pc_superscript_digit(s + i, n - i, &k);

                if (v < 0)
                    break;
                memmove(o + w, s + i, k);
                w += k;
                digits[d++] = (char)('0' + v);
                i += k;
            }
            add_cite(p, digits, d);
            continue;
        }
        if (c == '*') {
            size_t run = 0, j;
            int prev_space = w == 0 || o[w - 1] == ' ' || o[w - 1] == '(';

            while (i + run < n && s[i + run] == '*')
                run++;
            if (i == close_at) {
                i += run;
                close_at = (size_t)-1;
                continue;
            }
            if (prev_space && i + run < n && !is_space((unsigned char)s[i + run])) {
                /* An emphasis opening if a closing run follows. */
                for (j = i + run; j + run <= n; j++) {
                    if (s[j] == '\n')
                        break;
                    if (s[j] == '*' && !is_space((unsigned char)s[j - 1]) &&
                        (j + run == n || !isalnum((unsigned char)s[j + run])) &&
                        (run == 1 || memcmp(s + j, "**", 2) == 0))
                        break;
                }
                if (j + run <= n && s[j] == '*') {
                    close_at = j;
                    i += run;
                    continue;
                }
            }
            if (!prev_space && run <= 3)
                add_cite(p, s + i, run);
            memmove(o + w, s + i, run);
            w += run;
            i += run;
            continue;
        }
        o[w++] = (char)c;
        i++;
    }
    while (w > 0 && o[w - 1] == ' ')
        w--;
    o[w] = '\0';
    b->len = w;
}

/* Keep the cites of a heading's finished title for the next record:
 * a heading is no record, but its note markers are the text's. */
static void
carry_cites(struct parser *p)
{
    size_t i;

    for (i = 0; i < p->n_cites; i++) {
        if (pc_grow(&p->st, &p->carry, &p->cap_carry, p->n_carry,
                    sizeof(*p->carry), 4) < 0)
            return;
        p->carry[p->n_carry++] = p->cites[i];
    }
}

/* Make a record of KIND from the finished text in p->scratch; PRINTED
 * says whether NUMBER is printed in the document. */
static struct pilcrow_record *
make_record(struct parser *p, pilcrow_kind kind, const char *number,
            int printed, const char *annex, const char *section,
            const char *title)
{
    struct pilcrow_record *r;
    pilcrow_doc *doc = p->doc;
    size_t i;

    if (p->scratch.len == 0 && kind != PILCROW_KIND_NOTE)
        return NULL;
    r = pc_doc_add_record(&p->st, doc);
    if (r == NULL)
        return NULL;
    r->kind = kind;
    if (p->draft != NULL && kind == PILCROW_KIND_PARAGRAPH) {
        /* In a quoted draft: "d" + its part + "." + the number,
         * "drII.3" ("draft resolution II, para. 3"). */
        char dn[64];

        snprintf(dn, sizeof(dn), "d%s.%s", p->draft, number);
        r->number = pc_arena_strdup(&p->st, &doc->arena, dn);
    } else {
        r->number = pc_arena_strdup(&p->st, &doc->arena, number);
    }
    r->printed = printed;
    r->page = kind == PILCROW_KIND_NOTE ? 0 : p->page;
    r->annex = annex;
    r->section = section;
    r->section_title = title;
    r->text = pc_arena_strndup(&p->st, &doc->arena,
                               p->scratch.data ? p->scratch.data : "",
                               p->scratch.len);
    r->text_len = p->scratch.len;
    if (kind != PILCROW_KIND_NOTE && p->n_carry > 0) {
        /* The cites a heading before it left. */
        for (i = 0; i < p->n_carry; i++)
            add_cite(p, p->carry[i], strlen(p->carry[i]));
        p->n_carry = 0;
    }
    if (kind != PILCROW_KIND_NOTE && p->n_cites > 0) {
        r->cites = pc_arena_alloc(&p->st, &doc->arena,
                                  p->n_cites * sizeof(*r->cites));
        if (r->cites) {
            for (i = 0; i < p->n_cites; i++)
                r->cites[i] = p->cites[i];
            r->n_cites = p->n_cites;
        }
    }
    return r;
}

/* Give record REC (none if (size_t)-1) the joined text in CAT. */
static void
flush_cat(struct parser *p, const struct pc_buf *cat, size_t rec)
{
    struct pilcrow_record *r;
    char *t;

    if (rec == (size_t)-1 || p->st < 0)
        return;
    r = &p->doc->records[rec];
    t = pc_arena_strndup(&p->st, &p->doc->arena,
                         cat->data ? cat->data : "", cat->len);
    if (t != NULL) {
        r->text = t;
        r->text_len = cat->len;
    }
}

/* Words over which a region's last numbered paragraph stops taking the
 * unnumbered blocks after it (issue 13: no paragraph of 1,500 words
 * or more unless the document prints one). */
#define TAIL_WORDS 1500

/* Words in the LEN bytes at S (runs of spaces between them). */
static size_t
count_words(const char *s, size_t len)
{
    size_t i, n = 0;
    int in = 0;

    for (i = 0; i < len; i++) {
        if (s[i] == ' ' || s[i] == '\n') {
            in = 0;
        } else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

/* Does unit U go on from the LEN bytes of text at PREV before it: that
 * text ends no sentence, or U opens in lower case, with an item label
 * or a bracket ("(a)", "["), a hyphen, a quotation mark, or a byte
 * past ASCII (a dash or a bullet, "–", "•")? */
static int
continues(const struct parser *p, const struct unit *u, const char *prev,
          size_t len)
{
    unsigned char c = u->len > 0 ? (unsigned char)p->pool.data[u->off] : 0;

    return !pc_ends_sentence(prev, len) || islower(c) || c == '(' ||
           c == '[' || c == '-' || c == '"' || c >= 0x80;
}

/* A heading opens section SEC: its title is the LEN bytes of TEXT (its
 * note markers cited by the record after it); *SECTION and *TITLE are
 * set, from the document's arena. */
static void
enter_section(struct parser *p, const char *text, size_t len,
              const char *sec, const char **section, const char **title)
{
    *section = pc_arena_strdup(&p->st, &p->doc->arena, sec);
    finish_text(p, text, len);
    carry_cites(p);
    *title = pc_arena_strndup(&p->st, &p->doc->arena,
                              p->scratch.data ? p->scratch.data : "",
                              p->scratch.len);
}

/* Walk the units and make the records. */
static void
make_records(struct parser *p)
{
    struct pilcrow_doc *doc = p->doc;
    const char *annex = NULL, *section = "", *title = "";
    char sec[48], roman[40] = "", chapter[16] = "", num[24];
    char lettered[48] = "";     /* the section a sub-heading is under */
    char article[16] = "", anum[40];
    int art_sub = 0;            /* last sub-paragraph of ARTICLE */
    size_t i, j, k, ord = 0, n_summary = 0, region_paras = 0, n_pre = 0;
    size_t n_open = 0;
    int in_summary = 0, have_para = 0;
    /* A resolution's, decision's or draft's symbol says its text before
     * paragraph 1 is a preamble, in any language (the enacting formula
     * is read in English only). */
    const char *type = doc->meta[PILCROW_META_TYPE];
    int enacted = type != NULL && (strcmp(type, "resolution") == 0 ||
                                   strcmp(type, "decision") == 0 ||
                                   strcmp(type, "draft") == 0);
    struct pc_buf raw = PC_BUF_INIT, cat = PC_BUF_INIT;
    size_t cat_rec = (size_t)-1;        /* the record whose text is CAT */
    /* The region's last numbered paragraph, and from it on, when it
     * would pass TAIL_WORDS, the number after which the unnumbered
     * blocks that do not go on from it are paragraphs of their own
     * (supplied numbers: 0 when not in such a tail). */
    size_t region_last = (size_t)-1, w;
    long tail = 0;
    /* The body's counts, kept while a quoted draft's records are made. */
    size_t body_ord = 0, body_pre = 0, body_open = 0;
    int body_have = 0;
    const char *body_annex = NULL;
    int in_draft = 0;
    /* In a report whose chapters number their paragraphs apart, the
     * chapter's part ("CII"), which a text quoted in it interrupts. */
    const char *chapter_part = NULL;

    pc_buf_append(&p->st, &p->pool, "", 0);  /* no NULL + offset below */
    /* ... but a draft report is no draft text: a section heading before
     * its paragraph 1 (A/AC.182/2025/L.1: "Draft report", "Rapporteur:
     * ...", "I. Introduction", "1.") says its text there is an opening. */
    if (enacted && strcmp(type, "draft") == 0)
        for (i = 0; i < p->n_units && p->units[i].type != U_PARA &&
                    p->units[i].type != U_ANNEX &&
                    p->units[i].type != U_DRAFT; i++)
            if (p->units[i].type == U_ROMAN || p->units[i].type == U_CHAPTER ||
                p->units[i].type == U_LETTER) {
                enacted = 0;
                break;
            }
    for (i = 0; i < p->n_units && p->st == PILCROW_OK; i++) {
        struct unit *u = &p->units[i];
        const char *ut = p->pool.data + u->off;

        p->page = p->pdf ? u->page : 0;
        if (i == 0 || u->type == U_ANNEX || u->type == U_DRAFT) {
            /* Count the region's numbered paragraphs (up to the next
             * annex or quoted draft, or the draft's end). */
            region_paras = 0;
            region_last = (size_t)-1;
            tail = 0;
            for (j = i + (u->type == U_ANNEX || u->type == U_DRAFT);
                 j < p->n_units &&
                 p->units[j].type != U_ANNEX &&
                 p->units[j].type != U_DRAFT; j++) {
                region_paras += p->units[j].type == U_PARA ||
                                p->units[j].type == U_ARTICLE;
                if (p->units[j].type == U_PARA)
                    region_last = j;
            }
            /* The body's text before a part it quotes ahead of its own
             * paragraph 1 is its opening, as before paragraph 1. */
            if (region_paras == 0 && j < p->n_units &&
                p->units[j].type == U_DRAFT && p->units[j].num[0] != '\0' &&
                p->units[j].num[0] != 'C' &&
                (u->type != U_DRAFT || u->num[0] == 'C'))
                for (k = j; k < p->n_units && p->units[k].type != U_ANNEX;
                     k++)
                    if (p->units[k].type == U_DRAFT &&
                        p->units[k].num[0] == '\0') {
                        while (++k < p->n_units &&
                               p->units[k].type != U_ANNEX &&
                               p->units[k].type != U_DRAFT)
                            region_paras += p->units[k].type == U_PARA;
                        break;
                    }
            if (u->type == U_DRAFT && u->num[0] == 'C') {
                /* A chapter numbered apart: a region of its own, in
                 * the body. */
                in_draft = 0;
            } else if (u->type == U_DRAFT && u->num[0] == '\0') {
                /* The draft ended: the body's numbering goes on. */
                ord = body_ord;
                n_pre = body_pre;
                n_open = body_open;
                have_para = body_have;
                annex = body_annex;
                in_draft = 0;
            }
            if (u->type != U_DRAFT || u->num[0] != '\0') {
                if (u->type == U_DRAFT && !in_draft && u->num[0] != 'C') {
                    in_draft = 1;
                    body_ord = ord;
                    body_pre = n_pre;
                    body_open = n_open;
                    body_have = have_para;
                    body_annex = annex;
                }
                if (u->type == U_DRAFT && u->num[0] != 'C')
                    annex = body_annex;     /* not in a draft's annex */
                ord = 0;
                n_pre = n_open = 0;
                have_para = 0;
            }
        }
        if (u->type != U_PARA && u->type != U_TEXT)
            article[0] = '\0';
        switch (u->type) {
        case U_DRAFT:
            in_summary = 0;
            p->draft = chapter_part;    /* after a quoted text: its chapter */
            if (u->num[0] == '\0')
                continue;
            finish_text(p, ut, u->len);     /* its title's markers */
            carry_cites(p);
            /* A label met again ("draft resolution" in two chapters) is
             * numbered "(2)", "(3)", as annexes are. */
            for (j = 0, k = 1; j < i; j++)
                k += p->units[j].type == U_DRAFT &&
                     strcmp(p->units[j].num, u->num) == 0;
            if (k > 1) {
                char lab[48];

                snprintf(lab, sizeof(lab), "%.15s(%u)", u->num,
                         (unsigned)(k < 9999 ? k : 9999));
                p->draft = pc_arena_strdup(&p->st, &doc->arena, lab);
            } else {
                p->draft = pc_arena_strdup(&p->st, &doc->arena, u->num);
            }
            if (u->num[0] == 'C')
                chapter_part = p->draft;
            continue;
        case U_ARTICLE:
            in_summary = 0;
            /* An article met again in the same annex or body (a
             * report's text of the draft articles, then the articles
             * with their commentaries) is "art. 4(2)": anchors stay
             * unique. */
            for (j = i, k = 1; j > 0 && p->units[j - 1].type != U_ANNEX; j--)
                k += p->units[j - 1].type == U_ARTICLE &&
                     strcmp(p->units[j - 1].num, u->num) == 0;
            if (k > 1)
                snprintf(article, sizeof(article), "%.8s(%u)", u->num,
                         (unsigned)(k < 99 ? k : 99));
            else
                snprintf(article, sizeof(article), "%s", u->num);
            art_sub = 0;
            continue;
        case U_ANNEX:
            in_summary = 0;
            p->draft = chapter_part = NULL;
            /* A label met again ("Annex" after each of the resolutions
             * of a report, a second "Annex I" in the annex of another
             * decision) starts another annex: its paragraphs are
             * numbered from 1 again, so it is labelled "(2)", "I(2)",
             * ... to keep anchors unique. */
            for (j = 0, k = 1; j < i; j++)
                k += p->units[j].type == U_ANNEX &&
                     strcmp(p->units[j].num, u->num) == 0;
            if (k > 1) {
                char lab[48];

                snprintf(lab, sizeof(lab), "%.15s(%u)", u->num,
                         (unsigned)(k < 9999 ? k : 9999));
                annex = pc_arena_strdup(&p->st, &doc->arena, lab);
            } else
                annex = pc_arena_strdup(&p->st, &doc->arena, u->num);
            finish_text(p, ut, u->len);
            carry_cites(p);
            section = "";
            title = pc_arena_strndup(&p->st, &doc->arena,
                                     p->scratch.data ? p->scratch.data : "",
                                     p->scratch.len);
            roman[0] = '\0';
            chapter[0] = '\0';
            lettered[0] = '\0';
            continue;
        case U_CHAPTER:
        case U_ROMAN:
        case U_LETTER:
            in_summary = 0;
            /* A report in chapters has the chapter as its first level:
             * "Chapter XIII", then "A." is XIII.A. */
            if (u->type == U_CHAPTER) {
                snprintf(chapter, sizeof(chapter), "%s", u->num);
                roman[0] = '\0';
                snprintf(sec, sizeof(sec), "%s", u->num);
            } else if (u->type == U_ROMAN) {
                if (chapter[0])
                    snprintf(roman, sizeof(roman), "%s.%s", chapter, u->num);
                else
                    snprintf(roman, sizeof(roman), "%s", u->num);
                snprintf(sec, sizeof(sec), "%s", roman);
            } else if (roman[0] || chapter[0]) {
                snprintf(sec, sizeof(sec), "%s.%s",
                         roman[0] ? roman : chapter, u->num);
            } else {
                snprintf(sec, sizeof(sec), "%s", u->num);
            }
            memcpy(lettered, sec, sizeof(sec));
            enter_section(p, ut, u->len, sec, &section, &title);
            continue;
        case U_SUBHEAD:
            /* Under the section it is in: "II.A.1". */
            in_summary = 0;
            if (lettered[0])
                snprintf(sec, sizeof(sec), "%.30s.%.15s", lettered, u->num);
            else
                snprintf(sec, sizeof(sec), "%s", u->num);
            enter_section(p, ut, u->len, sec, &section, &title);
            continue;
        case U_SUMMARY:
            in_summary = 1;
            continue;
        case U_NOTES:
        case U_CONTENTS:
            in_summary = 0;
            continue;
        default:
            break;
        }
        if (in_summary && u->type == U_TEXT) {
            finish_text(p, ut, u->len);
            snprintf(num, sizeof(num), "%zu", ++n_summary);
            make_record(p, PILCROW_KIND_SUMMARY, num, 0, annex, section,
                        title);
            continue;
        }
        in_summary = 0;
        /* A paragraph number that does not go on from the article's
         * sub-paragraphs (1, 2, ...) is the body's again: the draft
         * articles quoted in a report end there. */
        if (article[0] && u->type == U_PARA && u->num[0] != 'c' &&
            atoi(u->num) != art_sub + 1)
            article[0] = '\0';
        if (article[0] && u->type == U_PARA && u->num[0] != 'c')
            art_sub++;
        if (article[0]) {
            /* In an article: its text up to its first numbered
             * sub-paragraph is "aN" ("art. N"), each sub-paragraph
             * "aN.M" ("art. N, para. M"), each paragraph of its
             * commentary "aN.cM" ("art. N, commentary, para. (M)"),
             * each with the unnumbered blocks after it. */
            pc_buf_reset(&raw);
            pc_buf_append(&p->st, &raw, ut, u->len);
            for (j = i + 1; j < p->n_units && p->units[j].type == U_TEXT;
                 j++) {
                pc_buf_putc(&p->st, &raw, ' ');
                pc_buf_append(&p->st, &raw, p->pool.data + p->units[j].off,
                              p->units[j].len);
            }
            finish_text(p, raw.data ? raw.data : "", raw.len);
            if (u->type == U_PARA)
                snprintf(anum, sizeof(anum), "a%s.%s", article, u->num);
            else
                snprintf(anum, sizeof(anum), "a%s", article);
            have_para = 1;
            make_record(p, PILCROW_KIND_PARAGRAPH, anum, 1, annex, section,
                        title);
            i = j - 1;
            continue;
        }
        if (region_paras == 0) {
            /* No numbered paragraphs here: blocks numbered in order,
             * numbers pilcrow supplies.  (One printed number is enough
             * to trust it: a resolution with one operative paragraph, a
             * fragment of a report, "١٢ -" in Arabic.) */
            pc_buf_reset(&raw);
            pc_buf_append(&p->st, &raw, ut, u->len);
            finish_text(p, raw.data ? raw.data : "", raw.len);
            /* A resolution's preamble is counted apart from its
             * unnumbered operative paragraphs. */
            if (u->preamble)
                snprintf(num, sizeof(num), "p%zu", ++n_pre);
            else
                snprintf(num, sizeof(num), "%zu", ++ord);
            make_record(p, PILCROW_KIND_PARAGRAPH, num, 0, annex, section,
                        title);
            continue;
        }
        /* A numbered paragraph takes the unnumbered blocks after it;
         * each block before the region's first one (a resolution's
         * preamble, a letter's opening) is a paragraph of its own,
         * numbered "p1", "p2", ... ("preamble, para. 1"). */
        pc_buf_reset(&raw);
        pc_buf_append(&p->st, &raw, ut, u->len);
        if (i == region_last) {
            /* The region's last numbered paragraph: does it, with all
             * the unnumbered text after it, pass TAIL_WORDS? */
            w = count_words(ut, u->len);
            for (j = i + 1; j < p->n_units && p->units[j].type != U_ANNEX &&
                 p->units[j].type != U_DRAFT; j++)
                if (p->units[j].type == U_TEXT)
                    w += count_words(p->pool.data + p->units[j].off,
                                     p->units[j].len);
            if (w > TAIL_WORDS)
                tail = atol(u->num);
        }
        for (j = i + 1; j < p->n_units && p->units[j].type == U_TEXT &&
             u->type == U_PARA; j++) {
            if (tail > 0 && !continues(p, &p->units[j],
                                       raw.data ? raw.data : "", raw.len))
                break;
            pc_buf_putc(&p->st, &raw, ' ');
            pc_buf_append(&p->st, &raw, p->pool.data + p->units[j].off,
                          p->units[j].len);
        }
        if (u->type == U_TEXT && tail > 0) {
            /* A block after the last numbered paragraph that does not
             * go on from it: a paragraph of its own, numbered on from
             * it in square brackets. */
            finish_text(p, raw.data ? raw.data : "", raw.len);
            snprintf(num, sizeof(num), "%ld", ++tail);
            make_record(p, PILCROW_KIND_PARAGRAPH, num, 0, annex, section,
                        title);
            continue;
        }
        if (u->type == U_TEXT && have_para && doc->n_records > 0 &&
            doc->records[doc->n_records - 1].kind ==
            PILCROW_KIND_PARAGRAPH) {
            /* Text after a heading inside a numbered region (a table,
             * a caption): it belongs with the paragraph before. */
            struct pilcrow_record *r = &doc->records[doc->n_records - 1];
            size_t o = r->n_cites;

            /* The joined text grows in CAT and goes to the record once,
             * when the record is done (not once a block: quadratic). */
            finish_text(p, raw.data ? raw.data : "", raw.len);
            if (cat_rec != doc->n_records - 1) {
                flush_cat(p, &cat, cat_rec);
                pc_buf_reset(&cat);
                pc_buf_append(&p->st, &cat, r->text, r->text_len);
                cat_rec = doc->n_records - 1;
            }
            pc_buf_putc(&p->st, &cat, ' ');
            pc_buf_append(&p->st, &cat, p->scratch.data ? p->scratch.data
                          : "", p->scratch.len);
            if (p->n_cites > 0) {
                const char **t = pc_arena_alloc(&p->st, &doc->arena,
                                                (o + p->n_cites) *
                                                sizeof(*t));

                if (t != NULL) {
                    if (o)
                        memcpy(t, r->cites, o * sizeof(*t));
                    memcpy(t + o, p->cites, p->n_cites * sizeof(*t));
                    r->cites = t;
                    r->n_cites = o + p->n_cites;
                }
            }
            i = j - 1;
            continue;
        }
        finish_text(p, raw.data ? raw.data : "", raw.len);
        if (u->type == U_PARA) {
            have_para = 1;
            make_record(p, PILCROW_KIND_PARAGRAPH, u->num, !u->supplied,
                        annex,
                        section, title);
        } else if (u->preamble || enacted) {
            snprintf(num, sizeof(num), "p%zu", ++n_pre);
            make_record(p, PILCROW_KIND_PARAGRAPH, num, 0, annex, section,
                        title);
        } else {
            /* Text before paragraph 1 that is no preamble: a letter's
             * opening, a report's lead-in ("[opening, para. 2]"). */
            snprintf(num, sizeof(num), "o%zu", ++n_open);
            make_record(p, PILCROW_KIND_PARAGRAPH, num, 0, annex, section,
                        title);
        }
        i = j - 1;
    }
    flush_cat(p, &cat, cat_rec);
    pc_buf_free(&cat);
    pc_buf_free(&raw);
}

/* Make the note records and link them with the records citing them. */
static void
make_notes(struct parser *p)
{
    pilcrow_doc *doc = p->doc;
    size_t i, j, k, n_rec = doc->n_records;
    struct pilcrow_record *r;

    for (i = 0; i < p->n_notes && p->st == PILCROW_OK; i++) {
        struct note *nt = &p->notes[i];
        const char **by = NULL;
        size_t n_by = 0, cap = 0;

        /* A number defined twice keeps its first note. */
        for (j = 0; j < i; j++)
            if (strcmp(p->notes[j].num, nt->num) == 0)
                break;
        if (j < i || nt->text.len == 0)
            continue;
        finish_text(p, nt->text.data, nt->text.len);
        if ((r = make_record(p, PILCROW_KIND_NOTE, nt->num, 1, NULL, "",
                           "")) ==
            NULL)
            break;
        r->section_title = "Notes";
        for (j = 0; j < n_rec && p->st == PILCROW_OK; j++) {
            const struct pilcrow_record *q = &doc->records[j];

            for (k = 0; k < q->n_cites; k++)
                if (strcmp(q->cites[k], nt->num) == 0)
                    break;
            if (k == q->n_cites)
                continue;
            if (n_by == cap) {
                const char **t;

                cap = cap ? cap * 2 : 4;
                t = pc_arena_alloc(&p->st, &doc->arena, cap * sizeof(*t));
                if (t == NULL)
                    break;
                if (n_by)
                    memcpy(t, by, n_by * sizeof(*t));
                by = t;
            }
            if (q->kind == PILCROW_KIND_SUMMARY || q->annex != NULL ||
                (!q->printed && q->number[0] != 'p')) {
                struct pc_buf a = PC_BUF_INIT;

                if (q->kind == PILCROW_KIND_SUMMARY && q->annex == NULL)
                    pc_buf_printf(&p->st, &a, "summary %s", q->number);
                else
                    pc_anchor_format(&p->st, &a, q->kind, q->annex,
                                     q->number, q->printed);
                by[n_by++] = pc_arena_strndup(&p->st, &doc->arena,
                                              a.data ? a.data : "", a.len);
                pc_buf_free(&a);
            } else {
                by[n_by++] = q->number;
            }
            /* doc->records may move only in pc_doc_add_record. */
            r = &doc->records[doc->n_records - 1];
        }
        r = &doc->records[doc->n_records - 1];
        r->cited_by = by;
        r->n_cited_by = n_by;
    }
}

pilcrow_status
pc_parse(pilcrow_doc *doc, const char *text, size_t len,
         pilcrow_warn_fn *warn, void *payload)
{
    struct parser p;
    size_t i, start;

    (void)warn;
    (void)payload;
    if (doc == NULL || (text == NULL && len > 0))
        return PILCROW_INVALID;
    memset(&p, 0, sizeof(p));
    p.doc = doc;
    p.text = text ? text : "";
    p.len = len;
    p.st = PILCROW_OK;
    pc_split_lines(&p);
    if (p.st == PILCROW_OK) {
        start = pc_yaml_front_matter(&p);
        pc_scan_front_matter(&p, start);
        if (doc->symbol == NULL && p.symbol[0] == '\0')
            pc_first_page_symbol(&p, start);
        if (doc->symbol == NULL && p.symbol[0])
            pc_set_meta(&p, &doc->symbol, p.symbol, strlen(p.symbol));
        pc_meta_from_symbol(&p.st, doc);
        pc_scan_un_meta(&p, start);
        if (p.pdf) {
            /* The running heads include the symbol's parts. */
            if (p.symbol[0]) {
                char *dash = strchr(p.symbol, '-');

                while (dash && !(dash[1] >= 'A' && dash[1] <= 'Z' &&
                                 strchr(dash, '/')))
                    dash = strchr(dash + 1, '-');
                if (p.n_runhead < 4)
                    memcpy(p.runhead[p.n_runhead++], p.symbol, 96);
                if (dash && p.n_runhead < 3) {
                    memcpy(p.runhead[p.n_runhead], dash + 1,
                           strlen(dash + 1) + 1);
                    p.n_runhead++;
                    memcpy(p.runhead[p.n_runhead], p.symbol,
                           (size_t)(dash - p.symbol));
                    p.runhead[p.n_runhead][dash - p.symbol] = '\0';
                    p.n_runhead++;
                }
            }
            pc_scan_pdf(&p);
        }
        if (p.md)
            pc_scan_md_markers(&p);
    }
    if (p.st == PILCROW_OK)
        pc_cut_units(&p);
    if (p.st == PILCROW_OK)
        make_records(&p);
    if (p.st == PILCROW_OK)
        make_notes(&p);
    for (i = 0; i < p.n_notes; i++)
        pc_buf_free(&p.notes[i].text);
    pc_free(p.notes);
    pc_free(p.lines);
    pc_free(p.edits);
    pc_free(p.units);
    pc_free(p.cites);
    pc_free(p.carry);
    pc_buf_free(&p.pool);
    pc_buf_free(&p.scratch);
    if (p.st < 0)
        return p.st;
    return pc_doc_finish(doc);
}

/* ================================================================== */
/* Public entry points: the reader (reader.c), then the passes          */
/* ================================================================== */

/* Set DOC's id to the file name of PATH without directory and without
 * its extensions (".gz", then ".txt" or ".md"). */
static void
doc_default_id(pilcrow_status *st, pilcrow_doc *doc, const char *path)
{
    const char *base = strrchr(path, '/');
    size_t n;

    base = base ? base + 1 : path;
    n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".gz") == 0)
        n -= 3;
    if (n > 4 && strncmp(base + n - 4, ".txt", 4) == 0)
        n -= 4;
    else if (n > 3 && strncmp(base + n - 3, ".md", 3) == 0)
        n -= 3;
    doc->id = pc_arena_strndup(st, &doc->arena, base, n);
}

/* Parse the clean TEXT into a new document for OPTS; PATH (may be NULL)
 * names the file for the default id and file. */
static pilcrow_status
doc_parse_text(pilcrow_doc **out, const char *text, size_t len,
               const char *path, const pilcrow_parse_options *opts,
               char **errmsg)
{
    pilcrow_doc *doc = NULL;
    pilcrow_status st;
    const char *name = path ? path : "buffer";

    if ((st = pc_doc_new(&doc, opts)) < 0)
        return pc_errmsg(errmsg, st, "%s: out of memory", name);
    if (doc->id == NULL && path != NULL)
        doc_default_id(&st, doc, path);
    if (doc->file == NULL && path != NULL)
        doc->file = pc_arena_strdup(&st, &doc->arena, path);
    if (st == PILCROW_OK)
        st = pc_parse(doc, text, len, opts ? opts->warn : NULL,
                      opts ? opts->warn_payload : NULL);
    if (st < 0) {
        pilcrow_doc_free(doc);
        return pc_errmsg(errmsg, st, "%s: %s", name,
                         st == PILCROW_NOMEM ? "out of memory"
                                             : pilcrow_status_str(st));
    }
    *out = doc;
    return PILCROW_OK;
}

/* The checks both entry points make: OUT set to NULL, ERRMSG cleared,
 * BAD (an argument missing) and OPTS's version refused. */
static pilcrow_status
check_args(pilcrow_doc **out, int bad, const pilcrow_parse_options *opts,
           char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (out)
        *out = NULL;
    if (out == NULL || bad ||
        (opts != NULL && opts->version != PILCROW_PARSE_OPTIONS_VERSION))
        return pc_errmsg(errmsg, PILCROW_INVALID, "invalid argument");
    return PILCROW_OK;
}

/* After the reader: parse its TEXT, which it frees, unless ST says the
 * reading failed. */
static pilcrow_status
parse_read(pilcrow_status st, char *text, size_t len, const char *path,
           const pilcrow_parse_options *opts, pilcrow_doc **out,
           char **errmsg)
{
    if (st >= 0)
        st = doc_parse_text(out, text, len, path, opts, errmsg);
    pc_free(text);
    return st;
}

pilcrow_status
pilcrow_doc_parse_file(pilcrow_doc **out, const char *path,
                       const pilcrow_parse_options *opts, char **errmsg)
{
    char *text = NULL;
    size_t len = 0;
    pilcrow_status st;

    if ((st = check_args(out, path == NULL, opts, errmsg)) < 0)
        return st;
    st = pc_read_file(&text, &len, path, opts ? opts->warn : NULL,
                      opts ? opts->warn_payload : NULL, errmsg);
    return parse_read(st, text, len, path, opts, out, errmsg);
}

pilcrow_status
pilcrow_doc_parse_buffer(pilcrow_doc **out, const char *buf, size_t buf_len,
                         const pilcrow_parse_options *opts, char **errmsg)
{
    char *text = NULL;
    size_t len = 0;
    pilcrow_status st;
    const char *name;

    if ((st = check_args(out, buf == NULL && buf_len > 0, opts,
                         errmsg)) < 0)
        return st;
    name = opts && opts->file ? opts->file : "buffer";
    st = pc_clean_text(&text, &len, buf ? buf : "", buf_len, name,
                       opts ? opts->warn : NULL,
                       opts ? opts->warn_payload : NULL, errmsg);
    return parse_read(st, text, len, NULL, opts, out, errmsg);
}
