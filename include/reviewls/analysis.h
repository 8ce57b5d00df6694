// SPDX-License-Identifier: MIT
// The analysis contract: rules read a parsed module (tree + text + a model of its definitions)
// and a configuration, and return findings. Pure: no I/O, no libuv, no JSON. Findings carry
// byte ranges; only the LSP and CLI layers turn them into positions.
#pragma once

#include "reviewls/text.h"
#include "reviewls/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

/** Severities mirror LSP's DiagnosticSeverity numbers. */
enum rv_severity {
    RV_SEVERITY_ERROR = 1,
    RV_SEVERITY_WARNING = 2,
    RV_SEVERITY_INFORMATION = 3,
    RV_SEVERITY_HINT = 4,
};

/** The categories of the catalogue, in report order (protocol/rules.json uses the kebab names). */
enum rv_category {
    RV_CAT_SYNTAX,
    RV_CAT_SECURITY,
    RV_CAT_NAMING_CONSISTENCY,
    RV_CAT_TYPE_HINTS,
    RV_CAT_DOCSTRINGS,
    RV_CAT_FUNCTION_NAMING,
    RV_CAT_VARIABLE_NAMING,
    RV_CAT_INDENTATION,
    RV_CAT_COMMENTS,
    RV_CAT_TEST_NAMING,
    RV_CAT_TEST_ORGANIZATION,
    RV_CAT_CODE_ORGANIZATION,
    RV_CAT_COUNT,
};

enum rv_setting_type {
    RV_SETTING_INT,
    RV_SETTING_BOOL,
    RV_SETTING_STRING,
};

/** One entry of the generated catalogue (protocol/rules.json). All strings are static. */
struct rv_rule_info {
    uint16_t code; /* 1 for RV001 */
    const char *code_str;
    const char *name;
    enum rv_category category;
    enum rv_severity severity;
    bool has_fix;
    const char *summary;
    const char *rationale;
    const char *bad;
    const char *good;
    const char *bandit;   /* bandit's id (security rules) or NULL */
    const char *settings; /* comma-separated setting names, or "" */
};

/** One tunable of the generated catalogue; rules read it with rv_config_int and friends. */
struct rv_setting_info {
    const char *name; /* kebab-case, as users write it */
    enum rv_setting_type type;
    long default_int;        /* INT and BOOL */
    const char *default_str; /* STRING */
    const char *description;
    const char *const *choices; /* STRING settings with a fixed set, NULL-terminated, or NULL */
};

extern const struct rv_rule_info rv_rules[];
extern const size_t rv_rules_count;
/** Each code's place in rv_rules plus one, 0 for no rule: RV_RULE_CODE_MAX entries, generated
 *  with the table. */
extern const uint8_t rv_rule_index[];
extern const struct rv_setting_info rv_settings[];
extern const size_t rv_settings_count;

/** Returns the catalogue entry for a numeric code, or NULL. */
const struct rv_rule_info *rv_rule_by_code(uint16_t code);
/** Accepts "RV001", "rv001" or a rule name; returns NULL if unknown. */
const struct rv_rule_info *rv_rule_lookup(const char *code_or_name);
const char *rv_category_name(enum rv_category cat);
/** Returns false if `name` is not a category's kebab name. */
bool rv_category_parse(const char *name, enum rv_category *out);
const char *rv_severity_name(enum rv_severity sev);
bool rv_severity_parse(const char *name, enum rv_severity *out);
/** Returns the setting's index in rv_settings, or -1. */
int rv_setting_index(const char *name);

/* ------------------------------------------------------------------------------------------ */
/* Configuration as the analysis sees it (built by config/, from pyproject.toml and editors). */

#define RV_RULE_CODE_MAX 1000

struct rv_config {
    /* Rule selection: a rule runs when selected and not ignored. */
    bool selected[RV_RULE_CODE_MAX];
    /* 0 = catalogue default, else an enum rv_severity. */
    uint8_t severity[RV_RULE_CODE_MAX];
    /* Overrides of rv_settings, by index; set[i] says whether values[i] is used. */
    bool *set;
    long *int_values;
    char **str_values;
    /* Glob patterns of files not to analyse. */
    RV_VEC(char *) exclude;
    /* Path of the baseline file, or NULL. */
    char *baseline;
};

