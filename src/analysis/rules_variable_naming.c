// SPDX-License-Identifier: MIT
// The variable-naming family: single-letter names outside their conventional places (RV301),
// placeholder names (RV302) and bindings that shadow a builtin (RV303). It reads only the
// model's bindings, each once at its name token, and never judges a use of another API.
#include "kinds.h"
#include "reviewls/analysis.h"

#include <stdio.h>
#include <string.h>

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static char to_lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/** A comma-separated setting split once per run: the family asks it for every word of every
 *  name, and re-reading the string each time was a tenth of the family's time. */
struct csv_item {
    const char *s;
    size_t len;
};

struct csv {
    RV_VEC(struct csv_item) items;
    uint8_t first[32]; /* a bit per lowercase first byte of an item */
};

static void csv_split(struct csv *out, const char *list) {
    memset(out, 0, sizeof(*out));
    const char *p = list;
    while (*p != '\0') {
        while (*p == ' ' || *p == ',') {
            p++;
        }
        const char *start = p;
        while (*p != '\0' && *p != ',') {
            p++;
        }
        const char *end = p;
        while (end > start && end[-1] == ' ') {
            end--;
        }
        size_t len = (size_t)(end - start);
        if (len > 0) {
            unsigned char c = (unsigned char)to_lower(start[0]);
            struct csv_item item = {start, len};
            rv_vec_push(&out->items, item);
            out->first[c >> 3] |= (uint8_t)(1u << (c & 7));
        }
    }
}

// Is `s` (len bytes, compared case-insensitively) one item of `list`?
static bool in_csv(const struct csv *list, const char *s, size_t len) {
    if (len == 0) {
        return false;
    }
    unsigned char c = (unsigned char)to_lower(s[0]);
    if (!(list->first[c >> 3] & (1u << (c & 7)))) {
        return false;
    }
    for (size_t k = 0; k < list->items.len; k++) {
        const struct csv_item *item = &list->items.items[k];
        if (item->len != len) {
            continue;
        }
        bool same = true;
        for (size_t i = 0; i < len && same; i++) {
            same = to_lower(item->s[i]) == to_lower(s[i]);
        }
        if (same) {
            return true;
        }
    }
    return false;
}

/* Builtins a binding can hide; `file`, `license` and the site helpers are left out. */
static const char *const builtins[] = {
    "abs",        "aiter",      "all",       "anext",    "any",      "ascii",        "bin",
    "bool",       "breakpoint", "bytearray", "bytes",    "callable", "chr",          "classmethod",
    "compile",    "complex",    "delattr",   "dict",     "dir",      "divmod",       "enumerate",
    "eval",       "exec",       "filter",    "float",    "format",   "frozenset",    "getattr",
    "globals",    "hasattr",    "hash",      "hex",      "id",       "input",        "int",
    "isinstance", "issubclass", "iter",      "len",      "list",     "locals",       "map",
    "max",        "memoryview", "min",       "next",     "object",   "oct",          "open",
    "ord",        "pow",        "print",     "property", "range",    "repr",         "reversed",
    "round",      "set",        "setattr",   "slice",    "sorted",   "staticmethod", "str",
    "sum",        "super",      "tuple",     "type",     "vars",     "zip",          NULL,
};
static struct rv_word_set builtin_set = RV_WORD_SET(builtins);

/* A descriptive replacement to suggest for the most often shadowed builtins. */
struct suggestion {
    const char *builtin;
    const char *instead;
};

static const struct suggestion suggestions[] = {
    {"list", "items"},     {"dict", "mapping"},       {"id", "server_id"},  {"type", "kind"},
    {"input", "text"},     {"str", "text"},           {"sum", "total"},     {"max", "maximum"},
    {"min", "minimum"},    {"filter", "predicate"},   {"map", "mapping"},   {"open", "is_open"},
    {"format", "fmt"},     {"hash", "digest"},        {"iter", "iterator"}, {"next", "following"},
    {"object", "target"},  {"range", "span"},         {"set", "members"},   {"dir", "directory"},
    {"len", "length"},     {"bytes", "payload"},      {"all", "every"},     {"any", "some"},
    {"vars", "variables"}, {"property", "prop_name"}, {"zip", "archive"},   {"hex", "hex_value"},
};

