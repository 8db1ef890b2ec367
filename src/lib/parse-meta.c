/*
 * parse-meta.c - the parser's second pass: a document's metadata from
 * YAML front matter, "Symbol:", "Language:" and "Distr.:" lines, the
 * symbol at the top of the first page, and the title; and where the
 * body starts.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse-int.h"

/* Month names as the six languages' documents print them in Latin or
 * Cyrillic letters (Russian in the genitive, "20 февраля 2024 года").
 * Compared in ASCII case only, and each must end its word: "mayo" is
 * not "May". */
static const struct {
    const char *name;
    int month;
} months[] = {
    { "January", 1 }, { "February", 2 }, { "March", 3 }, { "April", 4 },
    { "May", 5 }, { "June", 6 }, { "July", 7 }, { "August", 8 },
    { "September", 9 }, { "October", 10 }, { "November", 11 },
    { "December", 12 },
    { "janvier", 1 }, { "février", 2 }, { "mars", 3 }, { "avril", 4 },
    { "mai", 5 }, { "juin", 6 }, { "juillet", 7 }, { "août", 8 },
    { "septembre", 9 }, { "octobre", 10 }, { "novembre", 11 },
    { "décembre", 12 },
    { "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
    { "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
    { "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
    { "noviembre", 11 }, { "diciembre", 12 },
    { "января", 1 }, { "февраля", 2 }, { "марта", 3 }, { "апреля", 4 },
    { "мая", 5 }, { "июня", 6 }, { "июля", 7 }, { "августа", 8 },
    { "сентября", 9 }, { "октября", 10 }, { "ноября", 11 },
    { "декабря", 12 },
};

int
pc_month_at(const char *s, size_t n, size_t *len)
{
    size_t m, k;

    if (n == 0)
        return 0;
    for (m = 0; m < sizeof(months) / sizeof(months[0]); m++) {
        /* The first byte first, in ASCII case: most words are no
         * month. */
        if ((s[0] | 0x20) != (months[m].name[0] | 0x20))
            continue;
        k = strlen(months[m].name);
        if (k <= n && strncasecmp(s, months[m].name, k) == 0 &&
            (k == n || !(isalpha((unsigned char)s[k]) ||
                         (unsigned char)s[k] >= 0x80))) {
            *len = k;
            return months[m].month;
        }
    }
    return 0;
}

/* Does the word W (and a space after it) start the N bytes at S? */
static size_t
word_at(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);

    return k < n && memcmp(s, w, k) == 0 && s[k] == ' ' ? k + 1 : 0;
}

/* Parse a date at S (N bytes) into OUT ("1997-09-18", 11 bytes), in
 * the ways the six languages' documents print one: "18 September
 * 1997", "September 18, 1997", "18 septembre 1997", "1er juillet
 * 2025", "13 de septiembre de 2023", "20 февраля 2024 года",
 * "2024年2月20日".  Returns 1 or 0. */
static int
parse_date(const char *s, size_t n, char *out)
{
    size_t i = 0, j;
    int day = 0, month = 0, year = 0;

    while (i < n && is_space((unsigned char)s[i]))
        i++;
    if (i < n && is_digit((unsigned char)s[i])) {
        /* Saturating: a long run of digits is no day, and must not
         * overflow. */
        while (i < n && is_digit((unsigned char)s[i])) {
            if (day < 10000)
                day = day * 10 + (s[i] - '0');
            i++;
        }
        /* 2024年2月20日 */
        if (day >= 1000 && day <= 9999 && i + 3 <= n &&
            memcmp(s + i, "年", 3) == 0) {
            year = day;
            day = 0;
            for (i += 3; i < n && is_digit((unsigned char)s[i]) && month < 100;
                 i++)
                month = month * 10 + (s[i] - '0');
            if (i + 3 > n || memcmp(s + i, "月", 3) != 0)
                return 0;
            for (i += 3; i < n && is_digit((unsigned char)s[i]) && day < 100;
                 i++)
                day = day * 10 + (s[i] - '0');
            if (i + 3 > n || memcmp(s + i, "日", 3) != 0 || month < 1 ||
                month > 12)
                return 0;
            for (i += 3; i < n && is_space((unsigned char)s[i]); i++)
                ;
            j = 4;
            goto done;
        }
        if (day == 1 && i + 2 <= n && memcmp(s + i, "er", 2) == 0)
            i += 2;             /* 1er juillet */
        while (i < n && s[i] == ' ')
            i++;
        i += word_at(s + i, n - i, "de");
    }
    if ((month = pc_month_at(s + i, n - i, &j)) == 0)
        return 0;
    i += j;
    while (i < n && (s[i] == ' ' || s[i] == ','))
        i++;
    i += word_at(s + i, n - i, "de");
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
    if (j == 4 && i < n) {      /* 2024 года, 2024 г. */
        if (n - i == strlen("года") && memcmp(s + i, "года", n - i) == 0)
            i = n;
        else if (n - i == strlen("г.") && memcmp(s + i, "г.", n - i) == 0)
            i = n;
    }
done:
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
/* Pass 2: metadata                                                    */
/* ================================================================== */

/* Set doc field *DST (unless already set) to the N bytes at S. */
void
pc_set_meta(struct parser *p, const char **dst, const char *s, size_t n)
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
size_t
pc_yaml_front_matter(struct parser *p)
{
    size_t i;

    if (p->n_lines == 0 || !pc_line_is(&p->lines[0], "---"))
        return 0;
    for (i = 1; i < p->n_lines && i < 200; i++) {
        struct line *l = &p->lines[i];
        const char *c;

        if (pc_line_is(l, "---")) {
            size_t k;

            for (k = 0; k <= i; k++)
                p->lines[k].fl |= L_DROP;
            p->md = 1;
            return i + 1;
        }
        c = memchr(l->s, ':', l->len);
        if (c == NULL)
            continue;
        if (pc_line_starts(l, "symbol:"))
            pc_set_meta(p, &p->doc->symbol, c + 1, l->len - (size_t)(c + 1 - l->s));
        else if (pc_line_starts(l, "title:"))
            pc_set_meta(p, &p->doc->title, c + 1, l->len - (size_t)(c + 1 - l->s));
        else if (pc_line_starts(l, "date:"))
            pc_set_meta(p, &p->doc->date, c + 1, l->len - (size_t)(c + 1 - l->s));
        else if (pc_line_starts(l, "language:"))
            pc_set_language(p, c + 1, l->len - (size_t)(c + 1 - l->s));
    }
    return 0;
}

/* The document's language from the value of a "Language:" line (or
 * YAML "language:"), N bytes at V: a code or a name pc_lang_named()
 * knows, else, if it starts with two letters, those as a code (an
 * index holds it; its words are analysed as English). */
void
pc_set_language(struct parser *p, const char *v, size_t n)
{
    const struct pc_lang *l;
    char code[3];

    while (n > 0 && (*v == ' ' || *v == '"' || *v == '\'')) {
        v++;
        n--;
    }
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '"' ||
                     v[n - 1] == '\'' || v[n - 1] == '\r'))
        n--;
    if (p->doc->language != NULL || n < 2)
        return;
    if ((l = pc_lang_named(v, n)) != NULL) {
        pc_set_meta(p, &p->doc->language, l->code, strlen(l->code));
        return;
    }
    if (isalpha((unsigned char)v[0]) && isalpha((unsigned char)v[1])) {
        code[0] = (char)tolower((unsigned char)v[0]);
        code[1] = (char)tolower((unsigned char)v[1]);
        code[2] = '\0';
        pc_set_meta(p, &p->doc->language, code, 2);
    }
}

/* Is L a period, a day number then a date after a dash ("10–21 March
 * 2025", "25 July 2024–30 July 2025")?  The date after the dash goes to
 * OUT. */
static int
date_range(const struct line *l, char *out)
{
    const char *dash;
    size_t k;

    if (l->len == 0 || !is_digit((unsigned char)l->s[0]) || l->len > 40)
        return 0;
    for (k = 1; k < l->len; k++) {
        dash = l->s + k;
        if (*dash == '-')
            return parse_date(dash + 1, l->len - k - 1, out);
        if (l->len - k >= 3 && memcmp(dash, "\xe2\x80\x93", 3) == 0)
            return parse_date(dash + 3, l->len - k - 3, out);
    }
    return 0;
}

/* Is L a list of the languages a document is issued in ("English only",
 * "English, French and Spanish only", "ENGLISH", "Arabic, Chinese,
 * English, French, Russian and Spanish")?  A title may start with a
 * language's name ("Russian Federation and United States of America:
 * draft resolution"). */
static int
language_list(const struct line *l)
{
    static const char *const words[] = {
        "Arabic", "Chinese", "English", "French", "Russian", "Spanish",
        "ARABIC", "CHINESE", "ENGLISH", "FRENCH", "RUSSIAN", "SPANISH",
        "and", "only", "AND", "ONLY", NULL
    };
    size_t i = 0, j, k, n_lang = 0;

    while (i < l->len) {
        while (i < l->len && (l->s[i] == ' ' || l->s[i] == ','))
            i++;
        for (j = i; j < l->len && l->s[j] != ' ' && l->s[j] != ','; j++)
            ;
        if (j == i)
            break;
        for (k = 0; words[k]; k++)
            if (strlen(words[k]) == j - i &&
                memcmp(words[k], l->s + i, j - i) == 0)
                break;
        if (!words[k])
            return 0;
        n_lang += k < 12;
        i = j;
    }
    return n_lang > 0;
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
        "Council", "Assembly", NULL
    };
    char tmp[96], date[11];
    size_t i;

    for (i = 0; starts[i]; i++)
        if (pc_line_starts(l, starts[i]))
            return 1;
    if (language_list(l))
        return 1;
    if (l->len < 60 && (pc_line_ends(l, " session") || pc_line_ends(l, " year") ||
                        pc_line_ends(l, " session,") || pc_line_ends(l, "agenda*")))
        return 1;
    if (parse_date(l->s, l->len, date) || date_range(l, date))
        return 1;
    if (pc_symbol_line(l, tmp, sizeof(tmp)))
        return 1;
    return 0;
}

