// SPDX-License-Identifier: MIT
// Helpers of the security family: import-aware dotted names, call arguments and literals.
// Everything reads the tree and text only; nothing here evaluates or imports the code it reads.
#include "security_util.h"

#include "kinds.h"
#include "reviewls/parse.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// The symbols named "interpolation" (aliases may give a name several), found once.
static TSSymbol interpolation_symbols[4];
static size_t interpolation_count;
static bool interpolation_overflow; /* more than fit: compare names instead */

static void find_interpolation(void) {
    const TSLanguage *lang = tree_sitter_python();
    uint32_t count = ts_language_symbol_count(lang);
    for (uint32_t sym = 0; sym < count; sym++) {
        const char *name = ts_language_symbol_name(lang, (TSSymbol)sym);
        if (name == NULL || strcmp(name, "interpolation") != 0) {
            continue;
        }
        if (interpolation_count == RV_ARRAY_LEN(interpolation_symbols)) {
            interpolation_overflow = true;
        } else {
            interpolation_symbols[interpolation_count++] = (TSSymbol)sym;
        }
    }
}

bool rv_sec__is_interpolation_symbol(TSSymbol sym) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, find_interpolation);
    if (interpolation_overflow) {
        return strcmp(ts_language_symbol_name(tree_sitter_python(), sym), "interpolation") == 0;
    }
    for (size_t i = 0; i < interpolation_count; i++) {
        if (interpolation_symbols[i] == sym) {
            return true;
        }
    }
    return false;
}

TSNode rv_sec__field(TSNode node, const char *name) {
    // A binary search over the grammar's sorted field names, not tree-sitter's linear scan.
    return ts_node_child_by_field_id(node, rv_field_id_by_name(name));
}

bool rv_sec__is(TSNode node, const char *type) {
    return !ts_node_is_null(node) && strcmp(ts_node_type(node), type) == 0;
}

static bool text_eq(const char *s, size_t len, const char *lit) {
    // The first byte rejects most names before strlen reads the whole literal.
    if (len == 0) {
        return lit[0] == '\0';
    }
    return lit[0] == s[0] && strlen(lit) == len && memcmp(s, lit, len) == 0;
}

// Appends `s` (len bytes) to buf at *pos; false when it does not fit.
static bool append(char *buf, size_t cap, size_t *pos, const char *s, size_t len) {
    if (*pos + len + 1 > cap) {
        return false;
    }
    memcpy(buf + *pos, s, len);
    *pos += len;
    buf[*pos] = '\0';
    return true;
}

// Writes what the local name `head` stands for: the import that binds it, else itself.
static bool resolve_head(const struct rv_rule_ctx *ctx, const char *head, size_t head_len,
                         char *buf, size_t cap, size_t *pos) {
    const struct rv_model *m = ctx->model;
    // The last import binding the name wins, as at run time for top-level imports.
    for (size_t i = m->imports.len; i-- > 0;) {
        const struct rv_import *imp = &m->imports.items[i];
        if (imp->local == NULL || !text_eq(head, head_len, imp->local)) {
            continue;
        }
        if (imp->name != NULL) {
            return append(buf, cap, pos, imp->module, strlen(imp->module)) &&
                   append(buf, cap, pos, ".", 1) &&
                   append(buf, cap, pos, imp->name, strlen(imp->name));
        }
        size_t mlen = strlen(imp->module);
        // `import os.path` binds `os` to the package `os`, not to `os.path`.
        if (mlen > head_len && memcmp(imp->module, head, head_len) == 0 &&
            imp->module[head_len] == '.') {
            return append(buf, cap, pos, head, head_len);
        }
        return append(buf, cap, pos, imp->module, mlen);
    }
    return append(buf, cap, pos, head, head_len);
}

bool rv_sec__qualify_parts(const struct rv_rule_ctx *ctx, TSNode head, const TSNode *parts,
                           size_t n, char *buf, size_t cap) {
    size_t pos = 0;
    size_t len;
    const char *text = rv_node_text(ctx->text, head, &len);
    buf[0] = '\0';
    if (!resolve_head(ctx, text, len, buf, cap, &pos)) {
        return false;
    }
    while (n > 0) {
        TSNode part = parts[--n];
        if (ts_node_is_null(part)) {
            return false;
        }
        const char *s = rv_node_text(ctx->text, part, &len);
        if (!append(buf, cap, &pos, ".", 1) || !append(buf, cap, &pos, s, len)) {
            return false;
        }
    }
    return true;
}

