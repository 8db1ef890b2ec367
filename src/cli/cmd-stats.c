/*
 * cmd-stats.c - pilcrow stats [--db DIR] [--json]
 *
 * Prints the size of the index: documents, records, distinct terms and
 * bytes on disk, with the index path.  --json: one object with "path",
 * "documents", "records", "terms" and "bytes".
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
    const char *path;
    int status, json = 0;
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
    }
    pilcrow_db_close(db);
    return CLI_EXIT_OK;
}
