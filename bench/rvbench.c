// SPDX-License-Identifier: MIT
// The floors and the stage breakdown the benchmarks compare against, measured with the same
// tree-sitter and grammar the server links. It never judges a time; bench/run prints ratios.
//
//   rvbench parse [--reps N] FILE...      bare full parse of each file (the throughput floor),
//                                         and the same in a tree arena (as check parses)
//   rvbench stages [--reps N] FILE...     parse, model and each family, summed over the files
//   rvbench edits [--analyze] EDITS FILE  bare incremental reparse of each edit in EDITS;
//                                         with --analyze also the document's (incremental)
//                                         analysis of each, next to a full one of the same tree
//   rvbench units [--analyze] EDITS FILE  the same reparses, and next to each the parse of
//                                         the edited top-level statements alone (cmd_units);
//                                         with --analyze the partial analysis of each instead,
//                                         its findings against a whole analysis
//   rvbench open [--reps N] FILE          full parse and full analysis of one file
//   rvbench memory FILE...                bytes of the texts and of their trees, all held
//   rvbench findings FILE... / model FILE... print findings or the model (equivalence checks)
//
// EDITS has one edit a line: "START END TEXT" in bytes of the current text, where TEXT is the
// inserted text with \n and \\ escaped (empty for a deletion). Times go to stdout, one per
// line in microseconds ("parse_us 123.4"), so that bench/run can read them.
#include "reviewls/analysis.h"
#include "reviewls/doc.h"
#include "reviewls/parse.h"
#include "reviewls/util.h"

