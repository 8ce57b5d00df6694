// SPDX-License-Identifier: MIT
// The security family (RV601-RV699): bandit's checks, with callee names resolved through the
// module's imports and with look-alikes (literal commands, safe loaders, empty passwords) kept
// quiet. It reads the model's calls and its flat nodes, and the tree only where those cannot
// answer; it never runs or imports the code.
#include "kinds.h"
#include "reviewls/parse.h"
#include "security_util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    RV_EVAL = 601,
    RV_EXEC = 602,
    RV_DESERIALIZE = 603,
    RV_YAML = 604,
    RV_SHELL_TRUE = 605,
    RV_OS_SHELL = 606,
    RV_PARTIAL_PATH = 607,
    RV_SQL = 608,
    RV_VERIFY = 609,
    RV_UNVERIFIED_CTX = 610,
    RV_WEAK_TLS = 611,
    RV_NO_TIMEOUT = 612,
    RV_WEAK_HASH = 613,
    RV_WEAK_KEY = 614,
    RV_RANDOM_SECRET = 615,
    RV_PASSWORD_STRING = 616,
    RV_PASSWORD_ARG = 617,
    RV_PASSWORD_DEFAULT = 618,
    RV_TMP_PATH = 619,
    RV_MKTEMP = 620,
    RV_CHMOD = 621,
    RV_BIND_ALL = 622,
    RV_EXCEPT_PASS = 623,
    RV_EXCEPT_CONTINUE = 624,
    RV_XML = 625,
    RV_TARFILE = 626,
    RV_FLASK_DEBUG = 627,
    RV_JINJA_AUTOESCAPE = 628,
    RV_MARK_SAFE = 629,
    RV_DJANGO_EXTRA = 630,
    RV_RAWSQL = 631,
    RV_ASSERT = 632,
    RV_SHELL_BUILT = 633,
};

#define QNAME_MAX 256
#define SNIPPET_MAX 48

struct sec {
    const struct rv_rule_ctx *ctx;
    struct rv_findings *out;
    bool imports_flask;
    bool imports_django;
    bool imports_tarfile;
    bool imports_http; /* requests or httpx */
    // The text holds "PROTOCOL_" or "_METHOD": without it no name can be a broken protocol.
    bool mentions_protocol;
    // Some import binds a name whose last part may be a broken protocol (PROTOCOL_SSLv2 ...).
    bool imports_protocol;
    // The node being visited, as an index into the model's nodes: its parents are read there,
    // since ts_node_parent searches down from the root (tree-sitter 0.20).
    uint32_t at;
    // The model's test code as spans, built on the first question (asserts, credentials).
    struct rv_sec__tests tests;
};

/* ------------------------------------------------------------------------------------------ */
/* The model's nodes as the tree. They hold every visible node in pre-order: the children of
 * nodes[i] are the subtrees that start at i + 1, each ending where the next begins. Reading a
 * child there is an array access; ts_node_child_by_field_id and ts_node_child walk the
 * children (and the hidden nodes between) on every call. */

#define NO_NODE UINT32_MAX
#define SYMBOL_ERROR ((TSSymbol)-1) /* ts_builtin_sym_error: an ERROR node */

// The first child of nodes[i], or NO_NODE.
static uint32_t flat_first(const struct rv_flat_node *nodes, uint32_t i) {
    return i + 1 < nodes[i].end ? i + 1 : NO_NODE;
}

// The last child of nodes[i], or NO_NODE. Costs one step per child.
static uint32_t flat_last(const struct rv_flat_node *nodes, uint32_t i) {
    uint32_t last = NO_NODE;
    for (uint32_t j = i + 1; j < nodes[i].end; j = nodes[j].end) {
        last = j;
    }
    return last;
}

// The index of call `node` in the model's nodes, looked for at `from` and after: rv_model_index
// for a walk over the model's calls, which come in pre-order a few nodes apart, so stepping
// forward through the kinds beats bisecting the whole array. Start bytes never decrease in
// pre-order: the search ends at the first call that starts past `node`. NO_NODE when it is not
// there.
static uint32_t call_index_from(const struct rv_model *m, uint32_t from, TSNode node) {
    const struct rv_flat_node *nodes = m->nodes.items;
    uint32_t count = (uint32_t)m->nodes.len;
    uint32_t start = ts_node_start_byte(node);
    for (uint32_t i = from; i < count; i++) {
        if (nodes[i].kind != RV_K_CALL) {
            continue;
        }
        if (nodes[i].node.id == node.id) {
            return i;
        }
        if (ts_node_start_byte(nodes[i].node) > start) {
            break;
        }
    }
    return NO_NODE;
}

// Can a field be read by position at nodes[j]? A field counts only the children that are not
// extras, and the visible extras are comments and errors: with one of those where the field
// should be, the position says nothing and the tree is asked instead. A node never starts or
// ends with an extra (tree-sitter leaves them to the enclosing node), so when its first or last
// child is not one, that child is its first or last field.
static bool flat_structural(const struct rv_flat_node *nodes, uint32_t j) {
    return j != NO_NODE && nodes[j].kind != RV_K_COMMENT && nodes[j].symbol != SYMBOL_ERROR;
}

// The child in a field that comes first in its node's rule (a call's function, an attribute's
// object, an assignment's left side, a keyword argument's name, a pair's key), or NO_NODE when
// only the tree can tell.
static uint32_t flat_first_field(const struct rv_flat_node *nodes, uint32_t i) {
    uint32_t j = i == NO_NODE ? NO_NODE : flat_first(nodes, i);
    return flat_structural(nodes, j) ? j : NO_NODE;
}

// The child in a field that comes last in its node's rule (an attribute's name), or NO_NODE.
static uint32_t flat_last_field(const struct rv_flat_node *nodes, uint32_t i) {
    uint32_t j = i == NO_NODE ? NO_NODE : flat_last(nodes, i);
    return flat_structural(nodes, j) ? j : NO_NODE;
}

// The k-th ancestor of the node being visited (0: the node, 1: its parent), or a null node.
static TSNode ancestor(const struct sec *s, uint32_t k) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t i = s->at;
    for (; k > 0 && i != UINT32_MAX; k--) {
        i = nodes[i].parent;
    }
    TSNode null_node = {0};
    return i == UINT32_MAX ? null_node : nodes[i].node;
}

// The kind of ancestor(s, k), read from the model (RV_K_OTHER for none): no tree access.
static enum rv_kind ancestor_kind(const struct sec *s, uint32_t k) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t i = s->at;
    for (; k > 0 && i != UINT32_MAX; k--) {
        i = nodes[i].parent;
    }
    return i == UINT32_MAX ? RV_K_OTHER : (enum rv_kind)nodes[i].kind;
}

// Incremental runs (rv_rule_ctx.range_start): is the node wholly outside the wanted range?
// Every finding of this family starts inside the node it judges, so such nodes are skipped.
static bool whole_file(const struct rv_rule_ctx *ctx) {
    return ctx->range_start == 0 && ctx->range_end == UINT32_MAX;
}

// Every call, parameter default and top-level statement is asked: the start decides most of
// them, and the end (a read of the node's subtree, a cache miss apiece) is read only for a node
// that starts before the range.
static bool node_skipped(const struct rv_rule_ctx *ctx, TSNode node) {
    return !whole_file(ctx) && rv_ctx_skips_node(ctx, node);
}

static bool name_in(const char *name, const char *const *list) {
    for (size_t i = 0; list[i] != NULL; i++) {
        if (strcmp(name, list[i]) == 0) {
            return true;
        }
    }
    return false;
}

// rv_sec__qualify of nodes[i], with the attribute chain taken apart through the model's nodes.
// The tree is asked only where they cannot answer (a comment or an error inside the chain).
static bool qualify_at(const struct sec *s, uint32_t i, char *buf, size_t cap) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    TSNode parts[RV_SEC_QUALIFY_PARTS];
    size_t n = 0;
    uint32_t cur = i;
    while (nodes[cur].kind == RV_K_ATTRIBUTE) {
        if (n == RV_ARRAY_LEN(parts) - 1) {
            return false;
        }
        uint32_t attr = flat_last_field(nodes, cur);
        uint32_t object = flat_first_field(nodes, cur);
        if (attr == NO_NODE || object == NO_NODE || nodes[attr].kind != RV_K_IDENTIFIER) {
            return rv_sec__qualify(s->ctx, nodes[i].node, buf, cap);
        }
        parts[n++] = nodes[attr].node;
        cur = object;
    }
    if (nodes[cur].kind != RV_K_IDENTIFIER) {
        return false;
    }
    return rv_sec__qualify_parts(s->ctx, nodes[cur].node, parts, n, buf, cap);
}

static const char *last_part(const char *qname) {
    const char *dot = strrchr(qname, '.');
    return dot ? dot + 1 : qname;
}

static struct rv_finding *report(struct sec *s, uint16_t code, TSNode node, const char *fmt, ...)
    RV_PRINTF(4, 5);

static struct rv_finding *report(struct sec *s, uint16_t code, TSNode node, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return rv_findings_add(s->out, code, ts_node_start_byte(node), ts_node_end_byte(node), "%s",
                           msg);
}

// String facts from the model's nodes: what rv_sec__is_plain_string, rv_sec__is_bytes and
// rv_sec__string_content find through the tree, without its child lookups.
static bool flat_has_interpolation(const struct rv_flat_node *nodes, uint32_t i) {
    for (uint32_t j = i + 1; j < nodes[i].end; j = nodes[j].end) {
        if (rv_sec__is_interpolation_symbol(nodes[j].symbol)) {
            return true;
        }
    }
    return false;
}

// nodes[i] is a string or a concatenated string.
static bool flat_is_plain(const struct rv_flat_node *nodes, uint32_t i) {
    if (nodes[i].kind == RV_K_STRING) {
        return !flat_has_interpolation(nodes, i);
    }
    for (uint32_t j = i + 1; j < nodes[i].end; j = nodes[j].end) {
        if (nodes[j].kind == RV_K_STRING && flat_has_interpolation(nodes, j)) {
            return false;
        }
    }
    return true;
}

// rv_sec__is_plain_string of nodes[i], whatever its kind.
static bool flat_is_plain_string(const struct rv_flat_node *nodes, uint32_t i) {
    return (nodes[i].kind == RV_K_STRING || nodes[i].kind == RV_K_CONCATENATED_STRING) &&
           flat_is_plain(nodes, i);
}

// The string that rv_sec__string_content and rv_sec__is_bytes read in nodes[i]: itself, or
// the first named child of a concatenation; NO_NODE when there is none.
static uint32_t flat_first_string(const struct rv_flat_node *nodes, uint32_t i) {
    if (nodes[i].kind != RV_K_CONCATENATED_STRING) {
        return i;
    }
    for (uint32_t j = i + 1; j < nodes[i].end; j = nodes[j].end) {
        if (nodes[j].named) {
            return j;
        }
    }
    return NO_NODE;
}

// nodes[i] is a string or a concatenated string: does its (first) string have a b prefix?
static bool flat_is_bytes(const struct sec *s, const struct rv_flat_node *nodes, uint32_t i) {
    i = flat_first_string(nodes, i);
    if (i == NO_NODE || nodes[i].kind != RV_K_STRING || i + 1 >= nodes[i].end) {
        return false; // not a string, or one without children
    }
    // The opening token is the prefix letters, then the quotes. When it starts at a quote it has
    // no prefix, which the first byte tells without reading the token's end (a read of the tree
    // for every string).
    uint32_t open = ts_node_start_byte(nodes[i + 1].node);
    if (open < s->ctx->text->len &&
        (s->ctx->text->bytes[open] == '"' || s->ctx->text->bytes[open] == '\'') &&
        strcmp(ts_language_symbol_name(tree_sitter_python(), nodes[i + 1].symbol),
               "string_start") == 0) {
        return false;
    }
    size_t len;
    const char *p = rv_node_text(s->ctx->text, nodes[i + 1].node, &len);
    for (size_t k = 0; k < len; k++) {
        if (p[k] == 'b' || p[k] == 'B') {
            return true;
        }
    }
    return false;
}

