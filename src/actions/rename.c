// SPDX-License-Identifier: MIT
// Scope-aware renaming: one walk assigns every identifier to a scope (module, class, function,
// lambda) the way Python resolves names (LEGB, class bodies invisible to their methods, global
// and nonlocal declarations), then a rename edits the occurrences that resolve to one binding.
// Comprehensions are treated as part of their enclosing scope: a simplification that can only
// make a rename refuse (a false collision), never edit a name of another binding silently.
#include "reviewls/actions.h"

#include <stdlib.h>
#include <string.h>

struct name_ref {
    const char *s;
    size_t len;
};

struct scope {
    TSNode node;
    int parent; /* -1 for the module */
    bool is_class;
    struct name_ref self_name; /* a method's first parameter, len 0 otherwise */
    RV_VEC(struct name_ref) bound;
    RV_VEC(struct name_ref) globals;
    RV_VEC(struct name_ref) nonlocals;
};

enum occ_kind {
    OCC_NAME,    /* a plain identifier */
    OCC_ATTR,    /* the `x` of `obj.x` */
    OCC_KEYWORD, /* the `x` of `f(x=...)` */
};

struct occ {
    TSNode node;
    int scope;
    enum occ_kind kind;
    bool binding;
    TSNode object; /* OCC_ATTR: the object; OCC_KEYWORD: the call's function */
};

struct scopes {
    const struct rv_action_input *in;
    RV_VEC(struct scope) list;
    RV_VEC(struct occ) occs;
    uint32_t *bind_bytes; /* sorted start bytes of the model's (non-attribute) bindings */
    size_t bind_count;
};

static struct name_ref node_name(const struct scopes *c, TSNode n) {
    struct name_ref r;
    r.s = rv_node_text(c->in->text, n, &r.len);
    return r;
}

static bool name_eq(struct name_ref a, struct name_ref b) {
    return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

static bool names_has(const struct name_ref *items, size_t len, struct name_ref n) {
    for (size_t i = 0; i < len; i++) {
        if (name_eq(items[i], n)) {
            return true;
        }
    }
    return false;
}

static int new_scope(struct scopes *c, TSNode node, int parent, bool is_class) {
    struct scope s = {.node = node, .parent = parent, .is_class = is_class};
    rv_vec_push(&c->list, s);
    return (int)c->list.len - 1;
}

static void record(struct scopes *c, TSNode node, int scope, enum occ_kind kind, bool binding,
                   TSNode object) {
    struct occ o = {node, scope, kind, binding, object};
    rv_vec_push(&c->occs, o);
}

static void walk(struct scopes *c, TSNode node, int scope, unsigned depth);

static void walk_children(struct scopes *c, TSNode node, int scope, unsigned depth) {
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++) {
        walk(c, ts_node_named_child(node, i), scope, depth + 1);
    }
}

// A parameter's name binds in the function; its annotation and default run in the outer scope.
static void walk_param(struct scopes *c, TSNode p, int outer, int inner, unsigned depth) {
    if (rv_node_is(p, "identifier")) {
        record(c, p, inner, OCC_NAME, true, (TSNode){0});
        return;
    }
    if (rv_node_is(p, "list_splat_pattern") || rv_node_is(p, "dictionary_splat_pattern")) {
        TSNode id = ts_node_named_child(p, 0);
        if (rv_node_is(id, "identifier")) {
            record(c, id, inner, OCC_NAME, true, (TSNode){0});
        }
        return;
    }
    if (rv_node_is(p, "typed_parameter")) {
        TSNode type = ts_node_child_by_field_name(p, "type", 4);
        uint32_t n = ts_node_named_child_count(p);
        for (uint32_t i = 0; i < n; i++) {
            TSNode ch = ts_node_named_child(p, i);
            if (ts_node_eq(ch, type)) {
                walk(c, ch, outer, depth + 1);
            } else {
                walk_param(c, ch, outer, inner, depth + 1);
            }
        }
        return;
    }
    if (rv_node_is(p, "default_parameter") || rv_node_is(p, "typed_default_parameter")) {
        TSNode name = ts_node_child_by_field_name(p, "name", 4);
        if (rv_node_is(name, "identifier")) {
            record(c, name, inner, OCC_NAME, true, (TSNode){0});
        }
        TSNode type = ts_node_child_by_field_name(p, "type", 4);
        if (!ts_node_is_null(type)) {
            walk(c, type, outer, depth + 1);
        }
        TSNode value = ts_node_child_by_field_name(p, "value", 5);
        if (!ts_node_is_null(value)) {
            walk(c, value, outer, depth + 1);
        }
        return;
    }
    walk(c, p, outer, depth + 1);
}