/** Initialises `cfg` to the defaults: every rule selected, no overrides. */
void rv_config_init(struct rv_config *cfg);
/** Frees what `cfg` owns; accepts a zeroed struct. */
void rv_config_finish(struct rv_config *cfg);
/** Deep-copies `src` into uninitialised `dst`. */
void rv_config_copy(struct rv_config *dst, const struct rv_config *src);
/** Reads an INT or BOOL setting; aborts on an unknown name (a programmer error). */
long rv_config_int(const struct rv_config *cfg, const char *name);
bool rv_config_bool(const struct rv_config *cfg, const char *name);
/** Reads a STRING setting (borrowed, never NULL); aborts on an unknown name. */
const char *rv_config_str(const struct rv_config *cfg, const char *name);
/** The effective severity of a rule under `cfg`. */
enum rv_severity rv_config_severity(const struct rv_config *cfg, uint16_t code);

/* ------------------------------------------------------------------------------------------ */
/* Findings. */

struct rv_related {
    uint32_t start_byte;
    uint32_t end_byte;
    char *message; /* owned like the finding's strings (see there) */
};

/** How a machine could act on a finding; actions/ reads it, rules only describe it. */
enum rv_fix_kind {
    RV_FIX_NONE = 0,
    RV_FIX_RENAME,           /* rename the binding at the range to `replacement` */
    RV_FIX_DOCSTRING,        /* insert a docstring stub into the definition at the range */
    RV_FIX_RETURN_NONE,      /* add "-> None" to the function at the range */
    RV_FIX_ANNOTATE_DEFAULT, /* annotate the parameter at the range with `replacement` */
    RV_FIX_REINDENT,         /* re-indent the block at the range to the dominant unit */
    RV_FIX_REPLACE,          /* replace the range with `replacement` verbatim */
};

struct rv_finding {
    uint16_t code;
    enum rv_severity severity; /* 0 while a rule runs means "catalogue default"; effective after */
    uint32_t start_byte;
    uint32_t end_byte;
    /* The strings are owned, shared with the finding's copies (rv_finding_copy): they are set
     * only through the functions below and freed only by finishing the finding. */
    char *message;
    RV_VEC(struct rv_related) related;
    enum rv_fix_kind fix;
    char *replacement;         /* NULL or the suggested name, annotation or text */
    uint32_t scope_start_byte; /* the enclosing definition's name (for baselines), or 0 */
    uint32_t scope_end_byte;
};

struct rv_findings {
    RV_VEC(struct rv_finding) list;
};

/**
 * Appends a finding for rule `code` over [start_byte, end_byte) and returns it (borrowed, valid
 * until the next add) so the caller may attach related information or a fix.
 */
struct rv_finding *rv_findings_add(struct rv_findings *out, uint16_t code, uint32_t start_byte,
                                   uint32_t end_byte, const char *fmt, ...) RV_PRINTF(5, 6);
/** Attaches related information to `f`. */
void rv_finding_relate(struct rv_finding *f, uint32_t start_byte, uint32_t end_byte,
                       const char *fmt, ...) RV_PRINTF(4, 5);
/** Replaces `f`'s message with a new one, which may quote the old (`%s` of f->message). */
void rv_finding_reword(struct rv_finding *f, const char *fmt, ...) RV_PRINTF(2, 3);
/** Attaches a fix: `replacement` is copied (may be NULL). */
void rv_finding_set_fix(struct rv_finding *f, enum rv_fix_kind kind, const char *replacement);
/** Returns a copy of `f` that the caller finishes like any finding. Its strings are shared with
 *  `f` (they never change: a finding's strings are set only through the functions above), its
 *  related information copied. */
struct rv_finding rv_finding_copy(const struct rv_finding *f);
/** Sorts by position, then code, then message. */
void rv_findings_sort(struct rv_findings *out);
/** Moves every finding of `src` to the end of `dst`; `src` is left empty. */
void rv_findings_take(struct rv_findings *dst, struct rv_findings *src);
void rv_findings_clear(struct rv_findings *out);
void rv_findings_finish(struct rv_findings *out);

/* ------------------------------------------------------------------------------------------ */
/* The module model: every definition and binding, collected in one walk of the tree. */

