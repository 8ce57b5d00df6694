// SPDX-License-Identifier: MIT
// The module model: one iterative walk of the tree collects every definition, parameter,
// binding, import, call and comment, so that the rule families share one traversal. The walk
// uses a cursor and an explicit scope stack: deeply nested input cannot overflow the C stack.
#include "analysis_internal.h"
#include "kinds.h"
#include "reviewls/analysis.h"
#include "reviewls/parse.h"

#include <assert.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

const char *rv_node_text(const struct rv_text *text, TSNode node, size_t *len) {
    uint32_t start = ts_node_start_byte(node);
    uint32_t end = ts_node_end_byte(node);
    if (start > text->len) {
        start = (uint32_t)text->len;
    }
    if (end > text->len) {
        end = (uint32_t)text->len;
    }
    *len = end > start ? end - start : 0;
    return text->bytes + start;
}

bool rv_node_text_eq(const struct rv_text *text, TSNode node, const char *s) {
    size_t len;
    const char *p = rv_node_text(text, node, &len);
    return strlen(s) == len && memcmp(p, s, len) == 0;
}

char *rv_node_strdup(const struct rv_text *text, TSNode node) {
    size_t len;
    const char *p = rv_node_text(text, node, &len);
    return rv_xstrndup(p, len);
}

bool rv_node_is(TSNode node, const char *type) {
    return !ts_node_is_null(node) && strcmp(ts_node_type(node), type) == 0;
}

