/*
 * cite.c - citations of UN documents recognised in text, each resolved
 * to one normal form per symbol.
 *
 * Two shapes are recognised, each starting at a word boundary:
 *
 *  - a document symbol as written: an upper-case series letter run
 *    ("A", "S", "E", "ST", ...), then '/' and parts of letters, digits,
 *    '.' and '-' joined by '/', with at least one digit:
 *    "E/1995/69", "A/CONF.171/13", "S/2025/147", "S/RES/2768(2025)".
 *    A Security Council resolution keeps its year, written with one
 *    space: "S/RES/2768 (2025)".  "A/52/150 and Corr.1" (also
 *    "Add.N", "Rev.N") cites A/52/150 and A/52/150/Corr.1.
 *
 *  - a resolution or decision by number, after an optional organ:
 *
 *      [organ] ("resolution" | "resolutions" | "decision" | "decisions")
 *          item ( ("," | "and" | ", and" | "or") item )*
 *      item := N/M | S-N/M | N (YYYY) | N (ROMAN) | N
 *              followed by an optional "of DD Month YYYY"
 *
 *    The organ is the one named ("General Assembly", "Security
 *    Council", "Economic and Social Council", "Commission on Human
 *    Rights", "Human Rights Council"), else the form of the number
 *    decides, and where it does not, the citing document's own symbol
 *    ("its resolution", "Council", or nothing); a year-numbered
 *    resolution with no organ next to it is the Commission on Human
 *    Rights' when the text named that Commission last:
 *
 *      N (YYYY)   S/RES/N (YYYY)        the Security Council
 *      YYYY/N     E/RES/YYYY/N          the Economic and Social Council,
 *                 E/CN.4/RES/YYYY/N     or the Commission on Human Rights
 *      N/M        A/RES/N/M             the General Assembly (sessions),
 *                 A/HRC/RES/N/M         or the Human Rights Council
 *      N (XV)     A/RES/N (XV)          the early General Assembly
 *      N          S/RES/N, A/RES/N      only with the organ known
 *
 *    and decisions the same with DEC for RES.  In a document of
 *    another series (DP/, UNEP/, E/ICEF/, ...) a number with no organ
 *    named is taken to be that body's own, and left out, but for a
 *    resolution numbered by session (other_default()).  A resolution of an organ
 *    not in that list ("Executive Board decision 2024/15", "Governing
 *    Council decision 27/1") is not a citation pilcrow can resolve and
 *    is left out: precision comes before recall.
 *
 * Each citation has its normal form (struct pc_cite.symbol, as the
 * documents print symbols) and its key (the normal form folded to
 * lower case, a Security Council resolution without its year), which is
 * the term body the index and the query share: the key of a symbol is
 * the folded symbol token the analyser makes of it (analyze.c), so the
 * key of a citation equals the X term of the document it cites.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilcrow-private.h"

/* The organs a number can be resolved under. */
enum organ {
    ORG_NONE,                  /* not said */
    ORG_GA,                    /* General Assembly */
    ORG_SC,                    /* Security Council */
    ORG_ECOSOC,                /* Economic and Social Council */
    ORG_CHR,                   /* Commission on Human Rights */
    ORG_HRC,                   /* Human Rights Council */
    ORG_COUNCIL,               /* "the Council": which one, from the form */
    ORG_ITS,                   /* "its": the citing document's organ */
    ORG_OTHER                  /* an organ pilcrow cannot resolve */
};

/* The scanner's state over one text. */
struct scan {
    const char *s;             /* the text */
    size_t len;                /* bytes */
    enum organ citing;         /* organ of the citing document */
    const char *citing_symbol; /* its symbol, or NULL */
    enum organ named;          /* the organ last named in the text */
    enum organ named_here;     /* the same, in this text alone */
    const char *self;          /* key of the citing document, or NULL */
    pc_cite_fn *fn;
    void *payload;
    int stop;                  /* FN asked to stop */
};

/* ---- characters ------------------------------------------------------ */

static int
is_alnum(char c)
{
    return isalnum((unsigned char)c) != 0;
}

/* Bytes of white space at I (ASCII space, tab, newline, no-break
 * space U+00A0), or 0. */
