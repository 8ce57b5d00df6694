// SPDX-License-Identifier: MIT
// The analysis engine: builds the model once, runs the selected families over it, then applies
// the configuration (selection, severities) and the suppression comments.
#include "analysis_internal.h"

#include <stdlib.h>
#include <string.h>

struct family {
    rv_check_fn *check;
    uint32_t categories; /* bit mask of the categories it reports */
    uint32_t deps;       /* what its judgement of one statement reads of the others (RV_DEP_*) */
    uint16_t first_code; /* with last_code, the codes it reports when another family reports */
    uint16_t last_code;  /* the rest of its category; 0 for every code of its categories */
    unsigned weight;     /* its whole-file run's time on a model of WEIGHT_NODES nodes, in us */
    /* The parts of `deps` whose change it takes by examining again only the statements that
     * read them (struct rv_dependents), not the whole file. */
    uint32_t narrow;
    /* Its run over a keystroke's range on that module, in us: what the family reads of the
     * whole model besides the range (naming's tallies, organization's counts) more than the
     * statement itself. */
    unsigned ranged;
};

/* The weights are `rvbench stages` on bench/run's 10k-line module (a model of this many nodes),
 * on the machine bench/README.md describes: only their proportions matter, and the size. */
#define WEIGHT_NODES 58000

#define CAT(c) (1u << (c))
#define NF (RV_DEP_NAMES | RV_DEP_FLAGS)
#define ONF (RV_DEP_OUTLINE | NF)
/* What families that find other statements by name read: classes' names and bases, which
 * definitions share a name. */
#define BY_NAME (RV_DEP_CLASSES | RV_DEP_SHARED)
/* Naming also quotes other statements' names as evidence. */
#define NAMED (BY_NAME | RV_DEP_EVIDENCE)
/* A family that always runs over the whole file and whose findings are never kept. */
#define ALWAYS UINT32_MAX

// The dependencies follow what each family reads across statements: file-wide naming styles
// and counts (names, flags, outline; the styles of parameters and variables, which no other
// family reads beyond their own statement), classes' names and bases and which definitions
// share a name (naming, docstrings and variable naming find other statements by name; naming
// quotes their names as evidence), the import map and which definitions are tests
// (security judges test code more leniently and reads nothing else of the flags), indentation
// units, and absolute line numbers in messages (comments, indentation, organization). The outline
// is the little of another statement's structure that counts: a module variable bound to a literal
// (naming), which parameters and returns are annotated (type hints: the module's habit),
// docstrings and nesting (docstrings: a base class's documented method), the kind of each
// top-level statement (docstrings: an __init__.py that only re-exports); docstrings alone reads
// the module's first statement (its docstring, or RV251's place). Indentation reads the
// unit of every block (RV352), and with a tab in the file every line's indentation and where
// strings span lines (RV351: tabs against spaces). Function naming reads of other statements
// their flags only (first bindings, overrides, tests); variable naming reads their flags, whether
// another class has a method of the same name (a shared signature), a class's head from its
// body's statements (its bases, its name in messages) and where `x` and `y` are bound. Both
// narrow such a change to the statements that read it (`narrow`, incremental.c's
// find_dependents) instead of running over the whole file. Organization counts the module's
// records and lines (each function's limits read only its own statement, and the line of its
// deepest block). Comments and security judge each statement on its own otherwise. The syntax
// family's bracket scan reads the whole text, and what it reports after an unclosed bracket
// depends on where that bracket is; it only descends into subtrees with errors, and on a clean
// tree it only looks for empty blocks (`def f():` over an unindented line), skipping the
// statements that hold none.
static const struct family families[] = {
    {rv_check_syntax, CAT(RV_CAT_SYNTAX), ALWAYS, 0, 0, 2, 0, 2},
    {rv_check_security, CAT(RV_CAT_SECURITY), RV_DEP_IMPORTS | RV_DEP_TESTS, 0, 0, 748, 0, 6},
    {rv_check_naming, CAT(RV_CAT_NAMING_CONSISTENCY), ONF | RV_DEP_STYLES | NAMED, 0, 0, 154,
     RV_DEP_STYLES | BY_NAME, 10},
    {rv_check_type_hints, CAT(RV_CAT_TYPE_HINTS), ONF, 0, 0, 58, 0, 1},
    {rv_check_docstrings, CAT(RV_CAT_DOCSTRINGS), ONF | RV_DEP_FIRST | BY_NAME, 0, 0, 38, 0, 1},
    {rv_check_function_naming, CAT(RV_CAT_FUNCTION_NAMING), RV_DEP_FLAGS, 0, 0, 44, RV_DEP_FLAGS,
     1},
    {rv_check_variable_naming, CAT(RV_CAT_VARIABLE_NAMING), NF | BY_NAME, 0, 0, 270, NF | BY_NAME,
     4},
    {rv_check_indentation, CAT(RV_CAT_INDENTATION), RV_DEP_BLOCKS | RV_DEP_TABS | RV_DEP_LINES, 0,
     0, 200, 0, 2},
    {rv_check_comments, CAT(RV_CAT_COMMENTS), RV_DEP_LINES, 0, 0, 50, 0, 1},
    {rv_check_tests, CAT(RV_CAT_TEST_NAMING) | CAT(RV_CAT_TEST_ORGANIZATION), ONF, 0, 0, 1, 0, 1},
    {rv_check_organization, CAT(RV_CAT_CODE_ORGANIZATION), NF | RV_DEP_LINES, 551, 554, 8, 0, 10},
    {rv_check_function_limits, CAT(RV_CAT_CODE_ORGANIZATION), RV_DEP_LINES, 555, 559, 316, 0, 4},
};

