/*
 * doc.c - the document model: a pilcrow_doc holds the
 * metadata of one document and its records in document order; every
 * string lives in the document's arena, so pilcrow_doc_free() is one
 * arena release and one array release.
 *
 * Anchors are the citations users type and read:
 *   paragraph  "para. 7"            annex paragraph  "annex I, para. 3"
 *   summary    "summary, para. 1"   note             "note 1", "note *"
 * An unnumbered sole annex is written "annex, para. 3".
 *
 * This file also holds the document and record accessors.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "pilcrow-private.h"

/* ------------------------------------------------------------------ */
/* Building a document                                                 */
/* ------------------------------------------------------------------ */

/* A copy of S in DOC's arena, or NULL when S is NULL. */
static const char *
doc_dup(pilcrow_status *st, pilcrow_doc *doc, const char *s)
{
    if (s == NULL)
        return NULL;
    return pc_arena_strdup(st, &doc->arena, s);
}

pilcrow_status
pc_doc_new(pilcrow_doc **out, const pilcrow_parse_options *opts)
{
    pilcrow_doc *doc;
    pilcrow_status st = PILCROW_OK;

    if (out == NULL)
        return PILCROW_INVALID;
    *out = NULL;
    if ((doc = pc_calloc(1, sizeof(*doc))) == NULL)
        return PILCROW_NOMEM;
    if (opts != NULL) {
        doc->id = doc_dup(&st, doc, opts->doc);
        doc->symbol = doc_dup(&st, doc, opts->symbol);
        doc->title = doc_dup(&st, doc, opts->title);
        doc->date = doc_dup(&st, doc, opts->date);
        doc->language_given = doc_dup(&st, doc, opts->language);
        doc->file = doc_dup(&st, doc, opts->file);
    }
    if (st < 0) {
        pilcrow_doc_free(doc);
        return st;
    }
    *out = doc;
    return PILCROW_OK;
}

struct pilcrow_record *
pc_doc_add_record(pilcrow_status *st, pilcrow_doc *doc)
{
    struct pilcrow_record *r;

    if (pc_grow(st, &doc->records, &doc->cap_records, doc->n_records,
                sizeof(*r), 32) < 0)
        return NULL;
    r = &doc->records[doc->n_records++];
    memset(r, 0, sizeof(*r));
    return r;
}

pilcrow_status
pc_doc_finish(pilcrow_doc *doc)
{
    pilcrow_status st = PILCROW_OK;
    struct pc_buf b = PC_BUF_INIT;
    size_t i;
    int named = 0;              /* pc_cite_record(): the organ named last */

    if (doc == NULL)
        return PILCROW_INVALID;
    if (doc->id == NULL)
        doc->id = "buffer";
    if (doc->title == NULL)
        doc->title = "";
    if (doc->language == NULL)
        doc->language = doc->language_given;
    if (doc->language == NULL) {
        struct pc_lang_guess g;

        memset(&g, 0, sizeof(g));
        for (i = 0; i < doc->n_records; i++)
            pc_lang_guess_add(&g, doc->records[i].text,
                              doc->records[i].text_len);
        doc->language = pc_lang_guess_best(&g)->code;
    }
    if (doc->file == NULL)
        doc->file = "";
    for (i = 0; i < doc->n_records && st == PILCROW_OK; i++) {
        struct pilcrow_record *r = &doc->records[i];

        r->doc = doc->id;
        r->symbol = doc->symbol;
        r->title = doc->title;
        r->date = doc->date;
        memcpy(r->meta, doc->meta, sizeof(r->meta));
        r->language = doc->language;
        r->file = doc->file;
        if (r->section == NULL)
            r->section = "";
        if (r->section_title == NULL)
            r->section_title = "";
        if (r->number == NULL)
            r->number = "";
        if (r->text == NULL) {
            r->text = "";
            r->text_len = 0;
        }
        r->seq = (uint32_t)i;
        pc_record_anchors(&st, r, &doc->arena);
        pc_cite_record(&st, r, doc->symbol, &named, &doc->arena);
    }
    pc_buf_free(&b);
    return st;
}

