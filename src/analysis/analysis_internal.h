// SPDX-License-Identifier: MIT
// Internals shared by the analysis files; not part of the public contract.
#pragma once

#include "reviewls/analysis.h"

#include <limits.h>

/** One suppression comment and which of its codes were used. */
struct rv_suppression {
    uint32_t row;        /* the line it silences (ignored for file-wide ones) */
    uint32_t start_byte; /* the comment's range, for unused-suppression findings */
    uint32_t end_byte;
    bool file_wide;         /* reviewls: ignore-file */
    bool all;               /* bare: silences every rule */
    bool nosec;             /* bandit's comment: security rules only */
    RV_VEC(uint16_t) codes; /* our codes it names */
    RV_VEC(char *) bandit;  /* bandit ids it names (nosec) */
    RV_VEC(bool) code_used;
    bool used;
};

struct rv_suppressions {
    RV_VEC(struct rv_suppression) list;
};

/** Reads every suppression comment of the model. */
void rv_suppress__parse(struct rv_suppressions *out, const struct rv_text *text,
                        const struct rv_model *model);
/** Appends the suppressions of the model's comments [first, stop) to `out`. */
void rv_suppress__parse_comments(struct rv_suppressions *out, const struct rv_text *text,
                                 const struct rv_model *model, size_t first, size_t stop);
/** Frees what one suppression holds. */
void rv_suppress__drop(struct rv_suppression *s);
/** Makes `dst` a deep copy of `src`, use marks included. */
void rv_suppress__copy(struct rv_suppressions *dst, const struct rv_suppressions *src);
/** Returns true (and marks the comment used) when `f` is silenced. */
bool rv_suppress__match(struct rv_suppressions *sups, const struct rv_text *text, TSNode root,
                        const struct rv_finding *f);
/** Appends an RV403 finding for each code of a suppression that silenced nothing, among the
 *  rules that ran under `cfg`. */
void rv_suppress__report_unused(const struct rv_suppressions *sups, const struct rv_config *cfg,
                                struct rv_findings *out);
void rv_suppress__finish(struct rv_suppressions *sups);

/* ------------------------------------------------------------------------------------------ */
/* The model by top-level statement, for incremental analysis (src/analysis/incremental.c). */

/** The vectors of struct rv_model, to index a chunk's records in each. */
enum {
    RV_MODEL_FUNCTIONS,
    RV_MODEL_CLASSES,
    RV_MODEL_PARAMS,
    RV_MODEL_BINDINGS,
    RV_MODEL_IMPORTS,
    RV_MODEL_COMMENTS,
    RV_MODEL_CALLS,
    RV_MODEL_NODES,
    RV_MODEL_VECTORS,
};

/** The units of incremental analysis: top-level statements, except that a class of two or
 *  more statements is a head (up to its first statement) and a unit per further statement. */
enum rv_unit_kind {
    RV_UNIT_STATEMENT,
    RV_UNIT_CLASS_HEAD,
    RV_UNIT_CLASS_BODY,
};

struct rv_model_unit {
    TSNode node; /* the statement (for a head: the class, or its decorated definition) */
    TSNode stop; /* a head's first body statement, where its walk stops */
    uint8_t kind;
    uint8_t class_depth; /* heads and body statements: the class node's cursor depth (1 or 2) */
    uint32_t start_byte;
    uint32_t end_byte; /* a head's: its first statement's end */
};

struct rv_model_units {
    RV_VEC(struct rv_model_unit) list;
};

/** The units of a tree, in order. */
void rv_model_units(TSNode root, struct rv_model_units *out);

/**
 * The units of a tree that start in [lo, hi), in order, as rv_model_units makes them, without
 * visiting the others (a keystroke's window in a long file). When lo falls inside the body of
 * a split class, `head` is set to that class's head (else its kind is RV_UNIT_STATEMENT). False
 * when lo falls inside a statement that is no split class, or inside a head's first statement:
 * lo is not a unit's start.
 */
bool rv_model_units_window(TSNode root, uint32_t lo, uint32_t hi, struct rv_model_units *out,
                           struct rv_model_unit *head);