static void walk_function(struct scopes *c, TSNode node, int scope, bool lambda, unsigned depth) {
    int inner = new_scope(c, node, scope, false);
    TSNode name = ts_node_child_by_field_name(node, "name", 4);
    if (rv_node_is(name, "identifier")) {
        record(c, name, scope, OCC_NAME, true, (TSNode){0});
    }
    TSNode params = ts_node_child_by_field_name(node, "parameters", 10);
    if (!ts_node_is_null(params)) {
        uint32_t n = ts_node_named_child_count(params);
        for (uint32_t i = 0; i < n; i++) {
            TSNode p = ts_node_named_child(params, i);
            if (i == 0 && !lambda && c->list.items[scope].is_class) {
                // The instance parameter of a method, for self.x attributes.
                TSNode id = rv_node_is(p, "identifier")
                                ? p
                                : (rv_node_is(p, "typed_parameter") ? ts_node_named_child(p, 0)
                                                                    : (TSNode){0});
                if (rv_node_is(id, "identifier")) {
                    c->list.items[inner].self_name = node_name(c, id);
                }
            }
            walk_param(c, p, scope, inner, depth);
        }
    }
    TSNode ret = ts_node_child_by_field_name(node, "return_type", 11);
    if (!ts_node_is_null(ret)) {
        walk(c, ret, scope, depth + 1);
    }
    TSNode body = ts_node_child_by_field_name(node, "body", 4);
    if (!ts_node_is_null(body)) {
        walk(c, body, inner, depth + 1);
    }
}

static void walk_class(struct scopes *c, TSNode node, int scope, unsigned depth) {
    TSNode name = ts_node_child_by_field_name(node, "name", 4);
    if (rv_node_is(name, "identifier")) {
        record(c, name, scope, OCC_NAME, true, (TSNode){0});
    }
    TSNode bases = ts_node_child_by_field_name(node, "superclasses", 12);
    if (!ts_node_is_null(bases)) {
        walk(c, bases, scope, depth + 1);
    }
    int inner = new_scope(c, node, scope, true);
    TSNode body = ts_node_child_by_field_name(node, "body", 4);
    if (!ts_node_is_null(body)) {
        walk(c, body, inner, depth + 1);
    }
}

static void walk_import(struct scopes *c, TSNode node, int scope, bool from) {
    uint32_t n = ts_node_named_child_count(node);
    TSNode module = ts_node_child_by_field_name(node, "module_name", 11);
    for (uint32_t i = 0; i < n; i++) {
        TSNode ch = ts_node_named_child(node, i);
        if (from && ts_node_eq(ch, module)) {
            continue;
        }
        if (rv_node_is(ch, "aliased_import")) {
            TSNode alias = ts_node_child_by_field_name(ch, "alias", 5);
            if (rv_node_is(alias, "identifier")) {
                record(c, alias, scope, OCC_NAME, true, (TSNode){0});
            }
        } else if (rv_node_is(ch, "dotted_name")) {
            // `import a.b` binds `a`; `from m import x` binds `x`.
            TSNode first = ts_node_named_child(ch, 0);
            if (rv_node_is(first, "identifier")) {
                record(c, first, scope, OCC_NAME, true, (TSNode){0});
            }
        }
    }
}

