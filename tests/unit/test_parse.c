// SPDX-License-Identifier: MIT
// The tree-sitter glue: rv_node_move_start moves every node of a parsed module exactly as
// ts_node_edit does, under seeded random edits (one line or several, inserted, deleted or
// replaced, before, inside and after each node, on the node's own row and on others); the tree
// arena gives the trees a plain parse gives; a statement parsed alone is the whole text's and
// takes the whole tree's nodes.
#include "check.h"
#include "reviewls/parse.h"
#include "reviewls/text.h"
#include "reviewls/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static const char sample[] = "import os\n"
                             "\n"
                             "\n"
                             "class Store:\n"
                             "    \"\"\"Keeps\n"
                             "    values.\"\"\"\n"
                             "\n"
                             "    def get(self, key: str) -> int:\n"
                             "        return self.data[key]  # the value\n"
                             "\n"
                             "\n"
                             "def helper(a, b=(1,\n"
                             "                2)):\n"
                             "    x = a + b[0]; y = os.path.join('a',\n"
                             "                                    'b')\n"
                             "    return x, y\n";

static uint32_t next_random(uint32_t *state) {
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

// Calls fn on every node of the tree, in pre-order, until it returns false.
static void each_node(TSNode root, bool (*fn)(TSNode, void *), void *ud) {
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    bool more = true;
    while (more && fn(ts_tree_cursor_current_node(&cursor), ud)) {
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                more = false;
                break;
            }
        }
    }
    ts_tree_cursor_delete(&cursor);
}

struct node_list {
    TSNode *items;
    size_t len, cap;
};

static bool collect_one(TSNode n, void *ud) {
    struct node_list *l = ud;
    l->items[l->len++] = n;
    return l->len < l->cap;
}

// Every node of the tree, in pre-order (at most `cap`).
static size_t collect(TSNode root, TSNode *out, size_t cap) {
    struct node_list l = {out, 0, cap};
    if (cap > 0) {
        each_node(root, collect_one, &l);
    }
    return l.len;
}

// A random edit of `text`: a replacement of up to 12 bytes by up to 12 of "ab\n ".
static TSInputEdit random_edit(const struct rv_text *text, uint32_t *seed) {
    static const char alphabet[] = "ab\n ";
    size_t start = next_random(seed) % (text->len + 1);
    size_t old_end = start + next_random(seed) % 13;
    old_end = old_end > text->len ? text->len : old_end;
    size_t new_len = next_random(seed) % 13;
    char repl[16];
    for (size_t i = 0; i < new_len; i++) {
        repl[i] = alphabet[next_random(seed) % 4];
    }
    TSInputEdit edit = rv_parse_edit_begin(text, start, old_end, new_len);
    struct rv_text after;
    rv_text_init(&after, text->bytes, text->len);
    rv_text_replace(&after, start, old_end, repl, new_len);
    rv_parse_edit_end(&edit, &after);
    rv_text_finish(&after);
    return edit;
}

static void test_node_move(void) {
    struct rv_text text;
    rv_text_init(&text, sample, sizeof(sample) - 1);
    TSParser *parser = rv_python_parser_create();
    TSTree *tree = rv_parse_text(parser, &text, NULL);
    TSNode nodes[1024];
    size_t n = collect(ts_tree_root_node(tree), nodes, RV_ARRAY_LEN_TEST(nodes));
    CHECK(n > 100);
    uint32_t seed = 7;
    size_t differ = 0;
    size_t moved_column = 0; /* nodes on an edit's last row whose column moved */
    size_t inside = 0;       /* nodes whose start the edit replaced */
    for (int round = 0; round < 400; round++) {
        TSInputEdit edits[2] = {random_edit(&text, &seed), random_edit(&text, &seed)};
        size_t count = 1 + (size_t)(round % 2); // one edit, or two in turn
        for (size_t i = 0; i < n; i++) {
            TSNode lib = nodes[i];
            TSNode fast = nodes[i];
            for (size_t e = 0; e < count; e++) {
                ts_node_edit(&lib, &edits[e]);
                rv_node_move_start(&fast, &edits[e]);
            }
            bool same = memcmp(&lib, &fast, sizeof(lib)) == 0 &&
                        ts_node_start_byte(lib) == ts_node_start_byte(fast) &&
                        ts_node_start_point(lib).row == ts_node_start_point(fast).row &&
                        ts_node_start_point(lib).column == ts_node_start_point(fast).column;
            differ += !same;
            CHECK(rv_node_move_agrees(nodes[i], edits, count));
            uint32_t b = ts_node_start_byte(nodes[i]);
            moved_column += count == 1 && b >= edits[0].old_end_byte &&
                            ts_node_start_point(nodes[i]).row == edits[0].old_end_point.row &&
                            edits[0].new_end_point.column != edits[0].old_end_point.column;
            inside += count == 1 && b > edits[0].start_byte && b < edits[0].old_end_byte;
        }
    }
    CHECK_EQ_INT(differ, 0);
    // The cases the arithmetic tells apart all came up.
    CHECK(moved_column > 0);
    CHECK(inside > 0);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
    rv_text_finish(&text);
}

