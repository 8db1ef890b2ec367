/*
 * parse-units.c - the parser's fourth pass: body lines into units (a
 * numbered paragraph, an unnumbered block, a heading, an annex
 * heading, a notes heading), hard-wrapped lines re-flowed into one
 * pool of text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-int.h"

/* ================================================================== */
/* Pass 4: units                                                       */
/* ================================================================== */

struct cutter {
    struct unit *cur;           /* open unit taking text, or NULL */
    size_t cur_i;               /* its index */
    struct note *note;          /* open note taking text, or NULL */
    size_t edit;                /* next edit to apply */
    int blank;                  /* a blank line since the last text */
    int prev_end;               /* the last text line ended a sentence */
    int prev_comma;             /* ... ended with ',' or ';' */
    size_t prev_len;            /* its length */
    int need_text;              /* "N." alone: the text follows */
    int notes_mode;             /* inside a Notes section */
    int last_num;               /* last paragraph number of the region */
    size_t pend[8];             /* numbered units still waiting for text */
    int n_pend;                 /* entries in pend */
    int roman;                  /* current roman section value */
    char letter;                /* current letter section */
    int blocks;                 /* after a "Preamble" heading: each
                                 * blank-line separated block is a unit */
    int preamble;               /* after an enacting formula, before
                                 * paragraph 1: each preambular paragraph
                                 * is a unit of its own */
    int outer_num;              /* in a draft quoted in the body: the
                                 * body's last paragraph number, else 0 */
    int list_next;              /* in a list (an agenda) inside a
                                 * paragraph: its next item, else 0 */
    int list_agenda;            /* ... and the list is an agenda */
    int draft_annex;            /* in a quoted draft's annex */
    int part_fresh;             /* a quoted text's heading was the last
                                 * unit ("Resolution 68/1", its title) */
    int sub_next;               /* the next decimal sub-paragraph of
                                 * paragraph last_num ("3.1", "3.2") */
    int in_article;             /* after an article heading */
    int comm_next;              /* in an article's commentary: its next
                                 * paragraph, "(2)"; else 0 */
    char part[16];              /* the quoted text's part ("rII"), else "" */
    char part_sec;              /* ... and its lettered section, else 0 */
    int quoted_first_seen;      /* the body's first "1." was read */
    size_t part_end;            /* the line of the body's "1." after a
                                 * text quoted before it, else 0 */
    int chap_own;               /* chapters number their paragraphs
                                 * apart: 1 yes, 0 no, -1 not yet read */
    int entries;                /* paragraphs in a row, to last_num, that
                                 * open with a title (titled_entry) */
    int inner_run;              /* after one: a numbering of its own from
                                 * 1, its last number; else 0 */
    char held[8];               /* a section label met between a number
                                 * and its text ("4.", "C.", text, then
                                 * "Adoption of the agenda"), else "" */
    int held_roman;             /* ... and it is a roman one */
    int sec_fresh;              /* a heading since paragraph last_num */
    int sec_run;                /* ... and under it a numbering of its
                                 * own ("1.", "2." ...): its last number,
                                 * else 0 */
};

static struct unit *
add_unit(struct parser *p, struct cutter *c, int type, const char *num)
{
    struct unit *u;

    if (pc_grow(&p->st, &p->units, &p->cap_units, p->n_units, sizeof(*u),
                128) < 0)
        return NULL;
    u = &p->units[p->n_units];
    c->cur_i = p->n_units++;
    u->type = (uint8_t)type;
    snprintf(u->num, sizeof(u->num), "%s", num ? num : "");
    u->off = p->pool.len;
    u->len = 0;
    u->page = 0;
    u->preamble = (c->preamble || c->blocks) && c->last_num == 0 &&
                  type == U_TEXT;
    u->supplied = 0;
    c->cur = u;
    c->note = NULL;
    return u;
}

/* Append bytes [A, B) of line I to the pool, applying marker edits. */
static void
pool_line(struct parser *p, struct cutter *c, size_t i, size_t a, size_t b)
{
    const struct line *l = &p->lines[i];
    struct pc_buf *pool = &p->pool;

    while (c->edit < p->n_edits && p->edits[c->edit].line < i)
        c->edit++;
    while (c->edit < p->n_edits && p->edits[c->edit].line == i) {
        const struct edit *e = &p->edits[c->edit++];

        if (e->off < a || e->off + e->len > b)
            continue;
        pc_buf_append(&p->st, pool, l->s + a, e->off - a);
        pc_put_superscript(&p->st, pool, e->num, strlen(e->num));
        a = e->off + e->len;
    }
    pc_buf_append(&p->st, pool, l->s + a, b - a);
}

/* Append line I from byte A to the open unit, joining with a space (no
 * space after a hyphen that broke a word). */
static void
unit_text(struct parser *p, struct cutter *c, size_t i, size_t a)
{
    const struct line *l = &p->lines[i];
    struct unit *u;

    if (c->cur == NULL || a >= l->len)
        return;
    u = &p->units[c->cur_i];
    if (u->len == 0)
        u->page = l->page;
    if (u->len > 0) {
        const char *last = p->pool.data + p->pool.len - 1;

        if (!(p->pdf && *last == '-' && u->len >= 2 &&
              isalpha((unsigned char)last[-1]) &&
              islower((unsigned char)l->s[a])))
            pc_buf_putc(&p->st, &p->pool, ' ');
    }
    pool_line(p, c, i, a, l->len);
    u->len = p->pool.len - u->off;
    c->prev_end = pc_ends_sentence(l->s, l->len);
    c->prev_comma = pc_ends_clause(l->s, l->len);
    c->prev_len = l->len;
    c->blank = 0;
    c->need_text = 0;
}

/* Is the text S (N bytes) of a unit a resolution's front matter: its
 * adoption line, "[on the report of ...]", its number and title
 * ("80/51. Ethical imperatives ..."), "Draft resolution"? */
static int
front_matter_text(const char *s, size_t n)
{
    size_t i = 0;

    if (n == 0 || n > 400)
        return 0;
    if (s[0] == '[' ||
        (n >= 19 && memcmp(s, "Resolution adopted ", 19) == 0) ||
        (n >= 11 && memcmp(s, "Adopted by ", 11) == 0) ||
        (n >= 16 && memcmp(s, "Draft resolution", 16) == 0) ||
        (n >= 11 && memcmp(s, "Resolution ", 11) == 0 &&
         is_digit((unsigned char)s[11])))
        return 1;
    /* "80/51. Title", "2025/12. Title" */
    while (i < n && is_digit((unsigned char)s[i]))
        i++;
    if (i == 0 || i >= n || s[i] != '/')
        return 0;
    for (i++; i < n && (is_digit((unsigned char)s[i]) || s[i] == ' ' ||
                        isupper((unsigned char)s[i])); i++)
        ;
    return i + 1 < n && s[i] == '.' && s[i + 1] == ' ';
}

/* Before an enacting formula: drop the units of the resolution's front
 * matter just before it, from the first of the last three short blocks
 * that is front matter ("Resolution 2025/1", then its title). */
static void
drop_front_units(struct parser *p)
{
    size_t k, from = p->n_units;

    for (k = p->n_units; k > 0 && k + 3 > p->n_units; k--) {
        const struct unit *u = &p->units[k - 1];

        if (u->type != U_TEXT || u->len > 400)
            break;
        if (front_matter_text(p->pool.data + u->off, u->len))
            from = k - 1;
    }
    /* A lone title between a heading ("Annex", "Resolution 2025/1" as
     * its title) and the formula. */
    if (from == p->n_units && from >= 2 &&
        p->units[from - 1].type == U_TEXT &&
        p->units[from - 2].type != U_TEXT &&
        p->units[from - 1].len <= 300 &&
        !pc_ends_sentence(p->pool.data + p->units[from - 1].off,
                          p->units[from - 1].len))
        from--;
    p->n_units = from;
}

/* A chapter heading at L: "Chapter XIII" or "CHAPTER II", alone or
 * followed by its title ("Chapter II. Fourth International Decade").
 * Writes the roman numeral into NUM (16 bytes) and the offset of the
 * title into *REST (the line's length when it is on the next line). */
static int
chapter_line(const struct line *l, char *num, size_t *rest)
{
    size_t i = 8, k = 0;

    if (!pc_line_starts(l, "Chapter ") && !pc_line_starts(l, "CHAPTER "))
        return 0;
    while (i + k < l->len && k < 8 && strchr("IVXLC", l->s[i + k]) != NULL)
        k++;
    if (k == 0 || pc_roman_value(l->s + i, k) == 0)
        return 0;
    memcpy(num, l->s + i, k);
    num[k] = '\0';
    i += k;
    if (i < l->len && (l->s[i] == '.' || l->s[i] == ':'))
        i++;
    if (i < l->len && l->s[i] != ' ')
        return 0;
    while (i < l->len && l->s[i] == ' ')
        i++;
    /* "Chapter II of the report" is text, not a heading. */
    if (i < l->len && !isupper((unsigned char)l->s[i]))
        return 0;
    *rest = i;
    return 1;
}

/* Does the text from line I on number its paragraphs chapter by
 * chapter (E/2025/24: Chapter I's 1 to 3, Chapter II's 1 to 25, Chapter
 * III's 1 to 3 ...)?  Yes when two chapters start again at 1 (then 2)
 * after a chapter that printed numbers past 1; not when a chapter with
 * no numbers comes between (A/80/38: three reports, each numbered on
 * from its Chapter II), nor for one chapter of quoted decisions
 * (E/2025/37, Chapter IV) or a stray "1." (A/80/36). */