bool rv_sec__qualify(const struct rv_rule_ctx *ctx, TSNode expr, char *buf, size_t cap) {
    TSNode parts[RV_SEC_QUALIFY_PARTS];
    size_t n = 0;
    TSNode cur = expr;
    while (rv_is(cur, RV_K_ATTRIBUTE)) {
        if (n == RV_ARRAY_LEN(parts) - 1) {
            return false;
        }
        parts[n++] = rv_field(cur, RV_F_ATTRIBUTE);
        cur = rv_field(cur, RV_F_OBJECT);
    }
    if (!rv_is(cur, RV_K_IDENTIFIER)) {
        return false;
    }
    return rv_sec__qualify_parts(ctx, cur, parts, n, buf, cap);
}

bool rv_sec__imports(const struct rv_rule_ctx *ctx, const char *module) {
    size_t mlen = strlen(module);
    for (size_t i = 0; i < ctx->model->imports.len; i++) {
        const char *got = ctx->model->imports.items[i].module;
        if (got != NULL && strncmp(got, module, mlen) == 0 &&
            (got[mlen] == '\0' || got[mlen] == '.')) {
            return true;
        }
    }
    return false;
}

TSNode rv_sec__kwarg(const struct rv_rule_ctx *ctx, TSNode call, const char *name) {
    TSNode null_node = {0};
    TSNode args = rv_field(call, RV_F_ARGUMENTS);
    if (!rv_is(args, RV_K_ARGUMENT_LIST)) {
        return null_node;
    }
    uint32_t n = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < n; i++) {
        TSNode arg = ts_node_named_child(args, i);
        if (!rv_is(arg, RV_K_KEYWORD_ARGUMENT)) {
            continue;
        }
        TSNode key = rv_field(arg, RV_F_NAME);
        if (!ts_node_is_null(key) && rv_node_text_eq(ctx->text, key, name)) {
            return rv_field(arg, RV_F_VALUE);
        }
    }
    return null_node;
}

TSNode rv_sec__posarg(TSNode call, uint32_t index) {
    TSNode null_node = {0};
    TSNode args = rv_field(call, RV_F_ARGUMENTS);
    if (!rv_is(args, RV_K_ARGUMENT_LIST)) {
        return null_node;
    }
    uint32_t n = ts_node_named_child_count(args);
    uint32_t seen = 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode arg = ts_node_named_child(args, i);
        enum rv_kind kind = rv_kind(arg);
        if (kind == RV_K_COMMENT) {
            continue;
        }
        if (kind == RV_K_KEYWORD_ARGUMENT || kind == RV_K_LIST_SPLAT ||
            (kind == RV_K_OTHER && strcmp(ts_node_type(arg), "dictionary_splat") == 0)) {
            return null_node; // positions after a splat are unknown
        }
        if (seen++ == index) {
            return arg;
        }
    }
    return null_node;
}

static bool string_has_interpolation(TSNode node) {
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++) {
        if (rv_sec__is_interpolation_symbol(ts_node_symbol(ts_node_named_child(node, i)))) {
            return true;
        }
    }
    return false;
}

bool rv_sec__is_plain_string(TSNode node) {
    if (rv_is(node, RV_K_STRING)) {
        return !string_has_interpolation(node);
    }
    if (rv_is(node, RV_K_CONCATENATED_STRING)) {
        uint32_t n = ts_node_named_child_count(node);
        for (uint32_t i = 0; i < n; i++) {
            TSNode part = ts_node_named_child(node, i);
            if (rv_is(part, RV_K_STRING) && string_has_interpolation(part)) {
                return false;
            }
        }
        return true;
    }
    return false;
}

bool rv_sec__is_fstring(TSNode node) {
    if (rv_is(node, RV_K_STRING)) {
        return string_has_interpolation(node);
    }
    if (rv_is(node, RV_K_CONCATENATED_STRING)) {
        return !rv_sec__is_plain_string(node);
    }
    return false;
}

static TSNode first_string(TSNode node) {
    if (rv_is(node, RV_K_CONCATENATED_STRING)) {
        return ts_node_named_child(node, 0);
    }
    return node;
}

bool rv_sec__is_bytes(const struct rv_rule_ctx *ctx, TSNode node) {
    TSNode s = first_string(node);
    if (!rv_is(s, RV_K_STRING) || ts_node_child_count(s) == 0) {
        return false;
    }
    size_t len;
    const char *p = rv_node_text(ctx->text, ts_node_child(s, 0), &len);
    for (size_t i = 0; i < len; i++) {
        if (p[i] == 'b' || p[i] == 'B') {
            return true;
        }
    }
    return false;
}

