/*
 * t-analyze.c - the analysis pipeline (src/lib/analyze.c): word
 * boundaries, byte offsets, positions, folding, stems, UN symbols, CJK
 * bigrams, invalid UTF-8, callback stop, unknown languages, the stem
 * cache, allocation failures, and that documents and queries get the
 * same terms.  Real text comes from corpus/ ($CORPUS) and the shared
 * corpora ($SHARED_CORPORA); tests that need an absent file are
 * skipped, and the program exits 77 if the English corpus is missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pilcrow-private.h"

/* One collected token, with copies of its strings. */
struct tok {
    char *term;
    char *folded;
    size_t start, end;
    uint32_t pos;
    int is_symbol;
    int is_cjk;
    size_t tail_len;
};

struct toks {
    struct tok *v;
    size_t n, cap;
    size_t stop_after;          /* stop the analysis after this many */
    const char *text;           /* the analysed text, for checks */
};

static char *
xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    CHECK_FATAL(p != NULL);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static int
collect(const struct pc_token *t, void *payload)
{
    struct toks *ts = payload;
    struct tok *k;

    if (ts->n == ts->cap) {
        ts->cap = ts->cap ? ts->cap * 2 : 64;
        ts->v = realloc(ts->v, ts->cap * sizeof(*ts->v));
        CHECK_FATAL(ts->v != NULL);
    }
    k = &ts->v[ts->n++];
    k->term = xstrndup(t->term, t->term_len);
    k->folded = xstrndup(t->folded, t->folded_len);
    k->start = t->start;
    k->end = t->end;
    k->pos = t->pos;
    k->is_symbol = t->is_symbol;
    k->is_cjk = t->is_cjk;
    k->tail_len = t->tail_len;
    return ts->stop_after && ts->n >= ts->stop_after;
}

static void
toks_free(struct toks *ts)
{
    size_t i;

    for (i = 0; i < ts->n; i++) {
        free(ts->v[i].term);
        free(ts->v[i].folded);
    }
    free(ts->v);
    memset(ts, 0, sizeof(*ts));
}

/* Analyse TEXT with A into TS (emptied first); returns the status. */
static pilcrow_status
run(struct pc_analyzer *a, const char *text, size_t len, struct toks *ts)
{
    size_t stop = ts->stop_after;

    toks_free(ts);
    ts->stop_after = stop;
    ts->text = text;
    return pc_analyze(a, text, len, collect, ts);
}

/* The terms of TEXT joined by spaces, in a static buffer; symbols are
 * marked with a leading '#'. */
static const char *
terms(struct pc_analyzer *a, const char *text)
{
    static char out[4096];
    struct toks ts = { 0 };
    size_t i, k = 0;

    CHECK_OK(run(a, text, strlen(text), &ts));
    out[0] = '\0';
    for (i = 0; i < ts.n; i++) {
        k += (size_t)snprintf(out + k, sizeof(out) - k, "%s%s%s",
                              i ? " " : "", ts.v[i].is_symbol ? "#" : "",
                              ts.v[i].term);
        CHECK_FATAL(k < sizeof(out));
    }
    toks_free(&ts);
    return out;
}

/* Which string of a token find() compares. */
enum field { TERM, FOLDED };

/* The index of the first token of TS whose term or folded text (as
 * FIELD says) is S, or -1. */
static long
find(const struct toks *ts, enum field field, const char *s)
{
    size_t i;

    for (i = 0; i < ts->n; i++)
        if (strcmp(field == TERM ? ts->v[i].term : ts->v[i].folded, s) == 0)
            return (long)i;
    return -1;
}

