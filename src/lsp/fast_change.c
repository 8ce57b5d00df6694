// SPDX-License-Identifier: MIT
// A textDocument/didChange notification read straight from its bytes. Every keystroke is one,
// and jansson's tree for it (half a dozen objects, a hash table each) took about 9 us of the
// server's way from the change to its analysis, its code and data cold between keystrokes.
// This reader takes the shape editors send and nothing else: any other key, a \u escape, a
// number that is not a plain integer, a control byte or invalid UTF-8 makes it refuse, and the
// message goes the general way (jansson, on_did_change), which handles all of them. Both end
// in the same rv_lsp_did_change.
#include "lsp_internal.h"
#include "reviewls/text.h"

#include <stdlib.h>
#include <string.h>

struct reader {
    const char *p;
    const char *end;
};

static void skip_ws(struct reader *r) {
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) {
        r->p++;
    }
}

static bool eat(struct reader *r, char c) {
    skip_ws(r);
    if (r->p < r->end && *r->p == c) {
        r->p++;
        return true;
    }
    return false;
}

// A string's bytes, escapes decoded into `out` (when not NULL); false on a \u escape or a raw
// control byte.
static bool read_string(struct reader *r, struct rv_strbuf *out) {
    if (!eat(r, '"')) {
        return false;
    }
    for (;;) {
        const char *run = r->p;
        while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (unsigned char)*r->p >= 0x20) {
            r->p++;
        }
        if (out && r->p > run) {
            rv_strbuf_append(out, run, (size_t)(r->p - run));
        }
        if (r->p >= r->end || (unsigned char)*r->p < 0x20) {
            return false;
        }
        if (*r->p == '"') {
            r->p++;
            return true;
        }
        if (r->p + 1 >= r->end) {
            return false;
        }
        char c;
        switch (r->p[1]) {
        case '"':
        case '\\':
        case '/':
            c = r->p[1];
            break;
        case 'b':
            c = '\b';
            break;
        case 'f':
            c = '\f';
            break;
        case 'n':
            c = '\n';
            break;
        case 'r':
            c = '\r';
            break;
        case 't':
            c = '\t';
            break;
        default:
            return false; // \u (and anything invalid): the general way
        }
        if (out) {
            rv_strbuf_putc(out, c);
        }
        r->p += 2;
    }
}

// A string without escapes, its bytes left in the body (keys, and the values compared).
static bool read_plain(struct reader *r, const char **str, size_t *len) {
    skip_ws(r);
    if (r->p >= r->end || *r->p != '"') {
        return false;
    }
    const char *start = ++r->p;
    while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (unsigned char)*r->p >= 0x20) {
        r->p++;
    }
    if (r->p >= r->end || *r->p != '"') {
        return false;
    }
    *str = start;
    *len = (size_t)(r->p - start);
    r->p++;
    return true;
}

static bool read_key(struct reader *r, const char **key, size_t *len) {
    return read_plain(r, key, len) && eat(r, ':');
}

static bool key_is(const char *key, size_t len, const char *want) {
    return len == strlen(want) && memcmp(key, want, len) == 0;
}

// A plain integer (no fraction, no exponent), within int64.
static bool read_int(struct reader *r, int64_t *v) {
    skip_ws(r);
    bool neg = r->p < r->end && *r->p == '-';
    r->p += neg;
    const char *start = r->p;
    uint64_t n = 0;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
        if (n > (uint64_t)INT64_MAX / 10) {
            return false;
        }
        n = n * 10 + (uint64_t)(*r->p - '0');
        r->p++;
    }
    // (A fraction or an exponent stops it at a byte no caller takes after a number.)
    size_t digits = (size_t)(r->p - start);
    if (digits == 0 || (digits > 1 && *start == '0') || n > (uint64_t)INT64_MAX) {
        return false;
    }
    *v = neg ? -(int64_t)n : (int64_t)n;
    return true;
}

// Reads an object whose members are among `keys` (each at most once), handing each to
// `member(r, index, ctx)` to read its value. Returns the mask of the keys met, or -1 when the
// object is not of that shape.
typedef bool member_fn(struct reader *r, size_t key, void *ctx);

static int read_object(struct reader *r, const char *const *keys, size_t n, member_fn *member,
                       void *ctx) {
    if (!eat(r, '{')) {
        return -1;
    }
    unsigned seen = 0;
    if (eat(r, '}')) {
        return 0;
    }
    do {
        const char *key;
        size_t len;
        if (!read_key(r, &key, &len)) {
            return -1;
        }
        size_t k = 0;
        while (k < n && !key_is(key, len, keys[k])) {
            k++;
        }
        if (k == n || (seen >> k & 1u) || !member(r, k, ctx)) {
            return -1;
        }
        seen |= 1u << k;
    } while (eat(r, ','));
    return eat(r, '}') ? (int)seen : -1;
}

