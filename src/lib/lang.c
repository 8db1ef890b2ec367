/*
 * lang.c - the languages pilcrow analyses (one row each: stemmer,
 * elisions, stopwords) and each language's Snowball stemmer behind a
 * bounded cache of folded word -> stem.
 *
 * Stemming costs far more than tokenizing, and prose repeats few
 * distinct words, so each stemmer keeps a cache (open addressing,
 * cleared when full).
 */
#include <string.h>

#include <libstemmer.h>

#include "pilcrow-private.h"

/* Default bound of the stem cache, in entries. */
#define PC_STEM_CACHE_ENTRIES 65536

/* Bytes of cached words and stems at which the cache is cleared. */
#define PC_STEM_POOL_MAX (4u * 1024 * 1024)

/* French articles and conjunctions that elide before a vowel. */
static const char *const fr_elisions[] = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
    "puisqu", "quoiqu", NULL
};

/* English function words not worth a posting: the most frequent words
 * of English text (about a third of its tokens), which carry no topic.
 * They keep their positions, so a phrase across one ("rights of
 * migrants") still matches with the gap.  Sorted, for bsearch(). */
static const char *const en_stopwords[] = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has",
    "have", "in", "is", "it", "its", "of", "on", "or", "that", "the",
    "this", "to", "was", "were", "which", "with", NULL
};

#define PC_LIST_LEN(list) (sizeof(list) / sizeof((list)[0]) - 1)

static const struct pc_lang pc_languages[] = {
    /* Porter2 rewrites suffixes only; t-analyze checks the first byte
     * over every word of the corpora it finds. */
    { "en", "english", NULL, en_stopwords, PC_LIST_LEN(en_stopwords), 1 },
    { "fr", "french", fr_elisions, NULL, 0, 0 },
    { "es", "spanish", NULL, NULL, 0, 0 },
    { "ru", "russian", NULL, NULL, 0, 0 },
    { "ar", "arabic", NULL, NULL, 0, 0 },  /* strips prefixes too */
    { "zh", NULL, NULL, NULL, 0, 0 },      /* CJK bigrams, no stemming */
};

