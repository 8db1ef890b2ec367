/*
 * cmd-quote.c - pilcrow quote [--db DIR] [--json] [-n N] [--color WHEN]
 *               [TEXT... | -]
 *
 * Where does this text come from: the words of TEXT joined by spaces,
 * or standard input when there is no TEXT or it is "-", are looked up
 * with pilcrow_quote_find().  Each source is printed best first: for
 * people, its location (as search prints it), how much of the quote it
 * holds, and a word diff of the record's text against the quote in the
 * manner of `git diff --word-diff` ([-record only-]{+quote only+},
 * coloured on a terminal: removed red, added green); for scripts, one
 * JSON object a line with the record's fields, "score", "words",
 * "found", "exact" and "diff".  Exit 0 when a source was printed, 1
 * when no record holds the text (said on stderr), 2 on error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

#define COLOR_REMOVED "\033[31m"
#define COLOR_ADDED "\033[32m"
#define COLOR_RESET "\033[0m"

/* A growing byte string, and per byte the diff kind it shows. */
struct marked {
    char *s;
    unsigned char *kind;
    size_t len, cap;
    int failed;                 /* out of memory */
};

static void
put(struct marked *m, const char *s, size_t n, unsigned char kind)
{
    if (m->failed)
        return;
    if (m->len + n + 1 > m->cap) {
        size_t cap = m->cap ? m->cap : 256;
        char *ns;
        unsigned char *nk;

        while (m->len + n + 1 > cap)
            cap *= 2;
        if ((ns = realloc(m->s, cap)) == NULL) {
            m->failed = 1;
            return;
        }
        m->s = ns;
        if ((nk = realloc(m->kind, cap)) == NULL) {
            m->failed = 1;
            return;
        }
        m->kind = nk;
        m->cap = cap;
    }
    memcpy(m->s + m->len, s, n);
    memset(m->kind + m->len, kind, n);
    m->len += n;
    m->s[m->len] = '\0';
}

static int
is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* The current source's diff as one line: runs of white space as one
 * space, removed words between "[-" and "-]", added ones between "{+"
 * and "+}", into M. */
static void
diff_line(struct marked *m, const pilcrow_quote *qt)
{
    size_t i, j, n = pilcrow_quote_n_diff(qt), len;
    pilcrow_diff_kind kind;
    const char *s;
    int space = 0;

    for (i = 0; i < n; i++) {
        s = pilcrow_quote_diff(qt, i, &kind, &len);
        if (kind != PILCROW_DIFF_SAME && space && m->len > 0) {
            put(m, " ", 1, PILCROW_DIFF_SAME);
            space = 0;
        }
        if (kind == PILCROW_DIFF_REMOVED)
            put(m, "[-", 2, (unsigned char)kind);
        else if (kind == PILCROW_DIFF_ADDED)
            put(m, "{+", 2, (unsigned char)kind);
        for (j = 0; j < len; j++) {
            if (is_ws((unsigned char)s[j])) {
                space = 1;
                continue;
            }
            if (space && m->len > 0)
                put(m, " ", 1, j > 0 ? (unsigned char)kind
                                     : PILCROW_DIFF_SAME);
            space = 0;
            put(m, s + j, 1, (unsigned char)kind);
        }
        if (kind == PILCROW_DIFF_REMOVED)
            put(m, "-]", 2, (unsigned char)kind);
        else if (kind == PILCROW_DIFF_ADDED)
            put(m, "+}", 2, (unsigned char)kind);
    }
}