/* Generic words that a trailing number does not make specific: data2, obj3, value_2. */
static const char *const generic_bases[] = {
    "data", "obj",  "val", "value", "var", "item", "elem",  "thing", "result", "res",
    "tmp",  "temp", "foo", "bar",   "baz", "arg",  "stuff", "info",  NULL,
};

/* Method names and the classes that define them (method_shared), built on first use. */
struct method_slot {
    uint64_t hash; /* 0: empty */
    uint32_t fn;   /* the first method of that name: its text settles a hash match */
    int32_t cls;   /* the first class seen defining it */
    bool several;  /* another class defines it too */
};

struct method_table {
    struct method_slot *slots;
    size_t cap;
};

/** Which scopes bind `x` and which `y` (a bit each): the functions' by index, the module's
 *  after them, then the attributes of each class by its index and those of no class. One pass
 *  over the bindings fills it. */
struct axes {
    uint8_t *bits; /* NULL until coordinates needs it */
};

struct scan {
    const struct rv_rule_ctx *ctx;
    const struct rv_model *m;
    struct csv allowed;
    struct csv placeholders;
    struct method_table *methods; /* its slots are NULL until method_shared needs them */
    struct axes *axes;
};

static bool is_self_param(const struct rv_model *m, const struct rv_binding *b) {
    if (b->kind != RV_BIND_PARAM || b->function < 0) {
        return false;
    }
    const struct rv_function *fn = &m->functions.items[b->function];
    if (fn->params_count == 0) {
        return false;
    }
    const struct rv_param *p = &m->params.items[fn->params_start];
    return p->kind == RV_PARAM_SELF && ts_node_eq(p->name, b->name);
}

static bool is_dunder(const char *s, size_t len) {
    return len > 4 && s[0] == '_' && s[1] == '_' && s[len - 1] == '_' && s[len - 2] == '_';
}

static bool in_dunder_method(const struct scan *sc, const struct rv_binding *b) {
    if (b->function < 0) {
        return false;
    }
    size_t len;
    const char *name = rv_node_text(sc->ctx->text, sc->m->functions.items[b->function].name, &len);
    return is_dunder(name, len);
}

// Where the binding lives, for messages: "parameter of `area()`", "local in `area()`"...
static void describe(const struct scan *sc, const struct rv_binding *b, char *buf, size_t size) {
    const char *what = "variable";
    switch (b->kind) {
    case RV_BIND_PARAM:
        what = "parameter of";
        break;
    case RV_BIND_ATTRIBUTE:
        what = "attribute of";
        break;
    case RV_BIND_LOOP_VAR:
        what = "loop variable in";
        break;
    case RV_BIND_WITH_VAR:
        what = "`with` target in";
        break;
    case RV_BIND_EXCEPT_VAR:
        what = "exception name in";
        break;
    case RV_BIND_FUNCTION:
        what = "function";
        break;
    case RV_BIND_CLASS_VAR:
        what = "class variable of";
        break;
    default:
        what = b->function >= 0 ? "local in" : "module variable";
        break;
    }
    size_t len = 0;
    const char *owner = NULL;
    const char *suffix = "()";
    if (b->kind == RV_BIND_ATTRIBUTE || b->kind == RV_BIND_CLASS_VAR) {
        if (b->class_index >= 0) {
            owner = rv_node_text(sc->ctx->text, sc->m->classes.items[b->class_index].name, &len);
            suffix = "";
        }
    } else if (b->function >= 0 && b->kind != RV_BIND_FUNCTION) {
        owner = rv_node_text(sc->ctx->text, sc->m->functions.items[b->function].name, &len);
    }
    if (owner != NULL) {
        snprintf(buf, size, "%s `%.*s%s`", what, (int)len, owner, suffix);
    } else if (b->function < 0 && b->class_index < 0) {
        snprintf(buf, size, "%s", b->kind == RV_BIND_FUNCTION ? "function" : "module variable");
    } else {
        snprintf(buf, size, "%s", b->function >= 0 ? "local" : "name");
    }
}