/* A subtitle line: "Report of the Secretary-General", "Note by ...". */
static int
is_subtitle(const struct line *l)
{
    static const char *const starts[] = {
        "Report of the", "Note by the", "Letter dated", "Letter of ",
        "Identical letters", "Draft decision submitted by",
        "Resolution adopted", "Statement by", "Draft resolution",
        "Report on the", "Memorandum by", "Note verbale", "Decision adopted",
        NULL
    };
    size_t i;

    for (i = 0; starts[i]; i++)
        if (pc_line_starts(l, starts[i]))
            return 1;
    return 0;
}

/* The next line at or after I that is not blank or dropped; N_LINES
 * when none. */
size_t
pc_next_content(const struct parser *p, size_t i)
{
    while (i < p->n_lines && (p->lines[i].fl & (L_BLANK | L_DROP)))
        i++;
    return i;
}

/* Join lines [A, B) that are not blank or dropped into the doc title. */
/* The heading of a table of contents, which no title runs into. */
static int
contents_line(const struct line *l)
{
    return pc_line_is(l, "Contents") || pc_line_is(l, "CONTENTS");
}

/* The heading of a column of a table of contents ("Decision", "Page"
 * over E/ICEF/2025/26's list of decisions). */
static int
contents_column(const struct line *l)
{
    return pc_line_is(l, "Page") || pc_line_is(l, "Paragraphs") ||
           pc_line_is(l, "Decision") || pc_line_is(l, "Resolution");
}

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
        pc_set_meta(p, &p->doc->title, t.data, t.len);
    pc_buf_free(&t);
}

