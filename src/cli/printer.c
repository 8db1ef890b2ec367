/*
 * printer.c - the JSON printer, the record/hit items written as JSON,
 * TSV and text, and the text helpers that keep control characters from
 * documents off the terminal.
 *
 * Controls: C0, DEL, C1 (U+0080-U+009F), and the bidirectional
 * formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069), which reorder what a terminal shows after them: a
 * file named "report\u202Etxt.exe" would read "reportexe.txt".
 *
 * JSON strings: '"' and '\' escaped, C0 controls as \b \f \n \r \t or
 * \u00XX, the other controls as \uXXXX, U+2028 and U+2029 as \u2028
 * \u2029 (JavaScript consumers), any other valid UTF-8 passed through,
 * invalid UTF-8 as \ufffd.
 *
 * Text: white space runs become one space, every other control and
 * invalid byte becomes U+FFFD.  Widths are counted in
 * columns: one per code point, two for East Asian wide characters, none
 * for combining marks.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "printer.h"

/* U+FFFD REPLACEMENT CHARACTER, in UTF-8. */
#define REPLACEMENT "\xef\xbf\xbd"
/* U+2026 HORIZONTAL ELLIPSIS. */
#define ELLIPSIS "\xe2\x80\xa6"
/* U+2014 EM DASH. */
#define EM_DASH "\xe2\x80\x94"

#define COLOR_ON "\033[1;31m"
#define COLOR_OFF "\033[0m"

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */
/* ------------------------------------------------------------------ */

/* Decode the UTF-8 sequence at S (N > 0 bytes available).  Returns its
 * length in bytes with the code point in *CP, or 0 when the bytes are
 * not valid UTF-8 (overlong forms, surrogates and values beyond
 * U+10FFFF included). */
static size_t
utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    unsigned long c;
    size_t len, i;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        c = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        c = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        c = s[0] & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000)
        || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* Is CP a control character that must not reach a terminal: C0, DEL,
 * C1, or a bidirectional control? */
static int
is_control(unsigned long cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)
           || cp == 0x061c || cp == 0x200e || cp == 0x200f
           || (cp >= 0x202a && cp <= 0x202e)
           || (cp >= 0x2066 && cp <= 0x2069);
}

/* Is byte C white space that text output folds into one space? */
static int
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
           || c == '\f';
}

/* Display columns of CP (a printable code point). */
static int
cp_width(unsigned long cp)
{
    if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f)
        || cp == 0xfeff)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf)
        || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff)
        || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6)
        || (cp >= 0x20000 && cp <= 0x3fffd))
        return 2;
    return 1;
}

/* Write the character at S (N > 0 bytes left) sanitised; return the
 * number of bytes it took and add its columns to *COLS if not NULL. */
static size_t
put_clean_char(FILE *out, const char *s, size_t n, int *cols)
{
    unsigned long cp;
    size_t len;

    len = utf8_decode((const unsigned char *)s, n, &cp);
    if (len == 0 || is_control(cp)) {
        fputs(REPLACEMENT, out);
        if (cols != NULL)
            *cols += 1;
        return len == 0 ? 1 : len;
    }
    fwrite(s, 1, len, out);
    if (cols != NULL)
        *cols += cp_width(cp);
    return len;
}

/* The columns the LEN bytes at S take once sanitised. */
static int
text_width(const char *s, size_t len)
{
    unsigned long cp;
    size_t pos = 0, l;
    int w = 0;

    while (pos < len) {
        l = utf8_decode((const unsigned char *)s + pos, len - pos, &cp);
        if (l == 0 || is_control(cp)) {
            w += 1;
            pos += l == 0 ? 1 : l;
        } else {
            w += cp_width(cp);
            pos += l;
        }
    }
    return w;
}

/* ------------------------------------------------------------------ */
/* The JSON printer                                                    */
/* ------------------------------------------------------------------ */

/* Bytes go to P's buffer, and from it to P->out when it is full and
 * when a top-level value ends: a hit's line is a few dozen small writes,
 * each a call into stdio otherwise.  out_flush() writes the buffer to
 * P->out and empties it. */