// The value assigned to the binding, when it is short enough to quote as evidence.
static bool assigned_value(const struct scan *sc, const struct rv_binding *b, const char **text,
                           size_t *len) {
    TSNode parent = rv_model_parent(sc->m, b->name);
    if (b->kind == RV_BIND_ATTRIBUTE && !ts_node_is_null(parent)) {
        parent = rv_model_parent(sc->m, parent);
    }
    if (ts_node_is_null(parent)) {
        return false;
    }
    const char *type = ts_node_type(parent);
    TSNode value = {0};
    if (strcmp(type, "assignment") == 0) {
        value = rv_field(parent, RV_F_RIGHT);
    } else if (strcmp(type, "for_statement") == 0) {
        value = rv_field(parent, RV_F_RIGHT);
    }
    if (ts_node_is_null(value)) {
        return false;
    }
    const char *vtype = ts_node_type(value);
    if (strcmp(vtype, "none") == 0 || strcmp(vtype, "true") == 0 || strcmp(vtype, "false") == 0) {
        return false; // says nothing about what the name will hold
    }
    *text = rv_node_text(sc->ctx->text, value, len);
    return *len <= 40 && memchr(*text, '\n', *len) == NULL;
}

// The slot in struct axes of the scope binding `b` is judged in: an attribute's class (or no
// class), else the function whose scope it is in, or the module.
static size_t axes_slot(const struct rv_model *m, const struct rv_binding *b) {
    size_t attributes = m->functions.len + 1;
    if (b->kind == RV_BIND_ATTRIBUTE) {
        return attributes + (b->class_index < 0 ? m->classes.len : (size_t)b->class_index);
    }
    return b->function < 0 ? m->functions.len : (size_t)b->function;
}

static void fill_axes(const struct scan *sc) {
    const struct rv_model *m = sc->m;
    sc->axes->bits = rv_xcalloc(m->functions.len + 1 + m->classes.len + 1, 1);
    for (size_t i = 0; i < m->bindings.len; i++) {
        const struct rv_binding *o = &m->bindings.items[i];
        size_t len;
        const char *name = rv_node_text(sc->ctx->text, o->name, &len);
        // A class variable is in no scope's count (it may ask for its function's).
        if (len == 1 && (name[0] == 'x' || name[0] == 'y') && o->kind != RV_BIND_CLASS_VAR) {
            sc->axes->bits[axes_slot(m, o)] |= name[0] == 'x' ? 1 : 2;
        }
    }
}

// x, y and z are coordinates when the same scope binds both x and y.
static bool coordinates(const struct scan *sc, const struct rv_binding *b, char letter) {
    if (letter != 'x' && letter != 'y' && letter != 'z') {
        return false;
    }
    if (sc->axes->bits == NULL) {
        fill_axes(sc);
    }
    return sc->axes->bits[axes_slot(sc->m, b)] == 3;
}

// `T = TypeVar("T")` and friends: single letters are the convention for type variables.
static bool is_type_variable(const struct scan *sc, const struct rv_binding *b) {
    TSNode parent = rv_model_parent(sc->m, b->name);
    if (ts_node_is_null(parent) || strcmp(ts_node_type(parent), "assignment") != 0) {
        return false;
    }
    TSNode right = rv_field(parent, RV_F_RIGHT);
    if (ts_node_is_null(right) || strcmp(ts_node_type(right), "call") != 0) {
        return false;
    }
    size_t len;
    const char *callee = rv_node_text(sc->ctx->text, rv_field(right, RV_F_FUNCTION), &len);
    static const char *const makers[] = {"TypeVar", "ParamSpec", "TypeVarTuple", "NewType"};
    for (size_t i = 0; i < RV_ARRAY_LEN(makers); i++) {
        size_t n = strlen(makers[i]);
        if (len >= n && memcmp(callee + len - n, makers[i], n) == 0) {
            return true;
        }
    }
    return false;
}