/* Display width of the N bytes at S: one column a character. */
static int
width(const char *s, size_t n)
{
    int w = 0;
    size_t i;

    for (i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* Write M wrapped at 78 columns after an indent of 2, coloured by kind
 * when COLOR is set, sanitised (text_clean). */
static void
print_wrapped(FILE *out, const struct marked *m, int color)
{
    size_t pos = 0, end, k;
    int col = 2, w, on = PILCROW_DIFF_SAME;

    fputs("  ", out);
    while (pos < m->len) {
        while (pos < m->len && m->s[pos] == ' ')
            pos++;
        if (pos >= m->len)
            break;
        for (end = pos; end < m->len && m->s[end] != ' '; end++)
            ;
        w = width(m->s + pos, end - pos);
        if (col > 2 && col + 1 + w > 78) {
            if (on != PILCROW_DIFF_SAME)
                fputs(COLOR_RESET, out);
            on = PILCROW_DIFF_SAME;
            fputs("\n  ", out);
            col = 2;
        } else if (col > 2) {
            fputc(' ', out);
            col++;
        }
        while (pos < end) {
            for (k = pos; k < end && m->kind[k] == m->kind[pos]; k++)
                ;
            if (color && m->kind[pos] != on) {
                if (on != PILCROW_DIFF_SAME)
                    fputs(COLOR_RESET, out);
                if (m->kind[pos] == PILCROW_DIFF_REMOVED)
                    fputs(COLOR_REMOVED, out);
                else if (m->kind[pos] == PILCROW_DIFF_ADDED)
                    fputs(COLOR_ADDED, out);
                on = m->kind[pos];
            }
            text_clean(out, m->s + pos, k - pos);
            pos = k;
        }
        col += w;
    }
    if (on != PILCROW_DIFF_SAME)
        fputs(COLOR_RESET, out);
    fputc('\n', out);
}

/* Read standard input into a new string (*LEN bytes), at most MAX + 1
 * bytes (one more than a quote may hold, so that the library says it is
 * too long).  NULL on a read error or out of memory, after a message. */
static char *
read_stdin(struct cli_ctx *ctx, size_t max, size_t *len)
{
    char *s = malloc(max + 2);
    size_t n = 0, got;

    if (s == NULL) {
        cli_error(ctx, "out of memory");
        return NULL;
    }
    while (n < max + 1 &&
           (got = fread(s + n, 1, max + 1 - n, stdin)) > 0)
        n += got;
    if (ferror(stdin)) {
        cli_error(ctx, "cannot read standard input");
        free(s);
        return NULL;
    }
    s[n] = '\0';
    *len = n;
    return s;
}

int
cmd_quote(struct cli_ctx *ctx, int argc, char **argv)
{
    struct text_style style;
    struct printer printer;
    struct item it;
    struct marked m = { NULL, NULL, 0, 0, 0 };
    const char *color = "auto";
    int n_words, i, json = 0, r, status = CLI_EXIT_ERROR;
    long limit = 3;
    size_t len = 0, off, words, found, printed = 0;
    pilcrow_quote *qt = NULL;
    pilcrow_status st;
    pilcrow_db *db = NULL;
    char *text = NULL;
    const struct cli_option options[] = {
        CLI_COUNT("limit", 'n', &limit, 1, 100),
        CLI_FLAG("json", 0, &json, 1),
        CLI_STRING("color", 0, &color),
        CLI_STRING("colour", 0, &color),
        CLI_END
    };

    if ((n_words = cli_parse_args(&status, ctx, argc, argv, options)) < 0)
        return status;
    if ((r = cli_decide_color(color)) < 0)
        return cli_usage_error(ctx, "--color needs auto, always or never, "
                               "not '%s'", color);
    style.color = r;
    style.width = 78;
    if (n_words == 0 || (n_words == 1 && strcmp(argv[0], "-") == 0)) {
        if ((text = read_stdin(ctx, PILCROW_QUOTE_MAX_BYTES, &len)) == NULL)
            return CLI_EXIT_ERROR;
    } else {
        for (i = 0; i < n_words; i++)
            len += strlen(argv[i]) + 1;
        if ((text = malloc(len)) == NULL) {
            cli_error(ctx, "out of memory");
            return CLI_EXIT_ERROR;
        }
        for (i = 0, off = 0; i < n_words; i++) {
            if (i > 0)
                text[off++] = ' ';
            memcpy(text + off, argv[i], strlen(argv[i]));
            off += strlen(argv[i]);
        }
        text[off] = '\0';
        len = off;
    }
    if ((db = cli_open_read(ctx)) == NULL)
        goto out;
    if ((st = pilcrow_quote_find(&qt, db, text, len, (size_t)limit)) < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        goto out;
    }
    printer_json_init(&printer, stdout);
    while (pilcrow_quote_next(qt) == PILCROW_OK) {
        item_from_record(&it, pilcrow_quote_record(qt));
        words = pilcrow_quote_words(qt, &found);
        m.len = 0;
        diff_line(&m, qt);
        if (m.failed) {
            cli_error(ctx, "out of memory");
            goto out;
        }
        printed++;
        if (json) {
            printer_begin_object(&printer);
            printer_key(&printer, "rank");
            printer_integer(&printer, (long long)printed);
            printer_key(&printer, "score");
            printer_real(&printer, pilcrow_quote_score(qt));
            printer_key(&printer, "words");
            printer_integer(&printer, (long long)words);
            printer_key(&printer, "found");
            printer_integer(&printer, (long long)found);
            printer_key(&printer, "exact");
            printer_bool(&printer, pilcrow_quote_exact(qt));
            item_print_fields(&printer, &it, 0);
            printer_key(&printer, "diff");
            printer_string_len(&printer, m.s ? m.s : "", m.len);
            printer_end_object(&printer);
            printer_end_value(&printer);
            continue;
        }
        if (printed > 1)
            fputc('\n', stdout);
        text_header(stdout, it.rec, style.width);
        if (pilcrow_quote_exact(qt))
            printf("  exact: all %zu words, in order (score 1.00)\n", words);
        else
            printf("  not exact: %zu of %zu words in order (score %.2f)\n",
                   found, words, pilcrow_quote_score(qt));
        print_wrapped(stdout, &m, style.color);
    }
    if (printed == 0) {
        cli_error(ctx, "not found: no record of the index holds this text");
        status = CLI_EXIT_NOTHING;
    } else {
        status = CLI_EXIT_OK;
    }
out:
    free(m.s);
    free(m.kind);
    pilcrow_db_close(db);       /* Frees qt as well. */
    free(text);
    return status;
}
