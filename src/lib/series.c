/*
 * series.c - what a UN document symbol says about its document: the
 * organ whose series it is in (the one table of series, below), the
 * session of a numbered series ("A/80/..."), the type a series
 * component gives ("/RES/", "/PV.", "/L."), and the version at its end
 * ("Rev.1", "Corr.1", "Add.2") with the symbol of the base document.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "pilcrow-private.h"

/* The series of UN symbols: a symbol's organ is that of the longest
 * prefix it starts with.  PARENT is the organ a subsidiary body
 * reports to, so that organ:ECOSOC finds the functional commissions'
 * documents too (NULL when none). */
static const struct series {
    const char *prefix;         /* "E/CN.6/" */
    const char *organ;          /* "CSW" */
    const char *parent;         /* "ECOSOC" */
} series[] = {
    { "A/HRC/",     "HRC",      "GA" },
    { "A/",         "GA",       NULL },
    { "S/",         "SC",       NULL },
    { "E/CN.3/",    "STATCOM",  "ECOSOC" },
    { "E/CN.4/",    "CHR",      "ECOSOC" },
    { "E/CN.5/",    "CSOCD",    "ECOSOC" },
    { "E/CN.6/",    "CSW",      "ECOSOC" },
    { "E/CN.7/",    "CND",      "ECOSOC" },
    { "E/CN.9/",    "CPD",      "ECOSOC" },
    { "E/CN.15/",   "CCPCJ",    "ECOSOC" },
    { "E/CN.16/",   "CSTD",     "ECOSOC" },
    { "E/CN.17/",   "CSD",      "ECOSOC" },
    { "E/CN.18/",   "UNFF",     "ECOSOC" },
    { "E/C.12/",    "CESCR",    "ECOSOC" },
    { "E/C.16/",    "CEPA",     "ECOSOC" },
    { "E/C.18/",    "TAX",      "ECOSOC" },
    { "E/C.19/",    "UNPFII",   "ECOSOC" },
    { "E/ICEF/",    "UNICEF",   "ECOSOC" },
    { "E/",         "ECOSOC",   NULL },
    { "DP/",        "UNDP",     "ECOSOC" },
    { "UNW/",       "UNWOMEN",  "ECOSOC" },
    { "ST/",        "SECRETARIAT", NULL },
    { "JIU/",       "JIU",      NULL },
    { "TD/",        "UNCTAD",   NULL },
    { "UNCTAD/",    "UNCTAD",   NULL },
    { "CEB/",       "CEB",      NULL },
    { "CCPR/",      "CCPR",     NULL },
    { "HRI/",       "HRI",      NULL },
    { "FCCC/",      "UNFCCC",   NULL },
    { "ICCD/",      "UNCCD",    NULL },
    { "TPNW/",      "TPNW",     NULL },
    { "GEGN.2/",    "UNGEGN",   "ECOSOC" },
};

/* Metadata field names, by pilcrow_meta_field. */
static const char *const field_names[PC_N_META] = {
    "organ", "session", "agenda", "agenda_title", "type", "version",
    "base"
};

const char *
pilcrow_meta_field_name(pilcrow_meta_field f)
{
    return (unsigned)f < PC_N_META ? field_names[f] : NULL;
}

/* The entry of SYM's series, or NULL. */
static const struct series *
find_series(const char *sym, size_t len)
{
    const struct series *best = NULL;
    size_t i, n, best_n = 0;

    for (i = 0; i < sizeof(series) / sizeof(series[0]); i++) {
        n = strlen(series[i].prefix);
        if (n <= len && n > best_n &&
            strncasecmp(sym, series[i].prefix, n) == 0) {
            best = &series[i];
            best_n = n;
        }
    }
    return best;
}

const char *
pc_organ_parent(const char *organ)
{
    size_t i;

    for (i = 0; organ && i < sizeof(series) / sizeof(series[0]); i++)
        if (strcmp(series[i].organ, organ) == 0)
            return series[i].parent;
    return NULL;
}

size_t
pc_symbol_first_len(const char *sym)
{
    size_t len;

    for (len = 0; sym[len] && sym[len] != ' ' && sym[len] != '(' &&
         !(sym[len] == '-' && isupper((unsigned char)sym[len + 1]) &&
           strchr(sym + len, '/') != NULL); len++)
        ;
    return len;
}