#include <ctype.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// Wall-clock time, unless RVBENCH_CPU is set: then this thread's CPU time, which other load
// on a shared machine disturbs less (used while profiling, never by bench/run's figures).
static double now_us(void) {
    static int cpu = -1;
    if (cpu < 0) {
        cpu = getenv("RVBENCH_CPU") != NULL;
    }
    struct timespec ts;
    clock_gettime(cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

struct source {
    const char *path;
    struct rv_text text;
};

static int load(const char *path, struct source *src) {
    char *bytes;
    size_t len;
    if (rv_read_file(path, &bytes, &len) != 0) {
        fprintf(stderr, "rvbench: cannot read %s\n", path);
        return -1;
    }
    src->path = path;
    int rc = rv_text_init(&src->text, bytes, len);
    free(bytes);
    return rc;
}

static size_t count_lines(const struct rv_text *t) {
    size_t n = 0;
    for (size_t i = 0; i < t->len; i++) {
        n += t->bytes[i] == '\n';
    }
    return n;
}

// The bare parse of each file, and the same parse in a tree arena, the allocator `reviewls
// check` parses with (src/parse/arena.c): the second says how much of check's lead over the
// first is the allocator's.
static int cmd_parse(int reps, int argc, char **argv) {
    TSParser *parser = rv_python_parser_create();
    struct rv_tree_arena *arena = rv_tree_arena_new();
    double best = 0;
    double best_arena = 0;
    size_t lines = 0;
    size_t bytes = 0;
    for (int r = 0; r < reps; r++) {
        double total = 0;
        double total_arena = 0;
        lines = bytes = 0;
        for (int i = 0; i < argc; i++) {
            struct source src;
            if (load(argv[i], &src) != 0) {
                continue;
            }
            double t0 = now_us();
            TSTree *tree = rv_parse_text(parser, &src.text, NULL);
            total += now_us() - t0;
            ts_tree_delete(tree);
            rv_tree_arena_enter(arena);
            TSParser *inside = rv_python_parser_create();
            double t1 = now_us();
            rv_parse_text(inside, &src.text, NULL); // goes with the arena
            total_arena += now_us() - t1;
            ts_parser_delete(inside);
            rv_tree_arena_leave(arena);
            lines += count_lines(&src.text);
            bytes += src.text.len;
            rv_text_finish(&src.text);
        }
        if (r == 0 || total < best) {
            best = total;
        }
        if (r == 0 || total_arena < best_arena) {
            best_arena = total_arena;
        }
    }
    printf("files %d\nlines %zu\nbytes %zu\nparse_us %.1f\nparse_arena_us %.1f\n", argc, lines,
           bytes, best, best_arena);
    rv_tree_arena_free(arena);
    ts_parser_delete(parser);
    return 0;
}

static const char *const family_names[] = {
    "syntax",     "security",    "naming",   "type_hints", "docstrings",   "function_naming",
    "var_naming", "indentation", "comments", "tests",      "organization", "function_limits",
};
static rv_check_fn *const family_fns[] = {
    rv_check_syntax,          rv_check_security,     rv_check_naming,
    rv_check_type_hints,      rv_check_docstrings,   rv_check_function_naming,
    rv_check_variable_naming, rv_check_indentation,  rv_check_comments,
    rv_check_tests,           rv_check_organization, rv_check_function_limits,
};
#define FAMILIES (sizeof(family_fns) / sizeof(family_fns[0]))

static int cmd_stages(int reps, int argc, char **argv) {
    TSParser *parser = rv_python_parser_create();
    struct rv_config cfg;
    rv_config_init(&cfg);
    double parse = 0, model = 0, fam[FAMILIES] = {0}, analyze = 0;
    size_t lines = 0;
    for (int i = 0; i < argc; i++) {
        struct source src;
        if (load(argv[i], &src) != 0) {
            continue;
        }
        lines += count_lines(&src.text);
        for (int r = 0; r < reps; r++) {
            double t0 = now_us();
            TSTree *tree = rv_parse_text(parser, &src.text, NULL);
            double t1 = now_us();
            parse += t1 - t0;
            TSNode root = ts_tree_root_node(tree);
            bool is_test = rv_path_is_test(src.path);
            struct rv_model m;
            rv_model_build(&m, &src.text, root, is_test);
            double t2 = now_us();
            model += t2 - t1;
            struct rv_rule_ctx ctx = {.text = &src.text,
                                      .tree = tree,
                                      .root = root,
                                      .config = &cfg,
                                      .model = &m,
                                      .path = src.path,
                                      .is_test_file = is_test};
            rv_ctx_set_whole(&ctx);
            for (size_t f = 0; f < FAMILIES; f++) {
                struct rv_findings out = {0};
                double a = now_us();
                family_fns[f](&ctx, &out);
                fam[f] += now_us() - a;
                rv_findings_finish(&out);
            }
            rv_model_finish(&m);
            struct rv_findings all = {0};
            struct rv_analysis_input in = {&src.text, tree, &cfg,  src.path, 0,
                                           0,         NULL, false, NULL};
            double a = now_us();
            rv_analyze(&in, &all);
            analyze += now_us() - a;
            rv_findings_finish(&all);
            ts_tree_delete(tree);
        }
        rv_text_finish(&src.text);
    }
    printf("files %d\nlines %zu\nreps %d\n", argc, lines, reps);
    printf("parse_us %.1f\nmodel_us %.1f\n", parse / reps, model / reps);
    for (size_t f = 0; f < FAMILIES; f++) {
        printf("family_%s_us %.1f\n", family_names[f], fam[f] / reps);
    }
    printf("analyze_total_us %.1f\n", analyze / reps);
    rv_config_finish(&cfg);
    ts_parser_delete(parser);
    return 0;
}

static char *unescape(const char *s, size_t *len) {
    size_t n = strlen(s);
    char *out = rv_xmalloc(n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            i++;
            out[j++] = s[i] == 'n' ? '\n' : s[i];
        } else {
            out[j++] = s[i];
        }
    }
    out[j] = '\0';
    *len = j;
    return out;
}

// Reads EDITS' next edit: its bytes [start, end) and the text that replaces them (owned by the
// caller), or NULL at the end of the file. Lines that are not an edit are skipped.
static char *next_edit(FILE *f, size_t *start, size_t *end, size_t *ins_len) {
    char line[4096];
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        unsigned long s;
        unsigned long e;
        int used = 0;
        if (sscanf(line, "%lu %lu %n", &s, &e, &used) >= 2) {
            *start = s;
            *end = e;
            return unescape(line + used, ins_len);
        }
    }
    return NULL;
}

