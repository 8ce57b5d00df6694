// SPDX-License-Identifier: MIT
// The function-naming family: cryptic function names (too short, or made of abbreviations with
// no vowels) and non-test names over the length limit. It judges each definition once and leaves
// test functions, dunders and names a framework imposes alone.
#include "reviewls/analysis.h"

#include <stdio.h>
#include <string.h>

static bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

static bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

static char to_lower(char c) {
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

static bool word_eq(const char *s, size_t len, const char *lit) {
    if (strlen(lit) != len) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (to_lower(s[i]) != lit[i]) {
            return false;
        }
    }
    return true;
}

static bool in_list(const char *s, size_t len, const char *const *list) {
    for (size_t i = 0; list[i] != NULL; i++) {
        if (word_eq(s, len, list[i])) {
            return true;
        }
    }
    return false;
}

// Abbreviations and acronyms without vowels that every Python reader knows.
static const char *const known_words[] = {
    "db",  "sql", "xml",  "html", "cmd",  "str",  "http", "https", "ssh",  "ssl",  "tls",  "tcp",
    "udp", "dns", "rpc",  "grpc", "pdf",  "csv",  "tsv",  "txt",   "png",  "jpg",  "svg",  "css",
    "js",  "rgb", "rgba", "hsv",  "dt",   "tz",   "fs",   "vm",    "vms",  "ws",   "www",  "src",
    "dst", "msg", "msgs", "ctx",  "pkg",  "pkgs", "pwd",  "cwd",   "sh",   "nfs",  "lvm",  "crc",
    "md",  "jwt", "smtp", "ftp",  "sftp", "dhcp", "nth",  "kw",    "kwds", "fn",   "cb",   "ts",
    "pk",  "qs",  "rst",  "lsb",  "msb",  "hdd",  "ssd",  "nvm",   "cls",  "mcs",  "std",  "pty",
    "tty", "pid", "ppid", "gpg",  "mtls", "pct",  "mb",   "gb",    "kb",   "tb",   "ms",   "ns",
    "px",  "ok",  "hmm",  "pw",   "ldr",  "ptr",  "xss",  "csrf",  "cdn",  "wsgi", "scss", "sdk",
    "cpp", "rfc", "nr",   NULL,
};

// Two-letter names that are complete words, or operator and protocol names (`or_`, `id`).
static const char *const short_names[] = {
    "id", "up", "ok", "eq", "ne", "lt", "le", "gt", "ge", "or", "in", "is", "to", NULL,
};

static bool has_vowel(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        switch (to_lower(s[i])) {
        case 'a':
        case 'e':
        case 'i':
        case 'o':
        case 'u':
        case 'y':
            return true;
        default:
            break;
        }
    }
    return false;
}

struct word {
    const char *s;
    size_t len;
};

#define MAX_WORDS 32

// Splits a name into words at underscores and lowercase-to-uppercase changes; digits end a
// word (`md5` -> `md`, `5`), which is enough to judge readability.
static size_t split_words(const char *s, size_t len, struct word *out) {
    size_t n = 0;
    size_t i = 0;
    while (i < len && n < MAX_WORDS) {
        while (i < len && !is_lower(s[i]) && !is_upper(s[i])) {
            i++;
        }
        if (i >= len) {
            break;
        }
        size_t start = i++;
        while (i < len && (is_lower(s[i]) || is_upper(s[i])) &&
               !(is_upper(s[i]) && is_lower(s[i - 1]))) {
            i++;
        }
        out[n].s = s + start;
        out[n].len = i - start;
        n++;
    }
    return n;
}

// Methods whose names a base class or protocol imposes; renaming them would break the override.
static bool imposed(const struct rv_function *fn, const char *s, size_t len) {
    if (fn->is_override_hook) {
        return true;
    }
    static const char *const methods[] = {
        "setUp",      "tearDown",      "setUpClass", "tearDownClass",
        "asyncSetUp", "asyncTearDown", "id",         NULL};
    for (size_t i = 0; methods[i] != NULL; i++) {
        if (strlen(methods[i]) == len && memcmp(methods[i], s, len) == 0) {
            return true;
        }
    }
    // http.server's do_GET and ast.NodeVisitor's visit_* hooks carry a fixed prefix.
    return fn->is_method &&
           ((len > 3 && memcmp(s, "do_", 3) == 0) || (len > 6 && memcmp(s, "visit_", 6) == 0));
}

