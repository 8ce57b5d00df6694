// SPDX-License-Identifier: MIT
// Syntax findings from tree-sitter's error recovery: ERROR nodes (RV001) and MISSING tokens
// (RV002), with messages a person can act on. Only subtrees that contain errors are visited; a
// tree without errors is searched for the one mistake tree-sitter accepts, an empty block
// (RV002, "expected an indented block").
#include "analysis_internal.h"
#include "kinds.h"

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

/* ------------------------------------------------------------------------------------------ */
/* Brackets: tree-sitter's recovery often blames the line after an unclosed bracket, so the
 * brackets are matched on the text itself, skipping strings and comments. */

struct bracket {
    char open;
    uint32_t at;
};

// The index of the first byte at or after `i` that is one of `set`, or `len`. The text is
// NUL-terminated (rv_text), so strcspn scans it a vector at a time; a NUL byte inside the text
// is stepped over like any other.
static size_t skip_to(const char *text, size_t len, size_t i, const char *set) {
    while (i < len) {
        i += strcspn(text + i, set);
        if (i >= len || text[i] != '\0') {
            break;
        }
        i++;
    }
    return i < len ? i : len;
}

// Skips a string literal starting at text[i] (the quote); returns the index after it. Strings
// that are not closed end at the end of their line (single quotes) or of the text (triple).
static size_t skip_string(const char *text, size_t len, size_t i) {
    char q = text[i];
    bool triple = i + 2 < len && text[i + 1] == q && text[i + 2] == q;
    // What ends the skip: an escape, the quote, and for a single-quoted string a line end.
    const char set[] = {'\\', q, triple ? '\0' : '\n', '\r', '\0'};
    i += triple ? 3 : 1;
    while ((i = skip_to(text, len, i, set)) < len) {
        char c = text[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (!triple && (c == '\n' || c == '\r')) {
            return i;
        }
        if (c == q && (!triple || (i + 2 < len && text[i + 1] == q && text[i + 2] == q))) {
            return i + (triple ? 3 : 1);
        }
        i++;
    }
    return len;
}

// Finds the first unclosed opening bracket or stray closing one; returns false if balanced.
static bool find_unbalanced(const struct rv_text *t, struct bracket *bad, bool *stray) {
    RV_VEC(struct bracket) stack = {0};
    const char *text = t->bytes;
    size_t len = t->len;
    bool found = false;
    for (size_t i = 0; i < len && !found;) {
        i = skip_to(text, len, i, "#\"'()[]{}");
        if (i == len) {
            break;
        }
        char c = text[i];
        if (c == '#') {
            i = skip_to(text, len, i, "\r\n");
        } else if (c == '"' || c == '\'') {
            i = skip_string(text, len, i);
        } else if (c == '(' || c == '[' || c == '{') {
            struct bracket b = {c, (uint32_t)i};
            rv_vec_push(&stack, b);
            i++;
        } else if (c == ')' || c == ']' || c == '}') {
            char want = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (stack.len == 0 || stack.items[stack.len - 1].open != want) {
                // A closer that matches nothing: blame the innermost open bracket if any
                // (it was probably meant to close there), else the closer itself.
                if (stack.len) {
                    *bad = stack.items[stack.len - 1];
                    *stray = false;
                } else {
                    *bad = (struct bracket){c, (uint32_t)i};
                    *stray = true;
                }
                found = true;
            } else {
                stack.len--;
            }
            i++;
        } else {
            i++;
        }
    }
    if (!found && stack.len) {
        *bad = stack.items[stack.len - 1];
        // Report the outermost bracket that is still open: the innermost may be fine.
        *bad = stack.items[0];
        *stray = false;
        found = true;
    }
    rv_vec_finish(&stack);
    return found;
}

// Returns the first leaf of `node` with text, for "unexpected `x`" messages.
static TSNode first_leaf(TSNode node) {
    while (ts_node_child_count(node) > 0) {
        node = ts_node_child(node, 0);
    }
    return node;
}

static bool is_compound_keyword(const char *s, size_t len) {
    static const char *const words[] = {"if",    "elif", "else", "while",  "for",     "def",
                                        "class", "with", "try",  "except", "finally", "async"};
    for (size_t i = 0; i < RV_ARRAY_LEN(words); i++) {
        if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0) {
            return true;
        }
    }
    return false;
}

