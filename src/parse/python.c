// SPDX-License-Identifier: MIT
// Parser creation and (incremental) parsing. Parsers are not thread-safe: each thread owns its
// own, and trees handed between threads are ts_tree_copy'd.
#include "reviewls/parse.h"
#include "reviewls/util.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TSParser *make_parser(const TSLanguage *lang, const char *name) {
    TSParser *parser = ts_parser_new();
    if (!ts_parser_set_language(parser, lang)) {
        fprintf(stderr,
                "reviewls: the %s grammar has ABI %u, which tree-sitter %d..%d refuses; run "
                "./dev.sh setup to fetch the pinned grammar\n",
                name, ts_language_version(lang), TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
                TREE_SITTER_LANGUAGE_VERSION);
        abort();
    }
    return parser;
}

TSParser *rv_python_parser_create(void) {
    return make_parser(tree_sitter_python(), "Python");
}

TSParser *rv_toml_parser_create(void) {
    return make_parser(tree_sitter_toml(), "TOML");
}

TSTree *rv_parse_text(TSParser *parser, const struct rv_text *text, TSTree *old) {
    return ts_parser_parse_string(parser, old, text->bytes, (uint32_t)text->len);
}

// What the statements' parse reads: the text, with `lead_in` in place of bytes [at, at + 2).
static const char lead_in[] = "\"\"";
_Static_assert(sizeof(lead_in) == 3, "the lead-in stands for two bytes");
struct lead_in_input {
    const struct rv_text *text;
    uint32_t at; /* the lead-in stands for bytes [at, end) */
    uint32_t end;
    const char *bytes; /* end - at of them */
};

static const char *read_with_lead_in(void *payload, uint32_t byte, TSPoint point, uint32_t *len) {
    (void)point;
    const struct lead_in_input *in = payload;
    if (byte >= in->at && byte < in->end) {
        *len = in->end - byte;
        return in->bytes + (byte - in->at);
    }
    if (byte >= in->text->len) {
        *len = 0;
        return "";
    }
    // Before the lead-in (never read: the included range starts at it), up to it.
    *len = (uint32_t)((byte < in->at ? in->at : in->text->len) - byte);
    return in->text->bytes + byte;
}

// Parses the included range [at, hi) of `text` with the lead-in `bytes` in place of [at, end),
// from a copy of `whole` told that those bytes changed (none of its nodes there is taken).
static TSTree *parse_with_lead_in(TSParser *parser, const struct rv_text *text, const TSTree *whole,
                                  struct lead_in_input *in, TSPoint at_point, uint32_t hi) {
    TSRange range = {at_point, rv_text_point(text, hi), in->at, hi};
    ts_parser_set_included_ranges(parser, &range, 1);
    TSTree *old = ts_tree_copy(whole);
    TSPoint end = rv_text_point(text, in->end);
    TSInputEdit changed = {in->at, in->end, in->end, rv_text_point(text, in->at), end, end};
    ts_tree_edit(old, &changed);
    TSTree *tree =
        ts_parser_parse(parser, old, (TSInput){in, read_with_lead_in, TSInputEncodingUTF8});
    ts_tree_delete(old);
    return tree;
}

// Why the lead-in: tree-sitter reuses an old node only when the last external token before it
// (a newline, an indent, a string's delimiter) left the scanner in the state the new parse's
// last one did. A parse that starts at a statement has lexed none, where the whole tree has
// the newline that ended the statement before: every node of the first statement would be
// refused and parsed again, a 100 KB class in 10 ms. After `""`, a statement of its own, the
// real line break is lexed as the newline between two top-level statements, which leaves the
// scanner as the whole tree's newline there did (no open string, no open bracket, no
// indentation), so the nodes are taken. The whole tree is told that the lead-in's bytes
// changed (an edit of a copy), so none of its nodes there is taken for the lead-in.
TSTree *rv_parse_statements(TSParser *parser, const struct rv_text *text, const TSTree *whole,
                            uint32_t lo, uint32_t hi) {
    TSPoint lo_point = rv_text_point(text, lo);
    TSRange range = {lo_point, rv_text_point(text, hi), lo, hi};
    if (lo < 3 || text->bytes[lo - 1] != '\n') {
        // No room for the lead-in: from scratch. (From the whole tree, tree-sitter 0.20.7 gave
        // a statement typed in the blank lines after the file's first statement, which it
        // took over, rows two too many: `rvbench units` over the library found it in three
        // modules.)
        ts_parser_set_included_ranges(parser, &range, 1);
        return ts_parser_parse_string(parser, NULL, text->bytes, (uint32_t)text->len);
    }
    // The lead-in and the real line break after it on the line before `lo`'s, from its start.
    struct lead_in_input in = {text, lo - 3, lo - 1, lead_in};
    return parse_with_lead_in(parser, text, whole, &in, (TSPoint){lo_point.row - 1, 0}, hi);
}

