/*
 * parse-accuracy.c - measure the parser over a folder of pdftotext
 * documents (../shared/corpora/un-docs-2025/txt) and fail below the
 * thresholds of issue 3:
 *  - symbol found for >= 98% of documents (the file name encodes the
 *    symbol: '/' and other odd characters become '_', see SOURCE.md);
 *  - of documents with numbered paragraphs (>= 10 lines "N. " as
 *    SOURCE.md counts them), >= 95% whose paragraph numbers run 1..N
 *    with no gap, duplicate or disorder, the body and each annex
 *    counted separately;
 *  - zero records containing page furniture (a job number "24-16783
 *    (E)", a barcode "*2416783*", the document's own job number, or a
 *    page counter "k/N" of its page count N);
 *  - >= 95% of note markers in record texts resolved to a note;
 *  - a paragraph number presented as printed is printed: a line of the
 *    source starts with it ("12." then the record's first word, or
 *    page furniture between them: "5.", "2/2", "S/RES/2786 (2025)") for
 *    >= 99.5% of them (numbers pilcrow supplies are bracketed and not
 *    counted);
 *  - resolutions (documents whose enacting formula comes before any
 *    numbered paragraph; not reports quoting draft resolutions):
 *    >= 95% of preambular paragraphs are a record of their
 *    own.  In the source, between the enacting formula ("The General
 *    Assembly,") and the line "1." (or an operative paragraph printed
 *    without a number: a verb such as "Decides" opening a paragraph
 *    that ends with a full stop), a preambular paragraph starts at a
 *    line opening with a capital letter after a line that ends with a
 *    comma or semicolon (marker digits aside); each must start a
 *    "preamble, para. N" record.
 *  - letters titled by their heading: of the documents whose first 40
 *    lines hold a line opening "Letter dated ", "Identical letters
 *    dated ", "Note verbale dated " or "Letter of " and a digit (before
 *    any "Report of", "Report on" or "Note by" line or "1."), >= 99%
 *    whose title starts with that line, not with the agenda items'
 *    titles over it.
 * Files: *.txt and *.md (the GA resolutions are Markdown).  With
 * "resolutions" after DIR the floors are those of a folder of
 * resolutions: the numbered-runs figure is reported only (operative
 * paragraphs hold lettered sub-lists and quoted texts).
 * It prints the figures and the parse speed in MB/s (reported, not
 * asserted).  Usage: parse-accuracy DIR
 *
 * Until the parser reaches every target, the program fails only below
 * the floors (the figures reached so far, so a change that makes the
 * parser worse is caught) and prints "below target" for the others;
 * issue 3 stays open until the floors are the targets.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "pilcrow-private.h"
#include "accuracy.h"

/* Normalise a symbol as SOURCE.md names files: every character other
 * than letters, digits, '.' and '-' becomes '_', runs collapse, and
 * leading and trailing '_' go. */
static void
norm(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0, i;

    for (i = 0; i < n && o + 1 < size; i++) {
        char c = s[i];

        if (!(isalnum((unsigned char)c) || c == '.' || c == '-'))
            c = '_';
        if (c == '_' && (o == 0 || out[o - 1] == '_'))
            continue;
        out[o++] = c;
    }
    while (o > 0 && out[o - 1] == '_')
        o--;
    out[o] = '\0';
}

/* Documents of the corpus whose file is named after another symbol of
 * the same document, as SOURCE.md records them ("byte-identical
 * duplicates (S/2025/503 = A/79/992)": the text shows only the first). */
static const char *const same_document[][2] = {
    { "S/2025/503", "A_79_992" },
};

/* Does SYMBOL match file stem STEM, whole or by either part of a joint
 * symbol?  Symbols compare without regard to case ("MISC.14" is
 * "Misc.14"); the dash joining a joint symbol is a '_' in file names
 * ("A/ES-10/1043-S/2025/529" is "A_ES-10_1043_S_2025_529"); a part
 * named in parentheses after the symbol ("E/ICEF/672(Première
 * partie)", in the document's language) matches a file stem with a
 * "_Part..." suffix. */