// rv_sec__string_content of nodes[i]: the bytes between its (first) string's first and last
// children, the quotes.
static const char *flat_string_content(const struct sec *s, uint32_t i, size_t *len) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t str = flat_first_string(nodes, i);
    uint32_t first =
        str == NO_NODE || nodes[str].kind != RV_K_STRING ? NO_NODE : flat_first(nodes, str);
    uint32_t last = first == NO_NODE ? NO_NODE : flat_last(nodes, str);
    if (last == NO_NODE || last == first) {
        *len = 0;
        return ""; // fewer than two children
    }
    uint32_t start = ts_node_end_byte(nodes[first].node);
    uint32_t end = ts_node_start_byte(nodes[last].node);
    if (end < start || end > s->ctx->text->len) {
        *len = 0;
        return "";
    }
    *len = end - start;
    return s->ctx->text->bytes + start;
}

// The bytes from the start of nodes[j] to the start of the child of nodes[parent] after it: a
// span that holds all of nodes[j] (siblings do not overlap), found from the model's nodes alone.
// A node's end is a read of its subtree in the tree, a cache miss apiece on a large file, so
// the cheap tests below look at this span first. False when nodes[j] is the last child.
static bool flat_span_to_next(const struct sec *s, uint32_t parent, uint32_t j, const char **p,
                              size_t *len) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t next = nodes[j].end;
    if (next >= nodes[parent].end) {
        return false;
    }
    uint32_t from = ts_node_start_byte(nodes[j].node);
    uint32_t to = ts_node_start_byte(nodes[next].node);
    if (to < from || to > s->ctx->text->len) {
        return false;
    }
    *p = s->ctx->text->bytes + from;
    *len = to - from;
    return true;
}

// Can a name within these bytes be a credential_name? Every credential word holds a p (the
// pass words), a k (token) or a c (secret), in either case.
static bool may_hold_credential(const char *p, size_t len) {
    for (size_t i = 0; i < len; i++) {
        char c = (char)(p[i] | 0x20);
        if (c == 'p' || c == 'k' || c == 'c') {
            return true;
        }
    }
    return false;
}

// Can the content of the string nodes[i] (flat_string_content) start with '/' or be "0.0.0.0",
// as check_string looks for? The content lies between the start of the (first) string and the
// start of its last child, the closing quote, with no read of the tree; without a '/' or a '0'
// there it cannot.
static bool may_be_path_or_address(const struct sec *s, uint32_t i) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t str = flat_first_string(nodes, i);
    uint32_t last = str == NO_NODE ? NO_NODE : flat_last(nodes, str);
    if (last == NO_NODE) {
        return true; // let flat_string_content decide
    }
    uint32_t from = ts_node_start_byte(nodes[str].node);
    uint32_t to = ts_node_start_byte(nodes[last].node);
    if (to < from || to > s->ctx->text->len) {
        return true;
    }
    const char *p = s->ctx->text->bytes + from;
    return memchr(p, '/', to - from) != NULL || memchr(p, '0', to - from) != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Callees: each call's name is resolved once, then looked up once (callee_lookup) in a table
 * built from the lists of names that the checks below name. */

enum {
    CALLEE_EVAL = 1u << 0,
    CALLEE_EXEC = 1u << 1,
    CALLEE_DESERIALIZE = 1u << 2,
    CALLEE_YAML_UNSAFE = 1u << 3, /* yaml.unsafe_load(_all) */
    CALLEE_YAML_LOAD = 1u << 4,   /* yaml.load(_all): safe with a safe Loader */
    CALLEE_SUBPROCESS = 1u << 5,  /* shell= decides */
    CALLEE_SHELL = 1u << 6,       /* always through the shell */
    CALLEE_NO_SHELL = 1u << 7,    /* exec and spawn: never a shell */
    CALLEE_UNVERIFIED_CTX = 1u << 8,
    CALLEE_WRAP_SOCKET = 1u << 9,
    CALLEE_WEAK_HASH = 1u << 10,
    CALLEE_HASH_NEW = 1u << 11,
    CALLEE_RSA_DSA = 1u << 12,
    CALLEE_EC = 1u << 13,
    CALLEE_RANDOM = 1u << 14,
    CALLEE_MKTEMP = 1u << 15,
    CALLEE_OS_CHMOD = 1u << 16,
    CALLEE_XML = 1u << 17,
    CALLEE_JINJA = 1u << 18,
    CALLEE_MARK_SAFE = 1u << 19,
    CALLEE_RAWSQL = 1u << 20,
};

// The callee of the call being checked.
struct callee {
    const char *q;    /* the import-resolved dotted name, or the bare method name */
    const char *last; /* q's last dotted part */
    uint32_t is;      /* CALLEE_* flags of q */
};

/* ------------------------------------------------------------------------------------------ */
/* What a command or query argument is made of. */

enum built {
    BUILT_NONE,    /* not a string built at run time (a literal, a name, a list...) */
    BUILT_FSTRING, /* f"...{x}..." */
    BUILT_PERCENT, /* "..." % x */
    BUILT_CONCAT,  /* "..." + x */
    BUILT_FORMAT,  /* "...".format(x) */
};

static bool is_string_like(TSNode node) {
    return rv_is(node, RV_K_STRING) || rv_is(node, RV_K_CONCATENATED_STRING);
}

// Does a binary-operator chain of + or % contain a string literal at all?
static bool chain_has_string(TSNode node) {
    if (is_string_like(node)) {
        return true;
    }
    if (rv_is(node, RV_K_PARENTHESIZED_EXPRESSION)) {
        return chain_has_string(ts_node_named_child(node, 0));
    }
    if (!rv_is(node, RV_K_BINARY_OPERATOR)) {
        return false;
    }
    return chain_has_string(rv_field(node, RV_F_LEFT)) ||
           chain_has_string(rv_field(node, RV_F_RIGHT));
}

static const char *operator_text(const struct sec *s, TSNode binop) {
    TSNode op = rv_sec__field(binop, "operator");
    if (ts_node_is_null(op)) {
        return "";
    }
    return ts_node_type(op);
}

static enum built built_kind(const struct sec *s, TSNode node) {
    while (rv_is(node, RV_K_PARENTHESIZED_EXPRESSION)) {
        node = ts_node_named_child(node, 0);
    }
    if (rv_sec__is_fstring(node)) {
        return BUILT_FSTRING;
    }
    if (rv_is(node, RV_K_BINARY_OPERATOR) && chain_has_string(node)) {
        const char *op = operator_text(s, node);
        if (strcmp(op, "%") == 0) {
            return BUILT_PERCENT;
        }
        if (strcmp(op, "+") == 0) {
            return BUILT_CONCAT;
        }
        return BUILT_NONE;
    }
    if (rv_is(node, RV_K_CALL)) {
        TSNode fn = rv_field(node, RV_F_FUNCTION);
        if (rv_is(fn, RV_K_ATTRIBUTE) &&
            rv_node_text_eq(s->ctx->text, rv_field(fn, RV_F_ATTRIBUTE), "format") &&
            is_string_like(rv_field(fn, RV_F_OBJECT))) {
            return BUILT_FORMAT;
        }
    }
    return BUILT_NONE;
}

static const char *built_name(enum built b) {
    switch (b) {
    case BUILT_NONE:
        return "";
    case BUILT_FSTRING:
        return "an f-string";
    case BUILT_PERCENT:
        return "`%` formatting";
    case BUILT_CONCAT:
        return "`+` concatenation";
    case BUILT_FORMAT:
        return "`.format()`";
    }
    return "";
}

/* ------------------------------------------------------------------------------------------ */
/* Code execution: eval, exec, deserialisation, yaml. */

static const char *const deserializers[] = {
    "pickle.loads",
    "pickle.load",
    "pickle.Unpickler",
    "cPickle.loads",
    "cPickle.load",
    "cPickle.Unpickler",
    "_pickle.loads",
    "_pickle.load",
    "_pickle.Unpickler",
    "dill.loads",
    "dill.load",
    "dill.Unpickler",
    "shelve.open",
    "shelve.DbfilenameShelf",
    "jsonpickle.decode",
    "jsonpickle.unpickler.decode",
    "jsonpickle.unpickler.Unpickler",
    "pandas.read_pickle",
    "marshal.load",
    "marshal.loads",
    NULL,
};

static void check_eval_exec(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    bool is_eval = (c->is & CALLEE_EVAL) != 0;
    bool is_exec = (c->is & CALLEE_EXEC) != 0;
    if (!is_eval && !is_exec) {
        return;
    }
    TSNode arg = rv_sec__posarg(call, 0);
    if (ts_node_is_null(arg)) {
        arg = rv_sec__kwarg(s->ctx, call, "source");
    }
    if (ts_node_is_null(arg)) {
        return; // no argument: a syntax or type error, not an injection
    }
    // A constant string runs only code the author wrote.
    if (rv_sec__is_plain_string(arg) && !rv_sec__is_bytes(s->ctx, arg)) {
        return;
    }
    char snip[SNIPPET_MAX];
    rv_sec__snippet(s->ctx, arg, snip, sizeof(snip));
    if (is_eval) {
        report(s, RV_EVAL, fn,
               "`eval` runs `%s` as Python code: if any part of it comes from outside, it is "
               "code execution; use ast.literal_eval for data or a dispatch table for names",
               snip);
    } else {
        report(s, RV_EXEC, fn,
               "`exec` runs `%s` as Python code: anything outside the program can reach it "
               "runs with the program's rights; avoid building code at run time",
               snip);
    }
}

static bool safe_yaml_loader(const struct sec *s, TSNode loader) {
    char q[QNAME_MAX];
    if (!rv_sec__qualify(s->ctx, loader, q, sizeof(q))) {
        return false;
    }
    const char *name = last_part(q);
    return strcmp(name, "SafeLoader") == 0 || strcmp(name, "CSafeLoader") == 0 ||
           strcmp(name, "BaseLoader") == 0 || strcmp(name, "CBaseLoader") == 0;
}

