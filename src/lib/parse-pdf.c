/*
 * parse-pdf.c - the parser's third pass, for pdftotext output: page
 * furniture (job numbers, barcodes, date stamps, running heads, page
 * counters), footnotes under a rule, and the note markers in the text
 * that they resolve.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-int.h"

/* A "____" rule line (footnote separator). */
static int
is_rule(const struct line *l)
{
    size_t i;

    if (l->len < 5)
        return 0;
    for (i = 0; i < l->len; i++)
        if (l->s[i] != '_')
            return 0;
    return 1;
}

/* The length of a job number at S (N bytes): an optional office prefix
 * ("GE.", "V."), two digits, '-', five digits, an optional 'X' or '*'
 * (reissues); 0 when there is none.  Only the digits count as the
 * job: *DIGITS is set to their offset. */
static size_t
job_token(const char *s, size_t n, size_t *digits)
{
    size_t i = 0, k;

    while (i < n && i < 3 && s[i] >= 'A' && s[i] <= 'Z')
        i++;
    if (i > 0) {
        if (i >= n || s[i] != '.')
            return 0;
        i++;
    }
    if (i + 8 > n || !is_digit((unsigned char)s[i]) ||
        !is_digit((unsigned char)s[i + 1]) || s[i + 2] != '-')
        return 0;
    for (k = 3; k < 8; k++)
        if (!is_digit((unsigned char)s[i + k]))
            return 0;
    *digits = i;
    i += 8;
    if (i < n && (s[i] == 'X' || s[i] == '*'))
        i++;
    return i;
}

/* The length of the furniture token at S (N bytes), which ends at a
 * space or at N, or 0 when it is not one.  Furniture tokens: job
 * numbers (*STRONG set), alone or glued to a page counter
 * ("25-100193/16"); barcodes "*2509246*" (*STRONG set); language codes
 * "(E)"; date stamps "180625" and "16/04/2025"; page counters "2/20";
 * small page numbers "12" and "iii". */
static size_t
furn_token(const char *s, size_t n, int *strong)
{
    size_t e = 0, i, d, slash = 0, dig = 0;
    unsigned char c = n > 0 ? (unsigned char)s[0] : ' ';

    /* What no token below can start with (most words). */
    if (!((c >= 'A' && c <= 'Z') || is_digit(c) || c == '*' || c == '(' ||
          c == '/' || c == 'i' || c == 'v' || c == 'x' || c == '\0'))
        return 0;
    while (e < n && s[e] != ' ')
        e++;
    if (e == 0)
        return 0;
    if ((i = job_token(s, e, &d)) > 0) {
        if (i == e) {
            *strong = 1;
            return e;
        }
        s += i;                 /* a page counter glued to it */
        e -= i;
        *strong = 1;
        for (d = 0; d < e; d++)
            if (!is_digit((unsigned char)s[d]) && s[d] != '/')
                return 0;
        return e + i;
    }
    if (e >= 9 && s[0] == '*' && s[e - 1] == '*') {
        for (i = 1; i + 1 < e; i++)
            if (!is_digit((unsigned char)s[i]))
                return 0;
        *strong = 1;
        return e;
    }
    if (e == 3 && s[0] == '(' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == ')')
        return e;
    for (i = 0; i < e; i++) {
        if (s[i] == '/')
            slash++;
        else if (is_digit((unsigned char)s[i]))
            dig++;
        else
            break;
    }
    if (i == e && s[0] != '/' && s[e - 1] != '/' &&
        ((slash == 0 && (e <= 3 || e == 6)) || slash == 1 ||
         (slash == 2 && e == 10)))
        return e;
    for (i = 0; i < e && i < 6; i++)
        if (s[i] != 'i' && s[i] != 'v' && s[i] != 'x' && s[i] != '\0')
            return 0;
    return i == e ? e : 0;
}

/* Page furniture of pdftotext output that can be told by its shape
 * alone: job numbers "25-09246 (E)", barcodes "*2509246*", date stamps
 * "180625", page counters "2/20", folios "Page 3". */
