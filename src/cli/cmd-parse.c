/*
 * cmd-parse.c - pilcrow parse [--json] FILE...
 *
 * Parses each FILE as the indexer would and prints its records, without
 * any index: a readable listing ("ANCHOR [SECTION] text…", one record a
 * line, under a line naming the document), or with --json one object a
 * record and line with every field.  A file that cannot be parsed is
 * reported and the others go on; the exit status is then 2.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

/* Parser warnings: "pilcrow: parse: WARNING" on stderr. */
static void
warn(const char *message, void *payload)
{
    cli_error((const struct cli_ctx *)payload, "%s", message);
}

/* One line per record: "ANCHOR [SECTION] text", cut to 78 columns. */
static void
list_record(const pilcrow_record *r)
{
    const char *anchor = pilcrow_record_anchor(r);
    const char *section = pilcrow_record_section(r);
    const char *text;
    size_t len, cut;
    int used;

    text_clean(stdout, anchor, strlen(anchor));
    used = (int)strlen(anchor);
    if (section != NULL && section[0] != '\0') {
        fputs(" [", stdout);
        text_clean(stdout, section, strlen(section));
        fputc(']', stdout);
        used += 3 + (int)strlen(section);
    }
    text = pilcrow_record_text(r, &len);
    fputc(' ', stdout);
    used++;
    /* Cut at a character boundary near the width; the rest is "…". */
    cut = used < 70 ? (size_t)(78 - used - 1) : 8;
    if (len > cut) {
        while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
            cut--;
        text_clean(stdout, text, cut);
        fputs("\xe2\x80\xa6", stdout);
    } else {
        text_clean(stdout, text, len);
    }
    fputc('\n', stdout);
}

int
cmd_parse(struct cli_ctx *ctx, int argc, char **argv)
{
    struct printer p;
    struct item it;
    pilcrow_parse_options opts = PILCROW_PARSE_OPTIONS_INIT;
    pilcrow_doc *doc;
    pilcrow_status st;
    const char *s;
    char *err;
    int status, json = 0, n_files, failed = 0, i;
    size_t k, n;
    char **files = argv;
    const struct cli_option options[] = {
        CLI_FLAG("json", 0, &json, 1),
        CLI_END
    };

    /* The files are then argv[0] to argv[n_files - 1]. */
    if ((n_files = cli_parse_args(&status, ctx, argc, argv, options)) < 0)
        return status;
    if (n_files == 0)
        return cli_usage_error(ctx, "no file given");
    opts.warn = warn;
    opts.warn_payload = ctx;
    printer_json_init(&p, stdout);
    for (i = 0; i < n_files; i++) {
        err = NULL;
        st = pilcrow_doc_parse_file(&doc, files[i], &opts, &err);
        if (st < 0) {
            if (err != NULL && err[0] != '\0')
                cli_error(ctx, "%s", err);
            else
                cli_error(ctx, "%s: %s", files[i], pilcrow_status_str(st));
            pilcrow_free(err);
            failed++;
            continue;
        }
        pilcrow_free(err);
        n = pilcrow_doc_n_records(doc);
        if (!json) {
            if (i > 0)
                fputc('\n', stdout);
            s = pilcrow_doc_id(doc);
            text_clean(stdout, s, strlen(s));
            if ((s = pilcrow_doc_symbol(doc)) != NULL) {
                fputs(" (", stdout);
                text_clean(stdout, s, strlen(s));
                fputc(')', stdout);
            }
            s = pilcrow_doc_title(doc);
            if (s != NULL && s[0] != '\0') {
                fputs(": ", stdout);
                text_clean(stdout, s, strlen(s));
            }
            printf(" \xe2\x80\x94 %zu records\n", n);
        }
        for (k = 0; k < n; k++) {
            item_from_record(&it, pilcrow_doc_record(doc, k));
            if (json)
                item_print_json(&p, &it, ITEM_TEXT | ITEM_META);
            else
                list_record(it.rec);
        }
        pilcrow_doc_free(doc);
    }
    return failed > 0 ? CLI_EXIT_ERROR : CLI_EXIT_OK;
}