static void
out_flush(struct printer *p)
{
    if (p->len > 0)
        fwrite(p->buf, 1, p->len, p->out);
    p->len = 0;
}

/* Append the N bytes at S (written through at once if they would not
 * fit in the buffer). */
static void
out_bytes(struct printer *p, const char *s, size_t n)
{
    if (n > sizeof(p->buf) - p->len) {
        out_flush(p);
        if (n > sizeof(p->buf)) {
            fwrite(s, 1, n, p->out);
            return;
        }
    }
    memcpy(p->buf + p->len, s, n);
    p->len += n;
}

/* Append byte C. */
static void
out_byte(struct printer *p, char c)
{
    if (p->len == sizeof(p->buf))
        out_flush(p);
    p->buf[p->len++] = c;
}

/* Before a value: the comma that separates it from the previous one. */
static void
json_pre_value(struct printer *p)
{
    if (p->after_key) {
        p->after_key = 0;
        return;
    }
    if (p->depth > 0 && p->depth <= PRINTER_MAX_DEPTH) {
        if (p->need_comma[p->depth - 1])
            out_byte(p, ',');
        p->need_comma[p->depth - 1] = 1;
    }
}

static void
json_open(struct printer *p, char c)
{
    json_pre_value(p);
    out_byte(p, c);
    if (p->depth < PRINTER_MAX_DEPTH)
        p->need_comma[p->depth] = 0;
    p->depth++;
}

static void
json_close(struct printer *p, char c)
{
    out_byte(p, c);
    if (p->depth > 0)
        p->depth--;
}

static void
json_begin_object(struct printer *p)
{
    json_open(p, '{');
}

static void
json_end_object(struct printer *p)
{
    json_close(p, '}');
}

static void
json_begin_array(struct printer *p)
{
    json_open(p, '[');
}

static void
json_end_array(struct printer *p)
{
    json_close(p, ']');
}

/* Bytes that go into a JSON string as they are: printable ASCII but
 * the quote and the backslash. */
static int
json_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* Write the LEN bytes at S as the inside of a JSON string. */
static void
json_escape(struct printer *p, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned long cp;
    size_t pos = 0, from = 0, l;
    char tmp[8];

    /* Bytes from FROM to POS go out as they are, in one go. */
    while (pos < len) {
        /* Plain printable ASCII, most of any text, needs no decoding. */
        if (json_plain(u[pos])) {
            pos++;
            continue;
        }
        l = utf8_decode(u + pos, len - pos, &cp);
        if (l != 0 && cp != '"' && cp != '\\' && !is_control(cp)
            && cp != 0x2028 && cp != 0x2029) {
            pos += l;
            continue;
        }
        out_bytes(p, s + from, pos - from);
        if (l == 0) {
            out_bytes(p, "\\ufffd", 6);
            from = ++pos;
            continue;
        }
        switch (cp) {
        case '"': out_bytes(p, "\\\"", 2); break;
        case '\\': out_bytes(p, "\\\\", 2); break;
        case '\b': out_bytes(p, "\\b", 2); break;
        case '\f': out_bytes(p, "\\f", 2); break;
        case '\n': out_bytes(p, "\\n", 2); break;
        case '\r': out_bytes(p, "\\r", 2); break;
        case '\t': out_bytes(p, "\\t", 2); break;
        default:
            snprintf(tmp, sizeof(tmp), "\\u%04lx", cp);
            out_bytes(p, tmp, 6);
            break;
        }
        pos += l;
        from = pos;
    }
    out_bytes(p, s + from, pos - from);
}

/* KEY is one of the program's field names: plain ASCII, no escapes. */
static void
json_key(struct printer *p, const char *key)
{
    json_pre_value(p);
    out_byte(p, '"');
    out_bytes(p, key, strlen(key));
    out_bytes(p, "\":", 2);
    p->after_key = 1;
}

static void
json_string(struct printer *p, const char *s, size_t len)
{
    json_pre_value(p);
    out_byte(p, '"');
    json_escape(p, s, len);
    out_byte(p, '"');
}

