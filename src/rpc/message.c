// SPDX-License-Identifier: MIT
// JSON-RPC decoding and encoding. The error codes and their meanings follow the LSP
// specification; nothing here knows about LSP methods.
#include "reviewls/rpc.h"
#include "reviewls/text.h"
#include "reviewls/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Maps every invalid UTF-8 byte to U+F700 + byte (3 bytes: EF 9C|9D 80..BF).
static char *map_invalid(const char *body, size_t len, size_t *out_len) {
    struct rv_strbuf sb = {0};
    const unsigned char *p = (const unsigned char *)body;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            size_t j = i;
            while (j < len && p[j] < 0x80) {
                j++;
            }
            rv_strbuf_append(&sb, body + i, j - i);
            i = j;
            continue;
        }
        uint32_t cp;
        bool ok;
        size_t n = rv_utf8_decode(p + i, len - i, &cp, &ok);
        if (ok) {
            rv_strbuf_append(&sb, body + i, n);
        } else {
            uint32_t mapped = 0xF700u + p[i];
            char enc[3] = {(char)(0xE0 | (mapped >> 12)), (char)(0x80 | ((mapped >> 6) & 0x3F)),
                           (char)(0x80 | (mapped & 0x3F))};
            rv_strbuf_append(&sb, enc, 3);
        }
        i += n;
    }
    *out_len = sb.len;
    return rv_strbuf_take(&sb);
}

size_t rv_rpc_unmap_bytes(char *s, size_t len) {
    size_t w = 0;
    for (size_t r = 0; r < len;) {
        unsigned char c = (unsigned char)s[r];
        if (c == 0xEF && r + 2 < len) {
            unsigned char c1 = (unsigned char)s[r + 1];
            unsigned char c2 = (unsigned char)s[r + 2];
            uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(c1 & 0x3F) << 6) | (c2 & 0x3F);
            if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && cp >= 0xF780 && cp <= 0xF7FF) {
                s[w++] = (char)(cp - 0xF700);
                r += 3;
                continue;
            }
        }
        s[w++] = s[r++];
    }
    return w;
}

/* ------------------------------------------------------------------------------------------ */
/* Long strings. didOpen carries the whole document as one JSON string, which jansson decodes a
 * character at a time (an eighth of opening typing.py). Each long string value is decoded here
 * with escapes only where they are, and jansson parses the body with a short stand-in for it;
 * the decoded value then takes the stand-in's place. Anything unusual (a raw control
 * character, an unknown escape, a lone surrogate, a stand-in found twice) sends the whole body
 * to jansson as before, so values and errors stay jansson's. */

// A string this long is a document's text, or a large part of one.
#define LONG_STRING 512

struct long_string {
    size_t start, end; /* the token in the body, quotes included */
    char *value;       /* decoded */
    size_t len;
};

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The code unit of the \uXXXX escape at s (s[0] == '\\'), or -1.
static long hex_escape(const char *s, size_t n) {
    if (n < 6 || s[1] != 'u') {
        return -1;
    }
    long v = 0;
    for (int k = 2; k < 6; k++) {
        int d = hex_digit(s[k]);
        if (d < 0) {
            return -1;
        }
        v = v * 16 + d;
    }
    return v;
}

// Decodes the inside of a string token (valid UTF-8, no unescaped quote); false for anything
// jansson would refuse.
static bool decode_string(const char *s, size_t n, struct rv_strbuf *out) {
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\\' && (unsigned char)s[j] >= 0x20) {
            j++;
        }
        rv_strbuf_append(out, s + i, j - i);
        i = j;
        if (i == n) {
            break;
        }
        if (s[i] != '\\' || i + 1 == n) {
            return false; // a raw control character, or a backslash at the end
        }
        static const char plain[] = "\"\\/bfnrt";
        static const char means[] = "\"\\/\b\f\n\r\t";
        const char *k = s[i + 1] != '\0' ? strchr(plain, s[i + 1]) : NULL;
        if (k != NULL) {
            rv_strbuf_putc(out, means[k - plain]);
            i += 2;
            continue;
        }
        long u = hex_escape(s + i, n - i);
        if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF)) {
            return false;
        }
        i += 6;
        if (u >= 0xD800 && u <= 0xDBFF) {
            long lo = i < n && s[i] == '\\' ? hex_escape(s + i, n - i) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF) {
                return false;
            }
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
        }
        rv_strbuf_put_utf8(out, (uint32_t)u);
    }
    return true;
}

