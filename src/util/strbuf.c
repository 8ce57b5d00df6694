// SPDX-License-Identifier: MIT
// Growable NUL-terminated byte buffer. Amortised doubling; never shrinks until finished.
#include "reviewls/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(struct rv_strbuf *sb, size_t extra) {
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap) {
        return;
    }
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need) {
        cap *= 2;
    }
    sb->data = rv_xrealloc(sb->data, cap);
    sb->cap = cap;
}

void rv_strbuf_append(struct rv_strbuf *sb, const char *bytes, size_t len) {
    reserve(sb, len);
    if (len) {
        memcpy(sb->data + sb->len, bytes, len);
    }
    sb->len += len;
    sb->data[sb->len] = '\0';
}

void rv_strbuf_puts(struct rv_strbuf *sb, const char *s) {
    rv_strbuf_append(sb, s, strlen(s));
}

void rv_strbuf_putc(struct rv_strbuf *sb, char c) {
    rv_strbuf_append(sb, &c, 1);
}

void rv_strbuf_vprintf(struct rv_strbuf *sb, const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        return;
    }
    reserve(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void rv_strbuf_printf(struct rv_strbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    rv_strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

char *rv_strbuf_take(struct rv_strbuf *sb) {
    if (sb->data == NULL) {
        return rv_xstrdup("");
    }
    char *s = sb->data;
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void rv_strbuf_reset(struct rv_strbuf *sb) {
    sb->len = 0;
    if (sb->data) {
        sb->data[0] = '\0';
    }
}

void rv_strbuf_finish(struct rv_strbuf *sb) {
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}
