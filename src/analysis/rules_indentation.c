// SPDX-License-Identifier: MIT
// The indentation family: RV351 (tabs and spaces mixed in one file) and RV352 (a block whose
// indentation unit differs from the file's). The unit is measured per block, as the indent
// delta between a block's first statement and its header line, so continuation lines inside
// brackets and the contents of multi-line strings are never judged as blocks.
#include "analysis_internal.h"
#include "kinds.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_MIXED_FINDINGS = 20 };

// Leading whitespace of `row`: its byte range [start, start + *len).
static uint32_t leading_ws(const struct rv_text *text, uint32_t row, size_t *len) {
    uint32_t start = text->line_starts[row];
    size_t end = rv_text_line_end(text, row);
    size_t n = 0;
    while (start + n < end && (text->bytes[start + n] == ' ' || text->bytes[start + n] == '\t')) {
        n++;
    }
    *len = n;
    return start;
}

/* ------------------------------------------------------------------------------------------ */
/* Blocks and their units. A unit is n > 0 spaces, -n for n tabs, 0 when not measurable. */

struct block {
    TSNode block;
    TSNode header;   /* the statement or clause that owns the block */
    uint32_t row;    /* row of the block's first statement */
    uint32_t ws_len; /* its leading whitespace length */
    int unit;
};

struct blocks {
    RV_VEC(struct block) list;
};

static int unit_of(const char *head, size_t head_len, const char *body, size_t body_len) {
    if (body_len <= head_len || memcmp(head, body, head_len) != 0) {
        return 0; // not a plain extension of the header's indentation: RV351 territory
    }
    const char *d = body + head_len;
    size_t n = body_len - head_len;
    size_t tabs = 0;
    for (size_t i = 0; i < n; i++) {
        tabs += d[i] == '\t';
    }
    if (tabs == 0) {
        return (int)n;
    }
    return tabs == n ? -(int)n : 0;
}

static void describe_unit(struct rv_strbuf *sb, int unit) {
    if (unit > 0) {
        rv_strbuf_printf(sb, "%d space%s", unit, unit == 1 ? "" : "s");
    } else {
        rv_strbuf_printf(sb, "%d tab%s", -unit, unit == -1 ? "" : "s");
    }
}

// Names the owner of a block for messages: "`resize`", "this `if`", "this `else`".
static void describe_header(const struct rv_text *text, TSNode header, struct rv_strbuf *sb) {
    const char *type = ts_node_type(header);
    if (strcmp(type, "function_definition") == 0 || strcmp(type, "class_definition") == 0) {
        TSNode name = rv_field(header, RV_F_NAME);
        if (!ts_node_is_null(name)) {
            size_t len;
            const char *s = rv_node_text(text, name, &len);
            rv_strbuf_printf(sb, "the body of `%.*s`", (int)len, s);
            return;
        }
    }
    // The header's first keyword (if, for, else, except, with, ...).
    TSNode first = ts_node_child(header, 0);
    if (!ts_node_is_null(first) && strcmp(ts_node_type(first), "async") == 0) {
        first = ts_node_child(header, 1);
    }
    size_t len = 0;
    const char *s = ts_node_is_null(first) ? "" : rv_node_text(text, first, &len);
    rv_strbuf_printf(sb, "the `%.*s` block", (int)len, s);
}

// The text's lines (rv_text's, which end at a lone '\r' too, as LSP does) of a node's first and
// last bytes. Tree-sitter's rows end at '\n' only, so they serve as guesses that the text's line
// index checks (rv_text_line_of_guess): taken as they are, they put string rows one line off
// after a lone '\r'.
static uint32_t start_line(const struct rv_text *text, TSNode node) {
    return (uint32_t)rv_text_line_of_guess(text, ts_node_start_byte(node),
                                           ts_node_start_point(node).row);
}

static uint32_t end_line(const struct rv_text *text, TSNode node) {
    return (uint32_t)rv_text_line_of_guess(text, ts_node_end_byte(node),
                                           ts_node_end_point(node).row);
}

// Rows after a multi-line string's first row are its contents, not code. Only RV351 reads
// them, and only in a file that indents with both tabs and spaces: one scan of the model's
// nodes.
static void mark_strings(const struct rv_rule_ctx *ctx, bool *in_string) {
    const struct rv_text *text = ctx->text;
    const struct rv_flat_node *nodes = ctx->model->nodes.items;
    size_t count = ctx->model->nodes.len;
    for (size_t i = 0; i < count; i++) {
        if (nodes[i].kind == RV_K_STRING) {
            uint32_t a = start_line(text, nodes[i].node);
            uint32_t b = end_line(text, nodes[i].node);
            for (uint32_t r = a + 1; r <= b && r < text->line_count; r++) {
                in_string[r] = true;
            }
        }
    }
}