static size_t
space_at(const struct scan *sc, size_t i)
{
    char c;

    if (i >= sc->len)
        return 0;
    c = sc->s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        return 1;
    if ((unsigned char)c == 0xC2 && i + 1 < sc->len &&
        (unsigned char)sc->s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* I moved past any white space. */
static size_t
skip_space(const struct scan *sc, size_t i)
{
    size_t n;

    while ((n = space_at(sc, i)) > 0)
        i += n;
    return i;
}

/* If the text at I is the word W (then a non-alphanumeric byte or the
 * end), the offset past it; else 0.  The first letter may be either
 * case. */
static size_t
word_at(const struct scan *sc, size_t i, const char *w)
{
    size_t n = strlen(w);

    if (i + n > sc->len || n == 0)
        return 0;
    if (tolower((unsigned char)sc->s[i]) != tolower((unsigned char)w[0]) ||
        memcmp(sc->s + i + 1, w + 1, n - 1) != 0)
        return 0;
    if (i + n < sc->len && is_alnum(sc->s[i + n]))
        return 0;
    return i + n;
}

/* The words of PHRASE (single spaces) at I, any white space between
 * them: the offset past them, or 0. */
static size_t
phrase_at(const struct scan *sc, size_t i, const char *phrase)
{
    char w[32];
    const char *p = phrase, *e;
    size_t n;

    while (*p) {
        e = strchr(p, ' ');
        n = e ? (size_t)(e - p) : strlen(p);
        if (n >= sizeof(w))
            return 0;
        memcpy(w, p, n);
        w[n] = '\0';
        if ((i = word_at(sc, i, w)) == 0)
            return 0;
        p += n;
        if (*p == ' ') {
            p++;
            if (space_at(sc, i) == 0)
                return 0;
            i = skip_space(sc, i);
        }
    }
    return i;
}

/* Digits at I: their count (at most MAX, else 0), the value in *V. */
static size_t
digits_at(const struct scan *sc, size_t i, size_t max, unsigned long *v)
{
    size_t n = 0;

    *v = 0;
    while (i + n < sc->len && isdigit((unsigned char)sc->s[i + n])) {
        if (++n > max)
            return 0;
        *v = *v * 10 + (unsigned long)(sc->s[i + n - 1] - '0');
    }
    return n;
}

/* The word before offset I: its start in *START and its length, 0 when
 * there is none (only white space separates, else 0). */
static size_t
word_before(const struct scan *sc, size_t i, size_t *start)
{
    size_t e = i, b;

    while (e > 0 && (sc->s[e - 1] == ' ' || sc->s[e - 1] == '\n' ||
                     sc->s[e - 1] == '\t' || sc->s[e - 1] == '\r'))
        e--;
    if (e == i)
        return 0;
    b = e;
    while (b > 0 && (is_alnum(sc->s[b - 1]) || sc->s[b - 1] == '-'))
        b--;
    *start = b;
    return e - b;
}

/* ---- emitting --------------------------------------------------------- */

/* The organ of a document whose symbol is SYMBOL (may be NULL). */
static enum organ
organ_of_symbol(const char *symbol)
{
    if (symbol == NULL)
        return ORG_NONE;
    if (strncmp(symbol, "S/", 2) == 0)
        return ORG_SC;
    if (strncmp(symbol, "A/HRC/", 6) == 0)
        return ORG_HRC;
    if (strncmp(symbol, "A/", 2) == 0)
        return ORG_GA;
    if (strncmp(symbol, "E/CN.4/", 7) == 0)
        return ORG_CHR;
    /* E/2025/39, E/RES/..., E/DEC/...: the Council's own; E/ICEF/,
     * E/C.19/, E/CN.6/: a board's or a commission's. */
    if (strncmp(symbol, "E/", 2) == 0 &&
        (isdigit((unsigned char)symbol[2]) ||
         strncmp(symbol + 2, "RES/", 4) == 0 ||
         strncmp(symbol + 2, "DEC/", 4) == 0))
        return ORG_ECOSOC;
    /* DP/2025/1, UNEP/EA.6/...: the body's own bare numbers are its
     * decisions, which pilcrow does not resolve. */
    return ORG_OTHER;
}

/* Fill C's key from its symbol: folded, and a Security Council
 * resolution's " (YYYY)" dropped. */
static void
make_key(struct pc_cite *c)
{
    size_t i, n = strlen(c->symbol);

    for (i = 0; i < 6 && i < n; i++)
        if (tolower((unsigned char)c->symbol[i]) != "s/res/"[i])
            break;
    if (i == 6)
        n = strcspn(c->symbol, " (");
    for (i = 0; i < n && i + 1 < sizeof(c->key); i++)
        c->key[i] = (char)tolower((unsigned char)c->symbol[i]);
    c->key[i] = '\0';
}

/* Hand citation C (its symbol set) to the callback, unless it is the
 * citing document itself. */
static void
emit(struct scan *sc, struct pc_cite *c)
{
    if (sc->stop)
        return;
    make_key(c);
    if (sc->self != NULL && strcmp(sc->self, c->key) == 0)
        return;
    if (sc->fn(c, sc->payload) != 0)
        sc->stop = 1;
}

/* ---- document symbols ------------------------------------------------- */

/* If a symbol starts at I, emit it (and its corrigenda, addenda,
 * revisions written after it) and return the offset past it; else 0. */
static size_t
symbol_at(struct scan *sc, size_t i)
{
    struct pc_cite c;
    size_t j = i, end, n, k;
    int digit = 0, slash = 0;
    unsigned long v, year;

    while (j < sc->len && isupper((unsigned char)sc->s[j]) && j - i < 8)
        j++;
    if (j == i || j >= sc->len || sc->s[j] != '/')
        return 0;
    /* Parts joined by '/', '.' or '-' between alphanumerics. */
    for (;;) {
        if (j >= sc->len || (sc->s[j] != '/' && sc->s[j] != '.' &&
                             sc->s[j] != '-'))
            break;
        if (j + 1 >= sc->len || !is_alnum(sc->s[j + 1]))
            break;
        if (sc->s[j] == '-' && slash > 0) {
            /* "E/1997/25-E/CN.9/1997/11" is two symbols. */
            for (k = j + 1; k < sc->len && isupper((unsigned char)sc->s[k]);
                 k++)
                ;
            if (k < sc->len && sc->s[k] == '/')
                break;
        }
        slash += sc->s[j] == '/';
        j++;
        while (j < sc->len && is_alnum(sc->s[j])) {
            digit |= isdigit((unsigned char)sc->s[j]) != 0;
            j++;
        }
    }
    end = j;
    if (!digit || slash < 1 || end - i >= sizeof(c.symbol) - 8)
        return 0;
    /* A digit run against a letter ("A/39/36r", "A/39/1s0") is a
     * garbled running header from OCR, not a symbol: parts of symbols
     * are separated ("L.5", "Rev.1", "PV.12"). */
    for (k = i + 1; k < end; k++)
        if ((isdigit((unsigned char)sc->s[k - 1]) &&
             isalpha((unsigned char)sc->s[k])) ||
            (islower((unsigned char)sc->s[k - 1]) &&
             isdigit((unsigned char)sc->s[k])))
            return 0;
    memset(&c, 0, sizeof(c));
    c.start = i;
    memcpy(c.symbol, sc->s + i, end - i);
    c.symbol[end - i] = '\0';
    /* S/RES/N(YYYY) and S/RES/N (YYYY): one form, with the space. */
    if (strncmp(c.symbol, "S/RES/", 6) == 0) {
        k = skip_space(sc, end);
        if (k - end <= 1 && k < sc->len && sc->s[k] == '(' &&
            (n = digits_at(sc, k + 1, 4, &year)) == 4 &&
            k + 5 < sc->len && sc->s[k + 5] == ')') {
            snprintf(c.symbol + (end - i), sizeof(c.symbol) - (end - i),
                     " (%lu)", year);
            end = k + 6;
        }
    }
    c.end = end;
    emit(sc, &c);
    /* "A/52/150 and Corr.1", "A/52/150 and Add.1"; "A/70/394/ Corr.1"
     * (a line broken after the slash). */
    k = skip_space(sc, end);
    n = word_at(sc, k, "and");
    if (n == 0 && end < sc->len && sc->s[end] == '/' &&
        space_at(sc, end + 1) > 0)
        n = end + 1;
    if (n > 0) {
        static const char *const parts[] = { "Corr.", "Add.", "Rev." };
        size_t base = strlen(c.symbol), p;

        k = skip_space(sc, n);
        for (p = 0; p < 3; p++) {
            size_t m = strlen(parts[p]);
            if (k + m < sc->len && memcmp(sc->s + k, parts[p], m) == 0 &&
                (n = digits_at(sc, k + m, 3, &v)) > 0 &&
                base + m + n + 2 < sizeof(c.symbol) &&
                strncmp(c.symbol, "S/RES/", 6) != 0) {
                c.symbol[base] = '/';
                memcpy(c.symbol + base + 1, parts[p], m);
                snprintf(c.symbol + base + 1 + m,
                         sizeof(c.symbol) - base - 1 - m, "%lu", v);
                c.start = k;
                c.end = k + m + n;
                emit(sc, &c);
                return c.end;
            }
        }
    }
    return end;
}

/* ---- resolutions and decisions by number ------------------------------ */

/* The organ named at I, its end in *END; ORG_NONE (and *END = I) when
 * the text there names none. */
static enum organ
organ_at(struct scan *sc, size_t i, size_t *end)
{
    static const struct {
        const char *phrase;
        enum organ organ;
    } names[] = {           /* first words: see may_open_numbered() */
        { "General Assembly", ORG_GA },
        { "Security Council", ORG_SC },
        { "Economic and Social Council", ORG_ECOSOC },
        { "Commission on Human Rights", ORG_CHR },
        { "Human Rights Council", ORG_HRC },
        { "Assembly", ORG_GA },
        { "Council", ORG_COUNCIL },
        { "its", ORG_ITS },
        { "their", ORG_NONE },
    };
    size_t k, e, b, n;

    *end = i;
    for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        if ((e = phrase_at(sc, i, names[k].phrase)) == 0)
            continue;
        /* "Assembly" or "Council" after another capitalised name is
         * another body's ("World Health Assembly", "Governing
         * Council"); after "the" or in lower case, it is the one. */
        if ((names[k].organ == ORG_GA || names[k].organ == ORG_COUNCIL) &&
            k >= 5 && (n = word_before(sc, i, &b)) > 0 &&
            isupper((unsigned char)sc->s[b]) &&
            !(n == 3 && memcmp(sc->s + b, "The", 3) == 0))
            return ORG_OTHER;
        *end = skip_space(sc, e);
        return names[k].organ;
    }
    return ORG_NONE;
}

/* Is the word before I the name of a body pilcrow cannot resolve
 * ("Board", "Committee", ...), so that a bare "decision 2024/15" after
 * it is that body's? */
static int
other_body_before(const struct scan *sc, size_t i)
{
    static const char *const bodies[] = {
        "Board", "Committee", "Conference", "Commission", "Forum",
        "Parties", "Meeting", "Programme", "Organization", "Group",
        "Body", "Court", "Tribunal", "Union", "Council", "Assembly",
        "Sub-Commission", "Secretariat", "Bureau", "Agency", "Fund",
        "Authority", "Congress", "Session", "Plenary", "Unit"
    };
    size_t b, n, k;

    if ((n = word_before(sc, i, &b)) == 0)
        return 0;
    for (k = 0; k < sizeof(bodies) / sizeof(bodies[0]); k++)
        if (strlen(bodies[k]) == n && memcmp(sc->s + b, bodies[k], n) == 0)
            return 1;
    return 0;
}

/* The forms of a number. */
enum form {
    F_SESSION,                 /* N/M, N a session (1-3 digits) */
    F_YEAR,                    /* YYYY/N */
    F_SPECIAL,                 /* S-N/M, a special session */
    F_SC,                      /* N (YYYY) */
    F_ROMAN,                   /* N (XV) */
    F_BARE                     /* N */
};

/* One number as read by item_at(). */
struct item {
    enum form form;
    char text[40];             /* "50/123", "2719", "S-26/2" */
    char paren[12];            /* "2023", "XV" */
    int named;                 /* the organ was named before it */
    size_t start, end;
};

/* Read a number item at I into *IT; the offset past it, or 0. */
static size_t
item_at(const struct scan *sc, size_t i, struct item *it)
{
    unsigned long a, b;
    size_t n, m, j = i, k;
    int special = 0;

    memset(it, 0, sizeof(*it));
    it->start = i;
    if (j + 2 < sc->len && sc->s[j] == 'S' && sc->s[j + 1] == '-') {
        special = 1;
        j += 2;
    }
    if ((n = digits_at(sc, j, 4, &a)) == 0 || a == 0)
        return 0;
    j += n;
    if (j < sc->len && sc->s[j] == '/') {
        if ((m = digits_at(sc, j + 1, 4, &b)) == 0)
            return 0;
        k = j + 1 + m;
        /* "1/CP.21", "49/127/Add.1", "2/3rds": not ours. */
        if (k < sc->len && (is_alnum(sc->s[k]) || sc->s[k] == '/' ||
                            (sc->s[k] == '.' && k + 1 < sc->len &&
                             is_alnum(sc->s[k + 1]))))
            return 0;
        if (special)
            it->form = F_SPECIAL;
        else if (n == 4 && a >= 1946 && a <= 2099)
            it->form = F_YEAR;
        else if (n <= 3)
            it->form = F_SESSION;
        else
            return 0;
        snprintf(it->text, sizeof(it->text), "%s%lu/%lu",
                 special ? "S-" : "", a, b);
        it->end = k;
        return k;
    }
    if (special || (j < sc->len && (is_alnum(sc->s[j]) ||
                                    (sc->s[j] == '.' && j + 1 < sc->len &&
                                     isdigit((unsigned char)sc->s[j + 1])))))
        return 0;
    snprintf(it->text, sizeof(it->text), "%lu", a);
    it->form = F_BARE;
    it->end = j;
    k = skip_space(sc, j);
    if (k - j <= 2 && k < sc->len && sc->s[k] == '(') {
        if (digits_at(sc, k + 1, 4, &b) == 4 && k + 5 < sc->len &&
            sc->s[k + 5] == ')') {
            it->form = F_SC;
            snprintf(it->paren, sizeof(it->paren), "%lu", b);
            it->end = k + 6;
        } else {
            for (m = k + 1; m < sc->len && m - k <= 6 &&
                 strchr("IVXL", sc->s[m]) != NULL; m++)
                ;
            if (m > k + 1 && m < sc->len && sc->s[m] == ')') {
                it->form = F_ROMAN;
                memcpy(it->paren, sc->s + k + 1, m - k - 1);
                it->paren[m - k - 1] = '\0';
                it->end = m + 1;
            }
        }
    }
    return it->end;
}

/* The offset past " of 23 December 1994" at I, or I. */
static size_t
skip_date(const struct scan *sc, size_t i)
{
    size_t j = skip_space(sc, i), n;
    unsigned long v;

    if ((j = word_at(sc, j, "of")) == 0)
        return i;
    j = skip_space(sc, j);
    if ((n = digits_at(sc, j, 2, &v)) > 0)
        j = skip_space(sc, j + n);
    if (j >= sc->len || !isupper((unsigned char)sc->s[j]))
        return i;
    while (j < sc->len && isalpha((unsigned char)sc->s[j]))
        j++;
    j = skip_space(sc, j);
    if (digits_at(sc, j, 4, &v) != 4)
        return i;
    return j + 4;
}

/* The offset past a gloss in parentheses at I, "(endorsing the 2030
 * Agenda)", that a list of resolutions gives after an item (at most a
 * line or two, nothing nested); else I. */
static size_t
skip_gloss(const struct scan *sc, size_t i)
{
    size_t j = skip_space(sc, i), k;

    if (j >= sc->len || sc->s[j] != '(')
        return i;
    for (k = j + 1; k < sc->len && k < j + 240; k++) {
        if (sc->s[k] == '(')
            return i;
        if (sc->s[k] == ')')
            return k + 1;
    }
    return i;
}

/* The organ of item IT, a resolution (DEC 0) or decision (DEC 1) with
 * no organ named, in a document of another series (DP/, E/ICEF/,
 * E/CN.9/, E/HLPF/): ORG_OTHER, the body's own, but for a resolution
 * numbered by session, which boards and year-numbering commissions do
 * not adopt: the General Assembly's, where a commission's own (E/CN.6,
 * E/CN.7, E/CN.15 number by session too, up to their sixty-odd
 * sessions) cannot be it. */
static enum organ
other_default(const struct scan *sc, const struct item *it, int dec)
{
    if (dec || (it->form != F_SESSION && it->form != F_SPECIAL))
        return ORG_OTHER;
    if (sc->citing_symbol != NULL &&
        strncmp(sc->citing_symbol, "E/CN.", 5) == 0 &&
        (it->form == F_SPECIAL || atoi(it->text) < 70))
        return ORG_OTHER;
    return ORG_GA;
}

/* The series of the symbols of each organ's resolutions, by enum
 * organ. */
static const char *const series[] = {
    "", "A/", "S/", "E/", "E/CN.4/", "A/HRC/", "", "", ""
};

/* Resolve item IT, a resolution (DEC 0) or decision (DEC 1) of organ
 * ORG as written, and emit it.  Items no organ resolves are dropped. */
static void
resolve(struct scan *sc, const struct item *it, enum organ org, int dec)
{
    struct pc_cite c;
    const char *kind = dec ? "DEC" : "RES";

    /* "its resolution": of the organ named before it in the text ("the
     * General Assembly, in its resolution 74/135"), else of the citing
     * document, but where the number's form says ("the Council, in its
     * resolution 2719 (2023)"). */
    if (org == ORG_ITS && it->form != F_SESSION && it->form != F_BARE &&
        it->form != F_SPECIAL)
        org = ORG_NONE;
    else if (org == ORG_ITS)
        org = sc->named_here != ORG_NONE ? sc->named_here : sc->citing;
    if (org == ORG_NONE && sc->citing == ORG_OTHER)
        org = other_default(sc, it, dec);
    if (org == ORG_OTHER)
        return;
    switch (it->form) {
    case F_SC:
        if ((org != ORG_NONE && org != ORG_SC && org != ORG_COUNCIL) || dec)
            return;
        org = ORG_SC;
        break;
    case F_YEAR:
        /* "the Commission on Human Rights ... the Commission adopted
         * resolutions 1997/14 and 1997/15". */
        if ((org == ORG_NONE || org == ORG_COUNCIL) &&
            (sc->named == ORG_CHR || sc->named == ORG_ECOSOC))
            org = sc->named;
        if (org == ORG_NONE || org == ORG_COUNCIL)
            org = sc->citing == ORG_CHR ? ORG_CHR : ORG_ECOSOC;
        if (org != ORG_ECOSOC && org != ORG_CHR)
            return;
        break;
    case F_SESSION:
    case F_SPECIAL:
        if (org == ORG_COUNCIL ||
            (org == ORG_NONE && sc->citing == ORG_HRC))
            org = ORG_HRC;
        if (org == ORG_NONE)
            org = ORG_GA;
        /* The Assembly numbers its decisions from 401 ("decision
         * 38/402"): a bare "decision 16/5" is another body's (a
         * Conference of the Parties). */
        if (org == ORG_GA && dec && it->form == F_SESSION &&
            atoi(strchr(it->text, '/') + 1) < 300 && !it->named)
            return;
        if (org != ORG_GA && org != ORG_HRC)
            return;
        break;
    case F_ROMAN:
        if ((org != ORG_NONE && org != ORG_GA) || dec)
            return;
        org = ORG_GA;
        break;
    case F_BARE:
        if (org == ORG_NONE || org == ORG_COUNCIL)
            org = sc->citing == ORG_SC ? ORG_SC : ORG_NONE;
        if (dec || (org != ORG_SC && org != ORG_GA))
            return;
        break;
    }
    /* "S/" "RES" "/" "2719" " (2023)", "E/CN.4/" "DEC" "/" "1997/15". */
    memset(&c, 0, sizeof(c));
    c.start = it->start;
    c.end = it->end;
    snprintf(c.symbol, sizeof(c.symbol), "%s%s/%s%s%s%s", series[org], kind,
             it->text, it->paren[0] ? " (" : "", it->paren,
             it->paren[0] ? ")" : "");
    emit(sc, &c);
}

/* If "[organ] resolution(s) item, item and item" starts at I, emit the
 * citations and return the offset past them; else 0. */
static size_t
numbered_at(struct scan *sc, size_t i)
{
    static const char *const keywords[] = {   /* may_open_numbered() */
        "resolutions", "resolution", "decisions", "decision"
    };
    enum organ org;
    struct item it;
    size_t j, k, n, e, last;
    int dec = -1;

    org = organ_at(sc, i, &j);
    if (org == ORG_OTHER)
        return 0;
    if (org != ORG_NONE && org != ORG_COUNCIL && org != ORG_ITS)
        sc->named = sc->named_here = org;
    for (k = 0; k < 4 && dec < 0; k++)
        if ((e = word_at(sc, j, keywords[k])) > 0)
            dec = k >= 2;
    if (dec < 0)
        return 0;
    if (org == ORG_NONE && other_body_before(sc, i))
        return 0;
    j = skip_space(sc, e);
    if (j == e || (n = item_at(sc, j, &it)) == 0)
        return 0;
    it.named = org == ORG_GA;
    resolve(sc, &it, org, dec);
    last = n;
    /* More items: ", 50/123", " and 50/123", ", and 50/123", and
     * "69/237 (on evaluation); 70/1 (endorsing ...); and 77/283". */
    for (;;) {
        j = skip_gloss(sc, skip_date(sc, last));
        if (j < sc->len && (sc->s[j] == ',' || sc->s[j] == ';'))
            j++;
        k = skip_space(sc, j);
        if ((e = word_at(sc, k, "and")) > 0 || (e = word_at(sc, k, "or")) > 0)
            k = skip_space(sc, e);
        if (k == last || (n = item_at(sc, k, &it)) == 0)
            break;
        /* A bare number after a list of other forms is a count or a
         * paragraph ("resolution 1514 (XV), 1541 ..." keeps going,
         * "... and 2 of ..." does not). */
        if (it.form == F_BARE && org != ORG_SC && sc->citing != ORG_SC)
            break;
        it.named = org == ORG_GA;
        resolve(sc, &it, org, dec);
        last = n;
    }
    return last;
}

/* Can numbered_at() do anything at I: is the word there the first word
 * of an organ's name organ_at() knows, or a keyword?  Compared as
 * word_at() compares, the first letter in either case; most words are
 * none of them, and this spares them a dozen comparisons. */
static int
may_open_numbered(const struct scan *sc, size_t i)
{
    const char *w = sc->s + i, *a, *b = NULL;
    size_t n = 0;

    switch (tolower((unsigned char)w[0])) {
    case 'a': a = "assembly"; break;
    case 'c': a = "council"; b = "commission"; break;
    case 'd': a = "decision"; b = "decisions"; break;
    case 'e': a = "economic"; break;
    case 'g': a = "general"; break;
    case 'h': a = "human"; break;
    case 'i': a = "its"; break;
    case 'r': a = "resolution"; b = "resolutions"; break;
    case 's': a = "security"; break;
    case 't': a = "their"; break;
    default:  return 0;
    }
    while (i + n < sc->len && isalpha((unsigned char)w[n]))
        n++;
    return (strlen(a) == n && memcmp(w + 1, a + 1, n - 1) == 0) ||
           (b != NULL && strlen(b) == n && memcmp(w + 1, b + 1, n - 1) == 0);
}

/* ---- the entry points ------------------------------------------------- */

void
pc_cite_key(char *key, size_t size, const char *symbol)
{
    struct pc_cite c;

    if (size == 0)
        return;
    memset(&c, 0, sizeof(c));
    snprintf(c.symbol, sizeof(c.symbol), "%s", symbol ? symbol : "");
    make_key(&c);
    snprintf(key, size, "%s", c.key);
}

int
pc_cite_key_of(const char *v, size_t len, char *key, size_t size)
{
    struct pc_cite c;
    char buf[PC_CITE_MAX + 16];

    memset(&c, 0, sizeof(c));
    if (pc_cite_at(v, len, NULL, &c) == 0 && len < PC_CITE_MAX) {
        /* "50/123", "2719 (2023)": a number as a resolution cites it;
         * else the symbol as written, of any series. */
        memcpy(buf, "resolution ", 11);
        memcpy(buf + 11, v, len);
        if (pc_cite_at(buf, 11 + len, NULL, &c) == 0) {
            memcpy(buf, v, len);
            buf[len] = '\0';
            pc_cite_key(c.key, sizeof(c.key), buf);
        }
    }
    snprintf(key, size, "%s", c.key);
    return strchr(c.key, '/') != NULL ? 0 : -1;
}

/* Set up SC over TEXT for a document whose symbol is CITING. */
static void
scan_init(struct scan *sc, const char *text, size_t len, const char *citing,
          char *self, size_t self_size, pc_cite_fn *fn, void *payload)
{
    memset(sc, 0, sizeof(*sc));
    sc->s = text;
    sc->len = len;
    sc->citing = organ_of_symbol(citing);
    sc->citing_symbol = citing;
    sc->fn = fn;
    sc->payload = payload;
    if (citing != NULL) {
        pc_cite_key(self, self_size, citing);
        sc->self = self;
    }
}

/* Where a citation can start, the scan looks: a symbol starts at most
 * SLASH_REACH bytes before its first '/' (symbol_at: up to eight
 * capitals, then '/'), a numbered one, or an organ's name, at most
 * KEYWORD_REACH bytes before its keyword ("Economic and Social Council
 * resolution", from the keyword's second letter; organ_at, numbered_at).
 * About 5% of the text of UN documents is within reach. */
#define SLASH_REACH 10
#define KEYWORD_REACH 64

/* The keywords' first two letters from their second: bit (A << 8 | B)
 * of this set is on for each pair AB that opens one ("es", "ec", "ss",
 * "ou", "om"), so that next_keyword() tests two bytes at once. */
static uint64_t key_pairs[65536 / 64];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void
key_pairs_build(void)
{
    static const char *const pairs[] = { "es", "ec", "ss", "ou", "om" };
    size_t k;
    unsigned v;

    for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
        v = (unsigned)(unsigned char)pairs[k][0] << 8 |
            (unsigned char)pairs[k][1];
        key_pairs[v / 64] |= (uint64_t)1 << (v % 64);
    }
}

