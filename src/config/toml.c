// SPDX-License-Identifier: MIT
// Reads [tool.reviewls] (and [tool.reviewls.severity]) out of a pyproject.toml with the
// tree-sitter TOML grammar, converting values to jansson so that config.c checks both sources
// the same way. Every other table is skipped unread; nothing in the file is ever executed.
#include "config/config_internal.h"
#include "reviewls/config.h"
#include "reviewls/parse.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

// A key path ("tool", "reviewls", "select"); rv_vec_* work on it.
struct str_vec {
    char **items;
    size_t len;
    size_t cap;
};

static void str_vec_finish(struct str_vec *v) {
    for (size_t i = 0; i < v->len; i++) {
        free(v->items[i]);
    }
    rv_vec_finish(v);
}

struct toml_reader {
    const char *src;
    size_t len;
    struct rv_config__layer *layer;
    struct str_vec seen; /* dotted paths already applied, for duplicate keys */
};

static uint32_t line_of(TSNode node) {
    return ts_node_start_point(node).row + 1;
}

static uint32_t column_of(TSNode node) {
    return ts_node_start_point(node).column + 1;
}

#define REPORT(r, node, ...)                                                                       \
    rv_config_errors_add((r)->layer->errs, line_of(node), column_of(node), __VA_ARGS__)

// Decodes a string or quoted key node (basic, literal, and their multi-line forms). Returns a
// heap string (caller frees), or NULL after reporting a bad escape.
static char *decode_string(struct toml_reader *r, TSNode node) {
    const char *s = r->src + ts_node_start_byte(node);
    size_t n = ts_node_end_byte(node) - ts_node_start_byte(node);
    char quote = n ? s[0] : '"';
    size_t q = (n >= 6 && s[1] == quote && s[2] == quote) ? 3 : 1;
    if (n < 2 * q) {
        REPORT(r, node, "unterminated string");
        return NULL;
    }
    const char *p = s + q;
    const char *end = s + n - q;
    if (q == 3) {
        // A newline right after the opening delimiter is trimmed.
        if (p < end && *p == '\n') {
            p++;
        } else if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
            p += 2;
        }
    }
    struct rv_strbuf sb = {0};
    rv_strbuf_append(&sb, "", 0);
    while (p < end) {
        if (quote == '\'' || *p != '\\') {
            rv_strbuf_putc(&sb, *p++);
            continue;
        }
        p++;
        char e = p < end ? *p++ : '\0';
        switch (e) {
        case 'b':
            rv_strbuf_putc(&sb, '\b');
            break;
        case 't':
            rv_strbuf_putc(&sb, '\t');
            break;
        case 'n':
            rv_strbuf_putc(&sb, '\n');
            break;
        case 'f':
            rv_strbuf_putc(&sb, '\f');
            break;
        case 'r':
            rv_strbuf_putc(&sb, '\r');
            break;
        case 'e':
            rv_strbuf_putc(&sb, '\x1b');
            break;
        case '"':
        case '\\':
            rv_strbuf_putc(&sb, e);
            break;
        case 'u':
        case 'U': {
            int digits = e == 'u' ? 4 : 8;
            uint32_t cp = 0;
            bool ok = end - p >= digits;
            for (int i = 0; ok && i < digits; i++) {
                char h = p[i];
                int v = h >= '0' && h <= '9'   ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                               : -1;
                ok = v >= 0;
                cp = cp * 16 + (uint32_t)(v < 0 ? 0 : v);
            }
            if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                REPORT(r, node, "invalid unicode escape in string");
                rv_strbuf_finish(&sb);
                return NULL;
            }
            rv_strbuf_put_utf8(&sb, cp);
            p += digits;
            break;
        }
        default:
            if (q == 3 && (e == ' ' || e == '\t' || e == '\n' || e == '\r')) {
                // Line-ending backslash: drop the whitespace and newlines that follow.
                p--;
                while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
                    p++;
                }
                break;
            }
            REPORT(r, node, "invalid escape sequence in string");
            rv_strbuf_finish(&sb);
            return NULL;
        }
    }
    return rv_strbuf_take(&sb);
}

