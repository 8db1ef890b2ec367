/*
 * cmd-search.c - pilcrow search [--db DIR] [-n N] [--offset K]
 *                [--json | --tsv] [--color WHEN] [--lang CODE] [--count]
 *                [--parallel] [--all-versions] QUERY...
 *
 * Joins the QUERY words with spaces into one query, runs it and prints
 * the hits in rank order: text blocks for people (location, snippet
 * with highlights, notes), JSON or TSV lines for scripts.  Exit 0 when
 * something was printed, 1 when nothing was found, 2 on error.  --count
 * prints the exact number of matching records instead (as grep -c).
 * --parallel adds to each hit its counterparts in the other language
 * versions of its document: a "parallel" array in JSON, an "also:"
 * line in text (TSV is unchanged).  A hit whose document has other
 * versions in the index (Rev.1, Corr.1, Add.1 of one base symbol) says
 * so: a "versions" array, a "versions:" line; only the latest text of
 * each is searched unless --all-versions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "printer.h"

/* Output formats (values of an int, which --json and --tsv set). */
enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_TSV };

/* Join the N words at WORDS with single spaces into a new string, or
 * NULL when out of memory. */
static char *
join_words(char **words, int n)
{
    size_t len = 1, off = 0, l;
    char *s;
    int i;

    for (i = 0; i < n; i++)
        len += strlen(words[i]) + 1;
    if ((s = malloc(len)) == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (i > 0)
            s[off++] = ' ';
        l = strlen(words[i]);
        memcpy(s + off, words[i], l);
        off += l;
    }
    s[off] = '\0';
    return s;
}

/* Does S hold nothing but white space? */
static int
is_blank(const char *s)
{
    for (; *s != '\0'; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r'
            && *s != '\v' && *s != '\f')
            return 0;
    return 1;
}


/* Print the suggestion for Q, if the index has one, as a hint after an
 * empty result. */
static void
suggest(struct cli_ctx *ctx, pilcrow_query *q, const char *lead)
{
    char *s = NULL;

    if (pilcrow_query_suggest(&s, q) == PILCROW_OK && s != NULL) {
        fprintf(stderr, "pilcrow: %s: %sdid you mean: ", ctx->cmd->name,
                lead);
        text_clean(stderr, s, strlen(s));
        fputc('\n', stderr);
    }
    pilcrow_free(s);
}