bool rv_str_eq(const char *s, size_t len, const char *lit) {
    return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

bool rv_str_in_list(const char *s, size_t len, const char *const *list) {
    // The first byte rules out most entries before any strlen (lists run to a hundred names).
    char first = len ? s[0] : '\0';
    for (size_t i = 0; list[i] != NULL; i++) {
        if (list[i][0] == first && rv_str_eq(s, len, list[i])) {
            return true;
        }
    }
    return false;
}

/* A word set's table: open addressing by the word's hash, each slot a word's index + 1 (0 is
 * empty) and its length, at least twice as many slots as words. */
struct rv_word_slot {
    uint16_t index;
    uint16_t len;
};

struct rv_word_table {
    size_t mask;
    struct rv_word_slot slots[];
};

static size_t word_hash(const char *s, size_t len) {
    uint64_t h = rv_hash_bytes(s, len, 0);
    return (size_t)(h ^ h >> 29); // the low bits pick the slot: fold the high ones in
}

static struct rv_word_table *word_table_build(const char *const *words) {
    size_t n = 0;
    while (words[n] != NULL) {
        n++;
    }
    size_t cap = 16;
    while (cap < 2 * n) {
        cap *= 2;
    }
    struct rv_word_table *t =
        rv_xcalloc(1, sizeof(struct rv_word_table) + cap * sizeof(struct rv_word_slot));
    t->mask = cap - 1;
    for (size_t i = 0; i < n && i < UINT16_MAX; i++) {
        size_t len = strlen(words[i]);
        size_t j = word_hash(words[i], len) & t->mask;
        while (t->slots[j].index != 0) {
            j = (j + 1) & t->mask;
        }
        t->slots[j] = (struct rv_word_slot){(uint16_t)(i + 1), (uint16_t)RV_MIN(len, UINT16_MAX)};
    }
    return t;
}

bool rv_word_set_has(struct rv_word_set *set, const char *s, size_t len) {
    struct rv_word_table *t = atomic_load_explicit(&set->table, memory_order_acquire);
    if (t == NULL) {
        struct rv_word_table *mine = word_table_build(set->words);
        if (atomic_compare_exchange_strong_explicit(&set->table, &t, mine, memory_order_acq_rel,
                                                    memory_order_acquire)) {
            t = mine;
        } else {
            free(mine); // another thread built it first: t is its table
        }
    }
    for (size_t j = word_hash(s, len) & t->mask; t->slots[j].index != 0; j = (j + 1) & t->mask) {
        const struct rv_word_slot *slot = &t->slots[j];
        if (slot->len == len && memcmp(set->words[slot->index - 1], s, len) == 0) {
            return true;
        }
    }
    return false;
}

bool rv_str_has_suffix(const char *s, size_t len, const char *suffix) {
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

bool rv_path_is_test(const char *path) {
    if (path == NULL) {
        return false;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t blen = strlen(base);
    if (strncmp(base, "test_", 5) == 0 || rv_str_has_suffix(base, blen, "_test.py") ||
        strcmp(base, "conftest.py") == 0 || strcmp(base, "tests.py") == 0) {
        return true;
    }
    // A folder named tests or test anywhere on the path.
    for (const char *p = path; p < base; p++) {
        if (p == path || p[-1] == '/') {
            if (strncmp(p, "tests/", 6) == 0 || strncmp(p, "test/", 5) == 0) {
                return true;
            }
        }
    }
    return false;
}

/* ------------------------------------------------------------------------------------------ */

struct scope {
    uint32_t depth;      /* cursor depth of the node that opened it */
    int32_t function;    /* innermost function, or -1 */
    int32_t class_index; /* innermost class, or -1 */
    bool in_class_body;  /* directly in a class body (not inside a method) */
};

struct in_place;
static bool in_place_walking(const struct in_place *ip);

/* A walked unit's old twin, whose statements the walk may copy instead of walking them again:
 * those of the bodies it passes through (a function's, a class's first) that the incremental
 * parse took over unchanged from the old tree (sub_copy). */
struct sub {
    struct rv_model *old;             /* the old model (in place, its view of the vectors) */
    uint32_t first[RV_MODEL_VECTORS]; /* the twin's records in it */
    uint32_t end[RV_MODEL_VECTORS];
    uint32_t at[RV_MODEL_VECTORS]; /* the first of them the walk has not passed yet */
    const TSInputEdit *edit;       /* the one edit since the old model */
};
static void renumber_records(struct rv_model *m, const uint32_t *first, const uint32_t *size,
                             const uint32_t *now, const int64_t *d, int32_t node_in,
                             int32_t class_in, int32_t function_in, bool nodes);
static int32_t run_index_signed(const struct in_place *ip, int v, int32_t x);

struct walker {
    struct rv_model *m;
    const struct rv_text *text;
    bool is_test_file;
    RV_VEC(struct scope) scopes;
    RV_VEC(uint32_t) path;     /* path[d]: index in m->nodes of the node at cursor depth d */
    RV_VEC(uint32_t) siblings; /* siblings[d]: how many follow the node at cursor depth d */
    TSTreeCursor cursor;       /* kept across the walks of a chunked build (its stack too) */
    bool has_cursor;
    /* (scope key, name) -> seen, for first_in_scope */
    uint64_t *seen;
    size_t seen_cap;
    size_t seen_len;
    /* A build in place leaves the table to its runs (`lazy`): it holds only the names the runs
     * walked, and the copies keep the flags they had. Those stand while every run binds the
     * same names in shared scopes, in the same order, as the records it replaces (end_run
     * asks, same_shared_names); the first run that does not fills the table (fill_seen), and
     * the build goes on as a fresh one would. `lazy_hint` is the last build's count of names. */
    bool lazy;
    uint32_t lazy_hint;
    /* Where the build leaves the node move of a span after the edit to the helper (a warm
     * one), or NULL: rv_model_reuse's `later`. */
    struct rv_model_move *later;
    /* While a run is walked after the old model's records (struct in_place): the classes in
     * [skip_lo, skip_hi) are the old ones it replaces and those after it, which a fresh walk
     * would not have met yet. An empty range otherwise. */
    uint32_t skip_lo;
    uint32_t skip_hi;
    struct in_place *ip; /* the build in place, or NULL */
    struct sub *sub;     /* while a unit with an old twin is walked, else NULL */
    /* Whether rv_node_move_start moves a node as ts_node_edit does (-1: not asked yet). Its
     * arithmetic is the library's, so the answer says whether the library's node is laid out
     * as it assumes: asked once a build, of the first copied node that moves. */
    int8_t move_fast;
};

static struct scope *top(struct walker *w) {
    return &w->scopes.items[w->scopes.len - 1];
}

// Returns true the first time (scope key, name) is seen. A 64-bit hash stands for the pair
// (the name's, mixed with the key); a collision would only mark a later binding as "not
// first", which no rule treats as an error.
static bool first_sight(struct walker *w, uint64_t key, const struct rv_binding *b) {
    uint64_t h = b->name_hash + key * 0x9E3779B97F4A7C15ULL;
    h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    h = h ? h : 1; // 0 marks an empty slot
    if ((w->seen_len + 1) * 2 > w->seen_cap) {
        size_t cap = w->seen_cap ? w->seen_cap * 2 : 256;
        uint64_t *table = rv_xcalloc(cap, sizeof(uint64_t));
        for (size_t i = 0; i < w->seen_cap; i++) {
            if (w->seen[i]) {
                size_t j = w->seen[i] & (cap - 1);
                while (table[j]) {
                    j = (j + 1) & (cap - 1);
                }
                table[j] = w->seen[i];
            }
        }
        free(w->seen);
        w->seen = table;
        w->seen_cap = cap;
    }
    size_t j = h & (w->seen_cap - 1);
    while (w->seen[j]) {
        if (w->seen[j] == h) {
            return false;
        }
        j = (j + 1) & (w->seen_cap - 1);
    }
    w->seen[j] = h;
    w->seen_len++;
    return true;
}

// Whether a binding's scope runs across units (the module, a class body, a class's instance
// attributes): a local's scope is its function, which one unit holds.
static bool shared_scope(const struct rv_binding *b) {
    return b->kind == RV_BIND_ATTRIBUTE || b->function < 0;
}

// The first-in-scope table's size for about `names` names: half full at most, 256 at least.
static size_t seen_cap_for(uint32_t names) {
    size_t cap = 256;
    while (cap < 2 * ((size_t)names + 64)) {
        cap *= 2;
    }
    return cap;
}

// The scope a binding's name is first seen in, for first_sight: attributes live in their
// class, class variables and methods in the class body, everything else in the innermost
// function (or the module). The indices are the final ones: a run walked in place numbers its
// own provisionally (`ip` while it is walked, else NULL).
static uint64_t binding_scope(const struct in_place *ip, const struct rv_binding *b) {
    if (b->kind == RV_BIND_ATTRIBUTE) {
        return 0x100000000ULL +
               (uint64_t)(run_index_signed(ip, RV_MODEL_CLASSES, b->class_index) + 1);
    }
    if (b->class_body) {
        return 0x200000000ULL +
               (uint64_t)(run_index_signed(ip, RV_MODEL_CLASSES, b->class_index) + 1);
    }
    return (uint64_t)(run_index_signed(ip, RV_MODEL_FUNCTIONS, b->function) + 1);
}

static void bind(struct walker *w, TSNode name, enum rv_binding_kind kind, bool annotated) {
    if (ts_node_is_null(name) || rv_kind(name) != RV_K_IDENTIFIER) {
        return;
    }
    struct scope *s = top(w);
    int32_t cls = s->class_index;
    uint32_t len = ts_node_end_byte(name) - ts_node_start_byte(name);
    struct rv_binding b = {
        .name = name,
        .kind = kind,
        .function = s->function,
        .class_index = cls,
        .annotated = annotated,
        .class_body = s->in_class_body,
        .name_len = (uint16_t)RV_MIN(len, UINT16_MAX),
    };
    size_t name_len;
    const char *text = rv_binding_name(w->text, &b, &name_len);
    b.name_hash = rv_hash_bytes(text, name_len, 0);
    b.first_in_scope =
        first_sight(w, binding_scope(w->ip && in_place_walking(w->ip) ? w->ip : NULL, &b), &b);
    rv_vec_push(&w->m->bindings, b);
}

static enum rv_binding_kind variable_kind(struct walker *w) {
    struct scope *s = top(w);
    if (s->in_class_body) {
        return RV_BIND_CLASS_VAR;
    }
    return s->function >= 0 ? RV_BIND_LOCAL : RV_BIND_MODULE_VAR;
}

// Is `node` the `self` of the innermost method (its first parameter)?
static bool is_self(struct walker *w, TSNode node) {
    struct scope *s = top(w);
    if (s->function < 0 || rv_kind(node) != RV_K_IDENTIFIER) {
        return false;
    }
    // Attributes set in nested functions of a method still belong to the method's instance.
    int32_t f = s->function;
    while (f >= 0 && !w->m->functions.items[f].is_method) {
        f = w->m->functions.items[f].parent_function;
    }
    if (f < 0) {
        return false;
    }
    const struct rv_function *fn = &w->m->functions.items[f];
    if (fn->params_count == 0 || fn->is_staticmethod) {
        return false;
    }
    const struct rv_param *p = &w->m->params.items[fn->params_start];
    if (p->kind != RV_PARAM_SELF) {
        return false;
    }
    size_t a_len;
    size_t b_len;
    const char *a = rv_node_text(w->text, node, &a_len);
    const char *b = rv_node_text(w->text, p->name, &b_len);
    return a_len == b_len && memcmp(a, b, a_len) == 0;
}

static void bind_targets(struct walker *w, TSNode target, enum rv_binding_kind kind,
                         bool annotated) {
    if (ts_node_is_null(target)) {
        return;
    }
    switch (rv_kind(target)) {
    case RV_K_IDENTIFIER:
        bind(w, target, kind, annotated);
        break;
    case RV_K_ATTRIBUTE: {
        TSNode object = rv_field(target, RV_F_OBJECT);
        if (!ts_node_is_null(object) && is_self(w, object)) {
            bind(w, rv_field(target, RV_F_ATTRIBUTE), RV_BIND_ATTRIBUTE, annotated);
        }
        break;
    }
    case RV_K_PATTERN_LIST:
    case RV_K_TUPLE_PATTERN:
    case RV_K_LIST_PATTERN:
    case RV_K_LIST_SPLAT_PATTERN:
    case RV_K_EXPRESSION_LIST:
    case RV_K_TUPLE:
    case RV_K_LIST:
    case RV_K_PARENTHESIZED_EXPRESSION:
    case RV_K_LIST_SPLAT: {
        uint32_t n = ts_node_named_child_count(target);
        for (uint32_t i = 0; i < n; i++) {
            bind_targets(w, ts_node_named_child(target, i), kind, annotated);
        }
        break;
    }
    default:
        break;
    }
}

static TSNode docstring_of(TSNode body) {
    TSNode null_node = {0};
    if (ts_node_is_null(body)) {
        return null_node;
    }
    uint32_t n = ts_node_named_child_count(body);
    for (uint32_t i = 0; i < n; i++) {
        TSNode stmt = ts_node_named_child(body, i);
        enum rv_kind kind = rv_kind(stmt);
        if (kind == RV_K_COMMENT) {
            continue;
        }
        if (kind == RV_K_EXPRESSION_STATEMENT && ts_node_named_child_count(stmt) == 1) {
            enum rv_kind inner = rv_kind(ts_node_named_child(stmt, 0));
            if (inner == RV_K_STRING || inner == RV_K_CONCATENATED_STRING) {
                return stmt;
            }
        }
        return null_node;
    }
    return null_node;
}

static uint32_t last_row(TSNode node) {
    TSPoint end = ts_node_end_point(node);
    TSPoint start = ts_node_start_point(node);
    return end.column == 0 && end.row > start.row ? end.row - 1 : end.row;
}

static void read_decorators(struct walker *w, struct rv_function *fn) {
    if (ts_node_eq(fn->outer, fn->node)) {
        return;
    }
    uint32_t n = ts_node_named_child_count(fn->outer);
    for (uint32_t i = 0; i < n; i++) {
        TSNode dec = ts_node_named_child(fn->outer, i);
        if (rv_kind(dec) != RV_K_DECORATOR) {
            continue;
        }
        size_t len;
        const char *s = rv_node_text(w->text, dec, &len);
        // "@name" or "@mod.name" or "@name(...)": judge by the last dotted part before "(".
        size_t end = 0;
        while (end < len && s[end] != '(') {
            end++;
        }
        while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\n' || s[end - 1] == '\r')) {
            end--;
        }
        size_t start = end;
        while (start > 0 && s[start - 1] != '.' && s[start - 1] != '@') {
            start--;
        }
        size_t nlen = end - start;
        const char *name = s + start;
#define DEC_IS(lit) (nlen == sizeof(lit) - 1 && memcmp(name, lit, nlen) == 0)
        if (DEC_IS("property") || DEC_IS("cached_property") || DEC_IS("setter") ||
            DEC_IS("getter") || DEC_IS("deleter")) {
            fn->is_property = true;
        } else if (DEC_IS("staticmethod")) {
            fn->is_staticmethod = true;
        } else if (DEC_IS("classmethod")) {
            fn->is_classmethod = true;
        } else if (DEC_IS("overload")) {
            fn->is_overload = true;
        } else if (DEC_IS("override")) {
            fn->is_override_hook = true;
        }
#undef DEC_IS
    }
}

static bool is_test_name(const char *s, size_t len) {
    if (len < 4 || memcmp(s, "test", 4) != 0) {
        return false;
    }
    return len == 4 || s[4] == '_' || (s[4] >= 'A' && s[4] <= 'Z') || (s[4] >= '0' && s[4] <= '9');
}

static void add_params(struct walker *w, struct rv_function *fn, uint32_t index) {
    TSNode params = rv_field(fn->node, RV_F_PARAMETERS);
    fn->params_start = (uint32_t)w->m->params.len;
    if (ts_node_is_null(params)) {
        return;
    }
    uint32_t n = ts_node_named_child_count(params);
    for (uint32_t i = 0; i < n; i++) {
        TSNode p = ts_node_named_child(params, i);
        enum rv_kind type = rv_kind(p);
        struct rv_param param = {.node = p, .function = index, .kind = RV_PARAM_PLAIN};
        TSNode inner = p;
        if (type == RV_K_TYPED_PARAMETER) {
            param.annotation = rv_field(p, RV_F_TYPE);
            inner = ts_node_named_child(p, 0);
        } else if (type == RV_K_DEFAULT_PARAMETER) {
            inner = rv_field(p, RV_F_NAME);
            param.default_value = rv_field(p, RV_F_VALUE);
        } else if (type == RV_K_TYPED_DEFAULT_PARAMETER) {
            inner = rv_field(p, RV_F_NAME);
            param.annotation = rv_field(p, RV_F_TYPE);
            param.default_value = rv_field(p, RV_F_VALUE);
        } else if (type != RV_K_IDENTIFIER && type != RV_K_LIST_SPLAT_PATTERN &&
                   type != RV_K_DICTIONARY_SPLAT_PATTERN) {
            continue; // keyword_separator, positional_separator, comments, errors
        }
        if (ts_node_is_null(inner)) {
            continue;
        }
        enum rv_kind inner_type = rv_kind(inner);
        if (inner_type == RV_K_LIST_SPLAT_PATTERN) {
            param.kind = RV_PARAM_VARARGS;
            inner = ts_node_named_child(inner, 0);
        } else if (inner_type == RV_K_DICTIONARY_SPLAT_PATTERN) {
            param.kind = RV_PARAM_KWARGS;
            inner = ts_node_named_child(inner, 0);
        }
        if (ts_node_is_null(inner) || rv_kind(inner) != RV_K_IDENTIFIER) {
            continue;
        }
        param.name = inner;
        if (fn->params_count == 0 && fn->is_method && !fn->is_staticmethod &&
            param.kind == RV_PARAM_PLAIN) {
            param.kind = RV_PARAM_SELF;
        }
        rv_vec_push(&w->m->params, param);
        fn->params_count++;
    }
}

// The parent of the node at cursor depth `depth` (null for the root).
static TSNode parent_at(struct walker *w, uint32_t depth) {
    TSNode null_node = {0};
    return depth > 0 ? w->m->nodes.items[w->path.items[depth - 1]].node : null_node;
}

// test_* in a test class, or at module level in a test file (or test_x_... anywhere).
static bool function_is_test(const struct walker *w, const struct rv_function *fn) {
    if (ts_node_is_null(fn->name)) {
        return false;
    }
    size_t len;
    const char *name = rv_node_text(w->text, fn->name, &len);
    bool in_test_class = fn->class_index >= 0 && w->m->classes.items[fn->class_index].is_test;
    bool module_level = fn->parent_function < 0 && !fn->is_method;
    return is_test_name(name, len) && (in_test_class || (w->is_test_file && module_level) ||
                                       (module_level && len > 5 && name[4] == '_'));
}

static void enter_function(struct walker *w, TSNode node, uint32_t depth) {
    struct scope *s = top(w);
    TSNode parent = parent_at(w, depth);
    struct rv_function fn = {
        .node = node,
        .outer = rv_is(parent, RV_K_DECORATED_DEFINITION) ? parent : node,
        .name = rv_field(node, RV_F_NAME),
        .body = rv_field(node, RV_F_BODY),
        .return_type = rv_field(node, RV_F_RETURN_TYPE),
        .class_index = s->in_class_body ? s->class_index : -1,
        .parent_function = s->function,
        .is_method = s->in_class_body,
    };
    TSNode first = ts_node_child(node, 0);
    fn.is_async = rv_is(first, RV_K_ASYNC);
    fn.node_index = (uint32_t)w->m->nodes.len - 1; // the walk recorded `node` just now
    fn.docstring = docstring_of(fn.body);
    fn.def_row = ts_node_start_point(node).row;
    fn.end_row = last_row(node);
    fn.body_first_row = fn.def_row + 1;
    if (!ts_node_is_null(fn.body)) {
        fn.body_first_row = ts_node_start_point(fn.body).row;
        if (!ts_node_is_null(fn.docstring)) {
            fn.body_first_row = last_row(fn.docstring) + 1;
        }
    }
    read_decorators(w, &fn);
    uint32_t index = (uint32_t)w->m->functions.len;
    add_params(w, &fn, index);
    fn.is_test = function_is_test(w, &fn);
    if (fn.class_index >= 0) {
        w->m->classes.items[fn.class_index].method_count++;
    } else if (s->function < 0 && !s->in_class_body) {
        w->m->top_level_functions++;
    }
    rv_vec_push(&w->m->functions, fn);
    bind(w, fn.name, fn.is_method ? RV_BIND_METHOD : RV_BIND_FUNCTION, false);
    struct scope inner = {depth, (int32_t)index, s->class_index, false};
    rv_vec_push(&w->scopes, inner);
    // Parameters bind in the new scope.
    for (uint32_t i = 0; i < w->m->functions.items[index].params_count; i++) {
        const struct rv_param *p =
            &w->m->params.items[w->m->functions.items[index].params_start + i];
        bind(w, p->name, RV_BIND_PARAM, !ts_node_is_null(p->annotation));
    }
}

static bool base_is_test(struct walker *w, TSNode bases, size_t earlier) {
    uint32_t n = ts_node_named_child_count(bases);
    for (uint32_t i = 0; i < n; i++) {
        TSNode base = ts_node_named_child(bases, i);
        if (rv_kind(base) == RV_K_KEYWORD_ARGUMENT) {
            continue;
        }
        size_t len;
        const char *s = rv_node_text(w->text, base, &len);
        if (rv_str_has_suffix(s, len, "TestCase") || rv_str_has_suffix(s, len, "TestBase") ||
            (len >= 4 && memcmp(s, "Test", 4) == 0)) {
            return true;
        }
        // A base defined earlier in this file as a test class.
        for (size_t c = 0; c < earlier; c++) {
            if (c >= w->skip_lo && c < w->skip_hi) {
                continue;
            }
            const struct rv_class *cls = &w->m->classes.items[c];
            if (cls->is_test && !ts_node_is_null(cls->name)) {
                size_t clen;
                const char *cname = rv_node_text(w->text, cls->name, &clen);
                if (clen == len && memcmp(cname, s, len) == 0) {
                    return true;
                }
            }
        }
    }
    return false;
}

// Named Test*, or derived from a TestCase (or from one of the `earlier` classes of the model
// that is a test class).
static bool class_is_test(struct walker *w, const struct rv_class *cls, size_t earlier) {
    if (!ts_node_is_null(cls->name)) {
        size_t len;
        const char *name = rv_node_text(w->text, cls->name, &len);
        if (len >= 4 && memcmp(name, "Test", 4) == 0 &&
            (len == 4 || !(name[4] >= 'a' && name[4] <= 'z'))) {
            return true;
        }
    }
    TSNode bases = rv_field(cls->node, RV_F_SUPERCLASSES);
    return !ts_node_is_null(bases) && base_is_test(w, bases, earlier);
}

static void enter_class(struct walker *w, TSNode node, uint32_t depth) {
    struct scope *s = top(w);
    TSNode parent = parent_at(w, depth);
    struct rv_class cls = {
        .node = node,
        .outer = rv_is(parent, RV_K_DECORATED_DEFINITION) ? parent : node,
        .name = rv_field(node, RV_F_NAME),
        .body = rv_field(node, RV_F_BODY),
        .parent_class = s->class_index,
        .parent_function = s->function,
    };
    cls.docstring = docstring_of(cls.body);
    if (!ts_node_is_null(cls.name)) {
        size_t len;
        const char *name = rv_node_text(w->text, cls.name, &len);
        cls.name_hash = rv_hash_bytes(name, len, 0);
    }
    cls.is_test = class_is_test(w, &cls, w->m->classes.len);
    bind(w, cls.name, RV_BIND_CLASS, false);
    uint32_t index = (uint32_t)w->m->classes.len;
    rv_vec_push(&w->m->classes, cls);
    struct scope inner = {depth, s->function, (int32_t)index, true};
    rv_vec_push(&w->scopes, inner);
}

static void record_import(struct walker *w, TSNode stmt, TSNode item, const char *module,
                          size_t module_len, bool from) {
    struct rv_import imp = {.node = stmt};
    TSNode name = item;
    TSNode alias = {0};
    if (rv_kind(item) == RV_K_ALIASED_IMPORT) {
        name = rv_field(item, RV_F_NAME);
        alias = rv_field(item, RV_F_ALIAS);
    }
    if (ts_node_is_null(name)) {
        return;
    }
    if (from) {
        imp.module = rv_xstrndup(module, module_len);
        imp.name = rv_node_strdup(w->text, name);
    } else {
        imp.module = rv_node_strdup(w->text, name);
    }
    if (!ts_node_is_null(alias)) {
        imp.bound = alias;
        imp.local = rv_node_strdup(w->text, alias);
    } else if (from) {
        imp.bound = name;
        imp.local = rv_xstrdup(imp.name);
    } else {
        // `import os.path` binds `os`.
        imp.bound = ts_node_named_child_count(name) ? ts_node_named_child(name, 0) : name;
        imp.local = rv_node_strdup(w->text, imp.bound);
    }
    rv_vec_push(&w->m->imports, imp);
    bind(w, imp.bound, RV_BIND_IMPORT, false);
}

static void visit_import(struct walker *w, TSNode node, bool from) {
    const char *module = "";
    size_t module_len = 0;
    TSNode module_node = {0};
    if (from) {
        module_node = rv_field(node, RV_F_MODULE_NAME);
        if (!ts_node_is_null(module_node)) {
            module = rv_node_text(w->text, module_node, &module_len);
        }
    }
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++) {
        TSNode child = ts_node_named_child(node, i);
        if (from && ts_node_eq(child, module_node)) {
            continue;
        }
        enum rv_kind kind = rv_kind(child);
        if (kind == RV_K_DOTTED_NAME || kind == RV_K_ALIASED_IMPORT) {
            record_import(w, node, child, module, module_len, from);
        }
    }
}

static void mark_function(struct walker *w, bool value, bool raise) {
    int32_t f = top(w)->function;
    if (f < 0 || top(w)->in_class_body) {
        return;
    }
    if (value) {
        w->m->functions.items[f].returns_value = true;
    }
    if (raise) {
        w->m->functions.items[f].raises = true;
    }
}

// The kinds visit() acts on; the walk does not call it for the others (most nodes).
static const bool visited_kind[RV_K_COUNT] = {
    [RV_K_ASSIGNMENT] = true,
    [RV_K_AUGMENTED_ASSIGNMENT] = true,
    [RV_K_CALL] = true,
    [RV_K_COMMENT] = true,
    [RV_K_CLASS_DEFINITION] = true,
    [RV_K_EXCEPT_CLAUSE] = true,
    [RV_K_FUNCTION_DEFINITION] = true,
    [RV_K_FOR_STATEMENT] = true,
    [RV_K_FOR_IN_CLAUSE] = true,
    [RV_K_GLOBAL_STATEMENT] = true,
    [RV_K_NONLOCAL_STATEMENT] = true,
    [RV_K_IMPORT_STATEMENT] = true,
    [RV_K_IMPORT_FROM_STATEMENT] = true,
    [RV_K_NAMED_EXPRESSION] = true,
    [RV_K_RETURN_STATEMENT] = true,
    [RV_K_RAISE_STATEMENT] = true,
    [RV_K_WITH_ITEM] = true,
    [RV_K_YIELD] = true,
};

// Called once per node on the way down (of a kind in visited_kind). Returns true when the
// node opened a scope.
static bool visit(struct walker *w, TSNode node, enum rv_kind kind, uint32_t depth) {
    switch (kind) {
    case RV_K_ASSIGNMENT:
    case RV_K_AUGMENTED_ASSIGNMENT: {
        TSNode left = rv_field(node, RV_F_LEFT);
        bool annotated = !ts_node_is_null(rv_field(node, RV_F_TYPE));
        if (!ts_node_is_null(left)) {
            enum rv_binding_kind bkind = variable_kind(w);
            if (bkind == RV_BIND_MODULE_VAR && rv_kind(left) == RV_K_IDENTIFIER &&
                kind == RV_K_ASSIGNMENT) {
                w->m->module_variables++;
            }
            bind_targets(w, left, bkind, annotated);
        }
        break;
    }
    case RV_K_CALL:
        rv_vec_push(&w->m->calls, node);
        break;
    case RV_K_COMMENT:
        rv_vec_push(&w->m->comments, node);
        break;
    case RV_K_CLASS_DEFINITION:
        enter_class(w, node, depth);
        return true;
    case RV_K_EXCEPT_CLAUSE: {
        TSNode alias = rv_field(node, RV_F_ALIAS);
        if (!ts_node_is_null(alias)) {
            bind(w, alias, RV_BIND_EXCEPT_VAR, false);
        } else {
            // Older shape: `except E as e` without the alias field.
            uint32_t n = ts_node_named_child_count(node);
            for (uint32_t i = 0; i < n; i++) {
                TSNode c = ts_node_named_child(node, i);
                if (rv_kind(c) == RV_K_AS_PATTERN) {
                    TSNode target = rv_field(c, RV_F_ALIAS);
                    if (!ts_node_is_null(target) && ts_node_named_child_count(target)) {
                        bind(w, ts_node_named_child(target, 0), RV_BIND_EXCEPT_VAR, false);
                    }
                }
            }
        }
        break;
    }
    case RV_K_FUNCTION_DEFINITION:
        enter_function(w, node, depth);
        return true;
    case RV_K_FOR_STATEMENT:
        bind_targets(w, rv_field(node, RV_F_LEFT), RV_BIND_LOOP_VAR, false);
        break;
    case RV_K_FOR_IN_CLAUSE:
        bind_targets(w, rv_field(node, RV_F_LEFT), RV_BIND_COMPREHENSION_VAR, false);
        break;
    case RV_K_GLOBAL_STATEMENT:
    case RV_K_NONLOCAL_STATEMENT: {
        uint32_t n = ts_node_named_child_count(node);
        for (uint32_t i = 0; i < n; i++) {
            bind(w, ts_node_named_child(node, i), RV_BIND_GLOBAL, false);
        }
        break;
    }
    case RV_K_IMPORT_STATEMENT:
        visit_import(w, node, false);
        break;
    case RV_K_IMPORT_FROM_STATEMENT:
        visit_import(w, node, true);
        break;
    case RV_K_NAMED_EXPRESSION:
        bind(w, rv_field(node, RV_F_NAME), variable_kind(w), false);
        break;
    case RV_K_RETURN_STATEMENT:
        mark_function(w, ts_node_named_child_count(node) > 0, false);
        break;
    case RV_K_RAISE_STATEMENT:
        mark_function(w, false, true);
        break;
    case RV_K_WITH_ITEM: {
        TSNode value = rv_field(node, RV_F_VALUE);
        if (rv_is(value, RV_K_AS_PATTERN)) {
            TSNode target = rv_field(value, RV_F_ALIAS);
            if (!ts_node_is_null(target) && ts_node_named_child_count(target)) {
                bind_targets(w, ts_node_named_child(target, 0), RV_BIND_WITH_VAR, false);
            }
        }
        break;
    }
    case RV_K_YIELD:
        mark_function(w, true, false);
        break;
    default:
        break;
    }
    return false;
}

// Makes path and siblings hold cursor depth `depth` (siblings is never the longer).
static void reach_depth(struct walker *w, uint32_t depth) {
    while (w->path.len <= depth) {
        rv_vec_push(&w->path, 0);
    }
    while (w->siblings.len <= depth) {
        rv_vec_push(&w->siblings, 0);
    }
}

// Walks the subtree of `start`, whose cursor depth is `depth0` (0 for the root), recording its
// nodes and visiting them. The parent of `start` is at w->path[depth0 - 1]. With a `stop` node,
// the walk ends right after that node's subtree, leaving the nodes and scopes around it open
// (a class head: the class scope stays for the statements of its body that follow).
//
// The cursor's calls are most of the model's cost, so each node costs as few as tree-sitter
// allows: ts_node_child_count (a field of the node's subtree) says whether there is a first
// child to go to and how many siblings follow it, so a leaf never asks for a first child and
// a last child never asks for a next sibling (which, failing, climbs and re-reads the parent
// before the walk climbs itself). Kind and named-ness come from the symbol through tables.
static bool sub_copy(struct walker *w, TSNode node, uint32_t depth);

// Whether the node at cursor depth `depth` (of a walk from depth0) is a statement of a block
// in a function or a class: its body, or that of an `if`, a loop, a `with`, a `try` or a
// `match` at any depth in it (what a walk derives from around a statement is its scope's, the
// same in all of them). Not one at module level: the walk counts the module's functions and
// variables there, which a copy does not take again.
static bool in_body(struct walker *w, uint32_t depth0, uint32_t depth) {
    const struct scope *sc = top(w);
    return depth >= depth0 + 2 && (sc->function >= 0 || sc->in_class_body) &&
           w->m->nodes.items[w->path.items[depth - 1]].kind == RV_K_BLOCK;
}

static void walk_subtree(struct walker *w, TSNode start, uint32_t depth0, TSNode stop) {
    struct rv_model *model = w->m;
    // The walk records every node (lambdas included) into model->nodes, but visits none inside
    // a lambda: lambdas are not definitions, and their parameters are not names a reviewer
    // judges. lambda_depth is the cursor depth of the outermost lambda being crossed, or 0.
    if (w->has_cursor) {
        ts_tree_cursor_reset(&w->cursor, start);
    } else {
        w->cursor = ts_tree_cursor_new(start);
        w->has_cursor = true;
    }
    TSTreeCursor *cursor = &w->cursor;
    uint32_t depth = depth0;
    uint32_t lambda_depth = 0;
    const void *stop_id = stop.id; /* NULL when there is no stop */
    reach_depth(w, depth);
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(cursor);
        if (w->sub && in_body(w, depth0, depth) && sub_copy(w, node, depth)) {
            // Its records are copied (sub_copy set path[depth]): on to the next sibling.
            goto climb;
        }
        TSSymbol symbol = ts_node_symbol(node);
        enum rv_kind kind = (enum rv_kind)rv__kind_of_symbol[symbol];
        uint32_t children = ts_node_child_count(node);
        uint32_t index = (uint32_t)model->nodes.len;
        if (model->nodes.len == model->nodes.cap) {
            rv_vec_reserve(&model->nodes, model->nodes.cap ? 2 * model->nodes.cap : 256);
        }
        model->nodes.items[model->nodes.len++] = (struct rv_flat_node){
            .node = node,
            .parent = depth > 0 ? w->path.items[depth - 1] : UINT32_MAX,
            .symbol = symbol,
            .kind = (uint8_t)kind,
            .named = rv__symbol_named[symbol],
        };
        w->path.items[depth] = index;
        model->empty_blocks += kind == RV_K_BLOCK && children == 0;
        if (lambda_depth == 0) {
            if (kind == RV_K_LAMBDA) {
                lambda_depth = depth + 1;
            } else if (visited_kind[kind]) {
                visit(w, node, kind, depth);
            }
        }
        if (children > 0 && ts_tree_cursor_goto_first_child(cursor)) {
            depth++;
            if (w->siblings.len <= depth) {
                reach_depth(w, depth);
            }
            w->siblings.items[depth] = children - 1;
            continue;
        }
    climb:
        // Climb until a sibling exists, closing the nodes and scopes we leave.
        for (;;) {
            struct rv_flat_node *closed = &model->nodes.items[w->path.items[depth]];
            closed->end = (uint32_t)model->nodes.len;
            if (lambda_depth > depth) {
                lambda_depth = 0;
            }
            while (w->scopes.len > 1 && w->scopes.items[w->scopes.len - 1].depth >= depth) {
                w->scopes.len--;
            }
            if (depth == depth0 || closed->node.id == stop_id) {
                return;
            }
            if (w->siblings.items[depth] > 0 && ts_tree_cursor_goto_next_sibling(cursor)) {
                w->siblings.items[depth]--;
                break;
            }
            if (!ts_tree_cursor_goto_parent(cursor)) {
                return;
            }
            depth--;
        }
    }
}

