/*
 * cmd-refs.c - pilcrow refs [--db DIR] [--json] DOC
 *
 * What document DOC (a document id, as search prints it) cites: each
 * document cited, in its normal form, in the order first cited, with
 * the document of the index that carries that symbol (or "not in the
 * index") and the anchors of DOC's records citing it.  Text output:
 *
 *   international-migration-and-development-1997: 16 documents cited
 *
 *   A/RES/50/123 (not in the index)
 *     summary, para. 1; para. 2
 *
 * --json: one object, {"doc", "symbol", "refs": [{"ref", "held_by"
 * (a document id, or null), "records": ["summary, para. 1", ...]}]}.
 * Exit status 0 when DOC cites something, 1 when it cites nothing, 2
 * when the index holds no document DOC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

/* Most records of a document read (the most a query gives). */
#define REFS_MAX 100000

/* One document cited, and the records citing it. */
struct cited {
    char *ref;                  /* normal form */
    char *held_by;              /* document id, or NULL */
    char **anchors;             /* of the citing records, in order */
    size_t n_anchors, cap_anchors;
};

static void
free_cited(struct cited *c, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        free(c[i].ref);
        free(c[i].held_by);
        for (j = 0; j < c[i].n_anchors; j++)
            free(c[i].anchors[j]);
        free(c[i].anchors);
    }
    free(c);
}

/* Append ANCHOR to C's anchors.  Returns 0, or -1 out of memory. */
static int
add_anchor(struct cited *c, const char *anchor)
{
    if (c->n_anchors == c->cap_anchors) {
        size_t cap = c->cap_anchors ? 2 * c->cap_anchors : 4;
        char **grown = realloc(c->anchors, cap * sizeof(*grown));
        if (grown == NULL)
            return -1;
        c->anchors = grown;
        c->cap_anchors = cap;
    }
    if ((c->anchors[c->n_anchors] = strdup(anchor)) == NULL)
        return -1;
    c->n_anchors++;
    return 0;
}

/* Run TEXT on DB for at most LIMIT hits into *HITS (its query in *Q).
 * Returns the status. */
static pilcrow_status
run(pilcrow_db *db, const char *text, size_t limit, pilcrow_query **q,
    pilcrow_hits **hits)
{
    pilcrow_query_options qopts = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_status st;

    *hits = NULL;
    if ((st = pilcrow_query_new(q, db, text, &qopts)) < 0)
        return st;
    return pilcrow_query_run(hits, *q, 0, limit);
}

/* The id of the document of DB carrying SYMBOL, in a new string, or
 * NULL (none, or out of memory). */
static char *
holder(pilcrow_db *db, const char *symbol)
{
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    char text[256], *id = NULL;

    snprintf(text, sizeof(text), "symbol:\"%s\"", symbol);
    if (run(db, text, 1, &q, &hits) >= 0 &&
        pilcrow_query_unknown_symbol(q) == NULL &&
        pilcrow_hits_next(hits) == PILCROW_OK)
        id = strdup(pilcrow_record_doc(pilcrow_hits_record(hits)));
    pilcrow_query_free(q);
    return id;
}

/* The text output: DOC's N documents cited, C. */
static void
print_text(const char *doc, const struct cited *c, size_t n)
{
    struct text_style style = { 0, 78 };
    char *line = NULL;
    size_t line_len = 0, i, j;

    text_clean(stdout, doc, strlen(doc));
    printf(": %zu document%s cited\n", n, n == 1 ? "" : "s");
    for (i = 0; i < n; i++) {
        FILE *m;

        fputc('\n', stdout);
        text_clean(stdout, c[i].ref, strlen(c[i].ref));
        fputs(" (", stdout);
        if (c[i].held_by != NULL)
            text_clean(stdout, c[i].held_by, strlen(c[i].held_by));
        else
            fputs("not in the index", stdout);
        fputs(")\n", stdout);
        /* The anchors, "; " between them, wrapped. */
        if ((m = open_memstream(&line, &line_len)) == NULL)
            continue;
        for (j = 0; j < c[i].n_anchors; j++)
            fprintf(m, "%s%s", j ? "; " : "", c[i].anchors[j]);
        fclose(m);
        text_wrap(stdout, &style, line, line_len, NULL, 0, 2, 2);
        free(line);
        line = NULL;
    }
}

