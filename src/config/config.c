// SPDX-License-Identifier: MIT
// Turns what users write (editor settings as JSON, and through toml.c the [tool.reviewls]
// table) into a struct rv_config, finds the pyproject.toml that governs a file, and matches
// exclude globs. Configuration is data: nothing here ever runs a program or loads code.
#include "reviewls/config.h"

#include "config/config_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void rv_config_errors_add(struct rv_config_errors *errs, uint32_t line, uint32_t column,
                          const char *fmt, ...) {
    if (errs == NULL) {
        return;
    }
    struct rv_strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    rv_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    struct rv_config_error e = {
        .line = line,
        .column = column,
        .end_line = line,
        .end_column = column,
        .message = rv_strbuf_take(&sb),
    };
    rv_vec_push(&errs->list, e);
}

void rv_config_errors_finish(struct rv_config_errors *errs) {
    if (errs == NULL) {
        return;
    }
    for (size_t i = 0; i < errs->list.len; i++) {
        free(errs->list.items[i].message);
    }
    rv_vec_finish(&errs->list);
}

/* ------------------------------------------------------------------------------------------ */
/* Layers: one source's selection and severities. */

void rv_config__layer_init(struct rv_config__layer *layer, struct rv_config *cfg,
                           struct rv_config_errors *errs) {
    memset(layer, 0, sizeof(*layer));
    layer->cfg = cfg;
    layer->errs = errs;
}

void rv_config__layer_commit(struct rv_config__layer *layer) {
    struct rv_config *cfg = layer->cfg;
    for (size_t c = 0; c < RV_RULE_CODE_MAX; c++) {
        if (layer->has_select) {
            cfg->selected[c] = layer->select[c];
        }
        if (layer->extend[c]) {
            cfg->selected[c] = true;
        }
        if (layer->ignore[c]) {
            cfg->selected[c] = false;
        }
        if (layer->sev_rule[c]) {
            cfg->severity[c] = layer->sev_rule[c];
        } else if (layer->sev_category[c]) {
            cfg->severity[c] = layer->sev_category[c];
        }
    }
}

// Lower-case kebab form of a key: "max_parameters" and "maxParameters" become
// "max-parameters". Returns a heap string (caller frees).
static char *normalize_key(const char *key) {
    struct rv_strbuf sb = {0};
    for (const char *p = key; *p; p++) {
        if (*p == '_') {
            rv_strbuf_putc(&sb, '-');
        } else if (isupper((unsigned char)*p)) {
            if (p != key && islower((unsigned char)p[-1])) {
                rv_strbuf_putc(&sb, '-');
            }
            rv_strbuf_putc(&sb, (char)tolower((unsigned char)*p));
        } else {
            rv_strbuf_putc(&sb, *p);
        }
    }
    return rv_strbuf_take(&sb);
}

static const char *type_name(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "a table";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a float";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "a value";
}

// Marks every rule that `item` names (a code, a rule name, a category or "all") in `marks`.
static bool mark_rules(bool *marks, const char *item) {
    const struct rv_rule_info *rule = rv_rule_lookup(item);
    enum rv_category cat;
    if (rule) {
        marks[rule->code] = true;
        return true;
    }
    bool all = strcmp(item, "ALL") == 0 || strcmp(item, "all") == 0;
    if (all || rv_category_parse(item, &cat)) {
        for (size_t i = 0; i < rv_rules_count; i++) {
            if (all || rv_rules[i].category == cat) {
                marks[rv_rules[i].code] = true;
            }
        }
        return true;
    }
    return false;
}

// Calls `fn` for each string of an array, or each comma-separated part of a string. Reports
// non-strings; returns false when the value is neither an array nor a string.
static bool for_each_item(struct rv_config__layer *layer, const char *key, const json_t *value,
                          uint32_t line, uint32_t column,
                          void (*fn)(struct rv_config__layer *, const char *, const char *,
                                     uint32_t, uint32_t, void *),
                          void *data) {
    if (json_is_string(value)) {
        char *copy = rv_xstrdup(json_string_value(value));
        for (char *save = NULL, *tok = strtok_r(copy, ", \t", &save); tok;
             tok = strtok_r(NULL, ", \t", &save)) {
            fn(layer, key, tok, line, column, data);
        }
        free(copy);
        return true;
    }
    if (!json_is_array(value)) {
        rv_config_errors_add(layer->errs, line, column, "%s: expected an array of strings, got %s",
                             key, type_name(value));
        return false;
    }
    size_t i;
    const json_t *item;
    json_array_foreach(value, i, item) {
        if (!json_is_string(item)) {
            rv_config_errors_add(layer->errs, line, column,
                                 "%s: item %zu: expected a string, got %s", key, i + 1,
                                 type_name(item));
            continue;
        }
        fn(layer, key, json_string_value(item), line, column, data);
    }
    return true;
}

