// SPDX-License-Identifier: MIT
// Syntax findings from tree-sitter's error recovery: ERROR nodes (RV001) and MISSING tokens
// (RV002), with messages a person can act on. Only subtrees that contain errors are visited; a
// tree without errors is searched for the one mistake tree-sitter accepts, an empty block
// (RV002, "expected an indented block").
#include "analysis_internal.h"
#include "kinds.h"

#include <assert.h>
#include <string.h>

enum { MAX_SYNTAX_FINDINGS = 100 };

static const char *describe_missing(const char *type) {
    static const struct {
        const char *type;
        const char *what;
    } names[] = {
        {"identifier", "a name"},
        {"block", "an indented block"},
        {"_indent", "an indented block"},
        {"_newline", "the end of the line"},
        {"_dedent", "a dedent"},
        {"expression", "an expression"},
        {"primary_expression", "an expression"},
        {"string", "a string"},
        {"string_end", "the end of the string"},
        {"string_start", "a string"},
        {"integer", "a number"},
    };
    for (size_t i = 0; i < RV_ARRAY_LEN(names); i++) {
        if (strcmp(names[i].type, type) == 0) {
            return names[i].what;
        }
    }
    return NULL;
}

static const char *closer_of(char c) {
    switch (c) {
    case '(':
        return ")";
    case '[':
        return "]";
    case '{':
        return "}";
    default:
        return NULL;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Brackets: tree-sitter's recovery often blames the line after an unclosed bracket, so the
 * brackets are matched on the text itself, skipping strings and comments. */

struct bracket {
    char open;
    uint32_t at;
};

// The index of the first byte at or after `i` that is one of `set`, or `len`. The text is
// NUL-terminated (rv_text), so strcspn scans it a vector at a time; a NUL byte inside the text
// is stepped over like any other.
static size_t skip_to(const char *text, size_t len, size_t i, const char *set) {
    while (i < len) {
        i += strcspn(text + i, set);
        if (i >= len || text[i] != '\0') {
            break;
        }
        i++;
    }
    return i < len ? i : len;
}

// Skips a string literal starting at text[i] (the quote); returns the index after it. Strings
// that are not closed end at the end of their line (single quotes) or of the text (triple).
static size_t skip_string(const char *text, size_t len, size_t i) {
    char q = text[i];
    bool triple = i + 2 < len && text[i + 1] == q && text[i + 2] == q;
    // What ends the skip: an escape, the quote, and for a single-quoted string a line end.
    const char set[] = {'\\', q, triple ? '\0' : '\n', '\r', '\0'};
    i += triple ? 3 : 1;
    while ((i = skip_to(text, len, i, set)) < len) {
        char c = text[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (!triple && (c == '\n' || c == '\r')) {
            return i;
        }
        if (c == q && (!triple || (i + 2 < len && text[i + 1] == q && text[i + 2] == q))) {
            return i + (triple ? 3 : 1);
        }
        i++;
    }
    return len;
}

/* The scan, resumable. Where an iteration of its loop starts, its whole state is the position
 * and the kinds of the brackets left open: two texts that agree from there on are scanned
 * alike by scans in the same state, and what one finds the other finds at the same distance
 * from the end, but for the brackets opened before (the same kinds, each at its own place).
 * The document's memo keeps where the last scan stood now and then (checkpoints), what it found
 * and, since, how much of that text's start and end the edits left as it was. A scan resumes at
 * the last checkpoint without an open bracket before the first edit and stops at the first
 * checkpoint in the text's unchanged end that it reaches in the same state, taking the rest
 * from the memo: a keystroke scans a few kilobytes around it, not the file. */

enum {
    SCAN_NONE,     /* balanced */
    SCAN_FOUND,    /* a closer that matches nothing, at `found` */
    SCAN_UNCLOSED, /* brackets left open at the end */
};

enum { MAX_CHECKPOINT_DEPTH = 13 }; /* the open brackets' kinds fit 26 bits */

/* The memo's facts: the length of the text scanned, how many of its first and last bytes are
 * unchanged since, the result (kind, stray, the bracket, its depth in the stack, where it was
 * found) and the checkpoints (position, depth and kinds, in the scanned text). */
enum {
    M_LEN,
    M_SAME_HEAD,
    M_SAME_TAIL,
    M_RESULT,
    M_AT,
    M_COUNT,
    M_SCANNED, /* the bytes the last run read (rv__syntax_scanned) */
    M_MARKS,
    MAX_MARKS = (int)(sizeof(((struct rv_family_memo *)0)->facts) / sizeof(uint64_t)) - M_MARKS,
};

struct scan_result {
    int kind;
    bool stray;
    struct bracket bad;
    uint32_t depth; /* the bad bracket's index in the stack (unclosed: 0, the outermost) */
    uint32_t found; /* where the scan stopped (SCAN_FOUND) */
};

struct checkpoint {
    uint32_t at;
    uint32_t depth;
    uint32_t kinds; /* 2 bits per open bracket, the outermost lowest */
};

static uint32_t bracket_kind(char open) {
    return open == '(' ? 1 : open == '[' ? 2 : 3;
}

static uint64_t pack_mark(struct checkpoint c) {
    return (uint64_t)c.at | (uint64_t)c.depth << 32 | (uint64_t)c.kinds << 37;
}

static struct checkpoint unpack_mark(uint64_t v) {
    return (struct checkpoint){(uint32_t)v, (uint32_t)(v >> 32) & 31, (uint32_t)(v >> 37)};
}

struct scanner {
    const char *text;
    size_t len;
    RV_VEC(struct bracket) stack;
    uint32_t kinds; /* of the stack, while it is no deeper than MAX_CHECKPOINT_DEPTH */
    RV_VEC(struct checkpoint) marks;
    uint32_t spacing; /* bytes between checkpoints */
    uint32_t next_mark;
    uint32_t stop; /* where scan_from returned */
};

// Scans from `i` (the stack as it is) to the end or to the first stray closer, recording
// checkpoints; `converge`, if not NULL, is asked at every iteration start whether the scan may
// stop there (true: s->stop is where it stopped).
static bool scan_from(struct scanner *s, size_t i, struct scan_result *r,
                      bool (*converge)(struct scanner *, uint32_t, void *), void *ud) {
    const char *text = s->text;
    size_t len = s->len;
    while (i < len) {
        if (s->stack.len <= MAX_CHECKPOINT_DEPTH) {
            if (converge && converge(s, (uint32_t)i, ud)) {
                s->stop = (uint32_t)i;
                return true;
            }
            if (i >= s->next_mark) {
                struct checkpoint c = {(uint32_t)i, (uint32_t)s->stack.len, s->kinds};
                rv_vec_push(&s->marks, c);
                s->next_mark = (uint32_t)i + s->spacing;
            }
        }
        i = skip_to(text, len, i, "#\"'()[]{}");
        if (i == len) {
            break;
        }
        char c = text[i];
        if (c == '#') {
            i = skip_to(text, len, i, "\r\n");
        } else if (c == '"' || c == '\'') {
            i = skip_string(text, len, i);
        } else if (c == '(' || c == '[' || c == '{') {
            if (s->stack.len < MAX_CHECKPOINT_DEPTH) {
                s->kinds |= bracket_kind(c) << (2 * s->stack.len);
            }
            struct bracket b = {c, (uint32_t)i};
            rv_vec_push(&s->stack, b);
            i++;
        } else if (c == ')' || c == ']' || c == '}') {
            char want = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (s->stack.len == 0 || s->stack.items[s->stack.len - 1].open != want) {
                // A closer that matches nothing: blame the innermost open bracket if any
                // (it was probably meant to close there), else the closer itself.
                r->kind = SCAN_FOUND;
                r->found = (uint32_t)i;
                r->stray = s->stack.len == 0;
                r->depth = s->stack.len ? (uint32_t)s->stack.len - 1 : 0;
                r->bad = s->stack.len ? s->stack.items[s->stack.len - 1]
                                      : (struct bracket){c, (uint32_t)i};
                s->stop = (uint32_t)i + 1;
                return false;
            }
            s->stack.len--;
            if (s->stack.len < MAX_CHECKPOINT_DEPTH) {
                s->kinds &= (1u << (2 * s->stack.len)) - 1;
            }
            i++;
        } else {
            i++;
        }
    }
    s->stop = (uint32_t)len;
    // Report the outermost bracket that is still open: the innermost may be fine.
    *r = s->stack.len ? (struct scan_result){SCAN_UNCLOSED, false, s->stack.items[0], 0, 0}
                      : (struct scan_result){SCAN_NONE, false, {0, 0}, 0, 0};
    return false;
}

/* What the scan resuming after an edit compares with the memo: the last scan's checkpoints in
 * the unchanged end of the text, by position in this text. */
struct suffix {
    const struct rv_family_memo *memo;
    uint32_t first_tail; /* where the unchanged end starts in this text */
    uint32_t old_len;
    uint32_t len;
    uint32_t k; /* the next checkpoint to compare */
    uint32_t count;
    struct checkpoint hit;
};

static bool converge_at(struct scanner *s, uint32_t i, void *ud) {
    struct suffix *sx = ud;
    if (i < sx->first_tail) {
        return false;
    }
    while (sx->k < sx->count) {
        struct checkpoint c = unpack_mark(sx->memo->facts[M_MARKS + sx->k]);
        if (sx->old_len - c.at > sx->len - sx->first_tail) {
            sx->k++; // in the changed part of the old text
            continue;
        }
        uint32_t here = sx->len - (sx->old_len - c.at);
        if (here > i) {
            return false;
        }
        sx->k++;
        if (here == i && c.depth == s->stack.len && c.kinds == s->kinds) {
            sx->hit = c;
            return true;
        }
    }
    return false;
}

// The memo's checkpoints and result after an analysis that changed [start, end) of the text,
// now `len` bytes long: the unchanged start and end shrink to what the edit left.
static void memo_note_change(struct rv_family_memo *memo, size_t len, uint32_t start,
                             uint32_t end) {
    if (!memo->valid) {
        return;
    }
    uint64_t head = start;
    uint64_t tail = end >= len ? 0 : len - end;
    memo->facts[M_SAME_HEAD] = RV_MIN(memo->facts[M_SAME_HEAD], head);
    memo->facts[M_SAME_TAIL] = RV_MIN(memo->facts[M_SAME_TAIL], tail);
}

static void memo_store(struct rv_family_memo *memo, size_t len, const struct scan_result *r,
                       const struct scanner *s) {
    memo->valid = true;
    memo->facts[M_LEN] = len;
    memo->facts[M_SAME_HEAD] = len;
    memo->facts[M_SAME_TAIL] = len;
    memo->facts[M_RESULT] = (uint64_t)r->kind | (uint64_t)r->stray << 2 |
                            (uint64_t)(unsigned char)r->bad.open << 8 | (uint64_t)r->depth << 16;
    memo->facts[M_AT] = (uint64_t)r->bad.at | (uint64_t)r->found << 32;
    // Too many (a scan resumed, with the checkpoints of both): every other one.
    size_t step = 1;
    while (s->marks.len / step > MAX_MARKS) {
        step *= 2;
    }
    size_t n = 0;
    for (size_t k = 0; k < s->marks.len; k += step) {
        memo->facts[M_MARKS + n++] = pack_mark(s->marks.items[k]);
    }
    memo->facts[M_COUNT] = n;
}

uint32_t rv__syntax_scanned(const struct rv_family_memo *memo) {
    return (uint32_t)memo->facts[M_SCANNED];
}

static struct scan_result memo_result(const struct rv_family_memo *memo) {
    uint64_t v = memo->facts[M_RESULT];
    struct scan_result r = {(int)(v & 3),
                            (v >> 2) & 1,
                            {(char)(v >> 8), (uint32_t)memo->facts[M_AT]},
                            (uint32_t)(v >> 16) & 0xffff,
                            (uint32_t)(memo->facts[M_AT] >> 32)};
    return r;
}

// Finds the first unclosed opening bracket or stray closing one; returns false if balanced.
// With a memo (the document's), resumes the last scan around the changed bytes.
static bool find_unbalanced(const struct rv_rule_ctx *ctx, struct bracket *bad, bool *stray) {
    const struct rv_text *t = ctx->text;
    struct rv_family_memo *memo = ctx->memo;
    struct scanner s = {.text = t->bytes, .len = t->len};
    s.spacing = (uint32_t)RV_MAX(t->len / (MAX_MARKS / 2), 256);
    struct scan_result r = {0};
    uint32_t resume = 0;
    bool valid = memo != NULL && memo->valid;
    if (valid) {
        memo_note_change(memo, t->len, ctx->changed_start, ctx->changed_end);
    }
    struct scan_result old = valid ? memo_result(memo) : r;
    uint32_t head = valid ? (uint32_t)memo->facts[M_SAME_HEAD] : 0;
    bool unchanged = valid && old.kind == SCAN_FOUND && old.found < head;
    if (unchanged) {
        r = old; // found before anything changed: the memo stays as it is
    } else {
        // The last checkpoint without an open bracket before the change, and those before it.
        uint32_t count = valid ? (uint32_t)memo->facts[M_COUNT] : 0;
        for (uint32_t k = 0; k < count; k++) {
            struct checkpoint c = unpack_mark(memo->facts[M_MARKS + k]);
            if (c.at > head) {
                break;
            }
            rv_vec_push(&s.marks, c);
            resume = c.depth == 0 ? c.at : resume;
        }
        while (s.marks.len > 0 && s.marks.items[s.marks.len - 1].at >= resume) {
            s.marks.len--; // the scan records them again
        }
        s.next_mark = resume;
        struct suffix sx = {0};
        if (valid) {
            sx = (struct suffix){memo,
                                 (uint32_t)(t->len - memo->facts[M_SAME_TAIL]),
                                 (uint32_t)memo->facts[M_LEN],
                                 (uint32_t)t->len,
                                 0,
                                 count,
                                 {0}};
        }
        bool met = scan_from(&s, resume, &r, valid ? converge_at : NULL, &sx);
        // Met the last scan in the same state: from there on it finds what that scan found,
        // moved with the text's end, but for a bracket already open there (this stack's, at
        // the same depth). The checkpoints after hold for this scan too.
        if (met) {
            r = old;
            uint32_t shift = sx.len - sx.old_len; // modulo 2^32
            if (r.kind != SCAN_NONE && r.bad.at < sx.hit.at) {
                r.bad = s.stack.items[r.depth];
            } else if (r.kind != SCAN_NONE) {
                r.bad.at += shift;
            }
            r.found += r.kind == SCAN_FOUND ? shift : 0;
            for (uint32_t k = sx.k - 1; k < count; k++) {
                struct checkpoint c = unpack_mark(memo->facts[M_MARKS + k]);
                c.at += shift;
                rv_vec_push(&s.marks, c);
            }
        }
    }
    if (memo != NULL && !unchanged) {
        memo_store(memo, t->len, &r, &s);
    }
    if (memo != NULL) {
        memo->facts[M_SCANNED] = unchanged ? 0 : s.stop - resume;
    }
    rv_vec_finish(&s.stack);
    rv_vec_finish(&s.marks);
#ifndef NDEBUG
    // Builds with assertions check a resumed scan against a whole one.
    if (memo != NULL) {
        struct scanner whole = {.text = t->bytes, .len = t->len, .spacing = UINT32_MAX};
        struct scan_result w = {0};
        scan_from(&whole, 0, &w, NULL, NULL);
        assert(w.kind == r.kind && w.stray == r.stray && w.bad.open == r.bad.open &&
               w.bad.at == r.bad.at);
        rv_vec_finish(&whole.stack);
        rv_vec_finish(&whole.marks);
    }
#endif
    if (r.kind == SCAN_NONE) {
        return false;
    }
    *bad = r.bad;
    *stray = r.stray;
    return true;
}

// Returns the first leaf of `node` with text, for "unexpected `x`" messages.
static TSNode first_leaf(TSNode node) {
    while (ts_node_child_count(node) > 0) {
        node = ts_node_child(node, 0);
    }
    return node;
}

static bool is_compound_keyword(const char *s, size_t len) {
    static const char *const words[] = {"if",    "elif", "else", "while",  "for",     "def",
                                        "class", "with", "try",  "except", "finally", "async"};
    for (size_t i = 0; i < RV_ARRAY_LEN(words); i++) {
        if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0) {
            return true;
        }
    }
    return false;
}

// `if ready` without its colon: point at the end of the header line.
static bool report_missing_colon(const struct rv_rule_ctx *ctx, TSNode node, TSNode leaf,
                                 struct rv_findings *out) {
    const struct rv_text *text = ctx->text;
    size_t len;
    const char *kw = rv_node_text(text, leaf, &len);
    if (!is_compound_keyword(kw, len)) {
        return false;
    }
    size_t line = rv_text_line_of(text, ts_node_start_byte(leaf));
    size_t end = rv_text_line_end(text, line);
    size_t start = ts_node_start_byte(leaf);
    // Trim trailing blanks and a comment.
    for (size_t i = start; i < end; i++) {
        if (text->bytes[i] == '#') {
            end = i;
            break;
        }
    }
    while (end > start && (text->bytes[end - 1] == ' ' || text->bytes[end - 1] == '\t')) {
        end--;
    }
    if (end == start || text->bytes[end - 1] == ':') {
        return false;
    }
    rv_findings_add(out, 2, (uint32_t)end - 1, (uint32_t)end,
                    "expected `:` at the end of this `%.*s` statement", (int)len, kw);
    return true;
}

static void report_error(const struct rv_rule_ctx *ctx, TSNode node, struct rv_findings *out) {
    const struct rv_text *text = ctx->text;
    uint32_t start = ts_node_start_byte(node);
    uint32_t end = ts_node_end_byte(node);
    // Keep the range on the error's first line: a whole block in red helps nobody.
    size_t line = rv_text_line_of(text, start);
    uint32_t line_end = (uint32_t)rv_text_line_end(text, line);
    if (end > line_end && line_end > start) {
        end = line_end;
    }
    if (end == start && end < text->len) {
        end++;
    }
    TSNode leaf = first_leaf(node);
    if (report_missing_colon(ctx, node, leaf, out)) {
        return;
    }
    size_t len;
    const char *s = rv_node_text(text, leaf, &len);
    if (len == 1 && closer_of(s[0]) != NULL && ts_node_child_count(node) >= 1) {
        rv_findings_add(out, 1, start, start + 1, "`%c` is never closed: expected `%s`", s[0],
                        closer_of(s[0]));
        return;
    }
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r')) {
        len--;
    }
    if (len > 0 && len <= 40 && memchr(s, '\n', len) == NULL) {
        rv_findings_add(out, 1, start, end, "invalid syntax: unexpected `%.*s`", (int)len, s);
    } else {
        rv_findings_add(out, 1, start, end, "invalid syntax");
    }
}

// Something missing at byte `at` has no width, which some editors do not show: the range
// covers the character before it instead, line ends skipped, if there is one.
static void cover_before(const struct rv_text *text, uint32_t at, uint32_t *start, uint32_t *end) {
    *start = at;
    *end = at;
    if (at > 0 && at <= text->len) {
        *start = at - 1;
        while (*start > 0 && (text->bytes[*start] == '\n' || text->bytes[*start] == '\r')) {
            (*start)--;
        }
        *end = *start + 1;
    }
}

static void report_missing(const struct rv_rule_ctx *ctx, TSNode node, struct rv_findings *out) {
    const char *type = ts_node_type(node);
    uint32_t start;
    uint32_t end;
    cover_before(ctx->text, ts_node_start_byte(node), &start, &end);
    const char *what = describe_missing(type);
    if (what) {
        rv_findings_add(out, 2, start, end, "expected %s", what);
    } else {
        rv_findings_add(out, 2, start, end, "expected `%s`", type);
    }
}

// What Python calls the statement that owns a block, for "expected an indented block after
// function definition on line 3".
static const char *block_owner(TSNode header) {
    static const char *const names[][2] = {
        {"function_definition", "function definition"},
        {"class_definition", "class definition"},
        {"if_statement", "'if' statement"},
        {"elif_clause", "'elif' statement"},
        {"else_clause", "'else' statement"},
        {"for_statement", "'for' statement"},
        {"while_statement", "'while' statement"},
        {"try_statement", "'try' statement"},
        {"except_clause", "'except' statement"},
        {"except_group_clause", "'except*' statement"},
        {"finally_clause", "'finally' statement"},
        {"with_statement", "'with' statement"},
        {"match_statement", "'match' statement"},
        {"case_clause", "'case' statement"},
    };
    const char *type = ts_node_type(header);
    for (size_t i = 0; i < RV_ARRAY_LEN(names); i++) {
        if (strcmp(type, names[i][0]) == 0) {
            return names[i][1];
        }
    }
    return "the statement";
}

// `def f():` followed by an unindented line: tree-sitter reads an empty block there, with no
// error in the tree, where Python stops with "expected an indented block". Every block of
// valid code holds a statement, so an empty one is always this mistake. Only in a tree without
// errors: error recovery leaves empty blocks of its own behind an unclosed bracket, which is
// the mistake to report there. The model's walk counts empty blocks, so a file without one
// (nearly every file, every keystroke) costs nothing here; else one pass over its nodes,
// skipping the statements that cannot hold a block.
static void check_empty_blocks(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    if (ctx->model->empty_blocks == 0) {
        return;
    }
    const struct rv_flat_node *nodes = ctx->model->nodes.items;
    size_t count = ctx->model->nodes.len;
    for (size_t i = 0; i < count; i++) {
        if (rv__kind_holds_no_block[nodes[i].kind]) {
            i = nodes[i].end - 1;
            continue;
        }
        // Empty: nothing below it in the model, which holds every node.
        if (nodes[i].kind != RV_K_BLOCK || nodes[i].end != i + 1 || nodes[i].parent == UINT32_MAX) {
            continue;
        }
        TSNode header = nodes[nodes[i].parent].node;
        uint32_t start;
        uint32_t end;
        cover_before(ctx->text, ts_node_start_byte(nodes[i].node), &start, &end); // the colon
        rv_findings_add(out, 2, start, end, "expected an indented block after %s on line %u",
                        block_owner(header), ts_node_start_point(header).row + 1);
    }
}

void rv_check_syntax(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    if (!ts_node_has_error(ctx->root)) {
        if (ctx->memo != NULL) { // the scan resumes from what the edits leave of its memo
            memo_note_change(ctx->memo, ctx->text->len, ctx->changed_start, ctx->changed_end);
            ctx->memo->facts[M_SCANNED] = 0;
        }
        check_empty_blocks(ctx, out);
        return;
    }
    size_t before = out->list.len;
    struct bracket bad;
    bool stray = false;
    uint32_t errors_from = UINT32_MAX;
    if (find_unbalanced(ctx, &bad, &stray)) {
        if (stray) {
            rv_findings_add(out, 1, bad.at, bad.at + 1, "`%c` closes nothing", bad.open);
        } else {
            rv_findings_add(out, 2, bad.at, bad.at + 1, "`%c` is never closed: expected `%s`",
                            bad.open, closer_of(bad.open));
        }
        // What tree-sitter reports after the bracket is mostly a consequence of it.
        errors_from = bad.at;
    }
    // The model holds every node in pre-order, each with the index past its subtree: the
    // subtrees without an error are stepped over whole (a tree cursor would visit every
    // statement of the file to find the few that hold one). A unit with an error is never
    // copied from an older tree, so these are the tree's own nodes.
    const struct rv_flat_node *nodes = ctx->model->nodes.items;
    size_t count = ctx->model->nodes.len;
    for (size_t i = 0; i < count && out->list.len - before < MAX_SYNTAX_FINDINGS;) {
        TSNode node = nodes[i].node;
        if (ts_node_is_missing(node)) {
            const char *type = ts_node_type(node);
            // A missing closer is already reported by the bracket check.
            bool bracket = (type[0] == ')' || type[0] == ']' || type[0] == '}') && type[1] == '\0';
            if (!(bracket && errors_from != UINT32_MAX)) {
                report_missing(ctx, node, out);
            }
        } else if (strcmp(ts_node_type(node), "ERROR") == 0) {
            if (ts_node_end_byte(node) <= errors_from) {
                report_error(ctx, node, out);
            }
        } else if (ts_node_has_error(node)) {
            i++; // into it: its first child, if it has one, is next
            continue;
        }
        i = nodes[i].end > i ? nodes[i].end : i + 1;
    }
}