static void
json_integer(struct printer *p, long long v)
{
    char tmp[24], *e = tmp + sizeof(tmp), *d = e;
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v
                                 : (unsigned long long)v;

    /* Digits from the last; snprintf costs ten times as much. */
    do
        *--d = (char)('0' + m % 10);
    while ((m /= 10) > 0);
    if (v < 0)
        *--d = '-';
    json_pre_value(p);
    out_bytes(p, d, (size_t)(e - d));
}

static void
json_real(struct printer *p, double v)
{
    char tmp[400];
    int n;

    json_pre_value(p);
    /* JSON has no NaN nor infinity; "%.4f" of a double fits in 400. */
    n = snprintf(tmp, sizeof(tmp), "%.4f", isfinite(v) ? v : 0.0);
    out_bytes(p, tmp, n > 0 && (size_t)n < sizeof(tmp) ? (size_t)n : 0);
}

static void
json_boolean(struct printer *p, int v)
{
    json_pre_value(p);
    out_bytes(p, v ? "true" : "false", v ? 4 : 5);
}

static void
json_null(struct printer *p)
{
    json_pre_value(p);
    out_bytes(p, "null", 4);
}

static void
json_end_value(struct printer *p)
{
    out_byte(p, '\n');
    out_flush(p);
    fflush(p->out);
    p->depth = 0;
    p->after_key = 0;
}

static const struct printer_ops json_ops = {
    json_begin_object, json_end_object, json_begin_array, json_end_array,
    json_key, json_string, json_integer, json_real, json_boolean,
    json_null, json_end_value
};

void
printer_json_init(struct printer *p, FILE *out)
{
    memset(p, 0, sizeof(*p));
    p->ops = &json_ops;
    p->out = out;
}

void
printer_begin_object(struct printer *p)
{
    p->ops->begin_object(p);
}

void
printer_end_object(struct printer *p)
{
    p->ops->end_object(p);
}

void
printer_begin_array(struct printer *p)
{
    p->ops->begin_array(p);
}

void
printer_end_array(struct printer *p)
{
    p->ops->end_array(p);
}

void
printer_key(struct printer *p, const char *key)
{
    p->ops->key(p, key);
}

void
printer_string(struct printer *p, const char *s)
{
    if (s == NULL)
        p->ops->null(p);
    else
        p->ops->string(p, s, strlen(s));
}

void
printer_string_len(struct printer *p, const char *s, size_t len)
{
    if (s == NULL)
        p->ops->null(p);
    else
        p->ops->string(p, s, len);
}

void
printer_integer(struct printer *p, long long v)
{
    p->ops->integer(p, v);
}

void
printer_real(struct printer *p, double v)
{
    p->ops->real(p, v);
}

void
printer_bool(struct printer *p, int v)
{
    p->ops->boolean(p, v);
}

void
printer_null(struct printer *p)
{
    p->ops->null(p);
}

void
printer_string_or_null(struct printer *p, const char *s)
{
    if (s != NULL)
        printer_string(p, s);
    else
        printer_null(p);
}

void
printer_end_value(struct printer *p)
{
    p->ops->end_value(p);
}

/* ------------------------------------------------------------------ */
/* Items                                                               */
/* ------------------------------------------------------------------ */

void
item_from_hit(struct item *it, const pilcrow_hits *hits)
{
    memset(it, 0, sizeof(*it));
    it->rec = pilcrow_hits_record(hits);
    it->is_hit = 1;
    it->rank = pilcrow_hits_rank(hits);
    it->score = pilcrow_hits_score(hits);
    it->snippet = pilcrow_hits_snippet(hits, &it->snippet_len);
    if (it->snippet == NULL) {
        it->snippet = "";
        it->snippet_len = 0;
    }
    it->spans = pilcrow_hits_highlights(hits, &it->n_spans);
    if (it->spans == NULL)
        it->n_spans = 0;
}

void
item_from_record(struct item *it, const pilcrow_record *rec)
{
    memset(it, 0, sizeof(*it));
    it->rec = rec;
}

/* A string field: "" for a NULL string that must not be null. */
static const char *
nonnull(const char *s)
{
    return s != NULL ? s : "";
}

