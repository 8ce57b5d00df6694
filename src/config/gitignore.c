// SPDX-License-Identifier: MIT
// .gitignore matching for directory walks: patterns are parsed once per file and matched with
// the same glob engine as `exclude` (rv_config_glob_match). Reads .gitignore files; never
// walks directories itself.
#include "reviewls/gitignore.h"

#include "reviewls/config.h"
#include "reviewls/util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct pattern {
    char *glob;
    bool negate;
    bool dir_only;
    bool anchored; /* matched against the path below the base, else against the name */
};

struct ignore_file {
    char *base;   /* the walk's form of the directory the patterns apply below */
    char *prefix; /* prepended to paths below `base`: "sub/" for an ancestor's file, or "" */
    RV_VEC(struct pattern) patterns;
};

struct rv_gitignore {
    RV_VEC(struct ignore_file) stack;
};

struct rv_gitignore *rv_gitignore_create(void) {
    return rv_xcalloc(1, sizeof(struct rv_gitignore));
}

static void file_finish(struct ignore_file *f) {
    for (size_t i = 0; i < f->patterns.len; i++) {
        free(f->patterns.items[i].glob);
    }
    rv_vec_finish(&f->patterns);
    free(f->base);
    free(f->prefix);
}

void rv_gitignore_destroy(struct rv_gitignore *gi) {
    if (gi == NULL) {
        return;
    }
    for (size_t i = 0; i < gi->stack.len; i++) {
        file_finish(&gi->stack.items[i]);
    }
    rv_vec_finish(&gi->stack);
    free(gi);
}

// One line of a .gitignore: trailing blanks go unless escaped, "\#" and "\!" are literal.
static void parse_line(struct ignore_file *f, const char *line, size_t len) {
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n')) {
        len--;
    }
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t') &&
           !(len >= 2 && line[len - 2] == '\\')) {
        len--;
    }
    if (len == 0 || line[0] == '#') {
        return;
    }
    struct pattern p = {0};
    if (line[0] == '!') {
        p.negate = true;
        line++;
        len--;
    } else if (line[0] == '\\' && len > 1 && (line[1] == '#' || line[1] == '!')) {
        line++;
        len--;
    }
    if (len > 0 && line[len - 1] == '/') {
        p.dir_only = true;
        len--;
    }
    if (len == 0) {
        return;
    }
    p.anchored = memchr(line, '/', len) != NULL;
    if (line[0] == '/') {
        line++;
        len--;
    }
    if (len == 0) {
        return;
    }
    // "\ " (an escaped trailing blank) keeps the blank; the glob engine reads '\' as an escape.
    p.glob = rv_xstrndup(line, len);
    rv_vec_push(&f->patterns, p);
}

static void push_entry(struct rv_gitignore *gi, const char *base, const char *prefix,
                       const char *text, size_t len) {
    struct ignore_file f = {.base = rv_xstrdup(base), .prefix = rv_xstrdup(prefix)};
    const char *p = text;
    const char *end = text ? text + len : NULL;
    while (p && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        parse_line(&f, p, (size_t)(line_end - p));
        p = nl ? nl + 1 : end;
    }
    rv_vec_push(&gi->stack, f);
}

void rv_gitignore_push_text(struct rv_gitignore *gi, const char *dir, const char *text,
                            size_t len) {
    push_entry(gi, dir, "", text, len);
}

void rv_gitignore_push(struct rv_gitignore *gi, const char *dir) {
    char *path = rv_xasprintf("%s/.gitignore", dir);
    char *bytes = NULL;
    size_t len = 0;
    // A missing or unreadable .gitignore ignores nothing, as in git.
    if (rv_read_file(path, &bytes, &len) != 0) {
        bytes = NULL;
        len = 0;
    }
    push_entry(gi, dir, "", bytes, len);
    free(bytes);
    free(path);
}

size_t rv_gitignore_push_ancestors(struct rv_gitignore *gi, const char *dir) {
    char *abs = realpath(dir, NULL);
    if (abs == NULL) {
        return 0;
    }
    // Find the repository top: the nearest directory at or above `dir` holding .git.
    char *top = NULL;
    char *cur = rv_xstrdup(abs);
    for (;;) {
        char *git = rv_xasprintf("%s/.git", strcmp(cur, "/") == 0 ? "" : cur);
        struct stat st;
        bool found = stat(git, &st) == 0;
        free(git);
        if (found) {
            top = cur;
            break;
        }
        char *slash = strrchr(cur, '/');
        if (slash == NULL || slash == cur) {
            free(cur);
            break;
        }
        *slash = '\0';
    }
    size_t pushed = 0;
    if (top != NULL && strcmp(top, abs) != 0) {
        // From the top down to dir's parent, each with the path from it down to `dir`.
        size_t top_len = strlen(top);
        const char *below = abs + top_len + (top_len > 1 ? 1 : 0); /* "a/b/dir" */
        for (const char *p = below;;) {
            char *ancestor = p == below ? rv_xstrdup(top)
                                        : rv_xasprintf("%s/%.*s", top, (int)(p - below - 1), below);
            char *prefix = rv_xasprintf("%s/", p);
            char *file = rv_xasprintf("%s/.gitignore", ancestor);
            char *bytes = NULL;
            size_t len = 0;
            if (rv_read_file(file, &bytes, &len) != 0) {
                bytes = NULL;
                len = 0;
            }
            push_entry(gi, dir, prefix, bytes, len);
            pushed++;
            free(bytes);
            free(file);
            free(prefix);
            free(ancestor);
            const char *slash = strchr(p, '/');
            if (slash == NULL) {
                break;
            }
            p = slash + 1;
        }
    }
    free(top);
    free(abs);
    return pushed;
}

void rv_gitignore_pop(struct rv_gitignore *gi) {
    if (gi->stack.len > 0) {
        file_finish(&gi->stack.items[--gi->stack.len]);
    }
}

// The path below `f`'s directory, or NULL when `path` is not below it (caller frees).
static char *relative_to(const struct ignore_file *f, const char *path) {
    const char *rest = NULL;
    if (strcmp(f->base, ".") == 0) {
        rest = strncmp(path, "./", 2) == 0 ? path + 2 : path;
        if (rest[0] == '/') {
            return NULL;
        }
    } else {
        size_t n = strlen(f->base);
        if (strncmp(path, f->base, n) != 0 || path[n] != '/') {
            return NULL;
        }
        rest = path + n + 1;
    }
    return rv_xasprintf("%s%s", f->prefix, rest);
}

bool rv_gitignore_ignored(const struct rv_gitignore *gi, const char *path, bool is_dir) {
    bool ignored = false;
    for (size_t i = 0; i < gi->stack.len; i++) {
        const struct ignore_file *f = &gi->stack.items[i];
        if (f->patterns.len == 0) {
            continue;
        }
        char *rel = relative_to(f, path);
        if (rel == NULL) {
            continue;
        }
        size_t n = strlen(rel);
        if (n > 0 && rel[n - 1] == '/') {
            rel[n - 1] = '\0';
        }
        const char *slash = strrchr(rel, '/');
        const char *name = slash ? slash + 1 : rel;
        // The last matching line decides.
        for (size_t k = f->patterns.len; k-- > 0;) {
            const struct pattern *p = &f->patterns.items[k];
            if (p->dir_only && !is_dir) {
                continue;
            }
            if (rv_config_glob_match(p->glob, p->anchored ? rel : name)) {
                ignored = !p->negate;
                break;
            }
        }
        free(rel);
    }
    return ignored;
}