// The bench's document: `file` opened and parsed, in `store`; NULL if it cannot be read.
static struct rv_doc *open_doc(struct rv_doc_store *store, const char *file, TSParser *parser) {
    char *bytes;
    size_t len;
    if (rv_read_file(file, &bytes, &len) != 0) {
        fprintf(stderr, "rvbench: cannot read %s\n", file);
        return NULL;
    }
    rv_doc_store_init(store);
    struct rv_doc *doc = rv_doc_store_open(store, "file:///bench/m.py", 1, bytes, len);
    free(bytes);
    rv_doc_parse(doc, parser);
    return doc;
}

// Every rule, as bench/run's latency benchmark configures the server.
static void select_all(struct rv_config *cfg) {
    rv_config_init(cfg);
    for (size_t i = 0; i < rv_rules_count; i++) {
        cfg->selected[rv_rules[i].code] = true;
    }
}

static int cmd_edits(const char *edits_path, const char *file, bool analyze) {
    struct rv_doc_store store;
    TSParser *parser = rv_python_parser_create();
    struct rv_doc *doc = open_doc(&store, file, parser);
    if (doc == NULL) {
        return 1;
    }
    struct rv_config cfg;
    select_all(&cfg);
    FILE *f = fopen(edits_path, "r");
    if (f == NULL) {
        fprintf(stderr, "rvbench: cannot read %s\n", edits_path);
        return 1;
    }
    size_t start;
    size_t end;
    size_t ins_len;
    char *ins;
    while ((ins = next_edit(f, &start, &end, &ins_len)) != NULL) {
        // The floor is what the server cannot avoid: edit the text and tree, then reparse.
        double t0 = now_us();
        rv_doc_edit(doc, start, end, ins, ins_len);
        rv_doc_parse(doc, parser);
        printf("reparse_us %.1f\n", now_us() - t0);
        free(ins);
        if (analyze) {
            struct rv_analysis_input in = {&doc->text, doc->tree, &cfg,  "m.py", 0,
                                           0,          NULL,      false, NULL};
            struct rv_findings a = {0};
            struct rv_findings b = {0};
            struct rv_analysis_stats before = {0};
            if (doc->analysis) {
                before = rv_analysis_state_stats(doc->analysis);
            }
            double t1 = now_us();
            rv_doc_analyze(doc, &in, &a);
            double t2 = now_us();
            // The server frees what the analysis replaced after publishing, off the timed path.
            rv_analysis_state_tidy(doc->analysis);
            struct rv_analysis_stats after = rv_analysis_state_stats(doc->analysis);
            bool incremental = after.incremental > before.incremental;
            // The path this edit took: windowed or not, widened or not (bench/run splits the
            // times by it).
            printf("analyze_path %s%s%s\n",
                   after.windowed > before.windowed ? "windowed" : "walked",
                   after.in_place > before.in_place ? "+in-place" : "",
                   after.widened > before.widened ? "+widened" : "");
            printf("analyze_parts 0x%x\n", (unsigned)after.last_changed);
            // RVBENCH_NO_FULL=1 skips the whole analysis, so a profile shows only the edit path.
            if (getenv("RVBENCH_NO_FULL") == NULL) {
                rv_analyze(&in, &b);
            }
            double t3 = now_us();
            printf("analyze_us %.1f\n%s %.1f\nfull_analyze_us %.1f\n", t2 - t1,
                   incremental ? "incremental_analyze_us" : "fallback_analyze_us", t2 - t1,
                   t3 - t2);
            rv_findings_finish(&a);
            rv_findings_finish(&b);
        }
    }
    if (analyze && doc->analysis) {
        struct rv_analysis_stats st = rv_analysis_state_stats(doc->analysis);
        printf("incremental_analyses %llu\nwidened_analyses %llu\nwidened_families %llu\n"
               "run_units %llu\nstatements_copied %llu\n"
               "full_analyses %llu\nfull_syntax_error %llu\nwindowed_analyses %llu\n"
               "in_place_analyses %llu\nbracket_bytes %llu\ntests_retaken %llu\n",
               (unsigned long long)st.incremental, (unsigned long long)st.widened,
               (unsigned long long)st.widened_families, (unsigned long long)st.run_units,
               (unsigned long long)st.statements_copied, (unsigned long long)st.full,
               (unsigned long long)st.full_syntax_error, (unsigned long long)st.windowed,
               (unsigned long long)st.in_place, (unsigned long long)st.bracket_bytes,
               (unsigned long long)st.tests_retaken);
    }
    rv_config_finish(&cfg);
    fclose(f);
    ts_parser_delete(parser);
    rv_doc_store_finish(&store);
    return 0;
}