/* Write KEY and the N strings GET gives for record R as an array. */
static void
print_list(struct printer *p, const char *key, const pilcrow_record *r,
           size_t n, const char *(*get)(const pilcrow_record *, size_t))
{
    size_t i;

    printer_key(p, key);
    printer_begin_array(p);
    for (i = 0; i < n; i++)
        printer_string(p, nonnull(get(r, i)));
    printer_end_array(p);
}

void
item_print_fields(struct printer *p, const struct item *it,
                  unsigned fields)
{
    const pilcrow_record *r = it->rec;
    const char *kind;
    size_t i, text_len;
    const char *text;

    if ((fields & ITEM_HIT) && it->is_hit) {
        printer_key(p, "rank");
        printer_integer(p, (long long)it->rank);
        printer_key(p, "score");
        printer_real(p, it->score);
    }
    printer_key(p, "doc");
    printer_string(p, nonnull(pilcrow_record_doc(r)));
    printer_key(p, "symbol");
    printer_string(p, pilcrow_record_symbol(r));
    printer_key(p, "lang");
    printer_string(p, nonnull(pilcrow_record_language(r)));
    printer_key(p, "title");
    printer_string(p, nonnull(pilcrow_record_title(r)));
    printer_key(p, "date");
    printer_string(p, pilcrow_record_date(r));
    for (i = 0; i <= PILCROW_META_BASE; i++) {
        printer_key(p, pilcrow_meta_field_name((pilcrow_meta_field)i));
        printer_string(p, pilcrow_record_meta(r, (pilcrow_meta_field)i));
    }
    printer_key(p, "kind");
    kind = pilcrow_kind_name(pilcrow_record_kind(r));
    printer_string(p, kind != NULL ? kind : "paragraph");
    printer_key(p, "number");
    printer_string(p, nonnull(pilcrow_record_number(r)));
    printer_key(p, "printed");
    printer_bool(p, pilcrow_record_printed(r));
    if (fields & ITEM_META) {
        printer_key(p, "annex");
        printer_string(p, pilcrow_record_annex(r));
    }
    printer_key(p, "anchor");
    printer_string(p, nonnull(pilcrow_record_anchor(r)));
    printer_key(p, "page");
    if (pilcrow_record_page(r) > 0)
        printer_integer(p, (long long)pilcrow_record_page(r));
    else
        printer_null(p);
    printer_key(p, "section");
    printer_string(p, nonnull(pilcrow_record_section(r)));
    printer_key(p, "section_title");
    printer_string(p, nonnull(pilcrow_record_section_title(r)));
    printer_key(p, "file");
    printer_string(p, nonnull(pilcrow_record_file(r)));
    if ((fields & ITEM_HIT) && it->is_hit) {
        printer_key(p, "snippet");
        printer_string_len(p, it->snippet, it->snippet_len);
        printer_key(p, "highlights");
        printer_begin_array(p);
        for (i = 0; i < it->n_spans; i++) {
            printer_begin_array(p);
            printer_integer(p, (long long)it->spans[2 * i]);
            printer_integer(p, (long long)it->spans[2 * i + 1]);
            printer_end_array(p);
        }
        printer_end_array(p);
    }
    if (fields & ITEM_TEXT) {
        text = pilcrow_record_text(r, &text_len);
        printer_key(p, "text");
        printer_string_len(p, nonnull(text), text != NULL ? text_len : 0);
    }
    print_list(p, "cites", r, pilcrow_record_n_cites(r),
               pilcrow_record_cite);
    print_list(p, "cited_by", r, pilcrow_record_n_cited_by(r),
               pilcrow_record_cited_by);
    print_list(p, "refs", r, pilcrow_record_n_refs(r), pilcrow_record_ref);
}

void
item_print_json(struct printer *p, const struct item *it, unsigned fields)
{
    printer_begin_object(p);
    item_print_fields(p, it, fields);
    printer_end_object(p);
    printer_end_value(p);
}

