/*
 * synth.c: make the large synthetic corpus of pilcrow's benchmark.
 *
 *   synth PARAGRAPHS.txt OUTDIR MEGABYTES [SEED]
 *
 * PARAGRAPHS.txt holds the real paragraphs, one a line (the records'
 * text of the real corpora).  synth writes OUTDIR/NNN/synth-NNNNNN.txt
 * (1,000 files a directory) until MEGABYTES * 10^6 bytes are written.
 *
 * Method, deterministic for a given input and SEED (splitmix64 PRNG):
 * - a document has 4 + U[0,40) paragraphs (about the size of a real
 *   General Debate speech), separated by blank lines;
 * - each paragraph is a real paragraph drawn uniformly with replacement;
 * - each of its sentences (split after a word ending in . ? or !) is
 *   kept verbatim with probability 1/4 (so phrases still occur), else
 *   its words are permuted uniformly (Fisher-Yates): word frequencies
 *   and co-occurrence within the paragraph are kept, the text is new;
 * - one word in 256 of five or more bytes becomes a new word: its first
 *   half joined to the second half of another word of the paragraph
 *   (both cut between characters, so the text stays valid UTF-8),
 *   so the vocabulary keeps growing with the corpus as real text does
 *   (Heaps' law) instead of stopping at the real corpora's vocabulary.
 * Copies of real text would compress and cache unrealistically well;
 * this keeps realistic term statistics without plain repetition.
 * Built only by `make bench`.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

/* Next number of the splitmix64 sequence. */
static uint64_t
rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform integer in [0, N). */
static size_t
uniform(size_t n)
{
    return (size_t)(rng() % n);
}

struct word {
    const char *s;              /* start, inside the paragraph */
    size_t len;                 /* bytes */
};

static void
die(const char *what)
{
    fprintf(stderr, "synth: %s: %s\n", what, strerror(errno));
    exit(2);
}

/*
 * Write paragraph P (NUL-terminated, one line) transformed as described
 * above to OUT; returns the bytes written.  W is scratch space for at
 * least strlen(P) / 2 + 1 words.
 */
static size_t
write_para(FILE *out, const char *p, struct word *w)
{
    size_t n = 0, i, start, bytes = 0;

    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        w[n].s = p;
        while (*p && *p != ' ')
            p++;
        w[n].len = (size_t)(p - w[n].s);
        n++;
    }
    for (start = 0; start < n; ) {
        size_t end = start;
        char last;

        while (end < n) {
            last = w[end].s[w[end].len - 1];
            end++;
            if (last == '.' || last == '?' || last == '!')
                break;
        }
        if (uniform(4) != 0) {
            for (i = end - 1; i > start; i--) {
                size_t j = start + uniform(i - start + 1);
                struct word t = w[i];

                w[i] = w[j];
                w[j] = t;
            }
        }
        start = end;
    }
    for (i = 0; i < n; i++) {
        if (i) {
            fputc(' ', out);
            bytes++;
        }
        if (w[i].len >= 5 && uniform(256) == 0) {
            const struct word *o = &w[uniform(n)];
            size_t h = w[i].len / 2, oh = o->len / 2;

            /* Cut between characters, never inside a UTF-8 sequence. */
            while (h > 0 && ((unsigned char)w[i].s[h] & 0xC0) == 0x80)
                h--;
            while (oh > 0 && ((unsigned char)o->s[oh] & 0xC0) == 0x80)
                oh--;

            fwrite(w[i].s, 1, h, out);
            fwrite(o->s + oh, 1, o->len - oh, out);
            bytes += h + o->len - oh;
        } else {
            fwrite(w[i].s, 1, w[i].len, out);
            bytes += w[i].len;
        }
    }
    fputc('\n', out);
    return bytes + 1;
}

int
main(int argc, char **argv)
{
    FILE *in, *out;
    char **para = NULL, *line = NULL, path[4096];
    size_t npara = 0, cap = 0, lcap = 0, maxlen = 0, total = 0, target;
    unsigned long doc;
    struct word *w;
    ssize_t len;

    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: synth PARAGRAPHS.txt OUTDIR MEGABYTES [SEED]\n");
        return 2;
    }
    target = (size_t)strtoull(argv[3], NULL, 10) * 1000000u;
    rng_state = argc == 5 ? strtoull(argv[4], NULL, 10) : 20250907u;
    if (!(in = fopen(argv[1], "r")))
        die(argv[1]);
    while ((len = getline(&line, &lcap, in)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (npara == cap) {
            cap = cap ? 2 * cap : 65536;
            if (!(para = realloc(para, cap * sizeof *para)))
                die("realloc");
        }
        if (!(para[npara++] = strdup(line)))
            die("strdup");
        if ((size_t)len > maxlen)
            maxlen = (size_t)len;
    }
    fclose(in);
    free(line);
    if (npara == 0) {
        fprintf(stderr, "synth: %s: no paragraphs\n", argv[1]);
        return 2;
    }
    if (!(w = malloc((maxlen / 2 + 2) * sizeof *w)))
        die("malloc");
    if (mkdir(argv[2], 0777) && errno != EEXIST)
        die(argv[2]);
    for (doc = 0; total < target; doc++) {
        size_t k = 4 + uniform(40), i;

        if (doc % 1000 == 0) {
            snprintf(path, sizeof path, "%s/%03lu", argv[2], doc / 1000);
            if (mkdir(path, 0777) && errno != EEXIST)
                die(path);
        }
        snprintf(path, sizeof path, "%s/%03lu/synth-%06lu.txt", argv[2],
                 doc / 1000, doc);
        if (!(out = fopen(path, "w")))
            die(path);
        for (i = 0; i < k; i++) {
            if (i) {
                fputc('\n', out);
                total++;
            }
            total += write_para(out, para[uniform(npara)], w);
        }
        if (fclose(out))
            die(path);
    }
    fprintf(stderr, "synth: %lu documents, %zu bytes from %zu paragraphs\n",
            doc, total, npara);
    return 0;
}