static int
is_furniture(const struct line *l)
{
    const char *s = l->s;
    size_t n = l->len, i;

    /* Job number: NN-NNNNN, optionally " (E)" etc. */
    if (n >= 8 && is_digit(s[0]) && is_digit(s[1]) && s[2] == '-') {
        for (i = 3; i < 8; i++)
            if (!is_digit((unsigned char)s[i]))
                break;
        if (i == 8 && (n == 8 || (n >= 11 && s[8] == ' ' && s[9] == '(' &&
                                  s[n - 1] == ')' && n <= 16)))
            return 1;
    }
    /* Barcode: *NNNNNNN* */
    if (n >= 8 && s[0] == '*' && s[n - 1] == '*') {
        for (i = 1; i + 1 < n; i++)
            if (!is_digit((unsigned char)s[i]))
                break;
        if (i + 1 == n)
            return 1;
    }
    /* Date stamps: six digits DDMMYY, one or more ("060525 080525":
     * the dates of the original and of the revised job). */
    for (i = 0; i + 6 <= n; i += 7) {
        size_t k;

        for (k = 0; k < 6; k++)
            if (!is_digit((unsigned char)s[i + k]))
                break;
        if (k < 6 || (i + 6 < n && s[i + 6] != ' ') ||
            (i > 0 && ((s[i] - '0') * 10 + s[i + 1] - '0' > 31 ||
                       (s[i + 2] - '0') * 10 + s[i + 3] - '0' > 12)))
            break;
        if (i + 6 == n)
            return 1;
    }
    /* Folio of older documents, "Page 3", and of their translations,
     * "page 3". */
    if (n >= 6 && n <= 9 && (s[0] == 'P' || s[0] == 'p') &&
        memcmp(s + 1, "age ", 4) == 0) {
        for (i = 5; i < n && is_digit((unsigned char)s[i]); i++)
            ;
        if (i == n)
            return 1;
    }
    /* Page counter N/M. */
    if (n >= 3 && n <= 9 && is_digit(s[0])) {
        size_t slash = 0;

        for (i = 0; i < n; i++) {
            if (s[i] == '/' && slash == 0 && i > 0)
                slash = i;
            else if (!is_digit((unsigned char)s[i]))
                break;
        }
        if (i == n && slash > 0 && slash + 1 < n)
            return 1;
    }
    return 0;
}

/* ================================================================== */
/* Pass 3: page furniture and footnotes (pdftotext)                    */
/* ================================================================== */

/* Words after which a number is not a note marker. */
static int
stop_word(const char *s, size_t end)
{
    static const char *const words[] = {
        "para", "paras", "paragraph", "paragraphs", "resolution",
        "resolutions", "item", "items", "annex", "No", "no", "note",
        "rule", "rules", "article", "Article", "articles", "section",
        "chapter", "page", "pages", "and", "to", "or", "of", "see", "in",
        "at", "by", "from", "than", "the", "The", "over", "under", "on",
        "Goal", "Goals", "goal", "target", "table", "Table", "figure",
        "Figure", "decision", "phase", "level", "P", "D", "USD", "SwF",
        "about", "some", "with", "for", "all", "only", "between", "Step",
        "step", "Option", "option", "building", "room", "Level", "Phase",
        "Tier", "tier", "Category", "category", "Stage", "stage",
        "Grade", "grade", "Part", "part", "Volume", "volume", "principle",
        "principles", NULL
    };
    size_t b = end, i;

    while (b > 0 && isalpha((unsigned char)s[b - 1]))
        b--;
    for (i = 0; words[i]; i++)
        if (strlen(words[i]) == end - b &&
            memcmp(words[i], s + b, end - b) == 0)
            return 1;
    return 0;
}

/* Does the N bytes at S start with a word a number counts ("27
 * people", "5 per cent", "12 months")?  Then the number is no marker. */
static int
unit_word(const char *s, size_t n)
{
    static const char *const words[] = {
        "per", "percent", "people", "persons", "person", "men", "women",
        "children", "boys", "girls", "members", "states", "countries",
        "years", "year", "months", "month", "days", "day", "weeks",
        "hours", "times", "million", "billion", "thousand", "hundred",
        "cases", "incidents", "deaths", "killed", "dead", "of", "to", "or",
        "out", NULL
    };
    size_t i, k;

    for (i = 0; words[i]; i++) {
        k = strlen(words[i]);
        if (k <= n && memcmp(s, words[i], k) == 0 &&
            (k == n || !isalpha((unsigned char)s[k])))
            return 1;
    }
    return 0;
}

static void
add_edit(struct parser *p, size_t line, uint32_t off, uint32_t len,
         const char *num)
{
    struct edit *e;

    if (pc_grow(&p->st, &p->edits, &p->cap_edits, p->n_edits, sizeof(*e),
                64) < 0)
        return;
    e = &p->edits[p->n_edits++];
    e->line = line;
    e->off = off;
    e->len = len;
    snprintf(e->num, sizeof(e->num), "%s", num);
}

static int year_before(const char *s, size_t end);

/* Is the word that ends at S + END, before a '.', one that a number
 * follows: "Rev.1", "No.5", "para.3"? */
static int
abbrev_before(const char *s, size_t end)
{
    static const char *const abbrev[] = {
        "Rev", "Add", "Corr", "Amend", "Suppl", "No", "Nos", "vol", "Vol",
        "para", "paras", "art", "chap", "sect", "p", "pp", NULL
    };
    size_t b = end, i;

    while (b > 0 && isalpha((unsigned char)s[b - 1]))
        b--;
    for (i = 0; abbrev[i]; i++)
        if (strlen(abbrev[i]) == end - b &&
            memcmp(s + b, abbrev[i], end - b) == 0)
            return 1;
    return 0;
}