int
pc_lang_is_stopword(const struct pc_lang *lang, const char *w, size_t len)
{
    const char *const *list = lang->stopwords;
    size_t lo = 0, hi = lang->n_stopwords, mid;
    int c;

    if (list == NULL || len > 5)    /* 5: the longest stopword listed */
        return 0;
    while (lo < hi) {
        mid = (lo + hi) / 2;
        c = strncmp(list[mid], w, len);
        if (c == 0)
            c = list[mid][len] != '\0';
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* ---- the stem cache ------------------------------------------------ */

/* A stem cache slot: OFF is the entry's offset in the pool (0: empty). */
struct pc_stem_slot {
    uint32_t hash;
    uint32_t off;
};

/*
 * The stem cache.  Pool entries are: byte word length, byte stem
 * length, the folded word, its stem.  Offset 0 of the pool is unused so
 * that 0 can mark an empty slot.
 */
struct pc_stem_cache {
    struct pc_stem_slot *slots;     /* n_slots entries, NULL until used */
    uint32_t mask;                  /* n_slots - 1 (a power of two) */
    uint32_t n;                     /* entries in use */
    uint32_t max;                   /* entries at which it is cleared */
    char *pool;
    size_t pool_len;                /* bytes used (>= 1 once allocated) */
    size_t pool_cap;                /* bytes allocated */
};

/* A language's Snowball stemmer, behind a bounded cache. */
struct pc_stemmer {
    const struct pc_lang *lang;
    struct sb_stemmer *sb;          /* NULL for languages without one */
    struct pc_stem_cache cache;
};

/* Non-zero if LANG names language L: "en", "EN", "en-GB", "en_GB". */
static int
lang_matches(const struct pc_lang *l, const char *lang)
{
    size_t n = strlen(l->code), i;

    for (i = 0; i < n; i++) {
        char c = lang[i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        if (c != l->code[i])
            return 0;
    }
    return lang[n] == '\0' || lang[n] == '-' || lang[n] == '_';
}

const struct pc_lang *
pc_lang_find(const char *code)
{
    size_t i;

    if (code == NULL)
        return NULL;
    for (i = 0; i < sizeof(pc_languages) / sizeof(pc_languages[0]); i++)
        if (lang_matches(&pc_languages[i], code))
            return &pc_languages[i];
    return NULL;
}

pilcrow_status
pc_stemmer_new(struct pc_stemmer **out, const struct pc_lang *l)
{
    struct pc_stemmer *s;

    *out = NULL;
    if ((s = pc_calloc(1, sizeof(*s))) == NULL)
        return PILCROW_NOMEM;
    s->lang = l;
    s->cache.max = PC_STEM_CACHE_ENTRIES;
    /* libstemmer allocates with malloc(3); NULL here is out of memory,
     * since every name in the table is one libstemmer knows. */
    if (l->stemmer != NULL &&
        (s->sb = sb_stemmer_new(l->stemmer, "UTF_8")) == NULL) {
        pc_free(s);
        return PILCROW_NOMEM;
    }
    *out = s;
    return PILCROW_OK;
}

void
pc_stemmer_free(struct pc_stemmer *s)
{
    if (s == NULL)
        return;
    if (s->sb != NULL)
        sb_stemmer_delete(s->sb);
    pc_free(s->cache.slots);
    pc_free(s->cache.pool);
    pc_free(s);
}

void
pc_stemmer_set_cache(struct pc_stemmer *s, size_t max_entries)
{
    struct pc_stem_cache *c = &s->cache;

    pc_free(c->slots);
    pc_free(c->pool);
    memset(c, 0, sizeof(*c));
    c->max = max_entries > (1u << 24) ? (1u << 24) : (uint32_t)max_entries;
}

/* Forget every entry of C, keeping its memory. */
static void
cache_clear(struct pc_stem_cache *c)
{
    memset(c->slots, 0, ((size_t)c->mask + 1) * sizeof(*c->slots));
    c->n = 0;
    c->pool_len = 1;
}

/*
 * An entry of the pool: word length, stem length, stopword flag, the
 * word, the stem.
 */
#define PC_ENTRY_HEAD 3

/*
 * Look the N-byte folded word W up in C.  On a hit, returns its stem
 * and sets *TLEN and *IS_STOP.  On a miss returns NULL with *SLOT set
 * to the empty slot where it belongs.  C must be allocated.
 */
static const char *
cache_find(struct pc_stem_cache *c, const char *w, size_t n, uint32_t h,
           size_t *tlen, int *is_stop, uint32_t *slot)
{
    uint32_t i = h & c->mask;
    const unsigned char *e;

    for (;;) {
        struct pc_stem_slot *s = &c->slots[i];

        if (s->off == 0) {
            *slot = i;
            return NULL;
        }
        e = (const unsigned char *)c->pool + s->off;
        if (s->hash == h && e[0] == n &&
            memcmp(e + PC_ENTRY_HEAD, w, n) == 0) {
            *tlen = e[1];
            *is_stop = e[2];
            return (const char *)e + PC_ENTRY_HEAD + n;
        }
        i = (i + 1) & c->mask;
    }
}

/*
 * Add W (N bytes) -> T (TLEN bytes), stopword or not, with hash H to C
 * at SLOT, clearing C first when it is full (then the slot is found
 * again).  Returns the cached copy of T, or NULL if the pool cannot
 * grow.
 */
static const char *
cache_add(struct pc_stem_cache *c, const char *w, size_t n, uint32_t h,
          uint32_t slot, const char *t, size_t tlen, int is_stop)
{
    size_t need = PC_ENTRY_HEAD + n + tlen, cap;
    size_t dummy;
    int dummy_stop;
    char *p;

    if (c->n >= c->max || c->pool_len + need > PC_STEM_POOL_MAX) {
        cache_clear(c);
        cache_find(c, w, n, h, &dummy, &dummy_stop, &slot);
    }
    if (c->pool_len + need > c->pool_cap) {
        cap = c->pool_cap ? c->pool_cap : 65536;
        while (cap < c->pool_len + need)
            cap *= 2;
        if ((p = pc_realloc(c->pool, cap)) == NULL)
            return NULL;
        c->pool = p;
        c->pool_cap = cap;
    }
    p = c->pool + c->pool_len;
    p[0] = (char)n;
    p[1] = (char)tlen;
    p[2] = (char)is_stop;
    memcpy(p + PC_ENTRY_HEAD, w, n);
    memcpy(p + PC_ENTRY_HEAD + n, t, tlen);
    c->slots[slot].hash = h;
    c->slots[slot].off = (uint32_t)c->pool_len;
    c->pool_len += need;
    c->n++;
    return p + PC_ENTRY_HEAD + n;
}

/* Allocate C's slots: twice its bound, so probes stay short. */
static int
cache_init(struct pc_stem_cache *c)
{
    uint32_t n = 16;

    while (n < 2 * c->max)
        n *= 2;
    if ((c->slots = pc_calloc(n, sizeof(*c->slots))) == NULL)
        return -1;
    c->mask = n - 1;
    c->pool_len = 1;
    return 0;
}

const char *
pc_stemmer_stem(struct pc_stemmer *s, const char *folded, size_t len,
                size_t *term_len, int *is_stop)
{
    struct pc_stem_cache *c = &s->cache;
    const sb_symbol *r;
    const char *t;
    uint32_t h = 0, slot = 0;
    int cacheable;

    if (s->sb == NULL) {
        *is_stop = pc_lang_is_stopword(s->lang, folded, len);
        *term_len = len;
        return folded;
    }
    cacheable = c->max > 0 && len <= 255;
    if (cacheable) {
        if (c->slots == NULL && cache_init(c) != 0)
            return NULL;
        h = pc_hash(folded, len);
        if ((t = cache_find(c, folded, len, h, term_len, is_stop,
                            &slot)) != NULL)
            return t;
    }
    *is_stop = pc_lang_is_stopword(s->lang, folded, len);
    r = sb_stemmer_stem(s->sb, (const sb_symbol *)folded, (int)len);
    if (r == NULL)
        return NULL;
    *term_len = (size_t)sb_stemmer_length(s->sb);
    if (!cacheable || *term_len > 255)
        return (const char *)r;
    return cache_add(c, folded, len, h, slot, (const char *)r, *term_len,
                     *is_stop);
}