static void check_yaml(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    if (c->is & CALLEE_YAML_UNSAFE) {
        report(s, RV_YAML, fn,
               "`%s` builds arbitrary Python objects from the document; use yaml.safe_load", q);
        return;
    }
    if (!(c->is & CALLEE_YAML_LOAD)) {
        return;
    }
    TSNode loader = rv_sec__kwarg(s->ctx, call, "Loader");
    if (ts_node_is_null(loader)) {
        loader = rv_sec__posarg(call, 1);
    }
    if (!ts_node_is_null(loader) && safe_yaml_loader(s, loader)) {
        return;
    }
    if (ts_node_is_null(loader)) {
        report(s, RV_YAML, fn,
               "`%s` without a Loader can build arbitrary Python objects from the document; "
               "use yaml.safe_load or Loader=yaml.SafeLoader",
               q);
    } else {
        char snip[SNIPPET_MAX];
        report(s, RV_YAML, loader,
               "`%s` with Loader=%s can build arbitrary Python objects from the document; use "
               "yaml.SafeLoader",
               q, rv_sec__snippet(s->ctx, loader, snip, sizeof(snip)));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Shell and processes. */

static const char *const subprocess_calls[] = {
    "subprocess.Popen",        "subprocess.call", "subprocess.check_call",
    "subprocess.check_output", "subprocess.run",  NULL,
};

static const char *const shell_calls[] = {
    "os.system",
    "os.popen",
    "os.popen2",
    "os.popen3",
    "os.popen4",
    "popen2.popen2",
    "popen2.popen3",
    "popen2.popen4",
    "popen2.Popen3",
    "popen2.Popen4",
    "commands.getoutput",
    "commands.getstatusoutput",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
    NULL,
};

static const char *const no_shell_calls[] = {
    "os.execl",  "os.execle",  "os.execlp",  "os.execlpe",  "os.execv",     "os.execve",
    "os.execvp", "os.execvpe", "os.spawnl",  "os.spawnle",  "os.spawnlp",   "os.spawnlpe",
    "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe", "os.startfile", NULL,
};

static TSNode command_arg(const struct sec *s, TSNode call) {
    TSNode cmd = rv_sec__posarg(call, 0);
    if (ts_node_is_null(cmd)) {
        cmd = rv_sec__kwarg(s->ctx, call, "args");
    }
    if (ts_node_is_null(cmd)) {
        cmd = rv_sec__kwarg(s->ctx, call, "cmd");
    }
    if (ts_node_is_null(cmd)) {
        cmd = rv_sec__kwarg(s->ctx, call, "command");
    }
    return cmd;
}

// A process started by a bare program name is found through PATH, which an attacker may
// control. Absolute, relative ("./x") and Windows drive paths are fine.
static void check_partial_path(struct sec *s, TSNode call, const char *q) {
    TSNode cmd = command_arg(s, call);
    if (rv_is(cmd, RV_K_LIST) || rv_is(cmd, RV_K_TUPLE)) {
        cmd = ts_node_named_child_count(cmd) ? ts_node_named_child(cmd, 0) : (TSNode){0};
    }
    if (!rv_sec__is_plain_string(cmd) || rv_sec__is_bytes(s->ctx, cmd)) {
        return;
    }
    size_t len;
    const char *p = rv_sec__string_content(s->ctx, cmd, &len);
    if (len == 0 || p[0] == '/' || p[0] == '\\' || p[0] == '.' ||
        (len >= 2 && isalpha((unsigned char)p[0]) && p[1] == ':')) {
        return;
    }
    size_t word = 0;
    while (word < len && p[word] != ' ' && p[word] != '\t') {
        word++;
    }
    report(s, RV_PARTIAL_PATH, cmd,
           "`%s` starts `%.*s` by a partial path: the program is looked up on PATH, so whoever "
           "controls PATH chooses what runs; use the absolute path (shutil.which at start-up)",
           q, (int)RV_MIN(word, (size_t)40), p);
}

static void check_processes(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    bool is_subprocess = (c->is & CALLEE_SUBPROCESS) != 0;
    bool is_shell = (c->is & CALLEE_SHELL) != 0;
    bool is_no_shell = (c->is & CALLEE_NO_SHELL) != 0;
    if (!is_subprocess && !is_shell && !is_no_shell) {
        return;
    }
    check_partial_path(s, call, q);
    TSNode cmd = command_arg(s, call);
    enum built built = ts_node_is_null(cmd) ? BUILT_NONE : built_kind(s, cmd);
    char snip[SNIPPET_MAX];
    if (is_subprocess) {
        TSNode shell = rv_sec__kwarg(s->ctx, call, "shell");
        if (ts_node_is_null(shell) || rv_sec__truth(s->ctx, shell) != 1) {
            return; // no shell, shell=False, or chosen by the caller at run time
        }
        if (built != BUILT_NONE) {
            report(s, RV_SHELL_BUILT, shell,
                   "`%s` with shell=True: the command is built with %s, so a value spliced into "
                   "`%s` can inject shell commands; pass a list of arguments without a shell",
                   q, built_name(built), rv_sec__snippet(s->ctx, cmd, snip, sizeof(snip)));
            return;
        }
        struct rv_finding *f =
            report(s, RV_SHELL_TRUE, shell,
                   "`%s` with shell=True runs the command through /bin/sh: quoting mistakes and "
                   "any outside value become shell syntax; pass a list of arguments instead",
                   q);
        if (rv_sec__is_plain_string(cmd)) {
            f->severity = RV_SEVERITY_INFORMATION; // a constant command: risky style only
        }
        return;
    }
    if (!is_shell) {
        return;
    }
    if (built != BUILT_NONE) {
        report(s, RV_SHELL_BUILT, fn,
               "`%s` runs a command built with %s through the shell: a value spliced into `%s` "
               "can inject shell commands; use subprocess.run with a list of arguments",
               q, built_name(built), rv_sec__snippet(s->ctx, cmd, snip, sizeof(snip)));
        return;
    }
    struct rv_finding *f = report(
        s, RV_OS_SHELL, fn,
        "`%s` runs its command through the shell, where any outside value becomes shell syntax; "
        "use subprocess.run with a list of arguments",
        q);
    if (rv_sec__is_plain_string(cmd)) {
        f->severity = RV_SEVERITY_INFORMATION; // a constant command: no injection possible
    }
}

/* ------------------------------------------------------------------------------------------ */
/* TLS and HTTP. */

static const char *const http_verbs[] = {
    "get", "post", "put", "patch", "delete", "head", "options", "request", "stream", NULL,
};

static const char *const bad_protocols[] = {
    "PROTOCOL_SSLv2", "PROTOCOL_SSLv3", "PROTOCOL_TLSv1", "PROTOCOL_TLSv1_1", "SSLv2_METHOD",
    "SSLv23_METHOD",  "SSLv3_METHOD",   "TLSv1_METHOD",   "TLSv1_1_METHOD",   NULL,
};

static bool protocol_like(const char *p, size_t len) {
    return (len > 9 && memcmp(p, "PROTOCOL_", 9) == 0) ||
           (len > 7 && memcmp(p + len - 7, "_METHOD", 7) == 0);
}

static bool text_protocol_like(const char *p) {
    return p != NULL && (strstr(p, "PROTOCOL_") != NULL || strstr(p, "_METHOD") != NULL);
}

// A cheap test before rv_sec__qualify: false when `expr` cannot qualify to a name whose last
// part is one of bad_protocols.
static bool may_name_bad_protocol(const struct sec *s, TSNode expr) {
    if (ts_node_is_null(expr)) {
        return false;
    }
    size_t len;
    const char *p;
    switch (rv_kind(expr)) {
    case RV_K_ATTRIBUTE: {
        TSNode attr = rv_field(expr, RV_F_ATTRIBUTE);
        if (ts_node_is_null(attr)) {
            return false;
        }
        p = rv_node_text(s->ctx->text, attr, &len);
        return protocol_like(p, len);
    }
    case RV_K_IDENTIFIER:
        // An import may bind the name to a protocol constant under another name.
        p = rv_node_text(s->ctx->text, expr, &len);
        return s->imports_protocol || protocol_like(p, len);
    default:
        return false; // not a dotted name: rv_sec__qualify fails
    }
}

static bool is_http_library(const char *q) {
    return strncmp(q, "requests.", 9) == 0 || strncmp(q, "httpx.", 6) == 0;
}

static void check_http(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    const char *name = c->last;
    bool http = is_http_library(q) ||
                (s->imports_http && rv_is(fn, RV_K_ATTRIBUTE) && name_in(name, http_verbs));
    if (!http) {
        return;
    }
    TSNode verify = rv_sec__kwarg(s->ctx, call, "verify");
    if (!ts_node_is_null(verify) && rv_sec__truth(s->ctx, verify) == 0 &&
        !rv_sec__is(verify, "none")) {
        report(s, RV_VERIFY, verify,
               "`%s` with verify=False accepts any certificate: anyone on the path can read and "
               "change the traffic; pass a CA bundle path to verify instead",
               q);
    }
    // requests waits forever by default; httpx has a 5 s default.
    bool requests_call = strncmp(q, "requests.", 9) == 0 && strchr(q + 9, '.') == NULL &&
                         name_in(name, http_verbs) && strcmp(name, "stream") != 0;
    if (requests_call && ts_node_is_null(rv_sec__kwarg(s->ctx, call, "timeout"))) {
        report(s, RV_NO_TIMEOUT, fn,
               "`%s` without timeout= waits forever on a server that never answers; pass "
               "timeout=(connect, read) seconds",
               q);
    }
}

static void check_tls(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    if (c->is & CALLEE_UNVERIFIED_CTX) {
        report(s, RV_UNVERIFIED_CTX, fn,
               "`%s` makes a context that checks neither certificates nor host names; use "
               "ssl.create_default_context()",
               q);
    }
    // Any argument naming an obsolete protocol (bandit B502).
    TSNode args = s->mentions_protocol ? rv_field(call, RV_F_ARGUMENTS) : (TSNode){0};
    uint32_t n = rv_is(args, RV_K_ARGUMENT_LIST) ? ts_node_named_child_count(args) : 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode arg = ts_node_named_child(args, i);
        if (rv_is(arg, RV_K_KEYWORD_ARGUMENT)) {
            arg = rv_field(arg, RV_F_VALUE);
        }
        char v[QNAME_MAX];
        if (may_name_bad_protocol(s, arg) && rv_sec__qualify(s->ctx, arg, v, sizeof(v)) &&
            name_in(last_part(v), bad_protocols)) {
            report(s, RV_WEAK_TLS, arg,
                   "`%s` selects %s, a protocol with known breaks; use "
                   "ssl.PROTOCOL_TLS_CLIENT with minimum_version = TLSVersion.TLSv1_2",
                   q, last_part(v));
        }
    }
    if ((c->is & CALLEE_WRAP_SOCKET) &&
        ts_node_is_null(rv_sec__kwarg(s->ctx, call, "ssl_version"))) {
        struct rv_finding *f = report(
            s, RV_WEAK_TLS, fn,
            "`ssl.wrap_socket` without ssl_version leaves the protocol to old defaults and was "
            "removed in Python 3.12; use ssl.create_default_context().wrap_socket");
        f->severity = RV_SEVERITY_INFORMATION;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Cryptography. */

static bool weak_hash_name(const char *s, size_t len) {
    static const char *const weak[] = {"md5", "sha1", "md4", "md2", "sha", NULL};
    for (size_t i = 0; weak[i] != NULL; i++) {
        if (strlen(weak[i]) == len && strncasecmp(s, weak[i], len) == 0) {
            return true;
        }
    }
    return false;
}

static const char *const weak_calls[] = {
    "hashlib.md5",
    "hashlib.sha1",
    "Crypto.Hash.MD2.new",
    "Crypto.Hash.MD4.new",
    "Crypto.Hash.MD5.new",
    "Crypto.Hash.SHA.new",
    "Cryptodome.Hash.MD2.new",
    "Cryptodome.Hash.MD4.new",
    "Cryptodome.Hash.MD5.new",
    "Cryptodome.Hash.SHA.new",
    "cryptography.hazmat.primitives.hashes.MD5",
    "cryptography.hazmat.primitives.hashes.SHA1",
    NULL,
};

static void check_hash(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    char algo[32] = "";
    if (c->is & CALLEE_WEAK_HASH) {
        snprintf(algo, sizeof(algo), "%.31s",
                 strncmp(q, "hashlib.", 8) == 0 ? q + 8 : last_part(q));
    } else if (c->is & CALLEE_HASH_NEW) {
        TSNode name = rv_sec__posarg(call, 0);
        if (ts_node_is_null(name)) {
            name = rv_sec__kwarg(s->ctx, call, "name");
        }
        size_t len;
        const char *p =
            rv_sec__is_plain_string(name) ? rv_sec__string_content(s->ctx, name, &len) : NULL;
        if (p == NULL || !weak_hash_name(p, len)) {
            return;
        }
        snprintf(algo, sizeof(algo), "%.*s", (int)RV_MIN(len, sizeof(algo) - 1), p);
    } else {
        return;
    }
    // Python 3.9+: usedforsecurity=False declares a checksum, not a security use.
    TSNode used = rv_sec__kwarg(s->ctx, call, "usedforsecurity");
    if (!ts_node_is_null(used) && rv_sec__truth(s->ctx, used) == 0) {
        return;
    }
    report(s, RV_WEAK_HASH, fn,
           "`%s` uses %s, which has practical collisions: do not use it for passwords, "
           "signatures or tokens; use hashlib.sha256, or pass usedforsecurity=False for "
           "checksums",
           q, algo);
}

static long integer_value(const struct sec *s, TSNode node) {
    if (!rv_sec__is(node, "integer")) {
        return -1;
    }
    char buf[32];
    size_t len;
    const char *p = rv_node_text(s->ctx->text, node, &len);
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < sizeof(buf); i++) {
        if (p[i] != '_') {
            buf[o++] = p[i];
        }
    }
    buf[o] = '\0';
    int base = 10;
    const char *digits = buf;
    if (o > 2 && buf[0] == '0' && (buf[1] == 'o' || buf[1] == 'O')) {
        base = 8;
        digits = buf + 2;
    } else if (o > 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X')) {
        base = 16;
        digits = buf + 2;
    } else if (o > 2 && buf[0] == '0' && (buf[1] == 'b' || buf[1] == 'B')) {
        base = 2;
        digits = buf + 2;
    }
    char *end = NULL;
    long v = strtol(digits, &end, base);
    return end && *end == '\0' ? v : -1;
}

static const char *const rsa_dsa[] = {
    "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key",
    "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key",
    "Crypto.PublicKey.RSA.generate",
    "Crypto.PublicKey.DSA.generate",
    "Cryptodome.PublicKey.RSA.generate",
    "Cryptodome.PublicKey.DSA.generate",
    NULL,
};

static void check_key_size(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    if (c->is & CALLEE_RSA_DSA) {
        long min_bits = rv_config_int(s->ctx->config, "weak-key-bits");
        bool hazmat = strncmp(q, "cryptography.", 13) == 0;
        TSNode size = rv_sec__kwarg(s->ctx, call, hazmat ? "key_size" : "bits");
        if (ts_node_is_null(size)) {
            size = rv_sec__posarg(call, hazmat ? 1 : 0);
        }
        long bits = integer_value(s, size);
        if (bits > 0 && bits < min_bits) {
            report(s, RV_WEAK_KEY, size,
                   "`%s` makes a %ld-bit key, below the %ld bits that resist factoring today; "
                   "use at least %ld",
                   q, bits, min_bits, min_bits);
        }
        return;
    }
    if (c->is & CALLEE_EC) {
        TSNode curve = rv_sec__kwarg(s->ctx, call, "curve");
        if (ts_node_is_null(curve)) {
            curve = rv_sec__posarg(call, 0);
        }
        if (rv_is(curve, RV_K_CALL)) {
            curve = rv_field(curve, RV_F_FUNCTION);
        }
        char cq[QNAME_MAX];
        if (!ts_node_is_null(curve) && rv_sec__qualify(s->ctx, curve, cq, sizeof(cq)) &&
            (strcmp(last_part(cq), "SECP192R1") == 0 || strcmp(last_part(cq), "SECT163K1") == 0 ||
             strcmp(last_part(cq), "SECT163R2") == 0)) {
            report(s, RV_WEAK_KEY, curve,
                   "`%s` uses curve %s, smaller than 224 bits; use SECP256R1 or larger", q,
                   last_part(cq));
        }
    }
    (void)fn;
}

static bool has_secret_word(const char *s, size_t len) {
    static const char *const words[] = {"password",    "passwd",    "passphrase", "pwd",
                                        "token",       "secret",    "salt",       "nonce",
                                        "otp",         "csrf",      "apikey",     "api_key",
                                        "session_key", "sessionid", "session_id", NULL};
    char low[128];
    size_t n = RV_MIN(len, sizeof(low) - 1);
    for (size_t i = 0; i < n; i++) {
        low[i] = (char)tolower((unsigned char)s[i]);
    }
    low[n] = '\0';
    for (size_t i = 0; words[i] != NULL; i++) {
        if (strstr(low, words[i]) != NULL) {
            return true;
        }
    }
    return false;
}

// The name a call's value is stored under or returned from, for judging its purpose. It goes
// up through the model: a copied node lives in a tree kept from an earlier analysis, where
// ts_node_parent's search from the root by position would not find it (docs/incremental.md).
static bool secret_context(const struct sec *s, TSNode call, char *why, size_t cap) {
    TSNode cur = call;
    for (int depth = 0; depth < 8; depth++) {
        TSNode parent = rv_model_parent(s->ctx->model, cur);
        if (ts_node_is_null(parent)) {
            break;
        }
        const char *type = ts_node_type(parent);
        if (strcmp(type, "assignment") == 0 || strcmp(type, "augmented_assignment") == 0) {
            TSNode left = rv_field(parent, RV_F_LEFT);
            size_t len;
            const char *p = rv_node_text(s->ctx->text, left, &len);
            if (!ts_node_is_null(left) && has_secret_word(p, len)) {
                snprintf(why, cap, "`%.*s`", (int)RV_MIN(len, (size_t)40), p);
                return true;
            }
            return false;
        }
        if (strcmp(type, "keyword_argument") == 0) {
            TSNode key = rv_field(parent, RV_F_NAME);
            size_t len;
            const char *p = rv_node_text(s->ctx->text, key, &len);
            if (has_secret_word(p, len)) {
                snprintf(why, cap, "`%.*s`", (int)RV_MIN(len, (size_t)40), p);
                return true;
            }
        }
        if (strcmp(type, "function_definition") == 0 || strcmp(type, "class_definition") == 0 ||
            strcmp(type, "module") == 0) {
            break;
        }
        if (strcmp(type, "return_statement") == 0) {
            // Returned from a function named for a secret: make_token(), new_password().
            for (TSNode up = parent; !ts_node_is_null(up);
                 up = rv_model_parent(s->ctx->model, up)) {
                if (rv_is(up, RV_K_FUNCTION_DEFINITION)) {
                    TSNode name = rv_field(up, RV_F_NAME);
                    size_t len;
                    const char *p = rv_node_text(s->ctx->text, name, &len);
                    if (has_secret_word(p, len)) {
                        snprintf(why, cap, "`%.*s()`", (int)RV_MIN(len, (size_t)40), p);
                        return true;
                    }
                    break;
                }
            }
            return false;
        }
        cur = parent;
    }
    return false;
}

static const char *const random_calls[] = {
    "random.random",  "random.randrange", "random.randint",    "random.choice",
    "random.choices", "random.uniform",   "random.triangular", "random.getrandbits",
    "random.sample",  "random.randbytes", "random.shuffle",    NULL,
};

static void check_random(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    if (!(c->is & CALLEE_RANDOM)) {
        return;
    }
    char why[64];
    if (!secret_context(s, call, why, sizeof(why))) {
        return; // simulations, sampling, jitter: the random module is right for them
    }
    report(s, RV_RANDOM_SECRET, fn,
           "`%s` feeds %s, but the random module is predictable from its output; use the "
           "secrets module (secrets.token_urlsafe, secrets.choice)",
           q, why);
}

/* ------------------------------------------------------------------------------------------ */
/* Files, sockets and web frameworks. */

// Evaluates an integer mode: literals, stat.S_* constants, | and +. Returns -1 when unknown.
static long mode_value(const struct sec *s, TSNode node, int depth) {
    if (ts_node_is_null(node) || depth > 16) {
        return -1;
    }
    if (rv_is(node, RV_K_PARENTHESIZED_EXPRESSION)) {
        return mode_value(s, ts_node_named_child(node, 0), depth + 1);
    }
    if (rv_sec__is(node, "integer")) {
        return integer_value(s, node);
    }
    if (rv_is(node, RV_K_BINARY_OPERATOR)) {
        const char *op = operator_text(s, node);
        long a = mode_value(s, rv_field(node, RV_F_LEFT), depth + 1);
        long b = mode_value(s, rv_field(node, RV_F_RIGHT), depth + 1);
        if (a < 0 || b < 0) {
            return -1;
        }
        if (strcmp(op, "|") == 0) {
            return a | b;
        }
        if (strcmp(op, "+") == 0) {
            return a + b;
        }
        return -1;
    }
    char q[QNAME_MAX];
    if (!rv_sec__qualify(s->ctx, node, q, sizeof(q)) || strncmp(q, "stat.S_", 7) != 0) {
        return -1;
    }
    static const struct {
        const char *name;
        long value;
    } modes[] = {
        {"S_ISUID", 04000}, {"S_ISGID", 02000}, {"S_ISVTX", 01000}, {"S_IRWXU", 0700},
        {"S_IRUSR", 0400},  {"S_IWUSR", 0200},  {"S_IXUSR", 0100},  {"S_IRWXG", 070},
        {"S_IRGRP", 040},   {"S_IWGRP", 020},   {"S_IXGRP", 010},   {"S_IRWXO", 07},
        {"S_IROTH", 04},    {"S_IWOTH", 02},    {"S_IXOTH", 01},
    };
    for (size_t i = 0; i < RV_ARRAY_LEN(modes); i++) {
        if (strcmp(q + 5, modes[i].name) == 0) {
            return modes[i].value;
        }
    }
    return -1;
}

static void check_files(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    if (c->is & CALLEE_MKTEMP) {
        report(s, RV_MKTEMP, fn,
               "`%s` returns a name that another process can create first (a race); use "
               "tempfile.mkstemp or tempfile.NamedTemporaryFile",
               q);
        return;
    }
    TSNode mode = {0};
    if (c->is & CALLEE_OS_CHMOD) {
        mode = rv_sec__posarg(call, 1);
    } else if (strcmp(c->last, "chmod") == 0 && rv_is(fn, RV_K_ATTRIBUTE) &&
               strncmp(q, "os.", 3) != 0) {
        mode = rv_sec__posarg(call, 0); // pathlib.Path.chmod(mode)
    } else {
        return;
    }
    if (ts_node_is_null(mode)) {
        mode = rv_sec__kwarg(s->ctx, call, "mode");
    }
    long value = mode_value(s, mode, 0);
    if (value >= 0 && (value & 02) != 0) {
        report(s, RV_CHMOD, mode,
               "`%s` gives mode 0o%lo: every user on the machine can write this file; drop "
               "the world-write bit (0o%lo)",
               q, (unsigned long)value, (unsigned long)(value & ~02L));
    }
}

static const char *const xml_calls[] = {
    "xml.etree.cElementTree.parse",
    "xml.etree.cElementTree.iterparse",
    "xml.etree.cElementTree.fromstring",
    "xml.etree.cElementTree.XMLParser",
    "xml.etree.ElementTree.parse",
    "xml.etree.ElementTree.iterparse",
    "xml.etree.ElementTree.fromstring",
    "xml.etree.ElementTree.XMLParser",
    "xml.sax.expatreader.create_parser",
    "xml.dom.expatbuilder.parse",
    "xml.dom.expatbuilder.parseString",
    "xml.sax.parse",
    "xml.sax.parseString",
    "xml.sax.make_parser",
    "xml.dom.minidom.parse",
    "xml.dom.minidom.parseString",
    "xml.dom.pulldom.parse",
    "xml.dom.pulldom.parseString",
    "lxml.etree.parse",
    "lxml.etree.fromstring",
    "lxml.etree.RestrictedElement",
    "lxml.etree.GlobalParserTLS",
    "lxml.etree.getDefaultParser",
    "lxml.etree.check_docinfo",
    NULL,
};

static void check_web(struct sec *s, TSNode call, TSNode fn, const struct callee *c) {
    const char *q = c->q;
    if (c->is & CALLEE_XML) {
        report(s, RV_XML, fn,
               "`%s` parses XML with the standard parser, which expands entities: untrusted "
               "input can exhaust memory or, with lxml, read local files; use defusedxml",
               q);
        return;
    }
    const char *name = c->last;
    if (s->imports_tarfile && strcmp(name, "extractall") == 0 && rv_is(fn, RV_K_ATTRIBUTE) &&
        ts_node_is_null(rv_sec__kwarg(s->ctx, call, "filter"))) {
        report(s, RV_TARFILE, fn,
               "`extractall` without filter= writes wherever member names point (`../`, "
               "absolute paths, links); pass filter=\"data\" (Python 3.12, backported to 3.8+)");
        return;
    }
    if (s->imports_flask && strcmp(name, "run") == 0 && rv_is(fn, RV_K_ATTRIBUTE)) {
        TSNode debug = rv_sec__kwarg(s->ctx, call, "debug");
        if (!ts_node_is_null(debug) && rv_sec__truth(s->ctx, debug) == 1) {
            report(s, RV_FLASK_DEBUG, debug,
                   "Flask's `run` with debug=True serves the Werkzeug debugger, which runs any "
                   "Python sent to it; read debug from the environment and keep it off in "
                   "production");
        }
        return;
    }
    if (c->is & CALLEE_JINJA) {
        TSNode esc = rv_sec__kwarg(s->ctx, call, "autoescape");
        if (ts_node_is_null(esc)) {
            report(s, RV_JINJA_AUTOESCAPE, fn,
                   "`%s` without autoescape= does not escape HTML, so values rendered in "
                   "templates can inject scripts; pass autoescape=select_autoescape()",
                   q);
        } else if (rv_sec__truth(s->ctx, esc) == 0) {
            report(s, RV_JINJA_AUTOESCAPE, esc,
                   "`%s` with autoescape=False renders values as raw HTML, so they can inject "
                   "scripts; pass autoescape=select_autoescape()",
                   q);
        }
        return;
    }
    if (c->is & CALLEE_MARK_SAFE) {
        TSNode arg = rv_sec__posarg(call, 0);
        if (!ts_node_is_null(arg) && !rv_sec__is_plain_string(arg)) {
            char snip[SNIPPET_MAX];
            report(s, RV_MARK_SAFE, fn,
                   "`%s` disables escaping of `%s`: any user text inside it becomes HTML; use "
                   "format_html, which escapes its arguments",
                   name, rv_sec__snippet(s->ctx, arg, snip, sizeof(snip)));
        }
        return;
    }
    if (c->is & CALLEE_RAWSQL) {
        TSNode sql = rv_sec__posarg(call, 0);
        if (ts_node_is_null(sql)) {
            sql = rv_sec__kwarg(s->ctx, call, "sql");
        }
        if (!ts_node_is_null(sql) && !rv_sec__is_plain_string(sql)) {
            char snip[SNIPPET_MAX];
            report(s, RV_RAWSQL, sql,
                   "`RawSQL` with SQL built at run time (`%s`) can be injected; keep the SQL a "
                   "literal and pass values in params",
                   rv_sec__snippet(s->ctx, sql, snip, sizeof(snip)));
        }
        return;
    }
    if (s->imports_django && strcmp(name, "extra") == 0 && rv_is(fn, RV_K_ATTRIBUTE)) {
        // Literal SQL fragments are the author's; anything computed may carry user input.
        TSNode args = rv_field(call, RV_F_ARGUMENTS);
        uint32_t n = rv_is(args, RV_K_ARGUMENT_LIST) ? ts_node_named_child_count(args) : 0;
        for (uint32_t i = 0; i < n; i++) {
            TSNode arg = ts_node_named_child(args, i);
            TSNode value = arg;
            if (rv_is(arg, RV_K_KEYWORD_ARGUMENT)) {
                TSNode key = rv_field(arg, RV_F_NAME);
                if (rv_node_text_eq(s->ctx->text, key, "params") ||
                    rv_node_text_eq(s->ctx->text, key, "select_params")) {
                    continue; // values passed as parameters are escaped by the driver
                }
                value = rv_field(arg, RV_F_VALUE);
            }
            if (rv_is(value, RV_K_COMMENT) || ts_node_is_null(value)) {
                continue;
            }
            bool literal = rv_sec__is_plain_string(value);
            if (rv_is(value, RV_K_LIST) || rv_is(value, RV_K_TUPLE) ||
                rv_sec__is(value, "dictionary")) {
                literal = true;
                // Every element (and dict value) must be a literal string.
                uint32_t m = ts_node_named_child_count(value);
                for (uint32_t j = 0; j < m && literal; j++) {
                    TSNode el = ts_node_named_child(value, j);
                    if (rv_is(el, RV_K_PAIR)) {
                        el = rv_field(el, RV_F_VALUE);
                    }
                    literal = rv_sec__is_plain_string(el) || rv_is(el, RV_K_COMMENT);
                }
            }
            if (!literal) {
                char snip[SNIPPET_MAX];
                report(s, RV_DJANGO_EXTRA, value,
                       "`extra` with SQL built at run time (`%s`) can be injected; use the ORM "
                       "or pass values in params",
                       rv_sec__snippet(s->ctx, value, snip, sizeof(snip)));
                return;
            }
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The callee table. */

static const char *const eval_calls[] = {"eval", "builtins.eval", NULL};
static const char *const exec_calls[] = {"exec", "builtins.exec", NULL};
static const char *const yaml_unsafe_calls[] = {"yaml.unsafe_load", "yaml.unsafe_load_all", NULL};
static const char *const yaml_load_calls[] = {"yaml.load", "yaml.load_all", NULL};
static const char *const unverified_ctx_calls[] = {"ssl._create_unverified_context",
                                                   "ssl._create_stdlib_context", NULL};
static const char *const wrap_socket_calls[] = {"ssl.wrap_socket", NULL};
static const char *const hash_new_calls[] = {"hashlib.new", NULL};
static const char *const ec_calls[] = {
    "cryptography.hazmat.primitives.asymmetric.ec.generate_private_key", NULL};
static const char *const mktemp_calls[] = {"tempfile.mktemp", "os.tempnam", "os.tmpnam", NULL};
static const char *const os_chmod_calls[] = {"os.chmod", "os.fchmod", "os.lchmod", NULL};
static const char *const jinja_calls[] = {"jinja2.Environment", "jinja2.Template", NULL};
static const char *const mark_safe_calls[] = {"django.utils.safestring.mark_safe",
                                              "django.utils.html.mark_safe",
                                              "django.utils.safestring.SafeString", NULL};
static const char *const rawsql_calls[] = {"django.db.models.expressions.RawSQL",
                                           "django.db.models.RawSQL", NULL};

static const struct {
    const char *const *names;
    uint32_t is;
} callee_lists[] = {
    {eval_calls, CALLEE_EVAL},
    {exec_calls, CALLEE_EXEC},
    {deserializers, CALLEE_DESERIALIZE},
    {yaml_unsafe_calls, CALLEE_YAML_UNSAFE},
    {yaml_load_calls, CALLEE_YAML_LOAD},
    {subprocess_calls, CALLEE_SUBPROCESS},
    {shell_calls, CALLEE_SHELL},
    {no_shell_calls, CALLEE_NO_SHELL},
    {unverified_ctx_calls, CALLEE_UNVERIFIED_CTX},
    {wrap_socket_calls, CALLEE_WRAP_SOCKET},
    {weak_calls, CALLEE_WEAK_HASH},
    {hash_new_calls, CALLEE_HASH_NEW},
    {rsa_dsa, CALLEE_RSA_DSA},
    {ec_calls, CALLEE_EC},
    {random_calls, CALLEE_RANDOM},
    {mktemp_calls, CALLEE_MKTEMP},
    {os_chmod_calls, CALLEE_OS_CHMOD},
    {xml_calls, CALLEE_XML},
    {jinja_calls, CALLEE_JINJA},
    {mark_safe_calls, CALLEE_MARK_SAFE},
    {rawsql_calls, CALLEE_RAWSQL},
};

struct callee_entry {
    const char *name; /* NULL for an empty slot */
    uint32_t is;      /* CALLEE_* of every list that holds the name */
};

// Every name of callee_lists once, in an open-addressing hash table: every call's name is
// looked up, and most are in no list, which an empty slot tells after one hash of the name
// (bsearch took eight string compares). Built once per process; at most half full.
#define CALLEE_SLOTS 512
static struct callee_entry callees[CALLEE_SLOTS];

static uint32_t callee_hash(const char *name) {
    uint32_t h = 2166136261u; // FNV-1a
    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
        h = (h ^ *p) * 16777619u;
    }
    return h;
}

// The slot that holds `name`, or the empty slot where it would go.
static struct callee_entry *callee_slot(const char *name) {
    uint32_t i = callee_hash(name) & (CALLEE_SLOTS - 1);
    while (callees[i].name != NULL && strcmp(callees[i].name, name) != 0) {
        i = (i + 1) & (CALLEE_SLOTS - 1);
    }
    return &callees[i];
}

static void build_callees(void) {
    size_t used = 0;
    for (size_t l = 0; l < RV_ARRAY_LEN(callee_lists); l++) {
        for (const char *const *n = callee_lists[l].names; *n != NULL; n++) {
            struct callee_entry *e = callee_slot(*n);
            if (e->name == NULL) {
                if (++used > CALLEE_SLOTS / 2) {
                    abort(); // a programming error: grow CALLEE_SLOTS
                }
                e->name = *n;
            }
            e->is |= callee_lists[l].is;
        }
    }
}

// The CALLEE_* flags of a qualified name; 0 for the names no check looks at.
static uint32_t callee_lookup(const char *q) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build_callees);
    return callee_slot(q)->is;
}

/* ------------------------------------------------------------------------------------------ */
/* Calls: resolve each once and hand it to the checks. */

// `ci` is the call's index in the model's nodes, or NO_NODE when it is not known there. The
// callee is read through the nodes when it can be: every call is asked for it.
static void check_call(struct sec *s, TSNode call, uint32_t ci) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t fi = flat_first_field(nodes, ci);
    TSNode fn = fi != NO_NODE ? nodes[fi].node : rv_field(call, RV_F_FUNCTION);
    char q[QNAME_MAX];
    if (ts_node_is_null(fn)) {
        return;
    }
    struct callee c = {.q = q, .last = q, .is = 0};
    bool qualified =
        fi != NO_NODE ? qualify_at(s, fi, q, sizeof(q)) : rv_sec__qualify(s->ctx, fn, q, sizeof(q));
    if (!qualified) {
        // A method on a computed object (`Path(p).chmod`, `tarfile.open(p).extractall`): only
        // the method name is known, which the method-based checks need.
        enum rv_kind fn_kind = fi != NO_NODE ? (enum rv_kind)nodes[fi].kind : rv_kind(fn);
        if (fn_kind != RV_K_ATTRIBUTE) {
            return; // a computed callee with no name at all
        }
        uint32_t ai = flat_last_field(nodes, fi);
        TSNode attr = ai != NO_NODE ? nodes[ai].node : rv_field(fn, RV_F_ATTRIBUTE);
        enum rv_kind attr_kind =
            ai != NO_NODE ? (enum rv_kind)nodes[ai].kind : rv_kind_or_other(attr);
        if (attr_kind != RV_K_IDENTIFIER || ts_node_eq(attr, fn)) {
            return;
        }
        size_t len;
        const char *p = rv_node_text(s->ctx->text, attr, &len);
        snprintf(q, sizeof(q), "%.*s", (int)RV_MIN(len, sizeof(q) - 1), p);
        c.last = last_part(q);
        check_files(s, call, fn, &c);
        check_web(s, call, fn, &c);
        return;
    }
    c.last = last_part(q);
    c.is = callee_lookup(q);
    check_eval_exec(s, call, fn, &c);
    if (c.is & CALLEE_DESERIALIZE) {
        bool marshal = strncmp(q, "marshal.", 8) == 0;
        report(s, RV_DESERIALIZE, fn,
               marshal ? "`%s` is not safe against malformed or malicious data; use json for "
                         "data from outside"
                       : "`%s` can run arbitrary code while loading: never load data that "
                         "crossed a trust boundary; use json or a schema-checked format",
               q);
    }
    // Each check returns at once when c's flags and last part rule it out.
    check_yaml(s, call, fn, &c);
    check_processes(s, call, fn, &c);
    check_http(s, call, fn, &c);
    check_tls(s, call, fn, &c);
    check_hash(s, call, fn, &c);
    check_key_size(s, call, fn, &c);
    check_random(s, call, fn, &c);
    check_files(s, call, fn, &c);
    check_web(s, call, fn, &c);
}

/* ------------------------------------------------------------------------------------------ */
/* Hard-coded credentials. */

// Does an identifier name a credential? Word-wise, like bandit, but the credential word must
// end the name: `db_password` and `TOKEN` count, `token_type` and `password_prompt` do not.
static bool credential_name(const char *s, size_t len) {
    static const char *const words[] = {"password", "passwd", "passphrase", "pwd",
                                        "pass",     "token",  "secret",     "secrete",
                                        "pword",    "pswd",   NULL};
    size_t start = len;
    while (start > 0 && s[start - 1] != '_' && s[start - 1] != '.') {
        start--;
    }
    size_t wlen = len - start;
    // Every name is asked and few are credentials: the words start with p, s or t and the
    // camelCase tails below end in d, n or t, so most names are settled by two letters.
    char head = (char)(wlen > 0 ? s[start] | 0x20 : 0);
    char tail = len > 0 ? s[len - 1] : 0;
    if (head != 'p' && head != 's' && head != 't' &&
        (start != 0 || (tail != 'd' && tail != 'n' && tail != 't'))) {
        return false;
    }
    for (size_t i = 0; words[i] != NULL; i++) {
        if (strlen(words[i]) == wlen && strncasecmp(s + start, words[i], wlen) == 0) {
            return true;
        }
    }
    // camelCase: authToken, dbPassword.
    if (start == 0) {
        static const char *const tails[] = {"Password", "Passwd", "Token", "Secret", NULL};
        for (size_t i = 0; tails[i] != NULL; i++) {
            size_t tl = strlen(tails[i]);
            if (len > tl && memcmp(s + len - tl, tails[i], tl) == 0) {
                return true;
            }
        }
    }
    return false;
}

static bool same_word(const char *a, size_t alen, const char *b, size_t blen) {
    if (alen != blen) {
        return false;
    }
    for (size_t i = 0; i < alen; i++) {
        char x = (char)tolower((unsigned char)a[i]);
        char y = (char)tolower((unsigned char)b[i]);
        if (x == '-' || x == ' ') {
            x = '_';
        }
        if (y == '-' || y == ' ') {
            y = '_';
        }
        if (x != y) {
            return false;
        }
    }
    return true;
}

// Is the literal plausibly a secret? Empty strings, placeholders, prompts and key names
// (`PASSWORD = "password"`, a form field name) are not.
static bool secret_value(const struct sec *s, TSNode value, const char *name, size_t name_len) {
    if (!rv_sec__is_plain_string(value) || rv_is(value, RV_K_CONCATENATED_STRING)) {
        return false;
    }
    size_t len;
    const char *p = rv_sec__string_content(s->ctx, value, &len);
    if (len == 0) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (isspace((unsigned char)p[i])) {
            return false; // prompts and messages: "Password: ", "enter your token"
        }
    }
    if ((p[0] == '<' && p[len - 1] == '>') || (p[0] == '{' && p[len - 1] == '}') ||
        (len >= 2 && p[0] == '$' && p[1] == '{') || (len >= 2 && p[0] == '%' && len <= 3)) {
        return false;
    }
    bool all_same = true;
    for (size_t i = 1; i < len; i++) {
        all_same = all_same && p[i] == p[0];
    }
    if (all_same && (p[0] == '*' || p[0] == 'x' || p[0] == 'X' || p[0] == '.')) {
        return false; // masks such as "****"
    }
    if (same_word(p, len, name, name_len)) {
        return false;
    }
    // The key under which a credential is stored, named after itself: TOKEN_KEY = "token".
    size_t start = name_len;
    while (start > 0 && name[start - 1] != '_') {
        start--;
    }
    return !same_word(p, len, name + start, name_len - start);
}