static uint32_t selected_categories(const struct rv_config *cfg) {
    uint32_t mask = 0;
    for (size_t i = 0; i < rv_rules_count; i++) {
        if (cfg->selected[rv_rules[i].code]) {
            mask |= CAT(rv_rules[i].category);
        }
    }
    return mask;
}

static bool whole_file(const struct rv_rule_ctx *ctx) {
    return ctx->range_start == 0 && ctx->range_end == UINT32_MAX;
}

_Static_assert(RV_ARRAY_LEN(families) == RV_FAMILY_COUNT, "RV_FAMILY_COUNT");

// Whether family `i`, whose parts `changed`, re-examines the dependents only (`deps`, one
// entry per family, or NULL).
static bool narrowed(size_t i, uint32_t changed, const struct rv_dependents *deps) {
    const struct family *f = &families[i];
    return deps && deps[i].known && f->deps != ALWAYS && (f->deps & changed) &&
           !(f->deps & changed & ~f->narrow);
}

// One family's run: its context (the whole file, or the range with the findings filtered to
// it afterwards) and its findings, kept apart so that runs on two threads need no lock and the
// findings join in the families' order, as one thread would have appended them.
struct family_run {
    const struct family *fam;
    struct rv_rule_ctx ctx;
    bool ranged;
    const struct rv_dependents *dep; /* a narrowed run's: it examines these ranges too */
    unsigned weight; /* the run's estimated cost, for the split: its family's weight, scaled to
                      * the model's size for a whole-file run (split_runs); `ranged` per range */
    struct rv_findings out;
};

// The runs one thread does, in order.
struct run_list {
    struct family_run *runs;
    uint8_t index[RV_ARRAY_LEN(families)];
    size_t count;
};

// Appends the findings `check` reports over `ctx` that start in its range.
static void run_ranged(rv_check_fn *check, const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    size_t before = out->list.len;
    check(ctx, out);
    size_t kept = before;
    for (size_t k = before; k < out->list.len; k++) {
        struct rv_finding *f = &out->list.items[k];
        if (rv_ctx_wants(ctx, f->start_byte)) {
            out->list.items[kept++] = *f;
        } else {
            struct rv_findings one = {0};
            rv_vec_push(&one.list, *f);
            rv_findings_finish(&one);
        }
    }
    out->list.len = kept;
}

static void run_list(void *arg) {
    struct run_list *l = arg;
    for (size_t i = 0; i < l->count; i++) {
        struct family_run *r = &l->runs[l->index[i]];
        if (!r->ranged) {
            r->fam->check(&r->ctx, &r->out);
            continue;
        }
        run_ranged(r->fam->check, &r->ctx, &r->out);
        for (size_t k = 0; r->dep && k < r->dep->ranges.len; k++) {
            struct rv_rule_ctx one = r->dep->ranges.items[k];
            one.memo = r->ctx.memo;
            run_ranged(r->fam->check, &one, &r->out);
        }
    }
}

// Whole-file runs share the work with the helper thread when they would take this long
// (their weights scaled to the model's size): waking the thread and joining it costs some
// tens of microseconds. A warm helper (rv_helper_warm: the server warms it when an edit
// arrives) starts at once, and a keystroke's runs are shared from this much on.
#define SPLIT_MIN_US 150
#define SPLIT_WARM_MIN_US 12