static int
chapters_apart(const struct parser *p, size_t i)
{
    char num[16];
    size_t rest;
    int first = 0, last = 0, prev_last = 0, restarts = 0, chapters = 0;

    for (; i < p->n_lines; i++) {
        const struct line *l = &p->lines[i];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        if (l->s[0] == 'C' && chapter_line(l, num, &rest)) {
            prev_last = chapters++ ? last : 0;
            first = last = 0;
        } else if (chapters && is_digit((unsigned char)l->s[0]) &&
                   pc_para_start(l, num, &rest) &&
                   (rest >= l->len || isupper((unsigned char)l->s[rest]))) {
            int n = atoi(num);

            if (first == 0) {
                first = last = n;
            } else if (n == last + 1) {
                last = n;
                if (n == 2 && first == 1 && prev_last > 1 && ++restarts == 2)
                    return 1;
            }
        }
    }
    return 0;
}

/* Article headings in the six UN languages, each followed by a space
 * and the number: "Article", "Artículo", "Статья", "المادة". */
static const char *const article_words[] = {
    "Article ", "ARTICLE ", "Artículo ", "Статья ", "المادة "
};

/* Chinese numerals: the UTF-8 of each, with its value (10 and 100 are
 * multipliers of the digit before them). */
static const struct {
    const char *s;
    int v;
} han_numerals[] = {
    { "\xe3\x80\x87", 0 }, { "\xe9\x9b\xb6", 0 }, { "\xe4\xb8\x80", 1 },
    { "\xe4\xba\x8c", 2 }, { "\xe4\xb8\x89", 3 }, { "\xe5\x9b\x9b", 4 },
    { "\xe4\xba\x94", 5 }, { "\xe5\x85\xad", 6 }, { "\xe4\xb8\x83", 7 },
    { "\xe5\x85\xab", 8 }, { "\xe4\xb9\x9d", 9 }, { "\xe5\x8d\x81", 10 },
    { "\xe7\x99\xbe", 100 }
};

/* The value of the Chinese numeral at S (N bytes, "二十六" = 26), with
 * its length in *K; 0 when there is none or it is past 999. */
static int
han_number(const char *s, size_t n, size_t *k)
{
    size_t i = 0, j;
    int total = 0, digit = 0, any = 0;

    while (i + 3 <= n) {
        for (j = 0; j < sizeof(han_numerals) / sizeof(han_numerals[0]); j++)
            if (memcmp(s + i, han_numerals[j].s, 3) == 0)
                break;
        if (j == sizeof(han_numerals) / sizeof(han_numerals[0]))
            break;
        any = 1;
        if (han_numerals[j].v >= 10) {
            total += (digit ? digit : 1) * han_numerals[j].v;
            digit = 0;
        } else {
            digit = han_numerals[j].v;
        }
        i += 3;
    }
    total += digit;
    *k = i;
    return any && total < 1000 ? total : 0;
}

/* An article heading alone on line L: "Article 26", "Article premier"
 * (French for the first), "Artículo 26", "Статья 26", "المادة 26" (the
 * digits ASCII or Arabic-Indic), "第二十六条".  Writes the number in
 * ASCII digits into NUM (16 bytes); returns 1 or 0. */
static int
article_line(const struct line *l, char *num)
{
    size_t i, k, d = 0, w;
    int v;

    /* Most lines start with none of the headings' first bytes. */
    if (l->s[0] != 'A' && l->s[0] != '\xd0' && l->s[0] != '\xd8' &&
        l->s[0] != '\xe7')
        return 0;
    if (l->len > 3 && memcmp(l->s, "\xe7\xac\xac", 3) == 0) {   /* 第 */
        v = han_number(l->s + 3, l->len - 3, &k);
        if (v == 0 || l->len != 3 + k + 3 ||
            (memcmp(l->s + 3 + k, "\xe6\x9d\xa1", 3) != 0 &&    /* 条 */
             memcmp(l->s + 3 + k, "\xe6\xa2\x9d", 3) != 0))     /* 條 */
            return 0;
        snprintf(num, 16, "%d", v);
        return 1;
    }
    for (w = 0; w < sizeof(article_words) / sizeof(article_words[0]); w++)
        if (pc_line_starts(l, article_words[w]))
            break;
    if (w == sizeof(article_words) / sizeof(article_words[0]))
        return 0;
    i = strlen(article_words[w]);
    if (w == 0 && l->len == i + 7 && memcmp(l->s + i, "premier", 7) == 0) {
        snprintf(num, 16, "1");
        return 1;
    }
    while (i < l->len && d < 4 &&
           (v = pc_digit_value(l->s + i, l->len - i, &k)) >= 0) {
        num[d++] = (char)('0' + v);
        i += k;
    }
    if (d == 0 || d > 3 || num[0] == '0')
        return 0;
    num[d] = '\0';
    if (i < l->len && l->s[i] == '.')
        i++;
    return i == l->len;
}

/* A preamble heading alone on line L, in the six UN languages:
 * "Preamble", "Préambule", "Preámbulo", "Преамбула" (or in capitals,
 * "ПРЕАМБУЛА"), "الديباجة", "序言". */
static int
preamble_line(const struct line *l)
{
    static const char *const words[] = {
        "Preamble", "PREAMBLE", "Préambule", "Preámbulo", "Преамбула",
        "ПРЕАМБУЛА", "الديباجة", "序言"
    };
    size_t w;

    if (l->len > 18)            /* longer than any of them */
        return 0;
    for (w = 0; w < sizeof(words) / sizeof(words[0]); w++)
        if (pc_line_is(l, words[w]))
            return 1;
    return 0;
}

/* Is line L a short line in capitals, a heading ("ARMENIA", "CÔTE
 * D'IVOIRE", "INTRODUCTION"): 3 to 60 bytes, three capitals or more,
 * no small letter or digit? */
static int
caps_line(const struct line *l)
{
    size_t i, caps = 0;

    if (l->len < 3 || l->len > 60)
        return 0;
    for (i = 0; i < l->len; i++) {
        unsigned char ch = (unsigned char)l->s[i];

        if (islower(ch) || is_digit(ch))
            return 0;
        caps += isupper(ch) != 0;
    }
    return caps >= 3;
}

/* Is line I a person's name and country alone over a field of a
 * biography ("Jeneba Jackline Bangura (Sierra Leone)", then "Present
 * position")?  Two words or more in capitals (or "de", "van", "al-"
 * ...), the country in brackets closing the line, no digit or
 * punctuation (no "Ms."), and a short label in capitals next. */
static int
name_line(const struct parser *p, size_t i)
{
    const struct line *l = &p->lines[i], *n;
    const char *open;
    size_t k, words = 0, lower = 0;

    if (l->len < 8 || l->len > 70 || l->s[l->len - 1] != ')' ||
        (open = memchr(l->s, '(', l->len)) == NULL || open == l->s ||
        open[-1] != ' ' || !isupper((unsigned char)open[1]))
        return 0;
    for (k = 0; k < l->len; k++) {
        unsigned char ch = (unsigned char)l->s[k];

        if (is_digit(ch) || ch == '.' || ch == ',' || ch == ':' || ch == ';')
            return 0;
        if (l->s + k > open) {
            lower += islower(ch) != 0;
            continue;
        }
        if ((k == 0 || l->s[k - 1] == ' ') && ch != '(') {
            if (!isupper(ch) && ch < 0x80 &&
                !(ch == 'd' || ch == 'v' || ch == 'a' || ch == 'b'))
                return 0;       /* "de", "van", "al-", "bin" */
            words++;
        }
    }
    if (words < 2 || lower == 0 ||      /* "(EMOPS)": an acronym */
        (k = pc_next_content(p, i + 1)) >= p->n_lines)
        return 0;
    n = &p->lines[k];
    return n->len <= 40 && isupper((unsigned char)n->s[0]) &&
           memchr(n->s, '(', n->len) == NULL &&
           !pc_ends_sentence(n->s, n->len);
}

/* Open a numbered unit NUM at line I, whose text starts at byte REST
 * of it or, when the number stands alone, on the lines after. */
static void
numbered_unit(struct parser *p, struct cutter *c, const char *num, size_t i,
              size_t rest)
{
    add_unit(p, c, U_PARA, num);
    if (rest >= p->lines[i].len) {
        c->need_text = 1;
        c->prev_end = 0;
    } else {
        unit_text(p, c, i, rest);
    }
}

/* Close the open unit (and note). */
static void
close_unit(struct cutter *c)
{
    c->cur = NULL;
    c->note = NULL;
}

/* Is line I the end of a heading's title that pdftotext wrapped: short,
 * in capitals, ending no sentence, and followed by a section label
 * alone or a paragraph number alone? */
static int
wrapped_title(const struct parser *p, size_t i)
{
    const struct line *l = &p->lines[i];
    char num[16];
    size_t k, rest;

    if (l->len > 40 || !isupper((unsigned char)l->s[0]) ||
        pc_ends_sentence(l->s, l->len) || pc_ends_clause(l->s, l->len) ||
        pc_head_label(l, num, &rest) || pc_para_start(l, num, &rest) ||
        (k = pc_next_content(p, i + 1)) >= p->n_lines)
        return 0;
    l = &p->lines[k];
    return (pc_head_label(l, num, &rest) || pc_para_start(l, num, &rest)) &&
           rest >= l->len;
}

/* The heading title of a label line I whose title starts at REST (or on
 * the next lines when REST is at the end).  Returns the last line used. */