// Appends the components of a key node (bare, quoted or dotted) to `path`.
static bool key_path(struct toml_reader *r, TSNode key, struct str_vec *path) {
    const char *type = ts_node_type(key);
    if (strcmp(type, "dotted_key") == 0) {
        uint32_t count = ts_node_named_child_count(key);
        for (uint32_t i = 0; i < count; i++) {
            if (!key_path(r, ts_node_named_child(key, i), path)) {
                return false;
            }
        }
        return true;
    }
    if (strcmp(type, "bare_key") == 0) {
        rv_vec_push(path, rv_xstrndup(r->src + ts_node_start_byte(key),
                                      ts_node_end_byte(key) - ts_node_start_byte(key)));
        return true;
    }
    if (strcmp(type, "quoted_key") == 0) {
        char *s = decode_string(r, key);
        if (s == NULL) {
            return false;
        }
        rv_vec_push(path, s);
        return true;
    }
    return false;
}

static bool is_key(TSNode node) {
    const char *type = ts_node_type(node);
    return strcmp(type, "bare_key") == 0 || strcmp(type, "quoted_key") == 0 ||
           strcmp(type, "dotted_key") == 0;
}

static json_t *to_json(struct toml_reader *r, TSNode node, int depth);

// Integers: decimal with '_' separators, or 0x/0o/0b. Returns NULL after reporting overflow.
static json_t *integer_to_json(struct toml_reader *r, TSNode node) {
    const char *s = r->src + ts_node_start_byte(node);
    size_t n = ts_node_end_byte(node) - ts_node_start_byte(node);
    bool neg = n && s[0] == '-';
    size_t i = n && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    int base = 10;
    if (n - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' || s[i + 1] == 'b')) {
        base = s[i + 1] == 'x' ? 16 : s[i + 1] == 'o' ? 8 : 2;
        i += 2;
    }
    json_int_t v = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_') {
            continue;
        }
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : 99;
        if (d >= base || v > (LLONG_MAX - d) / base) {
            REPORT(r, node, "integer is out of range");
            return NULL;
        }
        v = v * base + d;
    }
    return json_integer(neg ? -v : v);
}

static json_t *to_json(struct toml_reader *r, TSNode node, int depth) {
    const char *type = ts_node_type(node);
    if (depth > 32) {
        REPORT(r, node, "value is nested too deeply");
        return NULL;
    }
    if (strcmp(type, "string") == 0) {
        char *s = decode_string(r, node);
        json_t *v = s ? json_string(s) : NULL;
        if (s && v == NULL) {
            REPORT(r, node, "string is not valid UTF-8");
        }
        free(s);
        return v;
    }
    if (strcmp(type, "integer") == 0) {
        return integer_to_json(r, node);
    }
    if (strcmp(type, "boolean") == 0) {
        return json_boolean(r->src[ts_node_start_byte(node)] == 't');
    }
    if (strcmp(type, "float") == 0) {
        char *s = rv_xstrndup(r->src + ts_node_start_byte(node),
                              ts_node_end_byte(node) - ts_node_start_byte(node));
        json_t *v = json_real(strtod(s, NULL));
        free(s);
        return v ? v : json_real(0);
    }
    if (strcmp(type, "array") == 0) {
        json_t *arr = json_array();
        uint32_t count = ts_node_named_child_count(node);
        for (uint32_t i = 0; i < count; i++) {
            TSNode child = ts_node_named_child(node, i);
            if (strcmp(ts_node_type(child), "comment") == 0) {
                continue;
            }
            json_t *v = to_json(r, child, depth + 1);
            if (v == NULL) {
                json_decref(arr);
                return NULL;
            }
            json_array_append_new(arr, v);
        }
        return arr;
    }
    if (strcmp(type, "inline_table") == 0) {
        json_t *obj = json_object();
        uint32_t count = ts_node_named_child_count(node);
        for (uint32_t i = 0; i < count; i++) {
            TSNode pair = ts_node_named_child(node, i);
            if (strcmp(ts_node_type(pair), "pair") != 0 || ts_node_named_child_count(pair) < 2) {
                continue;
            }
            struct str_vec path = {0};
            bool ok = key_path(r, ts_node_named_child(pair, 0), &path);
            json_t *v = ok ? to_json(r, ts_node_named_child(pair, 1), depth + 1) : NULL;
            // A dotted key inside an inline table makes nested objects.
            json_t *at = obj;
            for (size_t k = 0; v && k + 1 < path.len; k++) {
                json_t *next = json_object_get(at, path.items[k]);
                if (!json_is_object(next)) {
                    next = json_object();
                    json_object_set_new(at, path.items[k], next);
                }
                at = next;
            }
            if (v && path.len) {
                json_object_set_new(at, path.items[path.len - 1], v);
            } else {
                json_decref(v);
            }
            str_vec_finish(&path);
            if (!ok || v == NULL) {
                json_decref(obj);
                return NULL;
            }
        }
        return obj;
    }
    REPORT(r, node, "unsupported value (%s)", type);
    return NULL;
}