/* The offset in TEXT (LEN bytes), at or after FROM, of the next keyword
 * of a numbered citation ("esolution", "ecision") or organ name that
 * names the organ it cites ("ssembly", "ouncil", "ommission": organ_at()
 * sets the organ later citations are of, "its resolution 18/8"), from
 * its second letter, which is in lower case either way; LEN when none.
 * A loop over byte pairs: the letters are too common for memchr(). */
static size_t
next_keyword(const char *text, size_t len, size_t from)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t q;
    unsigned v;

    pthread_once(&key_once, key_pairs_build);
    for (q = from; q + 6 <= len; q++) {
        v = (unsigned)t[q] << 8 | t[q + 1];
        if (!(key_pairs[v / 64] >> (v % 64) & 1))
            continue;
        switch (text[q]) {
        case 'e':
            if ((text[q + 1] == 's' && q + 9 <= len &&
                 memcmp(text + q + 2, "olution", 7) == 0) ||
                (text[q + 1] == 'c' && q + 7 <= len &&
                 memcmp(text + q + 2, "ision", 5) == 0))
                return q;
            break;
        case 's':
            if (text[q + 1] == 's' && q + 7 <= len &&
                memcmp(text + q + 2, "embly", 5) == 0)
                return q;
            break;
        case 'o':
            if ((text[q + 1] == 'u' && memcmp(text + q + 2, "ncil", 4) == 0) ||
                (text[q + 1] == 'm' && q + 9 <= len &&
                 memcmp(text + q + 2, "mission", 7) == 0))
                return q;
            break;
        default:
            break;
        }
    }
    return len;
}