static size_t
heading(struct parser *p, struct cutter *c, int type, const char *label,
        size_t i, size_t rest)
{
    const struct line *l = &p->lines[i];
    size_t j, n = 0;

    c->list_next = 0;
    c->part_fresh = 0;
    c->in_article = 0;
    c->comm_next = 0;
    c->held[0] = '\0';
    c->sec_fresh = c->last_num > 0;
    c->sec_run = 0;
    if (type == U_ANNEX || type == U_DRAFT || type == U_CHAPTER)
        c->entries = c->inner_run = 0;
    add_unit(p, c, type, label);
    if (rest < l->len) {
        unit_text(p, c, i, rest);
        j = i;
    } else {
        char num[16];
        size_t r;

        /* The title on the next line; but a paragraph number there
         * ("I." then "1." alone: pdftotext put the title before the
         * label), or a chapter's first section label ("Chapter I" then
         * "A." alone), leaves the heading untitled. */
        j = pc_next_content(p, i + 1);
        if (j >= p->n_lines || (p->lines[j].fl & L_FOOT) ||
            pc_para_start(&p->lines[j], num, &r) ||
            (type == U_CHAPTER && pc_head_label(&p->lines[j], num, &r) &&
             r >= p->lines[j].len)) {
            close_unit(c);
            c->prev_end = 1;
            c->blank = 1;
            return i;
        }
        unit_text(p, c, j, 0);
    }
    /* pdftotext wraps long headings: before lower case, after a dash
     * ("Unlocking Africa's trade potential –"), or before a short line
     * in capitals that a section label or a paragraph number follows
     * ("... of the United Nations", "High Commissioner", "A."). */
    while (p->pdf && n < 2 && j + 1 < p->n_lines &&
           !(p->lines[j + 1].fl & (L_BLANK | L_DROP | L_FOOT | L_PAGE)) &&
           !c->prev_end && p->lines[j].len + 10 < p->width + 20 &&
           (islower((unsigned char)p->lines[j + 1].s[0]) ||
            pc_line_ends(&p->lines[j], " \xe2\x80\x93") ||   /* " –" */
            wrapped_title(p, j + 1))) {
        j++;
        n++;
        unit_text(p, c, j, 0);
    }
    close_unit(c);
    c->prev_end = 1;
    c->blank = 1;
    return j;
}

/* An annex heading: "Annex", "Annex II", "ANNEX I*", "Annex to the
 * letter dated ...".  Writes the label ("II" or "") into LABEL. */
static int
annex_line(const struct line *l, char *label)
{
    size_t i = 5, a;

    if (!(pc_line_starts(l, "Annex") || pc_line_starts(l, "ANNEX")))
        return 0;
    label[0] = '\0';
    if (l->len == 5)
        return 1;
    if (l->s[5] == '*' && l->len <= 7)
        return 1;
    if (l->s[5] != ' ')
        return 0;
    while (i < l->len && l->s[i] == ' ')
        i++;
    if (l->len - i >= 3 && memcmp(l->s + i, "to ", 3) == 0 && l->len < 120)
        return 1;
    a = i;
    while (i < l->len && (isupper((unsigned char)l->s[i]) ||
                          is_digit((unsigned char)l->s[i])))
        i++;
    if (i == a || i - a > 6)
        return 0;
    while (i < l->len && l->s[i] == '*')
        i++;
    if (i != l->len)
        return 0;
    memcpy(label, l->s + a, i - a);
    label[i - a] = '\0';
    while (i - a > 0 && label[i - a - 1] == '*')
        label[--i - a] = '\0';
    return 1;
}

/* Does line L hold WORDS (a lower-case phrase) anywhere? */
static int
line_has(const struct line *l, const char *words)
{
    size_t n = strlen(words), j;

    for (j = 0; j + n <= l->len; j++)
        if (memcmp(l->s + j, words, n) == 0)
            return 1;
    return 0;
}

/* Is line I within two lines of a page break? */
static int
near_page(const struct parser *p, size_t i)
{
    size_t j = i > 2 ? i - 2 : 0;

    for (; j <= i + 3 && j < p->n_lines; j++)
        if (p->lines[j].fl & L_PAGE)
            return 1;
    return 0;
}

/* The part quoted from line I, an enacting formula, into LABEL (16
 * bytes): its kind, then the label a line among the few before gives
 * it: "Draft resolution II" or "DRAFT DECISION A" ("rII", "dA": a
 * draft resolution or decision), "Resolution 68/1" or "Decision 2025/3"
 * ("R68/1", "D2025/3": one adopted), a number alone, "2025/6" ("N2025/6",
 * of a kind the line does not say).  With no such line, the words
 * before it say a "draft decision" ("d") or "draft resolution" ("r");
 * else the part is a quoted text ("T"). */
static void
draft_label(const struct parser *p, size_t i, char *label)
{
    static const struct {
        const char *head;
        char kind;
    } heads[] = {
        { "Draft resolution", 'r' }, { "DRAFT RESOLUTION", 'r' },
        { "Draft decision", 'd' }, { "DRAFT DECISION", 'd' },
        { "Resolution", 'R' }, { "Decision", 'D' }, { "", 'N' },
    };
    size_t k, seen = 0, a, h, e;

    strcpy(label, "T");
    for (k = i; k > p->body && seen < 6; k--) {
        const struct line *l = &p->lines[k - 1];
        const char *slash;

        if (l->fl & (L_BLANK | L_FOOT))
            continue;
        /* A number alone, "2025/6" or "56/101", was dropped as a folio
         * ("19/22"), which is next to a page break and whose first
         * number is never the greater. */
        if (l->fl & L_DROP) {
            if (l->len < 4 || l->len > 12 || !is_digit((unsigned char)l->s[0]) ||
                (slash = memchr(l->s, '/', l->len)) == NULL ||
                (atoi(l->s) <= atoi(slash + 1) && near_page(p, k - 1)))
                continue;
        }
        seen++;
        /* "the following draft resolution:", or "draft" ending the
         * line before "resolution:". */
        if (label[0] == 'T' && (line_has(l, "draft decision") ||
                                line_has(l, "Draft decision") ||
                                (pc_line_ends(l, " draft") &&
                                 pc_line_starts(&p->lines[k], "decision"))))
            label[0] = 'd';
        else if (label[0] == 'T' &&
                 (line_has(l, "draft resolution") ||
                  line_has(l, "Draft resolution") ||
                  (pc_line_ends(l, " draft") &&
                   pc_line_starts(&p->lines[k], "resolution"))))
            label[0] = 'r';
        for (h = 0; h < sizeof(heads) / sizeof(heads[0]); h++)
            if (pc_line_starts(l, heads[h].head))
                break;
        a = strlen(heads[h].head);
        if (a > 0 && a < l->len && l->s[a++] != ' ')
            continue;
        /* The label: a roman numeral or letter for a draft, a number
         * ("68/1") for one adopted, which cannot go without. */
        for (e = a; e < l->len && (isupper((unsigned char)l->s[e]) ||
                                   is_digit((unsigned char)l->s[e]) ||
                                   l->s[e] == '/'); e++)
            ;
        if (e < l->len || e - a > 12)
            e = a;
        if (e == a && isupper((unsigned char)heads[h].kind))
            continue;
        if (heads[h].kind == 'N' && memchr(l->s + a, '/', e - a) == NULL)
            continue;
        label[0] = heads[h].kind;
        memcpy(label + 1, l->s + a, e - a);
        label[1 + e - a] = '\0';
        return;
    }
}

/* Does line L open sub-paragraph SUB of paragraph N, "3.1 Expanding"
 * or "1.2." alone?  Writes "3.1" into NUM (16 bytes) and where its text
 * starts into *REST. */
static int
sub_para_start(const struct line *l, int n, int sub, char *num, size_t *rest)
{
    size_t i = 0;
    long a = 0, b = 0;

    /* Asked of every line of a numbered body: no snprintf() before the
     * digits match. */
    while (i < l->len && i < 4 && is_digit((unsigned char)l->s[i]))
        a = a * 10 + (l->s[i++] - '0');
    if (i == 0 || a != n || i + 1 >= l->len || l->s[i] != '.' ||
        !is_digit((unsigned char)l->s[i + 1]))
        return 0;
    for (i++; i < l->len && i < 8 && is_digit((unsigned char)l->s[i]); i++)
        b = b * 10 + (l->s[i] - '0');
    if (b != sub)
        return 0;
    if (i < l->len && l->s[i] == '.')
        i++;
    if (i < l->len && !is_space((unsigned char)l->s[i]))
        return 0;
    while (i < l->len && is_space((unsigned char)l->s[i]))
        i++;
    if (i < l->len && islower((unsigned char)l->s[i]))
        return 0;                       /* "2.5 per cent" */
    snprintf(num, 16, "%d.%d", (int)(a % 10000), (int)(b % 1000));
    *rest = i;
    return 1;
}

/* Does line L open commentary paragraph N, "(2)" alone or before text
 * in capitals?  Writes "c2" into NUM (16 bytes) and where the text
 * starts into *REST. */
static int
commentary_start(const struct line *l, int n, char *num, size_t *rest)
{
    char want[16];
    size_t w = (size_t)snprintf(want, sizeof(want), "(%d)", n), i = w;

    if (l->len < w || memcmp(l->s, want, w) != 0)
        return 0;
    while (i < l->len && is_space((unsigned char)l->s[i]))
        i++;
    if (i < l->len && (i == w || !isupper((unsigned char)l->s[i])))
        return 0;
    snprintf(num, 16, "c%d", n);
    *rest = i;
    return 1;
}

/* Is line L the heading of a quoted text alone: "Resolution 68/1",
 * "Decision 2025/1", "Draft decision VII", "Draft resolution"?  Writes
 * its part ("R68/1", "D2025/1", "dVII", "r") into LABEL (16 bytes). */