// True when `path` (table path + key path) lies under tool.reviewls; *rest is the index of
// the first component after it.
static bool under_reviewls(char **path, size_t len, size_t *rest) {
    if (len >= 2 && strcmp(path[0], "tool") == 0 && strcmp(path[1], "reviewls") == 0) {
        *rest = 2;
        return true;
    }
    return false;
}

static bool seen_before(struct toml_reader *r, char **path, size_t len) {
    struct rv_strbuf sb = {0};
    for (size_t i = 0; i < len; i++) {
        rv_strbuf_printf(&sb, "%s%s", i ? "\x1f" : "", path[i]);
    }
    char *joined = rv_strbuf_take(&sb);
    for (size_t i = 0; i < r->seen.len; i++) {
        if (strcmp(r->seen.items[i], joined) == 0) {
            free(joined);
            return true;
        }
    }
    rv_vec_push(&r->seen, joined);
    return false;
}

// Applies one `key = value` pair found under the table `table` (components, borrowed).
static void apply_pair(struct toml_reader *r, char **table, size_t table_len, TSNode pair) {
    if (ts_node_named_child_count(pair) < 2) {
        return;
    }
    TSNode key = ts_node_named_child(pair, 0);
    TSNode value = ts_node_named_child(pair, 1);
    if (!is_key(key) || ts_node_is_missing(value) || ts_node_has_error(pair)) {
        return; // Reported as a syntax error already.
    }
    struct str_vec path = {0};
    for (size_t i = 0; i < table_len; i++) {
        rv_vec_push(&path, rv_xstrdup(table[i]));
    }
    size_t rest = 0;
    if (key_path(r, key, &path) && under_reviewls(path.items, path.len, &rest)) {
        size_t n = path.len - rest;
        char **k = path.items + rest;
        uint32_t line = line_of(key);
        uint32_t col = column_of(key);
        if (n == 0) {
            REPORT(r, key, "tool.reviewls must be a table");
        } else if (seen_before(r, path.items, path.len)) {
            REPORT(r, key, "duplicate key '%s'", k[n - 1]);
        } else if (n == 2 && strcmp(k[0], "severity") == 0) {
            json_t *v = to_json(r, value, 0);
            if (v) {
                rv_config__apply_severity(r->layer, k[1], v, line, col);
            }
            json_decref(v);
        } else if (n == 1) {
            json_t *v = to_json(r, value, 0);
            if (v) {
                rv_config__apply_key(r->layer, k[0], v, line, col);
            }
            json_decref(v);
        } else {
            struct rv_strbuf sb = {0};
            for (size_t i = 0; i < n; i++) {
                rv_strbuf_printf(&sb, "%s%s", i ? "." : "", k[i]);
            }
            REPORT(r, key, "unknown setting '%s'", sb.data);
            rv_strbuf_finish(&sb);
        }
    }
    str_vec_finish(&path);
}