static int
symbol_matches(const char *symbol, const char *stem)
{
    char a[256], b[256], j[256];
    const char *d, *part;
    size_t i;

    for (i = 0; i < sizeof(same_document) / sizeof(same_document[0]); i++)
        if (strcmp(symbol, same_document[i][0]) == 0 &&
            strcmp(stem, same_document[i][1]) == 0)
            return 1;
    norm(symbol, strlen(symbol), a, sizeof(a));
    norm(stem, strlen(stem), b, sizeof(b));
    if (strcasecmp(a, b) == 0)
        return 1;
    snprintf(j, sizeof(j), "%s", symbol);
    for (i = 0; j[i]; i++)
        if (j[i] == '-' && isupper((unsigned char)j[i + 1]) &&
            strchr(j + i, '/'))
            j[i] = '/';
    norm(j, strlen(j), a, sizeof(a));
    if (strcasecmp(a, b) == 0)
        return 1;
    if ((part = strstr(stem, "_Part")) != NULL && (d = strchr(symbol, '(')) &&
        d > symbol) {
        norm(symbol, (size_t)(d - symbol), a, sizeof(a));
        norm(stem, (size_t)(part - stem), b, sizeof(b));
        if (strcasecmp(a, b) == 0)
            return 1;
        norm(stem, strlen(stem), b, sizeof(b));
    }
    for (d = strchr(symbol, '-'); d; d = strchr(d + 1, '-')) {
        if (isupper((unsigned char)d[1]) && strchr(d, '/')) {
            norm(symbol, (size_t)(d - symbol), a, sizeof(a));
            if (strcasecmp(a, b) == 0)
                return 1;
            norm(d + 1, strlen(d + 1), a, sizeof(a));
            if (strcasecmp(a, b) == 0)
                return 1;
        }
    }
    return 0;
}

/* Read file PATH whole into a new buffer. */
static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

/* Count lines "N. " / "N." (1-3 digits) at line starts, pages, and
 * find the job number "NN-NNNNN" of the document. */
static void
shape(const char *t, size_t len, int *numbered, int *pages, char *job)
{
    const char *p = t, *end = t + len;

    *numbered = 0;
    *pages = 1;
    job[0] = '\0';
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end, *q = p;
        size_t d = 0;

        while (q < e && *q == '\f') {
            (*pages)++;
            q++;
        }
        while (q + d < e && isdigit((unsigned char)q[d]))
            d++;
        if (d >= 1 && d <= 3 && q + d < e && q[d] == '.' &&
            (q + d + 1 == e || q[d + 1] == ' '))
            (*numbered)++;
        if (job[0] == '\0' && e - q >= 8 && d == 2 && q[2] == '-') {
            size_t k = 3;

            while (k < 8 && isdigit((unsigned char)q[k]))
                k++;
            if (k == 8 && (e - q == 8 || q[8] == ' ')) {
                memcpy(job, q, 8);
                job[8] = '\0';
            }
        }
        p = nl ? nl + 1 : end;
    }
}

/* Does TEXT hold page furniture? */
static const char *
furniture(const char *text, const char *job, int pages)
{
    const char *p;
    char counter[32];

    for (p = text; *p; p++) {
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
            p[2] == '-') {
            int k = 3;

            while (k < 8 && isdigit((unsigned char)p[k]))
                k++;
            if (k == 8 && p[8] == ' ' && p[9] == '(' && isupper((unsigned char)p[10]) &&
                p[11] == ')')
                return "job number";
        }
        if (p[0] == '*' && isdigit((unsigned char)p[1])) {
            int k = 1;

            while (isdigit((unsigned char)p[k]))
                k++;
            if (k >= 8 && p[k] == '*')
                return "barcode";
        }
    }
    if (job[0] && strstr(text, job))
        return "job number";
    if (pages > 2) {
        int k;

        for (k = 2; k <= pages; k++) {
            size_t cn = (size_t)snprintf(counter, sizeof(counter), " %d/%d ",
                                         k, pages);

            /* "decision 6/7", "resolution 2/4" cite texts: not a
             * counter. */
            for (p = strstr(text, counter); p; p = strstr(p + cn - 1, counter))
                if (!(p - text >= 8 && memcmp(p - 8, "decision", 8) == 0) &&
                    !(p - text >= 10 && memcmp(p - 10, "resolution", 10) == 0))
                    return "page counter";
        }
    }
    return NULL;
}

