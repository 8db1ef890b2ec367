/*
 * parse.c - clean text -> records (SPEC section 2, issue 3).
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
    U_CONTENTS      /* a skipped contents table */
};

struct unit {
    uint8_t type;
    char num[16];
    size_t off, len;    /* text (or heading title) in the pool */
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
    char symbol[96];            /* symbol found in the text */
    char runhead[4][96];        /* running heads (pdf) */
    int n_runhead;
};

/* ================================================================== */
/* Small predicates on bytes and lines                                 */
/* ================================================================== */

static int
is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v';
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* strchr(".?!:;", c) != NULL, without the call (NUL matches too). */
static int
stop_byte(char c)
{
    return c == '.' || c == '?' || c == '!' || c == ':' || c == ';' ||
           c == '\0';
}

/* Does line L equal the NUL-terminated S? */
static int
line_is(const struct line *l, const char *s)
{
    size_t n = strlen(s);

    return l->len == n && memcmp(l->s, s, n) == 0;
}

/* Does line L start with S? */
static int
line_starts(const struct line *l, const char *s)
{
    size_t n = strlen(s);

    return l->len >= n && memcmp(l->s, s, n) == 0;
}

/* Does L end with S? */
static int
line_ends(const struct line *l, const char *s)
{
    size_t n = strlen(s);

    return l->len >= n && memcmp(l->s + l->len - n, s, n) == 0;
}

/* The value of the superscript digit whose UTF-8 encoding starts at P
 * (N bytes available), with its length in *K; -1 when there is none. */
static int
superscript_digit(const char *p, size_t n, size_t *k)
{
    const unsigned char *u = (const unsigned char *)p;

    if (n >= 2 && u[0] == 0xC2) {
        *k = 2;
        if (u[1] == 0xB9)
            return 1;
        if (u[1] == 0xB2)
            return 2;
        if (u[1] == 0xB3)
            return 3;
    } else if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81) {
        *k = 3;
        if (u[2] == 0xB0)
            return 0;
        if (u[2] >= 0xB4 && u[2] <= 0xB9)
            return u[2] - 0xB0;
    }
    return -1;
}

/* Append the superscript form of the ASCII digits at D (N bytes). */
static void
put_superscript(pilcrow_status *st, struct pc_buf *b, const char *d,
                size_t n)
{
    static const char *const sup[10] = {
        "\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
        "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7",
        "\xE2\x81\xB8", "\xE2\x81\xB9"
    };
    size_t i;

    for (i = 0; i < n; i++)
        if (is_digit(d[i]))
            pc_buf_puts(st, b, sup[d[i] - '0']);
}

/* The UTF-8 superscript form of ASCII digit D. */
static const char *
superscript_str(char d)
{
    static const char *const sup[10] = {
        "\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
        "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7",
        "\xE2\x81\xB8", "\xE2\x81\xB9"
    };

    return sup[d - '0'];
}

/* Does the text S (N bytes) end a sentence: its last character, after
 * closing quotes, brackets, note markers and a trailing plain-digit
 * marker (pdftotext), one of . ? ! : ; */
static int
ends_sentence(const char *s, size_t n)
{
    size_t k, m;

    for (;;) {
        while (n > 0 && is_space((unsigned char)s[n - 1]))
            n--;
        if (n == 0)
            return 0;
        if (s[n - 1] == ')' || s[n - 1] == '"' || s[n - 1] == '\'' ||
            s[n - 1] == ']' || s[n - 1] == '*') {
            n--;
            continue;
        }
        /* ” ’ (E2 80 9D, E2 80 99) */
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
            (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x9D ||
             (unsigned char)s[n - 1] == 0x99)) {
            n -= 3;
            continue;
        }
        /* A superscript marker. */
        if (n >= 2 && superscript_digit(s + n - 2, 2, &k) >= 0) {
            n -= 2;
            continue;
        }
        if (n >= 3 && superscript_digit(s + n - 3, 3, &k) >= 0) {
            n -= 3;
            continue;
        }
        break;
    }
    /* "... 2024. 1": a plain-digit marker after the full stop. */
    m = n;
    while (m > 0 && is_digit((unsigned char)s[m - 1]))
        m--;
    if (m < n && n - m <= 2 && m >= 2 && s[m - 1] == ' ' &&
        stop_byte(s[m - 2]))
        return 1;
    return stop_byte(s[n - 1]);
}

/* A numbered paragraph start at L: 1-3 digits, then "." or ":", then
 * the end of the line or white space.  Writes the number into NUM (16
 * bytes) and the offset of the text after it into *REST.  Returns 1 or
 * 0. */
static int
para_start(const struct line *l, char *num, size_t *rest)
{
    size_t i = 0;

    while (i < l->len && i < 4 && is_digit((unsigned char)l->s[i]))
        i++;
    if (i == 0 || i > 3 || i >= l->len)
        return 0;
    if (l->s[0] == '0')
        return 0;
    if (l->s[i] != '.' && l->s[i] != ':')
        return 0;
    if (i + 1 < l->len && !is_space((unsigned char)l->s[i + 1]))
        return 0;
    if (l->s[i] == ':' && i + 1 >= l->len)
        return 0;
    memcpy(num, l->s, i);
    num[i] = '\0';
    i++;
    while (i < l->len && is_space((unsigned char)l->s[i]))
        i++;
    *rest = i;
    return 1;
}

/* The value of roman numeral S (N bytes, upper case), 0 if invalid. */
static int
roman_value(const char *s, size_t n)
{
    static const char *const r[] = {
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
        "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX",
        "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII",
        "XXVIII", "XXIX", "XXX"
    };
    int i;

    for (i = 1; i <= 30; i++)
        if (strlen(r[i]) == n && memcmp(r[i], s, n) == 0)
            return i;
    return 0;
}

/* A heading label at L: "IV." or "B." followed by the end of the line
 * or white space.  Writes the label into LABEL (16 bytes), the offset
 * of the title into *REST; returns the label's length or 0. */