void
item_print_parallel(struct printer *p, const pilcrow_parallel *par)
{
    const pilcrow_record *r;
    size_t i, n = pilcrow_parallel_n_versions(par);

    printer_key(p, "parallel");
    printer_begin_array(p);
    for (i = 1; i < n; i++) {
        r = pilcrow_parallel_record(par, i);
        printer_begin_object(p);
        printer_key(p, "lang");
        printer_string(p, nonnull(pilcrow_parallel_language(par, i)));
        printer_key(p, "doc");
        printer_string(p, nonnull(pilcrow_parallel_doc(par, i)));
        printer_key(p, "anchor");
        if (r != NULL) {
            printer_string(p, nonnull(pilcrow_record_anchor(r)));
        } else {
            printer_null(p);
            printer_key(p, "missing");
            printer_bool(p, 1);
        }
        printer_end_object(p);
    }
    printer_end_array(p);
}

void
item_print_versions(struct printer *p, const pilcrow_hits *hits)
{
    size_t i, n = pilcrow_hits_n_versions(hits);

    if (n == 0)
        return;
    printer_key(p, "versions");
    printer_begin_array(p);
    for (i = 0; i < n; i++)
        printer_string(p, nonnull(pilcrow_hits_version(hits, i)));
    printer_end_array(p);
}

void
text_versions(FILE *out, const pilcrow_hits *hits)
{
    const char *s;
    size_t i, n = pilcrow_hits_n_versions(hits);

    if (n == 0)
        return;
    fputs("  versions:", out);
    for (i = 0; i < n; i++) {
        s = nonnull(pilcrow_hits_version(hits, i));
        fputs(i > 0 ? ", " : " ", out);
        text_clean(out, s, strlen(s));
    }
    fputc('\n', out);
}

void
text_parallel(FILE *out, const pilcrow_parallel *par)
{
    const pilcrow_record *r;
    const char *s;
    size_t i, n = pilcrow_parallel_n_versions(par);

    if (n < 2)
        return;
    fputs("  also:", out);
    for (i = 1; i < n; i++) {
        r = pilcrow_parallel_record(par, i);
        fputs(i > 1 ? "; " : " ", out);
        s = nonnull(pilcrow_parallel_language(par, i));
        text_clean(out, s, strlen(s));
        fputc(' ', out);
        s = nonnull(pilcrow_parallel_doc(par, i));
        text_clean(out, s, strlen(s));
        fputc(' ', out);
        if (r == NULL) {
            fputs("(missing)", out);
            continue;
        }
        s = nonnull(pilcrow_record_anchor(r));
        text_clean(out, s, strlen(s));
    }
    fputc('\n', out);
}

/* Write S (LEN bytes) as a TSV field: tab, newline, carriage return and
 * backslash escaped, other control characters and invalid UTF-8 as
 * U+FFFD. */
static void
tsv_field(FILE *out, const char *s, size_t len)
{
    size_t pos = 0;

    while (pos < len) {
        switch (s[pos]) {
        case '\t': fputs("\\t", out); pos++; break;
        case '\n': fputs("\\n", out); pos++; break;
        case '\r': fputs("\\r", out); pos++; break;
        case '\\': fputs("\\\\", out); pos++; break;
        default: pos += put_clean_char(out, s + pos, len - pos, NULL); break;
        }
    }
}

static void
tsv_string(FILE *out, const char *s)
{
    s = nonnull(s);
    tsv_field(out, s, strlen(s));
}

void
item_print_tsv(FILE *out, const struct item *it, long qid)
{
    const pilcrow_record *r = it->rec;
    const char *kind = pilcrow_kind_name(pilcrow_record_kind(r));
    const char *symbol = pilcrow_record_symbol(r);

    if (qid >= 0)
        fprintf(out, "%ld\t", qid);
    fprintf(out, "%zu\t%.4f\t", it->rank,
            isfinite(it->score) ? it->score : 0.0);
    tsv_string(out, symbol != NULL ? symbol : pilcrow_record_doc(r));
    fputc('\t', out);
    tsv_string(out, pilcrow_record_anchor(r));
    fputc('\t', out);
    tsv_string(out, kind);
    fputc('\t', out);
    if (pilcrow_record_page(r) > 0)
        fprintf(out, "%u", pilcrow_record_page(r));
    fputc('\t', out);
    tsv_field(out, it->snippet != NULL ? it->snippet : "",
              it->snippet != NULL ? it->snippet_len : 0);
    fputc('\n', out);
}