/* The number of a record within its part: "3" of "drII.3" or of
 * "dR68/1.3", a paragraph of a draft or resolution quoted in a report,
 * or of "dCII.3", a chapter's numbered apart; else NUMBER itself. */
static const char *
own_number(const char *number)
{
    const char *dot;

    if (number[0] == 'd' && number[1] != '\0' &&
        strchr(PC_PARTS, number[1]) != NULL &&
        (dot = strchr(number, '.')) != NULL)
        return dot + 1;
    return number;
}

/* The length of the draft part of NUMBER ("drII" of "drII.3"), 0 when
 * the record is no draft's. */
static size_t
draft_part(const char *number)
{
    return (size_t)(own_number(number) - number);
}

/* Are records Q and R in the same part: the same annex, and the same
 * quoted draft or none? */
static int
same_part(const struct pilcrow_record *q, const struct pilcrow_record *r)
{
    size_t n = draft_part(q->number);

    return ((q->annex == NULL) == (r->annex == NULL)) &&
           (q->annex == NULL || strcmp(q->annex, r->annex) == 0) &&
           n == draft_part(r->number) && memcmp(q->number, r->number, n) == 0;
}

/* Do the paragraph numbers of DOC run 1..N in the body, each annex and
 * each quoted draft? */
static int
runs_clean(const pilcrow_doc *doc, int verbose, const char *name)
{
    size_t i, j;

    for (i = 0; i < doc->n_records; i++) {
        const struct pilcrow_record *r = &doc->records[i];
        long want = 1;
        int first = 1;

        if (r->kind != PILCROW_KIND_PARAGRAPH)
            continue;
        /* Start of a group: the first record of its annex. */
        for (j = 0; j < i; j++) {
            const struct pilcrow_record *q = &doc->records[j];

            if (q->kind == PILCROW_KIND_PARAGRAPH && same_part(q, r))
                break;
        }
        if (j < i)
            continue;
        for (j = i; j < doc->n_records; j++) {
            const struct pilcrow_record *q = &doc->records[j];
            long n;

            /* Articles ("a4", "a4.1") are numbered on their own, and
             * decimal sub-paragraphs ("3.1") within theirs. */
            if (q->kind != PILCROW_KIND_PARAGRAPH || q->number[0] == 'a' ||
                strchr(own_number(q->number), '.') != NULL ||
                !same_part(q, r))
                continue;
            n = strtol(own_number(q->number), NULL, 10);
            if (n == 0 && first)
                continue;           /* text before paragraph 1 */
            first = 0;
            if (n != want) {
                if (verbose)
                    fprintf(stderr, "%s: annex %s: para %s, want %ld\n",
                            name, r->annex ? r->annex : "-", q->number,
                            want);
                return 0;
            }
            want++;
        }
    }
    return 1;
}

/* The lines of a source that start with a paragraph number: "12." or
 * "12.", then white space, then text.  NUM is the number, AT the offset
 * of the text after it. */
struct numbered_line {
    long num;
    size_t at;
};

/* The offset of the first line at or after J that is not page
 * furniture: a number alone on its line ("5.") may be followed by the
 * page's foot and the next page's head before its text ("2/2",
 * "25-11470 (E)", "*2511470*", "S/RES/2786 (2025)"): short lines with
 * no lower-case letter. */
