// SPDX-License-Identifier: MIT
// Syntax findings from tree-sitter's error recovery: ERROR nodes (RV001) and MISSING tokens
// (RV002), with messages a person can act on. Only subtrees that contain errors are visited.
#include "reviewls/analysis.h"

#include <string.h>

enum { MAX_SYNTAX_FINDINGS = 100 };

static const char *describe_missing(const char *type) {
    static const struct {
        const char *type;
        const char *what;
    } names[] = {
        {"identifier", "a name"},
        {"block", "an indented block"},
        {"_indent", "an indented block"},
        {"_newline", "the end of the line"},
        {"_dedent", "a dedent"},
        {"expression", "an expression"},
        {"primary_expression", "an expression"},
        {"string", "a string"},
        {"string_end", "the end of the string"},
        {"string_start", "a string"},
        {"integer", "a number"},
    };
    for (size_t i = 0; i < RV_ARRAY_LEN(names); i++) {
        if (strcmp(names[i].type, type) == 0) {
            return names[i].what;
        }
    }
    return NULL;
}

static const char *closer_of(char c) {
    switch (c) {
    case '(':
        return ")";
    case '[':
        return "]";
    case '{':
        return "}";
    default:
        return NULL;
    }
}

// Returns the first leaf of `node` with text, for "unexpected `x`" messages.
static TSNode first_leaf(TSNode node) {
    while (ts_node_child_count(node) > 0) {
        node = ts_node_child(node, 0);
    }
    return node;
}

static void report_error(const struct rv_rule_ctx *ctx, TSNode node, struct rv_findings *out) {
    const struct rv_text *text = ctx->text;
    uint32_t start = ts_node_start_byte(node);
    uint32_t end = ts_node_end_byte(node);
    // Keep the range on the error's first line: a whole block in red helps nobody.
    size_t line = rv_text_line_of(text, start);
    uint32_t line_end = (uint32_t)rv_text_line_end(text, line);
    if (end > line_end && line_end > start) {
        end = line_end;
    }
    if (end == start && end < text->len) {
        end++;
    }
    TSNode leaf = first_leaf(node);
    size_t len;
    const char *s = rv_node_text(text, leaf, &len);
    if (len == 1 && closer_of(s[0]) != NULL && ts_node_child_count(node) >= 1) {
        rv_findings_add(out, 1, start, start + 1, "`%c` is never closed: expected `%s`", s[0],
                        closer_of(s[0]));
        return;
    }
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r')) {
        len--;
    }
    if (len > 0 && len <= 40 && memchr(s, '\n', len) == NULL) {
        rv_findings_add(out, 1, start, end, "invalid syntax: unexpected `%.*s`", (int)len, s);
    } else {
        rv_findings_add(out, 1, start, end, "invalid syntax");
    }
}

static void report_missing(const struct rv_rule_ctx *ctx, TSNode node, struct rv_findings *out) {
    const char *type = ts_node_type(node);
    uint32_t at = ts_node_start_byte(node);
    // A zero-width range is invisible in some editors: cover the character before, if any.
    uint32_t start = at;
    uint32_t end = at;
    if (at > 0 && at <= ctx->text->len) {
        start = at - 1;
        while (start > 0 && (ctx->text->bytes[start] == '\n' || ctx->text->bytes[start] == '\r')) {
            start--;
        }
        end = start + 1;
    }
    const char *what = describe_missing(type);
    if (what) {
        rv_findings_add(out, 2, start, end, "expected %s", what);
    } else {
        rv_findings_add(out, 2, start, end, "expected `%s`", type);
    }
}

void rv_check_syntax(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    if (!ts_node_has_error(ctx->root)) {
        return;
    }
    size_t before = out->list.len;
    TSTreeCursor cursor = ts_tree_cursor_new(ctx->root);
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        bool descend = false;
        if (ts_node_is_missing(node)) {
            report_missing(ctx, node, out);
        } else if (strcmp(ts_node_type(node), "ERROR") == 0) {
            report_error(ctx, node, out);
        } else if (ts_node_has_error(node)) {
            descend = true;
        }
        if (out->list.len - before >= MAX_SYNTAX_FINDINGS) {
            break;
        }
        if (descend && ts_tree_cursor_goto_first_child(&cursor)) {
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                goto done;
            }
        }
    }
done:
    ts_tree_cursor_delete(&cursor);
}