static size_t
head_label(const struct line *l, char *label, size_t *rest)
{
    size_t i = 0;

    while (i < l->len && i < 8 && l->s[i] >= 'A' && l->s[i] <= 'Z')
        i++;
    if (i == 0 || i >= 8 || i >= l->len || l->s[i] != '.')
        return 0;
    if (i + 1 < l->len && !is_space((unsigned char)l->s[i + 1]))
        return 0;
    if (i > 1 && roman_value(l->s, i) == 0)
        return 0;
    memcpy(label, l->s, i);
    label[i] = '\0';
    i++;
    while (i < l->len && is_space((unsigned char)l->s[i]))
        i++;
    *rest = i;
    return i > 0 ? strlen(label) : 0;
}

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

/* A contents line with dotted leaders (". . . ." or "....."). */
static int
has_leader(const struct line *l)
{
    size_t i, run = 0;
    const char *d = l->len >= 5 ? memchr(l->s, '.', l->len) : NULL;

    /* Most lines have no dot at all, or one far from the end. */
    if (d == NULL || l->len - (size_t)(d - l->s) < 5)
        return 0;
    /* A leader: five dots, each the next byte after the one before or
     * the one after a single space.  From a dot that ends a run, the
     * next run can only start at the next dot. */
    for (i = (size_t)(d - l->s);;) {
        if (++run >= 5)
            return 1;
        if (i + 1 < l->len && l->s[i + 1] == '.')
            i++;
        else if (i + 2 < l->len && l->s[i + 1] == ' ' && l->s[i + 2] == '.')
            i += 2;
        else {
            run = 0;
            if (i + 1 >= l->len ||
                (d = memchr(l->s + i + 1, '.', l->len - i - 1)) == NULL)
                return 0;
            i = (size_t)(d - l->s);
        }
    }
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
 * "180625", page counters "2/20". */
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

/* If line L is shaped like a UN document symbol ("A/79/352",
 * "A/79/716-S/2025/18", "S/RES/2768 (2025)", "A /79/PV.64"), write it
 * normalised (no '*', no space around '/', dashes as '-') into OUT of
 * SIZE bytes and return 1. */
static int
symbol_line(const struct line *l, char *out, size_t size)
{
    size_t i, o = 0, n_slash = 0, n_digit = 0, main_end = 0;
    const unsigned char *s = (const unsigned char *)l->s;
    int in_suffix = 0;

    /* Every symbol has a '/': most lines fail here at memchr() speed
     * (this runs on every line of a pdftotext document). */
    if (l->len == 0 || l->len > 80 || s[0] < 'A' || s[0] > 'Z' ||
        memchr(s, '/', l->len) == NULL)
        return 0;
    for (i = 0; i < l->len; i++) {
        unsigned char c = s[i];

        if (o + 8 >= size)
            return 0;
        if (c == '*')
            continue;
        if (c == 0xE2 && i + 2 < l->len && s[i + 1] == 0x80 &&
            (s[i + 2] == 0x93 || s[i + 2] == 0x94)) {
            out[o++] = '-';         /* en/em dash */
            i += 2;
            continue;
        }
        if (c == 0xE2 && i + 2 < l->len && s[i + 1] == 0x88 &&
            s[i + 2] == 0x92) {
            out[o++] = '-';         /* minus sign */
            i += 2;
            continue;
        }
        /* "JIU/REP/2025/1 [Expanded report]": a bracketed remark
         * after the symbol is not part of it. */
        if (c == ' ' && i + 1 < l->len && s[i + 1] == '[' && main_end > 0 &&
            l->s[l->len - 1] == ']')
            break;
        /* "A./47/435": a full stop before a slash is a slip (no part
         * of a symbol ends with one). */
        if (c == '.' && i + 1 < l->len && s[i + 1] == '/')
            continue;
        /* "ICCD/COP(8)/CST/8": a session number in parentheses inside
         * the symbol. */
        if (c == '(' && !in_suffix && i + 3 < l->len) {
            size_t q = i + 1;

            while (q < l->len && is_digit(s[q]))
                q++;
            if (q > i + 1 && q + 1 < l->len && s[q] == ')' && s[q + 1] == '/') {
                memcpy(out + o, l->s + i, q + 1 - i);
                o += q + 1 - i;
                i = q;
                main_end = o;
                continue;
            }
        }
        if (c == ' ') {
            if (i + 1 < l->len && s[i + 1] == '/')
                continue;
            if (o > 0 && out[o - 1] == '/')
                continue;
            if (i + 1 < l->len && s[i + 1] == '(') {
                in_suffix = 1;
                out[o++] = ' ';
                continue;
            }
            if (in_suffix) {
                out[o++] = ' ';
                continue;
            }
            return 0;
        }
        if (c == '/') {
            n_slash++;
        } else if (is_digit(c)) {
            n_digit++;
        } else if (c == '(' && !in_suffix && o > 0 && is_digit(out[o - 1])) {
            in_suffix = 1;      /* "E/ICEF/672(Première partie)" */
        } else if (!(isalpha(c) || c == '.' || c == '-' ||
                     (in_suffix && (c == '(' || c == ')' || c >= 0x80)))) {
            return 0;
        }
        out[o++] = (char)c;
        if (!in_suffix)
            main_end = o;
    }
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '-'))
        o--;
    out[o] = '\0';
    if (n_slash == 0 || n_digit == 0 || main_end < 3 ||
        out[main_end - 1] == '.')
        return 0;
    return 1;
}

/* Parse a date "18 September 1997" (or "September 18, 1997") at S (N
 * bytes) into OUT ("1997-09-18", 11 bytes).  Returns 1 or 0. */