/** Whether unit `u` holds a syntax error: for a class head, in its part of the class (up to the
 *  end of its first statement); an error in a later statement of the class is that unit's. */
bool rv_model_unit_has_error(const struct rv_model_unit *u);

/** Sets the node (and a head's stop) of unit `u` of the tree, found by its start, kind and
 *  class depth; false when the tree has no such unit. */
bool rv_model_unit_find(TSNode root, struct rv_model_unit *u);

/** One unit and its records in the model. */
struct rv_model_chunk {
    TSNode node;
    uint32_t start_byte; /* its bytes, in the text the model was built for */
    uint32_t end_byte;
    uint32_t first[RV_MODEL_VECTORS]; /* its first record in each vector */
    uint32_t end[RV_MODEL_VECTORS];   /* one past its last */
    uint32_t top_level_functions;     /* its share of the model's counters */
    uint32_t module_variables;
    uint32_t empty_blocks;
    long reused;           /* the old chunk its records were copied from, or -1 when walked */
    uint32_t tree;         /* which tree its nodes belong to (the incremental state's numbering) */
    uint32_t block_offset; /* a class head: its body's node, from its first node */
    uint32_t container_node; /* the node holding it: the root, or its class's body */
    int32_t container_class; /* the class whose body holds it, or -1 */
    uint8_t kind;            /* enum rv_unit_kind */
    uint8_t class_depth;
    /* What the match checks besides the text when a tree has syntax errors: error recovery
     * can read the same text differently, as a top-level `block` rather than the statement it
     * holds, say, and mostly next to an error. */
    bool has_error;   /* it holds a syntax error (rv_model_unit_has_error): it is never
                       * matched, only walked */
    bool after_error; /* the unit before it holds one: it is never matched either */
    /* It was walked in a tree with a syntax error at or before the unit after it: recovering,
     * the parser may have settled an ambiguity in it otherwise than a fresh parse would
     * (incremental.c, match_chunks), so a tree without errors never takes it. */
    bool read_recovering;
    TSSymbol symbol;
    uint32_t child_count;
};

struct rv_model_chunks {
    RV_VEC(struct rv_model_chunk) list;
};

/** A span's nodes renumbered as model.c's renumber_records does (a run's change of counts moved
 *  the span), in the pass that moves them onto the edited text: with `on`, a parent from
 *  `old_first` on moves by `delta`, one before it goes to `container`, every end moves by
 *  `delta`. */
struct rv_node_renumber {
    bool on;
    uint32_t old_first; /* the span's first node, in the numbering it had */
    int32_t container;
    int64_t delta;
};

/** The move of a span of copied records' nodes (bytes and rows) that a build left running on
 *  the helper thread: rv_model_build_chunked with rv_model_reuse's `later`. */
struct rv_model_move {
    struct rv_model *m;
    uint32_t first[RV_MODEL_VECTORS]; /* the span's records */
    uint32_t end[RV_MODEL_VECTORS];
    TSInputEdit edit; /* the one edit, which the span lies after */
    struct rv_node_renumber renumber;
    struct rv_helper *helper;
    bool running;
};

/** Waits for the move `mv` left running, if any (NULL accepted); then the copied records'
 *  nodes are all where the edited text has them, and the helper is free. */
void rv_model_move_wait(struct rv_model_move *mv);

/** What a rebuild may copy instead of walking: the previous model and the edits since. */
struct rv_model_reuse {
    struct rv_model *old; /* its import strings are moved out */
    const struct rv_model_chunks *old_chunks;
    const TSInputEdit *edits; /* applied since the old model was built, in order */
    size_t edit_count;
    const long *copy_from; /* for each new unit, the old chunk to copy, or -1 to walk it */
    const long *repeats;   /* for each new unit, the old chunk whose text it holds, or -1 */
    size_t count;
    struct rv_helper *helper; /* or NULL: when warm, it moves half of a long run of nodes */
    /* Or NULL. With a warm helper, the build may leave the move of the copied nodes after the
     * edit running there when it returns (only the last span's: it waits for each before
     * anything else touches the records): the caller calls rv_model_move_wait on it before it
     * reads those records' nodes or hands the helper other work. */
    struct rv_model_move *later;
};

