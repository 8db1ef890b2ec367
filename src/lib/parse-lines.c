/*
 * parse-lines.c - the parser's first pass, lines, and the small
 * predicates on bytes and lines that every pass uses (numbered
 * paragraph starts, heading labels, symbols, superscript markers).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-int.h"

/* ================================================================== */
/* Small predicates on bytes and lines                                 */
/* ================================================================== */

/* strchr(".?!:;", c) != NULL, without the call (NUL matches too). */
static int
stop_byte(char c)
{
    return c == '.' || c == '?' || c == '!' || c == ':' || c == ';' ||
           c == '\0';
}

/* Does L end with S? */
int
pc_line_ends(const struct line *l, const char *s)
{
    size_t n = strlen(s);

    return l->len >= n && memcmp(l->s + l->len - n, s, n) == 0;
}

/* The value of the superscript digit whose UTF-8 encoding starts at P
 * (N bytes available), with its length in *K; -1 when there is none. */
int
pc_superscript_digit(const char *p, size_t n, size_t *k)
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
void
pc_put_superscript(pilcrow_status *st, struct pc_buf *b, const char *d,
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
const char *
pc_superscript_str(char d)
{
    static const char *const sup[10] = {
        "\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
        "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7",
        "\xE2\x81\xB8", "\xE2\x81\xB9"
    };

    return sup[d - '0'];
}

/* The length of S (N bytes) without trailing white space, closing
 * quotes and brackets, and superscript note markers. */
static size_t
strip_tail(const char *s, size_t n)
{
    size_t k;

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
        if (n >= 2 && pc_superscript_digit(s + n - 2, 2, &k) >= 0) {
            n -= 2;
            continue;
        }
        if (n >= 3 && pc_superscript_digit(s + n - 3, 3, &k) >= 0) {
            n -= 3;
            continue;
        }
        break;
    }
    return n;
}

/* Does the text S (N bytes) end with a full stop, question or
 * exclamation mark, semicolon or colon of Chinese (U+3002, U+FF01,
 * U+FF1F, U+FF1B, U+FF1A) or Arabic (U+061F, U+061B)? */
static int
wide_stop(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s + n;

    if (n >= 3 && u[-3] == 0xE3 && u[-2] == 0x80 && u[-1] == 0x82)
        return 1;
    if (n >= 3 && u[-3] == 0xEF && u[-2] == 0xBC &&
        (u[-1] == 0x81 || u[-1] == 0x9F || u[-1] == 0x9B || u[-1] == 0x9A))
        return 1;
    return n >= 2 && u[-2] == 0xD8 && (u[-1] == 0x9F || u[-1] == 0x9B);
}

/* A contents line with dotted leaders (". . . ." or "....."). */
int
pc_has_leader(const struct line *l)
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

/* Does the text S (N bytes) end a sentence: its last character, after
 * closing quotes, brackets, note markers and a trailing plain-digit
 * marker (pdftotext), one of . ? ! : ; or their Chinese and Arabic
 * forms. */
int
pc_ends_sentence(const char *s, size_t n)
{
    size_t m;

    n = strip_tail(s, n);
    if (n == 0)
        return 0;
    /* "... 2024. 1": a plain-digit marker after the full stop. */
    m = n;
    while (m > 0 && is_digit((unsigned char)s[m - 1]))
        m--;
    if (m < n && n - m <= 2 && m >= 2 && s[m - 1] == ' ' &&
        stop_byte(s[m - 2]))
        return 1;
    return stop_byte(s[n - 1]) || wide_stop(s, n);
}

int
pc_ends_clause(const char *s, size_t n)
{
    size_t m;

    n = strip_tail(s, n);
    /* A Markdown footnote reference, "...arsenals,[^5]". */
    m = n;
    while (m > 0 && is_digit((unsigned char)s[m - 1]))
        m--;
    if (m < n && m >= 2 && s[m - 1] == '^' && s[m - 2] == '[')
        n = strip_tail(s, m - 2);
    /* A plain-digit marker after the comma, "...arsenals,5" or
     * "...countries, 3" (pdftotext). */
    else if (m < n && n - m <= 2 && m >= 1 &&
             (s[m - 1] == ',' || s[m - 1] == ';'))
        n = m;
    else if (m < n && n - m <= 2 && m >= 2 && s[m - 1] == ' ' &&
             (s[m - 2] == ',' || s[m - 2] == ';'))
        n = m - 1;
    return n > 0 && (s[n - 1] == ',' || s[n - 1] == ';');
}


