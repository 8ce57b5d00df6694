// SPDX-License-Identifier: MIT
// Fuzzes the configuration parsers and the exclude globs. The first byte picks the mode:
// [tool.reviewls] TOML (rv_config_apply_toml), editor settings JSON (rv_config_apply_json),
// or a glob "PATTERN\0PATH" (rv_config_glob_match). Oracles: errors carry messages and sane
// places, the resulting configuration stays in range and copies faithfully, and every exclude
// pattern a configuration accepted can be matched against paths (no crash, no hang).
#include "fuzz.h"
#include "reviewls/config.h"

#include <string.h>

static const char *const probe_paths[] = {
    "pkg/module.py",
    "build/",
    "src/gen/x_1_pb2.py",
    "/abs/root/a/b/c.py",
    "tests/test_thing.py",
    "a/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab.py",
};

static void check_config(const struct rv_config *cfg, const struct rv_config_errors *errs) {
    for (size_t i = 0; i < errs->list.len; i++) {
        const struct rv_config_error *e = &errs->list.items[i];
        FUZZ_CHECK(e->message != NULL && e->message[0] != '\0');
        FUZZ_CHECK(e->end_line >= e->line);
    }
    for (size_t c = 0; c < RV_RULE_CODE_MAX; c++) {
        FUZZ_CHECK(cfg->severity[c] <= RV_SEVERITY_HINT);
    }
    for (size_t i = 0; i < rv_settings_count; i++) {
        if (!cfg->set[i]) {
            continue;
        }
        if (rv_settings[i].type == RV_SETTING_STRING) {
            FUZZ_CHECK(cfg->str_values[i] != NULL);
            (void)rv_config_str(cfg, rv_settings[i].name);
        } else {
            (void)rv_config_int(cfg, rv_settings[i].name);
        }
    }
    for (size_t c = 1; c < RV_RULE_CODE_MAX; c++) {
        if (rv_rule_by_code((uint16_t)c)) {
            enum rv_severity sev = rv_config_severity(cfg, (uint16_t)c);
            FUZZ_CHECK(sev >= RV_SEVERITY_ERROR && sev <= RV_SEVERITY_HINT);
        }
    }
    // A copy behaves like the original.
    struct rv_config copy;
    rv_config_copy(&copy, cfg);
    FUZZ_CHECK(memcmp(copy.selected, cfg->selected, sizeof(cfg->selected)) == 0);
    FUZZ_CHECK(memcmp(copy.severity, cfg->severity, sizeof(cfg->severity)) == 0);
    FUZZ_CHECK(copy.exclude.len == cfg->exclude.len);
    for (size_t i = 0; i < RV_ARRAY_LEN(probe_paths); i++) {
        bool a = rv_config_excluded(cfg, probe_paths[i], "/abs/root");
        bool b = rv_config_excluded(&copy, probe_paths[i], "/abs/root");
        FUZZ_CHECK(a == b);
        (void)rv_config_excluded(cfg, probe_paths[i], NULL);
    }
    rv_config_finish(&copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 1 << 14) {
        return 0;
    }
    uint8_t mode = data[0] % 3;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (mode == 2) {
        // Glob: PATTERN NUL PATH (a missing NUL means an empty path). Patterns come from
        // pyproject.toml files that reviewls reads in projects it did not write.
        char *copy = rv_xstrndup(text, len);
        size_t plen = strlen(copy);
        const char *path = plen < len ? copy + plen + 1 : "";
        (void)rv_config_glob_match(copy, path);
        (void)rv_config_glob_match(copy, "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p.py");
        free(copy);
        return 0;
    }
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_config_errors errs = {0};
    if (mode == 0) {
        int rc = rv_config_apply_toml(&cfg, text, len, &errs);
        FUZZ_CHECK(rc == 0 || rc == -1);
    } else {
        json_t *root = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
        if (root != NULL) {
            rv_config_apply_json(&cfg, root, &errs);
            // Settings layer over settings: applying the same object twice is harmless.
            rv_config_apply_json(&cfg, root, &errs);
            json_decref(root);
        }
    }
    check_config(&cfg, &errs);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);
    return 0;
}