/* Not searched yet, for next_reach(). */
#define UNSEARCHED ((size_t)-1)

/* The next offset at or after FROM within reach of a '/' or a keyword
 * (next_keyword()) of TEXT (LEN bytes), or LEN.  *SLASH and *WORD keep the
 * next '/' and keyword found so far (LEN: none; UNSEARCHED at first). */
static size_t
next_reach(const char *text, size_t len, size_t from, size_t *slash,
           size_t *word)
{
    const char *q;
    size_t a, b;

    if (*slash < from || *slash == UNSEARCHED)
        *slash = (q = memchr(text + from, '/', len - from)) ? (size_t)(q - text)
                                                            : len;
    if (*word < from || *word == UNSEARCHED)
        *word = next_keyword(text, len, from);
    a = *slash == len ? len : *slash > SLASH_REACH ? *slash - SLASH_REACH : 0;
    b = *word == len ? len : *word > KEYWORD_REACH ? *word - KEYWORD_REACH : 0;
    a = a < b ? a : b;
    return a > from ? a : from;
}

void
pc_cite_scan(const char *text, size_t len, const char *citing,
             int *named, pc_cite_fn *fn, void *payload)
{
    struct scan sc;
    char self[PC_CITE_MAX];
    size_t i = 0, e, reach = 0, slash = UNSEARCHED, word = UNSEARCHED;

    scan_init(&sc, text, len, citing, self, sizeof(self), fn, payload);
    if (named != NULL)
        sc.named = (enum organ)*named;
    while (i < len && !sc.stop) {
        /* Most of a text is out of any citation's reach: skip it. */
        if (i >= reach) {
            if ((i = next_reach(text, len, i, &slash, &word)) >= len)
                break;
            reach = (slash < word ? slash : word) + 1;
        }
        if (!isalpha((unsigned char)text[i])) {
            i++;
            continue;
        }
        if (i > 0 && text[i - 1] == '-' && isupper((unsigned char)text[i]) &&
            i > 1 && is_alnum(text[i - 2]) &&
            (e = symbol_at(&sc, i)) > 0) {
            i = e;              /* the second of "E/1997/25-E/CN.9/..." */
            continue;
        }
        if (i > 0 && (is_alnum(text[i - 1]) || text[i - 1] == '/' ||
                      text[i - 1] == '.' || text[i - 1] == '-')) {
            i++;
            continue;
        }
        if ((e = symbol_at(&sc, i)) > 0 ||
            (may_open_numbered(&sc, i) && (e = numbered_at(&sc, i)) > 0)) {
            i = e;
            continue;
        }
        while (i < len && is_alnum(text[i]))
            i++;
    }
    if (named != NULL)
        *named = (int)sc.named;
}