// The end of the string token whose opening quote is at body[start] (the index of its closing
// quote), or `len` when it is not closed.
static size_t string_end(const char *body, size_t len, size_t start) {
    size_t i = start + 1;
    for (;;) {
        const char *q = memchr(body + i, '"', len - i);
        if (q == NULL) {
            return len;
        }
        size_t at = (size_t)(q - body);
        size_t slashes = 0;
        while (at - slashes > start + 1 && body[at - slashes - 1] == '\\') {
            slashes++;
        }
        if (slashes % 2 == 0) {
            return at;
        }
        i = at + 1;
    }
}

#define STAND_IN "\"\\u0000rv-long-string:%zu\""

// The index of the stand-in `v` is, or SIZE_MAX.
static size_t stand_in_index(const json_t *v, size_t count) {
    size_t k;
    if (json_is_string(v) && json_string_length(v) > 0 && json_string_value(v)[0] == '\0' &&
        sscanf(json_string_value(v) + 1, "rv-long-string:%zu", &k) == 1 && k < count) {
        return k;
    }
    return SIZE_MAX;
}

// Puts each decoded long string in place of its stand-in, counting them in *found.
static void put_back(json_t *v, struct long_string *longs, size_t count, size_t *found) {
    const char *key;
    json_t *item;
    json_object_foreach(v, key, item) {
        size_t k = stand_in_index(item, count);
        if (k != SIZE_MAX) {
            json_object_set_new(v, key, json_stringn_nocheck(longs[k].value, longs[k].len));
            (*found)++;
        } else {
            put_back(item, longs, count, found);
        }
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        item = json_array_get(v, i);
        size_t k = stand_in_index(item, count);
        if (k != SIZE_MAX) {
            json_array_set_new(v, i, json_stringn_nocheck(longs[k].value, longs[k].len));
            (*found)++;
        } else {
            put_back(item, longs, count, found);
        }
    }
}

json_t *rv_json_loadb_long(const char *body, size_t len, size_t long_at, json_error_t *err) {
    RV_VEC(struct long_string) longs = {0};
    bool ok = true;
    for (size_t i = 0; i < len && ok; i++) {
        if (body[i] != '"') {
            continue;
        }
        size_t end = string_end(body, len, i);
        if (end == len) {
            break; // not closed: jansson says so
        }
        // A key (a colon follows) stays jansson's: only values are put back.
        size_t next = end + 1;
        while (next < len && (body[next] == ' ' || body[next] == '\t' || body[next] == '\n' ||
                              body[next] == '\r')) {
            next++;
        }
        if (end - i - 1 >= long_at && (next == len || body[next] != ':')) {
            struct rv_strbuf sb = {0};
            ok = decode_string(body + i + 1, end - i - 1, &sb);
            struct long_string ls = {i, end + 1, sb.data, sb.len};
            if (ls.value == NULL) {
                ls.value = rv_xstrdup("");
            }
            rv_vec_push(&longs, ls);
        }
        i = end;
    }
    json_t *root = NULL;
    if (ok && longs.len > 0) {
        struct rv_strbuf sb = {0};
        size_t at = 0;
        for (size_t k = 0; k < longs.len; k++) {
            rv_strbuf_append(&sb, body + at, longs.items[k].start - at);
            rv_strbuf_printf(&sb, STAND_IN, k);
            at = longs.items[k].end;
        }
        rv_strbuf_append(&sb, body + at, len - at);
        root = json_loadb(sb.data, sb.len, JSON_ALLOW_NUL, err);
        rv_strbuf_finish(&sb);
        size_t found = 0;
        if (root) {
            put_back(root, longs.items, longs.len, &found);
        }
        if (root && found != longs.len) {
            json_decref(root);
            root = NULL;
        }
    }
    for (size_t k = 0; k < longs.len; k++) {
        free(longs.items[k].value);
    }
    rv_vec_finish(&longs);
    // No long string, or something this path leaves to jansson (an error included: its
    // position is the original body's).
    return root ? root : json_loadb(body, len, JSON_ALLOW_NUL, err);
}

