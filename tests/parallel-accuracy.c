/*
 * parallel-accuracy.c - measure pilcrow_db_get_parallel() (what
 * "pilcrow show --parallel" prints) over real translations, and fail
 * below the floors of issue 14:
 *  - the UN Parallel Corpus dev set as documents
 *    (../shared/corpora/unpc-v1.0-devset/docs/LANG/NAME.txt): line i of
 *    the six versions of a document is the same segment, so the truth
 *    does not depend on the parser.  A paragraph counts when all six
 *    versions print the same number at the start of its segment
 *    ("26. " in ar-less scripts, "٢٦ - " or "26 - " in Arabic) and the
 *    number is printed once in the document.  Asked from each of the six
 *    versions in turn, it is right when the record found there and its
 *    five counterparts each start with their own segment's text;
 *    target >= 95%, floor 99.5% (100% reached).  Reported apart: the
 *    paragraphs whose number pilcrow reads as printed in all six (the
 *    others would fail on parsing, not on alignment).
 *  - the UDHR in the six languages
 *    (../shared/corpora/udhr-multilingual/txt), each given the same
 *    "Symbol:" line: the Nth article heading of each file ("Article",
 *    "Artículo", "Статья", "المادة", "第…条") is article N; asked from
 *    each version, "art. N" (or "art. N, para. 1" where the article
 *    opens with "1." or "㈠") is right when all six versions start with
 *    the text under their own heading; every article must be right.
 * The index is built in DIR/db by the library (DIR is the third
 * argument).  Usage: parallel-accuracy DEVSET_DOCS UDHR_TXT DIR
 * VERBOSE=1 in the environment lists the failures on stderr.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pilcrow.h"
#include "accuracy.h"

#define N_LANGS 6
#define PREFIX 30               /* bytes of text compared */

static const char *const langs[N_LANGS] = { "ar", "en", "es", "fr", "ru",
                                            "zh" };
static const char *const udhr_files[N_LANGS] = {
    "udhr_arb.txt", "udhr_eng.txt", "udhr_spa.txt", "udhr_fra.txt",
    "udhr_rus.txt", "udhr_cmn_hans.txt"
};
static int verbose;

/* The whole of file PATH in a new NUL-terminated string, or NULL. */
static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1)) != NULL) {
        if (fread(s, 1, (size_t)n, f) != (size_t)n) {
            free(s);
            s = NULL;
        } else {
            s[n] = '\0';
        }
    }
    fclose(f);
    return s;
}

/* Split S in place into its non-blank lines; *N receives their number.
 * Returns a new array of pointers into S. */
static char **
lines(char *s, size_t *n)
{
    char **v = NULL, *e;
    size_t cap = 0;

    *n = 0;
    for (; s != NULL && *s != '\0'; s = e) {
        e = strchr(s, '\n');
        if (e != NULL)
            *e++ = '\0';
        else
            e = s + strlen(s);
        if (s[0] == '\0' || (s[0] == '\r' && s[1] == '\0'))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            if ((v = realloc(v, cap * sizeof(*v))) == NULL)
                exit(99);
        }
        v[(*n)++] = s;
    }
    return v;
}

/* The decimal digit at S: ASCII or Arabic-Indic; its length in *K. */
static int
digit(const char *s, size_t *k)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] >= '0' && u[0] <= '9') {
        *k = 1;
        return u[0] - '0';
    }
    if (u[0] == 0xD9 && u[1] >= 0xA0 && u[1] <= 0xA9) {
        *k = 2;
        return u[1] - 0xA0;
    }
    return -1;
}

/* The paragraph number printed at the start of segment S in language
 * LANG ("12. text"; Arabic "١٢ - text" or "12 - text"), 0 if none; the
 * text after it in *REST. */
static int
printed_number(const char *s, const char *lang, const char **rest)
{
    int n = 0, d = 0, v;
    size_t k;

    while (d < 4 && (v = digit(s, &k)) >= 0) {
        n = n * 10 + v;
        s += k;
        d++;
    }
    if (d == 0 || d > 3)
        return 0;
    if (strcmp(lang, "ar") == 0) {
        if (*s == ' ')
            s++;
        if (*s != '-' || s[1] != ' ')
            return 0;
        s += 2;
    } else if (s[0] != '.' || s[1] != ' ') {
        return 0;
    } else {
        s += 2;
    }
    while (*s == ' ')
        s++;
    *rest = s;
    return n;
}

