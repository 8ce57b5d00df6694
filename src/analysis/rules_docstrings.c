// SPDX-License-Identifier: MIT
// The docstrings family: public modules (RV251), classes (RV252) and functions (RV253) without
// a docstring. "Public" follows Python's convention: no leading underscore on the definition,
// its enclosing classes or the module, and not hidden inside a function.
#include "analysis_internal.h"
#include "kinds.h"

#include <stdlib.h>
#include <string.h>

static bool is_private(const struct rv_text *text, TSNode name) {
    size_t len;
    const char *s = rv_node_text(text, name, &len);
    return len == 0 || s[0] == '_';
}

// unittest's hooks have a contract every reader knows, like dunders.
static const char *const test_hooks[] = {
    "setUp",         "tearDown",    "setUpClass",     "tearDownClass", "asyncSetUp",
    "asyncTearDown", "setUpModule", "tearDownModule", "setup_method",  "teardown_method"};

static bool is_hook(const struct rv_text *text, TSNode name) {
    for (size_t i = 0; i < RV_ARRAY_LEN(test_hooks); i++) {
        if (rv_node_text_eq(text, name, test_hooks[i])) {
            return true;
        }
    }
    return false;
}

// A class is public when it, and every class around it, is public and not local to a function.
static bool class_public(const struct rv_rule_ctx *ctx, int32_t index) {
    while (index >= 0) {
        const struct rv_class *cls = &ctx->model->classes.items[index];
        if (cls->parent_function >= 0 || ts_node_is_null(cls->name) ||
            is_private(ctx->text, cls->name)) {
            return false;
        }
        index = cls->parent_class;
    }
    return true;
}

// `@x.setter` / `@x.deleter`: the getter carries the property's docstring.
static bool is_property_accessor(const struct rv_rule_ctx *ctx, const struct rv_function *fn) {
    if (!fn->is_property || ts_node_eq(fn->outer, fn->node)) {
        return false;
    }
    uint32_t n = ts_node_named_child_count(fn->outer);
    for (uint32_t i = 0; i < n; i++) {
        TSNode dec = ts_node_named_child(fn->outer, i);
        if (strcmp(ts_node_type(dec), "decorator") != 0) {
            continue;
        }
        size_t len;
        const char *s = rv_node_text(ctx->text, dec, &len);
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\r')) {
            len--;
        }
        if ((len > 7 && memcmp(s + len - 7, ".setter", 7) == 0) ||
            (len > 8 && memcmp(s + len - 8, ".deleter", 8) == 0)) {
            return true;
        }
    }
    return false;
}

// The last dotted part of each base of a class (`codecs.Codec` -> `Codec`), up to `cap`;
// `object`, keyword arguments (metaclass=...) and calls are left out.
static size_t class_bases(const struct rv_rule_ctx *ctx, const struct rv_class *cls, TSNode *bases,
                          size_t cap) {
    TSNode list = rv_field(cls->node, RV_F_SUPERCLASSES);
    uint32_t n = ts_node_is_null(list) ? 0 : ts_node_named_child_count(list);
    size_t count = 0;
    for (uint32_t i = 0; i < n && count < cap; i++) {
        TSNode base = ts_node_named_child(list, i);
        enum rv_kind kind = rv_kind(base);
        if (kind == RV_K_ATTRIBUTE) {
            base = rv_field(base, RV_F_ATTRIBUTE);
        } else if (kind == RV_K_SUBSCRIPT) { // Generic[T], Protocol[T]
            base = rv_field(base, RV_F_VALUE);
        }
        if (!rv_is(base, RV_K_IDENTIFIER) || rv_node_text_eq(ctx->text, base, "object")) {
            continue;
        }
        bases[count++] = base;
    }
    return count;
}

static bool same_text(const struct rv_text *text, TSNode a, TSNode b) {
    size_t alen;
    size_t blen;
    const char *as = rv_node_text(text, a, &alen);
    const char *bs = rv_node_text(text, b, &blen);
    return alen == blen && memcmp(as, bs, alen) == 0;
}

// `class IncrementalEncoder(codecs.IncrementalEncoder)`: a class named after its base is this
// module's implementation of a documented concept, and the base's docstring describes it.
static bool named_like_base(const struct rv_rule_ctx *ctx, const struct rv_class *cls) {
    TSNode bases[8];
    size_t n = class_bases(ctx, cls, bases, RV_ARRAY_LEN(bases));
    for (size_t i = 0; i < n; i++) {
        if (same_text(ctx->text, bases[i], cls->name)) {
            return true;
        }
    }
    return false;
}