// Reports ERROR and MISSING nodes below `node`, one per error region.
static size_t report_syntax(struct toml_reader *r, TSNode node, size_t budget) {
    if (budget == 0 || !ts_node_has_error(node)) {
        return 0;
    }
    if (strcmp(ts_node_type(node), "ERROR") == 0) {
        rv_config_errors_add(r->layer->errs, line_of(node), column_of(node), "TOML syntax error");
        return 1;
    }
    if (ts_node_is_missing(node)) {
        rv_config_errors_add(r->layer->errs, line_of(node), column_of(node),
                             "TOML syntax error: missing %s", ts_node_type(node));
        return 1;
    }
    size_t found = 0;
    uint32_t count = ts_node_child_count(node);
    for (uint32_t i = 0; i < count && found < budget; i++) {
        found += report_syntax(r, ts_node_child(node, i), budget - found);
    }
    return found;
}

// Walks one table (or the document's root pairs); tables inside ERROR nodes are not trusted.
static void apply_table(struct toml_reader *r, TSNode table, bool is_root) {
    struct str_vec header = {0};
    uint32_t count = ts_node_named_child_count(table);
    uint32_t first = 0;
    if (!is_root) {
        if (count == 0 || !is_key(ts_node_named_child(table, 0)) ||
            !key_path(r, ts_node_named_child(table, 0), &header)) {
            goto out;
        }
        first = 1;
        size_t rest;
        if (strcmp(ts_node_type(table), "table_array_element") == 0) {
            if (under_reviewls(header.items, header.len, &rest)) {
                REPORT(r, table, "[[tool.reviewls]] must be a table, not an array");
            }
            goto out;
        }
        if (under_reviewls(header.items, header.len, &rest)) {
            if (header.len - rest == 1 && strcmp(header.items[rest], "severity") != 0) {
                REPORT(r, ts_node_named_child(table, 0), "unknown setting '%s'",
                       header.items[rest]);
                goto out;
            }
            if (header.len - rest > 1) {
                REPORT(r, ts_node_named_child(table, 0), "unknown setting '%s'",
                       header.items[rest + 1]);
                goto out;
            }
        }
    }
    for (uint32_t i = first; i < count; i++) {
        TSNode child = ts_node_named_child(table, i);
        if (strcmp(ts_node_type(child), "pair") == 0) {
            apply_pair(r, header.items, header.len, child);
        }
    }
out:
    str_vec_finish(&header);
}

int rv_config_apply_toml(struct rv_config *cfg, const char *toml, size_t len,
                         struct rv_config_errors *errs) {
    if (len > UINT32_MAX / 2) {
        rv_config_errors_add(errs, 1, 1, "file is too large");
        return -1;
    }
    TSParser *parser = rv_toml_parser_create();
    TSTree *tree = ts_parser_parse_string(parser, NULL, toml, (uint32_t)len);
    if (tree == NULL) {
        ts_parser_delete(parser);
        rv_config_errors_add(errs, 1, 1, "cannot parse TOML");
        return -1;
    }
    struct rv_config__layer *layer = rv_xmalloc(sizeof(*layer));
    rv_config__layer_init(layer, cfg, errs);
    struct toml_reader r = {.src = toml, .len = len, .layer = layer};
    TSNode root = ts_tree_root_node(tree);
    report_syntax(&r, root, 20);
    // Pairs before the first table belong to the root table ("tool.reviewls.x = 1" works).
    apply_table(&r, root, true);
    bool any = false;
    uint32_t count = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode child = ts_node_named_child(root, i);
        const char *type = ts_node_type(child);
        if (strcmp(type, "table") == 0 || strcmp(type, "table_array_element") == 0) {
            apply_table(&r, child, false);
            any = true;
        } else if (strcmp(type, "pair") == 0) {
            any = true;
        }
    }
    rv_config__layer_commit(layer);
    int status = any || !ts_node_has_error(root) ? 0 : -1;
    str_vec_finish(&r.seen);
    free(layer);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
    return status;
}