/* ------------------------------------------------------------------ */
/* Anchors                                                             */
/* ------------------------------------------------------------------ */

void
pc_record_anchors(pilcrow_status *st, struct pilcrow_record *r,
                  struct pc_arena *a)
{
    struct pc_buf b = PC_BUF_INIT;
    const char **out;
    size_t i;

    pc_buf_reset(&b);
    pc_anchor_format(st, &b, r->kind, r->annex, r->number, r->printed);
    r->anchor = pc_arena_strndup(st, a, b.data ? b.data : "", b.len);
    r->cited_by_anchors = NULL;
    if (r->n_cited_by == 0 || *st < 0) {
        pc_buf_free(&b);
        return;
    }
    if ((out = pc_arena_alloc(st, a, r->n_cited_by * sizeof(*out))) == NULL) {
        pc_buf_free(&b);
        return;
    }
    /* A citing paragraph is kept as its printed number ("7"), as "p2"
     * in a preamble, as "summary N", or as its whole anchor (in an
     * annex or a quoted text, "annex I, para. 3", or with a supplied
     * number: "[para. 4]"). */
    for (i = 0; i < r->n_cited_by && *st >= 0; i++) {
        const char *c = r->cited_by[i];

        pc_buf_reset(&b);
        if (strncmp(c, "summary ", 8) == 0)
            pc_anchor_format(st, &b, PILCROW_KIND_SUMMARY, NULL, c + 8, 0);
        else if (strchr(c, ',') != NULL || c[0] == '[')
            pc_buf_puts(st, &b, c);
        else
            pc_anchor_format(st, &b, PILCROW_KIND_PARAGRAPH, NULL, c, 1);
        out[i] = pc_arena_strndup(st, a, b.data ? b.data : "", b.len);
    }
    r->cited_by_anchors = out;
    pc_buf_free(&b);
}

void
pc_anchor_format(pilcrow_status *st, struct pc_buf *b, pilcrow_kind kind,
                 const char *annex, const char *number, int printed)
{
    int bracket = 0;

    if (number == NULL)
        number = "";
    if (annex != NULL) {
        pc_buf_puts(st, b, "annex");
        if (*annex) {
            pc_buf_putc(st, b, ' ');
            pc_buf_puts(st, b, annex);
        }
        pc_buf_puts(st, b, ", ");
    }
    switch (kind) {
    case PILCROW_KIND_SUMMARY:
        pc_buf_puts(st, b, "summary, para. ");
        break;
    case PILCROW_KIND_NOTE:
        pc_buf_puts(st, b, "note ");
        break;
    default:
        if (number[0] == 'd' && number[1] != '\0' &&
            strchr(PC_PARTS, number[1]) != NULL && strchr(number, '.')) {
            /* A paragraph of a text quoted in a report, "drII.3":
             * "draft resolution II, para. 3"; "dd.p1": "draft decision,
             * preamble, para. 1"; "dR68/1.2": "resolution 68/1, para. 2";
             * "dD2025/3.1": "decision 2025/3, para. 1"; "dN2025/6.1":
             * "2025/6, para. 1"; "dT.1": "[quoted text], para. 1";
             * "dCII.1": "chap. II, para. 1". */
            static const char *const part[] = {
                "draft resolution", "draft decision", "resolution",
                "decision", "", "[quoted text]", "chap."
            };
            const char *dot = strchr(number, '.');

            pc_buf_puts(st, b, part[strchr(PC_PARTS, number[1]) - PC_PARTS]);
            if (dot > number + 2) {
                if (number[1] != 'N')
                    pc_buf_putc(st, b, ' ');
                pc_buf_append(st, b, number + 2, (size_t)(dot - number - 2));
            }
            pc_buf_puts(st, b, ", ");
            pc_anchor_format(st, b, kind, NULL, dot + 1, printed);
            return;
        }
        /* Unnumbered text before paragraph 1 of a numbered region (a
         * resolution's preamble) is numbered "p1", "p2", ... by the
         * parser and cited as "preamble, para. 1". */
        if (number[0] == 'p' && number[1] >= '0' && number[1] <= '9') {
            pc_buf_puts(st, b, "preamble, para. ");
            number++;
        } else if (number[0] == 'o' && number[1] >= '0' &&
                   number[1] <= '9') {
            /* Other text before paragraph 1 (a letter's opening, a
             * report's lead-in), "o1": "[opening, para. 1]", supplied. */
            pc_buf_puts(st, b, "[opening, para. ");
            number++;
            bracket = 1;
        } else if (number[0] == 'a' && number[1] >= '0' &&
                   number[1] <= '9') {
            /* An article, "a26", and its sub-paragraphs, "a26.1":
             * "art. 26", "art. 26, para. 1". */
            const char *dot = strchr(number, '.');

            pc_buf_puts(st, b, "art. ");
            if (dot == NULL) {
                pc_buf_puts(st, b, number + 1);
                return;
            }
            pc_buf_append(st, b, number + 1, (size_t)(dot - number - 1));
            if (dot[1] == 'c') {
                /* Its commentary's paragraph, "a3.c2": "art. 3,
                 * commentary, para. (2)". */
                pc_buf_puts(st, b, ", commentary, para. (");
                pc_buf_puts(st, b, dot + 2);
                pc_buf_putc(st, b, ')');
                return;
            }
            pc_buf_puts(st, b, ", para. ");
            number = dot + 1;
        } else if (!printed) {
            /* Supplied, not printed: the bibliographer's brackets. */
            pc_buf_puts(st, b, "[para. ");
            bracket = 1;
        } else {
            pc_buf_puts(st, b, "para. ");
        }
        break;
    }
    pc_buf_puts(st, b, number);
    if (bracket)
        pc_buf_putc(st, b, ']');
}