int
cmd_search(struct cli_ctx *ctx, int argc, char **argv)
{
    struct text_style style;
    struct printer printer;
    struct item it;
    const char *color = "auto", *lang = NULL;
    int n_words, r, format = FORMAT_TEXT, status = CLI_EXIT_ERROR;
    int count_only = 0, tsv_header = 0;
    uint64_t count;
    int parallel = 0, all_versions = 0;
    pilcrow_parallel *par = NULL;
    long limit = 10, offset = 0;
    size_t printed = 0;
    pilcrow_query_options qopts = PILCROW_QUERY_OPTIONS_INIT;
    const char *sort_arg = NULL;
    pilcrow_sort sort;
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    pilcrow_status st;
    pilcrow_db *db = NULL;
    char *text = NULL;
    const struct cli_option options[] = {
        CLI_COUNT("limit", 'n', &limit, 1, 100000),
        CLI_COUNT("offset", 0, &offset, 0, 1000000),
        CLI_FLAG("json", 0, &format, FORMAT_JSON),
        CLI_FLAG("tsv", 0, &format, FORMAT_TSV),
        CLI_FLAG("tsv-header", 0, &tsv_header, 1),
        CLI_FLAG("parallel", 0, &parallel, 1),
        CLI_FLAG("all-versions", 0, &all_versions, 1),
        CLI_STRING("color", 0, &color),
        CLI_STRING("colour", 0, &color),
        CLI_STRING("lang", 0, &lang),
        CLI_FLAG("count", 'c', &count_only, 1),
        CLI_STRING("sort", 0, &sort_arg),
        CLI_END
    };

    /* The words are then argv[0] to argv[n_words - 1]. */
    if ((n_words = cli_parse_args(&status, ctx, argc, argv, options)) < 0)
        return status;
    if (tsv_header)
        format = FORMAT_TSV;       /* --tsv-header is --tsv with a header */
    if ((r = cli_decide_color(color)) < 0)
        return cli_usage_error(ctx, "--color needs auto, always or never, "
                               "not '%s'", color);
    if (cli_check_lang(ctx, lang) != 0 ||
        cli_parse_sort(ctx, sort_arg, &sort) != 0)
        return CLI_EXIT_ERROR;
    qopts.language = lang;
    if (all_versions)
        qopts.flags |= PILCROW_QUERY_ALL_VERSIONS;
    style.color = r;
    style.width = 78;
    if (n_words == 0)
        return cli_usage_error(ctx, "no query given");
    if ((text = join_words(argv, n_words)) == NULL) {
        cli_error(ctx, "out of memory");
        goto out;
    }
    if (is_blank(text)) {
        cli_error(ctx, "empty query");
        goto out;
    }
    if ((db = cli_open_read(ctx)) == NULL)
        goto out;
    st = pilcrow_query_new(&q, db, text, &qopts);
    if (st >= 0)
        st = pilcrow_query_set_sort(q, sort);
    if (st == PILCROW_BADQUERY || st == PILCROW_INVALID) {
        cli_error(ctx, "bad query: %s", pilcrow_db_errmsg(db));
        goto out;
    }
    if (st < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        goto out;
    }
    if (count_only) {
        st = pilcrow_query_count(q, &count);
        cli_warn_partial(ctx, db);
        if (st < 0) {
            cli_error(ctx, "%s", pilcrow_db_errmsg(db));
            goto out;
        }
        printf("%llu\n", (unsigned long long)count);
        status = count > 0 ? CLI_EXIT_OK : CLI_EXIT_NOTHING;
        goto out;
    }
    st = pilcrow_query_run(&hits, q, (size_t)offset, (size_t)limit);
    cli_warn_partial(ctx, db);
    if (st < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        goto out;
    }
    if (pilcrow_query_unknown_symbol(q) != NULL)
        cli_error(ctx, "no document in the index has the symbol %s",
                  pilcrow_query_unknown_symbol(q));
    {
        const char *field;
        uint64_t n_left;
        size_t i;

        /* A filter cannot find what a document does not state. */
        for (i = 0; pilcrow_query_left_out(q, i, &field, &n_left) ==
                    PILCROW_OK; i++)
            cli_error(ctx, "%s: left out %llu document%s that state%s no "
                      "%s", field, (unsigned long long)n_left,
                      n_left == 1 ? "" : "s", n_left == 1 ? "s" : "",
                      field);
    }
    printer_json_init(&printer, stdout);
    if (format == FORMAT_TSV && tsv_header)
        item_print_tsv_header(stdout, 0);
    while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
        item_from_hit(&it, hits);
        if (parallel && pilcrow_db_get_parallel(&par, db, it.rec) < 0) {
            cli_error(ctx, "%s", pilcrow_db_errmsg(db));
            goto out;
        }
        switch (format) {
        case FORMAT_JSON:
            printer_begin_object(&printer);
            item_print_fields(&printer, &it, ITEM_HIT);
            cli_print_partial(&printer, db);
            if (par != NULL)
                item_print_parallel(&printer, par);
            item_print_versions(&printer, hits);
            printer_end_object(&printer);
            printer_end_value(&printer);
            break;
        case FORMAT_TSV:
            item_print_tsv(stdout, &it, -1);
            break;
        case FORMAT_TEXT:
            if (printed > 0)
                fputc('\n', stdout);
            item_print_text(stdout, &style, &it);
            if (par != NULL)
                text_parallel(stdout, par);
            text_versions(stdout, hits);
            break;
        }
        pilcrow_parallel_free(par);
        par = NULL;
        printed++;
    }
    if (st < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        goto out;
    }
    if (printed == 0) {
        if (pilcrow_hits_total(hits) == 0 && format == FORMAT_TEXT)
            suggest(ctx, q, "no results; ");
        status = CLI_EXIT_NOTHING;
    } else {
        if (pilcrow_hits_partial(hits) && format == FORMAT_TEXT) {
            fprintf(stderr, "pilcrow: %s: no record has all the words; "
                    "these have most of them\n", ctx->cmd->name);
            suggest(ctx, q, "");
        }
        status = CLI_EXIT_OK;
    }
out:
    pilcrow_parallel_free(par);
    pilcrow_db_close(db);   /* Frees q and hits as well. */
    free(text);
    return status;
}