enum rv_param_kind {
    RV_PARAM_PLAIN,
    RV_PARAM_SELF,    /* the first parameter of a method (self/cls/mcs by position) */
    RV_PARAM_VARARGS, /* *args */
    RV_PARAM_KWARGS,  /* **kwargs */
};

struct rv_param {
    TSNode node; /* the parameter node (identifier, typed_parameter, default_parameter, ...) */
    TSNode name; /* the identifier */
    TSNode annotation;    /* null node when absent */
    TSNode default_value; /* null node when absent */
    enum rv_param_kind kind;
    uint32_t function; /* index into functions */
};

struct rv_function {
    TSNode node;             /* function_definition */
    TSNode outer;            /* decorated_definition when decorated, else node */
    TSNode name;             /* identifier */
    TSNode body;             /* block */
    TSNode return_type;      /* null node when absent */
    TSNode docstring;        /* the string expression statement, or a null node */
    int32_t class_index;     /* directly enclosing class, or -1 */
    int32_t parent_function; /* enclosing function (closures), or -1 */
    uint32_t params_start;   /* into params */
    uint32_t params_count;
    bool is_method;
    bool is_async;
    bool is_test; /* test_* in a test file or test class, per the catalogue's recognition */
    bool is_property, is_staticmethod, is_classmethod, is_overload, is_override_hook;
    bool returns_value;      /* some `return X` / `yield` directly in this function */
    bool raises;             /* some `raise` directly in this function */
    uint32_t def_row;        /* row of `def` */
    uint32_t body_first_row; /* first row of the body after the docstring */
    uint32_t end_row;        /* last row of the function */
    uint32_t node_index;     /* index of node in the model's nodes */
    uint32_t body_index;     /* index of body in the model's nodes, or UINT32_MAX */
};

struct rv_class {
    TSNode node;  /* class_definition */
    TSNode outer; /* decorated_definition when decorated, else node */
    TSNode name;
    TSNode body;
    TSNode docstring;
    int32_t parent_class;    /* or -1 */
    int32_t parent_function; /* or -1 */
    bool is_test;            /* derives from *TestCase or is named Test* */
    uint32_t method_count;
    uint64_t name_hash; /* rv_hash_bytes of its name (0 without one): what a later class's
                         * bases are compared with, for test recognition */
};

enum rv_binding_kind {
    RV_BIND_FUNCTION, /* def at module level or nested in a function */
    RV_BIND_METHOD,   /* def directly in a class */
    RV_BIND_CLASS,
    RV_BIND_PARAM,
    RV_BIND_LOCAL,      /* assignment target inside a function */
    RV_BIND_ATTRIBUTE,  /* self.x = ... (x is the name node) */
    RV_BIND_MODULE_VAR, /* assignment target at module level */
    RV_BIND_CLASS_VAR,  /* assignment target directly in a class body */
    RV_BIND_LOOP_VAR,   /* for target */
    RV_BIND_COMPREHENSION_VAR,
    RV_BIND_EXCEPT_VAR, /* except E as e */
    RV_BIND_WITH_VAR,   /* with ... as x */
    RV_BIND_IMPORT,     /* import x / from m import x / ... as x */
    RV_BIND_GLOBAL,     /* global/nonlocal declaration */
    RV_BIND_KIND_COUNT,
};

struct rv_binding {
    TSNode name; /* the identifier being bound */
    enum rv_binding_kind kind;
    int32_t function;        /* enclosing function, or -1 */
    int32_t class_index;     /* enclosing class (for methods, class vars, attributes), or -1 */
    bool first_in_scope : 1; /* first binding of this name in its scope */
    bool annotated : 1;      /* x: int = ... */
    bool class_body : 1;     /* made directly in a class body (a class variable or method) */
    /* The name's length in bytes, or UINT16_MAX when longer: kept here (in the record's
     * padding) because the end of a node is a read of the tree's memory, a cache miss for
     * each of the thousands of bindings the families and the next edit's copy read again. */
    uint16_t name_len;
    /* rv_hash_bytes(name, 0), taken when the binding is made: each edit replays the scopes
     * of the copied statements' bindings (first_in_scope), which then reads no text. */
    uint64_t name_hash;
};

struct rv_import {
    TSNode node;  /* import_statement / import_from_statement */
    TSNode bound; /* the identifier that the import binds locally (alias or name) */
    char *module; /* owned: "os.path" for `import os.path` and `from os.path import x` */
    char *name;   /* owned: "x" in `from m import x`, NULL for `import m` */
    char *local;  /* owned: the local name bound */
};

