// SPDX-License-Identifier: MIT
// The type-hints family: half-annotated signatures (RV201), and functions that break the
// module's own annotation habit (RV202 no annotations, RV203 no return type). It judges
// consistency within one module from the model alone; it never imports or infers types.
#include "analysis_internal.h"
#include "reviewls/analysis.h"

#include <stdlib.h>
#include <string.h>

// Functions whose return type is None by protocol: annotating `-> None` on them is noise, so
// RV203 never asks for it. mypy implies it for __init__; the others follow the same logic, and
// unittest's hooks are called only by the runner.
static const char *const none_by_protocol[] = {
    "__init__", "__init_subclass__", "__post_init__", "__del__",    "setUp",
    "tearDown", "setUpClass",        "tearDownClass", "asyncSetUp", "asyncTearDown",
};

bool rv__none_by_protocol(const char *name, size_t len) {
    for (size_t i = 0; i < RV_ARRAY_LEN(none_by_protocol); i++) {
        if (rv_str_eq(name, len, none_by_protocol[i])) {
            return true;
        }
    }
    return false;
}

static bool returns_none_by_protocol(const struct rv_rule_ctx *ctx, const struct rv_function *fn) {
    if (ts_node_is_null(fn->name)) {
        return false;
    }
    size_t len;
    const char *s = rv_node_text(ctx->text, fn->name, &len);
    bool dunder = len > 4 && s[0] == '_' && s[1] == '_';
    if (!dunder && !fn->is_method) {
        return false; // setUp and friends are hooks only as methods
    }
    // Every function is asked (the module's habit counts them all): compare the text read
    // above instead of reading the name's text again per entry.
    return rv__none_by_protocol(s, len);
}

// The annotation a literal default implies, or NULL (None, names, calls: nothing certain).
static const char *literal_type(const struct rv_text *text, TSNode value) {
    if (ts_node_is_null(value)) {
        return NULL;
    }
    const char *type = ts_node_type(value);
    if (strcmp(type, "unary_operator") == 0 && ts_node_named_child_count(value) == 1) {
        const char *inner = literal_type(text, ts_node_named_child(value, 0));
        return inner && (strcmp(inner, "int") == 0 || strcmp(inner, "float") == 0) ? inner : NULL;
    }
    if (strcmp(type, "integer") == 0) {
        return "int";
    }
    if (strcmp(type, "float") == 0) {
        return "float";
    }
    if (strcmp(type, "true") == 0 || strcmp(type, "false") == 0) {
        return "bool";
    }
    if (strcmp(type, "concatenated_string") == 0 && ts_node_named_child_count(value) > 0) {
        return literal_type(text, ts_node_named_child(value, 0));
    }
    if (strcmp(type, "string") == 0) {
        size_t len;
        const char *s = rv_node_text(text, value, &len);
        // The prefix letters before the quote: b means bytes, anything else is a str.
        for (size_t i = 0; i < len && s[i] != '"' && s[i] != '\''; i++) {
            if (s[i] == 'b' || s[i] == 'B') {
                return "bytes";
            }
        }
        return "str";
    }
    return NULL;
}

// A body that only passes, raises, or is `...`: an abstract method or a stub whose real return
// type the body does not show, so "-> None" would be a guess.
static bool is_stub_body(const struct rv_function *fn) {
    if (ts_node_is_null(fn->body)) {
        return true;
    }
    uint32_t n = ts_node_named_child_count(fn->body);
    for (uint32_t i = 0; i < n; i++) {
        TSNode stmt = ts_node_named_child(fn->body, i);
        const char *type = ts_node_type(stmt);
        if (strcmp(type, "comment") == 0 || strcmp(type, "pass_statement") == 0 ||
            strcmp(type, "raise_statement") == 0 || ts_node_eq(stmt, fn->docstring)) {
            continue;
        }
        if (strcmp(type, "expression_statement") == 0 && ts_node_named_child_count(stmt) == 1 &&
            strcmp(ts_node_type(ts_node_named_child(stmt, 0)), "ellipsis") == 0) {
            continue;
        }
        return false;
    }
    return true;
}

struct sig {
    uint32_t params;      /* parameters that take an annotation (self/cls excluded) */
    uint32_t annotated;   /* of those, annotated */
    int32_t first_bare;   /* index into model params of the first unannotated one, or -1 */
    bool has_return;      /* `-> T` present */
    bool any_annotation;  /* some parameter or the return annotated */
    bool needs_return;    /* a return annotation is expected (not None by protocol) */
    bool considered;      /* counts for the module's habit (RV202/RV203) */
    bool return_fix_none; /* "-> None" is certainly right */
};

