// SPDX-License-Identifier: MIT
// Building a struct rv_config (analysis.h) from what users write: [tool.reviewls] in the
// nearest pyproject.toml, and editor settings (initializationOptions, workspace/configuration,
// didChangeConfiguration). Reading configuration never runs anything: it is data.
#pragma once

#include "reviewls/analysis.h"

#include <jansson.h>

/** One problem found in a configuration, with its place when known (1-based; 0 = unknown). */
struct rv_config_error {
    uint32_t line;
    uint32_t column;
    uint32_t end_line;
    uint32_t end_column;
    char *message; /* owned */
};

struct rv_config_errors {
    RV_VEC(struct rv_config_error) list;
};

void rv_config_errors_add(struct rv_config_errors *errs, uint32_t line, uint32_t column,
                          const char *fmt, ...) RV_PRINTF(4, 5);
void rv_config_errors_finish(struct rv_config_errors *errs);

/**
 * Applies editor settings to `cfg`. `settings` is the object with the keys users write
 * (select, ignore, severity, exclude, baseline and every catalogue setting by its kebab name);
 * a wrapper {"reviewls": {...}} is unwrapped. Unknown keys and bad values are reported in
 * `errs` and skipped; the rest applies.
 */
void rv_config_apply_json(struct rv_config *cfg, const json_t *settings,
                          struct rv_config_errors *errs);

/** Returns the nearest pyproject.toml at or above `path` (file or directory), or NULL
 *  (caller frees). */
char *rv_config_find_pyproject(const char *path);

/**
 * Applies [tool.reviewls] of the TOML text to `cfg`. Syntax errors and bad keys are reported
 * in `errs` with their lines; what can be read still applies. Returns 0, or -1 if the text
 * is not TOML at all.
 */
int rv_config_apply_toml(struct rv_config *cfg, const char *toml, size_t len,
                         struct rv_config_errors *errs);

/** Reads `path` and applies it with rv_config_apply_toml. Returns 0 or -errno. */
int rv_config_load_pyproject(struct rv_config *cfg, const char *path,
                             struct rv_config_errors *errs);

/**
 * True when `path` matches one of cfg->exclude (globs relative to `root`, or absolute). A
 * pattern without '/' ("*_pb2.py", "build") names a file or directory at any depth; one with
 * '/' inside ("src/gen", "build/x_?.py") is anchored at `root`; a trailing '/' ("migrations/") only
 * names directories; a leading '/' is an absolute path. A path (or ancestor) that matches is
 * excluded. End `path` with '/' when it names a directory. With `root` NULL, or `path` outside
 * it, only patterns without '/' apply, to the file name.
 */
bool rv_config_excluded(const struct rv_config *cfg, const char *path, const char *root);

/** fnmatch-like matching of a whole path: '*' and '?' stay within a component, "**" crosses
 *  components ("**" + "/" also matches zero directories), "[a-z]" and "[!x]" classes. */
bool rv_config_glob_match(const char *pattern, const char *path);
