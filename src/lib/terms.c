/*
 * terms.c - the index's vocabulary: the prefix of every filter term,
 * the query fields that reach them, and how a value becomes a term.
 * The indexer, the query parser and record lookup all build terms here,
 * and the metadata keys of documents and files (layout in
 * doc/design.md, "Xapian layout").
 */
#include <ctype.h>
#include <string.h>

#include "pilcrow-private.h"

/* Query fields, in the order the "unknown field" message lists them.
 * A field whose value is folded is matched case-blind; section values
 * are upper-cased (roman numerals and letters). */
static const struct pc_field fields[] = {
    { "doc",      PC_TERM_DOC,     PC_VALUE_AS_IS },
    { "kind",     PC_TERM_KIND,    PC_VALUE_AS_IS },
    { "section",  PC_TERM_SECTION, PC_VALUE_UPPER },
    { "symbol",   PC_TERM_SYMBOL,  PC_VALUE_FOLD },
    { "cites",    PC_TERM_CITES,   PC_VALUE_FOLD },
    { "year",     PC_TERM_YEAR,    PC_VALUE_AS_IS },
    { "lang",     PC_TERM_LANG,    PC_VALUE_FOLD },
    { "organ",    PC_TERM_ORGAN,   PC_VALUE_UPPER },
    { "session",  PC_TERM_SESSION, PC_VALUE_AS_IS },
    { "agenda",   PC_TERM_AGENDA,  PC_VALUE_AS_IS },
    { "type",     PC_TERM_TYPE,    PC_VALUE_FOLD },
    { "date",     PC_TERM_YEAR,    PC_VALUE_AS_IS },  /* ranges of days */
    { "family",   PC_TERM_FAMILY,  PC_VALUE_UPPER },
    { "language", PC_TERM_LANG,    PC_VALUE_FOLD },  /* alias, unlisted */
};

#define N_LISTED 13

const struct pc_field *
pc_field_find(const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (strlen(fields[i].name) == len &&
            memcmp(fields[i].name, name, len) == 0)
            return &fields[i];
    return NULL;
}

void
pc_field_list(pilcrow_status *st, struct pc_buf *b)
{
    size_t i;

    for (i = 0; i < N_LISTED; i++) {
        if (i > 0)
            pc_buf_puts(st, b, ", ");
        pc_buf_puts(st, b, fields[i].name);
    }
}

void
pc_field_value(pilcrow_status *st, struct pc_buf *b,
               const struct pc_field *f, const char *v, size_t len)
{
    size_t i, start = b->len;

    switch (f->fold) {
    case PC_VALUE_FOLD:
        pc_fold(st, b, v, len);
        break;
    case PC_VALUE_UPPER:
        pc_buf_append(st, b, v, len);
        for (i = start; *st >= 0 && i < b->len; i++)
            b->data[i] = (char)toupper((unsigned char)b->data[i]);
        break;
    case PC_VALUE_AS_IS:
        pc_buf_append(st, b, v, len);
        break;
    }
}

void
pc_field_term(pilcrow_status *st, struct pc_buf *b, const char *field,
              const char *v, size_t len)
{
    const struct pc_field *f = pc_field_find(field, strlen(field));
    struct pc_buf val = PC_BUF_INIT;

    pc_field_value(st, &val, f, v, len);
    if (*st >= 0)
        pc_term(st, b, f->prefix, val.data ? val.data : "", val.len);
    pc_buf_free(&val);
}

void
pc_term(pilcrow_status *st, struct pc_buf *b, char prefix, const char *value,
        size_t len)
{
    pc_buf_putc(st, b, prefix);
    if (len <= PC_MAX_TERM) {
        pc_buf_append(st, b, value, len);
        return;
    }
    /* Past Xapian's limit on a term's length: a hash stands for the
     * value, the same for the indexer and the query. */
    pc_buf_printf(st, b, "#%016llx", (unsigned long long)pc_hash64(value,
                                                                    len));
}

void
pc_doc_term(pilcrow_status *st, struct pc_buf *b, const char *doc)
{
    pc_term(st, b, PC_TERM_DOC, doc, strlen(doc));
}

void
pc_version_term(pilcrow_status *st, struct pc_buf *b, const char *symbol)
{
    struct pc_buf sym = PC_BUF_INIT;
    size_t i;

    /* The symbol as written, in capitals: "a/68/908" is A/68/908. */
    pc_buf_puts(st, &sym, symbol);
    for (i = 0; *st >= 0 && i < sym.len; i++)
        sym.data[i] = (char)toupper((unsigned char)sym.data[i]);
    if (*st >= 0)
        pc_term(st, b, PC_TERM_VERSION, sym.data, sym.len);
    pc_buf_free(&sym);
}

void
pc_uid_term(pilcrow_status *st, struct pc_buf *b, const char *doc,
            pilcrow_kind kind, const char *annex, const char *number)
{
    static const char letters[] = "psn";
    struct pc_buf body = PC_BUF_INIT;

    pc_buf_puts(st, &body, doc);
    pc_buf_putc(st, &body, '#');
    pc_buf_putc(st, &body, letters[kind <= PILCROW_KIND_NOTE ? kind : 0]);
    if (annex != NULL) {
        pc_buf_putc(st, &body, 'a');
        pc_buf_puts(st, &body, annex);
    }
    pc_buf_putc(st, &body, ':');
    pc_buf_puts(st, &body, number);
    if (*st >= 0)
        pc_term(st, b, PC_TERM_UID, body.data, body.len);
    pc_buf_free(&body);
}

void
pc_meta_key(pilcrow_status *st, struct pc_buf *b, const char *prefix,
            const char *name)
{
    size_t len = strlen(name);

    if (strlen(prefix) + len <= PC_MAX_META_KEY) {
        pc_buf_puts(st, b, prefix);
        pc_buf_append(st, b, name, len);
        return;
    }
    /* Past Xapian's limit on a key's length: the hash stands for NAME,
     * as in a long term. */
    pc_buf_putc(st, b, prefix[0]);
    pc_buf_printf(st, b, "#%016llx", (unsigned long long)pc_hash64(name,
                                                                    len));
}