const char *rv_sec__string_content(const struct rv_rule_ctx *ctx, TSNode node, size_t *len) {
    TSNode s = first_string(node);
    uint32_t n = rv_is(s, RV_K_STRING) ? ts_node_child_count(s) : 0;
    if (n < 2) {
        *len = 0;
        return "";
    }
    uint32_t start = ts_node_end_byte(ts_node_child(s, 0));
    uint32_t end = ts_node_start_byte(ts_node_child(s, n - 1));
    if (end < start || end > ctx->text->len) {
        *len = 0;
        return "";
    }
    *len = end - start;
    return ctx->text->bytes + start;
}

int rv_sec__truth(const struct rv_rule_ctx *ctx, TSNode node) {
    if (ts_node_is_null(node)) {
        return -1;
    }
    const char *type = ts_node_type(node);
    if (strcmp(type, "true") == 0) {
        return 1;
    }
    if (strcmp(type, "false") == 0 || strcmp(type, "none") == 0) {
        return 0;
    }
    if (strcmp(type, "integer") == 0) {
        size_t len;
        const char *s = rv_node_text(ctx->text, node, &len);
        for (size_t i = 0; i < len; i++) {
            if (s[i] != '0' && s[i] != '_' && s[i] != 'x' && s[i] != 'o' && s[i] != 'b' &&
                s[i] != 'X' && s[i] != 'O' && s[i] != 'B') {
                return 1;
            }
        }
        return 0;
    }
    if (rv_sec__is_plain_string(node)) {
        size_t len;
        rv_sec__string_content(ctx, node, &len);
        return len > 0 || rv_is(node, RV_K_CONCATENATED_STRING) ? 1 : 0;
    }
    return -1;
}

const char *rv_sec__snippet(const struct rv_rule_ctx *ctx, TSNode node, char *buf, size_t cap) {
    size_t len;
    const char *s = rv_node_text(ctx->text, node, &len);
    size_t out = 0;
    bool space = false;
    if (cap < 5) {
        if (cap) {
            buf[0] = '\0';
        }
        return buf;
    }
    // Room is always kept for "..." and the NUL: out + need + 4 <= cap.
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c)) {
            space = out > 0;
            continue;
        }
        size_t need = space ? 2 : 1;
        if (out + need + 4 > cap) {
            memcpy(buf + out, "...", 3);
            out += 3;
            break;
        }
        if (space) {
            buf[out++] = ' ';
            space = false;
        }
        buf[out++] = (char)c;
    }
    buf[out] = '\0';
    return buf;
}

static int span_cmp(const void *a, const void *b) {
    const struct rv_sec__span *x = a;
    const struct rv_sec__span *y = b;
    if (x->start != y->start) {
        return x->start < y->start ? -1 : 1;
    }
    return x->end > y->end ? -1 : x->end < y->end; // the outer of two equal starts first
}

// The spans of the test functions and classes, sorted, with those inside another dropped: the
// definitions are nodes of one tree, so two spans either nest or are disjoint, and what is left
// is disjoint. Cost: one pass over the definitions and a sort, once per analysis.
static void build_tests(const struct rv_model *m, struct rv_sec__tests *tests) {
    tests->built = true;
    RV_VEC(struct rv_sec__span) all = {0};
    for (size_t i = 0; i < m->functions.len; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        if (fn->is_test) {
            struct rv_sec__span sp = {ts_node_start_byte(fn->node), ts_node_end_byte(fn->node)};
            rv_vec_push(&all, sp);
        }
    }
    for (size_t i = 0; i < m->classes.len; i++) {
        const struct rv_class *c = &m->classes.items[i];
        if (c->is_test) {
            struct rv_sec__span sp = {ts_node_start_byte(c->node), ts_node_end_byte(c->node)};
            rv_vec_push(&all, sp);
        }
    }
    if (all.len > 1) {
        qsort(all.items, all.len, sizeof(all.items[0]), span_cmp);
    }
    for (size_t i = 0; i < all.len; i++) {
        if (tests->spans.len == 0 ||
            all.items[i].start >= tests->spans.items[tests->spans.len - 1].end) {
            rv_vec_push(&tests->spans, all.items[i]);
        }
    }
    rv_vec_finish(&all);
}

bool rv_sec__in_test(const struct rv_rule_ctx *ctx, struct rv_sec__tests *tests, TSNode node) {
    if (ctx->is_test_file) {
        return true;
    }
    if (!tests->built) {
        build_tests(ctx->model, tests);
    }
    // The last span starting at or before the node is the only one that can hold it.
    uint32_t at = ts_node_start_byte(node);
    size_t lo = 0;
    size_t hi = tests->spans.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tests->spans.items[mid].start <= at) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo > 0 && at < tests->spans.items[lo - 1].end;
}

void rv_sec__tests_finish(struct rv_sec__tests *tests) {
    rv_vec_finish(&tests->spans);
    tests->built = false;
}
