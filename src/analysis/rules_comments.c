// SPDX-License-Identifier: MIT
// The comments family: long functions with no comment at all (RV401) and long functions whose
// longest comment-free stretch is too long (RV402). Every line belongs to its innermost function:
// a nested function's lines and comments count for it alone. RV403 lives in the engine.
#include "kinds.h"
#include "reviewls/analysis.h"

#include <stdlib.h>
#include <string.h>

// Machine directives explain nothing to a reader: they are not comments for these rules.
static bool is_directive(const struct rv_text *text, TSNode comment) {
    static const char *const prefixes[] = {
        "noqa", "type:", "pragma", "nosec", "reviewls:", "pylint:", "fmt:", "isort:", "mypy:",
    };
    size_t len;
    const char *s = rv_node_text(text, comment, &len);
    size_t i = 0;
    while (i < len && (s[i] == '#' || s[i] == ' ' || s[i] == '\t')) {
        i++;
    }
    if (i == len) {
        return true; // an empty `#` says nothing either
    }
    for (size_t p = 0; p < RV_ARRAY_LEN(prefixes); p++) {
        size_t n = strlen(prefixes[p]);
        if (len - i >= n && memcmp(s + i, prefixes[p], n) == 0) {
            return true;
        }
    }
    return false;
}

enum row_mark {
    ROW_OWN = 0, /* a line of the function itself */
    ROW_NESTED,  /* a line of a nested function: counts for that function */
    ROW_COMMENT, /* a line of the function with a comment on it */
};

struct stretch {
    uint32_t lines;     /* own lines of the body */
    uint32_t comments;  /* own lines with a comment */
    uint32_t longest;   /* longest run of own lines without a comment */
    uint32_t first_row; /* where that run starts */
    uint32_t last_row;  /* and where it ends */
};

// The first row of the body as a reader sees it. tree-sitter attaches the comments between the
// `:` and the first statement to the definition rather than to its block, so body_first_row
// starts below them; a body that opens with a comment starts at that comment.
//
// Those comments are the run of comment siblings right before the body. They are read from the
// model's nodes: the body is a direct child of the definition there (body_index), so one pass
// over the definition's few children finds the run. ts_node_prev_sibling would cost a
// ts_node_parent apiece, a search down from the root in tree-sitter 0.20, for every function.
static uint32_t first_body_row(const struct rv_model *m, const struct rv_function *fn) {
    uint32_t first = fn->body_first_row;
    if (ts_node_is_null(fn->body) || !ts_node_is_null(fn->docstring)) {
        return first;
    }
    const struct rv_flat_node *nodes = m->nodes.items;
    if (fn->body_index == UINT32_MAX ||
        ts_node_start_byte(fn->body) == ts_node_end_byte(fn->body)) {
        // No flat body, or an empty one (a parse error), where tree-sitter's sibling search
        // has rules of its own: ask it.
        for (TSNode n = ts_node_prev_sibling(fn->body); !ts_node_is_null(n);
             n = ts_node_prev_sibling(n)) {
            if (strcmp(ts_node_type(n), "comment") != 0) {
                break;
            }
            uint32_t row = ts_node_start_point(n).row;
            if (row <= fn->def_row) {
                break; // a comment on the `def` line itself
            }
            first = row < first ? row : first;
        }
        return first;
    }
    // Forwards over the body's earlier siblings: a run restarts after anything that is not a
    // comment and after a comment on the `def` line itself, so the run left at the body is the
    // one a backward walk from it would collect. Rows only grow, so its first row is its least.
    uint32_t run = UINT32_MAX;
    uint32_t parent = nodes[fn->body_index].parent;
    for (uint32_t j = parent + 1; j < fn->body_index; j = nodes[j].end) {
        if (nodes[j].kind != RV_K_COMMENT) {
            run = UINT32_MAX;
            continue;
        }
        uint32_t row = ts_node_start_point(nodes[j].node).row;
        if (row <= fn->def_row) {
            run = UINT32_MAX;
        } else if (run == UINT32_MAX) {
            run = row;
        }
    }
    return run < first ? run : first;
}