/**
 * One node of the tree, in pre-order, as the model's walk met it. Families scan these instead
 * of walking the tree again, and read parents here instead of ts_node_parent (which searches
 * down from the root in tree-sitter 0.20).
 */
struct rv_flat_node {
    TSNode node;
    uint32_t parent; /* index of the parent, or UINT32_MAX for the root */
    uint32_t end;    /* index one past the node's last descendant */
    TSSymbol symbol; /* ts_node_symbol */
    uint8_t kind;    /* analysis-internal kind of the symbol (src/analysis/kinds.h) */
    bool named;
};

struct rv_model {
    RV_VEC(struct rv_function) functions; /* in source order */
    RV_VEC(struct rv_class) classes;
    RV_VEC(struct rv_param) params;
    RV_VEC(struct rv_binding) bindings;
    RV_VEC(struct rv_import) imports;
    RV_VEC(TSNode) comments;
    RV_VEC(TSNode) calls; /* every call node, in source order */
    TSNode module_docstring;
    TSNode first_statement; /* the module's first statement that is not an extra (a comment) */
    uint32_t top_level_functions;
    uint32_t module_variables;
    uint32_t empty_blocks; /* blocks without a statement: `def f():` over an unindented line */
    /* Statements of walked units that an incremental build copied from the last model instead
     * of walking them (model.c, sub_copy). */
    uint32_t copied_statements;
    /* Copied records whose test flags an incremental build took again: those after a run that
     * changed which classes are tests, or their names (model.c, same_tests). */
    uint32_t tests_retaken;
    /* The names the build told first from repeated (a size hint for the next build's table:
     * model.c, first_sight). */
    uint32_t scope_names;
    /* An incremental build found a copied binding first in its scope where it was not, or the
     * reverse (a name defined above it renamed). */
    bool first_changed;
    RV_VEC(struct rv_flat_node) nodes; /* every node, in pre-order; nodes.items[0] is the root */
};

/**
 * What a family keeps between two analyses of one document: facts about the whole file (the
 * dominant indentation unit, say) that follow only from what the family reads across
 * statements. An incremental run over a range, where none of that changed, finds them valid
 * and need not read the whole file again; a whole-file run stores them anew. The family
 * defines what the words hold.
 */
struct rv_family_memo {
    bool valid;
    uint64_t facts[40];
};

/** Everything a rule may read. All members are borrowed. */
struct rv_rule_ctx {
    const struct rv_text *text;
    TSTree *tree;
    TSNode root;
    const struct rv_config *config;
    const struct rv_model *model;
    const char *path;  /* for messages and test recognition; may be NULL */
    bool is_test_file; /* test_*.py, *_test.py, conftest.py, or under tests/ or test/ */
    /* The bytes whose findings are wanted: [0, UINT32_MAX) for a whole analysis, the edited
     * top-level statements for an incremental one. The engine drops findings that start
     * outside; families skip per-node work there, but still read the whole model for the
     * file-wide facts they judge against. */
    uint32_t range_start;
    uint32_t range_end;
    /* The records that may start in the range, as windows of the model's vectors: every
     * function, class and binding whose node starts inside the range lies in its window, [first,
     * end), and every parameter whose default value does, and every node but those that hold
     * the whole window (the module, a class around edited methods) (an incremental run's are
     * those of the edited statements; the whole vectors for a whole analysis). A family that
     * judges each record at its own node needs read no other. */
    uint32_t functions_first;
    uint32_t functions_end;
    uint32_t classes_first;
    uint32_t classes_end;
    uint32_t bindings_first;
    uint32_t bindings_end;
    uint32_t params_first;
    uint32_t params_end;
    uint32_t nodes_first;
    uint32_t nodes_end;
    /* This family's memo, or NULL (the CLI's analyses keep none). Valid only in a ranged run
     * whose family's facts are unchanged; a whole-file run finds it invalid and may store,
     * except the syntax family's: that family runs over the whole file every time and keeps
     * its memo up itself, from the changed bytes below. */
    struct rv_family_memo *memo;
    /* The bytes that may differ from the text of the document's last analysis, as
     * [changed_start, changed_end) of this text (what follows is that text's end): in an
     * incremental analysis the bytes its edits wrote, which rv_ctx_set_whole leaves;
     * [0, UINT32_MAX) otherwise. */
    uint32_t changed_start;
    uint32_t changed_end;
    /* The text is known to hold no tab: an incremental analysis knows it from its statements'
     * fingerprints, and the indentation family then need not look for one (a pass over the
     * whole text per keystroke). False when not known. */
    bool no_tab;
};