// A top-level statement as the bytes from its start to the next one's (its trailing blank lines
// and comments with it).
struct unit_span {
    uint32_t lo;
    uint32_t hi;
    TSNode node;
};

// The statement of `root` that holds byte `start`; false when none does.
static bool statement_at(TSNode root, size_t len, size_t start, struct unit_span *u) {
    uint32_t n = ts_node_child_count(root);
    for (uint32_t i = 0; i < n; i++) {
        u->node = ts_node_child(root, i);
        u->lo = ts_node_start_byte(u->node);
        u->hi = i + 1 < n ? ts_node_start_byte(ts_node_child(root, i + 1)) : (uint32_t)len;
        if (u->lo <= start && start < u->hi) {
            return true;
        }
    }
    return false;
}

// The same node kinds over the same bytes from the same points, all the way down.
static bool same_subtree(TSNode a, TSNode b) {
    uint32_t n = ts_node_child_count(a);
    TSPoint pa = ts_node_start_point(a);
    TSPoint pb = ts_node_start_point(b);
    if (ts_node_symbol(a) != ts_node_symbol(b) || ts_node_start_byte(a) != ts_node_start_byte(b) ||
        ts_node_end_byte(a) != ts_node_end_byte(b) || n != ts_node_child_count(b) ||
        pa.row != pb.row || pa.column != pb.column) {
        return false;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (!same_subtree(ts_node_child(a, i), ts_node_child(b, i))) {
            return false;
        }
    }
    return true;
}

// Whether the children of `u` from its `k`th on are those of `f` that meet [lo, hi), node for
// node.
static const char *children_agree(TSNode u, uint32_t k, TSNode f, uint32_t lo, uint32_t hi) {
    uint32_t un = ts_node_child_count(u);
    for (uint32_t i = 0; i < ts_node_child_count(f); i++) {
        TSNode b = ts_node_child(f, i);
        if (ts_node_end_byte(b) <= lo) {
            continue;
        }
        if (ts_node_start_byte(b) >= hi) {
            break;
        }
        if (k == un || !same_subtree(ts_node_child(u, k), b)) {
            return "differs";
        }
        k++;
    }
    return k == un ? "equal" : "differs";
}

// Whether the tree of bytes [lo, hi) alone holds what the whole text's tree holds there: every
// top-level node of `full` that meets those bytes, in order, node for node ("equal"); "error"
// when the unit's own tree has one (the partial analysis does not trust it). The unit's nodes
// before `lo` are rv_parse_statements's lead-in.
static const char *unit_agrees(TSTree *unit, TSTree *full, uint32_t lo, uint32_t hi) {
    TSNode u = ts_tree_root_node(unit);
    if (ts_node_has_error(u)) {
        return "error";
    }
    uint32_t k = 0;
    while (k < ts_node_child_count(u) && ts_node_end_byte(ts_node_child(u, k)) <= lo) {
        k++;
    }
    return children_agree(u, k, ts_tree_root_node(full), lo, hi);
}

// The statement of the body of class `top` (not decorated) that holds the bytes an edit
// replaces, [start, end), past its first byte, and not the body's first statement (the class's
// head unit holds that one): as rv_analysis_partial_body_span takes it, from its start to the
// next statement's (`next`, the top-level statement's after the class, for the last).
static bool body_statement_at(TSNode top, uint32_t next, size_t start, size_t end,
                              struct unit_span *b) {
    TSNode block = ts_node_child_by_field_name(top, "body", 4);
    if (strcmp(ts_node_type(top), "class_definition") != 0 || ts_node_is_null(block)) {
        return false;
    }
    uint32_t n = ts_node_child_count(block);
    for (uint32_t i = 1; i < n; i++) {
        TSNode s = ts_node_child(block, i);
        if (ts_node_start_byte(s) < start && end <= ts_node_end_byte(s)) {
            b->lo = ts_node_start_byte(s);
            b->hi = i + 1 < n ? ts_node_start_byte(ts_node_child(block, i + 1)) : next;
            return true;
        }
    }
    return false;
}