/* Is the component of N bytes at C a version: "Rev.1", "Corr.2",
 * "Add.3" (any case)? */
static int
version_part(const char *c, size_t n)
{
    static const char *const kinds[] = { "Rev.", "Corr.", "Add.", NULL };
    size_t i, k;

    for (i = 0; kinds[i]; i++) {
        k = strlen(kinds[i]);
        if (n > k && strncasecmp(c, kinds[i], k) == 0 &&
            isdigit((unsigned char)c[k]))
            return 1;
    }
    return 0;
}

/* Set *DST (unless set) to a copy of the N bytes at S in DOC's arena. */
static void
set_field(pilcrow_status *st, pilcrow_doc *doc, pilcrow_meta_field f,
          const char *s, size_t n)
{
    if (doc->meta[f] == NULL && n > 0)
        doc->meta[f] = pc_arena_strndup(st, &doc->arena, s, n);
}

/* Is the second component of the GA symbol SYM one after which the
 * session comes: "A/RES/80/1", "A/C.3/80/L.5", "A/INF/80/4"? */
static int
ga_series(const char *sym)
{
    const char *c = strchr(sym, '/');

    if (c == NULL)
        return 0;
    c++;
    return strncasecmp(c, "RES/", 4) == 0 || strncasecmp(c, "DEC/", 4) == 0 ||
           strncasecmp(c, "INF/", 4) == 0 || (strncasecmp(c, "C.", 2) == 0 &&
                                               isdigit((unsigned char)c[2]));
}

void
pc_meta_from_symbol(pilcrow_status *st, pilcrow_doc *doc)
{
    const struct series *se;
    const char *sym = doc->symbol, *c, *slash, *vstart = NULL;
    size_t len, n;
    int k;

    if (sym == NULL || *sym == '\0')
        return;
    len = pc_symbol_first_len(sym);
    if ((se = find_series(sym, len)) != NULL)
        set_field(st, doc, PILCROW_META_ORGAN, se->organ,
                  strlen(se->organ));
    /* Components: the version ones at the end, the type ones, and the
     * session (the first all-digit component of a GA or ECOSOC
     * symbol after the series prefix). */
    for (c = sym, k = 0; c < sym + len; c = slash + 1, k++) {
        slash = memchr(c, '/', (size_t)(sym + len - c));
        if (slash == NULL)
            slash = sym + len;
        n = (size_t)(slash - c);
        if (version_part(c, n)) {
            if (vstart == NULL)
                vstart = c;
        } else {
            vstart = NULL;
        }
        if (n == 3 && strncasecmp(c, "RES", 3) == 0)
            set_field(st, doc, PILCROW_META_TYPE, "resolution", 10);
        else if (n == 3 && strncasecmp(c, "DEC", 3) == 0)
            set_field(st, doc, PILCROW_META_TYPE, "decision", 8);
        else if (n == 4 && strncasecmp(c, "PRST", 4) == 0)
            set_field(st, doc, PILCROW_META_TYPE, "statement", 9);
        else if (n > 3 && strncasecmp(c, "PV.", 3) == 0)
            set_field(st, doc, PILCROW_META_TYPE, "record", 6);
        else if (n > 2 && strncasecmp(c, "L.", 2) == 0 &&
                 isdigit((unsigned char)c[2]))
            set_field(st, doc, PILCROW_META_TYPE, "draft", 5);
        else if (n > 0 && se != NULL && strspn(c, "0123456789") == n &&
                 ((strcmp(se->organ, "GA") == 0 && n <= 2 &&
                   (k == 1 || (k == 2 && ga_series(sym)))) ||
                  (strcmp(se->organ, "HRC") == 0 && k == 2 && n <= 2) ||
                  (strcmp(se->organ, "ECOSOC") == 0 && n == 4 && k == 1)))
            set_field(st, doc, PILCROW_META_SESSION, c, n);
        if (slash == sym + len)
            break;
    }
    if (vstart != NULL && vstart > sym + 1) {
        set_field(st, doc, PILCROW_META_VERSION, vstart,
                  (size_t)(sym + len - vstart));
        set_field(st, doc, PILCROW_META_BASE, sym,
                  (size_t)(vstart - 1 - sym));
    }
}