// `if ready` without its colon: point at the end of the header line.
static bool report_missing_colon(const struct rv_rule_ctx *ctx, TSNode node, TSNode leaf,
                                 struct rv_findings *out) {
    const struct rv_text *text = ctx->text;
    size_t len;
    const char *kw = rv_node_text(text, leaf, &len);
    if (!is_compound_keyword(kw, len)) {
        return false;
    }
    size_t line = rv_text_line_of(text, ts_node_start_byte(leaf));
    size_t end = rv_text_line_end(text, line);
    size_t start = ts_node_start_byte(leaf);
    // Trim trailing blanks and a comment.
    for (size_t i = start; i < end; i++) {
        if (text->bytes[i] == '#') {
            end = i;
            break;
        }
    }
    while (end > start && (text->bytes[end - 1] == ' ' || text->bytes[end - 1] == '\t')) {
        end--;
    }
    if (end == start || text->bytes[end - 1] == ':') {
        return false;
    }
    rv_findings_add(out, 2, (uint32_t)end - 1, (uint32_t)end,
                    "expected `:` at the end of this `%.*s` statement", (int)len, kw);
    return true;
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
    if (report_missing_colon(ctx, node, leaf, out)) {
        return;
    }
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

// Something missing at byte `at` has no width, which some editors do not show: the range
// covers the character before it instead, line ends skipped, if there is one.
static void cover_before(const struct rv_text *text, uint32_t at, uint32_t *start, uint32_t *end) {
    *start = at;
    *end = at;
    if (at > 0 && at <= text->len) {
        *start = at - 1;
        while (*start > 0 && (text->bytes[*start] == '\n' || text->bytes[*start] == '\r')) {
            (*start)--;
        }
        *end = *start + 1;
    }
}

static void report_missing(const struct rv_rule_ctx *ctx, TSNode node, struct rv_findings *out) {
    const char *type = ts_node_type(node);
    uint32_t start;
    uint32_t end;
    cover_before(ctx->text, ts_node_start_byte(node), &start, &end);
    const char *what = describe_missing(type);
    if (what) {
        rv_findings_add(out, 2, start, end, "expected %s", what);
    } else {
        rv_findings_add(out, 2, start, end, "expected `%s`", type);
    }
}

// What Python calls the statement that owns a block, for "expected an indented block after
// function definition on line 3".
static const char *block_owner(TSNode header) {
    static const char *const names[][2] = {
        {"function_definition", "function definition"},
        {"class_definition", "class definition"},
        {"if_statement", "'if' statement"},
        {"elif_clause", "'elif' statement"},
        {"else_clause", "'else' statement"},
        {"for_statement", "'for' statement"},
        {"while_statement", "'while' statement"},
        {"try_statement", "'try' statement"},
        {"except_clause", "'except' statement"},
        {"except_group_clause", "'except*' statement"},
        {"finally_clause", "'finally' statement"},
        {"with_statement", "'with' statement"},
        {"match_statement", "'match' statement"},
        {"case_clause", "'case' statement"},
    };
    const char *type = ts_node_type(header);
    for (size_t i = 0; i < RV_ARRAY_LEN(names); i++) {
        if (strcmp(type, names[i][0]) == 0) {
            return names[i][1];
        }
    }
    return "the statement";
}

// `def f():` followed by an unindented line: tree-sitter reads an empty block there, with no
// error in the tree, where Python stops with "expected an indented block". Every block of
// valid code holds a statement, so an empty one is always this mistake. Only in a tree without
// errors: error recovery leaves empty blocks of its own behind an unclosed bracket, which is
// the mistake to report there. The model's walk counts empty blocks, so a file without one
// (nearly every file, every keystroke) costs nothing here; else one pass over its nodes,
// skipping the statements that cannot hold a block.
static void check_empty_blocks(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    if (ctx->model->empty_blocks == 0) {
        return;
    }
    const struct rv_flat_node *nodes = ctx->model->nodes.items;
    size_t count = ctx->model->nodes.len;
    for (size_t i = 0; i < count; i++) {
        if (rv__kind_holds_no_block[nodes[i].kind]) {
            i = nodes[i].end - 1;
            continue;
        }
        // Empty: nothing below it in the model, which holds every node.
        if (nodes[i].kind != RV_K_BLOCK || nodes[i].end != i + 1 || nodes[i].parent == UINT32_MAX) {
            continue;
        }
        TSNode header = nodes[nodes[i].parent].node;
        uint32_t start;
        uint32_t end;
        cover_before(ctx->text, ts_node_start_byte(nodes[i].node), &start, &end); // the colon
        rv_findings_add(out, 2, start, end, "expected an indented block after %s on line %u",
                        block_owner(header), ts_node_start_point(header).row + 1);
    }
}

void rv_check_syntax(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    if (!ts_node_has_error(ctx->root)) {
        check_empty_blocks(ctx, out);
        return;
    }
    size_t before = out->list.len;
    struct bracket bad;
    bool stray = false;
    uint32_t errors_from = UINT32_MAX;
    if (find_unbalanced(ctx->text, &bad, &stray)) {
        if (stray) {
            rv_findings_add(out, 1, bad.at, bad.at + 1, "`%c` closes nothing", bad.open);
        } else {
            rv_findings_add(out, 2, bad.at, bad.at + 1, "`%c` is never closed: expected `%s`",
                            bad.open, closer_of(bad.open));
        }
        // What tree-sitter reports after the bracket is mostly a consequence of it.
        errors_from = bad.at;
    }
    // The model holds every node in pre-order, each with the index past its subtree: the
    // subtrees without an error are stepped over whole (a tree cursor would visit every
    // statement of the file to find the few that hold one). A unit with an error is never
    // copied from an older tree, so these are the tree's own nodes.
    const struct rv_flat_node *nodes = ctx->model->nodes.items;
    size_t count = ctx->model->nodes.len;
    for (size_t i = 0; i < count && out->list.len - before < MAX_SYNTAX_FINDINGS;) {
        TSNode node = nodes[i].node;
        if (ts_node_is_missing(node)) {
            const char *type = ts_node_type(node);
            // A missing closer is already reported by the bracket check.
            bool bracket = (type[0] == ')' || type[0] == ']' || type[0] == '}') && type[1] == '\0';
            if (!(bracket && errors_from != UINT32_MAX)) {
                report_missing(ctx, node, out);
            }
        } else if (strcmp(ts_node_type(node), "ERROR") == 0) {
            if (ts_node_end_byte(node) <= errors_from) {
                report_error(ctx, node, out);
            }
        } else if (ts_node_has_error(node)) {
            i++; // into it: its first child, if it has one, is next
            continue;
        }
        i = nodes[i].end > i ? nodes[i].end : i + 1;
    }
}