// A hash of every node's symbol and bytes, in pre-order.
static bool hash_one(TSNode n, void *ud) {
    uint64_t *h = ud;
    *h = (*h ^ ts_node_symbol(n)) * 1099511628211ULL;
    *h = (*h ^ ts_node_start_byte(n)) * 1099511628211ULL;
    *h = (*h ^ ts_node_end_byte(n)) * 1099511628211ULL;
    return true;
}

static uint64_t tree_hash(TSTree *tree) {
    uint64_t h = 1469598103934665603ULL;
    each_node(ts_tree_root_node(tree), hash_one, &h);
    return h;
}

static uint64_t parse_hash(const struct rv_text *text) {
    TSParser *parser = rv_python_parser_create();
    TSTree *tree = rv_parse_text(parser, text, NULL);
    uint64_t h = tree_hash(tree);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
    return h;
}

// The tree arena: trees parsed inside one, used again for texts smaller and larger than the
// last (its chunks reused, then grown), are the trees parsed outside; they were the arena's;
// and what tree-sitter allocated before entering is freed for real inside (ASan's leak check).
static void test_tree_arena(void) {
    const size_t copies[] = {400, 20, 3000, 1};
    struct rv_tree_arena *arena = rv_tree_arena_new();
    TSParser *outside = rv_python_parser_create();
    size_t high = 0;
    for (size_t c = 0; c < sizeof(copies) / sizeof(copies[0]); c++) {
        struct rv_strbuf sb = {0};
        for (size_t i = 0; i < copies[c]; i++) {
            rv_strbuf_puts(&sb, sample);
        }
        struct rv_text text;
        CHECK_EQ_INT(rv_text_init(&text, sb.data, sb.len), 0);
        uint64_t want = parse_hash(&text);
        TSTree *before = rv_parse_text(outside, &text, NULL); // not the arena's
        rv_tree_arena_enter(arena);
        ts_tree_delete(before);
        uint64_t got = parse_hash(&text);
        rv_tree_arena_leave(arena);
        CHECK(got == want);
        // A parse holds more than its text: the parser's and the tree's memory was the arena's.
        CHECK(rv_tree_arena_high_water(arena) >= high);
        high = rv_tree_arena_high_water(arena);
        CHECK(high > sb.len);
        rv_text_finish(&text);
        rv_strbuf_finish(&sb);
    }
    ts_parser_delete(outside);
    rv_tree_arena_free(arena);
}

// rv_node_same_subtree tells the statements an incremental parse took over from the old tree
// (the same subtree, shared) from the one it parsed again and from a fresh parse's.
static void test_same_subtree(void) {
    CHECK(rv_node_same_works());
    TSParser *parser = rv_python_parser_create();
    struct rv_text text;
    CHECK_EQ_INT(rv_text_init(&text, sample, sizeof(sample) - 1), 0);
    TSTree *old = rv_parse_text(parser, &text, NULL);
    TSTree *kept = ts_tree_copy(old); // as the analysis keeps the tree it walked
    // A character typed into `helper`'s body.
    size_t at = (size_t)(strstr(sample, "return x, y") - sample) + 7;
    TSInputEdit edit = rv_parse_edit_begin(&text, at, at, 1);
    CHECK_EQ_INT(rv_text_replace(&text, at, at, "z", 1), 0);
    rv_parse_edit_end(&edit, &text);
    ts_tree_edit(old, &edit);
    TSTree *now = rv_parse_text(parser, &text, old);
    TSTree *fresh = rv_parse_text(parser, &text, NULL);
    TSNode kept_root = ts_tree_root_node(kept);
    TSNode now_root = ts_tree_root_node(now);
    TSNode fresh_root = ts_tree_root_node(fresh);
    // The import and the class come before the edit: shared; `helper` holds it: parsed again.
    for (uint32_t i = 0; i < 2; i++) {
        CHECK(rv_node_same_subtree(ts_node_named_child(now_root, i),
                                   ts_node_named_child(kept_root, i)));
        CHECK(!rv_node_same_subtree(ts_node_named_child(now_root, i),
                                    ts_node_named_child(fresh_root, i)));
    }
    CHECK(
        !rv_node_same_subtree(ts_node_named_child(now_root, 2), ts_node_named_child(kept_root, 2)));
    ts_tree_delete(fresh);
    ts_tree_delete(now);
    ts_tree_delete(old);
    ts_tree_delete(kept);
    rv_text_finish(&text);
    ts_parser_delete(parser);
}

