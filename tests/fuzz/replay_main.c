// SPDX-License-Identifier: MIT
// The main() of a fuzz target built without libFuzzer: runs LLVMFuzzerTestOneInput once per
// file named on the command line (a directory means each file in it, in sorted order), so
// that `meson test` replays every corpus input and every crash regression as an ordinary test.
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    struct rv_strbuf sb = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        rv_strbuf_append(&sb, chunk, n);
    }
    fclose(f);
    // A private copy of exactly the file's bytes, so ASan sees reads past the end.
    uint8_t *data = rv_xmalloc(sb.len ? sb.len : 1);
    if (sb.len) {
        memcpy(data, sb.data, sb.len);
    }
    LLVMFuzzerTestOneInput(data, sb.len);
    free(data);
    rv_strbuf_finish(&sb);
    return 0;
}

static int run_path(const char *path, size_t *count) {
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: cannot stat %s\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return run_file(path);
    }
    DIR *d = opendir(path);
    if (d == NULL) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    RV_VEC(char *) names = {0};
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] != '.') {
            rv_vec_push(&names, rv_xasprintf("%s/%s", path, ent->d_name));
        }
    }
    closedir(d);
    if (names.len) {
        qsort(names.items, names.len, sizeof(char *), cmp_str);
    }
    int rc = 0;
    for (size_t i = 0; i < names.len; i++) {
        rc |= run_path(names.items[i], count);
        free(names.items[i]);
    }
    rv_vec_finish(&names);
    return rc;
}

int main(int argc, char **argv) {
    size_t count = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        rc |= run_path(argv[i], &count);
    }
    fprintf(stderr, "replayed %zu inputs\n", count);
    if (count == 0) {
        fprintf(stderr, "replay: no inputs\n");
        return 1;
    }
    return rc;
}
