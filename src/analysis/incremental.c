// SPDX-License-Identifier: MIT
// Incremental analysis: after an edit, only the units the edit touched are re-examined: the
// top-level statements, a class's statements counting as units of their own
// (docs/incremental.md). The other units' model records are copied from the
// previous model instead of walked (rv_model_build_chunked; their nodes stay in the trees they
// were walked in, which this state keeps, unedited, and ts_node_edit moves them onto the new
// text), and their findings are kept, shifted by the edits, for every family that does not
// read what changed.
//
// What one statement can see of another is summed up in a fingerprint per statement, in
// parts: its syntactic shape (node symbols and rows), the names and the flags of its model
// records (definitions, bindings, class bases; of variables only what families other than
// naming read of their names), the styles naming counts of its parameters and variables, its
// imports, the indentation of its lines, its outline (the little of its shape others read:
// annotations, docstrings, nesting) and the unit of each of its blocks; plus the file's line
// count. The edited statements' parts are compared with those of the statements they replace,
// and a family that reads a part that changed (engine.c lists what each reads) runs over the
// whole file. A statement with a syntax error (in either tree) is always examined again, since
// error recovery may read the same text differently elsewhere; another configuration or path,
// or an unknown edit history, makes the whole analysis run again.
#include "analysis_internal.h"
#include "kinds.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/** At most this many edits between two analyses are replayed; more, and the next is full. */
#define MAX_EDITS 64

/* What rv_analysis_state.mentions knows (0, a state that analysed nothing, knows nothing). */
enum { MENTION_UNKNOWN, MENTION_NONE, MENTION_SOME };

struct u32_vec {
    RV_VEC(uint32_t) v;
};

struct u64_vec {
    RV_VEC(uint64_t) v;
};

/* A statement's parts: one per RV_DEP_* part other statements may read, then P_ATTRIBUTES, the
 * text of its instance attributes, which the names part holds by their fact only: renaming one
 * may make another method's binding of that attribute the first in its class. No family reads
 * it; a change asks for the other statements' flags to be taken again. */
enum {
    P_SHAPE,
    P_NAMES,
    P_FLAGS,
    P_IMPORTS,
    P_INDENT,
    P_TESTS,
    P_OUTLINE,
    P_BLOCKS,
    P_STYLES,
    P_CLASSES,
    P_ATTRIBUTES
};
#define PRINT_PARTS (RV_DEP_STATEMENT_PARTS + 1)
_Static_assert((int)P_ATTRIBUTES == (int)RV_DEP_STATEMENT_PARTS, "the RV_DEP_* parts come first");

/** A statement's fingerprint, one hash per part. */
struct print {
    uint64_t part[PRINT_PARTS];
    bool tab; /* its region holds a tab (then RV351 reads every line's indentation) */
    /* It binds `x` or `y` in a scope that spans statements (the module, or a class's instance
     * attributes): variable naming's coordinates read those across statements. */
    bool xy;
    /* The naming family's counts of its names, taken when first needed (naming_dependents) and
     * kept while its text and flags are: valid only with naming_valid. */
    bool naming_valid;
    struct rv_naming_tally naming;
};

/* The parts that are 0 for a statement that holds none of what they hash (no definition, no
 * binding, no import, no test): such a statement is left out of a run's combined part, so
 * typing a bare expression statement between two definitions changes neither their names nor
 * their imports. Every statement has a shape and lines. */
static const bool part_may_be_empty[PRINT_PARTS] = {
    [P_NAMES] = true,  [P_FLAGS] = true,   [P_IMPORTS] = true,
    [P_TESTS] = true,  [P_OUTLINE] = true, [P_BLOCKS] = true,
    [P_STYLES] = true, [P_CLASSES] = true, [P_ATTRIBUTES] = true};

/** At most this many kept trees lend their nodes to copied units; the units of the others (those
 *  holding the fewest) are walked again, so that their trees are freed. */
#define MAX_LENDERS 16

struct rv_analysis_state {
    bool valid;
    /* Per unit of the text last analysed (aligned with `chunks`): its fingerprint. */
    RV_VEC(struct print) fingerprints;
    /* The model last built, by statement, and the trees its nodes belong to: statements not
     * walked again keep the nodes of the tree they were walked in, so that tree is kept (a
     * ts_tree_copy, never edited) until no statement refers to it. */
    struct rv_model model;
    struct rv_model_chunks chunks;
    RV_VEC(TSTree *) trees;
    /* A copy of the tree whose root is the model's module node (its first node): the
     * analysed tree, or for a partial analysis the whole one it was given. */
    TSTree *module_tree;
    /* What the last analysis no longer needs, freed by rv_analysis_state_tidy once its result
     * is out (or by the next analysis): the model before it and the trees no unit holds. */
    struct rv_model old_model;
    RV_VEC(TSTree *) dead_trees;
    struct rv_findings raw;      /* the families' findings before configuration and comments */
    struct rv_suppressions sups; /* the model's suppression comments, none marked used */
    struct u64_vec def_names;    /* the hash of each function's name in `model`, by index */
    uint64_t config_hash;
    char *path;
    uint64_t lines; /* lines_fact of the text last analysed */
    bool had_error;
    bool had_tab;
    /* Since the last analysis without a syntax error, a partial tree held one while the text
     * already did: the next edits while it stands are not offered to the partial analysis
     * (typing through an error would parse the statements at every keystroke for nothing). */
    bool partial_erred;
    size_t first_code; /* the first unit that is not a comment (units.len when none) */
    /* Whether a line of the text last analysed may hold a suppression comment, by its bytes
     * alone (mentions_suppression): MENTION_NONE lets the partial analysis of the next edit read
     * only the lines that edit wrote, every other line being one of that text's. */
    uint8_t mentions;
    struct rv_family_memo memos[RV_FAMILY_COUNT]; /* what the families keep (engine.c) */
    struct rv_analysis_stats stats;
    /* Scratch one analysis fills and the next reuses, so that a keystroke allocates none of it
     * anew: the new units, their ends, and each unit's old twin and old chunk to copy. */
    struct rv_model_units scratch_units;
    struct u32_vec scratch_ends;
    RV_VEC(long) scratch_match;
    /* The vectors the last analysis replaced (chunks, fingerprints, function name hashes),
     * emptied, for the next one to fill: the 10k-line module's chunks alone are 110 KB, a
     * malloc and free per keystroke that could consolidate the heap. */
    struct rv_model_chunks spare_chunks;
    RV_VEC(struct print) spare_prints;
    struct u64_vec spare_defs;
};

struct rv_analysis_state *rv_analysis_state_new(void) {
    return rv_xcalloc(1, sizeof(struct rv_analysis_state));
}

void rv_analysis_state_tidy(struct rv_analysis_state *st) {
    if (st == NULL) {
        return;
    }
    rv_model_finish(&st->old_model);
    for (size_t i = 0; i < st->dead_trees.len; i++) {
        ts_tree_delete(st->dead_trees.items[i]);
    }
    st->dead_trees.len = 0;
}

TSTree **rv_analysis_state_take_dead_trees(struct rv_analysis_state *st, size_t *count) {
    *count = st ? st->dead_trees.len : 0;
    if (*count == 0) {
        return NULL;
    }
    TSTree **trees = st->dead_trees.items;
    st->dead_trees.items = NULL;
    st->dead_trees.len = st->dead_trees.cap = 0;
    return trees;
}

void rv_analysis_state_free(struct rv_analysis_state *st) {
    if (st == NULL) {
        return;
    }
    rv_analysis_state_tidy(st);
    rv_vec_finish(&st->dead_trees);
    rv_vec_finish(&st->fingerprints);
    rv_vec_finish(&st->def_names.v);
    rv_findings_finish(&st->raw);
    rv_suppress__finish(&st->sups);
    rv_model_finish(&st->model);
    rv_vec_finish(&st->chunks.list);
    for (size_t i = 0; i < st->trees.len; i++) {
        ts_tree_delete(st->trees.items[i]);
    }
    rv_vec_finish(&st->trees);
    if (st->module_tree) {
        ts_tree_delete(st->module_tree);
    }
    rv_vec_finish(&st->scratch_units.list);
    rv_vec_finish(&st->scratch_ends.v);
    rv_vec_finish(&st->scratch_match);
    rv_vec_finish(&st->spare_chunks.list);
    rv_vec_finish(&st->spare_prints);
    rv_vec_finish(&st->spare_defs.v);
    free(st->path);
    free(st);
}

struct rv_analysis_stats rv_analysis_state_stats(const struct rv_analysis_state *st) {
    return st->stats;
}

const struct rv_model *rv_analysis_state_model(const struct rv_analysis_state *st) {
    return &st->model;
}

/* ------------------------------------------------------------------------------------------ */
/* Fingerprints. */

static uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h * 0xFF51AFD7ED558CCDULL;
}

static uint64_t mix_bytes(uint64_t h, const char *s, size_t len) {
    uint64_t f = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        f = (f ^ (unsigned char)s[i]) * 1099511628211ULL;
    }
    return mix(h, f ^ len);
}

static uint64_t mix_node_text(uint64_t h, const struct rv_text *text, TSNode node) {
    if (ts_node_is_null(node)) {
        return mix(h, 0);
    }
    size_t len;
    const char *s = rv_node_text(text, node, &len);
    return mix_bytes(h, s, len);
}

static uint64_t mix_str(uint64_t h, const char *s) {
    return s ? mix_bytes(h, s, strlen(s)) : mix(h, 1);
}

// A variable local to a function, which no other statement reads by name (only the naming
// family counts its style): an assignment, loop, with, except or comprehension target.
// Parameters enter the styles part by rv__binding_name_fact, definitions the names part by
// rv__definition_name_fact (and def_names_collide), instance attributes and module or class
// variables both parts (variable_text_fact); a class and an import keep their text.
static bool is_plain_local(const struct rv_binding *b) {
    switch (b->kind) {
    case RV_BIND_LOCAL:
    case RV_BIND_LOOP_VAR:
    case RV_BIND_WITH_VAR:
    case RV_BIND_EXCEPT_VAR:
    case RV_BIND_COMPREHENSION_VAR:
        return b->function >= 0;
    default:
        return false;
    }
}

// What families other than naming read of a module, class or instance variable's name beyond
// its statement: a dunder's text (organization leaves dunders out of its count of module
// variables) and a short name's (variable naming pairs `x` with `y` in a scope), kept for any
// name of three bytes or less or with two underscores at either end. Naming's
// counts read their styles, which the styles part holds; which binding of a name comes first
// is in the flags, taken again when a copied one's changes (rv_model.first_changed).
static uint64_t variable_text_fact(const char *s, size_t len) {
    bool dunder_like =
        len >= 2 && ((s[0] == '_' && s[1] == '_') || (s[len - 1] == '_' && s[len - 2] == '_'));
    return len <= 3 || dunder_like ? mix_bytes(1, s, len) : 2;
}

// What other statements read of a function's name, besides which other definitions share it
// (def_names_collide): rv__definition_name_fact, or a test's text.
static uint64_t function_name_fact(const struct rv_text *text, const struct rv_function *f) {
    if (ts_node_is_null(f->name)) {
        return 0;
    }
    size_t len;
    const char *s = rv_node_text(text, f->name, &len);
    return f->is_test ? mix_bytes(0, s, len) : rv__definition_name_fact(s, len);
}

/** What names_and_flags takes of a chunk besides its flags. */
struct name_parts {
    uint64_t names;
    uint64_t styles;
    uint64_t classes;
    uint64_t attributes;
    bool xy; /* struct print's */
};