/* Read a whole file (NULL if it cannot). */
static char *
slurp(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    FILE *f;
    char *buf = NULL;
    long n;

    if (dir == NULL)
        return NULL;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if ((f = fopen(path, "rb")) == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* ------------------------------------------------------------------ */

static void
test_languages(void)
{
    struct pc_analyzer *a = NULL;
    struct toks ts = { 0 };

    CHECK(pc_analyzer_new(&a, "xx") == PILCROW_INVALID);
    CHECK(a == NULL);
    CHECK(pc_analyzer_new(&a, "") == PILCROW_INVALID);
    CHECK(pc_analyzer_new(&a, "eng") == PILCROW_INVALID);
    CHECK(pc_analyzer_new(&a, NULL) == PILCROW_INVALID);
    CHECK(pc_analyzer_new(NULL, "en") == PILCROW_INVALID);
    CHECK_OK(pc_analyzer_new(&a, "EN-gb"));
    CHECK_STR(pc_analyzer_language(a), "en");
    /* Empty text: no tokens, no error (NULL is fine when empty). */
    CHECK_OK(run(a, "", 0, &ts));
    CHECK(ts.n == 0);
    CHECK_OK(run(a, NULL, 0, &ts));
    CHECK(ts.n == 0);
    CHECK_OK(run(a, " \n\t-- ¹ * ", strlen(" \n\t-- ¹ * "), &ts));
    CHECK(ts.n == 0);
    CHECK(pc_analyze(a, "x", 1, NULL, NULL) == PILCROW_INVALID);
    pc_analyzer_free(a);
    pc_analyzer_free(NULL);

    {
        static const char *const langs[] = { "en", "fr", "es", "ru", "ar",
                                             "zh" };
        size_t i;

        for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
            CHECK_OK(pc_analyzer_new(&a, langs[i]));
            if (a)
                CHECK_STR(pc_analyzer_language(a), langs[i]);
            pc_analyzer_free(a);
        }
    }
    toks_free(&ts);
}

/* English words, offsets and positions on sentences of the corpus. */
static void
test_english(struct pc_analyzer *a)
{
    static const char p1[] =
        "The Committee's functions include the evaluation";
    static const char p2[] =
        "Treatment of Migrant Workers, 1975 (No. 143).¹ The Commission "
        "considered, *inter alia*, cross-sectoral Governments' views.";
    struct toks ts = { 0 };
    long i;

    CHECK_OK(run(a, p1, strlen(p1), &ts));
    CHECK(ts.n == 6);
    if (ts.n == 6) {
        CHECK_STR(ts.v[1].folded, "committee's");
        CHECK_STR(ts.v[1].term, "committe");
        CHECK(ts.v[1].start == 4 && ts.v[1].end == 15);
        CHECK(ts.v[1].pos == 2);
        CHECK_STR(ts.v[0].folded, "the");
        CHECK(ts.v[0].pos == 1 && ts.v[0].start == 0 && ts.v[0].end == 3);
        CHECK_STR(ts.v[5].term, "evalu");
        CHECK(ts.v[5].end == strlen(p1));
    }
    /* The possessive goes: "Committee's" and "committee" match. */
    CHECK_STR(terms(a, "committee"), "committe");
    CHECK_STR(terms(a, "Committee’s"), "committe");

    CHECK_OK(run(a, p2, strlen(p2), &ts));
    CHECK_STR(terms(a, p2),
              "treatment of migrant worker 1975 no 143 the commiss "
              "consid inter alia cross sector govern view");
    i = find(&ts, FOLDED, "143");
    CHECK(i >= 0);
    if (i >= 0) {
        /* "143" ends before ")", and the marker ¹ is no token. */
        CHECK(memcmp(p2 + ts.v[i].start, "143).¹", 7) == 0);
        CHECK(ts.v[i].end == ts.v[i].start + 3);
        CHECK_STR(ts.v[i + 1].folded, "the");
        CHECK(ts.v[i + 1].pos == ts.v[i].pos + 1);
    }
    i = find(&ts, FOLDED, "governments");
    CHECK(i >= 0);
    if (i >= 0) {
        CHECK_STR(ts.v[i].term, "govern");
        CHECK(ts.v[i].end - ts.v[i].start == strlen("Governments"));
    }
    i = find(&ts, FOLDED, "inter");
    CHECK(i >= 0 && p2[ts.v[i].start - 1] == '*');
    CHECK(find(&ts, FOLDED, "1") < 0);

    CHECK_STR(terms(a, "migrants migration Migrants' MIGRANT"),
              "migrant migrat migrant migrant");
    /* Superscripts never join a word nor make one. */
    CHECK_STR(terms(a, "Development,²³ reporting¹²"),
              "develop report");
    CHECK_STR(terms(a, "x⁰⁴⁹y"), "x y");
    /* Numbers as printed. */
    CHECK_STR(terms(a, "1,000 persons, 3.5 per cent in 1997."),
              "1,000 person 3.5 per cent in 1997");
    CHECK_STR(terms(a, "1990, 1995 and 2000"), "1990 1995 and 2000");
    /* Underscores are not words; "don't" stays one word. */
    CHECK_STR(terms(a, "____ don't 'quoted'"), "don't quot");
    toks_free(&ts);
}

static void
test_symbols(struct pc_analyzer *a)
{
    static const char t[] =
        "resolution 50/123. See E/1997/23-E/CN.4/1997/150, part one";
    struct toks ts = { 0 };

    CHECK_STR(terms(a, "49/127"), "#49/127");
    CHECK_STR(terms(a, "E/CN.9/1997/5"), "#e/cn.9/1997/5");
    CHECK_STR(terms(a, "(A/CONF.157/24)"), "#a/conf.157/24");
    CHECK_STR(terms(a, "S/RES/2768 (2025)"), "#s/res/2768 2025");
    CHECK_STR(terms(a, "report A/52/314."), "report #a/52/314");
    CHECK_STR(terms(a, "Council resolution 1997/14 of"),
              "council resolut #1997/14 of");
    CHECK_STR(terms(a, "and/or"), "#and/or");
    CHECK_STR(terms(a, "A/C.3/52/L.4/Rev.1-"), "#a/c.3/52/l.4/rev.1");
    /* Not symbols: '/' not between alphanumerics. */
    CHECK_STR(terms(a, "1/ See /x a/ /"), "1 see x a");
    CHECK_OK(run(a, t, strlen(t), &ts));
    CHECK(ts.n == 7);
    if (ts.n == 7) {
        CHECK_STR(ts.v[1].term, "50/123");
        CHECK(ts.v[1].is_symbol && ts.v[1].pos == 2);
        CHECK(ts.v[1].end - ts.v[1].start == 6);
        CHECK_STR(ts.v[3].term, "e/1997/23");
        CHECK_STR(ts.v[4].term, "e/cn.4/1997/150");
        CHECK(ts.v[3].is_symbol && ts.v[4].is_symbol);
        CHECK(memcmp(t + ts.v[4].start, "E/CN.4/1997/150,", 16) == 0);
        CHECK(ts.v[4].end == ts.v[4].start + 15);
        CHECK(ts.v[4].pos == 5 && !ts.v[5].is_symbol);
    }
    /* A symbol's term is its folded text: not stemmed. */
    CHECK_STR(terms(a, "Rights/Migrations"), "#rights/migrations");
    toks_free(&ts);
}

static void
test_other_scripts(void)
{
    struct pc_analyzer *fr = NULL, *ru = NULL, *ar = NULL, *zh = NULL;
    struct pc_analyzer *en = NULL;
    struct toks ts = { 0 };
    static const char cjk[] = "世界人权宣言 第217A号";

    CHECK_OK(pc_analyzer_new(&fr, "fr"));
    CHECK_OK(pc_analyzer_new(&ru, "ru"));
    CHECK_OK(pc_analyzer_new(&ar, "ar"));
    CHECK_OK(pc_analyzer_new(&zh, "zh"));
    CHECK_OK(pc_analyzer_new(&en, "en"));
    if (!fr || !ru || !ar || !zh || !en)
        goto done;

    CHECK_STR(terms(fr, "Déclaration universelle des droits de l’homme"),
              "declar universel de droit de homm");
    CHECK_STR(terms(fr, "ÉTATS Élimination d'une qu'il"),
              "etat elimin une il");
    CHECK_OK(run(fr, "l’Homme", strlen("l’Homme"), &ts));
    CHECK(ts.n == 1);
    if (ts.n == 1) {
        /* Elision: the token starts after the apostrophe. */
        CHECK_STR(ts.v[0].folded, "homme");
        CHECK(ts.v[0].start == strlen("l’") && ts.v[0].end == 9);
    }
    CHECK_STR(terms(ru, "Всеобщая декларация прав человека"),
              "всеобщ декларац прав человек");
    CHECK_OK(run(ru, "ПРЕАМБУЛА", strlen("ПРЕАМБУЛА"), &ts));
    CHECK(ts.n == 1 && strcmp(ts.v[0].folded, "преамбула") == 0);
    CHECK_STR(terms(ar, "الإعلان العالمي لحقوق الإنسان"),
              "اعل عالم لحقوق انس");
    /* Marks (harakat) stay inside Arabic words. */
    CHECK_OK(run(ar, "اعتُمد بموجب", strlen("اعتُمد بموجب"), &ts));
    CHECK(ts.n == 2);

    CHECK_OK(run(zh, cjk, strlen(cjk), &ts));
    CHECK_STR(terms(zh, cjk), "世界 界人 人权 权宣 宣言 第 217a 号");
    if (ts.n == 8) {
        CHECK(ts.v[0].start == 0 && ts.v[0].end == 6);
        CHECK(ts.v[1].start == 3 && ts.v[1].end == 9);
        CHECK(ts.v[4].pos == 5 && ts.v[5].pos == 6);
        /* The run's last bigram carries its last character (言), which
         * starts no bigram; a lone character (第) carries none. */
        CHECK(ts.v[0].is_cjk && ts.v[0].tail_len == 0);
        CHECK(ts.v[3].tail_len == 0 && ts.v[4].tail_len == 3);
        CHECK(ts.v[5].is_cjk && ts.v[5].tail_len == 0);
        CHECK(!ts.v[6].is_cjk && ts.v[6].tail_len == 0);
        CHECK(ts.v[7].is_cjk && ts.v[7].tail_len == 0);
    }
    /* The same bigrams in an English text. */
    CHECK_STR(terms(en, "the 人权 of"), "the 人权 of");
done:
    pc_analyzer_free(fr);
    pc_analyzer_free(ru);
    pc_analyzer_free(ar);
    pc_analyzer_free(zh);
    pc_analyzer_free(en);
    toks_free(&ts);
}

/* The term of the one word TEXT in A ("" if not one token). */
static const char *
term1(struct pc_analyzer *a, const char *text)
{
    static char out[256];
    struct toks ts = { 0 };

    CHECK_OK(run(a, text, strlen(text), &ts));
    out[0] = '\0';
    if (ts.n == 1)
        snprintf(out, sizeof(out), "%s", ts.v[0].term);
    toks_free(&ts);
    return out;
}

/* Folding, on words of the UN Parallel Corpus and the UDHR: a word
 * typed without its accents, ligature or letter form finds the word as
 * printed, in each language's analysis. */
static void
test_folding(void)
{
    static const char *const same[][3] = {
        /* language, as printed, as typed */
        { "fr", "développement", "developpement" },
        { "fr", "sécurité", "securite" },
        { "fr", "œuvre", "oeuvre" },
        { "fr", "Œuvre", "OEUVRE" },
        { "fr", "l’éducation", "l'education" },
        { "fr", "d’Haïti", "d'haiti" },
        { "es", "educación", "educacion" },
        { "es", "Niños", "ninos" },
        { "es", "después", "despues" },
        { "en", "ﬁnancial", "financial" },          /* PDF ligature */
        { "en", "Côte", "cote" },
        { "ru", "объединённых", "объединенных" },
        { "ru", "её", "ее" },
        { "ar", "الأمم", "الامم" },
        { "ar", "إعلان", "اعلان" },
        { "ar", "آخر", "اخر" },
        { "ar", "المتحدة", "المتحده" },
        { "ar", "اعتُمد", "اعتمد" },                /* damma */
        { "ar", "الأمـــم", "الأمم" },              /* tatweel */
        { "ar", "مستوى", "مستوي" },                 /* alef maksura */
        { "en", "٢٦", "26" },                       /* Arabic-Indic */
        { "ar", "١٠", "10" },
        { "ar", "۱۹۴۸", "1948" },                   /* extended */
    };
    struct pc_analyzer *a = NULL;
    char want[256];
    size_t i;

    for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        CHECK_OK(pc_analyzer_new(&a, same[i][0]));
        if (a == NULL)
            continue;
        snprintf(want, sizeof(want), "%s", term1(a, same[i][2]));
        CHECK(want[0] != '\0');
        CHECK_STR(term1(a, same[i][1]), want);
        pc_analyzer_free(a);
        a = NULL;
    }
    /* Russian й is a letter of its own, not и with a breve. */
    CHECK_OK(pc_analyzer_new(&a, "ru"));
    if (a != NULL) {
        snprintf(want, sizeof(want), "%s", term1(a, "Иемен"));
        CHECK(strcmp(term1(a, "Йемен"), want) != 0);
        /* A word of marks alone is no token. */
        CHECK_STR(terms(a, "\xcc\x81\xcc\x81 \xd9\x80"), "");
    }
    pc_analyzer_free(a);
    /* Arabic-Indic digits are a number: 26 of "٢٦ -" is "26". */
    CHECK_OK(pc_analyzer_new(&a, "ar"));
    if (a != NULL)
        CHECK_STR(terms(a, "المادة ٢٦"), "ماده 26");
    pc_analyzer_free(a);
}