// Does the class derive from something other than `object`? Its methods then may implement
// an interface whose parameter names the base imposes.
static bool class_has_base(const struct scan *sc, int32_t class_index) {
    if (class_index < 0) {
        return false;
    }
    TSNode bases = rv_field(sc->m->classes.items[class_index].node, RV_F_SUPERCLASSES);
    uint32_t n = ts_node_is_null(bases) ? 0 : ts_node_named_child_count(bases);
    for (uint32_t i = 0; i < n; i++) {
        TSNode base = ts_node_named_child(bases, i);
        const char *type = ts_node_type(base);
        if (strcmp(type, "keyword_argument") != 0 && strcmp(type, "comment") != 0 &&
            !rv_node_text_eq(sc->ctx->text, base, "object")) {
            return true;
        }
    }
    return false;
}

// The slot of method name `name`: its own, or the empty one where it would go.
static struct method_slot *method_slot(const struct scan *sc, const char *name, size_t len) {
    uint64_t h = rv_hash_bytes(name, len, 0);
    size_t mask = sc->methods->cap - 1;
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        struct method_slot *slot = &sc->methods->slots[j];
        if (slot->hash == 0) {
            return slot;
        }
        if (slot->hash == h) {
            size_t olen;
            const char *o =
                rv_node_text(sc->ctx->text, sc->m->functions.items[slot->fn].name, &olen);
            if (olen == len && memcmp(o, name, len) == 0) {
                return slot;
            }
        }
    }
}

// One pass over the methods: for each name, the first class that defines it and whether
// another does too. The table is at most half full.
static void build_methods(const struct scan *sc) {
    const struct rv_model *m = sc->m;
    size_t cap = 16;
    while (cap < 2 * m->functions.len) {
        cap *= 2;
    }
    sc->methods->slots = rv_xcalloc(cap, sizeof(*sc->methods->slots));
    sc->methods->cap = cap;
    for (size_t i = 0; i < m->functions.len; i++) {
        const struct rv_function *o = &m->functions.items[i];
        if (!o->is_method || ts_node_is_null(o->name)) {
            continue;
        }
        size_t len;
        const char *name = rv_node_text(sc->ctx->text, o->name, &len);
        struct method_slot *slot = method_slot(sc, name, len);
        if (slot->hash == 0) {
            slot->hash = rv_hash_bytes(name, len, 0);
            slot->fn = (uint32_t)i;
            slot->cls = o->class_index;
        } else if (slot->cls != o->class_index) {
            slot->several = true;
        }
    }
}

// Another class of this file defines a method of the same name: the methods implement one
// interface, so their signatures are shared (codecs' `encode(self, input, errors)`).
static bool method_shared(const struct scan *sc, const struct rv_function *fn) {
    if (ts_node_is_null(fn->name)) {
        return false;
    }
    if (sc->methods->slots == NULL) {
        build_methods(sc);
    }
    size_t len;
    const char *name = rv_node_text(sc->ctx->text, fn->name, &len);
    const struct method_slot *slot = method_slot(sc, name, len);
    return slot->hash != 0 && (slot->several || slot->cls != fn->class_index);
}

// A parameter whose name the signature does not choose freely: a dunder's (`__import__(name,
// globals, locals)`), a method's that overrides or implements an interface, or `len=len`, the
// idiom that binds a global as a fast local.
static bool param_name_imposed(const struct scan *sc, const struct rv_binding *b, const char *name,
                               size_t len) {
    if (b->kind != RV_BIND_PARAM || b->function < 0) {
        return false;
    }
    const struct rv_function *fn = &sc->m->functions.items[b->function];
    if (in_dunder_method(sc, b)) {
        return true;
    }
    if (fn->is_method &&
        (fn->is_override_hook || class_has_base(sc, fn->class_index) || method_shared(sc, fn))) {
        return true;
    }
    TSNode parent = rv_model_parent(sc->m, b->name);
    if (!ts_node_is_null(parent) &&
        (strcmp(ts_node_type(parent), "default_parameter") == 0 ||
         strcmp(ts_node_type(parent), "typed_default_parameter") == 0)) {
        TSNode value = rv_field(parent, RV_F_VALUE);
        if (!ts_node_is_null(value) && strcmp(ts_node_type(value), "identifier") == 0) {
            size_t vlen;
            const char *v = rv_node_text(sc->ctx->text, value, &vlen);
            return vlen == len && memcmp(v, name, len) == 0;
        }
    }
    return false;
}