static int
quoted_heading(const struct line *l, char *label)
{
    size_t a, e;
    int digit = 0;

    if (l->len < 10 || l->len > 40 ||
        (l->s[0] != 'D' && l->s[0] != 'R'))
        return 0;
    if (pc_line_is(l, "Draft resolution") || pc_line_is(l, "Draft decision")) {
        strcpy(label, l->s[6] == 'r' ? "r" : "d");
        return 1;
    }
    if (pc_line_starts(l, "Draft resolution ") ||
        pc_line_starts(l, "Draft decision ")) {
        /* "Draft decision VII": a roman numeral or a letter. */
        label[0] = l->s[6] == 'r' ? 'r' : 'd';
        a = label[0] == 'r' ? 17 : 15;
        for (e = a; e < l->len && isupper((unsigned char)l->s[e]); e++)
            ;
        if (e < l->len || e == a || e - a > 6)
            return 0;
        memcpy(label + 1, l->s + a, e - a);
        label[1 + e - a] = '\0';
        return 1;
    }
    if (pc_line_starts(l, "Resolution "))
        label[0] = 'R', a = 11;
    else if (pc_line_starts(l, "Decision "))
        label[0] = 'D', a = 9;
    else
        return 0;
    for (e = a; e < l->len && (is_digit((unsigned char)l->s[e]) ||
                               isupper((unsigned char)l->s[e]) ||
                               l->s[e] == '/'); e++)
        digit |= is_digit((unsigned char)l->s[e]);
    if (e < l->len || e == a || e - a > 12 || !digit ||
        memchr(l->s + a, '/', e - a) == NULL)
        return 0;
    memcpy(label + 1, l->s + a, e - a);
    label[1 + e - a] = '\0';
    return 1;
}

/* Is line I a decision's number alone, "2025/9" (a year from 1946,
 * then a number), over its title and, within four lines, the body that
 * took it ("The Executive Board"), as compendia of decisions print them
 * (E/ICEF/2025/26)?  Writes the part's label, "N2025/9", into LABEL
 * (16 bytes).  pdftotext lines of that shape are dropped as folios, so
 * the caller looks at dropped lines too. */
static int
decision_number(const struct parser *p, size_t i, char *label)
{
    const struct line *l = &p->lines[i];
    size_t j, k, n;
    int year;

    if (l->len < 6 || l->len > 8 || l->s[4] != '/')
        return 0;
    for (k = 0; k < l->len; k++)
        if (k != 4 && !is_digit((unsigned char)l->s[k]))
            return 0;
    year = atoi(l->s);
    for (j = i + 1; j < p->n_lines && (p->lines[j].fl & L_BLANK); j++)
        ;
    if (year < 1946 || year > 2100 || j >= p->n_lines ||
        (p->lines[j].fl & (L_DROP | L_PAGE | L_FOOT)) ||
        !isupper((unsigned char)p->lines[j].s[0]) ||
        pc_has_leader(&p->lines[j]))
        return 0;
    for (n = 0, k = j + 1; k < p->n_lines && n < 4; k++) {
        const struct line *m = &p->lines[k];

        if (m->fl & (L_BLANK | L_DROP))
            continue;
        n++;
        if (pc_has_leader(m))
            return 0;
        if (pc_line_starts(m, "The ") && m->len < 60 &&
            !pc_ends_sentence(m->s, m->len)) {
            label[0] = 'N';
            memcpy(label + 1, l->s, l->len);
            label[1 + l->len] = '\0';
            return 1;
        }
    }
    return 0;
}

/* Does one of the three lines of text before line I speak of an
 * agenda ("Approves the provisional agenda ... as set out below:",
 * "Provisional agenda")? */
static int
agenda_before(const struct parser *p, size_t i)
{
    size_t k, seen = 0, j;

    for (k = i; k > p->body && seen < 3; k--) {
        const struct line *l = &p->lines[k - 1];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        seen++;
        for (j = 0; j + 6 <= l->len; j++)
            if ((l->s[j] == 'a' || l->s[j] == 'A') &&
                memcmp(l->s + j + 1, "genda", 5) == 0)
                return 1;
    }
    return 0;
}

/* Does a text quoted with numbers of its own start at line I ("1."):
 * one of the three lines of text before it ends "reads as follows:" or
 * "read as follows:" and speaks of no agenda ("The report of the
 * Working Group read as follows:")? */
static int
quoted_report(const struct parser *p, size_t i)
{
    size_t k, seen = 0;

    for (k = i; k > p->body && seen < 3; k--) {
        const struct line *l = &p->lines[k - 1];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        seen++;
        if (pc_line_ends(l, "read as follows:") ||
            pc_line_ends(l, "reads as follows:"))
            return !line_has(l, "agenda") && !line_has(l, "Agenda");
    }
    return 0;
}

/* Is the item numbered at line I short, as a list's items are: its
 * text (on that line or the next) ends with ';' or '.' within three
 * lines ("Legal advocacy;", "Election of officers.")? */
static int
short_item(const struct parser *p, size_t i)
{
    size_t k, seen = 0;

    for (k = i; k < p->n_lines && seen < 4; k++) {
        const struct line *l = &p->lines[k];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        seen++;
        if (l->len > 0 && (l->s[l->len - 1] == ';' ||
                           (l->s[l->len - 1] == '.' &&
                            (k > i || !is_digit((unsigned char)l->s[0])))))
            return 1;
    }
    return 0;
}

/* Does the text line before line I end with a colon ("... the
 * following areas:")? */
static int
colon_before(const struct parser *p, size_t i)
{
    size_t k;

    for (k = i; k > p->body; k--) {
        const struct line *l = &p->lines[k - 1];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        return l->len > 0 && l->s[l->len - 1] == ':';
    }
    return 0;
}

/* Is the number N at line I an item of a list inside a paragraph, its
 * text and not a paragraph number?  The list opens with "1." after the
 * paragraph's words on an agenda, or after a colon with a short item
 * ("Legal advocacy;"), and goes on while its numbers do, even past the
 * paragraph's own next number (a draft decision's "3. General debate"
 * inside paragraph 2) -- but, for a list that is no agenda, only while
 * its items stay short. */
static int
agenda_item(const struct parser *p, struct cutter *c, size_t i, int n)
{
    if (c->list_next > 0) {
        if (n == c->list_next && (c->list_agenda || short_item(p, i))) {
            c->list_next++;
            return 1;
        }
        c->list_next = 0;
        return 0;
    }
    if (n == 1 && c->last_num > 0 && c->cur != NULL) {
        if (agenda_before(p, i)) {
            c->list_next = 2;
            c->list_agenda = 1;
            return 1;
        }
        if (colon_before(p, i) && short_item(p, i)) {
            c->list_next = 2;
            c->list_agenda = 0;
            return 1;
        }
    }
    return 0;
}

/* Does the paragraph that opens at line I end with a full stop, not
 * with the comma of a preambular paragraph: the first line from I that
 * ends a sentence or a clause, within 40 lines? */
static int
ends_with_period(const struct parser *p, size_t i)
{
    size_t j;

    for (j = i; j < p->n_lines && j < i + 40; j++) {
        const struct line *l = &p->lines[j];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        if (pc_ends_clause(l->s, l->len))
            return 0;
        if (pc_ends_sentence(l->s, l->len))
            return 1;
    }
    return 0;
}

/* The last line of a contents table without leaders after the
 * "Contents" line I (older documents: "CONTENTS", "Paragraphs", then
 * "INTRODUCTION" ...): the line before its first entry is met again, on
 * a later page; I when it is not. */
static size_t
contents_by_entry(struct parser *p, size_t i)
{
    size_t j = pc_next_content(p, i + 1), k, page = 0;
    const struct line *first;

    while (j < p->n_lines && (pc_line_is(&p->lines[j], "Paragraphs") ||
                              pc_line_is(&p->lines[j], "Page") ||
                              pc_line_is(&p->lines[j], "Paragraphs Page")))
        j = pc_next_content(p, j + 1);
    if (j >= p->n_lines || p->lines[j].len < 4)
        return i;
    first = &p->lines[j];
    for (k = j + 1; k < p->n_lines && k < j + 800; k++) {
        const struct line *l = &p->lines[k];

        page |= (l->fl & L_PAGE) != 0;
        if (page && l->len == first->len &&
            memcmp(l->s, first->s, l->len) == 0)
            return k - 1;
    }
    return i;
}

/* The last contents line after the "Contents" line I: the last line
 * with dotted leaders (pdftotext) and the labels and page numbers that
 * trail it on its page, or the end of the next block (clean text). */
static size_t
contents_end(struct parser *p, size_t i)
{
    size_t j, last = (size_t)-1, since = 0;

    if (!p->pdf) {
        j = pc_next_content(p, i + 1);
        while (j < p->n_lines && !(p->lines[j].fl & L_BLANK))
            j++;
        return j;
    }
    for (j = i + 1; j < p->n_lines && since < 60; j++) {
        const struct line *l = &p->lines[j];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        if (pc_has_leader(l)) {
            last = j;
            since = 0;
        } else
            since++;
    }
    if (last == (size_t)-1)
        return contents_by_entry(p, i);
    /* A list of annexes (or appendices, tables, figures) after the last
     * leader, up to the end of its page (DP/FPA/2025/6: "Annexes", then
     * "1." to "8." and their titles, "Appendices"), is the contents'
     * too: its numbers are no paragraphs. */
    j = pc_next_content(p, last + 1);
    if (j < p->n_lines && !(p->lines[j].fl & L_PAGE) &&
        (pc_line_is(&p->lines[j], "Annexes") ||
         pc_line_is(&p->lines[j], "Annex") ||
         pc_line_is(&p->lines[j], "Appendices") ||
         pc_line_is(&p->lines[j], "Tables") ||
         pc_line_is(&p->lines[j], "Figures"))) {
        for (; j < p->n_lines && j < last + 80; j++)
            if (p->lines[j].fl & L_PAGE)
                return j - 1;
    }
    /* Page numbers and stray labels after the last leader, on its page:
     * skip them if nothing longer follows on that page. */
    for (j = last + 1; j < p->n_lines; j++) {
        const struct line *l = &p->lines[j];

        if (l->fl & L_PAGE)
            return j - 1;
        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        if (l->len > 8)
            break;
    }
    /* Something longer follows: skip only page numbers. */
    for (j = last + 1; j < p->n_lines; j++) {
        const struct line *l = &p->lines[j];
        size_t d = 0;

        if (l->fl & (L_BLANK | L_DROP))
            continue;
        while (d < l->len && is_digit((unsigned char)l->s[d]))
            d++;
        if (d != l->len)
            break;
    }
    return j - 1;
}

