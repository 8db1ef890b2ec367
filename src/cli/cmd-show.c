/*
 * cmd-show.c - pilcrow show [--db DIR] [--json] [--parallel] DOC ANCHOR
 *
 * Prints one record whole: its location and section, its text wrapped,
 * then the notes it cites ("  ¹ text") or, for a note, the paragraphs
 * citing it.  --json prints the record as one object (the fields of a
 * search hit without rank, score, snippet and highlights, plus "text",
 * and "notes": [{"number", "text"}] for the notes it cites).
 *
 * --parallel prints the record in every language version of its
 * document that the index holds, DOC's first, the others by language:
 * each headed "[fr] DOC" for people, or one JSON object each (the
 * record's, "lang" among its keys); a version that lacks the record is
 * one line "[fr] DOC: missing, no ANCHOR in this version", or {"doc",
 * "lang", "anchor": null, "text": null, "missing": true}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "printer.h"

/* Look up note NUMBER of document DOC in DB; NULL if it has none (a
 * dangling marker is not an error worth failing the command for). */
static pilcrow_record *
get_note(pilcrow_db *db, const char *doc, const char *number)
{
    pilcrow_record *note = NULL;
    char anchor[64];

    if (snprintf(anchor, sizeof(anchor), "note:%s", number)
        >= (int)sizeof(anchor))
        return NULL;
    if (pilcrow_db_get_record(&note, db, doc, anchor) < 0)
        return NULL;
    return note;
}

/* The record as one JSON object. */
static void
show_json(pilcrow_db *db, const pilcrow_record *rec)
{
    struct printer p;
    struct item it;
    pilcrow_record *note;
    const char *text;
    size_t i, n, len;

    printer_json_init(&p, stdout);
    item_from_record(&it, rec);
    printer_begin_object(&p);
    item_print_fields(&p, &it, ITEM_TEXT);
    printer_key(&p, "notes");
    printer_begin_array(&p);
    n = pilcrow_record_n_cites(rec);
    for (i = 0; i < n; i++) {
        note = get_note(db, pilcrow_record_doc(rec),
                        pilcrow_record_cite(rec, i));
        if (note == NULL)
            continue;
        text = pilcrow_record_text(note, &len);
        printer_begin_object(&p);
        printer_key(&p, "number");
        printer_string(&p, pilcrow_record_cite(rec, i));
        printer_key(&p, "text");
        printer_string_len(&p, text, len);
        printer_end_object(&p);
        pilcrow_record_free(note);
    }
    printer_end_array(&p);
    printer_end_object(&p);
    printer_end_value(&p);
}

/* The record for people. */
static void
show_text(pilcrow_db *db, const pilcrow_record *rec)
{
    struct text_style style = { 0, 78 };
    const char *s, *title;
    char *line;
    pilcrow_record *note;
    size_t i, n, len;

    text_location(stdout, rec);
    fputc('\n', stdout);
    s = pilcrow_record_section(rec);
    title = pilcrow_record_section_title(rec);
    if (s != NULL && s[0] != '\0') {
        /* "section II — Title", wrapped as the text is. */
        len = strlen(s) + (title != NULL ? strlen(title) : 0) + 16;
        if ((line = malloc(len)) != NULL) {
            if (title != NULL && title[0] != '\0')
                snprintf(line, len, "section %s \xe2\x80\x94 %s", s, title);
            else
                snprintf(line, len, "section %s", s);
            text_wrap(stdout, &style, line, strlen(line), NULL, 0, 0, 2);
            free(line);
        }
    }
    fputc('\n', stdout);
    s = pilcrow_record_text(rec, &len);
    text_wrap(stdout, &style, s, len, NULL, 0, 2, 2);
    n = pilcrow_record_n_cites(rec);
    if (n > 0)
        fputc('\n', stdout);
    for (i = 0; i < n; i++) {
        note = get_note(db, pilcrow_record_doc(rec),
                        pilcrow_record_cite(rec, i));
        fputs("  ", stdout);
        text_superscript(stdout, pilcrow_record_cite(rec, i));
        if (note == NULL) {
            fputs(" (not found)\n", stdout);
            continue;
        }
        s = pilcrow_record_text(note, &len);
        text_wrap(stdout, &style, s, len, NULL, 0, 1, 4);
        pilcrow_record_free(note);
    }
    if (pilcrow_record_n_cited_by(rec) > 0) {
        fputs("\n  ", stdout);
        text_cited_by(stdout, rec);
    }
}