static void select_item(struct rv_config__layer *layer, const char *key, const char *item,
                        uint32_t line, uint32_t column, void *data) {
    if (!mark_rules(data, item)) {
        rv_config_errors_add(layer->errs, line, column, "%s: unknown rule or category '%s'", key,
                             item);
    }
}

static void exclude_item(struct rv_config__layer *layer, const char *key, const char *item,
                         uint32_t line, uint32_t column, void *data) {
    if (item[0] == '\0') {
        rv_config_errors_add(layer->errs, line, column, "%s: empty pattern", key);
        return;
    }
    rv_vec_push(&layer->cfg->exclude, rv_xstrdup(item));
}

static void apply_setting(struct rv_config__layer *layer, int idx, const char *key,
                          const json_t *value, uint32_t line, uint32_t column) {
    const struct rv_setting_info *s = &rv_settings[idx];
    struct rv_config *cfg = layer->cfg;
    switch (s->type) {
    case RV_SETTING_INT:
        if (!json_is_integer(value)) {
            rv_config_errors_add(layer->errs, line, column, "%s: expected an integer, got %s", key,
                                 type_name(value));
            return;
        }
        if (json_integer_value(value) < 0 || json_integer_value(value) > 1000000000) {
            rv_config_errors_add(layer->errs, line, column,
                                 "%s: %" JSON_INTEGER_FORMAT " is out of range (0 to 1000000000)",
                                 key, json_integer_value(value));
            return;
        }
        cfg->int_values[idx] = (long)json_integer_value(value);
        break;
    case RV_SETTING_BOOL:
        if (!json_is_boolean(value)) {
            rv_config_errors_add(layer->errs, line, column, "%s: expected a boolean, got %s", key,
                                 type_name(value));
            return;
        }
        cfg->int_values[idx] = json_is_true(value);
        break;
    case RV_SETTING_STRING: {
        if (!json_is_string(value)) {
            rv_config_errors_add(layer->errs, line, column, "%s: expected a string, got %s", key,
                                 type_name(value));
            return;
        }
        const char *str = json_string_value(value);
        if (s->choices) {
            bool found = false;
            struct rv_strbuf list = {0};
            for (const char *const *c = s->choices; *c; c++) {
                found = found || strcmp(*c, str) == 0;
                rv_strbuf_printf(&list, "%s\"%s\"", c == s->choices ? "" : ", ", *c);
            }
            if (!found) {
                rv_config_errors_add(layer->errs, line, column, "%s: \"%s\" is not one of %s", key,
                                     str, list.data);
            }
            rv_strbuf_finish(&list);
            if (!found) {
                return;
            }
        }
        free(cfg->str_values[idx]);
        cfg->str_values[idx] = rv_xstrdup(str);
        break;
    }
    }
    cfg->set[idx] = true;
}

void rv_config__apply_severity(struct rv_config__layer *layer, const char *key, const json_t *value,
                               uint32_t line, uint32_t column) {
    enum rv_severity sev;
    if (!json_is_string(value) || !rv_severity_parse(json_string_value(value), &sev)) {
        if (json_is_string(value)) {
            rv_config_errors_add(layer->errs, line, column,
                                 "severity.%s: \"%s\" is not one of \"error\", \"warning\", "
                                 "\"information\", \"hint\"",
                                 key, json_string_value(value));
        } else {
            rv_config_errors_add(layer->errs, line, column,
                                 "severity.%s: expected a string, got %s", key, type_name(value));
        }
        return;
    }
    const struct rv_rule_info *rule = rv_rule_lookup(key);
    if (rule) {
        layer->sev_rule[rule->code] = (uint8_t)sev;
        return;
    }
    bool marks[RV_RULE_CODE_MAX] = {0};
    if (!mark_rules(marks, key)) {
        rv_config_errors_add(layer->errs, line, column, "severity: unknown rule or category '%s'",
                             key);
        return;
    }
    for (size_t c = 0; c < RV_RULE_CODE_MAX; c++) {
        if (marks[c]) {
            layer->sev_category[c] = (uint8_t)sev;
        }
    }
}