/** Sets `ctx`, whose model is set, to judge the whole file: its range and its windows. */
static inline void rv_ctx_set_whole(struct rv_rule_ctx *ctx) {
    ctx->range_start = 0;
    ctx->range_end = UINT32_MAX;
    ctx->functions_first = 0;
    ctx->functions_end = (uint32_t)ctx->model->functions.len;
    ctx->classes_first = 0;
    ctx->classes_end = (uint32_t)ctx->model->classes.len;
    ctx->bindings_first = 0;
    ctx->bindings_end = (uint32_t)ctx->model->bindings.len;
    ctx->params_first = 0;
    ctx->params_end = (uint32_t)ctx->model->params.len;
    ctx->nodes_first = 0;
    ctx->nodes_end = (uint32_t)ctx->model->nodes.len;
}

/** True when a finding starting at `byte` is wanted (see rv_rule_ctx.range_start). */
static inline bool rv_ctx_wants(const struct rv_rule_ctx *ctx, uint32_t byte) {
    return byte >= ctx->range_start && byte < ctx->range_end;
}

/** True when no finding can start inside [start, end): the span lies outside the range. */
static inline bool rv_ctx_skips(const struct rv_rule_ctx *ctx, uint32_t start, uint32_t end) {
    return end < ctx->range_start || start >= ctx->range_end;
}

/** rv_ctx_skips for the bytes of `node`. */
static inline bool rv_ctx_skips_node(const struct rv_rule_ctx *ctx, TSNode node) {
    uint32_t start = ts_node_start_byte(node);
    if (start >= ctx->range_end) {
        return true;
    }
    // The end costs a read of the subtree: only needed for a node that starts before.
    return start < ctx->range_start && ts_node_end_byte(node) < ctx->range_start;
}

/** The index of `node` in the model's nodes, or UINT32_MAX (a binary search by position). */
uint32_t rv_model_index(const struct rv_model *model, TSNode node);
/** ts_node_parent through the model's nodes: a lookup, not tree-sitter 0.20's search from the
 *  root. Falls back to ts_node_parent for a node the model does not hold. */
TSNode rv_model_parent(const struct rv_model *model, TSNode node);

/** Builds the model of `root` in one walk. Caller finishes it with rv_model_finish. */
void rv_model_build(struct rv_model *model, const struct rv_text *text, TSNode root,
                    bool is_test_file);
void rv_model_finish(struct rv_model *model);

/**
 * The row where a comment about `row` can go: Python allows a trailing comment only on a
 * physical line that is not inside a multi-line string nor continued by a backslash, so from
 * `row` this moves down to the first such line of the statement. Suppression comments are
 * matched, and placed by fixes, with this one rule.
 */
size_t rv_comment_row(const struct rv_text *text, TSNode root, size_t row);

/** Returns true when `path` names a test file by the catalogue's conventions. */
bool rv_path_is_test(const char *path);

/** Borrowed pointer to a node's bytes in the text; *len receives the length. */
const char *rv_node_text(const struct rv_text *text, TSNode node, size_t *len);
/** rv_node_text of binding `b`'s name, without reading the tree when its length is kept. */
static inline const char *rv_binding_name(const struct rv_text *text, const struct rv_binding *b,
                                          size_t *len) {
    uint32_t start = ts_node_start_byte(b->name);
    if (b->name_len == UINT16_MAX || start + (size_t)b->name_len > text->len) {
        return rv_node_text(text, b->name, len);
    }
    *len = b->name_len;
    return text->bytes + start;
}
/** Returns true when the node's text equals `s`. */
bool rv_node_text_eq(const struct rv_text *text, TSNode node, const char *s);
/** Returns a heap copy of a node's text (caller frees). */
char *rv_node_strdup(const struct rv_text *text, TSNode node);
/** True when `node` is not null and of type `type`. */
bool rv_node_is(TSNode node, const char *type);
/** True when the `len` bytes at `s` equal the NUL-terminated `lit`. */
bool rv_str_eq(const char *s, size_t len, const char *lit);
/** True when the `len` bytes at `s` equal an entry of the NULL-terminated `list`. */
bool rv_str_in_list(const char *s, size_t len, const char *const *list);