/* Skip spaces at *P. */
static void
skip_space(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

/* If *P starts with WORD (case-insensitive) not followed by a letter,
 * advance past it and return 1; else 0. */
static int
eat_word(const char **p, const char *word)
{
    size_t n = strlen(word);

    if (strncasecmp(*p, word, n) != 0 || isalpha((unsigned char)(*p)[n]))
        return 0;
    *p += n;
    return 1;
}

/* Copy the token at *P (up to a space, comma or colon) into DST of SIZE
 * bytes.  Returns its length, or 0 when empty or too long. */
static size_t
copy_token(const char **p, char *dst, size_t size)
{
    size_t n = 0;

    while ((*p)[n] && (*p)[n] != ' ' && (*p)[n] != '\t' &&
           (*p)[n] != ',' && (*p)[n] != ':')
        n++;
    if (n == 0 || n >= size)
        return 0;
    memcpy(dst, *p, n);
    dst[n] = '\0';
    *p += n;
    return n;
}

pilcrow_status
pc_anchor_parse(const char *anchor, pilcrow_kind *kind, char *annex,
                size_t annex_size, int *annex_set, char *number,
                size_t number_size)
{
    const char *p = anchor;
    char plain[128];
    int preamble = 0;   /* 'p' "preamble", 'o' "opening", else 0 */
    char part_kind = 0; /* 'r', 'd', 'R', 'D': a quoted text's part */

    if (anchor == NULL || kind == NULL || annex == NULL || annex_size == 0 ||
        number == NULL || number_size == 0)
        return PILCROW_INVALID;
    /* "[para. 4]", "annex, [para. 3]": one pair of brackets, dropped. */
    if (strchr(anchor, '[') != NULL || strchr(anchor, ']') != NULL) {
        const char *open = strchr(anchor, '['), *close = strchr(anchor, ']');
        size_t n = 0, i;

        if (open == NULL || close == NULL || close < open ||
            strchr(open + 1, '[') != NULL || strchr(close + 1, ']') != NULL ||
            strlen(anchor) >= sizeof(plain))
            return PILCROW_INVALID;
        for (i = 0; anchor[i] != '\0'; i++)
            if (anchor[i] != '[' && anchor[i] != ']')
                plain[n++] = anchor[i];
        plain[n] = '\0';
        p = plain;
    }
    *kind = PILCROW_KIND_PARAGRAPH;
    annex[0] = '\0';
    number[0] = '\0';
    if (annex_set)
        *annex_set = 0;
    skip_space(&p);
    if (eat_word(&p, "annex")) {
        if (annex_set)
            *annex_set = 1;
        if (*p == ':') {                 /* "annex:I:3" */
            p++;
            if (*p != ':' && copy_token(&p, annex, annex_size) == 0)
                return PILCROW_INVALID;
            if (*p != ':')
                return PILCROW_INVALID;
            p++;
        } else {                         /* "annex I, para. 3" */
            skip_space(&p);
            if (*p != ',' && copy_token(&p, annex, annex_size) == 0)
                return PILCROW_INVALID;
            skip_space(&p);
            if (*p == ',')
                p++;
            skip_space(&p);
        }
    }
    if (eat_word(&p, "draft")) {
        skip_space(&p);
        if (eat_word(&p, "resolution"))
            part_kind = 'r';
        else if (eat_word(&p, "decision"))
            part_kind = 'd';
        else
            return PILCROW_INVALID;
    } else if (eat_word(&p, "resolution")) {
        part_kind = 'R';
    } else if (eat_word(&p, "decision")) {
        part_kind = 'D';
    } else if (eat_word(&p, "chap.") || eat_word(&p, "chapter") ||
               eat_word(&p, "chap")) {
        part_kind = 'C';                /* "chap. II, para. 1" */
    } else if (eat_word(&p, "quoted")) {
        skip_space(&p);
        if (!eat_word(&p, "text"))
            return PILCROW_INVALID;
        part_kind = 'T';
    } else if (*p >= '0' && *p <= '9' && strchr(p, ',') != NULL &&
               memchr(p, '/', (size_t)(strchr(p, ',') - p)) != NULL) {
        part_kind = 'N';               /* "2025/6, para. 1" */
    }
    if (part_kind) {
        /* "draft resolution II, para. 3", "draft decision, preamble,
         * para. 1", "resolution 68/1, para. 2": stored as "drII.3",
         * "dd.p1", "dR68/1.2"; an adopted one needs its number. */
        char part[24], inner_annex[8];
        int inner_set = 0;
        size_t n;

        part[0] = part_kind;
        part[1] = '\0';
        skip_space(&p);
        if ((part_kind != 'T' || *p == '(') &&
            (*p != ',' || isupper((unsigned char)part_kind)) &&
            copy_token(&p, part + 1, sizeof(part) - 1) == 0)
            return PILCROW_INVALID;
        /* A lettered section of the text: "draft resolution II B",
         * "resolution 70/248 A", stored "drII B", "dR70/248 A"; with no
         * label before it, "draft resolution B" is "drB". */
        n = strlen(part);
        if (part_kind == 'T' && n == 1 && isupper((unsigned char)p[0]) &&
            (p[1] == ',' || p[1] == ' ')) {
            part[1] = *p++;             /* "[quoted text] B" */
            part[2] = '\0';
        } else if (p[0] == ' ' && isupper((unsigned char)p[1]) &&
            (p[2] == ',' || p[2] == ' ') && n > 1 && n + 3 < sizeof(part)) {
            part[n] = ' ';
            part[n + 1] = p[1];
            part[n + 2] = '\0';
            p += 2;
        }
        skip_space(&p);
        if (*p++ != ',')
            return PILCROW_INVALID;
        n = strlen(part);
        if (number_size < n + 4 ||
            pc_anchor_parse(p, kind, inner_annex, sizeof(inner_annex),
                            &inner_set, number + n + 2,
                            number_size - n - 2) != PILCROW_OK ||
            inner_set || *kind != PILCROW_KIND_PARAGRAPH ||
            number[n + 2] == 'a' || number[n + 2] == 'd')
            return PILCROW_INVALID;
        number[0] = 'd';
        memcpy(number + 1, part, n);
        number[n + 1] = '.';
        return PILCROW_OK;
    }
    if (eat_word(&p, "summary")) {
        *kind = PILCROW_KIND_SUMMARY;
        if (*p == ':')
            p++;
        skip_space(&p);
        if (*p == ',')
            p++;
        skip_space(&p);
    } else if (eat_word(&p, "note")) {
        *kind = PILCROW_KIND_NOTE;
        if (*p == ':')
            p++;
        skip_space(&p);
    } else if (eat_word(&p, "article") || eat_word(&p, "art.") ||
               eat_word(&p, "art")) {
        /* "art. 26", "art. 26, para. 1", "art:26.1": stored as "a26",
         * "a26.1". */
        size_t n;

        if (*p == ':')
            p++;
        skip_space(&p);
        if (number_size < 4 || *p < '0' || *p > '9')
            return PILCROW_INVALID;
        number[0] = 'a';
        if ((n = copy_token(&p, number + 1, number_size - 1)) == 0)
            return PILCROW_INVALID;
        skip_space(&p);
        if (*p == ',') {
            int comm = 0;       /* "art. 3, commentary, para. (2)" */

            p++;
            skip_space(&p);
            if (eat_word(&p, "commentary")) {
                comm = 1;
                skip_space(&p);
                if (*p++ != ',')
                    return PILCROW_INVALID;
                skip_space(&p);
            }
            if (!eat_word(&p, "paragraph") && !eat_word(&p, "para.") &&
                !eat_word(&p, "para"))
                return PILCROW_INVALID;
            skip_space(&p);
            if (n + 3 >= number_size - 1)
                return PILCROW_INVALID;
            number[1 + n] = '.';
            if (comm) {
                size_t m;

                number[2 + n] = 'c';
                if (*p == '(')
                    p++;
                if ((m = copy_token(&p, number + n + 3,
                                    number_size - n - 3)) == 0)
                    return PILCROW_INVALID;
                if (number[n + 2 + m] == ')')
                    number[n + 2 + m] = '\0';
                else if (*p == ')')
                    p++;
            } else if (copy_token(&p, number + n + 2,
                                  number_size - n - 2) == 0) {
                return PILCROW_INVALID;
            }
            skip_space(&p);
        }
        return *p == '\0' ? PILCROW_OK : PILCROW_INVALID;
    } else if (eat_word(&p, "preamble") ||   /* "preamble, para. 1" */
               (eat_word(&p, "opening") && (preamble = 'o'))) {
        if (preamble == 0)
            preamble = 'p';
        if (*p == ':')
            p++;
        skip_space(&p);
        if (*p == ',')
            p++;
        skip_space(&p);
    }
    if (*kind != PILCROW_KIND_NOTE &&
        (eat_word(&p, "paragraph") || eat_word(&p, "para.") ||
         eat_word(&p, "para"))) {
        if (*p == ':')
            p++;
        skip_space(&p);
    }
    if (preamble) {                         /* stored as "p1", "o1" */
        if (number_size < 3 || *p < '0' || *p > '9')
            return PILCROW_INVALID;
        number[0] = (char)preamble;
        number++;
        number_size--;
    }
    if (copy_token(&p, number, number_size) == 0)
        return PILCROW_INVALID;
    skip_space(&p);
    if (*p != '\0')
        return PILCROW_INVALID;
    return PILCROW_OK;
}

/* ------------------------------------------------------------------ */
/* Document accessors                                                  */
/* ------------------------------------------------------------------ */

const char *
pilcrow_doc_id(const pilcrow_doc *doc)
{
    return doc && doc->id ? doc->id : "";
}

const char *
pilcrow_doc_symbol(const pilcrow_doc *doc)
{
    return doc ? doc->symbol : NULL;
}

const char *
pilcrow_doc_title(const pilcrow_doc *doc)
{
    return doc && doc->title ? doc->title : "";
}

const char *
pilcrow_doc_date(const pilcrow_doc *doc)
{
    return doc ? doc->date : NULL;
}

const char *
pilcrow_doc_meta(const pilcrow_doc *doc, pilcrow_meta_field f)
{
    return doc && (unsigned)f < PC_N_META ? doc->meta[f] : NULL;
}

const char *
pilcrow_doc_language(const pilcrow_doc *doc)
{
    return doc && doc->language ? doc->language : "en";
}

const char *
pilcrow_doc_file(const pilcrow_doc *doc)
{
    return doc && doc->file ? doc->file : "";
}

size_t
pilcrow_doc_n_records(const pilcrow_doc *doc)
{
    return doc ? doc->n_records : 0;
}

const pilcrow_record *
pilcrow_doc_record(const pilcrow_doc *doc, size_t i)
{
    if (doc == NULL || i >= doc->n_records)
        return NULL;
    return &doc->records[i];
}

void
pilcrow_doc_free(pilcrow_doc *doc)
{
    if (doc == NULL)
        return;
    pc_arena_free(&doc->arena);
    pc_free(doc->records);
    pc_free(doc);
}

/* ------------------------------------------------------------------ */
/* Record accessors                                                    */
/* ------------------------------------------------------------------ */

/* S, or "" when S is NULL. */
static const char *
nz(const char *s)
{
    return s ? s : "";
}

pilcrow_kind
pilcrow_record_kind(const pilcrow_record *r)
{
    return r ? r->kind : PILCROW_KIND_PARAGRAPH;
}

const char *
pilcrow_record_doc(const pilcrow_record *r)
{
    return r ? nz(r->doc) : "";
}

const char *
pilcrow_record_symbol(const pilcrow_record *r)
{
    return r ? r->symbol : NULL;
}

const char *
pilcrow_record_title(const pilcrow_record *r)
{
    return r ? nz(r->title) : "";
}

const char *
pilcrow_record_date(const pilcrow_record *r)
{
    return r ? r->date : NULL;
}

const char *
pilcrow_record_meta(const pilcrow_record *r, pilcrow_meta_field f)
{
    return r && (unsigned)f < PC_N_META ? r->meta[f] : NULL;
}

const char *
pilcrow_record_language(const pilcrow_record *r)
{
    return r && r->language ? r->language : "en";
}

const char *
pilcrow_record_file(const pilcrow_record *r)
{
    return r ? nz(r->file) : "";
}

const char *
pilcrow_record_section(const pilcrow_record *r)
{
    return r ? nz(r->section) : "";
}

const char *
pilcrow_record_section_title(const pilcrow_record *r)
{
    return r ? nz(r->section_title) : "";
}

const char *
pilcrow_record_number(const pilcrow_record *r)
{
    return r ? nz(r->number) : "";
}

const char *
pilcrow_record_annex(const pilcrow_record *r)
{
    return r ? r->annex : NULL;
}

const char *
pilcrow_record_anchor(const pilcrow_record *r)
{
    return r ? nz(r->anchor) : "";
}

int
pilcrow_record_printed(const pilcrow_record *r)
{
    return r ? r->printed : 0;
}

unsigned
pilcrow_record_page(const pilcrow_record *r)
{
    return r ? r->page : 0;
}

const char *
pilcrow_record_text(const pilcrow_record *r, size_t *text_len)
{
    if (r == NULL || r->text == NULL) {
        if (text_len)
            *text_len = 0;
        return "";
    }
    if (text_len)
        *text_len = r->text_len;
    return r->text;
}

size_t
pilcrow_record_n_cites(const pilcrow_record *r)
{
    return r ? r->n_cites : 0;
}

const char *
pilcrow_record_cite(const pilcrow_record *r, size_t i)
{
    if (r == NULL || i >= r->n_cites)
        return NULL;
    return r->cites[i];
}

size_t
pilcrow_record_n_cited_by(const pilcrow_record *r)
{
    return r ? r->n_cited_by : 0;
}

const char *
pilcrow_record_cited_by(const pilcrow_record *r, size_t i)
{
    if (r == NULL || i >= r->n_cited_by)
        return NULL;
    return r->cited_by[i];
}

const char *
pilcrow_record_cited_by_anchor(const pilcrow_record *r, size_t i)
{
    if (r == NULL || i >= r->n_cited_by || r->cited_by_anchors == NULL)
        return NULL;
    return r->cited_by_anchors[i];
}

/* A standalone record (from pilcrow_db_get_record()) lives, with its
 * strings, in its arena OWN, itself allocated with pc_malloc().  A
 * record without OWN belongs to a document or hits and is left alone. */
void
pilcrow_record_free(pilcrow_record *r)
{
    struct pc_arena *own;

    if (r == NULL || r->own == NULL)
        return;
    own = r->own;
    pc_arena_free(own);
    pc_free(own);
}