/* Do texts A and B start alike: their first PREFIX bytes (or all of the
 * shorter) equal, runs of white space counted as one space? */
static int
same_start(const char *a, const char *b)
{
    size_t n = 0;

    while (n < PREFIX && *a != '\0' && *b != '\0') {
        if (*a == ' ' || *b == ' ') {
            if (*a != ' ' || *b != ' ')
                return 0;
            while (*a == ' ')
                a++;
            while (*b == ' ')
                b++;
        } else if (*a++ != *b++) {
            return 0;
        }
        n++;
    }
    return n >= PREFIX || *a == '\0' || *b == '\0';
}

/* The text of R in language LANG, after the number printed at its
 * start when pilcrow did not take the number for a paragraph's (a
 * document with one numbered paragraph: "[para. 2]", "2. text"). */
static const char *
text_of(const pilcrow_record *r, const char *lang)
{
    const char *t = pilcrow_record_text(r, NULL), *rest;

    if (!pilcrow_record_printed(r) && printed_number(t, lang, &rest) > 0)
        return rest;
    return t;
}

/* Index file PATH as document DOC. */
static void
add(pilcrow_db *db, const char *path, const char *doc)
{
    pilcrow_parse_options opts = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_status st;

    opts.doc = doc;
    st = pilcrow_index_file(db, path, &opts, NULL);
    if (st < 0) {
        fprintf(stderr, "parallel-accuracy: %s: %s\n", path,
                pilcrow_db_errmsg(db));
        exit(99);
    }
}

/* Ask for ANCHOR in document "PREFIX/LANG A" and check its versions
 * against WANT[L], the expected start of each language's text (NULL:
 * not counted).  Returns 1 when all six are right. */
static int
check_one(pilcrow_db *db, const char *doc_fmt, const char *name, int a,
          const char *anchor, const char *const want[N_LANGS])
{
    pilcrow_record *rec = NULL;
    pilcrow_parallel *par = NULL;
    const pilcrow_record *r;
    char doc[512], other[512];
    int l, ok = 1, found;
    size_t i, n;

    snprintf(doc, sizeof(doc), doc_fmt, langs[a], name);
    if (pilcrow_db_get_record(&rec, db, doc, anchor) < 0 ||
        pilcrow_db_get_parallel(&par, db, rec) < 0) {
        if (verbose)
            fprintf(stderr, "%s %s: %s\n", doc, anchor,
                    pilcrow_db_errmsg(db));
        pilcrow_record_free(rec);
        return 0;
    }
    n = pilcrow_parallel_n_versions(par);
    for (l = 0; l < N_LANGS && ok; l++) {
        snprintf(other, sizeof(other), doc_fmt, langs[l], name);
        found = 0;
        for (i = 0; i < n; i++) {
            if (strcmp(pilcrow_parallel_doc(par, i), other) != 0)
                continue;
            r = pilcrow_parallel_record(par, i);
            found = r != NULL && same_start(text_of(r, langs[l]), want[l]);
        }
        if (!found) {
            ok = 0;
            if (verbose)
                fprintf(stderr, "%s %s: %s wrong or missing\n", doc, anchor,
                        langs[l]);
        }
    }
    pilcrow_parallel_free(par);
    pilcrow_record_free(rec);
    return ok;
}

/* Does every version of document NAME hold "para. N" as a printed
 * number (pilcrow took the number for the paragraph's in all six)? */
static int
printed_in_all(pilcrow_db *db, const char *name, int n)
{
    pilcrow_record *rec;
    char doc[512], anchor[32];
    int l, ok = 1;

    snprintf(anchor, sizeof(anchor), "para. %d", n);
    for (l = 0; l < N_LANGS && ok; l++) {
        snprintf(doc, sizeof(doc), "%s/%s", langs[l], name);
        rec = NULL;
        ok = pilcrow_db_get_record(&rec, db, doc, anchor) == PILCROW_OK &&
             pilcrow_record_printed(rec);
        pilcrow_record_free(rec);
    }
    return ok;
}

/* The dev set: index it, then count paragraphs and right answers: all
 * of them (N_*), and those whose number pilcrow took as printed in all
 * six versions (P_*). */