/**
 * Builds the model as rv_model_build does and records a chunk per unit of `units` (which
 * rv_model_units made of `root`). With `reuse`, a unit with an old chunk to copy is not
 * walked: its records are copied, renumbered and moved by the edits (ts_node_edit). Their
 * nodes stay in the tree they were walked in, which the caller must keep alive and must not
 * edit. Otherwise the result equals a fresh build's. With `reuse`, the model is built in the
 * old one's vectors, which it takes (the old model is left empty), unless a copied unit is
 * found neither in place nor where a walked run's shift put it: the return value says which.
 */
bool rv_model_build_chunked(struct rv_model *model, struct rv_model_chunks *chunks,
                            const struct rv_text *text, TSNode root, bool is_test_file,
                            const struct rv_model_units *units, const struct rv_model_reuse *reuse);

/** The model the state's last analysis built (tests compare it with a fresh build's). */
const struct rv_model *rv_analysis_state_model(const struct rv_analysis_state *st);

/** Points every node of chunk `c`'s records at `tree` (a copy of the one they were walked in). */
void rv_model_chunk_set_tree(struct rv_model *m, struct rv_model_chunk *c, const TSTree *tree);

/** What one statement's findings may depend on in the others; incremental.c fingerprints each
 *  part per statement, and a family whose parts changed is run over the whole file. */
enum {
    RV_DEP_SHAPE = 1,     /* node symbols and rows */
    RV_DEP_NAMES = 2,     /* what other statements read of definitions' and variables' names:
                           * their facts (styles, dunders, short names, tests' words), imports */
    RV_DEP_FLAGS = 4,     /* the model's flags (is_test, is_property, ...) */
    RV_DEP_IMPORTS = 8,   /* the import statements */
    RV_DEP_INDENT = 16,   /* leading whitespace and blank lines */
    RV_DEP_TESTS = 32,    /* which definitions are tests (a part of the flags, on its own) */
    RV_DEP_OUTLINE = 64,  /* the shape other statements read: annotations, docstrings, nesting */
    RV_DEP_BLOCKS = 128,  /* the indentation unit of every block */
    RV_DEP_STYLES = 256,  /* the styles of parameters, variables and a function's local names:
                           * only the naming family counts them across statements */
    RV_DEP_CLASSES = 512, /* classes' names and bases, as text: found by name from other
                           * statements (a base class), quoted in their messages */
    RV_DEP_STATEMENT_PARTS = 10, /* how many of the above, each a statement's */
    RV_DEP_LINES = 1024, /* the file's line count, and whether its last line is empty: absolute
                          * line numbers and the module's length in messages */
    RV_DEP_TABS = 2048, /* a tab in the file, and the shape or indentation of a statement changed */
    RV_DEP_FIRST = 4096,  /* the module's first statement that is not a comment: its docstring, or
                           * where RV251 says it is missing */
    RV_DEP_SHARED = 8192, /* which definitions share a name (an override, a shared interface, a
                           * base's method): a function renamed to or from another's name */
    RV_DEP_EVIDENCE = 16384, /* text another statement's finding quotes as evidence (naming's
                              * related information) was replaced */
    RV_DEP_ALL = 32767,
};

/** Is top-level statement `stmt` plumbing (an import, a bare expression, `pass`, a comment)?
 *  A package's __init__.py of plumbing only needs no docstring (rules_docstrings.c). */
bool rv__plumbing_statement(TSNode stmt);

/** Kinds of statements that never hold a block in a tree without syntax errors (a bare
 *  expression, a return, an import...): a scan for blocks skips their subtrees
 *  (rules_indentation.c). Indexed by enum rv_kind. */
extern const bool rv__kind_holds_no_block[];

/** The indentation unit of model node `i` when it is a measurable block (n spaces, -n tabs),
 *  else 0: what the indentation family counts of every block (rules_indentation.c). */
int rv__block_unit(const struct rv_text *text, const struct rv_model *model, size_t i);

/** Blocks of more than one unit (see rv__units_combine). */
#define RV_UNITS_MIXED INT_MIN