/* The first citation of a text, for pc_cite_at(). */
struct first {
    struct pc_cite *out;
    int found;
};

static int
take_first(const struct pc_cite *c, void *payload)
{
    struct first *f = payload;

    if (!f->found)
        *f->out = *c;
    f->found = 1;
    return 0;
}

size_t
pc_cite_at(const char *text, size_t len, const char *citing,
           struct pc_cite *out)
{
    struct scan sc;
    struct first f;
    char self[PC_CITE_MAX];
    size_t e;

    f.out = out;
    f.found = 0;
    if (len == 0 || !isalpha((unsigned char)text[0]))
        return 0;
    scan_init(&sc, text, len, citing, self, sizeof(self), take_first, &f);
    if ((e = symbol_at(&sc, 0)) == 0)
        e = numbered_at(&sc, 0);
    return f.found ? e : 0;
}

/* ---- a record's citations --------------------------------------------- */

/* State of add_ref(): the record's citations so far. */
struct refs {
    pilcrow_status *st;
    struct pc_arena *arena;
    const char **refs;         /* pc_malloc'd while collecting */
    size_t n_refs, cap_refs;
};

/* Add citation C to the refs in PAYLOAD, once per key; a citation with
 * its year replaces the same resolution without. */
static int
add_ref(const struct pc_cite *c, void *payload)
{
    struct refs *rf = payload;
    char key[PC_CITE_MAX];
    size_t i;

    for (i = 0; i < rf->n_refs; i++) {
        pc_cite_key(key, sizeof(key), rf->refs[i]);
        if (strcmp(key, c->key) != 0)
            continue;
        if (strlen(c->symbol) > strlen(rf->refs[i]))
            rf->refs[i] = pc_arena_strdup(rf->st, rf->arena, c->symbol);
        return *rf->st < 0;
    }
    if (pc_grow(rf->st, &rf->refs, &rf->cap_refs, rf->n_refs,
                sizeof(*rf->refs), 4) < 0)
        return 1;
    rf->refs[rf->n_refs] = pc_arena_strdup(rf->st, rf->arena, c->symbol);
    if (*rf->st < 0)
        return 1;
    rf->n_refs++;
    return 0;
}