static void
devset(pilcrow_db *db, const char *dir, int index, long *n_paras,
       long *n_asked, long *n_right, long *p_asked, long *p_right)
{
    char path[4096], doc[512], anchor[32], *text[N_LANGS];
    char **seg[N_LANGS];
    const char *want[N_LANGS], *rest;
    size_t n_seg[N_LANGS], k, j;
    int l, num[N_LANGS], ok, a, all, right;
    struct dirent *de;
    DIR *d;

    snprintf(path, sizeof(path), "%s/en", dir);
    if ((d = opendir(path)) == NULL)
        exit(99);
    while ((de = readdir(d)) != NULL) {
        size_t nl = strlen(de->d_name);
        char name[256];

        if (nl < 5 || nl >= sizeof(name) ||
            strcmp(de->d_name + nl - 4, ".txt") != 0)
            continue;
        memcpy(name, de->d_name, nl - 4);
        name[nl - 4] = '\0';
        ok = 1;
        for (l = 0; l < N_LANGS; l++) {
            snprintf(path, sizeof(path), "%s/%s/%s", dir, langs[l],
                     de->d_name);
            snprintf(doc, sizeof(doc), "%s/%s", langs[l], name);
            if (index) {
                add(db, path, doc);
                text[l] = NULL;
                seg[l] = NULL;
                continue;
            }
            text[l] = slurp(path);
            seg[l] = lines(text[l], &n_seg[l]);
            if (text[l] == NULL || n_seg[l] != n_seg[0])
                ok = 0;
        }
        /* Segments after the "Symbol:" and "Language:" lines. */
        for (k = 2; !index && ok && k < n_seg[0]; k++) {
            for (l = 0; l < N_LANGS; l++) {
                num[l] = printed_number(seg[l][k], langs[l], &rest);
                want[l] = rest;
                if (num[l] == 0 || num[l] != num[0])
                    break;
                /* Printed twice: not one paragraph. */
                for (j = 2; j < n_seg[l]; j++)
                    if (j != k && printed_number(seg[l][j], langs[l],
                                                 &rest) == num[0])
                        break;
                if (j < n_seg[l])
                    break;
            }
            if (l < N_LANGS)
                continue;
            (*n_paras)++;
            snprintf(anchor, sizeof(anchor), "para. %d", num[0]);
            all = printed_in_all(db, name, num[0]);
            for (a = 0; a < N_LANGS; a++) {
                right = check_one(db, "%s/%s", name, a, anchor, want);
                (*n_asked)++;
                *n_right += right;
                *p_asked += all;
                *p_right += all && right;
            }
        }
        for (l = 0; l < N_LANGS; l++) {
            free(seg[l]);
            free(text[l]);
        }
    }
    closedir(d);
}

/* Is line S the heading of an article in language L?  (Written apart
 * from the parser's own test, from the six files.) */
static int
article_heading(const char *s, int l)
{
    static const char *const words[N_LANGS] = {
        "\xd8\xa7\xd9\x84\xd9\x85\xd8\xa7\xd8\xaf\xd8\xa9 ", "Article ",
        "Art\xc3\xad" "culo ", "Article ",
        "\xd0\xa1\xd1\x82\xd0\xb0\xd1\x82\xd1\x8c\xd1\x8f ", NULL
    };
    size_t n = strlen(s);

    if (words[l] == NULL)       /* 第…条 */
        return n >= 9 && memcmp(s, "\xe7\xac\xac", 3) == 0 &&
               memcmp(s + n - 3, "\xe6\x9d\xa1", 3) == 0 && n <= 24;
    return strncmp(s, words[l], strlen(words[l])) == 0 && n < 40;
}

/* The UDHR: write each version with the shared symbol into DIR and
 * index it (INDEX), or count its articles and right answers. */