/* The symbol anywhere on the first page (pdftotext may put it after
 * the lines that end the front matter, or at the page's foot), when
 * the front matter had none. */
void
pc_first_page_symbol(struct parser *p, size_t start)
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
        if (pc_symbol_line(l, tmp, sizeof(tmp))) {
            memcpy(p->symbol, tmp, sizeof(tmp));
            return;
        }
    }
}

/* A resolution's adoption line: "Adopted by the Security Council at
 * its 9913th meeting, on", "Resolution adopted by the General
 * Assembly on 1 December 2025". */
static int
adoption_line(const struct line *l)
{
    return pc_line_starts(l, "Adopted by the ") ||
           pc_line_starts(l, "Adopted at the ") ||
           pc_line_starts(l, "Resolution adopted by ");
}

/* Does line L end in a word no title ends in ("... adopted by the")? */
static int
ends_open(const struct line *l)
{
    static const char *const words[] = {
        " the", " of", " and", " by", " on", " for", " to", " in", " at",
        " with", " from", " de", " la", " du", " des", " et", " y", " el",
        " del", NULL
    };
    size_t k;

    for (k = 0; words[k]; k++)
        if (pc_line_ends(l, words[k]))
            return 1;
    return 0;
}

/* Does line I go on with the line just before it, a line of text after
 * the labels (LAST_LABEL the last of them) that ends in a word no title
 * ends in ("... adopted by the")? */
static int
continues_title(const struct parser *p, size_t i, size_t last_label)
{
    const struct line *prev;

    if (i == 0 || (last_label != (size_t)-1 && i - 1 <= last_label))
        return 0;
    prev = &p->lines[i - 1];
    return !(prev->fl & (L_BLANK | L_DROP)) && ends_open(prev);
}

/* Does line L hold the NUL-terminated S? */
static int
line_has(const struct line *l, const char *s)
{
    size_t n = strlen(s), i;

    for (i = 0; i + n <= l->len; i++)
        if (l->s[i] == s[0] && memcmp(l->s + i, s, n) == 0)
            return 1;
    return 0;
}

/* Does L open a draft's text: its enacting formula ("The Economic and
 * Social Council,"), or the body and a verb ("The Economic and Social
 * Council takes note", "The Commission for Social Development
 * recommends")? */
static int
draft_opening(const struct line *l)
{
    size_t i = 4, n_caps = 0;

    if (pc_enacting_line(l) || pc_decision_line(l))
        return 1;
    if (!pc_line_starts(l, "The "))
        return 0;
    for (;;) {
        size_t j = i;

        while (j < l->len && isalpha((unsigned char)l->s[j]))
            j++;
        if (j == i)
            return 0;
        if (isupper((unsigned char)l->s[i]))
            n_caps++;
        else if (!((j - i == 3 && (memcmp(l->s + i, "and", 3) == 0 ||
                                   memcmp(l->s + i, "for", 3) == 0)) ||
                   (j - i == 2 && (memcmp(l->s + i, "of", 2) == 0 ||
                                   memcmp(l->s + i, "on", 2) == 0))))
            return n_caps >= 2;     /* the body's verb */
        if (j >= l->len)
            return 0;
        if (l->s[j] == ',')
            return n_caps >= 2;
        if (l->s[j] != ' ')
            return 0;
        i = j + 1;
    }
}

/* Does L end in a document symbol ("... on draft decision E/2025/L.11")?
 * *START is where the symbol starts. */
static int
ends_in_symbol(const struct line *l, size_t *start)
{
    struct line sym = *l;
    size_t k = l->len;
    char tmp[96];

    while (k > 0 && l->s[k - 1] != ' ')
        k--;
    sym.s = l->s + k;
    sym.len = l->len - k;
    *start = k;
    return pc_symbol_line(&sym, tmp, sizeof(tmp));
}

/* Does L end in "draft resolution" or "draft decision" after a colon,
 * marks aside ("El Salvador and Philippines: draft resolution", "Iraq:*
 * , ** draft decision")? */
static int
sponsor_colon(const struct line *l)
{
    size_t n = l->len;

    while (n > 0 && (l->s[n - 1] == '*' || l->s[n - 1] == ' '))
        n--;
    return memchr(l->s, ':', n) != NULL &&
           ((n >= 15 && memcmp(l->s + n - 15, " draft decision", 15) == 0) ||
            (n >= 17 && memcmp(l->s + n - 17, " draft resolution", 17) == 0));
}

/* Does L say who submits a draft: "Draft resolution submitted by ...",
 * "Draft decision submitted by ...", or sponsors then ": draft
 * resolution"? */