void
pc_cite_record(pilcrow_status *st, struct pilcrow_record *r,
               const char *citing, int *named, struct pc_arena *a)
{
    struct refs rf;

    r->refs = NULL;
    r->n_refs = 0;
    if (*st < 0 || r->text == NULL)
        return;
    rf.st = st;
    rf.arena = a;
    rf.refs = NULL;
    rf.n_refs = rf.cap_refs = 0;
    pc_cite_scan(r->text, r->text_len, citing, named, add_ref, &rf);
    if (*st >= 0 && rf.n_refs > 0) {
        r->refs = pc_arena_alloc(st, a, rf.n_refs * sizeof(*r->refs));
        if (r->refs != NULL) {
            memcpy(r->refs, rf.refs, rf.n_refs * sizeof(*r->refs));
            r->n_refs = rf.n_refs;
        }
    }
    pc_free(rf.refs);
}

size_t
pilcrow_record_n_refs(const pilcrow_record *r)
{
    return r ? r->n_refs : 0;
}

const char *
pilcrow_record_ref(const pilcrow_record *r, size_t i)
{
    if (r == NULL || i >= r->n_refs)
        return NULL;
    return r->refs[i];
}

/* State of find_key(): the key looked for and where it was cited. */
struct find {
    const char *key;
    size_t start, end;
    int found;
};