/* The head of a language version for people, "[LANG] DOC", cleaned
 * of control characters. */
static void
version_head(const char *lang, const char *doc)
{
    fputc('[', stdout);
    text_clean(stdout, lang, strlen(lang));
    fputs("] ", stdout);
    text_clean(stdout, doc, strlen(doc));
}

/* Version I of PAR, which lacks the record asked for (ANCHOR): one
 * JSON object, or a line for people. */
static void
show_missing(const pilcrow_parallel *par, size_t i, const char *anchor,
             int json)
{
    const char *lang = pilcrow_parallel_language(par, i);
    const char *doc = pilcrow_parallel_doc(par, i);
    struct printer p;

    if (!json) {
        version_head(lang, doc);
        fputs(": missing, no ", stdout);
        text_clean(stdout, anchor, strlen(anchor));
        fputs(" in this version\n", stdout);
        return;
    }
    printer_json_init(&p, stdout);
    printer_begin_object(&p);
    printer_key(&p, "doc");
    printer_string(&p, doc);
    printer_key(&p, "lang");
    printer_string(&p, lang);
    printer_key(&p, "anchor");
    printer_null(&p);
    printer_key(&p, "text");
    printer_null(&p);
    printer_key(&p, "missing");
    printer_bool(&p, 1);
    printer_end_object(&p);
    printer_end_value(&p);
}

/* REC in every language version DB holds, REC's own first. */
static int
show_parallel(struct cli_ctx *ctx, pilcrow_db *db, const pilcrow_record *rec,
              int json)
{
    pilcrow_parallel *par = NULL;
    const pilcrow_record *r;
    size_t i, n;

    if (pilcrow_db_get_parallel(&par, db, rec) < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        return CLI_EXIT_ERROR;
    }
    n = pilcrow_parallel_n_versions(par);
    for (i = 0; i < n; i++) {
        if ((r = pilcrow_parallel_record(par, i)) == NULL) {
            if (!json && i > 0)
                fputc('\n', stdout);
            show_missing(par, i, pilcrow_record_anchor(rec), json);
            continue;
        }
        if (json) {
            show_json(db, r);
            continue;
        }
        if (i > 0)
            fputc('\n', stdout);
        version_head(pilcrow_parallel_language(par, i),
                     pilcrow_parallel_doc(par, i));
        fputc('\n', stdout);
        show_text(db, r);
    }
    pilcrow_parallel_free(par);
    return CLI_EXIT_OK;
}

int
cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
    int n_operands, status, json = 0, parallel = 0;
    pilcrow_db *db;
    pilcrow_record *rec = NULL;
    pilcrow_status st;
    const struct cli_option options[] = {
        CLI_FLAG("json", 0, &json, 1),
        CLI_FLAG("parallel", 0, &parallel, 1),
        CLI_END
    };

    /* Then DOC is argv[0] and ANCHOR argv[1] (the command table allows
     * no more). */
    n_operands = cli_parse_args(&status, ctx, argc, argv, options);
    if (n_operands < 0)
        return status;
    if (n_operands < 2)
        return cli_usage_error(ctx, "needs a document and an anchor");
    if ((db = cli_open_read(ctx)) == NULL)
        return CLI_EXIT_ERROR;
    st = pilcrow_db_get_record(&rec, db, argv[0], argv[1]);
    if (st < 0) {
        cli_error(ctx, "%s", pilcrow_db_errmsg(db));
        pilcrow_db_close(db);
        return CLI_EXIT_ERROR;
    }
    status = CLI_EXIT_OK;
    if (parallel)
        status = show_parallel(ctx, db, rec, json);
    else if (json)
        show_json(db, rec);
    else
        show_text(db, rec);
    pilcrow_record_free(rec);
    pilcrow_db_close(db);
    return status;
}
