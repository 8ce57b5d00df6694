// SPDX-License-Identifier: MIT
// Re-indentation: every line that starts a statement, a clause, a decorator or a comment gets
// its nesting level times the file's dominant unit. Levels come from the old indentation the
// way Python's tokenizer reads it (tabs to multiples of 8), so the structure cannot change;
// continuation lines inside brackets and the contents of strings are never touched.
#include "actions_internal.h"

#include <stdlib.h>
#include <string.h>

static size_t leading_ws(const struct rv_text *text, uint32_t row, uint32_t *start) {
    *start = text->line_starts[row];
    size_t end = rv_text_line_end(text, row);
    size_t n = 0;
    while (*start + n < end &&
           (text->bytes[*start + n] == ' ' || text->bytes[*start + n] == '\t')) {
        n++;
    }
    return n;
}

enum row_kind { ROW_OTHER = 0, ROW_STATEMENT, ROW_COMMENT };

// Marks rows that begin with a node that has its own indentation.
static void mark(const struct rv_text *text, TSNode n, uint8_t *rows, enum row_kind kind) {
    TSPoint p = ts_node_start_point(n);
    uint32_t start;
    if (p.row >= text->line_count || leading_ws(text, p.row, &start) != p.column) {
        return; // does not start its line (`if x: y`, `a; b`)
    }
    if (rows[p.row] != ROW_STATEMENT) {
        rows[p.row] = (uint8_t)kind;
    }
}

static bool is_clause(const char *type) {
    static const char *const clauses[] = {"elif_clause",    "else_clause",         "except_clause",
                                          "finally_clause", "except_group_clause", "case_clause",
                                          "decorator"};
    for (size_t i = 0; i < RV_ARRAY_LEN(clauses); i++) {
        if (strcmp(type, clauses[i]) == 0) {
            return true;
        }
    }
    return false;
}

static void collect(const struct rv_text *text, TSNode root, uint8_t *rows) {
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        const char *type = ts_node_type(node);
        if (strcmp(type, "comment") == 0) {
            mark(text, node, rows, ROW_COMMENT);
        } else if (is_clause(type)) {
            mark(text, node, rows, ROW_STATEMENT);
        }
        if (rv_node_is(node, "block") || rv_node_is(node, "module") ||
            rv_node_is(node, "decorated_definition")) {
            uint32_t n = ts_node_named_child_count(node);
            for (uint32_t i = 0; i < n; i++) {
                TSNode ch = ts_node_named_child(node, i);
                if (!rv_node_is(ch, "comment")) {
                    mark(text, ch, rows, ROW_STATEMENT);
                }
            }
        }
        // Strings hold no statements; skipping them also skips their contents' rows.
        bool descend = strcmp(type, "string") != 0;
        if (descend && ts_tree_cursor_goto_first_child(&cursor)) {
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                ts_tree_cursor_delete(&cursor);
                return;
            }
        }
    }
}

static size_t width_of(const char *s, size_t len) {
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        w = s[i] == '\t' ? (w / 8 + 1) * 8 : w + 1;
    }
    return w;
}

// The unit that most blocks use (n spaces, or -n tabs), as the indentation rules measure it.
static int dominant_unit(const struct rv_text *text, TSNode root) {
    int units[64];
    size_t counts[64] = {0};
    size_t n_units = 0;
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (rv_node_is(node, "block") && ts_node_named_child_count(node) > 0) {
            TSNode header = ts_node_parent(node);
            TSNode first = ts_node_named_child(node, 0);
            TSPoint hp = ts_node_start_point(header);
            TSPoint fp = ts_node_start_point(first);
            uint32_t hs;
            uint32_t fs;
            size_t hl = leading_ws(text, hp.row, &hs);
            size_t fl = leading_ws(text, fp.row, &fs);
            if (fp.row > hp.row && fp.column == fl && fl > hl &&
                memcmp(text->bytes + hs, text->bytes + fs, hl) == 0) {
                const char *d = text->bytes + fs + hl;
                size_t dn = fl - hl;
                size_t tabs = 0;
                for (size_t i = 0; i < dn; i++) {
                    tabs += d[i] == '\t';
                }
                int unit = tabs == 0 ? (int)dn : tabs == dn ? -(int)dn : 0;
                if (unit != 0) {
                    size_t j = 0;
                    while (j < n_units && units[j] != unit) {
                        j++;
                    }
                    if (j == n_units && n_units < RV_ARRAY_LEN(units)) {
                        units[n_units++] = unit;
                    }
                    if (j < n_units) {
                        counts[j]++;
                    }
                }
            }
        }
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                ts_tree_cursor_delete(&cursor);
                goto done;
            }
        }
    }
done:;
    int best = 4;
    size_t best_count = 0;
    for (size_t j = 0; j < n_units; j++) {
        if (counts[j] > best_count || (counts[j] == best_count && units[j] == 4)) {
            best = units[j];
            best_count = counts[j];
        }
    }
    return best;
}

bool rv_actions__reindent(const struct rv_action_input *in, uint32_t row_lo, uint32_t row_hi,
                          struct rv_edits *out) {
    const struct rv_text *text = in->text;
    uint8_t *rows = rv_xcalloc(text->line_count + 1, 1);
    collect(text, in->root, rows);
    int unit = dominant_unit(text, in->root);
    struct rv_strbuf one = {0};
    if (unit > 0) {
        for (int i = 0; i < unit; i++) {
            rv_strbuf_putc(&one, ' ');
        }
    } else {
        for (int i = 0; i < -unit; i++) {
            rv_strbuf_putc(&one, '\t');
        }
    }
    // The tokenizer's stack of indentation widths; a level is a depth in it.
    RV_VEC(size_t) stack = {0};
    rv_vec_push(&stack, (size_t)0);
    size_t before = out->list.len;
    struct rv_strbuf ws = {0};
    for (uint32_t r = 0; r < text->line_count; r++) {
        if (rows[r] == ROW_OTHER) {
            continue;
        }
        uint32_t start;
        size_t len = leading_ws(text, r, &start);
        size_t w = width_of(text->bytes + start, len);
        size_t level;
        if (rows[r] == ROW_STATEMENT) {
            if (w > stack.items[stack.len - 1]) {
                rv_vec_push(&stack, w);
            } else {
                while (stack.len > 1 && w < stack.items[stack.len - 1]) {
                    stack.len--;
                }
            }
            level = stack.len - 1;
        } else {
            // A comment takes the level of the deepest open block it does not go beyond.
            level = stack.len - 1;
            while (level > 0 && w < stack.items[level]) {
                level--;
            }
        }
        if (r < row_lo || r > row_hi) {
            continue;
        }
        rv_strbuf_reset(&ws);
        for (size_t i = 0; i < level; i++) {
            rv_strbuf_append(&ws, one.data, one.len);
        }
        if (ws.len != len || (len && memcmp(ws.data, text->bytes + start, len) != 0)) {
            rv_edits_add(out, start, start + (uint32_t)len, ws.len ? ws.data : "");
        }
    }
    rv_strbuf_finish(&ws);
    rv_strbuf_finish(&one);
    rv_vec_finish(&stack);
    free(rows);
    return out->list.len > before;
}
