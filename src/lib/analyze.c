/*
 * analyze.c - the one analysis pipeline: UTF-8 text -> tokens.
 *
 * Documents (index.c), queries (query.c) and highlighting (snippet.c)
 * all call pc_analyze(), so a word is indexed, searched and highlighted
 * as exactly the same term.  See doc/design.md, "One analysis pipeline".
 *
 * Tokens, in text order, each taking the next position (1, 2, ...):
 *
 *  - a word: a maximal run of word characters (Unicode letters, marks
 *    and digits, as Xapian::Unicode classifies them through the shim).
 *    Inside a word are also kept
 *      . an apostrophe (' or U+2019) between a word character and a
 *        letter or digit: "Committee's" (folded "committee's"; the
 *        english stemmer drops the possessive, so the term is the stem
 *        of "committee"); U+2019 folds to ';
 *      . '.' or ',' between two ASCII digits: "1,000" and "3.5" are one
 *        token each, folded as written and not stemmed, so typing a
 *        number as printed finds it (1000 and 1,000 are different
 *        terms);
 *      . soft hyphen, ZWNJ, ZWJ and word joiner between word characters,
 *        which are dropped from the folded text.
 *    Hyphens and all other punctuation split words ("cross-sectoral"
 *    gives "cross" and "sectoral").  A word is case-folded code point by
 *    code point and stemmed with the language's Snowball stemmer.  For
 *    languages with elision (French) a leading "l'", "d'", "qu'", ... is
 *    dropped: "l'homme" is the word "homme".
 *  - a symbol: alphanumeric parts joined by '/', '.' or '-' (each
 *    separator between two alphanumeric characters), with at least one
 *    '/': "E/CN.9/1997/5", "A/CONF.157/24", "49/127", "1997/14",
 *    "and/or".  Folded, not stemmed, one position.  A '-' followed by a
 *    run of letters and a '/' after a '/' has been seen starts a new
 *    symbol ("E/1997/23-E/CN.4/1997/150" is two symbols).
 *  - CJK (Han ideographs, kana): each run is cut into overlapping
 *    bigrams ("世界人权" gives 世界, 界人, 人权); a lone ideograph is
 *    one token.  This holds in every language, so a Chinese name
 *    quoted in an English text is still searchable.
 *
 * Never tokens: superscript digits (U+00B9, U+00B2, U+00B3,
 * U+2070-U+2079) which are note markers, U+FFFD, connector punctuation
 * ('_'), and invalid UTF-8 (skipped one byte at a time).  Words and
 * symbols longer than PC_MAX_WORD bytes once folded are dropped (they
 * are not text, and Xapian limits term length).
 *
 * Performance: stemming costs far more than tokenizing, and prose
 * repeats few distinct words, so each analyser's stemmer keeps a
 * bounded cache of folded word -> stem (lang.c).  Code
 * points below U+0800 (ASCII, Latin, Greek, Cyrillic, Arabic, Hebrew)
 * are classified and lower-cased through tables filled from Xapian
 * once per analyser, so only rarer scripts call into the shim.
 */
#include <string.h>

#include "pilcrow-private.h"
#include "shim.h"

/* Longest folded word or symbol emitted, in bytes. */
#define PC_MAX_WORD 200

/* Xapian::Unicode::category values used here (unicode.cc checks them
 * against Xapian's enum at compile time). */
#define PC_CAT_CONNECTOR_PUNCTUATION 19

/* ================================================================== */
/* Character classes                                                   */
/* ================================================================== */

enum {
    C_OTHER = 0,    /* separator: space, punctuation, marker, invalid */
    C_LETTER,       /* word character that is not an ASCII digit */
    C_DIGIT,        /* ASCII digit 0-9 */
    C_APOS,         /* ' or U+2019 */
    C_JOINER,       /* soft hyphen, ZWNJ, ZWJ, word joiner */
    C_CJK           /* Han ideograph or kana: bigrammed */
};