/* The table of languages: names, stopword lists sorted and folded, and
 * the stopwords of French, Spanish, Russian and Arabic. */
static void
test_lang_table(void)
{
    static const char *const named[][2] = {
        { "fr", "fr" }, { "FR-ca", "fr" }, { "French", "fr" },
        { "Français", "fr" }, { "francais", "fr" }, { "Español", "es" },
        { "Spanish", "es" }, { "Русский", "ru" }, { "العربية", "ar" },
        { "Arabic", "ar" }, { "中文", "zh" }, { "Chinese", "zh" },
        { "English", "en" }, { "en_GB", "en" },
    };
    const struct pc_lang *l;
    struct pc_analyzer *a = NULL;
    struct toks ts = { 0 };
    size_t i, j;

    for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        l = pc_lang_named(named[i][0], strlen(named[i][0]));
        CHECK(l != NULL && strcmp(l->code, named[i][1]) == 0);
    }
    CHECK(pc_lang_named("German", 6) == NULL);
    CHECK(pc_lang_named("de", 2) == NULL);
    CHECK(pilcrow_language_name("de") == NULL);
    CHECK_STR(pilcrow_language_name("Français"), "french");
    CHECK_STR(pilcrow_language_name("zh"), "chinese");
    for (i = 0; (l = pc_lang_nth(i)) != NULL; i++) {
        for (j = 0; j < l->n_stopwords; j++) {
            pilcrow_status st = PILCROW_OK;
            struct pc_buf b = PC_BUF_INIT;

            pc_fold(&st, &b, l->stopwords[j], strlen(l->stopwords[j]));
            CHECK(b.len == strlen(l->stopwords[j]) &&
                  memcmp(b.data, l->stopwords[j], b.len) == 0);
            pc_buf_free(&b);
            if (j > 0)
                CHECK(strcmp(l->stopwords[j - 1], l->stopwords[j]) < 0);
            CHECK(pc_lang_is_stopword(l, l->stopwords[j],
                                      strlen(l->stopwords[j])));
        }
    }
    CHECK(i == 6);
    /* "la mise en œuvre des recommandations": la, en, des are French
     * function words; mise, œuvre, recommandations are not. */
    CHECK_OK(pc_analyzer_new(&a, "fr"));
    if (a != NULL) {
        static const char t[] = "la mise en œuvre des recommandations";
        static const int stop[] = { 1, 0, 1, 0, 1, 0 };

        CHECK_OK(run(a, t, strlen(t), &ts));
        CHECK(ts.n == 6);
        for (i = 0; i < ts.n && i < 6; i++)
            CHECK(pc_lang_is_stopword(l = pc_analyzer_lang(a),
                                      ts.v[i].folded,
                                      strlen(ts.v[i].folded)) == stop[i]);
    }
    pc_analyzer_free(a);
    toks_free(&ts);
}

