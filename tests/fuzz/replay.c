/*
 * replay.c - the plain driver of a fuzz target, for builds without
 * libFuzzer: runs LLVMFuzzerTestOneInput() once on each file named on
 * the command line, and on every file of each directory named (in name
 * order, not recursing, leaving out names that start with a dot).
 * Linked with a target's file, it is tests/fuzz/replay-TARGET, which
 * make check runs over the target's seeds and regression inputs
 * (tests/fuzz/t-replay.sh).
 *
 * Each input is read into a buffer of exactly its size, so that a read
 * past its end is seen by ASan or valgrind.  Before each input its path
 * goes to stderr, so that the log of a crash names the input; at the
 * end, "replay: N inputs".  Exit status 0, or 99 when a file cannot be
 * read or nothing was given; a finding aborts.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t n_inputs;

/* Run the target on file PATH; exit 99 if it cannot be read. */
static void
replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat sb;
    unsigned char *buf;
    size_t size;

    if (f == NULL || fstat(fileno(f), &sb) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        exit(99);
    }
    size = (size_t)sb.st_size;
    if ((buf = malloc(size > 0 ? size : 1)) == NULL ||
        fread(buf, 1, size, f) != size) {
        fprintf(stderr, "replay: %s: cannot read\n", path);
        exit(99);
    }
    fclose(f);
    fprintf(stderr, "%s\n", path);
    LLVMFuzzerTestOneInput(buf, size);
    free(buf);
    n_inputs++;
}

/* Run the target on every file of directory DIR. */
static void
replay_dir(const char *dir)
{
    struct dirent **names;
    struct stat sb;
    char path[4096];
    int n, i;

    if ((n = scandir(dir, &names, NULL, alphasort)) < 0) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        exit(99);
    }
    for (i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.') {
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
            if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
                replay_file(path);
        }
        free(names[i]);
    }
    free(names);
}

int
main(int argc, char **argv)
{
    struct stat sb;
    int i;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 99;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    for (i = 1; i < argc; i++) {
        if (stat(argv[i], &sb) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            return 99;
        }
        if (S_ISDIR(sb.st_mode))
            replay_dir(argv[i]);
        else
            replay_file(argv[i]);
    }
    fprintf(stderr, "replay: %zu inputs\n", n_inputs);
    return 0;
}