static void credential_severity(struct sec *s, struct rv_finding *f, TSNode node) {
    if (!rv_sec__in_test(s->ctx, &s->tests, node)) {
        return;
    }
    enum rv_severity sev;
    if (rv_severity_parse(rv_config_str(s->ctx->config, "test-credentials-severity"), &sev)) {
        f->severity = sev;
    }
}

static void report_credential(struct sec *s, uint16_t code, TSNode value, const char *what,
                              const char *name, size_t name_len) {
    struct rv_finding *f = report(s, code, value,
                                  "%s `%.*s` is a hard-coded credential: it lives in every copy "
                                  "and in version control; read it from the environment or a "
                                  "secrets store",
                                  what, (int)RV_MIN(name_len, (size_t)60), name);
    credential_severity(s, f, value);
}

// `name = "literal"` and `obj.name = "literal"`, `d["name"] = "literal"`.
// The name is tested before the value is looked up: most names are not credentials. `node` is
// the node being visited; its left side and that side's name are read in the model's nodes.
static void check_assignment(struct sec *s, TSNode node) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t li = flat_first_field(nodes, s->at);
    TSNode left = li != NO_NODE ? nodes[li].node : rv_field(node, RV_F_LEFT);
    if (ts_node_is_null(left)) {
        return;
    }
    enum rv_kind left_kind = li != NO_NODE ? (enum rv_kind)nodes[li].kind : rv_kind(left);
    const char *what = "the value assigned to";
    size_t len;
    const char *p;
    // Only a kind the table does not name (RV_K_OTHER) can be a subscript.
    if (left_kind == RV_K_OTHER && rv_sec__is(left, "subscript")) {
        TSNode key = rv_sec__field(left, "subscript");
        if (!rv_sec__is_plain_string(key)) {
            return;
        }
        p = rv_sec__string_content(s->ctx, key, &len);
        what = "the value stored under";
    } else {
        TSNode name = left;
        enum rv_kind name_kind = left_kind;
        if (left_kind == RV_K_ATTRIBUTE) {
            uint32_t ai = flat_last_field(nodes, li);
            name = ai != NO_NODE ? nodes[ai].node : rv_field(left, RV_F_ATTRIBUTE);
            name_kind = ai != NO_NODE ? (enum rv_kind)nodes[ai].kind : rv_kind_or_other(name);
        }
        if (name_kind != RV_K_IDENTIFIER) {
            return;
        }
        // The name ends before whatever follows the left side: most spans settle it.
        if (li != NO_NODE && flat_span_to_next(s, s->at, li, &p, &len)) {
            size_t skip = (size_t)(ts_node_start_byte(name) - ts_node_start_byte(left));
            if (skip <= len && !may_hold_credential(p + skip, len - skip)) {
                return;
            }
        }
        p = rv_node_text(s->ctx->text, name, &len);
    }
    if (!credential_name(p, len)) {
        return;
    }
    TSNode right = rv_field(node, RV_F_RIGHT);
    if (!ts_node_is_null(right) && secret_value(s, right, p, len)) {
        report_credential(s, RV_PASSWORD_STRING, right, what, p, len);
    }
}