// Statements that cannot hold a block: in a tree without errors, a block is only ever the body
// of a compound statement or clause, so collect_blocks skips these statements whole (most of a
// file's nodes are under them). Under an error anything may nest, but only inside a subtree
// that holds it. In a clean tree the root answers for every node (asking each statement would
// read its subtree, a cache miss apiece); in a tree with an error each of these statements is
// asked (skips_no_block), which costs far less than measuring every node below it. The model's
// nodes copied from earlier trees come from statements without syntax errors
// (docs/incremental.md).
const bool rv__kind_holds_no_block[RV_K_COUNT] = {
    [RV_K_EXPRESSION_STATEMENT] = true,
    [RV_K_RETURN_STATEMENT] = true,
    [RV_K_RAISE_STATEMENT] = true,
    [RV_K_ASSERT_STATEMENT] = true,
    [RV_K_IMPORT_STATEMENT] = true,
    [RV_K_IMPORT_FROM_STATEMENT] = true,
    [RV_K_GLOBAL_STATEMENT] = true,
    [RV_K_NONLOCAL_STATEMENT] = true,
    [RV_K_DECORATOR] = true,
    [RV_K_COMMENT] = true,
};

// Measures model node `i` when it is a block: its header, first statement and unit (0 when not
// measurable). False when it is not a block, or one whose first statement shares the header's
// line or does not start its own.
static bool measure_block(const struct rv_text *text, const struct rv_flat_node *nodes, size_t i,
                          struct block *out) {
    if (nodes[i].kind != RV_K_BLOCK || nodes[i].parent == UINT32_MAX) {
        return false;
    }
    TSNode header = nodes[nodes[i].parent].node;
    // The first statement, skipping comments (their indentation means nothing): the block's
    // children follow it in the model's pre-order nodes.
    TSNode first = {0};
    for (uint32_t c = (uint32_t)i + 1; c < nodes[i].end; c = nodes[c].end) {
        if (nodes[c].named && nodes[c].kind != RV_K_COMMENT) {
            first = nodes[c].node;
            break;
        }
    }
    if (ts_node_is_null(header) || ts_node_is_null(first)) {
        return false;
    }
    uint32_t hrow = start_line(text, header);
    uint32_t fbyte = ts_node_start_byte(first);
    uint32_t frow = start_line(text, first);
    size_t hlen;
    size_t flen;
    uint32_t hs = leading_ws(text, hrow, &hlen);
    uint32_t fs = leading_ws(text, frow, &flen);
    // Same-line bodies (`if x: go()`) and statements that do not start their line have no
    // indentation of their own.
    if (frow <= hrow || fbyte - text->line_starts[frow] != flen) {
        return false;
    }
    out->block = nodes[i].node;
    out->header = header;
    out->row = frow;
    out->ws_len = (uint32_t)flen;
    out->unit = unit_of(text->bytes + hs, hlen, text->bytes + fs, flen);
    return true;
}

// Whether the scan may skip model node `i` whole: it cannot hold a block (see above).
static bool skips_no_block(const struct rv_flat_node *nodes, size_t i, bool clean) {
    return rv__kind_holds_no_block[nodes[i].kind] && (clean || !ts_node_has_error(nodes[i].node));
}

int rv__block_unit(const struct rv_text *text, const struct rv_model *model, size_t i) {
    struct block b;
    return measure_block(text, model->nodes.items, i, &b) ? b.unit : 0;
}

