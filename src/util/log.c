// SPDX-License-Identifier: MIT
// Logging to stderr (never stdout: it carries protocol messages only), an optional log file,
// and an optional sink that the server points at window/logMessage once initialised.
#include "reviewls/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static enum rv_log_level current_level = RV_LOG_WARN;
static FILE *log_file;
static rv_log_sink_fn *sink;
static void *sink_userdata;
static bool in_sink;

void rv_log_set_level(enum rv_log_level level) {
    current_level = level;
}

enum rv_log_level rv_log_level_get(void) {
    return current_level;
}

bool rv_log_level_parse(const char *name, enum rv_log_level *out) {
    static const struct {
        const char *name;
        enum rv_log_level level;
    } names[] = {{"error", RV_LOG_ERROR},
                 {"warn", RV_LOG_WARN},
                 {"warning", RV_LOG_WARN},
                 {"info", RV_LOG_INFO},
                 {"debug", RV_LOG_DEBUG}};
    for (size_t i = 0; i < RV_ARRAY_LEN(names); i++) {
        if (strcmp(names[i].name, name) == 0) {
            *out = names[i].level;
            return true;
        }
    }
    return false;
}

int rv_log_open_file(const char *path) {
    FILE *f = fopen(path, "a");
    if (f == NULL) {
        return -errno;
    }
    if (log_file) {
        fclose(log_file);
    }
    setvbuf(f, NULL, _IOLBF, 0);
    log_file = f;
    return 0;
}

void rv_log_set_sink(rv_log_sink_fn *fn, void *userdata) {
    sink = fn;
    sink_userdata = userdata;
}

void rv_log(enum rv_log_level level, const char *fmt, ...) {
    if (level > current_level) {
        return;
    }
    static const char *const tags[] = {"", "error", "warn", "info", "debug"};
    struct rv_strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    rv_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    fprintf(stderr, "reviewls: %s: %s\n", tags[level], sb.data);
    if (log_file) {
        fprintf(log_file, "%s: %s\n", tags[level], sb.data);
    }
    // The sink may itself log (a failed write); never recurse into it.
    if (sink && !in_sink) {
        in_sink = true;
        sink(sink_userdata, level, sb.data);
        in_sink = false;
    }
    rv_strbuf_finish(&sb);
}

int rv_read_file(const char *path, char **out, size_t *out_len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -errno;
    }
    struct rv_strbuf sb = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        rv_strbuf_append(&sb, chunk, n);
    }
    int err = ferror(f) ? -EIO : 0;
    fclose(f);
    if (err) {
        rv_strbuf_finish(&sb);
        return err;
    }
    *out_len = sb.len;
    *out = rv_strbuf_take(&sb);
    return 0;
}

static int cmp_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int rv_list_dir(const char *dir, char ***names, size_t *count) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        return -errno;
    }
    RV_VEC(char *) list = {0};
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.' || strcmp(ent->d_name, "__pycache__") == 0 ||
            strcmp(ent->d_name, "node_modules") == 0) {
            continue;
        }
        rv_vec_push(&list, rv_xstrdup(ent->d_name));
    }
    closedir(d);
    if (list.len > 1) {
        qsort(list.items, list.len, sizeof(char *), cmp_name);
    }
    *names = list.items;
    *count = list.len;
    return 0;
}