// `password == "hunter2"`: the program contains the password it checks for. `node` is the node
// being visited, whose children are read in the model's nodes: its named children and its
// second child, the operator when there are two operands.
static void check_comparison(struct sec *s, TSNode node) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t named[2] = {NO_NODE, NO_NODE};
    uint32_t named_count = 0;
    uint32_t op = NO_NODE;
    uint32_t children = 0;
    for (uint32_t j = s->at + 1; j < nodes[s->at].end; j = nodes[j].end) {
        if (children++ == 1) {
            op = j;
        }
        if (nodes[j].named && named_count++ < 2) {
            named[named_count - 1] = j;
        }
    }
    if (named_count != 2) {
        return;
    }
    // ts_node_type, from the symbol the model holds.
    const char *opt =
        op == NO_NODE ? "" : ts_language_symbol_name(tree_sitter_python(), nodes[op].symbol);
    if (strcmp(opt, "==") != 0 && strcmp(opt, "!=") != 0) {
        return;
    }
    uint32_t ai = named[0];
    uint32_t bi = named[1];
    if (nodes[ai].kind == RV_K_STRING || nodes[ai].kind == RV_K_CONCATENATED_STRING) {
        ai = named[1];
        bi = named[0];
    }
    TSNode b = nodes[bi].node;
    TSNode name = nodes[ai].node;
    enum rv_kind name_kind = (enum rv_kind)nodes[ai].kind;
    if (name_kind == RV_K_ATTRIBUTE) {
        uint32_t attr = flat_last_field(nodes, ai);
        name = attr != NO_NODE ? nodes[attr].node : rv_field(name, RV_F_ATTRIBUTE);
        name_kind = attr != NO_NODE ? (enum rv_kind)nodes[attr].kind : rv_kind_or_other(name);
    }
    if (name_kind != RV_K_IDENTIFIER) {
        return;
    }
    size_t len;
    const char *p = rv_node_text(s->ctx->text, name, &len);
    // Parsers compare `token` with literal token text all day; only password-like names count.
    size_t tail = len;
    while (tail > 0 && p[tail - 1] != '_') {
        tail--;
    }
    bool token = len - tail == 5 && strncasecmp(p + tail, "token", 5) == 0;
    if (!token && credential_name(p, len) && secret_value(s, b, p, len)) {
        report_credential(s, RV_PASSWORD_STRING, b, "the value compared with", p, len);
    }
}