/* Does line I head a table of contents: "Contents", or with no such
 * heading its column headings over dotted leaders ("Decision", "Page",
 * then "2025/8", "Annual report ..... 2": E/ICEF/2025/26)? */
static int
contents_heading(const struct parser *p, size_t i)
{
    const struct line *l = &p->lines[i];
    size_t j, k;

    if (pc_line_is(l, "Contents") || pc_line_is(l, "CONTENTS"))
        return 1;
    if (!p->pdf)
        return 0;
    j = i;
    if (pc_line_is(l, "Decision") || pc_line_is(l, "Resolution") ||
        pc_line_is(l, "Chapter") || pc_line_is(l, "Paragraphs")) {
        j = pc_next_content(p, i + 1);
        if (j >= p->n_lines || !pc_line_is(&p->lines[j], "Page"))
            return 0;
    } else if (!pc_line_is(l, "Page")) {
        return 0;
    }
    for (k = 0, j = pc_next_content(p, j + 1); j < p->n_lines && k < 6;
         k++, j = pc_next_content(p, j + 1))
        if (pc_has_leader(&p->lines[j]))
            return 1;
    return 0;
}

/* Is line I the body's next number N as pdftotext damaged it: printed
 * without its full stop ("44 With that adjustment", DP/OPS/2025/3), or
 * with its first digits lost ("25." between "124." and "126.",
 * A/80/74)?  Only where the next number line is N + 1.  Sets *REST to
 * where the text starts, and *SUPPLIED when the number read is not the
 * number printed. */
static int
damaged_number(const struct parser *p, size_t i, int n, size_t *rest,
               int *supplied)
{
    const struct line *l = &p->lines[i];
    char num[16], want[16];
    size_t k, r, j, wl;
    int m;

    wl = (size_t)snprintf(want, sizeof(want), "%d", n);
    if (pc_para_start(l, num, &r)) {
        m = atoi(num);
        k = strlen(num);
        if (m <= 0 || m >= n || k >= wl || strcmp(want + wl - k, num) != 0)
            return 0;
        *supplied = 1;
    } else {
        if (l->len < wl + 2 || memcmp(l->s, want, wl) != 0 ||
            l->s[wl] != ' ' || !isupper((unsigned char)l->s[wl + 1]))
            return 0;
        r = wl + 1;
        *supplied = 0;
    }
    for (j = i + 1; j < p->n_lines && j < i + 60; j++)
        if (pc_para_start(&p->lines[j], num, &k))
            break;
    if (j >= p->n_lines || j >= i + 60 || atoi(num) != n + 1)
        return 0;
    *rest = r;
    return 1;
}

/* Does the paragraph numbered at line I (its text after REST or on the
 * next line) open with an operative verb, "Welcomes", "Notes"? */
static int
operative_para(const struct parser *p, size_t i, size_t rest)
{
    struct line t = p->lines[i];

    if (rest >= t.len) {
        if ((i = pc_next_content(p, i + 1)) >= p->n_lines)
            return 0;
        return pc_operative_opener(&p->lines[i]);
    }
    t.s += rest;
    t.len -= rest;
    return pc_operative_opener(&t);
}

/* Is the numbered run that starts with "1." at line I (REST: where its
 * text starts) a text the report quotes before its own paragraphs: do
 * its paragraphs 1 to 3 open with operative verbs, as a resolution's
 * do, and does a second run from 1 go past its last number, before any
 * annex?  Each number is a paragraph start alone on its line or before
 * a capital.  Returns the line of the second run's "1.", else 0. */
static size_t
first_run_quoted(const struct parser *p, size_t i, size_t rest)
{
    char num[16];
    int top = 1, second = 0;
    size_t at = 0;

    if (!operative_para(p, i, rest))
        return 0;
    for (i++; i < p->n_lines; i++) {
        const struct line *l = &p->lines[i];
        int n;

        if (l->fl & (L_BLANK | L_DROP | L_FOOT) || !is_digit((unsigned char)l->s[0])) {
            if (!(l->fl & (L_BLANK | L_DROP | L_FOOT)) &&
                (l->s[0] == 'A' && annex_line(l, num)))
                return 0;
            continue;
        }
        if (!pc_para_start(l, num, &rest) ||
            (rest < l->len && !isupper((unsigned char)l->s[rest])))
            continue;
        n = atoi(num);
        if (second == 0 && n == top + 1) {
            if (n <= 3 && !operative_para(p, i, rest))
                return 0;
            top = n;
        }
        else if (n == 1 && top >= 3 && second == 0) {
            second = 1;
            at = i;
        } else if (second > 0 && n == second + 1 && ++second > top)
            return at;
    }
    return 0;
}

/* Is the number at line I, not paragraph N + 1, a sub-heading's: its
 * title (after REST, else on the next line; wrapped at most once before
 * lower case) is short, opens in a capital or a digit and ends no
 * sentence or clause, and paragraph N + 1 comes right after it
 * (A/80/36: "1.", "Treaty bodies", "3.")? */
static int
sub_heading(const struct parser *p, size_t i, size_t rest, int n)
{
    const struct line *t;
    size_t j = i, len, k;
    char num[16];

    if (rest >= p->lines[i].len) {
        if ((j = pc_next_content(p, i + 1)) >= p->n_lines)
            return 0;
        rest = 0;
    }
    t = &p->lines[j];
    len = t->len - rest;
    if (len < 3 || len > 110 || (t->fl & L_FOOT) ||
        !(isupper((unsigned char)t->s[rest]) ||
          is_digit((unsigned char)t->s[rest])) ||
        pc_ends_sentence(t->s, t->len) || pc_ends_clause(t->s, t->len) ||
        t->s[t->len - 1] == ':' ||
        (j > i && pc_para_start(t, num, &k)))
        return 0;
    if ((k = pc_next_content(p, j + 1)) < p->n_lines &&
        islower((unsigned char)p->lines[k].s[0]) && p->lines[k].len < 110 &&
        !pc_ends_sentence(p->lines[k].s, p->lines[k].len))
        k = pc_next_content(p, k + 1);      /* a wrapped title */
    if (k >= p->n_lines || !pc_para_start(&p->lines[k], num, &rest) ||
        atoi(num) != n + 1)
        return 0;
    return rest >= p->lines[k].len || isupper((unsigned char)p->lines[k].s[rest]);
}

/* Lines looked at after a first paragraph number past 1 for the two
 * numbers after it. */
#define RUN_LOOKAHEAD 400

/* Do paragraphs N + 1 and N + 2 start, in that order, in the lines
 * after L?  (Each as "N." alone or before text that does not start in
 * lower case.) */
static int
run_follows(const struct parser *p, const struct line *l, int n)
{
    size_t i = (size_t)(l - p->lines) + 1, end = i + RUN_LOOKAHEAD, rest;
    char num[16];
    int want = n + 1;

    if (end > p->n_lines)
        end = p->n_lines;
    for (; i < end; i++) {
        const struct line *m = &p->lines[i];

        if (!pc_para_start(m, num, &rest) || atoi(num) != want ||
            (rest < m->len && islower((unsigned char)m->s[rest])))
            continue;
        if (want++ == n + 2)
            return 1;
    }
    return 0;
}

/* Does the paragraph numbered at line I open with a title, a short
 * line in capitals ending no sentence ("Sierra Leone", "10. United
 * Kingdom"), with more text after it? */
static int
titled_entry(const struct parser *p, size_t i, size_t rest)
{
    const struct line *t = &p->lines[i];
    size_t len;

    if (rest >= t->len) {
        if ((i = pc_next_content(p, i + 1)) >= p->n_lines)
            return 0;
        t = &p->lines[i];
        rest = 0;
    }
    len = t->len - rest;
    return len >= 3 && len <= 60 && isupper((unsigned char)t->s[rest]) &&
           !pc_ends_sentence(t->s, t->len) && !pc_ends_clause(t->s, t->len) &&
           t->s[t->len - 1] != ':' &&
           pc_next_content(p, i + 1) < p->n_lines;
}

/* Should a "N." line be taken as a paragraph number in pdftotext text
 * (hard-wrapped lines may start with any number)?  The first number is
 * 1, or one alone on its line up to 10, or any number the next two
 * follow (a report's addendum or a fragment that goes on from the
 * paragraphs of another: "34.", "35.", "36."). */
static int
accept_number(const struct parser *p, const struct cutter *c, int n,
              int alone, const struct line *l, size_t rest)
{
    int boundary = c->blank || c->prev_end || c->cur == NULL;

    if (!p->pdf)
        return 1;
    if (!alone && rest < l->len && islower((unsigned char)l->s[rest]))
        return 0;
    if (c->sec_run > 0 && n == c->sec_run + 1)
        return 0;               /* the section's own numbering goes on */
    /* In a list of titled entries that one of them numbers inside (a
     * compilation of statements, S/2025/453: "7.", "Sierra Leone", then
     * the statement's "1." to "11."), a number the inner numbering
     * could go on to, or one past the list's next, is the list's only
     * before a title. */
    if (c->entries >= 3 && c->inner_run > 0 &&
        (n == c->inner_run + 1 || n != c->last_num + 1) &&
        !titled_entry(p, (size_t)(l - p->lines), rest))
        return 0;
    if (n == c->last_num + 1)
        return 1;
    if (c->last_num == 0)
        return (alone && n <= 10) || (boundary && run_follows(p, l, n));
    return n > c->last_num && n <= c->last_num + 3 && (alone || boundary);
}