// `m = PATTERN.match(line)`: `m` for a regular expression match is the convention the re
// module's own documentation follows.
static bool is_regex_match(const struct scan *sc, const struct rv_binding *b, char letter) {
    TSNode parent = rv_model_parent(sc->m, b->name);
    if (letter != 'm' || ts_node_is_null(parent)) {
        return false;
    }
    const char *ptype = ts_node_type(parent);
    TSNode value = {0};
    if (strcmp(ptype, "assignment") == 0 || strcmp(ptype, "named_expression") == 0) {
        value = rv_field(parent, RV_F_RIGHT);
        if (ts_node_is_null(value)) {
            value = rv_field(parent, RV_F_VALUE);
        }
    }
    if (ts_node_is_null(value) || strcmp(ts_node_type(value), "call") != 0) {
        return false;
    }
    size_t len;
    const char *callee = rv_node_text(sc->ctx->text, rv_field(value, RV_F_FUNCTION), &len);
    static const char *const methods[] = {"match", "search", "fullmatch"};
    for (size_t i = 0; i < RV_ARRAY_LEN(methods); i++) {
        size_t n = strlen(methods[i]);
        if (len >= n && memcmp(callee + len - n, methods[i], n) == 0 &&
            (len == n || callee[len - n - 1] == '.' || callee[len - n - 1] == '_')) {
            return true;
        }
    }
    return false;
}

// Conventional letters for parameters: `a` and `b` as the two operands of one function
// (`def iadd(a, b)`), and in a helper of at most three lines `s` for a string,
// `c` for a character, `p` for a path and `f` for a file or function, where the whole scope is
// in view. A private parameter with a default (`_w=WHITESPACE.match`) binds a fast local and
// is never passed.
static bool conventional_param(const struct scan *sc, const struct rv_binding *b, const char *name,
                               char letter) {
    if (b->kind != RV_BIND_PARAM || b->function < 0) {
        return false;
    }
    TSNode parent = rv_model_parent(sc->m, b->name);
    if (name[0] == '_' && !ts_node_is_null(parent) &&
        (strcmp(ts_node_type(parent), "default_parameter") == 0 ||
         strcmp(ts_node_type(parent), "typed_default_parameter") == 0)) {
        return true;
    }
    const struct rv_function *fn = &sc->m->functions.items[b->function];
    if (letter == 'a' || letter == 'b') {
        bool has_a = false;
        bool has_b = false;
        for (uint32_t i = 0; i < fn->params_count; i++) {
            TSNode pname = sc->m->params.items[fn->params_start + i].name;
            has_a = has_a || rv_node_text_eq(sc->ctx->text, pname, "a");
            has_b = has_b || rv_node_text_eq(sc->ctx->text, pname, "b");
        }
        if (has_a && has_b) {
            return true;
        }
    }
    uint32_t lines = fn->end_row >= fn->body_first_row ? fn->end_row - fn->body_first_row + 1 : 1;
    return lines <= 3 && strchr("scpf", letter) != NULL;
}

