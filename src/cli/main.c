/*
 * main.c - the pilcrow command: global options, the command table,
 * dispatch, exit status; and the helpers every command shares (option
 * parsing, messages, the index path).
 *
 * pilcrow [--db DIR] COMMAND [OPTIONS] [ARGS]
 *
 * Exit status: 0 found or succeeded, 1 nothing found, 2 any error or
 * usage (as grep).  Results go to stdout, messages to stderr as
 * "pilcrow: COMMAND: message".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

static const struct cli_command commands[] = {
    { "index", cmd_index,
      "[--db DIR] [--prune] [--quiet] [-j N] PATH...",
      "index the documents in files and directories",
      "  --db DIR     the index directory (created if absent)\n"
      "  --prune      delete the records of indexed files that are gone\n"
      "  --quiet      no progress line and no summary\n"
      "  -j N         build a new index with N workers in parallel\n"
      "Directories are walked recursively for *.txt, *.md, *.txt.gz and\n"
      "*.md.gz files; a file named as an argument is always indexed.\n" },
    { "search", cmd_search,
      "[--db DIR] [-n N] [--offset K] [--json | --tsv] [--color WHEN] "
      "QUERY...",
      "search the index and print the best records",
      "  --db DIR       the index directory\n"
      "  -n N           print at most N results (default 10)\n"
      "  --offset K     skip the first K results\n"
      "  --json         one JSON object per result and line\n"
      "  --tsv          one tab-separated line per result\n"
      "  --color WHEN   highlight matches: auto (default), always, never\n"
      "The words of QUERY are joined by spaces into one query; see\n"
      "pilcrow(1) for the query syntax.  Use -- before a query that\n"
      "starts with a dash.\n" },
    { "batch", cmd_batch,
      "[--db DIR] [-n N] [--tsv] [--input FILE]",
      "run one query per input line, print one JSON line each",
      "  --db DIR       the index directory\n"
      "  -n N           at most N results per query (default 10)\n"
      "  --tsv          one tab-separated line per result, qid first\n"
      "  --input FILE   read queries from FILE (gzip accepted), not stdin\n"
      "Each output line is flushed at once, so batch can run as a\n"
      "co-process.\n" },
    { "show", cmd_show,
      "[--db DIR] [--json] DOC ANCHOR",
      "print one record whole, with its notes",
      "  --db DIR   the index directory\n"
      "  --json     print the record as one JSON object\n"
      "ANCHOR is 7, para.7, \"para. 7\", note:1, summary:1, ...\n" },
    { "parse", cmd_parse,
      "[--json] FILE...",
      "print the records parsed from files (no index)",
      "  --json   one JSON object per record and line\n" },
    { "stats", cmd_stats,
      "[--db DIR] [--json]",
      "print the size of the index",
      "  --db DIR   the index directory\n"
      "  --json     print one JSON object\n" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/* Write "pilcrow: [COMMAND: ]message" and a newline to stderr, the
 * message on one line with control characters (from file names, query
 * text, documents) replaced. */
static void
vmessage(const struct cli_command *cmd, const char *fmt, va_list ap)
{
    char buf[4096];
    int n;

    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    if (n < 0)
        n = 0;
    else if ((size_t)n >= sizeof(buf))
        n = sizeof(buf) - 1;
    if (cmd != NULL)
        fprintf(stderr, "pilcrow: %s: ", cmd->name);
    else
        fputs("pilcrow: ", stderr);
    text_clean(stderr, buf, (size_t)n);
    fputc('\n', stderr);
}

void
cli_error(const struct cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(ctx != NULL ? ctx->cmd : NULL, fmt, ap);
    va_end(ap);
}

/* Print the usage lines: of CMD, or of every command if CMD is NULL. */
static void
print_usage(FILE *out, const struct cli_command *cmd)
{
    size_t i;

    if (cmd != NULL) {
        fprintf(out, "usage: pilcrow %s %s\n", cmd->name, cmd->synopsis);
        return;
    }
    fputs("usage: pilcrow [--db DIR] COMMAND [OPTIONS] [ARGS]\n", out);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(out, "       pilcrow %s %s\n", commands[i].name,
                commands[i].synopsis);
    fputs("       pilcrow --help | --version | COMMAND --help\n", out);
}

int
cli_usage_error(const struct cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    const struct cli_command *cmd = ctx != NULL ? ctx->cmd : NULL;

    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
    print_usage(stderr, cmd);
    if (cmd != NULL)
        fprintf(stderr, "Try 'pilcrow %s --help' for more.\n", cmd->name);
    else
        fputs("Try 'pilcrow --help' for more.\n", stderr);
    return CLI_EXIT_ERROR;
}

