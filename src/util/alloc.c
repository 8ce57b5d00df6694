// SPDX-License-Identifier: MIT
// Aborting allocators: an out-of-memory language server cannot do anything useful, so it says
// so on stderr and stops rather than threading NULL checks through every caller.
#include "reviewls/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t size) {
    fprintf(stderr, "reviewls: out of memory allocating %zu bytes\n", size);
    abort();
}

void *rv_xmalloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (p == NULL) {
        oom(size);
    }
    return p;
}

void *rv_xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p == NULL) {
        oom(count * size);
    }
    return p;
}

void *rv_xrealloc(void *ptr, size_t size) {
    void *p = realloc(ptr, size ? size : 1);
    if (p == NULL) {
        oom(size);
    }
    return p;
}

char *rv_xstrdup(const char *s) {
    return rv_xstrndup(s, strlen(s));
}

char *rv_xstrndup(const char *s, size_t len) {
    char *p = rv_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *rv_xasprintf(const char *fmt, ...) {
    struct rv_strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    rv_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    return rv_strbuf_take(&sb);
}