/* Open the held section heading (see the cutter's held), with its title
 * at line I, or untitled when I is (size_t)-1.  Returns the last line
 * used. */
static size_t
open_held(struct parser *p, struct cutter *c, size_t i)
{
    char label[8];
    int roman = c->held_roman;

    memcpy(label, c->held, sizeof(label));
    c->held[0] = '\0';
    close_unit(c);
    if (roman) {
        c->roman = pc_roman_value(label, strlen(label));
        c->letter = 0;
    } else {
        c->letter = label[0];
    }
    if (i == (size_t)-1) {
        add_unit(p, c, roman ? U_ROMAN : U_LETTER, label);
        close_unit(c);
        c->prev_end = c->blank = 1;
        return 0;
    }
    return heading(p, c, roman ? U_ROMAN : U_LETTER, label, i, 0);
}

/* Open the part LABEL of a text the report quotes, at its heading line
 * I ("Decision 2025/1", "2025/9"), its title on the lines after; the
 * report's numbering is kept to go on after it.  Returns the last line
 * used. */
static size_t
titled_part(struct parser *p, struct cutter *c, const char *label, size_t i)
{
    close_unit(c);
    if (c->outer_num == 0)
        c->outer_num = c->last_num;
    c->last_num = 0;
    c->n_pend = 0;
    c->draft_annex = 0;
    c->preamble = 0;
    i = heading(p, c, U_DRAFT, label, i, p->lines[i].len);
    c->part_fresh = 1;
    snprintf(c->part, sizeof(c->part), "%s", label);
    c->part_sec = 0;
    return i;
}

/* Markdown's own lines at line I: a "---" rule (dropped), a "[^N]:"
 * footnote, a "#" heading with a label ("## II. Title").  Returns 1
 * when the line was taken, 0 when it is read as any other line. */
static int
markdown_line(struct parser *p, struct cutter *c, size_t i)
{
    const struct line *l = &p->lines[i];
    size_t rest;
    char num[16];

    if (pc_line_is(l, "---"))
        return 1;
    if (pc_line_starts(l, "[^")) {
        const char *e = memchr(l->s, ']', l->len);

        if (e && (size_t)(e - l->s) + 1 < l->len && e[1] == ':') {
            size_t o = (size_t)(e - l->s) + 2;

            close_unit(c);
            c->note = pc_new_note(p, l->s + 2, (size_t)(e - l->s) - 2);
            while (o < l->len && l->s[o] == ' ')
                o++;
            pc_note_append(p, c->note, l->s + o, l->len - o);
            return 1;
        }
    }
    if (l->s[0] == '#') {
        struct line h = *l;

        while (h.len > 0 && (h.s[0] == '#' || h.s[0] == ' ')) {
            h.s++;
            h.len--;
        }
        if (pc_head_label(&h, num, &rest) && rest < h.len) {
            int rv = pc_roman_value(num, strlen(num));

            heading(p, c, rv && strlen(num) > 1 ? U_ROMAN
                    : rv && c->letter != num[0] - 1 ? U_ROMAN
                    : U_LETTER, num, i, rest + (size_t)(h.s - l->s));
            if (p->n_units && p->units[p->n_units - 1].type == U_ROMAN)
                c->roman = rv;
            else
                c->letter = num[0];
            return 1;
        }
    }
    return 0;
}