/* ------------------------------------------------------------------------------------------ */

static bool valid_id(const json_t *id) {
    return json_is_integer(id) || json_is_string(id);
}

int rv_rpc_decode(const char *body, size_t len, struct rv_rpc_msg *msg, json_t **reply) {
    memset(msg, 0, sizeof(*msg));
    *reply = NULL;
    json_error_t jerr;
    char *mapped = NULL;
    if (!rv_utf8_valid(body, len)) {
        size_t mapped_len;
        mapped = map_invalid(body, len, &mapped_len);
        body = mapped;
        len = mapped_len;
        msg->lossy_utf8 = true;
    }
    // JSON_ALLOW_NUL: a document may contain NUL bytes ("\u0000"); keep them.
    json_t *root = rv_json_loadb_long(body, len, LONG_STRING, &jerr);
    free(mapped);
    if (root == NULL) {
        char *why = rv_xasprintf("Parse error: %s (at byte %d)", jerr.text, jerr.position);
        *reply = rv_rpc_error(NULL, RV_RPC_PARSE_ERROR, why);
        free(why);
        return RV_RPC_PARSE_ERROR;
    }
    msg->root = root;
    if (!json_is_object(root)) {
        *reply = rv_rpc_error(NULL, RV_RPC_INVALID_REQUEST,
                              json_is_array(root) ? "Invalid Request: batches are not supported"
                                                  : "Invalid Request: not an object");
        rv_rpc_msg_finish(msg);
        return RV_RPC_INVALID_REQUEST;
    }
    json_t *version = json_object_get(root, "jsonrpc");
    json_t *id = json_object_get(root, "id");
    json_t *method = json_object_get(root, "method");
    json_t *params = json_object_get(root, "params");
    if (json_is_null(params)) {
        params = NULL; // eglot sends "params": null for methods without parameters
    }
    const char *problem = NULL;
    if (!json_is_string(version) || strcmp(json_string_value(version), "2.0") != 0) {
        problem = "Invalid Request: \"jsonrpc\" must be \"2.0\"";
    } else if (method != NULL) {
        if (!json_is_string(method)) {
            problem = "Invalid Request: \"method\" must be a string";
        } else if (id != NULL && !valid_id(id) && !json_is_null(id)) {
            problem = "Invalid Request: \"id\" must be an integer or a string";
        } else if (params != NULL && !json_is_object(params) && !json_is_array(params)) {
            problem = "Invalid Request: \"params\" must be an object or an array";
        }
    } else if (json_object_get(root, "result") == NULL && json_object_get(root, "error") == NULL) {
        problem = "Invalid Request: no \"method\", \"result\" or \"error\"";
    }
    if (problem) {
        json_t *reply_id = valid_id(id) ? id : NULL;
        *reply = rv_rpc_error(reply_id, RV_RPC_INVALID_REQUEST, problem);
        rv_rpc_msg_finish(msg);
        return RV_RPC_INVALID_REQUEST;
    }
    if (method != NULL) {
        msg->kind = (id != NULL && !json_is_null(id)) ? RV_RPC_REQUEST : RV_RPC_NOTIFICATION;
        msg->method = json_string_value(method);
        msg->id = msg->kind == RV_RPC_REQUEST ? id : NULL;
        msg->params = params;
    } else {
        msg->kind = RV_RPC_RESPONSE;
        msg->id = id;
        msg->result = json_object_get(root, "result");
        msg->error = json_object_get(root, "error");
    }
    return 0;
}

void rv_rpc_msg_finish(struct rv_rpc_msg *msg) {
    json_decref(msg->root);
    memset(msg, 0, sizeof(*msg));
}

json_t *rv_rpc_result(json_t *id, json_t *result) {
    json_t *msg = json_object();
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    json_object_set(msg, "id", id ? id : json_null());
    json_object_set_new(msg, "result", result ? result : json_null());
    return msg;
}