// The block of the class at the root of `tree` that holds byte `at`, or a null node.
static TSNode class_block_at(TSTree *tree, uint32_t at) {
    TSNode root = ts_tree_root_node(tree);
    for (uint32_t i = 0; i < ts_node_child_count(root); i++) {
        TSNode c = ts_node_child(root, i);
        if (ts_node_start_byte(c) <= at && at < ts_node_end_byte(c) &&
            strcmp(ts_node_type(c), "class_definition") == 0) {
            return ts_node_child_by_field_name(c, "body", 4);
        }
    }
    return (TSNode){0};
}

// unit_agrees for a class body's statements parsed alone (rv_parse_class_statement): the
// statements of the stand-in class's block after its first (`_`) against those of the whole
// text's class that meet [lo, hi).
static const char *body_agrees(TSTree *unit, TSTree *full, uint32_t lo, uint32_t hi) {
    if (ts_node_has_error(ts_tree_root_node(unit))) {
        return "error";
    }
    TSNode ub = class_block_at(unit, lo);
    TSNode fb = class_block_at(full, lo);
    if (ts_node_is_null(ub) || ts_node_is_null(fb) || ts_node_child_count(ub) < 2) {
        return "differs";
    }
    return children_agree(ub, 1, fb, lo, hi);
}

// Whether two analyses found the same: codes, places, severities, messages and fixes, in order.
static bool same_findings(const struct rv_findings *a, const struct rv_findings *b) {
    if (a->list.len != b->list.len) {
        return false;
    }
    for (size_t i = 0; i < a->list.len; i++) {
        const struct rv_finding *x = &a->list.items[i];
        const struct rv_finding *y = &b->list.items[i];
        if (x->code != y->code || x->severity != y->severity || x->start_byte != y->start_byte ||
            x->end_byte != y->end_byte || strcmp(x->message, y->message) != 0 || x->fix != y->fix ||
            (x->replacement == NULL) != (y->replacement == NULL) ||
            (x->replacement && strcmp(x->replacement, y->replacement) != 0) ||
            x->related.len != y->related.len) {
            return false;
        }
    }
    return true;
}

// Prints to stderr the findings of `a` (this analysis) that `b` (a whole one) lacks, and
// those `b` has that `a` lacks, when RVBENCH_SHOW_DIFF is set: what to look at first.
static void show_difference(const struct rv_findings *a, const struct rv_findings *b) {
    const struct rv_findings *lists[2] = {a, b};
    for (int side = 0; side < 2; side++) {
        const struct rv_findings *x = lists[side];
        const struct rv_findings *y = lists[!side];
        for (size_t i = 0; i < x->list.len; i++) {
            const struct rv_finding *f = &x->list.items[i];
            bool found = false;
            for (size_t k = 0; k < y->list.len && !found; k++) {
                const struct rv_finding *g = &y->list.items[k];
                found = f->code == g->code && f->start_byte == g->start_byte &&
                        f->end_byte == g->end_byte && strcmp(f->message, g->message) == 0;
            }
            if (!found) {
                fprintf(stderr, "%s RV%03u %u-%u %s\n", side ? "whole only" : "this only", f->code,
                        f->start_byte, f->end_byte, f->message);
            }
        }
    }
}