/* Is the number of K digits at S + J glued to the punctuation that ends
 * a word before it, as a superscript marker pdftotext flattened:
 * "Police.15", "School),18", "law,”3", "November 2024,3"?  Not a
 * decimal or a thousands separator ("2.26", "1,500": a digit before
 * the punctuation, other than a year's before a one- or two-digit
 * number). */
static int
glued_after(const char *s, size_t j, size_t k)
{
    unsigned char p = (unsigned char)s[j - 1], w = (unsigned char)s[j - 2];

    if (strchr(".,;:)", p) == NULL && p != 0x9D && p != 0x99)
        return 0;               /* 0x9D, 0x99: the end of ” and ’ */
    size_t b = j - 1;

    if (p == ')' && w == '(')
        return 0;
    if (is_digit(w) && k <= 2 && p != '.' && year_before(s, j - 1))
        return 1;
    if (is_digit(w) || w == ' ' || w == '/' || w == '.')
        return 0;
    /* Not the end of a symbol ("JIU/NOTE/2022/1/Rev.1", "14/CP.1"). */
    while (b > 0 && s[b - 1] != ' ')
        if (s[--b] == '/')
            return 0;
    return p != '.' || !abbrev_before(s, j - 1);
}

/* Is the number at S + J glued to the end of a word in lower case, as a
 * superscript marker pdftotext flattened: "cheaper4 than", "the
 * Financial System3 has"?  The word is of three letters or more, none
 * a digit, so that "km2", "CO2", "G20" and "SDG3" are no markers. */
static int
glued_to_word(const char *s, size_t j)
{
    size_t b = j;

    while (b > 0 && isalpha((unsigned char)s[b - 1]))
        b--;
    if (j - b < 3 || !islower((unsigned char)s[j - 1]) ||
        !islower((unsigned char)s[j - 2]))
        return 0;
    return b == 0 || s[b - 1] == ' ' || s[b - 1] == '(';
}

/* Find the marker of note NUM in the body lines [*LINE, END) of a page,
 * at or after byte *OFF of line *LINE, and record an edit; advance
 * *LINE and *OFF past it.  Returns 1 when found. */
static int
find_marker(struct parser *p, const char *num, size_t *line, size_t *off,
            size_t end)
{
    size_t k = strlen(num), i, j, start;
    int pass;

    for (pass = 0; pass < 5; pass++) {
        for (i = *line; i < end; i++) {
            const struct line *l = &p->lines[i];

            if (l->fl & (L_BLANK | L_DROP | L_FOOT))
                continue;
            start = i == *line ? *off : 0;
            for (j = start; j + k <= l->len; j++) {
                const char *s = l->s, *q;
                unsigned char before, after;

                /* The next byte that could start NUM. */
                if ((q = memchr(s + j, num[0], l->len - k + 1 - j)) == NULL)
                    break;
                j = (size_t)(q - s);
                if (j < 2 || memcmp(s + j, num, k) != 0 ||
                    (pass == 2 ? !glued_after(s, j, k) :
                     pass == 3 ? !glued_to_word(s, j) : s[j - 1] != ' '))
                    continue;
                after = j + k < l->len ? (unsigned char)s[j + k] : '\n';
                if (!(after == '\n' || after == ' ' || after == ',' ||
                      after == ';' || after == ')' || after == '.'))
                    continue;
                if (after == '.' && j + k + 1 < l->len &&
                    is_digit((unsigned char)s[j + k + 1]))
                    continue;
                before = (unsigned char)s[j - 2];
                if (pass == 2 || pass == 3) {
                    /* Glued, the superscript lost: "Police.15",
                     * "School),18 while", "cheaper4 than". */
                    if (after == '.' || after == ')')
                        continue;
                    add_edit(p, i, (uint32_t)j, (uint32_t)k, num);
                    *line = i;
                    *off = j + k;
                    return 1;
                }
                if (pass == 0) {
                    if (!(strchr(".,;:)\"'", before) != NULL ||
                          (before == 0x9D || before == 0x99)))
                        continue;
                } else if (pass == 4) {
                    /* The last resort, when the page holds the marker in
                     * no other shape: between two words, the next one
                     * in lower case ("injuries to 92 people 27 and the
                     * displacement"), after no word that counts things
                     * and before no unit. */
                    if (!isalpha(before) || stop_word(s, j - 1) ||
                        after != ' ' || j + k + 1 >= l->len ||
                        !islower((unsigned char)s[j + k + 1]) ||
                        unit_word(s + j + k + 1, l->len - (j + k + 1)))
                        continue;
                } else if (is_digit(before)) {
                    /* After a year, before a parenthesis: "on 24
                     * February 2025 11 (see section III.B.)". */
                    if (!year_before(s, j - 1) || after != ' ' ||
                        j + k + 1 >= l->len || s[j + k + 1] != '(')
                        continue;
                } else {
                    if (!isalpha(before) || stop_word(s, j - 1))
                        continue;
                    if (!(after == '\n' || after == ',' || after == ';' ||
                          after == '.' ||
                          (after == ' ' && j + k + 1 < l->len &&
                           isupper((unsigned char)s[j + k + 1]))))
                        continue;
                    if (j + k + 4 < l->len &&
                        memcmp(s + j + k, " per", 4) == 0)
                        continue;
                }
                add_edit(p, i, (uint32_t)(j - 1), (uint32_t)(k + 1), num);
                *line = i;
                *off = j + k;
                return 1;
            }
        }
    }
    return 0;
}

