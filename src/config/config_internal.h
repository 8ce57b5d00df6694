// SPDX-License-Identifier: MIT
// Shared between config.c and toml.c: one settings source (a pyproject table or an editor
// settings object) is applied key by key into a pending layer, then committed onto the config.
#pragma once

#include "reviewls/config.h"

/**
 * The rule selection and severities of one source. `select` replaces the current selection,
 * `extend-select` adds and `ignore` removes, in that order whatever order the keys came in; a
 * rule's own severity entry beats its category's.
 */
struct rv_config__layer {
    struct rv_config *cfg; /* borrowed: the target */
    struct rv_config_errors *errs;
    bool has_select;
    bool select[RV_RULE_CODE_MAX];
    bool extend[RV_RULE_CODE_MAX];
    bool ignore[RV_RULE_CODE_MAX];
    uint8_t sev_category[RV_RULE_CODE_MAX];
    uint8_t sev_rule[RV_RULE_CODE_MAX];
};

void rv_config__layer_init(struct rv_config__layer *layer, struct rv_config *cfg,
                           struct rv_config_errors *errs);
/** Applies the selection and severities gathered so far onto the config. */
void rv_config__layer_commit(struct rv_config__layer *layer);

/**
 * Applies one top-level key (as written: kebab, snake or camel case) with its value. Errors are
 * reported at (line, column), 0 when unknown. A JSON null means "leave the default".
 */
void rv_config__apply_key(struct rv_config__layer *layer, const char *key, const json_t *value,
                          uint32_t line, uint32_t column);
/** Applies one entry of the severity table: `key` is a code, rule name, category or "all". */
void rv_config__apply_severity(struct rv_config__layer *layer, const char *key, const json_t *value,
                               uint32_t line, uint32_t column);

/** pyproject.toml files larger than this are not read. */
#define RV_CONFIG_MAX_TOML_BYTES (4 * 1024 * 1024)

/** Returns `path` made absolute (against the working directory) and lexically cleaned: no ".",
 *  "..", empty components or trailing '/'. Caller frees. */
char *rv_config__absolute(const char *path);