// The document's analysis of the edit, partial (rv_doc_analyze_partial, with `part_parser`)
// when it takes it, before the whole reparse as in the server, else after it: the partial one's
// time with its statements' parse, the whole reparse (the floor, with the edit's `edited` us),
// and whether the analysis found what a whole analysis of the whole tree finds.
static void analyze_partial(struct rv_doc *doc, TSParser *parser, TSParser *part_parser,
                            const struct rv_config *cfg, double edited) {
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "m.py", 0, 0, NULL, false, NULL};
    struct rv_findings a = {0};
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns0 = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    uint64_t parsed = ns0;
    double t0 = now_us();
    bool taken = rv_doc_analyze_partial(doc, part_parser, &in, &a, &parsed);
    double t1 = now_us();
    rv_doc_parse(doc, parser);
    printf("reparse_us %.1f\n", now_us() - t1 + edited);
    in.tree = doc->tree;
    if (!taken) {
        rv_doc_analyze(doc, &in, &a);
    }
    rv_analysis_state_tidy(doc->analysis);
    struct rv_findings b = {0};
    rv_analyze(&in, &b);
    bool same = same_findings(&a, &b);
    printf("partial %s %.1f %s %.1f\n", taken ? "taken" : "refused", t1 - t0,
           same ? "same" : "differs", (double)(parsed - ns0) / 1e3);
    if (!same && getenv("RVBENCH_SHOW_DIFF")) {
        show_difference(&a, &b);
    }
    rv_findings_finish(&a);
    rv_findings_finish(&b);
}

// What the parse of only the edited top-level statement costs, next to the whole text's
// incremental reparse (the floor): rv_parse_statements from the edited whole tree, as the
// partial analysis parses (rv_doc_analyze_partial; docs/incremental.md), for the edits of a
// text without a syntax error whose statement parses alone (rv_doc_span_parses_alone), and
// whether its tree is the whole text's there. With --analyze, that analysis itself.
static int cmd_units(const char *edits_path, const char *file, bool analyze) {
    struct rv_doc_store store;
    TSParser *parser = rv_python_parser_create();
    struct rv_doc *doc = open_doc(&store, file, parser);
    FILE *f = fopen(edits_path, "r");
    if (doc == NULL || f == NULL) {
        fprintf(stderr, "rvbench: cannot read %s or %s\n", edits_path, file);
        return 1;
    }
    TSParser *unit_parser = rv_python_parser_create();
    struct rv_config cfg;
    select_all(&cfg);
    size_t start;
    size_t end;
    size_t ins_len;
    char *ins;
    while ((ins = next_edit(f, &start, &end, &ins_len)) != NULL) {
        if (analyze) {
            // As the server: the partial analysis before the whole reparse (and without it).
            double t0 = now_us();
            rv_doc_edit(doc, start, end, ins, ins_len);
            double edited = now_us() - t0;
            free(ins);
            analyze_partial(doc, parser, unit_parser, &cfg, edited);
            continue;
        }
        // The partial analysis takes no edit of a text with a syntax error.
        struct unit_span u = {0};
        bool found = !ts_node_has_error(ts_tree_root_node(doc->tree)) &&
                     statement_at(ts_tree_root_node(doc->tree), doc->text.len, start, &u);
        // And the statement of a class body that holds it, when it would take it alone.
        struct unit_span bs = {0};
        bool body = found && body_statement_at(u.node, u.hi, start, end, &bs);
        TSInputEdit edit = rv_parse_edit_begin(&doc->text, start, end, ins_len);
        rv_doc_edit(doc, start, end, ins, ins_len);
        free(ins);
        rv_parse_edit_end(&edit, &doc->text);
        u.hi = found ? (uint32_t)(u.hi + ins_len - (end - start)) : 0;
        TSTree *unit = NULL;
        double t0 = now_us();
        if (found && rv_doc_span_parses_alone(&doc->text, u.lo, u.hi, &edit)) {
            unit = rv_parse_statements(unit_parser, &doc->text, doc->tree, u.lo, u.hi);
        }
        double t1 = now_us();
        TSTree *body_unit = NULL;
        bs.hi = body ? (uint32_t)(bs.hi + ins_len - (end - start)) : 0;
        if (body && rv_doc_body_parses_alone(&doc->text, bs.lo, bs.hi, &edit)) {
            body_unit = rv_parse_class_statement(unit_parser, &doc->text, doc->tree, bs.lo, bs.hi);
        }
        double t2 = now_us();
        rv_doc_parse(doc, parser);
        printf("reparse_us %.1f\n", now_us() - t2);
        if (body_unit != NULL) {
            printf("body statement %.1f %s\n", t2 - t1,
                   body_agrees(body_unit, doc->tree, bs.lo, bs.hi));
            ts_tree_delete(body_unit);
        }
        if (unit == NULL) {
            printf("unit none\n");
            continue;
        }
        printf("unit statements %.1f %s\n", t1 - t0, unit_agrees(unit, doc->tree, u.lo, u.hi));
        ts_tree_delete(unit);
    }
    rv_config_finish(&cfg);
    fclose(f);
    ts_parser_delete(unit_parser);
    ts_parser_delete(parser);
    rv_doc_store_finish(&store);
    return 0;
}