/* The value of the decimal digit at S (N bytes available): ASCII,
 * Arabic-Indic (U+0660-0669, as Arabic documents print paragraph
 * numbers) or Eastern Arabic-Indic (U+06F0-06F9), with its length in
 * *K; -1 when there is none. */
int
pc_digit_value(const char *s, size_t n, size_t *k)
{
    const unsigned char *u = (const unsigned char *)s;

    if (n >= 1 && is_digit(u[0])) {
        *k = 1;
        return u[0] - '0';
    }
    if (n >= 2 && ((u[0] == 0xD9 && u[1] >= 0xA0 && u[1] <= 0xA9) ||
                   (u[0] == 0xDB && u[1] >= 0xB0 && u[1] <= 0xB9))) {
        *k = 2;
        return u[1] & 0x0F;
    }
    return -1;
}

/* The length of the dash at S (N bytes): "-", en dash, em dash; 0 when
 * there is none. */
static size_t
dash_len(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '-')
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 &&
        (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
        return 3;
    return 0;
}

/* A numbered paragraph start at L: 1-3 digits (ASCII or Arabic-Indic),
 * then "." or ":" or, as Arabic documents print them, a dash after an
 * optional space ("١٠ -", or "10 -" before Arabic text); or a parenthesized ideograph one to
 * ten ("㈠", U+3220-3229, Chinese sub-paragraphs); then the end of the
 * line or white space.  Writes the number in ASCII digits into NUM (16
 * bytes) and the offset of the text after it into *REST.  Returns 1 or
 * 0. */
int
pc_para_start(const struct line *l, char *num, size_t *rest)
{
    const unsigned char *u = (const unsigned char *)l->s;
    size_t i = 0, d = 0, k, j;
    int v;

    while (i < l->len && d < 4 && (v = pc_digit_value(l->s + i, l->len - i,
                                                      &k)) >= 0) {
        num[d++] = (char)('0' + v);
        i += k;
    }
    if (d == 0 && l->len >= 3 && u[0] == 0xE3 && u[1] == 0x88 &&
        u[2] >= 0xA0 && u[2] <= 0xA9) {
        snprintf(num, 16, "%d", u[2] - 0xA0 + 1);
        i = 3;
        if (i < l->len && !is_space(u[i]))
            return 0;
        goto text;
    }
    if (d == 0 || d > 3 || i >= l->len)
        return 0;
    if (num[0] == '0')
        return 0;
    num[d] = '\0';
    if (l->s[i] != '.' && l->s[i] != ':') {
        /* "١٠ -": the dash, then white space or the end. */
        for (j = i; j < l->len && is_space(u[j]); j++)
            ;
        if ((k = dash_len(l->s + j, l->len - j)) == 0 || j - i > 1)
            return 0;
        i = j + k;
        if (i < l->len && !is_space(u[i]))
            return 0;
        /* ASCII digits so only before Arabic text (an opening bracket
         * or quote aside): "10 - 12 May" is a range elsewhere. */
        for (j = i; j < l->len && (is_space(u[j]) || u[j] == '[' ||
                                   u[j] == '(' || u[j] == '"'); j++)
            ;
        if (u[0] < 0x80 && (j >= l->len || u[j] < 0xD8 || u[j] > 0xDB))
            return 0;
        goto text;
    }
    if (i + 1 < l->len && !is_space((unsigned char)l->s[i + 1]))
        return 0;
    if (l->s[i] == ':' && i + 1 >= l->len)
        return 0;
    i++;
text:
    while (i < l->len && is_space((unsigned char)l->s[i]))
        i++;
    *rest = i;
    return 1;
}

/* A heading label at L: "IV." or "B." followed by the end of the line
 * or white space.  Writes the label into LABEL (16 bytes), the offset
 * of the title into *REST; returns the label's length or 0. */
