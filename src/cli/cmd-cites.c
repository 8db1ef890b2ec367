/*
 * cmd-cites.c - pilcrow cites [--db DIR] [--json] SYMBOL
 *
 * Every record of the index that cites SYMBOL (typed in any written
 * form: "S/RES/2719 (2023)", "S/RES/2719(2023)", "resolution 2719
 * (2023)", "A/RES/50/123", "50/123"), grouped by citing document, the
 * newest first.  Text output:
 *
 *   S/RES/2719 (2023): cited by 44 records of 20 documents
 *   by year: 2024 12, 2025 32
 *
 *   A/79/907 (2025-05-02, en) Title of the document
 *     para. 2: the sentence of the citation
 *
 * --json: one object, {"cited", "records", "documents", "years":
 * {"2024": 12, ...}, "citing": [{"doc", "symbol", "title", "date",
 * "language", "records": [{"anchor", "page", "sentence"}]}]}.
 * Exit status 0 when something cites SYMBOL, 1 when nothing does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

/* Most citing records listed (the most a query gives). */
#define CITES_MAX 100000

/* Longest sentence printed, in bytes either side of the citation. */
#define SENTENCE_REACH 240

/* One citing record, copied out of the hits. */
struct row {
    char *doc, *symbol, *title, *date, *language, *anchor;
    char *sentence;
    unsigned page;
};

/* The sentence of TEXT (LEN bytes) holding [START, END): from after the
 * previous ". " (or "; ") to the next, cut at a word with "…" past
 * SENTENCE_REACH bytes either side, in a new string (NULL when out of
 * memory). */
static char *
sentence(const char *text, size_t len, size_t start, size_t end)
{
    size_t b = start, e = end, n;
    int cut_b = 0, cut_e = 0;
    char *s;

    while (b > 0 && !(b >= 2 && (text[b - 2] == '.' || text[b - 2] == ';')
                      && text[b - 1] == ' ')) {
        if (start - b >= SENTENCE_REACH) {
            while (b < start && text[b] != ' ')
                b++;
            cut_b = 1;
            break;
        }
        b--;
    }
    while (e < len && !((text[e] == '.' || text[e] == ';') &&
                        (e + 1 == len || text[e + 1] == ' '))) {
        if (e - end >= SENTENCE_REACH) {
            while (e > end && text[e] != ' ')
                e--;
            cut_e = 1;
            break;
        }
        e++;
    }
    if (e < len && !cut_e)
        e++;                    /* the full stop */
    while (b < start && text[b] == ' ')
        b++;
    n = e - b;
    if ((s = malloc(n + 9)) == NULL)
        return NULL;
    sprintf(s, "%s%.*s%s", cut_b ? "\u2026 " : "", (int)n, text + b,
            cut_e ? " \u2026" : "");
    return s;
}

/* The year of R's document, "undated" when it has no date. */
static const char *
year_of(const struct row *r, char *buf, size_t size)
{
    if (r->date == NULL || strlen(r->date) < 4)
        return "undated";
    snprintf(buf, size, "%.4s", r->date);
    return buf;
}

/* Is the year of ROWS[J] that of ROWS[I]? */
static int
same_year(const struct row *rows, size_t i, size_t j)
{
    char a[8], b[8];

    return strcmp(year_of(&rows[i], a, sizeof(a)),
                  year_of(&rows[j], b, sizeof(b))) == 0;
}

static char *
dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

/* Newest document first, then by document id; a document's records in
 * the order they came. */
static int
cmp_rows(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    int c = strcmp(y->date ? y->date : "", x->date ? x->date : "");

    if (c == 0)
        c = strcmp(x->doc, y->doc);
    return c != 0 ? c : (x < y ? -1 : x > y);
}

static void
free_rows(struct row *rows, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(rows[i].doc);
        free(rows[i].symbol);
        free(rows[i].title);
        free(rows[i].date);
        free(rows[i].language);
        free(rows[i].anchor);
        free(rows[i].sentence);
    }
    free(rows);
}