void rv_config__apply_key(struct rv_config__layer *layer, const char *raw_key, const json_t *value,
                          uint32_t line, uint32_t column) {
    if (json_is_null(value)) {
        return;
    }
    char *key = normalize_key(raw_key);
    if (strcmp(key, "select") == 0) {
        bool marks[RV_RULE_CODE_MAX] = {0};
        if (for_each_item(layer, key, value, line, column, select_item, marks)) {
            layer->has_select = true;
            memcpy(layer->select, marks, sizeof(marks));
        }
    } else if (strcmp(key, "extend-select") == 0) {
        for_each_item(layer, key, value, line, column, select_item, layer->extend);
    } else if (strcmp(key, "ignore") == 0) {
        for_each_item(layer, key, value, line, column, select_item, layer->ignore);
    } else if (strcmp(key, "exclude") == 0) {
        for_each_item(layer, key, value, line, column, exclude_item, NULL);
    } else if (strcmp(key, "baseline") == 0) {
        if (json_is_string(value) && json_string_value(value)[0]) {
            free(layer->cfg->baseline);
            layer->cfg->baseline = rv_xstrdup(json_string_value(value));
        } else {
            rv_config_errors_add(layer->errs, line, column, "baseline: expected a path, got %s",
                                 json_is_string(value) ? "an empty string" : type_name(value));
        }
    } else if (strcmp(key, "severity") == 0) {
        if (!json_is_object(value)) {
            rv_config_errors_add(layer->errs, line, column, "severity: expected a table, got %s",
                                 type_name(value));
        } else {
            const char *k;
            const json_t *v;
            json_object_foreach((json_t *)value, k, v) {
                rv_config__apply_severity(layer, k, v, line, column);
            }
        }
    } else {
        int idx = rv_setting_index(key);
        if (idx < 0) {
            rv_config_errors_add(layer->errs, line, column, "unknown setting '%s'", raw_key);
        } else {
            apply_setting(layer, idx, raw_key, value, line, column);
        }
    }
    free(key);
}

void rv_config_apply_json(struct rv_config *cfg, const json_t *settings,
                          struct rv_config_errors *errs) {
    if (settings == NULL || json_is_null(settings)) {
        return;
    }
    if (!json_is_object(settings)) {
        rv_config_errors_add(errs, 0, 0, "settings: expected an object, got %s",
                             type_name(settings));
        return;
    }
    const json_t *inner = json_object_get(settings, "reviewls");
    if (inner && json_is_object(inner) && json_object_size(settings) == 1) {
        settings = inner;
    }
    struct rv_config__layer *layer = rv_xmalloc(sizeof(*layer));
    rv_config__layer_init(layer, cfg, errs);
    const char *key;
    const json_t *value;
    json_object_foreach((json_t *)settings, key, value) {
        rv_config__apply_key(layer, key, value, 0, 0);
    }
    rv_config__layer_commit(layer);
    free(layer);
}

/* ------------------------------------------------------------------------------------------ */
/* Files. */

int rv_config_load_pyproject(struct rv_config *cfg, const char *path,
                             struct rv_config_errors *errs) {
    struct stat st;
    if (stat(path, &st) != 0) {
        return -errno;
    }
    if (!S_ISREG(st.st_mode)) {
        return -EISDIR;
    }
    if (st.st_size > RV_CONFIG_MAX_TOML_BYTES) {
        rv_config_errors_add(errs, 1, 1, "file is larger than %d bytes; ignored",
                             RV_CONFIG_MAX_TOML_BYTES);
        return -EFBIG;
    }
    char *bytes = NULL;
    size_t len = 0;
    int err = rv_read_file(path, &bytes, &len);
    if (err != 0) {
        return err;
    }
    if (rv_config_apply_toml(cfg, bytes, len, errs) != 0) {
        err = -EINVAL;
    }
    free(bytes);
    return err;
}

