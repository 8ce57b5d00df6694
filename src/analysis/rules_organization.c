// SPDX-License-Identifier: MIT
// The code-organization family (RV551-RV559): size and shape limits of modules, classes and
// functions, read from the model plus one walk of each function body. Never re-walks the module.
#include "kinds.h"
#include "reviewls/analysis.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Module-level limits. */

// Number of lines as an editor shows them: a final newline does not open another line.
static size_t module_lines(const struct rv_text *text) {
    size_t lines = text->line_count;
    if (lines > 1 && text->line_starts[lines - 1] == text->len) {
        lines--;
    }
    return lines;
}

static void check_module_lines(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    long limit = rv_config_int(ctx->config, "max-module-lines");
    size_t lines = module_lines(ctx->text);
    if (limit <= 0 || lines <= (size_t)limit) {
        return;
    }
    // The range is the first line past the limit: that is where the module stops fitting.
    uint32_t start = ctx->text->line_starts[limit];
    uint32_t end = (uint32_t)rv_text_line_end(ctx->text, (size_t)limit);
    rv_findings_add(out, 551, start, end,
                    "module has %zu lines; the limit is %ld (this is line %ld, the first over it)",
                    lines, limit, limit + 1);
}

static void check_module_functions(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    long limit = rv_config_int(ctx->config, "max-module-functions");
    const struct rv_model *m = ctx->model;
    if (limit < 0 || m->top_level_functions <= (uint32_t)limit) {
        return;
    }
    long seen = 0;
    for (size_t i = 0; i < m->functions.len; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        if (fn->class_index >= 0 || fn->parent_function >= 0 || ts_node_is_null(fn->name)) {
            continue;
        }
        if (++seen == limit + 1) {
            size_t len;
            const char *name = rv_node_text(ctx->text, fn->name, &len);
            rv_findings_add(out, 552, ts_node_start_byte(fn->name), ts_node_end_byte(fn->name),
                            "module defines %u top-level functions; the limit is %ld (`%.*s` is "
                            "number %ld)",
                            m->top_level_functions, limit, (int)len, name, limit + 1);
            return;
        }
    }
}

static bool is_dunder(const char *s, size_t len) {
    return len > 4 && s[0] == '_' && s[1] == '_' && s[len - 1] == '_' && s[len - 2] == '_';
}

static void check_module_variables(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    long limit = rv_config_int(ctx->config, "max-module-variables");
    const struct rv_model *m = ctx->model;
    // Distinct names, dunders (__all__, __version__) excluded: they are metadata, not state.
    long count = 0;
    TSNode over = {0};
    for (size_t i = 0; i < m->bindings.len; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        if (b->kind != RV_BIND_MODULE_VAR || !b->first_in_scope) {
            continue;
        }
        size_t len;
        const char *s = rv_binding_name(ctx->text, b, &len);
        if (is_dunder(s, len)) {
            continue;
        }
        if (++count == limit + 1) {
            over = b->name;
        }
    }
    if (limit < 0 || count <= limit || ts_node_is_null(over)) {
        return;
    }
    size_t len;
    const char *name = rv_node_text(ctx->text, over, &len);
    rv_findings_add(out, 553, ts_node_start_byte(over), ts_node_end_byte(over),
                    "module defines %ld module-level variables; the limit is %ld (`%.*s` is "
                    "number %ld); group related settings in a class or move them to their own "
                    "module",
                    count, limit, (int)len, name, limit + 1);
}

static void check_classes(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    long limit = rv_config_int(ctx->config, "max-class-methods");
    const struct rv_model *m = ctx->model;
    // A test class's tests are RV501's business; only its helpers count here. One pass over
    // the functions counts every class's methods.
    long *counts = rv_xcalloc(m->classes.len + 1, sizeof(long));
    for (size_t i = 0; i < m->functions.len; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        if (fn->class_index >= 0 && !(m->classes.items[fn->class_index].is_test && fn->is_test)) {
            counts[fn->class_index]++;
        }
    }
    for (size_t c = 0; c < m->classes.len; c++) {
        const struct rv_class *cls = &m->classes.items[c];
        if (ts_node_is_null(cls->name)) {
            continue;
        }
        long methods = counts[c];
        if (methods <= limit || !rv_ctx_wants(ctx, ts_node_start_byte(cls->name))) {
            continue;
        }
        size_t len;
        const char *name = rv_node_text(ctx->text, cls->name, &len);
        rv_findings_add(out, 554, ts_node_start_byte(cls->name), ts_node_end_byte(cls->name),
                        "`%.*s` has %ld %s; the limit is %ld", (int)len, name, methods,
                        cls->is_test ? "methods besides its tests" : "methods", limit);
    }
    free(counts);
}

/* ------------------------------------------------------------------------------------------ */
/* Function-level limits: one walk of each body, stopping at nested definitions. */

struct u32_vec {
    uint32_t *items;
    size_t len;
    size_t cap;
};