static void check_single_letter(const struct scan *sc, const struct rv_binding *b, const char *name,
                                size_t len, struct rv_findings *out) {
    const char *core = name;
    size_t core_len = len;
    while (core_len > 1 && core[0] == '_') {
        core++;
        core_len--;
    }
    if (core_len != 1 || core[0] == '_' || is_digit(core[0])) {
        return;
    }
    switch (b->kind) {
    case RV_BIND_PARAM:
    case RV_BIND_LOCAL:
    case RV_BIND_ATTRIBUTE:
    case RV_BIND_MODULE_VAR:
    case RV_BIND_WITH_VAR:
    case RV_BIND_EXCEPT_VAR:
        break;
    default:
        return; // loop counters, comprehensions, functions (function-naming), imports
    }
    char letter = core[0];
    if (in_csv(&sc->allowed, name, len) || in_csv(&sc->allowed, core, core_len)) {
        return;
    }
    if ((b->kind == RV_BIND_WITH_VAR && letter == 'f') ||
        (b->kind == RV_BIND_EXCEPT_VAR && letter == 'e') || coordinates(sc, b, letter) ||
        (b->kind == RV_BIND_MODULE_VAR && is_type_variable(sc, b)) ||
        (b->kind == RV_BIND_PARAM && in_dunder_method(sc, b)) || is_regex_match(sc, b, letter) ||
        conventional_param(sc, b, name, letter) || param_name_imposed(sc, b, name, len)) {
        return;
    }
    char where[160];
    describe(sc, b, where, sizeof(where));
    const char *value;
    size_t value_len;
    struct rv_finding *f;
    uint32_t start = ts_node_start_byte(b->name);
    uint32_t end = ts_node_end_byte(b->name);
    if (b->kind != RV_BIND_PARAM && assigned_value(sc, b, &value, &value_len)) {
        f = rv_findings_add(out, 301, start, end,
                            "`%.*s` (%s) is a single letter holding `%.*s`: name what it holds",
                            (int)len, name, where, (int)value_len, value);
    } else {
        f = rv_findings_add(out, 301, start, end,
                            "`%.*s` (%s) is a single letter: name what it holds", (int)len, name,
                            where);
    }
    if (sc->ctx->is_test_file) {
        f->severity = RV_SEVERITY_HINT;
    }
}

static bool is_placeholder(const struct scan *sc, const char *s, size_t len, bool *numbered) {
    *numbered = false;
    if (in_csv(&sc->placeholders, s, len)) {
        return true;
    }
    // foo_bar, tmp_stuff: every word a placeholder.
    size_t words = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && s[i] != '_') {
            i++;
        }
        if (i > start) {
            if (!in_csv(&sc->placeholders, s + start, i - start)) {
                words = 0;
                break;
            }
            words++;
        }
        i++;
    }
    if (words >= 2) {
        return true;
    }
    // data2, obj_3: a generic word with a number.
    size_t base = len;
    while (base > 0 && is_digit(s[base - 1])) {
        base--;
    }
    if (base == len || base == 0) {
        return false;
    }
    if (s[base - 1] == '_') {
        base--;
    }
    char lower[16];
    if (base >= sizeof(lower)) {
        return false;
    }
    for (size_t k = 0; k < base; k++) {
        lower[k] = to_lower(s[k]);
    }
    *numbered = rv_str_in_list(lower, base, generic_bases) || in_csv(&sc->placeholders, s, base);
    return *numbered;
}

static void check_placeholder(const struct scan *sc, const struct rv_binding *b, const char *name,
                              size_t len, struct rv_findings *out) {
    switch (b->kind) {
    case RV_BIND_PARAM:
    case RV_BIND_LOCAL:
    case RV_BIND_ATTRIBUTE:
    case RV_BIND_MODULE_VAR:
    case RV_BIND_CLASS_VAR:
    case RV_BIND_LOOP_VAR:
    case RV_BIND_WITH_VAR:
        break;
    default:
        return;
    }
    const char *core = name;
    size_t core_len = len;
    while (core_len > 1 && core[0] == '_') {
        core++;
        core_len--;
    }
    bool numbered;
    if (!is_placeholder(sc, core, core_len, &numbered)) {
        return;
    }
    char where[160];
    describe(sc, b, where, sizeof(where));
    const char *kind = numbered ? "a generic name with a number" : "a placeholder name";
    const char *value;
    size_t value_len;
    struct rv_finding *f;
    uint32_t start = ts_node_start_byte(b->name);
    uint32_t end = ts_node_end_byte(b->name);
    if (b->kind != RV_BIND_PARAM && assigned_value(sc, b, &value, &value_len)) {
        f = rv_findings_add(out, 302, start, end,
                            "`%.*s` (%s) is %s for %s`%.*s`: name what it holds", (int)len, name,
                            where, kind, b->kind == RV_BIND_LOOP_VAR ? "the items of " : "",
                            (int)value_len, value);
    } else {
        f = rv_findings_add(out, 302, start, end, "`%.*s` (%s) is %s: name what it holds", (int)len,
                            name, where, kind);
    }
    if (sc->ctx->is_test_file) {
        f->severity = RV_SEVERITY_HINT;
    }
}