/* Guessing a document's language from its text: sentences of the UN
 * Parallel Corpus, and, where the shared corpora are, the first 40
 * documents of each language of its dev set (a "Language:" line
 * skipped: the guess reads the text alone). */
static void
test_guess(const char *shared)
{
    static const char *const texts[][2] = {
        { "en", "The Force has a mandate to assist the Security Council "
                "in achieving the overall objective of maintaining "
                "international peace and security." },
        { "fr", "La Force a pour mandat d'aider le Conseil de sécurité à "
                "atteindre un objectif général, qui est de maintenir la "
                "paix et la sécurité internationales." },
        { "es", "El mandato de la Fuerza consiste en ayudar al Consejo de "
                "Seguridad a lograr el objetivo general de mantener la "
                "paz y la seguridad internacionales." },
        { "ru", "Мандат Сил заключается в оказании помощи Совету "
                "Безопасности в достижении общей цели." },
        { "ar", "تتمثل ولاية القوة في مساعدة مجلس الأمن على تحقيق الهدف "
                "العام." },
        { "zh", "部队的任务是协助安全理事会实现维持国际和平与安全的总体目标。" },
        /* A Chinese text quoting a symbol and a name in Latin letters. */
        { "zh", "秘书长的报告 A/69/34 联合国发展援助框架 (UNDAF)" },
    };
    static const char *const langs[] = { "ar", "en", "es", "fr", "ru",
                                         "zh" };
    struct pc_lang_guess g;
    size_t i, k, len;
    char dir[4096];
    int n;

    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        memset(&g, 0, sizeof(g));
        pc_lang_guess_add(&g, texts[i][1], strlen(texts[i][1]));
        CHECK_STR(pc_lang_guess_best(&g)->code, texts[i][0]);
    }
    memset(&g, 0, sizeof(g));
    CHECK_STR(pc_lang_guess_best(&g)->code, "en");     /* nothing tells */
    if (shared == NULL)
        return;
    for (k = 0; k < sizeof(langs) / sizeof(langs[0]); k++) {
        static const char *const names[] = {
            "A_68_908.txt", "A_69_102_ADD.2.txt", "A_69_176_CORR.1.txt",
        };
        snprintf(dir, sizeof(dir), "%s/unpc-v1.0-devset/docs/%s", shared,
                 langs[k]);
        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
            char *text = slurp(dir, names[i], &len), *body;

            if (text == NULL)
                continue;
            body = strstr(text, "\n\n");
            memset(&g, 0, sizeof(g));
            body = body ? body : text;
            pc_lang_guess_add(&g, body, strlen(body));
            n = strcmp(pc_lang_guess_best(&g)->code, langs[k]) == 0;
            if (!n)
                fprintf(stderr, "guess of %s/%s: %s\n", langs[k], names[i],
                        pc_lang_guess_best(&g)->code);
            CHECK(n);
            free(text);
        }
    }
}

