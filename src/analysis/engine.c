// SPDX-License-Identifier: MIT
// The analysis engine: builds the model once, runs the selected families over it, then applies
// the configuration (selection, severities) and the suppression comments.
#include "analysis_internal.h"

#include <stdlib.h>
#include <string.h>

struct family {
    rv_check_fn *check;
    uint32_t categories; /* bit mask of the categories it reports */
};

#define CAT(c) (1u << (c))

static const struct family families[] = {
    {rv_check_syntax, CAT(RV_CAT_SYNTAX)},
    {rv_check_security, CAT(RV_CAT_SECURITY)},
    {rv_check_naming, CAT(RV_CAT_NAMING_CONSISTENCY)},
    {rv_check_type_hints, CAT(RV_CAT_TYPE_HINTS)},
    {rv_check_docstrings, CAT(RV_CAT_DOCSTRINGS)},
    {rv_check_function_naming, CAT(RV_CAT_FUNCTION_NAMING)},
    {rv_check_variable_naming, CAT(RV_CAT_VARIABLE_NAMING)},
    {rv_check_indentation, CAT(RV_CAT_INDENTATION)},
    {rv_check_comments, CAT(RV_CAT_COMMENTS)},
    {rv_check_tests, CAT(RV_CAT_TEST_NAMING) | CAT(RV_CAT_TEST_ORGANIZATION)},
    {rv_check_organization, CAT(RV_CAT_CODE_ORGANIZATION)},
};

static uint32_t selected_categories(const struct rv_config *cfg) {
    uint32_t mask = 0;
    for (size_t i = 0; i < rv_rules_count; i++) {
        if (cfg->selected[rv_rules[i].code]) {
            mask |= CAT(rv_rules[i].category);
        }
    }
    return mask;
}

void rv__run_families(const struct rv_rule_ctx *ctx, struct rv_findings *raw) {
    uint32_t wanted = selected_categories(ctx->config);
    size_t before = raw->list.len;
    for (size_t i = 0; i < RV_ARRAY_LEN(families); i++) {
        if (families[i].categories & wanted) {
            families[i].check(ctx, raw);
        }
    }
    if (ctx->range_start == 0 && ctx->range_end == UINT32_MAX) {
        return;
    }
    // An incremental run wants the findings of its range only; families may report others
    // (file-wide judgements), which the caller keeps from the previous analysis.
    size_t kept = before;
    for (size_t i = before; i < raw->list.len; i++) {
        struct rv_finding *f = &raw->list.items[i];
        if (rv_ctx_wants(ctx, f->start_byte)) {
            raw->list.items[kept++] = *f;
        } else {
            struct rv_findings one = {0};
            rv_vec_push(&one.list, *f);
            rv_findings_finish(&one);
        }
    }
    raw->list.len = kept;
}

void rv__finish_findings(const struct rv_analysis_input *in, const struct rv_model *model,
                         TSNode root, struct rv_findings *raw, bool keep_raw,
                         struct rv_findings *out) {
    struct rv_suppressions sups;
    rv_suppress__parse(&sups, in->text, model);
    for (size_t i = 0; i < raw->list.len; i++) {
        struct rv_finding *f = &raw->list.items[i];
        bool keep = f->code < RV_RULE_CODE_MAX && in->config->selected[f->code] &&
                    !rv_suppress__match(&sups, in->text, root, f);
        if (keep) {
            struct rv_finding g = keep_raw ? rv_finding_copy(f) : *f;
            // Families may pre-set a lower severity (test code); configuration wins over both.
            if (in->config->severity[g.code]) {
                g.severity = (enum rv_severity)in->config->severity[g.code];
            } else if (g.severity == 0) {
                g.severity = rv_config_severity(in->config, g.code);
            }
            rv_vec_push(&out->list, g);
        } else if (!keep_raw) {
            struct rv_findings one = {0};
            rv_vec_push(&one.list, *f);
            rv_findings_finish(&one);
        }
    }
    if (!keep_raw) {
        raw->list.len = 0;
    }

    if (in->config->selected[403]) {
        struct rv_findings unused = {0};
        rv_suppress__report_unused(&sups, in->config, &unused);
        for (size_t i = 0; i < unused.list.len; i++) {
            unused.list.items[i].severity = rv_config_severity(in->config, 403);
        }
        rv_findings_take(out, &unused);
        rv_findings_finish(&unused);
    }
    rv_suppress__finish(&sups);
    rv_findings_sort(out);
}

void rv_analyze(const struct rv_analysis_input *in, struct rv_findings *out) {
    TSNode root = ts_tree_root_node(in->tree);
    bool is_test = rv_path_is_test(in->path);
    struct rv_model model;
    rv_model_build(&model, in->text, root, is_test);
    struct rv_rule_ctx ctx = {
        .text = in->text,
        .tree = in->tree,
        .root = root,
        .config = in->config,
        .model = &model,
        .path = in->path,
        .is_test_file = is_test,
        .range_start = 0,
        .range_end = UINT32_MAX,
    };
    struct rv_findings raw = {0};
    rv__run_families(&ctx, &raw);
    rv__finish_findings(in, &model, root, &raw, false, out);
    rv_findings_finish(&raw);
    rv_model_finish(&model);
}
