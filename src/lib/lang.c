/*
 * lang.c - the languages pilcrow analyses (one row each: stemmer,
 * elisions, stopwords) and each language's Snowball stemmer behind a
 * bounded cache of folded word -> stem.
 *
 * Stemming costs far more than tokenizing, and prose repeats few
 * distinct words, so each stemmer keeps a cache (open addressing,
 * cleared when full).
 */
#include <pthread.h>
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

/*
 * Function words not worth a posting: the most frequent words of each
 * language's text, which carry no topic.  They keep their positions,
 * so a phrase across one ("rights of migrants") still matches with the
 * gap.  Folded (fold_cp in analyze.c: "où" is "ou", "إلى" is "الي"),
 * sorted by bytes for bsearch(), and never a word that is a content
 * word of another language of the table (French "son", Spanish "sin"
 * are English words): a query with no language reads each word in
 * every language.  t-analyze checks each list is sorted and folded.
 */
static const char *const en_stopwords[] = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has",
    "have", "in", "is", "it", "its", "of", "on", "or", "that", "the",
    "this", "to", "was", "were", "which", "with", NULL
};

static const char *const fr_stopwords[] = {
    "a", "au", "aux", "ce", "ces", "dans", "de", "des", "du", "elle", "en",
    "est", "et", "il", "ils", "la", "le", "les", "leur", "leurs", "ne",
    "ou", "par", "que", "qui", "sa", "se", "ses", "sont", "sur", "un",
    "une", "y", NULL
};

static const char *const es_stopwords[] = {
    "a", "al", "como", "con", "de", "del", "el", "en", "es", "la", "las",
    "lo", "los", "mas", "o", "para", "por", "que", "se", "su", "sus", "un",
    "una", "y", NULL
};

static const char *const ru_stopwords[] = {
    "а", "в", "во", "для", "его", "ее", "за", "и", "из", "или", "их",
    "к", "как", "на", "не", "о", "об", "от", "по", "при", "с", "со",
    "также", "то", "что", "это", NULL
};

/* Arabic: the words as written, with the conjunction wa- where it
 * prefixes the commonest of them. */
static const char *const ar_stopwords[] = {
    "التي", "الذي", "الي", "ان", "او", "بين", "تلك", "ذلك", "علي",
    "عن", "في", "قد", "كان", "كما", "لا", "ما", "مع", "من", "هذا",
    "هذه", "وفي", "ومن", NULL
};

#define PC_LIST_LEN(list) (sizeof(list) / sizeof((list)[0]) - 1)

/* Bytes of the longest stopword of any list ("также"). */
#define PC_STOPWORD_MAX 10

static const struct pc_lang pc_languages[] = {
    /* Porter2 rewrites suffixes only; t-analyze checks the first byte
     * over every word of the corpora it finds. */
    { "en", "english", NULL, en_stopwords, PC_LIST_LEN(en_stopwords), 1,
      PC_SCRIPT_LATIN, "english\0anglais\0inglés\0" },
    { "fr", "french", fr_elisions, fr_stopwords, PC_LIST_LEN(fr_stopwords),
      0, PC_SCRIPT_LATIN, "french\0français\0francés\0" },
    { "es", "spanish", NULL, es_stopwords, PC_LIST_LEN(es_stopwords), 0,
      PC_SCRIPT_LATIN, "spanish\0español\0espagnol\0" },
    { "ru", "russian", NULL, ru_stopwords, PC_LIST_LEN(ru_stopwords), 0,
      PC_SCRIPT_CYRILLIC, "russian\0русский\0russe\0" },
    /* The Arabic stemmer strips prefixes too. */
    { "ar", "arabic", NULL, ar_stopwords, PC_LIST_LEN(ar_stopwords), 0,
      PC_SCRIPT_ARABIC, "arabic\0العربية\0arabe\0" },
    /* CJK bigrams, no stemming. */
    { "zh", NULL, NULL, NULL, 0, 0, PC_SCRIPT_HAN,
      "chinese\0中文\0chinois\0" },
};

#define PC_N_LANGUAGES (sizeof(pc_languages) / sizeof(pc_languages[0]))