// The names, styles and flags parts of chunk `c` (see fingerprint); with `names_out` NULL, the
// flags only.
static void names_and_flags(const struct rv_model *m, const struct rv_model_chunk *c,
                            const struct rv_text *text, struct name_parts *names_out,
                            uint64_t *flags_out, uint64_t *tests_out) {
    uint64_t names = 0;
    uint64_t styles = 0;
    uint64_t attributes = 0;
    uint64_t classes = 0;
    bool xy = false;
    bool with_names = names_out != NULL;
    uint64_t flags = 0;
    // The tests part: which of the chunk's definitions are tests, by their place in it; 0 when
    // none is (security reads only this of the flags: findings in test code are relaxed).
    uint64_t tests = 0;
    for (uint32_t i = c->first[RV_MODEL_FUNCTIONS]; i < c->end[RV_MODEL_FUNCTIONS]; i++) {
        const struct rv_function *f = &m->functions.items[i];
        names = with_names ? mix(names, function_name_fact(text, f)) : 0;
        uint64_t bits = (uint64_t)f->is_method | (uint64_t)f->is_async << 1 |
                        (uint64_t)f->is_test << 2 | (uint64_t)f->is_property << 3 |
                        (uint64_t)f->is_staticmethod << 4 | (uint64_t)f->is_classmethod << 5 |
                        (uint64_t)f->is_overload << 6 | (uint64_t)f->is_override_hook << 7 |
                        (uint64_t)f->returns_value << 8 | (uint64_t)f->raises << 9;
        flags = mix(flags, bits);
        tests = f->is_test ? mix(tests, 1 + i - c->first[RV_MODEL_FUNCTIONS]) : tests;
        flags = mix(flags,
                    ((uint64_t)(f->end_row - f->def_row) << 32) | (f->body_first_row - f->def_row));
    }
    for (uint32_t i = c->first[RV_MODEL_CLASSES]; i < c->end[RV_MODEL_CLASSES]; i++) {
        const struct rv_class *k = &m->classes.items[i];
        if (with_names) {
            classes = mix_node_text(classes, text, k->name);
            // Other classes read the bases: derived camelCase APIs, inherited docstrings.
            classes = mix_node_text(classes, text, rv_field(k->node, RV_F_SUPERCLASSES));
        }
        flags = mix(flags, ((uint64_t)k->is_test << 32) | k->method_count);
        tests = k->is_test ? mix(tests, 0x100000000ULL + i - c->first[RV_MODEL_CLASSES]) : tests;
    }
    // A parameter's name is its binding's (below); its default is read only by its own
    // statement's findings (naming's `len=len`, a fast local, is in the parameter's fact).
    for (uint32_t i = c->first[RV_MODEL_PARAMS]; i < c->end[RV_MODEL_PARAMS]; i++) {
        flags = mix(flags, m->params.items[i].kind);
    }
    for (uint32_t i = c->first[RV_MODEL_BINDINGS]; i < c->end[RV_MODEL_BINDINGS]; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        uint64_t bits = (uint64_t)b->kind << 2 | (uint64_t)b->first_in_scope << 1 | b->annotated;
        if (with_names && b->name_len == 1 && b->kind != RV_BIND_CLASS_VAR &&
            (b->function < 0 || b->kind == RV_BIND_ATTRIBUTE)) {
            char letter = text->bytes[ts_node_start_byte(b->name)];
            xy = xy || letter == 'x' || letter == 'y';
        }
        if (is_plain_local(b) || b->kind == RV_BIND_PARAM) {
            // A function's own scope: no other statement's binding follows from these, and only
            // naming reads them elsewhere (it counts the first binding of each name), so their
            // flags go with their styles, a part of their own that only naming depends on.
            if (with_names) {
                size_t len;
                const char *s = rv_binding_name(text, b, &len);
                uint64_t fact = b->kind == RV_BIND_PARAM ? rv__binding_name_fact(text, m, b)
                                                         : rv__local_name_style(s, len);
                styles = mix(styles, mix(fact, bits));
            }
            continue;
        }
        if (with_names && (b->kind == RV_BIND_FUNCTION || b->kind == RV_BIND_METHOD)) {
            size_t len;
            const char *s = rv_binding_name(text, b, &len);
            names = mix(names, rv__definition_name_fact(s, len));
        } else if (with_names && b->kind == RV_BIND_ATTRIBUTE) {
            size_t len;
            const char *s = rv_binding_name(text, b, &len);
            names = mix(names, variable_text_fact(s, len));
            styles = mix(styles, rv__binding_name_fact(text, m, b));
            attributes = mix_node_text(attributes, text, b->name);
        } else if (with_names && (b->kind == RV_BIND_MODULE_VAR || b->kind == RV_BIND_CLASS_VAR)) {
            size_t len;
            const char *s = rv_binding_name(text, b, &len);
            names = mix(names, variable_text_fact(s, len));
            styles = mix(styles, rv__local_name_style(s, len));
        } else if (with_names && b->kind == RV_BIND_CLASS) {
            classes = mix_node_text(classes, text, b->name);
        } else {
            names = with_names ? mix_node_text(names, text, b->name) : 0;
        }
        flags = mix(flags, bits);
    }
    if (with_names) {
        names_out->names = names;
        names_out->styles = styles;
        names_out->attributes = attributes;
        names_out->classes = classes;
        names_out->xy = xy;
    }
    *flags_out = flags;
    *tests_out = tests;
}

// The outline part of chunk `c`: the little of its structure other statements read (engine.c
// says who): which parameters and returns are annotated, docstrings, how definitions nest,
// what module variables are bound to, and in a package's __init__.py whether a top-level
// statement is more than plumbing. 0 when it holds none of these (a bare expression).
static uint64_t outline(const struct rv_model *m, const struct rv_model_chunk *c, bool init_file) {
    uint64_t h = 0;
    if (init_file && c->kind != RV_UNIT_CLASS_BODY && !rv__plumbing_statement(c->node)) {
        h = mix(h, 1);
    }
    for (uint32_t i = c->first[RV_MODEL_FUNCTIONS]; i < c->end[RV_MODEL_FUNCTIONS]; i++) {
        const struct rv_function *f = &m->functions.items[i];
        h = mix(h, (uint64_t)!ts_node_is_null(f->return_type) |
                       (uint64_t)!ts_node_is_null(f->docstring) << 1 |
                       (uint64_t)(f->class_index >= 0) << 2 |
                       (uint64_t)(f->parent_function >= 0) << 3);
    }
    for (uint32_t i = c->first[RV_MODEL_PARAMS]; i < c->end[RV_MODEL_PARAMS]; i++) {
        h = mix(h, !ts_node_is_null(m->params.items[i].annotation));
    }
    for (uint32_t i = c->first[RV_MODEL_CLASSES]; i < c->end[RV_MODEL_CLASSES]; i++) {
        const struct rv_class *k = &m->classes.items[i];
        h = mix(h, (uint64_t)!ts_node_is_null(k->docstring) |
                       (uint64_t)(k->parent_class >= 0) << 1 |
                       (uint64_t)(k->parent_function >= 0) << 2);
    }
    for (uint32_t i = c->first[RV_MODEL_BINDINGS]; i < c->end[RV_MODEL_BINDINGS]; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        if (b->kind != RV_BIND_MODULE_VAR) {
            continue;
        }
        TSNode parent = rv_model_parent(m, b->name);
        TSNode right = ts_node_is_null(parent) ? parent : rv_field(parent, RV_F_RIGHT);
        h = mix(h, ((uint64_t)(ts_node_is_null(parent) ? 0 : ts_node_symbol(parent)) << 16) |
                       (ts_node_is_null(right) ? 0 : ts_node_symbol(right)));
    }
    return h;
}

// The blocks part of chunk `c`: the indentation unit of each of its blocks, in order, and
// whether the chunk is a class's statement (a class's body block holds those). `*shared` is
// the unit they all have (0 for none, RV_UNITS_MIXED).
static uint64_t blocks(const struct rv_model *m, const struct rv_model_chunk *c,
                       const struct rv_text *text, int *shared) {
    uint64_t h = 0;
    bool any = false;
    *shared = 0;
    for (uint32_t i = c->first[RV_MODEL_NODES]; i < c->end[RV_MODEL_NODES]; i++) {
        if (m->nodes.items[i].kind != RV_K_BLOCK) {
            continue;
        }
        int unit = rv__block_unit(text, m, i);
        if (unit != 0) {
            h = mix(any ? h : mix(0, c->kind), (uint64_t)(uint32_t)unit);
            any = true;
            *shared = rv__units_combine(*shared, unit);
        }
    }
    return h;
}

// Everything other statements can learn about chunk `c` of `m`, by part; see the file comment.
// Its region is [from_byte, to_byte). `*unit` is the unit its blocks share (see blocks), which
// only the analysis that takes the print reads (the indentation family's memo may absorb a
// blocks change).
static struct print fingerprint(const struct rv_model *m, const struct rv_model_chunk *c,
                                const struct rv_text *text, uint32_t from_byte, uint32_t to_byte,
                                bool init_file, int *unit) {
    struct print p;
    memset(&p, 0, sizeof(p));
    // The shape: each node's symbol, size and row (relative to the statement's), and where
    // strings end (lines inside them are not code to the indentation family).
    uint32_t row0 = ts_node_start_point(c->node).row;
    uint64_t h = 0;
    for (uint32_t i = c->first[RV_MODEL_NODES]; i < c->end[RV_MODEL_NODES]; i++) {
        const struct rv_flat_node *fn = &m->nodes.items[i];
        uint32_t row = ts_node_start_point(fn->node).row - row0;
        h = mix(h, ((uint64_t)fn->symbol << 48) | ((uint64_t)row << 24) | (fn->end - i));
        if (fn->kind == RV_K_STRING) {
            h = mix(h, ts_node_end_point(fn->node).row - row0);
        }
    }
    p.part[P_SHAPE] = h;
    struct name_parts names;
    names_and_flags(m, c, text, &names, &p.part[P_FLAGS], &p.part[P_TESTS]);
    p.part[P_NAMES] = names.names;
    p.part[P_STYLES] = names.styles;
    p.part[P_ATTRIBUTES] = names.attributes;
    p.part[P_CLASSES] = names.classes;
    p.xy = names.xy;
    h = 0;
    for (uint32_t i = c->first[RV_MODEL_IMPORTS]; i < c->end[RV_MODEL_IMPORTS]; i++) {
        h = mix_str(h, m->imports.items[i].module);
        h = mix_str(h, m->imports.items[i].name);
        h = mix_str(h, m->imports.items[i].local);
    }
    p.part[P_IMPORTS] = h;
    // The indentation of every line the chunk (and the blank lines before it) spans; a class
    // head's end at its body's first statement (its other statements are units of their own).
    h = 0;
    size_t first_row = rv_text_line_of(text, from_byte);
    size_t last_row = rv_text_line_of(text, c->end_byte);
    for (size_t row = first_row; row <= last_row && row < text->line_count; row++) {
        const char *line = text->bytes + text->line_starts[row];
        const char *stop = text->bytes + rv_text_line_end(text, row);
        const char *q = line;
        while (q < stop && (*q == ' ' || *q == '\t' || *q == '\f')) {
            q++;
        }
        h = mix_bytes(h, line, (size_t)(q - line));
        h = mix(h, q == stop); // blank lines count for neither tabs nor spaces
    }
    p.part[P_INDENT] = h;
    p.part[P_OUTLINE] = outline(m, c, init_file);
    p.part[P_BLOCKS] = blocks(m, c, text, unit);
    to_byte = to_byte < text->len ? to_byte : (uint32_t)text->len;
    p.tab = from_byte < to_byte && memchr(text->bytes + from_byte, '\t', to_byte - from_byte);
    return p;
}

// Mixes `len` bytes in eight at a time (the rest zero-padded), then their length: the
// configuration's tables are two kilobytes, hashed again at every edit.
static uint64_t mix_words(uint64_t h, const void *p, size_t len) {
    const unsigned char *b = p;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        h = mix(h, w);
    }
    uint64_t tail = 0;
    memcpy(&tail, b + i, len - i);
    return mix(mix(h, tail), len);
}

static uint64_t config_hash(const struct rv_config *cfg) {
    uint64_t h = mix_words(0, cfg->selected, sizeof(cfg->selected));
    h = mix_words(h, cfg->severity, sizeof(cfg->severity));
    for (size_t i = 0; i < rv_settings_count; i++) {
        bool set = cfg->set && cfg->set[i];
        h = mix(h, set);
        if (set) {
            h = mix(h, (uint64_t)cfg->int_values[i]);
            h = mix_str(h, cfg->str_values[i]);
        }
    }
    return h;
}

// What the line-count part (RV_DEP_LINES) compares: the number of lines and whether the last
// one is empty. A character typed after the last newline keeps the first but changes the
// count of lines RV551 quotes, which leaves out an empty last line (the typing oracle over
// os.py kept "module has 1124 lines" where a fresh analysis said 1125).
static uint64_t lines_fact(const struct rv_text *text) {
    size_t n = text->line_count;
    bool empty_last = n > 0 && text->line_starts[n - 1] == text->len;
    return (uint64_t)n * 2 + empty_last;
}

/* ------------------------------------------------------------------------------------------ */
/* Positions across edits. */

// Where byte `b` of the text before `edits` is after them (inside a replaced span: its end).
static uint32_t map_byte(uint32_t b, const TSInputEdit *edits, size_t count) {
    for (size_t e = 0; e < count; e++) {
        const TSInputEdit *x = &edits[e];
        if (b >= x->old_end_byte) {
            b = x->new_end_byte + (b - x->old_end_byte);
        } else if (b > x->start_byte) {
            b = x->new_end_byte;
        }
    }
    return b;
}