// Returns the first definition of this name in its scope: overloads and property setters repeat
// a name, and the reader meets it once.
static bool first_definition(const struct rv_model *m, const struct rv_function *fn,
                             size_t *cursor) {
    uint32_t target = ts_node_start_byte(fn->name);
    while (*cursor < m->bindings.len) {
        const struct rv_binding *b = &m->bindings.items[*cursor];
        bool def = b->kind == RV_BIND_FUNCTION || b->kind == RV_BIND_METHOD;
        if (def && ts_node_start_byte(b->name) >= target) {
            return ts_node_eq(b->name, fn->name) ? b->first_in_scope : true;
        }
        (*cursor)++;
    }
    return true;
}

static void check_cryptic(const struct rv_rule_ctx *ctx, const struct rv_function *fn,
                          const char *name, size_t len, struct rv_findings *out) {
    // Judge the name without its privacy underscores.
    const char *core = name;
    size_t core_len = len;
    while (core_len > 0 && core[0] == '_') {
        core++;
        core_len--;
    }
    while (core_len > 0 && core[core_len - 1] == '_') {
        core_len--;
    }
    if (core_len == 0) {
        return;
    }
    uint32_t start = ts_node_start_byte(fn->name);
    uint32_t end = ts_node_end_byte(fn->name);
    long min_len = rv_config_int(ctx->config, "min-function-name-length");
    if ((long)core_len < min_len) {
        if (!in_list(core, core_len, short_names)) {
            rv_findings_add(out, 151, start, end,
                            "`%.*s` is %zu character%s long (minimum %ld): name what the "
                            "function does",
                            (int)len, name, core_len, core_len == 1 ? "" : "s", min_len);
        }
        return;
    }
    struct word words[MAX_WORDS];
    size_t n = split_words(core, core_len, words);
    size_t judged = 0;
    size_t cryptic = 0;
    char list[160] = "";
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (words[i].len < 2) {
            continue; // get_x, a_b: single letters are judged by variable-naming, not here
        }
        judged++;
        if (!has_vowel(words[i].s, words[i].len) &&
            !in_list(words[i].s, words[i].len, known_words)) {
            cryptic++;
            if (used + words[i].len + 5 < sizeof(list)) {
                int w = snprintf(list + used, sizeof(list) - used, "%s`%.*s`", used ? ", " : "",
                                 (int)words[i].len, words[i].s);
                used += w > 0 ? (size_t)w : 0;
            }
        }
    }
    // Cryptic when most of the name is abbreviations: `mk_cfg`, `prc`; `load_cfg` still reads.
    if (cryptic > 0 && cryptic * 2 > judged) {
        if (cryptic == 1 && judged == 1) {
            rv_findings_add(out, 151, start, end,
                            "`%.*s` is an abbreviation with no vowels that the reader must "
                            "decode: spell out what the function does",
                            (int)len, name);
        } else {
            rv_findings_add(out, 151, start, end,
                            "`%.*s` is made of abbreviations (%s) that the reader must decode: "
                            "spell out what the function does",
                            (int)len, name, list);
        }
    }
}

void rv_check_function_naming(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    const struct rv_model *m = ctx->model;
    long max_len = rv_config_int(ctx->config, "max-function-name-length");
    size_t cursor = ctx->bindings_first; // a definition's binding lies in its unit's window
    for (size_t i = ctx->functions_first; i < ctx->functions_end; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        // Every finding starts at the name, and no other function's judgement reads this one:
        // outside an incremental run's range there is nothing to do (the cursor below catches
        // up at the next function judged).
        if (ts_node_is_null(fn->name) || fn->is_test ||
            !rv_ctx_wants(ctx, ts_node_start_byte(fn->name))) {
            continue;
        }
        if (!first_definition(m, fn, &cursor)) {
            continue;
        }
        size_t len;
        const char *name = rv_node_text(ctx->text, fn->name, &len);
        if (len >= 4 && name[0] == '_' && name[1] == '_' && name[len - 1] == '_' &&
            name[len - 2] == '_') {
            continue; // dunders are the language's names
        }
        if (imposed(fn, name, len)) {
            continue;
        }
        check_cryptic(ctx, fn, name, len, out);
        if ((long)len > max_len) {
            rv_findings_add(out, 152, ts_node_start_byte(fn->name), ts_node_end_byte(fn->name),
                            "`%.*s` is %zu characters long (limit %ld): name what the function "
                            "is for, not how it works, or split it",
                            (int)len, name, len, max_len);
        }
    }
}