static int
sponsor_line(const struct line *l)
{
    return pc_line_starts(l, "Draft resolution submitted by") ||
           pc_line_starts(l, "Draft decision submitted by") ||
           sponsor_colon(l);
}

/* Does L end the lines that say who submits a draft ("Draft resolution
 * submitted by the Vice-President of the Council, Lok Bahadur" / "Thapa
 * (Nepal), on the basis of informal consultations")? */
static int
sponsor_end(const struct line *l)
{
    size_t k;

    return pc_line_ends(l, ")") || pc_line_ends(l, " consultations") ||
           line_has(l, "submitted by") || ends_in_symbol(l, &k) ||
           sponsor_colon(l);
}

/* The title of the draft whose sponsors' line is I ("Draft resolution
 * submitted by ..."): the block after those lines, up to the draft's
 * opening (E/2025/L.14: "Mainstreaming a gender perspective into all
 * policies and" / "programmes in the United Nations system" / "The
 * Economic and Social Council,").  Sets [*A, *B); returns 0 when there
 * is none. */
static int
draft_title(const struct parser *p, size_t i, size_t *a, size_t *b)
{
    size_t e, t;

    for (e = i + 1; e < p->n_lines && e < i + 10; e++)
        if (!(p->lines[e].fl & (L_BLANK | L_DROP)) &&
            draft_opening(&p->lines[e]))
            break;
    if (e >= p->n_lines || e >= i + 10)
        return 0;
    for (t = e; t > i + 1 && e - t < 4 &&
                !(p->lines[t - 1].fl & (L_BLANK | L_DROP)) &&
                !sponsor_end(&p->lines[t - 1]);
         t--)
        ;
    if (t == e || t <= i ||
        !((p->lines[t - 1].fl & (L_BLANK | L_DROP)) ||
          sponsor_end(&p->lines[t - 1])) ||
        pc_ends_sentence(p->lines[e - 1].s, p->lines[e - 1].len))
        return 0;
    *a = t;
    *b = e;
    return 1;
}

/* Does L end in "document" and a document symbol ("... amendment to the
 * draft resolution contained" / "in document S/2025/112", S/2025/114),
 * which ends a title? */
static int
ends_with_document(const struct line *l)
{
    size_t k;

    return ends_in_symbol(l, &k) && k >= 10 &&
           memcmp(l->s + k - 10, " document ", 10) == 0;
}

/* Is L a letter's heading ("Letter dated 29 January 2025 from ...",
 * "Identical letters dated", "Note verbale dated")? */
static int
letter_line(const struct line *l)
{
    return pc_line_starts(l, "Letter dated") ||
           pc_line_starts(l, "Letter of ") ||
           pc_line_starts(l, "Identical letters") ||
           pc_line_starts(l, "Note verbale");
}

/* The last line of the letter heading at line I: the line that names
 * whom it is addressed to, and the lines it runs on to ("addressed to
 * the" / "Secretary-General", "and the President of the Security
 * Council"); (size_t)-1 when no line within five says "addressed
 * to". */
static size_t
letter_heading_end(const struct parser *p, size_t i)
{
    size_t j;

    for (j = i; j < p->n_lines && j < i + 5; j++) {
        if (p->lines[j].fl & (L_BLANK | L_DROP))
            return (size_t)-1;
        if (line_has(&p->lines[j], "addressed to"))
            break;
        if (pc_line_ends(&p->lines[j], " addressed") && j + 1 < p->n_lines &&
            pc_line_starts(&p->lines[j + 1], "to ")) {
            j++;                /* "... addressed" / "to the President" */
            break;
        }
    }
    if (j >= p->n_lines || j >= i + 5)
        return (size_t)-1;
    while (j + 1 < p->n_lines && j < i + 6 &&
           (ends_open(&p->lines[j]) || pc_line_ends(&p->lines[j], ",") ||
            pc_line_starts(&p->lines[j + 1], "and the ")) &&
           !(p->lines[j + 1].fl & (L_BLANK | L_DROP)))
        j++;
    return j;
}