static uint64_t text_hash(const struct rv_text *text, TSNode node) {
    size_t len;
    const char *s = rv_node_text(text, node, &len);
    return rv_hash_bytes(s, len, 0);
}

// What base_defines and implements_interface read of the module's classes, taken once per
// run when a method first asks: the hashes of their names (0 for a class without one) and the
// bases of each class asked about. Each method looked every base up among every class, reading
// both names, and listed its class's bases twice: most of this family's time in a long module.
struct class_names {
    uint64_t *hash;
    int8_t *base_count; /* per class: -1 until its bases are listed */
    TSNode (*bases)[8];
};

static const uint64_t *class_names_get(const struct rv_rule_ctx *ctx, struct class_names *names) {
    const struct rv_model *m = ctx->model;
    if (names->hash == NULL) {
        names->hash = rv_xcalloc(m->classes.len + 1, sizeof(uint64_t));
        for (size_t c = 0; c < m->classes.len; c++) {
            TSNode name = m->classes.items[c].name;
            names->hash[c] = ts_node_is_null(name) ? 0 : text_hash(ctx->text, name);
        }
    }
    return names->hash;
}

static size_t bases_of(const struct rv_rule_ctx *ctx, struct class_names *names, int32_t index,
                       const TSNode **bases) {
    const struct rv_model *m = ctx->model;
    if (names->base_count == NULL) {
        names->base_count = rv_xmalloc(m->classes.len + 1);
        memset(names->base_count, -1, m->classes.len + 1);
        names->bases = rv_xmalloc((m->classes.len + 1) * sizeof(*names->bases));
    }
    if (names->base_count[index] < 0) {
        names->base_count[index] =
            (int8_t)class_bases(ctx, &m->classes.items[index], names->bases[index], 8);
    }
    *bases = names->bases[index];
    return (size_t)names->base_count[index];
}

static void class_names_finish(struct class_names *names) {
    free(names->hash);
    free(names->base_count);
    free(names->bases);
}

// Does a base of class `index` that this file defines (or one of its bases, `depth` levels up)
// define a method named `name`? The base's method carries the documentation of the override.
static bool base_defines(const struct rv_rule_ctx *ctx, struct class_names *names, int32_t index,
                         TSNode name, int depth) {
    const struct rv_model *m = ctx->model;
    const TSNode *bases;
    size_t n = bases_of(ctx, names, index, &bases);
    const uint64_t *hash = n > 0 ? class_names_get(ctx, names) : NULL;
    for (size_t b = 0; b < n && depth < 8; b++) {
        uint64_t want = text_hash(ctx->text, bases[b]);
        for (size_t c = 0; c < m->classes.len; c++) {
            const struct rv_class *base = &m->classes.items[c];
            if ((int32_t)c == index || hash[c] != want || ts_node_is_null(base->name) ||
                !same_text(ctx->text, base->name, bases[b])) {
                continue;
            }
            for (size_t f = 0; f < m->functions.len; f++) {
                const struct rv_function *fn = &m->functions.items[f];
                if (fn->class_index == (int32_t)c && !ts_node_is_null(fn->name) &&
                    same_text(ctx->text, fn->name, name)) {
                    return true;
                }
            }
            if (base_defines(ctx, names, (int32_t)c, name, depth + 1)) {
                return true;
            }
        }
    }
    return false;
}

