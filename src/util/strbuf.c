// SPDX-License-Identifier: MIT
// Growable NUL-terminated byte buffer. Amortised doubling; never shrinks until finished.
#include "reviewls/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rv_strbuf_grow(struct rv_strbuf *sb, size_t extra) {
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

// Formats into the room the buffer has; only when that is too little does it grow and format
// again (measuring first would format everything twice).
void rv_strbuf_vprintf(struct rv_strbuf *sb, const char *fmt, va_list ap) {
    rv_strbuf_grow(sb, 0);
    size_t room = sb->cap - sb->len;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(sb->data + sb->len, room, fmt, copy);
    va_end(copy);
    if (n < 0) {
        sb->data[sb->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        rv_strbuf_grow(sb, (size_t)n);
        vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    }
    sb->len += (size_t)n;
}

void rv_strbuf_put_u64(struct rv_strbuf *sb, uint64_t v) {
    char digits[20];
    size_t n = 0;
    do {
        digits[sizeof(digits) - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    rv_strbuf_append(sb, digits + sizeof(digits) - n, n);
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

void rv_strbuf_put_utf8(struct rv_strbuf *sb, uint32_t cp) {
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    rv_strbuf_append(sb, out, n);
}