struct rv_word_table;
/** A NULL-terminated list of words looked up by hash: for the long lists a rule consults for
 *  every name. The table is built on the first lookup, by whichever thread comes first (another
 *  that raced it drops its own), and lives as long as the process. Declare one static:
 *  `static struct rv_word_set builtins_set = RV_WORD_SET(builtins);`. */
struct rv_word_set {
    const char *const *words;
    struct rv_word_table *_Atomic table;
};
#define RV_WORD_SET(list)                                                                          \
    { (list), NULL }
/** rv_str_in_list over the set's words. */
bool rv_word_set_has(struct rv_word_set *set, const char *s, size_t len);
/** True when the `len` bytes at `s` end with `suffix`. */
bool rv_str_has_suffix(const char *s, size_t len, const char *suffix);

/** A rule family's entry point: reads the context, appends findings. */
typedef void rv_check_fn(const struct rv_rule_ctx *ctx, struct rv_findings *out);

/* The families (one file each under src/analysis/). */
rv_check_fn rv_check_syntax;
rv_check_fn rv_check_naming;
rv_check_fn rv_check_type_hints;
rv_check_fn rv_check_docstrings;
rv_check_fn rv_check_function_naming;
rv_check_fn rv_check_variable_naming;
rv_check_fn rv_check_indentation;
rv_check_fn rv_check_comments;
rv_check_fn rv_check_tests;
rv_check_fn rv_check_organization;    /* the module's size and counts: RV551-RV554 */
rv_check_fn rv_check_function_limits; /* each function's size: RV555-RV559 (same file) */
rv_check_fn rv_check_security;

/** What to analyse. All members are borrowed. */
struct rv_analysis_input {
    const struct rv_text *text;
    TSTree *tree;
    const struct rv_config *config;
    const char *path; /* may be NULL (unsaved buffers) */
    /* When part_end > 0, `tree` holds only bytes [part_start, part_end) of `text`, whole
     * top-level statements parsed with tree-sitter's included ranges, and `whole` is the text's
     * tree, edited to it but maybe not reparsed, whose root is the module's node
     * (rv_analyze_incremental). */
    uint32_t part_start;
    uint32_t part_end;
    const TSTree *whole;
    /* With part_end: `tree` holds statements of the body of a top-level class, parsed under a
     * stand-in class head (rv_parse_class_statement); the class's own head is read from
     * `whole`, which holds it unchanged (rv_analysis_partial_body_span). */
    bool part_body;
    /* A second thread the families may share the work with (borrowed; NULL: one thread). The
     * server lends one; `reviewls check` spreads files over its threads instead. */
    struct rv_helper *helper;
};

/**
 * Runs every selected rule, applies severities and suppression comments, reports unused
 * suppressions, and sorts. `out` must be empty or hold findings the caller wants kept.
 */
void rv_analyze(const struct rv_analysis_input *in, struct rv_findings *out);

/** True when `cfg` selects at least one rule: with none, every analysis finds nothing and
 *  need not build the model at all. */
bool rv_analysis_selects_any(const struct rv_config *cfg);

/* ------------------------------------------------------------------------------------------ */
/* Incremental analysis (src/analysis/incremental.c). */

/** What a document's analysis state keeps between edits: the model, the raw findings and a
 *  fingerprint of each top-level statement. Opaque. */
struct rv_analysis_state;

