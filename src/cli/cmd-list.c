/*
 * cmd-list.c - pilcrow list [--db DIR] [--json] [FILTER...]
 *
 * The documents of the index, by document id: symbol (else the id),
 * date, organ, type, the languages the index holds the symbol in, the
 * number of records and the title, as a table; --json gives one object
 * per document and line.  FILTERs are field filters of the query
 * language without words (organ:SC type:letter date:2025-01..2025-06
 * lang:fr): a document is listed when one of its records matches.
 * Exit 0 when a document was listed, 1 when none, 2 on error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

/* FIELD (may be NULL) as a JSON string or null. */
static void
print_field(struct printer *p, const char *key, const char *v)
{
    printer_key(p, key);
    if (v != NULL)
        printer_string(p, v);
    else
        printer_null(p);
}

static void
print_json(struct printer *p, const pilcrow_docs *d)
{
    size_t i, n = pilcrow_docs_n_languages(d);
    pilcrow_meta_field f;

    printer_begin_object(p);
    print_field(p, "doc", pilcrow_docs_id(d));
    print_field(p, "symbol", pilcrow_docs_symbol(d));
    print_field(p, "lang", pilcrow_docs_language(d));
    printer_key(p, "languages");
    printer_begin_array(p);
    for (i = 0; i < n; i++)
        printer_string(p, pilcrow_docs_language_version(d, i));
    printer_end_array(p);
    print_field(p, "title", pilcrow_docs_title(d));
    print_field(p, "date", pilcrow_docs_date(d));
    for (f = PILCROW_META_ORGAN; f <= PILCROW_META_BASE; f++)
        print_field(p, pilcrow_meta_field_name(f), pilcrow_docs_meta(d, f));
    printer_key(p, "records");
    printer_integer(p, (long long)pilcrow_docs_records(d));
    print_field(p, "file", pilcrow_docs_file(d));
    printer_end_object(p);
    printer_end_value(p);
}

/* S (may be NULL: "-") cleaned, padded to WIDTH columns (bytes of
 * ASCII; a longer S is written whole), then two spaces. */
static void
cell(const char *s, int width)
{
    size_t n;

    if (s == NULL || *s == '\0')
        s = "-";
    n = strlen(s);
    text_clean(stdout, s, n);
    for (; (int)n < width; n++)
        putchar(' ');
    fputs("  ", stdout);
}

/* The first columns of TEXT (at most WIDTH characters), cut at a
 * character, with "…" where cut. */
static void
cell_title(const char *s, size_t width)
{
    size_t i, chars = 0;

    if (s == NULL)
        s = "";
    for (i = 0; s[i] && chars < width; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            chars++;
    while (s[i] && ((unsigned char)s[i] & 0xc0) == 0x80)
        i++;
    if (s[i] == '\0') {
        text_clean(stdout, s, i);
        return;
    }
    /* Room for the ellipsis: drop the last character. */
    while (i > 0 && ((unsigned char)s[--i] & 0xc0) == 0x80)
        ;
    text_clean(stdout, s, i);
    fputs("…", stdout);
}

static void
print_row(const pilcrow_docs *d)
{
    char langs[64], recs[24];
    size_t i, n = pilcrow_docs_n_languages(d), len = 0;
    const char *s = pilcrow_docs_symbol(d);

    cell(s != NULL ? s : pilcrow_docs_id(d), 22);
    cell(pilcrow_docs_date(d), 10);
    cell(pilcrow_docs_meta(d, PILCROW_META_ORGAN), 6);
    cell(pilcrow_docs_meta(d, PILCROW_META_TYPE), 10);
    langs[0] = '\0';
    for (i = 0; i < n; i++) {
        const char *l = pilcrow_docs_language_version(d, i);
        if (len + strlen(l) + 2 >= sizeof(langs))
            break;
        len += (size_t)snprintf(langs + len, sizeof(langs) - len, "%s%s",
                                i ? "," : "", l);
    }
    cell(langs, 5);
    snprintf(recs, sizeof(recs), "%7llu",
             (unsigned long long)pilcrow_docs_records(d));
    cell(recs, 7);
    cell_title(pilcrow_docs_title(d), 40);
    putchar('\n');
}

int
cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
    struct printer p;
    pilcrow_docs *d = NULL;
    pilcrow_db *db = NULL;
    pilcrow_status st;
    char *filters = NULL;
    size_t len = 0, i, n_docs = 0;
    uint64_t n_records = 0;
    int n, json = 0, status = CLI_EXIT_ERROR;
    const struct cli_option options[] = {
        CLI_FLAG("json", 0, &json, 1),
        CLI_END
    };

    if ((n = cli_parse_args(&status, ctx, argc, argv, options)) < 0)
        return status;
    for (i = 0; i < (size_t)n; i++)
        len += strlen(argv[i]) + 1;
    if ((filters = malloc(len + 1)) == NULL) {
        cli_error(ctx, "out of memory");
        return CLI_EXIT_ERROR;
    }
    filters[0] = '\0';
    for (i = 0; i < (size_t)n; i++) {
        if (i > 0)
            strcat(filters, " ");
        strcat(filters, argv[i]);
    }
    if ((db = cli_open_read(ctx)) == NULL)
        goto out;
    if ((st = pilcrow_db_list(&d, db, filters)) < 0) {
        if (st == PILCROW_BADQUERY || st == PILCROW_INVALID)
            cli_error(ctx, "bad filter: %s", pilcrow_db_errmsg(db));
        else
            cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        goto out;
    }
    printer_json_init(&p, stdout);
    if (!json && pilcrow_docs_count(d) > 0)
        printf("%-22s  %-10s  %-6s  %-10s  %-5s  %7s  %s\n", "SYMBOL", "DATE",
               "ORGAN", "TYPE", "LANG", "RECORDS", "TITLE");
    while (pilcrow_docs_next(d) == PILCROW_OK) {
        if (json)
            print_json(&p, d);
        else
            print_row(d);
        n_docs++;
        n_records += pilcrow_docs_records(d);
    }
    if (!json && n_docs > 0)
        printf("%zu document%s, %llu records\n", n_docs,
               n_docs == 1 ? "" : "s", (unsigned long long)n_records);
    status = n_docs > 0 ? CLI_EXIT_OK : CLI_EXIT_NOTHING;
out:
    pilcrow_docs_free(d);
    pilcrow_db_close(db);
    free(filters);
    return status;
}