/* pilcrow --help: the commands and the global options, on stdout. */
static void
print_help(void)
{
    size_t i;

    fputs("pilcrow - full-text search for United Nations documents, "
          "by paragraph\n\n", stdout);
    print_usage(stdout, NULL);
    fputs("\nCommands:\n", stdout);
    for (i = 0; i < N_COMMANDS; i++)
        printf("  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\nOptions:\n"
          "  --db DIR     the index directory (default: $PILCROW_DB, else\n"
          "               $XDG_DATA_HOME/pilcrow/index, else\n"
          "               ~/.local/share/pilcrow/index)\n"
          "  --help       this help; pilcrow COMMAND --help for a command\n"
          "  --version    the version of pilcrow and of its library\n"
          "\nExit status: 0 found or done, 1 nothing found, 2 error.\n"
          "See pilcrow(1).\n", stdout);
}

/* pilcrow COMMAND --help, on stdout. */
static void
print_command_help(const struct cli_command *cmd)
{
    printf("pilcrow %s - %s\n\n", cmd->name, cmd->summary);
    print_usage(stdout, cmd);
    printf("\nOptions:\n%s", cmd->help);
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

void
cli_parser_init(struct cli_parser *p, int argc, char **argv)
{
    p->argc = argc;
    p->argv = argv;
    p->i = 1;
    p->only_operands = 0;
    p->dash_words = 0;
}

static const struct cli_option common_options[] = {
    { "help", 'h', 0, CLI_OPT_HELP },
    { "db", 0, 1, CLI_OPT_DB },
    { NULL, 0, 0, 0 }
};

/* Find the option named NAME (NAME_LEN bytes, long form) or with letter
 * SHORT (if NAME is NULL) in OPTS, then in the common options. */
static const struct cli_option *
find_option(const struct cli_option *opts, const char *name,
            size_t name_len, char letter)
{
    const struct cli_option *tables[2];
    const struct cli_option *o;
    int t;

    tables[0] = opts;
    tables[1] = common_options;
    for (t = 0; t < 2; t++) {
        for (o = tables[t]; o != NULL && o->long_name != NULL; o++) {
            if (name != NULL) {
                if (strlen(o->long_name) == name_len
                    && memcmp(o->long_name, name, name_len) == 0)
                    return o;
            } else if (o->short_name != 0 && o->short_name == letter) {
                return o;
            }
        }
    }
    return NULL;
}

int
cli_next_option(struct cli_ctx *ctx, struct cli_parser *p,
                const struct cli_option *opts, const char **arg)
{
    const struct cli_option *o;
    const char *a, *eq;

    *arg = NULL;
    if (p->i >= p->argc)
        return -1;
    a = p->argv[p->i++];
    if (p->only_operands || a[0] != '-' || a[1] == '\0') {
        *arg = a;
        return 0;
    }
    if (strcmp(a, "--") == 0) {
        p->only_operands = 1;
        return cli_next_option(ctx, p, opts, arg);
    }
    if (a[1] == '-') {
        eq = strchr(a + 2, '=');
        o = find_option(opts, a + 2,
                        eq != NULL ? (size_t)(eq - a - 2) : strlen(a + 2),
                        0);
        if (o == NULL) {
            cli_usage_error(ctx, "unknown option '%s'", a);
            return -2;
        }
        if (!o->has_arg && eq != NULL) {
            cli_usage_error(ctx, "option '--%s' takes no value",
                            o->long_name);
            return -2;
        }
        if (o->has_arg) {
            if (eq != NULL) {
                *arg = eq + 1;
            } else if (p->i < p->argc) {
                *arg = p->argv[p->i++];
            } else {
                cli_usage_error(ctx, "option '--%s' needs a value",
                                o->long_name);
                return -2;
            }
        }
        return o->id;
    }
    o = find_option(opts, NULL, 0, a[1]);
    if (o == NULL || (!o->has_arg && a[2] != '\0')) {
        if (p->dash_words && strlen(a) >= 3) {
            *arg = a;           /* "-word": a query term. */
            return 0;
        }
        cli_usage_error(ctx, "unknown option '%s'", a);
        return -2;
    }
    if (o->has_arg) {
        if (a[2] != '\0') {
            *arg = a + 2;
        } else if (p->i < p->argc) {
            *arg = p->argv[p->i++];
        } else {
            cli_usage_error(ctx, "option '-%c' needs a value",
                            o->short_name);
            return -2;
        }
    }
    return o->id;
}

int
cli_common_option(struct cli_ctx *ctx, int id, const char *arg)
{
    switch (id) {
    case CLI_OPT_HELP:
        print_command_help(ctx->cmd);
        return CLI_EXIT_OK;
    case CLI_OPT_DB:
        if (arg[0] == '\0')
            return cli_usage_error(ctx, "--db needs a directory");
        ctx->db_opt = arg;
        return -2;
    default:
        return -1;
    }
}

int
cli_parse_count(struct cli_ctx *ctx, const char *name, const char *arg,
                long min, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(arg, &end, 10);
    if (arg[0] == '\0' || *end != '\0' || errno != 0 || v < min
        || v > max) {
        cli_usage_error(ctx, "%s needs a number from %ld to %ld, not '%s'",
                        name, min, max, arg);
        return -1;
    }
    *out = v;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The index                                                           */
/* ------------------------------------------------------------------ */

/* A new string: A followed by B, or NULL when out of memory. */
static char *
concat(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);

    if (s == NULL)
        return NULL;
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

const char *
cli_db_path(struct cli_ctx *ctx)
{
    const char *v;

    if (ctx->db_opt != NULL)
        return ctx->db_opt;
    if (ctx->db_default != NULL)
        return ctx->db_default;
    if ((v = getenv("PILCROW_DB")) != NULL && v[0] != '\0')
        return v;
    /* The XDG base directory rules ignore a relative XDG_DATA_HOME. */
    if ((v = getenv("XDG_DATA_HOME")) != NULL && v[0] == '/')
        ctx->db_default = concat(v, "/pilcrow/index");
    else if ((v = getenv("HOME")) != NULL && v[0] != '\0')
        ctx->db_default = concat(v, "/.local/share/pilcrow/index");
    else {
        cli_error(ctx, "no index directory: use --db DIR or set "
                  "PILCROW_DB");
        return NULL;
    }
    if (ctx->db_default == NULL)
        cli_error(ctx, "out of memory");
    return ctx->db_default;
}

pilcrow_db *
cli_open_read(struct cli_ctx *ctx)
{
    pilcrow_db *db = NULL;
    pilcrow_status st;
    const char *path;
    char *err = NULL;

    if ((path = cli_db_path(ctx)) == NULL)
        return NULL;
    st = pilcrow_db_open(&db, path, PILCROW_OPEN_READ, &err);
    if (st < 0) {
        if (err != NULL && err[0] != '\0')
            cli_error(ctx, "%s", err);
        else
            cli_error(ctx, "%s: %s", path, pilcrow_status_str(st));
        pilcrow_free(err);
        return NULL;
    }
    pilcrow_free(err);
    return db;
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

static const struct cli_command *
find_command(const char *name)
{
    size_t i;

    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int
main(int argc, char **argv)
{
    struct cli_ctx ctx;
    const char *a;
    int i, status;

    memset(&ctx, 0, sizeof(ctx));
    /* Global options, up to the command name. */
    for (i = 1; i < argc; i++) {
        a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_help();
            return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
        } else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            printf("pilcrow %s (library %s)\n", PILCROW_VERSION,
                   pilcrow_version());
            return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
        } else if (strcmp(a, "--db") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error(NULL, "option '--db' needs a value");
            ctx.db_opt = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            ctx.db_opt = a + 5;
        } else if (a[0] == '-') {
            return cli_usage_error(NULL, "unknown option '%s'", a);
        } else {
            break;
        }
        if (ctx.db_opt[0] == '\0')
            return cli_usage_error(NULL, "--db needs a directory");
    }
    if (i >= argc)
        return cli_usage_error(NULL, "no command given");
    if (strcmp(argv[i], "help") == 0) {
        /* "pilcrow help [COMMAND]", as git and notmuch have it. */
        if (i + 1 >= argc) {
            print_help();
        } else if ((ctx.cmd = find_command(argv[i + 1])) != NULL) {
            print_command_help(ctx.cmd);
        } else {
            return cli_usage_error(NULL, "unknown command '%s'",
                                   argv[i + 1]);
        }
        return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_ERROR;
    }
    if ((ctx.cmd = find_command(argv[i])) == NULL)
        return cli_usage_error(NULL, "unknown command '%s'", argv[i]);

    status = ctx.cmd->handler(&ctx, argc - i, argv + i);

    /* Results that could not be written are an error too (a full disk
     * under "> file"); a closed pipe ends us by SIGPIPE before this. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error(&ctx, "cannot write the output: %s", strerror(errno));
        status = CLI_EXIT_ERROR;
    }
    free(ctx.db_default);
    return status;
}