/* Find the metadata lines and the start of the body. */
void
pc_scan_front_matter(struct parser *p, size_t start)
{
    size_t i, seen = 0, last_label = (size_t)-1, title_a, sub = (size_t)-1;
    size_t adopt = (size_t)-1, enact = (size_t)-1;
    int later_page = 0;
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
        /* Labels are on the first page: a running head on the next
         * ("S/RES/2779 (2025)") is not one.  A publication's symbol
         * may be on the page after its cover, so that search goes on. */
        if ((l->fl & L_PAGE) && seen > 0)
            later_page = 1;
        seen++;
        if (later_page) {
            if (p->symbol[0] == '\0' && seen <= 40 &&
                pc_symbol_line(l, tmp, sizeof(tmp)))
                memcpy(p->symbol, tmp, sizeof(tmp));
            continue;
        }
        if (pc_line_starts(l, "Symbol:")) {
            pc_set_meta(p, &p->doc->symbol, l->s + 7, l->len - 7);
            l->fl |= L_DROP;
            last_label = i;
            continue;
        }
        if (pc_line_starts(l, "Language:")) {
            pc_set_language(p, l->s + 9, l->len - 9);
            l->fl |= L_DROP;
            last_label = i;
            continue;
        }
        if (pc_line_starts(l, "Distr"))
            distr = (int)seen;
        if (p->doc->date == NULL && distr >= 0 && (int)seen - distr <= 5) {
            const char *c = memchr(l->s, ':', l->len);

            if (parse_date(l->s, l->len, date) ||
                (c && parse_date(c + 1, l->len - (size_t)(c + 1 - l->s),
                                 date)))
                pc_set_meta(p, &p->doc->date, date, 10);
        }
        if (p->symbol[0] == '\0' && pc_symbol_line(l, tmp, sizeof(tmp)) &&
            seen <= 40)
            memcpy(p->symbol, tmp, sizeof(tmp));
        if (pc_line_is(l, "Summary") || pc_line_is(l, "SUMMARY") ||
            pc_para_start(l, num, &rest) || pc_head_label(l, num, &rest) > 1)
            break;
        /* A draft's title comes after the lines saying who submits it
         * ("Draft resolution submitted by ...", "Iraq: draft
         * decision"); the block over them is the agenda item's title. */
        if (sponsor_line(l) && draft_title(p, i, &title_a, &limit)) {
            set_title(p, title_a, limit);
            p->body = limit;
            return;
        }
        /* An entry of a table of contents ("Report of the Ethics
         * Office ... 5", E/ICEF/2025/26) is no subtitle. */
        if (is_subtitle(l) && !pc_has_leader(l)) {
            sub = i;
            break;
        }
        if (adoption_line(l)) {
            adopt = i;
            break;
        }
        if (pc_enacting_line(l)) {
            enact = i;
            break;
        }
        /* A line that goes on with the title line just before it is
         * the title's ("Compendium of decisions adopted by the" /
         * "Executive Board at its annual session of 2025"). */
        if (is_label(l) && !continues_title(p, i, last_label))
            last_label = i;
        else if (l->len >= 120 && pc_ends_sentence(l->s, l->len) &&
                 l->s[l->len - 2] != '.')
            break;      /* a sentence no title prints (a contents line's
                         * dots are none): the body has begun */
    }
    if (last_label == (size_t)-1)
        return;                         /* no front matter */
    title_a = last_label + 1;
    if (pc_next_content(p, title_a) >= p->n_lines) {
        /* Labels to the end ("Western embassies", "7 June 2014", ...,
         * a table's cells): there is no front matter to set apart, and
         * a document is never left without its text. */
        return;
    }
    if (adopt != (size_t)-1) {
        /* A resolution: its title ("Resolution 2779 (2025)") between
         * the labels and its adoption line ("Adopted by the Security
         * Council at its 9913th meeting, on 8 May 2025"), which is front
         * matter up to the enacting formula. */
        size_t j = adopt;

        i = pc_next_content(p, title_a);
        if (i < adopt && adopt - i <= 3)
            set_title(p, i, adopt);
        while (j < p->n_lines && j < adopt + 4 &&
               !pc_enacting_line(&p->lines[j]))
            j++;
        if (j < p->n_lines && pc_enacting_line(&p->lines[j]))
            for (i = adopt; i < j; i++)
                p->lines[i].fl |= L_DROP;
        p->body = adopt;
        return;
    }
    if (enact != (size_t)-1) {
        /* A (draft) resolution without an adoption line: its title is
         * the block just before the enacting formula, which starts the
         * body. */
        size_t a = enact;

        while (a > title_a && a + 5 > enact &&
               !(p->lines[a - 1].fl & (L_BLANK | L_DROP)) &&
               !is_label(&p->lines[a - 1]))
            a--;
        if (a < enact)
            set_title(p, a, enact);
        p->body = enact;
        return;
    }
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
               !pc_para_start(&p->lines[j + 1], num2, &rest2) &&
               !pc_head_label(&p->lines[j + 1], num2, &rest2) &&
               !(p->lines[j].len * 4 < prev_len * 3) &&
               !pc_ends_sentence(p->lines[j].s, p->lines[j].len) &&
               !pc_line_is(&p->lines[j + 1], "Summary") &&
               !contents_line(&p->lines[j + 1])) {
            prev_len = p->lines[j].len;
            j++;
        }
        /* A letter's heading is its title, to the line naming whom it
         * is addressed to: the block over it is the agenda items'
         * titles (A/79/758), and its text starts on the next line
         * ("I have the honour ..."). */
        if (letter_line(&p->lines[sub])) {
            size_t e = letter_heading_end(p, sub);

            if (e != (size_t)-1)
                j = e;
            set_title(p, sub, j + 1);
            p->body = j + 1;
            return;
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
        i = pc_next_content(p, title_a);
        if (i < p->n_lines && (pc_line_is(&p->lines[i], "Summary") ||
                               i >= title_a + 12)) {
            p->body = i;
            return;
        }
        if (i < p->n_lines) {
            char num[16];
            size_t rest;

            if (pc_para_start(&p->lines[i], num, &rest) ||
                pc_head_label(&p->lines[i], num, &rest)) {
                p->body = i;
                return;
            }
        }
        title_a = i;
        /* A resolution's title stops at its adoption line and never
         * takes the enacting formula ("The Security Council,"). */
        while (i < p->n_lines && !(p->lines[i].fl & L_BLANK) &&
               i < title_a + 4 && !adoption_line(&p->lines[i]) &&
               !pc_enacting_line(&p->lines[i]) &&
               !contents_line(&p->lines[i]) &&
               !contents_column(&p->lines[i]) &&
               !(i > title_a && ends_with_document(&p->lines[i - 1])))
            i++;
        if (i > title_a && pc_ends_sentence(p->lines[i - 1].s,
                                         p->lines[i - 1].len)) {
            p->body = title_a;          /* a paragraph, not a title */
            return;
        }
        if (i > title_a)
            set_title(p, title_a, i);
        p->body = i;
    }
}