// Records where each vector of the model stands, as a chunk's first indices.
static void mark_chunk(const struct rv_model *m, uint32_t *at) {
    at[RV_MODEL_FUNCTIONS] = (uint32_t)m->functions.len;
    at[RV_MODEL_CLASSES] = (uint32_t)m->classes.len;
    at[RV_MODEL_PARAMS] = (uint32_t)m->params.len;
    at[RV_MODEL_BINDINGS] = (uint32_t)m->bindings.len;
    at[RV_MODEL_IMPORTS] = (uint32_t)m->imports.len;
    at[RV_MODEL_COMMENTS] = (uint32_t)m->comments.len;
    at[RV_MODEL_CALLS] = (uint32_t)m->calls.len;
    at[RV_MODEL_NODES] = (uint32_t)m->nodes.len;
}

// Calls fn on every node the records in [first, end) of each vector hold.
static inline void each_node(struct rv_model *m, const uint32_t *first, const uint32_t *end,
                             void (*fn)(TSNode *, const void *), const void *ud) {
    for (uint32_t i = first[RV_MODEL_NODES]; i < end[RV_MODEL_NODES]; i++) {
        fn(&m->nodes.items[i].node, ud);
    }
    for (uint32_t i = first[RV_MODEL_FUNCTIONS]; i < end[RV_MODEL_FUNCTIONS]; i++) {
        struct rv_function *f = &m->functions.items[i];
        TSNode *nodes[] = {&f->node, &f->outer, &f->name, &f->body, &f->return_type, &f->docstring};
        for (size_t k = 0; k < RV_ARRAY_LEN(nodes); k++) {
            fn(nodes[k], ud);
        }
    }
    for (uint32_t i = first[RV_MODEL_CLASSES]; i < end[RV_MODEL_CLASSES]; i++) {
        struct rv_class *c = &m->classes.items[i];
        TSNode *nodes[] = {&c->node, &c->outer, &c->name, &c->body, &c->docstring};
        for (size_t k = 0; k < RV_ARRAY_LEN(nodes); k++) {
            fn(nodes[k], ud);
        }
    }
    for (uint32_t i = first[RV_MODEL_PARAMS]; i < end[RV_MODEL_PARAMS]; i++) {
        struct rv_param *p = &m->params.items[i];
        TSNode *nodes[] = {&p->node, &p->name, &p->annotation, &p->default_value};
        for (size_t k = 0; k < RV_ARRAY_LEN(nodes); k++) {
            fn(nodes[k], ud);
        }
    }
    for (uint32_t i = first[RV_MODEL_BINDINGS]; i < end[RV_MODEL_BINDINGS]; i++) {
        fn(&m->bindings.items[i].name, ud);
    }
    for (uint32_t i = first[RV_MODEL_IMPORTS]; i < end[RV_MODEL_IMPORTS]; i++) {
        fn(&m->imports.items[i].node, ud);
        fn(&m->imports.items[i].bound, ud);
    }
    for (uint32_t i = first[RV_MODEL_COMMENTS]; i < end[RV_MODEL_COMMENTS]; i++) {
        fn(&m->comments.items[i], ud);
    }
    for (uint32_t i = first[RV_MODEL_CALLS]; i < end[RV_MODEL_CALLS]; i++) {
        fn(&m->calls.items[i], ud);
    }
}

// ts_node_is_null without the call: a null node is one without an id (tree-sitter's own test).
// Every copied node of every record passes here, tens of thousands per edit.
static inline bool null_node(const TSNode *n) {
    return n->id == NULL;
}

// The edits that move a chunk's copied nodes, and how.
struct node_move {
    const TSInputEdit *edits;
    size_t count;
    bool fast; /* rv_node_move_start agrees with ts_node_edit (struct walker's move_fast) */
};

// Moves a copied node onto the edited text. Its tree is the one it was walked in, which the
// analysis state keeps alive and never edits (src/analysis/incremental.c).
static inline void patch(TSNode *n, const void *ud) {
    const struct node_move *mv = ud;
    if (null_node(n)) {
        return;
    }
    for (size_t e = 0; e < mv->count; e++) {
        if (mv->fast) {
            rv_node_move_start(n, &mv->edits[e]);
        } else {
            ts_node_edit(n, &mv->edits[e]);
        }
    }
}

// A move by an edit that ended on an earlier line: the change of length and of line count.
struct shift {
    const TSInputEdit *edit;
    uint32_t bytes; /* modulo 2^32: may go back */
    uint32_t rows;
};

static inline void shift_node(TSNode *n, const void *ud) {
    const struct shift *sh = ud;
    if (null_node(n)) {
        return;
    }
    assert(n->context[0] >= sh->edit->old_end_byte && n->context[1] > sh->edit->old_end_point.row);
    n->context[0] += sh->bytes;
    n->context[1] += sh->rows;
}

// `container` for indices before the records that stay as they are (a run placed in place).
#define SAME_BEFORE INT32_MIN

// An index of a copied record: one that points before the unit's records points at its
// container (the class of a class body's statement, or the node holding it), the others move
// with the unit.
static int32_t map_index(int32_t index, uint32_t first, int64_t delta, int32_t container) {
    if (index < 0) {
        return index;
    }
    if ((uint32_t)index < first) {
        return container == SAME_BEFORE ? index : container;
    }
    return (int32_t)(index + delta);
}

static inline void renumber_node(struct rv_flat_node *n, const struct rv_node_renumber *rn) {
    n->parent = (uint32_t)map_index((int32_t)n->parent, rn->old_first, rn->delta, rn->container);
    n->end = (uint32_t)(n->end + rn->delta);
}

// Nodes [from, to) moved by `bytes` and `rows` (each start on a line after the edit's last),
// and renumbered with `rn`.
struct node_shift {
    struct rv_flat_node *nodes;
    uint32_t from;
    uint32_t to;
    uint32_t bytes; /* modulo 2^32: may go back */
    uint32_t rows;
    struct rv_node_renumber rn;
};

static void shift_nodes(void *arg) {
    // Read once: the stores into the nodes could otherwise alias them, and be read again.
    const struct node_shift sh = *(const struct node_shift *)arg;
    if (sh.rn.on) {
        for (uint32_t k = sh.from; k < sh.to; k++) {
            sh.nodes[k].node.context[0] += sh.bytes;
            sh.nodes[k].node.context[1] += sh.rows;
            renumber_node(&sh.nodes[k], &sh.rn);
        }
        return;
    }
    for (uint32_t k = sh.from; k < sh.to; k++) {
        sh.nodes[k].node.context[0] += sh.bytes;
        sh.nodes[k].node.context[1] += sh.rows;
    }
}

// The nodes [first, end) renumbered alone (a span that does not move, or not by the arithmetic).
static void renumber_nodes(struct rv_model *m, uint32_t first, uint32_t end,
                           const struct rv_node_renumber *rn) {
    for (uint32_t k = first; rn->on && k < end; k++) {
        renumber_node(&m->nodes.items[k], rn);
    }
}

// Below this many nodes, one thread moves them: a tenth of a keystroke's copies or so, the
// helper's share is worth its hand-over (a few microseconds, warm) from about here.
#define SHARED_SHIFT_NODES 8192