// One scan of the model's nodes (no walk of its own), in pre-order: the blocks come out in
// the order of their start.
static void collect_blocks(const struct rv_rule_ctx *ctx, struct blocks *blocks) {
    const struct rv_flat_node *nodes = ctx->model->nodes.items;
    size_t count = ctx->model->nodes.len;
    bool clean = !ts_node_has_error(ctx->root);
    for (size_t i = 0; i < count; i++) {
        struct block b;
        if (skips_no_block(nodes, i, clean)) {
            i = nodes[i].end - 1;
        } else if (measure_block(ctx->text, nodes, i, &b)) {
            rv_vec_push(&blocks->list, b);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* RV352: blocks with another unit than the file's. */

struct unit_count {
    int unit;
    size_t count;
};

static int dominant_unit(const struct blocks *blocks, size_t *count, size_t *total) {
    RV_VEC(struct unit_count) counts = {0};
    *total = 0;
    for (size_t i = 0; i < blocks->list.len; i++) {
        int unit = blocks->list.items[i].unit;
        if (unit == 0) {
            continue;
        }
        (*total)++;
        size_t j = 0;
        while (j < counts.len && counts.items[j].unit != unit) {
            j++;
        }
        if (j == counts.len) {
            struct unit_count uc = {unit, 0};
            rv_vec_push(&counts, uc);
        }
        counts.items[j].count++;
    }
    // The most frequent unit; a tie goes to PEP 8's 4 spaces, else to the first seen.
    int best = 0;
    size_t best_count = 0;
    for (size_t j = 0; j < counts.len; j++) {
        const struct unit_count *uc = &counts.items[j];
        if (uc->count > best_count || (uc->count == best_count && uc->unit == 4)) {
            best = uc->unit;
            best_count = uc->count;
        }
    }
    rv_vec_finish(&counts);
    *count = best_count;
    return best;
}

// Returns true when every measurable block has the dominant unit (nothing to report).
// `dom` is the file's unit, `dom_count` of its `total` measurable blocks have it: the caller
// counts them (dominant_unit), or a ranged run takes them from the memo.
static bool check_units(const struct rv_rule_ctx *ctx, const struct blocks *blocks, int dom,
                        size_t dom_count, size_t total, struct rv_findings *out) {
    const size_t no_finding = SIZE_MAX;
    if (dom == 0 || dom_count == total) {
        return true;
    }
    // A pasted 2-space function has many 2-space blocks: report the outermost one and count
    // its nested blocks of the same unit into that finding.
    struct open_report {
        uint32_t end_byte;
        int unit;
        size_t finding;
        size_t nested;
    };
    RV_VEC(struct open_report) open = {0};
    RV_VEC(struct open_report) done = {0};
    for (size_t i = 0; i < blocks->list.len; i++) {
        const struct block *b = &blocks->list.items[i];
        uint32_t start = ts_node_start_byte(b->block);
        while (open.len > 0 && open.items[open.len - 1].end_byte <= start) {
            rv_vec_push(&done, open.items[open.len - 1]);
            open.len--;
        }
        if (b->unit == 0 || b->unit == dom) {
            continue;
        }
        bool absorbed = false;
        for (size_t j = 0; j < open.len; j++) {
            if (open.items[j].unit == b->unit) {
                open.items[j].nested++;
                absorbed = true;
                break;
            }
        }
        if (absorbed) {
            continue;
        }
        // A block reported outside an incremental run's range still absorbs the blocks
        // nested in it (some may be inside the range): it stays open, without a finding.
        uint32_t ws = ctx->text->line_starts[b->row];
        if (!rv_ctx_wants(ctx, ws)) {
            struct open_report r = {ts_node_end_byte(b->block), b->unit, no_finding, 0};
            rv_vec_push(&open, r);
            continue;
        }
        struct rv_strbuf msg = {0};
        describe_header(ctx->text, b->header, &msg);
        rv_strbuf_puts(&msg, " is indented by ");
        describe_unit(&msg, b->unit);
        rv_strbuf_puts(&msg, "; the file mostly uses ");
        describe_unit(&msg, dom);
        rv_strbuf_printf(&msg, " (%zu of %zu blocks)", dom_count, total);
        struct rv_finding *f = rv_findings_add(out, 352, ws, ws + b->ws_len, "%s", msg.data);
        rv_finding_set_fix(f, RV_FIX_REINDENT, NULL);
        rv_strbuf_finish(&msg);
        struct open_report r = {ts_node_end_byte(b->block), b->unit, out->list.len - 1, 0};
        rv_vec_push(&open, r);
    }
    while (open.len > 0) {
        rv_vec_push(&done, open.items[open.len - 1]);
        open.len--;
    }
    for (size_t j = 0; j < done.len; j++) {
        if (done.items[j].nested == 0 || done.items[j].finding == no_finding) {
            continue;
        }
        struct rv_finding *f = &out->list.items[done.items[j].finding];
        rv_finding_reword(f, "%s; %zu nested block%s use%s the same unit", f->message,
                          done.items[j].nested, done.items[j].nested == 1 ? "" : "s",
                          done.items[j].nested == 1 ? "s" : "");
    }
    rv_vec_finish(&open);
    rv_vec_finish(&done);
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* RV351: tabs and spaces in one file. */

enum ws_kind { WS_NONE, WS_SPACES, WS_TABS, WS_BOTH };

static enum ws_kind classify(const char *s, size_t len) {
    bool tab = false;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        tab |= s[i] == '\t';
        space |= s[i] == ' ';
    }
    return tab && space ? WS_BOTH : tab ? WS_TABS : space ? WS_SPACES : WS_NONE;
}

// The top-level statement that holds `row`, so that a run of offending lines is reported once
// per definition.
static TSNode top_statement_at(const struct rv_text *text, TSNode root, uint32_t row) {
    uint32_t n = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < n; i++) {
        TSNode c = ts_node_named_child(root, i);
        if (start_line(text, c) <= row && end_line(text, c) >= row) {
            return c;
        }
    }
    TSNode null_node = {0};
    return null_node;
}

static void check_mixed(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    const struct rv_text *text = ctx->text;
    // Without a tab anywhere no line mixes: one memchr spares the scans below.
    if (ctx->no_tab || memchr(text->bytes, '\t', text->len) == NULL) {
        return;
    }
    bool *in_string = rv_xcalloc(text->line_count + 1, sizeof(bool));
    mark_strings(ctx, in_string);
    size_t tab_lines = 0;
    size_t space_lines = 0;
    size_t both_lines = 0;
    for (uint32_t r = 0; r < text->line_count; r++) {
        size_t len;
        uint32_t s = leading_ws(text, r, &len);
        if (in_string[r] || len == 0 || s + len >= rv_text_line_end(text, r)) {
            continue; // string contents, unindented or blank lines
        }
        switch (classify(text->bytes + s, len)) {
        case WS_TABS:
            tab_lines++;
            break;
        case WS_SPACES:
            space_lines++;
            break;
        case WS_BOTH:
            both_lines++;
            break;
        case WS_NONE:
            break;
        }
    }
    if (both_lines == 0 && (tab_lines == 0 || space_lines == 0)) {
        free(in_string);
        return;
    }
    // The majority is the file's style; the minority (and lines mixing both) are reported.
    enum ws_kind minority = tab_lines > space_lines ? WS_SPACES : WS_TABS;
    const char *file_style = minority == WS_SPACES ? "tabs" : "spaces";
    size_t majority_lines = minority == WS_SPACES ? tab_lines : space_lines;
    size_t findings = 0;
    for (uint32_t r = 0; r < text->line_count && findings < MAX_MIXED_FINDINGS; r++) {
        size_t len;
        uint32_t s = leading_ws(text, r, &len);
        if (in_string[r] || len == 0 || s + len >= rv_text_line_end(text, r)) {
            continue;
        }
        enum ws_kind kind = classify(text->bytes + s, len);
        if (kind != minority && kind != WS_BOTH) {
            continue;
        }
        // Gather the rest of this run within the same top-level statement.
        TSNode top = top_statement_at(text, ctx->root, r);
        uint32_t last = ts_node_is_null(top) ? r : end_line(text, top);
        size_t more = 0;
        uint32_t last_bad = r;
        uint32_t next = r + 1;
        for (; next <= last && next < text->line_count; next++) {
            size_t l2;
            uint32_t s2 = leading_ws(text, next, &l2);
            if (in_string[next] || l2 == 0 || s2 + l2 >= rv_text_line_end(text, next)) {
                continue;
            }
            enum ws_kind k2 = classify(text->bytes + s2, l2);
            if (k2 == minority || k2 == WS_BOTH) {
                more++;
                last_bad = next;
            }
        }
        // Outside an incremental run's range the finding only counts toward the cap.
        if (!rv_ctx_wants(ctx, s)) {
            findings++;
            r = next - 1;
            continue;
        }
        const char *what = kind == WS_BOTH       ? "tabs and spaces together"
                           : minority == WS_TABS ? "tabs"
                                                 : "spaces";
        struct rv_finding *f;
        if (more == 0) {
            f = rv_findings_add(out, 351, s, s + (uint32_t)len,
                                "this line is indented with %s in a file indented with %s "
                                "(%zu lines)",
                                what, file_style, majority_lines);
        } else {
            f = rv_findings_add(out, 351, s, s + (uint32_t)len,
                                "this line and %zu more up to line %u are indented with %s in a "
                                "file indented with %s (%zu lines)",
                                more, last_bad + 1, what, file_style, majority_lines);
        }
        rv_finding_set_fix(f, RV_FIX_REINDENT, NULL);
        findings++;
        r = next - 1;
    }
    free(in_string);
}

// The blocks a ranged run reads when some block is off the file's unit: those around the
// range (a class's body block holds the statements of its other units) and those from the
// range's start to the end of the last block that starts inside it (a block's nested blocks of
// its unit count into its finding, and a class head's body block holds statements outside the
// range). Any other block ends before the range or starts after all that, where check_units
// never looks back.
static void collect_around(const struct rv_rule_ctx *ctx, struct blocks *blocks) {
    const struct rv_flat_node *nodes = ctx->model->nodes.items;
    uint32_t count = (uint32_t)ctx->model->nodes.len;
    uint32_t lo = 1; // the root is no block
    uint32_t hi = count;
    while (lo < hi) { // start bytes never decrease in pre-order
        uint32_t mid = lo + (hi - lo) / 2;
        if (ts_node_start_byte(nodes[mid].node) < ctx->range_start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    RV_VEC(uint32_t) around = {0};
    for (uint32_t p = lo < count ? nodes[lo].parent : UINT32_MAX; p != UINT32_MAX;
         p = nodes[p].parent) {
        if (nodes[p].kind == RV_K_BLOCK) {
            rv_vec_push(&around, p);
        }
    }
    struct block b;
    for (size_t k = around.len; k-- > 0;) { // outermost first, as a scan meets them
        if (measure_block(ctx->text, nodes, around.items[k], &b)) {
            rv_vec_push(&blocks->list, b);
        }
    }
    rv_vec_finish(&around);
    bool clean = !ts_node_has_error(ctx->root);
    uint32_t until = ctx->range_end;
    for (uint32_t i = lo; i < count; i++) {
        uint32_t start = ts_node_start_byte(nodes[i].node);
        if (start >= until) {
            break;
        }
        if (skips_no_block(nodes, i, clean)) {
            i = nodes[i].end - 1;
        } else if (measure_block(ctx->text, nodes, i, &b)) {
            rv_vec_push(&blocks->list, b);
            uint32_t end = ts_node_end_byte(b.block);
            until = start < ctx->range_end && end > until ? end : until;
        }
    }
}

// The memo's facts: whether every measurable block of the file has the dominant unit (then
// RV352 has nothing to report anywhere), that unit, how many blocks have it and how many are
// measurable. They follow from the unit of every block (incremental.c's blocks part), which a
// ranged run finds unchanged.
enum { MEMO_UNIFORM, MEMO_UNIT, MEMO_UNIT_COUNT, MEMO_TOTAL };

bool rv__indentation_absorbs(struct rv_family_memo *memo, int unit) {
    if (!memo->valid || !memo->facts[MEMO_UNIFORM] || unit == RV_UNITS_MIXED) {
        return false;
    }
    int dom = (int)(int64_t)memo->facts[MEMO_UNIT];
    if (dom == 0) {
        // No block before: the other statements have none, so the edited ones set the unit.
        // (The counts are read only in a file that is not uniform, which a whole run counts.)
        memo->facts[MEMO_UNIT] = (uint64_t)(int64_t)unit;
        return true;
    }
    return unit == 0 || unit == dom;
}

void rv_check_indentation(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    if (ctx->config->selected[351]) {
        check_mixed(ctx, out);
    }
    if (ctx->config->selected[352]) {
        struct rv_family_memo *memo = ctx->memo;
        if (memo != NULL && memo->valid && memo->facts[MEMO_UNIFORM]) {
            return; // the usual case: one unit throughout, no block to read again
        }
        struct blocks blocks = {0};
        if (memo != NULL && memo->valid) {
            collect_around(ctx, &blocks);
            check_units(ctx, &blocks, (int)(int64_t)memo->facts[MEMO_UNIT],
                        (size_t)memo->facts[MEMO_UNIT_COUNT], (size_t)memo->facts[MEMO_TOTAL], out);
        } else {
            collect_blocks(ctx, &blocks);
            size_t dom_count;
            size_t total;
            int dom = dominant_unit(&blocks, &dom_count, &total);
            bool uniform = check_units(ctx, &blocks, dom, dom_count, total, out);
            if (memo != NULL) {
                memo->facts[MEMO_UNIFORM] = uniform;
                memo->facts[MEMO_UNIT] = (uint64_t)(int64_t)dom;
                memo->facts[MEMO_UNIT_COUNT] = dom_count;
                memo->facts[MEMO_TOTAL] = total;
                memo->valid = true;
            }
        }
        rv_vec_finish(&blocks.list);
    }
}