// map_byte for the end of a range [start, end): text inserted right at its end falls after it,
// where map_byte would move the end past the insertion (a space typed after a name that another
// statement's finding quotes as evidence stretched that evidence by a byte). Never before
// `start`, the range's start already mapped.
static uint32_t map_end(uint32_t b, uint32_t start, const TSInputEdit *edits, size_t count) {
    for (size_t e = 0; e < count; e++) {
        const TSInputEdit *x = &edits[e];
        bool inserted_at_end = x->start_byte == b && x->old_end_byte == b;
        b = inserted_at_end ? b : map_byte(b, x, 1);
    }
    return b < start ? start : b;
}

static void shift_finding(struct rv_finding *f, const TSInputEdit *edits, size_t count) {
    f->start_byte = map_byte(f->start_byte, edits, count);
    f->end_byte = map_end(f->end_byte, f->start_byte, edits, count);
    if (f->scope_end_byte) {
        f->scope_start_byte = map_byte(f->scope_start_byte, edits, count);
        f->scope_end_byte = map_end(f->scope_end_byte, f->scope_start_byte, edits, count);
    }
    for (size_t i = 0; i < f->related.len; i++) {
        struct rv_related *r = &f->related.items[i];
        r->start_byte = map_byte(r->start_byte, edits, count);
        r->end_byte = map_end(r->end_byte, r->start_byte, edits, count);
    }
}

// The suppression comments of the new model `m` from the old ones (sorted by place): those
// before the run's old regions [old_lo, old_hi) as they were, the run's read again from its
// comments [first, end) in `m`, and those after it moved with the edits, their rows too.
static void keep_suppressions(struct rv_suppressions *sups, uint32_t old_lo, uint32_t old_hi,
                              const TSInputEdit *edits, size_t count, const struct rv_text *text,
                              const struct rv_model *m, size_t first, size_t end) {
    struct rv_suppressions out = {0};
    rv_vec_reserve(&out.list, sups->list.len);
    size_t n = sups->list.len;
    size_t i = 0;
    for (; i < n && sups->list.items[i].start_byte < old_lo; i++) {
        rv_vec_push(&out.list, sups->list.items[i]);
    }
    for (; i < n && sups->list.items[i].start_byte < old_hi; i++) {
        rv_suppress__drop(&sups->list.items[i]);
    }
    rv_suppress__parse_comments(&out, text, m, first, end);
    for (; i < n; i++) {
        struct rv_suppression s = sups->list.items[i];
        // No edit falls inside a comment outside the run: one after an edit moves with its
        // end, rows too (by the lines it added or removed), one before it stays.
        for (size_t e = 0; e < count; e++) {
            const TSInputEdit *x = &edits[e];
            assert(s.start_byte >= x->old_end_byte || s.end_byte <= x->start_byte);
            if (s.start_byte >= x->old_end_byte) {
                s.row = s.row + x->new_end_point.row - x->old_end_point.row;
            }
            s.start_byte = map_byte(s.start_byte, x, 1);
            s.end_byte = map_end(s.end_byte, s.start_byte, x, 1);
        }
        rv_vec_push(&out.list, s);
    }
    rv_vec_finish(&sups->list);
    *sups = out;
}

#ifndef NDEBUG
// Builds with assertions compare the kept suppressions with those a fresh read finds.
static void check_suppressions(const struct rv_suppressions *kept, const struct rv_text *text,
                               const struct rv_model *m) {
    struct rv_suppressions fresh;
    rv_suppress__parse(&fresh, text, m);
    assert(kept->list.len == fresh.list.len);
    for (size_t i = 0; i < fresh.list.len; i++) {
        const struct rv_suppression *a = &kept->list.items[i];
        const struct rv_suppression *b = &fresh.list.items[i];
        assert(a->row == b->row && a->start_byte == b->start_byte && a->end_byte == b->end_byte);
        assert(a->file_wide == b->file_wide && a->all == b->all && a->nosec == b->nosec);
        assert(a->codes.len == b->codes.len && a->bandit.len == b->bandit.len);
        for (size_t k = 0; k < a->codes.len; k++) {
            assert(a->codes.items[k] == b->codes.items[k]);
            assert(a->code_used.items[k] == b->code_used.items[k]);
        }
        for (size_t k = 0; k < a->bandit.len; k++) {
            assert(strcmp(a->bandit.items[k], b->bandit.items[k]) == 0);
        }
    }
    rv_suppress__finish(&fresh);
}
#endif

// Does an edit replace bytes of [start, end), a range of the text before `edits`, or insert
// text at either end? Then map_byte would collapse what the edit replaced onto its end, though
// the same text may be back in its place, and a name the range holds may have grown (`a_b`
// typed into `a_bc`, which its style does not tell).
static bool edit_touches(uint32_t start, uint32_t end, const TSInputEdit *edits, size_t count) {
    for (size_t e = 0; e < count; e++) {
        if (start <= edits[e].old_end_byte && end >= edits[e].start_byte) {
            return true;
        }
        start = map_byte(start, edits + e, 1);
        end = map_end(end, start, edits + e, 1);
    }
    return false;
}