static size_t
past_furniture(const char *buf, size_t len, size_t j)
{
    int k;

    for (k = 0; k < 8 && j < len; k++) {
        size_t e = j;
        int lower = 0;

        while (e < len && buf[e] != '\n')
            lower |= islower((unsigned char)buf[e++]);
        if (lower || e - j >= 40 || e >= len)
            break;
        j = e;
        while (j < len && isspace((unsigned char)buf[j]))
            j++;
    }
    return j;
}

static struct numbered_line *
numbered_lines(const char *buf, size_t len, size_t *n_out)
{
    struct numbered_line *v = NULL;
    size_t n = 0, cap = 0, i = 0;

    while (i < len) {
        size_t j = i, d;
        long num = 0;

        while (j < len && (buf[j] == ' ' || buf[j] == '\t' || buf[j] == '\f'))
            j++;
        for (d = 0; j < len && d < 4 && isdigit((unsigned char)buf[j]); d++)
            num = num * 10 + (buf[j++] - '0');
        if (d > 0 && d < 4 && j + 1 < len && buf[j] == '.' &&
            (buf[j + 1] == ' ' || buf[j + 1] == '\t' || buf[j + 1] == '\n')) {
            j++;
            while (j < len && isspace((unsigned char)buf[j]))
                j++;
            j = past_furniture(buf, len, j);
            if (n == cap) {
                struct numbered_line *t;
                cap = cap ? 2 * cap : 256;
                if ((t = realloc(v, cap * sizeof(*v))) == NULL)
                    break;
                v = t;
            }
            v[n].num = num;
            v[n].at = j;
            n++;
        }
        while (i < len && buf[i] != '\n')
            i++;
        i++;
    }
    *n_out = n;
    return v;
}

/* Is record R's number printed in the source: a numbered line of that
 * number followed by the record's first word? */
static int
printed_in_source(const struct pilcrow_record *r, const char *buf,
                  size_t len, const struct numbered_line *v, size_t n)
{
    const char *t = r->text, *own = own_number(r->number);
    long num = strtol(own, NULL, 10);
    size_t w = 0, i;
    char label[32];

    while (*t == ' ')
        t++;
    while (t[w] && t[w] != ' ' && w < 12)
        w++;
    if (own[0] == 'a') {
        /* An article, "a4": its heading "Article 4" (or in another
         * language: not checked); its paragraph "a4.2": "2." before the
         * text; its commentary's "a4.c2": "(2)" before the text. */
        const char *dot = strchr(own, '.');

        if (dot == NULL)
            return 1;
        if (dot[1] == 'c') {
            snprintf(label, sizeof(label), "(%s)", dot + 2);
            own = label;
        } else {
            num = strtol(dot + 1, NULL, 10);
            for (i = 0; i < n; i++)
                if (v[i].num == num && v[i].at + w <= len &&
                    memcmp(buf + v[i].at, t, w) == 0)
                    return 1;
            return 0;
        }
    }
    if (strchr(own, '.') != NULL || own[0] == '(') {
        /* A decimal sub-paragraph, "3.1", or a commentary's "(2)": the
         * number at the start of a line, then (past a full stop and
         * white space) the text. */
        size_t n = strlen(own);
        const char *q, *e = buf + len;

        for (q = buf; q + n <= e; q++) {
            const char *a = q + n;

            if ((q > buf && q[-1] != '\n' && q[-1] != '\f') ||
                memcmp(q, own, n) != 0)
                continue;
            if (a < e && *a == '.')
                a++;
            while (a < e && isspace((unsigned char)*a))
                a++;
            if (a + w <= e && memcmp(a, t, w) == 0)
                return 1;
        }
        return 0;
    }
    for (i = 0; i < n; i++)
        if (v[i].num == num && v[i].at + w <= len &&
            memcmp(buf + v[i].at, t, w) == 0)
            return 1;
    return 0;
}

/* Does the line [S, E) end with ',' or ';', past closing quotes and
 * brackets and a note marker (plain digits, "[^9]")? */
static int
ends_clause(const char *s, const char *e)
{
    while (e > s && (isspace((unsigned char)e[-1]) || e[-1] == ']' ||
                     e[-1] == ')' || isdigit((unsigned char)e[-1]) ||
                     e[-1] == '^' || e[-1] == '['))
        e--;
    return e > s && (e[-1] == ',' || e[-1] == ';');
}