static int
parse_date(const char *s, size_t n, char *out)
{
    static const char *const months[12] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"
    };
    size_t i = 0, j;
    int day = 0, month = 0, year = 0, m;

    while (i < n && is_space((unsigned char)s[i]))
        i++;
    if (i < n && is_digit((unsigned char)s[i])) {
        /* Saturating: a long run of digits is no day, and must not
         * overflow. */
        while (i < n && is_digit((unsigned char)s[i])) {
            if (day < 1000)
                day = day * 10 + (s[i] - '0');
            i++;
        }
        while (i < n && s[i] == ' ')
            i++;
    }
    for (m = 0; m < 12; m++) {
        j = strlen(months[m]);
        if (i + j <= n && strncasecmp(s + i, months[m], j) == 0)
            break;
    }
    if (m == 12)
        return 0;
    month = m + 1;
    i += j;
    while (i < n && (s[i] == ' ' || s[i] == ','))
        i++;
    if (day == 0) {
        while (i < n && is_digit((unsigned char)s[i])) {
            if (day < 1000)
                day = day * 10 + (s[i] - '0');
            i++;
        }
        while (i < n && (s[i] == ' ' || s[i] == ','))
            i++;
    }
    for (j = 0; j < 4 && i < n && is_digit((unsigned char)s[i]); j++)
        year = year * 10 + (s[i++] - '0');
    while (i < n && is_space((unsigned char)s[i]))
        i++;
    if (j != 4 || day < 1 || day > 31 || i != n)
        return 0;
    out[0] = (char)('0' + year / 1000);
    out[1] = (char)('0' + year / 100 % 10);
    out[2] = (char)('0' + year / 10 % 10);
    out[3] = (char)('0' + year % 10);
    out[4] = '-';
    out[5] = (char)('0' + month / 10);
    out[6] = (char)('0' + month % 10);
    out[7] = '-';
    out[8] = (char)('0' + day / 10);
    out[9] = (char)('0' + day % 10);
    out[10] = '\0';
    return 1;
}

/* ================================================================== */
/* Pass 1: lines                                                       */
/* ================================================================== */

static void
split_lines(struct parser *p)
{
    const char *s = p->text, *end = p->text + p->len, *nl;
    size_t cap = 0;
    int page = 0;

    while (s < end && p->st == PILCROW_OK) {
        struct line *l;
        const char *e;

        nl = memchr(s, '\n', (size_t)(end - s));
        e = nl ? nl : end;
        if (p->n_lines == cap) {
            struct line *t;

            cap = cap ? cap * 2 : 1024;
            t = pc_reallocarray(p->lines, cap, sizeof(*t));
            if (t == NULL) {
                p->st = PILCROW_NOMEM;
                return;
            }
            p->lines = t;
        }
        l = &p->lines[p->n_lines++];
        l->fl = 0;
        while (s < e && (is_space((unsigned char)*s) || *s == '\f')) {
            if (*s == '\f') {
                page = 1;
                p->pdf = 1;
            }
            s++;
        }
        while (e > s && (is_space((unsigned char)e[-1]) || e[-1] == '\f')) {
            if (e[-1] == '\f') {
                page = 1;
                p->pdf = 1;
            }
            e--;
        }
        /* A form feed inside a line: the page break comes first. */
        l->s = s;
        l->len = (uint32_t)(e - s);
        if (l->len > 0 && memchr(s, '\f', l->len) != NULL) {
            const char *ff = memchr(s, '\f', l->len);

            l->len = (uint32_t)(ff - s);
            p->pdf = 1;
        }
        if (l->len == 0)
            l->fl |= L_BLANK;
        else if (page) {
            l->fl |= L_PAGE;
            page = 0;
        }
        s = nl ? nl + 1 : end;
    }
}

/* ================================================================== */
/* Pass 2: metadata                                                    */
/* ================================================================== */

/* Set doc field *DST (unless already set) to the N bytes at S. */
static void
set_meta(struct parser *p, const char **dst, const char *s, size_t n)
{
    while (n > 0 && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && (is_space((unsigned char)s[n - 1]) || s[n - 1] == '"'))
        n--;
    if (n > 0 && *s == '"') {
        s++;
        n--;
    }
    if (*dst == NULL && n > 0)
        *dst = pc_arena_strndup(&p->st, &p->doc->arena, s, n);
}

/* YAML front matter of Markdown files: "---", "key: value" lines,
 * "---".  Returns the index of the first line after it. */
static size_t
yaml_front_matter(struct parser *p)
{
    size_t i;

    if (p->n_lines == 0 || !line_is(&p->lines[0], "---"))
        return 0;
    for (i = 1; i < p->n_lines && i < 200; i++) {
        struct line *l = &p->lines[i];
        const char *c;

        if (line_is(l, "---")) {
            size_t k;

            for (k = 0; k <= i; k++)
                p->lines[k].fl |= L_DROP;
            p->md = 1;
            return i + 1;
        }
        c = memchr(l->s, ':', l->len);
        if (c == NULL)
            continue;
        if (line_starts(l, "symbol:"))
            set_meta(p, &p->doc->symbol, c + 1, l->len - (size_t)(c + 1 - l->s));
        else if (line_starts(l, "title:"))
            set_meta(p, &p->doc->title, c + 1, l->len - (size_t)(c + 1 - l->s));
        else if (line_starts(l, "date:"))
            set_meta(p, &p->doc->date, c + 1, l->len - (size_t)(c + 1 - l->s));
        else if (line_starts(l, "language:")) {
            char lang[4] = "";
            const char *v = c + 1;

            while (*v == ' ' || *v == '"')
                v++;
            if (isalpha((unsigned char)v[0]) && isalpha((unsigned char)v[1])) {
                lang[0] = (char)tolower((unsigned char)v[0]);
                lang[1] = (char)tolower((unsigned char)v[1]);
                set_meta(p, &p->doc->language, lang, 2);
            }
        }
    }
    return 0;
}

/* A line of front matter that labels the document rather than titles
 * it: organ, distribution, language, session, agenda item, date. */