void
pc_cut_units(struct parser *p)
{
    struct cutter c;
    size_t i, rest, k, skip_to = 0;
    char num[16];
    int damaged;

    memset(&c, 0, sizeof(c));
    c.prev_end = 1;
    c.blank = 1;
    c.chap_own = -1;
    for (i = p->body; i < p->n_lines && p->st == PILCROW_OK; i++) {
        const struct line *l = &p->lines[i];
        int short_prev;
        char label[16];         /* a quoted text's part */

        /* A decision known by its number, "2025/9" over its title (a
         * compendium of decisions): a part of its own, "2025/9, para. 1",
         * as a decision quoted by its heading is below. */
        if (p->pdf && l->len >= 6 && is_digit((unsigned char)l->s[0]) &&
            !(l->fl & (L_FOOT | L_BLANK)) && !c.need_text &&
            !(skip_to && i <= skip_to) &&
            decision_number(p, i, label)) {
            i = titled_part(p, &c, label, i);
            continue;
        }
        if (l->fl & (L_DROP | L_FOOT))
            continue;
        if (l->fl & L_BLANK) {
            c.blank = 1;
            c.note = NULL;      /* a blank line ends a note item */
            continue;
        }
        if (skip_to && i <= skip_to)
            continue;
        if (p->md && markdown_line(p, &c, i))
            continue;
        if (c.note && !c.blank && !(pc_para_start(l, num, &rest)) &&
            !(p->pdf && l->s[0] == '*') &&
            !(c.notes_mode && (l->s[0] == '-' || l->s[0] == '*' ||
                               (unsigned char)l->s[0] >= 0xC2 ||
                               is_digit((unsigned char)l->s[0])))) {
            pc_note_append(p, c.note, l->s, l->len);
            continue;
        }
        if (contents_heading(p, i)) {
            size_t e = contents_end(p, i);

            if (e > i) {
                close_unit(&c);
                add_unit(p, &c, U_CONTENTS, NULL);
                close_unit(&c);
                skip_to = e;
                c.blank = 1;
                c.prev_end = 1;
                continue;
            }
        }
        if (pc_has_leader(l) && p->pdf)
            continue;
        if (pc_line_is(l, "Summary") || pc_line_is(l, "SUMMARY")) {
            close_unit(&c);
            add_unit(p, &c, U_SUMMARY, NULL);
            close_unit(&c);
            c.blank = c.prev_end = 1;
            c.notes_mode = 0;
            continue;
        }
        if (pc_line_is(l, "Notes") || pc_line_is(l, "NOTES") ||
            pc_line_is(l, "Notes:")) {
            close_unit(&c);
            add_unit(p, &c, U_NOTES, NULL);
            close_unit(&c);
            c.notes_mode = 1;
            c.blank = c.prev_end = 1;
            continue;
        }
        if ((c.blank || c.prev_end || c.cur == NULL) &&
            chapter_line(l, num, &rest)) {
            close_unit(&c);
            c.notes_mode = 0;
            c.roman = 0;
            c.letter = 0;
            if (c.chap_own < 0)
                c.chap_own = p->pdf && chapters_apart(p, i);
            if (c.chap_own) {
                /* Each chapter a part of its own ("chap. II, para. 1"):
                 * a text quoted in the chapter before ends here. */
                if (c.outer_num > 0) {
                    add_unit(p, &c, U_DRAFT, "");
                    close_unit(&c);
                }
                c.part[0] = c.part_sec = 0;
                c.last_num = c.outer_num = 0;
                c.draft_annex = c.preamble = 0;
                c.n_pend = 0;
                label[0] = 'C';     /* num: 8 bytes at most */
                memcpy(label + 1, num, strlen(num) + 1);
                add_unit(p, &c, U_DRAFT, label);
                close_unit(&c);
            }
            i = heading(p, &c, U_CHAPTER, num, i, rest);
            continue;
        }
        if ((c.blank || c.prev_end || c.cur == NULL) && annex_line(l, num)) {
            close_unit(&c);
            c.notes_mode = 0;
            c.last_num = 0;     /* (a draft's annex keeps outer_num) */
            c.draft_annex = c.outer_num > 0;
            if (!c.draft_annex)
                c.part[0] = c.part_sec = 0;
            c.roman = 0;
            c.letter = 0;
            i = heading(p, &c, U_ANNEX, num, i,
                        pc_line_starts(l, "Annex to") ? 0 : l->len);
            continue;
        }
        /* pdftotext: a line "* text" (or "** text") outside a footnote
         * region is a star note printed without a rule above it: the
         * first page's "* Circulated in ...", or the note under a
         * table or list whose entries end with "*".  It resolves the
         * "*" markers glued to words ("annex*", "Inc.*"); it runs to
         * the next blank line, star line or paragraph number. */
        if (p->pdf && l->s[0] == '*' && pc_foot_marker(l, &k, &rest) &&
            k <= 3 && rest < l->len) {
            close_unit(&c);
            c.note = pc_new_note(p, l->s, k);
            pc_note_append(p, c.note, l->s + rest, l->len - rest);
            c.blank = 0;
            c.prev_end = 1;
            continue;
        }
        /* Notes: "- ¹ See", "¹ See", "1/ See", "* A/52/150". */
        if (!p->pdf && (c.notes_mode || c.blank || c.cur == NULL)) {
            struct line m = *l;
            size_t d = 0, sk;

            if (m.len > 2 && m.s[0] == '-' && m.s[1] == ' ') {
                m.s += 2;
                m.len -= 2;
            }
            while (d < m.len && pc_superscript_digit(m.s + d, m.len - d, &sk) >= 0)
                d += sk;
            if (d > 0 && d < m.len && m.s[d] == ' ') {
                struct pc_buf digits = PC_BUF_INIT;
                size_t q;
                int v;

                for (q = 0; q < d; q += sk) {
                    v = pc_superscript_digit(m.s + q, d - q, &sk);
                    pc_buf_putc(&p->st, &digits, (char)('0' + v));
                }
                close_unit(&c);
                c.note = pc_new_note(p, digits.data ? digits.data : "",
                                  digits.len);
                pc_buf_free(&digits);
                pc_note_append(p, c.note, m.s + d + 1, m.len - d - 1);
                c.blank = 0;
                continue;
            }
            d = 0;
            while (d < m.len && d < 4 && is_digit((unsigned char)m.s[d]))
                d++;
            if (c.notes_mode && d > 0 && d + 1 < m.len && m.s[d] == '/' &&
                m.s[d + 1] == ' ') {
                close_unit(&c);
                c.note = pc_new_note(p, m.s, d);
                pc_note_append(p, c.note, m.s + d + 2, m.len - d - 2);
                c.blank = 0;
                continue;
            }
            if (pc_foot_marker(&m, &k, &rest) && m.s[0] == '*' &&
                rest < m.len) {
                close_unit(&c);
                c.note = pc_new_note(p, m.s, k);
                pc_note_append(p, c.note, m.s + rest, m.len - rest);
                c.blank = 0;
                continue;
            }
        }
        /* An instrument's article ("Article 26" alone on its line):
         * its sub-paragraphs are numbered from 1 again.  After another
         * article, the line before may end in a note marker ("act.115"). */
        if ((c.blank || c.prev_end || c.cur == NULL || c.in_article) &&
            !c.need_text && article_line(l, num)) {
            close_unit(&c);
            c.notes_mode = 0;
            if (!p->pdf)        /* pdftotext: the body's numbers go on */
                c.last_num = 0;
            c.n_pend = 0;
            add_unit(p, &c, U_ARTICLE, num);
            close_unit(&c);
            c.blocks = 0;
            c.blank = c.prev_end = 1;
            c.in_article = 1;
            c.comm_next = 0;
            continue;
        }
        /* An article's commentary (the International Law Commission's
         * draft articles): "Commentary", then paragraphs "(1)", "(2)"
         * ... in order, each a record ("art. 3, commentary, para. (2)"),
         * up to the next article or heading. */
        if (c.in_article && !c.need_text && pc_line_is(l, "Commentary")) {
            close_unit(&c);
            c.comm_next = 1;
            c.blank = c.prev_end = 1;
            continue;
        }
        if (c.comm_next > 0 && !c.need_text &&
            commentary_start(l, c.comm_next, num, &rest)) {
            close_unit(&c);
            c.comm_next++;
            numbered_unit(p, &c, num, i, rest);
            continue;
        }
        /* "Preamble" before any numbered text, in clean text: the
         * blocks before it (the instrument's title) are not its
         * paragraphs, and each block after it is one. */
        if (!p->pdf && (c.blank || c.prev_end || c.cur == NULL) &&
            c.last_num == 0 && preamble_line(l)) {
            close_unit(&c);
            while (p->n_units > 0 && p->units[p->n_units - 1].type == U_TEXT)
                p->n_units--;
            c.blocks = 1;
            c.blank = c.prev_end = 1;
            continue;
        }
        /* A paragraph's decimal sub-paragraphs, "3.1", "3.2", each a
         * record ("para. 3.1"); the first may follow the paragraph's
         * heading line ("3. Expanding CICA family") directly.  "2.0
         * Session 2" (not a figure, "19.0", in a table) opens paragraph
         * 2. */
        if (is_digit((unsigned char)l->s[0]) && c.last_num > 0 &&
            !c.need_text && (c.blank || c.prev_end || c.cur == NULL ||
             (c.sub_next == 1 && c.cur->type == U_PARA)) &&
            (sub_para_start(l, c.last_num, c.sub_next, num, &rest) ||
             (sub_para_start(l, c.last_num + 1, 0, num, &rest) &&
              rest < l->len && isupper((unsigned char)l->s[rest])))) {
            close_unit(&c);
            c.notes_mode = 0;
            if (num[strlen(num) - 1] == '0' && num[strlen(num) - 2] == '.') {
                c.last_num++;           /* "2.0 Session 2": paragraph 2 */
                c.sub_next = 1;
            } else {
                c.sub_next++;
            }
            numbered_unit(p, &c, num, i, rest);
            continue;
        }
        /* A text quoted with numbers of its own ("The report of the
         * Working Group read as follows:", then "1."): a part of its
         * own, as a quoted draft is below. */
        if (l->s[0] == '1' && c.last_num > 0 && c.outer_num == 0 &&
            c.list_next == 0 && pc_para_start(l, num, &rest) &&
            atoi(num) == 1 && quoted_report(p, i)) {
            close_unit(&c);
            c.outer_num = c.last_num;
            c.last_num = 0;
            c.n_pend = 0;
            add_unit(p, &c, U_DRAFT, "T");
            close_unit(&c);
            snprintf(c.part, sizeof(c.part), "T");
            c.part_sec = 0;
        }
        /* A text the report quotes before its own paragraph 1 (A/80/15
         * (Part II): the Board's agreed conclusions, 1 to 14, then the
         * report's 1, 2 ... past 14): a part of its own, up to the
         * report's "1.". */
        if (l->s[0] == '1' && p->pdf && c.last_num == 0 &&
            c.outer_num == 0 && !c.part[0] && c.chap_own != 1 &&
            !c.quoted_first_seen && pc_para_start(l, num, &rest) &&
            atoi(num) == 1) {
            c.quoted_first_seen = 1;
            if ((c.part_end = first_run_quoted(p, i, rest)) > 0) {
                close_unit(&c);
                draft_label(p, i, label);
                add_unit(p, &c, U_DRAFT, label);
                close_unit(&c);
                snprintf(c.part, sizeof(c.part), "%s", label);
                c.part_sec = 0;
                c.n_pend = 0;
            }
        }
        if (p->pdf && c.last_num > 0 && c.prev_end && !c.need_text &&
            c.cur != NULL && c.cur->type == U_PARA && !c.part[0] &&
            c.outer_num == 0 && !c.sec_fresh &&
            damaged_number(p, i, c.last_num + 1, &rest, &damaged)) {
            close_unit(&c);
            c.notes_mode = 0;
            c.last_num++;
            snprintf(num, sizeof(num), "%d", c.last_num);
            numbered_unit(p, &c, num, i, rest);
            p->units[c.cur_i].supplied = (uint8_t)damaged;
            continue;
        }
        if (pc_para_start(l, num, &rest) &&
            !agenda_item(p, &c, i, atoi(num))) {
            int n = atoi(num), alone = rest >= l->len;

            /* In a quoted draft, the body's next number (one the
             * draft's own numbers do not go on to) ends the draft. */
            if ((c.outer_num > 0 || c.part[0]) && n == c.outer_num + 1 &&
                n != c.last_num + 1 &&
                (alone || c.blank || c.prev_end || i == c.part_end) &&
                !(rest < l->len && islower((unsigned char)l->s[rest]))) {
                close_unit(&c);
                add_unit(p, &c, U_DRAFT, "");
                close_unit(&c);
                c.part[0] = c.part_sec = 0;
                c.sec_fresh = c.sec_run = 0;
                c.last_num = c.outer_num;
                c.outer_num = 0;
                c.draft_annex = 0;
                c.preamble = 0;
                c.n_pend = 0;
            }
            if (accept_number(p, &c, n, alone, l, rest)) {
                if (c.held[0])
                    open_held(p, &c, (size_t)-1);
                /* pdftotext stacks the numbers of short paragraphs
                 * ("83." then "84." alone, then both texts): a number
                 * still waiting for its text is queued, and the text
                 * blocks that follow go to the queued numbers in
                 * order (see the ordinary text below). */
                if (alone && c.cur != NULL && c.need_text &&
                    c.cur->type == U_PARA && c.cur->len == 0) {
                    if (c.n_pend < 8)
                        c.pend[c.n_pend++] = c.cur_i;
                } else {
                    c.n_pend = 0;
                }
                close_unit(&c);
                c.notes_mode = 0;
                c.entries = titled_entry(p, i, rest) ? c.entries + 1 : 0;
                c.inner_run = 0;
                c.last_num = n;
                c.sub_next = 1;
                c.part_fresh = 0;
                c.sec_fresh = c.sec_run = 0;
                numbered_unit(p, &c, num, i, rest);
                continue;
            }
            /* A section after paragraph last_num that numbers its own
             * items from 1 (E/2025/56: the agencies' submissions, each
             * under a letter, in numbered parts; A/AC.292/2025/INF/5:
             * statements, each numbered from 1): those numbers, even
             * the one that would be the body's next, are its text. */
            if (c.sec_fresh && (n == c.sec_run + 1 || n == 1) &&
                (alone || c.blank || c.prev_end))
                c.sec_run = n;
            if (c.entries >= 3 && (n == 1 || (c.inner_run > 0 &&
                                              n == c.inner_run + 1)))
                c.inner_run = n;
            /* A numbered sub-heading between the body's paragraphs, its
             * title the next line's: a heading ("II.A.1"). */
            if (p->pdf && c.last_num > 0 && !c.need_text &&
                (c.blank || c.prev_end || c.cur == NULL) &&
                sub_heading(p, i, rest, c.last_num)) {
                close_unit(&c);
                c.notes_mode = 0;
                i = heading(p, &c, U_SUBHEAD, num, i, rest);
                continue;
            }
        }
        /* pdftotext moved a section's label between a paragraph's
         * number and its text ("4.", "C.", "At the 2059th meeting ...",
         * then "Adoption of the agenda" and "5."): the label is held,
         * and opens its heading at the title after the text (or, with
         * no title, before the next number). */
        if (p->pdf && c.need_text && c.cur != NULL && c.cur->type == U_PARA &&
            c.cur->len == 0 && !c.held[0] && pc_head_label(l, num, &rest) &&
            rest >= l->len && strlen(num) < sizeof(c.held) &&
            ((strlen(num) == 1 && c.letter && num[0] == c.letter + 1) ||
             (strlen(num) > 1 && c.roman &&
              pc_roman_value(num, strlen(num)) == c.roman + 1))) {
            memcpy(c.held, num, strlen(num) + 1);
            c.held_roman = strlen(num) > 1;
            continue;
        }
        if (c.held[0] && !c.need_text && c.prev_end &&
            l->len < 100 && isupper((unsigned char)l->s[0]) &&
            !pc_ends_sentence(l->s, l->len) &&
            (k = pc_next_content(p, i + 1)) < p->n_lines &&
            pc_para_start(&p->lines[k], num, &rest) &&
            atoi(num) == c.last_num + 1) {
            i = open_held(p, &c, i);
            continue;
        }
        if ((c.blank || c.prev_end || c.cur == NULL) && !c.need_text &&
            pc_head_label(l, num, &rest)) {
            int rv = pc_roman_value(num, strlen(num));
            size_t nl = strlen(num);
            int is_roman;

            if (nl > 1)
                is_roman = 1;
            else if (rv && c.letter == num[0] - 1)
                is_roman = 0;
            else if (rv && (rv == c.roman + 1 || rv == 1))
                is_roman = 1;
            else
                is_roman = 0;
            if ((rest < l->len && l->len - rest < 250 &&
                 (isupper((unsigned char)l->s[rest]) ||
                  !isalpha((unsigned char)l->s[rest]))) ||
                (rest >= l->len && p->pdf)) {
                close_unit(&c);
                c.notes_mode = 0;
                if (is_roman) {
                    c.roman = rv;
                    c.letter = 0;
                } else {
                    c.letter = num[0];
                }
                i = heading(p, &c, is_roman ? U_ROMAN : U_LETTER, num, i,
                            rest);
                continue;
            }
        }
        /* Text after stacked paragraph numbers: the first block goes
         * to the first number, and each line that starts after a
         * sentence end to the next one (a bare label "(a)" and its
         * text, separated by a blank line, stay together). */
        if (c.n_pend > 0 && c.cur != NULL && c.cur->type == U_PARA &&
            (c.need_text || c.prev_end)) {
            struct unit *u;

            if (c.need_text && c.cur->len == 0 && c.n_pend < 8)
                c.pend[c.n_pend++] = c.cur_i;
            c.cur_i = c.pend[0];
            memmove(c.pend, c.pend + 1, --c.n_pend * sizeof(*c.pend));
            u = c.cur = &p->units[c.cur_i];
            u->off = p->pool.len;
            u->len = 0;
            unit_text(p, &c, i, 0);
            continue;
        }
        /* A lettered section of a quoted text, its letter alone on its
         * line, then its title (E/2025/72: the draft resolution's "A",
         * "B" and "C", each with a preamble and paragraphs from 1): a
         * part of its own, "draft resolution B", as a resolution in
         * parts is cited ("resolution 70/248 A"). */
        if (c.outer_num > 0 && c.part[0] && !c.draft_annex &&
            !c.need_text && l->len == 1 &&
            l->s[0] == (c.part_sec ? c.part_sec + 1 : 'A') &&
            l->s[0] <= 'H' && strlen(c.part) + 3 <= sizeof(label) &&
            (k = pc_next_content(p, i + 1)) < p->n_lines &&
            isupper((unsigned char)p->lines[k].s[0]) &&
            !pc_para_start(&p->lines[k], num, &rest)) {
            close_unit(&c);
            snprintf(label, sizeof(label), "%s%s%c", c.part,
                     c.part[1] ? " " : "", l->s[0]);
            c.part_sec = l->s[0];
            c.last_num = 0;
            c.n_pend = 0;
            c.sec_fresh = c.sec_run = 0;
            i = heading(p, &c, U_DRAFT, label, i, l->len);
            /* A title wrapped before a capital ("... Globally Harmonized
             * System of", "Classification and Labelling of Chemicals"),
             * up to the preamble's first paragraph. */
            k = pc_next_content(p, i + 1);
            if (k < p->n_lines && !pc_preamble_opener(&p->lines[k]) &&
                !pc_ends_sentence(p->lines[k].s, p->lines[k].len) &&
                !pc_ends_clause(p->lines[k].s, p->lines[k].len) &&
                (rest = pc_next_content(p, k + 1)) < p->n_lines &&
                pc_preamble_opener(&p->lines[rest]) &&
                p->n_units > 0 && p->units[p->n_units - 1].type == U_DRAFT) {
                c.cur_i = p->n_units - 1;
                c.cur = &p->units[c.cur_i];
                unit_text(p, &c, k, 0);
                close_unit(&c);
                c.prev_end = c.blank = 1;
                i = k;
            }
            continue;
        }
        /* The heading of a text the report quotes after numbered
         * paragraphs, "Decision 2025/1" or "Resolution 68/1" alone on
         * its line (even after "Adopted under agenda item 3", which
         * ends no sentence), then its title: a part of its own, as a
         * draft is below (its enacting formula, if one follows, opens
         * its preamble). */
        if ((l->s[0] == 'D' || l->s[0] == 'R') && !c.need_text &&
            (c.last_num > 0 || (c.outer_num > 0 && !c.draft_annex))) {
            if (quoted_heading(l, label)) {
                i = titled_part(p, &c, label, i);
                continue;
            }
        }
        if (c.part_fresh && c.last_num == 0 && !c.need_text &&
            pc_enacting_line(l)) {
            close_unit(&c);
            drop_front_units(p);
            c.part_fresh = 0;
            c.preamble = 1;
            c.blank = c.prev_end = 1;
            continue;
        }
        /* A draft quoted after numbered paragraphs ("1. The Commission
         * recommends ... the following draft resolution:", then "The
         * Economic and Social Council,"): a part of its own, with a
         * preamble and paragraphs numbered from 1 again, up to the
         * body's next number.  A second draft starts another part;
         * but a text quoted in a draft's annex, before the annex's
         * first number, is the annex's (read below). */
        if (l->s[0] == 'T' &&
            (c.last_num > 0 || (c.outer_num > 0 && !c.draft_annex)) &&
            !c.need_text &&
            (pc_enacting_line(l) ||
             (pc_decision_line(l) && (draft_label(p, i, label),
                                      isupper((unsigned char)label[0]) &&
                                      label[0] != 'T'))) &&
            memchr(l->s + 4, ' ', l->len - 4) != NULL &&  /* "The Hague," */
            (k = pc_next_content(p, i + 1)) < p->n_lines &&
            (isupper((unsigned char)p->lines[k].s[0]) ||
             is_digit((unsigned char)p->lines[k].s[0]) ||
             p->lines[k].s[0] == '(')) {
            if (pc_enacting_line(l))
                draft_label(p, i, label);
            close_unit(&c);
            c.list_next = 0;
            if (c.outer_num == 0)
                c.outer_num = c.last_num;
            c.last_num = 0;
            c.n_pend = 0;
            c.draft_annex = 0;
            add_unit(p, &c, U_DRAFT, label);
            close_unit(&c);
            snprintf(c.part, sizeof(c.part), "%s", label);
            c.part_sec = 0;
            /* A decision set out in items ("The Statistical
             * Commission:", "(a) Expressed ...") has no preamble. */
            c.preamble = pc_enacting_line(l);
            c.blank = c.prev_end = 1;
            continue;
        }
        /* A resolution: "The General Assembly," ends its front matter
         * (the lines since the last heading: "Resolution adopted by
         * ...", "[on the report of ...]", its number and title), and
         * starts the preamble. */
        if (c.last_num == 0 && !c.need_text && pc_enacting_line(l)) {
            close_unit(&c);
            drop_front_units(p);
            c.preamble = 1;
            c.blank = c.prev_end = 1;
            continue;
        }
        /* In the preamble a paragraph opens with its participle, after
         * a paragraph that ended with a comma or semicolon (a page
         * break inside a paragraph goes on in lower case). */
        if (c.preamble && c.last_num == 0 && c.cur != NULL &&
            c.cur->type == U_TEXT && c.prev_comma && pc_preamble_opener(l)) {
            close_unit(&c);
            add_unit(p, &c, U_TEXT, NULL);
            unit_text(p, &c, i, 0);
            continue;
        }
        /* A resolution whose operative part prints no numbers ("Decides
         * that the election ... shall take place"): the first verb
         * after the preamble's last comma starts it. */
        if (c.preamble && c.last_num == 0 && c.cur != NULL &&
            c.cur->type == U_TEXT && c.prev_comma && pc_operative_opener(l) &&
            ends_with_period(p, i)) {
            close_unit(&c);
            c.preamble = 0;
            add_unit(p, &c, U_TEXT, NULL);
            unit_text(p, &c, i, 0);
            continue;
        }
        /* Ordinary text: continue the open unit or start a block.  A
         * line in capitals after a blank line ("ARMENIA" over its
         * delegation in a list of participants), or a name and country
         * over a biography, starts a block, though the text before it
         * ended no sentence. */
        short_prev = p->pdf ? c.prev_len * 4 < p->width * 3 : 1;
        if (c.cur != NULL && !(c.blocks && c.blank) &&
            !(c.blank && !c.need_text && (caps_line(l) ||
                                          (p->pdf && name_line(p, i)))) &&
            (c.need_text || !c.prev_end || (!c.blank && !short_prev))) {
            unit_text(p, &c, i, 0);
            continue;
        }
        if (c.note) {
            pc_note_append(p, c.note, l->s, l->len);
            continue;
        }
        close_unit(&c);
        add_unit(p, &c, U_TEXT, NULL);
        unit_text(p, &c, i, 0);
        /* A number alone that is not a paragraph's ("1." over a
         * section's own item, a table's row) goes with the text after
         * it, as a paragraph's does. */
        if (p->pdf && is_digit((unsigned char)l->s[0]) &&
            pc_para_start(l, num, &rest) && rest >= l->len)
            c.need_text = 1;
    }
}