// Methods of the standard library's interfaces (codecs, io, collections.abc, socketserver,
// logging, asyncio protocols, importlib loaders, distutils commands, json, pickle, cmd, sax):
// in a class with a base, a method of one of these names implements the base's documented one.
static const char *const interface_methods[] = {
    "encode",
    "decode",
    "reset",
    "getstate",
    "setstate",
    "read",
    "read1",
    "readinto",
    "readinto1",
    "readall",
    "readline",
    "readlines",
    "write",
    "writelines",
    "flush",
    "close",
    "fileno",
    "isatty",
    "readable",
    "writable",
    "seekable",
    "seek",
    "tell",
    "truncate",
    "detach",
    "get",
    "keys",
    "items",
    "values",
    "pop",
    "popitem",
    "clear",
    "update",
    "setdefault",
    "copy",
    "append",
    "extend",
    "insert",
    "remove",
    "index",
    "count",
    "reverse",
    "sort",
    "add",
    "discard",
    "run",
    "handle",
    "setup",
    "finish",
    "emit",
    "format",
    "filter",
    "acquire",
    "release",
    "createLock",
    "handleError",
    "connection_made",
    "connection_lost",
    "data_received",
    "eof_received",
    "datagram_received",
    "error_received",
    "pause_writing",
    "resume_writing",
    "get_buffer",
    "buffer_updated",
    "process_exited",
    "pipe_data_received",
    "pipe_connection_lost",
    "find_spec",
    "find_module",
    "load_module",
    "exec_module",
    "create_module",
    "get_data",
    "get_filename",
    "get_source",
    "get_code",
    "is_package",
    "get_resource_reader",
    "invalidate_caches",
    "initialize_options",
    "finalize_options",
    "get_outputs",
    "get_inputs",
    "get_source_files",
    "default",
    "persistent_id",
    "persistent_load",
    "find_class",
    "emptyline",
    "precmd",
    "postcmd",
    "preloop",
    "postloop",
    "characters",
    "startDocument",
    "endDocument",
    "startElement",
    "endElement",
    "startElementNS",
    "endElementNS",
    "startPrefixMapping",
    "endPrefixMapping",
    "ignorableWhitespace",
    "processingInstruction",
    "setDocumentLocator",
    "skippedEntity",
    "runTest",
    "generic_visit",
    "log_message",
    "start",
    "end",
    "data",
    "comment",
    "pi",
    "start_ns",
    "end_ns",
    "feed",
    NULL,
};
static struct rv_word_set interface_method_set = RV_WORD_SET(interface_methods);

static bool implements_interface(const struct rv_rule_ctx *ctx, struct class_names *names,
                                 const struct rv_function *fn) {
    const TSNode *bases;
    if (bases_of(ctx, names, fn->class_index, &bases) == 0) {
        return false;
    }
    size_t len;
    const char *s = rv_node_text(ctx->text, fn->name, &len);
    if (rv_word_set_has(&interface_method_set, s, len)) {
        return true;
    }
    // ast.NodeVisitor's visit_Name, http.server's do_GET, html.parser's handle_starttag.
    static const char *const prefixes[] = {"visit_", "do_", "handle_"};
    for (size_t i = 0; i < RV_ARRAY_LEN(prefixes); i++) {
        size_t n = strlen(prefixes[i]);
        if (len > n && memcmp(s, prefixes[i], n) == 0) {
            return true;
        }
    }
    return false;
}

// "Outer.Inner.name": the classes around a definition, then its own name.
static void qualified_name(const struct rv_rule_ctx *ctx, int32_t class_index, TSNode name,
                           struct rv_strbuf *sb) {
    if (class_index >= 0) {
        const struct rv_class *cls = &ctx->model->classes.items[class_index];
        qualified_name(ctx, cls->parent_class, cls->name, sb);
        rv_strbuf_putc(sb, '.');
    }
    size_t len;
    const char *s = rv_node_text(ctx->text, name, &len);
    rv_strbuf_append(sb, s, len);
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

// Only imports, `__all__`-style assignments, comments and `pass`: a package's __init__.py
// that re-exports names documents nothing of its own.
bool rv__plumbing_statement(TSNode stmt) {
    const char *type = ts_node_type(stmt);
    return strcmp(type, "import_statement") == 0 || strcmp(type, "import_from_statement") == 0 ||
           strcmp(type, "future_import_statement") == 0 || strcmp(type, "comment") == 0 ||
           strcmp(type, "expression_statement") == 0 || strcmp(type, "pass_statement") == 0;
}

static bool only_plumbing(TSNode root) {
    uint32_t n = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < n; i++) {
        if (!rv__plumbing_statement(ts_node_named_child(root, i))) {
            return false;
        }
    }
    return true;
}

static void check_module(const struct rv_rule_ctx *ctx, bool test_docs, struct rv_findings *out) {
    const struct rv_model *m = ctx->model;
    if (!ts_node_is_null(m->module_docstring)) {
        return;
    }
    if (ctx->path != NULL) {
        const char *base = base_name(ctx->path);
        bool init = strcmp(base, "__init__.py") == 0;
        // _private.py and __main__.py are not public; test modules are named after what they
        // test and follow docstring-test-methods; an __init__.py that only re-exports is plumbing.
        if ((base[0] == '_' && !init) || (ctx->is_test_file && !test_docs) ||
            (init && only_plumbing(ctx->root))) {
            return;
        }
    }
    // The first real statement (not an extra such as a comment or a lone line continuation);
    // an empty module needs no docstring.
    TSNode first = m->first_statement;
    if (ts_node_is_null(first)) {
        return;
    }
    uint32_t start = ts_node_start_byte(first);
    uint32_t end = ts_node_end_byte(first);
    size_t line_end = rv_text_line_end(ctx->text, rv_text_line_of(ctx->text, start));
    if (line_end < end) {
        end = (uint32_t)line_end;
    }
    size_t classes = m->classes.len;
    size_t functions = m->functions.len;
    struct rv_finding *f =
        rv_findings_add(out, 251, start, end,
                        "module has no docstring (%zu class%s, %zu function%s); say in one "
                        "sentence what it is for",
                        classes, classes == 1 ? "" : "es", functions, functions == 1 ? "" : "s");
    // The range is the module's first statement, not a definition: the stub goes at the top.
    rv_finding_set_fix(f, RV_FIX_DOCSTRING, NULL);
}

