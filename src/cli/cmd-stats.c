/*
 * cmd-stats.c - pilcrow stats [--db DIR] [--json]
 *
 * Prints the size of the index: documents, records, distinct terms and
 * bytes on disk, with the index path, and the records of each language.
 * --json: one object with "path", "documents", "records", "terms",
 * "bytes" and "languages" ({"en":1234,"fr":987}).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

int
cmd_stats(struct cli_ctx *ctx, int argc, char **argv)
{
    struct printer p;
    pilcrow_stats stats;
    pilcrow_status st;
    pilcrow_db *db;
    const char *path, *code;
    uint64_t n;
    size_t i;
    int status, json = 0, live = 1;
    const struct cli_option options[] = {
        CLI_FLAG("json", 0, &json, 1),
        CLI_END
    };

    if (cli_parse_args(&status, ctx, argc, argv, options) < 0)
        return status;
    if ((db = cli_open_read(ctx)) == NULL)
        return CLI_EXIT_ERROR;
    path = cli_db_path(ctx);
    if ((st = pilcrow_db_stats(&stats, db)) < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        pilcrow_db_close(db);
        return CLI_EXIT_ERROR;
    }
    if (json) {
        printer_json_init(&p, stdout);
        printer_begin_object(&p);
        printer_key(&p, "path");
        printer_string(&p, path);
        printer_key(&p, "documents");
        printer_integer(&p, (long long)stats.documents);
        printer_key(&p, "records");
        printer_integer(&p, (long long)stats.records);
        printer_key(&p, "terms");
        printer_integer(&p, (long long)stats.terms);
        printer_key(&p, "bytes");
        printer_integer(&p, (long long)stats.bytes);
        for (i = 0; pilcrow_db_shard(db, i, &code, NULL) == PILCROW_OK; i++)
            ;
        if (i > 0) {
            printer_key(&p, "shards");
            printer_integer(&p, (long long)i);
            cli_print_partial(&p, db);
        }
        printer_key(&p, "languages");
        printer_begin_object(&p);
        for (i = 0; pilcrow_db_language(db, i, &code, &n) == PILCROW_OK; i++) {
            printer_key(&p, code);
            printer_integer(&p, (long long)n);
        }
        printer_end_object(&p);
        printer_end_object(&p);
        printer_end_value(&p);
    } else {
        fputs("index:     ", stdout);
        text_clean(stdout, path, strlen(path));
        printf("\ndocuments: %llu\nrecords:   %llu\nterms:     %llu\n"
               "bytes:     %llu\n",
               (unsigned long long)stats.documents,
               (unsigned long long)stats.records,
               (unsigned long long)stats.terms,
               (unsigned long long)stats.bytes);
        for (i = 0; pilcrow_db_shard(db, i, &code, &live) == PILCROW_OK;
             i++) {
            fputs(i == 0 ? "shards:    " : ", ", stdout);
            text_clean(stdout, code, strlen(code));
            if (!live)
                fputs(" (not answering)", stdout);
        }
        if (i > 0)
            putchar('\n');
        for (i = 0; pilcrow_db_language(db, i, &code, &n) == PILCROW_OK; i++) {
            fputs(i == 0 ? "languages: " : ", ", stdout);
            text_clean(stdout, code, strlen(code));
            printf(" %llu", (unsigned long long)n);
        }
        if (i > 0)
            putchar('\n');
    }
    pilcrow_db_close(db);
    return CLI_EXIT_OK;
}