// Prints every finding of every file: two builds that print the same have the same behaviour.
static int cmd_findings(int argc, char **argv) {
    TSParser *parser = rv_python_parser_create();
    struct rv_config cfg;
    rv_config_init(&cfg);
    for (int i = 0; i < argc; i++) {
        struct source src;
        if (load(argv[i], &src) != 0) {
            continue;
        }
        TSTree *tree = rv_parse_text(parser, &src.text, NULL);
        struct rv_findings all = {0};
        struct rv_analysis_input in = {&src.text, tree, &cfg, src.path, 0, 0, NULL, false, NULL};
        rv_analyze(&in, &all);
        for (size_t k = 0; k < all.list.len; k++) {
            const struct rv_finding *f = &all.list.items[k];
            printf("%s %u %u-%u %d %d %s", src.path, f->code, f->start_byte, f->end_byte,
                   f->severity, (int)f->fix, f->message);
            if (f->replacement) {
                printf(" => %s", f->replacement);
            }
            for (size_t r = 0; r < f->related.len; r++) {
                printf(" | %u-%u %s", f->related.items[r].start_byte, f->related.items[r].end_byte,
                       f->related.items[r].message);
            }
            printf("\n");
        }
        rv_findings_finish(&all);
        ts_tree_delete(tree);
        rv_text_finish(&src.text);
    }
    rv_config_finish(&cfg);
    ts_parser_delete(parser);
    return 0;
}

// Prints the model of each file (a debugging aid for changes to the model's walk).
static int cmd_model(int argc, char **argv) {
    TSParser *parser = rv_python_parser_create();
    for (int i = 0; i < argc; i++) {
        struct source src;
        if (load(argv[i], &src) != 0) {
            continue;
        }
        TSTree *tree = rv_parse_text(parser, &src.text, NULL);
        struct rv_model m;
        rv_model_build(&m, &src.text, ts_tree_root_node(tree), rv_path_is_test(src.path));
        printf("%s functions %zu classes %zu params %zu bindings %zu imports %zu calls %zu\n",
               src.path, m.functions.len, m.classes.len, m.params.len, m.bindings.len,
               m.imports.len, m.calls.len);
        for (size_t k = 0; k < m.comments.len; k++) {
            printf("comment %u\n", ts_node_start_byte(m.comments.items[k]));
        }
        for (size_t k = 0; k < m.functions.len; k++) {
            const struct rv_function *fn = &m.functions.items[k];
            printf("function %u %u %u %u %d %d %d%d\n", ts_node_start_byte(fn->node), fn->def_row,
                   fn->body_first_row, fn->end_row, fn->class_index, fn->parent_function,
                   fn->returns_value, fn->raises);
        }
        for (size_t k = 0; k < m.bindings.len; k++) {
            const struct rv_binding *b = &m.bindings.items[k];
            printf("binding %u %d %d %d %d\n", ts_node_start_byte(b->name), (int)b->kind,
                   b->function, b->class_index, b->first_in_scope);
        }
        rv_model_finish(&m);
        ts_tree_delete(tree);
        rv_text_finish(&src.text);
    }
    ts_parser_delete(parser);
    return 0;
}

// tree-sitter's live heap bytes, counted by the allocator that `memory` installs.
static size_t ts_live_bytes;

static void *count_malloc(size_t n) {
    void *p = rv_xmalloc(n);
    ts_live_bytes += malloc_usable_size(p);
    return p;
}

static void *count_calloc(size_t n, size_t size) {
    void *p = rv_xcalloc(n, size);
    ts_live_bytes += malloc_usable_size(p);
    return p;
}

static void *count_realloc(void *old, size_t n) {
    size_t before = old ? malloc_usable_size(old) : 0;
    void *p = rv_xrealloc(old, n);
    ts_live_bytes += malloc_usable_size(p) - before;
    return p;
}

