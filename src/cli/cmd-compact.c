/*
 * cmd-compact.c - pilcrow compact [--db DIR] OUT
 *
 * Merges the shards of the sharded index DIR (a stub database file, a
 * directory holding one, or a directory of shards; local shards only)
 * into OUT, a new compact index, by Xapian's compaction
 * (pilcrow_db_compact()).  An index of one database is compacted into
 * OUT as well.  Exit 0, or 2 with a message.
 */
#include <stdio.h>

#include "cli.h"

int
cmd_compact(struct cli_ctx *ctx, int argc, char **argv)
{
    const struct cli_option options[] = { CLI_END };
    const char *dir;
    char *err = NULL;
    pilcrow_status st;
    int n, status = CLI_EXIT_ERROR;

    if ((n = cli_parse_args(&status, ctx, argc, argv, options)) < 0)
        return status;
    if (n != 1)
        return cli_usage_error(ctx, "no output directory given");
    if ((dir = cli_db_path(ctx)) == NULL)
        return CLI_EXIT_ERROR;
    if ((st = pilcrow_db_compact(dir, argv[0], &err)) < 0) {
        cli_error(ctx, "%s", err != NULL ? err : pilcrow_status_str(st));
        pilcrow_free(err);
        return CLI_EXIT_ERROR;
    }
    pilcrow_free(err);
    return CLI_EXIT_OK;
}