// Marks the body rows of function `index` from row `first` (first_body_row), then measures
// them. `marks` has room for every row
// of the function's body. Cost: the function's rows plus a scan of its nested functions and of
// the comments, found by binary search.
static struct stretch measure(const struct rv_rule_ctx *ctx, size_t index, uint32_t first,
                              uint8_t *marks) {
    const struct rv_model *m = ctx->model;
    const struct rv_function *fn = &m->functions.items[index];
    uint32_t count = fn->end_row - first + 1;
    memset(marks, ROW_OWN, count);
    for (size_t j = index + 1; j < m->functions.len; j++) {
        const struct rv_function *inner = &m->functions.items[j];
        if (inner->def_row > fn->end_row) {
            break; // functions are in source order: nothing later is inside
        }
        // Every function inside this one, directly or through a local class.
        uint32_t start = ts_node_start_point(inner->outer).row;
        if (inner->parent_function != (int32_t)index || start < first) {
            continue;
        }
        for (uint32_t r = start; r <= inner->end_row && r <= fn->end_row; r++) {
            marks[r - first] = ROW_NESTED;
        }
    }
    // Comments are in source order: find the first one at or after the body.
    size_t lo = 0;
    size_t hi = m->comments.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ts_node_start_point(m->comments.items[mid]).row < first) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (size_t c = lo; c < m->comments.len; c++) {
        uint32_t row = ts_node_start_point(m->comments.items[c]).row;
        if (row > fn->end_row) {
            break;
        }
        if (marks[row - first] == ROW_OWN && !is_directive(ctx->text, m->comments.items[c])) {
            marks[row - first] = ROW_COMMENT;
        }
    }
    struct stretch st = {0};
    uint32_t run = 0;
    uint32_t run_start = first;
    for (uint32_t r = 0; r < count; r++) {
        if (marks[r] == ROW_NESTED) {
            continue; // a nested function neither lengthens nor breaks the outer stretch
        }
        st.lines++;
        if (marks[r] == ROW_COMMENT) {
            st.comments++;
            run = 0;
            continue;
        }
        if (run == 0) {
            run_start = first + r;
        }
        run++;
        if (run > st.longest) {
            st.longest = run;
            st.first_row = run_start;
            st.last_row = first + r;
        }
    }
    return st;
}

void rv_check_comments(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    const struct rv_model *m = ctx->model;
    long max_free = rv_config_int(ctx->config, "max-comment-free-lines");
    long max_stretch = rv_config_int(ctx->config, "max-uncommented-stretch");
    uint8_t *marks = NULL;
    size_t marks_cap = 0;
    for (size_t i = ctx->functions_first; i < ctx->functions_end; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        if (rv_ctx_skips_node(ctx, fn->outer)) {
            continue;
        }
        uint32_t first = first_body_row(m, fn);
        if (ts_node_is_null(fn->name) || fn->end_row < first ||
            (long)(fn->end_row - first + 1) <= max_free) {
            continue;
        }
        size_t count = fn->end_row - first + 1;
        if (count > marks_cap) {
            free(marks);
            marks = rv_xmalloc(count);
            marks_cap = count;
        }
        struct stretch st = measure(ctx, i, first, marks);
        size_t len;
        const char *name = rv_node_text(ctx->text, fn->name, &len);
        uint32_t start = ts_node_start_byte(fn->name);
        uint32_t end = ts_node_end_byte(fn->name);
        bool has_nested = st.lines != count;
        struct rv_finding *f = NULL;
        if (st.comments == 0 && (long)st.lines > max_free) {
            f = rv_findings_add(out, 401, start, end, "`%.*s` has %u lines%s and no comment",
                                (int)len, name, st.lines,
                                has_nested ? " outside its nested functions" : "");
        } else if (st.comments > 0 && (long)st.longest > max_stretch) {
            f = rv_findings_add(out, 402, start, end,
                                "`%.*s` runs %u lines without a comment (lines %u-%u; limit %ld)",
                                (int)len, name, st.longest, st.first_row + 1, st.last_row + 1,
                                max_stretch);
            size_t from = ctx->text->line_starts[st.first_row];
            rv_finding_relate(f, (uint32_t)from,
                              (uint32_t)rv_text_line_end(ctx->text, st.first_row),
                              "the uncommented stretch starts here");
        }
        if (f != NULL) {
            f->scope_start_byte = start;
            f->scope_end_byte = end;
        }
    }
    free(marks);
}