// Splits the runs between this thread (`mine`) and the helper (`theirs`), the heaviest first,
// each to the side with less so far: the whole-file runs, and with a warm helper the ranged
// ones too (else they stay here, too short to be worth a wake-up). Returns false when the runs
// are too short to share.
static bool split_runs(struct family_run *runs, size_t n, size_t nodes, bool warm,
                       struct run_list *mine, struct run_list *theirs) {
    // Each run's cost here: a whole-file run's weight scaled to the model, a ranged one's as
    // it is when the helper is warm (else none: it is not shared).
    uint64_t cost[RV_ARRAY_LEN(families)];
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        cost[i] = !runs[i].ranged ? runs[i].weight * (uint64_t)nodes
                  : warm          ? runs[i].weight * (uint64_t)WEIGHT_NODES
                                  : 0;
        total += cost[i];
    }
    if (total < (warm ? SPLIT_WARM_MIN_US : SPLIT_MIN_US) * (uint64_t)WEIGHT_NODES) {
        return false;
    }
    bool placed[RV_ARRAY_LEN(families)] = {false};
    bool helped[RV_ARRAY_LEN(families)] = {false};
    uint64_t load[2] = {0, 0};
    for (;;) {
        size_t heaviest = n;
        for (size_t i = 0; i < n; i++) {
            if (!placed[i] && cost[i] > 0 && (heaviest == n || cost[i] > cost[heaviest])) {
                heaviest = i;
            }
        }
        if (heaviest == n) {
            break;
        }
        placed[heaviest] = true;
        helped[heaviest] = load[1] < load[0];
        load[helped[heaviest]] += cost[heaviest];
    }
    // Each side's share in the families' order; runs not shared stay here.
    for (size_t i = 0; i < n; i++) {
        struct run_list *side = helped[i] ? theirs : mine;
        side->index[side->count++] = (uint8_t)i;
    }
    return theirs->count > 0;
}

unsigned rv__run_families(const struct rv_rule_ctx *ctx, uint32_t changed, struct rv_findings *raw,
                          struct rv_family_memo *memos, struct rv_helper *helper,
                          const struct rv_dependents *deps) {
    unsigned widened = 0;
    uint32_t wanted = selected_categories(ctx->config);
    struct family_run runs[RV_ARRAY_LEN(families)];
    size_t n = 0;
    for (size_t i = 0; i < RV_ARRAY_LEN(families); i++) {
        struct rv_family_memo *memo = memos ? &memos[i] : NULL;
        if (!(families[i].categories & wanted)) {
            if (memo) {
                memo->valid = false; // not run: its facts would be stale when it runs again
            }
            continue;
        }
        struct family_run *r = &runs[n++];
        *r = (struct family_run){.fam = &families[i], .ctx = *ctx};
        bool narrow = !whole_file(ctx) && narrowed(i, changed, deps);
        if (!narrow &&
            (whole_file(ctx) || families[i].deps == ALWAYS || (families[i].deps & changed))) {
            widened += !whole_file(ctx) && families[i].deps != ALWAYS;
            if (memo && families[i].deps != ALWAYS) {
                memo->valid = false; // (a family that always runs keeps its memo up itself)
            }
            rv_ctx_set_whole(&r->ctx);
            r->weight = families[i].weight;
        } else {
            // An incremental run wants the family's findings in its range only; the family may
            // report others (file-wide judgements), which the caller keeps from before. Nothing
            // it reads across statements changed, so the facts it stored still hold. A narrowed
            // family examines again the statements that read what changed; what it stored
            // holds for the change (naming's judgement, taken again: rv__naming_rejudge).
            r->ranged = true;
            r->dep = narrow ? &deps[i] : NULL;
            r->weight = families[i].ranged * (1 + (unsigned)(narrow ? deps[i].ranges.len : 0));
        }
        r->ctx.memo = memo;
    }
    struct run_list mine = {runs, {0}, 0};
    struct run_list theirs = {runs, {0}, 0};
    if (helper &&
        split_runs(runs, n, ctx->model->nodes.len, rv_helper_warm_now(helper), &mine, &theirs)) {
        rv_helper_start(helper, run_list, &theirs);
        run_list(&mine);
        rv_helper_wait(helper);
    } else {
        mine.count = 0;
        for (size_t i = 0; i < n; i++) {
            mine.index[mine.count++] = (uint8_t)i;
        }
        run_list(&mine);
    }
    for (size_t i = 0; i < n; i++) {
        struct family_run *r = &runs[i];
        if (r->out.list.len) {
            rv_vec_reserve(&raw->list, raw->list.len + r->out.list.len);
            memcpy(raw->list.items + raw->list.len, r->out.list.items,
                   r->out.list.len * sizeof(*r->out.list.items));
            raw->list.len += r->out.list.len;
        }
        rv_vec_finish(&r->out.list);
    }
    return widened;
}

bool rv__blocks_change_absorbed(struct rv_family_memo *memos, int unit) {
    for (size_t i = 0; i < RV_ARRAY_LEN(families); i++) {
        if (families[i].check == rv_check_indentation) {
            return rv__indentation_absorbs(&memos[i], unit);
        }
    }
    return false;
}

uint32_t rv__brackets_scanned(const struct rv_family_memo *memos) {
    for (size_t i = 0; i < RV_ARRAY_LEN(families); i++) {
        if (families[i].check == rv_check_syntax) {
            return memos[i].valid ? rv__syntax_scanned(&memos[i]) : 0;
        }
    }
    return 0;
}