/* The text output of ROWS (N, sorted), citations of CITED. */
static void
print_text(const struct row *rows, size_t n, const char *cited,
           size_t n_docs)
{
    struct text_style style = { 0, 78 };
    size_t i, j, k;

    text_clean(stdout, cited, strlen(cited));
    printf(": cited by %zu record%s of %zu document%s\nby year:", n,
           n == 1 ? "" : "s", n_docs, n_docs == 1 ? "" : "s");
    /* Years ascending, from the sorted (newest first) rows. */
    for (i = n; i > 0; i = j) {
        char year[8];
        for (j = i - 1, k = 0; j > 0 && same_year(rows, j - 1, i - 1); j--)
            k++;
        printf("%s %s %zu", i == n ? "" : ",",
               year_of(&rows[i - 1], year, sizeof(year)), k + 1);
    }
    fputc('\n', stdout);
    for (i = 0; i < n; i++) {
        const struct row *r = &rows[i];
        if (i == 0 || strcmp(r->doc, rows[i - 1].doc) != 0) {
            const char *name = r->symbol ? r->symbol : r->doc;
            fputc('\n', stdout);
            text_clean(stdout, name, strlen(name));
            printf(" (%s, %s) ", r->date ? r->date : "no date",
                   r->language ? r->language : "");
            text_clean(stdout, r->title ? r->title : "",
                       r->title ? strlen(r->title) : 0);
            fputc('\n', stdout);
        }
        printf("  ");
        text_clean(stdout, r->anchor, strlen(r->anchor));
        fputc('\n', stdout);
        text_wrap(stdout, &style, r->sentence, strlen(r->sentence), NULL,
                  0, 4, 4);
    }
}

/* The JSON output of ROWS (N, sorted). */
static void
print_json(const struct row *rows, size_t n, const char *cited,
           size_t n_docs)
{
    struct printer p;
    size_t i, j, k;

    printer_json_init(&p, stdout);
    printer_begin_object(&p);
    printer_key(&p, "cited");
    printer_string(&p, cited);
    printer_key(&p, "records");
    printer_integer(&p, (long long)n);
    printer_key(&p, "documents");
    printer_integer(&p, (long long)n_docs);
    printer_key(&p, "years");
    printer_begin_object(&p);
    for (i = n; i > 0; i = j) {
        char year[8];
        for (j = i - 1, k = 0; j > 0 && same_year(rows, j - 1, i - 1); j--)
            k++;
        printer_key(&p, year_of(&rows[i - 1], year, sizeof(year)));
        printer_integer(&p, (long long)(k + 1));
    }
    printer_end_object(&p);
    printer_key(&p, "citing");
    printer_begin_array(&p);
    for (i = 0; i < n; i++) {
        const struct row *r = &rows[i];
        if (i == 0 || strcmp(r->doc, rows[i - 1].doc) != 0) {
            if (i > 0) {
                printer_end_array(&p);
                printer_end_object(&p);
            }
            printer_begin_object(&p);
            printer_key(&p, "doc");
            printer_string(&p, r->doc);
            printer_key(&p, "symbol");
            printer_string_or_null(&p, r->symbol);
            printer_key(&p, "title");
            printer_string(&p, r->title ? r->title : "");
            printer_key(&p, "date");
            printer_string_or_null(&p, r->date);
            printer_key(&p, "language");
            printer_string(&p, r->language ? r->language : "");
            printer_key(&p, "records");
            printer_begin_array(&p);
        }
        printer_begin_object(&p);
        printer_key(&p, "anchor");
        printer_string(&p, r->anchor);
        printer_key(&p, "page");
        if (r->page > 0)
            printer_integer(&p, r->page);
        else
            printer_null(&p);
        printer_key(&p, "sentence");
        printer_string(&p, r->sentence);
        printer_end_object(&p);
    }
    if (n > 0) {
        printer_end_array(&p);
        printer_end_object(&p);
    }
    printer_end_array(&p);
    printer_end_object(&p);
    printer_end_value(&p);
}