char *rv_config__absolute(const char *path) {
    struct rv_strbuf sb = {0};
    if (path[0] != '/') {
        char cwd[4096];
        if (getcwd(cwd, sizeof(cwd)) != NULL) {
            rv_strbuf_puts(&sb, cwd);
        }
    }
    rv_strbuf_putc(&sb, '/');
    rv_strbuf_puts(&sb, path);
    // Lexical clean-up: drop "." and empty components, fold "..". Symbolic links are kept as
    // written, so a link's configuration is the one above the link.
    char *in = rv_strbuf_take(&sb);
    char *out = rv_xmalloc(strlen(in) + 2);
    size_t n = 0;
    for (char *p = in; *p;) {
        while (*p == '/') {
            p++;
        }
        char *end = p;
        while (*end && *end != '/') {
            end++;
        }
        size_t clen = (size_t)(end - p);
        if (clen == 0 || (clen == 1 && p[0] == '.')) {
            // nothing
        } else if (clen == 2 && p[0] == '.' && p[1] == '.') {
            while (n > 0 && out[n - 1] != '/') {
                n--;
            }
            if (n > 0) {
                n--;
            }
        } else {
            out[n++] = '/';
            memcpy(out + n, p, clen);
            n += clen;
        }
        p = end;
    }
    if (n == 0) {
        out[n++] = '/';
    }
    out[n] = '\0';
    free(in);
    return out;
}

char *rv_config_find_pyproject(const char *path) {
    char *dir = rv_config__absolute(path);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        slash[slash == dir ? 1 : 0] = '\0';
    }
    for (;;) {
        char *candidate = rv_xasprintf("%s%spyproject.toml", dir, strcmp(dir, "/") ? "/" : "");
        if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode)) {
            free(dir);
            return candidate;
        }
        free(candidate);
        if (strcmp(dir, "/") == 0) {
            break;
        }
        char *slash = strrchr(dir, '/');
        slash[slash == dir ? 1 : 0] = '\0';
    }
    free(dir);
    return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Globs. */

// Matches a bracket expression at *pp against c; advances *pp past it. Returns -1 when the
// bracket is not closed (then '[' is literal).
static int match_class(const char **pp, char c) {
    const char *p = *pp + 1;
    bool negate = *p == '!' || *p == '^';
    if (negate) {
        p++;
    }
    bool hit = false;
    bool first = true;
    while (*p && (first || *p != ']')) {
        char lo = *p;
        if (lo == '\\' && p[1]) {
            lo = *++p;
        }
        char hi = lo;
        if (p[1] == '-' && p[2] && p[2] != ']') {
            hi = p[2];
            p += 2;
        }
        if (lo <= c && c <= hi) {
            hit = true;
        }
        p++;
        first = false;
    }
    if (*p != ']') {
        return -1;
    }
    *pp = p + 1;
    return hit != negate;
}

// Backtracking over stars is exponential ("*a*a*a*a*b" against a long run of a's takes
// hours), and patterns come from pyproject.toml and .gitignore files of projects reviewls did
// not write. So each (pattern, subject) position that failed is remembered, and no position
// is tried twice: at most |pattern| * |subject| calls.
struct glob_memo {
    const char *p0;
    const char *s0;
    size_t s_len;
    unsigned char *failed; /* (p - p0) * (s_len + 1) + (s - s0), or NULL before any star */
};

static bool glob_match_at(struct glob_memo *m, const char *p, const char *s);

// Tries a star's alternative, consulting and filling the memo.
static bool glob_try(struct glob_memo *m, const char *p, const char *s) {
    if (m->failed == NULL) {
        m->failed = rv_xcalloc((strlen(m->p0) + 1) * (m->s_len + 1), 1);
    }
    size_t cell = (size_t)(p - m->p0) * (m->s_len + 1) + (size_t)(s - m->s0);
    if (m->failed[cell]) {
        return false;
    }
    bool hit = glob_match_at(m, p, s);
    if (!hit) {
        m->failed[cell] = 1;
    }
    return hit;
}