/* The tables cover code points below this. */
#define PC_TABLE_SIZE 0x800

struct pc_analyzer {
    const struct pc_lang *lang;
    struct pc_stemmer *stem;
    uint8_t cls[PC_TABLE_SIZE];     /* C_* of each code point */
    uint32_t lower[PC_TABLE_SIZE];  /* lower case of each code point */
    char fold[PC_MAX_WORD + 8];     /* the current folded token */
};

/* Non-zero for the superscript digits used as note markers. */
static int
is_superscript(uint32_t cp)
{
    return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 ||
           (cp >= 0x2070 && cp <= 0x2079);
}

/* Non-zero for the scripts written without spaces that are cut into
 * bigrams: CJK ideographs (unified, extensions, compatibility) and
 * Japanese kana.  These are block ranges, not character properties. */
static int
is_cjk(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) ||      /* hiragana, katakana */
           (cp >= 0x3400 && cp <= 0x4DBF) ||      /* extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||      /* unified ideographs */
           (cp >= 0xF900 && cp <= 0xFAFF) ||      /* compatibility */
           (cp >= 0x20000 && cp <= 0x3FFFF);      /* extensions B-H */
}

/* The C_* class of CP, from Xapian's tables. */
static int
class_of(uint32_t cp)
{
    if (cp == '\'' || cp == 0x2019)
        return C_APOS;
    if (cp == 0xAD || cp == 0x200C || cp == 0x200D || cp == 0x2060)
        return C_JOINER;
    if (is_superscript(cp) || cp == 0xFFFD)
        return C_OTHER;
    if (is_cjk(cp))
        return C_CJK;
    if (!pcx_unicode_is_wordchar(cp))
        return C_OTHER;
    if (pcx_unicode_category(cp) == PC_CAT_CONNECTOR_PUNCTUATION)
        return C_OTHER;
    return cp >= '0' && cp <= '9' ? C_DIGIT : C_LETTER;
}

/* The class of CP for analyser A. */
static int
cp_class(const struct pc_analyzer *a, uint32_t cp)
{
    return cp < PC_TABLE_SIZE ? a->cls[cp] : class_of(cp);
}

/* CP lower-cased for analyser A (U+2019 becomes '). */
static uint32_t
cp_lower(const struct pc_analyzer *a, uint32_t cp)
{
    if (cp < PC_TABLE_SIZE)
        return a->lower[cp];
    if (cp == 0x2019)
        return '\'';
    return pcx_unicode_tolower(cp);
}

/* Decode the code point at TEXT[I] (I < LEN) into *CP and *CL; returns
 * its length, or 0 for invalid UTF-8 (then *CL is C_OTHER). */
static size_t
next_cp(const struct pc_analyzer *a, const char *text, size_t len,
        size_t i, uint32_t *cp, int *cl)
{
    unsigned char c = (unsigned char)text[i];
    size_t n;

    if (c < 0x80) {
        *cp = c;
        *cl = a->cls[c];
        return 1;
    }
    if ((n = pc_utf8_decode(text + i, len - i, cp)) == 0) {
        *cl = C_OTHER;
        return 0;
    }
    *cl = cp_class(a, *cp);
    return n;
}

/* The class of the code point at TEXT[I], C_OTHER past the end or on
 * invalid UTF-8. */
static int
class_at(const struct pc_analyzer *a, const char *text, size_t len,
         size_t i)
{
    uint32_t cp;
    int cl;

    if (i >= len)
        return C_OTHER;
    next_cp(a, text, len, i, &cp, &cl);
    return cl;
}

/* Append CP as UTF-8 to BUF at *N if it fits below PC_MAX_WORD bytes;
 * otherwise make *N exceed PC_MAX_WORD so the token is dropped. */
