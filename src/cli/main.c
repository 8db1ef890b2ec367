/*
 * main.c - the pilcrow command: global options, the command table,
 * dispatch, exit status; and the helpers every command shares (option
 * parsing, messages, joining strings, the index path).
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
#include <unistd.h>

#include "cli.h"
#include "printer.h"

static const struct cli_command commands[] = {
    { "index", cmd_index, CLI_ANY, 0,
      "[--db DIR] [--prune] [--quiet] [-j N] [--shards N] [--lang CODE] "
      "PATH...",
      "index the documents in files and directories",
      "  --db DIR     the index directory (created if absent)\n"
      "  --prune      delete the records of indexed files that are gone\n"
      "  --quiet      no progress line and no summary\n"
      "  -j N         build a new index with N workers in parallel\n"
      "  --shards N   keep DIR as N shards (a stub database DIR/XAPIANDB\n"
      "               and DIR/shard0 ...), each document in the shard of\n"
      "               a hash of its id, each shard written by its own\n"
      "               worker\n"
      "  --lang CODE  the language of files that name none (ar, en, es,\n"
      "               fr, ru, zh; default: guessed from the text)\n"
      "Directories are walked recursively for *.txt, *.md, *.txt.gz and\n"
      "*.md.gz files; a file named as an argument is always indexed.\n" },
    { "search", cmd_search, CLI_ANY, CLI_DASH_WORDS,
      "[--db DIR] [-n N] [--offset K] [--json | --tsv | --tsv-header] "
      "[--color WHEN] [--lang CODE] [--count] [--parallel] [--sort ORDER] "
      "[--all-versions] QUERY...",
      "search the index and print the best records",
      "  --db DIR       the index directory\n"
      "  -n N           print at most N results (default 10)\n"
      "  --offset K     skip the first K results\n"
      "  --json         one JSON object per result and line\n"
      "  --tsv          one tab-separated line per result: rank, score,\n"
      "                 document, anchor, kind, page, snippet\n"
      "  --tsv-header   the same, after a line naming the columns\n"
      "  --color WHEN   highlight matches: auto (default), always, never\n"
      "  --lang CODE    read the query in language CODE alone and search\n"
      "                only its records (default: every language held)\n"
      "  -c, --count    print the exact number of matching records only\n"
      "  --parallel     with each result, the same record in the other\n"
      "                 language versions of its document\n"
      "  --sort ORDER   date (oldest first), -date (newest first) or\n"
      "                 relevance (default)\n"
      "  --all-versions search every version of a document (default: the\n"
      "                 latest text of each: Rev.2 over Rev.1 over the\n"
      "                 original; addenda are texts of their own)\n"
      "The words of QUERY are joined by spaces into one query; see\n"
      "pilcrow(1) for the query syntax.  Use -- before a query that\n"
      "starts with a dash.\n" },
    { "batch", cmd_batch, 0, 0,
      "[--db DIR] [-n N] [--tsv | --tsv-header] [--parallel] [--input FILE] "
      "[--lang CODE]\n              [--sort ORDER] [--all-versions]",
      "run one query per input line, print one JSON line each",
      "  --db DIR       the index directory\n"
      "  -n N           at most N results per query (default 10)\n"
      "  --tsv          one tab-separated line per result, qid first\n"
      "  --tsv-header   the same, after a line naming the columns\n"
      "  --parallel     add each result's other language versions\n"
      "  --input FILE   read queries from FILE (gzip accepted), not stdin\n"
      "  --lang CODE    every query in language CODE alone (as search)\n"
      "  --sort ORDER   date, -date or relevance (as search)\n"
      "  --all-versions every version of a document (as search)\n"
      "Each output line is flushed at once, so batch can run as a\n"
      "co-process.\n" },
    { "show", cmd_show, 2, 0,
      "[--db DIR] [--json] [--parallel] DOC ANCHOR",
      "print one record whole, with its notes",
      "  --db DIR     the index directory\n"
      "  --json       print the record as one JSON object\n"
      "  --parallel   print it in every language version held, DOC's\n"
      "               first (JSON: one object per version)\n"
      "ANCHOR is 7, para.7, \"para. 7\", note:1, summary:1, art. 26,\n"
      "\"art. 26, para. 1\", ...\n" },
    { "parse", cmd_parse, CLI_ANY, 0,
      "[--json] FILE...",
      "print the records parsed from files (no index)",
      "  --json   one JSON object per record and line\n" },
    { "cites", cmd_cites, CLI_ANY, 0,
      "[--db DIR] [--json] SYMBOL",
      "list the records citing a document, by citing document",
      "  --db DIR   the index directory\n"
      "  --json     print one JSON object\n"
      "SYMBOL in any written form: S/RES/2719 (2023), S/RES/2719(2023),\n"
      "resolution 2719 (2023), A/RES/50/123, 50/123, E/1995/69.\n" },
    { "refs", cmd_refs, 1, 0,
      "[--db DIR] [--json] DOC",
      "list the documents a document cites, and where the index holds them",
      "  --db DIR   the index directory\n"
      "  --json     print one JSON object\n"
      "DOC is a document id, as search prints it.\n" },
    { "graph", cmd_graph, 0, 0,
      "[--db DIR] [--from SYMBOL] [--depth N] [--format dot|json]",
      "write the citation graph, for Graphviz",
      "  --db DIR         the index directory\n"
      "  --from SYMBOL    the documents citing SYMBOL only, then those\n"
      "                   citing them, to --depth levels (default 1)\n"
      "  --format FORMAT  dot (the default) or json\n"
      "pilcrow graph --from A/RES/50/123 | dot -Tsvg > cites.svg\n" },
    { "compact", cmd_compact, 1, 0,
      "[--db DIR] OUT",
      "merge the shards of a sharded index into one compact index",
      "  --db DIR   the sharded index (stub file or directory of shards)\n"
      "OUT must not exist.  Local shards only: compact remote ones where\n"
      "they are stored.\n" },
    { "list", cmd_list, CLI_ANY, 0,
      "[--db DIR] [--json] [FILTER...]",
      "list the documents of the index",
      "  --db DIR   the index directory\n"
      "  --json     one JSON object per document and line\n"
      "FILTERs are the query's field filters, without words: organ:SC\n"
      "type:letter date:2025-01..2025-06 lang:fr ...\n" },
    { "quote", cmd_quote, CLI_ANY, CLI_DASH_WORDS,
      "[--db DIR] [--json] [-n N] [--color WHEN] [TEXT... | -]",
      "find the records a quotation is taken from, and what differs",
      "  --db DIR       the index directory\n"
      "  --json         one JSON object per source and line\n"
      "  -n N           print at most N sources (default 3)\n"
      "  --color WHEN   colour the diff: auto (default), always, never\n"
      "TEXT (its words joined by spaces), or standard input when it is\n"
      "absent or -, up to 8192 bytes: words dropped, changed or moved,\n"
      "punctuation, quotation marks, line breaks and accents may differ.\n"
      "Each source is printed with how many of the quote's words it\n"
      "holds in order and a word diff, [-record only-]{+quote only+}.\n"
      "Exit 1 when no record holds it.\n" },
    { "stats", cmd_stats, 0, 0,
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
    fputs("usage: pilcrow [--db DIR] [--timeout S] [--allow-partial] "
          "COMMAND [OPTIONS] [ARGS]\n", out);
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

int
cli_check_lang(const struct cli_ctx *ctx, const char *lang)
{
    if (lang == NULL || pilcrow_language_name(lang) != NULL)
        return 0;
    return cli_usage_error(ctx, "--lang: no analysis for language '%s' "
                           "(ar, en, es, fr, ru, zh)", lang);
}

/* Decide whether text output is coloured: WHEN is "auto", "always" or
 * "never".  Auto: stdout is a terminal and NO_COLOR is unset or empty.
 * Returns 0 or 1, or -1 for a WHEN that is none of these. */