static void
test_invalid(struct pc_analyzer *a)
{
    uint32_t cp = 0;
    struct toks ts = { 0 };
    static const char bad[] = "ab\xef\xbf\xbd" "cd \x80" "ef\xc3 g\xed\xa0\x80"
                              "h \xc0\xaf" "i\xf4\x90\x80\x80j \xe2\x82";

    CHECK(pc_utf8_decode("\x80", 1, &cp) == 0);
    CHECK(pc_utf8_decode("\xc3", 1, &cp) == 0);
    CHECK(pc_utf8_decode("\xc0\xaf", 2, &cp) == 0);
    CHECK(pc_utf8_decode("\xed\xa0\x80", 3, &cp) == 0);
    CHECK(pc_utf8_decode("\xf4\x90\x80\x80", 4, &cp) == 0);
    CHECK(pc_utf8_decode("\xe2\x82", 2, &cp) == 0);
    CHECK(pc_utf8_decode("\xc3\xa9", 2, &cp) == 2 && cp == 0xE9);
    CHECK(pc_utf8_decode("\xef\xbf\xbd", 3, &cp) == 3 && cp == 0xFFFD);
    CHECK(pc_utf8_decode("\xf0\x9f\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
    CHECK_STR(terms(a, bad), "ab cd ef g h i j");
    CHECK_OK(run(a, bad, strlen(bad), &ts));
    if (ts.n == 7) {
        CHECK(ts.v[1].start == 5 && ts.v[1].end == 7);
        CHECK(ts.v[2].start == 9);
    }
    /* A text cut in the middle of a character. */
    CHECK_OK(run(a, "migr\xc3\xa9", 5, &ts));
    CHECK(ts.n == 1 && ts.v[0].end == 4);
    toks_free(&ts);
}

static void
test_stop(struct pc_analyzer *a)
{
    struct toks ts = { 0 };
    static const char t[] = "one two E/CN.9/1997/5 four 世界人";

    ts.stop_after = 2;
    CHECK(run(a, t, strlen(t), &ts) == PILCROW_DONE);
    CHECK(ts.n == 2);
    ts.stop_after = 3;
    CHECK(run(a, t, strlen(t), &ts) == PILCROW_DONE);
    CHECK(ts.n == 3 && ts.v[2].is_symbol);
    ts.stop_after = 5;
    CHECK(run(a, t, strlen(t), &ts) == PILCROW_DONE);
    CHECK(ts.n == 5);
    ts.stop_after = 0;
    CHECK_OK(run(a, t, strlen(t), &ts));
    CHECK(ts.n == 6);
    toks_free(&ts);
}

/*
 * The whole English corpus: positions run 1, 2, ...; spans grow; each
 * span folds to the token's folded text; pc_analyzer_stem of it gives
 * the term; a small or no stem cache changes nothing.
 */
static void
test_corpus(struct pc_analyzer *a, const char *text, size_t len)
{
    struct toks ts = { 0 }, ts2 = { 0 };
    struct pc_buf b = PC_BUF_INIT;
    pilcrow_status st = PILCROW_OK;
    size_t i, n_sym = 0, bad_span = 0, bad_stem = 0, tlen;
    const char *t;
    struct pc_analyzer *small = NULL;

    CHECK_OK(run(a, text, len, &ts));
    CHECK(ts.n > 9000);
    for (i = 0; i < ts.n; i++) {
        const struct tok *k = &ts.v[i];

        CHECK(k->pos == i + 1);
        CHECK(k->end > k->start && k->end <= len);
        if (i > 0)
            CHECK(k->start >= ts.v[i - 1].end);
        CHECK(strstr(k->folded, "¹") == NULL);
        pc_buf_reset(&b);
        pc_fold(&st, &b, text + k->start, k->end - k->start);
        if (st == PILCROW_OK && strcmp(b.data, k->folded) != 0)
            bad_span++;
        n_sym += k->is_symbol;
        if (!k->is_symbol && strchr(k->folded, ',') == NULL) {
            t = pc_analyzer_stem(a, k->folded, strlen(k->folded), &tlen);
            if (t == NULL || tlen != strlen(k->term) ||
                memcmp(t, k->term, tlen) != 0)
                bad_stem++;
        }
    }
    CHECK_OK(st);
    CHECK(bad_span == 0);
    CHECK(bad_stem == 0);
    CHECK(n_sym >= 20);
    CHECK(find(&ts, TERM, "e/cn.9/1997/5") >= 0);
    CHECK(find(&ts, TERM, "a/conf.166/9") >= 0);
    CHECK(find(&ts, TERM, "e/1997/23") >= 0);
    CHECK(find(&ts, TERM, "migrant") >= 0);
    CHECK(find(&ts, TERM, "migrat") >= 0);

    /* Cache of 3 entries (cleared all the time), then none. */
    CHECK_OK(pc_analyzer_new(&small, "en"));
    if (small) {
        size_t pass;

        for (pass = 0; pass < 2; pass++) {
            size_t diff = 0;

            pc_analyzer_set_cache(small, pass == 0 ? 3 : 0);
            CHECK_OK(run(small, text, len, &ts2));
            CHECK(ts2.n == ts.n);
            for (i = 0; i < ts.n && i < ts2.n; i++)
                diff += strcmp(ts.v[i].term, ts2.v[i].term) != 0;
            CHECK(diff == 0);
        }
    }
    pc_analyzer_free(small);
    pc_buf_free(&b);
    toks_free(&ts);
    toks_free(&ts2);
}

/*
 * Compare pc_analyze_for(FIRST) with pc_analyze on TEXT: the same tokens
 * (positions, spans), with the terms of words starting with a byte of
 * FIRST (or a digit, or symbols) and no term for the others, whose
 * folded word is the same or "".  Returns the number of tokens that
 * differ; *N_ALL, *N_KEPT and *N_UNFOLDED get the tokens, those kept and
 * those given without their folded word.
 */
static size_t
diff_analyze_for(struct pc_analyzer *a, const char *text, size_t len,
                 const pc_byteset first, size_t *n_all, size_t *n_kept,
                 size_t *n_unfolded)
{
    struct toks all = { 0 }, some = { 0 };
    size_t i, diff = 0;

    *n_kept = *n_unfolded = 0;
    CHECK_OK(run(a, text, len, &all));
    CHECK(pc_analyze_for(a, text, len, first, collect, &some) == PILCROW_OK);
    CHECK(some.n == all.n);
    for (i = 0; i < all.n && i < some.n; i++) {
        const struct tok *x = &all.v[i], *y = &some.v[i];
        int kept = x->is_symbol || PC_BYTESET_HAS(first, x->folded[0]) ||
                   (x->folded[0] >= '0' && x->folded[0] <= '9');

        *n_kept += kept;
        *n_unfolded += y->folded[0] == '\0' && x->folded[0] != '\0';
        if (x->pos != y->pos || x->start != y->start || x->end != y->end ||
            x->is_symbol != y->is_symbol ||
            (strcmp(x->folded, y->folded) != 0 &&
             (kept || y->folded[0] != '\0')) ||
            strcmp(kept ? x->term : "", y->term) != 0) {
            if (diff++ < 3)
                fprintf(stderr, "pc_analyze_for differs at \"%s\"\n",
                        x->folded);
        }
    }
    *n_all = all.n;
    toks_free(&all);
    toks_free(&some);
    return diff;
}

/*
 * pc_analyze_for: English stems keep their word's first byte (checked
 * on every word of TEXT), so the tokens are those of pc_analyze, with
 * the terms of words starting with a byte of the set and no term (and
 * mostly no folded word) for the others.
 */
static void
test_analyze_for(struct pc_analyzer *a, const char *text, size_t len)
{
    struct toks all = { 0 };
    pc_byteset first = { 0 };
    size_t i, bad_first = 0, n_all, n_kept, n_unfolded;

    CHECK_OK(run(a, text, len, &all));
    for (i = 0; i < all.n; i++)
        if (!all.v[i].is_symbol && all.v[i].term[0] != '\0' &&
            all.v[i].term[0] != all.v[i].folded[0])
            bad_first++;
    CHECK(bad_first == 0);
    toks_free(&all);
    PC_BYTESET_ADD(first, 'm');
    PC_BYTESET_ADD(first, 'r');
    CHECK(PC_BYTESET_HAS(first, 'm') && !PC_BYTESET_HAS(first, 'n'));
    CHECK(diff_analyze_for(a, text, len, first, &n_all, &n_kept,
                           &n_unfolded) == 0);
    CHECK(n_kept > 100 && n_kept < n_all / 2);
    /* Most words that cannot match are skipped without folding. */
    CHECK(n_unfolded > (n_all - n_kept) / 2);
}

/* pc_analyze_for where its fast way over a word must give up: a digit,
 * an apostrophe, a symbol's separators, a letter past ASCII or a word
 * too long to index right after the letters. */
static void
test_analyze_for_edges(struct pc_analyzer *a)
{
    static const char *const texts[] = {
        "Dear A4 sizes, CONF.157/24 and U.N.-led, %s sea",
        "Members' views; don\xe2\x80\x99t caf\xc3\xa9 na\xc3\xafve rights.",
        "Items 1,000.5 and E/CN.9/1997/5 follow-up, a/b, end.",
        "%s",
    };
    char long_word[202], text[512];
    pc_byteset first = { 0 };
    size_t i, n_all, n_kept, n_unfolded;

    memset(long_word, 'x', 201);
    long_word[201] = '\0';
    PC_BYTESET_ADD(first, 's');
    PC_BYTESET_ADD(first, 'r');
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        snprintf(text, sizeof(text), texts[i], long_word);
        CHECK(diff_analyze_for(a, text, strlen(text), first, &n_all,
                               &n_kept, &n_unfolded) == 0);
        CHECK(i == 3 ? n_all == 0 : n_all > 5);
    }
}

/* Query side = document side: a query typed by a user yields terms the
 * document side indexed. */
static void
test_query_side(struct pc_analyzer *a, const char *text, size_t len)
{
    struct toks doc = { 0 }, q = { 0 };
    static const char query[] =
        "MIGRANTS’ Rights Committee’s E/CN.9/1997/5 resolution 50/123 "
        "inter-agency";
    size_t i;

    CHECK_OK(run(a, text, len, &doc));
    CHECK_OK(run(a, query, strlen(query), &q));
    CHECK(q.n == 8);
    for (i = 0; i < q.n; i++) {
        if (find(&doc, TERM, q.v[i].term) < 0) {
            fprintf(stderr, "query term %s not in the document\n",
                    q.v[i].term);
            CHECK(0);
        }
    }
    toks_free(&doc);
    toks_free(&q);
}

/* Other languages from the shared corpora: must not fail, and must
 * give the expected terms. */
static void
test_shared(const char *shared)
{
    static const struct {
        const char *file, *lang, *term;
    } cases[] = {
        { "udhr-multilingual/txt/udhr_eng.txt", "en", "right" },
        { "udhr-multilingual/txt/udhr_fra.txt", "fr", "homm" },
        { "udhr-multilingual/txt/udhr_spa.txt", "es", "derech" },
        { "udhr-multilingual/txt/udhr_rus.txt", "ru", "декларац" },
        { "udhr-multilingual/txt/udhr_arb.txt", "ar", "انس" },
        { "udhr-multilingual/txt/udhr_cmn_hans.txt", "zh", "人权" },
    };
    char dir[4096];
    size_t i, len;

    if (shared == NULL)
        return;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct pc_analyzer *a = NULL;
        struct toks ts = { 0 };
        char *text;

        snprintf(dir, sizeof(dir), "%s", shared);
        if ((text = slurp(dir, cases[i].file, &len)) == NULL)
            continue;
        CHECK_OK(pc_analyzer_new(&a, cases[i].lang));
        if (a) {
            CHECK_OK(run(a, text, len, &ts));
            CHECK(ts.n > 500);
            if (find(&ts, TERM, cases[i].term) < 0) {
                fprintf(stderr, "%s: no term %s\n", cases[i].file,
                        cases[i].term);
                CHECK(0);
            }
            if (strcmp(cases[i].lang, "en") == 0) {
                test_analyze_for(a, text, len);
            } else {
                /* No first-byte promise: every word keeps its term. */
                struct toks some = { 0 };
                pc_byteset first = { 0 };
                size_t j, diff = 0;

                PC_BYTESET_ADD(first, 'm');
                CHECK_OK(pc_analyze_for(a, text, len, first, collect, &some));
                CHECK(some.n == ts.n);
                for (j = 0; j < ts.n && j < some.n; j++)
                    diff += strcmp(ts.v[j].term, some.v[j].term) != 0;
                CHECK(diff == 0);
                toks_free(&some);
            }
        }
        pc_analyzer_free(a);
        toks_free(&ts);
        free(text);
    }
}

