// SPDX-License-Identifier: MIT
// Lookups over the generated catalogue, and the effective-configuration accessors that rules
// call. The catalogue itself (rv_rules, rv_settings) is generated from protocol/rules.json.
#include "reviewls/analysis.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const category_names[RV_CAT_COUNT] = {
    [RV_CAT_SYNTAX] = "syntax",
    [RV_CAT_SECURITY] = "security",
    [RV_CAT_NAMING_CONSISTENCY] = "naming-consistency",
    [RV_CAT_TYPE_HINTS] = "type-hints",
    [RV_CAT_DOCSTRINGS] = "docstrings",
    [RV_CAT_FUNCTION_NAMING] = "function-naming",
    [RV_CAT_VARIABLE_NAMING] = "variable-naming",
    [RV_CAT_INDENTATION] = "indentation",
    [RV_CAT_COMMENTS] = "comments",
    [RV_CAT_TEST_NAMING] = "test-naming",
    [RV_CAT_TEST_ORGANIZATION] = "test-organization",
    [RV_CAT_CODE_ORGANIZATION] = "code-organization",
};

const char *rv_category_name(enum rv_category cat) {
    return (unsigned)cat < RV_CAT_COUNT ? category_names[cat] : "unknown";
}

bool rv_category_parse(const char *name, enum rv_category *out) {
    for (int i = 0; i < RV_CAT_COUNT; i++) {
        if (strcmp(category_names[i], name) == 0) {
            *out = (enum rv_category)i;
            return true;
        }
    }
    return false;
}

const char *rv_severity_name(enum rv_severity sev) {
    switch (sev) {
    case RV_SEVERITY_ERROR:
        return "error";
    case RV_SEVERITY_WARNING:
        return "warning";
    case RV_SEVERITY_INFORMATION:
        return "information";
    case RV_SEVERITY_HINT:
        return "hint";
    }
    return "warning";
}

bool rv_severity_parse(const char *name, enum rv_severity *out) {
    static const struct {
        const char *name;
        enum rv_severity sev;
    } names[] = {
        {"error", RV_SEVERITY_ERROR},      {"warning", RV_SEVERITY_WARNING},
        {"warn", RV_SEVERITY_WARNING},     {"information", RV_SEVERITY_INFORMATION},
        {"info", RV_SEVERITY_INFORMATION}, {"hint", RV_SEVERITY_HINT},
    };
    for (size_t i = 0; i < RV_ARRAY_LEN(names); i++) {
        if (strcasecmp(names[i].name, name) == 0) {
            *out = names[i].sev;
            return true;
        }
    }
    return false;
}

const struct rv_rule_info *rv_rule_by_code(uint16_t code) {
    // Asked for every finding a few times over (severity, publishing, reuse): an index the
    // generator writes beside the table, not a search.
    return code < RV_RULE_CODE_MAX && rv_rule_index[code] ? &rv_rules[rv_rule_index[code] - 1]
                                                          : NULL;
}

const struct rv_rule_info *rv_rule_lookup(const char *s) {
    if ((s[0] == 'R' || s[0] == 'r') && (s[1] == 'V' || s[1] == 'v') &&
        isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
        isdigit((unsigned char)s[4]) && s[5] == '\0') {
        return rv_rule_by_code((uint16_t)atoi(s + 2));
    }
    for (size_t i = 0; i < rv_rules_count; i++) {
        if (strcmp(rv_rules[i].name, s) == 0) {
            return &rv_rules[i];
        }
    }
    return NULL;
}

int rv_setting_index(const char *name) {
    for (size_t i = 0; i < rv_settings_count; i++) {
        if (strcmp(rv_settings[i].name, name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

void rv_config_init(struct rv_config *cfg) {
    memset(cfg, 0, sizeof(*cfg));
    for (size_t i = 0; i < rv_rules_count; i++) {
        cfg->selected[rv_rules[i].code] = true;
    }
    cfg->set = rv_xcalloc(rv_settings_count, sizeof(bool));
    cfg->int_values = rv_xcalloc(rv_settings_count, sizeof(long));
    cfg->str_values = rv_xcalloc(rv_settings_count, sizeof(char *));
}

void rv_config_finish(struct rv_config *cfg) {
    if (cfg->str_values) {
        for (size_t i = 0; i < rv_settings_count; i++) {
            free(cfg->str_values[i]);
        }
    }
    free(cfg->set);
    free(cfg->int_values);
    free(cfg->str_values);
    for (size_t i = 0; i < cfg->exclude.len; i++) {
        free(cfg->exclude.items[i]);
    }
    rv_vec_finish(&cfg->exclude);
    free(cfg->baseline);
    memset(cfg, 0, sizeof(*cfg));
}

void rv_config_copy(struct rv_config *dst, const struct rv_config *src) {
    rv_config_init(dst);
    memcpy(dst->selected, src->selected, sizeof(dst->selected));
    memcpy(dst->severity, src->severity, sizeof(dst->severity));
    for (size_t i = 0; i < rv_settings_count; i++) {
        dst->set[i] = src->set[i];
        dst->int_values[i] = src->int_values[i];
        dst->str_values[i] = src->str_values[i] ? rv_xstrdup(src->str_values[i]) : NULL;
    }
    for (size_t i = 0; i < src->exclude.len; i++) {
        rv_vec_push(&dst->exclude, rv_xstrdup(src->exclude.items[i]));
    }
    dst->baseline = src->baseline ? rv_xstrdup(src->baseline) : NULL;
}

static int must_index(const char *name, enum rv_setting_type type) {
    int i = rv_setting_index(name);
    if (i < 0 || (rv_settings[i].type == RV_SETTING_STRING) != (type == RV_SETTING_STRING)) {
        fprintf(stderr, "reviewls: internal error: setting %s is not in the catalogue\n", name);
        abort();
    }
    return i;
}

long rv_config_int(const struct rv_config *cfg, const char *name) {
    int i = must_index(name, RV_SETTING_INT);
    return cfg && cfg->set && cfg->set[i] ? cfg->int_values[i] : rv_settings[i].default_int;
}

bool rv_config_bool(const struct rv_config *cfg, const char *name) {
    return rv_config_int(cfg, name) != 0;
}

const char *rv_config_str(const struct rv_config *cfg, const char *name) {
    int i = must_index(name, RV_SETTING_STRING);
    if (cfg && cfg->set && cfg->set[i] && cfg->str_values[i]) {
        return cfg->str_values[i];
    }
    return rv_settings[i].default_str;
}

enum rv_severity rv_config_severity(const struct rv_config *cfg, uint16_t code) {
    if (code < RV_RULE_CODE_MAX && cfg && cfg->severity[code]) {
        return (enum rv_severity)cfg->severity[code];
    }
    const struct rv_rule_info *rule = rv_rule_by_code(code);
    return rule ? rule->severity : RV_SEVERITY_WARNING;
}