// `kw` is the node being visited: its name is read in the model's nodes.
static void check_keyword(struct sec *s, TSNode kw) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t ki = flat_first_field(nodes, s->at);
    TSNode key = ki != NO_NODE ? nodes[ki].node : rv_field(kw, RV_F_NAME);
    if (ts_node_is_null(key)) {
        return;
    }
    size_t len;
    const char *p;
    if (ki != NO_NODE && flat_span_to_next(s, s->at, ki, &p, &len) &&
        !may_hold_credential(p, len)) {
        return; // settled without reading where the name ends
    }
    p = rv_node_text(s->ctx->text, key, &len);
    if (!credential_name(p, len)) {
        return; // most arguments: the value is never looked up
    }
    TSNode value = rv_field(kw, RV_F_VALUE);
    if (!ts_node_is_null(value) && secret_value(s, value, p, len)) {
        report_credential(s, RV_PASSWORD_ARG, value, "the argument", p, len);
    }
}

// `pair` is the node being visited: its key is read in the model's nodes.
static void check_dict_pair(struct sec *s, TSNode pair) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    uint32_t ki = flat_first_field(nodes, s->at);
    size_t len;
    const char *p;
    if (ki != NO_NODE) {
        if (!flat_is_plain_string(nodes, ki)) {
            return;
        }
        p = flat_string_content(s, ki, &len);
    } else {
        TSNode key = rv_sec__field(pair, "key");
        if (!rv_sec__is_plain_string(key)) {
            return;
        }
        p = rv_sec__string_content(s->ctx, key, &len);
    }
    if (!credential_name(p, len)) {
        return;
    }
    TSNode value = rv_field(pair, RV_F_VALUE);
    if (!ts_node_is_null(value) && secret_value(s, value, p, len)) {
        report_credential(s, RV_PASSWORD_STRING, value, "the value stored under", p, len);
    }
}