static void
fold_put(char *buf, size_t *n, uint32_t cp)
{
    size_t k = *n;

    if (k > PC_MAX_WORD)
        return;
    if (cp < 0x80) {
        buf[k++] = (char)cp;
    } else if (cp < 0x800) {
        buf[k++] = (char)(0xC0 | (cp >> 6));
        buf[k++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        buf[k++] = (char)(0xE0 | (cp >> 12));
        buf[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[k++] = (char)(0x80 | (cp & 0x3F));
    } else {
        buf[k++] = (char)(0xF0 | (cp >> 18));
        buf[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[k++] = (char)(0x80 | (cp & 0x3F));
    }
    *n = k;
}

/* ================================================================== */
/* UTF-8 and folding                                                   */
/* ================================================================== */

size_t
pc_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c;

    if (len == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (u[0] < 0xC2)            /* continuation byte or overlong */
        return 0;
    if (u[0] < 0xE0) {
        if (len < 2 || (u[1] & 0xC0) != 0x80)
            return 0;
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (u[0] < 0xF0) {
        if (len < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
            return 0;
        c = ((uint32_t)(u[0] & 0x0F) << 12) |
            ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
            return 0;           /* overlong or surrogate */
        *cp = c;
        return 3;
    }
    if (u[0] < 0xF5) {
        if (len < 4 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80 ||
            (u[3] & 0xC0) != 0x80)
            return 0;
        c = ((uint32_t)(u[0] & 0x07) << 18) |
            ((uint32_t)(u[1] & 0x3F) << 12) |
            ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
        if (c < 0x10000 || c > 0x10FFFF)
            return 0;
        *cp = c;
        return 4;
    }
    return 0;
}

/*
 * The same folding as the analyser applies to a word, for callers that
 * hold a word already (query prefixes): lower case per code point,
 * U+2019 as ', joiners dropped, invalid bytes skipped.
 */
void
pc_fold(pilcrow_status *st, struct pc_buf *b, const char *s, size_t len)
{
    size_t i = 0, n;
    uint32_t cp;

    while (i < len && *st >= 0) {
        if ((n = pc_utf8_decode(s + i, len - i, &cp)) == 0) {
            i++;
            continue;
        }
        i += n;
        if (cp == 0xAD || cp == 0x200C || cp == 0x200D || cp == 0x2060)
            continue;
        if (cp < 0x80) {
            pc_buf_putc(st, b, (char)(cp >= 'A' && cp <= 'Z' ?
                                      cp + ('a' - 'A') : cp));
            continue;
        }
        pc_buf_put_utf8(st, b, cp == 0x2019 ? '\'' :
                        pcx_unicode_tolower(cp));
    }
}

/* ================================================================== */
/* Analysers                                                           */
/* ================================================================== */

pilcrow_status
pc_analyzer_new(struct pc_analyzer **out, const char *lang)
{
    const struct pc_lang *l;
    struct pc_analyzer *a;
    pilcrow_status st;
    uint32_t cp;

    if (out == NULL)
        return PILCROW_INVALID;
    *out = NULL;
    if ((l = pc_lang_find(lang)) == NULL)
        return PILCROW_INVALID;
    if ((a = pc_calloc(1, sizeof(*a))) == NULL)
        return PILCROW_NOMEM;
    a->lang = l;
    for (cp = 0; cp < PC_TABLE_SIZE; cp++) {
        a->cls[cp] = (uint8_t)class_of(cp);
        a->lower[cp] = cp == 0x2019 ? '\'' : pcx_unicode_tolower(cp);
    }
    if ((st = pc_stemmer_new(&a->stem, l)) < 0) {
        pc_free(a);
        return st;
    }
    *out = a;
    return PILCROW_OK;
}

void
pc_analyzer_free(struct pc_analyzer *a)
{
    if (a == NULL)
        return;
    pc_stemmer_free(a->stem);
    pc_free(a);
}

const char *
pc_analyzer_language(const struct pc_analyzer *a)
{
    return a->lang->code;
}

void
pc_analyzer_set_cache(struct pc_analyzer *a, size_t max_entries)
{
    pc_stemmer_set_cache(a->stem, max_entries);
}

const char *
pc_analyzer_stem(struct pc_analyzer *a, const char *folded, size_t len,
                 size_t *term_len)
{
    int is_stop;

    return pc_stemmer_stem(a->stem, folded, len, term_len, &is_stop);
}

/* ================================================================== */
/* Tokenizing                                                          */
/* ================================================================== */

/* The state of one pc_analyze() call. */
struct pc_scan {
    struct pc_analyzer *a;
    const char *text;
    size_t len;
    pc_token_fn *fn;
    void *payload;
    const uint32_t *first;      /* pc_analyze_for's byte set, or NULL */
    uint32_t pos;               /* position of the last token */
    pilcrow_status st;          /* PILCROW_OK, DONE (stopped) or NOMEM */
};

/* Give one token to the callback; sets S->st to PILCROW_DONE if it
 * asks to stop. */
static void
emit(struct pc_scan *s, const char *folded, size_t folded_len,
     const char *term, size_t term_len, size_t start, size_t end,
     int is_symbol, int is_stop)
{
    struct pc_token tok;

    tok.term = term;
    tok.term_len = term_len;
    tok.folded = folded;
    tok.folded_len = folded_len;
    tok.start = start;
    tok.end = end;
    tok.pos = ++s->pos;
    tok.is_symbol = is_symbol;
    tok.is_stop = is_stop;
    if (s->fn(&tok, s->payload) != 0)
        s->st = PILCROW_DONE;
}

/*
 * If the text at START (a word character) begins a symbol, return the
 * byte offset just past it; else 0.  Parts are runs of non-CJK word
 * characters; separators '/', '.', '-' must sit between two of them.
 */
static size_t
scan_symbol(struct pc_scan *s, size_t start)
{
    const struct pc_analyzer *a = s->a;
    const char *text = s->text;
    size_t len = s->len, i = start, j, n, part_end = start;
    unsigned n_slash = 0;
    uint32_t cp;
    int cl;
    char c;

    for (;;) {
        while (i < len && (n = next_cp(a, text, len, i, &cp, &cl)) > 0 &&
               (cl == C_LETTER || cl == C_DIGIT))
            i += n;
        part_end = i;
        if (i + 1 >= len)
            break;
        c = text[i];
        if (c != '/' && c != '.' && c != '-')
            break;
        cl = class_at(a, text, len, i + 1);
        if (cl != C_LETTER && cl != C_DIGIT)
            break;
        if (c == '-' && n_slash > 0) {
            /* "-E/CN.4/..." starts another symbol. */
            for (j = i + 1; j < len; j += n) {
                if ((n = next_cp(a, text, len, j, &cp, &cl)) == 0 ||
                    cl != C_LETTER)
                    break;
            }
            if (j < len && text[j] == '/')
                break;
        }
        if (c == '/')
            n_slash++;
        i++;
    }
    return n_slash > 0 ? part_end : 0;
}

/* Emit the symbol at [START, END): folded, not stemmed. */
static void
emit_symbol(struct pc_scan *s, size_t start, size_t end)
{
    struct pc_analyzer *a = s->a;
    size_t i = start, n, k = 0;
    uint32_t cp;
    int cl;

    while (i < end) {
        n = next_cp(a, s->text, s->len, i, &cp, &cl);
        fold_put(a->fold, &k, cp_lower(a, cp));
        i += n;
    }
    if (k <= PC_MAX_WORD)
        emit(s, a->fold, k, a->fold, k, start, end, 1, 0);
}

/*
 * Drop an elided article from the folded word at A->fold (*K bytes):
 * "l'homme" -> "homme", moving *START past it in the text.  Returns the
 * offset of the word in A->fold.
 */
static size_t
elide(struct pc_scan *s, size_t *k, size_t *start)
{
    const struct pc_analyzer *a = s->a;
    const char *const *e;
    const char *q;
    size_t p;

    if ((q = memchr(a->fold, '\'', *k)) == NULL)
        return 0;
    p = (size_t)(q - a->fold);
    for (e = a->lang->elisions; *e != NULL; e++) {
        if (strlen(*e) == p && memcmp(*e, a->fold, p) == 0) {
            /* The prefix is ASCII, so as many bytes in the text; the
             * apostrophe there is ' (1 byte) or U+2019 (3 bytes). */
            *start += p + (s->text[*start + p] == '\'' ? 1 : 3);
            *k -= p + 1;
            return p + 1;
        }
    }
    return 0;
}

/*
 * For pc_analyze_for: if the word at START is plain ASCII letters
 * starting with a byte outside S->first, ending where no rule of
 * scan_word() looks further (not at a digit, an apostrophe, a
 * symbol's '/', '.' or '-', or a byte past ASCII), emit it with no
 * term and no folded word and return its end: most words of a text
 * take this way, at a few instructions a byte.  Else return 0, and
 * scan_word() reads the word as always.
 */
static size_t
skip_word(struct pc_scan *s, size_t start)
{
    const struct pc_analyzer *a = s->a;
    const unsigned char *u = (const unsigned char *)s->text;
    size_t len = s->len, i = start;
    unsigned char c = u[i];

    if (c >= 0x80 || a->cls[c] != C_LETTER ||
        PC_BYTESET_HAS(s->first, a->lower[c]))
        return 0;
    while (++i < len && u[i] < 0x80 && a->cls[u[i]] == C_LETTER)
        ;
    if (i < len) {
        c = u[i];
        if (c >= 0x80 || a->cls[c] == C_DIGIT || a->cls[c] == C_APOS ||
            c == '/' || c == '.' || c == '-')
            return 0;
    }
    if (i - start <= PC_MAX_WORD)       /* longer: not text, dropped */
        emit(s, "", 0, "", 0, start, i, 0, 0);
    return i;
}

/*
 * Scan the word (or symbol) starting at START, a C_LETTER or C_DIGIT
 * code point, and emit it.  Returns the offset where scanning resumes.
 */
static size_t
scan_word(struct pc_scan *s, size_t start)
{
    struct pc_analyzer *a = s->a;
    const char *text = s->text, *term;
    size_t len = s->len, i = start, n, k = 0, end, off, tlen;
    int cl, prev_digit = 0, has_letter = 0, ncl, is_stop;
    uint32_t cp;
    char c;

    if (s->first != NULL && (i = skip_word(s, start)) > 0)
        return i;
    i = start;
    while (i < len) {
        c = text[i];
        if ((unsigned char)c < 0x80) {
            cl = a->cls[(unsigned char)c];
            if (cl == C_LETTER || cl == C_DIGIT) {
                if (k <= PC_MAX_WORD)
                    a->fold[k++] = (char)a->lower[(unsigned char)c];
                prev_digit = cl == C_DIGIT;
                has_letter |= !prev_digit;
                i++;
                continue;
            }
            if ((c == '.' || c == ',') && prev_digit && i + 1 < len &&
                text[i + 1] >= '0' && text[i + 1] <= '9') {
                if (k <= PC_MAX_WORD)
                    a->fold[k++] = c;
                i++;
                continue;
            }
            if (cl != C_APOS)
                break;
            n = 1;
            cp = '\'';
        } else if ((n = next_cp(a, text, len, i, &cp, &cl)) == 0) {
            break;
        } else if (cl == C_LETTER || cl == C_DIGIT) {
            fold_put(a->fold, &k, cp_lower(a, cp));
            prev_digit = 0;
            has_letter = 1;
            i += n;
            continue;
        } else if (cl != C_APOS && cl != C_JOINER) {
            break;
        }
        /* An apostrophe or joiner: inside only if a word character
         * follows. */
        ncl = class_at(a, text, len, i + n);
        if (ncl != C_LETTER && ncl != C_DIGIT)
            break;
        if (cl == C_APOS)
            fold_put(a->fold, &k, '\'');
        prev_digit = 0;
        i += n;
    }
    end = i;

    if (end < len && (text[end] == '/' || text[end] == '.' ||
                      text[end] == '-')) {
        size_t sym_end = scan_symbol(s, start);

        if (sym_end > 0) {
            emit_symbol(s, start, sym_end);
            return sym_end;
        }
    }
    if (k > PC_MAX_WORD)
        return end;             /* not text: drop it */
    off = 0;
    if (a->lang->elisions != NULL)
        off = elide(s, &k, &start);
    if (!has_letter) {
        emit(s, a->fold + off, k, a->fold + off, k, start, end, 0,
             pc_lang_is_stopword(a->lang, a->fold + off, k));
        return end;
    }
    if (s->first != NULL && k > 0 && !PC_BYTESET_HAS(s->first, a->fold[off])) {
        emit(s, a->fold + off, k, "", 0, start, end, 0, 0);
        return end;
    }
    if ((term = pc_stemmer_stem(a->stem, a->fold + off, k, &tlen, &is_stop)) == NULL) {
        s->st = PILCROW_NOMEM;
        return end;
    }
    emit(s, a->fold + off, k, term, tlen, start, end, 0, is_stop);
    return end;
}

/*
 * Emit the run of CJK code points starting at START as overlapping
 * bigrams (one token if the run is one code point).  Returns the
 * offset just past the run.
 */
static size_t
scan_cjk(struct pc_scan *s, size_t start)
{
    struct pc_analyzer *a = s->a;
    size_t prev = start, cur, n;
    uint32_t cp;
    int cl;

    cur = start + next_cp(a, s->text, s->len, start, &cp, &cl);
    if (class_at(a, s->text, s->len, cur) != C_CJK) {
        emit(s, s->text + start, cur - start, s->text + start,
             cur - start, start, cur, 0,
             pc_lang_is_stopword(a->lang, s->text + start, cur - start));
        return cur;
    }
    while (cur < s->len && s->st == PILCROW_OK) {
        if ((n = next_cp(a, s->text, s->len, cur, &cp, &cl)) == 0 ||
            cl != C_CJK)
            break;
        emit(s, s->text + prev, cur + n - prev, s->text + prev,
             cur + n - prev, prev, cur + n, 0,
             pc_lang_is_stopword(a->lang, s->text + prev, cur + n - prev));
        prev = cur;
        cur += n;
    }
    return cur;
}

pilcrow_status
pc_analyze(struct pc_analyzer *a, const char *text, size_t len,
           pc_token_fn *fn, void *payload)
{
    return pc_analyze_for(a, text, len, NULL, fn, payload);
}

pilcrow_status
pc_analyze_for(struct pc_analyzer *a, const char *text, size_t len,
               const pc_byteset first, pc_token_fn *fn, void *payload)
{
    struct pc_scan s;
    size_t i = 0, n;
    uint32_t cp;
    int cl;

    if (a == NULL || (text == NULL && len > 0) || fn == NULL)
        return PILCROW_INVALID;
    s.a = a;
    s.text = text;
    s.len = len;
    s.fn = fn;
    s.payload = payload;
    s.first = a->lang->stem_keeps_first ? first : NULL;
    s.pos = 0;
    s.st = PILCROW_OK;
    while (i < len && s.st == PILCROW_OK) {
        unsigned char c = (unsigned char)text[i];

        if (c < 0x80) {
            cl = a->cls[c];
            n = 1;
        } else if ((n = next_cp(a, text, len, i, &cp, &cl)) == 0) {
            i++;                /* invalid UTF-8: skip one byte */
            continue;
        }
        if (cl == C_LETTER || cl == C_DIGIT)
            i = scan_word(&s, i);
        else if (cl == C_CJK)
            i = scan_cjk(&s, i);
        else
            i += n;
    }
    return s.st;
}