// Whether two subtrees hold the same node kinds over the same bytes from the same points.
static bool same_nodes(TSNode a, TSNode b) {
    uint32_t n = ts_node_child_count(a);
    TSPoint pa = ts_node_start_point(a);
    TSPoint pb = ts_node_start_point(b);
    if (ts_node_symbol(a) != ts_node_symbol(b) || ts_node_start_byte(a) != ts_node_start_byte(b) ||
        ts_node_end_byte(a) != ts_node_end_byte(b) || pa.row != pb.row || pa.column != pb.column ||
        n != ts_node_child_count(b)) {
        return false;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (!same_nodes(ts_node_child(a, i), ts_node_child(b, i))) {
            return false;
        }
    }
    return true;
}

// The sample parsed, a copy of that tree kept, then `ins` typed `offset` bytes into the first
// occurrence of `where`, the tree edited to it (not reparsed), as a document's before the
// statements around an edit are parsed alone.
struct edited_sample {
    TSParser *parser;
    TSParser *part;
    struct rv_text text;
    TSTree *whole;
    TSTree *kept;
};

static void edit_sample(struct edited_sample *es, const char *where, size_t offset,
                        const char *ins) {
    es->parser = rv_python_parser_create();
    es->part = rv_python_parser_create();
    CHECK_EQ_INT(rv_text_init(&es->text, sample, sizeof(sample) - 1), 0);
    es->whole = rv_parse_text(es->parser, &es->text, NULL);
    es->kept = ts_tree_copy(es->whole);
    size_t at = (size_t)(strstr(sample, where) - sample) + offset;
    TSInputEdit edit = rv_parse_edit_begin(&es->text, at, at, strlen(ins));
    CHECK_EQ_INT(rv_text_replace(&es->text, at, at, ins, strlen(ins)), 0);
    rv_parse_edit_end(&edit, &es->text);
    ts_tree_edit(es->whole, &edit);
}

static void finish_sample(struct edited_sample *es) {
    ts_tree_delete(es->kept);
    ts_tree_delete(es->whole);
    rv_text_finish(&es->text);
    ts_parser_delete(es->part);
    ts_parser_delete(es->parser);
}

// rv_parse_statements: the class parsed alone after an edit in its docstring is a fresh
// parse's class, node for node and point for point, behind its lead-in; and its method, which
// the edit did not touch, is the whole tree's own subtree (tree-sitter took it over: without
// the lead-in it parses the class again). The first statement has no lead-in.
static void test_parse_statements(void) {
    struct edited_sample es;
    edit_sample(&es, "Keeps", 2, "z");
    uint32_t lo = (uint32_t)(strstr(es.text.bytes, "class Store") - es.text.bytes);
    uint32_t hi = (uint32_t)(strstr(es.text.bytes, "def helper") - es.text.bytes);
    TSTree *alone = rv_parse_statements(es.part, &es.text, es.whole, lo, hi);
    TSTree *fresh = rv_parse_text(es.parser, &es.text, NULL);
    CHECK(alone != NULL);
    TSNode root = ts_tree_root_node(alone);
    CHECK(!ts_node_has_error(root));
    uint32_t first = 0; // past the lead-in's statement, before `lo`
    while (first < ts_node_child_count(root) && ts_node_end_byte(ts_node_child(root, first)) < lo) {
        first++;
    }
    CHECK_EQ_INT(first, 1);
    CHECK_EQ_INT(ts_node_child_count(root), 2);
    TSNode cls = ts_node_child(root, first);
    TSNode fresh_cls = ts_node_named_child(ts_tree_root_node(fresh), 1);
    CHECK(same_nodes(cls, fresh_cls));
    TSNode body = ts_node_child_by_field_name(cls, "body", 4);
    TSNode kept_body =
        ts_node_child_by_field_name(ts_node_named_child(ts_tree_root_node(es.kept), 1), "body", 4);
    TSNode method = ts_node_named_child(body, 1);
    CHECK(strcmp(ts_node_type(method), "function_definition") == 0);
    CHECK(rv_node_same_subtree(method, ts_node_named_child(kept_body, 1)));
    CHECK(!rv_node_same_subtree(
        method, ts_node_named_child(ts_node_child_by_field_name(fresh_cls, "body", 4), 1)));
    ts_tree_delete(alone);
    // The first statement, at byte 0: no lead-in.
    uint32_t import_end = (uint32_t)(strchr(es.text.bytes, '\n') - es.text.bytes) + 1;
    alone = rv_parse_statements(es.part, &es.text, es.whole, 0, import_end);
    CHECK_EQ_INT(ts_node_child_count(ts_tree_root_node(alone)), 1);
    CHECK(same_nodes(ts_node_child(ts_tree_root_node(alone), 0),
                     ts_node_child(ts_tree_root_node(fresh), 0)));
    ts_tree_delete(alone);
    ts_tree_delete(fresh);
    // A statement typed in the blank lines after the first, at its place (parsed from the
    // es.whole tree, `rvbench units` found such a statement two rows too low after some edit
    // histories, which this text does not reproduce: such spans are parsed from scratch).
    TSInputEdit typed = rv_parse_edit_begin(&es.text, import_end, import_end, 1);
    CHECK_EQ_INT(rv_text_replace(&es.text, import_end, import_end, "x", 1), 0);
    rv_parse_edit_end(&typed, &es.text);
    ts_tree_edit(es.whole, &typed);
    uint32_t class_start = (uint32_t)(strstr(es.text.bytes, "class Store") - es.text.bytes);
    alone = rv_parse_statements(es.part, &es.text, es.whole, 0, class_start);
    fresh = rv_parse_text(es.parser, &es.text, NULL);
    CHECK_EQ_INT(ts_node_child_count(ts_tree_root_node(alone)), 2);
    for (uint32_t i = 0; i < 2; i++) {
        CHECK(same_nodes(ts_node_child(ts_tree_root_node(alone), i),
                         ts_node_child(ts_tree_root_node(fresh), i)));
    }
    ts_tree_delete(alone);
    ts_tree_delete(fresh);
    finish_sample(&es);
}