int
cmd_cites(struct cli_ctx *ctx, int argc, char **argv)
{
    pilcrow_query_options qopts = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_db *db = NULL;
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    pilcrow_status st;
    struct row *rows = NULL;
    size_t n_rows = 0, cap = 0, n_docs = 0, len = 0, i;
    char *symbol = NULL, *text = NULL, *cited = NULL;
    int n_operands, status = CLI_EXIT_ERROR, json = 0;
    const struct cli_option options[] = {
        CLI_FLAG("json", 0, &json, 1),
        CLI_END
    };

    if ((n_operands = cli_parse_args(&status, ctx, argc, argv,
                                     options)) < 0)
        return status;
    status = CLI_EXIT_ERROR;
    if (n_operands == 0)
        return cli_usage_error(ctx, "no symbol given");
    /* The words of SYMBOL joined: pilcrow cites resolution 2719 (2023). */
    for (i = 0; i < (size_t)n_operands; i++)
        len += strlen(argv[i]) + 1;
    if ((symbol = malloc(len)) == NULL ||
        (text = malloc(len + 16)) == NULL) {
        cli_error(ctx, "out of memory");
        goto out;
    }
    symbol[0] = '\0';
    for (i = 0; i < (size_t)n_operands; i++) {
        if (i > 0)
            strcat(symbol, " ");
        strcat(symbol, argv[i]);
    }
    if (strchr(symbol, '"') != NULL) {
        status = cli_usage_error(ctx, "a symbol has no '\"'");
        goto out;
    }
    snprintf(text, len + 16, "cites:\"%s\"", symbol);
    if ((db = cli_open_read(ctx)) == NULL)
        goto out;
    st = pilcrow_query_new(&q, db, text, &qopts);
    if (st >= 0)
        st = pilcrow_query_run(&hits, q, 0, CITES_MAX);
    if (st == PILCROW_BADQUERY) {
        cli_error(ctx, "'%s' is not a document symbol (such as "
                  "A/RES/50/123 or S/RES/2719 (2023))", symbol);
        goto out;
    }
    if (st < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        goto out;
    }
    while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
        const pilcrow_record *r = pilcrow_hits_record(hits);
        const char *t, *ref;
        size_t tlen, s, e;
        struct row *w;

        if ((ref = pilcrow_record_ref_find(r, symbol, &s, &e)) == NULL)
            continue;
        if (n_rows == cap) {
            struct row *grown = realloc(rows, (cap ? 2 * cap : 64) *
                                        sizeof(*rows));
            if (grown == NULL)
                break;
            rows = grown;
            cap = cap ? 2 * cap : 64;
        }
        w = &rows[n_rows];
        memset(w, 0, sizeof(*w));
        if (cited == NULL && (cited = strdup(ref)) == NULL)
            break;
        t = pilcrow_record_text(r, &tlen);
        w->doc = dup_or_null(pilcrow_record_doc(r));
        w->symbol = dup_or_null(pilcrow_record_symbol(r));
        w->title = dup_or_null(pilcrow_record_title(r));
        w->date = dup_or_null(pilcrow_record_date(r));
        w->language = dup_or_null(pilcrow_record_language(r));
        w->anchor = dup_or_null(pilcrow_record_anchor(r));
        w->sentence = sentence(t ? t : "", t ? tlen : 0, s, e);
        w->page = pilcrow_record_page(r);
        n_rows++;
        if (w->doc == NULL || w->anchor == NULL || w->sentence == NULL)
            break;
    }
    if (st < 0 || st == PILCROW_OK) {   /* OK: the loop stopped early */
        cli_error(ctx, "%s", st < 0 ? pilcrow_db_errmsg(db)
                                    : "out of memory");
        goto out;
    }
    if (n_rows == 0) {
        status = CLI_EXIT_NOTHING;
        goto out;
    }
    qsort(rows, n_rows, sizeof(*rows), cmp_rows);
    for (i = 0; i < n_rows; i++)
        if (i == 0 || strcmp(rows[i].doc, rows[i - 1].doc) != 0)
            n_docs++;
    if (json)
        print_json(rows, n_rows, cited, n_docs);
    else
        print_text(rows, n_rows, cited, n_docs);
    status = CLI_EXIT_OK;
out:
    free_rows(rows, n_rows);
    pilcrow_db_close(db);       /* Frees q and hits as well. */
    free(symbol);
    free(text);
    free(cited);
    return status;
}