/* ================================================================== */
/* UN metadata the front matter prints: session, agenda, type, date    */
/* ================================================================== */

/* Is the N bytes at S an English weekday? */
static int
is_weekday(const char *s, size_t n)
{
    static const char *const days[] = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", NULL
    };
    size_t i;

    for (i = 0; days[i]; i++)
        if (strlen(days[i]) == n && strncmp(s, days[i], n) == 0)
            return 1;
    return 0;
}

/* The first occurrence of the NUL-terminated W in the N bytes at S, or
 * NULL. */
static const char *
find_in(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(s + i, w, k) == 0)
            return s + i;
    return NULL;
}

/* Set *DST (unless set) to lines [A, B) joined with spaces. */
static void
set_meta_lines(struct parser *p, const char **dst, size_t a, size_t b)
{
    struct pc_buf t = PC_BUF_INIT;
    size_t i;

    for (i = a; i < b; i++) {
        if (t.len > 0)
            pc_buf_putc(&p->st, &t, ' ');
        pc_buf_append(&p->st, &t, p->lines[i].s, p->lines[i].len);
    }
    while (t.len > 0 && (t.data[t.len - 1] == '*' || t.data[t.len - 1] == ' '))
        t.data[--t.len] = '\0';
    if (t.len > 0)
        pc_set_meta(p, dst, t.data, t.len);
    pc_buf_free(&t);
}

/* The document types subtitle lines name, best first: a letter that
 * transmits a report is a letter. */
static const struct {
    const char *start, *type;
} types[] = {
    { "Letter dated ", "letter" },
    { "Identical letters dated ", "letter" },
    { "Note verbale dated ", "note-verbale" },
    { "Resolution adopted by ", "resolution" },
    { "Decision adopted by ", "decision" },
    { "Draft resolution", "draft" },
    { "Draft decision", "draft" },
    { "Report of the ", "report" },
    { "Report on the ", "report" },
    { "Note by the ", "note" },
    { "Statement by the President", "statement" },
    { "Summary statement by the ", "statement" },
};

#define N_TYPES (sizeof(types) / sizeof(types[0]))

/* The document type subtitle line L names, as its rank in types[],
 * kept in *BEST if better than the best so far (start at N_TYPES). */
static void
set_type(const struct line *l, size_t *best)
{
    size_t i;

    for (i = 0; i < N_TYPES && i < *best; i++)
        if (pc_line_starts(l, types[i].start)) {
            *best = i;
            return;
        }
}

/* The number an English ordinal names, "Eightieth" or "Seventy-ninth"
 * (N bytes at S, any case), or "80th"; 0 when it is none. */
static int
ordinal_value(const char *s, size_t n)
{
    static const char *const units[] = {
        "first", "second", "third", "fourth", "fifth", "sixth",
        "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        "thirteenth", "fourteenth", "fifteenth", "sixteenth",
        "seventeenth", "eighteenth", "nineteenth", NULL
    };
    static const char *const tens[] = {
        "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight",
        "ninet", NULL
    };
    size_t i, k;
    int v = 0;

    if (n > 2 && is_digit((unsigned char)s[0])) {
        for (i = 0; i < n && is_digit((unsigned char)s[i]) && v < 1000; i++)
            v = v * 10 + (s[i] - '0');
        return i + 2 == n ? v : 0;      /* "80th", "1st", "2nd", "3rd" */
    }
    for (i = 0; tens[i]; i++) {
        k = strlen(tens[i]);
        if (n >= k && strncasecmp(s, tens[i], k) == 0) {
            if (n == k + 4 && strncasecmp(s + k, "ieth", 4) == 0)
                return 20 + 10 * (int)i;
            if (n > k + 2 && strncasecmp(s + k, "y-", 2) == 0) {
                v = ordinal_value(s + k + 2, n - k - 2);
                return v > 0 && v < 10 ? 20 + 10 * (int)i + v : 0;
            }
            break;              /* "fifth" starts as "fift(y)" does */
        }
    }
    for (i = 0; units[i]; i++)
        if (strlen(units[i]) == n && strncasecmp(s, units[i], n) == 0)
            return (int)i + 1;
    return 0;
}

/* If the N bytes at S hold "<ordinal> session" or "2025 session"
 * ("Eleventh substantive session", "2025 resumed session", "Tenth
 * emergency special session" ES-10, "Annual session 2025"),
 * write the session's number into OUT (16 bytes) and return 1. */