size_t
pc_head_label(const struct line *l, char *label, size_t *rest)
{
    size_t i = 0;

    while (i < l->len && i < 8 && l->s[i] >= 'A' && l->s[i] <= 'Z')
        i++;
    if (i == 0 || i >= 8 || i >= l->len || l->s[i] != '.')
        return 0;
    if (i + 1 < l->len && !is_space((unsigned char)l->s[i + 1]))
        return 0;
    if (i > 1 && pc_roman_value(l->s, i) == 0)
        return 0;
    memcpy(label, l->s, i);
    label[i] = '\0';
    i++;
    while (i < l->len && is_space((unsigned char)l->s[i]))
        i++;
    *rest = i;
    return i > 0 ? strlen(label) : 0;
}

/* If line L is shaped like a UN document symbol ("A/79/352",
 * "A/79/716-S/2025/18", "S/RES/2768 (2025)", "A /79/PV.64"), write it
 * normalised (no '*', no space around '/', dashes as '-') into OUT of
 * SIZE bytes and return 1. */
int
pc_symbol_line(const struct line *l, char *out, size_t size)
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

/* The value of roman numeral S (N bytes, upper case), 0 if invalid. */
int
pc_roman_value(const char *s, size_t n)
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

/* Is L a formula naming a body, "The", then capitalised words (and
 * "and", "of", "the", "on", "for"), then END ending the line? */
static int
formula_line(const struct line *l, char end)
{
    static const char *const small[] = { "and", "of", "the", "on", "for",
                                         NULL };
    size_t i = 4, words = 0;

    if (l->len < 8 || l->len > 64 || !pc_line_starts(l, "The ") ||
        l->s[l->len - 1] != end)
        return 0;
    while (i < l->len - 1) {
        size_t e = i, k;
        int ok = 0;

        while (e < l->len - 1 && l->s[e] != ' ')
            e++;
        if (isupper((unsigned char)l->s[i]))
            ok = 1;
        for (k = 0; !ok && small[k]; k++)
            ok = strlen(small[k]) == e - i &&
                 memcmp(l->s + i, small[k], e - i) == 0;
        if (!ok)
            return 0;
        words++;
        i = e + 1;
    }
    return words >= 1 && words <= 9;
}

/* Does L, of at most MAX bytes, end with the UTF-8 bytes END and hold
 * one of the NUL-terminated WORDS? */
static int
names_body(const struct line *l, size_t max, const char *end,
           const char *const *words)
{
    size_t n = strlen(end), k, j, w;

    if (l->len > max || l->len <= n ||
        memcmp(l->s + l->len - n, end, n) != 0)
        return 0;
    for (k = 0; words[k]; k++)
        for (w = strlen(words[k]), j = 0; j + w <= l->len; j++)
            if (memcmp(l->s + j, words[k], w) == 0)
                return 1;
    return 0;
}

/* The enacting formula in the other UN languages, as the bodies are
 * named there: "L'Assemblée générale,", "Le Conseil de sécurité,", "La
 * Asamblea General,", "El Consejo Económico y Social,", "Генеральная
 * Ассамблея,", "إن الجمعية العامة،", "大会，", "安全理事会，". */
static int
foreign_formula(const struct line *l)
{
    static const char *const fr[] = {
        "Assembl\xc3\xa9""e", "Conseil", "Commission", "Conf\xc3\xa9rence",
        "Comit\xc3\xa9", NULL
    };
    static const char *const es[] = {
        "Asamblea", "Consejo", "Comisi\xc3\xb3n", "Conferencia",
        "Comit\xc3\xa9", NULL
    };
    static const char *const ru[] = {
        "\xd0\x90\xd1\x81\xd1\x81\xd0\xb0\xd0\xbc\xd0\xb1\xd0\xbb\xd0\xb5",
        "\xd0\xa1\xd0\xbe\xd0\xb2\xd0\xb5\xd1\x82",
        "\xd0\x9a\xd0\xbe\xd0\xbc\xd0\xb8\xd1\x81\xd1\x81\xd0\xb8",
        "\xd0\x9a\xd0\xbe\xd0\xbd\xd1\x84\xd0\xb5\xd1\x80\xd0\xb5\xd0\xbd\xd1\x86\xd0\xb8",
        "\xd0\x9a\xd0\xbe\xd0\xbc\xd0\xb8\xd1\x82\xd0\xb5\xd1\x82",
        NULL
    };
    static const char *const any[] = { "", NULL };
    static const char *const hui[] = { "\xe4\xbc\x9a", NULL };   /* 会 */
    unsigned char c = l->len > 0 ? (unsigned char)l->s[0] : 0;

    if (c == 'L' && (pc_line_starts(l, "L'") || pc_line_starts(l, "L\xe2\x80\x99") ||
                     pc_line_starts(l, "Le ") || pc_line_starts(l, "La ") ||
                     pc_line_starts(l, "Les ")))
        return names_body(l, 80, ",", fr) || names_body(l, 80, ",", es);
    if (c == 'E' && pc_line_starts(l, "El "))
        return names_body(l, 80, ",", es);
    if (c == 0xD0 && l->len >= 2 && (unsigned char)l->s[1] >= 0x90 &&
        (unsigned char)l->s[1] <= 0xAF)         /* Cyrillic capital */
        return names_body(l, 120, ",", ru);
    if (pc_line_starts(l, "\xd8\xa5\xd9\x86 "))            /* "إن " */
        return names_body(l, 120, "\xd8\x8c", any) ||       /* "،" */
               names_body(l, 120, ",", any);
    if (c >= 0xE4 && c <= 0xE9)                             /* Han */
        return names_body(l, 36, "\xef\xbc\x8c", hui);     /* "，" */
    return 0;
}

