/*
 * cmd-batch.c - pilcrow batch [--db DIR] [-n N] [--tsv | --tsv-header] [--parallel]
 *                              [--input FILE] [--lang CODE]
 *
 * Reads one query a line (stdin, or FILE; gzip-compressed input is
 * recognised by its magic bytes and inflated), opens the index once and
 * writes one JSON line per input line, in input order:
 *
 *   {"qid":N,"query":"...","total":T,"total_exact":B,"hits":[hit, ...]}
 *   {"qid":N,"query":"...","error":"..."}
 *
 * qid is the line number (from 1).  Each line is flushed as soon as it
 * is written, so a program can keep "pilcrow batch" as a co-process and
 * talk to it one line at a time.  A line that fails gets an "error"
 * object, a "pilcrow: batch: FILE:LINE: message" on stderr, and the
 * batch goes on; the exit status is then 2.  With --tsv, each hit is a
 * line: qid, rank, score, document (symbol, else id), anchor, kind,
 * page, snippet; --tsv-header writes their names first.  --parallel adds
 * to each JSON hit its "parallel" array, as search --parallel does.
 *
 * Input is read with read(2) and zlib's inflate(), not gzgets(): zlib's
 * gz reader keeps reading until its buffer is full, so over a pipe it
 * would wait for more queries before answering the first, and a
 * co-process would deadlock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "cli.h"
#include "printer.h"

#define CHUNK 65536

/* A line reader over a file descriptor, plain or gzip. */
struct reader {
    int fd;
    int eof;                    /* read() returned 0. */
    int started;                /* The first bytes were looked at. */
    int gzip;                   /* Input is gzip-compressed. */
    int z_live;                 /* strm was initialised. */
    int z_end;                  /* The last gzip member ended. */
    z_stream strm;
    unsigned char in[CHUNK];    /* Raw bytes read (gzip mode). */
    char *buf;                  /* Decoded bytes not yet returned. */
    size_t start, len, cap;     /* buf[start, start + len) pending. */
    char *line;                 /* The line returned last. */
    size_t line_cap;
};

/* Make room for N more bytes at the end of R's pending bytes.  Returns
 * 0, or -1 when out of memory. */
static int
reader_reserve(struct reader *r, size_t n)
{
    char *nb;
    size_t cap;

    if (r->start > 0 && r->len > 0)
        memmove(r->buf, r->buf + r->start, r->len);
    r->start = 0;
    if (r->len + n <= r->cap)
        return 0;
    cap = r->cap > 0 ? r->cap : CHUNK;
    while (cap < r->len + n)
        cap *= 2;
    if ((nb = realloc(r->buf, cap)) == NULL)
        return -1;
    r->buf = nb;
    r->cap = cap;
    return 0;
}

/* Read once from R's descriptor (blocking only until some bytes are
 * there) and append what they decode to.  Returns 1 if bytes came, 0 at
 * the end of the input, -1 on error with a message in *ERR. */
static int
reader_fill(struct reader *r, const char **err)
{
    unsigned char peek[CHUNK];
    ssize_t got;
    int zr;

    if (r->eof)
        return 0;
    do
        got = read(r->fd, r->gzip ? r->in : peek, CHUNK);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        *err = strerror(errno);
        return -1;
    }
    if (got == 0) {
        r->eof = 1;
        if (r->gzip && !r->z_end && r->strm.total_in > 0) {
            *err = "truncated gzip input";
            return -1;
        }
        return 0;
    }
    if (!r->started) {
        r->started = 1;
        if (got >= 1 && peek[0] == 0x1f && (got < 2 || peek[1] == 0x8b)) {
            r->gzip = 1;
            memcpy(r->in, peek, (size_t)got);
            if (inflateInit2(&r->strm, 15 + 16) != Z_OK) {
                *err = "cannot start gzip decoding";
                return -1;
            }
            r->z_live = 1;
        }
    }
    if (!r->gzip) {
        if (reader_reserve(r, (size_t)got) < 0) {
            *err = "out of memory";
            return -1;
        }
        memcpy(r->buf + r->len, peek, (size_t)got);
        r->len += (size_t)got;
        return 1;
    }
    r->strm.next_in = r->in;
    r->strm.avail_in = (uInt)got;
    while (r->strm.avail_in > 0) {
        if (r->z_end) {
            /* Another gzip member follows (as "cat a.gz b.gz"). */
            if (inflateReset(&r->strm) != Z_OK) {
                *err = "cannot restart gzip decoding";
                return -1;
            }
            r->z_end = 0;
        }
        if (reader_reserve(r, CHUNK) < 0) {
            *err = "out of memory";
            return -1;
        }
        r->strm.next_out = (unsigned char *)r->buf + r->len;
        r->strm.avail_out = CHUNK;
        zr = inflate(&r->strm, Z_NO_FLUSH);
        r->len += CHUNK - r->strm.avail_out;
        if (zr == Z_STREAM_END) {
            r->z_end = 1;
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            *err = r->strm.msg != NULL ? r->strm.msg : "corrupt gzip input";
            return -1;
        }
    }
    return 1;
}

