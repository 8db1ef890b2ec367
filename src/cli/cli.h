/*
 * cli.h - what the files of the pilcrow command share: the context a
 * command runs in, the command handlers, option parsing, messages,
 * joining strings and the index-opening helper.
 *
 * The command is a client of the public API only: it includes
 * pilcrow.h, the C library and (for batch input) zlib, nothing else.
 */
#ifndef PILCROW_CLI_H
#define PILCROW_CLI_H

#include <stddef.h>

#include "pilcrow.h"

/* Exit statuses (pilcrow(1), EXIT STATUS; doc/conventions.md C3). */
#define CLI_EXIT_OK 0           /* Found something, or succeeded. */
#define CLI_EXIT_NOTHING 1      /* A search found nothing. */
#define CLI_EXIT_ERROR 2        /* Any error, usage included. */

/*
 * Return codes of the helpers (qsort comparators aside), one meaning
 * each: -1 is stop (the helper failed, or ended the command's work,
 * after printing what it had to); 0 or more is go on, with a count or
 * a yes/no where the helper says so.  Exit statuses (CLI_EXIT_*) are
 * returned only by the cmd_* handlers and cli_usage_error(), and handed
 * back through an argument where a helper decides one
 * (cli_parse_args()).
 */

struct cli_command;

/* What every command handler receives. */
struct cli_ctx {
    const struct cli_command *cmd;  /* The command running. */
    const char *db_opt;             /* --db DIR, or NULL for the default. */
    char *db_default;               /* Default path, computed on demand
                                     * (malloc'd; freed by main). */
    long timeout;                   /* --timeout SECONDS for remote
                                     * shards; 0 for the default. */
    int allow_partial;              /* --allow-partial */
    size_t partial_warned;          /* Dead shards already warned of. */
};

/* A command handler: ARGV[0] is the command name, options and operands
 * follow.  Returns the exit status. */
typedef int cli_handler(struct cli_ctx *ctx, int argc, char **argv);

/* max_operands of a command that takes any number. */
#define CLI_ANY (-1)

/* flags of a command: an unknown "-word" of 3 bytes or more is an
 * operand, not an error (search: a NOT term). */
#define CLI_DASH_WORDS 1u

/* One line of the command table in main.c. */
struct cli_command {
    const char *name;       /* "search" */
    cli_handler *handler;
    int max_operands;       /* More is a usage error; CLI_ANY: no limit. */
    unsigned flags;         /* CLI_DASH_WORDS or 0. */
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
int cmd_list(struct cli_ctx *ctx, int argc, char **argv);
int cmd_cites(struct cli_ctx *ctx, int argc, char **argv);
int cmd_refs(struct cli_ctx *ctx, int argc, char **argv);
int cmd_graph(struct cli_ctx *ctx, int argc, char **argv);
int cmd_quote(struct cli_ctx *ctx, int argc, char **argv);

/* ------------------------------------------------------------------ */
/* Options (main.c)                                                    */
/* ------------------------------------------------------------------ */

/* What an option does. */
enum cli_option_kind {
    CLI_OPT_FLAG,       /* No value: *FLAG = SET. */
    CLI_OPT_STRING,     /* A value: *STRING points to it (in ARGV). */
    CLI_OPT_COUNT,      /* A value: a decimal number from MIN to MAX,
                         * stored in *COUNT. */
    CLI_OPT_DB,         /* --db DIR, which every command has. */
    CLI_OPT_TIMEOUT,    /* --timeout SECONDS, which every command has. */
    CLI_OPT_PARTIAL,    /* --allow-partial, which every command has. */
    CLI_OPT_HELP        /* --help, which every command has. */
};

/* One option of a command, bound to the variable it sets.  A command
 * declares a table of them, ended by CLI_END, with the macros below;
 * --db and --help need no line. */
struct cli_option {
    const char *long_name;      /* Without the dashes ("limit"); NULL
                                 * ends a table. */
    char short_name;            /* A letter ("-n"), or 0. */
    enum cli_option_kind kind;
    int *flag;                  /* CLI_OPT_FLAG: the variable, */
    int set;                    /* and the value it is given. */
    const char **string;        /* CLI_OPT_STRING: the variable. */
    long *count;                /* CLI_OPT_COUNT: the variable, */
    long min, max;              /* and its range. */
};

#define CLI_FLAG(name, letter, var, value) \
    { (name), (letter), CLI_OPT_FLAG, (var), (value), NULL, NULL, 0, 0 }
#define CLI_STRING(name, letter, var) \
    { (name), (letter), CLI_OPT_STRING, NULL, 0, (var), NULL, 0, 0 }
#define CLI_COUNT(name, letter, var, lo, hi) \
    { (name), (letter), CLI_OPT_COUNT, NULL, 0, NULL, (var), (lo), (hi) }
#define CLI_END { NULL, 0, CLI_OPT_FLAG, NULL, 0, NULL, NULL, 0, 0 }

/* Parse the arguments ARGV[1] to ARGV[ARGC - 1] of the command CTX
 * runs, against its options OPTS, --db (sets ctx->db_opt) and --help
 * (prints the command's help on stdout).  Options and operands may
 * mix; "--" makes the rest operands.  The operands are gathered in
 * order at ARGV[0], ARGV[1], ...  Returns their number, or -1 when the
 * command must stop now with the exit status in *STATUS: CLI_EXIT_OK
 * after --help, CLI_EXIT_ERROR after a usage error (an unknown option,
 * a value missing, unexpected or out of range, an operand too many). */
int cli_parse_args(int *status, struct cli_ctx *ctx, int argc, char **argv,
                   const struct cli_option *opts);

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

/* Check the value of --lang: 0 if LANG is NULL or a language pilcrow
 * analyses, else a usage error (CLI_EXIT_ERROR). */
int cli_check_lang(const struct cli_ctx *ctx, const char *lang);

/* Whether text output is coloured: WHEN is "auto", "always" or
 * "never"; auto: stdout is a terminal and NO_COLOR is unset or empty.
 * Returns 0 or 1, or -1 for a WHEN that is none of these. */
int cli_decide_color(const char *when);
/* The order --sort ARG names (date, -date, relevance; NULL: relevance)
 * into *OUT: 0, else a usage error (CLI_EXIT_ERROR). */
int cli_parse_sort(const struct cli_ctx *ctx, const char *arg,
                   pilcrow_sort *out);

/* ------------------------------------------------------------------ */
/* Strings (main.c)                                                    */
/* ------------------------------------------------------------------ */

/* A new string (malloc'd): A, SEP and B one after the other, or NULL
 * when out of memory. */
char *cli_join(const char *a, const char *sep, const char *b);

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

struct printer;

/* Say on stderr, once each, which shards of DB were left out for not
 * answering (--allow-partial). */
void cli_warn_partial(struct cli_ctx *ctx, pilcrow_db *db);

/* "partial_shards":[NAME, ...] into the JSON object P is writing, when
 * DB left shards out; nothing otherwise. */
void cli_print_partial(struct printer *p, pilcrow_db *db);

int cmd_compact(struct cli_ctx *ctx, int argc, char **argv);

#endif /* PILCROW_CLI_H */