// The moves of one edit for the copied records [first, end) of each vector, when
// rv_node_move_start agrees with the library: the model's nodes, the most numerous, by a loop
// of their own (which renumbers them too, with `rn`). A node that starts on a line after the
// edit's last (all of them, but in the unit the edit ends on) moves by the edit's change of
// length and of line count.
static void move_nodes_past(struct rv_model *m, const uint32_t *first, const uint32_t *end,
                            const TSInputEdit *e, const struct rv_node_renumber *rn,
                            struct rv_helper *helper) {
    uint32_t bytes = e->new_end_byte - e->old_end_byte; // modulo 2^32: may go back
    uint32_t rows = e->new_end_point.row - e->old_end_point.row;
    // The nodes are in pre-order, so their starts (bytes and rows) never go back: once one
    // starts on a line after the edit's last, every node after it does too, and moves by two
    // additions (one when the line count holds) without a test.
    uint32_t i = first[RV_MODEL_NODES];
    for (; i < end[RV_MODEL_NODES]; i++) {
        TSNode *n = &m->nodes.items[i].node;
        if (n->context[0] >= e->old_end_byte && n->context[1] > e->old_end_point.row) {
            break;
        }
        rv_node_move_start(n, e);
        if (rn->on) {
            renumber_node(&m->nodes.items[i], rn);
        }
    }
    struct rv_flat_node *nodes = m->nodes.items;
#ifndef NDEBUG
    for (uint32_t k = i; k < end[RV_MODEL_NODES]; k++) {
        assert(nodes[k].node.context[0] >= e->old_end_byte &&
               nodes[k].node.context[1] > e->old_end_point.row);
    }
#endif
    // Tens of thousands of nodes, memory-bound: a warm helper takes the second half (each core
    // streams through its own cache).
    struct node_shift mine = {nodes, i, end[RV_MODEL_NODES], bytes, rows, *rn};
    struct node_shift theirs = mine;
    bool shared = end[RV_MODEL_NODES] - i >= SHARED_SHIFT_NODES && rv_helper_warm_now(helper);
    if (shared) {
        mine.to = theirs.from = i + (end[RV_MODEL_NODES] - i) / 2;
        rv_helper_start(helper, shift_nodes, &theirs);
    }
    shift_nodes(&mine);
    if (shared) {
        rv_helper_wait(helper);
    }
    uint32_t rest[RV_MODEL_VECTORS];
    memcpy(rest, first, sizeof(rest));
    rest[RV_MODEL_NODES] = end[RV_MODEL_NODES]; // done above
    if (i == first[RV_MODEL_NODES] && i < end[RV_MODEL_NODES]) {
        // The unit's first node starts after the edit's last line: so do its records' nodes,
        // which lie in the unit.
        struct shift sh = {e, bytes, rows};
        each_node(m, rest, end, shift_node, &sh);
    } else {
        struct node_move mv = {e, 1, true};
        each_node(m, rest, end, patch, &mv);
    }
}

static void run_move(void *arg) {
    struct rv_model_move *mv = arg;
    move_nodes_past(mv->m, mv->first, mv->end, &mv->edit, &mv->renumber, NULL);
}

void rv_model_move_wait(struct rv_model_move *mv) {
    if (mv != NULL && mv->running) {
        rv_helper_wait(mv->helper);
        mv->running = false;
    }
}

// Ends the move left to the helper, if any: before the build walks (which may grow the vectors),
// copies a unit on its own (which may take fresh vectors), or starts another move.
static void settle(struct walker *w) {
    rv_model_move_wait(w->later);
}

static void set_tree(TSNode *n, const void *ud) {
    if (!null_node(n)) {
        n->tree = ud;
    }
}

void rv_model_chunk_set_tree(struct rv_model *m, struct rv_model_chunk *c, const TSTree *tree) {
    each_node(m, c->first, c->end, set_tree, tree);
    set_tree(&c->node, tree);
}

// The body of the class that top-level statement `child` defines (decorated or not), when it
// has two statements or more (the units it splits into), else a null node; `depth` is the
// class node's cursor depth.
static TSNode split_class_body(TSNode child, uint8_t *depth) {
    TSNode cls = child;
    *depth = 1;
    if (rv_kind(child) == RV_K_DECORATED_DEFINITION) {
        cls = rv_field(child, RV_F_DEFINITION);
        *depth = 2;
    }
    TSNode block = rv_is(cls, RV_K_CLASS_DEFINITION) ? rv_field(cls, RV_F_BODY) : (TSNode){0};
    return !ts_node_is_null(block) && ts_node_child_count(block) >= 2 ? block : (TSNode){0};
}

// The units of a split class's body statements that start in [lo, hi), from the cursor `c`
// on one of the body's statements (after the first, which its head holds).
static void push_body_units(TSTreeCursor *c, uint8_t class_depth, uint32_t lo, uint32_t hi,
                            struct rv_model_units *out) {
    do {
        TSNode stmt = ts_tree_cursor_current_node(c);
        uint32_t start = ts_node_start_byte(stmt);
        if (start >= hi) {
            return;
        }
        if (start >= lo) {
            struct rv_model_unit b = {.node = stmt,
                                      .kind = RV_UNIT_CLASS_BODY,
                                      .class_depth = class_depth,
                                      .start_byte = start,
                                      .end_byte = ts_node_end_byte(stmt)};
            rv_vec_push(&out->list, b);
        }
    } while (ts_tree_cursor_goto_next_sibling(c));
}

// Whether a syntax error (an ERROR node or a missing one) lies in `node` before byte `end`:
// only the children that start before it are looked into.
static bool error_before(TSNode node, uint32_t end) {
    if (!ts_node_has_error(node) || ts_node_start_byte(node) >= end) {
        return false;
    }
    if (ts_node_end_byte(node) <= end || ts_node_is_missing(node) ||
        ts_node_symbol(node) == (TSSymbol)-1) { // ts_builtin_sym_error: an ERROR node
        return true;
    }
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n; i++) {
        TSNode child = ts_node_child(node, i);
        if (ts_node_start_byte(child) >= end) {
            break;
        }
        if (error_before(child, end)) {
            return true;
        }
    }
    return false;
}

bool rv_model_unit_has_error(const struct rv_model_unit *u) {
    return u->kind == RV_UNIT_CLASS_HEAD ? error_before(u->node, u->end_byte)
                                         : ts_node_has_error(u->node);
}

// The head unit of top-level statement `child` when it is a split class: its node, its stop
// (the body's first statement), its body `*block` and the cursor `c` on that statement. False
// otherwise.
static bool class_head(TSNode child, struct rv_model_unit *head, TSNode *block, TSTreeCursor *c) {
    enum rv_kind kind = rv_kind(child);
    if (kind != RV_K_CLASS_DEFINITION && kind != RV_K_DECORATED_DEFINITION) {
        return false;
    }
    uint8_t class_depth = 1;
    *block = split_class_body(child, &class_depth);
    if (ts_node_is_null(*block)) {
        return false;
    }
    ts_tree_cursor_reset(c, *block);
    if (!ts_tree_cursor_goto_first_child(c)) {
        return false;
    }
    TSNode stop = ts_tree_cursor_current_node(c);
    *head = (struct rv_model_unit){.node = child,
                                   .stop = stop,
                                   .kind = RV_UNIT_CLASS_HEAD,
                                   .class_depth = class_depth,
                                   .start_byte = ts_node_start_byte(child),
                                   .end_byte = ts_node_end_byte(stop)};
    return true;
}

// Moves cursor `c` to the first child of its node that ends after `byte`.
// ts_tree_cursor_goto_first_child_for_byte (tree-sitter 0.20) may stop at a child that ends
// at `byte` (`x = 1;` before the `;` that follows it without a space): the sibling is taken.
static bool goto_child_after(TSTreeCursor *c, uint32_t byte) {
    if (ts_tree_cursor_goto_first_child_for_byte(c, byte) < 0) {
        return false;
    }
    while (ts_node_end_byte(ts_tree_cursor_current_node(c)) <= byte) {
        if (!ts_tree_cursor_goto_next_sibling(c)) {
            return false;
        }
    }
    return true;
}

bool rv_model_units_window(TSNode root, uint32_t lo, uint32_t hi, struct rv_model_units *out,
                           struct rv_model_unit *head) {
    rv_kinds_init();
    out->list.len = 0;
    head->kind = RV_UNIT_STATEMENT; // none
    TSTreeCursor top = ts_tree_cursor_new(root);
    TSTreeCursor c = ts_tree_cursor_new(root);
    // From 0, every child from the first (error recovery can leave zero-width ones).
    bool ok = lo == 0 ? ts_tree_cursor_goto_first_child(&top) : goto_child_after(&top, lo);
    bool first = true;
    while (ok) {
        TSNode child = ts_tree_cursor_current_node(&top);
        uint32_t start = ts_node_start_byte(child);
        if (start >= hi) {
            break;
        }
        struct rv_model_unit h;
        TSNode block;
        if (!class_head(child, &h, &block, &c)) {
            ok = start >= lo; // a statement that is not a class cannot hold the window's start
            struct rv_model_unit u = {.node = child,
                                      .kind = RV_UNIT_STATEMENT,
                                      .start_byte = start,
                                      .end_byte = ts_node_end_byte(child)};
            rv_vec_push(&out->list, u);
        } else if (start >= lo) {
            rv_vec_push(&out->list, h);
            if (ts_tree_cursor_goto_next_sibling(&c)) {
                push_body_units(&c, h.class_depth, lo, hi, out);
            }
        } else {
            // The window starts inside this class's body: its head, then the body's
            // statements from the one that holds lo.
            // (A cursor taken back to its node by goto_parent finds no child by byte in
            // tree-sitter 0.20: it is reset instead.)
            ok = first && h.end_byte <= lo;
            *head = h;
            ts_tree_cursor_reset(&c, block);
            if (ok && goto_child_after(&c, lo)) {
                push_body_units(&c, h.class_depth, lo, hi, out);
            }
        }
        first = false;
        if (!ts_tree_cursor_goto_next_sibling(&top)) {
            break;
        }
    }
    ts_tree_cursor_delete(&c);
    ts_tree_cursor_delete(&top);
    return ok;
}

void rv_model_units(TSNode root, struct rv_model_units *out) {
    struct rv_model_unit head;
    rv_model_units_window(root, 0, UINT32_MAX, out, &head);
}

bool rv_model_unit_find(TSNode root, struct rv_model_unit *u) {
    rv_kinds_init();
    TSTreeCursor c = ts_tree_cursor_new(root);
    bool ok = goto_child_after(&c, u->start_byte);
    TSNode child = ts_tree_cursor_current_node(&c);
    struct rv_model_unit h = {0};
    TSNode block = {0};
    if (ok && u->kind == RV_UNIT_STATEMENT) {
        ok = ts_node_start_byte(child) == u->start_byte;
        u->node = child;
        u->stop = (TSNode){0};
    } else if (ok) {
        ok = class_head(child, &h, &block, &c) && h.class_depth == u->class_depth;
    }
    if (ok && u->kind == RV_UNIT_CLASS_HEAD) {
        ok = h.start_byte == u->start_byte;
        u->node = h.node;
        u->stop = h.stop;
    } else if (ok && u->kind == RV_UNIT_CLASS_BODY) {
        ts_tree_cursor_reset(&c, block);
        ok = goto_child_after(&c, u->start_byte);
        u->node = ts_tree_cursor_current_node(&c);
        ok = ok && ts_node_start_byte(u->node) == u->start_byte && !ts_node_eq(u->node, h.stop);
    }
    ts_tree_cursor_delete(&c);
    return ok;
}

// Appends the records of the old model's chunk `oj` to the new model, renumbered and moved
// onto the edited text; `node_in` and `class_in` are the new indices of its container (the
// root, or a class's body and the class). Replays the bindings of scopes that run across
// units (the module, class bodies, instance attributes) so that first_in_scope is what a fresh
// walk computes. Import strings are moved out of the old model, not copied.
// Takes again the first_in_scope of the copied bindings from `first_binding` on, as a fresh
// walk sees them (the keys are bind()'s: attributes by class, class bodies by class, else the
// function), and records them for the units after.
static void replay_bindings(struct walker *w, uint32_t first_binding) {
    if (w->lazy) {
        return; // no run changed what the copies' flags follow from (struct walker)
    }
    struct rv_model *m = w->m;
    bool changed = false;
    for (uint32_t i = first_binding; i < m->bindings.len; i++) {
        struct rv_binding *b = &m->bindings.items[i];
        bool first = b->first_in_scope;
        if (shared_scope(b)) {
            first = first_sight(w, binding_scope(NULL, b), b);
        }
        // The copy holds the flag the last build gave it: a change here follows from a unit
        // before it, which its own fingerprint does not show.
        changed = changed || first != b->first_in_scope;
        b->first_in_scope = first;
    }
    m->first_changed = m->first_changed || changed;
}

// What every copy ends with: the copied nodes (records from `now` on) moved onto the edited
// text, unless they lie before a single edit; test recognition again, which reads what came
// before (a test base class, the enclosing class), unless `settled` says that is unchanged;
// first_in_scope replayed; the model's counters.
static void finish_copy(struct walker *w, const struct rv_model_reuse *r,
                        const struct rv_model_chunk *oc, const uint32_t *now,
                        uint32_t first_binding, bool settled, const struct rv_node_renumber *rn) {
    struct rv_model *m = w->m;
    uint32_t end[RV_MODEL_VECTORS];
    mark_chunk(m, end);
    static const struct rv_node_renumber none = {0};
    rn = rn ? rn : &none;
    if ((r->edit_count != 1 || oc->start_byte >= r->edits[0].start_byte) &&
        now[RV_MODEL_NODES] < end[RV_MODEL_NODES]) {
        // The functions' rows are plain numbers: they move by what the chunk's first node
        // moved (no edit falls inside a copied chunk, so all of it moves alike).
        TSNode *first = &m->nodes.items[now[RV_MODEL_NODES]].node;
        uint32_t row = ts_node_start_point(*first).row;
        struct node_move mv = {r->edits, r->edit_count, false};
        // Tens of thousands of copied nodes move per keystroke: by the arithmetic when it
        // gives the first of them what the library gives it, else by the library.
        if (w->move_fast < 0) {
            w->move_fast = rv_node_move_agrees(*first, r->edits, r->edit_count);
        }
        mv.fast = w->move_fast;
        settle(w); // one move at a time on the helper
        uint32_t moved;
        const TSInputEdit *e = &r->edits[0];
        if (mv.fast && r->edit_count == 1 && w->later && settled) {
            // Left to the helper, while the build and the analysis go on: nothing reads these
            // nodes until the caller waits (test recognition, which would, is settled). A
            // copied unit after the edit starts at or after its old end, so every node of it
            // moves by the edit's change of line count.
            assert(first->context[0] >= e->old_end_byte);
            struct rv_model_move *job = w->later;
            job->m = m;
            memcpy(job->first, now, sizeof(job->first));
            memcpy(job->end, end, sizeof(job->end));
            job->edit = *e;
            job->renumber = *rn;
            job->running = true;
            rv_helper_start(job->helper, run_move, job);
            moved = e->new_end_point.row - e->old_end_point.row; // modulo 2^32: may go back
        } else {
            if (mv.fast && r->edit_count == 1) {
                move_nodes_past(m, now, end, e, rn, r->helper);
            } else {
                renumber_nodes(m, now[RV_MODEL_NODES], end[RV_MODEL_NODES], rn);
                each_node(m, now, end, patch, &mv);
            }
            moved = ts_node_start_point(*first).row - row; // modulo 2^32: may go back
        }
        for (uint32_t i = now[RV_MODEL_FUNCTIONS]; moved && i < end[RV_MODEL_FUNCTIONS]; i++) {
            struct rv_function *f = &m->functions.items[i];
            f->def_row += moved;
            f->body_first_row += moved;
            f->end_row += moved;
        }
    } else {
        renumber_nodes(m, now[RV_MODEL_NODES], end[RV_MODEL_NODES], rn); // before the edit
    }
    if (!settled) {
        m->tests_retaken += end[RV_MODEL_CLASSES] - now[RV_MODEL_CLASSES] +
                            end[RV_MODEL_FUNCTIONS] - now[RV_MODEL_FUNCTIONS];
        for (uint32_t i = now[RV_MODEL_CLASSES]; i < end[RV_MODEL_CLASSES]; i++) {
            m->classes.items[i].is_test = class_is_test(w, &m->classes.items[i], i);
        }
        for (uint32_t i = now[RV_MODEL_FUNCTIONS]; i < end[RV_MODEL_FUNCTIONS]; i++) {
            m->functions.items[i].is_test = function_is_test(w, &m->functions.items[i]);
        }
    }
    replay_bindings(w, first_binding);
    m->top_level_functions += oc->top_level_functions;
    m->module_variables += oc->module_variables;
    m->empty_blocks += oc->empty_blocks;
}