// A position: {"line": n, "character": n}, both non-negative (clamped as get_u32 does).
static bool position_member(struct reader *r, size_t key, void *ctx) {
    struct rv_lsp_pos *pos = ctx;
    int64_t v;
    if (!read_int(r, &v) || v < 0) {
        return false;
    }
    uint32_t u = v > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)v;
    *(key == 0 ? &pos->line : &pos->character) = u;
    return true;
}

static bool range_member(struct reader *r, size_t key, void *ctx) {
    static const char *const keys[] = {"line", "character"};
    struct rv_lsp_change *c = ctx;
    return read_object(r, keys, 2, position_member, key == 0 ? &c->start : &c->end) == 3;
}

static bool change_member(struct reader *r, size_t key, void *ctx) {
    static const char *const keys[] = {"start", "end"};
    struct rv_lsp_change *c = ctx;
    if (key == 0) {
        c->has_range = true;
        return read_object(r, keys, 2, range_member, c) == 3;
    }
    if (key == 1) {
        int64_t ignored; // rangeLength, deprecated: the range says it
        return read_int(r, &ignored);
    }
    struct rv_strbuf sb = {0};
    bool ok = read_string(r, &sb);
    c->text_len = sb.len;
    c->text = rv_strbuf_take(&sb);
    return ok;
}

static bool document_member(struct reader *r, size_t key, void *ctx) {
    struct rv_lsp_did_change *out = ctx;
    if (key == 1) {
        out->has_version = read_int(r, &out->version);
        return out->has_version;
    }
    struct rv_strbuf sb = {0};
    bool ok = read_string(r, &sb);
    out->uri = rv_strbuf_take(&sb);
    return ok;
}

static bool read_changes(struct reader *r, struct rv_lsp_did_change *out) {
    static const char *const keys[] = {"range", "rangeLength", "text"};
    if (!eat(r, '[')) {
        return false;
    }
    if (eat(r, ']')) {
        return true;
    }
    do {
        struct rv_lsp_change c = {0};
        int met = read_object(r, keys, 3, change_member, &c);
        rv_vec_push(&out->changes, c); // freed with the rest when not taken
        if (met < 0 || !(met & 4)) {
            return false; // (a change without text is the general way's to log)
        }
    } while (eat(r, ','));
    return eat(r, ']');
}

static bool params_member(struct reader *r, size_t key, void *ctx) {
    static const char *const keys[] = {"uri", "version"};
    struct rv_lsp_did_change *out = ctx;
    if (key == 0) {
        int met = read_object(r, keys, 2, document_member, out);
        return met >= 0 && (met & 1);
    }
    out->has_changes = read_changes(r, out);
    return out->has_changes;
}

// The string value `want`, compared without decoding.
static bool read_literal(struct reader *r, const char *want) {
    const char *str;
    size_t len;
    return read_plain(r, &str, &len) && key_is(str, len, want);
}

static bool message_member(struct reader *r, size_t key, void *ctx) {
    static const char *const keys[] = {"textDocument", "contentChanges"};
    if (key == 0) {
        return read_literal(r, "2.0");
    }
    if (key == 1) {
        return read_literal(r, "textDocument/didChange");
    }
    return read_object(r, keys, 2, params_member, ctx) == 3;
}

bool rv_lsp_read_did_change(const char *body, size_t len, struct rv_lsp_did_change *out) {
    static const char *const keys[] = {"jsonrpc", "method", "params"}; // an id: a request
    memset(out, 0, sizeof(*out));
    struct reader r = {body, body + len};
    bool ok = read_object(&r, keys, 3, message_member, out) == 7;
    skip_ws(&r);
    // UTF-8 checked once the shape is known: any other message (a didOpen's megabytes) is
    // refused within its first keys and validated by the general way alone. Invalid bytes are
    // that way's to map.
    ok = ok && r.p == r.end && rv_utf8_valid(body, len);
    if (!ok) {
        rv_lsp_did_change_finish(out);
    }
    return ok;
}

void rv_lsp_did_change_finish(struct rv_lsp_did_change *c) {
    free(c->uri);
    for (size_t i = 0; i < c->changes.len; i++) {
        free(c->changes.items[i].text);
    }
    rv_vec_finish(&c->changes);
    memset(c, 0, sizeof(*c));
}
