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
    };
    uint32_t wanted = selected_categories(in->config);
    struct rv_findings raw = {0};
    for (size_t i = 0; i < RV_ARRAY_LEN(families); i++) {
        if (families[i].categories & wanted) {
            families[i].check(&ctx, &raw);
        }
    }

    struct rv_suppressions sups;
    rv_suppress__parse(&sups, in->text, &model);
    for (size_t i = 0; i < raw.list.len; i++) {
        struct rv_finding *f = &raw.list.items[i];
        bool keep = f->code < RV_RULE_CODE_MAX && in->config->selected[f->code] &&
                    !rv_suppress__match(&sups, in->text, root, f);
        if (keep) {
            // Families may pre-set a lower severity (test code); configuration wins over both.
            if (in->config->severity[f->code]) {
                f->severity = (enum rv_severity)in->config->severity[f->code];
            } else if (f->severity == 0) {
                f->severity = rv_config_severity(in->config, f->code);
            }
            rv_vec_push(&out->list, *f);
        } else {
            struct rv_findings one = {0};
            rv_vec_push(&one.list, *f);
            rv_findings_finish(&one);
        }
    }
    raw.list.len = 0;
    rv_findings_finish(&raw);

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
    rv_model_finish(&model);
    rv_findings_sort(out);
}