/* Fail allocation k = 1, 2, ...: NOMEM or success, never a crash (and
 * no leak under valgrind/ASan). */
static void
test_oom(const char *text, size_t len)
{
    long k;
    int ok = 0;

    for (k = 1; k < 100 && !ok; k++) {
        struct pc_analyzer *a = NULL;
        struct toks ts = { 0 };
        pilcrow_status st;

        pc_alloc_fail_after(k);
        st = pc_analyzer_new(&a, "en");
        if (st == PILCROW_OK)
            st = run(a, text, len, &ts);
        pc_alloc_fail_after(0);
        CHECK(st == PILCROW_OK || st == PILCROW_NOMEM);
        ok = st == PILCROW_OK;
        pc_analyzer_free(a);
        toks_free(&ts);
    }
    CHECK(ok);
}

int
main(void)
{
    const char *corpus = getenv("CORPUS");
    const char *shared = getenv("SHARED_CORPORA");
    struct pc_analyzer *en = NULL;
    char *text;
    size_t len;

    if ((text = slurp(corpus, "international-migration-and-development-1997.txt",
                      &len)) == NULL) {
        fprintf(stderr, "t-analyze: no corpus ($CORPUS): skipped\n");
        return 77;
    }
    test_languages();
    CHECK_FATAL(pc_analyzer_new(&en, "en") == PILCROW_OK);
    test_english(en);
    test_symbols(en);
    test_other_scripts();
    test_folding();
    test_lang_table();
    test_guess(shared);
    test_invalid(en);
    test_stop(en);
    test_corpus(en, text, len);
    test_analyze_for(en, text, len);
    test_analyze_for_edges(en);
    test_query_side(en, text, len);
    test_shared(shared);
    test_oom(text, len);
    pc_analyzer_free(en);
    free(text);
    return check_done();
}