struct body_stats {
    long statements;
    long complexity; /* 1 + decision points */
    long ifs, loops, excepts, bools, ternaries, comp_ifs, cases;
    uint32_t max_nesting;
    TSNode deepest; /* the first block at max_nesting */
};

static void count_node(struct body_stats *st, enum rv_kind kind) {
    switch (kind) {
    case RV_K_IF_STATEMENT:
    case RV_K_ELIF_CLAUSE:
        st->ifs++;
        break;
    case RV_K_FOR_STATEMENT:
    case RV_K_WHILE_STATEMENT:
        st->loops++;
        break;
    case RV_K_EXCEPT_CLAUSE:
    case RV_K_EXCEPT_GROUP_CLAUSE:
        st->excepts++;
        break;
    case RV_K_BOOLEAN_OPERATOR:
        st->bools++;
        break;
    case RV_K_CONDITIONAL_EXPRESSION:
        st->ternaries++;
        break;
    case RV_K_IF_CLAUSE:
        st->comp_ifs++;
        break;
    case RV_K_CASE_CLAUSE:
        st->cases++;
        break;
    default:
        break;
    }
}

// Scans the model's nodes of one body (index `body`), skipping nested definitions' insides.
// `levels` is scratch space, reused between calls: the block nesting of each scanned node.
static void walk_body(const struct rv_model *m, uint32_t body, struct u32_vec *levels,
                      struct body_stats *st) {
    memset(st, 0, sizeof(*st));
    if (body == UINT32_MAX) {
        return;
    }
    const struct rv_flat_node *nodes = m->nodes.items;
    uint32_t end = nodes[body].end;
    levels->len = 0;
    for (uint32_t i = body; i < end; i++) {
        rv_vec_push(levels, 0); // levels->items[i - body]; the body itself is 0
    }
    for (uint32_t i = body + 1; i < end;) {
        const struct rv_flat_node *n = &nodes[i];
        enum rv_kind kind = (enum rv_kind)n->kind;
        uint32_t level = levels->items[n->parent - body];
        if (kind == RV_K_BLOCK) {
            // A match statement's body holds the case clauses; only their blocks nest.
            if (nodes[n->parent].kind != RV_K_MATCH_STATEMENT) {
                level++;
            }
            if (level > st->max_nesting) {
                st->max_nesting = level;
                st->deepest = n->node;
            }
        }
        levels->items[i - body] = level;
        if (n->named) {
            // Covers expression_statement and the compound statements; clauses are parts of
            // these.
            if (rv__symbol_is_statement[n->symbol]) {
                st->statements++;
            }
            count_node(st, kind);
        }
        bool nested_def = kind == RV_K_FUNCTION_DEFINITION || kind == RV_K_CLASS_DEFINITION;
        i = nested_def ? n->end : i + 1;
    }
    st->complexity = 1 + st->ifs + st->loops + st->excepts + st->bools + st->ternaries +
                     st->comp_ifs + st->cases;
}

static void complexity_detail(struct rv_strbuf *sb, const struct body_stats *st) {
    const struct {
        long n;
        const char *what;
    } parts[] = {
        {st->ifs, "if/elif"},
        {st->loops, "loops"},
        {st->excepts, "except"},
        {st->bools, "and/or"},
        {st->ternaries, "x if c else y"},
        {st->comp_ifs, "comprehension ifs"},
        {st->cases, "match cases"},
    };
    bool first = true;
    for (size_t i = 0; i < RV_ARRAY_LEN(parts); i++) {
        if (parts[i].n > 0) {
            rv_strbuf_printf(sb, "%s%ld %s", first ? "" : ", ", parts[i].n, parts[i].what);
            first = false;
        }
    }
}

// The settings check_function reads, looked up once per module rather than per function.
struct limits {
    long max_params, max_statements, max_locals, max_complexity, max_nesting;
};

static bool is_local_kind(enum rv_binding_kind kind) {
    return kind == RV_BIND_LOCAL || kind == RV_BIND_LOOP_VAR || kind == RV_BIND_WITH_VAR ||
           kind == RV_BIND_EXCEPT_VAR;
}

// Lists up to six local names, for evidence.
static long count_locals(const struct rv_rule_ctx *ctx, int32_t fn_index, struct rv_strbuf *names) {
    long count = 0;
    const struct rv_model *m = ctx->model;
    for (size_t i = ctx->bindings_first; i < ctx->bindings_end; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        if (b->function != fn_index || !b->first_in_scope) {
            continue;
        }
        if (!is_local_kind(b->kind)) {
            continue;
        }
        count++;
        if (count <= 6) {
            size_t len;
            const char *s = rv_binding_name(ctx->text, b, &len);
            rv_strbuf_printf(names, "%s`%.*s`", count == 1 ? "" : ", ", (int)len, s);
        } else if (count == 7) {
            rv_strbuf_puts(names, ", ...");
        }
    }
    return count;
}