// rv_parse_class_statement: a method of a class, parsed alone after an edit in its body, is a
// fresh parse's method, node for node and point for point (the lines before it, the class's
// own line and docstring, read as a stand-in head `class _:` with a first statement `_`); its
// parameters, which the edit did not touch, are the whole tree's own subtree (tree-sitter took
// them over). Lines too short for the stand-in (the statement on the file's second line): no
// tree.
static void test_parse_class_statement(void) {
    struct edited_sample es;
    edit_sample(&es, "self.data", 5, "z");
    uint32_t lo = (uint32_t)(strstr(es.text.bytes, "def get") - es.text.bytes);
    uint32_t hi = (uint32_t)(strstr(es.text.bytes, "def helper") - es.text.bytes);
    TSTree *alone = rv_parse_class_statement(es.part, &es.text, es.whole, lo, hi);
    TSTree *fresh = rv_parse_text(es.parser, &es.text, NULL);
    CHECK(alone != NULL);
    TSNode root = ts_tree_root_node(alone);
    CHECK(!ts_node_has_error(root));
    CHECK_EQ_INT(ts_node_child_count(root), 1);
    TSNode stand_in = ts_node_child(root, 0);
    CHECK(strcmp(ts_node_type(stand_in), "class_definition") == 0);
    CHECK(ts_node_start_byte(stand_in) < lo);
    TSNode block = ts_node_child_by_field_name(stand_in, "body", 4);
    CHECK_EQ_INT(ts_node_child_count(block), 2);
    CHECK(strcmp(ts_node_type(ts_node_child(block, 0)), "expression_statement") == 0);
    TSNode method = ts_node_child(block, 1);
    TSNode fresh_body =
        ts_node_child_by_field_name(ts_node_named_child(ts_tree_root_node(fresh), 1), "body", 4);
    CHECK(same_nodes(method, ts_node_named_child(fresh_body, 1)));
    TSNode kept_body =
        ts_node_child_by_field_name(ts_node_named_child(ts_tree_root_node(es.kept), 1), "body", 4);
    TSNode params = ts_node_child_by_field_name(method, "parameters", 10);
    CHECK(rv_node_same_subtree(
        params, ts_node_child_by_field_name(ts_node_named_child(kept_body, 1), "parameters", 10)));
    ts_tree_delete(alone);
    uint32_t second = (uint32_t)(strchr(es.text.bytes, '\n') - es.text.bytes) + 1;
    CHECK(rv_parse_class_statement(es.part, &es.text, es.whole, second, second + 1) == NULL);
    ts_tree_delete(fresh);
    finish_sample(&es);
}

int main(void) {
    rv_parse_global_init();
    test_node_move();
    test_tree_arena();
    test_same_subtree();
    test_parse_statements();
    test_parse_class_statement();
    return CHECK_DONE();
}