/* Does the line [S, S + N) open with a verb in the third person, as
 * an operative paragraph printed without a number does ("Decides that
 * the election ...")?  A capitalised word of five letters or more
 * ending in a single "s" ("Decides", "Requests"; not "Witness"), that is
 * not "Nations" or "States" (preambles open "States Parties ..."
 * rarely, but do). */
static int
third_person(const char *s, size_t n)
{
    size_t w = 1;

    while (w < n && islower((unsigned char)s[w]))
        w++;
    return w >= 5 && (w == n || s[w] == ' ') && s[w - 1] == 's' &&
           s[w - 2] != 's' && !(s[w - 3] == 'o' && s[w - 2] == 'u') &&
           !(w == 9 && memcmp(s, "Conscious", 9) == 0) && !(w == 7 && memcmp(s, "Nations", 7) == 0) &&
           !(w == 6 && memcmp(s, "States", 6) == 0);
}

/* Does the paragraph whose first line starts at S end with a full stop
 * (operative) rather than a comma or semicolon (preambular)?  Its end
 * is the first line ending in one of them, within 40 lines. */
static int
ends_period(const char *s, const char *end)
{
    int k;

    for (k = 0; k < 40 && s < end; k++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;

        if (ends_clause(s, e))
            return 0;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        if (e > s && e[-1] == '.')
            return 1;
        s = nl ? nl + 1 : end;
    }
    return 0;
}

/* "The General Assembly,": "The", then capitalised words or "and",
 * "of", "the", "on", then the comma that ends the line. */
static int
enacting(const char *s, size_t n)
{
    size_t i = 4;

    if (n < 8 || n > 64 || memcmp(s, "The ", 4) != 0 || s[n - 1] != ',')
        return 0;
    while (i < n - 1) {
        size_t e = i;

        while (e < n - 1 && s[e] != ' ')
            e++;
        if (!isupper((unsigned char)s[i]) &&
            !(e - i == 3 && (memcmp(s + i, "and", 3) == 0 ||
                             memcmp(s + i, "the", 3) == 0)) &&
            !(e - i == 2 && (memcmp(s + i, "of", 2) == 0 ||
                             memcmp(s + i, "on", 2) == 0)))
            return 0;
        i = e + 1;
    }
    return 1;
}

/* Count the preambular paragraphs of the resolution in BUF (as the
 * head comment says) into *N_SOURCE, and those that start a preamble
 * record of DOC into *N_OWN. */
static void
preamble_paragraphs(const char *buf, size_t len, const pilcrow_doc *doc,
                    long *n_source, long *n_own, int verbose,
                    const char *name)
{
    const char *p = buf, *end = buf + len, *prev = NULL, *prev_e = NULL;
    int in = 0;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end, *s = p;
        size_t n;

        while (s < e && (*s == ' ' || *s == '\f'))
            s++;
        n = (size_t)(e - s);
        if (n == 0) {
            p = nl ? nl + 1 : end;
            continue;
        }
        if (!in) {
            /* A resolution, not a report quoting one: the enacting
             * formula comes before any numbered paragraph. */
            if (n >= 2 && isdigit((unsigned char)s[0]) &&
                (s[1] == '.' || (isdigit((unsigned char)s[1]) && n >= 3 &&
                                 s[2] == '.')))
                return;
            in = enacting(s, n);
        } else if ((n >= 2 && s[0] == '1' && s[1] == '.') ||
                   (isupper((unsigned char)s[0]) &&
                    (prev == NULL || ends_clause(prev, prev_e)) &&
                    third_person(s, n) && ends_period(s, end))) {
            break;              /* the operative part */
        } else if (isupper((unsigned char)s[0]) &&
                   (prev == NULL || ends_clause(prev, prev_e))) {
            size_t k, w = n < 24 ? n : 24, m;
            int found = 0;

            for (m = 0; m < w && s[m] != '[' && s[m] != '*'; m++)
                ;
            w = m;
            (*n_source)++;
            for (k = 0; k < doc->n_records && !found; k++) {
                const struct pilcrow_record *r = &doc->records[k];

                found = r->kind == PILCROW_KIND_PARAGRAPH &&
                        r->number[0] == 'p' && r->text_len >= w &&
                        memcmp(r->text, s, w) == 0;
            }
            if (found)
                (*n_own)++;
            else if (verbose)
                fprintf(stderr, "%s: preambular paragraph not a record: "
                        "\"%.60s\"\n", name, s);
        }
        if (in) {
            prev = s;
            prev_e = e;
        }
        p = nl ? nl + 1 : end;
    }
}