static void check_classes(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    const struct rv_model *m = ctx->model;
    for (size_t i = ctx->classes_first; i < ctx->classes_end; i++) {
        const struct rv_class *cls = &m->classes.items[i];
        if (!ts_node_is_null(cls->docstring) || rv_ctx_skips_node(ctx, cls->outer) ||
            !class_public(ctx, (int32_t)i) || named_like_base(ctx, cls)) {
            continue;
        }
        struct rv_strbuf what = {0};
        if (cls->method_count > 0) {
            rv_strbuf_printf(&what, " (%u method%s)", cls->method_count,
                             cls->method_count == 1 ? "" : "s");
        }
        struct rv_strbuf qual = {0};
        qualified_name(ctx, cls->parent_class, cls->name, &qual);
        struct rv_finding *f =
            rv_findings_add(out, 252, ts_node_start_byte(cls->name), ts_node_end_byte(cls->name),
                            "public %sclass `%s` has no docstring%s; say %s",
                            cls->is_test ? "test " : "", qual.data, what.len ? what.data : "",
                            cls->is_test ? "what its tests cover and what they set up"
                                         : "what an instance represents");
        rv_strbuf_finish(&what);
        rv_strbuf_finish(&qual);
        f->scope_start_byte = ts_node_start_byte(cls->name);
        f->scope_end_byte = ts_node_end_byte(cls->name);
        rv_finding_set_fix(f, RV_FIX_DOCSTRING, NULL);
    }
}

static void check_functions(const struct rv_rule_ctx *ctx, bool test_docs,
                            struct rv_findings *out) {
    const struct rv_model *m = ctx->model;
    long min_lines = rv_config_int(ctx->config, "docstring-min-lines");
    struct class_names names = {0};
    for (size_t i = ctx->functions_first; i < ctx->functions_end; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        if (!ts_node_is_null(fn->docstring) || ts_node_is_null(fn->name) ||
            rv_ctx_skips_node(ctx, fn->outer) || fn->parent_function >= 0 ||
            is_private(ctx->text, fn->name) ||
            (fn->class_index >= 0 && !class_public(ctx, fn->class_index))) {
            continue;
        }
        // Overload stubs and property setters share the docstring of their implementation or
        // getter; an @override inherits its base's; tests and hooks follow the setting.
        // An override of a method that a base in this file or a standard interface documents
        // shares that documentation.
        if (fn->class_index >= 0 && (base_defines(ctx, &names, fn->class_index, fn->name, 0) ||
                                     implements_interface(ctx, &names, fn))) {
            continue;
        }
        if (fn->is_overload || fn->is_override_hook || is_property_accessor(ctx, fn) ||
            ((fn->is_test || (fn->is_method && is_hook(ctx->text, fn->name))) && !test_docs)) {
            continue;
        }
        uint32_t lines =
            fn->end_row >= fn->body_first_row ? fn->end_row - fn->body_first_row + 1 : 1;
        if ((long)lines < min_lines) {
            continue;
        }
        const char *kind = fn->is_test ? "test" : fn->is_method ? "method" : "function";
        struct rv_strbuf qual = {0};
        qualified_name(ctx, fn->class_index, fn->name, &qual);
        struct rv_finding *f =
            rv_findings_add(out, 253, ts_node_start_byte(fn->name), ts_node_end_byte(fn->name),
                            "public %s `%s` has no docstring (%u line%s)", kind, qual.data, lines,
                            lines == 1 ? "" : "s");
        rv_strbuf_finish(&qual);
        f->scope_start_byte = ts_node_start_byte(fn->name);
        f->scope_end_byte = ts_node_end_byte(fn->name);
        rv_finding_set_fix(f, RV_FIX_DOCSTRING, NULL);
    }
    class_names_finish(&names);
}

void rv_check_docstrings(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    bool test_docs = rv_config_bool(ctx->config, "docstring-test-methods");
    check_module(ctx, test_docs, out);
    check_classes(ctx, out);
    check_functions(ctx, test_docs, out);
}