/* Start a new note NUM. */
struct note *
pc_new_note(struct parser *p, const char *num, size_t n)
{
    struct note *nt;

    if (pc_grow(&p->st, &p->notes, &p->cap_notes, p->n_notes, sizeof(*nt),
                32) < 0)
        return NULL;
    nt = &p->notes[p->n_notes++];
    memset(nt, 0, sizeof(*nt));
    if (n >= sizeof(nt->num))
        n = sizeof(nt->num) - 1;
    memcpy(nt->num, num, n);
    nt->num[n] = '\0';
    return nt;
}

/* Append line text S (N bytes) to note NT, joined with a space. */
void
pc_note_append(struct parser *p, struct note *nt, const char *s, size_t n)
{
    if (nt == NULL)
        return;
    if (nt->text.len > 0)
        pc_buf_putc(&p->st, &nt->text, ' ');
    pc_buf_append(&p->st, &nt->text, s, n);
}

/* A footnote marker at the start of L: digits or stars, alone or
 * followed by a space and text.  Writes the marker's length to *K and
 * the offset of the text to *REST (== len when alone). */
int
pc_foot_marker(const struct line *l, size_t *k, size_t *rest)
{
    size_t i = 0;

    if (l->len > 0 && l->s[0] == '*') {
        while (i < l->len && l->s[i] == '*')
            i++;
    } else {
        while (i < l->len && i < 4 && is_digit((unsigned char)l->s[i]))
            i++;
        if (i == 0 || i > 3 || l->s[0] == '0')
            return 0;
    }
    if (i < l->len && l->s[i] != ' ' && l->s[i] != '\t')
        return 0;
    *k = i;
    while (i < l->len && is_space((unsigned char)l->s[i]))
        i++;
    *rest = i;
    return 1;
}

/* How far past the highest note number so far the next may be (notes
 * whose markers pdftotext lost, a table's notes). */
#define NOTE_MAX_SKIP 20

/* Whether the digits or stars at S (K bytes) can number a note of P: a
 * star, a first note, or a number not far past the highest so far.
 * pdftotext gives a page's notes out of order at times ("15 10 17"),
 * and an annex numbers its notes from 1 again, so only a jump is
 * refused: a line of a note's text that starts with a number ("596
 * people (516 men, …) were lynched") is no note. */
static int
note_in_sequence(const struct parser *p, const char *s, size_t k)
{
    unsigned long num = 0, max = 0, n;
    size_t i;
    int any = 0;

    if (s[0] == '*')
        return 1;
    for (i = 0; i < k; i++)
        num = num * 10 + (unsigned long)(s[i] - '0');
    for (i = 0; i < p->n_notes; i++) {
        if (p->notes[i].num[0] == '*')
            continue;
        n = strtoul(p->notes[i].num, NULL, 10);
        if (!any || n > max)
            max = n;
        any = 1;
    }
    return !any || num <= max + NOTE_MAX_SKIP;
}

/* Parse the footnote region [A, B) of a page into notes, and find each
 * note's marker in the body lines [PS, A). */
/* The value of the K digits at S. */
static unsigned long
digits_value(const char *s, size_t k)
{
    unsigned long v = 0;

    while (k-- > 0)
        v = v * 10 + (unsigned long)(*s++ - '0');
    return v;
}

/* pdftotext gives at times the numbers of a page's first notes last,
 * after the other notes ("Gangs such as 5 Segond ... / 8 / The Panel
 * has ... / 11 / Interview with gang analyst ... / 7" in S/2025/356;
 * "E/INCB/2024/1. / United Nations, Treaty Series ... / 5 / Ibid. ... /
 * 6 / Ibid. ... / 3 / 4" in E/2025/28): the footnote region [A, B)
 * starts with text and ends with numbers alone, N to M, where M + 1 is
 * its first number.  Returns the first line of that run, else B. */