json_t *rv_rpc_error(json_t *id, int code, const char *message) {
    json_t *msg = json_object();
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    json_object_set(msg, "id", id ? id : json_null());
    json_t *err = json_object();
    json_object_set_new(err, "code", json_integer(code));
    json_object_set_new(err, "message", rv_json_string_lossy(message, strlen(message)));
    json_object_set_new(msg, "error", err);
    return msg;
}

json_t *rv_rpc_notification(const char *method, json_t *params) {
    json_t *msg = json_object();
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    json_object_set_new(msg, "method", json_string(method));
    if (params) {
        json_object_set_new(msg, "params", params);
    }
    return msg;
}

json_t *rv_rpc_request(long long id, const char *method, json_t *params) {
    json_t *msg = rv_rpc_notification(method, params);
    json_object_set_new(msg, "id", json_integer(id));
    return msg;
}

json_t *rv_json_string_lossy(const char *s, size_t len) {
    if (rv_utf8_valid(s, len)) {
        return json_stringn(s, len);
    }
    struct rv_strbuf sb = {0};
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        bool ok;
        size_t n = rv_utf8_decode(p + i, len - i, &cp, &ok);
        if (ok) {
            rv_strbuf_append(&sb, s + i, n);
        } else {
            rv_strbuf_puts(&sb, "\xEF\xBF\xBD");
        }
        i += n;
    }
    json_t *out = json_stringn(sb.data ? sb.data : "", sb.len);
    rv_strbuf_finish(&sb);
    return out;
}

// The bytes a JSON string carries as they are: printable ASCII but the quote and the
// backslash. Five comparisons a byte were a seventh of writing an edit's publish; a string is
// now read eight bytes at a time (word_plain), the rest by this table.
static const bool plain_byte[256] = {
    [0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    [0x30] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    [0x40] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    [0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    [0x60] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    [0x70] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

// Whether all eight bytes of `w` are plain: none at or above 0x80, below 0x20, a quote or a
// backslash (the bit tricks test all eight lanes at once; each is exact, not a guess).
static bool word_plain(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t highs = 0x8080808080808080ULL;
    uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    uint64_t quote = w ^ (ones * '"');
    uint64_t backslash = w ^ (ones * '\\');
    uint64_t special = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
    return ((w & highs) | below_space | (special & highs)) == 0;
}

void rv_json_put_string(struct rv_strbuf *sb, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    rv_strbuf_putc(sb, '"');
    for (size_t i = 0; i < len;) {
        // Plain ASCII goes out in runs, found eight bytes at a time, then byte by byte.
        size_t j = i;
        uint64_t w;
        while (j + 8 <= len && (memcpy(&w, p + j, 8), word_plain(w))) {
            j += 8;
        }
        while (j < len && plain_byte[p[j]]) {
            j++;
        }
        if (j > i) {
            rv_strbuf_append(sb, s + i, j - i);
            i = j;
            continue;
        }
        if (p[i] >= 0x80) {
            uint32_t cp;
            bool ok;
            size_t n = rv_utf8_decode(p + i, len - i, &cp, &ok);
            if (ok) {
                rv_strbuf_append(sb, s + i, n);
            } else {
                rv_strbuf_puts(sb, "\xEF\xBF\xBD");
            }
            i += n;
            continue;
        }
        switch (p[i]) {
        case '"':
            rv_strbuf_puts(sb, "\\\"");
            break;
        case '\\':
            rv_strbuf_puts(sb, "\\\\");
            break;
        case '\n':
            rv_strbuf_puts(sb, "\\n");
            break;
        case '\r':
            rv_strbuf_puts(sb, "\\r");
            break;
        case '\t':
            rv_strbuf_puts(sb, "\\t");
            break;
        case '\b':
            rv_strbuf_puts(sb, "\\b");
            break;
        case '\f':
            rv_strbuf_puts(sb, "\\f");
            break;
        default:
            rv_strbuf_printf(sb, "\\u%04X", p[i]);
            break;
        }
        i++;
    }
    rv_strbuf_putc(sb, '"');
}

char *rv_json_dump(const json_t *value, size_t *len) {
    char *s = json_dumps(value, JSON_COMPACT);
    if (s == NULL) {
        s = rv_xstrdup("null");
    }
    *len = strlen(s);
    return s;
}