/* Paragraph records longer than this many words are counted: issue 13
 * wants none unless the document prints one paragraph that long.  The
 * ceilings are what the parser reaches; un-docs-2025's 11 (VERBOSE
 * lists them): six paragraphs printed that long (mandates and
 * recommendations in lettered items, a recorded vote), two tables, and
 * three lists of names or bullets under one heading or paragraph (a
 * delegation, a committee's members, the messages of a forum). */
#define LONG_WORDS 1500
#define MAX_LONG 11L
#define MAX_LONG_RES 0L

/* The heading line of a letter in the first 40 lines of BUF (LEN
 * bytes), as described at the top, into OUT (SIZE bytes, trimmed);
 * 0 when there is none. */
static int
letter_heading(const char *buf, size_t len, char *out, size_t size)
{
    static const char *const starts[] = {
        "Letter dated ", "Identical letters dated ", "Note verbale dated ",
        "Letter of ", NULL
    };
    const char *p = buf, *end = buf + len, *nl;
    int line, k;

    for (line = 0; line < 40 && p < end; line++, p = nl ? nl + 1 : end) {
        size_t n;

        nl = memchr(p, '\n', (size_t)(end - p));
        n = (size_t)((nl ? nl : end) - p);
        while (n > 0 && isspace((unsigned char)p[n - 1]))
            n--;
        /* A report or a note that transmits the letter: not a letter's
         * title. */
        if ((n >= 9 && (strncmp(p, "Report of", 9) == 0 ||
                        strncmp(p, "Report on", 9) == 0 ||
                        strncmp(p, "Note by ", 8) == 0)) ||
            (n == 2 && strncmp(p, "1.", 2) == 0))
            return 0;
        for (k = 0; starts[k]; k++) {
            size_t m = strlen(starts[k]);

            if (n > m && strncmp(p, starts[k], m) == 0 &&
                (k < 3 || isdigit((unsigned char)p[m]))) {
                snprintf(out, size, "%.*s", (int)n, p);
                return 1;
            }
        }
    }
    return 0;
}

/* Words in S: runs of bytes other than spaces. */
static size_t
words(const char *s)
{
    size_t n = 0;
    int in = 0;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\n') {
            in = 0;
        } else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