static int
is_label(const struct line *l)
{
    static const char *const starts[] = {
        "Distr", "Original", "ORIGINAL", "Agenda item", "Item ",
        "General Assembly", "Security Council", "Economic and Social",
        "United Nations", "UNITED", "NATIONS", "GENERAL", "Language:",
        "Symbol:", "Provisional agenda item", "Executive Board",
        "English", "ENGLISH", "Arabic", "French", "Spanish", "Russian",
        "Chinese", "Council", "Assembly", NULL
    };
    char tmp[96], date[11];
    size_t i;

    for (i = 0; starts[i]; i++)
        if (line_starts(l, starts[i]))
            return 1;
    if (l->len < 60 && (line_ends(l, " session") || line_ends(l, " year") ||
                        line_ends(l, " session,") || line_ends(l, "agenda*")))
        return 1;
    if (parse_date(l->s, l->len, date))
        return 1;
    if (symbol_line(l, tmp, sizeof(tmp)))
        return 1;
    return 0;
}

/* A subtitle line: "Report of the Secretary-General", "Note by ...". */
static int
is_subtitle(const struct line *l)
{
    static const char *const starts[] = {
        "Report of the", "Note by the", "Letter dated", "Identical letters",
        "Resolution adopted", "Statement by", "Draft resolution",
        "Report on the", "Memorandum by", "Note verbale", "Decision adopted",
        NULL
    };
    size_t i;

    for (i = 0; starts[i]; i++)
        if (line_starts(l, starts[i]))
            return 1;
    return 0;
}

/* The next line at or after I that is not blank or dropped; N_LINES
 * when none. */
static size_t
next_content(const struct parser *p, size_t i)
{
    while (i < p->n_lines && (p->lines[i].fl & (L_BLANK | L_DROP)))
        i++;
    return i;
}

/* Join lines [A, B) that are not blank or dropped into the doc title. */
static void
set_title(struct parser *p, size_t a, size_t b)
{
    struct pc_buf t = PC_BUF_INIT;
    size_t i;

    if (p->doc->title != NULL)
        return;
    for (i = a; i < b; i++) {
        const struct line *l = &p->lines[i];

        if (l->fl & (L_BLANK | L_DROP))
            continue;
        if (t.len > 0)
            pc_buf_putc(&p->st, &t, ' ');
        pc_buf_append(&p->st, &t, l->s, l->len);
    }
    while (t.len > 0 && (t.data[t.len - 1] == '*' || t.data[t.len - 1] == ' '))
        t.data[--t.len] = '\0';
    if (t.len > 0)
        set_meta(p, &p->doc->title, t.data, t.len);
    pc_buf_free(&t);
}

/* The symbol anywhere on the first page (pdftotext may put it after
 * the lines that end the front matter, or at the page's foot), when
 * the front matter had none. */
static void
first_page_symbol(struct parser *p, size_t start)
{
    size_t i, seen = 0;
    char tmp[96];

    for (i = start; i < p->n_lines && seen < 80; i++) {
        const struct line *l = &p->lines[i];

        if (i > start && (l->fl & L_PAGE))
            break;
        if (l->fl & (L_BLANK | L_DROP))
            continue;
        seen++;
        if (symbol_line(l, tmp, sizeof(tmp))) {
            memcpy(p->symbol, tmp, sizeof(tmp));
            return;
        }
    }
}