static void count_free(void *p) {
    if (p) {
        ts_live_bytes -= malloc_usable_size(p);
    }
    free(p);
}

// The floor of the server's memory with every file open: their texts plus their trees, all
// held at once (tree-sitter's heap, measured by a counting allocator).
static int cmd_memory(int argc, char **argv) {
    ts_set_allocator(count_malloc, count_calloc, count_realloc, count_free);
    TSParser *parser = rv_python_parser_create();
    size_t parser_bytes = ts_live_bytes;
    TSTree **trees = rv_xcalloc((size_t)argc + 1, sizeof(TSTree *));
    size_t text_bytes = 0;
    for (int i = 0; i < argc; i++) {
        struct source src;
        if (load(argv[i], &src) != 0) {
            continue;
        }
        trees[i] = rv_parse_text(parser, &src.text, NULL);
        text_bytes += src.text.len;
        rv_text_finish(&src.text);
    }
    ts_parser_reset(parser);
    printf("files %d\ntext_bytes %zu\ntree_bytes %zu\n", argc, text_bytes,
           ts_live_bytes - parser_bytes);
    for (int i = 0; i < argc; i++) {
        if (trees[i]) {
            ts_tree_delete(trees[i]);
        }
    }
    free(trees);
    ts_parser_delete(parser);
    return 0;
}

static int cmd_open(int reps, const char *file) {
    struct source src;
    if (load(file, &src) != 0) {
        return 1;
    }
    TSParser *parser = rv_python_parser_create();
    struct rv_config cfg;
    rv_config_init(&cfg);
    for (int r = 0; r < reps; r++) {
        double t0 = now_us();
        TSTree *tree = rv_parse_text(parser, &src.text, NULL);
        double t1 = now_us();
        struct rv_findings all = {0};
        struct rv_analysis_input in = {&src.text, tree, &cfg, file, 0, 0, NULL, false, NULL};
        rv_analyze(&in, &all);
        double t2 = now_us();
        printf("parse_us %.1f\nanalyze_us %.1f\n", t1 - t0, t2 - t1);
        rv_findings_finish(&all);
        ts_tree_delete(tree);
    }
    rv_config_finish(&cfg);
    rv_text_finish(&src.text);
    ts_parser_delete(parser);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "memory") != 0) {
        rv_parse_global_init();
    }
    if (argc < 3) {
        fprintf(stderr, "usage: rvbench parse|stages|open [--reps N] FILE... | edits|units "
                        "[--analyze] EDITS FILE\n");
        return 2;
    }
    const char *cmd = argv[1];
    int reps = 1;
    int first = 2;
    if (argc > 3 && strcmp(argv[2], "--reps") == 0) {
        reps = atoi(argv[3]);
        reps = reps > 0 ? reps : 1;
        first = 4;
    }
    if (strcmp(cmd, "parse") == 0) {
        return cmd_parse(reps, argc - first, argv + first);
    }
    if (strcmp(cmd, "stages") == 0) {
        return cmd_stages(reps, argc - first, argv + first);
    }
    if (strcmp(cmd, "memory") == 0) {
        return cmd_memory(argc - first, argv + first);
    }
    if (strcmp(cmd, "model") == 0) {
        return cmd_model(argc - first, argv + first);
    }
    if (strcmp(cmd, "findings") == 0) {
        return cmd_findings(argc - first, argv + first);
    }
    if (strcmp(cmd, "open") == 0 && first < argc) {
        return cmd_open(reps, argv[first]);
    }
    if (strcmp(cmd, "edits") == 0 && argc == 4) {
        return cmd_edits(argv[2], argv[3], false);
    }
    if (strcmp(cmd, "edits") == 0 && argc == 5 && strcmp(argv[2], "--analyze") == 0) {
        return cmd_edits(argv[3], argv[4], true);
    }
    if (strcmp(cmd, "units") == 0 && argc == 4) {
        return cmd_units(argv[2], argv[3], false);
    }
    if (strcmp(cmd, "units") == 0 && argc == 5 && strcmp(argv[2], "--analyze") == 0) {
        return cmd_units(argv[3], argv[4], true);
    }
    fprintf(stderr, "rvbench: unknown command %s\n", cmd);
    return 2;
}