/* The next line of R, without its "\n" (nor a "\r" before it), in
 * *LINE (borrowed until the next call) with its length in *LEN.
 * Returns 1, 0 at the end of input, -1 on error with *ERR set.  A last
 * line without "\n" is a line. */
static int
reader_line(struct reader *r, char **line, size_t *len, const char **err)
{
    char *nl;
    size_t scanned = 0, n;
    int fr;

    for (;;) {
        nl = r->len > scanned
             ? memchr(r->buf + r->start + scanned, '\n', r->len - scanned)
             : NULL;
        if (nl != NULL) {
            n = (size_t)(nl - (r->buf + r->start));
            break;
        }
        scanned = r->len;
        fr = reader_fill(r, err);
        if (fr < 0)
            return -1;
        if (fr == 0) {
            if (r->len == 0)
                return 0;
            n = r->len;
            break;
        }
    }
    if (n + 1 > r->line_cap) {
        char *nb = realloc(r->line, n + 1);

        if (nb == NULL) {
            *err = "out of memory";
            return -1;
        }
        r->line = nb;
        r->line_cap = n + 1;
    }
    memcpy(r->line, r->buf + r->start, n);
    r->line[n] = '\0';
    if (n < r->len) {           /* Drop the "\n" too. */
        r->start += n + 1;
        r->len -= n + 1;
    } else {
        r->start = 0;
        r->len = 0;
    }
    if (n > 0 && r->line[n - 1] == '\r')
        r->line[--n] = '\0';
    *line = r->line;
    *len = n;
    return 1;
}

static void
reader_free(struct reader *r)
{
    if (r->z_live)
        inflateEnd(&r->strm);
    free(r->buf);
    free(r->line);
}

/* Does the LEN bytes at S hold nothing but white space? */
static int
is_blank(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\v' && s[i] != '\f')
            return 0;
    return 1;
}

/* Write the error object of query QID (TEXT, LEN bytes) and report it
 * on stderr as NAME:QID: MESSAGE. */
static void
line_error(struct cli_ctx *ctx, struct printer *p, int tsv,
           const char *name, long qid, const char *text, size_t len,
           const char *message)
{
    cli_error(ctx, "%s:%ld: %s", name, qid, message);
    if (tsv)
        return;
    printer_begin_object(p);
    printer_key(p, "qid");
    printer_integer(p, qid);
    printer_key(p, "query");
    printer_string_len(p, text, len);
    printer_key(p, "error");
    printer_string(p, message);
    printer_end_object(p);
    printer_end_value(p);
}

/* Run query QID (TEXT, LEN bytes, NUL-terminated) on DB and print its
 * line(s).  Returns 0, or -1 if the query failed (reported). */
static int
run_one(struct cli_ctx *ctx, struct printer *p, pilcrow_db *db, int tsv,
        int parallel, int all_versions, long limit, const char *lang,
        pilcrow_sort sort,
        const char *name, long qid, const char *text, size_t len)
{
    pilcrow_parallel *par = NULL;
    int failed = 0;
    pilcrow_query_options qopts = PILCROW_QUERY_OPTIONS_INIT;
    pilcrow_query *q = NULL;
    pilcrow_hits *hits = NULL;
    pilcrow_status st;
    struct item it;
    char *suggestion = NULL;

    if (is_blank(text, len)) {
        line_error(ctx, p, tsv, name, qid, text, len, "empty query");
        return -1;
    }
    if (strlen(text) != len) {
        line_error(ctx, p, tsv, name, qid, text, len,
                   "NUL byte in query");
        return -1;
    }
    qopts.language = lang;
    if (all_versions)
        qopts.flags |= PILCROW_QUERY_ALL_VERSIONS;
    st = pilcrow_query_new(&q, db, text, &qopts);
    if (st >= 0)
        st = pilcrow_query_set_sort(q, sort);
    if (st >= 0)
        st = pilcrow_query_run(&hits, q, 0, (size_t)limit);
    cli_warn_partial(ctx, db);
    if (st < 0) {
        line_error(ctx, p, tsv, name, qid, text, len,
                   pilcrow_db_errmsg(db));
        pilcrow_query_free(q);
        return -1;
    }
    if (!tsv) {
        printer_begin_object(p);
        printer_key(p, "qid");
        printer_integer(p, qid);
        printer_key(p, "query");
        printer_string_len(p, text, len);
        printer_key(p, "total");
        printer_integer(p, (long long)pilcrow_hits_total(hits));
        printer_key(p, "total_exact");
        printer_bool(p, pilcrow_hits_total_exact(hits));
        cli_print_partial(p, db);
        if (pilcrow_query_unknown_symbol(q) != NULL) {
            printer_key(p, "unknown_symbol");
            printer_string(p, pilcrow_query_unknown_symbol(q));
        }
        {
            const char *field;
            uint64_t n_left;
            size_t i;

            for (i = 0; pilcrow_query_left_out(q, i, &field, &n_left) ==
                        PILCROW_OK; i++) {
                if (i == 0) {
                    printer_key(p, "left_out");
                    printer_begin_object(p);
                }
                printer_key(p, field);
                printer_integer(p, (long long)n_left);
            }
            if (i > 0)
                printer_end_object(p);
        }
        if (pilcrow_hits_partial(hits)) {
            /* No record had every word: these have most of them. */
            printer_key(p, "partial");
            printer_bool(p, 1);
        }
        /* Where a word is wanting: the query with the index's closest
         * words, as documents write them. */
        if ((pilcrow_hits_total(hits) == 0 || pilcrow_hits_partial(hits)) &&
            pilcrow_query_suggest(&suggestion, q) == PILCROW_OK) {
            printer_key(p, "suggestion");
            printer_string(p, suggestion);
            pilcrow_free(suggestion);
        }
        printer_key(p, "hits");
        printer_begin_array(p);
    }
    while ((st = pilcrow_hits_next(hits)) == PILCROW_OK) {
        item_from_hit(&it, hits);
        if (tsv) {
            item_print_tsv(stdout, &it, qid);
        } else {
            printer_begin_object(p);
            item_print_fields(p, &it, ITEM_HIT);
            if (parallel && pilcrow_db_get_parallel(&par, db, it.rec) < 0) {
                /* The line is under way: the hit goes without them. */
                cli_error(ctx, "%s:%ld: %s", name, qid,
                          pilcrow_db_errmsg(db));
                failed = 1;
            }
            if (par != NULL)
                item_print_parallel(p, par);
            item_print_versions(p, hits);
            pilcrow_parallel_free(par);
            par = NULL;
            printer_end_object(p);
        }
    }
    if (!tsv) {
        printer_end_array(p);
        printer_end_object(p);
        printer_end_value(p);
    } else {
        fflush(stdout);
    }
    pilcrow_query_free(q);      /* Frees hits as well. */
    if (st < 0) {
        /* The line is out already: report on stderr only. */
        cli_error(ctx, "%s:%ld: %s", name, qid, pilcrow_db_errmsg(db));
        return -1;
    }
    return failed ? -1 : 0;
}