void
item_print_tsv_header(FILE *out, int with_qid)
{
    fputs(with_qid ? "qid\t" : "", out);
    fputs("rank\tscore\tdocument\tanchor\tkind\tpage\tsnippet\n", out);
}

void
item_print_text(FILE *out, const struct text_style *style,
                const struct item *it)
{
    const pilcrow_record *r = it->rec;
    size_t i, n;

    text_header(out, r, style->width);
    text_wrap(out, style, it->snippet, it->snippet_len, it->spans,
              it->n_spans, 2, 2);
    if (pilcrow_record_n_cited_by(r) > 0) {
        fputs("  ", out);
        text_cited_by(out, r);
    }
    if ((n = pilcrow_record_n_cites(r)) > 0) {
        fputs("  notes: ", out);
        for (i = 0; i < n; i++) {
            if (i > 0)
                fputs(", ", out);
            text_clean(out, nonnull(pilcrow_record_cite(r, i)),
                       strlen(nonnull(pilcrow_record_cite(r, i))));
        }
        fputc('\n', out);
    }
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

void
text_clean(FILE *out, const char *s, size_t len)
{
    size_t pos = 0;

    while (pos < len) {
        if (is_space((unsigned char)s[pos])) {
            fputc(' ', out);
            pos++;
        } else {
            pos += put_clean_char(out, s + pos, len - pos, NULL);
        }
    }
}

/* The document part of a location: the symbol when known, else the
 * doc id. */
static const char *
location_doc(const pilcrow_record *rec)
{
    const char *symbol = pilcrow_record_symbol(rec);

    return symbol != NULL && symbol[0] != '\0'
           ? symbol : nonnull(pilcrow_record_doc(rec));
}

/* The anchor of REC as text output shows it, in BUF of SIZE bytes: a
 * supplied number, which cites a place rather than the document's own
 * numbering, comes with its page where the document has pages, "p. 2
 * [para. 4]", "p. 5, annex, [para. 3]". */
static const char *
location_anchor(const pilcrow_record *rec, char *buf, size_t size)
{
    const char *anchor = nonnull(pilcrow_record_anchor(rec));
    unsigned page = pilcrow_record_page(rec);

    if (page == 0 || pilcrow_record_printed(rec) ||
        strchr(anchor, '[') == NULL)
        return anchor;
    snprintf(buf, size, "p. %u%s%s", page, anchor[0] == '[' ? " " : ", ",
             anchor);
    return buf;
}

void
text_location(FILE *out, const pilcrow_record *rec)
{
    const char *doc = location_doc(rec);
    char buf[256];
    const char *anchor = location_anchor(rec, buf, sizeof(buf));

    text_clean(out, doc, strlen(doc));
    fputs(", ", out);
    text_clean(out, anchor, strlen(anchor));
}

/* Write the LEN bytes at S sanitised, within *ROOM columns, which it
 * decreases.  When S does not fit, writes what fits of it in *ROOM - 1
 * columns then "…", sets *ROOM to 0 and returns 1. */
static int
put_fitting(FILE *out, const char *s, size_t len, int *room)
{
    size_t pos = 0;
    int w = text_width(s, len), cols;

    if (w <= *room) {
        text_clean(out, s, len);
        *room -= w;
        return 0;
    }
    cols = 0;
    while (pos < len) {
        unsigned long cp;
        size_t l = utf8_decode((const unsigned char *)s + pos, len - pos,
                               &cp);
        int cw = (l == 0 || is_control(cp)) ? 1 : cp_width(cp);

        if (cols + cw > *room - 1)
            break;
        if (is_space((unsigned char)s[pos])) {
            fputc(' ', out);
            cols++;
            pos++;
        } else {
            pos += put_clean_char(out, s + pos, len - pos, &cols);
        }
    }
    fputs(ELLIPSIS, out);
    *room = 0;
    return 1;
}

void
text_header(FILE *out, const pilcrow_record *rec, int max_width)
{
    const char *doc = location_doc(rec);
    char buf[256];
    const char *anchor = location_anchor(rec, buf, sizeof(buf));
    const char *title = nonnull(pilcrow_record_section_title(rec));
    int room = max_width > 0 ? max_width : 1 << 30;

    if (!put_fitting(out, doc, strlen(doc), &room)
        && !put_fitting(out, ", ", 2, &room)
        && !put_fitting(out, anchor, strlen(anchor), &room)
        && title[0] != '\0'
        && !put_fitting(out, " " EM_DASH " ", 5, &room))
        put_fitting(out, title, strlen(title), &room);
    fputc('\n', out);
}

/* Is byte offset POS inside one of the N_SPANS SPANS?  *CUR is the
 * index of the first span that may still matter; POS must not
 * decrease between calls with the same *CUR. */
static int
in_span(const size_t *spans, size_t n_spans, size_t *cur, size_t pos)
{
    while (*cur < n_spans && spans[2 * *cur + 1] <= pos)
        (*cur)++;
    return *cur < n_spans && spans[2 * *cur] <= pos;
}

/* Switch the highlight colour to WANT if STYLE colours; *ON is the
 * current state. */
static void
set_color(FILE *out, const struct text_style *style, int *on, int want)
{
    if (!style->color || *on == want)
        return;
    fputs(want ? COLOR_ON : COLOR_OFF, out);
    *on = want;
}

void
text_wrap(FILE *out, const struct text_style *style, const char *s,
          size_t len, const size_t *spans, size_t n_spans,
          int first_indent, int indent)
{
    size_t pos = 0, ws, wend, cur = 0;
    int col, on = 0, line_empty = 1, w, cols;

    if (s == NULL)
        len = 0;
    fprintf(out, "%*s", first_indent, "");
    col = first_indent;
    while (pos < len) {
        ws = pos;
        while (pos < len && is_space((unsigned char)s[pos]))
            pos++;
        if (pos >= len)
            break;
        for (wend = pos; wend < len && !is_space((unsigned char)s[wend]);)
            wend++;
        w = text_width(s + pos, wend - pos);
        if (!line_empty && col + 1 + w > style->width) {
            set_color(out, style, &on, 0);
            fprintf(out, "\n%*s", indent, "");
            col = indent;
            line_empty = 1;
        } else if (!line_empty) {
            set_color(out, style, &on, in_span(spans, n_spans, &cur, ws));
            fputc(' ', out);
            col++;
        }
        while (pos < wend) {
            set_color(out, style, &on,
                      in_span(spans, n_spans, &cur, pos));
            cols = 0;
            pos += put_clean_char(out, s + pos, wend - pos, &cols);
        }
        col += w;
        line_empty = 0;
    }
    set_color(out, style, &on, 0);
    fputc('\n', out);
}

void
text_cited_by(FILE *out, const pilcrow_record *r)
{
    size_t i, n = pilcrow_record_n_cited_by(r);

    fputs("cited by: ", out);
    for (i = 0; i < n; i++) {
        const char *a = nonnull(pilcrow_record_cited_by_anchor(r, i));

        if (i > 0)
            fputs(", ", out);
        text_clean(out, a, strlen(a));
    }
    fputc('\n', out);
}

void
text_superscript(FILE *out, const char *number)
{
    static const char *const sup[10] = {
        "\xe2\x81\xb0", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3",
        "\xe2\x81\xb4", "\xe2\x81\xb5", "\xe2\x81\xb6", "\xe2\x81\xb7",
        "\xe2\x81\xb8", "\xe2\x81\xb9"
    };
    const char *c;

    number = nonnull(number);
    for (c = number; *c != '\0'; c++)
        if (*c < '0' || *c > '9')
            break;
    if (*c != '\0' || number[0] == '\0') {
        text_clean(out, number, strlen(number));
        return;
    }
    for (c = number; *c != '\0'; c++)
        fputs(sup[*c - '0'], out);
}