static struct sig read_sig(const struct rv_rule_ctx *ctx, const struct rv_function *fn) {
    const struct rv_model *m = ctx->model;
    struct sig s = {.first_bare = -1};
    for (uint32_t i = 0; i < fn->params_count; i++) {
        const struct rv_param *p = &m->params.items[fn->params_start + i];
        if (p->kind == RV_PARAM_SELF) {
            continue;
        }
        s.params++;
        if (!ts_node_is_null(p->annotation)) {
            s.annotated++;
        } else if (s.first_bare < 0) {
            s.first_bare = (int32_t)(fn->params_start + i);
        }
    }
    s.has_return = !ts_node_is_null(fn->return_type);
    s.any_annotation = s.has_return || s.annotated > 0;
    s.needs_return = !returns_none_by_protocol(ctx, fn);
    // return_fix_none is left to the report loop: only a reported function needs it, and the
    // body's scan would cost every function of the file in an incremental run.
    // The habit is judged on module-level functions and methods. Nested helpers, overload
    // stubs and (in test files) the tests and their hooks, which only the runner calls, are
    // neither counted nor reported: their signatures document nothing for a caller.
    s.considered = fn->parent_function < 0 && !fn->is_overload &&
                   !(ctx->is_test_file && (fn->is_test || !s.needs_return));
    // A parameterless __init__ has nothing to annotate at all.
    if (s.params == 0 && !s.needs_return) {
        s.considered = false;
    }
    return s;
}

static void set_scope(struct rv_finding *f, const struct rv_function *fn) {
    f->scope_start_byte = ts_node_start_byte(fn->name);
    f->scope_end_byte = ts_node_end_byte(fn->name);
}

// Appends "`a`, `b` and `c`" naming the unannotated parameters of `fn`.
static void list_bare(const struct rv_rule_ctx *ctx, const struct rv_function *fn,
                      struct rv_strbuf *sb) {
    const struct rv_model *m = ctx->model;
    uint32_t total = 0;
    for (uint32_t i = 0; i < fn->params_count; i++) {
        const struct rv_param *p = &m->params.items[fn->params_start + i];
        total += p->kind != RV_PARAM_SELF && ts_node_is_null(p->annotation);
    }
    uint32_t seen = 0;
    for (uint32_t i = 0; i < fn->params_count; i++) {
        const struct rv_param *p = &m->params.items[fn->params_start + i];
        if (p->kind == RV_PARAM_SELF || !ts_node_is_null(p->annotation)) {
            continue;
        }
        size_t len;
        const char *name = rv_node_text(ctx->text, p->name, &len);
        const char *sep = seen == 0 ? "" : (seen + 1 == total ? " and " : ", ");
        const char *stars = p->kind == RV_PARAM_VARARGS  ? "*"
                            : p->kind == RV_PARAM_KWARGS ? "**"
                                                         : "";
        rv_strbuf_printf(sb, "%s`%s%.*s`", sep, stars, (int)len, name);
        seen++;
    }
}

static void check_partial(const struct rv_rule_ctx *ctx, const struct rv_function *fn,
                          const struct sig *s, struct rv_findings *out) {
    if (s->first_bare < 0 || !s->any_annotation) {
        return;
    }
    const struct rv_param *first = &ctx->model->params.items[s->first_bare];
    size_t nlen;
    const char *name = rv_node_text(ctx->text, fn->name, &nlen);
    struct rv_strbuf sb = {0};
    list_bare(ctx, fn, &sb);
    struct rv_finding *f;
    if (s->annotated > 0) {
        f = rv_findings_add(
            out, 201, ts_node_start_byte(first->name), ts_node_end_byte(first->name),
            "`%.*s` annotates %u of %u parameters; %s %s no type", (int)nlen, name, s->annotated,
            s->params, sb.data, s->params - s->annotated > 1 ? "have" : "has");
    } else {
        f = rv_findings_add(out, 201, ts_node_start_byte(first->name),
                            ts_node_end_byte(first->name),
                            "`%.*s` annotates its return type but no parameter: %s %s no type",
                            (int)nlen, name, sb.data, s->params > 1 ? "have" : "has");
    }
    rv_strbuf_finish(&sb);
    set_scope(f, fn);
    const char *hint = literal_type(ctx->text, first->default_value);
    if (hint != NULL && first->kind == RV_PARAM_PLAIN) {
        rv_finding_set_fix(f, RV_FIX_ANNOTATE_DEFAULT, hint);
    }
}