int
cmd_batch(struct cli_ctx *ctx, int argc, char **argv)
{
    struct printer printer;
    struct reader *rd = NULL;
    const char *input = NULL, *name = "<stdin>", *err = NULL, *lang = NULL;
    const char *sort_arg = NULL;
    pilcrow_sort sort;
    int r, tsv = 0, failed = 0, status = CLI_EXIT_ERROR, fd = -1;
    int parallel = 0, tsv_header = 0, all_versions = 0;
    long limit = 10, qid = 0;
    pilcrow_db *db = NULL;
    char *line;
    size_t len;
    const struct cli_option options[] = {
        CLI_COUNT("limit", 'n', &limit, 1, 100000),
        CLI_FLAG("tsv", 0, &tsv, 1),
        CLI_FLAG("tsv-header", 0, &tsv_header, 1),
        CLI_FLAG("json", 0, &tsv, 0),
        CLI_FLAG("parallel", 0, &parallel, 1),
        CLI_FLAG("all-versions", 0, &all_versions, 1),
        CLI_STRING("input", 'i', &input),
        CLI_STRING("lang", 0, &lang),
        CLI_STRING("sort", 0, &sort_arg),
        CLI_END
    };

    if (cli_parse_args(&status, ctx, argc, argv, options) < 0)
        return status;
    if (cli_check_lang(ctx, lang) != 0 ||
        cli_parse_sort(ctx, sort_arg, &sort) != 0)
        return CLI_EXIT_ERROR;
    if (input != NULL && strcmp(input, "-") != 0) {
        if ((fd = open(input, O_RDONLY)) < 0) {
            cli_error(ctx, "cannot open %s: %s", input, strerror(errno));
            return CLI_EXIT_ERROR;
        }
        name = input;
    } else {
        fd = STDIN_FILENO;
    }
    if ((db = cli_open_read(ctx)) == NULL)
        goto out;
    if ((rd = calloc(1, sizeof(*rd))) == NULL) {
        cli_error(ctx, "out of memory");
        goto out;
    }
    rd->fd = fd;
    printer_json_init(&printer, stdout);
    if (tsv_header) {
        tsv = 1;                /* --tsv with a header line */
        item_print_tsv_header(stdout, 1);
    }
    while ((r = reader_line(rd, &line, &len, &err)) == 1) {
        qid++;
        if (run_one(ctx, &printer, db, tsv, parallel, all_versions, limit,
                    lang, sort,
                    name, qid, line, len) < 0)
            failed++;
    }
    if (r < 0) {
        cli_error(ctx, "%s:%ld: %s", name, qid + 1, err);
        goto out;
    }
    status = failed > 0 ? CLI_EXIT_ERROR : CLI_EXIT_OK;
out:
    if (rd != NULL)
        reader_free(rd);
    free(rd);
    pilcrow_db_close(db);
    if (fd >= 0 && fd != STDIN_FILENO)
        close(fd);
    return status;
}
