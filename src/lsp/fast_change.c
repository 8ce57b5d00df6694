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

// A position: {"line": n, "character": n}, both non-negative (clamped as get_u32 does).
static bool read_position(struct reader *r, struct rv_lsp_pos *pos) {
    if (!eat(r, '{')) {
        return false;
    }
    bool line = false;
    bool character = false;
    do {
        const char *key;
        size_t len;
        int64_t v;
        if (!read_key(r, &key, &len) || !read_int(r, &v) || v < 0) {
            return false;
        }
        uint32_t u = v > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)v;
        if (key_is(key, len, "line") && !line) {
            pos->line = u;
            line = true;
        } else if (key_is(key, len, "character") && !character) {
            pos->character = u;
            character = true;
        } else {
            return false;
        }
    } while (eat(r, ','));
    return eat(r, '}') && line && character;
}

static bool read_range(struct reader *r, struct rv_lsp_change *c) {
    if (!eat(r, '{')) {
        return false;
    }
    bool start = false;
    bool end = false;
    do {
        const char *key;
        size_t len;
        if (!read_key(r, &key, &len)) {
            return false;
        }
        if (key_is(key, len, "start") && !start) {
            start = read_position(r, &c->start);
            if (!start) {
                return false;
            }
        } else if (key_is(key, len, "end") && !end) {
            end = read_position(r, &c->end);
            if (!end) {
                return false;
            }
        } else {
            return false;
        }
    } while (eat(r, ','));
    c->has_range = true;
    return eat(r, '}') && start && end;
}

static bool read_change(struct reader *r, struct rv_lsp_change *c) {
    if (!eat(r, '{')) {
        return false;
    }
    bool range = false;
    bool length = false;
    bool text = false;
    do {
        const char *key;
        size_t len;
        int64_t ignored;
        if (!read_key(r, &key, &len)) {
            return false;
        }
        if (key_is(key, len, "range") && !range) {
            range = read_range(r, c);
            if (!range) {
                return false;
            }
        } else if (key_is(key, len, "rangeLength") && !length) {
            length = read_int(r, &ignored); // deprecated; the range says it
            if (!length) {
                return false;
            }
        } else if (key_is(key, len, "text") && !text) {
            struct rv_strbuf sb = {0};
            text = read_string(r, &sb);
            c->text_len = sb.len;
            c->text = rv_strbuf_take(&sb);
            if (!text) {
                return false;
            }
        } else {
            return false;
        }
    } while (eat(r, ','));
    return eat(r, '}') && text;
}

static bool read_text_document(struct reader *r, struct rv_lsp_did_change *out) {
    if (!eat(r, '{')) {
        return false;
    }
    bool uri = false;
    do {
        const char *key;
        size_t len;
        if (!read_key(r, &key, &len)) {
            return false;
        }
        if (key_is(key, len, "uri") && !uri) {
            struct rv_strbuf sb = {0};
            uri = read_string(r, &sb);
            out->uri = rv_strbuf_take(&sb);
            if (!uri) {
                return false;
            }
        } else if (key_is(key, len, "version") && !out->has_version) {
            out->has_version = read_int(r, &out->version);
            if (!out->has_version) {
                return false;
            }
        } else {
            return false;
        }
    } while (eat(r, ','));
    return eat(r, '}') && uri;
}

static bool read_changes(struct reader *r, struct rv_lsp_did_change *out) {
    if (!eat(r, '[')) {
        return false;
    }
    if (eat(r, ']')) {
        return true;
    }
    do {
        struct rv_lsp_change c = {0};
        bool ok = read_change(r, &c);
        rv_vec_push(&out->changes, c); // freed with the rest when not
        if (!ok) {
            return false;
        }
    } while (eat(r, ','));
    return eat(r, ']');
}

static bool read_params(struct reader *r, struct rv_lsp_did_change *out) {
    if (!eat(r, '{')) {
        return false;
    }
    bool document = false;
    bool changes = false;
    do {
        const char *key;
        size_t len;
        if (!read_key(r, &key, &len)) {
            return false;
        }
        if (key_is(key, len, "textDocument") && !document) {
            document = read_text_document(r, out);
            if (!document) {
                return false;
            }
        } else if (key_is(key, len, "contentChanges") && !changes) {
            changes = read_changes(r, out);
            if (!changes) {
                return false;
            }
        } else {
            return false;
        }
    } while (eat(r, ','));
    out->has_changes = changes;
    return eat(r, '}') && document && changes;
}

// The string value `want`, compared without decoding.
static bool read_literal(struct reader *r, const char *want) {
    const char *str;
    size_t len;
    return read_plain(r, &str, &len) && key_is(str, len, want);
}

bool rv_lsp_read_did_change(const char *body, size_t len, struct rv_lsp_did_change *out) {
    memset(out, 0, sizeof(*out));
    if (!rv_utf8_valid(body, len)) {
        return false; // mapped by the general way
    }
    struct reader r = {body, body + len};
    bool ok = eat(&r, '{');
    bool version = false;
    bool method = false;
    bool params = false;
    while (ok) {
        const char *key;
        size_t key_len;
        ok = read_key(&r, &key, &key_len);
        if (!ok) {
            break;
        }
        if (key_is(key, key_len, "jsonrpc") && !version) {
            ok = version = read_literal(&r, "2.0");
        } else if (key_is(key, key_len, "method") && !method) {
            ok = method = read_literal(&r, "textDocument/didChange");
        } else if (key_is(key, key_len, "params") && !params) {
            ok = params = read_params(&r, out);
        } else {
            ok = false; // an id (a request), or anything else
        }
        if (ok && !eat(&r, ',')) {
            break;
        }
    }
    ok = ok && eat(&r, '}') && version && method && params;
    skip_ws(&r);
    ok = ok && r.p == r.end;
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