static size_t
numbers_put_last(const struct parser *p, size_t a, size_t b)
{
    size_t i, k, rest, first_num = b, run = b, k_first = 0, k_run = 0;
    unsigned long prev = 0, v;
    int text_first = -1, lone;

    for (i = a; i < b; i++) {
        const struct line *l = &p->lines[i];

        if (l->fl & L_BLANK)
            continue;
        /* A number alone at the foot of the page may have been taken
         * for its folio (dropped). */
        lone = pc_foot_marker(l, &k, &rest) && rest >= l->len &&
               l->s[0] != '*';
        if ((l->fl & L_DROP) && !(lone && run < b) &&
            !(lone && i + 1 < b && first_num < i))
            continue;
        if (!pc_foot_marker(l, &k, &rest) || l->s[0] == '*') {
            if (text_first < 0)
                text_first = 1;
            run = b;
            continue;
        }
        if (text_first < 0)
            text_first = 0;
        if (first_num == b) {
            first_num = i;
            k_first = k;
        }
        v = digits_value(l->s, k);
        if (rest < l->len) {
            run = b;
        } else if (run == b || v != prev + 1) {
            run = i;            /* a run of numbers alone starts */
            k_run = k;
        }
        prev = v;
    }
    if (text_first != 1 || run == b || run == first_num ||
        prev + 1 != digits_value(p->lines[first_num].s, k_first))
        return b;
    /* Not a note already: a folio after a note continued from the page
     * before ("7" under the rest of note 7). */
    for (i = 0; i < p->n_notes; i++)
        if (strlen(p->notes[i].num) == k_run &&
            memcmp(p->notes[i].num, p->lines[run].s, k_run) == 0)
            return b;
    return run;
}

static void
page_footnotes(struct parser *p, size_t ps, size_t a, size_t b)
{
    size_t pend[16], n_pend = 0, i, k, rest, first = p->n_notes;
    size_t ml = ps, mo = 0, cur = (size_t)-1, put_last;
    struct note *nt;
    int cur_ended = 0;

    /* Numbers put last number the texts before the first number, in
     * order, as numbers alone before their texts do. */
    for (i = put_last = numbers_put_last(p, a, b); i < b; i++) {
        struct line *l = &p->lines[i];

        l->fl |= L_FOOT;
        if (!(l->fl & L_BLANK) && pc_foot_marker(l, &k, &rest) &&
            rest >= l->len && n_pend < 16 &&
            (nt = pc_new_note(p, l->s, k)) != NULL)
            pend[n_pend++] = (size_t)(nt - p->notes);
    }
    /* Notes are kept by index: pc_new_note() may move the array. */
    for (i = a; i < put_last && p->st == PILCROW_OK; i++) {
        struct line *l = &p->lines[i];

        l->fl |= L_FOOT;
        if (l->fl & (L_BLANK | L_DROP))
            continue;
        if (pc_foot_marker(l, &k, &rest) && note_in_sequence(p, l->s, k)) {
            if (rest >= l->len) {
                if (n_pend < 16 && (nt = pc_new_note(p, l->s, k)) != NULL)
                    pend[n_pend++] = (size_t)(nt - p->notes);
                continue;
            }
            if ((nt = pc_new_note(p, l->s, k)) == NULL)
                break;
            cur = (size_t)(nt - p->notes);
            pc_note_append(p, nt, l->s + rest, l->len - rest);
            cur_ended = pc_ends_sentence(l->s, l->len);
            continue;
        }
        if (n_pend > 0 && (cur == (size_t)-1 || cur_ended || cur < pend[0])) {
            cur = pend[0];
            memmove(pend, pend + 1, (n_pend - 1) * sizeof(*pend));
            n_pend--;
        } else if (cur == (size_t)-1 && p->n_notes > 0) {
            cur = p->n_notes - 1;       /* a note continued */
        }
        if (cur != (size_t)-1)
            pc_note_append(p, &p->notes[cur], l->s, l->len);
        cur_ended = pc_ends_sentence(l->s, l->len);
    }
    for (i = first; i < p->n_notes && p->st == PILCROW_OK; i++) {
        if (p->notes[i].num[0] == '*')
            continue;
        find_marker(p, p->notes[i].num, &ml, &mo, a);
    }
}

/* Page furniture that pdftotext ran into a line of text, or a line of
 * furniture tokens only: job numbers with what stands beside them on
 * the page ("25-05942 (E) 220425", "25-10019 5/16 16/04/2025",
 * "GE.25-09438 (E) iii").  A group of furniture tokens holding a job
 * number or a barcode is dropped at the start or the end of line L;
 * inside a line, a job number followed by its language code, or the
 * document's own job number JOB (the digits, or ""), is deleted by an
 * edit.  Returns 1 when nothing is left of the line. */