static void check_builtin(const struct scan *sc, const struct rv_binding *b, const char *name,
                          size_t len, struct rv_findings *out) {
    switch (b->kind) {
    case RV_BIND_PARAM:
    case RV_BIND_LOCAL:
    case RV_BIND_MODULE_VAR:
    case RV_BIND_LOOP_VAR:
    case RV_BIND_WITH_VAR:
    case RV_BIND_EXCEPT_VAR:
    case RV_BIND_FUNCTION:
        break;
    default:
        return; // attributes, class variables and methods are reached through their owner
    }
    if (!rv_word_set_has(&builtin_set, name, len)) {
        return;
    }
    // A public module-level function is the module's API, called as `bz2.open()`; a parameter
    // whose name an interface or idiom imposes cannot be renamed by this file alone.
    if ((b->kind == RV_BIND_FUNCTION && b->function < 0 && b->class_index < 0) ||
        param_name_imposed(sc, b, name, len)) {
        return;
    }
    const char *instead = NULL;
    for (size_t i = 0; i < RV_ARRAY_LEN(suggestions); i++) {
        if (rv_str_eq(name, len, suggestions[i].builtin)) {
            instead = suggestions[i].instead;
        }
    }
    char where[160] = "this module";
    if (b->function >= 0) {
        size_t flen;
        const char *fname =
            rv_node_text(sc->ctx->text, sc->m->functions.items[b->function].name, &flen);
        snprintf(where, sizeof(where), "`%.*s()`", (int)flen, fname);
    }
    uint32_t start = ts_node_start_byte(b->name);
    uint32_t end = ts_node_end_byte(b->name);
    if (instead != NULL) {
        rv_findings_add(out, 303, start, end,
                        "`%.*s` shadows the builtin `%.*s()` in %s: rename it (e.g. `%s`) so "
                        "the builtin stays usable",
                        (int)len, name, (int)len, name, where, instead);
    } else {
        rv_findings_add(out, 303, start, end,
                        "`%.*s` shadows the builtin `%.*s()` in %s: rename it so the builtin "
                        "stays usable",
                        (int)len, name, (int)len, name, where);
    }
}

void rv_check_variable_naming(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    struct method_table methods = {0};
    struct axes axes = {0};
    struct scan sc = {.ctx = ctx, .m = ctx->model, .methods = &methods, .axes = &axes};
    csv_split(&sc.allowed, rv_config_str(ctx->config, "allowed-short-names"));
    csv_split(&sc.placeholders, rv_config_str(ctx->config, "placeholder-names"));
    for (size_t i = ctx->bindings_first; i < ctx->bindings_end; i++) {
        const struct rv_binding *b = &sc.m->bindings.items[i];
        // Every finding starts at the bound name and judges that binding alone: an incremental
        // run reads the bindings of its window only.
        if (!b->first_in_scope || !rv_ctx_wants(ctx, ts_node_start_byte(b->name)) ||
            is_self_param(sc.m, b)) {
            continue;
        }
        size_t len;
        const char *name = rv_binding_name(ctx->text, b, &len);
        check_single_letter(&sc, b, name, len, out);
        check_placeholder(&sc, b, name, len, out);
        check_builtin(&sc, b, name, len, out);
    }
    rv_vec_finish(&sc.allowed.items);
    rv_vec_finish(&sc.placeholders.items);
    free(methods.slots);
    free(axes.bits);
}