static int
session_in(const char *s, size_t n, char *out)
{
    size_t i, w, e;
    int v, back;
    const char *kind;

    for (i = 0; i + 8 <= n; i++) {
        if (strncasecmp(s + i, " session", 8) != 0 ||
            (i + 8 < n && isalpha((unsigned char)s[i + 8])))
            continue;
        e = i;
        for (w = e; w > 0 && !is_space((unsigned char)s[w - 1]); w--)
            ;
        /* "2025 resumed session", "Tenth emergency special session". */
        kind = "";
        if ((e - w == 7 && strncasecmp(s + w, "resumed", 7) == 0) ||
            (e - w == 7 && strncasecmp(s + w, "regular", 7) == 0) ||
            (e - w == 11 && strncasecmp(s + w, "substantive", 11) == 0))
            back = 1;
        else if (e - w == 7 && strncasecmp(s + w, "special", 7) == 0) {
            back = 1;
            kind = "S-";
            if (w > 11 && strncasecmp(s + w - 10, "emergency ", 10) == 0) {
                w -= 10;
                kind = "ES-";
            }
        } else
            back = 0;
        if (back && w > 1) {
            e = w - 1;
            for (w = e; w > 0 && !is_space((unsigned char)s[w - 1]); w--)
                ;
        }
        /* "Annual session 2025", "First regular session 2025". */
        if (i + 13 == n && strspn(s + i + 9, "0123456789") == 4 &&
            s[i + 8] == ' ') {
            memcpy(out, s + i + 9, 4);
            out[4] = '\0';
            return 1;
        }
        if (w > 0)
            continue;           /* a label starts its line */
        if (e - w == 4 && strspn(s + w, "0123456789") == 4 && !*kind) {
            memcpy(out, s + w, 4);
            out[4] = '\0';
            return 1;
        }
        if ((v = ordinal_value(s + w, e - w)) > 0) {
            snprintf(out, 16, "%s%d", kind, v);
            return 1;
        }
    }
    return 0;
}

/* Agenda items after "Agenda item"/"Agenda items"/"Item" at S (N
 * bytes): "99 (ee)", "68 and 70", "13 (a), 14 and 15".  Returns the
 * length of the items (trailing "*" and " of the provisional agenda"
 * left out), 0 when none. */
static size_t
agenda_items(const char *s, size_t n)
{
    size_t i = 0, end = 0;

    for (;;) {
        if (i >= n || !is_digit((unsigned char)s[i]))
            break;
        while (i < n && is_digit((unsigned char)s[i]))
            i++;
        /* Sub-items: " (ee)", "(a)". */
        while (i + 2 < n &&
               (s[i] == '(' || (s[i] == ' ' && s[i + 1] == '('))) {
            size_t j = s[i] == ' ' ? i + 2 : i + 1, k = j;

            while (k < n && k < j + 4 && isalnum((unsigned char)s[k]))
                k++;
            if (k == j || k >= n || s[k] != ')')
                break;
            i = k + 1;
        }
        end = i;
        if (i + 2 <= n && s[i] == ',' && s[i + 1] == ' ')
            i += 2;
        else if (i + 5 <= n && strncmp(s + i, " and ", 5) == 0)
            i += 5;
        else
            break;
    }
    return end;
}

/* Two front pages printed over each other, which pdftotext reads as
 * one: "9 June6 2025" above "February 2025" is "9 June 2025" with the
 * day of "6 February 2025" between its month and its year.  The date
 * read is the one whose words come first; its year must follow the
 * glued digits at once. */
static int
overlaid_date(const char *s, size_t n, char *date)
{
    char buf[40];
    size_t k, e;

    if (n >= sizeof(buf))
        return 0;
    for (k = 1; k < n && !(is_digit((unsigned char)s[k]) &&
                           isalpha((unsigned char)s[k - 1])); k++)
        ;
    for (e = k; e < n && is_digit((unsigned char)s[e]); e++)
        ;
    if (k >= n || e - k > 2 || e + 5 != n || s[e] != ' ')
        return 0;
    memcpy(buf, s, k);
    memcpy(buf + k, s + e, n - e);
    return parse_date(buf, k + n - e, date);
}

/* A date at the N bytes of S, in the shapes the first pages print one
 * alone: "3 December 2025", "[18 July 2025]", "Wednesday, 16 April
 * 2025, 10 a.m.".  Writes it as YYYY-MM-DD into DATE (11 bytes). */
static int
date_alone(const char *s, size_t n, char *date)
{
    const char *c;

    if (parse_date(s, n, date))
        return 1;
    if (overlaid_date(s, n, date))
        return 1;
    if (n > 2 && s[0] == '[' && s[n - 1] == ']' &&
        parse_date(s + 1, n - 2, date))
        return 1;
    /* A weekday, then the date, then an hour. */
    if ((c = memchr(s, ',', n)) != NULL && c - s <= 10 &&
        is_weekday(s, (size_t)(c - s))) {
        const char *d = c + 1, *e = memchr(d, ',', (size_t)(s + n - d));

        return parse_date(d, e ? (size_t)(e - d) : (size_t)(s + n - d), date);
    }
    return 0;
}

/* The date that follows WORD ("dated ", " on ") in the N bytes at S,
 * up to the end of the line, a comma or a bracket. */
static int
date_after(const char *s, size_t n, const char *word, char *date)
{
    size_t k = strlen(word), i, j;

    for (i = 0; i + k <= n; i++)
        if (strncmp(s + i, word, k) == 0) {
            for (j = i + k; j < n && s[j] != ',' && s[j] != '[' &&
                 s[j] != '(' && j < i + k + 20; j++)
                ;
            /* "1 December 2025 from ...": the date is 3 words. */
            while (j > i + k && !parse_date(s + i + k, j - i - k, date))
                j--;
            if (j > i + k)
                return 1;
        }
    return 0;
}

/* The organs a masthead names, and their codes. */
static const struct {
    const char *name, *code;
} mastheads[] = {
    { "General Assembly", "GA" },
    { "Security Council", "SC" },
    { "Economic and Social Council", "ECOSOC" },
};

/* Does the masthead starting at line I name organ NAME, in any case,
 * on one line or broken over up to three ("ECONOMIC" "AND" "SOCIAL
 * COUNCIL" in the scanned records of the 1940s)?  Words are compared
 * one by one, so the breaks may fall between any two of them. */