static void check_params(struct sec *s) {
    const struct rv_model *m = s->ctx->model;
    for (size_t i = s->ctx->params_first; i < s->ctx->params_end; i++) {
        const struct rv_param *p = &m->params.items[i];
        if (ts_node_is_null(p->default_value) || node_skipped(s->ctx, p->default_value)) {
            continue; // every finding here starts at the default value
        }
        size_t len;
        const char *name = rv_node_text(s->ctx->text, p->name, &len);
        if (credential_name(name, len) && secret_value(s, p->default_value, name, len)) {
            report_credential(s, RV_PASSWORD_DEFAULT, p->default_value, "the default of parameter",
                              name, len);
        }
        char v[QNAME_MAX];
        if (s->mentions_protocol && may_name_bad_protocol(s, p->default_value) &&
            rv_sec__qualify(s->ctx, p->default_value, v, sizeof(v)) &&
            name_in(last_part(v), bad_protocols)) {
            report(s, RV_WEAK_TLS, p->default_value,
                   "parameter `%.*s` defaults to %s, a protocol with known breaks; default to "
                   "ssl.PROTOCOL_TLS_CLIENT",
                   (int)RV_MIN(len, (size_t)60), name, last_part(v));
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Strings: /tmp paths, 0.0.0.0 and SQL built from pieces. */

// Is the literal being visited tested against (`x == "/tmp"`, `host in ("0.0.0.0", "::")`)
// rather than used?
static bool in_comparison(const struct sec *s) {
    uint32_t k = 1;
    for (;; k++) {
        enum rv_kind kind = ancestor_kind(s, k);
        if (kind != RV_K_TUPLE && kind != RV_K_LIST && kind != RV_K_SET &&
            kind != RV_K_PARENTHESIZED_EXPRESSION) {
            break;
        }
    }
    return ancestor_kind(s, k) == RV_K_COMPARISON_OPERATOR;
}

// Is the literal being visited the argument of an address constructor (IPv4Address("0.0.0.0")),
// which names the address without listening on it?
static bool address_value(const struct sec *s) {
    TSNode args = ancestor(s, 1);
    if (!rv_is(args, RV_K_ARGUMENT_LIST)) {
        return false;
    }
    TSNode fn = rv_field(ancestor(s, 2), RV_F_FUNCTION);
    char q[QNAME_MAX];
    if (ts_node_is_null(fn) || !rv_sec__qualify(s->ctx, fn, q, sizeof(q))) {
        return false;
    }
    const char *name = last_part(q);
    size_t n = strlen(name);
    return (n >= 7 && strcmp(name + n - 7, "Address") == 0) ||
           (n >= 7 && strcmp(name + n - 7, "Network") == 0) || strcmp(name, "ip_address") == 0 ||
           strcmp(name, "ip_network") == 0 || strcmp(name, "inet_aton") == 0;
}

// Case-insensitive search of `word` in [p, p + len) from `from`; returns its index or -1.
static long find_word(const char *p, size_t len, size_t from, const char *word) {
    size_t wl = strlen(word);
    char first = (char)(word[0] | 0x20); // the words are lower-case letters
    for (size_t i = from; i + wl <= len; i++) {
        if ((char)(p[i] | 0x20) == first && strncasecmp(p + i, word, wl) == 0) {
            return (long)i;
        }
    }
    return -1;
}

static bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// `word` followed by white space, and (if `then` is set) `then` followed by white space later
// on the same line. Mirrors bandit's "select .* from", "insert into .* values", "update .*
// set" and "delete from" patterns.
static bool sql_pair(const char *p, size_t len, const char *word, const char *then, bool tight) {
    size_t wl = strlen(word);
    for (long at = find_word(p, len, 0, word); at >= 0;
         at = find_word(p, len, (size_t)at + 1, word)) {
        size_t i = (size_t)at + wl;
        if (i >= len || !is_ws(p[i]) || (at > 0 && isalnum((unsigned char)p[at - 1]))) {
            continue;
        }
        if (tight) {
            while (i < len && is_ws(p[i])) {
                i++;
            }
            if (i + strlen(then) < len && strncasecmp(p + i, then, strlen(then)) == 0 &&
                is_ws(p[i + strlen(then)])) {
                return true;
            }
            continue;
        }
        size_t tl = strlen(then);
        for (size_t j = i; j + tl < len && p[j] != '\n'; j++) {
            if (strncasecmp(p + j, then, tl) == 0 && is_ws(p[j + tl]) &&
                (j == 0 || !isalnum((unsigned char)p[j - 1]))) {
                return true;
            }
        }
    }
    return false;
}

// Does the text hold one of the verbs that looks_like_sql starts from? One pass, where the
// four find_word scans of sql_pair would take four: most strings built at run time are not SQL.
static bool mentions_sql_verb(const char *p, size_t len) {
    for (size_t i = 0; i < len; i++) {
        const char *word;
        switch (p[i] | 0x20) { // find_word's first-letter test
        case 's':
            word = "select";
            break;
        case 'd':
            word = "delete";
            break;
        case 'i':
            word = "insert";
            break;
        case 'u':
            word = "update";
            break;
        default:
            continue;
        }
        if (i + 6 <= len && strncasecmp(p + i, word, 6) == 0) {
            return true;
        }
    }
    return false;
}

static bool looks_like_sql(const char *p, size_t len) {
    if (!mentions_sql_verb(p, len)) {
        return false;
    }
    return sql_pair(p, len, "select", "from", false) || sql_pair(p, len, "delete", "from", true) ||
           sql_pair(p, len, "insert", "into", true) || sql_pair(p, len, "update", "set", false);
}

// Collects the text of the string literals of a + / % chain, in order, into buf.
static void chain_text(const struct sec *s, TSNode node, char *buf, size_t cap, size_t *pos) {
    if (rv_is(node, RV_K_PARENTHESIZED_EXPRESSION)) {
        chain_text(s, ts_node_named_child(node, 0), buf, cap, pos);
    } else if (rv_is(node, RV_K_BINARY_OPERATOR)) {
        chain_text(s, rv_field(node, RV_F_LEFT), buf, cap, pos);
        chain_text(s, rv_field(node, RV_F_RIGHT), buf, cap, pos);
    } else if (is_string_like(node)) {
        uint32_t n = rv_is(node, RV_K_CONCATENATED_STRING) ? ts_node_named_child_count(node) : 1;
        for (uint32_t i = 0; i < n; i++) {
            TSNode part =
                rv_is(node, RV_K_CONCATENATED_STRING) ? ts_node_named_child(node, i) : node;
            size_t len;
            const char *p = rv_sec__string_content(s->ctx, part, &len);
            size_t take = RV_MIN(len, cap - 1 - *pos);
            memcpy(buf + *pos, p, take);
            *pos += take;
            buf[*pos] = '\0';
        }
    } else if (*pos + 2 < cap) {
        buf[(*pos)++] = ' '; // a value spliced in
        buf[*pos] = '\0';
    }
}

static bool execute_call(const struct sec *s, TSNode call) {
    if (!rv_is(call, RV_K_CALL)) {
        return false;
    }
    TSNode fn = rv_field(call, RV_F_FUNCTION);
    TSNode name = rv_is(fn, RV_K_ATTRIBUTE) ? rv_field(fn, RV_F_ATTRIBUTE) : fn;
    return !ts_node_is_null(name) && (rv_node_text_eq(s->ctx->text, name, "execute") ||
                                      rv_node_text_eq(s->ctx->text, name, "executemany") ||
                                      rv_node_text_eq(s->ctx->text, name, "executescript"));
}

// Called for each expression that builds a string: an f-string, a + or % chain holding a
// literal, or "...".format(...). Reports it once when its literal text reads like SQL. `expr`
// is ancestor(s, at) of the literal being visited.
static void check_sql(struct sec *s, uint32_t at, TSNode literal, enum built kind) {
    TSNode expr = ancestor(s, at);
    char text[2048];
    size_t pos = 0;
    text[0] = '\0';
    if (kind == BUILT_PERCENT || kind == BUILT_CONCAT) {
        chain_text(s, expr, text, sizeof(text), &pos);
    } else {
        size_t len;
        const char *p = rv_node_text(s->ctx->text, literal, &len);
        pos = RV_MIN(len, sizeof(text) - 1);
        memcpy(text, p, pos);
        text[pos] = '\0';
    }
    if (!looks_like_sql(text, pos)) {
        return;
    }
    // The call that receives the query, through parentheses.
    uint32_t up = at + 1;
    while (ancestor_kind(s, up) == RV_K_PARENTHESIZED_EXPRESSION) {
        up++;
    }
    bool executed =
        ancestor_kind(s, up) == RV_K_ARGUMENT_LIST && execute_call(s, ancestor(s, up + 1));
    struct rv_finding *f = report(
        s, RV_SQL, literal,
        executed ? "SQL built with %s and passed to execute: a value spliced into the query "
                   "can change it (SQL injection); use placeholders and pass the values as "
                   "parameters"
                 : "SQL built with %s: if a spliced value comes from outside, it can change the "
                   "query (SQL injection); use placeholders and pass the values as parameters",
        built_name(kind));
    if (!executed) {
        f->severity = RV_SEVERITY_INFORMATION;
    }
}

// `node` is the node being visited (ancestor(s, 0)).
static void check_string(struct sec *s, TSNode node) {
    enum rv_kind parent = ancestor_kind(s, 1);
    if (parent == RV_K_CONCATENATED_STRING) {
        return; // judged as a whole
    }
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    if (flat_is_bytes(s, nodes, s->at)) {
        return;
    }
    // `node` is a string or a concatenation: plain without interpolation, else an f-string.
    bool plain = flat_is_plain(nodes, s->at);
    // A bare string statement is a docstring or a comment, never a path or an address.
    if (plain && parent != RV_K_EXPRESSION_STATEMENT && may_be_path_or_address(s, s->at)) {
        size_t len;
        const char *p = flat_string_content(s, s->at, &len);
        static const char *const tmp_dirs[] = {"/tmp", "/var/tmp", "/dev/shm", NULL};
        for (size_t i = 0; len > 0 && p[0] == '/' && tmp_dirs[i] != NULL; i++) {
            size_t dl = strlen(tmp_dirs[i]);
            if (len >= dl && memcmp(p, tmp_dirs[i], dl) == 0 && (len == dl || p[dl] == '/')) {
                if (!in_comparison(s)) {
                    report(s, RV_TMP_PATH, node,
                           "hard-coded `%.*s`: other users can pre-create or link this path in "
                           "the shared temporary directory; use the tempfile module",
                           (int)RV_MIN(len, (size_t)60), p);
                }
                break;
            }
        }
        if (len == 7 && memcmp(p, "0.0.0.0", 7) == 0 && !in_comparison(s) && !address_value(s)) {
            report(s, RV_BIND_ALL, node,
                   "binding to 0.0.0.0 listens on every network interface, exposing the service "
                   "beyond this machine; bind to 127.0.0.1 or make the address configurable");
        }
    }
    // SQL built from pieces: this literal inside an f-string, a + / % chain, or .format.
    if (!plain) {
        check_sql(s, 0, node, BUILT_FSTRING);
        return;
    }
    uint32_t up_at = 1;
    while (ancestor_kind(s, up_at) == RV_K_PARENTHESIZED_EXPRESSION) {
        up_at++;
    }
    enum rv_kind up_kind = ancestor_kind(s, up_at);
    if (up_kind != RV_K_ATTRIBUTE && up_kind != RV_K_BINARY_OPERATOR) {
        return;
    }
    TSNode up = ancestor(s, up_at);
    TSNode child = ancestor(s, up_at - 1);
    if (up_kind == RV_K_ATTRIBUTE && ts_node_eq(rv_field(up, RV_F_OBJECT), child) &&
        rv_node_text_eq(s->ctx->text, rv_field(up, RV_F_ATTRIBUTE), "format") &&
        ancestor_kind(s, up_at + 1) == RV_K_CALL) {
        check_sql(s, up_at + 1, node, BUILT_FORMAT);
        return;
    }
    if (up_kind != RV_K_BINARY_OPERATOR) {
        return;
    }
    // Climb to the top of the + / % chain; report from its first literal only.
    TSNode top = up;
    uint32_t top_at = up_at;
    for (uint32_t k = up_at + 1; ancestor_kind(s, k) == RV_K_BINARY_OPERATOR ||
                                 ancestor_kind(s, k) == RV_K_PARENTHESIZED_EXPRESSION;
         k++) {
        if (ancestor_kind(s, k) == RV_K_BINARY_OPERATOR) {
            top = ancestor(s, k);
            top_at = k;
        }
    }
    const char *op = operator_text(s, top);
    enum built kind = strcmp(op, "%") == 0   ? BUILT_PERCENT
                      : strcmp(op, "+") == 0 ? BUILT_CONCAT
                                             : BUILT_NONE;
    if (kind == BUILT_NONE) {
        return;
    }
    TSNode first = top;
    while (rv_is(first, RV_K_BINARY_OPERATOR) || rv_is(first, RV_K_PARENTHESIZED_EXPRESSION)) {
        first = rv_is(first, RV_K_BINARY_OPERATOR) ? rv_field(first, RV_F_LEFT)
                                                   : ts_node_named_child(first, 0);
    }
    if (ts_node_eq(first, node) || (!is_string_like(first) && ts_node_eq(up, top) &&
                                    ts_node_eq(rv_field(top, RV_F_RIGHT), child))) {
        check_sql(s, top_at, node, kind);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Statements: assert, except/pass, except/continue. */

static void check_assert(struct sec *s, TSNode node) {
    if (rv_sec__in_test(s->ctx, &s->tests, node)) {
        return; // assert is how tests check
    }
    TSNode kw = ts_node_child(node, 0);
    report(s, RV_ASSERT, kw,
           "`assert` is removed under python -O, so this check vanishes in optimised runs; "
           "raise an exception for conditions that must hold");
}

static void check_except(struct sec *s, TSNode node) {
    TSNode type = {0};
    TSNode block = {0};
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++) {
        TSNode c = ts_node_named_child(node, i);
        if (rv_is(c, RV_K_BLOCK)) {
            block = c;
        } else if (!rv_is(c, RV_K_COMMENT) && ts_node_is_null(type)) {
            type = c;
        }
    }
    if (rv_is(type, RV_K_AS_PATTERN)) {
        type = ts_node_named_child(type, 0);
    }
    // Like bandit, only a bare except or a catch-all: a narrow type is a decision.
    if (!ts_node_is_null(type) && !rv_node_text_eq(s->ctx->text, type, "Exception") &&
        !rv_node_text_eq(s->ctx->text, type, "BaseException")) {
        return;
    }
    if (ts_node_is_null(block)) {
        return;
    }
    TSNode only = {0};
    uint32_t stmts = 0;
    uint32_t m = ts_node_named_child_count(block);
    for (uint32_t i = 0; i < m; i++) {
        TSNode c = ts_node_named_child(block, i);
        if (!rv_is(c, RV_K_COMMENT)) {
            only = c;
            stmts++;
        }
    }
    if (stmts != 1) {
        return;
    }
    TSNode kw = ts_node_child(node, 0);
    TSNode end = ts_node_is_null(type) ? kw : type;
    const char *caught = ts_node_is_null(type) ? "every exception" : "every Exception";
    if (rv_sec__is(only, "pass_statement")) {
        rv_findings_add(s->out, RV_EXCEPT_PASS, ts_node_start_byte(kw), ts_node_end_byte(end),
                        "`except` swallows %s with `pass`: failures (and attacks) leave no "
                        "trace; catch the specific exception or log it",
                        caught);
    } else if (rv_sec__is(only, "continue_statement")) {
        rv_findings_add(s->out, RV_EXCEPT_CONTINUE, ts_node_start_byte(kw), ts_node_end_byte(end),
                        "`except` skips %s with `continue`: failures (and attacks) leave no "
                        "trace; catch the specific exception or log it",
                        caught);
    }
}

// The model leaves lambda bodies out of its calls (they are not definitions); check the calls
// of each outermost lambda here, nested ones included.
static void check_lambda_calls(struct sec *s) {
    const struct rv_flat_node *nodes = s->ctx->model->nodes.items;
    for (uint32_t i = nodes[s->at].parent; i != UINT32_MAX; i = nodes[i].parent) {
        if (nodes[i].kind == RV_K_LAMBDA) {
            return; // the outer lambda's scan covers this one
        }
    }
    for (uint32_t i = s->at; i < nodes[s->at].end; i++) {
        if (nodes[i].kind == RV_K_CALL && !node_skipped(s->ctx, nodes[i].node)) {
            check_call(s, nodes[i].node, i);
        }
    }
}

// The kinds visit() judges.
static const bool visited[RV_K_COUNT] = {
    [RV_K_LAMBDA] = true,
    [RV_K_ASSIGNMENT] = true,
    [RV_K_ASSERT_STATEMENT] = true,
    [RV_K_COMPARISON_OPERATOR] = true,
    [RV_K_CONCATENATED_STRING] = true,
    [RV_K_STRING] = true,
    [RV_K_EXCEPT_CLAUSE] = true,
    [RV_K_KEYWORD_ARGUMENT] = true,
    [RV_K_PAIR] = true,
};

static void visit(struct sec *s, TSNode node, enum rv_kind kind) {
    switch (kind) {
    case RV_K_LAMBDA:
        check_lambda_calls(s);
        break;
    case RV_K_ASSIGNMENT:
        check_assignment(s, node);
        break;
    case RV_K_ASSERT_STATEMENT:
        check_assert(s, node);
        break;
    case RV_K_COMPARISON_OPERATOR:
        check_comparison(s, node);
        break;
    case RV_K_CONCATENATED_STRING:
    case RV_K_STRING:
        check_string(s, node);
        break;
    case RV_K_EXCEPT_CLAUSE:
        check_except(s, node);
        break;
    case RV_K_KEYWORD_ARGUMENT:
        check_keyword(s, node);
        break;
    case RV_K_PAIR:
        check_dict_pair(s, node);
        break;
    default:
        break;
    }
}

// Does any import bind a name that may qualify to a broken protocol constant?
static bool imports_protocol(const struct rv_model *m) {
    for (size_t i = 0; i < m->imports.len; i++) {
        const struct rv_import *imp = &m->imports.items[i];
        if (text_protocol_like(imp->module) || text_protocol_like(imp->name)) {
            return true;
        }
    }
    return false;
}

// Does the text contain `word`? Candidates are found by memchr of word[anchor], a letter
// that is rare in Python source.
static bool text_mentions(const struct rv_text *text, uint32_t from, uint32_t to, const char *word,
                          size_t anchor) {
    size_t wl = strlen(word);
    const char *p = text->bytes + RV_MIN((size_t)from, text->len);
    const char *end = text->bytes + RV_MIN((size_t)to, text->len);
    while (p + anchor < end) {
        const char *hit = memchr(p + anchor, word[anchor], (size_t)(end - p - anchor));
        if (hit == NULL) {
            return false;
        }
        const char *start = hit - anchor;
        if ((size_t)(end - start) >= wl && memcmp(start, word, wl) == 0) {
            return true;
        }
        p = start + 1;
    }
    return false;
}

// Does the text between two bytes name a protocol constant? Only a hint: without one no
// argument can name a broken protocol, with one each argument is judged.
static bool mentions_protocol(const struct rv_text *text, uint32_t from, uint32_t to) {
    return text_mentions(text, from, to, "PROTOCOL_", 0) ||
           text_mentions(text, from, to, "_METHOD", 1);
}

// The memo's facts: which modules the file imports (they follow from the imports, which a
// ranged run finds unchanged), and whether its text mentioned a protocol constant when last
// read whole. A ranged run judges only the calls and defaults of its range, and what names a
// protocol there is spelled in the range or in an import (unchanged since that read): the
// mention is that fact or one inside the range (a stale true only costs a closer look).
enum { MEMO_IMPORTS, MEMO_MENTIONS };
enum { IMP_FLASK = 1, IMP_DJANGO = 2, IMP_TARFILE = 4, IMP_HTTP = 8, IMP_PROTOCOL = 16 };

static void file_facts(const struct rv_rule_ctx *ctx, struct sec *s) {
    struct rv_family_memo *memo = ctx->memo;
    if (memo != NULL && memo->valid) {
        uint64_t imp = memo->facts[MEMO_IMPORTS];
        s->imports_flask = imp & IMP_FLASK;
        s->imports_django = imp & IMP_DJANGO;
        s->imports_tarfile = imp & IMP_TARFILE;
        s->imports_http = imp & IMP_HTTP;
        s->imports_protocol = imp & IMP_PROTOCOL;
        s->mentions_protocol = memo->facts[MEMO_MENTIONS] ||
                               mentions_protocol(ctx->text, ctx->range_start, ctx->range_end);
        return;
    }
    s->imports_flask = rv_sec__imports(ctx, "flask");
    s->imports_django = rv_sec__imports(ctx, "django");
    s->imports_tarfile = rv_sec__imports(ctx, "tarfile");
    s->imports_http = rv_sec__imports(ctx, "requests") || rv_sec__imports(ctx, "httpx");
    s->imports_protocol = imports_protocol(ctx->model);
    s->mentions_protocol = mentions_protocol(ctx->text, 0, UINT32_MAX);
    if (memo != NULL) {
        memo->facts[MEMO_IMPORTS] =
            (s->imports_flask ? IMP_FLASK : 0) | (s->imports_django ? IMP_DJANGO : 0) |
            (s->imports_tarfile ? IMP_TARFILE : 0) | (s->imports_http ? IMP_HTTP : 0) |
            (s->imports_protocol ? IMP_PROTOCOL : 0);
        memo->facts[MEMO_MENTIONS] = s->mentions_protocol;
        memo->valid = true;
    }
}

// The first of the model's calls (in source order) that starts at or after `byte`.
static size_t first_call_from(const struct rv_model *m, uint32_t byte) {
    size_t lo = 0;
    size_t hi = m->calls.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ts_node_start_byte(m->calls.items[mid]) < byte) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

void rv_check_security(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    struct sec s = {.ctx = ctx, .out = out};
    file_facts(ctx, &s);
    // Every finding of a call lies inside it (its callee, arguments or the call itself). Its
    // place among the model's nodes lets check_call read it there. Over the whole file, each
    // call is looked for after the one before (both lists are in pre-order); an incremental
    // run asks for a few calls, each found by bisection rather than by a scan from the start.
    // A ranged run starts at the range: a call before it, inside an earlier statement, holds
    // no finding the run wants.
    bool whole = whole_file(ctx);
    uint32_t from = 0;
    size_t first = whole ? 0 : first_call_from(ctx->model, ctx->range_start);
    for (size_t i = first; i < ctx->model->calls.len; i++) {
        TSNode call = ctx->model->calls.items[i];
        if (!whole && ts_node_start_byte(call) >= ctx->range_end) {
            break;
        }
        if (node_skipped(ctx, call)) {
            continue;
        }
        uint32_t at =
            whole ? call_index_from(ctx->model, from, call) : rv_model_index(ctx->model, call);
        from = at != NO_NODE ? at + 1 : from;
        check_call(&s, call, at);
    }
    check_params(&s);
    // One scan of the model's nodes for the statement and literal checks; strings are not
    // entered (their interpolations hold no statements, and nested literals are judged whole).
    // A node outside the range is skipped with everything under it, and the scan reads only
    // the range's window: what lies before it and holds it (a class, its body) is no kind the
    // scan visits.
    const struct rv_flat_node *nodes = ctx->model->nodes.items;
    uint32_t count = ctx->nodes_end;
    bool ranged = !whole;
    for (uint32_t i = ctx->nodes_first; i < count;) {
        const struct rv_flat_node *n = &nodes[i];
        if (ranged && rv_ctx_skips_node(ctx, n->node)) {
            i = n->end;
            continue;
        }
        enum rv_kind kind = (enum rv_kind)n->kind;
        if (!visited[kind]) {
            i++; // most nodes: read the kind only
            continue;
        }
        s.at = i;
        visit(&s, n->node, kind);
        bool leaf = kind == RV_K_STRING || kind == RV_K_CONCATENATED_STRING;
        i = leaf ? n->end : i + 1;
    }
    rv_sec__tests_finish(&s.tests);
}