/* The JSON output: DOC (its SYMBOL, may be NULL) and C. */
static void
print_json(const char *doc, const char *symbol, const struct cited *c,
           size_t n)
{
    struct printer p;
    size_t i, j;

    printer_json_init(&p, stdout);
    printer_begin_object(&p);
    printer_key(&p, "doc");
    printer_string(&p, doc);
    printer_key(&p, "symbol");
    printer_string_or_null(&p, symbol);
    printer_key(&p, "refs");
    printer_begin_array(&p);
    for (i = 0; i < n; i++) {
        printer_begin_object(&p);
        printer_key(&p, "ref");
        printer_string(&p, c[i].ref);
        printer_key(&p, "held_by");
        printer_string_or_null(&p, c[i].held_by);
        printer_key(&p, "records");
        printer_begin_array(&p);
        for (j = 0; j < c[i].n_anchors; j++)
            printer_string(&p, c[i].anchors[j]);
        printer_end_array(&p);
        printer_end_object(&p);
    }
    printer_end_array(&p);
    printer_end_object(&p);
    printer_end_value(&p);
}

int
cmd_refs(struct cli_ctx *ctx, int argc, char **argv)
{
    pilcrow_db *db = NULL;
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    pilcrow_status st;
    struct cited *c = NULL;
    size_t n = 0, cap = 0, i, k, len;
    char *text = NULL, *symbol = NULL;
    int n_operands, status = CLI_EXIT_ERROR, json = 0, seen = 0;
    const struct cli_option options[] = {
        CLI_FLAG("json", 0, &json, 1),
        CLI_END
    };

    if ((n_operands = cli_parse_args(&status, ctx, argc, argv,
                                     options)) < 0)
        return status;
    status = CLI_EXIT_ERROR;
    if (n_operands != 1)
        return cli_usage_error(ctx, n_operands ? "one document at a time"
                                               : "no document given");
    if (strchr(argv[0], '"') != NULL)
        return cli_usage_error(ctx, "a document id has no '\"'");
    len = strlen(argv[0]) + 8;
    if ((text = malloc(len)) == NULL) {
        cli_error(ctx, "out of memory");
        return CLI_EXIT_ERROR;
    }
    snprintf(text, len, "doc:\"%s\"", argv[0]);
    if ((db = cli_open_read(ctx)) == NULL)
        goto out;
    if ((st = run(db, text, REFS_MAX, &q, &hits)) < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        goto out;
    }
    while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
        const pilcrow_record *r = pilcrow_hits_record(hits);

        seen = 1;
        if (symbol == NULL && pilcrow_record_symbol(r) != NULL &&
            (symbol = strdup(pilcrow_record_symbol(r))) == NULL)
            break;
        for (k = 0; k < pilcrow_record_n_refs(r); k++) {
            const char *ref = pilcrow_record_ref(r, k);

            for (i = 0; i < n && strcmp(c[i].ref, ref) != 0; i++)
                ;
            if (i == n) {
                if (n == cap) {
                    struct cited *grown = realloc(c, (cap ? 2 * cap : 16) *
                                                  sizeof(*c));
                    if (grown == NULL)
                        break;
                    c = grown;
                    cap = cap ? 2 * cap : 16;
                }
                memset(&c[n], 0, sizeof(c[n]));
                if ((c[n].ref = strdup(ref)) == NULL)
                    break;
                n++;
            }
            if (add_anchor(&c[i], pilcrow_record_anchor(r)) < 0)
                break;
        }
        if (k < pilcrow_record_n_refs(r))
            break;
    }
    if (st < 0 || st == PILCROW_OK) {   /* OK: the loop stopped early */
        cli_error(ctx, "%s", st < 0 ? pilcrow_db_errmsg(db)
                                    : "out of memory");
        goto out;
    }
    if (!seen) {
        cli_error(ctx, "no document %s in the index", argv[0]);
        goto out;
    }
    for (i = 0; i < n; i++)
        c[i].held_by = holder(db, c[i].ref);
    if (json)
        print_json(argv[0], symbol, c, n);
    else
        print_text(argv[0], c, n);
    status = n > 0 ? CLI_EXIT_OK : CLI_EXIT_NOTHING;
out:
    free_cited(c, n);
    pilcrow_db_close(db);       /* Frees the queries and hits as well. */
    free(text);
    free(symbol);
    return status;
}