/* Building in place. After a keystroke, most of the new model is the old one: the units before
 * the edited ones hold the same records at the same indices, and so do the units after them
 * when the edited ones yield as many records of each kind as before (a character typed into a
 * name, a string or a comment). Then the new model takes the old one's vectors instead of
 * copying them: copied units are found where they are, and each run of walked units is walked
 * after the old records (none of which it may overwrite while the units after it still need
 * them), then moved over the records it replaces. When a run's counts differ, the old records
 * after it move up or down by one memmove (the shift) and copy_chunk renumbers them where they
 * land. While a run is walked, its functions and classes have provisional indices (after the
 * old records); the scope keys of first_in_scope are taken with their final ones, and test
 * recognition skips the old classes that a fresh walk would not have met yet. A copied unit
 * found neither in place nor where the shift put it ends the sharing (detach). */
struct in_place {
    bool on;                             /* the model's vectors are the old model's */
    bool walking;                        /* a run is being walked after the old records */
    size_t last;                         /* the run's last unit */
    uint32_t start[RV_MODEL_VECTORS];    /* where the run's records go: the replaced ones began */
    uint32_t old_end[RV_MODEL_VECTORS];  /* one past the records the run replaces */
    uint32_t old_len[RV_MODEL_VECTORS];  /* one past the old records (shifts included) */
    uint32_t run_base[RV_MODEL_VECTORS]; /* where the run was walked: old_len then */
    int64_t shift[RV_MODEL_VECTORS]; /* how far the runs so far moved the old records after them */
    RV_VEC(uint32_t) ends; /* nodes before the run whose end a class closed in it has set */
};

struct vec_view {
    void **items;
    size_t *len;
    size_t *cap;
    size_t size;
};

static void model_vectors(struct rv_model *m, struct vec_view *v) {
#define VIEW(k, f)                                                                                 \
    v[k] = (struct vec_view){(void **)&m->f.items, &m->f.len, &m->f.cap, sizeof(*m->f.items)}
    VIEW(RV_MODEL_FUNCTIONS, functions);
    VIEW(RV_MODEL_CLASSES, classes);
    VIEW(RV_MODEL_PARAMS, params);
    VIEW(RV_MODEL_BINDINGS, bindings);
    VIEW(RV_MODEL_IMPORTS, imports);
    VIEW(RV_MODEL_COMMENTS, comments);
    VIEW(RV_MODEL_CALLS, calls);
    VIEW(RV_MODEL_NODES, nodes);
#undef VIEW
}

// The model takes the old model's vectors, empty: the root and the units fill them again.
static void share_old(struct in_place *ip, struct rv_model *m, struct rv_model *old) {
    struct vec_view mv[RV_MODEL_VECTORS];
    struct vec_view ov[RV_MODEL_VECTORS];
    model_vectors(m, mv);
    model_vectors(old, ov);
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        ip->old_len[v] = (uint32_t)*ov[v].len;
        // Room for a run after the old records: growing there would copy them all.
        size_t want = *ov[v].len + *ov[v].len / 8 + 64;
        if (*ov[v].cap < *ov[v].len + *ov[v].len / 16 + 32) {
            *ov[v].items = rv_xrealloc(*ov[v].items, want * ov[v].size);
            *ov[v].cap = want;
        }
        *mv[v].items = *ov[v].items;
        *mv[v].len = 0;
        *mv[v].cap = *ov[v].cap;
    }
    ip->on = true;
}

// After a walk that may have grown (and so moved) the shared vectors: the old model's view
// follows; its lengths stay.
static void share_follow(struct rv_model *m, struct rv_model *old) {
    struct vec_view mv[RV_MODEL_VECTORS];
    struct vec_view ov[RV_MODEL_VECTORS];
    model_vectors(m, mv);
    model_vectors(old, ov);
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        *ov[v].items = *mv[v].items;
        *ov[v].cap = *mv[v].cap;
    }
}

struct root_swap {
    const void *old_id; /* the old statement's node */
    TSNode node;        /* the new one */
};

static void swap_root(TSNode *n, const void *ud) {
    const struct root_swap *sw = ud;
    if (n->id == sw->old_id) {
        *n = sw->node;
    }
}

// Where record `k` of vector `v` starts: the node it was made for (a binding's name).
static uint32_t record_start(const struct rv_model *m, int v, uint32_t k) {
    switch (v) {
    case RV_MODEL_FUNCTIONS:
        return ts_node_start_byte(m->functions.items[k].node);
    case RV_MODEL_CLASSES:
        return ts_node_start_byte(m->classes.items[k].node);
    case RV_MODEL_PARAMS:
        return ts_node_start_byte(m->params.items[k].node);
    case RV_MODEL_BINDINGS:
        return ts_node_start_byte(m->bindings.items[k].name);
    case RV_MODEL_IMPORTS:
        return ts_node_start_byte(m->imports.items[k].node);
    case RV_MODEL_COMMENTS:
        return ts_node_start_byte(m->comments.items[k]);
    case RV_MODEL_CALLS:
        return ts_node_start_byte(m->calls.items[k]);
    default:
        return ts_node_start_byte(m->nodes.items[k].node);
    }
}

// The old twin's node that is `node` itself, a subtree the incremental parse shared with the
// old tree, starting at `old_start` in the old text; UINT32_MAX when there is none.
static uint32_t sub_find(const struct sub *sb, TSNode node, uint32_t old_start) {
    const struct rv_flat_node *on = sb->old->nodes.items;
    uint32_t lo = sb->at[RV_MODEL_NODES];
    uint32_t hi = sb->end[RV_MODEL_NODES];
    while (lo < hi) { // pre-order: the starts never go back
        uint32_t mid = lo + (hi - lo) / 2;
        if (ts_node_start_byte(on[mid].node) < old_start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (uint32_t i = lo;
         i < sb->end[RV_MODEL_NODES] && ts_node_start_byte(on[i].node) == old_start; i++) {
        if (rv_node_same_subtree(node, on[i].node)) {
            return i;
        }
    }
    return UINT32_MAX;
}

// Copies the old twin's records of the statement `node` (at cursor depth `depth`, in a body)
// instead of walking it, when the incremental parse took the statement over from the old tree
// unchanged (the same subtree: the same nodes, the same text) and it lies wholly before or
// after the edit: its records are renumbered into the model, their nodes moved onto the new
// text and into the new tree (where the very same subtree lives), and what the walk would
// have derived from the statements before it is taken again (first_in_scope, test
// recognition, the body's function's returns and raises, its class's method count). Returns
// false, having changed nothing, to have it walked.
static bool sub_copy(struct walker *w, TSNode node, uint32_t depth) {
    struct sub *sb = w->sub;
    const TSInputEdit *e = sb->edit;
    if (ts_node_child_count(node) == 0) {
        return false; // a comment, or a keyword alone: no cheaper to copy
    }
    uint32_t start = ts_node_start_byte(node);
    uint32_t end = ts_node_end_byte(node);
    uint32_t old_start;
    if (end < e->start_byte) {
        old_start = start;
    } else if (start > e->new_end_byte) {
        old_start = start - (e->new_end_byte - e->old_end_byte); // modulo 2^32
    } else {
        return false;
    }
    uint32_t old_end = old_start + (end - start);
    if (w->ip && w->ip->on) {
        share_follow(w->m, sb->old); // in place, the walk may have moved the shared vectors
    }
    uint32_t oi = sub_find(sb, node, old_start);
    if (oi == UINT32_MAX) {
        return false;
    }
    struct rv_model *old = sb->old;
    uint32_t first[RV_MODEL_VECTORS];
    uint32_t size[RV_MODEL_VECTORS];
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        // The records of the statements before it start before it, its own within it.
        if (v == RV_MODEL_NODES) {
            first[v] = oi;
            sb->at[v] = old->nodes.items[oi].end;
        } else {
            while (sb->at[v] < sb->end[v] && record_start(old, v, sb->at[v]) < old_start) {
                sb->at[v]++;
            }
            first[v] = sb->at[v];
            while (sb->at[v] < sb->end[v] && record_start(old, v, sb->at[v]) < old_end) {
                sb->at[v]++;
            }
        }
        size[v] = sb->at[v] - first[v];
    }
    if (size[RV_MODEL_IMPORTS] > 0) {
        return false; // their strings are the old model's to free: walked
    }
    struct rv_model *m = w->m;
    struct vec_view mv[RV_MODEL_VECTORS];
    struct vec_view ov[RV_MODEL_VECTORS];
    model_vectors(m, mv);
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        size_t want = *mv[v].len + size[v];
        if (*mv[v].cap < want) {
            size_t cap = RV_MAX(want, 2 * *mv[v].cap);
            *mv[v].items = rv_xrealloc(*mv[v].items, cap * mv[v].size);
            *mv[v].cap = cap;
        }
    }
    if (w->ip && w->ip->on) {
        share_follow(m, old); // the old records live in the same vectors, maybe moved
    }
    model_vectors(old, ov);
    uint32_t now[RV_MODEL_VECTORS];
    uint32_t stop[RV_MODEL_VECTORS];
    int64_t d[RV_MODEL_VECTORS];
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        now[v] = (uint32_t)*mv[v].len;
        stop[v] = now[v] + size[v];
        d[v] = (int64_t)now[v] - (int64_t)first[v];
        memcpy((char *)*mv[v].items + (size_t)now[v] * mv[v].size,
               (const char *)*ov[v].items + (size_t)first[v] * mv[v].size,
               (size_t)size[v] * mv[v].size);
        *mv[v].len += size[v];
    }
    struct scope *scope = top(w);
    renumber_records(m, first, size, now, d, (int32_t)w->path.items[depth - 1], scope->class_index,
                     scope->function, true);
    // Onto the new text, then into the new tree: the subtree is the same.
    struct rv_flat_node *nodes = m->nodes.items;
    uint32_t old_row = ts_node_start_point(nodes[now[RV_MODEL_NODES]].node).row;
    if (start > e->new_end_byte) {
        if (w->move_fast < 0) {
            w->move_fast = rv_node_move_agrees(nodes[now[RV_MODEL_NODES]].node, e, 1);
        }
        struct node_move mvs = {e, 1, w->move_fast == 1};
        each_node(m, now, stop, patch, &mvs);
    }
    // The statement's own node is the one node of the copy that is not the shared subtree's:
    // its id is its slot in the parent, a block rebuilt by the edit, so the records that hold
    // it (a definition's node or outer) take the new one.
    struct root_swap swap = {nodes[now[RV_MODEL_NODES]].node.id, node};
    each_node(m, now, stop, swap_root, &swap);
    each_node(m, now, stop, set_tree, node.tree);
    assert(ts_node_start_byte(nodes[now[RV_MODEL_NODES]].node) == start &&
           ts_node_start_point(nodes[now[RV_MODEL_NODES]].node).row ==
               ts_node_start_point(node).row &&
           ts_node_start_point(nodes[now[RV_MODEL_NODES]].node).column ==
               ts_node_start_point(node).column);
    nodes[now[RV_MODEL_NODES]].node = node;
    uint32_t moved = ts_node_start_point(node).row - old_row; // modulo 2^32: may go back
    for (uint32_t i = now[RV_MODEL_FUNCTIONS]; moved && i < stop[RV_MODEL_FUNCTIONS]; i++) {
        struct rv_function *f = &m->functions.items[i];
        f->def_row += moved;
        f->body_first_row += moved;
        f->end_row += moved;
    }
    // What a walk derives from the statements before: first_in_scope (bind's keys) ...
    const struct in_place *ip = w->ip && in_place_walking(w->ip) ? w->ip : NULL;
    for (uint32_t i = now[RV_MODEL_BINDINGS]; i < stop[RV_MODEL_BINDINGS]; i++) {
        struct rv_binding *b = &m->bindings.items[i];
        b->first_in_scope = first_sight(w, binding_scope(ip, b), b);
    }
    // ... test recognition (a class's reads the classes before it, a function's its class) ...
    for (uint32_t i = now[RV_MODEL_CLASSES]; i < stop[RV_MODEL_CLASSES]; i++) {
        m->classes.items[i].is_test = class_is_test(w, &m->classes.items[i], i);
    }
    for (uint32_t i = now[RV_MODEL_FUNCTIONS]; i < stop[RV_MODEL_FUNCTIONS]; i++) {
        struct rv_function *f = &m->functions.items[i];
        f->is_test = function_is_test(w, f);
        if (f->class_index >= 0 && f->class_index == scope->class_index && scope->in_class_body) {
            m->classes.items[f->class_index].method_count++; // a method of the body's class
        }
    }
    // ... the empty blocks, and a `return x`, `yield` or `raise` of the body's own function
    // (not one of a nested definition or lambda, which the walk does not credit to it).
    struct rv_function *fn =
        !scope->in_class_body && scope->function >= 0 ? &m->functions.items[scope->function] : NULL;
    uint32_t skip = 0;
    for (uint32_t k = now[RV_MODEL_NODES]; k < stop[RV_MODEL_NODES]; k++) {
        uint8_t kind = nodes[k].kind;
        m->empty_blocks += kind == RV_K_BLOCK && nodes[k].end == k + 1;
        if (fn == NULL || k < skip) {
            continue;
        }
        if (kind == RV_K_FUNCTION_DEFINITION || kind == RV_K_LAMBDA ||
            kind == RV_K_CLASS_DEFINITION) {
            skip = nodes[k].end;
        } else if (kind == RV_K_RETURN_STATEMENT) {
            fn->returns_value = fn->returns_value || ts_node_named_child_count(nodes[k].node) > 0;
        } else if (kind == RV_K_YIELD) {
            fn->returns_value = true;
        } else if (kind == RV_K_RAISE_STATEMENT) {
            fn->raises = true;
        }
    }
    w->path.items[depth] = now[RV_MODEL_NODES];
    m->copied_statements++;
    return true;
}

// The final index of record `x` of vector `v`: a record of the run being walked (numbered after
// the old records) moves to the run's place; the others stay.
static uint32_t run_index(const struct in_place *ip, int v, uint32_t x) {
    if (ip == NULL || x == UINT32_MAX || x < ip->run_base[v]) {
        return x;
    }
    return x - ip->run_base[v] + ip->start[v];
}

static int32_t run_index_signed(const struct in_place *ip, int v, int32_t x) {
    return x < 0 ? x : (int32_t)run_index(ip, v, (uint32_t)x);
}

static bool in_place_walking(const struct in_place *ip) {
    return ip->walking;
}

// Renumbers the run's records, now at their place (`count` of each), and the chunks [a, b].
static void renumber_run(struct rv_model *m, const struct in_place *ip,
                         struct rv_model_chunks *chunks, size_t a, size_t b,
                         const uint32_t *count) {
    int64_t d[RV_MODEL_VECTORS];
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        d[v] = (int64_t)ip->start[v] - (int64_t)ip->run_base[v];
    }
    renumber_records(m, ip->run_base, count, ip->start, d, SAME_BEFORE, SAME_BEFORE, -1, true);
    for (size_t j = a; j <= b; j++) {
        struct rv_model_chunk *c = &chunks->list.items[j];
        for (int v = 0; v < RV_MODEL_VECTORS; v++) {
            c->first[v] = run_index(ip, v, c->first[v]);
            c->end[v] = run_index(ip, v, c->end[v]);
        }
    }
}