static int
find_key(const struct pc_cite *c, void *payload)
{
    struct find *f = payload;

    if (strcmp(c->key, f->key) != 0)
        return 0;
    f->start = c->start;
    f->end = c->end;
    f->found = 1;
    return 1;
}

const char *
pilcrow_record_ref_find(const pilcrow_record *r, const char *symbol,
                        size_t *start, size_t *end)
{
    char key[PC_CITE_MAX], ref[PC_CITE_MAX];
    struct find f;
    size_t i;

    if (start != NULL)
        *start = 0;
    if (end != NULL)
        *end = 0;
    if (r == NULL || symbol == NULL ||
        pc_cite_key_of(symbol, strlen(symbol), key, sizeof(key)) < 0)
        return NULL;
    for (i = 0; i < r->n_refs; i++) {
        pc_cite_key(ref, sizeof(ref), r->refs[i]);
        if (strcmp(ref, key) == 0)
            break;
    }
    if (i == r->n_refs)
        return NULL;
    f.key = key;
    f.found = 0;
    if (r->text != NULL)
        pc_cite_scan(r->text, r->text_len, r->symbol, NULL, find_key, &f);
    if (f.found && start != NULL)
        *start = f.start;
    if (f.found && end != NULL)
        *end = f.end;
    return r->refs[i];
}