/** How the analyses of a state went, for tests and benchmarks. */
struct rv_analysis_stats {
    uint64_t incremental;      /* analyses that re-examined only the edited statements, of which: */
    uint64_t widened;          /*   some family ran over the whole file: an edited statement
                                *   changed what it reads of it (its names, say) */
    uint64_t widened_families; /*   how many families did, summed over the analyses */
    uint64_t run_units;        /*   the units re-examined (the run, from the first to the last
                                *   that does not hold an old unit's text), summed */
    uint64_t full;             /* analyses that re-examined every statement, of which: */
    uint64_t full_syntax_error; /* the tree, or the one before, had a syntax error */
    uint64_t windowed;          /* incremental analyses that read only the statements around the
                                 * edit from the tree (one edit, no syntax error before or after) */
    uint64_t partial_body;      /* of those, from a parse of one statement of a class body alone
                                 * (rv_analysis_partial_body_span) */
    uint64_t in_place; /* incremental analyses whose model was built in the last one's vectors,
                        * none copied to fresh ones (model.c, struct in_place) */
    uint64_t statements_copied; /* statements of the walked units whose records were copied
                                 * from the last model, their subtrees shared with its tree
                                 * (model.c, sub_copy), summed */
    uint64_t bracket_bytes;     /* bytes the syntax family's bracket scan read, summed: in a
                                 * tree with an error it resumes around the edit (rules_syntax.c) */
    uint64_t tests_retaken;     /* incremental analyses whose model took some copied statements'
                                 * test flags again (model.c, same_tests) */
    uint64_t reflagged;         /* incremental analyses that took every kept statement's flags
                                 * again (a change of names or flags in the edited ones) */
    uint32_t last_changed;      /* the parts (RV_DEP_*, analysis_internal.h) the last incremental
                                 * analysis found changed, which the families reading them read
                                 * again: what made it widen, in the server's debug log */
};

struct rv_analysis_state *rv_analysis_state_new(void);
void rv_analysis_state_free(struct rv_analysis_state *st);
/** Frees what the last rv_analyze_incremental left behind (the model it replaced, the trees
 *  no statement holds any more). Call it once the findings are published, off the path from
 *  keystroke to diagnostics; the next analysis does it first otherwise. Accepts NULL. */
void rv_analysis_state_tidy(struct rv_analysis_state *st);
/** Hands over the trees the last analysis let go of, which rv_analysis_state_tidy would delete:
 *  returns an array of `*count` trees (NULL and 0 when there are none) that the caller deletes
 *  with ts_tree_delete, on any thread (each is a copy nothing else uses), then frees. */
TSTree **rv_analysis_state_take_dead_trees(struct rv_analysis_state *st, size_t *count);
struct rv_analysis_stats rv_analysis_state_stats(const struct rv_analysis_state *st);

/**
 * Analyses as rv_analyze does, with the same result, re-examining only what the edits touched
 * when `st` holds the analysis of the tree they were applied to. `edits` are the TSInputEdits
 * applied to that tree (in order) before the one reparse that produced in->tree; pass NULL
 * when that is not known (first analysis, text replaced, several reparses): the analysis is
 * then full. The tree `st` analysed may have been deleted since; in->tree must be alive.
 *
 * A partial input (in->part_end > 0: the tree of the edited statements alone) is taken only
 * for one edit of a file without a syntax error before or after whose window of units lies in
 * that tree, away from the module's first statement, in a file without tabs or suppression
 * comments; otherwise the call returns false having changed nothing, and the caller analyses
 * the whole text's tree. It returns true otherwise.
 */
bool rv_analyze_incremental(struct rv_analysis_state *st, const struct rv_analysis_input *in,
                            const TSInputEdit *edits, size_t edit_count, struct rv_findings *out);

/**
 * The bytes a partial input for the one edit `e` must hold, whole top-level statements from
 * `*lo` to the start of the next one `*hi` (UINT32_MAX: the text's end), in the edited text, from
 * the units of the last analysis; false when `st` cannot take one (no analysis, a syntax
 * error, a tab or a suppression comment in the last one's text).
 */
bool rv_analysis_partial_span(const struct rv_analysis_state *st, const TSInputEdit *e,
                              uint32_t *lo, uint32_t *hi);

/**
 * The bytes of a partial input of one statement of a class body for the one edit `e`, when
 * the edit lies inside such a statement of a class that is not decorated, not its first (the
 * class's head unit holds that one), and the last analysis's text had no syntax error: from the
 * statement's first byte `*lo` to the start of the next statement `*hi` (UINT32_MAX: the text's
 * end), in the edited text. Parsed with rv_parse_class_statement, it goes to rv_analyze_incremental
 * with part_body set; false when the edit is elsewhere (rv_analysis_partial_span may take it).
 */
bool rv_analysis_partial_body_span(const struct rv_analysis_state *st, const TSInputEdit *e,
                                   uint32_t *lo, uint32_t *hi);