// Fills the first-in-scope table that a build in place left to its runs (struct walker's
// `lazy`): with the names of the bindings [0, valid) in shared scopes, whose flags stand, then
// bindings [valid, end) as a walk takes them (a run's, numbered where it now stands).
static void fill_seen(struct walker *w, uint32_t valid, uint32_t end) {
    struct rv_model *m = w->m;
    size_t cap = seen_cap_for(w->lazy_hint);
    if (cap > w->seen_cap) {
        free(w->seen);
        w->seen = rv_xcalloc(cap, sizeof(uint64_t));
        w->seen_cap = cap;
    } else {
        memset(w->seen, 0, w->seen_cap * sizeof(uint64_t));
    }
    w->seen_len = 0;
    w->lazy = false;
    for (uint32_t i = 0; i < valid; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        if (shared_scope(b)) {
            bool first = first_sight(w, binding_scope(NULL, b), b);
            assert(first == b->first_in_scope); // what a build that replayed them found
            (void)first;
        }
    }
    for (uint32_t i = valid; i < end; i++) {
        struct rv_binding *b = &m->bindings.items[i];
        b->first_in_scope = first_sight(w, binding_scope(NULL, b), b);
    }
}

// Whether the run being ended (`count` records of each kind, walked after the old records)
// binds the same names in shared scopes, in the same order and the same scopes, as the records
// it replaces, both numbered alike: no run so far changed the number of functions or classes.
// Then the flags of those bindings are what they were, and the run's take them. (Its locals'
// flags are the walk's: their scopes are its own functions.)
static bool same_shared_names(struct walker *w, const uint32_t *count) {
    const struct in_place *ip = w->ip;
    static const int numbered[] = {RV_MODEL_FUNCTIONS, RV_MODEL_CLASSES};
    for (size_t t = 0; t < RV_ARRAY_LEN(numbered); t++) {
        int v = numbered[t];
        if (ip->shift[v] != 0 || count[v] != ip->old_end[v] - ip->start[v]) {
            return false;
        }
    }
    struct rv_binding *items = w->m->bindings.items;
    uint32_t i = ip->start[RV_MODEL_BINDINGS];
    uint32_t old_end = ip->old_end[RV_MODEL_BINDINGS];
    uint32_t k = ip->run_base[RV_MODEL_BINDINGS];
    uint32_t end = k + count[RV_MODEL_BINDINGS];
    for (;;) {
        while (i < old_end && !shared_scope(&items[i])) {
            i++;
        }
        while (k < end && !shared_scope(&items[k])) {
            k++;
        }
        if (i == old_end || k == end) {
            return i == old_end && k == end;
        }
        if (items[i].name_hash != items[k].name_hash ||
            binding_scope(NULL, &items[i]) != binding_scope(ip, &items[k])) {
            return false;
        }
        items[k++].first_in_scope = items[i++].first_in_scope;
    }
}

// Ends the sharing (a copied unit not where the old chunks and the shifts say): the model takes
// fresh vectors holding its records so far. The old records not copied yet go back to where
// the old chunks say they are (a run's shift may have moved them), and the old model keeps
// the shared vectors, without the import strings that are the model's now or were freed.
static void detach(struct walker *w, const struct rv_model_reuse *r) {
    struct in_place *ip = w->ip;
    struct vec_view mv[RV_MODEL_VECTORS];
    model_vectors(w->m, mv);
    share_follow(w->m, r->old);
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        size_t size = mv[v].size;
        size_t keep = *mv[v].len;
        size_t cap = (size_t)ip->old_len[v] + ip->old_len[v] / 8 + 64;
        char *shared = *mv[v].items;
        char *fresh = rv_xmalloc(cap * size);
        if (keep > 0) {
            memcpy(fresh, shared, keep * size);
        }
        size_t back = (size_t)((int64_t)keep - ip->shift[v]);
        if (ip->shift[v] != 0 && ip->old_len[v] > keep) {
            memmove(shared + back * size, shared + keep * size, (ip->old_len[v] - keep) * size);
        }
        if (v == RV_MODEL_IMPORTS && back > 0) {
            memset(shared, 0, back * size);
        }
        *mv[v].items = fresh;
        *mv[v].cap = cap;
    }
    ip->on = false;
    if (w->lazy) {
        // The copies from here on replay their bindings, as without sharing.
        fill_seen(w, (uint32_t)w->m->bindings.len, (uint32_t)w->m->bindings.len);
    }
}

// Starts the run of walked units [j, last] (before unit j's chunk is marked): it replaces the
// old records from here to the next copied unit's, and is walked after the old records.
static void begin_run(struct walker *w, const struct rv_model_reuse *r,
                      const struct rv_model_units *units, size_t j) {
    struct in_place *ip = w->ip;
    size_t n = units->list.len;
    size_t last = j;
    while (last + 1 < n && r->copy_from[last + 1] < 0) {
        last++;
    }
    const struct rv_model_chunks *oc = r->old_chunks;
    long next = last + 1 < n ? r->copy_from[last + 1] : -1;
    mark_chunk(w->m, ip->start);
    bool ok = true;
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        int64_t end = next >= 0 ? oc->list.items[next].first[v] + ip->shift[v] : ip->old_len[v];
        ok = ok && end >= ip->start[v] && end <= ip->old_len[v];
        ip->old_end[v] = (uint32_t)end;
        ip->run_base[v] = ip->old_len[v];
    }
    if (!ok) {
        detach(w, r);
        return;
    }
    struct vec_view mv[RV_MODEL_VECTORS];
    model_vectors(w->m, mv);
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        *mv[v].len = ip->old_len[v];
    }
    w->skip_lo = ip->start[RV_MODEL_CLASSES];
    w->skip_hi = ip->old_len[RV_MODEL_CLASSES];
    ip->last = last;
    ip->walking = true;
}

// Moves the run (`count` records of each kind, walked after the old records) over the records
// it replaces. In a vector where it yields as many as it replaces that is one copy; in the
// others the old records after it move up or down to follow it (by memmove, in the shared
// vectors) and copy_chunk renumbers them where they land (struct in_place's shift).
static void place_run(struct rv_model *m, struct in_place *ip, const uint32_t *count) {
    for (uint32_t i = ip->start[RV_MODEL_IMPORTS]; i < ip->old_end[RV_MODEL_IMPORTS]; i++) {
        struct rv_import *imp = &m->imports.items[i]; // replaced: its strings go
        free(imp->module);
        free(imp->name);
        free(imp->local);
    }
    struct vec_view mv[RV_MODEL_VECTORS];
    model_vectors(m, mv);
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        char *items = *mv[v].items;
        size_t size = mv[v].size;
        char *to = items + (size_t)ip->start[v] * size;
        const char *walked = items + (size_t)ip->run_base[v] * size;
        size_t bytes = (size_t)count[v] * size;
        int64_t delta = (int64_t)count[v] - (int64_t)(ip->old_end[v] - ip->start[v]);
        size_t tail = ip->old_len[v] - ip->old_end[v];
        if (delta == 0 || tail == 0) {
            if (bytes > 0) { // the run ends where the old records it replaces did: no overlap
                memmove(to, walked, bytes);
            }
        } else {
            char *run = bytes ? rv_xmalloc(bytes) : NULL; // the moved tail may cover it
            if (bytes > 0) {
                memcpy(run, walked, bytes);
            }
            memmove(to + bytes, items + (size_t)ip->old_end[v] * size, tail * size);
            if (bytes > 0) {
                memcpy(to, run, bytes);
            }
            free(run);
        }
        ip->shift[v] += delta;
        ip->old_len[v] = (uint32_t)((int64_t)ip->old_len[v] + delta);
        *mv[v].len = (size_t)ip->start[v] + count[v];
    }
}

// Whether the run's classes (`count` records of each kind, walked after the old records) leave
// test recognition after it as it was: as many as the records they replace, each a test class
// where that one was, by the same name. Later classes read the earlier test classes' names (a
// base defined in the file), and methods their class's flag; nothing else of the run.
static bool same_tests(const struct rv_model *m, const struct in_place *ip, const uint32_t *count) {
    uint32_t n = count[RV_MODEL_CLASSES];
    if (n != ip->old_end[RV_MODEL_CLASSES] - ip->start[RV_MODEL_CLASSES]) {
        return false;
    }
    const struct rv_class *old = m->classes.items + ip->start[RV_MODEL_CLASSES];
    const struct rv_class *run = m->classes.items + ip->run_base[RV_MODEL_CLASSES];
    for (uint32_t k = 0; k < n; k++) {
        if (old[k].is_test != run[k].is_test ||
            (run[k].is_test && old[k].name_hash != run[k].name_hash)) {
            return false;
        }
    }
    return true;
}

// Ends the run of units [a, b], after unit `b`'s chunk is recorded: its records take the place
// of the ones they replace (place_run). The caller renumbers what it holds of the run
// (run_index) before the next begin_run. Returns same_tests.
static bool end_run(struct walker *w, const struct rv_model_reuse *r,
                    struct rv_model_chunks *chunks, size_t a, size_t b) {
    struct in_place *ip = w->ip;
    struct rv_model *m = w->m;
    struct vec_view mv[RV_MODEL_VECTORS];
    model_vectors(m, mv);
    share_follow(m, r->old);
    uint32_t count[RV_MODEL_VECTORS];
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        count[v] = (uint32_t)(*mv[v].len - ip->old_len[v]);
    }
    bool fill = w->lazy && !same_shared_names(w, count);
    bool tests = same_tests(m, ip, count);
    place_run(m, ip, count);
    renumber_run(m, ip, chunks, a, b, count);
    for (size_t k = 0; k < ip->ends.len; k++) {
        struct rv_flat_node *n = &m->nodes.items[ip->ends.items[k]];
        n->end = run_index(ip, RV_MODEL_NODES, n->end);
    }
    ip->ends.len = 0;
    if (fill) {
        uint32_t start = ip->start[RV_MODEL_BINDINGS];
        fill_seen(w, start, start + count[RV_MODEL_BINDINGS]);
    }
    w->skip_lo = 0;
    w->skip_hi = 0;
    ip->walking = false;
    return tests;
}

// Appends records [first, end) of size `size` from the array `src` (NULL when empty) to the
// vector whose fields are given.
static void append_block(void **items, size_t *len, size_t *cap, const void *src, uint32_t first,
                         uint32_t end, size_t size) {
    size_t n = end - first;
    if (n == 0) {
        return; // src may be NULL: no address is formed from it
    }
    if (*len + n > *cap) {
        size_t want = RV_MAX(*len + n, 2 * *cap);
        *items = rv_xrealloc(*items, want * size);
        *cap = want;
    }
    char *to = (char *)*items + *len * size;
    const char *from = (const char *)src + (size_t)first * size;
    if (to != from) { // a build in place finds its records where they are
        memcpy(to, from, n * size);
    }
    *len += n;
}

#define APPEND_BLOCK(vec, src, chunk, v)                                                           \
    append_block((void **)&(vec).items, &(vec).len, &(vec).cap, (src), (chunk)->first[v],          \
                 (chunk)->end[v], sizeof(*(vec).items))

// A chunk copied to the very place it had (every vector's records before it unchanged in
// number) and into the same container holds the same indices: its records are copied in
// blocks, not renumbered one by one. With `settled` (the classes before it are the old ones in
// their places: every unit before it was copied from the same place, or walked again with the
// same text or without a class), the flags that follow from the units before it (test
// recognition) are what they were too.
static void copy_chunk_in_place(struct walker *w, const struct rv_model_reuse *r,
                                const struct rv_model_chunk *oc, const uint32_t *now,
                                bool settled) {
    struct rv_model *m = w->m;
    struct rv_model *old = r->old;
    const uint32_t *first = oc->first;
    const uint32_t *last = oc->end;
    APPEND_BLOCK(m->nodes, old->nodes.items, oc, RV_MODEL_NODES);
    APPEND_BLOCK(m->functions, old->functions.items, oc, RV_MODEL_FUNCTIONS);
    APPEND_BLOCK(m->classes, old->classes.items, oc, RV_MODEL_CLASSES);
    APPEND_BLOCK(m->params, old->params.items, oc, RV_MODEL_PARAMS);
    uint32_t first_binding = (uint32_t)m->bindings.len;
    APPEND_BLOCK(m->bindings, old->bindings.items, oc, RV_MODEL_BINDINGS);
    size_t imports = last[RV_MODEL_IMPORTS] - first[RV_MODEL_IMPORTS];
    if (imports > 0) { // moved, not copied: the old model must not free their strings
        bool shared = m->imports.items == old->imports.items; // a build in place
        APPEND_BLOCK(m->imports, old->imports.items, oc, RV_MODEL_IMPORTS);
        if (!shared) {
            memset(old->imports.items + first[RV_MODEL_IMPORTS], 0,
                   imports * sizeof(struct rv_import));
        }
    }
    APPEND_BLOCK(m->comments, old->comments.items, oc, RV_MODEL_COMMENTS);
    APPEND_BLOCK(m->calls, old->calls.items, oc, RV_MODEL_CALLS);
    finish_copy(w, r, oc, now, first_binding, settled, NULL);
}

// Renumbers records that stand at `now`, `size` of each, whose indices were numbered from
// `first` (records moved by `d`): an index into them moves with them, one before them points
// at their container (the class of a class body's statement, or the node holding it, and the
// function whose body holds a statement: -1 for a unit), or stays with SAME_BEFORE.
static void renumber_records(struct rv_model *m, const uint32_t *first, const uint32_t *size,
                             const uint32_t *now, const int64_t *d, int32_t node_in,
                             int32_t class_in, int32_t function_in, bool nodes_too) {
    struct rv_flat_node *nodes = m->nodes.items + now[RV_MODEL_NODES];
    for (uint32_t i = 0; nodes_too && i < size[RV_MODEL_NODES]; i++) {
        nodes[i].parent = (uint32_t)map_index((int32_t)nodes[i].parent, first[RV_MODEL_NODES],
                                              d[RV_MODEL_NODES], node_in);
        nodes[i].end = (uint32_t)(nodes[i].end + d[RV_MODEL_NODES]);
    }
    struct rv_function *fns = m->functions.items + now[RV_MODEL_FUNCTIONS];
    for (uint32_t i = 0; i < size[RV_MODEL_FUNCTIONS]; i++) {
        struct rv_function *f = &fns[i];
        f->class_index =
            map_index(f->class_index, first[RV_MODEL_CLASSES], d[RV_MODEL_CLASSES], class_in);
        f->parent_function = map_index(f->parent_function, first[RV_MODEL_FUNCTIONS],
                                       d[RV_MODEL_FUNCTIONS], function_in);
        f->params_start = (uint32_t)(f->params_start + d[RV_MODEL_PARAMS]);
        f->node_index = (uint32_t)(f->node_index + d[RV_MODEL_NODES]);
        // UINT32_MAX (none) stays; so does 0, a walked function's body not looked up yet.
        f->body_index = (uint32_t)map_index((int32_t)f->body_index, first[RV_MODEL_NODES],
                                            d[RV_MODEL_NODES], SAME_BEFORE);
    }
    struct rv_class *classes = m->classes.items + now[RV_MODEL_CLASSES];
    for (uint32_t i = 0; i < size[RV_MODEL_CLASSES]; i++) {
        struct rv_class *c = &classes[i];
        c->parent_class =
            map_index(c->parent_class, first[RV_MODEL_CLASSES], d[RV_MODEL_CLASSES], class_in);
        c->parent_function = map_index(c->parent_function, first[RV_MODEL_FUNCTIONS],
                                       d[RV_MODEL_FUNCTIONS], function_in);
    }
    struct rv_param *params = m->params.items + now[RV_MODEL_PARAMS];
    for (uint32_t i = 0; i < size[RV_MODEL_PARAMS]; i++) {
        params[i].function = (uint32_t)(params[i].function + d[RV_MODEL_FUNCTIONS]);
    }
    struct rv_binding *bindings = m->bindings.items + now[RV_MODEL_BINDINGS];
    for (uint32_t i = 0; i < size[RV_MODEL_BINDINGS]; i++) {
        struct rv_binding *b = &bindings[i];
        b->function =
            map_index(b->function, first[RV_MODEL_FUNCTIONS], d[RV_MODEL_FUNCTIONS], function_in);
        b->class_index =
            map_index(b->class_index, first[RV_MODEL_CLASSES], d[RV_MODEL_CLASSES], class_in);
    }
}