// The memo's facts: the module's habit, counted over every function (considered, annotated,
// return_expected, return_given). They follow from names, flags and the outline (which
// parameters and returns are annotated, how functions nest), which a ranged run finds
// unchanged, so such a run reads the signatures in its range only.
enum { MEMO_CONSIDERED, MEMO_ANNOTATED, MEMO_RETURN_EXPECTED, MEMO_RETURN_GIVEN };

void rv_check_type_hints(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    const struct rv_model *m = ctx->model;
    if (m->functions.len == 0) {
        return;
    }
    struct sig *sigs = rv_xcalloc(m->functions.len, sizeof(*sigs));
    uint32_t considered = 0;
    uint32_t annotated = 0;
    uint32_t return_expected = 0;
    uint32_t return_given = 0;
    struct rv_family_memo *memo = ctx->memo;
    bool remembered = memo != NULL && memo->valid;
    // Remembered, the habit is the memo's: only the window's signatures are read.
    size_t from = remembered ? ctx->functions_first : 0;
    size_t to = remembered ? ctx->functions_end : m->functions.len;
    for (size_t i = from; i < to; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        if (ts_node_is_null(fn->name) || (remembered && rv_ctx_skips_node(ctx, fn->outer))) {
            continue;
        }
        sigs[i] = read_sig(ctx, fn);
        if (!sigs[i].considered) {
            continue;
        }
        considered++;
        annotated += sigs[i].any_annotation;
        if (sigs[i].any_annotation && sigs[i].needs_return) {
            return_expected++;
            return_given += sigs[i].has_return;
        }
    }
    if (remembered) {
        considered = (uint32_t)memo->facts[MEMO_CONSIDERED];
        annotated = (uint32_t)memo->facts[MEMO_ANNOTATED];
        return_expected = (uint32_t)memo->facts[MEMO_RETURN_EXPECTED];
        return_given = (uint32_t)memo->facts[MEMO_RETURN_GIVEN];
    } else if (memo != NULL) {
        memo->facts[MEMO_CONSIDERED] = considered;
        memo->facts[MEMO_ANNOTATED] = annotated;
        memo->facts[MEMO_RETURN_EXPECTED] = return_expected;
        memo->facts[MEMO_RETURN_GIVEN] = return_given;
        memo->valid = true;
    }
    long ratio = rv_config_int(ctx->config, "annotation-ratio");
    // A habit needs at least two functions to be one, and at least one that follows it.
    bool annotated_module =
        considered >= 2 && annotated > 0 && (long)annotated * 100 >= ratio * (long)considered;
    bool returns_module = return_expected >= 2 && return_given > 0 &&
                          (long)return_given * 100 >= ratio * (long)return_expected;

    for (size_t i = ctx->functions_first; i < ctx->functions_end; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        struct sig *s = &sigs[i];
        if (ts_node_is_null(fn->name) || rv_ctx_skips_node(ctx, fn->outer)) {
            continue;
        }
        s->return_fix_none = !fn->returns_value && !is_stub_body(fn);
        size_t nlen;
        const char *name = rv_node_text(ctx->text, fn->name, &nlen);
        uint32_t name_start = ts_node_start_byte(fn->name);
        uint32_t name_end = ts_node_end_byte(fn->name);
        check_partial(ctx, fn, s, out);
        if (!s->considered) {
            continue;
        }
        if (!s->any_annotation && annotated_module) {
            struct rv_finding *f = rv_findings_add(
                out, 202, name_start, name_end,
                "`%.*s` has no annotations; %u of %u functions in this module are annotated",
                (int)nlen, name, annotated, considered);
            set_scope(f, fn);
            // With no parameters to annotate, "-> None" completes the signature.
            if (s->params == 0 && s->needs_return && s->return_fix_none) {
                rv_finding_set_fix(f, RV_FIX_RETURN_NONE, NULL);
            }
        } else if (s->any_annotation && !s->has_return && s->needs_return && returns_module) {
            struct rv_finding *f =
                rv_findings_add(out, 203, name_start, name_end,
                                "`%.*s` has no return annotation; %u of %u annotated functions in "
                                "this module state one%s",
                                (int)nlen, name, return_given, return_expected,
                                s->return_fix_none ? " (it returns no value: `-> None`)" : "");
            set_scope(f, fn);
            if (s->return_fix_none) {
                rv_finding_set_fix(f, RV_FIX_RETURN_NONE, NULL);
            }
        }
    }
    free(sigs);
}