int
pc_lang_is_stopword(const struct pc_lang *lang, const char *w, size_t len)
{
    const char *const *list = lang->stopwords;
    size_t lo = 0, hi = lang->n_stopwords, mid;
    int c;

    if (list == NULL || len > PC_STOPWORD_MAX)
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
    for (i = 0; i < PC_N_LANGUAGES; i++)
        if (lang_matches(&pc_languages[i], code))
            return &pc_languages[i];
    return NULL;
}

const struct pc_lang *
pc_lang_nth(size_t i)
{
    return i < PC_N_LANGUAGES ? &pc_languages[i] : NULL;
}

const struct pc_lang *
pc_lang_named(const char *v, size_t n)
{
    pilcrow_status st = PILCROW_OK;
    struct pc_buf want = PC_BUF_INIT, name = PC_BUF_INIT;
    const struct pc_lang *found = NULL;
    const char *nm;
    char code[8];
    size_t i;

    if (n < sizeof(code) && n >= 2) {
        memcpy(code, v, n);
        code[n] = '\0';
        if ((found = pc_lang_find(code)) != NULL)
            return found;
    }
    pc_fold(&st, &want, v, n);
    for (i = 0; i < PC_N_LANGUAGES && found == NULL && st >= 0; i++) {
        for (nm = pc_languages[i].names; *nm != '\0'; nm += strlen(nm) + 1) {
            name.len = 0;
            pc_fold(&st, &name, nm, strlen(nm));
            if (st >= 0 && name.len == want.len &&
                memcmp(name.data, want.data, want.len) == 0) {
                found = &pc_languages[i];
                break;
            }
        }
    }
    pc_buf_free(&want);
    pc_buf_free(&name);
    return found;
}

const char *
pilcrow_language_name(const char *code)
{
    const struct pc_lang *l;

    if (code == NULL)
        return NULL;
    l = pc_lang_named(code, strlen(code));
    return l == NULL ? NULL : l->stemmer != NULL ? l->stemmer : "chinese";
}

/* ---- guessing a text's language ----------------------------------- */

/* Bytes of a document read to guess its language. */
#define PC_GUESS_BYTES 16384     /* some 2,500 words: plenty to tell */
/* Bytes read before the guess may stop early, being settled. */
#define PC_GUESS_SETTLE 4096

/* The Latin languages' stopwords in one table, built on first use:
 * for each, the languages (bit K: the K-th of the table) it is a
 * stopword of.  Open addressing; a slot's word is NULL when empty. */
#define GUESS_SLOTS 4096        /* a power of two, over twice the words */

static struct {
    const char *word;
    uint8_t len, langs;
} guess_table[GUESS_SLOTS];
static pthread_once_t guess_once = PTHREAD_ONCE_INIT;

static uint32_t
guess_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;   /* FNV-1a */

    while (n-- > 0)
        h = (h ^ (unsigned char)*w++) * 16777619u;
    return h;
}

static void
guess_table_build(void)
{
    size_t k, j, n;
    uint32_t h;

    for (k = 0; k < PC_N_LANGUAGES && k < 8; k++) {
        const char *const *list = pc_languages[k].stopwords;

        if (pc_languages[k].script != PC_SCRIPT_LATIN || list == NULL)
            continue;
        for (j = 0; j < pc_languages[k].n_stopwords; j++) {
            if ((n = strlen(list[j])) > PC_STOPWORD_MAX)
                continue;
            for (h = guess_hash(list[j], n) & (GUESS_SLOTS - 1);
                 guess_table[h].word != NULL &&
                 !(guess_table[h].len == n &&
                   memcmp(guess_table[h].word, list[j], n) == 0);
                 h = (h + 1) & (GUESS_SLOTS - 1))
                ;
            guess_table[h].word = list[j];
            guess_table[h].len = (uint8_t)n;
            guess_table[h].langs |= (uint8_t)(1u << k);
        }
    }
}