// `now` is where each vector stands (mark_chunk), where the chunk's records go.
static void copy_chunk(struct walker *w, const struct rv_model_reuse *r, size_t oj,
                       const uint32_t *now, uint32_t node_in, int32_t class_in, bool settled) {
    struct rv_model *m = w->m;
    struct rv_model *old = r->old;
    const struct rv_model_chunk *oc = &r->old_chunks->list.items[oj];
    if (oc->container_node == node_in && oc->container_class == class_in &&
        memcmp(now, oc->first, sizeof(oc->first)) == 0) {
        copy_chunk_in_place(w, r, oc, now, settled);
        return;
    }
    int64_t d[RV_MODEL_VECTORS];
    bool shifted = w->ip && w->ip->on; // found where a run's shift left it (build in place)
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        d[v] = (int64_t)now[v] - (int64_t)oc->first[v];
        shifted = shifted && d[v] == w->ip->shift[v];
    }
    if (shifted) {
        struct vec_view mv[RV_MODEL_VECTORS];
        model_vectors(m, mv);
        for (int v = 0; v < RV_MODEL_VECTORS; v++) {
            *mv[v].len += oc->end[v] - oc->first[v];
        }
    } else {
        if (w->ip && w->ip->on) {
            detach(w, r); // renumbered records are written over others: own vectors first
        }
        APPEND_BLOCK(m->nodes, old->nodes.items, oc, RV_MODEL_NODES);
        APPEND_BLOCK(m->functions, old->functions.items, oc, RV_MODEL_FUNCTIONS);
        APPEND_BLOCK(m->classes, old->classes.items, oc, RV_MODEL_CLASSES);
        APPEND_BLOCK(m->params, old->params.items, oc, RV_MODEL_PARAMS);
        APPEND_BLOCK(m->bindings, old->bindings.items, oc, RV_MODEL_BINDINGS);
        APPEND_BLOCK(m->imports, old->imports.items, oc, RV_MODEL_IMPORTS);
        size_t imports = oc->end[RV_MODEL_IMPORTS] - oc->first[RV_MODEL_IMPORTS];
        if (imports > 0) { // moved, not copied: the old model must not free their strings
            memset(old->imports.items + oc->first[RV_MODEL_IMPORTS], 0,
                   imports * sizeof(struct rv_import));
        }
        APPEND_BLOCK(m->comments, old->comments.items, oc, RV_MODEL_COMMENTS);
        APPEND_BLOCK(m->calls, old->calls.items, oc, RV_MODEL_CALLS);
    }
    uint32_t size[RV_MODEL_VECTORS];
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        size[v] = oc->end[v] - oc->first[v];
    }
    // The nodes' indices are renumbered where they are moved onto the edited text.
    renumber_records(m, oc->first, size, now, d, (int32_t)node_in, class_in, -1, false);
    struct rv_node_renumber rn = {true, oc->first[RV_MODEL_NODES], (int32_t)node_in,
                                  d[RV_MODEL_NODES]};
    // Shifted by a run that left the classes before it as they were (same text, same indices),
    // its test flags still hold.
    finish_copy(w, r, oc, now, now[RV_MODEL_BINDINGS],
                shifted && settled && d[RV_MODEL_CLASSES] == 0, &rn);
}

// The units from `j` on that a build in place copies as one, all alike: each is the old unit of
// its index, in the container the walk stands in (`node_in`, `class_in`) or in a top-level class
// whose head and last unit both lie in the span, its old records following the last one's, and
// on the same side of the single edit as the first; and all where they were (`*shifted` false)
// or all where a run's change of counts moved them (struct in_place's shift). Returns one past
// the last (`j` when unit `j` is not one).
static size_t span_end(const struct rv_model *m, const struct rv_model_reuse *r,
                       const struct in_place *ip, const struct rv_model_units *units, size_t j,
                       uint32_t node_in, int32_t class_in, bool *shifted) {
    const struct rv_model_chunk *old = r->old_chunks->list.items;
    size_t n = RV_MIN(units->list.len, r->count);
    uint32_t now[RV_MODEL_VECTORS];
    mark_chunk(m, now);
    if (r->edit_count != 1 || j >= n) {
        return j;
    }
    bool in_place = true;
    bool moved = true;
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        int64_t d = (int64_t)now[v] - (int64_t)old[j].first[v];
        in_place = in_place && d == 0;
        moved = moved && d == ip->shift[v];
    }
    if (!in_place && !moved) {
        return j;
    }
    *shifted = !in_place;
    bool after = old[j].start_byte >= r->edits[0].start_byte;
    // A top-level class (class_depth 1) may lie in the span whole, head to last unit: the scope
    // its head opens its last unit closes, and its nodes' ends and method count are what they
    // were (the records renumbered alike). `head` is the one whose units the loop is in, or
    // SIZE_MAX; a class nested in it ends the span before that head.
    size_t head = SIZE_MAX;
    size_t k = j;
    for (; k < n && r->copy_from[k] == (long)k; k++) {
        const struct rv_model_unit *u = &units->list.items[k];
        bool body = u->kind == RV_UNIT_CLASS_BODY;
        bool last_of_class =
            u->kind != RV_UNIT_STATEMENT &&
            (k + 1 == units->list.len || units->list.items[k + 1].kind != RV_UNIT_CLASS_BODY);
        bool inside = body && head != SIZE_MAX;
        uint32_t container = inside ? old[head].first[RV_MODEL_NODES] + old[head].block_offset
                             : body ? node_in
                                    : 0;
        int32_t container_class = inside ? (int32_t)old[head].first[RV_MODEL_CLASSES]
                                  : body ? class_in
                                         : -1;
        if ((u->kind == RV_UNIT_CLASS_HEAD && (u->class_depth != 1 || last_of_class)) ||
            (last_of_class && !inside) || old[k].container_node != container ||
            old[k].container_class != container_class ||
            (old[k].start_byte >= r->edits[0].start_byte) != after ||
            (k > j && memcmp(old[k].first, old[k - 1].end, sizeof(now)) != 0)) {
            break;
        }
        if (u->kind == RV_UNIT_CLASS_HEAD) {
            head = k;
        } else if (last_of_class) {
            head = SIZE_MAX;
        }
    }
    // A class cut short is left to the units' own copies, from its head on.
    return head == SIZE_MAX ? k : head;
}

// Copies the units [j, k) that span_end found as one: what copy_chunk does for each (the
// vectors' lengths; the records renumbered when a run's change of counts moved them; one move
// of their nodes; first_in_scope replayed; the counters), and their chunks, the old ones with
// the new bytes and indices. A keystroke's build copies hundreds of units around the one it
// walks; one at a time they cost more than the walk.
static void copy_span(struct walker *w, const struct rv_model_reuse *r,
                      const struct rv_model_units *units, size_t j, size_t k, bool shifted,
                      bool settled, uint32_t node_in, int32_t class_in,
                      struct rv_model_chunks *chunks) {
    struct rv_model *m = w->m;
    const struct rv_model_chunk *old = r->old_chunks->list.items;
    struct rv_model_chunk span = old[j];
    memcpy(span.end, old[k - 1].end, sizeof(span.end));
    for (size_t t = j + 1; t < k; t++) {
        span.top_level_functions += old[t].top_level_functions;
        span.module_variables += old[t].module_variables;
        span.empty_blocks += old[t].empty_blocks;
    }
    uint32_t now[RV_MODEL_VECTORS];
    mark_chunk(m, now);
    int64_t d[RV_MODEL_VECTORS];
    uint32_t size[RV_MODEL_VECTORS];
    struct vec_view mv[RV_MODEL_VECTORS];
    model_vectors(m, mv);
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        d[v] = (int64_t)now[v] - (int64_t)span.first[v];
        size[v] = span.end[v] - span.first[v];
        assert(now[v] + size[v] <= *mv[v].cap);
        *mv[v].len = now[v] + size[v];
    }
    struct rv_node_renumber rn = {0};
    if (shifted) {
        // Records before the span point at the container the first unit stands in; those of a
        // class inside it point inside it, and move with it. The nodes' indices are renumbered
        // where they are moved onto the edited text (finish_copy): one pass over them.
        bool body = units->list.items[j].kind == RV_UNIT_CLASS_BODY;
        int32_t container = body ? (int32_t)node_in : 0;
        renumber_records(m, span.first, size, now, d, container, body ? class_in : -1, -1, false);
        rn = (struct rv_node_renumber){true, span.first[RV_MODEL_NODES], container,
                                       d[RV_MODEL_NODES]};
    }
    // Test recognition reads the classes before each class and a function's own (judged first,
    // in order): taken again for the whole span, the flags are what they would be unit by unit.
    // Settled and not moved by a run's new classes, they are the old ones.
    finish_copy(w, r, &span, now, now[RV_MODEL_BINDINGS],
                settled && (!shifted || d[RV_MODEL_CLASSES] == 0), &rn);
    struct node_move move = {r->edits, r->edit_count, w->move_fast == 1};
    // The chunks are the old ones, copied as a block (hundreds a keystroke), then what differs:
    // the index they were copied from, their bytes and node after the edit, their records'
    // indices when moved. A unit's after_error reads the one before it, which inside the span
    // is the old one before it.
    rv_vec_reserve(&chunks->list, chunks->list.len + (k - j));
    struct rv_model_chunk *to = chunks->list.items + chunks->list.len;
    memcpy(to, old + j, (k - j) * sizeof(*to));
    bool after = r->edit_count != 1 || old[j].start_byte >= r->edits[0].start_byte;
    to[0].after_error = j > 0 && chunks->list.items[chunks->list.len - 1].has_error;
    for (size_t t = j; t < k; t++, to++) {
        to->reused = (long)t;
        if (after) {
            to->start_byte = units->list.items[t].start_byte;
            to->end_byte = units->list.items[t].end_byte;
            patch(&to->node, &move);
        }
        for (int v = 0; shifted && v < RV_MODEL_VECTORS; v++) {
            to->first[v] = (uint32_t)(to->first[v] + d[v]);
            to->end[v] = (uint32_t)(to->end[v] + d[v]);
        }
        assert(to->start_byte == units->list.items[t].start_byte &&
               to->end_byte == units->list.items[t].end_byte);
        assert(t == j || to->after_error == to[-1].has_error);
    }
    chunks->list.len += k - j;
}

// Ends a class split into units: its open nodes end where its last unit did, its method count
// is taken again, and its scope closes.
static void close_class(struct walker *w, uint32_t block, int32_t cls, uint32_t first_function,
                        uint8_t class_depth) {
    struct rv_model *m = w->m;
    struct in_place *ip = w->ip && w->ip->walking ? w->ip : NULL;
    for (uint32_t i = block; i != 0 && i != UINT32_MAX; i = m->nodes.items[i].parent) {
        m->nodes.items[i].end = (uint32_t)m->nodes.len;
        if (ip && i < ip->start[RV_MODEL_NODES]) {
            rv_vec_push(&ip->ends, i); // an end numbered in the run: renumbered with it
        }
    }
    // In a run walked in place, the old records between the run's place and its own ones are
    // no class's.
    size_t skip_lo = ip ? ip->start[RV_MODEL_FUNCTIONS] : 0;
    size_t skip_hi = ip ? ip->old_len[RV_MODEL_FUNCTIONS] : 0;
    uint32_t methods = 0;
    for (size_t f = first_function; f < m->functions.len; f++) {
        if (f >= skip_lo && f < skip_hi) {
            f = skip_hi - 1;
            continue;
        }
        methods += m->functions.items[f].is_method && m->functions.items[f].class_index == cls;
    }
    m->classes.items[cls].method_count = methods;
    while (w->scopes.len > 1 && top(w)->depth >= class_depth) {
        w->scopes.len--;
    }
}

static bool is_definition(enum rv_kind kind) {
    return kind == RV_K_FUNCTION_DEFINITION || kind == RV_K_CLASS_DEFINITION ||
           kind == RV_K_DECORATED_DEFINITION;
}

// Whether the edit, in `unit`, lies outside every definition's own lines: in no signature, no
// decorator, no class line, but in a statement of each body it enters. Then what a statement
// of the unit reads around it (its function's parameters and `self`, the decorators, the
// class's bases) is as it was, and only the statements before it in their scopes may have
// changed, which a copy takes again.
static bool edit_outside_headers(TSNode unit, const TSInputEdit *e) {
    TSTreeCursor c = ts_tree_cursor_new(unit);
    enum rv_kind parent = RV_K_COUNT;
    enum rv_kind here = rv_kind(unit);
    bool in_header = is_definition(here);
    while (ts_tree_cursor_goto_first_child_for_byte(&c, e->start_byte) >= 0) {
        TSNode n = ts_tree_cursor_current_node(&c);
        if (ts_node_start_byte(n) > e->start_byte || ts_node_end_byte(n) < e->new_end_byte) {
            break; // no child holds the whole edit (or the cursor stopped at one before it)
        }
        enum rv_kind kind = rv_kind(n);
        if (here == RV_K_BLOCK &&
            (parent == RV_K_FUNCTION_DEFINITION || parent == RV_K_CLASS_DEFINITION)) {
            in_header = false; // a statement of a body holds it
        }
        if (is_definition(kind)) {
            in_header = true;
        }
        parent = here;
        here = kind;
    }
    ts_tree_cursor_delete(&c);
    return !in_header;
}