static void
udhr(pilcrow_db *db, const char *src, const char *dir, int index,
     long *n_articles, long *n_asked, long *n_right)
{
    char path[4096], doc[64], anchor[48], *text[N_LANGS];
    char **ln[N_LANGS];
    const char *want[N_LANGS];
    size_t n_ln[N_LANGS], i, at[N_LANGS];
    int l, a, art, sub;
    FILE *f;

    for (l = 0; l < N_LANGS; l++) {
        snprintf(path, sizeof(path), "%s/%s", src, udhr_files[l]);
        text[l] = slurp(path);
        if (text[l] == NULL)
            exit(99);
        if (index) {
            snprintf(path, sizeof(path), "%s/udhr-%s.txt", dir, langs[l]);
            if ((f = fopen(path, "w")) == NULL)
                exit(99);
            fprintf(f, "Symbol: A/RES/217 A (III)\nLanguage: %s\n\n%s",
                    langs[l], text[l]);
            fclose(f);
            snprintf(doc, sizeof(doc), "udhr/%s", langs[l]);
            add(db, path, doc);
        }
        ln[l] = lines(text[l], &n_ln[l]);
        at[l] = 0;
    }
    for (art = 1; !index; art++) {
        sub = 0;
        for (l = 0; l < N_LANGS; l++) {
            while (at[l] < n_ln[l] && !article_heading(ln[l][at[l]], l))
                at[l]++;
            if (at[l] + 1 >= n_ln[l])
                break;
            i = ++at[l];
            want[l] = ln[l][i];
            /* "1. text", or "㈠ text" (U+3220). */
            if (strncmp(want[l], "1. ", 3) == 0) {
                want[l] += 3;
                sub = 1;
            } else if (memcmp(want[l], "\xe3\x88\xa0 ", 4) == 0) {
                want[l] += 4;
                sub = 1;
            }
        }
        if (l < N_LANGS)
            break;
        (*n_articles)++;
        if (sub)
            snprintf(anchor, sizeof(anchor), "art. %d, para. 1", art);
        else
            snprintf(anchor, sizeof(anchor), "art. %d", art);
        for (a = 0; a < N_LANGS; a++) {
            (*n_asked)++;
            *n_right += check_one(db, "udhr/%s%s", "", a, anchor, want);
        }
    }
    for (l = 0; l < N_LANGS; l++) {
        free(ln[l]);
        free(text[l]);
    }
}

/* Print WHAT's figure N/D with its target and floor (tenths of a
 * percent), then check() it. */
static int
figure(const char *what, long n, long d, int floor, int target)
{
    printf("%-26s %ld/%ld = %.1f%% (target %.1f%%, floor %.1f%%)\n",
           what, n, d, d ? 100.0 * n / d : 100.0, target / 10.0,
           floor / 10.0);
    return check(what, n, d, floor, target);
}

int
main(int argc, char **argv)
{
    pilcrow_db *db = NULL;
    char path[4096], *err = NULL;
    long n_paras = 0, n_asked = 0, n_right = 0, p_asked = 0, p_right = 0;
    long n_art = 0, n_art_asked = 0, n_art_right = 0;
    int ok = 1;

    if (argc != 4) {
        fprintf(stderr, "usage: parallel-accuracy DEVSET_DOCS UDHR_TXT "
                "DIR\n");
        return 99;
    }
    verbose = getenv("VERBOSE") != NULL;
    snprintf(path, sizeof(path), "%s/db", argv[3]);
    if (pilcrow_db_open(&db, path, PILCROW_OPEN_WRITE | PILCROW_OPEN_CREATE
                        | PILCROW_OPEN_NOSYNC, &err) < 0) {
        fprintf(stderr, "parallel-accuracy: %s\n", err);
        return 99;
    }
    devset(db, argv[1], 1, NULL, NULL, NULL, NULL, NULL);
    udhr(db, argv[2], argv[3], 1, NULL, NULL, NULL);
    if (pilcrow_index_commit(db) < 0)
        return 99;
    pilcrow_db_close(db);
    if (pilcrow_db_open(&db, path, PILCROW_OPEN_READ, &err) < 0) {
        fprintf(stderr, "parallel-accuracy: %s\n", err);
        return 99;
    }
    devset(db, argv[1], 0, &n_paras, &n_asked, &n_right, &p_asked,
           &p_right);
    udhr(db, argv[2], argv[3], 0, &n_art, &n_art_asked, &n_art_right);
    pilcrow_db_close(db);
    printf("dev set paragraphs         %ld numbered in all six versions\n",
           n_paras);
    /* Issue 14's target is 95%.  Reached: 1686/1686 (281 paragraphs
     * asked from each of six versions), hence floors of 99.5% (the
     * figure less a margin, doc/conventions.md T4); and 180/180 for the
     * UDHR, where every article must be right. */
    ok &= figure("dev set, asked from each", n_right, n_asked, 995, 950);
    ok &= figure("  of them printed in all", p_right, p_asked, 995, 950);
    printf("UDHR articles              %ld\n", n_art);
    ok &= figure("UDHR, asked from each", n_art_right, n_art_asked, 1000,
                1000);
    return ok && n_art == 30 ? 0 : 1;
}