/** The unit blocks of unit `a` (0 for none yet, RV_UNITS_MIXED) and one of unit `b` share. */
static inline int rv__units_combine(int a, int b) {
    return a == 0 ? b : b == 0 || a == b ? a : RV_UNITS_MIXED;
}

/** After the edited statements' blocks changed, whether the indentation family's judgement of
 *  the whole file still holds: the file had one unit throughout (nothing to report) and every
 *  block of the statements read again (`unit`, as rv__units_combine makes it) has it, or the file
 *  had no measurable block and they share one, which `memo` takes (rules_indentation.c). */
bool rv__indentation_absorbs(struct rv_family_memo *memo, int unit);

/* The naming family's counts of one statement's names, for the kinds its fingerprint's styles
 * part holds (parameters, locals, instance attributes, module variables): per kind, how many
 * names collect() counts with each style mask (rules_naming.c). */
#define RV_NAMING_TALLIED 4
#define RV_NAMING_MASKS 7
struct rv_naming_tally {
    uint32_t n[RV_NAMING_TALLIED][RV_NAMING_MASKS];
};

/** Tallies the names of bindings [first, end) of `rc`'s model (a statement's). */
void rv__naming_tally(const struct rv_rule_ctx *rc, uint32_t first, uint32_t end,
                      struct rv_naming_tally *out);

/** The statements of a file, in order, for rv__naming_rejudge: each one's tally (the first at
 *  `tally`, the next `stride` bytes on) and its records (`chunks`). */
struct rv_naming_units {
    const struct rv_naming_tally *tally;
    size_t stride;
    const struct rv_model_chunk *chunks;
    size_t count;
};

enum rv_rejudge {
    RV_REJUDGE_SAME,   /* the memo's judgement stands */
    RV_REJUDGE_COUNTS, /* its counts or evidence changed, not its conventions: now in the memo */
    RV_REJUDGE_WHOLE,  /* a convention changed, or the memo holds none: judge the whole file */
};

/** A list of unit indices (a vector: RV_VEC's fields). */
struct rv_u32_list {
    uint32_t *items;
    size_t len;
    size_t cap;
};

/**
 * Judges the naming family's kinds again after a change of styles, classes' names or which
 * definitions share a name, alone, against its valid `memo`, which it updates unless the result
 * is RV_REJUDGE_WHOLE: the kinds the styles part holds from the statements' tallies; with
 * `definitions`, function and class names from every name of the file, appending to `found`
 * the units of those that do not fit (the findings to be). Without `definitions`, the edited
 * statements' bindings went from [run_first, old_run_end) to [run_first, new_run_end): the
 * function and class names' evidence moves with them (RV_REJUDGE_WHOLE when it lay among
 * them). With RV_REJUDGE_COUNTS, bit b of `codes` is set for each kind whose findings must be
 * examined again where they are (rv__naming_rejudged_code(b) is its rule's code).
 */
enum rv_rejudge rv__naming_rejudge(const struct rv_rule_ctx *rc, struct rv_family_memo *memo,
                                   const struct rv_naming_units *units, uint32_t run_first,
                                   uint32_t old_run_end, uint32_t new_run_end, bool definitions,
                                   uint16_t *codes, struct rv_u32_list *found);
uint16_t rv__naming_rejudged_code(int bit);

/** What the naming family reads of a function's local variable (an assignment, loop or with
 *  target) other than in its own statement: the style it counts towards the file's convention,
 *  0 for a name it leaves out (rules_naming.c). Other families read such a name only in the
 *  statement that holds its function, so this stands for the name in the fingerprint's names
 *  part: typing inside a local's name widens nothing while its style holds. */
uint64_t rv__local_name_style(const char *name, size_t len);

/** What other statements read of a parameter's or an instance attribute's name: whether naming
 *  counts it and in which style, an attribute's single letter by its text (variable naming
 *  pairs `x` with `y` in one class), 0 for a dunder (rules_naming.c). It stands for such a name in
 * the names part; an attribute's text also decides which binding of a class's attribute comes
 * first, which the fingerprint compares on its own (incremental.c). */
uint64_t rv__binding_name_fact(const struct rv_text *text, const struct rv_model *m,
                               const struct rv_binding *b);