enum rv_reuse rv__finding_reuse(uint16_t code, uint32_t changed, const struct rv_dependents *deps,
                                size_t *family) {
    const struct rv_rule_info *rule = rv_rule_by_code(code);
    if (rule == NULL) {
        return RV_REUSE_NONE;
    }
    for (size_t i = 0; i < RV_ARRAY_LEN(families); i++) {
        const struct family *f = &families[i];
        bool mine = f->first_code == 0 || (code >= f->first_code && code <= f->last_code);
        if ((f->categories & CAT(rule->category)) && mine) {
            *family = i;
            if (f->deps == ALWAYS) {
                return RV_REUSE_NONE;
            }
            if (!(f->deps & changed)) {
                return RV_REUSE_KEEP;
            }
            return narrowed(i, changed, deps) ? RV_REUSE_DEPENDENTS : RV_REUSE_NONE;
        }
    }
    return RV_REUSE_NONE;
}

uint32_t rv__family_deps(size_t family) {
    return families[family].deps;
}

size_t rv__family_index(rv_check_fn *check) {
    size_t i = 0;
    while (i < RV_ARRAY_LEN(families) && families[i].check != check) {
        i++;
    }
    return i;
}

void rv__finish_findings(const struct rv_analysis_input *in, const struct rv_model *model,
                         TSNode root, struct rv_findings *raw, bool keep_raw,
                         const struct rv_suppressions *kept, struct rv_findings *out) {
    // Kept sorted, the findings an incremental analysis keeps stay so, and only the new ones
    // need sorting (rv_findings_sort is adaptive); `out` takes them in that order.
    if (keep_raw) {
        rv_findings_sort(raw);
    }
    struct rv_suppressions sups; // marked as the findings use them: a copy of those kept
    if (kept) {
        rv_suppress__copy(&sups, kept);
    } else {
        rv_suppress__parse(&sups, in->text, model);
    }
    for (size_t i = 0; i < raw->list.len; i++) {
        struct rv_finding *f = &raw->list.items[i];
        bool keep = f->code < RV_RULE_CODE_MAX && in->config->selected[f->code] &&
                    !rv_suppress__match(&sups, in->text, root, f);
        if (keep) {
            struct rv_finding g = keep_raw ? rv_finding_copy(f) : *f;
            // Families may pre-set a lower severity (test code); configuration wins over both.
            if (in->config->severity[g.code]) {
                g.severity = (enum rv_severity)in->config->severity[g.code];
            } else if (g.severity == 0) {
                g.severity = rv_config_severity(in->config, g.code);
            }
            rv_vec_push(&out->list, g);
        } else if (!keep_raw) {
            struct rv_findings one = {0};
            rv_vec_push(&one.list, *f);
            rv_findings_finish(&one);
        }
    }
    if (!keep_raw) {
        raw->list.len = 0;
    }

    if (in->config->selected[403]) {
        struct rv_findings unused = {0};
        rv_suppress__report_unused(&sups, in->config, &unused);
        for (size_t i = 0; i < unused.list.len; i++) {
            unused.list.items[i].severity = rv_config_severity(in->config, 403);
        }
        rv_findings_take(out, &unused);
        rv_findings_finish(&unused);
    }
    rv_suppress__finish(&sups);
    rv_findings_sort(out);
}

struct rv_rule_ctx rv__whole_ctx(const struct rv_analysis_input *in, const struct rv_model *model) {
    struct rv_rule_ctx ctx = {
        .text = in->text,
        .tree = in->tree,
        .root = ts_tree_root_node(in->tree),
        .config = in->config,
        .model = model,
        .path = in->path,
        .is_test_file = rv_path_is_test(in->path),
        .changed_start = 0,
        .changed_end = UINT32_MAX,
    };
    rv_ctx_set_whole(&ctx);
    return ctx;
}

bool rv_analysis_selects_any(const struct rv_config *cfg) {
    for (size_t i = 0; i < rv_rules_count; i++) {
        if (cfg->selected[rv_rules[i].code]) {
            return true;
        }
    }
    return false;
}

void rv_analyze(const struct rv_analysis_input *in, struct rv_findings *out) {
    TSNode root = ts_tree_root_node(in->tree);
    struct rv_model model;
    rv_model_build(&model, in->text, root, rv_path_is_test(in->path));
    struct rv_rule_ctx ctx = rv__whole_ctx(in, &model);
    struct rv_findings raw = {0};
    rv__run_families(&ctx, RV_DEP_ALL, &raw, NULL, in->helper, NULL);
    rv__finish_findings(in, &model, root, &raw, false, NULL, out);
    rv_findings_finish(&raw);
    rv_model_finish(&model);
}
