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
 *    gives "cross" and "sectoral").  A word is folded code point by
 *    code point (fold_cp: lower case, accents and ligatures, Arabic
 *    letter forms and digits, Russian yo) and stemmed with the
 *    language's Snowball stemmer.  For
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
 *    quoted in an English text is still searchable.  The last bigram
 *    of a run carries its second character as a tail (pc_token's
 *    tail_len), which the indexer adds alone at the bigram's position:
 *    every character of a run then starts an index term (its bigram,
 *    or the tail), and a one-character query is the prefix of those
 *    terms (query-parse.c).
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
#include <strings.h>

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
    if ((cp >= '0' && cp <= '9') || (cp >= 0x660 && cp <= 0x669) ||
        (cp >= 0x6F0 && cp <= 0x6F9))
        return C_DIGIT;
    return C_LETTER;
}

/* The class of CP for analyser A. */
static int
cp_class(const struct pc_analyzer *a, uint32_t cp)
{
    return cp < PC_TABLE_SIZE ? a->cls[cp] : class_of(cp);
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
/* Folding                                                             */
/* ================================================================== */

/*
 * The letter each of U+00C0..U+024F folds to once its accents are gone
 * ('.': none, lower-cased as it is): the first letter of its canonical
 * decomposition, and the usual ASCII for the few letters that have
 * none (ø, đ, ħ, ł, ı, ŀ, ...).  Made from Python's unicodedata; the
 * letters that fold to two (æ, œ, ß, þ, ĳ) are fold_cp()'s.
 */
static const char latin_base[] =
    "aaaaaa.ceeeeiiii.nooooo.ouuuuy..aaaaaa.ceeeeiiii.nooooo.ouuuuy.y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkklllllll"
    "lllnnnnnnn..oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
    "b......cc..dd....ff....ikkl.....oo..pp......tt.uu..yyzz........."
    ".............aaiioouuuuuuuuuu.aaaa..ggggkkoooo..j...gg..nnaa...."
    "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy.........l.."
    "...bu.eejj..rryy";

/* Greek U+0386..U+03CE with tonos or dialytika, as the bare vowel. */
static uint32_t
greek_base(uint32_t cp)
{
    switch (cp) {
    case 0x386: case 0x3AC: return 0x3B1;                   /* alpha */
    case 0x388: case 0x3AD: return 0x3B5;                   /* epsilon */
    case 0x389: case 0x3AE: return 0x3B7;                   /* eta */
    case 0x38A: case 0x3AF: case 0x390: case 0x3AA: case 0x3CA:
        return 0x3B9;                                       /* iota */
    case 0x38C: case 0x3CC: return 0x3BF;                   /* omicron */
    case 0x38E: case 0x3CD: case 0x3B0: case 0x3AB: case 0x3CB:
        return 0x3C5;                                       /* upsilon */
    case 0x38F: case 0x3CE: return 0x3C9;                   /* omega */
    }
    return 0;
}

/*
 * CP as the analyser folds it, into OUT: up to three code points, or
 * none for a code point dropped from words.  Returns how many.
 *
 *  - lower case (Xapian's tables), U+2019 as ';
 *  - accents off Latin and Greek letters ("développement" is
 *    "developpement"), combining accents (U+0300..U+036F) dropped, and
 *    the ligatures and letters that spell two in ASCII spelled so (œ
 *    oe, æ ae, ß ss, þ th, ĳ ij, and the typographic ﬁ ﬂ ﬀ ﬃ ﬄ of
 *    text taken from PDF);
 *  - Russian ё as е (Russian prints both for one letter);
 *  - Arabic: alef with hamza or madda (أ إ آ ٱ) as bare alef, teh
 *    marbuta ة as heh, alef maksura ى as yeh, tatweel and the harakat
 *    (U+064B..U+065F, U+0670) dropped, Arabic-Indic and extended
 *    digits as ASCII digits (٢٦ is 26).
 *
 * Never folded: the letters of other scripts that decompose (Russian
 * й is a letter, not и with an accent).
 */
static size_t
fold_cp(uint32_t cp, uint32_t out[3])
{
    uint32_t g;

    if (cp < 0x80) {
        out[0] = cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        return 1;
    }
    if (cp >= 0xC0 && cp < 0x250) {
        switch (cp) {
        case 0xC6: case 0xE6: out[0] = 'a'; out[1] = 'e'; return 2;
        case 0x152: case 0x153: out[0] = 'o'; out[1] = 'e'; return 2;
        case 0xDF: out[0] = 's'; out[1] = 's'; return 2;
        case 0xDE: case 0xFE: out[0] = 't'; out[1] = 'h'; return 2;
        case 0x132: case 0x133: out[0] = 'i'; out[1] = 'j'; return 2;
        case 0xD0: case 0xF0: out[0] = 'd'; return 1;
        }
        if (latin_base[cp - 0xC0] != '.') {
            out[0] = (unsigned char)latin_base[cp - 0xC0];
            return 1;
        }
    } else if (cp >= 0x300 && cp <= 0x36F) {
        return 0;
    } else if (cp >= 0x386 && cp <= 0x3CE && (g = greek_base(cp)) != 0) {
        out[0] = g;
        return 1;
    } else if (cp == 0x401 || cp == 0x451) {
        out[0] = 0x435;
        return 1;
    } else if (cp >= 0x600 && cp < 0x700) {
        switch (cp) {
        case 0x622: case 0x623: case 0x625: case 0x671:
            out[0] = 0x627;
            return 1;
        case 0x629: out[0] = 0x647; return 1;
        case 0x649: out[0] = 0x64A; return 1;
        case 0x640: case 0x670: return 0;
        }
        if (cp >= 0x64B && cp <= 0x65F)
            return 0;
        if (cp >= 0x660 && cp <= 0x669) {
            out[0] = '0' + (cp - 0x660);
            return 1;
        }
        if (cp >= 0x6F0 && cp <= 0x6F9) {
            out[0] = '0' + (cp - 0x6F0);
            return 1;
        }
    } else if (cp == 0x2019) {
        out[0] = '\'';
        return 1;
    } else if (cp >= 0xFB00 && cp <= 0xFB04) {
        static const char lig[5][4] = { "ff", "fi", "fl", "ffi", "ffl" };
        const char *l = lig[cp - 0xFB00];
        size_t n = 0;

        while (l[n] != '\0') {
            out[n] = (unsigned char)l[n];
            n++;
        }
        return n;
    }
    out[0] = pcx_unicode_tolower(cp);
    return 1;
}

/* The table form of a fold (analyser tables, code points below
 * PC_TABLE_SIZE): up to two code points, the second (ASCII) shifted by
 * PC_FOLD_SHIFT; PC_FOLD_DROP for none. */
#define PC_FOLD_SHIFT 21
#define PC_FOLD_DROP  0x1FFFFFu

static uint32_t
fold_packed(uint32_t cp)
{
    uint32_t out[3];

    switch (fold_cp(cp, out)) {
    case 0:
        return PC_FOLD_DROP;
    case 1:
        return out[0];
    default:
        return out[0] | (out[1] << PC_FOLD_SHIFT);
    }
}

/* Append CP, folded for analyser A, to the token being built. */
static void
fold_into(struct pc_analyzer *a, size_t *k, uint32_t cp)
{
    uint32_t out[3], v;
    size_t n, i;

    if (cp < PC_TABLE_SIZE) {
        v = a->lower[cp];
        if (v == PC_FOLD_DROP)
            return;
        fold_put(a->fold, k, v & ((1u << PC_FOLD_SHIFT) - 1));
        if (v >> PC_FOLD_SHIFT)
            fold_put(a->fold, k, v >> PC_FOLD_SHIFT);
        return;
    }
    n = fold_cp(cp, out);
    for (i = 0; i < n; i++)
        fold_put(a->fold, k, out[i]);
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
 * hold a word already (query prefixes, filter values): fold_cp() on
 * each code point, joiners dropped, invalid bytes skipped.
 */
void
pc_fold(pilcrow_status *st, struct pc_buf *b, const char *s, size_t len)
{
    size_t i = 0, n, k, j;
    uint32_t cp, out[3];

    while (i < len && *st >= 0) {
        if ((n = pc_utf8_decode(s + i, len - i, &cp)) == 0) {
            i++;
            continue;
        }
        i += n;
        if (cp == 0xAD || cp == 0x200C || cp == 0x200D || cp == 0x2060)
            continue;
        k = fold_cp(cp, out);
        for (j = 0; j < k; j++) {
            if (out[j] < 0x80)
                pc_buf_putc(st, b, (char)out[j]);
            else
                pc_buf_put_utf8(st, b, out[j]);
        }
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
        a->lower[cp] = fold_packed(cp);
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

const struct pc_lang *
pc_analyzer_lang(const struct pc_analyzer *a)
{
    return a->lang;
}

enum pc_script
pc_script_of(uint32_t cp)
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? PC_SCRIPT_LATIN
                                                           : PC_SCRIPT_OTHER;
    if ((cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7) ||
        (cp >= 0x1E00 && cp < 0x1F00) || (cp >= 0xFB00 && cp <= 0xFB06))
        return PC_SCRIPT_LATIN;
    if (cp >= 0x400 && cp < 0x530)
        return PC_SCRIPT_CYRILLIC;
    if ((cp >= 0x600 && cp < 0x700 && !(cp >= 0x660 && cp <= 0x669) &&
         !(cp >= 0x6F0 && cp <= 0x6F9) && pcx_unicode_is_wordchar(cp)) ||
        (cp >= 0x750 && cp < 0x780) || (cp >= 0xFB50 && cp < 0xFE00) ||
        (cp >= 0xFE70 && cp < 0xFF00))
        return PC_SCRIPT_ARABIC;
    if (is_cjk(cp))
        return PC_SCRIPT_HAN;
    return PC_SCRIPT_OTHER;
}

unsigned
pc_text_scripts(const char *text, size_t len)
{
    unsigned set = 0;
    size_t i = 0, n;
    uint32_t cp;

    while (i < len) {
        if ((n = pc_utf8_decode(text + i, len - i, &cp)) == 0)
            n = 1;
        else
            set |= 1u << pc_script_of(cp);
        i += n;
    }
    return set & ~(1u << PC_SCRIPT_OTHER);
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
    int cjk;                    /* the next token's is_cjk and tail_len */
    size_t tail;
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
    tok.is_cjk = s->cjk;
    tok.tail_len = s->tail;
    s->cjk = 0;
    s->tail = 0;
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
        fold_into(a, &k, cp);
        i += n;
    }
    if (k > 0 && k <= PC_MAX_WORD)
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
        /* The text must spell the article in ASCII (a folded "l" may
         * come from "ĺ"). */
        if (strlen(*e) == p && memcmp(*e, a->fold, p) == 0 &&
            strncasecmp(s->text + *start, *e, p) == 0) {
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
            fold_into(a, &k, cp);
            prev_digit = 0;
            has_letter |= cl == C_LETTER;
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
    if (k > PC_MAX_WORD || k == 0)
        return end;             /* not text, or only marks: no token */
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
 * bigrams (one token if the run is one code point), the last bigram
 * with its tail.  Returns the offset just past the run.
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
        s->cjk = 1;
        emit(s, s->text + start, cur - start, s->text + start,
             cur - start, start, cur, 0,
             pc_lang_is_stopword(a->lang, s->text + start, cur - start));
        return cur;
    }
    while (cur < s->len && s->st == PILCROW_OK) {
        if ((n = next_cp(a, s->text, s->len, cur, &cp, &cl)) == 0 ||
            cl != C_CJK)
            break;
        s->cjk = 1;
        if (class_at(a, s->text, s->len, cur + n) != C_CJK)
            s->tail = n;
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
    s.cjk = 0;
    s.tail = 0;
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