// The old unit that walked unit `u` replaces, when it may lend statements (sub_copy): after
// one edit, the old unit of the same kind and depth that spanned the same bytes (mapped
// through the edit), neither holding a syntax error nor read while the parser recovered, with
// its records where they were (a build in place that moved none). Fills `sb`.
static bool sub_twin(const struct walker *w, const struct rv_model_reuse *r,
                     const struct rv_model_unit *u, struct sub *sb) {
    if (r == NULL || r->edit_count != 1 || !rv_node_same_works() || ts_node_has_error(u->node)) {
        return false;
    }
    const TSInputEdit *e = &r->edits[0];
    if (u->start_byte <= e->start_byte && u->end_byte >= e->new_end_byte &&
        !edit_outside_headers(u->node, e)) {
        return false; // an edit in the unit's own lines (a signature, say), or between its
                      // statements
    }
    uint32_t delta = e->new_end_byte - e->old_end_byte; // modulo 2^32
    uint32_t old_start;
    if (u->start_byte <= e->start_byte) {
        old_start = u->start_byte;
    } else if (u->start_byte >= e->new_end_byte) {
        old_start = u->start_byte - delta;
    } else {
        return false;
    }
    const struct rv_model_chunk *list = r->old_chunks->list.items;
    size_t lo = 0;
    size_t hi = r->old_chunks->list.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list[mid].start_byte < old_start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == r->old_chunks->list.len) {
        return false;
    }
    const struct rv_model_chunk *oc = &list[lo];
    uint32_t old_end = oc->end_byte;
    uint32_t mapped_end = old_end >= e->old_end_byte ? old_end + delta
                          : old_end <= e->start_byte ? old_end
                                                     : UINT32_MAX;
    if (oc->start_byte != old_start || mapped_end != u->end_byte || oc->kind != u->kind ||
        oc->class_depth != u->class_depth || oc->has_error || oc->after_error ||
        oc->read_recovering) {
        return false;
    }
    const struct in_place *ip = w->ip && w->ip->on ? w->ip : NULL;
    for (int v = 0; v < RV_MODEL_VECTORS; v++) {
        // In place, the records a run replaces stay where they were until it ends, unless an
        // earlier run moved them.
        if (ip &&
            (ip->shift[v] != 0 || oc->first[v] < ip->start[v] || oc->end[v] > ip->old_end[v])) {
            return false;
        }
        sb->first[v] = sb->at[v] = oc->first[v];
        sb->end[v] = oc->end[v];
    }
    sb->old = r->old;
    sb->edit = e;
    return true;
}

bool rv_model_build_chunked(struct rv_model *model, struct rv_model_chunks *chunks,
                            const struct rv_text *text, TSNode root, bool is_test_file,
                            const struct rv_model_units *units,
                            const struct rv_model_reuse *reuse) {
    rv_kinds_init();
    memset(model, 0, sizeof(*model));
    struct walker w = {.m = model, .text = text, .is_test_file = is_test_file, .move_fast = -1};
    struct scope module_scope = {0, -1, -1, false};
    rv_vec_push(&w.scopes, module_scope);
    model->module_docstring = docstring_of(root);
    uint32_t top_count = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < top_count && ts_node_is_null(model->first_statement); i++) {
        TSNode stmt = ts_node_named_child(root, i);
        model->first_statement = ts_node_is_extra(stmt) ? model->first_statement : stmt;
    }
    struct in_place ip = {0};
    if (reuse && units && chunks && reuse->count == units->list.len) {
        w.ip = &ip;
        share_old(&ip, model, reuse->old);
    }
    if (reuse) {
        // About the old model's sizes: growing by doubling would copy it several times.
        const struct rv_model *old = reuse->old;
        if (!ip.on) {
            rv_vec_reserve(&model->nodes, old->nodes.len + old->nodes.len / 8 + 64);
            rv_vec_reserve(&model->functions, old->functions.len + 16);
            rv_vec_reserve(&model->classes, old->classes.len + 16);
            rv_vec_reserve(&model->params, old->params.len + 16);
            rv_vec_reserve(&model->bindings, old->bindings.len + 16);
            rv_vec_reserve(&model->imports, old->imports.len + 16);
            rv_vec_reserve(&model->comments, old->comments.len + 16);
            rv_vec_reserve(&model->calls, old->calls.len + 16);
        }
        // The first-in-scope table too: grown from its smallest size it was rehashed three
        // times or more per keystroke. It holds the names that scopes share across units and
        // those of the walked units' functions: about what the last build held (sized by every
        // binding, clearing it cost more than the lookups). A build in place fills it only
        // when a run changes a shared name (struct walker's `lazy`): it starts small.
        w.lazy = ip.on;
        w.lazy_hint = old->scope_names;
        if (reuse->later && rv_helper_warm_now(reuse->helper)) {
            w.later = reuse->later;
            *w.later = (struct rv_model_move){.helper = reuse->helper};
        }
        size_t cap = w.lazy ? seen_cap_for(0) : seen_cap_for(old->scope_names);
        w.seen = rv_xcalloc(cap, sizeof(uint64_t));
        w.seen_cap = cap;
    } else {
        // Python source runs to about five bytes a node (two in dense tables, far more in
        // long strings): reserving for four spares the walk most of the copies of doubling,
        // and the surplus is given back below.
        rv_vec_reserve(&model->nodes, text->len / 4 + 64);
    }
    if (chunks == NULL) {
        walk_subtree(&w, root, 0, (TSNode){0});
    } else {
        // The root by hand, then each unit: walked, or copied when reused.
        chunks->list.len = 0;
        TSSymbol symbol = ts_node_symbol(root);
        struct rv_flat_node flat = {
            .node = root,
            .parent = UINT32_MAX,
            .symbol = symbol,
            .kind = rv__kind_of_symbol[symbol],
            .named = ts_node_is_named(root),
        };
        rv_vec_push(&model->nodes, flat);
        rv_vec_push(&w.path, 0);
        visit(&w, root, (enum rv_kind)flat.kind, 0);
        size_t run_first = 0;      /* the first unit of the run walked in place */
        bool settled = true;       /* the classes before the unit are the old ones, in place */
        uint32_t block = 0;        /* the body of the class being split, in the new model */
        int32_t cls = -1;          /* that class */
        uint32_t cls_function = 0; /* its first function */
        for (size_t j = 0; j < units->list.len; j++) {
            const struct rv_model_unit *u = &units->list.items[j];
            long from = reuse && j < reuse->count ? reuse->copy_from[j] : -1;
            // Units copied in a row, where they were or all moved alike: as one (copy_span).
            bool shifted = false;
            size_t span = ip.on && !ip.walking && from == (long)j
                              ? span_end(model, reuse, &ip, units, j, block, cls, &shifted)
                              : j;
            if (span > j + 1) {
                copy_span(&w, reuse, units, j, span, shifted, settled, block, cls, chunks);
                j = span - 1;
                continue;
            }
            settle(&w);
            if (ip.on && !ip.walking && from < 0) {
                begin_run(&w, reuse, units, j);
                run_first = j;
            }
            struct rv_model_chunk c = {.node = u->node,
                                       .reused = from,
                                       .tree = 0,
                                       .kind = u->kind,
                                       .class_depth = u->class_depth,
                                       .start_byte = u->start_byte,
                                       .end_byte = u->end_byte};
            mark_chunk(model, c.first);
            uint32_t functions = model->top_level_functions;
            uint32_t variables = model->module_variables;
            uint32_t empty_blocks = model->empty_blocks;
            bool body = u->kind == RV_UNIT_CLASS_BODY;
            uint32_t depth = body ? (uint32_t)u->class_depth + 2 : 1;
            c.container_node = body ? block : 0;
            c.container_class = body ? cls : -1;
            settled = settled && (from == (long)j || from < 0);
            if (from >= 0) {
                const struct rv_model_chunk *oc = &reuse->old_chunks->list.items[from];
                copy_chunk(&w, reuse, (size_t)from, c.first, c.container_node, c.container_class,
                           settled);
                c.tree = oc->tree;
                c.node = oc->node;
                c.has_error = oc->has_error;
                c.read_recovering = oc->read_recovering;
                c.symbol = oc->symbol;
                c.child_count = oc->child_count;
                // Moved as its records were (by the library until a copy has asked).
                struct node_move mv = {reuse->edits, reuse->edit_count, w.move_fast == 1};
                patch(&c.node, &mv);
                c.block_offset = oc->block_offset;
                if (u->kind == RV_UNIT_CLASS_HEAD) {
                    // The class's scope, as its walk would have left it, for the units after.
                    cls = (int32_t)c.first[RV_MODEL_CLASSES];
                    block = c.first[RV_MODEL_NODES] + oc->block_offset;
                    struct scope inner = {u->class_depth, -1, cls, true};
                    rv_vec_push(&w.scopes, inner);
                }
            } else {
                if (body) {
                    while (w.path.len <= depth) {
                        rv_vec_push(&w.path, 0);
                    }
                    w.path.items[depth - 1] = block;
                }
                struct sub sb;
                w.sub = sub_twin(&w, reuse, u, &sb) ? &sb : NULL;
                walk_subtree(&w, u->node, depth, u->stop);
                w.sub = NULL;
                if (ip.walking) {
                    share_follow(model, reuse->old); // the walk may have moved the vectors
                }
                c.has_error = rv_model_unit_has_error(u);
                c.symbol = ts_node_symbol(u->node);
                c.child_count = ts_node_child_count(u->node);
                if (u->kind == RV_UNIT_CLASS_HEAD) {
                    block = w.path.items[u->class_depth + 1];
                    cls = top(&w)->class_index;
                    c.block_offset = block - c.first[RV_MODEL_NODES];
                }
                // Test recognition reads only the classes before a unit: a unit walked again
                // leaves it settled for the units after when it holds the text it held in its
                // place (a class head walked with its body) or defines no class; a run walked
                // in place, when its classes are the test classes they were (end_run).
                settled = settled && (ip.walking ||
                                      (reuse && j < reuse->count && reuse->repeats &&
                                       reuse->repeats[j] == (long)j) ||
                                      model->classes.len == c.first[RV_MODEL_CLASSES]);
            }
            if (u->kind == RV_UNIT_CLASS_HEAD) {
                cls_function = c.first[RV_MODEL_FUNCTIONS];
            }
            mark_chunk(model, c.end);
            c.top_level_functions = model->top_level_functions - functions;
            c.module_variables = model->module_variables - variables;
            c.empty_blocks = model->empty_blocks - empty_blocks;
            c.after_error = j > 0 && chunks->list.items[j - 1].has_error;
            rv_vec_push(&chunks->list, c);
            bool last_of_class =
                u->kind != RV_UNIT_STATEMENT &&
                (j + 1 == units->list.len || units->list.items[j + 1].kind != RV_UNIT_CLASS_BODY);
            if (ip.walking && last_of_class) {
                close_class(&w, block, cls, cls_function, u->class_depth);
                last_of_class = false; // closed inside the run, in its numbering
            }
            if (ip.walking && j == ip.last) {
                settled = end_run(&w, reuse, chunks, run_first, j) && settled;
                block = run_index(&ip, RV_MODEL_NODES, block);
                cls = run_index_signed(&ip, RV_MODEL_CLASSES, cls);
                cls_function = run_index(&ip, RV_MODEL_FUNCTIONS, cls_function);
                for (size_t k = 0; k < w.scopes.len; k++) {
                    struct scope *sc = &w.scopes.items[k];
                    sc->function = run_index_signed(&ip, RV_MODEL_FUNCTIONS, sc->function);
                    sc->class_index = run_index_signed(&ip, RV_MODEL_CLASSES, sc->class_index);
                }
            }
            if (last_of_class) {
                close_class(&w, block, cls, cls_function, u->class_depth);
            }
        }
        model->nodes.items[0].end = (uint32_t)model->nodes.len;
        if (ip.on) {
            // The old records no unit took (old units dropped after the last run, or with no
            // unit left at all) lie after the model's own: their import strings go. Every
            // other record is the model's now, and the old model gives up the vectors.
            for (size_t i = model->imports.len; i < ip.old_len[RV_MODEL_IMPORTS]; i++) {
                free(model->imports.items[i].module);
                free(model->imports.items[i].name);
                free(model->imports.items[i].local);
            }
            struct vec_view ov[RV_MODEL_VECTORS];
            model_vectors(reuse->old, ov);
            for (int v = 0; v < RV_MODEL_VECTORS; v++) {
                *ov[v].items = NULL;
                *ov[v].len = 0;
                *ov[v].cap = 0;
            }
        }
    }
    // Gives back what the reservation above overestimated (a file of long strings) beyond
    // the slack doubling leaves; shrinking in place copies nothing. What stays is the room the
    // next keystroke's build in place walks into.
    if (model->nodes.cap - model->nodes.len > model->nodes.len / 2 + 64) {
        settle(&w);
        model->nodes.cap = model->nodes.len + model->nodes.len / 8 + 64;
        model->nodes.items =
            rv_xrealloc(model->nodes.items, model->nodes.cap * sizeof(*model->nodes.items));
    }
    // Each function's body among its direct children (copied functions have theirs).
    for (size_t i = 0; i < model->functions.len; i++) {
        struct rv_function *fn = &model->functions.items[i];
        if (fn->body_index != 0) {
            continue;
        }
        fn->body_index = UINT32_MAX;
        uint32_t at = fn->node_index;
        for (uint32_t j = at + 1; !ts_node_is_null(fn->body) && j < model->nodes.items[at].end;
             j = model->nodes.items[j].end) {
            if (ts_node_eq(model->nodes.items[j].node, fn->body)) {
                fn->body_index = j;
                break;
            }
        }
    }
    rv_vec_finish(&w.scopes);
    rv_vec_finish(&w.path);
    rv_vec_finish(&w.siblings);
    rv_vec_finish(&ip.ends);
    if (w.has_cursor) {
        ts_tree_cursor_delete(&w.cursor);
    }
    model->scope_names = w.lazy ? w.lazy_hint : (uint32_t)w.seen_len;
    free(w.seen);
    return ip.on;
}

void rv_model_build(struct rv_model *model, const struct rv_text *text, TSNode root,
                    bool is_test_file) {
    rv_model_build_chunked(model, NULL, text, root, is_test_file, NULL, NULL);
}

uint32_t rv_model_index(const struct rv_model *model, TSNode node) {
    // The nodes are in pre-order, so their start bytes never decrease.
    const struct rv_flat_node *nodes = model->nodes.items;
    uint32_t start = ts_node_start_byte(node);
    size_t lo = 0;
    size_t hi = model->nodes.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ts_node_start_byte(nodes[mid].node) < start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (size_t i = lo; i < model->nodes.len && ts_node_start_byte(nodes[i].node) == start; i++) {
        if (nodes[i].node.id == node.id) {
            return (uint32_t)i;
        }
    }
    return UINT32_MAX;
}

TSNode rv_model_parent(const struct rv_model *model, TSNode node) {
    uint32_t i = rv_model_index(model, node);
    if (i == UINT32_MAX) {
        // Not a node of the model (the root's parent, say). A copied node always is: its tree
        // is kept unedited, where ts_node_parent's search by position would miss it.
        return ts_node_parent(node);
    }
    uint32_t p = model->nodes.items[i].parent;
    TSNode null_node = {0};
    return p == UINT32_MAX ? null_node : model->nodes.items[p].node;
}

void rv_model_finish(struct rv_model *model) {
    for (size_t i = 0; i < model->imports.len; i++) {
        free(model->imports.items[i].module);
        free(model->imports.items[i].name);
        free(model->imports.items[i].local);
    }
    rv_vec_finish(&model->functions);
    rv_vec_finish(&model->classes);
    rv_vec_finish(&model->params);
    rv_vec_finish(&model->bindings);
    rv_vec_finish(&model->imports);
    rv_vec_finish(&model->comments);
    rv_vec_finish(&model->calls);
    rv_vec_finish(&model->nodes);
    memset(model, 0, sizeof(*model));
}