/* Is L a resolution's enacting formula: "The General Assembly,", "The
 * Security Council,", "The Economic and Social Council,", "The
 * Conference of the Parties,", or the same in another UN language? */
int
pc_enacting_line(const struct line *l)
{
    return formula_line(l, ',') || foreign_formula(l);
}

/* Is L the opening of a decision set out in items: "The Statistical
 * Commission:", "The Economic and Social Council:"? */
int
pc_decision_line(const struct line *l)
{
    return formula_line(l, ':');
}

/* Does L open a preambular paragraph: a capitalised participle or
 * adjective as UN resolutions begin them ("Recalling", "Noting with
 * concern", "Deeply concerned", "Bearing in mind", "Aware", "Mindful")?
 * The word ends in "ing" or "ed", or is one of a few adjectives. */
int
pc_preamble_opener(const struct line *l)
{
    static const char *const adj[] = {
        "Aware", "Mindful", "Conscious", "Cognizant", "Cognisant",
        "Deeply", "Gravely", "Further", "Fully", "Firmly", "Strongly",
        "Seriously", "Profoundly", "Also", NULL
    };
    size_t n = 0, k;

    if (l->len == 0 || !isupper((unsigned char)l->s[0]))
        return 0;
    while (n < l->len && isalpha((unsigned char)l->s[n]))
        n++;
    if (n < 4 || (n < l->len && l->s[n] != ' ' && l->s[n] != ','))
        return 0;
    if ((n >= 6 && memcmp(l->s + n - 3, "ing", 3) == 0) ||
        (n >= 5 && memcmp(l->s + n - 2, "ed", 2) == 0))
        return 1;
    for (k = 0; adj[k]; k++)
        if (strlen(adj[k]) == n && memcmp(l->s, adj[k], n) == 0)
            return 1;
    return 0;
}

int
pc_operative_opener(const struct line *l)
{
    size_t n = 1;

    if (l->len == 0 || !isupper((unsigned char)l->s[0]))
        return 0;
    while (n < l->len && islower((unsigned char)l->s[n]))
        n++;
    if (n < 5 || (n < l->len && l->s[n] != ' '))
        return 0;
    return l->s[n - 1] == 's' && l->s[n - 2] != 's' &&
           !(l->s[n - 3] == 'o' && l->s[n - 2] == 'u') &&
           !pc_preamble_opener(l);
}

/* ================================================================== */
/* Pass 1: lines                                                       */
/* ================================================================== */

void
pc_split_lines(struct parser *p)
{
    const char *s = p->text, *end = p->text + p->len, *nl;
    size_t cap = 0;
    int page = 0, seen_text = 0;
    uint32_t n_page = 1;

    while (s < end && p->st == PILCROW_OK) {
        struct line *l;
        const char *e;

        nl = memchr(s, '\n', (size_t)(end - s));
        e = nl ? nl : end;
        if (pc_grow(&p->st, &p->lines, &cap, p->n_lines, sizeof(*l),
                    1024) < 0)
            return;
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
        /* Pages count from 1; a form feed before any text opens none. */
        if ((l->fl & L_PAGE) && seen_text)
            n_page++;
        if (l->len > 0)
            seen_text = 1;
        l->page = n_page;
        s = nl ? nl + 1 : end;
    }
}