// fnmatch-like: '*' and '?' stay within a path component, "**" crosses components, and "**/"
// also matches no directory at all. Recursion depth is bounded by the pattern's stars.
static bool glob_match_at(struct glob_memo *m, const char *p, const char *s) {
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            while (*p == '*') {
                p++;
            }
            if (*p == '/') {
                // Collapse "**/**/" runs: they match the same as one.
                while (p[1] == '*' && p[2] == '*' && p[3] == '/') {
                    p += 3;
                }
                if (glob_try(m, p + 1, s)) {
                    return true;
                }
                for (const char *q = s; *q; q++) {
                    if (*q == '/' && glob_try(m, p + 1, q + 1)) {
                        return true;
                    }
                }
                return false;
            }
            for (const char *q = s;; q++) {
                if (glob_try(m, p, q)) {
                    return true;
                }
                if (*q == '\0') {
                    return false;
                }
            }
        }
        if (*p == '*') {
            while (*p == '*') {
                p++;
            }
            for (const char *q = s;; q++) {
                if (glob_try(m, p, q)) {
                    return true;
                }
                if (*q == '\0' || *q == '/') {
                    return false;
                }
            }
        }
        if (*s == '\0') {
            return false;
        }
        if (*p == '?') {
            if (*s == '/') {
                return false;
            }
            p++;
            s++;
            continue;
        }
        if (*p == '[' && *s != '/') {
            const char *q = p;
            int r = match_class(&q, *s);
            if (r == 0) {
                return false;
            }
            if (r == 1) {
                p = q;
                s++;
                continue;
            }
        }
        if (*p == '\\' && p[1]) {
            p++;
        }
        if (*p != *s) {
            return false;
        }
        p++;
        s++;
    }
    return *s == '\0';
}

static bool glob_match(const char *p, const char *s) {
    struct glob_memo m = {.p0 = p, .s0 = s, .s_len = strlen(s)};
    bool hit = glob_match_at(&m, p, s);
    free(m.failed);
    return hit;
}

bool rv_config_glob_match(const char *pattern, const char *path) {
    return glob_match(pattern, path);
}

// Tries `pat` against `rel` and each of its ancestors ("a/b/c.py", "a/b", "a"); with
// `basename_only`, against each component alone. `dir_only` patterns (a trailing '/') skip
// the path itself unless it names a directory (ends with '/').
static bool match_prefixes(const char *pat, const char *rel, bool basename_only, bool dir_only) {
    size_t len = strlen(rel);
    bool rel_is_dir = len > 0 && rel[len - 1] == '/';
    char *buf = rv_xstrndup(rel, rel_is_dir ? len - 1 : len);
    bool hit = false;
    for (;;) {
        char *slash = strrchr(buf, '/');
        const char *subject = basename_only && slash ? slash + 1 : buf;
        if ((!dir_only || rel_is_dir) && buf[0] && glob_match(pat, subject)) {
            hit = true;
            break;
        }
        if (slash == NULL) {
            break;
        }
        *slash = '\0';
        rel_is_dir = true;
    }
    free(buf);
    return hit;
}

bool rv_config_excluded(const struct rv_config *cfg, const char *path, const char *root) {
    if (cfg == NULL || cfg->exclude.len == 0 || path == NULL) {
        return false;
    }
    size_t plen = strlen(path);
    bool is_dir = plen > 0 && path[plen - 1] == '/';
    char *abs = rv_config__absolute(path);
    if (is_dir && strcmp(abs, "/") != 0) {
        char *with = rv_xasprintf("%s/", abs);
        free(abs);
        abs = with;
    }
    // The path relative to root, when it lies below it; else the absolute path.
    const char *rel = NULL;
    char *root_abs = root ? rv_config__absolute(root) : NULL;
    if (root_abs) {
        size_t rlen = strlen(root_abs);
        if (strcmp(root_abs, "/") == 0) {
            rel = abs + 1;
        } else if (strncmp(abs, root_abs, rlen) == 0 && abs[rlen] == '/') {
            rel = abs + rlen + 1;
        } else {
            rel = NULL;
        }
    }
    bool hit = false;
    for (size_t i = 0; i < cfg->exclude.len && !hit; i++) {
        const char *raw = cfg->exclude.items[i];
        size_t n = strlen(raw);
        bool dir_only = n > 1 && raw[n - 1] == '/';
        char *pat = rv_xstrndup(raw, dir_only ? n - 1 : n);
        if (pat[0] == '/') {
            // Absolute: matched against the absolute path.
            hit = match_prefixes(pat + 1, abs + 1, false, dir_only);
        } else {
            const char *strip = pat;
            while (strip[0] == '.' && strip[1] == '/') {
                strip += 2;
            }
            // No slash: the pattern names a file or directory at any depth (like .gitignore).
            bool basename_only = strchr(strip, '/') == NULL;
            if (rel != NULL) {
                hit = match_prefixes(strip, rel, basename_only, dir_only);
            } else if (basename_only && !dir_only) {
                // Outside the root only the file's own name is tried: the directories above
                // a project are not the project's business.
                const char *base = strrchr(abs, '/');
                hit = base[1] && glob_match(strip, base + 1);
            }
        }
        free(pat);
    }
    free(root_abs);
    free(abs);
    return hit;
}