// `local_counts[index]` is the function's count of local variables (count_locals without the
// names, counted for every function in one pass over the bindings).
static void check_function(const struct rv_rule_ctx *ctx, size_t index, const struct limits *lim,
                           const long *local_counts, struct u32_vec *scratch,
                           struct rv_findings *out) {
    const struct rv_function *fn = &ctx->model->functions.items[index];
    if (ts_node_is_null(fn->name)) {
        return;
    }
    size_t nlen;
    const char *name = rv_node_text(ctx->text, fn->name, &nlen);
    uint32_t s = ts_node_start_byte(fn->name);
    uint32_t e = ts_node_end_byte(fn->name);
    int n = (int)nlen;

    long max_params = lim->max_params;
    long params = 0;
    for (uint32_t i = 0; i < fn->params_count; i++) {
        if (ctx->model->params.items[fn->params_start + i].kind == RV_PARAM_PLAIN) {
            params++;
        }
    }
    if (params > max_params) {
        rv_findings_add(out, 556, s, e,
                        "`%.*s` takes %ld parameters; the limit is %ld (self, cls, *args and "
                        "**kwargs not counted); group related ones into an object",
                        n, name, params, max_params);
    }

    struct body_stats st;
    walk_body(ctx->model, fn->body_index, scratch, &st);
    // The docstring is documentation, not a statement.
    if (!ts_node_is_null(fn->docstring) && st.statements > 0) {
        st.statements--;
    }
    long max_statements = lim->max_statements;
    if (st.statements > max_statements) {
        rv_findings_add(out, 555, s, e, "`%.*s` has %ld statements; the limit is %ld", n, name,
                        st.statements, max_statements);
    }

    long locals = local_counts[index];
    long max_locals = lim->max_locals;
    if (locals > max_locals) {
        struct rv_strbuf names = {0};
        count_locals(ctx, (int32_t)index, &names);
        rv_findings_add(out, 557, s, e, "`%.*s` has %ld local variables (%s); the limit is %ld", n,
                        name, locals, names.data ? names.data : "", max_locals);
        rv_strbuf_finish(&names);
    }

    long max_complexity = lim->max_complexity;
    if (st.complexity > max_complexity) {
        struct rv_strbuf detail = {0};
        complexity_detail(&detail, &st);
        rv_findings_add(out, 558, s, e,
                        "`%.*s` has a cyclomatic complexity of %ld (%s); the limit is %ld", n, name,
                        st.complexity, detail.data ? detail.data : "", max_complexity);
        rv_strbuf_finish(&detail);
    }

    long max_nesting = lim->max_nesting;
    if ((long)st.max_nesting > max_nesting) {
        uint32_t row = ts_node_start_point(st.deepest).row;
        struct rv_finding *f = rv_findings_add(
            out, 559, s, e, "`%.*s` nests blocks %u deep (line %u); the limit is %ld", n, name,
            st.max_nesting, row + 1, max_nesting);
        // Point at the deepest block's first statement line.
        uint32_t db = ts_node_start_byte(st.deepest);
        uint32_t de = (uint32_t)rv_text_line_end(ctx->text, row);
        rv_finding_relate(f, db, de > db ? de : db, "the deepest block (%u levels)",
                          st.max_nesting);
    }
}

void rv_check_organization(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    check_module_lines(ctx, out);
    check_module_functions(ctx, out);
    check_module_variables(ctx, out);
    check_classes(ctx, out);
}

// The per-function limits read nothing of other statements (a function, its parameters and
// locals lie in one unit), only the line of its deepest block (RV559): engine.c runs them over
// an incremental run's range when names change elsewhere, unlike the module's counts above.
void rv_check_function_limits(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    const struct rv_model *m = ctx->model;
    struct limits lim = {
        .max_params = rv_config_int(ctx->config, "max-parameters"),
        .max_statements = rv_config_int(ctx->config, "max-statements"),
        .max_locals = rv_config_int(ctx->config, "max-locals"),
        .max_complexity = rv_config_int(ctx->config, "max-complexity"),
        .max_nesting = rv_config_int(ctx->config, "max-nesting"),
    };
    // A function's locals lie in its unit: the windows hold those of every function judged.
    long *local_counts = rv_xcalloc(m->functions.len + 1, sizeof(long));
    for (size_t i = ctx->bindings_first; i < ctx->bindings_end; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        if (b->function >= 0 && b->first_in_scope && is_local_kind(b->kind)) {
            local_counts[b->function]++;
        }
    }
    struct u32_vec scratch = {0};
    // Every finding of a function starts at its name: a function whose name lies outside an
    // incremental run's range is not walked.
    for (size_t i = ctx->functions_first; i < ctx->functions_end; i++) {
        TSNode name = m->functions.items[i].name;
        if (!ts_node_is_null(name) && rv_ctx_wants(ctx, ts_node_start_byte(name))) {
            check_function(ctx, i, &lim, local_counts, &scratch, out);
        }
    }
    rv_vec_finish(&scratch);
    free(local_counts);
}