/* The Latin languages the folded word W (N bytes) is a stopword of. */
static unsigned
guess_langs(const char *w, size_t n)
{
    uint32_t h = guess_hash(w, n) & (GUESS_SLOTS - 1);

    for (; guess_table[h].word != NULL; h = (h + 1) & (GUESS_SLOTS - 1))
        if (guess_table[h].len == n && memcmp(guess_table[h].word, w, n) == 0)
            return guess_table[h].langs;
    return 0;
}

/* Is G's guess settled, so that more text cannot change it in
 * practice: one script holds 95% of the letters (Han counted twice, as
 * pc_lang_guess_best() counts them) and, in Latin letters, one language
 * has at least 50 stopwords and three times any other's? */
static int
guess_settled(const struct pc_lang_guess *g)
{
    size_t i, total = 0, top = 0, count, first = 0, second = 0;
    int best = PC_SCRIPT_LATIN;

    for (i = PC_SCRIPT_LATIN; i < PC_N_SCRIPTS; i++) {
        count = g->letters[i] * (i == PC_SCRIPT_HAN ? 2 : 1);
        total += count;
        if (count > top) {
            top = count;
            best = (int)i;
        }
    }
    if (total == 0 || top * 20 < total * 19)
        return 0;
    if (best != PC_SCRIPT_LATIN)
        return 1;
    for (i = 0; i < sizeof(g->stops) / sizeof(g->stops[0]); i++) {
        if (g->stops[i] > first) {
            second = first;
            first = g->stops[i];
        } else if (g->stops[i] > second) {
            second = g->stops[i];
        }
    }
    return first >= 50 && first >= 3 * second;
}

void
pc_lang_guess_add(struct pc_lang_guess *g, const char *text, size_t len)
{
    size_t i = 0, n, w, k;
    uint32_t cp;
    unsigned langs;
    char word[PC_STOPWORD_MAX + 1];

    pthread_once(&guess_once, guess_table_build);

    if (g->bytes >= PC_GUESS_BYTES)
        return;
    if (len > PC_GUESS_BYTES - g->bytes)
        len = PC_GUESS_BYTES - g->bytes;
    g->bytes += len;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];

        if (c >= 0x80) {
            if ((n = pc_utf8_decode(text + i, len - i, &cp)) == 0)
                n = 1;
            else
                g->letters[pc_script_of(cp)]++;
            i += n;
            continue;
        }
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
            i++;
            continue;
        }
        /* An ASCII word: its letters, and whether it is a stopword of
         * a Latin language (words with accents are left out). */
        for (w = 0; i < len && ((text[i] | 0x20) >= 'a' &&
                                (text[i] | 0x20) <= 'z'); i++, w++)
            if (w < PC_STOPWORD_MAX)
                word[w] = (char)(text[i] | 0x20);
        g->letters[PC_SCRIPT_LATIN] += w;
        if (w > PC_STOPWORD_MAX || (i < len && (unsigned char)text[i] >= 0x80)
            || (langs = guess_langs(word, w)) == 0)
            continue;
        for (k = 0; k < sizeof(g->stops) / sizeof(g->stops[0]); k++)
            if (langs & (1u << k))
                g->stops[k]++;
    }
    if (g->bytes >= PC_GUESS_SETTLE && guess_settled(g))
        g->bytes = PC_GUESS_BYTES;
}

const struct pc_lang *
pc_lang_guess_best(const struct pc_lang_guess *g)
{
    enum pc_script best = PC_SCRIPT_LATIN;
    size_t i, k = 0, most = 0, count;

    for (i = PC_SCRIPT_LATIN; i < PC_N_SCRIPTS; i++) {
        count = g->letters[i] * (i == PC_SCRIPT_HAN ? 2 : 1);
        if (count > most) {
            most = count;
            best = (enum pc_script)i;
        }
    }
    most = 0;
    for (i = 0; i < PC_N_LANGUAGES; i++) {
        if (pc_languages[i].script != best)
            continue;
        count = i < sizeof(g->stops) / sizeof(g->stops[0]) ? g->stops[i] : 0;
        if (k == 0 && most == 0)
            k = i + 1;      /* the first of the script, if none tells */
        if (count > most) {
            most = count;
            k = i + 1;
        }
    }
    return &pc_languages[k ? k - 1 : 0];
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