int
cli_decide_color(const char *when)
{
    const char *no_color;

    if (strcmp(when, "always") == 0)
        return 1;
    if (strcmp(when, "never") == 0)
        return 0;
    if (strcmp(when, "auto") != 0)
        return -1;
    no_color = getenv("NO_COLOR");
    if (no_color != NULL && no_color[0] != '\0')
        return 0;
    return isatty(STDOUT_FILENO);
}

int
cli_parse_sort(const struct cli_ctx *ctx, const char *arg, pilcrow_sort *out)
{
    *out = PILCROW_SORT_RELEVANCE;
    if (arg == NULL || strcmp(arg, "relevance") == 0)
        return 0;
    if (strcmp(arg, "date") == 0) {
        *out = PILCROW_SORT_DATE;
        return 0;
    }
    if (strcmp(arg, "-date") == 0) {
        *out = PILCROW_SORT_DATE_DESC;
        return 0;
    }
    return cli_usage_error(ctx, "--sort needs date, -date or relevance, "
                           "not '%s'", arg);
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
          "               or a sharded index: a Xapian stub database file\n"
          "               (auto PATH, remote HOST:PORT, remote :PROGRAM\n"
          "               ARGS) or a directory of shards\n"
          "  --timeout S  wait at most S seconds for a remote shard to\n"
          "               connect or reply (default 10)\n"
          "  --allow-partial  search the shards that answer, with a\n"
          "               warning, when some do not\n"
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

static const struct cli_option common_options[] = {
    { "help", 'h', CLI_OPT_HELP, NULL, 0, NULL, NULL, 0, 0 },
    { "db", 0, CLI_OPT_DB, NULL, 0, NULL, NULL, 0, 0 },
    { "timeout", 0, CLI_OPT_TIMEOUT, NULL, 0, NULL, NULL, 1, 3600 },
    { "allow-partial", 0, CLI_OPT_PARTIAL, NULL, 0, NULL, NULL, 0, 0 },
    CLI_END
};

/* Find the option named NAME (NAME_LEN bytes, long form) or with letter
 * LETTER (if NAME is NULL) in OPTS, then in the common options. */
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

/* Does option O take a value? */
static int
takes_value(const struct cli_option *o)
{
    return o->kind != CLI_OPT_FLAG && o->kind != CLI_OPT_HELP &&
           o->kind != CLI_OPT_PARTIAL;
}

/* Set ctx->db_opt to DIR.  Returns 0, or -1 after a usage error for an
 * empty DIR. */
static int
set_db(struct cli_ctx *ctx, const char *dir)
{
    if (dir[0] == '\0') {
        cli_usage_error(ctx, "--db needs a directory");
        return -1;
    }
    ctx->db_opt = dir;
    return 0;
}

/* Parse VALUE as the count of option O: a decimal number in O's range.
 * Returns 0, or -1 after a usage error naming the option as its short
 * form if it has one ("-n"), else its long form ("--offset"). */
static int
parse_count(struct cli_ctx *ctx, const struct cli_option *o,
            const char *value, long *out)
{
    char name[64], *end;
    long v;

    errno = 0;
    v = strtol(value, &end, 10);
    if (value[0] == '\0' || *end != '\0' || errno != 0 || v < o->min
        || v > o->max) {
        if (o->short_name != 0)
            snprintf(name, sizeof(name), "-%c", o->short_name);
        else
            snprintf(name, sizeof(name), "--%s", o->long_name);
        cli_usage_error(ctx, "%s needs a number from %ld to %ld, not '%s'",
                        name, o->min, o->max, value);
        return -1;
    }
    *out = v;
    return 0;
}

/* Do what option O says, with VALUE (NULL for an option that takes
 * none).  Returns 0, or -1 when the command must stop with *STATUS. */
static int
apply_option(int *status, struct cli_ctx *ctx, const struct cli_option *o,
             const char *value)
{
    switch (o->kind) {
    case CLI_OPT_FLAG:
        *o->flag = o->set;
        return 0;
    case CLI_OPT_STRING:
        *o->string = value;
        return 0;
    case CLI_OPT_COUNT:
        return parse_count(ctx, o, value, o->count);
    case CLI_OPT_TIMEOUT:
        return parse_count(ctx, o, value, &ctx->timeout);
    case CLI_OPT_PARTIAL:
        ctx->allow_partial = 1;
        return 0;
    case CLI_OPT_DB:
        return set_db(ctx, value);
    case CLI_OPT_HELP:
        print_command_help(ctx->cmd);
        *status = CLI_EXIT_OK;
        return -1;
    }
    return 0;
}

/* Is argument A, which starts with "-" and is not "-" or "--", an
 * option of OPTS or a common one?  A is "--name", "--name=value", "-c"
 * or "-cvalue" (for a letter that takes a value).  Returns 1 with *OUT
 * the option, *VALUE the value within A (or NULL) and *SPELLED the
 * length of the option's name at the start of A ("--limit", "-n"); 0
 * when A is an operand all the same (a "-word" for a command with
 * CLI_DASH_WORDS); -1 after a usage error. */
static int
recognise(const struct cli_option **out, const char **value,
          size_t *spelled, struct cli_ctx *ctx,
          const struct cli_option *opts, const char *a)
{
    const struct cli_option *o;
    size_t len;

    *value = NULL;
    if (a[1] == '-') {
        len = strcspn(a + 2, "=");
        if ((o = find_option(opts, a + 2, len, 0)) == NULL) {
            cli_usage_error(ctx, "unknown option '%s'", a);
            return -1;
        }
        if (a[2 + len] == '=') {
            if (!takes_value(o)) {
                cli_usage_error(ctx, "option '--%s' takes no value",
                                o->long_name);
                return -1;
            }
            *value = a + 3 + len;
        }
        *spelled = 2 + len;
    } else {
        o = find_option(opts, NULL, 0, a[1]);
        if (o == NULL || (!takes_value(o) && a[2] != '\0')) {
            if ((ctx->cmd->flags & CLI_DASH_WORDS) && strlen(a) >= 3)
                return 0;       /* "-word": a search's NOT term. */
            cli_usage_error(ctx, "unknown option '%s'", a);
            return -1;
        }
        if (a[2] != '\0')
            *value = a + 2;
        *spelled = 2;
    }
    *out = o;
    return 1;
}

int
cli_parse_args(int *status, struct cli_ctx *ctx, int argc, char **argv,
               const struct cli_option *opts)
{
    int max = ctx->cmd->max_operands;
    const struct cli_option *o;
    const char *a, *value;
    size_t spelled;
    int i, r, n = 0, only_operands = 0;

    *status = CLI_EXIT_ERROR;
    for (i = 1; i < argc; i++) {
        a = argv[i];
        if (!only_operands && strcmp(a, "--") == 0) {
            only_operands = 1;
            continue;
        }
        r = 0;
        if (!only_operands && a[0] == '-' && a[1] != '\0'
            && (r = recognise(&o, &value, &spelled, ctx, opts, a)) < 0)
            return -1;
        if (r == 0) {
            /* An operand, gathered in place. */
            if (max != CLI_ANY && n >= max) {
                cli_usage_error(ctx, "unexpected argument '%s'", a);
                return -1;
            }
            argv[n++] = (char *)a;
            continue;
        }
        if (takes_value(o) && value == NULL) {
            if (i + 1 >= argc) {
                cli_usage_error(ctx, "option '%.*s' needs a value",
                                (int)spelled, a);
                return -1;
            }
            value = argv[++i];
        }
        if (apply_option(status, ctx, o, value) < 0)
            return -1;
    }
    return n;
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

char *
cli_join(const char *a, const char *sep, const char *b)
{
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    char *s = malloc(la + ls + lb + 1);

    if (s == NULL)
        return NULL;
    memcpy(s, a, la);
    memcpy(s + la, sep, ls);
    memcpy(s + la + ls, b, lb + 1);
    return s;
}

/* ------------------------------------------------------------------ */
/* The index                                                           */
/* ------------------------------------------------------------------ */

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
        ctx->db_default = cli_join(v, "/", "pilcrow/index");
    else if ((v = getenv("HOME")) != NULL && v[0] != '\0')
        ctx->db_default = cli_join(v, "/", ".local/share/pilcrow/index");
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
    st = pilcrow_db_open_timeout(&db, path, ctx->allow_partial
                                 ? PILCROW_OPEN_PARTIAL : PILCROW_OPEN_READ,
                                 (unsigned)ctx->timeout * 1000u, &err);
    if (st < 0) {
        if (err != NULL && err[0] != '\0')
            cli_error(ctx, "%s", err);
        else
            cli_error(ctx, "%s: %s", path, pilcrow_status_str(st));
        pilcrow_free(err);
        return NULL;
    }
    pilcrow_free(err);
    cli_warn_partial(ctx, db);
    return db;
}

void
cli_warn_partial(struct cli_ctx *ctx, pilcrow_db *db)
{
    const char *name;
    size_t i, dead = 0;
    int live;

    for (i = 0; pilcrow_db_shard(db, i, &name, &live) == PILCROW_OK; i++) {
        if (live)
            continue;
        if (dead++ >= ctx->partial_warned)
            cli_error(ctx, "warning: shard %s does not answer; the "
                      "results are those of the other shards", name);
    }
    if (dead > ctx->partial_warned)
        ctx->partial_warned = dead;
}

void
cli_print_partial(struct printer *p, pilcrow_db *db)
{
    const char *name;
    size_t i;
    int live, any = 0;

    for (i = 0; pilcrow_db_shard(db, i, &name, &live) == PILCROW_OK; i++) {
        if (live)
            continue;
        if (!any++) {
            printer_key(p, "partial_shards");
            printer_begin_array(p);
        }
        printer_string(p, name);
    }
    if (any)
        printer_end_array(p);
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
            if (set_db(&ctx, argv[++i]) < 0)
                return CLI_EXIT_ERROR;
        } else if (strncmp(a, "--db=", 5) == 0) {
            if (set_db(&ctx, a + 5) < 0)
                return CLI_EXIT_ERROR;
        } else if (strcmp(a, "--allow-partial") == 0) {
            ctx.allow_partial = 1;
        } else if (strcmp(a, "--timeout") == 0 ||
                   strncmp(a, "--timeout=", 10) == 0) {
            const char *v = a[9] == '=' ? a + 10 : NULL;
            if (v == NULL && (v = argv[++i]) == NULL)
                return cli_usage_error(NULL, "option '--timeout' needs a "
                                       "value");
            if (parse_count(&ctx, &common_options[2], v, &ctx.timeout) < 0)
                return CLI_EXIT_ERROR;
        } else if (a[0] == '-') {
            return cli_usage_error(NULL, "unknown option '%s'", a);
        } else {
            break;
        }
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