static int
strip_furniture(struct parser *p, size_t li, const char *job)
{
    struct line *l = &p->lines[li];
    size_t i = 0, k, cut = 0, d;
    const char *h;
    int strong = 0;

    /* At the start. */
    while (i < l->len && (k = furn_token(l->s + i, l->len - i, &strong)) > 0) {
        i += k;
        while (i < l->len && l->s[i] == ' ')
            i++;
        if (strong)
            cut = i;
    }
    if (cut == l->len)
        return 1;
    if (cut > 0) {
        l->s += cut;
        l->len -= (uint32_t)cut;
    }
    /* At the end. */
    strong = 0;
    cut = l->len;
    for (i = l->len; i > 0;) {
        size_t b = i;
        unsigned char c = (unsigned char)l->s[i - 1];

        /* What no furniture token can end with (most words). */
        if (!(is_digit(c) || c == 'X' || c == '*' || c == '/' || c == ')' ||
              c == 'i' || c == 'v' || c == 'x' || c == '\0'))
            break;
        while (b > 0 && l->s[b - 1] != ' ')
            b--;
        if (b == i || furn_token(l->s + b, i - b, &strong) != i - b)
            break;
        if (strong)
            cut = b;
        i = b;
        while (i > 0 && l->s[i - 1] == ' ')
            i--;
    }
    if (cut < l->len) {
        while (cut > 0 && l->s[cut - 1] == ' ')
            cut--;
        l->len = (uint32_t)cut;
    }
    /* Inside.  A job number holds a '-' at most six bytes into its
     * word ("GE.25-"): only the words around a '-' are tried, found
     * with memchr() rather than by trying every byte of the line. */
    for (h = l->len >= 8 ? memchr(l->s + 2, '-', l->len - 2) : NULL; h;
         h = (size_t)(h - l->s) + 1 < l->len ?
             memchr(h + 1, '-', l->len - (size_t)(h - l->s) - 1) : NULL) {
        size_t e, f;

        i = (size_t)(h - l->s);
        while (i > 0 && l->s[i - 1] != ' ' && (size_t)(h - l->s) - i < 7)
            i--;
        if ((i > 0 && l->s[i - 1] != ' ') || i + 8 > l->len)
            continue;
        if ((e = job_token(l->s + i, l->len - i, &d)) == 0 ||
            (i + e < l->len && l->s[i + e] != ' '))
            continue;
        f = i + e;
        if (f + 4 <= l->len && l->s[f + 1] == '(' && l->s[f + 3] == ')' &&
            l->s[f + 2] >= 'A' && l->s[f + 2] <= 'Z')
            f += 4;
        else if (!(job[0] && memcmp(l->s + i + d, job, 8) == 0))
            continue;
        /* Date stamps beside it. */
        while (f + 7 <= l->len && l->s[f] == ' ' &&
               furn_token(l->s + f + 1, l->len - f - 1, &strong) == 6 &&
               is_digit((unsigned char)l->s[f + 1]))
            f += 7;
        add_edit(p, li, (uint32_t)i, (uint32_t)(f - i), "");
        h = l->s + f - 1;
    }
    return 0;
}