/** What other statements read of a function's name when no other definition of the file has
 *  it, nor had it before the edit (incremental.c compares the names themselves for that): its
 *  style and whether naming leaves it out (a framework's or an imposed shape), a leading
 *  underscore (naming's camelCase APIs), whether type hints expects no return annotation by
 *  protocol; a dunder's or a single letter's text (rules_naming.c). A test keeps its text: the
 *  tests family groups a class's tests by the words of their names. */
uint64_t rv__definition_name_fact(const char *name, size_t len);

/** Whether a function of this name returns None by protocol (`__init__`, `setUp`): RV203 never
 *  asks for its return annotation (rules_type_hints.c). */
bool rv__none_by_protocol(const char *name, size_t len);

/** The context of a whole-file run over `model`, built from `in`'s tree. */
struct rv_rule_ctx rv__whole_ctx(const struct rv_analysis_input *in, const struct rv_model *model);

struct rv_dependents;

/**
 * Runs the families the configuration selects. With a range narrower than the file, a family
 * that depends on a part in `changed` runs over the whole file; the others run over the range
 * and keep only the findings that start inside it. Returns how many families `changed` made run
 * over the whole file (rv_analysis_stats.widened, widened_families), unless it can narrow the
 * change to the statements `dep` lists: then it runs over the range and those. With a `helper`,
 * whole-file runs long enough to share are split between it and this thread; the findings are the
 * same, in the same order.
 */
unsigned rv__run_families(const struct rv_rule_ctx *ctx, uint32_t changed, struct rv_findings *raw,
                          struct rv_family_memo *memos, struct rv_helper *helper,
                          const struct rv_dependents *deps);

/** The bytes the syntax family's last run read of the text to match its brackets, from its
 *  memo (rules_syntax.c): 0 in a tree without errors. */
uint32_t rv__syntax_scanned(const struct rv_family_memo *memo);

/** rv__syntax_scanned with the syntax family's memo among `memos` (engine.c). */
uint32_t rv__brackets_scanned(const struct rv_family_memo *memos);

/** rv__indentation_absorbs with the indentation family's memo among `memos` (engine.c). */
bool rv__blocks_change_absorbed(struct rv_family_memo *memos, int unit);

/** How many families run (the length of the memos array rv__run_families takes). */
#define RV_FAMILY_COUNT 12

/**
 * The statements outside an incremental run that a family narrowing a change (engine.c,
 * struct family's `narrow`) must examine again: their units, in order, and one context per
 * group of neighbouring units, with its range and record windows. `known` false: they could
 * not be told, and the family runs over the whole file as the others do. One per family.
 */
struct rv_dependents {
    bool known;
    RV_VEC(uint32_t) units;
    RV_VEC(struct rv_rule_ctx) ranges;
};

/** What becomes of a finding of rule `code` outside the edited statements after the parts in
 *  `changed` changed. */
enum rv_reuse {
    RV_REUSE_NONE,       /* its family runs over the whole file again */
    RV_REUSE_KEEP,       /* its family reads none of those parts of other statements */
    RV_REUSE_DEPENDENTS, /* kept unless it lies in one of the dependents' ranges */
};
enum rv_reuse rv__finding_reuse(uint16_t code, uint32_t changed, const struct rv_dependents *deps,
                                size_t *family);
/** The index of the family whose check is `check` (into memos and dependents). */
size_t rv__family_index(rv_check_fn *check);
/** The parts (RV_DEP_*) of other statements that family `family` reads. */
uint32_t rv__family_deps(size_t family);

/**
 * Applies selection, severities and suppression comments to the families' `raw` findings,
 * reports unused suppressions, and appends the result to `out`, sorted. With keep_raw, `raw`
 * is left as it was (the result holds copies); else its findings are moved or freed. `sups`
 * are the model's suppression comments as rv_suppress__parse reads them (left as they are),
 * or NULL to read them here.
 */
void rv__finish_findings(const struct rv_analysis_input *in, const struct rv_model *model,
                         TSNode root, struct rv_findings *raw, bool keep_raw,
                         const struct rv_suppressions *sups, struct rv_findings *out);