// Does a finding the run would keep point, in its related information, at text an edit
// touched? Only naming relates across statements (its evidence: names that follow the file's
// style), and the names part holds a local's, a parameter's or a definition's style, not its
// text: typing at the end of such a name keeps the parts but changes what the evidence quotes. An
// edit that rewrites `lower_a = 3` whole as `lower_a = 7` keeps every name, but the evidence
// `lower_a` would move to the edit's end.
static bool kept_relation_replaced(const struct rv_findings *raw, uint32_t old_lo, uint32_t old_hi,
                                   const TSInputEdit *edits, size_t count) {
    for (size_t i = 0; i < raw->list.len; i++) {
        const struct rv_finding *f = &raw->list.items[i];
        if (f->start_byte >= old_lo && f->start_byte < old_hi) {
            continue; // the run's own, found again
        }
        for (size_t r = 0; r < f->related.len; r++) {
            if (edit_touches(f->related.items[r].start_byte, f->related.items[r].end_byte, edits,
                             count)) {
                return true;
            }
        }
    }
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* Definition names. The names part holds what other statements read of a function's name
 * (function_name_fact) but not the name: what the families read across statements by the name
 * itself is which definitions share it (an override, a base's documented method, an interface's
 * shared signature, the first definition of a scope). A renamed function changes that only when
 * its old or its new name is another definition's too. */

static uint64_t def_name_hash(const struct rv_text *text, const struct rv_function *f) {
    if (ts_node_is_null(f->name)) {
        return 0;
    }
    size_t len;
    const char *s = rv_node_text(text, f->name, &len);
    return rv_hash_bytes(s, len, 0) | 1;
}

// The hash of every function's name in `m`, by index: a copied chunk's from the old ones, the
// others' from the text.
static void collect_def_names(struct u64_vec *out, const struct rv_analysis_state *st,
                              const struct rv_model *m, const struct rv_model_chunks *chunks,
                              const long *copy_from, const struct rv_text *text,
                              struct rv_model_move *later) {
    out->v.len = 0;
    rv_vec_reserve(&out->v, m->functions.len);
    for (size_t j = 0; j < chunks->list.len; j++) {
        const struct rv_model_chunk *c = &chunks->list.items[j];
        const struct rv_model_chunk *oc =
            copy_from && copy_from[j] >= 0 ? &st->chunks.list.items[copy_from[j]] : NULL;
        if (oc && oc->end[RV_MODEL_FUNCTIONS] <= st->def_names.v.len &&
            oc->end[RV_MODEL_FUNCTIONS] - oc->first[RV_MODEL_FUNCTIONS] ==
                c->end[RV_MODEL_FUNCTIONS] - c->first[RV_MODEL_FUNCTIONS]) {
            for (uint32_t i = oc->first[RV_MODEL_FUNCTIONS]; i < oc->end[RV_MODEL_FUNCTIONS]; i++) {
                rv_vec_push(&out->v, st->def_names.v.items[i]);
            }
        } else {
            for (uint32_t i = c->first[RV_MODEL_FUNCTIONS]; i < c->end[RV_MODEL_FUNCTIONS]; i++) {
                rv_vec_push(&out->v, def_name_hash(text, &m->functions.items[i]));
            }
        }
    }
    if (out->v.len != m->functions.len) { // chunks that do not cover the functions in order
        rv_model_move_wait(later);        // the names of copied functions are read too
        out->v.len = 0;
        for (size_t i = 0; i < m->functions.len; i++) {
            rv_vec_push(&out->v, def_name_hash(text, &m->functions.items[i]));
        }
    }
}

static int cmp_u64(const void *pa, const void *pb) {
    uint64_t a = *(const uint64_t *)pa;
    uint64_t b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

// The names of the functions in chunks [from, to) of `chunks`, sorted.
static void run_def_names(struct u64_vec *out, const struct u64_vec *all,
                          const struct rv_model_chunks *chunks, size_t from, size_t to) {
    for (size_t j = from; j < to; j++) {
        const struct rv_model_chunk *c = &chunks->list.items[j];
        for (uint32_t i = c->first[RV_MODEL_FUNCTIONS];
             i < c->end[RV_MODEL_FUNCTIONS] && i < all->v.len; i++) {
            rv_vec_push(&out->v, all->v.items[i]);
        }
    }
    if (out->v.len > 1) {
        qsort(out->v.items, out->v.len, sizeof(uint64_t), cmp_u64);
    }
}

static size_t count_name(const struct u64_vec *all, uint64_t h) {
    size_t count = 0;
    for (size_t i = 0; i < all->v.len; i++) {
        count += all->v.items[i] == h;
    }
    return count;
}

// Did the run rename a function so that which definitions share a name changed: a name it
// dropped that another definition still has, or one it brought that another has too? The old
// run's names are old_all's in old chunks [oa, ob), the new run's new_all's in chunks [a, b].
static bool def_names_collide(const struct rv_analysis_state *st, size_t oa, size_t ob,
                              const struct u64_vec *new_all, const struct rv_model_chunks *chunks,
                              size_t a, size_t b) {
    struct u64_vec before = {0};
    struct u64_vec after = {0};
    run_def_names(&before, &st->def_names, &st->chunks, oa, ob);
    run_def_names(&after, new_all, chunks, a, b + 1);
    bool collide = false;
    size_t i = 0;
    size_t k = 0;
    while (!collide && (i < before.v.len || k < after.v.len)) {
        if (k == after.v.len || (i < before.v.len && before.v.items[i] < after.v.items[k])) {
            collide = count_name(new_all, before.v.items[i++]) > 0; // dropped
        } else if (i == before.v.len || after.v.items[k] < before.v.items[i]) {
            collide = count_name(new_all, after.v.items[k++]) > 1; // brought
        } else {
            i++;
            k++;
        }
    }
    rv_vec_finish(&before.v);
    rv_vec_finish(&after.v);
    return collide;
}

/* ------------------------------------------------------------------------------------------ */

// The unit of `chunks` that holds function `i` (the units' windows cover the functions in
// order), or chunks' length.
static size_t unit_of_function(const struct rv_model_chunks *chunks, uint32_t i) {
    size_t lo = 0;
    size_t hi = chunks->list.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (chunks->list.items[mid].end[RV_MODEL_FUNCTIONS] <= i) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < chunks->list.len && chunks->list.items[lo].first[RV_MODEL_FUNCTIONS] <= i
               ? lo
               : chunks->list.len;
}

// Marks the units outside the run [a, b] that hold a function named as one of `names` (def
// name hashes, sorted).
static void mark_named(const struct u64_vec *defs, const struct rv_model_chunks *chunks, size_t a,
                       size_t b, const struct u64_vec *names, bool *marks) {
    for (size_t i = 0; i < defs->v.len && names->v.len; i++) {
        uint64_t h = defs->v.items[i];
        if (!bsearch(&h, names->v.items, names->v.len, sizeof(uint64_t), cmp_u64)) {
            continue;
        }
        size_t j = unit_of_function(chunks, (uint32_t)i);
        if (j < chunks->list.len && (j < a || j > b)) {
            marks[j] = true;
        }
    }
}

// Marks the body statements of the class whose head is unit `j`.
static void mark_class_body(const struct rv_model_chunks *chunks, size_t j, bool *marks) {
    const struct rv_model_chunk *head = &chunks->list.items[j];
    if (head->kind != RV_UNIT_CLASS_HEAD) {
        return;
    }
    int32_t cls = (int32_t)head->first[RV_MODEL_CLASSES];
    for (size_t k = j + 1; k < chunks->list.len; k++) {
        const struct rv_model_chunk *c = &chunks->list.items[k];
        if (c->kind != RV_UNIT_CLASS_BODY || c->container_class != cls) {
            break;
        }
        marks[k] = true;
    }
}

// The units outside the run [a, b] that a family narrowing names and flags (variable and
// function naming: struct family's `narrow` in engine.c) examines again, as `units` (in
// order), when the parts in `changed` changed. Those families read of other statements only
// flags, whether another class has a method of the same name, and of a class's body
// statements the class's head (its bases, its name): so the units whose parts differ now
// (`touched`); with names or flags changed, the units holding a function named as one of the
// run's (before or after), and the body of a class whose head the run or `touched` holds.
// False when they cannot be told: the run binds `x` or `y` across statements (`xy`, before or
// after), which variable naming pairs in the module's or a class's scope.
static bool find_dependents(const struct rv_analysis_state *st, const struct u64_vec *defs,
                            const struct rv_model_chunks *chunks, size_t a, size_t b, size_t oa,
                            size_t ob, uint32_t changed, bool xy, const struct u32_vec *touched,
                            struct u32_vec *units) {
    units->v.len = 0;
    uint32_t read = RV_DEP_NAMES | RV_DEP_FLAGS | RV_DEP_CLASSES | RV_DEP_SHARED;
    if (!(changed & read) && touched->v.len == 0) {
        return true; // a quiet edit: nothing these families read of others changed
    }
    if (xy) {
        return false;
    }
    size_t n = chunks->list.len;
    bool *marks = rv_xcalloc(n ? n : 1, sizeof(bool));
    for (size_t i = 0; i < touched->v.len; i++) {
        marks[touched->v.items[i]] = true;
    }
    if (changed & read) {
        // Every name of the run's functions, before and after: which of them are methods, and
        // of which class, is not kept from the last analysis (a method that became a function,
        // or moved to another class, keeps its name).
        struct u64_vec names = {0};
        run_def_names(&names, &st->def_names, &st->chunks, oa, ob);
        run_def_names(&names, defs, chunks, a, b + 1);
        mark_named(defs, chunks, a, b, &names, marks);
        rv_vec_finish(&names.v);
        for (size_t j = a; j <= b; j++) {
            mark_class_body(chunks, j, marks);
        }
        for (size_t t = 0; t < touched->v.len; t++) {
            mark_class_body(chunks, touched->v.items[t], marks);
        }
    }
    for (size_t j = 0; j < n; j++) {
        if (marks[j] && (j < a || j > b)) {
            rv_vec_push(&units->v, (uint32_t)j);
        }
    }
    free(marks);
    return true;
}

#ifndef NDEBUG
// Tests and fuzzers check what families rely on: no record outside the windows starts in the
// range (rv_rule_ctx).
static void check_windows(const struct rv_rule_ctx *ctx) {
    const struct rv_model *m = ctx->model;
    for (uint32_t i = 0; i < m->functions.len; i++) {
        const struct rv_function *f = &m->functions.items[i];
        bool inside = i >= ctx->functions_first && i < ctx->functions_end;
        assert(inside || ts_node_is_null(f->name) ||
               !rv_ctx_wants(ctx, ts_node_start_byte(f->name)));
        assert(inside || !rv_ctx_wants(ctx, ts_node_start_byte(f->outer)));
    }
    for (uint32_t i = 0; i < m->classes.len; i++) {
        const struct rv_class *k = &m->classes.items[i];
        bool inside = i >= ctx->classes_first && i < ctx->classes_end;
        assert(inside || ts_node_is_null(k->name) ||
               !rv_ctx_wants(ctx, ts_node_start_byte(k->name)));
        assert(inside || !rv_ctx_wants(ctx, ts_node_start_byte(k->outer)));
    }
    for (uint32_t i = 0; i < m->bindings.len; i++) {
        bool inside = i >= ctx->bindings_first && i < ctx->bindings_end;
        assert(inside || !rv_ctx_wants(ctx, ts_node_start_byte(m->bindings.items[i].name)));
    }
    for (uint32_t i = 0; i < m->params.len; i++) {
        const struct rv_param *p = &m->params.items[i];
        bool inside = i >= ctx->params_first && i < ctx->params_end;
        assert(inside || ts_node_is_null(p->default_value) ||
               !rv_ctx_wants(ctx, ts_node_start_byte(p->default_value)));
    }
    for (uint32_t i = 0; i < m->nodes.len; i++) {
        const struct rv_flat_node *n = &m->nodes.items[i];
        bool inside = i >= ctx->nodes_first && i < ctx->nodes_end;
        bool holds_window = i < ctx->nodes_first && n->end >= ctx->nodes_end; // the module, a class
        // Error recovery may end the unit before with an empty node (a block) where the range
        // starts: it holds nothing.
        uint32_t start = ts_node_start_byte(n->node);
        bool empty_before = start == ctx->range_start && ts_node_end_byte(n->node) == start;
        assert(inside || holds_window || empty_before || !rv_ctx_wants(ctx, start));
    }
}
#endif

/* ------------------------------------------------------------------------------------------ */

// The region of chunk j: from the end of the one before (its leading blank lines and
// indentation belong to it, as tree-sitter's padding does) to its own end; the last extends
// to the end of the file.
static uint32_t region_start(const struct u32_vec *ends, size_t j) {
    return j == 0 ? 0 : ends->v.items[j - 1];
}

static uint32_t region_end(const struct u32_vec *ends, size_t j) {
    return j + 1 == ends->v.len ? UINT32_MAX : ends->v.items[j];
}

// Sets `ctx`'s range and record windows to units [j0, j1] (a run's, or a group of dependents).
static void set_window(struct rv_rule_ctx *ctx, const struct rv_model_chunks *chunks,
                       const struct u32_vec *ends, size_t j0, size_t j1) {
    ctx->range_start = region_start(ends, j0);
    ctx->range_end = region_end(ends, j1);
    // A unit's records are those walked or copied for it, in order: the units' records are
    // from the first one's first to the last one's end.
    const struct rv_model_chunk *ca = &chunks->list.items[j0];
    const struct rv_model_chunk *cb = &chunks->list.items[j1];
    ctx->functions_first = ca->first[RV_MODEL_FUNCTIONS];
    ctx->functions_end = cb->end[RV_MODEL_FUNCTIONS];
    ctx->classes_first = ca->first[RV_MODEL_CLASSES];
    ctx->classes_end = cb->end[RV_MODEL_CLASSES];
    ctx->bindings_first = ca->first[RV_MODEL_BINDINGS];
    ctx->bindings_end = cb->end[RV_MODEL_BINDINGS];
    ctx->params_first = ca->first[RV_MODEL_PARAMS];
    ctx->params_end = cb->end[RV_MODEL_PARAMS];
    ctx->nodes_first = ca->first[RV_MODEL_NODES];
    ctx->nodes_end = cb->end[RV_MODEL_NODES];
}

// Whether `byte` lies in the region of one of the `count` units (sorted) at `units`.
static bool in_units(const struct u32_vec *ends, const uint32_t *units, size_t count,
                     uint32_t byte) {
    size_t lo = 0;
    size_t hi = count;
    while (lo < hi) { // the first unit whose region ends after byte
        size_t mid = lo + (hi - lo) / 2;
        if (region_end(ends, units[mid]) <= byte) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < count && byte >= region_start(ends, units[lo]);
}

// The unit whose region holds `byte`.
static size_t unit_at(const struct u32_vec *ends, uint32_t byte) {
    size_t lo = 0;
    size_t hi = ends->v.len;
    while (lo + 1 < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (region_start(ends, mid) <= byte) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static int cmp_u32(const void *pa, const void *pb) {
    uint32_t a = *(const uint32_t *)pa;
    uint32_t b = *(const uint32_t *)pb;
    return a < b ? -1 : a > b;
}

// Sorts `units` and drops repeats.
static void sort_units(struct u32_vec *units) {
    if (units->v.len > 1) {
        qsort(units->v.items, units->v.len, sizeof(uint32_t), cmp_u32);
    }
    size_t kept = 0;
    for (size_t i = 0; i < units->v.len; i++) {
        if (kept == 0 || units->v.items[i] != units->v.items[kept - 1]) {
            units->v.items[kept++] = units->v.items[i];
        }
    }
    units->v.len = kept;
}

// When the styles part alone changed of what the naming family reads of other statements,
// judges the kinds it holds again from the statements' tallies (rv__naming_rejudge, which
// takes the new judgement into the family's memo), first taking the tallies the statements
// lack. `units` gets the units outside the run [a, b] whose naming findings quote counts that
// changed (the old findings' starts, outside the old run [old_lo, old_hi), moved by the
// edits). The old run held `old_bindings` bindings. False when the family must judge the whole
// file again.
static bool naming_dependents(struct rv_analysis_state *st, const struct rv_rule_ctx *ctx,
                              const struct rv_model_chunks *chunks, struct print *prints,
                              const struct u32_vec *ends, size_t a, size_t b, uint32_t old_bindings,
                              uint32_t old_lo, uint32_t old_hi, const TSInputEdit *edits,
                              size_t edit_count, bool definitions, struct u32_vec *units) {
    size_t n = chunks->list.len;
    for (size_t j = 0; j < n; j++) {
        if (!prints[j].naming_valid) {
            const struct rv_model_chunk *c = &chunks->list.items[j];
            rv__naming_tally(ctx, c->first[RV_MODEL_BINDINGS], c->end[RV_MODEL_BINDINGS],
                             &prints[j].naming);
            prints[j].naming_valid = true;
        }
    }
    struct rv_naming_units all = {&prints[0].naming, sizeof(struct print), chunks->list.items, n};
    uint16_t codes;
    struct rv_family_memo *memo = &st->memos[rv__family_index(rv_check_naming)];
    uint32_t first = chunks->list.items[a].first[RV_MODEL_BINDINGS]; // as before the run
    uint32_t old_end = first + old_bindings;
    uint32_t new_end = chunks->list.items[b].end[RV_MODEL_BINDINGS];
    struct rv_u32_list found = {0};
    if (rv__naming_rejudge(ctx, memo, &all, first, old_end, new_end, definitions, &codes, &found) ==
        RV_REJUDGE_WHOLE) {
        rv_vec_finish(&found);
        return false;
    }
    for (size_t i = 0; i < found.len; i++) {
        if (found.items[i] < a || found.items[i] > b) {
            rv_vec_push(&units->v, found.items[i]);
        }
    }
    rv_vec_finish(&found);
    for (size_t i = 0; codes && i < st->raw.list.len; i++) {
        const struct rv_finding *f = &st->raw.list.items[i];
        bool quoted = false;
        for (int t = 0; t < RV_NAMING_TALLIED + 2; t++) {
            quoted = quoted || ((codes >> t & 1) && f->code == rv__naming_rejudged_code(t));
        }
        if (quoted && (f->start_byte < old_lo || f->start_byte >= old_hi)) {
            size_t j = unit_at(ends, map_byte(f->start_byte, edits, edit_count));
            if (j < a || j > b) {
                rv_vec_push(&units->v, (uint32_t)j);
            }
        }
    }
    sort_units(units);
    return true;
}

// The ranges of dependents `d` (its units, in order): one per group of neighbouring units,
// each `base` with that group's range and windows.
static void dependent_ranges(struct rv_dependents *d, const struct rv_rule_ctx *base,
                             const struct rv_model_chunks *chunks, const struct u32_vec *ends) {
    for (size_t k = 0; d->known && k < d->units.len;) {
        size_t g = k;
        while (g + 1 < d->units.len && d->units.items[g + 1] == d->units.items[g] + 1) {
            g++;
        }
        struct rv_rule_ctx one = *base;
        set_window(&one, chunks, ends, d->units.items[k], d->units.items[g]);
        rv_vec_push(&d->ranges, one);
        k = g + 1;
    }
}

// The same for the units of the last analysis, in the text it analysed.
static uint32_t old_region_start(const struct rv_analysis_state *st, size_t k) {
    return k == 0 ? 0 : st->chunks.list.items[k - 1].end_byte;
}

// Whether a tree without errors may take a unit of a tree with one (match_chunks says why).
static bool trusted(const struct rv_model_chunk *c) {
    return !c->has_error && !c->after_error && !c->read_recovering;
}

// Sets old_of[j] to the old unit that new unit j repeats (same kind, same bytes, no edit in its
// region), or -1; and copy_from[j] to that unit when its records can be copied (its tree still
// lends them, and for a class head, every other unit of the class is copied too), else -1: a
// unit that repeats an old one but must be walked again keeps its findings, but its
// fingerprint is taken again and compared.
// With `fresh` (window_units listed the units: those not fresh are the old ones outside its
// window, in order, their bytes mapped), such a unit two or more from any fresh one is its old
// twin by construction, and without a syntax error before or now only its tree's lending is
// asked: the keystroke's listing no longer maps every unit's bytes again.
static void match_chunks(const struct rv_analysis_state *st, const TSTree *tree, bool partial,
                         const struct rv_model_units *units, const struct u32_vec *ends,
                         const TSInputEdit *edits, size_t count, const bool *fresh, long *old_of,
                         long *copy_from) {
    // Which kept trees lend their nodes: the MAX_LENDERS holding the most units. Each analysis
    // keeps a tree for the units it walked, so without a bound their number grows with every
    // edit; the units of the others (a few statements edited lately) are walked again. A kept
    // tree is never edited, so the nodes of the units it holds stay valid, unchanged, for as
    // long as it is kept.
    size_t old_n = st->chunks.list.len;
    size_t tree_count = st->trees.len;
    size_t *held = rv_xcalloc(tree_count ? tree_count : 1, sizeof(size_t));
    bool *lends = rv_xcalloc(tree_count ? tree_count : 1, sizeof(bool));
    for (size_t k = 0; k < old_n; k++) {
        held[st->chunks.list.items[k].tree]++;
    }
    for (size_t t = 0; t < tree_count; t++) {
        size_t larger = 0;
        for (size_t o = 0; o < tree_count; o++) {
            larger += held[o] > held[t] || (held[o] == held[t] && o > t);
        }
        lends[t] = larger < MAX_LENDERS && held[t] > 0;
    }
    // Error recovery may read the same text differently in another context: a unit with a
    // syntax error, or right after one, in either tree, is always examined again, and the
    // others must also have kept their node's symbol and child count. Without an error in
    // either tree the same text is the same statement, and the new units are not read.
    bool errors = ts_node_has_error(ts_tree_root_node(tree));
    bool recovered = errors || st->had_error;
    // Where each edit's bytes landed in the new text (the edits after it moved them too).
    uint32_t edit_lo[MAX_EDITS];
    uint32_t edit_hi[MAX_EDITS];
    assert(count <= MAX_EDITS); // only known edits are matched (edits_known)
    for (size_t e = 0; e < count; e++) {
        edit_lo[e] = map_byte(edits[e].start_byte, edits + e + 1, count - e - 1);
        edit_hi[e] = map_byte(edits[e].new_end_byte, edits + e + 1, count - e - 1);
    }
    bool prev_error = false;
    size_t k = 0;
    size_t n = units->list.len;
    // The window's units are the last fresh ones (a class head before them may be fresh too):
    // a unit after them is old unit j + old_n - n, one before them old unit j.
    size_t last_fresh = n;
    for (size_t j = n; fresh && j-- > 0;) {
        if (fresh[j]) {
            last_fresh = j;
            break;
        }
    }
    for (size_t j = 0; j < n; j++) {
        const struct rv_model_unit *u = &units->list.items[j];
        old_of[j] = -1;
        copy_from[j] = -1;
        // Listed from the old units (window_units), it is its twin's node, so the search below
        // would find it the same symbol and child count. After an error in the last tree (a
        // partial input then, the new tree without one), rv_analysis_partial_span has taken
        // the input only with every unit outside its statements trusted: no error in it or
        // right before it, none read while the parser recovered.
        if (fresh && last_fresh < n && !errors && !fresh[j] && (j == 0 || !fresh[j - 1]) &&
            (j + 1 == n || !fresh[j + 1])) {
            size_t twin = j > last_fresh ? j + old_n - n : j;
            const struct rv_model_chunk *oc = &st->chunks.list.items[twin];
            assert(oc->kind == u->kind && map_byte(oc->start_byte, edits, count) == u->start_byte);
            assert(oc->symbol == ts_node_symbol(u->node) &&
                   oc->child_count == ts_node_child_count(u->node));
            assert(!recovered || trusted(oc));
            if (!oc->read_recovering) {
                old_of[j] = (long)twin;
                copy_from[j] = lends[oc->tree] || partial ? (long)twin : -1;
            }
            k = twin + 1;
            continue;
        }
        bool after_error = prev_error;
        bool in_error = errors && rv_model_unit_has_error(u);
        prev_error = in_error;
        uint32_t lo = region_start(ends, j);
        uint32_t hi = ends->v.items[j];
        uint32_t region_hi = region_end(ends, j); // the last region runs to the end of the file
        bool touched = false;
        for (size_t e = 0; e < count && !touched; e++) {
            touched = edit_lo[e] <= region_hi && edit_hi[e] >= lo;
        }
        while (k < old_n &&
               map_byte(st->chunks.list.items[k].start_byte, edits, count) < u->start_byte) {
            k++;
        }
        if (touched || k >= old_n) {
            continue;
        }
        const struct rv_model_chunk *oc = &st->chunks.list.items[k];
        // Nor does the same text always read the same after a syntax error: recovering from
        // it, the parser may settle an ambiguity far after it otherwise than a fresh parse does
        // (the oracle found the last line of enum.py, `_stdlib_enums = IntEnum, StrEnum,
        // IntFlag`, read with a pattern_list while an indentation error stood 28 KB above). So
        // a tree without errors takes no unit read while the parser was recovering.
        if ((!errors && oc->read_recovering) ||
            (recovered && (oc->has_error || oc->after_error || in_error || after_error ||
                           oc->symbol != ts_node_symbol(u->node) ||
                           oc->child_count != ts_node_child_count(u->node)))) {
            continue;
        }
        // The last region runs to the end of the file: it holds the same text only if the old
        // unit's did too (the oracle found a tail left out of every statement after a quote
        // opened a string above it, whose findings outlived it).
        bool last = j + 1 == units->list.len;
        if (map_byte(oc->start_byte, edits, count) == u->start_byte &&
            map_byte(oc->end_byte, edits, count) == hi &&
            map_byte(old_region_start(st, k), edits, count) == lo && oc->kind == u->kind &&
            oc->class_depth == u->class_depth && last == (k + 1 == old_n)) {
            old_of[j] = (long)k;
            // A partial tree holds none of the other units: every kept tree lends (each holds
            // a few statements; the next whole analysis walks again those beyond the bound).
            if (lends[oc->tree] || partial) {
                copy_from[j] = (long)k;
            }
        }
    }
    // A class head's records hold the class node and its body, whose subtrees span the class's
    // other units: with any of those walked again, the old class node would show their old
    // text and extent, so the head is walked again too.
    // So is a head whose class may have lost or gained statements at its end: a dedent typed
    // before a statement of its body ends the class there, with the statements before it
    // unchanged, when the unit after the class's last is new.
    for (size_t j = 0; j < units->list.len; j++) {
        if (units->list.items[j].kind != RV_UNIT_CLASS_HEAD || copy_from[j] < 0) {
            continue;
        }
        size_t q = j + 1;
        while (q < units->list.len && units->list.items[q].kind == RV_UNIT_CLASS_BODY &&
               copy_from[q] >= 0) {
            q++;
        }
        bool body_walked = q < units->list.len && units->list.items[q].kind == RV_UNIT_CLASS_BODY;
        // The class ends where its last unit does, as before, when that unit holds its old
        // text and the old class ended with it too (the unit after it was no statement of it).
        long last = old_of[q - 1];
        bool same_end = last >= 0 && ((size_t)last + 1 == old_n ||
                                      st->chunks.list.items[last + 1].kind != RV_UNIT_CLASS_BODY);
        if (body_walked || (q < units->list.len && old_of[q] < 0 && !same_end)) {
            copy_from[j] = -1;
        }
    }
    free(held);
    free(lends);
}

// The old units edit `e` touched, [*ka, *kb] (a unit's region runs from the end of the one
// before). `st` has units.
static void touched_of(const struct rv_analysis_state *st, const TSInputEdit *e, size_t *ka,
                       size_t *kb) {
    size_t old_n = st->chunks.list.len;
    const struct rv_model_chunk *old = st->chunks.list.items;
    size_t a = 0;
    size_t top = old_n - 1;
    while (a < top) {
        size_t mid = a + (top - a) / 2;
        if (old[mid].end_byte >= e->start_byte) {
            top = mid;
        } else {
            a = mid + 1;
        }
    }
    size_t b = a;
    while (b + 1 < old_n && old[b].end_byte <= e->old_end_byte) {
        b++;
    }
    *ka = a;
    *kb = b;
}

// The old units of the top-level statements that hold units [*wa, *wb]: a class's head and its
// body statements are one statement.
static void whole_statements(const struct rv_analysis_state *st, size_t *wa, size_t *wb) {
    const struct rv_model_chunk *old = st->chunks.list.items;
    while (*wa > 0 && old[*wa].kind == RV_UNIT_CLASS_BODY) {
        (*wa)--;
    }
    while (*wb + 1 < st->chunks.list.len && old[*wb + 1].kind == RV_UNIT_CLASS_BODY) {
        (*wb)++;
    }
}

// The old units a window around edit `e` holds, [*wa, *wb]: those the edit touched and one
// more on each side; for a partial tree, the top-level statements the edit touched, which it
// holds (their ends are checked before it is parsed: rv_doc_analyze_partial).
static void window_of(const struct rv_analysis_state *st, const TSInputEdit *e, bool partial,
                      size_t *wa, size_t *wb) {
    size_t old_n = st->chunks.list.len;
    size_t ka;
    size_t kb;
    touched_of(st, e, &ka, &kb);
    if (partial) {
        // An edit in the blank lines or comments before a statement: from the one before.
        *wa = ka > 0 && st->chunks.list.items[ka].start_byte > e->start_byte ? ka - 1 : ka;
        *wb = kb;
        whole_statements(st, wa, wb);
        // After a syntax error, the statements next to these that a tree without errors does
        // not take (read while the parser recovered, or next to an error) are walked again:
        // they are parsed with them. Not one that holds the error: the edit did not touch it,
        // so the error stands (rv_analysis_partial_span refuses, before parsing).
        const struct rv_model_chunk *old = st->chunks.list.items;
        while (st->had_error && *wb + 1 < old_n && !trusted(&old[*wb + 1]) &&
               !old[*wb + 1].has_error) {
            (*wb)++;
            whole_statements(st, wa, wb);
        }
        while (st->had_error && *wa > 0 && !trusted(&old[*wa - 1]) && !old[*wa - 1].has_error) {
            (*wa)--;
            whole_statements(st, wa, wb);
        }
        return;
    }
    *wa = ka > 0 ? ka - 1 : 0;
    *wb = kb + 1 < old_n ? kb + 1 : old_n - 1;
}

// The units of the new tree after one edit of a file that has no syntax error, before or
// after, without visiting most of them: the old units whose region the edit touches, and one
// more on each side, are taken anew from the tree (rv_model_units_window); the others keep
// their kind and depth and their bytes, moved by the edit. In a tree without errors the same
// text parses the same from a statement's boundary on, so the units beyond the window are the
// old ones when the window's ends line up with old units' ends. Their node is the old one
// (read for its kind only) until resolve_walked finds the new one of a unit that is walked
// again; `*fresh` (allocated here) says which units have their node from the new tree. False
// when the window does not line up: the caller enumerates every unit. A partial tree's window
// is the statements it holds, after an edit of a text with an error too (window_of).
static bool window_units(const struct rv_analysis_state *st, TSNode root, const TSInputEdit *e,
                         bool partial, const TSTree *body_whole, struct rv_model_units *units,
                         bool **fresh) {
    size_t old_n = st->chunks.list.len;
    const struct rv_model_chunk *old = st->chunks.list.items;
    size_t wa;
    size_t wb;
    if (body_whole != NULL) {
        touched_of(st, e, &wa, &wb); // one statement of a class body (partial_body_span)
    } else {
        window_of(st, e, partial, &wa, &wb);
    }
    uint32_t lo = wa == 0 ? 0 : old[wa].start_byte; // before the edit: not moved
    uint32_t hi = wb + 1 == old_n ? UINT32_MAX : map_byte(old[wb].end_byte, e, 1);
    struct rv_model_units w = {0};
    struct rv_model_unit head;
    if (partial) {
        // Every unit of the statements (rv_doc_span_parses_alone says they parse as in the
        // whole text, and the text after them as before): they may be others than the old
        // ones there (a unit's kind changed, a class split, the units of a tree with an error).
        hi = wb + 1 == old_n ? UINT32_MAX : map_byte(old[wb + 1].start_byte, e, 1);
    }
    bool ok = rv_model_units_window(root, lo, hi, &w, &head) && w.list.len > 0;
    if (ok && body_whole != NULL) {
        // The partial tree's head is the stand-in's: the class's own is the whole tree's,
        // unchanged before the edit (its class node, edited, spans the body as it is now).
        struct rv_model_units stale = {0};
        rv_model_units_window(ts_tree_root_node(body_whole), lo, hi, &stale, &head);
        rv_vec_finish(&stale.list);
        for (size_t i = 0; ok && i < w.list.len; i++) {
            ok = w.list.items[i].kind == RV_UNIT_CLASS_BODY && w.list.items[i].class_depth == 1;
        }
    }
    // The window's ends must be old units' ends, of the same kind and depth.
    const struct rv_model_unit *first = ok ? &w.list.items[0] : NULL;
    const struct rv_model_unit *last = ok ? &w.list.items[w.list.len - 1] : NULL;
    if (partial) {
        ok = ok && first->start_byte == lo && last->end_byte <= hi;
    }
    ok = ok && (partial || wa == 0 ||
                (first->start_byte == lo && first->kind == old[wa].kind &&
                 first->class_depth == old[wa].class_depth));
    ok = ok && (partial || wb + 1 == old_n ||
                (last->end_byte == hi && last->start_byte == map_byte(old[wb].start_byte, e, 1) &&
                 last->kind == old[wb].kind && last->class_depth == old[wb].class_depth));
    // A window that starts inside a class's body holds its head too (a head is walked again
    // whenever a statement of its body is).
    size_t kh = SIZE_MAX;
    if (ok && wa > 0 && old[wa].kind == RV_UNIT_CLASS_BODY) {
        kh = wa;
        while (kh > 0 && old[kh].kind == RV_UNIT_CLASS_BODY) {
            kh--;
        }
        ok = old[kh].kind == RV_UNIT_CLASS_HEAD && head.kind == RV_UNIT_CLASS_HEAD &&
             head.start_byte == old[kh].start_byte && head.end_byte == old[kh].end_byte &&
             head.class_depth == old[kh].class_depth;
    } else {
        ok = ok && head.kind == RV_UNIT_STATEMENT;
    }
    units->list.len = 0;
    if (!ok) {
        rv_vec_finish(&w.list);
        return false;
    }
    *fresh = rv_xcalloc(old_n - (wb - wa + 1) + w.list.len, sizeof(bool));
    for (size_t k = 0; k < old_n; k++) {
        if (k == wa) {
            for (size_t i = 0; i < w.list.len; i++) {
                (*fresh)[units->list.len] = true;
                rv_vec_push(&units->list, w.list.items[i]);
            }
            k = wb;
            continue;
        }
        (*fresh)[units->list.len] = k == kh;
        struct rv_model_unit u = {.node = old[k].node,
                                  .kind = old[k].kind,
                                  .class_depth = old[k].class_depth,
                                  .start_byte = map_byte(old[k].start_byte, e, 1),
                                  .end_byte = map_byte(old[k].end_byte, e, 1)};
        rv_vec_push(&units->list, k == kh ? head : u);
    }
    rv_vec_finish(&w.list);
    return true;
}

// Gives each unit that is walked again its node in the new tree; false if one is not found
// there (the caller enumerates every unit). A partial tree holds only its window's units (and
// before them the lead-in of rv_parse_statements, which must never be taken for one).
static bool resolve_walked(TSNode root, bool partial, struct rv_model_units *units,
                           const bool *fresh, const long *copy_from) {
    for (size_t j = 0; j < units->list.len; j++) {
        if (copy_from[j] < 0 && !fresh[j] &&
            (partial || !rv_model_unit_find(root, &units->list.items[j]))) {
            return false;
        }
    }
    return true;
}

// Whether walked chunk `c` was read from the whole tree of a class body's partial input (its
// class head) rather than from the input's tree.
static bool walked_in_whole(const struct rv_model_chunk *c, const TSTree *body_whole) {
    return body_whole != NULL && c->kind == RV_UNIT_CLASS_HEAD;
}

// Keeps a copy of `tree` for the chunks walked in it (with `from_whole`, the head a class body's
// partial input read from the whole tree, else the others) and points their nodes at it;
// returns its index in st->trees.
static uint32_t keep_copy(struct rv_analysis_state *st, struct rv_model_chunks *chunks,
                          const TSTree *tree, const TSTree *body_whole, bool from_whole) {
    uint32_t index = (uint32_t)st->trees.len;
    TSTree *copy = ts_tree_copy(tree);
    rv_vec_push(&st->trees, copy);
    for (size_t j = 0; j < chunks->list.len; j++) {
        struct rv_model_chunk *c = &chunks->list.items[j];
        if (c->reused < 0 && walked_in_whole(c, body_whole) == from_whole) {
            rv_model_chunk_set_tree(&st->model, c, copy);
        }
    }
    return index;
}

// Keeps the trees the chunks' nodes belong to: the new tree (a copy) when some chunk was
// walked in it, the whole tree (a copy) a class body's partial input read its head from, and
// every older one some copied chunk still refers to; frees the rest.
static void retain_trees(struct rv_analysis_state *st, struct rv_model_chunks *chunks,
                         const TSTree *tree, const TSTree *body_whole) {
    size_t n = chunks->list.len;
    bool walked = false;
    bool walked_whole = false;
    for (size_t j = 0; j < n; j++) {
        const struct rv_model_chunk *c = &chunks->list.items[j];
        bool whole = walked_in_whole(c, body_whole);
        walked = walked || (c->reused < 0 && !whole);
        walked_whole = walked_whole || (c->reused < 0 && whole);
    }
    // The document deletes its tree at the next parse: keep a copy, and point the walked
    // chunks' nodes at it.
    uint32_t fresh = walked ? keep_copy(st, chunks, tree, body_whole, false) : 0;
    uint32_t fresh_whole = walked_whole ? keep_copy(st, chunks, body_whole, body_whole, true) : 0;
    uint32_t *slot = rv_xcalloc(st->trees.len, sizeof(uint32_t));
    for (size_t j = 0; j < n; j++) {
        struct rv_model_chunk *c = &chunks->list.items[j];
        if (c->reused < 0) {
            c->tree = walked_in_whole(c, body_whole) ? fresh_whole : fresh;
        }
        slot[c->tree] = 1;
    }
    size_t kept = 0;
    for (size_t t = 0; t < st->trees.len; t++) {
        if (slot[t]) {
            slot[t] = (uint32_t)kept;
            st->trees.items[kept++] = st->trees.items[t];
        } else {
            rv_vec_push(&st->dead_trees, st->trees.items[t]);
        }
    }
    st->trees.len = kept;
    for (size_t j = 0; j < n; j++) {
        chunks->list.items[j].tree = slot[chunks->list.items[j].tree];
    }
    free(slot);
}

bool rv_analysis_partial_span(const struct rv_analysis_state *st, const TSInputEdit *e,
                              uint32_t *lo, uint32_t *hi) {
    // What partial_allowed will refuse whatever the statements hold, known before they are
    // parsed: a tab or a suppression comment in the file; after a syntax error, a unit outside
    // the statements that a tree without errors would walk again. And after a partial tree
    // that held an error while the text did, none till the text has none (partial_erred).
    if (st == NULL || !st->valid || st->had_tab || st->sups.list.len > 0 ||
        st->chunks.list.len == 0 || (st->had_error && st->partial_erred)) {
        return false;
    }
    const struct rv_model_chunk *old = st->chunks.list.items;
    size_t wa;
    size_t wb;
    window_of(st, e, true, &wa, &wb);
    if (wa <= st->first_code) {
        return false; // the module's first statement: the window must come after it
    }
    for (size_t j = 0; st->had_error && j < st->chunks.list.len; j++) {
        if ((j < wa || j > wb) && !trusted(&old[j])) {
            return false;
        }
    }
    *lo = old[wa].start_byte;
    *hi = wb + 1 < st->chunks.list.len ? map_byte(old[wb + 1].start_byte, e, 1) : UINT32_MAX;
    return *lo <= e->start_byte;
}

bool rv_analysis_partial_body_span(const struct rv_analysis_state *st, const TSInputEdit *e,
                                   uint32_t *lo, uint32_t *hi) {
    if (st == NULL || !st->valid || st->had_tab || st->sups.list.len > 0 ||
        st->chunks.list.len == 0 || st->had_error) {
        return false;
    }
    const struct rv_model_chunk *old = st->chunks.list.items;
    size_t n = st->chunks.list.len;
    size_t ka;
    size_t kb;
    touched_of(st, e, &ka, &kb);
    // One body statement (a class's head holds its first) of a class that is not decorated (the
    // stand-in head is not), the edit inside its bytes.
    if (ka != kb || old[ka].kind != RV_UNIT_CLASS_BODY || old[ka].class_depth != 1 ||
        ka <= st->first_code || e->start_byte <= old[ka].start_byte ||
        e->old_end_byte > old[ka].end_byte) {
        return false;
    }
    *lo = old[ka].start_byte;
    *hi = ka + 1 < n ? map_byte(old[ka + 1].start_byte, e, 1) : UINT32_MAX;
    return true;
}

// Whether a comment in bytes [lo, hi) of `text` may be a suppression (rv_suppress__parse): one
// that names noqa, nosec or reviewls anywhere after its '#'.
static bool mentions_suppression(const struct rv_text *text, uint32_t lo, uint32_t hi) {
    const char *b = text->bytes;
    hi = hi > text->len ? (uint32_t)text->len : hi;
    for (const char *p = memchr(b + lo, '#', hi - lo); p != NULL;
         p = memchr(p + 1, '#', (size_t)(b + hi - p - 1))) {
        const char *eol = memchr(p, '\n', (size_t)(b + text->len - p));
        size_t n = eol ? (size_t)(eol - p) : (size_t)(b + text->len - p);
        for (size_t i = 1; i + 4 <= n; i++) {
            // Compared only where a word may start: a comment's every byte was two calls.
            char c = (char)(p[i] | 0x20);
            if ((c == 'n' && (strncasecmp(p + i, "noqa", 4) == 0 ||
                              (i + 5 <= n && memcmp(p + i, "nosec", 5) == 0))) ||
                (c == 'r' && i + 8 <= n && memcmp(p + i, "reviewls", 8) == 0)) {
                return true;
            }
        }
        if (p + 1 >= b + hi) {
            break;
        }
    }
    return false;
}

// Whether a line the edits wrote may hold a suppression comment: each edit's new bytes, moved by
// the edits after it, and the rest of their lines (a deletion's, the line it joined). Every
// other line of `text` is a line of the text before the edits, byte for byte.
static bool edited_lines_mention(const struct rv_text *text, const TSInputEdit *edits,
                                 size_t count) {
    const char *b = text->bytes;
    for (size_t e = 0; e < count; e++) {
        uint32_t lo = map_byte(edits[e].start_byte, edits + e + 1, count - e - 1);
        uint32_t hi = map_byte(edits[e].new_end_byte, edits + e + 1, count - e - 1);
        lo = lo > text->len ? (uint32_t)text->len : lo;
        hi = hi > text->len ? (uint32_t)text->len : hi;
        while (lo > 0 && b[lo - 1] != '\n') {
            lo--;
        }
        const char *eol = memchr(b + hi, '\n', text->len - hi);
        hi = eol ? (uint32_t)(eol - b) : (uint32_t)text->len;
        if (mentions_suppression(text, lo, hi)) {
            return true;
        }
    }
    return false;
}

// What `mentions` becomes for `text`, `edits` after the text it described (NULL: unknown).
static uint8_t mentions_after(uint8_t mentions, const struct rv_text *text,
                              const TSInputEdit *edits, size_t count) {
    if (edits == NULL || mentions == MENTION_UNKNOWN) {
        return mentions_suppression(text, 0, (uint32_t)text->len) ? MENTION_SOME : MENTION_NONE;
    }
    // A mention that an edit may have removed is still counted: the partial analysis then reads
    // its statements' every comment, as it would anyway.
    return mentions == MENTION_NONE && !edited_lines_mention(text, edits, count) ? MENTION_NONE
                                                                                 : MENTION_SOME;
}

// Whether a partial input (the edited statements' own tree) may stand for the whole text's:
// one edit, no syntax error after it (one before it must lie in units the partial tree holds:
// the window's match takes no other unit a tree without errors would not), no tab in the file or
// the edit (the indentation family finds a tab run's statement from the root), no suppression
// comment (matching one reads the tree around each finding's line). The window is checked once
// listed.
static bool partial_allowed(const struct rv_analysis_state *st, const struct rv_analysis_input *in,
                            const TSInputEdit *edits, size_t edit_count) {
    if (!st->valid || in->whole == NULL || edits == NULL || edit_count != 1 || st->had_tab ||
        st->sups.list.len > 0 || st->chunks.list.len == 0 ||
        ts_node_has_error(ts_tree_root_node(in->tree))) {
        return false;
    }
    const TSInputEdit *e = &edits[0];
    if (e->start_byte < in->part_start || e->new_end_byte > in->part_end) {
        return false;
    }
    // The statements' comments, or, when no line of the text before held a mention, only the
    // lines the edit wrote (a 100 KB class's comments took a tenth of its partial analysis).
    if (st->mentions == MENTION_NONE
            ? edited_lines_mention(in->text, edits, edit_count)
            : mentions_suppression(in->text, in->part_start, in->part_end)) {
        return false;
    }
    // An __init__.py's docstring judgement reads every top-level statement.
    const char *base = in->path ? strrchr(in->path, '/') : NULL;
    base = base ? base + 1 : in->path;
    if (base != NULL && strcmp(base, "__init__.py") == 0) {
        return false;
    }
    return memchr(in->text->bytes + e->start_byte, '\t', e->new_end_byte - e->start_byte) == NULL;
}

bool rv_analyze_incremental(struct rv_analysis_state *st, const struct rv_analysis_input *in,
                            const TSInputEdit *edits, size_t edit_count, struct rv_findings *out) {
    TSNode root = ts_tree_root_node(in->tree);
    bool partial = in->part_end > 0;
    if (partial && !partial_allowed(st, in, edits, edit_count)) {
        st->partial_erred = st->partial_erred || (st->had_error && ts_node_has_error(root));
        return false;
    }
    rv_analysis_state_tidy(st); // the caller may not have: at most one analysis's leftovers
    bool is_test = rv_path_is_test(in->path);
    uint64_t cfg_hash = config_hash(in->config);
    bool has_error = ts_node_has_error(root);
    bool same_path = (st->path == NULL && in->path == NULL) ||
                     (st->path && in->path && strcmp(st->path, in->path) == 0);
    bool edits_known = edits != NULL && edit_count > 0 && edit_count <= MAX_EDITS;

    // The new units, and which of them hold an old unit's text. After one edit of a file
    // without syntax errors, only the units around the edit are read from the tree.
    bool reuse_model = st->valid && edits_known && same_path;
    struct rv_model_units units = st->scratch_units;
    units.list.len = 0;
    // About as many units as last time: growing by doubling would copy them several times.
    rv_vec_reserve(&units.list, st->chunks.list.len + 16);
    bool *fresh = NULL;
    bool listed = false; /* the window's units found in the tree (pass 0) */
    const TSTree *body_whole = partial && in->part_body ? in->whole : NULL;
    bool windowed = reuse_model && edit_count == 1 && !has_error && (!st->had_error || partial) &&
                    st->chunks.list.len > 0 &&
                    window_units(st, root, edits, partial, body_whole, &units, &fresh);
    struct u32_vec ends = st->scratch_ends;
    long *old_of = NULL;
    long *copy_from = NULL;
    size_t n = 0;
    for (int pass = windowed ? 0 : 1; pass < 2; pass++) {
        if (pass == 1) {
            rv_model_units(root, &units);
        }
        n = units.list.len;
        ends.v.len = 0;
        rv_vec_reserve(&ends.v, n);
        for (size_t j = 0; j < n; j++) {
            rv_vec_push(&ends.v, units.list.items[j].end_byte);
        }
        st->scratch_match.len = 0;
        rv_vec_reserve(&st->scratch_match, 2 * (n ? n : 1));
        old_of = st->scratch_match.items;
        copy_from = old_of + (n ? n : 1);
        for (size_t j = 0; j < n; j++) {
            old_of[j] = copy_from[j] = -1;
        }
        if (reuse_model) {
            match_chunks(st, in->tree, partial, &units, &ends, edits, edit_count,
                         pass == 0 ? fresh : NULL, old_of, copy_from);
        }
        if (pass == 0 && resolve_walked(root, partial, &units, fresh, copy_from)) {
            st->stats.windowed++;
            listed = true;
            break;
        }
        if (partial) {
            break; // pass 0 failed: the statements' tree cannot list every unit
        }
    }
    // A partial tree is taken only when its window is listed from it, after the module's first
    // statement (whose docstring the model keeps from the last analysis).
    size_t window_first = 0;
    while (fresh != NULL && window_first < n &&
           (!fresh[window_first] ||
            (body_whole != NULL && units.list.items[window_first].kind == RV_UNIT_CLASS_HEAD))) {
        window_first++; // (a class body's head is read from the whole tree)
    }
    // And only for an incremental analysis: a whole one would read the partial tree as the
    // module (the same configuration, and a unit that is new).
    bool any_new = false;
    for (size_t j = 0; j < n && !any_new; j++) {
        any_new = old_of[j] < 0;
    }
    if (partial && (!listed || fresh == NULL || n == 0 || units.list.len != n ||
                    window_first <= st->first_code ||
                    units.list.items[window_first].start_byte < in->part_start || !any_new ||
                    cfg_hash != st->config_hash)) {
        free(fresh);
        st->scratch_units = units;
        st->scratch_ends = ends;
        return false;
    }
    free(fresh);
    size_t first_code = 0;
    while (first_code < n && (ts_node_is_extra(units.list.items[first_code].node) ||
                              !ts_node_is_named(units.list.items[first_code].node))) {
        first_code++;
    }
    const char *base = in->path ? strrchr(in->path, '/') : NULL;
    base = base ? base + 1 : in->path;
    bool init_file = base && strcmp(base, "__init__.py") == 0;

    struct rv_model model;
    // The move of the copied nodes after the edit may still run on the helper once the model
    // is built (model.c, finish_copy): waited for before their text is read, at the latest
    // before the families run.
    struct rv_model_move later = {0};
    struct rv_model_chunks chunks = st->spare_chunks;
    st->spare_chunks = (struct rv_model_chunks){0};
    chunks.list.len = 0;
    rv_vec_reserve(&chunks.list, n);
    struct rv_model_reuse reuse = {
        .old = &st->model,
        .old_chunks = &st->chunks,
        .edits = edits,
        .edit_count = edit_count,
        .copy_from = copy_from,
        .repeats = old_of,
        .count = n,
        .helper = in->helper,
        .later = &later,
    };
    // Whether the module had a docstring (the node itself is not read: its tree may be gone).
    bool had_docstring = !ts_node_is_null(st->model.module_docstring);
    bool in_place = rv_model_build_chunked(&model, &chunks, in->text, root, is_test, &units,
                                           reuse_model ? &reuse : NULL);
    if (partial) {
        // The module's first statement lies before the window, not in the partial tree: its
        // unit was copied, its node from the tree that lends it (the last model's own may be
        // the document's tree, gone since); unchanged, it is the docstring when it was.
        model.first_statement = chunks.list.items[first_code].node;
        model.module_docstring = had_docstring ? model.first_statement : (TSNode){0};
    }
    // The module node outlives the document's tree (replaced at its next parse): it is a
    // kept copy's root, the whole tree's for a partial analysis (the partial tree's root spans
    // the partial bytes only).
    if (st->module_tree) {
        rv_vec_push(&st->dead_trees, st->module_tree);
    }
    st->module_tree = ts_tree_copy(partial ? in->whole : in->tree);
    model.nodes.items[0].node = ts_tree_root_node(st->module_tree);
    st->scratch_units = units;
    if (has_error) {
        // The units walked here from the one before the first that holds an error on were
        // read while the parser recovered (those before it, before it met the error; an error
        // outside every unit leaves none of them trusted).
        size_t first_error = 0;
        while (first_error < n && !chunks.list.items[first_error].has_error) {
            first_error++;
        }
        first_error = first_error == n ? 0 : first_error;
        for (size_t j = first_error > 0 ? first_error - 1 : 0; j < n; j++) {
            struct rv_model_chunk *c = &chunks.list.items[j];
            c->read_recovering = c->read_recovering || c->reused < 0;
        }
    }

    bool incremental = reuse_model && cfg_hash == st->config_hash && n > 0;
    struct u64_vec defs = st->spare_defs;
    st->spare_defs = (struct u64_vec){0};
    collect_def_names(&defs, st, &model, &chunks, reuse_model ? copy_from : NULL, in->text, &later);
    uint32_t changed = 0; /* the parts (RV_DEP_*) of the edited statements that changed */
    uint32_t differ = 0;  /* the parts that changed, P_ATTRIBUTES included (bit per part) */
    size_t a = SIZE_MAX;  /* the run of chunks to examine again: [a, b] */
    size_t b = 0;
    for (size_t j = 0; incremental && j < n; j++) {
        if (old_of[j] < 0) {
            a = a == SIZE_MAX ? j : a;
            b = j;
        }
    }
    incremental = incremental && a != SIZE_MAX;
    if (!incremental) {
        rv_model_move_wait(&later); // every statement is read again
    }
    // Fingerprints: kept for copied units outside the run, taken for the others. A unit
    // outside the run that had to be walked again holds the same text; whatever its parts say
    // differently now (a class head's method count, say) widens the families that read them.
    // The old chunks the run replaces lie between the old twins of its neighbours; nothing
    // another statement sees of them may have changed. Their parts combined, before the
    // fingerprints are spliced over them.
    size_t old_n = st->chunks.list.len;
    size_t oa = 0;
    size_t ob = old_n;
    uint64_t old_run[PRINT_PARTS] = {0};
    bool old_xy = false; /* the old run bound x or y across statements (struct print's xy) */
    if (incremental) {
        oa = a > 0 ? (size_t)old_of[a - 1] + 1 : 0;
        ob = b + 1 < n ? (size_t)old_of[b + 1] : old_n;
        for (size_t j = oa; j < ob; j++) {
            old_xy = old_xy || st->fingerprints.items[j].xy;
        }
        for (int k = 0; k < PRINT_PARTS; k++) {
            for (size_t j = oa; j < ob; j++) {
                uint64_t part = st->fingerprints.items[j].part[k];
                old_run[k] = part == 0 && part_may_be_empty[k] ? old_run[k] : mix(old_run[k], part);
            }
        }
    }
    // When every unit before the run is the old one at the same index and every unit after
    // it the old one as many from the end (the old twins are in order, so the first and last
    // say it), the new fingerprints are the old vector with the run's spliced in: nothing of
    // the others is copied. Otherwise they are gathered into the spare vector.
    bool splice = incremental && st->fingerprints.len == old_n &&
                  (a == 0 || old_of[a - 1] == (long)a - 1) && n - b - 1 == old_n - ob &&
                  (b + 1 == n || old_of[n - 1] == (long)old_n - 1);
    RV_VEC(struct print) prints = {0};
    if (splice) {
        prints.items = st->fingerprints.items;
        prints.cap = st->fingerprints.cap;
        st->fingerprints.items = NULL;
        st->fingerprints.cap = st->fingerprints.len = 0;
        rv_vec_reserve(&prints, n);
        memmove(prints.items + b + 1, prints.items + ob, (old_n - ob) * sizeof(struct print));
        prints.len = n;
    } else {
        prints.items = st->spare_prints.items;
        prints.cap = st->spare_prints.cap;
        st->spare_prints.items = NULL;
        st->spare_prints.cap = st->spare_prints.len = 0;
        rv_vec_reserve(&prints, n);
    }
    // A unit's old twin's print: where the splice left it, or in the old vector.
    const struct print *twins = splice ? prints.items : st->fingerprints.items;
    // The units outside the run whose parts differ now: walked again, or their flags taken
    // again (below). The narrowing families examine them again (find_dependents).
    struct u32_vec touched = {0};
    int read_unit = 0; /* the unit the blocks of the statements read again share */
    for (size_t j = 0; j < n; j++) {
        bool outside = incremental && (j < a || j > b);
        size_t twin = splice ? j : (size_t)old_of[j];
        assert(!splice || !outside || old_of[j] == (long)(j < a ? j : j - b - 1 + ob));
        if (outside && copy_from[j] >= 0) {
            if (!splice) {
                rv_vec_push(&prints, twins[twin]);
            }
            continue;
        }
        int unit;
        struct print p =
            fingerprint(&model, &chunks.list.items[j], in->text, region_start(&ends, j),
                        region_end(&ends, j), init_file, &unit);
        read_unit = rv__units_combine(read_unit, unit);
        bool moved = false; /* an outside unit walked again whose parts differ */
        for (int k = 0; outside && k < PRINT_PARTS; k++) {
            differ |= p.part[k] == twins[twin].part[k] ? 0 : 1u << k;
            moved = moved || p.part[k] != twins[twin].part[k] || p.xy != twins[twin].xy;
        }
        if (moved) {
            rv_vec_push(&touched.v, (uint32_t)j);
        }
        if (splice) {
            prints.items[j] = p;
        } else {
            rv_vec_push(&prints, p);
        }
    }
    bool has_tab = false;
    for (size_t j = 0; j < prints.len && !has_tab; j++) {
        has_tab = prints.items[j].tab;
    }
    if (incremental) {
        for (int k = 0; k < PRINT_PARTS; k++) {
            uint64_t new_fp = 0;
            for (size_t j = a; j <= b; j++) {
                uint64_t part = prints.items[j].part[k];
                new_fp = part == 0 && part_may_be_empty[k] ? new_fp : mix(new_fp, part);
            }
            differ |= old_run[k] == new_fp ? 0 : 1u << k;
        }
        changed |= differ & ((1u << RV_DEP_STATEMENT_PARTS) - 1);
        if (def_names_collide(st, oa, ob, &defs, &chunks, a, b)) {
            changed |= RV_DEP_SHARED;
        }
        // Blocks that change in a file of one unit, and keep it, change no judgement of the
        // indentation family's (it has nothing to report).
        if ((changed & RV_DEP_BLOCKS) && rv__blocks_change_absorbed(st->memos, read_unit)) {
            changed &= ~(uint32_t)RV_DEP_BLOCKS;
        }
        changed |= lines_fact(in->text) == st->lines ? 0 : RV_DEP_LINES;
        // The module docstring, or RV251 in its absence, is the first statement that is not a
        // comment: a run that holds it, before the edit or after, may have moved it.
        if ((first_code >= a && first_code <= b) || (st->first_code >= oa && st->first_code < ob)) {
            changed |= RV_DEP_FIRST;
        }
        // Without a tab in the file, before or after, RV351 has nothing to count, and RV352
        // reads only the blocks part.
        if (has_tab || st->had_tab) {
            changed |= changed & (RV_DEP_SHAPE | RV_DEP_INDENT) ? RV_DEP_TABS : 0;
        }
        // A copied unit's flags are taken again from the units before it (first_in_scope, a
        // test base class defined earlier, its class's method count): after a change in the
        // run, a kept unit's flags may differ although its text did not (renaming a test base
        // class makes the classes derived from it ordinary ones). That is a flags change for
        // the families that read flags, and the kept fingerprints must hold the new flags for
        // the next comparison. Their other parts follow from their unchanged text. An instance
        // attribute renamed in the run asks for this too (the names part holds its fact only):
        // another method's binding of its old name may now come first in the class. A change
        // of shape alone does not: what other statements' flags read of the run (its bindings,
        // its definitions' names, a class's methods and bases) is in its names, styles and
        // flags, and first_in_scope replayed differently sets first_changed. (It used to take
        // them again all the same: a pass over every statement, a quarter of the analysis of
        // such an edit in the 10k-line module.)
        bool reflag = (differ >> P_ATTRIBUTES & 1) || model.first_changed ||
                      (changed & (RV_DEP_NAMES | RV_DEP_FLAGS | RV_DEP_CLASSES | RV_DEP_SHARED));
        st->stats.reflagged += reflag;
        if (reflag) {
            rv_model_move_wait(&later); // the kept statements' names are read again
        }
        for (size_t j = 0; reflag && j < n; j++) {
            if (j < a || j > b) {
                uint64_t flags;
                uint64_t tests;
                names_and_flags(&model, &chunks.list.items[j], in->text, NULL, &flags, &tests);
                changed |= flags == prints.items[j].part[P_FLAGS] ? 0 : RV_DEP_FLAGS;
                changed |= tests == prints.items[j].part[P_TESTS] ? 0 : RV_DEP_TESTS;
                if (flags != prints.items[j].part[P_FLAGS] ||
                    tests != prints.items[j].part[P_TESTS]) {
                    rv_vec_push(&touched.v, (uint32_t)j);
                    prints.items[j].naming_valid = false; // which binding comes first changed
                }
                prints.items[j].part[P_FLAGS] = flags;
                prints.items[j].part[P_TESTS] = tests;
            }
        }
    }

    struct rv_rule_ctx ctx = rv__whole_ctx(in, &model);
    ctx.no_tab = n > 0 && !has_tab; // the units' regions tile the text
    // What the narrowing families examine again besides the run (engine.c): variable and
    // function naming the statements find_dependents tells, naming those naming_dependents does.
    struct rv_dependents deps[RV_FAMILY_COUNT];
    memset(deps, 0, sizeof(deps));
    if (incremental) {
        // Keep the old findings outside the run, shifted; find the run's anew.
        uint32_t old_lo = old_region_start(st, oa);
        uint32_t old_hi = ob == old_n ? UINT32_MAX : old_region_start(st, ob);
        if (kept_relation_replaced(&st->raw, old_lo, old_hi, edits, edit_count)) {
            changed |= RV_DEP_EVIDENCE;
        }
        bool new_xy = false;
        for (size_t j = a; j <= b; j++) {
            new_xy = new_xy || prints.items[j].xy;
        }
        for (size_t t = 0; t < touched.v.len; t++) { // a binding's scope may have changed
            new_xy = new_xy || prints.items[touched.v.items[t]].xy;
        }
        struct u32_vec dependents = {0};
        bool known = find_dependents(st, &defs, &chunks, a, b, oa, ob, changed, old_xy || new_xy,
                                     &touched, &dependents);
        rv_check_fn *by_names[] = {rv_check_variable_naming, rv_check_function_naming};
        for (size_t i = 0; i < RV_ARRAY_LEN(by_names); i++) {
            struct rv_dependents *d = &deps[rv__family_index(by_names[i])];
            d->known = known;
            for (size_t k = 0; k < dependents.v.len; k++) {
                rv_vec_push(&d->units, dependents.v.items[k]);
            }
        }
        size_t naming = rv__family_index(rv_check_naming);
        uint32_t read = changed & rv__family_deps(naming);
        if (read && !(read & ~(RV_DEP_STYLES | RV_DEP_CLASSES | RV_DEP_SHARED))) {
            dependents.v.len = 0;
            rv_model_move_wait(&later); // it reads the names of the statements around
            struct rv_dependents *d = &deps[naming];
            // The old run's bindings: the old units [oa, ob) held them.
            uint32_t old_bindings = ob > oa ? st->chunks.list.items[ob - 1].end[RV_MODEL_BINDINGS] -
                                                  st->chunks.list.items[oa].first[RV_MODEL_BINDINGS]
                                            : 0;
            assert(ob <= oa || st->chunks.list.items[oa].first[RV_MODEL_BINDINGS] ==
                                   chunks.list.items[a].first[RV_MODEL_BINDINGS]);
            d->known = naming_dependents(
                st, &ctx, &chunks, prints.items, &ends, a, b, old_bindings, old_lo, old_hi, edits,
                edit_count, (read & (RV_DEP_CLASSES | RV_DEP_SHARED)) != 0, &dependents);
            for (size_t k = 0; d->known && k < dependents.v.len; k++) {
                rv_vec_push(&d->units, dependents.v.items[k]);
            }
        }
        rv_vec_finish(&dependents.v);
        size_t kept = 0;
        for (size_t i = 0; i < st->raw.list.len; i++) {
            struct rv_finding *f = &st->raw.list.items[i];
            size_t family = 0;
            enum rv_reuse fate = rv__finding_reuse(f->code, changed, deps, &family);
            bool keep =
                (f->start_byte < old_lo || f->start_byte >= old_hi) && fate != RV_REUSE_NONE;
            if (keep) {
                shift_finding(f, edits, edit_count);
            }
            if (keep && fate == RV_REUSE_DEPENDENTS) {
                keep = !in_units(&ends, deps[family].units.items, deps[family].units.len,
                                 f->start_byte);
            }
            if (keep) {
                st->raw.list.items[kept++] = *f;
            } else {
                struct rv_findings one = {0};
                rv_vec_push(&one.list, *f);
                rv_findings_finish(&one);
            }
        }
        st->raw.list.len = kept;
        keep_suppressions(&st->sups, old_lo, old_hi, edits, edit_count, in->text, &model,
                          chunks.list.items[a].first[RV_MODEL_COMMENTS],
                          chunks.list.items[b].end[RV_MODEL_COMMENTS]);
        // The bytes the edits wrote, in this text (each edit's moved by the edits after it).
        ctx.changed_start = UINT32_MAX;
        ctx.changed_end = 0;
        for (size_t e = 0; e < edit_count; e++) {
            uint32_t lo = map_byte(edits[e].start_byte, edits + e + 1, edit_count - e - 1);
            uint32_t hi = map_byte(edits[e].new_end_byte, edits + e + 1, edit_count - e - 1);
            ctx.changed_start = RV_MIN(ctx.changed_start, lo);
            ctx.changed_end = RV_MAX(ctx.changed_end, hi);
        }
        rv_model_move_wait(&later); // the families read every statement's nodes
        set_window(&ctx, &chunks, &ends, a, b);
        for (size_t f = 0; f < RV_FAMILY_COUNT; f++) {
            dependent_ranges(&deps[f], &ctx, &chunks, &ends);
        }
#ifndef NDEBUG
        check_windows(&ctx);
        for (size_t f = 0; f < RV_FAMILY_COUNT; f++) {
            for (size_t k = 0; k < deps[f].ranges.len; k++) {
                check_windows(&deps[f].ranges.items[k]);
            }
        }
#endif
        st->stats.incremental++;
        st->stats.in_place += in_place;
        st->stats.run_units += b - a + 1;
        st->stats.statements_copied += model.copied_statements;
        st->stats.tests_retaken += model.tests_retaken > 0;
    } else {
        rv_findings_clear(&st->raw);
        rv_suppress__finish(&st->sups);
        rv_suppress__parse(&st->sups, in->text, &model);
        st->stats.full++;
        st->stats.full_syntax_error += has_error || st->had_error;
    }
    unsigned widened = rv__run_families(&ctx, changed, &st->raw, st->memos, in->helper, deps);
    for (size_t f = 0; f < RV_FAMILY_COUNT; f++) {
        rv_vec_finish(&deps[f].units);
        rv_vec_finish(&deps[f].ranges);
    }
    rv_vec_finish(&touched.v);
    st->stats.widened += incremental && widened > 0;
    st->stats.last_changed = incremental ? changed : 0;
    st->stats.widened_families += widened;
    st->stats.bracket_bytes += rv__brackets_scanned(st->memos);
#ifndef NDEBUG
    check_suppressions(&st->sups, in->text, &model);
#endif
    rv__finish_findings(in, &model, root, &st->raw, true, &st->sups, out);

    // Keep the model and the trees its nodes live in for the next analysis; what it replaces
    // is freed once the findings are out (rv_analysis_state_tidy).
    st->old_model = st->model;
    st->model = model;
    if (!reuse_model) {
        for (size_t t = 0; t < st->trees.len; t++) {
            rv_vec_push(&st->dead_trees, st->trees.items[t]);
        }
        st->trees.len = 0;
    }
    retain_trees(st, &chunks, in->tree, body_whole);
    st->spare_chunks = st->chunks;
    st->chunks = chunks;

    // Keep what the next analysis compares with.
    st->scratch_ends = ends;
    if (!splice) {
        st->spare_prints.items = st->fingerprints.items;
        st->spare_prints.cap = st->fingerprints.cap;
        st->spare_prints.len = 0;
    }
    st->spare_defs = st->def_names;
    st->def_names = defs;
    st->fingerprints.items = prints.items;
    st->fingerprints.len = prints.len;
    st->fingerprints.cap = prints.cap;
    st->config_hash = cfg_hash;
    if (!same_path) {
        free(st->path);
        st->path = in->path ? rv_xstrdup(in->path) : NULL;
    }
    st->lines = lines_fact(in->text);
    st->had_error = has_error;
    st->partial_erred = st->partial_erred && has_error;
    st->had_tab = has_tab;
    st->first_code = first_code;
    st->stats.partial_body += body_whole != NULL;
    st->mentions = mentions_after(reuse_model ? st->mentions : MENTION_UNKNOWN, in->text,
                                  reuse_model ? edits : NULL, edit_count);
    st->valid = true;
    return true;
}