/* Find the metadata lines and the start of the body. */
static void
scan_front_matter(struct parser *p, size_t start)
{
    size_t i, seen = 0, last_label = (size_t)-1, title_a, sub = (size_t)-1;
    size_t limit;
    char tmp[96], date[11];
    int distr = -1;

    p->body = start;
    for (i = start; i < p->n_lines && seen < 60; i++) {
        struct line *l = &p->lines[i];
        size_t rest;
        char num[16];

        if (l->fl & (L_BLANK | L_DROP))
            continue;
        seen++;
        if (line_starts(l, "Symbol:")) {
            set_meta(p, &p->doc->symbol, l->s + 7, l->len - 7);
            l->fl |= L_DROP;
            last_label = i;
            continue;
        }
        if (line_starts(l, "Language:")) {
            const char *v = l->s + 9;
            size_t n = l->len - 9;

            while (n > 0 && *v == ' ') {
                v++;
                n--;
            }
            if (n >= 2 && p->doc->language == NULL) {
                char lang[3];

                lang[0] = (char)tolower((unsigned char)v[0]);
                lang[1] = (char)tolower((unsigned char)v[1]);
                lang[2] = '\0';
                set_meta(p, &p->doc->language, lang, 2);
            }
            l->fl |= L_DROP;
            last_label = i;
            continue;
        }
        if (line_starts(l, "Distr"))
            distr = (int)seen;
        if (p->doc->date == NULL && distr >= 0 && (int)seen - distr <= 5) {
            const char *c = memchr(l->s, ':', l->len);

            if (parse_date(l->s, l->len, date) ||
                (c && parse_date(c + 1, l->len - (size_t)(c + 1 - l->s),
                                 date)))
                set_meta(p, &p->doc->date, date, 10);
        }
        if (p->symbol[0] == '\0' && symbol_line(l, tmp, sizeof(tmp)) &&
            seen <= 40)
            memcpy(p->symbol, tmp, sizeof(tmp));
        if (line_is(l, "Summary") || line_is(l, "SUMMARY") ||
            para_start(l, num, &rest) || head_label(l, num, &rest) > 1)
            break;
        if (is_subtitle(l)) {
            sub = i;
            break;
        }
        if (is_label(l))
            last_label = i;
    }
    if (last_label == (size_t)-1)
        return;                         /* no front matter */
    title_a = last_label + 1;
    if (sub != (size_t)-1) {
        /* The subtitle runs to a blank line or a short line. */
        size_t j = sub, prev_len = p->lines[sub].len, rest2;
        char num2[16];

        limit = sub + 4;
        /* ... and never takes a paragraph number or a heading ("Note
         * by the Secretariat" then "1." alone on the next line). */
        while (j + 1 < p->n_lines && j + 1 < limit &&
               !(p->lines[j + 1].fl & (L_BLANK | L_DROP)) &&
               !is_subtitle(&p->lines[j + 1]) &&
               !para_start(&p->lines[j + 1], num2, &rest2) &&
               !head_label(&p->lines[j + 1], num2, &rest2) &&
               !(p->lines[j].len * 4 < prev_len * 3) &&
               !ends_sentence(p->lines[j].s, p->lines[j].len) &&
               !line_is(&p->lines[j + 1], "Summary")) {
            prev_len = p->lines[j].len;
            j++;
        }
        /* The title: the last block between the labels and here. */
        limit = sub;
        while (limit > title_a && (p->lines[limit - 1].fl & L_BLANK))
            limit--;
        for (i = limit; i > title_a; i--)
            if (p->lines[i - 1].fl & L_BLANK) {
                title_a = i;
                break;
            }
        if (title_a < limit)
            set_title(p, title_a, limit);
        else
            set_title(p, sub, j + 1);
        p->body = j + 1;
    } else {
        /* No subtitle: the title is the block after the labels. */
        i = next_content(p, title_a);
        if (i < p->n_lines && (line_is(&p->lines[i], "Summary") ||
                               i >= title_a + 12)) {
            p->body = i;
            return;
        }
        if (i < p->n_lines) {
            char num[16];
            size_t rest;

            if (para_start(&p->lines[i], num, &rest) ||
                head_label(&p->lines[i], num, &rest)) {
                p->body = i;
                return;
            }
        }
        title_a = i;
        while (i < p->n_lines && !(p->lines[i].fl & L_BLANK) &&
               i < title_a + 4)
            i++;
        if (i > title_a && ends_sentence(p->lines[i - 1].s,
                                         p->lines[i - 1].len)) {
            p->body = title_a;          /* a paragraph, not a title */
            return;
        }
        set_title(p, title_a, i);
        p->body = i;
    }
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
        "step", "Option", "option", "building", "room", NULL
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

static void
add_edit(struct parser *p, size_t line, uint32_t off, uint32_t len,
         const char *num)
{
    struct edit *e;

    if (p->st < 0)
        return;
    if (p->n_edits == p->cap_edits) {
        size_t cap = p->cap_edits ? p->cap_edits * 2 : 64;

        e = pc_reallocarray(p->edits, cap, sizeof(*e));
        if (e == NULL) {
            p->st = PILCROW_NOMEM;
            return;
        }
        p->edits = e;
        p->cap_edits = cap;
    }
    e = &p->edits[p->n_edits++];
    e->line = line;
    e->off = off;
    e->len = len;
    snprintf(e->num, sizeof(e->num), "%s", num);
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

    for (pass = 0; pass < 2; pass++) {
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
                if (j < 2 || s[j - 1] != ' ' || memcmp(s + j, num, k) != 0)
                    continue;
                after = j + k < l->len ? (unsigned char)s[j + k] : '\n';
                if (!(after == '\n' || after == ' ' || after == ',' ||
                      after == ';' || after == ')' || after == '.'))
                    continue;
                if (after == '.' && j + k + 1 < l->len &&
                    is_digit((unsigned char)s[j + k + 1]))
                    continue;
                before = (unsigned char)s[j - 2];
                if (pass == 0) {
                    if (!(strchr(".,;:)\"'", before) != NULL ||
                          (before == 0x9D || before == 0x99)))
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
static struct note *
new_note(struct parser *p, const char *num, size_t n)
{
    struct note *nt;

    if (p->st < 0)
        return NULL;
    if (p->n_notes == p->cap_notes) {
        size_t cap = p->cap_notes ? p->cap_notes * 2 : 32;

        nt = pc_reallocarray(p->notes, cap, sizeof(*nt));
        if (nt == NULL) {
            p->st = PILCROW_NOMEM;
            return NULL;
        }
        p->notes = nt;
        p->cap_notes = cap;
    }
    nt = &p->notes[p->n_notes++];
    memset(nt, 0, sizeof(*nt));
    if (n >= sizeof(nt->num))
        n = sizeof(nt->num) - 1;
    memcpy(nt->num, num, n);
    nt->num[n] = '\0';
    return nt;
}

/* Append line text S (N bytes) to note NT, joined with a space. */
static void
note_append(struct parser *p, struct note *nt, const char *s, size_t n)
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
static int
foot_marker(const struct line *l, size_t *k, size_t *rest)
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

/* Parse the footnote region [A, B) of a page into notes, and find each
 * note's marker in the body lines [PS, A). */
static void
page_footnotes(struct parser *p, size_t ps, size_t a, size_t b)
{
    size_t pend[16], n_pend = 0, i, k, rest, first = p->n_notes;
    size_t ml = ps, mo = 0, cur = (size_t)-1;
    struct note *nt;
    int cur_ended = 0;

    /* Notes are kept by index: new_note() may move the array. */
    for (i = a; i < b && p->st == PILCROW_OK; i++) {
        struct line *l = &p->lines[i];

        l->fl |= L_FOOT;
        if (l->fl & (L_BLANK | L_DROP))
            continue;
        if (foot_marker(l, &k, &rest)) {
            if (rest >= l->len) {
                if (n_pend < 16 && (nt = new_note(p, l->s, k)) != NULL)
                    pend[n_pend++] = (size_t)(nt - p->notes);
                continue;
            }
            if ((nt = new_note(p, l->s, k)) == NULL)
                break;
            cur = (size_t)(nt - p->notes);
            note_append(p, nt, l->s + rest, l->len - rest);
            cur_ended = ends_sentence(l->s, l->len);
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
            note_append(p, &p->notes[cur], l->s, l->len);
        cur_ended = ends_sentence(l->s, l->len);
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
static void
scan_pdf(struct parser *p)
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
        if (symbol_line(l, tmp, sizeof(tmp)) && l->s[l->len - 1] != '.') {
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
        if (!symbol_line(l, tmp, sizeof(tmp)))
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
    size_t prev_len;            /* its length */
    int need_text;              /* "N." alone: the text follows */
    int notes_mode;             /* inside a Notes section */
    int last_num;               /* last paragraph number of the region */
    size_t pend[8];             /* numbered units still waiting for text */
    int n_pend;                 /* entries in pend */
    int roman;                  /* current roman section value */
    char letter;                /* current letter section */
};

static struct unit *
add_unit(struct parser *p, struct cutter *c, int type, const char *num)
{
    struct unit *u;

    if (p->st < 0)
        return NULL;
    if (p->n_units == p->cap_units) {
        size_t cap = p->cap_units ? p->cap_units * 2 : 128;

        u = pc_reallocarray(p->units, cap, sizeof(*u));
        if (u == NULL) {
            p->st = PILCROW_NOMEM;
            return NULL;
        }
        p->units = u;
        p->cap_units = cap;
    }
    u = &p->units[p->n_units];
    c->cur_i = p->n_units++;
    u->type = (uint8_t)type;
    snprintf(u->num, sizeof(u->num), "%s", num ? num : "");
    u->off = p->pool.len;
    u->len = 0;
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
        put_superscript(&p->st, pool, e->num, strlen(e->num));
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
    if (u->len > 0) {
        const char *last = p->pool.data + p->pool.len - 1;

        if (!(p->pdf && *last == '-' && u->len >= 2 &&
              isalpha((unsigned char)last[-1]) &&
              islower((unsigned char)l->s[a])))
            pc_buf_putc(&p->st, &p->pool, ' ');
    }
    pool_line(p, c, i, a, l->len);
    u->len = p->pool.len - u->off;
    c->prev_end = ends_sentence(l->s, l->len);
    c->prev_len = l->len;
    c->blank = 0;
    c->need_text = 0;
}

/* Close the open unit (and note). */
static void
close_unit(struct cutter *c)
{
    c->cur = NULL;
    c->note = NULL;
}

/* The heading title of a label line I whose title starts at REST (or on
 * the next lines when REST is at the end).  Returns the last line used. */
static size_t
heading(struct parser *p, struct cutter *c, int type, const char *label,
        size_t i, size_t rest)
{
    const struct line *l = &p->lines[i];
    size_t j, n = 0;

    add_unit(p, c, type, label);
    if (rest < l->len) {
        unit_text(p, c, i, rest);
        j = i;
    } else {
        char num[16];
        size_t r;

        /* The title on the next line; but a paragraph number there
         * ("I." then "1." alone: pdftotext put the title before the
         * label) leaves the heading untitled. */
        j = next_content(p, i + 1);
        if (j >= p->n_lines || (p->lines[j].fl & L_FOOT) ||
            para_start(&p->lines[j], num, &r)) {
            close_unit(c);
            c->prev_end = 1;
            c->blank = 1;
            return i;
        }
        unit_text(p, c, j, 0);
    }
    /* pdftotext wraps long headings. */
    while (p->pdf && n < 2 && j + 1 < p->n_lines &&
           !(p->lines[j + 1].fl & (L_BLANK | L_DROP | L_FOOT | L_PAGE)) &&
           !c->prev_end && p->lines[j].len + 10 < p->width + 20 &&
           islower((unsigned char)p->lines[j + 1].s[0])) {
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

    if (!(line_starts(l, "Annex") || line_starts(l, "ANNEX")))
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

/* The last contents line after the "Contents" line I: the last line
 * with dotted leaders (pdftotext) and the labels and page numbers that
 * trail it on its page, or the end of the next block (clean text). */
static size_t
contents_end(struct parser *p, size_t i)
{
    size_t j, last = (size_t)-1, since = 0;

    if (!p->pdf) {
        j = next_content(p, i + 1);
        while (j < p->n_lines && !(p->lines[j].fl & L_BLANK))
            j++;
        return j;
    }
    for (j = i + 1; j < p->n_lines && since < 60; j++) {
        const struct line *l = &p->lines[j];

        if (l->fl & (L_BLANK | L_DROP | L_FOOT))
            continue;
        if (has_leader(l)) {
            last = j;
            since = 0;
        } else
            since++;
    }
    if (last == (size_t)-1)
        return i;
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

/* Should a "N." line be taken as a paragraph number in pdftotext text
 * (hard-wrapped lines may start with any number)? */
static int
accept_number(const struct parser *p, const struct cutter *c, int n,
              int alone, const struct line *l, size_t rest)
{
    int boundary = c->blank || c->prev_end || c->cur == NULL;

    if (!p->pdf)
        return 1;
    if (!alone && rest < l->len && islower((unsigned char)l->s[rest]))
        return 0;
    if (n == c->last_num + 1)
        return 1;
    if (c->last_num == 0)
        return alone && n <= 10;
    return n > c->last_num && n <= c->last_num + 3 && (alone || boundary);
}

static void
cut_units(struct parser *p)
{
    struct cutter c;
    size_t i, rest, k, skip_to = 0;
    char num[16];

    memset(&c, 0, sizeof(c));
    c.prev_end = 1;
    c.blank = 1;
    for (i = p->body; i < p->n_lines && p->st == PILCROW_OK; i++) {
        const struct line *l = &p->lines[i];
        int short_prev;

        if (l->fl & (L_DROP | L_FOOT))
            continue;
        if (l->fl & L_BLANK) {
            c.blank = 1;
            c.note = NULL;      /* a blank line ends a note item */
            continue;
        }
        if (skip_to && i <= skip_to)
            continue;
        /* Markdown. */
        if (p->md) {
            if (line_is(l, "---"))
                continue;
            if (line_starts(l, "[^")) {
                const char *e = memchr(l->s, ']', l->len);

                if (e && (size_t)(e - l->s) + 1 < l->len && e[1] == ':') {
                    size_t o = (size_t)(e - l->s) + 2;

                    close_unit(&c);
                    c.note = new_note(p, l->s + 2, (size_t)(e - l->s) - 2);
                    while (o < l->len && l->s[o] == ' ')
                        o++;
                    note_append(p, c.note, l->s + o, l->len - o);
                    continue;
                }
            }
            if (l->s[0] == '#') {
                struct line h = *l;

                while (h.len > 0 && (h.s[0] == '#' || h.s[0] == ' ')) {
                    h.s++;
                    h.len--;
                }
                if (head_label(&h, num, &rest) && rest < h.len) {
                    int rv = roman_value(num, strlen(num));

                    heading(p, &c, rv && strlen(num) > 1 ? U_ROMAN
                            : rv && c.letter != num[0] - 1 ? U_ROMAN
                            : U_LETTER, num, i,
                            rest + (size_t)(h.s - l->s));
                    if (p->n_units && p->units[p->n_units - 1].type == U_ROMAN)
                        c.roman = rv;
                    else
                        c.letter = num[0];
                    continue;
                }
            }
        }
        if (c.note && !c.blank && !(para_start(l, num, &rest)) &&
            !(p->pdf && l->s[0] == '*') &&
            !(c.notes_mode && (l->s[0] == '-' || l->s[0] == '*' ||
                               (unsigned char)l->s[0] >= 0xC2 ||
                               is_digit((unsigned char)l->s[0])))) {
            note_append(p, c.note, l->s, l->len);
            continue;
        }
        if (line_is(l, "Contents") || line_is(l, "CONTENTS")) {
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
        if (has_leader(l) && p->pdf)
            continue;
        if (line_is(l, "Summary") || line_is(l, "SUMMARY")) {
            close_unit(&c);
            add_unit(p, &c, U_SUMMARY, NULL);
            close_unit(&c);
            c.blank = c.prev_end = 1;
            c.notes_mode = 0;
            continue;
        }
        if (line_is(l, "Notes") || line_is(l, "NOTES") ||
            line_is(l, "Notes:")) {
            close_unit(&c);
            add_unit(p, &c, U_NOTES, NULL);
            close_unit(&c);
            c.notes_mode = 1;
            c.blank = c.prev_end = 1;
            continue;
        }
        if ((c.blank || c.prev_end || c.cur == NULL) && annex_line(l, num)) {
            close_unit(&c);
            c.notes_mode = 0;
            c.last_num = 0;
            c.roman = 0;
            c.letter = 0;
            i = heading(p, &c, U_ANNEX, num, i,
                        line_starts(l, "Annex to") ? 0 : l->len);
            continue;
        }
        /* pdftotext: a line "* text" (or "** text") outside a footnote
         * region is a star note printed without a rule above it: the
         * first page's "* Circulated in ...", or the note under a
         * table or list whose entries end with "*".  It resolves the
         * "*" markers glued to words ("annex*", "Inc.*"); it runs to
         * the next blank line, star line or paragraph number. */
        if (p->pdf && l->s[0] == '*' && foot_marker(l, &k, &rest) &&
            k <= 3 && rest < l->len) {
            close_unit(&c);
            c.note = new_note(p, l->s, k);
            note_append(p, c.note, l->s + rest, l->len - rest);
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
            while (d < m.len && superscript_digit(m.s + d, m.len - d, &sk) >= 0)
                d += sk;
            if (d > 0 && d < m.len && m.s[d] == ' ') {
                struct pc_buf digits = PC_BUF_INIT;
                size_t q;
                int v;

                for (q = 0; q < d; q += sk) {
                    v = superscript_digit(m.s + q, d - q, &sk);
                    pc_buf_putc(&p->st, &digits, (char)('0' + v));
                }
                close_unit(&c);
                c.note = new_note(p, digits.data ? digits.data : "",
                                  digits.len);
                pc_buf_free(&digits);
                note_append(p, c.note, m.s + d + 1, m.len - d - 1);
                c.blank = 0;
                continue;
            }
            d = 0;
            while (d < m.len && d < 4 && is_digit((unsigned char)m.s[d]))
                d++;
            if (c.notes_mode && d > 0 && d + 1 < m.len && m.s[d] == '/' &&
                m.s[d + 1] == ' ') {
                close_unit(&c);
                c.note = new_note(p, m.s, d);
                note_append(p, c.note, m.s + d + 2, m.len - d - 2);
                c.blank = 0;
                continue;
            }
            if (foot_marker(&m, &k, &rest) && m.s[0] == '*' &&
                rest < m.len) {
                close_unit(&c);
                c.note = new_note(p, m.s, k);
                note_append(p, c.note, m.s + rest, m.len - rest);
                c.blank = 0;
                continue;
            }
        }
        if (para_start(l, num, &rest)) {
            int n = atoi(num), alone = rest >= l->len;

            if (accept_number(p, &c, n, alone, l, rest)) {
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
                c.last_num = n;
                add_unit(p, &c, U_PARA, num);
                if (alone) {
                    c.need_text = 1;
                    c.prev_end = 0;
                } else {
                    unit_text(p, &c, i, rest);
                }
                continue;
            }
        }
        if ((c.blank || c.prev_end || c.cur == NULL) && !c.need_text &&
            head_label(l, num, &rest)) {
            int rv = roman_value(num, strlen(num));
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
        /* Ordinary text: continue the open unit or start a block. */
        short_prev = p->pdf ? c.prev_len * 4 < p->width * 3 : 1;
        if (c.cur != NULL &&
            (c.need_text || !c.prev_end || (!c.blank && !short_prev))) {
            unit_text(p, &c, i, 0);
            continue;
        }
        if (c.note) {
            note_append(p, c.note, l->s, l->len);
            continue;
        }
        close_unit(&c);
        add_unit(p, &c, U_TEXT, NULL);
        unit_text(p, &c, i, 0);
    }
}

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
    if (p->n_cites == p->cap_cites) {
        size_t cap = p->cap_cites ? p->cap_cites * 2 : 8;

        t = pc_reallocarray(p->cites, cap, sizeof(*t));
        if (t == NULL) {
            p->st = PILCROW_NOMEM;
            return;
        }
        p->cites = t;
        p->cap_cites = cap;
    }
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
                    const char *sup = superscript_str(s[q]);

                    memcpy(o + w, sup, strlen(sup));
                    w += strlen(sup);
                }
                add_cite(p, s + i + 2, j - i - 2);
                i = j + 1;
                continue;
            }
        }
        if (c >= 0xC2 && superscript_digit(s + i, n - i, &k) >= 0) {
            size_t d = 0;

            while (i < n && d + 1 < sizeof(digits)) {
                int v = superscript_digit(s + i, n - i, &k);

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

/* Make a record of KIND from the finished text in p->scratch. */
static struct pilcrow_record *
make_record(struct parser *p, pilcrow_kind kind, const char *number,
            const char *annex, const char *section, const char *title)
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
    r->number = pc_arena_strdup(&p->st, &doc->arena, number);
    r->annex = annex;
    r->section = section;
    r->section_title = title;
    r->text = pc_arena_strndup(&p->st, &doc->arena,
                               p->scratch.data ? p->scratch.data : "",
                               p->scratch.len);
    r->text_len = p->scratch.len;
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

/* Walk the units and make the records. */
static void
make_records(struct parser *p)
{
    struct pilcrow_doc *doc = p->doc;
    const char *annex = NULL, *section = "", *title = "";
    char sec[48], roman[16] = "", num[24];
    size_t i, j, k, ord = 0, n_summary = 0, region_paras = 0, n_pre = 0;
    int in_summary = 0, have_para = 0;
    struct pc_buf raw = PC_BUF_INIT, cat = PC_BUF_INIT;
    size_t cat_rec = (size_t)-1;        /* the record whose text is CAT */

    for (i = 0; i < p->n_units && p->st == PILCROW_OK; i++) {
        struct unit *u = &p->units[i];
        const char *ut = p->pool.data + u->off;

        if (i == 0 || u->type == U_ANNEX) {
            /* Count the region's numbered paragraphs. */
            region_paras = 0;
            for (j = i + (u->type == U_ANNEX); j < p->n_units &&
                 p->units[j].type != U_ANNEX; j++)
                region_paras += p->units[j].type == U_PARA;
            ord = 0;
            n_pre = 0;
            have_para = 0;
        }
        switch (u->type) {
        case U_ANNEX:
            in_summary = 0;
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
            section = "";
            title = pc_arena_strndup(&p->st, &doc->arena,
                                     p->scratch.data ? p->scratch.data : "",
                                     p->scratch.len);
            roman[0] = '\0';
            continue;
        case U_ROMAN:
        case U_LETTER:
            in_summary = 0;
            if (u->type == U_ROMAN) {
                snprintf(roman, sizeof(roman), "%s", u->num);
                snprintf(sec, sizeof(sec), "%s", u->num);
            } else if (roman[0])
                snprintf(sec, sizeof(sec), "%s.%s", roman, u->num);
            else
                snprintf(sec, sizeof(sec), "%s", u->num);
            section = pc_arena_strdup(&p->st, &doc->arena, sec);
            finish_text(p, ut, u->len);
            title = pc_arena_strndup(&p->st, &doc->arena,
                                     p->scratch.data ? p->scratch.data : "",
                                     p->scratch.len);
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
            make_record(p, PILCROW_KIND_SUMMARY, num, annex, section, title);
            continue;
        }
        in_summary = 0;
        if (region_paras < 2) {
            /* No numbered paragraphs here: blocks numbered in order. */
            pc_buf_reset(&raw);
            if (u->type == U_PARA) {
                pc_buf_puts(&p->st, &raw, u->num);
                pc_buf_puts(&p->st, &raw, ". ");
            }
            pc_buf_append(&p->st, &raw, ut, u->len);
            finish_text(p, raw.data ? raw.data : "", raw.len);
            snprintf(num, sizeof(num), "%zu", ++ord);
            make_record(p, PILCROW_KIND_PARAGRAPH, num, annex, section,
                        title);
            continue;
        }
        /* A numbered paragraph takes the unnumbered blocks after it;
         * each block before the region's first one (a resolution's
         * preamble, a letter's opening) is a paragraph of its own,
         * numbered "p1", "p2", ... ("preamble, para. 1"). */
        pc_buf_reset(&raw);
        pc_buf_append(&p->st, &raw, ut, u->len);
        for (j = i + 1; j < p->n_units && p->units[j].type == U_TEXT &&
             u->type == U_PARA; j++) {
            pc_buf_putc(&p->st, &raw, ' ');
            pc_buf_append(&p->st, &raw, p->pool.data + p->units[j].off,
                          p->units[j].len);
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
            make_record(p, PILCROW_KIND_PARAGRAPH, u->num, annex, section,
                        title);
        } else {
            snprintf(num, sizeof(num), "p%zu", ++n_pre);
            make_record(p, PILCROW_KIND_PARAGRAPH, num, annex, section,
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
        if ((r = make_record(p, PILCROW_KIND_NOTE, nt->num, NULL, "", "")) ==
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
            if (q->kind == PILCROW_KIND_SUMMARY || q->annex != NULL) {
                struct pc_buf a = PC_BUF_INIT;

                if (q->kind == PILCROW_KIND_SUMMARY && q->annex == NULL)
                    pc_buf_printf(&p->st, &a, "summary %s", q->number);
                else
                    pc_anchor_format(&p->st, &a, q->kind, q->annex,
                                     q->number);
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
    split_lines(&p);
    if (p.st == PILCROW_OK) {
        start = yaml_front_matter(&p);
        scan_front_matter(&p, start);
        if (doc->symbol == NULL && p.symbol[0] == '\0')
            first_page_symbol(&p, start);
        if (doc->symbol == NULL && p.symbol[0])
            set_meta(&p, &doc->symbol, p.symbol, strlen(p.symbol));
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
            scan_pdf(&p);
        }
    }
    if (p.st == PILCROW_OK)
        cut_units(&p);
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
    pc_buf_free(&p.pool);
    pc_buf_free(&p.scratch);
    if (p.st < 0)
        return p.st;
    return pc_doc_finish(doc);
}