/* qsort() order of edits: by line, then offset. */
static int
edit_cmp(const void *a, const void *b)
{
    const struct edit *x = a, *y = b;

    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* Mark furniture and footnote regions of pdftotext output. */
void
pc_scan_pdf(struct parser *p)
{
    size_t i, j, ps, hist[256], total = 0, acc;
    char tmp[96];
    int counts[4] = { 0, 0, 0, 0 }, n_cand = 0;
    char cand[4][96], job[9] = "";

    /* The document's own job number: the first line of furniture
     * tokens that holds one ("25-09651 (E) 250425"). */
    for (i = 0; i < p->n_lines && job[0] == '\0'; i++) {
        struct line *l = &p->lines[i];
        size_t d, k;
        int strong = 0;

        if ((l->fl & L_BLANK) || (k = job_token(l->s, l->len, &d)) == 0 ||
            furn_token(l->s, l->len, &strong) == 0)
            continue;
        memcpy(job, l->s + d, 8);
        job[8] = '\0';
    }
    /* Shape furniture, and symbol-shaped lines at page edges. */
    for (i = 0; i < p->n_lines; i++) {
        struct line *l = &p->lines[i];

        if (l->fl & L_BLANK)
            continue;
        if (is_furniture(l) || strip_furniture(p, i, job) || l->len == 0) {
            l->fl |= L_DROP;
            continue;
        }
        if (pc_symbol_line(l, tmp, sizeof(tmp)) && l->s[l->len - 1] != '.') {
            int c;

            for (c = 0; c < n_cand; c++)
                if (strcmp(cand[c], tmp) == 0)
                    break;
            if (c == n_cand && n_cand < 4)
                memcpy(cand[n_cand++], tmp, sizeof(tmp));
            if (c < 4)
                counts[c]++;
        }
    }
    for (j = 0; j < (size_t)n_cand; j++)
        if (counts[j] >= 3 && p->n_runhead < 4)
            memcpy(p->runhead[p->n_runhead++], cand[j], 96);
    for (i = 0; i < p->n_lines; i++) {
        struct line *l = &p->lines[i];
        int c;

        if (l->fl & (L_BLANK | L_DROP))
            continue;
        if (!pc_symbol_line(l, tmp, sizeof(tmp)))
            continue;
        for (c = 0; c < p->n_runhead; c++)
            if (strcmp(p->runhead[c], tmp) == 0)
                l->fl |= L_DROP;
    }
    /* Bare page numbers: digits alone first or last on a page. */
    for (ps = 0; ps < p->n_lines; ps = j) {
        size_t first = (size_t)-1, last = (size_t)-1;

        for (j = ps; j < p->n_lines; j++) {
            if (j > ps && (p->lines[j].fl & L_PAGE))
                break;
            if (p->lines[j].fl & (L_BLANK | L_DROP))
                continue;
            if (first == (size_t)-1)
                first = j;
            last = j;
        }
        if (first != (size_t)-1) {
            size_t e[2] = { first, last }, q;

            for (q = 0; q < 2; q++) {
                struct line *l = &p->lines[e[q]];
                size_t d = 0;

                while (d < l->len && is_digit((unsigned char)l->s[d]))
                    d++;
                if (d == l->len && d <= 3 && (q == 0 || e[0] != e[1]))
                    l->fl |= L_DROP;
            }
        }
        /* Footnotes: from a rule to the end of the page. */
        for (i = ps; i < j; i++) {
            if (!(p->lines[i].fl & (L_BLANK | L_DROP)) &&
                is_rule(&p->lines[i])) {
                p->lines[i].fl |= L_DROP;
                if (i >= p->body)
                    page_footnotes(p, ps < p->body ? p->body : ps, i + 1, j);
                break;
            }
        }
    }
    /* Deletions of furniture came before the markers: order the edits
     * by line and offset, as pool_line() applies them. */
    if (p->n_edits > 1)
        qsort(p->edits, p->n_edits, sizeof(*p->edits), edit_cmp);
    /* Typical full line length: the 90th percentile. */
    memset(hist, 0, sizeof(hist));
    for (i = p->body; i < p->n_lines; i++) {
        const struct line *l = &p->lines[i];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        hist[l->len < 255 ? l->len : 255]++;
        total++;
    }
    p->width = 80;
    for (i = 0, acc = 0; i < 256 && total > 0; i++) {
        acc += hist[i];
        if (acc * 10 >= total * 9) {
            p->width = i;
            break;
        }
    }
}

/* ---- plain-digit markers of Markdown notes -------------------------- */

/* Is line I of a Markdown note's definition: "[^N]: ..." or a line
 * indented under it ("    FCCC/CP/2015/10/Add.1, decision 1/CP.21")? */
static int
md_note_text(const struct parser *p, size_t i)
{
    const struct line *l = &p->lines[i];

    /* A line's S is past its indent; the line before ends with '\n'. */
    while (!(l->fl & L_BLANK) && i > p->body &&
           (l->s[-1] == ' ' || l->s[-1] == '\t'))
        l = &p->lines[--i];
    return pc_line_starts(l, "[^") && memchr(l->s, ':', l->len) != NULL;
}

/* Is note NUM (K bytes) referenced as "[^NUM]" in the body lines? */
static int
md_referenced(const struct parser *p, const char *num, size_t k)
{
    size_t i, j;

    for (i = p->body; i < p->n_lines; i++) {
        const struct line *l = &p->lines[i];

        if (md_note_text(p, i))
            continue;
        for (j = 0; j + k + 3 <= l->len; j++)
            if (l->s[j] == '[' && l->s[j + 1] == '^' &&
                memcmp(l->s + j + 2, num, k) == 0 && l->s[j + 2 + k] == ']')
                return 1;
    }
    return 0;
}

/* Does the word that ends at S + END hold a '/' (a symbol or a
 * resolution number: "79/45", "A/80/124")? */
static int
slashed_word(const char *s, size_t end)
{
    while (end > 0 && s[end - 1] != ' ')
        if (s[--end] == '/')
            return 1;
    return 0;
}

/* Do the four bytes before S + END print a year, 1900 to 2099, that
 * starts its word? */
static int
year_before(const char *s, size_t end)
{
    size_t i;

    if (end < 4 || (end > 4 && (is_digit((unsigned char)s[end - 5]) ||
                                isalpha((unsigned char)s[end - 5]))))
        return 0;
    for (i = end - 4; i < end; i++)
        if (!is_digit((unsigned char)s[i]))
            return 0;
    return (s[end - 4] == '1' && s[end - 3] == '9') ||
           (s[end - 4] == '2' && s[end - 3] == '0');
}

/* Is the year before S + END that of a date, "14 February 2025"? */
static int
dated_year_before(const char *s, size_t end)
{
    size_t b, n;

    if (!year_before(s, end) || end < 6 || s[end - 5] != ' ')
        return 0;
    for (b = end - 5; b > 0 && (isalpha((unsigned char)s[b - 1]) ||
                                (unsigned char)s[b - 1] >= 0x80); b--)
        ;
    return pc_month_at(s + b, end - 5 - b, &n) > 0 && n == end - 5 - b;
}

/* Find note NUM's plain-digit marker in the body after line *LINE, byte
 * *OFF, and record its edit.  Converted documents lose superscripts:
 * "international law,1 the", "arsenals,5" (after punctuation, no
 * space; after a digit only where that ends a resolution number,
 * "resolution 79/45,1", a year, "November 2024,3", or before ';',
 * "79/7;1"), "right to life, 2 the" (after punctuation and a space, not
 * in a list of numbers), "the Treaty 6and" (glued to the next word),
 * and, when nothing else is found, "Social Development 1 and" (between
 * two words, after none that counts things and before no unit) and
 * "14 February 20254" (glued to the year of a date). */
static int
md_find_marker(struct parser *p, const char *num, size_t k, size_t *line,
               size_t *off)
{
    int pass;
    size_t i, j, nx;

    for (pass = 0; pass < 5; pass++) {
        for (i = *line; i < p->n_lines; i++) {
            const struct line *l = &p->lines[i];

            if ((l->fl & (L_BLANK | L_DROP)) || md_note_text(p, i))
                continue;
            for (j = i == *line ? *off : 0; j + k <= l->len; j++) {
                unsigned char before, after;

                if (j == 0 || memcmp(l->s + j, num, k) != 0 ||
                    (is_digit((unsigned char)l->s[j - 1]) &&
                     !(pass == 4 && dated_year_before(l->s, j))))
                    continue;
                before = (unsigned char)l->s[j - 1];
                after = j + k < l->len ? (unsigned char)l->s[j + k] : ' ';
                if (is_digit(after))
                    continue;
                if (pass == 0 &&
                    (strchr(",.;:", before) == NULL ||
                     (after != ' ' && after != ',') ||
                     (before == '.' && (slashed_word(l->s, j - 1) ||
                                        abbrev_before(l->s, j - 1))) ||
                     (j >= 2 && is_digit((unsigned char)l->s[j - 2]) &&
                      before != ';' && !slashed_word(l->s, j - 1) &&
                      !(k <= 2 && before != '.' &&
                        year_before(l->s, j - 1)))))
                    continue;
                /* The next word: past the spaces after the number
                 * ("Commitment, 7  which"). */
                for (nx = j + k; nx < l->len && l->s[nx] == ' '; nx++)
                    ;
                if (pass == 1 &&
                    (before != ' ' || j < 3 || strchr(",;", l->s[j - 2]) ==
                     NULL || is_digit((unsigned char)l->s[j - 3]) ||
                     after != ' ' ||
                     (nx < l->len && !islower((unsigned char)l->s[nx]))))
                    continue;
                if (pass == 2 && !(before == ' ' && islower(after)))
                    continue;
                if (pass == 3 &&
                    (before != ' ' || j < 2 ||
                     !isalpha((unsigned char)l->s[j - 2]) ||
                     stop_word(l->s, j - 1) || after != ' ' ||
                     nx >= l->len || !islower((unsigned char)l->s[nx]) ||
                     unit_word(l->s + nx, l->len - nx)))
                    continue;
                if (pass == 4 && (!is_digit((unsigned char)l->s[j - 1]) ||
                                  strchr(" ,;", after) == NULL))
                    continue;
                add_edit(p, i, (uint32_t)j, (uint32_t)k, num);
                *line = i;
                *off = j + k;
                return 1;
            }
        }
    }
    return 0;
}

/* The number of the Markdown note defined on line L ("[^12]: ..."),
 * of at most three digits; 0 when L defines none. */
static unsigned
md_note_number(const struct line *l)
{
    const char *e;
    unsigned n = 0;
    size_t k;

    if (!pc_line_starts(l, "[^") || (e = memchr(l->s, ']', l->len)) == NULL
        || (size_t)(e - l->s) + 1 >= l->len || e[1] != ':')
        return 0;
    for (k = 2; l->s + k < e; k++) {
        if (!is_digit((unsigned char)l->s[k]) || k > 4)
            return 0;
        n = n * 10 + (unsigned)(l->s[k] - '0');
    }
    return n;
}

void
pc_scan_md_markers(struct parser *p)
{
    size_t i, m, line = p->body, off = 0;
    unsigned num_i, num_m;
    int any = 0;

    for (i = p->body; i < p->n_lines && p->st >= 0; i++) {
        const struct line *l = &p->lines[i];
        char num[8];
        size_t k;

        if ((num_i = md_note_number(l)) == 0)
            continue;
        k = (size_t)snprintf(num, sizeof(num), "%u", num_i);
        if (md_referenced(p, num, k))
            continue;
        /* A note out of order, which a later one's number undercuts,
         * is a line of a note's text that starts with a number ("[^7]:
         * February 1984." between notes 2 and 3): its marker is not
         * looked for, lest the search pass the others' markers. */
        for (m = i + 1; m < p->n_lines; m++)
            if ((num_m = md_note_number(&p->lines[m])) > 0 && num_m < num_i)
                break;
        if (m < p->n_lines)
            continue;
        if (md_find_marker(p, num, k, &line, &off))
            any = 1;
    }
    if (any && p->n_edits > 1)
        qsort(p->edits, p->n_edits, sizeof(*p->edits), edit_cmp);
}
