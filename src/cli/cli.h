/*
 * cli.h - what the files of the pilcrow command share: the context a
 * command runs in, the command handlers, option parsing, messages and
 * the index-opening helper.
 *
 * The command is a client of the public API only: it includes
 * pilcrow.h, the C library and (for batch input) zlib, nothing else.
 */
#ifndef PILCROW_CLI_H
#define PILCROW_CLI_H

#include <stddef.h>

#include "pilcrow.h"

/* Exit statuses (SPEC section 3, as grep). */
#define CLI_EXIT_OK 0           /* Found something, or succeeded. */
#define CLI_EXIT_NOTHING 1      /* A search found nothing. */
#define CLI_EXIT_ERROR 2        /* Any error, usage included. */

struct cli_command;

/* What every command handler receives. */
struct cli_ctx {
    const struct cli_command *cmd;  /* The command running. */
    const char *db_opt;             /* --db DIR, or NULL for the default. */
    char *db_default;               /* Default path, computed on demand
                                     * (malloc'd; freed by main). */
};

/* A command handler: ARGV[0] is the command name, options and operands
 * follow.  Returns the exit status. */
typedef int cli_handler(struct cli_ctx *ctx, int argc, char **argv);

/* One line of the command table in main.c. */
struct cli_command {
    const char *name;       /* "search" */
    cli_handler *handler;
    const char *synopsis;   /* Arguments after the name, for usage. */
    const char *summary;    /* One line for pilcrow --help. */
    const char *help;       /* Option list for pilcrow COMMAND --help. */
};

int cmd_index(struct cli_ctx *ctx, int argc, char **argv);
int cmd_search(struct cli_ctx *ctx, int argc, char **argv);
int cmd_batch(struct cli_ctx *ctx, int argc, char **argv);
int cmd_show(struct cli_ctx *ctx, int argc, char **argv);
int cmd_parse(struct cli_ctx *ctx, int argc, char **argv);
int cmd_stats(struct cli_ctx *ctx, int argc, char **argv);

/* ------------------------------------------------------------------ */
/* Option parsing (main.c)                                             */
/* ------------------------------------------------------------------ */

/* One option a command accepts.  LONG_NAME without the dashes ("db"),
 * SHORT_NAME a letter or 0, HAS_ARG 1 if it takes a value, ID the value
 * cli_next_option() returns for it (a positive number). */
struct cli_option {
    const char *long_name;
    char short_name;
    int has_arg;
    int id;
};

/* Options every command accepts (ids). */
#define CLI_OPT_HELP 1000
#define CLI_OPT_DB 1001

/* The state of one parse over ARGV (from index 1: ARGV[0] is the
 * command name). */
struct cli_parser {
    int argc;
    char **argv;
    int i;                  /* Next element of ARGV to look at. */
    int only_operands;      /* "--" seen. */
    int dash_words;         /* Unknown "-word" (3+ bytes) is an operand
                             * (search: a NOT term), not an error. */
};

/* Start parsing the arguments of a command. */
void cli_parser_init(struct cli_parser *p, int argc, char **argv);

/* The next option of P among OPTS (a table ended by a NULL long_name;
 * --help and --db are always accepted).  Returns its id with *ARG its
 * value (or NULL), 0 for an operand with *ARG the operand, -1 at the
 * end, or -2 after printing a usage error for CTX (unknown option,
 * missing or unexpected value). */
int cli_next_option(struct cli_ctx *ctx, struct cli_parser *p,
                    const struct cli_option *opts, const char **arg);

/* Handle the options every command shares: CLI_OPT_DB sets ctx->db_opt;
 * CLI_OPT_HELP prints the help of the command on stdout.  Returns -1 if
 * ID was not one of them, else the exit status the command must return
 * now (CLI_EXIT_OK after --help), or -2 to go on (after --db). */
int cli_common_option(struct cli_ctx *ctx, int id, const char *arg);

/* Parse ARG as a count: a decimal number in [MIN, MAX].  On error
 * prints a usage error naming option NAME and returns -1. */
int cli_parse_count(struct cli_ctx *ctx, const char *name, const char *arg,
                    long min, long max, long *out);

/* ------------------------------------------------------------------ */
/* Messages (main.c)                                                   */
/* ------------------------------------------------------------------ */

/* "pilcrow: COMMAND: message" on stderr, with printf formatting. */
void cli_error(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* As cli_error(), then the command's usage line and a pointer to
 * --help.  Returns CLI_EXIT_ERROR. */
int cli_usage_error(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------------ */
/* The index (main.c)                                                  */
/* ------------------------------------------------------------------ */

/* The index directory: --db, else $PILCROW_DB, else
 * $XDG_DATA_HOME/pilcrow/index, else $HOME/.local/share/pilcrow/index.
 * NULL (after a message) when none can be determined. */
const char *cli_db_path(struct cli_ctx *ctx);

/* Open the index for reading.  On failure prints the library's message
 * (which names the path) and returns NULL. */
pilcrow_db *cli_open_read(struct cli_ctx *ctx);

#endif /* PILCROW_CLI_H */