static void walk(struct scopes *c, TSNode node, int scope, unsigned depth) {
    if (depth > 4000) {
        return; // pathological nesting: the occurrences below stay unknown (renames refuse)
    }
    const char *type = ts_node_type(node);
    if (strcmp(type, "identifier") == 0) {
        record(c, node, scope, OCC_NAME, false, (TSNode){0});
    } else if (strcmp(type, "function_definition") == 0) {
        walk_function(c, node, scope, false, depth);
    } else if (strcmp(type, "lambda") == 0) {
        walk_function(c, node, scope, true, depth);
    } else if (strcmp(type, "class_definition") == 0) {
        walk_class(c, node, scope, depth);
    } else if (strcmp(type, "attribute") == 0) {
        TSNode object = ts_node_child_by_field_name(node, "object", 6);
        TSNode attr = ts_node_child_by_field_name(node, "attribute", 9);
        if (!ts_node_is_null(object)) {
            walk(c, object, scope, depth + 1);
        }
        if (rv_node_is(attr, "identifier")) {
            record(c, attr, scope, OCC_ATTR, false, object);
        }
    } else if (strcmp(type, "keyword_argument") == 0) {
        TSNode name = ts_node_child_by_field_name(node, "name", 4);
        TSNode value = ts_node_child_by_field_name(node, "value", 5);
        TSNode call = ts_node_parent(ts_node_parent(node));
        TSNode fn = rv_node_is(call, "call") ? ts_node_child_by_field_name(call, "function", 8)
                                             : (TSNode){0};
        if (rv_node_is(name, "identifier")) {
            record(c, name, scope, OCC_KEYWORD, false, fn);
        }
        if (!ts_node_is_null(value)) {
            walk(c, value, scope, depth + 1);
        }
    } else if (strcmp(type, "import_statement") == 0) {
        walk_import(c, node, scope, false);
    } else if (strcmp(type, "import_from_statement") == 0) {
        walk_import(c, node, scope, true);
    } else if (strcmp(type, "string") == 0 || strcmp(type, "comment") == 0) {
        // Names inside f-string interpolations are real uses.
        walk_children(c, node, scope, depth);
    } else {
        walk_children(c, node, scope, depth);
    }
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a;
    uint32_t y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static bool model_binds(const struct scopes *c, uint32_t byte) {
    return c->bind_count &&
           bsearch(&byte, c->bind_bytes, c->bind_count, sizeof(uint32_t), cmp_u32) != NULL;
}

static void scopes_build(struct scopes *c, const struct rv_action_input *in) {
    memset(c, 0, sizeof(*c));
    c->in = in;
    const struct rv_model *m = in->model;
    c->bind_bytes = rv_xmalloc((m->bindings.len + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < m->bindings.len; i++) {
        if (m->bindings.items[i].kind != RV_BIND_ATTRIBUTE) {
            c->bind_bytes[c->bind_count++] = ts_node_start_byte(m->bindings.items[i].name);
        }
    }
    if (c->bind_count > 1) {
        qsort(c->bind_bytes, c->bind_count, sizeof(uint32_t), cmp_u32);
    }
    int module = new_scope(c, in->root, -1, false);
    walk(c, in->root, module, 0);
    for (size_t i = 0; i < c->occs.len; i++) {
        struct occ *o = &c->occs.items[i];
        if (o->kind != OCC_NAME) {
            continue;
        }
        struct scope *s = &c->list.items[o->scope];
        struct name_ref n = node_name(c, o->node);
        TSNode parent = ts_node_parent(o->node);
        if (rv_node_is(parent, "global_statement")) {
            rv_vec_push(&s->globals, n);
            o->binding = false;
            continue;
        }
        if (rv_node_is(parent, "nonlocal_statement")) {
            rv_vec_push(&s->nonlocals, n);
            o->binding = false;
            continue;
        }
        if (!o->binding && model_binds(c, ts_node_start_byte(o->node))) {
            o->binding = true;
        }
        if (o->binding && !names_has(s->bound.items, s->bound.len, n)) {
            rv_vec_push(&s->bound, n);
        }
    }
}

static void scopes_finish(struct scopes *c) {
    for (size_t i = 0; i < c->list.len; i++) {
        rv_vec_finish(&c->list.items[i].bound);
        rv_vec_finish(&c->list.items[i].globals);
        rv_vec_finish(&c->list.items[i].nonlocals);
    }
    rv_vec_finish(&c->list);
    rv_vec_finish(&c->occs);
    free(c->bind_bytes);
}

// The scope whose binding `n` means when used in `scope`, or -1 (a builtin or undefined).
static int resolve(const struct scopes *c, struct name_ref n, int scope) {
    const struct scope *s = &c->list.items[scope];
    if (names_has(s->globals.items, s->globals.len, n)) {
        return names_has(c->list.items[0].bound.items, c->list.items[0].bound.len, n) ? 0 : -1;
    }
    bool skip_self = names_has(s->nonlocals.items, s->nonlocals.len, n);
    if (!skip_self && names_has(s->bound.items, s->bound.len, n)) {
        return scope;
    }
    // Enclosing function scopes, then the module; class bodies are invisible from inside.
    for (int p = s->parent; p >= 0; p = c->list.items[p].parent) {
        const struct scope *ps = &c->list.items[p];
        if (ps->is_class) {
            continue;
        }
        if (p != 0 && names_has(ps->globals.items, ps->globals.len, n)) {
            return resolve(c, n, 0);
        }
        if (names_has(ps->bound.items, ps->bound.len, n)) {
            return p;
        }
    }
    return -1;
}

// For `obj.x` in `scope`: the class scope whose instance `obj` is (obj is the `self` of a
// method, possibly seen from a nested function), or -1.
static int self_class(const struct scopes *c, TSNode object, int scope) {
    if (!rv_node_is(object, "identifier")) {
        return -1;
    }
    struct name_ref n = node_name(c, object);
    int target = resolve(c, n, scope);
    if (target <= 0) {
        return -1;
    }
    const struct scope *fs = &c->list.items[target];
    if (fs->self_name.len == 0 || !name_eq(fs->self_name, n) || fs->parent < 0 ||
        !c->list.items[fs->parent].is_class) {
        return -1;
    }
    return fs->parent;
}

/* A rename target: a binding scope and a name, or a class member (scope is the class). */
struct target {
    int scope;
    bool member; /* also `self.x` inside the class's methods */
    struct name_ref name;
    TSNode at;
};

static bool find_target(const struct scopes *c, uint32_t byte, struct target *t) {
    for (size_t i = 0; i < c->occs.len; i++) {
        const struct occ *o = &c->occs.items[i];
        if (byte < ts_node_start_byte(o->node) || byte > ts_node_end_byte(o->node)) {
            continue;
        }
        // A MISSING identifier (error recovery's zero-width guess) has no name to rename.
        if (ts_node_is_missing(o->node) ||
            ts_node_start_byte(o->node) == ts_node_end_byte(o->node)) {
            continue;
        }
        struct name_ref n = node_name(c, o->node);
        t->name = n;
        t->at = o->node;
        if (o->kind == OCC_ATTR) {
            int cls = self_class(c, o->object, o->scope);
            if (cls < 0) {
                continue;
            }
            t->scope = cls;
            t->member = true;
            return true;
        }
        if (o->kind == OCC_KEYWORD) {
            continue;
        }
        int scope = resolve(c, n, o->scope);
        if (scope < 0) {
            // A name bound only in a class body and used there resolves through the class.
            const struct scope *s = &c->list.items[o->scope];
            if (!(s->is_class && names_has(s->bound.items, s->bound.len, n))) {
                continue;
            }
            scope = o->scope;
        }
        t->scope = scope;
        t->member = c->list.items[scope].is_class;
        return true;
    }
    return false;
}

// Does occurrence `o` (with `o`'s text equal to `name`) belong to target `t`?
static bool occ_matches(const struct scopes *c, const struct occ *o, const struct target *t) {
    switch (o->kind) {
    case OCC_NAME:
        return resolve(c, t->name, o->scope) == t->scope ||
               (c->list.items[t->scope].is_class && o->scope == t->scope);
    case OCC_ATTR:
        return t->member && self_class(c, o->object, o->scope) == t->scope;
    case OCC_KEYWORD:
        return false;
    }
    return false;
}

// The function scope whose parameter `t` is, or -1.
static int param_of(const struct scopes *c, const struct target *t) {
    const struct scope *s = &c->list.items[t->scope];
    if (t->scope == 0 || s->is_class || !rv_node_is(s->node, "function_definition")) {
        return -1;
    }
    TSNode params = ts_node_child_by_field_name(s->node, "parameters", 10);
    if (ts_node_is_null(params)) {
        return -1;
    }
    uint32_t a = ts_node_start_byte(params);
    uint32_t b = ts_node_end_byte(params);
    for (size_t i = 0; i < c->occs.len; i++) {
        const struct occ *o = &c->occs.items[i];
        if (o->kind == OCC_NAME && o->binding && o->scope == t->scope &&
            ts_node_start_byte(o->node) >= a && ts_node_end_byte(o->node) <= b &&
            name_eq(node_name(c, o->node), t->name)) {
            return t->scope;
        }
    }
    return -1;
}

// Is `fn` (a call's function) a reference to the function of scope `fscope`?
static bool calls_function(const struct scopes *c, TSNode fn, int call_scope, int fscope) {
    const struct scope *fs = &c->list.items[fscope];
    TSNode fname = ts_node_child_by_field_name(fs->node, "name", 4);
    if (ts_node_is_null(fname) || ts_node_is_null(fn)) {
        return false;
    }
    struct name_ref n = node_name(c, fname);
    if (rv_node_is(fn, "identifier")) {
        return name_eq(node_name(c, fn), n) && resolve(c, n, call_scope) == fs->parent;
    }
    if (rv_node_is(fn, "attribute")) {
        TSNode attr = ts_node_child_by_field_name(fn, "attribute", 9);
        TSNode obj = ts_node_child_by_field_name(fn, "object", 6);
        return rv_node_is(attr, "identifier") && name_eq(node_name(c, attr), n) &&
               c->list.items[fs->parent].is_class && self_class(c, obj, call_scope) == fs->parent;
    }
    return false;
}

static bool collides(const struct scopes *c, const struct target *t, struct name_ref new_name) {
    const struct scope *ts = &c->list.items[t->scope];
    if (names_has(ts->bound.items, ts->bound.len, new_name) ||
        names_has(ts->globals.items, ts->globals.len, new_name) ||
        names_has(ts->nonlocals.items, ts->nonlocals.len, new_name)) {
        return true;
    }
    for (size_t i = 0; i < c->occs.len; i++) {
        const struct occ *o = &c->occs.items[i];
        struct name_ref n = node_name(c, o->node);
        if (o->kind == OCC_ATTR && t->member && name_eq(n, new_name) &&
            self_class(c, o->object, o->scope) == t->scope) {
            return true; // self.new_name exists already
        }
        if (o->kind != OCC_NAME) {
            continue;
        }
        if (name_eq(n, t->name) && occ_matches(c, o, t)) {
            // Where the old name is used, the new one must not mean something else already.
            if (resolve(c, new_name, o->scope) >= 0) {
                return true;
            }
        } else if (name_eq(n, new_name)) {
            // Where the new name is used, the renamed binding must not become visible.
            if (!ts->is_class && resolve(c, t->name, o->scope) == t->scope) {
                return true;
            }
        }
    }
    return false;
}

static bool is_keyword(const char *s) {
    static const char *const keywords[] = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
    };
    for (size_t i = 0; i < RV_ARRAY_LEN(keywords); i++) {
        if (strcmp(s, keywords[i]) == 0) {
            return true;
        }
    }
    return false;
}

bool rv_actions_is_identifier(const char *name) {
    size_t len = strlen(name);
    if (len == 0 || !rv_utf8_valid(name, len) || is_keyword(name)) {
        return false;
    }
    // ASCII letters, digits and '_', plus any non-ASCII letter (not checked against Unicode's
    // XID tables: Python rejects the rare non-letter symbols when the file runs).
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)name[i];
        bool alpha =
            (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch >= 0x80;
        bool digit = ch >= '0' && ch <= '9';
        if (!(alpha || (digit && i > 0))) {
            return false;
        }
    }
    return true;
}