static int
masthead_is(const struct parser *p, size_t i, const char *name)
{
    size_t k, at = 0, n = strlen(name);

    for (k = i; k < p->n_lines && k < i + 3; k++) {
        const struct line *l = &p->lines[k];

        if (l->len == 0 || at + l->len > n ||
            strncasecmp(l->s, name + at, l->len) != 0)
            return 0;
        at += l->len;
        if (at == n)
            return 1;
        if (name[at] != ' ')
            return 0;
        at++;
    }
    return 0;
}

/* Sets the document's organ from a masthead at line I, if it is one. */
static void
masthead_organ(struct parser *p, size_t i)
{
    size_t m;

    for (m = 0; m < sizeof(mastheads) / sizeof(mastheads[0]); m++)
        if (masthead_is(p, i, mastheads[m].name)) {
            pc_set_meta(p, &p->doc->meta[PILCROW_META_ORGAN],
                        mastheads[m].code, strlen(mastheads[m].code));
            return;
        }
}

void
pc_scan_un_meta(struct parser *p, size_t start)
{
    pilcrow_doc *doc = p->doc;
    size_t i, seen = 0, pages = 0, distr = 0, n, k;
    char val[16], date[11];
    const char *found_date = NULL;
    char dated[11] = "", adopted[11] = "";
    int agenda_line = -1;
    size_t type = N_TYPES;

    for (i = start; i < p->n_lines && seen < 250 && pages < 7; i++) {
        struct line *l = &p->lines[i];
        const char *s = l->s, *a;

        if ((l->fl & L_PAGE) && seen > 0)
            pages++;
        if (l->fl & L_BLANK) {
            agenda_line = -1;
            continue;
        }
        seen++;
        n = l->len;
        if (pc_line_starts(l, "Distr"))
            distr = seen;
        if (doc->meta[PILCROW_META_SESSION] == NULL && pages == 0 &&
            session_in(s, n, val))
            pc_set_meta(p, &doc->meta[PILCROW_META_SESSION], val, strlen(val));
        /* The agenda item and, on the lines after it, its title. */
        if (agenda_line >= 0 && seen - (size_t)agenda_line <= 4 &&
            !is_label(l) && !is_subtitle(l) && !adoption_line(l) &&
            doc->meta[PILCROW_META_AGENDA_TITLE] == NULL) {
            agenda_line = -1;
            k = i + 1;
            while (k < p->n_lines && k < i + 5 &&
                   !(p->lines[k].fl & (L_BLANK | L_PAGE)) &&
                   !is_label(&p->lines[k]) && !is_subtitle(&p->lines[k]) &&
                   !pc_line_starts(&p->lines[k], "Distr") &&
                   !pc_line_starts(&p->lines[k], "[") &&
                   !pc_line_starts(&p->lines[k], "*"))
                k++;
            set_meta_lines(p, &doc->meta[PILCROW_META_AGENDA_TITLE], i, k);
        }
        if (doc->meta[PILCROW_META_AGENDA] == NULL && pages == 0 &&
            ((a = find_in(s, n, "Agenda item")) != NULL ||
             (pc_line_starts(l, "Item ") && (find_in(s, n, " agenda") ||
                                             find_in(s, n, " list")))) &&
            (size_t)(a ? a - s : 0) < n) {
            const char *v = a ? a + 11 : s + 5;
            size_t m, vn;

            if (v < s + n && *v == 's')
                v++;
            while (v < s + n && *v == ' ')
                v++;
            vn = (size_t)(s + n - v);
            if ((m = agenda_items(v, vn)) > 0) {
                pc_set_meta(p, &doc->meta[PILCROW_META_AGENDA], v, m);
                v += m;
                while (v < s + n && (*v == '*' || *v == ' '))
                    v++;
                if (v < s + n && strncmp(v, "of the", 6) != 0 &&
                    strncmp(v, "(continued)", 11) != 0)
                    pc_set_meta(p, &doc->meta[PILCROW_META_AGENDA_TITLE], v,
                                (size_t)(s + n - v));
                else
                    agenda_line = (int)seen;
            }
        }
        if (pages == 0)
            set_type(l, &type);
        /* The organ a document without a symbol prints first. */
        if (doc->meta[PILCROW_META_ORGAN] == NULL && seen < 20)
            masthead_organ(p, i);
        if (found_date == NULL && doc->date == NULL) {
            const char *c = memchr(s, ':', n);

            if (distr > 0 && seen - distr <= 3 &&
                (date_alone(s, n, date) ||
                 (c && parse_date(c + 1, n - (size_t)(c + 1 - s), date))))
                found_date = "distr";
            else if (date_alone(s, n, date))
                found_date = "alone";
            if (found_date)
                pc_set_meta(p, &doc->date, date, 10);
        }
        if (dated[0] == '\0' && seen < 60 &&
            (pc_line_starts(l, "Letter dated ") ||
             pc_line_starts(l, "Identical letters dated ") ||
             pc_line_starts(l, "Note verbale dated ")))
            date_after(s, n, "dated ", dated);
        if (adopted[0] == '\0' && adoption_line(l))
            date_after(s, n, " on ", adopted);
    }
    if (type < N_TYPES)
        pc_set_meta(p, &doc->meta[PILCROW_META_TYPE], types[type].type,
                    strlen(types[type].type));
    if (doc->date == NULL && adopted[0])
        pc_set_meta(p, &doc->date, adopted, 10);
    if (doc->date == NULL && dated[0])
        pc_set_meta(p, &doc->date, dated, 10);
}