int
main(int argc, char **argv)
{
    DIR *dir;
    struct dirent *de;
    int n_docs = 0, n_symbol = 0, n_numbered = 0, n_runs = 0;
    long n_markers = 0, n_resolved = 0, n_notes = 0, n_notes_cited = 0;
    long n_furniture = 0, n_records = 0, n_printed = 0, n_verified = 0;
    long n_long = 0;
    long n_supplied = 0, n_pre_source = 0, n_pre_own = 0;
    long n_letters = 0, n_letters_titled = 0;
    double secs = 0, bytes = 0;
    int verbose = getenv("VERBOSE") != NULL, ok = 1, resolutions;
    char path[4096];

    if (argc < 2 || argc > 3 ||
        (argc == 3 && strcmp(argv[2], "resolutions") != 0)) {
        fprintf(stderr, "usage: parse-accuracy DIR [resolutions]\n");
        return 2;
    }
    resolutions = argc == 3;
    if ((dir = opendir(argv[1])) == NULL)
        return 77;
    while ((de = readdir(dir)) != NULL) {
        size_t nl = strlen(de->d_name), len = 0, i, k;
        char stem[256], job[16], heading[512];
        char *buf;
        pilcrow_doc *doc = NULL;
        pilcrow_parse_options opts = PILCROW_PARSE_OPTIONS_INIT;
        struct timespec t0, t1;
        int numbered, pages;
        char *err = NULL;
        struct numbered_line *lines;
        size_t n_lines;

        size_t ext;

        if (nl > 4 && strcmp(de->d_name + nl - 4, ".txt") == 0)
            ext = 4;
        else if (nl > 3 && strcmp(de->d_name + nl - 3, ".md") == 0)
            ext = 3;
        else
            continue;
        snprintf(path, sizeof(path), "%s/%s", argv[1], de->d_name);
        snprintf(stem, sizeof(stem), "%.*s", (int)(nl - ext), de->d_name);
        if ((buf = slurp(path, &len)) == NULL)
            continue;
        opts.file = de->d_name;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        if (pilcrow_doc_parse_buffer(&doc, buf, len, &opts, &err) < 0) {
            fprintf(stderr, "%s: %s\n", path, err ? err : "failed");
            pilcrow_free(err);
            free(buf);
            ok = 0;
            continue;
        }
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        secs += (double)(t1.tv_sec - t0.tv_sec) +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        bytes += (double)len;
        n_docs++;
        if (doc->symbol && symbol_matches(doc->symbol, stem))
            n_symbol++;
        else if (verbose)
            fprintf(stderr, "%s: symbol %s\n", stem,
                    doc->symbol ? doc->symbol : "(null)");
        if (letter_heading(buf, len, heading, sizeof(heading))) {
            n_letters++;
            if (doc->title &&
                strncmp(doc->title, heading, strlen(heading)) == 0)
                n_letters_titled++;
            else if (verbose)
                fprintf(stderr, "%s: letter titled \"%.60s\"\n", stem,
                        doc->title ? doc->title : "");
        }
        shape(buf, len, &numbered, &pages, job);
        preamble_paragraphs(buf, len, doc, &n_pre_source, &n_pre_own,
                            verbose, stem);
        lines = numbered_lines(buf, len, &n_lines);
        if (numbered >= 10) {
            n_numbered++;
            n_runs += runs_clean(doc, verbose, stem);
        }
        for (i = 0; i < doc->n_records; i++) {
            const struct pilcrow_record *r = &doc->records[i];
            const char *f;

            n_records++;
            if ((f = furniture(r->text, job, pages)) != NULL) {
                n_furniture++;
                if (verbose)
                    fprintf(stderr, "%s: %s: %s in \"%.80s\"\n", stem,
                            r->anchor, f, r->text);
            }
            if (r->kind == PILCROW_KIND_PARAGRAPH &&
                words(r->text) > LONG_WORDS) {
                n_long++;
                if (verbose)
                    fprintf(stderr, "%s: %s over %d words: \"%.60s\"\n",
                            stem, r->anchor, LONG_WORDS, r->text);
            }
            if (r->kind == PILCROW_KIND_PARAGRAPH && r->printed) {
                n_printed++;
                if (printed_in_source(r, buf, len, lines, n_lines))
                    n_verified++;
                else if (verbose)
                    fprintf(stderr, "%s: %s presented as printed: "
                            "\"%.60s\"\n", stem, r->anchor, r->text);
            } else if (r->kind == PILCROW_KIND_PARAGRAPH) {
                n_supplied++;
            }
            if (r->kind == PILCROW_KIND_NOTE) {
                n_notes++;
                n_notes_cited += r->n_cited_by > 0;
                if (r->n_cited_by == 0 && verbose)
                    fprintf(stderr, "%s: %s cited by no record: "
                            "\"%.60s\"\n", stem, r->anchor, r->text);
                continue;
            }
            for (k = 0; k < r->n_cites; k++) {
                size_t j;

                n_markers++;
                for (j = 0; j < doc->n_records; j++)
                    if (doc->records[j].kind == PILCROW_KIND_NOTE &&
                        strcmp(doc->records[j].number, r->cites[k]) == 0)
                        break;
                if (j < doc->n_records)
                    n_resolved++;
                else if (verbose)
                    fprintf(stderr, "%s: %s: marker %s unresolved\n", stem,
                            r->anchor, r->cites[k]);
            }
        }
        pilcrow_doc_free(doc);
        free(lines);
        free(buf);
    }
    closedir(dir);
    if (n_docs == 0)
        return 77;
    printf("documents            %d\n", n_docs);
    printf("records              %ld\n", n_records);
    printf("symbol found         %d/%d = %.1f%% (>= 98%%)\n", n_symbol, n_docs,
           100.0 * n_symbol / n_docs);
    printf("numbered runs clean  %d/%d = %.1f%% (>= 95%%)\n", n_runs,
           n_numbered, n_numbered ? 100.0 * n_runs / n_numbered : 100.0);
    printf("furniture records    %ld (== 0)\n", n_furniture);
    printf("over %d words      %ld paragraph records (<= %ld)\n",
           LONG_WORDS, n_long, resolutions ? MAX_LONG_RES : MAX_LONG);
    printf("markers resolved     %ld/%ld = %.1f%% (>= 95%%)\n", n_resolved,
           n_markers, n_markers ? 100.0 * n_resolved / n_markers : 100.0);
    printf("printed as printed   %ld/%ld = %.1f%% (>= 99.5%%; %ld counted: "
           "bracketed or preamble)\n", n_verified, n_printed,
           n_printed ? 100.0 * n_verified / n_printed : 100.0, n_supplied);
    printf("preambles split      %ld/%ld = %.1f%% (>= 95%%)\n", n_pre_own,
           n_pre_source,
           n_pre_source ? 100.0 * n_pre_own / n_pre_source : 100.0);
    printf("notes cited          %ld/%ld = %.1f%% (>= 91%%)\n",
           n_notes_cited, n_notes,
           n_notes ? 100.0 * n_notes_cited / n_notes : 100.0);
    printf("letters titled       %ld/%ld = %.1f%% (>= 99%%)\n",
           n_letters_titled, n_letters,
           n_letters ? 100.0 * n_letters_titled / n_letters : 100.0);
    printf("parse speed          %.1f MB/s (%.1f MB in %.3f s, reported)\n",
           secs > 0 ? bytes / 1e6 / secs : 0.0, bytes / 1e6, secs);
    ok &= check("symbol found", n_symbol, n_docs, 980, 980);
    /* Numbered runs: the floor is what is reached (un-docs 318/327,
     * 97.2%: the misses are OCR and lost numbers), the target 95%. */
    if (!resolutions)
        ok &= check("numbered runs clean", n_runs, n_numbered, 970, 950);
    ok &= check("markers resolved", n_resolved, n_markers, 950, 950);
    /* Floors: what the parser reaches (un-docs 99.6% and 97.6%, the GA
     * resolutions 100% and 97.6%). */
    ok &= check("printed as printed", n_verified, n_printed, 995, 995);
    ok &= check("preambles split", n_pre_own, n_pre_source, 970, 950);
    /* Notes cited by a record: the floor is what is reached (un-docs
     * 91.0%, the GA resolutions 91.5%), issue 13's target 90%. */
    ok &= check("notes cited", n_notes_cited, n_notes, 910, 900);
    /* Letters titled by their heading: un-docs 220/220 (155 before the
     * letter's heading was its title). */
    ok &= check("letters titled", n_letters_titled, n_letters, 990, 990);
    if (n_long > (resolutions ? MAX_LONG_RES : MAX_LONG)) {
        printf("FAIL: %ld paragraph records over %d words\n", n_long,
               LONG_WORDS);
        ok = 0;
    }
    if (n_furniture > 0) {
        printf("FAIL: furniture records %ld > 0\n", n_furniture);
        ok = 0;
    }
    return ok ? 0 : 1;
}