bool rv_actions_rename_target(const struct rv_action_input *in, uint32_t byte, uint32_t *start,
                              uint32_t *end) {
    struct scopes c;
    scopes_build(&c, in);
    struct target t = {0};
    bool ok = find_target(&c, byte, &t);
    if (ok) {
        *start = ts_node_start_byte(t.at);
        *end = ts_node_end_byte(t.at);
    }
    scopes_finish(&c);
    return ok;
}

enum rv_rename_status rv_actions_rename(const struct rv_action_input *in, uint32_t byte,
                                        const char *new_name, struct rv_edits *out) {
    if (!rv_actions_is_identifier(new_name)) {
        return RV_RENAME_INVALID_NAME;
    }
    struct scopes c;
    scopes_build(&c, in);
    struct target t = {0};
    enum rv_rename_status status = RV_RENAME_OK;
    struct name_ref nn = {new_name, strlen(new_name)};
    if (!find_target(&c, byte, &t)) {
        status = RV_RENAME_NOT_A_NAME;
    } else if (name_eq(nn, t.name)) {
        status = RV_RENAME_OK; // nothing to do
    } else if (collides(&c, &t, nn)) {
        status = RV_RENAME_COLLISION;
    } else {
        int fscope = param_of(&c, &t);
        for (size_t i = 0; i < c.occs.len; i++) {
            const struct occ *o = &c.occs.items[i];
            if (!name_eq(node_name(&c, o->node), t.name)) {
                continue;
            }
            bool take = occ_matches(&c, o, &t) || (o->kind == OCC_KEYWORD && fscope >= 0 &&
                                                   calls_function(&c, o->object, o->scope, fscope));
            if (take) {
                rv_edits_add(out, ts_node_start_byte(o->node), ts_node_end_byte(o->node), new_name);
            }
        }
        rv_edits_sort(out);
    }
    scopes_finish(&c);
    return status;
}