// A statement of a class's body parsed alone: in place of the lines before its own, a class of
// its own, `class _:` and a first statement `_` at the statement's indentation (a class's
// first statement belongs to its head unit), then as many line breaks as those lines held.
// The statement's indentation is then that class's block's, and it stands in a class body in
// the scanner's state the whole tree has there (indentation, no open string or bracket). The
// rows after the lead-in are the text's: it ends with the real line count, at the start of the
// statement's line. The root holds that stand-in class, whose block holds `_` and the statement
// (and those up to `hi`).
TSTree *rv_parse_class_statement(TSParser *parser, const struct rv_text *text, const TSTree *whole,
                                 uint32_t lo, uint32_t hi) {
    static const char opener[] = "class _:\n";
    const uint32_t opener_len = sizeof(opener) - 1;
    const char *b = text->bytes;
    uint32_t line = lo;
    while (line > 0 && b[line - 1] != '\n') {
        line--;
    }
    uint32_t indent = lo - line;
    // Back a line at a time from the statement's line till the lines hold the lead-in: the
    // opener, the first statement's line and the rest of their line breaks.
    uint32_t at = line;
    uint32_t breaks = 0;
    while (breaks < 2 || line - at < opener_len + indent + 1 + (breaks - 1)) {
        if (at == 0) {
            return NULL;
        }
        at--;
        breaks += b[at] == '\n';
        while (at > 0 && b[at - 1] != '\n') {
            at--;
        }
    }
    uint32_t len = line - at;
    char *bytes = rv_xmalloc(len);
    memcpy(bytes, opener, opener_len);
    memset(bytes + opener_len, ' ', len - opener_len);
    bytes[opener_len + indent] = '_';
    memset(bytes + len - (breaks - 1), '\n', breaks - 1);
    struct lead_in_input in = {text, at, line, bytes};
    TSTree *tree = parse_with_lead_in(parser, text, whole, &in, rv_text_point(text, at), hi);
    free(bytes);
    return tree;
}

// Is there a '\r' not followed by '\n' in the first `byte` bytes of the text?
static bool has_lone_cr(const struct rv_text *text, size_t byte) {
    const char *b = text->bytes;
    for (const char *p = memchr(b, '\r', byte); p != NULL;
         p = memchr(p + 1, '\r', byte - (size_t)(p + 1 - b))) {
        if ((size_t)(p + 1 - b) >= text->len || p[1] != '\n') {
            return true;
        }
    }
    return false;
}

TSPoint rv_text_point(const struct rv_text *text, size_t byte) {
    if (byte > text->len) {
        byte = text->len;
    }
    if (text->lone_crs == 0 || !has_lone_cr(text, byte)) {
        // Every line break before `byte` ends in '\n': the text's lines are tree-sitter's.
        size_t line = rv_text_line_of(text, byte);
        return (TSPoint){(uint32_t)line, (uint32_t)(byte - text->line_starts[line])};
    }
    const char *b = text->bytes;
    uint32_t row = 0;
    size_t line_start = 0;
    for (const char *p = memchr(b, '\n', byte); p != NULL;
         p = memchr(p + 1, '\n', byte - (size_t)(p + 1 - b))) {
        row++;
        line_start = (size_t)(p + 1 - b);
    }
    return (TSPoint){row, (uint32_t)(byte - line_start)};
}

TSInputEdit rv_parse_edit_begin(const struct rv_text *before, size_t start, size_t old_end,
                                size_t new_len) {
    TSInputEdit edit = {
        .start_byte = (uint32_t)start,
        .old_end_byte = (uint32_t)old_end,
        .new_end_byte = (uint32_t)(start + new_len),
        .start_point = rv_text_point(before, start),
        .old_end_point = rv_text_point(before, old_end),
    };
    return edit;
}

void rv_parse_edit_end(TSInputEdit *edit, const struct rv_text *after) {
    edit->new_end_point = rv_text_point(after, edit->new_end_byte);
}

bool rv_node_move_agrees(TSNode n, const TSInputEdit *edits, size_t count) {
    TSNode lib = n;
    TSNode fast = n;
    for (size_t e = 0; e < count; e++) {
        ts_node_edit(&lib, &edits[e]);
        rv_node_move_start(&fast, &edits[e]);
    }
    TSPoint p = ts_node_start_point(lib);
    return memcmp(&lib, &fast, sizeof(lib)) == 0 && ts_node_start_byte(lib) == fast.context[0] &&
           p.row == fast.context[1] && p.column == fast.context[2];
}

// The slot's content: the subtree's pointer (8-byte aligned), or an inline leaf's bits, whose
// first is set.
static bool slot_pointer(TSNode n, uint64_t *out) {
    if (n.id == NULL) {
        return false;
    }
    memcpy(out, n.id, sizeof(*out));
    return *out != 0 && (*out & 1) == 0;
}

bool rv_node_same_subtree(TSNode a, TSNode b) {
    uint64_t x;
    uint64_t y;
    return slot_pointer(a, &x) && slot_pointer(b, &y) && x == y;
}

bool rv_node_same_works(void) {
    // Asked by whichever thread analyses first: the answer is the same for all.
    static atomic_int known = -1;
    int answer = atomic_load(&known);
    if (answer >= 0) {
        return answer;
    }
    int works;
    static const char src[] = "def f(a):\n    return a\n";
    TSParser *parser = rv_python_parser_create();
    TSTree *one = ts_parser_parse_string(parser, NULL, src, sizeof(src) - 1);
    TSTree *two = ts_parser_parse_string(parser, NULL, src, sizeof(src) - 1);
    TSTree *copy = one ? ts_tree_copy(one) : NULL;
    works = 0;
    if (one && two && copy) {
        TSNode r1 = ts_tree_root_node(one);
        TSNode def1 = ts_node_child(r1, 0);
        TSNode def2 = ts_node_child(ts_tree_root_node(two), 0);
        TSNode defc = ts_node_child(ts_tree_root_node(copy), 0);
        // The copy shares every subtree (its nodes have the same ids), a second parse none,
        // and a node is not its own child.
        works = rv_node_same_subtree(r1, ts_tree_root_node(copy)) &&
                rv_node_same_subtree(def1, defc) && !rv_node_same_subtree(def1, def2) &&
                !rv_node_same_subtree(r1, def1) &&
                !rv_node_same_subtree(def1, ts_node_child(def1, 0));
    }
    TSTree *trees[] = {copy, one, two};
    for (size_t i = 0; i < 3; i++) {
        if (trees[i]) {
            ts_tree_delete(trees[i]);
        }
    }
    ts_parser_delete(parser);
    atomic_store(&known, works);
    return works;
}
